"""The minutes parser on the layouts municipalities publish: eDoc, PolWeb, FirstAgenda (PDF export
and Publication web page), municipal web pages and web text without item numbers.

The texts here are written for these tests (invented meetings, names and case numbers) in the
layouts of those systems; the real documents are read in tests/test_minutes_realworld.py.
"""

from __future__ import annotations

import datetime

import pytest
from click.testing import CliRunner

from cli import app
from tests.pdfmaker import make_pdf
from textmining.domain.minutes import looks_like_minutes, parse_minutes
from textmining.readers.sources import guess_kind, read_document


def _items(text: str) -> dict:
    return {item.number: item for item in parse_minutes(text).items}


# --- eDoc -------------------------------------------------------------------------------------

EDOC = """Arbejdsmarkedsudvalget - Referat 3. marts 2025

Punkter på dagsordenen:
  7. Godkendelse af dagsorden (B)
  8. Plan for sygedagpengeområdet med nye mål for
  opfølgning (B)
  9. Lukket punkt: Klage over afgørelse (B)

7.     Godkendelse af dagsorden (B)

Sagsnr.: 27-2024-10101               Dok.nr.: 27-2025-20202                Åbent
Kompetence:
Arbejdsmarkedsudvalget.
Indstilling
Direktøren indstiller, at dagsordenen godkendes.
Beslutning i Arbejdsmarkedsudvalget den 3. marts 2025:
Fraværende:
Godkendt.

8.     Plan for sygedagpengeområdet med nye mål for
opfølgning (B)

Sagsnr.: 27-2024-30303               Dok.nr.: 27-2025-40404                Åbent
Kompetence:
Arbejdsmarkedsudvalget.
Beslutningstema
Planen sætter mål for opfølgningen.
Indstilling
Direktøren indstiller, at planen godkendes.
Beslutning i Økonomiudvalget den 24. februar 2025:
Fraværende:
Anbefales.

Beslutning i Beskæftigelses- og
Arbejdsmarkedsudvalget den 3. marts 2025:
Fraværende: Lone Vig (F)
Planen blev godkendt med den ændring, at
Side 1 af 2
Arbejdsmarkedsudvalget - Referat 3. marts 2025
målet for opfølgning hæves.

Bilag:
1. Plan for opfølgning.pdf

9.     Lukket punkt: Klage over afgørelse (B)

Sagsnr.: 27-2024-50505               Dok.nr.: 27-2025-60606                Lukket
Beslutning i Arbejdsmarkedsudvalget den 3. marts
2025:
Fraværende:
Afgørelsen fastholdes.
Fraværende:
Ingen

Side 2 af 2
"""


def test_edoc_empty_absent_line_does_not_take_the_decision():
    items = _items(EDOC)
    assert items[7].beslutning == "Godkendt."
    assert items[7].fravaerende is None
    assert items[7].case_number == "27-2024-10101"
    assert items[7].type == "B"


def test_edoc_wrapped_heading_earlier_committee_and_page_break():
    items = _items(EDOC)
    item = items[8]
    assert item.title == "Plan for sygedagpengeområdet med nye mål for opfølgning"
    # the Økonomiudvalget's decision of an earlier date is not this meeting's
    assert " ".join(item.beslutning.split()) == (
        "Planen blev godkendt med den ændring, at målet for opfølgning hæves."
    )
    assert item.fravaerende == "Lone Vig (F)"
    assert item.bilag == ("Plan for opfølgning.pdf",)


def test_edoc_closed_item_and_absent_value_after_the_decision():
    item = _items(EDOC)[9]
    assert item.open is False
    assert item.title == "Klage over afgørelse"
    assert item.beslutning == "Afgørelsen fastholdes."  # "Ingen" is not glued on
    minutes = parse_minutes(EDOC)
    assert minutes.committee == "Arbejdsmarkedsudvalget"
    assert minutes.meeting_date == datetime.date(2025, 3, 3)


# --- PolWeb -------------------------------------------------------------------------------------

