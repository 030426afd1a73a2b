"""The web page for controllers: log in, upload a workbook, read the findings, download.

A Flask application over the data folder (``store.py``) and the workers (``jobs.py``).
Pages are jinja2 templates with autoescaping, so nothing a controller typed (a cell's text
quoted in a finding, a file name, a nämnd) is ever markup. No page needs JavaScript.

Safety, in one place:
- every POST carries the session's CSRF token (``csrf_token`` hidden field, compared with
  ``hmac.compare_digest``); the login form too (login CSRF);
- session cookies are signed with a key made once in the data folder, HttpOnly,
  SameSite=Lax, Secure when ``secure_cookies`` (behind HTTPS);
- an upload larger than ``max_mb`` is refused with HTTP 413 and a Swedish page;
- uploads are stored under random names and only ever read as workbooks;
- a controller sees only uploads for the nämnd of their account; everything else is 404,
  as if it did not exist; an ``--alla`` account sees all and the board.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, NamedTuple

from flask import (
    Flask,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.security import check_password_hash, generate_password_hash

from pipeline.spec.config import KommunConfig
from pipeline.spec.contract import MAX_YEAR, MIN_YEAR
from pipeline.web import jobs as jobs_mod
from pipeline.web.store import ALL, Account, Store, Upload, same_namnd

log = logging.getLogger("namndplan.web")

DEFAULT_MAX_MB = 10
WAIT_S = 60.0  # how long an upload's request waits for its review before showing "pågår"
SSO_ENV = "NAMNDPLAN_SSO_HEADER"


class Settings(NamedTuple):
    max_mb: int = DEFAULT_MAX_MB
    secure_cookies: bool = False
    sso_header: str | None = None  # trust this header's user name (set by the SSO proxy)
    proxies: int = 0  # reverse proxies in front whose X-Forwarded-* are trusted
    workers: int | None = None
    layout: bool | None = None  # None: LibreOffice when installed


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {  # the link's last part -> (the download's suffix, its type)
    "granskad.xlsx": ("-granskad.xlsx", XLSX),
    "plan.docx": (".docx", DOCX),
    "plan.pdf": (".pdf", "application/pdf"),
}


def _redirect(location: str, code: int = 302) -> Response:
    """werkzeug's redirect with a Swedish body (a browser without automatic redirects shows it)."""
    from html import escape

    from werkzeug.utils import redirect

    resp = redirect(location, code)
    href = escape(location)
    resp.set_data('<!doctype html>\n<html lang="sv"><title>Vidare</title>'
                  f'<p>Gå vidare till <a href="{href}">{href}</a>.</p></html>\n')  # fmt: skip
    return resp


