"""CPR numbers as people write them are found and pseudonymised; near misses (case numbers,
amounts, dates with times, phone numbers) are left alone (issue 15)."""

from __future__ import annotations

import pytest

from textmining.language.personaldata import Pseudonymiser, find_cpr, is_valid_cpr

SALT = b"cpr-test-salt"


@pytest.mark.parametrize(
    "written",
    [
        "010190 1234",
        "01.01.90-1234",
        "01 01 90 1234",
        "010190/1234",
        "01-01-90-1234",
        "01.01.90/1234",
        "010190 - 1234",
        "010190-\n1234",
        "010190-\n  1234",
        "０１０１９０－１２３４",  # full-width digits and dash
        "010190\u20111234",  # non-breaking hyphen
        "010190\u00a01234",  # no-break space
    ],
)
def test_cpr_variants_are_found_and_share_one_pseudonym(written):
    pseudo = Pseudonymiser(SALT)
    text = f"Borgeren oplyste {written} ved samtalen."
    out, reps = pseudo.pseudonymise(text)
    assert [r.kind for r in reps] == ["cpr"], out
    assert out == f"Borgeren oplyste {pseudo.pseudonym('cpr', '010190-1234')} ved samtalen."


@pytest.mark.parametrize(
    "text",
    [
        "Mødet er 14.03.24 kl. 1015 på jobcentret.",
        "Mødet var 23.04.24 kl 1400 i Huset.",
        "Samtale 14.03.2024 10:15 med mentor.",
        "Sagsnr. 140324 1015 er oprettet.",
        "Beløbet 120488 1234 kr. er udbetalt.",
        "Ring på tlf. 12 04 88 12.",
        "J.nr. 27.12.08-P20-14-24 og 15.02.24-G01-3-24.",
        "Journalnummer 2024-0219-0031 og sagsnr 2023-114520.",
        "Tabel: 12 120488 1234 55 67",
        "Født 010130-4123?",  # seventh digit 4 and yy 30: 2030, not born yet
        "Udbetalt 4.118 kr. d. 30.04. og 12.346,50 kr. om måneden.",
        "Kl. 01 01 90 1234 er ikke et tidspunkt, men tallet står efter kl.",
    ],
)
def test_near_misses_are_not_cpr_numbers(text):
    assert find_cpr(text) == []
    assert Pseudonymiser(SALT).pseudonymise(text)[0].count("[CPR-") == 0


def test_date_and_serial_with_a_space_needs_a_cue_or_the_cases_own_number():
    assert find_cpr("Mødet 03.05.92 2468 blev aflyst.") == []
    text = "Hendes cpr er 03.05.92 2468."
    assert [text[a:b] for a, b in find_cpr(text)] == ["03.05.92 2468"]
    known = "Sidst 03.05.92 2468 og 3.5.92."
    assert [known[a:b] for a, b in find_cpr(known, known=["030592-2468"])] == ["03.05.92 2468"]


def test_the_cases_own_cpr_is_found_in_every_form():
    pseudo = Pseudonymiser(SALT)
    text = "Noteret 030592 2468, 03.05.92-2468, 03 05 92 2468 og 03.05.92 2468."
    out, reps = pseudo.pseudonymise(text, cprs=["030592-2468"])
    assert len(reps) == 4 and "2468" not in out
    assert len({r.pseudonym for r in reps}) == 1


def test_century_digit_and_date_are_validated_by_stdnum():
    assert is_valid_cpr("290200-4321")  # 2000 is a leap year (seventh digit 4, yy 00)
    assert not is_valid_cpr("290200-1234")  # 1900 is not
    assert not is_valid_cpr("311190-1234")  # 31 November
    assert is_valid_cpr("０１０１９０－１２３４")
