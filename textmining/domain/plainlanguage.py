"""Klarsprog checks for letters: each finding a rule id, an exact span, a Danish message and,
where one exists, a suggested rewrite.

The word lists and messages are data (``data/kancellisprog.jsonl``,
``data/klarsprog_rules.toml``), each entry with its source. Word matching uses lemmas from the
Danish pipeline plus a lemma lookup for capitalised words, so inflected forms are found
(``fremsendes``, ``Fremsendt``); sentence and paragraph rules use the LIX segmentation from
:mod:`textmining.language.readability`, so their spans agree with the counts.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from textmining import DATA_DIR
from textmining.config import bundled_toml, load_toml
from textmining.errors import InputError
from textmining.language.readability import Readability, readability, sentences, word_count

DATA = DATA_DIR

# Rule ids; the order is the priority when two word-level findings overlap.
RULES = (
    "kancellisprog",
    "tiltaleform",
    "paragrafhenvisning",
    "passiv",
    "nominalisering",
    "inversion",
    "tredje_person",
    "forkortelse",
    "saetningskaede",
    "langt_ord",
    "lang_saetning",
    "langt_afsnit",
)
_SPAN_RULES = frozenset({"lang_saetning", "langt_afsnit"})  # never merged with word findings
_PRIORITY = {rule: i for i, rule in enumerate(RULES)}

# Pipeline components the checks do not need (the sentence splitter is ours, not spaCy's).
_UNNEEDED = ("afdaek_sentences", "parser", "ner", "senter", "sentencizer")


@dataclass(frozen=True)
class LanguageIssue:
    """One klarsprog finding: rule id, span (character offsets), message and suggestion."""

    rule: str
    text: str
    start: int
    end: int
    message: str
    suggestion: str | None
    severity: str  # "info", "warn" or "strong"


@dataclass(frozen=True)
class PlainLanguageConfig:
    """Which rules are off, whitelisted words and the thresholds of the length rules."""

    disabled: frozenset[str] = field(default_factory=frozenset)
    whitelist: frozenset[str] = field(default_factory=frozenset)
    long_sentence_warn: int = 20
    long_sentence_strong: int = 30
    long_word_letters: int = 18
    long_paragraph_words: int = 150
    dismissed: frozenset[tuple[str, str]] = field(default_factory=frozenset)


DEFAULT_CONFIG = PlainLanguageConfig()

# afdaek.toml [graenser] keys -> config fields
_LIMITS = {
    "lang_saetning": "long_sentence_warn",
    "lang_saetning_staerk": "long_sentence_strong",
    "langt_ord": "long_word_letters",
    "langt_afsnit": "long_paragraph_words",
}


def load_config(path: Path | None) -> PlainLanguageConfig:
    """Read the klarsprog part of afdaek.toml: [regler] fra, [graenser], [hvidliste] ord.

    No path gives the defaults. A missing file, bad TOML, an unknown rule or a bad limit
    raises InputError with a Danish message.
    """
    if path is None:
        return DEFAULT_CONFIG
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "konfigurationsfilen findes ikke")
    data = load_toml(path, hint='ret filen, fx [regler] fra = ["passiv"]')
    rules = data.get("regler", {})
    limits = data.get("graenser", {})
    white = data.get("hvidliste", {})
    if not all(isinstance(x, dict) for x in (rules, limits, white)):
        raise InputError(str(path), "[regler], [graenser] og [hvidliste] skal være tabeller")
    off = rules.get("fra", [])
    if not isinstance(off, list) or not all(isinstance(r, str) for r in off):
        raise InputError(str(path), '[regler] fra skal være en liste af regel-id\'er, fx ["passiv"]')
    unknown = sorted(set(off) - set(RULES))
    if unknown:
        raise InputError(
            str(path),
            f"ukendt regel {', '.join(unknown)} i [regler] fra; kendte regler: {', '.join(RULES)}",
        )
    kwargs: dict[str, Any] = {}
    for key, value in limits.items():
        if key not in _LIMITS:
            raise InputError(str(path), f"ukendt grænse '{key}' i [graenser]; kendte: {', '.join(_LIMITS)}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(str(path), f"[graenser] {key} skal være et helt tal over 0")
        kwargs[_LIMITS[key]] = value
    words = white.get("ord", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise InputError(str(path), '[hvidliste] ord skal være en liste af ord, fx ["jobcenter"]')
    dismissed = set()
    dismiss = data.get("afvist", {})
    items = dismiss.get("fund", []) if isinstance(dismiss, dict) else None
    if not isinstance(items, list) or not all(isinstance(x, str) and ":" in x for x in items):
        raise InputError(str(path), '[afvist] fund skal være en liste som ["kancellisprog:jf."]')
    for item in items:
        rule, text = item.split(":", 1)
        if rule.strip() not in RULES:
            raise InputError(str(path), f"ukendt regel '{rule.strip()}' i [afvist] fund")
        dismissed.add((rule.strip(), " ".join(text.lower().split())))
    return PlainLanguageConfig(
        disabled=frozenset(off),
        whitelist=frozenset(w.lower() for w in words),
        dismissed=frozenset(dismissed),
        **kwargs,
    )


# ---------------------------------------------------------------------------------------------
# Data


def _lemma_table() -> dict[str, str]:
    from textmining.language.nlp import lemma_table  # spaCy is imported only when a letter is checked

    return lemma_table()


def _lemma(word: str) -> str:
    return _lemma_table().get(word.lower(), word.lower())


@dataclass(frozen=True)
class _Pattern:
    keys: tuple[str, ...]
    by_lemma: bool
    suggestion: str


@dataclass(frozen=True)
class RuleData:
    """The loaded rule files: kancellisprog patterns indexed by first word, and rule tables."""

    by_lemma: dict[str, tuple[_Pattern, ...]]
    by_form: dict[str, tuple[_Pattern, ...]]
    rules: dict[str, Any]
    abbreviations: re.Pattern[str]
    inversion: re.Pattern[str]


def _index(patterns: Iterable[_Pattern]) -> dict[str, tuple[_Pattern, ...]]:
    out: dict[str, list[_Pattern]] = {}
    for p in patterns:
        out.setdefault(p.keys[0], []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -len(p.keys))) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def _rule_tables() -> dict[str, Any]:
    """data/klarsprog_rules.toml, read once (without the lemma table rule_data needs)."""
    return bundled_toml(DATA / "klarsprog_rules.toml")


def rule_names() -> dict[str, str]:
    """Every rule's Danish name as the reports write it ('Passiv form'), in RULES order: the
    one place they are written is klarsprog_rules.toml (navn)."""
    tables = _rule_tables()
    return {rule: tables[rule]["navn"] for rule in RULES}


def rule_short_names() -> dict[str, str]:
    """Every rule's short name, as the terminal marks a finding ('passiv'): kort in
    klarsprog_rules.toml."""
    tables = _rule_tables()
    return {rule: tables[rule]["kort"] for rule in RULES}


def rule_name(rule: str) -> str:
    """The report name of a rule; a rule afdaek no longer knows (a stored older check) is
    shown by its id."""
    return rule_names().get(rule) or rule.replace("_", " ").capitalize()


def rule_short_name(rule: str) -> str:
    """The terminal name of a rule; an unknown rule is shown by its id."""
    return rule_short_names().get(rule) or rule.replace("_", " ")


@functools.lru_cache(maxsize=1)
def rule_data() -> RuleData:
    """Load and index the klarsprog data files once per process."""
    rules = _rule_tables()
    patterns: list[_Pattern] = []
    with open(DATA / "kancellisprog.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry.get("phrase"):
                keys = tuple(_lemma(w) for w in entry["phrase"].split())
                patterns.append(_Pattern(keys, True, entry["suggestion"]))
            for form in entry.get("forms", ()):
                patterns.append(_Pattern(tuple(form.lower().split()), False, entry["suggestion"]))
    abbrevs = sorted(rules["forkortelse"]["ord"], key=len, reverse=True)
    abbrev_re = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in abbrevs) + r")(?![\w])",
        re.IGNORECASE,
    )
    preps = "|".join(rules["inversion"]["forholdsord"])
    not_participle = "|".join(rules["inversion"]["ikke_participium"])
    inversion_re = re.compile(
        r"\b(?:den|det|de)\s+(?:" + preps + r")\s+(?:[^\s,;:!?]+\s+){0,5}?"
        r"(?!(?:"
        + not_participle
        + r")\b)[a-zæøå]{2,}(?:ede|te|de|ne)\s+(?!(?:at|og|om|for|som|i|på|til|af|men|eller)\b)"
        r"[a-zæøå]{2,}",
        re.IGNORECASE,
    )
    return RuleData(
        by_lemma=_index(p for p in patterns if p.by_lemma),
        by_form=_index(p for p in patterns if not p.by_lemma),
        rules=rules,
        abbreviations=abbrev_re,
        inversion=inversion_re,
    )


# ---------------------------------------------------------------------------------------------
# Tokens


class _Tok(NamedTuple):
    """A non-space token (a tuple: far cheaper to build than a frozen dataclass)."""

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    punct: bool


def _tokens(doc) -> list[_Tok]:
    """Non-space tokens with a lemma that is also looked up for capitalised words."""
    table = _lemma_table()
    out = []
    for t in doc:
        if t.is_space:
            continue
        text = t.text
        lower = t.lower_
        lemma = t.lemma_ or lower
        if lemma == text and text != lower:
            lemma = table.get(lower, lower)
        elif lemma != lemma.lower():
            lemma = lemma.lower()
        start = t.idx
        out.append(_Tok(text, lower, lemma, start, start + len(text), t.is_punct))
    return out


_VERB_CACHE: dict[str, bool] = {}


def _is_verb(lemma: str) -> bool:
    """True when the lemma looks like a verb infinitive: the table maps a past form to it."""
    hit = _VERB_CACHE.get(lemma)
    if hit is None:
        table = _lemma_table()
        hit = (
            len(lemma) > 2
            and lemma.endswith("e")
            and any(
                table.get(f) == lemma
                for f in (
                    lemma[:-1] + "t",
                    lemma + "t",
                    lemma[:-1] + "et",
                    lemma + "de",
                    lemma[:-1] + "te",
                    lemma[:-1] + "ede",
                )
            )
        )
        _VERB_CACHE[lemma] = hit
    return hit


# ---------------------------------------------------------------------------------------------
# Rules


class _Collector:
    """Collects findings, dropping disabled rules and whitelisted words."""

    def __init__(self, text: str, config: PlainLanguageConfig) -> None:
        self.text = text
        self.config = config
        self.issues: list[LanguageIssue] = []

    def on(self, rule: str) -> bool:
        return rule not in self.config.disabled

    def add(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None,
        severity: str = "warn",
        lemma: str | None = None,
    ) -> None:
        span = self.text[start:end]
        white = self.config.whitelist
        if white and (span.lower() in white or (lemma is not None and lemma in white)):
            return
        self.issues.append(LanguageIssue(rule, span, start, end, message, suggestion, severity))


def _kancellisprog(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    msg = data.rules["kancellisprog"]["besked"]
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        best: _Pattern | None = None
        for p in data.by_lemma.get(tok.lemma, ()) + data.by_form.get(tok.lower, ()):
            k = len(p.keys)
            if best is not None and k <= len(best.keys):
                continue
            if i + k > n:
                continue
            words = toks[i : i + k]
            if all((w.lemma if p.by_lemma else w.lower) == key for w, key in zip(words, p.keys)):
                best = p
        if best is None:
            i += 1
            continue
        last = toks[i + len(best.keys) - 1]
        span = out.text[tok.start : last.end]
        out.add(
            "kancellisprog",
            tok.start,
            last.end,
            msg.format(text=span),
            best.suggestion,
            "warn",
            tok.lemma if len(best.keys) == 1 else None,
        )
        i += len(best.keys)


# Each rule reads its own parameters from klarsprog_rules.toml (`duplicates` pairs these openings by
# shape: the parameters differ, no logic is shared).
def _passiv(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    r = data.rules["passiv"]
    deponents = frozenset(r["deponens"])
    always = frozenset(r["altid"])
    blive = frozenset(r["blive"])
    not_participle = frozenset(r["ikke_participium"])
    table = _lemma_table()
    for i, tok in enumerate(toks):
        low = tok.lower
        if low in always:
            out.add(
                "passiv",
                tok.start,
                tok.end,
                r["besked"].format(text=tok.text),
                r["forslag_bedes"],
                "warn",
                tok.lemma,
            )
        elif low.endswith("es") and low not in deponents:
            lemma = tok.lemma
            if low == lemma + "s" and _is_verb(lemma):
                out.add(
                    "passiv",
                    tok.start,
                    tok.end,
                    r["besked"].format(text=tok.text),
                    r["forslag"].format(verb=_present(lemma)),
                    "warn",
                    lemma,
                )
        elif low in blive:
            for nxt in toks[i + 1 : i + 4]:
                if nxt.punct:
                    break
                w = nxt.lower
                if not w.endswith("t") or w in not_participle or w == "blevet":
                    continue
                found = table.get(w)
                if found and found != w and (found.endswith("e") or w.endswith("et")):
                    span = out.text[tok.start : nxt.end]
                    verb = _present(found) if found.endswith("e") else w
                    out.add(
                        "passiv",
                        tok.start,
                        nxt.end,
                        r["besked"].format(text=span),
                        r["forslag"].format(verb=verb),
                        "warn",
                    )
                    break


def _present(lemma: str) -> str:
    """The present tense when the lookup table knows it ('indkalder'), else the infinitive."""
    present = lemma + "r"
    return present if _lemma_table().get(present) == lemma else lemma


def _derive_verb(noun: str, r: dict[str, Any]) -> str | None:
    """The verb behind a nominalisation: from the data file, else the first candidate the
    lemma table knows as a verb ('vejledning' → 'vejlede', 'beregning' → 'beregne')."""
    mapped = r["udsagnsord"].get(noun)
    if mapped:
        return mapped
    if noun.endswith("else"):
        candidates = [noun[:-4] + "e"]
    elif noun.endswith("ning"):
        candidates = [noun[:-3] + "e", noun[:-4] + "e"]
    elif noun.endswith("ing"):
        candidates = [noun[:-3] + "e"]
    else:
        return None
    for verb in candidates:
        if _is_verb(verb):
            return verb
    return None


def _nominalisering(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    r = data.rules["nominalisering"]
    light = frozenset(r["lette_verber"])
    suffixes = tuple(r["endelser"])
    exceptions = frozenset(r["undtagelser"])
    last_parts = tuple(r["undtagelser_sidst"])
    for i, tok in enumerate(toks):
        if tok.lemma not in light:
            continue
        for nxt in toks[i + 1 : i + 4]:
            if nxt.punct:
                break
            noun = nxt.lemma
            if (
                len(noun) > 5
                and noun.endswith(suffixes)
                and noun not in exceptions
                and not noun.endswith(last_parts)
            ):
                span = out.text[tok.start : nxt.end]
                verb = _derive_verb(noun, r)
                suggestion = verb or r["forslag_uden_verbum"].format(noun=nxt.text)
                out.add(
                    "nominalisering",
                    tok.start,
                    nxt.end,
                    r["besked"].format(text=span),
                    suggestion,
                    "warn",
                )
                break


def _mid_sentence(text: str, start: int) -> bool:
    """True when something other than sentence punctuation precedes start on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;(\"'«»“–-•*"


def _tiltaleform(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    r = data.rules["tiltaleform"]
    de_forms = frozenset(r["de_former"])
    du_forms = frozenset(r["du_former"])
    text = out.text
    has_du = any(t.lower in du_forms for t in toks)
    for tok in toks:
        if tok.text in de_forms and _mid_sentence(text, tok.start):
            msg = r["besked_blandet"] if has_du else r["besked"]
            out.add("tiltaleform", tok.start, tok.end, msg.format(text=tok.text), r["forslag"])
        elif tok.lower in du_forms and tok.text[0] == "D" and _mid_sentence(text, tok.start):
            out.add(
                "tiltaleform",
                tok.start,
                tok.end,
                r["besked_stort_du"].format(text=tok.text),
                tok.lower,
                "info",
            )


def _tredje_person(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    r = data.rules["tredje_person"]
    words = r["ord"]
    for i, tok in enumerate(toks):
        suggestion = words.get(tok.lower)
        if suggestion is None:
            continue
        if tok.lower.startswith(("pågældende", "vedkommende")) and i > 0:
            # 'den pågældende dag' describes a noun; it is not the reader
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if toks[i - 1].lower in {"den", "det", "de"} and nxt is not None and not nxt.punct:
                continue
        out.add(
            "tredje_person",
            tok.start,
            tok.end,
            r["besked"].format(text=tok.text),
            suggestion,
            "warn",
            tok.lemma,
        )


def _forkortelse(out: _Collector, data: RuleData) -> None:
    r = data.rules["forkortelse"]
    table = {k.lower(): v for k, v in r["ord"].items()}
    laws = [(m.start(), m.end()) for m in _LAW.finditer(out.text)] if "§" in out.text else []
    for m in data.abbreviations.finditer(out.text):
        if any(a <= m.start() < b for a, b in laws):
            continue  # 'stk.' and 'nr.' inside '§ 13, stk. 7' belong to the reference
        out.add(
            "forkortelse",
            m.start(),
            m.end(),
            r["besked"].format(text=m.group()),
            table.get(m.group().lower()),
            "info",
        )


_LAW = re.compile(
    r"(?:\b[a-zæøåA-ZÆØÅ]+lovens?\s+)?§§?\s*\d+[a-z]?\b(?:\s*,\s*stk\.\s*\d+)?"
    r"(?:\s*,\s*nr\.\s*\d+)?(?:\s*(?:og|,)\s*\d+\b(?!\.\d))?"
    r"|\b[Ll]ov(?:en)? om [a-zæøå][^.,;:()\n§]{2,60}"
    r"|\b[a-zæøå]{3,}loven\b|\b[A-ZÆØÅ][a-zæøå]{2,}loven\b"
    r"|\b[Bb]ekendtgørelse(?:n)?\s+(?:nr\.\s*)?\d+"
)


def _paragrafhenvisning(out: _Collector, data: RuleData) -> None:
    r = data.rules["paragrafhenvisning"]
    limit = len(out.text) * float(r["andel"])
    for m in _LAW.finditer(out.text):
        if m.start() >= limit:
            break
        end = m.start() + len(m.group().rstrip())
        out.add(
            "paragrafhenvisning",
            m.start(),
            end,
            r["besked"].format(text=out.text[m.start() : end]),
            r["forslag"],
            "info",
        )


def _langt_ord(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    r = data.rules["langt_ord"]
    limit = out.config.long_word_letters
    for tok in toks:
        if len(tok.text) <= limit or "@" in tok.text or "/" in tok.text:
            continue
        letters = sum(1 for c in tok.text if c.isalpha())
        if letters > limit:
            out.add(
                "langt_ord",
                tok.start,
                tok.end,
                r["besked"].format(text=tok.text, letters=letters),
                r["forslag"],
                "info",
                tok.lemma,
            )


def _inversion(out: _Collector, data: RuleData) -> None:
    r = data.rules["inversion"]
    for m in data.inversion.finditer(out.text):
        # the span ends with the participle; the noun after it is only context
        span_end = m.start() + m.group().rstrip().rfind(" ")
        span_end = m.start() + len(out.text[m.start() : span_end].rstrip())
        out.add(
            "inversion",
            m.start(),
            span_end,
            r["besked"].format(text=out.text[m.start() : span_end]),
            r["forslag"],
        )


def _saetningskaede(toks: list[_Tok], out: _Collector, data: RuleData) -> None:
    r = data.rules["saetningskaede"]
    after_comma = r["efter_komma"]
    anywhere = r["overalt"]
    msg = r["besked"]
    for i, tok in enumerate(toks):
        if tok.lower in anywhere:
            out.add(
                "saetningskaede",
                tok.start,
                tok.end,
                msg.format(text=tok.text),
                anywhere[tok.lower],
                "info",
            )
        elif tok.lower in after_comma and i > 0 and toks[i - 1].text == ",":
            out.add(
                "saetningskaede",
                tok.start,
                tok.end,
                msg.format(text=tok.text),
                after_comma[tok.lower],
                "info",
            )


def _length_rules(read: Readability, out: _Collector, data: RuleData) -> None:
    cfg = out.config
    if out.on("lang_saetning"):
        r = data.rules["lang_saetning"]
        sents = [s for p in read.paragraphs for s in p.sentences]
        for para in read.excluded:  # a letter without full stops still has long sentences
            if word_count(para.text) > cfg.long_sentence_warn:
                sents.extend(sentences(para.text, para.start))
        for s in sents:
            if s.words > cfg.long_sentence_warn:
                strong = s.words > cfg.long_sentence_strong
                out.add(
                    "lang_saetning",
                    s.start,
                    s.end,
                    r["besked"].format(words=s.words),
                    r["forslag"].format(limit=cfg.long_sentence_warn),
                    "strong" if strong else "warn",
                )
    if out.on("langt_afsnit"):
        r = data.rules["langt_afsnit"]
        paras = [p.paragraph for p in read.paragraphs] + list(read.excluded)
        for para in paras:
            n = word_count(para.text)
            if n > cfg.long_paragraph_words:
                out.add("langt_afsnit", para.start, para.end, r["besked"].format(words=n), r["forslag"])


def _resolve_overlaps(issues: list[LanguageIssue]) -> list[LanguageIssue]:
    """Keep one finding per place: where word-level findings overlap, the earlier rule in
    RULES wins (so 'pågældende' is kancellisprog, not also tredje_person)."""
    kept: list[LanguageIssue] = []
    spans: list[LanguageIssue] = []
    for issue in sorted(issues, key=lambda x: (_PRIORITY[x.rule], x.start)):
        if issue.rule in _SPAN_RULES:
            kept.append(issue)
            continue
        if any(k.start < issue.end and issue.start < k.end for k in spans):
            continue
        spans.append(issue)
        kept.append(issue)
    kept.sort(key=lambda x: (x.start, _PRIORITY[x.rule], x.end))
    return kept


# The rules that read the tokens, then the rules that read the text itself (which finding wins
# an overlap is decided by RULES in _resolve_overlaps, not by this order).
_TOKEN_RULES = (
    ("kancellisprog", _kancellisprog),
    ("tiltaleform", _tiltaleform),
    ("passiv", _passiv),
    ("nominalisering", _nominalisering),
    ("tredje_person", _tredje_person),
    ("saetningskaede", _saetningskaede),
    ("langt_ord", _langt_ord),
)
_TEXT_RULES = (
    ("paragrafhenvisning", _paragrafhenvisning),
    ("inversion", _inversion),
    ("forkortelse", _forkortelse),
)


def check_doc(
    doc, config: PlainLanguageConfig | None = None, read: Readability | None = None
) -> list[LanguageIssue]:
    """All klarsprog findings for a processed doc (its text is ``doc.text``)."""
    config = config or DEFAULT_CONFIG
    data = rule_data()
    text = doc.text
    out = _Collector(text, config)
    toks = _tokens(doc)
    for rule, check in _TOKEN_RULES:
        if out.on(rule):
            check(toks, out, data)
    for rule, text_check in _TEXT_RULES:
        if out.on(rule):
            text_check(out, data)
    _length_rules(read if read is not None else readability(text), out, data)
    issues = _resolve_overlaps(out.issues)
    if config.dismissed:
        issues = [i for i in issues if (i.rule, " ".join(i.text.lower().split())) not in config.dismissed]
    return issues


def pipe(texts: Iterable[str], nlp, batch_size: int = 64) -> Iterator:
    """Process texts with only the components the checks need (tokens and lemmas)."""
    off = [name for name in _UNNEEDED if name in nlp.pipe_names]
    return nlp.pipe(texts, batch_size=batch_size, disable=off)


def check_text(text: str, nlp, config: PlainLanguageConfig | None = None) -> list[LanguageIssue]:
    """All klarsprog findings in a text, sorted by position."""
    return check_doc(next(iter(pipe([text], nlp))), config)
