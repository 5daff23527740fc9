"""Cases, events, findings, samples and reviews in the store.

Reviews are never overwritten: a new review of the same finding supersedes the old one, which
stays. Imported review rows carry an import key, so importing the same file twice (or two
processes importing at once) stores each review exactly once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from store.db import Store, StoreError, inserted_id


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def upsert_case(store: Store, case: dict[str, Any]) -> None:
    """Insert or update a case's metadata (id, ydelse, visitationskategori, ...)."""
    cols = ("id", "ydelse", "visitationskategori", "borger", "sagsbehandler", "team", "start",
            "source")
    with store.transaction() as conn:
        conn.execute(
            f"INSERT INTO cases ({', '.join(cols)}, updated_at) VALUES "
            f"({', '.join('?' * len(cols))}, ?) ON CONFLICT(id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
            + ", updated_at = excluded.updated_at",
            [*(case.get(c) for c in cols), _now()],
        )


def case_ids(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT id FROM cases ORDER BY id")]


def get_cases(store: Store, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Cases with metadata, ordered by id; all when ids is None."""
    if ids is None:
        return [dict(r) for r in store.db.query("SELECT * FROM cases ORDER BY id")]
    wanted = list(ids)
    rows = {r["id"]: dict(r) for r in store.db.query(
        f"SELECT * FROM cases WHERE id IN ({', '.join('?' * len(wanted))})", wanted)} if wanted else {}
    return [rows[i] for i in wanted if i in rows]


def case_documents(store: Store, case_id: str) -> list[dict[str, Any]]:
    """A case's documents with their text, oldest date first."""
    return [dict(r) for r in store.db.query(
        "SELECT id, path, kind, title, date, text FROM documents WHERE case_id = ? "
        "ORDER BY date, path", [case_id])]


def documents_without_events(store: Store, case_id: str) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT d.id FROM documents d WHERE d.case_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM case_events e WHERE e.document_id = d.id) ", [case_id])]


def forget_events(store: Store) -> int:
    """Delete every stored event (they are found again from the stored texts); the number."""
    with store.transaction() as conn:
        return conn.execute("DELETE FROM case_events").rowcount


def replace_events(store: Store, case_id: str, document_id: str | None,
                   events: list[dict[str, Any]]) -> list[int]:
    """Store a document's events (replacing earlier ones for it); return the new ids."""
    ids = []
    with store.transaction() as conn:
        if document_id is None:
            conn.execute("DELETE FROM case_events WHERE case_id = ? AND document_id IS NULL",
                         [case_id])
        else:
            conn.execute("DELETE FROM case_events WHERE document_id = ?", [document_id])
        for e in events:
            cur = conn.execute(
                "INSERT INTO case_events (case_id, document_id, kind, date, negated, evidence, "
                "document, start, end, matched, details) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [case_id, document_id, e["kind"], e.get("date"), int(bool(e.get("negated"))),
                 e["evidence"], e["document"], e.get("start"), e.get("end"), e.get("matched"),
                 json.dumps(e.get("details") or {}, ensure_ascii=False, default=str)],
            )
            ids.append(inserted_id(cur))
    return ids


def case_events(store: Store, case_id: str) -> list[dict[str, Any]]:
    """A case's events in time order (undated last)."""
    rows = []
    for r in store.db.query(
        "SELECT * FROM case_events WHERE case_id = ? "
        "ORDER BY date IS NULL, date, document, start", [case_id]):
        r = dict(r)
        r["negated"] = bool(r["negated"])
        r["details"] = json.loads(r["details"] or "{}")
        rows.append(r)
    return rows


def store_findings(store: Store, run_id: int, case_id: str,
                   findings: list[dict[str, Any]]) -> None:
    """Record one screening run's findings for a case (earlier runs stay for history)."""
    with store.transaction() as conn:
        for f in findings:
            conn.execute(
                "INSERT INTO findings (run_id, case_id, rule, verdict, explanation, events, "
                "created_at, version) VALUES (?,?,?,?,?,?,?,?)",
                [run_id, case_id, f["rule"], f["verdict"], f["explanation"],
                 json.dumps(list(f.get("events") or [])), _now(),
                 json.dumps(f["version"], ensure_ascii=False) if f.get("version") else None],
            )


