"""LIX exactly as DOMAIN.md section 5 defines it, with the counts a user can check by hand."""

from __future__ import annotations

import pytest

from textmining.language.readability import lix_band, readability, segment, sentences


def counts(text: str) -> tuple[int, int, int]:
    r = readability(text)
    return r.words, r.sentences, r.long_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations never end a sentence, even before a capital letter
        ("Se reglerne, jf. Aktivloven om dette. Vi ses.", [6, 2]),
        ("Vi taler bl.a. om job. Det er fint.", [5, 3]),
        # clock time and dates
        ("Mød op kl. 10.30. Vi ses.", [4, 2]),
        ("Mødet er den 14. marts i år.", [7]),
        ("Tallet er fra 3. kvt. 2021 og er nyt.", [9]),
        # a law reference: the dot after the number ends the sentence before a capital
        ("Det følger af § 36, stk. 1. Du kan klage.", [6, 3]),
        # '1.000 kr.' followed by a lower-case word does not end a sentence
        ("Du får 1.000 kr. om måneden.", [6]),
        # ':' followed by a capital letter ends a sentence
        ("Tid: Tirsdag den 14. marts kl. 10.30.", [1, 6]),
        # ! and ? always end; a closing bracket or quote after the dot is ignored
        ("Kom du? Ja! Godt (tak).", [2, 1, 2]),
    ],
)
def test_sentence_edge_cases(text, expected):
    assert [s.words for s in sentences(text)] == expected


def test_sentence_offsets_point_into_the_text():
    text = "Overskrift\n\nDu skal komme kl. 10.30. Vi ses i morgen."
    r = readability(text)
    spans = [text[s.start : s.end] for p in r.paragraphs for s in p.sentences]
    assert spans == ["Du skal komme kl. 10.30.", "Vi ses i morgen."]


def test_exact_numbers_for_a_letter_with_abbreviations():
    text = (
        "Du skal til samtale kl. 10.30 den 14. marts, jf. aktivloven. "
        "Du får bl.a. 1.000 kr. om måneden i 3. kvt. 2023."
    )
    r = readability(text)
    # 11 + 11 words; long: samtale, aktivloven, måneden
    assert (r.words, r.sentences, r.long_words) == (22, 2, 3)
    assert r.lix == pytest.approx(22 / 2 + 100 * 3 / 22)
    assert round(r.lix, 2) == 24.64
    assert r.band == "meget let"
    assert r.rix == pytest.approx(1.5)
    assert r.longest_sentence == 11
    assert r.mean_sentence == pytest.approx(11)
    assert r.long_word_share == pytest.approx(3 / 22)


def test_long_words_count_letters_only():
    # 'e-mail' has 5 letters, '2023-2024' none, 'kontanthjælp' 12, 'job/uddannelse' 13
    assert counts("Skriv en e-mail om kontanthjælp i 2023-2024 til job/uddannelse.") == (9, 1, 2)


def test_headings_greetings_signatures_and_labels_are_left_out():
    text = (
        "Indkaldelse til samtale\n\n"
        "Kære Anne\n\n"
        "Tid: Tirsdag den 14. marts kl. 10.30\n"
        "Sted: Torvegade 4\n\n"
        "Du skal komme til samtale.\n\n"
        "Med venlig hilsen\n"
        "Jens\n\n"
        "Rådgiver"
    )
    r = readability(text)
    assert (r.words, r.sentences, r.long_words) == (5, 1, 1)
    assert [(p.text.split("\n")[0], p.reason) for p in r.excluded] == [
        ("Indkaldelse til samtale", "overskrift"),
        ("Kære Anne", "hilsen"),
        ("Tid: Tirsdag den 14. marts kl. 10.30", "label"),
        ("Med venlig hilsen", "hilsen"),
        ("Rådgiver", "underskrift"),
    ]


def test_bullets_without_full_stop_are_left_out_and_items_with_one_count():
    text = (
        "Du skal medbringe:\n- pas\n• lønsedler\n1. en liste over dine ansøgninger.\na) kørekort\nDet er alt."
    )
    paras = segment(text)
    assert [(p.text, p.counted, p.reason) for p in paras] == [
        ("Du skal medbringe:", False, "indledning"),
        ("pas", False, "punkt"),
        ("lønsedler", False, "punkt"),
        ("en liste over dine ansøgninger.", True, None),
        # a line without a marker joins the item before it
        ("kørekort\nDet er alt.", True, None),
    ]
    assert counts(text) == (9, 2, 2)


def test_a_date_at_line_start_is_not_a_numbered_item():
    paras = segment("Mødet er\n14. marts kl. 10.")
    assert [(p.text, p.counted) for p in paras] == [("Mødet er\n14. marts kl. 10.", True)]


def test_letter_without_any_full_stop_has_no_lix():
    text = "Hej Jonas\n\nHusk din samtale i morgen kl 10\n\nRing hvis du ikke kan komme"
    r = readability(text)
    assert (r.words, r.sentences, r.long_words) == (0, 0, 0)
    assert r.lix is None and r.rix is None and r.band is None
    assert [p.reason for p in r.excluded] == ["hilsen", "overskrift", "overskrift"]


def test_paragraph_readability():
    text = "Kort sætning her.\n\nEn meget lang sætning med mange besværlige ord."
    r = readability(text)
    first, second = r.paragraphs
    assert (first.words, first.long_words, first.lix) == (3, 1, pytest.approx(3 + 100 / 3))
    # long: sætning, besværlige ('meget', 'mange' have five letters)
    assert (second.words, second.long_words) == (8, 2)
    assert second.paragraph.start == text.index("En meget")


@pytest.mark.parametrize(
    ("lix", "band"),
    [
        (10, "meget let"),
        (24, "meget let"),
        (24.9, "meget let"),
        (25, "let"),
        (34.9, "let"),
        (35, "middel"),
        (44, "middel"),
        (45, "svær"),
        (54.9, "svær"),
        (55, "meget svær"),
    ],
)
def test_bands(lix, band):
    assert lix_band(lix) == band
