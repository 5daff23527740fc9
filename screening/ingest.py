"""Ingest: files and folders → read → pseudonymise → lemmatise → parse → store, one file at a time.

One bad file never stops a batch: its problem is recorded as one Danish line and the batch goes
on. Each file is stored in one transaction, so an interrupted batch leaves no half-stored file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store import Store
from store import documents as docstore
from textmining.domain.letters import letter_text
from textmining.errors import InputError
from textmining.language.names import guess_names
from textmining.readers.guards import check_letter_size, path_text

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
    """What happened to one file: status is ingested, replaced, unchanged or failed. path is
    the file's path as stored and shown in JSON (names and CPR numbers in it pseudonymised);
    local_path is the path as given, for the terminal of the user who gave it."""

    path: str
    kind: str | None
    status: str
    problem: str | None = None
    items: int = 0
    note: str | None = None
    local_path: str = field(default="", repr=False, compare=False)

    def as_json(self) -> dict:
        """The file's entry in `afdaek ingest --format json` (without the local path)."""
        return {k: v for k, v in self.__dict__.items() if k != "local_path"}


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    run_id: int
    results: list[FileResult] = field(default_factory=list)
    link_proposals: int = 0
    case_ids: list[str] = field(default_factory=list)
    removed: int = 0

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

    def to_json(self) -> dict[str, Any]:
        """The `afdaek ingest --format json` shape: {"run", "summary", "files"}."""
        return {"run": self.run_id, "summary": self.summary(), "files": [r.as_json() for r in self.results]}


@dataclass(frozen=True)
class CaseContext:
    """The case a file belongs to: its id, the citizen's names and CPR numbers to pseudonymise
    (from sag.toml), its metadata and its folder."""

    case_id: str
    names: tuple[str, ...]
    meta: dict
    folder: str
    cprs: tuple[str, ...] = ()


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
    """Read a case's sag.toml (textmining.domain.casenotes); a broken file raises InputError."""
    from dataclasses import asdict

    from textmining.domain.casenotes import read_case_meta

    meta = read_case_meta(toml_path)
    data = asdict(meta)
    if meta.start is not None:
        data["start"] = meta.start.isoformat()
    data.pop("cpr", None)  # used to find the number in the case's texts, never stored
    return CaseContext(
        meta.case_id,
        tuple(n for n in (meta.borger,) if n),
        data,
        path_text(_resolved(toml_path).parent),
        tuple(c for c in (meta.cpr,) if c),
    )


def _resolved(path: Path) -> Path:
    """The absolute path with links resolved; never raises (a link loop stays as it is)."""
    return Path(os.path.realpath(path))


def case_id_conflicts(
    store: Store, files: Iterable[Path], cases: dict[Path, CaseContext | None]
) -> dict[str, str]:
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
            problems[folder] = (
                f'sag.toml: sagsnummeret "{case_id}" bruges også i '
                f"{other}{os.sep}sag.toml; hver sag skal have sit eget nummer – "
                'ret "sag" i den ene af filerne'
            )
    return problems


def _still_claims(folder: Path, case_id: str) -> bool:
    """True when folder still holds a sag.toml that gives case_id (it was not moved)."""
    from textmining.domain.casenotes import read_case_meta

    toml = folder / "sag.toml"
    if not toml.is_file():
        return False
    try:
        return read_case_meta(toml).case_id == case_id
    except InputError:
        return False


