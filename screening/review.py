"""Human review of findings: walk through them, or export to Excel and import the verdicts back.

A review never overwrites: each decision is a new row, and the newest one for a finding is the
one that counts. Importing the same sheet twice, or from two processes at once, stores each row
once (an import key made of the row's content).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError
from store import Store
from store import screening as sstore

DECISION_WORDS = {
    "bekræft": "bekraeftet", "bekraeft": "bekraeftet", "bekræftet": "bekraeftet",
    "bekraeftet": "bekraeftet", "ok": "bekraeftet", "enig": "bekraeftet",
    "afvis": "afvist", "afvist": "afvist", "uenig": "afvist",
    "ændr": "aendret", "aendr": "aendret", "ændret": "aendret", "aendret": "aendret",
}
VERDICTS = ("ok", "mangel", "kan_ikke_vurderes", "ikke_relevant")
EXPORT_COLUMNS = ("fund_id", "sag", "regel", "vurdering", "forklaring", "evidens",
                  "afgoerelse", "ny_vurdering", "kommentar", "reviewer")


@dataclass(frozen=True)
class ReviewItem:
    """A finding to review, with the evidence sentences and their context."""

    finding_id: int
    case_id: str
    rule: str
    verdict: str
    explanation: str
    evidence: tuple[dict[str, Any], ...]
    last_review: str | None


def review_items(store: Store, case_ids: list[str], *, only_open: bool = False,
                 context: int = 160) -> list[ReviewItem]:
    """The latest findings of these cases, each with its evidence in context."""
    items = []
    texts: dict[str, str] = {}
    for f in sstore.latest_findings(store, case_ids):
        if only_open and f["review_decision"]:
            continue
        evidence = []
        for ev_id in f["events"]:
            row = store.db.execute(
                "SELECT e.kind, e.date, e.negated, e.evidence, e.document, e.start, e.end, "
                "e.document_id FROM case_events e WHERE e.id = ?", [ev_id]).fetchone()
            if row is None:
                continue
            kind, d, negated, sentence, document, start, end, doc_id = row
            before = after = ""
            if doc_id:
                if doc_id not in texts:
                    t = store.db.execute("SELECT text FROM documents WHERE id = ?",
                                         [doc_id]).fetchone()
                    texts[doc_id] = t[0] if t else ""
                text = texts[doc_id]
                if start is not None and end is not None and text:
                    before = text[max(0, start - context):start]
                    after = text[end:end + context]
            evidence.append({"kind": kind, "date": d, "negated": bool(negated),
                             "sentence": sentence, "document": document,
                             "before": before, "after": after})
        last = None
        if f["review_decision"]:
            last = f"{f['review_decision']} af {f['reviewer']} {f['reviewed_at']}"
        items.append(ReviewItem(f["id"], f["case_id"], f["rule"], f["verdict"],
                                f["explanation"], tuple(evidence), last))
    return items


def normalise_decision(word: str) -> str:
    key = word.strip().lower()
    if key not in DECISION_WORDS:
        raise ScreeningError(
            f"ukendt afgørelse '{word}'; skriv bekræft, afvis eller ændr")
    return DECISION_WORDS[key]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell that a spreadsheet would run as a formula starts (OWASP, CSV injection)."""


def neutralise(value: Any) -> Any:
    """A cell value a spreadsheet shows as text: text that starts like a formula gets an
    apostrophe in front (`=HYPERLINK(...)` becomes `'=HYPERLINK(...)`); `unneutralise` takes it
    off again on import."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """The text of an imported cell without the apostrophe `neutralise` put in front."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def export_reviews(items: list[ReviewItem], path: Path) -> Path:
    """Write the findings to an .xlsx (or .csv) sheet a team can fill in.

    Every cell that starts like a formula is neutralised; the file is created 0600 and never
    replaces a file afdaek did not write (store.outputs)."""
    from store.outputs import write_output

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ScreeningError(f"{path}: eksporten skal være .xlsx eller .csv")
    rows = []
    for it in items:
        ev = " | ".join(f"{e['date'] or 'udateret'} {e['document']}: {e['sentence']}"
                        for e in it.evidence)
        rows.append([neutralise(v) for v in (it.finding_id, it.case_id, it.rule, it.verdict,
                                             it.explanation, ev, "", "", "", "")])
    write = _write_csv if suffix == ".csv" else _write_xlsx
    return write_output(path, lambda tmp: write(tmp, rows))


