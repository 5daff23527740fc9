"""The survey in the store, summed up the way `afdaek survey summary` and the borgermøde report
show it: respondents, answers per group and per satisfaction level, comments, questions; and
the codes a person gave comments (`afdaek survey recode`)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any, TypedDict

from store import Store
from store.db import query_as

OLD_STYLE_COMMENTS = ("before", "during", "after")


def _labels(store: Store, role: str) -> list[str]:
    """The labels of the question with role ('gruppe', 'tilfredshed') in SurveyXact's order."""
    order: list[str] = []
    for row in store.db.execute(
        "SELECT labels FROM survey_questions WHERE role = ? ORDER BY document_id, position", [role]
    ).fetchall():
        for label in json.loads(row[0] or "[]"):
            if label not in order:
                order.append(label)
    return order


def satisfaction_scale(store: Store) -> list[str]:
    """The satisfaction labels, best first as the survey lists them; the bundled scale
    (textmining.readers.tables.SATISFACTION_SCALE) for a survey in afdaek's own layout."""
    from textmining.readers.tables import SATISFACTION_SCALE

    return _labels(store, "tilfredshed") or list(SATISFACTION_SCALE)


def _ordered(counts: Counter, order: list[str]) -> dict[str, int]:
    keys = [k for k in order if counts.get(k)] + sorted(k for k in counts if k not in order)
    return {k: counts[k] for k in keys}


def comment_id(respondent: str, question: str, text: str) -> str:
    """A comment's id in a re-coding sheet: made of who answered, the question and the
    (pseudonymised) text, so it is the same after the survey file is ingested again or read
    from a new export of the same survey. 'k' and 12 hex digits: a spreadsheet keeps it as
    text."""
    key = "\x1f".join([respondent, question, " ".join(text.split())])
    return "k" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def comment_rows(store: Store) -> list[dict[str, Any]]:
    """Every comment: id (`comment_id`), respondent (one key per survey file and respondent),
    question, text; SurveyXact's open answers and the three comment columns of afdaek's own
    layout."""
    rows = [
        {
            "id": comment_id(str(r["respondent"]), r["variable"], r["text"]),
            "respondent": f"{r['document_id'][:12]}:{r['respondent']}",
            "question": r["variable"],
            "text": r["text"],
            "label": r["question"],
        }
        for r in store.db.query(
            "SELECT document_id, respondent, variable, question, text FROM survey_comments ORDER BY id"
        )
    ]
    for r in store.db.query("SELECT id, respondent, before, during, after FROM survey_responses ORDER BY id"):
        for q in OLD_STYLE_COMMENTS:
            if r[q] and r[q].strip():
                who = str(r["respondent"] or r["id"])
                rows.append(
                    {
                        "id": comment_id(who, q, r[q]),
                        "respondent": who,
                        "question": q,
                        "text": r[q],
                        "label": None,
                    }
                )
    return rows


_CODE_FIELDS = ("themes", "negative", "complaints", "note", "coded_by")


def _code_row(r: Any) -> dict[str, Any]:
    return {
        "comment_id": r["comment_id"],
        "themes": None if r["themes"] is None else tuple(json.loads(r["themes"])),
        "negative": None if r["negative"] is None else bool(r["negative"]),
        "complaints": None if r["complaints"] is None else tuple(json.loads(r["complaints"])),
        "note": r["note"],
        "coded_by": r["coded_by"],
        "coded_at": r["coded_at"],
        "source": r["source"],
    }


def latest_codes(store: Store) -> dict[str, dict[str, Any]]:
    """comment id → the newest code a person gave it: {"comment_id", "themes" (tuple or None),
    "negative" (bool or None), "complaints" (tuple or None), "note", "coded_by", "coded_at",
    "source"}; None is "not coded, the automatic value stands"."""
    return {
        r["comment_id"]: _code_row(r)
        for r in store.db.query(
            "SELECT c.* FROM survey_codes c JOIN (SELECT comment_id, MAX(id) AS id FROM survey_codes "
            "GROUP BY comment_id) m ON m.id = c.id ORDER BY c.id"
        )
    }


