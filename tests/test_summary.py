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
