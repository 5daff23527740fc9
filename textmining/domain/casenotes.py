"""Case notes, letters and case metadata: split documents into dated notes, read sag.toml and
CSV exports of notes (the input formats the README lists under "Sager og screening")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from textmining import DATA_DIR
from textmining.config import bundled_toml, load_toml
from textmining.errors import InputError
from textmining.language.dates import DATE_RE, WEEKDAY_STEM, YEAR_GROUPS, find_dates, parse_date
from textmining.readers.guards import path_text
from textmining.readers.sources import iter_csv


@dataclass(frozen=True)
class CaseNote:
    """A dated note (or a whole letter); start/end are offsets of its body in the document."""

    date: date | None
    title: str | None
    text: str
    start: int
    end: int
    # "notat" (a journal note), "mail" (a mail, dated by its Date header), "brev" (a letter
    # with a Dato: line: its whole text) or
    # "journalbrev" (a journal export's row of a letter type: what the journal says of it)
    source: str = "notat"

    @property
    def is_letter(self) -> bool:
        return self.source in ("brev", "journalbrev")


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


# A note header: a line that starts with a full date (with year), after an optional label
# ("Notat", "Journalnotat", "Dato:", "Dato/tid:"), perhaps a time, then on the same line either
# nothing, a title after a dash or colon, the author (initials "KH", "BH:", or a name with
# initials "Karin Holm (KH)"), system fields ("Emne: ...", "Oprettet af: ..."), or the start
# of the note's text. The date must carry a year so "3. maj udeblev ..." in a note's body is not
# taken for a header. The families seen in journal systems and hand-kept notes:
#   14.03.2023 – Udeblivelse          04.01.2016 LV 1. jobsamtale afh. ...
#   11.04.2016 BH: Samtale afholdt.   Notat 06.02.2023 Karin Holm (KH) – Jobsamtale
#   Dato: 07.09.2020 (with Emne:/Notat: lines after it, or on the same line)
#   Journalnotat | 08.01.2024 | Oprettet af: LK | Type: Samtale     14-03-2023 | Samtale | KH |
#   man. 20. mar. 2023 - Samtale (MH)   (a weekday before the date: newest-first journals)
#   Notatdato.......: 09.01.2023 (dot leaders)   Notat oprettet: 13.05.2024 | Samtale | NB
#   [06.04.2023] Afgørelse  (TB)   (a date in brackets)
#   11/4 2016 CW   (day/month, a space, the year: notes typed on a phone)
#   Skrevet 5/4 2018 af Lise T. – Første kontakt   10-01-2023 (MO) Første jobsamtale
#   Den 03.10.2018 – indkaldelse (only with a dash or colon title, or nothing, after the date)
#   Sendt: 4. juni 2024 09:47 (a mail pasted into a note is dated by its own Sendt: line; the
#   Til:/Emne: lines after it are fields; "Oprettet:"/"Rettet:" dates are never the note's)
#   Journalnotat – 14. februar 2019   Mandag d. 6. sept. 2021 (SBJ)
#   04.02.2025 HL – Borger ikke mødt ... (a one-line note: the text after the dash is no title
#   when it is told in sentences, or when the next line starts the next note)
_DATE_AT_START = (
    r"(?P<date>\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}-(?:\d{4}|\d{2})|\d{1,2}\.?\s+[a-zæøå]+\.?\s+\d{4}"
    r"|\d{1,2}[./]\d{1,2}\.?[ \t](?:19|20)\d{2}(?![\d.,:]))"
)
_WEEKDAY_BEFORE = r"(?:(?:man|tirs?|ons|tors?|fre|lør|søn)(?:dag)?\.?,?[ \t]+)?"
_HEADER_RE = re.compile(
    r"^[ \t]*\[?(?:(?P<label>journalnotat|notat(?:dato|[ \t]+oprettet)?|dato(?:/tid)?|dato\s+og\s+tid"
    r"|sendt|sent|date|skrevet|den)[ \t.]*(?:[:|]|[ \t][–—-](?=[ \t]))?[ \t]*)?"
    + _WEEKDAY_BEFORE
    + r"(?P<weekday_den>(?<=[ \t])(?:d\.|den)[ \t]*)?"
    + _DATE_AT_START
    + r"(?:[ \t,]+(?:kl\.?[ \t]*)?\d{1,2}[.:]\d{2}(?::\d{2})?)?\]?"
    r"(?P<rest>[^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)
# The author after the date: initials (2-4 capitals, perhaps with a colon), or a name followed
# by its initials in brackets.
_AUTHOR_RE = re.compile(
    r"^[ \t]*(?:(?:[A-ZÆØÅ][\wæøå-]+[ \t]+){1,3}\([A-ZÆØÅ]{2,4}\)|\([A-ZÆØÅ]{2,4}\)|[A-ZÆØÅ]{2,4}(?=[ \t:]|$)"
    r"|af[ \t]+[A-ZÆØÅ][\wæøå-]*(?:[ \t]+[A-ZÆØÅ][\wæøå-]*\.?){0,2})"
    r"[ \t]*:?"
)
# System fields of a header, on its line or the lines right after it.
_FIELD_RE = re.compile(
    r"(?P<name>emne|overskrift|titel|notattype|type|oprettet\s+af|oprettet|rettet|registreret|"
    r"godkendt|sagsbehandler|forfatter|til|to|cc|subject|journalnotat|notat|tekst|af|author|"
    r"created\s+by|skrevet\s+af|initialer)[ \t.]*:[ \t]*",
    re.IGNORECASE,
)
# A header without a year ("03/1 LB  PH sendt ...", "14.1. KH: ..."): a day and month at the
# start of a line, then the author's initials. Only in a journal with dated headers, and dated
# by them: the year that puts it nearest the header before it (so "03/1" after "30.12.19" is
# in the new year, and a newest-first journal is read the same way).
_YEARLESS_HEADER_RE = re.compile(
    r"^[ \t]*" + _WEEKDAY_BEFORE + r"(?P<date>\d{1,2}[./]\d{1,2}\.?)(?P<rest>[ \t]+[^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)
_HEADER_TITLE_FIELDS = {"emne", "subject", "overskrift", "titel", "notattype", "type"}
_HEADER_TEXT_FIELDS = {"notat", "tekst", "journalnotat"}
# E-mails (mails saved in the case folder as .eml and mails pasted into notes). A mail is a
# note dated by its Date header ("Dato:"/"Date:"/"Sendt:" after a "Fra:"/"From:" line), not a
# letter. What it quotes is a copy: quoted lines ("> ...") without a header of their own are
# left out. A quoted or forwarded mail with its own header ("-----Oprindelig meddelelse-----"
# then "Sendt: ...", "Den 3. marts 2023 kl. 10.15 skrev X:", also behind ">") is a note of its
# own dated by it: an act known only from the quote keeps its own day, and one also on record
# becomes a reference to it in the timeline. A letter forwarded in a mail ("----------
# Videresendt brev ----------" then "Dato: ...") is a letter of its own.
_QUOTED_LINE_RE = re.compile(r"^[ \t]*>[^\n]*(?:\n|$)", re.MULTILINE)
_QUOTE_MARK_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_MAIL_FROM_RE = re.compile(r"^[ \t]*(?:fra|from)[ \t]*:", re.IGNORECASE)
_ATTRIBUTION_RE = re.compile(
    r"^[ \t]*(?:den|on)[ \t]+"
    + _WEEKDAY_BEFORE
    + _DATE_AT_START
    + r"(?:[ \t,]+(?:kl\.?[ \t]*)?\d{1,2}[.:]\d{2}(?::\d{2})?)?"
    r"(?P<rest>[ \t,]+(?:skrev|wrote)\b[^\n]*:)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_FORWARDED_LETTER_RE = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:videresendt|vedhæftet)[ \t]+brev[ \t]*-{2,}[ \t]*$", re.MULTILINE | re.IGNORECASE
)


def _mail_header(text: str, start: int) -> bool:
    """True when a header line at start belongs to a mail's header block (a "Fra:"/"From:"
    line among the three lines before it)."""
    before = text[max(0, start - 400) : start].split("\n")[:-1][-3:]
    return any(_MAIL_FROM_RE.match(line) for line in before)


def _forwarded_letter(text: str, start: int) -> bool:
    """True when a "Dato:" line at start follows a "Videresendt brev" line."""
    before = text[max(0, start - 200) : start].rstrip("\n").split("\n")
    return bool(before) and bool(_FORWARDED_LETTER_RE.match(before[-1]))


def _attribution_headers(text: str) -> list[_Header]:
    """Headers from "Den 3. marts 2023 kl. 10.15 skrev X:" lines (the mail quoted below)."""
    out = []
    for m in _ATTRIBUTION_RE.finditer(text):
        d = parse_date(m.group("date"))
        if d is not None:
            out.append(_Header(m.start(), min(m.end() + 1, len(text)), d, None, False, "mail"))
    return out


def unquoted(text: str) -> str:
    """text with the quote marks of a mail (">", ">>" at the start of a line) blanked out, the
    same length, so offsets into it are offsets into text and a quoted mail's own header
    ("> Den 4. april 2023 kl. 21.30 skrev X:", "> Sendt: ...") is read as one."""
    return _QUOTE_MARK_RE.sub(lambda m: " " * len(m.group()), text)


# Check boxes in forms ("Afbud: [ ] Ja  [x] Nej", "[x] Fradrag  [ ] Nedsættelse", "Klagevejledning:
# [x]"): a ticked box is the answer, an unticked option is not said at all. plain_text keeps
# the ticked option, blanks the unticked ones and reads a lone box as "Ja"/"Nej", the same
# length, so a form line reads as the statement it records ("Afbud: Nej").
_BOX_RE = re.compile(r"\[(?P<mark>[ xX✓✔])\](?P<option>[^\[\n]*)")


def _box(m: re.Match[str]) -> str:
    ticked = m.group("mark") != " "
    option = m.group("option")
    if not option.strip():  # a lone box: the field's answer
        return (" Ja" if ticked else "Nej") + option
    return "   " + option if ticked else " " * len(m.group())


_FORM_FIELD_RE = re.compile(r"^[ \t]*[A-ZÆØÅ][^:\n]{0,40}:[ \t]*\S", re.MULTILINE)
FORM_FIELDS = 3
"""A note with at least this many "Felt: svar" lines is a form (one record)."""


def is_form(text: str) -> bool:
    """Whether a note is a form: at least FORM_FIELDS lines "Label: value" ("Afbud: Nej")."""
    return len(_FORM_FIELD_RE.findall(text, 0)) >= FORM_FIELDS if ":" in text else False


# A field with dot leaders ("Fremmøde ..................... Nej", "Afgørelse sendt ....
# 04.01.2021"): the leader is the field's colon. A leader already followed by a colon
# ("Notatdato.......: 09.01.2023") is left as it is, and so is an ellipsis ("Han sagde... nej").
_LEADER_RE = re.compile(
    r"^(?P<label>[ \t]*[A-ZÆØÅa-zæøå][^\n.:]{0,40}?)(?P<dots>[ \t]\.{3,}|\.{4,})(?![.:])", re.MULTILINE
)


def _leader(m: re.Match[str]) -> str:
    return m.group("label") + ":" + " " * (len(m.group("dots")) - 1)


def plain_text(text: str) -> str:
    """text as it is read for events, the same length (offsets stay valid): the quote marks of
    a mail blanked (unquoted), check boxes read as the answers they record and dot leaders
    read as the colon of their field."""
    text = unquoted(text)
    if "..." in text:
        text = _LEADER_RE.sub(_leader, text)
    return _BOX_RE.sub(_box, text) if "[" in text else text


def _without_quotes(notes: list[CaseNote], text: str, headers: Sequence[_Header] = ()) -> list[CaseNote]:
    """The notes with quoted lines cut out of them when the quote has no header of its own:
    a copy of what the note answers, not new text. A quote that starts with, or follows, a
    header (a "Den ... skrev:" line, a quoted "Sendt:" line) is a mail of its own and stays."""
    blocks: list[list[int]] = []
    for m in _QUOTED_LINE_RE.finditer(text):
        if blocks and blocks[-1][1] == m.start():
            blocks[-1][1] = m.end()
        else:
            blocks.append([m.start(), m.end()])
    if not blocks:
        return notes
    cut = []
    for qs, qe in blocks:
        line_before = text.rfind("\n", 0, max(0, qs - 1)) + 1
        inner = [h.start for h in headers if line_before <= h.start < qe]
        if not inner:
            cut.append((qs, qe))
        elif inner[0] > qs and inner[0] != line_before:
            cut.append((qs, text.rfind("\n", 0, inner[0]) + 1))
    out = []
    for note in notes:
        pos = note.start
        for qs, qe in cut:
            if qe <= pos or qs >= note.end:
                continue
            if qs > pos and text[pos:qs].strip():
                out.append(
                    replace(note, text=note.text[pos - note.start : qs - note.start], start=pos, end=qs)
                )
            pos = max(pos, qe)
        if pos == note.start:
            out.append(note)
        elif pos < note.end and text[pos : note.end].strip():
            out.append(replace(note, text=note.text[pos - note.start :], start=pos, end=note.end))
    return out


_LETTER_DATE_RE = re.compile(r"^[ \t]*Dato[ \t]*:[ \t]*(?P<date>[^\n]+?)[ \t]*$", re.MULTILINE)


# A letter's own date line at its head, as Danish letters write it: "Hjørring, 6. januar 2020",
# "Frederikshavn den 04.04.2024     J.nr. ...", "Den 29. januar 2020", "Brevdato: 18. april
# 2024", "Dato 26/4-2024", a date alone (also right-aligned). Read only in a text shaped as a
# letter (a salutation or a closing line), and only among its first lines, before the
# salutation: a date line further down is the meeting the letter sets.
_LETTER_HEAD_RE = re.compile(
    r"^[ \t]*(?:[A-ZÆØÅ][\wæøåÆØÅ-]+(?:[ \t][A-ZÆØÅ][\wæøåÆØÅ-]+)?,?[ \t]+)?"
    r"(?:(?:brev)?dato|date|dateret|afsendt|udskrevet)?[ \t]*[:.]?[ \t]*(?:den[ \t]+|d\.[ \t]*)?"
    r"(?P<date>[^\n]+?)"
    r"(?:[ \t]{2,}(?:j\.?[ \t]*nr|sagsnr|sags-?id|journal|ref|vores ref)[^\n]*)?[ \t]*$",
    re.IGNORECASE,
)
_SALUTATION_RE = re.compile(r"^[ \t]*(?:kære|hej|til)[ \t]+\S[^\n]{0,60}$", re.IGNORECASE | re.MULTILINE)
_CLOSING_RE = re.compile(r"^[ \t]*(?:med venlig hilsen|venlig hilsen|mvh)\b", re.IGNORECASE | re.MULTILINE)
LETTER_HEAD_LINES = 15
"""A letter's date line is among its first this many lines with text."""


