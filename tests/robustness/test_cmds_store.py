"""A store the commands cannot write: from a newer afdaek, a read-only file, folder or drive, a
full disk. Each gets one Danish line and exit 1, nothing half-done is left, and reading
commands still read where that is safe.

Read-only is made real: `chmod` for an ordinary user, `chattr +i` for root (root ignores
permission bits), a read-only bind mount in a private mount namespace (`unshare`), and
RLIMIT_FSIZE for a disk that takes no more bytes. A mechanism the machine lacks skips its test.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from store import StoreError, open_store
from store import db as store_db

AFDAEK = str(Path(sys.executable).parent / "afdaek")
ONLY_READ = "afdaek kan kun læse den, og intet er ændret"

NOTE = """02.05.2023 – Jobsamtale
Borgeren mødte op til samtalen om praktik i Hedelunden og fik vejledning om rådighed.
"""
SECOND = """09.05.2023 – Opfølgning
Borgeren har fået en aftale om praktik i Ørnereden fra næste måned.
"""


def run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *args])


def _store_with_case(root: Path) -> Path:
    """A store holding case S1 (one note, screened), closed so no -wal file is left."""
    case = root / "sager" / "S1"
    case.mkdir(parents=True)
    (case / "sag.toml").write_text('ydelse = "kontanthjælp"\n', encoding="utf-8")
    (case / "notater.txt").write_text(NOTE, encoding="utf-8")
    db = root / "data" / "afdaek.db"
    result = run(db, "screen", "run", str(root / "sager"))
    assert result.exit_code == 0, result.output
    assert not Path(f"{db}-wal").exists()
    return db


def _second_note(root: Path) -> Path:
    path = root / "ny.txt"
    path.write_text(SECOND, encoding="utf-8")
    return path


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only for this user, root included."""
    if os.geteuid() == 0:
        if (
            shutil.which("chattr") is None
            or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode
        ):
            pytest.skip("chattr +i virker ikke her (root ignorerer filrettigheder)")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


# --------------------------------------------------------------------------- a newer afdaek


def _sql(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(sql)
    finally:
        conn.close()  # the last connection moves its -wal into the file


def _newer(db: Path) -> None:
    _sql(db, "INSERT INTO _migrations VALUES ('m999_fra_fremtiden', '2031-01-01')")


def test_a_store_from_a_newer_afdaek_is_read_but_never_written(tmp_path):
    db = _store_with_case(tmp_path)
    _newer(db)
    before = _digest(db)
    line = (
        f"Fejl: {db}: databasen er lavet af en nyere udgave af afdaek (skemaændringen "
        f"m999_fra_fremtiden kendes ikke; opdatér afdaek); {ONLY_READ}\n"
    )
    for args in (
        ["ingest", str(_second_note(tmp_path))],
        ["forget", "--case", "S1", "--yes"],
        ["screen", "run"],
        ["init"],
    ):
        result = run(db, *args)
        assert (result.exit_code, result.stderr) == (1, line), args
    assert _digest(db) == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    found = run(db, "search", "Hedelunden", "--format", "json")
    assert found.exit_code == 0, found.output  # reading is safe: migrations only add
    assert "Hedelunden" in found.stdout


def test_a_read_the_newer_schema_changed_is_one_line(tmp_path):
    db = _store_with_case(tmp_path)
    _newer(db)
    _sql(db, "ALTER TABLE meeting_items RENAME TO agenda_items")
    result = run(db, "minutes", "list")
    assert result.exit_code == 1
    assert result.stderr.endswith("denne udgave kan ikke læse den del af databasen\n")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


# --------------------------------------------------------------------------- read-only


def test_a_read_only_store_file_is_read_and_refuses_writes(tmp_path):
    db = _store_with_case(tmp_path)
    before = _digest(db)
    with _read_only(db):
        for args in (["ingest", str(_second_note(tmp_path))], ["forget", "--case", "S1", "--yes"]):
            result = run(db, *args)
            assert (result.exit_code, result.stderr) == (
                1,
                f"Fejl: {db}: databasefilen er skrivebeskyttet; {ONLY_READ}\n",
            ), args
        found = run(db, "search", "Hedelunden", "--format", "json")
        assert found.exit_code == 0, found.output
    assert _digest(db) == before
    assert _count(db, "cases") == 1


def test_a_read_only_folder_is_read_and_refuses_writes(tmp_path):
    db = _store_with_case(tmp_path)
    before = _digest(db)
    with _read_only(db.parent):
        result = run(db, "forget", "--case", "S1", "--yes")
        assert result.exit_code == 1
        assert result.stderr == (
            f"Fejl: {db}: mappen {db.parent} er skrivebeskyttet (afdaek skal kunne lægge "
            f"databasens -wal- og -shm-filer ved siden af den); {ONLY_READ}\n"
        )
        found = run(db, "search", "Hedelunden", "--format", "json")
        assert found.exit_code == 0, found.output
        assert "Hedelunden" in found.stdout
    assert _digest(db) == before


def test_a_new_store_in_a_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    with _read_only(folder):
        result = run(folder / "afdaek.db", "init")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: {folder / 'afdaek.db'}: databasen kan ikke oprettes: mappen "
        f"{folder} er skrivebeskyttet (afdaek skal kunne lægge databasens "
        "-wal- og -shm-filer ved siden af den)\n"
    )


