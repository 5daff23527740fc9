"""Cases, events, findings, samples and reviews in the store.

Reviews are never overwritten: a new review of the same finding supersedes the old one, which
stays. Imported review rows carry an import key, so importing the same file twice (or two
processes importing at once) stores each review exactly once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from store.db import Store, StoreError, inserted_id, user_name
from store.records import DateSpan


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def upsert_case(store: Store, case: dict[str, Any]) -> None:
    """Insert or update a case's metadata (id, ydelse, visitationskategori, ...)."""
    cols = ("id", "ydelse", "visitationskategori", "borger", "sagsbehandler", "team", "start", "source")
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
    rows = (
        {
            r["id"]: dict(r)
            for r in store.db.query(
                f"SELECT * FROM cases WHERE id IN ({', '.join('?' * len(wanted))})", wanted
            )
        }
        if wanted
        else {}
    )
    return [rows[i] for i in wanted if i in rows]


def case_documents(store: Store, case_id: str) -> list[dict[str, Any]]:
    """A case's documents with their text, oldest date first."""
    return [
        dict(r)
        for r in store.db.query(
            "SELECT id, path, kind, title, date, text FROM documents WHERE case_id = ? ORDER BY date, path",
            [case_id],
        )
    ]


def documents_without_events(store: Store, case_id: str) -> list[str]:
    return [
        r[0]
        for r in store.db.execute(
            "SELECT d.id FROM documents d WHERE d.case_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM case_events e WHERE e.document_id = d.id) ",
            [case_id],
        )
    ]


def forget_events(store: Store) -> int:
    """Delete every stored event (they are found again from the stored texts); the number."""
    with store.transaction() as conn:
        return conn.execute("DELETE FROM case_events").rowcount


def replace_events(
    store: Store, case_id: str, document_id: str | None, events: list[dict[str, Any]]
) -> list[int]:
    """Store a document's events (replacing earlier ones for it); return the new ids."""
    ids = []
    with store.transaction() as conn:
        if document_id is None:
            conn.execute("DELETE FROM case_events WHERE case_id = ? AND document_id IS NULL", [case_id])
        else:
            conn.execute("DELETE FROM case_events WHERE document_id = ?", [document_id])
        for e in events:
            cur = conn.execute(
                "INSERT INTO case_events (case_id, document_id, kind, date, negated, evidence, "
                "document, start, end, matched, details) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    case_id,
                    document_id,
                    e["kind"],
                    e.get("date"),
                    int(bool(e.get("negated"))),
                    e["evidence"],
                    e["document"],
                    e.get("start"),
                    e.get("end"),
                    e.get("matched"),
                    json.dumps(e.get("details") or {}, ensure_ascii=False, default=str),
                ],
            )
            ids.append(inserted_id(cur))
    return ids


def case_events(store: Store, case_id: str) -> list[dict[str, Any]]:
    """A case's events in time order (undated last)."""
    rows = []
    for r in store.db.query(
        "SELECT * FROM case_events WHERE case_id = ? ORDER BY date IS NULL, date, document, start", [case_id]
    ):
        r = dict(r)
        r["negated"] = bool(r["negated"])
        r["details"] = json.loads(r["details"] or "{}")
        rows.append(r)
    return rows


def store_findings(store: Store, run_id: int, case_id: str, findings: list[dict[str, Any]]) -> None:
    """Record one screening run's findings for a case (earlier runs stay for history)."""
    with store.transaction() as conn:
        for f in findings:
            conn.execute(
                "INSERT INTO findings (run_id, case_id, rule, verdict, explanation, events, "
                "created_at, version) VALUES (?,?,?,?,?,?,?,?)",
                [
                    run_id,
                    case_id,
                    f["rule"],
                    f["verdict"],
                    f["explanation"],
                    json.dumps(list(f.get("events") or [])),
                    _now(),
                    json.dumps(f["version"], ensure_ascii=False) if f.get("version") else None,
                ],
            )


VERDICTS = ("ok", "mangel", "kan_ikke_vurderes", "ikke_relevant")
"""The verdicts a rule gives and a reviewer may set, as stored; the one list the rules, the
review, the reports and the benchmarks use."""
OK, MANGEL, KAN_IKKE_VURDERES, IKKE_RELEVANT = VERDICTS
"""Each verdict by name, for the code that compares with one."""

