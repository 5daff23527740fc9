"""Context for the screening summary (`afdaek screen summary --format docx`), and the helpers
every report context shares: the municipality, the cover, the "Datagrundlag" table and the
current screening results.

All functions only read the store. Screening results are the latest run per case; a human
review takes precedence over the tool: the latest review of a case and rule wins (its verdict
when given; a rejected "mangel" counts as "ok" and a rejected "ok" as "mangel").
"""

from __future__ import annotations

import functools
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from docgen.charts import Chart
from docgen.formatting import (
    format_count,
    format_date,
    format_number,
    format_share,
    quote,
    share_is_shown,
    share_phrase,
)
from docgen.sources import (
    NO_DATA,
    PERIOD_TABLES,
    compose,
    datagrundlag_source,
    dates_span_text,
    documents_source,
    month_labels,
    span_text,
    store_periods,
)
from store import Store
from store.screening import (
    KAN_IKKE_VURDERES,
    MANGEL,
    OK,
    case_document_paths,
    case_inventory,
    current_mangler,
    current_verdict_counts,
    event_dates,
    event_evidence,
    get_cases,
    review_dates,
    reviewed_findings,
    reviewed_rule_count,
    screened_case_count,
)
from store.statistics import rows_per_file, rows_per_municipality
from textmining.config import bundled_toml
from textmining.errors import InputError
from textmining.language.dates import iso_date
from textmining.readers.tables import danish_period, parse_period, period_sort_key

DATA = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """docgen/data/rapporter.toml: comparable municipalities, labels, indicator themes, owners
    (read once per process; callers only read it)."""
    return bundled_toml(DATA / "rapporter.toml")


def owners() -> dict[str, str]:
    """Who would carry each kind of recommendation ([ansvarlige] in docgen/data/rapporter.toml,
    which the municipality edits to its own organisation)."""
    return {str(k): str(v) for k, v in config().get("ansvarlige", {}).items()}


def norm_municipality(name: str | None) -> str:
    """'Favrskov Kommune' → 'Favrskov'; whitespace collapsed."""
    text = " ".join((name or "").split())
    for suffix in (" Kommune", " kommune", " Jobcenter"):
        text = text.removesuffix(suffix)
    if text.lower().startswith("jobcenter "):
        text = text[len("jobcenter ") :]
    return text


def comparables() -> tuple[str, ...]:
    """The municipalities the reports compare with."""
    return tuple(config().get("sammenligningskommuner", ()))


def _not_municipality(name: str) -> bool:
    low = name.lower()
    skip = {s.lower() for s in config().get("ikke_kommuner", ())}
    return low in skip or low.startswith(("region ", "rar ", "landsdel"))


def own_municipality(store: Store) -> str:
    """The municipality the reports are about: the store's meta 'kommune' when set, else the
    municipality (not a comparable) with most rows in the report tables."""
    for key in ("kommune", "municipality"):
        try:
            value = store.meta(key)
        except sqlite3.Error:  # a store without a meta table
            value = None
        if value:
            return norm_municipality(value)
    counts: dict[str, int] = defaultdict(int)
    comp = {c.lower() for c in comparables()}
    for stored, n in rows_per_municipality(store).items():
        name = norm_municipality(stored)
        if name and name.lower() not in comp and not _not_municipality(name):
            counts[name] += n
    if not counts:
        return "Kommunen"
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def period_text(period: str | None, labels: Iterable[str | None] = ()) -> str:
    """A period option as Danish text; with none chosen, the time the data's period labels
    span ('3. kvt. 2019 – 4. kvt. 2022', '2019–2022'), or 'ingen perioder i datagrundlaget'."""
    if period:
        return danish_period(parse_period(period).label)
    return span_text(labels) or "ingen perioder i datagrundlaget"


def in_period(label: str | None, period: str | None) -> bool:
    """True when the stored period label lies inside the chosen period (or none was chosen)."""
    if not period:
        return True
    if not label:
        return False
    try:
        chosen = parse_period(period)
        p = parse_period(label)
    except InputError:
        return False
    return chosen.start <= p.start and p.end <= chosen.end


def cover(
    store: Store,
    today: date,
    period: str | None,
    tables: Sequence[str] = PERIOD_TABLES,
    *,
    labels: Iterable[str | None] = (),
) -> dict[str, str]:
    """The keys of the cover page: kommune, dato, periode_tekst (the period chosen, else the
    time the report's data span: the periods of `tables` in the store and `labels`)."""
    kommune = own_municipality(store)
    return {
        "kommune": kommune if kommune == "Kommunen" else f"{kommune} Kommune",
        "dato": format_date(today),
        "periode_tekst": period_text(period, [*store_periods(store, tables), *labels]),
    }


