"""pipeline.read.xlsx reads what openpyxl reads: every value, type and number format.

The reader parses sheet XML itself for speed (issue 6), so it is checked cell by cell against
``openpyxl.load_workbook(read_only=True, data_only=True)`` on every shipped workbook, a
LibreOffice-saved copy and a workbook made to hold every kind of cell.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pipeline.read.workbook import read_workbook
from pipeline.read.xlsx import XlsxBook
from pipeline.spec.config import KommunConfig

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(
    [
        *ROOT.glob("indata/*.xlsx"),
        *ROOT.glob("input_templates/*.xlsx"),
        *ROOT.glob("tests/fixtures/*.xlsx"),
    ]
)


def _openpyxl_cells(path: Path) -> dict[str, dict[str, tuple[Any, str]]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        out: dict[str, dict[str, tuple[Any, str]]] = {}
        for ws in wb.worksheets:
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if getattr(c, "value", None) is not None:
                        cells[c.coordinate] = (c.value, c.number_format)
            out[ws.title] = cells
        return out
    finally:
        wb.close()


def _our_cells(path: Path) -> dict[str, dict[str, tuple[Any, str]]]:
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf, escapes="openpyxl")
        return {
            name: {
                c.ref: (c.value, c.number_format)
                for _, row in book.rows(name)
                for c in row
                if c.value is not None
            }  # fmt: skip
            for name in book.sheets
        }


def _assert_same(path: Path) -> int:
    theirs, ours = _openpyxl_cells(path), _our_cells(path)
    assert list(ours) == list(theirs), "sheet names and order"
    for name in theirs:
        assert ours[name] == theirs[name], f"{path.name}: {name}"
        for ref, (value, _) in theirs[name].items():  # == says 1 == 1.0 == True; types too
            assert type(ours[name][ref][0]) is type(value), f"{name}!{ref}"
    return sum(len(c) for c in theirs.values())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_workbook_reads_as_openpyxl_reads_it(path: Path) -> None:
    assert _assert_same(path) > 20


def _every_kind(path: Path, epoch: Any = None) -> None:
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "Driftsbudget"
    ws.append(["text", 1, 2.5, -52.4, True, False, 1e-7, 12345678901])
    ws.append([dt.datetime(2023, 10, 31), dt.date(2024, 1, 1), dt.datetime(2023, 5, 6, 13, 45)])
    ws["A3"] = 0.777
    ws["A3"].number_format = "0.0%"
    ws["B3"] = 1234.5
    ws["B3"].number_format = "# ##0,0 kr"
    ws["C3"] = "=SUM(B1:C1)"  # a formula openpyxl saves without a value
    ws["D3"] = "#DIV/0!"  # openpyxl writes this as an error cell
    ws["E3"] = CellRichText("Fet ", TextBlock(InlineFont(b=True), "text"), " här")
    ws["F3"] = "_x0007_ styrtecken"
    ws["G3"] = "_x0041_ ska stå kvar"  # Excel and LibreOffice save this as _x005F_x0041_
    ws["A5"] = "efter en tom rad"
    ws["H9"] = "långt bort"
    wb.create_sheet("Volymer").append(["Volym", "Antal"])
    wb.save(path)


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904], ids=["1900", "1904"])
def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path, epoch: Any) -> None:
    path = tmp_path / "alla.xlsx"
    _every_kind(path, epoch)
    _assert_same(path)
    ours = _our_cells(path)["Driftsbudget"]
    assert ours["A2"][0] == dt.datetime(2023, 10, 31)  # a date, not a serial number
    assert ours["A3"] == (0.777, "0.0%")
    assert ours["E3"][0] == "Fet text här"


def test_formula_without_saved_value_is_flagged_in_the_same_pass(tmp_path: Path) -> None:
    path = tmp_path / "alla.xlsx"
    _every_kind(path)
    with zipfile.ZipFile(path) as zf:
        cells = {
            c.ref: c
            for _, row in XlsxBook(zf, escapes="openpyxl").rows("Driftsbudget")
            for c in row
        }
    assert cells["C3"].formula_without_value and cells["C3"].value is None
    assert cells["B3"].formula_without_value is False


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice behövs")
def test_a_libreoffice_saved_workbook_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    # LibreOffice writes shared strings, its own styles and cached formula values.
    src = tmp_path / "in" / "alla.xlsx"
    src.parent.mkdir()
    _every_kind(src)
    shutil.copy(ROOT / "indata" / "socialnamnden-2024.xlsx", src.parent / "exempel.xlsx")
    out = tmp_path / "ut"
    for name in ("alla.xlsx", "exempel.xlsx"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
             str(src.parent / name)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    with zipfile.ZipFile(out / "exempel.xlsx") as zf:
        assert "xl/sharedStrings.xml" in zf.namelist()
    assert _assert_same(out / "exempel.xlsx") > 100
    _assert_same(out / "alla.xlsx")
    cells = _our_cells(out / "alla.xlsx")["Driftsbudget"]
    assert cells["C3"][0] == 3.5  # LibreOffice calculated and saved the formula (1 + 2,5)
    book, findings = read_workbook(out / "exempel.xlsx")
    assert book is not None and not findings.has_errors
    assert book.sheets["Driftsbudget"].rows[0][4].value == -52.4


def test_sheets_are_listed_in_workbook_order_and_only_worksheets(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "B"
    wb.create_sheet("A")
    wb.create_chartsheet("Diagram")
    wb.save(tmp_path / "s.xlsx")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as zf:
        assert list(XlsxBook(zf, escapes="openpyxl").sheets) == ["B", "A"]


def test_cells_and_rows_without_references_read_as_openpyxl_reads_them(
    tmp_path: Path, example: Path
) -> None:
    # Some generators leave out r="A1" on cells (and rows): both readers then count.
    import re

    with zipfile.ZipFile(example) as zf:
        part = XlsxBook(zf, escapes="openpyxl").sheets["Driftsbudget"]
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members[part].decode()
    xml, n_cells = re.subn(r'(<c) r="[A-Z]+\d+"', r"\1", xml)
    xml, n_rows = re.subn(r'(<row) r="\d+"', r"\1", xml)
    assert n_cells > 50 and n_rows > 10
    members[part] = xml.encode()
    path = tmp_path / "utan-ref.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    _assert_same(path)
    assert _our_cells(path)["Driftsbudget"]["E2"][0] == -52.4


def _excel_style(
    path: Path,
    cells: str,
    strings: list[str],
    *,
    items: list[str] | None = None,
    workbook_pr: str = "",
    styles: str | None = None,
    sheet_doctype: str = "",
    strings_doctype: str = "",
) -> Path:
    """A workbook written the way Excel writes one: shared strings, numbers without a
    ``t=`` attribute, empty rows left out, ``_xHHHH_`` escapes in the strings.

    ``items`` are shared-string items as raw XML (rich text, phonetic runs) after
    ``strings``; ``workbook_pr`` goes into workbook.xml (``<workbookPr date1904="1"/>``),
    ``styles`` is the inside of styles.xml, and the doctypes go before the sheet's and the
    shared strings' root element."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    sst = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    sst += "".join(items or [])
    count = len(strings) + len(items or [])
    parts = {
        "[Content_Types].xml": f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": f'{head}<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'{head}<workbook xmlns="{main}" xmlns:r="{rel}">{workbook_pr}<sheets><sheet name="Driftsbudget" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{head}<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'{head}{strings_doctype}<sst xmlns="{main}" count="{count}" uniqueCount="{count}">{sst}</sst>',
        "xl/worksheets/sheet1.xml": f'{head}{sheet_doctype}<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>',
    }  # fmt: skip
    if styles is not None:
        parts["xl/styles.xml"] = f'{head}<styleSheet xmlns="{main}">{styles}</styleSheet>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def _read(path: Path, escapes: str = "ecma") -> dict[str, Any]:
    """Our reader's cells of the one sheet: reference -> value."""
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf, escapes=escapes)
        return {c.ref: c.value for _, row in book.rows("Driftsbudget") for c in row}


