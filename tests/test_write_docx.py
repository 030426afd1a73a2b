"""The .docx itself: styles, lists, tables, header and fields, properties, reproducibility."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from pipeline.compose.docmodel import Document, Heading, Paragraph
from pipeline.spec.config import ConfigError, KommunConfig, load_config
from pipeline.write.word import write_docx

from .docx_read import q, read_docx


def test_running_header_with_page_and_numpages_fields(built_example: Path) -> None:
    content = read_docx(built_example)
    headers = content.part_texts("word/header")
    assert any(
        "Socialnämnden, Nämndplan med budget 2024 och plan för 2025–2026" in h for h in headers
    )
    instr = " ".join(
        (n.text or "")
        for name, x in content.xml.items()
        if name.startswith("word/header")
        for n in x.iter(q("w:instrText"))
    )
    assert "PAGE" in instr and "NUMPAGES" in instr
    assert "{{ sidhuvud }}" not in " ".join(headers)


def test_cover_has_no_running_header(built_example: Path) -> None:
    d = docx.Document(str(built_example))
    section = d.sections[0]
    assert section.different_first_page_header_footer
    assert "Nämndplan" not in " ".join(p.text for p in section.first_page_header.paragraphs)


def test_a4_page(built_example: Path) -> None:
    section = docx.Document(str(built_example)).sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_table_of_contents_field_lists_the_headings(built_example: Path) -> None:
    content = read_docx(built_example)
    body = content.xml["word/document.xml"]
    instr = [n.text for n in body.iter(q("w:instrText"))]
    assert any(t and t.strip().startswith("TOC") for t in instr)
    toc = [
        p.text for p in content.paragraphs if content.style_names.get(p.style, "").startswith("toc")
    ]
    assert toc[0].startswith("1.0 Enköpings kommuns styrmodell")
    assert any(t.startswith("6.1 Driftsbudget 2024 och plan 2025–2026") for t in toc)


def test_headings_use_real_heading_styles(built_example: Path) -> None:
    levels = [lvl for lvl, _ in read_docx(built_example).headings()]
    assert levels.count(1) == 7 and 4 in levels


def test_bullets_are_real_word_lists(built_example: Path) -> None:
    content = read_docx(built_example)
    items = [p for p in content.paragraphs if p.text == "Självklar livskvalitet"]
    assert items and items[0].numbered


def test_every_table_has_repeating_header_caption_and_no_merged_cells(built_example: Path) -> None:
    content = read_docx(built_example)
    assert len(content.table_elements) >= 10
    for tbl in content.table_elements:
        first_row = tbl.find(q("w:tr"))
        assert first_row.find(f"{q('w:trPr')}/{q('w:tblHeader')}") is not None
        assert tbl.find(f"{q('w:tblPr')}/{q('w:tblCaption')}").get(q("w:val"))
        assert not list(tbl.iter(q("w:gridSpan"))) and not list(tbl.iter(q("w:vMerge")))


def test_totalt_row_uses_the_last_row_style(built_example: Path) -> None:
    content = read_docx(built_example)
    idx = next(i for i, t in enumerate(content.tables) if t[0][0] == "Verksamhet (Mnkr)")
    look = content.table_elements[idx].find(f"{q('w:tblPr')}/{q('w:tblLook')}")
    assert look.get(q("w:lastRow")) == "1"


def test_document_properties(built_example: Path) -> None:
    props = docx.Document(str(built_example)).core_properties
    assert props.title == "Socialnämnden, Nämndplan med budget 2024 och plan för 2025–2026"
    assert props.language == "sv-SE"


def test_no_empty_paragraphs_in_the_body(built_example: Path) -> None:
    content = read_docx(built_example)
    assert all(p.text.strip() or p.drawing for p in content.paragraphs)


def test_cover_logo_and_chart_carry_alt_text(built_example: Path) -> None:
    content = read_docx(built_example)
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    doc_prs = list(content.xml["word/document.xml"].iter(f"{wp}docPr"))
    alts = [d.get("descr") for d in doc_prs]
    assert alts[0] == "Enköpings kommuns logotyp"
    assert alts[1].startswith("Stapeldiagram över nettokostnaden per verksamhet")
    assert "från 273,8 till 281,6 mnkr" in alts[1]
    assert len({d.get("id") for d in doc_prs}) == len(doc_prs)
    chart = content.xml["word/charts/chart1.xml"]
    colours = [e.get("val") for e in chart.iter("{*}srgbClr")]
    assert "00507A" in colours and "8C5A00" in colours


def test_chart_can_be_switched_off_in_the_templates(
    own_templates: Callable[..., Path], example: Path, tmp_path: Path
) -> None:
    from pipeline.build import build

    mallar = own_templates({"kommun.toml": ("driftsbudget = true", "driftsbudget = false")})
    out = tmp_path / "plan.docx"
    build(example, out, load_config(mallar))
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if "chart" in n]


def test_same_input_gives_identical_bytes(cfg: KommunConfig, example: Path, tmp_path: Path) -> None:
    from pipeline.build import build

    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    build(example, a, cfg)
    build(example, b, cfg)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_layout_without_a_required_style_is_refused(cfg: KommunConfig, tmp_path: Path) -> None:
    layout = docx.Document(str(cfg.layout_path))
    style = layout.styles["Tabelltal"]
    style.element.getparent().remove(style.element)
    bad = tmp_path / "layout.docx"
    layout.save(str(bad))
    doc = Document("t", "t", "sv-SE", (Heading(1, "R"), Paragraph.of("x")))
    out = io.BytesIO()
    with pytest.raises(ConfigError, match="Tabelltal"):
        write_docx(doc, bad, out)
    assert out.getvalue() == b""


def test_layout_is_taken_from_the_word_template(
    own_templates: Callable[..., Path], tmp_path: Path, example: Path
) -> None:
    """A communicator restyles Normal in Word: the built plan follows, no Python changed."""
    from docx.shared import Pt

    from pipeline.build import build

    mallar = own_templates()
    path = mallar / "layout.docx"
    layout = docx.Document(str(path))
    layout.styles["Normal"].font.name = "Georgia"
    layout.styles["Normal"].font.size = Pt(12)
    layout.save(str(path))
    out = tmp_path / "plan.docx"
    build(example, out, load_config(mallar))
    normal = docx.Document(str(out)).styles["Normal"].font
    assert normal.name == "Georgia" and normal.size == Pt(12)


def test_text_is_escaped_and_characters_xml_forbids_are_dropped(cfg: KommunConfig) -> None:
    # The body is spliced in as text (never re-parsed), so escaping must hold by itself.
    text = 'A & B <c> "d" \x07e\x0bf\uffff'
    doc = Document(
        title="T",
        running_title="R",
        language="sv-SE",
        blocks=(Heading(1, text, "1.0"), Paragraph.of(text)),
    )
    buf = io.BytesIO()
    write_docx(doc, cfg.layout_path, buf)
    with zipfile.ZipFile(buf) as zf:
        from lxml import etree

        root = etree.fromstring(zf.read("word/document.xml"))  # well-formed, or this raises
    texts = ["".join(p.itertext()) for p in root.iter(q("w:p"))]
    assert texts.count('A & B <c> "d" ef') == 1
    assert any(t.endswith('A & B <c> "d" ef') and t.startswith("1.0") for t in texts)


# docProps/app.xml as Word for Mac saves it: another program's name and version, the
# template's counts, company and template.
WORD_FOR_MAC_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>42</TotalTime><Pages>2</Pages>"
    "<Words>131</Words><Characters>698</Characters>"
    "<Application>Microsoft Macintosh Word</Application><DocSecurity>0</DocSecurity>"
    "<Lines>5</Lines><Paragraphs>1</Paragraphs><ScaleCrop>false</ScaleCrop>"
    "<Company>Kommunikationsbyrån AB</Company><LinksUpToDate>false</LinksUpToDate>"
    "<CharactersWithSpaces>828</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)
STALE_APP_FIELDS = ("Template", "TotalTime", "Pages", "Words", "Characters", "Lines",
                    "Paragraphs", "CharactersWithSpaces", "Company", "Manager",
                    "TitlesOfParts", "HeadingPairs")  # fmt: skip
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _rezip(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy a .docx, each part through ``change`` (None drops the part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = change(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)


def _app_properties(path: Path) -> dict[str, str]:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("docProps/app.xml"))
        rels = zf.read("_rels/.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
    assert 'relationships/extended-properties" Target="docProps/app.xml"' in rels
    assert ('PartName="/docProps/app.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.extended-properties+xml"') in types  # fmt: skip
    assert root.tag == f"{EP}Properties"
    return {el.tag.removeprefix(EP): el.text or "" for el in root}


def _assert_namndplan_app_properties(path: Path) -> None:
    app = _app_properties(path)
    assert app["Application"] == "namndplan"
    assert not set(STALE_APP_FIELDS) & set(app), app
    assert "AppVersion" not in app or re.fullmatch(r"\d\d\.\d{4}", app["AppVersion"])


def test_app_properties_name_namndplan_and_carry_nothing_of_the_template(
    built_example: Path,
) -> None:
    _assert_namndplan_app_properties(built_example)


def test_a_layout_saved_by_word_for_mac_is_corrected(
    own_templates: Callable[..., Path], example: Path, tmp_path: Path
) -> None:
    from pipeline.build import build

    mallar = own_templates()
    layout = mallar / "layout.docx"
    saved = tmp_path / "saved.docx"

    def word_for_mac(name: str, data: bytes) -> bytes:
        if name == "docProps/app.xml":
            return WORD_FOR_MAC_APP_XML.encode()
        if name == "docProps/core.xml":
            return data.replace(
                b"</cp:coreProperties>",
                b"<cp:lastPrinted>2023-05-04T10:00:00Z</cp:lastPrinted>"
                b"<cp:version>3</cp:version><dc:identifier>MALL-7</dc:identifier>"
                b"</cp:coreProperties>",
            ).replace(b"<cp:category></cp:category>", b"<cp:category>Mall</cp:category>")
        return data

    _rezip(layout, saved, word_for_mac)
    saved.replace(layout)
    out = tmp_path / "plan.docx"
    build(example, out, load_config(mallar))
    _assert_namndplan_app_properties(out)
    props = docx.Document(str(out)).core_properties
    assert (props.category, props.version, props.identifier, props.last_printed) == (
        "", "", "", None)  # fmt: skip
    assert props.title.startswith("Socialnämnden, Nämndplan")


def test_a_layout_without_app_properties_gets_them(
    own_templates: Callable[..., Path], example: Path, tmp_path: Path
) -> None:
    from pipeline.build import build

    mallar = own_templates()
    layout = mallar / "layout.docx"
    bare = tmp_path / "bare.docx"

    def without_app(name: str, data: bytes) -> bytes | None:
        if name == "docProps/app.xml":
            return None
        if name in ("_rels/.rels", "[Content_Types].xml"):
            text = data.decode()
            text = re.sub(r"<Relationship [^>]*extended-properties[^>]*/>", "", text)
            text = re.sub(r'<Override PartName="/docProps/app.xml"[^>]*/>', "", text)
            return text.encode()
        return data

    _rezip(layout, bare, without_app)
    with zipfile.ZipFile(bare) as zf:
        assert "docProps/app.xml" not in zf.namelist()
        assert b"extended-properties" not in zf.read("_rels/.rels")
    bare.replace(layout)
    out = tmp_path / "plan.docx"
    build(example, out, load_config(mallar))
    _assert_namndplan_app_properties(out)


def _row_keeps_with_next(row: object) -> bool:
    paras = list(row.iter(q("w:p")))  # type: ignore[attr-defined]
    return bool(paras) and all(p.find(f"{q('w:pPr')}/{q('w:keepNext')}") is not None
                               for p in paras)  # fmt: skip


def _is_numeric(tbl: object, style_names: dict[str, str]) -> bool:
    """A table with a column of figures (cells in the Tabelltal style)."""
    return any(style_names.get(ps.get(q("w:val"))) == "Tabelltal"
               for ps in tbl.iter(q("w:pStyle")))  # type: ignore[attr-defined]  # fmt: skip


def test_tables_keep_only_their_first_and_last_rows_together(built_example: Path) -> None:
    """Caption and header stay with the first rows, a long table is not one block."""
    from pipeline.write.word import KEEP_NUMERIC_ROWS, KEEP_WHOLE_NUMERIC_ROWS

    content = read_docx(built_example)
    long_ones = texts = 0
    for tbl in content.table_elements:
        numeric = _is_numeric(tbl, content.style_names)
        caption = tbl.getprevious()
        assert caption.find(f"{q('w:pPr')}/{q('w:keepNext')}") is not None
        rows = tbl.findall(q("w:tr"))
        kept = [n for n, row in enumerate(rows) if _row_keeps_with_next(row)]
        last = len(rows) - 1
        assert last not in kept
        if not numeric:
            texts += 1
            assert kept == [0]  # the header with the first row; text rows may break between
        elif last <= KEEP_WHOLE_NUMERIC_ROWS:
            assert kept == list(range(last))  # a short table of figures is one block
        else:
            long_ones += 1
            head = list(range(KEEP_NUMERIC_ROWS))
            tail = list(range(last - KEEP_NUMERIC_ROWS + 1, last))
            assert kept == head + tail, kept
            assert len(kept) < last / 2  # most rows may break to the next page
        numeric_rows = rows[1:] if numeric else []
        assert all(r.find(f"{q('w:trPr')}/{q('w:cantSplit')}") is not None for r in numeric_rows)
    assert long_ones >= 2  # volumes and the operating budget: the case of issue 10
    assert texts >= 2


def test_the_operating_budget_is_not_chained_to_its_heading(built_example: Path) -> None:
    content = read_docx(built_example)
    idx = next(i for i, t in enumerate(content.tables) if t[0][0] == "Verksamhet (Mnkr)")
    rows = content.table_elements[idx].findall(q("w:tr"))
    assert len(rows) > 20
    assert [_row_keeps_with_next(r) for r in rows[:3]] == [True, True, False]
    assert not any(_row_keeps_with_next(r) for r in rows[2:-2])
    assert _row_keeps_with_next(rows[-2])  # Totalt never alone at the top of a page


def test_rows_kept_with_next() -> None:
    from pipeline.write.word import _rows_kept_with_next

    assert _rows_kept_with_next(1, 2, 2) == set()  # a header only
    assert _rows_kept_with_next(2, 2, 2) == {0}
    assert _rows_kept_with_next(4, 2, 2) == {0, 1, 2}  # header + 3 rows: one block anyway
    assert _rows_kept_with_next(10, 2, 2) == {0, 1, 8}
    assert _rows_kept_with_next(10, 1, 0) == {0}


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler-utils are not installed")  # fmt: skip
def test_no_page_is_left_mostly_empty_before_a_table(built_example: Path, tmp_path: Path) -> None:
    """Laid out by LibreOffice, every page between the table of contents and the last is
    at least half full (the operating budget used to leave page 11 four-fifths empty)."""
    profile = tmp_path / "profile"
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
           "--convert-to", "pdf", "--outdir", str(tmp_path), str(built_example)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{built_example.stem}.pdf"
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    fill = []
    for page in bbox.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page)[1])  # type: ignore[index]
        bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', page)]
        fill.append(max(bottoms, default=0) / height)
    assert len(fill) >= 12
    # Page 1 is the cover, page 2 the table of contents: each ends in a page break.
    thin = {n: round(f, 2) for n, f in enumerate(fill, start=1) if 2 < n < len(fill) and f < 0.5}
    assert thin == {}, f"pages left mostly empty (share of the page height used): {thin}"
