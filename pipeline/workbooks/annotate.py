"""A reviewed copy of a workbook: each finding as a cell comment and a coloured fill.

The original is never modified: the copy is written beside it as ``<name>-granskad.xlsx``
(atomically), with a first sheet ``Granskning`` that lists every finding. The copy opens on
that sheet, and it is the only selected sheet (otherwise Excel opens the sheets grouped and
typing changes all of them). Each finding's place is a link to its cell (or its range); a
finding about a whole sheet links to the sheet's A1; a finding about the file has no link.
The list prints on A4, landscape, one page wide, with its header row on every page.

Every cell receives all of its findings, one comment per cell, from the full list of
findings (never a condensed one), so nothing is lost in the copy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.common.atomic import atomic_write
from pipeline.common.findings import Finding, Findings
from pipeline.spec.contract import SHEET_ORDER

SUFFIX = "-granskad"
SHEET = "Granskning"
ERROR_FILL = "FFC7CE"  # light red, dark text stays readable
WARNING_FILL = "FFEB9C"  # light yellow
HEADERS = ("Plats", "Nivå", "Meddelande", "Vad du gör")
NO_FINDINGS = "Granskningen hittade inga fel eller varningar."
WIDTHS = (30, 10, 70, 60)
_CELL = re.compile(r"[A-Z]{1,3}[1-9][0-9]*")
_RANGE = re.compile(r"([A-Z]{1,3}[1-9][0-9]*):([A-Z]{1,3}[1-9][0-9]*)")
MAX_RANGE_CELLS = 10_000  # a range larger than this is marked at its first cell only


def annotated_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}{SUFFIX}.xlsx")


def link_target(finding: Finding, sheetnames: list[str]) -> str | None:
    """Where a finding's place links to: ``'Driftsbudget'!E5`` (or a range), the sheet's A1
    for a finding without a cell, or None for a finding about the file (or a sheet the copy
    lacks)."""
    from openpyxl.utils.cell import quote_sheetname

    title = _titles(sheetnames).get(finding.sheet)
    if title is None or title == SHEET:
        return None
    ok = _CELL.fullmatch(finding.cell) or _RANGE.fullmatch(finding.cell)
    return f"{quote_sheetname(title)}!{finding.cell if ok else 'A1'}"


def _titles(sheetnames: list[str]) -> dict[str, str]:
    """Sheet titles as the file spells them, by the NFC name findings use (a sheet named on
    a Mac may be stored decomposed)."""
    from pipeline.read.workbook import nfc

    return {nfc(name): name for name in sheetnames}


def marked_cells(finding: Finding) -> list[str]:
    """The cells a finding's comment goes on: its cell, each cell of its range (a finding
    about several cells, ``E3:E9``), or A1 for a finding about the whole sheet."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    if _CELL.fullmatch(finding.cell):
        return [finding.cell]
    m = _RANGE.fullmatch(finding.cell)
    if not m:
        return ["A1"]
    min_col, min_row, max_col, max_row = range_boundaries(finding.cell)
    if (max_col - min_col + 1) * (max_row - min_row + 1) > MAX_RANGE_CELLS:
        return [m[1]]
    return [f"{get_column_letter(c)}{r}" for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)]  # fmt: skip


MAX_COPY_BYTES = 50 * 1024 * 1024  # inflated size of a workbook openpyxl is asked to load


def _load(source: Path, openpyxl: Any) -> Any:
    """The workbook loaded by openpyxl for the copy, or AnnotateError in one sentence.

    openpyxl builds every cell of every sheet in memory (a workbook of 600 000 formatted
    rows took 2,8 GB), so the parts are first inflated and counted in small steps, never
    trusting the sizes the zip declares; and what openpyxl refuses to parse (a DTD, say)
    is said, not raised."""
    import zipfile

    from pipeline.common.errors import AnnotateError
    from pipeline.read.xlsx import Budget, Inflated, TooMuchData

    budget = Budget(MAX_COPY_BYTES)
    try:
        with zipfile.ZipFile(source) as zf:
            for info in zf.infolist():
                with Inflated(zf, info.filename, budget) as part:
                    while part.read():
                        pass
    except TooMuchData:
        raise AnnotateError(f"arbetsboken är för stor för en granskad kopia (mer än "
                            f"{MAX_COPY_BYTES // (1024 * 1024)} MB uppackad).") from None  # fmt: skip
    except Exception as exc:
        raise AnnotateError(f"arbetsboken kunde inte packas upp ({type(exc).__name__}).") from None
    try:
        # Our own file handle, closed however openpyxl ends (it leaves its own open when
        # it fails half-way). Formulas kept; macros never run (.xlsm is not kept).
        with source.open("rb") as fh:
            return openpyxl.load_workbook(fh)
    except Exception as exc:
        raise AnnotateError(
            "arbetsboken innehåller något som inte kan läsas säkert för en kopia "
            f"({type(exc).__name__}, t.ex. en DTD eller en okänd del)."
        ) from None


