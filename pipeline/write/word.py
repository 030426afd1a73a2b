"""Write a document model as .docx in the kommun's layout.

This is the only module that imports python-docx. The layout (styles, fonts, colours,
margins, table style, page header with its PAGE/NUMPAGES fields) comes from
``templates/layout.docx``; the writer only refers to its styles by name, checks that they
all exist before writing anything, and fills the token ``{{ sidhuvud }}`` in its headers and
footers. Body content is generated as WordprocessingML text and spliced into the document
part as text, which keeps large tables linear (python-docx's cell API is quadratic in the
number of rows); the package is zipped once, reproducibly. The document's properties
(core.xml, app.xml) are the plan's own, never the layout's. Tables break over pages as a
typesetter would break them: caption and header with the first rows, not the whole table
chained to its heading (``KEEP_*`` below).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from pipeline.common.atomic import fixed_zip
from pipeline.common.xmltext import attr, escape, xml_bytes
from pipeline.compose.docmodel import (
    Align,
    BulletList,
    Cell,
    Chart,
    Cover,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
)
from pipeline.spec.config import ConfigError

HEADER_TOKEN = "{{ sidhuvud }}"

# Semantic style -> Word style name in layout.docx. A communicator restyles these in Word.
STYLE_NAMES: dict[str, str] = {
    "body": "Normal",
    "direction": "Normal",
    "bullet": "List Bullet",
    "caption": "Caption",
    "table": "Tabelltext",
    "table_number": "Tabelltal",
    "table_header": "Tabellhuvud",
    "table_bullet": "Tabellpunkt",
    "title": "Title",
    "subtitle": "Subtitle",
    "cover_kommun": "Försättsblad kommun",
    "cover_detail": "Försättsblad uppgift",
    "toc_heading": "TOC Heading",
    "toc1": "toc 1",
    "toc2": "toc 2",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "heading3": "Heading 3",
    "heading4": "Heading 4",
}
TABLE_STYLE = "Nämndplan tabell"

# docProps/app.xml, written fresh for every plan: the layout's own (python-docx's default
# template, or Word for Mac's after a communicator's edit) names another application and
# carries counts (Pages, Words, Characters), Template, Company, TotalTime and AppVersion
# that are not this document's. Word recounts the statistics when it saves; AppVersion is
# left out, as Word's "XX.YYYY" form would claim a Word version.
APP_PROPERTIES_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'docPropsVTypes"><Application>namndplan</Application><DocSecurity>0</DocSecurity>'
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
SPACE_AFTER_TABLE = 160  # twips above the first paragraph after a table
KEEP_ROW_CHARS = 1200  # text rows up to this long are not split over two pages
# How a table meets a page break, as a typesetter would have it: the caption and the header
# row stay with the first data rows (never a caption or a header alone at the foot of a
# page) and the last rows stay together (a Totalt row never alone at the top of one), but
# the rows between may break: a long table starts where its heading is, not on the next
# page with the rest of this one left empty. Rows of figures are one line or two each, so
# two are kept at either end, and a short table of figures is not broken at all (at most a
# quarter of a page moves); a text row can fill half a page, so only the first is kept.
KEEP_NUMERIC_ROWS = 2  # data rows kept with the header, and together at the end
KEEP_WHOLE_NUMERIC_ROWS = 6  # a table of figures with up to this many data rows is one block
KEEP_TEXT_ROWS = 1  # data rows of a text table kept with its header


class LayoutInfo(NamedTuple):
    style_ids: dict[str, str]
    table_style_id: str
    text_width: int  # twips (dxa)


class WriteOptions(NamedTuple):
    page_numbers: Mapping[str, int] = MappingProxyType({})  # bookmark -> page, for the TOC
    created: datetime | None = None  # document date; fixed for reproducible output


def _check_layout(doc: object, layout: Path) -> LayoutInfo:
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    # One pass over the styles (python-docx's styles[name] runs an XPath query per name).
    by_name = {
        name.get(qn("w:val")): style.get(qn("w:styleId"))
        for style in doc.styles.element.iterchildren(qn("w:style"))  # type: ignore[attr-defined]
        if (name := style.find(qn("w:name"))) is not None
    }
    missing: list[str] = []
    ids: dict[str, str] = {}
    for key, name in STYLE_NAMES.items():
        style_id = by_name.get(BabelFish.ui2internal(name))
        if style_id is None:
            missing.append(name)
        else:
            ids[key] = style_id
    table_id = by_name.get(BabelFish.ui2internal(TABLE_STYLE), "")
    if not table_id:
        missing.append(TABLE_STYLE)
    if missing:
        raise ConfigError(
            f"{layout}: Word-mallen saknar formatmallarna {', '.join(sorted(set(missing)))}. "
            "Lägg till dem i Word (Format > Formatmallar) med exakt de namnen."
        )
    sec = doc.sections[-1]  # type: ignore[attr-defined]
    width = int((sec.page_width - sec.left_margin - sec.right_margin) / 635)  # EMU -> twips
    return LayoutInfo(ids, table_id, width)


def bookmark_names(doc: Document) -> dict[int, str]:
    """Heading index -> bookmark name; the TOC links to these and PAGEREFs them."""
    return {i: f"_Toc{100001 + i}" for i in range(len(doc.headings))}


class _BodyWriter:
    def __init__(self, layout: LayoutInfo, doc: Document, opts: WriteOptions, part: object,
                 resources: Path):  # fmt: skip
        self.layout = layout
        self.doc = doc
        self.opts = opts
        self.part = part  # the python-docx document part: images and charts relate to it
        self.resources = resources  # templates/: where image files are
        self._shape_id = 1000
        self.after_table = False  # the next body paragraph gets space above it
        self.parts: list[str] = []
        self.page_break_next = False
        self.bookmarks = bookmark_names(doc)
        self._cell_ppr: dict[tuple[str, Align | None, bool], str] = {}

    # -- primitives ----------------------------------------------------------------------

    def _ppr(self, style_key: str, *, align: Align | None = None, keep_next: bool = False) -> str:
        inner = f'<w:pStyle w:val="{self.layout.style_ids[style_key]}"/>'
        if keep_next:
            inner += "<w:keepNext/>"
        if self.page_break_next:
            inner += "<w:pageBreakBefore/>"
            self.page_break_next = False
        if self.after_table and style_key in ("body", "direction", "bullet"):
            inner += f'<w:spacing w:before="{SPACE_AFTER_TABLE}"/>'
        self.after_table = False
        if align is Align.RIGHT:
            inner += '<w:jc w:val="right"/>'
        return f"<w:pPr>{inner}</w:pPr>"

    @staticmethod
    def _run(text: str, bold: bool = False) -> str:
        rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def _para(self, style_key: str, content: str, **kw: object) -> str:
        return f"<w:p>{self._ppr(style_key, **kw)}{content}</w:p>"  # type: ignore[arg-type]

    # -- blocks ----------------------------------------------------------------------------

    def paragraph(self, p: Paragraph, style_key: str | None = None, **kw: object) -> str:
        key = style_key or p.style
        runs = "".join(self._run(r.text, r.bold) for r in p.runs)
        return self._para(key, runs, **kw)

    def bullets(self, b: BulletList, style_key: str = "bullet") -> str:
        return "".join(self._para(style_key, self._run(item)) for item in b.items)

    def heading(self, h: Heading, index: int) -> str:
        name = self.bookmarks[index]
        bid = 100 + index
        content = (f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/>{self._run(h.full_text)}'
                   f'<w:bookmarkEnd w:id="{bid}"/>')  # fmt: skip
        return self._para(f"heading{h.level}", content)

    def image(self, img: Image, style_key: str = "body") -> str:
        from docx.shared import Cm
        from lxml import etree

        path = self.resources / img.path
        inline = self.part.new_pic_inline(str(path), Cm(img.width_cm), None)  # type: ignore[attr-defined]
        self._shape_id += 1
        doc_pr = inline.docPr
        doc_pr.set("id", str(self._shape_id))
        doc_pr.set("descr", img.alt)
        doc_pr.set("name", Path(img.path).name)
        xml = etree.tostring(inline, encoding="unicode")
        return self._para(style_key, f"<w:r><w:drawing>{xml}</w:drawing></w:r>")

    def chart(self, ch: Chart) -> str:
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        from pipeline.write.chart import (
            CHART_CT,
            CHART_RT,
            EMU_PER_CM,
            chart_height_cm,
            chart_part_xml,
            inline_xml,
        )

        package = self.part.package  # type: ignore[attr-defined]
        partname = package.next_partname("/word/charts/chart%d.xml")
        chart_part = Part(PackURI(partname), CHART_CT, chart_part_xml(ch), package)
        r_id = self.part.relate_to(chart_part, CHART_RT)  # type: ignore[attr-defined]
        self._shape_id += 1
        cx = self.layout.text_width * 635
        cy = int(chart_height_cm(ch) * EMU_PER_CM)
        drawing = inline_xml(r_id, self._shape_id, f"Diagram {self._shape_id}", ch.alt, cx, cy)
        return self._para("caption", self._run(ch.caption), keep_next=True) + self._para(
            "body", f"<w:r>{drawing}</w:r>"
        )

    def cover(self, c: Cover) -> str:
        out = [self.image(c.logo)] if c.logo else []
        out += [
            self._para("cover_kommun", self._run(c.kommun)),
            self._para("title", self._run(c.title)),
            self._para("subtitle", self._run(c.namnd)),
        ]
        out += [self._para("cover_detail", self._run(f"{k}: {v}")) for k, v in c.details]
        return "".join(out)

    def toc(self, t: TableOfContents) -> str:
        out = [self._para("toc_heading", self._run(t.title))]
        entries = [(i, h) for i, h in enumerate(self.doc.headings) if h.level <= t.levels]
        instr = f' TOC \\o "1-{t.levels}" \\h \\z \\u '
        for n, (i, h) in enumerate(entries):
            name = self.bookmarks[i]
            page = self.opts.page_numbers.get(name)
            runs = ""
            if n == 0:
                runs += ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                         f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
                         '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')  # fmt: skip
            page_text = self._run(str(page)) if page else ""
            runs += (
                f'<w:hyperlink w:anchor="{name}" w:history="1">{self._run(h.full_text)}'
                "<w:r><w:tab/></w:r>"
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{page_text}'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
            )
            if n == len(entries) - 1:
                runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            out.append(self._para(f"toc{min(h.level, 2)}", runs))
        return "".join(out)

    def table(self, t: Table) -> str:
        widths = _column_widths(t, self.layout.text_width)
        total_w = sum(widths)
        numeric = any(c.align is Align.RIGHT for row in t.rows for c in row)
        out = [self._para("caption", self._run(t.caption), keep_next=True)]
        look = (f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="{1 if t.total_row else 0}" '
                'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')  # fmt: skip
        out.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.layout.table_style_id}"/>'
            f'<w:tblW w:w="{total_w}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{look}'
            f'<w:tblCaption w:val="{attr(t.caption)}"/>'
            f'<w:tblDescription w:val="{attr(_describe(t))}"/>'
            "</w:tblPr><w:tblGrid>"
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
            + "</w:tblGrid>"
        )
        rows = [(t.header, True), *((r, False) for r in t.rows)]
        if not numeric:
            keep = _rows_kept_with_next(len(rows), KEEP_TEXT_ROWS, 0)
        elif len(t.rows) <= KEEP_WHOLE_NUMERIC_ROWS:
            keep = set(range(len(rows) - 1))
        else:
            keep = _rows_kept_with_next(len(rows), KEEP_NUMERIC_ROWS, KEEP_NUMERIC_ROWS)
        for n, (row, is_header) in enumerate(rows):
            trpr = "<w:tblHeader/>" if is_header else ""
            if numeric or is_header or sum(len(c.text) for c in row) <= KEEP_ROW_CHARS:
                trpr += "<w:cantSplit/>"
            out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
            for cell, width in zip(row, widths, strict=True):
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
                out.append(self._cell(cell, is_header, n in keep))
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.after_table = True
        return "".join(out)

    def _cell(self, cell: Cell, is_header: bool, keep_next: bool) -> str:
        if is_header:
            key = "table_header"
        elif cell.align is Align.RIGHT:
            key = "table_number"
        else:
            key = "table"
        # A table has thousands of cells: their paragraph properties come from a small
        # cache (in a table, no page break or space-after-table flag can apply).
        ppr_key = (key, cell.align if is_header else None, keep_next)
        ppr = self._cell_ppr.get(ppr_key)
        if ppr is None:
            ppr = self._cell_ppr[ppr_key] = self._ppr(key, align=ppr_key[1], keep_next=keep_next)
        parts: list[str] = []
        for blk in cell.blocks:
            if isinstance(blk, BulletList):
                parts.append(self.bullets(blk, "table_bullet"))
            else:
                runs = "".join([self._run(r.text, r.bold) for r in blk.runs])
                parts.append(f"<w:p>{ppr}{runs}</w:p>")
        return "".join(parts) or f"<w:p>{ppr}</w:p>"

    def write(self) -> str:
        heading_index = 0
        for blk in self.doc.blocks:
            if isinstance(blk, PageBreak):
                self.page_break_next = True
            elif isinstance(blk, Heading):
                self.parts.append(self.heading(blk, heading_index))
                heading_index += 1
            elif isinstance(blk, Paragraph):
                self.parts.append(self.paragraph(blk))
            elif isinstance(blk, BulletList):
                self.parts.append(self.bullets(blk))
            elif isinstance(blk, Table):
                self.parts.append(self.table(blk))
            elif isinstance(blk, Cover):
                self.parts.append(self.cover(blk))
            elif isinstance(blk, Chart):
                self.parts.append(self.chart(blk))
            elif isinstance(blk, TableOfContents):
                self.parts.append(self.toc(blk))
            else:  # pragma: no cover - exhaustive over Block
                raise TypeError(f"unknown block {blk!r}")
        return "".join(self.parts)


TWIPS_PER_CM = 567


def _rows_kept_with_next(n_rows: int, first: int, last: int) -> set[int]:
    """Rows (0 = the header row) whose paragraphs keep with the next row.

    The header and the ``first`` data rows after it form one block with the caption; the
    ``last`` data rows form another; no row between is chained to the next.
    """
    head = set(range(min(first, n_rows - 1)))  # header -> row 1 -> ... -> row ``first``
    tail = set(range(max(n_rows - last, 1), n_rows - 1))  # row n-last -> ... -> last row
    return head | tail


def _column_widths(t: Table, text_width: int) -> list[int]:
    """Column widths in twips that fill the text width."""
    if t.widths_cm:
        fixed = [int(w * TWIPS_PER_CM) for w in t.widths]
        flexible = [i for i, w in enumerate(t.widths) if w == 0]
        rest = text_width - sum(fixed)
        if flexible and rest >= 2 * TWIPS_PER_CM * len(flexible):
            for i in flexible:
                fixed[i] = rest // len(flexible)
            return fixed
        weights = [w or 2.0 for w in t.widths]  # too narrow a page: scale everything
    else:
        weights = list(t.widths)
    scale = sum(weights)
    return [int(text_width * w / scale) for w in weights]


def _describe(t: Table) -> str:
    """A short description of a table for assistive technology."""
    columns = ", ".join(c.text for c in t.header)
    total = " Sista raden är summan (Totalt)." if t.total_row else ""
    rows = "1 rad" if len(t.rows) == 1 else f"{len(t.rows)} rader"
    return f"{t.caption}. {rows} med kolumnerna {columns}.{total}"


def _fill_header_token(doc: object, text: str) -> int:
    """Replace every header token in every header/footer of the layout; return how many."""
    count = 0
    for section in doc.sections:  # type: ignore[attr-defined]
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):  # fmt: skip
            if part.is_linked_to_previous:
                continue
            for p in part.paragraphs:
                if HEADER_TOKEN not in p.text:
                    continue
                ts = p._p.xpath(".//w:t")
                # Every token of the paragraph ("{{ sidhuvud }} | {{ sidhuvud }}"), each
                # looked for after the text that filled the one before (which may hold it).
                start = "".join(t.text or "" for t in ts).find(HEADER_TOKEN)
                while start >= 0:
                    # A token split over runs by Word's editing: gather it into the first run.
                    pos = 0
                    for t in ts:
                        s = t.text or ""
                        end = pos + len(s)
                        if end > start and pos < start + len(HEADER_TOKEN):
                            keep_before = s[: max(0, start - pos)]
                            keep_after = s[max(0, start + len(HEADER_TOKEN) - pos) :]
                            first = pos <= start < end
                            t.text = keep_before + (text if first else "") + keep_after
                        pos = end
                    count += 1
                    joined = "".join(t.text or "" for t in ts)
                    start = joined.find(HEADER_TOKEN, start + len(text))
    return count


def write_docx(doc: Document, layout_path: Path, out: Path | io.BytesIO,
               opts: WriteOptions | None = None) -> None:  # fmt: skip
    """Write ``doc`` in the layout of ``layout_path`` to ``out`` (a path or a stream)."""
    import docx

    opts = opts or WriteOptions()
    try:
        wdoc = docx.Document(str(layout_path))
    except Exception as exc:
        raise ConfigError(f"{layout_path}: Word-mallen kan inte öppnas ({exc}).") from None
    layout = _check_layout(wdoc, layout_path)

    body = wdoc.element.body
    sect_pr = body.sectPr
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    xml = _BodyWriter(layout, doc, opts, wdoc.part, Path(layout_path).parent).write()

    if not _fill_header_token(wdoc, doc.running_title):
        raise ConfigError(f"{layout_path}: sidhuvudet saknar platshållaren {HEADER_TOKEN}.")

    props = wdoc.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.language = doc.language
    props.keywords = ", ".join(doc.keywords)
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.revision = 1
    when = opts.created or datetime(2000, 1, 1)
    props.created = when
    props.modified = when
    # Nothing else of the layout's own properties (a Word-saved layout.docx has some).
    for tag in ("category", "contentStatus", "identifier", "version", "lastPrinted"):
        getattr(props._element, f"_remove_{tag}")()  # python-docx's ZeroOrOne removers

    data = _package_bytes(wdoc, xml)
    if isinstance(out, io.BytesIO):
        out.write(data)
    else:
        Path(out).write_bytes(data)


class _Entries:
    """Collects a package's zip entries from python-docx's PackageWriter steps."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def write(self, uri: object, blob: bytes) -> None:
        self.blobs[uri.membername] = blob  # type: ignore[attr-defined]


