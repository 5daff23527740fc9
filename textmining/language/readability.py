"""LIX and its counts for letters (Björnsson's LIX, counted by the rules below).

LIX = A/B + 100*C/A with A words, B sentences and C long words (more than 6 letters). The
text is segmented by its own rules on the raw string (not by spaCy), so every paragraph and
sentence keeps its character offsets and a user can recount A, B and C by hand:

- paragraphs are separated by blank lines; a line starting with a list marker (``-``, ``•``,
  ``*``, ``1.``, ``a)``) starts a list item; any other line joins the line before;
- a paragraph or list item that does not end in ``.``, ``!`` or ``?`` (closing quotes and
  brackets ignored) is left out of LIX and reported with a reason;
- sentences end at ``!`` and ``?``; at ``.`` when the next word starts with a capital letter or
  the paragraph ends; at ``:`` or ``;`` followed by a capital letter; the dot of a known
  abbreviation never ends a sentence unless it is the paragraph's last character;
- words are whitespace-separated tokens with a letter or digit; a long word has more than six
  letters (digits, ``-`` and ``/`` do not count).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Abbreviations whose dot never ends a sentence (vurdering (projektet): the ones letters use),
# compared in lower case, with opening brackets and quotes stripped.
ABBREVIATIONS = frozenset(
    {
        "jf.",
        "bl.a.",
        "kl.",
        "stk.",
        "nr.",
        "ca.",
        "evt.",
        "fx",
        "fx.",
        "f.eks.",
        "dvs.",
        "mv.",
        "osv.",
        "inkl.",
        "ekskl.",
        "vedr.",
        "iht.",
        "pga.",
        "tlf.",
        "mht.",
        "d.",
        "mvh.",
        "el.",
        "m.fl.",
        "ift.",
        "pkt.",
        "hr.",
        "fr.",
        "sdr.",
        "st.",
        "ang.",
        "att.",
    }
)

BANDS = ((25, "meget let"), (35, "let"), (45, "middel"), (55, "svær"))
"""The LIX bands, the one list of them: each band's upper limit (exclusive) and name; 55 and
over is "meget svær" (LAST_BAND). LIX is Carl-Hugo Björnsson's (Läsbarhet, 1968); the bands of
ten points are vurdering (projektet): the steps Danish plain-language guides commonly name."""
LAST_BAND = "meget svær"
TARGET_LIX = 35
"""The target for letters to citizens: vurdering (projektet), not law. Up to 35 a letter is in
the band 'let' or easier; Digitaliseringsstyrelsen asks authorities to keep LIX low:
https://digst.dk/digital-inklusion/principper-for-digital-inklusion/kommuniker-saa-alle-forstaar-det"""

_BLANK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]*\n?")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-•*–·▪]|\d{1,2}[.)]|[a-zA-Z][)])[ \t]+(?=\S)")
# "14. marts" or "3. kvt." at the start of a line is a date, not a numbered list item.
_NOT_A_MARKER = re.compile(
    r"(?i)(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec|kvt|kvartal)\b"
)
_TOKEN = re.compile(r"\S+")
_OPENERS = "([{\"'«»“”„‘’"
_CLOSERS = ")]}\"'«»“”’"
_GREETING = re.compile(
    r"^(?:kære|hej|goddag|god dag)\b|^(?:med\s+)?(?:venlig(?:e|st)?|mange)\s+hilsen|^mvh\b",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"(?<!\d)\d{4}[ \t]+[A-ZÆØÅ][a-zæøå]+(?:[ \t]+[A-ZÆØÅ]\w*)?[ \t]*$", re.MULTILINE)
_LABEL = re.compile(r"^[^\W\d_][\w .()/-]{0,30}:[ \t]*\S")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a counted paragraph, with its word and long-word counts."""

    text: str
    start: int
    end: int
    words: int
    long_words: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph or list item; ``counted`` is False (with a reason) when left out of LIX.

    Reasons: "overskrift", "hilsen", "underskrift", "adresse", "label" ("Tid: …"),
    "indledning" (ends with ':'), "punkt" (list item), "uden_punktum" (long, no final stop).
    A list item's text and start exclude its marker."""

    text: str
    start: int
    end: int
    counted: bool
    reason: str | None


@dataclass(frozen=True)
class ParagraphReadability:
    """The LIX counts of one counted paragraph."""

    paragraph: Paragraph
    sentences: tuple[Sentence, ...]
    words: int
    long_words: int
    lix: float | None
    rix: float | None
    mean_sentence: float | None
    longest_sentence: int


@dataclass(frozen=True)
class Readability:
    """LIX, RIX and the counts behind them (A words, B sentences, C long words) for a text."""

    words: int
    sentences: int
    long_words: int
    lix: float | None
    rix: float | None
    band: str | None
    mean_sentence: float | None
    longest_sentence: int
    long_word_share: float | None
    paragraphs: tuple[ParagraphReadability, ...]
    excluded: tuple[Paragraph, ...]

    def excluded_reasons(self) -> dict[str, int]:
        """How many paragraphs were not counted, by reason ("hilsen", "adresse", ...; "andet"
        without one), the reasons in alphabetical order."""
        counts = Counter(p.reason or "andet" for p in self.excluded)
        return dict(sorted(counts.items()))


def lix_band(lix: float) -> str:
    """The Danish band for a LIX value: ≤24 meget let … ≥55 meget svær (below 25 is ≤24)."""
    for limit, name in BANDS:
        if lix < limit:
            return name
    return LAST_BAND


