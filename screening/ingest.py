"""Ingest: files and folders → read → pseudonymise → lemmatise → parse → store, one file at a time.

One bad file never stops a batch: its problem is recorded as one Danish line and the batch goes
on. Each file is stored in one transaction, so an interrupted batch leaves no half-stored file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store import Store
from store import documents as docstore
from textmining.errors import InputError
from textmining.guards import check_letter_size, path_text
from textmining.personaldata import guess_names

KIND_LABELS = {
    "minutes": "referat",
    "case_note": "sagsnotat",
    "letter": "brev",
    "survey": "spørgeskema",
    "table": "tabel",
    "other": "andet",
}


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: status is ingested, replaced, unchanged or failed."""

    path: str
    kind: str | None
    status: str
    problem: str | None = None
    items: int = 0
    note: str | None = None


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    run_id: int
    results: list[FileResult] = field(default_factory=list)
    link_proposals: int = 0

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> dict[str, dict[str, int]]:
        """Per kind: ingested (incl. replaced), unchanged, failed."""
        out: dict[str, dict[str, int]] = {}
        for r in self.results:
            row = out.setdefault(r.kind or "ukendt", {"ingested": 0, "unchanged": 0, "failed": 0})
            key = "ingested" if r.status in ("ingested", "replaced") else r.status
            row[key] += 1
        return out


@dataclass(frozen=True)
class CaseContext:
    """The case a file belongs to: its folder name and the personal names to pseudonymise."""

    case_id: str
    names: tuple[str, ...]
    meta: dict
    folder: str


def find_case(path: Path, roots: dict[Path, CaseContext | None]) -> CaseContext | None:
    """The case folder (one with sag.toml) that holds path, read once per folder."""
    for parent in path.parents:
        if parent in roots:
            return roots[parent]
        toml = parent / "sag.toml"
        if toml.is_file():
            roots[parent] = read_case_context(toml)
            return roots[parent]
    return None


def read_case_context(toml_path: Path) -> CaseContext:
    """Read a case's sag.toml (textmining.casenotes); a broken file raises InputError."""
    from dataclasses import asdict

    from textmining.casenotes import read_case_meta

    meta = read_case_meta(toml_path)
    data = asdict(meta)
    if meta.start is not None:
        data["start"] = meta.start.isoformat()
    return CaseContext(meta.case_id, tuple(n for n in (meta.borger,) if n), data,
                       path_text(_resolved(toml_path).parent))


def _resolved(path: Path) -> Path:
    """The absolute path with links resolved; never raises (a link loop stays as it is)."""
    return Path(os.path.realpath(path))


def case_id_conflicts(store: Store, files: Iterable[Path],
                      cases: dict[Path, CaseContext | None]) -> dict[str, str]:
    """Case folders whose sag.toml gives an id another folder also has, with the Danish line
    for each: two folders in this batch, or a folder whose id a stored case from another
    folder has (when that folder is still there and still says so). One case is never
    silently merged from two folders."""
    from store.screening import get_cases

    claims: dict[str, set[str]] = {}
    for path in files:
        try:
            case = find_case(_resolved(path), cases)
        except InputError:
            continue
        if case is not None:
            claims.setdefault(case.case_id, set()).add(case.folder)
    stored = {c["id"]: c.get("source") or "" for c in get_cases(store, list(claims))}
    problems: dict[str, str] = {}
    for case_id, folders in claims.items():
        others = set(folders)
        earlier = stored.get(case_id, "")
        if earlier and earlier not in folders and _still_claims(Path(earlier), case_id):
            others.add(earlier)
        if len(others) < 2:
            continue
        for folder in folders:
            other = sorted(others - {folder})[0]
            problems[folder] = (f'sag.toml: sagsnummeret "{case_id}" bruges også i '
                                f"{other}{os.sep}sag.toml; hver sag skal have sit eget nummer – "
                                'ret "sag" i den ene af filerne')
    return problems


def _still_claims(folder: Path, case_id: str) -> bool:
    """True when folder still holds a sag.toml that gives case_id (it was not moved)."""
    from textmining.casenotes import read_case_meta

    toml = folder / "sag.toml"
    if not toml.is_file():
        return False
    try:
        return read_case_meta(toml).case_id == case_id
    except InputError:
        return False