POLWEB = """Kommunalbestyrelsen

Referat

Dato: Tirsdag den 14. januar 2014
Tid: Kl. 19.00

Indholdsfortegnelse

1.  Godkendelse af dagsorden
2.  Takster for madservice 2014


1.  Godkendelse af dagsorden

Sag 450-2013-11111

Dok. 450-2014-22222

Initialer: ABC

Åbent

Beslutningskompetence: KB

Sagsbeskrivelse:
Dagsordenen forelægges.

Forvaltningen foreslår:
at dagsordenen godkendes.

Kommunalbestyrelsens møde den 14. januar
2014:
Godkendt.
Fraværende:
Nina Holt (A)


2.  Takster for madservice 2014

Sagsnr.: 14/3030    KLE: 29.09.00

Åben sag

Beslutningskompetence
Kommunalbestyrelsen

Sagsbeskrivelse:
Taksterne reguleres med pris- og lønudviklingen.

Økonomi:
Ingen konsekvenser.

Forvaltningen foreslår:
at taksterne godkendes.

Økonomiudvalgets møde den 7. januar 2014:
Anbefales.

Kommunalbestyrelsens møde den 14. januar 2014:
Godkendt.

Otto Dam (C) stemte imod.

Bilag:
- Takstoversigt.pdf

Side 1
Kommunalbestyrelsen, 14.01.2014
"""


def test_polweb_meeting_heading_is_the_decision():
    items = _items(POLWEB)
    assert items[1].beslutning == "Godkendt."
    assert items[1].fravaerende == "Nina Holt (A)"
    assert items[1].case_number == "450-2013-11111"
    assert items[2].beslutning == "Godkendt.\n\nOtto Dam (C) stemte imod."
    assert (items[2].case_number, items[2].kle) == ("14/3030", "29.09.00")
    assert items[2].indstilling == "at taksterne godkendes."
    minutes = parse_minutes(POLWEB)
    assert (minutes.committee, minutes.meeting_date) == ("Kommunalbestyrelsen", datetime.date(2014, 1, 14))


def test_polweb_is_guessed_as_minutes():
    assert looks_like_minutes(POLWEB)
    assert guess_kind(POLWEB, "txt") == "minutes"


# --- municipal web-page text ------------------------------------------------------------------

ROSKILDE = """Du er her

Referat

Dato: Torsdag, March 6, 2025 - 16:00
Sted: Byrådssalen
 • Pkt. 20 Godkendelse af dagsorden

  Pkt. 20

  Godkendelse af dagsorden

  Sagsnr. 410101 Socialudvalget Åbent punkt

  Socialudvalget, 06-03-2025, pkt. 20

  Godkendt.

 • Pkt. 21 Ny model for bostøtte

  Model_for_bostøtte.pdf Notat_om_økonomi.pdf

  Pkt. 21

  Ny model for bostøtte

  Sagsnr. 410202 Socialudvalget Åbent punkt

  Resume

  Modellen samler bostøtten i ét team.

  Indstilling

  Forvaltningen indstiller, at modellen godkendes.

  Beslutningskompetence

  Socialudvalget

  Økonomiudvalget, 27-02-2025, pkt. 12

  Anbefales.

  Socialudvalget, 06-03-2025, pkt. 21

  Godkendt.
"""


def test_roskilde_decision_stops_before_the_next_items_announcement():
    minutes = parse_minutes(ROSKILDE)
    items = {i.number: i for i in minutes.items}
    assert list(items) == [20, 21]
    assert items[20].beslutning == "Godkendt."
    assert items[20].case_number == "410101"
    assert items[21].beslutning == "Godkendt."
    assert minutes.committee == "Socialudvalget"
    assert minutes.meeting_date == datetime.date(2025, 3, 6)


GRIBSKOV = """Beskæftigelsesudvalget

Onsdag den 05-03-2025 kl. 08:00

Indholdsfortegnelse:

Åbne
14 Status på jobrotation

Lukkede
15 Personalesag
16 Køb af ejendom

Åbne

14. Status på jobrotation
15.20G01 - 2025/01234

Sagsfremstilling
Jobrotationen er i gang i tre virksomheder.

Beslutning
Til efterretning.

Bilag

Status.pdf



Lukkede

15. Personalesag
81.02A00 - 2025/05678

Beslutning
Godkendt.



16. Køb af ejendom
82.01A00 - 2025/09999

Beslutning
Godkendt.
"""


def test_kle_and_case_number_after_the_title_and_closed_group():
    items = _items(GRIBSKOV)
    assert items[14].title == "Status på jobrotation"
    assert (items[14].kle, items[14].case_number) == ("15.20G01", "2025/01234")
    assert items[14].open is True
    assert items[14].beslutning == "Til efterretning."
    assert (items[15].open, items[16].open) == (False, False)
    assert items[16].beslutning == "Godkendt."


# --- FirstAgenda PDF export ----------------------------------------------------------------------


