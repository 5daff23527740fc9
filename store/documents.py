"""Documents, agenda items, runs and ingest errors: writing them atomically and finding them.

A record's `to_json` is its command's JSON contract written out key by key (what it leaves
out or renames is the contract's); `duplicates` pairs these by shape: declarations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import Any

from store.db import Store, StoreError, inserted_id, user_name


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(store: Store, command: str) -> int:
    """Record the start of a command in the audit table; return its id."""
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO runs (command, user, started_at) VALUES (?, ?, ?)", [command, user_name(), _now()]
        )
        return inserted_id(cur)


def finish_run(store: Store, run_id: int, counts: dict[str, Any]) -> None:
    """Record the end of a run with its counts."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
            [_now(), json.dumps(counts, ensure_ascii=False), run_id],
        )


def record_error(
    store: Store, run_id: int | None, path: str, problem: str, *, case_id: str | None = None
) -> None:
    """Keep a failed file (its path as shown, pseudonymised) and its one-line problem for the
    user to see later; with the case it belongs to, so `forget --case` removes it too."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO ingest_errors (run_id, path, problem, at, case_id) VALUES (?, ?, ?, ?, ?)",
            [run_id, path, problem, _now(), case_id],
        )


def has_document(store: Store, doc_id: str) -> bool:
    """True when a document with these exact bytes (sha256) is stored."""
    return store.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None


def is_current(store: Store, doc_id: str, pseudonym_key: str, *, case_document: bool) -> bool:
    """True when the document is stored and was pseudonymised with what pseudonym_key stands
    for. A document stored before keys were recorded counts as current unless it belongs to a
    case (whose sag.toml may have changed since)."""
    row = store.db.execute("SELECT pseudonym_key FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        return False
    return row[0] == pseudonym_key or (row[0] is None and not case_document)


def update_location(store: Store, doc_id: str, path: str, source_key: str) -> None:
    """Record where a stored document's file is now (it was renamed or moved)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE documents SET path = ?, source_key = ? WHERE id = ? AND "
            "(path IS NOT ? OR source_key IS NOT ?)",
            [path, source_key, doc_id, path, source_key],
        )


def remove_missing(store: Store, case_id: str, source_keys: set[str]) -> int:
    """Delete the case's documents whose file is no longer in its folder (source key not among
    source_keys), with everything derived from them; CSV exports (path with `#`) stay."""
    with store.transaction() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id, source_key FROM documents WHERE case_id = ? AND path NOT LIKE '%#%'", [case_id]
            )
            if r[1] not in source_keys
        ]
        for doc_id in ids:
            conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    return len(ids)


_DOC_COLUMNS = (
    "id",
    "path",
    "kind",
    "title",
    "date",
    "case_id",
    "text",
    "lemmas",
    "format",
    "pages",
    "encoding",
    "pseudonymised",
    "source_key",
    "pseudonym_key",
    "source_note",
    "ocr",
    "sender",
)
_ITEM_COLUMNS = (
    "committee",
    "meeting_date",
    "number",
    "title",
    "type",
    "case_number",
    "kle",
    "open",
    "sections",
    "indstilling",
    "beslutning",
    "fravaerende",
    "bilag",
    "text",
    "lemmas",
)


