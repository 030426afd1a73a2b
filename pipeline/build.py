"""Orchestration: gather and check everything, then write; never a half-written plan.

``check`` reads and validates a workbook. ``build_many`` composes every workbook without
errors, optionally lets LibreOffice paginate all drafts in one process (for the table of
contents' page numbers), and then writes each plan to a temporary file in its output folder
that replaces the target in one atomic rename. A plan already in place stays as it was when
its workbook has errors or anything fails.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.check.validate import ValidWorkbook
from pipeline.check.workbook import CheckResult, check
from pipeline.common.atomic import atomic_write
from pipeline.common.errors import BatchError, LayoutError
from pipeline.compose.docmodel import Document
from pipeline.spec.config import ConfigError, KommunConfig
from pipeline.spec.contract import MANADER

if TYPE_CHECKING:
    from pipeline.model.plan import Plan
    from pipeline.model.report import Report

SKIPPED_LAYOUT_NOTE = ("Utläggningen med LibreOffice hoppades över (--no-layout): "
                       "innehållsförteckningen listar rubrikerna men sidnumren sätts när "
                       "dokumentet uppdateras i Word (F9).")  # fmt: skip
NO_LAYOUT_NOTE = ("LibreOffice eller pdftotext finns inte: innehållsförteckningen listar rubrikerna men "
                  "sidnumren sätts när dokumentet uppdateras i Word (F9).")  # fmt: skip


@dataclass
class BuildResult:
    check: CheckResult
    output: Path | None = None
    pdf: Path | None = None
    pages: int | None = None
    notes: list[str] = field(default_factory=list)
    plan: Plan | None = None
    report: Report | None = None  # a follow-up workbook's report (then ``plan`` is None)

    @property
    def kind(self) -> str | None:
        """The follow-up report's kind (Delårsrapport …), None for a plan or an unread book."""
        valid = self.check.valid
        cell = valid.grunddata.get("Rapport") if valid is not None else None
        return str(cell.value) if cell is not None and cell.value else None


def _document_date(valid: ValidWorkbook) -> datetime:
    """The document date: Beslutsdatum, else 1 January of the budget year for a plan and
    the last day of the period for a follow-up report (31 August for a Delårsrapport)."""
    cell = valid.grunddata.get("Beslutsdatum")
    d = cell.value if cell is not None and isinstance(cell.value, date) else None
    if d is None:
        year = valid.year or 2000
        period = valid.grunddata.get("Period till och med")
        month = period.value if period is not None else None
        if isinstance(month, str) and month in MANADER:
            import calendar

            last = MANADER.index(month) + 1
            d = date(year, last, calendar.monthrange(year, last)[1])
        else:
            d = date(year, 1, 1)
    return datetime(d.year, d.month, d.day)


@dataclass
class _Job:
    index: int
    result: BuildResult
    out: Path
    document: Document | None = None
    created: datetime | None = None
    draft: Path | None = None
    page_numbers: dict[str, int] = field(default_factory=dict)


def _prepare(job: _Job, cfg: KommunConfig, draft_dir: Path | None) -> _Job:
    """Check, model and compose one workbook; write a layout draft when asked."""
    from pipeline.write.word import WriteOptions, write_docx

    valid = job.result.check.valid
    if job.result.check.ok and valid is not None:
        if job.result.kind is not None:  # a follow-up workbook: its report
            from pipeline.compose.report_blocks import compose_report
            from pipeline.model.report import build_report

            if cfg.profile is None or cfg.profile.followup is None:
                # This workbook's finding, not the batch's end: the plans beside it build.
                where = cfg.profile.path if cfg.profile is not None else cfg.templates_dir
                job.result.check.findings.error(
                    "Grunddata", "", f"Kommunens profil ({where}) beskriver ingen uppföljning: "
                    "avsnittet [uppfoljning] saknas, så ingen "
                    f"{job.result.kind.lower()} kan byggas.",
                    "Be den som förvaltar kommunens mallar lägga till [uppfoljning] i "
                    "profil.toml (se de inbyggda standardmallarna).")  # fmt: skip
                return job
            _check_texts_once(cfg, report=True)
            job.result.report = build_report(valid)
            job.document = compose_report(job.result.report, cfg)
        else:
            from pipeline.compose.blocks import compose
            from pipeline.model.plan import build_plan

            if cfg.profile is not None:
                _check_texts_once(cfg, report=False)
            job.result.plan = build_plan(valid)
            job.document = compose(job.result.plan, cfg)
        job.created = _document_date(valid)
        if draft_dir is not None:
            job.draft = draft_dir / f"{job.index:03d}-{job.out.stem}.docx"
            write_docx(job.document, cfg.layout_path, job.draft, WriteOptions(created=job.created))
    return job


