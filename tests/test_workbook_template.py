"""The input workbook controllers receive: sheets, headers, drop-downs, formats, protection."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.build import check
from pipeline.cli_workbooks import template_cmd
from pipeline.config import KommunConfig
from pipeline.contract import (
    AGENDA_2030,
    GRUNDDATA_FIELDS,
    GRUNDDATA_HEADERS,
    MANADER,
    SHEET_NAMES,
    SHEETS,
    Kind,
)
from pipeline.read import read_workbook
from pipeline.workbook_template import (
    DATA_ROWS,
    HEADER_FILL,
    HEADER_TEXT,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    Formatted,
    write_workbook,
)

from .conftest import ROOT

YEAR = 2025


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> Path:
    return write_workbook(tmp_path_factory.mktemp("mall") / "mall.xlsx", YEAR, cfg)


@pytest.fixture(scope="module")
def wb(template: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template)


def validation_at(ws: Worksheet, ref: str) -> DataValidation:
    found = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{ref}: {len(found)} validations"
    return found[0]


def list_values(wb: openpyxl.Workbook, formula: str) -> list[Any]:
    """The values a list validation offers: its defined name resolved on the list sheet."""
    assert formula in wb.defined_names, f"not a defined name: {formula}"
    target = wb.defined_names[formula].attr_text
    m = re.fullmatch(r"'?([^'!]+)'?!(\$[A-Z]+\$\d+:\$[A-Z]+\$\d+)", target)
    assert m and m[1] == LISTS_SHEET, f"not a range on {LISTS_SHEET}: {target}"
    ws = wb[m[1]]
    min_col, min_row, max_col, max_row = range_boundaries(m[2].replace("$", ""))
    assert min_col == max_col
    return [ws.cell(r, min_col).value for r in range(min_row, max_row + 1)]


def covers_column(dv: DataValidation, letter: str, last: int = DATA_ROWS) -> bool:
    return all(f"{letter}{r}" in dv.sqref for r in (2, 3, last // 2, last))


def luminance(hex_colour: str) -> float:
    def chan(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[-6:][i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def sheet_text(ws: Worksheet) -> str:
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)


# --- sheets and headers -------------------------------------------------------------------


def test_sheets_in_the_contracts_order_after_the_instructions(wb: openpyxl.Workbook) -> None:
    assert wb.sheetnames == [INSTRUCTIONS_SHEET, *SHEET_NAMES, LISTS_SHEET]
    assert wb.active.title == INSTRUCTIONS_SHEET
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert all(wb[name].sheet_state == "visible" for name in (INSTRUCTIONS_SHEET, *SHEET_NAMES))


def test_headers_are_the_contracts_for_the_year(wb: openpyxl.Workbook) -> None:
    ws = wb["Grunddata"]
    assert (ws["A1"].value, ws["B1"].value) == GRUNDDATA_HEADERS
    for spec in SHEETS:
        got = [c.value for c in wb[spec.name][1]]
        assert got == spec.headers_for(YEAR), spec.name
    assert [c.value for c in wb["Driftsbudget"][1]][1:] == [
        "Bokslut 2023", "Prognos 2024", "Budget 2024", "Budget 2025", "Plan 2026", "Plan 2027"
    ]  # fmt: skip


def test_grunddata_is_prefilled(wb: openpyxl.Workbook, cfg: KommunConfig) -> None:
    ws = wb["Grunddata"]
    assert [ws.cell(r, 1).value for r in range(2, 9)] == [f.name for f in GRUNDDATA_FIELDS]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 9)}
    assert values.pop("Kommun") == cfg.namn
    assert values.pop("Budgetår") == YEAR
    assert all(v is None for v in values.values()), values
    assert ws["B7"].number_format == "yyyy-mm-dd"  # Beslutsdatum
    assert not ws["B3"].protection.locked and ws["A3"].protection.locked


# --- drop-downs and messages ------------------------------------------------------------------


def test_every_closed_column_has_a_list_from_the_contract(
    wb: openpyxl.Workbook, cfg: KommunConfig
) -> None:
    checked = 0
    for spec in SHEETS:
        ws = wb[spec.name]
        for i, col in enumerate(spec.columns, start=1):
            allowed = cfg.choices.for_column(spec.name, col)
            if not allowed and col.kind is not Kind.AGENDA:
                continue
            letter = get_column_letter(i)
            dv = validation_at(ws, f"{letter}2")
            assert dv.type == "list" and covers_column(dv, letter), (spec.name, col.key)
            assert len(dv.formula1) <= 255 and dv.formula1.startswith("Lista_")
            expected = [g.number for g in AGENDA_2030] if col.kind is Kind.AGENDA else list(allowed)
            assert list_values(wb, dv.formula1) == expected, (spec.name, col.key)
            assert not dv.showDropDown  # True would hide the arrow
            assert dv.showErrorMessage and dv.errorStyle == "stop" and dv.error
            checked += 1
    # Mål x2, Enhet, Typ, Perspektiv, Inriktning, Ja/Nej x2, Avsnitt, Agenda 2030
    assert checked == 10


def test_goal_lists_come_from_the_kommuns_configuration(
    wb: openpyxl.Workbook, cfg: KommunConfig
) -> None:
    malbild = list_values(wb, validation_at(wb["Målbild"], "A2").formula1)
    nyckeltal = list_values(wb, validation_at(wb["Nyckeltal"], "A2").formula1)
    assert malbild == list(cfg.goals)
    assert nyckeltal == [*cfg.goals, "Grunduppdrag"]


def test_grunddata_month_and_year_are_checked(wb: openpyxl.Workbook) -> None:
    ws = wb["Grunddata"]
    month = validation_at(ws, "B5")
    assert month.type == "list" and list_values(wb, month.formula1) == list(MANADER)
    year = validation_at(ws, "B4")
    assert (year.type, year.formula1, year.formula2) == ("whole", "1990", "2200")
    assert validation_at(ws, "B7").type == "date"


def test_every_column_has_an_input_message_from_the_contract(wb: openpyxl.Workbook) -> None:
    for spec in SHEETS:
        ws = wb[spec.name]
        for i, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(i)
            dv = validation_at(ws, f"{letter}{DATA_ROWS}")
            assert dv.showInputMessage and covers_column(dv, letter)
            assert dv.promptTitle == col.header_for(YEAR)
            assert dv.prompt.startswith(col.help), (spec.name, col.key)
            assert len(dv.promptTitle) <= 32 and len(dv.prompt) <= 255
            if dv.showErrorMessage:
                assert dv.errorTitle == "Ogiltigt värde" and len(dv.error) <= 255
    for r, field in enumerate(GRUNDDATA_FIELDS, start=2):
        dv = validation_at(wb["Grunddata"], f"B{r}")
        assert dv.promptTitle == field.name and dv.prompt.startswith(field.help)


def test_number_columns_reject_text_with_a_swedish_message(wb: openpyxl.Workbook) -> None:
    money = validation_at(wb["Driftsbudget"], "E10")
    assert money.type == "decimal" and "Mnkr" in money.error
    count = validation_at(wb["Volymer"], "E10")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    figure = validation_at(wb["Nyckeltal"], "D10")
    assert figure.type == "decimal" and "77,7 %" in figure.error
    text = validation_at(wb["Målbild"], "B10")
    assert text.type is None and not text.showErrorMessage


# --- formats, layout, protection ----------------------------------------------------------------


def column_style(ws: Worksheet, letter: str) -> Any:
    """The column's own style: what every empty cell below the header takes in Excel."""
    return ws.column_dimensions[letter]


