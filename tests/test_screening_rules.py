"""Screening rules V1 I2 R1 A1 P1 T1 F1 F2 on hand-built timelines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screening.cases import build_timeline, screen_folder, timelines_from_csv
from screening.rulebook import load_rulebook
from screening.rules import (
    RULE_IDS,
    add_calendar_months_end,
    case_to_json,
    evaluate,
)
from store.screening import VERDICTS
from textmining.domain.casenotes import CaseMeta
from textmining.domain.sanctions import CaseEvent, find_events

DATA = Path(__file__).parent / "data"


def ev(kind, when, negated=False, document="notater.txt", **details):
    return CaseEvent(kind, when, negated, f"{kind} ...", document, 0, 1, kind, details)


def meta(ydelse="kontanthjælp", kategori="jobparat"):
    return CaseMeta("sag-1", ydelse, kategori, "Anna Berg", "010190-1234", "Bo", "Team 1", None)


FAIL = date(2023, 5, 3)
GOOD = [
    ev("vejledning", date(2023, 4, 1), type="konsekvens", form="skriftlig"),
    ev("indkaldelse", date(2023, 4, 20), moede_dato="2023-05-03", konsekvens=True),
    ev("udeblivelse", FAIL, fra="samtale"),
    ev("partshoering", date(2023, 5, 5), frist="2023-05-15"),
    ev(
        "afgoerelse",
        date(2023, 5, 20),
        type="fradrag",
        skriftlig=True,
        begrundelse=True,
        klagevejledning=True,
    ),
]


def verdicts(events, m=None):
    return {f.rule: f.verdict for f in evaluate(build_timeline(m or meta(), events))}


def replace_event(events, kind, new):
    return [new if e.kind == kind else e for e in events]


def test_good_case_is_ok():
    assert verdicts(GOOD) == {
        "V1": "ok",
        "I2": "ok",
        "R1": "ikke_relevant",
        "R2": "ok",
        "A1": "ikke_relevant",
        "P1": "ok",
        "P2": "ikke_relevant",
        "T1": "ok",
        "F1": "ok",
        "F2": "ok",
        "S1": "ikke_relevant",
    }


def test_findings_cite_events_and_law():
    tl = build_timeline(meta(), GOOD)
    findings = {f.rule: f for f in evaluate(tl)}
    assert [f.rule for f in evaluate(tl)] == list(RULE_IDS)
    assert all(f.verdict in VERDICTS for f in findings.values())
    p1 = findings["P1"]
    assert [tl.events[i].kind for i in p1.events] == ["partshoering", "afgoerelse"]
    assert "forvaltningsloven § 19" in p1.explanation and "5. maj 2023" in p1.explanation
    assert "aktivloven § 35, stk. 3" in findings["T1"].explanation


def test_no_events_is_never_ok():
    assert set(verdicts([]).values()) == {"ikke_relevant"}
    only_failure = verdicts([ev("udeblivelse", FAIL)])
    assert only_failure["V1"] == "kan_ikke_vurderes"
    assert only_failure["I2"] == "kan_ikke_vurderes"
    decision_only = verdicts([ev("afgoerelse", FAIL, type="fradrag")])
    assert decision_only["P1"] == decision_only["F1"] == decision_only["F2"] == "kan_ikke_vurderes"
    assert "ok" not in decision_only.values()


@pytest.mark.parametrize(
    ("rule", "changed", "verdict"),
    [
        ("V1", ev("vejledning", date(2023, 4, 1), True, type="konsekvens"), "mangel"),
        ("V1", ev("vejledning", date(2023, 4, 1), type="konsekvens", form="mundtlig"), "mangel"),
        ("V1", ev("vejledning", date(2023, 4, 1), type="konsekvens"), "kan_ikke_vurderes"),
        (
            "V1",
            ev("vejledning", date(2023, 5, 10), type="konsekvens", form="skriftlig"),
            "kan_ikke_vurderes",
        ),
        (
            "I2",
            ev("indkaldelse", date(2023, 4, 20), moede_dato="2023-05-03", konsekvens=False),
            "mangel",
        ),
        ("I2", ev("indkaldelse", date(2023, 4, 20), moede_dato="2023-05-03"), "kan_ikke_vurderes"),
        ("P1", ev("partshoering", date(2023, 5, 5), True), "mangel"),
        ("P1", ev("partshoering", date(2023, 5, 5), frist="2023-05-25"), "mangel"),
        ("P1", ev("partshoering", date(2023, 5, 20)), "mangel"),
        (
            "F1",
            ev("afgoerelse", date(2023, 5, 20), type="fradrag", skriftlig=True, begrundelse=False),
            "mangel",
        ),
        ("F1", ev("afgoerelse", date(2023, 5, 20), type="fradrag", skriftlig=False), "mangel"),
        ("F1", ev("afgoerelse", date(2023, 5, 20), type="fradrag"), "kan_ikke_vurderes"),
    ],
)
def test_rule_both_ways(rule, changed, verdict):
    events = replace_event(GOOD, changed.kind, changed)
    assert verdicts(events)[rule] == verdict


def test_f2_without_and_negated_klagevejledning():
    def decision(**details):
        return ev(
            "afgoerelse", date(2023, 5, 20), type="fradrag", skriftlig=True, begrundelse=True, **details
        )

    assert verdicts(replace_event(GOOD, "afgoerelse", decision()))["F2"] == "kan_ikke_vurderes"
    negated = replace_event(GOOD, "afgoerelse", decision(klagevejledning=False))
    assert verdicts(negated)["F2"] == "mangel"


def test_i2_not_for_a_failure_in_an_offer():
    events = replace_event(GOOD, "udeblivelse", ev("udeblivelse", FAIL, fra="tilbud"))
    assert verdicts(events)["I2"] == "ikke_relevant"


def test_r1_reason_claimed_assessed_or_not():
    claim = ev("rimelig_grund", date(2023, 5, 4))
    assert verdicts(GOOD + [claim])["R1"] == "mangel"
    assessed = ev("rimelig_grund", date(2023, 5, 10), vurderet=True)
    assert verdicts(GOOD + [claim, assessed])["R1"] == "ok"
    undecided = [e for e in GOOD if e.kind != "afgoerelse"] + [claim]
    assert verdicts(undecided)["R1"] == "kan_ikke_vurderes"
    no_claim = ev("rimelig_grund", date(2023, 5, 20), True)  # "ingen rimelig grund oplyst"
    assert verdicts(GOOD + [no_claim])["R1"] == "ikke_relevant"


def test_a1_only_for_aktivitetsparate():
    aktiv = meta(kategori="aktivitetsparat")
    assert verdicts(GOOD, aktiv)["A1"] == "kan_ikke_vurderes"
    done = replace_event(
        GOOD,
        "afgoerelse",
        ev(
            "afgoerelse",
            date(2023, 5, 20),
            type="fradrag",
            skriftlig=True,
            begrundelse=True,
            a1_vurdering=True,
        ),
    )
    assert verdicts(done, aktiv)["A1"] == "ok"
    not_done = replace_event(GOOD, "afgoerelse", ev("afgoerelse", date(2023, 5, 20), a1_vurdering=False))
    assert verdicts(not_done, aktiv)["A1"] == "mangel"
    assert verdicts(GOOD, meta(kategori=None))["A1"] == "kan_ikke_vurderes"


@pytest.mark.parametrize(
    ("decided", "verdict"),
    [(date(2023, 8, 31), "ok"), (date(2023, 9, 1), "mangel"), (date(2023, 6, 1), "ok")],
)
def test_t1_three_whole_calendar_months(decided, verdict):
    events = replace_event(GOOD, "afgoerelse", ev("afgoerelse", decided, type="fradrag"))
    assert verdicts(events)["T1"] == verdict


def test_calendar_month_deadline():
    assert add_calendar_months_end(date(2023, 5, 3), 3) == date(2023, 8, 31)
    assert add_calendar_months_end(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_t1_not_for_ophoer_and_not_for_sygedagpenge():
    stop = replace_event(GOOD, "afgoerelse", ev("afgoerelse", date(2023, 12, 1), type="ophoer"))
    assert verdicts(stop)["T1"] == "ikke_relevant"
    sdp = verdicts(GOOD, meta("sygedagpenge", None))
    assert sdp["T1"] == sdp["A1"] == "ikke_relevant"
    assert sdp["P1"] == sdp["F1"] == sdp["F2"] == "ok"


def test_rule_version_by_ydelse_and_date():
    sdp = build_timeline(meta("sygedagpenge", None), GOOD)
    assert "sygedagpengeloven § 21" in {f.rule: f for f in evaluate(sdp)}["P1"].explanation
    old = [ev("udeblivelse", date(2013, 12, 11)), ev("afgoerelse", date(2014, 1, 8))]
    found = evaluate(build_timeline(meta(), old))
    assert {f.verdict for f in found} == {"kan_ikke_vurderes"}
    assert "1. januar 2014" in found[0].explanation


def test_no_sanction_decided_makes_decision_rules_irrelevant():
    events = [e for e in GOOD if e.kind != "afgoerelse"] + [ev("afgoerelse", FAIL, True)]
    v = verdicts(events)
    assert v["P1"] == v["T1"] == v["F1"] == v["F2"] == v["A1"] == "ikke_relevant"


def test_rules_file_has_basis_source_and_texts_for_every_rule():
    book = load_rulebook()
    for rule in RULE_IDS:
        spec = book.rules[rule]
        assert spec.title and spec.texts["ikke_relevant"]
        for version in spec.versions:
            assert version.basis and version.source.startswith("http")
            assert version.applies or version.reason


def test_timeline_sorted_by_date_undated_last():
    tl = build_timeline(
        meta(), [ev("klage", None), ev("udeblivelse", FAIL), ev("vejledning", date(2023, 1, 1))]
    )
    assert [e.kind for e in tl.events] == ["vejledning", "udeblivelse", "klage"]


def test_case_to_json_shape(nlp):
    tl = screen_folder(DATA / "cases" / "kh-001", nlp)
    data = json.loads(json.dumps(case_to_json(tl, evaluate(tl))))
    assert (data["case"], data["ydelse"], data["visitationskategori"]) == (
        "kh-001",
        "kontanthjælp",
        "jobparat",
    )
    assert set(data["events"][0]) == {
        "kind",
        "date",
        "negated",
        "evidence",
        "document",
        "start",
        "end",
        "details",
    }
    assert data["events"][0]["date"] == "2023-01-09"
    assert [f["rule"] for f in data["findings"]] == list(RULE_IDS)
    text = (DATA / "cases" / "kh-001" / "notater.txt").read_text(encoding="utf-8")
    first = data["events"][0]
    assert text[first["start"] : first["end"]] == first["evidence"]


def test_csv_export_timelines(nlp):
    timelines = {t.meta.case_id: t for t in timelines_from_csv(DATA / "cases_export.csv", nlp)}
    a = timelines["csv-101"]
    assert [(e.kind, e.date, e.negated) for e in a.events if e.kind != "vejledning"] == [
        ("indkaldelse", date(2023, 3, 20), False),
        ("udeblivelse", date(2023, 4, 3), False),
        ("afbud", date(2023, 4, 3), True),
        ("partshoering", date(2023, 4, 4), False),
        ("afgoerelse", date(2023, 4, 19), False),
    ]
    v = {f.rule: f.verdict for f in evaluate(a)}
    assert v["V1"] == v["I2"] == v["P1"] == v["T1"] == v["F1"] == v["F2"] == "ok"
    b = timelines["csv-102"]
    assert {(e.kind, e.negated) for e in b.events} == {
        ("partshoering", True),
        ("afgoerelse", True),
        ("vejledning", False),
    }


def test_later_mentions_are_references_not_new_events(nlp):
    """A note that speaks of an earlier act refers to it: the udeblivelse named again in the
    decision, the partshøring nobody answered, the assessment of a reason already claimed."""
    from textmining.domain.casenotes import CaseMeta
    from textmining.domain.sanctions import find_events

    text = (
        "02.03.2023 – Udeblivelse\nBorgeren udeblev fra samtalen i dag.\n\n"
        "03.03.2023 – Partshøring\nPartshøring sendt med frist 13.03.2023.\n\n"
        "06.03.2023 – Henvendelse\nBorgeren oplyser, at hun var syg. Rimelig grund?\n\n"
        "20.03.2023 – Afgørelse\nIngen svar på partshøringen. Det vurderes, at der ikke var en "
        "rimelig grund. Afgørelse om fradrag for udeblivelsen den 2. marts 2023 sendt.\n"
    )
    meta = CaseMeta("r-1", "kontanthjælp", "jobparat", None, None, None, None, None)
    tl = build_timeline(meta, find_events(text, nlp, document="n.txt"))
    acts = [(e.kind, e.date) for e in tl.events]
    assert acts.count(("udeblivelse", date(2023, 3, 2))) == 1
    assert [k for k, _ in acts].count("partshoering") == 1
    kinds = {(r.mention.kind, tl.events[r.refers_to].date) for r in tl.references}
    assert ("partshoering", date(2023, 3, 3)) in kinds
    assert ("udeblivelse", date(2023, 3, 2)) in kinds


def test_a1_assessment_written_as_narrative(nlp):
    """An aktivitetsparat citizen's situation assessed in a note of its own, in everyday words,
    before the decision, is the A1 assessment; a failure reported by the tilbud's provider is
    a failure from a tilbud (I2 does not apply)."""
    from textmining.domain.casenotes import CaseMeta
    from textmining.domain.sanctions import find_events

    text = (
        "01.03.2023 – Fravær\nPraktikværten ringer: borger ikke mødt i dag. Ingen afbud.\n\n"
        "03.03.2023 – Partshøring\nPartshøring sendt om påtænkt fradrag. Frist 13.03.2023.\n\n"
        "14.03.2023 – Vurdering\nJeg har tænkt over hendes situation: hun er stabil i sin "
        "behandling og er kommet til alle aftaler. Jeg vurderer, at et fradrag kan hjælpe hende "
        "med at holde fast i sine aftaler.\n\n"
        "15.03.2023 – Afgørelse\nAfgørelse om fradrag for 1 dag sendt med begrundelse og "
        "klagevejledning.\n"
    )
    meta = CaseMeta("a-1", "kontanthjælp", "aktivitetsparat", None, None, None, None, None)
    found = {
        f.rule: f.verdict for f in evaluate(build_timeline(meta, find_events(text, nlp, document="n.txt")))
    }
    assert found["A1"] == "ok"
    assert found["I2"] == "ikke_relevant"


def test_each_failure_is_judged_and_the_case_gets_the_worst():
    """Two failures, each with its own decision: the first properly partshørt, the second
    decided "uden partshøring" (the first failure's partshøring does not count for it). P1
    is a mangel for the case, shown on the second failure, and each failure's verdict listed."""
    events = [
        ev("vejledning", date(2023, 1, 9), type="konsekvens", form="skriftlig"),
        ev("udeblivelse", date(2023, 2, 1), fra="samtale"),
        ev("partshoering", date(2023, 2, 2)),
        ev(
            "afgoerelse",
            date(2023, 2, 15),
            type="fradrag",
            skriftlig=True,
            begrundelse=True,
            klagevejledning=True,
            udeblivelse_dato="2023-02-01",
        ),
        ev("udeblivelse", date(2023, 3, 1), fra="samtale"),
        ev("partshoering", date(2023, 3, 3), True),  # "afgjort uden partshøring"
        ev(
            "afgoerelse",
            date(2023, 3, 3),
            type="fradrag",
            skriftlig=True,
            begrundelse=True,
            klagevejledning=True,
            udeblivelse_dato="2023-03-01",
        ),
    ]
    tl = build_timeline(meta(), events)
    p1 = {f.rule: f for f in evaluate(tl)}["P1"]
    assert p1.verdict == "mangel"
    assert tl.events[p1.failure].date == date(2023, 3, 1)
    assert [v for _i, v in p1.per_failure] == ["ok", "mangel"]


# --- vejledning families (issue 10) ---------------------------------------------------------


def _timeline(nlp, text, ydelse="kontanthjælp"):
    from textmining.domain.sanctions import find_events

    return build_timeline(meta(ydelse), find_events(text, nlp, document="notater.txt"))


def _verdict(nlp, text, rule):
    return {f.rule: f.verdict for f in evaluate(_timeline(nlp, text))}[rule]


def test_a_summons_line_on_the_consequence_is_vejledning_only_before_2020(nlp):
    """'Af brevet fremgår, at udeblivelse uden rimelig grund medfører fradrag' is the
    concrete vejledning of the rule before 2020; from 2020 V1 asks for the vejledning on all
    rights and duties, and I2 (the summons stated the consequence) is met by the line."""
    notes = (
        "{d1} Indkaldelse til jobsamtale {meet} kl. 10 sendt. Af brevet fremgår, at "
        "udeblivelse uden rimelig grund medfører fradrag i kontanthjælpen.\n\n"
        "{meet} Bg. ikke mødt til jobsamtalen, ingen afbud.\n"
    )
    old = notes.format(d1="02.03.2017", meet="14.03.2017")
    new = notes.format(d1="02.03.2022", meet="14.03.2022")
    assert _verdict(nlp, old, "V1") == "ok"
    assert _verdict(nlp, new, "V1") == "kan_ikke_vurderes"
    assert _verdict(nlp, new, "I2") == "ok"
    with_pjece = '10.01.2022 Første samtale. Udleveret pjecen "Dine rettigheder og pligter".\n\n' + new
    assert _verdict(nlp, with_pjece, "V1") == "ok"


def test_a_note_that_the_letter_lacked_the_consequence_is_an_i2_mangel(nlp):
    text = (
        "02.03.2017 Indk. til samtale 14/3 kl. 9.30 sendt (standardbrev). Brevet indeholder "
        "ikke vejl. om konsekvens ved udebl.\n\n14.03.2017 Bg. udebl. Ingen afbud.\n"
    )
    assert _verdict(nlp, text, "I2") == "mangel"


def test_vejledning_on_skaerpet_naming_the_paragraph_is_an_act_and_a_recall_is_not(nlp):
    from textmining.domain.sanctions import find_events

    act = find_events(
        "I samme brev vejledning efter § 35, stk. 2 om skærpet rådighedssanktion.",
        nlp,
        document="n.txt",
        doc_date=date(2026, 2, 11),
    )
    assert [(e.kind, e.details.get("type"), e.details.get("omtale")) for e in act] == [
        ("vejledning", "skaerpet", None)
    ]
    recall = find_events(
        "Hustruen er også vejledt om skærpet rådighedssanktion.",
        nlp,
        document="n.txt",
        doc_date=date(2026, 3, 18),
    )
    assert [e.details.get("omtale") for e in recall if e.kind == "vejledning"] == [True]
    meeting = find_events(
        "Vi talte om jobsøgning, og hun er vejledt om, hvad der sker ved udeblivelse.",
        nlp,
        document="n.txt",
        doc_date=date(2023, 9, 18),
    )
    assert [e.details.get("omtale") for e in meeting if e.kind == "vejledning"] == [None]


def test_r2_is_irrelevant_when_the_kommune_decides_not_to_sanction():
    """The inquiry into a reason comes before a sanction; after "der sanktioneres ikke" there
    is none, however the kommune looked into it. Without a decision either way it stays open."""
    looked = [e for e in GOOD if e.kind != "afgoerelse"]
    spared = looked + [ev("afgoerelse", date(2023, 5, 12), True)]
    assert verdicts(spared)["R2"] == "ikke_relevant"
    assert verdicts(looked)["R2"] == "ok"
    silent = [e for e in looked if e.kind != "partshoering"]
    assert verdicts(silent)["R2"] == "kan_ikke_vurderes"
    assert verdicts(silent + [ev("afgoerelse", date(2023, 5, 12), True)])["R2"] == "ikke_relevant"


def test_a1_reasons_shown_without_the_assessment_are_a_mangel(nlp):
    """The A1 assessment belongs in the decision's reasons: reasons written in the case that
    do not show it lack it (mangel); a decision only recorded as sent cannot tell."""
    aktiv = meta(kategori="aktivitetsparat")

    def a1(journal):
        found = [e for e in find_events(journal, nlp, document="j.txt")]
        return {f.rule: f.verdict for f in evaluate(build_timeline(aktiv, found))}["A1"]

    head = (
        "02.10.2024\nTorben udeblev fra jobsamtalen i dag uden afbud.\n\n"
        "04.10.2024\nPartshøring sendt om påtænkt fradrag for udeblivelsen 2.10.\n\n"
        "21.10.2024\n"
    )
    assert a1(head + "Afgørelse om fradrag for 2.10. sendt.\n") == "kan_ikke_vurderes"
    assert a1(head + "Afgørelse om fradrag for 2.10. efter aktivloven § 37 sendt.\n") == "mangel"
    assert (
        a1(
            head + "Afgørelse om fradrag for 2.10. sendt. Begrundelse: Torben har ikke "
            "oplyst nogen grund til udeblivelsen.\n"
        )
        == "mangel"
    )
    assert (
        a1(
            head + "Vi har vurderet hans samlede situation, og at et fradrag vil fremme "
            "hans rådighed. Afgørelse om fradrag for 2.10. efter § 37 sendt.\n"
        )
        == "ok"
    )


def test_a_reason_assessed_on_a_later_day_is_an_event_of_that_day(nlp):
    """A reason told one day and assessed another are two rimelig_grund events (DOMAIN.md §3:
    a reason claimed or assessed), so R1 sees when the assessment came: before the decision
    it is ok, after it the reason was not assessed before deciding."""
    told = (
        "03.09.2024\nIda udeblev fra samtalen i dag.\n\n04.09.2024\nIda ringer: hun havde glemt aftalen.\n\n"
    )
    judged = "Vurdering: at hun glemte aftalen er ikke en rimelig grund.\n\n"
    decided = "Afgørelse om fradrag for 3.9. efter § 37 sendt.\n"
    before = told + "12.09.2024\n" + judged + "16.09.2024\n" + decided
    tl = build_timeline(meta(), find_events(before, nlp, document="j.txt"))
    reasons = [e.date for e in tl.events if e.kind == "rimelig_grund"]
    assert reasons == [date(2024, 9, 4), date(2024, 9, 12)]
    assert {f.rule: f.verdict for f in evaluate(tl)}["R1"] == "ok"
    after = told + "10.09.2024\n" + decided + "\n16.09.2024\n" + judged
    tl = build_timeline(meta(), find_events(after, nlp, document="j.txt"))
    assert {f.rule: f.verdict for f in evaluate(tl)}["R1"] == "mangel"
