"""Danish dates in case notes, letters and decisions, and the dates afdaek writes itself.

`iso_date` reads the dates afdaek writes (ISO, in the store, TOML and CSV files and --dato): the
one reader of them. `parse_date` and `find_dates` read the forms caseworkers write:
``14.03.2023``, ``14/3-23``, ``3.5.23``, ``11-12-2013``, ``2023-03-14``, ``2. maj 2023``,
``2. maj``, ``d. 3/5``, ``14. mar. 2023``, as case systems print them (``2023.03.14``,
``17-FEB-2026``, ``11MAJ22``, ``12/3 -19``) and the relative ``i dag``, ``i går``, ``i forgårs``,
``i morgen`` (relative to ``today``). A date without a year takes ``default_year``; without
that, the year that puts it nearest to ``today``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTH_NAMES = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
"""Month names in order: MONTH_NAMES[month - 1]."""


def long_date(d: date) -> str:
    """date(2021, 3, 12) → '12. marts 2021', the way Danish letters and reports write it."""
    return f"{d.day}. {MONTH_NAMES[d.month - 1]} {d.year}"


MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "marts": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
"""The weekdays in order (WEEKDAY_NAMES[d.weekday()]): the one place afdaek writes them."""
WEEKDAY_STEM = "(?:" + "|".join(n.removesuffix("dag") for n in WEEKDAY_NAMES) + ")"
"""The weekdays without "-dag" as one regex alternation ("man", "tirs", ...)."""
WEEKDAY = WEEKDAY_STEM + "dag"
"""Any weekday's name as a regex, '(?:man|tirs|ons|tors|fre|lør|søn)dag'; a pattern adds the
endings it allows ('s' in 'i mandags', 'en' in 'mandagen')."""
_WEEKDAYS = tuple(n[:3] for n in WEEKDAY_NAMES)
RELATIVE = {"i dag": 0, "i går": -1, "i forgårs": -2, "i morgen": 1}

MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
"""The month names and abbreviations as one regex alternation, longest first."""
_MONTH_ALT = MONTH_ALT
# One alternation, tried left to right; named groups tell the form apart.
DATE_RE = re.compile(
    r"(?<![\w./-])(?:"
    r"(?P<iy>(?:19|20)\d{2})(?P<isep>[-./])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})"
    r"|(?P<nd>\d{1,2})[./-](?P<nm>\d{1,2})[./-](?P<ny>\d{4}|\d{2})"
    # "17-FEB-2026", "03-feb-21": day, month name and year joined by dashes (case systems)
    r"|(?P<hd>\d{1,2})-(?P<hm>" + _MONTH_ALT + r")\.?-(?P<hy>\d{4}|\d{2})"
    # "11/4 2016", "11.4 2016": day and month, a space, a year of this or the last century
    # (not an amount: "9/5 2000 kr.")
    r"|(?P<wd_d>\d{1,2})[./](?P<wd_m>\d{1,2})\.?[ \t](?P<wd_y>(?:19|20)\d{2})(?![\d.,:]|\s*(?:kr|,-))"
    r"|(?P<pd>\d{1,2})[.-](?P<pm>\d{1,2})(?P<pdot>\.)?"
    r"|(?P<sd>\d{1,2})/(?P<sm>\d{1,2})(?:[ ]?-(?P<sy>\d{4}|\d{2})(?![\d.,]))?"
    # "1. marts 2023", "1 mar. 23", "1. mar '23": a two-digit year only after an abbreviated
    # month's dot or an apostrophe, and never as the hour of a time ("3. maj 10.00").
    r"|(?P<td>\d{1,2})\.?\s*(?P<tm>" + _MONTH_ALT + r")\.?,?"
    r"(?:\s+(?P<ty>\d{4})|(?<=\.)\s*(?P<ty2>\d{2})(?![\d.:])|\s+'(?P<ty3>\d{2})"
    # "11MAJ22", "18nov25": day, month and a two-digit year run together, as systems print it
    r"|(?<=[^\W\d_])(?P<ty4>\d{2})(?![\d.:]))?"
    # also run together and without å, as typed on a phone: "idag", "igaar", "i gar"
    r"|(?P<rel>i\s*dag|i\s*(?:går|gaar|gar)|i\s*(?:forgårs|forgaars)|i\s*morgen)"
    r"|(?P<wd>i\s+" + WEEKDAY + r"s)"
    r")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
_NOT_A_DAY = re.compile(r"(?:\bkl\.?|\buge|\bnr\.?|\bpkt\.?)\s*$", re.IGNORECASE)


YEAR_GROUPS = ("iy", "ny", "hy", "wd_y", "sy", "ty", "ty2", "ty3", "ty4")
"""The named groups of DATE_RE that hold a written year: a match with one of them set has its
year."""


def _year(raw: str | None, default_year: int | None) -> int | None:
    if raw is None:
        return default_year
    y = int(raw)
    if len(raw) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _nearest(day: int, month: int, today: date) -> date | None:
    """The date with this day and month nearest to today (within half a year)."""
    best = None
    for y in (today.year - 1, today.year, today.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - today).days) < abs((best - today).days):
            best = d
    return best


def _from_match(m: re.Match[str], default_year: int | None, today: date | None) -> date | None:
    g = m.groupdict()
    if g["rel"]:
        if today is None:
            return None
        key = re.sub(r"^i\s*", "i ", g["rel"].lower()).replace("aa", "å")
        key = {"i gar": "i går"}.get(key, key)
        return today + timedelta(days=RELATIVE[key])
    if g["wd"]:  # "i mandags": the last such weekday before today
        if today is None:
            return None
        wanted = _WEEKDAYS.index(g["wd"].split()[-1].lower()[:3])
        back = (today.weekday() - wanted) % 7 or 7
        return today - timedelta(days=back)
    if g["iy"]:
        parts = (g["iy"], g["im"], g["id"])
    elif g["hd"]:
        parts = (g["hy"], str(MONTHS[g["hm"].lower()]), g["hd"])
    elif g["wd_d"]:
        parts = (g["wd_y"], g["wd_m"], g["wd_d"])
    elif g["pd"]:
        parts = (None, g["pm"], g["pd"])
    elif g["nd"]:
        parts = (g["ny"], g["nm"], g["nd"])
    elif g["sd"]:
        parts = (g["sy"], g["sm"], g["sd"])
    else:
        parts = (g["ty"] or g["ty2"] or g["ty3"] or g["ty4"], str(MONTHS[g["tm"].lower()]), g["td"])
    raw_year, month, day = parts
    if raw_year is None and default_year is None:
        return _nearest(int(day), int(month), today) if today else None
    year = _year(raw_year, default_year)
    if year is None:
        return None
    try:
        return date(year, int(month), int(day))
    except (ValueError, TypeError):
        return None


_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def iso_date(value: object) -> date | None:
    """A date afdaek wrote in ISO form ('2023-03-14', also with the time after it:
    '2023-03-14T09:30:00+00:00'), or a date, as a date; None when empty or not such a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DATE.fullmatch(str(value or "").strip())
    try:
        return date.fromisoformat(m.group(1)) if m else None
    except ValueError:  # 2023-02-30
        return None


