"""The reviewed copy (validate --annotate): one selected sheet, links to cells, printable."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from pipeline.check.workbook import check
from pipeline.common.findings import Findings
from pipeline.spec.config import KommunConfig
from pipeline.workbooks.annotate import SHEET, annotate, annotated_path, link_target

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"m": MAIN}


def sheet_parts(path: Path) -> dict[str, etree._Element]:
    """Each sheet's name -> its parsed worksheet XML, as saved in the file."""
    with zipfile.ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
        parts = {}
        for sheet in book.iterfind("m:sheets/m:sheet", NS):
            target = targets[sheet.get(f"{{{REL}}}id")].lstrip("/")
            name = target if target.startswith("xl/") else posixpath.join("xl", target)
            parts[sheet.get("name")] = etree.fromstring(z.read(name))
        return parts


def selected(path: Path) -> list[str]:
    """The sheets whose saved sheetView has tabSelected on."""
    return [
        name
        for name, xml in sheet_parts(path).items()
        if any(v.get("tabSelected") in ("1", "true") for v in xml.iterfind(".//m:sheetView", NS))
    ]


def active_tab(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
    return int(book.find("m:bookViews/m:workbookView", NS).get("activeTab", "0"))


@pytest.fixture
def reviewed(broken: Callable[..., Path], cfg: KommunConfig) -> tuple[Path, Path, bytes]:
    """A broken copy of the example, its reviewed copy and the original's bytes."""
    path = broken({"Driftsbudget!E5": "tio", "Satsningar och uppdrag!A2": "Löfte"})
    before = path.read_bytes()
    findings = check(path, cfg).findings
    assert any(f.location == "Driftsbudget!E5" for f in findings)
    assert any(f.location == "Satsningar och uppdrag!A2" for f in findings)
    return path, annotate(path, findings), before


def test_the_copy_opens_on_granskning_the_only_selected_sheet(
    reviewed: tuple[Path, Path, bytes],
) -> None:
    source, copy, before = reviewed
    assert copy == annotated_path(source) and source.read_bytes() == before
    assert selected(source) == ["Instruktioner"]  # what the copy would otherwise inherit
    assert selected(copy) == [SHEET]
    assert list(sheet_parts(copy))[active_tab(copy)] == SHEET
    assert openpyxl.load_workbook(copy).active.title == SHEET


def test_each_finding_links_to_its_cell(reviewed: tuple[Path, Path, bytes]) -> None:
    _, copy, _ = reviewed
    xml = sheet_parts(copy)[SHEET]
    links = {h.get("ref"): h for h in xml.iterfind("m:hyperlinks/m:hyperlink", NS)}
    ws = openpyxl.load_workbook(copy)[SHEET]
    by_place = {ws.cell(r, 1).value: f"A{r}" for r in range(2, ws.max_row + 1)}
    drift = links[by_place["Driftsbudget!E5"]]
    assert drift.get("location") == "'Driftsbudget'!E5"
    assert drift.get(f"{{{REL}}}id") is None  # internal: no external target
    spaced = links[by_place["Satsningar och uppdrag!A2"]]
    assert spaced.get("location") == "'Satsningar och uppdrag'!A2"
    assert len(links) == ws.max_row - 1  # every finding of this workbook has a place
    # the link leads somewhere that exists and is the flagged cell
    target = openpyxl.load_workbook(copy)["Driftsbudget"]["E5"]
    assert target.value == "tio" and "inte ett belopp" in target.comment.text


def test_findings_without_a_cell_link_to_a1_and_file_findings_not_at_all(
    example_copy: Path,
) -> None:
    findings = Findings()
    findings.error("Volymer", "", "Bladet har ett fel som gäller hela bladet.")
    findings.warning("Satsningar och uppdrag", "", "Bladet har en varning.")
    findings.error(example_copy.name, "", "Filen har ett fel som gäller hela filen.")
    findings.error("Bladet som saknas", "", "Bladet saknas.")
    copy = annotate(example_copy, findings)
    ws = openpyxl.load_workbook(copy)[SHEET]
    links = {ws.cell(r, 1).value: ws.cell(r, 1).hyperlink for r in range(2, ws.max_row + 1)}
    assert links["Volymer"].location == "'Volymer'!A1"
    assert links["Satsningar och uppdrag"].location == "'Satsningar och uppdrag'!A1"
    assert links[example_copy.name] is None
    assert links["Bladet som saknas"] is None  # no link to a sheet the copy lacks
    assert link_target(findings[2], ["Volymer"]) is None


def test_one_comment_per_cell_with_every_finding_on_it(example_copy: Path) -> None:
    findings = Findings()
    findings.error("Driftsbudget", "E5", "Första felet.", "Gör så här.")
    findings.warning("Driftsbudget", "E5", "En varning på samma cell.")
    findings.warning("Volymer", "C3", "En varning.")
    copy = annotate(example_copy, findings)
    wb = openpyxl.load_workbook(copy)
    text = wb["Driftsbudget"]["E5"].comment.text
    assert text == "FEL: Första felet. Gör så här.\nVARNING: En varning på samma cell."
    assert wb["Driftsbudget"]["E5"].fill.start_color.rgb.endswith("FFC7CE")  # error wins
    assert wb["Volymer"]["C3"].fill.start_color.rgb.endswith("FFEB9C")
    assert wb[SHEET].max_row == 1 + len(findings)  # the list keeps all three


def test_a_finding_about_a_range_marks_each_cell_and_links_to_the_range(
    example_copy: Path,
) -> None:
    findings = Findings()
    findings.warning("Hållbarhet", "B2:B4", "Texterna är oförändrade sedan förra året.")
    findings.error("Hållbarhet", "B3", "Ett fel i en av dem.")
    copy = annotate(example_copy, findings)
    wb = openpyxl.load_workbook(copy)
    ws = wb["Hållbarhet"]
    for ref in ("B2", "B3", "B4"):
        assert "oförändrade" in ws[ref].comment.text, ref
    assert ws["B3"].comment.text.count("\n") == 1  # both findings, one comment
    assert ws["B3"].fill.start_color.rgb.endswith("FFC7CE")
    assert ws["B2"].fill.start_color.rgb.endswith("FFEB9C")
    assert ws["B5"].comment is None and ws["A1"].comment is None
    review = wb[SHEET]
    links = {review.cell(r, 1).value: review.cell(r, 1).hyperlink for r in (2, 3)}
    assert links["Hållbarhet!B2:B4"].location == "'Hållbarhet'!B2:B4"


def test_granskning_prints_landscape_one_page_wide_with_its_header(
    reviewed: tuple[Path, Path, bytes],
) -> None:
    _, copy, _ = reviewed
    ws = openpyxl.load_workbook(copy)[SHEET]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.print_area == f"'{SHEET}'!$A$1:$D${ws.max_row}"
    assert ws["C2"].alignment.wrap_text and ws.freeze_panes == "A2"


def test_an_old_granskning_sheet_is_replaced(example_copy: Path) -> None:
    findings = Findings()
    findings.warning("Volymer", "C3", "En varning.")
    first = annotate(example_copy, findings)
    again = annotate(first, findings)
    wb = openpyxl.load_workbook(again)
    assert wb.sheetnames.count(SHEET) == 1 and wb.sheetnames[0] == SHEET
    assert selected(again) == [SHEET]


def test_a_sheet_named_on_a_mac_is_marked_and_linked(
    tmp_path: Path, cfg: KommunConfig, example: Path
) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Målbild")
    wb = openpyxl.load_workbook(example)
    wb["Målbild"].title = decomposed
    wb[decomposed]["B2"] = None  # a required text left empty
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    result = check(path, cfg)
    assert [f.location for f in result.findings.errors] == ["Målbild!B2"]
    copy = openpyxl.load_workbook(annotate(path, result.findings))
    assert copy[decomposed]["B2"].comment is not None
    link = next(r[0].hyperlink for r in copy["Granskning"].iter_rows(min_row=2) if r[0].hyperlink)
    assert link.location == f"'{decomposed}'!B2"
