"""Personal names in free text that no sag.toml gives: list-based, decided by context where a
name is also an ordinary Danish word.

A name is found when
- a first name from the lists (data/fornavne.txt, thousands of names, with their sources) stands
  with a capital letter, or in lower case when it is not also an ordinary word ("mads", not
  "bo"), followed by the surnames after it (known surnames, -sen/-søn/-gaard names, capitalised
  words that are not Danish words: "Inger Lund Sørensen", "Karl-Emil Holm-Jensen");
- any capitalised word follows a relation or role ("hendes mor Birgit", "lægen Peter Holm"),
  a title ("fru Lund", "Kære Knud Abildgaard"), a field ("Borger: Ole Hansen") or a closing
  ("Med venlig hilsen" and the name on the next line).

Names that are also ordinary words (data/navne_som_ord.txt: "Hans", "Bo", "Per", "Lund") are a
name only in a context that says so: a surname after it, a relation or title before it, a capital
letter inside a sentence, or a verb after it at the start of a sentence ("Per ringede", but "Hans
kontanthjælp"). Detection is list-based and can miss a rare name written alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from textmining import DATA_DIR
from textmining.config import bundled_toml

DATA = DATA_DIR

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SURNAME_ENDINGS = (
    "sen",
    "søn",
    "sson",
    "gaard",
    "gård",
    "strup",
    "drup",
    "bæk",
    "holm",
    "skov",
    "lund",
    "berg",
    "borg",
    "bjerg",
    "toft",
    "høj",
    "kjær",
    "feldt",
    "mose",
    "vad",
    "rup",
)
# Capitalised words after a first name that are places or institutions, not surnames.
_INSTITUTION_ENDINGS = (
    "center",
    "centret",
    "centeret",
    "kommune",
    "kommunes",
    "skole",
    "skolen",
    "team",
    "teamet",
    "gruppe",
    "gruppen",
    "afdeling",
    "afdelingen",
    "huset",
    "aps",
    "service",
    "servicen",
    "jobcenter",
    "jobcentret",
    "gade",
    "vej",
    "vejen",
    "torv",
    "torvet",
    "plads",
    "pladsen",
    "bosted",
    "bostedet",
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;•\n\"»“(\[]|\s-)\s*$")


@dataclass(frozen=True)
class NameLists:
    """First names, surnames and names that are also ordinary words (all title-case), and the
    context words from data/navne_kontekst.toml (lower case)."""

    first: frozenset[str]
    last: frozenset[str]
    ordinary: frozenset[str]
    relations: frozenset[str]
    titles: frozenset[str]
    fields: re.Pattern[str]
    closings: re.Pattern[str]
    verbs: frozenset[str]
    first_lower: frozenset[str]


def _read_list(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@functools.lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """The name lists and context words, read once."""
    ctx = bundled_toml(DATA / "navne_kontekst.toml")

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    first = _read_list("fornavne.txt")
    return NameLists(
        first=first,
        last=_read_list("efternavne.txt"),
        ordinary=_read_list("navne_som_ord.txt"),
        relations=frozenset(ctx["relationer"]),
        titles=frozenset(ctx["titler"]),
        fields=re.compile(
            rf"(?im)(?:^|[(;,.])[ \t]*(?:{alternatives(ctx['felter'])})[ \t]*:"
            r"[ \t]*"
        ),
        closings=re.compile(
            rf"(?im)^[ \t]*(?:{alternatives(ctx['hilsener'])})[ \t]*,?[ \t]*"
            r"\n[ \t]*"
        ),
        verbs=frozenset(ctx["udsagnsord"]),
        first_lower=frozenset(n.lower() for n in first for n in [n, *n.split("-")]),
    )


def is_ordinary_word(word: str) -> bool:
    """True when a name is also an ordinary Danish word ("Hans", "bo", "Lund")."""
    return _title(word) in name_lists().ordinary


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _is_title_case(word: str) -> bool:
    return all(p[:1].isupper() and (len(p) == 1 or p[1:].islower()) for p in word.split("-"))


def _danish_word(word: str) -> bool:
    from textmining.language.nlp import lemma_table

    return word.lower() in lemma_table()


def sentence_start(text: str, start: int) -> bool:
    """True when the word at start begins a sentence, a line or a bracket."""
    return bool(_SENTENCE_END.search(text[max(0, start - 3) : start] if start else ""))


def ambiguous_is_name(text: str, start: int, end: int) -> bool:
    """For a name that is also an ordinary word, written at text[start:end]: does its context
    make it a name? Never in lower case; with a capital letter inside a sentence, after a
    relation or title, or first in a sentence with a verb after it ("Per ringede")."""
    word = text[start:end]
    if not word[:1].isupper():
        return False
    lists = name_lists()
    before = re.findall(r"[^\W\d_]+\.?", text[max(0, start - 30) : start].lower())
    if before and (before[-1] in lists.relations or before[-1] in lists.titles):
        return True
    if not sentence_start(text, start):
        return True
    m = re.match(r"[ \t]+([^\W\d_]+(?:-[^\W\d_]+)*)", text[end : end + 40])
    if not m:
        return False
    nxt = m.group(1)
    if _is_title_case(nxt):  # a name follows: "Hans Christian", "Bo Kjeldsen"
        return (
            _title(nxt) in lists.first
            or _title(nxt) in lists.last
            or any(p.lower().endswith(_SURNAME_ENDINGS) and len(p) >= 5 for p in nxt.split("-"))
        )
    return nxt.islower() and (nxt in lists.verbs or nxt.endswith("ede"))


@dataclass
class _Token:
    start: int
    end: int
    text: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


def _first_name_form(tok: _Token, text: str, cued: bool, lists: NameLists) -> str | None:
    """The first name tokens[i] stands for (a genitive "Ahmads" stands for "Ahmad"), or None
    when it is no first name here."""
    word = tok.text
    low = word.lower()
    if low not in lists.first_lower and not (low.endswith("s") and low[:-1] in lists.first_lower):
        if "-" not in word or not all(p in lists.first_lower for p in low.split("-")):
            return None
    if word.isupper() and len(word) > 1:
        return None  # "LIV", "HR": headings and abbreviations
    parts = word.split("-")
    form = word
    if not (_title(word) in lists.first or all(_title(p) in lists.first for p in parts)):
        if len(word) > 3 and word.endswith("s") and _title(word[:-1]) in lists.first:
            form = word[:-1]  # "Annes", "Ahmads": the genitive of a first name
        else:
            return None
    if _title(form) in lists.ordinary or (len(parts) == 1 and len(form) < 3):
        return form if cued or ambiguous_is_name(text, tok.start, tok.end) else None
    if _is_title_case(word) or (word.islower() and len(word) >= 3):
        return form
    return None


def _is_surname(word: str, lists: NameLists, lower: bool) -> bool:
    """A word after a first name that belongs to the name: a known surname or first name (a
    middle name), a typical surname ending, or a capitalised word that is no Danish word."""
    if lower:
        return (
            word.islower() and _title(word) in lists.last | lists.first and _title(word) not in lists.ordinary
        ) or (word.islower() and word.endswith(("sen", "søn")) and not _danish_word(word))
    if not _is_title_case(word):
        return False
    low = word.lower()
    if low.endswith(_INSTITUTION_ENDINGS):
        return False
    parts = word.split("-")
    if any(_title(p) in lists.last or _title(p) in lists.first for p in parts):
        return True
    if any(p.lower().endswith(_SURNAME_ENDINGS) and len(p) >= 5 for p in parts):
        return True
    return 3 <= len(word) <= 20 and not _danish_word(low)


def _compound(word: str) -> bool:
    """True when word is two Danish words joined ("ungerådgiver"), so a common noun."""
    return any(
        _danish_word(word[:i])
        and _danish_word(word[i:])
        or _danish_word(word[: i - 1])
        and word[i - 1] in "se"
        and _danish_word(word[i:])
        for i in range(3, len(word) - 3)
    )


def _gap_ok(text: str, a: int, b: int) -> bool:
    """Words of one name are separated by spaces on one line, nothing else."""
    gap = text[a:b]
    return bool(gap) and not gap.strip(" \t")


def _extend(tokens: list[_Token], i: int, text: str, lists: NameLists) -> int:
    """Index after the last surname following tokens[i]."""
    lower = tokens[i].text.islower()
    j = i + 1
    while j < len(tokens) and j - i <= 4 and _gap_ok(text, tokens[j - 1].end, tokens[j].start):
        if not _is_surname(tokens[j].text, lists, lower):
            break
        j += 1
    return j


def _cue_before(
    tokens: list[_Token], i: int, text: str, lists: NameLists, field_ends: set[int]
) -> str | None:
    """ "relation", "title" or "field" when tokens[i] follows such a word, a field label
    ("Borger:") or a closing line ("Med venlig hilsen")."""
    start = tokens[i].start
    if start in field_ends:
        return "field"
    if i == 0:
        return None
    prev = tokens[i - 1]
    gap = text[prev.end : start]
    if gap.strip(" \t,") not in ("", "."):
        return None
    low = prev.text.lower()
    if prev.text.isupper() and len(prev.text) > 1:
        return None  # "HR, Politik og Udvikling"
    if low in lists.titles or low + gap.strip(" \t,") in lists.titles:
        return "title"
    if low in lists.relations:
        return "relation"
    return None


def guess_names(text: str, *, cues_only: bool = False) -> list[str]:
    """Personal names in free text, each once, longest forms first ("Inger Lund Sørensen",
    "camilla thomsen", "Villads"). cues_only: only names that a relation, title, field or
    closing points out (for minutes, where politicians are named in public)."""
    lists = name_lists()
    tokens = _tokens(text)
    field_ends = {m.end() for m in lists.fields.finditer(text)}
    field_ends |= {m.end() for m in lists.closings.finditer(text)}
    found: dict[str, None] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        cue = _cue_before(tokens, i, text, lists, field_ends)
        start_name = False
        if cue and (_is_title_case(tok.text) and not tok.text.isupper()):
            low = tok.text.lower()
            start_name = (
                (
                    _title(tok.text) in lists.first
                    or _title(tok.text) in lists.last
                    or cue == "title"
                    and not low.endswith(_INSTITUTION_ENDINGS)
                    or not _danish_word(low)
                    and not _compound(low)
                    and not low.endswith(_INSTITUTION_ENDINGS)
                )
                and low not in lists.relations
                and low not in lists.titles
            )
        elif (
            cue
            and tok.text.islower()
            and _title(tok.text) in lists.first
            and _title(tok.text) not in lists.ordinary
        ):
            start_name = True
        form = tok.text
        if not start_name and not cues_only:
            found_form = _first_name_form(tok, text, bool(cue), lists)
            start_name = found_form is not None
            if found_form and found_form != tok.text:  # a genitive: the name ends here
                found[found_form] = None
                i += 1
                continue
            if (
                not start_name
                and _is_title_case(tok.text)
                and len(tok.text) >= 5
                and tok.text.lower().endswith(("sen", "søn"))
                and not sentence_start(text, tok.start)
                and not _danish_word(tok.text)
            ):
                start_name = True  # a surname alone: "... sagde Jørgensen"
        if start_name:
            j = _extend(tokens, i, text, lists)
            name = " ".join([form] + [t.text for t in tokens[i + 1 : j]])
            found[name] = None
            i = j
        else:
            i += 1
    names = sorted(found, key=lambda n: (-len(n), n))
    return [n for n in names if not any(o != n and o.startswith(n + " ") for o in names)]
