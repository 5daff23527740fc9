"""Sanction events: patterns, negation, hypotheticals, dates and details."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from textmining.domain.casenotes import read_case_meta, read_journal, split_notes
from textmining.domain.sanctions import (
    EVENT_KINDS,
    find_events,
    find_events_many,
    load_patterns,
)
from textmining.errors import InputError

DATA = Path(__file__).parent / "data"
NOTE_DATE = date(2023, 5, 10)


def events(nlp, text, doc_date=NOTE_DATE):
    return [(e.kind, e.date, e.negated) for e in find_events(text, nlp, document="t.txt", doc_date=doc_date)]


def kinds(nlp, text):
    return {(k, n) for k, _, n in events(nlp, text)}


# --- negation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Borgeren er ikke partshørt.", ("partshoering", True)),
        ("Sagen er afgjort uden partshøring.", ("partshoering", True)),
        ("Der træffes ikke afgørelse om sanktion.", ("afgoerelse", True)),
        ("Partshøring sendt med frist 20.05.2023.", ("partshoering", False)),
        ("Borgeren har ikke svaret på partshøringen.", ("partshoering", False)),
        ("Sanktionen frafaldes.", ("afgoerelse", True)),
    ],
)
def test_negation(nlp, text, expected):
    assert expected in kinds(nlp, text)


def test_hverken_eller_negates_both(nlp):
    found = kinds(nlp, "Borgeren er hverken vejledt eller partshørt.")
    assert found == {("vejledning", True), ("partshoering", True)}


def test_negation_stays_in_its_clause(nlp):
    found = kinds(nlp, "Borgeren har ikke meldt afbud, men udeblev fra samtalen.")
    assert found == {("afbud", True), ("udeblivelse", False)}


# --- hypotheticals -------------------------------------------------------------------------


def test_warning_in_summons_is_not_a_failure(nlp):
    found = kinds(nlp, "Hvis du udebliver uden rimelig grund, kan du blive trukket i kontanthjælpen.")
    assert ("udeblivelse", False) not in found
    assert ("afgoerelse", False) not in found
    assert found == {("vejledning", False)}


def test_guidance_about_failure_is_not_a_failure(nlp):
    found = kinds(nlp, "Borgeren er vejledt om, hvad der sker ved udeblivelse.")
    assert found == {("vejledning", False)}


def test_consequence_words_are_topics(nlp):
    assert kinds(nlp, "Vejledning om konsekvenser ved udeblivelse er udleveret.") == {("vejledning", False)}


def test_right_to_appeal_belongs_to_the_decision(nlp):
    """'Du kan klage' is neither a klage nor vejledning on consequences: it is the decision's
    klagevejledning (forvaltningsloven § 25), and 'uden klagevejledning' says it is missing."""
    found = find_events(
        "Afgørelse om fradrag i kontanthjælpen sendt. Du kan klage over "
        "afgørelsen til Ankestyrelsen inden 4 uger.",
        nlp,
        document="b",
        doc_date=NOTE_DATE,
    )
    assert [(e.kind, e.details.get("klagevejledning")) for e in found] == [("afgoerelse", True)]
    (without,) = find_events(
        "Afgørelsen om fradrag er sendt uden klagevejledning.", nlp, document="b", doc_date=NOTE_DATE
    )
    assert without.details["klagevejledning"] is False
    assert kinds(nlp, "Du kan klage over afgørelsen til Ankestyrelsen inden 4 uger.") == set()


def test_appeal(nlp):
    assert kinds(nlp, "Borgeren har klaget over afgørelsen.") == {("klage", False)}


def test_summons_with_consequence(nlp):
    text = (
        "Dato: 2. maj 2023\n\nDu indkaldes til samtale den 16. maj 2023 kl. 10.\n\n"
        "Hvis du ikke møder op, kan du blive trukket i din kontanthjælp.\n"
    )
    found = find_events(text, nlp, document="brev.txt")
    summons = [e for e in found if e.kind == "indkaldelse"]
    assert len(summons) == 1
    assert summons[0].date == date(2023, 5, 2)
    assert summons[0].details["moede_dato"] == "2023-05-16"
    assert summons[0].details["konsekvens"] is True
    assert not [e for e in found if e.kind == "udeblivelse"]
    guidance = [e for e in found if e.kind == "vejledning"]
    assert guidance and not guidance[0].negated and guidance[0].details["form"] == "skriftlig"


def test_friendly_summons_has_no_consequence(nlp):
    text = "Første indkaldelse sendt efter den venlige skabelon til samtale den 22. maj."
    found = find_events(text, nlp, document="n.txt", doc_date=NOTE_DATE)
    summons = [e for e in found if e.kind == "indkaldelse"]
    assert summons[0].details["konsekvens"] is False


# --- dates ---------------------------------------------------------------------------------


def test_sentence_date_dates_the_event(nlp):
    assert events(nlp, "Borgeren udeblev den 3. maj.") == [("udeblivelse", date(2023, 5, 3), False)]
    assert events(nlp, "Borgeren udeblev i går.") == [("udeblivelse", date(2023, 5, 9), False)]
    found = events(
        nlp,
        "Borgeren blev vejledt skriftligt om konsekvenser ved første jobsamtale den 2. maj 2023.",
    )
    assert found == [("vejledning", date(2023, 5, 2), False)]


def test_other_dates_are_details(nlp):
    found = find_events(
        "Indkaldelse sendt til samtale d. 3/5. Partshøring sendt med frist 20.05.2023. "
        "Afgørelse om fradrag for 2 dage, 1.084,50 kr., for udeblivelsen den 3. maj 2023.",
        nlp,
        document="n.txt",
        doc_date=NOTE_DATE,
    )
    by_kind = {e.kind: e for e in found}
    assert by_kind["indkaldelse"].date == NOTE_DATE
    assert by_kind["indkaldelse"].details["moede_dato"] == "2023-05-03"
    assert by_kind["partshoering"].date == NOTE_DATE
    assert by_kind["partshoering"].details["frist"] == "2023-05-20"
    decision = by_kind["afgoerelse"]
    assert decision.date == NOTE_DATE
    expected = {"udeblivelse_dato": "2023-05-03", "type": "fradrag", "dage": 2, "beloeb": 1084.5}
    assert expected.items() <= decision.details.items()


def test_note_header_dates_events(nlp):
    text = (
        "14.03.2023 – Samtale\nBorgeren er vejledt skriftligt om konsekvenser ved udeblivelse.\n\n"
        "3/4-23 – Udeblivelse\nBorgeren mødte ikke op til samtalen.\n"
    )
    assert events(nlp, text, doc_date=None) == [
        ("vejledning", date(2023, 3, 14), False),
        ("udeblivelse", date(2023, 4, 3), False),
    ]


def test_evidence_and_offsets(nlp):
    text = "01.03.2023 – Note\nSamtale om CV. Borgeren udeblev fra kurset.\n"
    (event,) = find_events(text, nlp, document="n.txt")
    assert text[event.start : event.end] == event.evidence == "Borgeren udeblev fra kurset."
    assert event.matched == "udeblev"
    assert event.document == "n.txt"
    assert event.details == {"fra": "tilbud"}


def test_letter_failure_without_date_is_undated(nlp):
    text = "Dato: 12. april 2023\n\nDu er udeblevet fra samtalen. Derfor partshører vi dig.\n"
    found = {(e.kind, e.date) for e in find_events(text, nlp, document="brev.txt")}
    assert found == {("udeblivelse", None), ("partshoering", date(2023, 4, 12))}


def test_decision_restating_the_failure_adds_no_failure(nlp):
    text = "Dato: 12. april 2023\n\nDu er udeblevet fra samtalen. Vi har besluttet at trække dig.\n"
    found = {(e.kind, e.date) for e in find_events(text, nlp, document="brev.txt")}
    assert found == {("afgoerelse", date(2023, 4, 12))}


def test_sygedagpenge_stop(nlp):
    (event,) = find_events("Sygedagpengene er standset fra 2.5.2023.", nlp, document="n", doc_date=NOTE_DATE)
    assert (event.kind, event.details["type"], event.details["virkning"]) == (
        "afgoerelse",
        "ophoer",
        "2023-05-02",
    )


# --- streaming, patterns -------------------------------------------------------------------


def test_find_events_many_streams_in_order(nlp):
    items = iter(
        [
            ("a", "Borgeren udeblev.", NOTE_DATE),
            ("b", "Samtale om jobsøgning.", NOTE_DATE),
            ("c", "Borgeren er ikke partshørt.", None),
        ]
    )
    out = list(find_events_many(items, nlp, batch_size=2))
    assert [[(e.document, e.kind, e.negated) for e in evs] for evs in out] == [
        [("a", "udeblivelse", False)],
        [],
        [("c", "partshoering", True)],
    ]


def test_every_pattern_has_comment_and_source():
    patterns = load_patterns()
    for entry in patterns.entries:
        assert entry.get("comment") and entry.get("source"), entry["id"]
        if entry["type"] == "event":
            assert entry["kind"] in EVENT_KINDS
    assert {"negation", "hypothetical", "boundary"} <= set(patterns.wordlists)


# --- case notes ----------------------------------------------------------------------------


def test_split_notes_headers_and_offsets():
    text = "14.03.2023 – Samtale\nTekst et.\n\n14/3-23\nTekst to.\n14. marts 2023 - Brev\nTre.\n"
    notes = split_notes(text)
    assert [(n.date, n.title) for n in notes] == [
        (date(2023, 3, 14), "Samtale"),
        (date(2023, 3, 14), None),
        (date(2023, 3, 14), "Brev"),
    ]
    assert [text[n.start : n.end].strip() for n in notes] == ["Tekst et.", "Tekst to.", "Tre."]


def test_letter_is_one_note_dated_by_its_dato_line():
    text = "Jobcenter Vestby\nDato: 1. marts 2023\n\nKære Anna\n3. maj 2023 kl. 10 er din samtale."
    (note,) = split_notes(text)
    assert (note.date, note.source, note.start, note.end) == (
        date(2023, 3, 1),
        "brev",
        0,
        len(text),
    )


def test_read_case_meta(tmp_path):
    path = tmp_path / "sag-7" / "sag.toml"
    path.parent.mkdir()
    path.write_text(
        'ydelse = "Kontanthjælp"\nborger = "Anna"\ncpr = "010190-1234"\nstart = 2023-01-02\n',
        encoding="utf-8",
    )
    meta = read_case_meta(path)
    assert (meta.case_id, meta.ydelse, meta.borger, meta.cpr, meta.start) == (
        "sag-7",
        "kontanthjælp",
        "Anna",
        "010190-1234",
        date(2023, 1, 2),
    )


def test_broken_sag_toml_is_an_input_error(tmp_path):
    path = tmp_path / "sag.toml"
    path.write_text('ydelse = "kontanthjælp\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_case_meta(path)
    assert str(info.value) == (
        f"{path}: sag.toml: ugyldig TOML i linje 1, kolonne 23: "
        "en tekst mangler sit afsluttende anførselstegn"
    )


def test_read_journal():
    cases = read_journal(DATA / "cases_export.csv").notes
    assert list(cases) == ["csv-101", "csv-102"]
    assert [n.date for n in cases["csv-101"]][:2] == [date(2023, 3, 6), date(2023, 3, 20)]
    assert cases["csv-101"][1].source == "journalbrev" and cases["csv-101"][1].is_letter


def test_read_journal_cp1252_and_comma(tmp_path):
    path = tmp_path / "eksport.csv"
    path.write_bytes("sag,dato,type,tekst\n7,1.2.2023,notat,Borgeren udeblev.\n".encode("cp1252"))
    assert read_journal(path).notes["7"][0].text == "Borgeren udeblev."


def test_journal_without_a_text_column_names_what_is_missing(tmp_path):
    path = tmp_path / "eksport.csv"
    path.write_text("sag;dato;type;bemærkning\n1;2.3.2023;notat;x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_journal(path)
    message = str(info.value)
    assert str(path) in message and "notatets tekst" in message and "bemærkning" in message


def test_journal_export_read_by_its_column_names(tmp_path):
    """A case system's export: its own column names, date-time values, CRLF line ends, quoted
    multi-line texts, ydelse and visitation repeated on every row."""
    path = tmp_path / "journal.csv"
    rows = [
        "Sags-ID;Oprettet;Notattype;Emne;Journaltekst;Ydelsestype;Målgruppe;Medarbejder",
        '4411;01-02-2023 10:05;Journalnotat;Samtale;"Borgeren mødte ikke op.\r\nRinget uden '
        'svar.";Kontanthjælp;Aktivitetsparat;HK',
        "4411;2023-02-02T09:00:00;Udgående brev;Partshøring;Partshøring sendt.;Kontanthjælp;"
        "Aktivitetsparat;HK",
    ]
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    journal = read_journal(path)
    notes = journal.notes["4411"]
    assert [n.date for n in notes] == [date(2023, 2, 1), date(2023, 2, 2)]
    assert notes[1].source == "journalbrev" and notes[0].title == "Samtale"
    assert "mødte ikke op" in notes[0].text
    assert journal.case_fields["4411"] == {
        "ydelse": "kontanthjælp",
        "visitationskategori": "aktivitetsparat",
        "sagsbehandler": "HK",
    }
    assert journal.columns["tekst"] == "Journaltekst" and journal.columns["dato"] == "Oprettet"


def test_anchored_matching_finds_the_same_matches_as_the_full_matcher(nlp):
    """The per-sentence, per-anchor matching is a speed-up only: on every test case it finds
    exactly the matches the full Matcher finds inside a sentence."""
    from textmining.domain.sanctions import _gated_matches, _matcher, _sentence_starts

    compiled = _matcher(nlp)
    assert compiled.anchored, "every event and detail pattern should have an anchor"
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((Path(__file__).parent / "data" / "cases").glob("*/*.txt"))
    ]
    assert len(texts) >= 30
    for doc in nlp.pipe(texts):
        starts = _sentence_starts(doc)
        ends = [*starts[1:], len(doc)]
        sentence_of = {}
        for k, (a, b) in enumerate(zip(starts, ends)):
            for i in range(a, b):
                sentence_of[i] = k
        full = {m for m in compiled.matcher(doc) if sentence_of[m[1]] == sentence_of[m[2] - 1]}
        assert set(_gated_matches(compiled, doc, starts)) == full


def test_gates_come_from_the_pattern_data():
    """A pattern runs on a sentence only when a word for each of its required tokens is there:
    the words are read from the pattern (optional tokens need none), not written by hand."""
    from textmining.domain.sanctions import _requirements

    pattern = [
        {"LEMMA": "melde"},
        {"IS_ALPHA": True, "OP": "{0,3}"},
        {"NORM": {"IN": ["afbud", "afbuddet"]}},
        {"NORM": "ikke", "OP": "?"},
        {"NORM": {"REGEX": "^samtal"}},
    ]
    reqs = _requirements(pattern)
    assert [(attr, req) for attr, req in reqs if not hasattr(req, "search")] == [
        ("LEMMA", frozenset({"melde"})),
        ("NORM", frozenset({"afbud", "afbuddet"})),
    ]
    assert [req.pattern for _attr, req in reqs if hasattr(req, "search")] == ["^samtal"]


def test_warm_tokenizer_gives_spacys_tokens(nlp):
    """The pipeline's tokenizer fills spaCy's chunk cache ahead (textmining.language.nlp.
    WarmTokenizer); every text is split into exactly the tokens the tokenizer it wraps gives
    when called on its own (spaCy's, with the journal rules of _journal_tokenizer)."""
    texts = [
        p.read_text(encoding="utf-8")
        for folder in ("cases", "screening_mail")
        for p in sorted((Path(__file__).parent / "data" / folder).rglob("*.txt"))
    ]
    assert len(texts) >= 30
    plain = nlp.tokenizer.tokenizer
    for text in texts + texts:  # the second time from the warmed cache
        got, want = nlp.make_doc(text), plain(text)
        assert [(t.text, t.whitespace_) for t in got] == [(t.text, t.whitespace_) for t in want]


def test_shorthand_spellings_without_aeoeaa_and_typos(nlp):
    """Journal shorthand, words typed without æøå and one-letter typos in domain words find
    the same events as the words written in full."""
    assert events(nlp, "Bg. udebl. fra samtalen.") == [("udeblivelse", NOTE_DATE, False)]
    assert events(nlp, "PH sendt.") == [("partshoering", NOTE_DATE, False)]
    assert events(nlp, "Partshoering sendt i e-boks.") == [("partshoering", NOTE_DATE, False)]
    assert events(nlp, "Partshøing sendt i e-boks.") == [("partshoering", NOTE_DATE, False)]
    from textmining.language.nlp import canonical_form

    def known(word):
        return word in {"rådighed", "samt", "hans"}

    assert canonical_form("raadighed", known) == "rådighed"
    assert canonical_form("samt", known) == "samt"  # an ordinary word is never "expanded"
    assert canonical_form("hans", known) == "hans"


def test_a_letter_is_one_act_of_the_kind_its_content_shows(nlp):
    """A plain-language summons is an indkaldelse with konsekvens (and the vejledning it
    states) on its Dato: line, even though it also says what will be deducted; a decision
    letter is one afgørelse, however many sentences speak of the deduction."""
    summons = (
        "Dato: 6. marts 2023\n\nDu skal komme til en samtale i Jobcenteret mandag den 20. marts "
        "2023 kl. 9.30.\n\nHvis du ikke kommer, og du ikke har en rimelig grund, bliver din "
        "kontanthjælp trukket. Vi trækker for hver dag, indtil du kontakter os.\n"
    )
    found = find_events(summons, nlp, document="indkaldelse.txt")
    assert {(e.kind, e.date) for e in found} == {
        ("indkaldelse", date(2023, 3, 6)),
        ("vejledning", date(2023, 3, 6)),
    }
    (call,) = [e for e in found if e.kind == "indkaldelse"]
    assert call.details["konsekvens"] is True
    decision = (
        "Dato: 3. april 2023\n\nAfgørelse: Vi trækker i din kontanthjælp\n\nVi har besluttet "
        "at trække i din kontanthjælp. Vi trækker 1/30 for hver dag. Pengene bliver trukket i "
        "din næste udbetaling.\n\nDu kan klage inden 4 uger.\n"
    )
    found = find_events(decision, nlp, document="afgoerelse.txt")
    assert [(e.kind, e.date) for e in found] == [("afgoerelse", date(2023, 4, 3))]
    assert found[0].details["klagevejledning"] is True


@pytest.mark.parametrize(
    "text, dates, first_body",
    [
        (
            "04.01.2016 LV 1. jobsamtale afh. Bg. mødt.\n25.01.2016 LV Jobnet tjekket.\n",
            [date(2016, 1, 4), date(2016, 1, 25)],
            "1. jobsamtale afh. Bg. mødt.",
        ),
        (
            "11.04.2016 BH: Samtale afholdt.\n25.04.2016 BH: Indkaldelse sendt.\n",
            [date(2016, 4, 11), date(2016, 4, 25)],
            "Samtale afholdt.",
        ),
        (
            "Notat 09.01.2017 Karin Holm (KH)\nEmne: Jobsamtale\nBorger mødt.\n\n"
            "Notat 23.01.2017 Karin Holm (KH) – Indkaldelse\nIndkaldelse sendt.\n",
            [date(2017, 1, 9), date(2017, 1, 23)],
            "Borger mødt.",
        ),
        (
            "Dato: 07.09.2020\nEmne: 1. jobsamtale\nNotat: Borger mødt.\nSagsbehandler: MK\n\n"
            "Dato: 21.09.2020\nEmne: Tilbud\nNotat: Bevilget.\n",
            [date(2020, 9, 7), date(2020, 9, 21)],
            "Borger mødt.",
        ),
        (
            "Dato: 01.02.2021   Emne: Opstart   Oprettet af: SM\nNotat: Borger bevilget.\n\n"
            "Dato: 15.02.2021   Emne: Indsats   Oprettet af: SM\nNotat: Mentor.\n",
            [date(2021, 2, 1), date(2021, 2, 15)],
            "Borger bevilget.",
        ),
        (
            "8/2-21 MT Samtale.\n2018-02-12 HK Sag oprettet.\n6. feb. 2023 – Udeblivelse\nUdeblev.\n",
            [date(2021, 2, 8), date(2018, 2, 12), date(2023, 2, 6)],
            "Samtale.",
        ),
    ],
)
def test_note_headers_as_journals_write_them(text, dates, first_body):
    notes = split_notes(text)
    assert [n.date for n in notes] == dates
    assert all(n.source == "notat" for n in notes)
    assert notes[0].text.strip().splitlines()[0] == first_body


def test_terse_journal_lines(nlp):
    """'Afg.: fradrag …' is a decision, and the dot of an abbreviation before a date does not
    end the sentence ('fradrag for udebl. 20.01.' names the failure's date)."""
    found = find_events(
        "Afg.: fradrag for udebl. 20.01. jf. aktivl. § 37. Sendt e-boks m/ begr. og klagevejl.",
        nlp,
        document="n",
        doc_date=date(2025, 3, 10),
    )
    (decision,) = [e for e in found if e.kind == "afgoerelse"]
    assert decision.date == date(2025, 3, 10)
    assert decision.details["udeblivelse_dato"] == "2025-01-20"
    assert decision.details["klagevejledning"] is True


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Der træffes ikke afgørelse om sanktion for udeblivelsen den 2. maj.", [(date(2023, 5, 2), False)]),
        ("Hun har ikke nogen forklaring på udeblivelsen den 2. maj.", [(date(2023, 5, 2), False)]),
        # the verb's own negation: no failure, and a negated failure is no event
        ("Borgeren er ikke udeblevet den 2. maj.", []),
    ],
)
def test_a_preposition_shields_the_trigger_from_the_verbs_negation(nlp, text, expected):
    found = [e for e in find_events(text, nlp, document="n", doc_date=NOTE_DATE) if e.kind == "udeblivelse"]
    assert [(e.date, e.negated) for e in found] == expected


