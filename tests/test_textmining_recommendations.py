"""Recommendation sets, history files, references in text and link proposals (own minutes)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from tests.conftest import DATA
from textmining.config import load_toml
from textmining.domain.minutes import parse_minutes
from textmining.domain.recommendations import (
    ItemRef,
    link_proposer,
    load_set,
    mentioned_recommendations,
    normalise_status,
    parse_history,
    parse_item_refs,
    parse_set,
    propose_links,
)
from textmining.errors import InputError

OWN = DATA / "recommendations"


def test_bundled_set_has_the_eight_recommendations():
    s = load_set()
    assert s.id == "anbefalinger_2021"
    assert [r.number for r in s.recommendations] == [str(n) for n in range(1, 9)]
    assert s.periods == ("2019K3", "2021K3")
    assert s.recommendations[4].title == "Ensartet sanktionspraksis og udvidet partshøring"
    assert all(r.effects and r.keywords and r.milestones for r in s.recommendations)
    assert all(m.deadline for r in s.recommendations for m in r.milestones)


def test_bundled_indicators_exist_in_the_example_table():
    import csv

    from tests.conftest import ROOT

    with open(ROOT / "examples" / "tables" / "indikatorer.csv", encoding="utf-8-sig") as fh:
        pairs = {(r["Måling"], r["Ydelsesgruppe"]) for r in csv.DictReader(fh, delimiter=";")}
    for rec in load_set().recommendations:
        for ind in rec.indicators:
            assert (ind.measure, ind.group) in pairs, (rec.number, ind)


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "anbefalinger: mangler 'id' (et kort navn for sættet, fx \"anbefalinger_2021\")"),
        (
            {"id": "x", "titel": "T"},
            ("anbefalinger: ingen anbefalinger; skriv hver som en [[anbefaling]]-blok"),
        ),
        (
            {"id": "x", "titel": "T", "anbefaling": [{"nummer": "1"}]},
            "anbefalinger: anbefaling 1: mangler 'titel'",
        ),
        (
            {
                "id": "x",
                "titel": "T",
                "anbefaling": [{"nummer": "1", "titel": "A"}, {"nummer": "1", "titel": "B"}],
            },
            "anbefalinger: anbefaling 1: nummeret findes to gange",
        ),
        (
            {
                "id": "x",
                "titel": "T",
                "anbefaling": [
                    {"nummer": "1", "titel": "A", "milepael": [{"titel": "M", "frist": "31-12-2021"}]}
                ],
            },
            "anbefalinger: anbefaling 1, milepæl 'M': datoen '31-12-2021' skal skrives ÅÅÅÅ-MM-DD",
        ),
        (
            {"id": "x", "titel": "T", "anbefaling": [{"nummer": "1", "titel": "A", "frst": 1}]},
            "anbefalinger: anbefaling 1: ukendt felt 'frst'",
        ),
        (
            {"id": "x", "titel": "T", "perioder": ["2019K3"], "anbefaling": [{"nummer": "1", "titel": "A"}]},
            'anbefalinger: \'perioder\' skal være to perioder, fx ["2019K3", "2021K3"]',
        ),
        (
            {
                "id": "x",
                "titel": "T",
                "anbefaling": [
                    {
                        "nummer": "1",
                        "titel": "A",
                        "indikator": [
                            {"maaling": "Antal personer", "ydelsesgruppe": "I alt", "retning": "ned ad"}
                        ],
                    }
                ],
            },
            'anbefalinger: anbefaling 1: indikatorens \'retning\' skal være "op" eller "ned", '
            "ikke 'ned ad'",
        ),
    ],
)
def test_bad_sets_give_one_danish_line(data, message):
    with pytest.raises(InputError) as exc:
        parse_set(data)
    assert str(exc.value) == message


def test_bad_toml_file(tmp_path):
    p = tmp_path / "saet.toml"
    p.write_text("id = \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"saet.toml: ugyldig TOML"):
        load_set(p)
    with pytest.raises(InputError, match="filen findes ikke"):
        load_set(tmp_path / "mangler.toml")


def test_action_plan_shape_works_the_same():
    s = parse_set(
        {
            "id": "handleplan_ly",
            "titel": "Handleplan for ledighedsydelse",
            "anbefaling": [
                {
                    "nummer": "A1",
                    "titel": "Fast opfølgning hver 3. måned",
                    "milepael": [{"titel": "Plan klar", "frist": "2023-06-01"}],
                }
            ],
        }
    )
    assert s.recommendations[0].milestones[0].deadline == date(2023, 6, 1)
    assert s.as_dict()["recommendations"][0]["milestones"][0]["deadline"] == "2023-06-01"


def test_status_names():
    assert normalise_status("Gennemfoert") == "gennemført"
    assert normalise_status(" i  gang ") == "i gang"
    with pytest.raises(InputError) as exc:
        normalise_status("klar")
    assert str(exc.value) == (
        "ukendt status 'klar'; brug en af 'ikke startet', 'i gang', 'gennemført', 'forsinket', 'opgivet'"
    )


def test_history_file():
    rows = parse_history(
        "anbefaling;dato;status;note;kilde\n"
        "5;2021-06-07;i gang;Retningslinje;UFB 2021-06-07 pkt. 71\n\n"
        "5;2021-09-01;Gennemført;;\n"
    )
    assert [(r.number, r.date, r.status, r.line) for r in rows] == [
        ("5", date(2021, 6, 7), "i gang", 2),
        ("5", date(2021, 9, 1), "gennemført", 4),
    ]
    with pytest.raises(InputError) as exc:
        parse_history("anbefaling;dato;status\n5;7/6-2021;i gang\n", "h.csv")
    assert str(exc.value) == "h.csv: linje 2: datoen '7/6-2021' skal skrives ÅÅÅÅ-MM-DD"
    with pytest.raises(InputError, match="kolonnen 'status' mangler"):
        parse_history("anbefaling;dato\n1;2021-01-01\n", "h.csv")


def test_mentions_and_item_references():
    assert mentioned_recommendations("understøtter anbefaling 6 og 7.") == ["6", "7"]
    assert mentioned_recommendations("Opfølgning på anbefalingerne 3, 4 og 8") == ["3", "4", "8"]
    assert mentioned_recommendations("anbefaling 6 og 9. august") == ["6"]
    assert mentioned_recommendations("#### Anbefaling\n\nAt planen godkendes.") == []
    assert parse_item_refs("Udvalget drøftede den 9. august 2021, punkt 96, en ny indkaldelse") == [
        ItemRef(date(2021, 8, 9), 96)
    ]
    assert parse_item_refs("UFB 2021-08-09 pkt. 77") == [ItemRef(date(2021, 8, 9), 77)]
    # A date in an earlier sentence does not belong to the reference.
    assert parse_item_refs("Mødet 9. august 2021. Se punkt 4.", date(2022, 1, 31)) == [
        ItemRef(date(2022, 1, 31), 4)
    ]


RECS = [asdict(r) for r in load_set().recommendations]


def test_proposal_scores_and_reasons():
    item = {
        "title": "SMS-modul (anbefaling 6)",
        "text": "Påmindelse om møder.",
        "number": 3,
        "meeting_date": "2022-01-31",
    }
    props = propose_links(item, RECS)
    assert props[0].number == "6" and props[0].score == 1.0
    assert props[0].reason == "titlen nævner anbefaling 6; nøgleord: »sms«, »påmindelse«"
    assert propose_links({"title": "Godkendelse af dagsorden", "text": "Godkendt.", "number": 1}, RECS) == []


def test_known_decision_and_referenced_item():
    recs = [{**r, "references": ["UFB 2021-08-09 pkt. 96"] if r["number"] == "6" else []} for r in RECS]
    own = propose_links(
        {"title": "Mødeindkaldelser", "text": "", "number": 96, "meeting_date": "2021-08-09"}, recs
    )
    assert own[0].number == "6" and own[0].score == 1.0
    assert own[0].reason.startswith("punktet er kilde til en registreret status")
    later = propose_links(
        {
            "title": "Nyt modul",
            "text": "Udvalget drøftede den 9. august 2021, punkt 96, sagen.",
            "number": 12,
            "meeting_date": "2021-11-01",
        },
        recs,
    )
    assert [(p.number, p.score) for p in later] == [("6", 0.6)]


def _gold():
    return load_toml(OWN / "gold.toml")


def test_link_proposals_on_own_minutes(nlp):
    """Every proposal on the hand-keyed minutes is right (precision 1); recall at least 0.85."""
    from tests.conftest import ROOT
    from textmining.domain.recommendations import read_history

    refs: dict[str, list[str]] = {}
    for row in read_history(ROOT / "examples" / "anbefalinger_historik.csv"):
        refs.setdefault(row.number, []).append(row.source)
    recs = [{**r, "references": refs.get(r["number"], [])} for r in RECS]
    proposer = link_proposer(nlp)
    tp = fp = fn = 0
    for name, key in _gold().items():
        text = (OWN / name).read_text(encoding="utf-8")
        minutes = parse_minutes(text)
        assert {i.number for i in minutes.items} == {int(k) for k in key}
        for item in minutes.items:
            got = {
                p.number
                for p in proposer(
                    {
                        "title": item.title,
                        "number": item.number,
                        "text": text[item.start : item.end],
                        "meeting_date": minutes.meeting_date,
                    },
                    recs,
                )
            }
            truth = set(key[str(item.number)])
            assert not got - truth, (name, item.number, got)
            tp, fp, fn = tp + len(got & truth), fp + len(got - truth), fn + len(truth - got)
    assert fp == 0
    assert tp / (tp + fn) >= 0.85
