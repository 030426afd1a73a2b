"""Foreign and hostile workbooks (issue 11): each ends in one Swedish sentence naming the
file (and the sheet or cell where there is one), never an internal error, and a batch goes
on past them. Every input is generated here from the shipped example.

Speed and memory are measured by the benchmark (`make bench`), not here; these tests check
what is said and that the reader stops where it should.
"""

from __future__ import annotations

import random
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.build import build, build_many
from pipeline.check.workbook import check
from pipeline.cli.main import main
from pipeline.common.errors import AnnotateError
from pipeline.common.findings import Findings
from pipeline.read.xlsx import EXCEL_MAX_ROWS, Budget, TooMuchData, XlsxBook
from pipeline.spec.config import KommunConfig
from pipeline.workbooks.annotate import annotate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "indata" / "socialnamnden-2024.xlsx"


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sheet_part(parts: dict[str, bytes], sheet: str) -> str:
    """The zip member of a sheet, by its name in workbook.xml."""
    with zipfile.ZipFile(EXAMPLE) as zf:
        return XlsxBook(zf).sheets[sheet]


def with_sheet_xml(tmp_path: Path, sheet: str, edit: Callable[[str], str],
                   name: str = "fil.xlsx") -> Path:  # fmt: skip
    parts = parts_of(EXAMPLE)
    part = sheet_part(parts, sheet)
    parts[part] = edit(parts[part].decode("utf-8")).encode("utf-8")
    return write_parts(tmp_path / name, parts)


def only_file_findings(findings: Findings, name: str) -> list[str]:
    return [f.message for f in findings if f.sheet == name]


def assert_one_sentence(findings: Findings, name: str, needle: str) -> None:
    msgs = only_file_findings(findings, name)
    assert len(msgs) == 1, [str(f) for f in findings]
    assert needle in msgs[0], msgs[0]
    assert "internt fel" not in msgs[0] and "Error" not in msgs[0]


# --- size ------------------------------------------------------------------------------------


def test_many_formatted_empty_rows_are_passed_over(tmp_path: Path, cfg: KommunConfig) -> None:
    empty = "".join(
        f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="E{r}" s="1"/></row>'
        for r in range(40, 100_040)
    )
    path = with_sheet_xml(tmp_path, "Driftsbudget", lambda x: x.replace("</sheetData>",
                                                                        empty + "</sheetData>"))  # fmt: skip
    result = check(path, cfg)
    assert not result.findings, [str(f) for f in result.findings]
    assert result.valid is not None and len(result.valid.rows["Driftsbudget"]) == 23


