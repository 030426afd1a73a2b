"""Read and validate one workbook: everything ``namndplan validate`` needs, and nothing more.

Kept apart from build.py so that validating never imports python-docx, the document model
or multiprocessing (issue 6: validate within 1.5x the time of importing openpyxl).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pipeline.check.validate import ValidWorkbook, validate
from pipeline.common.findings import Findings
from pipeline.read.workbook import read_workbook
from pipeline.spec.config import KommunConfig


class CheckResult(NamedTuple):
    path: Path
    findings: Findings
    valid: ValidWorkbook | None = None

    @property
    def ok(self) -> bool:
        return self.valid is not None and not self.findings.has_errors


def check(path: Path, cfg: KommunConfig) -> CheckResult:
    """Read and validate one workbook; all findings at once."""
    raw, findings = read_workbook(path)
    if raw is None:
        return CheckResult(Path(path), findings)
    valid, more = validate(raw, cfg)
    findings.extend(more)
    return CheckResult(Path(path), findings, valid)