def iter_input_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Files given, and files in folders recursively, each with the reason it is refused or
    None (textmining.readers.sources.walk_inputs: hidden files and sag.toml skipped, links out of the
    folder refused)."""
    from textmining.readers.sources import walk_inputs

    yield from walk_inputs(paths)


class _Privacy:
    """How personal data is kept out of the store in one run: texts and paths pseudonymised
    (unless the user keeps personal data), files keyed by a salted hash of their path."""

    def __init__(self, store: Store, keep_personal_data: bool) -> None:
        from textmining.language.personaldata import Pseudonymiser

        # The salt is made (or found) in either case, so a store filled with kept personal data
        # can be pseudonymised by a later ingest, and files are keyed the same way.
        self.keyer = Pseudonymiser(store.salt())
        self.pseudo = None if keep_personal_data else self.keyer
        self._paths: dict[tuple[str, str | None], str] = {}

    def text(
        self,
        text: str,
        names: tuple[str, ...],
        case: CaseContext | None,
        scope: str,
        *,
        minutes: bool = False,
    ) -> str:
        """text pseudonymised with the case's names and CPR numbers and the names guessed in
        it (in minutes only those a relation or title points out: politicians are public)."""
        if self.pseudo is None or not text:
            return text
        names = (*(case.names if case else ()), *names, *guess_names(text, cues_only=minutes))
        out, _ = self.pseudo.pseudonymise(text, names=names, cprs=case.cprs if case else (), scope=scope)
        return out

    def path(self, path: str, case: CaseContext | None) -> str:
        """The path as stored and shown."""
        if self.pseudo is None:
            return path
        key = (path, case.case_id if case else None)
        if key not in self._paths:
            from textmining.language.personaldata import pseudonymise_path

            self._paths[key] = pseudonymise_path(
                self.pseudo,
                path,
                case.names if case else (),
                cprs=case.cprs if case else (),
                scope=case.case_id if case else None,
            )
        return self._paths[key]

    def source_key(self, path: str) -> str:
        """A key for the file at path that says it is the same file without storing its path."""
        return self.keyer.digest("sti\x1f" + path)

    def document_key(self, case: CaseContext | None) -> str:
        """What a document's pseudonymisation depended on beyond its bytes: the case's names
        and CPR numbers (salted), so adding `borger` to sag.toml re-pseudonymises the case."""
        if self.pseudo is None:
            return "bevaret"
        if case is None:
            return "-"
        import json

        return self.keyer.digest("sag\x1f" + json.dumps([case.names, case.cprs]))


def existing_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The paths that exist, and one Danish line ("STI: findes ikke") for each that does not."""
    paths = list(paths)
    return [p for p in paths if p.exists()], [f"{path_text(p)}: findes ikke" for p in paths if not p.exists()]


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    kind: str | None = None,
    keep_personal_data: bool = False,
    progress: Callable[[Path, int, int], None] | None = None,
    config=None,
) -> IngestReport:
    """Ingest every file under paths into the store; never raises for a bad file.

    A case folder that is read whole (a folder given, or one above it) loses the documents whose
    file is no longer in it, so a renamed and edited note is not stored twice. Files the guards
    refuse (links out of the folder, link loops, not a regular file) fail with one line each.
    config: afdaek.toml's [kolonner] and [survey] (textmining.config.ProjectConfig); by
    default those of the afdaek.toml beside the store's file."""
    from textmining.config import project_config
    from textmining.language.nlp import load_pipeline

    config = config if config is not None else project_config(store.path)

    given = [Path(p) for p in paths]
    found = list(iter_input_files(given))
    files = [path for path, _problem in found]
    run_id = docstore.start_run(store, "ingest")
    report = IngestReport(run_id)
    nlp = load_pipeline()
    privacy = _Privacy(store, keep_personal_data)
    cases: dict[Path, CaseContext | None] = {}
    conflicts = case_id_conflicts(store, [p for p, problem in found if problem is None], cases)
    registered: set[str] = set()
    seen: dict[str, set[str]] = {}  # case id -> source keys of its files in this run
    for i, (path, refused) in enumerate(found):
        if progress:
            progress(path, i, len(files))
        if refused:
            local = path_text(path)
            result = FileResult(privacy.path(local, None), kind, "failed", refused, local_path=local)
        else:
            result = _ingest_one(
                store, path, kind, privacy, nlp, cases, registered, run_id, seen, conflicts, config
            )
        if result.status == "failed":
            case = _case_of(path, cases)
            docstore.record_error(
                store, run_id, result.path, result.problem or "", case_id=case.case_id if case else None
            )
        report.results.append(result)
    if progress and files:
        progress(files[-1], len(files), len(files))
    walked = [_resolved(p) for p in given if p.is_dir()]
    for folder, case in cases.items():
        if (
            case is not None
            and case.case_id in seen
            and any(folder == w or w in folder.parents for w in walked)
        ):
            report.removed += docstore.remove_missing(store, case.case_id, seen[case.case_id])
    report.case_ids = sorted(registered | set(seen))
    report.link_proposals = propose_recommendation_links(store, run_id, nlp)
    docstore.finish_run(store, run_id, {k: v for k, v in report.summary().items()})
    return report