def test_number_formats_by_kind(wb: openpyxl.Workbook) -> None:
    for name in ("Driftsbudget", "Investeringsbudget"):
        for letter in "BCDEFG":
            assert column_style(wb[name], letter).number_format == "#,##0.0", (name, letter)
    for letter in "BCDEFG":
        assert column_style(wb["Volymer"], letter).number_format == "#,##0"
    for letter in "DE":  # key figures: typed as 77,7 or 77,7 % (Excel then sets 0.0%)
        assert column_style(wb["Nyckeltal"], letter).number_format == "General"


def test_long_texts_wrap_and_columns_are_wide(wb: openpyxl.Workbook) -> None:
    for spec in SHEETS:
        ws = wb[spec.name]
        for i, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(i)
            if col.kind is Kind.TEXT:
                assert column_style(ws, letter).alignment.wrap_text, (spec.name, col.key)
                assert ws.column_dimensions[letter].width >= 50, (spec.name, col.key)
            assert ws.column_dimensions[letter].width >= 9


def test_header_row_is_frozen_styled_and_readable(wb: openpyxl.Workbook) -> None:
    assert contrast(HEADER_TEXT, HEADER_FILL) >= 4.5
    for name in SHEET_NAMES:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        for cell in ws[1]:
            if cell.value is None:
                continue
            assert cell.font.b, (name, cell.coordinate)
            assert cell.font.color.rgb[-6:] == HEADER_TEXT
            assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb[-6:] == HEADER_FILL
            assert contrast(cell.font.color.rgb, cell.fill.fgColor.rgb) >= 4.5


