"""Compose the plan: the model and the kommun-wide texts become a document model.

The order of sections follows shared/spec/dokument.md. Kommun-wide texts are jinja2
templates under ``templates/texter`` rendered with StrictUndefined (a missing variable is an
error, never blank text); controller text is data and is never rendered as a template.
"""

from __future__ import annotations

from decimal import Decimal

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
)

from . import numfmt
from .config import ConfigError, KommunConfig
from .contract import AGENDA_2030, PERSPEKTIV
from .docmodel import (
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
from .model import AmountRow, AmountTable, KeyFigure, Plan
from .outline import HALLBARHET, INVESTERINGAR, SATSNINGAR, UTVECKLINGSMAL, VOLYMER, EmptyChapter
from .textblocks import cell_blocks, markup_blocks

TEXTS_DIR = "texter"
DEFAULT_TEXTS = ("styrmodell.txt.j2",)
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


def render_kommun_texts(cfg: KommunConfig, plan: Plan) -> tuple[Block, ...]:
    env = Environment(
        bytecode_cache=_bytecode_cache(),
        loader=FileSystemLoader(cfg.templates_dir / TEXTS_DIR),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    names = cfg.setting("dokument", "inledande_texter", list(DEFAULT_TEXTS))
    context = dict(cfg.data, budgetar=plan.year, namnd=plan.namnd)
    blocks: list[Block] = []
    for name in names:
        try:
            text = env.get_template(name).render(**context)
        except TemplateError as exc:
            where = getattr(exc, "filename", None) or name
            line = getattr(exc, "lineno", None)
            raise ConfigError(
                f"{cfg.templates_dir / TEXTS_DIR / where}"
                f"{f', rad {line}' if line else ''}: mallen kunde inte fyllas i: {exc}"
            ) from None
        blocks.extend(markup_blocks(text))
    return tuple(blocks)


def _year_header(label: str, year: int) -> str:
    return f"{label} {numfmt.year(year)}"


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


def _amount_table(caption: str, first: str, table: AmountTable, plan: Plan, *, money: bool,
                  with_total: bool) -> Table:  # fmt: skip
    y = plan.year
    fmt = numfmt.mnkr if money else numfmt.count
    labels = [
        first,
        _year_header("Bokslut", y - 2),
        f"{_year_header('Prognos', y - 1)} ({plan.forecast_month})",
        _year_header("Budget", y - 1),
    ]
    if money:
        labels.append(f"Förändring budget {(y - 1) % 100:02d}/{y % 100:02d}")
    labels += [_year_header("Budget", y), _year_header("Plan", y + 1), _year_header("Plan", y + 2)]
    header = (Cell.of(labels[0]), *(Cell.of(label, Align.RIGHT) for label in labels[1:]))

    def row(r: AmountRow, bold: bool = False) -> tuple[Cell, ...]:
        values = [r.bokslut, r.prognos, r.budget_prev]
        if money:
            values.append(r.change)
        values += [r.budget, r.plan1, r.plan2]
        return (Cell.of(r.name, bold=bold),
                *(Cell.of(fmt(v), Align.RIGHT, bold=bold) for v in values))  # fmt: skip

    rows = [row(r) for r in table.rows]
    if with_total:
        rows.append(row(table.total(), bold=True))
    # Figure columns wide enough for "Förändring" and "(September)" in the header style;
    # the name column takes the rest of the text width.
    widths = (0.0, *(WIDE_COLUMN_CM if label.startswith(("Prognos", "Förändring"))
                      else NUMBER_COLUMN_CM for label in labels[1:]))  # fmt: skip
    return Table(caption, header, tuple(rows), widths, total_row=with_total, widths_cm=True)


def _comments(plan: Plan, section: str, level: int) -> list[Block]:
    blocks: list[Block] = []
    for c in plan.comments_for(section):
        if c.heading:
            blocks.append(Heading(level, c.heading))
        blocks.extend(cell_blocks(c.text))
    return blocks


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


def _operating_chart(plan: Plan, cfg: KommunConfig) -> Chart | None:
    """Net cost per verksamhet, Budget Y-1 against Budget Y, with alt text giving the gist."""
    if not cfg.setting("diagram", "driftsbudget", True):
        return None
    rows = [r for r in plan.operating.rows if r.budget is not None or r.budget_prev is not None]
    if not rows:
        return None
    colours = list(cfg.setting("diagram", "farger", ["8C5A00", "00507A"]))
    y = plan.year

    def cost(v: Decimal | None) -> float:
        return float(-(v or 0))

    prev = Series(f"Budget {y - 1}", tuple(cost(r.budget_prev) for r in rows), colours[0])
    curr = Series(f"Budget {y}", tuple(cost(r.budget) for r in rows), colours[1 % len(colours)])
    total = plan.operating.total()
    largest = sorted(rows, key=lambda r: cost(r.budget), reverse=True)[:3]
    gist = ", ".join(f"{r.name} {numfmt.mnkr(-(r.budget or 0))}" for r in largest)
    change = cost(total.budget) - cost(total.budget_prev)
    direction = "ökar" if change > 0 else "minskar" if change < 0 else "är oförändrad"
    alt = (
        f"Stapeldiagram över nettokostnaden per verksamhet i miljoner kronor, budget {y - 1} "
        f"jämfört med budget {y}. Den totala nettokostnaden {direction} från "
        f"{numfmt.mnkr(-(total.budget_prev or 0))} till {numfmt.mnkr(-(total.budget or 0))} mnkr. "
        f"Störst budget {y}: {gist} mnkr. Siffrorna finns i tabellen ovan."
    )
    return Chart(f"Nettokostnad per verksamhet, budget {y - 1} och {y} (Mnkr)",
                 tuple(r.name for r in rows), (prev, curr), alt, "Nettokostnad, Mnkr")  # fmt: skip


def _cover(plan: Plan, cfg: KommunConfig) -> Cover:
    details: list[tuple[str, str]] = []
    if plan.case_number:
        details.append(("Diarienummer", plan.case_number))
    if plan.decision_date:
        details.append(("Beslutsdatum", numfmt.date_long(plan.decision_date)))
    if plan.contact:
        details.append(("Kontaktperson", plan.contact))
    return Cover(plan.kommun, plan.namnd, plan.title, tuple(details), _logo(cfg))


def compose(plan: Plan, cfg: KommunConfig) -> Document:
    """The whole plan as a document model, sections in the order of dokument.md."""
    y = plan.year
    b: list[Block] = [_cover(plan, cfg), PageBreak(), TableOfContents(), PageBreak()]

    # 1.0, 1.1: kommun-wide texts
    b.extend(render_kommun_texts(cfg, plan))

    # 2.0: the nämnd's reading of the målbild and goals
    b.append(
        Heading(1, "Innebörden av kommunfullmäktiges målbild och övergripande mål för nämnden")
    )
    readings = {r.goal: r for r in plan.goal_readings}
    for goal in cfg.goals:
        figures = plan.key_figures_for(goal)
        if goal not in readings and not figures:
            continue
        b.append(Heading(2, goal))
        if goal in readings:
            b.extend(cell_blocks(readings[goal].text))
        if figures:
            b.append(_key_figure_table("Nämndens nyckeltal", "Nämndens nyckeltal", figures, y))

    # 3.0: special investments and commissions from the council
    _chapter(b, SATSNINGAR, 1, bool(plan.commissions), y)
    for kind, label in (("Särskild satsning", "Särskilda satsningar i KF:s årsplan"),
                        ("Uppdrag", "Uppdrag i KF:s årsplan")):  # fmt: skip
        items = [c for c in plan.commissions if c.kind == kind]
        if not items:
            continue
        rows = tuple((Cell.of(c.heading, bold=True), Cell(cell_blocks(c.text, "table")))
                     for c in items)  # fmt: skip
        b.append(Table(label, (Cell.of(label), Cell.of("För nämnden innebär det")), rows,
                       (3.0, 7.0)))  # fmt: skip

    # 4.0: basic mission and development goals
    b.append(Heading(1, "Nämndens grunduppdrag och utvecklingsmål"))
    b.append(Heading(2, "Nämndens grunduppdrag"))
    by_name = {p.name: p for p in plan.perspectives}
    for name in PERSPEKTIV:
        p = by_name.get(name)
        if p is None:
            continue
        b.append(Heading(3, p.name))
        # The direction is shown as text (never by colour alone), as in the kommun's plans.
        b.append(Paragraph((Run(p.direction, bold=True),), "direction"))
        b.extend(cell_blocks(p.description))
        b.append(Heading(4, "Beskrivning av nuläget"))
        b.extend(cell_blocks(p.current_state))
        b.append(Heading(4, "Analys av kvalitetsnivån"))
        b.extend(cell_blocks(p.quality_analysis))
    if _chapter(b, UTVECKLINGSMAL, 2, bool(plan.development_goals), y):
        rows = tuple(
            (
                Cell((Paragraph.of(g.goal, "table", bold=True), *cell_blocks(g.description, "table"))),
                Cell(cell_blocks(g.strategy, "table")),
                Cell((Paragraph.of(f"KF:s målbild och mål: {'Ja' if g.linked_to_kf else 'Nej'}", "table"),
                      Paragraph.of(f"Agenda 2030-mål: {'Ja' if g.linked_to_agenda2030 else 'Nej'}", "table"))),
            )
            for g in plan.development_goals
        )  # fmt: skip
        header = (Cell.of("Utvecklingsmål"), Cell.of("Strategi för att nå målet"),
                  Cell.of("Kopplas till"))  # fmt: skip
        b.append(Table("Nämndens utvecklingsmål, strategier och kopplingar", header, rows,
                       (4.0, 4.4, 1.8)))  # fmt: skip
    if plan.basic_mission_figures:
        b.append(Heading(2, "Nämndens nyckeltal för grunduppdraget"))
        b.append(_key_figure_table("Nyckeltal för grunduppdraget", "Nyckeltal",
                                   plan.basic_mission_figures, y))  # fmt: skip

    # 5.0: volumes
    _chapter(b, VOLYMER, 1, bool(plan.volumes.rows or plan.comments_for("Volymer")), y)
    if plan.volumes.rows:
        b.append(_amount_table("Volymer", "Volymer", plan.volumes, plan, money=False,
                               with_total=False))  # fmt: skip
    if plan.comments_for("Volymer"):
        b.append(Heading(2, "Större förändringar"))
        b.extend(_comments(plan, "Volymer", 3))

    # 6.0: budget
    period = f"{y} och plan {y + 1}–{y + 2}"
    b.append(Heading(1, "Nämndens budget"))
    b.append(Heading(2, f"Driftsbudget {period}"))
    b.append(_amount_table(f"Driftsbudget {period}, Mnkr", "Verksamhet (Mnkr)", plan.operating,
                           plan, money=True, with_total=True))  # fmt: skip
    chart = _operating_chart(plan, cfg)
    if chart:
        b.append(chart)
    b.extend(_comments(plan, "Driftsbudget", 3))
    has_investments = bool(plan.investment.rows or plan.comments_for("Investeringsbudget"))
    if _chapter(b, INVESTERINGAR, 2, has_investments, y, f"Investeringsbudget {period}"):
        if plan.investment.rows:
            b.append(_amount_table(f"Investeringsbudget {period}, Mnkr", "Investeringar (Mnkr)",
                                   plan.investment, plan, money=True, with_total=True))  # fmt: skip
        elif INVESTERINGAR.sentence:
            b.append(Paragraph.of(INVESTERINGAR.text(y)))
    b.extend(_comments(plan, "Investeringsbudget", 3))

    # 7.0: sustainability
    _chapter(b, HALLBARHET, 1, bool(plan.sustainability), y)
    for item in plan.sustainability:
        b.append(Heading(2, f"Mål {item.goal_number} – {AGENDA_2030[item.goal_number - 1].name}"))
        b.extend(cell_blocks(item.text))

    return Document(
        title=plan.running_title,
        running_title=plan.running_title,
        language="sv-SE",
        blocks=tuple(_number_headings(b) if cfg.heading_numbering else b),
        subject=f"{plan.namnd}, {plan.kommun}",
        keywords=("nämndplan", "budget", str(y)),
    )


def _chapter(b: list[Block], chapter: EmptyChapter, level: int, has_content: bool, year: int,
             heading: str | None = None) -> bool:  # fmt: skip
    """Open a chapter or sub-section: its heading when it has content; when it has none,
    the heading with the one sentence ``outline`` gives it, or nothing (left out).
    Returns whether the content follows."""
    if has_content or chapter.sentence:
        b.append(Heading(level, heading or chapter.heading))
    if not has_content and chapter.sentence:
        b.append(Paragraph.of(chapter.text(year)))
    return has_content


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


__all__ = ["compose", "render_kommun_texts", "BulletList"]
