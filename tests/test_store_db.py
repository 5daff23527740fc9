"""The store: private file, WAL, foreign keys, migrations recorded once, atomic replacement."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from store import StoreError, open_store
from store import documents as docstore
from store.migrations import MIGRATIONS


def test_file_is_private_and_configured(tmp_path):
    path = tmp_path / "sub" / "a.db"
    with open_store(path) as s:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        names = [r[0] for r in s.db.execute("SELECT name FROM _migrations ORDER BY name")]
        assert names == sorted(n for n, _ in MIGRATIONS)
    with open_store(path) as s:  # reopening applies nothing twice
        assert s.db.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="databasen findes ikke"):
        open_store(tmp_path / "nej.db", create=False)


def test_garbage_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"dette er ikke en database" * 100)
    with pytest.raises(StoreError, match="ikke en afdaek-database"):
        open_store(bad)


def _doc(doc_id: str, path: str, text: str) -> dict:
    return {
        "id": doc_id,
        "path": path,
        "kind": "minutes",
        "title": "Referat",
        "text": text,
        "lemmas": text.lower(),
        "format": "txt",
    }


def test_same_bytes_unchanged_changed_file_replaced():
    s = open_store(memory=True)
    item = {"number": 1, "title": "Budget", "sections": {"Beslutning": "Godkendt"}}
    assert docstore.store_document(s, _doc("a", "/x.txt", "første"), [item]) == "ingested"
    assert docstore.store_document(s, _doc("a", "/x.txt", "første"), [item]) == "unchanged"
    assert docstore.store_document(s, _doc("b", "/x.txt", "anden"), [item, item]) == "replaced"
    assert [r[0] for r in s.db.execute("SELECT id FROM documents")] == ["b"]
    assert s.db.execute("SELECT count(*) FROM meeting_items").fetchone()[0] == 2


def test_failed_replacement_keeps_the_old_rows():
    s = open_store(memory=True)
    docstore.store_document(s, _doc("a", "/x.txt", "første"), [{"number": 1, "title": "T"}])
    with pytest.raises(sqlite3.IntegrityError):
        # an item without a title violates NOT NULL: the whole replacement must roll back
        docstore.store_document(s, _doc("b", "/x.txt", "anden"), [{"number": 1, "title": None}])
    assert [r[0] for r in s.db.execute("SELECT id FROM documents")] == ["a"]
    assert s.db.execute("SELECT count(*) FROM meeting_items").fetchone()[0] == 1


def test_search_finds_inflected_forms_through_lemmas():
    s = open_store(memory=True)
    d = _doc("a", "/x.txt", "Borgeren mødte op til samtalerne.")
    d["lemmas"] = "borgeren møde op til samtale"
    docstore.store_document(s, d)
    hits = docstore.search(s, ["samtale"], ["samtale"])
    assert [h.id for h in hits] == ["a"]
    assert docstore.search(s, ["ferie"], ["ferie"]) == []
