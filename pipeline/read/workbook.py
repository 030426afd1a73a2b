"""Read an input workbook into plain values, each with its ``Sheet!Cell``.

It does no validation beyond what is needed to open the file: problems with the file itself
(not a workbook, encrypted, truncated, an old .xls, too large) come back as findings naming
the file. The cells come from pipeline/read/xlsx.py, which reads the sheet XML with lxml and
openpyxl's rules for number formats, dates and shared strings, and decodes Excel's
``_xHHHH_`` escapes.

Which sheets are data, and how wide, is the contract's: Grunddata is read first, and a
``Rapport`` row in it makes the workbook a follow-up (``followup.FOLLOWUP``), else it is a
plan (``contract.PLAN``); the choice travels on as ``RawWorkbook.contract``.

Text is normalised here, in one place: Windows line ends become one line break, and every
string and sheet name is Unicode NFC (text copied from a Mac or a PDF arrives decomposed,
"a" + U+030A for "å", and would otherwise not match "Målbild" or a closed list's value).
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.common.findings import Findings

MAX_FILE_BYTES = 20 * 1024 * 1024  # an input workbook is a few hundred kB at most
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # declared sizes; xlsx.Budget counts what inflates
EXCEL_MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
EXTRA_COLUMNS = 10  # columns read past a sheet's contract columns, to warn about them
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and encrypted .xlsx


class CellValue(NamedTuple):
    """One cell's saved value and where it came from.

    A named tuple rather than a dataclass: a workbook has tens of thousands of cells and
    this is built and re-typed once per cell, so construction cost matters (issue 6).
    """

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

    def with_value(self, value: Any) -> CellValue:
        """The same cell holding ``value`` (the typed value after validation)."""
        return CellValue(self.sheet, self.ref, value, self.number_format,
                         self.formula_without_value)  # fmt: skip


class RawSheet(NamedTuple):
    name: str
    header: list[CellValue]
    rows: list[list[CellValue]]  # data rows (row 2 on), all-empty rows skipped
    #: cells the reader has already reported as errors (a text over Excel's cell limit):
    #: validation takes them as empty and says nothing more about them
    refused: frozenset[str] = frozenset()


class RawWorkbook(NamedTuple):
    path: Path
    sheets: dict[str, RawSheet]  # filled by the reader; a new dict for each workbook
    #: every worksheet's name (NFC), in the workbook's order, read or not: a sheet whose
    #: name is a near miss of a contract sheet ("Driftbudget") can then be named
    sheet_names: tuple[str, ...] = ()
    #: the sheet names as the file spells them, by their NFC form (for tools that open the
    #: file again, such as the annotated copy)
    file_names: dict[str, str] = {}  # never mutated: a default shared by all is fine
    #: the contract the workbook is read against (contract.PLAN, or followup.FOLLOWUP when
    #: its Grunddata has a Rapport row); None only for a RawWorkbook made by hand (= plan)
    contract: Any = None


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed), cheaply when it already is."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _cell_ref(row: int, col: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _check_file(path: Path, findings: Findings) -> zipfile.ZipFile | None:
    """The workbook opened as a zip archive, or None with a finding naming the file.

    Damaged parts are found when they are read: zipfile checks each part's CRC as it
    reads it (a separate pass over every part with testzip cost as much again).
    """
    name = path.name
    if not path.exists():
        findings.error(name, "", f"Filen {path} finns inte.")
        return None
    if path.is_dir():
        findings.error(name, "", f"{path} är en mapp, inte en Excel-arbetsbok.",
                       "Ange arbetsbokens fil (.xlsx).")  # fmt: skip
        return None
    if path.suffix.lower() == ".xls":
        findings.error(
            name,
            "",
            "Filen är i det gamla formatet .xls.",
            "Öppna den i Excel eller LibreOffice och spara som Excel-arbetsbok (.xlsx).",
        )
        return None
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        findings.error(name, "", "Filen kan inte öppnas: den är låst av ett annat program "
                       "eller så saknas behörighet.",
                       "Stäng filen i Excel och försök igen.")  # fmt: skip
        return None
    if size > MAX_FILE_BYTES:
        findings.error(
            name,
            "",
            f"Filen är orimligt stor ({size // (1024 * 1024)} MB) för en indata-arbetsbok.",
            f"Kontrollera att det är rätt fil; gränsen är {MAX_FILE_BYTES // (1024 * 1024)} MB.",
        )
        return None
    if head == OLE_MAGIC:
        findings.error(
            name,
            "",
            "Filen är lösenordsskyddad (krypterad) eller i det gamla "
            ".xls-formatet och kan inte läsas.",
            "Ta bort lösenordet och spara som Excel-arbetsbok (.xlsx).",
        )
        return None
    if not zipfile.is_zipfile(path):
        findings.error(
            name,
            "",
            "Filen är inte en Excel-arbetsbok (.xlsx) eller är skadad.",
            "Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
        )
        return None
    try:
        zf = zipfile.ZipFile(path)
    except Exception as exc:  # damaged, or a zip feature zipfile does not have
        from pipeline.read.xlsx import Damaged, TooMuchData

        findings.error(name, "", *_failure(exc, Damaged, TooMuchData))
        return None
    names = set(zf.namelist())
    unpacked = sum(i.file_size for i in zf.infolist())
    if "xl/workbook.xml" not in names and "content.xml" in names and "mimetype" in names:
        zf.close()
        findings.error(
            name,
            "",
            "Filen är ett OpenDocument-kalkylark (LibreOffice, .ods), inte en Excel-arbetsbok.",
            "Öppna den i LibreOffice Calc och välj Arkiv > Spara som > Excel 2007-365 (.xlsx).",
        )
        return None
    if "xl/workbook.xml" not in names:
        zf.close()
        findings.error(
            name,
            "",
            "Filen är ett zip-arkiv men ingen Excel-arbetsbok.",
            "Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
        )
        return None
    if unpacked > MAX_UNPACKED_BYTES:
        zf.close()
        findings.error(name, "", "Filen packar upp till orimligt mycket data och läses inte.")
        return None
    return zf


def _damaged(name: str, findings: Findings) -> None:
    findings.error(
        name,
        "",
        "Filen är skadad eller ofullständig och kan inte läsas.",
        "Öppna den i Excel och spara den igen, eller hämta en hel kopia.",
    )


def read_workbook(path: Path) -> tuple[RawWorkbook | None, Findings]:
    """Read every contract sheet's header row and data rows with their saved values.

    Formula cells count by the value Excel last saved. A formula without a saved value is
    marked (``formula_without_value``) so that validation can name the cell; it is never
    read as empty or 0.

    Only the contract's sheets are parsed, once each (see pipeline/read/xlsx.py for why not
    ``openpyxl.load_workbook``).
    """
    findings = Findings()
    path = Path(path)
    zf = _check_file(path, findings)
    if zf is None:
        return None, findings
    try:
        with zf:
            book = _read_contract_sheets(path, zf, findings)
    except Exception as exc:  # every failure of a foreign file is one sentence
        from pipeline.read.xlsx import Damaged, TooMuchData

        what, hint = _failure(exc, Damaged, TooMuchData)
        findings.error(path.name, "", what, hint)
        return None, findings
    return book, findings


_RESAVE = "Öppna den i Excel eller LibreOffice och spara den som Excel-arbetsbok (.xlsx)."


def _failure(exc: Exception, damaged: type, too_much: type) -> tuple[str, str]:
    """One Swedish sentence (and what to do) for a workbook that could not be read."""
    from lxml import etree

    from pipeline.read.xlsx import BrokenXml

    if isinstance(exc, PermissionError):
        return ("Filen kan inte öppnas: den är troligen öppen i Excel (eller skrivskyddad).",
                "Stäng den i Excel och försök igen.")  # fmt: skip
    if isinstance(exc, too_much):
        mb = exc.limit // (1024 * 1024)  # type: ignore[attr-defined]
        return (f"Filen packar upp till mer än {mb} MB data ({exc.part}) och läses inte; en "  # type: ignore[attr-defined]
                "indata-arbetsbok är mycket mindre.",
                "Kontrollera att det är rätt fil; utgå annars från en ny mall.")  # fmt: skip
    if isinstance(exc, damaged):
        where = f" (cell {exc.ref})" if exc.ref else ""  # type: ignore[attr-defined]
        return (f"Filen är skadad: {exc.part}{where} hänvisar till text som saknas i "  # type: ignore[attr-defined]
                "arbetsboken.", _RESAVE)  # fmt: skip
    if isinstance(exc, (zipfile.BadZipFile, EOFError, zlib.error)):
        return ("Filen är skadad eller ofullständig och kan inte läsas.",
                "Öppna den i Excel och spara den igen, eller hämta en hel kopia.")  # fmt: skip
    if isinstance(exc, NotImplementedError):
        return ("Filen är packad på ett sätt som inte stöds (en ovanlig komprimering, till "
                "exempel Deflate64, eller en nyare zip-version).", _RESAVE)  # fmt: skip
    if isinstance(exc, RuntimeError) and "encrypt" in str(exc).lower():
        return ("Filen är krypterad (lösenordsskyddad) och kan inte läsas.",
                "Ta bort lösenordet och spara som Excel-arbetsbok (.xlsx).")  # fmt: skip
    if isinstance(exc, BrokenXml):
        line = f" (rad {exc.line} i {exc.part})" if exc.line else f" ({exc.part})"
        where = f"bladet {exc.sheet}" if exc.sheet else "en del av arbetsboken"
        return f"Filen är skadad: {where} är inte giltig XML{line}.", _RESAVE
    if isinstance(exc, etree.XMLSyntaxError):
        line = f" på rad {exc.lineno}" if getattr(exc, "lineno", None) else ""
        return f"Filen är skadad: en del av arbetsboken är inte giltig XML{line}.", _RESAVE
    if isinstance(exc, KeyError):
        return ("Filen är ett zip-arkiv men saknar delar som en Excel-arbetsbok har "
                f"({exc.args[0] if exc.args else ''}).", _RESAVE)  # fmt: skip
    if isinstance(exc, MemoryError):
        return "Filen är för stor för att läsas.", "Kontrollera att det är rätt fil."
    return (f"Filen kunde inte läsas som Excel-arbetsbok ({type(exc).__name__}).", _RESAVE)


def _read_contract_sheets(path: Path, zf: zipfile.ZipFile, findings: Findings) -> RawWorkbook:
    from pipeline.read.xlsx import XlsxBook
    from pipeline.spec.contract import GRUNDDATA_SHEET

    xlsx = XlsxBook(zf)
    names = {nfc(title): title for title in xlsx.sheets}
    sheets: dict[str, RawSheet] = {}
    # Grunddata first: its Rapport row decides the contract, and so which sheets are data
    # and how wide they are.
    # What the reader says about it is added in the workbook's order of sheets, as before.
    grund = GRUNDDATA_SHEET if GRUNDDATA_SHEET in names else next(
        (n for n in names if n.casefold().strip() == GRUNDDATA_SHEET.casefold()), None)  # fmt: skip
    said = Findings()
    if grund is not None:
        sheets[grund] = _read_sheet(grund, names[grund], xlsx, said, _grunddata_width())
    contract = contract_of(sheets.get(grund) if grund is not None else None)
    known = _known_sheets(contract)
    folded = _folded(known)
    widths = _widths(contract)
    book = RawWorkbook(path, {}, tuple(names), names, contract)
    for name, title in names.items():
        # Only the contract's sheets are read: instruction and list sheets are not data.
        # A sheet named but for case and spacing ("driftsbudget ") is kept so validation
        # can name it.
        if name == grund:
            book.sheets[name] = sheets[name]
            findings.extend(said)
        elif name in known or name.casefold().strip() in folded:
            book.sheets[name] = _read_sheet(name, title, xlsx, findings, _width(name, widths),
                                            contract.document)  # fmt: skip
    return book


REPORT_FIELD = "Rapport"  # a Grunddata row of this Fält makes a follow-up workbook


def contract_of(grunddata: RawSheet | None) -> Any:
    """The contract a workbook is read against: the follow-up's when its Grunddata has a
    ``Rapport`` row (any case and spacing), else the plan's."""
    from pipeline.spec.contract import PLAN

    if grunddata is not None:
        for row in grunddata.rows:
            if row and " ".join(str(row[0].value or "").split()).casefold() == "rapport":
                from pipeline.spec.followup import FOLLOWUP

                return FOLLOWUP
    return PLAN


