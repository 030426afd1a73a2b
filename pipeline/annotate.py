"""A reviewed copy of a workbook: each finding as a cell comment and a coloured fill.

The original is never modified: the copy is written beside it as ``<name>-granskad.xlsx``
(atomically), with a first sheet ``Granskning`` that lists every finding.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .atomic import atomic_write
from .contract import SHEET_ORDER
from .findings import Finding, Findings

SUFFIX = "-granskad"
ERROR_FILL = "FFC7CE"  # light red, dark text stays readable
WARNING_FILL = "FFEB9C"  # light yellow


def annotated_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}{SUFFIX}.xlsx")


def annotate(source: Path, findings: Findings) -> Path:
    """Write the reviewed copy and return its path."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.load_workbook(source)  # formulas kept; macros never run (.xlsm not kept)
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet in wb.sheetnames:
            by_cell[(f.sheet, f.cell or "A1")].append(f)
    for (sheet, ref), items in by_cell.items():
        cell = wb[sheet][ref]
        text = "\n".join(f"{'FEL' if f.is_error else 'VARNING'}: {f.message} {f.hint}".strip()
                         for f in items)  # fmt: skip
        cell.comment = Comment(text, "namndplan", width=320, height=120)
        colour = ERROR_FILL if any(f.is_error for f in items) else WARNING_FILL
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)

    if "Granskning" in wb.sheetnames:
        del wb["Granskning"]
    ws = wb.create_sheet("Granskning", 0)
    ws.append(["Plats", "Nivå", "Meddelande", "Vad du gör"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for f in findings.sorted(SHEET_ORDER):
        ws.append([f.location, "Fel" if f.is_error else "Varning", f.message, f.hint])
    for col, width in zip("ABCD", (26, 10, 70, 60), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.active = 0

    target = annotated_path(source)
    atomic_write(target, wb.save)
    return target
