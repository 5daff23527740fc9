"""`afdaek forget --case ID --yes`: a case and everything derived from it is gone, also from the
raw database bytes, while the other cases stay."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli import app
from store import open_store
from store import screening as sstore

AFDAEK = str(Path(sys.executable).parent / "afdaek")

NOTES = """07.03.2022 – Visitationssamtale
Birgitte mødte til første samtale om praktik i Skovsnogen. Birgitte fik udleveret den skriftlige \
vejledning om rettigheder og pligter, herunder at udeblivelse fra samtaler og tilbud uden rimelig \
grund giver fradrag i hjælpen. Tlf. 40 27 87 50, CPR 010190-1234.

16. marts 2022 – Indkaldelse
Indkaldelse til jobsamtale 28. marts 2022 kl. 13.00 sendt i e-Boks. Brevet oplyser, at \
udeblivelse uden rimelig grund medfører fradrag i hjælpen.

28.03.2022 – Udeblivelse
Birgitte Skjoldborg udeblev fra jobsamtalen uden at melde afbud.

30.03.2022 – Partshøring
Partshøring sendt om fradrag for udeblivelsen. Frist for svar 6. april 2022.

08.04.2022 – Afgørelse
Birgitte har ikke svaret. Afgørelse om fradrag i hjælpen for 1 dag sendt med klagevejledning.
"""
LETTER = """Kære Birgitte Skjoldborg

Du indkaldes hermed til samtale vedrørende din praktik i Skovsnogen den 28. marts 2022 kl. 13.00 \
på Jobcentret, Torvet 1. Medbring venligst dit sygesikringskort. Såfremt du er forhindret, skal \
du ringe til os på 40 27 87 50.

