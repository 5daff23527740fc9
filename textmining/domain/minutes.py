"""Parse committee minutes (referater) into agenda items.

Works on plain text from PDF, DOCX, HTML or markdown, in the layouts municipalities publish:
SbSys, Acadre, eDoc, PolWeb, FirstAgenda (PDF export and Publication web page) and municipal web
pages. Item headers (`105.  Title`, `### 331. Title`, `Pkt. 102`, `Punkt 1: Title`,
`1. Title (B)`) are found by their number and by the cues around them: a heading or
case-number block right after the header, the table of contents, and increasing numbers, so a
numbered list inside a section is not taken for an item. Minutes that do not number their items
(web text) are segmented by the sequence of their sections. Section headings are recognised
from a vocabulary (data/minutes_headings.toml) and a few patterns (decision headings with a
committee and a date), not from layout; unknown headings are kept when their markup (markdown
`#`, a bold line) says they are headings. Page headers and footers, file links, web controls,
tables of contents and appendices after the items are left out. Pure: no store, no CLI.
"""

from __future__ import annotations

import datetime
import functools
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmining import DATA_DIR
from textmining.config import bundled_toml
from textmining.language.dates import MONTHS, WEEKDAY
from textmining.readers.sources import parse_danish_date

HEADINGS_FILE = DATA_DIR / "minutes_headings.toml"
# What `minutes parse` and the ingest say about a file without agenda items.
NO_ITEMS = "ingen dagsordenspunkter fundet; er det et referat?"
# How an item is shown whose title the copy lost (web text without its headings).
UNTITLED = "(uden titel)"


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item (dagsordenspunkt) of a set of minutes, with its offsets in the text.

    number is None for minutes that do not number their items, title None where the text has
    lost the item's title (a web page copied without its headings)."""

    number: int | None
    title: str | None
    type: str | None
    case_number: str | None
    kle: str | None
    open: bool
    sections: dict[str, str] = field(hash=False)
    indstilling: str | None
    beslutning: str | None
    fravaerende: str | None
    bilag: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Minutes:
    """A parsed set of minutes: the committee, the meeting date and the agenda items."""

    committee: str | None
    meeting_date: datetime.date | None
    items: tuple[AgendaItem, ...]


# --- patterns --------------------------------------------------------------------------------
# Declarations, one a layout's words: `duplicates` pairs these blocks (and other modules'
# pattern blocks) by their shape `_X = re.compile(r"...", re.IGNORECASE)` alone; the word lists
# two patterns share are written once (_CASE, _OPEN_WORD, _COUNCILS).

_MONTHS = MONTHS
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    r"(?:[0-9]{1,2}[.\-/][0-9]{1,2}[.\-/](?:[0-9]{4}|[0-9]{2})(?![0-9])"
    rf"|[0-9]{{1,2}}\.?\s*(?:{_MONTH_NAMES})\.?\s+[0-9]{{4}}"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2})"
)
_DATE_LINE = re.compile(
    rf"^(?:{WEEKDAY}(?:\s+den)?\s+|den\s+)?{_DATE}"
    r"(?:\s*[-,]?\s*(?:kl\.?\s*)?[0-9]{1,2}[.:][0-9]{2}(?:\s*-\s*[0-9]{1,2}[.:][0-9]{2})?)?$",
    re.IGNORECASE,
)

_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?:(?!\*\*|__).)+(?:\*\*|__)\s*:?\s*$")
_LIST_MARKER = re.compile(r"^(?:[-•*–▪·]|\u2022)\s+")
_LINK_LINE = re.compile(r"^<?(?:file|https?|ftp)://\S+>?$|^www\.\S+$", re.IGNORECASE)
_LINK = re.compile(r"<?(?:file|https?|ftp)://\S+>?", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:Side|Sidetal|Sidenr\.?|Page)\s*:?\s*[0-9]{1,4}(?:\s*(?:af|/|of)\s*[0-9]{1,4})?$"
    r"|^-\s*[0-9]{1,4}\s*-$",
    re.IGNORECASE,
)
_EMPTY_MD_HEADING = re.compile(r"^\s*#{1,6}\s*$")
_TOC_LINE = re.compile(r"^(?P<body>.*?\S)\s*(?:\.{3,}|…+|(?:\.\s){3,}\.?)\s*[0-9]{1,4}$")
_TOC_TAB = re.compile(r"^\s*[0-9]{1,4}\.\s+\S.*\t+\s*[0-9]{1,4}\s*$")

_ITEM_NUMBERED = re.compile(r"^(?P<num>[0-9]{1,4})\.\s+(?P<title>\S.*)$")
_ITEM_ALONE = re.compile(r"^(?P<num>[0-9]{1,4})\.$")
_ITEM_PKT = re.compile(
    r"^(?:Pkt|Punkt)\.?\s*(?P<num>[0-9]{1,4})\.?(?:\s*[:.\-–]\s*|\s+|$)(?P<title>.*)$",
    re.IGNORECASE,
)
# a title line that ends in `pr. 31.` or `jf.` goes on when the next line starts in lower case
_OPEN_ABBREVIATION = re.compile(
    r"(?:\b[0-9]{1,2}|\b(?:pr|nr|jf|ca|mv|vedr|bl\.a|m\.fl|inkl|ekskl|iht|ifm))\.$", re.IGNORECASE
)
_WIDE_GAP = re.compile(r"^\s*(?:#{1,6}\s+)?(?:\*\*)?[0-9]{1,4}\.(?:\s{3,}|\t)")
_NOT_A_TITLE = re.compile(rf"^(?:at|{_MONTH_NAMES}|kl|kr|stk|og|eller)\b", re.IGNORECASE)
_TYPE_LETTERS = re.compile(r"\s*\((?P<type>[A-ZÆØÅ]{1,2})\)\s*$")
_TYPE_WORDS = re.compile(
    r"\s*\((?P<type>Beslutning|Beslutningssag|Orientering|Orienteringssag|Drøftelse"
    r"|Drøftelsessag|Godkendelse|Temadrøftelse|Indstilling|Til beslutning|Til orientering"
    r"|Til drøftelse)\)\s*$",
    re.IGNORECASE,
)
_CLOSED_MARK = re.compile(r"\s*[(\[]\s*lukket(?:\s+(?:punkt|sag))?\s*[)\]]\s*$", re.IGNORECASE)
_CLOSED_TITLE = re.compile(
    r"^lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?\s*(?::\s*|\s*[-–]\s+|(?=\s+[A-ZÆØÅ]))",
    re.IGNORECASE,
)

