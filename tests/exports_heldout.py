"""Measure the export readers on the held-out files (tests/data/exports_heldout/{dev,test}).

    .venv/bin/python -m tests.exports_heldout          # both splits, one line per file

A file scores the share of its expected answers the readers get exactly right: for a table,
the records (by kommune, group and period: every number), the row count and the source line;
for a survey, respondents, groups, satisfaction, comments and the question list of
`afdaek survey summary`. dev is for development; test is only measured.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "data" / "exports_heldout"
SPLITS = ("dev", "test")


def _source_ok(expected: str | None, found: str | None) -> bool:
    if expected is None:
        return True
    text = expected.split(":", 1)[1].strip() if expected.lower().startswith("kilde") else expected
    return found == text


def _score_benchmark(path: Path, exp: dict) -> tuple[float, str]:
    from textmining.readers.tables import read_benchmarks, source_line

    rows = read_benchmarks(path)
    got = {(r.municipality, r.area, r.period): r for r in rows}
    right = 0
    for e in exp["records"]:
        r = got.get((e["kommune"], e["ydelsesgruppe"], e["periode"]))
        if r is not None and (r.faktisk, r.forventet, r.forskel, r.placering) == (
            e["faktisk"],
            e["forventet"],
            e["forskel"],
            e["placering"],
        ):
            right += 1
    checks = [
        right / len(exp["records"]),
        float(len(rows) == exp["rows"]),
        float(_source_ok(exp.get("source"), source_line(path))),
    ]
    return sum(checks) / len(checks), f"{right}/{len(exp['records'])} rækker rigtige"


def _score_indicators(path: Path, exp: dict) -> tuple[float, str]:
    from textmining.readers.tables import danish_period, read_indicators

    rows = read_indicators(path)
    got = {(r.municipality, r.group, r.period): r for r in rows}
    right = sum(
        1
        for e in exp["records"]
        if (r := got.get((e["kommune"], e["gruppe"], e["periode"]))) is not None
        and r.value == e["value"]
        and r.measure == exp["measure"]
    )
    sources = {r.source for r in rows}
    periods = all(danish_period(k) == v for k, v in exp["periods_danish"].items())
    checks = [
        right / len(exp["records"]),
        float(len(rows) == exp["rows"]),
        float(all(_source_ok(exp["source"], s) for s in sources)),
        float(periods),
    ]
    return sum(checks) / len(checks), f"{right}/{len(exp['records'])} værdier rigtige"


def _score_survey(path: Path, exp: dict) -> tuple[float, str]:
    from textmining.readers.surveyxact import read_export

    summary = read_export(path).summary()
    keys = ("respondents", "groups", "satisfaction", "comments", "questions")
    wrong = [k for k in keys if summary[k] != exp[k]]
    return (len(keys) - len(wrong)) / len(keys), (
        "alt rigtigt" if not wrong else "forkert: " + ", ".join(wrong)
    )


SCORERS = {"benchmark": _score_benchmark, "indikatorer": _score_indicators, "survey": _score_survey}


def measure(split: str) -> list[tuple[str, float, str]]:
    """(file, score 0..1, note) for each expected file of a split; a reader error scores 0."""
    from textmining.errors import InputError

    out = []
    for exp in json.loads((ROOT / split / "expected.json").read_text(encoding="utf-8")):
        path = ROOT / split / exp["file"]
        try:
            score, note = SCORERS[exp["kind"]](path, exp)
        except InputError as exc:
            score, note = 0.0, str(exc)
        out.append((exp["file"], score, note))
    return out


def main() -> int:
    for split in SPLITS:
        results = measure(split)
        mean = sum(s for _, s, _ in results) / len(results)
        print(
            f"{split}: {mean:.3f} ({sum(1 for _, s, _ in results if s == 1)}/{len(results)} "
            "filer helt rigtige)"
        )
        for name, score, note in results:
            print(f"  {score:.3f}  {name}: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
