"""The council's summary of a batch: operating budget per nämnd and every plan's findings.

``output/sammanstallning-Y.xlsx`` holds the same figures as each plan's Totalt row (both come
from ``model.AmountTable.total``), so the summary reconciles with the plans by construction,
and a test checks that it does.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import atomic_write
from .contract import SHEET_ORDER

if TYPE_CHECKING:
    from .build import BuildResult

MNKR_FORMAT = "#,##0.0;[Red]-#,##0.0"
HEADER_FILL = "00507A"


def summary_path(out_dir: Path, year: int) -> Path:
    return out_dir / f"sammanstallning-{year}.xlsx"


def write_summary(results: list[BuildResult], year: int, out: Path) -> Path:
    """Write the summary workbook atomically; return its path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Driftsbudget"
    headers = ["Nämnd", f"Bokslut {year - 2}", f"Prognos {year - 1}", f"Budget {year - 1}",
               f"Förändring budget {(year - 1) % 100:02d}/{year % 100:02d}", f"Budget {year}",
               f"Plan {year + 1}", f"Plan {year + 2}"]  # fmt: skip
    ws.append(headers)
    columns: list[list[Decimal]] = [[] for _ in headers[1:]]
    built = [r for r in results if r.plan is not None and r.output is not None]
    for r in sorted(built, key=lambda r: r.plan.namnd if r.plan else ""):
        assert r.plan is not None
        t = r.plan.operating.total()
        values = [t.bokslut, t.prognos, t.budget_prev, t.change, t.budget, t.plan1, t.plan2]
        ws.append([r.plan.namnd, *(float(v) if v is not None else None for v in values)])
        for col, v in zip(columns, values, strict=True):
            if v is not None:
                col.append(v)
    ws.append(["Totalt", *(float(sum(c, Decimal(0))) if c else None for c in columns)])
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = MNKR_FORMAT
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    _style_header(ws, Font, PatternFill)
    ws.column_dimensions["A"].width = 36
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 14

    fs = wb.create_sheet("Granskning")
    fs.append(["Nämnd", "Arbetsbok", "Plan", "Plats", "Nivå", "Meddelande"])
    for r in results:
        name = r.plan.namnd if r.plan else _namnd(r)
        plan_file = r.output.name if r.output else "Ingen plan byggd"
        if not r.check.findings:
            fs.append([name, r.check.path.name, plan_file, "", "", "Inga fel eller varningar."])
        for f in r.check.findings.sorted(SHEET_ORDER):
            fs.append([name, r.check.path.name, plan_file, f.location,
                       "Fel" if f.is_error else "Varning", f"{f.message} {f.hint}".strip()])  # fmt: skip
    _style_header(fs, Font, PatternFill)
    for letter, width in zip("ABCDEF", (30, 32, 32, 26, 9, 90), strict=True):
        fs.column_dimensions[letter].width = width

    atomic_write(out, wb.save)
    return out


def _namnd(r: BuildResult) -> str:
    valid = r.check.valid
    cell = valid.grunddata.get("Nämnd") if valid else None
    return str(cell.value) if cell is not None and cell.value else r.check.path.stem


def _style_header(ws: object, font: type, fill: type) -> None:
    for cell in ws[1]:  # type: ignore[index]
        cell.font = font(bold=True, color="FFFFFF")
        cell.fill = fill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
