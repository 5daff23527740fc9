"""Stratified, seeded samples of cases for the monthly ledelsestilsyn.

The same cases, seed and strata always give the same sample. Cases are spread over the strata
as evenly as the strata allow (round robin over strata in a seeded order), so a sample of 2
with `--stratify varighed` gets one case under 6 months and one over.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from screening.errors import ScreeningError
from store import Store
from textmining.language.dates import iso_date

STRATA = ("ydelse", "visitationskategori", "varighed", "team", "sagsbehandler")


def duration_band(start: str | None, today: date) -> str:
    """'under 6 mdr.', '6 mdr. og derover' or 'ukendt varighed' from a case's start date."""
    d = iso_date(start)
    if d is None:
        return "ukendt varighed"
    months = (today.year - d.year) * 12 + (today.month - d.month) - (today.day < d.day)
    return "under 6 mdr." if months < 6 else "6 mdr. og derover"


def stratum_of(case: dict[str, Any], keys: Sequence[str], today: date) -> str:
    parts = []
    for key in keys:
        if key == "varighed":
            parts.append(duration_band(case.get("start"), today))
        else:
            parts.append(str(case.get(key) or "ukendt"))
    return " / ".join(parts) if parts else "alle"


def draw_sample(
    cases: Sequence[dict[str, Any]], n: int, *, stratify: Sequence[str] = (), seed: int = 0, today: date
) -> list[tuple[str, str]]:
    """Choose n cases (id, stratum), spread over the strata; reproducible for a given seed."""
    unknown = [k for k in stratify if k not in STRATA]
    if unknown:
        raise ScreeningError(f"ukendt lagdeling '{unknown[0]}'; vælg mellem {', '.join(STRATA)}")
    if n < 1:
        raise ScreeningError("stikprøven skal have mindst 1 sag")
    if not cases:
        raise ScreeningError("der er ingen sager at udtrække fra; indlæs sager først")
    rng = random.Random(seed)
    groups: dict[str, list[str]] = defaultdict(list)
    for case in sorted(cases, key=lambda c: c["id"]):
        groups[stratum_of(case, stratify, today)].append(case["id"])
    order = sorted(groups)
    rng.shuffle(order)
    for key in order:
        rng.shuffle(groups[key])
    chosen: list[tuple[str, str]] = []
    while len(chosen) < n and any(groups.values()):
        for key in order:
            if groups[key] and len(chosen) < n:
                chosen.append((groups[key].pop(), key))
    return chosen


@dataclass(frozen=True)
class DrawnSample:
    """A sample drawn and stored: its id, the seed, the strata and each case with its stratum."""

    id: int
    seed: int
    stratify: tuple[str, ...]
    cases: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, Any]:
        """The sample as `afdaek screen sample --format json` prints it."""
        return {
            "sample": self.id,
            "seed": self.seed,
            "stratify": list(self.stratify),
            "cases": [{"case": case, "stratum": stratum} for case, stratum in self.cases],
        }


def take_sample(store: Store, n: int, *, stratify: str = "", seed: int | None, today: date) -> DrawnSample:
    """Draw a sample of n stored cases and store it. stratify is the strata comma-separated
    (e.g. "ydelse,varighed"); without a seed the sample's seed is today's date (20240601)."""
    from store import screening as sstore

    seed = int(today.strftime("%Y%m%d")) if seed is None else seed
    keys = tuple(k.strip() for k in stratify.split(",") if k.strip())
    chosen = draw_sample(sstore.get_cases(store), n, stratify=keys, seed=seed, today=today)
    sample_id = sstore.record_sample(store, seed=seed, stratify=",".join(keys) or None, chosen=chosen)
    return DrawnSample(sample_id, seed, keys, tuple(chosen))
