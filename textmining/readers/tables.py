"""Readers for the report inputs: indicator, benchmark, offer, sanction, appeal and survey tables.

Pure functions from a CSV or XLSX file to frozen records. CSV may use `;`, `,` or tab and be
utf-8, utf-8-sig or cp1252. Numbers are Danish (`1.234,5`, `12,3 %`, `-1.234`, `1.234,-`);
suppressed cells (`..`, `-`, `.`, `x`, blank, `<5`) become None. Every problem is an
`InputError` whose message is one Danish line naming file, row and column, e.g.
`eksempel.csv, række 7, kolonne "Værdi": "12,3,4" er ikke et tal`.

Column names are matched case-insensitively from alias lists, tolerant of æ/ø/å spelled
ae/oe/aa and of long SurveyXact/jobindsats headings (an alias may be a prefix of the heading).
Periods are normalised to `2021K3`, `2021M09`, `2021H2`, `2021` (or a range `2019H2-2020H1`)
and carry a sort key, see `parse_period`. Scenario assumptions come from TOML
(`read_scenarios`).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from textmining import DATA_DIR
from textmining.config import bundled_toml, parse_toml
from textmining.errors import InputError
from textmining.language.dates import MONTH_NAMES
from textmining.readers.guards import read_input
from textmining.readers.sources import decode_text
from textmining.readers.tabular import TABLE_SUFFIXES, TableFile, open_table

PathLike = str | Path

SATISFACTION_SCALE: tuple[str, ...] = (
    "Yderst tilfreds",
    "Meget tilfreds",
    "Tilfreds",
    "Mindre tilfreds",
)
"""The survey's overall satisfaction scale, best first: the scale of Varde Kommune's user
survey (Udvalget for Arbejdsmarked og Integration, referat 11. december 2013, pkt. 331
'Brugertilfredshedsmålinger 2013 - Myndighed'), the same the letters checklist cites."""

TABLE_KINDS: tuple[str, ...] = (
    "indikatorer",
    "benchmark",
    "tilbud",
    "sanktioner",
    "ankesager",
    "survey",
)
"""Kinds of table `detect_table_kind` can recognise (plus "scenarier" for a TOML file)."""

PROVIDER_TYPES: tuple[str, ...] = ("egen", "anden aktør")


class TableError(InputError):
    """A table could not be read; the message is one Danish line naming file, row and column."""

    def __init__(
        self,
        path: PathLike | None,
        problem: str,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.row = row
        self.column = column
        where = []
        if row is not None:
            where.append(f"række {row}")
        if column is not None:
            where.append(f'kolonne "{column}"')
        # Like every InputError, `problem` is the whole line after the file: here with the row
        # and column, so whoever shows `problem` next to the file loses nothing.
        self.problem = f"{', '.join(where)}: {problem}" if where else problem
        line = (
            f"{self.path}, {self.problem}"
            if self.path and where
            else (f"{self.path}: {self.problem}" if self.path else self.problem)
        )
        Exception.__init__(self, line)


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Indicator:
    """One value from a jobindsats-style table: a measure for a group, area and period."""

    source: str
    measure: str
    group: str
    municipality: str
    period: str
    value: float | None
    unit: str


@dataclass(frozen=True)
class Benchmark:
    """One row of the BM benchmark (jobindsats Y30R21): actual vs expected full-time persons on
    public benefits for a municipality, ydelsesgruppe (area) and period. forskel is faktisk −
    forventet (positive: more on benefits than expected); the shares are in percent of the
    population."""

    municipality: str
    area: str
    period: str
    placering: int | None
    faktisk: float | None
    forventet: float | None
    forskel: float | None
    besparelse: float | None
    faktisk_andel: float | None = None
    forventet_andel: float | None = None
    forskel_andel: float | None = None


@dataclass(frozen=True)
class Offer:
    """One employment offer (tilbud): economy, volume and status of participants 1 month after."""

    name: str
    provider: str
    provider_type: str
    period: str
    annual_cost: float | None
    places: int | None
    participants: int | None
    mean_duration_weeks: float | None
    status_job: int | None
    status_uddannelse: int | None
    status_ydelse: int | None

    @property
    def cost_per_participant(self) -> float | None:
        """Annual cost divided by participants, or None when either is missing or zero."""
        if self.annual_cost is None or not self.participants:
            return None
        return self.annual_cost / self.participants

    @property
    def cost_per_place(self) -> float | None:
        """Annual cost divided by places, or None when either is missing or zero."""
        if self.annual_cost is None or not self.places:
            return None
        return self.annual_cost / self.places


@dataclass(frozen=True)
class SanctionStat:
    """Number of sanctions of one type for a ydelse and visitationskategori in a period."""

    municipality: str
    period: str
    ydelse: str
    visitationskategori: str
    sanction_type: str
    count: int | None


@dataclass(frozen=True)
class AppealStat:
    """Appeals (ankesager) decided by Ankestyrelsen for a ydelse in a period, by outcome."""

    municipality: str
    period: str
    ydelse: str
    appeals: int | None
    changed: int | None
    sent_back: int | None
    upheld: int | None

    @property
    def omgoerelsesprocent(self) -> float | None:
        """Share of appeals changed or sent back, in percent; None if it cannot be computed."""
        if not self.appeals or self.changed is None or self.sent_back is None:
            return None
        return 100.0 * (self.changed + self.sent_back) / self.appeals


@dataclass(frozen=True)
class SurveyResponse:
    """One survey answer: group, free text before/during/after the meeting, satisfaction."""

    respondent: str
    group: str
    before: str | None
    during: str | None
    after: str | None
    satisfaction: str | None


@dataclass(frozen=True)
class Assumption:
    """One scenario assumption as written in the TOML file, with its Danish label and unit."""

    section: str
    name: str
    value: float
    label: str
    unit: str
    source: str


@dataclass(frozen=True)
class ScenarioParams:
    """Validated scenario parameters: `values[section][name]` plus every assumption's label."""

    path: str
    values: dict[str, dict[str, float]]
    assumptions: tuple[Assumption, ...]
    meta: dict[str, str]
    warnings: tuple[str, ...] = ()  # one Danish line per unknown section or name

    def section(self, name: str) -> dict[str, float]:
        """The numbers of one section (e.g. "sanktioner" or "tilbud.nytteindsats")."""
        return dict(self.values.get(name, {}))

    def get(self, section: str, name: str, default: float | None = None) -> float | None:
        """One number, or `default` when the file does not set it."""
        return self.values.get(section, {}).get(name, default)

    def sections_under(self, prefix: str) -> dict[str, dict[str, float]]:
        """Subsections by their last name, e.g. `sections_under("tilbud")` -> {"mentor": ...}."""
        start = prefix + "."
        return {
            name[len(start) :]: dict(vals) for name, vals in self.values.items() if name.startswith(start)
        }


@dataclass(frozen=True)
class Period:
    """A normalised period: label (`2021K3`, `2021M09`, `2021H2`, `2021`, or `A-B`) and months."""

    label: str
    start: int
    end: int

    @property
    def sort_key(self) -> tuple[int, int]:
        """Periods sort by the month they end, then by the month they start."""
        return (self.end, self.start)

    @property
    def danish(self) -> str:
        """The label as Danish text for a report: `3. kvt. 2021`, `september 2021`, ..."""
        return danish_period(self.label)


# --------------------------------------------------------------------------------------------
# Periods

