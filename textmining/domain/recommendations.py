"""Recommendation sets and link proposals: which agenda items concern which recommendation.

A recommendation set is data (TOML, see `data/anbefalinger_2021.toml`): number, title,
purpose, intended effects, owner, milestones with deadlines, keywords and the indicators that
show progress. `load_set` reads and checks it and reports every problem as one Danish line.

`propose_links` scores an agenda item against each recommendation. Pure: no database, the
lemmatiser is passed in. Evidence, strongest first:

1. the item is the decision a recorded status update points at ("UFB 2021-08-09 pkt. 77"): 1,0
2. the item names the recommendation ("anbefaling 6", "anbefalingerne 5 og 6"): 0,95 in the
   title, 0,8 in the text
3. the item refers to an earlier agenda item that is one of the recommendation's decisions
   ("den 9. august 2021, punkt 77"), unless that item is a decision of several: 0,6
4. keywords of the recommendation (lemmatised; a one-word keyword also matches as the first
   part of a compound, "sanktion" in "sanktionspraksis"): 0,3 per keyword in the title and 0,1
   per distinct keyword in the text, at most 0,7.

The evidence adds up (capped at 1,0); items scoring below `threshold` (0,3) are not proposed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textmining import DATA_DIR
from textmining.config import bundled_toml, load_toml
from textmining.errors import InputError
from textmining.language.dates import find_dates, iso_date

DATA = DATA_DIR
DEFAULT_SET = DATA / "anbefalinger_2021.toml"

STATUSES: tuple[str, ...] = ("ikke startet", "i gang", "gennemført", "forsinket", "opgivet")
"""The statuses of a recommendation, in the order a report lists them."""
LINK_STATUSES: tuple[str, ...] = ("foreslaaet", "accepteret", "afvist")
"""The statuses of a link between an agenda item and a recommendation, as stored."""

_STATUS_ALIASES = {
    "ikke startet": "ikke startet",
    "ikke_startet": "ikke startet",
    "ikke påbegyndt": "ikke startet",
    "i gang": "i gang",
    "i_gang": "i gang",
    "igang": "i gang",
    "påbegyndt": "i gang",
    "gennemført": "gennemført",
    "gennemfoert": "gennemført",
    "gennemfort": "gennemført",
    "afsluttet": "gennemført",
    "færdig": "gennemført",
    "forsinket": "forsinket",
    "opgivet": "opgivet",
    "droppet": "opgivet",
}

TITLE_MENTION = 0.95
TEXT_MENTION = 0.8
KNOWN_DECISION = 1.0
REFERENCED_DECISION = 0.6
KEYWORD_TITLE = 0.3
KEYWORD_TEXT = 0.1
KEYWORD_CAP = 0.7
THRESHOLD = 0.3


@dataclass(frozen=True)
class Milestone:
    """A step of a recommendation with the date it should be reached by."""

    title: str
    deadline: date | None


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator that shows progress: a measure for a ydelsesgruppe (indicator tables)."""

    measure: str
    group: str
    direction: str = ""
    """'op' or 'ned': the way the figure should move if the recommendation works; '' unknown."""


