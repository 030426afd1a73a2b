"""Validating a follow-up workbook: the contract chosen by Grunddata's Rapport, its sheets,
lists and sense checks, and the follow-up's own checks, each with its cell and its Swedish
message. Workbooks from our template writer, from openpyxl directly, as Excel writes XML,
and as LibreOffice re-saves them."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest

from pipeline.check.workbook import check
from pipeline.common.findings import Findings
from pipeline.spec.config import KommunConfig, load_config
from pipeline.spec.followup import FOLLOWUP
from pipeline.workbooks.followup import make_followup
from pipeline.workbooks.template import build_workbook

from .conftest import EXAMPLE, ROOT, SECOND

DELARSRAPPORT = ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx"
VERKSAMHETSBERATTELSE = (
    ROOT / "tests" / "fixtures" / "kultur-och-fritidsnamnden-verksamhetsberattelse-2026.xlsx"
)
DELARSRAPPORT_TKR = (
    ROOT / "tests" / "fixtures" / "sjobacka" / "barn-och-utbildningsnamnden-delarsrapport-2026.xlsx"
)
GOALS = ("Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet", "Stolthet")
M, NB = "\u2212", "\u00a0"  # the minus sign and the no-break space amounts are shown with

BASE_GRUNDDATA = {"Nämnd": "Provnämnden", "Rapport": "Delårsrapport",
                  "Period till och med": "Augusti"}  # fmt: skip
# Every part of the kommun's [uppfoljning] filled (an empty one is warned about), Åtgärder
# apart (filled only for a deficit).
BASE_ROWS: dict[str, list[list[Any]]] = {
    "Sammanfattning": [
        ["Sammanfattning", "Nämnden följer sin plan."],
        ["Väsentliga händelser", "Inga."],
        ["Förväntad utveckling", "Stabil."],
        ["Personal", "Oförändrad."],
    ],
    "Utvecklingsmål": [["Ett mål", None, "Strategi.", "Ja", "Nej", "Uppfyllt", "Analys."]],
    "Nyckeltal": [["Grunduppdrag", "Väntetid", "dagar", 12, 11, 10]],
    "Satsningar och uppdrag": [["Uppdrag", "Ett uppdrag", "Text.", "Pågår", "Kommentar."]],
    "Volymer": [["Placeringar", 10, 12, 8, 11]],
    "Investeringsredovisning": [["Inventarier", -1.0, -0.4, -1.0]],
    "Måluppföljning": [[g, "Uppfyllt", f"Analys av {g}."] for g in GOALS],
    # Verksamhet, Bokslut 2023, Budget 2024, Utfall 2024 (jan–aug), Prognos 2024
    "Driftsredovisning": [
        ["Verksamhet A", -11.0, -12.0, -8.0, -12.0],
        ["Verksamhet B", -21.0, -22.0, -14.6, -21.5],
        ["Intäkter", 5.0, 5.5, 3.7, 5.5],
    ],
}


def follow_up(tmp_path: Path, cfg: KommunConfig, rows: Mapping[str, Sequence[Sequence[Any]]]
              | None = None, grunddata: Mapping[str, Any] | None = None,
              edit: Callable[[Any], None] | None = None, name: str = "uppf.xlsx") -> Path:  # fmt: skip
    """A complete, valid Delårsrapport 2024 of a small nämnd with ``rows`` replacing sheets,
    written by the template writer; ``edit(wb)`` changes it before it is saved."""
    wb = build_workbook(2024, cfg, {**BASE_GRUNDDATA, **(grunddata or {})},
                        {**BASE_ROWS, **(rows or {})}, FOLLOWUP)  # fmt: skip
    if edit is not None:
        edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def said(findings: Findings, where: str) -> list[str]:
    return [f"{f.message} {f.hint}".strip() for f in findings if f.location == where]


def edited(
    source: Path, tmp_path: Path, fn: Callable[[Any], None], name: str = "ändrad.xlsx"
) -> Path:
    wb = openpyxl.load_workbook(source)
    fn(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def clear_rows(ws: Any) -> None:
    ws.delete_rows(2, ws.max_row)


# --- the shipped follow-up workbooks -------------------------------------------------------------


def test_the_example_delarsrapport_validates_without_findings(cfg: KommunConfig) -> None:
    result = check(DELARSRAPPORT, cfg)
    assert [str(f) for f in result.findings] == []
    valid = result.valid
    assert valid is not None and valid.is_followup and valid.contract is FOLLOWUP
    assert (valid.year, valid.report, valid.period) == (2024, "Delårsrapport", "Augusti")


def test_the_example_has_the_plans_verksamheter_and_budget(cfg: KommunConfig) -> None:
    # Read with openpyxl, not our reader: the plan's Driftsbudget (Budget 2024 is column E)
    plan = openpyxl.load_workbook(EXAMPLE)["Driftsbudget"]
    planned = [(r[0], r[4]) for r in plan.iter_rows(min_row=2, values_only=True) if r[0]]
    report = openpyxl.load_workbook(DELARSRAPPORT)["Driftsredovisning"]
    rows = [r[:5] for r in report.iter_rows(min_row=2, values_only=True) if r[0]]
    assert [(r[0], r[2]) for r in rows] == planned
    # Totalt as the example's module docstring states it
    assert round(sum(r[2] for r in rows), 1) == -281.6
    assert round(sum(r[3] for r in rows), 1) == -191.9
    assert round(sum(r[4] for r in rows), 1) == -286.3
    atgarder = openpyxl.load_workbook(DELARSRAPPORT)["Åtgärder"]
    assert [r[1:] for r in atgarder.iter_rows(min_row=2, values_only=True) if r[0]] == [
        (1.4, "Ja"), (0.8, "Ja"), (0.4, "Nej")]  # fmt: skip


def test_every_goal_has_an_assessment_in_the_example(cfg: KommunConfig) -> None:
    valid = check(DELARSRAPPORT, cfg).valid
    assert valid is not None
    assessed = {r["mal"].value: r["bedomning"].value for r in valid.rows["Måluppföljning"]}
    assert assessed == {"Tillsammans skapar vi trygghet": "Delvis uppfyllt",
                        "Samhörighet": "Uppfyllt", "Självständighet": "Delvis uppfyllt",
                        "Stolthet": "Delvis uppfyllt"}  # fmt: skip
    assert all(r["bedomning"].value for r in valid.rows["Utvecklingsmål"])
    assert all(r["status"].value for r in valid.rows["Satsningar och uppdrag"])


def test_the_held_out_verksamhetsberattelse_written_by_openpyxl(cfg: KommunConfig) -> None:
    result = check(VERKSAMHETSBERATTELSE, cfg)
    assert [str(f) for f in result.findings] == []
    valid = result.valid
    assert valid is not None and valid.is_followup
    # typed in lower case, read as the contract spells them
    assert (valid.year, valid.report, valid.period) == (2026, "Verksamhetsberättelse", "December")
    text = valid.rows["Sammanfattning"][0]["text"].value
    assert "budgeterat.\nAv kommunfullmäktiges mål" in text  # _x000D_ + line feed: one break
    drift = valid.rows["Driftsredovisning"]
    assert drift[6]["namn"].value == "Idrotts- och fritidsanläggningar"
    assert drift[6]["utfall"].value == Decimal("-53.85")
    assert all(r["prognos"].value is None for r in drift)
    kpi = valid.rows["Nyckeltal"][0]
    assert (kpi["utfall_fg"].value, kpi["utfall"].value) == (Decimal("89.5"), Decimal("91"))


def test_the_held_out_delarsrapport_of_a_kommun_in_tkr(tmp_path: Path) -> None:
    cfg = load_config(ROOT / "kommuner" / "sjobacka" / "mallar")
    result = check(DELARSRAPPORT_TKR, cfg)
    assert [str(f) for f in result.findings] == []
    valid = result.valid
    assert valid is not None and (valid.year, valid.report, valid.period) == (
        2026, "Delårsrapport", "Augusti")  # fmt: skip
    drift = valid.rows["Driftsredovisning"]
    assert [(r["namn"].value, r["budget"].value, r["prognos"].value) for r in drift][2] == (
        "Grundskola och förskoleklass", Decimal(-433200), Decimal(-435800))  # fmt: skip
    # without its åtgärder, the deficit of 4 200 tkr is warned about in tkr
    path = edited(DELARSRAPPORT_TKR, tmp_path, lambda wb: clear_rows(wb["Åtgärder"]))
    assert [f.message for f in check(path, cfg).findings] == [
        f"Prognosen visar ett underskott på 4{NB}200 tkr mot budget (Totalt på bladet "
        "Driftsredovisning) men bladet Åtgärder är tomt."
    ]


def test_a_plan_is_still_a_plan(cfg: KommunConfig) -> None:
    valid = check(EXAMPLE, cfg).valid
    assert valid is not None and not valid.is_followup
    assert valid.contract.kind == "plan" and valid.report is None and valid.period is None


# --- Grunddata -------------------------------------------------------------------------------------


def grunddata_ref(path: Path, field: str) -> str:
    ws = openpyxl.load_workbook(path)["Grunddata"]
    return next(f"B{c.row}" for c in ws["A"] if c.value == field)


def test_a_report_not_in_the_list_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    path = follow_up(tmp_path, cfg, grunddata={"Rapport": "Årsrapport"})
    ref = grunddata_ref(path, "Rapport")
    findings = check(path, cfg).findings
    assert said(findings, f"Grunddata!{ref}") == [
        '"Årsrapport" är inte en rapport. Välj ett av: Tertialrapport, Delårsrapport, '
        "Verksamhetsberättelse."
    ]


def test_a_period_the_report_does_not_end_in_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    path = follow_up(tmp_path, cfg, grunddata={"Period till och med": "Juni"})
    ref = grunddata_ref(path, "Period till och med")
    rapport = grunddata_ref(path, "Rapport")
    assert said(check(path, cfg).findings, f"Grunddata!{ref}") == [
        "Period till och med är Juni, men en delårsrapport gäller perioden till och med "
        f"augusti. Skriv Augusti i Period till och med, eller rätta Rapport (Grunddata!{rapport})."
    ]


def test_a_tertialrapport_may_end_in_march_or_april(tmp_path: Path, cfg: KommunConfig) -> None:
    for month, ok in (("Mars", True), ("April", True), ("Maj", False)):
        path = follow_up(tmp_path, cfg, grunddata={"Rapport": "Tertialrapport",
                                                   "Period till och med": month})  # fmt: skip
        ref = grunddata_ref(path, "Period till och med")
        assert (said(check(path, cfg).findings, f"Grunddata!{ref}") == []) is ok, month


def test_a_missing_period_field_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    def drop(wb: Any) -> None:
        ws = wb["Grunddata"]
        row = next(c.row for c in ws["A"] if c.value == "Period till och med")
        ws.delete_rows(row)

    path = follow_up(tmp_path, cfg, edit=drop)
    assert said(check(path, cfg).findings, "Grunddata") == [
        "Fältet Period till och med saknas i kolumn Fält. Lägg till en rad med Period till och "
        "med. Periodens sista månad: Mars eller April (tertial), Augusti (delår), December "
        "(verksamhetsberättelse)."
    ]


def test_prognosmanad_is_not_required_in_a_follow_up(tmp_path: Path, cfg: KommunConfig) -> None:
    findings = check(follow_up(tmp_path, cfg), cfg).findings
    assert not [f for f in findings if "Prognosmånad" in f.message]


# --- sheets, headers and lists ---------------------------------------------------------------------


def test_a_misspelt_follow_up_sheet_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    def rename(wb: Any) -> None:
        wb["Driftsredovisning"].title = "Driftredovisning"

    findings = check(follow_up(tmp_path, cfg, edit=rename), cfg).findings
    assert said(findings, "Driftsredovisning") == [
        'Bladet "Driftsredovisning" saknas; det finns ett blad som heter "Driftredovisning". '
        'Byt namn på bladet till "Driftsredovisning".'
    ]


def test_a_plan_sheet_is_not_asked_for_in_a_follow_up(tmp_path: Path, cfg: KommunConfig) -> None:
    findings = check(follow_up(tmp_path, cfg), cfg).findings
    assert not [f for f in findings if f.sheet in ("Målbild", "Driftsbudget", "Grunduppdrag")]


def test_a_follow_up_for_another_year_names_the_follow_up_template(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def year(wb: Any) -> None:
        ws = wb["Grunddata"]
        next(c for c in ws["A"] if c.value == "Budgetår").offset(0, 1).value = 2025

    # 15 year headers: Nyckeltal 3, Volymer 4, Driftsredovisning 4, Investeringsredovisning 3,
    # Åtgärder 1
    path = follow_up(tmp_path, cfg, edit=year)
    ref = grunddata_ref(path, "Budgetår")
    assert said(check(path, cfg).findings, f"Grunddata!{ref}") == [
        "Budgetår är 2025, men rubrikerna på bladen är skrivna för budgetår 2024 (15 "
        'rubriker, t.ex. "Utfall 2023" i Nyckeltal!D1 där det ska stå "Utfall 2024"). Gäller '
        "arbetsboken 2024: skriv 2024 i Budgetår. Gäller den 2025: hämta en ny mall med "
        "namndplan template --year 2025 --rapport Delårsrapport och flytta över uppgifterna, "
        "eller rätta årtalen i rubrikerna."
    ]


def test_a_header_with_last_years_year_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    def header(wb: Any) -> None:
        wb["Driftsredovisning"]["D1"] = "Utfall 2023"

    findings = check(follow_up(tmp_path, cfg, edit=header), cfg).findings
    assert said(findings, "Driftsredovisning!D1") == [
        'Rubriken "Utfall 2023" har fel år: den ska vara "Utfall 2024" eftersom Budgetår är '
        "2024. Rätta året i rubriken, eller Budgetår i Grunddata."
    ]


@pytest.mark.parametrize(
    ("sheet", "rows", "where", "message"),
    [
        ("Måluppföljning", [["Stolthet", "Bra", None]], "Måluppföljning!B2",
         '"Bra" är inte ett tillåtet värde för Bedömning. Välj ett av: Uppfyllt, Delvis '
         "uppfyllt, Ej uppfyllt, Kan inte bedömas."),
        ("Måluppföljning", [["Gemenskap", "Uppfyllt", None]], "Måluppföljning!A2",
         '"Gemenskap" är inte ett tillåtet värde för Mål. Välj ett av: Tillsammans skapar vi '
         "trygghet, Samhörighet, Självständighet, Stolthet."),
        ("Satsningar och uppdrag", [["Uppdrag", "Ett uppdrag", "Text.", "Klar", None]],
         "Satsningar och uppdrag!D2",
         '"Klar" är inte ett tillåtet värde för Status. Välj ett av: Genomfört, Pågår, Ej '
         "påbörjat, Avbrutet."),
        ("Sammanfattning", [["Sammanfattning", "Text."], ["Inledning", "Text."]],
         "Sammanfattning!A3",
         '"Inledning" är inte ett tillåtet värde för Avsnitt. Välj ett av: Sammanfattning, '
         "Väsentliga händelser, Förväntad utveckling, Personal."),
        ("Åtgärder", [["Färre konsulter.", 0.5, "Kanske"]], "Åtgärder!C2",
         '"Kanske" är inte ett tillåtet värde för Beslutad. Välj ett av: Ja, Nej.'),
        ("Kommentarer", [["Driftsbudget", None, "Text."]], "Kommentarer!A2",
         '"Driftsbudget" är inte ett tillåtet värde för Avsnitt. Välj ett av: Volymer, '
         "Driftsredovisning, Investeringsredovisning."),
        ("Driftsredovisning", [["Verksamhet A", -11.0, -12.0, "åtta", -12.0]],
         "Driftsredovisning!D2",
         '"åtta" är inte ett belopp. Belopp i Mnkr med en decimal, kostnader negativa, t.ex. '
         "-52,4. Lämna tomt om uppgift saknas."),
        ("Utvecklingsmål", [["Ett mål", None, "Strategi.", "Ja", "Ja", "Delvis", None]],
         "Utvecklingsmål!F2",
         '"Delvis" är inte ett tillåtet värde för Bedömning. Välj ett av: Uppfyllt, Delvis '
         "uppfyllt, Ej uppfyllt, Kan inte bedömas."),
    ],
)  # fmt: skip
def test_closed_lists_and_kinds_of_the_follow_up(
    sheet: str, rows: list[list[Any]], where: str, message: str, tmp_path: Path,
    cfg: KommunConfig,
) -> None:  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows={sheet: rows}), cfg).findings
    assert said(findings, where) == [message]
    assert [f for f in findings if f.location == where][0].is_error


def test_an_empty_required_text_says_what_to_do_in_the_reports_words(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Sammanfattning": [["Sammanfattning", "Text."], ["Personal", None]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Sammanfattning!B3") == [
        "Text måste fyllas i. Skriv texten i cellen, eller ta bort raden om den inte ska vara "
        "med i rapporten."
    ]


def test_lists_are_matched_whatever_the_case(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Måluppföljning": [[g.upper(), "delvis uppfyllt", None] for g in GOALS]}
    result = check(follow_up(tmp_path, cfg, rows=rows), cfg)
    assert result.findings.errors == []
    assert {r["bedomning"].value for r in result.valid.rows["Måluppföljning"]} == {
        "Delvis uppfyllt"
    }


# --- the follow-up's own checks --------------------------------------------------------------------


def test_the_sammanfattning_row_is_required(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Sammanfattning": [["Personal", "Sjukfrånvaron minskar."]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Sammanfattning!A3") == [
        "Raden Sammanfattning saknas: rapporten börjar med nämndens sammanfattning. Lägg till "
        "en rad med Avsnitt Sammanfattning och texten i kolumn Text."
    ]
    assert findings.errors[0].location == "Sammanfattning!A3"


def test_a_forecast_deficit_without_measures_names_the_atgarder_sheet(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    path = edited(DELARSRAPPORT, tmp_path, lambda wb: clear_rows(wb["Åtgärder"]))
    findings = check(path, cfg).findings
    assert said(findings, "Åtgärder!A2") == [
        "Prognosen visar ett underskott på 4,7 Mnkr mot budget (Totalt på bladet "
        "Driftsredovisning) men bladet Åtgärder är tomt. Beskriv på bladet Åtgärder vad "
        "nämnden gör åt underskottet: åtgärden, dess effekt (Effekt 2024) och om den är "
        "beslutad. Kommunen förväntar sig en åtgärdsplan vid ett befarat underskott."
    ]
    assert len(findings) == 1 and not findings.has_errors


def test_a_deficit_in_a_verksamhetsberattelse_is_the_outcomes(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    path = edited(VERKSAMHETSBERATTELSE, tmp_path, lambda wb: clear_rows(wb["Åtgärder"]))
    assert [f.message for f in check(path, cfg).findings] == [
        "Utfallet visar ett underskott på 1,3 Mnkr mot budget (Totalt på bladet "
        "Driftsredovisning) men bladet Åtgärder är tomt."
    ]


def test_no_deficit_no_warning_about_measures(tmp_path: Path, cfg: KommunConfig) -> None:
    # Prognos -12,0 -21,5 +5,5 against Budget -12,0 -22,0 +5,5: a surplus of 0,5
    findings = check(follow_up(tmp_path, cfg), cfg).findings
    assert [str(f) for f in findings] == []


def test_a_deficit_in_a_kommun_in_tkr_is_said_in_tkr(tmp_path: Path) -> None:
    cfg = load_config(ROOT / "kommuner" / "sjobacka" / "mallar")
    out = make_followup(ROOT / "kommuner" / "sjobacka" / "indata" /
                        "barn-och-utbildningsnamnden-2026.xlsx", "Delårsrapport", cfg,
                        tmp_path / "bun.xlsx")  # fmt: skip

    def forecast(wb: Any) -> None:
        ws = wb["Driftsredovisning"]
        for row in range(2, ws.max_row + 1):
            if ws.cell(row, 3).value is not None:
                ws.cell(row, 5, ws.cell(row, 3).value)
        ws["E3"] = -205100  # Förskola: 1 500 tkr over its budget of -203 600

    path = edited(out, tmp_path, forecast)
    assert [f.message for f in check(path, cfg).findings if f.location == "Åtgärder!A2"] == [
        f"Prognosen visar ett underskott på 1{NB}500 tkr mot budget (Totalt på bladet "
        "Driftsredovisning) men bladet Åtgärder är tomt."
    ]


def test_an_outcome_far_beyond_the_periods_share_names_its_cell(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # Budget -12,0 for the year; by August 8/12 of it, -8,0, is expected: -12,5 is 104 %
    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -12.5, -13.0],
                                  ["Verksamhet B", -21.0, -22.0, -14.6, -21.5]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Driftsredovisning!D2") == [
        f'Utfallet {M}12,5 Mnkr (Utfall 2024) för "Verksamhet A" är 104{NB}% av '
        f"helårsbudgeten ({M}12,0 Mnkr); för perioden januari–augusti (8 av 12 månader) "
        f"väntas omkring {M}8,0 Mnkr. Kontrollera att utfallet gäller perioden till och med "
        "augusti (Period till och med på bladet Grunddata) och är skrivet i Mnkr; är det rätt "
        "kan varningen lämnas."
    ]
    assert said(findings, "Driftsredovisning!D3") == []  # -14,6 of -22,0: about 8/12


def test_the_share_is_the_periods_and_the_factor_the_kommuns(
    tmp_path: Path, cfg: KommunConfig, own_templates: Any
) -> None:
    # A Tertialrapport to April: 4/12 of -12,0 is -4,0; 1,5 x that is -6,0.
    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -6.5, -12.0],
                                  ["Verksamhet B", -21.0, -22.0, -7.0, -22.0]]}  # fmt: skip
    tertial = {"Rapport": "Tertialrapport", "Period till och med": "April"}
    path = follow_up(tmp_path, cfg, rows=rows, grunddata=tertial)
    warned = [f.location for f in check(path, cfg).findings if "helårsbudgeten" in f.message]
    assert warned == ["Driftsredovisning!D2"]
    # -7,0 of -22,0 is within 1,5 x 4/12 x 22,0 = 11,0. With the kommun's factor at 1,1
    # (kommun.toml [granskning]) the limit is 1,1 x 4,0 = 4,4 for A and 8,1 for B.
    strict = load_config(own_templates({"kommun.toml": (
        "[kommun]\n", "[granskning]\nutfall_periodandel_faktor = 1.1\n\n[kommun]\n")}))  # fmt: skip
    row_b = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -4.0, -12.0],
                                   ["Verksamhet B", -21.0, -22.0, -8.5, -22.0]]}  # fmt: skip
    path = follow_up(tmp_path, strict, rows=row_b, grunddata=tertial, name="strikt.xlsx")
    assert [f.location for f in check(path, strict).findings if "helårsbudgeten" in f.message] == [
        "Driftsredovisning!D3"]  # fmt: skip
    # with the default 1,5, -8,5 of -22,0 (limit 11,0) is not worth a word
    assert [f for f in check(path, cfg).findings if "helårsbudgeten" in f.message] == []


def test_incomes_are_not_held_to_the_periods_share(tmp_path: Path, cfg: KommunConfig) -> None:
    # A grant paid in one sum in the spring: all of it in the outcome by August.
    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -8.0, -12.0],
                                  ["Statsbidrag", 5.0, 5.5, 5.5, 5.5]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in findings] == []


def test_a_measures_effect_beyond_the_whole_budget_is_named(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # Budget Totalt -12,0 -22,0 +5,5 = -28,5 Mnkr; an effect of 1 400 is 1,4 Mnkr in tkr
    rows = {"Åtgärder": [["Färre konsulter.", 0.6, "Ja"], ["Hemtagning.", 1400, "Nej"]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Åtgärder!B3") == [
        f"Effekten 1{NB}400,0 Mnkr (Effekt 2024) är större än nämndens hela driftsbudget "
        f"({M}28,5 Mnkr). Det ser ut att vara skrivet i tkr; i Mnkr blir det 1,4. Belopp "
        "skrivs i Mnkr (miljoner kronor) med en decimal."
    ]
    assert said(findings, "Åtgärder!B2") == []


def test_a_typed_totalt_row_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [*BASE_ROWS["Driftsredovisning"],
                                  ["Totalt", -27.0, -28.5, -18.9, -28.0]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Driftsredovisning!A5") == [
        'Raden "Totalt" heter som en summarad. Verktyget räknar själv ut Totalt, så raden '
        "skulle räknas två gånger i rapporten och sammanställningen. Ta bort raden."
    ]
    assert findings.has_errors


def test_a_totalt_row_by_its_sums_is_found_in_the_investments(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Investeringsredovisning": [["Inventarier", -0.5, -0.4, -0.5],
                                        ["IT-system", -1.0, -0.6, -1.0],
                                        ["Summa investeringar", -1.5, -1.0, -1.5]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert [f.message for f in findings.errors] == [
        'Raden "Summa investeringar" heter som en summarad.']  # fmt: skip
    assert findings.errors[0].location == "Investeringsredovisning!A4"


def test_a_typed_avvikelse_row_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [*BASE_ROWS["Driftsredovisning"],
                                  ["Avvikelse", None, None, None, 0.5]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Driftsredovisning!A5") == [
        'Raden "Avvikelse" är inskriven för hand. Avvikelse räknas ut av verktyget (Prognos − '
        "Budget), så raden skulle räknas in i Totalt. Ta bort raden."
    ]


def test_a_typed_avvikelse_column_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    def column(wb: Any) -> None:
        ws = wb["Driftsredovisning"]
        ws["F1"] = "Avvikelse"
        for row in range(2, 5):
            ws.cell(row, 6, 0.0)

    findings = check(follow_up(tmp_path, cfg, edit=column), cfg).findings
    assert said(findings, "Driftsredovisning!F1") == [
        'Kolumnen "Avvikelse" är inskriven för hand. Avvikelse räknas ut av verktyget (Prognos '
        "− Budget) och visas i rapporten; en inskriven kolumn läses inte. Ta bort kolumnen."
    ]


def test_a_typed_totalt_column_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    def column(wb: Any) -> None:
        wb["Investeringsredovisning"]["E1"] = "totalt"
        wb["Investeringsredovisning"].append(["Inventarier", -0.5, -0.4, -0.5, -0.5])

    findings = check(follow_up(tmp_path, cfg, edit=column), cfg).findings
    assert said(findings, "Investeringsredovisning!E1") == [
        'Kolumnen "totalt" är inskriven för hand. Totalt räknas ut av verktyget (summan av '
        "raderna) och visas i rapporten; en inskriven kolumn läses inte. Ta bort kolumnen."
    ]


def test_cells_outside_the_columns_are_said_to_stay_out_of_the_report(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def stray(wb: Any) -> None:
        wb["Driftsredovisning"]["G3"] = "anteckning"
        wb["Driftsredovisning"]["T2"] = 12.5

    findings = check(follow_up(tmp_path, cfg, edit=stray), cfg).findings
    assert [f.message for f in findings if f.sheet == "Driftsredovisning"] == [
        "Bladet har uppgifter långt utanför arbetsbokens kolumner; de läses inte och kommer "
        "inte med i rapporten.",
        "Cellen ligger utanför arbetsbokens kolumner och kommer inte med i rapporten.",
    ]


def test_a_plans_extra_avvikelse_column_keeps_the_plans_message(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    path = edited(EXAMPLE, tmp_path, lambda wb: wb["Driftsbudget"].cell(1, 8, "Avvikelse"))
    assert said(check(path, cfg).findings, "Driftsbudget!H1") == [
        'Kolumnen "Avvikelse" ingår inte i arbetsbokens mall och kommer inte med i planen. '
        "Flytta uppgifterna till rätt kolumn, eller ta bort kolumnen om den bara är en "
        "anteckning."
    ]


def test_an_outcome_in_tkr_among_mnkr_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -8000.0, -12.0],
                                  ["Verksamhet B", -21.0, -22.0, -14.6, -21.5],
                                  ["Verksamhet C", -31.0, -32.0, -21.0, -32.0]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    messages = said(findings, "Driftsredovisning!D2")
    assert len(messages) == 2  # the unit, and so the period's share
    assert messages[0].startswith(
        f"Beloppet {M}8{NB}000,0 (Utfall 2024) är mycket större än radens övriga belopp "
        f"(vanligen kring 12,0). Det ser ut att vara skrivet i tkr; i Mnkr blir det {M}8,0."
    )


def test_a_percentage_pasted_as_a_fraction_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Nyckeltal": [["Samhörighet", "Andel nöjda, andel (%)", "%", 64, 0.66, 70]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert [f.message for f in findings if f.location == "Nyckeltal!E2"] == [
        f"Utfallet 0,66 (Utfall 2024) visas i rapporten som 0,7{NB}%. Är det en andel, inklistrad "
        f"som bråktal, menar du 66{NB}%?"
    ]


def test_missing_assessments_and_statuses_are_warned_cell_by_cell(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Måluppföljning": [[g, None if g == "Stolthet" else "Uppfyllt", None] for g in GOALS],
        "Satsningar och uppdrag": [["Uppdrag", "Lokalöversyn", "Text.", None, None]],
    }
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Måluppföljning!B5") == [
        'Bedömning saknas för målet "Stolthet". Välj Uppfyllt, Delvis uppfyllt, Ej uppfyllt '
        "eller Kan inte bedömas."
    ]
    assert said(findings, "Satsningar och uppdrag!D2") == [
        'Status saknas för "Lokalöversyn". Välj Genomfört, Pågår, Ej påbörjat eller Avbrutet.'
    ]


def test_a_goal_without_a_row_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Måluppföljning": [[g, "Uppfyllt", None] for g in GOALS[:3]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Måluppföljning") == [
        'Målet "Stolthet" följs inte upp: det har ingen rad på bladet. Lägg till en rad med '
        "målet, bedömningen och analysen."
    ]


def test_a_row_without_a_forecast_is_named(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -8.0, -12.0],
                                  ["Verksamhet B", -21.0, -22.0, -14.6, None]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Driftsredovisning!E3") == [
        'Prognos 2024 saknas för "Verksamhet B"; avvikelsen mot budget kan inte räknas ut för '
        "raden och den kommer inte med i Totalt. Fyll i prognosen för helåret i samma enhet "
        "som budgeten."
    ]


def test_an_empty_outcome_column_is_said_once(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [[r[0], r[1], r[2], None, r[4]]
                                  for r in BASE_ROWS["Driftsredovisning"]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in findings] == [
        'Driftsredovisning!D1: Kolumnen "Utfall 2024" är tom på alla rader. En färdig '
        "uppföljning behöver utfallet för perioden: fyll i kolumnen (efter namndplan followup "
        "är den tom tills du gör det)."
    ]


def test_an_empty_forecast_column_is_said_once_in_a_delarsrapport(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Driftsredovisning": [[*r[:4], None] for r in BASE_ROWS["Driftsredovisning"]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in findings] == [
        'Driftsredovisning!E1: Kolumnen "Prognos 2024" är tom på alla rader. En färdig '
        "uppföljning behöver prognosen för helåret: fyll i kolumnen (efter namndplan followup "
        "är den tom tills du gör det)."
    ]


def test_a_verksamhetsberattelse_may_have_a_forecast_on_some_rows(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -11.8, -11.8],
                                  ["Verksamhet B", -21.0, -22.0, -21.9, None]]}  # fmt: skip
    grunddata = {"Rapport": "Verksamhetsberättelse", "Period till och med": "December"}
    findings = check(follow_up(tmp_path, cfg, rows=rows, grunddata=grunddata), cfg).findings
    assert [str(f) for f in findings] == []


def test_avvikelse_is_prognos_minus_budget_or_in_a_verksamhetsberattelse_the_outcomes() -> None:
    from pipeline.spec.followup import deviation

    d = Decimal
    assert deviation(d("-12.0"), d("-8.0"), d("-12.5"), "Delårsrapport") == d("-0.5")
    assert deviation(d("-12.0"), d("-8.0"), None, "Delårsrapport") is None
    assert deviation(d("-12.0"), d("-12.4"), None, "Verksamhetsberättelse") == d("-0.4")
    assert deviation(d("-12.0"), d("-12.4"), d("-12.1"), "Verksamhetsberättelse") == d("-0.1")
    # No budget: the activity deviates by what it costs (as the report's table shows it).
    assert deviation(None, d("-12.4"), d("-12.1"), "Verksamhetsberättelse") == d("-12.1")
    assert deviation(None, None, None, "Verksamhetsberättelse") is None


def test_a_volume_called_avvikelse_is_a_volume(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Volymer": [["Hembesök", 100, 110, 70, 105], ["Avvikelse", 3, 4, 2, 4]]}
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in findings] == []


def test_a_verksamhetsberattelse_needs_no_forecast(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [[r[0], r[1], r[2], r[2], None]
                                  for r in BASE_ROWS["Driftsredovisning"]]}  # fmt: skip
    grunddata = {"Rapport": "Verksamhetsberättelse", "Period till och med": "December"}
    findings = check(follow_up(tmp_path, cfg, rows=rows, grunddata=grunddata), cfg).findings
    assert [str(f) for f in findings] == []


# --- a follow-up made by followup from a held-out plan ---------------------------------------------


def test_followup_from_a_held_out_plan_carries_verksamheter_and_budget(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    out = make_followup(SECOND, "Delårsrapport", cfg, tmp_path / "kfn.xlsx")
    valid = check(out, cfg).valid
    assert valid is not None and valid.is_followup and valid.year == 2026
    drift = valid.rows["Driftsredovisning"]
    assert [(r["namn"].value, r["budget"].value) for r in drift] == [
        ("Nämnd KFN", Decimal("-1.22")),
        ("Förvaltningsledning och administration", Decimal("-9.05")),
        ("Folkbibliotek", Decimal("-26.15")),
        ("Kulturskola", Decimal("-16.8")),
        ("Allmänkultur och kulturarv", Decimal("-10.55")),
        ("Fritidsgårdar", Decimal("-14.35")),
        ("Idrotts- och fritidsanläggningar", Decimal("-51.95")),
        ("Föreningsbidrag", Decimal("-11.9")),
        ("Lovaktiviteter", Decimal("-1.1")),
        ("Uthyrning av anläggningar och lokaler", Decimal("6.55")),
    ]
    assert all(r["utfall"].value is None and r["prognos"].value is None for r in drift)
    assert [r["namn"].value for r in valid.rows["Investeringsredovisning"]] == [
        "Inventarier och IT, bibliotek och kulturskola", "Byte av konstgräs på fotbollsplan",
        "Energieffektivisering idrottsanläggningar"]  # fmt: skip


# --- as Excel writes it, and as LibreOffice re-saves it --------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def excel_style(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook written the way Excel writes one: shared strings (a line break as
    ``_x000D_`` + LF), numbers without a ``t=`` attribute, empty cells and rows left out,
    a percentage as a fraction with the built-in percent format (style 1)."""
    strings: list[str] = []
    index: dict[str, int] = {}
    parts: dict[str, str] = {}
    for n, rows in enumerate(sheets.values(), start=1):
        xml_rows = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{chr(65 + c)}{r}"
                if value is None:
                    continue
                if isinstance(value, tuple):  # (fraction, "%"): a percent-formatted number
                    cells.append(f'<c r="{ref}" s="1"><v>{value[0]}</v></c>')
                elif isinstance(value, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                else:
                    text = escape(str(value)).replace("\n", "_x000D_\n")
                    if text not in index:
                        index[text] = len(strings)
                        strings.append(text)
                    cells.append(f'<c r="{ref}" t="s"><v>{index[text]}</v></c>')
            if cells:
                xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        parts[f"xl/worksheets/sheet{n}.xml"] = (
            f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>'
        )
    names = list(sheets)
    sst = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(names) + 1)
    )
    parts |= {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + overrides + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>' + "".join(
            f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(names, start=1)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">' + "".join(
            f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(names) + 1))
            + f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>',
    }  # fmt: skip
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, head + text)
    return path


