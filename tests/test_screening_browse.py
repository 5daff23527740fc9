"""`screening.browse`: Datasette metadata in Danish, canned queries, and a read-only local server.

The server tests are skipped when the optional Datasette extra is not installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import urllib.error
import urllib.request

import pytest

from screening import browse
from screening.errors import ScreeningError
from store import documents as docstore
from store import open_store
from store import screening as sstore


def _letter(store, doc_id: str, title: str, lix: float, band: str) -> None:
    docstore.store_document(
        store,
        {
            "id": doc_id,
            "path": f"/breve/{doc_id}.txt",
            "kind": "letter",
            "title": title,
            "text": "Kære borger",
            "format": "txt",
        },
        extra=[
            (
                "letter_checks",
                [
                    {
                        "document_id": doc_id,
                        "profile": "indkaldelse",
                        "letter_date": "2023-05-02",
                        "lix": lix,
                        "words": 120,
                        "sentences": 8,
                        "long_words": 40,
                        "rix": 5.0,
                        "band": band,
                        "checked_at": "2023-05-02T10:00:00+00:00",
                    }
                ],
            )
        ],
    )


def _fill(store) -> None:
    """Two cases screened once, S1 re-screened; S1 has events, one finding is reviewed."""
    old_run = docstore.start_run(store, "screen")
    run = docstore.start_run(store, "screen")
    for case in ("S1", "S2"):
        sstore.upsert_case(store, {"id": case, "ydelse": "kontanthjælp"})
    ids = sstore.replace_events(
        store,
        "S1",
        None,
        [
            {
                "kind": "indkaldelse",
                "date": "2023-03-16",
                "evidence": "Indkaldelse sendt.",
                "document": "notater.txt",
            },
            {
                "kind": "udeblivelse",
                "date": "2023-03-28",
                "negated": True,
                "evidence": "Borgeren udeblev ikke.",
                "document": "notater.txt",
            },
        ],
    )
    sstore.store_findings(
        store, old_run, "S1", [{"rule": "V1", "verdict": "mangel", "explanation": "gammel kørsel"}]
    )
    sstore.store_findings(
        store,
        run,
        "S1",
        [
            {"rule": "V1", "verdict": "mangel", "explanation": "Ingen vejledning.", "events": ids},
            {"rule": "P1", "verdict": "mangel", "explanation": "Ingen partshøring."},
        ],
    )
    sstore.store_findings(
        store,
        run,
        "S2",
        [
            {"rule": "V1", "verdict": "ok", "explanation": "Vejledt."},
            {"rule": "P1", "verdict": "kan_ikke_vurderes", "explanation": "Uklart."},
        ],
    )
    p1 = next(f for f in sstore.latest_findings(store, ["S1"]) if f["rule"] == "P1")
    sstore.add_review(store, p1["id"], reviewer="AB", decision="afvist", comment="Partshørt pr. tlf.")
    _letter(store, "a" * 64, "Indkaldelse til samtale", 52.25, "svær")
    _letter(store, "b" * 64, "Kort brev", 30.0, "let")


# --------------------------------------------------------------------------- metadata


def test_metadata_is_danish_with_the_facets_asked_for():
    meta = browse.metadata("sager-2023")
    assert meta["title"] == "afdaek – databasen"
    assert meta["allow_sql"] is False
    tables = meta["databases"]["sager-2023"]["tables"]
    assert {t: tables[t]["title"] for t in ("findings", "case_events", "letter_checks")} == {
        "findings": "Fund",
        "case_events": "Sanktionshændelser",
        "letter_checks": "Brevtjek",
    }
    assert tables["findings"]["facets"] == ["rule", "verdict"]
    assert tables["case_events"]["facets"] == ["kind", "negated"]
    assert tables["letter_checks"]["facets"] == ["profile", "band"]
    assert tables["meta"] == {"hidden": True, "allow": False}
    queries = meta["databases"]["sager-2023"]["queries"]
    assert {k: q["title"] for k, q in queries.items()} == {
        "mangler_pr_regel": "Mangler pr. regel",
        "haendelser_for_en_sag": "Hændelser for en sag",
        "breve_med_hoej_lix": "Breve med høj LIX",
    }
    assert ":sag" in queries["haendelser_for_en_sag"]["sql"]
    assert browse.metadata() is not browse.metadata()  # a fresh copy each time


def test_metadata_names_only_tables_and_columns_that_exist():
    with open_store(memory=True) as store:
        tables = browse.metadata()["databases"]["afdaek"]["tables"]
        for table, spec in tables.items():
            cols = {r[1] for r in store.db.execute(f"PRAGMA table_info([{table}])")}
            assert cols, table
            assert set(spec.get("columns", {})) <= cols, table
            assert set(spec.get("facets", [])) <= cols, table


def _query(store, name: str, **params) -> list[dict]:
    sql = browse.metadata()["databases"]["afdaek"]["queries"][name]["sql"]
    cur = store.db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def test_canned_queries_on_a_small_store():
    with open_store(memory=True) as store:
        _fill(store)
        assert _query(store, "mangler_pr_regel") == [
            {"regel": "P1", "sager": 2, "mangler": 0, "andel i pct.": 0.0, "kan ikke vurderes": 1},
            {"regel": "V1", "sager": 2, "mangler": 1, "andel i pct.": 50.0, "kan ikke vurderes": 0},
        ]
        assert _query(store, "haendelser_for_en_sag", sag="S1") == [
            {
                "dato": "2023-03-16",
                "hændelse": "indkaldelse",
                "nægtet": "nej",
                "bevis": "Indkaldelse sendt.",
                "dokument": "notater.txt",
            },
            {
                "dato": "2023-03-28",
                "hændelse": "udeblivelse",
                "nægtet": "ja",
                "bevis": "Borgeren udeblev ikke.",
                "dokument": "notater.txt",
            },
        ]
        assert _query(store, "haendelser_for_en_sag", sag="S9") == []
        (letter,) = _query(store, "breve_med_hoej_lix")
        assert (letter["titel"], letter["lix"], letter["sværhedsgrad"]) == (
            "Indkaldelse til samtale",
            52.3,
            "svær",
        )


def test_command_is_guarded_read_only_and_local(tmp_path):
    cmd = browse.command(tmp_path / "a.db", 8123, tmp_path / "m.json")
    # The guarded child, told its parent, serving the file (Datasette opens it mode=ro).
    assert cmd[1:5] == ["-m", "screening.browse_server", str(os.getpid()), str(tmp_path / "a.db")]
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--port") + 1] == "8123"
    assert ["--setting", "allow_download", "off"] == cmd[cmd.index("allow_download") - 1 :][:3]
    assert ["--setting", "allow_csv_stream", "off"] == cmd[cmd.index("allow_csv_stream") - 1 :][:3]
    assert "--open" not in cmd
    assert browse.command(tmp_path / "a.db", 1, tmp_path / "m.json", open_browser=True)[-1] == "--open"


def test_missing_datasette_is_one_danish_line(tmp_path, monkeypatch):
    monkeypatch.setattr(browse, "datasette_available", lambda: False)
    (tmp_path / "afdaek.db").touch()  # a missing store is said first (test_missing_store)
    with pytest.raises(ScreeningError) as exc:
        browse.serve(tmp_path / "afdaek.db", 8001)
    assert str(exc.value) == (
        "Datasette er ikke installeret; installér med: pip install 'afdaek[browse]' eller make browse"
    )


def test_missing_store(tmp_path):
    with pytest.raises(ScreeningError) as exc:
        browse.serve(tmp_path / "findes-ikke.db", 8001)
    assert str(exc.value) == (
        f"{tmp_path / 'findes-ikke.db'}: databasen findes ikke; kør 'afdaek init' eller angiv --db"
    )


# --------------------------------------------------------------------------- the server

LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with LOCAL.open(browse.url(port, path), timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    pytest.importorskip("datasette")
    db = tmp_path / "sager.db"
    with open_store(db) as store:
        _fill(store)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    port = _free_port()
    proc = browse.serve(db, port)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, "datasette stoppede"
            try:
                if _get(port, "/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "datasette svarede ikke inden for 30 s"
            time.sleep(0.1)
        yield port, db
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest  # read-only


def test_server_pages_are_danish(server):
    port, _db = server
    status, html = _get(port, "/")
    assert status == 200
    assert "afdaek – databasen" in html
    status, html = _get(port, "/sager")
    assert status == 200
    for label in (
        "<h1>afdaek</h1>",
        "Vælg en tabel eller en af de gemte forespørgsler",
        ">Mangler pr. regel</a>",
        ">Hændelser for en sag</a>",
        ">Breve med høj LIX</a>",
    ):
        assert label in html, label
    for table, title in (
        ("findings", "Fund"),
        ("case_events", "Sanktionshændelser"),
        ("letter_checks", "Brevtjek"),
        ("cases", "Sager"),
    ):
        status, html = _get(port, f"/sager/{table}")
        assert status == 200 and f"<h1>{title}</h1>" in html, table
    status, html = _get(port, "/sager/haendelser_for_en_sag")
    assert status == 200 and 'name="sag"' in html


def test_server_facets_and_canned_query_json(server):
    port, _db = server
    for table, facets in (
        ("findings", {"rule", "verdict"}),
        ("case_events", {"kind", "negated"}),
        ("letter_checks", {"profile", "band"}),
    ):
        status, body = _get(port, f"/sager/{table}.json")
        assert status == 200, body
        assert set(json.loads(body)["facet_results"]) == facets, table
    status, body = _get(port, "/sager/mangler_pr_regel.json?_shape=array")
    assert status == 200
    assert json.loads(body) == [
        {"regel": "P1", "sager": 2, "mangler": 0, "andel i pct.": 0.0, "kan ikke vurderes": 1},
        {"regel": "V1", "sager": 2, "mangler": 1, "andel i pct.": 50.0, "kan ikke vurderes": 0},
    ]
    status, body = _get(port, "/sager/haendelser_for_en_sag.json?sag=S1&_shape=array")
    assert [r["hændelse"] for r in json.loads(body)] == ["indkaldelse", "udeblivelse"]


def test_server_refuses_sql_download_and_the_salt(server):
    port, _db = server
    assert _get(port, "/sager.json?sql=select+*+from+meta")[0] == 403
    assert _get(port, "/sager/meta.json")[0] == 403
    assert _get(port, "/sager.db")[0] == 403
    assert _get(port, "/sager/findings.json?_where=1=1")[0] in (400, 403)
