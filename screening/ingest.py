"""Ingest: files and folders → read → pseudonymise → lemmatise → parse → store, one file at a time.

One bad file never stops a batch: its problem is recorded as one Danish line and the batch goes
on. Each file is stored in one transaction, so an interrupted batch leaves no half-stored file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from store import Store
from store import documents as docstore
from textmining.errors import InputError

KINDS = ("minutes", "case_note", "letter", "survey", "table", "other")
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


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    run_id: int
    results: list[FileResult] = field(default_factory=list)

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
    cprs: tuple[str, ...]
    meta: dict


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
    """Read a case's sag.toml; a broken file raises InputError naming it."""
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(toml_path), f"sag.toml kan ikke læses ({exc})") from exc
    names = tuple(str(data[k]) for k in ("borger",) if data.get(k))
    cprs = tuple(str(data[k]) for k in ("cpr",) if data.get(k))
    return CaseContext(toml_path.parent.name, names, cprs, data)


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given, and files in folders recursively (hidden files and sag.toml skipped)."""
    from textmining.sources import iter_files

    yield from iter_files(paths)


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

    files = list(iter_input_files(Path(p) for p in paths))
    run_id = docstore.start_run(store, "ingest")
    report = IngestReport(run_id)
    nlp = load_pipeline()
    pseudo = None if keep_personal_data else Pseudonymiser(store.salt())
    cases: dict[Path, CaseContext | None] = {}
    for i, path in enumerate(files):
        if progress:
            progress(path, i, len(files))
        result = _ingest_one(store, path, kind, pseudo, nlp, cases, run_id)
        if result.status == "failed":
            docstore.record_error(store, run_id, result.path, result.problem or "")
        report.results.append(result)
    if progress and files:
        progress(files[-1], len(files), len(files))
    docstore.finish_run(store, run_id, {k: v for k, v in report.summary().items()})
    return report


def _ingest_one(store, path, kind, pseudo, nlp, cases, run_id) -> FileResult:
    from textmining.minutes import parse_minutes
    from textmining.sources import read_document

    try:
        case = find_case(path.resolve(), cases)
        source = read_document(path)
        if docstore.has_document(store, source.sha256):
            return FileResult(str(path), kind or source.kind, "unchanged")
        doc_kind = kind or source.kind
        if case is not None and doc_kind in ("other", "letter", "minutes") and kind is None:
            doc_kind = "case_note" if doc_kind == "other" else doc_kind
        text, title = source.text, source.title
        if pseudo is not None:
            names = case.names if case else ()
            text, _ = pseudo.pseudonymise(text, names=names)
            if title:
                title, _ = pseudo.pseudonymise(title, names=names)
        items = []
        if doc_kind == "minutes":
            minutes = parse_minutes(text)
            if not minutes.items:
                raise InputError(str(path), "ingen dagsordenspunkter fundet; er det et referat?")
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
        document = {
            "id": source.sha256,
            "path": str(path.resolve()),
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
        status = docstore.store_document(store, document, items, run_id=run_id)
        return FileResult(str(path), doc_kind, status, items=len(items))
    except InputError as exc:
        return FileResult(str(path), kind, "failed", exc.problem)
    except MemoryError:
        return FileResult(str(path), kind, "failed", "filen er for stor til at blive læst")


def lemma_string(nlp, text: str) -> str:
    """Space-separated lemmas of the words in text (what the full-text index searches)."""
    if not text:
        return ""
    out: list[str] = []
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if "lemma" in p]):
        for doc in nlp.pipe(_chunks(text), batch_size=16):
            out.extend(t.lemma_ for t in doc if not (t.is_punct or t.is_space))
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
