"""Composing a follow-up report: chapters in order, title and running header with the
period, Avvikelse and Totalt computed, assessments in words with a symbol and one legend,
the målvärde shown, empty chapters left out without a gap, the profile's [uppfoljning]."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.compose.docmodel import Document, Heading, Paragraph, Table, dump
from pipeline.compose.report_blocks import compose_report
from pipeline.model.report import build_report
from pipeline.spec.config import ConfigError, KommunConfig, load_config
from pipeline.spec.profile import ProfileError, check_texts, sample_report_context

from .conftest import ROOT
from .report_data import D, valid_followup

SJOBACKA = ROOT / "kommuner" / "sjobacka" / "mallar"


def _doc(cfg: KommunConfig, rows: dict[str, Any] | None = None, **grunddata: Any) -> Document:
    return compose_report(build_report(valid_followup(rows, **grunddata)), cfg)


def _headings(doc: Document) -> list[str]:
    return [h.full_text for h in doc.headings]


def _table(doc: Document, caption: str) -> list[list[str]]:
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.caption == caption)
    return [[c.text for c in row] for row in (table.header, *table.rows)]


def test_chapters_in_the_order_of_the_spec(cfg: KommunConfig) -> None:
    assert _headings(_doc(cfg)) == [
        "1.0 Sammanfattning",
        "1.1 Väsentliga händelser",
        "1.2 Förväntad utveckling",
        "2.0 Måluppfyllelse",
        "2.1 Tillsammans skapar vi trygghet",
        "Analys",
        "2.2 Samhörighet",
        "Analys",
        "2.3 Självständighet",
        "Analys",
        "2.4 Stolthet",
        "Analys",
        "3.0 Särskilda satsningar och uppdrag",
        "4.0 Utvecklingsmål",
        "4.1 Nyckeltal för grunduppdraget",
        "5.0 Volymer",
        "6.0 Ekonomi",
        "6.1 Driftsredovisning",
        "Äldreomsorg",
        "6.2 Investeringsredovisning",
        "6.3 Åtgärder vid befarat underskott",
        "7.0 Personal",
    ]


@pytest.mark.parametrize(
    ("rapport", "month", "title"),
    [
        ("Tertialrapport", "April", "Tertialrapport januari–april 2024"),
        ("Delårsrapport", "Augusti", "Delårsrapport januari–augusti 2024"),
        ("Verksamhetsberättelse", "December", "Verksamhetsberättelse 2024"),
    ],
)
def test_title_and_running_header(cfg: KommunConfig, rapport: str, month: str,
                                  title: str) -> None:  # fmt: skip
    doc = _doc(cfg, Rapport=rapport, Period_till_och_med=month)
    assert doc.running_title == f"Socialnämnden, {title}"
    assert doc.title == f"Socialnämnden, {title}"
    cover = dump(doc).split("[SIDBRYTNING]")[0]
    assert f"\n{title}\n" in cover
    assert rapport in doc.keywords


def test_operating_table_with_every_avvikelse_and_the_totalt(cfg: KommunConfig) -> None:
    assert _table(_doc(cfg), "Driftsredovisning januari–augusti 2024, Mnkr") == [
        ["Verksamhet (Mnkr)", "Bokslut 2023", "Budget 2024", "Utfall jan–aug 2024",
         "Prognos 2024", "Avvikelse"],
        ["Nämnd och förvaltning", "−12,3", "−12,8", "−8,1", "−12,5", "0,3"],
        ["Äldreomsorg", "−410,2", "−425,0", "−290,4", "−431,6", "−6,6"],
        ["Individ- och familjeomsorg", "−98,7", "−101,5", "−70,2", "−104,3", "−2,8"],
        ["Intäkter", "35,0", "36,0", "25,1", "37,2", "1,2"],
        ["Totalt", "−486,2", "−503,3", "−343,6", "−511,2", "−7,9"],
    ]  # fmt: skip


def test_investment_table_has_no_bokslut_column(cfg: KommunConfig) -> None:
    assert _table(_doc(cfg), "Investeringsredovisning januari–augusti 2024, Mnkr") == [
        ["Investering (Mnkr)", "Budget 2024", "Utfall jan–aug 2024", "Prognos 2024", "Avvikelse"],
        ["Inventarier", "−2,0", "−0,6", "−1,8", "0,2"],
        ["Välfärdsteknik", "−1,5", "−1,1", "−1,5", "0,0"],
        ["Totalt", "−3,5", "−1,7", "−3,3", "0,2"],
    ]  # fmt: skip


def test_verksamhetsberattelse_avvikelse_from_utfall_and_no_empty_prognos(
    cfg: KommunConfig,
) -> None:
    rows = {"Driftsredovisning": [["Äldreomsorg", D("-410.2"), D("-425.0"), D("-428.9"), None],
                                  ["Intäkter", D("35.0"), D("36.0"), D("37.4"), None]]}  # fmt: skip
    doc = _doc(cfg, rows, Rapport="Verksamhetsberättelse", Period_till_och_med="December")
    assert _table(doc, "Driftsredovisning 2024, Mnkr") == [
        ["Verksamhet (Mnkr)", "Bokslut 2023", "Budget 2024", "Utfall 2024", "Avvikelse"],
        ["Äldreomsorg", "−410,2", "−425,0", "−428,9", "−3,9"],
        ["Intäkter", "35,0", "36,0", "37,4", "1,4"],
        ["Totalt", "−375,2", "−389,0", "−391,5", "−2,5"],
    ]  # fmt: skip


def test_a_typed_totalt_row_does_not_replace_the_computed_one(cfg: KommunConfig) -> None:
    rows = {"Driftsredovisning": [["Äldreomsorg", None, D("-10.0"), D("-7.0"), D("-11.0")],
                                  ["Totalt", None, D("-50.0"), D("-50.0"), D("-50.0")]]}  # fmt: skip
    table = _table(_doc(cfg, rows), "Driftsredovisning januari–augusti 2024, Mnkr")
    assert table[-1] == ["Totalt", "", "−60,0", "−57,0", "−61,0", "−1,0"]


def test_assessments_are_words_with_their_symbol_and_one_legend(cfg: KommunConfig) -> None:
    doc = _doc(cfg)
    assert _table(doc, "Bedömning av kommunfullmäktiges mål") == [
        ["Mål", "Bedömning"],
        ["Tillsammans skapar vi trygghet", "Delvis uppfyllt\u00a0◐"],
        ["Samhörighet", "Uppfyllt\u00a0●"],
        ["Självständighet", "Ej uppfyllt\u00a0○"],
        ["Stolthet", "Kan inte bedömas\u00a0◌"],
    ]
    legends = [b for b in doc.blocks if isinstance(b, Paragraph) and
               b.text.startswith("Teckenförklaring")]  # fmt: skip
    assert [p.text for p in legends] == ["Teckenförklaring: ●\u00a0Uppfyllt, ◐\u00a0Delvis "
                                         "uppfyllt, ○\u00a0Ej uppfyllt, ◌\u00a0Kan inte bedömas."]  # fmt: skip
    # The legend stands right under the first table that shows a symbol.
    i = doc.blocks.index(legends[0])
    assert isinstance(doc.blocks[i - 1], Table)
    assert doc.blocks[i - 1].caption == "Bedömning av kommunfullmäktiges mål"
    text = dump(doc)
    assert "**Bedömning: **Ej uppfyllt\u00a0○" in text
    assert "Fler i egen försörjning | Delvis uppfyllt\u00a0◐ | Andelen har ökat" in text


def test_without_symbols_the_words_alone_and_no_legend(tmp_path: Path) -> None:
    folder = tmp_path / "mallar"
    shutil.copytree(ROOT / "templates", folder)
    profile = folder / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("\n[uppfoljning.symboler]\n")
    end = text.index("\n[uppfoljning.kolumner]\n")
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = _doc(load_config(folder))
    assert _table(doc, "Bedömning av kommunfullmäktiges mål")[1] == [
        "Tillsammans skapar vi trygghet", "Delvis uppfyllt"]  # fmt: skip
    assert "Teckenförklaring" not in dump(doc)


def test_an_empty_assessment_is_said_in_words(cfg: KommunConfig) -> None:
    rows = {"Måluppföljning": [["Samhörighet", None, ""]]}
    doc = _doc(cfg, rows)
    assert _table(doc, "Bedömning av kommunfullmäktiges mål") == [
        ["Mål", "Bedömning"], ["Samhörighet", "Inte bedömd"]]  # fmt: skip
    assert "**Bedömning: **Inte bedömd" in dump(doc)


def test_key_figures_show_the_malvarde(cfg: KommunConfig) -> None:
    doc = _doc(cfg)
    assert _table(doc, "Nämndens nyckeltal")[0] == ["Nyckeltal", "Utfall 2023", "Utfall 2024",
                                                    "Målvärde 2024"]  # fmt: skip
    assert ["Andel nöjda brukare", "81,5\u00a0%", "83\u00a0%", "85\u00a0%"] in _table(
        doc, "Nämndens nyckeltal")  # fmt: skip
    assert _table(doc, "Nyckeltal för grunduppdraget")[1] == [
        "Kostnad per brukare", "1\u00a0868\u00a0kr", "1\u00a0910\u00a0kr", ""]  # fmt: skip


def test_commissions_with_status_and_comment(cfg: KommunConfig) -> None:
    assert _table(_doc(cfg), "Särskilda satsningar och uppdrag i KF:s årsplan") == [
        ["Rubrik", "Status", "Kommentar"],
        ["Heltid som norm\nSärskild satsning", "Pågår", "Andelen heltider är 78 %."],
        ["Ta fram en bostadsplan\nUppdrag", "Genomfört", "Planen antogs i juni."],
    ]


def test_measures_with_their_total_effect(cfg: KommunConfig) -> None:
    assert _table(_doc(cfg), "Åtgärder vid befarat underskott, Mnkr") == [
        ["Åtgärd", "Effekt 2024", "Beslutad"],
        ["Översyn av bemanningen", "2,5", "Ja"],
        ["Färre externa placeringar", "1,0", "Nej"],
        ["Totalt", "3,5", ""],
    ]


def test_an_empty_chapter_is_left_out_without_a_gap(cfg: KommunConfig) -> None:
    doc = _doc(cfg, {"Volymer": [], "Kommentarer": [], "Åtgärder": [],
                     "Investeringsredovisning": []})  # fmt: skip
    headings = _headings(doc)
    assert "5.0 Volymer" not in headings
    assert [h for h in headings if h[0].isdigit() and h.split()[0].endswith(".0")] == [
        "1.0 Sammanfattning", "2.0 Måluppfyllelse", "3.0 Särskilda satsningar och uppdrag",
        "4.0 Utvecklingsmål", "5.0 Ekonomi", "6.0 Personal"]  # fmt: skip
    assert [h for h in headings if h.startswith("5.")] == ["5.0 Ekonomi", "5.1 Driftsredovisning"]


def test_a_goal_without_assessment_or_figures_is_left_out(cfg: KommunConfig) -> None:
    rows = {"Måluppföljning": [["Samhörighet", "Uppfyllt", "Bra."]], "Nyckeltal": []}
    headings = _headings(_doc(cfg, rows))
    assert [h for h in headings if h.startswith("2.")] == ["2.0 Måluppfyllelse", "2.1 Samhörighet"]


def test_sections_of_sammanfattning_are_optional(cfg: KommunConfig) -> None:
    rows = {"Sammanfattning": [["Sammanfattning", "Kort."]]}
    headings = _headings(_doc(cfg, rows))
    assert "1.1 Väsentliga händelser" not in headings
    assert "7.0 Personal" not in headings and headings[-1] == "6.3 Åtgärder vid befarat underskott"


def test_second_kommun_report_in_tkr_without_symbols() -> None:
    cfg = load_config(SJOBACKA)
    goals = ("Livslångt lärande", "Trygg och hälsosam uppväxt")
    rows = {
        "Måluppföljning": [[goals[0], "Uppfyllt", "Fler klarar målen."], [goals[1], None, ""]],
        "Nyckeltal": [[goals[0], "Behörighet till gymnasiet", "%", D("84.1"), D("86.0"),
                       D("88")]],
        "Driftsredovisning": [["Grundskola", D("-401200"), D("-410000"), D("-280100"),
                               D("-413500")],
                              ["Förskola", D("-150300"), D("-152000"), D("-99800"),
                               D("-151000")]],
    }  # fmt: skip
    doc = _doc(cfg, rows, Kommun="Sjöbacka kommun", Nämnd="Barn- och utbildningsnämnden")
    assert doc.running_title == "Delårsrapport januari–augusti 2024 – Barn- och utbildningsnämnden"
    assert _headings(doc)[:3] == ["1.0 Förslag till beslut", "2.0 Målområde: Livslångt lärande",
                                  "3.0 Målområde: Trygg och hälsosam uppväxt"]  # fmt: skip
    assert "3.0 Målområde: Trygg och hälsosam uppväxt" in _headings(doc)
    assert _table(doc, "Driftsredovisning januari–augusti 2024, tkr") == [
        ["Verksamhet", "Utfall 2023", "Budget 2024", "Utfall jan–aug 2024",
         "Prognos helår 2024", "Avvikelse mot budget"],
        ["Grundskola", "−401\u00a0200", "−410\u00a0000", "−280\u00a0100", "−413\u00a0500",
         "−3\u00a0500"],
        ["Förskola", "−150\u00a0300", "−152\u00a0000", "−99\u00a0800", "−151\u00a0000",
         "1\u00a0000"],
        ["Totalt", "−551\u00a0500", "−562\u00a0000", "−379\u00a0900", "−564\u00a0500",
         "−2\u00a0500"],
    ]  # fmt: skip
    text = dump(doc)
    assert "**Bedömning: **Ej bedömd" in text and "Teckenförklaring" not in text
    assert "godkänna delårsrapport januari–augusti 2024" in text


def _profile_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "mallar"
    shutil.copytree(ROOT / "templates", folder)
    profile = folder / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line_of(folder: Path, text: str) -> int:
    lines = (folder / "profil.toml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_an_unknown_report_block_is_named_by_file_and_line(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, 'typ = "målbedömning"\n  rubrik',
                           'typ = "målbedömningar"\n  rubrik')  # fmt: skip
    with pytest.raises(ProfileError) as err:
        load_config(folder)
    line = _line_of(folder, 'typ = "målbedömningar"')
    assert f'profil.toml, rad {line}: okänd blocktyp "målbedömningar"' in str(err.value)
    assert "avsnittstext" in str(err.value)  # the report's kinds are listed


def test_a_plan_block_kind_is_not_a_report_block(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, 'typ = "avsnittstext"\n  avsnitt = "Personal"',
                           'typ = "hållbarhet"')  # fmt: skip
    with pytest.raises(ProfileError, match='okänd blocktyp "hållbarhet"'):
        load_config(folder)


def test_kolumner_of_the_wrong_length(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, 'kolumner = ["Mål", "Bedömning"]', 'kolumner = ["Mål"]')
    with pytest.raises(ProfileError) as err:
        load_config(folder)
    line = _line_of(folder, 'kolumner = ["Mål"]')
    assert str(err.value).endswith(f"profil.toml, rad {line}: kolumner i målbedömning ska "
                                   "vara 2 rubriker: mål och bedömning.")  # fmt: skip


def test_a_symbol_for_no_assessment(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, '"Ej uppfyllt" = "○"', '"Ej uppfylld" = "○"')
    with pytest.raises(ProfileError) as err:
        load_config(folder)
    line = _line_of(folder, '"Ej uppfylld" = "○"')
    assert f"rad {line}: [uppfoljning.symboler]: \"Ej uppfylld\" ska vara en av bedömningarna" in (
        str(err.value))  # fmt: skip


def test_an_unknown_report_column(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, 'avvikelse = "Avvikelse"', 'avvikelsen = "Avvikelse"')
    with pytest.raises(ProfileError) as err:
        load_config(folder)
    line = _line_of(folder, 'avvikelsen = "Avvikelse"')
    assert f'rad {line}: okänd kolumn "avvikelsen" i [uppfoljning.kolumner]' in str(err.value)


def test_a_misspelt_report_variable_is_found_before_building(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, 'titel = "{{ rapport }} {{ period }}"',
                           'titel = "{{ rapport }} {{ perioden }}"')  # fmt: skip
    cfg = load_config(folder)
    with pytest.raises(ProfileError, match="variabeln perioden finns inte"):
        check_texts(cfg.profile.followup, {**cfg.data, **sample_report_context()},
                    cfg.templates_dir)  # fmt: skip


def test_a_profile_without_uppfoljning_builds_plans_but_no_report(tmp_path: Path) -> None:
    folder = tmp_path / "mallar"
    shutil.copytree(ROOT / "templates", folder)
    profile = folder / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("# Uppföljningarna: Tertialrapport")
    end = text.index("# Kommunens listor")
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    cfg = load_config(folder)
    assert cfg.profile.followup is None
    with pytest.raises(ConfigError, match=r"avsnittet \[uppfoljning\] saknas"):
        _doc(cfg)
    # In a build, the follow-up workbook gets the error and a plan beside it is built.
    from pipeline.build import build_many

    from .conftest import EXAMPLE

    report = ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx"
    plan, rep = build_many([(EXAMPLE, tmp_path / "p.docx"), (report, tmp_path / "r.docx")],
                           cfg, layout=False)  # fmt: skip
    assert plan.output == tmp_path / "p.docx" and rep.output is None
    assert not (tmp_path / "r.docx").exists()
    assert [f.message for f in rep.check.findings.errors] == [
        f"Kommunens profil ({folder / 'profil.toml'}) beskriver ingen uppföljning: avsnittet "
        "[uppfoljning] saknas, så ingen delårsrapport kan byggas."]  # fmt: skip


def test_headings_are_headings_not_bold_paragraphs(cfg: KommunConfig) -> None:
    """Analys under each goal is a real heading one level below the goal's."""
    doc = _doc(cfg)
    i = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and
             b.text == "Samhörighet")  # fmt: skip
    assert doc.blocks[i + 2] == Heading(3, "Analys")