def test_more_rows_than_excel_has_is_one_error_naming_the_sheet(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = "<row/>" * (EXCEL_MAX_ROWS + 5)
    path = with_sheet_xml(tmp_path, "Volymer", lambda x: x.replace("</sheetData>",
                                                                   rows + "</sheetData>"))  # fmt: skip
    findings = check(path, cfg).findings
    msgs = [str(f) for f in findings.errors if f.sheet == "Volymer"]
    assert len(msgs) == 1 and "fler rader än Excel tillåter" in msgs[0], msgs


def test_a_cell_in_column_xfd_is_not_padded_to_and_is_warned(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def far(xml: str) -> str:
        return re.sub(r'(<row r="(\d+)"[^>]*>)', r'\1<c r="XFD\2" t="inlineStr"><is><t>x</t></is></c>',
                      xml, count=0)  # fmt: skip

    path = with_sheet_xml(tmp_path, "Driftsbudget", lambda x: _sorted_cells(far(x)))
    result = check(path, cfg)
    assert not result.findings.errors, [str(f) for f in result.findings.errors]
    assert [f.cell for f in result.findings.warnings] == ["XFD1"]
    assert result.valid is not None
    assert max(len(r) for r in result.valid.rows["Driftsbudget"]) == 7


def _sorted_cells(xml: str) -> str:
    # Cells must be in column order within a row: move the XFD cell to the end.
    return re.sub(r'(<c r="XFD\d+" t="inlineStr"><is><t>x</t></is></c>)(.*?)(</row>)',
                  r"\2\1\3", xml)  # fmt: skip


def test_a_sheet_with_more_rows_of_content_than_the_cap_stops_with_an_error(
    tmp_path: Path, cfg: KommunConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.read.xlsx as xlsx

    monkeypatch.setattr(xlsx, "MAX_CONTENT_ROWS", 10)
    result = check(EXAMPLE, cfg)
    msgs = [str(f) for f in result.findings.errors if f.sheet == "Driftsbudget"]
    assert msgs and "fler än 10 rader med innehåll" in msgs[0] and "Driftsbudget!A12" in msgs[0]


def test_a_cell_over_excels_limit_is_named_as_too_long(tmp_path: Path, cfg: KommunConfig) -> None:
    long_text = "a" * (11 * 1024 * 1024)  # over lxml's own 10 MB text limit too

    def huge(xml: str) -> str:
        return re.sub(r'<c r="B2"[^>]*>.*?</c>',
                      f'<c r="B2" t="inlineStr"><is><t>{long_text}</t></is></c>', xml, count=1)  # fmt: skip

    findings = check(with_sheet_xml(tmp_path, "Hållbarhet", huge), cfg).findings
    msgs = [str(f) for f in findings if f.location == "Hållbarhet!B2"]
    assert len(msgs) == 1 and "rymmer högst 32\u00a0767 tecken" in msgs[0], msgs


def test_the_inflate_budget_counts_what_inflates_not_what_the_zip_declares(
    tmp_path: Path,
) -> None:
    with zipfile.ZipFile(EXAMPLE) as zf, pytest.raises(TooMuchData) as caught:
        XlsxBook(zf, budget=Budget(10_000))
    assert caught.value.part.startswith("xl/")


# --- zip files that lie --------------------------------------------------------------------


# Where each field is in a local (PK\x03\x04) and a central (PK\x01\x02) header record.
_HEADERS = (
    (rb"PK\x03\x04", struct.Struct("<IHHHHHIIIHH"), {"version": 1, "flags": 2, "method": 3,
                                                    "size": 8}),
    (rb"PK\x01\x02", struct.Struct("<IHHHHHHIIIHHHHHII"), {"version": 2, "flags": 3,
                                                          "method": 4, "size": 9}),
)  # fmt: skip


def _patch_members(data: bytes, **fields: int) -> bytes:
    """Rewrite fields of every local and central header: method, flags, version, size."""
    out = bytearray(data)
    for signature, record, index in _HEADERS:
        for m in re.finditer(signature, data):
            rec = list(record.unpack_from(out, m.start()))
            for name, value in fields.items():
                rec[index[name]] = rec[index[name]] | value if name == "flags" else value
            record.pack_into(out, m.start(), *rec)
    return bytes(out)


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"method": 9}, "packad på ett sätt som inte stöds"),  # Deflate64
        ({"version": 245}, "packad på ett sätt som inte stöds"),  # zip version 24.5
        ({"flags": 1}, "krypterad"),  # the encryption flag
        ({"size": 5000}, "skadad"),  # headers claim 5 kB, the parts inflate to more
    ],
    ids=["deflate64", "version-24.5", "encrypted-flag", "lying-sizes"],
)
def test_zip_files_that_lie_are_one_sentence(
    tmp_path: Path, cfg: KommunConfig, fields: dict[str, int], needle: str
) -> None:
    path = tmp_path / "lögn.xlsx"
    path.write_bytes(_patch_members(EXAMPLE.read_bytes(), **fields))
    assert_one_sentence(check(path, cfg).findings, path.name, needle)


def test_a_bomb_declaring_small_sizes_stops_quickly(tmp_path: Path, cfg: KommunConfig) -> None:
    parts = parts_of(EXAMPLE)
    part = sheet_part(parts, "Kommentarer")
    parts[part] = parts[part].replace(b"</sheetData>", b"<row/>" * 5_000_000 + b"</sheetData>")
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_patch_members(write_parts(tmp_path / "b.xlsx", parts).read_bytes(),
                                    size=5000))  # fmt: skip
    assert_one_sentence(check(path, cfg).findings, path.name, "skadad")


