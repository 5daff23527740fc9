"""The recommendation store: idempotent sets, history never overwritten, forsinket flags,
links proposed, accepted and rejected, and history import."""

from __future__ import annotations

from datetime import date

import pytest

from store import StoreError, open_store
from store import recommendations as rs
from textmining.domain.recommendations import load_set, parse_history, parse_set, propose_links

SMALL = parse_set(
    {
        "id": "test",
        "titel": "Testsæt",
        "anbefaling": [
            {
                "nummer": "1",
                "titel": "Flere i praktik",
                "noegleord": ["virksomhedspraktik"],
                "milepael": [
                    {"titel": "Plan", "frist": "2021-06-30"},
                    {"titel": "Mål nået", "frist": "2022-06-30"},
                ],
            },
            {"nummer": "2", "titel": "Bedre breve", "noegleord": ["indkaldelse"]},
        ],
    }
)


@pytest.fixture()
def store():
    s = open_store(memory=True)
    rs.load_set(s, SMALL.as_dict())
    yield s
    s.close()


def _item(
    store,
    number=77,
    day="2021-08-09",
    title="Praksis for indkaldelser",
    text="Forslag om en venligere indkaldelse.",
    beslutning="Godkendt.",
):
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO documents (id, path, kind, text, format, ingested_at) "
            "VALUES ('d', 'ufb.md', 'minutes', '', 'md', 'x')"
        )
        return conn.execute(
            "INSERT INTO meeting_items (document_id, committee, meeting_date, number, title, "
            "text, beslutning) VALUES ('d', 'Udvalget for Beskæftigelse', ?, ?, ?, ?, ?)",
            [day, number, title, text, beslutning],
        ).lastrowid


def test_loading_twice_changes_nothing_and_keeps_history(store):
    rs.add_update(store, "1", status="i gang", on="2021-03-15", note="Start")
    again = rs.load_set(store, SMALL.as_dict())
    assert again == {"tilfoejet": 0, "opdateret": 2, "milepaele": 2}
    assert store.db.execute("SELECT COUNT(*) FROM recommendations").fetchone()[0] == 2
    assert store.db.execute("SELECT COUNT(*) FROM milestones").fetchone()[0] == 2
    assert [u.note for u in rs.history(store, "1")] == ["Start"]


def test_history_is_never_overwritten(store):
    rs.add_update(store, "1", status="i gang", on="2021-03-15", note="a")
    rs.add_update(store, "1", status="gennemført", on="2021-09-01", note="b")
    rs.add_update(store, "1", status="i gang", on="2021-09-01", note="c genåbnet")
    rs.add_update(store, "1", status="ikke startet", on="2021-01-01", note="d bagudrettet")
    h = rs.history(store, "1")
    assert [(u.date.isoformat(), u.status, u.note) for u in h] == [
        ("2021-01-01", "ikke startet", "d bagudrettet"),
        ("2021-03-15", "i gang", "a"),
        ("2021-09-01", "gennemført", "b"),
        ("2021-09-01", "i gang", "c genåbnet"),
    ]
    now = {s.number: s for s in rs.list_status(store, today=date(2021, 10, 1))}
    assert now["1"].recorded_status == "i gang" and now["1"].note == "c genåbnet"
    assert now["1"].updates == 4
    then = {s.number: s for s in rs.list_status(store, today=date(2021, 9, 1))}
    assert then["1"].note == "c genåbnet"
    before = {s.number: s for s in rs.list_status(store, today=date(2021, 5, 1))}
    assert before["1"].recorded_status == "i gang" and before["1"].note == "a"
    assert now["2"].status == "ikke startet" and now["2"].status_date is None


def test_bad_updates_are_danish_store_errors(store):
    with pytest.raises(StoreError) as exc:
        rs.add_update(store, "1", status="klar", on="2021-01-01")
    assert str(exc.value) == (
        "ukendt status 'klar'; brug en af 'ikke startet', 'i gang', 'gennemført', 'forsinket', 'opgivet'"
    )
    with pytest.raises(StoreError, match="anbefaling 9 findes ikke i sættet 'test'"):
        rs.add_update(store, "9", status="i gang", on="2021-01-01")
    with pytest.raises(StoreError, match="datoen '1/1-21' skal skrives ÅÅÅÅ-MM-DD"):
        rs.add_update(store, "1", status="i gang", on="1/1-21")
    with pytest.raises(StoreError, match="anbefalingssættet 'x' findes ikke"):
        rs.list_status(store, today=date(2022, 1, 1), set_id="x")


