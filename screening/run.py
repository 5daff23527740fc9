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
from textmining.language.dates import iso_date


@dataclass(frozen=True)
class CaseResult:
    """One screened case: the JSON object of `afdaek screen run --format json`."""

    case_id: str
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The case as `afdaek screen run --format json` prints it in "cases"."""
        return self.data


OCR_NOTE = "(Bygger på tekst læst med OCR fra et scannet dokument; tjek teksten mod dokumentet.)"


def _ocr_event_rows(store: Store, case_id: str, rows: list[dict[str, Any]]) -> set[int]:
    """The ids of the case's events found in text read by OCR."""
    ocr_docs = {
        r[0] for r in store.db.execute("SELECT id FROM documents WHERE case_id = ? AND ocr = 1", [case_id])
    }
    return {r["id"] for r in rows if r.get("document_id") in ocr_docs} if ocr_docs else set()


def _event_from_row(row: dict[str, Any]):
    from textmining.domain.sanctions import CaseEvent

    return CaseEvent(
        kind=row["kind"],
        date=iso_date(row["date"]),
        negated=bool(row["negated"]),
        evidence=row["evidence"],
        document=row["document"],
        start=row["start"] or 0,
        end=row["end"] or 0,
        matched=row["matched"] or "",
        details=row["details"],
    )


def _meta(case: dict[str, Any]):
    from textmining.domain.casenotes import CaseMeta

    return CaseMeta(
        case_id=case["id"],
        ydelse=case.get("ydelse"),
        visitationskategori=case.get("visitationskategori"),
        borger=case.get("borger"),
        cpr=None,
        sagsbehandler=case.get("sagsbehandler"),
        team=case.get("team"),
        start=iso_date(case.get("start")),
    )


def _pending(store: Store, case_id: str) -> Iterator[tuple[str, str, str, date | None, str]]:
    """(case id, document id, text, date, name) of the case's documents that have no events."""
    pending = set(sstore.documents_without_events(store, case_id))
    for doc in sstore.case_documents(store, case_id):
        if doc["id"] not in pending:
            continue
        doc_date = iso_date(doc.get("date"))
        yield case_id, doc["id"], doc["text"], doc_date, Path(doc["path"].split("#")[0]).name


def _event_rows(item: tuple[str, str, str, date | None, str]) -> tuple[str, str, list[dict]]:
    """The events of one pending document as rows to store (runs in a worker with --jobs)."""
    from textmining.domain.sanctions import find_events
    from textmining.language.nlp import load_pipeline

    case_id, doc_id, text, doc_date, name = item
    events = find_events(text, load_pipeline(), document=name, doc_date=doc_date)
    rows = [
        {
            "kind": e.kind,
            "date": e.date.isoformat() if e.date else None,
            "negated": e.negated,
            "evidence": e.evidence,
            "document": e.document,
            "start": e.start,
            "end": e.end,
            "matched": e.matched,
            "details": e.details,
        }
        for e in events
    ]
    return case_id, doc_id, rows


def find_case_events(store: Store, case_id: str) -> None:
    """Find and store events for the case's documents that have none yet."""
    for item in _pending(store, case_id):
        sstore.replace_events(store, *_event_rows(item))


PARALLEL_FROM = 40
"""Fewer pending documents than this are mined in this process (starting workers costs more)."""

CASES_PER_BATCH = 100
"""Cases whose texts are read from the store at a time for the workers (bounded memory)."""

Item = tuple[str, str, str, "date | None", str]


WARM_DOCS = 8
"""Documents mined in the main process before the workers are forked: the workers then start
with the pipeline's caches (lemmas, tokens, compiled pattern sets) filled, not each anew."""


