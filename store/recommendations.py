"""Recommendations in the store: sets, dated status history, milestones and links to minutes.

Nothing is overwritten: a status change is a new row in `recommendation_updates`, and the
current status is the latest update by date (then by id, so of two updates on one day the one
recorded last wins). Loading a set again updates titles, texts and milestones in place and
never touches the history.

A record's `to_json` is its command's JSON contract written out key by key; `duplicates` pairs
these by shape: declarations, not repeated logic.

**Forsinket.** A recommendation whose recorded status is `ikke startet` or `i gang` is shown
as `forsinket` on `today` when one of its milestones is overdue:

- the last milestone (latest deadline) is overdue when its deadline has passed and the
  recommendation is still not `gennemført` (or `opgivet`): the work should have been done;
- an earlier milestone is overdue when its deadline has passed and no status update is dated
  on or after the deadline: nobody has reported progress since the step was due.

A recorded `forsinket` stays `forsinket`; `gennemført` and `opgivet` are never flagged.

This module takes plain data (dicts) and does no text mining: link proposals are computed by a
`proposer` function passed in (textmining.domain.recommendations.propose_links).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from store.db import Store, StoreError, inserted_id, user_name
from textmining.domain.recommendations import LINK_STATUSES, STATUSES, parse_item_refs  # the one list of each
from textmining.language.dates import iso_date

__all__ = ["LINK_STATUSES", "STATUSES"]  # re-exported: docgen reads recstore.STATUSES

OPEN_STATUSES = ("ikke startet", "i gang")
LINK_LABELS = {"foreslaaet": "foreslået", "accepteret": "accepteret", "afvist": "afvist"}


@dataclass(frozen=True)
class StatusUpdate:
    """One dated status change of a recommendation, with note and source."""

    id: int
    number: str
    date: date
    status: str
    note: str | None
    source: str | None
    meeting_item_id: int | None
    created_at: str
    created_by: str | None

    def to_json(self) -> dict[str, Any]:
        """The update as `afdaek recommendations history --format json` prints it."""
        return {
            "date": self.date.isoformat(),
            "status": self.status,
            "note": self.note,
            "source": self.source,
            "meeting_item_id": self.meeting_item_id,
        }


@dataclass(frozen=True)
class MilestoneState:
    """A milestone with its deadline and whether it is overdue on the given day."""

    title: str
    deadline: date | None
    overdue: bool


@dataclass(frozen=True)
class RecommendationStatus:
    """A recommendation with its current status on a given day (`status` includes the
    `forsinket` flag; `recorded_status` is the latest update's own status)."""

    id: int
    set_id: str
    number: str
    title: str
    purpose: str | None
    effects: tuple[str, ...]
    owner: str | None
    keywords: tuple[str, ...]
    indicators: tuple[dict[str, str], ...]
    status: str
    recorded_status: str
    status_date: date | None
    note: str | None
    source: str | None
    milestones: tuple[MilestoneState, ...]
    updates: int

    @property
    def overdue(self) -> tuple[MilestoneState, ...]:
        """The milestones that are overdue."""
        return tuple(m for m in self.milestones if m.overdue)

    def to_json(self) -> dict[str, Any]:
        """The status as `afdaek recommendations list --format json` prints it."""
        return {
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "recorded_status": self.recorded_status,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "note": self.note,
            "overdue": [m.title for m in self.overdue],
        }


@dataclass(frozen=True)
class Link:
    """A link between an agenda item and a recommendation: proposed, accepted or rejected."""

    id: int
    number: str
    recommendation_id: int
    meeting_item_id: int
    committee: str | None
    meeting_date: str | None
    item_number: int
    item_title: str
    score: float
    reason: str | None
    status: str
    decided_at: str | None
    decided_by: str | None

    def to_json(self) -> dict[str, Any]:
        """The link as `afdaek recommendations link --format json` prints it."""
        return {
            "id": self.id,
            "number": self.number,
            "meeting_item_id": self.meeting_item_id,
            "committee": self.committee,
            "meeting_date": self.meeting_date,
            "item_number": self.item_number,
            "item_title": self.item_title,
            "score": self.score,
            "reason": self.reason,
            "status": self.status,
        }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _date(value: Any, what: str = "datoen") -> date:
    day = iso_date(value)
    if day is None:
        raise StoreError(f"{what} '{value}' skal skrives ÅÅÅÅ-MM-DD")
    return day


def _status(text: str) -> str:
    key = " ".join(str(text or "").lower().split()).replace("gennemfoert", "gennemført")
    key = key.replace("_", " ")
    if key not in STATUSES:
        allowed = ", ".join(f"'{s}'" for s in STATUSES)
        raise StoreError(f"ukendt status '{text}'; brug en af {allowed}")
    return key


# --------------------------------------------------------------------------------------------
# Sets


def load_set(store: Store, data: Mapping[str, Any]) -> dict[str, int]:
    """Store a recommendation set (RecommendationSet.as_dict()) idempotently.

    Recommendations are matched by number and updated in place; milestones by title (those no
    longer in the set are removed); the status history and links are kept. Returns counts:
    recommendations added/updated, milestones.
    """
    set_id = str(data["id"])
    counts = {"tilfoejet": 0, "opdateret": 0, "milepaele": 0}
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO recommendation_sets (id, title, source, loaded_at) VALUES (?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET title = excluded.title, source = excluded.source, "
            "loaded_at = excluded.loaded_at",
            [set_id, data["title"], data.get("source"), _now()],
        )
        for rec in data["recommendations"]:
            values = [
                rec["title"],
                rec.get("purpose") or None,
                json.dumps(list(rec.get("effects") or []), ensure_ascii=False),
                rec.get("owner"),
                json.dumps(list(rec.get("keywords") or []), ensure_ascii=False),
                json.dumps(
                    [
                        {"measure": i["measure"], "group": i["group"], "direction": i.get("direction") or ""}
                        for i in rec.get("indicators") or []
                    ],
                    ensure_ascii=False,
                ),
            ]
            row = conn.execute(
                "SELECT id FROM recommendations WHERE set_id = ? AND number = ?", [set_id, str(rec["number"])]
            ).fetchone()
            if row:
                rec_id = row[0]
                conn.execute(
                    "UPDATE recommendations SET title=?, purpose=?, effects=?, owner=?, "
                    "keywords=?, indicators=? WHERE id = ?",
                    [*values, rec_id],
                )
                counts["opdateret"] += 1
            else:
                rec_id = inserted_id(
                    conn.execute(
                        "INSERT INTO recommendations (set_id, number, title, purpose, effects, owner, "
                        "keywords, indicators) VALUES (?,?,?,?,?,?,?,?)",
                        [set_id, str(rec["number"]), *values],
                    )
                )
                counts["tilfoejet"] += 1
            titles = []
            for m in rec.get("milestones") or []:
                deadline = m.get("deadline")
                deadline = deadline.isoformat() if isinstance(deadline, date) else deadline
                titles.append(m["title"])
                conn.execute(
                    "INSERT INTO milestones (recommendation_id, title, deadline) VALUES (?,?,?) "
                    "ON CONFLICT(recommendation_id, title) DO UPDATE SET deadline = "
                    "excluded.deadline",
                    [rec_id, m["title"], deadline],
                )
                counts["milepaele"] += 1
            conn.execute(
                f"DELETE FROM milestones WHERE recommendation_id = ? AND title NOT IN "
                f"({', '.join('?' * len(titles)) or 'NULL'})",
                [rec_id, *titles],
            )
        if data.get("periods"):
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [f"anbefalinger_perioder:{set_id}", ",".join(data["periods"])],
            )
    return counts


