"""Survey comments: themes (lemma-based) and sentiment (AFINN's method, afdaek's own list).

Themes are data (`data/survey_themes.toml`): a comment has a theme when a word's lemma is in
the theme's list or the word starts with one of its prefixes (Danish compounds). Sentiment sums
word valences (-5 .. +5) from `data/sentiment_da.tsv` (written for afdaek, MPL-2.0; see the
file's header for why AFINN's own Danish list is not bundled). A negation word (`ikke`,
`aldrig`, `ingen`, `uden`, ...) up to three words before a valenced word, in the same clause,
turns it around at half strength: "ikke god" scores -1,5, "ikke dårlig" +1,5. A negation right
after a valenced word negates that word (Danish word order: "jeg vidste ikke"). Sentence
adverbs and small words between do not count as words ("ved stadig ikke", "uden at føle mig
presset"), and a word in a condition ("hvis jeg bliver i tvivl") has no valence.

The unit is the clause: a sentence is split before a contrasting "men" ("Hun var sød, men jeg
forstod ikke, hvad der skal ske"), so the part after "men" is negative about its own theme and
the part before keeps its own. Complaints (`data/survey_complaints.toml`) are phrases, and a
family can list words a citizen expects to get (an agreement, an explanation, a message):
negated or missing ("ikke aftalt noget", "uden at få besked", "savnede en forklaring") they are
a complaint too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from textmining import DATA_DIR
from textmining.config import load_toml
from textmining.errors import InputError

DATA = DATA_DIR
THEMES_FILE = DATA / "survey_themes.toml"
LEXICON_FILE = DATA / "sentiment_da.tsv"
NEGATORS = frozenset(
    {"ikke", "ikk", "aldrig", "ingen", "intet", "ingenting", "hverken", "uden", "ej", "næppe"}
)
NOT_NEGATING = frozenset({"mindst", "kun", "bare", "blot", "desto", "alene"})
TRANSPARENT = frozenset(
    {
        "at",
        "mig",
        "dig",
        "sig",
        "os",
        "jer",
        "stadig",
        "endnu",
        "slet",
        "jo",
        "altså",
        "egentlig",
        "overhovedet",
        "heller",
        "helt",
    }
)
"""Words that do not count in the negation window: "ved stadig ikke" negates "ved", "uden at
føle mig presset" negates "presset"."""
CONDITIONS = frozenset({"hvis", "såfremt", "ifald"})
"""A valenced word after one of these, in the same clause, is a condition, not an experience
("hvis jeg bliver i tvivl, kan jeg ringe")."""
CONTRAST = "men"
LACK = r"(?:mangle[rt]?|manglede|savne[rt]?|savnede)"
"""Words of lack before an expected word: "mangler en plan", "savnede en forklaring"."""
NEGATION_WINDOW = 3
NEGATION_FACTOR = -0.5
QUESTIONS = ("before", "during", "after")
QUESTION_LABELS = {
    "before": "Før samtalen (indkaldelsen)",
    "during": "Under samtalen",
    "after": "Efter samtalen (det videre forløb)",
}