VERDICTS = ("ok", "mangel", "kan_ikke_vurderes", "ikke_relevant")
"""The verdicts a rule gives and a reviewer may set, as stored; the one list the rules, the
review, the reports and the benchmarks use."""

LATEST_FINDINGS = "SELECT f.* FROM findings f WHERE f.current = 1"

REJECTED_BECOMES = {"mangel": "ok", "ok": "mangel"}
"""A rejected ("afvist") verdict without a verdict of the reviewer's own: a rejected mangel is
ok and a rejected ok is a mangel; other verdicts stand (a rejection does not tell which)."""


def effective_verdict(tool: str, decision: str | None, review_verdict: str | None) -> str:
    """A finding's verdict after its latest review: the reviewer's verdict when given, else a
    rejection turns mangel and ok around, else the tool's verdict. The one owner of this rule:
    the CLI summary, the screening report and the sanctions report all call it (the SQL
    version, `effective_verdict_sql`, is built from the same table)."""
    if review_verdict:
        return review_verdict.strip().lower().replace(" ", "_")
    if decision and decision.startswith("afvis"):
        return REJECTED_BECOMES.get(tool, tool)
    return tool


def effective_verdict_sql(tool: str, decision: str, review_verdict: str) -> str:
    """`effective_verdict` as an SQL CASE over three column expressions."""
    flips = " ".join(f"WHEN {decision} LIKE 'afvis%' AND {tool} = '{a}' THEN '{b}'"
                     for a, b in REJECTED_BECOMES.items())
    return (f"CASE WHEN {review_verdict} IS NOT NULL AND {review_verdict} != '' "
            f"THEN {review_verdict} {flips} ELSE {tool} END")


def latest_findings(store: Store, case_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Each case's findings from its latest screening run, with the latest review if any."""
    sql = f"""
        SELECT f.id, f.case_id, f.rule, f.verdict, f.explanation, f.events, f.run_id, f.version,
               r.decision AS review_decision, r.verdict AS review_verdict,
               r.reviewer AS reviewer, r.comment AS review_comment, r.reviewed_at AS reviewed_at
        FROM ({LATEST_FINDINGS}) f
        LEFT JOIN reviews r ON r.id = (SELECT max(id) FROM reviews
                                       WHERE case_id = f.case_id AND rule = f.rule)
    """
    params: list[Any] = []
    if case_ids is not None:
        ids = list(case_ids)
        sql += f" WHERE f.case_id IN ({', '.join('?' * len(ids))})"
        params = ids
    sql += " ORDER BY f.case_id, f.rule"
    out = []
    for r in store.db.query(sql, params):
        r = dict(r)
        r["events"] = json.loads(r["events"] or "[]")
        r["version"] = json.loads(r["version"]) if r["version"] else None
        out.append(r)
    return out


def record_sample(store: Store, *, seed: int | None, stratify: str | None,
                  chosen: list[tuple[str, str]], note: str | None = None) -> int:
    """Record a drawn sample (case id, stratum) and return its id."""
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO samples (created_at, seed, n, stratify, note) VALUES (?,?,?,?,?)",
            [_now(), seed, len(chosen), stratify, note],
        )
        sample_id = inserted_id(cur)
        conn.executemany(
            "INSERT INTO sample_cases (sample_id, case_id, stratum) VALUES (?,?,?)",
            [(sample_id, c, s) for c, s in chosen],
        )
    return sample_id


def sample_case_ids(store: Store, sample_id: int | None = None) -> tuple[int, list[str]]:
    """The case ids of a sample (the newest when sample_id is None)."""
    if sample_id is None:
        row = store.db.execute("SELECT max(id) FROM samples").fetchone()
        if not row or row[0] is None:
            raise StoreError("der er ingen stikprøve endnu; kør 'afdaek screen sample'")
        sample_id = int(row[0])
    ids = [r[0] for r in store.db.execute(
        "SELECT case_id FROM sample_cases WHERE sample_id = ? ORDER BY case_id", [sample_id])]
    if not ids:
        raise StoreError(f"stikprøve {sample_id} findes ikke eller er tom")
    return sample_id, ids


