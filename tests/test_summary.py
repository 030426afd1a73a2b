"""The council's summary: an incomplete Totalt says so and names who is missing; Swedish
number formats without red; headers that are not cut; print settings on both sheets."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import get_column_letter

from pipeline.build import BuildResult, build_many
from pipeline.spec.config import KommunConfig
from pipeline.workbooks.summary import (
    ALIGNED_FORMAT,
    INCOMPLETE_FORMAT,
    INCOMPLETE_TOTAL,
    MISSING_NOTE,
    MNKR_FORMAT,
    TOTAL,
    headers_for,
    write_summary,
)

from .conftest import ROOT

YEAR = 2024
INDATA = ROOT / "indata"
BOOKS = ("kultur-och-fritidsnamnden-2024.xlsx", "socialnamnden-2024.xlsx",
         "tekniska-namnden-2024.xlsx")  # fmt: skip


def _build(folder: Path, cfg: KommunConfig) -> list[BuildResult]:
    books = sorted(folder.glob("*.xlsx"))
    return build_many([(b, folder / "ut" / f"{b.stem}.docx") for b in books], cfg,
                      layout=False, workers=1)  # fmt: skip


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> Path:
    folder = tmp_path_factory.mktemp("hel")
    for name in BOOKS:
        shutil.copy(INDATA / name, folder / name)
    results = _build(folder, cfg)
    errors = [str(f) for r in results for f in r.check.findings.errors]
    assert all(r.output is not None for r in results), errors
    return write_summary(results, YEAR, folder / "sammanstallning-2024.xlsx")


@pytest.fixture(scope="module")
def incomplete(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> Path:
    """Tekniska nämnden's Bokslut column left empty on every row."""
    folder = tmp_path_factory.mktemp("ofullstandig")
    for name in BOOKS:
        shutil.copy(INDATA / name, folder / name)
    path = folder / "tekniska-namnden-2024.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Driftsbudget"]
    assert ws["B1"].value == f"Bokslut {YEAR - 2}"
    blanked = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 2).value is not None:
            ws.cell(r, 2).value = None
            blanked += 1
    assert blanked >= 2
    wb.save(path)
    results = _build(folder, cfg)
    assert all(r.output is not None for r in results)
    return write_summary(results, YEAR, folder / "sammanstallning-2024.xlsx")


def _table(path: Path) -> dict[str, list[openpyxl.cell.Cell]]:
    ws = openpyxl.load_workbook(path)["Driftsbudget"]
    return {row[0].value: list(row) for row in ws.iter_rows(min_row=2) if row[0].value}


def test_a_complete_batch_has_a_plain_totalt(complete: Path) -> None:
    rows = _table(complete)
    # no note rows, no "ofullständigt"
    names = {"Kultur- och fritidsnämnden", "Socialnämnden", "Tekniska nämnden"}
    assert set(rows) == {*names, TOTAL}
    total = rows[TOTAL]
    for col in range(1, 8):
        expected = sum(rows[n][col].value for n in rows if n != TOTAL)
        assert total[col].value == pytest.approx(expected)
        assert total[col].number_format == MNKR_FORMAT and total[col].comment is None
    assert total[0].comment is None


def test_an_incomplete_column_is_marked_and_names_who_is_missing(incomplete: Path) -> None:
    rows = _table(incomplete)
    assert TOTAL not in rows  # nobody can take it for the kommun's total
    total = rows[INCOMPLETE_TOTAL]
    assert rows["Tekniska nämnden"][1].value is None
    bokslut = total[1]
    assert bokslut.value == pytest.approx(
        rows["Kultur- och fritidsnämnden"][1].value + rows["Socialnämnden"][1].value
    )
    assert bokslut.number_format == INCOMPLETE_FORMAT and '" *"' in bokslut.number_format
    assert bokslut.fill.fill_type == "solid"
    assert "Tekniska nämnden" in bokslut.comment.text
    assert "2 av 3 nämnder" in bokslut.comment.text
    assert rows["Socialnämnden"][1].number_format == ALIGNED_FORMAT  # stays aligned
    # the other columns are complete and plain
    for col in range(2, 8):
        assert total[col].number_format == MNKR_FORMAT and total[col].comment is None
    notes = [name for name in rows if name.startswith(MISSING_NOTE)]
    assert notes == [f"{MISSING_NOTE}: Tekniska nämnden (Bokslut {YEAR - 2})."]