# a case number of a distinctive form, then the other forms
_STRONG_CASE = (
    r"(?:[0-9]{2}\.[0-9]{2}\.[0-9]{2}-[A-ZÆØÅ][0-9]{2}-[0-9]+-[0-9]{2}"  # SbSys: KLE-facet-no-yy
    r"|[0-9]{2,4}-[0-9]{4}-[0-9]{3,}"  # eDoc, Acadre: 330-2017-90442
    r"|[A-ZÆØÅ]{2,5}-[0-9]{4}-[0-9]{3,})"  # FirstAgenda/WorkZone: EMN-2025-003383
)
_CASE = (
    rf"(?:{_STRONG_CASE}"
    r"|(?:19|20)[0-9]{2}[/\-][0-9]{5,6}"  # 2013/01963, 2025-046907 (not a span of years)
    r"|[0-9]{2}/[0-9]{3,})"  # 25/80821
)
_KLE = r"(?:[0-9]{2}\.[0-9]{2}(?:\.[0-9]{2}|[A-ZÆØÅ][0-9]{2})(?:-[A-ZÆØÅ][0-9]{2})?)"
_CASE_NUMBER = re.compile(rf"^{_CASE}$")
_KLE_CASE = re.compile(rf"^(?:KLE\s*:?\s*)?(?P<kle>{_KLE})\s*[-–/|]\s*(?P<case>{_CASE})$")
_CASE_KLE = re.compile(rf"^(?P<case>{_CASE})\s*[-–/|]\s*(?:KLE\s*:?\s*)?(?P<kle>{_KLE})$")
_KLE_LABEL = re.compile(rf"\bKLE(?:-?nr\.?)?\s*:?\s*(?P<kle>{_KLE})(?![0-9])", re.IGNORECASE)
# after a title: a case number of a distinctive form (`... EMN-2025-003383`), or any case number
# after a KLE number or a dash (`... 15.20G00 - 2013/01963`, `... - 25/80821`)
_TITLE_CASE = re.compile(
    rf"\s+(?:(?:[-–|]\s*)?(?P<kle>{_KLE})\s*[-–/|]\s*(?P<case>{_CASE})"
    rf"|[-–|]\s*(?P<case2>{_CASE})|(?P<case3>{_STRONG_CASE}))\s*$"
)
_OPEN_WORD = r"(?P<word>Åben|Åbent|Lukket)(?:\s+(?:sag|punkt|dagsordenspunkt))?"
_OPEN_TAIL = re.compile(rf"\s+{_OPEN_WORD}\s*$", re.IGNORECASE)
_OPEN_CLOSED = re.compile(rf"^{_OPEN_WORD}$", re.IGNORECASE)
_META_CASE = re.compile(
    r"^(?:Sagsid|Sags-?\s?id|Sagsnr|Sags\s?nr|Sag\s?nr|Sagsnummer|J\.?\s?nr|Journalnr"
    r"|Journal\s?nr|Journalnummer)\.?\s*(?::\s*(?P<v1>.*)|\s+(?P<v2>[0-9][\w./\-]*.*))?$",
    re.IGNORECASE,
)
_META_SAG = re.compile(rf"^Sag\s+(?P<v>{_CASE}|[0-9]{{5,}})(?:\s.*)?$")
_META_KLE = re.compile(rf"^KLE(?:-?nr\.?)?\s*:?\s*(?P<kle>{_KLE})(?:\s.*)?$", re.IGNORECASE)
_META_DOC = re.compile(
    r"^(?:Dok\.?\s?nr|Dokumentnr|Dokument\s?nr|Dok\.?\s?id|Dok\.)\.?\s*"
    r"(?::.*|\s+[0-9][\w./\-]*.*)?$",
    re.IGNORECASE,
)
_META_OTHER = re.compile(
    r"^(?:Initialer|Sagsbehandler|Sagsansvarlig|Ansvarlig|Forfatter|Afdeling|Ansvarlig afdeling)"
    r"\s*:.{0,80}$",
    re.IGNORECASE,
)
_MUNICIPALITY = re.compile(r"^[A-ZÆØÅ][\w.\-]*(?:[ \-][A-ZÆØÅ][\w\-]*)?\s+Kommune$")
_HEADER_LABEL = re.compile(
    r"^(?P<label>Mødedato|Mødedag|Mødetidspunkt|Mødetid|Mødested|Dato|Tidspunkt|Sted|Formand"
    r"|Sidetal|Side|Udvalg|Møde)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_DOC_TITLE_LINE = re.compile(
    r"^(?:Åbent\s+|Lukket\s+)?(?:referat|dagsorden|beslutningsprotokol)(?:\s+(?:til|for|fra))?$",
    re.IGNORECASE,
)
_CONNECTIVE_END = re.compile(r"(?:\s(?:og|for|i|samt|&)|,)$", re.IGNORECASE)
_COUNCILS = (
    r"(?:Byrådet|Byråd|Kommunalbestyrelsen|Kommunalbestyrelse|Regionsrådet|Regionsråd"
    r"|Borgerrepræsentationen|Magistraten)"
)
_COMMITTEE_NAMES = re.compile(rf"^{_COUNCILS}$", re.IGNORECASE)
_COUNCIL_WORD = re.compile(rf"^{_COUNCILS}$")
_DOC_WORD = r"(?:Referat|REFERAT|Dagsorden|DAGSORDEN|Beslutningsprotokol|Åbent referat)"
# `REFERAT Vejle Byråd d. 14-05-2025`, `Referat: Teknik- og Miljøudvalget, 6. september 2022`,
# `Referat - Teknikudvalget`, `Referat fra Socialudvalgets møde`
_TITLE_FIRST = re.compile(
    rf"^{_DOC_WORD}(?:\s+(?:fra|for|til))?\s*[:|\-–]?\s*(?P<who>[A-ZÆØÅ][^|:]*?)"
    rf"(?:\s+møde)?(?:\s*(?:[,|\-–]|\s(?:d\.|den))\s*(?P<date>{_DATE}).*)?$"
)
# `Social- og Beskæftigelsesudvalget - Referat 1. februar 2021`, `Socialudvalget - 11-01-2021`,
# `Referat | Teknik- og Miljøudvalget | 03-09-2024`
_TITLE_WHO = re.compile(
    rf"^(?:{_DOC_WORD}\s*[|\-–:]\s*)?(?P<who>[A-ZÆØÅ][^|:]*?)\s*[,|\-–]\s*"
    rf"(?:{_DOC_WORD}\s*[,|\-–]?\s*)?(?:(?:d\.|den)\s*)?(?P<date>{_DATE}).*$"
)
_LABEL_ALONE = re.compile(
    r"^(?P<label>Udvalg|Mødedato|Mødedag|Dato|Starttidspunkt|Mødetidspunkt|Møde|Tidspunkt)$",
    re.IGNORECASE,
)
_LABEL_SPACE = re.compile(r"^(?P<label>Udvalg|Mødedato|Mødedag|Dato|Starttidspunkt)\s+(?P<value>\S.*)$")
_COMMITTEE_IN_SENTENCE = re.compile(
    r"\b(?i:referat|dagsorden|beslutningsprotokol|møde(?:t)?)\b.*?\b(?:i|for|fra)\s+"
    r"(?P<who>Udvalget for (?:[A-ZÆØÅ][\w\-]*(?:\s+(?:og|for|i)\s+|\s+)?)+"
    r"|[A-ZÆØÅ][\w\-]*udvalget|Byrådet|Kommunalbestyrelsen)"
)
_COMMITTEE_WORD = re.compile(r"udvalg|råd\b|rådet\b|bestyrelse|komit|forum\b", re.IGNORECASE)

_APPENDIX = re.compile(
    r"^(?:Bilagsliste|Underskriftsblad|Underskrifter|Underskriftside|Underskriftsside"
    r"|Bilag\s*:?\s*[0-9]{1,4}\.[0-9]{1,3}\.?(?:\s.*)?)$",
    re.IGNORECASE,
)

_DECISION_HEAD = re.compile(
    r"^Beslutning(?:er)?"
    r"(?:\s+(?P<rest>(?:i|på|fra|af|truffet|taget|den|\(|[A-ZÆØÅ0-9])[^:]*?))?"
    r"\s*(?::(?:\s+(?P<inline>.*))?)?$"
)
_DECISION_PKT = re.compile(
    rf"^(?P<who>[A-ZÆØÅ][^,:]{{1,100}}?),\s*(?:den\s+)?(?P<date>{_DATE})\s*,\s*"
    r"(?:pkt|punkt)\.?\s*[0-9]{1,4}\.?\s*(?::(?:\s+(?P<inline>.*))?)?$",
    re.IGNORECASE,
)
# PolWeb: `Beskæftigelsesudvalgets møde den 12. december 2011:` heads that meeting's decision.
_DECISION_MEETING = re.compile(
    rf"^(?P<who>[A-ZÆØÅ][\w.\-]*(?:\s+(?:og|for|i|[A-ZÆØÅ][\w.\-]*))*?s)\s+møde\s+"
    rf"(?:den\s+|d\.\s*)?(?P<date>{_DATE})\s*(?::(?:\s+(?P<inline>.*))?)?$"
)
_DECISION_POSSESSIVE = re.compile(
    r"^(?P<who>[A-ZÆØÅ][\w\-]*s)\s+beslutning(?P<rest>\s[^:]*?)?\s*(?::(?:\s+(?P<inline>.*))?)?$"
)
_DECISION_COMMITTEE = re.compile(
    rf"^Beslutning(?:er)?\s+(?:i\s+|på\s+|fra\s+)?(?P<who>.+?)\s+(?:den\s+)?(?P<date>{_DATE})",
    re.IGNORECASE,
)
_DECISION_WORDING = re.compile(
    r"^(?:At\s*[0-9]{1,2}\s*[:.]\s*)?(?:Godkendt|Tiltrådt|Vedtaget|Anbefales|Anbefalet"
    r"|Indstillingen\b.{0,40}\b(?:godkendt|tiltrådt|vedtaget|anbefalet)"
    r"|Anbefalingen\b.{0,40}\bgodkendt|Taget til efterretning|Orienteringen\b.{0,30}\befterretning"
    r"|Drøftet|Ikke godkendt|Udsat|Forkastet|Oversendt)\b",
    re.IGNORECASE,
)
_AT_CLAUSE = re.compile(r"^(?P<head>.{4,60}?),?\s+(?P<rest>at\s.*)$")
_LABEL_INLINE = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s+(?P<value>\S.*)$")

_BILAG_TABLE_SEP = re.compile(r"^[\s|:\-]*$")
_BILAG_MARKER = re.compile(r"^(?:[-•*–▪·]\s*|[0-9]{1,2}[.)]\s+|[0-9]{1,3}\s+(?=(?:Åben|Lukket)\b))")
_FILE_EXTENSION = re.compile(r"\.[A-Za-z0-9]{2,5}$")
_BILAG_DOCNO = re.compile(r"^\(?[0-9]{3,}/[0-9]{2}\)?$")

_OPENING_TEXT = "Tekst"

# FirstAgenda byråd exports: `BESLUTNINGSFORSLAG FRA DD`, `INDSTILLING FRA MAGISTRATSAFDELINGEN
# FOR ... OG` + `MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ` (continued in capitals).
_CAPS_HEADING = re.compile(r"^(?:BESLUTNINGSFORSLAG|INDSTILLING|FORSLAG|ÆNDRINGSFORSLAG)\s+FRA\b")
_CAPS_LINE = re.compile(r"^(?=.*[A-ZÆØÅ]{2})[^a-zæøåé]{2,120}$")
_PAATEGNING = re.compile(r"^[A-ZÆØÅ][\w\- ]{2,60}\spåtegning$")
_FILE_END = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|txt|rtf|msg|jpe?g|png|zip)$", re.IGNORECASE)
_FILE_LINE = re.compile(
    r"^\S+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|txt|rtf|msg|jpe?g|png|zip)"
    r"(?:\s+\S+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|txt|rtf|msg|jpe?g|png|zip))*$",
    re.IGNORECASE,
)


# --- vocabulary --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, str]:
    """Heading name (normalised) -> kind, from data/minutes_headings.toml."""
    data = bundled_toml(HEADINGS_FILE)
    vocabulary: dict[str, str] = {}
    for group in data.get("group", []):
        for name in group.get("names", []):
            vocabulary[_key(name)] = group["kind"]
    return vocabulary


def _key(text: str) -> str:
    """A heading's lookup key: spaces collapsed, trailing `:`/`,`/`.` dropped, case folded."""
    return re.sub(r"\s+", " ", text).strip().rstrip(":,.").strip().casefold()


def _heading_name(text: str) -> str:
    """A heading as shown: trailing `:` and `,` dropped."""
    return re.sub(r"\s+", " ", text).strip().rstrip(":,").strip()


# --- lines ---------------------------------------------------------------------------------------


@dataclass
class _Line:
    """One input line with its offsets, its cleaned text and what the parser made of it."""

    start: int
    end: int
    raw: str
    text: str
    bare: str
    md_heading: bool
    bold: bool
    kind: str = "text"  # text | blank | noise | link | toc | sep | group | page


def _clean(raw: str) -> tuple[str, str, bool, bool]:
    """Cleaned text, text without list marker, and whether the line is a md heading / bold."""
    s = raw.replace("\u00a0", " ").replace("\ufeff", "").replace("\uf0b7", "•")
    s = s.replace("\uf02d", "-").replace("\u200b", "")
    md_heading = bool(_MD_HEADING.match(s))
    if md_heading:
        s = _MD_HEADING.sub("", s, count=1)
    bold = bool(_BOLD_LINE.match(s))
    s = _HTML_TAG.sub("", s)
    s = _MD_LINK.sub(r"\1", s)
    s = _MD_ESCAPE.sub(r"\1", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"\s+", " ", s).strip()
    bare = _LIST_MARKER.sub("", s, count=1).strip()
    return s, bare, md_heading, bold