DECISIONS = ("bekraeftet", "afvist", "aendret")


def add_review(store: Store, finding_id: int, *, reviewer: str, decision: str,
               verdict: str | None = None, comment: str | None = None,
               reviewed_at: str | None = None, import_key: str | None = None) -> bool:
    """Store a review; False when an identical imported review is already stored."""
    if decision not in DECISIONS:
        raise StoreError(f"ukendt afgørelse '{decision}'; brug {', '.join(DECISIONS)}")
    with store.transaction() as conn:
        row = conn.execute("SELECT case_id, rule, verdict FROM findings WHERE id = ?",
                           [finding_id]).fetchone()
        if row is None:
            raise StoreError(f"fund {finding_id} findes ikke")
        if decision == "aendret" and not verdict:
            raise StoreError(f"fund {finding_id}: en ændring kræver en ny vurdering")
        cur = conn.execute(
            "INSERT OR IGNORE INTO reviews (finding_id, case_id, rule, reviewer, decision, "
            "verdict, comment, reviewed_at, import_key) VALUES (?,?,?,?,?,?,?,?,?)",
            [finding_id, row[0], row[1], reviewer, decision,
             verdict if decision == "aendret" else (row[2] if decision == "bekraeftet" else None),
             comment, reviewed_at or _now(), import_key],
        )
        return cur.rowcount == 1


def reviews(store: Store, finding_id: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM reviews"
    params: list[Any] = []
    if finding_id is not None:
        sql += " WHERE finding_id = ?"
        params.append(finding_id)
    return [dict(r) for r in store.db.query(sql + " ORDER BY id", params)]


def forget_case(store: Store, case_id: str) -> dict[str, int]:
    """Erase a case and everything derived from it (GDPR): documents, events, findings,
    reviews, sample membership, letter checks, ingest errors of its files. Returns what was
    deleted.

    One transaction deletes the rows and overwrites their bytes (secure_delete, and the
    full-text index merged without them), so a failure (a full disk) leaves the case whole and
    success leaves nothing of it. Shrinking the file afterwards (VACUUM) is only tidying: when
    it fails, counts["komprimeret"] is 0.
    """
    store.db.execute("PRAGMA secure_delete = ON")  # per connection; it stays on, as it should
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone() is None:
            raise StoreError(f"sagen '{case_id}' findes ikke i databasen")
        counts = {
            "dokumenter": conn.execute("SELECT count(*) FROM documents WHERE case_id = ?",
                                       [case_id]).fetchone()[0],
            "haendelser": conn.execute("SELECT count(*) FROM case_events WHERE case_id = ?",
                                       [case_id]).fetchone()[0],
            "fund": conn.execute("SELECT count(*) FROM findings WHERE case_id = ?",
                                 [case_id]).fetchone()[0],
            "gennemgange": conn.execute("SELECT count(*) FROM reviews WHERE case_id = ?",
                                        [case_id]).fetchone()[0],
        }
        conn.execute("DELETE FROM reviews WHERE case_id = ?", [case_id])
        conn.execute("DELETE FROM findings WHERE case_id = ?", [case_id])
        conn.execute("DELETE FROM case_events WHERE case_id = ?", [case_id])
        conn.execute("DELETE FROM sample_cases WHERE case_id = ?", [case_id])
        conn.execute("DELETE FROM documents WHERE case_id = ?", [case_id])
        conn.execute("DELETE FROM ingest_errors WHERE case_id = ?", [case_id])
        conn.execute("DELETE FROM cases WHERE id = ?", [case_id])
        # FTS5 keeps a deleted document's words as delete markers until its segments merge.
        for fts in ("documents_fts", "meeting_items_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
    counts["komprimeret"] = int(_compact(store))
    return counts


def _compact(store: Store) -> bool:
    """Move the -wal file into the database and shrink it; False when the disk refuses."""
    try:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("VACUUM")
    except sqlite3.OperationalError as exc:
        if store.problem(exc) is None:
            raise
        return False
    return True