def _letter_head_date(text: str) -> tuple[int, date] | None:
    """(offset, date) of a letter's date line at its head (see _LETTER_HEAD_RE), or None when
    the text is not shaped as a letter or has no such line."""
    salutation = _SALUTATION_RE.search(text)
    if salutation is None and _CLOSING_RE.search(text) is None:
        return None
    end = salutation.start() if salutation else len(text)
    pos, seen = 0, 0
    while pos < end and seen < LETTER_HEAD_LINES:
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        line = text[pos:eol]
        if line.strip():
            seen += 1
            m = _LETTER_HEAD_RE.match(line)
            found = parse_date(m.group("date")) if m else None
            if found is not None and re.search(r"\d{4}|\d{2}$", m.group("date") if m else ""):
                return pos, found
        pos = eol + 1
    return None


def _letter_date(text: str) -> tuple[int, date | None, bool] | None:
    """(offset, date, read from the head of a text shaped as a letter) of a letter's date: its
    `Dato:` line, else its date line at the head (_letter_head_date)."""
    m = _LETTER_DATE_RE.search(text)
    if not m:
        head = _letter_head_date(text)
        return (head[0], head[1], True) if head else None
    found = parse_date(m.group("date"))
    if found is None:  # "3. marts 2023 kl. 09.02": the date the line starts with
        dates = find_dates(m.group("date"), require_year=True)
        found = dates[0][2] if dates and dates[0][0] == 0 else None
    return m.start(), found, False


