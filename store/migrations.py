"""Ordered schema migrations, each applied in one transaction and recorded in `_migrations`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlite_utils

MIGRATIONS: list[tuple[str, Callable[[], str]]] = []


def migration(fn: Callable[[], str]) -> Callable[[], str]:
    """Register a migration (a function returning SQL); they run in definition order."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def apply_migrations(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations not yet recorded, each atomically; return the names applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        script = (
            "BEGIN IMMEDIATE;\n"
            + fn()
            + f"\nINSERT OR IGNORE INTO _migrations (name, applied_at) VALUES ('{name}', '{now}');"
            + "\nCOMMIT;"
        )
        try:
            db.conn.executescript(script)
        except Exception:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            # Another process may have applied it meanwhile.
            if db.execute("SELECT 1 FROM _migrations WHERE name = ?", [name]).fetchone():
                continue
            raise
        applied.append(name)
    return applied


def fts5(table: str, columns: list[str]) -> str:
    """An external-content FTS5 index on table's columns, kept current by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return f"""
    CREATE VIRTUAL TABLE {table}_fts USING fts5({cols}, content='{table}', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 0');
    CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
      INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});
    END;
    CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
      INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old});
    END;
    CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN
      INSERT INTO {table}_fts ({table}_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old});
      INSERT INTO {table}_fts (rowid, {cols}) VALUES (new.rowid, {new});
    END;
    """


@migration
def m001_initial() -> str:
    """Documents, agenda items, ingest errors and the audit of runs."""
    return """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        user TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        counts TEXT
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,              -- sha256 of the file's bytes
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT,
        date TEXT,
        case_id TEXT,
        text TEXT NOT NULL,               -- pseudonymised unless the user asked otherwise
        lemmas TEXT NOT NULL DEFAULT '',  -- lemmas of the text, for lemma-aware search
        format TEXT NOT NULL,
        pages INTEGER,
        encoding TEXT,
        pseudonymised INTEGER NOT NULL DEFAULT 1,
        ingested_at TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE INDEX idx_documents_path ON documents(path);
    CREATE INDEX idx_documents_kind ON documents(kind);
    CREATE INDEX idx_documents_case ON documents(case_id);
    CREATE TABLE meeting_items (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        committee TEXT,
        meeting_date TEXT,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        type TEXT,
        case_number TEXT,
        open INTEGER NOT NULL DEFAULT 1,
        sections TEXT NOT NULL DEFAULT '{}',
        indstilling TEXT,
        beslutning TEXT,
        fravaerende TEXT,
        bilag TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL DEFAULT '',
        lemmas TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_meeting_items_doc ON meeting_items(document_id);
    CREATE INDEX idx_meeting_items_date ON meeting_items(meeting_date);
    CREATE TABLE ingest_errors (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        path TEXT NOT NULL,
        problem TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """ + fts5("documents", ["title", "text", "lemmas"]) + fts5(
        "meeting_items", ["title", "text", "lemmas"]
    )