def _split_lines(text: str) -> list[_Line]:
    """The text's lines with offsets (end excludes the line break)."""
    lines: list[_Line] = []
    pos = 0
    for chunk in text.splitlines(keepends=True):
        body = chunk.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        cleaned, bare, md_heading, bold = _clean(body)
        line = _Line(pos, pos + len(body), body, cleaned, bare, md_heading, bold)
        if "\f" in body and not body.replace("\f", "").strip():
            line.kind = "page"
        elif _EMPTY_MD_HEADING.match(body):
            line.kind = "sep"  # an empty heading (web page) still ends the section above it
        elif not cleaned:
            line.kind = "blank"
        elif _LINK_LINE.match(cleaned):
            line.kind = "link"
        elif _PAGE_NUMBER.match(bare):
            line.kind = "noise"
        elif _TOC_LINE.match(cleaned) or _TOC_TAB.match(body):
            line.kind = "toc"
        elif len(bare) <= 40 and _vocabulary().get(_key(bare)) in ("noise", "group"):
            line.kind = "sep" if _vocabulary()[_key(bare)] == "noise" else "group"
        lines.append(line)
        pos += len(chunk)
    return lines


_DECISION_START = re.compile(
    r"^(?:Beslutning(?:er)?\s+(?:i|på|fra|af|truffet|taget)\s|[A-ZÆØÅ].{0,80}?s\s+møde\b)"
)
_WRAP_END = re.compile(r"(?:-|\s(?:og|for|i|samt)|,)$")
_POSSESSIVE_BODY = re.compile(
    r"^[A-ZÆØÅ][\w\- ,]{0,70}(?:udvalgets|rådets|bestyrelsens|Magistratens|udvalgs)$"
)


def _join_wrapped_headings(lines: list[_Line]) -> None:
    """A decision heading wrapped over two lines (`Beslutning i Beskæftigelses-` + `og
    Integrationsudvalget den 8. november 2016:`; `... den 4. oktober` + `2021:`) becomes one
    line; the second line is left out."""
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        if line.kind != "text" or nxt.kind != "text":
            continue
        first, second = line.bare, nxt.bare
        if first.endswith(":") or len(first) > 160 or len(second) > 90 or not second.endswith(":"):
            continue
        if not (
            _DECISION_START.match(first)
            or (_WRAP_END.search(first) and len(first) <= 60)
            or (_POSSESSIVE_BODY.match(first) and second.startswith("møde "))
        ):
            continue
        if first.endswith("-") and not re.match(r"^(?:og|eller)\s", second):
            joined = first + second
        else:
            joined = f"{first} {second}"
        heading = _heading_of(joined, False)
        if heading is None or heading.kind != "beslutning":
            continue
        line.text = line.bare = joined
        nxt.kind = "noise"


_ANY_DATE = re.compile(_DATE, re.IGNORECASE)


def _mark_page_furniture(lines: list[_Line]) -> None:
    """Page headers and footers next to a page number or page break (`Side 3 af 7`, then
    `Beskæftigelsesudvalget - Referat - 12. marts 2024`): a short line next to a page break that
    holds a date, or is found next to more than one page break, is left out."""
    markers = [
        i
        for i, line in enumerate(lines)
        if line.kind == "page" or (line.kind == "noise" and _PAGE_NUMBER.match(line.bare))
    ]
    if not markers:
        return
    near: set[int] = set()
    for m in markers:
        for step in (-1, 1):
            k, seen = m, 0
            while seen < 2:
                k += step
                if k < 0 or k >= len(lines):
                    break
                kind = lines[k].kind
                if kind == "text":
                    near.add(k)
                    seen += 1
                elif kind not in ("blank", "page", "noise", "link"):
                    break
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.kind == "text":
            where.setdefault(line.bare, []).append(i)
    for k in sorted(near):
        line = lines[k]
        b = line.bare
        if len(b) > 120 or b.endswith((".", ":")) or _candidate(line) is not None:
            continue
        if _FILE_END.search(b) or len(b.split()) > 14:
            continue
        if _match_heading(line) is not None or _meta(line) is not None:
            continue
        by_pages = sum(1 for i in where.get(b, []) if i in near)
        if by_pages >= 2 or _ANY_DATE.search(b):
            line.kind = "noise"


# --- dates and committees ----------------------------------------------------------------------


def _is_committee(bare: str) -> bool:
    """A line that names a committee: `Udvalget for Beskæftigelse`, `Økonomiudvalget`, ..."""
    if not bare or len(bare) > 90 or bare[-1] in ".:!?;":
        return False
    words = bare.split()
    if len(words) > 10:
        return False
    if re.match(r"^Udvalg(?:et)? for\s", bare):
        return True
    if _COMMITTEE_NAMES.match(bare):
        return True
    if bare.isupper() and len(words) == 1:
        return False  # the label `UDVALG`, not a name
    if _COUNCIL_WORD.match(words[-1]) and len(words) <= 3:
        return True  # `Vejle Byråd`
    return bool(re.search(r"udvalg(?:et)?$", words[-1], re.IGNORECASE)) and bare[0].isupper()


_NAME_WORD = r"[A-ZÆØÅ][\w\-]*"
_COMMITTEE_SPAN = re.compile(
    rf"(?P<for>\bUdvalg(?:et)?\s+for\s+{_NAME_WORD}(?:(?:\s*,\s*|\s+og\s+|\s+){_NAME_WORD})*)"
    rf"|(?P<compound>(?:\b{_NAME_WORD}-,?\s+(?:og\s+)?)*\b[A-ZÆØÅ][\w\-]*"
    r"(?:udvalg|udvalget|råd|rådet)s?)(?![\w])"
    r"|(?P<two>\b(?!(?:Referat|Dagsorden|Åbent|Lukket)\b)[A-ZÆØÅ][\w]+\s+Udvalg(?:et)?s?)(?![\w])"
    r"|(?P<council>(?:\b(?!(?:Referat|REFERAT|Dagsorden|DAGSORDEN|Mødereferat|Åbent)\b)"
    r"[A-ZÆØÅ][\w]+\s+)?(?:Byråd|Byrådet|Kommunalbestyrelse|Kommunalbestyrelsen|Regionsråd"
    r"|Regionsrådet|Magistraten|Borgerrepræsentationen)s?)(?![\w])"
    r"|(?P<meeting>\b(?:[Bb]yråds|[Kk]ommunalbestyrelses)møde)"
)
_SMALL_WORDS = {"og", "for", "i", "af", "til", "med"}
_DOC_WORDS = re.compile(
    r"\b(?:referat|dagsorden|beslutningsprotokol|mødereferat|møde|mødet)\b", re.IGNORECASE
)


def _normal_case(text: str) -> str:
    """A line in capitals as it is written otherwise (`SOCIAL- OG SUNDHEDSUDVALGET` ->
    `Social- og Sundhedsudvalget`); other lines as they are."""
    if any(ch.islower() for ch in text) or not any(ch.isalpha() for ch in text):
        return text
    return " ".join(
        w.lower() if w.lower() in _SMALL_WORDS else w[:1] + w[1:].lower() for w in text.split(" ")
    )


def _find_committee(text: str) -> str | None:
    """The committee a title line names, in the nominative (`Referat fra Social- og
    Sundhedsudvalgets møde` -> `Social- og Sundhedsudvalget`, `REFERAT Vejle Byråd d. ...`
    -> `Vejle Byråd`, `Referat af byrådsmøde` -> `Byrådet`)."""
    m = _COMMITTEE_SPAN.search(_normal_case(text))
    if not m:
        return None
    if m["meeting"]:
        return "Byrådet" if m["meeting"].lower().startswith("byråd") else "Kommunalbestyrelsen"
    name = _strip_committee(m.group(0))
    if re.search(r"(?:ets|ens|gs|ds)$", name):
        name = name[:-1]
    return name


def _title_meeting(bare: str, first: bool = False) -> tuple[str | None, datetime.date | None]:
    """Committee and date from a document title line (`REFERAT Vejle Byråd d. 14-05-2025`,
    `Socialudvalget - 11-01-2021`, `Referat fra Socialudvalgets møde`): a line near the top,
    or one that says referat, dagsorden or møde, or one that is little more than a committee
    and a date."""
    if len(bare) > 160:
        return None, None
    who = _find_committee(bare)
    if who is None:
        return None, None
    rest = bare.replace(who, " ")
    rest = _ANY_DATE.sub(" ", rest)
    little = len(re.findall(r"[^\W\d_]{3,}", rest)) <= 3
    if first or little or _DOC_WORDS.search(bare):
        m = _ANY_DATE.search(bare)
        return who, (parse_danish_date(m.group(0)) if m else None)
    return None, None


# --- page headers, tables of contents, appendices ------------------------------------------------


@dataclass
class _HeaderInfo:
    """What the page headers and the front matter say about the meeting."""

    committee: str | None = None
    meeting_date: datetime.date | None = None
    header_date: datetime.date | None = None
    case_lines: dict[int, str] = field(default_factory=dict)


def _short_value(line: _Line) -> bool:
    b = line.bare
    return (
        line.kind == "text"
        and 0 < len(b.split()) <= 4
        and not _HEADER_LABEL.match(b)
        and not _CASE_NUMBER.match(b)
        and _candidate(line) is None
    )