def test_excel_escapes_are_decoded_in_shared_inline_and_formula_strings(tmp_path: Path) -> None:
    strings = ["Första_x000D_\nAndra", "Texten _x005F_x000D_ står kvar", "Klocka_x0007_",
               "Smile _xD83D__xDE00_"]  # fmt: skip
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>'
        '<c r="E1" t="inlineStr"><is><t>Inline_x000D_\nrad</t></is></c>'
        '<c r="F1" t="str"><f>A1</f><v>Formel_x000D_\nrad</v></c></row>'
    )
    path = _excel_style(tmp_path / "excel.xlsx", cells, strings)
    with zipfile.ZipFile(path) as zf:
        ours = {c.ref: c.value for _, row in XlsxBook(zf).rows("Driftsbudget") for c in row}
    assert ours["A1"] == "Första\r\nAndra"
    assert ours["B1"] == "Texten _x000D_ står kvar"  # an escaped escape is text
    assert ours["C1"] == "Klocka\x07"
    assert ours["D1"] == "Smile \U0001f600"  # a surrogate pair joined
    assert ours["E1"] == "Inline\r\nrad" and ours["F1"] == "Formel\r\nrad"
    # The reader's normalisation then makes one line break of CR LF.
    book, _ = read_workbook(path)
    assert book is not None
    assert book.sheets["Driftsbudget"].header[0].value == "Första\nAndra"


