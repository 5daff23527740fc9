"""Survey comments: lemma-based themes and sentiment with negation."""

from __future__ import annotations

from pathlib import Path

import pytest

from textmining.config import load_toml
from textmining.domain.survey import LEXICON_FILE, analyse_comments, load_lexicon, load_themes
from textmining.errors import InputError


def _one(text: str):
    return analyse_comments([("1", "before", text)])[0]


def test_themes_are_data_with_the_issue_list():
    keys = {t.key for t in load_themes()}
    assert {"indkaldelse", "information", "ventetid", "medbringe", "tone"} <= keys


def test_a_theme_word_that_is_a_function_word_is_refused(tmp_path):
    themes = tmp_path / "temaer.toml"
    themes.write_text('[ventetid]\nnavn = "Ventetid"\nlemmaer = ["ventetid", "min"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"temaet 'ventetid' har småord.*\(min\)"):
        load_themes(themes)


def test_a_possessive_is_not_a_theme():
    # "min"/"mine" (my) once counted as "min." (minutes): every such comment was waiting time.
    assert "ventetid" not in _one("Jeg fik talt om min sygdom og mine muligheder.").themes
    assert "ventetid" in _one("Jeg ventede 40 minutter.").themes


@pytest.mark.parametrize(
    "text, theme",
    [
        ("Indkaldelsesbrevet kom alt for sent.", "indkaldelse"),
        ("Jeg blev indkaldt med kort varsel.", "indkaldelse"),
        ("Jeg skulle have medbragt mine lønsedler.", "medbringe"),
        ("Ventetiden var lang.", "ventetid"),
        ("Rådgiveren var meget venlig.", "tone"),
    ],
)
def test_theme_by_lemma_or_prefix(text, theme):
    assert theme in _one(text).themes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Det var godt", 3.0),
        ("Det var ikke godt", -1.5),
        ("Ikke dårligt", 1.5),
        ("Jeg vidste ikke, hvad mødet handlede om", -0.5),
        ("Det gik godt, ikke mindst takket være rådgiveren", 3.0),
        ("Uden problemer", 0.5),
    ],
)
def test_sentiment_with_negation(text, expected):
    """The word list's valences with negation (complaint phrases left out)."""
    assert analyse_comments([("1", "before", text)], complaints=())[0].score == pytest.approx(expected)


def test_labels_and_skipped_comments():
    out = analyse_comments(
        [("1", "before", "-"), ("2", "during", "Elendig service"), ("3", "after", "Mødet var i dag")]
    )
    assert [a.respondent for a in out] == ["2", "3"]
    assert [a.label for a in out] == ["negativ", "neutral"]


def test_lexicon_is_our_own_with_its_licence_decision():
    header = LEXICON_FILE.read_text(encoding="utf-8").split("\ngod\t", 1)[0]
    assert "MPL-2.0" in header and "ODbL" in header and "GPL" in header
    assert load_lexicon()["dårlig"] < 0 < load_lexicon()["venlig"]


