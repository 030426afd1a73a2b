"""Generated worst-case workbooks for the benchmark (issue 11), all from the example.

Each is what a hostile or careless file looks like, made small to store and big to read:

* ``rows-100k`` / ``rows-600k``: 100 000 / 600 000 formatted empty rows on Driftsbudget (the
  600 000 one is about 10 MB, under the 20 MB file limit);
* ``row-elements-30m``: 30 million ``<row/>`` in one sheet (a file of a few hundred kB);
* ``xfd-400``: 400 rows with one cell in column XFD;
* ``bomb-lying``: a sheet whose zip headers claim 5 kB and that inflates to about 1,2 GB;
* ``cell-50mb``: one text cell of 50 MB (compressed to almost nothing).

Parts are streamed into the zip (``ZipFile.open(..., "w")``), so making them needs little
memory either.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path


def _parts(example: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(example) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _sheet(example: Path, name: str) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from pipeline.read.xlsx import XlsxBook

    with zipfile.ZipFile(example) as zf:
        return XlsxBook(zf).sheets[name]


def _write(dest: Path, parts: dict[str, bytes], part: str,
           chunks: Callable[[bytes], Iterator[bytes]]) -> Path:  # fmt: skip
    """Write the workbook with ``part`` replaced by the streamed ``chunks(original)``."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            if name != part:
                zf.writestr(name, data)
                continue
            with zf.open(name, "w", force_zip64=True) as fh:
                for chunk in chunks(data):
                    fh.write(chunk)
    return dest


def _before_end(xml: bytes, rows: Iterator[bytes]) -> Iterator[bytes]:
    head, tail = xml.split(b"</sheetData>", 1)
    yield head
    yield from rows
    yield b"</sheetData>" + tail


def _batched(items: Iterator[bytes], n: int = 10_000) -> Iterator[bytes]:
    batch: list[bytes] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield b"".join(batch)
            batch.clear()
    if batch:
        yield b"".join(batch)


def formatted_rows(example: Path, dest: Path, count: int) -> Path:
    part = _sheet(example, "Driftsbudget")

    def rows() -> Iterator[bytes]:
        for r in range(40, 40 + count):
            cells = b"".join(b'<c r="%s%d" s="1"/>' % (col, r) for col in (b"A", b"B", b"E"))
            yield b'<row r="%d" spans="1:7" s="1" customFormat="1">%s</row>' % (r, cells)

    return _write(dest, _parts(example), part, lambda xml: _before_end(xml, _batched(rows())))


def row_elements(example: Path, dest: Path, count: int = 30_000_000) -> Path:
    part = _sheet(example, "Kommentarer")
    block = b"<row/>" * 100_000

    def rows() -> Iterator[bytes]:
        for _ in range(count // 100_000):
            yield block

    return _write(dest, _parts(example), part, lambda xml: _before_end(xml, rows()))


def xfd_cells(example: Path, dest: Path, rows: int = 400) -> Path:
    part = _sheet(example, "Volymer")

    def extra() -> Iterator[bytes]:
        for r in range(40, 40 + rows):
            yield b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r)

    return _write(dest, _parts(example), part, lambda xml: _before_end(xml, extra()))


def big_cell(example: Path, dest: Path, megabytes: int = 50) -> Path:
    part = _sheet(example, "Hållbarhet")

    def chunks(xml: bytes) -> Iterator[bytes]:
        m = re.search(rb'<c r="B2"[^>]*>.*?</c>', xml)
        assert m, "Hållbarhet!B2"
        yield xml[: m.start()] + b'<c r="B2" t="inlineStr"><is><t>'
        for _ in range(megabytes):
            yield b"a" * (1 << 20)
        yield b"</t></is></c>" + xml[m.end() :]

    return _write(dest, _parts(example), part, chunks)


def lying_bomb(example: Path, dest: Path, megabytes: int = 1200) -> Path:
    """A sheet that inflates to ``megabytes`` while its headers claim 5 kB."""
    part = _sheet(example, "Kommentarer")
    block = b"<row/>" * 174_763  # about 1 MB

    def rows() -> Iterator[bytes]:
        for _ in range(megabytes):
            yield block

    _write(dest, _parts(example), part, lambda xml: _before_end(xml, rows()))
    data = bytearray(dest.read_bytes())
    name = part.encode()
    # Local header: uncompressed size at +22 (or in the zip64 extra field); central
    # directory: at +24. Set both to 5 000 and drop the zip64 sizes.
    for m in re.finditer(rb"PK\x03\x04", data):
        n, e = struct.unpack_from("<HH", data, m.start() + 26)
        if data[m.start() + 30 : m.start() + 30 + n] == name:
            struct.pack_into("<I", data, m.start() + 22, 5000)
            if e >= 20:
                struct.pack_into("<Q", data, m.start() + 30 + n + 4, 5000)
    for m in re.finditer(rb"PK\x01\x02", data):
        n, e = struct.unpack_from("<HH", data, m.start() + 28)
        if data[m.start() + 46 : m.start() + 46 + n] == name:
            struct.pack_into("<I", data, m.start() + 24, 5000)
            extra = m.start() + 46 + n
            if e >= 12 and struct.unpack_from("<H", data, extra)[0] == 1:
                struct.pack_into("<Q", data, extra + 4, 5000)
    dest.write_bytes(bytes(data))
    return dest


# What the output of validate and build must say for each (a finding, or a clean run).
EXPECTED = {
    "rows-100k": "0 fel",
    "rows-600k": "0 fel",
    "row-elements-30m": "fler rader än Excel tillåter",
    "xfd-400": "långt utanför",
    "bomb-lying": "skadad",
    "cell-50mb": "rymmer högst",
}

WORST: dict[str, Callable[[Path, Path], Path]] = {
    "rows-100k": lambda ex, d: formatted_rows(ex, d, 100_000),
    "rows-600k": lambda ex, d: formatted_rows(ex, d, 600_000),
    "row-elements-30m": row_elements,
    "xfd-400": xfd_cells,
    "bomb-lying": lying_bomb,
    "cell-50mb": big_cell,
}


def make_worst(example: Path, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {name: make(example, folder / f"{name}.xlsx") for name, make in WORST.items()}
