"""The accessibility checks, on the built plan and on documents made to fail them."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import docx
from click.testing import CliRunner
from docx.shared import RGBColor

from pipeline.cli.main import main
from pipeline.write.a11y import check_docx, contrast, ratio_text

# A 1x1 PNG, for a picture without alt text.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _failing(path: Path) -> dict[str, list[str]]:
    return {c.name: c.problems for c in check_docx(path) if not c.ok}


def test_built_plan_passes_every_check(built_example: Path) -> None:
    assert _failing(built_example) == {}


def test_contrast_formula() -> None:
    assert round(contrast("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast("00507A", "FFFFFF"), 2) == 8.65
    assert contrast("9BBB59", "FFFFFF") < 4.5


def test_a_careless_document_fails_with_places(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Andra nivån först", level=2)
    d.add_paragraph("")
    d.add_paragraph("• en punkt skriven för hand")
    d.add_heading("Nivå fyra efter två", level=4)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    d.add_picture(io.BytesIO(PIXEL))
    path = tmp_path / "slarvig.docx"
    d.save(str(path))

    failing = _failing(path)
    text = "\n".join(p for problems in failing.values() for p in problems)
    assert "saknar titel" in text
    assert "nivå 2, inte 1" in text and "Rubriknivå 4 följer på nivå 2" in text
    assert "Tomt stycke" in text
    assert "en punkt skriven för hand" in text
    assert "upprepas inte" in text and "sammanfogade celler" in text
    assert "saknar rubrik eller beskrivning" in text
    assert "saknar alternativtext" in text


def test_a11y_command_exit_codes(built_example: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(main, ["a11y", str(built_example)])
    assert good.exit_code == 0 and "7 av 7 kontroller godkända" in good.output
    d = docx.Document()
    d.add_paragraph("")
    bad_path = tmp_path / "tom.docx"
    d.save(str(bad_path))
    bad = runner.invoke(main, ["a11y", str(bad_path)])
    assert bad.exit_code == 1 and "FEL" in bad.output and "Traceback" not in bad.output
    not_docx = tmp_path / "x.docx"
    not_docx.write_text("nej")
    res = runner.invoke(main, ["a11y", str(not_docx)])
    assert res.exit_code == 1 and "inget läsbart Word-dokument" in res.output


def test_contrast_figures_are_written_with_a_decimal_comma(built_example: Path,
                                                           tmp_path: Path) -> None:  # fmt: skip
    good = CliRunner().invoke(main, ["a11y", str(built_example)])
    assert "Kontrast minst 4,5:1" in good.output
    assert not re.search(r"\d\.\d", good.output), good.output

    d = docx.Document()
    d.core_properties.title = "Blek text"
    d.styles["Normal"].font.color.rgb = RGBColor.from_string("9BBB59")  # 2.1:1 against white
    d.add_heading("Rubrik", level=1)
    d.add_paragraph("Ljusgrön text.")
    path = tmp_path / "blek.docx"
    d.save(str(path))
    bad = CliRunner().invoke(main, ["a11y", str(path)])
    assert bad.exit_code == 1
    expected = f"Formatet Normal: #9BBB59 mot vitt ger {ratio_text(contrast('9BBB59', 'FFFFFF'))}."
    assert expected in bad.output and "ger 2,1:1" in bad.output
    assert not re.search(r"\d\.\d", bad.output), bad.output


def test_ratio_text_is_swedish_and_never_rounds_a_failure_up() -> None:
    assert ratio_text(4.5) == "4,5:1"
    assert ratio_text(21.0) == "21,0:1"
    assert ratio_text(4.46) == "4,4:1"  # 4.46 fails 4,5:1, so it must not read "4,5:1"
    assert ratio_text(8.651) == "8,6:1"
    assert ratio_text(0.7 * 10 / 10) == "0,7:1"
