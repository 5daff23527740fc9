"""The store's query functions that the reports are built from (store.screening, store.letters,
store.statistics, store.surveys, store.recommendations), on small in-memory stores."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store import documents as docstore
from store import letters as letterstore
from store import open_store
from store import recommendations as recstore
from store import screening as sstore
from store import statistics as stats
from store import surveys as surveystore


@pytest.fixture
def store():
    s = open_store(memory=True)
    yield s
    s.close()


def _doc(
    store,
    doc_id: str,
    path: str,
    *,
    case_id: str | None = None,
    date_: str | None = None,
    note: str | None = None,
    extra=(),
) -> None:
    docstore.store_document(
        store,
        {
            "id": doc_id,
            "path": path,
            "kind": "table",
            "text": "",
            "format": "csv",
            "case_id": case_id,
            "date": date_,
            "source_note": note,
        },
        extra=extra,
    )


def _screen(store, verdicts: dict[str, str], rule: str = "P1") -> dict[str, int]:
    """One screening run giving each case the verdict; case id → finding id."""
    run = docstore.start_run(store, "screen run")
    for case_id, verdict in verdicts.items():
        sstore.upsert_case(store, {"id": case_id})
        sstore.store_findings(
            store, run, case_id, [{"rule": rule, "verdict": verdict, "explanation": f"{case_id} {verdict}"}]
        )
    return {f["case_id"]: f["id"] for f in sstore.latest_findings(store) if f["rule"] == rule}


# --------------------------------------------------------------------------------------------
# Screening: reviews applied in one place


def test_verdict_counts_apply_the_latest_review_and_agree_with_the_cli_summary(store):
    ids = _screen(store, {"A": "ok", "B": "ok", "C": "mangel", "D": "mangel", "E": "kan_ikke_vurderes"})
    sstore.add_review(store, ids["A"], reviewer="x", decision="afvist")  # ok → mangel
    sstore.add_review(store, ids["C"], reviewer="x", decision="afvist")  # mangel → ok
    sstore.add_review(store, ids["D"], reviewer="x", decision="bekraeftet")
    sstore.add_review(store, ids["D"], reviewer="y", decision="aendret", verdict="ok")  # latest
    counts = sstore.current_verdict_counts(store)["P1"]
    assert (counts["ok"], counts["mangel"], counts["kan_ikke_vurderes"]) == (3, 1, 1)
    from screening.run import summary  # what `afdaek screen summary` shows

    assert {v: n for v, n in counts.items() if n} == summary(store)["verdicts"]["P1"]


def test_a_review_still_counts_after_a_new_screening_run(store):
    ids = _screen(store, {"A": "ok", "B": "ok"})
    sstore.add_review(store, ids["A"], reviewer="x", decision="afvist")
    _screen(store, {"A": "ok", "B": "ok"})  # the case is screened again
    reviewed = sstore.reviewed_findings(store)
    assert [(f.case_id, f.tool, f.verdict) for f in reviewed] == [("A", "ok", "mangel")]
    assert reviewed[0].id != ids["A"]  # the review applies to the current finding
    assert sstore.current_verdict_counts(store)["P1"]["mangel"] == 1
    assert sstore.screened_case_count(store) == 2
    assert sstore.reviewed_rule_count(store) == 1


def test_mangel_examples_leave_out_overturned_ones_and_take_reviewed_ones(store):
    ids = _screen(store, {"A": "mangel", "B": "mangel", "C": "ok", "D": "mangel"})
    sstore.add_review(store, ids["A"], reviewer="x", decision="afvist")  # no longer a mangel
    sstore.add_review(store, ids["C"], reviewer="x", decision="afvist")  # now a mangel
    picked = sstore.current_mangler(store, ["P1"], limit=2)["P1"]
    assert [f.case_id for f in picked] == ["B", "C"]
    assert [f.case_id for f in sstore.current_mangler(store, ["P1"], limit=5)["P1"]] == ["B", "C", "D"]
    assert sstore.current_mangler(store, ["V1"], limit=2) == {"V1": []}


def test_example_events_and_evidence(store):
    sstore.upsert_case(store, {"id": "A"})
    event_ids = sstore.replace_events(
        store,
        "A",
        None,
        [
            {
                "kind": "udeblivelse",
                "date": "2021-03-04",
                "evidence": "Borger udeblev.",
                "document": "note.txt",
            },
            {"kind": "indkaldelse", "date": "2021-01-15", "evidence": "Indkaldt.", "document": "note.txt"},
        ],
    )
    run = docstore.start_run(store, "screen run")
    sstore.store_findings(
        store,
        run,
        "A",
        [{"rule": "P1", "verdict": "mangel", "explanation": "Ingen partshøring.", "events": event_ids}],
    )
    finding = sstore.current_mangler(store, ["P1"], limit=1)["P1"][0]
    assert finding.events == tuple(event_ids)
    assert sstore.event_evidence(store, finding.events[0]) == "Borger udeblev."
    assert sstore.event_evidence(store, 999) is None
    span = sstore.event_dates(store)
    assert (span.n, span.first, span.last) == (2, "2021-01-15", "2021-03-04")


def test_review_dates_and_case_inventory(store):
    assert sstore.review_dates(store).n == 0
    _doc(store, "d1", "/sager/A/notat.txt", case_id="A", date_="2021-02-01")
    _doc(store, "d2", "/sager/A/brev.txt", case_id="A", date_="2021-05-01")
    _doc(store, "d3", "/tabeller/tilbud.csv")
    ids = _screen(store, {"A": "ok"})
    sstore.add_review(store, ids["A"], reviewer="x", decision="bekraeftet", reviewed_at="2022-01-03T10:00:00")
    sstore.add_review(store, ids["A"], reviewer="x", decision="afvist", reviewed_at="2022-02-03T10:00:00")
    span = sstore.review_dates(store)
    assert (span.n, span.first[:10], span.last[:10]) == (2, "2022-01-03", "2022-02-03")
    inv = sstore.case_inventory(store)
    assert (inv.cases, inv.documents.n, inv.documents.first, inv.documents.last, inv.runs) == (
        1,
        2,
        "2021-02-01",
        "2021-05-01",
        1,
    )
    assert sorted(sstore.case_document_paths(store)) == ["/sager/A/brev.txt", "/sager/A/notat.txt"]


def test_verdicts_per_run_day_count_each_run_day_with_the_tools_verdicts(store):
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO runs (id, command, started_at) VALUES "
            "(1, 'screen', '2021-03-01T10:00:00'), (2, 'screen', '2021-06-01T10:00:00')"
        )
    sstore.upsert_case(store, {"id": "A"})
    sstore.upsert_case(store, {"id": "B"})
    sstore.store_findings(store, 1, "A", [{"rule": "P1", "verdict": "mangel", "explanation": ""}])
    sstore.store_findings(store, 1, "B", [{"rule": "P1", "verdict": "mangel", "explanation": ""}])
    sstore.store_findings(
        store,
        2,
        "A",
        [
            {"rule": "P1", "verdict": "ok", "explanation": ""},
            {"rule": "V1", "verdict": "kan ikke vurderes", "explanation": ""},
        ],
    )
    rows = {(r.day, r.rule, r.verdict): r.n for r in sstore.verdicts_per_run_day(store, ["P1"])}
    assert rows == {("2021-03-01", "P1", "mangel"): 2, ("2021-06-01", "P1", "ok"): 1}
    both = sstore.verdicts_per_run_day(store, ["P1", "V1"])
    assert ("2021-06-01", "V1", "kan_ikke_vurderes", 1) in {(r.day, r.rule, r.verdict, r.n) for r in both}


# --------------------------------------------------------------------------------------------
# Letters


def _letter(
    store, n: int, *, profile="indkaldelse", lix=40.0, missing="[]", day="2023-05-02", issues=()
) -> None:
    doc_id = f"{n:064d}"
    _doc(
        store,
        doc_id,
        f"/breve/{n}.txt",
        extra=[
            (
                "letter_checks",
                [
                    {
                        "document_id": doc_id,
                        "profile": profile,
                        "letter_date": day,
                        "lix": lix,
                        "words": 100,
                        "sentences": 8,
                        "long_words": 30,
                        "checklist": json.dumps({"tid": True, "sted": False}),
                        "missing": missing,
                        "checked_at": "2023-05-02T10:00:00",
                    }
                ],
            ),
            (
                "language_issues",
                [
                    {
                        "document_id": doc_id,
                        "rule": rule,
                        "text": text,
                        "start": 0,
                        "end": len(text),
                        "message": "",
                        "suggestion": suggestion,
                    }
                    for rule, text, suggestion in issues
                ],
            ),
        ],
    )


def test_letter_checks_read_their_checklist_and_missing_items(store):
    _letter(store, 1, missing='["sted"]', day="2023-01-10")
    _letter(store, 2, lix=None, missing="ikke json", day="2023-06-30")
    _letter(store, 3, profile="partshoering", day=None)
    checks = letterstore.letter_checks(store)
    assert [c.profile for c in checks] == ["indkaldelse", "indkaldelse", "partshoering"]
    assert checks[0].checklist == {"tid": True, "sted": False}
    assert checks[0].missing == ["sted"]
    assert checks[1].missing is None and checks[1].lix is None  # unreadable, not "complete"
    assert checks[2].missing == []
    span = letterstore.letter_dates(store)
    assert (span.n, span.first, span.last) == (3, "2023-01-10", "2023-06-30")


def test_klarsprog_issues_count_letters_and_take_the_commonest_text(store):
    _letter(
        store,
        1,
        issues=[
            ("passiv", "Det Meddeles", "Vi meddeler"),
            ("passiv", "det meddeles", "Vi meddeler"),
            ("fagord", "ydelsesophør", None),
        ],
    )
    _letter(store, 2, issues=[("passiv", "Der foretages", None)])
    _doc(
        store,
        "x" * 64,
        "/andet.txt",
        extra=[
            (
                "language_issues",
                [
                    {
                        "document_id": "x" * 64,
                        "rule": "passiv",
                        "text": "ikke et brev",
                        "start": 0,
                        "end": 1,
                        "message": "",
                    }
                ],
            )
        ],
    )  # not a checked letter
    found = {r["rule"]: r for r in letterstore.klarsprog_issues(store)}
    assert (found["passiv"]["fund"], found["passiv"]["breve"]) == (3, 2)
    assert (found["passiv"]["text"], found["passiv"]["suggestion"]) == ("det meddeles", "Vi meddeler")
    assert (found["fagord"]["fund"], found["fagord"]["suggestion"]) == (1, None)
    assert sorted(letterstore.letter_document_paths(store)) == ["/breve/1.txt", "/breve/2.txt"]


# --------------------------------------------------------------------------------------------
# Statistics


def _tables(store) -> None:
    _doc(
        store,
        "s",
        "/t/sanktioner.csv",
        note="Kilde: jobindsats.dk, STAR",
        extra=[
            (
                "sanction_stats",
                [
                    {
                        "document_id": "s",
                        "municipality": "Testrup Kommune",
                        "period": "2021K1",
                        "ydelse": "Kontanthjælp",
                        "sanction_type": "Fradrag",
                        "count": 7,
                    },
                    {
                        "document_id": "s",
                        "municipality": "Testrup Kommune",
                        "period": "2021K1",
                        "ydelse": "Kontanthjælp",
                        "sanction_type": "Fradrag",
                        "count": None,
                    },
                    {
                        "document_id": "s",
                        "municipality": "Testrup Kommune",
                        "period": "2021K2",
                        "ydelse": "Kontanthjælp",
                        "sanction_type": "Fradrag",
                        "count": None,
                    },
                    {
                        "document_id": "s",
                        "municipality": "Nabo Kommune",
                        "period": "2021K2",
                        "ydelse": None,
                        "sanction_type": "Nedsættelse",
                        "count": 12,
                    },
                ],
            )
        ],
    )
    _doc(
        store,
        "a",
        "/t/ankesager.csv",
        extra=[
            (
                "appeal_stats",
                [
                    {
                        "document_id": "a",
                        "municipality": "Testrup Kommune",
                        "period": "2021",
                        "ydelse": "Kontanthjælp",
                        "appeals": 10,
                        "changed": 2,
                        "sent_back": 1,
                        "upheld": 7,
                    },
                    {
                        "document_id": "a",
                        "municipality": "Testrup Kommune",
                        "period": "2021",
                        "ydelse": "Kontanthjælp",
                        "appeals": 4,
                        "changed": None,
                        "sent_back": 1,
                        "upheld": 3,
                    },
                ],
            )
        ],
    )
    _doc(
        store,
        "i",
        "/t/indikatorer.csv",
        extra=[
            (
                "indicators",
                [
                    {
                        "document_id": "i",
                        "source": "jobindsats.dk",
                        "measure": "Antal personer",
                        "group_name": "Kontanthjælp i alt",
                        "municipality": "Testrup Kommune",
                        "period": "2021K1",
                        "value": 100.0,
                        "unit": "antal",
                    },
                    {
                        "document_id": "i",
                        "source": "jobindsats.dk",
                        "measure": "antal personer",
                        "group_name": "Kontanthjælp i alt",
                        "municipality": "Testrup Kommune",
                        "period": "2021K2",
                        "value": 110.0,
                        "unit": "antal",
                    },
                    {
                        "document_id": "i",
                        "source": "jobindsats.dk",
                        "measure": "Andel i job",
                        "group_name": "Alle",
                        "municipality": "Testrup Kommune",
                        "period": "2021K2",
                        "value": 30.0,
                        "unit": "pct",
                    },
                    {
                        "document_id": "i",
                        "source": "STAR",
                        "measure": "Andel i job",
                        "group_name": "Alle",
                        "municipality": "Testrup Kommune",
                        "period": "2021K2",
                        "value": 31.5,
                        "unit": "pct",
                    },
                    {
                        "document_id": "i",
                        "source": "jobindsats.dk",
                        "measure": "Andel i job",
                        "group_name": "Alle",
                        "municipality": "Hele landet",
                        "period": "2021K2",
                        "value": 28.0,
                        "unit": "pct",
                    },
                ],
            )
        ],
    )
    _doc(
        store,
        "q",
        "/t/survey.csv",
        extra=[
            (
                "survey_responses",
                [
                    {
                        "document_id": "q",
                        "respondent": "r1",
                        "group_name": "Ledige",
                        "satisfaction": "Tilfreds",
                    },
                    {
                        "document_id": "q",
                        "respondent": "r2",
                        "group_name": None,
                        "satisfaction": None,
                        "during": "Fint møde",
                    },
                ],
            )
        ],
    )


def test_sanction_totals_sum_known_counts_and_keep_all_suppressed_as_none(store):
    _tables(store)
    totals = {(r["municipality"], r["period"]): r["n"] for r in stats.sanction_totals(store)}
    assert totals == {
        ("Testrup Kommune", "2021K1"): 7,
        ("Testrup Kommune", "2021K2"): None,
        ("Nabo Kommune", "2021K2"): 12,
    }
    cells = stats.sanction_stats(store)
    assert len(cells) == 4 and sum(c["count"] is None for c in cells) == 2


def test_appeal_stats_sum_per_municipality_period_and_ydelse(store):
    _tables(store)
    [row] = stats.appeal_stats(store)
    assert (row["appeals"], row["changed"], row["sent_back"], row["upheld"]) == (14, 2, 2, 10)


def test_indicator_questions(store):
    _tables(store)
    assert [r["value"] for r in stats.people_counts(store, "Testrup Kommune")] == [100.0, 110.0]
    assert stats.people_counts(store, "Nabo Kommune") == []
    # two rows for the same cell: the one stored last counts
    assert stats.indicator_value(store, "Andel i job", "Alle", "Testrup Kommune", "2021K2") == (31.5, "pct")
    assert stats.indicator_value(store, "Andel i job", "Alle", "Testrup Kommune", "2019K1") == (None, "")
    assert sorted(stats.indicator_periods(store, "Testrup Kommune")) == ["2021K1", "2021K2"]
    assert sorted(stats.indicator_municipalities(store)) == ["Hele landet", "Testrup Kommune"]
    measures = [(r["measure"], r["municipality"]) for r in stats.indicators(store)]
    assert measures == sorted(measures)


def test_table_sources_filter_by_value_or_values_and_refuse_unknown_columns(store):
    _tables(store)
    rows = stats.table_sources(
        store, "indicators", {"measure": "Andel i job", "period": ["2021K2", "2019K1"]}
    )
    assert {(r.path, r.source, r.period) for r in rows} == {
        ("/t/indikatorer.csv", "jobindsats.dk", "2021K2"),
        ("/t/indikatorer.csv", "STAR", "2021K2"),
    }
    [own] = {
        (r.path, r.note)
        for r in stats.table_sources(store, "sanction_stats", {"municipality": "Nabo Kommune"})
    }
    assert own == ("/t/sanktioner.csv", "Kilde: jobindsats.dk, STAR")
    assert stats.table_sources(store, "offers") == []
    survey = stats.table_sources(store, "survey_responses")
    assert [(r.source, r.period) for r in survey] == [(None, None)]
    with pytest.raises(ValueError):
        stats.table_sources(store, "indicators", {"measure; DROP TABLE x": 1})
    with pytest.raises(ValueError):
        stats.table_sources(store, "documents")


def test_rows_per_file_periods_and_municipalities(store):
    _tables(store)
    per_file = {(r.path, r.period): r.n for r in stats.rows_per_file(store, "sanction_stats")}
    assert per_file == {("/t/sanktioner.csv", "2021K1"): 2, ("/t/sanktioner.csv", "2021K2"): 2}
    assert [(r.period, r.n) for r in stats.rows_per_file(store, "survey_responses")] == [(None, 2)]
    assert sorted(set(stats.period_labels(store, ["sanction_stats", "appeal_stats"]))) == [
        "2021",
        "2021K1",
        "2021K2",
    ]
    assert stats.rows_per_municipality(store) == {"Testrup Kommune": 9, "Nabo Kommune": 1, "Hele landet": 1}


def test_offers_come_by_name_and_provider_and_benchmarks_as_read(store):
    _doc(
        store,
        "o",
        "/t/tilbud.csv",
        extra=[
            (
                "offers",
                [
                    {
                        "document_id": "o",
                        "name": n,
                        "provider": p,
                        "period": "2021",
                        "annual_cost": 1000.0,
                        "participants": 5,
                    }
                    for n, p in (("Mentor", "B"), ("Afklaring", None), ("Mentor", "A"))
                ],
            ),
            (
                "benchmarks",
                [
                    {"document_id": "o", "municipality": m, "area": a, "period": "2021", "placering": 1}
                    for m, a in (("B", "Kontanthjælp"), ("A", "Dagpenge"), ("A", "Kontanthjælp"))
                ],
            ),
        ],
    )
    assert [(o["name"], o["provider"]) for o in stats.offers(store)] == [
        ("Afklaring", None),
        ("Mentor", "A"),
        ("Mentor", "B"),
    ]
    assert [(b["area"], b["municipality"]) for b in stats.benchmarks(store)] == [
        ("Kontanthjælp", "B"),
        ("Dagpenge", "A"),
        ("Kontanthjælp", "A"),
    ]  # as read


# --------------------------------------------------------------------------------------------
# Survey and recommendations


def test_survey_responses_in_the_order_they_were_read(store):
    _tables(store)
    rows = surveystore.survey_responses(store)
    assert [(r["respondent"], r["satisfaction"], r["during"]) for r in rows] == [
        ("r1", "Tilfreds", None),
        ("r2", None, "Fint møde"),
    ]


def test_status_update_dates_stop_at_today(store):
    recstore.load_set(
        store, {"id": "s", "title": "Sæt", "recommendations": [{"number": "1", "title": "Første"}]}
    )
    for day, status in (("2021-01-05", "i gang"), ("2022-06-01", "gennemført")):
        recstore.add_update(store, 1, status=status, on=day)
    assert recstore.update_dates(store, date(2021, 12, 31)) == ["2021-01-05"]
    assert sorted(recstore.update_dates(store, date(2022, 6, 1))) == ["2021-01-05", "2022-06-01"]
