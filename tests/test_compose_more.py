"""Composition from a kommun's own profile and texts, read where the plan's reader sees it
(issue 12): the headings in order, the defaults of a block without its options, a kommun
text's template features, the sentence of an empty part, the cover's logo and the chart.

Workbooks are made from literal rows (tests/made.py); the kommun's templates are a copy of
templates/ with profil.toml, kommun.toml or a text edited (each ``old`` must be there).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.build import check
from pipeline.compose.blocks import compose
from pipeline.compose.docmodel import BulletList, Chart, Cover, Heading, Paragraph, Table
from pipeline.model.plan import build_plan
from pipeline.spec.config import ConfigError, KommunConfig, load_config

from .made import made

NB = "\u00a0"
M = "\u2212"


def own_cfg(tmp_path: Path, cfg: KommunConfig, profile: list[tuple[str, str]] | None = None,
            kommun: list[tuple[str, str]] | None = None,
            texts: dict[str, str] | None = None) -> KommunConfig:  # fmt: skip
    target = tmp_path / "mallar"
    shutil.copytree(cfg.templates_dir, target)
    for name, edits in (("profil.toml", profile), ("kommun.toml", kommun)):
        path = target / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits or []:
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    for name, text in (texts or {}).items():
        (target / "texter" / name).write_text(text, encoding="utf-8")
    return load_config(target)


def line_of(cfg: KommunConfig, text: str) -> int:
    """The line of the kommun's profil.toml holding ``text`` (the edits keep the lines)."""
    lines = (cfg.templates_dir / "profil.toml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def doc_of(tmp_path: Path, cfg: KommunConfig, rows: dict[str, Any] | None = None,
           grunddata: dict[str, Any] | None = None) -> Any:  # fmt: skip
    result = check(made(tmp_path, cfg, rows=rows, grunddata=grunddata), cfg)
    assert result.valid is not None and not result.findings.errors, [
        str(f) for f in result.findings.errors
    ]
    return compose(build_plan(result.valid), cfg)


def headings(doc: Any) -> list[str]:
    return [b.full_text for b in doc.blocks if isinstance(b, Heading)]


def tables(doc: Any) -> dict[str, Table]:
    return {b.caption: b for b in doc.blocks if isinstance(b, Table)}


def texts(cells: Any) -> list[str]:
    return [c.text for c in cells]


def after(doc: Any, heading: str) -> Any:
    """The block right after the heading whose text (without number) is ``heading``."""
    blocks = list(doc.blocks)
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    return blocks[i + 1]


# --- which parts are shown --------------------------------------------------------------------

DRIFT_ONLY = """[[namndplan.del]]
rubrik = "Investeringsbudget {{ år }} och plan {{ år + 1 }}–{{ år + 2 }}"
niva = 2

  [[namndplan.del.block]]
  typ = "belopp"
  blad = "Investeringsbudget"
  rubrik = "Investeringsbudget {{ år }} och plan {{ år + 1 }}–{{ år + 2 }}, {{ enhet }}"
  forsta_kolumn = "Investeringar ({{ enhet }})"
  forandring = true
  totalt = true
  om_tomt = "Nämnden har inga investeringar under perioden."

  [[namndplan.del.block]]
  typ = "kommentarer"
  avsnitt = "Investeringsbudget"
"""


