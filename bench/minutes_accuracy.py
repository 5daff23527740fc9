"""Minutes parser accuracy: runs `cli.py minutes parse FILE --format json` over the real
minutes (gold in tests/data/minutes_realworld, documents in ../shared/realworld/minutes) and
the blind corpus (tests/data/minutes_blind/dev and /test) and prints the figures per set and
per family; --verbose also prints every mismatch.

    .venv/bin/python bench/minutes_accuracy.py [--set realworld|dev|test|all] [--verbose]
        [--gold DIR]

The realworld gold holds digests of titles and decisions, not their text; `--gold DIR` reads the
realworld gold from a plain copy outside the repository instead, so mismatches show in words.

The test split is held out: report its figures, never tune on them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.minutes_scoring import aggregate, score  # noqa: E402

REALWORLD_DOCS = ROOT.parent / "shared" / "realworld" / "minutes"
SETS = {
    "realworld": (ROOT / "tests" / "data" / "minutes_realworld", REALWORLD_DOCS),
    "dev": (ROOT / "tests" / "data" / "minutes_blind" / "dev", None),
    "test": (ROOT / "tests" / "data" / "minutes_blind" / "test", None),
}
FIGURES = [
    ("items_f1", "punkter F1"),
    ("titles_clean", "titler rene"),
    ("decisions_exact", "beslutninger præcise"),
    ("case_numbers_right", "sagsnumre rigtige"),
    ("kle_right", "KLE rigtige"),
    ("closed_right", "lukkede punkter"),
    ("absent_right", "fraværende rigtige"),
    ("committee_right", "udvalg rigtigt"),
    ("date_right", "mødedato rigtig"),
]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def parse(path: Path) -> tuple[dict, str | None]:
    """The parser's JSON for one file, or an empty answer and the error line."""
    proc = subprocess.run(
        [sys.executable, "cli.py", "minutes", "parse", str(path), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        return {"items": []}, (proc.stderr.strip().splitlines() or ["fejl uden besked"])[-1]
    try:
        return json.loads(proc.stdout), None
    except json.JSONDecodeError as exc:
        return {"items": []}, f"ugyldig JSON ({exc})"


def run_set(name: str) -> list[dict] | None:
    """Scores for every gold document in the set (None when its documents are not here)."""
    gold_dir, doc_dir = SETS[name]
    golds = sorted(gold_dir.glob("*.json"))
    if doc_dir is not None and not doc_dir.is_dir():
        return None
    jobs = []
    for g in golds:
        expected = json.loads(g.read_text(encoding="utf-8"))
        doc = (doc_dir or gold_dir) / expected["file"]
        jobs.append((expected, doc))
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda job: parse(job[1]), jobs))
    results = []
    for (expected, doc), (got, error) in zip(jobs, answers):
        s = score(expected, got)
        s["file"] = doc.name
        s["family"] = expected.get("family") or "?"
        s["error"] = error
        results.append(s)
    return results


def table(rows: list[tuple[str, dict]]) -> list[str]:
    head = "| | dok. | punkter (guld/fundet) | " + " | ".join(label for _k, label in FIGURES) + " |"
    lines = [head, "|" + " --- |" * (3 + len(FIGURES))]
    for label, total in rows:
        f = total["figures"]
        lines.append(
            f"| {label} | {total['documents']} | {total['gold_items']}/{total['got_items']} | "
            + " | ".join(pct(f[k]) for k, _l in FIGURES)
            + " |"
        )
    return lines


def report(name: str, results: list[dict] | None, verbose: bool) -> list[str]:
    title = {
        "realworld": "rigtige referater",
        "dev": "blindt korpus, dev",
        "test": "blindt korpus, test (holdt ude)",
    }[name]
    lines = [f"### Referater: {title}", ""]
    if results is None:
        return lines + [f"Sprunget over: {SETS[name][1]} findes ikke.", ""]
    families = sorted({r["family"] for r in results})
    rows = [("i alt", aggregate(results))]
    rows += [(fam, aggregate([r for r in results if r["family"] == fam])) for fam in families]
    lines += table(rows) + [""]
    errors = [r for r in results if r["error"]]
    for r in errors:
        lines.append(f"- {r['file']}: parseren fejlede: {r['error']}")
    if verbose:
        for r in results:
            if not r["mismatches"]:
                continue
            lines.append(f"#### {r['file']} ({r['family']})")
            for kind, where, expected, got in r["mismatches"]:
                lines.append(f"- {kind}, {where}: forventet {expected!r}, fik {got!r}")
            lines.append("")
    return lines


def run() -> list[str]:
    """For `make bench` (bench/run.py): every set, without the mismatches."""
    lines = [
        "## Referater: parserens træfsikkerhed",
        "",
        "Målt med `bench/minutes_accuracy.py` mod håndskrevne facitlister; test-delen er holdt ude.",
        "",
    ]
    for name in SETS:
        lines += report(name, run_set(name), verbose=False)
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Mål referat-parserens træfsikkerhed mod facitlisterne.")
    ap.add_argument(
        "--set", choices=[*SETS, "all"], default="all", help="hvilket sæt der måles (standard: alle)"
    )
    ap.add_argument("--verbose", action="store_true", help="vis hver afvigelse")
    ap.add_argument(
        "--gold",
        type=Path,
        default=None,
        help="mappe med en læsbar kopi af facitlisterne for de rigtige referater",
    )
    args = ap.parse_args(argv)
    if args.gold is not None:
        SETS["realworld"] = (args.gold, REALWORLD_DOCS)
    names = list(SETS) if args.set == "all" else [args.set]
    for name in names:
        print("\n".join(report(name, run_set(name), args.verbose)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
