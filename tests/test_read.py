from pathlib import Path

import openpyxl

from pipeline.read.workbook import read_workbook


def test_every_value_keeps_its_sheet_and_cell(example: Path) -> None:
    book, findings = read_workbook(example)
    assert book is not None and not findings
    drift = book.sheets["Driftsbudget"]
    assert [c.value for c in drift.header][:2] == ["Verksamhet", "Bokslut 2022"]
    first = drift.rows[0]
    assert first[0].where == "Driftsbudget!A2"
    assert first[0].value == "Ekonomiskt bistånd"
    assert first[4].where == "Driftsbudget!E2" and first[4].value == -52.4


def test_percent_cells_keep_their_number_format(example: Path) -> None:
    book, _ = read_workbook(example)
    assert book is not None
    cell = book.sheets["Nyckeltal"].rows[0][4]
    assert cell.is_percent_format and abs(cell.value - 0.777) < 1e-9


def test_all_empty_rows_are_skipped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Volymer"
    ws.append(["Volym", "x"])
    ws.append(["a", 1])
    ws.append([None, None])
    ws.append(["b", 2])
    wb.save(tmp_path / "v.xlsx")
    book, _ = read_workbook(tmp_path / "v.xlsx")
    assert book is not None
    assert [r[0].where for r in book.sheets["Volymer"].rows] == ["Volymer!A2", "Volymer!A4"]


def test_formula_without_saved_value_is_marked_not_empty(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Driftsbudget"
    ws.append(["Verksamhet", "Bokslut"])
    ws.append(["a", "=1+2"])  # openpyxl saves no cached value
    wb.save(tmp_path / "f.xlsx")
    book, _ = read_workbook(tmp_path / "f.xlsx")
    assert book is not None
    cell = book.sheets["Driftsbudget"].rows[0][1]
    assert cell.formula_without_value and cell.value is None and not cell.is_empty


def test_not_a_workbook_is_one_clear_sentence_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("det här är ingen arbetsbok")
    book, findings = read_workbook(path)
    assert book is None
    assert len(findings) == 1 and findings[0].sheet == "plan.xlsx"
    assert "inte en Excel-arbetsbok" in findings[0].message


def test_old_xls_and_encrypted_files_are_refused(tmp_path: Path) -> None:
    xls = tmp_path / "gammal.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    _, findings = read_workbook(xls)
    assert ".xls" in findings[0].message
    enc = tmp_path / "krypterad.xlsx"
    enc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    _, findings = read_workbook(enc)
    assert "lösenordsskyddad" in findings[0].message and findings[0].sheet == "krypterad.xlsx"


def test_truncated_workbook_is_refused(tmp_path: Path, example: Path) -> None:
    data = example.read_bytes()
    path = tmp_path / "avbruten.xlsx"
    path.write_bytes(data[: len(data) // 2])
    book, findings = read_workbook(path)
    assert book is None and findings.has_errors
    assert findings[0].sheet == "avbruten.xlsx"


def test_damaged_part_is_reported_as_a_damaged_file(tmp_path: Path, example: Path) -> None:
    # Bytes changed inside a data sheet's compressed data: the zip's directory is intact,
    # so only reading the part (its CRC check) can find it.
    import zipfile

    from pipeline.read.xlsx import XlsxBook

    with zipfile.ZipFile(example) as zf:
        info = zf.getinfo(XlsxBook(zf).sheets["Driftsbudget"])
        names = {n: zf.getinfo(n) for n in zf.namelist()}
    data = bytearray(example.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 200, start + 260):
        data[k] ^= 0x5A
    path = tmp_path / "skadad.xlsx"
    path.write_bytes(bytes(data))
    assert info.filename in names
    book, findings = read_workbook(path)
    assert book is None and len(findings) == 1
    assert findings[0].sheet == "skadad.xlsx" and "skadad" in findings[0].message