def test_a_detail_is_not_shielded(nlp):
    (call,) = [
        e
        for e in find_events(
            "Indkaldelse sendt til samtale 19.5. på standardbrevet uden afsnit om konsekvens.",
            nlp,
            document="n",
            doc_date=NOTE_DATE,
        )
        if e.kind == "indkaldelse"
    ]
    assert call.details["konsekvens"] is False


@pytest.mark.parametrize(
    "text",
    [
        "Freja kom ikke.",
        "Borgeren har ikke deltaget i praktikken i dag.",
        "Værkstedet oplyser, at borger ikke har været der i dag.",
    ],
)
def test_failures_in_plain_words(nlp, text):
    assert events(nlp, text) == [("udeblivelse", NOTE_DATE, False)]


def test_a_warning_with_kommer_ikke_is_no_failure(nlp):
    assert ("udeblivelse", NOTE_DATE, False) not in events(
        nlp, "Hvis du ikke kommer, bliver din kontanthjælp trukket."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ringet to gange til borger uden svar.", [("kontakt", False)]),
        ("Sms sendt til borger med besked om at kontakte jobcentret.", [("kontakt", False)]),
        ("Jeg har forsøgt at få fat i ham.", [("kontakt", False)]),
        ("Hjemmebesøg hos borger, som var hjemme.", [("kontakt", False)]),
        ("Der er ikke forsøgt kontakt til borger.", [("kontakt", True)]),
        ("Borger ringede og sagde, at hun var syg.", []),  # the citizen's own call
        ("Praktikstedet ringede og fortalte, at han ikke var mødt.", []),  # not a kontakt
        ("Ring til mig, hvis du har spørgsmål.", []),  # an instruction in a letter
        ("Sms-påmindelse sendt om mødet i morgen.", []),  # a reminder before the meeting
    ],
)
def test_kontakt_is_the_kommune_reaching_the_citizen(nlp, text, expected):
    found = [
        (e.kind, e.negated)
        for e in find_events(text, nlp, document="t.txt", doc_date=NOTE_DATE)
        if e.kind == "kontakt"
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "negated", "assessed"),
    [
        ("At han sov over sig, er ikke en rimelig grund.", False, True),
        ("Vurd.: ikke rimelig grund.", False, True),
        ("Borger har ikke oplyst en rimelig grund.", True, False),
    ],
)
def test_a_reason_judged_not_rimelig_is_an_assessment(nlp, text, negated, assessed):
    found = [
        e for e in find_events(text, nlp, document="t.txt", doc_date=NOTE_DATE) if e.kind == "rimelig_grund"
    ]
    assert [(e.negated, e.details.get("vurderet") is True) for e in found] == [(negated, assessed)]