def _mark_page_headers(lines: list[_Line], info: _HeaderInfo) -> None:
    """Mark repeated page-header blocks (`Hedensted Kommune`, `Mødedato:`, ...) as noise."""
    n = len(lines)
    i = 0
    while i < n:
        if lines[i].kind != "text" or not _MUNICIPALITY.match(lines[i].bare):
            i += 1
            continue
        last = i
        j = i + 1
        while j < n and j - i < 30:
            line = lines[j]
            b = line.bare
            if line.kind in ("blank", "noise", "link", "page"):
                j += 1
                continue
            if line.kind != "text":
                break
            if _is_committee(b):
                name = b
                if _CONNECTIVE_END.search(b):
                    k = _next_text(lines, j + 1, limit=3)
                    if k is not None and _short_value(lines[k]) and k - j <= 3:
                        name = f"{b} {lines[k].bare}"
                        j = k
                info.committee = info.committee or _strip_committee(name)
                last = j
                j += 1
                continue
            m = _HEADER_LABEL.match(b)
            if m:
                value = m["value"].strip()
                if not value:
                    k = j + 1
                    taken = 0
                    parts = []
                    while k < n and taken < 2:
                        if lines[k].kind == "blank":
                            k += 1
                            continue
                        if not _short_value(lines[k]):
                            break
                        parts.append(lines[k].bare)
                        j = k
                        taken += 1
                        k += 1
                    value = " ".join(parts)
                label = m["label"].lower()
                if label.startswith("møde") or label == "dato":
                    info.meeting_date = info.meeting_date or parse_danish_date(value)
                elif label == "udvalg" and value:
                    info.committee = info.committee or _strip_committee(value)
                last = j
                j += 1
                continue
            if _DATE_LINE.match(b):
                info.header_date = info.header_date or parse_danish_date(b)
                last = j
                j += 1
                continue
            if _PAGE_NUMBER.match(b) or _DOC_TITLE_LINE.match(b):
                last = j
                j += 1
                continue
            if _CASE_NUMBER.match(b):
                info.case_lines[j] = b
                last = j
                j += 1
                continue
            break
        for k in range(i, last + 1):
            if lines[k].kind == "text":
                lines[k].kind = "noise"
        i = last + 1


