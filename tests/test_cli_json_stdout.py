"""`--format json` writes the JSON and nothing else to stdout: status, progress and problem
lines go to stderr, so `afdaek ... --format json | jq` works, also when a file failed."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from cli import app
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
LETTER = EXAMPLES / "letters" / "01_indkaldelse_kancellisprog.txt"


def run(db, *args):
    return CliRunner().invoke(app, ["--db", str(db), *args])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store with two cases screened, minutes, a survey and the recommendations."""
    tmp = tmp_path_factory.mktemp("json")
    cases = tmp / "sager"
    for name in ("EG-22-0749", "EG-22-1078"):
        shutil.copytree(EXAMPLES / "cases" / name, cases / name)
    db = tmp / "j.db"
    for args in (
        ("ingest", str(EXAMPLES / "minutes"), str(EXAMPLES / "tables" / "survey.csv")),
        ("recommendations", "load"),
        ("recommendations", "link", "--propose"),
        ("screen", "run", str(cases)),
    ):
        result = run(db, *args)
        assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(
    "args",
    [
        ("survey", "summary"),
        ("search", "beskæftigelse"),
        ("minutes", "list"),
        ("screen", "run"),
        ("screen", "summary"),
        ("screen", "rules"),
        ("screen", "sample", "--n", "2", "--seed", "1"),
        ("templates", "list"),
        ("recommendations", "list", "--dato", "2022-01-01"),
        ("recommendations", "history", "1"),
        ("recommendations", "link"),
        ("minutes", "show", "1"),
        ("minutes", "parse", str(EXAMPLES / "minutes" / "ufb_2021-03-15.txt")),
        ("letters", "compare", str(LETTER), str(EXAMPLES / "letters" / "03_indkaldelse_klarsprog.txt")),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_stdout_is_json_only(store, args):
    result = run(store, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


def test_survey_variables_go_to_stderr(store):
    export = ROOT / "tests" / "data" / "exports_heldout" / "dev" / "brugertilfredshed_surveyxact.xlsx"
    result = run(store, "survey", "summary", str(export), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"] > 0
    assert result.stderr.splitlines()[0].startswith('Gruppe: s_1 "Hvilken ydelse modtager du?"')


def test_propose_count_goes_to_stderr(store):
    result = run(store, "recommendations", "link", "--propose", "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
    assert "nye forslag." in result.stderr


def test_a_failed_file_keeps_stdout_json(store, tmp_path):
    ingest = run(store, "ingest", str(LETTER), str(tmp_path / "mangler.txt"), "--format", "json")
    assert ingest.exit_code == 1
    assert json.loads(ingest.stdout)["files"]
    assert "mangler.txt: findes ikke" in ingest.stderr

    bad = tmp_path / "tom.pdf"
    bad.write_bytes(b"ikke en pdf")
    check = run(store, "letters", "check", str(LETTER), str(bad), "--format", "json")
    assert check.exit_code == 1
    assert [item["profile"] for item in json.loads(check.stdout)] == ["indkaldelse"]
    assert "tom.pdf" in check.stderr and "tom.pdf" not in check.stdout


def test_status_lines_go_to_stderr(store, tmp_path):
    """What a command did (files written, none written) is status: stdout stays empty."""
    folder = tmp_path / "skabeloner"
    exported = run(store, "templates", "export", str(folder))
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == ""
    assert f"Skrev {folder / 'rapport_drift.docx'}" in exported.stderr.splitlines()
    again = run(store, "templates", "export", str(folder))
    assert (again.stdout, again.stderr) == (
        "",
        "Ingen filer skrevet; skabelonerne findes allerede i mappen.\n",
    )

    report = run(store, "report", "borgermoede", "--out", str(tmp_path / "rapporter"), "--dato", "2024-06-01")
    assert report.exit_code == 0, report.output
    assert report.stdout == ""
    assert report.stderr.splitlines() == [f"Skrev {tmp_path / 'rapporter' / 'rapport_borgermoede.docx'}"]

    letters = run(
        store, "letters", "check", str(LETTER), "--format", "docx", "--out", str(tmp_path / "b.docx")
    )
    assert letters.exit_code == 0, letters.output
    assert (letters.stdout, letters.stderr) == ("", f"Skrev {tmp_path / 'b.docx'}\n")
