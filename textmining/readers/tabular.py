"""One reader per table file: CSV, XLSX and JSON (lines) opened once, as numbered rows.

A table file is decoded once (`sources.open_text`: UTF-8, UTF-8 with BOM, UTF-16 LE/BE with
BOM, cp1252 ...), its CSV delimiter sniffed once, and its rows handed to whoever needs them:
`sources.read_document` (text for search), `tables.detect_table_kind` and the table readers,
and the SurveyXact reader. A CSV stays a stream (iterating again re-reads the bytes with the
encoding and delimiter already found, it does not guess again); a workbook's sheets are read
once into memory, as `sheet_rows` allows.

JSON: the jobindsats.dk API answers with one object per line (JSON lines, also when the file
is saved as .csv) or a JSON array of objects; both become a table whose header is the objects'
keys in the order first seen.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from textmining.errors import InputError
from textmining.readers.guards import open_input, open_workbook, path_text, read_input, sheet_rows

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
TABLE_SUFFIXES = CSV_SUFFIXES | XLSX_SUFFIXES | JSON_SUFFIXES

Row = tuple[int, tuple[Any, ...]]


@dataclass
class Sheet:
    """One table of a file: its name (a sheet's title, or None) and its numbered rows, as a
    spreadsheet numbers them (1 = the first line). `rows` can be iterated more than once."""

    name: str | None
    rows: Iterable[Row]


@dataclass
class TableFile:
    """A table file read once: format ('csv', 'xlsx' or 'json'), the encoding and delimiter
    found (CSV/JSON), and its sheets."""

    path: str
    format: str
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None
    formulas: dict[int, Any] = field(default_factory=dict)  # sheet index -> loader


# --------------------------------------------------------------------------- CSV


class _CsvStream:
    """The numbered rows of a CSV file, re-read on each iteration with the encoding and
    delimiter found when the file was opened."""

    def __init__(self, path: str | Path, where: str, encoding: str, delimiter: str) -> None:
        self.path, self.where, self.encoding, self.delimiter = path, where, encoding, delimiter

    def __iter__(self) -> Iterator[Row]:
        fh = io.TextIOWrapper(
            open_input(self.path, self.where), encoding=self.encoding, errors="strict", newline=""
        )
        yield from _numbered(csv_rows(fh, self.where, self.delimiter))


def _numbered(rows: Iterable[list[str]]) -> Iterator[Row]:
    for number, row in enumerate(rows, start=1):
        yield number, tuple(row)


def csv_rows(fh: IO[str], where: str, delimiter: str) -> Iterator[list[str]]:
    """The rows of an open CSV text stream (closed at the end); a BOM and a DOS end-of-file
    mark are not content. Raises InputError for a file csv cannot parse."""
    with fh:
        try:
            first = True
            for row in csv.reader(fh, delimiter=delimiter):
                if first and row and row[0].startswith("\ufeff"):
                    row[0] = row[0][1:]
                first = False
                if row != ["\x1a"]:
                    yield row
        except csv.Error as exc:
            raise InputError(where, f"CSV-filen kan ikke læses ({exc})") from None
        except UnicodeDecodeError:  # the file changed while it was read
            raise InputError(
                where, "tegnkodningen kan ikke genkendes; gem filen som UTF-8 og prøv igen"
            ) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: ';', ',' or tab (';' when nothing splits). Title and note
    lines above a table split into one column, so the most common width over the first lines
    wins, not the first line's."""
    lines = [ln for ln in text.split("\n")[:40] if ln.strip()]
    sample = "\n".join(lines)
    best, best_score = ";", (0, 0)
    for delimiter in (";", "\t", ","):
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [c for c in counts if c >= 2]
        if not wide:
            continue
        common = max(set(wide), key=wide.count)
        score = (wide.count(common), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --------------------------------------------------------------------------- JSON


def _looks_like_json(head: str) -> bool:
    text = head.lstrip()
    if not text.startswith(("{", "[")):
        return False
    first = text.split("\n", 1)[0].strip()
    try:
        json.loads(first)
        return True
    except ValueError:
        return text.startswith("[")


def _json_records(text: str, where: str) -> list[dict[str, Any]]:
    """The objects of a JSON array, of JSON lines, or of an object holding one list of objects
    (e.g. {"data": [...]})."""
    stripped = text.strip()
    records: list[Any]
    try:
        whole = json.loads(stripped)
    except ValueError:
        whole = None
        records = []
        for number, line in enumerate(stripped.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                raise InputError(where, f"linje {number} er ikke gyldig JSON") from None
    if whole is not None:
        if isinstance(whole, dict):
            lists = [v for v in whole.values() if isinstance(v, list)]
            records = lists[0] if len(lists) == 1 else [whole]
        elif isinstance(whole, list):
            records = whole
        else:
            records = []
    if not records or not all(isinstance(r, dict) for r in records):
        raise InputError(where, "JSON-filen er ikke en tabel (en liste af objekter med de samme felter)")
    return records


def _json_sheet(records: list[dict[str, Any]]) -> Sheet:
    header: dict[str, None] = {}
    for r in records:
        for key in r:
            header.setdefault(str(key), None)
    names = list(header)
    rows: list[Row] = [(1, tuple(names))]
    for number, r in enumerate(records, start=2):
        rows.append((number, tuple(_json_cell(r.get(k)) for k in names)))
    return Sheet(None, rows)


def _json_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


# --------------------------------------------------------------------------- open


def open_table(path: str | Path) -> TableFile:
    """Read a table file once. Raises InputError (one Danish line) when it cannot be read."""
    from textmining.readers.sources import open_text

    where = path_text(path)
    suffix = Path(path).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _open_xlsx(path, where)
    if suffix in (".xls", ".ods", ".numbers"):
        raise InputError(where, f"filtypen {suffix} kan ikke læses; gem som .xlsx eller .csv")
    if suffix not in CSV_SUFFIXES | JSON_SUFFIXES:
        raise InputError(
            where,
            f'filtypen "{suffix or "uden endelse"}" kan ikke læses som tabel; brug .csv, .xlsx eller .json',
        )
    fh, encoding = open_text(path, where)
    with fh:
        head = fh.read(64 * 1024)
        if suffix in JSON_SUFFIXES or _looks_like_json(head):
            text = head + fh.read()
            sheet = _json_sheet(_json_records(text, where))
            return TableFile(where, "json", [sheet], encoding=encoding)
    delimiter = sniff_delimiter(head.replace("\r\n", "\n").replace("\r", "\n"))
    stream = _CsvStream(path, where, encoding, delimiter)
    return TableFile(where, "csv", [Sheet(None, stream)], encoding=encoding, delimiter=delimiter)


def _open_xlsx(path: str | Path, where: str) -> TableFile:
    data = read_input(path, where)
    wb = open_workbook(where, data)
    sheets: list[Sheet] = []
    formulas: dict[int, Any] = {}
    try:
        for index, ws in enumerate(wb.worksheets):
            if not hasattr(ws, "_get_source"):  # a chart sheet has no cells
                continue
            sheets.append(Sheet(ws.title, tuple(sheet_rows(ws, where))))
            formulas[len(sheets) - 1] = _formula_loader(data, where, index)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure inside a broken workbook
        raise InputError(where, f"Excel-filen kan ikke læses ({type(exc).__name__})") from None
    finally:
        wb.close()
    return TableFile(where, "xlsx", sheets, formulas=formulas)


def _formula_loader(data: bytes, where: str, index: int):
    """A function giving {(row, column): formula} of one sheet, read only when asked for (a
    cell without a cached value is explained by its formula)."""
    cache: dict[str, dict[tuple[int, int], str]] = {}

    def load() -> dict[tuple[int, int], str]:
        if "f" not in cache:
            found: dict[tuple[int, int], str] = {}
            try:
                wb = open_workbook(where, data, data_only=False)
                try:
                    ws = wb.worksheets[index]
                    for number, row in sheet_rows(ws, where):
                        for col, value in enumerate(row):
                            if isinstance(value, str) and value.startswith("="):
                                found[(number, col)] = value
                            elif value is not None and type(value).__name__.endswith("Formula"):
                                found[(number, col)] = str(getattr(value, "text", value))
                finally:
                    wb.close()
            except Exception:  # noqa: BLE001 - formulas are a hint; reading values succeeded
                found = {}
            cache["f"] = found
        return cache["f"]

    return load