def _strip_committee(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().rstrip(":,").strip()


def _next_text(lines: list[_Line], j: int, limit: int = 10**9) -> int | None:
    """Index of the next content line from j on (skipping blanks and noise), or None."""
    seen = 0
    while j < len(lines) and seen <= limit:
        if lines[j].kind == "text":
            return j
        j += 1
        seen += 1
    return None


# --- line roles ----------------------------------------------------------------------------------


_HEADING_KINDS = {"section", "indstilling", "beslutning", "bilag"}


@dataclass(frozen=True)
class _Heading:
    kind: str  # section | indstilling | beslutning | bilag | unknown
    name: str
    inline: str


def _match_heading(line: _Line) -> _Heading | None:
    """The heading this line is, by vocabulary, decision pattern or heading markup."""
    return _heading_of(line.bare, line.md_heading or line.bold)


@functools.lru_cache(maxsize=16384)
def _heading_of(s: str, markup: bool) -> _Heading | None:
    if not s or len(s) > 200:
        return None
    vocabulary = _vocabulary()
    kind = vocabulary.get(_key(s))
    if kind in _HEADING_KINDS:
        return _Heading(kind, _heading_name(s), "")
    m = _LABEL_INLINE.match(s)
    if m:
        kind = vocabulary.get(_key(m["label"]))
        if kind in _HEADING_KINDS:
            return _Heading(kind, _heading_name(m["label"]), m["value"].strip())
    if _CAPS_HEADING.match(s) and _CAPS_LINE.match(s):
        return _Heading("section", _heading_name(s), "")
    if _PAATEGNING.match(s):
        return _Heading("section", _heading_name(s), "")
    m = _DECISION_MEETING.match(s)
    if m:
        head = s[: m.start("inline")] if m["inline"] else s
        return _Heading("beslutning", _heading_name(head), (m["inline"] or "").strip())
    m = _AT_CLAUSE.match(s)
    if m and vocabulary.get(_key(m["head"])) == "indstilling":
        return _Heading("indstilling", _heading_name(m["head"]), m["rest"].strip())
    m = _DECISION_HEAD.match(s)
    if m and len(s) <= 160:
        rest = (m["rest"] or "").strip()
        if not rest or (rest[-1] not in ".!?" or re.search(r"(?:pkt|punkt)\.$", rest, re.IGNORECASE)):
            name = "Beslutning" + (" " + rest if rest else "")
            return _Heading("beslutning", _heading_name(name), (m["inline"] or "").strip())
    m = _DECISION_PKT.match(s)
    if m and _COMMITTEE_WORD.search(m["who"]):
        head = s[: m.start("inline")] if m["inline"] else s
        return _Heading("beslutning", _heading_name(head), (m["inline"] or "").strip())
    m = _DECISION_POSSESSIVE.match(s)
    if m and len(s) <= 120:
        rest = (m["rest"] or "").strip()
        if not rest or rest[-1] not in ".!?":
            head = s[: m.start("inline")] if m["inline"] else s
            return _Heading("beslutning", _heading_name(head), (m["inline"] or "").strip())
    if markup and _looks_like_heading(s):
        return _Heading("unknown", _heading_name(s), "")
    return None


def _looks_like_heading(s: str) -> bool:
    words = s.split()
    return (
        0 < len(words) <= 12 and len(s) <= 100 and s[-1] not in ".,;" and (s[0].isupper() or s[0].isdigit())
    )


def _fravaerende(line: _Line) -> tuple[bool, str]:
    """Whether the line is a `Fraværende:` label, and its value on the same line."""
    s = line.bare
    vocabulary = _vocabulary()
    if vocabulary.get(_key(s)) == "fravaerende":
        return True, ""
    m = _LABEL_INLINE.match(s)
    if m and vocabulary.get(_key(m["label"])) == "fravaerende":
        return True, m["value"].strip()
    return False, ""


@dataclass(frozen=True)
class _Meta:
    """What a meta line of an item says: its case number, KLE number, open or closed."""

    case: str | None = None
    kle: str | None = None
    open: bool | None = None


def _meta(line: _Line) -> _Meta | None:
    """The meta line's facts (`Sagsnr.: 13/4521    KLE: 05.01.00`, `Sagsnr.: 330-2017-90442
    Dok.nr.: ...  Åbent`, `Sag 306-2011-...`, `15.20G00 - 2013/01963`, `Lukket`), or None."""
    return _meta_of(line.bare)


@functools.lru_cache(maxsize=16384)
def _meta_of(s: str) -> _Meta | None:
    m = _OPEN_CLOSED.match(s)
    if m:
        return _Meta(open=not m["word"].lower().startswith("lukke"))
    m = _KLE_CASE.match(s) or _CASE_KLE.match(s)
    if m:
        return _Meta(case=m["case"], kle=m["kle"])
    m = _META_CASE.match(s)
    if m:
        value = (m["v1"] or m["v2"] or "").strip()
        case = value.split()[0].rstrip(".,;") if value else None
        kle = _KLE_LABEL.search(value)
        tail = _OPEN_TAIL.search(value)
        is_open = None if tail is None else not tail["word"].lower().startswith("lukke")
        return _Meta(case=case or None, kle=kle["kle"] if kle else None, open=is_open)
    m = _META_SAG.match(s)
    if m:
        return _Meta(case=m["v"])
    m = _META_KLE.match(s)
    if m:
        return _Meta(kle=m["kle"])
    if _META_DOC.match(s):
        tail = _OPEN_TAIL.search(s)
        return _Meta(open=None if tail is None else not tail["word"].lower().startswith("lukke"))
    if _META_OTHER.match(s):
        return _Meta()
    return None


def _is_strong_cue(line: _Line) -> bool:
    """A line that typically opens an item: a known heading, a meta line or a case number."""
    if _meta(line) is not None or _CASE_NUMBER.match(line.bare) or _fravaerende(line)[0]:
        return True
    if line.kind == "text" and _vocabulary().get(_key(line.bare)) == "group":
        return False
    heading = _match_heading(line)
    return heading is not None and heading.kind != "unknown"


# --- item candidates -----------------------------------------------------------------------------


@dataclass
class _Candidate:
    """A line that may start an agenda item."""

    index: int
    number: int | None
    title_lines: list[int]
    title: str
    style: str
    pkt: bool
    score: float = 0.0
    type: str | None = None
    closed: bool = False
    case: str | None = None
    kle: str | None = None
    body: int | None = None  # first body line when the item has no title line

    @property
    def n(self) -> int:
        """The number of a numbered candidate: the chain of numbered items holds only those."""
        if self.number is None:
            raise ValueError("et punkt uden nummer står i rækken af nummererede punkter")
        return self.number


def _candidate(line: _Line) -> tuple[int, str, str] | None:
    """(number, title on this line, form) if the line looks like an item header.

    form is "pkt" (`Pkt. 102`), "numbered" (`102. Title`) or "alone" (`102.` with the title on
    the next line); for "pkt" and "alone" an empty title means it is on the next line.
    """
    if line.kind != "text":
        return None
    s = line.text
    m = _ITEM_PKT.match(s)
    if m:
        title = m["title"].strip()
        if title and not (title[0].isupper() or title[0] in "\"“”«'"):
            return None
        number = int(m["num"])
        return (number, title, "pkt") if number > 0 else None
    m = _ITEM_ALONE.match(s)
    if m:
        number = int(m["num"])
        return (number, "", "alone") if number > 0 else None
    m = _ITEM_NUMBERED.match(s)
    if not m:
        return None
    title = m["title"].strip()
    if not (title[0].isupper() or title[0] in "\"“”«'") or _NOT_A_TITLE.match(title):
        return None
    number = int(m["num"])
    return (number, title, "numbered") if number > 0 else None


def _blocks_title(line: _Line) -> bool:
    """A line that cannot continue an item title."""
    return (
        line.kind != "text"
        or _candidate(line) is not None
        or _is_strong_cue(line)
        or _match_heading(line) is not None
        or bool(_APPENDIX.match(line.bare))
    )


def _find_candidates(lines: list[_Line], stop: int) -> list[_Candidate]:
    """All lines before `stop` that look like item headers, with their whole titles."""
    found: list[_Candidate] = []
    for i in range(stop):
        line = lines[i]
        hit = _candidate(line)
        if hit is None:
            continue
        number, title, form = hit
        pkt = form == "pkt"
        title_lines = [i]
        parts = [title] if title else []
        j = i + 1
        if not title:
            k = _next_text(lines, j, limit=4)
            if k is None or k >= stop or _blocks_title(lines[k]) or not lines[k].text[0].isupper():
                continue
            parts.append(lines[k].text)
            title_lines.append(k)
            j = k + 1
        if not line.md_heading:
            extra = 0
            while j < stop and extra < 3 and lines[j].kind == "text":
                joined = " ".join(parts)
                if not joined or _blocks_title(lines[j]):
                    break
                if joined[-1] in ".?!:)" and not (
                    _OPEN_ABBREVIATION.search(joined) and lines[j].text[:1].islower()
                ):
                    break
                if len(joined) + len(lines[j].text) > 240:
                    break
                parts.append(lines[j].text)
                title_lines.append(j)
                j += 1
                extra += 1
        if line.md_heading:
            style = "md"
        elif line.bold:
            style = "bold"
        elif form in ("pkt", "alone"):
            style = form
        elif _WIDE_GAP.match(line.raw):
            style = "wide"
        else:
            style = "plain"
        candidate = _Candidate(i, number, title_lines, _join_wrapped(parts), style, pkt)
        _split_title(candidate)
        found.append(candidate)
    return found


def _join_wrapped(parts: list[str]) -> str:
    """Lines of a wrapped title joined: with a space, but a word broken at its hyphen
    (`2030-` + `fremskrivning`) is joined without one (`Social-` + `og ...` keeps it)."""
    out = ""
    for part in parts:
        if out.endswith("-") and part[:1].islower() and not re.match(r"^(?:og|eller|samt|til|som)\b", part):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def _split_title(candidate: _Candidate) -> None:
    """Move a type suffix `(B)` to .type, a `(Lukket)` mark or a `Lukket:` prefix to .closed,
    and a case number or KLE number after the title (`... EMN-2025-003383`,
    `... 15.20G00 - 2013/01963`) to .case and .kle."""
    title = re.sub(r"\s+", " ", candidate.title).strip()
    for _ in range(2):
        m = _CLOSED_MARK.search(title)
        if m:
            candidate.closed = True
            title = title[: m.start()].rstrip()
        m = _TITLE_CASE.search(title)
        if m and m.start() > 0 and candidate.case is None:
            candidate.case = m["case"] or m["case2"] or m["case3"]
            candidate.kle = m["kle"]
            title = title[: m.start()].rstrip(" -–|")
        m = _TYPE_WORDS.search(title) or _TYPE_LETTERS.search(title)
        if m and candidate.type is None:
            candidate.type = m["type"]
            title = title[: m.start()].rstrip()
    m = _CLOSED_TITLE.match(title)
    if m and m.end() < len(title):
        candidate.closed = True
        title = title[m.end() :]
    elif re.match(r"^lukket\s+(?:punkt|sag)\b", title, re.IGNORECASE):
        candidate.closed = True
    candidate.title = title.rstrip(" -–:").strip()


def _score(lines: list[_Line], candidates: list[_Candidate], toc: set[int], toc_weight: float) -> None:
    """Evidence that each candidate is an item header (see module docstring)."""
    for pos, c in enumerate(candidates):
        score = 0.0
        if c.pkt:
            score += 3
        if toc and c.number in toc:
            score += toc_weight
        after = c.title_lines[-1] + 1
        following = candidates[pos + 1].index if pos + 1 < len(candidates) else len(lines)
        looked = 0
        j = after
        strong_soon = False
        while j < following and looked < 4:
            if lines[j].kind == "text":
                looked += 1
                if _is_strong_cue(lines[j]):
                    strong_soon = True
                    break
            j += 1
        if strong_soon:
            score += 2
        limit = min(following, after + 200)
        if any(
            lines[k].kind == "text" and (h := _match_heading(lines[k])) is not None and h.kind != "unknown"
            for k in range(after, limit)
        ):
            score += 1
        if c.style in ("md", "bold", "wide"):
            score += 1
        if c.type:
            score += 1
        if c.title.endswith(".") and len(c.title.split()) > 15:
            score -= 1
        if _in_tight_list(lines, c):
            score -= 1.5
        c.score = score


def _in_tight_list(lines: list[_Line], c: _Candidate) -> bool:
    """A header with a neighbouring numbered line on the very next or previous line, like
    `1. ...` / `2. ...` in a list (items are separated by at least a blank line)."""
    neighbours = []
    if c.index > 0:
        neighbours.append((lines[c.index - 1], c.n - 1))
    if c.title_lines[-1] + 1 < len(lines):
        neighbours.append((lines[c.title_lines[-1] + 1], c.n + 1))
    for line, number in neighbours:
        hit = _candidate(line)
        if hit is not None and hit[0] == number:
            return True
    return False


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """The best chain of candidates with strictly increasing numbers (weighted by evidence)."""
    eligible = [c for c in candidates if c.score >= 2]
    if not eligible:
        return []
    strong = [c.style for c in eligible if c.score >= 4]
    if strong:
        common = max(set(strong), key=strong.count)
        for c in eligible:
            if c.style == common:
                c.score += 1
    if len(eligible) > 3000:  # pathological input: keep it linear
        chain, last = [], 0
        for c in eligible:
            if c.n > last:
                chain.append(c)
                last = c.n
        return chain
    best = [c.score for c in eligible]
    back = [-1] * len(eligible)
    for i, ci in enumerate(eligible):
        for j in range(i):
            cj = eligible[j]
            if cj.n < ci.n:
                gap = ci.n - cj.n - 1
                value = best[j] + ci.score + (0.5 if gap == 0 else -0.3 * min(gap, 5))
                if value >= best[i]:  # on a tie the later header wins: lists come first
                    best[i] = value
                    back[i] = j
    i = max(range(len(eligible)), key=lambda k: (best[k], -k))
    chain = []
    while i != -1:
        chain.append(eligible[i])
        i = back[i]
    return _fill_gaps(candidates, chain[::-1])


def _fill_gaps(candidates: list[_Candidate], chain: list[_Candidate]) -> list[_Candidate]:
    """Add short items without headings (`5. Eventuelt` + `Intet.`) that sit in a numbering gap
    between two chosen items and have the same header style."""
    if len(chain) < 2:
        return chain
    styles = [c.style for c in chain]
    common = max(set(styles), key=styles.count)
    result = [chain[0]]
    pos = 0
    for nxt in chain[1:]:
        while pos < len(candidates) and candidates[pos].index <= result[-1].index:
            pos += 1
        while pos < len(candidates) and candidates[pos].index < nxt.index:
            c = candidates[pos]
            prev = result[-1]
            if (
                c.n == prev.n + 1 < nxt.n
                and c.style == common
                and len(c.title.split()) <= 12
                and not c.title.endswith(".")
            ):
                result.append(c)
            pos += 1
        result.append(nxt)
    return result


def _table_of_contents(lines: list[_Line], candidates: list[_Candidate]) -> tuple[set[int], float]:
    """Item numbers listed in a table of contents before the items, and how much that counts.

    Dot-leader lines (`330. Title ..... 714`) count, and so does a plain numbered list at the
    top (three or more headers in a row with nothing but blank lines between them) that comes
    before any header followed by a heading; such list lines are then no longer candidates.
    """
    numbers: set[int] = set()
    first = candidates[0].index if candidates else len(lines)
    for line in lines[:first]:
        if line.kind == "toc":
            m = _ITEM_NUMBERED.match(_TOC_LINE.sub(r"\g<body>", line.text))
            if m:
                numbers.add(int(m["num"]))
    if numbers:
        return numbers, 2.0
    run: list[_Candidate] = []
    for c in candidates:
        if run and _only_blank_between(lines, run[-1].title_lines[-1] + 1, c.index) and (c.n > run[-1].n):
            run.append(c)
            continue
        if len(run) >= 3:
            break
        run = [c]
    repeated = len(run) >= 3 and any(c.n == run[0].n and c.index > run[-1].index for c in candidates)
    if repeated and run[0] is candidates[0]:
        nxt = _next_text(lines, run[-1].title_lines[-1] + 1)
        if nxt is None or not _is_strong_cue(lines[nxt]):
            numbers = {c.n for c in run}
            for c in run:
                lines[c.index].kind = "toc"
    return numbers, 1.0


def _only_blank_between(lines: list[_Line], a: int, b: int) -> bool:
    return all(lines[k].kind != "text" for k in range(a, b))


# --- items ---------------------------------------------------------------------------------------


@dataclass
class _Section:
    name: str
    kind: str
    first: int  # line index of the heading (or first line)
    lines: list[_Line] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    inline: str = ""

    def text(self) -> str:
        out: list[str] = [self.inline] if self.inline else []
        for line in self.lines:
            if line.kind == "blank":
                if out and out[-1] != "":
                    out.append("")
            else:
                out.append(line.text)
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out).strip()


@dataclass
class _Draft:
    candidate: _Candidate
    sections: list[_Section]
    case_number: str | None
    open: bool
    fravaerende: list[str]
    start: int
    end: int
    bilag: list[str] = field(default_factory=list)
    bilag_section: _Section | None = None
    kle: str | None = None