Med venlig hilsen
Jobcentret
"""
OTHER = """02.05.2022 – Jobsamtale
Karsten mødte op til samtale og fik vejledning om rådighed. Vi aftalte jobsøgning i Hedelunden.
"""
# What must be gone afterwards, as written and as the full-text index stores it (lower case).
SECRETS = ("Birgitte", "Skjoldborg", "010190", "Skovsnogen", "40 27 87 50")


def _case_folders(root: Path) -> Path:
    sager = root / "sager"
    s100, s200 = sager / "S100", sager / "S200"
    s100.mkdir(parents=True)
    s200.mkdir(parents=True)
    (s100 / "sag.toml").write_text(
        'ydelse = "kontanthjælp"\nvisitationskategori = "jobparat"\n'
        'borger = "Birgitte Skjoldborg"\ncpr = "010190-1234"\nstart = 2022-03-07\n',
        encoding="utf-8",
    )
    (s100 / "notater.txt").write_text(NOTES, encoding="utf-8")
    (s100 / "indkaldelse.txt").write_text(LETTER, encoding="utf-8")
    (s200 / "sag.toml").write_text('ydelse = "kontanthjælp"\nborger = "Karsten Lindholm"\n', encoding="utf-8")
    (s200 / "notater.txt").write_text(OTHER, encoding="utf-8")
    return sager


def _raw(db: Path) -> bytes:
    """The database file and its -wal and -shm files, as bytes."""
    return b"".join(
        Path(str(db) + s).read_bytes() for s in ("", "-wal", "-shm") if Path(str(db) + s).exists()
    )


def _leaks(raw: bytes) -> list[str]:
    return [s for s in SECRETS if s.encode() in raw or s.lower().encode() in raw]


def _counts(db: Path, case_id: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:

        def q(sql: str) -> int:
            return conn.execute(sql, [case_id]).fetchone()[0]

        return {
            "cases": q("SELECT count(*) FROM cases WHERE id = ?"),
            "documents": q("SELECT count(*) FROM documents WHERE case_id = ?"),
            "case_events": q("SELECT count(*) FROM case_events WHERE case_id = ?"),
            "findings": q("SELECT count(*) FROM findings WHERE case_id = ?"),
            "reviews": q("SELECT count(*) FROM reviews WHERE case_id = ?"),
            "letter_checks": q(
                "SELECT count(*) FROM letter_checks c JOIN documents d "
                "ON d.id = c.document_id WHERE d.case_id = ?"
            ),
        }


def _search(db: Path, *words: str) -> list[dict]:
    result = CliRunner().invoke(app, ["--db", str(db), "search", *words, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_forget_removes_case_everywhere(tmp_path):
    sager = _case_folders(tmp_path)
    db = tmp_path / "afdaek.db"
    runner = CliRunner()
    # Kept personal data makes the test hard: the real name and CPR are in the store.
    ingested = runner.invoke(app, ["--db", str(db), "ingest", str(sager), "--keep-personal-data"])
    assert ingested.exit_code == 0, ingested.output
    # Without a path: `screen run PATH` ingests again, pseudonymising what was kept.
    screened = runner.invoke(app, ["--db", str(db), "screen", "run", "--format", "json"])
    assert screened.exit_code == 0, screened.output
    with open_store(db) as store:
        finding = next(f for f in sstore.latest_findings(store, ["S100"]))
        sstore.add_review(
            store,
            finding["id"],
            reviewer="PS",
            decision="afvist",
            comment="Birgitte Skjoldborg ringede og forklarede sig",
        )
    before = _counts(db, "S100")
    assert all(before.values()), before
    kept = _counts(db, "S200")
    assert _search(db, "Skovsnogen") and _search(db, "Skjoldborg")
    assert _leaks(_raw(db)) == list(SECRETS)  # the scan would see them

    forgot = subprocess.run(
        [AFDAEK, "--db", str(db), "forget", "--case", "S100", "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert forgot.returncode == 0, forgot.stderr
    assert forgot.stderr == (
        f"Sag S100 er slettet: {before['documents']} dokumenter, {before['case_events']} "
        f"hændelser, {before['findings']} fund, {before['reviews']} gennemgange.\n"
    )

    assert _counts(db, "S100") == dict.fromkeys(before, 0)
    assert _counts(db, "S200") == kept
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM language_issues WHERE text LIKE '%Birgitte%' "
            "OR document_id NOT IN (SELECT id FROM documents)"
        ).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM sample_cases WHERE case_id = 'S100'").fetchone() == (0,)
    for word in ("Skovsnogen", "Skjoldborg", "Birgitte", "010190"):
        assert _search(db, word) == [], word
    assert _search(db, "Hedelunden")  # the other case is still searchable
    raw = _raw(db)
    assert _leaks(raw) == []
    assert b"Hedelunden" in raw


def test_forget_pseudonymised_case_removes_its_pseudonym(tmp_path):
    sager = _case_folders(tmp_path)
    db = tmp_path / "afdaek.db"
    screened = CliRunner().invoke(app, ["--db", str(db), "screen", "run", str(sager)])
    assert screened.exit_code == 0, screened.output
    with sqlite3.connect(db) as conn:
        (pseudonym,) = conn.execute("SELECT borger FROM cases WHERE id = 'S100'").fetchone()
    assert pseudonym and "Birgitte" not in pseudonym
    assert pseudonym.encode() in _raw(db)
    assert _leaks(_raw(db)) == ["Skovsnogen"]  # pseudonymised: only the place name is there
    forgot = subprocess.run(
        [AFDAEK, "--db", str(db), "forget", "--case", "S100", "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert forgot.returncode == 0, forgot.stderr
    raw = _raw(db)
    assert pseudonym.encode() not in raw
    assert _leaks(raw) == []


def test_forget_unknown_case(tmp_path):
    db = tmp_path / "afdaek.db"
    open_store(db).close()
    result = CliRunner().invoke(app, ["--db", str(db), "forget", "--case", "S999", "--yes"])
    assert result.exit_code == 1
    assert result.stderr == "Fejl: sagen 'S999' findes ikke i databasen\n"
