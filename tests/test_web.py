"""The web page (issue 16): over HTTP against a real ``namndplan serve``, and in-process
with Flask's test client.

The live tests drive the server as a browser would: every form and link is found in the
HTML with an HTML parser (stdlib ``html.parser``), never a hard-coded URL beyond the start
page. Accounts are made with ``namndplan account add`` through standard input.
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import pytest

from .conftest import EXAMPLE, ROOT

BIN = Path(sys.executable).parent
NAMNDPLAN = BIN / "namndplan"
KULTUR = ROOT / "indata" / "kultur-och-fritidsnamnden-2024.xlsx"
PASSWORDS = {"anna": "anna-lösen-123", "kalle": "kalles-lösen-456", "eko": "ekonomi-lösen-789"}
HAS_LO = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


# --------------------------------------------------------------------------- the "browser"
class Form(NamedTuple):
    action: str
    method: str
    enctype: str
    fields: dict[str, str]  # hidden and text inputs with their values, selects' choice
    files: list[str]  # names of file inputs
    inputs: list[dict[str, str]]  # every input/select/textarea's attributes


class Page(HTMLParser):
    """What a browser needs of a page: forms, links, text; and what a checker needs."""

    def __init__(self, url: str, status: int, body: bytes, headers: Any):
        super().__init__(convert_charrefs=True)
        self.url, self.status, self.body, self.headers = url, status, body, headers
        self.html = body.decode("utf-8", errors="replace")
        self.forms: list[Form] = []
        self.links: list[tuple[str, str]] = []  # (text, href)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_parts: list[str] = []
        self._form: Form | None = None
        self._link: list[Any] | None = None
        self._select: str | None = None
        self._skip = 0
        if headers.get("Content-Type", "").startswith("text/html"):
            self.feed(self.html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower(),
                              a.get("enctype", ""), {}, [], [])  # fmt: skip
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None:
            self._form.inputs.append({"tag": tag, **a})
            name = a.get("name", "")
            if tag == "input" and a.get("type") == "file":
                self._form.files.append(name)
            elif tag == "select":
                self._select = name
            elif name and a.get("type") not in ("submit", "button"):
                self._form.fields[name] = a.get("value", "")
        elif tag == "option" and self._form is not None and self._select:
            if "selected" in a or self._select not in self._form.fields:
                self._form.fields[self._select] = a.get("value", "")
        elif tag == "a" and "href" in a:
            self._link = [a["href"], ""]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "a" and self._link is not None:
            self.links.append((" ".join(self._link[1].split()), self._link[0]))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text_parts.append(data)
        if self._link is not None:
            self._link[1] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def form_with(self, *, file: bool = False, field: str | None = None) -> Form:
        for f in self.forms:
            if (not file or f.files) and (field is None or field in f.fields):
                return f
        raise AssertionError(f"no such form on {self.url}: {self.text[:300]}")

    def link(self, text_part: str) -> str:
        for text, href in self.links:
            if text_part in text:
                return urllib.parse.urljoin(self.url, href)
        raise AssertionError(f"no link with {text_part!r} on {self.url}: {self.links}")

    def has_link(self, text_part: str) -> bool:
        return any(text_part in text for text, _ in self.links)

    def table(self) -> list[list[str]]:
        """The rows of the page's last table as cell texts (a small second parser)."""
        rows: list[list[str]] = []

        class T(HTMLParser):
            cell: list[str] | None = None

            def handle_starttag(self, tag: str, attrs: Any) -> None:
                if tag == "tr":
                    rows.append([])
                elif tag in ("td", "th"):
                    self.cell = []

            def handle_endtag(self, tag: str) -> None:
                if tag in ("td", "th") and self.cell is not None:
                    rows[-1].append(" ".join("".join(self.cell).split()))
                    self.cell = None

            def handle_data(self, data: str) -> None:
                if self.cell is not None:
                    self.cell.append(data)

        last = self.html.rfind("<table")
        T().feed(self.html[last:] if last >= 0 else "")
        return rows


