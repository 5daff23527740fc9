"""Letters checked from files, as `afdaek letters check|compare` reads them: a bad file is one
Danish line and the rest are checked; the paragraphs left out of LIX counted by reason."""

from __future__ import annotations

import json

from tests.conftest import ROOT
from textmining.domain.letters import check_letter_files, letter_to_json
from textmining.language.readability import readability

LETTERS = ROOT / "examples" / "letters"


def test_a_bad_file_is_one_line_and_the_rest_are_checked(nlp, tmp_path):
    bad = tmp_path / "brev.pdf"
    bad.write_bytes(b"ikke en pdf")
    good = LETTERS / "02_indkaldelse_kancellisprog.docx"
    checked, problems = check_letter_files([bad, good], nlp)
    assert [c.path for c in checked] == [good]
    assert len(problems) == 1 and problems[0].startswith(f"{bad}: ")
    letter = checked[0]
    assert "\n\n" in letter.text  # a Word letter's lines become paragraphs
    assert letter.to_json() == letter_to_json(letter.check, str(good))
    assert json.loads(json.dumps(letter.to_json()))["file"] == str(good)


def test_the_profile_given_is_used_for_every_file(nlp):
    files = [LETTERS / "01_indkaldelse_kancellisprog.txt", LETTERS / "08_partshoering_klarsprog.txt"]
    checked, problems = check_letter_files(files, nlp, profile="partshoering")
    assert problems == [] and [c.check.profile for c in checked] == ["partshoering", "partshoering"]


def test_excluded_paragraphs_counted_by_reason_in_alphabetical_order():
    text = "Hej Jonas\n\nHusk din samtale i morgen kl 10\n\nRing hvis du ikke kan komme"
    assert readability(text).excluded_reasons() == {"hilsen": 1, "overskrift": 2}
    assert readability("Kort sætning her.").excluded_reasons() == {}