def list_sets(store: Store) -> list[dict[str, Any]]:
    """The stored sets: id, title, source, loaded_at, number of recommendations."""
    return [
        dict(r)
        for r in store.db.query(
            "SELECT s.id, s.title, s.source, s.loaded_at, COUNT(r.id) AS anbefalinger "
            "FROM recommendation_sets s LEFT JOIN recommendations r ON r.set_id = s.id "
            "GROUP BY s.id ORDER BY s.loaded_at, s.id"
        )
    ]


def resolve_set(store: Store, set_id: str | None = None) -> str | None:
    """The set to use: set_id when stored, the only (or most recently loaded) set when None;
    None when no set is stored. StoreError for an unknown set_id."""
    sets = list_sets(store)
    if set_id is not None:
        if not any(s["id"] == set_id for s in sets):
            known = ", ".join(s["id"] for s in sets) or "ingen"
            raise StoreError(f"anbefalingssættet '{set_id}' findes ikke (kendte: {known})")
        return set_id
    return sets[-1]["id"] if sets else None


def comparison_periods(store: Store, set_id: str) -> tuple[str, str] | None:
    """The two periods the set's indicator tables compare, when the set names them."""
    value = store.meta(f"anbefalinger_perioder:{set_id}")
    if not value or "," not in value:
        return None
    a, b = value.split(",", 1)
    return a, b


