"""Find personal data (CPR numbers, phone numbers, e-mail addresses, known names) and replace it
with stable pseudonyms.

A pseudonym is an HMAC-SHA256 of the normalised value with a secret salt, so the same person
gets the same pseudonym in every document while the salt stays secret, and a pseudonym cannot
be turned back into a CPR number by trying all dates. Pure: the caller keeps the salt.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

LABELS = {"cpr": "CPR", "telefon": "TLF", "email": "EMAIL", "navn": "PERSON"}
PSEUDONYM_RE = re.compile(r"\[(?:CPR|TLF|EMAIL|PERSON)-[0-9A-F]{8}\]")
_MASK = "\x00"  # masked characters are neither digits nor letters, like the brackets of a pseudonym


@dataclass(frozen=True)
class Replacement:
    """One piece of personal data replaced: its kind, where it was in the input, its pseudonym."""

    kind: str
    start: int
    end: int
    pseudonym: str


def new_salt() -> bytes:
    """A fresh random salt (32 bytes) for a store."""
    return secrets.token_bytes(32)


# --------------------------------------------------------------------------- CPR

_CPR_RE = re.compile(
    r"(?<![0-9])(?<![0-9][-./])"
    r"([0-9]{6})[-\u2010\u2011\u2013]?([0-9]{4})"
    r"(?![0-9])(?![-./][0-9])"
)


def is_valid_cpr(s: str) -> bool:
    """True when s is `ddmmyy-xxxx` or `ddmmyyxxxx` with a real birth date; the century comes
    from the seventh digit as in the CPR register (leap days checked). No modulus-11 check:
    numbers issued since 2007 need not pass it."""
    m = re.fullmatch(r"\s*([0-9]{6})[-\u2010\u2011\u2013]?([0-9]{4})\s*", s)
    return bool(m) and _valid_date(m.group(1), m.group(2))


def _valid_date(ddmmyy: str, serial: str) -> bool:
    day, month, yy = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    seventh = int(serial[0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        datetime.date(century + yy, month, day)
    except ValueError:
        return False
    return True


def find_cpr(text: str) -> list[tuple[int, int]]:
    """Spans of CPR numbers in text: six digits with a valid date, an optional dash, four
    digits; never part of a longer number (case numbers, account numbers, amounts)."""
    return [m.span() for m in _CPR_RE.finditer(text) if _valid_date(m.group(1), m.group(2))]


# --------------------------------------------------------------------------- phone numbers

_PHONE_RE = re.compile(
    r"(?<!\w)(?<![0-9][-./,])"
    r"(?P<prefix>(?:\+|00)45[\s.-]?)?"
    r"(?P<number>[1-9][0-9](?:[ .-]?[0-9]{2}){3}|[1-9][0-9]{3} [0-9]{4})"
    r"(?![0-9])(?![-.,/][0-9])"
)
_PHONE_CUE = re.compile(
    r"(?:tlf|telefon\w*|mobil\w*|mob|tel|ring\w*|sms|nummer|nr|fax|kontakt\w*)[.:]*\s*(?:nr\.?)?"
    r"[:.]?\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(
    r"\s*(?:kr\b|kr\.|dkk\b|,-|%|mio\b|mia\b|procent\b|t\.kr)", re.IGNORECASE
)
_AMOUNT_BEFORE = re.compile(r"(?:kr\.?|dkk)\s*$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"[0-9][0-9.,]*\s+$")
_NUMBER_AFTER = re.compile(r"\s+[0-9]")


def find_phones(text: str) -> list[tuple[int, int]]:
    """Spans of Danish phone numbers (8 digits, optionally +45/0045): `12345678`,
    `12 34 56 78`, `1234 5678`, `+45 12345678`. Skips amounts (`kr.`), pairs of years, dates
    written as eight digits and rows of numbers in tables, unless a cue like `tlf.` precedes."""
    found = []
    for m in _PHONE_RE.finditer(text):
        number = m.group("number")
        digits = re.sub(r"[^0-9]", "", number)
        separators = re.findall(r"[ .-]", number)
        if len(set(separators)) > 1 or len(separators) not in (0, 3) and number[4:5] != " ":
            continue  # "2018-2020", "12 34.56": not written as a phone number
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 12]
        if _AMOUNT_AFTER.match(after) or _AMOUNT_BEFORE.search(before):
            continue
        if not (m.group("prefix") or _PHONE_CUE.search(before)):
            if _looks_like_years(number) or _looks_like_date(digits):
                continue
            if " " in number and (_NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after)):
                continue
        found.append(m.span())
    return found


def _looks_like_years(number: str) -> bool:
    parts = re.split(r"[ -]", number)
    return len(parts) == 2 and all(1900 <= int(p) <= 2099 for p in parts)


def _looks_like_date(digits: str) -> bool:
    """An 8-digit date (ddmmyyyy or yyyymmdd) in 1900-2099."""
    for day, month, year in (
        (digits[:2], digits[2:4], digits[4:]),
        (digits[6:], digits[4:6], digits[:4]),
    ):
        if 1900 <= int(year) <= 2099:
            try:
                datetime.date(int(year), int(month), int(day))
                return True
            except ValueError:
                pass
    return False


# --------------------------------------------------------------------------- e-mail

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_emails(text: str) -> list[tuple[int, int]]:
    """Spans of e-mail addresses."""
    return [m.span() for m in _EMAIL_RE.finditer(text)]


# --------------------------------------------------------------------------- names


def _normalise_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _name_variants(name: str) -> list[str]:
    """The full name and each part of it with at least 3 letters (hyphenated parts whole and
    split), each starting with a capital letter."""
    words = unicodedata.normalize("NFC", name).split()
    variants = [" ".join(words)] if words else []
    for word in words:
        pieces = [word] + (word.split("-") if "-" in word else [])
        for piece in pieces:
            piece = piece.strip(".,'")
            if sum(ch.isalpha() for ch in piece) >= 3 and piece[0].isupper():
                variants.append(piece)
    return list(dict.fromkeys(v for v in variants if v))


def _variant_pattern(variant: str) -> str:
    """Regex for one name variant: capital initial as written, the rest in any case, spaces
    as any whitespace, an optional genitive (`Annes`, `Jens'`), whole words only."""
    words = []
    for word in variant.split():
        head, rest = word[0], word[1:]
        words.append(re.escape(head) + (f"(?i:{re.escape(rest)})" if rest else ""))
    return r"(?<!\w)" + r"\s+".join(words) + r"(?:'?s|')?(?!\w)"


@dataclass(frozen=True)
class _NameMatcher:
    """A compiled regex over all name variants and the person key each variant stands for."""

    regex: re.Pattern[str] | None
    keys: dict[str, str]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person key) of each name in text; a genitive ending stays outside the
        span, so "Annes" becomes "[PERSON-...]s"."""
        if self.regex is None:
            return []
        found = []
        for m in self.regex.finditer(text):
            start, end = m.span()
            norm = _normalise_name(m.group(0))
            if norm not in self.keys:
                for suffix in ("'s", "s", "'"):
                    if norm.endswith(suffix) and norm[: -len(suffix)] in self.keys:
                        norm, end = norm[: -len(suffix)], end - len(suffix)
                        break
            found.append((start, end, self.keys.get(norm, norm)))
        return found


