"""Validate a read workbook against the contract; return typed rows and findings.

Each cell is first parsed by its column's kind (numbers typed as text, percent formats,
control characters, closed lists matched case-insensitively), then checked by a cerberus
schema built from ``contract``; cross-row checks (a perspective twice, a missing sheet)
follow. Every finding names its ``Sheet!Cell`` and says, in Swedish, what to type instead.
Nothing here raises on bad input: problems are values.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from cerberus import TypeDefinition, Validator
from cerberus.errors import BaseErrorHandler, ValidationError

from pipeline.common import numfmt
from pipeline.common.findings import Findings
from pipeline.read.workbook import CellValue, RawSheet, RawWorkbook, _cell_ref, as_date
from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import (
    AGENDA_2030,
    GRUNDDATA_EXTRA_HEADERS,
    GRUNDDATA_HEADERS,
    GRUNDDATA_SHEET,
    MANADER,
    MAX_YEAR,
    MIN_YEAR,
    PLAN,
    Column,
    Contract,
    Kind,
    SheetSpec,
)
from pipeline.spec.followup import PERIOD_FIELD, RAPPORT_FIELD, REPORT_NAMES, REPORTS_BY_NAME

Row = dict[str, CellValue]

EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!",
                "#CALC!", "#GETTING_DATA")  # fmt: skip
_ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Compiled when first needed (re caches it): a number typed as text is rare, and compiling
# this pattern was about 1 ms of every run.
_NUMBER_TEXT = (
    r"^[+\-\u2212]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:[,.]\d+)?$|^[+\-\u2212]?\d+(?:[,.]\d+)?$"
)


class ValidWorkbook(NamedTuple):
    """The workbook's values, typed, with their cells; only complete when there are no errors."""

    year: int | None
    grunddata: dict[str, CellValue]
    rows: dict[str, list[Row]]  # filled sheet by sheet
    #: the contract it was checked against: contract.PLAN or followup.FOLLOWUP
    contract: Contract = PLAN

    @property
    def is_followup(self) -> bool:
        return self.contract.is_followup

    @property
    def report(self) -> str | None:
        """A follow-up's Rapport (Tertialrapport, Delårsrapport, Verksamhetsberättelse)."""
        cell = self.grunddata.get("Rapport")
        return cell.value if cell is not None and isinstance(cell.value, str) else None

    @property
    def period(self) -> str | None:
        """A follow-up's last month of the period (Period till och med), e.g. Augusti."""
        cell = self.grunddata.get("Period till och med")
        return cell.value if cell is not None and isinstance(cell.value, str) else None


_TYPES = {**Validator.types_mapping,
          "number": TypeDefinition("number", (int, float, Decimal), (bool,))}  # fmt: skip


def _validator(schema: dict[str, Any]) -> Validator:
    """A cerberus validator with Decimal counted as a number (amounts are Decimals, never
    floats).

    The type table is set on the instance before the schema: a Validator subclass would
    make cerberus parse all its rules' docstrings again at import, about 2 ms of every
    command (issue 6). Only the existing type name "number" is redefined, so the schema
    check, which knows the class's type names, is unaffected.
    """
    validator = Validator(error_handler=_CollectingHandler)
    validator.types_mapping = _TYPES
    validator.schema = schema
    return validator


class _CollectingHandler(BaseErrorHandler):
    """Makes ``Validator.errors`` return the raw ValidationError objects."""

    def __call__(self, errors: Any) -> list[ValidationError]:  # type: ignore[override]
        return list(errors or [])


