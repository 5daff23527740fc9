"""Sheets a person fills in and afdaek reads back: review verdicts (screening.review) and survey
codes (screening.survey_codes). One writer and one reader, so both round-trips behave alike.

- Written as .xlsx or .csv (';' and UTF-8 with BOM, as Danish Excel opens it) through
  `store.outputs.write_output`: created 0600, never over a file afdaek did not write.
- Every cell that a spreadsheet would run as a formula is neutralised on the way out and the
  apostrophe taken off again on the way in (OWASP, CSV injection).
- Read back through textmining's guards (size, zip bombs, sheet dimensions) like every other
  file; the first row is the header, and each row keeps the number a spreadsheet shows.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from store.outputs import OutputError, write_output
from textmining.errors import InputError

SUFFIXES = (".xlsx", ".csv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell that a spreadsheet would run as a formula starts (OWASP, CSV injection)."""


def neutralise(value: Any) -> Any:
    """A cell value a spreadsheet shows as text: text that starts like a formula gets an
    apostrophe in front (`=HYPERLINK(...)` becomes `'=HYPERLINK(...)`); `unneutralise` takes it
    off again on import."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """The text of an imported cell without the apostrophe `neutralise` put in front."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def write_sheet(
    path: Path,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str,
    choices: Mapping[str, Sequence[str]] | None = None,
    widths: Sequence[float] = (),
    extra: Mapping[str, Sequence[Sequence[Any]]] | None = None,
) -> Path:
    """Write a sheet to fill in: header `columns`, then `rows`. In .xlsx the sheet is called
    `title`, a column named in `choices` gets a drop-down list of those values, `widths` sets
    column widths, and `extra` adds read-only sheets (title → rows, first row a header) such as
    the list of allowed codes; a .csv has the first sheet only. Raises OutputError for another
    file ending."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise OutputError(f"{path}: eksporten skal være .xlsx eller .csv")
    body = [[neutralise(v) for v in r] for r in rows]
    if suffix == ".csv":
        return write_output(path, lambda tmp: _write_csv(tmp, columns, body))
    return write_output(
        path, lambda tmp: _write_xlsx(tmp, columns, body, title, choices or {}, widths, extra or {})
    )


def _write_csv(path: Path, columns: Sequence[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(columns)
        w.writerows(rows)


def _write_xlsx(
    path: Path,
    columns: Sequence[str],
    rows: list[list[Any]],
    title: str,
    choices: Mapping[str, Sequence[str]],
    widths: Sequence[float],
    extra: Mapping[str, Sequence[Sequence[Any]]],
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    def clean(row: Sequence[Any]) -> list[Any]:  # control characters cannot be stored in XML
        return [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(columns))
    for r in rows:
        ws.append(clean(r))
    for name, values in choices.items():
        letter = get_column_letter(list(columns).index(name) + 1)
        dv = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{len(rows) + 1}")
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    for name, sheet_rows in extra.items():
        more = wb.create_sheet(name)
        for values in sheet_rows:
            more.append(clean([neutralise(v) for v in values]))
        more.freeze_panes = "A2"
    wb.save(path)


def read_sheet(path: Path, required: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of a filled-in sheet (the first sheet of an .xlsx) as {column: text, "_row":
    the row number a spreadsheet shows}; column names are the header's, in lower case. Raises
    InputError (one Danish line) for a missing, empty, broken or foreign file, or when a
    `required` column is missing."""
    from textmining.readers.guards import open_workbook, path_text, read_input, sheet_rows
    from textmining.readers.sources import iter_csv

    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "filen findes ikke")
    where = path_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = [(n, row) for n, row in enumerate(iter_csv(path, where), start=1) if row]
    elif suffix == ".xlsx":
        wb = open_workbook(where, read_input(path, where))
        try:
            table = [
                (n, ["" if c is None else str(c) for c in row])
                for n, row in sheet_rows(wb.worksheets[0], where)
            ]
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - openpyxl raises many types on a broken sheet
            raise InputError(where, "Excel-filen er beskadiget og kan ikke læses") from None
        finally:
            wb.close()
    else:
        raise InputError(str(path), "importen skal være .xlsx eller .csv")
    if not table:
        raise InputError(str(path), "filen er tom")
    header = [h.strip().lower() for h in table[0][1]]
    for col in required:
        if col not in header:
            raise InputError(str(path), f"kolonnen '{col}' mangler i første række")
    return [{"_row": n, **dict(zip(header, (unneutralise(c) for c in row)))} for n, row in table[1:]]