def _case_of(path: Path, cases: dict[Path, CaseContext | None]) -> CaseContext | None:
    try:
        return find_case(_resolved(path), cases)
    except InputError:
        return None


TABLE_TARGETS = {
    "indikatorer": ("indicators", "read_indicators", "table"),
    "benchmark": ("benchmarks", "read_benchmarks", "table"),
    "tilbud": ("offers", "read_offers", "table"),
    "sanktioner": ("sanction_stats", "read_sanction_stats", "table"),
    "ankesager": ("appeal_stats", "read_appeal_stats", "table"),
    "survey": ("survey_responses", "read_survey", "survey"),
}
NAME_GUESS_KINDS = ("case_note", "letter", "survey")
"""Kinds whose free text is searched for names beyond sag.toml (not minutes: politicians'
names there are public and needed)."""


def _table_rows(
    table_kind: str, table_file, privacy: _Privacy, scope: str, columns=None
) -> tuple[str, list[dict], str]:
    """Rows for a report-input table, keyed to the store's column names; the free text of a
    survey (and who answered) pseudonymised like any document."""
    from textmining.readers import tables

    target, reader, kind = TABLE_TARGETS[table_kind]
    rows = []
    for rec in getattr(tables, reader)(table_file, columns):
        row = dict(rec.__dict__)
        if "group" in row:
            row["group_name"] = row.pop("group")
        if table_kind == "survey":
            for col in ("respondent", "before", "during", "after"):
                if row.get(col):
                    row[col] = privacy.text(str(row[col]), (), None, scope)
        rows.append(row)
    return target, rows, kind


def _store_attachment(
    store,
    attachment,
    parent: dict,
    case: CaseContext | None,
    privacy: _Privacy,
    nlp,
    run_id,
    seen: dict[str, set[str]],
) -> None:
    """An e-mail's attached file as a document of its own: path `mail.msg#bilag.pdf`, the
    e-mail's case, dated by the e-mail when it has no date of its own."""
    import hashlib

    name = attachment.path.rsplit("#", 1)[-1]
    scope = case.case_id if case else parent["id"]
    doc_id = hashlib.sha256(f"{parent['id']}#{name}:{attachment.sha256}".encode()).hexdigest()
    kind = attachment.kind
    if case is not None and kind == "other":
        kind = "case_note"
    text = privacy.text(attachment.text, (), case, scope)
    source_key = privacy.source_key(f"{parent['source_key']}#{name}")
    if case is not None:
        seen.setdefault(case.case_id, set()).add(source_key)
    docstore.store_document(
        store,
        {
            "id": doc_id,
            "path": f"{parent['path']}#{name}",
            "source_key": source_key,
            "pseudonym_key": parent["pseudonym_key"],
            "kind": kind,
            "title": privacy.text(attachment.title, (), case, scope) if attachment.title else None,
            "date": (attachment.date.isoformat() if attachment.date else parent["date"]),
            "case_id": parent["case_id"],
            "text": text,
            "lemmas": lemma_string(nlp, text),
            "format": attachment.format,
            "pages": attachment.pages,
            "encoding": attachment.encoding,
            "pseudonymised": privacy.pseudo is not None,
            "ocr": attachment.ocr,
        },
        run_id=run_id,
    )


def _is_notes_export(source) -> bool:
    if source.format not in ("csv", "xlsx") or not source.tables:
        return False
    from textmining.domain.casenotes import looks_like_journal

    return bool(source.tables[0]) and looks_like_journal(source.tables[0][0])


