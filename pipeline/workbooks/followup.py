"""Make a follow-up workbook (Tertialrapport, Delårsrapport, Verksamhetsberättelse) from the
nämnd's plan workbook of the same year (``namndplan followup``).

The plan is read and validated first; a plan with errors is refused with its errors listed,
and so is a workbook that is already a follow-up. What the report reuses is carried over by
``followup.CARRIED_FROM_PLAN``, by the contracts' column keys: the verksamheter with their
Budget Y, the investments and volumes with theirs, the goals the plan had texts for (one
Måluppföljning row each), the development goals, the commissions, and the key figures with
the plan's Utfall Y-1. Outcome, forecast, assessments, statuses and texts start empty.

The workbook is written by the template writer (``template.build_workbook`` over the
follow-up's contract), so it has the same instructions, drop-downs, input messages, marking
of required columns, print layout and protection as a blank template. A percentage the plan
holds as 0.777 with a percent format keeps its format (and meaning). The plan is never
written to; an existing output is left alone unless ``overwrite`` is set.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.check.validate import Row, ValidWorkbook, validate
from pipeline.common.findings import Finding
from pipeline.read.workbook import CellValue, read_workbook
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import MANADER, Kind
from pipeline.spec.followup import (
    CARRIED_FROM_PLAN,
    FOLLOWUP,
    PERIOD_FIELD,
    RAPPORT_FIELD,
    REPORT_NAMES,
    REPORTS_BY_NAME,
    report_slug,
)
from pipeline.workbooks.template import Formatted, _save, build_workbook

MAX_LISTED = 10  # findings listed in a refusal
CARRIED_FIELDS = ("Kommun", "Nämnd", "Kontaktperson")  # Grunddata fields kept from the plan


class FollowupError(Exception):
    """``followup`` refused; the message (Swedish) says why. Nothing was written."""


def report_name(text: str) -> str:
    """The report's name as the contract spells it, from any case; FollowupError if none."""
    wanted = " ".join(text.split()).casefold()
    for name in REPORT_NAMES:
        if name.casefold() == wanted or report_slug(name) == wanted:
            return name
    raise FollowupError(f'"{text}" är ingen rapport; välj {_or(REPORT_NAMES)}.')


def period_month(report: str, text: str | None) -> str:
    """The last month of the period: ``text`` (any case) if the report covers it, else the
    report's default; FollowupError for a month the report does not end in."""
    periods = REPORTS_BY_NAME[report].periods
    if text is None:
        return periods[0]
    month = next((m for m in MANADER if m.casefold() == text.strip().casefold()), None)
    if month is None:
        raise FollowupError(f'"{text}" är ingen månad; skriv t.ex. {periods[0]}.')
    if month not in periods:
        raise FollowupError(f"En {report.lower()} gäller perioden till och med "
                            f"{_or(periods).lower()}, inte {month.lower()}: skriv --period "
                            f"{periods[0]}.")  # fmt: skip
    return month


def _or(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} eller {items[-1]}"


def default_output(source: Path, report: str, folder: Path | None = None) -> Path:
    """``socialnamnden-2024.xlsx`` -> ``socialnamnden-2024-delarsrapport.xlsx``, beside the
    plan or in ``folder``."""
    name = f"{source.stem}-{report_slug(report)}.xlsx"
    return (folder / name) if folder is not None else source.with_name(name)


def _listed(findings: list[Finding]) -> str:
    lines = [f"  {f}" for f in findings[:MAX_LISTED]]
    if len(findings) > MAX_LISTED:
        lines.append(f"  … och {len(findings) - MAX_LISTED} till.")
    return "\n".join(lines)


