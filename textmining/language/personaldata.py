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


# --------------------------------------------------------------------------- folding

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        return ch
    return " " if folded.isspace() and folded not in "\n\t" else folded


def fold(text: str) -> str:
    """text with full-width and other compatibility characters as their plain forms (NFKC),
    dashes as "-" and odd spaces as " ", one character for one, so offsets stay the same."""
    if text.isascii():
        return text
    table = {ord(ch): _fold_char(ch) for ch in set(text) if ord(ch) > 127}
    return text.translate(table)


# --------------------------------------------------------------------------- CPR

# Six digits (optionally as dd.mm.yy, dd-mm-yy, dd mm yy, dd/mm/yy), a separator (none, a dash
# or slash with optional spaces and one line break, a space, a line break) and four digits.
_CPR_RE = re.compile(
    r"(?<![0-9])"
    r"(?P<d>[0-9]{2})(?P<s1>[. /-]?)(?P<m>[0-9]{2})(?P=s1)(?P<y>[0-9]{2})"
    r"(?P<s2>[ \t]*[-/][ \t]*(?:\n[ \t]*)?|[ \t]|[ \t]*\n[ \t]*|)"
    r"(?P<serial>[0-9]{4})"
    r"(?![0-9])"
)
_CPR_CUE = re.compile(
    r"(?:cpr|personn|p-?nr\b|fødselsn)[\w.-]*(?:[\s:.,]+[^\W\d_]+){0,3}[\s:.,]*$",
    re.IGNORECASE,
)
# Words before a number that make it something other than a CPR number.
_NOT_CPR_BEFORE = re.compile(
    r"(?:\bkl|\bklokken|\btid|\bdato|\bden|\bd|\bkr|\bdkk|\bbeløb\w*|nr|\btlf|\btelefon\w*"
    r"|\bmobil\w*|\bkonto\w*|\breg|\bfax|\bsag\w*|journal\w*)\.?:?\s*$",
    re.IGNORECASE,
)
_NOT_CPR_AFTER = re.compile(r"\s*(?:kr\b|kr\.|dkk\b|,-|%|timer\b|t\b|min\b|[.:,][0-9])", re.IGNORECASE)


def is_valid_cpr(s: str) -> bool:
    """True when s is `ddmmyy-xxxx` or `ddmmyyxxxx` with a real birth date, not in the future;
    the century comes from the seventh digit as in the CPR register (python-stdnum's
    stdnum.dk.cpr, which also knows that numbers since 2007 need not pass modulus 11)."""
    m = re.fullmatch(r"\s*([0-9]{6})-?([0-9]{4})\s*", fold(s))
    return m is not None and _valid(m.group(1) + m.group(2))


def _valid(digits: str) -> bool:
    from stdnum.dk import cpr

    return cpr.is_valid(digits)


def _cpr_digits(value: str) -> str:
    return re.sub(r"[^0-9]", "", fold(value))


