"""The Danish spaCy pipeline, built offline and loaded once per process.

spacy.blank("da") with a rule sentencizer and spaCy's lookup lemmatizer. When a trained Danish
model (da_core_news_*) is installed it is used instead; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from textmining import DATA_DIR
from textmining.config import bundled_toml
from textmining.language.dates import MONTHS
from textmining.language.readability import ABBREVIATIONS

TRAINED_MODELS = ("da_core_news_lg", "da_core_news_md", "da_core_news_sm", "da_core_news_trf")

# Tokens spaCy's Danish exceptions keep whole ("kr.", "3.", "stk.") whose dot may also end a
# sentence. A following capitalised word (not a month or a known name-like continuation) starts
# a new one.
_ORDINAL = re.compile(r"^\d+\.$")
_ABBREV_DOT = re.compile(r"^[^\W\d_][\w.]*\.$")
_NEVER_ENDS = ABBREVIATIONS  # the one list of abbreviations whose dot ends no sentence
_MONTHS = frozenset(MONTHS) | {"kvt", "kvartal"}  # a capitalised word after "3." or "1. kvt."


# Per-token flags for the sentence rules, cached by the token's ORTH id.
(
    _SPACE_PARA,
    _SPACE_LINE,
    _END,
    _CLOSER,
    _NEVER,
    _DOTTED,
    _UPPER,
    _ENDS_CLAUSE,
    _ABBR,
    _DIGIT,
    _LOWER,
    _GOES_ON,
    _COLON,
    _WORDLIKE,
    _ARROW,
) = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384)
_FLAGS: dict[int, int] = {}


def _flags(text: str) -> int:
    f = 0
    if text.isspace():
        t = text.replace("\r", "")
        if "\n\n" in t:
            f |= _SPACE_PARA
        if "\n" in t:
            f |= _SPACE_LINE
    if text in {"!", "?", "."}:
        f |= _END
    if text in {".", "!", "?", ")", '"', "»"}:
        f |= _CLOSER
    low = text.lower()
    if low in _NEVER_ENDS:
        f |= _NEVER
    if len(text) > 1 and (_ORDINAL.match(text) or _ABBREV_DOT.match(text)):
        f |= _DOTTED
    if text[:1].isupper() and low.rstrip(".") not in _MONTHS:
        f |= _UPPER
    if text.endswith((".", "!", "?", ":")) and low not in _NEVER_ENDS:
        f |= _ENDS_CLAUSE
    if _shortened(low):
        f |= _ABBR
    if any(ch.isdigit() for ch in text):
        f |= _DIGIT
    if text[:1].islower():
        f |= _LOWER
    if any(ch.isalnum() for ch in text):  # a word or a number, not a bracket or a dash
        f |= _WORDLIKE
    if text.endswith(":"):  # ":" and "):" ("Dato(er): ...")
        f |= _COLON
    if text in {"=", "•", "→", "⇒"}:  # "=>", "•": a line that opens with an arrow or a bullet
        f |= _ARROW
    if text in {",", ";", "–", "—", "-"}:
        # No sentence starts with a comma or a dash in the line: "ikke mødt 25.2., ingen
        # besked", "afbud til samtalen 06.06. – hun er indlagt".
        f |= _GOES_ON
    return f


UNWRAPPED_LINE = 110
"""A line longer than this many characters is not hard-wrapped text (mail and editors wrap at
72-100): a paragraph typed as one line, whose end ends a sentence."""

FIELD_LABEL_WORDS = 5
"""A form field's label is at most this many words before its colon ("Rimelig grund vurderet:",
"Partshøring besvaret:"); a longer run before a colon is prose ("Hun sagde til mig i går: ...")."""


def _field_line(flags: list[int], k: int) -> bool:
    """Whether the line starting at token k is a form field: a colon within the first
    FIELD_LABEL_WORDS words of the line."""
    for j in range(k, min(k + FIELD_LABEL_WORDS + 1, len(flags))):
        if flags[j] & _SPACE_LINE:
            return False
        if flags[j] & _COLON:
            return j > k
    return False


@Language.component("afdaek_sentences", assigns=["token.is_sent_start"])
def afdaek_sentences(doc: Doc) -> Doc:
    """Sentence boundaries for Danish case notes and letters.

    Ends at . ! ? and at a token whose own dot ends it ("kr.", "1.") when the next word starts
    with a capital letter (not a month: "3. maj"); never after abbreviations such as "jf.",
    "kl.", "stk."; a blank line always ends a sentence, and so does a line break after a full
    stop or colon before a capital letter. Works on token ids (no Token objects) for speed.
    """
    import numpy
    from spacy.attrs import ORTH, SENT_START

    n = len(doc)
    if n == 0:
        return doc
    strings = doc.vocab.strings
    flags = []
    orths = doc.to_array(ORTH).tolist()
    for orth in orths:
        f = _FLAGS.get(orth)
        if f is None:
            f = _FLAGS[orth] = _flags(strings[orth])
        flags.append(f)
    dot = strings["."] if "." in strings else None
    text_is_dot = [o == dot for o in orths]
    starts = numpy.full(n, -1, dtype="int32")
    starts[0] = 1
    line_start = 0
    for i in range(n - 1):
        f, nf = flags[i], flags[i + 1]
        if f & _SPACE_PARA:
            starts[i + 1] = 1
            line_start = i + 1
            continue
        if f & _SPACE_LINE and nf & _UPPER and _field_line(flags, i + 1) and _field_line(flags, line_start):
            # A form's line ("Afbud: Nej", "Rimelig grund vurderet: Ja") after another is a
            # statement of its own, whether or not the line before ends with a full stop.
            starts[i + 1] = 1
        if f & _SPACE_LINE and (
            nf & _ARROW or (nf & _GOES_ON and i + 2 < n and strings[orths[i + 2]] == ">")
        ):
            # a line opening with an arrow or a bullet ("=> afg sendt", "-> ok", "• ...") is a
            # statement of its own in a note typed without stops
            starts[i + 1] = 1
        if f & _SPACE_LINE and i > line_start and not nf & _GOES_ON:
            # A long line is a paragraph of its own, not a line of a wrapped text: its end ends
            # a sentence also before a lower-case word (notes typed without capitals or stops:
            # "... det vil fremme hendes raadighed" / "afg fradrag 1 dag sendt ...").
            if doc[i].idx - doc[line_start].idx > UNWRAPPED_LINE:
                starts[i + 1] = 1
        if f & _SPACE_LINE:
            # A heading: a short line of its own that starts with a capital letter and has no
            # closing mark ("Begrundelse", "Hvad skal du gøre nu") before a capitalised line.
            # So is a note's header line, its date first ("15.09.2022 Udeblivelse og opringning").
            words = sum(
                1 for k in range(line_start, i) if not flags[k] & _SPACE_LINE and flags[k] & _WORDLIKE
            )
            # (the header opens a block: the document's first line or one after a blank line)
            dated = bool(flags[line_start] & _DIGIT) and (
                line_start == 0 or bool(flags[line_start - 1] & _SPACE_PARA)
            )
            if (
                nf & _UPPER
                and 1 <= words - dated <= 4
                and (flags[line_start] & _UPPER or dated)
                and not flags[i - 1] & (_ENDS_CLAUSE | _CLOSER)
            ):
                starts[i + 1] = 1
            line_start = i + 1
        if f & _END:
            # "udebl. 20.01." and "Skr. vejl. udleveret": the dot of a journal abbreviation
            # (data/abbreviations.toml) ends a sentence only before a capital letter.
            if i > 0 and flags[i - 1] & _ABBR and text_is_dot[i] and not nf & _UPPER:
                continue
            # "og 26.02. udebl. hun": the dot after a date before a lower-case word.
            if i > 0 and flags[i - 1] & _DIGIT and text_is_dot[i] and nf & _LOWER:
                continue
            if nf & _GOES_ON:
                continue
            if not nf & _CLOSER:
                starts[i + 1] = 1
            continue
        if f & _NEVER:
            continue
        if f & _DOTTED and nf & _UPPER:
            starts[i + 1] = 1
        if f & _SPACE_LINE and nf & _UPPER and i > 0 and flags[i - 1] & _ENDS_CLAUSE:
            starts[i + 1] = 1
    # spaCy takes numpy arrays; its stubs name thinc's Ints2d
    doc.from_array([SENT_START], starts.astype("int64").view("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc


_LEMMA_TABLE: dict[str, dict[str, str]] = {}
_LEMMA_CACHES: dict[int, dict[int, tuple[int, int]]] = {}  # per vocab: ORTH -> (NORM, LEMMA)
_DATA = DATA_DIR


@functools.lru_cache(maxsize=1)
def _abbreviation_sections() -> dict[str, dict[str, str]]:
    """data/abbreviations.toml by section ([general], [journal]), read once."""
    return bundled_toml(_DATA / "abbreviations.toml")


DOTTED_ONLY = "dotted"
"""The section of abbreviations that are one only with their dot ("samt." is samtale; "samt"
is the conjunction): the tokenizer keeps the dot on them, and only the dotted form is read."""


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Every abbreviation by its key (without the closing dot); the dotted-only section by its
    key with the dot ("samt.")."""
    out = {
        k: v
        for name, section in _abbreviation_sections().items()
        if name != DOTTED_ONLY
        for k, v in section.items()
    }
    out.update((f"{k}.", v) for k, v in _abbreviation_sections().get(DOTTED_ONLY, {}).items())
    return out


