"""What the Word writer and compose make of a plan, read back from the .docx structure.

The cover, bold exactly where the plan has it, figures right-aligned and names left-aligned,
the table of contents as one field over its entries, bookmarks and hyperlinks, the heading
numbering, repeating header rows; and which goals chapter 2 shows. Expected values come from
the workbooks (read with openpyxl) or are written out here, never from the code under test.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from pipeline.build import build, check
from pipeline.compose.blocks import compose
from pipeline.compose.docmodel import (
    Align,
    BulletList,
    Cell,
    Chart,
    Cover,
    Document,
    Heading,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from pipeline.model.plan import build_plan
from pipeline.spec.config import KommunConfig
from pipeline.write.word import WriteOptions, bookmark_names, write_docx

from .conftest import ROOT
from .docx_read import q

NB = "\u00a0"
M = "\u2212"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMU_PER_CM = 360_000
TECHNICAL = ROOT / "indata" / "tekniska-namnden-2024.xlsx"


# -- reading the package --------------------------------------------------------------------


class Package:
    """A .docx opened for structure tests: parts, styles, body."""

    def __init__(self, source: Path | bytes) -> None:
        data = source.read_bytes() if isinstance(source, Path) else source
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.blobs = {n: zf.read(n) for n in zf.namelist()}
        self.document = etree.fromstring(self.blobs["word/document.xml"])
        self.body = self.document.find(q("w:body"))
        styles = etree.fromstring(self.blobs["word/styles.xml"])
        self.style_name: dict[str, str] = {}
        self.style_el: dict[str, etree._Element] = {}
        for s in styles.iter(q("w:style")):
            sid = s.get(q("w:styleId"))
            self.style_name[sid] = s.find(q("w:name")).get(q("w:val"))
            self.style_el[sid] = s
        rels = etree.fromstring(self.blobs["word/_rels/document.xml.rels"])
        self.rels = {r.get("Id"): r.get("Target") for r in rels}

    def style_of(self, p: etree._Element) -> str:
        ps = p.find(f"{q('w:pPr')}/{q('w:pStyle')}")
        return self.style_name[ps.get(q("w:val"))] if ps is not None else "Normal"

    def alignment(self, p: etree._Element) -> str:
        """The paragraph's effective alignment: its own jc, else its style's (basedOn)."""
        jc = p.find(f"{q('w:pPr')}/{q('w:jc')}")
        ps = p.find(f"{q('w:pPr')}/{q('w:pStyle')}")
        sid = ps.get(q("w:val")) if ps is not None else None
        while jc is None and sid is not None:
            style = self.style_el[sid]
            jc = style.find(f"{q('w:pPr')}/{q('w:jc')}")
            based = style.find(q("w:basedOn"))
            sid = based.get(q("w:val")) if based is not None else None
        value = jc.get(q("w:val")) if jc is not None else "left"
        return {"start": "left", "end": "right"}.get(value, value)

    def paragraphs(self) -> list[etree._Element]:
        return self.body.findall(q("w:p"))

    def part_of(self, r_id: str) -> etree._Element:
        return etree.fromstring(self.blobs[f"word/{self.rels[r_id]}"])


def text_of(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(q("w:t")))


def runs(el: etree._Element) -> list[tuple[str, bool]]:
    """Every text run under ``el`` in order: (text, bold)."""
    out = []
    for r in el.iter(q("w:r")):
        if r.find(q("w:t")) is None:
            continue  # field characters, tabs, drawings
        b = r.find(f"{q('w:rPr')}/{q('w:b')}")
        bold = b is not None and b.get(q("w:val")) not in ("0", "false")
        out.append((text_of(r), bold))
    return out


def has(p: etree._Element, prop: str) -> bool:
    return p.find(f"{q('w:pPr')}/{q(prop)}") is not None


def plan_document(path: Path, cfg: KommunConfig) -> Document:
    result = check(path, cfg)
    assert result.valid is not None, [str(f) for f in result.findings]
    return compose(build_plan(result.valid), cfg)


def written(doc: Document, cfg: KommunConfig, opts: WriteOptions | None = None) -> Package:
    out = io.BytesIO()
    write_docx(doc, cfg.layout_path, out, opts)
    return Package(out.getvalue())


# Each test builds its own plan (half a second): a test that reads a plan built once for the
# session would, to mutation testing's per-test coverage, not depend on the writer at all.


@pytest.fixture
def example_pkg(example: Path, cfg: KommunConfig, tmp_path: Path) -> Package:
    out = tmp_path / "socialnamnden-2024.docx"
    assert build(example, out, cfg).output == out
    return Package(out)


@pytest.fixture
def second_pkg(second: Path, cfg: KommunConfig, tmp_path: Path) -> Package:
    out = tmp_path / "kultur-och-fritidsnamnden-2026.docx"
    assert build(second, out, cfg).output == out
    return Package(out)


def cover_paragraphs(pkg: Package) -> list[etree._Element]:
    """The paragraphs before the table of contents' heading."""
    out = []
    for p in pkg.paragraphs():
        if pkg.style_of(p) == "TOC Heading":
            return out
        out.append(p)
    raise AssertionError("no table of contents heading")


