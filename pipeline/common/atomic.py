"""Writing files safely and reproducibly: temp file + rename, fixed zip entry times.

Every output of namndplan (plans, PDFs, workbooks, reviewed copies, summaries) goes through
``atomic_write``: a failed or interrupted run leaves the previous file as it was.

The move into place is ``os.replace``, atomic on POSIX and Windows alike. On Windows a file
open in Word or Excel cannot be replaced: the move then fails with a ``PermissionError``
naming the target (not the temporary file), which the command line turns into one Swedish
sentence saying to close the file.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

ZIP_DATE = (2000, 1, 1, 0, 0, 0)
# Windows: a virus scanner or the search indexer may hold a fresh file for a moment; a
# program that has the file open (Word, Excel) holds it until it is closed.
REPLACE_RETRIES_S = (0.1, 0.3) if sys.platform == "win32" else ()


def file_mode() -> int:
    """The mode a normally created file gets (mkstemp makes owner-only files)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=f"{path.suffix}.tmp",
                                    dir=path.parent)  # fmt: skip
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, file_mode())
        _replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _replace(tmp: Path, path: Path) -> None:
    for wait in (*REPLACE_RETRIES_S, None):
        try:
            os.replace(tmp, path)
            return
        except PermissionError as exc:
            if wait is None:
                # Name the file the user knows (and can close), not the temporary one.
                raise PermissionError(exc.errno, exc.strerror, str(path)) from None
            time.sleep(wait)


def normalised_zip(data: bytes, *, sort: bool) -> bytes:
    """Rewrite a zip package with fixed entry times (and, with ``sort``, a fixed order:
    ``[Content_Types].xml`` first, then by name), so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return fixed_zip(((name, src.read(name)) for name in src.namelist()), sort=sort)


def fixed_zip(entries: Iterable[tuple[str, bytes]], *, sort: bool) -> bytes:
    """A zip package of ``entries`` with fixed entry times (and, with ``sort``, a fixed
    order: ``[Content_Types].xml`` first, then by name), so equal content gives equal bytes."""
    items = list(entries)
    if sort:
        items.sort(key=lambda e: (e[0] != "[Content_Types].xml", e[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in items:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, blob)
    return out.getvalue()
