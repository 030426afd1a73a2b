"""validate.py rule by rule, on small workbooks made from literal rows (tests/made.py):
each finding is compared as the controller reads it, message and hint."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.build import check
from pipeline.check.validate import parse_number_text
from pipeline.common.findings import Findings
from pipeline.spec.config import KommunConfig

from .made import BASE_ROWS, made

EMPTY_SHEET = "Bladet har inga uppgifter"  # the sense warnings about empty chapters


def findings(tmp_path: Path, cfg: KommunConfig, **kw: Any) -> Findings:
    return check(made(tmp_path, cfg, **kw), cfg).findings


def said(found: Findings, level: str = "") -> list[str]:
    """Every finding as printed, without the empty-chapter warnings of the made workbook."""
    return [
        str(f)
        for f in found
        if EMPTY_SHEET not in f.message
        and (not level or f.level.name == level)
        and "är tom på alla rader" not in f.message
    ]


def test_the_made_workbook_is_clean(tmp_path: Path, cfg: KommunConfig) -> None:
    assert said(findings(tmp_path, cfg)) == []


def test_each_missing_perspective_is_an_error(tmp_path: Path, cfg: KommunConfig) -> None:
    found = findings(tmp_path, cfg, rows={"Grunduppdrag": BASE_ROWS["Grunduppdrag"][:1]})
    assert said(found) == [
        "Grunduppdrag: Perspektivet Medarbetare saknas. Lägg till en rad med Perspektiv "
        "Medarbetare.",
        "Grunduppdrag: Perspektivet Ekonomi saknas. Lägg till en rad med Perspektiv Ekonomi.",
    ]
    assert all(f.is_error for f in found if "Perspektivet" in f.message)


def test_each_goal_without_a_text_is_a_warning(tmp_path: Path, cfg: KommunConfig) -> None:
    found = findings(tmp_path, cfg, rows={"Målbild": BASE_ROWS["Målbild"][1:3]})
    assert said(found, "WARNING") == [
        'Målbild: Målet "Tillsammans skapar vi trygghet" har ingen text från nämnden. '
        "Lägg till en rad om nämnden ska beskriva målet.",
        'Målbild: Målet "Stolthet" har ingen text från nämnden. Lägg till en rad om nämnden '
        "ska beskriva målet.",
    ]
    assert said(found, "ERROR") == []


def test_percent_from_0_to_100_is_fine_and_outside_is_an_error(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Nyckeltal": [
            ["Samhörighet", "a", "%", 100, 0],
            ["Samhörighet", "b", "%", 100.05, 55],
            ["Samhörighet", "c", "%", -3, 99.99],
            ["Samhörighet", "d", "antal", 250, 1000],  # not a percentage: any size
        ]
    }
    assert said(findings(tmp_path, cfg, rows=rows)) == [
        "Nyckeltal!D3: 100,05 % ligger utanför 0–100 %. Skriv procentsatsen som t.ex. 77,7.",
        "Nyckeltal!D4: -3 % ligger utanför 0–100 %. Skriv procentsatsen som t.ex. 77,7.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1\u00a0234,5", Decimal("1234.5")),  # a no-break space between the groups
        ("1\u202f234,5", Decimal("1234.5")),  # a narrow no-break space
        ("1 234 567", Decimal("1234567")),
        ("\u22122\u00a0000", Decimal("-2000")),
        ("-52,4", Decimal("-52.4")),
        ("+5", Decimal("5")),
        ("77,7 %", Decimal("77.7")),
        ("  12.5  ", Decimal("12.5")),
        ("0012", Decimal("12")),
        ("1.234,5", None),
        ("12,", None),
        ("1 23", None),
        ("tio", None),
        ("", None),
        ("1e3", None),
        ("5X", None),
    ],
)
def test_numbers_typed_as_text(text: str, expected: Decimal | None) -> None:
    assert parse_number_text(text) == expected


def test_a_number_typed_as_text_is_read_with_a_warning(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {"Driftsbudget": [["A", "1\u00a0023,5", "\u22121 000", None, -1000.0, -1000.0, -1000.0]]}
    found = findings(tmp_path, cfg, rows=rows)
    convert = 'Det har lästs som ett tal. Skriv om talet, eller markera cellerna och välj ' \
        '"Konvertera till tal" i varningsikonen bredvid dem.'  # fmt: skip
    minus = (
        'Det har lästs som ett tal. Excels "Konvertera till tal" klarar inte det långa '
        'minustecknet (−): använd Sök och ersätt (Ctrl+H), ersätt "−" med "-" i kolumnen, '
        "eller skriv om talet."
    )
    assert said(found) == [
        f'Driftsbudget!B2: Talet "1\u00a0023,5" är sparat som text. {convert}',
        f'Driftsbudget!C2: Talet "\u22121 000" är sparat som text. {minus}',
    ]
    groups = [f.group for f in found if "sparat som text" in f.message]
    assert groups == [
        'Tal i kolumnen "Bokslut 2022" är sparade som text',
        'Tal i kolumnen "Prognos 2023" är sparade som text',
    ]


def _rows_of_every_cell_defect() -> dict[str, list[list[Any]]]:
    goals = ("Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet", "Stolthet")
    return {
        "Målbild": [
            [g, t] for g, t in zip(goals, ["Text", True, dt.date(2024, 1, 31), None], strict=True)
        ],  # fmt: skip
        "Nyckeltal": [
            ["Samhörighet", 2.5, "procent", "abc", True],
            ["Samhörighet", 12, "x" * 60, "#N/A", None],
            ["Grunduppdrag", 3.0, "kr", 5, 6],
        ],
        "Hållbarhet": [
            [18, "a"],
            ["Mål 3", "b"],
            ["God hälsa och välbefinnande", "c"],
            [3.5, "d"],
            [True, "e"],
            [None, "f"],
            [0, "g"],
        ],  # fmt: skip
        "Volymer": [
            [None, 1, 2, 3, 4, 5, 6],
            ["Barn", -1, None, None, None, None, None],
            ["Tom", None, None, None, None, None, None],
        ],
        "Driftsbudget": [
            ["A", True, "#N/A", 2000000, -10.0, -10.0, -10.0],
            ["B", -10.0, False, -10.0, -10.0, -10.0, "=B2*2"],
        ],
        "Grunduppdrag": [
            ["Målgrupp", None, "b", "n", "a"],
            ["Medarbetare", "Utveckla/målsätta", "b", "n", "a"],
            ["Ekonomi", "kvalitetssäkra/BEVAKA", "b", "n", "a"],
        ],
        "Utvecklingsmål": [["Mål", None, "S", True, False], ["Mål", "B", "S", "ja", "Kanske"]],
    }


MNKR = (
    "Belopp i Mnkr med en decimal, kostnader negativa, t.ex. -52,4. Lämna tomt om uppgift saknas."
)
UTFALL = "Utfallet som tal; procent som 77,7 eller 77,7 %. Tomt om uppgift saknas."
ENHET = "Välj ett av: %, antal, dagar, kr, index."


def test_every_kind_of_cell_defect_in_the_words_the_controller_reads(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def control_character(wb: Any) -> None:
        wb["Målbild"]["B2"] = "Text_x0007_ med klocka"  # Excel's escape of a BEL character

    result = check(made(tmp_path, cfg, rows=_rows_of_every_cell_defect(), edit=control_character),
                   cfg)  # fmt: skip
    assert said(result.findings) == [
        "Målbild!B2: Texten innehöll osynliga styrtecken som inte kan stå i ett Word-dokument; "
        "de har tagits bort. Kontrollera texten i cellen.",
        "Målbild!B5: Text måste fyllas i. Skriv texten i cellen, eller ta bort raden om den inte "
        "ska vara med i planen.",
        f'Nyckeltal!C2: "procent" är inte ett tillåtet värde för Enhet. {ENHET}',
        f'Nyckeltal!E2: "SANT" är inte ett tal. {UTFALL}',
        f'Nyckeltal!D2: "abc" är inte ett tal. {UTFALL}',
        f'Nyckeltal!C3: "{"x" * 28}… (60 tecken)" är inte ett tillåtet värde för Enhet. {ENHET}',
        "Nyckeltal!D3: Formeln i cellen ger felet #N/A. Rätta formeln så att den ger ett tal, "
        "eller skriv talet direkt.",
        "Grunduppdrag!B2: Inriktning måste fyllas i. Välj ett av: Kvalitetssäkra/bevaka, "
        "Utveckla/målsätta; eller ta bort raden om den inte ska vara med.",
        'Utvecklingsmål!E3: "Kanske" är inte ett tillåtet värde för Agenda 2030-mål. Välj ett '
        "av: Ja, Nej.",
        "Volymer!A2: Volym måste fyllas i. Volymens namn. Ta bort raden om den inte ska vara med.",
        "Volymer!B3: -1 är för litet eller för stort för Bokslut 2022. Antal som heltal, t.ex. "
        "2660. Lämna tomt om uppgift saknas.",
        f"Driftsbudget!D2: Talet 2000000 är orimligt stort för Budget 2023. {MNKR}",
        f'Driftsbudget!B2: "SANT" är inte ett belopp. {MNKR}',
        "Driftsbudget!C2: Formeln i cellen ger felet #N/A. Rätta formeln så att den ger ett tal, "
        "eller skriv talet direkt.",
        "Driftsbudget!G3: Cellen innehåller en formel vars värde aldrig har räknats ut och "
        "sparats. Öppna arbetsboken i Excel eller LibreOffice och spara den, så sparas formelns "
        "värde.",
        f'Driftsbudget!C3: "FALSKT" är inte ett belopp. {MNKR}',
        "Hållbarhet!A2: 18 är inget Agenda 2030-mål. Skriv målets nummer, 1–17.",
        'Hållbarhet!A5: "3,5" är inte ett målnummer. Målets nummer 1–17, t.ex. 3.',
        'Hållbarhet!A6: "SANT" är inte ett målnummer. Målets nummer 1–17, t.ex. 3.',
        "Hållbarhet!A7: Agenda 2030-mål måste fyllas i. Skriv Agenda 2030-målets nummer, 1–17, "
        "eller ta bort raden.",
        "Hållbarhet!A8: 0 är inget Agenda 2030-mål. Skriv målets nummer, 1–17.",
        'Hållbarhet!A4: Agenda 2030-mål "3" förekommer två gånger: Hållbarhet!A3 och '
        "Hållbarhet!A4. Samla texten på en rad och ta bort den andra.",
        'Volymer!A3: Raden "Barn" har inga belopp. Fyll i beloppen eller ta bort raden.',
        'Volymer!A4: Raden "Tom" har inga belopp. Fyll i beloppen eller ta bort raden.',
    ]
    levels = {str(f).split(":")[0]: f.level.name for f in result.findings}
    assert levels["Målbild!B2"] == "WARNING" and levels["Volymer!A3"] == "WARNING"
    assert levels["Driftsbudget!D2"] == "ERROR" and levels["Hållbarhet!A4"] == "ERROR"
    # What the cells were typed as, where they were valid.
    rows = result.valid.rows
    assert [r["text"].value for r in rows["Målbild"]] == [
        "Text med klocka", "Ja", "2024-01-31", None,
    ]  # fmt: skip
    assert [r["namn"].value for r in rows["Nyckeltal"]] == ["2,5", "12", "3"]
    assert [r["mal"].value for r in rows["Hållbarhet"]] == [None, 3, 3, None, None, None, None]
    assert [r["inriktning"].value for r in rows["Grunduppdrag"]] == [
        None, "Utveckla/målsätta", "Kvalitetssäkra/bevaka",
    ]  # fmt: skip
    assert [(r["kf"].value, r["agenda"].value) for r in rows["Utvecklingsmål"]] == [
        ("Ja", "Nej"), ("Ja", None),
    ]  # fmt: skip


def test_grunddata_fields_in_the_words_the_controller_reads(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def fields(wb: Any) -> None:
        ws = wb["Grunddata"]
        ws["A9"], ws["B9"] = "Ordförande", "x"
        ws["B10"] = "värde utan namn"
        ws["A11"], ws["B11"] = "  nämnd ", "Dubbel"
        ws["A12"], ws["B12"] = "Sekreterare", "y"  # a row after the duplicate is still read
        ws["A5"] = "Prognos månad"  # Prognosmånad misspelt: the field is missing
        ws["B7"] = "igår"  # Beslutsdatum
        ws["B2"] = "Uppsala kommun"

    assert said(findings(tmp_path, cfg, edit=fields)) == [
        'Grunddata!A5: Fältet "Prognos månad" är okänt och används inte. Kontrollera '
        "stavningen mot mallen.",
        'Grunddata!A9: Fältet "Ordförande" är okänt och används inte. Kontrollera stavningen '
        "mot mallen.",
        "Grunddata!A10: Fältnamnet saknas för värdet i B10. Skriv fältets namn i kolumn A.",
        "Grunddata!A11: Fältet Nämnd finns två gånger (Grunddata!A3 och Grunddata!A11). Ta bort "
        "den ena raden.",
        'Grunddata!A12: Fältet "Sekreterare" är okänt och används inte. Kontrollera stavningen '
        "mot mallen.",
        "Grunddata: Fältet Prognosmånad saknas i kolumn Fält. Lägg till en rad med Prognosmånad. "
        "Månaden för prognoskolumnen, t.ex. Oktober.",
        'Grunddata!B7: "igår" är inte ett datum. Datum då nämnden antog planen, t.ex. 2023-11-21.',
        'Grunddata!B2: Kommunen "Uppsala kommun" stämmer inte med kommunens mallar (Enköpings '
        "kommun). Skriv Enköpings kommun, eller bygg med mallarna för rätt kommun.",
    ]

    def values(wb: Any) -> None:
        ws = wb["Grunddata"]
        ws["B4"], ws["B5"], ws["B6"], ws["B7"] = "tjugo", "Oktembri", "=A1", "igår"

    assert said(findings(tmp_path, cfg, edit=values)) == [
        'Grunddata!B4: Budgetår "tjugo" är inte ett årtal. Budgetåret som ett årtal, t.ex. 2024.',
        'Grunddata!B5: "Oktembri" är inte en månad. Skriv månadens namn, t.ex. Oktober.',
        "Grunddata!B6: Cellen innehåller en formel vars värde aldrig har räknats ut och sparats. "
        "Öppna arbetsboken i Excel eller LibreOffice och spara den, så sparas formelns värde.",
        'Grunddata!B7: "igår" är inte ett datum. Datum då nämnden antog planen, t.ex. 2023-11-21.',
    ]

    def typed(wb: Any) -> None:
        ws = wb["Grunddata"]
        ws["B3"], ws["B4"], ws["B5"], ws["B7"] = None, " 2024 ", "oktober", "2023-11-21"

    result = check(made(tmp_path, cfg, edit=typed), cfg)
    assert said(result.findings) == [
        "Grunddata!B3: Nämnd måste fyllas i. Nämndens namn, t.ex. Socialnämnden."
    ]
    g = result.valid.grunddata
    assert (result.valid.year, g["Prognosmånad"].value) == (2024, "Oktober")
    assert g["Beslutsdatum"].value == dt.date(2023, 11, 21)


@pytest.mark.parametrize(
    ("value", "year"),
    [(2024, 2024), (2024.0, 2024), (" 2031 ", 2031), ("2024,5", None), (2024.5, None),
     (True, None), ("tjugo", None), (1899, None), (3001, None), (1990, 1990), (1989, None),
     (2200, 2200), (2201, None)],
)  # fmt: skip
def test_budgetar_must_be_a_year(tmp_path: Path, cfg: KommunConfig, value: Any, year: Any) -> None:
    from pipeline.check.validate import _parse_year

    assert _parse_year(value) == year


def test_headers_and_sheets_in_the_words_the_controller_reads(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def headers(wb: Any) -> None:
        ws = wb["Driftsbudget"]
        ws["B1"], ws["C1"], ws["E1"], ws["H1"], ws["J1"], ws["H3"], ws["L4"] = (
            "Utfall",
            None,
            "Budget 2025",
            "Min  anteckning",
            "Mer",
            "under rubriken",
            "vilse",
        )  # fmt: skip (I1 is left empty)
        wb["Volymer"]["B1"] = "Bokslut 2021"
        wb["Volymer"]["K3"] = 5
        wb["Volymer"]["H1"] = "Not"
        wb["Volymer"]["H3"] = "under sin rubrik"  # warned about by its header, not itself
        wb["Investeringsbudget"].title = "Investeringsbudgeten"
        wb["Kommentarer"].title = "kommentarer "

    last = (
        "Flytta uppgiften till rätt kolumn (bladets sista kolumn är Plan 2026), eller ta bort den."
    )
    assert said(findings(tmp_path, cfg, edit=headers)) == [
        'Investeringsbudget: Bladet "Investeringsbudget" saknas; det finns ett blad som heter '
        '"Investeringsbudgeten". Byt namn på bladet till "Investeringsbudget".',
        'Kommentarer: Bladet "Kommentarer" saknas; det finns ett blad som heter "kommentarer ". '
        'Byt namn på bladet till "Kommentarer".',
        'Volymer!H1: Kolumnen "Not" ingår inte i arbetsbokens mall och kommer inte med i planen. '
        "Flytta uppgifterna till rätt kolumn, eller ta bort kolumnen om den bara är en "
        "anteckning.",
        "Volymer!A3: Volym måste fyllas i. Volymens namn. Ta bort raden om den inte ska vara med.",
        "Volymer!K3: Cellen ligger utanför arbetsbokens kolumner och kommer inte med i planen. "
        + last,
        'Driftsbudget!B1: Rubriken är "Utfall" men ska vara "Bokslut 2022". Kolumnernas namn och '
        "ordning får inte ändras.",
        'Driftsbudget!C1: Rubriken "Prognos 2023" saknas. Skriv "Prognos 2023" i cellen; '
        "kolumnernas ordning får inte ändras.",
        'Driftsbudget!H1: Kolumnen "Min anteckning" ingår inte i arbetsbokens mall och kommer '
        "inte med i planen. Flytta uppgifterna till rätt kolumn, eller ta bort kolumnen om den "
        "bara är en anteckning.",
        'Driftsbudget!J1: Kolumnen "Mer" ingår inte i arbetsbokens mall och kommer inte med i '
        "planen. Flytta uppgifterna till rätt kolumn, eller ta bort kolumnen om den bara är en "
        "anteckning.",
        "Driftsbudget!L4: Cellen ligger utanför arbetsbokens kolumner och kommer inte med i "
        "planen. " + last,
        'Volymer!B1: Rubriken "Bokslut 2021" har fel år: den ska vara "Bokslut 2022" eftersom '
        "Budgetår är 2024. Rätta året i rubriken, eller Budgetår i Grunddata.",
        'Driftsbudget!E1: Rubriken "Budget 2025" har fel år: den ska vara "Budget 2024" eftersom '
        "Budgetår är 2024. Rätta året i rubriken, eller Budgetår i Grunddata.",
    ]

    def next_year(wb: Any) -> None:
        from pipeline.spec.contract import SHEETS

        for spec in SHEETS:
            for i, col in enumerate(spec.columns):
                if col.year_offset is not None:
                    wb[spec.name].cell(1, i + 1, col.header_for(2025))

    assert said(findings(tmp_path, cfg, edit=next_year)) == [
        "Grunddata!B4: Budgetår är 2024, men rubrikerna på bladen är skrivna för budgetår 2025 "
        '(20 rubriker, t.ex. "Utfall 2023" i Nyckeltal!D1 där det ska stå "Utfall 2022"). '
        "Gäller arbetsboken 2025: skriv 2025 i Budgetår. Gäller den 2024: hämta en ny mall med "
        "namndplan template --year 2024 och flytta över uppgifterna, eller rätta årtalen i "
        "rubrikerna."
    ]

    def no_year(wb: Any) -> None:
        wb["Grunddata"]["B4"] = "x"
        ws = wb["Driftsbudget"]
        ws["B1"], ws["C1"], ws["D1"] = "Bokslut", "Prognos 20x", None

    assert said(findings(tmp_path, cfg, edit=no_year)) == [
        'Grunddata!B4: Budgetår "x" är inte ett årtal. Budgetåret som ett årtal, t.ex. 2024.',
        'Driftsbudget!B1: Rubriken ska vara "Bokslut <år>" men är "Bokslut".',
        'Driftsbudget!C1: Rubriken ska vara "Prognos <år>" men är "Prognos 20x".',
        'Driftsbudget!D1: Rubriken "Budget <år>" saknas.',
    ]


def test_values_quoted_in_messages() -> None:
    from pipeline.check.validate import _shown

    assert _shown(Decimal("Infinity")) == "oändligt"
    assert _shown(Decimal("-Infinity")) == "oändligt"
    assert _shown(Decimal("-52.40")) == "-52,40"
    assert _shown(True) == "SANT" and _shown(False) == "FALSKT"
    assert _shown("x" * 40) == "x" * 40  # at most 40 characters as they are
    assert _shown("x" * 41) == "x" * 28 + "… (41 tecken)"
    assert _shown(12) == "12"


def test_a_missing_sheet_is_matched_only_to_a_close_name(tmp_path: Path, cfg: KommunConfig) -> None:
    def rename(title: str) -> Any:
        def edit(wb: Any) -> None:
            wb["Volymer"].title = title

        return edit

    close = said(findings(tmp_path, cfg, edit=rename("Volym")), "ERROR")
    assert close == [
        'Volymer: Bladet "Volymer" saknas; det finns ett blad som heter "Volym". Byt namn på '
        'bladet till "Volymer".'
    ]
    far = said(findings(tmp_path, cfg, edit=rename("Vol")), "ERROR")  # similarity 0,6
    assert far == [
        'Volymer: Bladet "Volymer" saknas i arbetsboken. Utgå från den tomma mallen i '
        "input_templates/ och kopiera in uppgifterna där."
    ]


SJOBACKA = Path(__file__).resolve().parent.parent / "kommuner" / "sjobacka"
TKR = "Belopp i tkr i hela tal, kostnader negativa, t.ex. -52400. Lämna tomt om uppgift saknas."


def test_a_kommun_in_tkr_gets_its_own_limit_and_help(tmp_path: Path) -> None:
    import openpyxl

    from pipeline.spec.config import load_config

    cfg = load_config(SJOBACKA / "mallar")
    wb = openpyxl.load_workbook(SJOBACKA / "indata" / "barn-och-utbildningsnamnden-2026.xlsx")
    ws = wb["Driftsbudget"]
    ws["E2"], ws["F2"], ws["G2"] = 2000000, 2e9, "tio"  # 2 000 000 tkr is 2 000 Mnkr: fine
    ws["A3"] = None
    path = tmp_path / "tkr.xlsx"
    wb.save(path)
    assert said(check(path, cfg).findings) == [
        f"Driftsbudget!F2: Talet 2000000000 är orimligt stort för Plan 2027. {TKR}",
        f'Driftsbudget!G2: "tio" är inte ett belopp. {TKR}',
        "Driftsbudget!A3: Verksamhet måste fyllas i. Verksamhetens namn. Ta bort raden om den "
        "inte ska vara med.",
    ]


def test_without_a_budget_year_headers_have_no_year(tmp_path: Path, cfg: KommunConfig) -> None:
    def edit(wb: Any) -> None:
        wb["Grunddata"]["B4"] = "x"
        wb["Driftsbudget"]["E2"] = 2000000
        wb["Driftsbudget"]["F2"] = "1 000"

    found = findings(tmp_path, cfg, edit=edit)
    assert said(found)[1:] == [
        f"Driftsbudget!E2: Talet 2000000 är orimligt stort för Budget. {MNKR}",
        'Driftsbudget!F2: Talet "1 000" är sparat som text. Det har lästs som ett tal. Skriv om '
        'talet, eller markera cellerna och välj "Konvertera till tal" i varningsikonen bredvid '
        "dem.",
    ]
    assert [f.group for f in found if f.group] == ['Tal i kolumnen "Plan" är sparade som text']


def test_a_percent_cell_holding_a_percentage_is_explained(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def edit(wb: Any) -> None:
        ws = wb["Nyckeltal"]
        ws["A2"], ws["B2"], ws["C2"], ws["D2"], ws["E2"] = "Samhörighet", "Andel", "%", 10, 0.5
        ws["D2"].number_format = ws["E2"].number_format = "0%"

    found = findings(tmp_path, cfg, edit=edit)
    # 10 in a percent cell is 1 000 %: it was meant as 10 %.
    assert said(found) == [
        "Nyckeltal!D2: Cellen är formaterad som procent och innehåller talet 10, som Excel visar "
        'som 1\u00a0000 %. Menar du 10 %? Skriv "10 %" i cellen, eller ändra cellens format till '
        "Allmänt och skriv 10."
    ]


def test_plain_numbers_in_text_cells() -> None:
    from pipeline.check.validate import _plain_number

    assert _plain_number(3.0) == "3"
    assert _plain_number(-2.5) == "-2,5"
    assert _plain_number(12) == "12"
    assert _plain_number(1e-7) == "1e-07"


@pytest.mark.parametrize(
    ("text", "number"),
    [("Hållbar energi för alla", 7), ("Bekämpa klimatförändringar", 13),
     ("anständiga arbetsvillkor och ekonomisk tillväxt", 8), ("Mål 16", 16), ("mål12", 12),
     ("3 God hälsa", 3), ("Energi", None)],
)  # fmt: skip
def test_agenda_goals_by_number_or_name(text: str, number: int | None) -> None:
    from pipeline.check.validate import _SheetChecker
    from pipeline.common.findings import Findings as F
    from pipeline.read.workbook import CellValue

    value = _SheetChecker(F()).agenda(CellValue("Hållbarhet", "A2", text))
    assert value == (text if number is None else number)


def test_the_last_header_missing_and_sheet_findings_without_a_cell(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def edit(wb: Any) -> None:
        wb["Volymer"]["G1"] = None
        del wb["Hållbarhet"]

    found = findings(tmp_path, cfg, edit=edit)
    assert said(found, "ERROR") == [
        'Hållbarhet: Bladet "Hållbarhet" saknas i arbetsboken. Utgå från den tomma mallen i '
        "input_templates/ och kopiera in uppgifterna där.",
        'Volymer!G1: Rubriken "Plan 2026" saknas. Skriv "Plan 2026" i cellen; kolumnernas '
        "ordning får inte ändras.",
    ]
    assert [(f.sheet, f.cell) for f in found if "saknas i arbetsboken" in f.message] == [
        ("Hållbarhet", "")
    ]
    near = findings(tmp_path, cfg, edit=lambda wb: setattr(wb["Volymer"], "title", "Volym"))
    assert [(f.sheet, f.cell) for f in near if "saknas" in f.message] == [("Volymer", "")]


def test_grunddata_rows_of_one_cell_headers_and_control_characters(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def edit(wb: Any) -> None:
        ws = wb["Grunddata"]
        ws["A1"] = "Namn"
        ws["B3"] = ws["C3"] = None  # Nämnd: a row of one cell
        ws["C8"] = None  # Kontaktperson, empty and optional: one cell too
        ws["B2"] = "Enköpings_x0007_ kommun"

    assert said(findings(tmp_path, cfg, edit=edit)) == [
        'Grunddata!A1: Rubriken är "Namn" men ska vara "Fält". Kolumnernas namn och ordning '
        "får inte ändras.",
        "Grunddata!B2: Texten innehöll osynliga styrtecken som inte kan stå i ett Word-dokument; "
        "de har tagits bort. Kontrollera texten i cellen.",
        "Grunddata!B3: Nämnd måste fyllas i. Nämndens namn, t.ex. Socialnämnden.",
    ]


def test_two_headers_written_for_the_same_other_year_are_one_finding(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def edit(wb: Any) -> None:
        wb["Volymer"]["B1"] = "Bokslut 2023"
        wb["Driftsbudget"]["E1"] = "Budget 2025"

    assert said(findings(tmp_path, cfg, edit=edit)) == [
        "Grunddata!B4: Budgetår är 2024, men rubrikerna på bladen är skrivna för budgetår 2025 "
        '(2 rubriker, t.ex. "Bokslut 2023" i Volymer!B1 där det ska stå "Bokslut 2022"). '
        "Gäller arbetsboken 2025: skriv 2025 i Budgetår. Gäller den 2024: hämta en ny mall med "
        "namndplan template --year 2024 och flytta över uppgifterna, eller rätta årtalen i "
        "rubrikerna."
    ]


def test_how_cells_are_typed_by_their_column() -> None:
    from pipeline.check.validate import _SheetChecker
    from pipeline.common.findings import Findings as F
    from pipeline.read.workbook import CellValue
    from pipeline.spec.contract import SHEETS_BY_NAME

    checker = _SheetChecker(F(), 2024)
    cell = lambda v, fmt="General": CellValue("Blad", "B2", v, fmt)  # noqa: E731
    assert checker.text(cell(True), label=False) == "Ja"
    assert checker.text(cell(False), label=False) == "Nej"
    assert checker.text(cell(dt.datetime(2024, 1, 31, 10, 30)), label=False) == "2024-01-31"
    assert checker.text(cell("  två  ord \n"), label=False) == "två  ord"
    assert checker.text(cell("  två  ord \n"), label=True) == "två ord"
    assert checker.text(cell("   "), label=False) is None
    enhet = ("%", "antal")
    assert checker.choice(cell(True), enhet) == "SANT"
    assert checker.choice(cell(False), ("Ja", "Nej")) == "Nej"
    assert checker.choice(cell(" ANTAL "), enhet) == "antal"
    figure = SHEETS_BY_NAME["Nyckeltal"].column("utfall_1")
    assert checker.number(cell(0.777, "0.0%"), figure) == Decimal("77.7")
    assert checker.number(cell(0.777), figure) == Decimal("0.777")
    assert checker.number(cell(2000000), figure) == Decimal(2000000)  # no money limit
    assert checker.number(cell(dt.date(2024, 1, 31)), figure) == "2024-01-31"
    assert checker.number(cell(" #N/A "), figure) == "#N/A"


def test_amounts_up_to_the_limit_and_large_numbers_typed_as_text(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {"Driftsbudget": [["A", 999999.9, 1000000, "2 000 000", -10.0, -10.0, -10.0]],
            "Nyckeltal": [["Samhörighet", "Besök", "antal", 2000000, None]]}  # fmt: skip
    assert said(findings(tmp_path, cfg, rows=rows)) == [
        f"Driftsbudget!C2: Talet 1000000 är orimligt stort för Prognos 2023. {MNKR}",
        'Driftsbudget!D2: Talet "2 000 000" är sparat som text. Det har lästs som ett tal. '
        'Skriv om talet, eller markera cellerna och välj "Konvertera till tal" i varningsikonen '
        "bredvid dem.",
        f"Driftsbudget!D2: Talet 2000000 är orimligt stort för Budget 2023. {MNKR}",
        # Just under the limit it is a number, and sense says what it probably is.
        "Driftsbudget!B2: Beloppet 999\u00a0999,9 (Bokslut 2022) är större än 50\u00a0000 Mnkr. "
        "Det ser ut att vara skrivet i tkr; i Mnkr blir det 1\u00a0000,0. Belopp skrivs i Mnkr "
        "(miljoner kronor) med en decimal. Är beloppet rätt kan varningen lämnas.",
    ]


def test_without_a_budgetar_row_there_is_no_year(tmp_path: Path, cfg: KommunConfig) -> None:
    def edit(wb: Any) -> None:
        wb["Grunddata"].delete_rows(4)  # the Budgetår row

    result = check(made(tmp_path, cfg, edit=edit), cfg)
    assert result.valid is not None and result.valid.year is None
    missing = [f for f in result.findings if "saknas i kolumn Fält" in f.message]
    assert [(f.sheet, f.cell, f.message) for f in missing] == [
        ("Grunddata", "", "Fältet Budgetår saknas i kolumn Fält.")
    ]


def test_a_cell_the_reader_refused_is_said_once(tmp_path: Path, cfg: KommunConfig) -> None:
    import re
    import zipfile

    from pipeline.read.xlsx import XlsxBook

    source = made(tmp_path, cfg, name="källa.xlsx")
    with zipfile.ZipFile(source) as zf:
        part = XlsxBook(zf).sheets["Målbild"]
        parts = {n: zf.read(n) for n in zf.namelist()}
    long_cell = f'<c r="B3" t="inlineStr"><is><t>{"x" * 32768}</t></is></c>'  # Excel's limit + 1
    xml, n = re.subn(r'<c r="B3"[^>]*>.*?</c>', long_cell, parts[part].decode(), count=1)
    assert n == 1
    parts[part] = xml.encode()
    path = tmp_path / "lång.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    result = check(path, cfg)
    at_b3 = [str(f) for f in result.findings if f.location == "Målbild!B3"]
    assert len(at_b3) == 1 and "32\u00a0768 tecken" in at_b3[0], at_b3
    assert said(result.findings, "ERROR") == at_b3
    rows = result.valid.rows["Målbild"]
    assert [r["text"].value for r in rows] == [
        "Nämndens text om Tillsammans skapar vi trygghet.", None,
        "Nämndens text om Självständighet.", "Nämndens text om Stolthet.",
    ]  # fmt: skip


def test_names_and_grunddata_texts_are_folded_to_single_spaces(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def edit(wb: Any) -> None:
        wb["Grunddata"]["B3"] = " Prov   nämnden \n"
        wb["Driftsbudget"]["A2"] = "Verksamhet \n  A"
        wb["Målbild"]["B2"] = "Första  stycket.\nAndra."

    valid = check(made(tmp_path, cfg, edit=edit), cfg).valid
    assert valid.grunddata["Nämnd"].value == "Prov nämnden"
    assert valid.rows["Driftsbudget"][0]["namn"].value == "Verksamhet A"
    assert valid.rows["Målbild"][0]["text"].value == "Första  stycket.\nAndra."  # a text stays
