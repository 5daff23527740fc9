"""Danish formats for reports and terminal output: 1.234,5 · 12. marts 2021 · 3. kvt. 2021 · <5."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from textmining.language.dates import MONTH_NAMES, long_date

MONTHS = MONTH_NAMES
SUPPRESSED = "<5"
MIN_CELL = 5


def format_number(value: float | None, decimals: int = 0, *, empty: str = "–") -> str:
    """1234.5 → '1.234,5' (decimals fixed); None → '–'."""
    if value is None:
        return empty
    text = f"{value:,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if text.startswith("-"):
        text = "-" + text[1:]
        if re.fullmatch(r"-0(,0*)?", text):
            text = text[1:]
    return text


def format_kr(value: float | None, decimals: int = 0) -> str:
    """1234567 → '1.234.567 kr.'"""
    return "–" if value is None else f"{format_number(value, decimals)} kr."


def format_percent(share: float | None, decimals: int = 1) -> str:
    """0.123 → '12,3 %' (share given as a fraction)."""
    return "–" if share is None else f"{format_number(share * 100, decimals)} %"


def format_count(n: int | None) -> str:
    """A count of people for a report: 1-4 become '<5' (small-cell suppression)."""
    if n is None:
        return "–"
    if 0 < n < MIN_CELL:
        return SUPPRESSED
    return format_number(n)


def format_date(d: date | None) -> str:
    """date(2021, 3, 12) → '12. marts 2021'."""
    return "–" if d is None else long_date(d)


def format_share(
    part: float | None,
    whole: float | None,
    decimals: int = 1,
    *,
    min_whole: int = MIN_CELL,
    people: bool = True,
) -> str:
    """part/whole as '12,3 %'; '–' when whole is missing, zero or a small cell (< min_whole),
    and when part is a small cell (1-4), since the share would reveal the suppressed count.
    For counts that are not people (letters), pass people=False."""
    if not share_is_shown(part, whole, min_whole=min_whole, people=people):
        return "–"
    assert part is not None and whole  # for the type checker: share_is_shown checked both
    return format_percent(part / whole, decimals)


def share_is_shown(
    part: float | None, whole: float | None, *, min_whole: int = MIN_CELL, people: bool = True
) -> bool:
    """Whether a report may show part/whole (format_share's rule): not when the whole is missing
    or a small cell, nor when the part is a small cell of people (1-4), which the share would
    reveal. A chart of shares plots only these, so it shows no more than its table."""
    if part is None or not whole or whole < min_whole:
        return False
    return not (people and 0 < part < MIN_CELL)


def format_value(value: float | None, unit: str = "") -> str:
    """A measured value by its unit: pct → '12,3 %', antal → '1.234' (or '<5'), kr → '1.234 kr.',
    uger → '12,5 uger'; other values with one decimal unless whole."""
    if value is None:
        return "–"
    u = (unit or "").lower().strip(". ")
    if u in ("pct", "%", "procent"):
        return f"{format_number(value, 1)} %"
    if u in ("antal", "personer", "fuldtidspersoner"):
        return format_count(round(value)) if float(value).is_integer() else format_number(value, 1)
    if u in ("kr", "kroner"):
        return format_kr(value)
    decimals = 0 if float(value).is_integer() else 1
    text = format_number(value, decimals)
    return f"{text} {u}" if u else text


def format_signed(value: float | None, decimals: int = 0, unit: str = "") -> str:
    """A change with its sign: 1234 → '+1.234', -5 → '-5'; unit appended when given."""
    if value is None:
        return "–"
    text = format_number(value, decimals)
    if value > 0 and text.strip("0,") != "":
        text = "+" + text
    return f"{text} {unit}".rstrip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"»(])")


def cut_to_sentence(text: str, anchor: int | None = None, limit: int = 240) -> str:
    """The sentence of text that holds character offset anchor (the first when None),
    whitespace collapsed and cut at a word boundary with '…' when longer than limit."""
    clean = " ".join((text or "").split())
    if not clean:
        return ""
    if anchor is None:
        sentence = _SENTENCE_END.split(clean, maxsplit=1)[0]
    else:
        sentence = clean
        position = 0
        for part in _SENTENCE_END.split(clean):
            start = clean.find(part, position)
            if start <= anchor <= start + len(part):
                sentence = part
                break
            position = start + len(part)
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return sentence.strip()


_PSEUDONYM = re.compile(r"\[(CPR|TLF|EMAIL|PERSON)-[0-9A-F]{8}\]")
_PSEUDONYM_LABEL = {"CPR": "[CPR-nr.]", "TLF": "[tlf.]", "EMAIL": "[e-mail]", "PERSON": "[navn]"}


def anonymise_quote(text: str, names: tuple[str, ...] | list[str] = ()) -> str:
    """A quote safe for a report: CPR numbers, phone numbers, e-mail addresses and the given
    names replaced by neutral labels, and the store's pseudonyms shown as '[navn]' etc."""
    from textmining.language.names import guess_names
    from textmining.language.personaldata import find_cpr, find_emails, find_phones

    out = _PSEUDONYM.sub(lambda m: _PSEUDONYM_LABEL[m.group(1)], text or "")
    # Names the store missed (text kept with --keep-personal-data, a name guessed only now).
    names = (*names, *guess_names(out))
    for finder, label in ((find_emails, "[e-mail]"), (find_cpr, "[CPR-nr.]"), (find_phones, "[tlf.]")):
        for start, end in sorted(finder(out), reverse=True):
            out = out[:start] + label + out[end:]
    for name in sorted({n.strip() for n in names if n and len(n.strip()) > 2}, key=len, reverse=True):
        out = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "[navn]", out, flags=re.IGNORECASE)
        for part in name.split():
            if len(part) > 2 and part[:1].isupper():
                out = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", "[navn]", out)
    return out