_MONTH_NAMES = MONTH_NAMES
_MONTH_ABBR = {name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTH_ABBR["mrt"] = 3
_MONTH_ABBR["okt"] = 10
_MONTH_ABBR["maj"] = 5

_RE_YEAR = r"(\d{4}|\d{2})"
_PERIOD_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$"), "YM"),  # 2021-09
    (re.compile(r"^(\d{4})\s*m\s*(\d{1,2})$"), "YM"),  # 2021M09
    (re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$"), "MY"),  # 09-2021
    (re.compile(r"^(\d{4})\s*[kq]\s*([1-4])$"), "YQ"),  # 2021K3, 2021Q3
    (re.compile(r"^[kq]\s*([1-4])\s*[-/ ]?\s*" + _RE_YEAR + r"$"), "QY"),  # K3 2021
    (
        re.compile(r"^([1-4])\s*\.?\s*(?:kvt|kv|kvartal|qtr|q)\.?\s*" + _RE_YEAR + r"$"),
        "QY",
    ),  # 3. kvt. 2021, 3.kvt 21, 3kv21, 3. kvartal 2021
    (re.compile(r"^(\d{4})\s*qmat\s*0?([1-4])$"), "QMAT"),  # 2020QMAT02: year to 2020K2
    (re.compile(r"^(\d{4})\s*mmat\s*(\d{1,2})$"), "MMAT"),  # 2021MMAT07: year to July 2021
    (re.compile(r"^(\d{4})\s*h\s*([12])$"), "YH"),  # 2021H2
    (re.compile(r"^([12])\s*\.?\s*(?:halvår|halvaar|halvar|hå|h)\.?\s*" + _RE_YEAR + r"$"), "HY"),
    (re.compile(r"^(\d{4})$"), "Y"),
    (re.compile(r"^([a-zæøå]+)\.?\s*" + _RE_YEAR + r"$"), "NY"),  # september 2021, sep. 21
)
_RANGE_SPLIT = re.compile(r"\s*(?:[-–—]|\btil\b)\s*")
_YEAR_TO = re.compile(r"^(?:år|12 mdr\.?|løbende år)\s+til\s+og\s+med\s+(.+)$")

PERIOD_HINT = (
    "brug fx 2021K3, 3. kvt. 2021, 2021M09, 2021-09, 2021H2, 2021, 2019H2-2020H1 "
    "eller 2020QMAT02 (år til og med 2. kvt. 2020)"
)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _single_period(text: str) -> Period | None:
    """Parse one period (no range), or None if the text is not one."""
    for pattern, kind in _PERIOD_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if kind in ("YM", "MY"):
            year, month = (m.group(1), m.group(2)) if kind == "YM" else (m.group(2), m.group(1))
            y, mo = _year(year), int(month)
            if not 1 <= mo <= 12:
                return None
            return Period(f"{y}M{mo:02d}", y * 12 + mo - 1, y * 12 + mo - 1)
        if kind in ("YQ", "QY"):
            year, q = (m.group(1), m.group(2)) if kind == "YQ" else (m.group(2), m.group(1))
            y, qn = _year(year), int(q)
            return Period(f"{y}K{qn}", y * 12 + 3 * (qn - 1), y * 12 + 3 * qn - 1)
        if kind == "QMAT":
            y, qn = int(m.group(1)), int(m.group(2))
            end = y * 12 + 3 * qn - 1
            return Period(f"{y}QMAT{qn:02d}", end - 11, end)
        if kind == "MMAT":
            y, mo = int(m.group(1)), int(m.group(2))
            if not 1 <= mo <= 12:
                return None
            end = y * 12 + mo - 1
            return Period(f"{y}MMAT{mo:02d}", end - 11, end)
        if kind in ("YH", "HY"):
            year, h = (m.group(1), m.group(2)) if kind == "YH" else (m.group(2), m.group(1))
            y, hn = _year(year), int(h)
            return Period(f"{y}H{hn}", y * 12 + 6 * (hn - 1), y * 12 + 6 * hn - 1)
        if kind == "Y":
            y = int(m.group(1))
            return Period(str(y), y * 12, y * 12 + 11)
        if kind == "NY":
            word = m.group(1)
            month = None
            if word in _MONTH_NAMES:
                month = _MONTH_NAMES.index(word) + 1
            elif word[:3] in _MONTH_ABBR and len(word) <= 4:
                month = _MONTH_ABBR[word[:3]]
            if month is None:
                return None
            y = _year(m.group(2))
            return Period(f"{y}M{month:02d}", y * 12 + month - 1, y * 12 + month - 1)
    return None


def parse_period(text: Any) -> Period:
    """Normalise a period (`2021K3`, `3. kvt. 2021`, `2021-09`, `2021M09`, `2021`, ranges).

    Raises InputError (without a path) when the text is not a period.
    """
    if isinstance(text, dt.datetime | dt.date):
        y, mo = text.year, text.month
        return Period(f"{y}M{mo:02d}", y * 12 + mo - 1, y * 12 + mo - 1)
    if isinstance(text, int | float) and not isinstance(text, bool):
        if float(text).is_integer() and 1900 <= text <= 2200:
            y = int(text)
            return Period(str(y), y * 12, y * 12 + 11)
        raise InputError(None, f'"{text}" er ikke en periode ({PERIOD_HINT})')
    raw = str(text)
    cleaned = " ".join(raw.replace("\u00a0", " ").split()).lower().strip(" .")
    single = _single_period(cleaned) if cleaned else None
    if single is not None:
        return single
    m = _YEAR_TO.match(cleaned)
    if m:  # "år til og med 2. kvt. 2020": the Danish name of a rolling year
        last = _single_period(m.group(1).strip(" ."))
        if last is not None and last.label[4:5] in ("K", "M") and "MAT" not in last.label:
            year, kind, n = last.label[:4], last.label[4], int(last.label[5:])
            return _single_period(f"{year}{'qmat' if kind == 'K' else 'mmat'}{n}") or last
    for m in _RANGE_SPLIT.finditer(cleaned):
        left, right = cleaned[: m.start()].strip(" ."), cleaned[m.end() :].strip(" .")
        a = _single_period(left) if left else None
        b = _single_period(right) if right else None
        if a is not None and b is not None and a.start <= b.end:
            return Period(f"{a.label}-{b.label}", a.start, b.end)
    raise InputError(None, f'"{raw.strip()}" er ikke en periode ({PERIOD_HINT})')


def period_sort_key(label: str) -> tuple[int, int]:
    """Sort key of a period label; unparsable labels sort last instead of raising."""
    try:
        return parse_period(label).sort_key
    except InputError:
        return (10**9, 10**9)


def danish_period(label: str) -> str:
    """A normalised label as Danish text: `2021K3` -> `3. kvt. 2021`, `2021M09` -> `september
    2021`, `2021H2` -> `2. halvår 2021`; ranges joined by an en dash."""
    if "-" in label:
        return " – ".join(danish_period(part) for part in label.split("-", 1))
    m = re.fullmatch(r"(\d{4})([QM])MAT(\d{2})", label)
    if m:
        last = f"{m.group(1)}{'K' if m.group(2) == 'Q' else 'M'}{int(m.group(3))}"
        return f"år til og med {danish_period(parse_period(last).label)}"
    m = re.fullmatch(r"(\d{4})([KMH])(\d{1,2})", label)
    if not m:
        return label
    year, kind, n = m.group(1), m.group(2), int(m.group(3))
    if kind == "K":
        return f"{n}. kvt. {year}"
    if kind == "H":
        return f"{n}. halvår {year}"
    return f"{_MONTH_NAMES[n - 1]} {year}"


# --------------------------------------------------------------------------------------------
# Numbers

_SUPPRESSED = re.compile(r"^(?:|\.{1,3}|[-–—]|x|\*|n/?a|\(?\s*<\s*\d+\s*\)?)$", re.IGNORECASE)
_NUMBER = re.compile(
    r"^(?P<sign>[-−–+]?)\s*(?P<body>"
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.234.567,89
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?"  # 1 234 567,89
    r"|\d+(?:,\d+)?"  # 1234,5
    r"|,\d+"  # ,5
    r")(?P<dash>,-)?$"
)
_UNIT_SUFFIX = re.compile(r"\s*(?P<unit>%|pct\.?|procent|kr\.?)$", re.IGNORECASE)
_UNIT_PREFIX = re.compile(r"^kr\.?\s*", re.IGNORECASE)


def is_suppressed(text: str) -> bool:
    """True for a cell that hides its value: blank, `..`, `-`, `.`, `x`, `<5`."""
    return bool(_SUPPRESSED.match(text.strip()))


def _parse_number(value: Any) -> tuple[float | None, bool]:
    """(number, is_percent) of a Danish number cell; raises InputError(None, ...) otherwise."""
    if value is None:
        return None, False
    if isinstance(value, bool):
        raise InputError(None, f'"{value}" er ikke et tal')
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise InputError(None, f'"{value}" er ikke et endeligt tal')
        return number, False
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise InputError(None, f'"{value}" er en dato, ikke et tal')
    raw = str(value)
    text = " ".join(raw.replace("\u00a0", " ").split())
    if text.startswith("="):
        raise InputError(None, f'"{_short(text)}" er en formel, ikke et tal')
    if is_suppressed(text):
        return None, False
    percent = False
    m = _UNIT_SUFFIX.search(text)
    if m and m.start() > 0:
        percent = m.group("unit").startswith(("%", "p", "P"))
        text = text[: m.start()].strip()
    text = _UNIT_PREFIX.sub("", text)
    m = _NUMBER.match(text)
    if not m:
        hint = ""
        if re.fullmatch(r"[-+]?\d+\.\d+", text) or re.fullmatch(r"[-+]?[\d,]+\.\d+", text):
            hint = " (brug dansk talformat: komma før decimaler, fx 1.234,5)"
        raise InputError(None, f'"{_short(raw.strip())}" er ikke et tal{hint}')
    body = m.group("body")
    body = re.sub(r"[.\u00a0\u202f\u2009 ]", "", body).replace(",", ".")
    if body.startswith("."):
        body = "0" + body
    number = float(body)
    if not math.isfinite(number):
        raise InputError(None, f'"{_short(raw.strip())}" er for stort et tal')
    if m.group("sign") in ("-", "−", "–"):
        number = -number
    return number, percent


def parse_danish_number(value: Any) -> float | None:
    """A Danish number (`1.234,5`, `12,3 %`, `-1.234`, `1.234,-`) as float; None if suppressed.

    Raises InputError (without a path) when the text is not a number.
    """
    return _parse_number(value)[0]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# Raw tables: the sheets of a table file (textmining.readers.tabular) as rows of cells with row numbers


@dataclass(frozen=True)
class _RawTable:
    """Rows of raw cells, numbered as a spreadsheet shows them (header usually row 1)."""

    path: str
    rows: Iterable[tuple[int, tuple[Any, ...]]]  # iterable more than once
    formulas: Callable[[], dict[tuple[int, int], str]]
    name: str | None = None


TableSource = PathLike | TableFile
"""A table file's path, or the file as `tabular.open_table` read it (read once, used by
detect_table_kind and the readers alike)."""


def _read_bytes(path: PathLike) -> bytes:
    return read_input(path)


def _table_file(source: TableSource) -> TableFile:
    if isinstance(source, TableFile):
        return source
    suffix = Path(source).suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise TableError(source, f"filtypen {suffix} kan ikke læses; gem som .xlsx eller .csv")
    if suffix not in TABLE_SUFFIXES:
        raise TableError(
            source, f'filtypen "{suffix or "uden endelse"}" kan ikke læses; brug .csv eller .xlsx'
        )
    return open_table(source)


def _load_tables(source: TableSource) -> list[_RawTable]:
    tf = _table_file(source)
    return [
        _RawTable(tf.path, sheet.rows, tf.formulas.get(i, dict), sheet.name)
        for i, sheet in enumerate(tf.sheets)
    ]


# --------------------------------------------------------------------------------------------
# Columns: a vocabulary of names per table and field (data/kolonner.toml), plus [kolonner] in
# afdaek.toml


def normalise_header(text: Any) -> str:
    """A column name reduced for matching: lower case, æøå as ae/oe/aa, letters and digits."""
    s = str(text or "").strip().lower()
    s = s.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", s)


VOCABULARY_FILE = DATA_DIR / "kolonner.toml"


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, tuple[str, ...]]]:
    """The column names afdaek knows: {table: {field key: names}} from data/kolonner.toml."""
    data = bundled_toml(VOCABULARY_FILE)
    return {kind: {key: tuple(names) for key, names in fields.items()} for kind, fields in data.items()}


