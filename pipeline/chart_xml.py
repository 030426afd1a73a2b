"""DrawingML for a native Word bar chart (no image library, no embedded workbook).

Word and LibreOffice draw the chart from the cached values in the chart part; the figures
stay text-searchable in the table beside it.
"""

from __future__ import annotations

from .docmodel import Chart
from .xmltext import attr, escape

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


def chart_part_xml(chart: Chart) -> bytes:
    n = len(chart.categories)
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
        '<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines><c:spPr><a:ln w="6350">'
        '<a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'
        + axis_title
        + '<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        + _text_props(800)
        + '<c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        "</c:valAx></c:plotArea>"
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