def _survey_rows(export, privacy: _Privacy, scope: str) -> list[tuple[str, list[dict]]]:
    """A SurveyXact export as rows for survey_responses, survey_questions and survey_comments;
    open answers pseudonymised like any document."""
    import json

    responses = [
        {
            "respondent": str(n),
            "group_name": a.get(export.group) if export.group else None,
            "satisfaction": a.get(export.satisfaction) if export.satisfaction else None,
        }
        for n, a in enumerate(export.respondents, start=1)
    ]
    roles = {export.group: "gruppe", export.satisfaction: "tilfredshed"}
    questions = [
        {
            "position": i,
            "variable": q.variable,
            "text": q.text,
            "type": q.type,
            "role": roles.get(q.variable) or ("kommentar" if q.is_open_text else None),
            "labels": json.dumps([label for _c, label in q.labels], ensure_ascii=False),
        }
        for i, q in enumerate(export.questions)
    ]
    texts = {q.variable: q.text for q in export.questions}
    comments = [
        {"respondent": r, "variable": v, "question": texts.get(v), "text": privacy.text(t, (), None, scope)}
        for r, v, t in export.comments()
    ]
    return [("survey_responses", responses), ("survey_questions", questions), ("survey_comments", comments)]


def _surveyxact(path: Path, source, config):
    """(export, note) when the file is (part of) a SurveyXact export: the workbook itself, or
    the dataset of three CSV files in one folder; (None, note) for the labels or structure file
    of such a folder (stored for search); (None, None) otherwise."""
    from textmining.readers import surveyxact as sx

    sheets = sx.sheets_of(source.table_file)
    if source.format == "xlsx":
        if sx.is_export(sheets):
            return sx.read_export(source.table_file, config.survey), None
        return None, None
    own = sx.find_tables(sheets)
    if not own:
        return None, None
    files = sx.siblings(path)
    if files is None:
        return None, None
    if "dataset" in own:
        return sx.read_export(path, config.survey), None
    return None, (
        "del af en SurveyXact-eksport (Dataset, Labels og Structure i samme mappe); "
        "svarene læses sammen med datasættets fil"
    )