def _build_matcher(names: tuple[str, ...]) -> _NameMatcher:
    owners: dict[str, set[str]] = {}
    for name in names:
        if not name or not name.strip():
            continue
        name = " ".join(name.split())
        if not name[0].isupper():
            name = " ".join(w[:1].upper() + w[1:] for w in name.split())
        person = _normalise_name(name)
        for variant in _name_variants(name):
            owners.setdefault(variant, set()).add(person)
    if not owners:
        return _NameMatcher(None, {})
    keys = {}
    for variant, persons in owners.items():
        # A part shared by two people (a common surname) gets a pseudonym of its own.
        keys[_normalise_name(variant)] = (
            next(iter(persons)) if len(persons) == 1 else (_normalise_name(variant))
        )
    ordered = sorted(owners, key=len, reverse=True)
    regex = re.compile("|".join(_variant_pattern(v) for v in ordered))
    return _NameMatcher(regex, keys)


# --------------------------------------------------------------------------- pseudonymiser


class Pseudonymiser:
    """Replaces personal data in texts with stable pseudonyms derived from a secret salt."""

    def __init__(self, salt: bytes, names: Iterable[str] = ()) -> None:
        if not isinstance(salt, (bytes, bytearray)) or not salt:
            raise ValueError("salt must be non-empty bytes")
        self._salt = bytes(salt)
        self._names = tuple(names)
        self._matchers: dict[tuple[str, ...], _NameMatcher] = {}

    def pseudonym(self, kind: str, value: str) -> str:
        """The pseudonym of a value: same salt and (normalised) value give the same text,
        e.g. `[CPR-7F3A2C11]`, `[PERSON-4B1D09AE]`, `[TLF-...]`, `[EMAIL-...]`."""
        if kind not in LABELS:
            raise ValueError(f"unknown kind of personal data: {kind!r}")
        digest = hmac.new(
            self._salt, f"{kind}\x1f{_normalise(kind, value)}".encode(), hashlib.sha256
        ).hexdigest()
        return f"[{LABELS[kind]}-{digest[:8].upper()}]"

    def pseudonymise(self, text: str, names: Iterable[str] = ()) -> tuple[str, list[Replacement]]:
        """The text with e-mails, CPR numbers, phone numbers and names (given here or to the
        constructor) replaced, and the replacements with spans in the input text. Existing
        pseudonyms are left alone, so running it twice changes nothing more."""
        masked = PSEUDONYM_RE.sub(lambda m: _MASK * len(m.group(0)), text)
        found: list[Replacement] = []

        def take(kind: str, finder: Callable[[str], list[tuple[int, int, str]]]) -> None:
            nonlocal masked
            # Again until nothing new: a match next to one just masked may only show now.
            while True:
                spans = finder(masked)
                if not spans:
                    return
                parts, pos = [], 0
                for start, end, value in spans:
                    found.append(Replacement(kind, start, end, self.pseudonym(kind, value)))
                    parts += [masked[pos:start], _MASK * (end - start)]
                    pos = end
                parts.append(masked[pos:])
                masked = "".join(parts)

        def spans_of(find: Callable[[str], list[tuple[int, int]]]):
            return lambda s: [(a, b, text[a:b]) for a, b in find(s)]

        # Order matters: e-mails may hold digits, CPR numbers look like phone numbers. A second
        # round only finds something when a later kind masked the neighbour of an earlier one.
        matcher = self._matcher(self._names + tuple(names))
        while True:
            before = len(found)
            take("email", spans_of(find_emails))
            take("cpr", spans_of(find_cpr))
            take("telefon", spans_of(find_phones))
            take("navn", matcher.find)
            if len(found) == before:
                break
        found.sort(key=lambda r: r.start)
        out, pos = [], 0
        for rep in found:
            out.append(text[pos : rep.start])
            out.append(rep.pseudonym)
            pos = rep.end
        out.append(text[pos:])
        return "".join(out), found

    def _matcher(self, names: tuple[str, ...]) -> _NameMatcher:
        matcher = self._matchers.get(names)
        if matcher is None:
            if len(self._matchers) > 256:
                self._matchers.clear()
            matcher = self._matchers[names] = _build_matcher(names)
        return matcher


