"""Letters are checked before pseudonymisation (#14): the shipped letters' phone numbers count as
contact, Word letters get a LIX per paragraph, and the store holds no raw letter text beyond the
pseudonymised document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.ingest import ingest_paths
from store import open_store
from textmining.domain.letters import letter_text

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "examples" / "letters"


def test_word_lines_become_paragraphs():
    assert (
        letter_text("Kære Jens\nDu skal møde.\nVenlig hilsen", "docx")
        == "Kære Jens\n\nDu skal møde.\n\nVenlig hilsen"
    )
    assert letter_text("Kære Jens\nDu skal møde.", "txt") == "Kære Jens\nDu skal møde."


@pytest.mark.slow
def test_shipped_letters_are_checked_on_the_original(tmp_path):
    store = open_store(tmp_path / "db.sqlite")
    ingest_paths(store, [LETTERS], kind="letter")
    rows = list(
        store.db.query(
            "SELECT d.path, d.format, d.text, c.lix, c.missing FROM letter_checks c "
            "JOIN documents d ON d.id = c.document_id"
        )
    )
    assert len(rows) == len(list(LETTERS.iterdir()))
    missing_contact = [r["path"] for r in rows if "kontakt" in json.loads(r["missing"])]

    # The letters name a phone number: pseudonymised text hid it, the original does not.
    assert not missing_contact  # was 12 of 13 on the pseudonymised text
    docx = [r for r in rows if r["format"] == "docx"]
    assert docx and all(r["lix"] is not None for r in docx)
