"""The kommun profile (issue 14): the document's shape is the kommun's data.

Each edit here is made to a copy of the profile (the ``own_templates`` fixture checks that the
text it replaces is there), and the plan must follow without a change to Python.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pipeline.build import build, check
from pipeline.compose.blocks import compose
from pipeline.compose.docmodel import Table, dump
from pipeline.model.plan import build_plan
from pipeline.spec.config import ConfigError, KommunConfig, load_config

from .docx_read import read_docx

ROOT = Path(__file__).resolve().parent.parent
SJOBACKA = ROOT / "kommuner" / "sjobacka"
SJOBACKA_BOOK = SJOBACKA / "indata" / "barn-och-utbildningsnamnden-2026.xlsx"
NB = "\u00a0"
M = "\u2212"


def doc_of(path: Path, cfg: KommunConfig) -> Any:
    result = check(path, cfg)
    assert result.valid is not None and not result.findings.errors, [
        str(f) for f in result.findings.errors
    ]
    return compose(build_plan(result.valid), cfg)


def tops(doc: Any) -> list[str]:
    return [h.full_text for h in doc.headings if h.level == 1]


@pytest.fixture(scope="module")
def sjobacka() -> KommunConfig:
    return load_config(SJOBACKA / "mallar")


def test_no_chapter_heading_of_the_plan_is_in_python(cfg: KommunConfig) -> None:
    profile = tomllib.loads((ROOT / "templates" / "profil.toml").read_text(encoding="utf-8"))
    headings = [p["rubrik"] for p in profile["namndplan"]["del"] if "rubrik" in p]
    assert len(headings) >= 12
    assert "Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden" in headings
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipeline").rglob("*.py"))
    for heading in headings:
        if "{{" not in heading:  # as a string of its own in the code
            assert f'"{heading}"' not in source, f"{heading!r} is in pipeline/"


def test_a_renamed_chapter_is_renamed_in_the_plan(
    example: Path, own_templates: Callable[..., Path]
) -> None:
    folder = own_templates({"profil.toml": ('rubrik = "Nämndens volymer"',
                                            'rubrik = "Volymer och prestationer"')})  # fmt: skip
    headings = tops(doc_of(example, load_config(folder)))
    assert "5.0 Volymer och prestationer" in headings
    assert not any("Nämndens volymer" in h for h in headings)


def test_a_moved_chapter_moves_and_the_numbers_follow(
    example: Path, own_templates: Callable[..., Path], cfg: KommunConfig
) -> None:
    text = (ROOT / "templates" / "profil.toml").read_text(encoding="utf-8")
    start = text.index("# 7.0")
    end = text.index("# Kommunens listor")
    chapter = text[start:end]
    budget = text.index("# 6.0")
    moved = text[:budget] + chapter + text[budget:start] + text[end:]
    folder = own_templates({"profil.toml": (text, moved)})
    headings = tops(doc_of(example, load_config(folder)))
    assert headings[4:] == ["5.0 Nämndens volymer", "6.0 Nämndens hållbarhetsarbete",
                            "7.0 Nämndens budget"]  # fmt: skip


def test_a_dropped_chapter_is_gone_without_a_gap_in_the_numbers(
    example: Path, own_templates: Callable[..., Path]
) -> None:
    text = (ROOT / "templates" / "profil.toml").read_text(encoding="utf-8")
    volumes = text[text.index("# 5.0") : text.index("# 6.0")]
    folder = own_templates({"profil.toml": (volumes, "")})
    doc = doc_of(example, load_config(folder))
    headings = tops(doc)
    assert headings[4] == "5.0 Nämndens budget" and len(headings) == 6
    assert not [t for t in doc.blocks if isinstance(t, Table) and t.caption == "Volymer"]


def test_an_added_chapter_appears_with_its_text(
    example: Path, own_templates: Callable[..., Path]
) -> None:
    added = ('[[namndplan.del]]\nrubrik = "Läsanvisning"\nniva = 1\n\n  [[namndplan.del.block]]\n'
             '  typ = "text"\n  text = "Planen gäller {{ år }} och beslutas av {{ nämnd }}."\n\n'
             "# 2.0")  # fmt: skip
    folder = own_templates({"profil.toml": ("# 2.0", added)})
    doc = doc_of(example, load_config(folder))
    assert tops(doc)[1] == "2.0 Läsanvisning"
    assert "Planen gäller 2024 och beslutas av Socialnämnden." in dump(doc)


def test_heading_numbering_can_be_turned_off(
    example: Path, own_templates: Callable[..., Path]
) -> None:
    folder = own_templates({"profil.toml": ("rubriknumrering = true", "rubriknumrering = false")})
    assert tops(doc_of(example, load_config(folder)))[1].startswith("Innebörden")


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('typ = "hållbarhet"', 'typ = "agenda"', 'okänd blocktyp "agenda"'),
        ('blad = "Volymer"', 'blad = "Volymerna"', 'blad = "Volymerna" finns inte'),
        ('avsnitt = "Driftsbudget"', 'avsnitt = "Budget"', 'avsnitt = "Budget" finns inte'),
        (
            'rubrik = "Nämndens volymer"\nniva = 1',
            'rubrik = "Nämndens volymer"\nniva = 4',
            "rubriknivåer får inte hoppas över",
        ),
        ('forsta_kolumn = "Volymer"', 'forsta_kolum = "Volymer"', 'ingen uppgift "forsta_kolum"'),
    ],
)
def test_a_profile_mistake_is_one_message_naming_the_file_and_line(
    own_templates: Callable[..., Path], old: str, new: str, needle: str
) -> None:
    folder = own_templates({"profil.toml": (old, new)})
    with pytest.raises(ConfigError) as caught:
        load_config(folder)
    message = str(caught.value)
    assert needle in message, message
    line = int(re.search(r"profil\.toml, rad (\d+)", message)[1])  # type: ignore[index]
    lines = (folder / "profil.toml").read_text(encoding="utf-8").splitlines()
    assert new.split("\n")[-1].strip() in lines[line - 1] or "[[namndplan.del" in lines[line - 1]


def test_a_misspelt_variable_stops_the_build_naming_the_file_and_line(
    example: Path, own_templates: Callable[..., Path], tmp_path: Path
) -> None:
    folder = own_templates({"profil.toml": ('rubrik = "Nämndens volymer"',
                                            'rubrik = "Nämndens volymer {{ årtal }}"')})  # fmt: skip
    cfg = load_config(folder)  # the structure is fine: texts are tried before building
    out = tmp_path / "plan.docx"
    with pytest.raises(ConfigError) as caught:
        build(example, out, cfg)
    message = str(caught.value)
    assert "variabeln årtal finns inte" in message and "profil.toml, rad" in message, message
    line = int(re.search(r"rad (\d+)", message)[1])  # type: ignore[index]
    assert "årtal" in (folder / "profil.toml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert not out.exists()


def test_a_missing_profile_is_named(own_templates: Callable[..., Path]) -> None:
    folder = own_templates()
    (folder / "profil.toml").unlink()
    with pytest.raises(ConfigError, match="profil.toml: kommunens profil"):
        load_config(folder)


# --- the kommun's lists and unit -------------------------------------------------------------


def test_the_profiles_lists_are_the_allowed_values(
    broken: Callable[..., Path], cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    path = broken({"Grunduppdrag!A2": "Brukare"})
    assert [f.location for f in check(path, cfg).findings.errors] == ["Grunduppdrag!A2",
                                                                       "Grunduppdrag"]  # fmt: skip
    folder = own_templates({"profil.toml": ('perspektiv = ["Målgrupp"',
                                            'perspektiv = ["Brukare"')})  # fmt: skip
    result = check(path, load_config(folder))
    assert not result.findings.errors, [str(f) for f in result.findings.errors]


# --- a second kommun of another shape --------------------------------------------------------


def test_the_second_kommun_builds_a_plan_of_its_own_shape(
    sjobacka: KommunConfig, tmp_path: Path, cfg: KommunConfig
) -> None:
    result = check(SJOBACKA_BOOK, sjobacka)
    assert not result.findings, [str(f) for f in result.findings]
    assert result.valid is not None
    doc = compose(build_plan(result.valid), sjobacka)
    assert tops(doc) == [
        "1.0 Förslag till beslut",
        "2.0 Målområde: Livslångt lärande",
        "3.0 Målområde: Trygg och hälsosam uppväxt",
        "4.0 Målområde: Hållbar och effektiv organisation",
        "5.0 Uppdrag från kommunfullmäktige",
        "6.0 Verksamhetens kvalitet",
        "7.0 Ekonomi",
    ]
    text = dump(doc)
    assert "hållbarhetsarbete" not in text.casefold() and "Agenda 2030" not in text
    assert doc.running_title == (
        "Verksamhetsplan 2026 med ekonomisk plan 2027–2028 – Barn- och utbildningsnämnden"
    )
    drift = next(b for b in doc.blocks if isinstance(b, Table) and b.caption.startswith("Drift"))
    assert drift.caption == "Driftbudget per verksamhet, tkr"
    assert [c.text for c in drift.header][:2] == ["Verksamhet (tkr)", "Utfall 2024"]
    grund = next(r for r in drift.rows if r[0].text == "Grundskola och förskoleklass")
    assert grund[1].text == f"{M}412{NB}300"  # tkr: whole numbers, grouped
    assert drift.rows[-1][0].text == "Totalt" and drift.rows[-1][5].text == f"{M}703{NB}400"
    headings = [h.text for h in doc.headings]
    assert "Barn och elever" in headings and "Läget i dag" in headings
    out = tmp_path / "bun.docx"
    assert build(SJOBACKA_BOOK, out, sjobacka).output == out
    assert "Sjöbacka kommun" in "\n".join(p.text for p in read_docx(out).paragraphs)
    # Enköping's templates refuse the workbook: another kommun, other lists.
    assert check(SJOBACKA_BOOK, cfg).findings.has_errors


def test_the_second_kommuns_template_speaks_tkr_and_its_lists(
    sjobacka: KommunConfig, tmp_path: Path
) -> None:
    from pipeline.workbooks.template import write_workbook

    path = write_workbook(tmp_path / "mall.xlsx", 2027, sjobacka)
    wb = openpyxl.load_workbook(path)
    drift = wb["Driftsbudget"]
    prompts = [dv.prompt for dv in drift.data_validations.dataValidation]
    assert any("Belopp i tkr i hela tal" in (p or "") for p in prompts), prompts
    assert drift.column_dimensions["E"].number_format == "#,##0"
    lists = wb["Listor"]
    values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert {"Barn och elever", "Bibehålla"} <= values and "Målgrupp" not in values


def test_the_magnitude_check_works_in_the_kommuns_unit(
    sjobacka: KommunConfig, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(SJOBACKA_BOOK)
    wb["Driftsbudget"]["E4"] = -412_300_000  # kronor typed where tkr belongs
    path = tmp_path / "kr.xlsx"
    wb.save(path)
    msgs = [str(f) for f in check(path, sjobacka).findings if f.location == "Driftsbudget!E4"]
    assert msgs and "skrivet i kr" in msgs[0] and f"{M}412{NB}300" in msgs[0], msgs


def test_rows_no_part_of_the_profile_shows_are_warned_about(
    sjobacka: KommunConfig, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(SJOBACKA_BOOK)
    wb["Hållbarhet"]["A2"] = 4
    wb["Hållbarhet"]["B2"] = "Text om god utbildning."
    path = tmp_path / "agenda.xlsx"
    wb.save(path)
    msgs = [str(f) for f in check(path, sjobacka).findings if f.sheet == "Hållbarhet"]
    assert msgs and "visas inte någonstans" in msgs[0], msgs


def test_the_enkoping_plan_is_unchanged_by_the_profile(built_example: Path) -> None:
    # The golden dump (test_end_to_end) holds the whole document; here the shape in brief.
    content = read_docx(built_example)
    headings = [text for level, text in content.headings() if level == 1]
    assert headings[0].endswith("Enköpings kommuns styrmodell")
    assert headings[-1].endswith("Nämndens hållbarhetsarbete") and len(headings) == 7


def test_the_councils_summary_uses_the_kommuns_unit(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli.main import main

    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["plan", str(SJOBACKA / "indata"), "-o", str(out),
                                       "--mallar", str(SJOBACKA / "mallar"), "--no-layout"])  # fmt: skip
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out / "sammanstallning-2026.xlsx")["Driftsbudget"]
    assert ws["B2"].value == -667450 and ws["B2"].number_format == "#,##0;-#,##0"