def _on_read_only_mount(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run afdaek with folder bind-mounted read-only in a private mount namespace."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare findes ikke")
    userns = [] if os.geteuid() == 0 else ["-r"]
    script = 'mount --bind -o ro "$0" "$0" || exit 99; exec "$@"'
    result = subprocess.run(
        ["unshare", *userns, "-m", "sh", "-c", script, str(folder), AFDAEK, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode == 99 or "unshare failed" in result.stderr:
        pytest.skip("et skrivebeskyttet drev kan ikke efterlignes her (unshare/mount)")
    return result


@pytest.mark.slow
def test_a_store_on_a_read_only_drive_is_read_and_refuses_writes(tmp_path):
    db = _store_with_case(tmp_path)
    before = _digest(db)
    note = _second_note(tmp_path)
    refused = _on_read_only_mount(db.parent, "--db", str(db), "ingest", str(note))
    assert refused.returncode == 1
    assert refused.stderr == (f"Fejl: {db}: databasen ligger på et skrivebeskyttet drev; {ONLY_READ}\n")
    found = _on_read_only_mount(db.parent, "--db", str(db), "search", "Hedelunden")
    assert found.returncode == 0, found.stderr
    assert "Hedelunden" in found.stdout
    assert _digest(db) == before


# --------------------------------------------------------------------------- a full disk


def _limited(max_bytes: int, *args: str) -> subprocess.CompletedProcess:
    """Run afdaek where no file may grow beyond max_bytes (a disk that takes no more)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return subprocess.run([AFDAEK, *args], preexec_fn=limit, capture_output=True, text=True, timeout=120)


DISK_LINE = (
    "databasen kunne ikke skrives eller læses (diskfejl, fx fuld disk eller en grænse "
    "for filstørrelse); ændringen er ikke gemt"
)


@pytest.mark.slow
def test_ingest_on_a_full_disk_is_one_line_and_keeps_the_store(tmp_path):
    db = _store_with_case(tmp_path)
    big = tmp_path / "stor.txt"
    big.write_text(SECOND * 5_000, encoding="utf-8")  # about 0,4 MB: does not fit
    result = _limited(db.stat().st_size, "--db", str(db), "ingest", str(big))
    assert result.returncode == 1
    assert result.stderr == f"Fejl: {db}: {DISK_LINE}\n"
    with open_store(db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        paths = [r[0] for r in store.db.execute("SELECT path FROM documents")]
    assert paths == [str(tmp_path / "sager" / "S1" / "notater.txt")]


def _case_rows(db: Path) -> tuple[int, ...]:
    return tuple(_count(db, t) for t in ("cases", "documents", "case_events", "findings"))


def test_forget_on_a_full_disk_deletes_all_or_nothing(tmp_path):
    db = _store_with_case(tmp_path)
    before = _case_rows(db)
    assert all(before), before
    # Room for nothing: the delete itself cannot be written, so the case stays whole.
    result = _limited(4096, "--db", str(db), "forget", "--case", "S1", "--yes")
    assert (result.returncode, result.stderr) == (1, f"Fejl: {db}: {DISK_LINE}\n")
    assert _case_rows(db) == before


def test_forget_when_only_shrinking_fails_leaves_no_trace(tmp_path):
    db = _store_with_case(tmp_path)
    raw = db.read_bytes()
    assert "Hedelunden".encode() in raw and "rådighed".encode() in raw
    _cases, documents, events, findings = _case_rows(db)
    # Room for the delete but not for VACUUM's copy of the file (this used to stop halfway).
    result = _limited(db.stat().st_size, "--db", str(db), "forget", "--case", "S1", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"Sag S1 er slettet: {documents} dokumenter, {events} hændelser, {findings} fund, 0 gennemgange.",
        "Bemærk: databasefilen kunne ikke gøres mindre bagefter (disken er fuld eller "
        "utilgængelig); de slettede data er overskrevet.",
    ]
    assert _case_rows(db) == (0, 0, 0, 0)
    left = b"".join(Path(f"{db}{s}").read_bytes() for s in ("", "-wal") if Path(f"{db}{s}").exists())
    assert "Hedelunden".encode() not in left and "rådighed".encode() not in left


def test_sqlite_full_is_one_danish_line(tmp_path, monkeypatch):
    """SQLITE_FULL itself (max_page_count makes SQLite report a full database)."""
    db = _store_with_case(tmp_path)
    configure = store_db._configure

    def no_room(database):
        configure(database)
        pages = database.execute("PRAGMA page_count").fetchone()[0]
        database.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(store_db, "_configure", no_room)
    big = tmp_path / "stor.txt"
    big.write_text(SECOND * 2_000, encoding="utf-8")
    result = run(db, "ingest", str(big))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fejl: {db}: disken er fuld; ændringen er ikke gemt – frigør plads og prøv igen\n",
    )
    assert _count(db, "documents") == 1


# --------------------------------------------------------------------------- transactions


def test_a_history_import_with_a_bad_row_imports_nothing(tmp_path):
    db = tmp_path / "r.db"
    assert run(db, "recommendations", "load").exit_code == 0
    history = tmp_path / "historik.csv"
    history.write_text(
        "anbefaling;dato;status;note;kilde\n"
        "5;2021-06-01;i gang;Ny skabelon;\n"
        "99;2021-07-01;i gang;Findes ikke;\n",
        encoding="utf-8",
    )
    result = run(db, "recommendations", "import", str(history))
    assert result.exit_code == 1
    assert "anbefaling 99 findes ikke" in result.stderr
    assert _count(db, "recommendation_updates") == 0  # not the good row before the bad one


def test_nested_transactions_are_all_or_nothing(tmp_path):
    with open_store(tmp_path / "t.db") as store:
        with pytest.raises(StoreError):
            with store.transaction() as conn:
                conn.execute("INSERT INTO meta VALUES ('a', '1')")
                with store.transaction() as inner:
                    inner.execute("INSERT INTO meta VALUES ('b', '2')")
                raise StoreError("stop")
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES ('c', '3')")
            with pytest.raises(sqlite3.IntegrityError), store.transaction() as inner:
                inner.execute("INSERT INTO meta VALUES ('d', '4')")
                inner.execute("INSERT INTO meta VALUES ('d', '5')")  # the savepoint is undone
        keys = [r[0] for r in store.db.execute("SELECT key FROM meta WHERE key IN ('a', 'b', 'c', 'd')")]
    assert keys == ["c"]