def _chunksize(items: int, jobs: int) -> int:
    """Documents sent to a worker at a time: few enough that both workers finish a batch
    together, many enough that sending them costs little."""
    return max(1, min(32, items // (jobs * 16)))


def mine_documents(batches: Iterable[list[Item]], jobs: int) -> Iterator[tuple[str, str, list[dict]]]:
    """(case id, document id, event rows) for each (case id, document id, text, date, name)
    of each batch, in the order given, mined in `jobs` forked worker processes (one pool for
    all batches; each worker shares the pipeline loaded, and warmed on the first documents,
    before the fork) or in this one when jobs is 1. A batch is read when the one before has
    been handed to the workers, so they never wait for the store, and at most two batches
    are held at a time, so memory stays bounded."""
    import gc
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in batches:
            yield from map(_event_rows, batch)
        return
    from textmining.language.nlp import load_pipeline

    load_pipeline()  # loaded before the fork: every worker shares it
    batches = iter(batches)
    first = next(batches, [])
    yield from map(_event_rows, first[:WARM_DOCS])
    first = first[WARM_DOCS:]
    gc.freeze()  # the parent's objects stay out of the workers' garbage collection (no copies)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            current = pool.imap(_event_rows, first, chunksize=_chunksize(len(first), jobs))
            for batch in batches:
                following = pool.imap(_event_rows, batch, chunksize=_chunksize(len(batch), jobs))
                yield from current
                current = following
            yield from current
    finally:
        gc.unfreeze()


def find_events_parallel(store: Store, case_ids: list[str], jobs: int) -> int:
    """Find the events of every pending document of these cases in `jobs` processes; the
    store is read and written here only, in the order the documents come, so the result is
    the same as in one process. Returns the number of documents mined."""
    import itertools

    batches = (
        [item for cid in case_ids[k : k + CASES_PER_BATCH] for item in _pending(store, cid)]
        for k in range(0, len(case_ids), CASES_PER_BATCH)
    )
    first = next(batches, [])
    workers = jobs if len(first) >= PARALLEL_FROM else 1
    mined = 0
    for case_id, doc_id, rows in mine_documents(itertools.chain([first], batches), workers):
        sstore.replace_events(store, case_id, doc_id, rows)
        mined += 1
    return mined


def screen_case(store: Store, case: dict[str, Any], run_id: int) -> CaseResult:
    """Events → timeline → findings for one case; findings are stored under run_id."""
    from screening.cases import build_timeline
    from screening.rules import case_to_json, evaluate

    find_case_events(store, case["id"])
    rows = sstore.case_events(store, case["id"])
    by_key = {}
    events = []
    ocr_rows = _ocr_event_rows(store, case["id"], rows)
    for row in rows:
        ev = _event_from_row(row)
        events.append(ev)
        by_key[(ev.document, ev.start, ev.end, ev.kind)] = row["id"]
    timeline = build_timeline(_meta(case), events)
    findings = evaluate(timeline)
    stored = []
    for i_f, f in enumerate(findings):
        ids = [
            by_key[
                (
                    timeline.events[i].document,
                    timeline.events[i].start,
                    timeline.events[i].end,
                    timeline.events[i].kind,
                )
            ]
            for i in f.events
        ]
        if ocr_rows & set(ids):
            from dataclasses import replace

            f = findings[i_f] = replace(f, explanation=f"{f.explanation} {OCR_NOTE}")
        stored.append(
            {
                "rule": f.rule,
                "verdict": f.verdict,
                "explanation": f.explanation,
                "events": ids,
                "version": f.version.ref_json() if f.version else None,
            }
        )
    sstore.store_findings(store, run_id, case["id"], stored)
    data = case_to_json(timeline, findings)
    data["case"] = case["id"]
    return CaseResult(case["id"], data)


def refresh_events(store: Store) -> bool:
    """Drop the stored events when they were found by another version of the extractor
    (patterns, abbreviations, note reading), so an upgraded afdaek never judges a case on
    events its current patterns would not find. True when they were dropped."""
    from textmining.domain.sanctions import extractor_version

    current = extractor_version()
    if store.meta("events_version") == current:
        return False
    sstore.forget_events(store)
    store.set_meta("events_version", current)
    return True


def default_jobs() -> int:
    """The number of cores this process may use."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def screen(
    store: Store,
    case_ids: Iterable[str] | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
) -> Iterator[CaseResult]:
    """Screen the given cases (all stored cases when None), yielding each as it is done.
    With jobs > 1 the text mining of documents without events runs in that many processes
    first; the events, timelines and findings are the same as with one."""
    from textmining.language.nlp import load_pipeline

    load_pipeline()  # once, before the first case (and before any worker is forked)
    refresh_events(store)
    ids = list(case_ids) if case_ids is not None else sstore.case_ids(store)
    if jobs > 1:
        find_events_parallel(store, ids, jobs)
    run_id = docstore.start_run(store, "screen run")
    counts = {"cases": 0}
    for i, case in enumerate(sstore.get_cases(store, ids)):
        if progress:
            progress(case["id"], i, len(ids))
        result = screen_case(store, case, run_id)
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
        verdict_of[(f["case_id"], f["rule"])] = sstore.effective_verdict(
            f["verdict"], f["review_decision"], f["review_verdict"]
        )
    from screening.rulebook import load_rulebook

    order = load_rulebook().ids
    rules = sorted(
        {r for _, r in verdict_of}, key=lambda r: (r not in order, order.index(r) if r in order else 0, r)
    )
    total = len(cases)

    def shares(ids: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {"cases": len(ids)}
        for rule in rules:
            n = sum(1 for c in ids if verdict_of.get((c, rule)) == sstore.MANGEL)
            out[rule] = {"mangel": n, "andel": (n / len(ids)) if ids else None}
        out["mindst_en_mangel"] = sum(
            1 for c in ids if any(verdict_of.get((c, r)) == sstore.MANGEL for r in rules)
        )
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
    result["versions"] = applied_versions(findings)
    return result


def sample_summary(store: Store, sample_id: int | None = None) -> dict[str, Any]:
    """`summary` over the cases of a stored sample; over every screened case without one."""
    return summary(store, sstore.sample_case_ids(store, sample_id)[1] if sample_id is not None else None)


def applied_versions(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rule versions the findings were judged by, with the number of cases each: rule,
    fra, til, basis, bekraeftet, cases (in rule order, then by date)."""

    cases: dict[tuple[str, str], set[str]] = {}
    versions: dict[str, dict[str, Any]] = {}
    for f in findings:
        v = f.get("version")
        if v:
            text = json.dumps(v, sort_keys=True)
            versions[text] = v
            cases.setdefault((f["rule"], text), set()).add(f["case_id"])
    return versions_with_counts([(rule, versions[text], len(ids)) for (rule, text), ids in cases.items()])


def versions_with_counts(counts: Iterable[tuple[str, dict[str, Any], int]]) -> list[dict[str, Any]]:
    """(rule, version, cases) → the rows of applied_versions: versions that differ only in
    their parameters are one row (rule order, then by date)."""
    from screening.rulebook import load_rulebook

    order = load_rulebook().ids
    totals: dict[tuple, int] = {}
    for rule, v, n in counts:
        key = (rule, v["fra"], v.get("til"), v["basis"], bool(v.get("bekraeftet")))
        totals[key] = totals.get(key, 0) + n
    rows = [
        {"rule": k[0], "fra": k[1], "til": k[2], "basis": k[3], "bekraeftet": k[4], "cases": n}
        for k, n in totals.items()
    ]
    return sorted(rows, key=lambda r: (order.index(r["rule"]) if r["rule"] in order else 99, r["fra"]))


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def select_cases(
    store: Store, paths: list[Path], sample_id: int | None
) -> tuple[list[str] | None, list[Any]]:
    """The cases `screen run` screens, and the files that could not be read: the cases in the
    given folders or exports (ingested first, pseudonymised, when not stored), narrowed to a
    stored sample; None means every stored case. Raises ScreeningError in Danish when paths
    or a sample were given and no case is left."""
    from screening.ingest import ingest_paths

    failed: list[Any] = []
    ids: list[str] | None = None
    if paths:
        report = ingest_paths(store, list(paths))
        failed = list(report.failed)
        ids = report.case_ids
    if sample_id is not None:
        _sid, sample_ids = sstore.sample_case_ids(store, sample_id)
        ids = sample_ids if ids is None else [i for i in ids if i in sample_ids]
    if ids is not None and not ids:
        from screening.errors import ScreeningError

        raise ScreeningError("der blev ikke fundet nogen sager at screene")
    return ids, failed


@dataclass(frozen=True)
class ScreenRun:
    """What `afdaek screen run` did: each case screened, the summary over them and the files
    that could not be read."""

    cases: list[dict[str, Any]]
    summary: dict[str, Any]
    failed: list[Any]

    def to_json(self) -> dict[str, Any]:
        """The run as `afdaek screen run --format json` prints it."""
        return {"cases": self.cases}


def run_screening(
    store: Store, paths: list[Path], sample_id: int | None = None, *, jobs: int | None = None
) -> ScreenRun:
    """`afdaek screen run`: the cases chosen by `select_cases` screened (text mining in jobs
    processes, by default one per core) and summarised."""
    ids, failed = select_cases(store, paths, sample_id)
    cases = [r.to_json() for r in screen(store, ids, jobs=jobs or default_jobs())]
    return ScreenRun(cases, summary(store, [c["case"] for c in cases]), failed)
