"""More of the Word writer read back from the package (issue 12): no stray text between runs,
the style of a paragraph after a table, the header token in a footer or beside an empty
text element, and column widths at the edges of the page."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree

from pipeline.compose.docmodel import BulletList, Cell, Paragraph, Run, Table
from pipeline.spec.config import KommunConfig

from .docx_read import q
from .test_docx_structure import _doc, _spacing_before, text_of, written

TEXT_ELEMENTS = {q("w:t"), q("w:instrText")}


def stray_text(body: etree._Element) -> list[str]:
    """Text in the body outside w:t and w:instrText (Word reports such a file as damaged)."""
    out = []
    for el in body.iter():
        if el.tag not in TEXT_ELEMENTS and el.text and el.text.strip():
            out.append(el.text)
        if el.tail and el.tail.strip():
            out.append(el.tail)
    return out


def test_runs_of_a_paragraph_and_of_a_cell_are_joined_with_nothing_between(
    cfg: KommunConfig,
) -> None:
    para = Paragraph((Run("Inriktning: "), Run("Utveckla", bold=True), Run(" och mer.")))
    table = Table("T", (Cell.of("A"), Cell.of("B")),
                  ((Cell.of("namn", bold=True), Cell((para,))),), (1.0, 1.0))  # fmt: skip
    pkg = written(_doc(para, table), cfg)
    assert stray_text(pkg.body) == []
    texts = [text_of(p) for p in pkg.body.iter(q("w:p"))]
    assert texts.count("Inriktning: Utveckla och mer.") == 2


def test_a_paragraph_after_a_table_keeps_its_style(cfg: KommunConfig) -> None:
    table = Table("Tabell", (Cell.of("A"),), ((Cell.of("a"),),), (1.0,))
    pkg = written(_doc(table, Paragraph.of("Efter"), table, BulletList(("punkt",))), cfg)
    got = [(text_of(p), pkg.style_of(p), _spacing_before(p)) for p in pkg.paragraphs()
           if pkg.style_of(p) != "caption"]  # fmt: skip
    assert got == [("Efter", "Normal", "160"), ("punkt", "List Bullet", "160")]


def _layout_with(cfg: KommunConfig, tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    import docx

    layout = docx.Document(str(cfg.layout_path))
    edit(layout.sections[0])
    path = tmp_path / "layout.docx"
    layout.save(str(path))
    return path


def _header_footer_texts(data: bytes) -> dict[str, str]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {
            n: text_of(etree.fromstring(zf.read(n)))
            for n in zf.namelist()
            if n.startswith(("word/header", "word/footer"))
        }


def test_the_header_token_is_filled_in_a_footer_too(cfg: KommunConfig, tmp_path: Path) -> None:
    # The layout has no even-page header (python-docx calls it linked to the previous): the
    # footer after it is still looked at.
    from pipeline.write.word import write_docx

    def footer(section) -> None:  # type: ignore[no-untyped-def]
        section.footer.is_linked_to_previous = False
        section.footer.paragraphs[0].text = "Sidfot: {{ sidhuvud }}"

    layout = _layout_with(cfg, tmp_path, footer)
    out = io.BytesIO()
    write_docx(_doc(Paragraph.of("Text")), layout, out)
    texts = _header_footer_texts(out.getvalue())
    assert "Sidfot: Rubrik" in texts.values(), texts
    assert not [t for t in texts.values() if "{{" in t]


def test_the_header_token_beside_an_empty_text_element(cfg: KommunConfig) -> None:
    import docx

    from pipeline.write.word import _fill_header_token

    layout = docx.Document(str(cfg.layout_path))
    header = layout.sections[0].header
    for p in header.paragraphs:
        p.text = ""
    p = header.paragraphs[0]
    empty = p.add_run("x")
    empty._r.find(q("w:t")).text = None  # <w:t/>, as some programs write an empty run
    p.add_run("Före {{ sidhuvud }} efter")
    assert _fill_header_token(layout, "Nämnden") >= 1
    assert p.text == "Före Nämnden efter" and p.runs[-1].text == "Före Nämnden efter"


def test_flexible_columns_get_the_rest_of_the_width_when_it_is_two_cm_each() -> None:
    from pipeline.write.word import _column_widths

    # Two flexible columns and 3 cm fixed on 6 cm: 3 cm left, less than 2 cm each, so every
    # column is scaled (a flexible one weighs as 2 cm): 6 cm * 2/7, 6 cm * 3/7.
    two = Table("T", (Cell.of("a"), Cell.of("b"), Cell.of("c")), (), (0.0, 0.0, 3.0),
                widths_cm=True)  # fmt: skip
    assert _column_widths(two, 3402) == [972, 972, 1458]
    # One flexible column and 3 cm fixed on 5,5 cm: 2,5 cm left, more than 2 cm: it is its.
    one = Table("T", (Cell.of("a"), Cell.of("b")), (), (0.0, 3.0), widths_cm=True)
    assert _column_widths(one, 3118) == [1417, 1701]


def test_the_header_token_twice_in_one_paragraph_is_filled_twice(cfg: KommunConfig) -> None:
    import docx

    from pipeline.write.word import _fill_header_token

    layout = docx.Document(str(cfg.layout_path))
    header = layout.sections[0].header
    header.paragraphs[0].text = "{{ sidhuvud }} | {{ sidhuvud }}"
    assert _fill_header_token(layout, "Nämnden") == 2
    assert header.paragraphs[0].text == "Nämnden | Nämnden"
    # A running title that holds the token itself is put in as it is, not filled again.
    header.paragraphs[0].text = "{{ sidhuvud }} | {{ sidhuvud }}"
    assert _fill_header_token(layout, "A {{ sidhuvud }}") == 2
    assert header.paragraphs[0].text == "A {{ sidhuvud }} | A {{ sidhuvud }}"
    # Both tokens split over runs, as Word's editing leaves them.
    p = header.paragraphs[0]
    p.text = ""
    for piece in ("{{ sidhu", "vud }} | {{ sid", "huvud }}"):
        p.add_run(piece)
    assert _fill_header_token(layout, "Nämnden") == 2
    assert [r.text for r in p.runs][-3:] == ["Nämnden", " | Nämnden", ""]
