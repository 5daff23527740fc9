"""The statistics tables in the store, as the reports ask for them: offers, benchmarks,
indicators (jobindsats' nøgletal), sanction and appeal statistics; and, for every table read
from a file (these and the survey's), which files it came from, the source lines they name
and the periods of their rows.

The rows are written with their file at ingest (screening.ingest); here they are only read.
Each query is a record type and one `query_as` call (`duplicates` pairs them by shape: declarations).
Municipality names are returned as stored ('Favrskov Kommune'); the reports normalise them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from store.db import Store, query_as

FILE_TABLES = (
    "indicators",
    "benchmarks",
    "offers",
    "sanction_stats",
    "appeal_stats",
    "survey_responses",
    "survey_comments",
    "survey_questions",
    "letter_checks",
)
"""The tables whose rows come from one ingested document each (a `document_id` column)."""

MUNICIPALITY_TABLES = ("sanction_stats", "appeal_stats", "benchmarks", "indicators")
"""The tables with a municipality on every row."""


def _table(table: str) -> str:
    if table not in FILE_TABLES:
        raise ValueError(f"{table} is not a table read from a file ({', '.join(FILE_TABLES)})")
    return table


def _columns(store: Store, table: str) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT name FROM pragma_table_info(?)", [_table(table)])}


# --------------------------------------------------------------------------------------------
# Files, sources and periods behind any table read from a file


def period_labels(store: Store, tables: Iterable[str]) -> list[str]:
    """Every distinct period label in the given tables, table by table."""
    labels: list[str] = []
    for table in tables:
        labels.extend(
            r[0]
            for r in store.db.execute(f"SELECT DISTINCT period FROM {_table(table)} WHERE period IS NOT NULL")
        )
    return labels


def rows_per_municipality(store: Store) -> dict[str, int]:
    """Municipality (as stored) → its rows in the statistics tables (`MUNICIPALITY_TABLES`)."""
    counts: dict[str, int] = {}
    for table in MUNICIPALITY_TABLES:
        for name, n in store.db.execute(f"SELECT municipality, COUNT(*) FROM {table} GROUP BY municipality"):
            counts[name] = counts.get(name, 0) + n
    return counts


@dataclass(frozen=True)
class FileRows:
    """How many rows of a table one file gave for one period (period None for a table
    without periods)."""

    document_id: str
    path: str
    note: str | None
    """The source line the file names ('Kilde: jobindsats.dk, STAR')."""
    period: str | None
    n: int


def rows_per_file(store: Store, table: str) -> list[FileRows]:
    """The rows of `table` per file and period (`FileRows`)."""
    period = "t.period" if "period" in _columns(store, table) else "NULL"
    return [
        FileRows(*r)
        for r in store.db.execute(
            f"SELECT d.id, d.path, d.source_note, {period}, COUNT(*) FROM {table} t "
            f"JOIN documents d ON d.id = t.document_id GROUP BY d.id, {period}"
        )
    ]


@dataclass(frozen=True)
class TableSource:
    """A distinct (file, source line, source column, period) of a table's rows."""

    path: str
    note: str | None
    source: str | None
    """The rows' own `source` column (indicators), None for a table without one."""
    period: str | None


