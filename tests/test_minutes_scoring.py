"""The scorer for the minutes parser (tests/minutes_scoring.py), checked on the committed gold."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.minutes_scoring import aggregate, score

BLIND = Path(__file__).parent / "data" / "minutes_blind" / "dev"


def _gold(name: str) -> dict:
    return json.loads((BLIND / f"{name}.json").read_text(encoding="utf-8"))


def _as_parser_output(gold: dict) -> dict:
    """The gold in the parser's shape: extra keys, no `kle` key where the gold has none."""
    got = {
        "file": gold["file"],
        "committee": gold["committee"],
        "meeting_date": gold["meeting_date"],
        "items": [],
    }
    for item in gold["items"]:
        out = {k: v for k, v in item.items() if k != "truncated"}
        out.update(type="beslutning", sections={}, indstilling=None, bilag=[])
        if out["kle"] is None:
            del out["kle"]
        got["items"].append(out)
    return got


@pytest.fixture(params=sorted(p.stem for p in BLIND.glob("*.json")))
def gold(request) -> dict:
    return _gold(request.param)


def test_a_perfect_answer_scores_one_on_every_figure(gold):
    figures = score(gold, _as_parser_output(gold))["figures"]
    assert figures["items_f1"] == 1.0
    for name, value in figures.items():
        assert value in (None, 1.0), name


def test_a_swallowed_fravaerende_line_or_next_item_makes_the_decision_wrong():
    gold = _gold("edoc_social_beskaeftigelsesudvalget_2022-03-07")
    got = _as_parser_output(gold)
    got["items"][0]["beslutning"] += " 2. Meddelelser (O)"
    got["items"][3]["beslutning"] += " Fraværende: Sofie Lund (Ø)"
    s = score(gold, got)
    n = len(gold["items"])
    assert s["decisions_ok"] == n - 2
    assert s["figures"]["decisions_exact"] == pytest.approx((n - 2) / n)
    kinds = [m[0] for m in s["mismatches"]]
    assert kinds.count("beslutning") == 2


def test_a_document_whose_only_decision_is_swallowed_scores_zero_on_decisions():
    gold = {
        "committee": "Udvalget",
        "meeting_date": "2024-01-02",
        "items": [
            {
                "number": 1,
                "title": "Godkendelse af dagsorden",
                "case_number": None,
                "kle": None,
                "open": True,
                "beslutning": "Godkendt.",
                "fravaerende": None,
                "truncated": False,
            }
        ],
    }
    got = {
        "committee": "Udvalget",
        "meeting_date": "2024-01-02",
        "items": [
            {
                "number": 1,
                "title": "Godkendelse af dagsorden",
                "open": True,
                "beslutning": "Godkendt. Bilag 1: Notat.pdf",
            }
        ],
    }
    assert score(gold, got)["figures"]["decisions_exact"] == 0.0


def test_a_missing_item_lowers_f1_and_counts_its_decision_as_wrong():
    gold = _gold("fa_beskaeftigelsesudvalget_2024-03-12")
    got = _as_parser_output(gold)
    del got["items"][2]
    s = score(gold, got)
    n = len(gold["items"])
    assert s["figures"]["items_recall"] == pytest.approx((n - 1) / n)
    assert s["figures"]["items_precision"] == 1.0
    assert s["figures"]["items_f1"] < 1.0
    assert s["decisions_ok"] == n - 1
    assert ("mangler", "punkt 3") in [m[:2] for m in s["mismatches"]]


def test_an_extra_item_from_a_table_of_contents_lowers_precision():
    gold = _gold("cms_holbaek_udvalget_beskaeftigelse_integration_2022-03-03")
    got = _as_parser_output(gold)
    got["items"].append({"number": 99, "title": "Godkendelse af dagsorden", "beslutning": None})
    s = score(gold, got)
    assert s["figures"]["items_precision"] < 1.0
    assert s["figures"]["items_recall"] == 1.0


def test_unnumbered_items_are_matched_by_title_and_by_order():
    titled = _gold("unnum_titles_teknikudvalget_2024-06-04")
    got = _as_parser_output(titled)
    got["items"].reverse()
    assert score(titled, got)["figures"]["decisions_exact"] == 1.0
    untitled = _gold("unnum_notitle_socialudvalget_2023-10-02")
    got = _as_parser_output(untitled)
    assert score(untitled, got)["figures"]["items_f1"] == 1.0
    first, second = got["items"][0], got["items"][1]
    first["beslutning"], second["beslutning"] = second["beslutning"], first["beslutning"]
    assert score(untitled, got)["decisions_ok"] == len(untitled["items"]) - 2


def test_a_title_with_its_case_number_or_a_missing_kle_key_is_wrong():
    gold = _gold("cms_gribskov_arbejdsmarkedsudvalget_2014-02-26")
    got = _as_parser_output(gold)
    first = got["items"][0]
    first["title"] = f"{first['title']} {first['kle']} - {first['case_number']}"
    del got["items"][1]["kle"]
    s = score(gold, got)
    assert s["titles_ok"] == len(gold["items"]) - 1
    assert s["kle_ok"] == s["kle_n"] - 1


def test_committee_and_date_count_per_document_and_aggregate_sums_documents():
    a = _gold("fa_beskaeftigelsesudvalget_2024-03-12")
    b = _gold("polweb_beskaeftigelsesudvalget_2011-12-12")
    got_a = _as_parser_output(a)
    got_b = _as_parser_output(b)
    got_b["committee"] = "Beskæftigelsesudvalgets"
    got_b["meeting_date"] = None
    total = aggregate([score(a, got_a), score(b, got_b)])
    assert total["documents"] == 2
    assert total["figures"]["committee_right"] == 0.5
    assert total["figures"]["date_right"] == 0.5
    assert total["gold_items"] == len(a["items"]) + len(b["items"])


def test_closed_items_must_come_out_closed():
    gold = _gold("fa_teknik_miljoeudvalget_2024-09-03")
    got = copy.deepcopy(_as_parser_output(gold))
    for item in got["items"]:
        item["open"] = True
    s = score(gold, got)
    assert s["closed_n"] == 1 and s["closed_ok"] == 0


def test_hashed_gold_matches_the_same_text_only():
    from tests.minutes_scoring import digest

    plain = _gold("edoc_social_beskaeftigelsesudvalget_2022-03-07")
    hashed = copy.deepcopy(plain)
    for item in hashed["items"]:
        item["title"] = digest(item["title"])
        item["beslutning"] = digest(item["beslutning"])
    got = _as_parser_output(plain)
    got["items"][0]["title"] = "  " + got["items"][0]["title"].replace(" ", "\n  ") + " "
    assert score(hashed, got)["figures"]["titles_clean"] == 1.0
    assert score(hashed, got)["figures"]["decisions_exact"] == 1.0
    got["items"][1]["beslutning"] = (got["items"][1]["beslutning"] or "") + " Bilag 1"
    got["items"][2]["title"] = got["items"][2]["title"].lower()
    s = score(hashed, got)
    assert s["decisions_ok"] == len(plain["items"]) - 1
    assert s["titles_ok"] == len(plain["items"]) - 1
    assert all("sha256" in str(m[2]) for m in s["mismatches"] if m[0] in ("titel", "beslutning"))


def test_the_realworld_gold_holds_no_titles_or_decisions_in_words():
    for path in sorted((Path(__file__).parent / "data" / "minutes_realworld").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for item in gold["items"]:
            for key in ("title", "beslutning"):
                assert item[key] is None or set(item[key]) == {"sha256", "chars", "words"}, path.name
