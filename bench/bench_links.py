"""Precision and recall of proposed links from agenda items to recommendations.

The minutes in tests/data/recommendations/ have a hand-made key (gold.toml): for each item the
recommendations it concerns. The links are proposed as afdaek does after ingest: the bundled
set, with the decisions known from examples/anbefalinger_historik.csv. Also measured:
examples/minutes, keyed by hand in tests/data/recommendations/gold_examples.toml.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "tests" / "data" / "recommendations"
EXAMPLES = ROOT / "examples" / "minutes"
HISTORY = ROOT / "examples" / "anbefalinger_historik.csv"


@dataclass(frozen=True)
class Score:
    """Counts of one evaluation: true and false positives, misses, and the wrong proposals."""

    items: int
    tp: int
    fp: int
    fn: int
    errors: tuple[str, ...]
    seconds: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _recommendations() -> list[dict]:
    from dataclasses import asdict

    from textmining.domain.recommendations import load_set, read_history

    refs: dict[str, list[str]] = {}
    for row in read_history(HISTORY):
        if row.source:
            refs.setdefault(row.number, []).append(row.source)
    return [{**asdict(r), "references": refs.get(r.number, [])} for r in load_set().recommendations]


def evaluate(files: list[tuple[Path, dict[int, set[str]]]]) -> Score:
    """Propose links for every item of the files and compare with the key."""
    from textmining.domain.minutes import parse_minutes
    from textmining.domain.recommendations import link_proposer

    recs = _recommendations()
    proposer = link_proposer()
    tp = fp = fn = items = 0
    errors: list[str] = []
    t0 = time.perf_counter()
    for path, key in files:
        text = path.read_text(encoding="utf-8")
        minutes = parse_minutes(text)
        for item in minutes.items:
            if item.number not in key:
                continue
            items += 1
            proposed = {
                p.number
                for p in proposer(
                    {
                        "title": item.title,
                        "text": text[item.start : item.end],
                        "number": item.number,
                        "meeting_date": minutes.meeting_date,
                    },
                    recs,
                )
            }
            truth = key[item.number]
            tp += len(proposed & truth)
            fp += len(proposed - truth)
            fn += len(truth - proposed)
            for n in sorted(proposed - truth):
                errors.append(f"{path.name} pkt. {item.number}: foreslog fejlagtigt {n}")
            for n in sorted(truth - proposed):
                errors.append(f"{path.name} pkt. {item.number}: overså {n}")
    return Score(items, tp, fp, fn, tuple(errors), time.perf_counter() - t0)


def own_examples() -> list[tuple[Path, dict[int, set[str]]]]:
    """The hand-keyed minutes in tests/data/recommendations."""
    from textmining.config import load_toml

    gold = load_toml(OWN / "gold.toml")
    return [(OWN / name, {int(k): set(v) for k, v in key.items()}) for name, key in gold.items()]


def example_minutes() -> list[tuple[Path, dict[int, set[str]]]]:
    """examples/minutes with the key in tests/data/recommendations/gold_examples.toml."""
    from textmining.config import load_toml

    gold = load_toml(OWN / "gold_examples.toml")
    return [
        (EXAMPLES / name, {int(k): set(v) for k, v in key.items()})
        for name, key in gold.items()
        if (EXAMPLES / name).exists()
    ]


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def run() -> list[str]:
    """Markdown lines for bench/RESULTS.md."""
    lines = [
        "## Link-forslag fra dagsordenspunkter til anbefalinger",
        "",
        "| Referater | Punkter | Præcision | Genfinding | Rigtige | Forkerte | Oversete | Tid |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    own = evaluate(own_examples())
    ex = evaluate(example_minutes())
    for label, s in (
        ("tests/data/recommendations (håndlavet facit)", own),
        ("examples/minutes (håndlavet facit)", ex),
    ):
        lines.append(
            f"| {label} | {s.items} | {_pct(s.precision)} | {_pct(s.recall)} | {s.tp} | {s.fp} | "
            f"{s.fn} | {s.seconds:.2f} s |".replace(".", ",")
        )
    lines.append("")
    errors = own.errors + ex.errors
    if errors:
        lines += ["Fejl:", ""] + [f"- {e}" for e in errors] + [""]
    lines += [
        (
            "Præcision: andelen af foreslåede links, der er rigtige. Genfinding: andelen af "
            "de rigtige links, der blev foreslået. Et forslag kræver score ≥ 0,3."
        ),
        "",
    ]
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print("\n".join(run()))