def cerberus_schema(spec: SheetSpec, choices: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """The cerberus schema of one data sheet's rows, derived from the contract."""
    schema: dict[str, Any] = {}
    for col, allowed in zip(spec.columns, choices, strict=True):
        rule: dict[str, Any] = {"nullable": not col.required}
        if col.kind in (Kind.TEXT, Kind.LABEL):
            rule["type"] = "string"
        elif col.kind in (Kind.MONEY, Kind.COUNT, Kind.FIGURE):
            rule["type"] = "number"
        elif col.kind is Kind.AGENDA:
            rule.update(type="integer", min=1, max=len(AGENDA_2030))
        if allowed:
            rule["allowed"] = list(allowed)
        if col.kind is Kind.COUNT:
            rule["min"] = 0
        schema[col.key] = rule
    return schema


# --- cell parsing -------------------------------------------------------------------------


def clean_text(text: str) -> tuple[str, bool]:
    """Remove characters that cannot go into a Word document; say whether any were removed.

    Excel's ``_xHHHH_`` escapes are already decoded by the reader (pipeline/read/xlsx.py), so a
    control character arrives here as itself; a carriage return has become a line break.
    """
    cleaned = _ILLEGAL_CHARS.sub("", text)
    return cleaned, cleaned != text


def parse_number_text(text: str) -> Decimal | None:
    """A number a controller typed as text: ``-52,4``, ``2 660``, ``−1,5``, ``77,7 %``."""
    t = text.strip().rstrip("%").strip()
    if not re.match(_NUMBER_TEXT, t):
        return None
    t = t.replace("\u2212", "-").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    try:
        return Decimal(t.replace(",", "."))
    except InvalidOperation:
        return None


# No amount (Mnkr) or other figure of a plan is this large: a slip, or not a number at all.
MAX_MONEY = Decimal(1_000_000)
MAX_FIGURE = Decimal(10) ** 12
MAX_SHOWN_CHARS = 40  # a value quoted in a message is cut after this many characters

# Excel's words for a formula's TRUE and FALSE as a Swedish Excel shows them.
SANT, FALSKT = "SANT", "FALSKT"


def _bool_text(value: bool) -> str:
    return SANT if value else FALSKT


def _to_decimal(value: float | int) -> Decimal:
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


class _SheetChecker:
    def __init__(self, findings: Findings, year: int | None = None,
                 cfg: KommunConfig | None = None):  # fmt: skip
        self.f = findings
        self.year = year
        self.cfg = cfg
        # The largest amount in the kommun's unit (MAX_MONEY is in Mnkr).
        per_unit = Decimal(str(cfg.amount.mnkr_per_unit)) if cfg is not None else Decimal(1)
        self.max_money = MAX_MONEY / per_unit

    def help(self, col: Column) -> str:
        return self.cfg.column_help(col) if self.cfg is not None else col.help

    def header(self, col: Column) -> str:
        return col.header_for(self.year) if self.year else col.header

    def text(self, cell: CellValue, label: bool) -> Any:
        v = cell.value
        if v is None:
            return None
        if isinstance(v, bool):
            return "Ja" if v else "Nej"
        if isinstance(v, (int, float)):
            return _plain_number(v)
        if isinstance(v, (datetime, date)):
            return v.isoformat()[:10]
        text, changed = clean_text(str(v))
        if changed:
            self.f.warning(
                cell.sheet,
                cell.ref,
                "Texten innehöll osynliga styrtecken som inte kan "
                "stå i ett Word-dokument; de har tagits bort.",
                "Kontrollera texten i cellen.",
            )
        text = text.strip()
        if label:
            text = " ".join(text.split())
        return text or None

    def number(self, cell: CellValue, col: Column) -> Any:
        v = cell.value
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, bool):
            return _bool_text(v)  # cerberus reports the type
        if isinstance(v, (int, float)):
            d = _to_decimal(v)
            if col.kind is Kind.FIGURE and cell.is_percent_format:
                d = (d * 100).normalize()
            return self._plausible(cell, col, d)
        if isinstance(v, str):
            if v.strip() in EXCEL_ERRORS:
                return v.strip()
            parsed = parse_number_text(v)
            if parsed is not None:
                self._number_as_text(cell, col, v.strip())
                return self._plausible(cell, col, parsed)
            return v.strip()
        return str(v)

    def _plausible(self, cell: CellValue, col: Column, d: Decimal) -> Decimal | None:
        """``d``, or None with an error when no figure of this kind can be that large (a
        400-digit number, or infinity from a number too long for Excel)."""
        limit = self.max_money if col.kind is Kind.MONEY else MAX_FIGURE
        if d.is_finite() and abs(d) < limit:
            return d
        self.f.error(
            cell.sheet,
            cell.ref,
            f"Talet {_shown(d)} är orimligt stort för {self.header(col)}.",
            self.help(col),
        )
        return None

    def _number_as_text(self, cell: CellValue, col: Column, text: str) -> None:
        if "\u2212" in text:
            # Excel's "Konvertera till tal" leaves a U+2212 minus as text.
            hint = ('Det har lästs som ett tal. Excels "Konvertera till tal" klarar inte det '
                    'långa minustecknet (−): använd Sök och ersätt (Ctrl+H), ersätt "−" med '
                    '"-" i kolumnen, eller skriv om talet.')  # fmt: skip
        else:
            hint = ('Det har lästs som ett tal. Skriv om talet, eller markera cellerna och välj '
                    '"Konvertera till tal" i varningsikonen bredvid dem.')  # fmt: skip
        self.f.warning(
            cell.sheet,
            cell.ref,
            f'Talet "{text}" är sparat som text.',
            hint,
            group=f'Tal i kolumnen "{self.header(col)}" är sparade som text',
        )

    def choice(self, cell: CellValue, allowed: tuple[str, ...]) -> Any:
        v = cell.value
        if v is None:
            return None
        if isinstance(v, bool):
            # TRUE/FALSE from a formula (=B2>0) in a Ja/Nej column means Ja/Nej.
            yes_no = {"ja": "Ja", "nej": "Nej"}
            word = yes_no["ja" if v else "nej"]
            return word if word in allowed else _bool_text(v)
        text = " ".join(str(v).split())
        if not text:
            return None
        for option in allowed:
            if option.casefold() == text.casefold():
                return option
        return text

    def agenda(self, cell: CellValue) -> Any:
        v = cell.value
        if v is None:
            return None
        if isinstance(v, bool):
            return _bool_text(v)
        if isinstance(v, (int, float)):
            if isinstance(v, float) and not v.is_integer():
                return _plain_number(v)
            return int(v)
        text = str(v).strip()
        if not text:
            return None
        m = re.match(r"^(?:mål\s*)?(\d{1,2})\b", text, re.IGNORECASE)
        if m:
            return int(m[1])
        for goal in AGENDA_2030:
            if goal.name.casefold().rstrip("na") == text.casefold().rstrip("na"):
                return goal.number
        return text


