"""The screening rules follow the law in force on the date of each failure."""

from __future__ import annotations

from datetime import date

import pytest

from screening.cases import build_timeline
from screening.errors import ScreeningError
from screening.rulebook import load_rulebook, parse_rulebook
from screening.rules import case_to_json, evaluate
from textmining.domain.casenotes import CaseMeta
from textmining.domain.sanctions import CaseEvent


def ev(kind, when, negated=False, **details):
    return CaseEvent(kind, when, negated, f"{kind} ...", "notater.txt", 0, 1, kind, details)


def meta(ydelse="kontanthjælp", kategori="jobparat"):
    return CaseMeta("sag-1", ydelse, kategori, "Anna Berg", "010190-1234", "Bo", "Team 1", None)


def judged(events, m=None):
    return {f.rule: f for f in evaluate(build_timeline(m or meta(), events))}


def case(fail, *, guidance=None, summons=None, konsekvens=None, decided=None, kind="fradrag"):
    """A failure at a meeting, optionally a written vejledning, the summons for the meeting,
    a partshøring and a decision."""
    events = [ev("udeblivelse", fail, fra="samtale")]
    if guidance:
        events.append(ev("vejledning", guidance, type="konsekvens", form="skriftlig"))
    if summons:
        details = {"moede_dato": fail.isoformat()}
        if konsekvens is not None:
            details["konsekvens"] = konsekvens
        events.append(ev("indkaldelse", summons, **details))
    decided = decided or date.fromordinal(fail.toordinal() + 14)
    events += [
        ev("partshoering", date.fromordinal(fail.toordinal() + 2)),
        ev("afgoerelse", decided, type=kind, skriftlig=True, begrundelse=True, klagevejledning=True),
    ]
    return events


def test_v1_has_three_aktivloven_versions_split_at_2020_and_2024():
    v1 = load_rulebook().rules["V1"]
    spans = [(v.fra, v.til) for v in v1.versions if "aktivloven" in v.grupper]
    assert spans == [
        (date(2014, 1, 1), date(2019, 12, 31)),
        (date(2020, 1, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), None),
    ]
    assert {"R2", "P2", "S1"} <= set(load_rulebook().ids)


@pytest.mark.parametrize(
    ("fail", "fra", "verdict"),
    [
        # Before 2020 the vejledning had to come with the summons: a written vejledning months
        # earlier and a summons without the consequence cannot carry the sanction.
        (date(2019, 12, 31), date(2014, 1, 1), "mangel"),
        # From 2020 the same vejledning, given within 6 months, is enough.
        (date(2020, 1, 2), date(2020, 1, 1), "ok"),
    ],
)
def test_v1_at_the_2020_boundary(fail, fra, verdict):
    found = judged(case(fail, guidance=date(2019, 9, 2), summons=date(2019, 12, 16), konsekvens=False))["V1"]
    assert (found.version.fra, found.verdict) == (fra, verdict)
    if verdict == "mangel":
        assert "før 2020" in found.explanation and "2. september 2019" in found.explanation


def test_v1_before_2020_summons_with_consequence_is_the_vejledning():
    found = judged(
        case(date(2019, 12, 31), guidance=date(2019, 12, 16), summons=date(2019, 12, 16), konsekvens=True)
    )["V1"]
    assert found.verdict == "ok" and "sammen med indkaldelsen" in found.explanation


@pytest.mark.parametrize(
    ("fail", "verdict"),
    [
        # 2020-2023: renewed at least every 6 months; the last one is 8 months old: the journal shows
        # no repeat, and the kommune must be able to document one (mangel).
        (date(2023, 12, 29), "mangel"),
        # From 2024 the vejledning has no renewal requirement.
        (date(2024, 1, 2), "ok"),
    ],
)
def test_v1_at_the_2024_boundary(fail, verdict):
    found = judged(case(fail, guidance=date(2023, 4, 20)))["V1"]
    assert found.verdict == verdict
    if verdict == "mangel":
        assert "6 måneder" in found.explanation and "20. april 2023" in found.explanation
        assert "lov nr. 1558" in found.version.basis
    else:
        assert "lov nr. 727" in found.version.basis