def _value(cell: CellValue, kind: Kind) -> Any:
    """A typed plan value as the follow-up workbook holds it: amounts as numbers, a
    percentage typed with a percent format written back with that format."""
    v = cell.value
    if isinstance(v, Decimal):
        if kind is Kind.FIGURE and cell.is_percent_format:
            return Formatted(float(v / 100), cell.number_format)
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def carried_rows(valid: ValidWorkbook) -> dict[str, list[list[Any]]]:
    """The follow-up's rows carried from a validated plan, by sheet, in its columns' order."""
    rows: dict[str, list[list[Any]]] = {}
    for sheet, (plan_sheet, keys) in CARRIED_FROM_PLAN.items():
        spec = FOLLOWUP.sheets_by_name[sheet]
        out = []
        for plan_row in valid.rows.get(plan_sheet, []):
            out.append([_carried(plan_row, keys.get(col.key), col.kind) for col in spec.columns])
        rows[sheet] = out
    return rows


def _carried(row: Row, key: str | None, kind: Kind) -> Any:
    return _value(row[key], kind) if key is not None and key in row else None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False


def _unwritable(target: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return (f"Utfilen {target.name} kan inte skrivas: den är öppen i Excel eller "
                "skrivskyddad. Stäng den, eller välj ett annat namn med -o.")  # fmt: skip
    return (f"Utfilen {target.name} kan inte skrivas ({exc.strerror or type(exc).__name__}). "
            "Välj ett annat namn eller en annan mapp med -o.")  # fmt: skip


def make_followup(
    source: Path | str,
    report: str,
    cfg: KommunConfig,
    out: Path | str | None = None,
    *,
    period: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the follow-up workbook of ``report`` from the plan ``source``; return its path.

    ``out`` is a file, a folder (the default name in it), or None (the default name beside
    the plan). Refuses (``FollowupError``, nothing written) a report or period that is not
    the contract's, a workbook that cannot be read, is already a follow-up or has errors,
    an output that is the plan itself or exists without ``overwrite``.
    """
    source = Path(source)
    report = report_name(report)
    month = period_month(report, period)
    raw, findings = read_workbook(source)
    if raw is None:
        raise FollowupError(f"{source.name} kan inte läsas:\n{_listed(findings.errors)}")
    if raw.contract is not None and raw.contract.is_followup:
        raise FollowupError(f"{source.name} är redan en arbetsbok för en uppföljning (den har "
                            "fältet Rapport på bladet Grunddata); namndplan followup utgår "
                            "från nämndens plan.")  # fmt: skip
    valid, more = validate(raw, cfg)
    errors = findings.errors + more.errors
    if errors or valid.year is None:
        raise FollowupError(f"{source.name} har fel som måste rättas innan en {report.lower()} "
                            f"kan göras från planen:\n{_listed(errors)}")  # fmt: skip

    folder = Path(out) if out is not None and Path(out).is_dir() else None
    target = Path(out) if out is not None and folder is None else (
        default_output(source, report, folder))  # fmt: skip
    if target.suffix.lower() != ".xlsx":
        raise FollowupError(f"Utfilen {target} ska vara en Excel-arbetsbok (.xlsx).")
    if _same_file(target, source):
        raise FollowupError(f"Utfilen {target} är samma fil som planen; planen skrivs aldrig "
                            "över. Välj ett annat namn med -o.")  # fmt: skip
    try:
        exists = target.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise FollowupError(_unwritable(target, exc)) from None
    if exists and not overwrite:
        raise FollowupError(
            f"{target} finns redan och lämnas orörd. Välj ett annat namn med -o, eller "
            "ersätt filen med --skriv-over."
        )

    grunddata: dict[str, Any] = {
        name: valid.grunddata[name].value
        for name in CARRIED_FIELDS
        if name in valid.grunddata and valid.grunddata[name].value is not None
    }
    grunddata[RAPPORT_FIELD] = report
    grunddata[PERIOD_FIELD] = month
    wb = build_workbook(valid.year, cfg, grunddata, carried_rows(valid), FOLLOWUP)
    try:
        _save(wb, target)
    except OSError as exc:  # a folder that is not there, a locked file
        raise FollowupError(_unwritable(target, exc)) from None
    return target