@dataclass(frozen=True)
class Theme:
    """A theme in the comments: key, Danish name and description, lemmas and prefixes."""

    key: str
    name: str
    description: str
    lemmas: frozenset[str]
    prefixes: tuple[str, ...]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a comment, or a clause of it that starts at a contrasting "men"
    (`clauses`), with its offsets, themes and sentiment score, and the complaint families it
    matches (survey_complaints.toml)."""

    text: str
    start: int
    themes: tuple[str, ...]
    score: float
    complaints: tuple[str, ...] = ()
    sentence: str = ""
    """The whole sentence when this is one of its clauses, else empty."""

    @property
    def quote_text(self) -> str:
        """The words to quote for this sentence: a clause that starts at "men" with the whole
        sentence (the contrast is the point: "Jeg prøvede at ringe, men kom ikke igennem"), a
        clause before it alone with "…" (its own point, not the contrast after it)."""
        if not self.sentence:
            return self.text
        if self.text.split(maxsplit=1)[0].lower() == CONTRAST:
            return self.sentence
        return self.text + " …"


@dataclass(frozen=True)
class Complaint:
    """A family of complaint phrases: name, themes, compiled patterns and its letter theme."""

    name: str
    themes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    letter_theme: str | None = None
    cancelled_by_negation: bool = False
    text: str = ""
    expected: tuple[str, ...] = ()


COMPLAINTS_FILE = DATA / "survey_complaints.toml"
COMPLAINT_SCORE = -1.0
"""A sentence with a complaint scores at most this (it is negative about the themes)."""


def _read_toml(p: Path, what: str) -> dict[str, Any]:
    """A data file as TOML; a missing or malformed file is one Danish InputError."""
    if not p.exists():
        raise InputError(str(p), f"{what} findes ikke")
    return load_toml(p)


@functools.lru_cache(maxsize=4)
def load_complaints(path: str | Path | None = None) -> tuple[Complaint, ...]:
    """The complaint families from TOML (the bundled file when path is None)."""
    p = Path(path) if path else COMPLAINTS_FILE
    data = _read_toml(p, "filen med klageformuleringer")
    out = []
    for entry in data.get("klage", []):
        expected = tuple(str(x) for x in entry.get("forventet", []))
        try:
            patterns = tuple(re.compile(x) for x in entry.get("moenstre", []))
            patterns += tuple(re.compile(x) for w in expected for x in expected_patterns(w))
        except re.error as exc:
            raise InputError(str(p), f"{entry.get('navn')}: ugyldigt mønster ({exc})") from None
        out.append(
            Complaint(
                str(entry["navn"]),
                tuple(entry.get("temaer", [])),
                patterns,
                entry.get("brev_tema"),
                bool(entry.get("ophaev_ved_negation")),
                str(entry.get("tekst", entry["navn"])),
                expected,
            )
        )
    return tuple(out)


_NEGATOR = (
    r"(?:ikke|ingen|intet|ingenting|aldrig|uden|hverken)"
    r"(?! (?:kun|mindst|bare|blot|alene|i tvivl|tvivl|problem\w*|nødvendig\w*|brug for"
    r"|behov)\b)"
)


def expected_patterns(word: str) -> tuple[str, str]:
    """The two patterns for a word a citizen expects to get (a family's `forventet`, a regular
    expression for one word): a negation or a word of lack up to three words before it ("der
    blev ikke aftalt noget", "ingen forklarede", "fik ikke at vide", "uden at få besked",
    "savnede en forklaring"), or a negation up to two words after it (Danish word order:
    "aftalen holdt ikke", "besked fik jeg aldrig"). Words run on within a clause only: a comma
    stops them."""
    return (
        rf"\b(?:{_NEGATOR}|{LACK})(?: \w+){{0,3}} (?:{word})\b",
        rf"\b(?:{word})(?: \w+){{0,2}} (?:ikke|aldrig)\b"
        r"(?! (?:kun|mindst|bare|blot|alene|(?:længere )?i tvivl)\b)",
    )


_NEGATED_BEFORE = re.compile(r"\b(ingen|ikke|uden|aldrig|intet|ingenting)\s+(\w+\s+){0,1}$")


def complaints_in(
    text: str, themes: tuple[str, ...], complaints: Sequence[Complaint]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(complaint names, themes they add) for one sentence whose own themes are `themes`."""
    low = " ".join(text.lower().split())
    names: list[str] = []
    added: list[str] = []
    for c in complaints:
        for pat in c.patterns:
            m = pat.search(low)
            if m is None:
                continue
            if c.cancelled_by_negation and _NEGATED_BEFORE.search(low[: m.start()]):
                continue
            names.append(c.name)
            for t in c.themes:
                if c.letter_theme and c.letter_theme in themes:
                    t = c.letter_theme
                if t not in added:
                    added.append(t)
            break
    return tuple(names), tuple(added)