@dataclass(frozen=True)
class _Header:
    start: int  # where the header line starts
    body_start: int  # where the note's own text starts
    date: date
    title: str | None
    labelled: bool  # "Dato: ..." (a letter has one such line; a journal has many)
    source: str = "notat"  # "mail" for a mail's header, "brev" for a letter forwarded in one


def _fields(line: str) -> tuple[str | None, int | None]:
    """(title, offset where the note text starts in line) from a line of system fields
    ("Emne: Jobsamtale   Oprettet af: SM"), the offset being len(line) when no field holds
    the text; (None, None) when the line has no fields."""
    if ":" not in line or _FIELD_RE.match(line, len(line) - len(line.lstrip(" \t|"))) is None:
        return None, None  # (the first field starts the line; a cheap test before the scan)
    found = list(_FIELD_RE.finditer(line))
    title = None
    for k, m in enumerate(found):
        name = " ".join(m.group("name").lower().split())
        end = found[k + 1].start() if k + 1 < len(found) else len(line)
        value = line[m.end() : end].strip(" \t|")
        if name in _HEADER_TITLE_FIELDS and value and title is None:
            title = value
        if name in _HEADER_TEXT_FIELDS:
            return title, m.end()
    return title, len(line)


def _header(m: re.Match[str], text: str, near: date | None = None, peek: bool = False) -> _Header | None:
    """The header a date line starts: its date, title and where the note's text begins (on
    the header line after the author, a dash title or fields, else on the next line, after any
    "Emne:"/"Notat:" lines). near: the date of the header before, for a date without year.
    peek: only whether the line heads a note (the line after it is not looked at)."""
    d = parse_date(m.group("date"), today=near) if near else parse_date(m.group("date"))
    if d is None:
        return None
    if m.groupdict().get("weekday_den") and m.group(0)[:1] in " \t":
        return None  # "   tirsdag den 16. oktober 2018 kl. 13.00": a meeting set out in a letter
    if (m.groupdict().get("label") or "").lower() == "den" and not re.match(
        r"[ \t]*(?:[–—\-:|]|$)", m.group("rest")
    ):
        return (
            None  # "Den 03.10.2018 – indkaldelse" heads a note; "Den 26. oktober 2022 mødte du ..." is text
        )
    author = _AUTHOR_RE.match(m.group("rest"))
    if near is not None and author is None:
        return None  # a day and month without a year heads a note only before initials
    after = m.group("rest")[author.end() if author else 0 :]
    rest = after.lstrip()
    rest_start = m.end() - len(rest)  # where the header line's own content starts
    next_line = m.end() + 1
    title, field_text = _fields(rest)
    if field_text is not None:  # system fields: the text follows "Notat:", else next line
        body_start = rest_start + field_text if field_text < len(rest) else next_line
    elif (dash := re.match(r"[–—\-:|][ \t]*", rest)) and (
        author or m.groupdict().get("label") or not rest[dash.end() :].strip() or rest[0] in "–—-|"
    ):
        # "14.03.2023 – Udeblivelse"; "14-03-2023 | Samtale | KH |": the first cell
        title = rest[dash.end() :].split("|")[0].strip() or None
        body_start = next_line
        cells = rest[dash.end() :].split("|")
        k = len(cells) - 1 if cells[-1].strip() else len(cells) - 2
        if k > 0 and (len(cells[k].split()) > 6 or _TOLD_IN_SENTENCES.search(cells[k])):
            # "2021-03-30 | KBJ | Indk. sendt ...": a row whose last cell is the note's text
            first = cells[0].strip()
            title = None if _AUTHOR_RE.fullmatch(first) else first or None
            offset = rest_start + dash.end() + sum(len(c) + 1 for c in cells[:k])
            body_start = offset + len(cells[k]) - len(cells[k].lstrip())
        elif (
            title
            and "|" not in rest
            and (_TOLD_IN_SENTENCES.search(title) or (not peek and _next_is_header(text, next_line)))
        ):
            title, body_start = None, rest_start + dash.end()  # "04.02.2025 HL – Borger ikke mødt."
    else:  # the note's text on the header line ("04.01.2016 LV 1. jobsamtale ...")
        body_start = rest_start if rest else next_line
    if body_start == next_line:
        body_start, line_title = _after_field_lines(text, next_line)
        title = title or line_title
    label = m.groupdict().get("label")
    labelled = (label or "").lower().startswith("dato")
    source = "mail" if (label or "").lower() in ("sendt", "sent", "date") else "notat"
    if labelled and _mail_header(text, m.start()):
        labelled = False  # a mail's Date header: the mail is a note, not a letter
        source = "mail"
    elif labelled and _forwarded_letter(text, m.start()):
        source = "brev"  # the letter's text from the line after its Dato: (its Emne: too)
        body_start = next_line
    return _Header(m.start(), min(body_start, len(text)), d, title, labelled, source)