def test_skaerpet_sanction_details(nlp):
    text = (
        "03.03.2025\nBorger er tidligere sanktioneret. Det vurderes konkret, at han udviser "
        "manglende vilje til at stå til rådighed. Afgørelse om skærpet rådighedssanktion "
        "sendt.\n\n04.03.2025\nDer er ikke foretaget en konkret vurdering af manglende vilje. "
        "Afgørelse om skærpet rådighedssanktion sendt."
    )
    decisions = [e for e in find_events(text, nlp, document="t.txt") if e.kind == "afgoerelse"]
    assert [(d.details.get("tidligere_sanktion"), d.details.get("manglende_vilje")) for d in decisions] == [
        (True, True),
        (None, False),
    ]


@pytest.mark.parametrize(
    ("text", "dates", "titles"),
    [
        (
            "Journalnotat | 08.01.2024 | Oprettet af: Lise Kjær (LK) | Type: Samtale\nFørste samtale.\n\n"
            "Journalnotat | 22.01.2024 | Oprettet af: LK | Type: Indkaldelse\nIndkaldelse sendt.\n",
            [date(2024, 1, 8), date(2024, 1, 22)],
            ["Samtale", "Indkaldelse"],
        ),
        (
            "14-03-2023 | Samtale | KH |\nBorger mødte.\n\n15-03-2023 | Telefon | KH |\nRinget.\n",
            [date(2023, 3, 14), date(2023, 3, 15)],
            ["Samtale", "Telefon"],
        ),
        (
            "man. 20. mar. 2023 - Samtale (MH)\nOpfølgning.\n\nfre. 10. mar. 2023 - Afgørelse (MH)\n"
            "Afgørelse sendt.\n",
            [date(2023, 3, 20), date(2023, 3, 10)],
            ["Samtale (MH)", "Afgørelse (MH)"],
        ),
        (
            "Notatdato.......: 09.01.2023\nNotattype.......: Samtale\nOprettet........: 10.01.2023 14:02\n"
            "Tekst:\nSamtale med bg.\n\nNotatdato.......: 16.01.2023\nNotattype.......: Brev\nTekst:\n"
            "Brev sendt.\n",
            [date(2023, 1, 9), date(2023, 1, 16)],
            ["Samtale", "Brev"],
        ),
    ],
)
def test_journal_system_headers(text, dates, titles):
    """Headers as journal systems print them: pipe-separated cells, a weekday before the date
    (newest first), dot leaders; an "Oprettet" date is never the note's date."""
    notes = [n for n in split_notes(text) if n.date]
    assert [n.date for n in notes] == dates
    assert [n.title for n in notes] == titles
    assert all(not n.text.lstrip().startswith(("Oprettet", "|")) for n in notes)