# -- the cover --------------------------------------------------------------------------------


def test_cover_names_the_kommun_the_title_and_the_namnd(example_pkg: Package) -> None:
    cover = cover_paragraphs(example_pkg)
    assert [(example_pkg.style_of(p), text_of(p)) for p in cover] == [
        ("Normal", ""),  # the logo
        ("Försättsblad kommun", "Enköpings kommun"),
        ("Title", "Nämndplan med budget 2024 och plan för 2025–2026"),
        ("Subtitle", "Socialnämnden"),
    ]
    assert cover[0].find(f".//{q('w:drawing')}") is not None
    assert all(not bold for p in cover for _, bold in runs(p))


def _grunddata(path: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)["Grunddata"]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}


def test_cover_carries_the_details_the_controller_gave(second_pkg: Package, second: Path) -> None:
    given = _grunddata(second)
    assert (given["Diarienummer"], str(given["Beslutsdatum"])[:10], given["Kontaktperson"]) == (
        "KFN2025/123", "2025-10-22", "Maria Holmberg, controller, kultur- och fritidsförvaltningen"
    )  # fmt: skip
    cover = cover_paragraphs(second_pkg)
    assert [(second_pkg.style_of(p), text_of(p)) for p in cover[1:]] == [
        ("Försättsblad kommun", "Enköpings kommun"),
        ("Title", "Nämndplan med budget 2026 och plan för 2027–2028"),
        ("Subtitle", "Kultur- och fritidsnämnden"),
        ("Försättsblad uppgift", "Diarienummer: KFN2025/123"),
        ("Försättsblad uppgift", "Beslutsdatum: 22 oktober 2025"),
        ("Försättsblad uppgift",
         "Kontaktperson: Maria Holmberg, controller, kultur- och fritidsförvaltningen"),
    ]  # fmt: skip


def test_cover_leaves_out_a_detail_not_given(cfg: KommunConfig, tmp_path: Path) -> None:
    given = _grunddata(TECHNICAL)
    assert given["Kontaktperson"] is None and given["Diarienummer"] == "TN2023/305"
    out = tmp_path / "tn.docx"
    assert build(TECHNICAL, out, cfg).output == out
    pkg = Package(out)
    details = [
        text_of(p) for p in cover_paragraphs(pkg) if pkg.style_of(p) == "Försättsblad uppgift"
    ]
    assert details == ["Diarienummer: TN2023/305", "Beslutsdatum: 23 november 2023"]


def test_cover_logo_is_the_kommuns_image_with_its_alt_text(example_pkg: Package) -> None:
    logo = cover_paragraphs(example_pkg)[0]
    inline = logo.find(f".//{WP}inline")
    doc_pr = inline.find(f"{WP}docPr")
    assert doc_pr.get("descr") == "Enköpings kommuns logotyp"  # [logotyp] alt in kommun.toml
    assert int(inline.find(f"{WP}extent").get("cx")) == 5 * EMU_PER_CM  # bredd_cm = 5.0
    blip = inline.find(f".//{A}blip")
    target = example_pkg.rels[blip.get(f"{R}embed")]
    assert example_pkg.blobs[f"word/{target}"] == (ROOT / "templates" / "logo.png").read_bytes()


