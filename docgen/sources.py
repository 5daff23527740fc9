"""Where a report's numbers come from, in the words a reader needs: the period a set of period
labels spans ("3. kvt. 2019 – 3. kvt. 2022", "2019–2022") for the cover, and the source line
under each table ("Kilde: jobindsats.dk, indlæst fra indikatorer.csv, 3. kvt. 2019 – 3. kvt.
2022"). Everything is read from the store: the source a file names (the `source` column of the
indicators, the "Kilde:" line of a table file), the file names and the periods of the rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from store import Store
from store.statistics import period_labels, table_sources
from textmining.errors import InputError
from textmining.language.dates import MONTH_NAMES, iso_date
from textmining.readers.tables import parse_period

NO_DATA = "Kilde: der er ingen data i databasen til tabellen."

PERIOD_TABLES = ("indicators", "benchmarks", "offers", "sanction_stats", "appeal_stats")
"""The store's tables whose rows carry a period label."""


def _months(labels: Iterable[str | None]) -> tuple[list[Any], int, int] | None:
    parsed = []
    for label in labels:
        if not label:
            continue
        try:
            parsed.append(parse_period(label))
        except InputError:
            continue
    if not parsed:
        return None
    return parsed, min(p.start for p in parsed), max(p.end for p in parsed)


def _month_text(month: int) -> str:
    return f"{MONTH_NAMES[month % 12]} {month // 12}"


def span_text(labels: Iterable[str | None]) -> str:
    """The time period labels cover, in the coarsest unit they all line up with: '2019–2022',
    '2. halvår 2019 – 1. halvår 2022', '3. kvt. 2019 – 3. kvt. 2022', 'marts 2021 – maj 2022'
    (one unit alone when it starts and ends there); '' when no label is a period."""
    found = _months(labels)
    if found is None:
        return ""
    parsed, start, end = found
    if all(p.start % 12 == 0 and p.end % 12 == 11 for p in parsed):
        first, last = str(start // 12), str(end // 12)
        return first if first == last else f"{first}–{last}"
    halves = all("H" in p.label for p in parsed)
    for size, fmt in ((6, "{n}. halvår {y}"), (3, "{n}. kvt. {y}")):
        if size == 6 and not halves:
            continue
        if all(p.start % size == 0 and (p.end + 1) % size == 0 for p in parsed):
            first = fmt.format(n=start % 12 // size + 1, y=start // 12)
            last = fmt.format(n=end % 12 // size + 1, y=end // 12)
            return first if first == last else f"{first} – {last}"
    first, last = _month_text(start), _month_text(end)
    return first if first == last else f"{first} – {last}"


def dates_span_text(dates: Iterable[date | str | None]) -> str:
    """The months a set of dates covers: 'marts 2022 – maj 2023' (one month alone)."""
    return span_text(month_labels(dates))


def store_periods(store: Store, tables: Sequence[str]) -> list[str]:
    """Every distinct period label in the given report tables of the store."""
    return period_labels(store, tables)


def _file_name(path: str) -> str:
    return Path(path.split("#", 1)[0]).name


def files_text(paths: Iterable[str]) -> str:
    """The files data came from: up to three names ('tilbud.csv og indikatorer.csv'), else
    their number and the folder that holds them ('45 filer i mappen examples')."""
    files = sorted({p.split("#", 1)[0] for p in paths if p})
    if not files:
        return ""
    names = sorted({Path(f).name for f in files})
    if len(files) <= 3:
        return join_danish(names)
    common = Path(os.path.commonpath([str(Path(f).parent) for f in files])).name
    return f"{len(files)} filer i mappen {common}" if common else f"{len(files)} filer"


def join_danish(items: Sequence[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def compose(names: Sequence[str], files: str, when: str, what: str = "") -> str:
    """'Kilde: NAME, indlæst fra FILES, WHEN' (what is placed before the files when given,
    e.g. '45 screenede sager')."""
    parts = []
    if names:
        parts.append(join_danish(list(names)))
    if what:
        parts.append(what)
    if files:
        parts.append(f"indlæst fra {files}" if parts else files)
    if when:
        parts.append(when)
    if not parts:
        return NO_DATA
    return "Kilde: " + ", ".join(parts) + "."


def source_line(
    store: Store,
    table: str,
    *,
    periods: Iterable[str] | None = None,
    where: Mapping[str, Any] | None = None,
    what: str = "",
) -> str:
    """The source line under a report table built from `table` (rows matching `where`, a
    column → value or list of values, see store.statistics.table_sources): the sources the
    rows name, the files they were read from and the periods shown (the rows' own periods
    unless `periods` is given)."""
    rows = table_sources(store, table, where)
    if not rows:
        return NO_DATA
    names: list[str] = []
    for r in rows:
        for name in (r.source, r.note):
            if name and name not in names:
                names.append(name)
    labels = list(periods) if periods is not None else [r.period for r in rows]
    return compose(names, files_text(r.path for r in rows), span_text(labels), what)


def documents_source(paths: Iterable[str], *, what: str = "", dates: Iterable[date | str | None] = ()) -> str:
    """The source line for a table built from documents (case notes, letters: their stored
    paths): what was counted, the files and the dates covered."""
    paths = list(paths)
    if not paths and not what:
        return NO_DATA
    return compose([], files_text(paths), dates_span_text(dates), what)


def month_labels(dates: Iterable[date | str | None]) -> list[str]:
    """Dates (or ISO strings) as month period labels ('2021M09'), for span_text."""
    out = []
    for day in map(iso_date, dates):
        if day is not None:
            out.append(f"{day.year}M{day.month:02d}")
    return out


def datagrundlag_source(rows: Sequence[dict[str, str]]) -> str:
    """The source line under the Datagrundlag table: the store's list of what was read."""
    files = len({r.get("kilde") for r in rows})
    return (
        (
            f"Kilde: databasens fortegnelse over indlæste filer ({files} "
            f"{'kilde' if files == 1 else 'kilder'})."
        )
        if rows
        else NO_DATA
    )
