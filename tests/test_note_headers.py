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


def _dated(text):
    return [(n.date, n.text.strip().split("\n")[0][:30]) for n in split_notes(text) if n.date]


@pytest.mark.parametrize(
    "layout",
    [
        "#{n:04d} | {iso} | NOTAT | KL\n{body}\n",  # a note number and a pipe row
        ">> {compact} 0930 KL NOT\n{body}\n",  # a mainframe-style line, date run together
        "Kl. 09.30 — {dmy} — Notat\n{body}\n",  # a clock time before the date
        "Uge 9 · {weekday} {dm} · KL\n{body}\n",  # no year: the year banner gives it
        "Journalnotat\nOprettet {weekday} den {long} kl. 09.30\nAf: Kim Lund\n\n{body}\n",
        "Created: {weekday} {dm_en} kl 09:30\nAuthor: KL\n{body}\n",
        "[{n}]\t{weekday} {dmy_dash}\tKL\tNotat\n{body}\n",
    ],
)
def test_a_journal_in_a_header_layout_of_its_own_is_read_note_by_note(layout):
    days = [date(2021, 3, 1), date(2021, 3, 15), date(2021, 4, 6)]
    weekdays = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    months = ["jan", "feb", "mar", "apr"]
    bodies = ["Samtale afholdt med borger.", "Borger udeblev fra samtalen.", "Partshøring sendt."]
    text = "=====  2021  =====\n\n" + "\n".join(
        layout.format(
            n=k + 1,
            iso=d.isoformat(),
            compact=f"{d.day:02d}{months[d.month - 1].upper()}{d.year % 100}",
            dmy=f"{d.day}/{d.month} {d.year}",
            dm=f"{d.day}/{d.month}",
            dm_en=f"{d.day:02d} {months[d.month - 1].capitalize()} {d.year}",
            dmy_dash=f"{d.day:02d}-{d.month:02d}-{d.year}",
            long=f"{d.day}. {['januar', 'februar', 'marts', 'april'][d.month - 1]} {d.year}",
            weekday=weekdays[d.weekday()],
            body=body,
        )
        for k, (d, body) in enumerate(zip(days, bodies))
    )
    found = _dated(text)
    assert [d for d, _ in found] == days, text
    assert [first for _, first in found] == bodies


def test_a_form_field_or_a_header_field_with_a_date_starts_no_note():
    text = (
        "Dato: 18.11.2024\nIndkaldelse sendt: 05.11.2024   Konsekvens angivet: [x] Ja\nFremmøde: Ja\n\n"
        "Dato: 10.12.2024\nIndkaldelse sendt: 26.11.2024   Konsekvens angivet: [x] Ja\nFremmøde: Ja\n"
    )
    assert [n.date for n in split_notes(text)] == [date(2024, 11, 18), date(2024, 12, 10)]
    text = (
        "Dato/tid: 07.03.2022 13:00\nEmne: Opstart\nOprettet: 07.03.2022 af JB\nRettet: 14.06.2022 af JB\n"
        "Tekst:\nSamtale holdt.\n\nDato/tid: 05.09.2022 11:15\nEmne: Praktik\nOprettet: 05.09.2022 af JB\n"
        "Rettet: 06.09.2022 af JB\nTekst:\nPraktik aftalt.\n"
    )
    assert [n.date for n in split_notes(text)] == [date(2022, 3, 7), date(2022, 9, 5)]


def test_a_list_of_earlier_dates_inside_a_note_does_not_split_it():
    text = (
        "Status på sagen efter sommerferien\n\nBorger er i praktik i butikken og trives.\n"
        "Mentor har oplyst, at det går godt med fremmødet.\nVi aftalte at følge op om en måned.\n"
        "Aftaler siden sidst:\n\n"
        "- 14.06.2022 samtale\n- 28.06.2022 samtale\n- 12.07.2022 samtale\n"
    )
    assert [n.date for n in split_notes(text)] == [None]


def test_a_sentence_ending_in_a_date_is_no_header_but_a_date_first_is():
    text = (
        "02.05.2023 – Samtale\nBorger er vejledt skriftligt.\n\n09.05.2023 – Indkaldelse\n"
        "Indkaldt til jobsamtale den 22. maj 2023. Konsekvensen står i brevet.\n\n"
        "23.05.2023 – Partshøring\nPartshøring sendt med frist 2. juni 2023.\n"
    )
    assert [n.date for n in split_notes(text)] == [date(2023, 5, 2), date(2023, 5, 9), date(2023, 5, 23)]
    text = "14.03.2023. Samtale med borger.\n\n21.03.2023. Borger udeblev.\n"
    assert [n.date for n in split_notes(text)] == [date(2023, 3, 14), date(2023, 3, 21)]
