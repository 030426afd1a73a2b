"""The input workbook controllers receive: sheets, headers, drop-downs, formats, protection."""

from __future__ import annotations

import importlib.util
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
from pipeline.cli.workbooks import template_cmd
from pipeline.read.workbook import read_workbook
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import (
    AGENDA_2030,
    GRUNDDATA_FIELDS,
    GRUNDDATA_HEADERS,
    GRUNDDATA_SHEET,
    MANADER,
    SHEET_NAMES,
    SHEETS,
    Kind,
)
from pipeline.workbooks.template import (
    DATA_ROWS,
    HEADER_FILL,
    HEADER_TEXT,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    OPTIONAL_FILL,
    OPTIONAL_LABEL,
    OPTIONAL_TEXT,
    REQUIRED_LABEL,
    Formatted,
    column_pixels,
    portrait_pixels,
    print_layout,
    write_workbook,
)

from .conftest import ROOT
from .golden_util import assert_same_text, check_golden, workbook_text

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


def marking(cell: Any) -> tuple[str, str]:
    """(text colour, fill colour) of a header or field-name cell, as six hex digits."""
    assert cell.font.b, cell.coordinate
    assert cell.fill.fill_type == "solid", cell.coordinate
    return cell.font.color.rgb[-6:], cell.fill.fgColor.rgb[-6:]


REQUIRED = (HEADER_TEXT, HEADER_FILL)
OPTIONAL = (OPTIONAL_TEXT, OPTIONAL_FILL)


def test_header_row_is_frozen_styled_and_readable(wb: openpyxl.Workbook) -> None:
    assert contrast(*REQUIRED) >= 4.5 and contrast(*OPTIONAL) >= 4.5
    # told apart by lightness, not only by hue: the two fills differ clearly in luminance
    assert luminance(OPTIONAL_FILL) - luminance(HEADER_FILL) > 0.5
    for name in SHEET_NAMES:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        for cell in ws[1]:
            if cell.value is None:
                continue
            assert marking(cell) in (REQUIRED, OPTIONAL), (name, cell.coordinate)
            assert contrast(cell.font.color.rgb, cell.fill.fgColor.rgb) >= 4.5


def test_required_columns_are_marked_and_headers_unchanged(wb: openpyxl.Workbook) -> None:
    seen = set()
    for spec in SHEETS:
        ws = wb[spec.name]
        for i, col in enumerate(spec.columns, start=1):
            cell = ws.cell(1, i)
            assert cell.value == col.header_for(YEAR), (spec.name, i)  # the public header
            want = REQUIRED if col.required else OPTIONAL
            assert marking(cell) == want, (spec.name, col.header)
            seen.add(col.required)
    assert seen == {True, False}
    # Driftsbudget: the name is required, the amounts are not
    drift = wb["Driftsbudget"]
    assert marking(drift["A1"]) == REQUIRED and marking(drift["B1"]) == OPTIONAL
    grund = wb["Grunddata"]
    for r, field in enumerate(GRUNDDATA_FIELDS, start=2):
        assert grund.cell(r, 1).value == field.name
        assert marking(grund.cell(r, 1)) == (REQUIRED if field.required else OPTIONAL), field
    assert "Måste fyllas i." in grund["C3"].value and "Måste fyllas i" not in grund["C6"].value


def test_instructions_explain_the_marking_with_a_sample_of_each(wb: openpyxl.Workbook) -> None:
    ws = wb[INSTRUCTIONS_SHEET]
    row = next(r for r in ws.iter_rows() if r[0].value == REQUIRED_LABEL)
    assert "mörk med vit text" in row[1].value and "ljus rubrik" in row[1].value
    assert "Grunddata" in row[1].value
    assert (row[2].value, marking(row[2])) == (REQUIRED_LABEL, REQUIRED)
    assert (row[3].value, marking(row[3])) == (OPTIONAL_LABEL, OPTIONAL)


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


# --- printing -------------------------------------------------------------------------------------


def test_every_sheet_prints_on_a4_one_page_wide_with_row_1_repeated(
    wb: openpyxl.Workbook,
) -> None:
    for name in (INSTRUCTIONS_SHEET, *SHEET_NAMES):
        ws = wb[name]
        setup = ws.page_setup
        assert setup.paperSize == int(ws.PAPERSIZE_A4) == 9, name
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.print_title_rows == "$1:$1", name
        wide = column_pixels(ws, ws.max_column) > portrait_pixels()
        assert setup.orientation == ("landscape" if wide else "portrait"), name
        assert "&A" in ws.oddFooter.center.text and "&P" in ws.oddFooter.center.text
    assert wb["Driftsbudget"].page_setup.orientation == "landscape"  # 120 characters wide
    assert not wb[LISTS_SHEET].print_area  # hidden: never printed


