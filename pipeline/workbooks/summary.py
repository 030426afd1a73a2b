"""The council's summary of a batch: operating budget per nämnd and every plan's findings;
for each kind of follow-up report in the batch, its own summary
(``sammanstallning-delarsrapport-Y.xlsx``: Budget, Utfall, Prognos and Avvikelse per nämnd,
the same figures as each report's Totalt row, from ``model.report.AccountTable.total``).

``output/sammanstallning-Y.xlsx`` holds the same figures as each plan's Totalt row (both come
from ``model.AmountTable.total``), so the summary reconciles with the plans by construction,
and a test checks that it does.

A Totalt is only called Totalt when it is one. When some nämnd lacks the figure of a column
(an empty Bokslut, say), the row is labelled ``Totalt (ofullständigt)``, each incomplete
cell still holds the sum of the nämnder that have the figure but is shaded, shows an
asterisk and carries a comment saying whose figure is missing, and a note row under the
table names every nämnd and column that is missing (``* Saknas i Totalt: Tekniska nämnden
(Bokslut 2022)``). A column every nämnd has a figure for is summed plainly. A workbook that
built no plan is a row of its own, ``Trasiga nämnden (ingen plan byggd)`` with no figures,
so every Totalt of that batch is marked incomplete; the sheet Granskning lists its
findings.

Amounts use a Swedish-style number format: one decimal, thousands grouped, negative numbers
with a minus sign and in the same colour as the rest (Excel shows the reader's own decimal
and group separators). Both sheets print on A4, landscape, one page wide, with the header
row repeated on every page.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.common.atomic import atomic_write
from pipeline.spec.contract import SHEET_ORDER
from pipeline.spec.followup import FOLLOWUP_SHEET_NAMES

FOLLOWUP_ORDER = {name: i for i, name in enumerate(FOLLOWUP_SHEET_NAMES)}

if TYPE_CHECKING:
    from pipeline.build import BuildResult

MNKR_FORMAT = "#,##0.0;-#,##0.0"
INCOMPLETE_FORMAT = '#,##0.0" *";-#,##0.0" *"'  # the asterisk points at the note rows
# The figures above an incomplete sum, indented by the width of " *" to stay aligned with it.
ALIGNED_FORMAT = "#,##0.0_ _*;-#,##0.0_ _*"
HEADER_FILL = "00507A"  # white on it is 8.6:1
HEADER_TEXT = "FFFFFF"
INCOMPLETE_FILL = "FFEB9C"  # light yellow; black on it is 17.6:1
FONT = "Calibri"
TOTAL = "Totalt"
INCOMPLETE_TOTAL = "Totalt (ofullständigt)"
MISSING_NOTE = "* Saknas i Totalt"
NOT_BUILT = "(ingen plan byggd)"
NOT_BUILT_REPORT = "(ingen rapport byggd)"
REPORT_WIDTHS = (36, 15, 20, 15, 15)
DRIFT_WIDTHS = (36, 15, 15, 15, 15, 15, 15, 15)
FINDINGS_HEADERS = ("Nämnd", "Arbetsbok", "Plan", "Plats", "Nivå", "Meddelande")
FINDINGS_WIDTHS = (26, 30, 30, 24, 9, 70)


def summary_path(out_dir: Path, year: int) -> Path:
    return out_dir / f"sammanstallning-{year}.xlsx"


def headers_for(year: int) -> list[str]:
    """The Driftsbudget sheet's header row for budget year ``year``."""
    return ["Nämnd", f"Bokslut {year - 2}", f"Prognos {year - 1}", f"Budget {year - 1}",
            f"Förändring budget {(year - 1) % 100:02d}/{year % 100:02d}", f"Budget {year}",
            f"Plan {year + 1}", f"Plan {year + 2}"]  # fmt: skip


def report_summary_path(out_dir: Path, kind: str, year: int) -> Path:
    """``sammanstallning-delarsrapport-2024.xlsx``: the kind in lower-case ASCII."""
    import unicodedata

    slug = "".join(c for c in unicodedata.normalize("NFKD", kind.casefold())
                   if c.isascii() and c.isalnum())  # fmt: skip
    return out_dir / f"sammanstallning-{slug}-{year}.xlsx"


def report_headers_for(year: int, period_short: str, forecast: bool = True) -> list[str]:
    """The Driftsredovisning sheet's header row of a follow-up report's summary."""
    return ["Nämnd", f"Budget {year}", f"Utfall {period_short}",
            *([f"Prognos {year}"] if forecast else []), "Avvikelse"]  # fmt: skip


