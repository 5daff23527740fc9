"""Precision and recall of events and verdict accuracy on the hand-checked case folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.accuracy import measure

CASES = Path(__file__).parent / "data" / "cases"
THRESHOLD = 0.95
"""A regression guard on the project's own cases (last measured: precision 0,97, recall 0,98,
verdicts 0,997): a new reader or pattern that breaks the plain layouts shows here."""


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


DATA = Path(__file__).parent / "data"
# Blind corpora (written without the code; test splits never tuned on) with floors under the
# figures last measured (see bench/RESULTS.md): a regression guard, not the goal (issue: F1 and
# agreement >= 0.90). (corpus, split, fewest cases, F1 floor, verdict floor, rules judged):
# screening_blind: the first blind corpus (dev 0,915 / 0,912, test 0,818 / 0,766; its dev gold
# takes a reason assessed on a later day as a reference, its test gold and the other corpora as
# an event of that day, which the tool follows, DOMAIN.md §3);
# screening_dates: failures around 1 January 2020, 1 January 2024 and 1 July 2025 with R2, P2,
# S1 and the kind "kontakt" (dev 0,905 / 0,894, test 0,898 / 0,879); screening_systems: journal
# layouts as systems print them (dev 0,911 / 0,923, test 0,828 / 0,883); screening_mail: mail
# threads, newest-first journals, phone logs, forms, mixed folders and coded exports, written
# after all the tuning above (first measured: dev 0,769 / 0,745, test 0,764 / 0,677; after
# reading mails as mails, forms as statements, system codes as ydelser and day ranges: dev
# 0,877 / 0,875, test 0,867 / 0,792; after questions, examples, verb-first conditions, other
# parties' acts, "afg. sendt", spoken conditional warnings, "trukket for" and a reason quoted in a
# decision's reasons: dev 0,899 / 0,896, test 0,867 /
# 0,792; blind dev 0,919 / 0,920, test 0,819 / 0,781; dates dev 0,907 / 0,894, test 0,905 / 0,879;
# systems dev 0,921 / 0,923, test 0,823 / 0,883). screening_holdout: the six styles of the
# issue in new hands, written after all of that (first measured, kinds as the gold: dev
# 0,801 / 0,703, test 0,650 / 0,531; after journal shorthand, '11/4 2016' headers, conditions,
# recovery, summons as guidance, decisions on other matters, 'Kategori' and j.nr. columns,
# two-day failures, the decision letter as the act, plain-vowel words and 'idag': dev 0,885 /
# 0,839, test 0,911 / 0,781; blind dev 0,921 / 0,920, test 0,849 / 0,833; dates dev 0,915 /
# 0,898, test 0,909 / 0,879;
# systems dev 0,925 / 0,923, test 0,823 / 0,883; mail dev 0,921 / 0,901, test 0,885 / 0,792;
# after a summons told in the past ('du var indkaldt ... i dag') became a mention of the known
# summons: mail dev 0,928 / 0,901, test 0,893 / 0,792; blind test 0,851, systems test 0,826;
# the rest unchanged).
BLIND_FLOORS = [
    ("screening_blind", "dev", 40, 0.91, 0.91, ()),
    ("screening_blind", "test", 20, 0.84, 0.82, ()),
    ("screening_dates", "dev", 24, 0.90, 0.89, ("R2", "P2", "S1")),
    ("screening_dates", "test", 12, 0.90, 0.87, ("R2", "P2", "S1")),
    ("screening_systems", "dev", 24, 0.92, 0.92, ()),
    ("screening_systems", "test", 12, 0.88, 0.90, ()),
    ("screening_mail", "dev", 24, 0.92, 0.89, ()),
    ("screening_mail", "test", 12, 0.88, 0.79, ()),
    ("screening_holdout", "dev", 24, 0.87, 0.82, ()),
    ("screening_holdout", "test", 12, 0.90, 0.76, ()),
    # screening_holdout2: a second writer, same brief; unseen until 2026-12-03 (dev 0,857 /
    # 0,849, test 0,794 / 0,750), then its dev split was tuned on (test never looked into)
    ("screening_holdout2", "dev", 24, 0.90, 0.90, ()),
    ("screening_holdout2", "test", 12, 0.80, 0.79, ()),
    # screening_holdout3: two new writers (tests/data/screening_holdout3/README.md); first
    # measured dev 0,759 / 0,802, test 0,822 / 0,854; dev tuned on from then on (0,841 / 0,844)
    ("screening_holdout3", "dev", 24, 0.82, 0.82, ()),
    ("screening_holdout3", "test", 12, 0.80, 0.83, ()),
    # screening_holdout4: two more new writers (tests/data/screening_holdout4/README.md); first
    # measured dev 0,773 / 0,833, test 0,644 / 0,688; dev tuned on from then on
    ("screening_holdout4", "dev", 24, 0.86, 0.88, ()),
    ("screening_holdout4", "test", 12, 0.75, 0.80, ()),
    # screening_holdout5: two more new writers on note headers and exports of other systems
    # (tests/data/screening_holdout5/README.md); first measured dev 0,430 / 0,594, test 0,428 /
    # 0,646; dev tuned on from then on (note headers of unknown layouts found by their repeats:
    # dev 0,905 / 0,849, test 0,863 / 0,896)
    ("screening_holdout5", "dev", 24, 0.90, 0.85, ()),
    ("screening_holdout5", "test", 12, 0.83, 0.86, ()),
    # screening_holdout6: two more new writers, verdicts made hard (tests/data/screening_holdout6/
    # README.md); first measured dev 0,851 / 0,719, test 0,797 / 0,667; dev tuned on from then on
    # (dev 0,899 / 0,927, test 0,794 / 0,698)
    ("screening_holdout6", "dev", 24, 0.86, 0.88, ()),
    ("screening_holdout6", "test", 12, 0.76, 0.66, ()),
]


@pytest.mark.parametrize(("corpus", "split", "cases", "f1_floor", "verdict_floor", "rules"), BLIND_FLOORS)
def test_accuracy_on_the_blind_corpora(nlp, corpus, split, cases, f1_floor, verdict_floor, rules):
    result = measure(DATA / corpus / split, nlp)
    print(
        f"\n{corpus}/{split}: sager {result['cases']}, hændelser F1 {result['event_f1']:.3f}, "
        f"afgørelser rigtige {result['verdict_accuracy']:.3f}"
    )
    assert result["cases"] >= cases
    for rule in rules:  # the new rules are judged on every case
        assert rule in result["verdict_accuracy_by_rule"]
    assert result["event_f1"] >= f1_floor
    assert result["verdict_accuracy"] >= verdict_floor
