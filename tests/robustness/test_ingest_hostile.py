"""`afdaek ingest` on a corpus of hostile and broken files, all in one batch.

Each bad file gives exactly one Danish line naming the file and the problem, good files are
stored with their text intact, the exit code is 1, and a re-run changes nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from tests.robustness.corpus import (
    INDICATOR_HEADER,
    INDICATOR_ROW,
    MINUTES_WITHOUT_ITEMS,
    NOTE,
    ODD_NAME,
    SECRET,
    big_text,
    build_corpus,
    xlsx_with_formula,
)
from textmining.readers.guards import path_text

AFDAEK = str(Path(sys.executable).parent / "afdaek")


def _ingest(db: Path, *args: str | Path, fmt: str = "json"):
    return CliRunner().invoke(app, ["--db", str(db), "ingest", *map(str, args), "--format", fmt])


def _rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def _tables(db: Path) -> dict[str, int]:
    names = [
        r[0]
        for r in _rows(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND "
            "name NOT LIKE '%fts%' AND name NOT IN ('runs', "
            "'ingest_errors', '_migrations', 'meta')",
        )
    ]
    return {n: _rows(db, f"SELECT count(*) FROM [{n}]")[0][0] for n in names}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The corpus ingested three times: json, json again, then the table format."""
    root = tmp_path_factory.mktemp("korpus")
    corpus = root / "ind"
    entries = build_corpus(corpus)
    db = root / "afdaek.db"
    first = _ingest(db, corpus)
    after_first = _tables(db)
    second = _ingest(db, corpus)
    third = _ingest(db, corpus, fmt="tabel")
    return {
        "corpus": corpus,
        "entries": entries,
        "db": db,
        "runs": (first, second, third),
        "after_first": after_first,
    }


