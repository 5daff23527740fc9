"""Danish dates in all the forms caseworkers write."""

from __future__ import annotations

from datetime import date

import pytest

from textmining.language.dates import find_dates, iso_date, parse_date

TODAY = date(2023, 5, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.03.2023", date(2023, 3, 14)),
        ("14/3-23", date(2023, 3, 14)),
        ("3.5.23", date(2023, 5, 3)),
        ("2. maj 2023", date(2023, 5, 2)),
        ("2. maj", date(2023, 5, 2)),
        ("d. 3/5", date(2023, 5, 3)),
        ("den 3. maj", date(2023, 5, 3)),
        ("11-12-2013", date(2013, 12, 11)),
        ("2023-03-14", date(2023, 3, 14)),
        ("14. mar. 2023", date(2023, 3, 14)),
        ("i går", date(2023, 5, 9)),
        ("i dag", date(2023, 5, 10)),
        ("i forgårs", date(2023, 5, 8)),
        # as case systems print them
        ("2023.03.14", date(2023, 3, 14)),
        ("17-FEB-2023", date(2023, 2, 17)),
        ("03-feb-23", date(2023, 2, 3)),
        ("11MAJ22", date(2022, 5, 11)),
        ("18nov22", date(2022, 11, 18)),
        ("12/3 -19", date(2019, 3, 12)),
    ],
)
def test_parse_date_forms(text, expected):
    assert parse_date(text, default_year=2023, today=TODAY) == expected


@pytest.mark.parametrize(
    "text", ["32.13.2023", "kl. 10.30", "1.234,50", "140385-1234", "hej", "1234.03.14", "12/3 -19,5"]
)
def test_parse_date_rejects_non_dates(text):
    assert parse_date(text, default_year=2023, today=TODAY) is None


def test_year_missing_without_context_is_none():
    assert parse_date("2. maj") is None
    assert parse_date("i går") is None


def test_year_missing_takes_nearest_year_to_today():
    assert parse_date("28. december", today=date(2024, 1, 5)) == date(2023, 12, 28)
    assert parse_date("2. januar", today=date(2023, 12, 20)) == date(2024, 1, 2)


def test_find_dates_skips_times_amounts_and_cpr():
    text = (
        "Udeblev d. 3/5 kl. 10.30, partshøring 14/3-23 med frist 21.03.2023. "
        "CPR 140385-1234, 1.234,50 kr. Ringede i går."
    )
    found = [d for _, _, d in find_dates(text, today=TODAY)]
    assert found == [date(2023, 5, 3), date(2023, 3, 14), date(2023, 3, 21), date(2023, 5, 9)]
    start, end, _ = find_dates(text, today=TODAY)[0]
    assert text[start:end] == "3/5"


def test_dates_without_year_as_notes_write_them():
    today = date(2017, 5, 10)

    def found(text):
        return [(text[a:b].rstrip("."), d) for a, b, d in find_dates(text, today=today)]

    assert found("borger ikke mødt 20-02. Ingen afbud.") == [("20-02", date(2017, 2, 20))]
    assert found("ikke været der den 2., 3. og 8. maj") == [
        ("2", date(2017, 5, 2)),
        ("3", date(2017, 5, 3)),
        ("8. maj", date(2017, 5, 8)),
    ]
    assert found("PH sendt, frist 14.03.") == [("14.03", date(2017, 3, 14))]
    assert found("udeblev i mandags") == [("i mandags", date(2017, 5, 8))]
    # times, ranges, decimals and units are not dates
    assert found("kl. 10.30, kl 9.05, 2-3 dage, 10-12 timer, 1.5 mio.") == []
    # the year that puts the date nearest the note, also across a new year
    assert find_dates("den 14.11.", today=date(2016, 1, 4))[0][2] == date(2015, 11, 14)


def test_one_date_parser_for_documents_and_notes():
    """The reader's document dates and the notes' dates come from the same parser: both read
    '1 mar. 23', and the reader only takes dates whose year is written."""
    from textmining.readers import sources

    for text, day in [
        ("1 mar. 23", date(2023, 3, 1)),
        ("1. mar '23", date(2023, 3, 1)),
        ("14/3-23", date(2023, 3, 14)),
        ("1. marts 2023", date(2023, 3, 1)),
    ]:
        assert [d for _s, _e, d in find_dates(text)] == [day]
        assert [d for _s, _e, d in sources.find_dates(text)] == [day]
    assert list(sources.find_dates("den 5. maj")) == []
    assert find_dates("den 3. maj 10.00", today=date(2023, 5, 10)) == [
        (4, 10, date(2023, 5, 3))
    ]  # the time is not a year


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-14", date(2023, 3, 14)),
        ("2023-03-14T09:30:00+00:00", date(2023, 3, 14)),  # a timestamp the store wrote
        (" 2023-03-14 09:30 ", date(2023, 3, 14)),
        (date(2021, 8, 9), date(2021, 8, 9)),
        ("2023-02-30", None),
        ("14.03.2023", None),  # a caseworker's form is parse_date's, not a date afdaek wrote
        ("2023-03-14 og mere", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date_reads_the_dates_afdaek_writes(value, expected):
    assert iso_date(value) == expected


def test_item_references_take_every_written_date_form():
    from textmining.domain.recommendations import ItemRef, parse_item_refs

    assert parse_item_refs("Mødet 9. aug. 2021 pkt. 5") == [ItemRef(date(2021, 8, 9), 5)]
    # without a year and without a meeting date to take it from, the reference has no date
    assert parse_item_refs("den 3. maj punkt 6") == [ItemRef(None, 6)]


def test_weekday_names_have_one_owner():
    """dates.WEEKDAY_NAMES is in date.weekday() order, and WEEKDAY (used by the minutes, the
    sanction events and the date finder) matches exactly those seven names."""
    import re

    from textmining.language.dates import WEEKDAY, WEEKDAY_NAMES

    assert WEEKDAY_NAMES[date(2023, 3, 14).weekday()] == "tirsdag"
    assert WEEKDAY_NAMES[date(2023, 3, 19).weekday()] == "søndag"
    whole = re.compile(rf"^{WEEKDAY}$", re.IGNORECASE)
    assert all(whole.match(name) for name in WEEKDAY_NAMES)
    assert not any(whole.match(word) for word in ("dag", "tirdag", "mandage", "hverdag", "tors"))
