"""Compose a follow-up report (Tertialrapport, Delårsrapport, Verksamhetsberättelse): the
report model, the kommun profile's ``[uppfoljning]`` and the kommun texts become a document
model.

The mechanisms are the plan's (``blocks.py``): the parts of the profile in order, one
function per block kind (``REPORT_BLOCKS``), the rule for empty parts (left out, the
numbers after them without a gap), headings numbered in text. What is the report's own:

* an assessment (Bedömning) is always written as words, with the profile's symbol beside
  it when it has one (``[uppfoljning.symboler]``), never shown by colour alone (WCAG 2.1
  1.4.1); the symbols are explained once, under the first table or paragraph that shows
  one (the legend);
* the amount tables show the period's outcome, the year's forecast and the Avvikelse the
  model computed, with the Totalt row the model summed; in a report of the whole year
  whose forecast column is empty, that column is left out (the outcome is the forecast).
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.common import numfmt
from pipeline.compose.blocks import (
    NUMBER_COLUMN_CM,
    BlockFn,
    _comments,
    _Ctx,
    _kommuntext,
    _text,
    assemble,
)
from pipeline.compose.docmodel import (
    Align,
    Block,
    Cell,
    Document,
    Heading,
    Paragraph,
    Run,
    Table,
)
from pipeline.compose.textblocks import cell_blocks
from pipeline.model.report import AccountRow, AccountTable, Report, ReportKeyFigure
from pipeline.spec.config import ConfigError, KommunConfig
from pipeline.spec.followup import FOLLOWUP_SHEETS_BY_NAME
from pipeline.spec.profile import FOLLOWUP_DOCUMENT, report_header, report_variables, text_context
from pipeline.spec.profile import Block as ProfileBlock

NBSP = "\u00a0"
REPORT_NUMBER_COLUMN_CM = 2.1  # "Utfall jan–aug 2024", "Helårsprognos" in the header style
KEY_FIGURE_COLUMN_CM = 2.4  # "Målvärde 2024" on one line


def _report(ctx: _Ctx) -> Report:
    return ctx.plan  # type: ignore[no-any-return]


def assessed(ctx: _Ctx, word: str | None) -> str:
    """A Bedömning as the report writes it: the word, with its symbol after it when the
    profile gives one (``Delvis uppfyllt ◐``: a screen reader says the word first, and a
    cell never starts with what looks like a typed bullet); an empty one in words too."""
    if not word:
        return ctx.text(ctx.profile.unassessed)
    symbol = ctx.profile.symbol(word)
    return f"{word}{NBSP}{symbol}" if symbol else word


def _labels(ctx: _Ctx, block: ProfileBlock, defaults: list[str]) -> list[str]:
    names = block.options.get("kolumner") or defaults
    return [ctx.text(str(n)) for n in names]


# --- the block kinds of [uppfoljning] -------------------------------------------------------


def _section_text(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    return list(cell_blocks(_report(ctx).text(str(block.options["avsnitt"]))))


def _goal_table(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Mål / Bedömning for every goal of the kommun that the workbook assesses, in the
    kommun's order."""
    report = _report(ctx)
    rows = []
    for goal in ctx.cfg.goals:
        a = report.assessment_of(goal)
        if a is not None:
            rows.append((Cell.of(goal), Cell.of(assessed(ctx, a.assessment))))
    if not rows:
        return []
    labels = _labels(ctx, block, [report_header("Måluppföljning", "mal"),
                                  report_header("Måluppföljning", "bedomning")])  # fmt: skip
    caption = ctx.option(block, "rubrik", labels[0])
    return [Table(caption, (Cell.of(labels[0]), Cell.of(labels[1])), tuple(rows), (6.5, 3.5))]