def _build(
    lines: list[_Line], c: _Candidate, stop: int, info: _HeaderInfo, group_closed: bool = False
) -> _Draft:
    """Read one item's body (lines after its title up to `stop`) into sections and fields."""
    sections: list[_Section] = []
    current: _Section | None = None
    case_number: str | None = c.case
    kle: str | None = c.kle
    is_open = not (c.closed or group_closed)
    absent: list[str] = []
    want_absent = False
    caps_heading: _Section | None = None
    body_start = c.body if c.body is not None else c.title_lines[-1] + 1
    first_content = 0
    for k in range(body_start, stop):
        line = lines[k]
        if line.kind == "link":
            if current is not None:
                current.links.append(line.text)
            continue
        if line.kind in ("noise", "toc", "page"):
            continue
        if line.kind in ("sep", "group"):
            want_absent = False
            current = None
            continue
        if line.kind == "blank":
            want_absent = False
            if current is not None:
                current.lines.append(line)
            continue
        if want_absent:
            want_absent = False
            if _looks_like_names(line.bare):
                absent.append(line.text)
                continue
        if caps_heading is not None:
            if _CAPS_LINE.match(line.bare) and (current is None or not current.lines):
                caps_heading.name = f"{caps_heading.name} {line.bare}"
                continue
            caps_heading = None
        first_content += 1
        if first_content == 1 and c.title and _key(line.bare) == _key(c.title):
            continue  # the title repeated under the header (Holbæk)
        meta = _meta(line)
        if meta is not None:
            case_number = case_number or meta.case
            kle = kle or meta.kle
            if meta.open is False:
                is_open = False
            continue
        if first_content <= 4 and current is None and _CASE_NUMBER.match(line.bare):
            case_number = case_number or line.bare
            continue
        if (current is None or current.kind != "bilag") and (
            _FILE_LINE.match(line.bare) or _FILE_END.search(line.bare)
        ):
            if current is not None:
                current.links.append(line.text)
            continue
        is_absent, value = _fravaerende(line)
        if is_absent:
            if value:
                absent.append(value)
            else:
                want_absent = True
            continue
        heading = _match_heading(line)
        if (
            heading is not None
            and current is not None
            and current.kind == "bilag"
            and heading.kind not in ("beslutning", "bilag")
            and _attachment_follows(lines, k + 1, stop)
        ):
            # FirstAgenda's attachment list opens with the recommendation itself ("Bilag" /
            # "Indstilling" / "Bilag 1: Beslutningsforslag"): a heading word among attachment
            # names is an attachment's name, not a new section
            current.lines.append(line)
            continue
        if heading is not None and not (
            current is not None
            and current.kind == heading.kind
            and current.kind != "section"
            and not current.inline
            and not any(x.kind == "text" for x in current.lines)
        ):
            # ("Indstilling" followed by "Direktøren indstiller, at ..." is one recommendation)
            kind = "section" if heading.kind == "unknown" else heading.kind
            current = _Section(heading.name, kind, k, inline=heading.inline)
            sections.append(current)
            if _CAPS_HEADING.match(line.bare):
                caps_heading = current
            continue
        if current is None:
            current = _Section(_OPENING_TEXT, "section", k)
            sections.append(current)
        current.lines.append(line)
    if case_number is None:
        case_number = _header_case_number(lines, c.index, info)
    start_line = lines[c.index]
    start = start_line.start + (len(start_line.raw) - len(start_line.raw.lstrip()))
    draft = _Draft(c, sections, case_number, is_open, absent, start, _content_end(lines, c, stop))
    draft.kle = kle
    for section in sections:
        if section.kind == "bilag":
            draft.bilag.extend(_bilag_entries(section))
            draft.bilag_section = draft.bilag_section or section
    draft.bilag = list(dict.fromkeys(draft.bilag))
    return draft


_NAME = r"[A-ZÆØÅ][\w'’.\-]*(?:\s+(?:[A-ZÆØÅ][\w'’.\-]*|von|van|de|la))+(?:\s*\([A-ZÆØÅ]{1,3}\))?"
_NAMES = re.compile(rf"^{_NAME}(?:\s*(?:,|;|og|&)\s*{_NAME})*\.?$")
_NOBODY = re.compile(r"^(?:Ingen|Ingen fraværende|Ingen afbud|-|–)\.?$", re.IGNORECASE)


def _looks_like_names(text: str) -> bool:
    """The value of an empty `Fraværende:` line on the next line: names (`Maja Friis (V)`,
    `Per Ravn og Sofie Lund`) or `Ingen`, not the decision that follows the label in eDoc."""
    return bool(_NOBODY.match(text) or (_NAMES.match(text) and not _DECISION_WORDING.match(text)))


def _header_case_number(lines: list[_Line], index: int, info: _HeaderInfo) -> str | None:
    """A case number printed in the page header right above the item header (SbSys)."""
    k = index - 1
    while k >= 0 and lines[k].kind != "text" and index - k < 40:
        if k in info.case_lines:
            return info.case_lines[k]
        k -= 1
    return None


def _content_end(lines: list[_Line], c: _Candidate, stop: int) -> int:
    """Offset just after the item's last content line before `stop`."""
    for k in range(stop - 1, c.index - 1, -1):
        if lines[k].kind == "text" or k in c.title_lines:
            return lines[k].start + len(lines[k].raw.rstrip())
    return lines[c.index].end


_NUMBERED_BILAG = re.compile(r"^Bilag\s+[0-9]{1,3}\s*[:.]", re.IGNORECASE)


def _attachment_follows(lines: list[_Line], k: int, stop: int) -> bool:
    """Whether the next line with text from k names a numbered attachment ("Bilag 1: ..."),
    or the item ends first (an attachment list of one: "Bilag" / "Indstilling")."""
    for j in range(k, stop):
        if lines[j].kind == "blank":
            continue
        return bool(_NUMBERED_BILAG.match(lines[j].bare))
    return True


def _bilag_entries(section: _Section) -> list[str]:
    """Attachment names from a `Bilag` section: bullets, numbered rows, tables; links as a
    fallback (their file name, without the `Punkt_105_Bilag_1_` prefix)."""
    rows: list[str] = []
    texts = ([section.inline] if section.inline else []) + [
        line.text for line in section.lines if line.kind == "text"
    ]
    bullet_mode = any(_BILAG_MARKER.match(t) and not t.lstrip("- ").startswith("|") for t in texts)
    for t in texts:
        t = _LINK.sub("", t).strip()
        if not t:
            continue
        if t.lstrip("-• ").startswith("|"):
            cells = [cell.strip() for cell in t.lstrip("-• ").strip("|").split("|")]
            cells = [x for x in cells if x and not re.fullmatch(r"[0-9]{1,3}", x)]
            cells = [x for x in cells if not _BILAG_DOCNO.match(x) and not _BILAG_TABLE_SEP.match(x)]
            if cells:
                rows.append(_clean_bilag(" ".join(cells)))
            continue
        marker = _BILAG_MARKER.match(t)
        if marker:
            rows.append(_clean_bilag(t[marker.end() :]))
        elif rows and (bullet_mode or _continues_name(rows[-1], t)):
            rows[-1] = f"{rows[-1]} {_clean_bilag(t)}".strip()
        else:
            rows.append(_clean_bilag(t))
    rows = [r for r in rows if r and not _BILAG_DOCNO.match(r)]
    if not rows:
        for link in section.links:
            name = _name_from_link(link)
            if name:
                rows.append(name)
    return rows


def _continues_name(previous: str, text: str) -> bool:
    """A wrapped attachment name: `... 1. halvår` + `2020.pdf`."""
    return (
        not _FILE_EXTENSION.search(previous) and (text[0].islower() or text[0].isdigit()) and len(text) < 60
    )


def _clean_bilag(text: str) -> str:
    s = re.sub(r"^[0-9]{1,3}\s+(?=(?:Åben|Lukket)\b)", "", text.strip())
    s = re.sub(r"^(?:Åben|Lukket)\s+", "", s)
    s = re.sub(r"^Bilag\s*[0-9]{1,3}\s*[:.\-–]\s*", "", s)
    s = re.sub(r"\s+\(?[0-9]{3,}/[0-9]{2}\)?$", "", s)
    return s.strip()


def _name_from_link(link: str) -> str:
    path = urllib.parse.unquote(link.strip("<>").rstrip("/"))
    name = re.split(r"[/\\]", path)[-1]
    name = re.sub(r"^Punkt_[0-9]+_Bilag_[0-9]+_", "", name)
    name = re.sub(r"\.[A-Za-z0-9]{2,4}$", "", name)
    return name.replace("_", " ").strip()


def _decision_fallback(sections: list[_Section]) -> str | None:
    """Decision wording (`Godkendt.`, `At 1: Godkendt.`) in an item without a decision heading."""
    found: list[str] = []
    for section in sections:
        if section.kind in ("indstilling", "bilag"):
            continue
        taking = False
        for line in section.lines:
            if line.kind == "blank":
                taking = False
                continue
            if _DECISION_WORDING.match(line.bare):
                taking = True
                found.append(line.text)
            elif taking:
                found.append(line.text)
    return "\n".join(found) if found else None


def _joined(sections: list[_Section], kind: str) -> str | None:
    texts = [s.text() for s in sections if s.kind == kind]
    texts = [t for t in texts if t]
    return "\n\n".join(texts) if texts else None


def _heading_meeting(name: str) -> tuple[str | None, datetime.date | None]:
    """The committee and date a decision heading names (`Beslutning i <udvalg> den <dato>`,
    `<udvalg>, 10-09-2020, pkt. 100`, `<Udvalgets> møde den 12. december 2011`)."""
    m = _DECISION_COMMITTEE.match(name)
    if m:
        who = re.sub(r"^(?:i|på|fra)\s+", "", m["who"]).strip(" ,")
        return (who or None), parse_danish_date(m["date"])
    m = _DECISION_PKT.match(name)
    if m and _COMMITTEE_WORD.search(m["who"]):
        return m["who"].strip(), parse_danish_date(m["date"])
    m = _DECISION_MEETING.match(name)
    if m:
        return _nominative(m["who"]), parse_danish_date(m["date"])
    return None, None


def _nominative(who: str) -> str:
    """`Beskæftigelsesudvalgets` -> `Beskæftigelsesudvalget`, `Byrådets` -> `Byrådet`."""
    who = re.sub(r"\s+", " ", who).strip()
    return who[:-1] if who.endswith("s") and not who.endswith("ss") else who


_FA_INDSTILLING = {"resume", "resumé"}


def _decision_text(section: _Section, following: _Section | None) -> str | None:
    """A decision section's text. In FirstAgenda byråd exports the indstilling's one-line
    description (or a lone `.`) follows the decision after a paragraph gap, right before
    `Resume` or `INDSTILLING FRA ...`: it is not part of the decision."""
    text = section.text()
    if not text:
        return None
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if paragraphs and re.fullmatch(r"[.\s]+", paragraphs[-1]):
        paragraphs.pop()
    elif (
        len(paragraphs) >= 2
        and following is not None
        and (_key(following.name) in _FA_INDSTILLING or _CAPS_HEADING.match(following.name))
    ):
        paragraphs.pop()
    return "\n\n".join(paragraphs) or None


