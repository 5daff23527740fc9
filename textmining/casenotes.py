"""Case notes, letters and case metadata: split documents into dated notes, read sag.toml and
CSV exports of notes (DOMAIN.md section 2)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from textmining.dates import DATE_RE, find_dates, parse_date
from textmining.errors import InputError

# Case notes and comments can be long: let one CSV field be as large as the file.
csv.field_size_limit(2**31 - 1)

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass(frozen=True)
class CaseNote:
    """A dated note (or a whole letter); start/end are offsets of its body in the document."""

    date: date | None
    title: str | None
    text: str
    start: int
    end: int
    source: str = "notat"  # "notat" (a journal note) or "brev" (a letter with a Dato: line)


@dataclass(frozen=True)
class CaseMeta:
    """Metadata of one case, from its sag.toml (names and CPR are pseudonymised on ingest)."""

    case_id: str
    ydelse: str | None
    visitationskategori: str | None
    borger: str | None
    cpr: str | None
    sagsbehandler: str | None
    team: str | None
    start: date | None


# A note header: a line that starts with a full date (with year), optionally a time and a
# title after a dash or colon. The date must carry a year so "3. maj udeblev ..." in a note's
# body is not taken for a header.
_HEADER_RE = re.compile(
    r"^[ \t]*(?P<date>\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}-(?:\d{4}|\d{2})|\d{1,2}\.?\s+[a-zæøå]+\.?\s+\d{4})"
    r"(?:[ \t]+kl\.?[ \t]*\d{1,2}[.:]\d{2})?"
    r"[ \t]*(?:[–—\-:|][ \t]*(?P<title>[^\n]*?))?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_LETTER_DATE_RE = re.compile(r"^[ \t]*Dato[ \t]*:[ \t]*(?P<date>[^\n]+?)[ \t]*$", re.MULTILINE)


def _letter_date(text: str) -> tuple[int, date | None] | None:
    m = _LETTER_DATE_RE.search(text)
    if not m:
        return None
    return m.start(), parse_date(m.group("date"))


def split_notes(text: str) -> list[CaseNote]:
    """The dated notes of a case-note file; a letter (a `Dato:` line before any note header,
    or no header at all) is one note dated by its `Dato:` line."""
    headers = []
    for m in _HEADER_RE.finditer(text):
        d = parse_date(m.group("date"))
        if d is not None:
            headers.append((m, d))
    letter = _letter_date(text)
    if not headers or (letter is not None and letter[0] < headers[0][0].start()):
        if not text.strip():
            return []
        return [
            CaseNote(
                date=letter[1] if letter else None,
                title=None,
                text=text,
                start=0,
                end=len(text),
                source="brev" if letter else "notat",
            )
        ]
    notes = []
    first = headers[0][0].start()
    if text[:first].strip():
        notes.append(CaseNote(None, None, text[:first], 0, first))
    for i, (m, d) in enumerate(headers):
        body_start = min(m.end() + 1, len(text))
        body_end = headers[i + 1][0].start() if i + 1 < len(headers) else len(text)
        title = (m.group("title") or "").strip() or None
        notes.append(CaseNote(d, title, text[body_start:body_end], body_start, body_end))
    return notes


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_case_meta(path: str | Path) -> CaseMeta:
    """The metadata in a case's sag.toml; the case id is `sag`/`case_id` or the folder name."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            str(path), f"sag.toml kan ikke læses ({exc}); ret filen, så den er gyldig TOML"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"filen kan ikke åbnes ({exc})") from exc
    ydelse = _clean(data.get("ydelse"))
    kategori = _clean(data.get("visitationskategori"))
    return CaseMeta(
        case_id=_clean(data.get("sag") or data.get("case_id")) or path.parent.name,
        ydelse=ydelse.lower() if ydelse else None,
        visitationskategori=kategori.lower() if kategori else None,
        borger=_clean(data.get("borger")),
        cpr=_clean(data.get("cpr")),
        sagsbehandler=_clean(data.get("sagsbehandler")),
        team=_clean(data.get("team")),
        start=_as_date(data.get("start")),
    )


CSV_COLUMNS = ("sag", "dato", "type", "tekst")


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # pragma: no cover - cp1252 rarely fails


def read_notes_csv(path: str | Path) -> dict[str, list[CaseNote]]:
    """Notes from a CSV export (columns sag, dato, type, tekst; `;` or `,`), by case id.

    Each row is one note; its offsets are into its own `tekst` (a row is its own document).
    """
    path = Path(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise InputError(str(path), f"filen kan ikke åbnes ({exc})") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    for column in CSV_COLUMNS:
        if column not in header:
            raise InputError(
                str(path),
                f"kolonnen '{column}' mangler; CSV-filen skal have kolonnerne "
                + ", ".join(CSV_COLUMNS),
            )
    reader.fieldnames = header
    cases: dict[str, list[CaseNote]] = {}
    for row in reader:
        case_id = (row.get("sag") or "").strip()
        if not case_id:
            continue
        body = row.get("tekst") or ""
        note = CaseNote(
            date=parse_date(row.get("dato") or ""),
            title=_clean(row.get("type")),
            text=body,
            start=0,
            end=len(body),
            source="brev" if (_clean(row.get("type")) or "").lower() in LETTER_TYPES else "notat",
        )
        cases.setdefault(case_id, []).append(note)
    return cases


# CSV note types that are letters sent to the citizen (so the text is written vejledning).
LETTER_TYPES = {"brev", "indkaldelse", "partshøring", "afgørelse", "afgørelsesbrev"}

__all__ = [
    "CSV_COLUMNS",
    "DATE_RE",
    "CaseMeta",
    "CaseNote",
    "find_dates",
    "read_case_meta",
    "read_notes_csv",
    "split_notes",
]
