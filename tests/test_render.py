"""The example as a reader sees it: LibreOffice lays it out, the PDF is read back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.spec.config import KommunConfig

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    not SOFFICE or not shutil.which("pdftotext"),
    reason="LibreOffice and poppler-utils are not installed",
)


@pytest.fixture(scope="module")
def laid_out(example: Path, cfg: KommunConfig, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built with the LibreOffice layout pass (TOC page numbers filled)."""
    out = tmp_path_factory.mktemp("laid") / "socialnamnden-2024.docx"
    result = build(example, out, cfg, layout=True)
    assert result.output == out and result.pages
    return out


@pytest.fixture(scope="module")
def pdf(laid_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Converted independently of the pipeline, with a private LibreOffice profile."""
    out = tmp_path_factory.mktemp("pdf")
    profile = out / "profile"
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
           "--convert-to", "pdf", "--outdir", str(out), str(laid_out)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    return out / f"{laid_out.stem}.pdf"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def test_a4_and_a_plausible_length(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595" in info and "841" in info  # A4 in points
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    assert 12 <= pages <= 24


def test_every_page_after_the_cover_has_the_running_header(pdf: Path) -> None:
    pages = _pages(pdf)
    title = "Socialnämnden, Nämndplan med budget 2024 och plan för 2025–2026"
    assert title not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert title in page, f"page {number} lacks the running header"
        assert f"{number}({len(pages)})" in page, f"page {number} lacks {number}({len(pages)})"


def test_table_of_contents_shows_the_real_page_of_every_entry(pdf: Path) -> None:
    pages = _pages(pdf)
    toc_lines = [line.strip() for line in pages[1].splitlines() if re.match(r"^\s*\d\.\d ", line)]
    assert len(toc_lines) >= 20
    for line in toc_lines:
        m = re.match(r"^(\d\.\d .*?)\.{3,}\s*(\d+)$", line)
        assert m, f"TOC line without a page number: {line!r}"
        title, page = m[1].strip(), int(m[2])
        body = " ".join(pages[page - 1].split())
        assert title[:40] in body, f"{title!r} is not on page {page}"


def test_pdf_export_is_tagged_with_title(
    laid_out: Path, cfg: KommunConfig, example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.docx"
    result = build(example, out, cfg, layout=True, pdf=True)
    assert result.pdf == out.with_suffix(".pdf") and result.pdf.exists()
    info = subprocess.run(
        ["pdfinfo", str(result.pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "Tagged:          yes" in info
    assert "Socialnämnden, Nämndplan med budget 2024" in info