@functools.lru_cache(maxsize=1)
def _domain_words() -> dict[str, str]:
    """Typo index of the words the sanction patterns are written with (8 letters or more):
    each word and each form of it with one letter left out -> the word (SymSpell's
    deletion trick: one edit either way is found with dictionary lookups only)."""
    from textmining.domain.sanctions import pattern_words

    index: dict[str, str] = {}
    for word in sorted(pattern_words()):
        if len(word) < 8 or not word.isalpha():
            continue
        index.setdefault(word, word)
        for k in range(len(word)):
            index.setdefault(word[:k] + word[k + 1 :], word)
    return index


_ASCII_SPELLINGS = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))


@functools.lru_cache(maxsize=1)
def _abbreviation_tails() -> tuple[tuple[str, str], ...]:
    """The journal abbreviations that end a shortened compound ("rådighedsvejl.",
    "sanktionsindk."), longest first; short ones (bg, ph) are too likely a word's own end."""
    journal = _abbreviation_sections().get("journal", {})
    tails = [(k, v) for k, v in journal.items() if len(k) >= 4 and k.isalpha() and " " not in v]
    return tuple(sorted(tails, key=lambda kv: -len(kv[0])))


def _compound_abbreviation(bare: str) -> str | None:
    """A compound shortened at its last part ("rådighedsvejl." -> "rådighedsvejledning",
    "genindk." -> "genindkaldelse"); the tokenizer has split off the dot, so the word is
    taken as such a compound when it is no word of its own and ends in a listed journal
    abbreviation after a first part of 3 letters or more."""
    for tail, full in _abbreviation_tails():
        if bare.endswith(tail) and len(bare) - len(tail) >= 3:
            return bare[: -len(tail)] + full
    return None


