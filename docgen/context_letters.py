"""Context for breve.docx (`afdaek letters check --format docx`), and the letter tables the
borgermøde report shares: LIX distribution, the most frequent klarsprog rules and the share of
summons missing each checklist item.

Input is the JSON shape of `afdaek letters check --format json`: one dict per letter with
file, profile, lix, words, sentences, long_words, rix, band, issues (rule, text, start, end,
message, suggestion) and checklist (item → found).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from docgen.charts import Chart
from docgen.formatting import anonymise_quote, format_date, format_number, format_share
from docgen.sources import (
    NO_DATA,
    compose,
    datagrundlag_source,
    dates_span_text,
    documents_source,
    files_text,
    month_labels,
)
from store import Store
from store.letters import LetterCheck, letter_checks, letter_dates, letter_document_paths
from textmining.domain.letter_profiles import SUMMONS_PROFILES
from textmining.domain.letters import checklist_names, item_name, not_required
from textmining.domain.plainlanguage import rule_name
from textmining.language.readability import BANDS as LIX_BANDS
from textmining.language.readability import LAST_BAND, TARGET_LIX, lix_band


def _bands() -> tuple[tuple[str, float | None, float | None, str], ...]:
    """The report's rows of the LIX bands (textmining.language.readability.BANDS, their one
    owner): name, lower bound, upper bound (exclusive), label."""
    limits: list[int | None] = [None, *(limit for limit, _ in LIX_BANDS), None]
    names = [name for _, name in LIX_BANDS] + [LAST_BAND]
    out = []
    for name, low, high in zip(names, limits, limits[1:]):
        label = (
            f"under {high}" if low is None else f"{low} og derover" if high is None else f"{low}-{high - 1}"
        )
        out.append((name.capitalize(), low, high, label))
    return tuple(out)


BANDS = _bands()
"""LIX bands: name, lower bound, upper bound (exclusive), label ("Let", 25, 35, "25-34")."""

"""Checklist items a profile does not require (a friendly first summons has no sanction text)."""


def band_of(lix: float | None) -> str | None:
    """The Danish band of a LIX value, as the report names it ("Let")."""
    return None if lix is None else lix_band(lix).capitalize()


def lix_section(values: Iterable[float | None]) -> dict[str, Any]:
    """lix_fordeling rows and figur_lix for a set of LIX values (letters, not people: no
    small-cell suppression)."""
    vals = [v for v in values if v is not None]
    counts = Counter(band_of(v) for v in vals)
    rows = [
        {
            "niveau": name,
            "interval": label,
            "antal": format_number(counts.get(name, 0)),
            "andel": format_share(counts.get(name, 0), len(vals), min_whole=1, people=False),
        }
        for name, _, _, label in BANDS
    ]
    chart = Chart(
        "bar",
        "Breve efter LIX",
        tuple(b[0] for b in BANDS),
        (("Breve", tuple(float(counts.get(b[0], 0)) for b in BANDS)),),
        ylabel="Antal breve",
        height_cm=6.0,
    )
    return {"lix_fordeling": rows, "figur_lix": chart}


def letter_overview(store: Store | list[LetterCheck]) -> dict[str, Any]:
    """The letter figures the borgermøde report prints, from the stored letter checks (or
    those given): letters checked, how many have a LIX, their mean, how many are over the
    target (TARGET_LIX), and how many summons meet the whole checklist."""
    target = TARGET_LIX
    rows = letter_checks(store) if isinstance(store, Store) else store
    lix = [r.lix for r in rows if r.lix is not None]
    summons = [r for r in rows if r.profile in SUMMONS_PROFILES]

    return {
        "letters": len(rows),
        "with_lix": len(lix),
        "mean_lix": sum(lix) / len(lix) if lix else None,
        "target": target,
        "over_target": sum(1 for v in lix if v > target),
        "summons": len(summons),
        "summons_complete": sum(1 for r in summons if r.missing == []),
    }


def _example(text: str, suggestion: str | None) -> str:
    text = anonymise_quote(" ".join((text or "").split()))
    if len(text) > 70:
        text = text[:67].rsplit(" ", 1)[0] + " …"
    if suggestion:
        return f"»{text}« → »{anonymise_quote(suggestion)}«"
    return f"»{text}«"


def klarsprog_rows(stats: Iterable[Mapping[str, Any]], limit: int = 10) -> list[dict[str, str]]:
    """The most frequent klarsprog rules: stats holds dicts with rule, fund (findings), breve
    (letters) and an example text and suggestion."""
    rows = sorted(stats, key=lambda s: (-s["fund"], s["rule"]))[:limit]
    return [
        {
            "regel": rule_name(s["rule"]),
            "fund": format_number(s["fund"]),
            "breve": format_number(s["breve"]),
            "eksempel": _example(s.get("text", ""), s.get("suggestion")),
        }
        for s in rows
    ]


def klarsprog_stats(letters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per rule: findings, letters with the rule and the most frequent text (JSON input)."""
    found: Counter[str] = Counter()
    letters_with: dict[str, set[int]] = defaultdict(set)
    texts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for i, letter in enumerate(letters):
        for issue in letter.get("issues") or []:
            rule = issue.get("rule", "")
            found[rule] += 1
            letters_with[rule].add(i)
            key = (" ".join(str(issue.get("text", "")).lower().split()), str(issue.get("suggestion") or ""))
            texts[rule][key] += 1
    out = []
    for rule, n in found.items():
        (text, suggestion), _ = min(texts[rule].items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(
            {
                "rule": rule,
                "fund": n,
                "breve": len(letters_with[rule]),
                "text": text,
                "suggestion": suggestion or None,
            }
        )
    return out


def checklist_section(letters: Iterable[tuple[str, dict[str, Any], list[str] | None]]) -> dict[str, Any]:
    """tjekliste rows and note: for summons letters (profile, checklist, missing), the share
    missing each item. `missing` (when given) is the checker's own list; otherwise an item is
    missing when the checklist says False and the profile requires it."""
    n = 0
    missing_counts: Counter[str] = Counter()
    items: list[str] = []
    for profile, checklist, missing in letters:
        if profile not in SUMMONS_PROFILES:
            continue
        n += 1
        for item in checklist:
            if item not in items:
                items.append(item)
        if missing is None:
            missing = [item for item, ok in checklist.items() if not ok and item not in not_required(profile)]
        for item in missing:
            if item in checklist or item in items:
                missing_counts[item] += 1
    order = list(checklist_names())
    items.sort(key=lambda i: (order.index(i) if i in order else len(order), i))
    rows = [
        {
            "punkt": item_name(i),
            "mangler": format_number(missing_counts.get(i, 0)),
            "andel": format_share(missing_counts.get(i, 0), n, min_whole=1, people=False),
        }
        for i in items
    ]
    note = (
        f"Tabellen viser, hvor mange af de {format_number(n)} indkaldelser der mangler "
        "hvert punkt i tjeklisten. En venlig første indkaldelse skal ikke nævne "
        "konsekvensen ved udeblivelse."
        if n
        else "Der er ingen indkaldelser blandt de tjekkede breve."
    )
    return {"tjekliste": rows, "tjekliste_note": note, "_summons": n, "_missing": dict(missing_counts)}


def _checklist_of(letter: dict[str, Any]) -> dict[str, bool]:
    raw = letter.get("checklist") or {}
    if isinstance(raw, dict):
        return {k: bool(v.get("ok", v.get("found")) if isinstance(v, dict) else v) for k, v in raw.items()}
    out = {}
    for entry in raw:
        if isinstance(entry, dict):
            key = entry.get("item") or entry.get("name") or entry.get("punkt")
            if key:
                out[str(key)] = bool(entry.get("ok", entry.get("found", False)))
    return out


def build_context(
    results: list[dict[str, Any]], today: date, *, period: str | None = None, scenarios: Any = None
) -> dict[str, Any]:
    """The letters report's context from `letters check` results (pure)."""
    letters = sorted(results, key=lambda r: str(r.get("file", "")))
    rows, details = [], []
    for letter in letters:
        name = Path(str(letter.get("file", "brev"))).name
        lix = letter.get("lix")
        band = band_of(lix) or letter.get("band") or "–"
        issues = letter.get("issues") or []
        checklist = _checklist_of(letter)
        rows.append(
            {
                "fil": name,
                "profil": str(letter.get("profile") or "–"),
                "lix": format_number(lix, 1) if lix is not None else "–",
                "niveau": band,
                "ord": format_number(letter.get("words")),
                "saetninger": format_number(letter.get("sentences")),
                "lange_ord": format_number(letter.get("long_words")),
                "fund": format_number(len(issues)),
            }
        )
        profile = str(letter.get("profile") or "")
        missing = letter.get("missing")
        if missing is None:
            missing = [i for i, ok in checklist.items() if not ok and i not in not_required(profile)]
        checklist_text = (
            "Tjekliste: mangler " + ", ".join(item_name(i).lower() for i in missing) + "."
            if missing and profile in SUMMONS_PROFILES
            else "Tjekliste: alle punkter er med."
            if profile in SUMMONS_PROFILES
            else "Tjeklisten for indkaldelser gælder ikke for denne type brev."
        )
        details.append(
            {
                "fil": name,
                "resume": (
                    f"LIX {format_number(lix, 1) if lix is not None else '–'} ({band.lower()}): "
                    f"{format_number(letter.get('words'))} ord i "
                    f"{format_number(letter.get('sentences'))} sætninger, "
                    f"{format_number(letter.get('long_words'))} lange ord, RIX "
                    f"{format_number(letter.get('rix'), 2) if letter.get('rix') is not None else '–'}."
                ),
                "tjekliste": checklist_text,
                "kilde": f"Kilde: brevtjek af {name}.",
                "fund": [
                    {
                        "regel": rule_name(str(i.get("rule", ""))),
                        "tekst": anonymise_quote(str(i.get("text", ""))),
                        "besked": str(i.get("message", "")),
                        "forslag": str(i.get("suggestion") or "–"),
                    }
                    for i in issues[:25]
                ],
            }
        )
    dates = [r.get("letter_date") or r.get("date") for r in letters]
    ctx: dict[str, Any] = {
        "kommune": "Jobcentret",
        "dato": format_date(today),
        # the letters' own dates when the results carry them, else the day they were checked
        "periode_tekst": dates_span_text(dates) or f"breve tjekket {format_date(today)}",
        "breve": rows,
        "brev_detaljer": details,
    }
    ctx.update(lix_section(r.get("lix") for r in letters))
    ctx["klarsprog"] = klarsprog_rows(klarsprog_stats(letters))
    cl = checklist_section((str(r.get("profile") or ""), _checklist_of(r), r.get("missing")) for r in letters)
    ctx["tjekliste"], ctx["tjekliste_note"] = cl["tjekliste"], cl["tjekliste_note"]
    lix_values = [r["lix"] for r in letters if r.get("lix") is not None]
    target = TARGET_LIX
    over = sum(1 for v in lix_values if v > target)
    mean = sum(lix_values) / len(lix_values) if lix_values else None
    ctx["breve_note"] = (
        f"{format_number(len(letters))} breve er tjekket. Gennemsnitlig LIX er "
        f"{format_number(mean, 1)}; {format_number(over)} breve ligger over målet på "
        f"{format_number(target)}."
        if letters
        else "Der er ingen breve i kørslen."
    )
    summary = [ctx["breve_note"]]
    if ctx["klarsprog"]:
        top = ctx["klarsprog"][0]
        summary.append(
            f"Hyppigste klarsprogsfund: {top['regel'].lower()} ({top['fund']} fund i {top['breve']} breve)."
        )
    for item, count in sorted(cl["_missing"].items(), key=lambda kv: (-kv[1], kv[0]))[:2]:
        summary.append(
            f"{item_name(item)} mangler i {format_number(count)} af "
            f"{format_number(cl['_summons'])} indkaldelser."
        )
    ctx["sammenfatning"] = summary
    ctx["datagrundlag"] = [
        {"kilde": r["fil"], "indhold": f"Brev ({r['profil']})", "perioder": "–", "raekker": "1"} for r in rows
    ]
    files = files_text([str(r.get("file", "")) for r in letters])
    ctx["kilde"] = {
        "breve": compose([], files, dates_span_text(dates), f"brevtjek af {letters_count(len(letters))}")
        if letters
        else NO_DATA,
        "datagrundlag": datagrundlag_source(ctx["datagrundlag"]),
    }
    return ctx


def letters_count(n: int) -> str:
    """'1 brev', '14 breve'."""
    return f"{format_number(n)} {'brev' if n == 1 else 'breve'}"


def letters_source(store: Store) -> str:
    """The source line under a table of the stored letter checks: how many letters, their
    files and the letter dates."""
    span = letter_dates(store)
    if not span.n:
        return NO_DATA
    return documents_source(
        letter_document_paths(store), what=f"brevtjek af {letters_count(span.n)}", dates=span.dates
    )


def letter_months(store: Store) -> list[str]:
    """The months of the checked letters' dates (period labels, for a cover)."""
    return month_labels(letter_dates(store).dates)
