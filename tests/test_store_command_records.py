"""What the store hands the CLI: the JSON shape of its records (a contract of `--format
json`), the link decisions of one `recommendations link` call and the cases a review covers."""

from __future__ import annotations

from datetime import date

import pytest

from store import StoreError, open_store
from store import recommendations as rs
from store import screening as sstore
from tests.test_store_recommendations import SMALL, _item


@pytest.fixture()
def store():
    s = open_store(memory=True)
    rs.load_set(s, SMALL.as_dict())
    yield s
    s.close()


def test_recommendation_records_to_json(store):
    item = _item(store)
    rs.add_update(store, "1", status="i gang", on=date(2021, 5, 1), note="Plan lagt", source=None)
    [first, second] = rs.list_status(store, today=date(2021, 8, 1))
    assert first.to_json() == {
        "number": "1",
        "title": "Flere i praktik",
        "status": "forsinket",  # the plan was due 30 June and nothing was reported since
        "recorded_status": "i gang",
        "status_date": "2021-05-01",
        "note": "Plan lagt",
        "overdue": ["Plan"],
    }
    assert second.to_json()["status_date"] is None and second.to_json()["overdue"] == []
    [update] = rs.history(store, "1")
    assert list(update.to_json().items()) == [
        ("date", "2021-05-01"),
        ("status", "i gang"),
        ("note", "Plan lagt"),
        ("source", None),
        ("meeting_item_id", None),
    ]
    link = rs.add_link(store, "2", item)
    assert list(link.to_json()) == [
        "id",
        "number",
        "meeting_item_id",
        "committee",
        "meeting_date",
        "item_number",
        "item_title",
        "score",
        "reason",
        "status",
    ]
    assert link.to_json()["meeting_date"] == "2021-08-09" and link.to_json()["status"] == "accepteret"


def test_decide_links_accepts_rejects_and_adds(store):
    first = _item(store)
    second = _item(store, 78, title="Budget", text="Budgetopfølgning.")
    one = rs.add_link(store, "1", first)
    two = rs.add_link(store, "2", first)
    rs.decide_links(store, accept=[one.id], reject=[two.id], add=("1", second), by="LDAM")
    got = {(lnk.number, lnk.item_number): (lnk.status, lnk.decided_by) for lnk in rs.list_links(store)}
    assert got == {
        ("1", 77): ("accepteret", "LDAM"),
        ("2", 77): ("afvist", "LDAM"),
        ("1", 78): ("accepteret", "LDAM"),
    }
    with pytest.raises(StoreError, match="der er intet link med id 999"):
        rs.decide_links(store, reject=[999])


def test_review_covers_the_sample_else_every_case():
    s = open_store(memory=True)
    for case_id in ("A", "B", "C"):
        sstore.upsert_case(s, {"id": case_id})
    assert sstore.review_case_ids(s) == ["A", "B", "C"]  # no sample yet
    first = sstore.record_sample(s, seed=1, stratify=None, chosen=[("B", "alle")])
    sstore.record_sample(s, seed=2, stratify=None, chosen=[("A", "alle"), ("C", "alle")])
    assert sstore.review_case_ids(s) == ["A", "C"]  # the newest sample
    assert sstore.review_case_ids(s, first) == ["B"]
    with pytest.raises(StoreError, match="stikprøve 99 findes ikke"):
        sstore.review_case_ids(s, 99)  # a sample asked for by id must exist


def test_stored_item_to_json_and_listing_json(store):
    from store import documents as docstore

    item_id = _item(store)
    shown = docstore.get_item(store, item_id).to_json()
    # the shape of `minutes show --format json`; the item's text and lemmas stay in the store
    assert (
        list(shown)
        == (
            "id document_id committee meeting_date number title type case_number open sections "
            "indstilling beslutning fravaerende bilag kle path"
        ).split()
    )
    assert (shown["open"], shown["sections"], shown["bilag"], shown["path"]) == (True, {}, [], "ufb.md")
    [listed] = docstore.list_items(store)
    assert (
        list(listed.listing_json())
        == (
            "id committee meeting_date number title type case_number kle open indstilling beslutning "
            "fravaerende bilag path"
        ).split()
    )
    assert listed.listing_json()["beslutning"] == "Godkendt."


def test_search_hit_to_json_leaves_out_the_rank(store):
    from store import documents as docstore

    _item(store, text="Forslag om en venligere indkaldelse.")
    store.db.execute("UPDATE meeting_items SET lemmas = 'forslag om en venlig indkaldelse'")
    [hit] = docstore.search(store, ["indkaldelsen"], ["indkaldelse"])
    assert hit.rank is not None
    assert hit.to_json() == {
        "type": "punkt",
        "id": hit.id,
        "path": "ufb.md",
        "kind": "dagsordenspunkt",
        "title": "77. Praksis for indkaldelser",
        "date": "2021-08-09",
        "snippet": hit.snippet,
    }
