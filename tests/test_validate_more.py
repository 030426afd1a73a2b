"""More validation word for word (issue 12): percent cells at the edges, formulas without
values, cells beyond the columns, rows without amounts, sheets left empty or missing, and the
findings as the controller reads them (``condensed``, sorted). Small workbooks made from
literal rows (tests/made.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.build import check
from pipeline.spec.config import KommunConfig

from .made import made

NOISE = ("Bladet har inga uppgifter", "tom på alla rader")


def said(path: Path, cfg: KommunConfig) -> list[str]:
    """The findings as printed for the controller, without the made workbook's empty parts."""
    return [str(f) for f in check(path, cfg).findings.condensed()
            if not any(n in f.message for n in NOISE)]  # fmt: skip


def test_percent_cells_at_the_edges_and_units_that_are_no_percent(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def percent_format(wb: Any) -> None:
        ws = wb["Nyckeltal"]
        for ref in ("D3", "E3", "D4"):
            ws[ref].number_format = "0%"

    rows = {
        "Nyckeltal": [
            ["Samhörighet", "Ärenden", "Antal", 500, 600],  # no percentage: any size
            ["Samhörighet", "Andel", "%", 100, 100.5],  # in percent cells: 10 000 %, 10 050 %
            ["Samhörighet", "Andel 2", "%", 150, 5],
        ]
    }
    assert said(made(tmp_path, cfg, rows=rows, edit=percent_format), cfg) == [
        "Nyckeltal!D3: Cellen är formaterad som procent och innehåller talet 100, som Excel "
        'visar som 10\u00a0000 %. Menar du 100 %? Skriv "100 %" i cellen, eller ändra cellens '
        "format till Allmänt och skriv 100.",
        "Nyckeltal!E3: 10050 % ligger utanför 0–100 %. Skriv procentsatsen som t.ex. 77,7.",
        "Nyckeltal!D4: 15000 % ligger utanför 0–100 %. Skriv procentsatsen som t.ex. 77,7.",
    ]


def test_a_formula_without_a_value_leaves_the_rest_of_its_row_checked(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def formula(wb: Any) -> None:
        ws = wb["Driftsbudget"]
        ws["B2"] = "=1+1"  # openpyxl saves a formula without its value
        ws["E2"] = "mycket"  # text in a figure column, after it on the row

    rows = {"Driftsbudget": [["Verksamhet A", 1.0, -10.0, -10.0, -10.0, -10.0, -10.0]]}
    found = said(made(tmp_path, cfg, rows=rows, edit=formula), cfg)
    assert found[0] == (
        "Driftsbudget!B2: Cellen innehåller en formel vars värde aldrig har räknats ut och "
        "sparats. Öppna arbetsboken i Excel eller LibreOffice och spara den, så sparas "
        "formelns värde."
    )
    assert found[1].startswith('Driftsbudget!E2: "mycket" ')


def test_a_cell_beyond_the_columns_after_a_headed_extra_column(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def extra(wb: Any) -> None:
        ws = wb["Driftsbudget"]
        ws["H1"] = "Kommentar"  # a column of notes: warned by its header, not cell by cell
        ws["H2"] = "en anteckning"
        ws["I2"] = "lös"  # no header: warned itself

    found = said(made(tmp_path, cfg, edit=extra), cfg)
    assert found == [
        'Driftsbudget!H1: Kolumnen "Kommentar" ingår inte i arbetsbokens mall och kommer inte '
        "med i planen. Flytta uppgifterna till rätt kolumn, eller ta bort kolumnen om den bara "
        "är en anteckning.",
        "Driftsbudget!I2: Cellen ligger utanför arbetsbokens kolumner och kommer inte med i "
        "planen. Flytta uppgiften till rätt kolumn (bladets sista kolumn är Plan 2026), eller "
        "ta bort den.",
    ]


def test_without_a_budget_year_a_stray_cell_names_the_last_column_without_a_year(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def edit(wb: Any) -> None:
        for row in wb["Grunddata"].iter_rows():
            if row[0].value == "Budgetår":
                row[1].value = None
        wb["Kommentarer"]["D2"] = "lös"
        wb["Driftsbudget"]["H2"] = "lös"

    rows = {"Kommentarer": [["Driftsbudget", "Rubrik", "Text."]]}
    assert said(made(tmp_path, cfg, rows=rows, edit=edit), cfg) == [
        "Grunddata!B4: Budgetår måste fyllas i. Budgetåret som ett årtal, t.ex. 2024.",
        "Driftsbudget!H2: Cellen ligger utanför arbetsbokens kolumner och kommer inte med i "
        "planen. Flytta uppgiften till rätt kolumn (bladets sista kolumn är Plan), eller ta "
        "bort den.",
        "Kommentarer!D2: Cellen ligger utanför arbetsbokens kolumner och kommer inte med i "
        "planen. Flytta uppgiften till rätt kolumn (bladets sista kolumn är Text), eller ta "
        "bort den.",
    ]


def test_rows_without_amounts_on_every_amount_sheet_and_agenda_goal_one(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    empty = [None] * 6
    rows = {
        "Volymer": [["Barn", *empty]],
        "Driftsbudget": [*[r for r in made_rows()], ["Ny verksamhet", *empty]],
        "Investeringsbudget": [["Ny skola", *empty]],
        "Hållbarhet": [[1, "Ingen fattigdom: nämndens arbete."]],  # goal 1 is a goal
    }
    # Sorted by sheet name, as printed.
    assert said(made(tmp_path, cfg, rows=rows), cfg) == [
        'Driftsbudget!A5: Raden "Ny verksamhet" har inga belopp. Fyll i beloppen eller ta bort '
        "raden.",
        'Investeringsbudget!A2: Raden "Ny skola" har inga belopp. Fyll i beloppen eller ta '
        "bort raden.",
        'Volymer!A2: Raden "Barn" har inga belopp. Fyll i beloppen eller ta bort raden.',
    ]


def made_rows() -> list[list[Any]]:
    from .made import BASE_ROWS

    return [list(r) for r in BASE_ROWS["Driftsbudget"]]


def test_an_empty_required_sheet_and_missing_perspectives_as_the_controller_reads_them(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    # Printed sorted, errors first: the sheet-wide findings name no cell.
    rows = {
        "Driftsbudget": [],
        "Grunduppdrag": [["Målgrupp", "Kvalitetssäkra/bevaka", "B.", "N.", "A."]],
        "Målbild": [["Samhörighet", "Text."]],
    }
    assert said(made(tmp_path, cfg, rows=rows), cfg) == [
        "Driftsbudget!A2: Bladet har inga ifyllda rader. Driftsbudget per verksamhet i Mnkr. "
        "Förändringskolumnen och Totalt räknas ut av verktyget.",
        "Grunduppdrag: Perspektivet Ekonomi saknas. Lägg till en rad med Perspektiv Ekonomi.",
        "Grunduppdrag: Perspektivet Medarbetare saknas. Lägg till en rad med Perspektiv "
        "Medarbetare.",
        'Målbild: Målet "Självständighet" har ingen text från nämnden. Lägg till en rad om '
        "nämnden ska beskriva målet.",
        'Målbild: Målet "Stolthet" har ingen text från nämnden. Lägg till en rad om nämnden '
        "ska beskriva målet.",
        'Målbild: Målet "Tillsammans skapar vi trygghet" har ingen text från nämnden. Lägg '
        "till en rad om nämnden ska beskriva målet.",
    ]


def test_a_missing_key_figure_sheet_leaves_the_others_checked(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    def drop(wb: Any) -> None:
        del wb["Nyckeltal"]

    rows = {"Investeringsbudget": [["Ny skola", *[None] * 6]]}
    assert said(made(tmp_path, cfg, rows=rows, edit=drop), cfg) == [
        'Nyckeltal: Bladet "Nyckeltal" saknas i arbetsboken. Utgå från den tomma mallen i '
        "input_templates/ och kopiera in uppgifterna där.",
        'Investeringsbudget!A2: Raden "Ny skola" har inga belopp. Fyll i beloppen eller ta '
        "bort raden.",
    ]


def test_true_in_a_figure_column_is_no_number(tmp_path: Path, cfg: KommunConfig) -> None:
    # TRUE from a formula (Excel's SANT) is a bool, and bool is an int in Python: it must
    # still go to the type check, not pass as a number already typed.
    def truth(wb: Any) -> None:
        wb["Driftsbudget"]["B2"] = True
        wb["Volymer"]["B2"] = True

    rows = {"Volymer": [["Barn", 1, 1, 1, 1, 1, 1]]}
    found = check(made(tmp_path, cfg, rows=rows, edit=truth), cfg).findings
    assert [str(f) for f in found.errors] == [
        'Volymer!B2: "SANT" är inte ett antal. Antal som heltal, t.ex. 2660. Lämna tomt om '
        "uppgift saknas.",
        'Driftsbudget!B2: "SANT" är inte ett belopp. Belopp i Mnkr med en decimal, kostnader '
        "negativa, t.ex. -52,4. Lämna tomt om uppgift saknas.",
    ]
