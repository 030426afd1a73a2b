"""Compose the plan: the model, the kommun profile and the kommun-wide texts become a
document model.

The shape of the document is the kommun's data (``templates/profil.toml``, read by
``profile.py``): its parts in order, each a heading and the content blocks that fill it.
This module has one function per block kind (``BLOCKS``) and the rule for empty parts: a
part is shown when it or a part under it has content; otherwise it shows its ``om_tomt``
sentence, or is left out (and the headings after it are numbered without a gap).

``assemble`` (cover, contents, the parts shown, numbering) is shared with the follow-up
reports (``report_blocks.py``), which bring their own block functions.

Kommun-wide texts and the profile's texts are jinja2 rendered with StrictUndefined (a
missing variable is an error, never blank text); controller text is data and is never
rendered as a template.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
)

from pipeline.common import numfmt
from pipeline.compose.docmodel import (
    Align,
    Block,
    BulletList,
    Cell,
    Chart,
    Cover,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Run,
    Series,
    Table,
    TableOfContents,
)
from pipeline.compose.textblocks import cell_blocks, markup_blocks
from pipeline.model.plan import AmountRow, AmountTable, KeyFigure, Plan
from pipeline.spec.config import ConfigError, KommunConfig
from pipeline.spec.contract import AGENDA_2030, AMOUNT_KEYS
from pipeline.spec.profile import Block as ProfileBlock
from pipeline.spec.profile import Part, Profile, contract_header, render, text_context

TEXTS_DIR = "texter"
NUMBER_COLUMN_CM = 1.7
WIDE_COLUMN_CM = 1.95  # "Förändring budget 23/24", "Prognos 2023 (September)"


def _bytecode_cache() -> BytecodeCache | None:
    """jinja2's own cache of compiled templates (in its private per-user temp folder).

    Compiling the kommun texts took about 12 ms of every build (issue 6); a cached template
    is checked against its source's checksum, so an edited text is compiled again. Without
    a usable temp folder the texts are simply compiled every time.
    """
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def render_kommun_text(cfg: KommunConfig, plan: Plan, name: str) -> tuple[Block, ...]:
    """One kommun-wide text (``texter/<name>``) as blocks; its own ``#`` headings are
    levels 1–4."""
    env = Environment(
        bytecode_cache=_bytecode_cache(),
        loader=FileSystemLoader(cfg.templates_dir / TEXTS_DIR),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    context = dict(cfg.data, budgetar=plan.year, namnd=plan.namnd)
    try:
        text = env.get_template(name).render(**context)
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise ConfigError(
            f"{cfg.templates_dir / TEXTS_DIR / where}"
            f"{f', rad {line}' if line else ''}: mallen kunde inte fyllas i: {exc}"
        ) from None
    return markup_blocks(text)


class _Ctx:
    """What every block function needs: the plan, the kommun, the profile and the
    variables of the profile's texts (with ``mål`` set in a part repeated per goal)."""

    def __init__(self, plan: Any, cfg: KommunConfig, variables: dict[str, Any],
                 profile: Profile | None = None):  # fmt: skip
        self.plan = plan  # a Plan, or a follow-up Report (model/report.py)
        self.cfg = cfg
        self.profile: Profile = profile or cfg.profile  # the document kind's own profile
        self.variables = variables

    def text(self, template: str, **more: Any) -> str:
        return render(template, {**self.variables, **more} if more else self.variables)

    def option(self, block: ProfileBlock, key: str, default: str) -> str:
        value = block.options.get(key)
        return self.text(value) if isinstance(value, str) else default


def _key_figure_table(caption: str, first: str, figures: tuple[KeyFigure, ...], year: int) -> Table:
    header = (Cell.of(first), Cell.of(numfmt.year(year - 2), Align.RIGHT),
              Cell.of(numfmt.year(year - 1), Align.RIGHT))  # fmt: skip
    rows = tuple(
        (
            Cell.of(_key_figure_name(k)),
            Cell.of(numfmt.figure(k.older, k.unit), Align.RIGHT),
            Cell.of(numfmt.figure(k.latest, k.unit), Align.RIGHT),
        )  # fmt: skip
        for k in figures
    )
    return Table(caption, header, rows, (7.0, 1.4, 1.4))