EXCEL_SHEETS: dict[str, list[list[Any]]] = {
    "Grunddata": [["Fält", "Värde"], ["Kommun", "Enköpings kommun"], ["Nämnd", "Miljönämnden"],
                  ["Budgetår", 2025], ["Rapport", "Tertialrapport"],
                  ["Period till och med", "April"]],
    "Sammanfattning": [["Avsnitt", "Text"],
                       ["Sammanfattning", "Första stycket.\nAndra stycket."]],
    "Måluppföljning": [["Mål", "Bedömning", "Analys"],
                       *[[g, "Kan inte bedömas", "Mäts i augusti."] for g in GOALS]],
    "Utvecklingsmål": [["Utvecklingsmål", "Beskrivning", "Strategi för att nå målet",
                        "KF:s målbild och mål", "Agenda 2030-mål", "Bedömning", "Analys"]],
    "Nyckeltal": [["Mål", "Nyckeltal", "Enhet", "Utfall 2024", "Utfall 2025", "Målvärde 2025"],
                  ["Samhörighet", "Nöjda företagare, andel (%)", "%", (0.712, "%"),
                   (0.735, "%"), 75]],
    "Satsningar och uppdrag": [["Typ", "Rubrik", "För nämnden innebär det", "Status",
                                "Kommentar"]],
    "Volymer": [["Volym", "Bokslut 2024", "Budget 2025", "Utfall 2025", "Prognos 2025"],
                ["Inspektioner", 410, 420, 131, 415]],
    "Driftsredovisning": [["Verksamhet", "Bokslut 2024", "Budget 2025", "Utfall 2025",
                           "Prognos 2025"],
                          ["Miljötillsyn", -8.1, -8.4, -2.9, -8.9],
                          ["Avgifter", 3.2, 3.4, 1.1, 3.4]],
    "Investeringsredovisning": [["Investering", "Budget 2025", "Utfall 2025", "Prognos 2025"]],
    "Åtgärder": [["Åtgärd", "Effekt 2025", "Beslutad"]],
    "Kommentarer": [["Avsnitt", "Rubrik", "Text"]],
}  # fmt: skip