def test_numbers_without_a_type_and_rows_left_out_name_the_right_cells(tmp_path: Path) -> None:
    # Excel writes numbers as <c r="E5"><v>-52.4</v></c> and leaves empty rows out.
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="E4"><v>-52.4</v></c>'
        '<c r="F4"><v>12</v></c></row>'
        '<row r="9"><c r="B9"><v>1E-3</v></c></row>'
    )
    path = _excel_style(tmp_path / "excel.xlsx", cells, ["Verksamhet", "Ekonomiskt bistånd"])
    _assert_same_openpyxl = _openpyxl_cells(path)["Driftsbudget"]
    book, findings = read_workbook(path)
    assert book is not None and not findings
    rows = book.sheets["Driftsbudget"].rows
    assert [r[0].ref for r in rows] == ["A4", "A9"]
    assert rows[0][4].ref == "E4" and rows[0][4].value == -52.4
    assert rows[0][5].value == 12 and type(rows[0][5].value) is int
    assert rows[1][1].ref == "B9" and rows[1][1].value == 0.001
    assert _assert_same_openpyxl["E4"] == (-52.4, "General")


def test_every_cell_type_as_excel_writes_it(tmp_path: Path) -> None:
    items = [
        # rich text: runs joined, the phonetic run (<rPh>) and its properties left out
        '<si><r><t>Fet</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r>'
        '<rPh sb="0" eb="1"><t>フ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t>Bas</t><rPh sb="0" eb="1"><t>ふり</t></rPh></si>',  # plain text + phonetic
        "<si><t/></si>",  # an empty string item
        "<si><r><t>a</t></r><r><t/></r><r><t>b</t></r></si>",
        "<si><t>Fö<!-- en kommentar -->rsta</t></si>",
    ]
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="s"><v>5</v></c></row>'
        '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c>'
        '<c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c>'
        '<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="F2" t="str"><f>A1&amp;"x"</f><v>Fet textx</v></c>'
        '<c r="G2" t="inlineStr"><is><r><t>In</t></r><r><t>line</t></r></is></c>'
        '<c r="H2" t="inlineStr"><is><t>Inline_x000D_</t></is></c></row>'
        '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>2.5</v></c><c r="C3"><v>-1E3</v></c>'
        '<c r="D3" t="n"><v>7</v></c><c r="E3"><v>4e-1</v></c><c r="F3"><v>00012</v></c>'
        '<c r="G3"><v></v></c><c r="H3" s="0"/><c r="I3"><f>B3*2</f></c></row>'
        '<row r="4"><c r="A4" t="d"><v>2024-01-31T10:30:00</v></c></row>'
    )
    path = _excel_style(tmp_path / "typer.xlsx", cells, ["Vanlig"], items=items)
    ours = _read(path)
    expected = {
        "A1": "Vanlig",
        "B1": "Fet text",
        "C1": "Bas",
        "D1": "",
        "E1": "ab",
        "F1": "Första",  # the parser drops comments, so the text is whole
        "A2": True,
        "B2": False,
        "C2": True,
        "D2": "#DIV/0!",
        "E2": "#DIV/0!",
        "F2": "Fet textx",
        "G2": "Inline",
        "H2": "Inline\r",
        "A3": 3,
        "B3": 2.5,
        "C3": -1000.0,
        "D3": 7,
        "E3": 0.4,
        "F3": 12,
        "I3": None,  # a formula without a saved value: a cell, flagged
        "A4": dt.datetime(2024, 1, 31, 10, 30),
    }
    assert ours == expected
    for ref, value in expected.items():  # == says 1 == 1.0 == True; the types too
        assert type(ours[ref]) is type(value), ref
    theirs = _openpyxl_cells(path)["Driftsbudget"]
    assert {ref: v for ref, (v, _) in theirs.items()} == {
        ref: v for ref, v in _read(path, escapes="openpyxl").items() if v is not None
    }
    # What openpyxl cannot read at all: "true" for a boolean, a date that is no date.
    cells = (
        '<row r="1"><c r="A1" t="b"><v> true </v></c><c r="B1" t="b"><v>false</v></c>'
        '<c r="C1" t="d"><v>inget datum</v></c></row>'
    )
    assert _read(_excel_style(tmp_path / "sant.xlsx", cells, [])) == {
        "A1": True,
        "B1": False,
        "C1": "inget datum",
    }


def test_a_shared_string_the_workbook_does_not_have_is_damage(tmp_path: Path) -> None:
    from pipeline.read.xlsx import Damaged

    for v in ("2", "-1", "x", " 0"):
        cells = f'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="C3" t="s"><v>{v}</v></c></row>'
        path = _excel_style(tmp_path / "trasig.xlsx", cells, ["en", "två"])
        with pytest.raises(Damaged) as caught:
            _read(path)
        assert (caught.value.part, caught.value.ref) == ("xl/worksheets/sheet1.xml", "C3"), v
        assert str(caught.value) == "xl/worksheets/sheet1.xml"
    book, findings = read_workbook(path)
    assert book is None
    assert [f.sheet for f in findings.errors] == ["trasig.xlsx"]


_STYLES = (
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="# ##0,0 &quot;kr&quot;"/></numFmts>'
    '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
    '<xf numFmtId="10"/><xf numFmtId="46"/><xf numFmtId="165"/><xf/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
)