def create_app(data_dir: Path, cfg: KommunConfig, settings: Settings | None = None) -> Flask:
    settings = settings or Settings()
    store = Store(data_dir)
    app = Flask(__name__)
    app.redirect = _redirect  # type: ignore[method-assign]  # flask.redirect calls it
    app.config.update(
        SECRET_KEY=store.secret_key(),
        MAX_CONTENT_LENGTH=settings.max_mb * 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=64 * 1024,
        SESSION_COOKIE_NAME="namndplan",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        SEND_FILE_MAX_AGE_DEFAULT=0,
    )
    app.jinja_env.autoescape = True  # also for any template not named .html
    app.jinja_env.filters["tid"] = _local_time
    if settings.proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n,  # type: ignore[method-assign]
                                x_prefix=n)  # fmt: skip
    sso_header = settings.sso_header
    # Checked against when the user name does not exist, so that a wrong name takes as
    # long as a wrong password.
    dummy_hash = generate_password_hash(secrets.token_urlsafe(16), method="scrypt")
    throttle = Throttle()
    jobs = jobs_mod.Jobs(store, cfg, settings.workers, settings.layout)
    kommun = str((cfg.data.get("kommun") or {}).get("namn", ""))
    app.extensions["namndplan"] = {"store": store, "jobs": jobs, "settings": settings}

    # -- the session: who is logged in, the CSRF token -------------------------------
    def current() -> Account | None:
        if sso_header:
            name = request.headers.get(sso_header, "").strip()
            if name:
                return store.account(name)
        name = session.get("user")
        if not name:
            return None
        account = store.account(name)
        # A removed account, or one given a new password, ends its sessions.
        if account is None or session.get("pw") != _fingerprint(account):
            session.clear()
            return None
        return account

    def csrf_token() -> str:
        token = session.get("csrf")
        if not token:
            token = session["csrf"] = secrets.token_urlsafe(32)
        return str(token)

    @app.before_request
    def _before() -> None:
        g.started = time.perf_counter()
        g.account = current()
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            token = session.get("csrf", "")
            if not (
                sent and token and hmac.compare_digest(str(sent).encode(), str(token).encode())
            ):
                abort(400, "csrf")

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'self'; "
                                                   "img-src 'self'; form-action 'self'; "
                                                   "frame-ancestors 'none'; base-uri 'none'")  # fmt: skip
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "same-origin"
        resp.headers["X-Frame-Options"] = "DENY"
        if request.endpoint != "static":
            resp.headers["Cache-Control"] = "no-store"
            # One line per request for the service's log (never a form's contents).
            account = g.get("account")
            took = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
            log.info("%s %s %s %s %.0f ms", account.username if account else "-",
                     request.method, request.path, resp.status_code, took)  # fmt: skip
        return resp

    @app.context_processor
    def _context() -> dict[str, Any]:
        return {"account": g.get("account"), "csrf_token": csrf_token, "kommun": kommun}

    def need_login() -> Account:
        account = g.get("account")
        if account is None:
            abort(401)
        return account

    def visible(upload_id: str) -> Upload:
        """The upload when this account may see it; 404 otherwise (even when it exists)."""
        account = need_login()
        upload = store.upload(upload_id)
        if upload is None or not (account.alla or same_namnd(upload.namnd, account.namnd)):
            abort(404)
        return upload

    # -- pages ----------------------------------------------------------------------
    @app.get("/")
    def start() -> Any:
        account = g.get("account")
        if account is None:
            return redirect(url_for("login"))
        uploads = store.uploads(None if account.alla else account.namnd, limit=50)
        return render_template("start.html", uploads=uploads, years=_years(),
                               max_mb=settings.max_mb, error=None)  # fmt: skip

    @app.route("/logga-in", methods=["GET", "POST"])
    def login() -> Any:
        error = None
        status = 200
        if request.method == "POST":
            name = request.form.get("anvandare", "").strip()
            password = request.form.get("losenord", "")
            if not throttle.allowed(name):
                error, status = THROTTLED, 429
            else:
                account = store.account(name) if name else None
                ok = check_password_hash(account.pw_hash if account else dummy_hash, password)
                if account is not None and ok:
                    session.clear()  # a fresh session (and CSRF token) for the logged-in user
                    session.permanent = True
                    session["user"] = account.username
                    session["pw"] = _fingerprint(account)
                    return redirect(url_for("start"), 303)
                throttle.failed(name)
                error, status = "Fel användarnamn eller lösenord. Försök igen.", 401
        if g.get("account") is not None and request.method == "GET":
            return redirect(url_for("start"))
        return render_template("login.html", error=error,
                               name=request.form.get("anvandare", "")), status  # fmt: skip

    @app.post("/logga-ut")
    def logout() -> Any:
        session.clear()
        return redirect(url_for("login"), 303)

    @app.post("/ladda-upp")
    def upload() -> Any:
        account = need_login()
        file = request.files.get("arbetsbok")
        if file is None or not file.filename:
            return _start_with_error("Välj en arbetsbok (.xlsx) att ladda upp.", 400)
        filename = Path(file.filename.replace("\\", "/")).name[:200] or "arbetsbok"
        namnd = account.namnd or ALL
        data = file.stream.read()
        if not data:
            return _start_with_error(f'Filen "{filename}" är tom. Välj arbetsboken igen.', 400)
        rec = store.new_upload(account.username, namnd, filename, len(data))
        store.upload_path(rec).write_bytes(data)
        fut = jobs.submit(rec, None if account.alla else account.namnd)
        if fut is None:
            store.update_upload(rec.id, state="fel", errors=1, findings=[jobs_mod._finding(
                "fel", "", "", "Servern har för många arbetsböcker i kö just nu.")])  # fmt: skip
            abort(503)
        try:
            fut.result(timeout=WAIT_S)
        except FutureTimeout:
            pass  # the page says the review is under way
        except Exception:
            log.exception("review of %s", rec.id)
        return redirect(url_for("result", upload_id=rec.id), 303)

    def _start_with_error(message: str, status: int) -> Any:
        account = need_login()
        uploads = store.uploads(None if account.alla else account.namnd, limit=50)
        return render_template("start.html", uploads=uploads, years=_years(),
                               max_mb=settings.max_mb, error=message), status  # fmt: skip

    @app.get("/uppladdning/<upload_id>")
    def result(upload_id: str) -> Any:
        upload = visible(upload_id)
        return render_template("result.html", u=upload, layout_on=jobs.layout)

    @app.get("/uppladdning/<upload_id>/<kind>")
    def download(upload_id: str, kind: str) -> Any:
        upload = visible(upload_id)
        if kind not in DOWNLOADS:
            abort(404)
        suffix, mime = DOWNLOADS[kind]
        path = {"granskad.xlsx": store.annotated_path, "plan.docx": store.plan_path,
                "plan.pdf": store.pdf_path}[kind](upload.id)  # fmt: skip
        ready = {"granskad.xlsx": upload.annotated, "plan.docx": upload.docx,
                 "plan.pdf": upload.docx and upload.layout == "klar"}[kind]  # fmt: skip
        if not ready or not path.is_file():
            abort(404)
        stem = Path(upload.filename).stem or "arbetsbok"
        return send_file(path, mimetype=mime, as_attachment=True,
                         download_name=f"{stem}{suffix}")  # fmt: skip

    @app.get("/mall")
    def template() -> Any:
        need_login()
        try:
            year = int(request.args.get("ar", ""))
        except ValueError:
            abort(404)
        if not MIN_YEAR <= year <= MAX_YEAR:
            abort(404)
        path = store.template_dir() / f"namndplan-{year}.xlsx"
        if not path.is_file():
            from pipeline.workbooks.template import write_workbook

            write_workbook(path, year, cfg)  # atomic: concurrent requests write the same
        return send_file(path, as_attachment=True, download_name=f"namndplan-{year}.xlsx",
                         mimetype=XLSX)  # fmt: skip

    @app.get("/oversikt")
    def board() -> Any:
        account = need_login()
        if not account.alla:
            abort(403)
        return render_template("board.html", rows=_board(store))

    # -- errors ---------------------------------------------------------------------
    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(exc: Any) -> Any:
        return render_template("error.html", title="Filen är för stor",
                               message=f"Filen är större än {settings.max_mb} MB och togs inte "
                               "emot. En nämnds arbetsbok är sällan större än 1 MB: kontrollera "
                               "att du valt rätt fil, eller ta bort bilder och extra blad.",
                               back=True), 413  # fmt: skip

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        if code == 401:
            return redirect(url_for("login"))
        title, message = ERRORS.get(code, ERRORS[500])
        if code == 400 and exc.description == "csrf":
            title, message = CSRF_ERROR
        return render_template("error.html", title=title, message=message, back=True), code

    @app.errorhandler(Exception)
    def _internal(exc: Exception) -> Any:
        log.exception("internal error")
        title, message = ERRORS[500]
        return render_template("error.html", title=title, message=message, back=True), 500

    return app


