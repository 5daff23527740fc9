"""Read source documents (PDF, DOCX, TXT, MD, HTML, CSV, XLSX) into one record with text and
tables.

Pure: no store, no CLI. Every problem with a file is raised as `InputError` with one Danish line
that says what is wrong and what to do, so a batch can report it and go on.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import errno
import hashlib
import io
import logging
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from textmining.errors import InputError
from textmining.language.dates import MONTH_ALT as _MONTH_ALT
from textmining.language.dates import WEEKDAY_NAMES
from textmining.readers.guards import (
    open_input,
    open_zip,
    os_problem,
    path_text,
    read_input,
)

# Case notes and comments can be long: let one CSV field be as large as the file.
csv.field_size_limit(2**31 - 1)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {
        ".pdf",
        ".docx",
        ".odt",
        ".txt",
        ".md",
        ".csv",
        ".tsv",
        ".xlsx",
        ".json",
        ".jsonl",
        ".ndjson",
        ".eml",
        ".msg",
        ".html",
        ".htm",
        ".png",
        ".jpg",
        ".jpeg",
        ".tif",
        ".tiff",
    }
)
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
TABLE_DOCUMENT_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".json", ".jsonl", ".ndjson"})
KINDS = ("minutes", "case_note", "letter", "survey", "table", "other")

# Pages of a PDF (and sheets of a workbook) are joined with a form feed on a line of its own, so
# line-based parsers see page boundaries and `^`/`$` still work on every line.
PAGE_BREAK = "\n\f\n"

Table = tuple[tuple[str, ...], ...]

_FORMATS_LINE = (
    "afdaek læser PDF, DOCX, ODT, TXT, MD, HTML, CSV, XLSX, JSON, e-mails (EML, MSG) "
    "og scannede breve (PNG, JPEG, TIFF)"
)
_MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".xltm", ".pptm"}
_SKIP_NAMES = {"sag.toml", "thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class SourceDocument:
    """One read document: its text, tables and what it looks like (kind, title, date).

    ocr: the text was read from page images by OCR (Tesseract), not from a text layer.
    sender: who sent it (an e-mail). attachments: documents inside it (an e-mail's attached
    files), each read as a document of its own. table_file: the rows of a CSV/XLSX/JSON file
    as read once (`tabular.TableFile`), for the table readers."""

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
    ocr: bool = False
    sender: str | None = None
    attachments: tuple[SourceDocument, ...] = field(default=(), repr=False)
    table_file: Any = field(default=None, repr=False, compare=False)


@dataclass
class Read:
    """What a format's reader found in a file's bytes (see BYTE_READERS)."""

    text: str
    pages: int = 1
    tables: tuple[Table, ...] = ()
    encoding: str | None = None
    title: str | None = None
    date: datetime.date | None = None
    ocr: bool = False
    sender: str | None = None
    attachments: tuple[tuple[str, bytes], ...] = ()  # (file name, bytes), read as documents


# --------------------------------------------------------------------------- files

_LINK_OUT = (
    "filen er en genvej (symbolsk link) til noget uden for den mappe, der blev angivet; "
    "afdaek følger ikke genveje ud af mappen"
)
_LINK_DIR = (
    "mappen er en genvej (symbolsk link); afdaek følger ikke genveje til mapper – "
    "angiv mappen selv, hvis den skal med"
)


def walk_inputs(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each file given and each file in folders given (recursively), sorted, with the Danish
    reason it is refused, or None.

    Skips hidden files and folders, Office lock files (`~$...`) and Windows thumbnails, and in
    folders the settings files (`*.toml`: sag.toml, scenarios, recommendation sets). In a
    folder, a symbolic link is followed only to a file inside that folder (a
    link to /etc/passwd in a case folder is refused, and so is a link that loops); linked
    folders are not followed. A file or folder named on the command line is the user's choice
    and is read even when it is a link. A path that does not exist is passed on (reading it
    says so)."""
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            if not _skipped_name(given.name.lstrip(".")):
                yield given, None
            continue
        root = os.path.realpath(given)
        found: list[tuple[Path, str | None]] = []

        def unreadable(exc: OSError, found: list = found, given: Path = given) -> None:
            found.append((Path(exc.filename or given), os_problem(exc, "mappen")))

        for folder, dirs, files in os.walk(given, onerror=unreadable):
            kept = []
            for d in dirs:
                if d.startswith("."):
                    continue
                if os.path.islink(os.path.join(folder, d)):
                    found.append((Path(folder) / d, _LINK_DIR))
                else:
                    kept.append(d)
            dirs[:] = kept
            for name in files:
                if _passed_over_in_folder(name):
                    continue
                path = Path(folder) / name
                found.append((path, _link_problem(path, root)))
        yield from sorted(found, key=lambda pair: pair[0].relative_to(given).parts)