@pytest.mark.parametrize(
    ("date1904", "mac"),
    [("", False), ('<workbookPr date1904="1"/>', True), ('<workbookPr date1904="true"/>', True),
     ('<workbookPr date1904="TRUE"/>', True), ('<workbookPr date1904="0"/>', False),
     ('<workbookPr date1904="false"/>', False), ("<workbookPr/>", False)],
)  # fmt: skip
def test_dates_by_style_in_both_date_systems(tmp_path: Path, date1904: str, mac: bool) -> None:
    cells = (
        '<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.5</v></c>'
        '<c r="C1" s="3"><v>0.777</v></c><c r="D1" s="4"><v>1.5</v></c>'
        '<c r="E1" s="5"><v>1234.5</v></c><c r="F1" s="6"><v>5</v></c>'
        '<c r="I1" s="1"><v>1e10</v></c><c r="J1" s="1" t="s"><v>0</v></c></row>'
    )
    path = _excel_style(tmp_path / "datum.xlsx", cells, ["text"], workbook_pr=date1904,
                        styles=_STYLES)  # fmt: skip
    with zipfile.ZipFile(path) as zf:
        cells_by_ref = {c.ref: c for _, row in XlsxBook(zf).rows("Driftsbudget") for c in row}
    got = {ref: (c.value, c.number_format) for ref, c in cells_by_ref.items()}
    # Serial 45292 is 1 January 2024 in the 1900 system; the 1904 system counts from
    # 1 January 1904, 1462 days later.
    day = dt.datetime(2028, 1, 2) if mac else dt.datetime(2024, 1, 1)
    assert got == {
        "A1": (day, "mm-dd-yy"),
        "B1": (day + dt.timedelta(hours=12), "yyyy-mm-dd"),
        "C1": (0.777, "0.00%"),
        "D1": (dt.timedelta(hours=36), "[h]:mm:ss"),
        "E1": (1234.5, '# ##0,0 "kr"'),
        "F1": (5, "General"),
        "I1": ("#VALUE!", "mm-dd-yy"),  # as openpyxl: a date out of range
        "J1": ("text", "mm-dd-yy"),  # a string in a date format stays a string
    }
    assert cells_by_ref["C1"].number_format == "0.00%"
    with pytest.warns(UserWarning, match="outside the limits for dates"):  # I1
        theirs = _openpyxl_cells(path)["Driftsbudget"]
    assert theirs["A1"] == (day, "mm-dd-yy") and theirs["D1"][0] == dt.timedelta(hours=36)
    assert theirs["I1"][0] == "#VALUE!"
    # A style the workbook does not have, or no style number (openpyxl fails on both).
    cells = '<row r="1"><c r="G1" s="9"><v>6</v></c><c r="H1" s="x"><v>7</v></c></row>'
    path = _excel_style(tmp_path / "stil.xlsx", cells, [], styles=_STYLES)
    with zipfile.ZipFile(path) as zf:
        got = {c.ref: (c.value, c.number_format) for _, row in XlsxBook(zf).rows("Driftsbudget")
               for c in row}  # fmt: skip
    assert got == {"G1": (6, "General"), "H1": (7, "General")}


def test_rows_and_cells_without_references_follow_the_ones_before(tmp_path: Path) -> None:
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v>0</v></c></row>'
        '<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c><c r="E3"><v>3</v></c><c><v>4</v></c></row>'
        "<row><c><v>5</v></c><c><v>6</v></c></row>"  # row 4, columns A and B
        '<row r="9"><c r="C9"><v>7</v></c></row>'
        '<row r=" 10"><c><v>8</v></c></row>'  # no usable number: the row after 9
        '<row r="12"><c r="A7"><v>9</v></c><c r="12"><v>10</v></c></row>'  # refs naming another row
        '<row r="13"><c r="ÅÄ13"><v>11</v></c></row>'  # not a column: beyond every column
    )
    path = _excel_style(tmp_path / "utan-r.xlsx", cells, ["Rubrik"])
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        rows = [
            (n, [(c.column, c.ref, c.value) for c in row]) for n, row in book.rows("Driftsbudget")
        ]
    assert rows == [
        (1, [(1, "A1", "Rubrik"), (2, "B1", "Rubrik")]),
        (3, [(2, "B3", 1), (3, "C3", 2), (5, "E3", 3), (6, "F3", 4)]),
        (4, [(1, "A4", 5), (2, "B4", 6)]),
        (9, [(3, "C9", 7)]),
        (10, [(1, "A10", 8)]),
        (12, [(1, "A12", 9), (2, "B12", 10)]),
    ]
    assert book.beyond == {"Driftsbudget": "ÅÄ13"}  # named as the file names it