def _plain_number(v: int | float) -> str:
    if isinstance(v, int):
        return str(v)
    return str(int(v)) if v.is_integer() else str(v).replace(".", ",")


# --- messages -------------------------------------------------------------------------------


def _kind_noun(col: Column) -> str:
    return {
        Kind.MONEY: "ett belopp",
        Kind.COUNT: "ett antal",
        Kind.FIGURE: "ett tal",
        Kind.AGENDA: "ett målnummer",
    }.get(col.kind, "en text")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return _bool_text(value)
    if isinstance(value, Decimal):
        text = format(value, "f").replace(".", ",") if value.is_finite() else "oändligt"
    else:
        text = str(value)
    if len(text) > MAX_SHOWN_CHARS:
        text = f"{text[: MAX_SHOWN_CHARS - 12]}… ({len(text)} tecken)"
    return text


def _required_hint(col: Column, allowed: tuple[str, ...], help_text: str,
                   document: str = "planen") -> str:  # fmt: skip
    """What to do about an empty required cell: what belongs in it, or remove the row."""
    if allowed:
        return f"Välj ett av: {', '.join(allowed)}; eller ta bort raden om den inte ska vara med."
    if col.kind is Kind.TEXT:
        return f"Skriv texten i cellen, eller ta bort raden om den inte ska vara med i {document}."
    if col.kind is Kind.AGENDA:
        return "Skriv Agenda 2030-målets nummer, 1–17, eller ta bort raden."
    return f"{help_text} Ta bort raden om den inte ska vara med."


def _message(
    err: ValidationError,
    col: Column,
    header: str,
    value: Any,
    allowed: tuple[str, ...] = (),
    help_text: str | None = None,
    document: str = "planen",
) -> tuple[str, str]:
    rule = err.rule
    help_text = col.help if help_text is None else help_text
    if rule == "nullable":
        return f"{header} måste fyllas i.", _required_hint(col, allowed, help_text, document)
    if rule == "allowed":
        options = ", ".join(err.constraint)
        return (
            f'"{_shown(value)}" är inte ett tillåtet värde för {header}.',
            f"Välj ett av: {options}.",
        )
    if rule == "type":
        if isinstance(value, str) and value in EXCEL_ERRORS:
            return (
                f"Formeln i cellen ger felet {value}.",
                "Rätta formeln så att den ger ett tal, eller skriv talet direkt.",
            )
        return f'"{_shown(value)}" är inte {_kind_noun(col)}.', help_text
    if rule in ("min", "max"):
        if col.kind is Kind.AGENDA:
            return (f"{_shown(value)} är inget Agenda 2030-mål.", "Skriv målets nummer, 1–17.")
        return f"{_shown(value)} är för litet eller för stort för {header}.", help_text
    return f'Ogiltigt värde "{_shown(value)}" ({rule}).', help_text


# --- sheets -----------------------------------------------------------------------------------


def _near_miss(name: str, raw: RawWorkbook, contract: Contract = PLAN) -> str | None:
    """A sheet of the workbook that is probably ``name`` misspelt: the same but for case and
    spacing, else the closest name that is not a contract sheet itself ("Driftbudget")."""
    import difflib

    by_fold = {n.casefold().strip(): n for n in raw.sheets}
    if name.casefold() in by_fold:
        return by_fold[name.casefold()]
    names = contract.sheet_names
    others = {n.casefold(): n for n in raw.sheet_names if n not in names}
    close = difflib.get_close_matches(name.casefold(), list(others), n=1, cutoff=0.8)
    return others[close[0]] if close else None