def test_headers_are_protected_and_the_data_area_editable(wb: openpyxl.Workbook) -> None:
    for name in (INSTRUCTIONS_SHEET, *SHEET_NAMES, LISTS_SHEET):
        p = wb[name].protection
        assert p.sheet, name
        assert p.password is None and p.hashValue is None  # no password to lose
        # False = allowed: insert/delete rows, format rows/columns/cells, sort, filter
        assert not (p.insertRows or p.deleteRows or p.formatColumns or p.formatRows)
        assert not (p.formatCells or p.sort or p.autoFilter)
    for spec in SHEETS:
        ws = wb[spec.name]
        for i in range(1, len(spec.columns) + 1):
            letter = get_column_letter(i)
            assert ws[f"{letter}1"].protection.locked, (spec.name, letter)
            # no cells are written below the header: the column's style unlocks them all
            assert column_style(ws, letter).protection.locked is False, (spec.name, letter)
        assert ws.max_row == 1


# --- instructions -------------------------------------------------------------------------------


def test_instructions_explain_sheets_units_paragraphs_and_commands(
    wb: openpyxl.Workbook, cfg: KommunConfig
) -> None:
    text = sheet_text(wb[INSTRUCTIONS_SHEET])
    for spec in SHEETS:
        assert spec.name in text and spec.purpose in text
        for header in spec.headers_for(YEAR):
            assert header in text
    for needle in (
        "Mnkr",
        "Kostnader negativa",
        "Alt+Enter",
        '("- ")',
        "namndplan validate FIL",
        "namndplan build FIL",
        f"namndplan rollover FIL --to {YEAR + 1}",
        "Vem fyller i",
        *cfg.goals,
        *(g.name for g in AGENDA_2030),
    ):
        assert needle in text, needle


# --- the blank template validated ------------------------------------------------------------------


def test_blank_template_says_in_swedish_what_to_fill(template: Path, cfg: KommunConfig) -> None:
    result = check(template, cfg)
    assert result.valid is not None and result.valid.year == YEAR
    errors = {f.location: f.message for f in result.findings.errors}
    assert errors["Grunddata!B3"].startswith("Nämnd måste fyllas i")
    assert errors["Grunddata!B5"].startswith("Prognosmånad måste fyllas i")
    for name in ("Målbild", "Grunduppdrag", "Driftsbudget"):
        assert "inga ifyllda rader" in errors[f"{name}!A2"]
    # the template itself is right: no header, Kommun or Budgetår complaints
    assert not [loc for loc in errors if re.search(r"![A-Z]+1$", loc)]
    assert "Grunddata!B2" not in errors and "Grunddata!B4" not in errors


# --- writing data -------------------------------------------------------------------------------------


