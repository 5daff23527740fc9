"""Hostile and odd files beyond the ingest corpus (issue 15, "Exports and files"): a workbook
that declares 17 billion cells, a FIFO, links, one case id in two folders, a letter of 50 MB,
a zip bomb handed to review import, and a CSV too big to hold twice in memory.

Commands that hung on these files run in a child process with a generous timeout, so a
regression fails instead of hanging the suite; nothing here asserts how fast anything is.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from store import documents as docstore
from store import open_store
from store import screening as sstore
from tests.robustness.corpus import NOTE, xlsx_far_cell, zip_bomb_xlsx
from textmining.errors import InputError
from textmining.readers import guards
from textmining.readers.sources import read_document
from textmining.readers.tables import detect_table_kind

AFDAEK = str(Path(sys.executable).parent / "afdaek")
FAR_CELL = (
    'arket "Sheet" har indhold i kolonne XFD (nr. 16384); afdaek læser højst 2000 '
    "kolonner pr. ark – slet de overflødige celler, eller del arket op"
)


def _afdaek(*args: str | Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [AFDAEK, *map(str, args)], capture_output=True, text=True, timeout=timeout, check=False
    )


def _rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


# --------------------------------------------------------------------------- spreadsheets


@pytest.mark.slow
def test_cell_in_xfd1048576_is_one_line_in_ingest_letters_and_review_import(tmp_path):
    sheet = tmp_path / "bred.xlsx"
    sheet.write_bytes(xlsx_far_cell())
    assert sheet.stat().st_size < 10_000
    note = tmp_path / "notat.txt"
    note.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "a.db"

    ingest = _afdaek("--db", db, "ingest", sheet, note)
    assert ingest.returncode == 1
    assert ingest.stderr == f"{sheet}: {FAR_CELL}\n"
    assert _rows(db, "SELECT count(*) FROM documents") == [(1,)]  # the note went on

    letters = _afdaek("letters", "check", sheet, "--format", "json")
    assert letters.returncode == 1
    assert letters.stderr == f"{sheet}: {FAR_CELL}\n"

    review = _afdaek("--db", db, "screen", "review", "--import", sheet)
    assert review.returncode == 1
    assert review.stderr == f"Fejl: {sheet}: {FAR_CELL}\n"


def test_declared_dimension_is_ignored(tmp_path):
    """Formatting down to XFD1048576 makes the sheet declare A1:XFD1048576; only the cells
    with a value are read."""
    sheet = tmp_path / "formateret.xlsx"
    sheet.write_bytes(xlsx_far_cell(styled_only=True))
    probe = (
        "import sys; from textmining.readers.sources import read_document; "
        "d = read_document(sys.argv[1]); print(d.tables)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, str(sheet)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "((('Tilbud', 'Bemærkning'), ('Mentorforløb', 'Virksomhedspraktik på Ærø')),)"
    )


def test_rows_beyond_the_cap_are_refused(tmp_path, monkeypatch):
    import openpyxl

    wb = openpyxl.Workbook()
    for i in range(30):
        wb.active.append([f"række {i}", i])
    path = tmp_path / "lang.xlsx"
    wb.save(path)
    monkeypatch.setattr(guards, "MAX_SHEET_ROWS", 20)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.problem == (
        'arket "Sheet" har over 20 rækker; afdaek læser højst 20 '
        "rækker pr. ark – slet de overflødige celler, eller del arket op"
    )


def test_zip_bomb_is_refused_by_review_import_as_by_ingest(tmp_path):
    bomb = tmp_path / "gennemgang.xlsx"
    bomb.write_bytes(zip_bomb_xlsx())
    open_store(tmp_path / "r.db").close()
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "r.db"), "screen", "review", "--import", str(bomb)]
    )
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Fejl: {bomb}: Excel-filen pakker sig ud til 20 MB (forhold ")
    assert line.endswith(":1) og ligner en zip-bombe; den åbnes ikke")


# --------------------------------------------------------------------------- odd files, links


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_in_a_folder_does_not_block_the_batch(tmp_path):
    folder = tmp_path / "sager"
    folder.mkdir()
    os.mkfifo(folder / "rør.txt")
    (folder / "notat.txt").write_text(NOTE, encoding="utf-8")
    result = _afdaek("--db", tmp_path / "f.db", "ingest", folder)
    assert result.returncode == 1
    assert result.stderr == (
        f"{folder}/rør.txt: det er ikke en almindelig fil (men fx en enhed eller et rør)\n"
    )
    assert _rows(tmp_path / "f.db", "SELECT count(*) FROM documents") == [(1,)]


def test_link_inside_the_folder_is_followed(tmp_path):
    folder = tmp_path / "sag"
    (folder / "arkiv").mkdir(parents=True)
    (folder / "arkiv" / "notat.txt").write_text(NOTE, encoding="utf-8")
    os.symlink("arkiv/notat.txt", folder / "genvej.txt")
    (folder / "arkiv" / "notat.txt").rename(folder / "arkiv" / "rigtigt-notat.txt")
    os.symlink("rigtigt-notat.txt", folder / "arkiv" / "notat.txt")
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "l.db"), "ingest", str(folder), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    statuses = sorted(f["status"] for f in json.loads(result.stdout)["files"])
    assert statuses == ["ingested", "unchanged", "unchanged"]  # three names, one file


# --------------------------------------------------------------------------- sag.toml


def _case(root: Path, name: str, toml: str, note: str = NOTE) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "sag.toml").write_text(toml, encoding="utf-8")
    (folder / "notat.txt").write_text(note.replace("Jobsamtale", f"Samtale i {name}"), encoding="utf-8")
    return folder


def _ingest(db: Path, *paths: Path):
    return CliRunner().invoke(app, ["--db", str(db), "ingest", *map(str, paths)])


def test_same_case_id_in_a_later_run_is_refused_until_the_first_folder_is_gone(tmp_path):
    db = tmp_path / "d.db"
    first = _case(tmp_path / "januar", "A", 'sag = "EG-1"\nydelse = "kontanthjælp"\n')
    second = _case(tmp_path / "februar", "B", 'sag = "EG-1"\nydelse = "uddannelseshjælp"\n')
    assert _ingest(db, first).exit_code == 0
    result = _ingest(db, second)
    assert result.exit_code == 1
    assert result.stderr == (
        f'{second}/notat.txt: sag.toml: sagsnummeret "EG-1" bruges også i '
        f'{first.resolve()}/sag.toml; hver sag skal have sit eget nummer – ret "sag" i den ene '
        "af filerne\n"
    )
    assert _rows(db, "SELECT id, ydelse, source FROM cases") == [
        ("EG-1", "kontanthjælp", str(first.resolve()))
    ]
    # The first folder moved away (renamed): the case may now come from the second one.
    first.rename(tmp_path / "januar" / "A-gammel")
    (tmp_path / "januar" / "A-gammel" / "sag.toml").unlink()
    assert _ingest(db, second).exit_code == 0
    assert _rows(db, "SELECT id, source FROM cases") == [("EG-1", str(second.resolve()))]


@pytest.mark.parametrize(
    "start, expected",
    [
        ("start = 2023-03-01", "2023-03-01"),
        ("start = 2023-03-01T09:30:00", "2023-03-01"),
        ('start = "1. marts 2023"', "2023-03-01"),
        ('start = "01.03.2023"', "2023-03-01"),
    ],
)
def test_start_may_be_a_toml_date_or_a_danish_date(tmp_path, start, expected):
    db = tmp_path / "s.db"
    folder = _case(tmp_path, "S1", f'ydelse = "kontanthjælp"\n{start}\n')
    assert _ingest(db, folder).exit_code == 0
    assert _rows(db, "SELECT start FROM cases") == [(expected,)]


@pytest.mark.parametrize(
    "toml, problem",
    [
        ("start = 12", '"start" skal være en dato (fx start = 2023-03-01), men er et tal'),
        ("start = [2023]", '"start" skal være en dato (fx start = 2023-03-01), men er en liste'),
        (
            'start = "2023-13-45"',
            '"start" = "2023-13-45" er ikke en dato; skriv fx start = '
            '2023-03-01 eller start = "1. marts 2023"',
        ),
        ("team = { navn = 'A' }", '"team" skal være tekst i anførselstegn (fx team = "…"), men er en tabel'),
        ("cpr = 101901234", '"cpr" skal være tekst i anførselstegn (fx cpr = "…"), men er et tal'),
        (
            "sagsbehandler = true",
            '"sagsbehandler" skal være tekst i anførselstegn (fx sagsbehandler = "…"), men er sand/falsk',
        ),
        (
            'sag = "a/b"',
            '"a/b" kan ikke bruges som sagsnummer; brug bogstaver, tal, mellemrum, '
            'bindestreg, punktum og understregning (fx "EG-22-0749"), uden / og \\',
        ),
    ],
)
def test_wrong_types_in_sag_toml_are_one_danish_line(tmp_path, toml, problem):
    db = tmp_path / "t.db"
    folder = _case(tmp_path, "S1", f'ydelse = "kontanthjælp"\n{toml}\n')
    result = _ingest(db, folder)
    assert result.exit_code == 1
    assert result.stderr == f"{folder}/notat.txt: sag.toml: {problem}\n"
    assert _rows(db, "SELECT count(*) FROM cases") == [(0,)]


def test_case_id_from_a_notes_export_cannot_be_a_path(tmp_path):
    export = tmp_path / "notater.csv"
    export.write_text(
        "sag;dato;type;tekst\nS1;01.02.2023;notat;Samtale.\n../../etc;02.02.2023;notat;Samtale.\n",
        encoding="utf-8",
    )
    result = _ingest(tmp_path / "n.db", export)
    assert result.exit_code == 1
    assert result.stderr == (
        f'{export}: række 3, kolonne "sag": "../../etc" kan ikke bruges som sagsnummer; brug '
        'bogstaver, tal, mellemrum, bindestreg, punktum og understregning (fx "EG-22-0749"), '
        "uden / og \\\n"
    )


# --------------------------------------------------------------------------- long letters

LETTER = """Kære borger