def test_a_pasted_mail_is_dated_by_its_sent_line():
    text = (
        "05.06.2024 – Mail\nMail fra bg. journaliseres her:\n\nFra: Jasmin <j@eksempel.dk>\n"
        "Sendt: 4. juni 2024 09:47\nTil: Nanna <n@eksempel.dk>\nEmne: afbud i dag\n\n"
        "Jeg kan ikke komme i dag, min datter er syg.\n"
    )
    notes = split_notes(text)
    assert [(n.date, n.title) for n in notes] == [
        (date(2024, 6, 5), "Mail"),
        (date(2024, 6, 4), "afbud i dag"),
    ]
    assert notes[-1].text.lstrip().startswith("Jeg kan ikke komme")


# --- families of issue 10 (screen10) -------------------------------------------------------


def test_an_afbud_is_dated_on_the_day_it_concerns(nlp):
    """An afbud (or its absence) belongs to the missed day: 'Ingen afbud.' after failures
    listed in the note is no afbud on each of those days; an afbud to a coming meeting is
    dated on the meeting."""
    listed = events(
        nlp,
        "07.09.2021 KL Cykelværkstedet oplyser, at bg. ikke var mødt 1., 2. "
        "og 6.9. Der er ikke meldt afbud.\n",
    )
    assert sorted(e for e in listed if e[0] == "afbud") == [
        ("afbud", date(2021, 9, d), True) for d in (1, 2, 6)
    ]
    ahead = events(
        nlp,
        "11.05.2022 KL Bg. ringer og melder afbud til jobsamtalen 16.05. pga. "
        "tandlæge. Afbuddet er noteret.\n",
    )
    assert {e for e in ahead if e[0] == "afbud"} == {("afbud", date(2022, 5, 16), False)}
    plain = events(nlp, "11.05.2022 KL Bg. ikke mødt til samtale. Intet afbud.\n")
    assert ("afbud", date(2022, 5, 11), True) in plain