# A dash "title" that is told in sentences: one sentence ends and another begins.
_TOLD_IN_SENTENCES = re.compile(r"\w[.!?][ \t]+[A-ZÆØÅa-zæøå]\w")


def _next_is_header(text: str, pos: int) -> bool:
    """Whether the next line with text (from pos) is a dated note header."""
    m = re.compile(r"[ \t]*\n?").match(text, pos)
    nxt = m.end() if m else pos
    if nxt >= len(text):
        return True
    m = _HEADER_RE.match(text, nxt)
    return m is not None and _header(m, text, peek=True) is not None


def _after_field_lines(text: str, pos: int) -> tuple[int, str | None]:
    """Skip the "Emne: …"/"Notat: …" lines that follow a header: (where the note's text
    starts, the title they gave)."""
    title = None
    while pos < len(text):
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        line = text[pos:eol]
        line_title, line_text = _fields(line)
        if line_text is None:
            break
        title = title or line_title
        if line_text < len(line):
            return pos + line_text, title
        pos = eol + 1
    return pos, title


def _with_yearless_headers(headers: list[_Header], text: str) -> list[_Header]:
    """The dated headers and those without a year, in text order, each of the latter dated
    by the header before it (the first dated header when it comes first)."""
    starts = {h.start for h in headers}
    found = [m for m in _YEARLESS_HEADER_RE.finditer(text) if m.start() not in starts]
    if not found:
        return headers
    out = list(headers)
    for m in found:
        before = [h for h in out if h.start < m.start()]
        near = max(before, key=lambda h: h.start).date if before else headers[0].date
        h = _header(m, text, near=near)
        if h is not None:
            out.append(h)
    return sorted(out, key=lambda h: h.start)


