"""Errors the commands report in one Swedish sentence, importable without the modules that
raise them (the command line catches them without loading LibreOffice handling)."""

from __future__ import annotations


class LayoutError(Exception):
    """LibreOffice failed; message in Swedish."""


class BatchError(Exception):
    """Workbooks that do not belong in one batch; message in Swedish."""


class AnnotateError(Exception):
    """The reviewed copy could not be written; message in Swedish, the original untouched."""


def log_internal(context: str) -> str:
    """Append the current exception's traceback to namndplan's log in the temp folder;
    return a Swedish clause saying where it is ("" when the log cannot be written)."""
    import tempfile
    import traceback
    from pathlib import Path

    log = Path(tempfile.gettempdir()) / "namndplan.log"
    try:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {context}\n{traceback.format_exc()}\n")
    except OSError:
        return ""
    return f" Detaljer finns i {log}."