def store_document(
    store: Store,
    document: dict[str, Any],
    items: Iterable[dict[str, Any]] = (),
    *,
    run_id: int | None = None,
    extra: Iterable[tuple[str, list[dict[str, Any]]]] = (),
) -> str:
    """Store a document and its agenda items in one transaction.

    Returns "ingested", "unchanged" (same bytes already stored with the same pseudonym key) or
    "replaced" (the file at this path changed, or is pseudonymised anew: its old rows are
    deleted in the same transaction). The file is known by its source key (a salted hash of its
    path) or, for documents stored before keys, by its path. `extra` holds rows for other
    tables that reference the document (table name, rows with a `document_id`).
    """
    doc_id = document["id"]
    key = document.get("pseudonym_key")
    with store.transaction() as conn:
        same = conn.execute("SELECT pseudonym_key FROM documents WHERE id = ?", [doc_id]).fetchone()
        if same is not None and (key is None or same[0] == key):
            return "unchanged"
        old = conn.execute(
            "SELECT id FROM documents WHERE id != ? AND (path = ? OR source_key = ?)",
            [doc_id, document["path"], document.get("source_key")],
        ).fetchall()
        if same is not None:
            old.append((doc_id,))
        for (old_id,) in old:
            conn.execute("DELETE FROM documents WHERE id = ?", [old_id])
        values = [document.get(c) for c in _DOC_COLUMNS]
        values[_DOC_COLUMNS.index("lemmas")] = document.get("lemmas") or ""
        values[_DOC_COLUMNS.index("pseudonymised")] = int(document.get("pseudonymised", True))
        values[_DOC_COLUMNS.index("ocr")] = int(bool(document.get("ocr")))
        conn.execute(
            f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}, ingested_at, run_id) "
            f"VALUES ({', '.join('?' * len(_DOC_COLUMNS))}, ?, ?)",
            [*values, _now(), run_id],
        )
        for item in items:
            row = dict(item)
            row["sections"] = json.dumps(row.get("sections") or {}, ensure_ascii=False)
            row["bilag"] = json.dumps(list(row.get("bilag") or []), ensure_ascii=False)
            row["open"] = int(bool(row.get("open", True)))
            row.setdefault("text", "")
            row.setdefault("lemmas", "")
            conn.execute(
                f"INSERT INTO meeting_items (document_id, {', '.join(_ITEM_COLUMNS)}) "
                f"VALUES (?, {', '.join('?' * len(_ITEM_COLUMNS))})",
                [doc_id, *[row.get(c) for c in _ITEM_COLUMNS]],
            )
        for table, rows in extra:
            for row in rows:
                cols = list(row)
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [row[c] for c in cols],
                )
        return "replaced" if old else "ingested"


_LETTER_OR_DIGIT = re.compile(r"\w")  # the index's tokenizer (unicode61) keeps only these


def _phrase(term: str) -> str:
    """term as one FTS5 string: its quotes doubled, so `"`, `*`, `(`, `AND`, `:` are text."""
    return '"' + term.lower().replace('"', '""') + '"'


def fts_query(words: list[str], lemmas: list[str]) -> str:
    """An FTS5 expression: every query word must match, as written or as its lemma. Words
    without a letter or digit (a lone `"` or `*`) cannot match anything and are left out."""
    parts = []
    for word, lemma in zip(words, lemmas):
        if not _LETTER_OR_DIGIT.search(word):
            continue
        alternatives = {_phrase(word), _phrase(lemma)}
        parts.append("(" + " OR ".join(sorted(alternatives)) + ")")
    return " AND ".join(parts)


@dataclass(frozen=True)
class SearchHit:
    """A document or agenda item a search found, with the snippet around the match."""

    type: str  # "dokument" or "punkt"
    id: str | int  # the document's sha256, or the agenda item's id
    path: str
    kind: str
    title: str | None
    date: str | None
    snippet: str | None
    rank: float  # bm25: lower is better

    def to_json(self) -> dict[str, Any]:
        """The hit as `afdaek search --format json` prints it (without the rank)."""
        return {
            "type": self.type,
            "id": self.id,
            "path": self.path,
            "kind": self.kind,
            "title": self.title,
            "date": self.date,
            "snippet": self.snippet,
        }