def test_an_empty_chapter_is_left_out_and_the_next_numbered_without_a_gap(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # No volumes and no comments on them: chapter 5 "Nämndens volymer" goes, the budget
    # chapter that follows (with parts of its own) becomes 5.0.
    doc = doc_of(tmp_path, cfg)
    tops = [h for h in headings(doc) if h.split(" ", 1)[0].endswith(".0")]
    assert tops == [
        "1.0 Enköpings kommuns styrmodell",
        "2.0 Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden",
        "3.0 Särskilda satsningar och uppdrag från kommunfullmäktige",
        "4.0 Nämndens grunduppdrag och utvecklingsmål",
        "5.0 Nämndens budget",
    ]
    budget = headings(doc)[headings(doc).index("5.0 Nämndens budget") :]
    assert budget == [
        "5.0 Nämndens budget",
        "5.1 Driftsbudget 2024 och plan 2025–2026",
        "5.2 Investeringsbudget 2024 och plan 2025–2026",
    ]
    # The empty parts that have a sentence show it under their heading.
    assert after(doc, "Särskilda satsningar och uppdrag från kommunfullmäktige") == (
        Paragraph.of(
            "Nämnden har inga särskilda satsningar eller uppdrag i kommunfullmäktiges "
            "årsplan för 2024."
        )
    )
    assert after(doc, "Investeringsbudget 2024 och plan 2025–2026") == Paragraph.of(
        "Nämnden har inga investeringar under perioden."
    )


def test_a_chapter_whose_one_part_has_content_is_shown(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, [(DRIFT_ONLY, "")])
    doc = doc_of(tmp_path, own)
    assert headings(doc)[-2:] == ["5.0 Nämndens budget", "5.1 Driftsbudget 2024 och plan 2025–2026"]


def test_parts_per_malomrade_leave_out_the_malbild(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, [('for_varje = "mål"', 'for_varje = "målområde"')])
    doc = doc_of(tmp_path, own)
    chapter = headings(doc)[headings(doc).index(
        "2.0 Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden") :][:4]  # fmt: skip
    assert chapter == [
        "2.0 Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden",
        "2.1 Samhörighet",
        "2.2 Självständighet",
        "2.3 Stolthet",
    ]


def test_headings_without_numbers_and_a_title_naming_the_kommun(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [
        ("rubriknumrering = true", "rubriknumrering = false"),
        ('titel = "Nämndplan med budget', 'titel = "{{ kommun }}: Nämndplan med budget'),
    ])  # fmt: skip
    doc = doc_of(tmp_path, own)
    assert headings(doc)[:2] == [
        "Enköpings kommuns styrmodell",
        "Koncerngemensam vision, målbild och mål",
    ]
    cover = doc.blocks[0]
    assert isinstance(cover, Cover)
    assert cover.title == "Enköpings kommun: Nämndplan med budget 2024 och plan för 2025–2026"


# --- blocks without their options: the contract's headers ---------------------------------------

DEVELOPMENT = """  [[namndplan.del.block]]
  typ = "utvecklingsmål"
  rubrik = "Nämndens utvecklingsmål, strategier och kopplingar"
  kolumner = ["Utvecklingsmål", "Strategi för att nå målet", "Kopplas till"]
"""
MISSION = """  [[namndplan.del.block]]
  typ = "grunduppdrag"
  nulage = "Beskrivning av nuläget"
  analys = "Analys av kvalitetsnivån"
"""
BASIC_FIGURES = """  [[namndplan.del.block]]
  typ = "nyckeltal"
  mal = "Grunduppdrag"
  rubrik = "Nyckeltal för grunduppdraget"
  forsta_kolumn = "Nyckeltal"
"""
COMMISSIONS = """  [[namndplan.del.block]]
  typ = "satsningar"
  slag = "Uppdrag"
  rubrik = "Uppdrag i KF:s årsplan"
  kolumn = "För nämnden innebär det"
"""
VOLUMES = """  [[namndplan.del.block]]
  typ = "belopp"
  blad = "Volymer"
  rubrik = "Volymer"
  forsta_kolumn = "Volymer"
"""
AGENDA = """  [[namndplan.del.block]]
  typ = "hållbarhet"
  rubrik = "Mål {{ nummer }} – {{ namn }}"
"""
ROWS = {
    "Utvecklingsmål": [["Fler i arbete", "Beskrivning.", "Strategi.", "Ja", "Nej"]],
    "Nyckeltal": [
        ["Grunduppdrag", "Nöjdhet", "index", 70, 72],
        ["Grunduppdrag", "Nöjdhetsindex", "index", 60, 61],
    ],  # fmt: skip
    "Satsningar och uppdrag": [["Uppdrag", "Ett uppdrag", "Text om uppdraget."]],
    "Volymer": [["Barn", 10, 11, 12, 13, 14, 15]],
    "Hållbarhet": [[4, "Text om god utbildning."]],
}


def test_blocks_without_their_options_use_the_contracts_headers(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [
        (DEVELOPMENT, '  [[namndplan.del.block]]\n  typ = "utvecklingsmål"\n'),
        (MISSION, '  [[namndplan.del.block]]\n  typ = "grunduppdrag"\n'),
        (BASIC_FIGURES, '  [[namndplan.del.block]]\n  typ = "nyckeltal"\n  mal = "Grunduppdrag"\n'),
        (COMMISSIONS, '  [[namndplan.del.block]]\n  typ = "satsningar"\n  slag = "Uppdrag"\n'),
        (VOLUMES, '  [[namndplan.del.block]]\n  typ = "belopp"\n  blad = "Volymer"\n'),
        (AGENDA, '  [[namndplan.del.block]]\n  typ = "hållbarhet"\n'),
    ])  # fmt: skip
    doc = doc_of(tmp_path, own, rows=ROWS)
    found = tables(doc)
    goals = found["Utvecklingsmål"]
    assert texts(goals.header) == ["Utvecklingsmål", "Strategi för att nå målet", "Kopplas till"]
    assert texts(goals.rows[0]) == [
        "Fler i arbete\nBeskrivning.",
        "Strategi.",
        "KF:s målbild och mål: Ja\nAgenda 2030-mål: Nej",
    ]
    figures = found["Nyckeltal"]
    assert texts(figures.header) == ["Nyckeltal", "2022", "2023"]
    # An index says so in the name, unless the name already does.
    assert [texts(r) for r in figures.rows] == [
        ["Nöjdhet (index)", "70", "72"],
        ["Nöjdhetsindex", "60", "61"],
    ]
    commissions = found["Uppdrag"]
    assert texts(commissions.header) == ["Uppdrag", "För nämnden innebär det"]
    assert texts(commissions.rows[0]) == ["Ett uppdrag", "Text om uppdraget."]
    volumes = found["Volymer"]
    assert texts(volumes.header)[:2] == ["Volym", "Bokslut 2022"]
    assert headings(doc)[-2:] == [
        "7.0 Nämndens hållbarhetsarbete",
        "7.1 Mål 4 – God utbildning för alla",
    ]
    mission = headings(doc)[headings(doc).index("4.1 Nämndens grunduppdrag") :][:4]
    assert mission == [
        "4.1 Nämndens grunduppdrag",
        "Målgrupp",
        "Beskrivning av nuläget",
        "Analys av kvalitetsnivån",
    ]


def test_a_kommuns_own_column_headings_and_captions(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, [
        ('kolumner = ["Utvecklingsmål", "Strategi för att nå målet", "Kopplas till"]',
         'kolumner = ["Mål", "Så gör vi", "Kopplingar"]'),
        ('rubrik = "Nämndens utvecklingsmål, strategier och kopplingar"\n', ""),
        ('nulage = "Beskrivning av nuläget"', 'nulage = "Så är det i dag"'),
        ('analys = "Analys av kvalitetsnivån"', 'analys = "Så bra är det"'),
        ('rubrik = "Mål {{ nummer }} – {{ namn }}"', 'rubrik = "Agenda 2030, mål {{ nummer }}: {{ namn }}"'),
        ('kolumn = "För nämnden innebär det"', 'kolumn = "Så påverkas nämnden"'),
    ])  # fmt: skip
    doc = doc_of(tmp_path, own, rows=ROWS)
    goals = tables(doc)["Mål"]  # the caption defaults to the first column's heading
    assert texts(goals.header) == ["Mål", "Så gör vi", "Kopplingar"]
    mission = headings(doc)[headings(doc).index("4.1 Nämndens grunduppdrag") :][:4]
    assert mission == ["4.1 Nämndens grunduppdrag", "Målgrupp", "Så är det i dag", "Så bra är det"]
    assert headings(doc)[-1] == "7.1 Agenda 2030, mål 4: God utbildning för alla"
    assert texts(tables(doc)["Uppdrag i KF:s årsplan"].header) == [
        "Uppdrag i KF:s årsplan",
        "Så påverkas nämnden",
    ]


# --- a kommun's own text ---------------------------------------------------------------------------

OWN_TEXT = """{# An expression's "&" stays as typed (no HTML escaping). #}
# Om {{ namnd }} {{ budgetar }}

Inledning om {{ "stöd & omsorg" }}.
{% for ord in ["ett", "två"] %}
  {% if ord %}
- Punkt {{ ord }}
  {% endif %}
{% endfor %}
Sista stycket.
"""
STYRMODELL = '  typ = "kommuntext"\n  mall = "styrmodell.txt.j2"\n'


def test_a_kommun_text_is_rendered_as_written_with_the_plans_year_and_namnd(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [(STYRMODELL, '  typ = "kommuntext"\n  mall = "egen.txt.j2"\n')],
                  texts={"egen.txt.j2": OWN_TEXT})  # fmt: skip
    doc = doc_of(tmp_path, own)
    blocks = list(doc.blocks)
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading))
    assert [type(b).__name__ for b in blocks[i : i + 4]] == [
        "Heading", "Paragraph", "BulletList", "Paragraph",
    ]  # fmt: skip
    heading, intro, points, last = blocks[i : i + 4]
    assert heading.full_text == "1.0 Om Provnämnden 2024"
    assert intro.text == "Inledning om stöd & omsorg."
    assert points.items == ("Punkt ett", "Punkt två")
    assert last.text == "Sista stycket."


