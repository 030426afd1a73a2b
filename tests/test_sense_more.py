"""More sense checks word for word (issue 12): what a kommun's own profile leaves out or
leaves empty, its own thresholds, a workbook missing sheets, total names as people type them.

Each case is a small workbook made from literal rows (tests/made.py) and, where the point is
the kommun's choice, a copy of templates/ with profil.toml or kommun.toml edited.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.build import check
from pipeline.check.sense import is_total_name
from pipeline.spec.config import KommunConfig, load_config

from .made import made

NB = "\u00a0"
M = "\u2212"
UNSHOWN = (
    "rader på bladet visas inte någonstans i kommunens plan; de kommer inte med. Kommunens "
    "profil (profil.toml) har inget avsnitt för dem. Ta bort raderna, eller be den som "
    "förvaltar profilen lägga till ett avsnitt."
)
FILL = "Fyll i bladet om avsnittet ska ha innehåll; annars kan varningen lämnas."
LEFT_OUT = "så avsnittet tas inte med i planen."


def own_cfg(tmp_path: Path, cfg: KommunConfig, profile: list[tuple[str, str]] | None = None,
            kommun_toml: str = "") -> KommunConfig:  # fmt: skip
    """The kommun's templates copied, profil.toml edited (each ``old`` must be there) and
    ``kommun_toml`` appended to kommun.toml."""
    target = tmp_path / "mallar"
    shutil.copytree(cfg.templates_dir, target)
    path = target / "profil.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in profile or []:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    if kommun_toml:
        k = target / "kommun.toml"
        k.write_text(k.read_text(encoding="utf-8") + "\n" + kommun_toml, encoding="utf-8")
    return load_config(target)


def messages(path: Path, cfg: KommunConfig, word: str) -> list[str]:
    return [str(f) for f in check(path, cfg).findings if word in f.message]


AGENDA_PART = """# 7.0
[[namndplan.del]]
rubrik = "Nämndens hållbarhetsarbete"
niva = 1

  [[namndplan.del.block]]
  typ = "hållbarhet"
  rubrik = "Mål {{ nummer }} – {{ namn }}"
"""
VOLUME_COMMENTS = """  [[namndplan.del.block]]
  typ = "kommentarer"
  avsnitt = "Volymer"
"""
GOAL_KEY_FIGURES = """  [[namndplan.del.block]]
  typ = "nyckeltal"
  rubrik = "Nämndens nyckeltal"
  forsta_kolumn = "Nämndens nyckeltal"