def periods_text(labels: list[str]) -> str:
    """Distinct period labels as Danish text: 'A, B' or 'A – Z (n perioder)'."""
    distinct = sorted({lbl for lbl in labels if lbl}, key=period_sort_key)
    if not distinct:
        return "–"
    if len(distinct) <= 3:
        return ", ".join(danish_period(p) for p in distinct)
    return f"{danish_period(distinct[0])} – {danish_period(distinct[-1])} ({len(distinct)} perioder)"


def datagrundlag(store: Store, tables: list[tuple[str, str]]) -> list[dict[str, str]]:
    """One row per source file behind the given report tables: name (with the source line the
    table names, e.g. jobindsats'), content, periods, rows.

    tables holds (table, Danish description); a table with a `period` column lists periods.
    """
    rows: list[dict[str, str]] = []
    for table, label in tables:
        per_doc: dict[str, dict[str, Any]] = {}
        for r in rows_per_file(store, table):
            entry = per_doc.setdefault(r.document_id, {"path": r.path, "note": r.note, "periods": [], "n": 0})
            entry["n"] += r.n
            if r.period:
                entry["periods"].append(r.period)
        for entry in sorted(per_doc.values(), key=lambda e: Path(e["path"]).name):
            rows.append(
                {
                    # the source a table names ("Kilde: jobindsats.dk, STAR") next to its file
                    "kilde": Path(entry["path"]).name + (f" ({entry['note']})" if entry["note"] else ""),
                    "indhold": label,
                    "perioder": periods_text(entry["periods"]),
                    "raekker": format_number(entry["n"]),
                }
            )
    return rows


# --------------------------------------------------------------------------------------------
# Screening results


def rule_order() -> list[dict[str, str]]:
    """The screening rules with title and short legal basis, in report order (from the rules
    data, screening/data/rules.toml)."""
    from screening.rulebook import load_rulebook

    return [
        {
            "id": r.id,
            "tekst": r.title,
            "grundlag": r.short_basis,
            "tiltag": r.action,
            "art": "praksis" if r.kind == "praksis" else "lov",
        }
        for r in load_rulebook().rules.values()
    ]


def applied_versions(store: Store) -> tuple[list[dict[str, str]], str]:
    """The rule versions the current findings were judged by (rows: regel, periode, grundlag,
    sager, bekraeftet) and a sentence saying how many are not confirmed by a jurist."""
    from screening.run import versions_with_counts
    from store.screening import current_version_counts

    found = versions_with_counts(current_version_counts(store))
    rows = []
    for v in found:
        start = _iso_to_danish(v["fra"])
        period = f"{start} – {_iso_to_danish(v['til'])}" if v["til"] else f"fra {start}"
        rows.append(
            {
                "regel": v["rule"],
                "periode": period,
                "grundlag": v["basis"],
                "sager": format_count(v["cases"]),
                "bekraeftet": "ja" if v["bekraeftet"] else "nej",
            }
        )
    unconfirmed = sum(not v["bekraeftet"] for v in found)
    if not found:
        return rows, ""
    note = (
        f"Sagerne er vurderet efter {format_count(len(found))} versioner af reglerne, hver "
        "efter den lov, der gjaldt på datoen for udeblivelsen. "
    )
    if unconfirmed:
        note += (
            f"{format_count(unconfirmed)} af versionerne bygger på offentlige "
            "sammenfatninger af loven og er endnu ikke bekræftet af en jurist (»nej« i "
            "tabellen); de bør efterses, før resultaterne bruges over for borgere."
        )
    else:
        note += "Alle versionerne er bekræftet af en jurist."
    return rows, note


def _rules_in(counts: dict[str, dict[str, int]]) -> list[dict[str, str]]:
    known = rule_order()
    ids = {r["id"] for r in known}
    extra = [{"id": rid, "tekst": rid, "grundlag": "–"} for rid in sorted(counts) if rid not in ids]
    return known + extra


def _case_names(store: Store, case_id: str) -> list[str]:
    """The case id and the names a quote from the case must not show."""
    names = [case_id]
    for case in get_cases(store, [case_id]):
        names += [n for n in (case["borger"], case["sagsbehandler"]) if n]
    return names


def screening_examples(
    store: Store, per_rule: int = 2, counts: dict[str, dict[str, int]] | None = None
) -> list[dict[str, str]]:
    """Up to per_rule anonymised examples of a 'mangel' per rule (evidence cut to the
    sentence), in rule order, chosen deterministically (lowest finding id first)."""
    counts = current_verdict_counts(store) if counts is None else counts
    picked = current_mangler(store, counts, per_rule)
    out = []
    for rule in _rules_in(counts):
        rid = rule["id"]
        if not counts.get(rid, {}).get(MANGEL):
            continue
        for f in picked.get(rid, []):
            names = _case_names(store, f.case_id)
            evidence = ""
            for eid in f.events[:1]:
                evidence = event_evidence(store, eid) or ""
            text = quote(evidence or f.explanation, names=names, limit=220)
            out.append(
                {
                    "regel": f"{rid} {rule['tekst']}",
                    "forklaring": quote(f.explanation, names=names, limit=200).strip("»«"),
                    "citat": text,
                }
            )
    return out