def _rec_id(store: Store, number: str | int, set_id: str | None) -> tuple[int, str]:
    sid = resolve_set(store, set_id)
    if sid is None:
        raise StoreError("der er ingen anbefalinger i databasen; indlæs et sæt først")
    row = next(
        iter(
            store.db.query(
                "SELECT id FROM recommendations WHERE set_id = ? AND number = ?", [sid, str(number)]
            )
        ),
        None,
    )
    if row is None:
        raise StoreError(f"anbefaling {number} findes ikke i sættet '{sid}'")
    return row["id"], sid


# --------------------------------------------------------------------------------------------
# Status history


def item_for_source(store: Store, source: str | None) -> int | None:
    """The agenda item a source like 'UFB 2021-08-09 pkt. 77' names (the first item with a
    meeting date, read by textmining's parse_item_refs), when it is stored."""
    ref = next((r for r in parse_item_refs(source or "") if r.meeting_date is not None), None)
    if ref is None or ref.meeting_date is None:
        return None
    row = next(
        iter(
            store.db.query(
                "SELECT id FROM meeting_items WHERE meeting_date = ? AND number = ? ORDER BY id LIMIT 1",
                [ref.meeting_date.isoformat(), ref.number],
            )
        ),
        None,
    )
    return row["id"] if row else None


def add_update(
    store: Store,
    number: str | int,
    *,
    status: str,
    on: date | str,
    note: str | None = None,
    source: str | None = None,
    meeting_item_id: int | None = None,
    set_id: str | None = None,
    created_by: str | None = None,
) -> StatusUpdate:
    """Record a dated status change (a new row; earlier updates are kept as history).

    The agenda item is found from the source ('UFB 2021-08-09 pkt. 77') when not given;
    created_by is the login name when not given.
    """
    rec_id, _ = _rec_id(store, number, set_id)
    when = _date(on)
    st = _status(status)
    if meeting_item_id is None:
        meeting_item_id = item_for_source(store, source)
    elif not next(
        iter(store.db.query("SELECT 1 AS x FROM meeting_items WHERE id = ?", [meeting_item_id])), None
    ):
        raise StoreError(f"der er intet dagsordenspunkt med id {meeting_item_id}")
    with store.transaction() as conn:
        new_id = inserted_id(
            conn.execute(
                "INSERT INTO recommendation_updates (recommendation_id, date, status, note, source, "
                "meeting_item_id, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)",
                [
                    rec_id,
                    when.isoformat(),
                    st,
                    note or None,
                    source or None,
                    meeting_item_id,
                    _now(),
                    user_name(created_by),
                ],
            )
        )
    return history(store, number, set_id=set_id, _only=new_id)[0]


def history(
    store: Store, number: str | int, *, set_id: str | None = None, _only: int | None = None
) -> list[StatusUpdate]:
    """A recommendation's status updates, oldest first (by date, then id)."""
    rec_id, _ = _rec_id(store, number, set_id)
    sql = (
        "SELECT u.*, r.number FROM recommendation_updates u JOIN recommendations r "
        "ON r.id = u.recommendation_id WHERE u.recommendation_id = ?"
    )
    params: list[Any] = [rec_id]
    if _only is not None:
        sql += " AND u.id = ?"
        params.append(_only)
    return [_update(r) for r in store.db.query(sql + " ORDER BY u.date, u.id", params)]


def _update(r: Mapping[str, Any]) -> StatusUpdate:
    return StatusUpdate(
        r["id"],
        str(r["number"]),
        _date(r["date"]),
        r["status"],
        r["note"],
        r["source"],
        r["meeting_item_id"],
        r["created_at"],
        r["created_by"],
    )