def test_a_workbook_without_a_plan_is_named_at_the_totalt(
    broken: Callable[..., Path], tmp_path: Path, cfg: KommunConfig
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(INDATA / "socialnamnden-2024.xlsx", folder / "socialnamnden-2024.xlsx")
    bad = broken({"Grunddata!B3": "Trasiga nämnden", "Driftsbudget!E5": "tio"})
    shutil.copy(bad, folder / "trasig.xlsx")
    results = _build(folder, cfg)
    assert [r.output is None for r in results] == [False, True]
    path = write_summary(results, YEAR, tmp_path / "s.xlsx")
    rows = _table(path)
    # A row of its own without figures (none from a workbook with errors), and every
    # Totalt incomplete: the sum is Socialnämnden's alone, not the batch's.
    assert "Trasiga nämnden (ingen plan byggd)" in rows
    assert all(c.value is None for c in rows["Trasiga nämnden (ingen plan byggd)"][1:])
    assert TOTAL not in rows and INCOMPLETE_TOTAL in rows
    assert all("Trasiga nämnden" in c.comment.text for c in rows[INCOMPLETE_TOTAL][1:])
    notes = [k for k in rows if k.startswith("* Saknas")]
    assert notes and "Trasiga nämnden (ingen plan byggd) – alla belopp" in notes[0]
    findings = openpyxl.load_workbook(path)["Granskning"]
    assert any(r[0] == "Trasiga nämnden" and r[2] == "Ingen plan byggd"
               for r in findings.iter_rows(min_row=2, values_only=True))  # fmt: skip


def test_number_formats_are_swedish_style_and_never_red(complete: Path, incomplete: Path) -> None:
    for path in (complete, incomplete):
        wb = openpyxl.load_workbook(path)
        formats = {c.number_format for ws in wb for row in ws.iter_rows() for c in row}
        assert not [f for f in formats if "red" in f.lower() or "[" in f], formats
        ws = wb["Driftsbudget"]
        for row in ws.iter_rows(min_row=2, min_col=2):
            for cell in row:
                if isinstance(cell.value, float):
                    fmt = cell.number_format
                    # thousands grouped, one decimal, a minus sign for negative numbers
                    assert fmt.startswith("#,##0.0") and ";-#,##0.0" in fmt, fmt


def test_headers_are_not_cut(complete: Path) -> None:
    ws = openpyxl.load_workbook(complete)["Driftsbudget"]
    headers = [c.value for c in ws[1]]
    assert headers == headers_for(YEAR)
    lines_available = ws.row_dimensions[1].height / 15
    for i, cell in enumerate(ws[1], start=1):
        assert cell.alignment.wrap_text, cell.value
        width = ws.column_dimensions[get_column_letter(i)].width
        words = cell.value.split()
        assert all(len(w) + 1 <= width for w in words), (cell.value, width)  # no word cut
        lines, line = 1, 0
        for w in words:
            line = len(w) if line == 0 else line + 1 + len(w)
            if line > width - 1:
                lines, line = lines + 1, len(w)
        assert lines <= lines_available, (cell.value, width)
    names = [r[0].value for r in ws.iter_rows(min_row=2) if r[0].value]
    assert all(len(n) <= ws.column_dimensions["A"].width for n in names)


def test_both_sheets_print_a4_landscape_one_page_wide_with_the_header(complete: Path) -> None:
    wb = openpyxl.load_workbook(complete)
    assert wb.sheetnames == ["Driftsbudget", "Granskning"]
    for ws in wb:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert setup.paperSize == 9, ws.title  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        last = get_column_letter(ws.max_column)
        assert ws.print_area == f"'{ws.title}'!$A$1:${last}${ws.max_row}", ws.title


# --- the summary of a kind of follow-up report (issue 15) -----------------------------------


def _report_result(tmp_path: Path, namnd: str, rows: list[list[object]] | None = None,
                   built: bool = True, **grunddata: object) -> BuildResult:  # fmt: skip
    from pipeline.check.workbook import CheckResult
    from pipeline.common.findings import Findings
    from pipeline.model.report import build_report

    from .report_data import valid_followup

    valid = valid_followup({"Driftsredovisning": rows} if rows else None, Nämnd=namnd,
                           **grunddata)  # fmt: skip
    findings = Findings()
    if not built:
        findings.error("Driftsredovisning", "D3", '"tio" är inte ett belopp.', "Skriv ett tal.")
    result = BuildResult(CheckResult(Path(f"{namnd}.xlsx"), findings, valid))
    if built:
        result.report = build_report(valid)
        result.output = tmp_path / f"{namnd}.docx"
    return result


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def test_report_summary_per_namnd_reconciles_with_each_totalt(tmp_path: Path) -> None:
    from decimal import Decimal as D

    from pipeline.workbooks.summary import report_summary_path, write_report_summary

    other = [["Gata", D("-40.0"), D("-42.0"), D("-27.5"), D("-41.0")],
             ["Park", None, D("-8.0"), D("-5.0"), D("-8.5")]]  # fmt: skip
    results = [_report_result(tmp_path, "Socialnämnden"),
               _report_result(tmp_path, "Tekniska nämnden", other)]  # fmt: skip
    out = report_summary_path(tmp_path, "Delårsrapport", YEAR)
    assert out.name == "sammanstallning-delarsrapport-2024.xlsx"
    path = write_report_summary(results, YEAR, out)
    rows = _sheet_rows(path, "Driftsredovisning")
    assert rows[0] == ("Nämnd", "Budget 2024", "Utfall jan–aug 2024", "Prognos 2024", "Avvikelse")
    # The Totalt rows of the reports (tests/report_data.py and the rows above), as literals.
    assert rows[1] == ("Socialnämnden", -503.3, -343.6, -511.2, -7.9)
    assert rows[2] == ("Tekniska nämnden", -50.0, -32.5, -49.5, 0.5)
    assert rows[3][0] == TOTAL
    assert rows[3][1:] == pytest.approx((-553.3, -376.1, -560.7, -7.4))
    assert _sheet_rows(path, "Granskning")[0][2] == "Rapport"


def test_report_summary_of_a_batch_with_a_broken_report_is_incomplete(tmp_path: Path) -> None:
    from pipeline.workbooks.summary import write_report_summary

    results = [_report_result(tmp_path, "Socialnämnden"),
               _report_result(tmp_path, "Trasiga nämnden", built=False)]  # fmt: skip
    path = write_report_summary(results, YEAR, tmp_path / "s.xlsx")
    names = [r[0] for r in _sheet_rows(path, "Driftsredovisning") if r[0]]
    assert "Trasiga nämnden (ingen rapport byggd)" in names and INCOMPLETE_TOTAL in names
    assert any(n.startswith(MISSING_NOTE) and "ingen rapport byggd" in n for n in names)
    findings = _sheet_rows(path, "Granskning")
    assert any(r[0] == "Trasiga nämnden" and r[2] == "Ingen rapport byggd" for r in findings)


def test_verksamhetsberattelse_summary_without_forecasts_has_no_prognos(tmp_path: Path) -> None:
    from decimal import Decimal as D

    from pipeline.workbooks.summary import write_report_summary

    rows = [["Äldreomsorg", D("-410.2"), D("-425.0"), D("-428.9"), None]]
    results = [_report_result(tmp_path, "Socialnämnden", rows, Rapport="Verksamhetsberättelse",
                              Period_till_och_med="December")]  # fmt: skip
    path = write_report_summary(results, YEAR, tmp_path / "vb.xlsx")
    table = _sheet_rows(path, "Driftsredovisning")
    assert table[0] == ("Nämnd", "Budget 2024", "Utfall 2024", "Avvikelse")
    assert table[1] == ("Socialnämnden", -425.0, -428.9, pytest.approx(-3.9))


def test_report_summary_in_tkr_has_whole_number_formats(tmp_path: Path) -> None:
    from pipeline.workbooks.summary import write_report_summary

    path = write_report_summary([_report_result(tmp_path, "Socialnämnden")], YEAR,
                                tmp_path / "tkr.xlsx", decimals=0)  # fmt: skip
    ws = openpyxl.load_workbook(path)["Driftsredovisning"]
    assert ws["B2"].number_format == "#,##0;-#,##0"
