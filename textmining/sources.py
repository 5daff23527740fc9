"""Read source documents (PDF, DOCX, TXT, MD, CSV, XLSX) into one record with text and tables.

Pure: no store, no CLI. Every problem with a file is raised as `InputError` with one Danish line
that says what is wrong and what to do, so a batch can report it and go on.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import logging
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from textmining.dates import MONTHS
from textmining.errors import InputError

# Case notes and comments can be long: let one CSV field be as large as the file.
csv.field_size_limit(2**31 - 1)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".pdf", ".docx", ".txt", ".md", ".csv", ".xlsx"})
KINDS = ("minutes", "case_note", "letter", "survey", "table", "other")

# Pages of a PDF (and sheets of a workbook) are joined with a form feed on a line of its own, so
# line-based parsers see page boundaries and `^`/`$` still work on every line.
PAGE_BREAK = "\n\f\n"

MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100

Table = tuple[tuple[str, ...], ...]

_FORMATS_LINE = "afdaek læser PDF, DOCX, TXT, MD, CSV og XLSX"
_MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".xltm", ".pptm"}
_SKIP_NAMES = {"sag.toml", "thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class SourceDocument:
    """One read document: its text, tables and what it looks like (kind, title, date)."""

    path: str
    sha256: str
    format: str
    text: str
    pages: int
    tables: tuple[Table, ...]
    kind: str
    title: str | None
    date: datetime.date | None
    encoding: str | None


# --------------------------------------------------------------------------- files


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given and files in folders given (recursively, symlinked folders not followed),
    sorted; skips hidden files and folders, `sag.toml`, Office lock files (`~$...`) and
    Windows thumbnails. A path that does not exist is passed on (reading it says so)."""
    for given in paths:
        given = Path(given)
        if given.is_dir():
            found = []
            for root, dirs, files in os.walk(given):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(root) / f for f in files if not _skipped_name(f))
            yield from sorted(found, key=lambda p: p.relative_to(given).parts)
        elif not _skipped_name(given.name.lstrip(".")):
            yield given


