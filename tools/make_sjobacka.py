"""Write the second kommun's example workbook (``make examples``).

Sjöbacka kommun is invented: it shows a plan of another shape from the same tool (its profile
is ``kommuner/sjobacka/mallar/profil.toml``): amounts in tkr, a chapter per målområde, its
own perspectives and no Agenda 2030 chapter. The workbook is written by the same writer as
every input workbook, with Sjöbacka's kommun folder, so its drop-downs and instructions are
Sjöbacka's.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.spec.config import load_config  # noqa: E402
from pipeline.workbooks.template import Formatted, write_workbook  # noqa: E402

KOMMUN = ROOT / "kommuner" / "sjobacka"
YEAR = 2026


def pct(value: float) -> Formatted:
    return Formatted(value, "0.0%")


GRUNDDATA = {
    "Kommun": "Sjöbacka kommun",
    "Nämnd": "Barn- och utbildningsnämnden",
    "Prognosmånad": "Augusti",
    "Diarienummer": "BUN 2025/118",
    "Kontaktperson": "Maria Lund, controller",
}

ROWS = {
    "Målbild": [
        ["Livslångt lärande", "Resultatmål: fler elever ska nå kunskapskraven i alla ämnen.\n"
         "Nämnden satsar på tidiga insatser i läsning och matematik och på studiero i "
         "klassrummet.\n- Läsfrämjande arbete i förskolan\n- Språkutvecklande arbetssätt i "
         "alla ämnen"],
        ["Trygg och hälsosam uppväxt", "Resultatmål: alla barn och elever ska känna sig "
         "trygga i förskolan och skolan.\nElevhälsan arbetar förebyggande tillsammans med "
         "socialtjänsten och fritidsgårdarna."],
        ["Hållbar och effektiv organisation", "Resultatmål: verksamheten ska hålla budget och "
         "behålla sina behöriga lärare.\nNämnden samordnar lokaler och arbetar med "
         "kompetensförsörjning."],
    ],
    "Nyckeltal": [
        ["Livslångt lärande", "Elever i årskurs 9 med godkända betyg i alla ämnen, andel (%)",
         "%", pct(0.742), pct(0.768)],
        ["Livslångt lärande", "Elever i årskurs 6 som når kunskapskraven i svenska, andel (%)",
         "%", pct(0.861), pct(0.874)],
        ["Trygg och hälsosam uppväxt", "Elever i årskurs 5 som känner sig trygga i skolan, "
         "andel (%)", "%", pct(0.884), pct(0.902)],
        ["Trygg och hälsosam uppväxt", "Anmälningar om kränkande behandling", "antal", 143, 128],
        ["Hållbar och effektiv organisation", "Kostnad per elev i grundskolan", "kr", 118400,
         121900],
        ["Hållbar och effektiv organisation", "Legitimerade lärare med behörighet i ämnet, "
         "andel (%)", "%", pct(0.792), pct(0.805)],
    ],
    "Satsningar och uppdrag": [
        ["Uppdrag", "Samlad plan för skollokaler", "Nämnden tar fram en lokalplan för "
         "förskolor och skolor till och med 2035 tillsammans med samhällsbyggnadsnämnden."],
    ],
    "Grunduppdrag": [
        ["Barn och elever", "Utveckla", "Barn och elever ska få en likvärdig utbildning.",
         "Kunskapsresultaten har ökat två år i rad men skillnaderna mellan skolorna är stora.",
         "Kvaliteten bedöms som god men ojämn."],
        ["Medarbetare", "Bibehålla", "Nämnden ska ha behöriga och engagerade medarbetare.",
         "Personalomsättningen har minskat till 9 procent.",
         "Nivån bedöms som god."],
        ["Ekonomi", "Utveckla", "Verksamheten ska bedrivas inom budget.",
         "Prognosen för 2025 är ett underskott på 4,2 miljoner kronor, främst inom "
         "tilläggsbelopp och skolskjuts.",
         "Nämnden behöver anpassa kostnaderna inför 2026."],
    ],
    "Volymer": [
        ["Barn i förskolan", 1180, 1165, 1190, 1150, 1140, 1135],
        ["Elever i grundskolan", 3420, 3455, 3440, 3480, 3510, 3525],
        ["Elever i fritidshem", 1310, 1295, 1320, 1300, 1300, 1305],
    ],
    "Driftsbudget": [
        ["Nämnd och förvaltningsledning", -18350, -19120, -19000, -19400, -19700, -20000],
        ["Förskola", -196400, -201300, -199800, -203600, -206100, -208700],
        ["Grundskola och förskoleklass", -412300, -425800, -421500, -433200, -439900, -446500],
        ["Fritidshem", -48900, -50200, -49800, -50900, -51600, -52300],
        ["Elevhälsa", -31200, -33400, -32100, -34300, -34800, -35300],
        ["Skolskjuts", -22100, -24800, -22600, -24500, -24900, -25300],
        ["Statsbidrag och avgifter", 61800, 63100, 62000, 62500, 62500, 62500],
    ],
    "Investeringsbudget": [
        ["Inventarier förskola och skola", -3200, -2900, -3000, -3100, -3100, -3100],
        ["Digitala lärverktyg", -2400, -2600, -2500, -2700, -2700, -2800],
    ],
    "Kommentarer": [
        ["Driftsbudget", "Grundskola", "Budgeten ökar med 11,7 miljoner kronor för fler elever "
         "och lönerevision. Tilläggsbeloppen är en risk i budgeten."],
        ["Volymer", None, "Antalet barn i förskolan minskar något; eleverna i grundskolan "
         "ökar."],
    ],
}  # fmt: skip


def main() -> None:
    cfg = load_config(KOMMUN / "mallar")
    path = KOMMUN / "indata" / f"barn-och-utbildningsnamnden-{YEAR}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(path, YEAR, cfg, grunddata=GRUNDDATA, rows=ROWS)
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
