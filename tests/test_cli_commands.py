"""The commands a new user runs first, through the CLI: init, templates, minutes parse, report,
and a folder of example tables with its scenario file in it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_init_creates_a_private_store_and_a_second_init_changes_nothing(tmp_path):
    db = tmp_path / "ny.db"
    first = _run("--db", db, "init")
    assert first.exit_code == 0, first.output
    assert first.output.strip() == f"Databasen er klar: {db}"
    assert _private(db)
    before = db.read_bytes()
    again = _run("--db", db, "init")
    assert again.exit_code == 0 and again.output == first.output
    assert db.read_bytes() == before


def test_a_folder_as_store_is_one_danish_line_with_the_environment_variable_in_danish(tmp_path):
    result = _run("--db", tmp_path, "init")
    assert result.exit_code == 2
    last = result.output.strip().splitlines()[-1]
    assert last == (
        f"Fejl: Ugyldig værdi for '--db' (miljøvariabel: 'AFDAEK_DB'): Filen '{tmp_path}' er en mappe."
    )


@pytest.mark.slow
def test_templates_list_export_and_validate(tmp_path):
    listed = _run("templates", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    names = {t["name"] if isinstance(t, dict) else t for t in json.loads(listed.output)}
    assert {
        "rapport_drift.docx",
        "rapport_sanktioner.docx",
        "rapport_borgermoede.docx",
        "anbefalinger_status.docx",
    } <= names

    folder = tmp_path / "skabeloner"
    exported = _run("templates", "export", folder)
    assert exported.exit_code == 0, exported.output
    written = sorted(p.name for p in folder.iterdir())
    assert set(written) == names
    assert all(f"Skrev {folder / n}" in exported.output for n in written)

    # A secretary's edit is kept: exporting again writes nothing over it.
    (folder / "rapport_drift.docx").write_bytes(b"redigeret")
    again = _run("templates", "export", folder)
    assert again.exit_code == 0
    assert "Ingen filer skrevet" in again.output
    assert (folder / "rapport_drift.docx").read_bytes() == b"redigeret"

    (folder / "rapport_drift.docx").unlink()
    _run("templates", "export", folder)
    valid = _run("templates", "validate", folder)
    assert valid.exit_code == 0, valid.output
    assert valid.output.count(": i orden") == len(written)


def test_minutes_parse_gives_items_with_decisions_and_stores_nothing(tmp_path):
    db = tmp_path / "ingen.db"
    minutes = EXAMPLES / "minutes" / "ufb_2021-03-15.txt"
    result = _run("--db", db, "minutes", "parse", minutes)
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.output)
    assert parsed["meeting_date"] == "2021-03-15"
    numbers = [i["number"] for i in parsed["items"]]
    assert numbers == sorted(numbers) and len(numbers) >= 3
    assert all(set(i) >= {"number", "title", "beslutning", "sections"} for i in parsed["items"])
    assert parsed["items"][0]["beslutning"]
    assert not db.exists()

    missing = _run("minutes", "parse", tmp_path / "findes_ikke.txt")
    assert missing.exit_code == 2
    assert "findes ikke" in missing.output and "Traceback" not in missing.output


@pytest.fixture(scope="module")
def tables_store(tmp_path_factory):
    """The example tables folder ingested as a new user would: the scenario file in it is a
    setting, not a document."""
    db = tmp_path_factory.mktemp("tabeller") / "afdaek.db"
    result = _run("--db", db, "ingest", EXAMPLES / "tables", "--format", "json")
    return db, result


def test_a_folder_with_its_scenario_file_ingests_without_failures(tables_store):
    _db, result = tables_store
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    assert not [f for f in files if f["status"] == "failed"]
    assert not any(f["path"].endswith(".toml") for f in files)


def test_a_named_scenario_file_is_refused_with_what_to_do(tmp_path):
    result = _run("--db", tmp_path / "x.db", "ingest", EXAMPLES / "tables" / "scenarier.toml")
    assert result.exit_code == 1
    assert "indstillingsfil" in result.output and "--scenarier" in result.output


def test_report_all_writes_private_reports_and_says_what_it_left_out(tables_store, tmp_path):
    db, _ = tables_store
    out = tmp_path / "rapporter"
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(db),
            "report",
            "all",
            "--out",
            str(out),
            "--dato",
            "2024-06-01",
            "--scenarier",
            str(EXAMPLES / "tables" / "scenarier.toml"),
        ],
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == [
        "praesentation.pptx",
        "rapport_borgermoede.docx",
        "rapport_drift.docx",
        "rapport_drift_bilag.xlsx",
        "rapport_sanktioner.docx",
    ]
    assert all(_private(out / n) for n in written)
    assert all(f"Skrev {out / n}" in result.output for n in written)
    # No recommendation set is loaded: the status report is named as left out, with the fix.
    assert "ikke skrevet" in result.output and "afdaek recommendations load" in result.output
    text = "\n".join(p.text for p in docx.Document(out / "rapport_drift.docx").paragraphs)
    assert "1. juni 2024" in text
