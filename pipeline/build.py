"""Orchestration: gather and check everything, then write; never a half-written plan.

``check`` reads and validates a workbook; ``build`` goes on, only when there are no errors,
to compose and write the plan to a temporary file in the output folder, which then replaces
the target in one atomic rename. A plan already in place stays as it was on any failure.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .config import KommunConfig
from .findings import Findings
from .read import read_workbook
from .validate import ValidWorkbook, validate


@dataclass
class CheckResult:
    path: Path
    findings: Findings
    valid: ValidWorkbook | None = None

    @property
    def ok(self) -> bool:
        return self.valid is not None and not self.findings.has_errors


@dataclass
class BuildResult:
    check: CheckResult
    output: Path | None = None
    notes: list[str] = field(default_factory=list)


def check(path: Path, cfg: KommunConfig) -> CheckResult:
    """Read and validate one workbook; all findings at once."""
    raw, findings = read_workbook(path)
    if raw is None:
        return CheckResult(Path(path), findings)
    valid, more = validate(raw, cfg)
    findings.extend(more)
    return CheckResult(Path(path), findings, valid)


def default_output_name(valid: ValidWorkbook, source: Path) -> str:
    """``output/<workbook name>.docx``: one plan per workbook, named after it."""
    return f"{source.stem}.docx"


def _document_date(valid: ValidWorkbook) -> datetime:
    """The plan's document date: Beslutsdatum, else 1 January of the budget year."""
    cell = valid.grunddata.get("Beslutsdatum")
    d = cell.value if cell is not None and isinstance(cell.value, date) else None
    if d is None:
        d = date(valid.year or 2000, 1, 1)
    return datetime(d.year, d.month, d.day)


def build(path: Path, out: Path, cfg: KommunConfig) -> BuildResult:
    """Validate ``path`` and, when it has no errors, write the plan atomically to ``out``."""
    result = BuildResult(check(path, cfg))
    if not result.check.ok:
        return result
    from .compose import compose
    from .model import build_plan
    from .write_docx import WriteOptions, write_docx

    valid = result.check.valid
    assert valid is not None
    document = compose(build_plan(valid), cfg)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".docx.tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write_docx(document, cfg.layout_path, tmp, WriteOptions(created=_document_date(valid)))
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    result.output = out
    return result