def test_an_excel_written_follow_up_is_read_and_checked(tmp_path: Path, cfg: KommunConfig) -> None:
    path = excel_style(tmp_path / "miljo-tertial-2025.xlsx", EXCEL_SHEETS)
    result = check(path, cfg)
    # Prognos -8,9 + 3,4 against Budget -8,4 + 3,4: a deficit of 0,5 and no åtgärder; the
    # parts of the report its empty sheets and Sammanfattning leave out
    left_out = ("så avsnittet tas inte med i rapporten. Fyll i bladet om avsnittet ska ha "
                "innehåll; annars kan varningen lämnas.")  # fmt: skip
    assert [str(f) for f in result.findings] == [
        *(
            f'{sheet}!A2: Bladet har inga uppgifter till avsnittet "{part}", {left_out}'
            for sheet, part in (
                ("Sammanfattning", "Väsentliga händelser"),
                ("Sammanfattning", "Förväntad utveckling"),
                ("Satsningar och uppdrag", "Särskilda satsningar och uppdrag"),
                ("Utvecklingsmål", "Utvecklingsmål"),
                ("Investeringsredovisning", "Investeringsredovisning"),
                ("Sammanfattning", "Personal"),
            )
        ),
        "Åtgärder!A2: Prognosen visar ett underskott på 0,5 Mnkr mot budget (Totalt på bladet "
        "Driftsredovisning) men bladet Åtgärder är tomt. Beskriv på bladet Åtgärder vad "
        "nämnden gör åt underskottet: åtgärden, dess effekt (Effekt 2025) och om den är "
        "beslutad. Kommunen förväntar sig en åtgärdsplan vid ett befarat underskott.",
    ]
    valid = result.valid
    assert valid is not None and (valid.report, valid.period) == ("Tertialrapport", "April")
    assert valid.rows["Sammanfattning"][0]["text"].value == "Första stycket.\nAndra stycket."
    kpi = valid.rows["Nyckeltal"][0]
    assert (kpi["utfall_fg"].value, kpi["utfall"].value, kpi["malvarde"].value) == (
        Decimal("71.2"), Decimal("73.5"), Decimal("75"))  # fmt: skip
    assert valid.rows["Volymer"][0]["utfall"].value == Decimal("131")


