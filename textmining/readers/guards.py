"""What afdaek refuses to open, and why: the limits every file reader passes through.

Ingest, `letters check`, `screen review --import` and the table readers open files through these
functions, so the same hostile file is refused by every command with the same Danish line:

- `open_input`/`read_input`: only regular files (a FIFO or device would block or never end), at
  most `MAX_FILE_BYTES`; missing, unreadable and looping files get one line each.
- `open_zip`: Office files (docx, xlsx, pptx) are zip archives; one that unpacks to more than
  `MAX_ZIP_UNCOMPRESSED` or more than `MAX_ZIP_RATIO` times its packed size is a zip bomb, and
  one with a VBA project holds macros. Both are refused before any XML is parsed.
- `sheet_rows`: a worksheet's declared size is ignored (a file can claim A1:XFD1048576 in
  4.7 kB); only rows and cells that hold a value are read, at most `MAX_SHEET_ROWS` rows and
  `MAX_SHEET_COLUMNS` columns.
- `check_letter_size`: a letter longer than `MAX_LETTER_CHARS` is not checked for klarsprog
  (that would take minutes); ingest still stores it for search.
- `path_text`: a file name that is not valid UTF-8 is shown and stored with the odd bytes
  written as `\\xff`, so it can be printed, stored and put in JSON.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from textmining.errors import InputError

MAX_FILE_BYTES = 300 * 1024 * 1024
"""The largest file afdaek reads (ingest, letters, tables, review sheets)."""
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
"""The most an Office file (zip) may unpack to."""
MAX_ZIP_RATIO = 100
"""The most an Office file may unpack to, as a multiple of its packed size."""
MAX_SHEET_ROWS = 200_000
"""Rows holding a value in one worksheet (Excel allows 1,048,576)."""
MAX_SHEET_COLUMNS = 2_000
"""The right-most column holding a value in a worksheet (Excel allows 16,384, XFD)."""
MAX_LETTER_CHARS = 300_000
"""The longest letter checked for readability and klarsprog: about 100 pages. A real letter is a
few pages; a 50 MB file would keep `letters check` busy for minutes."""

_MB = 1024 * 1024
_OS_PROBLEMS = {
    errno.ENOENT: "{what} findes ikke",
    errno.EACCES: "{what} kan ikke læses (adgang nægtet)",
    errno.EPERM: "{what} kan ikke læses (adgang nægtet)",
    errno.EISDIR: "det er en mappe, ikke en fil",
    errno.ELOOP: "{what} er en genvej (symbolsk link), der peger i ring, og kan ikke læses",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EIO: "{what} kan ikke læses (læsefejl på disken)",
}


def path_text(path: str | os.PathLike[str]) -> str:
    """The path as text that can be printed, stored and put in JSON: bytes of a file name that
    are not valid UTF-8 (Python keeps them as lone surrogates) are written as `\\xff`."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def os_problem(exc: OSError, what: str = "filen") -> str:
    """The Danish line for an error from the operating system while reading a file (what:
    "filen" or "mappen")."""
    line = _OS_PROBLEMS.get(exc.errno or 0, "{what} kan ikke læses ({detail})")
    return line.format(what=what, detail=exc.strerror or exc)