def _skipped_name(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _SKIP_NAMES


def read_document(path: str | Path, *, with_tables: bool = False) -> SourceDocument:
    """Read one file. Raises InputError (one Danish line) for anything that cannot be read.

    with_tables: also extract ruled tables from PDFs with pdfplumber (slow); other formats
    always return their tables.
    """
    path = Path(path)
    where = str(path)
    suffix = path.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise InputError(
            where,
            f"filen indeholder makroer ({suffix}); afdaek åbner ikke filer med makroer, "
            "gem en udgave uden makroer (.docx eller .xlsx)",
        )
    if suffix not in SUPPORTED_SUFFIXES:
        if not suffix:
            raise InputError(where, f"filen har ingen filendelse; {_FORMATS_LINE}")
        raise InputError(where, f"ukendt filformat '{suffix}'; {_FORMATS_LINE}")
    data = _read_bytes(path)
    if not data.strip():
        raise InputError(where, "filen er tom")
    fmt = suffix[1:]
    digest = hashlib.sha256(data).hexdigest()
    encoding: str | None = None
    tables: tuple[Table, ...] = ()
    pages = 1
    if fmt == "pdf":
        text, pages, tables = _read_pdf(where, data, with_tables)
    elif fmt == "docx":
        text, pages, tables = _read_docx(where, data)
    elif fmt == "xlsx":
        text, pages, tables = _read_xlsx(where, data)
    elif fmt == "csv":
        text, encoding = decode_text(data, where)
        table = _parse_csv(text, where)
        tables = (table,) if table else ()
        text = _table_text(table)
    else:
        text, encoding = decode_text(data, where)
        pages = text.count("\f") + 1
    text = unicodedata.normalize("NFC", text)
    if not text.strip() and not tables:
        raise InputError(where, "filen er tom")
    kind = guess_kind(text, fmt, tables)
    tabular = fmt in {"csv", "xlsx"}
    return SourceDocument(
        path=where,
        sha256=digest,
        format=fmt,
        text=text,
        pages=pages,
        tables=tables,
        kind=kind,
        title=None if tabular else guess_title(text, kind),
        date=None if tabular else guess_date(text, kind),
        encoding=encoding,
    )


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                where, f"filen er for stor (over {MAX_FILE_BYTES // (1024 * 1024)} MB); del den op"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(where, "filen findes ikke") from None
    except IsADirectoryError:
        raise InputError(where, "det er en mappe, ikke en fil") from None
    except PermissionError:
        raise InputError(where, "filen kan ikke læses (adgang nægtet)") from None
    except OSError as exc:
        raise InputError(where, f"filen kan ikke læses ({exc.strerror or exc})") from None


# --------------------------------------------------------------------------- text encodings

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "et PNG-billede"),
    (b"\xff\xd8\xff", "et JPEG-billede"),
    (b"GIF87a", "et GIF-billede"),
    (b"GIF89a", "et GIF-billede"),
    (b"II*\x00", "et TIFF-billede"),
    (b"MM\x00*", "et TIFF-billede"),
    (b"%PDF-", "en PDF-fil; giv den endelsen .pdf"),
    (b"PK\x03\x04", "et ZIP-arkiv (fx en Word- eller Excel-fil)"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "en Office-fil i gammelt format (.doc/.xls) eller en krypteret Office-fil",
    ),
    (b"{\\rtf", "en RTF-fil; gem den som .docx eller ren tekst"),
    (b"\x7fELF", "et program"),
    (b"MZ\x90\x00", "et program"),
    (b"\x1f\x8b", "et gzip-arkiv"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_DANISH_LETTERS = set("æøåÆØÅ")
_LATIN_LETTERS = set("éÉèÈêëáàâäÄöÖüÜóòôíìîïúùûñÑçÇßÿ")
_PUNCTUATION = set("–—‘’‚“”„•…«»´¨§½¼¾°€£±×·\u00a0\u00ad")
_FALLBACK_ENCODINGS = ("cp1252", "cp865", "mac_roman")


def decode_text(data: bytes, where: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file: (text with \\n line ends, encoding name).

    Strict UTF-8 first, then a BOM (UTF-8/16/32), BOM-less UTF-16, cp1252 (and DOS cp865, Mac
    Roman) when the result reads like Danish, then charset-normalizer. Raises InputError for
    binary data, NUL bytes and undecodable text.
    """
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(where, f"filen er ikke en tekstfil, men {what}")
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError:
                raise InputError(
                    where, f"filen kan ikke afkodes som {name.upper()}; gem den som UTF-8"
                ) from None
            break
    if text is None:
        utf16 = _bomless_utf16(data)
        if utf16:
            try:
                text, encoding = data.decode(utf16), utf16
            except UnicodeDecodeError:
                text = None
    if text is None:
        if b"\x00" in data:
            raise InputError(
                where, "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil"
            )
        text, encoding = _decode_8bit(data, where)
    text = text.lstrip("\ufeff").rstrip("\x1a")  # a DOS end-of-file mark is not content
    if "\x00" in text:
        raise InputError(
            where, "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\t\f" or "\x7f" <= ch < "\xa0")
    if controls > max(2, len(sample) // 100):
        raise InputError(where, "filen er ikke en tekstfil (den indeholder binære data)")
    return text, encoding


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is mostly NUL (text without a BOM)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(sample) // 2
    if zeros_odd > 0.4 * half and zeros_even < 0.05 * half:
        return "utf-16-le"
    if zeros_even > 0.4 * half and zeros_odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, where: str | None) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _reads_like_danish(text):
            return text, name
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except Exception:  # noqa: BLE001 - a guesser failing is the same as no guess
        best = None
    if best is not None and best.encoding and best.chaos < 0.1:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and _plausibility(text, any_letters=True) >= 0.9:
            return text, best.encoding
    raise InputError(where, "tegnkodningen kan ikke genkendes; gem filen som UTF-8 og prøv igen")


def _plausibility(text: str, any_letters: bool = False) -> float:
    """Share of non-ASCII characters that are letters or punctuation a Danish text would hold
    (punctuation between two letters does not count: that is a misread letter); any_letters
    also counts letters of other scripts."""
    good = total = 0
    sample = text[:200_000]
    for i, ch in enumerate(sample):
        if ch < "\x80":
            continue
        total += 1
        if ch in _DANISH_LETTERS or ch in _LATIN_LETTERS or any_letters and ch.isalpha():
            good += 1
        elif ch in _PUNCTUATION:
            before = sample[i - 1] if i else " "
            after = sample[i + 1] if i + 1 < len(sample) else " "
            if not (before.isalpha() and after.isalpha()):
                good += 1
    return 1.0 if total == 0 else good / total


def _reads_like_danish(text: str) -> bool:
    sample = text[:200_000]
    if not any(ch in _DANISH_LETTERS or ch in _LATIN_LETTERS for ch in sample):
        return False
    return _plausibility(sample) >= 0.9


# --------------------------------------------------------------------------- PDF

_HYPHEN_MARK = re.compile(r"[\ufffe\x02][ \t]*(\n?)[ \t]*(?=(\w+))")
_KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "som", "til", "men", "and"}


def repair_hyphens(text: str) -> str:
    """Join words PDFium split at a line end (it marks the hyphen as U+FFFE): "beskæf\\ufffe
    tigelse" becomes "beskæftigelse"; before "og"/"eller" ("Social- og ...") the hyphen stays."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(2)
        if word[0].islower() and word not in _KEEP_HYPHEN_BEFORE:
            return ""
        return "- " if word in _KEEP_HYPHEN_BEFORE else "-" + m.group(1)

    text = _HYPHEN_MARK.sub(fix, text)
    return text.replace("\ufffe", "-").replace("\x02", "-")


def _read_pdf(where: str, data: bytes, with_tables: bool) -> tuple[str, int, tuple[Table, ...]]:
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise InputError(where, "filen er ikke en PDF-fil, selv om den hedder .pdf")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(where, "PDF-filen er beskadiget og kan ikke læses")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium error codes: 4 = password needed, 5 = unsupported security handler.
        if getattr(exc, "err_code", None) in (4, 5):
            raise InputError(
                where, "PDF-filen er krypteret (kodeordsbeskyttet); gem en udgave uden kode"
            ) from None
        raise InputError(where, "PDF-filen er beskadiget og kan ikke læses") from None
    try:
        texts = []
        npages = len(pdf)
        for i in range(npages):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                raw = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")
            texts.append(repair_hyphens(raw).strip("\n"))
    except pdfium.PdfiumError:
        raise InputError(where, "PDF-filen er beskadiget og kan ikke læses") from None
    finally:
        pdf.close()
    text = PAGE_BREAK.join(texts)
    if not any(t.strip() for t in texts):
        raise InputError(where, "ingen tekst i PDF'en, den skal OCR-behandles")
    tables = _pdf_tables(data) if with_tables else ()
    return text, npages, tables


def _pdf_tables(data: bytes) -> tuple[Table, ...]:
    """Ruled tables found by pdfplumber; a table pdfplumber cannot read is left out (the text
    from PDFium stands)."""
    import pdfplumber

    found: list[Table] = []
    quiet = logging.getLogger("pdfminer")  # its repair warnings are not for the user
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                for raw in page.extract_tables():
                    table = _clean_table(raw)
                    if table:
                        found.append(table)
                page.close()
    except Exception:  # noqa: BLE001, S110 - pdfminer raises many types on odd files
        pass
    finally:
        quiet.setLevel(level)
    return tuple(found)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SAND" if value else "FALSK"
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _clean_table(rows: Iterable[Sequence[object]]) -> Table:
    """Cells as single-line strings; trailing empty cells and empty rows dropped."""
    out = []
    for row in rows:
        cells = [_cell(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            out.append(tuple(cells))
    return tuple(out)


def _table_text(table: Table) -> str:
    return "\n".join(" | ".join(row) for row in table)


# --------------------------------------------------------------------------- Office files


def _check_zip(where: str, data: bytes, what: str) -> zipfile.ZipFile:
    """Open an Office file's zip container; refuse zip bombs and macros before parsing."""
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
            f"{what}-filen pakker sig ud til {total // (1024 * 1024)} MB "
            f"(forhold {total // packed}:1) og ligner en zip-bombe; den åbnes ikke",
        )
    if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
        raise InputError(
            where,
            "filen indeholder makroer; afdaek åbner ikke filer med makroer, "
            "gem en udgave uden makroer (.docx eller .xlsx)",
        )
    return zf


def _read_docx(where: str, data: bytes) -> tuple[str, int, tuple[Table, ...]]:
    import docx
    from docx.table import Table as DocxTable

    zf = _check_zip(where, data, "Word")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises KeyError/ValueError/lxml errors
        raise InputError(where, "Word-filen er beskadiget og kan ikke læses") from None
    parts: list[str] = []
    tables: list[Table] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, DocxTable):
                table = _docx_table(block)
                if table:
                    tables.append(table)
                    parts.append(_table_text(table))
            else:
                parts.append(block.text)
    except Exception:  # noqa: BLE001 - malformed tables (grid spans) raise from python-docx
        raise InputError(where, "Word-filen er beskadiget og kan ikke læses") from None
    text = "\n".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    return text, _docx_pages(zf), tuple(tables)


def _docx_table(table: object) -> Table:
    rows = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append(cells)
    return _clean_table(rows)


def _docx_pages(zf: zipfile.ZipFile) -> int:
    """The page count Word saved in docProps/app.xml, or 1."""
    try:
        app = zf.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return 1
    m = re.search(r"<(?:\w+:)?Pages>(\d+)</", app)
    return max(1, int(m.group(1))) if m else 1


def _read_xlsx(where: str, data: bytes) -> tuple[str, int, tuple[Table, ...]]:
    import openpyxl

    _check_zip(where, data, "Excel")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types on broken files
        raise InputError(where, "Excel-filen er beskadiget og kan ikke læses") from None
    try:
        tables = []
        for ws in wb.worksheets:
            tables.append(_clean_table(ws.iter_rows(values_only=True)))
    except Exception:  # noqa: BLE001
        raise InputError(where, "Excel-filen er beskadiget og kan ikke læses") from None
    finally:
        wb.close()
    kept = tuple(t for t in tables if t)
    text = PAGE_BREAK.join(_table_text(t) for t in kept)
    return text, max(1, len(tables)), kept


# --------------------------------------------------------------------------- CSV


def _parse_csv(text: str, where: str) -> Table:
    """Rows of a CSV text; the delimiter (; , or tab) is the one that splits the first lines
    into the most consistent number of columns."""
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(where, f"CSV-filen kan ikke læses ({exc})") from None
    return _clean_table(rows)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: ';', ',' or tab (';' when nothing splits)."""
    lines = [ln for ln in text.split("\n")[:30] if ln.strip()]
    sample = "\n".join(lines)
    best, best_score = ";", (0, 0)
    for delimiter in (";", "\t", ","):
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --------------------------------------------------------------------------- dates

_MONTH_NUMBERS = MONTHS
_MONTH_ALT = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DATE_RE = re.compile(
    r"(?<!\d)(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<nd>\d{1,2})(?P<sep>[./-])(?P<nm>\d{1,2})(?:(?P=sep)|(?<=/\d)-|(?<=/\d\d)-)(?P<ny>\d{4}|\d{2})"
    rf"|(?P<td>\d{{1,2}})\.?\s*(?P<tm>{_MONTH_ALT})\.?,?\s+(?P<ty>\d{{4}}|'?\d{{2}})"
    r")(?!\d)",
    re.IGNORECASE,
)


def _year(text: str) -> int:
    text = text.lstrip("'")
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def find_dates(text: str) -> Iterator[tuple[int, int, datetime.date]]:
    """Each valid Danish-written date in text as (start, end, date): 14.03.2023, 14-03-2023,
    14/3-23, 14/03/2023, 1. marts 2023, 1 mar. 23, 2023-03-14."""
    for m in _DATE_RE.finditer(text):
        try:
            if m.group("iy"):
                day = datetime.date(int(m["iy"]), int(m["im"]), int(m["id"]))
            elif m.group("nd"):
                day = datetime.date(_year(m["ny"]), int(m["nm"]), int(m["nd"]))
            else:
                month = _MONTH_NUMBERS[m["tm"].lower()]
                day = datetime.date(_year(m["ty"]), month, int(m["td"]))
        except ValueError:
            continue
        yield m.start(), m.end(), day


def parse_danish_date(text: str) -> datetime.date | None:
    """The first valid date written in text (see find_dates), or None."""
    for _start, _end, day in find_dates(text):
        return day
    return None


_DATE_LABEL = re.compile(
    r"^[\W_]*(?:møde)?dato(?:\s+for\s+mødet)?\s*[:.]?\s*(?P<rest>.+)$|"
    r"^[\W_]*(?:udskrevet|dateret|afsendt)(?:\s+den)?\s*[:.]?\s*(?P<rest2>.+)$",
    re.IGNORECASE,
)
_FILLER_WORDS = {
    "den",
    "red",
    "d",
    "dato",
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
    "kl",
}


def _line_is_mostly_date(line: str) -> bool:
    spans = list(find_dates(line))
    if not spans:
        return False
    rest = line
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _FILLER_WORDS]
    return len(words) <= 2 and sum(len(w) for w in words) <= 16


def guess_date(text: str, kind: str = "other") -> datetime.date | None:
    """The document's date: a `Dato:`/`Mødedato:` line, else (not in case notes, whose lines
    start with note dates) a line near the top that is only a date (`Vejle, 1. marts 2023`)."""
    lines = [ln.strip() for ln in text[:20_000].split("\n")[:80]]
    for line in lines:
        m = _DATE_LABEL.match(line)
        if m:
            day = parse_danish_date(m.group("rest") or m.group("rest2"))
            if day:
                return day
    if kind == "case_note":
        return None
    for line in [ln for ln in lines if ln][:15]:
        if _line_is_mostly_date(line):
            return parse_danish_date(line)
    return None


# --------------------------------------------------------------------------- title

_HEADER_LINE = re.compile(
    r"^(?:side|sidetal|page)\b.*\d|"
    r"^(?:møde)?dato\b|^mødetidspunkt|^mødested|^sags?(?:nr|id|nummer)|^dok\.?\s*nr|"
    r"^journal\s*nr|^j\.\s*nr|^initialer|^cpr|^tlf|^telefon|^e-?mail|^www\.|^https?://|"
    r"^file:|^deltagere|^fraværende|^\S+\s+kommune$|^jobcenter\s+\S+$|^\d{4}\s+\S+$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^(?:vedr(?:ørende)?\.?|emne|om)\s*:\s*(.+)$", re.IGNORECASE)
_DANGLING = {"til", "for", "om", "af", "i", "med", "fra", "og", "på", "ved", "vedr."}


def _clean_line(line: str) -> str:
    line = re.sub(r"^[\s#>*•\-]+", "", line).strip()
    line = line.replace("**", "").replace("__", "")
    return " ".join(line.split())


def _meaningful(line: str) -> bool:
    if sum(ch.isalpha() for ch in line) < 3:
        return False
    if _HEADER_LINE.search(line):
        return False
    return not _line_is_mostly_date(line)


def guess_title(text: str, kind: str = "other") -> str | None:
    """A title: a `Vedr.:` line, in a letter the line before `Kære`, else the first meaningful
    line (page headers, dates, addresses and meeting data skipped); a line ending in "til"
    continues on the next."""
    lines = [_clean_line(ln) for ln in text[:50_000].split("\n")[:300]]
    lines = [ln for ln in lines if ln]
    for line in lines[:40]:
        m = _SUBJECT.match(line)
        if m and _meaningful(m.group(1)):
            return m.group(1)[:200]
    if kind == "letter":
        for i, line in enumerate(lines[:60]):
            if re.match(r"^(?:kære|hej)\b", line, re.IGNORECASE):
                for before in reversed(lines[:i]):
                    if _meaningful(before) and not re.search(r"\d{4}\s+\S+$", before):
                        return before[:200]
                break
    for i, line in enumerate(lines):
        if _meaningful(line):
            title = line
            last = title.rsplit(" ", 1)[-1].lower()
            if last in _DANGLING and i + 1 < len(lines):
                title = f"{title} {lines[i + 1]}"
            return title[:200]
    return None


# --------------------------------------------------------------------------- kind

_ITEM_LINE = re.compile(
    r"^\s*(?:#+\s*)?(?:pkt\.?\s*\d{1,4}\b|\d{1,4}\.\s+\S)", re.IGNORECASE | re.MULTILINE
)
_MINUTES_HEADINGS = re.compile(
    r"^\s*(?:#+\s*)?\**\s*(beslutning(?:stema)?|sagsfremstilling|indstilling|"
    r"(?:administrationen|forvaltningen)\s+(?:indstiller|foreslår)|det indstilles|"
    r"resum[eé]|lovgrundlag|retsgrundlag|fraværende|dagsorden|referat|åbent referat|"
    r"lukket punkt|økonomi|bilag|anbefaling)\b",
    re.IGNORECASE | re.MULTILINE,
)
_CORE_MINUTES = {"beslutning", "sagsfremstilling", "indstilling", "beslutningstema"}
_NOTE_LINE = re.compile(
    rf"^\s*(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}/\d{{1,2}}-\d{{2,4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\s*(?:{_MONTH_ALT})\.?\s+\d{{4}})(?!\d)",
    re.IGNORECASE | re.MULTILINE,
)
_LETTER_MARKS = re.compile(
    r"^\s*(?:kære\b|med venlig hilsen|venlig hilsen|mvh\b|dato\s*:|indkaldelse\b|"
    r"afgørelse\b|partshøring\b|klagevejledning\b|du kan klage)",
    re.IGNORECASE | re.MULTILINE,
)
_SCALE = ("yderst tilfreds", "meget tilfreds", "mindre tilfreds", "ikke tilfreds", "utilfreds")


def guess_kind(text: str, fmt: str, tables: Sequence[Table] = ()) -> str:
    """minutes, case_note, letter, survey, table or other, guessed from the content."""
    head = text[:400_000]
    headings = {m.group(1).lower().split()[0] for m in _MINUTES_HEADINGS.finditer(head)}
    items = len(_ITEM_LINE.findall(head))
    if (
        items >= 2
        and len(headings) >= 2
        and headings & (_CORE_MINUTES | {"administrationen", "forvaltningen"})
    ):
        return "minutes"
    if fmt in {"csv", "xlsx"}:
        return _table_kind(tables)
    note_dates = _note_date_lines(head)
    letter_marks = {m.group(0).strip().lower()[:5] for m in _LETTER_MARKS.finditer(head)}
    if note_dates >= 3 or (note_dates >= 2 and not letter_marks):
        return "case_note"
    if letter_marks:
        return "letter"
    low = head.lower()
    if any(_is_survey(t) for t in tables) or sum(s in low for s in _SCALE) >= 2:
        return "survey"
    table_chars = sum(len(_table_text(t)) for t in tables)
    if tables and table_chars >= 0.5 * max(1, len(text)):
        return "table"
    return "other"


def _note_date_lines(text: str) -> int:
    """How many lines start with a date, counted only when one of the first ten lines does (a
    case-note file opens with a note; a timeline at the end of a report is no case note)."""
    matches = list(_NOTE_LINE.finditer(text))
    if not matches:
        return 0
    first_lines = [ln for ln in text[: matches[0].start()].split("\n") if ln.strip()]
    return len(matches) if len(first_lines) < 10 else 0


def _is_survey(table: Table) -> bool:
    return any("tilfreds" in cell.lower() for row in table[:50] for cell in row)


def _table_kind(tables: Sequence[Table]) -> str:
    if any(_is_survey(t) for t in tables):
        return "survey"
    for table in tables:
        if table:
            header = {c.strip().lower() for c in table[0]}
            if "dato" in header and header & {"tekst", "notat", "journalnotat", "sagsnotat"}:
                return "case_note"
    return "table"
