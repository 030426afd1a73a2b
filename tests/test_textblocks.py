from pipeline.docmodel import BulletList, Heading, Paragraph
from pipeline.textblocks import cell_blocks, markup_blocks


def test_cell_text_lines_are_paragraphs_and_dash_lines_bullets() -> None:
    blocks = cell_blocks("Första stycket.\n\n- ett\n• två\nAndra stycket.\n- tre")
    assert blocks == (
        Paragraph.of("Första stycket."),
        BulletList(("ett", "två")),
        Paragraph.of("Andra stycket."),
        BulletList(("tre",)),
    )


def test_cell_text_hyphen_inside_a_line_is_not_a_bullet() -> None:
    blocks = cell_blocks("Brukarbedömning - totalt helhetssyn")
    assert blocks == (Paragraph.of("Brukarbedömning - totalt helhetssyn"),)


def test_empty_cell_gives_no_blocks() -> None:
    assert cell_blocks(None) == ()
    assert cell_blocks("  \n ") == ()


def test_markup_joins_lines_and_recognises_headings_and_bullets() -> None:
    text = "# Rubrik\n\nEn rad\nsom fortsätter.\n\n- a\n- b\n\n### Under\nText."
    assert markup_blocks(text) == (
        Heading(1, "Rubrik"),
        Paragraph.of("En rad som fortsätter."),
        BulletList(("a", "b")),
        Heading(3, "Under"),
        Paragraph.of("Text."),
    )
