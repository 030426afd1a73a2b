"""The example as a reader sees it: LibreOffice lays it out, the PDF is read back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    not SOFFICE or not shutil.which("pdftotext"),
    reason="LibreOffice and poppler-utils are not installed",
)


@pytest.fixture(scope="module")
def pdf(built_example: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    profile = out / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(built_example),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{built_example.stem}.pdf"


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