def _decision(draft: _Draft, meeting_date: datetime.date | None) -> str | None:
    """This meeting's decision: the text under the decision heading; where an item carries
    the decisions of earlier meetings too (`Beslutning i Økonomiudvalget den ...` before
    `Beslutning i Byrådet den ...`), the one of this meeting's date, else the last dated one."""
    sections = draft.sections
    chosen = [i for i, s in enumerate(sections) if s.kind == "beslutning"]
    if not chosen:
        if not draft.open and sections and all(s.name == _OPENING_TEXT for s in sections):
            # a closed item in a FirstAgenda export: the line under its case number
            return "\n\n".join(t for s in sections if (t := s.text())) or None
        return _decision_fallback(sections)
    if len(chosen) > 1:
        dated = [(i, _heading_meeting(sections[i].name)[1]) for i in chosen]
        if any(d for _i, d in dated):
            same = [i for i, d in dated if d is not None and d == meeting_date]
            chosen = same or [max(i for i, d in dated if d is not None)]
    texts = []
    for i in chosen:
        following = sections[i + 1] if i + 1 < len(sections) else None
        text = _decision_text(sections[i], following)
        if text:
            texts.append(text)
    return "\n\n".join(texts) if texts else None


def _to_item(draft: _Draft, meeting_date: datetime.date | None = None) -> AgendaItem:
    sections: dict[str, str] = {}
    for section in draft.sections:
        text = section.text()
        if section.name in sections:
            sections[section.name] = "\n\n".join(x for x in (sections[section.name], text) if x)
        else:
            sections[section.name] = text
    beslutning = _decision(draft, meeting_date)
    absent = list(dict.fromkeys(a.strip() for a in draft.fravaerende if a.strip()))
    absent = [a for a in absent if not _NOBODY.match(a)]
    c = draft.candidate
    return AgendaItem(
        number=c.number,
        title=c.title or None,
        type=c.type,
        case_number=draft.case_number,
        kle=draft.kle,
        open=draft.open,
        sections=sections,
        indstilling=_joined(draft.sections, "indstilling"),
        beslutning=beslutning,
        fravaerende="; ".join(absent) if absent else None,
        bilag=tuple(draft.bilag),
        start=draft.start,
        end=draft.end,
    )


def _drop_collected_bilag(lines: list[_Line], drafts: list[_Draft]) -> None:
    """The last item's `Bilag` list, when it repeats earlier items' attachments, is the
    meeting's collected list (SbSys prints it after the last item): take it out of the item.
    An earlier item's list may share attachment names with another's (FirstAgenda gives each
    item "Indstilling" and "Bilag 1: Beslutningsforslag") and stays its own."""
    if not drafts:
        return
    *earlier, draft = drafts
    seen = {name for d in earlier for name in d.bilag}
    names = set(draft.bilag)
    section = draft.bilag_section
    if section is None or len(names & seen) < 2:
        return
    draft.sections = [s for s in draft.sections if s.kind != "bilag"]
    draft.bilag = []
    end = draft.start
    for k in range(section.first - 1, draft.candidate.index - 1, -1):
        if lines[k].kind == "text":
            end = lines[k].start + len(lines[k].raw.rstrip())
            break
    draft.end = max(end, draft.start)


# --- meeting -------------------------------------------------------------------------------------


def _front_matter(lines: list[_Line], stop: int, info: _HeaderInfo) -> None:
    """Committee and meeting date from the lines before the first item: labels (`Udvalg:`,
    `Mødedato`, `UDVALG` over its value, `Udvalg Beskæftigelsesudvalget`), the document's title
    line (`REFERAT Vejle Byråd d. 14-05-2025`), a line that is a committee's name, and as a
    last resort a sentence that names one."""
    fallback_date: datetime.date | None = None
    fallback_committee: str | None = None
    title_committee: str | None = None
    seen_text = 0
    k = 0
    while k < stop:
        line = lines[k]
        b = line.bare
        if line.kind != "text":
            k += 1
            continue
        seen_text += 1
        m = _HEADER_LABEL.match(b) or _LABEL_SPACE.match(b)
        alone = None if m else _LABEL_ALONE.match(b)
        hit = m or alone
        if hit:
            label = hit["label"].lower()
            value = m["value"].strip() if m else ""
            if not value:
                nxt = _next_text(lines, k + 1, limit=3)
                if nxt is not None and nxt < stop:
                    value = lines[nxt].bare
                    if alone:
                        k = nxt
            if label in (
                "mødedato",
                "mødedag",
                "dato",
                "møde",
                "starttidspunkt",
                "tidspunkt",
                "mødetidspunkt",
            ):
                day = parse_danish_date(value) or _english_date(value)
                info.meeting_date = info.meeting_date or day
            if label in ("udvalg", "møde") and value and info.committee is None:
                who, _day = _title_meeting(value, first=True)
                if who is None and _is_committee(_strip_committee(value)):
                    who = _strip_committee(value)
                if who is None and label == "udvalg":
                    who = _strip_committee(value)
                info.committee = who
            k += 1
            continue
        who, day = _title_meeting(b, first=seen_text <= 3 or line.md_heading)
        if who is not None:
            if info.committee is None and title_committee is None:
                title_committee = who
            fallback_date = fallback_date or day
        elif info.committee is None and title_committee is None and _is_committee(b):
            name = b
            if _CONNECTIVE_END.search(b):
                nxt = _next_text(lines, k + 1, limit=3)
                if nxt is not None and nxt < stop and len(lines[nxt].bare.split()) <= 4:
                    name = f"{b} {lines[nxt].bare}"
                    k = nxt
            info.committee = _strip_committee(name)
        else:
            if fallback_date is None and (
                _DATE_LINE.match(b) or re.search(r"\b(?:den|møde|referat|dagsorden|dato)\b", b, re.IGNORECASE)
            ):
                fallback_date = parse_danish_date(b)
            m = _COMMITTEE_IN_SENTENCE.search(b)
            if m and fallback_committee is None:
                fallback_committee = _strip_committee(m["who"])
        k += 1
    if info.header_date is None:
        info.header_date = fallback_date
    if info.committee is None:
        info.committee = title_committee or fallback_committee


_ENGLISH_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_ENGLISH_DATE = re.compile(
    r"\b(?P<month>[A-Za-z]{3,9})\s+(?P<day>[0-9]{1,2}),?\s+(?P<year>(?:19|20)[0-9]{2})\b"
)


def _english_date(text: str) -> datetime.date | None:
    """`Torsdag, January 14, 2021 - 16:00` (a Danish page with an English date format)."""
    m = _ENGLISH_DATE.search(text)
    if not m or m["month"].lower() not in _ENGLISH_MONTHS:
        return None
    try:
        return datetime.date(int(m["year"]), _ENGLISH_MONTHS[m["month"].lower()], int(m["day"]))
    except ValueError:
        return None


def _from_decisions(drafts: list[_Draft]) -> tuple[str | None, datetime.date | None]:
    """Committee and date from decision headers (`Beslutning <udvalg> den 11-12-2013`): the
    date most headers name (earlier committees' decisions name their own), and the committee
    named with it."""
    seen: list[tuple[str | None, datetime.date]] = []
    for draft in drafts:
        for section in draft.sections:
            if section.kind == "beslutning":
                who, day = _heading_meeting(section.name)
                if day is not None:
                    seen.append((who, day))
    if not seen:
        return None, None
    days = [d for _w, d in seen]
    day = max(dict.fromkeys(days), key=lambda d: (days.count(d), d))
    names = [w for w, d in seen if d == day and w]
    who = max(dict.fromkeys(names), key=names.count) if names else None
    return who, day


def _lead_in(lines: list[_Line], c: _Candidate, low: int) -> int:
    """Where the item whose header is c begins: at c, or at a line above it that announces the
    same item (`• Pkt. 102 Titel` over `Pkt. 102`, with attachment file names between, as on
    Roskilde's pages), so the item before ends there."""
    k = c.index - 1
    while k > low:
        line = lines[k]
        if line.kind in ("blank", "link", "noise", "page") or (
            line.kind == "text" and (_FILE_LINE.match(line.bare) or _FILE_END.search(line.bare))
        ):
            k -= 1
            continue
        if line.kind == "text":
            m = _ITEM_PKT.match(line.bare) or _ITEM_NUMBERED.match(line.bare)
            if m and int(m["num"]) == c.number:
                return k
        break
    return c.index


# --- items without numbers ------------------------------------------------------------------------


def _title_like(line: _Line) -> bool:
    """A plain line that can be an unnumbered item's title (a heading the copy flattened)."""
    b = line.bare
    if line.kind != "text" or not (2 <= len(b) <= 150) or len(b.split()) > 16:
        return False
    if not (b[0].isupper() or b[0].isdigit()) or b[-1] in ".:;,!?":
        return False
    heading = _match_heading(line)
    return not (
        (heading is not None and heading.kind != "unknown")
        or _meta(line) is not None
        or _FILE_END.search(b)
        or _HEADER_LABEL.match(b)
        or _LABEL_SPACE.match(b)
        or _DECISION_WORDING.match(b)
        or _fravaerende(line)[0]
        or _NOBODY.match(b)
    )


