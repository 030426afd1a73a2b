"""Read an input workbook into plain values, each with its ``Sheet!Cell``.

This is the only module that imports openpyxl for reading. It does no validation beyond
what is needed to open the file: problems with the file itself (not a workbook, encrypted,
truncated, an old .xls, too large) come back as findings naming the file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .findings import Findings

MAX_FILE_BYTES = 20 * 1024 * 1024  # an input workbook is a few hundred kB at most
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # guards against zip bombs
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and encrypted .xlsx


@dataclass(frozen=True)
class CellValue:
    """One cell's saved value and where it came from."""

    sheet: str
    ref: str  # A1 reference, e.g. "E5"
    value: Any  # str, int, float, bool, datetime or None
    number_format: str = "General"
    formula_without_value: bool = False  # a formula Excel never calculated and saved

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.ref}"

    @property
    def is_empty(self) -> bool:
        v = self.value
        return not self.formula_without_value and (
            v is None or (isinstance(v, str) and not v.strip())
        )

    @property
    def is_percent_format(self) -> bool:
        return "%" in (self.number_format or "")


@dataclass
class RawSheet:
    name: str
    header: list[CellValue]
    rows: list[list[CellValue]]  # data rows (row 2 on), all-empty rows skipped


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet] = field(default_factory=dict)


def _cell_ref(row: int, col: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _check_file(path: Path, findings: Findings) -> bool:
    name = path.name
    if not path.exists():
        findings.error(name, "", f"Filen {path} finns inte.")
        return False
    if path.suffix.lower() == ".xls":
        findings.error(
            name,
            "",
            "Filen är i det gamla formatet .xls.",
            "Öppna den i Excel eller LibreOffice och spara som Excel-arbetsbok (.xlsx).",
        )
        return False
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        findings.error(
            name,
            "",
            f"Filen är orimligt stor ({size // (1024 * 1024)} MB) för en indata-arbetsbok.",
            f"Kontrollera att det är rätt fil; gränsen är {MAX_FILE_BYTES // (1024 * 1024)} MB.",
        )
        return False
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        findings.error(
            name,
            "",
            "Filen är lösenordsskyddad (krypterad) eller i det gamla "
            ".xls-formatet och kan inte läsas.",
            "Ta bort lösenordet och spara som Excel-arbetsbok (.xlsx).",
        )
        return False
    if not zipfile.is_zipfile(path):
        findings.error(
            name,
            "",
            "Filen är inte en Excel-arbetsbok (.xlsx) eller är skadad.",
            "Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
        )
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            unpacked = sum(i.file_size for i in zf.infolist())
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError):
        findings.error(
            name,
            "",
            "Filen är skadad eller ofullständig och kan inte läsas.",
            "Öppna den i Excel och spara den igen, eller hämta en hel kopia.",
        )
        return False
    if bad is not None:
        findings.error(
            name,
            "",
            "Filen är skadad eller ofullständig och kan inte läsas.",
            "Öppna den i Excel och spara den igen, eller hämta en hel kopia.",
        )
        return False
    if "xl/workbook.xml" not in names:
        findings.error(
            name,
            "",
            "Filen är ett zip-arkiv men ingen Excel-arbetsbok.",
            "Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
        )
        return False
    if unpacked > MAX_UNPACKED_BYTES:
        findings.error(name, "", "Filen packar upp till orimligt mycket data och läses inte.")
        return False
    return True


def _normalise(value: Any) -> Any:
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def read_workbook(path: Path) -> tuple[RawWorkbook | None, Findings]:
    """Read every sheet's header row and data rows with their saved values.

    Formula cells count by the value Excel last saved. A formula without a saved value is
    marked (``formula_without_value``) so that validation can name the cell; it is never
    read as empty or 0.
    """
    findings = Findings()
    path = Path(path)
    if not _check_file(path, findings):
        return None, findings

    import openpyxl  # imported here so that the CLI starts fast

    try:
        values_wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        missing = formulas_without_value(path)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        findings.error(path.name, "", "Filen kunde inte läsas som Excel-arbetsbok "
                       f"({type(exc).__name__}).",
                       "Öppna den i Excel eller LibreOffice och spara som .xlsx.")  # fmt: skip
        return None, findings

    book = RawWorkbook(path=path)
    try:
        known = _known_sheets()
        for ws in values_wb.worksheets:
            # Only the contract's sheets are read: instruction and list sheets are not data.
            # A near miss ("driftsbudget") is kept so validation can name it.
            if ws.title not in known and ws.title.casefold().strip() not in _folded(known):
                continue
            book.sheets[ws.title] = _read_sheet(ws, missing.get(ws.title, set()))
    finally:
        values_wb.close()
    return book, findings


def _folded(names: tuple[str, ...]) -> set[str]:
    return {n.casefold() for n in names}


def _known_sheets() -> tuple[str, ...]:
    from .contract import SHEET_NAMES

    return SHEET_NAMES


def _read_sheet(ws: Any, missing: set[str]) -> RawSheet:
    name = ws.title
    header: list[CellValue] = []
    rows: list[list[CellValue]] = []
    for r, row in enumerate(ws.iter_rows(), start=1):
        cells: list[CellValue] = []
        for c, cell in enumerate(row, start=1):
            value = _normalise(getattr(cell, "value", None))
            ref = _cell_ref(r, c)
            fmt = getattr(cell, "number_format", None) or "General"
            cells.append(CellValue(name, ref, value, fmt, value is None and ref in missing))
        if r == 1:
            header = cells
        elif any(not cell.is_empty for cell in cells):
            rows.append(cells)
    return RawSheet(name, header, rows)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")  # <f> (not <formula1> of a drop-down)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def formulas_without_value(path: Path) -> dict[str, set[str]]:
    """Cells per sheet that hold a formula but no saved value (``<f>`` without ``<v>``).

    Read straight from the sheet XML with lxml (entities off, no network), which is much
    cheaper than loading the workbook a second time with formulas.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    result: dict[str, set[str]] = {}
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        workbook = etree.fromstring(zf.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), parser)
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
        known = _folded(_known_sheets())
        for sheet in workbook.iter(f"{_MAIN}sheet"):
            if str(sheet.get("name", "")).casefold().strip() not in known:
                continue
            target = targets.get(sheet.get(f"{_REL}id"), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if part not in names:
                continue
            if not _FORMULA_TAG.search(zf.read(part)):
                continue
            refs = set()
            with zf.open(part) as fh:
                for _, c in etree.iterparse(fh, tag=f"{_MAIN}c", resolve_entities=False,
                                            no_network=True):  # fmt: skip
                    v = c.find(f"{_MAIN}v")
                    if c.find(f"{_MAIN}f") is not None and (v is None or not v.text):
                        refs.add(c.get("r"))
                    c.clear()
            if refs:
                result[str(sheet.get("name"))] = refs
    return result


def as_date(value: Any) -> date | None:
    """A cell value as a date, if it is one (datetime cells or ISO text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