def test_a_gap_of_rows_and_numbers_without_a_type_name_the_right_cell(
    tmp_path: Path, example: Path, cfg: KommunConfig
) -> None:
    # The example with rows 3 and 4 of Driftsbudget left out, as Excel leaves out empty
    # rows, every number without t="n", row 5's cells without r= and a text in E5: the
    # finding must still name E5, and every number must read as a number.
    import re

    from pipeline.build import check

    wb = openpyxl.load_workbook(example)
    wb["Driftsbudget"]["E5"] = "tio"
    src = tmp_path / "källa.xlsx"
    wb.save(src)
    with zipfile.ZipFile(src) as zf:
        part = XlsxBook(zf).sheets["Driftsbudget"]
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members[part].decode()
    xml, gone = re.subn(r'<row r="[34]"[^>]*>.*?</row>', "", xml)
    xml, untyped = re.subn(r' t="n"', "", xml)
    row5 = re.search(r'<row r="5"[^>]*>.*?</row>', xml)
    assert gone == 2 and untyped > 50 and row5 is not None
    xml = xml.replace(row5[0], re.sub(r'(<c) r="[A-Z]+5"', r"\1", row5[0]))
    members[part] = xml.encode()
    path = tmp_path / "lucka.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    errors = [str(f) for f in check(path, cfg).findings.errors]
    assert len(errors) == 1 and errors[0].startswith('Driftsbudget!E5: "tio" är inte ett belopp')
    book, _ = read_workbook(path)
    assert book is not None
    rows = book.sheets["Driftsbudget"].rows
    assert [r[0].ref for r in rows[:3]] == ["A2", "A5", "A6"]
    assert rows[0][4].value == -52.4 and type(rows[2][4].value) is float


def test_entities_in_a_sheet_are_never_expanded(tmp_path: Path, cfg: KommunConfig) -> None:
    internal = '<!DOCTYPE worksheet [<!ENTITY x "EXPANDERAD">]>'
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>före &x; efter</t></is></c></row>'
    value = _read(_excel_style(tmp_path / "a.xlsx", cells, [], sheet_doctype=internal))["A1"]
    assert value.startswith("före") and "EXPANDERAD" not in value
    secret = tmp_path / "hemlig.txt"
    secret.write_text("HEMLIGT", encoding="utf-8")
    external = f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c><c r="B1" t="s"><v>0</v></c></row>'
    path = _excel_style(tmp_path / "b.xlsx", cells, ["före &x; efter"], sheet_doctype=external,
                        strings_doctype=external.replace("worksheet", "sst"))  # fmt: skip
    ours = _read(path)
    assert "HEMLIGT" not in ours["A1"] and "HEMLIGT" not in ours["B1"]
    assert ours["B1"].startswith("före")


def test_billion_laughs_is_broken_xml_naming_the_sheet(tmp_path: Path) -> None:
    from pipeline.read.xlsx import BrokenXml

    laughs = '<!ENTITY a "haha">' + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefgh", "bcdefghi", strict=True))  # fmt: skip
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>'
    path = _excel_style(tmp_path / "skratt.xlsx", cells, [],
                        sheet_doctype=f"<!DOCTYPE worksheet [{laughs}]>")  # fmt: skip
    with pytest.raises(BrokenXml) as caught:
        _read(path)
    assert (caught.value.part, caught.value.sheet) == ("xl/worksheets/sheet1.xml", "Driftsbudget")
    book, findings = read_workbook(path)
    assert book is None and len(findings.errors) == 1
    assert "Driftsbudget" in findings.errors[0].message


# --- the reader's parts one by one -------------------------------------------------------------


def test_the_inflate_budget_counts_every_byte_and_stops_past_its_total() -> None:
    from pipeline.read.xlsx import Budget, TooMuchData

    budget = Budget(10)
    assert (budget.total, budget.left, budget.used) == (10, 10, 0)
    budget.spend(4, "a")
    budget.spend(6, "b")  # exactly the total: still fine
    assert (budget.left, budget.used) == (0, 10)
    with pytest.raises(TooMuchData) as caught:
        budget.spend(1, "xl/worksheets/sheet9.xml")
    assert (caught.value.part, caught.value.limit) == ("xl/worksheets/sheet9.xml", 10)
    assert str(caught.value) == "xl/worksheets/sheet9.xml"
    assert (budget.left, budget.used) == (-1, 11)