@dataclass(frozen=True)
class CommentCode:
    """A person's code for one comment; None in a field is "not coded" (the automatic value
    stands), an empty tuple is "none" (no theme, no complaint)."""

    themes: tuple[str, ...] | None = None
    negative: bool | None = None
    complaints: tuple[str, ...] | None = None
    note: str | None = None
    coded_by: str = ""
    coded_at: str = ""


@dataclass(frozen=True)
class CommentAnalysis:
    """One comment: who (respondent), which question, its themes, sentences and sentiment; its
    id (key) and the person's code when `apply_codes` applied one."""

    respondent: str
    question: str
    text: str
    themes: tuple[str, ...]
    score: float
    sentences: tuple[Sentence, ...]
    key: str = ""
    code: CommentCode | None = None

    @property
    def label(self) -> str:
        """'positiv', 'negativ' or 'neutral' by the sign of the score."""
        return "positiv" if self.score > 0 else "negativ" if self.score < 0 else "neutral"

    @property
    def negative(self) -> bool:
        """Whether the comment holds a negative statement (a sentence scoring below 0), which
        is what the report counts as negative about the sentence's themes."""
        return any(s.score < 0 for s in self.sentences)

    @property
    def complaints(self) -> tuple[str, ...]:
        """The complaint families of its sentences, first seen first."""
        return tuple(dict.fromkeys(c for s in self.sentences for c in s.complaints))


def apply_codes(
    analyses: Iterable[CommentAnalysis], codes: Mapping[str, CommentCode]
) -> list[CommentAnalysis]:
    """The comments with a person's code applied where there is one (by `key`), the automatic
    analysis otherwise. The one place codes change an analysis: the borgermøde report and
    `afdaek survey summary` read comments through it (screening.survey_codes.coded_comments).

    A code changes only what the person changed, so a code that agrees with the automatic one
    changes nothing:
    - themes: each sentence keeps the coded themes it has; a coded theme no sentence has is
      given to every sentence (the person says the comment is about it).
    - complaints: each sentence keeps the coded families it has; a coded family no sentence
      has goes to the first negative sentence (the first sentence when none is), which then
      scores at most COMPLAINT_SCORE, as a found complaint does.
    - negative no: no sentence scores below 0 and the complaints go (a complaint is negative);
      negative yes, when no sentence is negative: every sentence scores at most
      COMPLAINT_SCORE.
    """
    return [_coded(a, codes[a.key]) if a.key in codes else a for a in analyses]


def _coded(a: CommentAnalysis, code: CommentCode) -> CommentAnalysis:
    sentences = list(a.sentences)
    if code.themes is not None:
        wanted = code.themes
        missing = tuple(t for t in wanted if not any(t in s.themes for s in sentences))
        sentences = [
            replace(s, themes=tuple(t for t in s.themes if t in wanted) + missing) for s in sentences
        ]
    if code.complaints is not None:
        wanted = code.complaints
        sentences = [replace(s, complaints=tuple(c for c in s.complaints if c in wanted)) for s in sentences]
        missing = tuple(c for c in wanted if not any(c in s.complaints for s in sentences))
        if missing and sentences:
            i = next((i for i, s in enumerate(sentences) if s.score < 0), 0)
            s = sentences[i]
            sentences[i] = replace(s, complaints=s.complaints + missing, score=min(s.score, COMPLAINT_SCORE))
    if code.negative is False:
        sentences = [replace(s, score=max(s.score, 0.0), complaints=()) for s in sentences]
    elif code.negative and not any(s.score < 0 for s in sentences):
        sentences = [replace(s, score=min(s.score, COMPLAINT_SCORE)) for s in sentences]
    themes = a.themes if code.themes is None else code.themes
    return replace(
        a,
        themes=themes,
        sentences=tuple(sentences),
        score=sum(s.score for s in sentences) if sentences else a.score,
        code=code,
    )