ERRORS = {
    400: ("Felaktig begäran", "Sidan fick en begäran den inte förstod. Gå tillbaka och försök igen."),
    403: ("Ingen behörighet", "Den här sidan är bara för konton som ser alla nämnder."),
    404: ("Sidan finns inte", "Sidan eller filen finns inte, eller så hör den till en annan "
          "nämnd än ditt konto."),
    405: ("Felaktig begäran", "Sidan kan inte användas på det sättet. Gå tillbaka och försök igen."),
    413: ("Filen är för stor", "Filen är för stor och togs inte emot."),
    500: ("Något gick fel", "Ett internt fel uppstod i servern. Försök igen; händer det igen, "
          "kontakta den som förvaltar namndplan."),
    503: ("Servern är upptagen", "Servern granskar många arbetsböcker just nu. Vänta en minut "
          "och ladda upp igen."),
}  # fmt: skip
CSRF_ERROR = ("Formuläret har gått ut",
              "Formuläret saknade sin säkerhetskod eller var för gammalt. Ladda om sidan och "
              "skicka formuläret igen.")  # fmt: skip


MAX_FAILURES = 10  # wrong passwords for one user name within FAILURE_WINDOW_S ...
FAILURE_WINDOW_S = 10 * 60  # ... before that name must wait (guessing, not a typo)
THROTTLED = ("För många misslyckade inloggningar för det här användarnamnet. Vänta tio "
             "minuter och försök igen, eller be ekonomiavdelningen om ett nytt lösenord.")  # fmt: skip


