"""Case timelines: a case's metadata and its sanction events in date order; reading case
folders (one subfolder per case) and CSV exports into timelines."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.language import Language

from textmining.domain.casenotes import CaseMeta, CaseNote, read_case_meta, read_journal, split_notes
from textmining.domain.sanctions import CaseEvent, detail_date, find_events, find_events_many, load_patterns
from textmining.errors import InputError

TEXT_SUFFIXES = {".txt", ".md"}
# E-mails are read without a reader (the standard library's parser; casefiles.read_eml): the
# header block "Fra:/Til:/Dato:/Emne:" dates the mail by its Date header, as on ingest.
MAIL_SUFFIXES = {".eml", ".msg"}
CASE_FILE = "sag.toml"
# Files in a case folder that are not documents of the case.
IGNORED_FILES = {CASE_FILE, "expected.toml"}


@dataclass(frozen=True)
class Reference:
    """A later mention of an earlier event ("fradrag for udeblivelsen den 14.3.", "ingen svar
    på partshøringen"): the mention with its own evidence sentence, and the index in the
    timeline's events of the event it refers to."""

    mention: CaseEvent
    refers_to: int


@dataclass(frozen=True)
class CaseTimeline:
    """A case's metadata, its events (acts) sorted by date (undated last), and the mentions
    that refer back to one of them. The rules read the events; a reference adds what it says
    (an assessment of a reason, say) to the event it refers to, never an act of its own."""

    meta: CaseMeta
    events: tuple[CaseEvent, ...]
    references: tuple[Reference, ...] = ()


# What a reference tells about the event it refers to (merged into it when it lacks them).
_CARRIED = ("vurderet", "a1_vurdering", "begrundelse", "skriftlig", "konsekvens", "klagevejledning")


def build_timeline(meta: CaseMeta, events: Iterable[CaseEvent]) -> CaseTimeline:
    """Sort events by date (text order within a date; undated last) and tell acts from
    references. A mention is a reference when an earlier act of the same kind is on record
    and the mention names the same date, speaks of the act as known ("partshøringen", "svar
    på ..."), has no date of its own, or assesses a reason already claimed."""
    events = _afbud_on_the_summoned_meeting(_reasons_near_a_failure(list(events)))
    indexed = list(enumerate(events))
    # On one day the letter itself comes before the journal's account of it ("Afg. sendt."):
    # the whole letter is the act, the note's line a reference to it.
    indexed.sort(
        key=lambda ie: (ie[1].date is None, ie[1].date or date.min, not ie[1].details.get("brev"), ie[0])
    )
    acts: list[CaseEvent] = []
    refs: list[tuple[CaseEvent, int]] = []
    for _, e in indexed:
        target = _referred(e, acts)
        if target is None:
            acts.append(e)
        else:
            refs.append((e, target))
    for e, target in refs:
        carried = {k: v for k, v in e.details.items() if k in _CARRIED and k not in acts[target].details}
        if carried:
            acts[target] = replace(acts[target], details={**acts[target].details, **carried})
    return CaseTimeline(meta, tuple(acts), tuple(Reference(e, t) for e, t in refs))


REASON_WINDOWS = {"udeblivelse": (-1, 30), "afbud": (-30, 30)}
"""A reason told in everyday words counts from a day before a failure to 30 days after it
(vurdering (projektet): the citizen explains when contacted after the failure), and within 30
days either side of an afbud (an afbud is dated on the meeting it cancels, and the reason is
told when the afbud is given, often days before)."""


def _reasons_near_a_failure(events: list[CaseEvent]) -> list[CaseEvent]:
    """Keep a reason told in everyday words ("glemte det", "bussen kom ikke") only when the
    case has a failure or an afbud near it; elsewhere the same words are just a note's talk."""
    # ("ingen afbud" is no afbud given: it marks the failure, and the failure's window holds)
    days = [
        (e.date, REASON_WINDOWS["udeblivelse" if e.negated else e.kind])
        for e in events
        if e.kind in REASON_WINDOWS and e.date
    ]

    def near(e: CaseEvent) -> bool:
        return e.date is None or any(lo <= (e.date - d).days <= hi for d, (lo, hi) in days)

    return [
        e for e in events if not (e.kind == "rimelig_grund" and e.details.get("hverdagsgrund")) or near(e)
    ]


def _afbud_on_the_summoned_meeting(events: list[CaseEvent]) -> list[CaseEvent]:
    """Date an afbud that has no date of its own in its sentence ("Bg. meldt afb. tlf. dagen
    før.") on the meeting it cancels: the nearest meeting a summons on record names
    (moede_dato) from the afbud's day to the number of days after it that the kind's data
    gives ("date_from_summons_within_days")."""
    rule = load_patterns().kinds
    out = []
    for e in events:
        days = rule.get(e.kind, {}).get("date_from_summons_within_days")
        if days and e.date is not None and not e.negated and not e.details.get("dato_i_saetning"):
            meetings = sorted(
                m
                for s in events
                if s.kind == "indkaldelse"
                and s.date is not None
                and s.date <= e.date
                and (m := detail_date(s.details.get("moede_dato"))) is not None
                and 0 < (m - e.date).days <= int(days)
            )
            if meetings:
                e = replace(e, date=meetings[0], details={**e.details, "moede_dato": meetings[0].isoformat()})
        out.append(e)
    return out


def _referred(e: CaseEvent, acts: list[CaseEvent]) -> int | None:
    """The index of the earlier act e refers to, or None when e is an act itself."""
    same = [i for i, a in enumerate(acts) if a.kind == e.kind]
    if not same:
        return None
    if e.date is not None:
        twin = [
            i
            for i in same
            if acts[i].date == e.date
            and acts[i].negated == e.negated
            and (acts[i].document, acts[i].start) != (e.document, e.start)
        ]
        if twin and (e.details.get("dato_i_saetning") or acts[twin[-1]].document != e.document):
            return twin[-1]
    when = e.date
    earlier = [
        i
        for i in same
        if (d := acts[i].date) is not None and when is not None and d < when and not acts[i].negated
    ]
    if e.date is None:
        dated = [i for i in same if not acts[i].negated]
        return dated[-1] if dated else same[-1]
    if e.details.get("omtale") and not e.details.get("dato_i_saetning") and earlier:
        return earlier[-1]
    return None


def empty_meta(case_id: str) -> CaseMeta:
    """Metadata for a case without sag.toml."""
    return CaseMeta(case_id, None, None, None, None, None, None, None)


def case_documents(folder: str | Path, reader: Callable[[Path], str] | None = None) -> list[tuple[str, str]]:
    """(file name, text) of a case folder's documents, sorted by name.

    Plain text, Markdown and e-mails are read here; pass reader for DOCX/PDF (e.g. the ingest's
    extractor); files it cannot read are skipped when no reader is given.
    """
    folder = Path(folder)
    docs = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name in IGNORED_FILES or path.name.startswith("."):
            continue
        if path.suffix.lower() in TEXT_SUFFIXES:
            from textmining.readers.sources import decode_text

            try:  # the one text decoder (UTF-8, BOM, UTF-16, cp1252 ...)
                text, _encoding = decode_text(path.read_bytes(), str(path))
            except InputError:
                continue
        elif reader is not None:
            text = reader(path)
        elif path.suffix.lower() in MAIL_SUFFIXES:
            from textmining.readers.sources import read_bytes

            try:
                text = read_bytes(str(path), path.suffix.lower(), path.read_bytes()).text
            except (InputError, OSError):
                continue
        else:
            continue
        docs.append((path.name, text))
    return docs


def read_case_folder(folder: str | Path) -> CaseMeta:
    """The case's metadata: its sag.toml, or only the folder name as case id."""
    folder = Path(folder)
    meta_path = folder / CASE_FILE
    return read_case_meta(meta_path) if meta_path.is_file() else empty_meta(folder.name)


def case_folders(root: str | Path) -> list[Path]:
    """The case subfolders of a sample folder, sorted by name."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "mappen findes ikke; angiv en mappe med én undermappe pr. sag")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def screen_folder(
    folder: str | Path, nlp: Language, reader: Callable[[Path], str] | None = None
) -> CaseTimeline:
    """The timeline of one case folder."""
    meta = read_case_folder(folder)
    events: list[CaseEvent] = []
    for name, text in case_documents(folder, reader):
        events.extend(find_events(text, nlp, document=name))
    return build_timeline(meta, events)


def iter_sample(
    root: str | Path,
    nlp: Language,
    reader: Callable[[Path], str] | None = None,
    batch_size: int = 64,
) -> Iterator[CaseTimeline]:
    """Timelines of every case folder under root, streamed one case at a time."""
    for folder in case_folders(root):
        meta = read_case_folder(folder)
        docs = case_documents(folder, reader)
        items = ((name, text, None) for name, text in docs)
        events = [e for found in find_events_many(items, nlp, batch_size) for e in found]
        yield build_timeline(meta, events)


def timelines_from_csv(
    path: str | Path, nlp: Language, metas: dict[str, CaseMeta] | None = None
) -> list[CaseTimeline]:
    """Timelines from a journal export (CSV or XLSX, columns found by name); each row is its
    own document ("<file>:<case>:<n>", n counting the case's rows from 1). A case's ydelse and
    visitationskategori come from its metas entry, else from the export's columns."""
    journal = read_journal(path)
    name = Path(path).name
    timelines = []
    for case_id, notes in journal.notes.items():
        events: list[CaseEvent] = []
        for row, note in enumerate(notes, 1):
            single = [CaseNote(note.date, note.title, note.text, 0, len(note.text), note.source)]
            events.extend(
                find_events(
                    note.text,
                    nlp,
                    document=f"{name}:{case_id}:{row}",
                    doc_date=note.date,
                    notes=single,
                )
            )
        meta = (metas or {}).get(case_id) or meta_from_fields(case_id, journal.case_fields.get(case_id, {}))
        timelines.append(build_timeline(meta, events))
    return timelines


def meta_from_fields(case_id: str, fields: dict[str, str]) -> CaseMeta:
    """A case's metadata from the columns of a journal export."""
    return replace(
        empty_meta(case_id),
        ydelse=fields.get("ydelse"),
        visitationskategori=fields.get("visitationskategori"),
        sagsbehandler=fields.get("sagsbehandler"),
    )


__all__ = [
    "CaseTimeline",
    "Reference",
    "build_timeline",
    "case_documents",
    "case_folders",
    "empty_meta",
    "iter_sample",
    "meta_from_fields",
    "read_case_folder",
    "screen_folder",
    "split_notes",
    "timelines_from_csv",
]