def test_the_cover_page_has_no_running_header(example_pkg: Package) -> None:
    sections = list(example_pkg.body.iter(q("w:sectPr")))
    assert len(sections) == 1  # one section: its first page is the cover
    sect = sections[0]
    assert sect.find(q("w:titlePg")) is not None
    refs = {h.get(q("w:type")): h.get(f"{R}id") for h in sect.findall(q("w:headerReference"))}
    first, default = example_pkg.part_of(refs["first"]), example_pkg.part_of(refs["default"])
    assert text_of(first) == "" and not list(first.iter(q("w:instrText")))
    assert text_of(default).startswith(
        "Socialnämnden, Nämndplan med budget 2024 och plan för 2025–2026"
    )
    assert [i.text.strip() for i in default.iter(q("w:instrText"))] == ["PAGE", "NUMPAGES"]
    # The table of contents starts page 2: nothing on the cover breaks the page before it.
    cover = cover_paragraphs(example_pkg)
    assert not any(has(p, "w:pageBreakBefore") for p in cover)
    assert not [br for p in cover for br in p.iter(q("w:br"))]
    toc_heading = example_pkg.paragraphs()[len(cover)]
    assert has(toc_heading, "w:pageBreakBefore") and text_of(toc_heading) == "Innehåll"


# -- bold --------------------------------------------------------------------------------------


def _column(path: Path, sheet: str, header: str) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index(header)
    return [r for r in rows[1:] if r[col] is not None]


def test_bold_is_the_totalt_rows_commission_headings_directions_and_goals(
    example_pkg: Package, example: Path
) -> None:
    commissions = _column(example, "Satsningar och uppdrag", "Rubrik")
    headings = [r[1] for r in commissions if r[0] == "Särskild satsning"] + [
        r[1] for r in commissions if r[0] == "Uppdrag"
    ]
    directions = {r[0]: r[1] for r in _column(example, "Grunduppdrag", "Inriktning")}
    goals = [r[0] for r in _column(example, "Utvecklingsmål", "Utvecklingsmål")]
    assert len(headings) == 4 and len(goals) == 5
    expected = [
        *headings,
        *(directions[p] for p in ("Målgrupp", "Medarbetare", "Ekonomi")),
        *goals,
        "Totalt", f"{M}254,7", f"{M}260,8", f"{M}273,8", f"{M}7,8", f"{M}281,6", f"{M}282,8",
        f"{M}286,1",
        "Totalt", f"{M}0,3", f"{M}0,3", "0,1", f"{M}0,2", f"{M}0,2", f"{M}0,2",
    ]  # fmt: skip
    bold = [t for t, b in runs(example_pkg.body) if b and t]
    assert bold == expected
    assert len([t for t, b in runs(example_pkg.body) if not b]) > 300  # the rest is not


def _model_runs(blocks: tuple[object, ...]) -> list[tuple[str, bool]]:
    """The runs the document model gives each text paragraph, in order."""
    out: list[tuple[str, bool]] = []

    def cell_blocks(cell: Cell) -> None:
        for blk in cell.blocks:
            if isinstance(blk, Paragraph):
                out.extend((r.text, r.bold) for r in blk.runs)
            else:
                out.extend((item, False) for item in blk.items)

    for blk in blocks:
        if isinstance(blk, Paragraph):
            out.extend((r.text, r.bold) for r in blk.runs)
        elif isinstance(blk, BulletList):
            out.extend((item, False) for item in blk.items)
        elif isinstance(blk, Heading):
            out.append((blk.full_text, False))
        elif isinstance(blk, Chart):
            out.append((blk.caption, False))
        elif isinstance(blk, Table):
            out.append((blk.caption, False))
            for row in (blk.header, *blk.rows):
                for cell in row:
                    cell_blocks(cell)
    return out


def test_the_writer_makes_bold_exactly_the_runs_the_model_marks(
    example: Path, cfg: KommunConfig
) -> None:
    doc = plan_document(example, cfg)
    body_blocks = tuple(b for b in doc.blocks if not isinstance(b, Cover | TableOfContents))
    doc = doc._replace(blocks=body_blocks)
    got = runs(written(doc, cfg).body)
    want = _model_runs(body_blocks)
    assert len(want) > 400 and any(b for _, b in want) and not all(b for _, b in want)
    assert got == want