@dataclass(frozen=True)
class Recommendation:
    """One recommendation of a set, as written in the set's TOML file."""

    number: str
    title: str
    purpose: str
    effects: tuple[str, ...]
    owner: str | None
    keywords: tuple[str, ...]
    milestones: tuple[Milestone, ...]
    indicators: tuple[IndicatorRef, ...]
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecommendationSet:
    """A set of recommendations (an analysis's or a consultancy's action plan)."""

    id: str
    title: str
    source: str | None
    periods: tuple[str, str] | None
    recommendations: tuple[Recommendation, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the store (dates as ISO text)."""
        data = asdict(self)
        for rec in data["recommendations"]:
            for m in rec["milestones"]:
                m["deadline"] = m["deadline"].isoformat() if m["deadline"] else None
        return data


@dataclass(frozen=True)
class ItemRef:
    """A reference to an agenda item: meeting date (when known) and item number."""

    meeting_date: date | None
    number: int


@dataclass(frozen=True)
class LinkProposal:
    """A proposed link from an agenda item to a recommendation, with score and reason."""

    number: str
    score: float
    reason: str


@dataclass(frozen=True)
class HistoryRow:
    """One row of a status history file: recommendation, date, status, note, source."""

    number: str
    date: date
    status: str
    note: str
    source: str
    line: int


# --------------------------------------------------------------------------------------------
# Loading a set


def default_set_path() -> Path:
    """The bundled set: the 8 recommendations of the 2021 analysis."""
    return DEFAULT_SET


def normalise_status(text: str, where: str | None = None) -> str:
    """'Gennemfoert' → 'gennemført'; InputError naming the allowed statuses otherwise."""
    key = " ".join(str(text or "").lower().split())
    if key in _STATUS_ALIASES:
        return _STATUS_ALIASES[key]
    allowed = ", ".join(f"'{s}'" for s in STATUSES)
    raise InputError(where, f"ukendt status '{text}'; brug en af {allowed}")


def _as_date(value: Any, where: str, path: str) -> date | None:
    if value is None or value == "":
        return None
    day = iso_date(value)
    if day is None:
        raise InputError(path, f"{where}: datoen '{value}' skal skrives ÅÅÅÅ-MM-DD")
    return day


def _text_list(value: Any, where: str, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(path, f"{where}: skal være en liste af tekster")
    return tuple(" ".join(v.split()) for v in value if v.strip())


_PERIOD = re.compile(r"^\d{4}(K[1-4]|M(0[1-9]|1[0-2])|H[12])?$")


def parse_set(data: Mapping[str, Any], path: str = "anbefalinger") -> RecommendationSet:
    """A recommendation set from parsed TOML data; InputError for the first problem."""
    set_id = str(data.get("id") or "").strip()
    if not set_id:
        raise InputError(path, "mangler 'id' (et kort navn for sættet, fx \"anbefalinger_2021\")")
    title = str(data.get("titel") or "").strip()
    if not title:
        raise InputError(path, "mangler 'titel' for sættet")
    periods = None
    if "perioder" in data:
        raw = data["perioder"]
        if (
            not isinstance(raw, list)
            or len(raw) != 2
            or not all(isinstance(p, str) and _PERIOD.match(p) for p in raw)
        ):
            raise InputError(path, '\'perioder\' skal være to perioder, fx ["2019K3", "2021K3"]')
        periods = (raw[0], raw[1])
    recs_raw = data.get("anbefaling")
    if not isinstance(recs_raw, list) or not recs_raw:
        raise InputError(path, "ingen anbefalinger; skriv hver som en [[anbefaling]]-blok")
    recs: list[Recommendation] = []
    seen: set[str] = set()
    for i, raw in enumerate(recs_raw, start=1):
        where = f"anbefaling nr. {i} i filen"
        if not isinstance(raw, Mapping):
            raise InputError(path, f"{where}: skal være en [[anbefaling]]-blok")
        number = str(raw.get("nummer") or "").strip()
        if not number:
            raise InputError(path, f"{where}: mangler 'nummer'")
        where = f"anbefaling {number}"
        if number in seen:
            raise InputError(path, f"{where}: nummeret findes to gange")
        seen.add(number)
        rtitle = " ".join(str(raw.get("titel") or "").split())
        if not rtitle:
            raise InputError(path, f"{where}: mangler 'titel'")
        unknown = set(raw) - {
            "nummer",
            "titel",
            "formaal",
            "effekter",
            "ansvarlig",
            "noegleord",
            "milepael",
            "indikator",
            "referencer",
        }
        if unknown:
            raise InputError(path, f"{where}: ukendt felt '{min(unknown)}'")
        milestones = []
        for m in raw.get("milepael") or []:
            mtitle = " ".join(str(m.get("titel") or "").split()) if isinstance(m, Mapping) else ""
            if not mtitle:
                raise InputError(path, f"{where}: en milepæl mangler 'titel'")
            milestones.append(
                Milestone(mtitle, _as_date(m.get("frist"), f"{where}, milepæl '{mtitle}'", path))
            )
        indicators = []
        for ind in raw.get("indikator") or []:
            if not isinstance(ind, Mapping) or not ind.get("maaling") or not ind.get("ydelsesgruppe"):
                raise InputError(path, f"{where}: en indikator skal have 'maaling' og 'ydelsesgruppe'")
            direction = str(ind.get("retning") or "").strip().lower()
            if direction not in ("", "op", "ned"):
                raise InputError(
                    path,
                    f"{where}: indikatorens 'retning' skal være \"op\" eller "
                    f"\"ned\", ikke '{ind['retning']}'",
                )
            indicators.append(
                IndicatorRef(str(ind["maaling"]).strip(), str(ind["ydelsesgruppe"]).strip(), direction)
            )
        recs.append(
            Recommendation(
                number=number,
                title=rtitle,
                purpose=" ".join(str(raw.get("formaal") or "").split()),
                effects=_text_list(raw.get("effekter"), f"{where}, 'effekter'", path),
                owner=(str(raw["ansvarlig"]).strip() or None) if raw.get("ansvarlig") else None,
                keywords=_text_list(raw.get("noegleord"), f"{where}, 'noegleord'", path),
                milestones=tuple(milestones),
                indicators=tuple(indicators),
                references=_text_list(raw.get("referencer"), f"{where}, 'referencer'", path),
            )
        )
    source = str(data.get("kilde") or "").strip() or None
    return RecommendationSet(set_id, title, source, periods, tuple(recs))


def load_set(path: str | Path | None = None) -> RecommendationSet:
    """Read and check a recommendation set (TOML); the bundled set when path is None."""
    p = Path(path) if path is not None else DEFAULT_SET
    data = load_toml(p) if path is not None else bundled_toml(p)
    return parse_set(data, str(p))


# --------------------------------------------------------------------------------------------
# Status history files


_HISTORY_COLUMNS = ("anbefaling", "dato", "status", "note", "kilde")


def read_history(path: str | Path) -> list[HistoryRow]:
    """A status history CSV (anbefaling;dato;status;note;kilde), each row checked."""
    from textmining.readers.guards import path_text, read_input
    from textmining.readers.sources import decode_text

    where = path_text(path)
    text, _encoding = decode_text(read_input(path, where), where)
    return parse_history(text, where)


def parse_history(text: str, path: str = "historik") -> list[HistoryRow]:
    """Rows of a status history text (semicolon or comma separated, header first)."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in _HISTORY_COLUMNS[:3] if c not in header]
    if missing:
        raise InputError(path, f"kolonnen '{missing[0]}' mangler; forventede {';'.join(_HISTORY_COLUMNS)}")
    col = {name: header.index(name) for name in _HISTORY_COLUMNS if name in header}
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))

        def get(name: str, cells: list[str] = cells) -> str:
            return cells[col[name]].strip() if name in col else ""

        number = get("anbefaling")
        if not number:
            raise InputError(path, f"linje {line}: anbefalingens nummer mangler")
        when = _as_date(get("dato"), f"linje {line}", path)
        if when is None:
            raise InputError(path, f"linje {line}: datoen mangler")
        status = normalise_status(get("status"), f"{path}: linje {line}")
        rows.append(HistoryRow(number, when, status, get("note"), get("kilde"), line))
    return rows


