"""Pagination by LibreOffice: the page of every heading, and PDF export.

No Python library paginates Word documents. LibreOffice (headless, from Debian's
``libreoffice-writer-nogui``) lays the drafts out once (one process for a whole batch), the
PDF's text per page (``pdftotext``) tells on which page each heading landed, and the writer
puts those numbers into the table of contents' cached field result, keeping the TOC field so
Word can refresh it.

Both programs are looked up on PATH; LibreOffice also where its installers put it on
Windows (``C:\\Program Files\\LibreOffice\\program\\soffice.exe``, and the 32-bit one under
``Program Files (x86)``) and macOS. Without LibreOffice, or without ``pdftotext`` (poppler;
rarely installed on Windows), ``available()`` is false and the plan is built without page
numbers in the table of contents, as documented.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.common.errors import LayoutError
from pipeline.compose.docmodel import Document

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_S = 600
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"UseTransitionEffects":{"type":"boolean","value":"false"}}'
)


# Where LibreOffice's installers put the program, beyond PATH.
WINDOWS_PROGRAM_DIRS = (("ProgramFiles", r"C:\Program Files"),
                        ("ProgramW6432", r"C:\Program Files"),
                        ("ProgramFiles(x86)", r"C:\Program Files (x86)"))  # fmt: skip
WINDOWS_SOFFICE = ("LibreOffice", "program", "soffice.exe")
MACOS_SOFFICE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")


def windows_candidates(environ: Mapping[str, str]) -> list[Path]:
    """soffice.exe in the program folders of ``environ`` (64-bit first), no duplicates."""
    found: list[Path] = []
    for var, fallback in WINDOWS_PROGRAM_DIRS:
        path = Path(environ.get(var) or fallback, *WINDOWS_SOFFICE)
        if path not in found:
            found.append(path)
    return found


def soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        candidates = windows_candidates(os.environ)
    elif sys.platform == "darwin":
        candidates = [MACOS_SOFFICE]
    else:
        candidates = []
    return next((str(p) for p in candidates if p.is_file()), None)


def pdftotext() -> str | None:
    return shutil.which("pdftotext")


def available() -> bool:
    return soffice() is not None and pdftotext() is not None


def to_pdf(docx_files: Sequence[Path], out_dir: Path, tagged: bool = True) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice process; return the PDF paths."""
    exe = soffice()
    if exe is None:
        raise LayoutError("LibreOffice (soffice) finns inte på datorn.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="namndplan-lo-") as profile:
        # A file URL also on Windows (file:///C:/Users/...; "file://" + a Windows path is none).
        profile_url = Path(profile).as_uri()
        cmd = [exe, f"-env:UserInstallation={profile_url}", "--headless", "--norestore",
               "--convert-to", PDF_FILTER if tagged else "pdf", "--outdir", str(out_dir),
               *map(str, docx_files)]  # fmt: skip
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                                  timeout=TIMEOUT_S)  # fmt: skip
        except subprocess.TimeoutExpired:
            raise LayoutError("LibreOffice svarade inte inom tidsgränsen.") from None
    pdfs = [out_dir / f"{Path(f).stem}.pdf" for f in docx_files]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise LayoutError(f"LibreOffice kunde inte lägga ut {', '.join(missing)} "
                          f"({proc.stderr.strip()[:200] or proc.returncode}).")  # fmt: skip
    return pdfs


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, whitespace folded."""
    exe = pdftotext()
    if exe is None:
        raise LayoutError("pdftotext (poppler) finns inte på datorn.")
    # UTF-8 as asked for: the locale's encoding (cp1252 on Windows) would garble å, ä, ö.
    out = subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         encoding="utf-8", errors="replace", check=True,
                         timeout=120).stdout  # fmt: skip
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(p.split()) for p in pages]


def heading_pages(doc: Document, pages: list[str], bookmarks: dict[int, str],
                  levels: int = 2) -> dict[str, int]:  # fmt: skip
    """Page number (1-based) of each heading listed in the TOC, keyed by its bookmark.

    Each listed heading's text occurs twice: in the TOC and in the body, which comes later.
    The body occurrence is the first page after the TOC's own occurrence, searched in
    document order so that equal texts resolve in sequence.
    """
    result: dict[str, int] = {}
    cursor = 0
    toc_seen: dict[str, int] = {}
    for index, h in enumerate(doc.headings):
        if h.level > levels:
            continue
        text = " ".join(h.full_text.split())
        probe = text[:60]
        hits = [i for i, page in enumerate(pages) if probe in page]
        if not hits:
            continue
        toc_page = toc_seen.setdefault(probe, hits[0])
        body_hits = [i for i in hits if i > toc_page and i >= cursor] or [
            i for i in hits if i >= cursor
        ]
        if not body_hits:
            continue
        cursor = body_hits[0]
        result[bookmarks[index]] = cursor + 1
    return result