def all_updates(store: Store, set_id: str | None = None) -> dict[str, list[StatusUpdate]]:
    """Every recommendation's updates, oldest first, by recommendation number."""
    sid = resolve_set(store, set_id)
    out: dict[str, list[StatusUpdate]] = {}
    for r in store.db.query(
        "SELECT u.*, r.number FROM recommendation_updates u JOIN recommendations r "
        "ON r.id = u.recommendation_id WHERE r.set_id = ? ORDER BY u.date, u.id",
        [sid],
    ):
        out.setdefault(str(r["number"]), []).append(_update(r))
    return out


def update_dates(store: Store, until: date) -> list[str]:
    """The dates (ISO) of every stored status update up to and including `until`, of every
    set."""
    return [
        r[0]
        for r in store.db.execute(
            "SELECT date FROM recommendation_updates WHERE date <= ?", [until.isoformat()]
        )
    ]


def import_history(
    store: Store,
    rows: Iterable[Mapping[str, Any] | Any],
    *,
    set_id: str | None = None,
    created_by: str | None = None,
) -> dict[str, int]:
    """Import status history rows (number, date, status, note, source; dicts or HistoryRow).

    Idempotent: a row identical to a stored update (same recommendation, date, status, note
    and source) is skipped. All or nothing: a bad row stores none of the rows before it.
    Returns counts: imported, skipped.
    """
    with store.transaction():
        return _import_history(store, rows, set_id, created_by)


def _import_history(
    store: Store, rows: Iterable[Mapping[str, Any] | Any], set_id: str | None, created_by: str | None
) -> dict[str, int]:
    counts = {"importeret": 0, "sprunget_over": 0}
    for raw in rows:
        row = raw if isinstance(raw, Mapping) else raw.__dict__
        rec_id, _ = _rec_id(store, row["number"], set_id)
        when = _date(row["date"]).isoformat()
        note, source = row.get("note") or None, row.get("source") or None
        st = _status(row["status"])
        exists = next(
            iter(
                store.db.query(
                    "SELECT 1 AS x FROM recommendation_updates WHERE recommendation_id = ? AND date = ? "
                    "AND status = ? AND note IS ? AND source IS ?",
                    [rec_id, when, st, note, source],
                )
            ),
            None,
        )
        if exists:
            counts["sprunget_over"] += 1
            continue
        add_update(
            store,
            row["number"],
            status=st,
            on=when,
            note=note,
            source=source,
            set_id=set_id,
            created_by=created_by,
        )
        counts["importeret"] += 1
    return counts


# --------------------------------------------------------------------------------------------
# Current status and deadlines


def milestone_states(
    milestones: Sequence[tuple[str, date | None]], updates: Sequence[StatusUpdate], today: date
) -> list[MilestoneState]:
    """Which milestones are overdue on today (see the module docstring for the rule)."""
    current = updates[-1].status if updates else "ikke startet"
    dated = [d for _, d in milestones if d is not None]
    last = max(dated) if dated else None
    out = []
    for title, deadline in milestones:
        overdue = False
        if deadline is not None and deadline < today and current not in ("gennemført", "opgivet"):
            if deadline == last:
                overdue = True
            else:
                overdue = not any(u.date >= deadline for u in updates)
        out.append(MilestoneState(title, deadline, overdue))
    return out


def effective_status(recorded: str, milestones: Sequence[MilestoneState]) -> str:
    """The status to show: `forsinket` when an open recommendation has an overdue milestone."""
    if recorded in OPEN_STATUSES and any(m.overdue for m in milestones):
        return "forsinket"
    return recorded