def open_input(path: str | Path, where: str | None = None, *, limit: int = MAX_FILE_BYTES) -> IO[bytes]:
    """Open a file for reading (binary). Raises InputError for a file that is missing, not a
    regular file, unreadable or larger than limit."""
    where = where or path_text(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a FIFO must not wait for a writer
    except OSError as exc:
        raise InputError(where, os_problem(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(where, "det er en mappe, ikke en fil")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, "det er ikke en almindelig fil (men fx en enhed eller et rør)")
        if info.st_size > limit:
            raise InputError(where, f"filen er for stor (over {limit // _MB} MB); del den op")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | Path, where: str | None = None, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, guarded as `open_input` says."""
    where = where or path_text(path)
    with open_input(path, where, limit=limit) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(where, os_problem(exc)) from None
    if len(data) > limit:  # grew while we read it
        raise InputError(where, f"filen er for stor (over {limit // _MB} MB); del den op")
    return data


# --------------------------------------------------------------------------- zip containers


def open_zip(where: str, data: bytes, what: str) -> zipfile.ZipFile:
    """Open an Office file's zip container (what: "Word", "Excel", "PowerPoint"); refuse an
    encrypted or old-format file, a zip bomb and macros before any part of it is parsed."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            where,
            f"{what}-filen er krypteret (kodeordsbeskyttet) eller i gammelt format; "
            "gem en udgave uden kode i .docx/.xlsx-format",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise InputError(where, f"{what}-filen er beskadiget og kan ikke læses") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_ZIP_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO:
        raise InputError(
            where,
            f"{what}-filen pakker sig ud til {total // _MB} MB "
            f"(forhold {total // packed}:1) og ligner en zip-bombe; den åbnes ikke",
        )
    if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
        raise InputError(
            where,
            "filen indeholder makroer; afdaek åbner ikke filer med makroer, "
            "gem en udgave uden makroer (.docx eller .xlsx)",
        )
    return zf


def open_workbook(where: str, data: bytes, *, data_only: bool = True) -> Any:
    """An openpyxl workbook (read-only) from the bytes of an .xlsx, after `open_zip`."""
    import openpyxl

    open_zip(where, data, "Excel")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception:  # noqa: BLE001 - zip, XML and openpyxl errors: not a workbook
        raise InputError(where, "Excel-filen er beskadiget og kan ikke læses") from None


def sheet_rows(ws: Any, where: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number as Excel shows it, cell values) of each row of a read-only worksheet that
    holds a value, as wide as its right-most value.

    The sheet's declared dimension is ignored and nothing is padded: openpyxl would otherwise
    pad every row to the declared width and yield every declared row, so one cell in XFD1048576
    makes 17 billion cells. Raises InputError beyond MAX_SHEET_ROWS or MAX_SHEET_COLUMNS.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    rows = 0
    with ws._get_source() as src:  # what ReadOnlyWorksheet.iter_rows does, without the padding
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=wb.data_only,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for number, cells in parser.parse():
            present = [
                (c["column"], c["value"]) for c in cells if c["value"] is not None and c["value"] != ""
            ]
            if not present:
                continue
            width = max(col for col, _ in present)
            if width > MAX_SHEET_COLUMNS:
                from openpyxl.utils import get_column_letter

                column = get_column_letter(width) if width <= 18278 else str(width)
                raise InputError(
                    where,
                    _too_big_sheet(
                        ws, f"har indhold i kolonne {column} (nr. {width})", f"{MAX_SHEET_COLUMNS} kolonner"
                    ),
                )
            rows += 1
            if rows > MAX_SHEET_ROWS:
                raise InputError(
                    where, _too_big_sheet(ws, f"har over {MAX_SHEET_ROWS} rækker", f"{MAX_SHEET_ROWS} rækker")
                )
            values: list[Any] = [None] * width
            for col, value in present:
                values[col - 1] = value
            yield number, tuple(values)


def _too_big_sheet(ws: Any, what: str, limit: str) -> str:
    return (
        f'arket "{ws.title}" {what}; afdaek læser højst {limit} pr. ark – '
        "slet de overflødige celler, eller del arket op"
    )


# --------------------------------------------------------------------------- letters


def check_letter_size(where: str | None, text: str) -> None:
    """Raise InputError when text is too long to be checked as a letter (MAX_LETTER_CHARS)."""
    if len(text) > MAX_LETTER_CHARS:
        raise InputError(
            where,
            f"teksten er for lang til et brev ({len(text):,} tegn, højst "
            f"{MAX_LETTER_CHARS:,}); afdaek tjekker ikke så lange tekster for klarsprog".replace(",", "."),
        )
