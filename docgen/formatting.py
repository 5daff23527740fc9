"""Danish formats for reports and terminal output: 1.234,5 · 12. marts 2021 · 3. kvt. 2021 · <5."""

from __future__ import annotations

import re
from datetime import date

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
)
SUPPRESSED = "<5"
MIN_CELL = 5


def format_number(value: float | int | None, decimals: int = 0, *, empty: str = "–") -> str:
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


def format_kr(value: float | int | None, decimals: int = 0) -> str:
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
    return "–" if d is None else f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def format_quarter(year: int, quarter: int) -> str:
    """(2021, 3) → '3. kvt. 2021'."""
    return f"{quarter}. kvt. {year}"


def format_period(period: str) -> str:
    """Normalised periods in words: '2021K3' → '3. kvt. 2021', '2021M09' → 'september 2021'."""
    m = re.fullmatch(r"(\d{4})K([1-4])", period)
    if m:
        return format_quarter(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d{4})M(\d{2})", period)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return period
