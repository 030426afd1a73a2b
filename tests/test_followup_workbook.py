"""The follow-up workbook as a controller receives it: ``namndplan followup`` from the plan,
``namndplan template --rapport``, what is carried over and what starts empty, refusals."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.check.workbook import check
from pipeline.cli.main import main
from pipeline.spec.config import KommunConfig, load_config
from pipeline.workbooks.followup import FollowupError, make_followup
from pipeline.workbooks.template import INSTRUCTIONS_SHEET, LISTS_SHEET

from .conftest import EXAMPLE, ROOT, SECOND

SJOBACKA = ROOT / "kommuner" / "sjobacka"
SJOBACKA_PLAN = SJOBACKA / "indata" / "barn-och-utbildningsnamnden-2026.xlsx"
FOLLOWUP_SHEETS = [
    "Grunddata", "Sammanfattning", "Måluppföljning", "Utvecklingsmål", "Nyckeltal",
    "Satsningar och uppdrag", "Volymer", "Driftsredovisning", "Investeringsredovisning",
    "Åtgärder", "Kommentarer",
]  # fmt: skip
GOALS = ["Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet", "Stolthet"]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def values(ws: Any, first_row: int = 2) -> list[tuple[Any, ...]]:
    return [row for row in ws.iter_rows(min_row=first_row, values_only=True)
            if any(v is not None for v in row)]  # fmt: skip


def grunddata(wb: openpyxl.Workbook) -> dict[str, Any]:
    return {row[0]: row[1] for row in values(wb["Grunddata"])}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "socialnamnden-2024.xlsx"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture
def delarsrapport(plan: Path) -> Path:
    result = run("followup", str(plan), "--rapport", "Delårsrapport")
    assert result.exit_code == 0, result.output
    return plan.with_name("socialnamnden-2024-delarsrapport.xlsx")


# --- followup: what is carried over, what starts empty ---------------------------------------


def test_followup_writes_beside_the_plan_and_says_what_to_fill(plan: Path) -> None:
    result = run("followup", str(plan), "--rapport", "Delårsrapport")
    target = plan.with_name("socialnamnden-2024-delarsrapport.xlsx")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Klar: {target}"
    assert f"namndplan validate {target}" in result.output
    assert target.is_file()


def test_the_sheets_are_the_follow_up_contracts_after_the_instructions(
    delarsrapport: Path,
) -> None:
    wb = openpyxl.load_workbook(delarsrapport)
    assert wb.sheetnames == [INSTRUCTIONS_SHEET, *FOLLOWUP_SHEETS, LISTS_SHEET]
    headers = {ws.title: [c.value for c in ws[1] if c.value] for ws in wb.worksheets[1:-1]}
    assert headers["Driftsredovisning"] == ["Verksamhet", "Bokslut 2023", "Budget 2024",
                                            "Utfall 2024", "Prognos 2024"]  # fmt: skip
    assert headers["Nyckeltal"] == ["Mål", "Nyckeltal", "Enhet", "Utfall 2023", "Utfall 2024",
                                    "Målvärde 2024"]  # fmt: skip
    assert headers["Åtgärder"] == ["Åtgärd", "Effekt 2024", "Beslutad"]
    assert headers["Utvecklingsmål"][-2:] == ["Bedömning", "Analys"]
    assert headers["Satsningar och uppdrag"][-2:] == ["Status", "Kommentar"]


def test_grunddata_holds_the_report_and_the_plans_nämnd(delarsrapport: Path) -> None:
    g = grunddata(openpyxl.load_workbook(delarsrapport))
    assert g["Kommun"] == "Enköpings kommun"
    assert g["Nämnd"] == "Socialnämnden"
    assert g["Budgetår"] == 2024
    assert g["Rapport"] == "Delårsrapport"
    assert g["Period till och med"] == "Augusti"
    # the plan's decision is not the report's
    assert g["Diarienummer"] is None and g["Beslutsdatum"] is None
    assert g["Prognosmånad"] is None


def test_verksamheter_and_budget_are_carried_and_outcome_forecast_left_empty(
    delarsrapport: Path,
) -> None:
    rows = values(openpyxl.load_workbook(delarsrapport)["Driftsredovisning"])
    assert len(rows) == 23
    assert rows[0] == ("Ekonomiskt bistånd", None, -52.4, None, None)
    assert rows[1] == ("Ekonomiskt bistånd, flykting", None, 0.7, None, None)
    assert rows[-1] == ("Institutionsvård vuxen", None, -14.8, None, None)
    assert round(sum(r[2] for r in rows), 1) == -281.6  # the reference's Budget 2024 Totalt
    invest = values(openpyxl.load_workbook(delarsrapport)["Investeringsredovisning"])
    assert invest == [("Möbler, inventarier, IT-system", -0.2, None, None)]


def test_volumes_carry_their_budget_only(delarsrapport: Path) -> None:
    rows = values(openpyxl.load_workbook(delarsrapport)["Volymer"])
    assert rows[0] == ("Ekonomiskt bistånd", None, 475, None, None)
    assert rows[3] == ("Mottagning", None, 2500, None, None)
    assert len(rows) == 16


def test_goals_development_goals_and_commissions_are_carried_without_assessments(
    delarsrapport: Path,
) -> None:
    wb = openpyxl.load_workbook(delarsrapport)
    assert values(wb["Måluppföljning"]) == [(g, None, None) for g in GOALS]
    goals = values(wb["Utvecklingsmål"])
    assert len(goals) == 5
    assert goals[0][0] == "Under perioden 2024-2027 ökar och utvecklas samverkan med civilsamhället"
    assert goals[0][3:] == ("Nej", "Ja", None, None)
    assert goals[0][2].startswith("Erbjuda IOP till föreningar med social inriktning.\n")
    commissions = values(wb["Satsningar och uppdrag"])
    assert [(r[0], r[1], r[3], r[4]) for r in commissions] == [
        ("Särskild satsning", "Brottsförebyggande verksamhet", None, None),
        ("Särskild satsning", "Fortsatt verksamhetsutveckling", None, None),
        ("Särskild satsning", "Hållbarhet prioriteras", None, None),
        ("Uppdrag", "Effektiviseringskrav på nämnderna", None, None),
    ]
    # texts the controller writes start empty
    for sheet in ("Sammanfattning", "Åtgärder", "Kommentarer"):
        assert values(wb[sheet]) == [], sheet


def test_key_figures_carry_last_years_outcome_with_its_percent_format(
    delarsrapport: Path,
) -> None:
    ws = openpyxl.load_workbook(delarsrapport)["Nyckeltal"]
    first = [c for c in ws[2]]
    assert first[1].value == (
        "Brukarbedömning individ- och familjeomsorg totalt - förbättrad situation, andel (%)"
    )
    # the plan's Utfall 2023 typed as "77,7 %": 0.777 with a percent format, this year empty
    assert first[3].value == pytest.approx(0.777) and "%" in first[3].number_format
    assert first[4].value is None and first[5].value is None
    dagar = [r for r in values(ws) if r[2] == "dagar"]
    assert dagar == [(
        "Grunduppdrag",
        "Utredningstid i antal dagar från påbörjad utredning till avslutad utredning inom "
        "barn och ungdom 0-20 år, medelvärde",
        "dagar", 100, None, None,
    )]  # fmt: skip


def test_the_made_workbook_validates_with_only_what_is_left_to_fill(
    delarsrapport: Path, cfg: KommunConfig
) -> None:
    result = check(delarsrapport, cfg)
    assert result.valid is not None and result.valid.is_followup
    assert [str(f) for f in result.findings.errors] == [
        "Sammanfattning!A2: Bladet har inga ifyllda rader. Rapportens sammanfattande texter: "
        "Sammanfattning (krävs), Väsentliga händelser, Förväntad utveckling och Personal."
    ]
    # no header, list or type problem anywhere: only empty columns and missing assessments
    for f in result.findings.warnings:
        assert "är tom på alla rader" in f.message or "saknas" in f.message, str(f)


def test_a_held_out_plan_of_another_nämnd_and_year(tmp_path: Path, cfg: KommunConfig) -> None:
    plan = tmp_path / "kfn-2026.xlsx"
    shutil.copy(SECOND, plan)
    target = make_followup(plan, "Tertialrapport", cfg)
    assert target == tmp_path / "kfn-2026-tertialrapport.xlsx"
    wb = openpyxl.load_workbook(target)
    g = grunddata(wb)
    assert g["Period till och med"] == "April"
    # the plan's Diarienummer KFN2025/123 and Beslutsdatum are its decision, not the report's
    assert g["Diarienummer"] is None and g["Beslutsdatum"] is None
    assert g["Kontaktperson"] == "Maria Holmberg, controller, kultur- och fritidsförvaltningen"
    assert [c.value for c in wb["Driftsredovisning"][1]][:5] == [
        "Verksamhet", "Bokslut 2025", "Budget 2026", "Utfall 2026", "Prognos 2026"]  # fmt: skip
    rows = values(wb["Driftsredovisning"])
    assert rows[0] == ("Nämnd KFN", None, -1.22, None, None)
    assert rows[6] == ("Idrotts- och fritidsanläggningar", None, -51.95, None, None)
    assert rows[-1] == ("Uthyrning av anläggningar och lokaler", None, 6.55, None, None)
    # the plan's own key figure typed as a plain 91 (meaning 91 %) stays a plain 91
    kpi = [r for r in values(wb["Nyckeltal"]) if r[1].startswith("Beläggningsgrad")]
    assert kpi == [("Grunduppdrag", "Beläggningsgrad i idrottshallarna kvällstid, andel (%)",
                    "%", 91, None, None)]  # fmt: skip


def test_a_plan_in_tkr_of_another_kommun_keeps_its_amounts_and_goals(tmp_path: Path) -> None:
    cfg = load_config(SJOBACKA / "mallar")
    out = tmp_path / "bun.xlsx"
    make_followup(SJOBACKA_PLAN, "Verksamhetsberättelse", cfg, out)
    wb = openpyxl.load_workbook(out)
    g = grunddata(wb)
    assert (g["Kommun"], g["Rapport"], g["Period till och med"]) == (
        "Sjöbacka kommun", "Verksamhetsberättelse", "December")  # fmt: skip
    rows = values(wb["Driftsredovisning"])
    assert rows[1] == ("Förskola", None, -203600, None, None)
    assert wb["Driftsredovisning"]["C3"].number_format == "#,##0"  # tkr: whole numbers
    assert [r[0] for r in values(wb["Måluppföljning"])] == [
        "Livslångt lärande", "Trygg och hälsosam uppväxt", "Hållbar och effektiv organisation"]  # fmt: skip
    result = check(out, cfg)
    assert result.valid is not None and result.valid.is_followup
    # the kommun's report follows up its målområden, not the målbild: no goal is missing
    assert not [f for f in result.findings if "följs inte upp" in f.message]
    assert len([f for f in result.findings if f.message.startswith("Bedömning saknas")]) == 3


# --- followup: period, output name and refusals -----------------------------------------------


def test_a_tertialrapport_ends_in_april_or_march(plan: Path) -> None:
    result = run("followup", str(plan), "--rapport", "tertialrapport", "--period", "mars")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(plan.with_name("socialnamnden-2024-tertialrapport.xlsx"))
    assert grunddata(wb)["Rapport"] == "Tertialrapport"
    assert grunddata(wb)["Period till och med"] == "Mars"


def test_a_period_the_report_does_not_cover_is_refused(plan: Path) -> None:
    result = run("followup", str(plan), "--rapport", "Delårsrapport", "--period", "Oktober")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Fel: En delårsrapport gäller perioden till och med augusti, inte oktober: skriv "
        "--period Augusti."
    )
    assert not plan.with_name("socialnamnden-2024-delarsrapport.xlsx").exists()


def test_an_unknown_report_is_refused(plan: Path) -> None:
    result = run("followup", str(plan), "--rapport", "Årsrapport")
    assert result.exit_code == 1
    assert result.output.strip() == (
        'Fel: "Årsrapport" är ingen rapport; välj Tertialrapport, Delårsrapport eller '
        "Verksamhetsberättelse."
    )


def test_output_to_a_folder_gets_the_default_name(plan: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ut"
    folder.mkdir()
    result = run("followup", str(plan), "--rapport", "Verksamhetsberättelse", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "socialnamnden-2024-verksamhetsberattelse.xlsx").is_file()


def test_an_existing_output_is_left_alone_with_the_same_words_as_template(
    plan: Path, delarsrapport: Path
) -> None:
    before = delarsrapport.read_bytes()
    result = run("followup", str(plan), "--rapport", "Delårsrapport")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Fel: {delarsrapport} finns redan och lämnas orörd. Välj ett annat namn med -o, "
        "eller ersätt filen med --skriv-over."
    )
    assert delarsrapport.read_bytes() == before
    again = run("followup", str(plan), "--rapport", "Delårsrapport", "--skriv-over")
    assert again.exit_code == 0, again.output


def test_the_output_is_reproducible(plan: Path, delarsrapport: Path, cfg: KommunConfig) -> None:
    other = make_followup(plan, "Delårsrapport", cfg, plan.with_name("igen.xlsx"))
    assert other.read_bytes() == delarsrapport.read_bytes()


def test_a_plan_with_errors_is_refused_naming_them(broken: Any, cfg: KommunConfig) -> None:
    path = broken({"Driftsbudget!E3": "tio", "Målbild!A3": "Gemenskap"})
    with pytest.raises(FollowupError) as err:
        make_followup(path, "Delårsrapport", cfg)
    message = str(err.value)
    assert message.startswith(
        "trasig.xlsx har fel som måste rättas innan en delårsrapport kan göras från planen:\n"
    )
    assert '  Driftsbudget!E3: "tio" är inte ett belopp.' in message
    assert '  Målbild!A3: "Gemenskap" är inte ett tillåtet värde för Mål.' in message
    assert not path.with_name("trasig-delarsrapport.xlsx").exists()


def test_a_follow_up_workbook_is_not_a_plan_to_follow_up(
    delarsrapport: Path, cfg: KommunConfig
) -> None:
    with pytest.raises(FollowupError) as err:
        make_followup(delarsrapport, "Verksamhetsberättelse", cfg)
    assert str(err.value) == (
        "socialnamnden-2024-delarsrapport.xlsx är redan en arbetsbok för en uppföljning (den "
        "har fältet Rapport på bladet Grunddata); namndplan followup utgår från nämndens plan."
    )


def test_the_plan_itself_is_never_the_output(plan: Path, cfg: KommunConfig) -> None:
    before = plan.read_bytes()
    with pytest.raises(FollowupError) as err:
        make_followup(plan, "Delårsrapport", cfg, plan, overwrite=True)
    assert "är samma fil som planen; planen skrivs aldrig över" in str(err.value)
    assert plan.read_bytes() == before


def test_an_output_that_is_not_xlsx_is_refused(plan: Path, cfg: KommunConfig) -> None:
    with pytest.raises(FollowupError) as err:
        make_followup(plan, "Delårsrapport", cfg, plan.with_name("rapport.docx"))
    assert (
        str(err.value)
        == f"Utfilen {plan.with_name('rapport.docx')} ska vara en Excel-arbetsbok (.xlsx)."
    )


def test_a_missing_plan_is_one_sentence(tmp_path: Path) -> None:
    result = run("followup", str(tmp_path / "finns-inte.xlsx"), "--rapport", "Delårsrapport")
    assert result.exit_code == 1
    assert result.output.startswith("Fel: finns-inte.xlsx kan inte läsas:\n")
    assert "finns inte" in result.output


# --- rollover and annotate on a follow-up workbook ---------------------------------------------


def test_rollover_refuses_a_follow_up_workbook_in_one_sentence(delarsrapport: Path) -> None:
    result = run("rollover", str(delarsrapport), "--to", "2025")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Fel: socialnamnden-2024-delarsrapport.xlsx är en arbetsbok för en uppföljning (den "
        "har fältet Rapport på bladet Grunddata), och rollover för bara nämndplaner vidare "
        "till nästa år."
    )
    assert not delarsrapport.with_name("socialnamnden-2024-delarsrapport-2025.xlsx").exists()


def test_validate_annotate_marks_a_follow_up_workbooks_cells(delarsrapport: Path) -> None:
    result = run("validate", "--annotate", str(delarsrapport))
    assert result.exit_code == 1  # the empty Sammanfattning is an error
    copy = delarsrapport.with_name("socialnamnden-2024-delarsrapport-granskad.xlsx")
    assert f"Granskad kopia: {copy}" in result.output
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == "Granskning"
    listed = [row[0] for row in values(wb["Granskning"])]
    assert "Sammanfattning!A2" in listed and "Driftsredovisning!D1" in listed
    comment = wb["Driftsredovisning"]["D1"].comment
    assert comment is not None and 'Kolumnen "Utfall 2024" är tom på alla rader.' in comment.text
    # the follow-up's sheets are listed in its own order: Grunddata's and Sammanfattning's first
    assert listed.index("Sammanfattning!A2") < listed.index("Driftsredovisning!D1")


# --- template --rapport -----------------------------------------------------------------------


def test_template_rapport_writes_a_blank_follow_up_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("template", "--year", "2026", "--rapport", "Verksamhetsberättelse")
    target = Path("input_templates") / "verksamhetsberattelse-2026.xlsx"
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Klar: {target}",
        "Spara en kopia per nämnd, t.ex. socialnamnden-verksamhetsberattelse-2026.xlsx, fyll "
        "i den och granska den med namndplan validate.",
    ]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [INSTRUCTIONS_SHEET, *FOLLOWUP_SHEETS, LISTS_SHEET]
    g = grunddata(wb)
    assert (g["Budgetår"], g["Rapport"], g["Period till och med"]) == (
        2026, "Verksamhetsberättelse", "December")  # fmt: skip
    assert [c.value for c in wb["Driftsredovisning"][1]][:5] == [
        "Verksamhet", "Bokslut 2025", "Budget 2026", "Utfall 2026", "Prognos 2026"]  # fmt: skip
    for ws in wb.worksheets[1:-1]:
        assert values(ws) == [] or ws.title == "Grunddata", ws.title


def test_template_period_needs_a_report(tmp_path: Path) -> None:
    result = run("template", "--year", "2026", "--period", "April", "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 1
    assert (
        result.output.strip() == "Fel: --period gäller bara en uppföljning: ange också --rapport."
    )


def test_template_rapport_refuses_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "delar.xlsx"
    out.write_bytes(b"controllerns egen fil")
    result = run("template", "--year", "2024", "--rapport", "Delårsrapport", "-o", str(out))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Fel: {out} finns redan och lämnas orörd. Välj ett annat namn med -o, eller ersätt "
        "filen med --skriv-over."
    )
    assert out.read_bytes() == b"controllerns egen fil"


def list_values(wb: openpyxl.Workbook, name: str) -> list[Any]:
    target = wb.defined_names[name].attr_text
    sheet, rng = target.split("!")
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[rng.replace("$", "")] for c in row]


def validation_at(ws: Any, ref: str) -> Any:
    found = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{ref}: {len(found)} validations"
    return found[0]


def test_the_follow_ups_closed_columns_have_their_drop_downs(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert (
        run("template", "--year", "2024", "--rapport", "Delårsrapport", "-o", str(out)).exit_code
        == 0
    )
    wb = openpyxl.load_workbook(out)
    expect = {
        ("Måluppföljning", "A2"): GOALS,
        ("Måluppföljning", "B5"): ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Kan inte bedömas"],
        ("Utvecklingsmål", "F2"): ["Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Kan inte bedömas"],
        ("Satsningar och uppdrag", "D2"): ["Genomfört", "Pågår", "Ej påbörjat", "Avbrutet"],
        ("Sammanfattning", "A2"): ["Sammanfattning", "Väsentliga händelser",
                                   "Förväntad utveckling", "Personal"],
        ("Kommentarer", "A2"): ["Volymer", "Driftsredovisning", "Investeringsredovisning"],
        ("Åtgärder", "C2"): ["Ja", "Nej"],
        ("Nyckeltal", "A2"): [*GOALS, "Grunduppdrag"],
    }  # fmt: skip
    for (sheet, ref), wanted in expect.items():
        dv = validation_at(wb[sheet], ref)
        assert dv.type == "list" and list_values(wb, dv.formula1) == wanted, (sheet, ref)
    rows = {c.value: c.row for c in wb["Grunddata"]["A"]}
    rapport = validation_at(wb["Grunddata"], f"B{rows['Rapport']}")
    assert list_values(wb, rapport.formula1) == [
        "Tertialrapport", "Delårsrapport", "Verksamhetsberättelse"]  # fmt: skip
    period = validation_at(wb["Grunddata"], f"B{rows['Period till och med']}")
    assert list_values(wb, period.formula1) == ["Mars", "April", "Augusti", "December"]
    money = validation_at(wb["Driftsredovisning"], "D2")
    assert money.type == "decimal" and "Mnkr" in money.error
    assert wb["Driftsredovisning"].column_dimensions["D"].number_format == "#,##0.0"


def test_the_follow_ups_instructions_marking_print_layout_and_protection(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert (
        run("template", "--year", "2024", "--rapport", "Delårsrapport", "-o", str(out)).exit_code
        == 0
    )
    wb = openpyxl.load_workbook(out)
    text = "\n".join(str(v) for row in wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True)
                     for v in row if v)  # fmt: skip
    assert text.startswith(
        "Indata till Delårsrapport januari–augusti 2024 – Enköpings kommun\n"
        "Delårsrapport januari–augusti 2024: nämndens uppföljning av nämndplanen för 2024"
    )
    assert (
        "Avvikelse (prognos minus budget) och raden Totalt räknas ut av verktyget – skriv dem inte."
        in text
    )
    assert "namndplan followup PLAN --rapport Delårsrapport" in text
    assert "namndplan rollover" not in text and "Agenda 2030-målen" not in text
    for sheet in ("Sammanfattning", "Driftsredovisning", "Åtgärder", "Måluppföljning"):
        assert sheet in text
    # a required column's header is white on dark, an optional one dark on light
    drift = wb["Driftsredovisning"]
    assert drift["A1"].font.color.rgb.endswith("FFFFFF")
    assert drift["D1"].font.color.rgb.endswith("00507A")
    ws = wb["Måluppföljning"]
    assert ws.protection.sheet and ws.column_dimensions["B"].protection.locked is False
    assert ws.print_title_rows == "$1:$1" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_area == "'Måluppföljning'!$A$1:$C$1000"
    assert wb[LISTS_SHEET].sheet_state == "hidden"


def test_an_output_under_a_file_is_one_sentence(plan: Path) -> None:
    target = plan / "rapport.xlsx"  # the plan is a file, not a folder
    result = run("followup", str(plan), "--rapport", "Delårsrapport", "-o", str(target))
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Fel: Utfilen rapport.xlsx kan inte skrivas (File exists). Välj ett annat namn eller "
        "en annan mapp med -o."
    )
    assert plan.is_file()


def test_an_output_in_a_new_folder_makes_the_folder(plan: Path) -> None:
    target = plan.parent / "ny-mapp" / "rapport.xlsx"
    result = run("followup", str(plan), "--rapport", "Delårsrapport", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.is_file()


def test_a_verksamhetsberattelse_covers_the_whole_year_by_default(
    plan: Path, cfg: KommunConfig
) -> None:
    out = make_followup(plan, "verksamhetsberattelse", cfg)
    assert out.name == "socialnamnden-2024-verksamhetsberattelse.xlsx"
    g = grunddata(openpyxl.load_workbook(out))
    assert (g["Rapport"], g["Period till och med"]) == ("Verksamhetsberättelse", "December")