# --------------------------------------------------------------------------------------------
# References in text

_ITEM = re.compile(r"\b(?:punkt|pkt\.?)\s*(?:nr\.?\s*)?(\d{1,4})\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÆØÅ]|\n\s*\n")
_RECOMMENDATION = re.compile(
    r"\banbefaling(?:erne|er|en)?\s+(?:nr\.?\s*|nummer\s+)?"
    r"(\d{1,2}(?:\s*(?:,|og|samt|eller)\s*\d{1,2}(?!\d)(?!\.\s*(?:jan|feb|mar|apr|maj|jun|jul|"
    r"aug|sep|okt|nov|dec)))*)(?!\d)",
    re.IGNORECASE,
)


def _dates_in(text: str, default_year: int | None) -> list[tuple[int, date]]:
    """Dates in text with their offsets ('9. august 2021', '2021-08-09', '09-08-2021'); a date
    without a year takes default_year, and is left out without one."""
    return [
        (start, d)
        for start, _end, d in find_dates(text, default_year=default_year, require_year=default_year is None)
    ]


def parse_item_refs(text: str, default_date: date | None = None) -> list[ItemRef]:
    """Agenda items a text refers to: 'den 9. august 2021, punkt 77', 'UFB 2021-08-09 pkt. 77'.

    A reference takes the nearest date written before it in the same sentence (or within 60
    characters); without one the meeting date is default_date's (None when not given).
    """
    refs = []
    dates = _dates_in(text, default_date.year if default_date else None)
    for m in _ITEM.finditer(text):
        near = [
            d
            for pos, d in dates
            if 0 <= m.start() - pos <= 60 and not _SENTENCE_BREAK.search(text[pos : m.start()])
        ]
        when = near[-1] if near else default_date
        ref = ItemRef(when, int(m.group(1)))
        if ref not in refs:
            refs.append(ref)
    return refs


