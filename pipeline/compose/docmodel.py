"""The document model: what the writer lays out, independent of Word.

Blocks are immutable named tuples (cheap to define and to build, which matters for big
tables: issue 6). ``dump`` prints a document as plain text; the golden end-to-end test
compares that dump, so the composition is tested without opening Word.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple


class Run(NamedTuple):
    text: str
    bold: bool = False


class Paragraph(NamedTuple):
    runs: tuple[Run, ...]
    style: str = "body"  # semantic style name, mapped to a Word style by the writer

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @classmethod
    def of(cls, text: str, style: str = "body", bold: bool = False) -> Paragraph:
        return cls((Run(text, bold),), style)


class BulletList(NamedTuple):
    items: tuple[str, ...]
    style: str = "bullet"


class Heading(NamedTuple):
    level: int  # 1..4
    text: str
    number: str = ""  # e.g. "1.0", "1.1"; empty for unnumbered

    @property
    def full_text(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


CellBlock = Paragraph | BulletList


class Align(Enum):
    LEFT = "left"
    RIGHT = "right"


class Cell(NamedTuple):
    blocks: tuple[CellBlock, ...]
    align: Align = Align.LEFT

    @property
    def text(self) -> str:
        parts: list[str] = []
        for b in self.blocks:
            parts.extend(b.items if isinstance(b, BulletList) else (b.text,))
        return "\n".join(parts)

    @classmethod
    def of(cls, text: str, align: Align = Align.LEFT, bold: bool = False) -> Cell:
        return cls((Paragraph.of(text, "table", bold),), align)


class _TableFields(NamedTuple):
    caption: str  # shown above the table and used as its description
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # relative column widths, or cm when ``widths_cm``
    total_row: bool = False  # the last row is a Totalt row
    widths_cm: bool = False  # widths in cm; a 0 column takes the rest of the text width


class Table(_TableFields):
    """A table; every row has as many cells as the header (checked when made)."""

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Table:
        self = super().__new__(cls, *args, **kwargs)
        n = len(self.header)
        if len(self.widths) != n or any(len(r) != n for r in self.rows):
            raise ValueError(f"ragged table: {self.caption}")
        return self


class TableOfContents(NamedTuple):
    title: str = "Innehåll"
    levels: int = 2


class PageBreak:
    """A page break before the next block."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PageBreak)

    def __hash__(self) -> int:
        return hash(PageBreak)

    def __repr__(self) -> str:
        return "PageBreak()"


class Image(NamedTuple):
    path: str  # a file under templates/
    alt: str  # alternative text, required
    width_cm: float


class Series(NamedTuple):
    name: str
    values: tuple[float, ...]
    colour: str  # hex, no '#'


class Chart(NamedTuple):
    """A horizontal clustered bar chart, written as a native Word chart."""

    caption: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt: str  # states the gist of the figures
    axis_title: str


class Cover(NamedTuple):
    kommun: str
    namnd: str
    title: str
    details: tuple[tuple[str, str], ...] = ()  # (label, value), e.g. ("Diarienummer", "SN2023/1")
    logo: Image | None = None


Block = Heading | Paragraph | BulletList | Table | TableOfContents | PageBreak | Cover | Chart


class Document(NamedTuple):
    title: str  # document property, e.g. "Socialnämnden, Nämndplan med budget 2024 …"
    running_title: str  # the page header text
    language: str
    blocks: tuple[Block, ...]
    subject: str = ""
    keywords: tuple[str, ...] = ()

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))


def dump(doc: Document) -> str:
    """The document as readable text, one block per line group (for golden tests)."""
    out: list[str] = [f"TITEL: {doc.title}", f"SIDHUVUD: {doc.running_title}", ""]
    for b in doc.blocks:
        if isinstance(b, Cover):
            out.append("[FÖRSÄTTSBLAD]")
            if b.logo:
                out.append(f"[BILD: {b.logo.path}, alt: {b.logo.alt}]")
            out += [b.kommun, b.namnd, b.title]
            out += [f"{k}: {v}" for k, v in b.details]
        elif isinstance(b, TableOfContents):
            out.append(f"[INNEHÅLLSFÖRTECKNING: {b.title}, nivå 1–{b.levels}]")
        elif isinstance(b, PageBreak):
            out.append("[SIDBRYTNING]")
        elif isinstance(b, Heading):
            out.append(f"{'#' * b.level} {b.full_text}")
        elif isinstance(b, Paragraph):
            out.append(_para(b))
        elif isinstance(b, BulletList):
            out += [f"  • {item}" for item in b.items]
        elif isinstance(b, Chart):
            out.append(f"[DIAGRAM: {b.caption}]")
            out.append(f"alt: {b.alt}")
            for series in b.series:
                values = "; ".join(
                    f"{c} {v:g}" for c, v in zip(b.categories, series.values, strict=True)
                )
                out.append(f"{series.name} (#{series.colour}): {values}")
            out.append("[/DIAGRAM]")
        elif isinstance(b, Table):
            out.append(f"[TABELL: {b.caption}]")
            for row in (b.header, *b.rows):
                out.append(" | ".join(c.text.replace("\n", " / ") for c in row))
            out.append("[/TABELL]")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _para(p: Paragraph) -> str:
    text = "".join(f"**{r.text}**" if r.bold and r.text.strip() else r.text for r in p.runs)
    return text if p.style == "body" else f"({p.style}) {text}"