def add_codes(
    store: Store, codes: Iterable[dict[str, Any]], *, source: str | None = None, coded_at: str | None = None
) -> dict[str, int]:
    """Store codes ({"comment_id", "themes", "negative", "complaints", "note", "coded_by"}) in
    one transaction; a code equal to the comment's newest one is not stored again, so
    importing the same sheet twice changes nothing. Returns {"gemt", "uaendret"}."""
    when = coded_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    counts = {"gemt": 0, "uaendret": 0}
    with store.transaction() as conn:
        for code in codes:
            newest = list(
                store.db.query(
                    "SELECT * FROM survey_codes WHERE comment_id = ? ORDER BY id DESC LIMIT 1",
                    [code["comment_id"]],
                )
            )
            if newest and all(_code_row(newest[0])[f] == _normal(code.get(f)) for f in _CODE_FIELDS):
                counts["uaendret"] += 1
                continue
            conn.execute(
                "INSERT INTO survey_codes (comment_id, themes, negative, complaints, note, "
                "coded_by, coded_at, source) VALUES (?,?,?,?,?,?,?,?)",
                [
                    code["comment_id"],
                    _json(code.get("themes")),
                    None if code.get("negative") is None else int(bool(code["negative"])),
                    _json(code.get("complaints")),
                    code.get("note"),
                    code["coded_by"],
                    when,
                    source,
                ],
            )
            counts["gemt"] += 1
    return counts


def _normal(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _json(values: Iterable[str] | None) -> str | None:
    return None if values is None else json.dumps(list(values), ensure_ascii=False)


class SurveyResponse(TypedDict):
    """One respondent's answers in afdaek's own survey layout or a SurveyXact export: group,
    the three comment columns (before, during, after the meeting) and the satisfaction."""

    id: int
    respondent: str | None
    group_name: str | None
    before: str | None
    during: str | None
    after: str | None
    satisfaction: str | None


def survey_responses(store: Store) -> list[SurveyResponse]:
    """Every stored survey response, in the order they were read."""
    return query_as(
        store,
        SurveyResponse,
        "SELECT id, respondent, group_name, before, during, after, satisfaction "
        "FROM survey_responses ORDER BY id",
    )


def survey_summary(store: Store) -> dict[str, Any]:
    """{"respondents", "groups", "satisfaction", "comments", "questions"} of the store."""
    responses = list(store.db.query("SELECT group_name, satisfaction FROM survey_responses"))
    groups = Counter(r["group_name"] for r in responses if r["group_name"])
    satisfied = Counter(r["satisfaction"] for r in responses if r["satisfaction"])
    questions = [
        {"variable": r["variable"], "text": r["text"], "type": r["type"]}
        for r in store.db.query(
            "SELECT variable, text, type FROM survey_questions ORDER BY document_id, position"
        )
    ]
    return {
        "respondents": len(responses),
        "groups": _ordered(groups, _labels(store, "gruppe")),
        "satisfaction": _ordered(satisfied, satisfaction_scale(store)),
        "comments": len(comment_rows(store)),
        "questions": questions,
    }


def chosen_variables(store: Store) -> list[str]:
    """Which stored questions serve as group and satisfaction, as the Danish lines `survey
    summary` prints ('Gruppe: s_1 "Hvilken ydelse …"')."""
    names = {"gruppe": "Gruppe", "tilfredshed": "Tilfredshed"}
    return [
        f'{names[r["role"]]}: {r["variable"]} "{r["text"]}"'
        for r in store.db.query(
            "SELECT role, variable, text FROM survey_questions WHERE role IN "
            "('gruppe', 'tilfredshed') ORDER BY document_id, position"
        )
    ]
