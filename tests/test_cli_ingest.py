"""`afdaek ingest`: a batch with bad files goes on, says what failed in Danish, loses nothing."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from cli import app
from tests.pdfmaker import make_pdf

MINUTES = """Udvalget for Beskæftigelse
Mødedato: 14. marts 2022

12. Orientering om ledighed
Sagsfremstilling
Ledigheden er faldet siden sidste møde, og flere er kommet i job.
Administrationen indstiller
At orienteringen tages til efterretning.
Beslutning
Taget til efterretning.

13. Budget for beskæftigelsesindsatsen
Sagsfremstilling
Budgettet for samtalerne med ledige gennemgås.
Beslutning
Godkendt.
"""


def _ingest(tmp_path, *args):
    db = tmp_path / "t.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", *map(str, args), "--format", "json"])
    return result, db


def _rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_good_and_bad_files_in_one_batch(tmp_path):
    folder = tmp_path / "ind"
    folder.mkdir()
    (folder / "referat.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "tom.txt").write_bytes(b"")
    (folder / "billede.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "afkortet.pdf").write_bytes(make_pdf([["Side et"]])[:200])
    (folder / "skannet.pdf").write_bytes(make_pdf([{"image": True}] if False else [[]]))
    (folder / "data.xyz").write_text("hvad er dette", encoding="utf-8")
    (folder / "brev.txt").write_bytes("Kære Søren\n\nDu får her et brev om æøå.\n".encode("cp1252"))
    result, db = _ingest(tmp_path, folder)
    assert result.exit_code == 1, (result.output, result.exc_info)
    data = json.loads(result.stdout)
    problems = {f["path"].split("/")[-1]: f["problem"] for f in data["files"] if f["problem"]}
    assert problems["tom.txt"] == "filen er tom"
    assert "ikke en tekstfil" in problems["billede.txt"]
    assert problems["afkortet.pdf"] == "PDF-filen er beskadiget og kan ikke læses"
    assert "OCR" in problems["skannet.pdf"]  # needs OCR (no Tesseract), or OCR found no text
    assert problems["data.xyz"].startswith("ukendt filformat '.xyz'")
    assert len(problems) == 5
    stored = dict(_rows(db, "SELECT path, text FROM documents"))
    assert len(stored) == 2
    assert any("æøå" in t for t in stored.values())
    items = _rows(db, "SELECT number, title, beslutning FROM meeting_items ORDER BY number")
    assert [(n, t) for n, t, _ in items] == [
        (12, "Orientering om ledighed"),
        (13, "Budget for beskæftigelsesindsatsen"),
    ]
    assert items[1][2].startswith("Godkendt")
    assert len(_rows(db, "SELECT * FROM ingest_errors")) == 5


def test_reingest_is_idempotent_and_changed_file_replaces(tmp_path):
    f = tmp_path / "referat.txt"
    f.write_text(MINUTES, encoding="utf-8")
    first, db = _ingest(tmp_path, f)
    assert first.exit_code == 0, first.output
    again, _ = _ingest(tmp_path, f)
    assert json.loads(again.stdout)["files"][0]["status"] == "unchanged"
    f.write_text(MINUTES.replace("Godkendt.", "Godkendt med bemærkninger."), encoding="utf-8")
    changed, _ = _ingest(tmp_path, f)
    assert json.loads(changed.stdout)["files"][0]["status"] == "replaced"
    assert len(_rows(db, "SELECT * FROM documents")) == 1
    assert len(_rows(db, "SELECT * FROM meeting_items")) == 2
    assert "bemærkninger" in _rows(db, "SELECT beslutning FROM meeting_items WHERE number=13")[0][0]


def test_case_folder_is_pseudonymised(tmp_path):
    case = tmp_path / "sager" / "S001"
    case.mkdir(parents=True)
    (case / "sag.toml").write_text(
        'ydelse = "kontanthjælp"\nborger = "Mette Lund"\ncpr = "010190-1234"\n', encoding="utf-8"
    )
    (case / "notater.txt").write_text(
        "02.05.2023 – Jobsamtale\nMette Lund (010190-1234) mødte op. Mettes telefon er "
        "22 33 44 55 og mail mette@example.dk.\n",
        encoding="utf-8",
    )
    result, db = _ingest(tmp_path, tmp_path / "sager")
    assert result.exit_code == 0, result.output
    (text,) = _rows(db, "SELECT text FROM documents")[0]
    for secret in ("Mette", "Lund", "010190-1234", "22 33 44 55", "mette@example.dk"):
        assert secret not in text
    assert _rows(db, "SELECT id, ydelse FROM cases") == [("S001", "kontanthjælp")]
    (borger,) = _rows(db, "SELECT borger FROM cases")[0]
    assert "Mette" not in borger and borger in text


def test_keep_personal_data_is_explicit(tmp_path):
    f = tmp_path / "notat.txt"
    f.write_text("Borgeren har CPR 010190-1234.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(f), "--keep-personal-data"])
    assert result.exit_code == 0, result.output
    assert "010190-1234" in _rows(db, "SELECT text FROM documents")[0][0]


def test_missing_path_is_reported(tmp_path):
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "x.db"), "ingest", str(tmp_path / "findes-ikke.txt")]
    )
    assert result.exit_code == 1
    assert "findes-ikke.txt: findes ikke" in result.output


def test_search_finds_inflected_form(tmp_path):
    f = tmp_path / "referat.txt"
    f.write_text(MINUTES, encoding="utf-8")
    _ingest(tmp_path, f)
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "t.db"), "search", "samtale", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert any(h["type"] == "punkt" and "Budget" in h["title"] for h in hits)


def test_minutes_list_and_show(tmp_path):
    f = tmp_path / "referat.txt"
    f.write_text(MINUTES, encoding="utf-8")
    _ingest(tmp_path, f)
    db = str(tmp_path / "t.db")
    listed = CliRunner().invoke(app, ["--db", db, "minutes", "list", "--format", "json"])
    items = json.loads(listed.stdout)
    assert [i["number"] for i in items] == [12, 13]
    assert items[0]["meeting_date"] == "2022-03-14"
    shown = CliRunner().invoke(app, ["--db", db, "minutes", "show", str(items[1]["id"])])
    assert "13. Budget for beskæftigelsesindsatsen" in shown.output
    missing = CliRunner().invoke(app, ["--db", db, "minutes", "show", "999"])
    assert missing.exit_code == 1
    assert missing.output.strip() == (
        "Fejl: der er intet dagsordenspunkt med id 999; se 'afdaek minutes list'"
    )


def test_unrecognised_table_is_stored_with_a_note(tmp_path):
    f = tmp_path / "indikatorer.csv"
    f.write_text(
        "Område;Ydelsesgruppe;Perode;Måling;Værdi\nEgebjerg;Kontanthjælp;2021K3;Antal;12\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "n.db"), "ingest", str(f)])
    assert result.exit_code == 0
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith(f"{f}: bemærk: "))
    # one line: the table it looks like, the column missing, the columns found, where to map
    assert 'ligner en nøgletalstabel, men kolonnen "Periode" mangler' in line
    assert '"Perode"' in line and "[kolonner.indikatorer] i afdaek.toml" in line


def test_case_notes_without_a_readable_date_are_named_on_ingest(tmp_path):
    folder = tmp_path / "sag-7"
    folder.mkdir()
    (folder / "sag.toml").write_text('sag = "S-7"\nydelse = "kontanthjælp"\n', encoding="utf-8")
    notes = folder / "notater.txt"
    notes.write_text("Samtale i sidste uge\nBorger kom ikke.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "u.db"), "ingest", str(folder)])
    assert result.exit_code == 0
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith(f"{notes}: bemærk: "))
    assert "ingen af notaterne har en dato" in line and "kan ikke vurderes" in line
    # dated notes give no such line
    notes.write_text("14.03.2023 – Samtale\nBorger kom ikke.\n", encoding="utf-8")
    again = CliRunner().invoke(app, ["--db", str(tmp_path / "u.db"), "ingest", str(folder)])
    assert "har en dato" not in again.stderr


def test_a_journal_export_names_its_notes_without_a_readable_date(tmp_path):
    export = tmp_path / "journal.csv"
    export.write_bytes(
        "Sagsnr;Dato;Notat\r\nA-1;14-03-2023;Borger kom ikke.\r\nA-1;i går;Borger ringede.\r\n".encode()
    )
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "j.db"), "ingest", str(export)])
    assert result.exit_code == 0
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith(f"{export}: bemærk: "))
    assert "1 af 2 notater har ikke en dato" in line