def _key_figure_name(k: KeyFigure) -> str:
    """The name as typed, with "(index)" when the unit is an index the name does not say.

    Percent, kr and dagar are written with the figure (``77,7 %``, ``1 868 kr``); a count
    needs no unit; an index has no symbol, so the name carries it.
    """
    if k.unit == "index" and "index" not in k.name.casefold():
        return f"{k.name} (index)"
    return k.name


_WIDE_COLUMNS = ("prognos", "forandring")  # "Prognos 2023 (September)", "Förändring budget"


def _amount_table(ctx: _Ctx, caption: str, first: str, table: AmountTable, *, money: bool,
                  change: bool, with_total: bool) -> Table:  # fmt: skip
    decimals = ctx.profile.amount.decimals

    def fmt(v: Decimal | None) -> str:
        return numfmt.amount(v, decimals) if money else numfmt.count(v)

    keys = ["bokslut", "prognos", "budget_fg", *(["forandring"] if change else []), "budget",
            "plan1", "plan2"]  # fmt: skip
    labels = [first, *(ctx.text(ctx.profile.columns[k]) for k in keys)]
    header = (Cell.of(labels[0]), *(Cell.of(label, Align.RIGHT) for label in labels[1:]))

    def row(r: AmountRow, bold: bool = False) -> tuple[Cell, ...]:
        values = [r.bokslut, r.prognos, r.budget_prev]
        if change:
            values.append(r.change)
        values += [r.budget, r.plan1, r.plan2]
        return (Cell.of(r.name, bold=bold),
                *(Cell.of(fmt(v), Align.RIGHT, bold=bold) for v in values))  # fmt: skip

    rows = [row(r) for r in table.rows]
    if with_total:
        rows.append(row(table.total(), bold=True))
    # Figure columns wide enough for "Förändring" and "(September)" in the header style;
    # the name column takes the rest of the text width.
    widths = (0.0, *(WIDE_COLUMN_CM if k in _WIDE_COLUMNS else NUMBER_COLUMN_CM for k in keys))
    return Table(caption, header, tuple(rows), widths, total_row=with_total, widths_cm=True)


def _logo(cfg: KommunConfig) -> Image | None:
    name = str(cfg.setting("logotyp", "fil", "") or "")
    if not name:
        return None
    path = cfg.templates_dir / name
    if not path.exists():
        raise ConfigError(f"{path}: logotypen som anges i kommun.toml ([logotyp] fil) saknas.")
    alt = str(cfg.setting("logotyp", "alt", "") or "").strip()
    if not alt:
        raise ConfigError(f"{cfg.templates_dir / 'kommun.toml'}: logotypen saknar alternativtext "
                          "([logotyp] alt).")  # fmt: skip
    return Image(name, alt, float(cfg.setting("logotyp", "bredd_cm", 5.0)))


def _cover(ctx: _Ctx, title: str) -> Cover:
    plan = ctx.plan
    details: list[tuple[str, str]] = []
    if plan.case_number:
        details.append(("Diarienummer", plan.case_number))
    if plan.decision_date:
        details.append(("Beslutsdatum", numfmt.date_long(plan.decision_date)))
    if plan.contact:
        details.append(("Kontaktperson", plan.contact))
    return Cover(plan.kommun, plan.namnd, title, tuple(details), _logo(ctx.cfg))


# --- the block kinds of the profile ------------------------------------------------------
# Each takes the context, the block and the level of the part's heading, and returns the
# block's content: an empty list when it has nothing to show.

BlockFn = Callable[[_Ctx, ProfileBlock, int], list[Block]]


