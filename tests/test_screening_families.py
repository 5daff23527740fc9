"""Families of phrasings the blind corpora showed, each with sentences of our own (not the
corpora's): a family is handled when these read as a caseworker would read them."""

from __future__ import annotations

from datetime import date

import pytest

from screening.cases import build_timeline
from textmining.domain.casenotes import CaseMeta
from textmining.domain.sanctions import find_events

META = CaseMeta("fam-1", "kontanthjælp", "jobparat", None, None, None, None, None)
SUMMONS = "02.05.2024 – Indkaldelse\nIndkaldelse til jobsamtale 14.05.2024 sendt med konsekvens.\n\n"


# --- a summons told in the past ("du var indkaldt ... i dag") is the known summons ----------


@pytest.mark.parametrize(
    "sentence",
    [
        'Sms til borger: "Du var indkaldt til møde kl. 9 i dag, kontakt mig venligst".',
        "Han var indkaldt til samtalen i dag kl. 13, men kom ikke.",
        "Borgeren var allerede indkaldt til i dag og har ikke meldt afbud.",
    ],
)
def test_a_summons_told_in_the_past_refers_to_the_known_summons(nlp, sentence):
    text = SUMMONS + "14.05.2024 – Udeblivelse\n" + sentence + "\n"
    tl = build_timeline(META, find_events(text, nlp, document="n.txt"))
    summons = [e.date for e in tl.events if e.kind == "indkaldelse"]
    assert summons == [date(2024, 5, 2)]
    assert any(r.mention.kind == "indkaldelse" and r.mention.date == date(2024, 5, 14) for r in tl.references)


def test_a_summons_recorded_today_is_still_a_summons(nlp):
    text = SUMMONS + "20.05.2024 – Indkaldelse\nBorger er indkaldt til ny samtale 28.05.2024.\n"
    tl = build_timeline(META, find_events(text, nlp, document="n.txt"))
    assert [e.date for e in tl.events if e.kind == "indkaldelse"] == [date(2024, 5, 2), date(2024, 5, 20)]