# The profile texts this process has tried, by their content (``_check_texts_once``).
_TEXTS_CHECKED: set[tuple[object, ...]] = set()


def _check_texts_once(cfg: KommunConfig, *, report: bool) -> None:
    """Try every text of the profile's plan (or report) kind with sample values, once per
    process, before the first document of that kind is composed: a misspelt variable is
    one message naming the file and the line (ProfileError, a ConfigError that stops the
    batch before anything is written). Only the kind being built is tried: compiling the
    other kind's texts cost a plan build about 30 ms, and a report build as much."""
    from pipeline.spec.profile import (
        check_texts,
        sample_context,
        sample_report_context,
        texts_of,
    )

    profile = cfg.profile.followup if report else cfg.profile
    key = (report, str(profile.path), str(cfg.templates_dir), *texts_of(profile))
    if key in _TEXTS_CHECKED:
        return
    sample = sample_report_context() if report else sample_context()
    check_texts(profile, {**cfg.data, **sample}, cfg.templates_dir)
    _TEXTS_CHECKED.add(key)


def _check_and_prepare(args: tuple[int, Path, Path, KommunConfig, Path | None]) -> _Job:
    """Check and compose one workbook. A failure of this workbook alone (an internal error
    on input nobody foresaw) becomes a finding on it, so the rest of a batch is built; a
    problem with the kommun's templates (ConfigError) stops the whole batch."""
    index, source, out, cfg, draft_dir = args
    try:
        return _prepare(_Job(index, BuildResult(check(source, cfg)), Path(out)), cfg, draft_dir)
    except ConfigError:
        raise
    except Exception as exc:
        from pipeline.common.errors import log_internal
        from pipeline.common.findings import Findings

        findings = Findings()
        findings.error(Path(source).name, "", "Arbetsboken kunde inte byggas: ett internt fel "
                       f"uppstod ({type(exc).__name__}).{log_internal(str(source))}",
                       "Kontakta den som förvaltar namndplan och skicka med arbetsboken.")  # fmt: skip
        return _Job(index, BuildResult(CheckResult(Path(source), findings)), Path(out))


def _finish(args: tuple[_Job, KommunConfig]) -> _Job:
    """Write one final plan atomically, with the TOC's page numbers when known."""
    from pipeline.write.word import WriteOptions, write_docx

    job, cfg = args
    assert job.document is not None
    document = job.document
    opts = WriteOptions(page_numbers=job.page_numbers, created=job.created)
    try:
        atomic_write(job.out, lambda tmp: write_docx(document, cfg.layout_path, tmp, opts))
    except ConfigError:
        raise
    except PermissionError:
        noun = "planen" if job.result.kind is None else "rapporten"
        job.result.check.findings.error(job.result.check.path.name, "",
                                        f"{noun.capitalize()} kunde inte skrivas till {job.out}: "
                                        "filen är öppen i ett annat program eller skrivskyddad.",
                                        f"Stäng {noun} i Word och bygg igen.")  # fmt: skip
    except OSError as exc:
        noun = "Planen" if job.result.kind is None else "Rapporten"
        job.result.check.findings.error(job.result.check.path.name, "",
                                        f"{noun} kunde inte skrivas till {job.out} "
                                        f"({exc.strerror or type(exc).__name__}).",
                                        "Kontrollera mappen och att det finns plats.")  # fmt: skip
    else:
        job.result.output = job.out
    job.draft = None
    return job


