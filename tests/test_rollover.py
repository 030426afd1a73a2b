"""Rolling a workbook forward to next year: what moves where, what stays, what is refused."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.build import check
from pipeline.cli.workbooks import rollover_cmd
from pipeline.read.workbook import RawSheet, RawWorkbook, read_workbook
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import SHEETS_BY_NAME
from pipeline.workbooks.rollover import RolloverError, default_output, rollover
from pipeline.workbooks.template import INSTRUCTIONS_SHEET, LISTS_SHEET

from .conftest import DELETE_SHEET

AMOUNT_SHEETS = ("Volymer", "Driftsbudget", "Investeringsbudget")
TEXT_SHEETS = ("Målbild", "Satsningar och uppdrag", "Grunduppdrag", "Utvecklingsmål",
               "Kommentarer", "Hållbarhet")  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(path: Path) -> RawWorkbook:
    book, findings = read_workbook(path)
    assert book is not None, [str(f) for f in findings]
    return book


def column(sheet: RawSheet, header: str) -> list[Any]:
    headers = [c.value for c in sheet.header]
    i = headers.index(header)
    return [row[i].value if i < len(row) else None for row in sheet.rows]


def grunddata(book: RawWorkbook) -> dict[str, Any]:
    return {r[0].value: r[1].value for r in book.sheets["Grunddata"].rows}


# Function-scoped on purpose: mutmut runs a mutant only against the tests that call the
# mutated function, and it credits a shared fixture's calls to the first test that used it.
@pytest.fixture
def rolled_pair(tmp_path_factory: pytest.TempPathFactory, example: Path, cfg: KommunConfig):
    before = digest(example)
    folder = tmp_path_factory.mktemp("rollover")
    source = folder / example.name
    shutil.copy(example, source)
    copy_digest = digest(source)
    out = rollover(source, 2025, cfg)
    assert digest(source) == copy_digest and digest(example) == before  # originals untouched
    return source, out


@pytest.fixture
def old(rolled_pair: tuple[Path, Path]) -> RawWorkbook:
    return read(rolled_pair[0])


@pytest.fixture
def new(rolled_pair: tuple[Path, Path]) -> RawWorkbook:
    return read(rolled_pair[1])


def test_default_name_replaces_the_year_next_to_the_source(
    rolled_pair: tuple[Path, Path],
) -> None:
    source, out = rolled_pair
    assert out == source.with_name("socialnamnden-2025.xlsx")
    assert sorted(p.name for p in source.parent.iterdir()) == [
        "socialnamnden-2024.xlsx",
        "socialnamnden-2025.xlsx",
    ]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("socialnamnden-2024.xlsx", "socialnamnden-2025.xlsx"),
        ("plan.xlsx", "plan-2025.xlsx"),
        ("SN 2024 v2.xlsm", "SN 2025 v2.xlsx"),
        ("budget20245.xlsx", "budget20245-2025.xlsx"),
    ],
)
def test_default_output(name: str, expected: str) -> None:
    assert default_output(Path("mapp") / name, 2024, 2025) == Path("mapp") / expected


def test_headers_are_next_years(new: RawWorkbook) -> None:
    for name, spec in SHEETS_BY_NAME.items():
        assert [c.value for c in new.sheets[name].header] == spec.headers_for(2025), name


@pytest.mark.parametrize("name", AMOUNT_SHEETS)
def test_budget_and_plan_move_one_year(old: RawWorkbook, new: RawWorkbook, name: str) -> None:
    o, n = old.sheets[name], new.sheets[name]
    first = SHEETS_BY_NAME[name].columns[0].header
    assert column(n, first) == column(o, first)
    assert len(n.rows) == len(o.rows) > 0
    assert column(n, "Budget 2024") == column(o, "Budget 2024")
    assert column(n, "Budget 2025") == column(o, "Plan 2025")
    assert column(n, "Plan 2026") == column(o, "Plan 2026")
    for header in ("Bokslut 2023", "Prognos 2024", "Plan 2027"):
        assert all(v is None for v in column(n, header)), header
    assert any(v is not None for v in column(n, "Budget 2025"))


def test_key_figures_move_one_year_and_percentages_keep_their_meaning(
    old: RawWorkbook, new: RawWorkbook, cfg: KommunConfig, rolled_pair: tuple[Path, Path]
) -> None:
    o, n = old.sheets["Nyckeltal"], new.sheets["Nyckeltal"]
    for header in ("Mål", "Nyckeltal", "Enhet"):
        assert column(n, header) == column(o, header)
    assert column(n, "Utfall 2023") == column(o, "Utfall 2023")
    assert all(v is None for v in column(n, "Utfall 2024"))
    # the example's first figure, typed as 77,7 %: 0.777 with a percent format
    assert n.rows[0][3].value == pytest.approx(0.777) and n.rows[0][3].is_percent_format
    valid = check(rolled_pair[1], cfg).valid
    assert valid is not None
    assert str(valid.rows["Nyckeltal"][0]["utfall_2"].value) == "77.7"


@pytest.mark.parametrize("name", TEXT_SHEETS)
def test_texts_are_kept_for_editing(old: RawWorkbook, new: RawWorkbook, name: str) -> None:
    values = [[c.value for c in row] for row in old.sheets[name].rows]
    assert [[c.value for c in row] for row in new.sheets[name].rows] == values


def test_grunddata_moves_to_next_year(old: RawWorkbook, new: RawWorkbook) -> None:
    before, after = grunddata(old), grunddata(new)
    assert after["Budgetår"] == 2025
    for field in ("Kommun", "Nämnd", "Prognosmånad", "Kontaktperson"):
        assert after[field] == before[field]


def test_decision_fields_are_emptied(second: Path, tmp_path: Path, cfg: KommunConfig) -> None:
    source = tmp_path / second.name
    shutil.copy(second, source)
    out = rollover(source, 2027, cfg)
    assert out.name == "kultur-och-fritidsnamnden-2027.xlsx"
    before, after = grunddata(read(source)), grunddata(read(out))
    assert before["Diarienummer"] and before["Beslutsdatum"]
    assert after["Diarienummer"] is None and after["Beslutsdatum"] is None
    assert after["Kontaktperson"] == before["Kontaktperson"]
    # two-decimal amounts still show two decimals
    assert openpyxl.load_workbook(out)["Driftsbudget"]["D2"].number_format == "#,##0.00"


def test_the_new_workbook_is_a_fresh_template(rolled_pair: tuple[Path, Path]) -> None:
    wb = openpyxl.load_workbook(rolled_pair[1])
    assert wb.sheetnames[0] == INSTRUCTIONS_SHEET
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    for sheet, ref in (("Nyckeltal", "A2"), ("Nyckeltal", "C50"), ("Grunduppdrag", "A2"),
                       ("Utvecklingsmål", "D3"), ("Kommentarer", "A2"), ("Hållbarhet", "A9")):  # fmt: skip
        ws = wb[sheet]
        found = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
        assert len(found) == 1 and found[0].type == "list", (sheet, ref)
    assert wb[INSTRUCTIONS_SHEET]["A1"].value.startswith("Indata till nämndplan 2025")
    ws = wb["Driftsbudget"]
    assert ws.protection.sheet and not ws["B2"].protection.locked and ws["B1"].protection.locked


def test_filled_in_rolled_workbook_is_valid(
    rolled_pair: tuple[Path, Path], tmp_path: Path, cfg: KommunConfig
) -> None:
    findings = check(rolled_pair[1], cfg).findings
    assert not findings.errors, [str(f) for f in findings.errors]
    wb = openpyxl.load_workbook(rolled_pair[1])
    for name in AMOUNT_SHEETS:
        ws = wb[name]
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 1).value is None:
                continue
            base = ws.cell(r, 5).value or 0  # Budget 2025
            ws.cell(r, 2, base)  # Bokslut 2023
            ws.cell(r, 3, base)  # Prognos 2024
            ws.cell(r, 7, base)  # Plan 2027
    ifylld = tmp_path / "ifylld-2025.xlsx"
    wb.save(ifylld)
    findings = check(ifylld, cfg).findings
    assert not findings.errors, [str(f) for f in findings.errors]


# --- refusals --------------------------------------------------------------------------------


def test_wrong_year_is_refused_and_nothing_written(example_copy: Path, cfg: KommunConfig) -> None:
    before = sorted(example_copy.parent.iterdir())
    for to_year in (2026, 2024, 2023):
        with pytest.raises(RolloverError, match="nästa års arbetsbok gäller 2025"):
            rollover(example_copy, to_year, cfg)
    assert sorted(example_copy.parent.iterdir()) == before


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"Grunddata!B4": None}, "Budgetår"),
        ({"Grunddata!B4": "tjugotjugofyra"}, "Budgetår"),
        ({"Driftsbudget!C1": "Prognos 2021"}, "Driftsbudget!C1"),
        ({"Volymer!B1": "Utfall"}, "Volymer!B1"),
        ({"Kommentarer": DELETE_SHEET}, "Kommentarer"),
        ({"Grunddata!B2": "Uppsala kommun"}, "Grunddata!B2"),
        ({"Driftsbudget!F2": "=E2*2"}, "Driftsbudget!F2"),  # Plan 2025, copied: no value
    ],
)
def test_unreadable_workbook_is_refused(
    broken: Callable[..., Path], cfg: KommunConfig, changes: dict[str, Any], needle: str
) -> None:
    source = broken(changes)
    before = sorted(source.parent.iterdir())
    with pytest.raises(RolloverError) as info:
        rollover(source, 2025, cfg)
    assert needle in str(info.value)
    assert sorted(source.parent.iterdir()) == before


def test_value_errors_travel_with_the_value_to_be_fixed_there(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    # Budget 2024 "tio" in E5 becomes Budget 2024 in D5 of the new workbook.
    out = rollover(broken({"Driftsbudget!E5": "tio"}), 2025, cfg)
    assert out.name == "trasig-2025.xlsx"
    errors = [str(f) for f in check(out, cfg).findings.errors]
    assert len(errors) == 1 and errors[0].startswith('Driftsbudget!D5: "tio" är inte ett belopp')


def test_a_formula_in_a_dropped_column_does_not_matter(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    out = rollover(broken({"Driftsbudget!B2": "=C2*2"}), 2025, cfg)  # Bokslut 2022
    assert not check(out, cfg).findings.errors


def test_never_overwrites(example_copy: Path, cfg: KommunConfig) -> None:
    original = digest(example_copy)
    with pytest.raises(RolloverError, match="samma fil som originalet"):
        rollover(example_copy, 2025, cfg, out=example_copy)
    target = example_copy.with_name("socialnamnden-2025.xlsx")
    target.write_bytes(b"next year's work in progress")
    with pytest.raises(RolloverError, match="finns redan"):
        rollover(example_copy, 2025, cfg)
    assert target.read_bytes() == b"next year's work in progress"
    assert rollover(example_copy, 2025, cfg, overwrite=True) == target
    assert read(target).sheets["Driftsbudget"].rows
    assert digest(example_copy) == original


def test_output_must_be_xlsx(example_copy: Path, cfg: KommunConfig) -> None:
    with pytest.raises(RolloverError, match=r"\.xlsx"):
        rollover(example_copy, 2025, cfg, out=example_copy.with_name("ny.xls"))


# --- command line ---------------------------------------------------------------------------


def test_rollover_command(example_copy: Path) -> None:
    out = example_copy.with_name("nasta.xlsx")
    result = CliRunner().invoke(rollover_cmd, [str(example_copy), "--to", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Klar: {out}" in result.output and "Plan 2027" in result.output
    assert out.exists()


def test_rollover_command_refuses_in_swedish(example_copy: Path) -> None:
    before = sorted(example_copy.parent.iterdir())
    result = CliRunner().invoke(rollover_cmd, [str(example_copy), "--to", "2026"])
    assert result.exit_code == 1
    assert "Fel:" in result.output and "--to 2025" in result.output
    assert "Traceback" not in result.output
    assert sorted(example_copy.parent.iterdir()) == before


def test_rollover_command_on_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        rollover_cmd, [str(tmp_path / "finns-inte-2024.xlsx"), "--to", "2025"]
    )
    assert result.exit_code == 1 and "finns inte" in result.output
    assert not list(tmp_path.iterdir())


def test_missing_grunddata_is_named(broken: Callable[..., Path], cfg: KommunConfig) -> None:
    with pytest.raises(RolloverError) as info:
        rollover(broken({"Grunddata": DELETE_SHEET}), 2025, cfg)
    assert 'Bladet "Grunddata" saknas' in str(info.value)


# --- in detail: what is refused in which words, what the hidden record holds --------------


FORMULA = (
    "Cellen innehåller en formel vars värde aldrig har räknats ut och sparats. Öppna "
    "arbetsboken i Excel eller LibreOffice och spara den, så sparas värdet."
)


@pytest.mark.parametrize("count", [10, 12])
def test_a_refusal_lists_ten_cells_and_counts_the_rest(
    broken: Callable[..., Path], cfg: KommunConfig, count: int
) -> None:
    # Plan 2025 (F) is copied to Budget 2025: a formula there has no value to copy.
    source = broken({f"Driftsbudget!F{r}": f"=E{r}*2" for r in range(2, 2 + count)})
    with pytest.raises(RolloverError) as info:
        rollover(source, 2025, cfg)
    listed = [f"  Driftsbudget!F{r}: {FORMULA}" for r in range(2, 12)]
    if count > 10:
        listed.append(f"  … och {count - 10} till.")
    assert str(info.value) == (
        "trasig.xlsx kan inte föras över till 2025 förrän de här cellerna är rättade:\n"
        + "\n".join(listed)
    )


def test_refusals_in_the_words_the_controller_reads(
    broken: Callable[..., Path], example_copy: Path, cfg: KommunConfig, tmp_path: Path
) -> None:
    with pytest.raises(RolloverError) as info:
        rollover(example_copy, 2026, cfg)
    assert str(info.value) == (
        "socialnamnden-2024.xlsx gäller budgetår 2024, så nästa års arbetsbok gäller 2025, "
        "inte 2026. Skriv --to 2025."
    )
    with pytest.raises(RolloverError) as info:
        rollover(broken({"Grunddata!B4": "tjugo"}), 2025, cfg)
    assert str(info.value) == (
        "trasig.xlsx: Budgetår saknas eller är inte ett årtal, så det går inte att veta vilket "
        "år arbetsboken gäller. Rätta bladet Grunddata och försök igen:\n"
        '  Grunddata!B4: Budgetår "tjugo" är inte ett årtal. Budgetåret som ett årtal, t.ex. '
        "2024."
    )
    with pytest.raises(RolloverError) as info:
        rollover(broken({"Grunddata!B2": "Uppsala kommun", "Volymer!B1": "Utfall"}), 2025, cfg)
    assert str(info.value) == (
        "trasig.xlsx kan inte föras över till 2025 förrän de här felen är rättade:\n"
        '  Grunddata!B2: Kommunen "Uppsala kommun" stämmer inte med kommunens mallar '
        "(Enköpings kommun). Skriv Enköpings kommun, eller bygg med mallarna för rätt kommun.\n"
        '  Volymer!B1: Rubriken är "Utfall" men ska vara "Bokslut 2022". Kolumnernas namn och '
        "ordning får inte ändras."
    )
    # Value errors do not block (they travel to the new workbook); a missing sheet does.
    assert rollover(broken({"Driftsbudget!E5": "tio", "Grunddata!B5": "Oktembri"},
                           name="fel.xlsx"), 2025, cfg).exists()  # fmt: skip
    with pytest.raises(RolloverError) as info:
        rollover(broken({"Hållbarhet": DELETE_SHEET}), 2025, cfg)
    assert str(info.value).splitlines()[1:] == [
        '  Hållbarhet: Bladet "Hållbarhet" saknas i arbetsboken. Utgå från den tomma mallen i '
        "input_templates/ och kopiera in uppgifterna där."
    ]
    xls = example_copy.with_name("ny.XLS")
    with pytest.raises(RolloverError) as info:
        rollover(example_copy, 2025, cfg, out=xls)
    assert str(info.value) == f"Utfilen {xls} ska vara en Excel-arbetsbok (.xlsx)."
    assert rollover(example_copy, 2025, cfg, out=example_copy.with_name("Ny.XLSX")).exists()
    target = example_copy.with_name("socialnamnden-2025.xlsx")
    target.write_bytes(b"")
    with pytest.raises(RolloverError) as info:
        rollover(example_copy, 2025, cfg)
    assert str(info.value) == (
        f"{target} finns redan och lämnas orörd. Välj ett annat namn med -o, eller ersätt "
        "filen med --skriv-over."
    )


def test_the_source_under_another_name_is_still_the_source(
    example_copy: Path, cfg: KommunConfig
) -> None:
    import os

    original = digest(example_copy)
    for make in (os.link, os.symlink):
        other = example_copy.with_name(f"samma-{make.__name__}.xlsx")
        make(example_copy, other)
        with pytest.raises(RolloverError) as info:
            rollover(example_copy, 2025, cfg, out=other, overwrite=True)
        assert str(info.value) == (
            f"Utfilen {other} är samma fil som originalet; originalet skrivs aldrig över. "
            "Välj ett annat namn med -o."
        )
    assert digest(example_copy) == original


def test_grunddata_names_are_matched_loosely_and_the_first_of_two_is_kept(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    # Row 8 has no explanation in column C (a row of two cells), row 3 neither a value nor
    # an explanation (a row of one cell).
    source = broken({"Grunddata!A8": "  kontaktperson ", "Grunddata!B8": "Eva",
                     "Grunddata!C8": None, "Grunddata!A9": "Kontaktperson",
                     "Grunddata!B9": "Olle", "Grunddata!A10": "Okänt fält", "Grunddata!B10": "x",
                     "Grunddata!B3": None, "Grunddata!C3": None})  # fmt: skip
    after = grunddata(read(rollover(source, 2025, cfg)))
    assert after["Kontaktperson"] == "Eva"
    assert after["Nämnd"] is None  # an empty value is carried as empty
    assert "Okänt fält" not in after and after["Budgetår"] == 2025


def test_the_hidden_record_holds_each_carried_text_once(
    example_copy: Path, cfg: KommunConfig, tmp_path: Path
) -> None:
    from pipeline.spec.contract import CARRIED_SHEET, SHEETS, Kind

    new = rollover(example_copy, 2025, cfg, tmp_path / "ny-2025.xlsx")
    expected = set()  # computed here from the source: every non-empty text cell
    old = openpyxl.load_workbook(example_copy, data_only=True)
    for spec in SHEETS:
        for i, col in enumerate(spec.columns):
            if col.kind is not Kind.TEXT:
                continue
            for (value,) in old[spec.name].iter_rows(min_row=2, min_col=i + 1, max_col=i + 1,
                                                     values_only=True):  # fmt: skip
                if isinstance(value, str) and value.strip():
                    folded = " ".join(value.replace("\r\n", "\n").split())
                    checksum = hashlib.blake2b(folded.encode(), digest_size=12).hexdigest()
                    expected.add((spec.name, col.key, checksum, 2024))
    wb = openpyxl.load_workbook(new)
    ws = wb[CARRIED_SHEET]
    rows = [tuple(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == len(set(rows)) == len(expected) > 20
    assert set(rows) == expected
    assert next(ws.iter_rows(max_row=1, values_only=True)) == ("Blad", "Kolumn", "Kontrollsumma",
                                                              "Från budgetår")  # fmt: skip
    assert ws.sheet_state == "veryHidden" and ws.protection.sheet


def test_a_text_repeated_in_a_column_is_recorded_once(tmp_path: Path, cfg: KommunConfig) -> None:
    from pipeline.spec.contract import CARRIED_SHEET

    from .made import made

    same = [[p, i, "Samma text.", "Nuläge.", "Analys."] for p, i in (
        ("Målgrupp", "Kvalitetssäkra/bevaka"), ("Medarbetare", "Utveckla/målsätta"),
        ("Ekonomi", "Kvalitetssäkra/bevaka"))]  # fmt: skip
    source = made(tmp_path, cfg, rows={"Grunduppdrag": same}, name="plan-2024.xlsx")
    ws = openpyxl.load_workbook(rollover(source, 2025, cfg))[CARRIED_SHEET]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "Grunduppdrag"]
    assert sorted(r[1] for r in rows) == ["analys", "beskrivning", "nulage"]


def test_an_output_path_that_cannot_be_examined_is_not_taken_for_the_source(
    example_copy: Path, cfg: KommunConfig
) -> None:
    # A name longer than the file system allows (ENAMETOOLONG): whatever is said, it is not
    # "the same file as the original".
    too_long = example_copy.with_name("x" * 300 + ".xlsx")
    with pytest.raises((OSError, RolloverError)) as info:
        rollover(example_copy, 2025, cfg, out=too_long)
    assert "samma fil som originalet" not in str(info.value)


def test_an_output_name_the_file_system_refuses_is_one_swedish_sentence(
    example_copy: Path, cfg: KommunConfig
) -> None:
    too_long = example_copy.with_name("x" * 300 + ".xlsx")
    with pytest.raises(RolloverError) as info:
        rollover(example_copy, 2025, cfg, out=too_long)
    assert str(info.value) == (
        f"Utfilen {too_long.name} kan inte skrivas (File name too long). Välj ett annat namn "
        "eller en annan mapp med -o."
    )


def test_an_output_open_in_excel_is_one_swedish_sentence(
    example_copy: Path, cfg: KommunConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.workbooks.rollover as module

    def locked(wb: Any, target: Path) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(module, "_save", locked)
    with pytest.raises(RolloverError) as info:
        rollover(example_copy, 2025, cfg)
    assert str(info.value) == (
        "Utfilen socialnamnden-2025.xlsx kan inte skrivas: den är öppen i Excel eller "
        "skrivskyddad. Stäng den, eller välj ett annat namn med -o."
    )


def test_only_percentages_of_key_figures_keep_their_cell_format(
    broken: Callable[..., Path], cfg: KommunConfig
) -> None:
    # Plan 2025 (F) becomes Budget 2025 (E): a percent or odd format on an amount is not
    # carried, the new workbook's own amount format is used.
    wb = openpyxl.load_workbook(broken({}))
    ws = wb["Driftsbudget"]
    ws["F3"].number_format = "0%"
    ws["F4"].number_format = "0.000"
    ws = wb["Nyckeltal"]
    ws["E2"], ws["E3"] = 0.5, True  # Utfall 2023 -> Utfall 2023 in the new workbook (D)
    ws["E2"].number_format = ws["E3"].number_format = "0%"
    source = broken({}, name="format.xlsx")
    wb.save(source)
    new = openpyxl.load_workbook(rollover(source, 2025, cfg))
    ws = new["Driftsbudget"]
    assert ws["E3"].number_format == ws["E4"].number_format == ws["E5"].number_format
    assert "%" not in ws["E3"].number_format and ws["E3"].number_format != "0.000"
    ws = new["Nyckeltal"]
    assert (ws["D2"].value, ws["D2"].number_format) == (0.5, "0%")
    assert ws["D3"].value is True and "%" not in ws["D3"].number_format