def test_an_honest_bomb_is_refused_before_inflating(tmp_path: Path, cfg: KommunConfig) -> None:
    path = tmp_path / "stor.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts_of(EXAMPLE).items():
            zf.writestr(name, data)
        with zf.open("xl/media/stor.bin", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                fh.write(chunk)
    assert_one_sentence(check(path, cfg).findings, path.name, "orimligt mycket")


# --- odd entries and odd values --------------------------------------------------------------


def test_a_directory_named_like_a_workbook(tmp_path: Path, cfg: KommunConfig) -> None:
    folder = tmp_path / "x.xlsx"
    folder.mkdir()
    assert_one_sentence(check(folder, cfg).findings, "x.xlsx", "är en mapp")


@pytest.mark.parametrize(
    ("where", "needle"),
    [
        ("Grunddata!B4", "inte ett årtal"),
        ("Hållbarhet!A2", "inget Agenda 2030-mål"),
        ("Driftsbudget!E5", "orimligt stort"),
        ("Volymer!C3", "orimligt stort"),
    ],
)
def test_a_400_digit_number_is_named_not_an_internal_error(
    cfg: KommunConfig, tmp_path: Path, where: str, needle: str
) -> None:
    sheet, ref = where.split("!")

    def huge(xml: str) -> str:
        cell = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)')
        assert cell.search(xml), where
        return cell.sub(f'<c r="{ref}"><v>{"1" + "0" * 400}</v></c>', xml, count=1)

    path = with_sheet_xml(tmp_path, sheet, huge)
    result = check(path, cfg)
    msgs = [str(f) for f in result.findings.errors if f.location == where]
    assert msgs and needle in msgs[0] and len(msgs[0]) < 400, msgs
    assert build(path, tmp_path / "p.docx", cfg).output is None


def test_a_number_longer_than_python_reads_as_int(tmp_path: Path, cfg: KommunConfig) -> None:
    digits = "9" * 5000  # over int()'s 4 300-digit limit

    def long_number(xml: str) -> str:
        return re.sub(r'(<c r="E5"[^>]*>)<v>[^<]*</v>', rf"\1<v>{digits}</v>", xml, count=1)

    findings = check(with_sheet_xml(tmp_path, "Driftsbudget", long_number), cfg).findings
    assert [f.location for f in findings.errors] == ["Driftsbudget!E5"]


def test_strict_open_xml_is_read_like_a_transitional_workbook(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    strict = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
            b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }  # fmt: skip
    parts = parts_of(EXAMPLE)
    for name, data in parts.items():
        for old, new in strict.items():
            data = data.replace(old, new)
        parts[name] = data
    path = write_parts(tmp_path / "strikt.xlsx", parts)
    ours, theirs = check(path, cfg), check(EXAMPLE, cfg)
    assert not ours.findings, [str(f) for f in ours.findings]
    assert ours.valid is not None and theirs.valid is not None
    assert ours.valid.rows == {
        k: [{c: v._replace() for c, v in r.items()} for r in rows]
        for k, rows in theirs.valid.rows.items()
    } or _same_values(ours.valid.rows, theirs.valid.rows)


def _same_values(a: dict, b: dict) -> bool:  # type: ignore[type-arg]
    return {k: [[(c.ref, c.value) for c in r.values()] for r in v] for k, v in a.items()} == {
        k: [[(c.ref, c.value) for c in r.values()] for r in v] for k, v in b.items()
    }


def test_annotate_on_a_file_with_a_dtd_says_so_in_swedish(broken: Callable[..., Path]) -> None:
    path = broken({"Driftsbudget!E5": "tio"})
    parts = parts_of(path)
    with zipfile.ZipFile(path) as zf:
        part = XlsxBook(zf).sheets["Hållbarhet"]
    parts[part] = b'<!DOCTYPE worksheet [<!ENTITY e "x">]>' + parts[part]
    write_parts(path, parts)
    result = CliRunner().invoke(main, ["validate", "--annotate", str(path)])
    assert result.exit_code == 1
    assert "Driftsbudget!E5" in result.output
    assert "Ingen granskad kopia skrevs" in result.output
    assert "internt fel" not in result.output and "Traceback" not in result.output
    assert not path.with_name(f"{path.stem}-granskad.xlsx").exists()


# --- the batch goes on -------------------------------------------------------------------------


