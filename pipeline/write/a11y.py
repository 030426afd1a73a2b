"""Accessibility checks of a .docx (lagen (2018:1937), EN 301 549 / WCAG 2.1 AA).

Works on any .docx, not only plans built here, so the kommun can check documents made
elsewhere too. Each check returns a result with the places that fail, in Swedish.
Only lxml is used (the package is read as a zip of XML parts, with defusedxml-like care:
no entity resolution, no network).
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.common.locale_sv import DECIMAL_SYMBOL

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"w": W, "wp": WP, "dc": DC}
MIN_CONTRAST = 4.5
FAKE_BULLET = re.compile(r"^\s*[•\-\*–·▪●◦]\s+\S")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def ratio_text(ratio: float) -> str:
    """A contrast ratio as Swedish text with one decimal, ``4,5:1``.

    Rounded down, never up: a ratio of 4.46 is ``4,4:1``, not a ``4,5:1`` that fails.
    """
    tenths = math.floor(round(ratio * 10, 9))  # ratio * 10 can land a hair below a tenth
    return f"{tenths // 10}{DECIMAL_SYMBOL}{tenths % 10}:1"


@dataclass
class Check:
    name: str  # Swedish, what is checked
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two hex colours (``00507A``)."""

    def lum(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


class _Docx:
    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())

            def part(name: str) -> etree._Element | None:
                return etree.fromstring(zf.read(name), _PARSER) if name in names else None

            self.document = part("word/document.xml")
            self.styles = part("word/styles.xml")
            self.core = part("docProps/core.xml")
        if self.document is None:
            raise ValueError("inget Word-dokument")
        self.body = self.document.find(_w("body"))
        self.style_el = {s.get(_w("styleId")): s for s in self.styles.iter(_w("style"))} if (
            self.styles is not None) else {}  # fmt: skip

    def style_chain(self, style_id: str | None) -> list[etree._Element]:
        chain, seen = [], set()
        while style_id and style_id in self.style_el and style_id not in seen:
            seen.add(style_id)
            el = self.style_el[style_id]
            chain.append(el)
            based = el.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        return chain

    @staticmethod
    def pstyle(p: etree._Element) -> str | None:
        ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        return ps.get(_w("val")) if ps is not None else None

    def style_name(self, style_id: str | None) -> str:
        el = self.style_el.get(style_id or "")
        name = el.find(_w("name")) if el is not None else None
        return name.get(_w("val")) if name is not None else (style_id or "Normal")

    def outline_level(self, p: etree._Element) -> int | None:
        ppr = p.find(_w("pPr"))
        direct = ppr.find(_w("outlineLvl")) if ppr is not None else None
        if direct is not None:
            lvl = int(direct.get(_w("val")))
            return lvl + 1 if lvl < 9 else None
        for st in self.style_chain(self.pstyle(p)):
            o = st.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            if o is not None:
                lvl = int(o.get(_w("val")))
                return lvl + 1 if lvl < 9 else None
        return None

    def colour(self, style_id: str) -> str | None:
        for st in self.style_chain(style_id):
            c = st.find(f"{_w('rPr')}/{_w('color')}")
            if c is not None:
                return c.get(_w("val"))
        return None

    def has_numbering(self, p: etree._Element) -> bool:
        ppr = p.find(_w("pPr"))
        if ppr is not None and ppr.find(_w("numPr")) is not None:
            return True
        return any(
            st.find(f"{_w('pPr')}/{_w('numPr')}") is not None
            for st in self.style_chain(self.pstyle(p))
        )


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(_w("t")))


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text[:50]}{"…" if len(text) > 50 else ""}"'


