"""The web page's data folder: SQLite for accounts and uploads, files under random names.

Layout of the folder (``namndplan serve --data DIR``, the same DIR for ``account``)::

    DIR/namndplan.sqlite3      accounts (password hashes) and uploads (findings as JSON)
    DIR/hemlig-nyckel          the key that signs session cookies, made once (mode 0600)
    DIR/uppladdningar/<id>.xlsx    each uploaded workbook, under a random name
    DIR/resultat/<id>/         the reviewed copy, the plan (.docx) and its PDF
    DIR/mallar/                blank workbooks per year, made on first request

Nothing a person typed becomes a file name: ids are ``secrets.token_urlsafe``; the name of
the uploaded file is kept in the database only, to be shown (escaped) and offered as the
download's name.

One connection per operation (SQLite connections are cheap, and each of the server's
threads gets its own); WAL journal so readers never wait for the writer.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

DB_NAME = "namndplan.sqlite3"
SECRET_NAME = "hemlig-nyckel"
UPLOADS = "uppladdningar"
RESULTS = "resultat"
TEMPLATES = "mallar"
ALL = "(alla)"  # the nämnd of a finance upload until its workbook names one

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    namnd TEXT,              -- NULL for an --alla account
    alla INTEGER NOT NULL DEFAULT 0,
    pw_hash TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    username TEXT NOT NULL,
    namnd TEXT NOT NULL,     -- whose upload it is: the account's nämnd (or the workbook's)
    filename TEXT NOT NULL,  -- as the browser sent it; shown escaped, never a path
    stored TEXT NOT NULL,    -- the random name under uppladdningar/
    size INTEGER NOT NULL,
    state TEXT NOT NULL,     -- granskas, klar, fel (an internal error)
    workbook_namnd TEXT,
    year INTEGER,
    rapport TEXT,            -- Grunddata's Rapport for a follow-up workbook
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    findings TEXT NOT NULL DEFAULT '[]',
    annotated INTEGER NOT NULL DEFAULT 0,
    docx INTEGER NOT NULL DEFAULT 0,
    pages INTEGER,
    layout TEXT NOT NULL DEFAULT '',  -- '', vantar, klar, fel, saknas
    notes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS uploads_namnd ON uploads (namnd, created);
"""


class Account(NamedTuple):
    username: str
    namnd: str | None
    alla: bool
    pw_hash: str


class Upload(NamedTuple):
    id: str
    created: str
    username: str
    namnd: str
    filename: str
    stored: str
    size: int
    state: str
    workbook_namnd: str | None
    year: int | None
    rapport: str | None
    errors: int
    warnings: int
    findings: list[dict[str, str]]
    annotated: bool
    docx: bool
    pages: int | None
    layout: str
    notes: list[str]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def same_namnd(a: str | None, b: str | None) -> bool:
    """Two spellings of one nämnd: Unicode NFC, case and runs of spaces ignored."""
    if not a or not b:
        return False

    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return norm(a) == norm(b)