def _ingest_one(
    store,
    path,
    kind,
    privacy: _Privacy,
    nlp,
    cases,
    registered,
    run_id,
    seen: dict[str, set[str]],
    conflicts: dict[str, str] | None = None,
    config=None,
) -> FileResult:
    from textmining.config import ProjectConfig
    from textmining.readers.sources import read_document

    config = config or ProjectConfig()

    local = path_text(path)
    shown = privacy.path(local, None)
    try:
        resolved = path_text(_resolved(path))
        case = find_case(_resolved(path), cases)
        shown = privacy.path(local, case)
        if case is not None and conflicts and case.folder in conflicts:
            raise InputError(local, conflicts[case.folder])
        source_key = privacy.source_key(resolved)
        if case is not None:
            seen.setdefault(case.case_id, set()).add(source_key)
        # Only the header and first rows of a table are looked at here; its text has them all.
        source = read_document(path, table_rows=100)
        if case is not None:
            # The same standard letter may lie in several case folders: one document per case.
            import hashlib
            from dataclasses import replace

            source = replace(
                source, sha256=hashlib.sha256(f"{source.sha256}:{case.case_id}".encode()).hexdigest()
            )
            if case.case_id not in registered:  # once per case and run
                _register_case(store, case, privacy)
                registered.add(case.case_id)
        doc_key = privacy.document_key(case)
        if source.table_file is not None and (config.kolonner or config.survey):
            # A table is read anew when afdaek.toml names its columns or survey variables.
            import hashlib
            import json

            doc_key += (
                "|"
                + hashlib.sha256(
                    json.dumps([config.kolonner, config.survey], sort_keys=True).encode()
                ).hexdigest()[:16]
            )
        stored_path = privacy.path(resolved, case)
        if docstore.is_current(store, source.sha256, doc_key, case_document=case is not None):
            # Same bytes, same pseudonymisation: at most the file was renamed or moved.
            docstore.update_location(store, source.sha256, stored_path, source_key)
            return FileResult(shown, kind or source.kind, "unchanged", local_path=local)
        if _is_notes_export(source) and kind in (None, "case_note"):
            return _ingest_notes_export(store, path, source, privacy, nlp, run_id, shown, seen)
        doc_kind = kind or source.kind
        note = None
        extra: list[tuple[str, list[dict]]] = []
        source_note = None
        if source.table_file is not None and kind in (None, "table", "survey"):
            from textmining.readers.tables import detect_table_kind, explain_table, source_line

            export, note = _surveyxact(path, source, config)
            if export is not None:
                doc_kind = "survey"
                for target, rows in _survey_rows(export, privacy, source.sha256):
                    extra.append((target, [{**r, "document_id": source.sha256} for r in rows]))
                note = "SurveyXact: " + "; ".join(export.used)
            elif note is None:
                table_kind = detect_table_kind(source.table_file, config.kolonner)
                if table_kind in TABLE_TARGETS:
                    target, rows, doc_kind = _table_rows(
                        table_kind, source.table_file, privacy, source.sha256, config.kolonner
                    )
                    extra.append((target, [{**r, "document_id": source.sha256} for r in rows]))
                    source_note = source_line(source.table_file)
                elif doc_kind in ("table", "other", "survey"):
                    note = explain_table(source.table_file, config.kolonner)
        if case is not None and kind is None and doc_kind in ("other", "letter", "minutes"):
            doc_kind = "case_note" if doc_kind == "other" else doc_kind
        scope = case.case_id if case else source.sha256
        minutes = doc_kind == "minutes"
        text = privacy.text(source.text, (), case, scope, minutes=minutes)
        title = (
            privacy.text(source.title, tuple(guess_names(source.text, cues_only=minutes)), case, scope)
            if source.title
            else source.title
        )
        items: list[dict] = []
        if minutes:
            text, items = _minutes_items(path, text, nlp)
        if doc_kind == "letter":
            # Checked before pseudonymisation (a phone number or the caseworker's name is
            # part of the checklist); only the results are stored, snippets pseudonymised.
            original = letter_text(source.text, source.format)
            letter_names = tuple(guess_names(source.text))
            try:
                check_letter_size(local, original)
            except InputError as exc:  # still stored for search, without the letter check
                note = f"{exc.problem}; den er gemt til søgning"
            else:
                extra.extend(
                    _letter_rows(
                        source.sha256,
                        original,
                        nlp,
                        source.date,
                        lambda snippet: privacy.text(snippet, letter_names, case, scope),
                    )
                )
        document = {
            "id": source.sha256,
            "path": stored_path,
            "source_key": source_key,
            "pseudonym_key": doc_key,
            "kind": doc_kind,
            "title": title,
            "date": source.date.isoformat() if source.date else None,
            "case_id": case.case_id if case else None,
            "text": text,
            "lemmas": lemma_string(nlp, text),
            "format": source.format,
            "pages": source.pages,
            "encoding": source.encoding,
            "pseudonymised": privacy.pseudo is not None,
            "source_note": source_note,
            "ocr": source.ocr,
            "sender": privacy.text(source.sender, (), case, scope) if source.sender else None,
        }
        status = docstore.store_document(store, document, items, run_id=run_id, extra=extra)
        if source.ocr:
            note = "teksten er læst med OCR (Tesseract) fra et scannet billede; tjek den"
        if case is not None and doc_kind == "case_note" and source.date is None:
            from textmining.domain.casenotes import split_notes

            note = "; ".join(x for x in (note, undated_notes(split_notes(source.text))) if x) or None
        for attachment in source.attachments:
            _store_attachment(store, attachment, document, case, privacy, nlp, run_id, seen)
        if source.attachments:
            names = ", ".join(a.path.rsplit("#", 1)[-1] for a in source.attachments)
            note = "; ".join(x for x in (note, f"vedhæftede filer gemt for sig: {names}") if x)
        return FileResult(shown, doc_kind, status, items=len(items), note=note, local_path=local)
    except InputError as exc:
        problem = privacy.text(exc.problem, (), None, "fejl") if exc.problem else exc.problem
        return FileResult(shown, kind, "failed", problem, local_path=local)
    except MemoryError:
        return FileResult(shown, kind, "failed", "filen er for stor til at blive læst", local_path=local)


