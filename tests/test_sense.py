"""Sense checks (issue 10): workbooks filled the way controllers fill them.

Each case ends in a finding that names the cell, or in a plan that shows the right thing;
never in a silently wrong plan. Workbooks are the shipped example edited with openpyxl,
and, where the point is what Excel writes, with the sheet XML rewritten as Excel writes it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pipeline.build import build, check
from pipeline.check.sense import is_total_name
from pipeline.common.findings import Findings
from pipeline.compose.blocks import compose
from pipeline.compose.docmodel import Heading, Paragraph, Table, dump
from pipeline.model.plan import build_plan
from pipeline.spec.config import KommunConfig
from pipeline.workbooks.rollover import rollover

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted([*ROOT.glob("indata/*.xlsx"), *ROOT.glob("tests/fixtures/*.xlsx")])
NB = "\u00a0"
M = "\u2212"


@pytest.fixture
def edited(tmp_path: Path, example: Path) -> Callable[..., Path]:
    """The example edited by a function of the openpyxl workbook: ``edited(fn)``."""

    def make(fn: Callable[[Any], None], name: str = "nämnd.xlsx", source: Path = example) -> Path:
        wb = openpyxl.load_workbook(source)
        fn(wb)
        path = tmp_path / name
        wb.save(path)
        return path

    return make


def at(findings: Findings, where: str, errors_only: bool = False) -> list[str]:
    pool = findings.errors if errors_only else findings
    return [str(f) for f in pool if f.location == where]


def rewrite_parts(path: Path, edit: Callable[[str, str], str]) -> Path:
    """The workbook with each XML part's text passed through ``edit(name, text)``."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                data = edit(name, data.decode("utf-8")).encode("utf-8")
            out.writestr(name, data)
    return path


def _append_row(ws: Any, values: list[Any]) -> int:
    row = ws.max_row + 1
    for col, value in enumerate(values, start=1):
        ws.cell(row, col, value)
    return row


def _column_sums(ws: Any) -> list[float]:
    return [
        round(sum(ws.cell(r, c).value or 0 for r in range(2, ws.max_row + 1)), 1)
        for c in range(2, 8)
    ]


# --- totals typed by hand ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Totalt", "TOTALT", "  totalt ", "Summa", "S:a verksamhet", "Total", "Nämnden totalt"]
)
def test_a_total_row_typed_by_hand_is_an_error_and_no_plan_is_built(
    edited: Callable[..., Path], cfg: KommunConfig, tmp_path: Path, name: str
) -> None:
    rows: list[int] = []

    def add_total(wb: Any) -> None:
        ws = wb["Driftsbudget"]
        rows.append(_append_row(ws, [name, *_column_sums(ws)]))

    path = edited(add_total)
    out = tmp_path / "plan.docx"
    result = build(path, out, cfg)
    msgs = at(result.check.findings, f"Driftsbudget!A{rows[0]}", errors_only=True)
    assert msgs and "räknar själv ut Totalt" in msgs[0], [str(f) for f in result.check.findings]
    assert result.output is None and not out.exists()


