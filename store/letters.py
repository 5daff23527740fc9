"""The letter checks in the store (LIX, the checklist of a summons, klarsprog issues), as the
letter tables of the reports read them. They are written with their letter at ingest
(screening.ingest; `store.documents.store_document`'s extra rows)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypedDict

from store.db import Store
from store.records import DateSpan


@dataclass(frozen=True)
class LetterCheck:
    """One checked letter: its profile ('indkaldelse', 'partshoering', ...), date, LIX (None for
    too little text), the checklist (item → found) and the items the checker found missing
    (None when the stored list cannot be read)."""

    document_id: str
    profile: str
    letter_date: str | None
    lix: float | None
    checklist: dict[str, Any]
    missing: list[str] | None


def _checklist(value: str | None) -> dict[str, Any]:
    try:
        found = json.loads(value) if value else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _missing(value: str | None) -> list[str] | None:
    try:
        found = json.loads(value) if value else []
    except ValueError:
        return None
    return list(found) if isinstance(found, list) else None


def letter_checks(store: Store) -> list[LetterCheck]:
    """Every checked letter, by document id."""
    return [
        LetterCheck(
            r["document_id"],
            r["profile"],
            r["letter_date"],
            r["lix"],
            _checklist(r["checklist"]),
            _missing(r["missing"]),
        )
        for r in store.db.query(
            "SELECT document_id, profile, letter_date, lix, checklist, "
            "missing FROM letter_checks ORDER BY document_id"
        )
    ]


def letter_dates(store: Store) -> DateSpan:
    """The checked letters: how many, the first and the last letter date."""
    n, first, last = store.db.execute(
        "SELECT COUNT(*), MIN(letter_date), MAX(letter_date) FROM letter_checks"
    ).fetchone()
    return DateSpan(n, first, last)


def letter_document_paths(store: Store) -> list[str]:
    """The paths of the checked letters' documents."""
    return [
        r[0]
        for r in store.db.execute(
            "SELECT DISTINCT path FROM documents WHERE id IN (SELECT document_id FROM letter_checks)"
        )
    ]


class RuleIssues(TypedDict):
    """A klarsprog rule's issues in the checked letters: issues found, letters with one, and
    the most frequent text (lower case) with its suggestion."""

    rule: str
    fund: int
    breve: int
    text: str
    suggestion: str | None


def klarsprog_issues(store: Store) -> list[RuleIssues]:
    """Per klarsprog rule, the issues in the checked letters (`RuleIssues`)."""
    out: list[RuleIssues] = []
    checked = "document_id IN (SELECT document_id FROM letter_checks)"
    for r in store.db.query(
        "SELECT rule, COUNT(*) AS fund, COUNT(DISTINCT document_id) AS breve "
        f"FROM language_issues WHERE {checked} GROUP BY rule"
    ):
        ex: dict[str, Any] = next(
            iter(
                store.db.query(
                    "SELECT lower(text) AS text, suggestion, COUNT(*) AS n FROM language_issues "
                    f"WHERE rule = ? AND {checked} "
                    "GROUP BY lower(text), suggestion ORDER BY n DESC, text LIMIT 1",
                    [r["rule"]],
                )
            ),
            {"text": "", "suggestion": None},
        )
        out.append(
            {
                "rule": r["rule"],
                "fund": r["fund"],
                "breve": r["breve"],
                "text": ex["text"],
                "suggestion": ex["suggestion"],
            }
        )
    return out