def _fa_pdf(tmp_path):
    head = "Byrådet - Referat - 12. februar 2025"
    pages = [
        [
            "REFERAT Byrådet d. 12-02-2025",
            "Mødedato Onsdag d. 12. februar 2025 kl. 17:00",
            "",
            "Indholdsfortegnelse",
            "Godkendelse af dagsorden......... 2",
            "Forslag om gratis busser for pensionister i hele kommunen......... 2",
            "Lukket: Salg af grund......... 3",
            "",
            head,
            "Side 1 af 3",
        ],
        [
            "Punkt 1: Godkendelse af dagsorden",
            "EMN-2025-000101",
            "Beslutninger",
            "Godkendt.",
            "",
            "Punkt 2: Forslag om gratis busser for pensionister i hele",
            "kommunen",
            "EMN-2025-000202",
            "Beslutninger",
            "Forslaget blev forkastet med 19 stemmer mod 8.",
            "For stemte: F og Ø.",
            "",
            "Forslag om gratis busser for pensionister.",
            "",
            "BESLUTNINGSFORSLAG FRA SF",
            "Vi foreslår gratis busser for pensionister.",
            "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ OG",
            "BORGMESTERENS AFDELING",
            "Resume",
            "Forslaget koster 4 mio. kr. om året.",
            "Beslutningspunkter",
            "Det indstilles, at forslaget ikke gennemføres.",
            "Bilag",
            "Indstilling",
            "",
            head,
            "Side 2 af 3",
        ],
        ["Punkt 3: Lukket: Salg af grund", "EMN-2025-000303", "Godkendt.", "", head, "Side 3 af 3"],
    ]
    path = tmp_path / "byraad.pdf"
    path.write_bytes(make_pdf(pages))
    return path


def test_firstagenda_pdf_decision_ends_at_the_paragraph_gap(tmp_path):
    source = read_document(_fa_pdf(tmp_path))
    assert source.kind == "minutes"
    minutes = parse_minutes(source.text)
    assert (minutes.committee, minutes.meeting_date) == ("Byrådet", datetime.date(2025, 2, 12))
    items = {i.number: i for i in minutes.items}
    assert list(items) == [1, 2, 3]
    assert items[2].title == "Forslag om gratis busser for pensionister i hele kommunen"
    assert items[2].case_number == "EMN-2025-000202"
    # the indstilling's description after the gap and the BESLUTNINGSFORSLAG are not the decision
    assert items[2].beslutning == ("Forslaget blev forkastet med 19 stemmer mod 8.\nFor stemte: F og Ø.")
    assert items[3].open is False and items[3].title == "Salg af grund"
    assert items[3].beslutning == "Godkendt."


# --- web text without item numbers ---------------------------------------------------------------

UNNUMBERED = """Referat fra Socialudvalgets møde

Mødedato: 03.03.2025, kl. 15.00
Mødested: Rådhuset

Godkendelse af dagsorden

Beslutning

Godkendt.


Ny plan for bostøtte

Sagsnr.: 25/1234

Resume

Planen samler bostøtten.

Sagsfremstilling

Bostøtten gives i dag af tre teams.

Indstilling

Forvaltningen indstiller, at planen godkendes.

Beslutning

Godkendt

Bilag

Plan for bostøtte.pdf


Status på ventelister

Resume

Ventelisten er faldet.

Indstilling

Forvaltningen indstiller, at status tages til efterretning.

Beslutning

Til efterretning.


Eventuelt

"""


def test_items_without_numbers_follow_the_sequence_of_sections():
    minutes = parse_minutes(UNNUMBERED)
    assert minutes.committee == "Socialudvalget"
    assert minutes.meeting_date == datetime.date(2025, 3, 3)
    assert [(i.number, i.title, i.beslutning) for i in minutes.items] == [
        (None, "Godkendelse af dagsorden", "Godkendt."),
        (None, "Ny plan for bostøtte", "Godkendt"),
        (None, "Status på ventelister", "Til efterretning."),
        (None, "Eventuelt", None),
    ]
    assert minutes.items[1].case_number == "25/1234"


def test_items_without_titles_are_items_all_the_same():
    text = "\n".join(
        line
        for line in UNNUMBERED.splitlines()
        if line
        not in {"Godkendelse af dagsorden", "Ny plan for bostøtte", "Status på ventelister", "Eventuelt"}
    )
    minutes = parse_minutes(text)
    assert [(i.title, i.beslutning) for i in minutes.items] == [
        (None, "Godkendt."),
        (None, "Godkendt"),
        (None, "Til efterretning."),
    ]


