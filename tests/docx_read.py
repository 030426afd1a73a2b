"""Read a built .docx back for tests: body text in order, tables, headers, fields."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


def _text(el: etree._Element) -> str:
    parts: list[str] = []
    for node in el.iter(q("w:t"), q("w:tab"), q("w:instrText")):
        if node.tag == q("w:t"):
            parts.append(node.text or "")
        elif node.tag == q("w:tab"):
            parts.append("\t")
    return "".join(parts)


@dataclass
class Para:
    style: str
    text: str
    numbered: bool  # has numPr (a real list item) directly or via its style
    drawing: bool = False  # holds an image or a chart


@dataclass
class DocxContent:
    xml: dict[str, etree._Element]
    paragraphs: list[Para]  # body paragraphs (outside tables), in order
    tables: list[list[list[str]]]  # each table: rows of cell texts
    table_elements: list[etree._Element]
    style_names: dict[str, str]  # styleId -> name

    def headings(self) -> list[tuple[int, str]]:
        out = []
        for p in self.paragraphs:
            name = self.style_names.get(p.style, p.style)
            if name.lower().startswith("heading "):
                out.append((int(name.split()[-1]), p.text))
        return out

    def all_text(self) -> str:
        """Body text including table cells, in document order, whitespace folded."""
        body = self.xml["word/document.xml"].find(q("w:body"))
        texts = [_text(p) for p in body.iter(q("w:p"))]
        return " ".join(" ".join(texts).split())

    def part_texts(self, prefix: str) -> list[str]:
        return [_text(x) for name, x in sorted(self.xml.items()) if name.startswith(prefix)]


def read_docx(path: Path) -> DocxContent:
    with zipfile.ZipFile(path) as zf:
        xml = {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xml")}
    styles = xml["word/styles.xml"]
    names = {
        s.get(q("w:styleId")): s.find(q("w:name")).get(q("w:val"))
        for s in styles.iter(q("w:style"))
    }
    numbered_styles = {
        s.get(q("w:styleId"))
        for s in styles.iter(q("w:style"))
        if s.find(f"{q('w:pPr')}/{q('w:numPr')}") is not None
    }
    body = xml["word/document.xml"].find(q("w:body"))
    paragraphs = []
    for p in body.findall(q("w:p")):
        ps = p.find(f"{q('w:pPr')}/{q('w:pStyle')}")
        style = ps.get(q("w:val")) if ps is not None else "Normal"
        has_num = p.find(f"{q('w:pPr')}/{q('w:numPr')}") is not None or style in numbered_styles
        drawing = p.find(f".//{q('w:drawing')}") is not None
        paragraphs.append(Para(style, _text(p), has_num, drawing))
    tables, tbl_els = [], []
    for tbl in body.iter(q("w:tbl")):
        rows = [
            [
                _text(tc)
                if len(tc.findall(q("w:p"))) < 2
                else "\n".join(_text(p) for p in tc.findall(q("w:p")))
                for tc in tr.findall(q("w:tc"))
            ]
            for tr in tbl.findall(q("w:tr"))
        ]
        tables.append(rows)
        tbl_els.append(tbl)
    return DocxContent(xml, paragraphs, tables, tbl_els, names)
