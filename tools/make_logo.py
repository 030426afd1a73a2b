"""Write templates/logo.png: a neutral placeholder emblem in the kommun colour.

Pure Python (zlib) so it needs nothing beyond the standard library. Replace the file with
the kommun's real logotype; its alt text is set in templates/kommun.toml.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

COLOUR = (0x00, 0x50, 0x7A)
WIDTH, HEIGHT = 360, 120


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    # A disc with three white bands (the vision's three directions) and a bar beside it.
    cx, cy, r = 60, 60, 54
    inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    if inside:
        band = y in range(34, 44) or y in range(55, 65) or y in range(76, 86)
        return (255, 255, 255, 255) if band and x > 30 else (*COLOUR, 255)
    if 135 <= x <= 345 and (40 <= y <= 52 or 68 <= y <= 80):
        return (*COLOUR, 255) if y < 60 else (*COLOUR, 150)
    return (255, 255, 255, 0)


def png(width: int, height: int) -> bytes:
    raw = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "templates" / "logo.png"
    out.write_bytes(png(WIDTH, HEIGHT))
    print(f"skrev {out}")