# Headers of a layout the patterns above do not know ("#0404 | 2017-03-06 | BREV | ML",
# ">> 11MAJ22 0912 PSN BRV", "Kl. 10.30 — 31/10 2016 — Samtale", "Uge 33 · mandag 16/8 · SKN",
# "Oprettet tirsdag den 15. januar 2019 kl. 11.20"), found by what every journal shares: a
# note starts on a line that carries a date among its first words, with header material
# after it (nothing, a separator, a clock time, initials, a few words), and a journal repeats
# its header layout. So a line is such a header when at least INDUCED_REPEATS lines share its
# shape (the words before the date by their kind, what follows the date) and the first of
# them comes among the file's first INDUCED_FIRST_LINES lines with text, in a file whose first
# header comes before any line told in sentences (a list of dates inside a note is no
# journal). Where a known layout reads the same line, its reading is kept.
INDUCED_REPEATS = 2
INDUCED_FIRST_LINES = 6
INDUCED_PREFIX_WORDS = 8
INDUCED_TITLE_WORDS = 6
_HEADER_SEPARATORS = "—–-|·:/»«[]()*>#=~\t"
_AFTER_DATE_RE = re.compile(
    r"(?:[ \t]*(?:[—–|·:/»«\[\]()*>#=~,-]+|(?:[Kk]l\.?[ \t]*)?\d{1,2}[.:]\d{2}(?::\d{2})?(?![\d.])"
    r"|\d{4}(?!\d)|\([^)\n]{0,40}\)|[A-ZÆØÅ]{2,4}(?![\wæøå])|[a-zæøå]{1,3}:"
    r"|(?i:" + WEEKDAY_STEM + r")(?:dag)?\.?(?![\wæøå])))+"
)
_SENTENCE_END = re.compile(r"[a-zæøå]{2}[.!?](?:[ \t]|$)")
_YEAR_BANNER_RE = re.compile(r"^[ \t=*#~_-]*(?P<year>(?:19|20)\d{2})[ \t=*#~_-]*$", re.MULTILINE)


def _line_shape(prefix: str, after: str) -> str:
    """A header line's layout: the words before its date by their kind (a capitalised word
    "A", another word "a", a number "9"), and what follows the date."""
    shape = re.sub(r"\d+", "9", prefix)
    shape = re.sub(r"[^\W\d_]+", lambda w: "A" if w.group()[0].isupper() else "a", shape)
    rest = after.lstrip(" \t")
    if not rest:
        kind = "end"
    elif rest[0] in _HEADER_SEPARATORS:
        kind = "sep" + rest[0]
    elif re.match(r"(?:kl\.?[ \t]*)?\d{1,2}[.:]?\d{2}", rest, re.IGNORECASE):
        kind = "clock"
    elif re.match(r"[A-ZÆØÅ]{2,4}(?![\wæøå])", rest):
        kind = "initials"
    else:
        kind = "words"
    return " ".join(shape.split()) + " §" + kind


_LABEL_RE = re.compile(r"^[ \t>*#-]*(?P<label>[^\W\d_][^:\n]{0,40}?)[ \t.]*:[ \t]*$")
_NOTE_LABELS = ("notat", "journalnotat", "sendt", "sent")


def _is_field_label(prefix: str) -> bool:
    """Whether the words before a date are a form's field ("Indkaldelse sendt:", "Rettet:")
    rather than a header's label: a label is a header's only when it names the note's date (the
    date column names of data/journal_columns.toml: "Dato:", "Oprettet:", "Created:")."""
    m = _LABEL_RE.match(prefix)
    if m is None:
        return False
    key = _header_key(m.group("label"))
    return key not in _date_labels() and key not in _NOTE_LABELS


