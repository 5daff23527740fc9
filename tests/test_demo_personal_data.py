"""The whole demo: it runs, writes every report, and leaks no personal data anywhere.

After `afdaek demo` (pseudonymisation on), no CPR number, phone number, e-mail address or name
of a citizen from the example cases appears in any text column of the store or in any generated
document.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from tests.conftest import ROOT
from textmining.config import load_toml

EXAMPLES = ROOT / "examples"
CPR = re.compile(r"\b\d{6}-?\d{4}\b")
PHONE = re.compile(r"(?<![\d.,])(?:\+45 ?)?\d{2} ?\d{2} ?\d{2} ?\d{2}(?![\d.,])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PSEUDONYM = re.compile(r"\[[A-ZÆØÅ]+-[0-9A-F]{8}\]")


def _secrets() -> tuple[set[str], set[str]]:
    """Full names and CPR numbers of the example citizens."""
    names, cprs = set(), set()
    for toml in EXAMPLES.glob("cases/*/sag.toml"):
        meta = load_toml(toml)
        if meta.get("borger"):
            names.add(meta["borger"])
        if meta.get("cpr"):
            cprs.add(meta["cpr"])
    return names, cprs


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    # every line is status: on stderr, the database and each file written last
    assert result.stdout == ""
    assert f"Database: {out / 'afdaek.db'}" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == f"Skrev {out / 'screening.docx'}"
    return out


def test_demo_writes_every_report(demo):
    names = sorted(p.name for p in demo.iterdir() if p.suffix in (".docx", ".pptx"))
    assert names == [
        "anbefalinger_status.docx",
        "praesentation.pptx",
        "rapport_borgermoede.docx",
        "rapport_drift.docx",
        "rapport_sanktioner.docx",
        "screening.docx",
    ]


def _store_texts(db: Path):
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
                "AND name NOT IN ('meta', '_migrations')"
            )
        ]
        for table in tables:
            cols = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info([{table}])")
                if r[2].upper() in ("TEXT", "") and r[1] != "id" and not r[1].endswith(("_id", "_key"))
            ]
            for col in cols:
                case = "case_id IS NOT NULL" if table in ("documents", "case_events") else "1"
                for value, in_case in conn.execute(f"SELECT [{col}], {case} FROM [{table}]"):
                    if isinstance(value, str):
                        # Name parts are only checked in case documents: public minutes name
                        # politicians who may share a surname with a citizen.
                        yield f"{table}.{col}{'(sag)' if in_case and case != '1' else ''}", value


def _document_texts(folder: Path):
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".docx", ".pptx"):
            continue
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".xml"):
                    xml = z.read(name).decode("utf-8", "replace")
                    yield f"{path.name}:{name}", re.sub(r"<[^>]+>", " ", xml)


def test_no_personal_data_in_store_or_documents(demo):
    names, cprs = _secrets()
    assert len(names) >= 30 and len(cprs) >= 30
    parts = {p for n in names for p in n.split() if len(p) >= 4}
    leaks = []
    for where, text in [*_store_texts(demo / "afdaek.db"), *_document_texts(demo)]:
        for cpr in cprs:
            if cpr in text or cpr.replace("-", "") in text:
                leaks.append((where, cpr))
        for name in names:
            if name in text:
                leaks.append((where, name))
        text = PSEUDONYM.sub(" ", text)
        if where.endswith("(sag)"):
            for part in parts:
                if re.search(rf"\b{re.escape(part)}\b", text):
                    leaks.append((where, part))
        for pattern in (CPR, EMAIL):
            for m in pattern.finditer(text):
                leaks.append((where, m.group(0)))
        if ".lemmas" not in where:
            for m in PHONE.finditer(text):
                leaks.append((where, m.group(0)))
    assert leaks == [], leaks[:10]
