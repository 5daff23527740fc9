"""Letter checks: LIX, klarsprog findings and the summons checklist, per profile.

A pure layer over :mod:`textmining.language.readability` and :mod:`textmining.domain.plainlanguage`; the CLI
and the store call :func:`check_letters` (batched with ``nlp.pipe``), :func:`letter_to_json`
and :func:`compare_letters`. The checklist patterns and profiles are data
(``data/letters_checklist.toml``), each with its source.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmining import DATA_DIR
from textmining.config import bundled_toml
from textmining.domain.letter_profiles import PROFILES
from textmining.domain.plainlanguage import LanguageIssue, PlainLanguageConfig, check_doc, pipe
from textmining.errors import InputError
from textmining.language.readability import Readability, readability, sentences

_DATA = DATA_DIR / "letters_checklist.toml"


@dataclass(frozen=True)
class LetterCheck:
    """One letter's profile, readability, klarsprog findings and checklist.

    ``missing`` lists the problems with the checklist: required items that are absent, and
    forbidden items that are present (``konsekvens`` in a friendly first summons).
    ``extra`` holds the non-summons items (begrundelse, klagevejledning, frist).
    """

    profile: str
    readability: Readability
    issues: tuple[LanguageIssue, ...]
    checklist: dict[str, bool]
    missing: tuple[str, ...]
    extra: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class _Checklist:
    patterns: dict[str, re.Pattern[str]]
    date: re.Pattern[str]
    clock: re.Pattern[str]
    distance: int
    consequence: re.Pattern[str]
    failure: re.Pattern[str]
    negation: re.Pattern[str]
    required: dict[str, tuple[str, ...]]
    forbidden: dict[str, tuple[str, ...]]
    guess: tuple[tuple[str, re.Pattern[str]], ...]
    items: tuple[str, ...]  # [punkter]: what a summons must tell, in the file's order
    extra_items: tuple[str, ...]  # [ekstra]: what other letters tell
    names: dict[str, tuple[str, str]]  # item: (report name, terminal name), in the file's order


@functools.lru_cache(maxsize=1)
def _checklist() -> _Checklist:
    """Compile the checklist data file once."""
    data = bundled_toml(_DATA)
    items = {**data["punkter"], **data["ekstra"]}
    patterns = {
        name: re.compile("|".join(f"(?:{p})" for p in spec["moenstre"]))
        for name, spec in items.items()
        if "moenstre" in spec
    }
    tid = data["punkter"]["tid"]
    kons = data["punkter"]["konsekvens"]
    return _Checklist(
        patterns=patterns,
        date=re.compile(tid["dato"]),
        clock=re.compile(tid["klokkeslaet"]),
        distance=int(tid["afstand"]),
        consequence=re.compile(kons["foelge"]),
        failure=re.compile(kons["udeblivelse"]),
        negation=re.compile(kons["negation"]),
        required={k: tuple(v["kraevet"]) for k, v in data["profiler"].items()},
        forbidden={k: tuple(v["forbudt"]) for k, v in data["profiler"].items()},
        guess=tuple((k, re.compile(v)) for k, v in data["gaet"].items()),
        items=tuple(data["punkter"]),
        extra_items=tuple(data["ekstra"]),
        names={name: (spec["navn"], spec["kort"]) for name, spec in items.items()},
    )


def checklist_items() -> tuple[str, ...]:
    """The summons checklist's items ('formaal', 'tid', ...), in the order the checks run and
    the JSON lists them: the [punkter] of letters_checklist.toml, their one owner."""
    return _checklist().items


def extra_items() -> tuple[str, ...]:
    """The items checked beside the summons checklist ('begrundelse', 'klagevejledning',
    'frist'): the [ekstra] of letters_checklist.toml."""
    return _checklist().extra_items


def checklist_names() -> dict[str, str]:
    """Every checklist item's Danish name as the reports write it ('Formålet med mødet'),
    the summons items first, in the checklist data's order."""
    return {item: names[0] for item, names in _checklist().names.items()}


def checklist_short_names() -> dict[str, str]:
    """Every checklist item's short name, as the terminal's one-line checklist writes it."""
    return {item: names[1] for item, names in _checklist().names.items()}


def item_name(item: str) -> str:
    """The report name of a checklist item; an item afdaek no longer knows (a stored older
    check) is shown by its id."""
    return checklist_names().get(item) or item.replace("_", " ").capitalize()


_SENTENCE_BREAK = re.compile(r"\n|[.!?]\s+[A-ZÆØÅ]")