LATEST_FINDINGS = "SELECT f.* FROM findings f WHERE f.current = 1"

REJECTED_BECOMES = {MANGEL: OK, OK: MANGEL}
"""A rejected ("afvist") verdict without a verdict of the reviewer's own: a rejected mangel is
ok and a rejected ok is a mangel; other verdicts stand (a rejection does not tell which)."""


def effective_verdict(tool: str, decision: str | None, review_verdict: str | None) -> str:
    """A finding's verdict after its latest review: the reviewer's verdict when given, else a
    rejection turns mangel and ok around, else the tool's verdict. The one owner of this rule:
    the CLI summary, the screening report and the sanctions report all count verdicts through
    it (`latest_findings`, `reviewed_findings`, `current_verdict_counts`)."""
    if review_verdict:
        return review_verdict.strip().lower().replace(" ", "_")
    if decision and decision.startswith("afvis"):
        return REJECTED_BECOMES.get(tool, tool)
    return tool


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


def current_version_counts(store: Store) -> list[tuple[str, dict[str, Any], int]]:
    """(rule, rule version, cases) over the current findings: counted in SQL, each distinct
    version parsed once (800.000 findings are grouped, not loaded)."""
    return [
        (r["rule"], json.loads(r["version"]), r["n"])
        for r in store.db.query(
            "SELECT rule, version, COUNT(DISTINCT case_id) AS n FROM findings "
            "WHERE current = 1 AND version IS NOT NULL GROUP BY rule, version"
        )
    ]


_NORMAL = "lower(replace({}, ' ', '_'))"
"""A stored verdict as a rule or a reviewer writes it ('kan ikke vurderes' → 'kan_ikke_vurderes')."""


@dataclass(frozen=True)
class ReviewedFinding:
    """A current finding (its case's latest screening run) with the latest review of its case
    and rule; verdicts in their stored form (`VERDICTS`)."""

    id: int
    case_id: str
    rule: str
    tool: str
    """The tool's verdict."""
    decision: str
    review_verdict: str | None

    @property
    def verdict(self) -> str:
        """The verdict after the review (`effective_verdict`)."""
        return effective_verdict(self.tool, self.decision, self.review_verdict)


def reviewed_findings(store: Store) -> list[ReviewedFinding]:
    """The current findings that have a review, lowest finding id first. Reviews are made by
    people, so this stays small however many cases are screened."""
    sql = f"""
        WITH rv AS (
            SELECT case_id, rule, decision, verdict FROM (
                SELECT r.*, ROW_NUMBER() OVER (PARTITION BY case_id, rule ORDER BY id DESC) AS k
                FROM reviews r
            ) WHERE k = 1
        )
        SELECT f.id, f.case_id, f.rule, {_NORMAL.format("f.verdict")} AS tool, rv.decision,
               {_NORMAL.format("rv.verdict")} AS review_verdict
        FROM rv JOIN findings f ON f.case_id = rv.case_id AND f.rule = rv.rule AND f.current = 1
        ORDER BY f.id
    """
    return [ReviewedFinding(**r) for r in store.db.query(sql)]


def _reviewed_by_case_rule(store: Store) -> dict[tuple[str, str], ReviewedFinding]:
    return {(f.case_id, f.rule): f for f in reviewed_findings(store)}


def current_verdict_counts(store: Store) -> dict[str, dict[str, int]]:
    """rule → verdict → number of current findings, after reviews (`effective_verdict`); every
    verdict of `VERDICTS` is a key of a rule that has findings.

    The tool's verdicts are counted on a covering index, then corrected for the (few) reviewed
    findings, so the cost barely grows with the number of screened cases."""
    out: dict[str, dict[str, int]] = {}
    for r in store.db.query(
        f"SELECT rule, {_NORMAL.format('verdict')} AS verdict, COUNT(*) AS n "
        "FROM findings WHERE current = 1 GROUP BY rule, verdict"
    ):
        counts = out.setdefault(r["rule"], dict.fromkeys(VERDICTS, 0))
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + r["n"]
    for f in _reviewed_by_case_rule(store).values():
        if f.verdict != f.tool:
            counts = out.setdefault(f.rule, dict.fromkeys(VERDICTS, 0))
            counts[f.tool] = counts.get(f.tool, 0) - 1
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
    return out


