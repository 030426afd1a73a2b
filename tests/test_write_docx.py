"""The .docx itself: styles, lists, tables, header and fields, properties, reproducibility."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from pipeline.config import ConfigError, KommunConfig, load_config
from pipeline.docmodel import Document, Heading, Paragraph
from pipeline.write_docx import write_docx

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