# The sheet that tells a plan (Driftsbudget) from a follow-up (Driftsredovisning).
_KIND_SHEETS = {"plan": "Driftsbudget", "followup": "Driftsredovisning"}


def _other_kind(raw: RawWorkbook, findings: Findings, contract: Contract) -> bool:
    """Whether the workbook has the other kind's sheets instead of its own: a plan with a
    Rapport row in Grunddata, or a follow-up without one. Said once, instead of a missing
    sheet and a wrong header each: the sheets are not checked further."""
    own = _KIND_SHEETS[contract.kind]
    other = next(v for k, v in _KIND_SHEETS.items() if k != contract.kind)
    if own in raw.sheets or other not in raw.sheet_names:
        return False
    if contract.is_followup:
        findings.error(GRUNDDATA_SHEET, "", f"Grunddata har fältet {RAPPORT_FIELD}, så "
                       f"arbetsboken granskas som en uppföljning, men den har en nämndplans "
                       f"blad ({other}) och inte en uppföljnings ({own}).",
                       f"Är det en nämndplan: ta bort raden {RAPPORT_FIELD} på bladet "
                       "Grunddata. En uppföljning görs från planen med namndplan followup.")  # fmt: skip
    else:
        findings.error(GRUNDDATA_SHEET, "", f"Arbetsboken har en uppföljnings blad ({other}) "
                       f"men Grunddata saknar fältet {RAPPORT_FIELD}, så den granskas som en "
                       "nämndplan.",
                       f"Är det en uppföljning: lägg till raderna {RAPPORT_FIELD} "
                       f"({', '.join(REPORT_NAMES)}) och {PERIOD_FIELD} på bladet "
                       "Grunddata.")  # fmt: skip
    return True


def _check_sheets_present(raw: RawWorkbook, findings: Findings, contract: Contract) -> None:
    for name in contract.sheet_names:
        if name in raw.sheets:
            continue
        near = _near_miss(name, raw, contract)
        if near:
            findings.error(
                name,
                "",
                f'Bladet "{name}" saknas; det finns ett blad som heter "{near}".',
                f'Byt namn på bladet till "{name}".',
            )
        elif contract.is_followup and not _required_sheet(name, contract):
            # A report's optional part (Åtgärder without a deficit, say) may be left out of
            # a workbook written by hand: it is an empty sheet, said once, nothing is lost.
            findings.warning(
                name,
                "",
                f'Bladet "{name}" saknas i arbetsboken; det räknas som tomt.',
                "Lägg till bladet från en tom mall (namndplan template --rapport …) om "
                "avsnittet ska ha innehåll.",
            )
        else:
            findings.error(
                name,
                "",
                f'Bladet "{name}" saknas i arbetsboken.',
                "Utgå från den tomma mallen i input_templates/ och kopiera in uppgifterna där.",
            )


def _required_sheet(name: str, contract: Contract) -> bool:
    """Grunddata, and a data sheet that must have rows (Sammanfattning, Driftsredovisning …)."""
    spec = contract.sheets_by_name.get(name)
    return spec is None or spec.required_rows


class WrongYear(NamedTuple):
    """A header with the right word and another year: ``Budget 2025`` where 2026 belongs."""

    sheet: str
    ref: str
    got: str
    want: str
    implied: int  # the Budgetår the header was written for