def _normalise(kind: str, value: str) -> str:
    """The form of a value that is hashed: digits for CPR and phone (without +45), lower-case
    e-mail, lower-case name with single spaces."""
    if kind == "cpr":
        return re.sub(r"[^0-9]", "", value)
    if kind == "telefon":
        digits = re.sub(r"[^0-9]", "", value)
        if len(digits) == 12 and digits.startswith("0045"):
            digits = digits[4:]
        elif len(digits) == 10 and digits.startswith("45"):
            digits = digits[2:]
        return digits
    if kind == "email":
        return value.strip().casefold()
    return _normalise_name(value)


# ---------------------------------------------------------------------------------------------
# Names without a sag.toml: common first names (and the surnames that follow them), and names
# after a cue such as "Borger:". Used for case notes, letters and survey comments, not minutes
# (which name politicians in public).

_DATA = Path(__file__).resolve().parent / "data"
_NAME_WORD = r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?"
_NAME_RUN = re.compile(rf"\b{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}\b")
_CUE = re.compile(rf"\b(?:[Bb]orger(?:en)?|[Nn]avn|[Aa]nsøger(?:en)?)[ \t]*:?[ \t]+"
                  rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})")


@functools.lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    def read(name: str) -> frozenset[str]:
        lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
        return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))

    return read("fornavne.txt"), read("efternavne.txt")


def _is_surname(word: str, first: frozenset[str], last: frozenset[str]) -> bool:
    """A word after a first name that is a surname: a known one, a -sen name, or a capitalised
    word that is not a Danish word at all (spaCy's Danish lookup table does not know it)."""
    if word in last or word in first or word.endswith(("sen", "søn", "strup")):
        return True
    low = word.lower()
    return (3 <= len(word) <= 14 and not low.endswith(_INSTITUTION_ENDINGS)
            and not _is_danish_word(low))


# Capitalised words after a first name that are places or institutions, not surnames.
_INSTITUTION_ENDINGS = ("center", "centret", "kommune", "kommunes", "skole", "skolen", "team",
                        "teamet", "gruppe", "gruppen", "afdeling", "afdelingen", "huset", "aps",
                        "a/s", "service", "servicen")


def _is_danish_word(word: str) -> bool:
    from textmining.nlp import _LEMMA_TABLE, _load_lemma_table

    _load_lemma_table()
    table = _LEMMA_TABLE.get("da")
    return table is not None and word in table  # type: ignore[operator]


def guess_names(text: str) -> list[str]:
    """Personal names in free text: a known first name with the surnames after it, and names
    after a cue ("Borger: Ole Hansen"). Returns each name once, longest forms first."""
    first, last = _name_lists()
    found: dict[str, None] = {}
    for m in _CUE.finditer(text):
        found[m.group(1)] = None
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        i = 0
        while i < len(words):
            if words[i] in first:
                full = [words[i]]
                j = i + 1
                while j < len(words) and _is_surname(words[j], first, last):
                    full.append(words[j])
                    j += 1
                found[" ".join(full)] = None
                i = j
            else:
                i += 1
    names = sorted(found, key=lambda n: (-len(n), n))
    return [n for n in names if not any(o != n and o.startswith(n + " ") for o in names)]