def _ends_counted(text: str) -> bool:
    """True when the text ends in . ! or ? (closing quotes and brackets ignored)."""
    return text.rstrip(_CLOSERS).endswith((".", "!", "?"))


def _blocks(text: str):
    """(start, end) of each blank-line separated block, whitespace trimmed."""
    pos = 0
    for m in _BLANK_SPLIT.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _units(text: str, start: int, end: int):
    """Paragraph and list item spans inside one block: (start, end, is_list_item)."""
    units: list[list] = []
    for m in _LINE.finditer(text, start, end):
        if not m.group().strip():
            continue
        line_start, line_end = m.start(), m.end()
        marker = _LIST_MARKER.match(text, line_start, end)
        if marker and _NOT_A_MARKER.match(text, marker.end(), end):
            marker = None
        if marker:
            units.append([marker.end(), line_end, True])
        elif units:
            units[-1][1] = line_end
        else:
            units.append([line_start, line_end, False])
    for u_start, u_end, is_item in units:
        seg = text[u_start:u_end]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            yield u_start + lead, u_start + trail, is_item


def _reason(text: str, is_item: bool, after_greeting_close: bool) -> str:
    """Why a paragraph without a final . ! ? is left out of LIX."""
    if is_item:
        return "punkt"
    if _GREETING.match(text):
        return "hilsen"
    if after_greeting_close:
        return "underskrift"
    if _POSTCODE.search(text):
        return "adresse"
    if _LABEL.match(text):
        return "label"
    if text.endswith(":"):
        return "indledning"
    if len(_TOKEN.findall(text)) <= 12 and "\n" not in text:
        return "overskrift"
    return "uden_punktum"


def segment(text: str) -> list[Paragraph]:
    """The paragraphs and list items of a text, each marked counted or excluded (with why)."""
    out: list[Paragraph] = []
    closed = False  # seen "Med venlig hilsen": what follows without a full stop is a signature
    for b_start, b_end in _blocks(text):
        for start, end, is_item in _units(text, b_start, b_end):
            seg = text[start:end]
            if _ends_counted(seg):
                out.append(Paragraph(seg, start, end, True, None))
                continue
            reason = _reason(seg, is_item, closed)
            if reason == "hilsen" and not seg.lower().startswith(("kære", "hej", "god")):
                closed = True
            out.append(Paragraph(seg, start, end, False, reason))
    return out


def _letters(token: str) -> int:
    return sum(1 for c in token if c.isalpha())


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def sentences(paragraph_text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of one paragraph; offsets are shifted by ``offset`` into the full text."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(paragraph_text)]
    out: list[Sentence] = []
    first = 0
    n = len(tokens)
    for i, (tok, _s, _e) in enumerate(tokens):
        last = i == n - 1
        bare = tok.rstrip(_CLOSERS)
        ends = last
        if not ends and bare:
            nxt = tokens[i + 1][0].lstrip(_OPENERS)
            capital = nxt[:1].isupper()
            if bare[-1] in "!?":
                ends = True
            elif bare[-1] == ".":
                ends = capital and tok.lstrip(_OPENERS).lower() not in ABBREVIATIONS
            elif bare[-1] in ":;":
                ends = capital
        if ends:
            words = [t for t, _, _ in tokens[first : i + 1] if _is_word(t)]
            if words:
                start, end = tokens[first][1], tokens[i][2]
                out.append(
                    Sentence(
                        paragraph_text[start:end],
                        offset + start,
                        offset + end,
                        len(words),
                        sum(1 for w in words if _letters(w) > 6),
                    )
                )
            first = i + 1
    return out


def _ratios(words: int, sents: int, longs: int) -> tuple[float | None, float | None]:
    if not words or not sents:
        return None, None
    return words / sents + 100 * longs / words, longs / sents


def readability(text: str) -> Readability:
    """LIX, RIX, the band and the counts A, B, C for a text, per letter and per paragraph."""
    counted: list[ParagraphReadability] = []
    excluded: list[Paragraph] = []
    for para in segment(text):
        if not para.counted:
            excluded.append(para)
            continue
        sents = tuple(sentences(para.text, para.start))
        words = sum(s.words for s in sents)
        longs = sum(s.long_words for s in sents)
        lix, rix = _ratios(words, len(sents), longs)
        counted.append(
            ParagraphReadability(
                para,
                sents,
                words,
                longs,
                lix,
                rix,
                words / len(sents) if sents else None,
                max((s.words for s in sents), default=0),
            )
        )
    words = sum(p.words for p in counted)
    n_sents = sum(len(p.sentences) for p in counted)
    longs = sum(p.long_words for p in counted)
    lix, rix = _ratios(words, n_sents, longs)
    return Readability(
        words=words,
        sentences=n_sents,
        long_words=longs,
        lix=lix,
        rix=rix,
        band=lix_band(lix) if lix is not None else None,
        mean_sentence=words / n_sents if n_sents else None,
        longest_sentence=max((p.longest_sentence for p in counted), default=0),
        long_word_share=longs / words if words else None,
        paragraphs=tuple(counted),
        excluded=tuple(excluded),
    )


def word_count(text: str) -> int:
    """Words in a piece of text by the LIX definition (tokens with a letter or digit)."""
    return sum(1 for m in _TOKEN.finditer(text) if _is_word(m.group()))