def test_mixed_runs_keep_their_own_weight(cfg: KommunConfig) -> None:
    para = Paragraph((Run("Inriktning: "), Run("Utveckla", bold=True), Run(" och mer.")))
    table = Table("T", (Cell.of("A"), Cell.of("B")),
                  ((Cell.of("namn", bold=True), Cell((para,))),), (1.0, 1.0))  # fmt: skip
    doc = Document("t", "Rubrik", "sv-SE", (Heading(1, "R"), para, table))
    got = runs(written(doc, cfg).body)
    assert got == [
        ("R", False),
        ("Inriktning: ", False), ("Utveckla", True), (" och mer.", False),
        ("T", False), ("A", False), ("B", False),
        ("namn", True), ("Inriktning: ", False), ("Utveckla", True), (" och mer.", False),
    ]  # fmt: skip


# -- alignment -----------------------------------------------------------------------------------

FIGURE_TABLES = ("Verksamhet (Mnkr)", "Investeringar (Mnkr)", "Volymer", "Nämndens nyckeltal",
                 "Nyckeltal")  # fmt: skip


def test_figures_are_right_aligned_and_names_left_aligned(example_pkg: Package) -> None:
    seen = set()
    text_tables = 0
    for tbl in example_pkg.body.iter(q("w:tbl")):
        rows = tbl.findall(q("w:tr"))
        first = text_of(rows[0].find(q("w:tc")))
        for row in rows:
            cells = row.findall(q("w:tc"))
            aligns = [{example_pkg.alignment(p) for p in tc.iter(q("w:p"))} for tc in cells]
            if first in FIGURE_TABLES:
                assert aligns == [{"left"}] + [{"right"}] * (len(cells) - 1), (first, text_of(row))
            else:
                assert all(a == {"left"} for a in aligns), (first, text_of(row))
        if first in FIGURE_TABLES:
            seen.add(first)
        else:
            text_tables += 1
    assert seen == set(FIGURE_TABLES) and text_tables == 3


# -- the table of contents, bookmarks and hyperlinks ----------------------------------------------

TOC_INSTR = ' TOC \\o "1-2" \\h \\z \\u '


def _fields(body: etree._Element) -> list[dict[str, object]]:
    """Complex fields in document order: instruction, result text and the body paragraph
    (index) of their begin, separate and end characters; nesting kept by a stack."""
    paragraphs = {p: i for i, p in enumerate(body.findall(q("w:p")))}

    def para_of(el: etree._Element) -> int:
        while el.getparent() is not body:
            el = el.getparent()
        return paragraphs.get(el, -1)

    done: list[dict[str, object]] = []
    stack: list[dict[str, object]] = []
    for el in body.iter(q("w:fldChar"), q("w:instrText"), q("w:t")):
        if el.tag == q("w:fldChar"):
            kind = el.get(q("w:fldCharType"))
            if kind == "begin":
                stack.append({"instr": "", "result": "", "begin": para_of(el), "depth": len(stack)})
            elif kind == "separate":
                stack[-1]["separate"] = para_of(el)
            else:
                field = stack.pop()
                field["end"] = para_of(el)
                done.append(field)
        elif stack and el.tag == q("w:instrText"):
            stack[-1]["instr"] = str(stack[-1]["instr"]) + (el.text or "")
        elif stack and "separate" in stack[-1]:
            stack[-1]["result"] = str(stack[-1]["result"]) + (el.text or "")
    assert not stack, "a field without its end"
    return sorted(done, key=lambda f: (f["begin"], f["depth"]))


def _toc(pkg: Package) -> tuple[list[int], list[etree._Element]]:
    """Body paragraph indexes of the TOC entries, and the heading paragraphs (levels 1-2)."""
    paras = pkg.paragraphs()
    entries = [i for i, p in enumerate(paras) if pkg.style_of(p) in ("toc 1", "toc 2")]
    headings = [p for p in paras if pkg.style_of(p) in ("heading 1", "heading 2")]
    return entries, headings