def quote(
    text: str, anchor: int | None = None, names: tuple[str, ...] | list[str] = (), limit: int = 240
) -> str:
    """A pseudonymised quote cut to the sentence, in Danish quotation marks."""
    sentence = anonymise_quote(cut_to_sentence(text, anchor, limit), names)
    return f"»{sentence}«" if sentence else ""


def share_phrase(part: int | None, whole: int | None) -> str:
    """A share for running text: '12,3 %', or 'under 5' when the count itself is a small cell
    (so '… mangel i under 5 af de vurderede sager' does not reveal it)."""
    if part is not None and 0 < part < MIN_CELL:
        return "under 5"
    return format_share(part, whole)


def count_in_text(n: int) -> str:
    """A count of people for running text: 'under 5' for 1-4, else '1.234'."""
    return "under 5" if 0 < n < MIN_CELL else format_number(n)


SECONDARY = ".."


def format_count_row(counts: list[int]) -> list[str]:
    """A row of counts whose total is shown: 1-4 become '<5', and when exactly one cell is
    suppressed, the smallest other non-zero cell is hidden too ('..'), so the suppressed count
    cannot be worked out as the total minus the rest (secondary suppression)."""
    out = [format_count(n) for n in counts]
    small = [i for i, n in enumerate(counts) if 0 < n < MIN_CELL]
    if len(small) == 1:
        others = [(n, i) for i, n in enumerate(counts) if n >= MIN_CELL]
        if others:
            out[min(others)[1]] = SECONDARY
    return out


def stamp_core_properties(props: Any, *, title: str | None = None, when: datetime | None = None) -> None:
    """Set a generated document's core properties (python-docx or python-pptx) to what afdaek
    made: no author or last editor (no tool name), created and modified now, the report's title (the
    template's own when None), and no leftovers from the library's default file (python-pptx's
    'Steve Canny' and 2013 dates) or the template (its description)."""
    when = (when or datetime.now(timezone.utc)).replace(microsecond=0)
    if when.tzinfo is not None:  # the OOXML core properties hold UTC without a zone
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    props.author = ""  # no tool name in what politicians open (issue 14)
    props.last_modified_by = ""
    props.created = when
    props.modified = when
    if title is not None:
        props.title = title
    props.revision = 1
    for attr in (
        "subject",
        "keywords",
        "comments",
        "category",
        "content_status",
        "identifier",
        "language",
        "version",
    ):
        if hasattr(props, attr):
            setattr(props, attr, "")


@dataclass(frozen=True)
class Bounded:
    """A total of cells of which some are suppressed (each 1-4): known sum and hidden cells,
    so the true total lies between `low` and `high`. A suppressed cell is unknown, never 0."""

    known: int = 0
    hidden: int = 0

    @property
    def low(self) -> int:
        return self.known + self.hidden * 1

    @property
    def high(self) -> int:
        return self.known + self.hidden * (MIN_CELL - 1)

    def __add__(self, other: Bounded) -> Bounded:
        return Bounded(self.known + other.known, self.hidden + other.hidden)

    @staticmethod
    def of(cells: Iterable[int | None]) -> Bounded:
        """A None cell is a suppressed one."""
        known = hidden = 0
        for c in cells:
            if c is None:
                hidden += 1
            else:
                known += c
        return Bounded(known, hidden)


def format_bounded(total: Bounded) -> str:
    """'644' when nothing is hidden, else the range '731–992' (never the known sum alone)."""
    if not total.hidden:
        return format_count(total.known)
    return f"{format_number(total.low)}–{format_number(total.high)}"


def share_bounds(part: Bounded, rest: Bounded) -> tuple[float, float] | None:
    """The lowest and highest share part/(part+rest) the hidden cells allow."""
    lo_whole = part.low + rest.high
    hi_whole = part.high + rest.low
    if lo_whole <= 0 or hi_whole <= 0:
        return None
    return part.low / lo_whole, part.high / hi_whole


def format_share_bounded(part: Bounded, rest: Bounded, decimals: int = 1) -> str:
    """A share as '12,3 %' when it is known to within half a percentage point, else as the
    range '10,1–14,8 %'; '–' when the whole may be a small cell."""
    if part.low + rest.low < MIN_CELL:
        return "–"
    bounds = share_bounds(part, rest)
    if bounds is None:
        return "–"
    lo, hi = bounds
    if hi - lo < 0.005:
        return format_percent((lo + hi) / 2, decimals)
    return f"{format_number(lo * 100, decimals)}–{format_number(hi * 100, decimals)} %"


RECOMMENDATION_FIELDS = ("titel", "tekst", "oekonomi", "kvalitet", "ansvarlig", "grundlag")
"""What a report's recommendation holds; the templates leave out the lines that are empty."""


def recommendation(**fields: str) -> dict[str, str]:
    """A recommendation for a report's last section, every field present (empty when the
    report has nothing to say there)."""
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise ValueError(f"ukendte felter i en anbefaling: {', '.join(sorted(unknown))}")
    return {k: fields.get(k, "") for k in RECOMMENDATION_FIELDS}