CLOSED_BODY = "Lukket punkt"


def _minutes_items(path: Path, text: str, nlp) -> tuple[str, list[dict]]:
    """The agenda items of minutes, and the text with the body of every closed item (Lukket
    punkt) left out: a closed item keeps its number and title only, in the items and in the
    stored text, whatever the file holds."""
    from textmining.domain.minutes import UNTITLED, agenda_of

    minutes = agenda_of(text, path_text(path))
    cuts = []
    for item in minutes.items:
        if not item.open:
            head_end = text.find("\n", item.start, item.end)
            head_end = item.end if head_end < 0 else head_end
            cuts.append((head_end, item.end))
    kept, pos = [], 0
    for start, end in cuts:
        kept += [text[pos:start], f"\n{CLOSED_BODY}\n"]
        pos = end
    new_text = "".join(kept) + text[pos:]
    items = []
    for position, item in enumerate(minutes.items, start=1):
        if item.open:
            item_text = text[item.start : item.end]
        else:
            head_end = text.find("\n", item.start, item.end)
            item_text = text[item.start : item.end if head_end < 0 else head_end] + f"\n{CLOSED_BODY}"
        closed = not item.open
        items.append(
            {
                "committee": minutes.committee,
                "meeting_date": minutes.meeting_date.isoformat() if minutes.meeting_date else None,
                # minutes that do not number their items: the item's place in the minutes
                "number": item.number if item.number is not None else position,
                "title": item.title or UNTITLED,
                "type": item.type,
                "case_number": item.case_number,
                "kle": item.kle,
                "open": item.open,
                "sections": {} if closed else dict(item.sections),
                "indstilling": None if closed else item.indstilling,
                "beslutning": None if closed else item.beslutning,
                "fravaerende": item.fravaerende,
                "bilag": [] if closed else list(item.bilag),
                "text": item_text,
                "lemmas": lemma_string(nlp, item_text),
            }
        )
    return new_text, items


def _letter_rows(
    doc_id: str, text: str, nlp, letter_date, pseudonymise=lambda snippet: snippet
) -> list[tuple[str, list[dict]]]:
    """The readability and klarsprog check of a letter (its original text, never stored), as
    rows for the store; each issue's snippet goes through ``pseudonymise``. start and end are
    offsets in the letter as checked."""
    import json
    from datetime import datetime, timezone

    from textmining.domain.letters import check_letter

    check = check_letter(text, nlp)
    r = check.readability
    row = {
        "document_id": doc_id,
        "profile": check.profile,
        "letter_date": letter_date.isoformat() if letter_date else None,
        "lix": r.lix,
        "words": r.words,
        "sentences": r.sentences,
        "long_words": r.long_words,
        "rix": r.rix,
        "band": r.band,
        "checklist": json.dumps(check.checklist, ensure_ascii=False),
        "missing": json.dumps(list(check.missing), ensure_ascii=False),
        "checked_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    issues = [
        {
            "document_id": doc_id,
            "rule": i.rule,
            "text": pseudonymise(i.text),
            "start": i.start,
            "end": i.end,
            "message": i.message,
            "suggestion": i.suggestion,
        }
        for i in check.issues
    ]
    return [("letter_checks", [row]), ("language_issues", issues)]


def _register_case(store: Store, case: CaseContext, privacy: _Privacy) -> None:
    from store.screening import upsert_case

    meta = case.meta
    borger = meta.get("borger")
    if borger and privacy.pseudo is not None:
        # The same key as the name gets in the case's texts (one word: within the case).
        borger = " ".join(str(borger).split())
        key = borger if " " in borger else f"{borger}@{case.case_id}"
        borger = privacy.pseudo.pseudonym("navn", key)
    upsert_case(
        store,
        {
            "id": case.case_id,
            "ydelse": meta.get("ydelse"),
            "visitationskategori": meta.get("visitationskategori"),
            "borger": borger,
            "sagsbehandler": meta.get("sagsbehandler"),
            "team": meta.get("team"),
            "start": meta.get("start"),
            "source": privacy.path(case.folder, case),
        },
    )


