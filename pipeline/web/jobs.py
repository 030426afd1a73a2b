"""Work done for an upload, off the request threads: review, build, lay out.

Two kinds of worker, both long-lived processes, so nothing a workbook does to a worker
(an internal error, memory, a crash) reaches the server:

- **The review pool** (``workers`` processes, default min(2, cores)): for each upload,
  ``pipeline.build.build_many`` without LibreOffice (read, check, compose, write the
  .docx) and ``pipeline.workbooks.annotate`` (the reviewed copy, also of a clean workbook).
  The reader's hostile-file handling applies as in the command line: any file becomes
  Swedish findings. At most ``MAX_QUEUED`` uploads wait; beyond that the page says the
  server is busy (HTTP 503) instead of queueing without end.
- **The layout worker** (one process, so LibreOffice runs one at a time): the table of
  contents' page numbers and the PDF. A dispatcher thread takes *every* plan waiting at
  that moment and lays them out as one batch, as ``namndplan plan`` does: LibreOffice's
  start-up (about 2 s here) is paid once per batch, not per plan (one plan alone: ~4 s for
  its two LibreOffice runs; in batches ~1.2 s per plan, bench/load.py). That is what "warm" means
  here: LibreOffice is not kept resident between batches (that needs its UNO bridge, which
  Debian ships only for the system Python), and a kept LibreOffice profile was measured to
  save only ~0.2 s of a start, so the layout pass's own fresh profile is used.

A worker process that dies is replaced and its upload gets an internal-error finding.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from pipeline.common.findings import Findings
from pipeline.spec.config import KommunConfig
from pipeline.web.store import ALL, Store, Upload, same_namnd

log = logging.getLogger("namndplan.web")

MAX_QUEUED = 200
MAX_LAYOUT_BATCH = 20
INTERNAL = ("Arbetsboken kunde inte granskas: ett internt fel uppstod i servern. Ladda upp "
            "den igen; händer det igen, kontakta den som förvaltar namndplan.")  # fmt: skip
RESTARTED = "Servern startades om under granskningen. Ladda upp arbetsboken igen."

_cfg: KommunConfig | None = None


def _init_worker(cfg: KommunConfig, server_pid: int) -> None:
    """Each worker keeps the kommun config and imports the stages once, at start, and ends
    itself when the server is gone (killed without a chance to stop its workers)."""
    global _cfg
    _cfg = cfg
    if os.name == "posix":
        threading.Thread(target=_watch_server, args=(server_pid,), daemon=True).start()
    import pipeline.build  # noqa: F401
    import pipeline.workbooks.annotate  # noqa: F401


def _watch_server(pid: int) -> None:
    import time

    while True:
        time.sleep(2)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except OSError:
            pass


def _finding(level: str, sheet: str, cell: str, message: str, hint: str = "") -> dict[str, str]:
    return {"level": level, "sheet": sheet, "cell": cell, "message": message, "hint": hint}


def _renamed(findings: Findings, stored: str, shown: str) -> Findings:
    """The findings with the random stored name replaced by the name the controller knows
    (a file-level finding names the file: "budget.pdf: Filen är inte en Excel-arbetsbok")."""
    out = Findings()
    for f in findings:
        out.append(f._replace(sheet=f.sheet.replace(stored, shown),
                              message=f.message.replace(stored, shown)))  # fmt: skip
    return out


def review(source: str, plan: str, annotated_to: str, account_namnd: str | None,
           shown_name: str) -> dict[str, Any]:  # fmt: skip
    """Check and build one uploaded workbook (in a review worker). Plain data back."""
    from pipeline.build import build_many
    from pipeline.common.errors import AnnotateError
    from pipeline.spec.config import ConfigError
    from pipeline.spec.contract import SHEET_ORDER
    from pipeline.workbooks.annotate import annotate

    assert _cfg is not None
    src, out = Path(source), Path(plan)
    out.parent.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    try:
        result = build_many([(src, out)], _cfg, layout=False)[0]
    except ConfigError as exc:
        return {"findings": [_finding("fel", "Kommunens mallar", "", str(exc),
                                      "Kontakta den som förvaltar namndplan.")],
                "errors": 1, "warnings": 0, "docx": False, "annotated": False,
                "notes": notes}  # fmt: skip
    check = result.check
    findings = _renamed(check.findings, src.name, shown_name)
    valid = check.valid
    grund = valid.grunddata if valid is not None else {}

    def value(name: str) -> str | None:
        cell = grund.get(name)
        return (
            str(cell.value).strip() if cell is not None and cell.value not in (None, "") else None
        )

    workbook_namnd = value("Nämnd")
    mismatch = (account_namnd is not None and workbook_namnd is not None
                and not same_namnd(workbook_namnd, account_namnd))  # fmt: skip
    if mismatch:
        cell = grund["Nämnd"]
        findings.error(cell.sheet, cell.ref,
                       f'Arbetsboken gäller "{workbook_namnd}", men ditt konto hör till '
                       f'"{account_namnd}". Inget dokument byggdes.',
                       "Ladda upp din egen nämnds arbetsbok. Ska du lämna in för en annan "
                       "nämnd behöver du ett konto för den nämnden.")  # fmt: skip
        if result.output is not None:
            result.output.unlink(missing_ok=True)
            result.output = None
    annotated = False
    if valid is not None:  # a clean workbook's copy too: the controller gets the same download
        try:
            made = annotate(src, findings)
            os.replace(made, annotated_to)
            annotated = True
        except AnnotateError as exc:
            notes.append(f"Ingen granskad kopia kunde skrivas: {exc}")
    year = valid.year if valid is not None else None
    listed = findings.condensed(valid.contract.sheet_order if valid is not None else SHEET_ORDER)
    return {
        "findings": [
            _finding("fel" if f.is_error else "varning", f.sheet, f.cell, f.message, f.hint)
            for f in listed
        ],  # fmt: skip
        "errors": len(findings.errors),
        "warnings": len(findings.warnings),
        "workbook_namnd": workbook_namnd,
        "year": year,
        "rapport": value("Rapport"),
        "docx": result.output is not None,
        "annotated": annotated,
        "notes": notes,
    }


def lay_out(targets: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Lay out a batch of plans in one LibreOffice run (in the layout worker): the TOC's
    page numbers, then the PDF. Each .docx is replaced atomically."""
    from pipeline.build import build_many
    from pipeline.common.errors import LayoutError

    assert _cfg is not None
    try:
        results = build_many([(Path(s), Path(o)) for s, o in targets], _cfg, layout=True,
                             pdf=True)  # fmt: skip
    except LayoutError as exc:
        return [{"ok": False, "note": str(exc)} for _ in targets]
    return [{"ok": r.output is not None and r.pdf is not None, "pages": r.pages,
             "note": "" if r.output else "Planen kunde inte läggas ut."} for r in results]  # fmt: skip


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: forking the threaded server itself could copy a lock
    held by another thread; spawn on Windows."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class Jobs:
    """The review pool and the layout worker of one server."""

    def __init__(self, store: Store, cfg: KommunConfig, workers: int | None = None,
                 layout: bool | None = None):  # fmt: skip
        from pipeline.write import layout as layout_pass

        self.store = store
        self.cfg = cfg
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self.layout = layout_pass.available() if layout is None else layout
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_QUEUED)
        self._pool = self._new_pool(self.workers)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._layout_pool: ProcessPoolExecutor | None = None
        self._dispatcher: threading.Thread | None = None
        for upload_id in store.interrupted():
            store.update_upload(upload_id, state="fel", findings=[_finding("fel", "", "", RESTARTED)],
                                errors=1)  # fmt: skip
        if not self.layout:  # plans a server with LibreOffice left waiting: no PDF now
            for upload in store.pending_layout():
                store.update_upload(upload.id, layout="saknas")
        if self.layout:
            self._layout_pool = self._new_pool(1)
            self._dispatcher = threading.Thread(target=self._dispatch, name="namndplan-layout",
                                                daemon=True)  # fmt: skip
            self._dispatcher.start()
            self._wake.set()  # plans left waiting by a stopped server

    def _new_pool(self, n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=n, mp_context=_context(),
                                   initializer=_init_worker, initargs=(self.cfg, os.getpid()))  # fmt: skip

    def submit(self, upload: Upload, account_namnd: str | None) -> Future[Any] | None:
        """Queue an upload's review; None when the queue is full (the server is busy).

        The future returned is done when the review's outcome is recorded in the data
        folder (not only computed), so a page shown after it shows the outcome."""
        if not self._slots.acquire(blocking=False):
            return None
        args = (str(self.store.upload_path(upload)), str(self.store.plan_path(upload.id)),
                str(self.store.annotated_path(upload.id)), account_namnd,
                upload.filename)  # fmt: skip
        with self._lock:
            pool = self._pool
        try:
            fut = pool.submit(review, *args)
        except BrokenProcessPool:
            pool = self._renew(pool)
            fut = pool.submit(review, *args)
        recorded: Future[Any] = Future()
        fut.add_done_callback(lambda f: self._reviewed(upload.id, pool, f, recorded))
        return recorded

    def _renew(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """A new review pool in place of a broken one (once, however many jobs saw it)."""
        with self._lock:
            if self._pool is broken:
                self._pool = self._new_pool(self.workers)
                broken.shutdown(wait=False, cancel_futures=True)
            return self._pool

    def _reviewed(self, upload_id: str, pool: ProcessPoolExecutor, fut: Future[Any],
                  recorded: Future[Any]) -> None:  # fmt: skip
        try:
            self._record(upload_id, pool, fut)
        finally:
            self._slots.release()
            recorded.set_result(None)

    def _record(self, upload_id: str, pool: ProcessPoolExecutor, fut: Future[Any]) -> None:
        try:
            out = fut.result()
        except BrokenProcessPool:
            log.exception("a review worker died (upload %s)", upload_id)
            self._renew(pool)
            out = None
        except Exception:
            log.exception("review failed (upload %s)", upload_id)
            out = None
        try:
            if out is None:
                self.store.update_upload(upload_id, state="fel", errors=1,
                                         findings=[_finding("fel", "", "", INTERNAL)])  # fmt: skip
                return
            rec = self.store.upload(upload_id)
            if rec is not None and rec.namnd == ALL and out.get("workbook_namnd"):
                out["namnd"] = out["workbook_namnd"]  # a finance upload: the workbook's nämnd
            docx = out.pop("docx")
            layout = ("vantar" if self.layout else "saknas") if docx else ""
            self.store.update_upload(upload_id, state="klar", docx=int(docx), layout=layout,
                                     annotated=int(out.pop("annotated")), **out)  # fmt: skip
            if docx and self.layout:
                self._wake.set()
        except Exception:
            log.exception("could not record the review of upload %s", upload_id)

    def _dispatch(self) -> None:
        """The layout worker's feeder: one batch at a time, all that waits."""
        while not self._stop.is_set():
            self._wake.wait(timeout=5)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self._lay_out_waiting()
            except Exception:
                log.exception("layout batch failed")

    def _lay_out_waiting(self) -> None:
        waiting = self.store.pending_layout()[:MAX_LAYOUT_BATCH]
        if not waiting:
            return
        targets = [(str(self.store.upload_path(u)), str(self.store.plan_path(u.id)))
                   for u in waiting]  # fmt: skip
        assert self._layout_pool is not None
        try:
            results = self._layout_pool.submit(lay_out, targets).result()
        except BrokenProcessPool:
            log.exception("the layout worker died")
            self._layout_pool = self._new_pool(1)
            results = [{"ok": False, "note": "Utläggningen med LibreOffice avbröts."}] * len(
                targets
            )
        for upload, res in zip(waiting, results, strict=True):
            notes = list(upload.notes)
            if not res["ok"]:
                notes.append(f"Ingen PDF och inga sidnummer: {res['note']}")
            self.store.update_upload(upload.id, layout="klar" if res["ok"] else "fel",
                                     pages=res.get("pages"), notes=notes)  # fmt: skip
        self._wake.set()  # more may have come meanwhile

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._layout_pool is not None:
            self._layout_pool.shutdown(wait=True, cancel_futures=True)
