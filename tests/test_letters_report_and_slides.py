"""The borgermøde report and the slides count the same letters (#14, one function)."""

from __future__ import annotations

import re
from datetime import date

from docgen.context_borgermoede import _letters
from docgen.context_letters import letter_overview
from docgen.presentation import storyline
from store import documents as docstore
from store import open_store


def _letter(store, n: int, profile: str, lix: float | None, missing: str) -> None:
    doc_id = f"{n:064d}"
    docstore.store_document(
        store,
        {
            "id": doc_id,
            "path": f"/breve/{n}.txt",
            "kind": "letter",
            "title": f"Brev {n}",
            "text": "Kære borger",
            "format": "txt",
        },
        extra=[
            (
                "letter_checks",
                [
                    {
                        "document_id": doc_id,
                        "profile": profile,
                        "letter_date": "2023-05-02",
                        "lix": lix,
                        "words": 120,
                        "sentences": 8,
                        "long_words": 40,
                        "rix": 5.0,
                        "band": None,
                        "missing": missing,
                        "checked_at": "2023-05-02T10:00:00+00:00",
                    }
                ],
            )
        ],
    )


def test_report_and_slides_give_the_same_letter_figures(tmp_path):
    store = open_store(tmp_path / "db.sqlite")
    # 5 letters: one without a LIX (too short), one partshøring that meets its checklist,
    # three summons of which one meets the whole checklist.
    _letter(store, 1, "indkaldelse", 52.0, "[]")
    _letter(store, 2, "indkaldelse", 30.0, '["kontakt"]')
    _letter(store, 3, "foerste_indkaldelse", None, '["formaal"]')
    _letter(store, 4, "partshoering", 48.0, "[]")
    _letter(store, 5, "afgoerelse", 20.0, '["frist"]')
    ov = letter_overview(store)
    assert (ov["letters"], ov["with_lix"], ov["over_target"], ov["summons"], ov["summons_complete"]) == (
        5,
        4,
        2,
        3,
        1,
    )
    note = _letters(store)["breve_note"]
    # the deck's letters slide takes its bullets and notes from the borgermøde report
    [letters] = [s for s in storyline(store, date(2024, 3, 1)) if s.title == "Brevene til borgerne"]
    slide = " ".join(letters.bullets)
    for text in (note, slide):
        assert "5 af jobcentrets breve" in text or "5 breve er tjekket" in text
        assert "2 af de 4 breve med en LIX" in text
        assert "37,5" in text  # mean of 52, 30, 48, 20
    assert "de 3 indkaldelser der mangler hvert punkt i tjeklisten" in letters.notes
    assert not re.search(r"\bafdaek\b", note)