def test_note_headers_without_a_year_take_it_from_the_header_before(nlp):
    """'03/1 LB  ...' after '28.12.22 LB ...' is a note of 3 January 2023; in a journal
    read newest first the year is the one nearest the header before it too."""
    text = (
        "19.12.22 LB  Indk. til jobsamtale 28/12 sendt.\n"
        "28.12.22 LB  Bg. udebl. fra jobsamtale.\n"
        "03/1 LB  PH sendt ang. påtænkt fradrag for udebl. 28/12.\n"
        "17/1 LB  Afg. om fradrag sendt.\n"
    )
    notes = split_notes(text)
    assert [n.date for n in notes] == [
        date(2022, 12, 19),
        date(2022, 12, 28),
        date(2023, 1, 3),
        date(2023, 1, 17),
    ]
    newest_first = "04.01.2023 LB  Afg. om fradrag sendt.\n29/12 LB  PH sendt.\n"
    assert [n.date for n in split_notes(newest_first)] == [date(2023, 1, 4), date(2022, 12, 29)]
    # A day and month in a note's text is not a header without the initials after it.
    body = "02.03.2023 LB  Samtale.\n3/3 kl. 9 ny samtale aftalt.\n"
    assert len(split_notes(body)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A praktiksted's report that no message came is no afbud.
        (
            "Lageret oplyser, at bg. ikke mødte tirsdag 9.5. og ikke har givet besked.",
            {("udeblivelse", False), ("afbud", True)},
        ),
        (
            "Lageret ringer: bg. ikke mødt tirsdag 9.5., ingen besked.",
            {("udeblivelse", False), ("afbud", True)},
        ),
        (
            "Praktikstedet meldte, at han ikke kom i dag, og at han ikke havde sagt noget.",
            {("udeblivelse", False), ("afbud", True)},
        ),
        # The citizen's account that he forgot to cancel tells of the failure, it is no new afbud.
        ("Bg. oplyser, at han havde feber og ikke tænkte på at melde afbud.", {("rimelig_grund", False)}),
        ("Hun glemte at melde fra, fordi hun var til lægen.", {("rimelig_grund", False)}),
    ],
)
def test_no_afbud_in_everyday_words(nlp, text, expected):
    assert kinds(nlp, text) == expected