def list_status(store: Store, *, today: date, set_id: str | None = None) -> list[RecommendationStatus]:
    """Every recommendation of the set with its current status on today, in number order."""
    sid = resolve_set(store, set_id)
    if sid is None:
        return []
    updates = all_updates(store, sid)
    miles: dict[int, list[tuple[str, date | None]]] = {}
    for m in store.db.query(
        "SELECT m.recommendation_id, m.title, m.deadline FROM milestones m JOIN recommendations "
        "r ON r.id = m.recommendation_id WHERE r.set_id = ? ORDER BY m.deadline, m.id",
        [sid],
    ):
        miles.setdefault(m["recommendation_id"], []).append((m["title"], iso_date(m["deadline"])))
    out = []
    for r in store.db.query("SELECT * FROM recommendations WHERE set_id = ?", [sid]):
        ups = [u for u in updates.get(str(r["number"]), []) if u.date <= today]
        states = milestone_states(miles.get(r["id"], []), ups, today)
        last = ups[-1] if ups else None
        recorded = last.status if last else "ikke startet"
        out.append(
            RecommendationStatus(
                id=r["id"],
                set_id=sid,
                number=str(r["number"]),
                title=r["title"],
                purpose=r["purpose"],
                effects=tuple(json.loads(r["effects"] or "[]")),
                owner=r["owner"],
                keywords=tuple(json.loads(r["keywords"] or "[]")),
                indicators=tuple(json.loads(r["indicators"] or "[]")),
                status=effective_status(recorded, states),
                recorded_status=recorded,
                status_date=last.date if last else None,
                note=last.note if last else None,
                source=last.source if last else None,
                milestones=tuple(states),
                updates=len(ups),
            )
        )
    out.sort(key=lambda s: _number_key(s.number))
    return out


def _number_key(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**6, number)


# --------------------------------------------------------------------------------------------
# Links to agenda items

Proposer = Callable[[Mapping[str, Any], Sequence[Mapping[str, Any]]], Sequence[Any]]


def recommendations_for_linking(store: Store, set_id: str | None = None) -> list[dict[str, Any]]:
    """The set's recommendations as the proposer reads them: number, title, keywords and
    references (the sources of their recorded updates and accepted links)."""
    sid = resolve_set(store, set_id)
    if sid is None:
        return []
    recs = []
    for r in store.db.query("SELECT * FROM recommendations WHERE set_id = ?", [sid]):
        refs = [
            u["source"]
            for u in store.db.query(
                "SELECT DISTINCT source FROM recommendation_updates WHERE recommendation_id = ? "
                "AND source IS NOT NULL",
                [r["id"]],
            )
        ]
        refs += [
            f"{u['meeting_date']} pkt. {u['number']}"
            for u in store.db.query(
                "SELECT m.meeting_date, m.number FROM recommendation_links l JOIN meeting_items m "
                "ON m.id = l.meeting_item_id WHERE l.recommendation_id = ? AND l.status = "
                "'accepteret' AND m.meeting_date IS NOT NULL",
                [r["id"]],
            )
        ]
        recs.append(
            {
                "id": r["id"],
                "number": str(r["number"]),
                "title": r["title"],
                "keywords": json.loads(r["keywords"] or "[]"),
                "references": refs,
            }
        )
    return recs


def propose_links(
    store: Store, proposer: Proposer, *, set_id: str | None = None, item_ids: Iterable[int] | None = None
) -> int:
    """Run proposer over agenda items (all, or item_ids) and store its proposals.

    proposer(item, recommendations) returns objects with number, score and reason. A link
    already accepted or rejected keeps its decision; a pending proposal gets the new score.
    Returns the number of new proposals.
    """
    recs = recommendations_for_linking(store, set_id)
    if not recs:
        return 0
    by_number = {r["number"]: r["id"] for r in recs}
    sql = "SELECT id, meeting_date, number, title, text, lemmas FROM meeting_items"
    params: list[Any] = []
    if item_ids is not None:
        ids = list(item_ids)
        if not ids:
            return 0
        sql += f" WHERE id IN ({', '.join('?' * len(ids))})"
        params = ids
    new = 0
    for item in list(store.db.query(sql + " ORDER BY meeting_date, number, id", params)):
        proposals = proposer(item, recs)
        with store.transaction() as conn:
            for p in proposals:
                rec_id = by_number.get(str(p.number))
                if rec_id is None:
                    continue
                old = conn.execute(
                    "SELECT id, status FROM recommendation_links WHERE recommendation_id = ? AND "
                    "meeting_item_id = ?",
                    [rec_id, item["id"]],
                ).fetchone()
                if old is None:
                    conn.execute(
                        "INSERT INTO recommendation_links (recommendation_id, meeting_item_id, "
                        "score, reason, status) VALUES (?,?,?,?, 'foreslaaet')",
                        [rec_id, item["id"], float(p.score), p.reason],
                    )
                    new += 1
                elif old[1] == "foreslaaet":
                    conn.execute(
                        "UPDATE recommendation_links SET score = ?, reason = ? WHERE id = ?",
                        [float(p.score), p.reason, old[0]],
                    )
    return new