@functools.lru_cache(maxsize=1)
def _date_labels() -> frozenset[str]:
    """The date column names of data/journal_columns.toml as header keys."""
    return frozenset(_header_key(n) for n in _journal_columns()["roles"]["dato"])


def _first_date(line: str) -> re.Match[str] | None:
    """The first day-month date in a line (not a clock time after "kl.", not a relative day)."""
    for m in DATE_RE.finditer(line):
        if m.group("rel") or m.group("wd"):
            continue
        if re.search(r"(?:\bkl\.?|\bklokken)[ \t]*$", line[: m.start()], re.IGNORECASE):
            continue
        if parse_date(m.group(0), default_year=2000) is None:
            continue
        return m
    return None


def _induced_headers(text: str, known: Sequence[int] = ()) -> list[_Header]:
    """Headers of a layout the known patterns miss (see INDUCED_REPEATS); a date without a
    year takes the year of the nearest dated header before it (after it, for the first), else
    of a year banner line ("=====  2021  =====") before it. known: where the headers of
    known layouts start."""
    candidates: list[tuple[int, int, re.Match[str], str, str]] = []  # start, eol, date, shape, rest
    line_no: dict[int, int] = {}
    prose_at = None  # the first line told in sentences: a journal's first header comes before it
    first_header: int | None = None
    known_set = set(known)
    pos, seen = 0, 0
    while pos < len(text):
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        line = text[pos:eol]
        if line.strip():
            seen += 1
            if first_header is None and pos in known_set:
                first_header = seen
            if prose_at is None and len(line.split()) >= 6 and _SENTENCE_END.search(line):
                prose_at = seen
            m = _first_date(line) if len(line) <= 240 else None
            prefix = line[: m.start()] if m else ""
            if (
                m
                and len(prefix.split()) <= INDUCED_PREFIX_WORDS
                and not _TOLD_IN_SENTENCES.search(prefix)
                and not _is_field_label(prefix)
            ):
                after = line[m.end() :]
                words = after.split()
                # (a full stop right after a date that several words lead up to ends a
                # sentence: "Indkaldt til jobsamtale den 22. maj 2023. Konsekvensvejledning er
                # med." is no header; "14.03.2023. Samtale ..." at the line's start is one)
                ends_sentence = len(prefix.split()) >= 2 and bool(re.match(r"\.(?:[ \t]+\S|$)", after))
                if not ends_sentence and (
                    not after.strip()
                    or after.lstrip(" \t")[:1] in _HEADER_SEPARATORS
                    or _AFTER_DATE_RE.match(after)
                    or (len(words) <= INDUCED_TITLE_WORDS and not _TOLD_IN_SENTENCES.search(after))
                ):
                    candidates.append((pos, eol, m, _line_shape(prefix, after), after))
                    line_no[pos] = seen
                    first_header = first_header or seen
        pos = eol + 1
    shapes: dict[str, list[int]] = {}
    for start, _eol, _m, shape, _rest in candidates:
        shapes.setdefault(shape, []).append(start)
    kept = [
        c
        for c in candidates
        if len(shapes[c[3]]) >= INDUCED_REPEATS
        and line_no[shapes[c[3]][0]] <= INDUCED_FIRST_LINES
        and (prose_at is None or (first_header is not None and first_header <= prose_at))
    ]
    if not kept:
        return []
    banners = [(b.start(), int(b.group("year"))) for b in _YEAR_BANNER_RE.finditer(text)]
    dated: list[tuple[int, date]] = []
    for start, _eol, m, _shape, _rest in kept:
        if any(m.group(k) for k in YEAR_GROUPS):
            d = parse_date(m.group(0))
            if d is not None:
                dated.append((start, d))
    out = []
    for start, eol, m, _shape, after in kept:
        d = next((d for s, d in dated if s == start), None)
        if d is None:
            before = [d for s, d in dated if s < start]
            near = before[-1] if before else (dated[0][1] if dated else None)
            if near is None:
                years = [y for b, y in banners if b < start]
                near = date(years[-1], 7, 1) if years else None
                d = parse_date(m.group(0), default_year=years[-1]) if years else None
            else:
                d = parse_date(m.group(0), today=near)
        if d is None:
            continue
        header_end = m.end() + (hm.end() if (hm := _AFTER_DATE_RE.match(after)) else 0)
        rest = text[start + header_end : eol]
        if len(rest.split()) <= INDUCED_TITLE_WORDS and not _TOLD_IN_SENTENCES.search(rest):
            title = rest.strip(" \t" + _HEADER_SEPARATORS) or None
            body_start, field_title = _after_field_lines(text, eol + 1)  # "Af: ...", "Author: ..."
            title = title or field_title
        else:
            title, body_start = None, start + header_end + len(rest) - len(rest.lstrip())
        out.append(_Header(start, min(body_start, len(text)), d, title, False))
    return out


