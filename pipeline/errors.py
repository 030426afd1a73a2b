"""Errors the commands report in one Swedish sentence, importable without the modules that
raise them (the command line catches them without loading LibreOffice handling)."""

from __future__ import annotations


class LayoutError(Exception):
    """LibreOffice failed; message in Swedish."""


class BatchError(Exception):
    """Workbooks that do not belong in one batch; message in Swedish."""
