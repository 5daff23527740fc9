"""Accuracy of event finding and rule verdicts on hand-checked cases.

A corpus is a folder of case folders, each with an ``expected.toml`` (the events a reader
lists: kind, date, negated; and the verdict of each rule), and optionally CSV exports of case
journals: a subfolder holding ``*.csv`` and ``expected/<case id>.toml``. Events are compared as
sets per case (kind + date + negated); figures are given in all and per style (the case id
before its last ``-NN``), so a style the extractor does not know shows. A ``corpus.toml`` in
the corpus folder or its parent may name the event kinds its gold annotates (``kinds``);
events of other kinds are then left out of the comparison (a corpus written before a kind
existed does not list it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from screening.cases import (
    CaseTimeline,
    build_timeline,
    case_folders,
    empty_meta,
    screen_folder,
    timelines_from_csv,
)
from screening.rules import evaluate
from textmining.config import load_toml
from textmining.errors import InputError

EventKey = tuple[str, "date | None", bool]


def read_expected(path: Path) -> tuple[set[EventKey], dict[str, str]]:
    """The expected events and verdicts in one gold file."""
    data = load_toml(path)
    events = {(e["kind"], e.get("date"), bool(e.get("negated", False))) for e in data.get("events", [])}
    return events, {k: str(v) for k, v in data.get("verdicts", {}).items()}


def expected_for(folder: Path) -> tuple[set[EventKey], dict[str, str]]:
    """The expected events and verdicts of one case folder."""
    return read_expected(folder / "expected.toml")


def gold_cases(
    corpus: str | Path, nlp: Language
) -> Iterator[tuple[str, str, CaseTimeline, set[EventKey], dict[str, str]]]:
    """(case id, style, timeline, expected events, expected verdicts) for every gold case."""
    for folder in case_folders(corpus):
        if (folder / "expected.toml").is_file():
            want_events, want_verdicts = expected_for(folder)
            yield folder.name, style_of(folder.name), screen_folder(folder, nlp), want_events, want_verdicts
            continue
        gold = folder / "expected"
        if not gold.is_dir():
            continue
        timelines: dict[str, CaseTimeline] = {}
        for export in sorted(folder.glob("*.csv")):
            try:
                timelines.update((t.meta.case_id, t) for t in timelines_from_csv(export, nlp))
            except InputError:
                pass  # an export the reader refuses: each of its cases counts as all missed
        for path in sorted(gold.glob("*.toml")):
            case_id = path.stem
            timeline = timelines.get(case_id) or build_timeline(empty_meta(case_id), ())
            want_events, want_verdicts = read_expected(path)
            yield case_id, folder.name, timeline, want_events, want_verdicts


def style_of(case_id: str) -> str:
    head, _, tail = case_id.rpartition("-")
    return head if head and tail.isdigit() else case_id


@dataclass
class Tally:
    """Counts for one group of cases."""

    cases: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    verdicts_ok: int = 0
    verdicts: int = 0
    per_rule: dict[str, list[int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "cases": self.cases,
            "events_expected": self.tp + self.fn,
            "events_found": self.tp + self.fp,
            "event_precision": precision,
            "event_recall": recall,
            "event_f1": f1,
            "verdicts": self.verdicts,
            "verdict_accuracy": self.verdicts_ok / self.verdicts if self.verdicts else 1.0,
            "verdict_accuracy_by_rule": {r: ok / n for r, (ok, n) in sorted(self.per_rule.items())},
        }


def annotated_kinds(corpus: str | Path) -> set[str] | None:
    """The event kinds a corpus's gold annotates (corpus.toml), or None for every kind."""
    for folder in (Path(corpus), Path(corpus).parent):
        path = folder / "corpus.toml"
        if path.is_file():
            kinds = load_toml(path).get("kinds")
            return set(kinds) if kinds else None
    return None


def measure(corpus: str | Path, nlp: Language) -> dict[str, Any]:
    """Precision, recall and F1 of events and agreement of verdicts over every gold case, in
    all and per style; also the misses, so a failing figure can be explained."""
    total = Tally()
    styles: dict[str, Tally] = {}
    misses: list[str] = []
    kinds = annotated_kinds(corpus)
    for case_id, style, timeline, want_events, want_verdicts in gold_cases(corpus, nlp):
        got_events = {
            (e.kind, e.date, e.negated) for e in timeline.events if kinds is None or e.kind in kinds
        }
        tallies = (total, styles.setdefault(style, Tally()))
        for t in tallies:
            t.cases += 1
            t.tp += len(got_events & want_events)
            t.fp += len(got_events - want_events)
            t.fn += len(want_events - got_events)
        for key in sorted(got_events - want_events, key=str):
            misses.append(f"{case_id}: ekstra hændelse {key}")
        for key in sorted(want_events - got_events, key=str):
            misses.append(f"{case_id}: mangler hændelse {key}")
        for finding in evaluate(timeline):
            if finding.rule not in want_verdicts:
                continue
            right = finding.verdict == want_verdicts[finding.rule]
            for t in tallies:
                t.verdicts += 1
                t.verdicts_ok += right
                stats = t.per_rule.setdefault(finding.rule, [0, 0])
                stats[0] += right
                stats[1] += 1
            if not right:
                misses.append(
                    f"{case_id}: {finding.rule} gav {finding.verdict}, "
                    f"forventet {want_verdicts[finding.rule]}"
                )
    result = total.as_dict()
    result["by_style"] = {s: t.as_dict() for s, t in sorted(styles.items())}
    result["misses"] = misses
    return result