def table_sources(store: Store, table: str, where: Mapping[str, Any] | None = None) -> list[TableSource]:
    """Where the rows of `table` matching `where` come from (`TableSource`, in the order the
    store finds them). `where` maps a column to a value, or to a list of values any of which
    matches: {"measure": "Antal personer", "period": ["2019K1", "2022K1"]}."""
    columns = _columns(store, table)
    clauses, params = [], []
    for column, value in (where or {}).items():
        if column not in columns:
            raise ValueError(f"{table} has no column {column}")
        if isinstance(value, (list, tuple, set, frozenset)):
            values = list(value)
            clauses.append(f"t.{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
        else:
            clauses.append(f"t.{column} = ?")
            params.append(value)
    return [
        TableSource(*r)
        for r in store.db.execute(
            f"SELECT DISTINCT d.path, d.source_note, "
            f"{'t.source' if 'source' in columns else 'NULL'}, "
            f"{'t.period' if 'period' in columns else 'NULL'} "
            f"FROM {table} t JOIN documents d ON d.id = t.document_id "
            + (f"WHERE {' AND '.join(clauses)}" if clauses else ""),
            params,
        )
    ]


# --------------------------------------------------------------------------------------------
# Offers and benchmarks


class Offer(TypedDict):
    """An offer (tilbud) in one period: cost, places, participants and where they went."""

    name: str
    provider: str | None
    provider_type: str | None
    period: str | None
    annual_cost: float | None
    places: float | None
    participants: int | None
    mean_duration_weeks: float | None
    status_job: int | None
    status_uddannelse: int | None
    status_ydelse: int | None


def offers(store: Store) -> list[Offer]:
    """Every offer row, by name, provider and period."""
    return query_as(
        store,
        Offer,
        "SELECT name, provider, provider_type, period, annual_cost, places, participants, "
        "mean_duration_weeks, status_job, status_uddannelse, status_ydelse FROM offers "
        "ORDER BY name, provider, period",
    )


class Benchmark(TypedDict):
    """A municipality's benchmark in an area (STAR's BM): rank, actual and expected numbers."""

    municipality: str
    area: str
    period: str | None
    placering: int | None
    faktisk: float | None
    forventet: float | None
    forskel: float | None
    besparelse: float | None


def benchmarks(store: Store) -> list[Benchmark]:
    """Every benchmark row, in the order they were read (a municipality's place in its
    file's ranking; the report and its appendix sort them as each needs)."""
    return query_as(
        store,
        Benchmark,
        "SELECT municipality, area, period, placering, faktisk, forventet, forskel, besparelse "
        "FROM benchmarks ORDER BY id",
    )


# --------------------------------------------------------------------------------------------
# Indicators


class Indicator(TypedDict):
    """One value of a measure for a group, a municipality (or area) and a period."""

    measure: str
    group_name: str | None
    municipality: str
    period: str
    value: float | None
    unit: str | None
    source: str | None


_INDICATOR = "SELECT measure, group_name, municipality, period, value, unit, source FROM indicators"


def indicators(store: Store) -> list[Indicator]:
    """Every indicator value, by measure, group, municipality and period."""
    return query_as(store, Indicator, _INDICATOR + " ORDER BY measure, group_name, municipality, period")


def people_counts(store: Store, municipality: str) -> list[Indicator]:
    """A municipality's 'Antal personer' values (any case), every group and period."""
    return query_as(
        store,
        Indicator,
        _INDICATOR + " WHERE municipality = ? AND lower(measure) = 'antal personer'",
        [municipality],
    )


def indicator_value(
    store: Store, measure: str, group: str, municipality: str, period: str
) -> tuple[float | None, str]:
    """(value, unit) of a measure for a group, municipality and period: the row stored last;
    (None, '') when there is none."""
    row = store.db.execute(
        "SELECT value, unit FROM indicators WHERE measure = ? AND group_name = ? AND "
        "municipality = ? AND period = ? ORDER BY id DESC LIMIT 1",
        [measure, group, municipality, period],
    ).fetchone()
    return (row[0], row[1] or "") if row else (None, "")


def indicator_periods(store: Store, municipality: str) -> list[str]:
    """The distinct periods with an indicator value for the municipality (unordered)."""
    return [
        r[0]
        for r in store.db.execute(
            "SELECT DISTINCT period FROM indicators WHERE municipality = ?", [municipality]
        )
    ]


def indicator_municipalities(store: Store) -> list[str]:
    """The distinct municipalities and areas (RAR, the country) of the indicators."""
    return [r[0] for r in store.db.execute("SELECT DISTINCT municipality FROM indicators")]


# --------------------------------------------------------------------------------------------
# Sanctions and appeals


class SanctionCell(TypedDict):
    """One count of the sanction statistics; None is a suppressed count ('<5')."""

    municipality: str
    period: str
    ydelse: str | None
    visitationskategori: str | None
    sanction_type: str | None
    count: int | None


def sanction_stats(store: Store) -> list[SanctionCell]:
    """Every count of the sanction statistics, as stored."""
    return query_as(
        store,
        SanctionCell,
        "SELECT municipality, period, ydelse, visitationskategori, sanction_type, count FROM sanction_stats",
    )


class SanctionTotal(TypedDict):
    """The sanctions of a municipality, period, ydelse, visitationskategori and type summed
    over the stored rows; n is None when every count is suppressed."""

    municipality: str
    period: str
    ydelse: str | None
    visitationskategori: str | None
    sanction_type: str | None
    n: int | None


def sanction_totals(store: Store) -> list[SanctionTotal]:
    """The sanction counts summed per municipality, period, ydelse, visitation and type."""
    return query_as(
        store,
        SanctionTotal,
        "SELECT municipality, period, ydelse, visitationskategori, sanction_type, "
        "SUM(count) AS n FROM sanction_stats "
        "GROUP BY municipality, period, ydelse, visitationskategori, sanction_type",
    )


class AppealTotal(TypedDict):
    """Ankestyrelsen's decisions on a municipality's appeals in a period for one ydelse,
    summed over the stored rows: appeals decided, changed, sent back and upheld (None when
    not stated)."""

    municipality: str
    period: str
    ydelse: str | None
    appeals: int | None
    changed: int | None
    sent_back: int | None
    upheld: int | None


def appeal_stats(store: Store) -> list[AppealTotal]:
    """The appeal statistics summed per municipality, period and ydelse."""
    return query_as(
        store,
        AppealTotal,
        "SELECT municipality, period, ydelse, SUM(appeals) AS appeals, SUM(changed) AS changed, "
        "SUM(sent_back) AS sent_back, SUM(upheld) AS upheld FROM appeal_stats "
        "GROUP BY municipality, period, ydelse",
    )