def test_a_follow_up_without_its_rapport_row_is_said_once(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    sheets = {**EXCEL_SHEETS, "Grunddata": EXCEL_SHEETS["Grunddata"][:4]}
    result = check(excel_style(tmp_path / "utan-rapport.xlsx", sheets), cfg)
    assert result.valid is not None and not result.valid.is_followup
    assert [str(f) for f in result.findings.errors] == [
        "Grunddata: Arbetsboken har en uppföljnings blad (Driftsredovisning) men Grunddata "
        "saknar fältet Rapport, så den granskas som en nämndplan. Är det en uppföljning: lägg "
        "till raderna Rapport (Tertialrapport, Delårsrapport, Verksamhetsberättelse) och Period "
        "till och med på bladet Grunddata.",
        "Grunddata: Fältet Prognosmånad saknas i kolumn Fält. Lägg till en rad med "
        "Prognosmånad. Månaden för prognoskolumnen, t.ex. Oktober.",
    ]


def test_a_plan_with_a_rapport_row_is_said_once(tmp_path: Path, cfg: KommunConfig) -> None:
    def rapport(wb: Any) -> None:
        wb["Grunddata"].append(["Rapport", "Delårsrapport"])
        wb["Grunddata"].append(["Period till och med", "Augusti"])

    result = check(edited(EXAMPLE, tmp_path, rapport), cfg)
    assert result.valid is not None and result.valid.is_followup
    assert [str(f) for f in result.findings.errors] == [
        "Grunddata: Grunddata har fältet Rapport, så arbetsboken granskas som en uppföljning, "
        "men den har en nämndplans blad (Driftsbudget) och inte en uppföljnings "
        "(Driftsredovisning). Är det en nämndplan: ta bort raden Rapport på bladet Grunddata. "
        "En uppföljning görs från planen med namndplan followup."
    ]


def test_a_typed_total_volume_is_found_in_a_follow_up(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Volymer": [["Hembesök", 100, 110, 70, 105], ["Telefonsamtal", 400, 420, 300, 430],
                        ["Summa", 500, 530, 370, 535]]}  # fmt: skip
    findings = check(follow_up(tmp_path, cfg, rows=rows), cfg).findings
    assert said(findings, "Volymer!A4") == [
        'Raden "Summa" heter som en summarad. Volymerna summeras inte i rapporten. Ta bort raden, '
        "eller byt namn på den om den räknar något eget."
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice behövs")
def test_a_libreoffice_resave_of_the_example_validates_the_same(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    out = tmp_path / "ut"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(out), str(DELARSRAPPORT), str(VERKSAMHETSBERATTELSE)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    for source in (DELARSRAPPORT, VERKSAMHETSBERATTELSE):
        original, resaved = check(source, cfg), check(out / source.name, cfg)
        assert [str(f) for f in resaved.findings] == [str(f) for f in original.findings] == []
        assert resaved.valid is not None and resaved.valid.is_followup
        for sheet, rows in original.valid.rows.items():
            again = resaved.valid.rows[sheet]
            assert [{k: c.value for k, c in r.items()} for r in again] == [
                {k: c.value for k, c in r.items()} for r in rows], sheet  # fmt: skip


def test_an_optional_sheet_left_out_of_a_report_is_empty_and_said_once(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # Written by hand from uppfoljning.md: no Åtgärder, Kommentarer or Volymer sheet. A
    # deficit (Prognos −33,5 against Budget −28,5 in Totalt) makes Åtgärder's absence matter.
    def drop(wb: Any) -> None:
        for name in ("Åtgärder", "Kommentarer", "Volymer"):
            del wb[name]

    rows = {"Driftsredovisning": [["Verksamhet A", -11.0, -12.0, -8.0, -16.0],
                                  ["Verksamhet B", -21.0, -22.0, -14.6, -23.0],
                                  ["Intäkter", 5.0, 5.5, 3.7, 5.5]]}  # fmt: skip
    result = check(follow_up(tmp_path, cfg, rows=rows, edit=drop), cfg)
    assert not result.findings.errors and result.ok
    missing = "saknas i arbetsboken; det räknas som tomt. Lägg till bladet från en tom mall " \
              "(namndplan template --rapport …) om avsnittet ska ha innehåll."  # fmt: skip
    for name in ("Åtgärder", "Kommentarer", "Volymer"):
        assert said(result.findings, name) == [f'Bladet "{name}" {missing}']
    # The missing Volymer is not also an empty chapter; the deficit still asks for åtgärder.
    assert said(result.findings, "Volymer!A2") == []
    assert said(result.findings, "Åtgärder!A2")[0].startswith(
        "Prognosen visar ett underskott på 5,0 Mnkr mot budget (Totalt på bladet "
        "Driftsredovisning) men bladet Åtgärder saknas i arbetsboken.")  # fmt: skip


def test_a_required_sheet_left_out_of_a_report_is_still_an_error(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    path = follow_up(tmp_path, cfg, edit=lambda wb: wb.remove(wb["Driftsredovisning"]))
    findings = check(path, cfg).findings
    assert [str(f) for f in findings.errors if f.sheet == "Driftsredovisning"] == [
        'Driftsredovisning: Bladet "Driftsredovisning" saknas i arbetsboken. Utgå från den '
        "tomma mallen i input_templates/ och kopiera in uppgifterna där."
    ]