def test_a_batch_with_a_directory_and_a_broken_workbook_builds_the_good_ones(
    tmp_path: Path, broken: Callable[..., Path]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mapp.xlsx").mkdir()
    (folder / "trasig.xlsx").write_bytes(b"PK\x03\x04 inte en arbetsbok")
    for i in (1, 2):
        (folder / f"n{i}.xlsx").write_bytes(broken({"Grunddata!B3": f"Nämnd {i}"}).read_bytes())
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["plan", str(folder), "-o", str(out), "--no-layout"])
    assert result.exit_code == 1
    assert (out / "n1.docx").exists() and (out / "n2.docx").exists()
    assert "mapp.xlsx" in result.output and "är en mapp" in result.output
    assert "trasig.xlsx" in result.output and "internt fel" not in result.output
    assert "2 av 4 planer byggda" in result.output


def test_an_internal_error_in_one_workbook_does_not_stop_the_others(
    tmp_path: Path, cfg: KommunConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.build as build_module

    real = build_module.check

    def flaky(path: Path, cfg: KommunConfig):  # type: ignore[no-untyped-def]
        if Path(path).name == "b.xlsx":
            raise RuntimeError("unforeseen")
        return real(path, cfg)

    monkeypatch.setattr(build_module, "check", flaky)
    for name in ("a.xlsx", "b.xlsx"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    results = build_many([(tmp_path / n, tmp_path / f"{n}.docx") for n in ("a.xlsx", "b.xlsx")],
                         cfg, layout=False)  # fmt: skip
    assert results[0].output is not None and results[1].output is None
    msg = str(results[1].check.findings.errors[0])
    assert "internt fel" in msg and "b.xlsx" in msg


# --- a seeded mutation fuzz of the example ------------------------------------------------------


_VALUES = ["", "x", "-", "−1,5", "1e308", "1e999", "NaN", "-0", "0.0000001", "99999999999999999999",
           "TRUE", "#REF!", "2024-13-45", "<", "&amp;", "_x000D_", "_x005F_", "\u00e5\u030a",
           "9" * 50]  # fmt: skip


def _mutate(xml: str, rng: random.Random) -> str:
    choice = rng.randrange(6)
    values = list(re.finditer(r"<v>([^<]*)</v>", xml))
    if choice == 0 and values:  # a saved value replaced
        m = rng.choice(values)
        return f"{xml[: m.start(1)]}{rng.choice(_VALUES)}{xml[m.end(1) :]}"
    if choice == 1:  # a type attribute changed
        return re.sub(r'(<c [^>]*?)t="[a-zA-Z]+"', lambda m: m[1] + f't="{rng.choice("snbedx")}"',
                      xml, count=rng.randrange(1, 4))  # fmt: skip
    if choice == 2:  # a reference changed
        return re.sub(r'r="([A-Z]+)(\d+)"', lambda m: f'r="{rng.choice(["A", "XFD", "ZZZZ", ""])}'
                      f'{rng.choice([m[2], "0", "1048577", ""])}"', xml, count=rng.randrange(1, 6))  # fmt: skip
    if choice == 3:  # an element dropped
        cells = list(re.finditer(r"<c [^>]*?(/>|>.*?</c>)", xml))
        if cells:
            m = rng.choice(cells)
            return xml[: m.start()] + xml[m.end() :]
    if choice == 4:  # a style index out of range
        return re.sub(r's="\d+"', f's="{rng.choice([0, 999, 10**20])}"', xml, count=3)
    cut = rng.randrange(len(xml))  # truncated
    return xml[:cut]


def test_a_seeded_fuzz_of_the_example_never_ends_in_an_internal_error(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rng = random.Random(20261201)
    base = parts_of(EXAMPLE)
    names = [n for n in base if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"]
    if "xl/sharedStrings.xml" not in base:
        names.append("xl/workbook.xml")
    cases = 300
    outcomes = {"unreadable": 0, "errors": 0, "ok": 0}
    annotated = 0
    for i in range(cases):
        parts = dict(base)
        for name in rng.sample(names, k=rng.randrange(1, 4)):
            parts[name] = _mutate(parts[name].decode("utf-8"), rng).encode("utf-8")
        path = write_parts(tmp_path / f"fuzz{i % 5}.xlsx", parts)
        result = check(path, cfg)  # an exception here fails the test
        outcomes["ok" if result.ok else "unreadable" if result.valid is None else "errors"] += 1
        for f in result.findings:
            assert "internt fel" not in f.message, (i, str(f))
            assert "Error" not in f.message, (i, str(f))  # no Python exception names
        if result.ok and i % 5 == 0:
            built = build(path, tmp_path / "fuzz.docx", cfg)
            assert built.output is not None, (i, [str(f) for f in built.check.findings])
        if result.valid is not None and result.findings and i % 6 == 0:
            try:  # the reviewed copy is written, or refused in one sentence
                annotate(path, result.findings)
            except AnnotateError as exc:
                assert "Error" not in str(exc) or "(" in str(exc), (i, str(exc))
            annotated += 1
    # The fuzz reaches all three outcomes, each often: it tests the reader and validation.
    assert min(outcomes.values()) >= cases // 10, outcomes
    assert annotated >= 10


def test_zlib_damage_in_a_part_is_said_to_be_damage(tmp_path: Path, cfg: KommunConfig) -> None:
    data = bytearray(EXAMPLE.read_bytes())
    with zipfile.ZipFile(EXAMPLE) as zf:
        info = zf.getinfo(XlsxBook(zf).sheets["Driftsbudget"])
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start : start + 20] = bytes(20)
    path = tmp_path / "skadad.xlsx"
    path.write_bytes(bytes(data))
    assert_one_sentence(check(path, cfg).findings, path.name, "skadad")
    assert zlib  # imported for the error kind this test provokes


def test_openpyxl_still_opens_every_generated_good_case(tmp_path: Path) -> None:
    # The inputs above are workbooks, not random bytes: the good ones open in openpyxl.
    empty = "".join(f'<row r="{r}"><c r="A{r}" s="1"/></row>' for r in range(40, 60))
    path = with_sheet_xml(tmp_path, "Driftsbudget", lambda x: x.replace("</sheetData>",
                                                                        empty + "</sheetData>"))  # fmt: skip
    assert openpyxl.load_workbook(path, read_only=True)["Driftsbudget"].max_row >= 24


def test_broken_xml_in_a_sheet_names_the_sheet(tmp_path: Path, cfg: KommunConfig) -> None:
    path = with_sheet_xml(tmp_path, "Volymer", lambda x: x[: len(x) // 2])
    assert_one_sentence(check(path, cfg).findings, path.name, "bladet Volymer är inte giltig XML")


def test_an_ods_file_is_told_to_be_saved_as_xlsx(tmp_path: Path, cfg: KommunConfig) -> None:
    path = tmp_path / "kalkyl.xlsx"  # renamed, as people do
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    assert_one_sentence(check(path, cfg).findings, path.name, "OpenDocument-kalkylark")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice behövs")
def test_an_ods_round_trip_reads_as_the_original(tmp_path: Path, cfg: KommunConfig) -> None:
    # A controller opens the workbook in LibreOffice, saves it as .ods, and later as .xlsx.
    profile = f"-env:UserInstallation=file://{tmp_path}/profil"
    ods, back = tmp_path / "ods", tmp_path / "xlsx"
    for target, src, fmt in ((ods, EXAMPLE, "ods"),
                             (back, ods / "socialnamnden-2024.ods", "xlsx:Calc MS Excel 2007 XML")):  # fmt: skip
        subprocess.run(["soffice", profile, "--headless", "--convert-to", fmt, "--outdir",
                        str(target), str(src)], check=True, capture_output=True, timeout=180)  # fmt: skip
    result, original = check(back / "socialnamnden-2024.xlsx", cfg), check(EXAMPLE, cfg)
    assert not result.findings.errors, [str(f) for f in result.findings.errors]
    assert result.valid is not None and original.valid is not None
    assert _same_values(result.valid.rows, original.valid.rows)


def test_a_workbook_held_open_by_excel_is_one_sentence_in_a_build(
    tmp_path: Path, cfg: KommunConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows, Excel locks the workbook it has open: opening it raises PermissionError.
    import pipeline.read.workbook as read_module

    def locked(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(EXAMPLE))

    monkeypatch.setattr(read_module.zipfile, "ZipFile", locked)
    result = build(EXAMPLE, tmp_path / "p.docx", cfg)
    assert result.output is None
    assert_one_sentence(result.check.findings, EXAMPLE.name, "öppen i Excel")


def test_template_to_a_name_the_file_system_refuses_is_one_sentence(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".xlsx")  # over the 255 bytes a file name may have
    result = CliRunner().invoke(main, ["template", "--year", "2026", "-o", str(target)])
    assert result.exit_code == 1
    assert "kan inte skrivas" in result.output and "internt fel" not in result.output