class Browser:
    """Cookies, redirects, forms: urllib as a browser without JavaScript."""

    def __init__(self, start: str):
        self.start = start
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url: str, data: bytes | None = None,
             headers: dict[str, str] | None = None) -> Page:  # fmt: skip
        req = urllib.request.Request(urllib.parse.urljoin(self.start, url), data=data,
                                     headers=headers or {})  # fmt: skip
        try:
            with self.opener.open(req, timeout=120) as resp:
                return Page(resp.geturl(), resp.status, resp.read(), resp.headers)
        except urllib.error.HTTPError as err:
            return Page(err.geturl(), err.code, err.read(), err.headers)

    def submit(self, page: Page, form: Form, values: dict[str, str] | None = None,
               files: dict[str, tuple[str, bytes]] | None = None,
               drop: tuple[str, ...] = ()) -> Page:  # fmt: skip
        fields = {**form.fields, **(values or {})}
        for name in drop:
            fields.pop(name, None)
        action = urllib.parse.urljoin(page.url, form.action or page.url)
        if form.method == "get":
            return self.open(action + "?" + urllib.parse.urlencode(fields))
        if form.enctype == "multipart/form-data":
            body, ctype = multipart(fields, files or {})
        else:
            body, ctype = (
                urllib.parse.urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
        return self.open(action, body, {"Content-Type": ctype})

    def log_in(self, user: str, password: str | None = None) -> Page:
        page = self.open(self.start)
        form = page.form_with(field="anvandare")
        return self.submit(page, form, {"anvandare": user,
                                        "losenord": password or PASSWORDS[user]})  # fmt: skip

    def upload(self, page: Page, name: str, data: bytes) -> Page:
        form = page.form_with(file=True)
        return self.submit(page, form, files={form.files[0]: (name, data)})

    def settled(self, page: Page, timeout: float = 90) -> Page:
        """Reload a result page (by its own link) until the review is done."""
        end = time.monotonic() + timeout
        while "Granskningen pågår" in page.text and time.monotonic() < end:
            time.sleep(0.5)
            page = self.open(page.url)
        return page


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "----namndplan" + secrets.token_hex(12)
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                  f"{value}\r\n".encode())  # fmt: skip
    for name, (filename, data) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                  f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                  .encode())  # fmt: skip
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# --------------------------------------------------------------------------- fixtures
def add_account(data: Path, user: str, *args: str, password: str | None = None,
                again: str | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    pw = password or PASSWORDS[user]
    return subprocess.run([str(NAMNDPLAN), "account", "add", user, *args, "--data", str(data)],
                          input=f"{pw}\n{again if again is not None else pw}\n",
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def make_accounts(data: Path) -> None:
    for user, args in (("anna", ("--namnd", "Socialnämnden")),
                       ("kalle", ("--namnd", "Kultur- och fritidsnämnden")),
                       ("eko", ("--alla",))):  # fmt: skip
        done = add_account(data, user, *args)
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``namndplan serve`` on a free port, with three accounts."""
    data = tmp_path_factory.mktemp("webdata")
    make_accounts(data)
    proc = subprocess.Popen([str(NAMNDPLAN), "serve", "--port", "0", "--data", str(data),
                             "--mallar", str(ROOT / "templates")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"http://[\d.]+:\d+/", line)
    if not m:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        raise AssertionError(f"the server did not start: {line}{proc.stdout.read()}")
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stdout or []), daemon=True).start()
    yield m[0]
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    finally:
        proc.stdout.close()
    assert proc.returncode == 0, "".join(log)[-2000:]
    assert "Traceback" not in "".join(log), "".join(log)[-3000:]


def workbook_with(tmp_path: Path, changes: dict[str, Any], source: Path = EXAMPLE) -> bytes:
    wb = openpyxl.load_workbook(source)
    for where, value in changes.items():
        sheet, cell = where.split("!")
        wb[sheet][cell] = value
    path = tmp_path / f"{secrets.token_hex(4)}.xlsx"
    wb.save(path)
    return path.read_bytes()


SCRIPT = '<script>alert("x")</script>'


# --------------------------------------------------------------------------- live server
def test_no_upload_form_before_login_and_wrong_password_refused(server: str) -> None:
    b = Browser(server)
    page = b.open(server)
    assert page.status == 200
    assert "Logga in" in page.text
    assert not any(f.files for f in page.forms), "an upload form before logging in"
    wrong = b.log_in("anna", "inte-rätt-lösen")
    assert wrong.status == 401
    assert "Fel användarnamn eller lösenord" in wrong.text
    assert not any(f.files for f in wrong.forms)
    unknown = b.log_in("ingen-sadan", "whatever-123")
    assert unknown.status == 401 and not any(f.files for f in unknown.forms)
    # Still logged out: the start page is the login page.
    assert not any(f.files for f in b.open(server).forms)


def test_findings_name_the_cell_and_controller_text_is_escaped(server: str, tmp_path: Path) -> None:
    b = Browser(server)
    home = b.log_in("anna")
    data = workbook_with(tmp_path, {"Driftsbudget!E5": SCRIPT})
    page = b.settled(b.upload(home, "<img src=x onerror=alert(1)>.xlsx", data))
    assert page.status == 200
    assert "Ej godkänd" in page.text
    rows = page.table()
    assert rows[0] == ["Blad", "Cell", "Nivå", "Meddelande", "Gör så här"]
    hit = [r for r in rows if r[:2] == ["Driftsbudget", "E5"]]
    assert hit and hit[0][2] == "Fel" and SCRIPT in hit[0][3], rows
    # The markup is text on the page, never markup.
    assert "<script>" not in page.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.html
    assert "<img" not in page.html and "&lt;img src=x onerror=alert(1)&gt;.xlsx" in page.html
    # The reviewed copy: the cell carries its comment.
    copy = b.open(page.link("Granskad kopia"))
    assert copy.status == 200
    assert "attachment" in copy.headers["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(copy.body))
    comment = wb["Driftsbudget"]["E5"].comment
    assert comment is not None and "inte ett belopp" in comment.text
    assert "Granskning" in wb.sheetnames
    assert not page.has_link("Word-dokument"), "a plan from a workbook with errors"


def test_plan_downloadable_and_not_by_another_nämnd_or_without_login(server: str) -> None:
    anna = Browser(server)
    page = anna.settled(anna.upload(anna.log_in("anna"), "socialnamnden-2024.xlsx",
                                    EXAMPLE.read_bytes()))  # fmt: skip
    assert "Godkänd" in page.text and "Ej godkänd" not in page.text
    plan_url = page.link("Word-dokument")
    plan = anna.open(plan_url)
    assert plan.status == 200
    assert re.search(r'filename="?socialnamnden-2024\.docx"?$', plan.headers["Content-Disposition"])
    with zipfile.ZipFile(io.BytesIO(plan.body)) as z:
        assert "Socialnämnden" in z.read("word/document.xml").decode("utf-8")
    # A clean workbook's reviewed copy is offered too, and says there is nothing to mend.
    copy_url = page.link("Granskad kopia")
    copy = anna.open(copy_url)
    assert copy.status == 200
    wb = openpyxl.load_workbook(io.BytesIO(copy.body))
    assert wb.sheetnames[0] == "Granskning"
    assert [c.value for c in wb["Granskning"][2]] == [
        None,
        None,
        "Granskningen hittade inga fel eller varningar.",
        None,
    ]

    kalle = Browser(server)
    kalle_home = kalle.log_in("kalle")
    assert "socialnamnden-2024.xlsx" not in kalle_home.text  # not in kalle's list
    for url in (page.url, plan_url, copy_url):
        other = kalle.open(url)
        assert other.status == 404, url
        assert b"PK" not in other.body[:2] and "Socialnämnden" not in other.text
    nobody = Browser(server)
    for url in (page.url, plan_url):
        anon = nobody.open(url)
        assert "Logga in" in anon.text and b"PK" not in anon.body[:2]
        assert not any(f.files for f in anon.forms)


@pytest.mark.skipif(not HAS_LO, reason="LibreOffice (soffice) och pdftotext saknas")
def test_pdfs_after_layout_each_its_own(server: str, tmp_path: Path) -> None:
    """Two nämnder upload at once; the layout worker lays both out in one batch, and each
    gets the PDF of its own plan (the files of a batch must not be mixed up)."""
    anna, kalle = Browser(server), Browser(server)
    homes = (anna.log_in("anna"), kalle.log_in("kalle"))
    # A first plan keeps the layout worker busy, so that the next two wait together.
    anna.upload(homes[0], "forst.xlsx", EXAMPLE.read_bytes())
    pages = [anna.upload(homes[0], "social.xlsx", EXAMPLE.read_bytes()),
             kalle.upload(homes[1], "kfn-2024.xlsx", KULTUR.read_bytes())]  # fmt: skip
    end = time.monotonic() + 300
    for i, (b, namnd) in enumerate(((anna, "Socialnämnden"),
                                    (kalle, "Kultur- och fritidsnämnden"))):  # fmt: skip
        page = b.settled(pages[i])
        while not page.has_link("som PDF") and time.monotonic() < end:
            assert "kunde inte tas fram" not in page.text, page.text
            time.sleep(1)
            page = b.open(page.url)
        assert re.search(r"\d+ sidor", page.text)
        pdf = b.open(page.link("som PDF"))
        assert pdf.status == 200 and pdf.body.startswith(b"%PDF")
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(pdf.body)
        text = subprocess.run(["pdftotext", "-l", "2", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        assert namnd in text, (namnd, text[:300])
        docx = b.open(page.link("som Word-dokument"))
        with zipfile.ZipFile(io.BytesIO(docx.body)) as z:
            assert namnd in z.read("word/document.xml").decode("utf-8")


def test_30_mb_upload_refused_with_413_in_swedish(server: str) -> None:
    b = Browser(server)
    home = b.log_in("anna")
    before = len(b.open(server).table())
    big = b.upload(home, "stor.xlsx", os.urandom(30 * 1024 * 1024))
    assert big.status == 413
    assert "Filen är för stor" in big.text and "10 MB" in big.text
    assert b.open(server).status == 200  # the server is still there
    assert len(b.open(server).table()) == before, "the refused upload was recorded"


def test_a_non_workbook_is_named(server: str) -> None:
    b = Browser(server)
    page = b.settled(b.upload(b.log_in("anna"), "budget.pdf", b"%PDF-1.4 not a workbook"))
    assert page.status == 200
    rows = page.table()
    assert any(r[0] == "budget.pdf" and "inte en Excel-arbetsbok" in r[3] for r in rows), rows
    assert "Kunde inte granskas" in page.text or "Ej godkänd" in page.text


def test_upload_without_the_form_token_refused(server: str) -> None:
    b = Browser(server)
    home = b.log_in("anna")
    before = len(b.open(server).table())
    form = home.form_with(file=True)
    page = b.submit(home, form, files={form.files[0]: ("x.xlsx", EXAMPLE.read_bytes())},
                    drop=("csrf_token",))  # fmt: skip
    assert page.status == 400
    assert "Formuläret har gått ut" in page.text
    forged = b.submit(home, form, {"csrf_token": "förfalskad"},
                      files={form.files[0]: ("x.xlsx", EXAMPLE.read_bytes())})  # fmt: skip
    assert forged.status == 400
    # A token from another session does not do either.
    other = Browser(server).log_in("anna")
    stolen = other.form_with(file=True).fields["csrf_token"]
    assert stolen != form.fields["csrf_token"]
    assert b.submit(home, form, {"csrf_token": stolen},
                    files={form.files[0]: ("x.xlsx", EXAMPLE.read_bytes())}).status == 400  # fmt: skip
    assert len(b.open(server).table()) == before


def test_20_concurrent_uploads_all_succeed(server: str) -> None:
    home_pages = []
    browsers = []
    for _ in range(20):
        b = Browser(server)
        browsers.append(b)
        home_pages.append(b.log_in("anna"))
    data = EXAMPLE.read_bytes()
    results: list[Page | BaseException] = [RuntimeError("not run")] * 20

    def one(i: int) -> None:
        try:
            results[i] = browsers[i].settled(
                browsers[i].upload(home_pages[i], f"samtidig-{i}.xlsx", data)
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            results[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    for i, page in enumerate(results):
        assert isinstance(page, Page), page
        assert page.status == 200, (i, page.text[:300])
        assert f"Granskning av samtidig-{i}.xlsx" in page.text
        assert "Godkänd" in page.text and "Ej godkänd" not in page.text, page.text[:400]
        assert page.has_link("Word-dokument")
    assert len({p.url for p in results if isinstance(p, Page)}) == 20


def test_another_nämnds_workbook_gives_no_plan(server: str) -> None:
    b = Browser(server)
    page = b.settled(b.upload(b.log_in("anna"), "kultur.xlsx", KULTUR.read_bytes()))
    rows = page.table()
    hit = [r for r in rows if r[:2] == ["Grunddata", "B3"]]
    assert hit and "Kultur- och fritidsnämnden" in hit[0][3] and "Socialnämnden" in hit[0][3]
    assert not page.has_link("Word-dokument")
    # It is anna's upload (listed for her), not Kultur- och fritidsnämnden's.
    assert "kultur.xlsx" not in Browser(server).log_in("kalle").text


def test_finance_board_lists_the_upload(server: str) -> None:
    anna = Browser(server)
    anna.settled(anna.upload(anna.log_in("anna"), "till-ekonomi.xlsx", EXAMPLE.read_bytes()))
    kalle = Browser(server)
    assert not kalle.log_in("kalle").has_link("Alla nämnder")
    eko = Browser(server)
    home = eko.log_in("eko")
    assert "till-ekonomi.xlsx" in home.text  # the finance account sees every upload
    board = eko.open(home.link("Alla nämnder"))
    assert board.status == 200
    rows = {r[0]: r for r in board.table()}
    assert rows["Nämnd"] == ["Nämnd", "Senaste uppladdning", "Avser", "Fel", "Varningar", "Plan"]
    assert "Socialnämnden" in rows and "Nämndplan 2024" in rows["Socialnämnden"][2]
    assert rows["Socialnämnden"][5].startswith("Nämndplan 2024")
    assert "Kultur- och fritidsnämnden" in rows  # kalle's account makes it a row
    plan = eko.open(board.link("Nämndplan 2024 (.docx)"))
    assert plan.status == 200 and plan.body[:2] == b"PK"
    # A controller is not shown the board.
    assert kalle.open(board.url).status == 403


def test_blank_template_for_a_year(server: str) -> None:
    b = Browser(server)
    home = b.log_in("kalle")
    form = home.form_with(field="ar")
    year = form.fields["ar"]
    got = b.submit(home, form)
    assert got.status == 200
    wb = openpyxl.load_workbook(io.BytesIO(got.body))
    assert "Grunddata" in wb.sheetnames
    assert any(str(c.value) == year for row in wb["Grunddata"].iter_rows() for c in row)


def test_logout_ends_the_session(server: str) -> None:
    b = Browser(server)
    home = b.log_in("anna")
    out = b.submit(home, home.form_with(field="csrf_token"))
    assert "Logga in" in out.text and not any(f.files for f in b.open(server).forms)


def test_a_damaged_workbook_is_a_finding_and_the_server_goes_on(server: str) -> None:
    b = Browser(server)
    home = b.log_in("anna")
    cut = EXAMPLE.read_bytes()[: EXAMPLE.stat().st_size // 2]
    page = b.settled(b.upload(home, "halv.xlsx", cut))
    assert page.status == 200
    assert any(r[0] == "halv.xlsx" and r[2] == "Fel" for r in page.table()), page.table()
    again = b.settled(b.upload(b.open(server), "hel.xlsx", EXAMPLE.read_bytes()))
    assert "Godkänd" in again.text and "Ej godkänd" not in again.text


# --------------------------------------------------------------------------- in-process
@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    make_accounts(data)
    return data


@pytest.fixture
def make_app(app_dir: Path, cfg: Any) -> Iterator[Any]:
    from pipeline.web.app import Settings, create_app

    made: list[Any] = []

    def make(**settings: Any) -> Any:
        app = create_app(app_dir, cfg, Settings(**{"layout": False, "workers": 1, **settings}))
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["namndplan"]["jobs"].close()


def client_login(client: Any, user: str, password: str | None = None) -> Any:
    page = client.get("/logga-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]
    return client.post("/logga-in", data={"csrf_token": token, "anvandare": user,
                                          "losenord": password or PASSWORDS[user]})  # fmt: skip


def csrf(client: Any) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def test_account_commands(tmp_path: Path) -> None:
    data = tmp_path / "konton"
    done = add_account(data, "anna", "--namnd", "Socialnämnden")
    assert done.returncode == 0 and "Kontot anna sparades" in done.stdout
    assert (data.stat().st_mode & 0o777) == 0o700
    # Typed twice: two different lines save nothing.
    diff = add_account(data, "bo", "--namnd", "Socialnämnden", password="ett-långt-lösen",
                       again="ett-annat-lösen")  # fmt: skip
    assert diff.returncode == 1 and "Lösenorden är inte lika" in diff.stderr
    short = add_account(data, "bo", "--namnd", "Socialnämnden", password="kort")
    assert short.returncode == 1 and "minst 8 tecken" in short.stderr
    neither = add_account(data, "bo", password="ett-långt-lösen")
    assert neither.returncode == 1 and "--namnd" in neither.stderr and "--alla" in neither.stderr
    both = add_account(data, "bo", "--namnd", "X", "--alla", password="ett-långt-lösen")
    assert both.returncode == 1
    again = add_account(data, "anna", "--namnd", "Socialnämnden")
    assert again.returncode == 1 and "finns redan" in again.stderr
    assert add_account(data, "eko", "--alla").returncode == 0
    listing = subprocess.run([str(NAMNDPLAN), "account", "list", "--data", str(data)],
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    lines = [line.split(None, 1) for line in listing.stdout.splitlines()]
    assert lines == [["anna", "Socialnämnden"], ["eko", "alla nämnder"]]
    import sqlite3

    db = sqlite3.connect(data / "namndplan.sqlite3")
    (stored,) = db.execute("SELECT pw_hash FROM accounts WHERE username = 'anna'").fetchone()
    db.close()
    assert stored.startswith("scrypt:") and PASSWORDS["anna"] not in stored
    gone = subprocess.run([str(NAMNDPLAN), "account", "remove", "anna", "--data", str(data)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert gone.returncode == 0 and "togs bort" in gone.stdout
    twice = subprocess.run([str(NAMNDPLAN), "account", "remove", "anna", "--data", str(data)],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert twice.returncode == 1 and "finns inte" in twice.stderr


def test_a_redirect_says_where_in_swedish(make_app: Any) -> None:
    resp = make_app().test_client().get("/")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/logga-in")
    body = resp.get_data(as_text=True)
    assert 'lang="sv"' in body and "Gå vidare till" in body and "redirected" not in body


def test_session_cookie_flags_and_kept_key(make_app: Any, app_dir: Path) -> None:
    app = make_app()
    cookie = client_login(app.test_client(), "anna").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    key = app_dir / "hemlig-nyckel"
    assert (key.stat().st_mode & 0o777) == 0o600
    again = make_app(secure_cookies=True)
    assert again.secret_key == app.secret_key == key.read_bytes()
    cookie = client_login(again.test_client(), "anna").headers["Set-Cookie"]
    assert "Secure" in cookie


def test_removed_account_or_new_password_ends_the_session(make_app: Any, app_dir: Path) -> None:
    client = make_app().test_client()
    assert client_login(client, "anna").status_code == 303
    assert b'type="file"' in client.get("/").data
    assert add_account(app_dir, "anna", "--namnd", "Socialnämnden", "--skriv-over",
                       password="ett-nytt-lösen-1").returncode == 0  # fmt: skip
    assert client.get("/").status_code == 302  # logged out
    assert client_login(client, "anna", "ett-nytt-lösen-1").status_code == 303
    subprocess.run([str(NAMNDPLAN), "account", "remove", "anna", "--data", str(app_dir)],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    assert client.get("/").status_code == 302


def test_a_restart_leaves_nothing_half_done(app_dir: Path, make_app: Any) -> None:
    """Uploads a stopped server was reviewing are marked as such, and plans it left waiting
    for LibreOffice say there is no PDF when the new server has none."""
    from pipeline.web.store import Store

    store = Store(app_dir)
    halfway = store.new_upload("anna", "Socialnämnden", "halv.xlsx", 1)
    waiting = store.new_upload("anna", "Socialnämnden", "vantar.xlsx", 1)
    store.update_upload(waiting.id, state="klar", docx=1, layout="vantar")
    client = make_app(layout=False).test_client()
    client_login(client, "anna")
    page = client.get(f"/uppladdning/{halfway.id}").get_data(as_text=True)
    assert "Servern startades om under granskningen" in page
    assert "Kunde inte granskas" in client.get("/").get_data(as_text=True)
    assert store.upload(waiting.id).layout == "saknas"
    assert "LibreOffice inte är installerat" in client.get(f"/uppladdning/{waiting.id}").get_data(
        as_text=True
    )


def test_a_full_queue_says_the_server_is_busy(make_app: Any, monkeypatch: Any) -> None:
    import pipeline.web.jobs as jobs_mod

    monkeypatch.setattr(jobs_mod, "MAX_QUEUED", 1)
    app = make_app()
    jobs = app.extensions["namndplan"]["jobs"]
    client = app.test_client()
    client_login(client, "anna")
    assert jobs._slots.acquire(blocking=False)  # one upload under review fills the queue
    busy = client.post("/ladda-upp", data={"csrf_token": csrf(client),
                                           "arbetsbok": (EXAMPLE.open("rb"), "ko.xlsx")})  # fmt: skip
    assert busy.status_code == 503
    assert "Servern är upptagen" in busy.get_data(as_text=True)
    jobs._slots.release()
    ok = client.post("/ladda-upp", data={"csrf_token": csrf(client),
                                         "arbetsbok": (EXAMPLE.open("rb"), "ko.xlsx")})  # fmt: skip
    assert ok.status_code == 303


def test_password_guessing_is_slowed(make_app: Any) -> None:
    from pipeline.web.app import MAX_FAILURES

    app = make_app()
    client = app.test_client()
    for _ in range(MAX_FAILURES):
        assert client_login(client, "anna", "gissning-0000").status_code == 401
    stopped = client_login(client, "anna")  # even the right password, for now
    assert stopped.status_code == 429
    assert "För många misslyckade inloggningar" in stopped.get_data(as_text=True)
    assert client.get("/").status_code == 302
    # Another user name is not affected.
    assert client_login(app.test_client(), "kalle").status_code == 303


def test_sso_header_only_when_configured(make_app: Any) -> None:
    plain = make_app().test_client()
    resp = plain.get("/", headers={"X-Remote-User": "anna"})
    assert resp.status_code == 302 and "/logga-in" in resp.headers["Location"]
    sso = make_app(sso_header="X-Remote-User").test_client()
    page = sso.get("/", headers={"X-Remote-User": "anna"})
    assert page.status_code == 200 and b'type="file"' in page.data and b"Socialn" in page.data
    assert sso.get("/", headers={"X-Remote-User": "okand"}).status_code == 302


def test_proxy_headers_only_when_configured(make_app: Any) -> None:
    from flask import request

    seen = []
    for proxies in (0, 1):
        app = make_app(proxies=proxies)
        app.add_url_rule("/_var", "var", lambda: f"{request.scheme} {request.host}")
        got = app.test_client().get("/_var", headers={"X-Forwarded-Proto": "https",
                                                     "X-Forwarded-Host": "plan.kommun.se"})  # fmt: skip
        seen.append(got.get_data(as_text=True))
    assert seen == ["http localhost", "https plan.kommun.se"]
    # Behind a proxy that serves the page under a path, every link and form keeps it.
    app = make_app(proxies=1)
    page = app.test_client().get("/logga-in", headers={"X-Forwarded-Prefix": "/namndplan"})
    html = page.get_data(as_text=True)
    targets = re.findall(r'(?:href|action)="(/[^"]*)"', html)
    assert targets and all(t.startswith("/namndplan/") for t in targets), targets


def test_upload_without_a_file_and_a_dead_worker(make_app: Any, app_dir: Path) -> None:
    app = make_app()
    client = app.test_client()
    client_login(client, "anna")
    empty = client.post("/ladda-upp", data={"csrf_token": csrf(client)})
    assert empty.status_code == 400 and "Välj en arbetsbok" in empty.get_data(as_text=True)
    # A worker that dies (killed here) fails its upload with a Swedish message; the next
    # upload is reviewed by a new pool.
    ext = app.extensions["namndplan"]
    store, jobs = ext["store"], ext["jobs"]
    rec = store.new_upload("anna", "Socialnämnden", "x.xlsx", 1)
    store.upload_path(rec).write_bytes(EXAMPLE.read_bytes())
    fut = jobs.submit(rec, "Socialnämnden")
    for proc in list(jobs._pool._processes.values()):
        proc.kill()
    fut.result(timeout=60)
    dead = store.upload(rec.id)
    assert dead.state == "fel" and "internt fel" in dead.findings[0]["message"]
    page = client.post("/ladda-upp", data={"csrf_token": csrf(client),
                                           "arbetsbok": (EXAMPLE.open("rb"), "ny.xlsx")})  # fmt: skip
    assert page.status_code == 303
    done = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "Godkänd" in done and "Ej godkänd" not in done


# --------------------------------------------------------------------------- accessibility
def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_against_known_pairs() -> None:
    # WebAIM's published ratios.
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48
    assert round(contrast("#0000ff", "#ffffff"), 2) == 8.59


def test_css_colours_have_enough_contrast() -> None:
    css = (ROOT / "pipeline" / "web" / "static" / "style.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    body_text, checked = "#1a1a1a", 0
    for selector, block in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        decls = dict(
            (k.strip(), v.strip())
            for k, _, v in (d.partition(":") for d in block.split(";"))
            if v.strip()
        )
        fg = decls.get("color")
        bg = decls.get("background-color")
        if fg and fg.startswith("#"):
            ratio = contrast(fg, bg if bg and bg.startswith("#") else "#ffffff")
            assert ratio >= 4.5, (selector.strip(), fg, bg, round(ratio, 2))
            checked += 1
        elif bg and bg.startswith("#"):
            assert contrast(body_text, bg) >= 4.5, (selector.strip(), bg)
            checked += 1
        for key in ("outline", "outline-color"):
            m = re.search(r"#[0-9a-fA-F]{3,6}", decls.get(key, ""))
            if m:  # a focus ring against the background it is drawn on (non-text: 3:1)
                ground = "#1d3b57" if ".sidhuvud" in selector else "#ffffff"
                assert contrast(m[0], ground) >= 3, (selector.strip(), m[0])
                checked += 1
    assert checked >= 25


class A11y(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.labels: set[str] = set()
        self.h1 = 0
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.status_texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag == "h1":
            self.h1 += 1
        if tag == "span" and set(a.get("class", "").split()) & {"status", "niva"}:
            self.open.append((tag, a, []))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self.open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            self.status_texts.append("".join(self.open.pop()[2]).strip())


def check_page(html: str) -> A11y:
    p = A11y()
    p.feed(html)
    assert re.search(r'<html lang="sv">', html)
    assert p.h1 == 1, "one h1 per page"
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title[1].strip()
    links = [a for t, a in p.tags if t == "a"]
    assert links[0].get("href") == "#innehall" and "Hoppa till innehållet" in html
    assert any(t == "main" and a.get("id") == "innehall" for t, a in p.tags)
    for tag, a in p.tags:
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            assert a.get("id") in p.labels or a.get("aria-label"), (tag, a)
        if tag == "th":
            assert a.get("scope") in ("col", "row"), a
        if tag == "img":
            assert "alt" in a
        if a.get("tabindex") == "0" and tag not in ("a", "button", "input", "select"):
            assert a.get("role") and a.get("aria-label"), (tag, a)  # a named scroll region
    for text in p.status_texts:  # a status is a word, never only a colour
        assert text, "a coloured status without text"
    return p


def test_pages_are_accessible(make_app: Any, tmp_path: Path) -> None:
    app = make_app()
    client = app.test_client()
    check_page(client.get("/logga-in").get_data(as_text=True))
    bad = client_login(client, "anna", "fel-lösen-0000")
    assert bad.status_code == 401 and 'role="alert"' in bad.get_data(as_text=True)
    check_page(bad.get_data(as_text=True))
    client_login(client, "anna")
    data = workbook_with(tmp_path, {"Driftsbudget!E5": "tio"})
    res = client.post("/ladda-upp", data={"csrf_token": csrf(client),
                                          "arbetsbok": (io.BytesIO(data), "fel.xlsx")})  # fmt: skip
    result = client.get(res.headers["Location"]).get_data(as_text=True)
    p = check_page(result)
    assert "Fel" in p.status_texts
    assert result.index("Ej godkänd") < result.index("<table"), "the verdict comes first"
    start = check_page(client.get("/").get_data(as_text=True))
    assert any("Ej godkänd" in t for t in start.status_texts)
    check_page(client.get("/finns-inte").get_data(as_text=True))
    eko = app.test_client()
    client_login(eko, "eko")
    board = eko.get("/oversikt").get_data(as_text=True)
    check_page(board)
    # A nämnd with an account and no upload is on the board too, saying so.
    assert re.search(r"Kultur- och fritidsnämnden</th>\s*<td>Ingen uppladdning ännu</td>", board)


def test_a_follow_up_workbook_goes_the_same_way(server: str) -> None:
    followup = ROOT / "indata" / "socialnamnden-delarsrapport-2024.xlsx"
    b = Browser(server)
    page = b.settled(b.upload(b.log_in("anna"), followup.name, followup.read_bytes()))
    assert "Godkänd" in page.text and "Ej godkänd" not in page.text, page.text[:500]
    assert "Avser Delårsrapport 2024" in page.text
    report = b.open(page.link("Delårsrapport 2024 som Word-dokument"))
    assert report.status == 200
    with zipfile.ZipFile(io.BytesIO(report.body)) as z:
        assert "Delårsrapport" in z.read("word/document.xml").decode("utf-8")
    listed = b.open(server)
    assert any(r[1] == followup.name and r[3] == "Delårsrapport 2024" for r in listed.table())