def mentioned_recommendations(text: str) -> list[str]:
    """Recommendation numbers a text names: 'anbefaling 6', 'anbefalingerne 5 og 6'."""
    out: list[str] = []
    for m in _RECOMMENDATION.finditer(text or ""):
        for n in re.findall(r"\d{1,2}", m.group(1)):
            n = str(int(n))
            if n not in out:
                out.append(n)
    return out


# --------------------------------------------------------------------------------------------
# Link proposals

Lemmatiser = Callable[[str], list[str]]


def _simple_lemmas(text: str) -> list[str]:
    return re.findall(r"[\wæøåÆØÅ]+", text.lower())


def _keyword_patterns(keywords: Iterable[str], lemmatise: Lemmatiser) -> list[tuple[str, tuple[str, ...]]]:
    return [(kw, tuple(lemmatise(kw))) for kw in keywords if kw.strip()]


def _contains(words: Sequence[str], pattern: tuple[str, ...]) -> bool:
    """True when the lemma sequence contains the pattern; a single word of 5 or more letters
    also matches as the first part of a compound."""
    if not pattern:
        return False
    if len(pattern) == 1:
        p = pattern[0]
        if len(p) >= 5:
            return any(w.startswith(p) for w in words)
        return p in words
    n = len(pattern)
    first = pattern[0]
    return any(words[i] == first and tuple(words[i : i + n]) == pattern for i in range(len(words) - n + 1))


def _as_mapping(rec: Recommendation | Mapping[str, Any]) -> Mapping[str, Any]:
    return asdict(rec) if isinstance(rec, Recommendation) else rec