def _link_problem(path: Path, root: str) -> str | None:
    """Why a file found in the folder root is not read: a link out of root, a loop, a dangling
    link; None for a file that is not a link or points inside root."""
    if not path.is_symlink():
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return "filen er en genvej (symbolsk link) til en fil, der ikke findes"
        return os_problem(exc)
    target = os.path.realpath(path)
    if os.path.commonpath([root, target]) != root:
        return _LINK_OUT
    return None


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files of `walk_inputs` that are not refused."""
    for path, problem in walk_inputs(paths):
        if problem is None:
            yield path


SETTINGS_SUFFIXES = (".toml",)
"""Settings files (scenarios, recommendation sets, afdaek.toml, sag.toml): never documents, so
a folder's are passed over and one named on the command line is refused with SETTINGS_PROBLEM."""

SETTINGS_PROBLEM = (
    "filen er en indstillingsfil (TOML), ikke et dokument; scenarier bruges med "
    "'afdaek report --scenarier FIL', anbefalinger med 'afdaek recommendations "
    "load FIL'"
)


def _skipped_name(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _SKIP_NAMES


def _passed_over_in_folder(name: str) -> bool:
    return _skipped_name(name) or name.lower().endswith(SETTINGS_SUFFIXES)


def read_document(
    path: str | Path, *, with_tables: bool = False, table_rows: int | None = None
) -> SourceDocument:
    """Read one file. Raises InputError (one Danish line) for anything that cannot be read.

    with_tables: also extract ruled tables from PDFs with pdfplumber (slow); other formats
    always return their tables. table_rows: keep at most this many rows of each table of a CSV
    or XLSX file (the text still holds every row); a caller that only looks at the header and
    the first rows keeps memory flat for a big file this way.
    """
    path = Path(path)
    where = path_text(path)
    suffix = path.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise InputError(
            where,
            f"filen indeholder makroer ({suffix}); afdaek åbner ikke filer med makroer, "
            "gem en udgave uden makroer (.docx eller .xlsx)",
        )
    if suffix not in SUPPORTED_SUFFIXES and suffix not in BYTE_READERS:
        if not suffix:
            raise InputError(where, f"filen har ingen filendelse; {_FORMATS_LINE}")
        if suffix in SETTINGS_SUFFIXES:
            raise InputError(where, SETTINGS_PROBLEM)
        raise InputError(where, f"ukendt filformat '{suffix}'; {_FORMATS_LINE}")
    fmt = "html" if suffix == ".htm" else suffix[1:]
    from textmining.readers.tabular import open_table

    if suffix in TABLE_DOCUMENT_SUFFIXES:  # read once; a CSV is streamed (it can be big)
        digest = _file_sha256(path, where)
        table_file = open_table(path)
        text, pages, tables = _read_table_file(table_file, table_rows)
        fmt = "json" if table_file.format == "json" else fmt
        read = Read(text, pages, tables, table_file.encoding)
        return _document(where, digest, fmt, read, table_file=table_file)
    data = read_input(path, where)
    if not data.strip():
        raise InputError(where, "filen er tom")
    digest = hashlib.sha256(data).hexdigest()
    read = read_bytes(where, suffix, data, with_tables=with_tables)
    del data
    return _document(where, digest, fmt, read)


def read_bytes(where: str, suffix: str, data: bytes, *, with_tables: bool = False) -> Read:
    """A file's bytes read by the reader for its suffix (BYTE_READERS)."""
    reader = BYTE_READERS.get(suffix)
    if reader is None:
        raise InputError(where, f"ukendt filformat '{suffix}'; {_FORMATS_LINE}")
    return reader(where, data, with_tables)


def _document(where: str, digest: str, fmt: str, read: Read, *, table_file: Any = None) -> SourceDocument:
    text = unicodedata.normalize("NFC", read.text)
    if not text.strip() and not read.tables:
        raise InputError(where, "filen er tom")
    kind = guess_kind(text, fmt, read.tables)
    tabular = table_file is not None
    attachments = tuple(_attachment(where, name, data) for name, data in read.attachments)
    return SourceDocument(
        path=where,
        sha256=digest,
        format=fmt,
        text=text,
        pages=read.pages,
        tables=read.tables,
        kind=kind,
        title=None if tabular else read.title or guess_title(text, kind),
        date=None if tabular else read.date or guess_date(text, kind),
        encoding=read.encoding,
        ocr=read.ocr,
        sender=read.sender,
        attachments=tuple(a for a in attachments if a is not None),
        table_file=table_file,
    )


def _attachment(where: str, name: str, data: bytes) -> SourceDocument | None:
    """An e-mail's attached file as a document of its own (path `mail.msg#bilag.pdf`); an
    attachment afdaek cannot read becomes a one-line document that says so, so the e-mail
    still shows what was attached."""
    path = f"{where}#{name}"
    suffix = Path(name).suffix.lower()
    digest = hashlib.sha256(data).hexdigest()
    try:
        if suffix in (".csv", ".xlsx", ".json"):
            raise InputError(path, "en tabel vedhæftet en e-mail læses ikke; gem den og indlæs den for sig")
        return _document(path, digest, suffix[1:] or "bin", read_bytes(path, suffix, data))
    except InputError as exc:
        return _document(
            path, digest, suffix[1:] or "bin", Read(f"Vedhæftet fil {name}: {exc.problem}", title=name)
        )


def _read_text_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    text, encoding = decode_text(data, where)
    return Read(text, text.count("\f") + 1, encoding=encoding)


def _read_pdf_bytes(where: str, data: bytes, with_tables: bool) -> Read:
    text, pages, tables, ocr = _read_pdf(where, data, with_tables)
    return Read(text, pages, tables, ocr=ocr)


def _read_docx_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    text, pages, tables = _read_docx(where, data)
    return Read(text, pages, tables)


def _read_odt_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    from textmining.readers.casefiles import read_odt

    text, tables = read_odt(where, data)
    return Read(text, 1, tables)


def _read_email_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    from textmining.readers.casefiles import read_eml

    return read_eml(where, data)


def _read_msg_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    from textmining.readers.casefiles import read_msg

    return read_msg(where, data)


def _read_html_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    text, encoding = _read_html(where, data)
    return Read(text, 1, encoding=encoding)


def _read_image_bytes(where: str, data: bytes, _with_tables: bool) -> Read:
    from textmining.readers.ocr import ocr_image

    text = ocr_image(where, data)
    return Read(text, 1, ocr=True)


BYTE_READERS: dict[str, Any] = {
    ".pdf": _read_pdf_bytes,
    ".docx": _read_docx_bytes,
    ".odt": _read_odt_bytes,
    ".txt": _read_text_bytes,
    ".md": _read_text_bytes,
    ".eml": _read_email_bytes,
    ".msg": _read_msg_bytes,
    ".html": _read_html_bytes,
    ".htm": _read_html_bytes,
    **dict.fromkeys(IMAGE_SUFFIXES, _read_image_bytes),
}
"""The reader for each suffix of a file read from its bytes: reader(where, data, with_tables)
-> Read. A new format (e.g. ".html") is one more entry here."""


_CHUNK = 1024 * 1024


def _file_sha256(path: Path, where: str) -> str:
    digest = hashlib.sha256()
    size = 0
    with open_input(path, where) as fh:
        try:
            for block in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(block)
                size += len(block.strip()) if size == 0 else len(block)
        except OSError as exc:
            raise InputError(where, os_problem(exc)) from None
    if size == 0:
        raise InputError(where, "filen er tom")
    return digest.hexdigest()


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
    encoding, text = _detect_encoding(data, where, complete=True, size=len(data))
    return _checked_text(text, where).replace("\r\n", "\n").replace("\r", "\n"), encoding


_SAMPLE_BYTES = 1024 * 1024


def open_text(path: str | Path, where: str | None = None) -> tuple[IO[str], str]:
    """A text file opened for reading as a stream: (text file, encoding), without newline
    translation (for csv). The encoding is found as `decode_text` finds it, from the first
    megabyte; a strict pass over the rest makes sure it holds for the whole file (a UTF-8 head
    may hide a cp1252 tail). Raises InputError as decode_text does."""
    where = where or path_text(path)
    fh = open_input(path, where)
    try:
        size = os.fstat(fh.fileno()).st_size
        head = fh.read(_SAMPLE_BYTES)
        complete = len(head) < _SAMPLE_BYTES
        encoding, text = _detect_encoding(head, where, complete=complete, size=size)
        _checked_text(text, where)
        del head, text  # only the encoding is needed from here
        if not complete:
            bad = _undecodable_block(fh, encoding)
            if bad is not None:  # detect again from where the first guess failed
                encoding, _ = _detect_encoding(bad, where, complete=False, size=size, skip_utf8=True)
                if _undecodable_block(fh, encoding) is not None:
                    raise InputError(where, _UNKNOWN_ENCODING)
        fh.seek(0)
        return io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline=""), encoding
    except BaseException:
        fh.close()
        raise


