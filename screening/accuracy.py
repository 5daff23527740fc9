"""Accuracy of event finding and rule verdicts on hand-checked case folders.

Each case folder holds an ``expected.toml``: the events a reader lists (kind, date, negated)
and the verdict of each rule. Events are compared as sets per case (kind + date + negated).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from screening.cases import case_folders, screen_folder
from screening.rules import evaluate

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

EventKey = tuple[str, "date | None", bool]


def expected_for(folder: Path) -> tuple[set[EventKey], dict[str, str]]:
    """The expected events and verdicts of one case folder."""
    data = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    events = {(e["kind"], e.get("date"), bool(e["negated"])) for e in data.get("events", [])}
    return events, dict(data.get("verdicts", {}))


def measure(cases_dir: str | Path, nlp: Language) -> dict[str, Any]:
    """Precision and recall of events and accuracy of verdicts over every case folder with an
    expected.toml; also the misses, so a failing figure can be explained."""
    tp = fp = fn = 0
    verdicts_ok = verdicts_all = 0
    per_rule: dict[str, list[int]] = {}
    misses: list[str] = []
    n_cases = 0
    for folder in case_folders(cases_dir):
        if not (folder / "expected.toml").is_file():
            continue
        n_cases += 1
        want_events, want_verdicts = expected_for(folder)
        timeline = screen_folder(folder, nlp)
        got_events = {(e.kind, e.date, e.negated) for e in timeline.events}
        tp += len(got_events & want_events)
        fp += len(got_events - want_events)
        fn += len(want_events - got_events)
        for key in sorted(got_events - want_events, key=str):
            misses.append(f"{folder.name}: ekstra hændelse {key}")
        for key in sorted(want_events - got_events, key=str):
            misses.append(f"{folder.name}: mangler hændelse {key}")
        for finding in evaluate(timeline):
            if finding.rule not in want_verdicts:
                continue
            right = finding.verdict == want_verdicts[finding.rule]
            verdicts_all += 1
            verdicts_ok += right
            stats = per_rule.setdefault(finding.rule, [0, 0])
            stats[0] += right
            stats[1] += 1
            if not right:
                misses.append(
                    f"{folder.name}: {finding.rule} gav {finding.verdict}, "
                    f"forventet {want_verdicts[finding.rule]}"
                )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "cases": n_cases,
        "events_expected": tp + fn,
        "events_found": tp + fp,
        "event_precision": precision,
        "event_recall": recall,
        "verdicts": verdicts_all,
        "verdict_accuracy": verdicts_ok / verdicts_all if verdicts_all else 1.0,
        "verdict_accuracy_by_rule": {r: ok / n for r, (ok, n) in sorted(per_rule.items())},
        "misses": misses,
    }