class Throttle:
    """Failed logins per user name (in memory, per server process): after MAX_FAILURES in
    FAILURE_WINDOW_S the name is refused until the oldest failure is that old. Slows
    guessing to a few passwords a minute; a person who mistypes is never stopped."""

    def __init__(self) -> None:
        import threading

        self._lock = threading.Lock()
        self._failures: dict[str, list[float]] = {}

    def _recent(self, name: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(name, []) if now - t < FAILURE_WINDOW_S]
        if kept:
            self._failures[name] = kept
        else:
            self._failures.pop(name, None)
        return kept

    def allowed(self, name: str) -> bool:
        import time

        with self._lock:
            return len(self._recent(name.casefold(), time.monotonic())) < MAX_FAILURES

    def failed(self, name: str) -> None:
        import time

        with self._lock:
            now = time.monotonic()
            self._failures[name.casefold()] = [*self._recent(name.casefold(), now), now]


def _fingerprint(account: Account) -> str:
    """Ties a session to the account's current password hash (not the hash itself)."""
    return hmac.new(b"namndplan-session", account.pw_hash.encode(), "sha256").hexdigest()[:16]


def _local_time(iso: str) -> str:
    """The server's local time of a stored UTC time, as Swedes write it: 2026-12-06 09:30."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _years() -> list[int]:
    from datetime import date

    this = date.today().year
    return [y for y in range(this - 1, this + 3) if MIN_YEAR <= y <= MAX_YEAR]


class BoardRow(NamedTuple):
    namnd: str
    latest: Upload | None
    plan: Upload | None  # the latest upload that gave a plan


def _board(store: Store) -> list[BoardRow]:
    """Every nämnd with an account or an upload: its latest upload and latest plan."""
    names: dict[str, str] = {}
    uploads = store.uploads(None, limit=10_000)
    for a in store.accounts():
        if a.namnd:
            names.setdefault(_key(a.namnd), a.namnd)
    for u in uploads:
        if u.namnd != ALL:
            names.setdefault(_key(u.namnd), u.namnd)
    rows = []
    for key, name in sorted(names.items(), key=lambda kv: kv[0]):
        mine = [u for u in uploads if _key(u.namnd) == key]
        latest = mine[0] if mine else None
        plan = next((u for u in mine if u.docx), None)
        rows.append(BoardRow(name, latest, plan))
    return rows


def _key(namnd: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", namnd).casefold().split())