def _kommuntext(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    return list(render_kommun_text(ctx.cfg, ctx.plan, str(block.options["mall"])))


def _text(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    return list(markup_blocks(ctx.text(str(block.options["text"]))))


def _goal_text(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    goal = ctx.variables["mål"]
    readings = [r for r in ctx.plan.goal_readings if r.goal == goal]
    return list(cell_blocks(readings[0].text)) if readings else []


def _key_figures(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    goal = ctx.option(block, "mal", str(ctx.variables.get("mål", "")))
    figures = ctx.plan.key_figures_for(goal)
    if not figures:
        return []
    first = ctx.option(block, "forsta_kolumn", contract_header("Nyckeltal", "namn"))
    caption = ctx.option(block, "rubrik", first)
    return [_key_figure_table(caption, first, figures, ctx.plan.year)]


def _commissions(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    kind = str(block.options["slag"])
    items = [c for c in ctx.plan.commissions if c.kind == kind]
    if not items:
        return []
    label = ctx.option(block, "rubrik", kind)
    column = ctx.option(block, "kolumn", contract_header("Satsningar och uppdrag", "text"))
    rows = tuple((Cell.of(c.heading, bold=True), Cell(cell_blocks(c.text, "table")))
                 for c in items)  # fmt: skip
    return [Table(label, (Cell.of(label), Cell.of(column)), rows, (3.0, 7.0))]


def _basic_mission(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    current = ctx.option(block, "nulage", contract_header("Grunduppdrag", "nulage"))
    analysis = ctx.option(block, "analys", contract_header("Grunduppdrag", "analys"))
    by_name = {p.name: p for p in ctx.plan.perspectives}
    b: list[Block] = []
    for name in ctx.cfg.choices.perspektiv:
        p = by_name.get(name)
        if p is None:
            continue
        b.append(Heading(level + 1, p.name))
        # The direction is shown as text (never by colour alone), as in the kommun's plans.
        b.append(Paragraph((Run(p.direction, bold=True),), "direction"))
        b.extend(cell_blocks(p.description))
        b.append(Heading(level + 2, current))
        b.extend(cell_blocks(p.current_state))
        b.append(Heading(level + 2, analysis))
        b.extend(cell_blocks(p.quality_analysis))
    return b


def _development_goals(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    goals = ctx.plan.development_goals
    if not goals:
        return []
    sheet = "Utvecklingsmål"
    names = block.options.get("kolumner") or [contract_header(sheet, "mal"),
                                              contract_header(sheet, "strategi"), "Kopplas till"]  # fmt: skip
    kf, agenda = contract_header(sheet, "kf"), contract_header(sheet, "agenda")
    rows = tuple(
        (
            Cell((Paragraph.of(g.goal, "table", bold=True), *cell_blocks(g.description, "table"))),
            Cell(cell_blocks(g.strategy, "table")),
            Cell((Paragraph.of(f"{kf}: {'Ja' if g.linked_to_kf else 'Nej'}", "table"),
                  Paragraph.of(f"{agenda}: {'Ja' if g.linked_to_agenda2030 else 'Nej'}", "table"))),
        )
        for g in goals
    )  # fmt: skip
    header = tuple(Cell.of(ctx.text(str(n))) for n in names)
    caption = ctx.option(block, "rubrik", names[0])
    return [Table(caption, header, rows, (4.0, 4.4, 1.8))]  # type: ignore[arg-type]


_TABLES = {"Volymer": "volumes", "Driftsbudget": "operating", "Investeringsbudget": "investment"}


def _amounts(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    sheet = str(block.options["blad"])
    table: AmountTable = getattr(ctx.plan, _TABLES[sheet])
    if not table.rows:
        sentence = block.options.get("om_tomt")
        return [Paragraph.of(ctx.text(sentence))] if isinstance(sentence, str) else []
    first = ctx.option(block, "forsta_kolumn", contract_header(sheet, "namn"))
    caption = ctx.option(block, "rubrik", sheet)
    money = sheet != "Volymer"
    return [_amount_table(ctx, caption, first, table, money=money,
                          change=bool(block.options.get("forandring", False)),
                          with_total=bool(block.options.get("totalt", False)))]  # fmt: skip


def _chart(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    """Net cost per verksamhet, Budget Y-1 against Budget Y, with alt text giving the gist."""
    plan, cfg = ctx.plan, ctx.cfg
    if not cfg.setting("diagram", "driftsbudget", True):
        return []
    rows = [r for r in plan.operating.rows if r.budget is not None or r.budget_prev is not None]
    if not rows:
        return []
    amount = ctx.profile.amount
    colours = list(cfg.setting("diagram", "farger", ["8C5A00", "00507A"]))
    y = plan.year

    def cost(v: Decimal | None) -> float:
        return float(-(v or 0))

    def shown(v: Decimal | None) -> str:
        return numfmt.amount(-(v or 0), amount.decimals)

    prev = Series(f"Budget {y - 1}", tuple(cost(r.budget_prev) for r in rows), colours[0])
    curr = Series(f"Budget {y}", tuple(cost(r.budget) for r in rows), colours[1 % len(colours)])
    total = plan.operating.total()
    largest = sorted(rows, key=lambda r: cost(r.budget), reverse=True)[:3]
    unit = amount.unit.lower()
    gist = ", ".join(f"{r.name} {shown(r.budget)}" for r in largest)
    change = cost(total.budget) - cost(total.budget_prev)
    direction = "ökar" if change > 0 else "minskar" if change < 0 else "är oförändrad"
    alt = (
        f"Stapeldiagram över nettokostnaden per verksamhet i {amount.words}, budget {y - 1} "
        f"jämfört med budget {y}. Den totala nettokostnaden {direction} från "
        f"{shown(total.budget_prev)} till {shown(total.budget)} {unit}. "
        f"Störst budget {y}: {gist} {unit}. Siffrorna finns i tabellen ovan."
    )
    caption = ctx.option(block, "rubrik", "")
    axis = ctx.option(block, "axel", amount.unit)
    return [Chart(caption, tuple(r.name for r in rows), (prev, curr), alt, axis)]


def _comments(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    blocks: list[Block] = []
    for c in ctx.plan.comments_for(str(block.options["avsnitt"])):
        if c.heading:
            blocks.append(Heading(level + 1, c.heading))
        blocks.extend(cell_blocks(c.text))
    return blocks


def _sustainability(ctx: _Ctx, block: ProfileBlock, level: int) -> list[Block]:
    template = block.options.get("rubrik", "Mål {{ nummer }} – {{ namn }}")
    b: list[Block] = []
    for item in ctx.plan.sustainability:
        name = AGENDA_2030[item.goal_number - 1].name
        b.append(Heading(level + 1, ctx.text(str(template), nummer=item.goal_number, namn=name)))
        b.extend(cell_blocks(item.text))
    return b


BLOCKS: dict[str, BlockFn] = {
    "kommuntext": _kommuntext,
    "text": _text,
    "måltext": _goal_text,
    "nyckeltal": _key_figures,
    "satsningar": _commissions,
    "grunduppdrag": _basic_mission,
    "utvecklingsmål": _development_goals,
    "belopp": _amounts,
    "diagram": _chart,
    "kommentarer": _comments,
    "hållbarhet": _sustainability,
}


# --- parts and the document ---------------------------------------------------------------


class _Shown:
    """A part as it will be shown: its heading (or None) and its own content."""

    def __init__(self, part: Part, heading: str | None, content: list[Block]):
        self.part = part
        self.heading = heading
        self.content = content
        self.visible = False


def _expand(ctx: _Ctx, parts: tuple[Part, ...],
            blocks: dict[str, BlockFn] | None = None) -> list[_Shown]:  # fmt: skip
    """Every part with its content; a part repeated per goal becomes one per goal.
    ``blocks``: the document kind's block functions (the plan's ``BLOCKS`` by default)."""
    kinds = BLOCKS if blocks is None else blocks
    shown: list[_Shown] = []
    for part in parts:
        if part.for_each == "mål":
            goals: tuple[str | None, ...] = ctx.cfg.goals
        elif part.for_each == "målområde":
            goals = ctx.cfg.goals[1:]  # without kommunfullmäktige's målbild
        else:
            goals = (None,)
        for goal in goals:
            sub = ctx if goal is None else _Ctx(ctx.plan, ctx.cfg, {**ctx.variables, "mål": goal},
                                                ctx.profile)  # fmt: skip
            content: list[Block] = []
            for block in part.blocks:
                content.extend(kinds[block.kind](sub, block, part.level))
            heading = sub.text(part.heading) if part.heading is not None else None
            item = _Shown(part, heading, content)
            item.sentence = sub.text(part.if_empty) if part.if_empty else None  # type: ignore[attr-defined]
            shown.append(item)
    return shown


def _decide(shown: list[_Shown]) -> None:
    """A part with a heading is shown when it or a part under it has content; else with its
    ``om_tomt`` sentence, or not at all. Decided from the last part up."""
    for i in range(len(shown) - 1, -1, -1):
        item = shown[i]
        level = item.part.level
        below = False
        if item.heading is not None:
            for later in shown[i + 1 :]:
                if later.heading is not None and later.part.level <= level:
                    break
                if later.part.level > level and later.visible:
                    below = True
                    break
        item.visible = bool(item.content) or below
        if not item.visible and getattr(item, "sentence", None):
            item.content = [Paragraph.of(item.sentence)]  # type: ignore[attr-defined]
            item.visible = True


def compose(plan: Plan, cfg: KommunConfig) -> Document:
    """The whole document as a document model, in the order of the kommun's profile."""
    profile: Profile = cfg.profile  # type: ignore[assignment]
    variables = text_context(plan.kommun, plan.namnd, plan.year, plan.forecast_month,
                             profile.amount.unit, cfg.data)  # fmt: skip
    ctx = _Ctx(plan, cfg, variables)
    return assemble(ctx, BLOCKS)


def assemble(ctx: _Ctx, kinds: dict[str, BlockFn],
             finish: Callable[[list[Block]], list[Block]] | None = None) -> Document:  # fmt: skip
    """The document of ``ctx.profile``: cover, contents, the parts shown, numbered.
    ``finish`` may change the shown blocks before the headings are numbered."""
    plan, profile, variables = ctx.plan, ctx.profile, ctx.variables
    title = ctx.text(profile.title)
    variables["titel"] = title
    running = ctx.text(profile.running_title)
    b: list[Block] = []
    if profile.cover:
        b += [_cover(ctx, title), PageBreak()]
    if profile.toc_title:
        b += [TableOfContents(profile.toc_title), PageBreak()]
    shown = _expand(ctx, profile.parts, kinds)
    _decide(shown)
    for item in shown:
        if not item.visible:
            continue
        if item.heading is not None:
            b.append(Heading(item.part.level, item.heading))
        b.extend(item.content)
    if finish is not None:
        b = finish(b)
    return Document(
        title=running,
        running_title=running,
        language="sv-SE",
        blocks=tuple(_number_headings(b) if profile.numbering else b),
        subject=f"{plan.namnd}, {plan.kommun}",
        keywords=tuple(ctx.text(k) for k in profile.keywords),
    )


def _number_headings(blocks: list[Block]) -> list[Block]:
    """Number level-1 headings ``N.0`` and level-2 headings ``N.k``, as the kommun does."""
    out: list[Block] = []
    top = sub = 0
    for blk in blocks:
        if isinstance(blk, Heading) and blk.level == 1:
            top, sub = top + 1, 0
            blk = Heading(1, blk.text, f"{top}.0")
        elif isinstance(blk, Heading) and blk.level == 2 and top:
            sub += 1
            blk = Heading(2, blk.text, f"{top}.{sub}")
        out.append(blk)
    return out


__all__ = ["compose", "render_kommun_text", "BulletList", "AMOUNT_KEYS"]