def test_print_areas_cover_the_contracts_columns_and_the_data_area(
    wb: openpyxl.Workbook,
) -> None:
    for spec in SHEETS:
        last = get_column_letter(len(spec.columns))
        # As far as the drop-downs reach: rows typed later print too, and empty rows
        # inside the area print no pages (checked with LibreOffice below).
        assert wb[spec.name].print_area == f"'{spec.name}'!$A$1:${last}${DATA_ROWS}"
    assert wb["Grunddata"].print_area == f"'Grunddata'!$A$1:$C${len(GRUNDDATA_FIELDS) + 1}"
    ws = wb[INSTRUCTIONS_SHEET]
    assert ws.print_area == f"'{INSTRUCTIONS_SHEET}'!$A$1:$D${ws.max_row}"


def test_a_narrow_sheet_prints_portrait() -> None:
    ws = openpyxl.Workbook().active
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 40
    print_layout(ws, 2, 10)
    assert ws.page_setup.orientation == "portrait"
    ws.column_dimensions["C"].width = 40
    print_layout(ws, 3, 10)
    assert ws.page_setup.orientation == "landscape"


# --- instructions -------------------------------------------------------------------------------


def test_instructions_explain_sheets_units_paragraphs_and_commands(
    wb: openpyxl.Workbook, cfg: KommunConfig
) -> None:
    text = sheet_text(wb[INSTRUCTIONS_SHEET])
    for spec in SHEETS:
        assert spec.name in text and cfg.purpose(spec) in text
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


# --- goldens: the shipped workbooks as reviewable text (tests/golden/*.xlsx.txt) ---------------
# The golden is the text of what the writer makes now; a second test holds the shipped file
# equal to it, first as text (a diff to read), then to the byte (the writer is reproducible).


