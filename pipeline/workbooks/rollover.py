"""Roll an input workbook forward to next budget year.

``rollover`` reads this year's workbook (budget year Y) and writes next year's (Y+1) as a
fresh template from ``workbook_template`` with the values copied in, so the new workbook has
the drop-downs, input messages and instructions of a new template (openpyxl drops the data
validations Excel keeps in extension lists if it loaded and re-saved the old workbook).

What moves where, by the contract's column keys:

* every text and label column is kept as it was, for editing;
* Volymer, Driftsbudget, Investeringsbudget: Budget Y becomes Budget (Y+1)-1, Plan Y+1
  becomes the starting Budget Y+1, Plan Y+2 becomes Plan (Y+1)+1; the new Bokslut, Prognos
  and last Plan columns are empty;
* Nyckeltal: Utfall Y-1 becomes the new Utfall (Y+1)-2; the new Utfall (Y+1)-1 is empty;
  a percentage stored as 0.777 with a percent format keeps its format (and meaning);
* Grunddata: Budgetår becomes Y+1, Diarienummer and Beslutsdatum are emptied, the rest kept.

Every text it carries over is recorded, as a checksum by sheet and column, on a very hidden
sheet (``contract.CARRIED_SHEET``), so that ``validate`` can warn about a text nobody has
updated for the new year ("texten är oförändrad sedan förra årets plan"). The columns it
leaves empty are warned about by the same checks (``sense.py``).

Values are copied, not formulas (a formula's last saved value counts, as when building).
Only the contract's columns are carried over. The source file is never written to.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipeline.check.validate import validate
from pipeline.common.findings import Finding, Findings
from pipeline.read.workbook import CellValue, RawWorkbook, read_workbook
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import (
    GRUNDDATA_FIELDS,
    GRUNDDATA_SHEET,
    SHEET_NAMES,
    SHEETS,
    Column,
    Kind,
    SheetSpec,
)
from pipeline.workbooks.template import Formatted, _save, build_workbook

# New column key <- this year's column key. Year columns not named here start empty.
SHIFT = {"budget_fg": "budget", "budget": "plan1", "plan1": "plan2", "utfall_2": "utfall_1"}
EMPTIED_FIELDS = ("Diarienummer", "Beslutsdatum")  # belong to this year's decision
MAX_LISTED = 10  # findings listed in a refusal


class RolloverError(Exception):
    """Rollover refused; the message (Swedish) says why. Nothing was written."""


def default_output(source: Path, year: int, to_year: int) -> Path:
    """Next year's file next to the source: the year in the name replaced, else appended.

    ``socialnamnden-2024.xlsx`` -> ``socialnamnden-2025.xlsx``; ``plan.xlsx`` ->
    ``plan-2025.xlsx``. The result is always an .xlsx file.
    """
    stem = source.stem
    matches = list(re.finditer(rf"(?<!\d){year}(?!\d)", stem))
    if matches:
        m = matches[-1]
        stem = f"{stem[: m.start()]}{to_year}{stem[m.end() :]}"
    else:
        stem = f"{stem}-{to_year}"
    return source.with_name(f"{stem}.xlsx")


def _listed(findings: list[Finding]) -> str:
    lines = [f"  {f}" for f in findings[:MAX_LISTED]]
    if len(findings) > MAX_LISTED:
        lines.append(f"  … och {len(findings) - MAX_LISTED} till.")
    return "\n".join(lines)


def _blocking(raw: RawWorkbook, findings: Findings, kommun: CellValue | None) -> list[Finding]:
    """Errors that make the workbook unreadable for a rollover: a missing sheet, a wrong
    header (columns could not be matched), a Kommun that is not the configured kommun."""
    blocking = []
    for f in findings.errors:
        if f.sheet in SHEET_NAMES and f.sheet not in raw.sheets:
            blocking.append(f)  # a missing sheet
        elif re.fullmatch(r"[A-Z]{1,3}1", f.cell):
            blocking.append(f)  # a header
        elif kommun is not None and f.sheet == GRUNDDATA_SHEET and f.cell == kommun.ref:
            blocking.append(f)
    return blocking


def _copied(cell: CellValue, col: Column, problems: Findings) -> Any:
    if cell.formula_without_value:
        problems.error(
            cell.sheet,
            cell.ref,
            "Cellen innehåller en formel vars värde aldrig har räknats ut och sparats.",
            "Öppna arbetsboken i Excel eller LibreOffice och spara den, så sparas värdet.",
        )
        return None
    value = cell.value
    if (
        col.kind is Kind.FIGURE
        and cell.is_percent_format
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        return Formatted(value, cell.number_format)
    return value


def _rows(spec: SheetSpec, raw: RawWorkbook, problems: Findings) -> list[list[Any]]:
    sheet = raw.sheets[spec.name]
    index = {c.key: i for i, c in enumerate(spec.columns)}
    rows = []
    for raw_row in sheet.rows:
        row: list[Any] = []
        for col in spec.columns:
            key = col.key if col.year_offset is None else SHIFT.get(col.key)
            i = index.get(key) if key is not None else None
            if i is None or i >= len(raw_row):
                row.append(None)
            else:
                row.append(_copied(raw_row[i], spec.columns[i], problems))
        rows.append(row)
    return rows


def _grunddata(raw: RawWorkbook) -> dict[str, Any]:
    known = {f.name.casefold(): f.name for f in GRUNDDATA_FIELDS}
    values: dict[str, Any] = {}
    for row in raw.sheets[GRUNDDATA_SHEET].rows:
        name = known.get(" ".join(str(row[0].value or "").split()).casefold())
        if name is None or name in values or name in EMPTIED_FIELDS or name == "Budgetår":
            continue
        values[name] = row[1].value if len(row) > 1 and not row[1].is_empty else None
    return values


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False


def rollover(
    source: Path | str,
    to_year: int,
    cfg: KommunConfig,
    out: Path | str | None = None,
    *,
    overwrite: bool = False,
) -> Path:
    """Write next year's workbook (budget year ``to_year``) from ``source``; return its path.

    Refuses (``RolloverError``, nothing written) when the source cannot be read, has no
    valid Budgetår, has a missing sheet or a wrong header, names another kommun, or when
    ``to_year`` is not Budgetår + 1; when the output would be the source itself; and when
    the output exists and ``overwrite`` is not set.
    """
    source = Path(source)
    raw, findings = read_workbook(source)
    if raw is None:
        raise RolloverError(f"{source.name} kan inte läsas:\n{_listed(findings.errors)}")
    if raw.contract is not None and raw.contract.is_followup:
        raise RolloverError(f"{source.name} är en arbetsbok för en uppföljning (den har fältet "
                            "Rapport på bladet Grunddata), och rollover för bara nämndplaner "
                            "vidare till nästa år.")  # fmt: skip
    valid, more = validate(raw, cfg)
    if valid.year is None:
        reasons = [f for f in more.errors if f.sheet == GRUNDDATA_SHEET]
        raise RolloverError(
            f"{source.name}: Budgetår saknas eller är inte ett årtal, så det går inte att veta "
            "vilket år arbetsboken gäller. Rätta bladet Grunddata och försök igen:\n"
            f"{_listed(reasons)}"
        )
    year = valid.year
    if to_year != year + 1:
        raise RolloverError(
            f"{source.name} gäller budgetår {year}, så nästa års arbetsbok gäller {year + 1}, "
            f"inte {to_year}. Skriv --to {year + 1}."
        )
    blocking = _blocking(raw, more, valid.grunddata.get("Kommun"))
    if blocking:
        raise RolloverError(
            f"{source.name} kan inte föras över till {to_year} förrän de här felen är "
            f"rättade:\n{_listed(blocking)}"
        )

    target = Path(out) if out is not None else default_output(source, year, to_year)
    if target.suffix.lower() != ".xlsx":
        raise RolloverError(f"Utfilen {target} ska vara en Excel-arbetsbok (.xlsx).")
    if _same_file(target, source):
        raise RolloverError(
            f"Utfilen {target} är samma fil som originalet; originalet skrivs aldrig över. "
            "Välj ett annat namn med -o."
        )
    if _exists(target) and not overwrite:
        raise RolloverError(
            f"{target} finns redan och lämnas orörd. Välj ett annat namn med -o, eller "
            "ersätt filen med --skriv-over."
        )

    problems = Findings()
    rows = {spec.name: _rows(spec, raw, problems) for spec in SHEETS}
    if problems:
        raise RolloverError(
            f"{source.name} kan inte föras över till {to_year} förrän de här cellerna är "
            f"rättade:\n{_listed(problems)}"
        )
    wb = build_workbook(to_year, cfg, grunddata=_grunddata(raw), rows=rows)
    _record_carried(wb, rows, year)
    try:
        _save(wb, target)
    except OSError as exc:  # a name the file system refuses, a folder that is not there
        raise RolloverError(_unwritable(target, exc)) from None
    return target


def _exists(target: Path) -> bool:
    try:
        return target.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise RolloverError(_unwritable(target, exc)) from None


def _unwritable(target: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return (f"Utfilen {target.name} kan inte skrivas: den är öppen i Excel eller "
                "skrivskyddad. Stäng den, eller välj ett annat namn med -o.")  # fmt: skip
    return (f"Utfilen {target.name} kan inte skrivas ({exc.strerror or type(exc).__name__}). "
            "Välj ett annat namn eller en annan mapp med -o.")  # fmt: skip


def _record_carried(wb: Any, rows: dict[str, list[list[Any]]], year: int) -> None:
    """The very hidden sheet of carried texts: sheet, column key, checksum, source year."""
    from pipeline.check.sense import carried_record
    from pipeline.spec.contract import CARRIED_HEADERS, CARRIED_SHEET

    ws = wb.create_sheet(CARRIED_SHEET)
    ws.append(list(CARRIED_HEADERS))
    seen: set[tuple[str, str, str]] = set()
    for spec in SHEETS:
        text_columns = [(i, c) for i, c in enumerate(spec.columns) if c.kind is Kind.TEXT]
        for row in rows.get(spec.name, []):
            for i, col in text_columns:
                value = row[i] if i < len(row) else None
                if isinstance(value, str) and value.strip():
                    record = carried_record(spec.name, col, value)
                    if record not in seen:
                        seen.add(record)
                        ws.append([*record, year])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