def test_deadline_flags(store):
    # Nothing recorded and the first milestone passed: forsinket.
    s = {x.number: x for x in rs.list_status(store, today=date(2021, 7, 1))}["1"]
    assert s.status == "forsinket" and s.recorded_status == "ikke startet"
    assert [m.title for m in s.overdue] == ["Plan"]
    # An update after the first deadline clears it ...
    rs.add_update(store, "1", status="i gang", on="2021-08-09")
    s = {x.number: x for x in rs.list_status(store, today=date(2021, 9, 1))}["1"]
    assert s.status == "i gang" and s.overdue == ()
    # ... but the last deadline needs gennemført.
    s = {x.number: x for x in rs.list_status(store, today=date(2022, 7, 1))}["1"]
    assert s.status == "forsinket" and [m.title for m in s.overdue] == ["Mål nået"]
    rs.add_update(store, "1", status="gennemført", on="2022-07-15")
    s = {x.number: x for x in rs.list_status(store, today=date(2022, 8, 1))}["1"]
    assert s.status == "gennemført" and s.overdue == ()
    # Before the deadline nothing is flagged; a recommendation without milestones never is.
    assert {x.number: x.status for x in rs.list_status(store, today=date(2021, 6, 30))} == {
        "1": "ikke startet",
        "2": "ikke startet",
    }


def test_recorded_forsinket_and_opgivet(store):
    rs.add_update(store, "2", status="forsinket", on="2021-02-01")
    rs.add_update(store, "1", status="opgivet", on="2021-02-01")
    st = {x.number: x.status for x in rs.list_status(store, today=date(2023, 1, 1))}
    assert st == {"1": "opgivet", "2": "forsinket"}


def test_source_finds_the_agenda_item(store):
    item = _item(store)
    u = rs.add_update(
        store, "2", status="i gang", on="2021-08-09", note="Drøftet", source="UFB 2021-08-09 pkt. 77"
    )
    assert u.meeting_item_id == item
    assert (
        rs.add_update(
            store, "2", status="i gang", on="2021-08-10", source="UFB 2021-08-09 pkt. 78"
        ).meeting_item_id
        is None
    )


def test_import_history_is_idempotent(store):
    rows = parse_history(
        "anbefaling;dato;status;note;kilde\n"
        "1;2021-03-15;i gang;Plan;UFB 2021-03-15 pkt. 32\n"
        "2;2021-08-09;i gang;;\n"
    )
    assert rs.import_history(store, rows) == {"importeret": 2, "sprunget_over": 0}
    assert rs.import_history(store, rows) == {"importeret": 0, "sprunget_over": 2}
    assert len(rs.history(store, "1")) == 1


def test_links_proposed_accepted_rejected(store):
    first = _item(store)
    second = _item(store, 78, title="Budget", text="Budgetopfølgning.")

    def proposer(item, recs):
        return propose_links(item, recs)

    assert rs.propose_links(store, proposer) == 1
    assert rs.propose_links(store, proposer) == 0  # idempotent
    links = rs.list_links(store)
    assert [(lnk.number, lnk.item_number, lnk.status) for lnk in links] == [("2", 77, "foreslaaet")]
    assert links[0].score == 0.3 and links[0].reason == "nøgleord: »indkaldelse«"
    accepted = rs.decide_link(store, links[0].id, accept=True, by="LDAM")
    assert accepted.status == "accepteret" and accepted.decided_by == "LDAM"
    rs.propose_links(store, proposer)
    assert rs.list_links(store)[0].status == "accepteret"  # a decision is kept
    manual = rs.add_link(store, "1", second)
    assert manual.status == "accepteret" and manual.reason == "tilføjet manuelt"
    rejected = rs.decide_link(store, manual.id, accept=False)
    assert rejected.status == "afvist"
    assert [lnk.item_number for lnk in rs.list_links(store, status="accepteret")] == [77]
    with pytest.raises(StoreError, match="der er intet link med id 999"):
        rs.decide_link(store, 999, accept=True)
    assert first


def test_bundled_set_and_example_history():
    from tests.conftest import ROOT
    from textmining.domain.recommendations import read_history

    s = open_store(memory=True)
    rs.load_set(s, load_set().as_dict())
    assert (
        rs.import_history(s, read_history(ROOT / "examples" / "anbefalinger_historik.csv"))["importeret"]
        == 13
    )
    st = {x.number: x for x in rs.list_status(s, today=date(2022, 3, 1))}
    assert {n: x.status for n, x in st.items()} == {
        "1": "i gang",
        "2": "gennemført",
        "3": "forsinket",
        "4": "i gang",
        "5": "gennemført",
        "6": "i gang",
        "7": "forsinket",
        "8": "i gang",
    }
    assert rs.comparison_periods(s, "anbefalinger_2021") == ("2019K3", "2021K3")
