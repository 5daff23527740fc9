"""SIGKILL in the middle of `afdaek ingest` on 400 documents loses nothing and halves nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import open_store
from tests.robustness.corpus import many_documents

AFDAEK = str(Path(sys.executable).parent / "afdaek")
N = 400


def _stored(db: Path) -> int:
    """Documents committed so far, read by a separate read-only connection (0 when not ready)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_after(db: Path, folder: Path, threshold: int = 50) -> int:
    """Start an ingest, SIGKILL it once more than threshold documents are stored."""
    proc = subprocess.Popen(
        [AFDAEK, "--db", str(db), "ingest", str(folder), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while _stored(db) <= threshold:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest stored nothing within 60 s"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    return _stored(db)


def _check_whole(db: Path) -> dict[str, int]:
    """The store opens, is intact, and every stored document is stored completely."""
    with open_store(db, create=False) as store:
        q = store.db.execute
        assert q("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert q("PRAGMA foreign_key_check").fetchall() == []
        q("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        q("INSERT INTO meeting_items_fts(meeting_items_fts) VALUES ('integrity-check')")
        # Every minutes document has both its agenda items, every letter its check.
        assert (
            q(
                "SELECT d.path FROM documents d WHERE d.kind = 'minutes' AND "
                "(SELECT count(*) FROM meeting_items m WHERE m.document_id = d.id) != 2"
            ).fetchall()
            == []
        )
        assert (
            q(
                "SELECT d.path FROM documents d WHERE d.kind = 'letter' AND NOT EXISTS "
                "(SELECT 1 FROM letter_checks c WHERE c.document_id = d.id)"
            ).fetchall()
            == []
        )
        assert q(
            "SELECT count(*) FROM meeting_items m WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.id = m.document_id)"
        ).fetchone() == (0,)
        assert q("SELECT path FROM documents GROUP BY path HAVING count(*) > 1").fetchall() == []
        return dict(q("SELECT kind, count(*) FROM documents GROUP BY kind").fetchall())


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path):
    folder = tmp_path / "dokumenter"
    written = many_documents(folder, N)
    db = tmp_path / "afdaek.db"

    at_kill = _kill_after(db, folder)
    assert 50 < at_kill < N, f"killed at {at_kill}"
    kinds = _check_whole(db)
    assert sum(kinds.values()) == at_kill

    rerun = subprocess.run(
        [AFDAEK, "--db", str(db), "ingest", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    statuses = [f["status"] for f in json.loads(rerun.stdout)["files"]]
    assert statuses.count("unchanged") == at_kill
    assert statuses.count("ingested") == N - at_kill

    kinds = _check_whole(db)
    assert kinds == {"minutes": written["minutes"], "letter": written["letter"], "other": written["note"]}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT path), count(*) FROM documents").fetchone() == (N, N)
        assert conn.execute("SELECT count(*) FROM meeting_items").fetchone() == (2 * written["minutes"],)
        assert conn.execute("SELECT count(*) FROM letter_checks").fetchone() == (written["letter"],)
        # The killed run is recorded as started and never finished; the re-run finished.
        assert conn.execute("SELECT finished_at IS NULL FROM runs ORDER BY id").fetchall() == [(1,), (0,)]