def search(store: Store, words: list[str], lemmas: list[str], *, limit: int = 20) -> list[SearchHit]:
    """Documents and agenda items matching all query words (as written or as lemma), best first."""
    if not any(_LETTER_OR_DIGIT.search(w) for w in words):
        raise StoreError("søgningen er tom; skriv et eller flere ord")
    expr = fts_query(words, lemmas)
    results: list[SearchHit] = []
    doc_sql = """
        SELECT 'dokument' AS type, d.id AS id, d.path AS path, d.kind AS kind, d.title AS title,
               d.date AS date, snippet(documents_fts, 1, '[', ']', '…', 14) AS snippet,
               bm25(documents_fts) AS rank
        FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"""
    item_sql = """
        SELECT 'punkt' AS type, m.id AS id, d.path AS path, 'dagsordenspunkt' AS kind,
               m.number || '. ' || m.title AS title, m.meeting_date AS date,
               snippet(meeting_items_fts, 1, '[', ']', '…', 14) AS snippet,
               bm25(meeting_items_fts) AS rank
        FROM meeting_items_fts JOIN meeting_items m ON m.rowid = meeting_items_fts.rowid
        JOIN documents d ON d.id = m.document_id
        WHERE meeting_items_fts MATCH ? ORDER BY rank LIMIT ?"""
    for sql in (doc_sql, item_sql):
        results.extend(SearchHit(*row) for row in store.db.execute(sql, [expr, limit]).fetchall())
    results.sort(key=lambda r: r.rank)
    return results[:limit]


@dataclass(frozen=True)
class StoredItem:
    """One stored agenda item, with its sections and the path of its minutes."""

    id: int
    document_id: str
    committee: str | None
    meeting_date: str | None
    number: int | None
    title: str
    type: str | None
    case_number: str | None
    kle: str | None
    open: bool
    sections: dict[str, str]
    indstilling: str | None
    beslutning: str | None
    fravaerende: str | None
    bilag: tuple[str, ...]
    path: str

    def _columns(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {**values, "sections": dict(self.sections), "bilag": list(self.bilag)}

    def to_json(self) -> dict[str, Any]:
        """The item as `afdaek minutes show --format json` prints it: the columns in the
        table's order (kle was added last), then the path of its minutes."""
        values = self._columns()
        kle, path = values.pop("kle"), values.pop("path")
        return {**values, "kle": kle, "path": path}

    def listing_json(self) -> dict[str, Any]:
        """The item as one row of `afdaek minutes list --format json` (no document id and
        no sections)."""
        return {k: v for k, v in self._columns().items() if k not in ("document_id", "sections")}


_ITEM_FIELDS = [f.name for f in fields(StoredItem)]
_ITEM_SQL = (
    f"SELECT {', '.join(f'm.{name}' for name in _ITEM_FIELDS[:-1])}, d.path "
    "FROM meeting_items m JOIN documents d ON d.id = m.document_id"
)


def _stored_item(row: tuple[Any, ...]) -> StoredItem:
    """A row of _ITEM_SQL as the record (open as a bool, sections and bilag decoded)."""
    values = dict(zip(_ITEM_FIELDS, row))
    values["open"] = bool(values["open"])
    values["sections"] = json.loads(values["sections"] or "{}")
    values["bilag"] = tuple(json.loads(values["bilag"] or "[]"))
    return StoredItem(**values)


def list_items(
    store: Store,
    *,
    committee: str | None = None,
    since: str | None = None,
    until: str | None = None,
    text: str | None = None,
) -> list[StoredItem]:
    """Agenda items, oldest meeting first, filtered by committee, date range and text."""
    sql = _ITEM_SQL + " WHERE 1=1"
    params: list[Any] = []
    if committee:
        sql += " AND m.committee LIKE ?"
        params.append(f"%{committee}%")
    if since:
        sql += " AND m.meeting_date >= ?"
        params.append(since)
    if until:
        sql += " AND m.meeting_date <= ?"
        params.append(until)
    if text:
        sql += " AND (m.title LIKE ? OR m.text LIKE ?)"
        params += [f"%{text}%", f"%{text}%"]
    sql += " ORDER BY m.meeting_date, m.number, m.id"
    return [_stored_item(row) for row in store.db.execute(sql, params).fetchall()]


def get_item(store: Store, item_id: int) -> StoredItem:
    """One agenda item with its sections; StoreError when there is none with this id."""
    row = store.db.execute(_ITEM_SQL + " WHERE m.id = ?", [item_id]).fetchone()
    if row is None:
        raise StoreError(f"der er intet dagsordenspunkt med id {item_id}; se 'afdaek minutes list'")
    return _stored_item(row)
