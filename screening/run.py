"""A screening run: find each case's sanction events, check them against the rules, store it all.

Cases are handled one at a time (documents, events, findings), so memory stays flat however
many cases are screened. Events are found once per document and kept; a changed document
(re-ingested) loses its events with its old rows and gets new ones on the next run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from store import Store
from store import documents as docstore
from store import screening as sstore


@dataclass(frozen=True)
class CaseResult:
    """One screened case: the JSON object of `afdaek screen run --format json`."""

    case_id: str
    data: dict[str, Any]


def _event_from_row(row: dict[str, Any]):
    from textmining.sanctions import CaseEvent

    return CaseEvent(
        kind=row["kind"],
        date=date.fromisoformat(row["date"]) if row["date"] else None,
        negated=bool(row["negated"]),
        evidence=row["evidence"],
        document=row["document"],
        start=row["start"] or 0,
        end=row["end"] or 0,
        matched=row["matched"] or "",
        details=row["details"],
    )


def _meta(case: dict[str, Any]):
    from textmining.casenotes import CaseMeta

    start = None
    if case.get("start"):
        try:
            start = date.fromisoformat(str(case["start"])[:10])
        except ValueError:
            start = None
    return CaseMeta(
        case_id=case["id"], ydelse=case.get("ydelse"),
        visitationskategori=case.get("visitationskategori"), borger=case.get("borger"), cpr=None,
        sagsbehandler=case.get("sagsbehandler"), team=case.get("team"), start=start,
    )


def find_case_events(store: Store, case_id: str, nlp) -> None:
    """Find and store events for the case's documents that have none yet."""
    from textmining.sanctions import find_events

    pending = set(sstore.documents_without_events(store, case_id))
    for doc in sstore.case_documents(store, case_id):
        if doc["id"] not in pending:
            continue
        doc_date = date.fromisoformat(doc["date"]) if doc.get("date") else None
        name = Path(doc["path"].split("#")[0]).name
        events = find_events(doc["text"], nlp, document=name, doc_date=doc_date)
        rows = []
        for e in events:
            rows.append({
                "kind": e.kind, "date": e.date.isoformat() if e.date else None,
                "negated": e.negated, "evidence": e.evidence, "document": e.document,
                "start": e.start, "end": e.end, "matched": e.matched, "details": e.details,
            })
        sstore.replace_events(store, case_id, doc["id"], rows)


def screen_case(store: Store, case: dict[str, Any], nlp, run_id: int) -> CaseResult:
    """Events → timeline → findings for one case; findings are stored under run_id."""
    from screening.cases import build_timeline
    from screening.rules import case_to_json, evaluate

    find_case_events(store, case["id"], nlp)
    rows = sstore.case_events(store, case["id"])
    by_key = {}
    events = []
    for row in rows:
        ev = _event_from_row(row)
        events.append(ev)
        by_key[(ev.document, ev.start, ev.end, ev.kind)] = row["id"]
    timeline = build_timeline(_meta(case), events)
    findings = evaluate(timeline)
    stored = []
    for f in findings:
        ids = [by_key[(timeline.events[i].document, timeline.events[i].start,
                       timeline.events[i].end, timeline.events[i].kind)] for i in f.events]
        stored.append({"rule": f.rule, "verdict": f.verdict, "explanation": f.explanation,
                       "events": ids})
    sstore.store_findings(store, run_id, case["id"], stored)
    data = case_to_json(timeline, findings)
    data["case"] = case["id"]
    return CaseResult(case["id"], data)


def refresh_events(store: Store) -> bool:
    """Drop the stored events when they were found by another version of the extractor
    (patterns, abbreviations, note reading), so an upgraded afdaek never judges a case on
    events its current patterns would not find. True when they were dropped."""
    from textmining.sanctions import extractor_version

    current = extractor_version()
    if store.meta("events_version") == current:
        return False
    sstore.forget_events(store)
    store.set_meta("events_version", current)
    return True


def screen(
    store: Store,
    case_ids: Iterable[str] | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[CaseResult]:
    """Screen the given cases (all stored cases when None), yielding each as it is done."""
    from textmining.nlp import load_pipeline

    nlp = load_pipeline()
    refresh_events(store)
    ids = list(case_ids) if case_ids is not None else sstore.case_ids(store)
    run_id = docstore.start_run(store, "screen run")
    counts = {"cases": 0}
    for i, case in enumerate(sstore.get_cases(store, ids)):
        if progress:
            progress(case["id"], i, len(ids))
        result = screen_case(store, case, nlp, run_id)
        counts["cases"] += 1
        yield result
    docstore.finish_run(store, run_id, counts)


def summary(store: Store, case_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """Share of cases with each mangel, overall and by ydelse, visitationskategori,
    sagsbehandler and team, from each case's latest findings (a reviewer's verdict wins)."""
    findings = sstore.latest_findings(store, case_ids)
    cases = {c["id"]: c for c in sstore.get_cases(store, {f["case_id"] for f in findings})}
    verdict_of = {}
    for f in findings:
        verdict = f["review_verdict"] if f["review_decision"] == "aendret" else f["verdict"]
        if f["review_decision"] == "afvist":
            verdict = "afvist"
        verdict_of[(f["case_id"], f["rule"])] = verdict
    rules = sorted({r for _, r in verdict_of})
    total = len(cases)

    def shares(ids: list[str]) -> dict[str, Any]:
        out = {"cases": len(ids)}
        for rule in rules:
            n = sum(1 for c in ids if verdict_of.get((c, rule)) == "mangel")
            out[rule] = {"mangel": n, "andel": (n / len(ids)) if ids else None}
        out["mindst_en_mangel"] = sum(
            1 for c in ids if any(verdict_of.get((c, r)) == "mangel" for r in rules))
        return out

    result: dict[str, Any] = {"cases": total, "rules": rules, "overall": shares(list(cases))}
    for dim in ("ydelse", "visitationskategori", "sagsbehandler", "team"):
        groups: dict[str, list[str]] = {}
        for cid, c in cases.items():
            groups.setdefault(c.get(dim) or "ukendt", []).append(cid)
        result[dim] = {k: shares(v) for k, v in sorted(groups.items())}
    verdicts: dict[str, dict[str, int]] = {}
    for (_, rule), v in verdict_of.items():
        verdicts.setdefault(rule, {}).setdefault(v, 0)
        verdicts[rule][v] += 1
    result["verdicts"] = verdicts
    return result


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
