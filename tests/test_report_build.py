"""Building a follow-up report from a follow-up workbook made by `followup` and filled as a
controller fills it: the Word document read back, reproducible bytes, accessibility, the
pages LibreOffice lays out, `build` and `plan` (batches of plans and reports, the report
summary reconciling with each report's Totalt)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.build import BuildResult, build, check_batch
from pipeline.check.validate import ValidWorkbook
from pipeline.check.workbook import CheckResult
from pipeline.cli.main import main
from pipeline.common.errors import BatchError
from pipeline.common.findings import Findings
from pipeline.read.workbook import CellValue
from pipeline.spec.config import KommunConfig
from pipeline.write import layout as layout_pass
from pipeline.write.a11y import check_docx

from .conftest import EXAMPLE, ROOT
from .docx_read import read_docx
from .report_data import filled_followup, valid_followup

TITLE = "Delårsrapport januari–augusti 2024"
M = "\u2212"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, cfg: KommunConfig) -> Path:
    return filled_followup(tmp_path_factory.mktemp("uppf"), cfg)


@pytest.fixture(scope="module")
def built_report(filled: Path, tmp_path_factory: pytest.TempPathFactory,
                 cfg: KommunConfig) -> Path:  # fmt: skip
    out = tmp_path_factory.mktemp("rapport") / "delarsrapport.docx"
    result = build(filled, out, cfg)
    assert result.output == out, [str(f) for f in result.check.findings]
    assert result.report is not None and result.plan is None
    return out


def test_headings_title_and_running_header_in_word(built_report: Path) -> None:
    content = read_docx(built_report)
    top = [text for level, text in content.headings() if level == 1]
    assert top == ["1.0 Sammanfattning", "2.0 Måluppfyllelse",
                   "3.0 Särskilda satsningar och uppdrag", "4.0 Utvecklingsmål", "5.0 Volymer",
                   "6.0 Ekonomi", "7.0 Personal"]  # fmt: skip
    # Förväntad utveckling has no text in the workbook: left out, 1.1 is the next one.
    assert [t for _, t in content.headings() if t.startswith("1.")] == [
        "1.0 Sammanfattning", "1.1 Väsentliga händelser"]  # fmt: skip
    headers = " ".join(content.part_texts("word/header"))
    assert f"Socialnämnden, {TITLE}" in headers
    core = content.xml["docProps/core.xml"]
    title = core.find("{http://purl.org/dc/elements/1.1/}title")
    assert title is not None and title.text == f"Socialnämnden, {TITLE}"
    assert TITLE in content.all_text()


def test_driftsredovisning_avvikelse_and_totalt_computed(built_report: Path) -> None:
    table = next(t for t in read_docx(built_report).tables if t[0][0] == "Verksamhet (Mnkr)")
    assert table[0] == ["Verksamhet (Mnkr)", "Bokslut 2023", "Budget 2024",
                        "Utfall jan–aug 2024", "Prognos 2024", "Avvikelse"]  # fmt: skip
    assert table[1] == ["Ekonomiskt bistånd", f"{M}52,4", f"{M}52,4", f"{M}36,1", f"{M}54,0",
                        f"{M}1,6"]  # fmt: skip
    assert table[2] == ["Ekonomiskt bistånd, flykting", "0,7", "0,7", "0,3", "0,5", f"{M}0,2"]
    assert table[-1] == ["Totalt", f"{M}281,6", f"{M}281,6", f"{M}35,8", f"{M}283,4", f"{M}1,8"]


def test_assessments_in_words_and_the_malvarde(built_report: Path) -> None:
    content = read_docx(built_report)
    goals = next(t for t in content.tables if t[0] == ["Mål", "Bedömning"])
    assert goals[1] == ["Tillsammans skapar vi trygghet", "Delvis uppfyllt\u00a0◐"]
    assert goals[3] == ["Självständighet", "Ej uppfyllt\u00a0○"]
    figures = next(t for t in content.tables if t[0][-1] == "Målvärde 2024")
    assert figures[1][1:] == ["77,7\u00a0%", "80,1\u00a0%", "85\u00a0%"]
    assert content.all_text().count("Teckenförklaring:") == 1


def test_two_builds_are_identical(filled: Path, built_report: Path, tmp_path: Path,
                                  cfg: KommunConfig) -> None:  # fmt: skip
    again = build(filled, tmp_path / "igen.docx", cfg).output
    assert again is not None and again.read_bytes() == built_report.read_bytes()


def test_accessibility_checks_pass(built_report: Path) -> None:
    failed = [(c.name, c.problems) for c in check_docx(built_report) if not c.ok]
    assert failed == []


@pytest.mark.skipif(not layout_pass.available(), reason="LibreOffice or pdftotext missing")
def test_laid_out_pages_toc_numbers_and_pdf(filled: Path, tmp_path: Path,
                                            cfg: KommunConfig) -> None:  # fmt: skip
    result = build(filled, tmp_path / "r.docx", cfg, layout=True, pdf=True)
    assert result.output is not None and result.pdf is not None and result.pages
    pages = layout_pass.page_texts(result.pdf)
    assert len(pages) == result.pages and 5 <= len(pages) <= 12
    for n, text in enumerate(pages[1:], start=2):
        assert f"Socialnämnden, {TITLE}" in text and f"{n}({len(pages)})" in text, n
    toc = read_docx(result.output).paragraphs
    entries = [p.text for p in toc if p.text.startswith(("1.0 Sammanfattning\t",
                                                         "7.0 Personal\t"))]  # fmt: skip
    assert len(entries) == 2 and all(e.split("\t")[1].isdigit() for e in entries)
    personal = int(entries[1].split("\t")[1])
    assert "7.0 Personal" in pages[personal - 1]


def test_cli_build_and_a_report_with_errors(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut.docx"
    ok = CliRunner().invoke(main, ["build", str(filled), "-o", str(out), "--no-layout"])
    assert ok.exit_code == 0, ok.output
    assert f"Klar: {out}" in ok.output
    broken = tmp_path / "trasig.xlsx"
    wb = openpyxl.load_workbook(filled)
    ws = wb["Sammanfattning"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.value = None
    wb.save(broken)
    bad = CliRunner().invoke(main, ["build", str(broken), "-o", str(tmp_path / "b.docx"),
                                    "--no-layout"])  # fmt: skip
    assert bad.exit_code == 1
    assert "Ingen rapport skrevs" in bad.output and not (tmp_path / "b.docx").exists()


def test_a_batch_of_plans_and_a_report_with_both_summaries(filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "indata"
    folder.mkdir()
    for name in ("socialnamnden-2024.xlsx", "tekniska-namnden-2024.xlsx"):
        shutil.copy(ROOT / "indata" / name, folder / name)
    shutil.copy(filled, folder / "socialnamnden-delarsrapport-2024.xlsx")
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["plan", str(folder), "-o", str(out), "--no-layout"])
    assert result.exit_code == 0, result.output
    assert "2 av 2 planer och 1 av 1 rapporter byggda" in result.output
    assert "Socialnämnden (Delårsrapport)" in result.output and "Dokument" in result.output
    assert (out / "socialnamnden-delarsrapport-2024.docx").exists()
    assert (out / "sammanstallning-2024.xlsx").exists()
    summary = openpyxl.load_workbook(out / "sammanstallning-delarsrapport-2024.xlsx")
    sheet = summary["Driftsredovisning"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nämnd", "Budget 2024", "Utfall jan–aug 2024", "Prognos 2024", "Avvikelse")
    assert [r[0] for r in rows[1:]] == ["Socialnämnden", "Totalt"]
    # Reconciles with the report's own Totalt row, as the reader sees it.
    table = next(t for t in read_docx(out / "socialnamnden-delarsrapport-2024.docx").tables
                 if t[0][0] == "Verksamhet (Mnkr)")  # fmt: skip
    shown = [table[-1][i] for i in (2, 3, 4, 5)]  # Budget, Utfall, Prognos, Avvikelse
    for row in rows[1:]:
        assert [f"{v:.1f}".replace(".", ",").replace("-", M) for v in row[1:]] == shown
    assert shown == [f"{M}281,6", f"{M}35,8", f"{M}283,4", f"{M}1,8"]
    assert next(summary["Granskning"].iter_rows(values_only=True))[2] == "Rapport"
    # The plan summary holds only the plans.
    plans = openpyxl.load_workbook(out / "sammanstallning-2024.xlsx")["Driftsbudget"]
    names = [r[0] for r in plans.iter_rows(min_row=2, values_only=True) if r[0]]
    assert names == ["Socialnämnden", "Tekniska nämnden", "Totalt"]


def _result(name: str, year: int, rapport: str | None = None,
            kommun: str = "Enköpings kommun") -> BuildResult:  # fmt: skip
    if rapport is None:
        valid = ValidWorkbook(year, {"Kommun": CellValue("Grunddata", "B2", kommun)}, {})
    else:
        valid = valid_followup(Budgetår=year, Rapport=rapport, Kommun=kommun)
    return BuildResult(CheckResult(Path(name), Findings(), valid))


def test_batch_reports_of_the_plans_year_or_the_year_before() -> None:
    check_batch([_result("plan.xlsx", 2024), _result("d.xlsx", 2024, "Delårsrapport")])
    # Autumn: next year's plans beside this year's Delårsrapport.
    check_batch([_result("plan.xlsx", 2025), _result("d.xlsx", 2024, "Delårsrapport"),
                 _result("t.xlsx", 2024, "Tertialrapport")])  # fmt: skip
    check_batch([_result("d.xlsx", 2023, "Delårsrapport")])


def test_batch_refuses_what_does_not_belong_together() -> None:
    with pytest.raises(
        BatchError,
        match=r"Uppföljningarna \(Delårsrapport\) gäller 2022: "
        r"d.xlsx men planerna 2024",
    ):
        check_batch([_result("plan.xlsx", 2024), _result("d.xlsx", 2022, "Delårsrapport")])
    with pytest.raises(
        BatchError,
        match=r"Uppföljningarna \(Delårsrapport\) gäller olika "
        r"budgetår \(2023: a.xlsx; 2024: b.xlsx\)",
    ):
        check_batch([_result("a.xlsx", 2023, "Delårsrapport"),
                     _result("b.xlsx", 2024, "Delårsrapport")])  # fmt: skip
    with pytest.raises(BatchError, match="olika kommuner"):
        check_batch([_result("plan.xlsx", 2024),
                     _result("d.xlsx", 2024, "Delårsrapport", kommun="Sjöbacka kommun")])  # fmt: skip
    with pytest.raises(BatchError, match="olika budgetår"):
        check_batch([_result("a.xlsx", 2024), _result("b.xlsx", 2025)])
    # Tertialrapporter to March and to April: their outcomes cannot be summed.
    march = BuildResult(CheckResult(Path("a.xlsx"), Findings(), valid_followup(
        Rapport="Tertialrapport", Period_till_och_med="Mars")))  # fmt: skip
    april = BuildResult(CheckResult(Path("b.xlsx"), Findings(), valid_followup(
        Rapport="Tertialrapport", Period_till_och_med="April")))  # fmt: skip
    with pytest.raises(BatchError) as err:
        check_batch([april, march])
    assert str(err.value) == ("Uppföljningarna (Tertialrapport) gäller olika perioder (till och "
                              "med mars: a.xlsx; till och med april: b.xlsx). Bygg en period i "
                              "taget.")  # fmt: skip


def test_followup_of_the_example_builds_as_verksamhetsberattelse(tmp_path: Path,
                                                                 cfg: KommunConfig) -> None:  # fmt: skip
    book = filled_followup(tmp_path, cfg, "Verksamhetsberättelse", plan=EXAMPLE)
    result = build(book, tmp_path / "vb.docx", cfg)
    assert result.output is not None, [str(f) for f in result.check.findings]
    content = read_docx(result.output)
    assert "Socialnämnden, Verksamhetsberättelse 2024" in " ".join(
        content.part_texts("word/header")
    )
    table = next(t for t in content.tables if t[0][0] == "Verksamhet (Mnkr)")
    assert table[0][3] == "Utfall 2024"
    assert table[1][-1] == f"{M}1,6"  # Prognos − Budget still: the forecast was given


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext missing")
def test_pdftotext_is_the_tool_the_layout_uses() -> None:
    """The layout pass reads page texts with pdftotext (sanity check of the environment)."""
    done = subprocess.run(["pdftotext", "-v"], capture_output=True, check=False)
    assert done.returncode == 0


def test_document_date_of_a_report_is_its_beslutsdatum_or_the_period_end() -> None:
    from datetime import datetime

    from pipeline.build import _document_date

    assert _document_date(valid_followup()) == datetime(2024, 9, 24)
    assert _document_date(valid_followup(Beslutsdatum=None)) == datetime(2024, 8, 31)
    assert _document_date(valid_followup(Beslutsdatum=None, Period_till_och_med="April",
                                         Rapport="Tertialrapport")) == datetime(2024, 4, 30)  # fmt: skip
    assert _document_date(valid_followup(Beslutsdatum=None, Period_till_och_med="December",
                                         Rapport="Verksamhetsberättelse")) == datetime(2024, 12, 31)  # fmt: skip


@pytest.mark.skipif(not layout_pass.available(), reason="LibreOffice or pdftotext missing")
def test_two_laid_out_builds_of_the_example_are_identical(tmp_path: Path,
                                                          cfg: KommunConfig) -> None:  # fmt: skip
    example = ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx"
    a = build(example, tmp_path / "a.docx", cfg, layout=True)
    b = build(example, tmp_path / "b.docx", cfg, layout=True)
    assert a.output is not None and b.output is not None and a.pages == b.pages
    assert a.output.read_bytes() == b.output.read_bytes()
    assert [c.name for c in check_docx(a.output) if not c.ok] == []


def test_a_mistake_in_uppfoljning_stops_the_build_before_anything_is_written(
    filled: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mallar"
    shutil.copytree(ROOT / "templates", folder)
    profile = folder / "profil.toml"
    text = profile.read_text(encoding="utf-8")
    old = 'rubrik = "Driftsredovisning {{ period }}, {{ enhet }}"'
    assert old in text
    profile.write_text(text.replace(old, old.replace("period", "perioden")), encoding="utf-8")
    line = next(i for i, row in enumerate(profile.read_text(encoding="utf-8").splitlines(), 1)
                if "{{ perioden }}" in row)  # fmt: skip
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(main, ["build", "--mallar", str(folder), str(filled), "-o",
                                       str(out), "--no-layout"])  # fmt: skip
    assert result.exit_code != 0
    assert f"profil.toml, rad {line}" in result.output and "perioden finns inte" in result.output
    assert not out.exists()


def test_second_kommun_delarsrapport_in_tkr(tmp_path: Path) -> None:
    """A Delårsrapport of Sjöbacka written without the tool (tests/fixtures/sjobacka): tkr as
    whole numbers, one chapter per målområde, Avvikelse and Totalt computed."""
    from pipeline.spec.config import load_config

    cfg = load_config(ROOT / "kommuner" / "sjobacka" / "mallar")
    book = ROOT / "tests" / "fixtures" / "sjobacka" / (
        "barn-och-utbildningsnamnden-delarsrapport-2026.xlsx")  # fmt: skip
    result = build(book, tmp_path / "bun.docx", cfg)
    assert result.output is not None, [str(f) for f in result.check.findings]
    content = read_docx(result.output)
    assert [t for level, t in content.headings() if level == 1] == [
        "1.0 Förslag till beslut", "2.0 Målområde: Livslångt lärande",
        "3.0 Målområde: Trygg och hälsosam uppväxt",
        "4.0 Målområde: Hållbar och effektiv organisation",
        "5.0 Uppdrag från kommunfullmäktige", "6.0 Ekonomi", "7.0 Personal"]  # fmt: skip
    headers = " ".join(content.part_texts("word/header"))
    assert "Delårsrapport januari–augusti 2026 – Barn- och utbildningsnämnden" in headers
    drift = next(t for t in content.tables if t[0][0] == "Verksamhet")
    nb = "\u00a0"
    assert drift[0][1:] == ["Utfall 2025", "Budget 2026", "Utfall jan–aug 2026",
                            "Prognos helår 2026", "Avvikelse mot budget"]  # fmt: skip
    assert drift[-1] == ["Totalt", f"{M}689{nb}550", f"{M}703{nb}400", f"{M}461{nb}300",
                         f"{M}707{nb}600", f"{M}4{nb}200"]  # fmt: skip
    assert [c.name for c in check_docx(result.output) if not c.ok] == []


@pytest.mark.parametrize(
    ("book", "mallar"),
    [(ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx", ROOT / "templates"),
     (ROOT / "tests" / "fixtures" / "kultur-och-fritidsnamnden-verksamhetsberattelse-2026.xlsx",
      ROOT / "templates"),
     (ROOT / "tests" / "fixtures" / "sjobacka" /
      "barn-och-utbildningsnamnden-delarsrapport-2026.xlsx",
      ROOT / "kommuner" / "sjobacka" / "mallar")],
)  # fmt: skip
def test_the_report_and_the_deficit_warning_agree_on_the_totalt(book: Path, mallar: Path) -> None:
    """validate's deficit warning (check/followup.py) and the report's Totalt Avvikelse are
    computed apart; on the shipped follow-up workbooks they are the same figure."""
    from pipeline.check.followup import total_deviation
    from pipeline.check.workbook import check
    from pipeline.model.report import build_report
    from pipeline.spec.config import load_config

    result = check(book, load_config(mallar))
    assert result.ok and result.valid is not None
    assert (
        total_deviation(result.valid)[0] == build_report(result.valid).operating.total().avvikelse
    )
