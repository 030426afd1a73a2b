"""Write the follow-up example: Socialnämndens Delårsrapport januari–augusti 2024.

    .venv/bin/python tools/make_followup_example.py

(re)writes ``indata/socialnamnden-delarsrapport-2024.xlsx`` (run tools/make_examples.py
first: it starts from ``indata/socialnamnden-2024.xlsx``).

The workbook is made as a controller makes one: ``namndplan followup`` carries the plan's
verksamheter with Budget 2024, investments, volumes, goals, development goals, commissions
and key figures (``pipeline.workbooks.followup.carried_rows`` of the validated plan), and
this script fills in what the controller types: Bokslut 2023, the outcome for
januari–augusti, the forecast for the year, assessments, statuses, åtgärder and texts.
Every figure below is typed by hand; nothing is computed from the budget. Each filled row is
matched to the carried row by its name, and the script stops if a plan row has no figures
here (or a name here is not in the plan), so the example stays consistent with the plan.

The figures are invented but plausible for Socialnämnden 2024 (Budget Totalt -281,6 Mnkr):

* Bokslut 2023 near the plan's Prognos 2023 (Oktober), Totalt about -259 Mnkr: the
  reference's "överskott i relation till budget under 2023, 15 MKr". The two verksamheter
  the plan shows without a Prognos 2023 have no Bokslut 2023 either.
* Utfall januari–augusti about 8/12 of each row's forecast, a little more or less where
  costs come unevenly; Totalt -191,9 Mnkr.
* Prognos 2024 Totalt -286,3 Mnkr, a deficit of 4,7 Mnkr against budget: institutional
  care of children and young people (-3,6), konsulentstödda familjehem (-2,1), institutional
  care of adults (-1,4) and consultants in Utredning barn (-0,9), against less ekonomiskt
  bistånd (+1,4) and vacancies in Öppna insatser BoU (+1,1). Three åtgärder with an effect
  of 2,6 Mnkr this year, two of them decided.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.check.workbook import check
from pipeline.spec.config import load_config
from pipeline.spec.followup import FOLLOWUP
from pipeline.workbooks.followup import carried_rows
from pipeline.workbooks.template import Formatted, write_workbook

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "indata" / "socialnamnden-2024.xlsx"
TARGET = ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx"


def pct(typed: str) -> Formatted:
    """``pct("77,7")`` -> 0.777 shown as 77,7 %, as Excel stores "77,7 %"."""
    d = Decimal(typed.replace(",", "."))
    decimals = max(0, -d.as_tuple().exponent)
    return Formatted(float(d / 100), "0." + "0" * decimals + "%" if decimals else "0%")


def text(*paragraphs: str) -> str:
    return "\n".join(paragraphs)


# The data below is laid out by hand for reading; keep the formatter off it.
# fmt: off

GRUNDDATA = {
    "Kommun": "Enköpings kommun",
    "Nämnd": "Socialnämnden",
    "Diarienummer": "SN2024/0412",
    "Beslutsdatum": dt.date(2024, 9, 24),
    "Kontaktperson": "Ekonomienheten, socialförvaltningen",
    "Rapport": "Delårsrapport",
    "Period till och med": "Augusti",
}

SAMMANFATTNING = [
    ("Sammanfattning", text(
        "Socialnämnden redovisar ett utfall för perioden januari–augusti 2024 på -191,9 mnkr "
        "och prognosen för helåret är -286,3 mnkr, vilket är ett underskott med 4,7 mnkr i "
        "relation till budget. Underskottet beror främst på fler placeringar inom "
        "institutionsvård för barn och unga och i konsulentstödda familjehem än vad som "
        "ryms i lagd budget. Kostnaderna för ekonomiskt bistånd fortsätter att minska och "
        "motverkar delvis underskottet.",
        "Nämnden har beslutat om åtgärder som beräknas minska kostnaderna med 2,2 mnkr under "
        "resten av året. Ytterligare en åtgärd bereds inför nämndens sammanträde i oktober.",
        "Av kommunfullmäktiges mål bedöms ett vara uppfyllt och tre delvis uppfyllda. Den "
        "fältande verksamheten som startade under våren har kommit igång enligt plan och "
        "samverkan med civilsamhället har utökats med två nya IOP.",
    )),
    ("Väsentliga händelser", text(
        "- Den fältande verksamheten startade i mars. Fyra fältassistenter arbetar kvällar "
        "och helger i nära samverkan med fritidsgårdar, skola och polis.",
        "- Två nya överenskommelser om idéburet offentligt partnerskap (IOP) har tecknats, "
        "med en förening för stöd till våldsutsatta och med en förening som erbjuder "
        "fritidsaktiviteter för barn och unga.",
        "- Under våren ökade antalet barn och unga som placerats på institution, framför allt "
        "ungdomar med ett omfattande normbrytande beteende.",
        "- Förvaltningen har förberett arbetet inför den nya socialtjänstlagen, bland annat "
        "genom utbildning av samtliga chefer.",
    )),
    ("Förväntad utveckling", text(
        "Behovet av placeringar för ungdomar med normbrytande beteende bedöms vara fortsatt "
        "högt under hösten. Nämnden arbetar för att fler ungdomar ska kunna ges stöd i "
        "öppenvård och i egna familjehem i stället för på institution.",
        "Antalet hushåll med ekonomiskt bistånd förväntas ligga kvar på nuvarande nivå under "
        "resten av året. Ett försämrat läge på arbetsmarknaden kan dock leda till ett ökat "
        "behov under 2025.",
    )),
    ("Personal", text(
        "Personalomsättningen bland socialsekreterare har minskat jämfört med 2023 men är "
        "fortsatt hög inom barn och unga. Under perioden har konsult använts vid ett "
        "tillfälle för att säkerställa utredningstiderna. Sjukfrånvaron för perioden är "
        "6,8 procent, vilket är något lägre än samma period föregående år.",
    )),
]

# Mål: Bedömning, Analys (the goals are carried from the plan's Målbild)
MALUPPFOLJNING = {
    "Tillsammans skapar vi trygghet": ("Delvis uppfyllt", text(
        "Den fältande verksamheten har bidragit till att fler ungdomar i riskmiljöer har fått "
        "kontakt med förvaltningen i ett tidigt skede. Brukarbedömningen för individ- och "
        "familjeomsorgen mäts under hösten och redovisas i verksamhetsberättelsen.",
        "Ökningen av placeringar för ungdomar med normbrytande beteende visar att behovet av "
        "förebyggande insatser är fortsatt stort. Målet bedöms därför som delvis uppfyllt.",
    )),
    "Samhörighet": ("Uppfyllt", text(
        "Samverkan med civilsamhället har utökats med två nya IOP och samverkan med polis och "
        "skola sker regelbundet inom ramen för det brottsförebyggande arbetet. Nämndens "
        "verksamheter arbetar systemiskt och den enskilde görs delaktig i de insatser som "
        "erbjuds.",
    )),
    "Självständighet": ("Delvis uppfyllt", text(
        "Andelen vuxna som inte återaktualiserats med försörjningsstöd ett år efter avslutat "
        "stöd har ökat till 66 procent men når ännu inte målvärdet. Antalet hushåll med "
        "ekonomiskt bistånd är lägre än budgeterat.",
    )),
    "Stolthet": ("Delvis uppfyllt", text(
        "Medarbetarengagemanget mäts under hösten. Personalomsättningen har minskat men är "
        "fortsatt hög inom barn och unga, vilket påverkar förutsättningarna för en god "
        "kontinuitet i ärendena.",
    )),
}

# Utvecklingsmål: Bedömning, Analys (matched by the start of the goal's text)
UTVECKLINGSMAL = {
    "Under perioden 2024-2027 ökar och utvecklas samverkan med civilsamhället": (
        "Uppfyllt", text(
            "Två nya IOP har tecknats under perioden och föreningarna deltar i arbetet med "
            "att ge barn och ungdomar tillgång till fritidsaktiviteter.",
        )),
    "Under perioden 2024-2027 ska förtroendet öka för socialnämndens verksamheter": (
        "Kan inte bedömas", text(
            "Medborgarundersökningen genomförs under hösten. Förvaltningen har tagit fram ny "
            "information om nämndens insatser på kommunens webbplats.",
        )),
    "Under perioden 2024-2027 ska socialnämndens verksamheter ha en hög rättssäkerhet": (
        "Delvis uppfyllt", text(
            "Utredningstiden inom barn och unga är i genomsnitt 104 dagar, vilket är längre "
            "än målvärdet. Egenkontroller enligt kvalitetsledningssystemet har genomförts "
            "enligt plan.",
        )),
    "Under perioden 2024-2027 ska socialnämnden arbeta aktivt uppsökande och förebyggande": (
        "Uppfyllt", text(
            "Fältverksamheten är i gång sedan mars och har haft kontakt med drygt 300 "
            "ungdomar. Arbetet sker i samverkan med Familjens hus, fritidsgårdar och polis.",
        )),
    "Under perioden 2024-2027 ska Socialnämndens verksamheter ha en hög tillgänglighet": (
        "Delvis uppfyllt", text(
            "Mottagningen har haft öppet enligt plan. Svarstiderna i telefon har under "
            "sommaren varit längre än önskvärt.",
        )),
}

# Rubrik: Status, Kommentar
SATSNINGAR = {
    "Brottsförebyggande verksamhet": ("Pågår", text(
        "Fyra fältassistenter har anställts och verksamheten startade i mars. Former för "
        "samverkan med civilsamhället tas fram under hösten.",
    )),
    "Fortsatt verksamhetsutveckling": ("Pågår", text(
        "Öppenvården har utökats med ett behandlingsteam för ungdomar. Två nya e-tjänster "
        "för ansökan om ekonomiskt bistånd har införts.",
    )),
    "Hållbarhet prioriteras": ("Pågår", text(
        "Arbetet fortgår enligt plan. Antalet IOP har ökat från tre till fem.",
    )),
    "Effektiviseringskrav på nämnderna": ("Genomfört", text(
        "Effektiviseringen om 2,6 mnkr inom ekonomiskt bistånd är genomförd och ryms i "
        "prognosen.",
    )),
}

# Nyckeltal (by name): Utfall 2024, Målvärde 2024
NYCKELTAL = {
    "Brukarbedömning individ- och familjeomsorg totalt - förbättrad situation, andel (%)":
        (None, pct("80")),
    "Brukarbedömning - totalt helhetssyn": (None, pct("90")),
    "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat "
    "försörjningsstöd, andel (%)": (pct("66"), pct("70")),
    "HME-index (Hållbart medarbetarengagemang)": (None, pct("78")),
    "Antal etablerade aktiviteter i samverkan mellan nämndens verksamheter och "
    "civilsamhället": (7, 8),
    "Medborgarundersökningen - Socialtjänstens stöd och hjälp till utsatta personer "
    "fungerar bra i kommunen, andel (%)": (None, None),
    "Utredningstid i antal dagar från påbörjad utredning till avslutad utredning inom "
    "barn och ungdom 0-20 år, medelvärde": (104, 90),
    "Antal aktualiserade i åldern 9-19 år för missbruk och/eller kriminalitet": (231, None),
    "Hur lätt är det att få kontakt med socialsekreteraren via t ex telefon, sms eller "
    "e-post? (Andel som svarar Mycket lätt eller ganska lätt)": (None, pct("90")),
}

# Volym: Bokslut 2023, Utfall 2024 (januari–augusti), Prognos 2024
VOLYMER = {
    "Ekonomiskt bistånd": (411, 462, 465),
    "Ekonomiskt bistånd, flykting": (6, 4, 5),
    "Ekonomiskt bistånd (personal)": (418, 540, 545),
    "Mottagning": (2712, 1790, 2690),
    "Utredning barn": (1502, 1094, 1650),
    "Utredning vuxen": (468, 322, 490),
    "Samhällsvård BoU": (245, 241, 244),
    "Familjehem BoU egna fam.hem": (70, 68, 70),
    "Familjehem BoU konsulentstödda": (22, 24, 24),
    "Familjehem vuxna konsulentstödda": (0, 1, 1),
    "Instutionsvård BoU SIS": (2, 3, 3),
    "Institutionsvård BoU": (17, 22, 21),
    "Institutionsvård vuxna SIS": (2, 2, 2),
    "Institutionsvård vuxna": (15, 17, 16),
    "Övrig vuxenvård våld i nära relation": (10, 9, 10),
    "Öppna insatser vuxen, särskilt boende": (8, 8, 8),
}

# Verksamhet: Bokslut 2023, Utfall 2024 (januari–augusti), Prognos 2024 (Mnkr)
DRIFT = {
    "Ekonomiskt bistånd": (-50.2, -34.0, -51.0),
    "Ekonomiskt bistånd, flykting": (0.2, 0.3, 0.4),
    "Familjehem BoU egna fam. hem": (-20.6, -14.9, -22.2),
    "Familjehem BoU konsulentstödda": (-17.3, -12.8, -18.8),
    "Kommungemensam verksamhet": (-16.4, -12.0, -18.3),
    "Nämnd SN": (-2.0, -1.2, -1.9),
    "Öppna insatser BoU": (-13.5, -12.8, -19.8),
    "Ensamkommande flyktingbarn": (1.1, 0.5, 0.7),
    "Ekonomiskt bistånd (personal)": (-10.6, -8.1, -12.0),
    "Mottagning": (-8.5, -6.5, -10.0),
    "Utredning barn": (-18.9, -12.0, -17.5),
    "Utredning vuxen": (-8.4, -6.3, -9.5),
    "Samhällsvård BoU": (-10.6, -8.1, -12.2),
    "Arbetsmarknadsåtgärder": (-8.2, -6.1, -9.2),
    "Öppna insatser vuxen": (-19.0, -9.7, -14.2),
    "Familjehem vuxen konsulentstödda": (0.0, -0.2, -0.3),
    "Övrig vuxenvård, våld i nära relation": (-9.6, -8.9, -13.3),
    "Central administration SN": (-6.4, -2.1, -3.3),
    "Verksamhetsledning och utveckling": (None, -0.9, -1.4),
    "Öppna insatser vuxen, externa stödboenden": (0.0, 0.0, 0.0),
    "Öppna insatser vuxen, särskilt boende": (None, -4.2, -6.3),
    "Institutionsvård BoU": (-24.8, -20.8, -30.0),
    "Institutionsvård vuxen": (-15.6, -11.1, -16.2),
}

# Investering: Utfall 2024, Prognos 2024 (Mnkr)
INVESTERINGAR = {
    "Möbler, inventarier, IT-system": (-0.1, -0.2),
}

ATGARDER = [
    ("Genomgång av samtliga pågående institutionsplaceringar för barn och unga, med sikte "
     "på att fler ungdomar ska kunna flytta hem eller till familjehem med stöd från den egna "
     "öppenvården.", 1.4, "Ja"),
    ("Vakanta administrativa tjänster tillsätts inte under resten av året utan särskild "
     "prövning.", 0.8, "Ja"),
    ("Rekrytering av fler egna familjehem genom en riktad kampanj, så att färre placeringar "
     "behöver göras i konsulentstödda familjehem.", 0.4, "Nej"),
]

KOMMENTARER = [
    ("Volymer", None, text(
        "Antalet hushåll med ekonomiskt bistånd är i snitt 462 per månad under perioden, "
        "vilket är lägre än budgeterade 475. Antalet placeringar i konsulentstödda "
        "familjehem och på institution för barn och unga är fler än budgeterat, framför allt "
        "för ungdomar med ett omfattande normbrytande beteende.",
    )),
    ("Driftsredovisning", "Institutionsvård och familjehem", text(
        "Institutionsvård för barn och unga prognostiseras till ett underskott om 3,6 mnkr "
        "och konsulentstödda familjehem till ett underskott om 2,1 mnkr. Under våren har fler "
        "ungdomar än väntat behövt placeras och det har varit svårt att rekrytera egna "
        "familjehem till målgruppen.",
    )),
    ("Driftsredovisning", "Ekonomiskt bistånd", text(
        "Ekonomiskt bistånd prognostiseras till ett överskott om 1,4 mnkr. Antalet hushåll "
        "fortsätter att minska och arbetet med att stödja den enskilde till självförsörjning "
        "ger resultat.",
    )),
    ("Investeringsredovisning", None, text(
        "Investeringsbudgeten avser möbler, inventarier och IT-system och bedöms förbrukas "
        "under året.",
    )),
]

# fmt: on


def _fill(
    rows: list[list[Any]],
    sheet: str,
    by_key: str,
    values: dict[str, tuple[Any, ...]],
    keys: tuple[str, ...],
) -> None:
    """Put ``values`` (by the row's ``by_key`` column) into the carried rows' ``keys``."""
    spec = FOLLOWUP.sheets_by_name[sheet]
    index = {c.key: i for i, c in enumerate(spec.columns)}
    seen = set()
    for row in rows:
        name = row[index[by_key]]
        if name not in values:
            sys.exit(f"{sheet}: no figures here for the plan's row {name!r}")
        seen.add(name)
        for key, value in zip(keys, values[name], strict=True):
            row[index[key]] = value
    missing = set(values) - seen
    if missing:
        sys.exit(f"{sheet}: not rows of the plan: {sorted(missing)}")


def write_example(cfg: Any, target: Path = TARGET) -> Path:
    """Write the example to ``target`` (the test of the shipped file writes it afresh)."""
    plan = check(PLAN, cfg)
    if not plan.ok or plan.valid is None or plan.valid.year != 2024:
        sys.exit(f"{PLAN.name} does not validate: run tools/make_examples.py first")
    rows = carried_rows(plan.valid)
    _fill(rows["Måluppföljning"], "Måluppföljning", "mal", MALUPPFOLJNING, ("bedomning", "analys"))
    _fill(rows["Utvecklingsmål"], "Utvecklingsmål", "mal", UTVECKLINGSMAL, ("bedomning", "analys"))
    _fill(rows["Satsningar och uppdrag"], "Satsningar och uppdrag", "rubrik", SATSNINGAR,
          ("status", "kommentar"))  # fmt: skip
    _fill(rows["Nyckeltal"], "Nyckeltal", "namn", NYCKELTAL, ("utfall", "malvarde"))
    _fill(rows["Volymer"], "Volymer", "namn", VOLYMER, ("bokslut_fg", "utfall", "prognos"))
    _fill(rows["Driftsredovisning"], "Driftsredovisning", "namn", DRIFT,
          ("bokslut_fg", "utfall", "prognos"))  # fmt: skip
    _fill(rows["Investeringsredovisning"], "Investeringsredovisning", "namn", INVESTERINGAR,
          ("utfall", "prognos"))  # fmt: skip
    rows["Sammanfattning"] = [list(r) for r in SAMMANFATTNING]
    rows["Åtgärder"] = [list(r) for r in ATGARDER]
    rows["Kommentarer"] = [list(r) for r in KOMMENTARER]
    return write_workbook(target, 2024, cfg, GRUNDDATA, rows, FOLLOWUP)


# --- a held-out style fixture: Kultur- och fritidsnämnden, Verksamhetsberättelse 2026 ---------
# Written with openpyxl directly from uppfoljning.md, not by the template writer: no
# instruction or list sheet, no drop-downs, a note sheet of the controller's own first, the
# report and the month typed in lower case, Prognos left empty (a Verksamhetsberättelse's
# outcome is the year's), a Windows line break in a text (stored as _x000D_), percentages
# with a percent format beside plain numbers. Verksamheter and Budget 2026 as in the plan
# fixture tests/fixtures/kultur-och-fritidsnamnden-2026.xlsx.

HELD_OUT = ROOT / "tests" / "fixtures" / "kultur-och-fritidsnamnden-verksamhetsberattelse-2026.xlsx"

# fmt: off
HELD_OUT_SHEETS: dict[str, list[tuple[Any, ...]]] = {
    "Anteckningar": [
        ("Arbetsbok för verksamhetsberättelsen 2026, ifylld av controllern.",),
    ],
    "Grunddata": [
        ("Fält", "Värde"),
        ("Kommun", "Enköpings kommun"),
        ("Nämnd", "Kultur- och fritidsnämnden"),
        ("Budgetår", 2026),
        ("Rapport", "verksamhetsberättelse"),
        ("Period till och med", "december"),
        ("Diarienummer", "KFN2027/018"),
        ("Beslutsdatum", dt.datetime(2027, 2, 17)),
        ("Kontaktperson", "Controller, kultur- och fritidsförvaltningen"),
    ],
    "Sammanfattning": [
        ("Avsnitt", "Text"),
        ("Sammanfattning",
         "Kultur- och fritidsnämnden redovisar för 2026 ett utfall på -137,8 mnkr, vilket är "
         "ett underskott med 1,3 mnkr mot budget. Underskottet beror på högre energikostnader "
         "i idrottsanläggningarna än budgeterat.\r\nAv kommunfullmäktiges mål bedöms två "
         "vara uppfyllda och två delvis uppfyllda."),
        ("Väsentliga händelser",
         "- Fritidsgården i Hagaområdet har utökat sina öppettider till sex kvällar i "
         "veckan.\n- Den nya konstgräsplanen invigdes i juni."),
        ("Förväntad utveckling",
         "Energikostnaderna väntas ligga kvar på 2026 års nivå. Efterfrågan på platser i "
         "kulturskolan fortsätter att öka."),
        ("Personal",
         "Sjukfrånvaron uppgick till 5,1 procent. Två tjänster inom kulturskolan har varit "
         "vakanta under hösten."),
    ],
    "Måluppföljning": [
        ("Mål", "Bedömning", "Analys"),
        ("Tillsammans skapar vi trygghet", "Uppfyllt",
         "Andelen besökare som känner sig trygga på fritidsgårdarna har ökat till 91 procent."),
        ("Samhörighet", "Uppfyllt",
         "Antalet föreningar som får aktivitetsstöd har ökat till 151."),
        ("Självständighet", "Delvis uppfyllt",
         "Väntetiden till kulturskolan har kortats men är fortsatt längre än målvärdet."),
        ("Stolthet", "Delvis uppfyllt",
         "Nöjd Medborgar-Index för kultur är oförändrat jämfört med föregående år."),
    ],
    "Utvecklingsmål": [
        ("Utvecklingsmål", "Beskrivning", "Strategi för att nå målet", "KF:s målbild och mål",
         "Agenda 2030-mål", "Bedömning", "Analys"),
        ("Under perioden 2026-2027 ökar antalet unga som besöker fritidsgårdarna", None,
         "Utökade öppettider och aktiviteter som unga själva planerar.", "Ja", "Ja",
         "Uppfyllt", "Besöken ökade med 9 procent jämfört med 2025."),
        ("Under perioden 2026-2027 kortas väntetiden till kulturskolan", None,
         "Fler gruppundervisningar och en gemensam kö för alla ämnen.", "Ja", "Nej",
         "Delvis uppfyllt", "Väntetiden är i genomsnitt 76 dagar."),
        ("Under perioden 2026-2027 minskar energianvändningen i idrottsanläggningarna", None,
         "Ny belysning och styrning av ventilationen.", "Nej", "Ja",
         "Ej uppfyllt", "Bytet av belysning är försenat till 2027."),
    ],
    "Nyckeltal": [
        ("Mål", "Nyckeltal", "Enhet", "Utfall 2025", "Utfall 2026", "Målvärde 2026"),
        ("Tillsammans skapar vi trygghet",
         "Andel besökare på fritidsgårdarna som känner sig trygga, andel (%)", "%",
         ("0.895", "0.0%"), ("0.91", "0%"), 90),
        ("Samhörighet", "Antal föreningar som får aktivitetsstöd", "antal", 147, 151, 150),
        ("Självständighet", "Väntetid till plats i kulturskolan, medelvärde", "dagar", 71, 76,
         60),
        ("Grunduppdrag", "Beläggningsgrad i idrottshallarna kvällstid, andel (%)", "%",
         91, 92.5, None),
    ],
    "Satsningar och uppdrag": [
        ("Typ", "Rubrik", "För nämnden innebär det", "Status", "Kommentar"),
        ("Särskild satsning", "Trygga mötesplatser för unga",
         "Fritidsgårdarna håller öppet fler kvällar.", "Genomfört",
         "Öppettiderna utökades från mars."),
        ("Särskild satsning", "Ökad fysisk aktivitet för barn och unga",
         "Fler lovaktiviteter med rörelse.", "Pågår", "Arbetet fortsätter 2027."),
        ("Uppdrag", "Samordnad lokalbokning",
         "Ett gemensamt bokningssystem för kommunens lokaler.", "Ej påbörjat",
         "Upphandlingen av bokningssystemet har skjutits upp till 2027."),
    ],
    "Volymer": [
        ("Volym", "Bokslut 2025", "Budget 2026", "Utfall 2026", "Prognos 2026"),
        ("Besök på folkbiblioteken", 404100, 412000, 409800, None),
        ("Elever i kulturskolan", 1190, 1240, 1228, None),
        ("Besök på fritidsgårdarna", 45200, 47500, 49300, None),
    ],
    "Driftsredovisning": [
        ("Verksamhet", "Bokslut 2025", "Budget 2026", "Utfall 2026", "Prognos 2026"),
        ("Nämnd KFN", -1.17, -1.22, -1.19, None),
        ("Förvaltningsledning och administration", -8.84, -9.05, -8.97, None),
        ("Folkbibliotek", -25.28, -26.15, -25.90, None),
        ("Kulturskola", -16.10, -16.80, -16.95, None),
        ("Allmänkultur och kulturarv", -10.21, -10.55, -10.49, None),
        ("Fritidsgårdar", -12.74, -14.35, -14.10, None),
        ("Idrotts- och fritidsanläggningar", -51.33, -51.95, -53.85, None),
        ("Föreningsbidrag", -11.60, -11.90, -11.90, None),
        ("Lovaktiviteter", -0.86, -1.10, -1.04, None),
        ("Uthyrning av anläggningar och lokaler", 6.45, 6.55, 6.59, None),
    ],
    "Investeringsredovisning": [
        ("Investering", "Budget 2026", "Utfall 2026", "Prognos 2026"),
        ("Inventarier och IT, bibliotek och kulturskola", -0.75, -0.68, None),
        ("Byte av konstgräs på fotbollsplan", -4.20, -4.46, None),
    ],
    "Åtgärder": [
        ("Åtgärd", "Effekt 2026", "Beslutad"),
        ("Sänkt temperatur i ishallen och simhallen under sommaruppehållet.", 0.2, "Ja"),
    ],
    "Kommentarer": [
        ("Avsnitt", "Rubrik", "Text"),
        ("Driftsredovisning", "Idrotts- och fritidsanläggningar",
         "Energikostnaderna blev 1,9 mnkr högre än budgeterat."),
        ("Investeringsredovisning", None,
         "Konstgräsplanen blev 0,26 mnkr dyrare på grund av markförhållandena."),
    ],
}
# fmt: on


# --- a held-out style fixture in tkr: Sjöbacka kommun's Barn- och utbildningsnämnden,
# Delårsrapport januari–augusti 2026 (validate and build with --mallar kommuner/sjobacka/
# mallar). Also with openpyxl directly; verksamheter and Budget 2026 as in its plan
# kommuner/sjobacka/indata/barn-och-utbildningsnamnden-2026.xlsx. A forecast deficit of
# 4 200 tkr with two åtgärder; a grant paid early (Statsbidrag: 70 % by August). In its own
# folder: the kommun's amounts are tkr, and tests/fixtures/*.xlsx are checked as Mnkr.
# Only what Sjöbacka's [uppfoljning] shows is filled (validate warns about rows no part
# shows): its report has no Väsentliga händelser, volumes or investments, but a Personal
# chapter.

HELD_OUT_TKR = (ROOT / "tests" / "fixtures" / "sjobacka"
                / "barn-och-utbildningsnamnden-delarsrapport-2026.xlsx")  # fmt: skip

# fmt: off
HELD_OUT_TKR_SHEETS: dict[str, list[tuple[Any, ...]]] = {
    "Grunddata": [
        ("Fält", "Värde"),
        ("Kommun", "Sjöbacka kommun"),
        ("Nämnd", "Barn- och utbildningsnämnden"),
        ("Budgetår", 2026),
        ("Rapport", "Delårsrapport"),
        ("Period till och med", "Augusti"),
        ("Diarienummer", "BUN 2026/204"),
        ("Beslutsdatum", dt.datetime(2026, 9, 22)),
        ("Kontaktperson", "Maria Lund, controller"),
    ],
    "Sammanfattning": [
        ("Avsnitt", "Text"),
        ("Sammanfattning",
         "Barn- och utbildningsnämnden redovisar för januari–augusti ett utfall på "
         "-461 300 tkr. Prognosen för helåret är -707 600 tkr, ett underskott med 4 200 tkr "
         "mot budget, främst inom grundskolan och elevhälsan. Nämnden har beslutat om två "
         "åtgärder som minskar underskottet med 1 000 tkr."),
        ("Personal",
         "Sjukfrånvaron var 5,8 procent, något lägre än samma period 2025. Rekryteringen av "
         "legitimerade förskollärare är fortsatt svår."),
    ],
    "Måluppföljning": [
        ("Mål", "Bedömning", "Analys"),
        ("Livslångt lärande", "Delvis uppfyllt",
         "Andelen elever i årskurs 9 med godkända betyg i alla ämnen ökade till 78,1 procent."),
        ("Trygg och hälsosam uppväxt", "Uppfyllt",
         "Anmälningarna om kränkande behandling har minskat."),
        ("Hållbar och effektiv organisation", "Ej uppfyllt",
         "Kostnaden per elev ökar mer än budgeterat och nämnden prognostiserar ett underskott."),
    ],
    "Utvecklingsmål": [
        ("Utvecklingsmål", "Beskrivning", "Strategi för att nå målet", "KF:s målbild och mål",
         "Agenda 2030-mål", "Bedömning", "Analys"),
    ],
    "Nyckeltal": [
        ("Mål", "Nyckeltal", "Enhet", "Utfall 2025", "Utfall 2026", "Målvärde 2026"),
        ("Livslångt lärande",
         "Elever i årskurs 9 med godkända betyg i alla ämnen, andel (%)", "%",
         ("0.768", "0.0%"), ("0.781", "0.0%"), 80),
        ("Trygg och hälsosam uppväxt", "Anmälningar om kränkande behandling", "antal", 128,
         81, None),
        ("Hållbar och effektiv organisation", "Kostnad per elev i grundskolan", "kr", 121900,
         None, 123000),
    ],
    "Satsningar och uppdrag": [
        ("Typ", "Rubrik", "För nämnden innebär det", "Status", "Kommentar"),
        ("Uppdrag", "Samlad plan för skollokaler",
         "Nämnden tar fram en lokalplan för förskolor och skolor.", "Pågår",
         "Ett förslag till lokalplan remitteras i oktober."),
    ],
    "Volymer": [
        ("Volym", "Bokslut 2025", "Budget 2026", "Utfall 2026", "Prognos 2026"),
    ],
    "Driftsredovisning": [
        ("Verksamhet", "Bokslut 2025", "Budget 2026", "Utfall 2026", "Prognos 2026"),
        ("Nämnd och förvaltningsledning", -19050, -19400, -12700, -19300),
        ("Förskola", -200900, -203600, -134900, -203100),
        ("Grundskola och förskoleklass", -424700, -433200, -283500, -435800),
        ("Fritidshem", -50100, -50900, -33600, -50900),
        ("Elevhälsa", -33100, -34300, -23400, -35200),
        ("Skolskjuts", -24600, -24500, -17300, -26100),
        ("Statsbidrag och avgifter", 62900, 62500, 44100, 62800),
    ],
    "Investeringsredovisning": [
        ("Investering", "Budget 2026", "Utfall 2026", "Prognos 2026"),
    ],
    "Åtgärder": [
        ("Åtgärd", "Effekt 2026", "Beslutad"),
        ("Översyn av skolskjutsarnas linjer inför höstterminen.", 600, "Ja"),
        ("Vakanta administrativa tjänster tillsätts inte under hösten.", 400, "Ja"),
    ],
    "Kommentarer": [
        ("Avsnitt", "Rubrik", "Text"),
        ("Driftsredovisning", "Grundskolan",
         "Fler elever än budgeterat och ökade kostnader för särskilt stöd."),
    ],
}
# fmt: on


def write_held_out(target: Path = HELD_OUT, sheets: dict[str, list[tuple[Any, ...]]]
                   | None = None) -> Path:  # fmt: skip
    """A held-out style follow-up workbook, with openpyxl directly (``(value, format)`` is a
    number with its own format: a percentage as Excel stores "89,5 %")."""
    import io
    import zipfile

    import openpyxl

    from pipeline.common.atomic import atomic_write, normalised_zip

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (sheets or HELD_OUT_SHEETS).items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, tuple):
                    cell = ws.cell(r, c, float(value[0]))
                    cell.number_format = value[1]
                else:
                    ws.cell(r, c, value)
    wb.properties.creator = "controller"
    wb.properties.created = wb.properties.modified = dt.datetime(2027, 2, 1)
    buffer = io.BytesIO()
    from openpyxl.writer.excel import ExcelWriter

    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    # A carriage return as Excel writes it, the escape _x000D_ (openpyxl writes &#13;).
    with zipfile.ZipFile(buffer) as zf:
        parts = {i: zf.read(i.filename) for i in zf.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts.items():
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"&#13;", b"_x000D_")
            zf.writestr(info, data)
    data = normalised_zip(out.getvalue(), sort=False)
    atomic_write(target, lambda tmp: tmp.write_bytes(data))
    return target


def main() -> None:
    target = write_example(load_config(ROOT / "templates"))
    print(f"wrote {target.relative_to(ROOT)}")
    print(f"wrote {write_held_out().relative_to(ROOT)}")
    print(f"wrote {write_held_out(HELD_OUT_TKR, HELD_OUT_TKR_SHEETS).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
