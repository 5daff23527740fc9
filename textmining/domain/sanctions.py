"""Sanction events in case notes, letters and decisions (aktivloven §§ 13, 35-40 a;
forvaltningsloven §§ 19-25).

Matching is data: the spaCy Matcher patterns, word lists and detail patterns live in
``data/sanction_patterns.jsonl``, one readable entry per line with a comment and a source.
This module only applies them: it finds matches, decides negation and hypotheticals with small
pure filters, dates each event and attaches its details.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from textmining import DATA_DIR
from textmining.domain.casenotes import CaseNote, is_form, plain_text, split_notes
from textmining.language.dates import WEEKDAY, find_dates

EVENT_KINDS = (
    "vejledning",
    "indkaldelse",
    "udeblivelse",
    "afbud",
    "rimelig_grund",
    "partshoering",
    "afgoerelse",
    "klage",
    "omgoerelse",
    "kontakt",
)
PATTERNS_PATH = DATA_DIR / "sanction_patterns.jsonl"

# Kinds a letter performs itself on its own date; other kinds in a letter (the citizen's
# failure, afbud, reason, appeal) happened earlier and are dated only by the sentence.
LETTER_OWN_KINDS = {"vejledning", "indkaldelse", "partshoering", "afgoerelse", "omgoerelse"}
# Kinds where a consequence verb after the trigger makes the sentence a statement of the rule.
GENERIC_KINDS = frozenset({"udeblivelse", "afbud"})

# Kinds where the word just before the trigger can make it a topic ("vejledt om udeblivelse").
TOPIC_KINDS = {
    "udeblivelse",
    "afbud",
    "rimelig_grund",
    "indkaldelse",
    "klage",
    "omgoerelse",
    "afgoerelse",
}
# Kinds where the word just before the trigger can make it a reference to an earlier event.
# Kinds a decision restates; undated mentions in a decision's note are not new events.
RESTATED_KINDS = {"udeblivelse", "afbud"}
RESTATED_IN_REASONS = {
    "udeblivelse",
    "afbud",
    "rimelig_grund",
    "partshoering",
    "indkaldelse",
    "vejledning",
    "kontakt",
}
REFERENCE_WORDS: dict[str, set[str] | None] = {"udeblivelse": None, "afbud": None, "indkaldelse": {"var"}}

_AUX = {"er", "blev", "var", "bliver", "har", "havde"}
_FRIST = {"frist", "svarfrist", "fristen", "senest", "inden"}
_SENT = {
    "sendt",
    "udsendt",
    "afsendt",
    "fremsendt",
    "dateret",
    "truffet",
    "modtaget",
    "modtog",
    "afholdt",
    "registreret",
    "givet",
    "skrevet",
    "meddelt",
}
_MEETING = ("samtale", "jobsamtale", "møde", "opfølgningssamtale", "cv-samtale")
_FAILURE_WORDS = ("udebl", "fravær", "fremmøde")
_VIRKNING = {"fra", "virkning", "pr.", "per", "fra og med"}
_NUMBERS = {
    "en": 1,
    "et": 1,
    "én": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
}
_DAYS_RE = re.compile(
    r"\b(\d{1,3}|en|et|én|to|tre|fire|fem|seks|syv|otte|ni|ti)\s+(?:hel[e]?\s+)?dag(?:e|s)?\b",
    re.IGNORECASE,
)
_AMOUNT_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:kr\b\.?|kroner)")
# What may stand before a date that opens a sentence: a weekday, "den", "i går".
_WEEKDAY_ONLY = re.compile(r"\s*(?:" + WEEKDAY + r"(?:en)?\s*)?(?:den\s+|d\.\s*)?", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\.?[ \t]*[-–][ \t]*")
# Between two days of one failure: "den 20. april og 21. april", "i går mandag eller i dag"
# (after a negation: neither day), "den 8. april og heller ikke i dag".
_WEEKDAY = WEEKDAY + "(?:en)?"
_LIST_GAP = re.compile(
    rf"(?:\s+{_WEEKDAY})?\s*(?:,|og|samt|eller)\s*"
    rf"(?:heller\s+ikke\s+)?(?:den\s+|d\.\s*)?(?:{_WEEKDAY}\s+(?:den\s+|d\.\s*)?)?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\wæøåÆØÅ.-]+")


def _token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """The normalised forms (NORM: lower case, abbreviations written out, æøå restored, see
    textmining.language.nlp.canonical_form) and lemmas of every token, read as arrays."""
    from spacy.attrs import LEMMA, NORM

    strings = doc.vocab.strings
    arr = doc.to_array([NORM, LEMMA]).tolist()
    return [strings[lo] for lo, _ in arr], [strings[le] for _, le in arr]


@dataclass(frozen=True)
class CaseEvent:
    """One sanction event found in a document, with its evidence sentence and offsets."""

    kind: str
    date: date | None
    negated: bool
    evidence: str
    document: str
    start: int
    end: int
    matched: str
    details: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class PatternSet:
    """The loaded pattern file: entries (events, details, groups) and word lists."""

    entries: tuple[dict[str, Any], ...]
    wordlists: dict[str, frozenset[str]]
    # Single-token groups ({"LEMMA"/"NORM": {"IN": [...]}}) are checked as word sets on the
    # sentences that have a candidate event, not by the Matcher on every token (faster).
    set_groups: tuple[tuple[str, str, frozenset[str]], ...] = ()
    # Ordered lists ({"type": "order"}), e.g. the rank of the acts a letter can be.
    orders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Per-kind behaviour ({"type": "kind"}): how an event of the kind is dated, say.
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)


@functools.lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> PatternSet:
    """Read the JSONL pattern file (default: the one shipped with afdaek)."""
    entries, wordlists, orders, kinds = [], {}, {}, {}
    source = Path(path) if path else PATTERNS_PATH
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        entry = json.loads(line)
        if entry["type"] == "wordlist":
            wordlists[entry["name"]] = frozenset(w.lower() for w in entry["words"])
        elif entry["type"] == "order":
            orders[entry["name"]] = tuple(entry["words"])
        elif entry["type"] == "kind":
            if entry["kind"] not in EVENT_KINDS:
                raise ValueError(f"{source}:{n}: unknown event kind {entry['kind']!r}")
            kinds[entry["kind"]] = entry
        else:
            entry = dict(entry, line=n)
            if entry["type"] == "event" and entry["kind"] not in EVENT_KINDS:
                raise ValueError(f"{source}:{n}: unknown event kind {entry['kind']!r}")
            entries.append(entry)
    set_groups = []
    matcher_entries = []
    for entry in entries:
        pattern = entry["pattern"]
        if entry["type"] == "group" and len(pattern) == 1 and len(pattern[0]) == 1:
            ((attr, value),) = pattern[0].items()
            if attr in ("LEMMA", "NORM") and isinstance(value, dict) and set(value) == {"IN"}:
                words = frozenset(w.lower() for w in value["IN"])
                set_groups.append((entry["group"], attr, words))
                continue
        matcher_entries.append(entry)
    return PatternSet(tuple(matcher_entries), wordlists, tuple(set_groups), orders, kinds)


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """A fingerprint of everything that decides which events a text gives: the pattern and
    abbreviation data and the code that reads notes, normalises words and applies the patterns.
    Events stored under another fingerprint are found again (screening.run)."""
    import hashlib

    here = Path(__file__).resolve().parents[1]
    parts = [
        PATTERNS_PATH,
        DATA_DIR / "abbreviations.toml",
        here / "domain" / "sanctions.py",
        here / "language" / "nlp.py",
        here / "domain" / "casenotes.py",
        here / "language" / "dates.py",
    ]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


def _stands_alone(doc: Doc, i: int) -> bool:
    """A word, or a sign written as a word ("udebl. = fradrag", "udeblivelse -> fradrag"):
    a sign inside other text ("[link=x]", "a=b") is markup, not the rule's arrow."""
    tok = doc[i]
    if tok.is_alpha:
        return True
    before = i == 0 or bool(doc[i - 1].whitespace_)
    return before and bool(tok.whitespace_)


@functools.lru_cache(maxsize=4)
def pattern_words(path: str | None = None) -> frozenset[str]:
    """Every word the event, detail and group patterns and the word lists are written with
    (what a typo in a note is mended towards)."""
    patterns = load_patterns(path)
    words: set[str] = set()
    for listed in patterns.wordlists.values():
        words |= listed
    for _group, _attr, listed in patterns.set_groups:
        words |= listed
    for entry in patterns.entries:
        for spec in entry["pattern"]:
            for attr in ("LEMMA", "NORM"):
                value = spec.get(attr)
                if isinstance(value, str):
                    words.add(value.lower())
                elif isinstance(value, dict) and "IN" in value:
                    words |= {w.lower() for w in value["IN"]}
    return frozenset(words)


@functools.lru_cache(maxsize=4)
def pattern_regexes(path: str | None = None) -> tuple[re.Pattern[str], ...]:
    """The REGEX values the patterns are written with ("^(partshør|partshøring)"), compiled:
    what a word typed without æøå is restored towards when its restored form is no word of
    the lexicon ("partshoert" -> "partshørt")."""
    found: set[str] = set()
    for entry in load_patterns(path).entries:
        for spec in entry["pattern"]:
            for attr in ("LEMMA", "NORM"):
                value = spec.get(attr)
                if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                    found.add(value["REGEX"])
    return tuple(re.compile(r) for r in sorted(found))


class _Gate(NamedTuple):
    """When an event or detail pattern runs on a sentence: its anchor (attr, words or regex:
    the most selective of its required tokens) and the words (on_lemma, words) and NORM
    regexes its other required tokens need; all come from the pattern data."""

    attr: str
    value: Any
    single: int | None  # a one-token pattern's match id: matched by its words, no Matcher
    words: tuple[tuple[bool, frozenset[str]], ...]
    regexes: tuple[re.Pattern[str], ...]
    name: str
    pattern: list[dict[str, Any]]
    needs: frozenset[int] = frozenset()  # ids of all its word requirements (_Compiled.index)


@dataclass
class _Compiled:
    """The Matcher for one vocab and the pattern entry of each match id."""

    vocab: Any
    matcher: Matcher
    by_hash: dict[int, dict[str, Any]]
    # Per event/detail pattern: when it runs on a sentence (_Gate); one Matcher for the
    # context groups. Only the patterns whose required words are in a sentence run on it,
    # together as one Matcher (combined, cached by the set of patterns).
    anchored: tuple[_Gate, ...] = ()
    groups: Matcher | None = None
    # Per context group: (name, pattern, ids of its word requirements, its NORM regexes).
    group_patterns: tuple[tuple[str, list[dict[str, Any]], frozenset[int], tuple[Any, ...]], ...] = ()
    rank: dict[int, int] = field(default_factory=dict)  # match id -> order of its pattern
    combined: dict[tuple[tuple[int, ...], tuple[int, ...]], Matcher] = field(default_factory=dict)
    # The word requirements of all gates by word: (NORM index, LEMMA index) word -> ids; the
    # gates by the id of their anchor, and the gates anchored on a regex (tried everywhere).
    index: tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]] = ({}, {})
    by_anchor: dict[int, tuple[int, ...]] = field(default_factory=dict)
    regex_anchored: frozenset[int] = frozenset()
    # The context groups by one of their word requirements (any sentence a group can match
    # meets it), and the groups without one (tried wherever a pattern ran).
    groups_by_need: dict[int, tuple[int, ...]] = field(default_factory=dict)
    groups_unkeyed: tuple[int, ...] = ()