def test_rows_keep_values_and_percent_formats(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        "Nyckeltal": [
            ["Samhörighet", "Andel", "%", Formatted(0.777, "0.0%"), (0.5, "0%")],
            ["Grunduppdrag", "Antal", "antal", 12],
        ],
        "Driftsbudget": [["Nämnd", -1.12, None, -1.2]],
    }
    path = write_workbook(tmp_path / "b.xlsx", YEAR, cfg, {"Nämnd": "Nämnden"}, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Nyckeltal"]
    assert (ws["D2"].value, ws["D2"].number_format) == (0.777, "0.0%")
    assert (ws["E2"].value, ws["E2"].number_format) == (0.5, "0%")
    assert ws["A3"].value == "Grunduppdrag" and ws["E3"].value is None
    assert ws["B2"].alignment.wrap_text and not ws["D3"].protection.locked
    assert not ws["E3"].protection.locked and ws["E3"].number_format == "General"
    # a sheet typed with two decimals shows them
    assert wb["Driftsbudget"]["B2"].number_format == "#,##0.00"
    assert wb["Grunddata"]["B3"].value == "Nämnden"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left
    book, _ = read_workbook(path)
    assert book is not None
    assert book.sheets["Nyckeltal"].rows[0][3].is_percent_format


def test_bad_rows_are_refused(tmp_path: Path, cfg: KommunConfig) -> None:
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", YEAR, cfg, rows={"Budget": [["a"]]})
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", YEAR, cfg, rows={"Målbild": [["a", "b", "c"]]})
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", YEAR, cfg, grunddata={"Budgetår": 2030})
    assert not list(tmp_path.iterdir())


def test_output_is_reproducible(tmp_path: Path, cfg: KommunConfig, template: Path) -> None:
    again = write_workbook(tmp_path / "igen.xlsx", YEAR, cfg)
    assert again.read_bytes() == template.read_bytes()


@pytest.mark.parametrize("year", [2024, 2025])
def test_shipped_templates_are_current(year: int, tmp_path: Path, cfg: KommunConfig) -> None:
    shipped = ROOT / "input_templates" / f"namndplan-{year}.xlsx"
    fresh = write_workbook(tmp_path / shipped.name, year, cfg)
    assert shipped.read_bytes() == fresh.read_bytes(), (
        f"run `namndplan template --year {year}` and commit {shipped.relative_to(ROOT)}"
    )


def test_examples_are_written_by_the_template_writer(example: Path, second: Path) -> None:
    for path in (example, second):
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames[0] == INSTRUCTIONS_SHEET and LISTS_SHEET in wb.sheetnames
        assert validation_at(wb["Nyckeltal"], "C2").type == "list"
        assert wb["Nyckeltal"].protection.sheet


def test_drop_downs_survive_a_load_and_save_by_openpyxl(template: Path, tmp_path: Path) -> None:
    # Lists are defined names, not direct references to Listor, so no tool that loads and
    # saves (openpyxl, Excel's x14 extension) moves or drops them; warnings are errors here.
    wb = openpyxl.load_workbook(template)
    wb["Nyckeltal"]["A2"] = "Grunduppdrag"
    wb.save(tmp_path / "sparad.xlsx")
    again = openpyxl.load_workbook(tmp_path / "sparad.xlsx")
    dv = validation_at(again["Nyckeltal"], "A2")
    assert dv.type == "list" and "Grunduppdrag" in list_values(again, dv.formula1)
    assert again[LISTS_SHEET].sheet_state == "hidden"


# --- command line ----------------------------------------------------------------------------------------


def test_template_command_writes_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "mall-2026.xlsx"
    result = CliRunner().invoke(template_cmd, ["--year", "2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Klar: {out}" in result.output
    wb = openpyxl.load_workbook(out)
    assert wb["Grunddata"]["B4"].value == 2026
    assert [c.value for c in wb["Volymer"][1]][4] == "Budget 2026"


def test_template_command_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(template_cmd, ["--year", "2027"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "input_templates" / "namndplan-2027.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--year", "27"], "inget rimligt budgetår"),
        (["--year", "2027", "-o", "mall.xls"], ".xlsx"),
        (["--year", "2027", "--mallar", "finns-inte"], "kommunens konfiguration saknas"),
    ],
)
def test_template_command_refuses_in_swedish(
    args: list[str], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(template_cmd, args)
    assert result.exit_code == 1
    assert needle in result.output and "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.xls*"))


# --- LibreOffice ----------------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_opens_and_resaves_the_workbooks(
    template: Path, example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ut"
    profile = (tmp_path / "lo-profil").as_uri()
    sources = [template, example]
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, sources),
        ],  # fmt: skip
        check=True,
        capture_output=True,
        timeout=180,
    )
    for source in sources:
        converted = out / source.name
        assert converted.exists(), source.name
        wb = openpyxl.load_workbook(converted)
        assert wb.sheetnames == [INSTRUCTIONS_SHEET, *SHEET_NAMES, LISTS_SHEET]
        assert wb[LISTS_SHEET].sheet_state == "hidden"
        ws = wb["Nyckeltal"]
        enhet = validation_at(ws, "C2")
        assert enhet.type == "list" and ws.protection.sheet
        assert list_values(wb, enhet.formula1) == ["%", "antal", "dagar", "kr", "index"]
        drift = wb["Driftsbudget"]
        assert [c.value for c in drift[1]][0] == "Verksamhet" and drift["A1"].protection.locked
        assert drift.column_dimensions["B"].protection.locked is False
        assert drift.column_dimensions["B"].number_format == "#,##0.0"
