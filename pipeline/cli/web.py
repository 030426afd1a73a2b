"""Commands for the web page: ``serve`` (the server) and ``account`` (add, list, remove).

Registered on the main group in ``main.py``. Flask, waitress and werkzeug are imported
inside the commands only, so that ``validate`` and ``build`` never pay for them (issue 6).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pipeline.cli.common import NamndplanError, kommun_config, templates_option
from pipeline.cli.common import guard as _guard
from pipeline.cli.sv import SwedishGroup

DEFAULT_DATA_DIR = Path("namndplan-data")
DATA_ENV = "NAMNDPLAN_DATA"
MIN_PASSWORD = 8  # NIST SP 800-63B: at least 8 characters for a password the user chooses

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Datamappen med konton, uppladdningar och resultat. Standard: miljövariabeln "
    f"{DATA_ENV}, annars {DEFAULT_DATA_DIR}/ i mappen där kommandot körs.",
)


def _data(data_dir: Path | None) -> Path:
    return data_dir or Path(os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADRESS",
              help="Adressen servern lyssnar på. 127.0.0.1 = bara den egna datorn (bakom "
              "kommunens proxy); 0.0.0.0 = alla nätverkskort.")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              metavar="PORT",
              help="Porten servern lyssnar på (0 = en ledig port, som skrivs ut).")  # fmt: skip
@data_option
@click.option("--max-mb", default=10, show_default=True, type=click.IntRange(1, 500),
              metavar="MB",
              help="Största tillåtna uppladdning i MB (större filer får HTTP 413 och ett "
              "meddelande).")  # fmt: skip
@click.option("--arbetare", "workers", default=None, type=click.IntRange(1, 64),
              metavar="ANTAL",
              help="Antal processer som granskar arbetsböcker samtidigt. Standard: 2 (eller 1 "
              "på en dator med en kärna).")  # fmt: skip
@click.option("--tradar", "threads", default=32, show_default=True, type=click.IntRange(1, 256),
              metavar="ANTAL",
              help="Antal trådar som tar emot förfrågningar.")  # fmt: skip
@click.option("--proxy", "proxies", default=0, show_default=True, type=click.IntRange(0, 5),
              metavar="ANTAL",
              help="Antal omvända proxyer framför servern vars X-Forwarded-For/-Proto/-Host/"
              "-Prefix ska litas på (0 = inga).")  # fmt: skip
@click.option("--https-kakor", "secure", is_flag=True,
              help="Skicka inloggningskakan bara över HTTPS (Secure). Använd när proxyn "
              "har HTTPS.")  # fmt: skip
@click.option("--sso-rubrik", "sso_header", default=None, envvar="NAMNDPLAN_SSO_HEADER",
              metavar="RUBRIK",
              help="Namnet på en HTTP-rubrik med användarnamnet som kommunens "
              "inloggningsproxy (SSO) sätter, t.ex. X-Remote-User. Av som standard; slå bara "
              "på när servern enbart nås genom proxyn och proxyn tar bort rubriken från "
              "webbläsarens förfrågningar.")  # fmt: skip
@click.option("--utan-libreoffice", "no_layout", is_flag=True,
              help="Använd inte LibreOffice (ingen PDF, inga sidnummer i "
              "innehållsförteckningen).")  # fmt: skip
@templates_option
@_guard
def serve_cmd(host: str, port: int, data_dir: Path | None, max_mb: int, workers: int | None,
              threads: int, proxies: int, secure: bool, sso_header: str | None,
              no_layout: bool, templates: Path | None) -> None:  # fmt: skip
    """Starta webbsidan för controllrar: logga in, ladda upp en arbetsbok, se felen och
    hämta den granskade kopian och planen. Avsluta med Ctrl+C."""
    import logging

    from waitress import create_server

    from pipeline.web.app import Settings, create_app

    cfg = kommun_config(templates)
    data = _data(data_dir)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = Settings(max_mb=max_mb, secure_cookies=secure, sso_header=sso_header or None,
                        proxies=proxies, workers=workers,
                        layout=False if no_layout else None)  # fmt: skip
    app = create_app(data, cfg, settings)
    ext = app.extensions["namndplan"]
    if not ext["store"].accounts():
        click.echo(f"Obs: det finns inga konton i {data}. Lägg till ett med "
                   f"namndplan account add NAMN --namnd NÄMND --data {data}")  # fmt: skip
    # waitress reads a whole request before the page sees it; its own limit is set well
    # above the page's, so an oversized upload gets the page's Swedish 413, not waitress's.
    server = create_server(app, host=host, port=port, threads=threads,
                           max_request_body_size=max(4 * max_mb, 64) * 1024 * 1024,
                           trusted_proxy=None, clear_untrusted_proxy_headers=False,
                           ident="namndplan")  # fmt: skip
    click.echo(f"namndplan lyssnar på http://{host}:{server.effective_port}/ (data: "
               f"{data.absolute()}; LibreOffice: {'ja' if ext['jobs'].layout else 'nej'})")  # fmt: skip
    sys.stdout.flush()
    import signal

    # systemd (and kill) stop the server with SIGTERM: stop as on Ctrl+C, workers too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        ext["jobs"].close()
        click.echo("namndplan har stängts.")


@click.group("account", cls=SwedishGroup)
def account_group() -> None:
    """Konton för webbsidan: lägg till, lista och ta bort."""


def _read_password() -> str:
    """Twice from the terminal (hidden), or two lines of standard input when it is not a
    terminal (a script: printf 'lösen\\nlösen\\n' | namndplan account add ...)."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Lösenord: ")
        second = getpass.getpass("Samma lösenord igen: ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline().rstrip("\r\n")
    if first != second:
        raise NamndplanError("Lösenorden är inte lika. Inget konto sparades.")
    if len(first) < MIN_PASSWORD:
        raise NamndplanError(f"Lösenordet är för kort: minst {MIN_PASSWORD} tecken. Inget "
                             "konto sparades.")  # fmt: skip
    return first


@account_group.command("add")
@click.argument("user", metavar="ANVÄNDARE")
@click.option("--namnd", default=None, metavar="NÄMND", help="Nämnden kontot hör till, som i arbetsbokens "
              "Grunddata, t.ex. Socialnämnden.")  # fmt: skip
@click.option("--alla", is_flag=True, help="Kontot ser alla nämnder (ekonomiavdelningen).")
@click.option("--skriv-over", "overwrite", is_flag=True,
              help="Ersätt ett konto som redan finns (t.ex. för ett nytt lösenord).")  # fmt: skip
@data_option
@_guard
def account_add(user: str, namnd: str | None, alla: bool, overwrite: bool,
                data_dir: Path | None) -> None:  # fmt: skip
    """Lägg till ett konto. Lösenordet skrivs två gånger (eller läses som två rader från
    standard in), minst 8 tecken, och sparas bara som hash (scrypt)."""
    from werkzeug.security import generate_password_hash

    from pipeline.web.store import Store

    user = user.strip()
    if not user or len(user) > 100 or any(c.isspace() for c in user):
        raise NamndplanError("Användarnamnet får inte vara tomt eller innehålla mellanslag.")
    if bool(namnd and namnd.strip()) == alla:
        raise NamndplanError("Ange antingen --namnd NÄMND (en controller) eller --alla "
                             "(ekonomiavdelningen).")  # fmt: skip
    store = Store(_data(data_dir))
    if store.account(user) is not None and not overwrite:
        raise NamndplanError(f"Kontot {user} finns redan och lämnas orört. Ange --skriv-over "
                             "för att ersätta det.")  # fmt: skip
    password = _read_password()
    store.put_account(user, None if alla else (namnd or "").strip(), alla,
                      generate_password_hash(password, method="scrypt"))  # fmt: skip
    click.echo(f"Kontot {user} sparades ({'alla nämnder' if alla else namnd}) i {store.root}.")


@account_group.command("list")
@data_option
@_guard
def account_list(data_dir: Path | None) -> None:
    """Visa alla konton och vilken nämnd de hör till."""
    from pipeline.web.store import Store

    accounts = Store(_data(data_dir)).accounts()
    if not accounts:
        click.echo("Inga konton.")
        return
    width = max(len(a.username) for a in accounts)
    for a in accounts:
        click.echo(f"{a.username.ljust(width)}  {'alla nämnder' if a.alla else a.namnd}")


@account_group.command("remove")
@click.argument("user", metavar="ANVÄNDARE")
@data_option
@_guard
def account_remove(user: str, data_dir: Path | None) -> None:
    """Ta bort ett konto. Dess inloggningar slutar gälla direkt; uppladdningarna finns kvar."""
    from pipeline.web.store import Store

    if not Store(_data(data_dir)).remove_account(user):
        raise NamndplanError(f"Kontot {user} finns inte.")
    click.echo(f"Kontot {user} togs bort.")
