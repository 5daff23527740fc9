"""Precision and recall of events and verdict accuracy on the hand-checked case folders."""

from __future__ import annotations

from pathlib import Path

from screening.accuracy import measure

CASES = Path(__file__).parent / "data" / "cases"
THRESHOLD = 0.9


def test_case_data_is_large_enough():
    folders = [p for p in CASES.iterdir() if (p / "expected.toml").is_file()]
    assert len(folders) >= 30
    for folder in folders:
        assert (folder / "sag.toml").is_file()
        assert any(p.suffix == ".txt" for p in folder.iterdir())


def test_accuracy_on_test_cases(nlp):
    result = measure(CASES, nlp)
    print(
        f"\nsager {result['cases']}: hændelser præcision {result['event_precision']:.3f}, "
        f"genkaldelse {result['event_recall']:.3f} "
        f"({result['events_found']} fundet, {result['events_expected']} forventet); "
        f"afgørelser rigtige {result['verdict_accuracy']:.3f} af {result['verdicts']}"
    )
    for rule, acc in result["verdict_accuracy_by_rule"].items():
        print(f"  {rule}: {acc:.3f}")
    for miss in result["misses"]:
        print("  " + miss)
    assert result["event_precision"] >= THRESHOLD, result["misses"]
    assert result["event_recall"] >= THRESHOLD, result["misses"]
    assert result["verdict_accuracy"] >= THRESHOLD, result["misses"]


BLIND = Path(__file__).parent / "data" / "screening_blind"
# Floors under the figures measured when each split was last changed for (see
# bench/RESULTS.md): a regression guard, not the goal (issue: F1 and agreement >= 0.90).
BLIND_FLOORS = {"dev": (0.80, 0.82), "test": (0.72, 0.70)}


def test_accuracy_on_the_blind_corpus(nlp):
    for split, (f1_floor, verdict_floor) in BLIND_FLOORS.items():
        result = measure(BLIND / split, nlp)
        print(f"\n{split}: sager {result['cases']}, hændelser F1 {result['event_f1']:.3f}, "
              f"afgørelser rigtige {result['verdict_accuracy']:.3f}")
        assert result["cases"] >= (40 if split == "dev" else 20)
        assert result["event_f1"] >= f1_floor
        assert result["verdict_accuracy"] >= verdict_floor


DATES = Path(__file__).parent / "data" / "screening_dates"
# The rules-by-date corpus (failures around 1 January 2020, 1 January 2024 and 1 July 2025, with
# R2, P2, S1 and the kind "kontakt"): dev measured 0.774 / 0.799, test 0.816 / 0.841 when written.
DATES_FLOORS = {"dev": (0.80, 0.81), "test": (0.82, 0.82)}


def test_accuracy_on_the_rules_by_date_corpus(nlp):
    for split, (f1_floor, verdict_floor) in DATES_FLOORS.items():
        result = measure(DATES / split, nlp)
        print(f"\n{split}: sager {result['cases']}, hændelser F1 {result['event_f1']:.3f}, "
              f"afgørelser rigtige {result['verdict_accuracy']:.3f}")
        assert result["cases"] >= (24 if split == "dev" else 12)
        for rule in ("R2", "P2", "S1"):  # the new rules are judged on every case
            assert rule in result["verdict_accuracy_by_rule"]
        assert result["event_f1"] >= f1_floor
        assert result["verdict_accuracy"] >= verdict_floor


SYSTEMS = Path(__file__).parent / "data" / "screening_systems"
# Journal layouts as systems print them (pipe headers, key-value blocks, Word tables, newest
# first, footers, pasted mails, English CSV columns): dev 0,795 / 0,862 and test (never tuned
# on) 0,729 / 0,838 after the header families were added.
SYSTEMS_FLOORS = {"dev": (0.77, 0.84), "test": (0.70, 0.81)}


def test_accuracy_on_the_journal_systems_corpus(nlp):
    for split, (f1_floor, verdict_floor) in SYSTEMS_FLOORS.items():
        result = measure(SYSTEMS / split, nlp)
        print(f"\n{split}: sager {result['cases']}, hændelser F1 {result['event_f1']:.3f}, "
              f"afgørelser rigtige {result['verdict_accuracy']:.3f}")
        assert result["cases"] >= (24 if split == "dev" else 12)
        assert result["event_f1"] >= f1_floor
        assert result["verdict_accuracy"] >= verdict_floor