def test_a_failure_in_subordinate_word_order_and_asked_about(nlp):
    """'at hun ikke kom' is a failure; 'hvorfor han ikke kom' asks about one already noted."""
    assert kinds(nlp, "Værkstedet skriver, at hun ikke kom i dag.") == {("udeblivelse", False)}
    assert kinds(nlp, "Kan ikke nå frem, da toget ikke kom.") == set()
    assert kinds(nlp, "Vi talte i telefonen om, hvorfor han ikke var mødt.") == set()
    assert not {k for k, _ in kinds(nlp, "Skriv til mig, hvorfor du ikke kom.")} & {"udeblivelse"}


def _settings(nlp, text):
    return [
        e.details.get("fra")
        for e in find_events(text, nlp, document="t.txt", doc_date=NOTE_DATE)
        if e.kind == "udeblivelse"
    ]


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ("Bageriet oplyser, at bg. ikke mødte 3.5.", "tilbud"),
        ("Grønt Team: bg. ikke mødt i dag.", "tilbud"),
        ("Hun har ikke deltaget den 2. og 4. maj.", "tilbud"),
        ("Bg. ikke mødt til samtalen kl. 9.", "samtale"),
        # "mødte" is not the noun "møde": no meeting word, so nothing is known.
        ("Bg. mødte ikke i dag.", None),
        ("Sagsbehandler ringer: bg. ikke mødt.", None),
    ],
)
def test_where_a_failure_happened(nlp, text, setting):
    assert set(_settings(nlp, text)) == {setting}


def test_a_topic_or_a_count_before_the_failure_word(nlp):
    """'konsekvens ved ny udeblivelse' is guidance; '3 udeblivelser' counts failures on file."""
    assert not [
        k for k, _ in kinds(nlp, "Vejledt om skærpet sanktion ved ny udeblivelse.") if k == "udeblivelse"
    ]
    text = (
        "06.03.2023 KL Bg. ikke mødt i værkstedet.\n"
        "13.03.2023 KL Bg. ikke mødt i værkstedet.\n"
        "31.03.2023 KL Samlet opgørelse for marts: 2 udeblivelser fra værkstedet.\n"
    )
    from screening.cases import build_timeline, empty_meta

    tl = build_timeline(empty_meta("x"), find_events(text, nlp, document="t.txt"))
    assert [e.date for e in tl.events if e.kind == "udeblivelse"] == [date(2023, 3, 6), date(2023, 3, 13)]


def _reasons(nlp, text):
    return [
        (e.date, e.negated, e.details.get("vurderet"))
        for e in find_events(text, nlp, document="t.txt")
        if e.kind == "rimelig_grund"
    ]


def test_a_reason_is_dated_when_it_is_written_down(nlp):
    """A date in the reason's sentence is what the reason is about, not when it was told."""
    text = "14.09.2022 KL Bg. oplyser, at hun lå på skadestuen natten til 12.09. og derfor ikke kom.\n"
    assert _reasons(nlp, text) == [(date(2022, 9, 14), False, None)]


