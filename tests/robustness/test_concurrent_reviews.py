"""Two reviewers importing review sheets at the same moment: no review lost, none duplicated."""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from store import documents as docstore
from store import open_store
from store import screening as sstore

AFDAEK = str(Path(sys.executable).parent / "afdaek")
RULES = ("V1", "I2", "R1", "A1", "P1", "T1", "F1", "F2")
CASES = 250
REPEATS = 5
SUMMARY = re.compile(r"^Gemt: (\d+), allerede gemt: (\d+), uden afgørelse: (\d+)$")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path]:
    """A store with 250 cases x 8 findings, and the exported review sheet filled in."""
    root = tmp_path_factory.mktemp("gennemgang")
    db = root / "skabelon.db"
    with open_store(db) as store:
        run_id = docstore.start_run(store, "screen")
        for i in range(CASES):
            case_id = f"S{i:03d}"
            sstore.upsert_case(store, {"id": case_id, "ydelse": "kontanthjælp"})
            sstore.store_findings(
                store,
                run_id,
                case_id,
                [
                    {
                        "rule": rule,
                        "verdict": ("mangel", "ok", "kan_ikke_vurderes")[(i + j) % 3],
                        "explanation": f"Regel {rule} for sag {case_id}; se notatet.",
                        "events": [],
                    }
                    for j, rule in enumerate(RULES)
                ],
            )
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sheet = root / "gennemgang.csv"
    result = CliRunner().invoke(app, ["--db", str(db), "screen", "review", "--export", str(sheet)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Skrev {CASES * len(RULES)} fund til {sheet}\n"
    return db, sheet


def _fill(sheet: Path, target: Path, pick) -> int:
    """Copy the exported sheet with decisions in the rows pick(n) chooses; return how many."""
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], rows[1:]
    col = {name: header.index(name) for name in ("afgoerelse", "ny_vurdering", "kommentar")}
    filled = 0
    for n, row in enumerate(body):
        if not pick(n):
            continue
        word = ("bekræft", "afvis", "ændr")[n % 3]
        row[col["afgoerelse"]] = word
        if word == "ændr":
            row[col["ny_vurdering"]] = "ikke_relevant"
        row[col["kommentar"]] = f'Række {n}; "citat" med æøå' if n % 2 else ""
        filled += 1
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body])
    return filled


def _import_at_once(db: Path, *sheets: tuple[Path, str]) -> list[tuple[int, int, int]]:
    """Start one `screen review --import SHEET --reviewer X` per (sheet, reviewer) at the same
    time; return each one's summary counts (stored, already stored, without decision)."""
    procs = [
        subprocess.Popen(
            [AFDAEK, "--db", str(db), "screen", "review", "--import", str(s), "--reviewer", who],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s, who in sheets
    ]
    counts = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert out == ""
        m = SUMMARY.match(err.strip())
        assert m, err
        counts.append(tuple(int(x) for x in m.groups()))
    return counts


def _reviews(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT finding_id, reviewer, decision, verdict, comment FROM reviews ORDER BY finding_id, id"
        ).fetchall()


@pytest.mark.slow
def test_same_sheet_imported_twice_at_once(template, tmp_path):
    """Both processes import the same 1,334 decisions; in most repeats they interleave (each
    stores part), in the rest one wins outright. Either way each row is stored once."""
    base, exported = template
    sheet = tmp_path / "udfyldt.csv"
    filled = _fill(exported, sheet, lambda n: n % 3 != 2)
    total = CASES * len(RULES)
    for attempt in range(REPEATS):
        db = tmp_path / f"afdaek-{attempt}.db"
        shutil.copy(base, db)
        counts = _import_at_once(db, (sheet, "AB"), (sheet, "AB"))
        assert sum(c[0] for c in counts) == filled, counts  # each row stored by exactly one
        assert all(c[0] + c[1] == filled and c[2] == total - filled for c in counts), counts
        reviews = _reviews(db)
        assert len(reviews) == filled
        assert len({r[0] for r in reviews}) == filled
        assert {r[1] for r in reviews} == {"AB"}
        # The same sheet once more, from both: nothing new.
        assert [c[0] for c in _import_at_once(db, (sheet, "AB"), (sheet, "AB"))] == [0, 0]
        assert _reviews(db) == reviews


def test_two_sheets_imported_at_once(template, tmp_path):
    """Two reviewers, two sheets that overlap in every tenth finding: every row is stored."""
    base, exported = template
    first, second = tmp_path / "hold-a.csv", tmp_path / "hold-b.csv"
    n_first = _fill(exported, first, lambda n: n % 2 == 0)
    n_second = _fill(exported, second, lambda n: n % 2 == 1 or n % 5 == 0)
    db = tmp_path / "afdaek.db"
    shutil.copy(base, db)
    counts = _import_at_once(db, (first, "AB"), (second, "CD"))
    assert [c[0] for c in counts] == [n_first, n_second]
    reviews = _reviews(db)
    assert len(reviews) == n_first + n_second
    by_reviewer = {who: sum(1 for r in reviews if r[1] == who) for who in ("AB", "CD")}
    assert by_reviewer == {"AB": n_first, "CD": n_second}
    with open_store(db) as store:
        latest = sstore.latest_findings(store)
    assert all(f["review_decision"] for f in latest)