def _package_bytes(wdoc: object, body_xml: str) -> bytes:
    """The .docx bytes: python-docx's parts, with the generated body spliced into
    word/document.xml as text.

    The body is never parsed: re-parsing and re-serializing it cost as much as writing it,
    and moving thousands of parsed elements between lxml trees grows faster than linearly
    (issue 6). Its text comes from fixed markup and escaped values (xmltext); characters
    XML forbids are removed here, so the part is well-formed. The parts are zipped once,
    with fixed times and order (python-docx's own save would compress them, and a second
    pass would have to undo that to fix the entry times).
    """
    from docx.opc.pkgwriter import PackageWriter
    from lxml import etree

    package = wdoc.part.package  # type: ignore[attr-defined]
    app_part = _app_properties_part(package)
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    PackageWriter._write_content_types_stream(entries, parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, parts)

    element = wdoc.part.element  # type: ignore[attr-defined]
    skeleton = etree.tostring(element, encoding="unicode")
    cut = skeleton.rindex("<w:sectPr")
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                + skeleton[:cut] + body_xml + skeleton[cut:])  # fmt: skip
    entries.blobs[wdoc.part.partname.membername] = xml_bytes(document)  # type: ignore[attr-defined]
    entries.blobs[app_part.partname.membername] = APP_PROPERTIES_XML
    return fixed_zip(entries.blobs.items(), sort=True)


def _app_properties_part(package: object) -> object:
    """The package's extended-properties part (docProps/app.xml), added if the layout has
    none; its content is replaced by ``APP_PROPERTIES_XML`` when the package is written."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    for rel in package.rels.values():  # type: ignore[attr-defined]
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            return rel.target_part
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_PROPERTIES_XML,
                package)  # type: ignore[arg-type]  # fmt: skip
    package.relate_to(part, RT.EXTENDED_PROPERTIES)  # type: ignore[attr-defined]
    return part