def screening_section(store: Store) -> dict[str, Any]:
    """screening_note, screening_regler, screening_eksempler, figur_screening and the raw
    per-rule numbers (screening_tal) used by summaries and scenarios."""
    counts = current_verdict_counts(store)
    n_cases = screened_case_count(store)
    reviewed = reviewed_rule_count(store)
    rows, chart_cats, chart_vals, raw = [], [], [], {}
    for rule in _rules_in(counts):
        c = counts.get(rule["id"])
        if c is None:
            continue
        # a share is taken among the cases the rule could be assessed in (ok or mangel);
        # "kan ikke vurderes" is neither, and a rule that assessed nothing says so in words
        assessed = c.get(OK, 0) + c.get(MANGEL, 0)
        mangel = c.get(MANGEL, 0)
        unknown = c.get(KAN_IKKE_VURDERES, 0)
        raw[rule["id"]] = {"vurderet": assessed, "mangel": mangel, "kan_ikke": unknown}
        relevant = assessed + unknown
        if assessed:
            share = format_share(mangel, assessed)
        else:
            share = "ingen kunne vurderes" if unknown else "ikke relevant"
        rows.append(
            {
                "regel": rule["id"],
                "tekst": rule["tekst"],
                "vurderet": format_count(assessed),
                "mangler": format_count(mangel),
                "andel": share,
                # "9 af 36": of the cases the rule applies to, those the notes do not settle
                "kan_ikke": (f"{format_count(unknown)} af {format_count(relevant)}" if unknown else "0"),
                "grundlag": rule["grundlag"],
            }
        )
        if share_is_shown(mangel, assessed):  # the figure shows no more than the table
            chart_cats.append(rule["id"])
            chart_vals.append(100.0 * mangel / assessed)
    versions, versions_note = applied_versions(store)
    if n_cases:
        total_findings = sum(sum(c.values()) for c in counts.values())
        note = (
            f"{format_count(n_cases)} sager er screenet maskinelt efter reglerne nedenfor; "
            "tallene bygger på den seneste screening af hver sag. "
        )
        if reviewed:
            note += (
                f"En sagsbehandler har gennemgået {format_count(reviewed)} af "
                f"{format_number(total_findings)} vurderinger, og her gælder "
                "sagsbehandlerens vurdering. De øvrige er screeningens forslag, som ikke er "
                "efterprøvet. "
            )
        else:
            note += (
                "Ingen af vurderingerne er endnu gennemgået af en sagsbehandler, så tallene "
                "er screeningens forslag og ikke efterprøvede resultater. "
            )
        note += (
            "Andelen med mangel er taget blandt de sager, hvor reglen kunne vurderes. "
            "»Kan ikke vurderes« betyder, at sagens notater ikke viser, om reglen er fulgt; "
            "det tælles hverken som en mangel eller som i orden."
        )
    else:
        note = "Der er ikke screenet nogen sager endnu (kør 'afdaek screen run')."
    return {
        "screening_note": note,
        "screening_regler": rows,
        "screening_eksempler": screening_examples(store, counts=counts) if n_cases else [],
        "figur_screening": Chart(
            "barh",
            "Andel af vurderede sager med mangel",
            tuple(chart_cats),
            (("Andel med mangel", tuple(chart_vals)),),
            ylabel="Procent",
            percent=True,
            height_cm=6.5,
        ),
        "screening_tal": raw,
        "screening_gennemgaaet": reviewed,
        "screening_sager": n_cases,
        "screening_versioner": versions,
        "screening_versioner_note": versions_note,
    }