def check_docx(path: Path) -> list[Check]:
    """Run every check on ``path``; a failing check lists its problems."""
    d = _Docx(Path(path))
    checks: list[Check] = []

    # 1. Title and language
    c = Check("Dokumenttitel och språk (sv-SE)")
    title = d.core.find("dc:title", NS) if d.core is not None else None
    if title is None or not (title.text or "").strip():
        c.problems.append("Dokumentet saknar titel i egenskaperna.")
    lang = d.core.find("dc:language", NS) if d.core is not None else None
    if lang is None or (lang.text or "").strip().lower() not in ("sv-se", "sv"):
        c.problems.append("Dokumentets språk i egenskaperna är inte sv-SE.")
    default_lang = d.styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('lang')}") \
        if d.styles is not None else None  # fmt: skip
    if default_lang is None or not (default_lang.get(_w("val")) or "").lower().startswith("sv"):
        c.problems.append("Standardspråket för texten är inte svenska (sv-SE).")
    checks.append(c)

    paragraphs = d.body.findall(_w("p"))

    # 2. Headings
    c = Check("Rubriker i rubrikformat, från nivå 1 utan hoppade nivåer")
    levels = [(lvl, p) for p in paragraphs if (lvl := d.outline_level(p))]
    if not levels:
        c.problems.append("Dokumentet har inga rubriker i rubrikformat.")
    else:
        if levels[0][0] != 1:
            c.problems.append(f"Första rubriken är på nivå {levels[0][0]}, inte 1: "
                              f"{_snippet(_text(levels[0][1]))}.")  # fmt: skip
        for (prev, _), (lvl, p) in zip(levels, levels[1:], strict=False):
            if lvl > prev + 1:
                c.problems.append(f"Rubriknivå {lvl} följer på nivå {prev}: {_snippet(_text(p))}.")
    for p in paragraphs:
        ppr = p.find(_w("pPr"))
        bold_only = (p.findall(f".//{_w('r')}") and all(
            r.find(f"{_w('rPr')}/{_w('b')}") is not None for r in p.iter(_w("r")) if _text(r).strip()))  # fmt: skip
        text = _text(p).strip()
        if (bold_only and text and len(text) < 60 and not text.endswith((".", ":"))
                and d.outline_level(p) is None and ppr is not None
                and ppr.find(_w("pStyle")) is None):  # fmt: skip
            c.problems.append(f"Fetstil används som rubrik utan rubrikformat: {_snippet(text)}.")
    checks.append(c)

    # 3. Empty paragraphs
    c = Check("Inga tomma stycken som mellanrum")
    for n, p in enumerate(paragraphs, start=1):
        if _text(p).strip():
            continue
        if p.find(f".//{_w('drawing')}") is not None or p.find(f".//{_w('sectPr')}") is not None:
            continue
        if p.find(f".//{_w('fldChar')}") is not None or p.find(f".//{_w('instrText')}") is not None:
            continue
        before = _text(paragraphs[n - 2])[:40] if n > 1 else ""
        c.problems.append(f"Tomt stycke nr {n} (efter {_snippet(before)}).")
    checks.append(c)

    # 4. Lists
    c = Check("Punktlistor som riktiga listor")
    for p in d.body.iter(_w("p")):
        text = _text(p)
        if FAKE_BULLET.match(text) and not d.has_numbering(p):
            c.problems.append(f"Punkt skriven som tecken i stället för lista: {_snippet(text)}.")
    checks.append(c)

    # 5. Tables
    c = Check("Tabeller: rubrikrad som upprepas, inga sammanfogade celler, beskrivning")
    for n, tbl in enumerate(d.body.iter(_w("tbl")), start=1):
        rows = tbl.findall(_w("tr"))
        label = _snippet(_text(rows[0])) if rows else f"nr {n}"
        if not rows or rows[0].find(f"{_w('trPr')}/{_w('tblHeader')}") is None:
            c.problems.append(f"Tabell {n} ({label}): rubrikraden upprepas inte på varje sida.")
        if (
            tbl.find(f".//{_w('gridSpan')}") is not None
            or tbl.find(f".//{_w('vMerge')}") is not None
        ):
            c.problems.append(f"Tabell {n} ({label}): har sammanfogade celler.")
        tblpr = tbl.find(_w("tblPr"))
        described = tblpr is not None and any(
            (el := tblpr.find(_w(tag))) is not None and (el.get(_w("val")) or "").strip()
            for tag in ("tblCaption", "tblDescription"))  # fmt: skip
        prev = tbl.getprevious()
        caption_before = (
            prev is not None
            and prev.tag == _w("p")
            and "caption" in d.style_name(d.pstyle(prev)).lower()
        )
        if not (described or caption_before):
            c.problems.append(f"Tabell {n} ({label}): saknar rubrik eller beskrivning.")
    checks.append(c)

    # 6. Images
    c = Check("Alternativtext på alla bilder")
    for n, doc_pr in enumerate(d.document.iter(f"{{{WP}}}docPr"), start=1):
        decorative = doc_pr.find(".//{*}decorative") is not None
        if not (doc_pr.get("descr") or "").strip() and not decorative:
            c.problems.append(f"Bild {n} ({doc_pr.get('name', '')}) saknar alternativtext.")
    checks.append(c)

    # 7. Contrast of heading, text and table styles
    c = Check(f"Kontrast minst {ratio_text(MIN_CONTRAST)} i rubrik-, text- och tabellformat")
    used = {ps.get(_w("val")) for ps in d.body.iter(_w("pStyle"))} | {"Normal"}
    for style_id in sorted(s for s in used if s):
        col = d.colour(style_id)
        if col and col.lower() != "auto" and len(col) == 6:
            ratio = contrast(col, "FFFFFF")
            name = d.style_name(style_id)
            if ratio < MIN_CONTRAST and "tabellhuvud" not in name.lower():
                c.problems.append(f"Formatet {name}: #{col} mot vitt ger {ratio_text(ratio)}.")
    used_tables = {ts.get(_w("val")) for ts in d.body.iter(_w("tblStyle"))}
    for style in d.style_el.values():
        if style.get(_w("type")) != "table" or style.get(_w("styleId")) not in used_tables:
            continue
        for cond in style.findall(_w("tblStylePr")):
            shd = cond.find(f"{_w('tcPr')}/{_w('shd')}")
            fill = shd.get(_w("fill")) if shd is not None else None
            if not fill or fill.lower() == "auto":
                continue
            colour_el = cond.find(f"{_w('rPr')}/{_w('color')}")
            text_col = colour_el.get(_w("val")) if colour_el is not None else "000000"
            if text_col.lower() == "auto":
                text_col = (
                    "000000" if contrast("000000", fill) >= contrast("FFFFFF", fill) else "FFFFFF"
                )
            ratio = contrast(text_col, fill)
            if ratio < MIN_CONTRAST:
                c.problems.append(f"Tabellformatet {d.style_name(style.get(_w('styleId')))} "
                                  f"({cond.get(_w('type'))}): #{text_col} mot #{fill} ger "
                                  f"{ratio_text(ratio)}.")  # fmt: skip
    checks.append(c)
    return checks
