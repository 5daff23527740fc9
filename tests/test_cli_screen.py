"""`afdaek screen run|sample|review|summary` on the examples: the JSON contract, samples,
reviews that never overwrite, and the Word summary."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from docx import Document

from cli import app
from tests.conftest import ROOT

CASES = ROOT / "examples" / "cases"
EXPORT = ROOT / "examples" / "cases_export.csv"


def run(db, *args):
    return CliRunner().invoke(app, ["--db", str(db), *args])


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    db = tmp_path_factory.mktemp("s") / "s.db"
    result = run(db, "screen", "run", str(CASES), str(EXPORT), "--format", "json")
    assert result.exit_code == 0, result.output
    return db, json.loads(result.stdout)


def test_run_json_contract(screened):
    _db, data = screened
    assert set(data) == {"cases"}
    assert len(data["cases"]) == 45
    for case in data["cases"]:
        assert set(case) == {"case", "ydelse", "visitationskategori", "events", "references", "findings"}
        assert [f["rule"] for f in case["findings"]] == [
            "V1",
            "I2",
            "R1",
            "R2",
            "A1",
            "P1",
            "P2",
            "T1",
            "F1",
            "F2",
            "S1",
        ]
        for e in case["events"]:
            assert set(e) == {"kind", "date", "negated", "evidence", "document", "start", "end", "details"}
        for f in case["findings"]:
            assert set(f) == {
                "rule",
                "verdict",
                "explanation",
                "events",
                "references",
                "failure",
                "per_failure",
                "version",
            }
            if f["version"] is not None:  # the version of the rule in force on the date
                assert set(f["version"]) == {"fra", "til", "basis", "bekraeftet"}
                assert f["version"]["basis"]
            assert f["verdict"] in ("ok", "mangel", "kan_ikke_vurderes", "ikke_relevant")
            if f["per_failure"]:  # the case's verdict is the worst over its failures
                assert f["verdict"] in {p["verdict"] for p in f["per_failure"]}
            assert all(0 <= i < len(case["events"]) for i in f["events"])
            if f["verdict"] in ("ok", "mangel"):
                assert f["events"], (case["case"], f)  # a verdict shows its evidence
            for k in f["references"]:  # a reference shown is one to an event it rests on
                assert case["references"][k]["refers_to"] in f["events"]
        for r in case["references"]:
            assert set(r) == {
                "kind",
                "date",
                "negated",
                "evidence",
                "document",
                "start",
                "end",
                "details",
                "refers_to",
            }
            assert case["events"][r["refers_to"]]["kind"] == r["kind"]
    assert any(c["references"] for c in data["cases"])  # the examples refer back somewhere


def test_run_finds_the_expected_deficiency(screened):
    _db, data = screened
    facit = {
        r["sag"]: set(r["forventet_mangel"].split())
        for r in csv.DictReader(
            open(ROOT / "examples" / "cases_facit.csv", encoding="utf-8-sig"), delimiter=";"
        )
    }
    found = {c["case"]: {f["rule"] for f in c["findings"] if f["verdict"] == "mangel"} for c in data["cases"]}
    agree = sum(found[k] == v for k, v in facit.items())
    # 40 of 45 since reasons told in everyday words count: in EG-23-1107 and -7067 the citizen
    # answers the partshøring "har glemt aftalen" and no assessment follows, which afdaek calls
    # an R1 mangel where the facit does not (the facit counts an earlier assessment of a
    # "forglemmelse"); matching an assessment to the reason it assesses is not built.
    assert agree / len(facit) >= 0.88


def test_table_output_and_summary(screened):
    db, _ = screened
    result = run(db, "screen", "summary")
    assert result.exit_code == 0, result.output
    assert "Andel sager med mangel (45 sager)" in result.output
    summary = json.loads(run(db, "screen", "summary", "--format", "json").stdout)
    assert summary["cases"] == 45
    assert summary["rules"] == ["V1", "I2", "R1", "R2", "A1", "P1", "P2", "T1", "F1", "F2", "S1"]
    assert summary["versions"] and all(v["basis"] and v["cases"] for v in summary["versions"])
    assert "regelversioner" in result.output


def test_sample_is_reproducible_and_recorded(screened):
    db, _ = screened
    a = json.loads(
        run(
            db,
            "screen",
            "sample",
            "--n",
            "6",
            "--stratify",
            "ydelse,varighed",
            "--seed",
            "7",
            "--format",
            "json",
        ).stdout
    )
    b = json.loads(
        run(
            db,
            "screen",
            "sample",
            "--n",
            "6",
            "--stratify",
            "ydelse,varighed",
            "--seed",
            "7",
            "--format",
            "json",
        ).stdout
    )
    assert [c["case"] for c in a["cases"]] == [c["case"] for c in b["cases"]]
    assert b["sample"] == a["sample"] + 1
    bad = run(db, "screen", "sample", "--stratify", "alder")
    assert bad.exit_code == 1
    assert "ukendt lagdeling 'alder'" in bad.output


def test_review_export_import_never_overwrites(screened, tmp_path):
    db, _ = screened
    sheet = tmp_path / "gennemgang.csv"
    assert run(db, "screen", "review", "--export", str(sheet)).exit_code == 0
    rows = list(csv.reader(open(sheet, encoding="utf-8-sig"), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["fund_id", "sag", "regel", "vurdering", "forklaring", "evidens"]
    body[0][6], body[0][8] = "bekræft", "Set i sagen"
    body[1][6], body[1][7] = "ændr", "mangel"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body])
    first = run(db, "screen", "review", "--import", str(sheet), "--reviewer", "TL")
    assert first.exit_code == 0, first.output
    assert "Gemt: 2, allerede gemt: 0" in first.output
    again = run(db, "screen", "review", "--import", str(sheet), "--reviewer", "TL")
    assert "Gemt: 0, allerede gemt: 2" in again.output
    body[1][6], body[1][7] = "afvis", ""
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body])
    run(db, "screen", "review", "--import", str(sheet), "--reviewer", "TL")
    import sqlite3

    with sqlite3.connect(db) as conn:
        decisions = [
            r[0]
            for r in conn.execute(
                "SELECT decision FROM reviews WHERE finding_id = ? ORDER BY id", [int(body[1][0])]
            )
        ]
    assert decisions == ["aendret", "afvist"]  # the old review stays, the new one counts


def test_bad_review_sheet_is_one_danish_line(screened, tmp_path):
    db, _ = screened
    sheet = tmp_path / "forkert.csv"
    sheet.write_text("fund_id;afgoerelse\n1;måske\n", encoding="utf-8")
    result = run(db, "screen", "review", "--import", str(sheet))
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Fejl: forkert.csv, række 2: ukendt afgørelse 'måske'; skriv bekræft, afvis eller ændr"
    )


def test_summary_docx(screened, tmp_path):
    db, _ = screened
    out = tmp_path / "screening.docx"
    result = run(db, "screen", "summary", "--format", "docx", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "Screening" in text and "{{" not in text


def test_letters_docx(tmp_path):
    out = tmp_path / "breve.docx"
    letters = sorted((ROOT / "examples" / "letters").glob("*.txt"))[:4]
    result = CliRunner().invoke(
        app, ["letters", "check", *map(str, letters), "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = Document(out)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    for f in letters:
        assert f.name in cells


def test_interactive_review_shows_evidence_and_stores_decisions(tmp_path):
    db = tmp_path / "r.db"
    case = CASES / "EG-23-0244"
    assert run(db, "screen", "run", str(case), "--format", "json").exit_code == 0
    # confirm the first finding with a comment, change the second, then stop
    answers = "b\nSet\næ\nok\n\nq\n"
    result = CliRunner().invoke(app, ["--db", str(db), "screen", "review", "--reviewer", "AB"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Fund 1/" in result.output and "sag EG-23-0244" in result.output
    assert "Gemt." in result.output
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT reviewer, decision, verdict, comment FROM reviews ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("AB", "bekraeftet"), ("AB", "aendret")]
    assert rows[0][3] == "Set" and rows[1][2] == "ok"


def test_review_import_is_all_or_nothing(screened, tmp_path):
    """A sheet with a bad row halfway stores none of its rows, so fixing the row and
    importing again gives the whole sheet once."""
    import sqlite3

    db, _ = screened
    sheet = tmp_path / "halv.csv"
    assert run(db, "screen", "review", "--export", str(sheet)).exit_code == 0
    rows = list(csv.reader(open(sheet, encoding="utf-8-sig"), delimiter=";"))
    header, body = rows[0], rows[1:]
    body[0][6], body[1][6], body[2][6] = "bekræft", "måske", "bekræft"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body])
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    assert run(db, "screen", "review", "--import", str(sheet)).exit_code == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == before


def test_events_found_by_an_older_extractor_are_found_again(screened):
    """After an upgrade (other patterns), screen run finds the events again from the stored
    texts instead of judging cases on what the old patterns found."""
    import sqlite3

    db, _ = screened
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE case_events SET kind = 'klage' WHERE kind = 'udeblivelse'")
        conn.execute("UPDATE meta SET value = 'en-gammel-version' WHERE key = 'events_version'")
    assert run(db, "screen", "run").exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM case_events WHERE kind = 'udeblivelse'").fetchone()[0] > 0


def test_jobs_give_the_same_result_as_one_process(tmp_path, monkeypatch):
    """--jobs 2 mines the documents in two processes; events, references and findings are
    the same as with one (same store, so the same pseudonyms; the events found again)."""
    import sqlite3

    import screening.run as srun

    monkeypatch.setattr(srun, "PARALLEL_FROM", 1)  # the examples are fewer than the default
    monkeypatch.setattr(srun, "CASES_PER_BATCH", 7)  # several batches through one pool
    db = tmp_path / "j.db"
    outputs = []
    for jobs in ("1", "2"):
        result = run(db, "screen", "run", str(CASES), "--jobs", jobs, "--format", "json")
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.stdout))
        with sqlite3.connect(db) as conn:  # the next run mines every document again
            conn.execute("UPDATE meta SET value = 'x' WHERE key = 'events_version'")
    assert outputs[0] == outputs[1]
    assert sum(len(c["events"]) for c in outputs[0]["cases"]) > 100


def test_summary_table_json_and_docx_agree_after_rejections(screened, tmp_path):
    """Rejecting three 'ok' P1 verdicts and one P1 mangel (screen review --import): the table,
    JSON, the Word summary and the sanctions report count the same P1 deficiencies (one rule:
    store.screening.effective_verdict)."""
    import shutil

    from docgen.formatting import format_count, format_percent
    from store import open_store
    from store.screening import latest_findings

    db = tmp_path / "r.db"
    shutil.copy(screened[0], db)
    before = json.loads(run(db, "screen", "summary", "--format", "json").stdout)
    with open_store(db) as store:
        p1 = [f for f in latest_findings(store) if f["rule"] == "P1"]
    oks = [f for f in p1 if f["verdict"] == "ok"][:3]
    bad = [f for f in p1 if f["verdict"] == "mangel"][:1]
    assert len(oks) == 3 and len(bad) == 1
    sheet = tmp_path / "gennemgang.csv"
    sheet.write_text("fund_id,afgoerelse\n" + "".join(f"{f['id']},afvist\n" for f in oks + bad))
    assert run(db, "screen", "review", "--import", str(sheet), "--reviewer", "AB").exit_code == 0
    after = json.loads(run(db, "screen", "summary", "--format", "json").stdout)
    n = after["overall"]["P1"]["mangel"]
    assert n == before["overall"]["P1"]["mangel"] + 3 - 1
    # the table's "Alle" row shows the share of the reviewed verdicts, not the tool's
    wide = CliRunner().invoke(app, ["--db", str(db), "screen", "summary"], env={"COLUMNS": "200"})
    lines = wide.output.splitlines()
    header = next([c.strip() for c in line.split("┃")] for line in lines if " P1 " in line)
    alle = next([c.strip() for c in line.split("│")] for line in lines if "Alle" in line)
    shares = (
        format_percent(before["overall"]["P1"]["andel"], 0),
        format_percent(after["overall"]["P1"]["andel"], 0),
    )
    assert shares[0] != shares[1] and alle[header.index("P1")] == shares[1], (shares, alle)
    out = tmp_path / "screening.docx"
    assert run(db, "screen", "summary", "--format", "docx", "--out", str(out)).exit_code == 0
    rows = [[c.text for c in r.cells] for t in Document(out).tables for r in t.rows]
    p1_rows = [r for r in rows if r and r[0] == "P1"]
    assert p1_rows and format_count(n) in p1_rows[0], p1_rows
    # and the sanctions report for the udvalg counts the same deficiencies
    reports = tmp_path / "rapporter"
    assert run(db, "report", "sanktioner", "--out", str(reports)).exit_code == 0
    tables = Document(reports / "rapport_sanktioner.docx").tables
    rows = [[c.text for c in r.cells] for t in tables for r in t.rows]
    p1_rows = [r for r in rows if r and r[0] == "P1" and len(r) == 6]
    assert p1_rows and p1_rows[0][3] == format_count(n), p1_rows