# --- committee and date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "committee", "day"),
    [
        ("REFERAT Vejle Byråd d. 14-05-2025", "Vejle Byråd", datetime.date(2025, 5, 14)),
        ("Socialudvalget - 12-01-2022", "Socialudvalget", datetime.date(2022, 1, 12)),
        (
            "Referat: Teknik- og Miljøudvalget, 6. september 2022",
            "Teknik- og Miljøudvalget",
            datetime.date(2022, 9, 6),
        ),
        (
            "Social- og Beskæftigelsesudvalget - Referat 3. februar 2022",
            "Social- og Beskæftigelsesudvalget",
            datetime.date(2022, 2, 3),
        ),
        (
            "Udvalg Beskæftigelsesudvalget\nMødedato Tirsdag d. 12. marts 2024 kl. 15:30",
            "Beskæftigelsesudvalget",
            datetime.date(2024, 3, 12),
        ),
        (
            "UDVALG\n\nUdvalget for Børn og Unge\n\nSTARTTIDSPUNKT\n\n04-06-2020 09:00:00",
            "Udvalget for Børn og Unge",
            datetime.date(2020, 6, 4),
        ),
        ("Møde: Ældreudvalget\nDato: 2. maj 2023", "Ældreudvalget", datetime.date(2023, 5, 2)),
    ],
)
def test_committee_and_date_from_the_header(header, committee, day):
    text = f"""{header}

1. Godkendelse af dagsorden
Sagsfremstilling
Dagsordenen forelægges.
Beslutning
Godkendt.
"""
    minutes = parse_minutes(text)
    assert (minutes.committee, minutes.meeting_date) == (committee, day)
    assert minutes.items[0].beslutning == "Godkendt."


# --- sections the parser knows -------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Præsentation:",
        "Sagsbeskrivelse:",
        "Beslutningskompetence",
        "Kompetence:",
        "Forvaltningen foreslår:",
        "Sagsforløb",
        "Beskrivelse af sagen",
    ],
)
def test_a_decision_ends_at_a_known_section(heading):
    text = f"""Beskæftigelsesudvalget
Mødedato: 2. maj 2023

1. Godkendelse af dagsorden
Beslutning
Godkendt.
{heading}
Teksten under overskriften.

2. Eventuelt
Beslutning
Intet.
"""
    items = _items(text)
    assert items[1].beslutning == "Godkendt."
    assert items[2].beslutning == "Intet."


# --- CLI ----------------------------------------------------------------------------------------


def test_minutes_parse_says_so_when_it_finds_no_items(tmp_path):
    path = tmp_path / "notat.txt"
    path.write_text("Et notat om ingenting.\nMed to linjer.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["minutes", "parse", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "ingen dagsordenspunkter fundet" in lines[0] and "notat.txt" in lines[0]
    assert "Traceback" not in result.output


def test_items_without_numbers_are_stored_by_their_place(tmp_path):
    import json
    import sqlite3

    path = tmp_path / "referat.txt"
    path.write_text(UNNUMBERED, encoding="utf-8")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(
        app, ["--db", str(db), "ingest", str(path), "--keep-personal-data", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["kind"] == "minutes"
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT number, title, case_number, beslutning FROM meeting_items ORDER BY number"
        ).fetchall()
    assert rows == [
        (1, "Godkendelse af dagsorden", None, "Godkendt."),
        (2, "Ny plan for bostøtte", "25/1234", "Godkendt"),
        (3, "Status på ventelister", None, "Til efterretning."),
        (4, "Eventuelt", None, None),
    ]


# --- FirstAgenda attachment lists ---------------------------------------------------------------

FIRSTAGENDA_BILAG = """Udvalget for Arbejdsmarked - Referat 2. juni 2025

Punkt 1: Godkendelse af beskæftigelsesplan 2026

EMN-2025-001122
Beslutninger

Godkendt.

Resume
Planen fremlægges til godkendelse.

Bilag

Indstilling

Bilag 1: Beskæftigelsesplan 2026

Bilag 2: Høringssvar fra Det lokale beskæftigelsesråd

Punkt 2: Orientering om ledighed

EMN-2025-001123
Beslutninger

Taget til efterretning.

Bilag

Indstilling

Punkt 3: Mødeplan for efteråret

EMN-2025-001124
Beslutninger

Godkendt.

Bilag

Indstilling

Bilag 1: Beskæftigelsesplan 2026
"""


def test_an_attachment_list_that_opens_with_the_recommendation_is_the_items_attachments():
    items = _items(FIRSTAGENDA_BILAG)
    assert items[1].bilag == (
        "Indstilling",
        "Beskæftigelsesplan 2026",
        "Høringssvar fra Det lokale beskæftigelsesråd",
    )
    assert "Bilag" not in (items[1].indstilling or "")
    assert items[2].bilag == ("Indstilling",)
    assert items[1].beslutning == "Godkendt." and items[2].beslutning == "Taget til efterretning."
