from pipeline.compose.docmodel import BulletList, Heading, Paragraph
from pipeline.compose.textblocks import cell_blocks, markup_blocks


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


def test_a_paragraph_right_after_a_list_stays_after_it() -> None:
    # No blank line between the last bullet and the next paragraph.
    assert markup_blocks("Inledning.\n- a\n- b\nEfter listan.") == (
        Paragraph.of("Inledning."),
        BulletList(("a", "b")),
        Paragraph.of("Efter listan."),
    )
    assert markup_blocks("- a\nEfter.\n- b") == (
        BulletList(("a",)),
        Paragraph.of("Efter."),
        BulletList(("b",)),
    )


def test_markup_heading_levels_and_what_is_not_a_heading() -> None:
    text = "#### Fyra  \n\n##### Fem\n\n#Utan mellanslag\n\n  ## Två  \n-utan mellanslag"
    assert markup_blocks(text) == (
        Heading(4, "Fyra"),
        Paragraph.of("##### Fem"),
        Paragraph.of("#Utan mellanslag"),
        Heading(2, "Två"),
        Paragraph.of("-utan mellanslag"),
    )


def test_markup_heading_ends_the_paragraph_and_list_before_it() -> None:
    assert markup_blocks("Text\n# R\n- a\n## S\nmer\ntext") == (
        Paragraph.of("Text"),
        Heading(1, "R"),
        BulletList(("a",)),
        Heading(2, "S"),
        Paragraph.of("mer text"),
    )
    assert markup_blocks("-  a  \n- b") == (BulletList(("a", "b")),)
    assert markup_blocks("") == ()
    assert markup_blocks("\n\n  \n") == ()


def test_cell_text_spacing_bullet_marks_and_style() -> None:
    text = "  En   rad\tmed  mellanrum  \n–  tre  \n-\tfyra\n- \n•fem\n-x"
    assert cell_blocks(text, "table") == (
        Paragraph.of("En rad med mellanrum", "table"),
        BulletList(("tre", "fyra")),
        Paragraph.of("-", "table"),  # a dash alone is text, not an empty bullet
        Paragraph.of("•fem", "table"),  # no space after the mark: not a bullet
        Paragraph.of("-x", "table"),
    )
    assert cell_blocks("- a") == (BulletList(("a",)),)
    assert cell_blocks("ett\r\ntvå") == (Paragraph.of("ett"), Paragraph.of("två"))
    assert cell_blocks("") == ()
