"""Write the example input workbooks (the indata contract, shared/spec/indata.md).

    .venv/bin/python tools/make_examples.py

(re)writes

* ``indata/socialnamnden-2024.xlsx`` - Socialnämnden, Enköpings kommun, budgetår 2024,
  typed from the published plan (Nämndplan med budget 2024 och plan för 2025-2026).
  Only the nämnd's own content is here; the kommun-wide texts (styrmodell, vision, KF:s
  målbild and goals) live under templates/.
* ``tests/fixtures/kultur-och-fritidsnamnden-2026.xlsx`` - an invented but plausible
  Kultur- och fritidsnämnden, budgetår 2026, written from the contract alone.
* ``indata/kultur-och-fritidsnamnden-2024.xlsx`` and ``indata/tekniska-namnden-2024.xlsx`` -
  invented but plausible Kultur- och fritidsnämnden and Tekniska nämnden, Enköpings kommun,
  budgetår 2024 (Prognosmånad Oktober), so that a batch over indata/ builds three plans of
  the same year (kommun-wide demo, sammanstallning-2024.xlsx). Figures are scaled to a
  kommun of about 47 000 inhabitants: Budget 2024 Totalt -95,1 and -120,0 Mnkr; the
  per-invånare key figures are Bokslut 2022 / Prognos 2023 divided by about 46 300 / 46 900,
  and the comments' Mnkr amounts match the rows' Budget 2023 -> 2024 changes.

The data is kept as plain Python: one list of rows per sheet, each row a tuple in the
contract's column order, ``None`` for an empty cell. Text cells hold paragraphs separated
by a single line break; a line starting with "- " is a bullet item. ``pct("77,7")`` is a
percentage typed as "77,7 %" (Excel stores 0.777 with a percent format).

The workbooks are written by ``pipeline.workbooks.template.write_workbook``, the same writer
as the blank template, so the examples carry its instruction sheet, drop-down lists, input
messages, number formats and sheet protection.

Notes on the 2024 data against the reference:

* Driftsbudget: the one-decimal figures of the reference already add up exactly to its
  Totalt row (-254,7 -260,8 -273,8 -281,6 -282,8 -286,1) and every row's Budget 2024 -
  Budget 2023 equals its "Förändring budget 23/24" (sum -7,8). No cell needed two decimals;
  no adjustments were made.
* The reference's change column and Totalt rows are not typed (the pipeline computes them).
* Text is verbatim from the reference with the extraction's broken lines rejoined, runs of
  spaces collapsed to one, the page footer and repeated table headers dropped, and the stray
  digit in "lättare4" removed. The original's own spelling is kept ("Instutionsvård",
  "lagd budet", "högre en den", "kostnadseffektiv stöd", ...).
* Utvecklingsmål "... ha en hög rättssäkerhet": the line "Särskilt fokus ska läggas på
  utredningstider i ärenden rörande barn och unga." that continues this row on the next page
  is wrapped at the width of the first column (goal + description), not the strategy
  column, so it is the description's second paragraph.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from pipeline.spec.config import load_config
from pipeline.spec.contract import GRUNDDATA_SHEET, SHEETS_BY_NAME
from pipeline.workbooks.template import Formatted, write_workbook

ROOT = Path(__file__).resolve().parents[1]


def pct(typed: str) -> Formatted:
    """``pct("77,7")`` -> 0.777 shown as 77,7 %; ``pct("91")`` -> 0.91 shown as 91 %."""
    d = Decimal(typed.replace(",", "."))
    decimals = max(0, -d.as_tuple().exponent)
    return Formatted(float(d / 100), "0." + "0" * decimals + "%" if decimals else "0%")


def text(*paragraphs: str) -> str:
    """One text cell: paragraphs (and "- " bullet lines) joined by a line break."""
    return "\n".join(paragraphs)


# --- Socialnämnden, Enköpings kommun, budgetår 2024 (from the published plan) -------------

# The data below is laid out by hand for reading; keep the formatter off it.
# fmt: off

SOCIALNAMNDEN_2024 = {
    "Grunddata": [
        ("Kommun", "Enköpings kommun"),
        ("Nämnd", "Socialnämnden"),
        ("Budgetår", 2024),
        ("Prognosmånad", "Oktober"),
        ("Diarienummer", None),
        ("Beslutsdatum", None),
        ("Kontaktperson", None),
    ],
    "Målbild": [
        ("Tillsammans skapar vi trygghet", text(
            "Socialnämnden ska verka för att de insatser som erbjuds ska ha en hög kvalitet och "
            "vara evidensbaserade. Genom att den enskilde får ett kvalificerat stöd ger det en "
            "trygghet hos både denne och dess nätverk. När vårdinsatsen också ges i den "
            "enskildes hem ökar känslan av trygghet.",
            "Nämnden ska bedriva ett aktivt förebyggande och uppsökande arbete vilket bidrar "
            "till att skapa trygghet både hos den enskilde och i kommunen. Nämndens medarbetare "
            "ska skapa relation med och erbjuda stöd till ungdomar och unga vuxna som finns i "
            "destruktiva miljöer och/eller uppvisar ett normbrytande beteende.",
            "Nämnden ska ge den som är beroende av ekonomiskt bistånd insatser som bidrar till "
            "självförsörjning vilket i sin tur skapar förutsättningar för trygghet både i den "
            "enskilda familjen men också i kommunen då fler personer är självförsörjande. "
            "Nämnden ska arbeta utifrån gällande lagstiftning och upprätthålla en hög "
            "rättssäkerhet som gör den enskilde delaktig i frågor som rör denne och dennes "
            "familj. Medborgare som utsätts för våld i hemmet, beroende av alkohol eller andra "
            "droger eller som har annan social problematik ska känna förtroende för att "
            "kontakta socialnämndens verksamheter.",
        )),
        ("Samhörighet", text(
            "Socialnämnden bidrar till samhörighet i kommunen genom samverkan som sker med "
            "andra parter för medborgarens bästa. Samverkan sker med ett förhållningssätt som "
            "präglas av öppenhet, transparens och god kommunikation. Särskild vikt läggs vid "
            "att medarbetarna ska känna sig som en viktig del av kommunens verksamheter.",
            "Nämndens verksamheter ska arbeta systemiskt och samverka med de andra parter och "
            "myndigheter som är viktiga för den enskilde och dennes familj. Beslut och "
            "beslutsunderlag ska kommuniceras och den enskilde ska göras delaktig i de insatser "
            "som erbjuds.",
        )),
        ("Självständighet", text(
            "Socialnämnden bidrar till självständighet genom sitt fokus på barns och ungdomars "
            "utveckling och välmående. Nämnden ska arbeta för att ge civilsamhället goda "
            "förutsättningar i sitt arbete riktat mot barn och unga. Nämndens medarbetare ges "
            "goda förutsättningar så att de kan utföra ett gott och självständigt arbete.",
            "De insatser som nämnden erbjuder ska vara inriktade på att göra den enskilde "
            "medborgaren mer självständig. När denne blir självförsörjande eller när denne blir "
            "kvitt ett beroende uppnås självständighet och ett oberoende från nämndens "
            "insatser.",
        )),
        ("Stolthet", text(
            "Socialnämnden bidrar till stolthet genom att finnas nära medborgaren. I mötet med "
            "nämndens verksamheter sker relevant och trovärdig information. Medarbetarna görs "
            "delaktiga i verksamhetens utveckling vilket ökar kvaliteten i arbetet och ger en "
            "stolthet hos medborgaren.",
            "Förtroende ger stolthet. Nämndens verksamheter ska ha förtroende hos kommunens "
            "medborgare som genom det vänder sig till förvaltningen vid behov av stöd och "
            "hjälp. Förtroende skapas genom tydlig kommunikation om nämndens uppdrag, "
            "tillgänglighet och ett gott bemötande.",
        )),
    ],
    "Nyckeltal": [
        ("Tillsammans skapar vi trygghet",
         "Brukarbedömning individ- och familjeomsorg totalt - förbättrad situation, andel (%)",
         "%", None, pct("77,7")),
        ("Samhörighet", "Brukarbedömning - totalt helhetssyn", "%", None, pct("91")),
        ("Självständighet",
         "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat "
         "försörjningsstöd, andel (%)",
         "%", pct("75"), pct("62")),
        ("Stolthet", "HME-index (Hållbart medarbetarengagemang)", "%", pct("77"), pct("78")),
        ("Grunduppdrag",
         "Antal etablerade aktiviteter i samverkan mellan nämndens verksamheter och "
         "civilsamhället",
         "antal", None, 5),
        ("Grunduppdrag",
         "Medborgarundersökningen - Socialtjänstens stöd och hjälp till utsatta personer "
         "fungerar bra i kommunen, andel (%)",
         "%", pct("48,9"), pct("47")),
        ("Grunduppdrag",
         "Utredningstid i antal dagar från påbörjad utredning till avslutad utredning inom "
         "barn och ungdom 0-20 år, medelvärde",
         "dagar", 122, 100),
        ("Grunduppdrag",
         "Antal aktualiserade i åldern 9-19 år för missbruk och/eller kriminalitet",
         "antal", 323, 328),
        ("Grunduppdrag",
         "Hur lätt är det att få kontakt med socialsekreteraren via t ex telefon, sms eller "
         "e-post? (Andel som svarar Mycket lätt eller ganska lätt)",
         "%", None, pct("93")),
    ],
    "Satsningar och uppdrag": [
        ("Särskild satsning", "Brottsförebyggande verksamhet", text(
            "Socialnämnden avser att rekrytera medarbetare till en verksamhet som arbetar med "
            "förebyggande och uppsökande socialt arbete riktat mot barn och ungdomar i åldern "
            "10-19 år. Dessa kommer att vara i tjänst på kvällar och helger i syfte att söka upp "
            "ungdomar och skapa relation. Ungdomar som bedöms ha ett normbrytande beteende eller "
            "annan form av social problematik och deras föräldrar erbjuds stöd av "
            "socialförvaltningen. Utöver det kommer arbetet även att vara trygghetsskapande i "
            "kommunen. Arbetet bedrivs i nära samverkan med fritidsgårdar, skola och polis. "
            "Former för att öka samverkan med civilsamhället kommer att utarbetas under 2024. "
            "Socialarbetarna på fältet kopplas organisatoriskt och i det praktiska arbetet med "
            "förvaltningens mottagning vilken blir vägen in för att snabbt och effektivt kunna "
            "erbjuda stöd.",
        )),
        ("Särskild satsning", "Fortsatt verksamhetsutveckling", text(
            "Socialförvaltningen avser att fortsätta att utveckla verksamheten med fokus på att "
            "stödja den enskilde i dennes hem och med insatser från den kommunala öppenvården. "
            "All evidens på området visar att resultatet av insatser från socialtjänsten får "
            "högre kvalitet om dessa ges i öppna former. Det för med sig att nämnden avser att "
            "ha en fortsatt bred öppenvård med hög kompetens.",
            "Avseende beroende av ekonomiskt bistånd så kommer arbetet med att bistå den "
            "enskilde med insatser för att uppnå självförsörjning att fortgå. De senaste två "
            "åren har antalet hushåll med ekonomiskt bistånd minskat. Nämnden ser dock att "
            "fortsatt fokus är angeläget för att ännu fler ska komma ut i självförsörjning. "
            "Nämnden avser även att ha ett fortsatt fokus på bidragsbrott och eventuella försök "
            "att utnyttja välfärden.",
            "Det är sannolikt att en ny Socialtjänstlag träder i kraft under 2025. Den innebär "
            "en stor förändring i arbetssätt där det bl a ska bli lättare för medborgaren att "
            "erhålla insatser från socialtjänsten. Verksamhetsutvecklingen inom nämnden kommer "
            "att ligga i linje med kommande lagstiftning.",
            "Där det så är möjligt avser nämnden att implementera digitala tjänster. Nämnden "
            "har redan idag ett flertal e-tjänster och digitala verktyg men med den snabba "
            "utvecklingen av bl a AI så kan fler komma att bli aktuella under perioden.",
            "Nämnden avser att utveckla samverkan med civilsamhället. Formen för IOP är nu "
            "etablerad. Som ett nästa steg ser nämnden att civilsamhället också ska erbjudas "
            "ett aktivt deltagande inom t ex det brottsförebyggande arbetet.",
        )),
        ("Särskild satsning", "Hållbarhet prioriteras", text(
            "Socialnämnden bidrar till kommunens arbete med hållbarhet på flera sätt. I "
            "förvaltningen finns cyklar att använda för hembesök i stället för bil. "
            "Medarbetarna uppmanas att använda kollektivtrafik om det fungerar. De tjänstebilar "
            "som används drivs av biogas.",
            "Nämnden bidrar till social hållbarhet genom sina förebyggande verksamhet men även "
            "i det arbete som bedrivs med enskilda familjer. Genom att regelbundet följa upp "
            "placerade barn och dess situation skapas en stabilitet och en hållbarhet för dessa "
            "utsatta barn.",
            "Nämnden har som mål att öka antalet IOP (Idéburet offentligt partnerskap) för att "
            "skapa långsiktig social hållbarhet. Genom dessa flerårsavtal ges goda "
            "förutsättningar för civilsamhället att planera och genomföra aktiviteter som "
            "bidrar till social hållbarhet.",
        )),
        ("Uppdrag", "Effektiviseringskrav på nämnderna", text(
            "Socialnämnden har hanterat de krav på effektiviseringar som fullmäktige beslutat "
            "om. För 2024 har budgeten avseende ekonomiskt bistånd minskats då bedömningen är "
            "att förvaltningen kommer att fortsatt bistå den bidragsberoende med insatser för "
            "att nå självförsörjning.",
            "Nämndens inriktning för de kommande åren är att ge kostnadseffektiv stöd och vård "
            "av hög kvalitet i den enskildes närområde. Det arbetet kommer att leda till lägre "
            "kostnader som i sin tur medför att nämnden kan verkställa de krav som finns på "
            "effektiviseringar.",
        )),
    ],
    "Grunduppdrag": [
        ("Målgrupp", "Kvalitetssäkra/bevaka",
         text(
            "Socialnämnden ansvarar för att ge stöd och hjälp till kommunens invånare vilket "
            "sker genom förvaltningens öppenvård eller genom köp av externa aktörer.",
            "Nämnden ansvarar för utredningar och beslut i enlighet med gällande lagstiftning "
            "så som SoL (Socialtjänstlagen), LVU (Lag med särskilda bestämmelser om unga), LVM "
            "(Lag om vård av missbrukare i vissa fall), Föräldrabalken etc.",
            "Nämnden ansvarar för förebyggande och uppsökande arbete riktat mot barn och "
            "ungdomar.",
         ),
         text(
            "Nämndens inflöde av ärenden är stabilt sett till de senaste åren. Det är ingen "
            "drastisk ökning. Pågående verksamhetsutveckling har medfört att extern vård har "
            "omvandlats till insatser från nämndens öppenvård. Antalet personer i skyddat boende "
            "har minskat vilket är en följd av att tiden i skydd har minskat och den "
            "våldsutsatte kan etablera sig på en säker plats. Antalet hushåll med ekonomiskt "
            "bistånd har minskat väsentligt. Det är många förslag om förändringar i "
            "lagstiftning som, om de verkställs, kommer att påverka nämndens verksamheter de "
            "kommande åren.",
         ),
         text(
            "Nämndens kvalitet bedöms som god. I nyligen genomförd brukarundersökning svarar "
            "82% att de är nöjda med det stöd som de fått av socialförvaltningen under det "
            "senaste året.",
            "Under det senaste året har ingen kritik inkommit från tillsynsmyndighet avseende "
            "rättssäkerheten.",
         )),
        ("Medarbetare", "Utveckla/målsätta",
         text(
            "Själva grunden för nämndens arbete är att ha medarbetare med engagemang och "
            "kompetens. För att arbeta med myndighetsutövning gällande barn och ungdomar krävs "
            "socionomer. Det för med sig att det råder en stenhård konkurrens om arbetskraft "
            "bland landets kommuner. Förvaltningen har upprättat en "
            "kompetensförsörjningsplan med aktiviteter i syfte att stärka attraktiviteten för "
            "socialförvaltningen som arbetsgivare. Kortare filmer har producerats i syfte att "
            "använda vid marknadsföring.",
         ),
         text(
            "Nämnden har ett bättre bemanningsläge nu än åren 2020-2022 men det är fortsatt "
            "mycket utmanande att hitta och behålla medarbetare med den kompetens som behövs. "
            "Det är en tuff konkurrens mellan kommunerna i vår region och det sker, i och med "
            "det, en tydlig ökning av lönerna. Socionomer är en bristvara samtidigt som det är "
            "den enda kompetens som får fatta beslut i ärenden rörande barn och unga. "
            "Socionomer med erfarenhet är viktigt att rekrytera för att få en balans i "
            "förvaltningen men det är svårt att attrahera dessa till en anställning. Under 2023 "
            "har köp av konsult använts vid två tillfällen för uppdrag på tre månader vardera.",
         ),
         text(
            "Personalomsättningen är fortsatt hög varför kvalitetsnivån bedöms som lägre än "
            "önskvärt.",
         )),
        ("Ekonomi", "Kvalitetssäkra/bevaka",
         text(
            "Nämnden har ansvar för att dess ekonomiska medel används väl och att nämnden inte "
            "uppvisar underskott i relation till budget vid årets slut.",
         ),
         text(
            "Socialnämnden har visat ett överskott i relation till budget under 2023, 15 MKr. "
            "Överskottet beror på minskade kostnader för ekonomiskt bistånd, skyddade boenden "
            "för våldsutsatta och minskade kostnader för köp av vård. Inför 2024 har "
            "socialnämnden tilldelats medel för en extra satsning för förebyggande och "
            "uppsökande arbete. Nämnden har också verkställt den effektivisering som "
            "fullmäktige beslutat om.",
         ),
         text(
            "Det finns en medvetenhet i förvaltningen som medför att den vård som anlitas har "
            "en hög kvalitet och är kostnadseffektiv. Förvaltningen avropar avtal som SKR "
            "slutit avseende vård vid HVB.",
         )),
    ],
    "Utvecklingsmål": [
        ("Under perioden 2024-2027 ökar och utvecklas samverkan med civilsamhället",
         text(
            "I kommunen finns ett aktivt civilsamhälle med föreningar med olika inriktning. I "
            "det sociala arbete som nämnden utför ses dessa som en resurs för förändring. "
            "Nämnden vill se en nära samverkan med civilsamhället i strategiska frågor men "
            "också i ärenden som rör enskilda.",
         ),
         text(
            "Erbjuda IOP till föreningar med social inriktning.",
            "Använda den enskildes nätverk som resurs.",
            "Ge förutsättningar för att barn och ungdomar ska kunna ta del av föreningars "
            "aktiviteter.",
         ),
         "Nej", "Ja"),
        ("Under perioden 2024-2027 ska förtroendet öka för socialnämndens verksamheter",
         text(
            "Kommunens medborgare ska känna sig trygg med att vända sig till nämndens "
            "verksamheter vid behov av stöd. Likväl ska den som aktualiseras vid nämndens "
            "verksamheter känna förtroende för att ens ärende behandlas rättssäkert och i "
            "delaktighet med den ärendet rör.",
         ),
         text(
            "Nämndens verksamheter ska tydligt kommunicera vilka insatser som finns att "
            "erbjuda.",
            "I kontakten med nämndens verksamheter ska den enskilde tydligt informeras om hur "
            "ens ärende hanteras samt ges möjlighet till delaktighet.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2024-2027 ska socialnämndens verksamheter ha en hög rättssäkerhet",
         text(
            "I kontakt med nämndens verksamheter ska den enskilde känna sig trygg med att "
            "dennes ärende blir korrekt handlagt i enlighet med gällande lagstiftning.",
            # Continues on the next page in the reference, wrapped at this column's width.
            "Särskilt fokus ska läggas på utredningstider i ärenden rörande barn och unga.",
         ),
         text(
            "Nämnden ska ha ett väl fungerande kvalitetsledningssystem. Brister ska "
            "uppmärksammas och ett ständigt lärande ska vara en del av "
            "verksamhetsutvecklingen.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2024-2027 ska socialnämnden arbeta aktivt uppsökande och "
         "förebyggande",
         text(
            "Nämnden vill se att insatser riktas för att förebygga att barn och ungdomar hamnar "
            "i ett normbrytande beteende. Barn och ungdomar ska uppmärksammas tidigt och inte "
            "dras in i kriminalitet och missbruk.",
         ),
         text(
            "De riktade medel som fullmäktige har tilldelat ska användas till att anställa "
            "fältare som i samverkan med resurser inom Familjens hus och övrig del av "
            "förvaltningen söker upp och erbjuder stöd till barn, ungdomar och dess "
            "vårdnadshavare. Arbetet ska ske i samverkan med andra delar av kommunen och andra "
            "aktörer i samhället.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2024-2027 ska Socialnämndens verksamheter ha en hög tillgänglighet",
         text(
            "Den invånare som söker kontakt för stöd eller annan insats ska komma i kontakt med "
            "och få svar av förvaltningen så snart som möjligt.",
         ),
         text(
            "Utveckling av e-tjänster.",
            "Bevakning av telefoner och e-post.",
            "Öppen och tillgänglig mottagning.",
         ),
         "Ja", "Ja"),
    ],
    # Volym, Bokslut 2022, Prognos 2023, Budget 2023, Budget 2024, Plan 2025, Plan 2026
    "Volymer": [
        ("Ekonomiskt bistånd", 487, 405, 505, 475, 480, 485),
        ("Ekonomiskt bistånd, flykting", None, 5, 40, 15, 15, 15),
        ("Ekonomiskt bistånd (personal)", None, 412, 545, 545, 545, 545),
        ("Mottagning", None, 2660, 2250, 2500, 2550, 2550),
        ("Utredning barn", None, 1477, 1670, 1700, 1730, 1730),
        ("Utredning vuxen", None, 475, 510, 510, 510, 510),
        ("Samhällsvård BoU", None, 247, 247, 247, 247, 247),
        ("Familjehem BoU egna fam.hem", 72, 71, 76, 76, 76, 76),
        ("Familjehem BoU konsulentstödda", 17, 21, 15, 20, 20, 20),
        ("Familjehem vuxna konsulentstödda", 0, 0, 1, 0, 0, 0),
        ("Instutionsvård BoU SIS", None, 2, 2, 3, 3, 3),
        ("Institutionsvård BoU", None, 16, 19, 19, 19, 19),
        ("Institutionsvård vuxna SIS", None, 2, 2, 2, 2, 2),
        ("Institutionsvård vuxna", None, 15, 14, 14, 14, 14),
        ("Övrig vuxenvård våld i nära relation", 12, 10, 13, 13, 13, 13),
        ("Öppna insatser vuxen, särskilt boende", None, None, 8, 8, 8, 8),
    ],
    # Verksamhet, Bokslut 2022, Prognos 2023, Budget 2023, Budget 2024, Plan 2025, Plan 2026
    # (Mnkr). The sums reproduce the reference's Totalt exactly; see the module docstring.
    "Driftsbudget": [
        ("Ekonomiskt bistånd", -55.0, -50.9, -59.9, -52.4, -53.5, -54.6),
        ("Ekonomiskt bistånd, flykting", -0.5, 0.1, -1.4, 0.7, -0.5, -0.5),
        ("Familjehem BoU egna fam. hem", -19.8, -20.4, -20.4, -21.8, -21.9, -22.1),
        ("Familjehem BoU konsulentstödda", -14.0, -16.9, -12.3, -16.7, -16.8, -17.0),
        ("Kommungemensam verksamhet", -16.4, -16.9, -16.2, -18.6, -18.1, -18.3),
        ("Nämnd SN", -1.3, -2.1, -1.4, -1.8, -1.5, -1.5),
        ("Öppna insatser BoU", -14.6, -13.9, -16.0, -20.9, -20.4, -20.6),
        ("Ensamkommande flyktingbarn", -0.3, 1.0, 1.1, 0.5, 1.0, 1.0),
        ("Ekonomiskt bistånd (personal)", -8.0, -10.8, -11.6, -12.2, -11.8, -11.9),
        ("Mottagning", -5.3, -8.4, -8.6, -10.4, -10.1, -10.2),
        ("Utredning barn", -15.0, -18.6, -16.5, -16.6, -17.6, -17.7),
        ("Utredning vuxen", -7.0, -8.6, -8.8, -9.5, -9.0, -9.1),
        ("Samhällsvård BoU", -7.2, -10.4, -11.3, -12.5, -11.6, -11.7),
        ("Arbetsmarknadsåtgärder", -7.5, -8.4, -8.4, -9.4, -8.8, -8.9),
        ("Öppna insatser vuxen", -19.9, -19.4, -13.0, -13.6, -13.3, -13.4),
        ("Familjehem vuxen konsulentstödda", -0.4, 0.0, -0.9, 0.0, 0.0, 0.0),
        ("Övrig vuxenvård, våld i nära relation", -14.9, -9.9, -14.5, -13.8, -14.8, -15.0),
        ("Central administration SN", -11.0, -6.7, -3.4, -3.6, -3.5, -3.5),
        ("Verksamhetsledning och utveckling", None, None, -4.5, -1.5, -1.5, -1.5),
        ("Öppna insatser vuxen, externa stödboenden", 0.0, 0.0, -2.1, 0.0, 0.0, 0.0),
        ("Öppna insatser vuxen, särskilt boende", None, None, -6.1, -6.3, -6.3, -6.4),
        ("Institutionsvård BoU", -24.4, -24.2, -24.3, -26.4, -27.7, -28.0),
        ("Institutionsvård vuxen", -12.2, -15.4, -13.3, -14.8, -15.1, -15.2),
    ],
    "Investeringsbudget": [
        ("Möbler, inventarier, IT-system", None, -0.3, -0.3, -0.2, -0.2, -0.2),
    ],
    "Kommentarer": [
        ("Volymer", None, text(
            "Utifrån prognos oktober 2023 är antalet bidragshushåll 405 stycken i snitt per "
            "månad vilket också är angiven som volym. Detta mått är missvisande då det inte tar "
            "upp alla ärenden som avdelningen hanterar varje år. Det verkliga antalet ärenden "
            "som hanteras uppgår till 490 ansökningar i snitt per månad 2023. Om detta mått "
            "skulle sätta som volym skulle verksamhetens budget för ekonomiskt bistånd öka till "
            "mer än verkligt utfall. Därför sätts volymen till 475 ärenden i snitt per månad "
            "under 2024 och 480 stycken respektive 485 ärenden kommande år. Ytterligare en "
            "aspekt som är svår att fånga upp i volymmåttet är den årliga normuppräkningen som "
            "senaste två åren varit 8,6 % - 8,7 %.",
            "Det är fortsatt svårt att rekrytera egna familjehem och en anledning tillskrivs "
            "ersättningsnivåerna då de erhåller högre ersättning via företag. Den målgrupp som "
            "är mest svårplacerad är ungdomar med ett omfattande normbrytande beteende som har "
            "behov av att placeras i familjehem och inte HVB-hem. Detta är även en målgrupp som "
            "ökat under året. När matchning inte kan göras med egna familjehem utifrån den "
            "problematiken har konsulentstödda familjehem anlitats och det har varit fler "
            "årsplaceringar i denna placeringsform jämfört med lagd budet för 2023. Volymen för "
            "denna placeringsform korrigeras inför 2024 till 20 placeringar istället för 15 "
            "stycken.",
        )),
        ("Driftsbudget", "Ekonomiskt bistånd", text(
            "Budgeten för ekonomiskt bistånd korrigeras nedåt utifrån en nedåtgående trend "
            "gällande antalet bidragshushåll samt genom beslutad effektivisering om 2,6 mnkr "
            "under 2024. Totalt summeras förändringen mellan 2023-2024 till en minskning med "
            "7,5 mnkr.",
        )),
        ("Driftsbudget", "Konsulentstödda familjehem", text(
            "Budgeten för konsulentstödda familjehem höjs motsvarande 5 årsplaceringar till "
            "totalt 20 årsplaceringar och budgetförändringen motsvarar 4,4 mnkr. (Se punkt 5.0 "
            "ovan).",
        )),
        ("Driftsbudget", "Personal", text(
            "Personalkostnaderna ökar mellan 2023-2024 för framförallt socialsekreterare. "
            "Nyanställda medarbetare har anställts mot marknadsmässiga löner vilket har varit "
            "högre en den budgetkompensation nämnden har fått tidigare. I budget 2024 ingår en "
            "löneökning om 3 % och sedan en satsning mot socialsekreterare med ytterligare 1 %.",
        )),
        ("Driftsbudget", "Utökad budgetram", text(
            "Nämnden har fått en utökad budget om 4,0 mnkr för fältande verksamhet (beslut "
            "KS2023/706 §285).",
        )),
    ],
    "Hållbarhet": [
        (3, text(
            "Nämnden har i sitt grunduppdrag att verka för insatser som ökar hälsa och "
            "välbefinnande. Medborgare ska med förtroende vända sig till nämndens verksamheter "
            "för att kunna få ett kvalificerat stöd utifrån sina individuella behov. Stödet ska "
            "vara lättillgängligt varför fokus framåt ska vara att ytterligare utveckla digitala "
            "tjänster som kommer kommunens invånare till del.",
        )),
        (4, text(
            "Nämnden ska särskilt uppmärksamma barn och ungdomar i samhällsvård. Evidens visar "
            "att barn som placerats i familjehem eller annan form av vård utanför hemmet har "
            "sämre skolresultat. Nämndens fokus är att följa upp skolgången för dessa och "
            "samarbeta med skolan.",
            "Nämnden ska motivera och visa möjligheter till utbildning för den som är beroende "
            "av ekonomiskt bistånd. Vid upprättande av plan för vägen mot självförsörjning ska "
            "utbildningsinsatser finnas med om så bedöms vara nödvändigt för en snabbare "
            "etablering på arbetsmarknaden.",
        )),
        (11, text(
            "Nämnden ska bidra med sin kunskap i arbetet med att utveckla kommunen. Nämndens "
            "sakkunskap om barns uppväxtvillkor, integration och trygga miljöer ska lyftas fram "
            "och belysas i frågor som rör byggande och planering av kommunens framväxt och "
            "utveckling. Med sitt förebyggande arbete bidrar nämndens verksamheter till "
            "trygghet och ett socialt hållbart samhälle.",
        )),
        (13, text(
            "Nämndens verksamheter reser i sin tjänsteutövning. Resorna ska ske med fordon som "
            "har låg klimatpåverkan. Kollektivtrafik eller cykel ska alltid användas om så är "
            "möjligt. Digitala tjänster ska fortsätta att utvecklas vilket minskar användning "
            "av papper och brev. Källsortering av avfall ska finnas i samtliga lokaler som "
            "nämndens verksamheter finns i.",
        )),
    ],
}


# --- Kultur- och fritidsnämnden, budgetår 2026 (invented test fixture) --------------------

KULTUR_OCH_FRITIDSNAMNDEN_2026 = {
    "Grunddata": [
        ("Kommun", "Enköpings kommun"),
        ("Nämnd", "Kultur- och fritidsnämnden"),
        ("Budgetår", 2026),
        ("Prognosmånad", "Augusti"),
        ("Diarienummer", "KFN2025/123"),
        ("Beslutsdatum", dt.date(2025, 10, 22)),
        ("Kontaktperson", "Maria Holmberg, controller, kultur- och fritidsförvaltningen"),
    ],
    "Målbild": [
        ("Tillsammans skapar vi trygghet", text(
            "Kultur- och fritidsnämnden bidrar till trygghet genom öppna och välkomnande "
            "mötesplatser där barn, unga och vuxna kan vistas på kvällar och helger. "
            "Fritidsgårdarna har vuxna på plats som unga känner och litar på.",
            "Nämnden ska särskilt verka för att:",
            "- fritidsgårdarna har öppet när behovet är som störst,",
            "- biblioteken är trygga och tillgängliga offentliga rum,",
            "- idrottsanläggningarna är väl upplysta och väl underhållna.",
        )),
        ("Samhörighet", text(
            "Föreningslivet är en grundsten i kommunens samhörighet. Nämnden ger föreningarna "
            "goda förutsättningar genom bidrag, rådgivning och tillgång till lokaler och "
            "anläggningar.",
            "Kulturarrangemang och evenemang samlar människor i alla åldrar och från alla delar "
            "av kommunen.",
        )),
        ("Självständighet", text(
            "Kulturskolan och biblioteken ger barn och unga verktyg att uttrycka sig, söka "
            "kunskap och forma sin egen fritid. Ett aktivt fritidsliv främjar hälsa och ett "
            "självständigt liv genom hela livet.",
        )),
        ("Stolthet", text(
            "Ett rikt kulturliv, väl använda idrottsanläggningar och uppskattade evenemang gör "
            "invånarna stolta över sin kommun. Nämnden lyfter fram lokala kulturutövare och "
            "idrottsprestationer i sin kommunikation.",
        )),
    ],
    "Nyckeltal": [
        ("Tillsammans skapar vi trygghet",
         "Andel besökare på fritidsgårdarna som känner sig trygga, andel (%)",
         "%", pct("86"), pct("89,5")),
        ("Tillsammans skapar vi trygghet",
         "Antal öppettimmar per vecka på fritidsgårdarna", "antal", 96, 104),
        ("Samhörighet", "Antal föreningar som får aktivitetsstöd", "antal", 142, 147),
        ("Självständighet",
         "Andel elever i kulturskolan som fortsätter nästa läsår, andel (%)",
         "%", pct("81,2"), pct("83,5")),
        ("Självständighet",
         "Nettokostnad för kultur- och fritidsverksamhet per invånare", "kr", 2480, 2565),
        ("Stolthet", "Nöjd Medborgar-Index - kultur", "index", 61, 63),
        ("Stolthet", "Nöjd Medborgar-Index - idrotts- och motionsanläggningar", "index",
         None, 58),
        # Typed as a plain number, as the contract allows: 88,5 means 88,5 %.
        ("Grunduppdrag", "Beläggningsgrad i idrottshallarna kvällstid, andel (%)", "%",
         88.5, 91),
        ("Grunduppdrag", "Väntetid till plats i kulturskolan, medelvärde", "dagar", 94, 71),
    ],
    "Satsningar och uppdrag": [
        ("Särskild satsning", "Trygga mötesplatser för unga", text(
            "Nämnden utökar fritidsgårdarnas öppettider på fredagar och lördagar från och med "
            "hösten 2026. Satsningen omfattar två nya tjänster som fritidsledare.",
            "Arbetet bedrivs tillsammans med skolorna och föreningslivet och följs upp med en "
            "enkät till besökarna varje termin.",
        )),
        ("Särskild satsning", "Ökad fysisk aktivitet för barn och unga", text(
            "Nämnden erbjuder avgiftsfria lovaktiviteter och prova-på-verksamhet i samarbete "
            "med idrottsföreningarna. Satsningen riktar sig särskilt till barn och unga som i "
            "dag inte är aktiva i någon förening.",
            "Under 2026 genomförs:",
            "- sommarsim för barn i förskoleklass till årskurs 3,",
            "- spontanidrott i idrottshallarna på lördagskvällar,",
            "- lovaktiviteter under sport-, påsk- och höstlov.",
        )),
        ("Uppdrag", "Samordnad lokalbokning", text(
            "Kommunfullmäktige har gett nämnden i uppdrag att samordna bokningen av kommunens "
            "idrottshallar, samlingslokaler och skolans lokaler kvällstid. Ett gemensamt "
            "bokningssystem införs under 2026 och ska ge föreningarna en enklare väg in.",
        )),
    ],
    "Grunduppdrag": [
        ("Målgrupp", "Kvalitetssäkra/bevaka",
         text(
            "Nämnden ansvarar för folkbiblioteken, kulturskolan, allmänkulturen, "
            "fritidsgårdarna och kommunens idrotts- och fritidsanläggningar. Nämnden fördelar "
            "också bidrag till föreningslivet.",
         ),
         text(
            "Besöken på biblioteken har återhämtat sig och ligger över nivån före pandemin. "
            "Efterfrågan på platser i kulturskolan är större än utbudet, främst för piano och "
            "gitarr.",
         ),
         text(
            "Kvaliteten bedöms som god. Väntetiden till kulturskolan har kortats men är "
            "fortfarande längre än nämndens målsättning.",
         )),
        ("Medarbetare", "Kvalitetssäkra/bevaka",
         text(
            "Nämnden ska ha medarbetare med rätt kompetens och en god arbetsmiljö.",
         ),
         text(
            "Personalomsättningen är låg. Det är svårt att rekrytera lärare i kulturskolan "
            "inom vissa instrument.",
         ),
         text(
            "Medarbetarenkäten visar ett högt engagemang och nivån bedöms som god.",
         )),
        ("Ekonomi", "Utveckla/målsätta",
         text(
            "Nämnden ska använda sina resurser effektivt och hålla sin budget. Anläggningarnas "
            "driftskostnader ska minska genom energieffektivisering.",
         ),
         text(
            "Prognosen för 2025 visar ett mindre underskott, främst på grund av höjda "
            "energikostnader i ishallen och badhuset. Åtgärder som har vidtagits:",
            "- sänkt temperatur i simhallen nattetid,",
            "- byte till LED-belysning i två idrottshallar.",
         ),
         text(
            "Kostnadskontrollen är god men anläggningarnas energiförbrukning behöver följas "
            "upp tätare för att nämnden ska nå en budget i balans.",
         )),
    ],
    "Utvecklingsmål": [
        ("Under perioden 2026-2027 ökar antalet unga som besöker fritidsgårdarna",
         text(
            "Fler unga ska ha tillgång till en meningsfull och trygg fritid med engagerade "
            "vuxna.",
         ),
         text(
            "Utökade öppettider på helger.",
            "Uppsökande arbete i samverkan med skolorna.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2026-2027 kortas väntetiden till kulturskolan",
         text(
            "Alla barn som söker till kulturskolan ska få en plats inom en termin.",
         ),
         text(
            "Fler gruppundervisningar och nya ämnen med låg tröskel, till exempel digitalt "
            "skapande.",
         ),
         "Ja", "Nej"),
        ("Under perioden 2026-2027 minskar energianvändningen i idrottsanläggningarna",
         None,
         text(
            "Energikartläggning av samtliga anläggningar.",
            "Investering i styrsystem för belysning och ventilation.",
         ),
         "Nej", "Ja"),
    ],
    # Volym, Bokslut 2024, Prognos 2025, Budget 2025, Budget 2026, Plan 2027, Plan 2028
    "Volymer": [
        ("Besök på folkbiblioteken", 398200, 405000, 400000, 412000, 415000, 418000),
        ("Utlån på folkbiblioteken", 286500, 281000, 290000, 285000, 285000, 285000),
        ("Elever i kulturskolan", 1150, 1185, 1200, 1240, 1260, 1260),
        ("Besök på fritidsgårdarna", 41200, 44800, 43000, 47500, 48000, 48000),
        ("Bokade timmar i idrottshallarna", 52300, 53100, 52000, 54000, 54000, 54500),
        ("Deltagare i lovaktiviteter", None, 2150, 1800, 2600, 2700, 2700),
    ],
    # Verksamhet, Bokslut 2024, Prognos 2025, Budget 2025, Budget 2026, Plan 2027, Plan 2028
    "Driftsbudget": [
        ("Nämnd KFN", -1.12, -1.18, -1.20, -1.22, -1.25, -1.27),
        ("Förvaltningsledning och administration", -8.45, -8.90, -8.70, -9.05, -9.20, -9.35),
        ("Folkbibliotek", -24.60, -25.35, -25.40, -26.15, -26.70, -27.20),
        ("Kulturskola", -15.35, -16.05, -15.90, -16.80, -17.10, -17.40),
        ("Allmänkultur och kulturarv", -9.80, -10.25, -10.30, -10.55, -10.75, -10.95),
        ("Fritidsgårdar", -12.15, -12.70, -12.60, -14.35, -14.60, -14.85),
        ("Idrotts- och fritidsanläggningar", -48.72, -51.40, -49.80, -51.95, -52.80, -53.65),
        ("Föreningsbidrag", -11.40, -11.60, -11.60, -11.90, -12.10, -12.30),
        ("Lovaktiviteter", None, -0.85, -0.80, -1.10, -1.10, -1.10),
        ("Uthyrning av anläggningar och lokaler", 6.25, 6.40, 6.30, 6.55, 6.70, 6.85),
    ],
    "Investeringsbudget": [
        ("Inventarier och IT, bibliotek och kulturskola", -0.85, -0.60, -0.70, -0.75, -0.50,
         -0.50),
        ("Byte av konstgräs på fotbollsplan", None, None, None, -4.20, None, None),
        ("Energieffektivisering idrottsanläggningar", -1.10, -2.35, -2.50, -3.00, -2.00,
         -1.00),
    ],
    "Kommentarer": [
        ("Volymer", None, text(
            "Besöken på folkbiblioteken väntas öka till 412 000 under 2026 när det nya "
            "meröppna biblioteket i en av kommunens tätorter har varit öppet ett helt år.",
            "Lovaktiviteterna har haft fler deltagare än beräknat och volymen räknas upp.",
        )),
        ("Driftsbudget", "Idrotts- och fritidsanläggningar", text(
            "Budgeten ökar främst på grund av högre energikostnader och ökade kostnader för "
            "underhåll av ishallen.",
        )),
        ("Driftsbudget", "Fritidsgårdar", text(
            "Den utökade ramen för fritidsgårdarna används till:",
            "- två nya tjänster som fritidsledare,",
            "- utökade öppettider på fredagar och lördagar.",
        )),
        ("Investeringsbudget", "Byte av konstgräs", text(
            "Konstgräset på fotbollsplanen har nått sin tekniska livslängd och byts under 2026 "
            "mot ett granulatfritt alternativ.",
        )),
    ],
    "Hållbarhet": [
        (3, text(
            "Nämnden främjar hälsa och välbefinnande genom ett brett utbud av idrott, motion "
            "och kultur för alla åldrar.",
        )),
        (10, text(
            "Avgiftsfria lovaktiviteter och bibliotekens öppna verksamhet ger alla barn och "
            "unga samma möjlighet till en meningsfull fritid, oavsett familjens ekonomi.",
        )),
        (11, text(
            "Biblioteken, fritidsgårdarna och idrottsanläggningarna är offentliga mötesplatser "
            "som gör kommunens tätorter levande och trygga.",
            "Nämnden deltar i planeringen av nya bostadsområden så att plats för spontanidrott "
            "och kultur finns med från början.",
        )),
    ],
}


# --- Kultur- och fritidsnämnden, budgetår 2024 (invented example for the batch demo) ------

KULTUR_OCH_FRITIDSNAMNDEN_2024 = {
    "Grunddata": [
        ("Kommun", "Enköpings kommun"),
        ("Nämnd", "Kultur- och fritidsnämnden"),
        ("Budgetår", 2024),
        ("Prognosmånad", "Oktober"),
        ("Diarienummer", "KFN2023/214"),
        ("Beslutsdatum", dt.date(2023, 11, 21)),
        ("Kontaktperson", None),
    ],
    "Målbild": [
        ("Tillsammans skapar vi trygghet", text(
            "Kultur- och fritidsnämnden bidrar till trygghet genom att erbjuda mötesplatser där "
            "barn, unga och vuxna möts under ordnade former. Fritidsgårdarna, biblioteken och "
            "idrottsanläggningarna är offentliga rum som är öppna för alla och där det finns "
            "vuxna på plats även under kvällar och helger.",
            "En aktiv och meningsfull fritid är en av de viktigaste skyddsfaktorerna för barn "
            "och unga. Nämnden ska i samverkan med skolan, polisen och föreningslivet verka för "
            "att fler unga har något att göra och någonstans att vara efter skoltid. Nämndens "
            "anläggningar ska vara trygga att besöka, vilket bland annat innebär:",
            "- god belysning vid entréer, parkeringar och motionsspår,",
            "- fritidsledare och badvärdar med kunskap om att förebygga och hantera konflikter,",
            "- ordningsregler som tas fram tillsammans med besökarna.",
        )),
        ("Samhörighet", text(
            "Kultur- och fritidsnämnden bidrar till samhörighet genom att stödja ett brett och "
            "livaktigt föreningsliv. Föreningarna når många invånare och är en viktig del av det "
            "lokala sammanhanget, i centralorten såväl som i kommunens mindre orter och på "
            "landsbygden.",
            "Kulturarrangemang, nationaldagsfirandet och lovaktiviteterna samlar människor med "
            "olika bakgrund och i olika åldrar. Nämnden ska verka för att utbudet når hela "
            "kommunen, bland annat genom bokbussen, filialbiblioteken och evenemang som turnerar "
            "mellan orterna.",
        )),
        ("Självständighet", text(
            "Biblioteken ger invånarna fri tillgång till kunskap, information och litteratur. "
            "Läsförmåga och digital kompetens är grunden för att kunna delta i samhället och "
            "fatta egna beslut. Biblioteken erbjuder därför stöd i att använda digitala "
            "samhällstjänster för den som behöver det.",
            "Kulturskolan och föreningslivet ger barn och unga möjlighet att utveckla sina "
            "förmågor och sitt eget skapande. Nämnden ska särskilt verka för att barn och unga "
            "som i dag inte deltar i någon organiserad fritidsverksamhet hittar en aktivitet som "
            "passar dem.",
        )),
        ("Stolthet", text(
            "Ett levande kulturliv och välskötta idrotts- och fritidsanläggningar bidrar till att "
            "invånarna är stolta över sin kommun. Evenemang, utställningar och lokala "
            "idrottsprestationer synliggör kommunen både för dem som bor här och för besökare.",
            "Nämndens medarbetare ska ha goda möjligheter att utveckla verksamheten och sin egen "
            "kompetens. Medarbetare som är stolta över sitt arbete ger ett gott bemötande till "
            "besökare och föreningar.",
        )),
    ],
    "Nyckeltal": [
        ("Tillsammans skapar vi trygghet",
         "Andel besökare på fritidsgårdarna som uppger att de känner sig trygga, andel (%)",
         "%", pct("84"), pct("87")),
        ("Samhörighet", "Antal föreningar som får lokalt aktivitetsstöd", "antal", 118, 121),
        ("Samhörighet", "Antal arrangemang inom allmänkulturen utanför centralorten", "antal",
         46, 58),
        ("Självständighet",
         "Andel barn och unga 6-19 år som deltar i kulturskolans verksamhet, andel (%)",
         "%", pct("13,4"), pct("13,7")),
        ("Självständighet", "Aktiva låntagare på folkbiblioteken", "antal", 10850, 11200),
        ("Stolthet", "Nöjd Medborgar-Index - Kultur", "index", 60, 62),
        ("Grunduppdrag", "Nettokostnad för kultur- och fritidsverksamhet per invånare", "kr",
         1868, 1955),
        ("Grunduppdrag",
         "Beläggningsgrad i idrottshallarna vardagar kl. 17-21, andel (%)",
         "%", pct("84,5"), pct("87")),
        ("Grunduppdrag", "Tid från ansökan till beslut om föreningsbidrag, medelvärde", "dagar",
         38, 31),
        ("Grunduppdrag",
         "Andel elever i årskurs 6 som klarar simkunnighetskravet, andel (%)",
         "%", pct("88"), pct("91")),
    ],
    "Satsningar och uppdrag": [
        ("Särskild satsning", "Fler unga i en meningsfull fritid", text(
            "Nämnden har tilldelats 1,5 mnkr för att utöka fritidsgårdarnas verksamhet. Medlen "
            "används till att anställa tre fritidsledare och till att hålla öppet till kl. 23 på "
            "fredagar och lördagar på de två största gårdarna. Under sommarlovet startar en "
            "mobil fritidsgård som besöker kommunens mindre orter.",
            "Satsningen följs upp med besöksstatistik och en enkät till besökarna varje termin. "
            "Resultatet redovisas för nämnden i samband med delårsrapporten.",
        )),
        ("Särskild satsning", "Läsfrämjande för barn och unga", text(
            "Nämnden prioriterar läsfrämjande insatser för barn och unga under hela "
            "planperioden. Folkbiblioteken fördjupar samarbetet med skolbiblioteken och med "
            "barnhälsovården.",
            "Under 2024 genomförs:",
            "- Bokstart, där familjer med små barn får besök och en bokgåva,",
            "- sommarlovsläsning med läsutmaningar och författarbesök,",
            "- bokprat för samtliga klasser i årskurs 4 i samverkan med skolorna.",
        )),
        ("Uppdrag", "Översyn av taxor och avgifter", text(
            "Kommunfullmäktige har gett nämnden i uppdrag att se över taxorna för uthyrning av "
            "idrottsanläggningar och lokaler. Taxorna har inte räknats upp sedan 2019. "
            "Översynen ska ge en högre kostnadstäckning för vuxna och kommersiella hyresgäster, "
            "medan barn- och ungdomsverksamhet fortsatt ska ha låga avgifter.",
            "Förslaget redovisas till kommunstyrelsen senast i juni 2024. I budget 2024 har "
            "intäkterna från uthyrning räknats upp med 0,3 mnkr.",
        )),
    ],
    "Grunduppdrag": [
        ("Målgrupp", "Kvalitetssäkra/bevaka",
         text(
            "Kultur- och fritidsnämnden ansvarar för folkbiblioteken, kulturskolan, "
            "allmänkulturen och kulturarvet, fritidsgårdarna samt kommunens idrottshallar, "
            "idrottsplatser, simhall och motionsspår. Nämnden fördelar också bidrag till "
            "föreningslivet och studieförbunden.",
            "Verksamheterna vänder sig till alla invånare, med särskilt fokus på barn och unga.",
         ),
         text(
            "Besöken på biblioteken och i simhallen har återgått till nivåerna före pandemin och "
            "fortsätter att öka. Utlånen av fysiska medier minskar något medan utlånen av "
            "e-böcker ökar. Fritidsgårdarna har haft fler besökare under 2023 än något tidigare "
            "år, främst på fredagskvällar. Efterfrågan på träningstider i idrottshallarna "
            "kvällstid är större än vad som kan erbjudas, vilket särskilt märks för "
            "inomhusidrotter med många barn- och ungdomslag.",
         ),
         text(
            "Kvaliteten i nämndens verksamheter bedöms som god. Invånarnas betyg på "
            "kulturutbudet i medborgarundersökningen har förbättrats två år i rad.",
            "Bristen på halltider kvällstid är nämndens största kvalitetsutmaning. Den hanteras "
            "genom att skolornas idrottssalar i högre grad öppnas för föreningslivet.",
         )),
        ("Medarbetare", "Kvalitetssäkra/bevaka",
         text(
            "Nämnden ska ha medarbetare med rätt kompetens för att möta besökare och föreningar "
            "på ett professionellt sätt. Förvaltningen arbetar med kompetensutveckling, "
            "regelbundna medarbetarsamtal och ett nära ledarskap.",
         ),
         text(
            "Förvaltningen har omkring 110 medarbetare. Personalomsättningen är låg, men det är "
            "svårt att rekrytera kulturskolelärare inom vissa ämnen och behöriga badvärdar inför "
            "sommarsäsongen. En stor del av verksamheten bedrivs på kvällar och helger, vilket "
            "ställer krav på schemaläggningen och på uppföljningen av arbetsmiljön.",
         ),
         text(
            "Medarbetarenkäten visar ett högt engagemang och sjukfrånvaron är lägre än "
            "kommunens genomsnitt. Kvalitetsnivån bedöms som god.",
         )),
        ("Ekonomi", "Utveckla/målsätta",
         text(
            "Nämnden ska bedriva verksamheten inom tilldelad budgetram och använda resurserna där "
            "de gör störst nytta för invånarna. Anläggningarnas kostnader för energi och "
            "underhåll ska minska över tid.",
         ),
         text(
            "Prognosen per oktober 2023 visar ett underskott om 2,0 mnkr mot budget. "
            "Underskottet beror främst på högre energikostnader i idrottsanläggningarna och "
            "simhallen samt på oplanerade reparationer. Nämnden har vidtagit följande åtgärder:",
            "- sänkt vattentemperatur i simhallens motionsbassäng med en grad,",
            "- ventilation i idrottshallarna som styrs efter bokade tider,",
            "- återhållsamhet med inköp under årets sista månader.",
         ),
         text(
            "Nämndens ekonomiska läge är ansträngt. För att nå en budget i balans 2024 behöver "
            "energiförbrukningen följas upp varje månad och underhållet planeras långsiktigt i "
            "samverkan med fastighetsägaren.",
         )),
    ],
    "Utvecklingsmål": [
        ("Under perioden 2024-2027 ökar andelen barn och unga som deltar i organiserad "
         "fritidsverksamhet",
         text(
            "Barn och unga som deltar i föreningsliv, kulturskola eller fritidsgårdarnas "
            "verksamhet har bättre förutsättningar för god hälsa och goda skolresultat. "
            "Deltagandet är lägre i vissa bostadsområden och bland flickor i tonåren.",
         ),
         text(
            "Prova-på-aktiviteter och lovaktiviteter i samverkan med föreningslivet.",
            "Riktat föreningsbidrag till verksamhet i områden med lågt deltagande.",
            "Kulturskoleundervisning i anslutning till skoldagen.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2024-2027 ökar läsandet bland barn och unga",
         text(
            "Läsförståelse är en förutsättning för lärande och för att kunna ta del av "
            "samhällets information. Allt färre barn och unga läser böcker på fritiden.",
         ),
         text(
            "Bokstart för familjer med små barn.",
            "Samarbete mellan folkbibliotek och skolbibliotek.",
            "Sommarlovsläsning med läsutmaningar och författarbesök.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2024-2027 minskar energianvändningen i nämndens anläggningar",
         text(
            "Idrottsanläggningarna och simhallen står för merparten av nämndens "
            "energianvändning. Minskad energianvändning sänker både kostnaderna och "
            "klimatpåverkan.",
         ),
         text(
            "Energikartläggning av samtliga anläggningar i samverkan med fastighetsägaren.",
            "Byte till LED-belysning och närvarostyrning.",
            "Uppföljning av energiförbrukningen varje månad.",
         ),
         "Nej", "Ja"),
        ("Under perioden 2024-2027 ökar invånarnas nöjdhet med kulturutbudet",
         text(
            "Kulturutbudet ska vara brett och nå invånare i hela kommunen, oavsett ålder och var "
            "i kommunen de bor.",
         ),
         text(
            "Kulturprogram på filialbiblioteken och i bygdegårdarna.",
            "Samverkan med studieförbund och lokala kulturföreningar.",
         ),
         "Ja", "Nej"),
    ],
    # Volym, Bokslut 2022, Prognos 2023, Budget 2023, Budget 2024, Plan 2025, Plan 2026
    "Volymer": [
        ("Besök på folkbiblioteken", 271500, 289000, 280000, 295000, 298000, 300000),
        ("Utlån på folkbiblioteken", 241300, 236000, 245000, 238000, 238000, 238000),
        ("Elever i kulturskolan", 1020, 1055, 1050, 1080, 1100, 1100),
        ("Besök på fritidsgårdarna", 29400, 33800, 31000, 38500, 39000, 39000),
        ("Bokade timmar i idrottshallar och på idrottsplatser", 44600, 45300, 45000, 46000,
         46000, 46500),
        ("Besök i simhallen", 142000, 151000, 148000, 153000, 155000, 155000),
        ("Föreningar med lokalt aktivitetsstöd", 118, 121, 120, 123, 124, 125),
    ],
    # Verksamhet, Bokslut 2022, Prognos 2023, Budget 2023, Budget 2024, Plan 2025, Plan 2026
    # (Mnkr). Totalt: -86,5 -91,7 -89,7 -95,1 -96,8 -98,8; change 23/24 -5,4.
    "Driftsbudget": [
        ("Nämnd KFN", -0.9, -1.0, -1.0, -1.0, -1.0, -1.1),
        ("Förvaltningsledning och administration", -6.2, -6.6, -6.5, -6.8, -6.9, -7.0),
        ("Folkbibliotek", -18.4, -19.2, -19.0, -19.9, -20.3, -20.7),
        ("Kulturskola", -11.3, -11.9, -11.7, -12.4, -12.6, -12.9),
        ("Allmänkultur och kulturarv", -6.3, -6.6, -6.7, -6.8, -6.9, -7.0),
        ("Evenemang och arrangemang", -1.4, -1.7, -1.5, -1.6, -1.6, -1.6),
        ("Fritidsgårdar", -7.8, -8.1, -8.0, -9.5, -9.7, -9.9),
        ("Idrottshallar och idrottsplatser", -24.1, -26.0, -25.0, -26.3, -26.8, -27.3),
        ("Simhall", -8.6, -9.4, -8.9, -9.5, -9.7, -9.9),
        ("Föreningsbidrag", -8.2, -8.4, -8.4, -8.7, -8.9, -9.1),
        ("Uthyrning av anläggningar och lokaler", 4.3, 4.6, 4.5, 4.8, 4.9, 5.0),
        ("Avgifter kulturskola och simhall", 2.4, 2.6, 2.5, 2.6, 2.7, 2.7),
    ],
    "Investeringsbudget": [
        ("Inventarier och IT, bibliotek och kulturskola", -0.6, -0.5, -0.6, -0.7, -0.7, -0.6),
        ("Reinvestering idrottsanläggningar", -3.1, -2.8, -3.0, -3.5, -3.2, -3.0),
        ("Energieffektivisering idrottsanläggningar och simhall", None, -0.9, -1.2, -1.5,
         -1.5, -1.3),
        ("Spontanidrottsplatser och aktivitetsytor", -0.8, -1.1, -1.0, -1.2, -1.2, -1.0),
    ],
    "Kommentarer": [
        ("Volymer", None, text(
            "Besöken på fritidsgårdarna beräknas öka till 38 500 under 2024 när öppettiderna "
            "utökas på fredagar och lördagar. Prognosen för 2023 är 33 800 besök, vilket redan "
            "är fler än budgeterat.",
            "Utlånen av fysiska medier har minskat de senaste åren och volymen för 2024 har "
            "anpassats efter det. Utlån av e-böcker ingår inte i volymen.",
        )),
        ("Driftsbudget", "Fritidsgårdar", text(
            "Nämnden har fått en utökad ram om 1,5 mnkr för fritidsgårdarna. Medlen används "
            "till:",
            "- tre tjänster som fritidsledare,",
            "- kvällsöppet till kl. 23 på fredagar och lördagar på två gårdar,",
            "- en mobil fritidsgård under sommarlovet.",
        )),
        ("Driftsbudget", "Idrottsanläggningar och simhall", text(
            "Budgeten för idrottshallar, idrottsplatser och simhall ökar med sammanlagt 1,9 mnkr. "
            "Ökningen avser främst högre energikostnader och hyreshöjningar enligt "
            "indexklausulerna i hyresavtalen. Intäkterna från uthyrning räknas upp med 0,3 mnkr "
            "efter översynen av taxorna.",
        )),
        ("Driftsbudget", "Folkbibliotek och kulturskola", text(
            "Ökningen för folkbiblioteken (0,9 mnkr) och kulturskolan (0,7 mnkr) avser "
            "löneökningar och högre kostnader för medier och licenser. Verksamheten är i övrigt "
            "oförändrad.",
        )),
        ("Investeringsbudget", None, text(
            "Reinvesteringen i idrottsanläggningarna omfattar under 2024 bland annat ny "
            "belysning på två fotbollsplaner och ersättning av utslitna redskap i "
            "idrottshallarna. Energieffektiviseringen genomförs i samverkan med fastighetsägaren "
            "och ska sänka nämndens kostnader för el och värme.",
        )),
    ],
    "Hållbarhet": [
        (3, text(
            "Nämnden främjar folkhälsan genom idrottsanläggningar, motionsspår och en simhall "
            "som är öppna för alla. Simkunnighet hos barn är en förutsättning för säkerhet vid "
            "vatten, och kultur och fysisk aktivitet bidrar till psykiskt välbefinnande.",
        )),
        (4, text(
            "Biblioteken och kulturskolan bidrar till ett livslångt lärande. Bibliotekens "
            "läsfrämjande arbete stärker barns språkutveckling, och stödet i digitala frågor "
            "gör det lättare för vuxna att ta del av samhällets tjänster.",
        )),
        (5, text(
            "Nämnden följer upp hur föreningsbidrag och halltider fördelas mellan flickor och "
            "pojkar. Aktivitetsstödet redovisas uppdelat efter kön, och nämnden ska verka för "
            "att flickor och pojkar får lika goda förutsättningar till en aktiv fritid.",
        )),
        (11, text(
            "Bibliotek, fritidsgårdar och idrottsplatser är offentliga mötesplatser som gör "
            "kommunens orter levande. Nämnden medverkar i den fysiska planeringen så att ytor "
            "för lek, spontanidrott och kultur finns med när nya bostadsområden byggs.",
        )),
    ],
}


# --- Tekniska nämnden, budgetår 2024 (invented example for the batch demo) ----------------

TEKNISKA_NAMNDEN_2024 = {
    "Grunddata": [
        ("Kommun", "Enköpings kommun"),
        ("Nämnd", "Tekniska nämnden"),
        ("Budgetår", 2024),
        ("Prognosmånad", "Oktober"),
        ("Diarienummer", "TN2023/305"),
        ("Beslutsdatum", dt.date(2023, 11, 23)),
        ("Kontaktperson", None),
    ],
    "Målbild": [
        ("Tillsammans skapar vi trygghet", text(
            "Tekniska nämnden bidrar till trygghet genom att kommunens gator, gång- och "
            "cykelvägar, parker och torg är framkomliga, väl upplysta och väl underhållna. En "
            "trafikmiljö där gående och cyklister känner sig säkra gör det lättare att välja "
            "hållbara färdsätt.",
            "Nämnden prioriterar åtgärder som ökar den upplevda tryggheten, till exempel:",
            "- belysning längs gång- och cykelstråk och i parker,",
            "- röjning av buskar och sly vid gångtunnlar och busshållplatser,",
            "- snabb åtgärd av klotter, skadegörelse och trasig belysning.",
            "Vinterväghållningen ska prioritera gång- och cykelvägar till skolor och förskolor "
            "samt till kollektivtrafikens hållplatser.",
        )),
        ("Samhörighet", text(
            "Parker, lekplatser och torg är platser där invånare möts oavsett ålder och "
            "bakgrund. Nämnden ska skapa och sköta offentliga miljöer som inbjuder till vistelse "
            "och aktivitet i alla kommundelar.",
            "Invånarna ska ges möjlighet att påverka utformningen av sin närmiljö. Inför större "
            "ombyggnader av gator och parker genomför nämnden medborgardialoger, på plats och "
            "digitalt.",
        )),
        ("Självständighet", text(
            "En väl fungerande infrastruktur gör det möjligt för invånarna att på egen hand ta "
            "sig till arbete, skola och fritidsaktiviteter. Nämnden ska verka för att det är "
            "enkelt att gå, cykla och resa kollektivt i hela kommunen.",
            "Tillgänglighetsanpassade hållplatser, övergångsställen och gångstråk gör att fler "
            "invånare med funktionsnedsättning kan röra sig självständigt i det offentliga "
            "rummet.",
        )),
        ("Stolthet", text(
            "Välskötta gator, parker och entréer till staden påverkar hur invånare och besökare "
            "upplever kommunen. Nämnden ska hålla en jämn och god standard i den offentliga "
            "miljön och lyfta fram de platser som gör kommunen särskild, till exempel parkerna "
            "och stråken längs ån.",
            "Medarbetarna i nämndens verksamheter gör ett arbete som syns för invånarna varje "
            "dag. Nämnden ska ge dem goda förutsättningar att ta ansvar för sin del av "
            "verksamheten och att utveckla den.",
        )),
    ],
    "Nyckeltal": [
        ("Tillsammans skapar vi trygghet",
         "Andel felanmälningar om trasig gatubelysning som åtgärdas inom fem arbetsdagar, "
         "andel (%)",
         "%", pct("78"), pct("86")),
        ("Tillsammans skapar vi trygghet",
         "Polisrapporterade trafikolyckor med personskada på det kommunala gatunätet",
         "antal", 41, 36),
        ("Samhörighet", "Genomförda medborgardialoger om gator, parker och torg", "antal", 4, 6),
        ("Självständighet",
         "Andel tillgänglighetsanpassade busshållplatser i tätorterna, andel (%)",
         "%", pct("61"), pct("67")),
        ("Stolthet", "Nöjd Medborgar-Index - Gator och vägar", "index", 52, 54),
        ("Stolthet", "Nöjd Medborgar-Index - Gång- och cykelvägar", "index", 55, 57),
        ("Grunduppdrag",
         "Nettokostnad för gator och vägar inklusive vinterväghållning och gatubelysning per "
         "invånare",
         "kr", 1168, 1271),
        ("Grunduppdrag",
         "Andel av gatubelysningens ljuspunkter som har LED-armatur, andel (%)",
         "%", pct("51,5"), pct("61,2")),
        ("Grunduppdrag",
         "Andel av det kommunala gatunätet med god eller acceptabel beläggningsstandard, "
         "andel (%)",
         "%", pct("72"), pct("74")),
        ("Grunduppdrag", "Tid från felanmälan om potthål till åtgärd, medelvärde", "dagar",
         9, 7),
    ],
    "Satsningar och uppdrag": [
        ("Särskild satsning", "Trafiksäkra skolvägar", text(
            "Under 2024 genomförs trafiksäkerhetsåtgärder vid sex grundskolor. Åtgärderna har "
            "prioriterats utifrån en inventering som gjorts tillsammans med skolorna och "
            "föräldraföreningarna och omfattar:",
            "- hastighetssäkrade övergångsställen,",
            "- tydligare avlämningsplatser för bil skilda från cykelparkeringen,",
            "- kompletterande belysning längs de mest använda skolvägarna.",
            "Åtgärderna finansieras inom investeringsbudgeten för gång- och cykelvägar och för "
            "trafiksäkerhetsåtgärder.",
        )),
        ("Särskild satsning", "Energieffektiv gatubelysning", text(
            "Nämnden fortsätter att byta ut äldre armaturer i gatubelysningen mot LED. 4,0 mnkr "
            "avsätts för bytet 2024, och vid årets slut beräknas drygt 70 procent av "
            "ljuspunkterna ha LED-armatur.",
            "Energibesparingen sänker driftskostnaden för gatubelysningen med 0,5 mnkr jämfört "
            "med budget 2023. I parker och på lokalgator införs samtidigt styrning som dämpar "
            "belysningen under natten där det är lämpligt.",
        )),
        ("Uppdrag", "Parkeringsstrategi för centrala Enköping", text(
            "Kommunfullmäktige har gett nämnden i uppdrag att ta fram en parkeringsstrategi för "
            "de centrala delarna av Enköping. Strategin ska väga behovet av parkering för handel "
            "och besökare mot målet om fler resor till fots, med cykel och med kollektivtrafik.",
            "Förslaget lämnas till kommunstyrelsen under hösten 2024. I avvaktan på strategin "
            "har parkeringsavgifterna räknats upp med index, vilket ger 0,3 mnkr i ökade "
            "intäkter.",
        )),
    ],
    "Grunduppdrag": [
        ("Målgrupp", "Kvalitetssäkra/bevaka",
         text(
            "Tekniska nämnden är väghållare för kommunens gator och gång- och cykelvägar och "
            "ansvarar för drift och underhåll av parker, lekplatser, torg och gatubelysning. "
            "Nämnden ansvarar också för vinterväghållning, trafikplanering och trafiksäkerhet, "
            "kommunens del av kollektivtrafiken samt mark- och exploateringsverksamheten.",
            "Målgruppen är alla som bor i, verkar i eller besöker kommunen.",
         ),
         text(
            "Kommunen växer och nya bostadsområden tillkommer i flera tätorter. Varje nytt "
            "område innebär fler meter gata, gång- och cykelväg och parkmark att sköta. "
            "Beläggningsstandarden har förbättrats något de senaste åren, men en stor del av det "
            "äldre gatunätet behöver åtgärdas. Vintern 2022/2023 var snörik och "
            "vinterväghållningen kostade betydligt mer än budgeterat.",
         ),
         text(
            "Kvalitetsnivån i drift och underhåll bedöms som acceptabel. Invånarnas betyg på "
            "gator och vägar i medborgarundersökningen ligger under genomsnittet för jämförbara "
            "kommuner, vilket främst förklaras av skador i beläggningen. Underhållet av "
            "beläggningar prioriteras därför i investeringsbudgeten.",
         )),
        ("Medarbetare", "Utveckla/målsätta",
         text(
            "Nämnden behöver medarbetare med kompetens inom bland annat trafikplanering, "
            "projektledning, landskapsarkitektur och drift av gator och parker. Förvaltningen "
            "ska vara en arbetsgivare som kan behålla, utveckla och attrahera medarbetare.",
         ),
         text(
            "Det råder brist på trafikplanerare och på projektledare med erfarenhet av "
            "anläggningsprojekt, och konkurrensen med andra kommuner och med konsultföretagen är "
            "hård. Under 2023 har två tjänster varit vakanta under större delen av året. Inom "
            "park och gata är medelåldern hög och flera medarbetare går i pension de närmaste "
            "åren.",
         ),
         text(
            "Bemanningen räcker för den löpande driften men inte för att leda hela "
            "investeringsbudgeten i egen regi, vilket gör verksamheten sårbar. Förvaltningen tar "
            "under 2024 fram en plan för kompetensförsörjning med fokus på projektledning och "
            "på att överföra kunskap från de medarbetare som går i pension.",
         )),
        ("Ekonomi", "Kvalitetssäkra/bevaka",
         text(
            "Nämnden ska bedriva verksamheten inom tilldelad budgetram och planera "
            "investeringarna så att kapitalkostnaderna ryms inom ramen. Underhållet av gator, "
            "parker och belysning ska planeras långsiktigt så att anläggningarna behåller sitt "
            "värde.",
         ),
         text(
            "Prognosen per oktober 2023 visar ett underskott om 4,0 mnkr mot budget. "
            "Underskottet förklaras främst av vinterväghållningen, som efter en snörik vinter "
            "beräknas kosta 2,9 mnkr mer än budgeterat, samt av högre elpriser för "
            "gatubelysningen och lägre intäkter från tomtförsäljning.",
            "Inför 2024 har budgeten för vinterväghållning räknats upp med 1,0 mnkr, så att den "
            "motsvarar genomsnittet för de senaste fem vintrarna.",
         ),
         text(
            "Kostnaderna i den löpande driften följs upp varje månad och hålls i huvudsak inom "
            "budget. Vinterväghållningen är svår att budgetera eftersom kostnaden beror på "
            "vädret. Kapitalkostnaderna ökar i takt med investeringarna och tar en allt större "
            "del av ramen, vilket kräver en tydlig prioritering mellan investeringsprojekten.",
         )),
    ],
    "Utvecklingsmål": [
        ("Under perioden 2024-2027 ökar andelen resor som görs till fots, med cykel eller med "
         "kollektivtrafik",
         text(
            "Fler resor med hållbara färdsätt minskar klimatpåverkan, förbättrar folkhälsan och "
            "frigör yta i tätorterna.",
         ),
         text(
            "Utbyggnad av sammanhängande cykelstråk mellan bostadsområden, skolor och centrum.",
            "Tillgänglighetsanpassning av busshållplatser.",
            "Fler cykelparkeringar vid resecentrum och större målpunkter.",
         ),
         "Ja", "Ja"),
        ("Under perioden 2024-2027 förbättras standarden på det kommunala gatunätet",
         text(
            "Andelen gator med god eller acceptabel beläggningsstandard ska öka så att "
            "underhållsskulden minskar.",
         ),
         text(
            "Ett beläggningsprogram som prioriterar huvudgator och gator med busstrafik.",
            "Samordning av beläggningsarbeten med ledningsarbeten.",
            "Årlig inventering av beläggningarnas skick.",
         ),
         "Ja", "Nej"),
        ("Under perioden 2024-2027 minskar energianvändningen för gatubelysningen",
         text(
            "Gatubelysningen är nämndens största elförbrukare. Lägre förbrukning minskar både "
            "kostnaderna och klimatpåverkan.",
         ),
         text(
            "Byte till LED-armaturer enligt plan.",
            "Styrning av belysningen efter tid och behov i parker och på lokalgator.",
         ),
         "Nej", "Ja"),
        ("Under perioden 2024-2027 ökar tryggheten i kommunens offentliga miljöer",
         text(
            "Invånarna ska känna sig trygga när de rör sig i parker, på torg och längs gång- och "
            "cykelvägar, även kvällstid.",
         ),
         text(
            "Trygghetsvandringar tillsammans med invånare, polis och fastighetsägare.",
            "Åtgärder på de platser som pekas ut som otrygga vid trygghetsvandringarna.",
         ),
         "Ja", "Ja"),
    ],
    # Volym, Bokslut 2022, Prognos 2023, Budget 2023, Budget 2024, Plan 2025, Plan 2026
    "Volymer": [
        ("Kommunala gator och vägar, km", 246, 248, 248, 251, 254, 256),
        ("Gång- och cykelvägar, km", 131, 135, 135, 141, 147, 152),
        ("Belysningspunkter", 11850, 11920, 11900, 12000, 12080, 12150),
        ("Belysningspunkter med LED", 6100, 7300, 7200, 8500, 9800, 11000),
        ("Skött parkmark, hektar", 306, 309, 309, 313, 316, 319),
        ("Lekplatser", 49, 49, 49, 48, 48, 47),
        ("Utryckningar för snöröjning", 16, 22, 17, 17, 17, 17),
        ("Resor med tätortstrafiken, tusental", 742, 806, 790, 830, 850, 870),
    ],
    # Verksamhet, Bokslut 2022, Prognos 2023, Budget 2023, Budget 2024, Plan 2025, Plan 2026
    # (Mnkr). Totalt: -107,4 -117,5 -113,5 -120,0 -122,8 -125,6; change 23/24 -6,5.
    "Driftsbudget": [
        ("Nämnd TN", -0.8, -0.9, -0.9, -0.9, -0.9, -1.0),
        ("Förvaltningsledning och administration", -8.6, -9.1, -9.0, -9.4, -9.6, -9.8),
        ("Gator och vägar, drift och underhåll", -32.8, -34.6, -34.0, -35.8, -36.5, -37.2),
        ("Vinterväghållning", -13.2, -16.4, -13.5, -14.5, -14.5, -14.5),
        ("Gatubelysning", -8.1, -8.6, -8.4, -7.9, -7.6, -7.3),
        ("Parker och grönområden", -13.9, -14.4, -14.3, -14.9, -15.2, -15.5),
        ("Trafiksäkerhet och trafikplanering", -2.6, -2.9, -3.0, -3.2, -3.2, -3.3),
        ("Kollektivtrafik", -19.5, -20.6, -20.4, -21.8, -22.4, -23.0),
        ("Kapitalkostnader", -17.1, -18.3, -18.4, -20.1, -21.6, -23.0),
        ("Mark och exploatering", 2.9, 1.6, 1.8, 1.5, 1.6, 1.7),
        ("Parkeringsavgifter", 4.2, 4.5, 4.4, 4.7, 4.8, 4.9),
        ("Arrenden och upplåtelse av allmän platsmark", 2.1, 2.2, 2.2, 2.3, 2.3, 2.4),
    ],
    "Investeringsbudget": [
        ("Gator och vägar, reinvestering", -21.4, -23.8, -24.0, -25.0, -25.0, -26.0),
        ("Gatubelysning, byte till LED", -3.2, -3.6, -3.5, -4.0, -4.0, -3.5),
        ("Gång- och cykelvägar", -5.1, -6.2, -7.0, -8.0, -8.0, -7.0),
        ("Parker och lekplatser", -2.4, -2.7, -2.5, -3.0, -3.0, -2.8),
        ("Trafiksäkerhetsåtgärder och tillgänglighet", -1.2, -1.4, -1.5, -1.5, -1.5, -1.5),
    ],
    "Kommentarer": [
        ("Volymer", None, text(
            "Gatunätet och gång- och cykelvägarna blir längre när nya bostadsområden tas i "
            "drift. Under 2024 överförs gator och grönytor i två exploateringsområden till "
            "nämndens förvaltning.",
            "Antalet lekplatser minskar med en under 2024 och en under 2026, när mindre och "
            "slitna lekplatser ersätts av färre men större lekplatser med fler aktiviteter.",
        )),
        ("Driftsbudget", "Vinterväghållning", text(
            "Budgeten för vinterväghållning räknas upp med 1,0 mnkr till 14,5 mnkr, vilket "
            "motsvarar genomsnittet för de senaste fem vintrarna. En snörik vinter kan ändå ge "
            "ett underskott, och nämnden redovisar i så fall avvikelsen särskilt.",
        )),
        ("Driftsbudget", "Gatubelysning och kapitalkostnader", text(
            "Kostnaden för gatubelysningen minskar med 0,5 mnkr när fler armaturer byts till "
            "LED. Kapitalkostnaderna ökar med 1,7 mnkr till följd av de senaste årens "
            "investeringar i gator och cykelvägar och fortsätter att öka under planperioden.",
        )),
        ("Driftsbudget", "Kollektivtrafik", text(
            "Kostnaden för kollektivtrafiken ökar med 1,4 mnkr enligt avtalet med den regionala "
            "kollektivtrafikmyndigheten. Ökningen beror på indexuppräkning och på tätare turer i "
            "tätortstrafiken från augusti 2024.",
        )),
        ("Investeringsbudget", "Gator och vägar", text(
            "Reinvesteringen i gator och vägar omfattar beläggningsprogrammet och förnyelse av "
            "gator i samband med ledningsarbeten. Under 2024 prioriteras huvudgator med "
            "busstrafik. Investeringen i gång- och cykelvägar avser bland annat ett nytt stråk "
            "mellan ett av de nya bostadsområdena och centrum samt åtgärderna för trafiksäkra "
            "skolvägar.",
        )),
    ],
    "Hållbarhet": [
        (9, text(
            "Nämnden bygger och underhåller kommunens gator, vägar och gång- och cykelvägar, en "
            "infrastruktur som är en förutsättning för att kommunen ska kunna växa. Vid "
            "upphandling av entreprenader ställer nämnden krav på återvunnet material i "
            "beläggningarna och på fossilfria arbetsmaskiner.",
        )),
        (11, text(
            "Trygga, tillgängliga och gröna offentliga miljöer gör tätorterna hållbara och "
            "attraktiva att bo i. Tillgänglighetsanpassade hållplatser och gångstråk gör det "
            "möjligt för fler att resa kollektivt.",
        )),
        (13, text(
            "Nämnden minskar sin klimatpåverkan genom byte till LED-belysning och genom att göra "
            "det enklare att gå, cykla och åka kollektivt. Parker och grönytor utformas så att "
            "de kan ta emot dagvatten vid kraftiga skyfall, vilket minskar skadorna på "
            "bebyggelse och gator.",
        )),
        (15, text(
            "Parkerna och grönområdena sköts så att den biologiska mångfalden gynnas, bland "
            "annat genom:",
            "- ängsytor i stället för klippt gräsmatta där det är lämpligt,",
            "- faunadepåer av död ved,",
            "- plantering av växter som gynnar pollinerande insekter.",
        )),
    ],
}

# fmt: on


EXAMPLES = (
    (ROOT / "indata" / "socialnamnden-2024.xlsx", 2024, SOCIALNAMNDEN_2024),
    (
        ROOT / "tests" / "fixtures" / "kultur-och-fritidsnamnden-2026.xlsx",
        2026,
        KULTUR_OCH_FRITIDSNAMNDEN_2026,
    ),
    (
        ROOT / "indata" / "kultur-och-fritidsnamnden-2024.xlsx",
        2024,
        KULTUR_OCH_FRITIDSNAMNDEN_2024,
    ),
    (ROOT / "indata" / "tekniska-namnden-2024.xlsx", 2024, TEKNISKA_NAMNDEN_2024),
)


def main() -> None:
    cfg = load_config(ROOT / "templates")
    for path, year, sheets in EXAMPLES:
        rows = {name: [list(row) for row in data] for name, data in sheets.items()}
        for name, data in rows.items():  # the writer pads short rows; here they are typos
            width = len(SHEETS_BY_NAME[name].columns) if name in SHEETS_BY_NAME else 2
            bad = [row for row in data if len(row) != width]
            if bad:
                raise ValueError(f"{name}: {width} columns expected, got {bad[0]!r}")
        grunddata = dict(rows.pop(GRUNDDATA_SHEET))
        write_workbook(path, year, cfg, grunddata=grunddata, rows=rows)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