def test_analys_without_a_heading(tmp_path: Path) -> None:
    folder = _profile_with(tmp_path, 'bedomning = "Bedömning"\n  analys = "Analys"',
                           'bedomning = "Bedömt"\n  analys = ""')  # fmt: skip
    doc = _doc(load_config(folder))
    assert "Analys" not in _headings(doc)
    text = dump(doc)
    assert (
        "## 2.2 Samhörighet\n\n**Bedömt: **Uppfyllt\u00a0●\n\nFler deltar i föreningslivet." in text
    )


def test_without_avvikelse_and_totalt_flags_neither_is_shown(tmp_path: Path) -> None:
    old = '  forsta_kolumn = "Investering ({{ enhet }})"\n  avvikelse = true\n  totalt = true'
    folder = _profile_with(tmp_path, old, '  forsta_kolumn = "Investering ({{ enhet }})"\n'
                           '  om_tomt = "Nämnden har inga investeringar {{ år }}."')  # fmt: skip
    cfg = load_config(folder)
    assert _table(_doc(cfg), "Investeringsredovisning januari–augusti 2024, Mnkr") == [
        ["Investering (Mnkr)", "Budget 2024", "Utfall jan–aug 2024", "Prognos 2024"],
        ["Inventarier", "−2,0", "−0,6", "−1,8"],
        ["Välfärdsteknik", "−1,5", "−1,1", "−1,5"],
    ]  # fmt: skip
    # om_tomt: an empty sheet gives the sentence, and the part stays.
    doc = _doc(cfg, {"Investeringsredovisning": []})
    assert "6.2 Investeringsredovisning" in _headings(doc)
    assert "Nämnden har inga investeringar 2024." in dump(doc)


