"""Human review of findings: walk through them, or export to Excel and import the verdicts back.

A review never overwrites: each decision is a new row, and the newest one for a finding is the
one that counts. Importing the same sheet twice, or from two processes at once, stores each row
once (an import key made of the row's content).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError
from store import Store
from store import screening as sstore
from store.screening import VERDICTS

DECISION_WORDS = {
    "bekræft": "bekraeftet",
    "bekraeft": "bekraeftet",
    "bekræftet": "bekraeftet",
    "bekraeftet": "bekraeftet",
    "ok": "bekraeftet",
    "enig": "bekraeftet",
    "afvis": "afvist",
    "afvist": "afvist",
    "uenig": "afvist",
    "ændr": "aendret",
    "aendr": "aendret",
    "ændret": "aendret",
    "aendret": "aendret",
}
EXPORT_COLUMNS = (
    "fund_id",
    "sag",
    "regel",
    "vurdering",
    "forklaring",
    "evidens",
    "afgoerelse",
    "ny_vurdering",
    "kommentar",
    "reviewer",
)


@dataclass(frozen=True)
class ReviewItem:
    """A finding to review, with the evidence sentences and their context."""

    finding_id: int
    case_id: str
    rule: str
    verdict: str
    explanation: str
    evidence: tuple[dict[str, Any], ...]
    last_review: str | None


def review_items(
    store: Store, case_ids: list[str], *, only_open: bool = False, context: int = 160
) -> list[ReviewItem]:
    """The latest findings of these cases, each with its evidence in context."""
    items = []
    texts: dict[str, str] = {}
    for f in sstore.latest_findings(store, case_ids):
        if only_open and f["review_decision"]:
            continue
        evidence = []
        for ev_id in f["events"]:
            row = store.db.execute(
                "SELECT e.kind, e.date, e.negated, e.evidence, e.document, e.start, e.end, "
                "e.document_id FROM case_events e WHERE e.id = ?",
                [ev_id],
            ).fetchone()
            if row is None:
                continue
            kind, d, negated, sentence, document, start, end, doc_id = row
            before = after = ""
            if doc_id:
                if doc_id not in texts:
                    t = store.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
                    texts[doc_id] = t[0] if t else ""
                text = texts[doc_id]
                if start is not None and end is not None and text:
                    before = text[max(0, start - context) : start]
                    after = text[end : end + context]
            evidence.append(
                {
                    "kind": kind,
                    "date": d,
                    "negated": bool(negated),
                    "sentence": sentence,
                    "document": document,
                    "before": before,
                    "after": after,
                }
            )
        last = None
        if f["review_decision"]:
            last = f"{f['review_decision']} af {f['reviewer']} {f['reviewed_at']}"
        items.append(
            ReviewItem(
                f["id"], f["case_id"], f["rule"], f["verdict"], f["explanation"], tuple(evidence), last
            )
        )
    return items


def items_to_review(
    store: Store, sample_id: int | None = None, *, only_open: bool = False
) -> list[ReviewItem]:
    """The findings `afdaek screen review` goes through: those of the sample given, else of the
    newest sample, else of every case (store.screening.review_case_ids)."""
    return review_items(store, sstore.review_case_ids(store, sample_id), only_open=only_open)


def normalise_decision(word: str) -> str:
    key = word.strip().lower()
    if key not in DECISION_WORDS:
        raise ScreeningError(f"ukendt afgørelse '{word}'; skriv bekræft, afvis eller ændr")
    return DECISION_WORDS[key]


def export_reviews(items: list[ReviewItem], path: Path) -> Path:
    """Write the findings to an .xlsx (or .csv) sheet a team can fill in (store.sheets: cells
    that start like a formula neutralised, created 0600, never over a file afdaek did not
    write)."""
    from store.sheets import write_sheet

    rows = []
    for it in items:
        ev = " | ".join(f"{e['date'] or 'udateret'} {e['document']}: {e['sentence']}" for e in it.evidence)
        rows.append([it.finding_id, it.case_id, it.rule, it.verdict, it.explanation, ev, "", "", "", ""])
    return write_sheet(
        path,
        EXPORT_COLUMNS,
        rows,
        title="Gennemgang",
        choices={"afgoerelse": ("bekræft", "afvis", "ændr"), "ny_vurdering": VERDICTS},
        widths=(8, 12, 7, 18, 60, 80, 12, 18, 40, 14),
    )


def import_reviews(store: Store, path: Path, *, reviewer: str | None = None) -> dict[str, int]:
    """Store the filled-in decisions of a sheet; returns counts (stored, already, blank).
    All or nothing: one transaction, so a bad row halfway stores none of the sheet."""
    from store.sheets import read_sheet

    rows = read_sheet(path, ("fund_id", "afgoerelse"))
    with store.transaction():
        return _import_rows(store, path, rows, reviewer)


def _import_rows(store: Store, path: Path, rows: list[dict], reviewer: str | None) -> dict[str, int]:
    counts = {"gemt": 0, "allerede_gemt": 0, "tomme": 0}
    for row in rows:
        decision_word = str(row.get("afgoerelse") or "").strip()
        if not decision_word:
            counts["tomme"] += 1
            continue
        where = f"{path.name}, række {row['_row']}"
        try:
            finding_id = int(str(row["fund_id"]).strip())
        except ValueError:
            raise ScreeningError(f"{where}: fund_id '{row['fund_id']}' er ikke et tal") from None
        try:
            decision = normalise_decision(decision_word)
        except ScreeningError as exc:
            raise ScreeningError(f"{where}: {exc}") from None
        verdict = str(row.get("ny_vurdering") or "").strip() or None
        if verdict and verdict not in VERDICTS:
            raise ScreeningError(f"{where}: ukendt vurdering '{verdict}'; brug {', '.join(VERDICTS)}")
        who = str(row.get("reviewer") or "").strip() or reviewer or "ukendt"
        comment = str(row.get("kommentar") or "").strip() or None
        key = hashlib.sha256(
            "\x1f".join([str(finding_id), who, decision, verdict or "", comment or ""]).encode()
        ).hexdigest()
        try:
            added = sstore.add_review(
                store,
                finding_id,
                reviewer=who,
                decision=decision,
                verdict=verdict,
                comment=comment,
                import_key=key,
            )
        except Exception as exc:
            from store import StoreError

            if isinstance(exc, StoreError):
                raise ScreeningError(f"{where}: {exc}") from None
            raise
        counts["gemt" if added else "allerede_gemt"] += 1
    return counts