@pytest.mark.parametrize(("fail", "converted"), [(date(2025, 6, 30), False), (date(2025, 7, 2), True)])
def test_uddannelseshjaelp_before_and_after_1_july_2025(fail, converted):
    found = judged(case(fail, guidance=date(2025, 3, 3)), meta("uddannelseshjælp"))
    note = "en del af kontanthjælp"
    assert all((note in f.explanation) == converted for f in found.values() if f.version is not None)
    assert found["V1"].verdict == "ok"


def test_skaerpet_sanction_for_an_aktivitetsparat_after_l108_is_a_mangel():
    events = case(date(2025, 9, 1), guidance=date(2025, 6, 2), kind="skaerpet")
    found = judged(events, meta(kategori="aktivitetsparat"))["S1"]
    assert found.verdict == "mangel" and "aktivitetsparat" in found.explanation
    assert found.version.fra == date(2025, 7, 1)
    before = judged(
        case(date(2025, 3, 3), guidance=date(2025, 1, 6), kind="skaerpet"), meta(kategori="aktivitetsparat")
    )["S1"]
    assert before.verdict == "kan_ikke_vurderes"  # the conditions are not shown
    assert before.version.til == date(2025, 6, 30)


def test_skaerpet_sanction_conditions():
    events = [
        ev("afgoerelse", date(2024, 2, 1), type="fradrag"),
        ev("vejledning", date(2024, 2, 1), type="skaerpet", form="skriftlig"),
        ev("vejledning", date(2024, 1, 8), type="konsekvens", form="skriftlig"),
        ev("udeblivelse", date(2024, 3, 4)),
        ev("afgoerelse", date(2024, 3, 20), type="skaerpet", manglende_vilje=True),
    ]
    assert judged(events)["S1"].verdict == "ok"
    events[-1] = ev("afgoerelse", date(2024, 3, 20), type="skaerpet", manglende_vilje=False)
    found = judged(events)["S1"]
    assert found.verdict == "mangel" and "manglende vilje" in found.explanation


def test_a_case_spanning_2020_uses_each_failures_version():
    first = case(
        date(2019, 12, 20),
        guidance=date(2019, 6, 3),
        summons=date(2019, 12, 2),
        konsekvens=False,
        decided=date(2020, 1, 6),
    )
    second = [
        ev("vejledning", date(2020, 1, 6), type="konsekvens", form="skriftlig"),
        ev("udeblivelse", date(2020, 2, 3), fra="samtale"),
        ev("partshoering", date(2020, 2, 4)),
        ev(
            "afgoerelse",
            date(2020, 2, 17),
            type="fradrag",
            skriftlig=True,
            begrundelse=True,
            klagevejledning=True,
            udeblivelse_dato="2020-02-03",
        ),
    ]
    tl = build_timeline(meta(), first + second)
    v1 = {f.rule: f for f in evaluate(tl)}["V1"]
    assert v1.verdict == "mangel" and v1.version.fra == date(2014, 1, 1)
    assert sorted(v for _i, v in v1.per_failure) == ["mangel", "ok"]
    assert tl.events[v1.failure].date == date(2019, 12, 20)


def test_unknown_dates_give_kan_ikke_vurderes_with_the_reason():
    found = judged([ev("udeblivelse", None), ev("afgoerelse", None, type="fradrag")])
    assert found["V1"].verdict == "kan_ikke_vurderes"
    assert "dato" in found["V1"].explanation
    assert found["F2"].version is not None  # one version: the date does not matter


def test_findings_json_carry_the_version():
    tl = build_timeline(meta(), case(date(2023, 5, 3), guidance=date(2023, 4, 1)))
    data = case_to_json(tl, evaluate(tl))
    v1 = next(f for f in data["findings"] if f["rule"] == "V1")
    assert v1["version"] == {
        "fra": "2020-01-01",
        "til": "2023-12-31",
        "basis": v1["version"]["basis"],
        "bekraeftet": False,
    }
    assert "§ 35" in v1["version"]["basis"]