def find_cpr(text: str, known: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of CPR numbers in text, as people write them: `010190-1234`, `0101901234`,
    `010190 1234`, `01.01.90-1234`, `01-01-90-1234`, `01 01 90 1234`, `010190/1234`, split over
    a line break after the dash, in full-width digits. Each has a valid date and century digit.
    The plain forms always count; the others only when nothing around them says time, amount,
    case or phone number (`kl. 14.03.24 1015`), and `dd.mm.yy xxxx` only after a word like
    "cpr". A number whose digits are one of the `known` CPR numbers (the case's own) always
    counts. Never part of a longer number (case numbers, account numbers, amounts)."""
    folded = fold(text)
    known_digits = {_cpr_digits(k) for k in known if k}
    found = []
    for m in _CPR_RE.finditer(folded):
        start, end = m.span()
        digits = m.group("d") + m.group("m") + m.group("y") + m.group("serial")
        before, after = folded[max(0, start - 40) : start], folded[end : end + 12]
        if re.search(r"[0-9][-./]$", before) or re.match(r"[-./][0-9]", after):
            continue  # part of a longer number: "1234-0101901234", "27.69.48-G01"
        if not _valid(digits):
            continue
        if digits in known_digits:
            found.append((start, end))
            continue
        s1, raw = m.group("s1"), m.group("s2")
        s2 = raw.replace(" ", "").replace("\t", "")
        if s1 == "" and (raw in ("", "-") or re.fullmatch(r"-[ \t]*\n[ \t]*", raw)):
            found.append((start, end))  # the plain forms, also split after the dash
            continue
        if _CPR_CUE.search(before):
            found.append((start, end))
            continue
        spaced = " " in m.group(0) or "\n" in m.group(0)
        medium = (
            (s1 == "" and s2 in ("", "-", "/"))
            or (s1 in (".", "/") and s2 in ("-", "/"))
            or (s1 == "-" and s2 == "-")
            or (s1 == " " and raw == " ")
        )
        if not medium or "\n" in s2:
            continue
        if _NOT_CPR_BEFORE.search(before) or _NOT_CPR_AFTER.match(after):
            continue
        if spaced and (re.search(r"[0-9][ \t]$", before) or re.match(r"[ \t][0-9]", after)):
            continue  # a row of numbers in a table
        found.append((start, end))
    return found


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
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kr\.|dkk\b|,-|%|mio\b|mia\b|procent\b|t\.kr)", re.IGNORECASE)
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
    """Regex for one name variant: the rest of each word in any case, spaces as any whitespace
    (or `_`, as in file names), an optional genitive (`Annes`, `Jens'`), whole words only. The
    initial is in any case too ("camilla thomsen"), except for a single word that is also an
    ordinary Danish word ("Lund", "Holm"), which must be capitalised."""
    from textmining.language.names import is_ordinary_word

    words = variant.split()
    strict = len(words) == 1 and is_ordinary_word(variant)
    parts = []
    for word in words:
        head, rest = word[0], word[1:]
        head_re = re.escape(head) if strict else f"(?i:{re.escape(head)})"
        parts.append(head_re + (f"(?i:{re.escape(rest)})" if rest else ""))
    return r"(?<![^\W_])" + r"[\s_]+".join(parts) + r"(?:'?s|')?(?![^\W_])"


@dataclass(frozen=True)
class _NameMatcher:
    """A compiled regex over all name variants and the person key each variant stands for."""

    regex: re.Pattern[str] | None
    keys: dict[str, str]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person key) of each name in text; a genitive ending stays outside the
        span, so "Annes" becomes "[PERSON-...]s". A single word that is also an ordinary word
        counts only where its context makes it a name (textmining.language.names)."""
        from textmining.language.names import ambiguous_is_name, is_ordinary_word

        if self.regex is None:
            return []
        found = []
        for m in self.regex.finditer(text):
            start, end = m.span()
            norm = _normalise_name(m.group(0).replace("_", " "))
            if norm not in self.keys:
                for suffix in ("'s", "s", "'"):
                    if norm.endswith(suffix) and norm[: -len(suffix)] in self.keys:
                        norm, end = norm[: -len(suffix)], end - len(suffix)
                        break
            if " " not in norm and is_ordinary_word(norm) and not ambiguous_is_name(text, start, end):
                continue
            found.append((start, end, self.keys.get(norm, norm)))
        return found


def _words_within(short: list[str], long: list[str]) -> bool:
    """True when every word of short is a word (or hyphenated piece) of long, in order."""
    pieces = [p for w in long for p in [w, *w.split("-")]]
    pos = 0
    for word in short:
        try:
            pos = pieces.index(word, pos) + 1
        except ValueError:
            return False
    return True


def _build_matcher(names: tuple[str, ...], scope: str | None = None) -> _NameMatcher:
    """Variants of every name, each mapped to one person key. A name that is part of exactly
    one longer name ("Camilla", "Camilla Thomsen" beside "Camilla Vestergaard Thomsen") is that
    person. The key of a person is the full name; a name of one word, and a part shared by two
    people, are keyed within scope (the case), so a surname alone never takes the pseudonym of
    someone in another case."""
    cleaned = []
    for name in names:
        if not name or not name.strip():
            continue
        name = " ".join(name.split())
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
        cleaned.append(name)
    people = sorted(dict.fromkeys(cleaned), key=lambda n: -len(n.split()))
    canonical: dict[str, str] = {}
    for name in people:
        words = _normalise_name(name).split()
        longer = {
            canonical[o] for o in canonical if len(o.split()) > len(words) and _words_within(words, o.split())
        }
        canonical[_normalise_name(name)] = longer.pop() if len(longer) == 1 else _normalise_name(name)

    def scoped(key: str) -> str:
        return key if " " in key or scope is None else f"{key}@{scope}"

    owners: dict[str, set[str]] = {}
    for name in people:
        person = canonical[_normalise_name(name)]
        for variant in _name_variants(name):
            owners.setdefault(variant, set()).add(person)
    if not owners:
        return _NameMatcher(None, {})
    keys = {}
    for variant, persons in owners.items():
        norm = _normalise_name(variant)
        # A part shared by two people (a common surname) gets a pseudonym of its own.
        keys[norm] = scoped(next(iter(persons)) if len(persons) == 1 else norm)
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
        self._matchers: dict[tuple, _NameMatcher] = {}

    def pseudonym(self, kind: str, value: str) -> str:
        """The pseudonym of a value: same salt and (normalised) value give the same text,
        e.g. `[CPR-7F3A2C11]`, `[PERSON-4B1D09AE]`, `[TLF-...]`, `[EMAIL-...]`."""
        if kind not in LABELS:
            raise ValueError(f"unknown kind of personal data: {kind!r}")
        key = kind + "\x1f" + _normalise(kind, value)
        return f"[{LABELS[kind]}-{self.digest(key)[:8]}]"

    def digest(self, value: str) -> str:
        """HMAC-SHA256 of value with the salt, in upper-case hex: a key that says whether two
        values are the same without storing either (file paths, the names a case had)."""
        return hmac.new(self._salt, value.encode(), hashlib.sha256).hexdigest().upper()

    def pseudonymise(
        self, text: str, names: Iterable[str] = (), *, cprs: Iterable[str] = (), scope: str | None = None
    ) -> tuple[str, list[Replacement]]:
        """The text with e-mails, CPR numbers, phone numbers and names (given here or to the
        constructor) replaced, and the replacements with spans in the input text. cprs are
        CPR numbers known to be in the text (the case's own), found in any form; scope (the
        case) keys names of one word. Existing pseudonyms are left alone, so running it twice
        changes nothing more."""
        folded = fold(text)
        masked = PSEUDONYM_RE.sub(lambda m: _MASK * len(m.group(0)), folded)
        found: list[Replacement] = []
        known = tuple(cprs)

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
            return lambda s: [(a, b, folded[a:b]) for a, b in find(s)]

        # Order matters: e-mails may hold digits, CPR numbers look like phone numbers. A second
        # round only finds something when a later kind masked the neighbour of an earlier one.
        matcher = self._matcher(self._names + tuple(names), scope)
        while True:
            before = len(found)
            take("email", spans_of(find_emails))
            take("cpr", spans_of(lambda s: find_cpr(s, known)))
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

    def _matcher(self, names: tuple[str, ...], scope: str | None) -> _NameMatcher:
        matcher = self._matchers.get((names, scope))
        if matcher is None:
            if len(self._matchers) > 256:
                self._matchers.clear()
            matcher = self._matchers[(names, scope)] = _build_matcher(names, scope)
        return matcher


def _normalise(kind: str, value: str) -> str:
    """The form of a value that is hashed: digits for CPR and phone (without +45), lower-case
    e-mail, lower-case name with single spaces."""
    if kind == "cpr":
        return _cpr_digits(value)
    if kind == "telefon":
        digits = re.sub(r"[^0-9]", "", fold(value))
        if len(digits) == 12 and digits.startswith("0045"):
            digits = digits[4:]
        elif len(digits) == 10 and digits.startswith("45"):
            digits = digits[2:]
        return digits
    if kind == "email":
        return value.strip().casefold()
    return _normalise_name(value)


def pseudonymise_path(
    pseudo: Pseudonymiser,
    path: str,
    names: Iterable[str] = (),
    *,
    cprs: Iterable[str] = (),
    scope: str | None = None,
) -> str:
    """A file path with the personal data in each of its parts pseudonymised, as it is stored
    and shown: `.../Mette_Lund_120488-1234_notat.txt` → `.../[PERSON-…]_[PERSON-…]_[CPR-…]_notat.txt`.
    Names are those given and those guessed in the path itself (`_` read as a space)."""
    from textmining.language.names import guess_names

    given, known = tuple(names), tuple(cprs)
    out = []
    for part in re.split(r"([/\\])", path):
        if not part or part in "/\\":
            out.append(part)
            continue
        spaced = re.sub(r"[_+]", " ", part)
        _, reps = pseudo.pseudonymise(spaced, (*given, *guess_names(spaced)), cprs=known, scope=scope)
        pieces, pos = [], 0
        for rep in reps:
            pieces += [part[pos : rep.start], rep.pseudonym]
            pos = rep.end
        out.append("".join(pieces) + part[pos:])
    return "".join(out)