def parse_date(s: str, *, default_year: int | None = None, today: date | None = None) -> date | None:
    """The date written in s (the whole string, ``d.``/``den`` allowed before it), or None."""
    text = re.sub(r"^\s*(?:d\.|den)\s*", "", s.strip(), flags=re.IGNORECASE).rstrip(" .,;:")
    m = DATE_RE.fullmatch(text)
    if not m:
        m = DATE_RE.fullmatch(text + ".") if text else None
    if not m:
        return None
    return _from_match(m, default_year, today)


# A day and month without a year ("14.11.", "20-02") is a date only when it cannot be a time,
# a range or a decimal: not after "kl.", not before a unit, and with a two-digit month or a
# closing dot ("3.3.").
_CLOCK_BEFORE = re.compile(r"(?:\bkl\.?|\bklokken|\bca\.?)\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:timer|time|t\b|min|minutter|dage|dag|uger|uge|måneder|mdr|år|kr|%|procent|gange|"
    r"personer|stk|km|pers)",
    re.IGNORECASE,
)
# Earlier days listed before a date that starts with its day: "den 2., 3. og 8. maj",
# "12., 13. og 14.10.".
# A day listed before a date that names its month: "2., 3. og 8. maj", also with the
# weekday or "den" repeated before the next day ("mandag den 20. og tirsdag den 21. februar").
_DAY_LIST = re.compile(
    r"(\d{1,2})\.\s*(?:,\s*|\s+og\s+|\s+samt\s+)"
    r"(?:" + WEEKDAY + r"\s+)?(?:den\s+|d\.\s*)?$",
    re.IGNORECASE,
)


# A weekday right before a day and month makes it a date also with a one-digit month and no
# closing dot ("onsdag 26-9", "tors. 3.2").
_WEEKDAY_BEFORE = re.compile(r"\b" + WEEKDAY_STEM + r"(?:dag|s)?\.?[ \t]+(?:d\.|den)?[ \t]*$", re.IGNORECASE)