def test_a_row_whose_figures_are_the_sum_of_the_rows_above_is_an_error(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    rows: list[int] = []

    def add_sum(wb: Any) -> None:
        ws = wb["Investeringsbudget"]
        _append_row(ws, ["Ny förskola", -2.0, -3.1, -3.0, -4.0, -1.0, None])
        ws2 = wb["Driftsbudget"]
        rows.append(_append_row(ws2, ["Nämndens verksamhet", *_column_sums(ws2)]))

    findings = check(edited(add_sum), cfg).findings
    msgs = at(findings, f"Driftsbudget!A{rows[0]}", errors_only=True)
    assert msgs and "summan av raderna ovanför" in msgs[0]


def test_a_coincidence_in_a_short_table_is_not_a_total(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    # One filled column where the third row happens to be the sum of the first two.
    def investments(wb: Any) -> None:
        ws = wb["Investeringsbudget"]
        ws.delete_rows(2, ws.max_row)
        for i, (name, v) in enumerate((("Möbler", -2.0), ("IT", -3.0), ("Kök", -5.0)), start=2):
            ws.cell(i, 1, name)
            ws.cell(i, 5, v)

    findings = check(edited(investments), cfg).findings
    assert not findings.errors, [str(f) for f in findings.errors]


def test_a_volume_that_counts_something_of_its_own_is_not_a_total(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    def volumes(wb: Any) -> None:
        ws = wb["Volymer"]
        ws.delete_rows(2, ws.max_row)
        for col, v in enumerate(["Totalt antal hushåll med bistånd", 487, 405, 505, 475, 480, 485]):
            ws.cell(2, col + 1, v)
        for col, v in enumerate(["Antal hushåll, flykting", 1, 5, 40, 15, 15, 15]):
            ws.cell(3, col + 1, v)

    findings = check(edited(volumes), cfg).findings
    assert not findings.errors, [str(f) for f in findings.errors]


def test_a_volume_total_after_its_parts_is_an_error(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    rows: list[int] = []

    def volumes(wb: Any) -> None:
        ws = wb["Volymer"]
        rows.append(_append_row(ws, ["Totalt", 600, 5000, 6000, 6000, 6000, 6000]))

    findings = check(edited(volumes), cfg).findings
    assert at(findings, f"Volymer!A{rows[0]}", errors_only=True)


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("Totalt", True),
        ("S:A", True),
        ("Summa kostnader", True),
        ("Delsumma", True),
        ("Total", True),
        ("Totalförsvarsplanering", False),
        ("Total renovering av simhallen", False),
        ("Sommarverksamhet", False),
        ("Ekonomiskt bistånd", False),
    ],
)
def test_total_names(name: str, total: bool) -> None:
    assert is_total_name(name) is total


# --- amounts in the wrong unit ------------------------------------------------------------


def test_tkr_typed_where_mnkr_belongs_is_warned_with_the_likely_amount(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    findings = check(broken({"Driftsbudget!E5": -402600}), cfg).findings
    msgs = at(findings, "Driftsbudget!E5")
    assert len(msgs) == 1 and "tkr" in msgs[0] and f"{M}402,6" in msgs[0], msgs


def test_one_row_typed_in_tkr_throughout_is_warned(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    tkr = (-19800, -20400, -20400, -21800, -21900, -22100)
    changes = {f"Driftsbudget!{c}3": v for c, v in zip("BCDEFG", tkr, strict=True)}
    findings = check(broken(changes), cfg).findings
    assert {f.cell for f in findings.warnings if "tkr" in f.message} >= {"B3", "E3", "G3"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_no_magnitude_warning_on_any_shipped_workbook(path: Path, cfg: KommunConfig) -> None:
    findings = check(path, cfg).findings
    assert not [str(f) for f in findings if "tkr" in f.message]


def test_a_realistic_wide_spread_of_amounts_gives_no_magnitude_warning(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    # Furniture for 0,3 Mnkr beside a new school for 250 Mnkr, and a big operating row.
    def wide(wb: Any) -> None:
        ws = wb["Investeringsbudget"]
        ws.delete_rows(2, ws.max_row)
        for r, row in enumerate(
            (
                ["Inventarier", -0.3, -0.4, -0.5, -0.3, -0.3, -0.3],
                ["Ny skola", None, -12.0, -40.0, -250.0, -180.0, -20.0],
                ["Lekplatser", -0.5, -0.6, -0.5, -0.8, -0.8, -0.8],
            ),
            start=2,
        ):
            for c, v in enumerate(row, start=1):
                ws.cell(r, c, v)
        wb["Driftsbudget"]["E2"] = -1250.0  # a large verksamhet of a large nämnd

    findings = check(edited(wide), cfg).findings
    assert not [str(f) for f in findings if "tkr" in f.message]


# --- percentages and volumes --------------------------------------------------------------


def test_a_percentage_pasted_as_a_fraction_is_warned_with_what_it_probably_means(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    def fraction(wb: Any) -> None:
        cell = wb["Nyckeltal"]["E3"]
        cell.value = 0.884
        cell.number_format = "General"

    findings = check(edited(fraction), cfg).findings
    msgs = at(findings, "Nyckeltal!E3")
    assert msgs and f"0,9{NB}%" in msgs[0] and f"88,4{NB}%" in msgs[0], msgs


def test_a_percent_format_is_not_a_pasted_fraction(example: Path, cfg: KommunConfig) -> None:
    # The example types 77,7 % (stored 0.777 with a percent format): no warning.
    assert not [f for f in check(example, cfg).findings if "andel" in f.message]


def test_88_4_in_a_percent_formatted_cell_is_explained_as_what_was_typed(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    msgs = at(check(broken({"Nyckeltal!E3": 88.4}), cfg).findings, "Nyckeltal!E3", True)
    assert msgs and "formaterad som procent" in msgs[0] and "88,4 %" in msgs[0]
    assert "ligger utanför" not in msgs[0]  # not "8840 % ligger utanför 0–100 %"


def test_a_decimal_volume_is_shown_as_typed_and_flagged(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    result = check(broken({"Volymer!E5": 5230.5}), cfg)
    assert at(result.findings, "Volymer!E5")
    assert result.valid is not None
    doc = compose(build_plan(result.valid), cfg)
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.caption == "Volymer")
    row = next(r for r in table.rows if r[0].text == "Mottagning")
    assert row[4].text == f"5{NB}230,5"


# --- the rolled-over workbook ----------------------------------------------------------------


def test_a_rolled_over_workbook_is_not_taken_for_a_finished_plan(
    example_copy: Path, cfg: KommunConfig, tmp_path: Path
) -> None:
    new = rollover(example_copy, 2025, cfg, tmp_path / "ny-2025.xlsx")
    findings = check(new, cfg).findings
    headers = {f.location for f in findings.warnings if "tom på alla rader" in f.message}
    # Bokslut 2023, Prognos 2024, Plan 2027 on the three tables; Utfall 2024 on Nyckeltal.
    assert {"Driftsbudget!B1", "Driftsbudget!C1", "Driftsbudget!G1", "Volymer!B1",
            "Investeringsbudget!G1", "Nyckeltal!E1"} <= headers  # fmt: skip
    assert len([f for f in findings if f.location == "Driftsbudget!B1"]) == 1  # once a column
    unchanged = {f.location for f in findings.warnings if "oförändrad" in f.message}
    assert {"Målbild!B2", "Hållbarhet!B2", "Grunduppdrag!D3"} <= unchanged

    # An edited text is no longer warned about; the others still are.
    wb = openpyxl.load_workbook(new)
    wb["Målbild"]["B2"] = "Ny text för 2025."
    wb.save(new)
    again = {f.location for f in check(new, cfg).findings if "oförändrad" in f.message}
    assert "Målbild!B2" not in again and "Målbild!B3" in again


def test_the_record_of_carried_texts_is_very_hidden(
    example_copy: Path, cfg: KommunConfig, tmp_path: Path
) -> None:
    from pipeline.spec.contract import CARRIED_SHEET

    new = rollover(example_copy, 2025, cfg, tmp_path / "ny-2025.xlsx")
    wb = openpyxl.load_workbook(new)
    assert wb[CARRIED_SHEET].sheet_state == "veryHidden"
    assert wb.active.title != CARRIED_SHEET


# --- reading what Excel and Macs write --------------------------------------------------------


def test_windows_line_breaks_as_excel_writes_them_never_reach_the_plan(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    def text(wb: Any) -> None:
        wb["Hållbarhet"]["B2"] = "Första raden@CR@\nAndra raden@CR@\n- en punkt"
        wb["Hållbarhet"]["B3"] = "Ett escape som text: @ESC@ slut"

    path = edited(text)

    def excel_escapes(name: str, xml: str) -> str:
        # Excel writes a carriage return as _x000D_, and the text "_x000D_" as _x005F_x000D_.
        return xml.replace("@ESC@", "_x005F_x000D_").replace("@CR@", "_x000D_")

    rewrite_parts(path, excel_escapes)
    result = check(path, cfg)
    assert result.valid is not None and not result.findings.errors
    text_out = dump(compose(build_plan(result.valid), cfg))
    assert "\r" not in text_out and "Första raden_x000D_" not in text_out
    assert "Första raden\n\nAndra raden\n\n  • en punkt" in text_out  # paragraphs, a bullet
    assert "Ett escape som text: _x000D_ slut" in text_out


def test_names_copied_from_a_mac_or_a_pdf_match_in_nfc(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    import unicodedata

    def decompose(wb: Any) -> None:
        wb["Målbild"].title = unicodedata.normalize("NFD", "Målbild")
        ws = wb[unicodedata.normalize("NFD", "Målbild")]
        ws["A3"] = unicodedata.normalize("NFD", ws["A3"].value)  # "Samhörighet"
        wb["Grunduppdrag"]["B2"] = unicodedata.normalize("NFD", "Utveckla/målsätta")

    path = edited(decompose)
    result = check(path, cfg)
    assert not result.findings.errors, [str(f) for f in result.findings.errors]
    assert result.valid is not None
    goals = [r["mal"].value for r in result.valid.rows["Målbild"]]
    assert "Samhörighet" in goals


def test_a_missing_sheet_names_its_near_miss(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    def rename(wb: Any) -> None:
        wb["Driftsbudget"].title = "Driftbudget"

    msgs = at(check(edited(rename), cfg).findings, "Driftsbudget", errors_only=True)
    assert msgs and '"Driftbudget"' in msgs[0] and "Byt namn" in msgs[0]


def test_an_unknown_column_is_warned_not_ignored(
    edited: Callable[..., Path], cfg: KommunConfig
) -> None:
    def extra(wb: Any) -> None:
        wb["Driftsbudget"]["H1"] = "Kommentar"
        wb["Driftsbudget"]["H3"] = "kolla med ekonomichefen"
        wb["Volymer"]["J4"] = 12  # no header at all

    findings = check(edited(extra), cfg).findings
    assert at(findings, "Driftsbudget!H1") and "Kommentar" in at(findings, "Driftsbudget!H1")[0]
    assert at(findings, "Volymer!J4")
    assert not findings.errors


def test_true_and_false_from_a_formula_in_a_ja_nej_column(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    result = check(broken({"Utvecklingsmål!D2": True, "Utvecklingsmål!E2": False}), cfg)
    assert not result.findings.errors, [str(f) for f in result.findings.errors]
    assert result.valid is not None
    row = result.valid.rows["Utvecklingsmål"][0]
    assert (row["kf"].value, row["agenda"].value) == ("Ja", "Nej")
    money = at(check(broken({"Driftsbudget!E5": True}), cfg).findings, "Driftsbudget!E5", True)
    assert money and "SANT" in money[0] and "True" not in money[0]


def test_a_required_cell_gets_a_hint_about_itself(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    msgs = at(check(broken({"Hållbarhet!B2": None}), cfg).findings, "Hållbarhet!B2", True)
    assert msgs and "måste fyllas i" in msgs[0]
    assert "Radbrytning" not in msgs[0] and "ta bort raden" in msgs[0]


# --- numbers typed as text, said once per column ----------------------------------------------


def test_fifteen_numbers_typed_as_text_are_one_line_per_column_after_the_errors(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    changes: dict[str, Any] = {f"Driftsbudget!E{r}": f"{M}{r},5" for r in range(2, 12)}
    changes |= {f"Driftsbudget!F{r}": f"-{r},5" for r in range(2, 7)}
    changes |= {"Volymer!C3": "många", "Driftsbudget!B2": "x", "Hållbarhet!A2": 99}
    findings = check(broken(changes), cfg).findings
    assert len([f for f in findings if f.group]) == 15  # one per cell, for the reviewed copy
    shown = findings.condensed()
    assert [f.is_error for f in shown[:3]] == [True, True, True]
    grouped = [f for f in shown if f.group]
    assert len(grouped) == 2, [str(f) for f in shown]
    e_column = next(f for f in grouped if f.cell.startswith("E"))
    assert e_column.cell == "E2:E11" and "10 celler" in e_column.message
    assert "E2, E3" in e_column.message and "Budget 2024" in e_column.message
    assert "−" in e_column.hint and "Sök och ersätt" in e_column.hint


# --- empty chapters ----------------------------------------------------------------------------


def test_a_sparse_plan_has_no_bare_headings(edited: Callable[..., Path], cfg: KommunConfig) -> None:
    def sparse(wb: Any) -> None:
        for name in ("Satsningar och uppdrag", "Volymer", "Investeringsbudget", "Hållbarhet",
                     "Kommentarer", "Utvecklingsmål"):  # fmt: skip
            ws = wb[name]
            ws.delete_rows(2, ws.max_row)

    result = check(edited(sparse), cfg)
    warned = {f.sheet for f in result.findings.warnings if f.cell == "A2"}
    assert {"Satsningar och uppdrag", "Volymer", "Hållbarhet", "Investeringsbudget"} <= warned
    assert result.valid is not None and not result.findings.errors
    doc = compose(build_plan(result.valid), cfg)
    blocks = list(doc.blocks)
    assert not isinstance(blocks[-1], Heading), "the plan ends on a heading"
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if isinstance(b, Heading) and isinstance(nxt, Heading):
            assert nxt.level > b.level, f"bare heading {b.full_text!r}"
    tops = [h.full_text for h in doc.headings if h.level == 1]
    assert tops == [
        "1.0 Enköpings kommuns styrmodell",
        "2.0 Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden",
        "3.0 Särskilda satsningar och uppdrag från kommunfullmäktige",
        "4.0 Nämndens grunduppdrag och utvecklingsmål",
        "5.0 Nämndens budget",
    ]
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.number == "3.0")
    assert isinstance(blocks[i + 1], Paragraph) and "inga särskilda satsningar" in re.sub(
        r"\s+", " ", blocks[i + 1].text
    )
    assert "Nämnden har inga investeringar under perioden." in dump(doc)


def test_magnitude_uses_decimal_amounts(broken: Callable[..., Path], cfg: KommunConfig) -> None:
    result = check(broken({"Driftsbudget!E5": -402600}), cfg)
    assert result.valid is not None
    assert result.valid.rows["Driftsbudget"][3]["budget"].value == Decimal(-402600)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice behövs")
def test_a_libreoffice_resave_keeps_every_finding_and_no_carriage_return(
    edited: Callable[..., Path], cfg: KommunConfig, tmp_path: Path
) -> None:
    rows: list[int] = []

    def controller(wb: Any) -> None:
        ws = wb["Driftsbudget"]
        rows.append(_append_row(ws, ["Summa", *_column_sums(ws)]))
        wb["Driftsbudget"]["E5"] = -402600
        wb["Hållbarhet"]["B2"] = "Första raden@CR@\nAndra raden"

    path = rewrite_parts(edited(controller), lambda _, xml: xml.replace("@CR@", "_x000D_"))
    out = tmp_path / "ut"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    result = check(out / path.name, cfg)
    assert at(result.findings, f"Driftsbudget!A{rows[0]}", errors_only=True)
    assert any("tkr" in m for m in at(result.findings, "Driftsbudget!E5"))
    assert result.valid is not None
    text = result.valid.rows["Hållbarhet"][0]["text"].value
    assert text == "Första raden\nAndra raden"
