"""Property-based tests (hypothesis) where the package tests had none: Danish dates, LIX, the
minutes parser's output and the case readers (notes CSV, sag.toml). Nothing escapes but the
readers' own InputError."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from textmining.domain.casenotes import read_case_meta, read_journal
from textmining.domain.minutes import looks_like_minutes, minutes_to_json, parse_minutes
from textmining.errors import InputError
from textmining.language.dates import MONTHS, find_dates, parse_date
from textmining.language.readability import lix_band, readability

FAST = settings(max_examples=200, deadline=None)
FILES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that often looks like a date, a number, a sentence end or a line break.
DATE_PIECES = st.sampled_from(
    [
        "14.03.2023",
        "14/3-23",
        "3.5.23",
        "2. maj",
        "d. 3/5",
        "den ",
        "i går",
        "i  dag",
        "i morgen",
        "31.02.2023",
        "29/2-23",
        "00.00.00",
        "2023-13-01",
        "99.99.9999",
        "14. mar.",
        "sept",
        "12",
        "1.",
        "/",
        "-",
        ".",
        " ",
        "\n",
        "kl. 10.00",
        "010190-1234",
        "§ 13",
        "€",
        "æøå",
        "Å",
    ]
)
DATEISH = st.lists(st.one_of(DATE_PIECES, st.text(max_size=6)), max_size=25).map("".join)
TODAY = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
YEAR = st.one_of(st.none(), st.integers(1900, 2100))


@pytest.mark.slow
@FAST
@given(text=DATEISH, today=st.one_of(st.none(), TODAY), default_year=YEAR)
def test_find_dates_spans_are_ordered_and_agree_with_parse_date(text, today, default_year):
    found = find_dates(text, today=today, default_year=default_year)
    end = 0
    for start, stop, d in found:
        assert end <= start < stop <= len(text)
        assert isinstance(d, date)
        assert parse_date(text[start:stop], today=today, default_year=default_year) == d
        end = stop


@FAST
@given(text=st.one_of(DATEISH, st.text()), today=st.one_of(st.none(), TODAY), default_year=YEAR)
def test_parse_date_never_raises(text, today, default_year):
    result = parse_date(text, today=today, default_year=default_year)
    assert result is None or isinstance(result, date)


MONTH_NAMES = {n: max((k for k, v in MONTHS.items() if v == n), key=len) for n in range(1, 13)}
FORMATS = {
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "d.m.yy": lambda d: f"{d.day}.{d.month}.{d.year % 100:02d}",
    "d/m-yy": lambda d: f"{d.day}/{d.month}-{d.year % 100:02d}",
    "dd-mm-yyyy": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "iso": lambda d: d.isoformat(),
    "d. måned yyyy": lambda d: f"{d.day}. {MONTH_NAMES[d.month]} {d.year}",
    "den d. Måned yyyy": lambda d: f"den {d.day}. {MONTH_NAMES[d.month].capitalize()} {d.year}",
}


@FAST
@given(
    d=st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)),
    form=st.sampled_from(sorted(FORMATS)),
)
def test_every_written_date_is_read_back(d, form):
    written = FORMATS[form](d)
    assert parse_date(written) == d
    sentence = f"Mødet {written} blev holdt."
    assert [x[2] for x in find_dates(sentence)] == [d]


WORDS = st.sampled_from(
    [
        "Du",
        "skal",
        "møde",
        "på",
        "jobcentret",
        "beskæftigelsesindsatsen",
        "kontanthjælp",
        "den",
        "14.",
        "maj",
        "kl.",
        "10.00",
        "jf.",
        "§",
        "13",
        "stk.",
        "7",
        "bl.a.",
        "fx",
        "Hej",
        "Kære",
        "Med",
        "venlig",
        "hilsen",
        "ressourceforløbsydelse",
        "–",
        "•",
        "1.",
        "a)",
        "www.borger.dk",
    ]
)
LETTERISH = st.lists(
    st.one_of(WORDS, st.sampled_from([" ", " ", ". ", "\n", "\n\n", "? ", ":"]), st.text(max_size=4)),
    max_size=80,
).map("".join)


@FAST
@given(text=st.one_of(LETTERISH, st.text()))
def test_lix_never_raises_and_its_numbers_agree(text):
    r = readability(text)
    assert 0 <= r.long_words <= r.words
    assert r.sentences >= 0
    assert (r.lix is None) == (r.band is None)
    if r.lix is None:
        assert r.words == 0 or r.sentences == 0
    else:
        assert r.lix == pytest.approx(r.words / r.sentences + 100 * r.long_words / r.words)
        assert r.band == lix_band(r.lix)
        assert r.longest_sentence <= r.words
    assert sum(p.words for p in r.paragraphs) == r.words
    assert sum(len(p.sentences) for p in r.paragraphs) == r.sentences


MINUTES_LINES = st.sampled_from(
    [
        "Udvalget for Beskæftigelse",
        "Mødedato: 14. marts 2022",
        "Referat",
        "12. Orientering",
        "13. Budget for beskæftigelsesindsatsen",
        "Pkt. 7",
        "Sagsfremstilling",
        "Beslutning",
        "Godkendt.",
        "Indstilling",
        "At orienteringen tages til efterretning.",
        "Bilag",
        "1. Bilag om ledighed",
        "Fraværende: Ingen",
        "Sagsnr.: 27.00.00-A00-1-22",
        "Lukket punkt",
        "",
        "\f",
        "  ",
        "B",
        "Side 2 af 4",
        "105. Status på sager (B)",
    ]
)
MINUTES_TEXT = st.lists(st.one_of(MINUTES_LINES, st.text(max_size=12)), max_size=40).map("\n".join)


@FAST
@given(text=MINUTES_TEXT)
def test_minutes_items_point_into_the_text_and_serialise(text):
    minutes = parse_minutes(text)
    assert isinstance(looks_like_minutes(text), bool)
    for item in minutes.items:
        assert 0 <= item.start <= item.end <= len(text)
        assert item.number is None or isinstance(item.number, int)
    data = minutes_to_json(minutes, "referat.txt")
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert [i["number"] for i in data["items"]] == [i.number for i in minutes.items]


CSV_CELLS = st.one_of(
    st.sampled_from(
        [
            "S1",
            "S2",
            "01.02.2023",
            "14/3-23",
            "i går",
            "brev",
            "notat",
            "Borgeren mødte.",
            '"',
            '""',
            ";",
            ",",
            "\n",
            "\r\n",
            "æøå",
            "",
        ]
    ),
    st.text(max_size=10),
)
CSV_HEADERS = st.sampled_from(
    [
        "sag;dato;type;tekst",
        "sag,dato,type,tekst",
        "Sag;Dato;Tekst",
        "sag;tekst",
        "",
        "\ufeffsag;dato;type;tekst",
    ]
)


@FILES
@given(
    header=CSV_HEADERS,
    rows=st.lists(st.lists(CSV_CELLS, max_size=6), max_size=6),
    sep=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_notes_csv_reader_raises_only_input_error(tmp_path, header, rows, sep, encoding):
    text = "\n".join([header, *(sep.join(r) for r in rows)])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    path = tmp_path / "notater.csv"
    path.write_bytes(data)
    try:
        notes = read_journal(path).notes
    except InputError as exc:
        assert str(exc).startswith(f"{path}: ")
        return
    for case_id, case_notes in notes.items():
        assert case_id and case_id == case_id.strip()
        assert all(n.end == len(n.text) for n in case_notes)


@FILES
@given(
    data=st.one_of(
        st.binary(max_size=120),
        st.lists(
            st.sampled_from(
                [
                    'ydelse = "kontanthjælp"',
                    "start = 2022-03-07",
                    'start = "i går"',
                    'borger = ["A", "B"]',
                    "sag = 7",
                    "cpr = 010190-1234",
                    "[x]",
                    'team = """',
                    "start = 2022-13-45",
                    "= 1",
                    "\x00",
                ]
            ),
            max_size=6,
        ).map(lambda lines: "\n".join(lines).encode()),
    )
)
def test_sag_toml_reader_raises_only_input_error(tmp_path, data):
    path = tmp_path / "S1" / "sag.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    try:
        meta = read_case_meta(path)
    except InputError as exc:
        assert str(exc).startswith(f"{path}: ")
        return
    assert meta.case_id


@example(size=131_073)
@settings(max_examples=1, deadline=None, database=None)
@given(size=st.just(131_073))
def test_notes_csv_with_a_very_long_note(tmp_path_factory, size):
    path = Path(tmp_path_factory.mktemp("lang")) / "notater.csv"
    path.write_text(
        'sag;dato;type;tekst\nS1;01.02.2023;notat;"' + "Samtale. " * (size // 9 + 1) + '"\n', encoding="utf-8"
    )
    try:
        notes = read_journal(path).notes
    except InputError:
        return
    assert len(notes["S1"][0].text) > size
