"""Every event the sanction finder gives, dumped to JSON, so a change meant only for speed can be
checked to change no result: run it before and after and compare the files (`cmp`).

Usage (from the repository root): python bench/dump_events.py OUT.json

Covers the hand-checked cases (tests/data/cases), the blind corpora (screening_blind, _dates,
_systems, _mail; dev and test), the examples screened end to end (stored event rows and each
case's JSON) and the first 2.000 generated notes of the speed benchmark. Pseudonyms
([PERSON-1A2B3C]) are drawn anew for each store and are written as [PERSON-X].
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path.cwd()  # the checkout to check: run from its root
CORPORA = ("screening_blind", "screening_dates", "screening_systems", "screening_mail")
ROW_KEYS = ("kind", "date", "negated", "evidence", "document", "start", "end", "matched", "details")


def _event(e: Any) -> dict[str, Any]:
    return {k: getattr(e, k) for k in ROW_KEYS} | {"date": str(e.date) if e.date else None}


def dump() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from bench.screening_worker import notes
    from screening.accuracy import gold_cases
    from screening.ingest import ingest_paths
    from screening.run import screen
    from store import open_store
    from store import screening as sstore
    from textmining.domain.sanctions import find_events_many
    from textmining.language.nlp import load_pipeline

    nlp = load_pipeline()
    out: dict[str, Any] = {}
    splits = [ROOT / "tests/data" / c / s for c in CORPORA for s in ("dev", "test")]
    corpora = [ROOT / "tests/data/cases", *splits]
    for corpus in corpora:
        for case_id, _style, timeline, _events, _verdicts in gold_cases(corpus, nlp):
            out[f"{corpus.relative_to(ROOT)}::{case_id}"] = {
                "events": [_event(e) for e in timeline.events],
                "references": [repr(r) for r in timeline.references],
            }
    ex = ROOT / "examples"
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "f.db") as store:
        ingest_paths(store, [ex / "cases", ex / "cases_export.csv", ex / "letters"])
        for case in screen(store):
            rows = sstore.case_events(store, case.case_id)
            out[f"examples::{case.case_id}"] = {
                "rows": [{k: r[k] for k in ROW_KEYS} for r in rows],
                "data": case.data,
            }
    out["bench"] = [[_event(e) for e in evs] for evs in find_events_many(notes(2000), nlp)]
    return out


def main(path: str) -> None:
    text = json.dumps(dump(), ensure_ascii=False, indent=1, sort_keys=True, default=str)
    Path(path).write_text(re.sub(r"\[([A-ZÆØÅ]+)-[0-9A-F]{6,}\]", r"[\1-X]", text), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