# Words so common that a pattern anchored on them would run on most sentences.
_COMMON = frozenset(
    {
        "ikke",
        "kan",
        "på",
        "om",
        "af",
        "til",
        "er",
        "har",
        "at",
        "hvis",
        "den",
        "det",
        "og",
        "i",
        "en",
        "et",
        "mulighed",
        "ved",
        "med",
        "for",
        "fra",
        "som",
        "der",
        "skal",
        "vil",
        "være",
        "have",
        "blive",
        "ingen",
        "uden",
        "aldrig",
    }
)


def _optional(spec: dict[str, Any]) -> bool:
    """Whether a token spec may match no token at all (OP "?", "*", "!" or "{0,n}"), so a
    match need not contain a token with its words."""
    op = spec.get("OP")
    if op is None:
        return False
    if op in ("?", "*", "!"):
        return True
    return op.startswith("{") and op[1:].split(",")[0].strip("}").strip() in ("", "0")


def _requirement(attr: str, value: Any) -> frozenset[str] | re.Pattern[str] | None:
    """The words (or, for NORM, the regex) a token must have for spec value `value` of attr
    LEMMA or NORM, as the Matcher compares them (as written); None for a value that names no
    words ("NOT_IN")."""
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(value["IN"])
    if isinstance(value, dict) and set(value) == {"REGEX"} and attr == "NORM":
        return re.compile(value["REGEX"])
    return None


def _requirements(pattern: list[dict[str, Any]]) -> tuple[tuple[str, Any], ...]:
    """Every (attr, words or regex) that some token of a sentence must have for the pattern
    to match in it: one for each LEMMA/NORM value of each token spec that cannot be skipped.
    Read from the pattern data, so a new pattern is gated by its own words."""
    out = []
    for spec in pattern:
        if _optional(spec):
            continue
        for attr in ("LEMMA", "NORM"):
            req = _requirement(attr, spec.get(attr))
            if req is not None:
                out.append((attr, req))
    return tuple(out)


def _same_requirement(req: tuple[str, Any], anchor: tuple[str, Any]) -> bool:
    if req[0] != anchor[0]:
        return False
    if isinstance(req[1], re.Pattern) and isinstance(anchor[1], re.Pattern):
        return req[1].pattern == anchor[1].pattern
    return req[1] == anchor[1]


def _anchor(pattern: list[dict[str, Any]]) -> tuple[str, frozenset[str] | re.Pattern[str]] | None:
    """The most selective required token of a pattern: (attr, words) or (attr, regex)."""
    best: tuple[int, tuple[str, Any]] | None = None
    for spec in pattern:
        if _optional(spec):
            continue
        for attr in ("LEMMA", "NORM"):
            value = spec.get(attr)
            if value is None:
                continue
            if isinstance(value, str):
                words = frozenset({value.lower()})
            elif isinstance(value, dict) and set(value) == {"IN"}:
                words = frozenset(w.lower() for w in value["IN"])
            elif isinstance(value, dict) and set(value) == {"REGEX"} and attr == "NORM":
                # Multiline, so one search runs over a sentence's words joined by newlines.
                cand: tuple[int, tuple[str, Any]] = (1, (attr, re.compile(value["REGEX"], re.MULTILINE)))
                best = cand if best is None or cand[0] < best[0] else best
                continue
            else:
                continue
            rank = 2 if words & _COMMON else 0
            cand = (rank, (attr, words))
            if best is None or cand[0] < best[0]:
                best = cand
    return None if best is None else best[1]


_MATCHERS: dict[tuple[int, str | None], _Compiled] = {}
_COMBINED_MAX = 4096
"""Matchers kept for the sets of patterns that ran together on a sentence (then forgotten)."""


def _matcher(nlp: Language, path: str | None = None) -> _Compiled:
    """The compiled patterns for this pipeline's vocab, built once."""
    key = (id(nlp.vocab), path)
    cached = _MATCHERS.get(key)
    if cached is not None and cached.vocab is nlp.vocab:
        return cached
    patterns = load_patterns(path)
    matcher = Matcher(nlp.vocab)
    by_hash: dict[int, dict[str, Any]] = {}
    for entry in patterns.entries:
        name = f"{entry['type']}:{entry['id']}"
        matcher.add(name, [entry["pattern"]])
        by_hash[nlp.vocab.strings[name]] = entry
    anchored: list[_Gate] = []
    group_patterns: list[tuple[str, list[dict[str, Any]]]] = []
    groups = Matcher(nlp.vocab)
    run_all = False
    for entry in patterns.entries:
        name = f"{entry['type']}:{entry['id']}"
        if entry["type"] not in ("event", "detail"):
            groups.add(name, [entry["pattern"]])
            group_patterns.append((name, entry["pattern"]))
            continue
        anchor = _anchor(entry["pattern"])
        if anchor is None:  # a pattern without a usable anchor: run everything everywhere
            anchored, run_all = [], True
            break
        rest = tuple(r for r in _requirements(entry["pattern"]) if not _same_requirement(r, anchor))
        words = tuple((attr == "LEMMA", req) for attr, req in rest if not isinstance(req, re.Pattern))
        regexes = tuple(req for _attr, req in rest if isinstance(req, re.Pattern))
        one_token = (
            len(entry["pattern"]) == 1
            and len(entry["pattern"][0]) == 1
            and not isinstance(anchor[1], re.Pattern)
        )
        # One token, one attribute: the anchor words are the pattern; no Matcher needed.
        single = nlp.vocab.strings[name] if one_token else None
        anchored.append(_Gate(*anchor, single, words, regexes, name, entry["pattern"]))
    req_ids: dict[tuple[bool, frozenset[str]], int] = {}
    by_anchor: dict[int, list[int]] = {}
    for k, gate in enumerate(anchored):
        reqs = list(gate.words)
        if not isinstance(gate.value, re.Pattern):
            reqs.append((gate.attr == "LEMMA", gate.value))
        needs = frozenset(req_ids.setdefault(r, len(req_ids)) for r in reqs)
        anchored[k] = gate._replace(needs=needs)
        if not isinstance(gate.value, re.Pattern):
            by_anchor.setdefault(req_ids[reqs[-1]], []).append(k)
    group_gates = []
    for name, pattern in group_patterns:
        g_reqs = _requirements(pattern)
        g_needs = frozenset(
            req_ids.setdefault((attr == "LEMMA", req), len(req_ids))
            for attr, req in g_reqs
            if not isinstance(req, re.Pattern)
        )
        g_regexes = tuple(req for _attr, req in g_reqs if isinstance(req, re.Pattern))
        group_gates.append((name, pattern, g_needs, g_regexes))
    norm_index: dict[str, list[int]] = {}
    lemma_index: dict[str, list[int]] = {}
    for (on_lemma, listed), rid in req_ids.items():
        for w in listed:
            (lemma_index if on_lemma else norm_index).setdefault(w, []).append(rid)
    words_of = {rid: words for (_lemma, words), rid in req_ids.items()}
    groups_by_need: dict[int, list[int]] = {}
    for j, (_name, _pattern, g_needs, _rx) in enumerate(group_gates):
        if g_needs:  # keyed by its requirement with the fewest words (the rarest, as a rule)
            groups_by_need.setdefault(min(g_needs, key=lambda r: len(words_of[r])), []).append(j)
    rank = {nlp.vocab.strings[g.name]: k for k, g in enumerate(anchored)}
    rank.update({nlp.vocab.strings[name]: len(anchored) + k for k, (name, _p) in enumerate(group_patterns)})
    compiled = _Compiled(
        nlp.vocab,
        matcher,
        by_hash,
        tuple(anchored),
        None if run_all else groups,
        tuple(group_gates),
        rank,
        index=(
            {w: tuple(ids) for w, ids in norm_index.items()},
            {w: tuple(ids) for w, ids in lemma_index.items()},
        ),
        by_anchor={rid: tuple(ks) for rid, ks in by_anchor.items()},
        regex_anchored=frozenset(k for k, g in enumerate(anchored) if isinstance(g.value, re.Pattern)),
        groups_by_need={rid: tuple(js) for rid, js in groups_by_need.items()},
        groups_unkeyed=tuple(j for j, g in enumerate(group_gates) if not g[2]),
    )
    _MATCHERS[key] = compiled
    return compiled


def _combined(compiled: _Compiled, key: tuple[int, ...], group_key: tuple[int, ...]) -> Matcher:
    """One Matcher with the patterns anchored[k] for k in key and the context groups
    group_patterns[j] for j in group_key, so a sentence is walked once whatever the number of
    patterns that run on it."""
    cache_key = (key, group_key)
    found = compiled.combined.get(cache_key)
    if found is None:
        if len(compiled.combined) >= _COMBINED_MAX:
            compiled.combined.clear()
        found = Matcher(compiled.vocab)
        for k in key:
            gate = compiled.anchored[k]
            found.add(gate.name, [gate.pattern])
        for j in group_key:
            name, pattern, _needs, _regexes = compiled.group_patterns[j]
            found.add(name, [pattern])
        compiled.combined[cache_key] = found
    return found