def test_a_reason_told_in_the_sentence_after_the_call(nlp):
    text = "02.11.2022 KL Bg.s søster ringer og melder afbud til samtalen 04.11. – bg. har fået influenza.\n"
    assert [d for d, _, _ in _reasons(nlp, text)] == [date(2022, 11, 2)]
    text = "02.11.2022 KL Bg. ringer og melder afbud. Hun er indlagt på sygehuset.\n"
    assert [d for d, _, _ in _reasons(nlp, text)] == [date(2022, 11, 2)]
    # Without anyone telling, the words are just the note's talk.
    assert _reasons(nlp, "02.11.2022 KL Samtale om hendes sygdom og behandling.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "10.05.2023 KL PH sendt, bg. bedt om at oplyse, om der var en rimelig grund.",
        "10.05.2023 KL Vi vil gerne høre, om du havde en rimelig grund til ikke at komme.",
        "10.05.2023 KL Havde du en rimelig grund til at blive væk?",
    ],
)
def test_asking_for_a_reason_is_no_reason(nlp, text):
    assert _reasons(nlp, text + "\n") == []


def test_not_at_after_the_reason_belongs_to_the_infinitive(nlp):
    """'rimelig grund til ikke at komme' does not negate the reason; 'ikke en rimelig grund'
    is an assessment that it was not one."""
    told = _reasons(
        nlp, "10.05.2023 KL Bg. oplyser, at han havde en rimelig grund til ikke at komme: han var syg.\n"
    )
    assert told and all(not neg for _, neg, _ in told)
    judged = _reasons(nlp, "10.05.2023 KL At han sov over sig er ikke en rimelig grund.\n")
    assert judged == [(date(2023, 5, 10), False, True)]


@pytest.mark.parametrize(
    "text",
    [
        # The consequence a summons warns of, with the condition after it.
        "Af indkaldelsen fremgår, at vi trækker i din ydelse, hvis du udebliver uden grund.",
        "Brevet siger, at sygedagpengene stoppes, såfremt hun ikke deltager.",
        # A partshøring about a planned decision.
        "PH sendt: påtænkt ophør af sygedagpenge fra 1.6.",
    ],
)
def test_a_warned_or_planned_decision_is_no_decision(nlp, text):
    assert "afgoerelse" not in {k for k, _ in kinds(nlp, text)}


def test_a_condition_in_the_klagevejledning_leaves_the_decision(nlp):
    found = kinds(
        nlp,
        "Afgørelse om fradrag sendt med klagevejledning (klagen går til "
        "Ankestyrelsen, hvis vi fastholder afgørelsen).",
    )
    assert ("afgoerelse", False) in found


def test_a_decision_letter_without_a_word_on_klage_lacks_the_klagevejledning(nlp):
    """The letter in the folder is the whole decision: what it does not say, it lacks. A
    journal note of a decision says only what the caseworker wrote down."""
    letter = (
        "Dato: 9. oktober 2024\n\nAfgørelse om fradrag i din kontanthjælp\n\nDu kom ikke "
        "til samtalen den 23. september 2024. Vi har derfor besluttet at trække i din "
        "kontanthjælp for 1 dag.\n"
    )
    (act,) = [e for e in find_events(letter, nlp, document="brev.txt") if e.kind == "afgoerelse"]
    assert act.details["klagevejledning"] is False
    with_it = letter + "\nDu kan klage over afgørelsen inden 4 uger. Send klagen til os.\n"
    (act,) = [e for e in find_events(with_it, nlp, document="brev.txt") if e.kind == "afgoerelse"]
    assert act.details["klagevejledning"] is True
    note = "09.10.2024 KL Afgørelse om fradrag for 23.9. sendt.\n"
    (act,) = [e for e in find_events(note, nlp, document="notater.txt") if e.kind == "afgoerelse"]
    assert "klagevejledning" not in act.details


def test_known_failure_owns_only_the_date_next_to_it(nlp):
    """'udeblivelserne' names failures on record: a date later in the sentence belongs to the
    verb ('bekræftede ... i går'), so the mention is no failure on that day; a date right
    after the noun is the failure's own."""
    text = (
        "12.06.2023\nKaren udeblev fra praktikken den 5. og 6. juni.\n\n"
        "14.06.2023\nKaren har selv bekræftet udeblivelserne over for praktikværten i går.\n"
    )
    from screening.cases import build_timeline, empty_meta

    failures = {d for k, d, n in events(nlp, text) if k == "udeblivelse" and not n}
    assert date(2023, 6, 13) not in failures
    tl = build_timeline(empty_meta("s"), find_events(text, nlp, document="t.txt"))
    assert {e.date for e in tl.events if e.kind == "udeblivelse"} == {date(2023, 6, 5), date(2023, 6, 6)}
    own = events(nlp, "14.06.2023\nFradrag er givet for udeblivelsen den 6. juni.\n")
    assert ("udeblivelse", date(2023, 6, 6), False) in own


def test_a_letter_dates_the_reason_it_assesses(nlp):
    """A reason the letter itself assesses is the letter's act on its date; a reason it only
    retells keeps the sentence's date (none here)."""
    text = (
        "Dato: 9. oktober 2024\n\nDu har fortalt os, at du havde influenza. Det anser vi "
        "ikke for en rimelig grund, fordi du ikke meldte dig syg. Vi har derfor besluttet "
        "at trække dig i kontanthjælpen for den 1. oktober.\n"
    )
    reasons = {
        (e.date, "vurderet" in e.details)
        for e in find_events(text, nlp, document="brev.txt")
        if e.kind == "rimelig_grund"
    }
    assert (date(2024, 10, 9), True) in reasons
    assert all(d is None for d, assessed in reasons if not assessed)


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        # an account in the past tense after a telling word, with words on no list
        ("Borger ringer. Oplyser at hun var til fødselsdag hos sin bror i Vejle.", True),
        ("Bg. ringer tilbage. Han havde sat alarmen til den forkerte uge.", True),
        # a causal clause after the failure
        ("Bg. meldte afbud til samtalen, fordi hendes fremleje blev opsagt samme morgen.", True),
        # no reason given, a question, and the kommune's own reason for a sanction
        ("Borger ringer. Hun havde ingen forklaring.", False),
        ("Vi talte om, hvorfor hun var blevet væk.", False),
        ("Partshøring sendt om at trække hjælpen, fordi han ikke mødte til samtalen.", False),
    ],
)
def test_a_reason_told_in_words_on_no_list(nlp, note, reason):
    text = "02.09.2024\nBg. udeblev fra jobsamtalen i dag.\n\n05.09.2024\n" + note + "\n"
    found = [
        e
        for e in find_events(text, nlp, document="t.txt")
        if e.kind == "rimelig_grund" and e.date == date(2024, 9, 5)
    ]
    assert bool(found) is reason, found