Du er indkaldt til en samtale på jobcentret den 3. juni 2023 kl. 10.00.
Medbring dit sygesikringskort. Hvis du ikke kan komme, skal du ringe til os.

Med venlig hilsen
Jobcentret
"""


def test_letter_over_the_limit_is_one_line_and_the_others_are_checked(tmp_path):
    long = tmp_path / "langt-brev.txt"
    long.write_text(
        LETTER + "Du skal møde op til samtalen. " * (guards.MAX_LETTER_CHARS // 30), encoding="utf-8"
    )
    short = tmp_path / "brev.txt"
    short.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(app, ["letters", "check", str(long), str(short), "--format", "json"])
    assert result.exit_code == 1
    chars = len(long.read_text(encoding="utf-8"))
    assert result.stderr == (
        f"{long}: teksten er for lang til et brev ({chars:,} tegn, højst 300.000); afdaek "
        "tjekker ikke så lange tekster for klarsprog\n".replace(",", ".")
    )
    assert [d["file"] for d in json.loads(result.stdout)] == [str(short)]


def test_long_letter_is_stored_for_search_without_the_letter_check(tmp_path):
    long = tmp_path / "langt-brev.txt"
    long.write_text(
        LETTER + "Du skal møde op til samtalen. " * (guards.MAX_LETTER_CHARS // 30), encoding="utf-8"
    )
    db = tmp_path / "b.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(long)])
    assert result.exit_code == 0, result.output
    assert "den er gemt til søgning" in result.stderr
    assert _rows(db, "SELECT kind FROM documents") == [("letter",)]
    assert _rows(db, "SELECT count(*) FROM letter_checks") == [(0,)]


# --------------------------------------------------------------------------- a big CSV

CSV_HEADER = "Løbenr;Emne;Afdeling;Kommentar;Antal\n"


def _big_csv(path: Path, megabytes: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(CSV_HEADER)
        i = 0
        while fh.tell() < megabytes * 1024 * 1024:
            fh.write(
                "".join(
                    f"{i + j};Samtale;Jobcenter Øst;Borgeren fik vejledning nr. {i + j} om rådighed;{j}\n"
                    for j in range(1000)
                )
            )
            i += 1000
    return path


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    return _big_csv(tmp_path_factory.mktemp("csv") / "udtraek.csv", 16)


def _peak(fn) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


CHUNK_BOUND = 6 * 1024 * 1024
"""A few read blocks of 1 MB (the encoding sample, the strict pass): what streaming costs,
whatever the size of the file (16 MB here; a 200 MB file costs the same)."""


def test_csv_rows_are_streamed(big_csv):
    from textmining.readers.sources import iter_csv

    rows, peak = _peak(lambda: sum(1 for _ in iter_csv(big_csv)))
    assert rows > 100_000
    assert peak < CHUNK_BOUND


def test_finding_a_tables_kind_reads_only_its_first_rows(big_csv):
    kind, peak = _peak(lambda: detect_table_kind(big_csv))
    assert kind is None
    assert peak < CHUNK_BOUND


@pytest.mark.slow
def test_a_csv_document_costs_its_text_not_its_rows(big_csv):
    size = big_csv.stat().st_size
    doc, peak = _peak(lambda: read_document(big_csv, table_rows=100))
    assert len(doc.text) > 0.9 * size and len(doc.tables[0]) == 100
    assert peak < 2.5 * size + CHUNK_BOUND


def test_csv_encoding_is_checked_over_the_whole_file(tmp_path):
    """A UTF-8 head and a cp1252 tail: the whole file is read as cp1252, not cut off."""
    path = tmp_path / "blandet.csv"
    head = CSV_HEADER + "".join(f"{i};Samtale;Vest;vejledning;{i}\n" for i in range(40_000))
    path.write_bytes(head.encode("utf-8") + "9;Møde;Øst;Ærø;1\n".encode("cp1252"))
    assert path.stat().st_size > 1024 * 1024
    from textmining.readers.sources import iter_csv

    rows = list(iter_csv(path))
    assert rows[-1] == ["9", "Møde", "Øst", "Ærø", "1"]


def test_review_import_of_a_filled_in_csv_is_streamed_through_the_same_reader(tmp_path):
    """Review import reads CSV with the reader ingest uses (encoding, delimiter, guards)."""
    db = tmp_path / "r.db"
    with open_store(db) as store:
        run_id = docstore.start_run(store, "screen")
        sstore.upsert_case(store, {"id": "S1"})
        sstore.store_findings(
            store,
            run_id,
            "S1",
            [{"rule": "V1", "verdict": "mangel", "explanation": "Mangler.", "events": []}],
        )
        finding_id = store.db.execute("SELECT id FROM findings").fetchone()[0]
    sheet = tmp_path / "gennemgang.csv"
    sheet.write_bytes((f"fund_id,afgoerelse,kommentar\n{finding_id},bekræft,Set på Ærø\n").encode("cp1252"))
    result = CliRunner().invoke(
        app, ["--db", str(db), "screen", "review", "--import", str(sheet), "--reviewer", "ab"]
    )
    assert result.exit_code == 0, result.output
    assert _rows(db, "SELECT comment FROM reviews") == [("Set på Ærø",)]