def test_commissions_of_one_kind_only(tmp_path: Path) -> None:
    rubrik = '  rubrik = "Särskilda satsningar och uppdrag i KF:s årsplan"'
    folder = _profile_with(tmp_path, f'typ = "satsningar"\n{rubrik}',
                           f'typ = "satsningar"\n  slag = "Uppdrag"\n{rubrik}')  # fmt: skip
    assert _table(_doc(load_config(folder)), "Särskilda satsningar och uppdrag i KF:s årsplan") == [
        ["Rubrik", "Status", "Kommentar"],
        ["Ta fram en bostadsplan", "Genomfört", "Planen antogs i juni."],
    ]  # fmt: skip


def test_goal_table_in_the_kommuns_order_not_the_workbooks(cfg: KommunConfig) -> None:
    rows = {
        "Måluppföljning": [["Stolthet", "Uppfyllt", "A."], ["Samhörighet", "Ej uppfyllt", "B."]]
    }
    doc = _doc(cfg, rows)
    assert [r[0] for r in _table(doc, "Bedömning av kommunfullmäktiges mål")[1:]] == [
        "Samhörighet", "Stolthet"]  # fmt: skip
    assert [h for h in _headings(doc) if h.startswith("2.")] == [
        "2.0 Måluppfyllelse", "2.1 Samhörighet", "2.2 Självständighet", "2.3 Stolthet"]  # fmt: skip
