"""A person re-codes survey comments: export the automatic themes, negativity and complaint
families to a sheet, import the person's codes back, and read the comments with them applied.

Like the review of findings (screening.review): the sheet is written and read by store.sheets,
a code never overwrites (each is a new row in survey_codes, the newest counts), and importing
the same sheet again changes nothing. Unlike it, a sheet with bad rows is not refused whole:
each bad row is one Danish line naming the file and the row, and the good rows are stored.

`coded_comments` is the one way the borgermøde report and `afdaek survey summary` read the
comments: the automatic analysis with a person's code applied where there is one
(textmining.domain.survey.apply_codes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError
from store import Store
from store import surveys as sstore
from store.db import user_name
from textmining.domain.survey import (
    QUESTION_LABELS,
    CommentAnalysis,
    CommentCode,
    Complaint,
    Theme,
    analyse_comments,
    apply_codes,
    complaint_people,
    load_complaints,
    load_themes,
    theme_counts,
)

EXPORT_COLUMNS = (
    "id",
    "spoergsmaal",
    "tekst",
    "auto_tema",
    "auto_negativ",
    "auto_klage",
    "tema",
    "negativ",
    "klage",
    "kommentar",
    "kodet_af",
)
CODE_COLUMNS = ("tema", "negativ", "klage")
NONE_WORD = "ingen"
YES_WORDS = frozenset({"ja", "j", "1"})
NO_WORDS = frozenset({"nej", "n", "0"})
_SPLIT = re.compile(r"\s*[,;]\s*")


@dataclass(frozen=True)
class CodedComments:
    """The store's comments as the reports count them: the comment rows (store.surveys), their
    analyses with a person's code applied where there is one, how many of them a person coded
    and how many of those codes differ from the automatic themes, negativity or complaints."""

    rows: list[dict[str, Any]]
    analyses: list[CommentAnalysis]
    coded: int
    changed: int


def _code(row: dict[str, Any]) -> CommentCode:
    return CommentCode(
        themes=row["themes"],
        negative=row["negative"],
        complaints=row["complaints"],
        note=row["note"],
        coded_by=row["coded_by"],
        coded_at=row["coded_at"],
    )


def _values(a: CommentAnalysis) -> tuple[Any, ...]:
    return a.themes, a.negative, a.complaints


def _analyse(rows: list[dict[str, Any]]) -> list[CommentAnalysis]:
    return analyse_comments([(str(r["respondent"]), r["question"], r["text"], r["id"]) for r in rows])


def coded_comments(store: Store) -> CodedComments:
    """Every comment of the store, analysed, with the newest code a person gave it applied."""
    rows = sstore.comment_rows(store)
    auto = _analyse(rows)
    codes = {k: _code(v) for k, v in sstore.latest_codes(store).items()}
    analyses = apply_codes(auto, codes)
    coded = [(a, b) for a, b in zip(auto, analyses) if b.code is not None]
    return CodedComments(rows, analyses, len(coded), sum(1 for a, b in coded if _values(a) != _values(b)))


def comment_summary(comments: CodedComments) -> dict[str, Any]:
    """What `afdaek survey summary` adds for the stored survey, counted as the borgermøde
    report counts: {"themes": [{"theme", "name", "respondents", "negative"}], "complaints":
    [{"complaint", "text", "respondents"}], "recoded": {"coded", "changed"}}."""
    counts = theme_counts(comments.analyses)
    people = complaint_people(comments.analyses)
    return {
        "themes": [
            {"theme": t.key, "name": t.name, "respondents": counts[t.key][0], "negative": counts[t.key][1]}
            for t in load_themes()
            if t.key in counts
        ],
        "complaints": [
            {"complaint": c.name, "text": c.text, "respondents": len(people[c.name])}
            for c in load_complaints()
            if c.name in people
        ],
        "recoded": {"coded": comments.coded, "changed": comments.changed},
    }


def stored_survey_summary(store: Store) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The stored survey as `afdaek survey summary` shows it: the counts of
    store.surveys.survey_summary and, counted with the people's codes, comment_summary; and
    the Danish lines naming the variables used as group and satisfaction."""
    summary = {**sstore.survey_summary(store), **comment_summary(coded_comments(store))}
    return summary, tuple(sstore.chosen_variables(store))