def test_a_part_is_inflated_in_steps_and_its_own_limit_holds(tmp_path: Path) -> None:
    from pipeline.read.xlsx import CHUNK, Budget, Inflated, TooMuchData

    path = tmp_path / "del.zip"
    data = bytes(range(256)) * (CHUNK // 128 + 3)  # two chunks and a bit
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("del.xml", data)
    with zipfile.ZipFile(path) as zf:
        budget = Budget()
        with Inflated(zf, "del.xml", budget) as part:
            assert part.read(0) == b""  # nothing asked, nothing read
            assert part.read(5) == data[:5]
            assert part.read() == data[5 : 5 + CHUNK]  # never more than a chunk at once
            assert part.read(-1) == data[5 + CHUNK : 5 + 2 * CHUNK]
            assert part.read(None) == data[5 + 2 * CHUNK : 5 + 3 * CHUNK]  # type: ignore[arg-type]
            assert part.read(CHUNK + 1) == data[5 + 3 * CHUNK :]
            assert part.read() == b""
        assert budget.used == len(data)
        with Inflated(zf, "del.xml", Budget()) as part:
            assert part.readall() == data
        with Inflated(zf, "del.xml", Budget(), limit=len(data)) as part:
            assert part.readall() == data  # exactly the limit is allowed
        with Inflated(zf, "del.xml", Budget(), limit=len(data) - 1) as part:
            with pytest.raises(TooMuchData) as caught:
                part.readall()
        assert (caught.value.part, caught.value.limit) == ("del.xml", len(data) - 1)
        with Inflated(zf, "del.xml", Budget(len(data) - 1)) as part:
            with pytest.raises(TooMuchData) as caught:
                part.readall()
        assert (caught.value.part, caught.value.limit) == ("del.xml", len(data) - 1)


def test_a_released_row_is_emptied_and_the_rows_before_it_are_dropped() -> None:
    from lxml import etree

    from pipeline.read.xlsx import _release

    root = etree.fromstring("<d><r>1</r><r>2</r><r>3<c/></r><r>4</r></d>")
    third = root[2]
    third.tail = "svans"
    _release(third)
    assert [e.text for e in root] == [None, "4"]  # the third itself stays, emptied
    assert len(third) == 0 and third.tail is None
    lone = etree.Element("r")
    lone.text = "x"
    _release(lone)  # no parent: nothing to drop
    assert lone.text is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("_xD800_", "\ufffd"),  # a lone surrogate is no character
        ("_xDFFF_", "\ufffd"),
        ("a_xDBFF_b", "a\ufffdb"),
        ("_xD7FF_", "\ud7ff"),  # the last character before the surrogates
        ("_xE000_", "\ue000"),
        ("_xD83D__xDE00_", "\U0001f600"),
        ("_x005f_", "_"),  # hex digits in either case
        ("_x41_", "_x41_"),  # not four digits: text
        ("_xGGGG_", "_xGGGG_"),
        ("utan", "utan"),
    ],
)
def test_escapes_and_surrogates(text: str, expected: str) -> None:
    from pipeline.read.xlsx import decode_escapes

    assert decode_escapes(text) == expected


def test_openpyxl_mode_unescapes_only_the_underscore_in_shared_strings(tmp_path: Path) -> None:
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>c_x005F_x0041_</t></is></c></row>'
    )
    path = _excel_style(tmp_path / "o.xlsx", cells, ["a_x000D_b", "_x005F_x0041_"])
    assert _read(path, escapes="openpyxl") == {"A1": "a_x000D_b", "B1": "_x0041_",
                                               "C1": "c_x005F_x0041_"}  # fmt: skip
    assert _read(path) == {"A1": "a\rb", "B1": "_x0041_", "C1": "c_x0041_"}
    assert _openpyxl_cells(path)["Driftsbudget"]["B1"][0] == "_x0041_"


def test_broken_xml_names_the_part_and_line(tmp_path: Path) -> None:
    from pipeline.read.xlsx import BrokenXml

    good = _excel_style(tmp_path / "g.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>', ["s"])
    with zipfile.ZipFile(good) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    for part, line in (("xl/workbook.xml", 3), ("xl/sharedStrings.xml", 2),
                       ("xl/_rels/workbook.xml.rels", 4)):  # fmt: skip
        broken = dict(parts)
        broken[part] = parts[part] + b"\n" * (line - 1) + b"<trasig"
        path = tmp_path / "b.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in broken.items():
                zf.writestr(name, data)
        with zipfile.ZipFile(path) as zf, pytest.raises(BrokenXml) as caught:
            XlsxBook(zf)
        assert (caught.value.part, caught.value.sheet, caught.value.line) == (part, "", line)
        assert str(caught.value) == part
    broken = dict(parts)
    broken["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b"\n\n<row>"
    )
    path = tmp_path / "c.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in broken.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf, pytest.raises(BrokenXml) as caught:
        list(XlsxBook(zf).rows("Driftsbudget"))
    assert (caught.value.part, caught.value.sheet) == ("xl/worksheets/sheet1.xml", "Driftsbudget")
    assert caught.value.line == 3


def test_parts_are_found_by_their_relationships(tmp_path: Path) -> None:
    # Shared strings and styles under other names, a sheet target given absolute, a sheet
    # without a relationship and one whose relationship has no target: both left out.
    path = _excel_style(tmp_path / "r.xlsx", '<row r="1"><c r="A1" t="s" s="1"><v>0</v></c></row>',
                        ["text"], styles=_STYLES)  # fmt: skip
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n).decode() for n in zf.namelist()}
    parts["xl/strangar.xml"] = parts.pop("xl/sharedStrings.xml")
    parts["xl/stilar.xml"] = parts.pop("xl/styles.xml")
    parts["Xark/worksheets/ark1.xml"] = parts.pop("xl/worksheets/sheet1.xml")
    parts["xl/_rels/workbook.xml.rels"] = (
        parts["xl/_rels/workbook.xml.rels"]
        .replace('Target="sharedStrings.xml"', 'Target="strangar.xml"')
        .replace('Target="styles.xml"', 'Target="/xl/stilar.xml"')
        .replace('Target="worksheets/sheet1.xml"', 'Target="/Xark/worksheets/ark1.xml"')
        .replace(
            "</Relationships>",
            '<Relationship Id="rId9" Type="x/worksheet"/></Relationships>',
        )
    )
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        "</sheets>",
        '<sheet name="Utan" sheetId="2" r:id="rId7"/><sheet name="Tom" sheetId="3" r:id="rId9"/>'
        "</sheets>",
    )
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        assert book.sheets == {"Driftsbudget": "Xark/worksheets/ark1.xml"}
        assert book.strings == ["text"]
        assert [
            (c.value, c.number_format) for _, row in book.rows("Driftsbudget") for c in row
        ] == [("text", "mm-dd-yy")]


