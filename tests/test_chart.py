"""The operating-budget bar chart (issue 10): a value axis from 0 with Swedish tick labels.

Structural tests read the chart part; the format codes are checked against an independent
reading of Excel's format-code rules (``_excel_text``); the LibreOffice test draws plans
with large amounts and net income and reads the axis labels back from the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree

from pipeline.compose.docmodel import Chart, Series
from pipeline.spec.config import KommunConfig
from pipeline.write.chart import AxisScale, chart_part_xml, value_axis_scale

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
MINUS, NBSP = "\u2212", "\u00a0"


def _swedish(value: int) -> str:
    """A whole number as Swedish text: ``1 250`` (no-break space), ``−200``."""
    return (MINUS if value < 0 else "") + f"{abs(value):,}".replace(",", NBSP)


def _chart(*series: tuple[float, ...], names: tuple[str, ...] | None = None) -> Chart:
    n = len(series[0])
    categories = names or tuple(f"Verksamhet {i + 1}" for i in range(n))
    colours = ("8C5A00", "00507A")
    return Chart(
        "Nettokostnad per verksamhet (Mnkr)",
        categories,
        tuple(Series(f"Budget {2023 + i}", v, colours[i % 2]) for i, v in enumerate(series)),
        "Stapeldiagram.",
        "Nettokostnad, Mnkr",
    )


def _val_axis(chart: Chart) -> dict[str, str]:
    root = etree.fromstring(chart_part_xml(chart))
    ax = root.find(f".//{C}valAx")
    assert ax is not None
    return {
        "min": ax.find(f"{C}scaling/{C}min").get("val"),  # type: ignore[union-attr]
        "max": ax.find(f"{C}scaling/{C}max").get("val"),  # type: ignore[union-attr]
        "major": ax.find(f"{C}majorUnit").get("val"),  # type: ignore[union-attr]
        "format": ax.find(f"{C}numFmt").get("formatCode"),  # type: ignore[union-attr]
    }


# --- an independent reading of Excel's number-format rules, for whole numbers ----------


def _sections(code: str) -> list[str]:
    out, current, quoted = [], "", False
    for ch in code:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(current)
            current = ""
        else:
            current += ch
    return [*out, current]


_COND = re.compile(r"^\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?)\]")


def _holds(op: str, limit: float, v: float) -> bool:
    return {"<": v < limit, "<=": v <= limit, ">": v > limit, ">=": v >= limit,
            "=": v == limit, "<>": v != limit}[op]  # fmt: skip


def _render(body: str, value: int) -> str:
    """Digits of ``value`` (absolute) into the placeholders, right to left; extra digits go
    into the leftmost placeholder; literals (quoted or after a backslash) are always shown;
    a ``#`` without a digit shows nothing, a ``0`` shows 0. Other characters are refused, so
    the format code cannot rely on anything this reading does not cover."""
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            end = body.index('"', i + 1)
            tokens.append(("lit", body[i + 1 : end]))
            i = end + 1
        elif ch == "\\":
            tokens.append(("lit", body[i + 1]))
            i += 2
        elif ch in "#0":
            tokens.append(("ph", ch))
            i += 1
        else:
            raise AssertionError(f"unexpected {ch!r} in section {body!r}")
    digits = list(str(abs(value)))
    placeholders = [k for k, (kind, _) in enumerate(tokens) if kind == "ph"]
    out = [t[1] if t[0] == "lit" else "" for t in tokens]
    for k in reversed(placeholders):
        if digits:
            out[k] = digits.pop()
        else:
            out[k] = "0" if tokens[k][1] == "0" else ""
    if digits and placeholders:
        out[placeholders[0]] = "".join(digits) + out[placeholders[0]]
    return "".join(out)


def _excel_text(code: str, value: int) -> str:
    """The text Excel's rules give ``value`` under ``code``.

    Sections are positive;negative;zero, and the negative section shows the absolute value
    (Microsoft's "Review guidelines for customizing a number format"). With conditions the
    first matching conditional section is used, else the last; the sign is left out when
    the section's condition can only match negative numbers, as Excel does
    (SheetJS/sheetjs#2573, apache/poi#229), and shown as a hyphen-minus otherwise.
    """
    parts = _sections(code)
    conds = [_COND.match(p) for p in parts]
    if not any(conds):
        if len(parts) == 3:
            index = 0 if value > 0 else 1 if value < 0 else 2
        else:
            index = 0 if value >= 0 or len(parts) == 1 else 1
        sign = value < 0 and index == 0
        return ("-" if sign else "") + _render(parts[index], value)
    assert len(parts) == 3 and not conds[2], code
    for part, m in zip(parts[:2], conds[:2], strict=True):
        if m and _holds(m[1], float(m[2]), value):
            op, limit = m[1], float(m[2])
            negative_only = (op == "<" and limit <= 0) or (op in ("<=", "=") and limit < 0)
            sign = value < 0 and not negative_only
            return ("-" if sign else "") + _render(part[m.end() :], value)
    return ("-" if value < 0 else "") + _render(parts[2], value)


def test_the_reading_of_excel_rules_reproduces_known_cases() -> None:
    # The cases the rules come from, so the reading itself is checked.
    assert _excel_text("0;0", -1000) == "1000"  # the negative section: no sign
    assert _excel_text('0;"neg "0', -5) == "neg 5"
    assert _excel_text("0", -5) == "-5"
    assert _excel_text("#\\-00", 5) == "-05"  # a literal is drawn even with no digit
    assert _excel_text('#"x"##0', 200) == "x200"
    assert _excel_text('#"x"##0', 12345) == "12x345"  # extra digits: leftmost placeholder
    assert _excel_text("[<=-25]0;[>=25]0;0", -25) == "25"  # negative-only: sign dropped
    assert _excel_text("[>=100]0;[<=-100]0;0", -3) == "-3"  # the rest keep the sign


# --- the scale ----------------------------------------------------------------------------


def test_all_positive_values_start_the_axis_at_zero() -> None:
    axis = _val_axis(_chart((4.2,), (4.4,)))
    assert (axis["min"], axis["max"], axis["major"]) == ("0", "5", "1")


def test_large_amounts_with_net_income_extend_the_axis_below_zero() -> None:
    chart = _chart((1190.0, 940.0, -28.0), (1250.0, 980.0, -35.0))
    axis = _val_axis(chart)
    assert (axis["min"], axis["max"], axis["major"]) == ("-200", "1400", "200")


@pytest.mark.parametrize(
    "series",
    [
        ((4.2,), (4.4,)),
        ((59.9, 20.4, 1.4, -1.1), (52.4, 21.8, 1.8, -0.5)),  # the example's shape
        ((1190.0, 940.0, -28.0), (1250.0, 980.0, -35.0)),
        ((12.5, 3.0), (18.0, 2.0)),
        ((480.0,), (512.3,)),
        ((2600.0, 9100.0), (2800.0, 9650.5)),
        ((12500.0, 700.0), (-600.0, 800.0)),
        ((16.1,), (0.0,)),
        ((-4.2,), (-4.4,)),
    ],
)
def test_the_scale_is_zero_based_nice_and_covers_every_value(
    series: tuple[tuple[float, ...], ...],
) -> None:
    chart = _chart(*series)
    scale = value_axis_scale(chart)
    values = [v for s in series for v in s]
    assert scale.minimum <= min(0, *values) and scale.maximum >= max(0, *values)
    assert 0 in scale.ticks
    unit = scale.major_unit
    mantissa = unit / 10 ** (len(str(unit)) - 1)
    assert mantissa in (1, 2, 2.5, 5)
    assert (scale.maximum - scale.minimum) % unit == 0
    assert 4 <= len(scale.ticks) - 1 <= 8
    # no finer nice step would fit in 8 intervals and still reach every value
    assert (max(0, *values) - min(0, *values)) / unit > 8 / 2.5
    axis = _val_axis(chart)
    assert (int(axis["min"]), int(axis["max"]), int(axis["major"])) == scale[:3]


def test_tiny_amounts_keep_whole_number_ticks() -> None:
    scale = value_axis_scale(_chart((0.3, 1.2), (0.4, 1.7)))
    assert scale.ticks == (0, 1, 2)
    assert value_axis_scale(_chart((0.0,), (0.0,))).ticks == (0, 1)


# --- the tick labels ----------------------------------------------------------------------

SCALES = [
    ((4.2,), (4.4,)),
    ((1190.0, 940.0, -28.0), (1250.0, 980.0, -35.0)),
    ((1250.0, 980.0), (1190.0, 940.0)),
    ((1150.0, -950.0, 30.0), (1250.0, -980.0, 35.0)),
    ((-1250.0,), (-980.0,)),
    ((-1200.0, 300.0), (-1500.0, 200.0)),
    ((12500.0, 700.0), (-600.0, 800.0)),
    ((48000.0,), (51000.0,)),
    ((999_500.0,), (1.0,)),
    ((2_400_000.0,), (-1.0,)),
    ((-35.0, 8.0), (-42.0, 6.0)),
]


@pytest.mark.parametrize("series", SCALES)
def test_every_tick_reads_the_swedish_way_by_excel_rules(
    series: tuple[tuple[float, ...], ...],
) -> None:
    scale = value_axis_scale(_chart(*series))
    code = _val_axis(_chart(*series))["format"]
    assert code == scale.format_code
    assert "," not in code and "-" not in code  # no locale grouping, no hyphen-minus
    for tick in scale.ticks:
        text = _excel_text(code, tick)
        assert text == _swedish(tick), (code, tick)
        assert text == text.strip(" \u00a0")


def test_thousands_use_a_no_break_space_and_negatives_a_real_minus() -> None:
    code = value_axis_scale(_chart((1150.0, -950.0), (1250.0, -980.0))).format_code
    assert f'"{NBSP}"' in code and f'"{MINUS}"' in code
    assert code.count(";") == 2


def test_data_stay_plain_numbers_and_categories_intact() -> None:
    names = ("Äldreomsorg", "Individ- och familjeomsorg", "Stöd & service <LSS>")
    chart = _chart((1190.0, 940.0, -28.0), (1250.0, 980.0, -35.0), names=names)
    root = etree.fromstring(chart_part_xml(chart))
    sers = root.findall(f".//{C}ser")
    assert len(sers) == 2
    for ser, series in zip(sers, chart.series, strict=True):
        cats = [v.text for v in ser.iterfind(f"{C}cat//{C}pt/{C}v")]
        assert cats == list(reversed(names))  # drawn bottom-up: first row on top
        vals = [v.text or "" for v in ser.iterfind(f"{C}val//{C}pt/{C}v")]
        assert [float(v) for v in vals] == list(reversed(series.values))
        assert all(re.fullmatch(r"-?\d+\.\d", v) for v in vals)
        assert ser.find(f"{C}tx//{C}v").text == series.name  # type: ignore[union-attr]
        colour = ser.find(f"{C}spPr//{{*}}srgbClr").get("val")  # type: ignore[union-attr]
        assert colour == series.colour


def test_the_example_chart_starts_at_zero_or_below(built_example: Path) -> None:
    import zipfile

    with zipfile.ZipFile(built_example) as zf:
        root = etree.fromstring(zf.read("word/charts/chart1.xml"))
    ax = root.find(f".//{C}valAx")
    assert ax is not None
    low = Decimal(ax.find(f"{C}scaling/{C}min").get("val"))  # type: ignore[union-attr]
    values = [Decimal(v.text or "") for v in root.iterfind(f".//{C}val//{C}v")]
    assert low <= 0 and low <= min(values)
    assert "," not in ax.find(f"{C}numFmt").get("formatCode")  # type: ignore[union-attr]


# --- drawn by LibreOffice -----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    not SOFFICE or not shutil.which("pdftotext"),
    reason="LibreOffice and poppler-utils are not installed",
)

PLANS: dict[str, list[tuple[Any, ...]]] = {
    # Driftsbudget rows: Verksamhet, Bokslut, Prognos, Budget Y-1, Budget Y, Plan, Plan
    "stor": [
        ("Äldreomsorg", -1200.0, -1210.0, -1190.0, -1250.0, -1260.0, -1270.0),
        ("Individ- och familjeomsorg", -950.0, -960.0, -940.0, -980.0, -990.0, -1000.0),
        ("Uthyrning", 30.0, 31.0, 28.0, 35.0, 35.0, 35.0),
    ],
    "intakter": [
        ("Skatteintäkter", 1150.0, 1160.0, 1140.0, 1250.0, 1260.0, 1270.0),
        ("Individ- och familjeomsorg", -950.0, -960.0, -940.0, -980.0, -990.0, -1000.0),
        ("Uthyrning", 30.0, 31.0, 28.0, 35.0, 35.0, 35.0),
    ],
    "en-rad": [("Nämnd SN", -4.0, -4.1, -4.2, -4.4, -4.5, -4.6)],
}


@pytest.fixture(scope="module")
def chart_pdfs(
    example: Path, cfg: KommunConfig, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, AxisScale]]:
    """Each plan of PLANS built and drawn by LibreOffice (one conversion for all)."""
    import zipfile

    from pipeline.build import build

    tmp = tmp_path_factory.mktemp("diagram")
    built: dict[str, tuple[Path, AxisScale]] = {}
    for name, rows in PLANS.items():
        wb = openpyxl.load_workbook(example)
        ws = wb["Driftsbudget"]
        ws.delete_rows(2, ws.max_row)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                ws.cell(r, c, value)
        xlsx = tmp / f"{name}.xlsx"
        wb.save(xlsx)
        out = tmp / f"{name}.docx"
        result = build(xlsx, out, cfg)
        assert result.output == out, [str(f) for f in result.check.findings]
        costs = [tuple(-row[i] for row in rows) for i in (3, 4)]
        with zipfile.ZipFile(out) as zf:
            assert "word/charts/chart1.xml" in zf.namelist()
        built[name] = (tmp / f"{name}.pdf", value_axis_scale(_chart(*costs)))
    profile = tmp / "profile"
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
           "pdf", "--outdir", str(tmp), *(str(tmp / f"{n}.docx") for n in PLANS)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    return built


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, text) of every word in the PDF."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    out = []
    for page, body in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
            body,
        ):
            out.append((page, float(x0), float(y0), float(x1), float(y1), w))
    return out


def _chart_text(pdf: Path) -> tuple[list[tuple[str, float]], str]:
    """The value-axis labels (text, centre x) left to right, and all text of the chart."""
    words = _words(pdf)
    title = next(w for w in words if w[5] == "Nettokostnad," and words[words.index(w) + 1][5]
                 == "Mnkr")  # fmt: skip
    page = title[0]
    caption = next(w for w in words if w[0] == page and w[5] == "verksamhet,")
    inside = [w for w in words if w[0] == page and caption[4] < w[2] and w[4] < title[2]]
    chart_text = " ".join(w[5] for w in inside)
    bottom = max(w[4] for w in inside)
    line = sorted((w for w in inside if abs(w[4] - bottom) < 1), key=lambda w: w[1])
    labels: list[list[Any]] = []
    for w in line:  # words closer than a space's width belong to one label ("1 000")
        if labels and w[1] - labels[-1][2] < 3.5:
            labels[-1][0] += " " + w[5]
            labels[-1][2] = w[3]
        else:
            labels.append([w[5], w[1], w[3]])
    return [(text, (x0 + x1) / 2) for text, x0, x1 in labels], chart_text


@needs_libreoffice
@pytest.mark.parametrize("name", list(PLANS))
def test_libreoffice_draws_the_axis_from_zero_with_swedish_labels(
    chart_pdfs: dict[str, tuple[Path, AxisScale]], name: str
) -> None:
    pdf, scale = chart_pdfs[name]
    labels, chart_text = _chart_text(pdf)
    expected = [_swedish(t).replace(NBSP, " ") for t in scale.ticks]
    assert [text.replace(NBSP, " ") for text, _ in labels] == expected
    assert "0" in expected and scale.minimum <= 0
    assert "1,000" not in chart_text and not re.search(r"-\d", chart_text)
    # Labels centred on evenly spaced ticks: a stray leading space (`` 200``) would
    # shift a label by half a space's width, about 1.1 pt at 8 pt.
    first, last = labels[0][1], labels[-1][1]
    pitch = (last - first) / (len(labels) - 1)
    for i, (text, centre) in enumerate(labels):
        assert abs(centre - (first + i * pitch)) < 0.5, (text, centre)


@needs_libreoffice
def test_libreoffice_plans_cover_grouping_and_net_income(
    chart_pdfs: dict[str, tuple[Path, AxisScale]],
) -> None:
    texts = {n: [t for t, _ in _chart_text(pdf)[0]] for n, (pdf, _) in chart_pdfs.items()}
    assert "1 000" in texts["stor"] and f"{MINUS}200" in texts["stor"]
    assert f"{MINUS}1 000" in texts["intakter"]
    assert texts["en-rad"][0] == "0"