def _has_time(text: str, low: str, cl: _Checklist) -> bool:
    """A date and a clock time close together in one sentence (not the letter's date line
    followed by office hours)."""
    dates = [(m.start(), m.end()) for m in cl.date.finditer(low)]
    if not dates:
        return False
    for m in cl.clock.finditer(low):
        for d_start, d_end in dates:
            a, b = (d_end, m.start()) if d_start < m.start() else (m.end(), d_start)
            if 0 <= b - a <= cl.distance and not _SENTENCE_BREAK.search(text, a, b):
                return True
    return False


def _has_consequence(text: str, cl: _Checklist, read: Readability | None) -> bool:
    """A sentence that names a consequence (fradrag, ophør, ...) of not turning up."""
    low_text = text.lower()
    if not (cl.consequence.search(low_text) and cl.failure.search(low_text)):
        return False
    read = read if read is not None else readability(text)
    sents = [s for p in read.paragraphs for s in p.sentences]
    for para in read.excluded:
        sents.extend(sentences(para.text, para.start))
    for sent in sents:
        low = sent.text.lower()
        if cl.consequence.search(low) and cl.failure.search(low) and not cl.negation.search(low):
            return True
    return False


def checklist(text: str, read: Readability | None = None) -> dict[str, bool]:
    """Which summons checklist items (and extra items) the letter has.

    ``read`` (the text's readability) is reused for its sentences when given."""
    cl = _checklist()
    low = text.lower()
    found = {name: bool(p.search(low)) for name, p in cl.patterns.items()}
    found["tid"] = _has_time(text, low, cl) if len(low) == len(text) else _has_time(low, low, cl)
    found["konsekvens"] = _has_consequence(text, cl, read)
    return found


def guess_profile(text: str) -> str:
    """The letter's most likely profile: afgørelse, partshøring, (first) summons, generelt."""
    low = text.lower()
    for name, pattern in _checklist().guess:
        if pattern.search(low):
            return name
    return "generelt"


def _check(doc, profile: str | None, config: PlainLanguageConfig | None) -> LetterCheck:
    text = doc.text
    if profile is None:
        profile = guess_profile(text)
    elif profile not in PROFILES:
        raise InputError(None, f"ukendt brevprofil '{profile}'; vælg en af: {', '.join(PROFILES)}")
    read = readability(text)
    issues = tuple(check_doc(doc, config, read))
    found = checklist(text, read)
    cl = _checklist()
    missing = [item for item in cl.required[profile] if not found.get(item, False)]
    missing += [item for item in cl.forbidden[profile] if found.get(item, False)]
    return LetterCheck(
        profile=profile,
        readability=read,
        issues=issues,
        checklist={item: found[item] for item in cl.items},
        missing=tuple(missing),
        extra={item: found[item] for item in cl.extra_items},
    )


def letter_text(text: str, fmt: str | None) -> str:
    """The text a letter is checked on: a Word letter's paragraphs come one a line, so each
    line becomes a paragraph (blank line between) and its sentences get a LIX."""
    if fmt == "docx" and "\n\n" not in text.strip():
        return "\n\n".join(line for line in text.split("\n"))
    return text


def check_letter(
    text: str, nlp, profile: str | None = None, config: PlainLanguageConfig | None = None
) -> LetterCheck:
    """Check one letter. ``profile`` None means guess it from the text."""
    return check_letters([text], nlp, [profile], config)[0]


def check_letters(
    texts: Iterable[str],
    nlp,
    profiles: Sequence[str | None] | None = None,
    config: PlainLanguageConfig | None = None,
    batch_size: int = 64,
) -> list[LetterCheck]:
    """Check many letters in one ``nlp.pipe`` pass; ``profiles`` per letter (None = guess)."""
    texts = list(texts)
    if profiles is None:
        profiles = [None] * len(texts)
    if len(profiles) != len(texts):
        raise ValueError("profiles must have one entry per text")
    return [_check(doc, prof, config) for doc, prof in zip(pipe(texts, nlp, batch_size), profiles)]


@dataclass(frozen=True)
class CheckedLetter:
    """A letter file, the text it was checked on and its check."""

    path: Path
    text: str
    check: LetterCheck

    def to_json(self) -> dict[str, Any]:
        """The `afdaek letters check --format json` object of the letter."""
        from textmining.readers.guards import path_text

        return letter_to_json(self.check, path_text(self.path))


