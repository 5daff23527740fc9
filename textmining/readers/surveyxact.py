"""SurveyXact exports: the three tables SurveyXact writes, read with labels applied.

An export is three tables, as the sheets of one workbook (`Labels`, `Dataset`, `Structure`) or
as three CSV files in a folder (`labels.csv`, `dataset.csv`, `structure.csv`), in either of
SurveyXact's CSV encodings (Windows: `;` and cp1252; "Unicode": tab and UTF-16 LE with BOM —
both decoded by the one table reader, textmining.readers.tabular):

- Dataset: one row per respondent, a header of variable names, coded answers.
- Labels: no header; variable, code, label text — one row per code.
- Structure: questionName, variableName, questionType (Closed/Open), subType
  (Single/Multiple/String/...), questionText, choiceValue, choiceText.

The tables are recognised by their content, not their names. Every respondent gets every
answer as text (the label of its code); open text answers are the comments. The group question
(which ydelse, which group) and the overall satisfaction question are found from their texts
and labels, or named in afdaek.toml:

    [survey]
    gruppe = "s_1"          # variable name (or the question's text)
    tilfredshed = "s_7"

`SurveyExport.used` says which variables were used, in Danish.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmining.errors import InputError
from textmining.readers.guards import path_text
from textmining.readers.tabular import TableFile, open_table

STRUCTURE_HEADER = ("questionname", "variablename", "questiontype", "subtype", "questiontext")
TEXT_SUBTYPES = {"string", "text", "memo", "multiline", ""}

_GROUP_TEXT = re.compile(
    r"\b(?:ydelse[nr]?|forsørgelse\w*|modtager du|får du|målgruppe|hvilken gruppe|"
    r"borgergruppe|din situation|nuværende situation|forsørgelsesgrundlag)\b",
    re.IGNORECASE,
)
_BENEFIT_LABELS = re.compile(
    r"\b(?:kontanthjælp|uddannelseshjælp|sygedagpenge|a-dagpenge|dagpenge|ressourceforløb|"
    r"jobafklaringsforløb|ledighedsydelse|fleksjob|revalidering|integrationsydelse|"
    r"selvforsørgelses\w*|overgangsydelse|førtidspension|forsikret ledig\w*|jobparat|"
    r"aktivitetsparat)\b",
    re.IGNORECASE,
)
_SATISFIED = re.compile(r"tilfreds|fornøyd|nöjd", re.IGNORECASE)
_OVERALL = re.compile(
    r"\b(?:samlet|alt i alt|overordnet|generelt|helhed\w*|samlede|"
    r"overall)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Question:
    """One variable of the survey: its name, question text, type (`Closed/Single`,
    `Closed/Multiple`, `Open/String` ...) and its labels (code -> text) in SurveyXact's order."""

    variable: str
    text: str
    type: str
    labels: tuple[tuple[str, str], ...] = ()

    @property
    def is_open_text(self) -> bool:
        kind, _, sub = self.type.partition("/")
        return kind.lower() == "open" and sub.lower() in TEXT_SUBTYPES

    @property
    def is_single(self) -> bool:
        return self.type.lower() == "closed/single"


@dataclass(frozen=True)
class SurveyExport:
    """A SurveyXact export read with labels applied."""

    path: str
    questions: tuple[Question, ...]
    respondents: tuple[dict[str, str | None], ...]
    group: str | None
    satisfaction: str | None
    used: tuple[str, ...] = ()
    files: tuple[str, ...] = field(default=())

    def question(self, variable: str | None) -> Question | None:
        return next((q for q in self.questions if q.variable == variable), None)

    def comments(self) -> list[tuple[str, str, str]]:
        """(respondent, variable, text) of every open text answer that is not empty."""
        out = []
        for number, answers in enumerate(self.respondents, start=1):
            for q in self.questions:
                if q.is_open_text:
                    text = (answers.get(q.variable) or "").strip()
                    if text:
                        out.append((str(number), q.variable, text))
        return out

    def counts(self, variable: str | None) -> dict[str, int]:
        """Respondents per label of a closed question, in the question's label order (labels
        no one chose are left out)."""
        q = self.question(variable)
        if q is None or variable is None:
            return {}
        seen = Counter(str(a[variable]) for a in self.respondents if a.get(variable))
        order = [label for _code, label in q.labels]
        order += sorted(k for k in seen if k not in order)
        return {label: seen[label] for label in dict.fromkeys(order) if seen.get(label)}

    def summary(self) -> dict[str, Any]:
        """`afdaek survey summary --format json`: respondents, groups, satisfaction, comments,
        questions."""
        return {
            "respondents": len(self.respondents),
            "groups": self.counts(self.group),
            "satisfaction": self.counts(self.satisfaction),
            "comments": len(self.comments()),
            "questions": [{"variable": q.variable, "text": q.text, "type": q.type} for q in self.questions],
        }