@functools.lru_cache(maxsize=4)
def load_themes(path: str | Path | None = None) -> tuple[Theme, ...]:
    """The themes from TOML (the bundled file when path is None), in file order."""
    p = Path(path) if path else THEMES_FILE
    data = _read_toml(p, "filen med temaer")
    from spacy.lang.da.stop_words import STOP_WORDS

    themes = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        small = sorted(str(w).lower() for w in entry.get("lemmaer", []) if str(w).lower() in STOP_WORDS)
        if small:  # "min" (minutes) is also "min" (my): every "min sygdom" became waiting time
            raise InputError(
                str(p),
                f"temaet '{key}' har småord, der står i næsten alle "
                f"kommentarer ({', '.join(small)}); fjern dem fra lemmaer",
            )
        themes.append(
            Theme(
                key=key,
                name=str(entry.get("navn", key)),
                description=str(entry.get("beskrivelse", "")),
                lemmas=frozenset(str(w).lower() for w in entry.get("lemmaer", [])),
                prefixes=tuple(str(w).lower() for w in entry.get("praefikser", [])),
            )
        )
    return tuple(themes)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | Path | None = None) -> dict[str, float]:
    """word → valence from a tab-separated list (AFINN's format); '#' lines are comments."""
    p = Path(path) if path else LEXICON_FILE
    lexicon: dict[str, float] = {}
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(str(p), "ordlisten findes ikke") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, score = line.rpartition("\t")
        try:
            lexicon[word.strip().lower()] = float(score)
        except ValueError:
            raise InputError(str(p), f'linje {number}: "{score}" er ikke et tal') from None
    return lexicon


def _valence(tok: Any, lexicon: dict[str, float]) -> float:
    low = tok.lower_
    if low in lexicon:
        return lexicon[low]
    return lexicon.get(tok.lemma_.lower(), 0.0)


def score_tokens(tokens: Sequence[Any], lexicon: dict[str, float]) -> float:
    """Sum of valences with negation: a negator up to NEGATION_WINDOW words before a valenced
    word (no punctuation between; TRANSPARENT words not counted) multiplies it by
    NEGATION_FACTOR. Words after a condition (CONDITIONS) up to the next punctuation count 0."""
    total = 0.0
    last_negator: int | None = None
    previous: tuple[int, float] | None = None  # (position, counted value) of the last word
    position = 0
    condition = False
    words = [t for t in tokens if not t.is_space]
    for index, tok in enumerate(words):
        if tok.is_punct:
            last_negator, previous, condition = None, None, False
            continue
        low = tok.lower_
        if low in CONDITIONS:
            condition = True
        if condition:
            continue
        if low in TRANSPARENT:
            continue
        position += 1
        following = words[index + 1].lower_ if index + 1 < len(words) else ""
        if low in NEGATORS and following in NOT_NEGATING:
            continue  # "ikke mindst", "ikke kun": no negation
        if low in NEGATORS:
            if previous is not None and previous[0] == position - 1 and previous[1]:
                # Danish puts the negation after the verb: "jeg vidste ikke" negates "vidste".
                total += previous[1] * (NEGATION_FACTOR - 1)
                previous = None
            else:
                last_negator = position
            continue
        value = _valence(tok, lexicon)
        if value and last_negator is not None and position - last_negator <= NEGATION_WINDOW:
            value *= NEGATION_FACTOR
            last_negator = None
            previous = (position, 0.0)  # already negated
        else:
            previous = (position, value)
        total += value
    return total


def _themes_of(tokens: Iterable[Any], themes: Sequence[Theme]) -> tuple[str, ...]:
    found = []
    words = [(t.lower_, t.lemma_.lower()) for t in tokens if not (t.is_punct or t.is_space)]
    for theme in themes:
        for low, lemma in words:
            if (
                lemma in theme.lemmas
                or low in theme.lemmas
                or (theme.prefixes and low.startswith(theme.prefixes))
            ):
                found.append(theme.key)
                break
    return tuple(found)