def _day_month_is_date(text: str, m: re.Match[str]) -> bool:
    if _CLOCK_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
        return False
    if len(m.group("pm")) < 2 and not m.group("pdot") and not _WEEKDAY_BEFORE.search(text, 0, m.start()):
        return False
    return not _UNIT_AFTER.match(text, m.end())


CLOCK_OR_DATE_DAYS = 92
"""A day.month without a year and without its closing dot that also reads as a time of day
("13.10 bg. ringede selv") is taken for a time when, as a date, it lies more than this many days
from the note's date: a note tells of days near it (vurdering (projektet))."""


def _clock_far_from_today(m: re.Match[str], d: date, today: date | None) -> bool:
    if today is None or m.group("pdot") or len(m.group("pm")) != 2:
        return False
    hour, minute = int(m.group("pd")), int(m.group("pm"))
    return hour <= 23 and minute <= 59 and abs((d - today).days) > CLOCK_OR_DATE_DAYS


# A range of days written with a dash: "11.-13.12.", "7.-8. juni", "03.04.-04.04.2023": the
# first day (and month) before the dash, the date after it gives the rest. The date after the
# dash is matched without DATE_RE's look-behind (which keeps "-13" in "2023-13" from a date).
_RANGE_START = re.compile(r"(?<![\w./-])(?P<d>\d{1,2})\.(?:(?P<m>\d{1,2})\.)?[ \t]*[-–][ \t]*")
_DATE_AFTER_DASH = re.compile(DATE_RE.pattern.replace(r"(?<![\w./-])", "", 1), re.IGNORECASE)
RANGE_DAYS = 31
"""A range longer than this is not read as one ("1.-30.6." is a period, still two dates)."""


def _ranges(
    text: str, default_year: int | None, today: date | None
) -> list[tuple[int, int, date, int, int, date]]:
    """(start, end, first day, start, end, last day) of each dash range in text."""
    out = []
    for m in _RANGE_START.finditer(text):
        em = _DATE_AFTER_DASH.match(text, m.end())
        if em is None or em.group("rel") or em.group("wd"):
            continue
        last = _from_match(em, default_year, today)
        if last is None:
            continue
        month = int(m.group("m")) if m.group("m") else last.month
        year = last.year if month <= last.month else last.year - 1
        try:
            first = date(year, month, int(m.group("d")))
        except ValueError:
            continue
        if first > last and not m.group("m"):  # "28.-2.3.": the month before
            prev = last.replace(day=1) - timedelta(days=1)
            try:
                first = prev.replace(day=int(m.group("d")))
            except ValueError:
                continue
        if 0 < (last - first).days <= RANGE_DAYS:
            out.append(
                (m.start(), m.start() + len(m.group(0).rstrip(" \t-–")), first, em.start(), em.end(), last)
            )
    return out


def find_dates(
    text: str,
    *,
    default_year: int | None = None,
    today: date | None = None,
    require_year: bool = False,
) -> list[tuple[int, int, date]]:
    """All dates in text as (start, end, date); forms that are not valid dates are skipped.
    Without a year a date takes default_year, else the year that puts it nearest today; days
    listed before a date that starts with its day ("den 2., 3. og 8. maj", "12., 13. og
    14.10.") are dates of that month too."""
    found: list[tuple[int, int, date]] = []
    for m in DATE_RE.finditer(text):
        if require_year and not any(m.group(k) for k in YEAR_GROUPS):
            continue
        if m.group("pd") and not _day_month_is_date(text, m):
            continue
        d = _from_match(m, default_year, today)
        if d is None:
            continue
        if m.group("pd") and _clock_far_from_today(m, d, today):
            continue
        if m.group("td") or m.group("nd") or m.group("pd"):
            # "den 2., 3. og 8. maj", "12., 13. og 14.10.", "4., 5. og 6.3.2023"
            listed = []
            end = m.start()
            while True:
                lm = _DAY_LIST.search(text, max(0, end - 28), end)
                if not lm or _NOT_A_DAY.search(text, max(0, lm.start(1) - 5), lm.start(1)):
                    break  # "kl. 10. og den 21. februar", "uge 7. og ...": not a day
                try:
                    listed.append((lm.start(1), lm.end(1) + 1, d.replace(day=int(lm.group(1)))))
                except ValueError:
                    break
                end = lm.start()
            found.extend(reversed(listed))
        found.append((m.start(), m.end(), d))
    if "-" in text or "–" in text:
        for s1, e1, first, s2, e2, last in _ranges(text, default_year, today):
            if require_year and not re.search(r"\d{4}|\d{2}$", text[s2:e2]):
                continue
            found = [f for f in found if not (f[0] == s1 or f[0] == s2)]
            found += [(s1, e1, first), (s2, e2, last)]
        found.sort()
    return found