def test_toc_is_one_field_over_one_entry_per_heading(example_pkg: Package) -> None:
    paras = example_pkg.paragraphs()
    entries, headings = _toc(example_pkg)
    assert len(entries) == len(headings) == 22  # 7 chapters, 15 sections
    assert entries == list(range(entries[0], entries[0] + len(entries)))  # one block
    assert [text_of(paras[i]) for i in entries] == [text_of(h) for h in headings]
    assert [example_pkg.style_of(paras[i])[-1] for i in entries] == [
        example_pkg.style_of(h)[-1] for h in headings
    ]  # toc 1 for heading 1, toc 2 for heading 2
    fields = _fields(example_pkg.body)
    toc = [f for f in fields if f["instr"] == TOC_INSTR]
    assert len(toc) == 1 and toc[0]["depth"] == 0
    assert (toc[0]["begin"], toc[0]["separate"], toc[0]["end"]) == (
        entries[0], entries[0], entries[-1])  # fmt: skip
    pagerefs = [f for f in fields if f is not toc[0]]
    assert len(pagerefs) == len(entries)  # no other field in the body
    for entry, field in zip(entries, pagerefs, strict=True):
        assert field["depth"] == 1 and field["begin"] == field["end"] == entry
        assert re.fullmatch(r" PAGEREF _Toc\d+ \\h ", str(field["instr"]))
        assert field["result"] == ""  # built without the layout pass: no page numbers yet
    # The field opens before the first entry's link and closes after the last one's.
    first = [el.tag for el in paras[entries[0]] if el.tag != q("w:pPr")]
    last = [el.tag for el in paras[entries[-1]] if el.tag != q("w:pPr")]
    assert first[:3] == [q("w:r")] * 3 and first[3] == q("w:hyperlink") and len(first) == 4
    assert last == [q("w:hyperlink"), q("w:r")]
    assert paras[entries[-1]][-1].find(q("w:fldChar")).get(q("w:fldCharType")) == "end"
    assert all([el.tag for el in paras[i] if el.tag != q("w:pPr")] == [q("w:hyperlink")]
               for i in entries[1:-1])  # fmt: skip


def test_toc_links_and_pagerefs_point_at_bookmarks_around_the_headings(
    example_pkg: Package,
) -> None:
    paras = example_pkg.paragraphs()
    entries, headings = _toc(example_pkg)
    all_marks = [b.get(q("w:name")) for b in example_pkg.body.iter(q("w:bookmarkStart"))]
    assert len(all_marks) == len(set(all_marks))
    for i, heading in zip(entries, headings, strict=True):
        children = [el for el in heading if el.tag != q("w:pPr")]
        start, end = children[0], children[-1]
        assert start.tag == q("w:bookmarkStart") and end.tag == q("w:bookmarkEnd")
        assert start.get(q("w:id")) == end.get(q("w:id"))
        assert text_of(heading) == "".join(text_of(c) for c in children[1:-1])  # inside
        link = paras[i].find(q("w:hyperlink"))
        assert link.get(q("w:anchor")) == start.get(q("w:name"))
        instr = "".join(t.text for t in link.iter(q("w:instrText")))
        assert instr == f" PAGEREF {start.get(q('w:name'))} \\h "
        assert text_of(link) == text_of(heading)
    # Headings of levels 3 and 4 have bookmarks too but are not in the table of contents.
    assert len(all_marks) > len(headings)


