"""The kommun profile's checks for a follow-up report (Tertialrapport, Delårsrapport,
Verksamhetsberättelse), word for word: a part of ``[uppfoljning]`` that will be empty (left
out, or its om_tomt sentence) and filled rows that no part of ``[uppfoljning]`` shows.

Each case is its own workbook: the shipped Delårsrapport edited with openpyxl, or one made
by ``followup`` from the plan and filled in; where the point is the kommun's choice, a copy
of templates/ with profil.toml edited (``own_templates``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from pipeline.check.workbook import check
from pipeline.spec.config import KommunConfig, load_config
from pipeline.workbooks.followup import make_followup

from .conftest import EXAMPLE, ROOT

DELARSRAPPORT = ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx"
FILL = "Fyll i bladet om avsnittet ska ha innehåll; annars kan varningen lämnas."
LEFT_OUT = "så avsnittet tas inte med i rapporten."
PROFILE_HINT = (
    "Kommunens profil (profil.toml) har inget avsnitt för {them} under [uppfoljning]. Ta bort "
    "{rows}, eller be den som förvaltar profilen lägga till ett avsnitt."
)
ONE_LOST = "1 rad på bladet visas inte någonstans i rapporten; den kommer inte med. " + (
    PROFILE_HINT.format(them="den", rows="raden")
)


def lost(count: int) -> str:
    return (f"{count} rader på bladet visas inte någonstans i rapporten; de kommer inte med. "
            + PROFILE_HINT.format(them="dem", rows="raderna"))  # fmt: skip


def edited(tmp_path: Path, fn: Callable[[Any], None], source: Path = DELARSRAPPORT,
           name: str = "rapport.xlsx") -> Path:  # fmt: skip
    wb = openpyxl.load_workbook(source)
    fn(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def findings(path: Path, cfg: KommunConfig) -> list[str]:
    return [str(f) for f in check(path, cfg).findings]


def profile_said(path: Path, cfg: KommunConfig) -> list[str]:
    """Only the profile's findings: empty parts and rows no part shows."""
    return [s for s in findings(path, cfg)
            if "Bladet har inga uppgifter till avsnittet" in s or "visas inte någonstans" in s]  # fmt: skip


def delete_where(ws: Any, column: int, value: str) -> None:
    """Delete the rows whose cell in ``column`` (1-based) is ``value``."""
    for row in range(ws.max_row, 1, -1):
        if ws.cell(row, column).value == value:
            ws.delete_rows(row)


def clear_rows(ws: Any) -> None:
    ws.delete_rows(2, ws.max_row)


def report_profile(own_templates: Callable[..., Path], *edits: tuple[str, str]) -> KommunConfig:
    """The kommun's templates copied with ``edits`` made in profil.toml's [uppfoljning]
    (each ``old`` there exactly once, so an edit cannot silently do nothing)."""
    target = own_templates()
    path = target / "profil.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[uppfoljning]\n")
    report = text[start:]
    for old, new in edits:
        assert report.count(old) == 1, old
        report = report.replace(old, new)
    path.write_text(text[:start] + report, encoding="utf-8")
    return load_config(target)


def set_grunddata(wb: Any, field: str, value: Any) -> None:
    ws = wb["Grunddata"]
    row = next(c.row for c in ws["A"] if c.value == field)
    ws.cell(row, 2, value)


# --- the shipped example ----------------------------------------------------------------------


def test_the_shipped_delarsrapport_has_every_part_filled_and_shown(cfg: KommunConfig) -> None:
    assert findings(DELARSRAPPORT, cfg) == []


# --- parts that will be empty ----------------------------------------------------------------


def test_an_empty_section_is_left_out_of_the_report(tmp_path: Path, cfg: KommunConfig) -> None:
    path = edited(
        tmp_path, lambda wb: delete_where(wb["Sammanfattning"], 1, "Förväntad utveckling")
    )
    assert findings(path, cfg) == [
        'Sammanfattning!A2: Bladet har inga uppgifter till avsnittet "Förväntad utveckling", '
        f"{LEFT_OUT} {FILL}"
    ]


