"""Orchestration: gather and check everything, then write; never a half-written plan.

``check`` reads and validates a workbook. ``build_many`` composes every workbook without
errors, optionally lets LibreOffice paginate all drafts in one process (for the table of
contents' page numbers), and then writes each plan to a temporary file in its output folder
that replaces the target in one atomic rename. A plan already in place stays as it was when
its workbook has errors or anything fails.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .config import KommunConfig
from .docmodel import Document
from .findings import Findings
from .read import read_workbook
from .validate import ValidWorkbook, validate

NO_LAYOUT_NOTE = ("LibreOffice finns inte: innehållsförteckningen listar rubrikerna men "
                  "sidnumren sätts när dokumentet uppdateras i Word (F9).")  # fmt: skip


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
    pdf: Path | None = None
    pages: int | None = None
    notes: list[str] = field(default_factory=list)


def check(path: Path, cfg: KommunConfig) -> CheckResult:
    """Read and validate one workbook; all findings at once."""
    raw, findings = read_workbook(path)
    if raw is None:
        return CheckResult(Path(path), findings)
    valid, more = validate(raw, cfg)
    findings.extend(more)
    return CheckResult(Path(path), findings, valid)


def _document_date(valid: ValidWorkbook) -> datetime:
    """The plan's document date: Beslutsdatum, else 1 January of the budget year."""
    cell = valid.grunddata.get("Beslutsdatum")
    d = cell.value if cell is not None and isinstance(cell.value, date) else None
    if d is None:
        d = date(valid.year or 2000, 1, 1)
    return datetime(d.year, d.month, d.day)


@dataclass
class _Job:
    result: BuildResult
    out: Path
    document: Document
    created: datetime
    page_numbers: dict[str, int] = field(default_factory=dict)


def _atomic_write(out: Path, write: object) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=f"{out.suffix}.tmp",
                                    dir=out.parent)  # fmt: skip
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)  # type: ignore[operator]
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()


def build_many(targets: Sequence[tuple[Path, Path]], cfg: KommunConfig, *,
               layout: bool | None = None, pdf: bool = False) -> list[BuildResult]:  # fmt: skip
    """Build each (workbook, output .docx) pair; return one result per pair, in order.

    ``layout``: None uses LibreOffice when it is installed, False skips it, True requires it.
    """
    from . import layout_pass
    from .compose import compose
    from .model import build_plan
    from .write_docx import WriteOptions, bookmark_names, write_docx

    results: list[BuildResult] = []
    jobs: list[_Job] = []
    for source, out in targets:
        result = BuildResult(check(source, cfg))
        results.append(result)
        if result.check.ok:
            valid = result.check.valid
            assert valid is not None
            jobs.append(_Job(result, Path(out), compose(build_plan(valid), cfg),
                             _document_date(valid)))  # fmt: skip

    use_layout = layout_pass.available() if layout is None else layout
    if layout and not layout_pass.available():
        raise layout_pass.LayoutError("LibreOffice (soffice) och pdftotext behövs för "
                                      "sidnumren men finns inte på datorn.")  # fmt: skip
    if jobs and use_layout:
        with tempfile.TemporaryDirectory(prefix="namndplan-utkast-") as tmp:
            drafts = []
            for n, job in enumerate(jobs):
                draft = Path(tmp) / f"{n:03d}-{job.out.stem}.docx"
                write_docx(job.document, cfg.layout_path, draft, WriteOptions(created=job.created))
                drafts.append(draft)
            pdfs = layout_pass.to_pdf(drafts, Path(tmp) / "pdf", tagged=False)
            for job, pdf_path in zip(jobs, pdfs, strict=True):
                pages = layout_pass.page_texts(pdf_path)
                job.result.pages = len(pages)
                job.page_numbers = layout_pass.heading_pages(
                    job.document, pages, bookmark_names(job.document)
                )
    elif jobs:
        for job in jobs:
            job.result.notes.append(NO_LAYOUT_NOTE)

    for job in jobs:
        opts = WriteOptions(page_numbers=job.page_numbers, created=job.created)
        _atomic_write(job.out, lambda tmp, job=job, opts=opts:
                      write_docx(job.document, cfg.layout_path, tmp, opts))  # fmt: skip
        job.result.output = job.out

    if pdf and jobs:
        with tempfile.TemporaryDirectory(prefix="namndplan-pdf-") as tmp:
            pdfs = layout_pass.to_pdf([j.out for j in jobs], Path(tmp))
            for job, made in zip(jobs, pdfs, strict=True):
                final = job.out.with_suffix(".pdf")
                _atomic_write(final, lambda t, made=made: Path(t).write_bytes(made.read_bytes()))
                job.result.pdf = final
    return results


def build(path: Path, out: Path, cfg: KommunConfig, *, layout: bool | None = False,
          pdf: bool = False) -> BuildResult:  # fmt: skip
    """Validate ``path`` and, when it has no errors, write the plan atomically to ``out``."""
    return build_many([(Path(path), Path(out))], cfg, layout=layout, pdf=pdf)[0]