def test_small_parts_may_hold_a_long_text_but_not_more_than_their_limit(tmp_path: Path) -> None:
    # lxml refuses a text over 10 MB unless told otherwise (huge_tree); workbook.xml, the
    # relationships and styles may carry one (an extension list), within 20 MB each.
    from pipeline.read.xlsx import MAX_SMALL_PART_BYTES, TooMuchData

    long_text = "x" * (10 * 1024 * 1024 + 10)
    path = _excel_style(tmp_path / "l.xlsx", '<row r="1"><c r="A1" s="1"><v>45292</v></c></row>',
                        [], styles=_STYLES + f"<extLst><ext><x>{long_text}</x></ext></extLst>",
                        workbook_pr=f"<fileVersion><x>{long_text}</x></fileVersion>")  # fmt: skip
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    rels = parts["xl/_rels/workbook.xml.rels"]
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>", f"<x>{long_text}</x></Relationships>".encode()
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert _read(path) == {"A1": dt.datetime(2024, 1, 1)}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</workbook>", b"<!--" + b"y" * MAX_SMALL_PART_BYTES + b"--></workbook>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf, pytest.raises(TooMuchData) as caught:
        XlsxBook(zf)
    assert (caught.value.part, caught.value.limit) == ("xl/workbook.xml", MAX_SMALL_PART_BYTES)


def test_cells_past_the_columns_asked_for_are_not_read_and_the_first_is_named(
    tmp_path: Path,
) -> None:
    cells = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c>'
        '<c r="E1"><v>5</v></c></row><row r="2"><c r="F2"><v>6</v></c></row>'
        '<row r="3"><c r="XFD3"><v>7</v></c><c r="XFE3"><v>8</v></c></row>'
    )
    path = _excel_style(tmp_path / "bred.xlsx", cells, [])
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        narrow = [(n, [c.ref for c in row]) for n, row in book.rows("Driftsbudget", max_col=3)]
        assert narrow == [(1, ["A1", "C1"])]  # a row with nothing within the columns is left out
        assert book.beyond == {"Driftsbudget": "D1"}
        book.beyond.clear()
        # Without a limit, every column Excel has is read (XFD is its last): XFE is beyond.
        wide = [c.ref for _, row in book.rows("Driftsbudget") for c in row]
        assert wide == ["A1", "C1", "D1", "E1", "F2", "XFD3"]
        assert book.beyond == {"Driftsbudget": "XFE3"}


def test_a_sheet_stops_at_excels_last_row_by_number_or_by_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.read.xlsx as xlsx

    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 5)  # Excel's 1 048 576, made small

    def rows_of(cells: str) -> tuple[list[int], dict[str, tuple[str, int]]]:
        path = _excel_style(tmp_path / "rader.xlsx", cells, [])
        with zipfile.ZipFile(path) as zf:
            book = XlsxBook(zf)
            return [n for n, _ in book.rows("Driftsbudget")], book.truncated

    row = '<row r="{}"><c><v>1</v></c></row>'
    assert rows_of("".join(row.format(n) for n in range(1, 6))) == ([1, 2, 3, 4, 5], {})
    assert rows_of(row.format(5) + row.format(6) + row.format(2)) == (
        [5], {"Driftsbudget": ("excel", 6)},
    )  # fmt: skip
    # Five row elements are allowed, the sixth is more than Excel has, whatever their numbers.
    assert rows_of(row.format(1) * 5) == ([1, 1, 1, 1, 1], {})
    assert rows_of(row.format(1) * 6 + row.format(2)) == (
        [1, 1, 1, 1, 1], {"Driftsbudget": ("excel", 1)},
    )  # fmt: skip
    assert rows_of("<row/>" * 4 + row.format(5)) == ([5], {})  # empty rows count too
    assert rows_of("<row/>" * 5 + row.format(5)) == ([], {"Driftsbudget": ("excel", 5)})