def _write_csv(path: Path, rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(EXPORT_COLUMNS)
        w.writerows(rows)


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Gennemgang"
    ws.append(list(EXPORT_COLUMNS))
    for r in rows:  # control characters from a document cannot be stored in the XML
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in r])
    dv = DataValidation(type="list", formula1='"bekræft,afvis,ændr"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"G2:G{len(rows) + 1}")
    dv2 = DataValidation(type="list", formula1=f'"{",".join(VERDICTS)}"', allow_blank=True)
    ws.add_data_validation(dv2)
    dv2.add(f"H2:H{len(rows) + 1}")
    for col, width in zip("ABCDEFGHIJ", (8, 12, 7, 18, 60, 80, 12, 18, 40, 14)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.save(path)


def _read_sheet(path: Path) -> list[dict[str, Any]]:
    """The rows of a filled-in sheet as {column: text, "_row": row number}, read through
    textmining's guards (size, zip bombs, sheet dimensions) like every other file."""
    from textmining.errors import InputError
    from textmining.guards import open_workbook, path_text, read_input, sheet_rows
    from textmining.sources import iter_csv

    if not path.is_file():
        raise ScreeningError(f"{path}: filen findes ikke")
    where = path_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = [(n, row) for n, row in enumerate(iter_csv(path, where), start=1) if row]
    elif suffix == ".xlsx":
        wb = open_workbook(where, read_input(path, where))
        try:
            table = [(n, ["" if c is None else str(c) for c in row])
                     for n, row in sheet_rows(wb.worksheets[0], where)]
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - openpyxl raises many types on a broken sheet
            raise ScreeningError(f"{where}: Excel-filen er beskadiget og kan ikke læses") from None
        finally:
            wb.close()
    else:
        raise ScreeningError(f"{path}: importen skal være .xlsx eller .csv")
    if not table:
        raise ScreeningError(f"{path}: filen er tom")
    header = [h.strip().lower() for h in table[0][1]]
    for col in ("fund_id", "afgoerelse"):
        if col not in header:
            raise ScreeningError(f"{path}: kolonnen '{col}' mangler i første række")
    return [{"_row": n, **dict(zip(header, (unneutralise(c) for c in row)))}
            for n, row in table[1:]]


def import_reviews(store: Store, path: Path, *, reviewer: str | None = None) -> dict[str, int]:
    """Store the filled-in decisions of a sheet; returns counts (stored, already, blank).
    All or nothing: one transaction, so a bad row halfway stores none of the sheet."""
    rows = list(_read_sheet(path))
    with store.transaction():
        return _import_rows(store, path, rows, reviewer)


def _import_rows(store: Store, path: Path, rows: list[dict], reviewer: str | None
                 ) -> dict[str, int]:
    counts = {"gemt": 0, "allerede_gemt": 0, "tomme": 0}
    for row in rows:
        decision_word = str(row.get("afgoerelse") or "").strip()
        if not decision_word:
            counts["tomme"] += 1
            continue
        where = f"{path.name}, række {row['_row']}"
        try:
            finding_id = int(str(row["fund_id"]).strip())
        except ValueError:
            raise ScreeningError(f"{where}: fund_id '{row['fund_id']}' er ikke et tal") from None
        try:
            decision = normalise_decision(decision_word)
        except ScreeningError as exc:
            raise ScreeningError(f"{where}: {exc}") from None
        verdict = str(row.get("ny_vurdering") or "").strip() or None
        if verdict and verdict not in VERDICTS:
            raise ScreeningError(
                f"{where}: ukendt vurdering '{verdict}'; brug {', '.join(VERDICTS)}")
        who = str(row.get("reviewer") or "").strip() or reviewer or "ukendt"
        comment = str(row.get("kommentar") or "").strip() or None
        key = hashlib.sha256("\x1f".join(
            [str(finding_id), who, decision, verdict or "", comment or ""]).encode()).hexdigest()
        try:
            added = sstore.add_review(store, finding_id, reviewer=who, decision=decision,
                                      verdict=verdict, comment=comment, import_key=key)
        except Exception as exc:
            from store import StoreError

            if isinstance(exc, StoreError):
                raise ScreeningError(f"{where}: {exc}") from None
            raise
        counts["gemt" if added else "allerede_gemt"] += 1
    return counts
