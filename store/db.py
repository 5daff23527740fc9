"""Opening the store: WAL, foreign keys, a busy timeout, migrations, a file only its owner reads."""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

import sqlite_utils

from store.migrations import apply_migrations

DEFAULT_DB = "afdaek.db"


class StoreError(Exception):
    """The store could not be opened or used. The message is shown to the user, in Danish."""


def default_db_path() -> Path:
    """AFDAEK_DB when set, else ./afdaek.db."""
    return Path(os.environ.get("AFDAEK_DB") or DEFAULT_DB)


def _create_private(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite touches it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


class Store:
    """An open afdaek store: a sqlite_utils.Database plus the queries the tool needs."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None) -> None:
        self.db = db
        self.path = path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> _Transaction:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception: all or nothing."""
        return _Transaction(self.db.conn)

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def salt(self) -> bytes:
        """The store's secret salt for pseudonyms, created on first use in an empty store. A
        store that already holds documents or cases but no salt raises StoreError: a new salt
        would give the same people new pseudonyms, so the store says so instead."""
        value = self.meta("pseudonym_salt")
        if value is None:
            has_data = self.db.execute(
                "SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM cases)"
            ).fetchone()[0]
            if has_data:
                raise StoreError(
                    f"{self.path or 'databasen'}: databasen mangler sit salt til pseudonymerne, "
                    "så nye pseudonymer ville ikke passe til de gemte; gendan databasen fra en "
                    "sikkerhedskopi, eller indlæs alt igen i en ny database"
                )
            value = secrets.token_hex(32)
            with self.transaction():
                self.db.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('pseudonym_salt', ?)", [value]
                )
            value = self.meta("pseudonym_salt") or value
        return bytes.fromhex(value)


class _Transaction:
    """A write transaction taken up front, so concurrent writers queue instead of deadlocking."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def open_store(path: str | Path | None = None, *, create: bool = True, memory: bool = False) -> Store:
    """Open (and create, migrate) the store at path; memory=True for an in-memory store."""
    if memory:
        db = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None))
        _configure(db)
        apply_migrations(db)
        return Store(db, None)
    p = Path(path) if path is not None else default_db_path()
    if p.is_dir():
        raise StoreError(f"{p}: er en mappe, ikke en databasefil; angiv en fil med --db")
    if not p.exists():
        if not create:
            raise StoreError(f"{p}: databasen findes ikke; kør 'afdaek init' eller angiv --db")
        try:
            _create_private(p)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"{p}: databasen kan ikke oprettes ({exc.strerror})") from exc
    try:
        conn = sqlite3.connect(str(p), timeout=30, isolation_level=None, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        _configure(db)
        apply_migrations(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p}: filen er ikke en afdaek-database eller er beskadiget ({exc})") from exc
    return Store(db, p)


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