@dataclass(frozen=True)
class Finding:
    """A stored finding: its case, rule, the tool's explanation and the ids of its events."""

    id: int
    case_id: str
    rule: str
    explanation: str
    events: tuple[int, ...]


def _finding(r: dict[str, Any]) -> Finding:
    try:
        events = tuple(int(e) for e in json.loads(r["events"] or "[]"))
    except (ValueError, TypeError):
        events = ()
    return Finding(r["id"], r["case_id"], r["rule"], r["explanation"], events)


def current_mangler(store: Store, rules: Iterable[str], limit: int) -> dict[str, list[Finding]]:
    """rule → up to `limit` current findings whose verdict after review is 'mangel', lowest
    finding id first (a fixed choice: the same store gives the same examples)."""
    reviewed = _reviewed_by_case_rule(store)
    out: dict[str, list[Finding]] = {}
    cols = "id, case_id, rule, explanation, events"
    for rule in rules:
        # The tool's mangler (minus those a reviewer overturned) and reviewed-into mangler.
        candidates = list(
            store.db.query(
                f"SELECT {cols} FROM findings WHERE current = 1 AND rule = ? "
                f"AND {_NORMAL.format('verdict')} = ? ORDER BY id LIMIT ?",
                [rule, MANGEL, limit + len(reviewed)],
            )
        )
        extra = [
            f.id for f in reviewed.values() if f.rule == rule and f.verdict == MANGEL and f.tool != MANGEL
        ]
        if extra:
            candidates += list(
                store.db.query(
                    f"SELECT {cols} FROM findings WHERE id IN ({', '.join('?' * len(extra))})", extra
                )
            )
        picked: list[Finding] = []
        for r in sorted(candidates, key=lambda r: r["id"]):
            rv = reviewed.get((r["case_id"], rule))
            if rv and rv.verdict != MANGEL:
                continue
            if len(picked) < limit:
                picked.append(_finding(r))
        out[rule] = picked
    return out


def event_evidence(store: Store, event_id: int) -> str | None:
    """The sentence a stored event was found in; None when there is no such event."""
    row = store.db.execute("SELECT evidence FROM case_events WHERE id = ?", [event_id]).fetchone()
    return row[0] if row else None


def event_dates(store: Store) -> DateSpan:
    """The dated events of the screened cases: how many, the first and the last date."""
    n, first, last = store.db.execute(
        "SELECT COUNT(date), MIN(date), MAX(date) FROM case_events WHERE date IS NOT NULL"
    ).fetchone()
    return DateSpan(n, first, last)


def screened_case_count(store: Store) -> int:
    """How many cases have been screened (have findings)."""
    return int(store.db.execute("SELECT COUNT(DISTINCT case_id) FROM findings").fetchone()[0])


def reviewed_rule_count(store: Store) -> int:
    """How many (case, rule) verdicts a person has reviewed."""
    return int(
        store.db.execute("SELECT COUNT(*) FROM (SELECT DISTINCT case_id, rule FROM reviews)").fetchone()[0]
    )


def review_dates(store: Store) -> DateSpan:
    """The stored reviews: how many, the first and the last time one was made."""
    n, first, last = store.db.execute(
        "SELECT COUNT(*), MIN(reviewed_at), MAX(reviewed_at) FROM reviews"
    ).fetchone()
    return DateSpan(n, first, last)


@dataclass(frozen=True)
class CaseInventory:
    """What the screening is built on: cases, their documents (with the span of their dates)
    and the screening runs (with the time of the last finding)."""

    cases: int
    documents: DateSpan
    runs: int
    last_run: str | None


def case_inventory(store: Store) -> CaseInventory:
    cases = store.db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
    docs = store.db.execute(
        "SELECT COUNT(*), MIN(date), MAX(date) FROM documents WHERE case_id IS NOT NULL"
    ).fetchone()
    runs, last = store.db.execute("SELECT COUNT(DISTINCT run_id), MAX(created_at) FROM findings").fetchone()
    return CaseInventory(cases, DateSpan(*docs), runs, last)


