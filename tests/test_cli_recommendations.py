"""`afdaek recommendations`: load the default set, dated history, deadline flags, links."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import app
from tests.conftest import ROOT


def run(db, *args):
    return CliRunner().invoke(app, ["--db", str(db), *args])


def test_history_is_kept_and_latest_status_counts(tmp_path):
    db = tmp_path / "r.db"
    assert run(db, "recommendations", "load").exit_code == 0
    r1 = run(
        db,
        "recommendations",
        "update",
        "5",
        "--status",
        "i gang",
        "--dato",
        "2021-06-01",
        "--note",
        "Ny skabelon til partshøring",
    )
    r2 = run(
        db,
        "recommendations",
        "update",
        "5",
        "--status",
        "gennemført",
        "--dato",
        "2021-09-01",
        "--source",
        "UFB 2021-08-09 pkt. 77",
    )
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.output + r2.output
    hist = json.loads(run(db, "recommendations", "history", "5", "--format", "json").stdout)
    assert [(h["date"], h["status"]) for h in hist] == [
        ("2021-06-01", "i gang"),
        ("2021-09-01", "gennemført"),
    ]
    listed = json.loads(run(db, "recommendations", "list", "--dato", "2021-12-31", "--format", "json").stdout)
    assert len(listed) == 8
    five = next(r for r in listed if r["number"] == "5")
    assert five["status"] == "gennemført"


def test_overdue_milestone_is_flagged(tmp_path):
    db = tmp_path / "r.db"
    run(db, "recommendations", "load")
    run(db, "recommendations", "update", "3", "--status", "i gang", "--dato", "2021-03-01")
    listed = json.loads(run(db, "recommendations", "list", "--dato", "2030-01-01", "--format", "json").stdout)
    three = next(r for r in listed if r["number"] == "3")
    assert three["recorded_status"] == "i gang"
    assert three["status"] == "forsinket"
    assert three["overdue"]


def test_ingested_minutes_get_link_proposals(tmp_path):
    db = tmp_path / "r.db"
    run(db, "recommendations", "load")
    ing = run(db, "ingest", str(ROOT / "examples" / "minutes"))
    assert ing.exit_code == 0, ing.output
    assert "nye forslag til links" in ing.output
    links = json.loads(run(db, "recommendations", "link", "--format", "json").stdout)
    assert links and all(link["status"] == "foreslaaet" for link in links)
    first = links[0]["id"]
    run(db, "recommendations", "link", "--accept", str(first))
    accepted = json.loads(
        run(db, "recommendations", "link", "--status", "accepteret", "--format", "json").stdout
    )
    assert [link["id"] for link in accepted] == [first]


def test_bad_status_is_refused_in_danish(tmp_path):
    result = run(tmp_path / "r.db", "recommendations", "update", "5", "--status", "færdig")
    assert result.exit_code == 2
    assert "Ugyldig værdi for '--status'" in result.output


def test_link_add_needs_an_item_id_number(tmp_path):
    db = tmp_path / "r.db"
    assert run(db, "recommendations", "load").exit_code == 0
    result = run(db, "recommendations", "link", "--add", "3", "x")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Fejl: Ugyldig værdi for '--add': 'x' er ikke et gyldigt heltal."


@pytest.mark.parametrize(
    "args",
    [
        ("recommendations", "list"),
        ("recommendations", "update", "5", "--status", "i gang"),
        ("screen", "rules"),
        ("report", "drift"),
    ],
)
def test_a_day_that_is_not_a_date_is_one_danish_line(tmp_path, args):
    """Every --dato is read the same way, before the command opens anything."""
    result = run(tmp_path / "r.db", *args, "--dato", "2021-13-01")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Fejl: Ugyldig værdi for '--dato': '2021-13-01' er ikke en dato på formen ÅÅÅÅ-MM-DD"
    )
    assert not (tmp_path / "r.db").exists()