def test_a_kommun_text_that_does_not_parse_names_its_file_and_line(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # The error is in a text the kommun's text includes: that file and its line are named.
    own = own_cfg(tmp_path, cfg, [(STYRMODELL, '  typ = "kommuntext"\n  mall = "egen.txt.j2"\n')],
                  texts={"egen.txt.j2": '# Rubrik\n\n{% include "del.txt.j2" %}\n',
                         "del.txt.j2": "Text.\n\nMer {{ namnd }\n"})  # fmt: skip
    with pytest.raises(ConfigError) as info:
        doc_of(tmp_path, own)
    assert str(info.value).startswith(
        f"{own.templates_dir / 'texter' / 'del.txt.j2'}, rad 3: mallen kunde inte fyllas i: "
    )


def test_a_kommun_text_including_a_missing_file_names_it_without_a_line(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [(STYRMODELL, '  typ = "kommuntext"\n  mall = "egen.txt.j2"\n')],
                  texts={"egen.txt.j2": '# Rubrik\n\n{% include "saknas.txt.j2" %}\n'})  # fmt: skip
    with pytest.raises(ConfigError) as info:
        doc_of(tmp_path, own)
    # (jinja2's own words follow, in English: "... not found in search path").
    assert str(info.value).startswith(
        f"{own.templates_dir / 'texter' / 'egen.txt.j2'}: mallen kunde inte fyllas i: "
        "'saknas.txt.j2'"
    )


# --- the cover's logo ---------------------------------------------------------------------------


def test_the_logo_and_its_width_come_from_kommun_toml(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, kommun=[("bredd_cm = 5.0", "bredd_cm = 3.5")])
    cover = doc_of(tmp_path, own).blocks[0]
    assert cover.logo is not None
    assert (cover.logo.path, cover.logo.alt, cover.logo.width_cm) == (
        "logo.png", "Enköpings kommuns logotyp", 3.5)  # fmt: skip


def test_a_logo_without_a_width_is_five_cm_and_no_logo_is_none(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path / "a", cfg, kommun=[("bredd_cm = 5.0\n", "")])
    assert doc_of(tmp_path / "a", own).blocks[0].logo.width_cm == 5.0
    own = own_cfg(tmp_path / "b", cfg, kommun=[(
        'fil = "logo.png"\nalt = "Enköpings kommuns logotyp"\nbredd_cm = 5.0\n', "")])  # fmt: skip
    assert doc_of(tmp_path / "b", own).blocks[0].logo is None


def test_a_logo_that_is_missing_or_has_no_alt_text_is_refused(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path / "a", cfg, kommun=[('fil = "logo.png"', 'fil = "saknas.png"')])
    with pytest.raises(ConfigError) as info:
        doc_of(tmp_path / "a", own)
    assert str(info.value) == (
        f"{own.templates_dir / 'saknas.png'}: logotypen som anges i kommun.toml ([logotyp] fil) "
        "saknas."
    )
    own = own_cfg(tmp_path / "b", cfg, kommun=[('alt = "Enköpings kommuns logotyp"\n', "")])
    with pytest.raises(ConfigError) as info:
        doc_of(tmp_path / "b", own)
    assert str(info.value) == (
        f"{own.templates_dir / 'kommun.toml'}: logotypen saknar alternativtext ([logotyp] alt)."
    )


# --- the chart -------------------------------------------------------------------------------------


def chart_of(doc: Any) -> Chart:
    return next(b for b in doc.blocks if isinstance(b, Chart))


@pytest.mark.parametrize(
    ("vard", "words"),
    [
        (-30.5, "ökar från 35,0 till 35,5 mnkr. Störst budget 2024: Vård 30,5"),
        (-25.0, "minskar från 35,0 till 30,0 mnkr. Störst budget 2024: Vård 25,0"),
        (-30.0, "är oförändrad från 35,0 till 35,0 mnkr. Störst budget 2024: Vård 30,0"),
    ],
)
def test_the_charts_alt_text_says_which_way_the_net_cost_goes(
    tmp_path: Path, cfg: KommunConfig, vard: float, words: str
) -> None:
    rows = {"Driftsbudget": [
        ["Vård", -30.0, -30.0, -30.0, vard, -30.0, -30.0],
        ["Skola", -5.0, -5.0, -5.0, -5.0, -5.0, -5.0],
        ["Avvecklad", -1.0, -1.0, 0, None, None, None],  # last year's budget only: shown
        ["Ny verksamhet", None, None, None, None, -1.0, -1.0],  # no budget: not in the chart
    ]}  # fmt: skip
    chart = chart_of(doc_of(tmp_path, cfg, rows=rows))
    assert chart.categories == ("Vård", "Skola", "Avvecklad")
    assert chart.alt == (
        "Stapeldiagram över nettokostnaden per verksamhet i miljoner kronor, budget 2023 "
        f"jämfört med budget 2024. Den totala nettokostnaden {words}, Skola 5,0, Avvecklad "
        "0,0 mnkr. Siffrorna finns i tabellen ovan."
    )
    assert [(s.name, s.colour) for s in chart.series] == [
        ("Budget 2023", "8C5A00"), ("Budget 2024", "00507A")]  # fmt: skip
    assert (chart.caption, chart.axis_title) == (
        "Nettokostnad per verksamhet, budget 2023 och 2024 (Mnkr)", "Nettokostnad, Mnkr")  # fmt: skip


def test_a_charts_colours_caption_and_axis_from_the_kommun_or_their_defaults(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path / "a", cfg, kommun=[('farger = ["8C5A00", "00507A"]',
                                                'farger = ["112233", "445566"]')])  # fmt: skip
    assert [s.colour for s in chart_of(doc_of(tmp_path / "a", own)).series] == ["112233", "445566"]
    own = own_cfg(tmp_path / "b", cfg, [
        ('  rubrik = "Nettokostnad per verksamhet, budget {{ år - 1 }} och {{ år }} ({{ enhet }})"\n'
         '  axel = "Nettokostnad, {{ enhet }}"\n', ""),
    ], kommun=[('farger = ["8C5A00", "00507A"]\n', ""), ("driftsbudget = true\n", "")])  # fmt: skip
    chart = chart_of(doc_of(tmp_path / "b", own))
    assert [s.colour for s in chart.series] == ["8C5A00", "00507A"]
    assert (chart.caption, chart.axis_title) == ("", "Mnkr")


def test_a_kommun_can_switch_the_chart_off(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, kommun=[("driftsbudget = true", "driftsbudget = false")])
    assert not [b for b in doc_of(tmp_path, own).blocks if isinstance(b, Chart)]
    (tmp_path / "standard").mkdir()
    assert [b for b in doc_of(tmp_path / "standard", cfg).blocks if isinstance(b, Chart)]


def test_a_profile_text_using_mal_outside_a_part_per_goal_is_refused_when_read(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    from pipeline.spec.profile import ProfileError

    with pytest.raises(ProfileError) as err:
        own_cfg(
            tmp_path, cfg, [('rubrik = "Nämndens volymer"', 'rubrik = "Volymer för {{ mål }}"')]
        )
    line = line_of(cfg, 'rubrik = "Nämndens volymer"')
    assert str(err.value) == (
        f"{tmp_path / 'mallar' / 'profil.toml'}, rad {line}: texten 'Volymer för {{{{ mål }}}}' "
        'kan inte fyllas i: variabeln mål finns bara i en del med for_varje = "mål" eller '
        '"målområde". Lägg till for_varje i delen, eller ta bort {{ mål }} ur texten.'
    )
    # A document-wide text (a column heading) is shown outside the parts per goal too.
    line = line_of(cfg, 'plan1 = "Plan')
    with pytest.raises(
        ProfileError,
        match=rf"profil.toml, rad {line}: texten 'Plan \{{\{{ mål }}}}' kan inte .*\. Ta bort",
    ):
        own_cfg(tmp_path / "b", cfg, [('plan1 = "Plan {{ år + 1 }}"', 'plan1 = "Plan {{ mål }}"')])
    # The follow-up reports' parts as the plan's: a block's text in a part not per goal.
    line = line_of(cfg, "Bedömning av kommunfullmäktiges mål")
    with pytest.raises(ProfileError, match=rf"profil.toml, rad {line}: texten 'Bedömning av \{{"):
        own_cfg(tmp_path / "r", cfg, [('rubrik = "Bedömning av kommunfullmäktiges mål"',
                                       'rubrik = "Bedömning av {{ mål }}"')])  # fmt: skip
    # The word in a text, a string or another name is no use of the variable.
    own_cfg(tmp_path / "c", cfg, [('rubrik = "Nämndens volymer"',
                                   'rubrik = "Volymer per mål {{ \'mål\' }}{{ enhet }}"')])  # fmt: skip


def test_a_text_using_a_variable_of_another_place_stops_the_build_naming_its_line(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # {{ nummer }} is the number of a hållbarhet goal, only in that block's heading; and the
    # title cannot use itself. Each is refused before anything is written, never an
    # internal error (UndefinedError) half-way through the document.
    from pipeline.build import build
    from pipeline.spec.profile import ProfileError

    for name, old, new, what in [
        ("a", 'rubrik = "Nämndens volymer"', 'rubrik = "Volymer {{ nummer }}"',
         'variabeln nummer finns bara i rubrik i blocket "hållbarhet"'),
        ("b", 'titel = "Nämndplan med budget {{ år }}', 'titel = "{{ titel }} {{ år }}',
         "variabeln titel finns bara i texterna efter titeln, inte i titeln själv"),
    ]:  # fmt: skip
        own = own_cfg(tmp_path / name, cfg, [(old, new)])
        out = tmp_path / name / "plan.docx"
        with pytest.raises(ProfileError) as err:
            build(made(tmp_path / name, own), out, own)
        assert f"profil.toml, rad {line_of(cfg, old)}: " in str(err.value)
        assert what in str(err.value)
        assert not out.exists()
    # Where it has them, a text may use them: the kommun's own hållbarhet heading.
    assert "{{ nummer }}" in (cfg.templates_dir / "profil.toml").read_text(encoding="utf-8")
    (tmp_path / "c").mkdir()
    out = tmp_path / "c" / "plan.docx"
    assert build(made(tmp_path / "c", cfg), out, cfg).output == out and out.is_file()


def test_a_fixed_text_of_the_profile_is_filled_in_and_marked_up(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    contact = ('\n[[namndplan.del]]\nrubrik = "Kontakt"\nniva = 1\n\n'
               '  [[namndplan.del.block]]\n  typ = "text"\n'
               '  text = "Frågor om planen för {{ år }}:\\n\\n- {{ nämnd }}\\n- kansliet"\n')  # fmt: skip
    own = own_cfg(tmp_path, cfg, [(AGENDA_PART_START, contact + AGENDA_PART_START)])
    doc = doc_of(tmp_path, own)
    blocks = list(doc.blocks)
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Kontakt")
    assert blocks[i + 1 : i + 3] == [
        Paragraph.of("Frågor om planen för 2024:"),
        BulletList(("Provnämnden", "kansliet")),
    ]


AGENDA_PART_START = "# 7.0\n[[namndplan.del]]\n"
