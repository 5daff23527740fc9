"""File names, re-ingest, the salt and document metadata (issue 15, personal data).

- A file named after a citizen (`Mette_Lund_120488-1234_notat.txt`) is stored and shown with
  pseudonyms in its name: documents, events, ingest errors, JSON, search, reports.
- `forget --case` removes the case's ingest errors too.
- Adding `borger` to sag.toml after the first ingest re-pseudonymises the case's documents; a
  renamed or edited note does not duplicate its events.
- The salt is never printed; a store that lost it says so instead of making a new one.
- Generated presentations and reports carry afdaek's metadata, not a library's defaults.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner

from cli import app

NOTE = """09.01.2023 – Første samtale
Samtale med Mette Lund om praktik. Hun fik vejledning om rådighed og konsekvenser.

01.03.2023 – Udeblivelse
Borgeren udeblev fra jobsamtalen i dag og har ikke meldt afbud.
"""
SECRETS = ("Mette", "Lund", "120488")
SURVEY = (
    "Respondent;Besvaret;Gruppe;Før samtalen – hvordan oplevede du indkaldelsen?;"
    "Under samtalen – hvordan oplevede du selve samtalen?;"
    "Efter samtalen – hvordan oplever du aftalen om det videre forløb?;Samlet tilfredshed\n"
    + "".join(
        f"R{i};02-05-2024;Kontanthjælp;Brevet kom i god tid.;Hun var rar.;Planen er klar.;Tilfreds\n"
        for i in range(6)
    )
)


def _run(db: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(db), *map(str, args)])


def _case(root: Path, toml: str = 'borger = "Mette Lund"\ncpr = "120488-1234"\n') -> Path:
    folder = root / "sager" / "kh-101"
    folder.mkdir(parents=True)
    (folder / "sag.toml").write_text('ydelse = "kontanthjælp"\n' + toml, encoding="utf-8")
    return folder


def _all_text(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = []
        for table in tables:
            try:
                rows = conn.execute(f"SELECT * FROM [{table}]").fetchall()
            except sqlite3.OperationalError:
                continue
            out.extend(str(v) for row in rows for v in row if isinstance(v, str))
    return "\n".join(out)


def test_file_names_are_pseudonymised_wherever_stored_or_shown(tmp_path):
    folder = _case(tmp_path)
    (folder / "Mette_Lund_120488-1234_notat.txt").write_text(NOTE, encoding="utf-8")
    (folder / "Mette_Lund_120488-1234_tom.txt").write_text("", encoding="utf-8")
    survey = tmp_path / "svar_fra_Mette_Lund.csv"
    survey.write_text(SURVEY, encoding="utf-8")
    db = tmp_path / "afdaek.db"
    first = _run(db, "ingest", tmp_path / "sager", survey)
    assert first.exit_code == 1  # the empty file failed
    # The terminal names the real file, so the user can find it ...
    assert f"{folder / 'Mette_Lund_120488-1234_tom.txt'}: filen er tom" in first.stderr
    # ... while JSON, the store and everything read from it hold pseudonyms.
    ingest = _run(db, "ingest", tmp_path / "sager", survey, "--format", "json")
    assert ingest.exit_code == 1
    shown = [ingest.stdout]
    for args in (
        ["screen", "run", "--format", "json"],
        ["search", "udeblev", "--format", "json"],
        ["search", "udeblev"],
    ):
        r = _run(db, *args)
        assert r.exit_code == 0, r.output
        shown.append(r.stdout)
    names = sorted(Path(f["path"]).name for f in json.loads(ingest.stdout)["files"])
    pseudo = r"\[(?:PERSON|CPR)-[0-9A-F]{8}\]"
    assert [
        n
        for n in names
        if re.fullmatch(rf"(?:{pseudo}_)+(notat|tom)\.txt", n) or re.fullmatch(rf"svar_fra_{pseudo}\.csv", n)
    ] == names, names
    out = tmp_path / "rapporter"
    report = _run(db, "report", "borgermoede", "--out", out, "--dato", "2024-06-01")
    assert report.exit_code == 0, report.output
    with zipfile.ZipFile(out / "rapport_borgermoede.docx") as z:
        shown.append(z.read("word/document.xml").decode("utf-8"))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM case_events").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 2
    for text in (_all_text(db), *shown):
        for secret in SECRETS:
            assert secret not in text, (secret, text[:300])
    assert "_notat.txt" in _all_text(db) and "svar_fra_" in shown[-1]


def test_forget_removes_the_cases_ingest_errors(tmp_path):
    folder = _case(tmp_path)
    (folder / "notat.txt").write_text(NOTE, encoding="utf-8")
    (folder / "brudt.pdf").write_bytes(b"%PDF-1.4 brudt")
    other = tmp_path / "andet" / "brudt.pdf"
    other.parent.mkdir()
    other.write_bytes(b"%PDF-1.4 brudt")
    db = tmp_path / "afdaek.db"
    assert _run(db, "ingest", tmp_path / "sager", other).exit_code == 1
    assert _run(db, "forget", "--case", "kh-101", "--yes").exit_code == 0
    with sqlite3.connect(db) as conn:
        left = conn.execute("SELECT path, case_id FROM ingest_errors").fetchall()
    assert left == [(str(other), None)]


def test_adding_borger_later_repseudonymises_the_case(tmp_path):
    folder = _case(tmp_path, toml="")
    (folder / "notat.txt").write_text(
        "09.01.2023 – Samtale\nSamtale med Yrvane Quorp om praktik. Hun var glad.\n", encoding="utf-8"
    )
    db = tmp_path / "afdaek.db"
    assert _run(db, "ingest", tmp_path / "sager").exit_code == 0
    assert "Quorp" in _all_text(db)  # a rare name the lists do not know
    (folder / "sag.toml").write_text('ydelse = "kontanthjælp"\nborger = "Yrvane Quorp"\n', encoding="utf-8")
    again = _run(db, "ingest", tmp_path / "sager", "--format", "json")
    assert again.exit_code == 0, again.output
    assert [f["status"] for f in json.loads(again.stdout)["files"]] == ["replaced"]
    stored = _all_text(db)
    assert "Quorp" not in stored and "Yrvane" not in stored
    third = json.loads(_run(db, "ingest", tmp_path / "sager", "--format", "json").stdout)
    assert [f["status"] for f in third["files"]] == ["unchanged"]


def _events(db: Path) -> int:
    assert _run(db, "screen", "run").exit_code == 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM case_events").fetchone()[0]


def test_renaming_or_editing_a_note_does_not_duplicate_its_events(tmp_path):
    folder = _case(tmp_path)
    note = folder / "notater.txt"
    note.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "afdaek.db"
    assert _run(db, "ingest", tmp_path / "sager").exit_code == 0
    first = _events(db)
    assert first > 0
    renamed = note.rename(folder / "notater_2023.txt")
    assert _run(db, "ingest", tmp_path / "sager").exit_code == 0
    assert _events(db) == first
    renamed.write_text(NOTE + "\n02.03.2023 – Notat\nBorgeren ringede.\n", encoding="utf-8")
    moved = renamed.rename(folder / "notater_samlet.txt")  # renamed and edited in one go
    r = _run(db, "ingest", tmp_path / "sager")
    assert r.exit_code == 0, r.output
    assert "1 dokumenter er fjernet fra databasen" in r.stderr
    assert _events(db) == first
    with sqlite3.connect(db) as conn:
        paths = [p for (p,) in conn.execute("SELECT path FROM documents")]
    assert paths == [str(moved.resolve())]


def test_kept_personal_data_is_pseudonymised_by_a_later_ordinary_ingest(tmp_path):
    folder = _case(tmp_path)
    (folder / "notat.txt").write_text(NOTE, encoding="utf-8")
    db = tmp_path / "afdaek.db"
    assert _run(db, "ingest", tmp_path / "sager", "--keep-personal-data").exit_code == 0
    assert "Mette Lund" in _all_text(db)
    assert _run(db, "ingest", tmp_path / "sager").exit_code == 0
    assert "Mette" not in _all_text(db)


def test_the_salt_is_never_printed(tmp_path):
    folder = _case(tmp_path)
    (folder / "notat.txt").write_text(NOTE, encoding="utf-8")
    db = tmp_path / "afdaek.db"
    outputs = [_run(db, "ingest", tmp_path / "sager", "--format", "json").output]
    with sqlite3.connect(db) as conn:
        (salt,) = conn.execute("SELECT value FROM meta WHERE key = 'pseudonym_salt'").fetchone()
    for args in (
        ["search", salt, "--format", "json"],
        ["search", salt[:12], "--format", "json"],
        ["search", "pseudonym_salt", "--format", "json"],
        ["screen", "run", "--format", "json"],
        ["minutes", "list", "--format", "json"],
        ["recommendations", "list", "--format", "json"],
    ):
        outputs.append(_run(db, *args).output)
    for text in outputs:
        assert salt not in text and salt[:16] not in text and salt.upper()[:16] not in text
    from screening.browse import metadata

    assert metadata("afdaek")["databases"]["afdaek"]["tables"]["meta"]["allow"] is False


def test_a_store_without_its_salt_says_so_instead_of_making_a_new_one(tmp_path):
    folder = _case(tmp_path)
    (folder / "notat.txt").write_text(NOTE, encoding="utf-8")
    db = tmp_path / "afdaek.db"
    assert _run(db, "ingest", tmp_path / "sager").exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'pseudonym_salt'")
    (folder / "nyt.txt").write_text("10.01.2023 – Notat\nMette ringede.\n", encoding="utf-8")
    r = _run(db, "ingest", tmp_path / "sager")
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [
        f"Fejl: {db}: databasen mangler sit salt til pseudonymerne, så nye pseudonymer ville ikke "
        "passe til de gemte; gendan databasen fra en sikkerhedskopi, eller indlæs alt igen i en "
        "ny database"
    ]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'pseudonym_salt'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_presentation_metadata_is_afdaeks_not_python_pptx_defaults(tmp_path):
    from pptx import Presentation

    db = tmp_path / "afdaek.db"
    assert _run(db, "init").exit_code == 0
    r = _run(db, "report", "praesentation", "--out", tmp_path / "ud")
    assert r.exit_code == 0, r.output
    (pptx_file,) = (tmp_path / "ud").glob("*.pptx")
    props = Presentation(str(pptx_file)).core_properties
    assert props.author == "" and props.last_modified_by == ""  # no defaults, no tool name
    assert props.created.date() >= date.today().replace(day=1) or props.created.year == datetime.now().year
    assert props.modified.year == datetime.now().year
    assert props.title.startswith("Analyse af beskæftigelsesindsatsen")
    with zipfile.ZipFile(pptx_file) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "Steve Canny" not in core and "2013" not in core


def test_word_metadata_and_headers_of_an_ingested_file_are_not_stored(tmp_path):
    """Core properties (author, title, subject) and headers/footers of a DOCX are not read
    into the store at all, so a name or CPR number there cannot leak."""
    import docx

    folder = _case(tmp_path)
    document = docx.Document()
    document.add_paragraph("09.01.2023 – Samtale")
    document.add_paragraph("Borgeren mødte op og fik vejledning om rådighed.")
    document.core_properties.author = "Mette Lund"
    document.core_properties.title = "Notat om 120488-1234"
    document.core_properties.subject = "Mette Lund, 120488 1234"
    document.sections[0].header.paragraphs[0].text = "Borger: Mette Lund, cpr 120488-1234"
    document.sections[0].footer.paragraphs[0].text = "Mette Lund · 120488 1234"
    document.save(str(folder / "notat.docx"))
    db = tmp_path / "afdaek.db"
    assert _run(db, "ingest", tmp_path / "sager").exit_code == 0
    stored = _all_text(db)
    assert "vejledning om rådighed" in stored
    for secret in SECRETS:
        assert secret not in stored