def _sheet_order(wb: Any) -> dict[str, int]:
    """The order findings are listed in: the follow-up contract's for a workbook whose
    Grunddata has a Rapport row, else the plan's."""
    titles = _titles(wb.sheetnames)
    if "Grunddata" in titles:
        for (name,) in wb[titles["Grunddata"]].iter_rows(min_col=1, max_col=1, values_only=True):
            if isinstance(name, str) and " ".join(name.split()).casefold() == "rapport":
                from pipeline.spec.followup import FOLLOWUP

                return FOLLOWUP.sheet_order
    return SHEET_ORDER


def annotate(source: Path, findings: Findings) -> Path:
    """Write the reviewed copy and return its path; AnnotateError (one Swedish sentence)
    when it cannot be written. The original is never touched, and a copy is either
    written whole or not at all."""
    from pipeline.common.errors import AnnotateError

    try:
        return _annotate(source, findings)
    except AnnotateError:
        raise
    except PermissionError:
        raise AnnotateError(f"{annotated_path(source).name} är öppen i ett annat program; "
                            "stäng den och granska igen.") from None  # fmt: skip
    except Exception as exc:  # openpyxl cannot write back what it read (a bad date, say)
        raise AnnotateError(f"arbetsboken har innehåll som inte kan skrivas tillbaka i en "
                            f"kopia ({type(exc).__name__}).") from None  # fmt: skip


def _annotate(source: Path, findings: Findings) -> Path:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    from pipeline.workbooks.template import (
        FONT,
        HEADER_FILL,
        HEADER_TEXT,
        fit_row_heights,
        print_layout,
    )

    wb = _load(source, openpyxl)
    if SHEET in wb.sheetnames:
        del wb[SHEET]
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    titles = _titles(wb.sheetnames)
    for f in findings:
        if f.sheet in titles:
            for ref in marked_cells(f):
                by_cell[(titles[f.sheet], ref)].append(f)
    for (sheet, ref), items in by_cell.items():
        cell = wb[sheet][ref]
        text = "\n".join(f"{'FEL' if f.is_error else 'VARNING'}: {f.message} {f.hint}".strip()
                         for f in items)  # fmt: skip
        cell.comment = Comment(text, "namndplan", width=320, height=120)
        colour = ERROR_FILL if any(f.is_error for f in items) else WARNING_FILL
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)

    names = list(wb.sheetnames)
    ws = wb.create_sheet(SHEET, 0)
    ws.append(list(HEADERS))
    for c in ws[1]:
        c.font = Font(name=FONT, bold=True, color=HEADER_TEXT)
        c.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        c.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for f in findings.sorted(_sheet_order(wb)):
        ws.append([f.location, "Fel" if f.is_error else "Varning", f.message, f.hint])
        place, level, message, hint = ws[ws.max_row]
        target = link_target(f, names)
        if target is not None:
            place.hyperlink = Hyperlink(ref=place.coordinate, location=target,
                                        tooltip=f"Gå till {f.location}")  # fmt: skip
            place.style = "Hyperlink"
        colour = ERROR_FILL if f.is_error else WARNING_FILL
        level.fill = PatternFill("solid", start_color=colour, end_color=colour)
        place.alignment = level.alignment = top
        message.alignment = hint.alignment = wrap
    if not findings:  # a clean workbook's copy says so rather than showing an empty list
        ws.append(["", "", NO_FINDINGS, ""])
    for col, width in zip("ABCD", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    fit_row_heights(ws, WIDTHS)
    print_layout(ws, len(HEADERS), ws.max_row)

    # Exactly one selected sheet, the one that opens: Granskning.
    for sheet in wb.worksheets:
        for view in sheet.views.sheetView:
            view.tabSelected = sheet is ws
    wb.active = 0

    target = annotated_path(source)
    atomic_write(target, wb.save)
    return target