def iter_input_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Files given, and files in folders recursively, each with the reason it is refused or
    None (textmining.sources.walk_inputs: hidden files and sag.toml skipped, links out of the
    folder refused)."""
    from textmining.sources import walk_inputs

    yield from walk_inputs(paths)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    kind: str | None = None,
    keep_personal_data: bool = False,
    progress: Callable[[Path, int, int], None] | None = None,
) -> IngestReport:
    """Ingest every file under paths into the store; never raises for a bad file."""
    from textmining.nlp import load_pipeline
    from textmining.personaldata import Pseudonymiser

    found = list(iter_input_files(Path(p) for p in paths))
    files = [path for path, _problem in found]
    run_id = docstore.start_run(store, "ingest")
    report = IngestReport(run_id)
    nlp = load_pipeline()
    pseudo = None if keep_personal_data else Pseudonymiser(store.salt())
    cases: dict[Path, CaseContext | None] = {}
    conflicts = case_id_conflicts(store, [p for p, problem in found if problem is None], cases)
    registered: set[str] = set()
    for i, (path, refused) in enumerate(found):
        if progress:
            progress(path, i, len(files))
        if refused:
            result = FileResult(path_text(path), kind, "failed", refused)
        else:
            result = _ingest_one(store, path, kind, pseudo, nlp, cases, registered, run_id,
                                 conflicts)
        if result.status == "failed":
            docstore.record_error(store, run_id, result.path, result.problem or "")
        report.results.append(result)
    if progress and files:
        progress(files[-1], len(files), len(files))
    report.link_proposals = propose_recommendation_links(store, run_id, nlp)
    docstore.finish_run(store, run_id, {k: v for k, v in report.summary().items()})
    return report


TABLE_TARGETS = {
    "indikatorer": ("indicators", "read_indicators", "table"),
    "benchmark": ("benchmarks", "read_benchmarks", "table"),
    "tilbud": ("offers", "read_offers", "table"),
    "sanktioner": ("sanction_stats", "read_sanction_stats", "table"),
    "ankesager": ("appeal_stats", "read_appeal_stats", "table"),
    "survey": ("survey_responses", "read_survey", "survey"),
}
NOTES_EXPORT_HEADER = {"sag", "dato", "tekst"}
NAME_GUESS_KINDS = ("case_note", "letter", "survey")
"""Kinds whose free text is searched for names beyond sag.toml (not minutes: politicians'
names there are public and needed)."""


def _table_rows(table_kind: str, path: Path, pseudo) -> tuple[str, list[dict], str]:
    """Rows for a report-input table, keyed to the store's column names."""
    from textmining import tables

    target, reader, kind = TABLE_TARGETS[table_kind]
    rows = []
    for rec in getattr(tables, reader)(path):
        row = dict(rec.__dict__)
        if "group" in row:
            row["group_name"] = row.pop("group")
        if table_kind == "survey" and pseudo is not None:
            for col in ("before", "during", "after"):
                if row.get(col):
                    row[col], _ = pseudo.pseudonymise(row[col], names=guess_names(row[col]))
        rows.append(row)
    return target, rows, kind


def _is_notes_export(source) -> bool:
    if source.format not in ("csv", "xlsx") or not source.tables:
        return False
    header = {str(c).strip().lower() for c in source.tables[0][0]} if source.tables[0] else set()
    return NOTES_EXPORT_HEADER <= header