def _check_headers(
    sheet: RawSheet,
    expected: list[tuple[str, Column | None]],
    year: int | None,
    findings: Findings,
    wrong_years: list[WrongYear],
    extra_allowed: tuple[str, ...] = (),
    computed: tuple[tuple[str, str], ...] = (),
    document: str = "planen",
) -> None:
    """Row 1 against the contract. Headers with a wrong year are collected in
    ``wrong_years`` (reported by ``_report_wrong_years``, once when they all agree); a
    header after the contract's columns is warned about: that column is not read."""
    for i, (want, col) in enumerate(expected):
        cell = sheet.header[i] if i < len(sheet.header) else None
        ref = _cell_ref(1, i + 1)
        got = " ".join(str(cell.value).split()) if cell and not cell.is_empty else ""
        if col is not None and col.year_offset is not None and year is None:
            # Budgetår unknown: check the word, not the year.
            if not re.fullmatch(rf"{re.escape(col.header)} \d{{4}}", got):
                findings.error(
                    sheet.name,
                    ref,
                    f'Rubriken ska vara "{col.header} <år>" men är "{got}".'
                    if got
                    else f'Rubriken "{col.header} <år>" saknas.',
                )
            continue
        if got == want:
            continue
        wrong_year = (
            col is not None
            and col.year_offset is not None
            and re.fullmatch(rf"{re.escape(col.header)} (\d{{4}})", got)
        )
        if not got:
            findings.error(
                sheet.name,
                ref,
                f'Rubriken "{want}" saknas.',
                f'Skriv "{want}" i cellen; kolumnernas ordning får inte ändras.',
            )
        elif wrong_year and col is not None and col.year_offset is not None:
            implied = int(wrong_year[1]) - col.year_offset
            wrong_years.append(WrongYear(sheet.name, ref, got, want, implied))
        else:
            findings.error(
                sheet.name,
                ref,
                f'Rubriken är "{got}" men ska vara "{want}".',
                "Kolumnernas namn och ordning får inte ändras.",
            )
    for cell in sheet.header[len(expected) :]:
        got = " ".join(str(cell.value).split()) if not cell.is_empty else ""
        what = next((w for h, w in computed if h.casefold() == got.casefold()), None)
        if got and what is not None:
            findings.warning(
                sheet.name,
                cell.ref,
                f'Kolumnen "{got}" är inskriven för hand. {what} och visas i rapporten; '
                "en inskriven kolumn läses inte.",
                "Ta bort kolumnen.",
            )
        elif got and got not in extra_allowed:
            findings.warning(
                sheet.name,
                cell.ref,
                f'Kolumnen "{got}" ingår inte i arbetsbokens mall och kommer inte med i '
                f"{document}.",
                "Flytta uppgifterna till rätt kolumn, eller ta bort kolumnen om den bara "
                "är en anteckning.",
            )


def _report_wrong_years(
    wrong: list[WrongYear],
    year: int | None,
    budget: CellValue | None,
    findings: Findings,
    template_args: str = "",
) -> None:
    """One finding when every header with a wrong year was written for the same other
    Budgetår (a workbook for another year, or Budgetår mistyped); else one per header."""
    implied = {w.implied for w in wrong}
    if len(wrong) > 1 and len(implied) == 1 and budget is not None:
        other = implied.pop()
        first = wrong[0]
        findings.error(
            budget.sheet,
            budget.ref,
            f"Budgetår är {year}, men rubrikerna på bladen är skrivna för budgetår {other} "
            f'({len(wrong)} rubriker, t.ex. "{first.got}" i {first.sheet}!{first.ref} '
            f'där det ska stå "{first.want}").',
            f"Gäller arbetsboken {other}: skriv {other} i Budgetår. Gäller den {year}: "
            f"hämta en ny mall med namndplan template --year {year}{template_args} och "
            "flytta över uppgifterna, eller rätta årtalen i rubrikerna.",
        )
        return
    for w in wrong:
        findings.error(
            w.sheet,
            w.ref,
            f'Rubriken "{w.got}" har fel år: den ska vara "{w.want}" eftersom Budgetår är {year}.',
            "Rätta året i rubriken, eller Budgetår i Grunddata.",
        )