def _whole(fmt: str) -> str:
    """A format of this module with whole numbers (a kommun whose amounts are tkr)."""
    return fmt.replace("0.0", "0")


def write_summary(results: list[BuildResult], year: int, out: Path, decimals: int = 1) -> Path:
    """Write the summary workbook atomically; return its path. ``decimals`` is the
    kommun's amount unit's: 1 for Mnkr, 0 for tkr."""
    mnkr_format, incomplete_format, aligned_format = (
        (MNKR_FORMAT, INCOMPLETE_FORMAT, ALIGNED_FORMAT) if decimals else
        tuple(_whole(f) for f in (MNKR_FORMAT, INCOMPLETE_FORMAT, ALIGNED_FORMAT))
    )  # fmt: skip
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Driftsbudget"
    headers = headers_for(year)
    # Every nämnd of the batch is a row: one whose workbook built no plan is listed with
    # empty figures, so the Totalt cannot pass for the kommun's total without it.
    rows: list[tuple[str, list[Decimal | None]]] = []
    for r in sorted(results, key=_namnd):
        if r.plan is not None and r.output is not None:
            t = r.plan.operating.total()
            values = [t.bokslut, t.prognos, t.budget_prev, t.change, t.budget, t.plan1, t.plan2]
            label = r.plan.namnd
        else:
            values = [None] * (len(headers) - 1)
            label = f"{_namnd(r)} {NOT_BUILT}"
        rows.append((label, values))
    _amount_sheet(ws, headers, rows, DRIFT_WIDTHS,
                  (mnkr_format, incomplete_format, aligned_format))  # fmt: skip
    _findings_sheet(wb, results)
    atomic_write(out, wb.save)
    return out


def write_report_summary(results: list[BuildResult], year: int, out: Path,
                         decimals: int = 1) -> Path:  # fmt: skip
    """The summary of one kind of follow-up report (all ``results`` of that kind): per
    nämnd its Driftsredovisning's Totalt (Budget, Utfall, Prognos, Avvikelse), the same
    figures as each report's Totalt row (both from ``model.report.AccountTable.total``),
    summed as the plan summary sums (an incomplete Totalt says so); then the findings.
    In a report of the whole year whose nämnder gave no forecast, the Prognos column is
    left out, as in the reports."""
    from openpyxl import Workbook

    formats = (MNKR_FORMAT, INCOMPLETE_FORMAT, ALIGNED_FORMAT)
    if not decimals:
        formats = tuple(_whole(f) for f in formats)  # type: ignore[assignment]
    built = [r.report for r in results if r.report is not None and r.output is not None]
    totals = {id(rep): rep.operating.total() for rep in built}
    whole_year = bool(built) and built[0].whole_year
    forecast = not whole_year or any(t.prognos is not None for t in totals.values())
    period = built[0].period_short if built else str(year)
    headers = report_headers_for(year, period, forecast)
    rows: list[tuple[str, list[Decimal | None]]] = []
    for r in sorted(results, key=_namnd):
        if r.report is not None and r.output is not None:
            t = totals[id(r.report)]
            values = [t.budget, t.utfall, *([t.prognos] if forecast else []), t.avvikelse]
            label = r.report.namnd
        else:
            values = [None] * (len(headers) - 1)
            label = f"{_namnd(r)} {NOT_BUILT_REPORT}"
        rows.append((label, values))
    wb = Workbook()
    ws = wb.active
    ws.title = "Driftsredovisning"
    _amount_sheet(ws, headers, rows, REPORT_WIDTHS[: len(headers)], formats)  # type: ignore[arg-type]
    _findings_sheet(wb, results, "Rapport")
    atomic_write(out, wb.save)
    return out


