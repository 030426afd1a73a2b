"""pipeline.xlsx reads what openpyxl reads: every value, type and number format.

The reader parses sheet XML itself for speed (issue 6), so it is checked cell by cell against
``openpyxl.load_workbook(read_only=True, data_only=True)`` on every shipped workbook, a
LibreOffice-saved copy and a workbook made to hold every kind of cell.
"""

from __future__ import annotations

import datetime as dt
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

from pipeline.read import read_workbook
from pipeline.xlsx import XlsxBook

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
    assert not cells["B3"].formula_without_value


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


def _excel_style(path: Path, cells: str, strings: list[str]) -> Path:
    """A workbook written the way Excel writes one: shared strings, numbers without a
    ``t=`` attribute, empty rows left out, ``_xHHHH_`` escapes in the strings."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    sst = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Driftsbudget" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>',
    }  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


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