def _ingest_one(store, path, kind, pseudo, nlp, cases, registered, run_id,
                conflicts=None) -> FileResult:
    from textmining.sources import read_document

    where = path_text(path)
    try:
        case = find_case(_resolved(path), cases)
        if case is not None and conflicts and case.folder in conflicts:
            raise InputError(where, conflicts[case.folder])
        # Only the header and first rows of a table are looked at here; its text has them all.
        source = read_document(path, table_rows=100)
        if case is not None:
            # The same standard letter may lie in several case folders: one document per case.
            import hashlib
            from dataclasses import replace

            source = replace(source, sha256=hashlib.sha256(
                f"{source.sha256}:{case.case_id}".encode()).hexdigest())
            if case.case_id not in registered:  # once per case and run
                _register_case(store, case, pseudo, source=case.folder)
                registered.add(case.case_id)
        if docstore.has_document(store, source.sha256):
            return FileResult(where, kind or source.kind, "unchanged")
        if _is_notes_export(source) and kind in (None, "case_note"):
            return _ingest_notes_export(store, path, source, pseudo, nlp, run_id)
        doc_kind = kind or source.kind
        note = None
        extra: list[tuple[str, list[dict]]] = []
        if source.format in ("csv", "xlsx") and kind in (None, "table", "survey"):
            from textmining.tables import detect_table_kind

            table_kind = detect_table_kind(path)
            if table_kind in TABLE_TARGETS:
                target, rows, doc_kind = _table_rows(table_kind, path, pseudo)
                extra.append((target, [{**r, "document_id": source.sha256} for r in rows]))
            elif doc_kind in ("table", "other"):
                note = ("tabellen passer ikke til nogen rapporttabel (indikatorer, benchmark, "
                        "tilbud, sanktioner, ankesager, spørgeskema) og er kun gemt til søgning; "
                        "se kolonnenavnene i examples/README.md")
        if case is not None and kind is None and doc_kind in ("other", "letter", "minutes"):
            doc_kind = "case_note" if doc_kind == "other" else doc_kind
        text, title = source.text, source.title
        if pseudo is not None:
            names = case.names if case else ()
            if doc_kind in NAME_GUESS_KINDS:
                names = (*names, *guess_names(text))
            text, _ = pseudo.pseudonymise(text, names=names)
            if title:
                title, _ = pseudo.pseudonymise(title, names=names)
        items = _minutes_items(path, text, nlp) if doc_kind == "minutes" else []
        if doc_kind == "letter":
            try:
                check_letter_size(where, text)
            except InputError as exc:  # still stored for search, without the letter check
                note = f"{exc.problem}; den er gemt til søgning"
            else:
                extra.extend(_letter_rows(source.sha256, text, nlp, source.date))
        document = {
            "id": source.sha256,
            "path": path_text(_resolved(path)),
            "kind": doc_kind,
            "title": title,
            "date": source.date.isoformat() if source.date else None,
            "case_id": case.case_id if case else None,
            "text": text,
            "lemmas": lemma_string(nlp, text),
            "format": source.format,
            "pages": source.pages,
            "encoding": source.encoding,
            "pseudonymised": pseudo is not None,
        }
        status = docstore.store_document(store, document, items, run_id=run_id, extra=extra)
        return FileResult(where, doc_kind, status, items=len(items), note=note)
    except InputError as exc:
        return FileResult(where, kind, "failed", exc.problem)
    except MemoryError:
        return FileResult(where, kind, "failed", "filen er for stor til at blive læst")


def _minutes_items(path: Path, text: str, nlp) -> list[dict]:
    from textmining.minutes import parse_minutes

    minutes = parse_minutes(text)
    if not minutes.items:
        raise InputError(path_text(path), "ingen dagsordenspunkter fundet; er det et referat?")
    items = []
    for item in minutes.items:
        item_text = text[item.start:item.end]
        items.append({
            "committee": minutes.committee,
            "meeting_date": minutes.meeting_date.isoformat() if minutes.meeting_date else None,
            "number": item.number,
            "title": item.title,
            "type": item.type,
            "case_number": item.case_number,
            "open": item.open,
            "sections": dict(item.sections),
            "indstilling": item.indstilling,
            "beslutning": item.beslutning,
            "fravaerende": item.fravaerende,
            "bilag": list(item.bilag),
            "text": item_text,
            "lemmas": lemma_string(nlp, item_text),
        })
    return items