# --------------------------------------------------------------------------- recognising


def _cells(rows: Iterable[tuple[int, tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
    return [cells for _n, cells in rows if any(_present(c) for c in cells)]


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _norm(value: Any) -> str:
    return re.sub(r"[^a-z]", "", str(value or "").lower())


def _role(rows: list[tuple[Any, ...]]) -> str | None:
    """'structure', 'labels' or 'dataset' by a table's content, or None."""
    if not rows:
        return None
    first = tuple(_norm(c) for c in rows[0][:5])
    if first == STRUCTURE_HEADER:
        return "structure"
    sample = rows[:50]
    if len(sample) > 1 and _code(sample[0][1] if len(sample[0]) > 1 else None) is None:
        sample = sample[1:]  # a header row (variable, value, label)
    if all(len([c for c in r if _present(c)]) <= 3 for r in sample) and all(
        len(r) >= 2 and _code(r[1]) is not None for r in sample if _present(r[0])
    ):
        return "labels"
    header = rows[0]
    names = [c for c in header if _present(c)]
    if names and all(isinstance(c, str) and re.fullmatch(r"[^\W\d][\w.\-]*", c.strip()) for c in names):
        return "dataset"
    return None


def _code(value: Any) -> str | None:
    """A code as text ('5' for 5, 5.0 and '5'), or None when the value is not a code."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return str(int(text))
    if re.fullmatch(r"-?\d+[.,]0+", text):
        return str(int(float(text.replace(",", "."))))
    return None


def find_tables(sheets: Iterable[tuple[str, list[tuple[Any, ...]]]]) -> dict[str, tuple[str, list]]:
    """{role: (name, rows)} of the tables that make a SurveyXact export."""
    found: dict[str, tuple[str, list]] = {}
    for name, rows in sheets:
        role = _role(rows)
        if role and role not in found:
            found[role] = (name, rows)
    return found


def is_export(sheets: Iterable[tuple[str, list[tuple[Any, ...]]]]) -> bool:
    return len(find_tables(sheets)) == 3


# --------------------------------------------------------------------------- reading


def _csv_sheets(folder: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".csv", ".txt", ".tsv") and path.is_file():
            try:
                tf = open_table(path)
            except InputError:
                continue
            out.append((path_text(path), _cells(tf.sheets[0].rows)))
    return out


def siblings(path: str | Path) -> list[Path] | None:
    """The three CSV files of the SurveyXact export that path (one of them) belongs to, or
    None when its folder holds no such export."""
    folder = Path(path).parent
    tables = find_tables(_csv_sheets(folder))
    if len(tables) != 3:
        return None
    files = [Path(name) for name, _rows in tables.values()]
    return files if any(f.name == Path(path).name for f in files) else None


def read_export(source: str | Path | TableFile, settings: Mapping[str, Any] | None = None) -> SurveyExport:
    """Read a SurveyXact export: an .xlsx with the three sheets, a folder with the three CSV
    files, or one of those CSV files (its siblings are found). Raises InputError (one Danish
    line) when the tables are not all there or do not fit together."""
    if isinstance(source, TableFile):
        where = source.path
        sheets = [(s.name or where, _cells(s.rows)) for s in source.sheets]
        files: tuple[str, ...] = (where,)
    else:
        p = Path(source)
        where = path_text(p)
        if p.is_dir():
            sheets = _csv_sheets(p)
            files = tuple(name for name, _ in sheets)
        elif p.suffix.lower() in (".csv", ".txt", ".tsv"):
            sheets = _csv_sheets(p.parent)
            files = tuple(name for name, _ in sheets)
        else:
            tf = open_table(p)
            sheets = [(s.name or where, _cells(s.rows)) for s in tf.sheets]
            files = (where,)
    tables = find_tables(sheets)
    missing = [r for r in ("dataset", "labels", "structure") if r not in tables]
    if missing:
        names = {
            "dataset": "Dataset (svarene)",
            "labels": "Labels (svarteksterne)",
            "structure": "Structure (spørgsmålene)",
        }
        raise InputError(
            where,
            "ikke en hel SurveyXact-eksport: "
            + ", ".join(names[m] for m in missing)
            + " mangler; eksportér Dataset, Labels og Structure "
            "sammen (som Excel-ark eller tre CSV-filer i samme mappe)",
        )
    return _build(where, tables, settings or {}, files)


def _build(
    where: str, tables: dict[str, tuple[str, list]], settings: Mapping[str, Any], files: tuple[str, ...]
) -> SurveyExport:
    labels: dict[str, list[tuple[str, str]]] = {}
    for row in tables["labels"][1]:
        if len(row) < 3 or not _present(row[0]):
            continue
        code = _code(row[1])
        if code is not None:
            labels.setdefault(str(row[0]).strip(), []).append((code, " ".join(str(row[2] or "").split())))
    structure = tables["structure"][1]
    head = [_norm(c) for c in structure[0]]
    col = {name: head.index(name) for name in head if name}

    def at(row: tuple[Any, ...], name: str) -> str:
        i = col.get(name)
        return "" if i is None or i >= len(row) or row[i] is None else " ".join(str(row[i]).split())

    questions: dict[str, Question] = {}
    for row in structure[1:]:
        var = at(row, "variablename")
        if not var or var in questions:
            continue
        kind = "/".join(x for x in (at(row, "questiontype"), at(row, "subtype")) if x)
        text = at(row, "questiontext")
        if at(row, "subtype").lower() == "multiple" and at(row, "choicetext"):
            text = f"{text} - {at(row, 'choicetext')}"
        questions[var] = Question(var, text, kind, tuple(labels.get(var, ())))
    dataset = tables["dataset"][1]
    header = [str(c).strip() if _present(c) else "" for c in dataset[0]]
    unknown = [v for v in questions if v not in header]
    if questions and len(unknown) == len(questions):
        raise InputError(
            where,
            "Dataset og Structure passer ikke sammen (ingen af spørgsmålenes "
            "variabler står i Dataset); er de fra samme eksport?",
        )
    respondents = []
    for row in dataset[1:]:
        answers: dict[str, str | None] = {}
        for i, var in enumerate(header):
            if not var:
                continue
            value = row[i] if i < len(row) else None
            answers[var] = _answer(value, labels.get(var))
        respondents.append(answers)
    qs = tuple(questions.values())
    used: list[str] = []
    group: str | None = _chosen(where, qs, settings.get("gruppe"), "gruppe") or _find_group(qs)
    satisfaction = _chosen(where, qs, settings.get("tilfredshed"), "tilfredshed") or _find_satisfaction(
        qs, exclude=group
    )
    for role, chosen, how in (
        ("Gruppe", group, settings.get("gruppe")),
        ("Tilfredshed", satisfaction, settings.get("tilfredshed")),
    ):
        q = next((x for x in qs if x.variable == chosen), None)
        if q is None:
            used.append(
                f"{role}: intet spørgsmål fundet; angiv det under [survey] i afdaek.toml "
                f'({role.lower()} = "variabelnavn")'
            )
        else:
            source = "fra afdaek.toml" if how else "fundet ud fra tekst og svarmuligheder"
            used.append(f'{role}: {q.variable} "{_shorten(q.text)}" ({source})')
    opens = [q.variable for q in qs if q.is_open_text]
    used.append("Kommentarer: " + (", ".join(opens) if opens else "ingen åbne spørgsmål"))
    return SurveyExport(where, qs, tuple(respondents), group, satisfaction, tuple(used), files)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _answer(value: Any, labels: list[tuple[str, str]] | None) -> str | None:
    if not _present(value):
        return None
    if labels:
        code = _code(value)
        for c, label in labels:
            if c == code:
                return label
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _chosen(where: str, qs: tuple[Question, ...], wanted: Any, key: str) -> str | None:
    if wanted is None:
        return None
    text = str(wanted).strip()
    for q in qs:
        if q.variable == text:
            return q.variable
    for q in qs:
        if q.text.lower() == text.lower():
            return q.variable
    raise InputError(
        where,
        f'[survey] {key} = "{text}" i afdaek.toml findes ikke i eksporten; '
        f"brug et variabelnavn fra Structure, fx {qs[0].variable if qs else ''}",
    )


def _find_group(qs: tuple[Question, ...]) -> str | None:
    best, best_score = None, 0
    for q in qs:
        if not q.is_single or not q.labels:
            continue
        benefit = sum(1 for _c, label in q.labels if _BENEFIT_LABELS.search(label))
        score = (2 * benefit if benefit >= 2 else 0) + (3 if _GROUP_TEXT.search(q.text) else 0)
        if _SATISFIED.search(" ".join(label for _c, label in q.labels)):
            score = 0
        if score > best_score:
            best, best_score = q.variable, score
    return best if best_score >= 3 else None


def _find_satisfaction(qs: tuple[Question, ...], exclude: str | None) -> str | None:
    best, best_score = None, 0
    for q in qs:
        if not q.is_single or not q.labels or q.variable == exclude:
            continue
        satisfied = sum(1 for _c, label in q.labels if _SATISFIED.search(label))
        if satisfied < 2:
            continue
        score = 1 + (2 if _SATISFIED.search(q.text) else 0) + (3 if _OVERALL.search(q.text) else 0)
        if score > best_score:
            best, best_score = q.variable, score
    return best


def sheets_of(table_file: TableFile) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """A table file's sheets as (name, non-empty rows), for `is_export`."""
    return [(s.name or table_file.path, _cells(s.rows)) for s in table_file.sheets]