def test_a_report_fresh_from_followup_with_only_its_summary_written(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # What followup carries over fills the goals, satsningar, utvecklingsmål, key figures,
    # volumes and both accounts; of Sammanfattning's parts only the one written has text.
    made = make_followup(EXAMPLE, "Delårsrapport", cfg, tmp_path / "ny.xlsx")

    def summary(wb: Any) -> None:
        wb["Sammanfattning"].append(["Sammanfattning", "Nämnden följer sin plan."])

    path = edited(tmp_path, summary, source=made)
    assert profile_said(path, cfg) == [
        f'Sammanfattning!A2: Bladet har inga uppgifter till avsnittet "{heading}", {LEFT_OUT} '
        + FILL
        for heading in ("Väsentliga händelser", "Förväntad utveckling", "Personal")
    ]


def test_an_empty_chapter_is_said_once_not_again_for_its_parts(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # Utvecklingsmål (4.0) without rows, and its part "Nyckeltal för grunduppdraget" without
    # key figures: the chapter is left out, said once on its first sheet.
    def empty(wb: Any) -> None:
        clear_rows(wb["Utvecklingsmål"])
        delete_where(wb["Nyckeltal"], 1, "Grunduppdrag")

    assert findings(edited(tmp_path, empty), cfg) == [
        f'Utvecklingsmål!A2: Bladet har inga uppgifter till avsnittet "Utvecklingsmål", {LEFT_OUT} '
        + FILL
    ]


def test_a_part_with_only_the_grunduppdrag_figures_empty_is_said_on_its_own(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    path = edited(tmp_path, lambda wb: delete_where(wb["Nyckeltal"], 1, "Grunduppdrag"))
    assert findings(path, cfg) == [
        'Nyckeltal!A2: Bladet har inga uppgifter till avsnittet "Nyckeltal för '
        f'grunduppdraget", {LEFT_OUT} {FILL}'
    ]


PERSONAL = 'rubrik = "Personal"\nniva = 1\n'
PERSONAL_SENTENCE = (
    'om_tomt = "{{ nämnd }} redovisar personalen i nästa rapport, inte i {{ rapport | lower }} '
    '{{ period }}."\n'
)
INVESTMENT_TABLE = '  forsta_kolumn = "Investering ({{ enhet }})"\n'
INVESTMENT_SENTENCE = '  om_tomt = "Nämnden har inga investeringar {{ år }}."\n'


def test_empty_parts_with_a_sentence_get_it_filled_with_the_reports_variables(
    tmp_path: Path, cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    # om_tomt of a part (Personal) and of a table (Investeringsredovisning)
    own = report_profile(own_templates, (PERSONAL, PERSONAL + PERSONAL_SENTENCE),
                         (INVESTMENT_TABLE, INVESTMENT_TABLE + INVESTMENT_SENTENCE))  # fmt: skip

    def empty(wb: Any) -> None:
        delete_where(wb["Sammanfattning"], 1, "Personal")
        clear_rows(wb["Investeringsredovisning"])
        delete_where(wb["Kommentarer"], 1, "Investeringsredovisning")

    assert findings(edited(tmp_path, empty), own) == [
        "Investeringsredovisning!A2: Bladet har inga uppgifter till avsnittet "
        '"Investeringsredovisning"; det får bara meningen: Nämnden har inga investeringar '
        f"2024. {FILL}",
        'Sammanfattning!A2: Bladet har inga uppgifter till avsnittet "Personal"; det får bara '
        "meningen: Socialnämnden redovisar personalen i nästa rapport, inte i delårsrapport "
        f"januari–augusti 2024. {FILL}",
    ]


def test_a_whole_years_report_has_the_year_as_its_period(
    tmp_path: Path, cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    own = report_profile(own_templates, (PERSONAL, PERSONAL + PERSONAL_SENTENCE))

    def whole_year(wb: Any) -> None:
        set_grunddata(wb, "Rapport", "Verksamhetsberättelse")
        set_grunddata(wb, "Period till och med", "December")
        delete_where(wb["Sammanfattning"], 1, "Personal")

    assert profile_said(edited(tmp_path, whole_year), own) == [
        'Sammanfattning!A2: Bladet har inga uppgifter till avsnittet "Personal"; det får bara '
        "meningen: Socialnämnden redovisar personalen i nästa rapport, inte i "
        f"verksamhetsberättelse 2024. {FILL}",
    ]


def test_empty_measures_are_no_chapter_to_fill(tmp_path: Path, cfg: KommunConfig) -> None:
    # Without a deficit an empty Åtgärder is as it should be; with one, followup.py's warning
    # on the sheet says what to do, and the chapter warning would only repeat it.
    def no_deficit(wb: Any) -> None:
        clear_rows(wb["Åtgärder"])
        ws = wb["Driftsredovisning"]
        for row in range(2, ws.max_row + 1):
            if ws.cell(row, 3).value is not None:
                ws.cell(row, 5, ws.cell(row, 3).value)  # Prognos = Budget

    assert findings(edited(tmp_path, no_deficit), cfg) == []
    deficit = edited(tmp_path, lambda wb: clear_rows(wb["Åtgärder"]), name="underskott.xlsx")
    assert [s.split(":")[0] for s in findings(deficit, cfg)] == ["Åtgärder!A2"]
    assert "underskott på 4,7 Mnkr mot budget" in findings(deficit, cfg)[0]


# --- rows no part of the report shows -----------------------------------------------------------


PERSONAL_PART = """# 7.0
[[uppfoljning.del]]
rubrik = "Personal"
niva = 1

  [[uppfoljning.del.block]]
  typ = "avsnittstext"
  avsnitt = "Personal"
"""
VOLUME_PART = """# 5.0
[[uppfoljning.del]]
rubrik = "Volymer"
niva = 1

  [[uppfoljning.del.block]]
  typ = "belopp"
  blad = "Volymer"
  rubrik = "Volymer"
  forsta_kolumn = "Volym"

  [[uppfoljning.del.block]]
  typ = "kommentarer"
  avsnitt = "Volymer"

"""
GOAL_TABLE = """  [[uppfoljning.del.block]]
  typ = "målbedömning"
  rubrik = "Bedömning av kommunfullmäktiges mål"
  kolumner = ["Mål", "Bedömning"]
"""
ALL_COMMISSIONS = '  rubrik = "Särskilda satsningar och uppdrag i KF:s årsplan"\n'


def test_a_personal_text_where_the_report_has_no_personal_chapter(
    cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    own = report_profile(own_templates, (PERSONAL_PART, ""))
    assert findings(DELARSRAPPORT, own) == [f"Sammanfattning!A5: {ONE_LOST}"]
    # the plan's profile is untouched: a plan's Personal-less chapters say nothing of this
    assert findings(EXAMPLE, own) == findings(EXAMPLE, cfg) == []


def test_volumes_comments_goals_and_satsningar_the_report_leaves_out(
    tmp_path: Path, cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    # No Volymer chapter (its table and its comments), a part per målområde without the
    # Mål/Bedömning table (kommunfullmäktige's målbild is in no part), only Uppdrag.
    own = report_profile(own_templates, (VOLUME_PART, ""), (GOAL_TABLE, ""),
                         ('for_varje = "mål"', 'for_varje = "målområde"'),
                         (ALL_COMMISSIONS, ALL_COMMISSIONS + '  slag = "Uppdrag"\n'))  # fmt: skip
    assert findings(DELARSRAPPORT, own) == [
        f"Måluppföljning!A2: {ONE_LOST}",
        f"Nyckeltal!A2: {ONE_LOST}",
        f"Satsningar och uppdrag!A2: {lost(3)}",
        f"Volymer!A2: {lost(16)}",
        f"Kommentarer!A2: {ONE_LOST}",
    ]


def test_a_comment_for_a_section_the_report_lacks(
    tmp_path: Path, cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    # the report's Volymer chapter keeps its table but shows no comments
    comments = '  [[uppfoljning.del.block]]\n  typ = "kommentarer"\n  avsnitt = "Volymer"\n'
    own = report_profile(own_templates, (comments, ""))

    def more(wb: Any) -> None:
        wb["Kommentarer"].append(["Volymer", "Placeringar", "Fler placeringar än väntat."])

    assert findings(edited(tmp_path, more), own) == [f"Kommentarer!A2: {lost(2)}"]


# --- a kommun whose profile has no [uppfoljning] -------------------------------------------------


def test_without_a_report_profile_nothing_is_said_of_parts(
    cfg: KommunConfig, own_templates: Callable[..., Path]
) -> None:
    # building the report says the profile has no [uppfoljning]; validate has no parts to
    # judge the workbook against and says nothing of them
    text = (cfg.templates_dir / "profil.toml").read_text(encoding="utf-8")
    section = text[text.index("[uppfoljning]\n") : text.index("# Kommunens listor")]
    own = load_config(own_templates({"profil.toml": (section, "")}))
    assert own.profile is not None and own.profile.followup is None
    assert findings(DELARSRAPPORT, own) == []


# --- said once: what an error already says ------------------------------------------------------


def test_a_row_with_a_section_not_in_the_list_is_the_errors_alone(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # A comment for Driftsbudget (the plan's sheet) is refused; that it would be lost is not
    # said again, nor the section of its comments that the report keeps.
    path = edited(tmp_path, lambda wb: wb["Kommentarer"].cell(3, 1, "Driftsbudget"))
    assert findings(path, cfg) == [
        'Kommentarer!A3: "Driftsbudget" är inte ett tillåtet värde för Avsnitt. Välj ett av: '
        "Volymer, Driftsredovisning, Investeringsredovisning."
    ]


def test_an_empty_summary_sheet_is_its_error_not_four_parts_left_out(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    result = check(edited(tmp_path, lambda wb: clear_rows(wb["Sammanfattning"])), cfg)
    assert [str(f) for f in result.findings] == [
        "Sammanfattning!A2: Bladet har inga ifyllda rader. Rapportens sammanfattande texter: "
        "Sammanfattning (krävs), Väsentliga händelser, Förväntad utveckling och Personal."
    ]


# --- another kommun's report -----------------------------------------------------------------


def test_sjobackas_report_has_no_volumes_or_investments_that_followup_carries_over(
    tmp_path: Path,
) -> None:
    # Sjöbacka's plan has chapters for volumes and investments, its [uppfoljning] none:
    # what followup carries over from the plan would be lost, and is said to be.
    sjobacka = load_config(ROOT / "kommuner" / "sjobacka" / "mallar")
    made = make_followup(ROOT / "kommuner" / "sjobacka" / "indata" /
                         "barn-och-utbildningsnamnden-2026.xlsx", "Delårsrapport", sjobacka,
                         tmp_path / "bun.xlsx")  # fmt: skip

    def summary(wb: Any) -> None:
        wb["Sammanfattning"].append(["Sammanfattning", "Nämnden följer sin plan."])

    assert profile_said(edited(tmp_path, summary, source=made), sjobacka) == [
        f'Sammanfattning!A2: Bladet har inga uppgifter till avsnittet "Personal", {LEFT_OUT} '
        + FILL,
        f"Volymer!A2: {lost(3)}",
        f"Investeringsredovisning!A2: {lost(2)}",
    ]