@dataclass(frozen=True)
class _Col:
    """One expected column: field name, Danish label, the key it has in kolonner.toml and
    [kolonner], aliases, kind of value, required."""

    field: str
    label: str
    aliases: tuple[str, ...]
    kind: str = "text"
    required: bool = True
    key: str = ""


def _col(table: str, field: str, label: str, key: str, *, kind: str = "text", required: bool = True) -> _Col:
    names = vocabulary().get(table, {}).get(key, ())
    return _Col(field, label, tuple(dict.fromkeys((*names, label))), kind, required, key)


# The column tables are declarations, one a table kind (`duplicates` pairs them by shape).
INDICATOR_COLUMNS: tuple[_Col, ...] = (
    _col("indikatorer", "municipality", "Område", "kommune"),
    _col("indikatorer", "group", "Ydelsesgruppe", "gruppe"),
    _col("indikatorer", "period", "Periode", "periode", kind="period"),
    _col("indikatorer", "measure", "Måling", "maaling"),
    _col("indikatorer", "value", "Værdi", "vaerdi", kind="number"),
    _col("indikatorer", "unit", "Enhed", "enhed", required=False),
    _col("indikatorer", "source", "Kilde", "kilde", required=False),
)
BENCHMARK_COLUMNS: tuple[_Col, ...] = (
    _col("benchmark", "municipality", "Kommune", "kommune"),
    _col("benchmark", "area", "Ydelsesgruppe", "ydelsesgruppe"),
    _col("benchmark", "period", "Periode", "periode", kind="period"),
    _col("benchmark", "placering", "Placering", "placering", kind="count"),
    _col("benchmark", "faktisk", "Faktisk", "faktisk", kind="number"),
    _col("benchmark", "forventet", "Forventet", "forventet", kind="number"),
    _col("benchmark", "forskel", "Forskel", "forskel", kind="number", required=False),
    _col("benchmark", "besparelse", "Besparelse", "besparelse", kind="number", required=False),
    _col("benchmark", "faktisk_andel", "Faktisk andel", "faktisk_andel", kind="number", required=False),
    _col("benchmark", "forventet_andel", "Forventet andel", "forventet_andel", kind="number", required=False),
    _col("benchmark", "forskel_andel", "Forskel i andel", "forskel_andel", kind="number", required=False),
)
OFFER_COLUMNS: tuple[_Col, ...] = (
    _col("tilbud", "name", "Tilbud", "tilbud"),
    _col("tilbud", "provider", "Leverandør", "leverandoer"),
    _col("tilbud", "provider_type", "Leverandørtype", "leverandoertype", kind="provider_type"),
    _col("tilbud", "period", "Periode", "periode", kind="period"),
    _col("tilbud", "annual_cost", "Årlig udgift", "aarlig_udgift", kind="number"),
    _col("tilbud", "places", "Pladser", "pladser", kind="count", required=False),
    _col("tilbud", "participants", "Deltagere", "deltagere", kind="count"),
    _col("tilbud", "mean_duration_weeks", "Gns. varighed", "varighed", kind="number", required=False),
    _col("tilbud", "status_job", "Job", "job", kind="count", required=False),
    _col("tilbud", "status_uddannelse", "Uddannelse", "uddannelse", kind="count", required=False),
    _col("tilbud", "status_ydelse", "Ydelse", "ydelse", kind="count", required=False),
)
SANCTION_COLUMNS: tuple[_Col, ...] = (
    _col("sanktioner", "municipality", "Kommune", "kommune"),
    _col("sanktioner", "period", "Periode", "periode", kind="period"),
    _col("sanktioner", "ydelse", "Ydelse", "ydelse"),
    _col("sanktioner", "visitationskategori", "Visitationskategori", "visitationskategori"),
    _col("sanktioner", "sanction_type", "Sanktionstype", "sanktionstype"),
    _col("sanktioner", "count", "Antal", "antal", kind="count"),
)
APPEAL_COLUMNS: tuple[_Col, ...] = (
    _col("ankesager", "municipality", "Kommune", "kommune"),
    _col("ankesager", "period", "Periode", "periode", kind="period"),
    _col("ankesager", "ydelse", "Ydelse", "ydelse"),
    _col("ankesager", "appeals", "Ankesager", "ankesager", kind="count"),
    _col("ankesager", "changed", "Ændret", "aendret", kind="count"),
    _col("ankesager", "sent_back", "Hjemvist", "hjemvist", kind="count"),
    _col("ankesager", "upheld", "Stadfæstet", "stadfaestet", kind="count", required=False),
)
SURVEY_COLUMNS: tuple[_Col, ...] = (
    _col("survey", "respondent", "Respondent", "respondent", required=False),
    _col("survey", "group", "Gruppe", "gruppe"),
    _col("survey", "before", "Før samtalen", "foer", required=False),
    _col("survey", "during", "Under samtalen", "under", required=False),
    _col("survey", "after", "Efter samtalen", "efter", required=False),
    _col("survey", "satisfaction", "Samlet tilfredshed", "tilfredshed", kind="satisfaction"),
)

