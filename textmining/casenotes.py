"""Case notes, letters and case metadata: split documents into dated notes, read sag.toml and
CSV exports of notes (DOMAIN.md section 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from textmining.dates import DATE_RE, find_dates, parse_date
from textmining.errors import InputError
from textmining.guards import path_text, read_input
from textmining.sources import iter_csv

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


_TEXT_FIELDS = ("sag", "case_id", "ydelse", "visitationskategori", "borger", "cpr",
                "sagsbehandler", "team")


def _clean(value: object) -> str | None:
    text = str(value or "").strip()
    return text or None


_TOML_KINDS = ((bool, "sand/falsk"), ((int, float), "et tal"), (list, "en liste"),
               (dict, "en tabel"), (date, "en dato"), (time, "et klokkeslæt"))
"""What a TOML value is, in Danish, for a line that says what is wrong with it (bool before
int: True is an int in Python; datetime is a date)."""


def _toml_kind(value: object) -> str:
    return next((word for types, word in _TOML_KINDS if isinstance(value, types)), "tekst")


def _text_field(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" skal være tekst i anførselstegn (fx {key} = "…"), '
                         f"men er {_toml_kind(value)}")
    return value.strip() or None


def _start_field(data: dict) -> date | None:
    value = data.get("start")
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        day = parse_date(value)
        if day is None:
            raise ValueError(f'"start" = "{_shown(value)}" er ikke en dato; skriv fx '
                             "start = 2023-03-01 eller start = \"1. marts 2023\"")
        return day
    raise ValueError(f'"start" skal være en dato (fx start = 2023-03-01), men er '
                     f"{_toml_kind(value)}")


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def case_id_problem(case_id: str) -> str | None:
    """Why case_id cannot be a case's id (it is shown, stored and used in file names: no path
    separators, no leading dot, no control characters, at most 100 characters), or None."""
    if not case_id.strip():
        return "sagsnummeret er tomt"
    bad = ("/" in case_id or "\\" in case_id or case_id.startswith(".") or len(case_id) > 100
           or any(ch < " " or "\ud800" <= ch <= "\udfff" or ch == "\x7f" for ch in case_id))
    if bad:
        return (f'"{_shown(case_id.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))}"'
                " kan ikke bruges som sagsnummer; brug bogstaver, tal, mellemrum, bindestreg, "
                'punktum og understregning (fx "EG-22-0749"), uden / og \\')
    return None


def read_case_meta(path: str | Path) -> CaseMeta:
    """The metadata in a case's sag.toml; the case id is `sag`/`case_id` or the folder name.

    Raises InputError with one Danish line naming sag.toml for a file that is not TOML, a
    field of the wrong type (a list or a number where text is expected), a `start` that is no
    date, and a case id that could be read as a path (`sag = "../../x"`)."""
    path = Path(path)
    where = path_text(path)
    raw = read_input(path, where)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            where, f"sag.toml kan ikke læses ({exc}); ret filen, så den er gyldig TOML"
        ) from exc
    except UnicodeDecodeError:
        raise InputError(where, "sag.toml kan ikke læses (den er ikke gemt som UTF-8); "
                                "gem den som UTF-8") from None
    try:
        fields = {key: _text_field(data, key) for key in _TEXT_FIELDS}
        start = _start_field(data)
    except ValueError as exc:
        raise InputError(where, f"sag.toml: {exc}") from None
    case_id = fields["sag"] or fields["case_id"] or path.parent.name
    problem = case_id_problem(case_id)
    if problem:
        raise InputError(where, f"sag.toml: {problem}")
    ydelse, kategori = fields["ydelse"], fields["visitationskategori"]
    return CaseMeta(
        case_id=case_id,
        ydelse=ydelse.lower() if ydelse else None,
        visitationskategori=kategori.lower() if kategori else None,
        borger=fields["borger"],
        cpr=fields["cpr"],
        sagsbehandler=fields["sagsbehandler"],
        team=fields["team"],
        start=start,
    )


CSV_COLUMNS = ("sag", "dato", "type", "tekst")


def read_notes_csv(path: str | Path) -> dict[str, list[CaseNote]]:
    """Notes from a CSV export (columns sag, dato, type, tekst; `;` or `,`), by case id.

    Each row is one note; its offsets are into its own `tekst` (a row is its own document).
    The file is read as a stream (textmining.sources.iter_csv).
    """
    where = path_text(path)
    rows = iter_csv(path, where)
    header = [(h or "").strip().lower() for h in next(rows, [])]
    for column in CSV_COLUMNS:
        if column not in header:
            raise InputError(
                where,
                f"kolonnen '{column}' mangler; CSV-filen skal have kolonnerne "
                + ", ".join(CSV_COLUMNS),
            )
    cases: dict[str, list[CaseNote]] = {}
    for number, record in enumerate(rows, start=2):
        row = dict(zip(header, record))
        case_id = (row.get("sag") or "").strip()
        if not case_id:
            continue
        problem = case_id_problem(case_id)
        if problem:
            raise InputError(where, f"række {number}, kolonne \"sag\": {problem}")
        body = row.get("tekst") or ""
        kind = _clean(row.get("type"))
        note = CaseNote(
            date=parse_date(row.get("dato") or ""),
            title=kind,
            text=body,
            start=0,
            end=len(body),
            source="brev" if (kind or "").lower() in LETTER_TYPES else "notat",
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