# Start method of the worker processes: "fork" where the platform has it (Linux, macOS),
# "spawn" otherwise (Windows). The variable chooses one, e.g. spawn to test Windows' way.
START_METHOD_ENV = "NAMNDPLAN_STARTMETOD"


def _start_method() -> str:
    import multiprocessing
    import os

    methods = multiprocessing.get_all_start_methods()
    chosen = os.environ.get(START_METHOD_ENV, "").strip()
    if chosen and chosen not in methods:
        raise BatchError(f"{START_METHOD_ENV}={chosen} går inte på den här datorn; välj "
                         f"{', '.join(methods)}.")  # fmt: skip
    return chosen or ("fork" if "fork" in methods else "spawn")


def _map(func: Callable[[Any], _Job], items: list[Any], workers: int,
         progress: Callable[[int], None] | None) -> list[_Job]:  # fmt: skip
    """Run ``func`` over ``items`` in worker processes when it pays, in order.

    ``func`` is a module-level function and ``items`` plain data (paths, the kommun config,
    jobs of named tuples and dataclasses), so that a worker started with "spawn" imports
    and unpickles them as a forked one inherits them.
    """
    if workers <= 1 or len(items) < 3:
        out = []
        for item in items:
            out.append(func(item))
            if progress:
                progress(1)
        return out

    # Imported here: a single build never pays for multiprocessing.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(max_workers=min(workers, len(items)), mp_context=context) as pool:
        futures = [pool.submit(func, item) for item in items]
        for fut in as_completed(futures):
            fut.result()
            if progress:
                progress(1)
        return [f.result() for f in futures]


def check_batch(results: Sequence[BuildResult]) -> None:
    """Refuse a batch that mixes what does not belong together, before anything is written.

    One kommun per batch. The plans are of one budget year; the follow-up reports of each
    kind (Delårsrapport …) are of one year too, the same as the plans' or the year before:
    a kommun's autumn folder holds this year's Delårsrapport beside next year's plans.
    """
    years: dict[int, list[str]] = {}  # the plans'
    report_years: dict[str, dict[int, list[str]]] = {}  # kind -> year -> workbooks
    periods: dict[str, dict[str, list[str]]] = {}  # kind -> last month -> workbooks
    kommuner: dict[str, list[str]] = {}
    for r in results:
        valid = r.check.valid
        if valid is None or valid.year is None:
            continue
        name = r.check.path.name
        if r.kind is None:
            years.setdefault(valid.year, []).append(name)
        else:
            report_years.setdefault(r.kind, {}).setdefault(valid.year, []).append(name)
            period = valid.grunddata.get("Period till och med")
            if period is not None and period.value:
                periods.setdefault(r.kind, {}).setdefault(str(period.value), []).append(name)
        kommun = valid.grunddata.get("Kommun")
        if kommun is not None and kommun.value:
            kommuner.setdefault(str(kommun.value), []).append(name)
    if len(years) > 1:
        listing = "; ".join(f"{y}: {', '.join(names)}" for y, names in sorted(years.items()))
        raise BatchError(f"Arbetsböckerna gäller olika budgetår ({listing}). Lägg varje års "
                         "arbetsböcker i en egen mapp.")  # fmt: skip
    for kind, by_year in sorted(report_years.items()):
        listing = "; ".join(f"{y}: {', '.join(names)}" for y, names in sorted(by_year.items()))
        if len(by_year) > 1:
            raise BatchError(f"Uppföljningarna ({kind}) gäller olika budgetår ({listing}). "
                             "Lägg varje års arbetsböcker i en egen mapp.")  # fmt: skip
        report_year = next(iter(by_year))
        if years and report_year not in (plan_year := next(iter(years)), plan_year - 1):
            raise BatchError(f"Uppföljningarna ({kind}) gäller {listing} men planerna "
                             f"{plan_year}. En mapp kan ha planerna för ett år och "
                             "uppföljningarna av samma år eller året före; lägg de andra i "
                             "en egen mapp.")  # fmt: skip
    for kind, by_month in sorted(periods.items()):
        if len(by_month) > 1:  # their outcomes are of different periods: no common summary
            listing = "; ".join(f"till och med {m.lower()}: {', '.join(names)}"
                                for m, names in sorted(by_month.items(), key=_month_order))  # fmt: skip
            raise BatchError(f"Uppföljningarna ({kind}) gäller olika perioder ({listing}). "
                             "Bygg en period i taget.")  # fmt: skip
    if len(kommuner) > 1:
        listing = "; ".join(f"{k}: {', '.join(names)}" for k, names in sorted(kommuner.items()))
        raise BatchError(f"Arbetsböckerna gäller olika kommuner ({listing}). Bygg en kommun "
                         "i taget.")  # fmt: skip