def split_notes(text: str) -> list[CaseNote]:
    """The dated notes of a case-note file; a letter (one `Dato:` line before any other note
    header, or no header at all) is one note dated by its `Dato:` line. A mail is read as
    notes: the mail dated by its Date header, each quoted or forwarded mail by its own."""
    quoted = text
    text = plain_text(text)
    headers = [h for h in (_header(m, text) for m in _HEADER_RE.finditer(text)) if h]
    headers = sorted(headers + _attribution_headers(text), key=lambda h: h.start)
    if headers:
        headers = _with_yearless_headers(headers, text)
    letter = _letter_date(text)
    labelled = [h for h in headers if h.labelled]
    is_letter = letter is not None and (
        not headers
        or letter[0] < headers[0].start
        or (len(labelled) == 1 and headers[0].labelled)
        or (letter[0] == headers[0].start and letter[2])
    )
    if not is_letter:
        induced = _induced_headers(text, [h.start for h in headers])
        if len(induced) >= 2:
            # (a line inside a known header's block, "Oprettet: 07.03.2022 af JB" after
            # "Dato/tid: ...", is that header's field)
            headers = sorted(
                headers
                + [
                    i
                    for i in induced
                    if not any(h.start <= i.start < max(h.body_start, h.start + 1) for h in headers)
                ],
                key=lambda h: h.start,
            )
    if not headers or is_letter:
        if not text.strip():
            return []
        whole = CaseNote(
            date=letter[1] if letter else None,
            title=None,
            text=text,
            start=0,
            end=len(text),
            source="brev" if letter else "notat",
        )
        return [whole] if letter else _without_quotes([whole], quoted)
    notes = []
    first = headers[0].start
    if text[:first].strip():
        notes.append(CaseNote(None, None, text[:first], 0, first))
    for i, h in enumerate(headers):
        body_end = headers[i + 1].start if i + 1 < len(headers) else len(text)
        body_start = min(h.body_start, body_end)
        notes.append(CaseNote(h.date, h.title, text[body_start:body_end], body_start, body_end, h.source))
    return _without_quotes(notes, quoted, headers)


_CASE_TEXT_FIELDS = (
    "sag",
    "case_id",
    "ydelse",
    "visitationskategori",
    "borger",
    "cpr",
    "sagsbehandler",
    "team",
)


def _clean(value: object) -> str | None:
    text = str(value or "").strip()
    return text or None


_TOML_KINDS = (
    (bool, "sand/falsk"),
    ((int, float), "et tal"),
    (list, "en liste"),
    (dict, "en tabel"),
    (date, "en dato"),
    (time, "et klokkeslæt"),
)
"""What a TOML value is, in Danish, for a line that says what is wrong with it (bool before
int: True is an int in Python; datetime is a date)."""


def _toml_kind(value: object) -> str:
    return next((word for types, word in _TOML_KINDS if isinstance(value, types)), "tekst")