_PLAIN_VOWELS = {"o": ("ø",), "a": ("æ", "å")}


def _plain_vowel_word(bare: str) -> str | None:
    """The pattern word meant by a word typed without æøå as plain vowels ("modt" -> "mødt",
    "fremmodt" -> "fremmødt"), changing at most two letters; None when there is none."""
    from textmining.domain.sanctions import pattern_words

    targets = pattern_words()
    spots = [i for i, ch in enumerate(bare) if ch in _PLAIN_VOWELS]
    for n in (1, 2):
        for picked in itertools.combinations(spots, n):
            for letters in itertools.product(*(_PLAIN_VOWELS[bare[i]] for i in picked)):
                cand = list(bare)
                for i, letter in zip(picked, letters):
                    cand[i] = letter
                word = "".join(cand)
                if word in targets:
                    return word
    return None


def _joined(head: str, tail: str) -> str:
    """A compound of two written-out parts, with the linking s where the patterns know the
    word with it ("rådighed" + "vejledning" -> "rådighedsvejledning")."""
    from textmining.domain.sanctions import pattern_words

    linked = f"{head}s{tail}"
    return linked if linked in pattern_words() and not head.endswith("s") else head + tail


def _written_out(low: str, known: Callable[[str], bool]) -> str | None:
    """The word a journal abbreviation stands for, or None when low is none: listed ("udebl",
    "PH"), a compound cut at its first part with the dot inside ("konsekv.afsnit"; its last
    part may be cut too, "rådigh.vejl"), the last part of a hyphenated compound ("std.-indk.")
    or a compound cut at its last part ("rådighedsvejl"), the last two only when the lexicon
    does not know the word (known)."""
    bare = low[:-1] if low.endswith(".") and len(low) >= 2 else low
    full = _abbreviations().get(bare) or _abbreviations().get(low)
    if full is not None:
        return full
    first, dot, rest = bare.partition(".")
    if dot and rest.isalpha() and len(rest) >= 3 and _abbreviations().get(first):
        return _joined(_abbreviations()[first], _abbreviations().get(rest) or rest)
    head, dash, tail = bare.rpartition("-")
    if dash and head and tail.isalpha():
        tail_full = _abbreviations().get(tail) or _compound_abbreviation(tail)
        if tail_full is not None and not known(tail):
            return tail_full
    if bare.isalpha() and not known(bare):
        return _compound_abbreviation(bare)
    return None