def _unnumbered(lines: list[_Line], stop: int) -> list[_Candidate]:
    """Items of minutes that do not number them (web pages copied as text): recognised by the
    sequence of their sections (`Resume`/`Sagsfremstilling` ... `Indstilling` ... `Beslutning`).
    A new item begins where a section heading repeats within the item, where an opening section
    follows a decision, and after a web control (`Til toppen`); the plain line above its first
    heading (and meta lines such as `Sagsnr.:`) is its title, if the text kept one."""
    heads: list[tuple[int, str, str]] = []
    for k in range(stop):
        line = lines[k]
        if line.kind == "text":
            h = _match_heading(line)
            if h is not None and h.kind != "unknown":
                heads.append((k, h.kind, _key(h.name)))
    if not any(kind == "beslutning" for _k, kind, _n in heads):
        return []
    if not any(kind in ("section", "indstilling") for _k, kind, _n in heads):
        return []
    seps = [0]
    for line in lines[:stop]:
        seps.append(seps[-1] + (line.kind in ("sep", "group")))
    # Items open with their decision in some layouts: then a decision has the item's title or
    # case number right above it, and an opening section after a decision starts nothing new.
    decisions = [(pos, k) for pos, (k, kind, _n) in enumerate(heads) if kind == "beslutning"]
    first_up = sum(
        1
        for pos, k in decisions
        if pos == 0 or _block_above(lines, k, heads[pos - 1][0]) or seps[k] - seps[heads[pos - 1][0] + 1] > 0
    )
    order_based = first_up * 2 <= len(decisions)
    groups: list[list[int]] = []
    seen: set[str] = set()
    decided = False
    previous = -1
    for k, kind, name in heads:
        boundary = previous >= 0 and (seps[k] - seps[previous + 1] > 0 or _block_above(lines, k, previous))
        new = (
            not groups
            or name in seen
            or (decided and kind in ("section", "indstilling") and (order_based or boundary))
        )
        if new:
            groups.append([k])
            seen = set()
            decided = False
        else:
            groups[-1].append(k)
        seen.add(name)
        decided = decided or kind == "beslutning"
        previous = k
    items: list[_Candidate] = []
    low = 0
    for group in groups:
        first = group[0]
        start, title_index = _item_lead(lines, first, low)
        if title_index is not None:
            c = _Candidate(title_index, None, [title_index], lines[title_index].bare, "plain", False)
        else:
            c = _Candidate(start, None, [], "", "plain", False, body=start)
        items.append(c)
        low = group[-1] + 1
    return _with_title_only_items(lines, items, stop)


def _block_above(lines: list[_Line], k: int, low: int) -> bool:
    """Whether a meta line or a title line sits right above heading k (blank lines between)."""
    j = k - 1
    while j > low and lines[j].kind in ("blank", "noise", "page"):
        j -= 1
    return j > low and lines[j].kind == "text" and (_meta(lines[j]) is not None or _title_like(lines[j]))


def _item_lead(lines: list[_Line], first: int, low: int) -> tuple[int, int | None]:
    """The first line of an unnumbered item whose first heading is at `first`, and its title
    line if it has one: meta lines and one title line directly above (blank lines and web
    controls between them), not reaching back past `low`."""
    start = first
    k = first - 1
    title = None
    while k >= low:
        line = lines[k]
        if line.kind in ("blank", "noise", "link", "page", "sep"):
            k -= 1
            continue
        if line.kind != "text":
            break
        if _meta(line) is not None:
            start = k
            k -= 1
            continue
        if _title_like(line) and _only_blank_between(lines, k + 1, start) and k > 0:
            before = k - 1
            while before >= low and lines[before].kind in ("blank", "noise", "page"):
                before -= 1
            if (
                before < low
                or lines[before].kind != "text"
                or not _HEADER_LABEL.match(lines[before].bare)
                or k - before > 1
            ):
                title = k
                start = k
        break
    return start, title


def _with_title_only_items(lines: list[_Line], items: list[_Candidate], stop: int) -> list[_Candidate]:
    """Add items that are only a title (`Eventuelt`), set apart like items are: after a web
    control (`Til toppen`) or two empty lines, and before one, two empty lines or the end.
    Nothing was decided, but the item was on the agenda."""
    if not items:
        return items
    starts = {c.index for c in items}
    levels = {_md_level(lines[c.index]) for c in items if c.title_lines}
    extra: list[_Candidate] = []
    for k in range(items[0].index + 1, stop):
        line = lines[k]
        if k in starts or not _title_like(line):
            continue
        if (line.md_heading and _md_level(line) in levels) or (
            _apart(lines, k, -1, stop) and _apart(lines, k, 1, stop)
        ):
            extra.append(_Candidate(k, None, [k], line.bare, "plain", False))
    return sorted(items + extra, key=lambda c: c.index)


def _md_level(line: _Line) -> int:
    """The markdown heading level of a line (0 for a line that is no `#` heading)."""
    if not line.md_heading:
        return 0
    return len(line.raw) - len(line.raw.lstrip().lstrip("#")) - (len(line.raw) - len(line.raw.lstrip()))


def _apart(lines: list[_Line], k: int, step: int, stop: int) -> bool:
    """Whether line k is set apart on one side: a web control, two empty lines, or the end."""
    blanks = 0
    j = k + step
    while 0 <= j < stop:
        kind = lines[j].kind
        if kind == "sep":
            return True
        if kind in ("blank", "page"):
            blanks += 1
        elif kind != "noise":
            return blanks >= 2
        j += step
    return step > 0


def _group_states(lines: list[_Line], chain: list[_Candidate]) -> list[bool]:
    """Whether each item sits in a group of closed items (`Lukkede` above it, Gribskov): a
    group heading counts from the item right below it until the next group heading."""
    groups = [i for i, line in enumerate(lines) if line.kind == "group"]
    states: list[bool] = []
    state = False
    for pos, c in enumerate(chain):
        low = chain[pos - 1].index if pos else -1
        between = [i for i in groups if low < i < c.index]
        if pos == 0:
            between = [i for i in between if _only_blank_between(lines, i + 1, c.index)]
        if between:
            state = _key(lines[between[-1]].bare).startswith("lukke")
        states.append(state)
    return states


# --- public API ----------------------------------------------------------------------------------


def parse_minutes(text: str) -> Minutes:
    """Parse minutes text into the committee, the meeting date and the agenda items.

    Never raises on any text; a text without recognisable items gives no items. Text in an item
    before its first heading is kept as the section "Tekst". A `Fraværende:` line goes to
    `fravaerende` and stays out of the section it sits in.
    """
    lines = _split_lines(text)
    info = _HeaderInfo()
    _join_wrapped_headings(lines)
    _mark_page_headers(lines, info)
    _mark_page_furniture(lines)
    candidates = _find_candidates(lines, len(lines))
    toc, toc_weight = _table_of_contents(lines, candidates)
    candidates = [c for c in candidates if lines[c.index].kind == "text"]
    if toc:
        candidates = [c for c in candidates if c.number in toc]
    stop = len(lines)
    if candidates:
        for k in range(candidates[0].index + 1, len(lines)):
            if lines[k].kind == "text" and _APPENDIX.match(lines[k].bare):
                stop = k
                break
        candidates = [c for c in candidates if c.index < stop]
    _score(lines, candidates, toc, toc_weight)
    chain = _select(candidates)
    if not chain:
        chain = _unnumbered(lines, stop)
    _front_matter(lines, chain[0].index if chain else min(stop, len(lines)), info)
    drafts: list[_Draft] = []
    for pos, (c, closed) in enumerate(zip(chain, _group_states(lines, chain))):
        end = _lead_in(lines, chain[pos + 1], c.index) if pos + 1 < len(chain) else stop
        drafts.append(_build(lines, c, end, info, group_closed=closed))
    _drop_collected_bilag(lines, drafts)
    committee, decision_date = _from_decisions(drafts)
    meeting_date = info.meeting_date or info.header_date or decision_date
    items = tuple(_to_item(d, meeting_date) for d in drafts)
    if items and items[0].number is None and not any(item.beslutning for item in items):
        items = ()  # section headings without a decision in words are no agenda
    return Minutes(
        committee=info.committee or committee,
        meeting_date=meeting_date,
        items=items,
    )


def agenda_of(text: str, where: str) -> Minutes:
    """`parse_minutes` for a text that must be minutes (afdaek ingest, minutes parse):
    InputError (where: NO_ITEMS) when it has no agenda items."""
    from textmining.errors import InputError

    minutes = parse_minutes(text)
    if not minutes.items:
        raise InputError(where, NO_ITEMS)
    return minutes


def parse_minutes_file(path: str | Path) -> Minutes:
    """The minutes in a file, read as any document is (`agenda_of` its text)."""
    from textmining.readers.sources import read_document

    source = read_document(path)
    return agenda_of(source.text, source.path)


def minutes_to_json(minutes: Minutes, file: str) -> dict[str, Any]:
    """The JSON shape printed by `afdaek minutes parse FILE --format json`."""
    return {
        "file": file,
        "committee": minutes.committee,
        "meeting_date": minutes.meeting_date.isoformat() if minutes.meeting_date else None,
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "type": item.type,
                "case_number": item.case_number,
                "kle": item.kle,
                "open": item.open,
                "sections": dict(item.sections),
                "indstilling": item.indstilling,
                "beslutning": item.beslutning,
                "fravaerende": item.fravaerende,
                "bilag": list(item.bilag),
            }
            for item in minutes.items
        ],
    }


def looks_like_minutes(text: str) -> bool:
    """Cheap guess whether a text is minutes: decision headings, item headers, meeting words."""
    sample = text[:60000]
    decisions = 0
    headings: set[str] = set()
    items = 0
    for raw in sample.splitlines():
        if len(raw) > 300:
            continue
        s, bare, md_heading, bold = _clean(raw)
        if not s:
            continue
        line = _Line(0, 0, raw, s, bare, md_heading, bold)
        heading = _match_heading(line)
        if heading is not None and heading.kind == "beslutning" and heading.name != "Afgørelse":
            decisions += 1
        elif heading is not None and heading.kind in ("section", "indstilling"):
            headings.add(heading.name.casefold())
        if _candidate(line) is not None:
            items += 1
    meeting = bool(
        re.search(r"\b(?:referat|dagsorden|mødedato|udvalg\w*|byråd\w*)\b", sample[:5000], re.IGNORECASE)
    )
    score = (len(headings) >= 2) + (items >= 1) + meeting
    if decisions >= 1 and score >= 2:
        return True
    # a page cut off before its first decision: items, a section, and the minutes' own marks
    agenda = re.search(
        r"^\s*(?:Referat|Dagsorden|Indholdsfortegnelse|Punkter på dagsordenen|Dagsordenpunkter)\b",
        sample[:5000],
        re.IGNORECASE | re.MULTILINE,
    ) or any(_KLE_CASE.match(line.strip()) for line in sample[:20000].splitlines())
    return items >= 1 and len(headings) >= 1 and meeting and bool(agenda)