def _validate_grunddata(
    raw: RawWorkbook, findings: Findings, contract: Contract = PLAN
) -> tuple[dict[str, CellValue], int | None]:
    sheet = raw.sheets.get(GRUNDDATA_SHEET)
    if sheet is None:
        return {}, None
    _check_headers(sheet, [(h, None) for h in GRUNDDATA_HEADERS], None, findings, [],
                   extra_allowed=GRUNDDATA_EXTRA_HEADERS)  # fmt: skip
    checker = _SheetChecker(findings)
    seen: dict[str, CellValue] = {}
    values: dict[str, CellValue] = {}
    fields = contract.grunddata_fields
    known = {f.name.casefold(): f for f in fields}
    for row in sheet.rows:
        key_cell = row[0]
        val_cell = row[1] if len(row) > 1 else CellValue(sheet.name, f"B{key_cell.ref[1:]}", None)
        name = " ".join(str(key_cell.value or "").split())
        spec = known.get(name.casefold())
        if spec is None:
            if name:
                findings.warning(
                    sheet.name,
                    key_cell.ref,
                    f'Fältet "{name}" är okänt och används inte.',
                    "Kontrollera stavningen mot mallen.",
                )
            elif not val_cell.is_empty:
                findings.error(
                    sheet.name,
                    key_cell.ref,
                    f"Fältnamnet saknas för värdet i {val_cell.ref}.",
                    "Skriv fältets namn i kolumn A.",
                )
            continue
        if spec.name in seen:
            findings.error(
                sheet.name,
                key_cell.ref,
                f"Fältet {spec.name} finns två gånger "
                f"({seen[spec.name].where} och {key_cell.where}).",
                "Ta bort den ena raden.",
            )
            continue
        seen[spec.name] = key_cell
        values[spec.name] = val_cell

    year: int | None = None
    for spec in fields:
        cell = values.get(spec.name)
        if cell is None:
            if spec.required:
                findings.error(
                    sheet.name,
                    "",
                    f"Fältet {spec.name} saknas i kolumn Fält.",
                    f"Lägg till en rad med {spec.name}. {spec.help}",
                )
            continue
        if cell.formula_without_value:
            _formula_error(cell, findings)
            values[spec.name] = cell.with_value(None)
            continue
        if cell.is_empty:
            if spec.required:
                findings.error(sheet.name, cell.ref, f"{spec.name} måste fyllas i.", spec.help)
            values[spec.name] = cell.with_value(None)
            continue
        typed: Any
        if spec.kind == "year":
            typed = _parse_year(cell.value)
            if typed is None:
                findings.error(
                    sheet.name,
                    cell.ref,
                    f'Budgetår "{_shown(cell.value)}" är inte ett årtal.',
                    spec.help,
                )
            year = typed
        elif spec.kind == "month":
            text = str(cell.value).strip()
            typed = next((m for m in MANADER if m.casefold() == text.casefold()), None)
            if typed is None:
                findings.error(
                    sheet.name,
                    cell.ref,
                    f'"{text}" är inte en månad.',
                    "Skriv månadens namn, t.ex. Oktober.",
                )
        elif spec.kind == "report":
            text = " ".join(str(cell.value).split())
            typed = next((r for r in REPORT_NAMES if r.casefold() == text.casefold()), None)
            if typed is None:
                findings.error(
                    sheet.name,
                    cell.ref,
                    f'"{_shown(cell.value)}" är inte en rapport.',
                    f"Välj ett av: {', '.join(REPORT_NAMES)}.",
                )
        elif spec.kind == "date":
            typed = as_date(cell.value)
            if typed is None:
                findings.error(
                    sheet.name, cell.ref, f'"{_shown(cell.value)}" är inte ett datum.', spec.help
                )
        else:
            typed = checker.text(cell, label=True)
        values[spec.name] = cell.with_value(typed)
    if contract.is_followup:
        _check_period(values, findings)
    return values, year


def _check_period(values: dict[str, CellValue], findings: Findings) -> None:
    """A follow-up's Period till och med must be a month its Rapport covers."""
    report, period = values.get(RAPPORT_FIELD), values.get(PERIOD_FIELD)
    if report is None or period is None or report.value is None or period.value is None:
        return
    allowed = REPORTS_BY_NAME[report.value].periods
    if period.value not in allowed:
        months = " eller ".join(allowed)
        findings.error(
            period.sheet,
            period.ref,
            f"{PERIOD_FIELD} är {period.value}, men en {report.value.lower()} gäller "
            f"perioden till och med {months.lower()}.",
            f"Skriv {months} i {PERIOD_FIELD}, eller rätta Rapport ({report.where}).",
        )


def _parse_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        y = value
    elif isinstance(value, float) and value.is_integer():
        y = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        y = int(value.strip())
    else:
        return None
    return y if MIN_YEAR <= y <= MAX_YEAR else None


def _formula_error(cell: CellValue, findings: Findings) -> None:
    findings.error(
        cell.sheet,
        cell.ref,
        "Cellen innehåller en formel vars värde aldrig har räknats ut och sparats.",
        "Öppna arbetsboken i Excel eller LibreOffice och spara den, så sparas formelns värde.",
    )


