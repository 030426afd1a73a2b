#!/usr/bin/env python3
"""Bygger templates/layout.docx – layoutmallen för nämndplanen.

Layouten (typsnitt, färger, marginaler, tabellformat, sidhuvud) ligger i en
vanlig Word-fil som en kommunikatör kan öppna och ändra i Word utan att röra
Python. Pipelinen öppnar filen med ``docx.Document("templates/layout.docx")``,
tömmer brödtexten (utom sista w:sectPr) och lägger till planen.

Skriptet utgår från python-docx standardmall (``docx.Document()``) och använder
lxml för det som python-docx API saknar (tabellformat, fält, tema, numrering).
Resultatet är deterministiskt: samma byte vid varje körning.

Kör:  python tools/make_layout.py [utfil]
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

# --------------------------------------------------------------------------
# Konstanter – ändra här (eller i Word, direkt i layout.docx)
# --------------------------------------------------------------------------
KOMMUN_FARG = "00507A"  # mörkblå profilfärg (rubriker, tabellhuvud)
TEXT_FARG = "000000"  # brödtext
GRA_TEXT = "595959"  # sidhuvud/sidfot
UNDERRUBRIK_FARG = "404040"  # underrubrik på försättsbladet
TABELL_RAM = "A6A6A6"  # tunna tabellinjer
TABELL_BAND = "F2F2F2"  # ljus bandning av varannan tabellrad
VIT = "FFFFFF"

TYPSNITT = "Arial"  # LibreOffice visar Arial med Liberation Sans
SPRAK = "sv-SE"

OUTPUT = Path(__file__).resolve().parent.parent / "templates" / "layout.docx"
FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def cm(value: float) -> int:
    """Centimeter -> twips (1/20 pt), avrundat."""
    return round(value / 2.54 * 1440)


PAGE_W, PAGE_H = cm(21.0), cm(29.7)  # A4 stående: 11906 x 16838
MARGIN_TOP, MARGIN_BOTTOM = cm(2.5), cm(2.0)
MARGIN_LEFT, MARGIN_RIGHT = cm(2.2), cm(2.2)
HEADER_DIST, FOOTER_DIST = cm(1.0), cm(1.0)
TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9412 twips = 16,6 cm
BULLET_INDENT = cm(0.63)  # 357
TOC2_INDENT = cm(0.5)  # 283
CELL_MARGIN = cm(0.1)  # 57

TABLE_STYLE_ID = "NämndplanTabell"
TABLE_STYLE_NAME = "Nämndplan tabell"

NOTE = [
    "Den här filen styr utseendet på nämndplanen. Ändra formatmallarna "
    "(till exempel Normal, Rubrik 1–4, Punktlista, Beskrivning, Tabelltext, "
    "Tabelltal, Tabellhuvud och tabellformatet ”Nämndplan tabell”) för att "
    "ändra typsnitt, färger och avstånd. Marginaler och sidhuvud ändras "
    "under Layout respektive Infoga > Sidhuvud.",
    "Texten {{ sidhuvud }} i sidhuvudet byts ut mot nämndens namn och "
    "dokumentets titel när nämndplanen skapas – ta inte bort den. "
    "All text på sidorna (men inte sidhuvudet) tas bort när nämndplanen skapas.",
]
NOTE_PAGE2 = (
    "Sidan 2 finns bara för att sidhuvudet ska synas här: försättsbladet "
    "(sida 1) har inget sidhuvud, från sida 2 visas {{ sidhuvud }} och "
    "sidnumret, till exempel 2(18)."
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


# --------------------------------------------------------------------------
# Kontrast (WCAG 2.x)
# --------------------------------------------------------------------------
def _luminance(hex_colour: str) -> float:
    def chan(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(fg: str, bg: str) -> float:
    la, lb = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CONTRAST_CHECKS = [
    ("kommunfärg (rubriker) på vitt", KOMMUN_FARG, VIT),
    ("vit text på tabellhuvud", VIT, KOMMUN_FARG),
    ("grå sidhuvud/sidfot på vitt", GRA_TEXT, VIT),
    ("underrubrik på vitt", UNDERRUBRIK_FARG, VIT),
    ("svart text på bandad rad", TEXT_FARG, TABELL_BAND),
    ("kommunfärg på bandad rad", KOMMUN_FARG, TABELL_BAND),
]


# --------------------------------------------------------------------------
# Små XML-hjälpare
# --------------------------------------------------------------------------
def el(tag: str, *children, **attrs) -> etree._Element:
    """w:-element; attributnamn utan prefix (val='x' -> w:val='x')."""
    e = etree.Element(qn(tag))
    for k, v in attrs.items():
        e.set(qn("w:" + k), str(v))
    for c in children:
        e.append(c)
    return e


PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
    "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
    "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
]
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
    "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
    "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
    "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
]
STYLE_ORDER = [
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
    "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked",
    "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
    "tblPr", "trPr", "tcPr", "tblStylePr",
]


def _ordered(tag: str, order: list[str], children) -> etree._Element:
    parent = el(tag)
    for c in sorted(children, key=lambda c: order.index(etree.QName(c).localname)):
        parent.append(c)
    return parent


def ppr(*children) -> etree._Element:
    return _ordered("w:pPr", PPR_ORDER, children)


def rpr(*children) -> etree._Element:
    return _ordered("w:rPr", RPR_ORDER, children)


def fonts(name: str = TYPSNITT, east_asia: bool = False) -> etree._Element:
    attrs = dict(ascii=name, hAnsi=name, cs=name)
    if east_asia:
        attrs["eastAsia"] = name
    return el("w:rFonts", **attrs)


def size(pt: float) -> list[etree._Element]:
    half = str(round(pt * 2))
    return [el("w:sz", val=half), el("w:szCs", val=half)]


def colour(hex_colour: str) -> etree._Element:
    return el("w:color", val=hex_colour)


def bold() -> list[etree._Element]:
    return [el("w:b"), el("w:bCs")]


def off(tag: str) -> etree._Element:
    return el(tag, val="0")


def spacing(before: int = 0, after: int = 0, line: int = 276) -> etree._Element:
    """before/after i twips (pt*20); line 240 = enkelt, 276 = 1,15."""
    return el("w:spacing", before=before, after=after, line=line, lineRule="auto")


def right_tab(pos: int, leader: str | None = None) -> etree._Element:
    attrs = dict(val="right", pos=pos)
    if leader:
        attrs["leader"] = leader
    return el("w:tabs", el("w:tab", **attrs))


def border(tag: str, sz: int, col: str, val: str = "single") -> etree._Element:
    return el(tag, val=val, sz=sz, space=0, color=col)


# --------------------------------------------------------------------------
# Formatmallar
# --------------------------------------------------------------------------
class Styles:
    def __init__(self, styles_el: etree._Element):
        self.root = styles_el

    def find(self, style_id: str):
        for s in self.root.findall(qn("w:style")):
            if s.get(qn("w:styleId")) == style_id:
                return s
        return None

    def define(
        self,
        style_id: str,
        name: str,
        stype: str = "paragraph",
        *,
        based_on: str | None = "Normal",
        next_style: str | None = None,
        link: str | None = None,
        ui_priority: int | None = None,
        custom: bool = False,
        qformat: bool = True,
        unhide_when_used: bool = False,
        p: etree._Element | None = None,
        r: etree._Element | None = None,
        extra: list[etree._Element] | None = None,
    ) -> etree._Element:
        """Skapa eller skriv om en formatmall helt (inga ärvda rester)."""
        style = self.find(style_id)
        if style is None:
            style = el("w:style")
            self.root.append(style)
        default = style.get(qn("w:default"))
        for attr in list(style.attrib):
            del style.attrib[attr]
        style.set(qn("w:type"), stype)
        if default:
            style.set(qn("w:default"), default)
        if custom:
            style.set(qn("w:customStyle"), "1")
        style.set(qn("w:styleId"), style_id)
        for child in list(style):
            style.remove(child)
        kids = [el("w:name", val=name)]
        if based_on:
            kids.append(el("w:basedOn", val=based_on))
        if next_style:
            kids.append(el("w:next", val=next_style))
        if link:
            kids.append(el("w:link", val=link))
        if ui_priority is not None:
            kids.append(el("w:uiPriority", val=ui_priority))
        if unhide_when_used:
            kids.append(el("w:unhideWhenUsed"))
        if qformat:
            kids.append(el("w:qFormat"))
        if p is not None:
            kids.append(p)
        if r is not None:
            kids.append(r)
        kids.extend(extra or [])
        for k in sorted(kids, key=lambda c: STYLE_ORDER.index(etree.QName(c).localname)):
            style.append(k)
        if link:
            self._sync_linked_char(link, style_id, r, ui_priority)
        return style

    def _sync_linked_char(self, char_id: str, para_id: str, r, ui_priority) -> None:
        """Länkad teckenformatmall (t.ex. Heading1Char) = samma tecken som stycket."""
        char = self.find(char_id)
        if char is None:
            return
        name = char.find(qn("w:name")).get(qn("w:val"))
        self.define(
            char_id, name, "character", based_on="DefaultParagraphFont",
            custom=True, qformat=False, ui_priority=ui_priority, extra=[],
            r=copy.deepcopy(r) if r is not None else None,
        )
        # w:link måste peka tillbaka på styckeformatet
        link = el("w:link", val=para_id)
        char.find(qn("w:basedOn")).addnext(link)


def explicit_fonts_everywhere(styles_el: etree._Element) -> None:
    """Ersätt alla temareferenser (Calibri/Cambria) med uttryckligt typsnitt."""
    for rf in styles_el.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rf.attrib.pop(qn("w:" + attr), None)
        for attr in ("ascii", "hAnsi", "cs"):
            rf.set(qn("w:" + attr), TYPSNITT)


def build_styles(doc: docx.document.Document) -> None:
    styles_el = doc.styles.element
    st = Styles(styles_el)

    # --- standardvärden för hela dokumentet -----------------------------
    defaults = styles_el.find(qn("w:docDefaults"))
    defaults.getparent().remove(defaults)
    defaults = el(
        "w:docDefaults",
        el("w:rPrDefault", rpr(
            fonts(east_asia=True), *size(11), colour(TEXT_FARG),
            el("w:lang", val=SPRAK, eastAsia="en-US", bidi="ar-SA"),
        )),
        el("w:pPrDefault", ppr(spacing(0, 120, 276))),
    )
    styles_el.insert(0, defaults)
    explicit_fonts_everywhere(styles_el)

    # --- brödtext ----------------------------------------------------------
    st.define(
        "Normal", "Normal", based_on=None,
        p=ppr(el("w:widowControl"), spacing(0, 120, 276)),
        r=rpr(fonts(), colour(TEXT_FARG), *size(11)),
    )

    # --- försättsblad ------------------------------------------------------
    st.define(
        "Title", "Title", next_style="Subtitle", link="TitleChar", ui_priority=10,
        p=ppr(el("w:keepNext"), el("w:keepLines"),
              spacing(cm(5.0), 240, 240)),
        r=rpr(fonts(), *bold(), colour(KOMMUN_FARG), el("w:kern", val=28), *size(26)),
    )
    st.define(
        "Subtitle", "Subtitle", next_style="Normal", link="SubtitleChar",
        ui_priority=11,
        p=ppr(el("w:keepNext"), spacing(0, cm(2.0), 276)),
        r=rpr(fonts(), colour(UNDERRUBRIK_FARG), *size(14)),
    )
    st.define(
        "Försättsbladkommun", "Försättsblad kommun", custom=True,
        next_style="Title", ui_priority=12,
        p=ppr(el("w:keepNext"), spacing(0, 120, 240)),
        r=rpr(fonts(), *bold(), colour(KOMMUN_FARG), *size(14)),
    )
    st.define(
        "Försättsbladuppgift", "Försättsblad uppgift", custom=True,
        next_style="Försättsbladuppgift", ui_priority=12,
        p=ppr(spacing(0, 40, 240)),
        r=rpr(fonts(), colour(TEXT_FARG), *size(10)),
    )

    # --- rubriker ----------------------------------------------------------
    headings = [
        # nivå, pt, färg, före, efter (twips)
        (1, 17, KOMMUN_FARG, 360, 120),
        (2, 14, KOMMUN_FARG, 240, 80),
        (3, 12, KOMMUN_FARG, 200, 60),
        (4, 11, TEXT_FARG, 160, 40),
    ]
    for level, pt, col, before, after in headings:
        st.define(
            f"Heading{level}", f"heading {level}", next_style="Normal",
            link=f"Heading{level}Char", ui_priority=9,
            unhide_when_used=level > 1,
            p=ppr(el("w:keepNext"), el("w:keepLines"), off("w:pageBreakBefore"),
                  spacing(before, after, 276), el("w:outlineLvl", val=level - 1)),
            r=rpr(fonts(), *bold(), colour(col), *size(pt)),
        )

    # --- listor, bildtext ---------------------------------------------------
    st.define(
        "ListBullet", "List Bullet", ui_priority=99, unhide_when_used=True,
        qformat=True,
        p=ppr(el("w:numPr", el("w:numId", val=1)), el("w:contextualSpacing")),
        r=None,
    )
    st.define(
        "Caption", "caption", next_style="Normal", ui_priority=35,
        unhide_when_used=True,
        p=ppr(el("w:keepNext"), el("w:keepLines"), spacing(120, 60, 240)),
        r=rpr(fonts(), *bold(), colour(KOMMUN_FARG), *size(9)),
    )

    # --- tabelltext ----------------------------------------------------------
    st.define(
        "Tabelltext", "Tabelltext", custom=True, ui_priority=20,
        p=ppr(spacing(0, 60, 240), off("w:contextualSpacing")),
        # "auto": svart på ljus bakgrund, vit på mörk fyllning (Word och
        # LibreOffice), så att även Tabelltext i rubrikraden blir läsbar.
        r=rpr(fonts(), colour("auto"), *size(9.5)),
    )
    st.define(
        "Tabelltal", "Tabelltal", based_on="Tabelltext", custom=True,
        ui_priority=20, p=ppr(spacing(0, 0, 240), el("w:jc", val="right")),
    )
    st.define(
        "Tabellhuvud", "Tabellhuvud", based_on="Tabelltext", custom=True,
        ui_priority=20, p=ppr(el("w:keepNext")),
        r=rpr(*bold(), colour(VIT), *size(8)),
    )
    st.define(
        "Tabellpunkt", "Tabellpunkt", based_on="Tabelltext", custom=True,
        ui_priority=20,
        p=ppr(el("w:numPr", el("w:numId", val=1)), spacing(0, 40, 240),
              el("w:ind", left=str(cm(0.5)), hanging=str(cm(0.4)))),
    )

    # --- innehållsförteckning ------------------------------------------------
    st.define(
        "TOCHeading", "TOC Heading", based_on="Heading1", next_style="Normal",
        ui_priority=39, unhide_when_used=True,
        p=ppr(el("w:outlineLvl", val=9)),
    )
    st.define(
        "TOC1", "toc 1", next_style="Normal", ui_priority=39,
        unhide_when_used=True, qformat=False,
        p=ppr(right_tab(TEXT_WIDTH, "dot"), spacing(120, 40, 240)),
        r=rpr(*bold()),
    )
    st.define(
        "TOC2", "toc 2", next_style="Normal", ui_priority=39,
        unhide_when_used=True, qformat=False,
        p=ppr(right_tab(TEXT_WIDTH, "dot"), spacing(0, 40, 240),
              el("w:ind", left=TOC2_INDENT)),
    )

    # --- sidhuvud och sidfot ---------------------------------------------------
    for sid, name in (("Header", "header"), ("Footer", "footer")):
        st.define(
            sid, name, link=f"{sid}Char", ui_priority=99,
            unhide_when_used=True, qformat=False,
            p=ppr(right_tab(TEXT_WIDTH), spacing(0, 0, 240)),
            r=rpr(fonts(), colour(GRA_TEXT), *size(8)),
        )

    build_table_style(st)
    drop_unused_table_styles(styles_el)


def drop_unused_table_styles(styles_el: etree._Element) -> None:
    """Ta bort Words inbyggda tabellformat (Medium Grid 3 Accent 6 …) som standardmallen
    har med: drygt hundra stycken, 350 kB av styles.xml som varje plan annars bär med sig
    och som varje bygge läser och skriver (issue 6). Kvar blir standardformatet (Normal
    tabell) och Nämndplan tabell; Word erbjuder de inbyggda ändå (latentStyles)."""
    keep = {TABLE_STYLE_ID}
    for style in styles_el.findall(qn("w:style")):
        if style.get(qn("w:type")) != "table":
            continue
        if style.get(qn("w:default")) == "1" or style.get(qn("w:styleId")) in keep:
            continue
        styles_el.remove(style)


def build_table_style(st: Styles) -> None:
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    tbl_pr = el(
        "w:tblPr",
        el("w:tblStyleRowBandSize", val=1),
        el("w:tblStyleColBandSize", val=1),
        el("w:tblInd", w=0, type="dxa"),
        el("w:tblBorders", *(border("w:" + e, 4, TABELL_RAM) for e in edges)),
        el("w:tblCellMar",
           el("w:top", w=28, type="dxa"),
           el("w:left", w=CELL_MARGIN, type="dxa"),
           el("w:bottom", w=28, type="dxa"),
           el("w:right", w=CELL_MARGIN, type="dxa")),
    )
    first_row = el(
        "w:tblStylePr",
        ppr(el("w:keepNext")),
        rpr(*bold(), colour(VIT)),
        el("w:tblPr"),
        el("w:trPr", el("w:tblHeader")),
        el("w:tcPr", el("w:shd", val="clear", color="auto", fill=KOMMUN_FARG)),
        type="firstRow",
    )
    last_row = el(
        "w:tblStylePr",
        rpr(*bold()),
        el("w:tblPr"),
        el("w:tcPr", el("w:tcBorders", border("w:top", 8, "000000"))),
        type="lastRow",
    )
    band = el(
        "w:tblStylePr",
        el("w:tblPr"),
        el("w:tcPr", el("w:shd", val="clear", color="auto", fill=TABELL_BAND)),
        type="band1Horz",
    )
    st.define(
        TABLE_STYLE_ID, TABLE_STYLE_NAME, "table", based_on="TableNormal",
        custom=True, ui_priority=59,
        p=ppr(spacing(0, 0, 240)),
        r=rpr(*size(9)),
        extra=[tbl_pr, first_row, last_row, band],
    )


# --------------------------------------------------------------------------
# Numrering: riktiga punktlistor med "•"
# --------------------------------------------------------------------------
def build_numbering(doc: docx.document.Document) -> None:
    numbering = doc.part.numbering_part.element
    bullets = {"ListBullet": (1, "•"), "ListBullet2": (2, "–"), "ListBullet3": (3, "•")}
    for absnum in numbering.findall(qn("w:abstractNum")):
        lvl = absnum.find(qn("w:lvl"))
        if lvl.find(qn("w:numFmt")).get(qn("w:val")) != "bullet":
            continue
        pstyle = lvl.find(qn("w:pStyle"))
        style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
        depth, char = bullets.get(style_id, (4, "•"))
        lvl.find(qn("w:lvlText")).set(qn("w:val"), char)
        for tag in ("w:pPr", "w:rPr"):
            old = lvl.find(qn(tag))
            if old is not None:
                lvl.remove(old)
        left = BULLET_INDENT * depth
        lvl.append(el("w:pPr",
                      el("w:tabs", el("w:tab", val="num", pos=left)),
                      el("w:ind", left=left, hanging=BULLET_INDENT)))
        lvl.append(el("w:rPr", el("w:rFonts", ascii=TYPSNITT, hAnsi=TYPSNITT,
                                  cs=TYPSNITT, hint="default")))


# --------------------------------------------------------------------------
# Sida, sidhuvud och sidfot
# --------------------------------------------------------------------------
def _run(*children) -> etree._Element:
    return el("w:r", *children)


def _text(value: str) -> etree._Element:
    t = el("w:t")
    t.text = value
    if value != value.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def field(instr: str, cached: str) -> list[etree._Element]:
    """Komplext fält: begin / instrText / separate / resultat / end."""
    it = el("w:instrText")
    it.text = f" {instr} "
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [
        _run(el("w:fldChar", fldCharType="begin")),
        _run(it),
        _run(el("w:fldChar", fldCharType="separate")),
        _run(_text(cached)),
        _run(el("w:fldChar", fldCharType="end")),
    ]


def _empty(container, style: str) -> None:
    """Ett enda tomt stycke med angiven formatmall."""
    root = container._element
    for child in list(root):
        root.remove(child)
    root.append(el("w:p", ppr(el("w:pStyle", val=style))))


def build_section(doc: docx.document.Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(HEADER_DIST), Twips(FOOTER_DIST)
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True

    sect_pr = section._sectPr
    for attr in list(sect_pr.attrib):
        del sect_pr.attrib[attr]  # rsid-attribut från standardmallen
    cols = sect_pr.find(qn("w:cols"))
    if cols is not None:
        cols.set(qn("w:space"), str(cm(1.25)))

    # Sidhuvud sida 2–: "{{ sidhuvud }}<TAB>PAGE(NUMPAGES)"
    header = section.header
    header.is_linked_to_previous = False
    hdr = header._element
    for child in list(hdr):
        hdr.remove(child)
    p = el("w:p", ppr(el("w:pStyle", val="Header")))
    p.append(_run(_text("{{ sidhuvud }}")))
    p.append(_run(el("w:tab")))
    for item in field("PAGE", "1"):
        p.append(item)
    p.append(_run(_text("(")))
    for item in field("NUMPAGES", "1"):
        p.append(item)
    p.append(_run(_text(")")))
    hdr.append(p)

    # Sidfot (tom) och tomt sidhuvud/sidfot på försättsbladet
    section.footer.is_linked_to_previous = False
    _empty(section.footer, "Footer")
    section.first_page_header.is_linked_to_previous = False
    _empty(section.first_page_header, "Header")
    section.first_page_footer.is_linked_to_previous = False
    _empty(section.first_page_footer, "Footer")


def build_body(doc: docx.document.Document) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for text in NOTE:
        doc.add_paragraph(text)
    doc.add_paragraph(NOTE_PAGE2).paragraph_format.page_break_before = True


# --------------------------------------------------------------------------
# Inställningar, tema, typsnittstabell, dokumentegenskaper
# --------------------------------------------------------------------------
def build_settings(doc: docx.document.Document) -> None:
    settings = doc.settings
    s = settings.element
    for tag in ("w:updateFields", "w:savePreviewPicture", "w:attachedTemplate"):
        for e in s.findall(qn(tag)):
            s.remove(e)
    # lägg in w:evenAndOddHeaders på rätt plats och slå av den uttryckligen
    settings.odd_and_even_pages_header_footer = True
    s.find(qn("w:evenAndOddHeaders")).set(qn("w:val"), "0")
    tab = s.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), "1304")  # svensk Word-standard, 2,3 cm
    lang = s.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), SPRAK)
    dec = s.find(qn("w:decimalSymbol"))
    if dec is not None:
        dec.set(qn("w:val"), ",")
    sep = s.find(qn("w:listSeparator"))
    if sep is not None:
        sep.set(qn("w:val"), ";")


def _part(doc, partname: str):
    for part in doc.part.package.iter_parts():
        if str(part.partname) == partname:
            return part
    raise KeyError(partname)


def build_theme(doc: docx.document.Document) -> None:
    part = _part(doc, "/word/theme/theme1.xml")
    root = etree.fromstring(part.blob)
    ns = {"a": A_NS}
    for latin in root.iterfind(".//a:fontScheme/*/a:latin", ns):
        latin.set("typeface", TYPSNITT)
    scheme = root.find(".//a:fontScheme", ns)
    scheme.set("name", "Enköpings kommun")
    for clr in root.iterfind(".//a:clrScheme/a:accent1/a:srgbClr", ns):
        clr.set("val", KOMMUN_FARG)
    root.find(".//a:clrScheme", ns).set("name", "Enköpings kommun")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def build_font_table(doc: docx.document.Document) -> None:
    part = _part(doc, "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    names = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    if TYPSNITT == "Arial" and "Arial" not in names:
        root.insert(0, el(
            "w:font",
            el("w:panose1", val="020B0604020202020204"),
            el("w:charset", val="00"),
            el("w:family", val="swiss"),
            el("w:pitch", val="variable"),
            el("w:sig", usb0="E0002EFF", usb1="C000785B", usb2="00000009",
               usb3="00000000", csb0="000001FF", csb1="00000000"),
            name="Arial",
        ))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def drop_extras(doc: docx.document.Document) -> None:
    """Ta bort stylesWithEffects (inaktuell kopia av formatmallarna som Word
    2010 kan läsa i stället för styles.xml) och standardmallens miniatyrbild."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg_rels[rid]