def _month_order(item: tuple[str, list[str]]) -> int:
    return MANADER.index(item[0]) if item[0] in MANADER else len(MANADER)


def build_many(targets: Sequence[tuple[Path, Path]], cfg: KommunConfig, *,
               layout: bool | None = None, pdf: bool = False, workers: int = 1,
               same_batch: bool = False,
               progress: Callable[[int], None] | None = None) -> list[BuildResult]:  # fmt: skip
    """Build each (workbook, output .docx) pair; return one result per pair, in order.

    ``layout``: None uses LibreOffice when it is installed, False skips it, True requires it.
    ``workers``: processes for checking, composing and writing (LibreOffice runs once).
    ``same_batch``: refuse workbooks of different budget years or kommuner (BatchError),
    before anything is written. ``progress`` is called with 1 for each step done
    (two per workbook).
    """
    from pipeline.write.word import bookmark_names

    # The profile's texts are tried before the first document of each kind is composed
    # (``_check_texts_once``, in ``_prepare``), and nothing is written when one fails.

    if layout is False and not pdf:
        use_layout = False  # LibreOffice handling is not even imported
    else:
        from pipeline.write import layout as layout_pass

        use_layout = layout_pass.available() if layout is None else layout
        if layout and not layout_pass.available():
            raise LayoutError("LibreOffice (soffice) och pdftotext behövs för "
                              "sidnumren men finns inte på datorn.")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="namndplan-utkast-") as tmp:
        draft_dir = Path(tmp) if use_layout else None
        items = [(i, Path(src), Path(out), cfg, draft_dir) for i, (src, out) in enumerate(targets)]
        jobs = _map(_check_and_prepare, items, workers, progress)
        results = [j.result for j in jobs]
        if same_batch:
            check_batch(results)
        ready = [j for j in jobs if j.document is not None]
        if ready and use_layout:
            pdfs = layout_pass.to_pdf([j.draft for j in ready if j.draft], Path(tmp) / "pdf",
                                      tagged=False)  # fmt: skip
            for job, pdf_path in zip(ready, pdfs, strict=True):
                pages = layout_pass.page_texts(pdf_path)
                job.result.pages = len(pages)
                assert job.document is not None
                job.page_numbers = layout_pass.heading_pages(
                    job.document, pages, bookmark_names(job.document))  # fmt: skip
        elif ready:
            note = SKIPPED_LAYOUT_NOTE if layout is False else NO_LAYOUT_NOTE
            for job in ready:
                job.result.notes.append(note)
        finished = _map(_finish, [(j, cfg) for j in ready], workers, progress)
        for job in finished:
            results[job.index] = job.result
        if progress:
            progress(len(jobs) - len(ready))

    if pdf and finished:
        with tempfile.TemporaryDirectory(prefix="namndplan-pdf-") as tmp:
            pdfs = layout_pass.to_pdf([j.out for j in finished], Path(tmp))
            for job, made in zip(finished, pdfs, strict=True):
                final = job.out.with_suffix(".pdf")
                atomic_write(final, lambda t, made=made: Path(t).write_bytes(made.read_bytes()))
                job.result.pdf = final
    return results


def build(path: Path, out: Path, cfg: KommunConfig, *, layout: bool | None = False,
          pdf: bool = False) -> BuildResult:  # fmt: skip
    """Validate ``path`` and, when it has no errors, write its document (the plan, or a
    follow-up workbook's report) atomically to ``out``."""
    return build_many([(Path(path), Path(out))], cfg, layout=layout, pdf=pdf)[0]