def test_other_ydelser_have_their_own_provisions():
    book = load_rulebook()
    assert book.group_of("jobafklaringsforløb") == "jobafklaring"
    found = judged(
        case(date(2023, 5, 3), guidance=date(2023, 4, 1)), meta("ressourceforløbsydelse", "aktivitetsparat")
    )
    assert "69 b" in found["V1"].version.basis
    assert found["A1"].verdict == "kan_ikke_vurderes"  # aktivitetsparat: A1 applies


def test_rule_file_errors_are_one_danish_line():
    base = {
        "ydelser": {"aktivloven": ["kontanthjælp"]},
        "texts": {},
        "rules": {
            "X1": {
                "title": "x",
                "kind": "lov",
                "forskrift": "garanti",
                "versions": [
                    {
                        "fra": date(2014, 1, 1),
                        "til": date(2019, 12, 31),
                        "grupper": ["aktivloven"],
                        "basis": "b",
                        "source": "s",
                        "bekraeftet": False,
                    },
                    {
                        "fra": date(2020, 2, 1),
                        "grupper": ["aktivloven"],
                        "basis": "b",
                        "source": "s",
                        "bekraeftet": False,
                    },
                ],
            }
        },
    }
    with pytest.raises(ScreeningError, match="hul for aktivloven"):
        parse_rulebook(base)
    del base["rules"]["X1"]["versions"][0]["source"]
    with pytest.raises(ScreeningError, match="mangler source"):
        parse_rulebook(base)


@pytest.mark.parametrize(
    ("details", "verdict", "named"),
    [
        ({"klage_ankestyrelsen": True, "klage_frist": True, "klage_genvurdering": True}, "ok", None),
        ({"klage_ankestyrelsen": True}, "mangel", "klagefristen på 4 uger"),
        ({"klage_frist": True, "klage_genvurdering": True}, "mangel", "Ankestyrelsen"),
    ],
)
def test_f2_reads_the_content_of_a_decision_letter(details, verdict, named):
    events = case(date(2024, 3, 4), guidance=date(2024, 1, 8))
    letter = ev(
        "afgoerelse",
        date(2024, 3, 18),
        type="fradrag",
        skriftlig=True,
        begrundelse=True,
        klagevejledning=True,
        brev=True,
        **details,
    )
    found = judged([e for e in events if e.kind != "afgoerelse"] + [letter])["F2"]
    assert found.verdict == verdict
    assert named is None or named in found.explanation
    # A journal note that says "sendt m/ klagevejledning" is judged on its word.
    note = ev("afgoerelse", date(2024, 3, 18), type="fradrag", klagevejledning=True)
    assert judged([e for e in events if e.kind != "afgoerelse"] + [note])["F2"].verdict == "ok"


def test_garanti_and_ordensforskrifter_are_told_apart():
    book = load_rulebook()
    assert book.rules["P1"].forskrift == "garanti" and book.rules["F2"].forskrift == "orden"
    assert book.rules["V1"].forskrift == "betingelse"  # Ankestyrelsen: a condition of the sanction


@pytest.mark.parametrize(
    ("details", "verdict", "named"),
    [
        ({"begrundelse_regel": True, "forseelse_naevnt": True}, "ok", None),
        ({"forseelse_naevnt": True}, "mangel", "den regel"),
        ({"begrundelse_regel": True}, "mangel", "forseelsen"),
    ],
)
def test_f1_reads_the_begrundelse_of_a_decision_letter(details, verdict, named):
    events = [e for e in case(date(2024, 3, 4), guidance=date(2024, 1, 8)) if e.kind != "afgoerelse"]
    letter = ev(
        "afgoerelse",
        date(2024, 3, 18),
        type="fradrag",
        skriftlig=True,
        klagevejledning=True,
        brev=True,
        **details,
    )
    found = judged(events + [letter])["F1"]
    assert found.verdict == verdict
    assert named is None or named in found.explanation