def build_core_properties(doc: docx.document.Document) -> None:
    cp = doc.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = ""
    cp.subject = ""
    cp.keywords = ""
    cp.comments = ""
    cp.category = ""
    cp.language = SPRAK
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE


# --------------------------------------------------------------------------
def build() -> bytes:
    doc = docx.Document()
    drop_extras(doc)
    build_styles(doc)
    build_numbering(doc)
    build_section(doc)
    build_body(doc)
    build_settings(doc)
    build_theme(doc)
    build_font_table(doc)
    build_core_properties(doc)

    # sanity: python-docx hittar formatmallarna via namn
    for name in (TABLE_STYLE_NAME, "Normal", "Title", "Subtitle", "Heading 1",
                 "Heading 2", "Heading 3", "Heading 4", "List Bullet", "Caption",
                 "Tabelltext", "Tabelltal", "Tabellhuvud", "Tabellpunkt", "TOC Heading",
                 "toc 1", "toc 2", "Försättsblad kommun",
                 "Försättsblad uppgift", "Header", "Footer"):
        doc.styles[name]

    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Fasta tidsstämplar i zip-filen så att utfilen blir byte-identisk."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", compression=zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    for label, fg, bg in CONTRAST_CHECKS:
        ratio = contrast(fg, bg)
        print(f"kontrast {label}: #{fg} mot #{bg} = {ratio:.2f}:1")
        if label != "kommunfärg på bandad rad" and ratio < 4.5:
            raise SystemExit(f"för låg kontrast: {label}")
    print(f"textbredd: {TEXT_WIDTH} twips ({TEXT_WIDTH * 2.54 / 1440:.2f} cm)")
    data = build()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"skrev {target} ({len(data)} byte), tabellformat-id: {TABLE_STYLE_ID}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