def _by_name(result, corpus: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in json.loads(result.stdout)["files"]:
        out.setdefault(Path(f["path"]).relative_to(corpus).as_posix(), []).append(f)
    return out


def test_batch_goes_on_and_exit_code_says_some_failed(batch):
    for result in batch["runs"]:
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.stderr


def test_each_file_has_exactly_one_result_with_its_danish_problem(batch):
    files = _by_name(batch["runs"][0], batch["corpus"])
    assert sorted(files) == sorted(path_text(e.name) for e in batch["entries"])
    for entry in batch["entries"]:
        (result,) = files[path_text(entry.name)]
        assert entry.matches(result["problem"]), (entry.name, result["problem"])
        assert result["status"] == ("ingested" if entry.good else "failed"), entry.name
        if entry.kind:
            assert result["kind"] == entry.kind, entry.name


def test_bad_files_are_one_line_each_on_stderr(batch):
    """The table format prints one 'FILE: problem' line per bad file and nothing else."""
    third = batch["runs"][2]
    lines = third.stderr.splitlines()
    bad = [e for e in batch["entries"] if not e.good]
    assert len(lines) == len(bad), third.stderr
    for entry in bad:
        path = path_text(batch["corpus"] / entry.name)
        (line,) = [ln for ln in lines if ln.startswith(f"{path}: ")]
        assert entry.matches(line[len(f"{path}: ") :]), line


def test_exact_lines_for_the_common_problems(batch):
    lines = set(batch["runs"][2].stderr.splitlines())
    c = batch["corpus"]
    assert {
        f"{c}/tom.txt: filen er tom",
        f"{c}/tom.pdf: filen er tom",
        f"{c}/afkortet.pdf: PDF-filen er beskadiget og kan ikke læses",
        f"{c}/krypteret.pdf: PDF-filen er krypteret (kodeordsbeskyttet); gem en udgave uden kode",
        (
            f"{c}/makro.docm: filen indeholder makroer (.docm); afdaek åbner ikke filer med "
            "makroer, gem en udgave uden makroer (.docx eller .xlsx)"
        ),
        f"{c}/billede.txt: filen er ikke en tekstfil, men et PNG-billede",
        f"{c}/nul.txt: filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil",
        (
            f"{c}/sager/S900/notat.txt: sag.toml: ugyldig TOML i linje 2, kolonne 21: "
            "en tekst mangler sit afsluttende anførselstegn"
        ),
    } <= lines
    # a page without text needs OCR (no Tesseract), or OCR found no text on it
    (scan,) = [ln for ln in lines if ln.startswith(f"{c}/skannet.pdf: ")]
    assert "OCR" in scan
    (bomb,) = [ln for ln in lines if ln.startswith(f"{c}/bombe.docx: ")]
    assert bomb.startswith(f"{c}/bombe.docx: Word-filen pakker sig ud til 20 MB (forhold ")
    assert bomb.endswith(":1) og ligner en zip-bombe; den åbnes ikke")


def test_good_files_are_stored_with_danish_letters_intact(batch):
    db, corpus = batch["db"], batch["corpus"]
    stored = dict(_rows(db, "SELECT path, text FROM documents"))
    good = [e for e in batch["entries"] if e.good]
    assert sorted(stored) == sorted(path_text((corpus / e.name).resolve()) for e in good)
    for entry in good:
        assert entry.check in stored[path_text((corpus / entry.name).resolve())], entry.name
    encodings = dict(_rows(db, "SELECT path, encoding FROM documents WHERE format = 'txt'"))
    assert encodings[str(corpus / "brev-cp1252.txt")] == "cp1252"
    assert encodings[str(corpus / "brev-utf16.txt")] == "utf-16"
    assert _rows(db, "SELECT pages FROM documents WHERE path LIKE '%500 sider.pdf'") == [(500,)]
    assert _rows(db, "SELECT number FROM meeting_items ORDER BY number") == [(12,), (13,)]
    assert _rows(db, "SELECT id FROM cases") == [("S901",)]
    assert _rows(db, "SELECT case_id FROM documents WHERE path LIKE '%S901%'") == [("S901",)]


def test_nothing_from_outside_the_folder_is_stored(batch):
    """A link to a file outside the given folder (like /etc/passwd) is refused, not read."""
    assert _rows(batch["db"], "SELECT count(*) FROM documents WHERE text LIKE ?", (f"%{SECRET}%",)) == [(0,)]
    assert _rows(batch["db"], "SELECT count(*) FROM documents WHERE path LIKE '%passwd%'") == [(0,)]


def test_odd_file_name_is_stored_and_shown_with_its_bytes_escaped(batch):
    shown = path_text(batch["corpus"] / ODD_NAME)
    assert shown.endswith("notat-\\xff\\xfe.txt")
    assert _rows(
        batch["db"],
        "SELECT count(*) FROM documents WHERE path = ?",
        (path_text((batch["corpus"] / ODD_NAME).resolve()),),
    ) == [(1,)]
    assert any(f["path"] == shown for f in json.loads(batch["runs"][0].stdout)["files"])


def test_no_case_is_merged_or_stored_with_a_python_repr(batch):
    """Bad sag.toml files store no case at all; two folders with one id are both refused."""
    cases = _rows(batch["db"], "SELECT * FROM cases")
    assert [c[0] for c in cases] == ["S901"]
    reprs = ("['", '["', "{'", '{"', "datetime.")
    assert not any(isinstance(v, str) and v.startswith(reprs) for c in cases for v in c)


def test_rerun_is_idempotent(batch):
    second = batch["runs"][1]
    files = _by_name(second, batch["corpus"])
    for entry in batch["entries"]:
        (result,) = files[path_text(entry.name)]
        assert result["status"] == ("unchanged" if entry.good else "failed"), entry.name
    assert _tables(batch["db"]) == batch["after_first"]
    assert _rows(batch["db"], "SELECT path FROM documents GROUP BY path HAVING count(*) > 1") == []


def test_failures_are_kept_per_run(batch):
    bad = sum(1 for e in batch["entries"] if not e.good)
    per_run = _rows(batch["db"], "SELECT run_id, count(*) FROM ingest_errors GROUP BY run_id")
    assert [n for _, n in per_run] == [bad, bad, bad]


# --------------------------------------------------------------------------- single files


def test_minutes_without_items_with_kind_minutes(tmp_path):
    f = tmp_path / "referat.txt"
    f.write_text(MINUTES_WITHOUT_ITEMS, encoding="utf-8")
    result = _ingest(tmp_path / "m.db", f, "--kind", "minutes", fmt="tabel")
    assert result.exit_code == 1
    assert result.stderr == f"{f}: ingen dagsordenspunkter fundet; er det et referat?\n"
    assert _rows(tmp_path / "m.db", "SELECT count(*) FROM documents") == [(0,)]


def test_table_error_keeps_row_and_column(tmp_path):
    f = tmp_path / "benchmark.xlsx"
    f.write_bytes(xlsx_with_formula())
    result = _ingest(tmp_path / "t.db", f, fmt="tabel")
    assert result.exit_code == 1
    assert result.stderr == (
        f'{f}: række 4, kolonne "Forventet ydelsesomfang": cellen indeholder formlen "=E4+120" '
        "uden gemt resultat; åbn filen i Excel og gem den igen, eller indsæt værdierne som tal\n"
    )


def test_misspelled_indicator_column_gives_one_line(tmp_path):
    """A misspelling the reader cannot place ('Vædri') fails with a line naming the file."""
    f = tmp_path / "indikatorer.csv"
    f.write_text(INDICATOR_HEADER.replace("Værdi", "Vædri") + "\n" + INDICATOR_ROW + "\n", encoding="utf-8")
    result = _ingest(tmp_path / "t.db", f, fmt="tabel")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{f}: ") and "er ikke et tal" in line
    assert _rows(tmp_path / "t.db", "SELECT count(*) FROM indicators") == [(0,)]


def test_same_letter_in_two_case_folders_belongs_to_both(tmp_path):
    for case in ("S1", "S2"):
        folder = tmp_path / "sager" / case
        folder.mkdir(parents=True)
        (folder / "sag.toml").write_text('ydelse = "kontanthjælp"\n', encoding="utf-8")
        (folder / "standardbrev.txt").write_text(NOTE, encoding="utf-8")
    result = _ingest(tmp_path / "t.db", tmp_path / "sager")
    assert result.exit_code == 0, result.output
    assert _rows(tmp_path / "t.db", "SELECT id FROM cases ORDER BY id") == [("S1",), ("S2",)]
    assert _rows(tmp_path / "t.db", "SELECT DISTINCT case_id FROM documents ORDER BY case_id") == [
        ("S1",),
        ("S2",),
    ]


# --------------------------------------------------------------------------- a big text file

SLOW = os.environ.get("AFDAEK_SLOW") == "1"
BIG_MB = 50 if SLOW else 2


@pytest.mark.slow
def test_big_text_file_ingests_with_bounded_memory(tmp_path):
    """A 2 MB note by default; the full 50 MB with AFDAEK_SLOW=1 (about 30 s, 1 GB peak).

    Peak memory of the ingest process is measured by a small parent that reads its own
    children's rusage, so other tests' processes do not count.
    """
    f = big_text(tmp_path / "stor.txt", BIG_MB)
    db = tmp_path / "stor.db"
    probe = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(p.stdout)\n"
        "sys.stderr.write(p.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(p.returncode)\n"
    )
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", probe, AFDAEK, "--db", str(db), "ingest", str(f), "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        timeout=180 if SLOW else 60,
    )
    seconds = time.monotonic() - started
    *lines, peak_kb = proc.stderr.splitlines()
    peak_mb = int(peak_kb) / 1024
    print(f"{BIG_MB} MB: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")
    assert lines == []
    assert proc.returncode == 0
    (result,) = json.loads(proc.stdout)["files"]
    assert result["status"] == "ingested"
    assert _rows(db, "SELECT length(text) > ? FROM documents", (BIG_MB * 1_000_000 * 0.9,)) == [(1,)]
    # spaCy and the store take ~330 MB; the text may be held a handful of times, not more.
    assert peak_mb < 450 + 20 * BIG_MB
