"""The survey in the store, summed up the way `afdaek survey summary` and the borgermøde report
show it: respondents, answers per group and per satisfaction level, comments, questions."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from store import Store

OLD_STYLE_COMMENTS = ("before", "during", "after")


def _labels(store: Store, role: str) -> list[str]:
    """The labels of the question with role ('gruppe', 'tilfredshed') in SurveyXact's order."""
    order: list[str] = []
    for row in store.db.execute(
            "SELECT labels FROM survey_questions WHERE role = ? ORDER BY document_id, position",
            [role]).fetchall():
        for label in json.loads(row[0] or "[]"):
            if label not in order:
                order.append(label)
    return order


def satisfaction_scale(store: Store) -> list[str]:
    """The satisfaction labels, best first as the survey lists them; the bundled scale
    (textmining.tables.SATISFACTION_SCALE) for a survey in afdaek's own layout."""
    from textmining.tables import SATISFACTION_SCALE

    return _labels(store, "tilfredshed") or list(SATISFACTION_SCALE)


def _ordered(counts: Counter, order: list[str]) -> dict[str, int]:
    keys = [k for k in order if counts.get(k)] + sorted(k for k in counts if k not in order)
    return {k: counts[k] for k in keys}


def comment_rows(store: Store) -> list[dict[str, Any]]:
    """Every comment: respondent (one key per survey file and respondent), question, text;
    SurveyXact's open answers and the three comment columns of afdaek's own layout."""
    rows = [{"respondent": f"{r['document_id'][:12]}:{r['respondent']}",
             "question": r["variable"], "text": r["text"], "label": r["question"]}
            for r in store.db.query("SELECT document_id, respondent, variable, question, text "
                                    "FROM survey_comments ORDER BY id")]
    for r in store.db.query("SELECT id, respondent, before, during, after FROM survey_responses "
                            "ORDER BY id"):
        for q in OLD_STYLE_COMMENTS:
            if r[q] and r[q].strip():
                rows.append({"respondent": str(r["respondent"] or r["id"]), "question": q,
                             "text": r[q], "label": None})
    return rows


def survey_summary(store: Store) -> dict[str, Any]:
    """{"respondents", "groups", "satisfaction", "comments", "questions"} of the store."""
    responses = list(store.db.query("SELECT group_name, satisfaction FROM survey_responses"))
    groups = Counter(r["group_name"] for r in responses if r["group_name"])
    satisfied = Counter(r["satisfaction"] for r in responses if r["satisfaction"])
    questions = [{"variable": r["variable"], "text": r["text"], "type": r["type"]}
                 for r in store.db.query("SELECT variable, text, type FROM survey_questions "
                                         "ORDER BY document_id, position")]
    return {
        "respondents": len(responses),
        "groups": _ordered(groups, _labels(store, "gruppe")),
        "satisfaction": _ordered(satisfied, satisfaction_scale(store)),
        "comments": len(comment_rows(store)),
        "questions": questions,
    }
