"""Samples are reproducible, spread over strata, and refuse nonsense in Danish."""

from __future__ import annotations

from datetime import date

import pytest

from screening.errors import ScreeningError
from screening.sampling import draw_sample, duration_band

TODAY = date(2023, 12, 1)
CASES = [
    {
        "id": f"S{i:03d}",
        "ydelse": "kontanthjælp" if i % 3 else "sygedagpenge",
        "start": "2023-10-01" if i % 2 else "2022-01-15",
    }
    for i in range(40)
]


def test_same_seed_same_sample_other_seed_other_sample():
    a = draw_sample(CASES, 10, stratify=["ydelse"], seed=7, today=TODAY)
    b = draw_sample(CASES, 10, stratify=["ydelse"], seed=7, today=TODAY)
    c = draw_sample(CASES, 10, stratify=["ydelse"], seed=8, today=TODAY)
    assert a == b
    assert a != c
    assert len({cid for cid, _ in a}) == 10


def test_two_cases_by_duration_gives_one_under_and_one_over_six_months():
    chosen = draw_sample(CASES, 2, stratify=["varighed"], seed=1, today=TODAY)
    assert sorted(s for _, s in chosen) == ["6 mdr. og derover", "under 6 mdr."]


def test_strata_combined_are_all_represented():
    chosen = draw_sample(CASES, 4, stratify=["ydelse", "varighed"], seed=3, today=TODAY)
    assert len({s for _, s in chosen}) == 4


def test_sample_larger_than_population_takes_all():
    assert len(draw_sample(CASES[:5], 20, seed=1, today=TODAY)) == 5


def test_duration_band():
    assert duration_band("2023-06-02", TODAY) == "under 6 mdr."
    assert duration_band("2023-06-01", TODAY) == "6 mdr. og derover"
    assert duration_band(None, TODAY) == "ukendt varighed"


def test_unknown_stratum_is_a_danish_error():
    with pytest.raises(ScreeningError, match="ukendt lagdeling 'alder'"):
        draw_sample(CASES, 3, stratify=["alder"], seed=1, today=TODAY)


def test_take_sample_stores_it_and_gives_the_json_of_screen_sample():
    from screening.sampling import take_sample
    from store import open_store
    from store import screening as sstore

    store = open_store(memory=True)
    for case in CASES[:6]:
        sstore.upsert_case(store, case)
    drawn = take_sample(store, 2, stratify=" ydelse, ", seed=None, today=TODAY)
    assert drawn.seed == 20231201  # no seed: the day's date, so the same day gives the same sample
    assert drawn.to_json() == {
        "sample": drawn.id,
        "seed": 20231201,
        "stratify": ["ydelse"],
        "cases": [{"case": c, "stratum": s} for c, s in drawn.cases],
    }
    assert sstore.sample_case_ids(store, drawn.id) == (drawn.id, sorted(c for c, _ in drawn.cases))
    assert sorted(s for _, s in drawn.cases) == ["kontanthjælp", "sygedagpenge"]  # one per stratum