def _validate_sheet(
    spec: SheetSpec,
    sheet: RawSheet,
    year: int | None,
    cfg: KommunConfig,
    findings: Findings,
    wrong_years: list[WrongYear],
    contract: Contract = PLAN,
) -> list[Row]:
    _check_headers(sheet, [(c.header_for(year or 0), c) for c in spec.columns], year, findings,
                   wrong_years, computed=contract.computed,
                   document=contract.document)  # fmt: skip
    allowed = tuple(cfg.choices.for_column(spec.name, c) for c in spec.columns)
    schema = cerberus_schema(spec, allowed)
    # One validator per set of columns that rows send (usually one or two per sheet): its
    # schema holds just those columns' rules, so cerberus's check of the schema itself,
    # about 0.15 ms a column, covers only what is used. Rules never span columns.
    validators: dict[frozenset[str], Validator] = {}
    settled = _settled_by_type(schema)
    checker = _SheetChecker(findings, year, cfg)
    text_kinds = (Kind.TEXT, Kind.LABEL)
    number_kinds = (Kind.MONEY, Kind.COUNT, Kind.FIGURE)
    columns = [(i, col, col.key, col.kind, allowed[i]) for i, col in enumerate(spec.columns)]
    rows: list[Row] = []
    width = len(columns)
    refused = sheet.refused
    stray: dict[int, CellValue] = {}  # column -> first filled cell after the contract's
    for raw_row in sheet.rows:
        typed: Row = {}
        if len(raw_row) > width:
            for extra in raw_row[width:]:
                if not extra.is_empty and len(stray) < 50:
                    stray.setdefault(_column_of(extra.ref), extra)
        # What cerberus checks: the values with something left to check (see
        # _settled_by_type); an empty optional cell has nothing to check either.
        document: dict[str, Any] = {}
        n = len(raw_row)
        for i, col, key, kind, choices in columns:
            cell = (
                raw_row[i]
                if i < n
                else CellValue(sheet.name, _cell_ref(_row_number(raw_row[0].ref), i + 1), None)
            )
            if cell.formula_without_value:
                _formula_error(cell, findings)
                typed[key] = cell.with_value(None)
                continue
            if refused and cell.ref in refused:  # reported by the reader already
                typed[key] = cell.with_value(None)
                continue
            if kind in text_kinds:
                value = checker.text(cell, label=kind is Kind.LABEL)
            elif kind in number_kinds:
                value = checker.number(cell, col)
            elif kind is Kind.AGENDA:
                value = checker.agenda(cell)
            else:
                value = checker.choice(cell, choices)
            typed[key] = cell if value is cell.value else cell.with_value(value)
            if value is None:
                if col.required:
                    document[key] = value
            elif key not in settled or not settled[key](value):
                document[key] = value
        if document:
            keys = frozenset(document)
            validator = validators.get(keys)
            if validator is None:
                validator = validators[keys] = _validator({k: schema[k] for k in keys})
            # update=True: cerberus skips its scan for 'required' fields, a rule these
            # schemas never use (a required cell is nullable=False); a sixth of its time.
            if not validator.validate(document, update=True, normalize=False):
                for err in validator.errors:
                    key = err.document_path[0] if err.document_path else err.field
                    col = spec.column(key)
                    cell = typed[key]
                    message, hint = _message(err, col, checker.header(col), cell.value,
                                             allowed[spec.columns.index(col)],
                                             checker.help(col), contract.document)  # fmt: skip
                    findings.error(sheet.name, cell.ref, message, hint)
                    typed[key] = cell.with_value(None)
        rows.append(typed)
    headed = {i + 1 for i, c in enumerate(sheet.header) if not c.is_empty}
    for column, cell in sorted(stray.items()):
        if column not in headed:  # a column with a header is warned about by its header
            findings.warning(
                sheet.name,
                cell.ref,
                "Cellen ligger utanför arbetsbokens kolumner och kommer inte med i "
                f"{contract.document}.",
                f"Flytta uppgiften till rätt kolumn (bladets sista kolumn är "
                f"{spec.columns[-1].header_for(year or 0) if year else spec.columns[-1].header}"
                "), eller ta bort den.",
            )
    return rows


def _column_of(ref: str) -> int:
    from pipeline.common.findings import _column_index

    return _column_index(ref.rstrip("0123456789"))


def _settled_by_type(schema: dict[str, Any]) -> dict[str, Any]:
    """Per column whose only rules are nullable and type: a test of whether a value already
    passes, using cerberus's own type definition (what its type rule would check).

    The parser returns text columns as str and figures as Decimal, so for most cells
    cerberus would only confirm the type the parser produced: about three quarters of its
    work on a big workbook (issue 6). Those values are not sent; a value of another type
    (text in a figure column, an Excel error), and every column with a further rule
    (allowed values, min/max, a required cell left empty), still goes to cerberus.
    """
    tests: dict[str, Any] = {}
    for key, rules in schema.items():
        if set(rules) <= {"nullable", "type"} and "type" in rules:
            td = _TYPES[rules["type"]]
            tests[key] = lambda v, td=td: (isinstance(v, td.included_types)
                                           and not isinstance(v, td.excluded_types))  # fmt: skip
    return tests


def _row_number(ref: str) -> int:
    return int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _check_unique(spec: SheetSpec, rows: list[Row], findings: Findings) -> None:
    for key in spec.unique:
        col = spec.column(key)
        first: dict[Any, CellValue] = {}
        for row in rows:
            cell = row[key]
            if cell.value is None:
                continue
            if cell.value in first:
                findings.error(
                    spec.name,
                    cell.ref,
                    f'{col.header} "{cell.value}" förekommer '
                    f"två gånger: {first[cell.value].where} och {cell.where}.",
                    "Samla texten på en rad och ta bort den andra.",
                )
            else:
                first[cell.value] = cell