def agreement(store: Store) -> tuple[list[dict[str, str]], dict[str, str], str]:
    """Agreement between the tool and the reviewers per rule: rows, total row and a note."""
    stats: dict[str, dict[str, int]] = defaultdict(
        lambda: {"n": 0, "bekraeftet": 0, "aendret": 0, "afvist": 0, "enige": 0}
    )
    for f in reviewed_findings(store):
        s = stats[f.rule]
        s["n"] += 1
        decision = (f.decision or "").lower()
        key = (
            "afvist"
            if decision.startswith("afvis")
            else ("aendret" if decision.startswith(("aendr", "ændr")) else "bekraeftet")
        )
        s[key] += 1
        same = f.review_verdict in (None, "", f.tool)
        if key == "bekraeftet" or (key == "aendret" and same and f.review_verdict):
            s["enige"] += 1
    rows = []
    total = {"n": 0, "bekraeftet": 0, "aendret": 0, "afvist": 0, "enige": 0}
    for rule in _rules_in({k: {} for k in stats}):
        got = stats.get(rule["id"])
        if not got:
            continue
        for k in total:
            total[k] += got[k]
        rows.append(_agreement_row(rule["id"], got))
    total_row = _agreement_row("I alt", total)
    if total["n"]:
        note = (
            f"Sagsbehandlere har gennemgået {format_count(total['n'])} af værktøjets "
            f"vurderinger og var enige i {format_share(total['enige'], total['n'])} af dem. "
            "Hvor de har ændret eller afvist en vurdering, er det deres vurdering, der tæller i "
            "rapportens tal."
        )
    else:
        note = "Ingen af værktøjets vurderinger er gennemgået af en sagsbehandler endnu."
    return rows, total_row, note


def _agreement_row(label: str, s: dict[str, int]) -> dict[str, str]:
    return {
        "regel": label,
        "gennemgaaet": format_count(s["n"]),
        "bekraeftet": format_count(s["bekraeftet"]),
        "aendret": format_count(s["aendret"]),
        "afvist": format_count(s["afvist"]),
        "enighed": format_share(s["enige"], s["n"]),
    }


def build_context(
    store: Store, today: date, *, period: str | None = None, scenarios: Any = None
) -> dict[str, Any]:
    """The screening summary's context (pure: same store and date give the same dict)."""
    ctx: dict[str, Any] = cover(store, today, period, (), labels=case_months(store))
    section = screening_section(store)
    rows, total, note = agreement(store)
    summary = []
    raw = section["screening_tal"]
    worst = sorted(
        ((v["mangel"] / v["vurderet"], rid) for rid, v in raw.items() if v["vurderet"] >= 5),
        reverse=True,
    )
    if section["screening_sager"]:
        summary.append(f"{format_count(section['screening_sager'])} sager er screenet.")
    for share, rid in worst[:3]:
        if share > 0:
            summary.append(
                f"Regel {rid}: mangel i {share_phrase(raw[rid]['mangel'], raw[rid]['vurderet'])}"
                " af de vurderede sager."
            )
    summary.append(note)
    ctx.update({k: v for k, v in section.items() if k not in ("screening_tal", "screening_sager")})
    ctx.update(
        {
            "sammenfatning": summary,
            "enighed": rows,
            "enighed_total": total,
            "enighed_note": note,
            "datagrundlag": screening_sources(store),
        }
    )
    ctx["kilde"] = {
        "screening": screening_source(store),
        "enighed": reviews_source(store),
        "datagrundlag": datagrundlag_source(ctx["datagrundlag"]),
    }
    return ctx


def case_months(store: Store) -> list[str]:
    """The months of the dated events in the screened cases (period labels, for a cover)."""
    return month_labels(event_dates(store).dates)


def screening_source(store: Store) -> str:
    """The source line under a screening table: the cases, their files and event dates."""
    n = screened_case_count(store)
    if not n:
        return NO_DATA
    return documents_source(
        case_document_paths(store),
        what=f"screening af {format_count(n)} {'sag' if n == 1 else 'sager'}",
        dates=event_dates(store).dates,
    )


def reviews_source(store: Store) -> str:
    """The source line under the agreement table: the caseworkers' reviews and their dates."""
    span = review_dates(store)
    if not span.n:
        return "Kilde: sagsbehandlernes gennemgang af vurderingerne; ingen er registreret endnu."
    return compose(
        [],
        "",
        dates_span_text(span.dates),
        f"sagsbehandlernes gennemgang af {format_count(span.n)} vurderinger",
    )


def screening_sources(store: Store) -> list[dict[str, str]]:
    """Datagrundlag rows for the screening: cases, notes and runs (no case names)."""
    inv = case_inventory(store)
    docs = inv.documents
    span = "–"
    if docs.first and docs.last:
        span = f"{_iso_to_danish(docs.first)} – {_iso_to_danish(docs.last)}"
    rows = [
        {
            "kilde": "Sagsmapper",
            "indhold": "Sager (pseudonymiserede)",
            "perioder": span,
            "raekker": format_number(inv.cases),
        },
        {
            "kilde": "Sagsdokumenter",
            "indhold": "Sagsnotater og breve",
            "perioder": span,
            "raekker": format_number(docs.n),
        },
    ]
    if inv.runs:
        rows.append(
            {
                "kilde": "Screening af sager",
                "indhold": "Screeningskørsler",
                "perioder": _iso_to_danish(inv.last_run or ""),
                "raekker": format_number(inv.runs),
            }
        )
    return rows


def _iso_to_danish(value: str) -> str:
    day = iso_date(value)
    return format_date(day) if day else value or "–"
