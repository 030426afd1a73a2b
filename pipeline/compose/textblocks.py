"""Turn text into document blocks.

Two small grammars:

* cell text (controllers): each line is a paragraph; a line starting with ``- `` or ``• ``
  is a bullet item, consecutive items form one list; blank lines are dropped.
* kommun-wide markup (rendered jinja2 under templates/texter): ``#``..``####`` headings,
  blank-line separated paragraphs whose lines are joined with a space, ``- `` bullets.
"""

from __future__ import annotations

import re

from pipeline.compose.docmodel import BulletList, CellBlock, Heading, Paragraph

_BULLET = re.compile(r"^\s*[-•–]\s+")
_HEADING = re.compile(r"^(#{1,4})\s+(.*\S)\s*$")


def cell_blocks(text: str | None, style: str = "body") -> tuple[CellBlock, ...]:
    """Paragraphs and bullet lists from a controller's cell text."""
    blocks: list[CellBlock] = []
    items: list[str] = []
    for raw in (text or "").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if _BULLET.match(raw) and len(line) > 2:
            items.append(_BULLET.sub("", raw).strip())
            continue
        if items:
            blocks.append(BulletList(tuple(items)))
            items = []
        blocks.append(Paragraph.of(line, style))
    if items:
        blocks.append(BulletList(tuple(items)))
    return tuple(blocks)


def markup_blocks(text: str) -> tuple[Heading | Paragraph | BulletList, ...]:
    """Headings, paragraphs and bullet lists from the kommun-wide text markup."""
    blocks: list[Heading | Paragraph | BulletList] = []
    para: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Paragraph.of(" ".join(para)))
            para.clear()
        if items:
            blocks.append(BulletList(tuple(items)))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Heading(len(heading[1]), heading[2]))
        elif line.startswith("- "):
            if para:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return tuple(blocks)
