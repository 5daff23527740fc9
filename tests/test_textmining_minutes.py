"""Tests for the minutes parser (textmining.domain.minutes): seed layouts, own layouts, robustness."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, seed
from textmining.domain.minutes import (
    AgendaItem,
    Minutes,
    looks_like_minutes,
    minutes_to_json,
    parse_danish_date,
    parse_minutes,
)

MINUTES = DATA / "minutes"
RESIDUE = ("Hedensted Kommune", "Varde Kommune", "file://", "Mødedato", "Sidetal", ".....", "**")


def _parse_seed(number: str) -> tuple[str, Minutes]:
    text = seed(number).read_text(encoding="utf-8")
    return text, parse_minutes(text)


def _parse_file(name: str) -> Minutes:
    return parse_minutes((MINUTES / name).read_text(encoding="utf-8"))


def _by_number(minutes: Minutes) -> dict[int, AgendaItem]:
    return {item.number: item for item in minutes.items}


def _assert_clean(text: str, minutes: Minutes) -> None:
    """No page header, link or table-of-contents residue in titles; offsets point at items."""
    for item in minutes.items:
        assert item.title
        for residue in RESIDUE:
            assert residue not in item.title
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end].lstrip("#* ").startswith(str(item.number))


# --- seed 003: SbSys layout (Hedensted) ---------------------------------------------------------


def test_seed_003_finds_exactly_items_105_to_115():
    text, minutes = _parse_seed("003")
    assert [item.number for item in minutes.items] == list(range(105, 116))
    _assert_clean(text, minutes)


def test_seed_003_titles_are_whole():
    _, minutes = _parse_seed("003")
    items = _by_number(minutes)
    assert items[106].title == "Temadrøftelse om uddannelse"
    assert items[110].title == "Orientering om Kommunernes Sygedagpengesystem"
    assert items[113].title == "Seneste statistik vedrørende kontanthjælpsloftet"
    assert items[115].title == "Eventuelt"
    # a title wrapped over two lines is joined
    assert items[105].title.startswith("Månedsopfølgning oktober")
    assert items[105].title.endswith("i forhold til budgettet.")
    assert items[112].title.endswith("Hedensted for personer med handicap")


def test_seed_003_decisions_and_recommendations():
    _, minutes = _parse_seed("003")
    items = _by_number(minutes)
    assert all(item.beslutning for item in minutes.items)
    assert items[106].beslutning == "Indstillingen godkendt."
    assert items[109].beslutning.startswith("Notatet drøftet.")
    assert items[115].beslutning == "Ingen bemærkninger."
    assert items[106].indstilling == "at orienteringen tages til efterretning"
    assert items[114].indstilling is None
    assert list(items[106].sections) == [
        "Beslutningstema",
        "Økonomi",
        "Sagsfremstilling",
        "Kommunikation",
        "Lovgrundlag",
        "Administrationen indstiller",
        "Beslutning",
        "Bilag",
    ]


def test_seed_003_meeting_bilag_and_page_header():
    text, minutes = _parse_seed("003")
    items = _by_number(minutes)
    assert minutes.committee == "Udvalget for Beskæftigelse"
    assert minutes.meeting_date == datetime.date(2020, 11, 30)
    # the case number sits in the page header above item 108
    assert items[108].case_number == "15.00.00-A00-11-15"
    assert items[105].bilag == ("Månedsopfølgning oktober 2020.pdf",)
    assert len(items[107].bilag) == 5
    assert items[107].bilag[0].endswith("1. halvår 2020.pdf")
    assert not any("file://" in name for item in minutes.items for name in item.bilag)
    # the page header inside item 107's span is not part of any section
    assert all("Sidetal" not in v for item in minutes.items for v in item.sections.values())
    # the collected list of all attachments after the last item is not item 115's
    assert items[115].bilag == ()
    assert "Bilag" not in items[115].sections
    assert text[items[115].start : items[115].end].rstrip().endswith("Ingen bemærkninger.")


# --- seed 004: Varde markdown layout ------------------------------------------------------------


def test_seed_004_finds_exactly_items_330_to_337():
    text, minutes = _parse_seed("004")
    assert [item.number for item in minutes.items] == list(range(330, 338))
    _assert_clean(text, minutes)


def test_seed_004_titles_case_numbers_and_decisions():
    _, minutes = _parse_seed("004")
    items = _by_number(minutes)
    assert items[330].title == "Godkendelse af dagsorden"
    assert items[332].title == "Jobcenterbenchmark på produktivitet og kvalitet"
    assert items[337].title == "Gensidig orientering"
    assert items[331].case_number == "13/12433"
    assert items[330].case_number is None  # "Sagsid.:" is empty; Dok.nr. is not a case number
    assert all(item.open for item in minutes.items)
    assert all(item.beslutning for item in minutes.items)
    assert items[330].beslutning == "Godkendt."
    assert items[337].beslutning == "Taget til efterretning."
    assert all(item.fravaerende == "Tom Arnt Thorup" for item in minutes.items)
    assert items[332].indstilling == "Forvaltningen anbefaler,\nat rapporten drøftes."
    assert items[331].bilag == (
        "Brugertilfredshed - sygedagpenge",
        "Brugertilfreds på visitationssamtaler - kontanthjælp",
        "Brugertilfredshed - forsikrede",
    )
    assert items[335].bilag[0] == "Tids- og handleplan ledighedsydelse"


def test_seed_004_meeting_and_appendices():
    text, minutes = _parse_seed("004")
    items = _by_number(minutes)
    assert minutes.committee == "Udvalget for Arbejdsmarked og Integration"
    assert minutes.meeting_date == datetime.date(2013, 12, 11)
    # the table of contents comes before the first item; appendices do not follow the last
    assert items[330].start > text.index("Indholdsfortegnelse")
    last = text[items[337].start : items[337].end]
    assert "Bilagsliste" not in last and "Underskriftsblad" not in last
    # unknown markdown headings are kept as sections, in order
    assert list(items[333].sections)[:3] == [
        "Sagsfremstilling",
        "Bemandingsmodel",
        "Rekrutteringsrækkefølge",
    ]
    # page headers in the middle of a section are dropped
    for item in minutes.items:
        for value in item.sections.values():
            assert "Varde Kommune" not in value.splitlines()
            assert "11-12-2013" not in value.splitlines()


# --- own layouts --------------------------------------------------------------------------------


def test_pkt_layout_title_on_next_line_and_decision_first():
    minutes = _parse_file("pkt_layout.txt")
    assert [item.number for item in minutes.items] == [101, 102, 103]
    assert minutes.committee == "Beskæftigelsesudvalget"
    assert minutes.meeting_date == datetime.date(2020, 9, 10)
    items = _by_number(minutes)
    assert items[101].title == "Godkendelse af dagsorden"
    assert items[102].title == "Ny model for opfølgning på sygedagpengesager"
    assert items[101].beslutning == "Godkendt."
    assert items[101].case_number == "27.69.48-G01-2-14"
    assert items[102].case_number == "330-2016-89665"
    assert next(iter(items[102].sections)) == "Beskæftigelsesudvalget, 10-09-2020, pkt. 102"
    assert items[102].beslutning.splitlines() == [
        "At 1: Godkendt.",
        "At 2: Godkendt med den ændring, at status gives hvert kvartal.",
    ]
    assert items[102].sections["Resumé"].startswith("Jobcentret foreslår en ny model")
    # the numbered list in the text and the numbered recommendation are not items
    assert items[102].sections["Sagsfremstilling"].endswith("kontaktes efter fire uger.")
    assert items[102].indstilling.splitlines()[1:] == [
        "1. at modellen godkendes",
        "2. at udvalget får status hvert halve år",
    ]
    assert "Side 2 af 3" not in items[102].sections["Sagsfremstilling"]
    assert items[102].bilag == ("Notat om ny model.pdf", "Tidsplan for indførelse.docx")
    assert items[103].open is False
    assert items[103].case_number == "13/12433"
    assert items[101].open and items[102].open


def test_numbered_layout_with_types_toc_and_lists():
    minutes = _parse_file("numbered_type.txt")
    assert [item.number for item in minutes.items] == [1, 2, 3, 4]
    assert minutes.committee == "Arbejdsmarkedsudvalget"
    assert minutes.meeting_date == datetime.date(2017, 6, 12)
    items = _by_number(minutes)
    assert [(i.title, i.type) for i in minutes.items] == [
        ("Godkendelse af dagsorden", "B"),
        ("Status på ledigheden i kommunen", "O"),
        ("Nye breve til borgere om samtaler", "B"),
        ("Eventuelt", None),
    ]
    assert items[1].case_number == "17/4321"
    assert items[1].beslutning == "Godkendt."
    assert items[1].fravaerende == "Ida Holm"
    assert items[2].sections["Resume"].startswith("Ledigheden er faldet")
    assert items[2].indstilling == "at udvalget tager orienteringen til efterretning."
    assert items[3].indstilling == "at de nye breve tages i brug fra 1. august."
    assert items[3].beslutning == "Tiltrådt."
    assert "3. Det står tydeligt" in items[3].sections["Sagsfremstilling"]
    assert items[4].beslutning == "Intet."
    # the table of contents at the top is not taken for the items
    text = (MINUTES / "numbered_type.txt").read_text(encoding="utf-8")
    assert items[1].start > text.index("4. Eventuelt")


def test_plain_numbers_short_item_and_closed_item():
    minutes = _parse_file("plain_numbers.txt")
    assert [item.number for item in minutes.items] == [178, 179, 180]
    assert minutes.committee == "Socialudvalget"
    assert minutes.meeting_date == datetime.date(2021, 3, 3)
    items = _by_number(minutes)
    assert items[178].beslutning == "Tiltrådt."
    assert "Udvalgets beslutning" in items[178].sections
    assert items[178].indstilling == "at indsatsen udvides til hele kommunen."
    # an item with no headings at all: the decision wording is recognised
    assert items[179].title == "Godkendelse af referat"
    assert items[179].beslutning == "Godkendt."
    assert items[180].open is False


def test_numbered_lists_in_items_numbered_from_one():
    minutes = _parse_file("lists_from_one.txt")
    assert [(i.number, i.title) for i in minutes.items] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Plan for sprogundervisning"),
        (3, "Eventuelt"),
    ]
    assert minutes.committee == "Integrationsudvalget"
    assert minutes.meeting_date == datetime.date(2022, 2, 4)
    items = _by_number(minutes)
    assert "3. Evaluering efter sommerferien" in items[2].sections["Sagsfremstilling"]
    assert items[2].indstilling.endswith("2. at udvalget orienteres om evalueringen")
    assert items[2].beslutning == "At 1: Godkendt.\nAt 2: Godkendt."


def test_minutes_to_json_shape():
    minutes = _parse_file("pkt_layout.txt")
    data = minutes_to_json(minutes, "pkt_layout.txt")
    assert list(data) == ["file", "committee", "meeting_date", "items"]
    assert data["meeting_date"] == "2020-09-10"
    item = data["items"][1]
    assert list(item) == [
        "number",
        "title",
        "type",
        "case_number",
        "kle",
        "open",
        "sections",
        "indstilling",
        "beslutning",
        "fravaerende",
        "bilag",
    ]
    assert item["number"] == 102 and isinstance(item["bilag"], list)
    json.dumps(data, ensure_ascii=False)
    empty = minutes_to_json(parse_minutes(""), "x.txt")
    assert empty == {"file": "x.txt", "committee": None, "meeting_date": None, "items": []}


def test_items_are_hashable_records():
    item = _parse_file("plain_numbers.txt").items[0]
    assert isinstance(hash(item), int)
    with pytest.raises(AttributeError):
        item.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mødedato: 30. november 2020", datetime.date(2020, 11, 30)),
        ("30.11.2020", datetime.date(2020, 11, 30)),
        ("den 11-12-2013", datetime.date(2013, 12, 11)),
        ("2021-03-03", datetime.date(2021, 3, 3)),
        ("Onsdag den 2. okt. 2019", datetime.date(2019, 10, 2)),
        ("15.00.00-A00-11-15", None),
        ("31.02.2020", None),
    ],
)
def test_parse_danish_date(text, expected):
    assert parse_danish_date(text) == expected


# --- the ingest's kind guess --------------------------------------------------------------------


def test_looks_like_minutes_on_own_documents():
    for path in sorted(MINUTES.glob("*.txt")):
        assert looks_like_minutes(path.read_text(encoding="utf-8")), path.name


def test_looks_like_minutes_on_seeds():
    assert looks_like_minutes(seed("003").read_text(encoding="utf-8"))
    assert looks_like_minutes(seed("004").read_text(encoding="utf-8"))
    for number in ("000", "001", "002"):
        assert not looks_like_minutes(seed(number).read_text(encoding="utf-8")), number


def test_looks_like_minutes_rejects_letters_and_case_notes():
    letter = (
        "Afgørelse om nedsættelse af din kontanthjælp\n\n"
        "Afgørelse\nVi har besluttet at nedsætte din hjælp.\n\n"
        "Retsgrundlag\nAktivloven § 36.\n\n"
        "1. Du skal kontakte jobcentret inden fredag.\n"
    )
    notes = "14.03.2023 – Samtale\nBorgeren mødte op.\n\n21.03.2023\nBorgeren udeblev.\n"
    assert not looks_like_minutes(letter)
    assert not looks_like_minutes(notes)
    assert not looks_like_minutes("")


# --- robustness ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_minutes_never_raises(text):
    minutes = parse_minutes(text)
    for item in minutes.items:
        assert 0 <= item.start <= item.end <= len(text)
    looks_like_minutes(text)


_PIECES = st.sampled_from(
    [
        "1. Godkendelse (B)",
        "Pkt. 7",
        "Beslutning",
        "Godkendt.",
        "Bilag",
        "- a.pdf",
        "Sagsnr.: 13/1",
        "Fraværende:",
        "Varde Kommune",
        "Mødedato:",
        "12. Titel .... 4",
        "Bilagsliste",
        "At 1: Godkendt.",
        "Lukket sag",
        "",
        "### **2. Punkt**",
        "x" * 80,
        "Beslutning i Udvalget den 1. maj 2020:",
        "Udvalget, 10-09-2020, pkt. 3",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_parse_minutes_never_raises_on_minutes_like_lines(pieces):
    text = "\n".join(pieces)
    minutes = parse_minutes(text)
    numbers = [item.number for item in minutes.items]
    # numbered items rise; minutes without numbers give only unnumbered items
    assert all(n is None for n in numbers) or None not in numbers
    numbers = [n for n in numbers if n is not None]
    assert numbers == sorted(set(numbers))
    for item in minutes.items:
        assert 0 <= item.start <= item.end <= len(text)
