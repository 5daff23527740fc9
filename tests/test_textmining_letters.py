"""Letter checks on 13 hand-written letters: hand-counted LIX, profile, checklist, JSON, compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textmining.config import load_toml
from textmining.domain.letters import (
    PROFILES,
    check_letter,
    check_letters,
    checklist_items,
    compare_letters,
    guess_profile,
    letter_to_json,
)
from textmining.errors import InputError

LETTERS = Path(__file__).parent / "data" / "letters"
EXPECTED = load_toml(LETTERS / "expected.toml")


def letter(name: str) -> str:
    return (LETTERS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def checks(nlp):
    names = sorted(EXPECTED)
    return dict(zip(names, check_letters([letter(n) for n in names], nlp)))


def test_there_are_at_least_twelve_letters_with_expected_values():
    assert len(EXPECTED) >= 12
    assert sorted(EXPECTED) == sorted(p.name for p in LETTERS.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hand_counted_lix(checks, name):
    want = EXPECTED[name]
    r = checks[name].readability
    assert (r.words, r.sentences, r.long_words) == (want["A"], want["B"], want["C"])
    if "lix" in want:
        assert round(r.lix, 2) == want["lix"]
        assert r.band == want["band"]
    else:
        assert r.lix is None and r.band is None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_profile_and_checklist(checks, name):
    want = EXPECTED[name]
    check = checks[name]
    assert guess_profile(letter(name)) == want["profile"] == check.profile
    assert check.checklist == want["checklist"]
    assert list(check.missing) == want["missing"]


def test_rewrite_is_easier_to_read_than_the_officialese(checks):
    pairs = [
        ("01_gammel_indkaldelse.txt", "02_ny_indkaldelse.txt"),
        ("05_gammel_partshoering.txt", "06_ny_partshoering.txt"),
        ("07_gammel_afgoerelse.txt", "08_ny_afgoerelse.txt"),
        ("12_gammel_orientering.txt", "13_ny_orientering.txt"),
    ]
    for old, new in pairs:
        assert checks[old].readability.lix > 45
        assert checks[new].readability.lix < 35
        assert len(checks[old].issues) > len(checks[new].issues)


def test_officialese_summons_findings(checks):
    text = letter("01_gammel_indkaldelse.txt")
    found = {(i.rule, i.text) for i in checks["01_gammel_indkaldelse.txt"].issues}
    assert {
        ("passiv", "indkaldes"),
        ("kancellisprog", "med henblik på"),
        ("kancellisprog", "Såfremt"),
        ("kancellisprog", "rette telefonisk henvendelse"),
        ("kancellisprog", "undertegnede"),
        ("kancellisprog", "De bedes"),
        ("tiltaleform", "Deres"),
    } <= found
    for issue in checks["01_gammel_indkaldelse.txt"].issues:
        assert text[issue.start : issue.end] == issue.text


def test_plain_letters_are_clean(checks):
    for name in ("02_ny_indkaldelse.txt", "03_foerste_indkaldelse.txt", "06_ny_partshoering.txt"):
        assert checks[name].issues == ()


def test_friendly_first_summons_must_not_threaten(checks):
    assert checks["03_foerste_indkaldelse.txt"].missing == ()
    assert "konsekvens" in checks["04_foerste_indkaldelse_med_sanktion.txt"].missing


def test_decision_needs_reasons_and_appeal_guidance(nlp):
    text = "Afgørelse\n\nDu får et fradrag på 500 kr. Ring på 72 10 20 30, hvis du har spørgsmål."
    check = check_letter(text, nlp, profile="afgoerelse")
    assert check.missing == ("begrundelse", "klagevejledning")
    assert check.extra == {"begrundelse": False, "klagevejledning": False, "frist": False}


def test_profile_override_and_unknown_profile(nlp):
    text = letter("02_ny_indkaldelse.txt")
    check = check_letter(text, nlp, profile="foerste_indkaldelse")
    assert check.profile == "foerste_indkaldelse"
    assert check.missing == ("konsekvens",)
    with pytest.raises(InputError, match="ukendt brevprofil 'brev'"):
        check_letter(text, nlp, profile="brev")


@pytest.mark.parametrize(
    ("text", "item", "present"),
    [
        ("Ring på 72 10 20 30.", "kontakt", True),
        ("Skriv til jc@vestby.dk.", "kontakt", True),
        ("Skriv til os i e-Boks.", "kontakt", True),
        ("Dit cpr-nummer er 010190-1234.", "kontakt", False),
        ("Mødet er den 5. juni kl. 13.00.", "tid", True),
        (
            "Dato: 5. juni 2023. Ring mellem kl. 9 og 12 alle dage, så hjælper vi dig gerne.",
            "tid",
            False,
        ),
        ("Samtalen er en telefonsamtale.", "sted", True),
        ("Mødet er på Søndergade 12.", "sted", True),
        ("Mødet er i 2023 hos os.", "sted", False),
        ("Husk din samtale.", "medbring", False),
        ("Husk at tage dit pas med.", "medbring", True),
        ("Hvis du udebliver, kan det få betydning for din ydelse.", "konsekvens", True),
        ("Kommer du ikke, kan vi trække i din kontanthjælp.", "konsekvens", True),
        ("Du får fradrag i din ydelse for maj.", "konsekvens", False),
        ("Hvis du ikke kommer, har det ingen betydning for din ydelse.", "konsekvens", False),
    ],
)
def test_checklist_items(nlp, text, item, present):
    assert check_letter(text, nlp, profile="generelt").checklist[item] is present


def test_profiles_are_guessed_from_the_text():
    assert guess_profile("Du kan klage til Ankestyrelsen.") == "afgoerelse"
    assert guess_profile("Før vi træffer en afgørelse, vil vi høre dig.") == "partshoering"
    assert guess_profile("Vi vil gerne invitere dig til en samtale.") == "foerste_indkaldelse"
    assert guess_profile("Du er indkaldt til samtale.") == "indkaldelse"
    assert guess_profile("Nye regler fra 1. juli.") == "generelt"
    assert set(PROFILES) == {
        "indkaldelse",
        "foerste_indkaldelse",
        "partshoering",
        "afgoerelse",
        "generelt",
    }


def test_letter_to_json_has_exactly_the_documented_shape(checks):
    data = letter_to_json(checks["09_forkortelser.txt"], "breve/09.txt")
    assert list(data) == [
        "file",
        "profile",
        "lix",
        "words",
        "sentences",
        "long_words",
        "rix",
        "band",
        "issues",
        "checklist",
    ]
    assert data["file"] == "breve/09.txt"
    assert (data["lix"], data["words"], data["sentences"], data["long_words"]) == (31.9, 83, 6, 15)
    assert data["rix"] == 2.5 and data["band"] == "let"
    assert list(data["checklist"]) == ["formaal", "tid", "sted", "medbring", "afbud", "kontakt", "konsekvens"]
    assert list(data["checklist"]) == list(checklist_items())
    for issue in data["issues"]:
        assert list(issue) == ["rule", "text", "start", "end", "message", "suggestion"]
    assert {"rule": "forkortelse", "text": "bl.a."} in [
        {"rule": i["rule"], "text": i["text"]} for i in data["issues"]
    ]
    json.dumps(data)  # serialisable


def test_letter_to_json_without_lix(checks):
    data = letter_to_json(checks["11_uden_punktum.txt"], "11.txt")
    assert (data["lix"], data["rix"], data["band"], data["words"]) == (None, None, None, 0)


def test_compare_shows_the_rewrite_is_better(checks):
    result = compare_letters(checks["01_gammel_indkaldelse.txt"], checks["02_ny_indkaldelse.txt"])
    assert (result["before"]["lix"], result["after"]["lix"]) == (47.9, 21.2)
    assert (result["before"]["words"], result["after"]["words"]) == (83, 106)
    assert result["lix_change"] == -26.7
    assert result["issues_new"] == []
    assert result["issues_kept"] == 0
    gone = {(i["rule"], i["text"]) for i in result["issues_gone"]}
    assert ("kancellisprog", "Såfremt") in gone
    assert len(result["issues_gone"]) == len(checks["01_gammel_indkaldelse.txt"].issues)


def test_compare_matches_issues_by_rule_and_text(nlp):
    old = check_letter("Såfremt du er syg, så ring. Vi sender brevet samt papirerne.", nlp)
    new = check_letter("Hvis du er syg, så ring. Vi sender brevet samt papirerne, jf. loven.", nlp)
    result = compare_letters(old, new)
    assert [(i["rule"], i["text"]) for i in result["issues_gone"]] == [("kancellisprog", "Såfremt")]
    assert [(i["rule"], i["text"]) for i in result["issues_new"]] == [("kancellisprog", "jf.")]
    assert result["issues_kept"] == 1


def test_checklist_names_have_one_owner_the_checklist_data():
    """The report's and the terminal's names of the checklist items both come from
    letters_checklist.toml, for every item, in the order the checks run; so do the items."""
    from docgen.context_screening import config
    from textmining.config import bundled_toml
    from textmining.domain.letters import (
        _DATA,
        checklist_names,
        checklist_short_names,
        extra_items,
        item_name,
    )

    data = bundled_toml(_DATA)
    assert checklist_items() == tuple(data["punkter"]) and extra_items() == tuple(data["ekstra"])
    assert extra_items() == ("begrundelse", "klagevejledning", "frist")
    assert list(checklist_names()) == [*checklist_items(), *extra_items()]
    assert list(checklist_short_names()) == [*checklist_items(), *extra_items()]
    assert checklist_names()["formaal"] == "Formålet med mødet"
    assert checklist_short_names()["formaal"] == "formål"
    assert item_name("konsekvens") == "Konsekvens ved udeblivelse"
    assert item_name("gammelt_punkt") == "Gammelt punkt"
    assert "tjekliste" not in config()