def _ingest_notes_export(
    store, path: Path, source, privacy: _Privacy, nlp, run_id, shown: str, seen: dict[str, set[str]]
) -> FileResult:
    """A journal export (one row per note, columns found by name): one stored document per
    case, its path the file's path with `#` and the case id; ydelse and visitationskategori
    from the export's columns when it has them."""
    import hashlib

    from store.screening import upsert_case
    from textmining.domain.casenotes import read_journal

    journal = read_journal(path)  # the whole export (source holds only its first rows)
    statuses = []
    resolved = path_text(_resolved(path))
    for case_id, notes in sorted(journal.notes.items()):
        parts = []
        for note in notes:
            head = note.date.strftime("%d.%m.%Y") if note.date else "Udateret"
            if note.title:
                head += f" – {note.title}"
            parts.append(f"{head}\n{note.text.strip()}")
        text = privacy.text("\n\n".join(parts) + "\n", (), None, case_id)
        doc_id = hashlib.sha256(source.sha256.encode() + case_id.encode()).hexdigest()
        seen.setdefault(case_id, set())
        fields = journal.case_fields.get(case_id, {})
        upsert_case(
            store,
            {
                "id": case_id,
                "source": privacy.path(resolved, None),
                **{k: fields[k] for k in ("ydelse", "visitationskategori") if k in fields},
            },
        )
        document = {
            "id": doc_id,
            "path": f"{privacy.path(resolved, None)}#{case_id}",
            "source_key": privacy.source_key(f"{resolved}#{case_id}"),
            "pseudonym_key": privacy.document_key(None),
            "kind": "case_note",
            "title": f"Notater, sag {case_id}",
            "date": None,
            "case_id": case_id,
            "text": text,
            "lemmas": lemma_string(nlp, text),
            "format": source.format,
            "pages": None,
            "encoding": source.encoding,
            "pseudonymised": privacy.pseudo is not None,
        }
        statuses.append(docstore.store_document(store, document, run_id=run_id))
    status = "ingested" if any(s != "unchanged" for s in statuses) else "unchanged"
    used = ", ".join(f"{role}={header}" for role, header in journal.columns.items())
    all_notes = [n for notes in journal.notes.values() for n in notes]
    remark = "; ".join(x for x in (f"kolonner brugt: {used}", undated_notes(all_notes)) if x)
    return FileResult(shown, "case_note", status, note=remark, local_path=str(path))


def undated_notes(notes: list[Any]) -> str | None:
    """A warning when notes have no date afdaek can read (their events are undated, and the
    rules that need a date say kan_ikke_vurderes), None when all are dated."""
    missing = sum(1 for n in notes if n.date is None)
    if not notes or not missing:
        return None
    counts = f"{missing:,} af {len(notes):,}".replace(",", ".")  # Danish thousands
    which = "ingen af notaterne har" if missing == len(notes) else f"{counts} notater har ikke"
    return (
        f"{which} en dato, afdaek kan læse (fx »14.03.2023 – Samtale« eller »Dato: 14. marts 2023«); "
        "hændelserne i dem er udaterede, og regler, der kræver en dato, kan ikke vurderes"
    )


def propose_recommendation_links(store: Store, run_id: int, nlp) -> int:
    """Propose links from this run's new agenda items to the loaded recommendations."""
    has_set = store.db.execute("SELECT 1 FROM recommendations LIMIT 1").fetchone()
    if not has_set:
        return 0
    item_ids = [
        r[0]
        for r in store.db.execute(
            "SELECT m.id FROM meeting_items m JOIN documents d ON d.id = m.document_id WHERE d.run_id = ?",
            [run_id],
        )
    ]
    if not item_ids:
        return 0
    from store import recommendations as rs
    from textmining.domain.recommendations import link_proposer

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