def _undecodable_block(fh: IO[bytes], encoding: str) -> bytes | None:
    """The bytes around the first place fh does not decode as encoding (read from the start),
    as a sample to detect the encoding from, or None when all of it decodes."""
    fh.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    block = b""
    for block in iter(lambda: fh.read(_CHUNK), b""):
        try:
            decoder.decode(block)
        except UnicodeDecodeError as exc:
            return block[max(0, exc.start - 50_000) : exc.start + 50_000]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return block[-50_000:]
    return None


_UNKNOWN_ENCODING = "tegnkodningen kan ikke genkendes; gem filen som UTF-8 og prøv igen"


def _decoded(data: bytes, encoding: str, complete: bool) -> str | None:
    """data decoded strictly (a sample may end inside a character), or None."""
    try:
        return codecs.getincrementaldecoder(encoding)(errors="strict").decode(data, final=complete)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect_encoding(
    sample: bytes, where: str | None, *, complete: bool, size: int, skip_utf8: bool = False
) -> tuple[str, str]:
    """(encoding, decoded sample) of a text file's bytes (the whole file when complete, else its
    first part); size is the file's size in bytes. Raises InputError for binary data."""
    head = sample[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(where, f"filen er ikke en tekstfil, men {what}")
    for bom, name in _BOMS:
        if sample.startswith(bom):
            text = _decoded(sample, name, complete)
            if text is None:
                raise InputError(where, f"filen kan ikke afkodes som {name.upper()}; gem den som UTF-8")
            return name, text
    utf16 = _bomless_utf16(sample, size)
    if utf16:
        text = _decoded(sample, utf16, complete)
        if text is not None:
            return utf16, text
    if b"\x00" in sample:
        raise InputError(where, "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil")
    return _decode_8bit(sample, where, complete, skip_utf8)


def _checked_text(text: str, where: str | None) -> str:
    """Decoded text without its BOM and DOS end-of-file mark; InputError when it holds NUL or
    many control characters (binary data that happened to decode)."""
    text = text.lstrip("\ufeff").rstrip("\x1a")  # a DOS end-of-file mark is not content
    if "\x00" in text:
        raise InputError(where, "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil")
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\r\n\t\f" or "\x7f" <= ch < "\xa0")
    if controls > max(2, len(sample) // 100):
        raise InputError(where, "filen er ikke en tekstfil (den indeholder binære data)")
    return text


def _bomless_utf16(data: bytes, size: int) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is mostly NUL (text without a BOM)."""
    sample = data[:4096]
    if len(sample) < 4 or size % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(sample) // 2
    if zeros_odd > 0.4 * half and zeros_even < 0.05 * half:
        return "utf-16-le"
    if zeros_even > 0.4 * half and zeros_odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_8bit(
    data: bytes, where: str | None, complete: bool = True, skip_utf8: bool = False
) -> tuple[str, str]:
    if not skip_utf8:
        text = _decoded(data, "utf-8", complete)
        if text is not None:
            return "utf-8", text
    for name in _FALLBACK_ENCODINGS:
        text = _decoded(data, name, complete)
        if text is not None and _reads_like_danish(text):
            return name, text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except Exception:  # noqa: BLE001 - a guesser failing is the same as no guess
        best = None
    if best is not None and best.encoding and best.chaos < 0.1:
        text = _decoded(data, best.encoding, complete) or ""
        if text and _plausibility(text, any_letters=True) >= 0.9:
            return best.encoding, text
    raise InputError(where, _UNKNOWN_ENCODING)


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


def _read_html(where: str, data: bytes) -> tuple[str, str]:
    """A web page as text with its headings, paragraphs and lists (textmining.readers.html_reader); the
    site's menus, banners and footer left out. Decoded by its declared charset, else as a text
    file is."""
    from textmining.readers.html_reader import declared_charset, html_to_text

    charset = declared_charset(data)
    text = None
    if charset:
        try:
            text = data.decode(charset.replace("utf8", "utf-8"))
            encoding = charset
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding = decode_text(data, where)
    if "<" not in text[:100_000]:
        raise InputError(where, "filen er ikke en HTML-side, selv om den hedder .html")
    return html_to_text(text), encoding


def _read_pdf(where: str, data: bytes, with_tables: bool) -> tuple[str, int, tuple[Table, ...], bool]:
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise InputError(where, "filen er ikke en PDF-fil, selv om den hedder .pdf")
    if b"%%EOF" not in data:  # cut off before its end; bytes after %%EOF are common and fine
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
                raw = _with_paragraph_gaps(textpage, textpage.get_text_range())
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
    if not any(t.strip() for t in texts):  # a scanned letter: only page images
        from textmining.readers.ocr import ocr_pdf

        return PAGE_BREAK.join(ocr_pdf(where, data)), npages, (), True
    tables = _pdf_tables(data) if with_tables else ()
    return text, npages, tables, False


def _with_paragraph_gaps(textpage: Any, raw: str) -> str:
    """The page text with an empty line where the page leaves a gap between two lines (a new
    paragraph), measured from each line's first character box. PDFium's text has no empty
    lines of its own, and minutes mark where a decision ends by such a gap."""
    try:
        if textpage.count_chars() != len(raw):  # the boxes are indexed by character
            return raw
        out: list[str] = []
        previous: tuple[float, float] | None = None
        pos = 0
        for line in raw.split("\n"):
            start = pos
            pos += len(line) + 1
            body = line.rstrip("\r")
            first = len(body) - len(body.lstrip())
            if not body.strip():
                out.append(line)
                previous = None
                continue
            _left, bottom, _right, top = textpage.get_charbox(start + first, loose=True)
            height = top - bottom
            if previous is not None and height > 0:
                gap = previous[0] - top
                if previous[0] > top and gap > 0.35 * min(height, previous[1]):
                    out.append("")
            out.append(line)
            previous = (bottom, height)
        return "\n".join(out)
    except Exception:  # noqa: BLE001 - layout is a bonus; the plain text stands
        return raw


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


def _clean_row(row: Sequence[object]) -> tuple[str, ...]:
    """A row's cells as single-line strings, trailing empty cells dropped (empty: ())."""
    cells = [_cell(v) for v in row]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _clean_table(rows: Iterable[Sequence[object]]) -> Table:
    """Cells as single-line strings; trailing empty cells and empty rows dropped."""
    return tuple(cells for cells in map(_clean_row, rows) if cells)


def _table_text(table: Table) -> str:
    return "\n".join(" | ".join(row) for row in table)


class _TableCollector:
    """Rows of one table, cleaned as they come: the text of every row (joined in blocks, so a
    million rows are not a million strings) and at most `keep` rows as the table."""

    def __init__(self, keep: int | None) -> None:
        self.keep = keep
        self.rows: list[tuple[str, ...]] = []
        self._blocks: list[str] = []
        self._lines: list[str] = []

    def add(self, row: Sequence[object]) -> None:
        cells = _clean_row(row)
        if not cells:
            return
        if self.keep is None or len(self.rows) < self.keep:
            self.rows.append(cells)
        self._lines.append(" | ".join(cells))
        if len(self._lines) >= 10_000:
            self._blocks.append("\n".join(self._lines))
            self._lines = []

    def text(self) -> str:
        return "\n".join([*self._blocks, *(["\n".join(self._lines)] if self._lines else [])])

    def table(self) -> Table:
        return tuple(self.rows)


# --------------------------------------------------------------------------- Office files


def _read_docx(where: str, data: bytes) -> tuple[str, int, tuple[Table, ...]]:
    import docx
    from docx.table import Table as DocxTable

    zf = open_zip(where, data, "Word")
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


# --------------------------------------------------------------------------- CSV


def iter_csv(path: str | Path, where: str | None = None) -> Iterator[list[str]]:
    """The rows of a CSV file, read as a stream: memory stays at about one block of the file
    however big it is. Encoding as `open_text` finds it; the delimiter (; , or tab) as
    `tabular.sniff_delimiter` finds it, once. Raises InputError for a file that cannot be read
    or parsed."""
    from textmining.readers.tabular import csv_rows, sniff_delimiter

    where = where or path_text(path)
    fh, _encoding = open_text(path, where)
    head = fh.read(64 * 1024)
    delimiter = sniff_delimiter(head.replace("\r\n", "\n").replace("\r", "\n"))
    fh.seek(0)
    yield from csv_rows(fh, where, delimiter)


def _read_table_file(table_file, keep: int | None) -> tuple[str, int, tuple[Table, ...]]:
    """(text, pages, tables) of a table file read by `tabular.open_table`: every row in the
    text, at most keep rows of each sheet as its table."""
    sheets: list[_TableCollector] = []
    for sheet in table_file.sheets:
        collector = _TableCollector(keep)
        sheets.append(collector)
        for _number, row in sheet.rows:
            collector.add(row)
    kept = [s for s in sheets if s.rows]
    text = PAGE_BREAK.join(s.text() for s in kept)
    return text, max(1, len(sheets)), tuple(s.table() for s in kept)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text (see `tabular.sniff_delimiter`)."""
    from textmining.readers.tabular import sniff_delimiter as sniff

    return sniff(text)


# --------------------------------------------------------------------------- dates


def find_dates(text: str) -> Iterator[tuple[int, int, datetime.date]]:
    """Each date with its year written in text as (start, end, date): 14.03.2023, 14-03-2023,
    14/3-23, 14/03/2023, 1. marts 2023, 1 mar. 23, 2023-03-14 (the one date parser,
    textmining.language.dates, asked for dates whose year is written)."""
    from textmining.language.dates import find_dates as dates_in

    yield from dates_in(text, require_year=True)


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
_FILLER_WORDS = {"den", "red", "d", "dato", *WEEKDAY_NAMES, "kl"}


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

_ITEM_LINE = re.compile(r"^\s*(?:#+\s*)?(?:pkt\.?\s*\d{1,4}\b|\d{1,4}\.\s+\S)", re.IGNORECASE | re.MULTILINE)
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
    if fmt in {"csv", "tsv", "xlsx", "json", "jsonl", "ndjson"}:
        return _table_kind(tables)
    if _looks_like_minutes(head):
        return "minutes"
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


def _looks_like_minutes(text: str) -> bool:
    """The minutes parser's own guess (decision headings, item headers, meeting words), for
    referater whose headings the quick test above does not know (PolWeb, FirstAgenda, web)."""
    from textmining.domain.minutes import looks_like_minutes

    return looks_like_minutes(text)


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