def test_a_date_of_the_decision_an_omgoerelse_names_is_not_its_own(nlp):
    """'Afg. af 4.3. omgøres' dates the decision undone; the omgørelse is the note's act."""
    text = "19.03.2024\nSagen genvurderet. Afg. af 04.03. omgøres, og beløbet udbetales.\n"
    assert ("omgoerelse", date(2024, 3, 19), False) in events(nlp, text)
    found = [e for e in find_events(text, nlp, document="t.txt") if e.kind == "omgoerelse"]
    assert found[0].details.get("afgoerelse_dato") == "2024-03-04"
    text = "19.03.2024\nBorger har klaget over afgørelsen om fradrag af 04.03.\n"
    assert ("klage", date(2024, 3, 19), False) in events(nlp, text)


def test_a_sign_inside_markup_is_not_the_rules_arrow(nlp):
    # "udebl. = fradrag" states the rule; "[link=x]" in a pasted note is markup around words.
    rule = find_events("12.04.2023\nudebl. uden rimelig grund = fradrag\n", nlp, document="n")
    assert not [e for e in rule if e.kind == "udeblivelse"]
    pasted = find_events("12.04.2023\nBorgeren udeblev fra samtalen [b=1]i dag[/b].\n", nlp, document="n")
    assert [e.kind for e in pasted if e.kind == "udeblivelse"] == ["udeblivelse"]


# --- questions, examples, rules in inverted conditions, other parties' acts -----------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the citizen asks about a decision already made or feared: no decision
        ("Borgeren ringer og spørger, hvornår fradraget trækkes fra udbetalingen.", "afgoerelse"),
        ("Hun spurgte om hun bliver trukket for mandag.", "afgoerelse"),
        # an example of what a reason could be, in the letter asking for one: no reason told
        ("Skriv gerne til os, f.eks. om du var syg den dag.", "rimelig_grund"),
        # a rule stated as a condition with the verb first: no decision, no failure
        ("Møder du ikke til samtalen, trækkes du i kontanthjælpen for dagen.", "afgoerelse"),
        ("Udebliver man fra aktiveringen, trækkes man for hver dag.", "udeblivelse"),
        # another party's appointment and cancellation: not the jobcentre's
        ("Jeg har fået en indkaldelse fra sygehuset til en operation på torsdag.", "indkaldelse"),
        ("Tandlægen ringede i morges, de havde fået et afbud, så jeg kunne komme ind kl. 9.", "afbud"),
    ],
)
def test_questions_examples_rules_and_others_acts_are_no_events(nlp, text, kind):
    assert kind not in {k for k, _ in kinds(nlp, text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Afg. sendt. Fradrag 3.4.-5.4. jf. § 36.", "afgoerelse"),
        ("Borgeren trækkes 1 dag for udeblivelsen.", "afgoerelse"),
        ("Indkaldelse fra jobcentret sendt i e-Boks.", "indkaldelse"),
        ("Bg. har meldt afbud til samtalen, hun skal til tandlægen.", "afbud"),
        ("Bg. udeblev fra samtalen, selvom hun spurgte til tidspunktet i går.", "udeblivelse"),
    ],
)
def test_acts_near_those_words_are_still_found(nlp, text, kind):
    assert (kind, False) in kinds(nlp, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a conditional warning spoken in a call: no vejledning
        ("Tlf. med bg. Sagt til ham at hvis han udebliver igen, kan han miste kontanthjælpen.", False),
        ("Hvis han ikke møder op næste gang, kan det give et fradrag.", False),
        # the note cites the letter, or says the citizen was guided: vejledning
        ("I indkaldelsen står, at hvis han udebliver, trækker vi i kontanthjælpen.", True),
        ("Bg. vejledt om, at hvis han udebliver uden rimelig grund, trækkes han i ydelsen.", True),
    ],
)
def test_a_conditional_warning_in_a_note_counts_when_written_or_guided(nlp, text, found):
    assert (("vejledning", False) in kinds(nlp, text)) is found


def test_a_conditional_warning_in_a_letter_is_vejledning(nlp):
    letter = (
        "Dato: 3. maj 2023\n\nKære Ole\n\nHvis du ikke kommer til samtalen, trækker vi i din kontanthjælp.\n"
    )
    found = {(e.kind, e.negated) for e in find_events(letter, nlp, document="brev.txt", doc_date=None)}
    assert ("vejledning", False) in found


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("Hun sad i stuen med persiennerne trukket for, fordi lyset gjorde ondt.", False),
        ("Klagen er trukket tilbage.", False),
        ("Borgeren er trukket for 3 dage i ydelsen.", True),
        ("Han trækkes for de dage, han ikke deltog.", True),
    ],
)
def test_trukket_with_a_particle_is_another_verb(nlp, text, decision):
    assert (("afgoerelse", False) in kinds(nlp, text)) is decision


def test_a_reason_quoted_in_the_decisions_reasons_is_assessed(nlp):
    text = "Begrundelsen i afgørelsen: Borgeren har oplyst, at hun lå syg med feber."
    found = [
        e for e in find_events(text, nlp, document="t.txt", doc_date=NOTE_DATE) if e.kind == "rimelig_grund"
    ]
    assert found and found[0].details.get("vurderet") is True
    plain = "Borgeren har oplyst, at hun lå syg med feber."
    found = [
        e for e in find_events(plain, nlp, document="t.txt", doc_date=NOTE_DATE) if e.kind == "rimelig_grund"
    ]
    assert found and "vurderet" not in found[0].details
