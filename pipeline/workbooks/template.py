"""Write input workbooks: the blank template for a budget year, or one filled with data.

``write_workbook`` is the one writer of input workbooks. The blank template
(``namndplan template``), the rolled-over workbook of next year (``namndplan rollover``) and
the shipped examples (``tools/make_examples.py``) all come from it, so every workbook a
controller receives has the same guidance:

* a first sheet ``Instruktioner`` in Swedish (what each sheet is for, who fills it, units,
  paragraphs and bullet items, how to validate and build), then ``Grunddata`` and every data
  sheet of the contract with the headers for the year, in the contract's order: the plan's
  (``contract.PLAN``) or a follow-up's (``followup.FOLLOWUP``, ``namndplan template
  --rapport`` and ``namndplan followup``), the instructions' wording by ``GUIDES``;
* a drop-down list on every closed column (goals from the kommun's configuration, the
  contract's closed lists, Ja/Nej, Agenda 2030 numbers, the month of the forecast), the
  lists kept on the hidden sheet ``Listor`` and referenced by defined names (``Lista_Enhet``);
* an input message on every column (its ``Column.help``) and a Swedish error message;
* number formats by kind (Mnkr ``#,##0.0``, volumes ``#,##0``, dates ``yyyy-mm-dd``),
  wrapped long texts, frozen and styled header rows;
* required columns marked without touching the header text: a required column's header is
  white on the kommun's dark colour, an optional one dark on a light tint (told apart by
  lightness, not hue alone); Grunddata marks its required fields the same way, and the
  instruction sheet explains the marking with a sample of each;
* print settings on every visible sheet (``print_layout``): A4, fit to one page wide,
  landscape when the columns are wider than a portrait page, row 1 repeated on every page,
  the sheet name and page number in the footer, and a print area of the contract's columns
  over the data area (the rows the drop-downs reach), so a filled workbook prints what was
  typed and the empty formatted rows below print nothing (Excel and LibreOffice leave out
  empty pages);
* sheet protection without password: the headers are locked, the data area is not.

The file is written to a temporary file next to the target and moved into place in one
rename. Its bytes depend only on the arguments (fixed document times and zip entry times).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils.cell import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from pipeline.common.atomic import atomic_write, normalised_zip
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import (
    AGENDA_2030,
    GRUNDDATA_HEADERS,
    GRUNDDATA_SHEET,
    MANADER,
    MAX_YEAR,
    MIN_YEAR,
    PLAN,
    Column,
    Contract,
    Field,
    Kind,
    SheetSpec,
)

INSTRUCTIONS_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
DATA_ROWS = 1000  # drop-downs and input messages reach at least this row
SPARE_ROWS = 100  # at least this many free rows below the written data

MONEY_FORMAT = "#,##0.0"  # Mnkr; Excel shows a space as thousands separator in Swedish
MONEY_FORMAT_2 = "#,##0.00"  # a sheet whose amounts were typed with two decimals
MONEY_FORMAT_WHOLE = "#,##0"  # a kommun whose amounts are tkr (profil.toml [belopp])
MAX_MNKR = 1_000_000  # the input check's bound on an amount, in Mnkr
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

# The kommun's profile colour (tools/make_layout.py KOMMUN_FARG); white on it is 8.6:1.
HEADER_FILL = "00507A"
HEADER_TEXT = "FFFFFF"
# The header of an optional column: the profile colour on a light tint of it, 7.0:1. Dark
# (required) and light (optional) headers differ in lightness, so no one needs to tell hues.
OPTIONAL_FILL = "DCE9F2"
OPTIONAL_TEXT = HEADER_FILL
HELP_TEXT = "404040"  # explanations on Grunddata; 10.4:1 on white

# The workbook's default font; a styled cell names it too, or LibreOffice shows a serif.
FONT = "Calibri"

FIXED_TIME = datetime(2000, 1, 1)  # document times, so that the output is reproducible

# Excel's limits for data validation messages; longer ones make Excel repair the file.
MAX_TITLE = 32
MAX_MESSAGE = 255

# Column widths in Excel character units, by the header without its year.
WIDTHS = {
    "Mål": 32, "Text": 90, "Nyckeltal": 60, "Enhet": 9, "Typ": 18, "Rubrik": 34,
    "För nämnden innebär det": 90, "Perspektiv": 14, "Inriktning": 22, "Beskrivning": 60,
    "Beskrivning av nuläget": 60, "Analys av kvalitetsnivån": 50, "Utvecklingsmål": 40,
    "Strategi för att nå målet": 60, "KF:s målbild och mål": 13, "Agenda 2030-mål": 13,
    "Volym": 42, "Verksamhet": 42, "Investering": 42, "Avsnitt": 20,
    # a follow-up's own columns
    "Bedömning": 18, "Analys": 60, "Status": 14, "Kommentar": 60, "Åtgärd": 60,
    "Beslutad": 11,
}  # fmt: skip
DEFAULT_WIDTH = 13

# Who fills each sheet: a suggestion shown on the instruction sheet.
RESPONSIBLE = {
    GRUNDDATA_SHEET: "Controllern",
    "Målbild": "Förvaltningsledningen",
    "Nyckeltal": "Controllern med verksamheten",
    "Satsningar och uppdrag": "Förvaltningsledningen",
    "Grunduppdrag": "Verksamhetscheferna",
    "Utvecklingsmål": "Förvaltningsledningen",
    "Volymer": "Controllern med verksamheten",
    "Driftsbudget": "Controllern",
    "Investeringsbudget": "Controllern",
    "Kommentarer": "Controllern",
    "Hållbarhet": "Förvaltningsledningen",
    # a follow-up's own sheets
    "Sammanfattning": "Förvaltningsledningen",
    "Måluppföljning": "Förvaltningsledningen",
    "Driftsredovisning": "Controllern",
    "Investeringsredovisning": "Controllern",
    "Åtgärder": "Förvaltningsledningen med controllern",
}
GRUNDDATA_PURPOSE = (
    "Uppgifter om planen: kommun, nämnd, budgetår, prognosmånad och, frivilligt, "
    "diarienummer, beslutsdatum och kontaktperson."
)


class Guide(NamedTuple):
    """What the instruction sheet says that depends on the kind of workbook. Texts are
    ``str.format`` patterns: {year}, {year1}, {year2}, {kommun}, {rapport}, {title}."""

    title: str
    intro: str
    computed: str  # the sentence on computed columns and rows (rule Belopp)
    computed_short: str  # the same in the table of sheets
    document: str  # what the workbook becomes: "planen", "rapporten"
    build_heading: str
    commands: tuple[tuple[str, str, str], ...]
    grunddata_purpose: str


PLAN_GUIDE = Guide(
    "Indata till nämndplan {year} – {kommun}",
    "Nämndplan med budget {year} och plan för {year1}–{year2}. Arbetsboken innehåller allt "
    "som är nämndens eget i planen. Kommunens gemensamma texter (styrmodell, vision, målbild) "
    "läggs till av verktyget namndplan.",
    "Förändringskolumnen och raden Totalt räknas ut av verktyget – skriv dem inte.",
    "Förändringskolumnen och Totalt räknas ut – skriv dem inte.",
    "planen",
    "Granska och bygg planen",
    (
        ("Granska", "namndplan validate FIL",
         "Visar alla fel och varningar med blad och cell, t.ex. Driftsbudget!E5. FIL är "
         "arbetsbokens namn, t.ex. socialnamnden-{year}.xlsx."),
        ("Bygg", "namndplan build FIL",
         "Bygger planen till output/<arbetsbokens namn>.docx. Ingen plan skrivs från en "
         "arbetsbok med fel."),
        ("Nästa år", "namndplan rollover FIL --to {year1}",
         "Skapar nästa års arbetsbok: texterna följer med, budgetkolumnerna flyttas ett år."),
    ),
    GRUNDDATA_PURPOSE,
)  # fmt: skip

FOLLOWUP_GUIDE = Guide(
    "Indata till {title} – {kommun}",
    "{title}: nämndens uppföljning av nämndplanen för {year}, med utfall, "
    "prognos och bedömningar. Arbetsboken görs från nämndens plan med namndplan followup, "
    "som för över verksamheter och budget, mål, utvecklingsmål, satsningar och uppdrag och "
    "nyckeltal; fyll i utfall, prognos, bedömningar och texter. Kommunens gemensamma texter "
    "läggs till av verktyget namndplan.",
    "Avvikelse (prognos minus budget) och raden Totalt räknas ut av verktyget – skriv dem "
    "inte.",
    "Avvikelse och Totalt räknas ut – skriv dem inte.",
    "rapporten",
    "Granska och bygg rapporten",
    (
        ("Från planen", "namndplan followup PLAN --rapport {rapport}",
         "Skapar arbetsboken för uppföljningen från nämndens plan för {year} (PLAN är "
         "planens arbetsbok): verksamheter och budget, mål, uppdrag och nyckeltal följer med."),
        ("Granska", "namndplan validate FIL",
         "Visar alla fel och varningar med blad och cell, t.ex. Driftsredovisning!D5. FIL är "
         "arbetsbokens namn."),
        ("Bygg", "namndplan build FIL",
         "Bygger rapporten till output/<arbetsbokens namn>.docx. Ingen rapport skrivs från "
         "en arbetsbok med fel."),
    ),
    "Uppgifter om rapporten: kommun, nämnd, budgetår, rapport, periodens sista månad och, "
    "frivilligt, diarienummer, beslutsdatum och kontaktperson.",
)  # fmt: skip

GUIDES = {"plan": PLAN_GUIDE, "followup": FOLLOWUP_GUIDE}
TEXT_RULE = 'Text. Alt+Enter ger nytt stycke; en rad som börjar med "- " blir en punkt.'
REQUIRED_LABEL = "Måste fyllas i"
OPTIONAL_LABEL = "Frivillig"
REQUIRED_RULE = (
    "En kolumn vars rubrik är mörk med vit text måste fyllas i på varje rad du skriver. En "
    "ljus rubrik med mörk text är frivillig: lämna cellen tom om uppgift saknas. På bladet "
    "Grunddata är fälten markerade på samma sätt i kolumn A. Listan Kolumnerna nedan och "
    "hjälptexten i cellen säger detsamma."
)

# Printing. Widths in pixels as Excel computes them for its default font (Calibri 11: a
# character 7 px, 5 px padding per column), at 96 px per inch.
A4_INCHES = (8.27, 11.69)
SIDE_MARGIN = 0.5  # inches, left and right
PX_PER_INCH = 96
DEFAULT_COLUMN_CHARS = 8.43  # Excel's width of a column without its own width
FOOTER = "&A – sida &P av &N"  # sheet name, page of pages


@dataclass(frozen=True)
class Formatted:
    """A cell value with its own number format, e.g. ``Formatted(0.777, "0.0%")``.

    Rollover and the examples use it to keep a percentage typed as "77,7 %" (Excel stores
    0.777 with a percent format) meaning 77,7 %. A ``(value, number_format)`` tuple is
    accepted as well.
    """

    value: Any
    number_format: str


# --- styles -------------------------------------------------------------------------------

_HEADER_FONT = Font(name=FONT, bold=True, color=HEADER_TEXT)
_HEADER_FILL = PatternFill("solid", fgColor=HEADER_FILL)
_OPTIONAL_FONT = Font(name=FONT, bold=True, color=OPTIONAL_TEXT)
_OPTIONAL_FILL = PatternFill("solid", fgColor=OPTIONAL_FILL)
_HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_UNLOCKED = Protection(locked=False)
_TITLE_FONT = Font(name=FONT, bold=True, size=14, color=HEADER_FILL)
_HEADING_FONT = Font(name=FONT, bold=True, size=12, color=HEADER_FILL)
_LABEL_FONT = Font(name=FONT, bold=True)
_HELP_FONT = Font(name=FONT, italic=True, color=HELP_TEXT)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # cannot be stored in the XML


def _protect(ws: Worksheet) -> None:
    """Protect the sheet without a password; formatting, inserting and sorting stay allowed.

    In OOXML a ``True`` attribute means the action is *protected*; ``False`` allows it.
    """
    ws.protection = SheetProtection(
        sheet=True,
        formatCells=False,
        formatColumns=False,
        formatRows=False,
        insertRows=False,
        deleteRows=False,
        sort=False,
        autoFilter=False,
    )


def _style_header(
    ws: Worksheet, headers: Sequence[str], required: Sequence[bool] | None = None
) -> None:
    """Write the header row; with ``required``, optional columns get the light header."""
    for i, text in enumerate(headers, start=1):
        cell = ws.cell(1, i, text)
        _mark(cell, required is None or required[i - 1])
        cell.alignment = _HEADER_ALIGN
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"


def _mark(cell: Any, required: bool) -> None:
    """The required (dark) or optional (light) marking of a header or field name."""
    cell.font = _HEADER_FONT if required else _OPTIONAL_FONT
    cell.fill = _HEADER_FILL if required else _OPTIONAL_FILL


def column_pixels(ws: Worksheet, last_col: int) -> int:
    """The width of columns A..``last_col`` in pixels, as Excel lays them out."""
    total = 0
    for c in range(1, last_col + 1):
        letter = get_column_letter(c)
        dim = ws.column_dimensions[letter] if letter in ws.column_dimensions else None
        chars = dim.width if dim is not None and dim.width else DEFAULT_COLUMN_CHARS
        total += int(chars * 7 + 5)
    return total


def portrait_pixels() -> int:
    """The printable width of a portrait A4 page between the side margins, in pixels."""
    return int((A4_INCHES[0] - 2 * SIDE_MARGIN) * PX_PER_INCH)


def print_layout(ws: Worksheet, last_col: int, last_row: int) -> None:
    """Print settings: A4, one page wide (landscape when the columns are wider than a
    portrait page), row 1 on every page, sheet and page in the footer, and the print area
    A1 to (``last_col``, ``last_row``). Empty rows inside the area print no pages."""
    ws.print_area = f"A1:{get_column_letter(last_col)}{max(1, last_row)}"
    ws.print_title_rows = "1:1"
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    wide = column_pixels(ws, last_col) > portrait_pixels()
    setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(
        left=SIDE_MARGIN, right=SIDE_MARGIN, top=0.75, bottom=0.75, header=0.3, footer=0.3
    )
    ws.oddFooter.center.text = FOOTER
    ws.print_options.gridLines = False


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the hidden list sheet ------------------------------------------------------------------


class _Lists:
    """The hidden sheet ``Listor``: one column per distinct closed list, each a defined name.

    Validations refer to the name (``Lista_Enhet``), not to ``Listor!$D$2:$D$6``: Excel
    keeps a list that refers to another sheet directly in an x14 extension when it saves,
    which openpyxl drops (with a warning) when it loads the workbook; a name keeps the
    validation in the standard element, so it survives tools that load and save.
    """

    def __init__(self, wb: Workbook, ws: Worksheet):
        self.wb = wb
        self.ws = ws
        self.names: dict[tuple[Any, ...], str] = {}

    def ref(self, title: str, values: Sequence[Any]) -> str:
        """The defined name of the range holding ``values`` (written on first use)."""
        key = tuple(values)
        if key not in self.names:
            col = len(self.names) + 1
            letter = get_column_letter(col)
            self.ws.cell(1, col, title).font = _LABEL_FONT
            for r, value in enumerate(values, start=2):
                self.ws.cell(r, col, value)
            self.ws.column_dimensions[letter].width = max(
                12, min(60, max(len(str(v)) for v in values) + 2)
            )
            name = _list_name(title, set(self.names.values()))
            target = f"{_sheet_ref(self.ws.title)}!${letter}$2:${letter}${len(values) + 1}"
            self.wb.defined_names[name] = DefinedName(name, attr_text=target)
            self.names[key] = name
        return self.names[key]


def _sheet_ref(name: str) -> str:
    """A sheet name for a formula, quoted only when needed (openpyxl always quotes)."""
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else quote_sheetname(name)


def _list_name(title: str, taken: set[str]) -> str:
    """``Mål i Nyckeltal`` -> ``Lista_Mal_i_Nyckeltal``: ASCII, never a cell reference."""
    ascii_title = title.translate(str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE"))
    name = "Lista_" + re.sub(r"[^A-Za-z0-9]+", "_", ascii_title).strip("_")
    unique, n = name, 2
    while unique in taken:
        unique, n = f"{name}_{n}", n + 1
    return unique


def _list_title(sheet: str, col: Column) -> str:
    if col.kind is Kind.YESNO:
        return "Ja/Nej"
    if col.kind is Kind.GOAL:
        return "Mål" if sheet != "Nyckeltal" else "Mål i Nyckeltal"
    return col.header


# --- data validations -----------------------------------------------------------------------


def _validation(title: str, prompt: str, *, error: str = "", **rule: Any) -> DataValidation:
    """A validation with an input message; ``rule`` (type, formula1, ...) adds a check.

    Note: openpyxl's ``showDropDown=True`` *hides* the drop-down arrow, so it stays unset.
    """
    dv = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        promptTitle=_clip(title, MAX_TITLE),
        prompt=_clip(prompt, MAX_MESSAGE),
        **rule,
    )
    if error:
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = "Ogiltigt värde"
        dv.error = _clip(error, MAX_MESSAGE)
    return dv


def _column_validation(
    sheet: str, col: Column, header: str, allowed: tuple[str, ...], lists: _Lists,
    cfg: KommunConfig,
) -> DataValidation:  # fmt: skip
    prompt = cfg.column_help(col) + (" Måste fyllas i." if col.required else "")
    if allowed:
        shown = ", ".join(allowed)
        error = (
            f"Välj ett värde i listan: {shown}."
            if len(shown) < 200
            else "Välj ett värde i listan (pilen till höger om cellen)."
        )
        ref = lists.ref(_list_title(sheet, col), allowed)
        return _validation(header, prompt, error=error, type="list", formula1=ref)
    if col.kind is Kind.AGENDA:
        ref = lists.ref("Agenda 2030-mål", [g.number for g in AGENDA_2030])
        return _validation(
            header,
            prompt + " Målens namn står på bladet Instruktioner.",
            error="Skriv Agenda 2030-målets nummer, 1–17. Namnen står på bladet Instruktioner.",
            type="list",
            formula1=ref,
        )
    if col.kind is Kind.MONEY:
        amount = cfg.amount
        bound = str(round(MAX_MNKR / amount.mnkr_per_unit))
        return _validation(
            header,
            prompt,
            error=f"Skriv ett belopp i {amount.unit}, t.ex. {amount.example} (kostnader negativa).",
            type="decimal",
            operator="between",
            formula1=f"-{bound}",
            formula2=bound,
        )
    if col.kind is Kind.COUNT:
        return _validation(
            header,
            prompt,
            error="Skriv antalet som ett heltal, 0 eller mer, t.ex. 2660.",
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
        )
    if col.kind is Kind.FIGURE:
        return _validation(
            header,
            prompt,
            error="Skriv utfallet som ett tal; procent som 77,7 eller 77,7 %.",
            type="decimal",
            operator="between",
            formula1="-1000000000000",
            formula2="1000000000000",
        )
    return _validation(header, prompt)  # free text: an input message only


def _field_validation(spec: Field, lists: _Lists) -> DataValidation:
    prompt = spec.help + (" Måste fyllas i." if spec.required else "")
    if spec.kind == "year":
        return _validation(
            spec.name,
            prompt,
            error="Skriv budgetåret som ett årtal, t.ex. 2024.",
            type="whole",
            operator="between",
            formula1=str(MIN_YEAR),
            formula2=str(MAX_YEAR),
        )
    if spec.kind == "report":
        ref = lists.ref(spec.name, spec.choices)
        return _validation(
            spec.name,
            prompt,
            error=f"Välj rapporten i listan: {', '.join(spec.choices)}.",
            type="list",
            formula1=ref,
        )
    if spec.kind == "month":
        ref = lists.ref(spec.name, spec.choices or MANADER)
        return _validation(
            spec.name,
            prompt,
            error="Välj månaden i listan, t.ex. Oktober.",
            type="list",
            formula1=ref,
        )
    if spec.kind == "date":
        return _validation(
            spec.name,
            prompt,
            error="Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2023-11-21.",
            type="date",
            operator="between",
            formula1=str(int(to_excel(datetime(MIN_YEAR, 1, 1)))),
            formula2=str(int(to_excel(datetime(2200, 12, 31)))),
        )
    return _validation(spec.name, prompt)


# --- cell values ------------------------------------------------------------------------------


def _split(value: Any) -> tuple[Any, str | None]:
    """A value to write and its own number format, if it brings one."""
    if isinstance(value, Formatted):
        return value.value, value.number_format
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        return value[0], value[1]
    if isinstance(value, datetime):
        is_day = value.time() == datetime.min.time()
        return (value.date() if is_day else value), (DATE_FORMAT if is_day else DATETIME_FORMAT)
    if isinstance(value, date):
        return value, DATE_FORMAT
    if isinstance(value, str):
        return _ILLEGAL.sub("", value), None
    return value, None


def _has_second_decimal(value: Any) -> bool:
    value = _split(value)[0]
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return False
    return abs(round(float(value), 2) - round(float(value), 1)) > 1e-9


def _column_format(col: Column, money_format: str) -> str | None:
    if col.kind is Kind.MONEY:
        return money_format
    if col.kind is Kind.COUNT:
        return COUNT_FORMAT
    return None  # General: key figures may be typed as 77,7 or 77,7 % (Excel sets 0.0%)


# --- sheets -------------------------------------------------------------------------------------


def _write_grunddata(ws: Worksheet, values: Mapping[str, Any], lists: _Lists,
                     fields: Sequence[Field]) -> None:  # fmt: skip
    _style_header(ws, [*GRUNDDATA_HEADERS, "Förklaring"])
    for r, spec in enumerate(fields, start=2):
        label = ws.cell(r, 1, spec.name)
        label.alignment = _TOP
        _mark(label, spec.required)
        value, fmt = _split(values.get(spec.name))
        cell = ws.cell(r, 2, value)
        cell.protection = _UNLOCKED
        cell.alignment = _TOP
        if spec.kind == "date":
            cell.number_format = DATE_FORMAT
        if fmt and spec.kind != "date":
            cell.number_format = fmt
        note = ws.cell(r, 3, spec.help + (" Måste fyllas i." if spec.required else ""))
        note.font = _HELP_FONT
        note.alignment = _WRAP
        dv = _field_validation(spec, lists)
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 70
    print_layout(ws, 3, len(fields) + 1)


def _write_data_sheet(
    ws: Worksheet,
    spec: SheetSpec,
    year: int,
    cfg: KommunConfig,
    rows: Sequence[Sequence[Any]],
    lists: _Lists,
) -> None:
    headers = spec.headers_for(year)
    _style_header(ws, headers, [c.required for c in spec.columns])
    width = len(spec.columns)
    for i, row in enumerate(rows):
        if len(row) > width:
            raise ValueError(f"{spec.name} row {i + 2}: {width} columns expected, got {row!r}")
    money = [
        v for row in rows for c, v in zip(spec.columns, row, strict=False) if c.kind is Kind.MONEY
    ]
    if cfg.amount.decimals == 0:
        money_format = MONEY_FORMAT_WHOLE
    elif any(_has_second_decimal(v) for v in money):
        money_format = MONEY_FORMAT_2
    else:
        money_format = MONEY_FORMAT
    last = max(DATA_ROWS, len(rows) + 1 + SPARE_ROWS)
    for c, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(c)
        number_format = _column_format(col, money_format) or "General"
        align = _WRAP if col.kind in (Kind.TEXT, Kind.LABEL) else _TOP
        # The column's own style makes every empty cell below the header editable and
        # formatted, without writing thousands of empty cells (which slows every reader).
        dim = ws.column_dimensions[letter]
        dim.width = WIDTHS.get(col.header, DEFAULT_WIDTH)
        dim.protection = _UNLOCKED
        dim.alignment = align
        dim.number_format = number_format
        for r, row in enumerate(rows, start=2):
            value, fmt = _split(row[c - 1] if c - 1 < len(row) else None)
            cell = ws.cell(r, c)
            if value is not None:
                cell.value = value
            cell.protection = _UNLOCKED
            cell.alignment = align
            cell.number_format = fmt or number_format
        allowed = cfg.choices.for_column(spec.name, col)
        dv = _column_validation(spec.name, col, headers[c - 1], allowed, lists, cfg)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    # The data area, as far as the drop-downs reach: rows typed later print too.
    print_layout(ws, width, last)


def _units(spec: SheetSpec, cfg: KommunConfig, contract: Contract = PLAN) -> str:
    kinds = {c.kind for c in spec.columns}
    if Kind.MONEY in kinds:
        if spec.name not in contract.money_sheets:
            return cfg.amount.rule
        return f"{cfg.amount.rule} {GUIDES[contract.kind].computed_short}"
    if Kind.COUNT in kinds:
        return "Antal som heltal, t.ex. 2 660. Tom cell: uppgift saknas."
    if Kind.FIGURE in kinds:
        return "Enligt kolumnen Enhet. Procent som 77,7 eller 77,7 %."
    if Kind.AGENDA in kinds:
        return "Agenda 2030-målets nummer 1–17. " + TEXT_RULE
    return TEXT_RULE


def _write_instructions(ws: Worksheet, year: int, cfg: KommunConfig, contract: Contract = PLAN,
                        grunddata: Mapping[str, Any] | None = None) -> None:  # fmt: skip
    rows: list[tuple[str, ...] | str] = []
    guide = GUIDES[contract.kind]
    rapport = str(_split((grunddata or {}).get("Rapport"))[0] or "uppföljning")
    period = _split((grunddata or {}).get("Period till och med"))[0]

    def fill(text: str) -> str:
        from pipeline.spec.followup import report_title

        month = period if period in MANADER else None
        return text.format(year=year, year1=year + 1, year2=year + 2, kommun=cfg.namn,
                           rapport=rapport, title=report_title(rapport, month, year))  # fmt: skip

    def heading(text: str) -> None:
        rows.append("")
        rows.append(("#", text))

    rows.append(("!", fill(guide.title)))
    rows.append(("", fill(guide.intro)))
    heading("Så fyller du i")
    rules = (
        ("Rubriker", "Rad 1 på varje blad är kolumnrubriker. Ändra dem inte och flytta inte "
         "kolumnerna; rubrikerna är låsta. Skriv en post per rad från rad 2."),
        ("Listor", "Kolumner med en pil i cellen har en lista: välj värdet där. När du "
         "markerar en cell visas en kort hjälptext om vad du ska skriva."),
        ("Belopp", f"{cfg.amount.rule} {guide.computed}"),
        ("Volymer", "Antal som heltal, t.ex. 2 660."),
        ("Nyckeltal", "Utfallet som tal. Procent skrivs 77,7 eller 77,7 %; båda betyder 77,7 %."),
        ("Tomma celler", "En tom cell betyder att uppgift saknas. Den visas tom i "
         f"{guide.document}, aldrig som 0."),
        ("Stycken", "En radbrytning i cellen ger ett nytt stycke: Alt+Enter i Excel, "
         "Ctrl+Enter i LibreOffice Calc."),
        ("Punktlistor", 'En rad som börjar med bindestreck och mellanslag ("- ") blir en '
         "punkt i en punktlista."),
        ("Formler", "En cell får innehålla en formel. Det värde som senast räknades ut och "
         "sparades gäller."),
        ("Bladskydd", "Bladen är skyddade utan lösenord så att rubrikerna inte ändras av "
         "misstag. Behöver du ändra något annat: Granska > Ta bort bladskydd."),
    )  # fmt: skip
    rows.append(rules[0])
    rows.append(("*", REQUIRED_LABEL, REQUIRED_RULE))  # the legend, with a sample of each
    rows.extend(rules[1:])
    heading(guide.build_heading)
    rows.extend(tuple(fill(t) for t in command) for command in guide.commands)
    heading("Bladen")
    rows.append(("=", "Blad", "Vad bladet är till för", "Vem fyller i (förslag)", "Enheter"))
    rows.append(
        (
            GRUNDDATA_SHEET,
            guide.grunddata_purpose,
            RESPONSIBLE[GRUNDDATA_SHEET],
            "Budgetår som årtal, Beslutsdatum som ÅÅÅÅ-MM-DD.",
        )  # fmt: skip
    )
    for spec in contract.sheets:
        rows.append((spec.name, cfg.purpose(spec), RESPONSIBLE.get(spec.name, ""),
                     _units(spec, cfg, contract)))  # fmt: skip
    heading("Kolumnerna")
    rows.append(("=", "Blad", "Kolumn", "Måste fyllas i", "Vad du skriver"))
    for f in contract.grunddata_fields:
        rows.append((GRUNDDATA_SHEET, f.name, "Ja" if f.required else "Nej", f.help))
    for spec in contract.sheets:
        for col in spec.columns:
            allowed = cfg.choices.for_column(spec.name, col)
            what = cfg.column_help(col)
            if allowed:
                what += " Tillåtna värden: " + ", ".join(allowed) + "."
            rows.append((spec.name, col.header_for(year), "Ja" if col.required else "Nej", what))
    heading("Kommunens mål (kolumnen Mål)")
    for goal in cfg.goals:
        rows.append(("", goal))
    rows.append(("", "Grunduppdrag (bara på bladet Nyckeltal)"))
    agenda = [s.name for s in contract.sheets if any(c.kind is Kind.AGENDA for c in s.columns)]
    if agenda:
        heading(f"Agenda 2030-målen (bladet {agenda[0]})")
        rows.append(("=", "Nummer", "Namn"))
        for g in AGENDA_2030:
            rows.append((str(g.number), g.name))

    r = 0
    for row in rows:
        r += 1
        if isinstance(row, str):
            continue
        tag, *rest = row
        if tag == "!":
            ws.cell(r, 1, rest[0]).font = _TITLE_FONT
        elif tag == "#":
            ws.cell(r, 1, rest[0]).font = _HEADING_FONT
        elif tag == "*":
            ws.cell(r, 1, rest[0]).font = _LABEL_FONT
            ws.cell(r, 1).alignment = _WRAP
            ws.cell(r, 2, rest[1]).alignment = _WRAP
            for c, (text, required) in enumerate(
                ((REQUIRED_LABEL, True), (OPTIONAL_LABEL, False)), start=3
            ):
                sample = ws.cell(r, c, text)
                _mark(sample, required)
                sample.alignment = _HEADER_ALIGN
        elif tag == "=":
            for c, text in enumerate(rest, start=1):
                cell = ws.cell(r, c, text)
                cell.font = _HEADER_FONT
                cell.fill = _HEADER_FILL
                cell.alignment = _WRAP
        else:
            for c, text in enumerate(row, start=1):
                if not text:
                    continue
                cell = ws.cell(r, c, int(text) if text.isdigit() else text)
                cell.alignment = _WRAP
                if c == 1:
                    cell.font = _LABEL_FONT
    widths = (24, 60, 40, 60)
    for letter, width in zip("ABCD", widths, strict=True):
        ws.column_dimensions[letter].width = width
    fit_row_heights(ws, widths)
    print_layout(ws, len(widths), ws.max_row)


def fit_row_heights(ws: Worksheet, widths: Sequence[int]) -> None:
    """Row heights for wrapped text, estimated (not every program fits them on opening:
    LibreOffice keeps the default height). Only cells that wrap count."""
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                per_line = max(1, int(width * 0.9))
                lines = max(lines, sum(-(-len(p) // per_line) or 1 for p in cell.value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = 15 * lines


# --- the workbook ---------------------------------------------------------------------------


def _save(wb: Workbook, path: Path) -> None:
    """Save reproducibly and atomically: fixed times, temp file, one rename."""
    wb.properties.creator = "namndplan"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    # ExcelWriter instead of wb.save(): save() stamps the current time into docProps/core.xml.
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    data = normalised_zip(buffer.getvalue(), sort=False)
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def build_workbook(
    year: int,
    cfg: KommunConfig,
    grunddata: Mapping[str, Any] | None = None,
    rows: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    contract: Contract = PLAN,
) -> Workbook:
    """The input workbook for ``year`` as an openpyxl Workbook (see ``write_workbook``)."""
    rows = dict(rows or {})
    known = {s.name for s in contract.sheets}
    unknown = set(rows) - known
    if unknown:
        raise ValueError(f"not data sheets of the contract: {sorted(unknown)}")
    fields = {f.name for f in contract.grunddata_fields}
    given = dict(grunddata or {})
    if set(given) - fields:
        raise ValueError(f"not Grunddata fields: {sorted(set(given) - fields)}")
    stated = _split(given.get("Budgetår"))[0]
    if stated is not None and str(stated).strip() != str(year):
        raise ValueError(f"Budgetår {stated!r} does not match year {year}")
    values = {**given, "Budgetår": year}
    if values.get("Kommun") is None:
        values["Kommun"] = cfg.namn

    wb = Workbook()
    instructions = wb.active
    instructions.title = INSTRUCTIONS_SHEET
    grund = wb.create_sheet(GRUNDDATA_SHEET)
    data_sheets = [(spec, wb.create_sheet(spec.name)) for spec in contract.sheets]
    lists_ws = wb.create_sheet(LISTS_SHEET)
    lists = _Lists(wb, lists_ws)

    _write_instructions(instructions, year, cfg, contract, values)
    _write_grunddata(grund, values, lists, contract.grunddata_fields)
    for spec, ws in data_sheets:
        _write_data_sheet(ws, spec, year, cfg, rows.get(spec.name, []), lists)

    lists_ws.sheet_state = "hidden"
    for ws in wb.worksheets:
        _protect(ws)
        ws.sheet_view.tabSelected = ws is instructions
    wb.active = 0
    return wb


def write_workbook(
    path: Path | str,
    year: int,
    cfg: KommunConfig,
    grunddata: Mapping[str, Any] | None = None,
    rows: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    contract: Contract = PLAN,
) -> Path:
    """Write the input workbook for budget year ``year`` to ``path``; return the path.

    Without data this is the blank template: Grunddata holds the field names with Kommun
    (``cfg.namn``) and Budgetår filled in. ``grunddata`` maps field names to values (Budgetår
    is always ``year``; Kommun defaults to ``cfg.namn``). ``rows`` maps a data sheet's name to
    its rows, each a list of values in the contract's column order (shorter rows are padded
    with empty cells). A value is a str, number, date, bool or None; ``Formatted(value,
    number_format)`` or a ``(value, number_format)`` tuple keeps a format such as a percent.
    ``contract`` is the kind of workbook: the plan's (``contract.PLAN``) or a follow-up's
    (``followup.FOLLOWUP``, with Rapport and Period till och med in ``grunddata``).
    """
    path = Path(path)
    _save(build_workbook(year, cfg, grunddata, rows, contract), path)
    return path