def _sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, read as an array (no Span objects)."""
    from spacy.attrs import SENT_START

    flags = doc.to_array(SENT_START).tolist()
    starts = [i for i, f in enumerate(flags) if f == 1]
    return starts if starts and starts[0] == 0 else [0, *starts]


def _gated_matches(
    compiled: _Compiled,
    doc: Doc,
    sent_starts: list[int],
    strings: tuple[list[str], list[str]] | None = None,
) -> list[tuple[int, int, int]]:
    """Matcher results, sentence by sentence: an event or detail pattern runs only where its
    anchor word (the most selective of its required tokens) and a word for each of its other
    required tokens occur, and the context groups only where some pattern ran; the patterns
    that run on a sentence run as one Matcher. The same matches as the full Matcher inside a
    sentence, in the order of the patterns, at a fraction of the cost. `strings`: the doc's
    _token_strings when the caller has them."""
    if not compiled.anchored:
        return list(compiled.matcher(doc))
    lowers, lemmas = strings if strings is not None else _token_strings(doc)
    out: list[tuple[int, int, int]] = []
    ends = [*sent_starts[1:], len(doc)]
    with_groups = compiled.groups is not None
    norm_index, lemma_index = compiled.index
    by_anchor, regex_anchored = compiled.by_anchor, compiled.regex_anchored
    anchored, group_patterns = compiled.anchored, compiled.group_patterns
    groups_by_need, groups_unkeyed = compiled.groups_by_need, compiled.groups_unkeyed
    for a, b in zip(sent_starts, ends):
        low, lem = set(lowers[a:b]), set(lemmas[a:b])
        met: set[int] = set()  # the word requirements some word of the sentence meets
        for w in low:
            ids = norm_index.get(w)
            if ids:
                met.update(ids)
        for w in lem:
            ids = lemma_index.get(w)
            if ids:
                met.update(ids)
        if not met and not regex_anchored:
            continue
        candidates = set(regex_anchored)
        for rid in met:
            ks = by_anchor.get(rid)
            if ks:
                candidates.update(ks)
        joined = None
        ran = False
        key: list[int] = []
        for k in sorted(candidates):
            gate = anchored[k]
            value = gate.value
            if isinstance(value, re.Pattern):
                joined = joined if joined is not None else "\n".join(low)
                if value.search(joined) is None:
                    continue
            # The anchor is in the sentence: the context groups run on it (as they always
            # have), the pattern itself only when its other required words are there too.
            ran = True
            if not gate.needs <= met:
                continue
            if gate.regexes and not all(any(rx.search(w) for w in low) for rx in gate.regexes):
                continue
            if gate.single is None:
                key.append(k)
                continue
            # a one-token pattern: the matching tokens themselves
            words = lemmas if gate.attr == "LEMMA" else lowers
            out.extend((gate.single, i, i + 1) for i in range(a, b) if words[i] in value)
        group_key: tuple[int, ...] = ()
        if ran and with_groups:
            # the groups whose required words are in the sentence (the others cannot match)
            tried = set(groups_unkeyed)
            for rid in met:
                js = groups_by_need.get(rid)
                if js:
                    tried.update(js)
            group_key = tuple(
                j
                for j in sorted(tried)
                if group_patterns[j][2] <= met
                and all(any(rx.search(w) for w in low) for rx in group_patterns[j][3])
            )
        if key or group_key:
            matcher = _combined(compiled, tuple(key), group_key)
            span = doc[a:b]
            out.extend((mid, a + s, a + e) for mid, s, e in matcher(span))
    rank = compiled.rank
    out.sort(key=lambda m: (m[1], m[2], rank[m[0]]))
    return out


# --- small pure filters -------------------------------------------------------------------


def _negated(
    lowers: list[str],
    a: int,
    s: int,
    e: int,
    b: int,
    wl: dict[str, frozenset[str]],
    shielded: bool = False,
) -> tuple[bool, int | None]:
    """Whether a negator governs the trigger lowers[s:e] within its clause of lowers[a:b];
    also the index of that negator."""
    neg, after, boundary = wl["negation"], wl["negation_after"], wl["boundary"]
    scope_end = wl.get("negation_scope_end", frozenset())
    content_verbs = wl.get("content_verbs", frozenset())
    # (an event is shielded from a negation of what a letter says about it; a detail is what
    # the letter says: "som ikke indeholder oplysning om konsekvenser")
    back_end = scope_end | content_verbs if shielded else scope_end
    hverken = "hverken" in lowers[a:s]
    # An event's trigger is shielded by a preposition; a detail is not ("uden afsnit om
    # konsekvens" says the summons lacks the consequence).
    blockers = wl.get("negation_blocked_by", frozenset()) if shielded else frozenset()
    for i in range(s - 1, a - 1, -1):
        w = lowers[i]
        if w in boundary and not (w == "og" and hverken):
            break
        if w in back_end:
            break
        if w in blockers:
            # "træffes ikke afgørelse om sanktion for udeblivelserne": the negation belongs
            # to the verb; a preposition between it and the trigger shields the trigger. But
            # "ikke grundlag for partshøring", "intet behov for ...": no need for the act is
            # the act not done (word list negated_need).
            if i - 2 >= a and lowers[i - 1] in wl.get("negated_need", ()) and lowers[i - 2] in neg:
                return True, i - 2
            break
        if w in wl.get("determiner_negation", ()) and s - i > 3:
            continue  # "ingen yderligere fra bg afg om fradrag ...": "ingen" is its noun's
        if w in neg or (w == "eller" and hverken):
            return True, i
    for i in range(e, min(e + 4, b)):
        w = lowers[i]
        if w in boundary:
            break
        if w in after:
            if i + 1 < b and lowers[i + 1] in wl.get("infinitive_marker", ()):
                break  # "en rimelig grund til ikke at komme": the infinitive's negation
            if i + 1 < b and lowers[i + 1] in wl.get("act_participles", ()):
                break  # "m klagevejl. ikke partshoert": the negation is the other act's
            passive = any(lowers[k] in _AUX for k in range(e, i))
            if not passive and i + 1 < b and (lowers[i + 1] in scope_end or lowers[i + 1] in content_verbs):
                break  # "indkaldelsen ikke nævnte ...": the negation is the verb's
            return True, i
    # A form field: "Afbud: Nej", "Fremmøde: Nej" (check boxes read by casenotes.plain_text:
    # "Afbud: [ ] Ja [x] Nej" is "Afbud: Nej"); "Partshøring besvaret: Nej" answers the
    # field's verb, not the trigger.
    for i in range(e, min(e + 4, b - 1)):
        if lowers[i] == ":":
            v = i + 1
            while v < b - 1 and lowers[v].isspace():  # a ticked box's blanked brackets
                v += 1
            if lowers[v] in wl.get("field_no", ()) and not any(w in scope_end for w in lowers[e:i]):
                return True, v
            break
        if lowers[i] in boundary:
            break
    return False, None


def _field_not_applicable(lowers: list[str], e: int, b: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether a form field's answer says the field does not apply ("Partshøring: ikke
    aktuelt", "Klage: i.a."): words of the field_not_applicable list right after the colon."""
    if e >= b or lowers[e] != ":":
        return False
    words = [w for w in lowers[e + 1 : min(b, e + 4)] if not w.isspace()]
    answer = " ".join(words[:2])
    return any(
        answer == p or answer.startswith(p + " ") or words[:1] == [p]
        for p in wl.get("field_not_applicable", ())
    )