def propose_links(
    item: Mapping[str, Any],
    recommendations: Sequence[Recommendation | Mapping[str, Any]],
    *,
    lemmatise: Lemmatiser | None = None,
    threshold: float = THRESHOLD,
) -> list[LinkProposal]:
    """Proposed links from one agenda item to recommendations, best first.

    item: title, text, meeting_date (ISO text or date), number, and optionally lemmas (the
    item text's lemmas, space-separated, as the store keeps them). Each recommendation: number,
    title, keywords and references (sources of its decisions, e.g. "UFB 2021-08-09 pkt. 77").
    """
    lem = lemmatise or _simple_lemmas
    title = str(item.get("title") or "")
    text = str(item.get("text") or "")
    meeting = iso_date(item.get("meeting_date"))
    number = item.get("number")
    title_lemmas = lem(title)
    text_lemmas = str(item.get("lemmas") or "").split() or lem(text)
    title_mentions = set(mentioned_recommendations(title))
    text_mentions = set(mentioned_recommendations(text))
    refs_in_text = [
        r
        for r in parse_item_refs(text, meeting)
        if not (r.number == number and r.meeting_date in (meeting, None))
    ]
    recs = [_as_mapping(r) for r in recommendations]
    decisions_of = {
        str(r["number"]): [d for src in r.get("references") or () for d in parse_item_refs(src)] for r in recs
    }
    # A referenced item that is a decision of several recommendations (say, the approval of
    # all of them) is no evidence for any one of them.
    shared = {ref: sum(1 for ds in decisions_of.values() if _matches(ref, ds)) for ref in refs_in_text}
    proposals = []
    for rec in recs:
        rnum = str(rec["number"])
        score = 0.0
        reasons: list[str] = []
        decisions = decisions_of[rnum]
        if meeting and any(d.number == number and d.meeting_date == meeting for d in decisions):
            score += KNOWN_DECISION
            reasons.append("punktet er kilde til en registreret status")
        if rnum in title_mentions:
            score += TITLE_MENTION
            reasons.append(f"titlen nævner anbefaling {rnum}")
        elif rnum in text_mentions:
            score += TEXT_MENTION
            reasons.append(f"teksten nævner anbefaling {rnum}")
        for ref in refs_in_text:
            if _matches(ref, decisions) and shared.get(ref, 0) <= 1:
                score += REFERENCED_DECISION
                reasons.append(f"henviser til punkt {ref.number}, en beslutning om anbefalingen")
                break
        in_title, in_text = [], []
        for kw, pattern in _keyword_patterns(rec.get("keywords") or (), lem):
            if _contains(title_lemmas, pattern):
                in_title.append(kw)
            elif _contains(text_lemmas, pattern):
                in_text.append(kw)
        kw_score = min(KEYWORD_CAP, KEYWORD_TITLE * len(in_title) + KEYWORD_TEXT * len(in_text))
        if kw_score:
            score += kw_score
            found = in_title + in_text
            shown = ", ".join(f"»{k}«" for k in found[:4]) + (" …" if len(found) > 4 else "")
            reasons.append(f"nøgleord: {shown}")
        score = round(min(score, 1.0), 2)
        if score >= threshold:
            proposals.append(LinkProposal(rnum, score, "; ".join(reasons)))
    proposals.sort(key=lambda p: (-p.score, _number_key(p.number)))
    return proposals


def _matches(ref: ItemRef, decisions: Sequence[ItemRef]) -> bool:
    """True when ref names one of the decisions (an unknown date matches any date)."""
    return any(
        d.number == ref.number
        and (ref.meeting_date is None or d.meeting_date is None or d.meeting_date == ref.meeting_date)
        for d in decisions
    )


def _number_key(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**6, number)


def link_proposer(
    nlp: Any = None, *, threshold: float = THRESHOLD
) -> Callable[[Mapping[str, Any], Sequence[Any]], list[LinkProposal]]:
    """propose_links bound to the Danish pipeline's lemmas (loaded once), for the store's
    `propose_links(store, proposer)`."""
    cache: dict[str, list[str]] = {}

    def lemmatise(text: str) -> list[str]:
        if text not in cache:
            from textmining.language.nlp import load_pipeline

            pipeline = nlp if nlp is not None else load_pipeline()
            cache[text] = [t.lemma_ for t in pipeline(text) if not (t.is_punct or t.is_space)]
        return cache[text]

    def proposer(item: Mapping[str, Any], recommendations: Sequence[Any]) -> list[LinkProposal]:
        return propose_links(item, recommendations, lemmatise=lemmatise, threshold=threshold)

    return proposer
