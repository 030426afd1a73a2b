"""The command for the kommun's own folder: ``init`` (an editable copy of the default kommun).

Registered on the main group in ``cli.py`` like the workbook commands::

    from pipeline.cli.kommun import init_cmd
    main.add_command(init_cmd)

The copy is written to a temporary folder beside the target and renamed into place, so an
interrupted run leaves no half-written kommun folder; an existing folder with anything in
it is never touched.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from pipeline.cli.common import NamndplanError
from pipeline.cli.common import guard as _guard
from pipeline.spec.config import CONFIG_FILE, TEMPLATES_ENV, bundled_templates_dir, load_config

# What belongs to the package, not to the kommun: never copied into the kommun's folder.
NOT_KOMMUN_DATA = shutil.ignore_patterns("__pycache__", "*.py", "*.pyc", ".*")


def write_kommun_folder(target: Path) -> Path:
    """Copy the bundled default kommun to ``target`` (absent or empty); return ``target``."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise NamndplanError(f"{target} är en fil, inte en mapp; inget skrevs. Välj en ny mapp.")
    if target.is_dir() and any(target.iterdir()):
        raise NamndplanError(
            f"Mappen {target} finns redan och är inte tom, så den lämnas orörd. Välj en ny "
            "eller tom mapp."
        )
    source = bundled_templates_dir()
    load_config(source)  # the default must itself be complete before anything is written
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        folder = staging / "kommun"
        shutil.copytree(source, folder, ignore=NOT_KOMMUN_DATA)
        if target.is_dir():
            target.rmdir()  # empty (checked above); Windows cannot rename onto a folder
        folder.replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@_guard
def init_cmd(directory: Path) -> None:
    """Skriv en egen kommunmapp att redigera: kommun.toml (namn, mandatperiod, vision, mål),
    texter/ (kommunens gemensamma texter), layout.docx (utseendet) och logotypen, kopierade
    från de inbyggda standardmallarna. En mapp som redan finns och har innehåll lämnas
    orörd. Bygg sedan med --mallar MAPP, eller sätt miljövariabeln NAMNDPLAN_MALLAR."""
    target = write_kommun_folder(directory)
    click.echo(f"Klar: {target}")
    click.echo(
        f"Ändra {target / CONFIG_FILE} (kommunens namn och mål), texterna i "
        f"{target / 'texter'}, layout.docx och logotypen. Använd mappen med "
        f"namndplan build --mallar {target} ARBETSBOK, eller sätt miljövariabeln "
        f"{TEMPLATES_ENV} till mappen."
    )