def test_toc_page_numbers_are_written_into_the_pagerefs(example: Path, cfg: KommunConfig) -> None:
    doc = plan_document(example, cfg)
    names = bookmark_names(doc)
    pages = {name: 3 + n // 4 for n, name in enumerate(names.values())}
    pkg = written(doc, cfg, WriteOptions(page_numbers=pages))
    entries, _ = _toc(pkg)
    paras = pkg.paragraphs()
    fields = [f for f in _fields(pkg.body) if f["instr"] != TOC_INSTR]
    assert len(fields) == len(entries) == 22
    for field in fields:
        name = re.fullmatch(r" PAGEREF (_Toc\d+) \\h ", str(field["instr"]))[1]  # type: ignore[index]
        assert field["result"] == str(pages[name])
    # The number follows the tab, so the style's right tab stop with dots sets it flush right.
    first = paras[entries[0]].find(q("w:hyperlink"))
    assert first[1].find(q("w:tab")) is not None
    assert text_of(paras[entries[0]]) == "1.0 Enköpings kommuns styrmodell3"


# -- headings and tables --------------------------------------------------------------------------


def test_headings_are_numbered_by_chapter(example_pkg: Package) -> None:
    headings = [(int(example_pkg.style_of(p)[-1]), text_of(p)) for p in example_pkg.paragraphs()
                if example_pkg.style_of(p).startswith("heading ")]  # fmt: skip
    top = sub = 0
    numbered = 0
    for level, text in headings:
        if level == 1:
            top, sub = top + 1, 0
            assert text.startswith(f"{top}.0 "), text
        elif level == 2:
            sub += 1
            assert text.startswith(f"{top}.{sub} "), text
        else:
            assert not re.match(r"\d+\.\d+ ", text), text
            continue
        numbered += 1
    assert top == 7 and numbered == 22
    assert [t for lvl, t in headings if lvl == 1][-1] == "7.0 Nämndens hållbarhetsarbete"
    assert ("2", "2.4 Stolthet") in [(str(lvl), t) for lvl, t in headings]


def test_only_the_header_row_repeats_and_no_row_splits_in_a_figure_table(
    example_pkg: Package,
) -> None:
    tables = list(example_pkg.body.iter(q("w:tbl")))
    assert len(tables) == 11
    for tbl in tables:
        rows = tbl.findall(q("w:tr"))
        flags = [(r.find(f"{q('w:trPr')}/{q('w:tblHeader')}") is not None,
                  r.find(f"{q('w:trPr')}/{q('w:cantSplit')}") is not None) for r in rows]  # fmt: skip
        assert flags[0] == (True, True)
        assert not any(header for header, _ in flags[1:])
        if text_of(rows[0].find(q("w:tc"))) in FIGURE_TABLES:
            assert all(cant for _, cant in flags)


# -- compose: which goals chapter 2 shows -----------------------------------------------------------


def _chapter_2(doc: Document) -> dict[str, list[object]]:
    """Level-2 heading text -> the blocks under it, in chapter 2."""
    out: dict[str, list[object]] = {}
    current: list[object] | None = None
    in_chapter = False
    for blk in doc.blocks:
        if isinstance(blk, Heading) and blk.level == 1:
            in_chapter = blk.text.startswith("Innebörden av kommunfullmäktiges målbild")
            current = None
        elif in_chapter and isinstance(blk, Heading) and blk.level == 2:
            current = out.setdefault(blk.text, [])
        elif in_chapter and current is not None:
            current.append(blk)
    return out


def _edited(example: Path, tmp_path: Path, empty: dict[str, list[int]]) -> Path:
    """The example with whole rows emptied: ``{sheet: [row, ...]}``."""
    wb = openpyxl.load_workbook(example)
    for sheet, rows in empty.items():
        for r in rows:
            for cell in wb[sheet][r]:
                cell.value = None
    path = tmp_path / "mal.xlsx"
    wb.save(path)
    return path


def test_a_goal_with_only_a_text_or_only_key_figures_is_in_chapter_2(
    example: Path, cfg: KommunConfig, tmp_path: Path
) -> None:
    # In the example every goal has both. Here Samhörighet keeps its text but loses its key
    # figure, Självständighet keeps its key figure but loses its text, Stolthet loses both.
    wb = openpyxl.load_workbook(example)
    assert [wb["Målbild"].cell(r, 1).value for r in (3, 4, 5)] == [
        "Samhörighet", "Självständighet", "Stolthet"]  # fmt: skip
    assert [wb["Nyckeltal"].cell(r, 1).value for r in (3, 4, 5)] == [
        "Samhörighet", "Självständighet", "Stolthet"]  # fmt: skip
    text = wb["Målbild"].cell(3, 2).value
    path = _edited(example, tmp_path, {"Målbild": [4, 5], "Nyckeltal": [3, 5]})
    chapter = _chapter_2(plan_document(path, cfg))
    assert list(chapter) == ["Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet"]
    only_text = chapter["Samhörighet"]
    assert not [b for b in only_text if isinstance(b, Table)]
    assert [b.text for b in only_text if isinstance(b, Paragraph)] == text.split("\n")
    only_figures = chapter["Självständighet"]
    assert [type(b).__name__ for b in only_figures] == ["Table"]
    rows = only_figures[0].rows  # type: ignore[attr-defined]
    assert [[c.text for c in row] for row in rows] == [[
        "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat "
        "försörjningsstöd, andel (%)", f"75{NB}%", f"62{NB}%"]]  # fmt: skip


# -- the writer's smaller decisions ------------------------------------------------------------


def _doc(*blocks: object) -> Document:
    return Document("T", "Rubrik", "sv-SE", tuple(blocks))  # type: ignore[arg-type]


def _spacing_before(p: etree._Element) -> str | None:
    spacing = p.find(f"{q('w:pPr')}/{q('w:spacing')}")
    return spacing.get(q("w:before")) if spacing is not None else None


def test_the_first_body_paragraph_after_a_table_gets_space_above(cfg: KommunConfig) -> None:
    table = Table("Tabell", (Cell.of("A"),), ((Cell.of("a"),),), (1.0,))
    pkg = written(_doc(table, Paragraph.of("Efter"), Paragraph.of("Sedan"),
                       table, BulletList(("punkt",)),
                       table, Paragraph((Run("Utveckla", bold=True),), "direction"),
                       table, Heading(2, "Rubrik"), Paragraph.of("Under rubriken")), cfg)  # fmt: skip
    got = [(text_of(p), _spacing_before(p)) for p in pkg.paragraphs()
           if pkg.style_of(p) not in ("caption",)]  # fmt: skip
    assert got == [
        ("Efter", "160"), ("Sedan", None), ("punkt", "160"), ("Utveckla", "160"),
        ("Rubrik", None), ("Under rubriken", None),
    ]  # fmt: skip


def test_a_page_break_is_page_break_before_on_the_next_paragraph_only(cfg: KommunConfig) -> None:
    from pipeline.compose.docmodel import PageBreak

    pkg = written(_doc(Paragraph.of("Ett"), PageBreak(), Paragraph.of("Två"),
                       Paragraph.of("Tre")), cfg)  # fmt: skip
    assert [(text_of(p), has(p, "w:pageBreakBefore")) for p in pkg.paragraphs()] == [
        ("Ett", False), ("Två", True), ("Tre", False)]  # fmt: skip
    assert not list(pkg.body.iter(q("w:br")))


def test_a_cover_without_a_logo_has_no_drawing(cfg: KommunConfig) -> None:
    cover = Cover("Kommunen", "Nämnden", "Nämndplan med budget 2030 och plan för 2031–2032")
    pkg = written(_doc(cover, Paragraph.of("Text")), cfg)
    assert [(pkg.style_of(p), text_of(p)) for p in pkg.paragraphs()] == [
        ("Försättsblad kommun", "Kommunen"),
        ("Title", "Nämndplan med budget 2030 och plan för 2031–2032"),
        ("Subtitle", "Nämnden"),
        ("Normal", "Text"),
    ]
    assert not list(pkg.body.iter(q("w:drawing")))
    assert not [n for n in pkg.blobs if n.startswith("word/media/")]


def test_a_text_row_splits_over_pages_only_when_it_is_long(cfg: KommunConfig) -> None:
    from pipeline.write.word import KEEP_ROW_CHARS

    def row(n: int) -> tuple[Cell, ...]:
        return (Cell.of("a" * n), Cell.of(""))

    table = Table("T", (Cell.of("A"), Cell.of("B")),
                  (row(KEEP_ROW_CHARS), row(KEEP_ROW_CHARS + 1)), (1.0, 1.0))  # fmt: skip
    figures = Table("F", (Cell.of("A"), Cell.of("1", Align.RIGHT)),
                    ((Cell.of("a" * (KEEP_ROW_CHARS + 1)), Cell.of("1", Align.RIGHT)),),
                    (1.0, 1.0))  # fmt: skip
    pkg = written(_doc(table, figures), cfg)
    cant = [[r.find(f"{q('w:trPr')}/{q('w:cantSplit')}") is not None for r in t.findall(q("w:tr"))]
            for t in pkg.body.iter(q("w:tbl"))]  # fmt: skip
    assert cant == [[True, True, False], [True, True]]  # a row of figures never splits


def test_rows_kept_with_the_last_ones() -> None:
    from pipeline.write.word import _rows_kept_with_next

    assert _rows_kept_with_next(3, 0, 2) == {1}  # header, row 1 -> row 2 (the last)
    assert _rows_kept_with_next(6, 1, 3) == {0, 3, 4}


def test_column_widths_scale_when_the_page_is_too_narrow() -> None:
    from pipeline.write.word import _column_widths

    table = Table("T", (Cell.of("A"), Cell.of("B"), Cell.of("C")),
                  ((Cell.of("a"), Cell.of("b"), Cell.of("c")),), (0.0, 2.0, 2.0),
                  widths_cm=True)  # fmt: skip
    # 2 cm = 1134 twips each; the rest of 5000 twips (2732) is at least 2 cm: it is the name's.
    assert _column_widths(table, 5000) == [2732, 1134, 1134]
    assert _column_widths(table, 2268 + 1134) == [1134, 1134, 1134]  # exactly 2 cm left
    # Less than 2 cm left: every column scales, the flexible one weighs as 2 cm.
    assert _column_widths(table, 3000) == [1000, 1000, 1000]
    assert _column_widths(table._replace(widths=(0.0, 4.0, 2.0)), 4000) == [1000, 2000, 1000]


def test_document_dates_default_to_2000_when_none_is_given(cfg: KommunConfig) -> None:
    import docx

    out = io.BytesIO()
    write_docx(_doc(Paragraph.of("x")), cfg.layout_path, out)
    props = docx.Document(io.BytesIO(out.getvalue())).core_properties
    assert (props.created.isoformat(), props.modified.isoformat()) == (
        "2000-01-01T00:00:00+00:00", "2000-01-01T00:00:00+00:00")  # fmt: skip


def test_a_layout_missing_styles_names_them_all(cfg: KommunConfig, tmp_path: Path) -> None:
    import docx

    from pipeline.spec.config import ConfigError

    layout = docx.Document(str(cfg.layout_path))
    for name in ("Tabelltal", "Nämndplan tabell"):
        style = layout.styles[name]
        style.element.getparent().remove(style.element)
    bad = tmp_path / "layout.docx"
    layout.save(str(bad))
    with pytest.raises(ConfigError) as err:
        write_docx(_doc(Paragraph.of("x")), bad, io.BytesIO())
    assert str(err.value) == (
        f"{bad}: Word-mallen saknar formatmallarna Nämndplan tabell, Tabelltal. "
        "Lägg till dem i Word (Format > Formatmallar) med exakt de namnen."
    )


def test_a_layout_that_is_no_word_file_or_has_no_header_token_is_refused(
    cfg: KommunConfig, tmp_path: Path
) -> None:
    import docx

    from pipeline.spec.config import ConfigError

    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"inte en zip")
    with pytest.raises(ConfigError) as err:
        write_docx(_doc(Paragraph.of("x")), broken, io.BytesIO())
    assert str(err.value).startswith(f"{broken}: Word-mallen kan inte öppnas (")
    layout = docx.Document(str(cfg.layout_path))
    for section in layout.sections:
        for part in (section.header, section.first_page_header):
            for p in part.paragraphs:
                for t in p._p.xpath(".//w:t"):
                    t.text = (t.text or "").replace("{{ sidhuvud }}", "Rubrik")
    plain = tmp_path / "utan.docx"
    layout.save(str(plain))
    with pytest.raises(ConfigError) as err:
        write_docx(_doc(Paragraph.of("x")), plain, io.BytesIO())
    assert str(err.value) == f"{plain}: sidhuvudet saknar platshållaren {{{{ sidhuvud }}}}."


def test_a_header_token_split_over_runs_by_word_is_filled(cfg: KommunConfig) -> None:
    import docx

    from pipeline.write.word import _fill_header_token

    layout = docx.Document(str(cfg.layout_path))
    section = layout.sections[0]
    first = section.first_page_header  # the cover's: no token there in the layout
    first.paragraphs[0].text = "Ingen platshållare"
    p = first.add_paragraph()
    for piece in ("Före {{ sid", "huv", "ud }} efter", " och slut"):
        p.add_run(piece)
    count = _fill_header_token(layout, "Nämnden, Nämndplan")
    assert count == 2  # the running header and this one
    assert [r.text for r in p.runs] == ["Före Nämnden, Nämndplan", "", " efter", " och slut"]
    assert first.paragraphs[0].text == "Ingen platshållare"
    assert "{{" not in " ".join(x.text for x in section.header.paragraphs)