def canonical_form(low: str, known: Callable[[str], bool]) -> str:
    """The word a caseworker meant: an abbreviation written out ("udebl" -> "udeblev", "PH"
    -> "partshøring"), a word written without æøå restored ("partshoering", "raadighed"),
    or a one-letter typo in a domain word mended ("partshøing"). `known(word)` tells whether
    a word is in the lexicon; known words are kept as they are."""
    bare = low[:-1] if low.endswith(".") and len(low) >= 2 else low
    full = _written_out(low, known)
    if full is not None:
        return full
    if known(low) or not bare.isalpha():
        return low
    if any(a in bare for a, _ in _ASCII_SPELLINGS):
        candidates = {bare}
        for ascii_form, letter in _ASCII_SPELLINGS:
            candidates |= {c.replace(ascii_form, letter) for c in candidates}
        restored = sorted(candidates - {bare}, key=len)
        for cand in restored:
            if known(cand):
                return cand
        from textmining.domain.sanctions import pattern_regexes

        for cand in restored:  # a domain word the patterns match by its stem ("partshørt")
            if any(r.search(cand) for r in pattern_regexes()):
                return cand
    # æøå dropped to one letter ("modt", "udeblivelsen" is fine, "fremmode"): a pattern word
    # with ø for o or æ/å for a, at most two letters changed.
    if any(ch in bare for ch in "oa"):
        hit = _plain_vowel_word(bare)
        if hit is not None:
            return hit
    if len(bare) >= 8:
        index = _domain_words()
        hit = index.get(bare)
        if hit is None:
            hit = next((index[d] for k in range(len(bare)) if (d := bare[:k] + bare[k + 1 :]) in index), None)
        if hit is None:
            # a letter left out of a word also typed without æøå ("afgorlse"): one plain vowel
            # restored, then the typo index
            hit = next(
                (
                    index[v]
                    for k, ch in enumerate(bare)
                    for letter in _PLAIN_VOWELS.get(ch, ())
                    if (v := bare[:k] + letter + bare[k + 1 :]) in index
                ),
                None,
            )
        if hit is not None and abs(len(hit) - len(bare)) <= 1:
            return hit
    return low


@Language.component("afdaek_lemmas", assigns=["token.lemma", "token.norm"])
def afdaek_lemmas(doc: Doc) -> Doc:
    """Lower-cased lemmas from spaCy's Danish lookup table (spacy-lookups-data), and each
    token's NORM set to the word meant (canonical_form: abbreviations, words without æøå,
    one-letter typos in domain words), whose lemma is used when the word itself has none.

    The table is case-sensitive, so a word is looked up as written and then in lower case
    ("Samtalerne" at a sentence start → "samtale"); a word the table lacks keeps its lower-cased
    form. A trained model's own lemmas are kept (lower-cased) when it has set them.
    """
    table = _LEMMA_TABLE.get("da")
    if table is None:  # a trained model: keep its lemmas
        for tok in doc:
            tok.lemma_ = (tok.lemma_ or tok.lower_).lower()
            tok.norm_ = canonical_form(tok.lower_, lambda _word: False)
        return doc
    import numpy
    from spacy.attrs import LEMMA, NORM, ORTH

    strings = doc.vocab.strings
    cache = _LEMMA_CACHES.setdefault(id(strings), {})
    out = []

    def known(word: str) -> bool:
        return word in table

    for orth in doc.to_array(ORTH).tolist():
        ids = cache.get(orth)
        if ids is None:
            text = strings[orth]
            low = text.lower()
            norm = canonical_form(low, known)
            lemma = (table.get(text) or table.get(low) or table.get(norm) or norm).lower()
            ids = cache[orth] = (strings.add(norm), strings.add(lemma))
        out.append(ids)
    if out:
        pairs = numpy.array(out, dtype="uint64").reshape(-1, 2)
        doc.from_array([NORM, LEMMA], pairs)  # type: ignore[arg-type]  # numpy, not thinc's Ints2d
    return doc


def _load_lemma_table() -> None:
    """spaCy's Danish lookup table (spacy-lookups-data), loaded once per process as a plain
    dict: spaCy's own Table hashes each of its 550.000 keys on load, which took a second of
    every command's start; the words and lemmas are the same."""
    if "da" in _LEMMA_TABLE:
        return
    from spacy.util import load_language_data, registry

    if "da" not in registry.lookups:  # spacy-lookups-data missing: spaCy's own error
        from spacy.lookups import load_lookups

        load_lookups("da", ["lemma_lookup"])
    _LEMMA_TABLE["da"] = dict(load_language_data(registry.lookups.get("da")["lemma_lookup"]))


def lemma_table() -> dict[str, str]:
    """spaCy's Danish lemma lookup table (word as written -> lemma), loaded once per process;
    the one copy that the lemmatiser, the name detector and the plain-language rules read."""
    _load_lemma_table()
    return _LEMMA_TABLE["da"]