"""
KEY_FIGURES = [
    ["Tillsammans skapar vi trygghet", "Trygghet", "%", 80, 81],
    ["Samhörighet", "Samhörighet", "%", 70, 71],
    ["Grunduppdrag", "Väntetid", "Antal", 12, 11],
    ["Tillsammans skapar vi trygghet", "Trygghet 2", "%", 60, 61],
]
COMMENTS = [
    ["Driftsbudget", "Drift", "Om driften."],
    ["Volymer", "Volym", "Om volymerna."],
    ["Volymer", "Volym 2", "Mer om volymerna."],
]
AGENDA = [[4, "Text om god utbildning."], [5, "Text om jämställdhet."], [6, "Om vatten."]]


# --- rows no part of the profile shows ------------------------------------------------------


def test_rows_of_a_sheet_a_section_or_a_goal_the_profile_leaves_out_are_counted_once(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # No Agenda 2030 chapter, no comments on the volumes, parts per målområde (the målbild
    # has none): the rows only those would show are lost, and said so, on the first of them.
    own = own_cfg(tmp_path, cfg, [(AGENDA_PART, ""), (VOLUME_COMMENTS, ""),
                                  ('for_varje = "mål"', 'for_varje = "målområde"')])  # fmt: skip
    rows = {"Nyckeltal": KEY_FIGURES, "Kommentarer": COMMENTS, "Hållbarhet": AGENDA}
    assert messages(made(tmp_path, own, rows=rows), own, "visas inte") == [
        f"Nyckeltal!A2: 2 {UNSHOWN}",
        f"Kommentarer!A3: 2 {UNSHOWN}",
        f"Hållbarhet!A2: 3 {UNSHOWN}",
    ]
    # The same rows under the kommun's own profile are all shown: nothing said.
    assert messages(made(tmp_path, cfg, rows=rows, name="alla.xlsx"), cfg, "visas inte") == []


def test_key_figures_of_goals_are_lost_when_no_part_per_goal_shows_them(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # The goal's part keeps its text but no key figures: only the Grunduppdrag figures,
    # which a part of their own shows, reach the plan.
    own = own_cfg(tmp_path, cfg, [(GOAL_KEY_FIGURES, "")])
    rows = {"Nyckeltal": KEY_FIGURES}
    assert messages(made(tmp_path, own, rows=rows), own, "visas inte") == [
        f"Nyckeltal!A2: 3 {UNSHOWN}"
    ]


def test_key_figures_are_lost_when_no_part_shows_the_sheet_at_all(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [
        (GOAL_KEY_FIGURES, ""),
        ('  [[namndplan.del.block]]\n  typ = "nyckeltal"\n  mal = "Grunduppdrag"\n'
         '  rubrik = "Nyckeltal för grunduppdraget"\n  forsta_kolumn = "Nyckeltal"\n', ""),
    ])  # fmt: skip
    rows = {"Nyckeltal": KEY_FIGURES[2:]}
    assert messages(made(tmp_path, own, rows=rows), own, "visas inte") == [
        f"Nyckeltal!A2: 2 {UNSHOWN}"
    ]


# --- parts of the profile that will be empty --------------------------------------------------


def test_an_empty_parts_heading_is_rendered_with_the_workbooks_details(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [(
        'rubrik = "Nämndens volymer"',
        'rubrik = "Volymer i {{ kommun }} för {{ nämnd }} ({{ prognosmånad }}, {{ enhet }}, '
        '{{ år_kort }})"',
    )])  # fmt: skip
    found = messages(made(tmp_path, own), own, "Bladet har inga uppgifter till avsnittet")
    assert found[3] == (
        'Volymer!A2: Bladet har inga uppgifter till avsnittet "Volymer i Enköpings kommun för '
        f'Provnämnden (Oktober, Mnkr, 24)", {LEFT_OUT} {FILL}'
    )


def test_an_empty_chapter_without_blocks_of_its_own_names_the_sheet_of_its_first_part(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # "Nämndens volymer" becomes a chapter heading over a part holding the table; a last
    # chapter with no parts at all has no sheet: the finding goes to Grunddata.
    own = own_cfg(tmp_path, cfg, [
        ('rubrik = "Nämndens volymer"\nniva = 1\n',
         'rubrik = "Nämndens volymer"\nniva = 1\n\n[[namndplan.del]]\nrubrik = "Tabellen"\n'
         "niva = 2\n"),
        (AGENDA_PART, AGENDA_PART + '\n[[namndplan.del]]\nrubrik = "Bilagor"\nniva = 1\n'),
    ])  # fmt: skip
    found = messages(made(tmp_path, own), own, "Bladet har inga uppgifter till avsnittet")
    assert found[3:] == [
        f'Volymer!A2: Bladet har inga uppgifter till avsnittet "Nämndens volymer", {LEFT_OUT} '
        + FILL,
        'Investeringsbudget!A2: Bladet har inga uppgifter till avsnittet "Investeringsbudget '
        '2024 och plan 2025–2026"; det får bara meningen: Nämnden har inga investeringar under '
        f"perioden. {FILL}",
        'Hållbarhet!A2: Bladet har inga uppgifter till avsnittet "Nämndens hållbarhetsarbete", '
        f"{LEFT_OUT} {FILL}",
        f'Grunddata!A2: Bladet har inga uppgifter till avsnittet "Bilagor", {LEFT_OUT} {FILL}',
    ]


def test_a_part_repeated_per_goal_is_left_to_the_plan_even_without_key_figures(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # A part per goal holding only key figures, and no key figures at all: the plan shows
    # each goal's heading with nothing under it, or leaves it out; no chapter warning here.
    own = own_cfg(tmp_path, cfg, [('  [[namndplan.del.block]]\n  typ = "måltext"\n\n', "")])
    found = messages(made(tmp_path, own), own, "Bladet har inga uppgifter till avsnittet")
    assert [f.split(":")[0] for f in found] == [
        "Satsningar och uppdrag!A2",
        "Utvecklingsmål!A2",
        "Nyckeltal!A2",
        "Volymer!A2",
        "Investeringsbudget!A2",
        "Hållbarhet!A2",
    ]
    assert "Nämndens nyckeltal för grunduppdraget" in found[2]


# --- a workbook missing sheets ---------------------------------------------------------------


@pytest.mark.parametrize("sheet", ["Nyckeltal", "Volymer", "Investeringsbudget", "Kommentarer",
                                   "Hållbarhet", "Satsningar och uppdrag"])  # fmt: skip
def test_a_missing_sheet_is_one_error_and_the_sense_checks_still_run(
    tmp_path: Path, cfg: KommunConfig, sheet: str
) -> None:
    def drop(wb: Any) -> None:
        del wb[sheet]

    rows = {"Volymer": [["Barn", 10.5, 10, 10, 10, 10, 10]],
            "Nyckeltal": [["Samhörighet", "Andel", "%", 0.5, 50]]}  # fmt: skip
    found = check(made(tmp_path, cfg, rows=rows, edit=drop), cfg).findings
    assert [str(f) for f in found.errors] == [
        f'{sheet}: Bladet "{sheet}" saknas i arbetsboken. Utgå från den tomma mallen i '
        "input_templates/ och kopiera in uppgifterna där."
    ]
    # The other sheets are still checked: a decimal volume, a pasted fraction.
    warned = {f.location for f in found.warnings if "decimaler" in f.message or "bråktal" in
              f.message}  # fmt: skip
    assert warned == {"Volymer!B2", "Nyckeltal!D2"} - {f"{sheet}!B2", f"{sheet}!D2"}


# --- total names as people type them --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("– Summa –", True),  # dashes around the word
        ("— Total —", True),
        (f"Totalt{NB}kostnader", True),  # a no-break space between the words
        ("Totalt: kostnader", True),  # a colon after the first word
        ("Kostnader totalt", True),  # the total word last
        ("Verksamhet summa", True),
        ("Grand total", True),  # only the whole name says it
        ("Grand  Total", True),
        ("S : a", True),  # only the name without its spaces says it
        ("Tot alt", True),
        ("", False),
        (" . ", False),
        ("Totala kostnader för hemtjänst", False),
        ("Grand", False),
        ("Kostnader total", False),
    ],
)
def test_total_names_as_typed(name: str, total: bool) -> None:
    assert is_total_name(name) is total


# --- the kommun's own thresholds (kommun.toml, [granskning]) ---------------------------------

THRESHOLDS = """[granskning]
lang_text_tecken = 40
storsta_belopp_mnkr = 100
plan_minskning_andel = 0.555
"""
TKR = ("Det ser ut att vara skrivet i tkr; i Mnkr blir det {}. Belopp skrivs i Mnkr (miljoner "
       "kronor) med en decimal. Är beloppet rätt kan varningen lämnas.")  # fmt: skip
CHECK = "Kontrollera beloppet; är det avsiktligt kan varningen lämnas."
PASTED = "Kontrollera att inget har klistrats in två gånger."


def test_the_kommuns_own_thresholds_replace_the_defaults(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, kommun_toml=THRESHOLDS)
    rows = {
        "Målbild": [
            ["Tillsammans skapar vi trygghet", "x" * 40],  # at the limit: not long
            ["Samhörighet", "y" * 41],
            ["Självständighet", "Kort."],
            ["Stolthet", "Kort."],
        ],
        "Driftsbudget": [
            ["A", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["B", -20.0, -21.0, -22.0, -23.0, -23.5, -24.0],
            ["C", -100.0, -1.0, -1.0, -1.0, -1.0, -1.0],  # at the kommun's largest amount
            ["D", -10.0, -10.0, -10.0, -10.0, -5.0, -4.4],  # Plan 2026 more than 55,5 % lower
        ],
    }
    found = said_here(made(tmp_path, own, rows=rows), own)
    assert found == [
        f"Driftsbudget!B4: Beloppet {M}100,0 (Bokslut 2022) är större än 100 Mnkr. "
        + TKR.format(f"{M}0,1"),
        f"Målbild!B3: Texten är mycket lång (41 tecken; vanligen under 40). {PASTED}",
        f"Driftsbudget!G5: Planen ({M}4,4) är mer än 55 % lägre än budgeten ({M}10,0). {CHECK}",
    ]
    # The defaults: none of these but the plan, and both of its years.
    assert said_here(made(tmp_path, cfg, rows=rows, name="standard.xlsx"), cfg) == [
        f"Driftsbudget!F5: Planen ({M}5,0) är mer än 25 % lägre än budgeten ({M}10,0). {CHECK}",
        f"Driftsbudget!G5: Planen ({M}4,4) är mer än 25 % lägre än budgeten ({M}10,0). {CHECK}",
    ]


def said_here(path: Path, cfg: KommunConfig) -> list[str]:
    """Every finding but the empty chapters and columns of the made workbook."""
    return [
        str(f)
        for f in check(path, cfg).findings
        if "Bladet har inga uppgifter" not in f.message and "tom på alla rader" not in f.message
    ]


# --- amounts in the wrong unit: the edges ------------------------------------------------------


def test_amounts_exactly_at_the_scale_factors_are_warned(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        "Driftsbudget": [
            ["A", -1.0, -1.0, -1.0, -1.0, -1.0, -1.0],
            ["B", -1.0, -1.0, -1.0, -1.0, -1.0, -1.0],
            # 1 000 times the table's usual amount (1,0), and 300 times the row's (1,0).
            ["C", -1000.0, -1.0, -1.0, -1.0, -1.0, -1.0],
            ["D", -1.0, -300.0, -1.0, -1.0, -1.0, -1.0],
            # 200 is under both, then an amount over 50 000 Mnkr on the same row.
            ["E", -200.0, -200.0, -200.0, -200.0, -200.0, -60000.0],
            ["F", 0, 0, 0, 0, 0, 0],  # zeros are no amounts to compare with
            ["G", 0, 0, 0, 0, 0, 0],
            ["H", 0, 0, 0, 0, 0, 0],
            ["I", 0, 0, 0, 0, 0, 0],
        ]
    }
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Beloppet" in s]
    assert found == [
        f"Driftsbudget!B4: Beloppet {M}1{NB}000,0 (Bokslut 2022) är mycket större än tabellens "
        "övriga belopp (vanligen kring 1,0). " + TKR.format(f"{M}1,0"),
        f"Driftsbudget!C5: Beloppet {M}300,0 (Prognos 2023) är mycket större än radens övriga "
        "belopp (vanligen kring 1,0). " + TKR.format(f"{M}0,3"),
        f"Driftsbudget!G6: Beloppet {M}60{NB}000,0 (Plan 2026) är större än 50{NB}000 Mnkr. "
        + TKR.format(f"{M}60,0"),
    ]


def test_the_usual_amount_of_an_odd_count_is_the_middle_one(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Driftsbudget": [
            ["A", -1.0, -2.0, -9.0, None, None, None],
            ["B", None, None, None, -3000.0, None, None],
        ]
    }
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Beloppet" in s]
    assert found == [
        f"Driftsbudget!E3: Beloppet {M}3{NB}000,0 (Budget 2024) är mycket större än tabellens "
        "övriga belopp (vanligen kring 2,0). " + TKR.format(f"{M}3,0")
    ]


def _long_table(n: int, big: list[float]) -> list[list[Any]]:
    rows: list[list[Any]] = [[f"Trea {i}", *[-3.0] * 6] for i in range(14)]
    rows.append(["Blandad", -1.0, -1.0, -1.0, -3.0, -3.0, -3.0])
    rows += [[f"Etta {i}", *[-1.0] * 6] for i in range(n - 16)]
    rows.append(["Stor", *big])
    return rows


def test_a_table_of_thirty_rows_still_leaves_the_row_out_of_its_usual_amount(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # The other 29 rows: 87 amounts of 1,0 and 87 of 3,0, so the usual amount is 2,0 and
    # 2 000 is 1 000 times it. With the row's own six amounts the median would be 3,0.
    rows = {"Driftsbudget": _long_table(30, [-2000.0] * 6)}
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Beloppet" in s]
    assert len(found) == 6 and found[0] == (
        f"Driftsbudget!B31: Beloppet {M}2{NB}000,0 (Bokslut 2022) är mycket större än "
        "tabellens övriga belopp (vanligen kring 2,0). " + TKR.format(f"{M}2,0")
    )


def test_a_table_of_more_than_thirty_rows_takes_one_usual_amount_for_all(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # 31 rows: the median of all 186 amounts, the row's own included: 93 of 1,0 and 93 of
    # 3,0 or more, so 2,0 (without the row's own it would be 1,0).
    rows = {"Driftsbudget": _long_table(31, [-3000.0] * 6)}
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Beloppet" in s]
    assert len(found) == 6 and found[0] == (
        f"Driftsbudget!B32: Beloppet {M}3{NB}000,0 (Bokslut 2022) är mycket större än "
        "tabellens övriga belopp (vanligen kring 2,0). " + TKR.format(f"{M}3,0")
    )


# --- totals typed by hand: the edges -------------------------------------------------------

TWICE = ("Verktyget räknar själv ut Totalt, så raden skulle räknas två gånger i planen, "
         "diagrammet och sammanställningen. Ta bort raden.")  # fmt: skip
VOLUME_TOTAL = ("Volymerna summeras inte i planen. Ta bort raden, eller byt namn på den om den "
                "räknar något eget.")  # fmt: skip


def errors_of(path: Path, cfg: KommunConfig) -> list[str]:
    return [str(f) for f in check(path, cfg).findings.errors]


def test_every_total_on_a_sheet_is_an_error_and_a_subtotals_block_is_summed_alone(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Driftsbudget": [
            ["A", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["B", -20.0, -21.0, -22.0, -23.0, -23.5, -24.0],
            ["Delsumma", -30.0, -32.0, -34.0, -36.0, -37.0, -38.0],
            ["C", -1.0, -1.0, -1.0, -1.0, -1.0, -1.0],
            ["D", -2.0, -2.0, -2.0, -2.0, -2.0, -2.0],
            ["Område 2", -3.0, -3.0, -3.0, -3.0, -3.0, -3.0],  # C + D, the block since Delsumma
            ["Totalt", -33.0, -35.0, -37.0, -39.0, -40.0, -41.0],
        ]
    }
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        f'Driftsbudget!A4: Raden "Delsumma" heter som en summarad. {TWICE}',
        f'Driftsbudget!A7: Raden "Område 2" har belopp som är summan av raderna ovanför. {TWICE}',
        f'Driftsbudget!A8: Raden "Totalt" heter som en summarad. {TWICE}',
    ]


def test_a_sum_is_matched_to_half_the_last_shown_digit(tmp_path: Path, cfg: KommunConfig) -> None:
    # Mnkr are shown with one decimal: a sum 0,05 off still matches, 0,3 off does not.
    # Volumes are shown whole: 0,5 off still matches.
    rows = {
        "Driftsbudget": [
            ["A", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["B", -20.0, -21.0, -22.0, -23.0, -23.5, -24.0],
            ["Nära", -30.05, -32.0, -34.0, -36.0, -37.0, -38.05],
            ["Inte nära", -30.3, -32.0, -34.0, -36.0, -37.0, -38.0],
        ],
        "Volymer": [
            ["Barn", 10, 11, 12, 13, 14, 15],
            ["Vuxna", 20, 21, 22, 23, 24, 25],
            ["Alla", 30.5, 32, 34, 36, 38, 40],
        ],
    }
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        f'Volymer!A4: Raden "Alla" har belopp som är summan av raderna ovanför. {VOLUME_TOTAL}',
        f'Driftsbudget!A4: Raden "Nära" har belopp som är summan av raderna ovanför. {TWICE}',
    ]


def test_what_is_no_total_by_its_figures(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        # The same figures as the one row above: not a sum of rows.
        "Driftsbudget": [
            ["Hemtjänst", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["Hemsjukvård", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
        ],
        # Zeros throughout: nothing to sum.
        "Volymer": [
            ["Nya A", 0, 0, 0, 0, 0, 0],
            ["Nya B", 0, 0, 0, 0, 0, 0],
            ["Nya C", 0, 0, 0, 0, 0, 0],
        ],  # fmt: skip
    }
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == []


def test_a_sum_of_two_figures_is_enough(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        "Investeringsbudget": [
            ["Möbler", None, None, None, -2.0, -3.0, None],
            ["IT", None, None, None, -1.0, -1.0, None],
            ["Allt", None, None, None, -3.0, -4.0, None],
        ]
    }
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        'Investeringsbudget!A4: Raden "Allt" har belopp som är summan av raderna ovanför. ' + TWICE
    ]


def test_volume_totals_by_name_and_by_size(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        "Volymer": [
            ["Barn", 10, 11, 12, 13, 14, 15],
            ["Vuxna", 0, 0, 0, 0, 0, 0],
            # As large as the largest row above: a total by its name.
            ["Totalt antal placerade barn", 10, 11, 12, 13, 14, 15],
            ["Äldre", 50, 50, 50, 50, 50, 50],
            # Only total words: a total whatever its figures.
            ["Summa", 5, 5, 5, 5, 5, 5],
        ]
    }
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        f'Volymer!A4: Raden "Totalt antal placerade barn" heter som en summarad. {VOLUME_TOTAL}',
        f'Volymer!A6: Raden "Summa" heter som en summarad. {VOLUME_TOTAL}',
    ]


# --- percentages, volumes, empty columns, plans: the edges --------------------------------------


def test_only_fractions_of_at_most_one_in_percent_rows_are_taken_for_pasted_shares(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Nyckeltal": [
            ["Samhörighet", "Antal ärenden", "Antal", 0.5, 0.7],  # not a percentage
            ["Samhörighet", "Noll", "%", 0, 0],
            ["Samhörighet", "Och en halv", "%", 1.5, 2],
            ["Samhörighet", "Minskning", "%", -0.5, 0.25],
        ]
    }
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Utfallet" in s]
    assert found == [
        f"Nyckeltal!D5: Utfallet {M}0,5 (Utfall 2022) visas i planen som {M}0,5{NB}%. Är det "
        f"en andel, inklistrad som bråktal, menar du {M}50{NB}%? Skriv procentsatsen som "
        f"{M}50 % eller {M}50. Är det verkligen {M}0,5{NB}% kan varningen lämnas.",
        f"Nyckeltal!E5: Utfallet 0,25 (Utfall 2023) visas i planen som 0,3{NB}%. Är det en "
        f"andel, inklistrad som bråktal, menar du 25{NB}%? Skriv procentsatsen som 25 % eller "
        f"25. Är det verkligen 0,3{NB}% kan varningen lämnas.",
    ]


def test_a_volume_with_two_decimals_is_shown_as_typed(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Volymer": [["Barn", 10.25, 10, 10, 10, 10, 10]]}
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Volymen" in s]
    assert found == [
        "Volymer!B2: Volymen 10,25 (Bokslut 2022) har decimaler; planen visar 10,25. Volymer "
        "är oftast antal i heltal. Kontrollera talet; är det rätt kan varningen lämnas."
    ]


def test_new_investments_without_outcome_or_forecast_are_no_unfinished_rollover(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Investeringsbudget": [["Ny skola", None, None, -2.0, -3.0, -4.0, -5.0]]}
    found = check(made(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in found if f.sheet == "Investeringsbudget"] == []


def test_a_plan_below_a_budget_of_one_is_warned(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsbudget": [["Liten", 1.0, 1.0, 1.0, 1.0, 0.5, 1.0],
                             ["Mindre", 0.5, 0.5, 0.5, 0.5, 0.2, 0.5]]}  # fmt: skip
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Planen" in s]
    assert found == [
        f"Driftsbudget!F2: Planen (0,5) är mer än 25 % lägre än budgeten (1,0). {CHECK}",
        f"Driftsbudget!F3: Planen (0,2) är mer än 25 % lägre än budgeten (0,5). {CHECK}",
    ]


def test_a_plan_of_zero_is_warned_for_an_income_as_for_a_cost(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Driftsbudget": [["Kostnad", -10.0, -10.0, -10.0, -10.0, 0, -10.0],
                             ["Intäkt", 10.0, 10.0, 10.0, 10.0, 0, 10.0]]}  # fmt: skip
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Planen" in s]
    assert found == [
        f"Driftsbudget!F2: Planen (0,0) är mer än 25 % lägre än budgeten ({M}10,0). {CHECK}",
        f"Driftsbudget!F3: Planen (0,0) är mer än 25 % lägre än budgeten (10,0). {CHECK}",
    ]


def test_a_sum_row_without_a_name_is_named_empty(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsbudget": [["A", -1.0, -1.0, -1.0, -1.0, -1.0, -1.0],
                             ["B", -2.0, -2.0, -2.0, -2.0, -2.0, -2.0],
                             [None, -3.0, -3.0, -3.0, -3.0, -3.0, -3.0]]}  # fmt: skip
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        "Driftsbudget!A4: Verksamhet måste fyllas i. Verksamhetens namn. Ta bort raden om den "
        "inte ska vara med.",
        f'Driftsbudget!A4: Raden "" har belopp som är summan av raderna ovanför. {TWICE}',
    ]


# --- a workbook without a budget year ---------------------------------------------------------


def _without_year(wb: Any) -> None:
    for row in wb["Grunddata"].iter_rows():
        if row[0].value == "Budgetår":
            row[1].value = None


def test_without_a_budget_year_the_sense_checks_name_the_columns_without_years(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Volymer": [["Barn", 10.5, 10, 10, 10, 10, 10]],
            "Nyckeltal": [["Samhörighet", "Andel", "%", 0.5, 50]]}  # fmt: skip
    found = [
        str(f) for f in check(made(tmp_path, cfg, rows=rows, edit=_without_year), cfg).findings
    ]
    assert found[:3] == [
        "Grunddata!B4: Budgetår måste fyllas i. Budgetåret som ett årtal, t.ex. 2024.",
        f"Nyckeltal!D2: Utfallet 0,5 (Utfall) visas i planen som 0,5{NB}%. Är det en andel, "
        f"inklistrad som bråktal, menar du 50{NB}%? Skriv procentsatsen som 50 % eller 50. Är "
        f"det verkligen 0,5{NB}% kan varningen lämnas.",
        "Volymer!B2: Volymen 10,5 (Bokslut) har decimaler; planen visar 10,5. Volymer är oftast "
        "antal i heltal. Kontrollera talet; är det rätt kan varningen lämnas.",
    ]


def test_without_a_budget_year_no_chapter_warning_names_year_zero(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    path = made(tmp_path, cfg, edit=_without_year)
    found = [f.message for f in check(path, cfg).findings]
    assert not [m for m in found if "för 0." in m or "Investeringsbudget 0 " in m], found
    # The chapters are still named, the unknown year as "…".
    assert messages(path, cfg, "Investeringsbudget …") == [
        'Investeringsbudget!A2: Bladet har inga uppgifter till avsnittet "Investeringsbudget … '
        'och plan …–…"; det får bara meningen: Nämnden har inga investeringar under perioden. '
        f"{FILL}"
    ]
    assert [m for m in found if m.endswith("i kommunfullmäktiges årsplan för ….")] != []


def test_a_chapter_heading_the_workbook_cannot_fill_is_shown_with_dots_not_a_crash(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # A misspelt variable (the build refuses it, naming profil.toml's line) and a comparison
    # with the year: validate still says which chapter will be empty.
    own = own_cfg(tmp_path, cfg, [
        ('rubrik = "Nämndens volymer"', 'rubrik = "Nämndens volymer {{ årtal }}"'),
        ('rubrik = "Nämndens hållbarhetsarbete"',
         'rubrik = "Nämndens hållbarhetsarbete{% if år > 2000 %} i dag{% endif %}"'),
    ])  # fmt: skip
    found = messages(made(tmp_path, own, edit=_without_year), own, "Bladet har inga")
    assert [m for m in found if m.startswith(("Volymer", "Hållbarhet"))] == [
        f'Volymer!A2: Bladet har inga uppgifter till avsnittet "Nämndens volymer …", '
        f"{LEFT_OUT} {FILL}",
        f'Hållbarhet!A2: Bladet har inga uppgifter till avsnittet "Nämndens '
        f'hållbarhetsarbete i dag", {LEFT_OUT} {FILL}',
    ]


# --- parts the workbook leaves empty, block by block ----------------------------------------

UPPDRAG_BLOCK = """  [[namndplan.del.block]]
  typ = "satsningar"
  slag = "Uppdrag"
  rubrik = "Uppdrag i KF:s årsplan"
  kolumn = "För nämnden innebär det"