def _cross_checks(valid: ValidWorkbook, cfg: KommunConfig, findings: Findings) -> None:
    # An empty sheet is reported once ("inga ifyllda rader"), not once per missing item.
    if valid.rows.get("Grunduppdrag"):
        present = {r["perspektiv"].value for r in valid.rows["Grunduppdrag"]}
        for p in cfg.choices.perspektiv:
            if p not in present:
                findings.error(
                    "Grunduppdrag",
                    "",
                    f"Perspektivet {p} saknas.",
                    f"Lägg till en rad med Perspektiv {p}.",
                )
    if valid.rows.get("Målbild"):
        from pipeline.spec.profile import shown_goals

        present = {r["mal"].value for r in valid.rows["Målbild"]}
        for goal in shown_goals(cfg.profile, cfg.goals):
            if goal not in present:
                findings.warning(
                    "Målbild",
                    "",
                    f'Målet "{goal}" har ingen text från nämnden.',
                    "Lägg till en rad om nämnden ska beskriva målet.",
                )
    contract = valid.contract
    nyckeltal = valid.rows.get("Nyckeltal", [])
    figures = [c.key for c in contract.sheets_by_name["Nyckeltal"].columns
               if c.kind is Kind.FIGURE]  # fmt: skip
    for row in nyckeltal:
        if row["enhet"].value != "%":
            continue
        for key in figures:
            cell = row[key]
            if not isinstance(cell.value, Decimal) or 0 <= cell.value <= 100:
                continue
            typed = cell.value / 100
            if cell.is_percent_format and 0 <= typed <= 100:
                # 88,4 in a cell formatted as percent: Excel shows it as 8 840 %.
                shown = _shown(typed.normalize())
                findings.error(
                    cell.sheet,
                    cell.ref,
                    f"Cellen är formaterad som procent och innehåller talet {shown}, "
                    f"som Excel visar som {numfmt.count(cell.value)} %.",
                    f'Menar du {shown} %? Skriv "{shown} %" i cellen, eller ändra cellens '
                    f"format till Allmänt och skriv {shown}.",
                )
            else:
                findings.error(
                    cell.sheet,
                    cell.ref,
                    f"{_shown(cell.value)} % ligger utanför 0–100 %.",
                    "Skriv procentsatsen som t.ex. 77,7.",
                )
    for name in contract.amount_sheets:
        for row in valid.rows.get(name, []):
            amounts = [row[k] for k in row if k != "namn"]
            if row["namn"].value and all(c.value is None for c in amounts):
                findings.warning(
                    name,
                    row["namn"].ref,
                    f'Raden "{row["namn"].value}" har inga belopp.',
                    "Fyll i beloppen eller ta bort raden.",
                )


def validate(raw: RawWorkbook, cfg: KommunConfig) -> tuple[ValidWorkbook, Findings]:
    """Check the whole workbook and return what could be typed, with all findings."""
    from pipeline.check.sense import sense_checks

    findings = Findings()
    contract = raw.contract or PLAN
    other_kind = _other_kind(raw, findings, contract)
    if not other_kind:
        _check_sheets_present(raw, findings, contract)
    grunddata, year = _validate_grunddata(raw, findings, contract)
    valid = ValidWorkbook(year, grunddata, {}, contract)
    if other_kind:
        return valid, findings
    wrong_years: list[WrongYear] = []
    kommun = grunddata.get("Kommun")
    if kommun is not None and kommun.value and kommun.value != cfg.namn:
        findings.error(
            GRUNDDATA_SHEET,
            kommun.ref,
            f'Kommunen "{kommun.value}" stämmer inte med kommunens mallar ({cfg.namn}).',
            f"Skriv {cfg.namn}, eller bygg med mallarna för rätt kommun.",
        )
    for spec in contract.sheets:
        sheet = raw.sheets.get(spec.name)
        if sheet is None:
            continue
        rows = _validate_sheet(spec, sheet, year, cfg, findings, wrong_years, contract)
        if spec.required_rows and not rows:
            findings.error(spec.name, "A2", "Bladet har inga ifyllda rader.", cfg.purpose(spec))
        _check_unique(spec, rows, findings)
        valid.rows[spec.name] = rows
    report = valid.report
    _report_wrong_years(wrong_years, year, grunddata.get("Budgetår"), findings,
                        f" --rapport {report}" if report else "")  # fmt: skip
    _cross_checks(valid, cfg, findings)
    sense_checks(valid, raw, cfg, findings)
    return valid, findings