@pytest.fixture(scope="module")
def fresh_templates(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("mallar")
    return {y: write_workbook(folder / f"namndplan-{y}.xlsx", y, cfg) for y in (2024, 2025)}


@pytest.mark.parametrize("year", [2024, 2025])
def test_golden_blank_template(
    year: int, fresh_templates: dict[int, Path], request: pytest.FixtureRequest
) -> None:
    text = workbook_text(fresh_templates[year])
    check_golden(f"namndplan-{year}.xlsx.txt", text, request.config)


@pytest.mark.parametrize("year", [2024, 2025])
def test_shipped_templates_are_current(year: int, fresh_templates: dict[int, Path]) -> None:
    shipped = ROOT / "input_templates" / f"namndplan-{year}.xlsx"
    fresh = fresh_templates[year]
    hint = f"Run `make templates` and commit {shipped.relative_to(ROOT)}."
    assert_same_text(workbook_text(fresh), workbook_text(shipped),
                     f"{shipped.relative_to(ROOT)} is not what the template writer makes", hint)  # fmt: skip
    assert shipped.read_bytes() == fresh.read_bytes(), f"same content, other bytes. {hint}"


# The example workbooks, as tools/make_examples.py writes them (`make examples`).
EXAMPLE_WORKBOOKS = [
    "indata/socialnamnden-2024.xlsx",
    "indata/kultur-och-fritidsnamnden-2024.xlsx",
    "indata/tekniska-namnden-2024.xlsx",
    "tests/fixtures/kultur-och-fritidsnamnden-2026.xlsx",
]


@pytest.fixture(scope="module")
def fresh_examples(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> dict[str, Path]:
    """Each example written afresh from tools/make_examples.py's data (as its main() does)."""
    spec = importlib.util.spec_from_file_location("make_examples",
                                                  ROOT / "tools" / "make_examples.py")  # fmt: skip
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("exempel")
    fresh = {}
    for path, year, sheets in module.EXAMPLES:
        rows = {name: [list(row) for row in data] for name, data in sheets.items()}
        grunddata = dict(rows.pop(GRUNDDATA_SHEET))
        name = Path(path).relative_to(ROOT).as_posix()
        target = folder / name.replace("/", "_")
        fresh[name] = write_workbook(target, year, cfg, grunddata=grunddata, rows=rows)
    assert sorted(fresh) == sorted(EXAMPLE_WORKBOOKS), "an example without a golden here"
    return fresh


@pytest.mark.parametrize("name", EXAMPLE_WORKBOOKS)
def test_golden_example_workbook(
    name: str, fresh_examples: dict[str, Path], request: pytest.FixtureRequest
) -> None:
    text = workbook_text(fresh_examples[name], Path(name).name)
    check_golden(f"{Path(name).name}.txt", text, request.config)


@pytest.mark.parametrize("name", EXAMPLE_WORKBOOKS)
def test_shipped_examples_are_current(name: str, fresh_examples: dict[str, Path]) -> None:
    shipped, fresh = ROOT / name, fresh_examples[name]
    hint = f"Run `make examples` and commit {name}."
    assert_same_text(workbook_text(fresh, shipped.name), workbook_text(shipped),
                     f"{name} is not what tools/make_examples.py writes", hint)  # fmt: skip
    assert shipped.read_bytes() == fresh.read_bytes(), f"same content, other bytes. {hint}"


# The follow-up workbooks: the blank Delårsrapport of `make templates` and the example of
# tools/make_followup_example.py (`make examples`), as goldens and as shipped files.
FOLLOWUP_TEMPLATE = "input_templates/delarsrapport-2024.xlsx"
FOLLOWUP_EXAMPLE = "indata/socialnamnden-delarsrapport-2024.xlsx"


@pytest.fixture(scope="module")
def fresh_followups(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> dict[str, Path]:
    from pipeline.spec.followup import FOLLOWUP

    spec = importlib.util.spec_from_file_location(
        "make_followup_example", ROOT / "tools" / "make_followup_example.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("uppfoljning")
    grunddata = {"Rapport": "Delårsrapport", "Period till och med": "Augusti"}
    return {
        FOLLOWUP_TEMPLATE: write_workbook(
            folder / "delarsrapport-2024.xlsx", 2024, cfg, grunddata, contract=FOLLOWUP
        ),  # fmt: skip
        FOLLOWUP_EXAMPLE: module.write_example(
            cfg, folder / "socialnamnden-delarsrapport-2024.xlsx"
        ),
    }


@pytest.mark.parametrize("name", [FOLLOWUP_TEMPLATE, FOLLOWUP_EXAMPLE])
def test_golden_follow_up_workbook(
    name: str, fresh_followups: dict[str, Path], request: pytest.FixtureRequest
) -> None:
    text = workbook_text(fresh_followups[name], Path(name).name)
    check_golden(f"{Path(name).name}.txt", text, request.config)


@pytest.mark.parametrize("name", [FOLLOWUP_TEMPLATE, FOLLOWUP_EXAMPLE])
def test_shipped_follow_up_workbooks_are_current(
    name: str, fresh_followups: dict[str, Path]
) -> None:
    shipped, fresh = ROOT / name, fresh_followups[name]
    hint = f"Run `make templates` / `make examples` and commit {name}."
    assert_same_text(workbook_text(fresh, shipped.name), workbook_text(shipped),
                     f"{name} is not what the template writer makes", hint)  # fmt: skip
    assert shipped.read_bytes() == fresh.read_bytes(), f"same content, other bytes. {hint}"


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


def test_template_command_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "mall-2026.xlsx"
    out.write_bytes(b"last year's template")
    result = CliRunner().invoke(template_cmd, ["--year", "2026", "-o", str(out)])
    assert result.exit_code == 1
    assert (
        f"{out} finns redan och lämnas orörd. Välj ett annat namn med -o, eller ersätt filen "
        "med --skriv-over."
    ) in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"last year's template"
    assert sorted(tmp_path.iterdir()) == [out]  # no temporary file left behind

    result = CliRunner().invoke(template_cmd, ["--year", "2026", "-o", str(out), "--skriv-over"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)["Grunddata"]["B4"].value == 2026
    assert sorted(tmp_path.iterdir()) == [out]


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


def pages_per_sheet(pdf: Path) -> dict[str, int]:
    """Pages of a spreadsheet PDF per sheet, by the footer "<sheet> – sida N av M"."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    counts: dict[str, int] = {}
    for page in text.split("\f"):
        m = re.search(r"^\s*(.+?) – sida \d+ av \d+\s*$", page, re.MULTILINE)
        if m:
            counts[m[1]] = counts.get(m[1], 0) + 1
    return counts


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) eller pdftotext saknas",
)
def test_printing_gives_one_page_per_empty_sheet_and_every_typed_row(
    template: Path, tmp_path: Path, cfg: KommunConfig
) -> None:
    many = [[f"Volym {i}", i, i, i, i, i, i] for i in range(1, 121)]
    filled = write_workbook(tmp_path / "ifylld.xlsx", YEAR, cfg, rows={"Volymer": many})
    wb = openpyxl.load_workbook(filled)  # a controller types one more row, far below
    wb["Volymer"]["A400"] = "Sent tillagd volym"
    wb.save(tmp_path / "ifylld.xlsx")
    out = tmp_path / "pdf"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(template), str(filled)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    blank = pages_per_sheet(out / f"{template.stem}.pdf")
    # The hidden list sheet is not printed; every other sheet is, one page wide.
    assert set(blank) == {INSTRUCTIONS_SHEET, *SHEET_NAMES}
    assert all(blank[name] == 1 for name in SHEET_NAMES), blank  # not 1000 empty rows
    assert blank[INSTRUCTIONS_SHEET] <= 5
    assert sum(blank.values()) <= 16  # 31 pages before print settings
    typed = pages_per_sheet(out / "ifylld.pdf")
    assert typed["Volymer"] >= 3, typed  # 120 rows plus the late one
    text = subprocess.run(["pdftotext", "-layout", str(out / "ifylld.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    volume_pages = [p for p in text.split("\f") if "Volymer – sida" in p]
    assert all("Budget 2025" in p for p in volume_pages)  # the header row on every page
    assert "Volym 120" in text and "Sent tillagd volym" in text


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