def clauses(sent: Any) -> list[Any]:
    """A sentence (a spaCy span) split before each contrasting "men" that has at least two
    words before it in the clause ("Hun var sød, men jeg forstod ikke brevet"); "men også"
    ("ikke kun …, men også …") adds rather than contrasts and does not split."""
    out, start = [], sent.start
    doc = sent.doc
    for tok in sent:
        if tok.lower_ != CONTRAST or tok.i - start < 2:
            continue
        following = doc[tok.i + 1].lower_ if tok.i + 1 < sent.end else ""
        if following == "også":
            continue
        out.append(doc[start : tok.i])
        start = tok.i
    out.append(doc[start : sent.end])
    return out


def analyse_comments(
    comments: Iterable[tuple[str, ...]],
    nlp: Any = None,
    themes: Sequence[Theme] | None = None,
    lexicon: dict[str, float] | None = None,
    complaints: Sequence[Complaint] | None = None,
) -> list[CommentAnalysis]:
    """Themes and sentiment for (respondent, question, text) triples, in input order; a fourth
    element is the comment's id (CommentAnalysis.key, for `apply_codes`).

    Empty and suppressed comments ('-', '?', '..') are skipped.
    """
    if nlp is None:
        from textmining.language.nlp import load_pipeline, trained_model_name

        # Same cache entry as load_pipeline(prefer_trained=False) when no model is installed.
        nlp = load_pipeline(prefer_trained=trained_model_name() is not None)
    themes = load_themes() if themes is None else themes
    lexicon = load_lexicon() if lexicon is None else lexicon
    complaints = load_complaints() if complaints is None else complaints
    items = [(c[0], c[1], " ".join((c[2] or "").split()), c[3] if len(c) > 3 else "") for c in comments]
    items = [c for c in items if sum(ch.isalpha() for ch in c[2]) >= 2]
    out = []
    for (respondent, question, text, key), doc in zip(items, nlp.pipe(c[2] for c in items)):
        sentences = []
        for whole in doc.sents:
            parts = clauses(whole)
            for sent in parts:
                own = _themes_of(sent, themes)
                names, added = complaints_in(sent.text, own, complaints)
                score = score_tokens(list(sent), lexicon)
                sentences.append(
                    Sentence(
                        text=sent.text.strip().rstrip(",;").rstrip(),
                        start=sent.start_char,
                        themes=own + tuple(t for t in added if t not in own),
                        score=min(score, COMPLAINT_SCORE) if names else score,
                        complaints=names,
                        sentence=whole.text.strip() if len(parts) > 1 else "",
                    )
                )
        all_themes = tuple(t.key for t in themes if any(t.key in s.themes for s in sentences))
        out.append(
            CommentAnalysis(
                respondent=respondent,
                question=question,
                text=text,
                themes=all_themes,
                score=sum(s.score for s in sentences),
                sentences=tuple(sentences),
                key=key,
            )
        )
    return out


def theme_counts(analyses: Iterable[CommentAnalysis]) -> dict[str, tuple[int, int]]:
    """theme key → (respondents who write about it, respondents with a negative sentence
    about it), the numbers the borgermøde report and `afdaek survey summary` show."""
    people: dict[str, set[str]] = {}
    negative: dict[str, set[str]] = {}
    for a in analyses:
        for s in a.sentences:
            for key in s.themes:
                people.setdefault(key, set()).add(a.respondent)
                if s.score < 0:
                    negative.setdefault(key, set()).add(a.respondent)
    return {k: (len(v), len(negative.get(k, ()))) for k, v in people.items()}


def complaint_people(analyses: Iterable[CommentAnalysis]) -> dict[str, set[str]]:
    """complaint family → the respondents with a sentence of that family."""
    people: dict[str, set[str]] = {}
    for a in analyses:
        for name in a.complaints:
            people.setdefault(name, set()).add(a.respondent)
    return people
