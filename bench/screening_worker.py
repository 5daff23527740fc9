"""One screening measurement in its own process, so peak memory belongs to that size alone.

Usage: python bench/screening_worker.py N → JSON with notes, words, events, seconds, peak MB.
Notes are generated lazily and streamed through find_events_many, never held in memory.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = re.compile(r"^\S+.*$", re.M)


def note_bodies() -> list[str]:
    """The bodies of the example case notes (headers removed), as material for new notes."""
    from textmining.domain.casenotes import split_notes

    out = []
    for f in sorted((ROOT / "examples" / "cases").glob("*/notater.txt")):
        out.extend(n.text.strip() for n in split_notes(f.read_text(encoding="utf-8")) if n.text.strip())
    return out


NOTES_PER_CASE = 10


def notes(n: int, seed: int = 11):
    """n dated notes, grouped as case files of NOTES_PER_CASE notes (one document per case,
    as a notater.txt in a case folder is)."""
    rng = random.Random(seed)
    bodies = note_bodies()
    for c in range(0, n, NOTES_PER_CASE):
        parts = []
        for _ in range(min(NOTES_PER_CASE, n - c)):
            day, month = rng.randint(1, 28), rng.randint(1, 12)
            parts.append(f"{day:02d}.{month:02d}.2023 – Notat\n{rng.choice(bodies)}\n")
        yield (f"sag{c // NOTES_PER_CASE}", "\n".join(parts), None)


def main() -> None:
    from textmining.domain.sanctions import find_events_many
    from textmining.language.nlp import load_pipeline

    n = int(sys.argv[1])
    nlp = load_pipeline()
    list(find_events_many(notes(20), nlp))  # warm-up
    words = 0
    events = 0

    def counted():
        nonlocal words
        for item in notes(n):
            words += len(item[1].split())
            yield item

    t0 = time.perf_counter()
    for evs in find_events_many(counted(), nlp):
        events += len(evs)
    secs = time.perf_counter() - t0
    from bench.common import peak_rss_mb

    peak = peak_rss_mb()
    print(json.dumps({"notes": n, "words": words, "events": events, "seconds": secs, "peak_mb": peak}))


def jobs_main() -> None:
    """python bench/screening_worker.py --jobs J N: N notes (as case files) mined with
    screening.run.mine_documents in J processes; JSON with words and seconds."""
    from screening.run import mine_documents
    from textmining.language.nlp import load_pipeline

    jobs, n = int(sys.argv[2]), int(sys.argv[3])
    load_pipeline()
    items = [(case, f"d{i}", text, None, "notater.txt") for i, (case, text, _d) in enumerate(notes(n))]
    words = sum(len(text.split()) for _c, _d, text, _dd, _n in items)
    t0 = time.perf_counter()
    events = sum(len(rows) for _c, _d, rows in mine_documents([items], jobs))
    secs = time.perf_counter() - t0
    print(json.dumps({"jobs": jobs, "notes": n, "words": words, "events": events, "seconds": secs}))


if __name__ == "__main__":
    jobs_main() if sys.argv[1] == "--jobs" else main()
