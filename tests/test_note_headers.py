"""How journals head and date their notes, and how letters date themselves: the layouts of
other systems and other hands than the project's examples."""

from __future__ import annotations

from datetime import date

import pytest

from textmining.domain.casenotes import split_notes

LETTER_BODY = (
    "\n\nIndkaldelse til samtale\n\nKære Sofie\n\nDu skal komme til samtale.\n\nVenlig hilsen\nAnders\n"
)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Hjørring, 6. januar 2020", date(2020, 1, 6)),
        ("Frederikshavn den 04.04.2024                J.nr. 27.36.08-P19-3-24", date(2024, 4, 4)),
        ("Den 29. januar 2020", date(2020, 1, 29)),
        ("Brevdato: 18. april 2024", date(2024, 4, 18)),
        ("Dato 26/4-2024", date(2024, 4, 26)),
        ("8. maj 2024", date(2024, 5, 8)),
        ("                                        10.02.2020", date(2020, 2, 10)),
        ("Slagelse d. 4/4-2024", date(2024, 4, 4)),
    ],
)
def test_a_letter_is_one_note_dated_by_its_own_date_line(head, expected):
    notes = split_notes(head + LETTER_BODY)
    assert [(n.date, n.source) for n in notes] == [(expected, "brev")]


def test_a_meeting_date_in_a_letter_is_not_its_date():
    text = (
        "Svendborg, den 5. januar 2018\n\nKære Tesfay\n\n"
        "Du skal til samtale\nmandag den 15. januar 2018 kl. 9.00\n"
    )
    assert [(n.date, n.source) for n in split_notes(text)] == [(date(2018, 1, 5), "brev")]


def test_a_journal_note_with_a_date_line_is_no_letter():
    text = "14.03.2023\nBorger udeblev fra samtalen. Ingen afbud.\n"
    assert [n.source for n in split_notes(text)] == ["notat"]