class Store:
    """The data folder. Made (with its database) on first use."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)  # hashes, uploads: owner only
        for sub in (UPLOADS, RESULTS, TEMPLATES):
            (self.root / sub).mkdir(exist_ok=True)
        with self._db() as db:
            db.executescript(SCHEMA)

    # -- files ----------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    def upload_path(self, upload: Upload) -> Path:
        return self.root / UPLOADS / upload.stored

    def result_dir(self, upload_id: str) -> Path:
        return self.root / RESULTS / upload_id

    def plan_path(self, upload_id: str) -> Path:
        """The upload's document. Named by the upload (not "plan.docx" in every folder):
        the layout worker lays out a batch of plans together, and LibreOffice names each
        PDF by its document's name, so the names in a batch must differ."""
        return self.result_dir(upload_id) / f"{upload_id}.docx"

    def pdf_path(self, upload_id: str) -> Path:
        return self.plan_path(upload_id).with_suffix(".pdf")

    def annotated_path(self, upload_id: str) -> Path:
        return self.result_dir(upload_id) / "granskad.xlsx"

    def template_dir(self) -> Path:
        return self.root / TEMPLATES

    def secret_key(self) -> bytes:
        """The session key, made once and kept (only the owner may read it)."""
        path = self.root / SECRET_NAME
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_bytes()
            if len(key) >= 32:
                return key
            raise RuntimeError(f"{path} är för kort; ta bort filen så skapas en ny.") from None
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(64))
        return path.read_bytes()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.db_path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.row_factory = sqlite3.Row
            with db:
                yield db
        finally:
            db.close()

    # -- accounts -------------------------------------------------------------------
    def account(self, username: str) -> Account | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM accounts WHERE username = ?", (username,)).fetchone()
        if row is None:
            return None
        return Account(row["username"], row["namnd"], bool(row["alla"]), row["pw_hash"])

    def accounts(self) -> list[Account]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM accounts ORDER BY username").fetchall()
        return [Account(r["username"], r["namnd"], bool(r["alla"]), r["pw_hash"]) for r in rows]

    def put_account(self, username: str, namnd: str | None, alla: bool, pw_hash: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO accounts (username, namnd, alla, pw_hash, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (username, namnd, int(alla), pw_hash, now()),
            )

    def remove_account(self, username: str) -> bool:
        with self._db() as db:
            return db.execute("DELETE FROM accounts WHERE username = ?", (username,)).rowcount > 0

    # -- uploads --------------------------------------------------------------------
    def new_upload(self, username: str, namnd: str, filename: str, size: int) -> Upload:
        """Record an upload; its file goes to ``upload_path`` under a random name that
        keeps only a plain suffix of the browser's name (.xlsx, .xls, .ods ...: the reader
        names an old .xls format by it)."""
        upload_id = secrets.token_urlsafe(18)
        suffix = Path(filename).suffix.lower()
        stored = upload_id + (suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".bin")
        with self._db() as db:
            db.execute(
                "INSERT INTO uploads (id, created, username, namnd, filename, stored, size, "
                "state) VALUES (?, ?, ?, ?, ?, ?, ?, 'granskas')",
                (upload_id, now(), username, namnd, filename, stored, size),
            )
        upload = self.upload(upload_id)
        assert upload is not None
        return upload

    def update_upload(self, upload_id: str, **fields: Any) -> None:
        for key in ("findings", "notes"):
            if key in fields:
                fields[key] = json.dumps(fields[key], ensure_ascii=False)
        cols = ", ".join(f"{k} = ?" for k in fields)  # keys are ours, never a user's
        with self._db() as db:
            db.execute(f"UPDATE uploads SET {cols} WHERE id = ?", (*fields.values(), upload_id))

    def upload(self, upload_id: str) -> Upload | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM uploads WHERE id = ?", (upload_id,)).fetchone()
        return _upload(row) if row else None

    def uploads(self, namnd: str | None = None, limit: int = 200) -> list[Upload]:
        """Newest first; only ``namnd``'s when given (None: all)."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM uploads ORDER BY created DESC, rowid DESC LIMIT ?",
                              (10_000,)).fetchall()  # fmt: skip
        out = [_upload(r) for r in rows if namnd is None or same_namnd(r["namnd"], namnd)]
        return out[:limit]

    def pending_layout(self) -> list[Upload]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM uploads WHERE layout = 'vantar' "
                              "ORDER BY created").fetchall()  # fmt: skip
        return [_upload(r) for r in rows]

    def interrupted(self) -> list[str]:
        """Uploads a stopped server left half done (to be marked as such at start)."""
        with self._db() as db:
            rows = db.execute("SELECT id FROM uploads WHERE state = 'granskas'").fetchall()
        return [r["id"] for r in rows]


def _upload(row: sqlite3.Row) -> Upload:
    d = dict(row)
    d["findings"] = json.loads(d["findings"])
    d["notes"] = json.loads(d["notes"])
    d["annotated"] = bool(d["annotated"])
    d["docx"] = bool(d["docx"])
    return Upload(**d)
