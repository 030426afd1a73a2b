"""DrawingML for a native Word bar chart (no image library, no embedded workbook).

Word and LibreOffice draw the chart from the cached values in the chart part; the figures
stay text-searchable in the table beside it.

The value axis is scaled here, not by the viewer (issue 10): it always includes 0, so bars
are drawn from zero and their lengths compare truthfully, and its ticks are whole "nice"
numbers (1, 2, 2.5 or 5 times a power of ten). Because the ticks are known, the axis's
number format is built for exactly those ticks from literals (no-break space between
thousands, U+2212 before negatives) instead of the locale-dependent ``#,##0``, which
LibreOffice's default en-US locale draws as ``1,000`` and ``-200``. See
``tick_format_code`` for the rules the code relies on in Excel/Word and LibreOffice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple

from pipeline.common.numfmt import MINUS, NBSP
from pipeline.common.xmltext import attr, escape
from pipeline.compose.docmodel import Chart

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
EMU_PER_CM = 360000


def _col(i: int) -> str:
    return chr(ord("A") + i)


def _str_cache(values: tuple[str, ...] | list[str]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{escape(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'


def _text_props(size_hundredths: int, bold: bool = False) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size_hundredths}" '
            f'b="{1 if bold else 0}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            '<a:latin typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="sv-SE"/></a:p>'
            "</c:txPr>")  # fmt: skip


MAX_INTERVALS = 8  # at most 8 steps between ticks: 9 labels fit an A4 text width at 8 pt


class AxisScale(NamedTuple):
    """The value axis: whole-number ticks from ``minimum`` to ``maximum`` every
    ``major_unit``, labelled with ``format_code``."""

    minimum: int
    maximum: int
    major_unit: int
    format_code: str

    @property
    def ticks(self) -> tuple[int, ...]:
        return tuple(range(self.minimum, self.maximum + 1, self.major_unit))


def _nice_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, ...: whole numbers only, so the axis
    never needs a decimal separator (no format code makes one Swedish in every viewer:
    ``.`` is drawn in the viewer's locale)."""
    power = 1
    while True:
        yield from (power, 2 * power, *([25 * power // 10] if power >= 10 else []), 5 * power)
        power *= 10


def _magnitude(value: int) -> int:
    """0 below 1 000, 1 below 1 000 000, ...: how many group separators ``value`` needs."""
    return (len(str(abs(value))) - 1) // 3


def _digits(magnitude: int) -> str:
    """Digit placeholders with a quoted no-break space between groups of three."""
    if magnitude == 0:
        return "0"
    return "#" + f'"{NBSP}"###' * (magnitude - 1) + f'"{NBSP}"##0'


def tick_format_code(ticks: Iterable[int]) -> str | None:
    """A number format code that writes each of ``ticks`` the Swedish way in every viewer.

    ``1 000`` (no-break space), ``−200`` (U+2212), ``0``; no ``,`` grouping placeholder and
    no hyphen-minus. ``None`` when the ticks need more than one format code can give
    (the caller then picks a coarser step). The rules relied on:

    - A literal between digit placeholders is always drawn, even where ``#`` has no digit
      (LibreOffice, tested: ``# ##0`` gives `` 200``), so a pattern with a group separator
      is only used for values that fill it.
    - Without conditions the sections are positive;negative;zero and the negative section
      gets the absolute value (Excel's documented rule; LibreOffice the same, tested), so
      ``"−"0`` gives ``−200``.
    - When positive ticks are both below and above 1 000 a condition is needed:
      ``[>=1000]…;[<0]"−"0;0``. Excel drops the sign for a section whose condition can only
      match negative numbers (observed in Excel: SheetJS/sheetjs#2573, apache/poi#229),
      LibreOffice does the same for this second section (tested; it keeps the sign in a
      *first* section with a negative-only condition, so negatives are never put there),
      and the third section takes the rest, 0 to 999, which have no sign.
    - Negative ticks are limited to one magnitude (both conditions may be in use).
    """
    ticks = list(ticks)
    positive = sorted({_magnitude(v) for v in ticks if v > 0})
    negative = {_magnitude(v) for v in ticks if v < 0}
    if len(negative) > 1:
        return None
    neg = f'"{MINUS}"{_digits(negative.pop() if negative else 0)}'
    if len(positive) <= 1:
        return f"{_digits(positive[0] if positive else 0)};{neg};0"
    if positive == [0, 1]:
        return f"[>=1000]{_digits(1)};[<0]{neg};0"
    return None


def value_axis_scale(chart: Chart) -> AxisScale:
    """The value axis for ``chart``: from 0 or below (negative values, i.e. net income)
    to 0 or above, covering every value, in at most 8 whole steps: the finest nice step
    whose ticks ``tick_format_code`` can write. Values spanning less than 4 get fewer
    steps of 1 (the ticks stay whole numbers)."""
    values = [Decimal(str(v)) for s in chart.series for v in s.values]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    if low == high:  # nothing but zeros: an axis from 0 to 1
        high = Decimal(1)
    steps = _nice_steps()
    while True:  # ends at the latest when one step covers every value: ticks −step, 0, step
        step = next(steps)
        bottom, top = math.floor(low / step), math.ceil(high / step)
        if top - bottom > MAX_INTERVALS:
            continue
        code = tick_format_code(range(bottom * step, top * step + 1, step))
        if code is not None:
            return AxisScale(bottom * step, top * step, step, code)


def chart_part_xml(chart: Chart) -> bytes:
    n = len(chart.categories)
    scale = value_axis_scale(chart)
    # Categories are drawn bottom-up in a bar chart: reverse so the first row is on top.
    cats = list(reversed(chart.categories))
    cat_ref = f"Blad1!$A$2:$A${n + 1}"
    series = []
    for s_idx, s in enumerate(chart.series):
        vals = list(reversed(s.values))
        col = _col(s_idx + 1)
        pts = "".join(f'<c:pt idx="{i}"><c:v>{v:.1f}</c:v></c:pt>' for i, v in enumerate(vals))
        series.append(
            f'<c:ser><c:idx val="{s_idx}"/><c:order val="{s_idx}"/>'
            f"<c:tx><c:strRef><c:f>Blad1!${col}$1</c:f>{_str_cache([s.name])}</c:strRef></c:tx>"
            f'<c:spPr><a:solidFill><a:srgbClr val="{s.colour}"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
            f"<c:cat><c:strRef><c:f>{cat_ref}</c:f>{_str_cache(cats)}</c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>Blad1!${col}$2:${col}${n + 1}</c:f><c:numCache>"
            f'<c:formatCode>0.0</c:formatCode><c:ptCount val="{n}"/>{pts}</c:numCache>'
            "</c:numRef></c:val></c:ser>"
        )
    axis_title = (
        '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/>'
        f'</a:pPr><a:r><a:rPr lang="sv-SE" sz="900" b="0"/><a:t>{escape(chart.axis_title)}'
        '</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:lang val="sv-SE"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        + "".join(series)
        + '<c:gapWidth val="60"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>'
        '<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
        '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="595959"/></a:solidFill></a:ln></c:spPr>'
        + _text_props(800)
        + '<c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{scale.maximum}"/><c:min val="{scale.minimum}"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines><c:spPr><a:ln w="6350">'
        '<a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'
        + axis_title
        + f'<c:numFmt formatCode="{attr(scale.format_code)}" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        + _text_props(800)
        + '<c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{scale.major_unit}"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="t"/><c:overlay val="0"/>' + _text_props(900) + "</c:legend>"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def chart_height_cm(chart: Chart) -> float:
    return min(22.0, 2.5 + 0.55 * len(chart.categories))


def inline_xml(r_id: str, shape_id: int, name: str, alt: str, cx: int, cy: int) -> str:
    """The ``w:drawing`` that places the chart inline."""
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    alt_attr = attr(alt)
    return (
        f'<w:drawing><wp:inline xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{attr(name)}" descr="{alt_attr}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{r_id}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
