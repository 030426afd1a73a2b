from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.build import check
from pipeline.compose.blocks import compose
from pipeline.compose.docmodel import Document, Heading, Table, dump
from pipeline.model.plan import build_plan
from pipeline.spec.config import ConfigError, KommunConfig, load_config


def doc_of(path: Path, cfg: KommunConfig) -> Document:
    result = check(path, cfg)
    assert result.valid is not None
    return compose(build_plan(result.valid), cfg)


def test_top_level_sections_in_order_and_numbered(example: Path, cfg: KommunConfig) -> None:
    tops = [h.full_text for h in doc_of(example, cfg).headings if h.level == 1]
    assert tops == [
        "1.0 Enköpings kommuns styrmodell",
        "2.0 Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden",
        "3.0 Särskilda satsningar och uppdrag från kommunfullmäktige",
        "4.0 Nämndens grunduppdrag och utvecklingsmål",
        "5.0 Nämndens volymer",
        "6.0 Nämndens budget",
        "7.0 Nämndens hållbarhetsarbete",
    ]


def test_heading_levels_never_skip(example: Path, cfg: KommunConfig) -> None:
    levels = [h.level for h in doc_of(example, cfg).headings]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_second_namnd_shows_its_own_years_and_nothing_of_the_example(
    second: Path, cfg: KommunConfig
) -> None:
    doc = doc_of(second, cfg)
    text = dump(doc)
    assert "Driftsbudget 2026 och plan 2027–2028" in text
    assert "Förändring budget 25/26" in text
    assert "Prognos 2025 (Augusti)" in text
    assert "Socialnämnden" not in text and "2024 och plan" not in text
    drift = next(b for b in doc.blocks if isinstance(b, Table) and b.caption.startswith("Drifts"))
    assert drift.rows[-1][0].text == "Totalt"


def test_agenda_goals_are_shown_with_their_swedish_names(example: Path, cfg: KommunConfig) -> None:
    names = [h.text for h in doc_of(example, cfg).headings if h.text.startswith("Mål ")]
    assert names[0] == "Mål 3 – God hälsa och välbefinnande"
    assert "Mål 13 – Bekämpa klimatförändringarna" in names


def test_missing_template_variable_is_an_error_naming_the_file(
    own_templates: Callable[..., Path], example: Path
) -> None:
    heading = "# {{ kommun.genitiv }} styrmodell"
    mallar = own_templates(
        {"texter/styrmodell.txt.j2": (heading, heading + "\n\n{{ kommun.finns_inte }}")}
    )
    with pytest.raises(ConfigError, match="styrmodell.txt.j2"):
        doc_of(example, load_config(mallar))


def test_controller_text_is_never_rendered_as_a_template(broken, cfg: KommunConfig) -> None:  # type: ignore[no-untyped-def]
    path = broken({"Hållbarhet!B2": "Vi skriver {{ kommun.namn }} ordagrant."})
    text = dump(doc_of(path, cfg))
    assert "Vi skriver {{ kommun.namn }} ordagrant." in text


def test_kommun_texts_follow_the_configuration(
    own_templates: Callable[..., Path], example: Path
) -> None:
    mallar = own_templates({"kommun.toml": ("2024–2027", "2028–2031")})
    text = dump(doc_of(example, load_config(mallar)))
    assert "för perioden 2028–2031" in text and "2024–2027 är att" not in text


def test_headings_are_heading_blocks(example: Path, cfg: KommunConfig) -> None:
    doc = doc_of(example, cfg)
    assert all(isinstance(h, Heading) for h in doc.headings)
    assert any(h.full_text == "6.1 Driftsbudget 2024 och plan 2025–2026" for h in doc.headings)


def test_an_edited_kommun_text_is_used_at_once_despite_the_compile_cache(
    own_templates: Callable[..., Path], example: Path
) -> None:
    # Compiled templates are cached between runs (jinja2's bytecode cache); an edit to the
    # very same file must still show in the next build.
    mallar = own_templates()
    cfg = load_config(mallar)
    assert "Tillägg från kommunikatören." not in dump(doc_of(example, cfg))
    path = mallar / "texter" / "styrmodell.txt.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\nTillägg från kommunikatören.\n",
                    encoding="utf-8")  # fmt: skip
    assert "Tillägg från kommunikatören." in dump(doc_of(example, cfg))


def test_a_ragged_table_is_refused_when_it_is_made() -> None:
    from pipeline.compose.docmodel import Cell

    header = (Cell.of("Verksamhet"), Cell.of("Budget 2024"))
    Table("Rätt", header, ((Cell.of("a"), Cell.of("1")),), (0.0, 1.7))
    with pytest.raises(ValueError, match="ragged table: Fel"):
        Table("Fel", header, ((Cell.of("a"),),), (0.0, 1.7))