_SPECS: dict[str, tuple[_Col, ...]] = {
    "survey": SURVEY_COLUMNS,
    "ankesager": APPEAL_COLUMNS,
    "sanktioner": SANCTION_COLUMNS,
    "tilbud": OFFER_COLUMNS,
    "benchmark": BENCHMARK_COLUMNS,
    "indikatorer": INDICATOR_COLUMNS,
}
_KIND_NAMES = {
    "indikatorer": "nøgletalstabel",
    "benchmark": "benchmarktabel",
    "tilbud": "tilbudstabel",
    "sanktioner": "sanktionstabel",
    "ankesager": "ankesagstabel",
    "survey": "spørgeskematabel",
}

ColumnNames = Mapping[str, Mapping[str, Any]]
"""[kolonner] of afdaek.toml: {table: {field key: name or [names]}}."""


def check_column_names(columns: Any, where: str = "afdaek.toml") -> dict[str, dict[str, tuple]]:
    """[kolonner] validated: tables and field keys afdaek knows, names as text. Raises
    InputError naming the first unknown table or field."""
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise InputError(where, "[kolonner] skal være en tabel, fx [kolonner.benchmark]")
    out: dict[str, dict[str, tuple]] = {}
    for table, fields in columns.items():
        spec = _SPECS.get(table)
        if spec is None:
            raise InputError(where, f"[kolonner.{table}]: ukendt tabel; brug en af {', '.join(_SPECS)}")
        if not isinstance(fields, Mapping):
            raise InputError(where, f"[kolonner.{table}] skal være en tabel med felt = kolonnenavn")
        keys = {c.key: c for c in spec} | {c.field: c for c in spec}
        for key, names in fields.items():
            if key not in keys:
                raise InputError(
                    where,
                    f'[kolonner.{table}] "{key}": ukendt felt; kendte '
                    f"felter: {', '.join(c.key for c in spec)}",
                )
            names = [names] if isinstance(names, str) else names
            if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
                raise InputError(
                    where, f"[kolonner.{table}] {key} skal være et kolonnenavn eller en liste af navne"
                )
            out.setdefault(table, {})[keys[key].field] = tuple(names)
    return out


def _spec(kind: str, columns: ColumnNames | None = None) -> tuple[_Col, ...]:
    """The columns of a table kind, with the names [kolonner] adds first."""
    extra = check_column_names(columns).get(kind, {}) if columns else {}
    if not extra:
        return _SPECS[kind]
    return tuple(
        replace(c, aliases=tuple(dict.fromkeys((*extra.get(c.field, ()), *c.aliases)))) for c in _SPECS[kind]
    )


def _heading_parts(text: Any) -> tuple[str, str]:
    """(whole heading, its last part after a colon), both normalised: jobindsats' grouped
    headings read 'Gruppe: Mål'."""
    raw = _text(text)
    last = raw.rsplit(":", 1)[-1] if ":" in raw else raw
    return normalise_header(raw), normalise_header(last)


def _match_columns(header: Sequence[Any], spec: Sequence[_Col]) -> dict[str, int]:
    """Map field -> column index: a whole heading equal to an alias first, then the part after
    its last colon, then an alias (4+ letters) as the start of the heading or of that part."""
    parts = [_heading_parts(h) for h in header]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for pass_no in range(4):
        for col in spec:
            if col.field in mapping:
                continue
            for alias in col.aliases:
                a = normalise_header(alias)
                if not a or pass_no >= 2 and len(a) < 4:
                    continue
                hit = None
                for i, (whole, last) in enumerate(parts):
                    if i in used or not whole:
                        continue
                    name = whole if pass_no in (0, 2) else last
                    if (name == a) if pass_no < 2 else name.startswith(a):
                        hit = i
                        break
                if hit is not None:
                    mapping[col.field] = hit
                    used.add(hit)
                    break
    return mapping


@dataclass(frozen=True)
class _Header:
    row: int
    cells: tuple[Any, ...]
    mapping: dict[str, int]
    missing: tuple[_Col, ...]


_LOOK_ROWS = 25
"""How many non-empty rows from the top may hold titles and notes above the header."""


def _combined(upper: tuple[Any, ...], lower: tuple[Any, ...]) -> tuple[Any, ...]:
    """A two-row header as one: the upper row's group label (carried right over the empty cells
    a merged cell leaves) joined to the lower row's label as 'Gruppe: Mål'."""
    out, group = [], ""
    for i in range(max(len(upper), len(lower))):
        top = _text(upper[i]) if i < len(upper) else ""
        low = _text(lower[i]) if i < len(lower) else ""
        if top:
            group = top
        out.append(f"{group}: {low}" if low and group else low or top)
    return tuple(out)