def _folded(names: tuple[str, ...]) -> set[str]:
    return {n.casefold() for n in names}


def _known_sheets(contract: Any) -> tuple[str, ...]:
    from pipeline.spec.contract import CARRIED_SHEET

    return (*contract.sheet_names, CARRIED_SHEET)


def _grunddata_width() -> int:
    from pipeline.spec.contract import GRUNDDATA_EXTRA_HEADERS, GRUNDDATA_HEADERS

    return len(GRUNDDATA_HEADERS) + len(GRUNDDATA_EXTRA_HEADERS) + EXTRA_COLUMNS


def _widths(contract: Any) -> dict[str, int]:
    widths = {s.name.casefold(): len(s.columns) for s in contract.sheets}
    widths["grunddata"] = _grunddata_width() - EXTRA_COLUMNS
    return widths


def _width(name: str, widths: dict[str, int]) -> int:
    """The columns read of a sheet: the contract's, and a few more to warn about."""
    from pipeline.spec.contract import CARRIED_HEADERS

    return widths.get(name.casefold().strip(), len(CARRIED_HEADERS)) + EXTRA_COLUMNS


def _read_sheet(name: str, title: str, xlsx: Any, findings: Findings, width: int,
                document: str = "planen") -> RawSheet:  # fmt: skip
    """Row 1 is the header; rows after it with anything in them are data.

    ``name`` is the sheet's NFC name, ``title`` the name as the file spells it. What the
    reader left out is said here: cells far past the contract's columns, rows past the cap,
    a text longer than Excel allows in a cell.
    """
    from openpyxl.utils.cell import get_column_letter

    from pipeline.read.xlsx import EXCEL_MAX_ROWS, MAX_CONTENT_ROWS

    header: list[CellValue] = []
    rows: list[list[CellValue]] = []
    refused: set[str] = set()
    for r, parsed in xlsx.rows(title, width):
        cells: list[CellValue] = []
        filled = False
        for col, ref, value, fmt, missing in parsed:
            while len(cells) < col - 1:  # cells Excel did not write are empty
                cells.append(CellValue(name, f"{get_column_letter(len(cells) + 1)}{r}", None))
            if value is None:
                filled = filled or missing
            elif isinstance(value, str):
                if len(value) > EXCEL_MAX_CELL_CHARS:
                    findings.error(name, ref, f"Cellen innehåller {len(value):,} tecken; en "
                                   f"cell i Excel rymmer högst {EXCEL_MAX_CELL_CHARS:,} "
                                   "tecken.".replace(",", "\u00a0"),
                                   "Korta texten eller dela upp den på flera rader.")  # fmt: skip
                    value = value[:EXCEL_MAX_CELL_CHARS]
                    refused.add(ref)
                if "\r" in value:  # Windows line ends in a cell: one paragraph break each
                    value = value.replace("\r\n", "\n").replace("\r", "\n")
                if not value.isascii():
                    value = nfc(value)
                filled = filled or not value.isspace() and value != ""
            else:
                if isinstance(value, datetime) and value.time() == datetime.min.time():
                    value = value.date()  # a date typed in Excel, without a time of day
                filled = True
            cells.append(CellValue(name, ref, value, fmt, missing))
        if r == 1:
            header = cells
        elif filled:
            rows.append(cells)
    if title in xlsx.beyond:
        findings.warning(name, xlsx.beyond[title], "Bladet har uppgifter långt utanför "
                         f"arbetsbokens kolumner; de läses inte och kommer inte med i {document}.",
                         "Flytta uppgifterna till rätt kolumn eller ta bort dem.")  # fmt: skip
    why, stop = xlsx.truncated.get(title, ("", 0))
    if why == "excel":
        findings.error(name, "", f"Bladet har fler rader än Excel tillåter "
                       f"({EXCEL_MAX_ROWS:,}); filen är skadad eller inte sparad av Excel."
                       .replace(",", "\u00a0"), _RESAVE)  # fmt: skip
    elif why == "cap":
        findings.error(name, f"A{stop}", f"Bladet har fler än {MAX_CONTENT_ROWS:,} rader med "
                       "innehåll; resten läses inte.".replace(",", "\u00a0"),
                       "En nämndplan har några hundra rader per blad: ta bort rader som "
                       "inte hör till planen.")  # fmt: skip
    return RawSheet(name, header, rows, frozenset(refused))


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