def check_letter_files(
    files: Iterable[Path], nlp, profile: str | None = None, config: PlainLanguageConfig | None = None
) -> tuple[list[CheckedLetter], list[str]]:
    """Read and check each letter file (one ``nlp.pipe`` pass); a file that cannot be read or
    is too long for a letter does not stop the rest: its Danish line (file and problem) is
    among the problems returned."""
    from textmining.readers.guards import check_letter_size
    from textmining.readers.sources import read_document

    texts: list[str] = []
    paths: list[Path] = []
    problems: list[str] = []
    for f in files:
        try:
            source = read_document(f)
            check_letter_size(source.path, source.text)
        except InputError as exc:
            problems.append(str(exc))
            continue
        texts.append(letter_text(source.text, source.format))
        paths.append(Path(f))
    checks = check_letters(texts, nlp, [profile] * len(texts), config)
    return [CheckedLetter(p, t, c) for p, t, c in zip(paths, texts, checks)], problems


def check_letters_with_settings(
    files: Iterable[Path], db: str | Path | None, profile: str | None = None, settings: Path | None = None
) -> tuple[list[CheckedLetter], list[str]]:
    """`check_letter_files` with the Danish pipeline and the klarsprog settings a command uses:
    the file given (--config), else afdaek.toml beside the database at db."""
    from textmining.config import settings_file
    from textmining.domain.plainlanguage import load_config
    from textmining.language.nlp import load_pipeline

    config = load_config(settings_file(settings, db))
    return check_letter_files(files, load_pipeline(), profile, config)


def compare_letter_files(
    old: Path, new: Path, db: str | Path | None, profile: str | None = None, settings: Path | None = None
) -> dict[str, Any]:
    """Two versions of a letter file compared (`compare_letters`), checked as
    `check_letters_with_settings` does; InputError when either cannot be read."""
    checked, problems = check_letters_with_settings((old, new), db, profile, settings)
    if problems:
        raise InputError(None, problems[0])
    return compare_letters(checked[0].check, checked[1].check)


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def issue_to_json(issue: LanguageIssue) -> dict[str, Any]:
    """One finding in the JSON shape of ``afdaek letters check --format json``."""
    return {
        "rule": issue.rule,
        "text": issue.text,
        "start": issue.start,
        "end": issue.end,
        "message": issue.message,
        "suggestion": issue.suggestion,
    }


def letter_to_json(check: LetterCheck, file: str) -> dict[str, Any]:
    """The JSON object for one letter (LIX rounded to 1 decimal, RIX to 2)."""
    return {
        "file": file,
        "profile": check.profile,
        **_readability_json(check.readability),
        "issues": [issue_to_json(i) for i in check.issues],
        "checklist": {item: bool(check.checklist[item]) for item in checklist_items()},
    }


def _readability_json(r: Readability) -> dict[str, Any]:
    """The readability figures both ``letters check`` and ``letters compare`` show."""
    return {
        "lix": _round(r.lix),
        "words": r.words,
        "sentences": r.sentences,
        "long_words": r.long_words,
        "rix": _round(r.rix, 2),
        "band": r.band,
    }


def _key(issue: LanguageIssue) -> tuple[str, str]:
    return issue.rule, " ".join(issue.text.lower().split())


def _unmatched(issues: tuple[LanguageIssue, ...], others: tuple[LanguageIssue, ...]) -> list[dict[str, Any]]:
    """The issues (as JSON) with no match among the others, matched as a multiset."""
    left = Counter(_key(i) for i in others)
    out = []
    for issue in issues:
        k = _key(issue)
        if left[k]:
            left[k] -= 1
        else:
            out.append(issue_to_json(issue))
    return out


def compare_letters(old: LetterCheck, new: LetterCheck) -> dict[str, Any]:
    """Two versions of a letter side by side: counts before/after, issues gone and new.

    Issues are matched by rule and text (case and spacing ignored), counted as a multiset, so
    a phrase used twice and fixed once shows one gone.
    """

    def counts(c: LetterCheck) -> dict[str, Any]:
        r = c.readability
        return {
            **_readability_json(r),
            "mean_sentence": _round(r.mean_sentence),
            "longest_sentence": r.longest_sentence,
            "issues": len(c.issues),
            "missing": list(c.missing),
        }

    gone = _unmatched(old.issues, new.issues)
    added = _unmatched(new.issues, old.issues)
    lix_change = (
        None
        if old.readability.lix is None or new.readability.lix is None
        else round(new.readability.lix - old.readability.lix, 1)
    )
    return {
        "before": counts(old),
        "after": counts(new),
        "lix_change": lix_change,
        "issues_gone": gone,
        "issues_new": added,
        "issues_kept": len(old.issues) - len(gone),
        "checklist_fixed": [m for m in old.missing if m not in new.missing],
        "checklist_broken": [m for m in new.missing if m not in old.missing],
    }


def not_required(profile: str) -> frozenset[str]:
    """The summons checklist items the profile does not require (a friendly first summons
    need not state the consequence), from the checklist data."""
    cl = _checklist()
    return frozenset(cl.items) - frozenset(cl.required.get(profile, cl.items))