def _is_second_header(upper: tuple[Any, ...], lower: tuple[Any, ...]) -> bool:
    """True when lower continues upper's header: lower is empty under upper's first columns
    (the dimensions), its labels start right under a group label of upper (a merged cell) and
    none of them is a number other than a year."""
    filled = [i for i, c in enumerate(lower) if not _is_blank(c)]
    if not filled or filled[0] == 0:
        return False
    first = filled[0]
    if first >= len(upper) or _is_blank(upper[first]):
        return False
    if sum(1 for c in upper[:first] if not _is_blank(c)) < 1:
        return False
    for i in filled:
        value = lower[i]
        if _is_period_value(value):
            continue
        if not isinstance(value, str):
            return False
        try:
            if _parse_number(value)[0] is not None:
                return False
        except InputError:
            pass
    return True


def _is_period_value(value: Any) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return 1900 <= value <= 2200
    try:
        parse_period(value)
        return isinstance(value, str | int)
    except InputError:
        return False


def _header_candidates(table: _RawTable, look: int = _LOOK_ROWS):
    """(row number, header cells) of the first non-empty rows, each also joined with the row
    below it when that row continues a two-row header."""
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in table.rows:
        if all(_is_blank(c) for c in cells):
            continue
        rows.append((number, cells))
        if len(rows) > look:
            break
    for i, (number, cells) in enumerate(rows[:look]):
        if i + 1 < len(rows) and _is_second_header(cells, rows[i + 1][1]):
            yield rows[i + 1][0], _combined(cells, rows[i + 1][1])
        yield number, cells


def _find_header(table: _RawTable, spec: Sequence[_Col], look: int = _LOOK_ROWS) -> _Header | None:
    """The first row (within `look` non-empty rows: titles and notes may stand above it) with
    every required column, else the best."""
    best: _Header | None = None
    for number, cells in _header_candidates(table, look):
        mapping = _match_columns(cells, spec)
        missing = tuple(c for c in spec if c.required and c.field not in mapping)
        header = _Header(number, cells, mapping, missing)
        if not missing:
            return header
        if (
            best is None
            or len(missing) < len(best.missing)
            or (len(missing) == len(best.missing) and len(mapping) > len(best.mapping))
        ):
            best = header
    return best


def _found_text(header: _Header) -> str:
    found = [f'"{_short(_text(c), 30)}"' for c in header.cells if not _is_blank(c)]
    if len(found) > 12:
        found = [*found[:12], f"(og {len(found) - 12} flere)"]
    return ", ".join(found) or "ingen navne"


def _header_error(table: _RawTable, header: _Header | None, kind: str | None = None) -> TableError:
    if header is None:
        return TableError(table.path, "filen er tom; der er ingen overskrift og ingen rækker")
    missing = ", ".join(f'"{c.label}"' for c in header.missing)
    word = "kolonnen" if len(header.missing) == 1 else "kolonnerne"
    where = f" under [kolonner.{kind}] i afdaek.toml" if kind else " under [kolonner] i afdaek.toml"
    return TableError(
        table.path,
        f"{word} {missing} mangler; fundet: {_found_text(header)}; skriv hvilke kolonner det er{where}",
        row=header.row,
    )


