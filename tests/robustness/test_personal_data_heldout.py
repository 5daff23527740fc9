"""Held-out personal data (tests/data/personal_data_heldout): after `afdaek ingest` none of it is
found in any text column of any table, in `afdaek search` or in the borgermøde report, and the
near misses (case numbers, amounts, dates with times, "Hans" as a pronoun) survive.

The notes were written before the detector was changed and are not used to tune it; the
recall and false positives printed by `python -m tests.robustness.test_personal_data_heldout`
are the numbers reported for issue 15.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from textmining.config import load_toml

HELDOUT = Path(__file__).resolve().parent.parent / "data" / "personal_data_heldout"
PSEUDONYM = re.compile(r"\[(?:CPR|TLF|EMAIL|PERSON)-[0-9A-F]{8}\]")


def expected() -> list[dict]:
    return load_toml(HELDOUT / "expected.toml")["file"]


def secret_patterns(secret: str) -> list[re.Pattern[str]]:
    """Regexes that find a secret as a whole word; a CPR number also in its two plain forms."""
    forms = {secret}
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", secret))
    if len(digits) == 10:
        forms |= {digits, f"{digits[:6]}-{digits[6:]}"}
    return [re.compile(rf"(?<![^\W_]){re.escape(f)}(?![^\W_])") for f in forms]


def ingest(tmp_path: Path) -> Path:
    """Copy the held-out files (so paths are the tester's) and ingest them; return the store."""
    root = tmp_path / "indbakke"
    shutil.copytree(HELDOUT / "sager", root / "sager")
    shutil.copytree(HELDOUT / "loese", root / "loese")
    db = tmp_path / "afdaek.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    return db


def store_texts(db: Path):
    """(table.column, value) of every text value in every table, FTS shadow tables too."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            try:
                rows = conn.execute(f"SELECT * FROM [{table}]")
            except sqlite3.OperationalError:  # an FTS5 table itself: its shadow tables are read
                continue
            cols = [c[0] for c in rows.description]
            for row in rows:
                for col, value in zip(cols, row):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str):
                        yield f"{table}.{col}", value


def search_output(db: Path, words: list[str]) -> str:
    """What `afdaek search WORD --format json` finds for each word (the hits, not the query)."""
    out = []
    for word in words:
        r = CliRunner().invoke(app, ["--db", str(db), "search", word, "--format", "json"])
        assert r.exit_code == 0, r.output
        out.append(r.stdout)
    return "\n".join(out)


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", "replace"))
            for n in z.namelist()
            if n.endswith(".xml")
        )


def leaks_and_losses(db: Path, extra: dict[str, str]) -> tuple[list, list, int, int]:
    """Secrets found (where, file, secret), near misses lost (file, keep) and the totals."""
    texts = [*store_texts(db), *extra.items()]
    stored = {}
    with sqlite3.connect(db) as conn:
        for (text,) in conn.execute("SELECT text FROM documents"):
            stored[len(stored)] = text
    leaks, losses, n_secret, n_keep = [], [], 0, 0
    for entry in expected():
        for secret in entry["secret"]:
            n_secret += 1
            for where, text in texts:
                if any(p.search(text) for p in secret_patterns(secret)):
                    leaks.append((where, entry["path"], secret))
                    break
        for keep in entry.get("keep", []):
            n_keep += 1
            if not any(keep in t for t in stored.values()):
                losses.append((entry["path"], keep))
    return leaks, losses, n_secret, n_keep


@pytest.fixture(scope="module")
def heldout_store(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("heldout")
    db = ingest(tmp)
    words = sorted(
        {w for e in expected() for s in e["secret"] for w in re.findall(r"\w+", s) if not w.isdigit()}
    )
    extra = {"afdaek search": search_output(db, words)}
    out = tmp / "rapporter"
    r = CliRunner().invoke(
        app, ["--db", str(db), "report", "borgermoede", "--out", str(out), "--dato", "2024-06-01"]
    )
    assert r.exit_code == 0, r.output
    for path in out.glob("*.docx"):
        extra[f"rapport {path.name}"] = docx_text(path)
    for cmd in (["screen", "run", "--format", "json"],):
        r = CliRunner().invoke(app, ["--db", str(db), *cmd])
        extra[" ".join(cmd)] = r.stdout
    return db, extra


@pytest.mark.slow
def test_no_heldout_personal_data_in_store_search_or_reports(heldout_store):
    db, extra = heldout_store
    leaks, _, n_secret, _ = leaks_and_losses(db, extra)
    assert leaks == [], f"{len(leaks)} af {n_secret} fundet: {leaks}"


@pytest.mark.slow
def test_heldout_near_misses_survive(heldout_store):
    db, extra = heldout_store
    _, losses, _, n_keep = leaks_and_losses(db, extra)
    assert losses == [], f"{len(losses)} af {n_keep} ændret: {losses}"


@pytest.mark.slow
def test_heldout_quotes_reach_the_report_pseudonymised(heldout_store):
    """The borgermøde report quotes survey comments; the held-out ones with a name and a CPR
    number in the space form must be quoted, but pseudonymised."""
    _, extra = heldout_store
    report = extra["rapport rapport_borgermoede.docx"]
    assert "var rar" in report  # the tone theme is quoted at all
    assert not re.search(r"\b\d{6} \d{4}\b", report)


if __name__ == "__main__":  # recall and false positives for the issue report
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        db = ingest(Path(tmp))
        leaks, losses, n_secret, n_keep = leaks_and_losses(db, {})
        print(
            json.dumps(
                {
                    "secrets": n_secret,
                    "found_after_ingest": len(leaks),
                    "recall": round(1 - len(leaks) / n_secret, 3),
                    "near_misses": n_keep,
                    "near_misses_changed": len(losses),
                    "leaks": leaks,
                    "losses": losses,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