def export_survey_summary(path: Path, db: str | Path | None) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A SurveyXact export (not stored) as `afdaek survey summary EKSPORT` shows it, with the
    [survey] variables of the afdaek.toml beside the database at db; and the lines naming the
    variables used."""
    from textmining.config import project_config
    from textmining.readers.surveyxact import read_export

    export = read_export(path, project_config(db).survey)
    return export.summary(), tuple(export.used)


# --------------------------------------------------------------------------- export


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "ja" if value else "nej"


def _words(values: Sequence[str] | None) -> str:
    return "" if values is None else ", ".join(values) or NONE_WORD


def _question_labels(rows: list[dict[str, Any]]) -> dict[str, str]:
    labels = dict(QUESTION_LABELS)
    for r in rows:
        labels.setdefault(r["question"], r.get("label") or r["question"])
    return labels


def _code_sheet(themes: Sequence[Theme], complaints: Sequence[Complaint]) -> list[list[str]]:
    """The allowed codes, for the second sheet of an .xlsx export."""
    out = [["kolonne", "kode", "betydning"]]
    out += [["tema", t.key, f"{t.name}: {t.description}".rstrip(": ")] for t in themes]
    out.append(["tema", NONE_WORD, "Kommentaren handler ikke om nogen af temaerne"])
    out += [
        ["negativ", "ja", "Kommentaren er negativ (mindst ét negativt udsagn)"],
        ["negativ", "nej", "Kommentaren er ikke negativ"],
    ]
    out += [["klage", c.name, c.text] for c in complaints]
    out.append(["klage", NONE_WORD, "Kommentaren indeholder ingen af klagerne"])
    out.append(
        [
            "",
            "",
            "Flere temaer eller klager skrives med komma imellem. En tom celle "
            "betyder: den automatiske kode gælder.",
        ]
    )
    return out


def export_codes(store: Store, path: Path) -> int:
    """Write one row per comment (id, question, pseudonymised text, the automatic theme(s),
    negative ja/nej and complaint families, and the person's columns tema, negativ, klage,
    kommentar, kodet_af filled with the newest code when there is one) to an .xlsx or .csv
    sheet. Returns the number of rows."""
    from store.sheets import write_sheet

    rows = sstore.comment_rows(store)
    if not rows:
        raise ScreeningError(
            "der er ingen kommentarer i databasen; indlæs spørgeskemaet først (afdaek ingest)"
        )
    labels = _question_labels(rows)
    codes = sstore.latest_codes(store)
    out, seen = [], set()
    for a in _analyse(rows):
        if a.key in seen:  # the same person's same words to the same question: one code
            continue
        seen.add(a.key)
        c = codes.get(a.key) or {}
        out.append(
            [
                a.key,
                labels.get(a.question, a.question),
                a.text,
                _words(a.themes),
                _yes_no(a.negative),
                _words(a.complaints),
                _words(c.get("themes")),
                _yes_no(c.get("negative")),
                _words(c.get("complaints")),
                c.get("note") or "",
                c.get("coded_by") or "",
            ]
        )
    write_sheet(
        path,
        EXPORT_COLUMNS,
        out,
        title="Kommentarer",
        choices={"negativ": ("ja", "nej")},
        widths=(15, 24, 70, 22, 10, 18, 22, 10, 18, 30, 12),
        extra={"Koder": _code_sheet(load_themes(), load_complaints())},
    )
    return len(out)


# --------------------------------------------------------------------------- import


def _names(
    cell: str, allowed: dict[str, str], column: str, hint: str, problems: list[str]
) -> tuple[str, ...] | None:
    """The keys named in a cell ('tone, indkaldelse'), in `allowed`'s order; None when empty,
    () for 'ingen'. A name it does not know is a problem (and the cell is not used)."""
    if not cell:
        return None
    words = [w for w in _SPLIT.split(cell.strip().lower()) if w]
    if words == [NONE_WORD]:
        return ()
    found, bad = set(), []
    for w in words:
        key = allowed.get(w)
        if key is None:
            bad.append(w)
        else:
            found.add(key)
    for w in bad:
        if w == NONE_WORD:
            problems.append(f"'{NONE_WORD}' kan ikke stå sammen med andre i kolonnen {column}")
        else:
            problems.append(f"ukendt {column} '{w}' i kolonnen {column}; brug {hint} eller {NONE_WORD}")
    if bad:
        return None
    order = list(dict.fromkeys(allowed.values()))
    return tuple(k for k in order if k in found)


def _yes_no_cell(cell: str, problems: list[str]) -> bool | None:
    word = cell.strip().lower()
    if not word:
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    problems.append(f"'{cell.strip()}' i kolonnen negativ er hverken ja eller nej")
    return None


def import_codes(store: Store, path: Path, *, coder: str | None = None) -> dict[str, Any]:
    """Store the codes of a filled-in sheet. Every row is checked (its id, theme and complaint
    names, ja/nej); each problem is one Danish line "FIL, række N: ..." and the row is left
    out, the good rows are stored (one transaction). Returns {"gemt", "uaendret", "uden_kode",
    "afvist", "problemer"}. Who coded a row is its kodet_af, else `coder`, else the login name."""
    from store.sheets import read_sheet

    path = Path(path)
    sheet = read_sheet(path, ("id", *CODE_COLUMNS))
    known = {r["id"] for r in sstore.comment_rows(store)}
    themes, complaints = load_themes(), load_complaints()
    theme_names = {t.key.lower(): t.key for t in themes} | {t.name.lower(): t.key for t in themes}
    complaint_names = {c.name.lower(): c.name for c in complaints}
    theme_hint = ", ".join(t.key for t in themes)
    complaint_hint = ", ".join(c.name for c in complaints)
    codes: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    blank = rejected = 0
    for row in sheet:
        cells = {c: str(row.get(c) or "").strip() for c in (*CODE_COLUMNS, "id", "kommentar", "kodet_af")}
        if not any(cells[c] for c in CODE_COLUMNS):
            blank += 1
            continue
        found: list[str] = []
        comment = cells["id"]
        if not comment:
            found.append("id mangler")
        elif comment not in known:
            found.append(
                f"ukendt id '{comment}'; kommentaren findes ikke i databasen (lav en "
                "ny eksport med 'afdaek survey recode --export')"
            )
        code = {
            "comment_id": comment,
            "themes": _names(cells["tema"], theme_names, "tema", theme_hint, found),
            "negative": _yes_no_cell(cells["negativ"], found),
            "complaints": _names(cells["klage"], complaint_names, "klage", complaint_hint, found),
            "note": cells["kommentar"] or None,
            "coded_by": cells["kodet_af"] or user_name(coder) or "ukendt",
        }
        if code["negative"] is False and code["complaints"]:
            found.append(
                f"en klage er negativ, men negativ er 'nej'; skriv negativ ja eller klage {NONE_WORD}"
            )
        if found:
            problems += [f"{path.name}, række {row['_row']}: {p}" for p in found]
            rejected += 1
            continue
        codes.pop(comment, None)  # the same id twice: the lower row counts
        codes[comment] = code
    counts = sstore.add_codes(store, codes.values(), source=path.name)
    return {**counts, "uden_kode": blank, "afvist": rejected, "problemer": problems}