def _assessment_negated(doc: Doc, lowers: list[str], a: int, s: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the sentence before position s says an assessment was not made
    ("det er ikke vurderet, om ...", "uden at vurdere")."""
    determiners = wl.get("determiner_negation", frozenset())
    for i in range(a, s):
        if lowers[i] in wl["negation"]:
            # "ikke vurderet", "ikke foretaget en konkret vurdering af"; the clause ends at a
            # comma ("ingen nye oplysninger, fradrag vurderes ..."). "ingen"/"intet" deny the
            # noun after them ("ingen konkret vurdering"), not the verb further on ("ingen
            # pasning godtages").
            reach = 6
            if lowers[i] in determiners:  # its noun: the next word, or the one after an adjective
                adjective = i + 1 < s and lowers[i + 1].endswith(("e", "t", "ig"))
                reach = 3 if adjective else 2
            following = []
            for t in doc[i + 1 : min(i + reach, s)]:
                if t.is_punct:
                    break
                following.append(t)
                if t.text.endswith(".") and len(t) > 1:
                    break  # "intet svar på ph. vurd: ...": an abbreviation's dot ends the clause
            evidence = wl.get("evidence_words", frozenset())
            if any(
                (t.lemma_ in wl["assessment"] or t.norm_ in wl["assessment"])
                and t.lemma_ not in evidence
                and t.norm_ not in evidence
                for t in following
            ):
                return True  # ("ikke dokumenteret": the evidence is missing, not the assessment)
    return False


def _modal_before(
    lowers: list[str], lo: int, s: int, wl: dict[str, frozenset[str]], inability_is_fact: bool = False
) -> bool:
    """Whether a modal before the trigger makes it a possibility or a duty, not a fact. For a
    kind whose rule says inability_is_fact (a reason), "kan ikke"/"kunne ikke" is a fact ("han
    kunne ikke overskue at stå op", "kan ikke komme, har feber": what he could not do); for the
    kommune's acts it stays a statement of the rule ("vi kan ikke sanktionere på ...")."""
    for k in range(lo, s):
        if lowers[k] in wl["modal"]:
            negated_ability = (
                inability_is_fact
                and lowers[k] in wl.get("ability_modals", ())
                and ((k + 1 < s and lowers[k + 1] == "ikke") or (k > lo and lowers[k - 1] == "ikke"))
            )
            if not negated_ability:
                return True
    return False


def _after_finite_verb(lowers: list[str], lo: int, s: int) -> int:
    """Where the trigger's own clause starts in an unpunctuated run of clauses: after the
    last finite auxiliary before s ("kan ikke komme idag har feber": a modal before "har"
    belongs to the clause before, not to the reason)."""
    for k in range(s - 1, lo - 1, -1):
        if lowers[k] in _AUX:
            return k + 1
    return lo


def _reason_for_infinitive(lowers: list[str], a: int, s: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the trigger is the infinitive a reason is for: "grund til (ikke) at udeblive",
    "årsag til at blive væk" (data: reason_nouns)."""
    k = s - 1
    if k >= a and lowers[k] == "ikke":
        k -= 1
    return (
        k - 2 >= a
        and lowers[k] == "at"
        and lowers[k - 1] == "til"
        and lowers[k - 2] in wl.get("reason_nouns", frozenset())
    )


def _under_condition(lowers: list[str], a: int, s: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether a condition before the trigger governs it ("Hvis du udebliver, trækker vi ..."):
    a hypothetical word in the sentence before it, unless a new main clause begins after the
    condition (", og han fik vejledningen på skrift": comma, a word of new_main_clause, a word
    of main_clause_subjects)."""
    last = max((i for i in range(a, s) if lowers[i] in wl["hypothetical"]), default=None)
    if last is None:
        return False
    conj, subjects = wl.get("new_main_clause", frozenset()), wl.get("main_clause_subjects", frozenset())
    return not any(
        lowers[i] == "," and lowers[i + 1] in conj and lowers[i + 2] in subjects
        for i in range(last + 1, s - 2)
    )


def _condition_follows(lowers: list[str], e: int, b: int, hypothetical: frozenset[str], window: int) -> bool:
    """Whether a condition ("hvis", "såfremt") follows the trigger within `window` words,
    before a bracket or a semicolon ends the thought ("sendt med klagevejledning (..., hvis
    afgørelsen fastholdes)" is no condition on the decision)."""
    for w in lowers[e : min(b, e + window)]:
        if w in {"(", ")", ";", ":"}:
            return False
        if w in hypothetical:
            return True
    return False


def _previous_sentence_groups(
    lowers: list[str],
    lemmas: list[str],
    sent_starts: list[int],
    si: int,
    note: CaseNote,
    doc: Doc,
    set_groups: tuple[tuple[str, str, frozenset[str]], ...],
) -> set[str]:
    """The word-set groups of the sentence before sentence si when it is in the same note
    ("Bg. ringer og melder afbud. Hun er indlagt.": the second sentence is what he told)."""
    if si == 0:
        return set()
    a, b = sent_starts[si - 1], sent_starts[si]
    while a < b and doc[a].idx < note.start:
        a += 1
    if a >= b:
        return set()
    low, lem = set(lowers[a:b]), set(lemmas[a:b])
    return {g for g, attr, words in set_groups if words & (lem if attr == "LEMMA" else low)}


def _sentence_has(words: list[str], lists: list[str], wl: dict[str, frozenset[str]]) -> bool:
    """Whether a word of the sentence is on one of the named wordlists; a list whose name ends
    in "_endings" matches the ends of words ("ledighedsydelsesbrev" ends in "brev")."""
    for name in lists:
        listed = wl.get(name, frozenset())
        if name.endswith("_endings"):
            if any(w.endswith(x) for w in words for x in listed):
                return True
        elif not listed.isdisjoint(words):
            return True
    return False


def _inverted_condition(lowers: list[str], a: int, s: int, b: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the sentence opens with a condition with its verb first ("Udebliver du fra et
    tilbud, trækkes du ..."), the trigger being the condition's verb or standing after the
    comma that ends the condition). A short label before a colon opens the sentence first
    ("Husk: Kommer du ikke, ...")."""
    colon = next((k for k in range(a + 1, min(a + 3, b)) if lowers[k] == ":"), None)
    if colon is not None and colon + 1 < s:
        a = colon + 1
    return (
        b - a >= 3
        and lowers[a] in wl.get("condition_verbs", ())
        and lowers[a + 1] in wl.get("condition_subjects", ())
        and "," in lowers[a + 2 : s if s > a else b]
    )


def _others_act(lowers: list[str], lo: int, e: int, hi: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the clause tells of another party's act: the trigger followed by "fra" and a
    party that is not the jobcentre ("indkaldelse fra Regionshospitalet") or by "til" and an
    appointment elsewhere ("indkaldt til MR-scanning"), or the clause opened
    by a third party receiving it ("de havde fået et afbud")."""
    parties = wl.get("other_parties", ())
    appointments = tuple(wl.get("other_appointments", ()))
    for i in range(e, hi - 1):
        if lowers[i] == "fra" and any(lowers[i + 1].endswith(p) for p in parties):
            return True
        if lowers[i] == "til" and i == e and appointments and lowers[i + 1].endswith(appointments):
            return True  # "er indkaldt til MR-scanning": the hospital's summons
    opening = " ".join(lowers[lo:e])
    return any(opening.startswith(p + " ") for p in wl.get("third_party_receipt", ()))


def _others_subject(lowers: list[str], a: int, s: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the act's subject is another person than the citizen: the nearest word before
    the trigger that names a person is one of other_actors ("den fremmødetolk, der var bestilt,
    havde meldt fra"), with no reporting word between ("mentor oplyser: ikke mødt" is the
    citizen's failure, told by the mentor)."""
    actors, stops = _actor_words(wl)
    for i in range(s - 1, a - 1, -1):
        w = lowers[i]
        if w in stops:
            return False
        if w.endswith(actors):
            return True
    return False


_ACTOR_WORDS: dict[int, tuple[dict[str, frozenset[str]], tuple[str, ...], frozenset[str]]] = {}


def _actor_words(wl: dict[str, frozenset[str]]) -> tuple[tuple[str, ...], frozenset[str]]:
    """(endings of other actors, words that stop the search: the citizen, a reporting word, a
    new clause), built once per word-list set."""
    key = id(wl)
    if key not in _ACTOR_WORDS or _ACTOR_WORDS[key][0] is not wl:
        citizen = (wl.get("main_clause_subjects", frozenset()) - {"vi", "jeg"}) | wl.get(
            "second_person", frozenset()
        )
        stops = citizen | wl.get("report_cues", frozenset()) | {"bg", "bg.", "og", "men"}
        _ACTOR_WORDS[key] = (wl, tuple(sorted(wl.get("other_actors", ()))), frozenset(stops))
    return _ACTOR_WORDS[key][1:]


def _clause(lowers: list[str], a: int, s: int, e: int, b: int, boundary: frozenset[str]):
    """Token range of the clause around lowers[s:e] inside the segment lowers[a:b]."""
    lo = s
    while lo > a and lowers[lo - 1] not in boundary:
        lo -= 1
    hi = e
    while hi < b and lowers[hi] not in boundary:
        hi += 1
    return lo, hi


def _through_dates_in_brackets(lowers: list[str], hi: int, b: int, wl: dict[str, frozenset[str]]) -> int:
    """The clause end moved past a bracket that holds only dates ("ikke været her mandag og
    tirsdag (7. og 8. juni)": the brackets say which days), else hi."""
    words = wl.get("date_list_words", ())
    start = hi
    while start < min(b, hi + 6) and lowers[start] in words:  # "mandag og tirsdag (...)"
        start += 1
    if start >= b or lowers[start] != "(":
        return hi
    for j in range(start + 1, min(b, start + 12)):
        w = lowers[j]
        if w == ")":
            return j + 1 if j > start + 1 else hi
        if not (any(ch.isdigit() for ch in w) or w in words):
            return hi
    return hi


def _prev_word(lowers: list[str], a: int, s: int, skip: frozenset[str]) -> str | None:
    """The word before position s, skipping possessives, articles and the like (data:
    wordlist prev_word_skip)."""
    i = s - 1
    while i >= a and lowers[i] in skip:
        i -= 1
    return lowers[i] if i >= a else None


def _failure_setting(
    lowers: list[str],
    lemmas: list[str],
    title_words: set[str],
    wl: dict[str, frozenset[str]],
    first_upper: bool = False,
) -> str | None:
    """Whether a failure was from a tilbud or a samtale, from the words of its sentence (then
    its note's title): a tilbud's name or a word ending like one ("jobværkstedet",
    "arbejdsprøvningen"), or a meeting word (as written: the lemma of "mødte" is "møde" too).
    Without either: a failure to take part ("har ikke deltaget") or one reported by the place
    ("Børnehaven oplyser, ...", "Park og Vej: bg. ikke mødt") is from a tilbud; the kommune's
    own meetings are not reported by others (data: tilbud_verbs, report_cues, own_reporters)."""
    # also as typed without æøå ("jobvaerkstedet")
    endings = wl.get("tilbud_endings", frozenset())
    suffixes = tuple(endings | {w.translate(_FOLD) for w in endings})

    def named(pool: set[str], lemma_pool: set[str]) -> str | None:
        if (pool | lemma_pool) & wl["fra_tilbud"] or any(w.endswith(suffixes) for w in pool if len(w) > 5):
            return "tilbud"
        return "samtale" if pool & wl["fra_samtale"] else None

    found = named(set(lowers), set(lemmas))
    if found:
        return found
    if set(lemmas) & wl.get("tilbud_verbs", frozenset()):
        return "tilbud"
    if (
        first_upper
        and lowers
        and lowers[0] not in wl.get("own_reporters", ())
        and any(w in wl.get("report_cues", ()) for w in lowers[1:4])
    ):
        return "tilbud"
    return named(title_words, set())


_DEFINITE_ENDINGS = frozenset({"n", "en", "t", "et", "ne", "rne", "erne", "ene"})
_ADJACENT = re.compile(r"\s*(?:(?:den|d\.|af|fra|på|for)\s*)?", re.IGNORECASE)


def _definite_noun(lowers: list[str], lemmas: list[str], s: int) -> bool:
    """Whether the trigger at s is a noun in the definite form ("partshøringen",
    "udeblivelserne"): a form other than its lemma with a definite ending."""
    word, lemma = lowers[s], lemmas[s]
    return word != lemma and word.startswith(lemma) and word[len(lemma) :] in _DEFINITE_ENDINGS


def _determined(lowers: list[str], a: int, s: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the noun at s follows a definite determiner, perhaps with a numeral between
    ("for de to udeblivelser", "denne udeblivelse"): a known act, as its definite form is."""
    k = s - 1
    if k > a and (lowers[k].isdigit() or lowers[k] in wl.get("numerals", ())):
        k -= 1
    return k >= a and lowers[k] in wl.get("definite_determiners", ())


def _past_state(lowers: list[str], a: int, s: int, wl: dict[str, frozenset[str]]) -> bool:
    """Whether the trigger is a state participle told in the past ("du var indkaldt til
    samtale i dag", "han var vejledt om ..."): a past auxiliary right before it, or with one
    recall word between ("var allerede vejledt")."""
    if lowers[s] not in wl.get("recalled_state", ()):
        return False
    aux, recall = wl.get("past_state_aux", ()), wl.get("recall_words", ())
    before = lowers[max(a, s - 2) : s]
    if not before:
        return False
    return before[-1] in aux or (len(before) == 2 and before[0] in aux and before[1] in recall)


def _names_known_act(
    lowers: list[str],
    lemmas: list[str],
    a: int,
    s: int,
    e: int,
    b: int,
    wl: dict[str, frozenset[str]],
    perfect_is_act: bool = False,
) -> bool:
    """Whether the sentence speaks of an act as already known rather than performing or
    recording it: the trigger is a noun in the definite form ("partshøringen",
    "indkaldelsen", "udeblivelsen") or follows a word that points back ("svar på", "for",
    "efter"), or it is a definite noun and no act verb ("sendt", "afholdt", "truffet") stands in
    the sentence."""
    # An act described in the past tense ("første indk. var uden oplysning om konsekvens",
    # "indkaldelsen var vores velkomstbrev"): known already, whatever else the sentence does.
    nxt = e + 1 if e < b and lowers[e] == "." else e  # past an abbreviation's dot
    if nxt < b and lowers[nxt] in wl.get("described_act", ()):
        return True
    # The three words before the trigger, leaving out an abbreviation's dot ("bem. til PH") and
    # the words between a pointer and its act (data: between_reference; "svaret på min
    # partshøring", "ingen reaktion fra borger på PH"). A word pointing back right before the
    # trigger, or with "på"/"til" between, makes it a mention whatever act the rest of the
    # sentence records ("Hendes svar på partshøringen er gennemgået", "ingen svar paa ph. afg om
    # fradrag sendt": the act verb is the other thing's; but "ingen bemærkn fra bg. afg fradrag
    # sendt" records the decision).
    between = wl.get("between_reference", frozenset())
    before = [w for w in lowers[max(a, s - 7) : s] if w != "." and w not in between][-3:]
    refer_back = wl.get("refer_back", frozenset())
    if before and (
        before[-1] in wl.get("refer_back_prepositions", ())
        or (len(before) > 1 and before[-1] in ("på", "til") and before[-2] in refer_back)
    ):
        return True
    if any(w in _SENT or w in wl.get("act_cues", ()) for w in lowers[a:b]):
        return False
    # The trigger noun: the match's first token for a one-token match or when the last token
    # is a participle the lemma table shares with nouns ("skærpet" next to "mødet").
    # The trigger noun is the match's first token ("vejledning ... om skærpet": the last
    # token is a participle, and the lemma table cannot tell "skærpet" from "mødet").
    # (Also a participle on -et, "er igen udeblevet": a state recalled, so a mention too.)
    # (a form of the lemma with a definite ending: "mødet", "partshøringen"; a strong verb's
    # participle, "udeblevet" of "udeblive", is no noun: "Borger udeblevet fra samtalen")
    definite = (
        lowers[s] != lemmas[s]
        and lowers[s].endswith(("en", "et", "erne", "ene"))
        and (lowers[s].startswith(lemmas[s][:-1]) or not lowers[s].endswith("et"))
    )
    # (kind rule perfect_is_act: "Ankestyrelsen har ophævet ..." is the perfect, an act told,
    # where "er igen udeblevet" recalls a state)
    definite = (
        definite and not (perfect_is_act and s > a and lowers[s - 1] in wl.get("perfect_aux", ()))
    ) or _determined(lowers, a, s, wl)
    # "er tidligere sanktioneret og er vejledt om ...", "er også vejledt": a state recalled,
    # not the act recorded ("hun er vejledt om ..." in a meeting's note is the act).
    stative = lowers[s] in wl.get("recalled_state", ()) and any(
        w in wl.get("recall_words", ()) for w in lowers[a:s]
    )
    return definite or stative or any(w in refer_back for w in before)


_ABOUT = frozenset({"ang", "ang.", "angående", "vedr", "vedr.", "vedrørende", "ifm", "ifm."})


def _date_role(kind: str, words: list[str], relative: bool, dated_note: bool = False) -> str:
    """What a date in the sentence is for this event: its own date or a detail.

    An act the kommune performs (a summons, partshøring, decision, vejledning) written in a
    dated note happened on the note's date; a date in its sentence is a detail (the failure,
    the period, the meeting, the deadline) unless the sentence ties it to the act ("sendt den
    14.3.", "afgørelse af 19-03-2018").
    """
    near = words[-3:]
    if kind != "udeblivelse" and near and near[-1].startswith(_FAILURE_WORDS):
        return "udeblivelse_dato"  # "PH sendt om fradrag for fraværet i mandags": the failure's
    if relative and kind in LETTER_OWN_KINDS and near[-1:] and near[-1].startswith(_MEETING):
        # "PH om påtænkt fradrag for samtalen i går": the day is the meeting's, not the act's
        return "udeblivelse_dato" if kind in {"afgoerelse", "partshoering"} else "moede_dato"
    if relative:
        return "own"
    if kind != "udeblivelse" and near[-1:] and near[-1] in _ABOUT:
        # "PH sendt ang. 15.04.": the date of what the act is about, not of the act
        return "udeblivelse_dato" if kind in {"afgoerelse", "partshoering"} else "naevnt_dato"
    if any(w in _FRIST for w in near):
        return "frist"
    if any(w in _SENT for w in near[-2:]) and near[-1] != "til":
        return "own"  # "sendt den 14.3."; but "indk sendt til 3/12": sent for that day
    if kind == "indkaldelse" and near[-1:] == ["til"]:
        return "moede_dato"
    if dated_note and kind in LETTER_OWN_KINDS:
        if near[-1:] == ["af"] or near[-2:] == ["af", "den"]:
            return "own"  # "afgørelsen af 19-03-2018"
        meeting = [k for k, w in enumerate(words) if w.startswith(_MEETING)]
        if (
            meeting
            and kind != "indkaldelse"
            and any(w in {"ved", "på", "under"} for w in words[max(0, meeting[-1] - 2) : meeting[-1]])
        ):
            return "own"  # "vejledt ved første jobsamtale den 2. maj": given at that meeting
        if kind == "indkaldelse" or meeting:
            return "moede_dato"
        if any(w in _VIRKNING for w in near[-2:]):
            return "virkning"
        if kind in {"afgoerelse", "partshoering"} and (
            any(w.startswith(_FAILURE_WORDS) for w in words)
            or any(w in {"for", "fradrag", "fradraget"} for w in near)
        ):
            return "udeblivelse_dato"
        return "naevnt_dato"
    if kind == "indkaldelse":
        return "moede_dato"
    if kind != "udeblivelse" and any(
        w == "til" and nxt.startswith(_MEETING) for w, nxt in itertools.pairwise(words)
    ):
        return "moede_dato"  # "indkaldt til samtale den 16/5": the meeting, not the event
    if kind == "afbud" and any(w.startswith(_MEETING) for w in near):
        return "moede_dato"
    if kind in {"afgoerelse", "partshoering", "vejledning", "klage", "omgoerelse"} and any(
        w.startswith(_FAILURE_WORDS) for w in words
    ):
        return "udeblivelse_dato"
    if kind in {"klage", "omgoerelse"} and any(w.startswith("afgørelse") for w in near):
        return "afgoerelse_dato"
    if kind != "udeblivelse" and any(w in _VIRKNING for w in near[-2:]):
        return "virkning"
    return "own"


def _of_another_act(kind: str, words: list[str], kinds: dict[str, dict[str, Any]]) -> str | None:
    """The role of a date that dates another act the sentence names: "Afg. af 02.05.
    omgøres" dates the decision, not the omgørelse ("afgoerelse_dato"). The act is the noun
    just before "af" ("af den"), read by the noun beginnings of each kind (data: kind entry
    "nouns"); a noun of the event's own kind leaves the date to the event. Only for the kinds
    that act upon an earlier act (data: "dated_apart_from_acts_it_names": a klage, an
    omgørelse)."""
    if not kinds.get(kind, {}).get("dated_apart_from_acts_it_names"):
        return None
    tail = words[-3:]
    if tail[-1:] == ["af"]:
        noun = tail[-2] if len(tail) >= 2 else ""
    elif tail[-2:] == ["af", "den"]:
        noun = tail[-3] if len(tail) >= 3 else ""
    else:
        return None
    for other, rule in kinds.items():
        if noun.startswith(tuple(rule.get("nouns", ()))):
            return None if other == kind else f"{other}_dato"
    return None


def _amount(text: str) -> float | None:
    m = _AMOUNT_RE.search(text)
    if not m:
        return None
    whole = m.group(1).replace(".", "")
    return float(f"{whole}.{m.group(2) or 0}")


def _decision_details(lemmas: list[str], text: str, wl: dict[str, frozenset[str]]) -> dict:
    """Type, days and amount of a sanction decision from its sentence."""
    details: dict[str, Any] = {}
    lemma_set = set(lemmas)
    for kind in ("skaerpet", "fradrag", "nedsaettelse", "ophoer"):
        if lemma_set & wl[f"type_{kind}"]:
            details["type"] = kind
            break
    m = _DAYS_RE.search(text)
    if m:
        raw = m.group(1).lower()
        details["dage"] = int(raw) if raw.isdigit() else _NUMBERS[raw]
    amount = _amount(text)
    if amount is not None:
        details["beloeb"] = amount
    return details


# --- the extractor ------------------------------------------------------------------------


def _events_from_doc(
    doc: Doc,
    document: str,
    doc_date: date | None,
    notes: list[CaseNote],
    nlp: Language,
    text: str | None = None,
) -> list[CaseEvent]:
    """All events in one parsed document (text: doc.text, when the caller has it)."""
    compiled = _matcher(nlp)
    by_hash = compiled.by_hash
    if not notes or not len(doc):
        return []
    sent_starts = _sentence_starts(doc)
    strings = _token_strings(doc)
    # Token offsets, lengths and spaces as lists (doc[i] builds a Token object per access).
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    idx, space, length = (list(col) for col in zip(*doc.to_array([IDX, IS_SPACE, LENGTH]).tolist()))
    matches = _gated_matches(compiled, doc, sent_starts, strings)
    if not matches:
        return []
    patterns = load_patterns()
    wl, set_groups = patterns.wordlists, patterns.set_groups
    text = doc.text if text is None else text
    sent_ends = sent_starts[1:] + [len(doc)]
    note_starts = [n.start for n in notes]

    # Group matches by (sentence, note) segment.
    segments: dict[tuple[int, int], list[tuple[dict, int, int]]] = {}
    for match_id, s, e in matches:
        char = idx[s]
        ni = bisect.bisect_right(note_starts, char) - 1
        if ni < 0 or char >= notes[ni].end:
            continue  # a note header line
        si = bisect.bisect_right(sent_starts, s) - 1
        segments.setdefault((si, ni), []).append((by_hash[match_id], s, e))

    # The matched groups of each segment (for a requirement met by the sentence before).
    matched_groups = {
        seg: {entry["group"] for entry, _, _ in found if entry["type"] == "group"}
        for seg, found in segments.items()
    }
    # A form is one record: the groups of all its fields count for each field's "requires"
    # ("Sanktionstype: Fradrag" and "Afgørelse sendt: Ja" are one decision).
    forms = {ni for ni in {ni for _, ni in segments} if is_form(notes[ni].text)}
    form_groups: dict[int, set[str]] = {}
    for (_, ni), found in segments.items():
        if ni in forms:
            form_groups.setdefault(ni, set()).update(
                entry["group"] for entry, _, _ in found if entry["type"] == "group"
            )
    if form_groups:
        f_lowers, f_lemmas = strings
        for ni in form_groups:
            span = doc.char_span(notes[ni].start, notes[ni].end, alignment_mode="expand")
            if span is None:
                continue
            low = set(f_lowers[span.start : span.end])
            lem = set(f_lemmas[span.start : span.end])
            form_groups[ni] |= {
                g for g, attr, words in set_groups if words & (lem if attr == "LEMMA" else low)
            }
    events: list[CaseEvent] = []
    note_details: dict[int, list[tuple[tuple[int, int], dict, Any]]] = {}
    decision_told: set[tuple[int, int]] = set()  # sentences whose subject is the decision letter
    event_segs: list[tuple[int, int]] = []
    lowers_cache, lemmas_cache = strings
    undated_refs: set[tuple[str, bool, date | None, int, int]] = set()
    for (si, ni), found in sorted(segments.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        note = notes[ni]
        a, b = sent_starts[si], sent_ends[si]
        while a < b and (idx[a] < note.start or space[a]):
            a += 1
        while b > a and (idx[b - 1] >= note.end or space[b - 1]):
            b -= 1
        if a >= b:
            continue
        lowers = lowers_cache
        seg_start, seg_end = idx[a], idx[b - 1] + length[b - 1]
        seg_text = text[seg_start:seg_end]
        groups = {entry["group"] for entry, _, _ in found if entry["type"] == "group"}
        if any(entry["type"] != "group" for entry, _, _ in found):
            seg_lowers = set(lowers[a:b])
            seg_lemmas = set(lemmas_cache[a:b])
            for group, attr, words in set_groups:
                if group not in groups and words & (seg_lemmas if attr == "LEMMA" else seg_lowers):
                    groups.add(group)
        base = note.date or doc_date
        dates = None
        # where the sentence says that what follows is not on file ("kan ikke finde i sagen, at")
        doubt = wl.get("not_on_file", frozenset())
        doubt_at = next(
            (i for i in range(a, b - 1) if lowers[i + 1] in doubt and lowers[i] in wl["negation"]), None
        )
        seg_events: dict[tuple[str, bool, date | None], CaseEvent] = {}
        for entry, s, e in sorted(found, key=lambda m: (m[1], -m[2])):
            etype = entry["type"]
            if etype == "group":
                continue
            negated, negator = (
                _negated(lowers, a, s, e, b, wl, shielded=etype == "event")
                if entry.get("negation", True)
                else (False, None)
            )
            judged_not = False
            if negated and entry.get("negation") == "assessment" and negator is not None:
                # "at han sov over sig er ikke (en) rimelig grund", "Vurd.: ikke rimelig
                # grund": the negation is the outcome of an assessment of the reason, not a
                # denial that a reason was given ("har ikke oplyst en rimelig grund").
                # ("det er ikke en rimelig grund", "at det ikke er en rimelig grund": the
                # copula and article between, wordlist assessment_gap)
                adjacent = (
                    lowers[negator] == "ikke"
                    and 0 < s - negator
                    and (
                        s - negator <= 2
                        or all(w in wl.get("assessment_gap", ()) for w in lowers[negator + 1 : s])
                    )
                )
                assessing = any(w in wl["assessment"] for w in lemmas_cache[a:b]) or bool(
                    groups & set(patterns.kinds.get(entry.get("kind", ""), {}).get("assessed_by", ()))
                )
                judged_not = adjacent or assessing
                negated = not judged_not
            if etype == "detail":
                value = entry["value"]
                how = entry.get("on_negation", "invert")
                if negated and how == "invert" and isinstance(value, bool):
                    value = not value
                elif how == "assessment" and _assessment_negated(doc, lowers, a, s, wl):
                    value = False
                if all(g in groups for g in entry.get("requires", ())):
                    note_details.setdefault(ni, []).append(((si, ni), entry, value))
                    if lowers[a] in wl.get("decision_subjects", ()):
                        decision_told.add((si, ni))
                continue
            kind = entry["kind"]
            kind_rule = patterns.kinds.get(kind, {})
            if (
                not all(g in groups or g in form_groups.get(ni, ()) for g in entry.get("requires", ()))
                and not (
                    entry.get("requires_in_previous_sentence")
                    and all(
                        g in groups
                        or g
                        in _previous_sentence_groups(
                            lowers, lemmas_cache, sent_starts, si, note, doc, set_groups
                        )
                        or g in matched_groups.get((si - 1, ni), ())
                        for g in entry["requires"]
                    )
                )
                and not (
                    entry.get("told_in_mail")
                    and note.source == "mail"
                    and any(w in wl.get("first_person", ()) for w in lowers[a:b])
                )
            ):
                continue  # ("told_in_mail": a mail's writer telling in the first person)
            if entry.get("requires_any") and not groups & set(entry["requires_any"]):
                continue
            if (
                entry.get("requires_in_notes")
                and not note.is_letter
                and note.source != "mail"
                and not _sentence_has(lowers[a:b], entry["requires_in_notes"], wl)
            ):
                continue  # a warning told in a note counts when it cites what was written
            if groups & (set(entry.get("excludes", ())) | set(kind_rule.get("excludes", ()))):
                continue
            if entry.get("excludes_in_previous_sentence") and set(entry["excludes_in_previous_sentence"]) & (
                _previous_sentence_groups(lowers, lemmas_cache, sent_starts, si, note, doc, set_groups)
            ):
                continue  # "Arbejdsgiver raskmelder fra 29-04. Sygedagpenge ophører."
            if _field_not_applicable(lowers, e, b, wl):
                continue  # "Partshøring: ikke aktuelt": the form says the act does not apply
            before_at = s - 1
            while before_at > a and any(c.isdigit() for c in lowers[before_at]):
                before_at -= 1  # "bussen 128 ikke kom", "linje 5A": the name is the vehicle's
            if before_at >= a and lowers[before_at] in entry.get("excludes_before", ()):
                continue
            if doubt_at is not None and doubt_at < s:
                continue  # "kan ikke finde i sagen, at han har fået vejledningen": not on file
            if e < b and lowers[e] in entry.get("excludes_after", ()):
                continue  # "der var ikke kommet noget afbud": the thing that did not come
            if (
                e < b
                and lowers[e] in entry.get("excludes_particle", ())
                and (e + 1 >= b or lowers[e + 1] in wl["boundary"] or not lowers[e + 1].isalnum())
            ):
                continue  # "gardinerne trukket for og ...": the verb with its particle
            if entry.get("hypothetical", "drop") == "drop":
                if _under_condition(lowers, a, s, wl):
                    continue
                if kind_rule.get("condition_after") and _condition_follows(
                    lowers, e, b, wl["hypothetical"], int(kind_rule["condition_after"])
                ):
                    continue  # "vi trækker i hjælpen, hvis du ikke kommer": a warning
                lo, hi = _clause(lowers, a, s, e, b, wl["boundary"])
                if _modal_before(
                    lowers, _after_finite_verb(lowers, lo, s), s, wl, bool(kind_rule.get("inability_is_fact"))
                ):
                    continue
                if (
                    kind_rule.get("future_is_no_event")
                    and not note.is_letter
                    and any(w in wl.get("future_act", ()) for w in lowers[a:b])
                ):
                    continue  # "Næste samt. indk. følger.", "sender den i e-Boks senere": promised
                reach = int(kind_rule.get("modal_reach", 0))
                if reach and (
                    any(w in wl["modal"] for w in lowers[max(a, s - reach) : s])
                    or lowers[a] in wl.get("imperative", ())
                ):
                    continue  # "han skal ringe og melde afbud", "Meld afbud på tlf. ...": an instruction
                if any(w in wl.get("question", ()) for w in lowers[lo:s]):
                    continue  # "spørger hvornår fradraget trækkes", "fx om din mor var indlagt"
                if _inverted_condition(lowers, a, s, b, wl):
                    continue  # "Udebliver du fra et tilbud, trækkes du for de dage": a rule
                if kind_rule.get("others_act") and _others_act(lowers, lo, e, hi, wl):
                    continue  # "indkaldelse fra sygehuset", "de havde fået et afbud"
                if kind_rule.get("others_subject") and _others_subject(lowers, a, s, wl):
                    continue  # "den fremmødetolk, der var bestilt, havde meldt fra"
            word_before = _prev_word(lowers, a, s, wl.get("prev_word_skip", frozenset()))
            if kind in TOPIC_KINDS and word_before in wl["topic"]:
                continue
            if word_before in kind_rule.get("topic_words", ()):
                continue  # "konsekvens (stop af sygedagpenge)": what guidance is about
            if kind in GENERIC_KINDS and _reason_for_infinitive(lowers, a, s, wl):
                continue  # "ikke en rimelig grund til at udeblive": what the reason would be for
            if kind in GENERIC_KINDS and any(
                lowers[i] in wl.get("generic", ())
                and _stands_alone(doc, i)
                and (i >= e or any(w.startswith(_FAILURE_WORDS) for w in lowers[a:i]))
                for i in range(a, b)
            ):
                # "udeblivelse uden rimelig grund giver fradrag": a rule, not an event; so is
                # the rest of the sentence that tells it ("... medfører fradrag for de dage,
                # han udebliver")
                continue
            # Dates in the sentence: the event's own, or details.
            if dates is None:
                dates = find_dates(seg_text, today=base)
            lo, hi = _clause(lowers, a, s, e, b, wl["boundary"])
            if hi < b and lowers[hi] == ":" and lowers[a] == lowers[s] and ni in forms:
                # A form field names its act, the value after the colon is its date
                # ("Indkaldelse sendt: 05.11.2024").
                _, hi = _clause(lowers, a, hi + 1, hi + 1, b, wl["boundary"])
            hi = _through_dates_in_brackets(lowers, hi, b, wl)
            clause_lo = idx[lo] - seg_start
            clause_hi = idx[hi - 1] + length[hi - 1] - seg_start
            own: date | None = None
            more_own: list[date] = []
            last_end = None
            details: dict[str, Any] = dict(entry.get("details", {}))
            if judged_not:
                details.update(vurderet=True, vurdering="ikke_rimelig")
            if entry.get("weak_in_letters"):
                details[_WEAK] = True
            # A known act named by its definite noun ("udeblivelserne", "partshøringen") owns
            # only a date written right after it ("udeblivelsen den 14.3."); a date further on
            # is the sentence's verb's ("har bekræftet udeblivelserne i telefonen i går").
            known_noun = kind_rule.get("definite_owns_adjacent_date") and (
                _definite_noun(lowers, lemmas_cache, s) or _determined(lowers, a, s, wl)
            )
            trigger_end = idx[e - 1] + length[e - 1] - seg_start
            trigger_start = idx[s] - seg_start
            before_clause: list[tuple[int, int, date]] = []
            for ds, de, d in dates:
                before = _WORD_RE.findall(seg_text[max(0, ds - 45) : ds].lower())[-5:]
                relative = seg_text[ds:de].lower().startswith("i ")
                role = _of_another_act(kind, before, patterns.kinds) or _date_role(
                    kind, before, relative, dated_note=base is not None
                )
                if (
                    role != "own"
                    and kind in LETTER_OWN_KINDS
                    and before[-1:]
                    and before[-1] in _AUX
                    and 0 <= trigger_start - de <= 1
                    and not seg_text[de:trigger_start].strip()
                ):
                    role = "own"  # "ankest har 14/1 ophævet vores afg.": the date of the verb after "har"
                if (
                    role == "own"
                    and known_noun
                    and not (0 <= ds - trigger_end and _ADJACENT.fullmatch(seg_text[trigger_end:ds]))
                ):
                    role = "naevnt_dato"
                if (
                    role == "own"
                    and kind_rule.get("sentence_date") == "detail"
                    and base is not None
                    and not note.is_letter
                ):
                    role = "naevnt_dato"  # "indlagt natten til 18.08." told on the note's day
                if role == "own":
                    if own is None and clause_lo <= ds < clause_hi:
                        own, last_end = d, de
                        if kind == "udeblivelse":
                            # "mandag den 20. og tirsdag den 21. februar kom hun ikke": the
                            # days listed before the clause's own date are failures too
                            at = ds
                            for p_ds, p_de, p_d in reversed(before_clause):
                                if not _LIST_GAP.fullmatch(seg_text[p_de:at]):
                                    break
                                more_own.insert(0, p_d)
                                at = p_ds
                    elif own is None and ds < clause_lo:
                        before_clause.append((ds, de, d))
                    elif (
                        own is not None
                        and kind == "udeblivelse"
                        and last_end is not None
                        and _LIST_GAP.fullmatch(seg_text[last_end:ds])
                    ):
                        more_own.append(d)  # "udeblev den 20. april og 21. april"
                        last_end = de
                    elif (
                        own is not None
                        and kind == "udeblivelse"
                        and last_end is not None
                        and _RANGE_GAP.fullmatch(seg_text[last_end:ds])
                    ):
                        # "ikke mødt man-ons 11.-13.12.": every day of the range
                        start = more_own[-1] if more_own else own
                        more_own.extend(start + timedelta(days=k) for k in range(1, (d - start).days + 1))
                        last_end = de
                else:
                    details.setdefault(role, d.isoformat())
            if (
                own is None
                and kind in ("udeblivelse", "afbud")
                and before_clause
                and _WEEKDAY_ONLY.fullmatch(seg_text[: before_clause[0][0]])
            ):
                # "Mandag den 6. maj ringede mentor og fortalte, at borger ikke var mødt": a
                # date that opens the sentence sets the day of all it tells
                own = before_clause[0][2]
            if kind in REFERENCE_WORDS:
                reference = REFERENCE_WORDS[kind]
                ref_words = reference if reference is not None else wl["reference"]
                if word_before in ref_words and own is None:
                    details["omtale"] = True  # "fradrag for udeblivelse": the timeline links it
            if own is not None:
                event_date: date | None = own
            elif note.is_letter and kind not in LETTER_OWN_KINDS:
                event_date = None
            else:
                event_date = base
            negated = bool(entry.get("negated")) or negated
            if negated and kind_rule.get("negated_is_no_event"):
                continue  # "ingen udeblivelser i forløbet": nothing happened, so nothing to find
            if kind == "afgoerelse":
                lemmas = lemmas_cache[a:b]
                for k, v in _decision_details(lemmas, seg_text, wl).items():
                    details.setdefault(k, v)
            elif kind == "udeblivelse":
                title_words = set(_WORD_RE.findall((note.title or "").lower()))
                form = ni in forms
                if form:  # a form is one record: "Samtale: Jobsamtale 13:00"
                    title_words |= set(_WORD_RE.findall(note.text.lower()))
                # (a form's "Fremmøde: Nej" is a field, not a place reporting "Park og Vej:")
                details_fra = _failure_setting(
                    lowers[a:b], lemmas_cache[a:b], title_words, wl, doc[a].text[:1].isupper() and not form
                )
                if details_fra:
                    details["fra"] = details_fra
            elif kind == "rimelig_grund":
                # the note's heading says what it is ("02/02/2026 FAa – Vurdering")
                lem = set(lemmas_cache[a:b]) | set(lowers[a:b]) | _heading_words(note)
                if lem & wl["assessment"]:
                    details["vurderet"] = not _assessment_negated(doc, lowers, a, b, wl)
                elif groups & set(kind_rule.get("assessed_by", ())):
                    details["vurderet"] = True  # "jeg mener ikke, at det er en rimelig grund"
                elif lowers[a] in wl.get("reasons_heading", ()) and not negated:
                    details["vurderet"] = True  # "Begrundelse i afgørelsen: har oplyst at ..."
            if (
                note.is_letter
                and own is None
                and "vurderet" in details
                and kind_rule.get("assessed_in_letter") == "letter_date"
            ):
                event_date = base  # the letter's own assessment ("Det anser vi ikke for ...")
            if note.is_letter:
                if kind == "vejledning":
                    details.setdefault("form", "skriftlig")
                elif kind == "afgoerelse":
                    details.setdefault("skriftlig", True)
            if own is None and "begrundelse" in groups and kind in RESTATED_IN_REASONS:
                continue  # the reasons of a decision restate earlier events
            if own is None and kind in RESTATED_KINDS:
                undated_refs.add((kind, negated, event_date, si, ni))
            if _past_state(lowers, a, s, wl):
                # "du var indkaldt til samtale i dag": the sentence's date is the meeting's, the
                # summons is known already
                details["omtale"] = True
            elif own is not None:
                details["dato_i_saetning"] = True
            if own is None and _names_known_act(
                lowers, lemmas_cache, a, s, e, b, wl, bool(kind_rule.get("perfect_is_act"))
            ):
                details["omtale"] = True  # "svar på partshøringen": the act is known already
            elif kind_rule.get("definite_is_mention") and _definite_noun(lowers, lemmas_cache, s):
                details["omtale"] = True  # "klagen er genvurderet": the jobcentre's act on a known klage
            rel_start = len(seg_text) - len(seg_text.lstrip())
            for when in [event_date, *more_own]:
                key = (kind, negated, when)
                if key in seg_events:
                    merged = {**details, **seg_events[key].details}
                    if _WEAK not in details or _WEAK not in seg_events[key].details:
                        merged.pop(_WEAK, None)  # one strong sign of the act makes it strong
                    seg_events[key] = replace(seg_events[key], details=merged)
                    continue
                seg_events[key] = CaseEvent(
                    kind=kind,
                    date=when,
                    negated=negated,
                    evidence=seg_text.strip(),
                    document=document,
                    start=seg_start + rel_start,
                    end=seg_start + len(seg_text.rstrip()),
                    matched=doc[s:e].text,
                    details=dict(details),
                )
        acted = {ev.kind for ev in seg_events.values() if not ev.details.get("omtale") and not ev.negated}
        for ev in seg_events.values():
            # "Ankestyrelsen har ophævet afg. om ophør": the act the sentence performs on another
            # (kind rule "object_of") makes that one a known act, mentioned
            if set(patterns.kinds.get(ev.kind, {}).get("object_of", ())) & acted and not ev.details.get(
                "omtale"
            ):
                ev = replace(ev, details={**ev.details, "omtale": True})
            events.append(ev)
            event_segs.append((si, ni))
    # A decision restates the failure ("Begrundelse: du er udeblevet ..."); without its own
    # date that is not a new udeblivelse on the decision's date.
    # So does a partshøring in its own sentence ("sendt partshøring, hvor hun bliver spurgt, om
    # der var en grund til, at hun ikke kom").
    decided = {ni for ev, (_, ni) in zip(events, event_segs) if ev.kind == "afgoerelse" and not ev.negated}
    heard = {seg for ev, seg in zip(events, event_segs) if ev.kind == "partshoering" and not ev.negated}
    keep = [
        k
        for k, (ev, (si, ni)) in enumerate(zip(events, event_segs))
        if not (
            (ni in decided or (si, ni) in heard) and (ev.kind, ev.negated, ev.date, si, ni) in undated_refs
        )
    ]
    events = [events[k] for k in keep]
    event_segs = [event_segs[k] for k in keep]
    events = _attach_note_details(events, event_segs, note_details, decision_told)
    events, event_segs = _dated_by_a_form_field(events, event_segs, notes, forms, patterns.kinds)
    events, event_segs = _dated_by_the_note(events, event_segs, patterns.kinds)
    events, event_segs = _told_under_its_heading(events, event_segs, notes)
    events, event_segs = _about_other_matters(events, event_segs, notes, patterns.kinds)
    letters = {ni for ni, n in enumerate(notes) if n.is_letter}
    if letters:
        events = _letters_as_acts(
            events, event_segs, letters, notes, patterns.orders.get("letter_act_rank", ()), patterns.kinds
        )
    events = _implied_events(events, patterns.kinds)
    return [
        replace(e, details={k: v for k, v in e.details.items() if k != _WEAK}) if _WEAK in e.details else e
        for e in events
    ]


_WEAK = "_svag_i_brev"  # set while extracting, removed before events leave the module


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@functools.lru_cache(maxsize=16)
def _stems_re(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(s.translate(_FOLD)) for s in stems) + ")")


def _about_other_matters(
    events: list[CaseEvent],
    event_segs: list[tuple[int, int]],
    notes: list[CaseNote],
    kinds: dict[str, dict[str, Any]],
) -> tuple[list[CaseEvent], list[tuple[int, int]]]:
    """Drop acts whose note is about another matter (data: a kind entry's "other_matter":
    word stems of the matter and of the sanction that keeps the act): "Revurdering:
    sygedagpenge forlænges ... Afgørelse sendt m/ klagevejledning" is a decision on an
    extension, not on a sanction. Stems are matched at word starts, with æøå written out."""
    keep: list[int] = []
    for k, (ev, (_si, ni)) in enumerate(zip(events, event_segs)):
        rule = kinds.get(ev.kind, {}).get("other_matter")
        if rule and not ev.negated and 0 <= ni < len(notes):
            note = notes[ni]
            text = f"{note.title or ''}\n{note.text}".lower().translate(_FOLD)
            if _stems_re(tuple(rule["matter"])).search(text) and not _stems_re(tuple(rule["unless"])).search(
                text
            ):
                continue
        keep.append(k)
    return [events[k] for k in keep], [event_segs[k] for k in keep]


def _implied_events(events: list[CaseEvent], kinds: dict[str, dict[str, Any]]) -> list[CaseEvent]:
    """Acts that another act is as well (data: a kind entry's "implies"): a summons that
    states the consequence of not coming is written guidance on that consequence on the
    same day. Added right after the act, on its evidence, unless an event of the implied
    kind already stands on that day."""
    out: list[CaseEvent] = []
    for ev in events:
        out.append(ev)
        if ev.negated:
            continue
        for rule in kinds.get(ev.kind, {}).get("implies", ()):
            if any(ev.details.get(k) != v for k, v in rule["when"].items()):
                continue
            if any(e.kind == rule["kind"] and e.date == ev.date for e in events):
                continue
            out.append(replace(ev, kind=rule["kind"], details=dict(rule["details"])))
    return out


HEADING_WORDS = 4
"""A note's first line of at most this many words, when more text follows, is its heading
("Udeblivelse og opringning", "Udebl.")."""


@functools.lru_cache(maxsize=4096)
def _heading_line(note: CaseNote) -> str | None:
    """The note's heading: its first line when it has at most HEADING_WORDS words and more
    text follows."""
    line, _, rest = note.text.lstrip().partition("\n")
    line = line.strip()
    return line if rest.strip() and line and len(line.split()) <= HEADING_WORDS else None


@functools.lru_cache(maxsize=4096)
def _heading_words(note: CaseNote) -> frozenset[str]:
    """The words of the note's title and heading in lower case ("vurdering")."""
    line = " ".join(x for x in (note.title, _heading_line(note)) if x)
    return frozenset(_WORD_RE.findall(line.lower()))


def _told_under_its_heading(
    events: list[CaseEvent], event_segs: list[tuple[int, int]], notes: list[CaseNote]
) -> tuple[list[CaseEvent], list[tuple[int, int]]]:
    """Drop an event found in a note's heading when the note's text tells an event of the same
    kind and negation: the heading names what the note is about ("15.09. Udeblivelse og
    opringning" over "... ikke kom til mødet i går"), the text tells when it happened."""

    in_heading = [
        (line := _heading_line(notes[seg[1]])) is not None and ev.evidence.strip() == line
        for ev, seg in zip(events, event_segs)
    ]
    if not any(in_heading):
        return events, event_segs
    told = {(ev.kind, ev.negated, seg[1]) for ev, seg, h in zip(events, event_segs, in_heading) if not h}
    keep = [
        k
        for k, (ev, seg) in enumerate(zip(events, event_segs))
        if not (in_heading[k] and (ev.kind, ev.negated, seg[1]) in told)
    ]
    return [events[k] for k in keep], [event_segs[k] for k in keep]


def _dated_by_the_note(
    events: list[CaseEvent], event_segs: list[tuple[int, int]], kinds: dict[str, dict[str, Any]]
) -> tuple[list[CaseEvent], list[tuple[int, int]]]:
    """Date an event without a date of its own in its sentence as its kind's data says
    ({"type": "kind"}): by a detail ("date_from_detail": an afbud for the meeting it cancels,
    "melder afbud til samtalen 6.6.") or else by the dated events of the kinds named in
    "date_from_kinds_in_note" in the same note ("Bg. ikke mødt 12., 13. og 14.10. Ingen
    afbud." is no afbud on each of the three days; "Afbud godkendt." after "melder afbud til
    samtalen 6.6." is that afbud), one event for each of their dates."""
    if not kinds:
        return events, event_segs
    events = list(events)
    dated = {k for k, e in enumerate(events) if e.details.get("dato_i_saetning")}
    for k, ev in enumerate(events):  # by a detail
        detail = kinds.get(ev.kind, {}).get("date_from_detail")
        when = detail_date(ev.details.get(detail)) if detail and k not in dated else None
        if when is not None:
            events[k] = replace(ev, date=when)
            dated.add(k)
    out: list[CaseEvent] = []
    segs: list[tuple[int, int]] = []
    for k, (ev, seg) in enumerate(zip(events, event_segs)):
        others = kinds.get(ev.kind, {}).get("date_from_kinds_in_note", ())
        whens: list[date | None] = (
            []
            if k in dated
            else list(
                dict.fromkeys(
                    o.date
                    for j, (o, oseg) in enumerate(zip(events, event_segs))
                    if j in dated
                    and o.kind in others
                    and oseg[1] == seg[1]
                    and o.date is not None
                    and (o.kind != "udeblivelse" or not o.negated)
                )
            )
        )
        for when in whens or [ev.date]:
            if whens and any(
                o.kind == ev.kind and o.date == when and o.negated == ev.negated and osg[1] == seg[1]
                for o, osg in zip(out, segs)
            ):
                continue  # the same afbud told twice in the note
            out.append(replace(ev, date=when) if when != ev.date else ev)
            segs.append(seg)
    return out, segs


def _dated_by_a_form_field(
    events: list[CaseEvent],
    event_segs: list[tuple[int, int]],
    notes: list[CaseNote],
    forms: set[int],
    kinds: dict[str, dict[str, Any]],
) -> tuple[list[CaseEvent], list[tuple[int, int]]]:
    """In a form, an event without a date in its own field takes the dates of the form's
    field its kind names ("date_from_form_field": "Fremmøde: Nej" with "Dato(er): 15.04.2024,
    16.04.2024" is a failure on each of those days), one event a date."""
    out: list[CaseEvent] = []
    segs: list[tuple[int, int]] = []
    for ev, seg in zip(events, event_segs):
        labels = kinds.get(ev.kind, {}).get("date_from_form_field")
        note = notes[seg[1]]
        whens: list[date] = []
        if labels and not ev.details.get("dato_i_saetning") and seg[1] in forms:
            for m in re.finditer(r"^[ \t]*([^:\n]{2,40}?)[ \t]*:[ \t]*([^\n]*)$", note.text, re.MULTILINE):
                if m.group(1).strip().lower() in labels:
                    whens = [d for _, _, d in find_dates(m.group(2), today=note.date)]
                    break
        if not whens:
            out.append(ev)
            segs.append(seg)
            continue
        for when in dict.fromkeys(whens):
            out.append(replace(ev, date=when, details={**ev.details, "dato_i_saetning": True}))
            segs.append(seg)
    return out, segs


def detail_date(value: Any) -> date | None:
    """A date an event's details hold (ISO text, "2023-03-14"), or None: the one reader of
    the dates in CaseEvent.details, for the timeline and the rules too."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _letters_as_acts(
    events: list[CaseEvent],
    event_segs: list[tuple[int, int]],
    letters: set[int],
    notes: list[CaseNote],
    ranked: tuple[str, ...],
    kinds: dict[str, dict[str, Any]] | None = None,
) -> list[CaseEvent]:
    """A letter is one act on its own date: the act of the highest rank its text shows
    (data: order letter_act_rank: a decision before a partshøring before a summons), with
    the details of every mention of that act merged; a summons or a letter of vejledning also
    gives the vejledning it states. Other acts it names are the past (a decision letter's
    account of the partshøring) and are left out, as are a klage (a letter from the kommune
    is not one) and reasons it does not assess. What it says of the citizen's acts stays, for
    the case timeline to link to the act it refers to."""
    kinds = kinds or {}
    out: list[CaseEvent] = []
    by_letter: dict[int, list[CaseEvent]] = {}
    for ev, (_si, ni) in zip(events, event_segs):
        (by_letter.setdefault(ni, []) if ni in letters else out).append(ev)
    for ni, found in by_letter.items():
        acts = [e for e in found if e.kind in ranked and not e.negated]
        # An act the letter names as known ("du fik at vide i indkaldelsen") is its past, and
        # a weak sign of an act ("vi trækker dig") is the letter's act only when nothing
        # stronger is.
        when = notes[ni].date
        acts = [e for e in acts if not e.details.get("omtale")] or acts
        acts = [e for e in acts if not e.details.get(_WEAK)] or acts
        main_kind = min((e.kind for e in acts), key=ranked.index, default=None)
        for e in found:
            if e.kind == main_kind and not e.negated:
                continue  # merged into the one act below
            if e.kind in ranked:
                # Another act named is the past, but for the vejledning a summons states and
                # the letter's own act negated ("uden partshøring").
                states = (
                    e.kind == "vejledning"
                    and main_kind in ("indkaldelse", "vejledning")
                    and e.details.get("type") == "konsekvens"
                )
                if states or e.kind == main_kind:
                    out.append(replace(e, date=when or e.date))
            elif e.kind != "klage" and (e.kind != "rimelig_grund" or "vurderet" in e.details):
                out.append(e)
        if main_kind is not None:
            act = next(e for e in acts if e.kind == main_kind)
            details: dict[str, Any] = {}
            for e in found:
                if e.kind == main_kind and not e.negated:
                    details.update({k: v for k, v in e.details.items() if k not in details})
            if (
                main_kind == "indkaldelse"
                and "konsekvens" not in details
                and not any(e.kind == "vejledning" and e.details.get("type") == "konsekvens" for e in found)
            ):
                # The whole letter is here: a summons that nowhere states the consequence of
                # not coming did not state it (the friendly first summons).
                details["konsekvens"] = False
            # A letter's own act; when the letter itself is in the folder (not a journal's
            # account of it), its text is all there and a rule may read what it says.
            whole: dict[str, Any] = {}
            if notes[ni].source == "brev":
                whole["brev"] = True
                # What a whole letter of this kind does not say, it lacks (data: kind entry
                # "whole_letter_lacks"): a decision letter without a word on klage has no
                # klagevejledning.
                for key, value in kinds.get(main_kind, {}).get("whole_letter_lacks", {}).items():
                    if key not in details and key not in act.details:
                        whole[key] = value
                if any(e.kind == "udeblivelse" for e in found):
                    whole["forseelse_naevnt"] = True  # "Du kom ikke til samtalen den 20. ..."
            out.append(replace(act, date=when or act.date, details={**details, **act.details, **whole}))
    return out


def _attach_note_details(
    events: list[CaseEvent],
    event_segs: list[tuple[int, int]],
    note_details: dict[int, list[tuple[tuple[int, int], dict, Any]]],
    decision_told: Collection[tuple[int, int]] = (),
) -> list[CaseEvent]:
    """Give each event the details its note states elsewhere (a summons' consequence, a
    decision's reasons); a detail in the event's own sentence wins. A detail of scope "case"
    in a note without an event it fits (an assessment written as a note of its own) goes to
    the first such event in a later note of the document."""
    notes_with: dict[int, set[str]] = {}
    for ev, (_si, ni) in zip(events, event_segs):
        notes_with.setdefault(ni, set()).add(ev.kind)
    forwarded: dict[int, list[tuple[tuple[int, int], dict, Any]]] = {}
    later_notes = sorted({ni for _si, ni in event_segs})
    for ni, found in note_details.items():
        for cseg, entry, value in found:
            if entry.get("scope") != "case" or notes_with.get(ni, set()) & set(entry["target"]):
                continue
            nxt = next(
                (n for n in later_notes if n > ni and notes_with.get(n, set()) & set(entry["target"])), None
            )
            if nxt is not None:
                forwarded.setdefault(nxt, []).append((cseg, entry, value))
    kinds_in_seg: dict[tuple[int, int], set[str]] = {}
    for ev, seg in zip(events, event_segs):
        kinds_in_seg.setdefault(seg, set()).add(ev.kind)

    def speaks_of_other(cseg: tuple[int, int], entry: dict) -> bool:
        """A sentence with an event the detail does not fit is about that event: 'ikke sendt
        skriftlige bemærkninger til partshøringen' says nothing of the decision's form."""
        # (a klagevejledning speaks of the citizen's klage: "Fastholder vi afgørelsen, sender vi
        # din klage videre til Ankestyrelsen"; entry key shares_sentence_with)
        # (a sentence whose subject is the decision letter, "Brevet har en begrundelse, der
        # gennemgår indkaldelsen af 2. april ...", is about the decision; word list
        # decision_subjects)
        if cseg in decision_told:
            return False
        return bool(
            kinds_in_seg.get(cseg, set()) - set(entry["target"]) - set(entry.get("shares_sentence_with", ()))
        )

    out = []
    for ev, seg in zip(events, event_segs):
        details = dict(ev.details)
        ni = seg[1]
        candidates = [
            c
            for c in note_details.get(ni, []) + forwarded.get(ni, [])
            if ev.kind in c[1]["target"] and (c[0] == seg or not speaks_of_other(c[0], c[1]))
        ]
        same = [c for c in candidates if c[0] == seg]
        for cseg, entry, value in same + [c for c in candidates if c[0] != seg]:
            if entry.get("scope", "note") == "sentence" and cseg != seg:
                continue
            key = entry["detail"]
            if key == "form" and details.get("form") == "mundtlig" and value == "skriftlig":
                details[key] = value  # both written and oral: written counts
                continue
            details.setdefault(key, value)
        if ev.kind == "indkaldelse" and "konsekvens" not in details:
            # A consequence warning in the same note or letter is the summons' konsekvens.
            for other, oseg in zip(events, event_segs):
                if (
                    oseg[1] == ni
                    and other.kind == "vejledning"
                    and other.details.get("type") == "konsekvens"
                    and not other.negated
                ):
                    details["konsekvens"] = True
                    break
        out.append(replace(ev, details=details) if details != ev.details else ev)
    return out


def find_events(
    doc_text: str,
    nlp: Language,
    *,
    document: str,
    doc_date: date | None = None,
    notes: list[CaseNote] | None = None,
) -> list[CaseEvent]:
    """Sanction events in one document (case-note file, letter or decision), in text order.

    notes default to split_notes(doc_text); a note without a date takes doc_date.
    """
    if notes is None:
        notes = split_notes(doc_text)
    plain = plain_text(doc_text)
    return _events_from_doc(nlp(plain), document, doc_date, notes, nlp, plain)


def find_events_many(
    items: Iterable[tuple[str, str, date | None]],
    nlp: Language,
    batch_size: int = 64,
) -> Iterator[list[CaseEvent]]:
    """Events for a stream of (document, text, doc_date), one list per item, in order.

    Streams through nlp.pipe, so memory stays flat in the number of documents.
    """

    def texts() -> Iterator[tuple[str, tuple[str, date | None, str]]]:
        for document, text, doc_date in items:
            plain = plain_text(text)
            yield plain, (document, doc_date, plain)

    for doc, (document, doc_date, plain) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield _events_from_doc(doc, document, doc_date, split_notes(plain), nlp, plain)


def event_to_json(event: CaseEvent) -> dict[str, Any]:
    """A JSON-ready dict of an event (dates as YYYY-MM-DD)."""
    return {
        "kind": event.kind,
        "date": event.date.isoformat() if event.date else None,
        "negated": event.negated,
        "evidence": event.evidence,
        "document": event.document,
        "start": event.start,
        "end": event.end,
        "details": dict(event.details),
    }