def _goal_follow_up(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """The goal's Bedömning in words and its Analys, in a part repeated per goal."""
    a = _report(ctx).assessment_of(str(ctx.variables["mål"]))
    if a is None:
        return []
    label = ctx.option(block, "bedomning", report_header("Måluppföljning", "bedomning"))
    # Not chained to the analysis with keep-with-next: LibreOffice then leaves the goal's
    # heading alone at the foot of a page (seen on the example); the heading keeps with this.
    out: list[Block] = [Paragraph((Run(f"{label}: ", bold=True),
                                   Run(assessed(ctx, a.assessment))))]  # fmt: skip
    analysis = cell_blocks(a.analysis)
    if analysis:
        heading = ctx.option(block, "analys", report_header("Måluppföljning", "analys"))
        if heading:  # analys = "" in the profile: the analysis follows without a heading
            out.append(Heading(level + 1, heading))
        out.extend(analysis)
    return out


def _key_figure_name(k: ReportKeyFigure) -> str:
    """As in the plan: "(index)" after a name that does not say it is an index."""
    if k.unit == "index" and "index" not in k.name.casefold():
        return f"{k.name} (index)"
    return k.name


def _key_figures(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Nyckeltal, Utfall Y-1, Utfall Y, Målvärde Y: the goal's, or those of ``mal``."""
    goal = ctx.option(block, "mal", str(ctx.variables.get("mål", "")))
    figures = _report(ctx).key_figures_for(goal)
    if not figures:
        return []
    first = ctx.option(block, "forsta_kolumn", report_header("Nyckeltal", "namn"))
    caption = ctx.option(block, "rubrik", first)
    columns = ctx.profile.columns
    header = (Cell.of(first),
              *(Cell.of(ctx.text(columns[k]), Align.RIGHT)
                for k in ("nyckeltal_fg", "nyckeltal_utfall", "malvarde")))  # fmt: skip
    rows = tuple(
        (Cell.of(_key_figure_name(k)),
         *(Cell.of(numfmt.figure(v, k.unit), Align.RIGHT)
           for v in (k.previous, k.current, k.target)))
        for k in figures
    )  # fmt: skip
    return [Table(caption, header, rows, (0.0, *(KEY_FIGURE_COLUMN_CM,) * 3), widths_cm=True)]


def _commissions(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Rubrik / Status / Kommentar; with ``slag`` only that kind, else all (each heading
    with its kind under it)."""
    kind = block.options.get("slag")
    items = [c for c in _report(ctx).commissions if kind is None or c.kind == kind]
    if not items:
        return []
    sheet = "Satsningar och uppdrag"
    labels = _labels(ctx, block, [report_header(sheet, "rubrik"), report_header(sheet, "status"),
                                  report_header(sheet, "kommentar")])  # fmt: skip
    rows = []
    for c in items:
        first = (Paragraph.of(c.heading, "table", bold=True),
                 *(() if kind else (Paragraph.of(c.kind, "table"),)))  # fmt: skip
        rows.append((Cell(first), Cell.of(c.status or ""), Cell(cell_blocks(c.comment, "table"))))
    caption = ctx.option(block, "rubrik", labels[0])
    return [Table(caption, tuple(Cell.of(label) for label in labels), tuple(rows),
                  (3.6, 1.7, 5.0))]  # fmt: skip


def _development_goals(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Utvecklingsmål / Bedömning / Analys."""
    goals = _report(ctx).development_goals
    if not goals:
        return []
    sheet = "Utvecklingsmål"
    labels = _labels(ctx, block, [report_header(sheet, "mal"), report_header(sheet, "bedomning"),
                                  report_header(sheet, "analys")])  # fmt: skip
    rows = tuple(
        (Cell.of(g.goal, bold=True), Cell.of(assessed(ctx, g.assessment)),
         Cell(cell_blocks(g.analysis, "table")))
        for g in goals
    )  # fmt: skip
    caption = ctx.option(block, "rubrik", labels[0])
    return [Table(caption, tuple(Cell.of(label) for label in labels), rows, (3.6, 2.0, 4.7))]


_TABLES = {"Volymer": "volumes", "Driftsredovisning": "operating",
           "Investeringsredovisning": "investment"}  # fmt: skip
_COLUMN_OF = {"bokslut": "bokslut_fg", "budget": "budget", "utfall": "utfall",
              "prognos": "prognos"}  # profile column key -> the sheet's column key  # fmt: skip


def _amounts(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Volymer, Driftsredovisning or Investeringsredovisning: the sheet's columns, then the
    computed Avvikelse and Totalt when the block asks for them."""
    sheet = str(block.options["blad"])
    report = _report(ctx)
    table: AccountTable = getattr(report, _TABLES[sheet])
    if not table.rows:
        sentence = block.options.get("om_tomt")
        return [Paragraph.of(ctx.text(sentence))] if isinstance(sentence, str) else []
    has = {c.key for c in FOLLOWUP_SHEETS_BY_NAME[sheet].columns}
    keys = [k for k, col in _COLUMN_OF.items() if col in has]
    if report.whole_year and all(r.prognos is None for r in table.rows):
        keys.remove("prognos")  # the outcome is the forecast: no empty column
    with_deviation = bool(block.options.get("avvikelse", False))
    if with_deviation:
        keys.append("avvikelse")
    with_total = bool(block.options.get("totalt", False))
    money = sheet != "Volymer"
    decimals = ctx.profile.amount.decimals

    def fmt(v: Decimal | None) -> str:
        return numfmt.amount(v, decimals) if money else numfmt.count(v)

    def row(r: AccountRow, bold: bool = False) -> tuple[Cell, ...]:
        return (Cell.of(r.name, bold=bold),
                *(Cell.of(fmt(getattr(r, k)), Align.RIGHT, bold=bold) for k in keys))  # fmt: skip

    rows = [row(r) for r in table.rows]
    if with_total:
        rows.append(row(table.total(), bold=True))
    first = ctx.option(block, "forsta_kolumn", report_header(sheet, "namn"))
    caption = ctx.option(block, "rubrik", sheet)
    header = (Cell.of(first),
              *(Cell.of(ctx.text(ctx.profile.columns[k]), Align.RIGHT) for k in keys))  # fmt: skip
    widths = (0.0, *(REPORT_NUMBER_COLUMN_CM for _ in keys))
    return [Table(caption, header, tuple(rows), widths, total_row=with_total, widths_cm=True)]


def _measures(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Åtgärder vid befarat underskott: Åtgärd / Effekt Y / Beslutad, the effects summed."""
    measures = _report(ctx).measures
    if not measures.rows:
        return []
    sheet = "Åtgärder"
    labels = _labels(ctx, block, [report_header(sheet, "atgard"),
                                  f"{report_header(sheet, 'effekt')} {ctx.variables['år']}",
                                  report_header(sheet, "beslutad")])  # fmt: skip
    decimals = ctx.profile.amount.decimals
    rows = [
        (Cell(cell_blocks(m.text, "table")), Cell.of(numfmt.amount(m.effect, decimals), Align.RIGHT),
         Cell.of("Ja" if m.decided else "Nej"))
        for m in measures.rows
    ]  # fmt: skip
    with_total = bool(block.options.get("totalt", False))
    if with_total:
        rows.append((Cell.of("Totalt", bold=True),
                     Cell.of(numfmt.amount(measures.total_effect(), decimals), Align.RIGHT,
                             bold=True), Cell.of("")))  # fmt: skip
    header = (Cell.of(labels[0]), Cell.of(labels[1], Align.RIGHT), Cell.of(labels[2]))
    caption = ctx.option(block, "rubrik", sheet)
    return [Table(caption, header, tuple(rows), (0.0, NUMBER_COLUMN_CM, NUMBER_COLUMN_CM),
                  total_row=with_total, widths_cm=True)]  # fmt: skip


REPORT_BLOCKS: dict[str, BlockFn] = {
    "kommuntext": _kommuntext,
    "text": _text,
    "avsnittstext": _section_text,
    "målbedömning": _goal_table,
    "måluppföljning": _goal_follow_up,
    "nyckeltal": _key_figures,
    "satsningar": _commissions,
    "utvecklingsmål": _development_goals,
    "belopp": _amounts,
    "åtgärder": _measures,
    "kommentarer": _comments,
}


# --- the legend and the document ----------------------------------------------------------


def _legend(ctx: _Ctx) -> Paragraph:
    """``Teckenförklaring: ● Uppfyllt, ◐ Delvis uppfyllt, ○ Ej uppfyllt, – Kan inte bedömas.``"""
    profile = ctx.profile
    items = ", ".join(f"{symbol}{NBSP}{word}" for word, symbol in profile.symbols)
    label = ctx.text(profile.legend)
    return Paragraph((Run(f"{label}: ", bold=True), Run(f"{items}.")))


def _with_legend(ctx: _Ctx, blocks: list[Block]) -> list[Block]:
    """The symbols' explanation once, right after the first block that shows one."""
    profile = ctx.profile
    if not profile.symbols:
        return blocks
    marks = tuple(f"{word}{NBSP}{symbol}" for word, symbol in profile.symbols)

    def shows(b: Block) -> bool:
        if isinstance(b, Table):
            return any(m in c.text for row in b.rows for c in row for m in marks)
        return isinstance(b, Paragraph) and any(m in b.text for m in marks)

    for i, b in enumerate(blocks):
        if shows(b):
            return [*blocks[: i + 1], _legend(ctx), *blocks[i + 1 :]]
    return blocks


def compose_report(report: Report, cfg: KommunConfig) -> Document:
    """The whole report as a document model, in the order of the profile's [uppfoljning]."""
    profile = cfg.profile.followup if cfg.profile is not None else None
    if profile is None:
        path = cfg.profile.path if cfg.profile is not None else cfg.templates_dir
        raise ConfigError(f"{path}: avsnittet [{FOLLOWUP_DOCUMENT}] saknas, så kommunens profil "
                          f"beskriver ingen uppföljning ({report.rapport}).")  # fmt: skip
    variables = text_context(report.kommun, report.namnd, report.year, report.forecast_month,
                             profile.amount.unit, cfg.data)  # fmt: skip
    variables.update(report_variables(report.rapport, report.period, report.period_short))
    ctx = _Ctx(report, cfg, variables, profile)
    return assemble(ctx, REPORT_BLOCKS, lambda blocks: _with_legend(ctx, blocks))