"""
CONTACT_PART = """
[[namndplan.del]]
rubrik = "Kontakt"
niva = 1

  [[namndplan.del.block]]
  typ = "text"
  text = "Ring nämndens kansli."
"""


def test_each_kind_of_block_is_empty_by_its_own_rows(tmp_path: Path, cfg: KommunConfig) -> None:
    # Satsningar only of a kind the profile has no block for; comments only on the budget;
    # key figures only for the goals; a chapter holding a fixed text is never empty.
    own = own_cfg(tmp_path, cfg, [(UPPDRAG_BLOCK, ""), (AGENDA_PART, AGENDA_PART + CONTACT_PART)])
    rows = {
        "Satsningar och uppdrag": [["Uppdrag", "Ett uppdrag", "Text."]],
        "Kommentarer": [["Driftsbudget", "Drift", "Om driften."]],
        "Nyckeltal": KEY_FIGURES[:2],
        "Volymer": [["Barn", 10, 11, 12, 13, 14, 15]],
        "Investeringsbudget": [["Skola", -1.0, -1.0, -1.0, -1.0, -1.0, -1.0]],
        "Hållbarhet": AGENDA[:1],
        "Utvecklingsmål": [["Mål", "Beskrivning.", "Strategi.", "Ja", "Nej"]],
    }
    found = messages(made(tmp_path, own, rows=rows), own, "Bladet har inga uppgifter")
    assert found == [
        'Satsningar och uppdrag!A2: Bladet har inga uppgifter till avsnittet "Särskilda '
        'satsningar och uppdrag från kommunfullmäktige"; det får bara meningen: Nämnden har '
        f"inga särskilda satsningar eller uppdrag i kommunfullmäktiges årsplan för 2024. {FILL}",
        'Nyckeltal!A2: Bladet har inga uppgifter till avsnittet "Nämndens nyckeltal för '
        f'grunduppdraget", {LEFT_OUT} {FILL}',
        f'Kommentarer!A2: Bladet har inga uppgifter till avsnittet "Större förändringar", '
        f"{LEFT_OUT} {FILL}",
    ]


def test_satsningar_of_a_kind_the_profile_does_not_show_are_warned_about(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    own = own_cfg(tmp_path, cfg, [(UPPDRAG_BLOCK, "")])
    rows = {"Satsningar och uppdrag": [["Särskild satsning", "En satsning", "Text."],
                                       ["Uppdrag", "Ett uppdrag", "Text."],
                                       ["Uppdrag", "Ett till", "Text."]]}  # fmt: skip
    assert messages(made(tmp_path, own, rows=rows), own, "visas inte") == [
        f"Satsningar och uppdrag!A3: 2 {UNSHOWN}"
    ]


# --- texts carried over ------------------------------------------------------------------


def test_carried_texts_without_a_year_a_new_sheet_and_a_missing_one(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    import openpyxl

    from pipeline.spec.contract import CARRIED_SHEET
    from pipeline.workbooks.rollover import rollover

    rolled = rollover(made(tmp_path, cfg, name="plan-2024.xlsx"), 2025, cfg)
    wb = openpyxl.load_workbook(rolled)
    record = wb[CARRIED_SHEET]
    assert record["D1"].value == "Från budgetår" and record["D2"].value == 2024
    for (cell,) in record.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.value = None  # a record without years (damaged, or typed over)
    del wb["Grunduppdrag"]  # carried texts of a sheet that is gone
    wb["Hållbarhet"].append([4, "En ny text om god utbildning."])  # no record for this sheet
    wb.save(rolled)
    found = check(rolled, cfg).findings
    assert [str(f) for f in found.errors] == [
        'Grunduppdrag: Bladet "Grunduppdrag" saknas i arbetsboken. Utgå från den tomma mallen '
        "i input_templates/ och kopiera in uppgifterna där."
    ]
    unchanged = [str(f) for f in found if "oförändrad" in f.message]
    assert unchanged == [
        f"Målbild!B{r}: Texten är oförändrad sedan förra årets plan. Uppdatera texten för 2025, "
        "eller lämna den som den är om den fortfarande stämmer."
        for r in range(2, 6)
    ]


def test_the_checksum_of_a_carried_text_is_the_one_recorded_in_rolled_workbooks() -> None:
    # Workbooks rolled over earlier hold these in their record: BLAKE2b of 12 bytes over the
    # text with its spacing folded, in UTF-8 (hashlib.blake2b(..., digest_size=12)).
    from pipeline.check.sense import text_checksum

    assert text_checksum("  Nämndens   text\n om Samhörighet. ") == "2af2e3b3860c32e51bcff81e"
    assert text_checksum("Nämndens text om Samhörighet.") == "2af2e3b3860c32e51bcff81e"


# --- volume rows named as totals ---------------------------------------------------------------


def test_a_volume_row_of_only_total_words_is_a_total_whatever_its_figures(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    names = ["Summa volymer", "Totalt antal", "Summa totalt", "Total summa", "Summa: volymer"]
    rows = {"Volymer": [["Barn", 50, 50, 50, 50, 50, 50]]
            + [[n, 5, 5, 5, 5, 5, 5] for n in names]}  # fmt: skip
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        f'Volymer!A{r}: Raden "{n}" heter som en summarad. {VOLUME_TOTAL}'
        for r, n in enumerate(names, start=3)
    ]


def test_a_volume_row_named_s_a_is_a_total_like_summa(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Volymer": [["Barn", 50, 50, 50, 50, 50, 50], ["S:a", 5, 5, 5, 5, 5, 5]]}
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == [
        f'Volymer!A3: Raden "S:a" heter som en summarad. {VOLUME_TOTAL}'
    ]


def test_a_volume_row_named_as_a_total_without_figures_is_no_total(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Volymer": [["Barn", 50, 50, 50, 50, 50, 50],
                        ["Totalt antal placerade", None, None, None, None, None, None]]}  # fmt: skip
    assert errors_of(made(tmp_path, cfg, rows=rows), cfg) == []


# --- a kommun that counts in tkr ----------------------------------------------------------------

SJOBACKA = Path(__file__).resolve().parent.parent / "kommuner" / "sjobacka"


def test_the_thresholds_are_in_mnkr_whatever_the_kommuns_unit(tmp_path: Path) -> None:
    import openpyxl

    sjobacka = load_config(SJOBACKA / "mallar")
    wb = openpyxl.load_workbook(SJOBACKA / "indata" / "barn-och-utbildningsnamnden-2026.xlsx")
    ws = wb["Driftsbudget"]
    ws["F3"] = -50_000_000  # in tkr: over Sjöbacka's largest amount, 5 000 Mnkr (kommun.toml)
    # 6 000 tkr is 300 times the row's other amounts, but under 100 Mnkr: never tkr in kr.
    ws.append(["Kaffe", -20, -20, -20, -20, -20, -6000])
    path = tmp_path / "bun.xlsx"
    wb.save(path)
    found = [str(f) for f in check(path, sjobacka).findings if "Beloppet" in f.message]
    assert found == [
        f"Driftsbudget!F3: Beloppet {M}50{NB}000{NB}000 (Plan 2027) är större än 5{NB}000{NB}000 "
        f"tkr. Det ser ut att vara skrivet i kr; i tkr blir det {M}50{NB}000. Belopp skrivs i "
        "tkr (tusen kronor) i hela tal. Är beloppet rätt kan varningen lämnas."
    ]


def test_a_plan_of_zero_for_a_cost_is_warned(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsbudget": [["Kostnad", -10.0, -10.0, -10.0, -10.0, 0, -10.0]]}
    found = [s for s in said_here(made(tmp_path, cfg, rows=rows), cfg) if "Planen" in s]
    assert found == [
        f"Driftsbudget!F2: Planen (0,0) är mer än 25 % lägre än budgeten ({M}10,0). {CHECK}"
    ]


def test_an_empty_parts_heading_without_the_workbooks_details_leaves_them_empty(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # Grunddata without Nämnd and Prognosmånad (errors of their own): the heading in the
    # warning has nothing where they go, never a placeholder.
    own = own_cfg(tmp_path, cfg, [(
        'rubrik = "Nämndens volymer"',
        'rubrik = "Volymer för {{ nämnd }}({{ prognosmånad }}){{ kommun }}"',
    )])  # fmt: skip

    def clear(wb: Any) -> None:
        for row in wb["Grunddata"].iter_rows():
            if row[0].value in ("Nämnd", "Prognosmånad", "Kommun"):
                row[1].value = None

    found = messages(made(tmp_path, own, edit=clear), own, "Volymer för")
    assert found == [
        f'Volymer!A2: Bladet har inga uppgifter till avsnittet "Volymer för ()", {LEFT_OUT} {FILL}'
    ]


def test_one_row_no_part_shows_is_said_in_the_singular(tmp_path: Path, cfg: KommunConfig) -> None:
    own = own_cfg(tmp_path, cfg, [(UPPDRAG_BLOCK, "")])
    rows = {"Satsningar och uppdrag": [["Särskild satsning", "En satsning", "Text."],
                                       ["Uppdrag", "Ett uppdrag", "Text."]]}  # fmt: skip
    assert messages(made(tmp_path, own, rows=rows), own, "visas inte") == [
        "Satsningar och uppdrag!A3: 1 rad på bladet visas inte någonstans i kommunens plan; "
        "den kommer inte med. Kommunens profil (profil.toml) har inget avsnitt för den. Ta "
        "bort raden, eller be den som förvaltar profilen lägga till ett avsnitt."
    ]