def test_user_lexicon_in_afinn_format(tmp_path):
    path = tmp_path / "ord.txt"
    path.write_text("# kommentar\nsuperb\t5\n", encoding="utf-8")
    assert load_lexicon(path) == {"superb": 5.0}
    bad = tmp_path / "fejl.txt"
    bad.write_text("ord\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match="linje 1"):
        load_lexicon(bad)


def test_the_examples_complaints_are_counted_per_theme():
    """The example survey's complaints (examples/_texts_survey.py): a letter that sounded like
    a threat, feeling suspected, not being heard, not understanding; counted negative in the
    themes 'tone' and 'indkaldelse' even without a negative word."""
    import sys
    from collections import Counter

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
    import _texts_survey as texts

    bad = [t.replace("{cw}", "Rådgiveren") for t in texts.BEFORE_BAD + texts.DURING_BAD]
    negative: Counter[str] = Counter()
    for a in analyse_comments([(str(i), "q", t) for i, t in enumerate(bad)]):
        for theme in {k for s in a.sentences if s.score < 0 for k in s.themes}:
            negative[theme] += 1
    threat = next(t for t in bad if "trussel" in t)
    suspected = next(t for t in bad if "mistænkeliggjort" in t)
    for text, themes in ((threat, {"tone", "indkaldelse"}), (suspected, {"tone"})):
        a = analyse_comments([("1", "q", text)])[0]
        assert a.score < 0 and themes <= set(a.themes), (text, a.themes)
    assert negative["tone"] >= 4 and negative["indkaldelse"] >= 2, negative
    # a threat denied is no complaint
    assert analyse_comments([("1", "q", "Ingen trusler i brevet denne gang, fint.")])[0].score >= 0


def _negative_themes(text: str) -> set[str]:
    return {k for s in _one(text).sentences if s.score < 0 for k in s.themes}


@pytest.mark.parametrize(
    "text, theme",
    [
        # a negated expectation: what the citizen should have got, negated
        ("Vi aftalte ikke noget som helst.", "videre_forloeb"),
        ("Der er stadig ikke lavet en plan.", "videre_forloeb"),
        ("Ingen forklarede mig noget om mine rettigheder.", "information"),
        ("Jeg fik ikke at vide, hvorfor jeg skulle komme.", "information"),
        ("Besked fik jeg aldrig.", "information"),
        # lack and absence
        ("Jeg savnede en forklaring på reglerne.", "information"),
        ("Brevet manglede et telefonnummer.", "information"),
        ("Jeg gik hjem uden at få en aftale.", "videre_forloeb"),
        ("Der mangler en plan for resten af året.", "videre_forloeb"),
        # contrast: the clause after "men" is negative about its own theme
        ("Rådgiveren var flink, men jeg fik ingen besked om resten.", "information"),
        # the families of the other themes
        ("Det er uklart hvornår der sker noget videre.", "videre_forloeb"),
        ("Jeg har ventet i tre måneder på et kursus.", "ventetid"),
        ("Vi ventede og ventede i venteværelset.", "ventetid"),
        ("Ingen havde skrevet, at jeg skulle have eksamensbeviser med.", "medbringe"),
        ("Jeg havde ikke mine papirer med, for det stod ingen steder.", "medbringe"),
        ("Indkaldelsen kom alt for sent.", "indkaldelse"),
        ("Hun behandlede mig som en der ikke gider arbejde.", "tone"),
        ("Det hele blev ignoreret, da jeg sagde det.", "tone"),
        # a question of complaint
        ("Hvad skulle mødet egentlig bruges til?", "information"),
        ("Brevet var langt, og hvorfor skulle der stå så mange regler i det?", "indkaldelse"),
    ],
)
def test_negative_statements_without_a_negative_word(text, theme):
    assert theme in _negative_themes(text), [(s.text, s.score, s.themes) for s in _one(text).sentences]


@pytest.mark.parametrize(
    "text",
    [
        "Jeg fik en klar aftale og ved hvad der skal ske nu.",
        "Der var ingen problemer, og aftalen er klar.",
        "Jeg var ikke i tvivl om planen.",
        "Hun forklarede hvorfor jeg skulle komme.",
        "Ingen ventetid, og jeg fik svar med det samme.",
        "Jeg ventede kun 2 minutter.",
        "For kort tid siden fik jeg et job, og planen holder.",
        "Hun sagde, hvad jeg skulle medbringe, så det var nemt.",
        "Det var ikke nødvendigt at medbringe noget.",
        "Jeg fik ikke kun en plan, men også et tilbud om kursus.",
        "Jeg har ikke brug for mere, planen er fin.",
        "Rådgiveren var venlig, og jeg følte mig ikke mistænkt.",
        "Jeg fik snakket om min sygdom uden at føle mig presset.",
        "Hvis jeg bliver i tvivl om aftalen, kan jeg ringe.",
        "Jeg var nervøs, men hun forklarede alt, så jeg forstod det.",
        "Jeg fik en sms dagen før.",
        "Samtalen handlede om mine muligheder, ikke kun om regler.",
    ],
)
def test_positive_and_neutral_statements_stay_not_negative(text):
    assert not _one(text).negative, [(s.text, s.score, s.complaints) for s in _one(text).sentences]


def test_a_contrast_splits_the_sentence_and_each_part_keeps_its_theme():
    a = _one("Hun var sød og venlig, men jeg forstod ikke, hvad der skulle ske bagefter.")
    first, second = a.sentences
    assert "tone" in first.themes and first.score > 0
    assert "tone" not in second.themes and second.score < 0
    assert {"information", "videre_forloeb"} <= set(second.themes)
    # quoted, the part after "men" comes with its sentence, the part before alone
    assert second.quote_text == a.text and first.quote_text == "Hun var sød og venlig …"


def _blind_figures(split: str, corpus: str = "survey_blind") -> tuple[float, float]:
    """(share of comments judged negative-or-not as the blind gold says, theme recall) on the
    comments in tests/data/<corpus> (written without seeing the code)."""
    path = Path(__file__).parent / "data" / corpus / "comments.toml"
    rows = [c for c in load_toml(path)["comment"] if c["split"] == split]
    found = {a.respondent: a for a in analyse_comments([(c["id"], "q", c["text"]) for c in rows])}
    right = hit = wanted = 0
    for c in rows:
        a = found.get(c["id"])
        negative = {k for s in (a.sentences if a else ()) if s.score < 0 for k in s.themes}
        right += bool(negative) == c["negative"] if a else not c["negative"]
        want = {"tone" if t == "hoert" else t for t in c["themes"]}
        hit += len(want & negative)
        wanted += len(want)
    return right / len(rows), hit / wanted


@pytest.mark.parametrize(
    ("split", "floor_negative", "floor_recall"), [("dev", 1.0, 1.0), ("test", 0.80, 0.56)]
)
def test_blind_comments(split, floor_negative, floor_recall):
    """Measured 2026-12-02: dev 21/30 right, theme recall 12/20; test 23/30, 7/16. After the
    phrase families for negated expectations, lack, contrast and questions (tuned on dev only):
    dev 30/30, 20/20 (precision 20/25); test 24/30, 9/16 (precision 9/13). Floors keep what is
    reached; dev is where the patterns were written, test is the figure to quote."""
    negative, recall = _blind_figures(split)
    assert negative >= floor_negative and recall >= floor_recall, (negative, recall)


def test_second_blind_set():
    """tests/data/survey_blind2: 60 comments written after all the tuning, never tuned on.
    Measured 2026-12-02: 39/60 right negative-or-not, theme recall 13/31 — the figure that
    says how far the phrase families generalise (the first set's test split says 24/30)."""
    negative, recall = _blind_figures("test", "survey_blind2")
    assert negative >= 0.65 and recall >= 0.41, (negative, recall)


def test_a_persons_code_changes_only_what_the_person_changed(nlp):
    """apply_codes: a code that agrees with the automatic one changes nothing; 'not negative'
    takes the negative scores and the complaints away; a theme and a complaint family the
    person adds are counted; comments without a code stay as they were."""
    from dataclasses import replace

    from textmining.domain.survey import CommentCode, apply_codes

    threat = "Brevet lød som en trussel om at miste min ydelse. Samtalen var god."
    calm = "Mødet var fint, og jeg fik svar på mine spørgsmål."
    auto = analyse_comments([("1", "before", threat, "a"), ("2", "during", calm, "b")], nlp)
    a, b = auto
    assert a.key == "a" and a.negative and a.complaints == ("trussel",)
    assert not b.negative and b.complaints == ()

    agree = CommentCode(themes=a.themes, negative=True, complaints=a.complaints, coded_by="TL")
    (same, untouched) = apply_codes(auto, {"a": agree})
    assert replace(same, code=None) == a and same.code == agree
    assert untouched == b and untouched.code is None

    (not_negative,) = apply_codes([a], {"a": CommentCode(negative=False)})
    assert not not_negative.negative and not_negative.complaints == ()
    assert not_negative.themes == a.themes and not_negative.score >= 0

    (recoded,) = apply_codes([b], {"b": CommentCode(themes=("samtalen",), complaints=("ikke_hoert",))})
    assert recoded.themes == ("samtalen",)
    assert {t for s in recoded.sentences for t in s.themes} == {"samtalen"}
    assert recoded.negative and recoded.complaints == ("ikke_hoert",) and recoded.score < 0