def _letter_rows(doc_id: str, text: str, nlp, letter_date) -> list[tuple[str, list[dict]]]:
    """The readability and klarsprog check of a letter, as rows for the store."""
    import json
    from datetime import datetime, timezone

    from textmining.letters import check_letter

    check = check_letter(text, nlp)
    r = check.readability
    row = {
        "document_id": doc_id,
        "profile": check.profile,
        "letter_date": letter_date.isoformat() if letter_date else None,
        "lix": r.lix, "words": r.words, "sentences": r.sentences, "long_words": r.long_words,
        "rix": r.rix, "band": r.band,
        "checklist": json.dumps(check.checklist, ensure_ascii=False),
        "missing": json.dumps(list(check.missing), ensure_ascii=False),
        "checked_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    issues = [{"document_id": doc_id, "rule": i.rule, "text": i.text, "start": i.start,
               "end": i.end, "message": i.message, "suggestion": i.suggestion}
              for i in check.issues]
    return [("letter_checks", [row]), ("language_issues", issues)]


def _register_case(store: Store, case: CaseContext, pseudo, source: str) -> None:
    from store.screening import upsert_case

    meta = case.meta
    borger = meta.get("borger")
    if borger and pseudo is not None:
        borger = pseudo.pseudonym("navn", str(borger))
    upsert_case(store, {
        "id": case.case_id,
        "ydelse": meta.get("ydelse"),
        "visitationskategori": meta.get("visitationskategori"),
        "borger": borger,
        "sagsbehandler": meta.get("sagsbehandler"),
        "team": meta.get("team"),
        "start": meta.get("start"),
        "source": source,
    })


def _ingest_notes_export(store, path: Path, source, pseudo, nlp, run_id) -> FileResult:
    """A CSV export of notes (sag, dato, type, tekst): one stored document per case."""
    import hashlib

    from store.screening import upsert_case
    from textmining.casenotes import read_notes_csv

    notes_by_case = read_notes_csv(path)
    statuses = []
    for case_id, notes in sorted(notes_by_case.items()):
        parts = []
        for note in notes:
            head = note.date.strftime("%d.%m.%Y") if note.date else "Udateret"
            if note.title:
                head += f" – {note.title}"
            parts.append(f"{head}\n{note.text.strip()}")
        text = "\n\n".join(parts) + "\n"
        if pseudo is not None:
            text, _ = pseudo.pseudonymise(text, names=guess_names(text))
        doc_id = hashlib.sha256(source.sha256.encode() + case_id.encode()).hexdigest()
        upsert_case(store, {"id": case_id, "source": path_text(_resolved(path))})
        document = {
            "id": doc_id, "path": f"{path_text(_resolved(path))}#{case_id}", "kind": "case_note",
            "title": f"Notater, sag {case_id}", "date": None, "case_id": case_id, "text": text,
            "lemmas": lemma_string(nlp, text), "format": source.format, "pages": None,
            "encoding": source.encoding, "pseudonymised": pseudo is not None,
        }
        statuses.append(docstore.store_document(store, document, run_id=run_id))
    status = "ingested" if any(s != "unchanged" for s in statuses) else "unchanged"
    return FileResult(path_text(path), "case_note", status)


def propose_recommendation_links(store: Store, run_id: int, nlp) -> int:
    """Propose links from this run's new agenda items to the loaded recommendations."""
    has_set = store.db.execute("SELECT 1 FROM recommendations LIMIT 1").fetchone()
    if not has_set:
        return 0
    item_ids = [r[0] for r in store.db.execute(
        "SELECT m.id FROM meeting_items m JOIN documents d ON d.id = m.document_id "
        "WHERE d.run_id = ?", [run_id])]
    if not item_ids:
        return 0
    from store import recommendations as rs
    from textmining.recommendations import link_proposer

    return rs.propose_links(store, link_proposer(nlp), item_ids=item_ids)


def lemma_string(nlp, text: str) -> str:
    """Space-separated lemmas of the words in text (what the full-text index searches)."""
    if not text:
        return ""
    out: list[str] = []  # one string per chunk: millions of lemma strings would not fit
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if "lemma" in p]):
        for doc in nlp.pipe(_chunks(text), batch_size=16):
            lemmas = " ".join(t.lemma_ for t in doc if not (t.is_punct or t.is_space))
            if lemmas:
                out.append(lemmas)
    return " ".join(out)


def _chunks(text: str, size: int = 100_000) -> Iterator[str]:
    """Pieces of text of about size characters, cut at line breaks, so memory stays flat."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield text[start:end]
        start = end
