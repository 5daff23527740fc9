"""Pseudonymisation of CPR numbers, phone numbers, e-mail addresses and names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textmining.language.personaldata import (
    PSEUDONYM_RE,
    Pseudonymiser,
    Replacement,
    find_cpr,
    find_emails,
    find_phones,
    is_valid_cpr,
    new_salt,
)

SALT = b"test-salt-0123456789"


@pytest.fixture
def pseudo() -> Pseudonymiser:
    return Pseudonymiser(SALT, names=["Anne Hansen"])


# --------------------------------------------------------------------------- CPR


@pytest.mark.parametrize(
    "cpr",
    [
        "010190-1234",
        "0101901234",
        "311299-0001",
        "290200-4321",  # 29 Feb 2000: seventh digit 4 and yy 00 -> year 2000, a leap year
        "290296-1234",  # 1996 was a leap year
        "290260-5123",  # seventh digit 5, yy 60 -> 1860, a leap year
        "310125-9999",
    ],
)
def test_valid_cpr(cpr):
    assert is_valid_cpr(cpr)


@pytest.mark.parametrize(
    "cpr",
    [
        "123456-7890",  # day 12, month 34
        "320190-1234",  # day 32
        "000190-1234",  # day 0
        "011390-1234",  # month 13
        "290200-1234",  # seventh digit 1 -> 1900, not a leap year
        "290297-1234",  # 1997 is not a leap year
        "310490-1234",  # 31 April
        "010190-123",
        "01019012345",
        "abcdef-1234",
        "",
    ],
)
def test_invalid_cpr(cpr):
    assert not is_valid_cpr(cpr)


def test_find_cpr_in_text():
    text = "Borgeren (cpr.nr. 010190-1234) og barnet 0502101234 mødte op."
    spans = find_cpr(text)
    assert [text[a:b] for a, b in spans] == ["010190-1234", "0502101234"]


@pytest.mark.parametrize(
    "text",
    [
        "Sagsnr. 330-2016-89665 er oprettet.",
        "Journalnr. 13/12433 og 27.69.48-G01-2-14.",
        "Udgiften er 1.234.567 kr. i 2023.",
        "Kontonr. 1234-0101901234 i banken.",  # part of an account number
        "Tallet 10101901234 har elleve cifre.",
        "123456-7890 er ikke en gyldig dato.",
        "Ring på 12 34 56 78.",
    ],
)
def test_find_cpr_ignores_other_numbers(text):
    assert find_cpr(text) == []


# --------------------------------------------------------------------------- phone and e-mail


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ring på 12 34 56 78 i dag.", "12 34 56 78"),
        ("Mobil: 23456789.", "23456789"),
        ("tlf. +45 12345678", "+45 12345678"),
        ("Nummeret er 1234 5678.", "1234 5678"),
        ("Fax 0045 87654321", "0045 87654321"),
        ("Skriv sms til 40-50-60-70", "40-50-60-70"),
    ],
)
def test_find_phones(text, expected):
    spans = find_phones(text)
    assert [text[a:b] for a, b in spans] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Budgettet er 1.234.567 kr. for året.",
        "Der blev brugt 12345678 kr. på tilbud.",
        "Perioden 2019 2020 og 2018-2020.",
        "Sagsnr. 330-2016-89665.",
        "Mødet var 14032023 og 20230314.",
        "Andel i procent: 12 34 56 78 90",
        "Beløb: kr. 12345678",
        "Journalnr. 13/12433",
    ],
)
def test_find_phones_ignores_amounts_years_dates(text):
    assert find_phones(text) == []


def test_phone_cue_beats_date_rule():
    assert find_phones("Tlf: 14032023") == [(5, 13)]


def test_find_emails():
    text = "Skriv til jobcenter.syd@kommune.dk eller anne_h+sag@mail.example.org."
    assert [text[a:b] for a, b in find_emails(text)] == [
        "jobcenter.syd@kommune.dk",
        "anne_h+sag@mail.example.org",
    ]


# --------------------------------------------------------------------------- pseudonymise


def test_pseudonymise_all_kinds(pseudo):
    text = (
        "Anne Hansen (010190-1234) ringede fra 12 34 56 78 og skrev fra anne@mail.dk. "
        "Annes mand ringede også. Fru Hansen kommer."
    )
    out, reps = pseudo.pseudonymise(text)
    person = pseudo.pseudonym("navn", "Anne Hansen")
    assert out == (
        f"{person} ({pseudo.pseudonym('cpr', '0101901234')}) ringede fra "
        f"{pseudo.pseudonym('telefon', '12345678')} og skrev fra "
        f"{pseudo.pseudonym('email', 'anne@mail.dk')}. "
        f"{person}s mand ringede også. Fru {person} kommer."
    )
    assert [r.kind for r in reps] == ["navn", "cpr", "telefon", "email", "navn", "navn"]
    assert reps[1] == Replacement("cpr", 13, 24, pseudo.pseudonym("cpr", "010190-1234"))
    assert all(text[r.start : r.end] for r in reps)


def test_pseudonym_format_and_stability():
    a = Pseudonymiser(SALT)
    b = Pseudonymiser(SALT)
    c = Pseudonymiser(b"another salt")
    assert re.fullmatch(r"\[CPR-[0-9A-F]{8}\]", a.pseudonym("cpr", "010190-1234"))
    assert re.fullmatch(r"\[PERSON-[0-9A-F]{8}\]", a.pseudonym("navn", "Anne Hansen"))
    assert re.fullmatch(r"\[TLF-[0-9A-F]{8}\]", a.pseudonym("telefon", "12345678"))
    assert re.fullmatch(r"\[EMAIL-[0-9A-F]{8}\]", a.pseudonym("email", "a@b.dk"))
    assert a.pseudonym("cpr", "010190-1234") == b.pseudonym("cpr", "0101901234")
    assert a.pseudonym("cpr", "010190-1234") != c.pseudonym("cpr", "010190-1234")
    assert a.pseudonym("telefon", "+45 12 34 56 78") == a.pseudonym("telefon", "12345678")
    assert a.pseudonym("email", "Anne@Mail.DK") == a.pseudonym("email", "anne@mail.dk")
    assert a.pseudonym("navn", "Anne  Hansen") == a.pseudonym("navn", "anne hansen")
    assert a.pseudonym("navn", "Anne Hansen") != a.pseudonym("navn", "Anne Jensen")
    for value in ("", "x"):
        assert PSEUDONYM_RE.fullmatch(a.pseudonym("navn", value))


def test_same_person_same_pseudonym_across_documents():
    first = Pseudonymiser(SALT).pseudonymise("Notat om Anne Hansen.", names=["Anne Hansen"])[0]
    later = Pseudonymiser(SALT, names=["Anne Hansen"]).pseudonymise("Brev til Anne.")[0]
    person = Pseudonymiser(SALT).pseudonym("navn", "Anne Hansen")
    assert first == f"Notat om {person}."
    assert later == f"Brev til {person}."


def test_names_whole_words_in_any_case(pseudo):
    """Names written in lower case in a note are found too (issue 15)."""
    text = "Annette og Hansens Planteskole; anne hansen; ANNE HANSEN; Anne-Marie; Hansen."
    out, reps = pseudo.pseudonymise(text)
    person = pseudo.pseudonym("navn", "Anne Hansen")
    assert out == (f"Annette og {person}s Planteskole; {person}; {person}; {person}-Marie; {person}.")
    assert len(reps) == 5


def test_a_name_part_that_is_an_ordinary_word_needs_a_capital_and_context():
    pseudo = Pseudonymiser(SALT, names=["Peter Holm", "Hans Lund"])
    out, _ = pseudo.pseudonymise(
        "Vi gik en tur i lund og holm. Hans kontanthjælp er stoppet. Mødet med Hans og Lund gik godt."
    )
    hans, lund = pseudo.pseudonym("navn", "Hans Lund"), pseudo.pseudonym("navn", "Hans Lund")
    assert out == (
        f"Vi gik en tur i lund og holm. Hans kontanthjælp er stoppet. Mødet med {hans} og {lund} gik godt."
    )


def test_name_parts_shorter_than_three_letters_are_not_keys():
    pseudo = Pseudonymiser(SALT, names=["Bo Li Sørensen"])
    out, _ = pseudo.pseudonymise("Bo og Li kom. Sørensen kom. Bo Li Sørensen kom.")
    person = pseudo.pseudonym("navn", "Bo Li Sørensen")
    assert out == f"Bo og Li kom. {person} kom. {person} kom."


def test_full_name_across_line_break_and_genitive_apostrophe():
    pseudo = Pseudonymiser(SALT, names=["Jens Bak"])
    out, reps = pseudo.pseudonymise("Sagen om Jens\nBak og Jens' bil.")
    person = pseudo.pseudonym("navn", "Jens Bak")
    assert out == f"Sagen om {person} og {person}' bil."
    assert [(r.start, r.end) for r in reps] == [(9, 17), (21, 25)]


def test_shared_surname_gets_its_own_pseudonym():
    pseudo = Pseudonymiser(SALT, names=["Anne Hansen", "Peter Hansen"])
    out, _ = pseudo.pseudonymise("Anne, Peter og Hansen.")
    anne = pseudo.pseudonym("navn", "Anne Hansen")
    peter = pseudo.pseudonym("navn", "Peter Hansen")
    hansen = pseudo.pseudonym("navn", "Hansen")
    assert out == f"{anne}, {peter} og {hansen}."
    assert len({anne, peter, hansen}) == 3


def test_names_given_per_call_add_to_constructor_names(pseudo):
    out, _ = pseudo.pseudonymise("Anne og Karim Nielsen", names=["Karim Nielsen"])
    assert out == (
        f"{pseudo.pseudonym('navn', 'Anne Hansen')} og {pseudo.pseudonym('navn', 'Karim Nielsen')}"
    )
    assert pseudo.pseudonymise("Karim")[0] == "Karim"


def test_lower_case_name_in_sag_toml_still_matches_capitalised_text():
    pseudo = Pseudonymiser(SALT, names=["anne hansen"])
    assert pseudo.pseudonymise("Anne")[0] == pseudo.pseudonym("navn", "Anne Hansen")


def test_pseudonymise_is_idempotent(pseudo):
    text = "Anne Hansen, 010190-1234, tlf. 23 45 67 89, anne@mail.dk"
    once, _ = pseudo.pseudonymise(text)
    twice, reps = pseudo.pseudonymise(once)
    assert twice == once
    assert reps == []


def test_pseudonymise_keeps_ordinary_text(pseudo):
    text = "Udgiften var 1.234.567 kr. i 2019 2020; sag 330-2016-89665, mødet 14.03.2023."
    assert pseudo.pseudonymise(text) == (text, [])


def test_salt_must_be_non_empty_bytes():
    with pytest.raises(ValueError):
        Pseudonymiser(b"")
    assert len(new_salt()) == 32
    assert new_salt() != new_salt()


def test_unknown_kind_is_a_programming_error(pseudo):
    with pytest.raises(ValueError):
        pseudo.pseudonym("adresse", "Vestergade 1")


# --------------------------------------------------------------------------- properties

_digits_text = st.text(alphabet="0123456789 -./+@abAæ\n", max_size=80)
_mixed_text = st.one_of(
    st.text(max_size=200),
    _digits_text,
    st.lists(
        st.sampled_from(
            [
                "010190-1234",
                "0101901234",
                "12 34 56 78",
                "a@b.dk",
                "Anne",
                "Hansen",
                "-",
                ".",
                "/",
                " ",
                "1",
                "x",
                "@",
                "kr.",
                "+45",
                "Annes",
                "[",
                "]",
            ]
        ),
        max_size=20,
    ).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(text=_mixed_text)
def test_pseudonymise_never_raises_and_leaves_no_cpr(text):
    pseudo = Pseudonymiser(SALT, names=["Anne Hansen"])
    out, reps = pseudo.pseudonymise(text)
    assert find_cpr(out) == []
    for rep in reps:
        assert 0 <= rep.start < rep.end <= len(text)
        assert PSEUDONYM_RE.fullmatch(rep.pseudonym)
    assert pseudo.pseudonymise(out)[0] == out


def test_lists_of_cpr_numbers_are_all_found():
    text = "CPR: 010190-1234,020290-2345, 0303903456;0404904567"
    assert len(find_cpr(text)) == 4
    out, _ = Pseudonymiser(SALT).pseudonymise("010190-1234,020290-2345,030390-3456")
    assert find_cpr(out) == [] and out.count("[CPR-") == 3


def test_guess_names_finds_first_names_with_surnames_and_cued_names():
    from textmining.language.names import guess_names

    text = (
        "Borger: Ib Krogager. Samtale med Frederik Ravn Svendsen. Mentor fortæller, at "
        "Nadia møder stabilt. Egebjerg Tømrer- og Snedkerforretning ApS har en plads. "
        "Koordinerende sagsbehandler er Hanne Friis."
    )
    assert guess_names(text) == ["Frederik Ravn Svendsen", "Hanne Friis", "Ib Krogager", "Nadia"]


def test_guessed_names_are_pseudonymised_like_given_ones():
    from textmining.language.names import guess_names
    from textmining.language.personaldata import Pseudonymiser

    p = Pseudonymiser(b"salt")
    text = "Anders mødte op. Vi talte med Anders Bach om praktik hos Egebjerg Tømrer."
    out, _ = p.pseudonymise(text, names=guess_names(text))
    assert "Anders" not in out and "Bach" not in out
    assert "Egebjerg Tømrer" in out


def test_unknown_capitalised_word_after_a_first_name_is_a_surname_but_not_an_institution():
    from textmining.language.names import guess_names

    assert guess_names("Ahmad Rasuli var god. Hanne Jobcenter ringede.") == ["Ahmad Rasuli", "Hanne"]