def case_document_paths(store: Store) -> list[str]:
    """The paths of the documents that belong to a case (as stored: pseudonymised)."""
    return [r[0] for r in store.db.execute("SELECT DISTINCT path FROM documents WHERE case_id IS NOT NULL")]


@dataclass(frozen=True)
class RunDayCount:
    """How many findings of a rule a day's screening runs gave with one verdict (the tool's)."""

    day: str
    rule: str
    verdict: str
    n: int


def verdicts_per_run_day(store: Store, rules: Iterable[str]) -> list[RunDayCount]:
    """The tool's verdicts of the given rules per day of the screening runs (every run, not
    only the current one; reviews apply to current findings and are not counted here)."""
    wanted = list(rules)
    return [
        RunDayCount(**r)
        for r in store.db.query(
            "SELECT substr(COALESCE(r.started_at, f.created_at), 1, 10) AS day, f.rule AS rule, "
            f"{_NORMAL.format('f.verdict')} AS verdict, COUNT(*) AS n "
            "FROM findings f LEFT JOIN runs r ON r.id = f.run_id "
            f"WHERE f.rule IN ({', '.join('?' * len(wanted))}) GROUP BY day, rule, verdict",
            wanted,
        )
    ]


def record_sample(
    store: Store,
    *,
    seed: int | None,
    stratify: str | None,
    chosen: list[tuple[str, str]],
    note: str | None = None,
) -> int:
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
    ids = [
        r[0]
        for r in store.db.execute(
            "SELECT case_id FROM sample_cases WHERE sample_id = ? ORDER BY case_id", [sample_id]
        )
    ]
    if not ids:
        raise StoreError(f"stikprøve {sample_id} findes ikke eller er tom")
    return sample_id, ids


DECISIONS = ("bekraeftet", "afvist", "aendret")


def add_review(
    store: Store,
    finding_id: int,
    *,
    reviewer: str | None = None,
    decision: str,
    verdict: str | None = None,
    comment: str | None = None,
    reviewed_at: str | None = None,
    import_key: str | None = None,
) -> bool:
    """Store a review (by reviewer, else the login name); False when an identical imported
    review is already stored."""
    if decision not in DECISIONS:
        raise StoreError(f"ukendt afgørelse '{decision}'; brug {', '.join(DECISIONS)}")
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT case_id, rule, verdict FROM findings WHERE id = ?", [finding_id]
        ).fetchone()
        if row is None:
            raise StoreError(f"fund {finding_id} findes ikke")
        if decision == "aendret" and not verdict:
            raise StoreError(f"fund {finding_id}: en ændring kræver en ny vurdering")
        cur = conn.execute(
            "INSERT OR IGNORE INTO reviews (finding_id, case_id, rule, reviewer, decision, "
            "verdict, comment, reviewed_at, import_key) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                finding_id,
                row[0],
                row[1],
                user_name(reviewer) or "ukendt",
                decision,
                verdict if decision == "aendret" else (row[2] if decision == "bekraeftet" else None),
                comment,
                reviewed_at or _now(),
                import_key,
            ],
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
            "dokumenter": conn.execute(
                "SELECT count(*) FROM documents WHERE case_id = ?", [case_id]
            ).fetchone()[0],
            "haendelser": conn.execute(
                "SELECT count(*) FROM case_events WHERE case_id = ?", [case_id]
            ).fetchone()[0],
            "fund": conn.execute("SELECT count(*) FROM findings WHERE case_id = ?", [case_id]).fetchone()[0],
            "gennemgange": conn.execute(
                "SELECT count(*) FROM reviews WHERE case_id = ?", [case_id]
            ).fetchone()[0],
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


def review_case_ids(store: Store, sample_id: int | None = None) -> list[str]:
    """The cases `afdaek screen review` goes through: those of the sample given, else those of
    the newest sample, else (no sample yet, or the newest is empty) every stored case."""
    if sample_id is not None:
        return sample_case_ids(store, sample_id)[1]
    try:
        return sample_case_ids(store)[1]
    except StoreError:
        return case_ids(store)