def trained_model_name() -> str | None:
    """The name of an installed trained Danish model, or None."""
    for name in TRAINED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


_CHUNK = re.compile(r"\s+|\S+")


class WarmTokenizer:
    """spaCy's tokenizer with its cache of chunks (the text between spaces) kept warm.

    spaCy caches a chunk's tokens only until a document's first special case ("kl.", "pga.",
    "1."): after one, nothing more of that document is cached (spaCy issue #1250), so a case
    note's words were split by the affix rules again in every note. Each chunk not seen
    before is tokenised once on its own, where its tokens are cached as spaCy would cache
    them; the document itself is then tokenised by spaCy as before, from that cache. The
    tokens are the same; every other attribute is spaCy's tokenizer's."""

    def __init__(self, tokenizer, limit: int = 100_000) -> None:
        self.tokenizer = tokenizer
        self.limit = limit
        self._seen: set[str] = set()
        if getattr(tokenizer, "max_cache_size", limit) < limit:
            tokenizer.max_cache_size = limit

    def __call__(self, text: str) -> Doc:
        seen = self._seen
        if len(seen) < self.limit:
            tokenize = self.tokenizer
            for chunk in _CHUNK.findall(text):
                if chunk not in seen and chunk != " ":
                    seen.add(chunk)
                    tokenize(chunk)
        return self.tokenizer(text)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


# Journal shorthand joins words with a slash where spaCy's Danish rules keep one token: after
# an abbreviation's dot ("rettigh./pligter", "udebl./afbud") and after the one-letter
# prepositions written without a space ("m/konsekvens", "u/rimelig grund"). Split there, so
# each word is read (and written out, data/abbreviations.toml) on its own.
_SLASH_AFTER_DOT = r"(?<=[^\W\d_]\.)/(?=[^\W\d_])"
_SHORT_PREPOSITION = r"^[mMuUvV]/(?=[^\W\d_])"


def _shortened(low: str) -> bool:
    """Whether a word (lower case) is a journal abbreviation (see _written_out; the sentence
    rules run without the lexicon, so every unlisted compound ending counts)."""
    return _written_out(low, lambda _word: False) is not None


def _journal_tokenizer(nlp: Language) -> None:
    """The tokenizer's rules for journal shorthand: the slashes above, and every listed
    abbreviation kept whole with its dot ("samt.", "rimel.", "ph."), so a phrase with a
    shortened word matches as one ("ikke rimel. grund" is "ikke rimelig grund"; with the dot
    split off, the dot stood between the words of the pattern)."""
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex

    tokenizer: Tokenizer = nlp.tokenizer  # spaCy's, before WarmTokenizer wraps it
    for key in _abbreviations():
        key = key.rstrip(".")
        if not key.isalpha():
            continue
        for form in {key, key.capitalize(), key.upper()}:
            tokenizer.add_special_case(f"{form}.", [{ORTH: f"{form}."}])
    infixes = [*(nlp.Defaults.infixes or ()), _SLASH_AFTER_DOT]
    prefixes = [_SHORT_PREPOSITION, *(nlp.Defaults.prefixes or ())]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search


@functools.lru_cache(maxsize=2)
def load_pipeline(prefer_trained: bool = True) -> Language:
    """The Danish pipeline, loaded once. Offline: blank Danish plus rules and lookups."""
    import spacy

    name = trained_model_name() if prefer_trained else None
    if name:
        nlp = spacy.load(name, exclude=["ner"])
        nlp.add_pipe("afdaek_lemmas", last=True)
        _journal_tokenizer(nlp)
        nlp.tokenizer = WarmTokenizer(nlp.tokenizer)
        return nlp
    _load_lemma_table()
    nlp = spacy.blank("da")
    nlp.add_pipe("afdaek_sentences")
    nlp.add_pipe("afdaek_lemmas")
    nlp.max_length = 60_000_000
    _journal_tokenizer(nlp)
    nlp.tokenizer = WarmTokenizer(nlp.tokenizer)
    return nlp


def query_lemmas(words: list[str]) -> list[str]:
    """The lemma of each search word on its own (lower case; the word itself when the table
    has none): what `afdaek search` matches against the stored lemmas."""
    nlp = load_pipeline()
    out = []
    for w in words:
        doc = nlp(w)
        out.append(((doc[0].lemma_ if len(doc) else "") or w).lower())
    return out


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the words in text (no punctuation or spaces)."""
    doc = load_pipeline()(text)
    return [t.lemma_ for t in doc if not (t.is_punct or t.is_space)]