def test_a_sheet_stops_at_the_cap_of_rows_with_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.read.xlsx as xlsx

    monkeypatch.setattr(xlsx, "MAX_CONTENT_ROWS", 2)
    row = '<row r="{}"><c><v>1</v></c></row>'
    cells = row.format(1) + row.format(2) + '<row r="3"><c r="A3"/></row>' + row.format(4)
    path = _excel_style(tmp_path / "tak.xlsx", cells + row.format(7) + row.format(8), [])
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        # The header (row 1) and rows without a value do not count: rows 2 and 4 do.
        assert [n for n, _ in book.rows("Driftsbudget")] == [1, 2, 4]
        assert book.truncated == {"Driftsbudget": ("cap", 7)}


def test_relationships_and_styles_that_leave_things_out(tmp_path: Path) -> None:
    # No relationship for the shared strings or the styles: the usual names are used. A
    # relationship without a type or with a type without a slash is passed over. A number
    # format without an id replaces nothing, one without a code is General, a built-in id
    # that does not exist is General.
    styles = (
        '<numFmts count="3"><numFmt formatCode="0.000"/><numFmt numFmtId="166"/>'
        '<numFmt numFmtId="167" formatCode="0.0"/></numFmts>'
        '<cellXfs count="4"><xf numFmtId="1"/><xf numFmtId="166"/><xf numFmtId="200"/>'
        '<xf numFmtId="167"/></cellXfs>'
    )
    cells = (
        '<row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1" s="1"><v>2</v></c>'
        '<c r="C1" s="2"><v>3</v></c><c r="D1" s="3" t="s"><v>0</v></c></row>'
    )
    path = _excel_style(tmp_path / "s.xlsx", cells, ["text"], styles=styles)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n).decode() for n in zf.namelist()}
    rels = parts["xl/_rels/workbook.xml.rels"]
    rels = re.sub(r'<Relationship Id="rId[23]"[^>]*/>', "", rels)
    rels = rels.replace("</Relationships>", '<Relationship Id="rId8" Target="x.xml"/>'
                        '<Relationship Id="rId9" Type="utan-snedstreck" Target="y.xml"/>'
                        "</Relationships>")  # fmt: skip
    parts["xl/_rels/workbook.xml.rels"] = rels
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        got = {c.ref: (c.value, c.number_format) for _, row in XlsxBook(zf).rows("Driftsbudget")
               for c in row}  # fmt: skip
    assert got == {"A1": (1, "0"), "B1": (2, "General"), "C1": (3, "General"),
                   "D1": ("text", "0.0")}  # fmt: skip


def test_a_workbook_without_relationships_or_cell_formats(tmp_path: Path) -> None:
    path = _excel_style(tmp_path / "r.xlsx", '<row r="1"><c r="A1" s="3"><v>1</v></c></row>', [],
                        styles='<numFmts count="0"/>')  # fmt: skip
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            if name != "xl/_rels/workbook.xml.rels":
                zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        assert book.sheets == {} and book.formats == []  # no sheet can be found
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        cells = [(c.value, c.number_format) for _, row in XlsxBook(zf).rows("Driftsbudget")
                 for c in row]  # fmt: skip
    assert cells == [(1, "General")]


def test_what_a_row_may_hold_besides_cells(tmp_path: Path) -> None:
    cells = (
        '<row r="1"><c r="A1"><v>1</v></c><x:annat xmlns:x="urn:x"/><c r="B1"><v>2</v></c>'
        '<c r="C1"><is><t>inte inline</t></is></c>'  # <is> without t="inlineStr": no value
        '<c r="D1" t="inlineStr"><x:annat xmlns:x="urn:x"/></c>'  # inlineStr without <is>
        '<c r="E1"><f>A1+B1</f><v>3</v></c></row>'
        '<row r="2"><c r="XFD2"><v>4</v></c><c><v>5</v></c></row>'  # no r= after Excel's last
    )
    path = _excel_style(tmp_path / "rad.xlsx", cells, [])
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        got = [(c.ref, c.value, c.formula_without_value) for _, row in book.rows("Driftsbudget")
               for c in row]  # fmt: skip
        assert got == [("A1", 1, False), ("B1", 2, False), ("E1", 3, False), ("XFD2", 4, False)]
        assert book.beyond == {"Driftsbudget": "XFD2"}  # the column after XFD is named XFD
    cells = '<row r="4"><c r="A4"><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>'
    path = _excel_style(tmp_path / "rad2.xlsx", cells, [])
    with zipfile.ZipFile(path) as zf:
        book = XlsxBook(zf)
        assert [c.ref for _, row in book.rows("Driftsbudget", max_col=2) for c in row] == [
            "A4", "B4",
        ]  # fmt: skip
        assert book.beyond == {"Driftsbudget": "C4"}  # a cell without r= named by its place
