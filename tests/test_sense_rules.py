"""sense.py rule by rule, on small workbooks made from literal rows (tests/made.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.build import check
from pipeline.spec.config import KommunConfig

from .made import made
from .test_validate_rules import said

M = "\u2212"
CHECK = "Kontrollera beloppet; är det avsiktligt kan varningen lämnas."


def test_a_plan_far_below_the_budget_is_warned_on_every_row_after_one_without_budget(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    rows = {
        "Driftsbudget": [
            ["Utan budget", -10.0, -10.0, -10.0, None, -1.0, -1.0],
            ["Noll i budget", -10.0, -10.0, -10.0, 0, -1.0, -1.0],
            ["Sjunker", -10.0, -10.0, -10.0, -10.0, -7.4, -7.6],  # 26 % and 24 % lower
            ["Precis 25 %", -10.0, -10.0, -10.0, -10.0, -7.5, -10.0],
            ["Byter tecken", -10.0, -10.0, -10.0, -10.0, 1.0, None],
            ["Intäkt", 10.0, 10.0, 10.0, 10.0, 7.0, 12.0],
        ],
        "Investeringsbudget": [["Inventarier", None, None, -2.0, -2.0, -1.0, -2.0]],
    }
    found = check(made(tmp_path, cfg, rows=rows), cfg).findings
    assert [s for s in said(found) if "Planen" in s] == [
        f"Driftsbudget!F4: Planen ({M}7,4) är mer än 25 % lägre än budgeten ({M}10,0). {CHECK}",
        f"Driftsbudget!F7: Planen (7,0) är mer än 25 % lägre än budgeten (10,0). {CHECK}",
        f"Investeringsbudget!F2: Planen ({M}1,0) är mer än 25 % lägre än budgeten ({M}2,0). "
        f"{CHECK}",
    ]


NB = "\u00a0"
TKR = (
    "Det ser ut att vara skrivet i tkr; i Mnkr blir det {}. Belopp skrivs i Mnkr (miljoner "
    "kronor) med en decimal. Är beloppet rätt kan varningen lämnas."
)
TWICE = (
    "Verktyget räknar själv ut Totalt, så raden skulle räknas två gånger i planen, diagrammet "
    "och sammanställningen. Ta bort raden."
)
VOLUME_TOTAL = (
    "Volymerna summeras inte i planen. Ta bort raden, eller byt namn på den om den räknar "
    "något eget."
)
EMPTY = "fyll i kolumnen (efter namndplan rollover är den tom tills du gör det)."


def test_every_sense_check_in_the_words_the_controller_reads(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    goals = ("Tillsammans skapar vi trygghet", "Samhörighet", "Självständighet", "Stolthet")
    rows = {
        "Driftsbudget": [
            ["Verksamhet A", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["Verksamhet B", -20.0, -21.0, -22.0, -23.0, -23.5, -24.0],
            ["Summa", -30.0, -32.0, -34.0, -36.0, -37.0, -38.0],
            ["Verksamhet C", -5.0, -5.0, -5.0, -5200.0, -5.0, -5.0],
            ["Verksamhet D", -1.0, -1.0, -1.0, -1.0, -1.0, -1.0],
        ],
        "Nyckeltal": [
            ["Samhörighet", "Andel", "%", 0.777, 0.5],
            ["Samhörighet", "Andel 2", "%", 1, 77.7],
        ],
        "Volymer": [
            ["Barn", 10.5, 10.257, 10, None, None, None],
            ["Totalt antal", 11, 11, 11, None, None, None],
        ],
        "Målbild": [[g, "x" * 3100 if i == 0 else "t"] for i, g in enumerate(goals)],
        "Investeringsbudget": [["Inv", None, None, -1.0, -2.0, -2.0, None]],
        "Kommentarer": [["Volymer", None, "Text."]],
    }
    found = check(made(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in found if "Bladet har inga uppgifter" not in f.message] == [
        f'Volymer!A3: Raden "Totalt antal" heter som en summarad. {VOLUME_TOTAL}',
        f'Driftsbudget!A4: Raden "Summa" heter som en summarad. {TWICE}',
        f"Driftsbudget!E5: Beloppet {M}5{NB}200,0 (Budget 2024) är mycket större än radens "
        f"övriga belopp (vanligen kring 5,0). " + TKR.format(f"{M}5,2"),
        f"Nyckeltal!D2: Utfallet 0,777 (Utfall 2022) visas i planen som 0,8{NB}%. Är det en "
        f"andel, inklistrad som bråktal, menar du 77,7{NB}%? Skriv procentsatsen som 77,7 % "
        f"eller 77,7. Är det verkligen 0,8{NB}% kan varningen lämnas.",
        f"Nyckeltal!E2: Utfallet 0,5 (Utfall 2023) visas i planen som 0,5{NB}%. Är det en "
        f"andel, inklistrad som bråktal, menar du 50{NB}%? Skriv procentsatsen som 50 % eller "
        f"50. Är det verkligen 0,5{NB}% kan varningen lämnas.",
        f"Nyckeltal!D3: Utfallet 1 (Utfall 2022) visas i planen som 1{NB}%. Är det en andel, "
        f"inklistrad som bråktal, menar du 100{NB}%? Skriv procentsatsen som 100 % eller 100. "
        f"Är det verkligen 1{NB}% kan varningen lämnas.",
        "Volymer!B2: Volymen 10,5 (Bokslut 2022) har decimaler; planen visar 10,5. Volymer är "
        "oftast antal i heltal. Kontrollera talet; är det rätt kan varningen lämnas.",
        "Volymer!C2: Volymen 10,257 (Prognos 2023) har decimaler; planen visar 10,26 "
        "(avrundat). Volymer är oftast antal i heltal. Kontrollera talet; är det rätt kan "
        "varningen lämnas.",
        f'Volymer!E1: Kolumnen "Budget 2024" är tom på alla rader. En färdig plan behöver '
        f"budgeten: {EMPTY}",
        f'Volymer!F1: Kolumnen "Plan 2025" är tom på alla rader. En färdig plan behöver '
        f"planen: {EMPTY}",
        f'Volymer!G1: Kolumnen "Plan 2026" är tom på alla rader. En färdig plan behöver '
        f"planen: {EMPTY}",
        f'Investeringsbudget!B1: Kolumnen "Bokslut 2022" är tom på alla rader. En färdig plan '
        f"behöver bokslutet: {EMPTY}",
        f'Investeringsbudget!C1: Kolumnen "Prognos 2023" är tom på alla rader. En färdig plan '
        f"behöver prognosen: {EMPTY}",
        f'Investeringsbudget!G1: Kolumnen "Plan 2026" är tom på alla rader. En färdig plan '
        f"behöver planen: {EMPTY}",
        "Målbild!B2: Texten är mycket lång (3100 tecken; vanligen under 3000). Kontrollera att "
        "inget har klistrats in två gånger.",
        f"Driftsbudget!F5: Planen ({M}5,0) är mer än 25 % lägre än budgeten ({M}5{NB}200,0). "
        + CHECK,
        f"Driftsbudget!G5: Planen ({M}5,0) är mer än 25 % lägre än budgeten ({M}5{NB}200,0). "
        + CHECK,
    ]
    groups = {f.location: f.group for f in found if f.group}
    assert groups == {
        "Nyckeltal!D2": 'Utfall i kolumnen "Utfall 2022" ser ut att vara andelar, inte procent',
        "Nyckeltal!E2": 'Utfall i kolumnen "Utfall 2023" ser ut att vara andelar, inte procent',
        "Nyckeltal!D3": 'Utfall i kolumnen "Utfall 2022" ser ut att vara andelar, inte procent',
    }
    assert [f.location for f in found if f.is_error] == ["Volymer!A3", "Driftsbudget!A4"]


def test_totals_by_sum_and_amounts_too_large_for_mnkr(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        "Driftsbudget": [
            ["A", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["B", -20.0, -21.0, -22.0, -23.0, -23.5, -24.0],
            ["Nämnden", -30.0, -32.0, -34.0, -36.0, -37.0, -38.0],  # A + B, column by column
            ["C", -10.0, -11.0, -12.0, -13.0, -13.5, -14.0],
            ["D", -60000.0, -1.0, -1.0, -1.0, -1.0, -1.0],
        ],
        "Volymer": [
            ["Barn", 10, 11, 12, 13, 14, 15],
            ["Vuxna", 20, 21, 22, 23, 24, 25],
            ["Totalt antal placerade", 30, 32, 34, 36, 38, 40],  # at least every row above
            ["Totalt antal ärenden", 5, 5, 5, 5, 5, 5],  # counts something of its own
        ],
    }
    found = check(made(tmp_path, cfg, rows=rows), cfg).findings
    assert [str(f) for f in found if "Bladet har inga uppgifter" not in f.message] == [
        f'Volymer!A4: Raden "Totalt antal placerade" heter som en summarad. {VOLUME_TOTAL}',
        f'Driftsbudget!A4: Raden "Nämnden" har belopp som är summan av raderna ovanför. {TWICE}',
        f"Driftsbudget!B6: Beloppet {M}60{NB}000,0 (Bokslut 2022) är större än 50{NB}000 Mnkr. "
        + TKR.format(f"{M}60,0"),
    ]


def test_an_amount_far_above_the_tables_usual_amount(tmp_path: Path, cfg: KommunConfig) -> None:
    rows = {
        "Driftsbudget": [
            ["A", -1.0, -1.1, -1.2, -1.3, -1.4, -1.5],
            ["B", -2.0, -2.1, -2.2, -2.3, -2.4, -2.5],
            ["C", -5000.0, -5100.0, -5200.0, -5300.0, -5400.0, -5500.0],
        ]
    }
    found = check(made(tmp_path, cfg, rows=rows), cfg).findings
    # The usual amount is the median of the other rows' twelve amounts: (1,5 + 2,0) / 2.
    headers = ["Bokslut 2022", "Prognos 2023", "Budget 2023", "Budget 2024", "Plan 2025",
               "Plan 2026"]  # fmt: skip
    assert [str(f) for f in found if "Bladet har inga uppgifter" not in f.message] == [
        f"Driftsbudget!{col}4: Beloppet {M}{amount // 1000}{NB}{amount % 1000:03d},0 "
        f"({header}) är mycket större än tabellens övriga belopp (vanligen kring 1,8). "
        + TKR.format(f"{M}{amount // 1000},{amount % 1000 // 100}")
        for col, header, amount in zip("BCDEFG", headers, range(5000, 5600, 100), strict=True)
    ]


FILL = "Fyll i bladet om avsnittet ska ha innehåll; annars kan varningen lämnas."


def test_each_empty_chapter_is_said_once_with_what_the_plan_does(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    found = check(made(tmp_path, cfg), cfg).findings
    left_out = "så avsnittet tas inte med i planen."
    assert [str(f) for f in found if "Bladet har inga uppgifter" in f.message] == [
        'Satsningar och uppdrag!A2: Bladet har inga uppgifter till avsnittet "Särskilda '
        'satsningar och uppdrag från kommunfullmäktige"; det får bara meningen: Nämnden har '
        f"inga särskilda satsningar eller uppdrag i kommunfullmäktiges årsplan för 2024. {FILL}",
        'Utvecklingsmål!A2: Bladet har inga uppgifter till avsnittet "Nämndens utvecklingsmål '
        f'för grunduppdraget", {left_out} {FILL}',
        'Nyckeltal!A2: Bladet har inga uppgifter till avsnittet "Nämndens nyckeltal för '
        f'grunduppdraget", {left_out} {FILL}',
        f'Volymer!A2: Bladet har inga uppgifter till avsnittet "Nämndens volymer", {left_out} '
        + FILL,
        'Investeringsbudget!A2: Bladet har inga uppgifter till avsnittet "Investeringsbudget '
        '2024 och plan 2025–2026"; det får bara meningen: Nämnden har inga investeringar under '
        f"perioden. {FILL}",
        'Hållbarhet!A2: Bladet har inga uppgifter till avsnittet "Nämndens hållbarhetsarbete", '
        f"{left_out} {FILL}",
    ]
    assert all(not f.is_error for f in found)


def test_texts_carried_over_unchanged_are_named_with_the_year_they_came_from(
    tmp_path: Path, cfg: KommunConfig
) -> None:
    from pipeline.workbooks.rollover import rollover

    source = made(tmp_path, cfg, name="plan-2024.xlsx")
    rolled = rollover(source, 2025, cfg)
    found = check(rolled, cfg).findings
    unchanged = [f for f in found if "oförändrad" in f.message]
    # Målbild's four texts and Grunduppdrag's three texts in three columns: 13 cells.
    assert len(unchanged) == 13
    first = unchanged[0]
    assert str(first) == (
        "Målbild!B2: Texten är oförändrad sedan förra årets plan (2024). Uppdatera texten för "
        "2025, eller lämna den som den är om den fortfarande stämmer."
    )
    assert first.group == 'Texter i kolumnen "Text" är oförändrade sedan förra årets plan (2024)'
    assert {f.group for f in unchanged} == {
        f'Texter i kolumnen "{h}" är oförändrade sedan förra årets plan (2024)'
        for h in ("Text", "Beskrivning", "Beskrivning av nuläget", "Analys av kvalitetsnivån")
    }