# --------------------------------------------------------------------------------------------
# Cells


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _norm_words(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").split()).strip(" .:;")


_SATISFACTION_LOOKUP = {_norm_words(s): s for s in SATISFACTION_SCALE}
_PROVIDER_LOOKUP = {
    **dict.fromkeys(
        (
            "egen",
            "eget",
            "egne",
            "egen drift",
            "eget tilbud",
            "kommunal",
            "kommunen",
            "intern",
            "jobcentret",
            "egen aktør",
        ),
        "egen",
    ),
    **dict.fromkeys(
        (
            "anden aktør",
            "andre aktører",
            "anden aktor",
            "anden aktoer",
            "aa",
            "ekstern",
            "privat",
            "leverandør",
            "ekstern leverandør",
        ),
        "anden aktør",
    ),
}


@dataclass(frozen=True)
class _Cell:
    """Where a value came from, for the error line."""

    table: _RawTable
    row: int
    index: int
    column: str

    def error(self, problem: str) -> TableError:
        return TableError(self.table.path, problem, row=self.row, column=self.column)

    def formula(self) -> str | None:
        return self.table.formulas().get((self.row, self.index))


def _formula_error(cell: _Cell, formula: str) -> TableError:
    return cell.error(
        f'cellen indeholder formlen "{_short(formula, 30)}" uden gemt resultat; åbn filen i '
        "Excel og gem den igen, eller indsæt værdierne som tal"
    )


def _convert(value: Any, col: _Col, cell: _Cell) -> Any:
    """One cell as the record wants it; raises TableError naming file, row and column."""
    if _is_blank(value) and (col.kind != "text" or col.required):
        formula = cell.formula()
        if formula:
            raise _formula_error(cell, formula)
    if col.kind in ("number", "count"):
        if isinstance(value, str) and value.strip().startswith("="):
            raise _formula_error(cell, value.strip())
        try:
            number, percent = _parse_number(value)
        except InputError as exc:
            raise cell.error(exc.problem) from None
        if col.kind == "number" or number is None:
            return number
        shown = _short(_text(value))
        if percent:
            raise cell.error(f'"{shown}" er en procent, men her skal stå et antal')
        if not number.is_integer():
            raise cell.error(f'"{shown}" er ikke et helt tal')
        if number < 0:
            raise cell.error(f'"{shown}" må ikke være negativ')
        return int(number)
    text = _text(value)
    if not text:
        if col.required and col.kind != "satisfaction":
            raise cell.error("mangler en værdi")
        return None
    if col.kind == "period":
        try:
            return parse_period(value).label
        except InputError as exc:
            raise cell.error(exc.problem) from None
    if col.kind == "satisfaction":
        if is_suppressed(text):
            return None
        found = _SATISFACTION_LOOKUP.get(_norm_words(text))
        if found is None:
            scale = ", ".join(SATISFACTION_SCALE)
            raise cell.error(f'"{_short(text)}" er ikke på skalaen ({scale} eller tom)')
        return found
    if col.kind == "provider_type":
        found = _PROVIDER_LOOKUP.get(_norm_words(text))
        if found is None:
            raise cell.error(f'"{_short(text)}" skal være "egen" eller "anden aktør"')
        return found
    return text


_NOTE_START = re.compile(
    r"^\s*(?:kilde|kilder|datakilde|datagrundlag|source|anm\b|anmærkning|note|noter|fodnote|"
    r"bemærk|forklaring|\*|udtræk|opdateret|dannet|senest opdateret|data er|tal under|"
    r"diskretion|værdier under)",
    re.IGNORECASE,
)
_SOURCE_START = re.compile(r"^\s*(?:kilde|kilder|datakilde|datagrundlag|source)\s*[:.]?\s*", re.IGNORECASE)


def _note_row(cells: tuple[Any, ...], width: int) -> bool:
    """A title, note or source line inside the table's rows: one text cell, first column, in a
    table with three or more columns, that reads as a note (or is too long for a name)."""
    filled = [i for i, c in enumerate(cells) if not _is_blank(c)]
    if len(filled) != 1 or filled[0] != 0 or width < 3 or not isinstance(cells[0], str):
        return False
    text = cells[0].strip()
    return bool(_NOTE_START.match(text)) or len(text) > 60


def _records(
    table: _RawTable, header: _Header, spec: Sequence[_Col]
) -> Iterator[tuple[int, tuple[Any, ...], dict[str, Any]]]:
    """Each data row below the header: (row number, raw cells, {field: converted value}).
    Note and source lines below the table (`Kilde: ...`, `Anm.: ...`) are not rows."""
    width = max((i + 1 for i, c in enumerate(header.cells) if not _is_blank(c)), default=0)
    labels = {
        col.field: _text(header.cells[header.mapping[col.field]])
        for col in spec
        if col.field in header.mapping
    }
    for number, cells in table.rows:
        if number <= header.row or all(_is_blank(c) for c in cells) or _note_row(cells, width):
            continue
        extra = [i for i, c in enumerate(cells) if i >= width and not _is_blank(c)]
        if extra:
            filled = max(extra) + 1
            raise TableError(
                table.path,
                f"rækken har {filled} felter, men overskriften har {width}; tjek skilletegn og "
                "at decimaltal med komma står i anførselstegn",
                row=number,
            )
        out: dict[str, Any] = {}
        for col in spec:
            index = header.mapping.get(col.field)
            if index is None:
                out[col.field] = None
                continue
            value = cells[index] if index < len(cells) else None
            out[col.field] = _convert(value, col, _Cell(table, number, index, labels[col.field]))
        yield number, cells, out


def _read(
    source: TableSource, kind: str, columns: ColumnNames | None = None
) -> tuple[_RawTable, list[tuple[int, dict]]]:
    """Open a table (the first sheet whose header fits), convert its rows, keep row numbers."""
    spec = _spec(kind, columns)
    first_error: TableError | None = None
    tables = _load_tables(source)
    for table in tables:
        header = _find_header(table, spec)
        if header is not None and not header.missing:
            return table, [(n, rec) for n, _, rec in _records(table, header, spec)]
        if first_error is None:
            first_error = _header_error(table, header, kind)
    path = source.path if isinstance(source, TableFile) else source
    raise first_error or TableError(path, "arbejdsbogen har ingen ark")


def source_line(source: TableSource) -> str | None:
    """The source a table names in a line of its own above or below it (`Kilde: jobindsats.dk,
    STAR`), without the word 'Kilde', for the reports' Datagrundlag; None when it names none."""
    for table in _load_tables(source):
        width = 0
        found = None
        for _number, cells in table.rows:
            filled = [c for c in cells if not _is_blank(c)]
            width = max(width, len(filled))
            if len(filled) == 1 and isinstance(filled[0], str):
                text = " ".join(filled[0].split())
                m = _SOURCE_START.match(text)
                if m and len(text) > m.end():
                    found = found or text[m.end() :].strip()
        if found and width >= 2:
            return found
    return None


# --------------------------------------------------------------------------------------------
# Readers


def _infer_unit(measure: str, value: Any) -> str:
    if isinstance(value, str) and re.search(r"%|pct", value, re.IGNORECASE):
        return "pct"
    m = measure.lower()
    if m.startswith(("andel", "pct", "procent")) or m.endswith(("pct.", "pct", "(%)", "point")):
        return "pct"
    if "uger" in m:
        return "uger"
    if m.startswith("antal") or "fuldtidspersoner" in m:
        return "antal"
    if "kr" in m.split() or m.endswith(("(kr.)", "kr.")):
        return "kr"
    return ""


def read_indicators(source: TableSource, columns: ColumnNames | None = None) -> list[Indicator]:
    """Indicator values from a jobindsats-style table.

    Long shape: Område, Ydelsesgruppe, Periode, Måling, Værdi [, Enhed, Kilde]. Wide shapes (as
    jobindsats exports them): Område, Ydelsesgruppe, Periode and one column per measure; or
    Område, Ydelsesgruppe and one column per period (`2021K1`, or `Antal: 2021K1` under a
    two-row header), the measure in the heading above the periods or in the title.
    """
    spec = _spec("indikatorer", columns)
    tables = _load_tables(source)
    default_source = Path(tables[0].path).name if tables else ""
    noted = source_line(source if isinstance(source, TableFile) else _table_file(source)) if tables else None
    default_source = noted or default_source
    dims = tuple(c for c in spec if c.field in ("municipality", "group", "period"))
    first_error: TableError | None = None
    for table in tables:
        header = _find_header(table, spec)
        if header is not None and not header.missing:
            return [
                Indicator(
                    source=rec["source"] or default_source,
                    measure=rec["measure"],
                    group=rec["group"],
                    municipality=rec["municipality"],
                    period=rec["period"],
                    value=rec["value"],
                    unit=rec["unit"] or _infer_unit(rec["measure"], _at(cells, header, "value")),
                )
                for _, cells, rec in _records(table, header, spec)
            ]
        wide = _find_header(table, dims + spec[5:])
        if wide is not None and not wide.missing:
            measures = [
                i for i, c in enumerate(wide.cells) if not _is_blank(c) and i not in wide.mapping.values()
            ]
            if measures:
                return _read_wide(table, wide, measures, default_source, spec)
        by_period = _period_columns_header(table, spec)
        if by_period is not None:
            return _read_period_columns(table, *by_period, default_source, spec)
        if first_error is None:
            first_error = _header_error(table, header, "indikatorer")
    path = source.path if isinstance(source, TableFile) else source
    raise first_error or TableError(path, "arbejdsbogen har ingen ark")


def _at(cells: tuple[Any, ...], header: _Header, field: str) -> Any:
    index = header.mapping[field]
    return cells[index] if index < len(cells) else None


def _read_wide(
    table: _RawTable,
    header: _Header,
    measures: list[int],
    source: str,
    spec: Sequence[_Col] = INDICATOR_COLUMNS,
) -> list[Indicator]:
    spec = tuple(c for c in spec if c.field in header.mapping)
    value_cols = {i: _Col(f"m{i}", _text(header.cells[i]), (), "number", False) for i in measures}
    out: list[Indicator] = []
    for number, cells, rec in _records(table, header, spec):
        for i, col in value_cols.items():
            raw = cells[i] if i < len(cells) else None
            value = _convert(raw, col, _Cell(table, number, i, col.label))
            out.append(
                Indicator(
                    source=rec.get("source") or source,
                    measure=col.label,
                    group=rec["group"],
                    municipality=rec["municipality"],
                    period=rec["period"],
                    value=value,
                    unit=rec.get("unit") or _infer_unit(col.label, raw),
                )
            )
    return out


def _period_of_heading(cell: Any) -> tuple[str, str] | None:
    """(measure, period label) of a heading that is a period ('2021K1') or ends in one after a
    colon ('Antal fuldtidspersoner: 2021K1'); None otherwise."""
    if isinstance(cell, int) and not isinstance(cell, bool) and 1900 <= cell <= 2200:
        return "", str(cell)
    text = _text(cell)
    if not text:
        return None
    measure, _, last = text.rpartition(":") if ":" in text else ("", "", text)
    try:
        return measure.strip(), parse_period(last.strip()).label
    except InputError:
        return None


def _period_columns_header(
    table: _RawTable, spec: Sequence[_Col]
) -> tuple[_Header, dict[int, tuple[str, str]]] | None:
    """(header, {column: (measure, period)}) of a table with municipality and group columns and
    one column per period, or None."""
    dims = tuple(c for c in spec if c.field in ("municipality", "group"))
    for number, cells in _header_candidates(table):
        mapping = _match_columns(cells, dims)
        if len(mapping) < len(dims):
            continue
        periods = {
            i: p
            for i, c in enumerate(cells)
            if i not in mapping.values() and (p := _period_of_heading(c)) is not None
        }
        if len(periods) >= 1:
            return _Header(number, cells, mapping, ()), periods
    return None


def _title_measure(table: _RawTable, header: _Header) -> str:
    """A measure named in the title above a table whose headings are periods only."""
    for number, cells in table.rows:
        if number >= header.row:
            break
        filled = [c for c in cells if not _is_blank(c)]
        if len(filled) == 1 and isinstance(filled[0], str) and not _NOTE_START.match(filled[0]):
            return " ".join(filled[0].split())
    return "Værdi"


def _read_period_columns(
    table: _RawTable, header: _Header, periods: dict[int, tuple[str, str]], source: str, spec: Sequence[_Col]
) -> list[Indicator]:
    dims = tuple(c for c in spec if c.field in ("municipality", "group"))
    title = None
    out: list[Indicator] = []
    for number, cells, rec in _records(table, header, dims):
        for i, (measure, period) in periods.items():
            if not measure:
                title = title or _title_measure(table, header)
                measure = title
            raw = cells[i] if i < len(cells) else None
            col = _Col(f"m{i}", _text(header.cells[i]), (), "number", False)
            value = _convert(raw, col, _Cell(table, number, i, col.label))
            out.append(
                Indicator(
                    source=source,
                    measure=measure,
                    group=rec["group"],
                    municipality=rec["municipality"],
                    period=period,
                    value=value,
                    unit=_infer_unit(measure, raw),
                )
            )
    return out


def read_benchmarks(source: TableSource, columns: ColumnNames | None = None) -> list[Benchmark]:
    """BM benchmark rows (jobindsats Y30R21 and tables like it): kommune, ydelsesgruppe,
    periode, placering, faktisk, forventet [, forskel, besparelse, the three shares].

    `forskel` is faktisk − forventet, as jobindsats gives it (positive: more persons on
    benefits than expected). A table whose difference column holds forventet − faktisk (it
    says so in every row that has all three numbers) is turned round; a missing forskel is
    computed."""
    _, rows = _read(source, "benchmark", columns)
    flip = _expected_minus_actual([rec for _, rec in rows])
    out: list[Benchmark] = []
    for _, rec in rows:
        forskel = rec["forskel"]
        if forskel is not None and flip:
            forskel = -forskel
        if forskel is None and rec["faktisk"] is not None and rec["forventet"] is not None:
            forskel = rec["faktisk"] - rec["forventet"]
        out.append(Benchmark(**{**rec, "forskel": forskel}))
    return out


def _expected_minus_actual(recs: list[dict[str, Any]]) -> bool:
    """True when the difference column reads forventet − faktisk in every row with all three
    numbers and a difference that is not zero."""
    checked = [
        r for r in recs if None not in (r["forskel"], r["faktisk"], r["forventet"]) and r["forskel"] != 0
    ]
    if not checked:
        return False
    return all(
        abs(r["forskel"] - (r["forventet"] - r["faktisk"])) <= 0.5 + 1e-9 * abs(r["forskel"]) for r in checked
    )


def read_offers(source: TableSource, columns: ColumnNames | None = None) -> list[Offer]:
    """Offers (tilbud) with economy, volume and status of participants 1 month after."""
    _, rows = _read(source, "tilbud", columns)
    return [Offer(**rec) for _, rec in rows]


def read_sanction_stats(source: TableSource, columns: ColumnNames | None = None) -> list[SanctionStat]:
    """Sanctions by kommune, periode, ydelse, visitationskategori and type (`<5` -> None)."""
    _, rows = _read(source, "sanktioner", columns)
    return [SanctionStat(**rec) for _, rec in rows]


def read_appeal_stats(source: TableSource, columns: ColumnNames | None = None) -> list[AppealStat]:
    """Ankesager by kommune, periode and ydelse: appeals, changed, sent back, upheld."""
    table, rows = _read(source, "ankesager", columns)
    out: list[AppealStat] = []
    for number, rec in rows:
        parts = [rec[k] for k in ("changed", "sent_back", "upheld")]
        if rec["appeals"] is not None and all(p is not None for p in parts[:2]):
            total = sum(p for p in parts if p is not None)
            if total > rec["appeals"]:
                raise TableError(
                    table.path,
                    f"ændrede, hjemviste og stadfæstede sager ({total}) er flere end "
                    f"ankesagerne ({rec['appeals']})",
                    row=number,
                )
        out.append(AppealStat(**rec))
    return out


def read_survey(source: TableSource, columns: ColumnNames | None = None) -> list[SurveyResponse]:
    """Survey answers (one row per respondent, afdaek's own layout); satisfaction must be on
    SATISFACTION_SCALE. A SurveyXact export (Labels/Dataset/Structure) is read by
    textmining.readers.surveyxact."""
    _, rows = _read(source, "survey", columns)
    out: list[SurveyResponse] = []
    for count, (_number, rec) in enumerate(rows, start=1):
        for key in ("before", "during", "after"):
            if rec[key] is not None and is_suppressed(rec[key]):
                rec[key] = None
        out.append(SurveyResponse(**{**rec, "respondent": rec["respondent"] or str(count)}))
    return out


READERS: dict[str, Callable[..., list[Any]]] = {
    "indikatorer": read_indicators,
    "benchmark": read_benchmarks,
    "tilbud": read_offers,
    "sanktioner": read_sanction_stats,
    "ankesager": read_appeal_stats,
    "survey": read_survey,
}
"""The reader for each kind that `detect_table_kind` returns (scenarier: `read_scenarios`);
each takes the file (path or TableFile) and optionally [kolonner]."""


def detect_table_kind(source: TableSource, columns: ColumnNames | None = None) -> str | None:
    """Which kind of table a file is, from its header; None when no kind fits.

    A `.toml` file is "scenarier". Raises InputError when the file cannot be opened at all.
    """
    if not isinstance(source, TableFile) and Path(source).suffix.lower() == ".toml":
        _read_bytes(source)
        return "scenarier"
    for table in _load_tables(source):
        for kind in _SPECS:
            header = _find_header(table, _spec(kind, columns))
            if header is not None and not header.missing:
                return kind
        spec = _spec("indikatorer", columns)
        dims = tuple(c for c in spec if c.field in ("municipality", "group", "period"))
        header = _find_header(table, dims)
        if header is not None and not header.missing:
            others = [
                c for i, c in enumerate(header.cells) if not _is_blank(c) and i not in header.mapping.values()
            ]
            if others:
                return "indikatorer"
        if _period_columns_header(table, spec) is not None:
            return "indikatorer"
    return None


def explain_table(source: TableSource, columns: ColumnNames | None = None) -> str:
    """Why no report table fits, in one Danish line: the kind the header comes closest to, the
    columns found and the ones missing, and where to name them."""
    best: tuple[int, str, _Header] | None = None
    for table in _load_tables(source):
        for kind in _SPECS:
            header = _find_header(table, _spec(kind, columns))
            if header is None:
                continue
            score = len(header.mapping) - len(header.missing)
            if best is None or score > best[0]:
                best = (score, kind, header)
    if best is None or not best[2].mapping:
        found = f"; fundet: {_found_text(best[2])}" if best else ""
        return (
            "tabellen passer ikke til nogen rapporttabel (nøgletal, benchmark, tilbud, "
            f"sanktioner, ankesager, spørgeskema){found}; den er kun gemt til søgning – se "
            "kolonnenavnene i examples/README.md, eller angiv dem under [kolonner] i "
            "afdaek.toml"
        )
    _, kind, header = best
    missing = ", ".join(f'"{c.label}"' for c in header.missing)
    word = "kolonnen" if len(header.missing) == 1 else "kolonnerne"
    return (
        f"tabellen ligner en {_KIND_NAMES[kind]}, men {word} {missing} mangler (række "
        f"{header.row}: {_found_text(header)}); den er kun gemt til søgning – angiv "
        f"kolonnerne under [kolonner.{kind}] i afdaek.toml"
    )


# --------------------------------------------------------------------------------------------
# Scenario parameters (TOML)

KNOWN_ASSUMPTIONS: dict[str, tuple[str, str]] = {
    "gennemsnitligt_fradrag_kr": ("Gennemsnitligt fradrag pr. sanktion", "kr."),
    "sagsbehandlertimer_pr_sanktion": ("Sagsbehandlertimer pr. sanktionssag", "timer"),
    "timepris_kr": ("Timepris for en sagsbehandler inkl. overhead", "kr."),
    "forventet_aendring_omgoerelser_pct": ("Forventet ændring i omgørelser", "pct."),
    "aendring_antal_sanktioner_pct": ("Ændring i antal sanktioner", "pct."),
    "timer_pr_klagesag": ("Sagsbehandlertimer pr. klagesag", "timer"),
    "andel_klager_pct": ("Andel af sanktioner, der påklages", "pct."),
    "aendring_pladser": ("Ændring i antal pladser", "pladser"),
    "aendring_pladser_pct": ("Ændring i antal pladser", "pct."),
    "pris_pr_plads_kr": ("Årlig pris pr. plads", "kr."),
    "forventet_jobeffekt_pct": ("Forventet andel i job 1 måned efter", "pct."),
    "ydelse_pr_maaned_kr": ("Gennemsnitlig ydelse pr. måned", "kr."),
    "maaneder_selvforsoergelse": ("Måneder i job eller uddannelse, før borgeren evt. er tilbage", "måneder"),
}
"""Labels and units for the assumption names afdaek knows; others get a label from the name."""

SANCTION_ASSUMPTIONS = frozenset(
    {
        "gennemsnitligt_fradrag_kr",
        "sagsbehandlertimer_pr_sanktion",
        "timepris_kr",
        "timer_pr_klagesag",
        "andel_klager_pct",
        "aendring_antal_sanktioner_pct",
        "forventet_aendring_omgoerelser_pct",
    }
)
OFFER_ASSUMPTIONS = frozenset(
    {
        "aendring_pladser",
        "aendring_pladser_pct",
        "pris_pr_plads_kr",
        "forventet_jobeffekt_pct",
        "ydelse_pr_maaned_kr",
        "maaneder_selvforsoergelse",
    }
)
BENEFIT_ASSUMPTIONS = frozenset({"ydelse_pr_maaned_kr", "maaneder_selvforsoergelse"})
SCENARIO_SCHEMA: dict[str, frozenset[str]] = {
    "sanktioner": SANCTION_ASSUMPTIONS,  # the sanction report's assumptions
    "scenarie.*": SANCTION_ASSUMPTIONS,  # one sanction scenario each; overrides [sanktioner]
    "tilbud": OFFER_ASSUMPTIONS,  # defaults for every offer scenario
    "tilbud.*": OFFER_ASSUMPTIONS,  # one offer each, matched on the offer's name
    "ydelser": BENEFIT_ASSUMPTIONS,  # benefit per month; used by every offer scenario
}
"""The sections and names a scenario file may hold (examples/README.md describes them); others
are named in one warning line each and not used."""


def _schema_for(section: str) -> frozenset[str] | None:
    head, _, rest = section.partition(".")
    if rest and "." not in rest:
        return SCENARIO_SCHEMA.get(f"{head}.*")
    return SCENARIO_SCHEMA.get(section)


def _label_from_name(name: str) -> tuple[str, str]:
    unit = ""
    base = name
    for suffix, u in (("_kr", "kr."), ("_pct", "pct."), ("_timer", "timer"), ("_uger", "uger")):
        if base.endswith(suffix):
            base, unit = base[: -len(suffix)], u
            break
    words = base.replace("_", " ")
    for ascii_form, danish in (("aende", "ænde"), ("oe", "ø"), ("aa", "å"), ("ae", "æ")):
        words = words.replace(ascii_form, danish)
    return words[:1].upper() + words[1:], unit


def _toml_number(path: str, where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TableError(path, f"{where}: {_short(repr(value))} er ikke et tal")
    try:
        number = parse_danish_number(value)
    except InputError as exc:
        raise TableError(path, f"{where}: {exc.problem}") from None
    if number is None:
        raise TableError(path, f"{where}: mangler en værdi")
    return number


def _validate_assumption(path: str, where: str, name: str, number: float) -> None:
    if name.startswith(("aendring", "forventet_aendring")):
        if name.endswith("_pct") and not -100.0 <= number <= 1000.0:
            raise TableError(path, f"{where}: {number:g} pct. er uden for -100 til 1000")
        return
    if number < 0:
        raise TableError(path, f"{where}: {number:g} må ikke være negativ")
    if name.endswith("_pct") and number > 100:
        raise TableError(path, f"{where}: {number:g} pct. er over 100")


def read_scenarios(path: PathLike) -> ScenarioParams:
    """Scenario assumptions from TOML: `[sektion] navn = tal` or `navn = {vaerdi = tal, tekst
    = "...", enhed = "...", kilde = "..."}`; nested tables become dotted sections
    (`[tilbud.mentor]` -> "tilbud.mentor"). Top-level strings are kept as metadata."""
    p = str(path)
    text, _encoding = decode_text(_read_bytes(path), p)
    doc = parse_toml(text, p)
    values: dict[str, dict[str, float]] = {}
    assumptions: list[Assumption] = []
    meta: dict[str, str] = {}
    warnings: list[str] = []
    unknown_sections: set[str] = set()

    def walk(section: str, table: dict[str, Any]) -> None:
        for key, value in table.items():
            is_assumption = isinstance(value, dict) and any(k in value for k in ("vaerdi", "værdi", "value"))
            if isinstance(value, dict) and not is_assumption:
                walk(f"{section}.{key}" if section else key, value)
                continue
            if not section:
                if isinstance(value, str):
                    meta[key] = value
                    continue
                raise TableError(p, f'"{key}" skal stå i en sektion, fx [sanktioner]')
            where = f"[{section}] {key}"
            allowed = _schema_for(section)
            if allowed is None:
                if section not in unknown_sections:
                    unknown_sections.add(section)
                    known = ", ".join(f"[{k}]" for k in SCENARIO_SCHEMA)
                    warnings.append(
                        f"{p}: sektionen [{section}] kendes ikke og bruges ikke (kendte sektioner: {known})"
                    )
                continue
            if key not in allowed:
                warnings.append(
                    f"{p}: {where} kendes ikke og bruges ikke (navne i "
                    f"[{section}]: {', '.join(sorted(allowed))})"
                )
                continue
            label, unit = KNOWN_ASSUMPTIONS.get(key) or _label_from_name(key)
            source = ""
            if is_assumption:
                raw = value.get("vaerdi", value.get("værdi", value.get("value")))
                label = str(value.get("tekst", value.get("label", label)))
                unit = str(value.get("enhed", unit))
                source = str(value.get("kilde", ""))
            else:
                raw = value
            number = _toml_number(p, where, raw)
            _validate_assumption(p, where, key, number)
            values.setdefault(section, {})[key] = number
            assumptions.append(Assumption(section, key, number, label, unit, source))

    walk("", doc)
    if not assumptions:
        raise TableError(p, "filen indeholder ingen antagelser (fx [sanktioner] timepris_kr = 450)")
    return ScenarioParams(p, values, tuple(assumptions), meta, tuple(warnings))