_LINK_SQL = """
SELECT l.id, r.number, l.recommendation_id, l.meeting_item_id, m.committee, m.meeting_date,
       m.number AS item_number, m.title AS item_title, l.score, l.reason, l.status,
       l.decided_at, l.decided_by
FROM recommendation_links l
JOIN recommendations r ON r.id = l.recommendation_id
JOIN meeting_items m ON m.id = l.meeting_item_id
"""


def list_links(
    store: Store, *, status: str | None = None, number: str | int | None = None, set_id: str | None = None
) -> list[Link]:
    """Links, by meeting date and item, filtered by status and recommendation number."""
    sid = resolve_set(store, set_id)
    if sid is None:
        return []
    sql = _LINK_SQL + " WHERE r.set_id = ?"
    params: list[Any] = [sid]
    if status is not None:
        if status not in LINK_STATUSES:
            raise StoreError(f"ukendt linkstatus '{status}'; brug en af {', '.join(LINK_STATUSES)}")
        sql += " AND l.status = ?"
        params.append(status)
    if number is not None:
        sql += " AND r.number = ?"
        params.append(str(number))
    sql += " ORDER BY m.meeting_date, m.number, l.score DESC, l.id"
    return [Link(**dict(r)) for r in store.db.query(sql, params)]


def decide_link(store: Store, link_id: int, *, accept: bool, by: str | None = None) -> Link:
    """Accept or reject a proposed link (a decision can be changed later); by is the login
    name when not given."""
    row = next(iter(store.db.query(_LINK_SQL + " WHERE l.id = ?", [link_id])), None)
    if row is None:
        raise StoreError(f"der er intet link med id {link_id}; se 'afdaek recommendations link'")
    with store.transaction() as conn:
        conn.execute(
            "UPDATE recommendation_links SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?",
            ["accepteret" if accept else "afvist", _now(), user_name(by), link_id],
        )
    return Link(**dict(next(iter(store.db.query(_LINK_SQL + " WHERE l.id = ?", [link_id])))))


def add_link(
    store: Store, number: str | int, meeting_item_id: int, *, set_id: str | None = None, by: str | None = None
) -> Link:
    """Link an agenda item to a recommendation by hand (accepted at once)."""
    rec_id, _ = _rec_id(store, number, set_id)
    if not next(
        iter(store.db.query("SELECT 1 AS x FROM meeting_items WHERE id = ?", [meeting_item_id])), None
    ):
        raise StoreError(f"der er intet dagsordenspunkt med id {meeting_item_id}")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO recommendation_links (recommendation_id, meeting_item_id, score, reason, "
            "status, decided_at, decided_by) VALUES (?,?,1.0,'tilføjet manuelt','accepteret',?,?) "
            "ON CONFLICT(recommendation_id, meeting_item_id) DO UPDATE SET status='accepteret', "
            "decided_at=excluded.decided_at, decided_by=excluded.decided_by",
            [rec_id, meeting_item_id, _now(), user_name(by)],
        )
        link_id = conn.execute(
            "SELECT id FROM recommendation_links WHERE recommendation_id = ? AND meeting_item_id = ?",
            [rec_id, meeting_item_id],
        ).fetchone()[0]
    return Link(**dict(next(iter(store.db.query(_LINK_SQL + " WHERE l.id = ?", [link_id])))))


def decide_links(
    store: Store,
    *,
    accept: Iterable[int] = (),
    reject: Iterable[int] = (),
    add: tuple[str, int] | None = None,
    by: str | None = None,
) -> None:
    """The decisions of one `afdaek recommendations link` call, in that order: accept and
    reject proposals by id, and link recommendation `add[0]` to agenda item `add[1]` by hand."""
    for link_id in accept:
        decide_link(store, link_id, accept=True, by=by)
    for link_id in reject:
        decide_link(store, link_id, accept=False, by=by)
    if add is not None:
        add_link(store, add[0], add[1], by=by)