def _amount_sheet(ws: Any, headers: list[str], rows: list[tuple[str, list[Decimal | None]]],
                  widths: tuple[int, ...], formats: tuple[str, str, str]) -> None:  # fmt: skip
    """One row per nämnd and the Totalt row (marked incomplete, with notes, when a nämnd
    lacks a figure of a column)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils.cell import get_column_letter

    from pipeline.workbooks.template import print_layout

    mnkr_format, incomplete_format, aligned_format = formats
    ws.append(headers)
    for label, values in rows:
        ws.append([label, *(float(v) if v is not None else None for v in values)])

    # Per column: the sum of the nämnder that have the figure, and who lacks it.
    sums: list[float | None] = []
    missing: list[list[str]] = []
    for i in range(len(headers) - 1):
        present = [values[i] for _, values in rows if values[i] is not None]
        sums.append(float(sum(present, Decimal(0))) if present else None)
        missing.append([namnd for namnd, values in rows if values[i] is None])
    incomplete = any(missing)
    ws.append([INCOMPLETE_TOTAL if incomplete else TOTAL, *sums])
    total_row = ws.max_row

    for row in ws.iter_rows(min_row=2, max_row=total_row, min_col=2):
        for cell in row:
            cell.number_format = mnkr_format
    bold = Font(name=FONT, bold=True)
    rule = Border(top=Side(style="thin", color="000000"))
    for cell in ws[total_row]:
        cell.font = bold
        cell.border = rule
    shade = PatternFill("solid", start_color=INCOMPLETE_FILL, end_color=INCOMPLETE_FILL)
    for i, names in enumerate(missing):
        if not names:
            continue
        for r in range(2, total_row):
            ws.cell(r, i + 2).number_format = aligned_format
        cell = ws.cell(total_row, i + 2)
        cell.number_format = incomplete_format
        cell.font = Font(name=FONT, bold=True, italic=True)
        cell.fill = shade
        have = len(rows) - len(names)
        cell.comment = Comment(
            f"Ofullständigt: summan av {have} av {len(rows)} nämnder. {headers[i + 1]} "
            f"saknas för {', '.join(names)}.",
            "namndplan",
            width=300,
            height=100,
        )
    if incomplete:
        ws.append([])
        for namnd, values in rows:
            lacking = [headers[i + 1] for i, v in enumerate(values) if v is None]
            if namnd.endswith((NOT_BUILT, NOT_BUILT_REPORT)):
                note = f"{MISSING_NOTE}: {namnd} – alla belopp (se bladet Granskning)."
            elif lacking:
                note = f"{MISSING_NOTE}: {namnd} ({', '.join(lacking)})."
            else:
                continue
            ws.append([note])
            ws.cell(ws.max_row, 1).font = Font(name=FONT, italic=True)
    _style_header(ws, Font, PatternFill, Alignment, numbers_from=2)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    print_layout(ws, len(headers), ws.max_row)


def _findings_sheet(wb: Any, results: list[BuildResult], document: str = "Plan") -> None:
    """Granskning: every workbook's findings, or that it had none."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils.cell import get_column_letter

    from pipeline.workbooks.template import fit_row_heights, print_layout

    fs = wb.create_sheet("Granskning")
    fs.append([document if h == "Plan" else h for h in FINDINGS_HEADERS])
    for r in results:
        name = _namnd(r)
        plan_file = r.output.name if r.output else (
            "Ingen plan byggd" if r.kind is None else "Ingen rapport byggd")  # fmt: skip
        if not r.check.findings:
            fs.append([name, r.check.path.name, plan_file, "", "", "Inga fel eller varningar."])
        contract = getattr(r.check.valid, "contract", None)
        order = contract.sheet_order if contract is not None else (
            FOLLOWUP_ORDER if r.kind is not None else SHEET_ORDER)  # fmt: skip
        for f in r.check.findings.sorted(order):
            fs.append([name, r.check.path.name, plan_file, f.location,
                       "Fel" if f.is_error else "Varning", f"{f.message} {f.hint}".strip()])  # fmt: skip
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in fs.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    _style_header(fs, Font, PatternFill, Alignment)
    for i, width in enumerate(FINDINGS_WIDTHS, start=1):
        fs.column_dimensions[get_column_letter(i)].width = width
    fit_row_heights(fs, FINDINGS_WIDTHS)
    print_layout(fs, len(FINDINGS_HEADERS), fs.max_row)


def _namnd(r: BuildResult) -> str:
    if r.plan is not None:
        return r.plan.namnd
    if r.report is not None:
        return r.report.namnd
    valid = r.check.valid
    cell = valid.grunddata.get("Nämnd") if valid else None
    return str(cell.value) if cell is not None and cell.value else r.check.path.stem


def _style_header(
    ws: Any, font: type, fill: type, alignment: type, *, numbers_from: int = 0
) -> None:
    """Style row 1; headers of number columns (from ``numbers_from``) align right."""
    for cell in ws[1]:
        cell.font = font(name=FONT, bold=True, color=HEADER_TEXT)
        cell.fill = fill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        right = numbers_from and cell.column >= numbers_from
        cell.alignment = alignment(
            horizontal="right" if right else None, vertical="center", wrap_text=True
        )
    ws.row_dimensions[1].height = 32  # two lines: "Förändring" / "budget 23/24"
    ws.freeze_panes = "A2"