def _text_field(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(
            f'"{key}" skal være tekst i anførselstegn (fx {key} = "…"), men er {_toml_kind(value)}'
        )
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
            raise ValueError(
                f'"start" = "{_shown(value)}" er ikke en dato; skriv fx '
                'start = 2023-03-01 eller start = "1. marts 2023"'
            )
        return day
    raise ValueError(f'"start" skal være en dato (fx start = 2023-03-01), men er {_toml_kind(value)}')


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def case_id_problem(case_id: str) -> str | None:
    """Why case_id cannot be a case's id (it is shown, stored and used in file names: no path
    separators, no leading dot, no control characters, at most 100 characters), or None."""
    if not case_id.strip():
        return "sagsnummeret er tomt"
    bad = (
        "/" in case_id
        or "\\" in case_id
        or case_id.startswith(".")
        or len(case_id) > 100
        or any(ch < " " or "\ud800" <= ch <= "\udfff" or ch == "\x7f" for ch in case_id)
    )
    if bad:
        return (
            f'"{_shown(case_id.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))}"'
            " kan ikke bruges som sagsnummer; brug bogstaver, tal, mellemrum, bindestreg, "
            'punktum og understregning (fx "EG-22-0749"), uden / og \\'
        )
    return None


def read_case_meta(path: str | Path) -> CaseMeta:
    """The metadata in a case's sag.toml; the case id is `sag`/`case_id` or the folder name.

    Raises InputError with one Danish line naming sag.toml for a file that is not TOML, a
    field of the wrong type (a list or a number where text is expected), a `start` that is no
    date, and a case id that could be read as a path (`sag = "../../x"`)."""
    path = Path(path)
    where = path_text(path)
    try:
        data = load_toml(path)
    except InputError as exc:  # ingest shows it against the case's notes: name sag.toml
        raise InputError(where, f"sag.toml: {exc.problem}") from None
    try:
        fields = {key: _text_field(data, key) for key in _CASE_TEXT_FIELDS}
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


_JOURNAL_COLUMNS_PATH = DATA_DIR / "journal_columns.toml"


@functools.lru_cache(maxsize=1)
def _journal_columns() -> dict:
    return bundled_toml(_JOURNAL_COLUMNS_PATH)


def _header_key(name: str) -> str:
    return re.sub(r"[^0-9a-zæøå]", "", name.lower())


def journal_columns(header: list[str]) -> dict[str, int]:
    """Which column holds what (role -> column index) in a journal export's header row,
    by the names in data/journal_columns.toml: an exact name first, then a header that starts
    with one of the names ("Notattekst (fuld)"). Each column serves one role."""
    roles: dict[str, list[str]] = _journal_columns()["roles"]
    keys = [_header_key(h) for h in header]
    found: dict[str, int] = {}
    for exact in (True, False):
        for role, names in roles.items():
            if role in found:
                continue
            for name in (_header_key(n) for n in names):
                hits = [
                    i
                    for i, k in enumerate(keys)
                    if i not in found.values()
                    and k
                    and (k == name if exact else k.startswith(name) and len(name) >= 4)
                ]
                if hits:
                    found[role] = hits[0]
                    break
    return found


def column_value(role: str, value: str) -> str:
    """A journal export's ydelse or visitationskategori as sag.toml writes it: a system code
    ("KH", "KAT2") by the [codes] tables of data/journal_columns.toml, else the value in lower
    case."""
    codes = _journal_columns().get("codes", {}).get(role, {})
    return codes.get(value.strip().upper(), value).lower()


CSV_COLUMNS = tuple(_journal_columns()["required"])
LETTER_TYPES = frozenset(t.lower() for t in _journal_columns()["letter_types"])
_CLOCK = re.compile(r"[ T,]+(?:kl\.?\s*)?\d{1,2}[.:]\d{2}(?::\d{2}(?:\.\d+)?)?\s*$", re.IGNORECASE)


def _row_date(value: str) -> date | None:
    """A journal row's date: `01-02-2023 10:05`, `2023-02-01T10:05:00`, `1. feb. 2023`."""
    return parse_date(_CLOCK.sub("", value.strip()))


@dataclass(frozen=True)
class Journal:
    """A journal export read by its column names: the notes of each case, what the columns
    said about each case (ydelse, visitationskategori, sagsbehandler) and which column was
    used for what (role -> header as written)."""

    notes: dict[str, list[CaseNote]]
    case_fields: dict[str, dict[str, str]]
    columns: dict[str, str]


def read_journal(path: str | Path) -> Journal:
    """Notes from a journal exported as CSV or XLSX (one row per note), by case id.

    The columns are found by name (see journal_columns); a date-time column keeps the date.
    Each row is one note; its offsets are into its own text (a row is its own document).
    Raises InputError naming the file when the case, date or text column is missing.
    """
    where = path_text(path)
    if Path(path).suffix.lower() == ".csv":  # streamed: a large export costs one row at a time
        return journal_from_table(iter_csv(path, where), where)
    from textmining.readers.sources import read_document

    source = read_document(path)
    return journal_from_table(next(iter(source.tables), ()), where)


def looks_like_journal(header: list[str] | tuple[str, ...]) -> bool:
    """Whether a table is a journal export, also when one required column has a name the
    column list does not know: a date and a text column beside a note type, title or author
    column. Such a table is read as a journal so that reading it names the missing column,
    instead of being stored as some other table."""
    found = journal_columns(list(header))
    if all(role in found for role in CSV_COLUMNS):
        return True
    return (
        sum(role in found for role in CSV_COLUMNS) >= len(CSV_COLUMNS) - 1
        and "tekst" in found
        and any(role in found for role in ("type", "titel", "sagsbehandler"))
    )


def journal_from_table(table: Iterable[Sequence[str]], where: str) -> Journal:
    """The journal in a table's rows (first row the header, read once: a stream will do);
    see read_journal."""
    path = where
    rows = iter(table)
    header = [str(h or "").strip() for h in next(rows, [])]
    if not header:
        raise InputError(str(path), "filen har ingen rækker")
    cols = journal_columns(header)
    missing = [role for role in CSV_COLUMNS if role not in cols]
    if missing:
        raise InputError(
            str(path),
            "kolonnen for " + " og ".join(_ROLE_NAMES[r] for r in missing) + " findes ikke "
            f"(kolonnerne er: {', '.join(h for h in header if h)}); en journaleksport skal "
            "have kolonner for sag, dato og tekst, fx sag;dato;type;tekst",
        )
    notes: dict[str, list[CaseNote]] = {}
    fields: dict[str, dict[str, str]] = {}

    def cell(row: Sequence[str], role: str) -> str:
        i = cols.get(role)
        return str(row[i] or "").strip() if i is not None and i < len(row) else ""

    for number, row in enumerate(rows, start=2):
        case_id = cell(row, "sag")
        if not case_id:
            continue
        problem = case_id_problem(case_id)
        if problem:
            raise InputError(where, f'række {number}, kolonne "{header[cols["sag"]]}": {problem}')
        body = cell(row, "tekst")
        kind = cell(row, "type")
        title = cell(row, "titel") or kind or None
        is_letter = kind.lower() in LETTER_TYPES or (title or "").lower() in LETTER_TYPES
        notes.setdefault(case_id, []).append(
            CaseNote(
                date=_row_date(cell(row, "dato")),
                title=title,
                text=body,
                start=0,
                end=len(body),
                source="journalbrev" if is_letter else "notat",
            )
        )
        known = fields.setdefault(case_id, {})
        for role in ("ydelse", "visitationskategori", "sagsbehandler"):
            value = cell(row, role)
            if value and role not in known:
                known[role] = value if role == "sagsbehandler" else column_value(role, value)
    return Journal(notes, fields, {role: header[i] for role, i in sorted(cols.items())})


_ROLE_NAMES = {"sag": "sag (sagsnummer)", "dato": "dato", "tekst": "notatets tekst"}


__all__ = [
    "CSV_COLUMNS",
    "DATE_RE",
    "CaseMeta",
    "CaseNote",
    "find_dates",
    "read_case_meta",
    "looks_like_journal",
    "journal_from_table",
    "read_journal",
    "split_notes",
]
