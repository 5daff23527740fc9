"""Context for the status report on the recommendations (anbefalinger_status.docx).

Pure: a function of the store and `today`. First an overview (one row per recommendation with
its status colour), then per recommendation its purpose, intended effects, milestones, STATUS
with dated decisions (status updates and accepted links to agenda items), indicator tables
comparing two periods (the set's `perioder`, else the latest quarter and the same quarter two
years before) with the difference, and a chart where there are numbers to draw.
Recommendation 5 also shows the screening results for P1 and V1 per screening run, and 6 and 7
the letters' LIX and checklist per quarter of the letter date (what afdaek measures itself).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from docgen.appendix import appendix_path
from docgen.charts import Chart
from docgen.formatting import (
    format_count,
    format_date,
    format_number,
    format_share,
    format_signed,
    format_value,
    share_is_shown,
)
from store import Store, StoreError, statistics
from store import recommendations as recstore
from store.documents import get_item
from store.letters import letter_checks
from store.screening import KAN_IKKE_VURDERES, MANGEL, OK, verdicts_per_run_day
from textmining.language.dates import iso_date

STATUS_COLOURS = {
    "ikke startet": "D9D9D9",
    "i gang": "FFE699",
    "gennemført": "A9D08E",
    "forsinket": "F4B183",
    "opgivet": "BFBFBF",
}
"""Cell colours per status (hex, no #): grey, yellow, green, orange-red, dark grey."""

SCREENING_RULES = {"5": ("P1", "V1")}
LETTER_RECOMMENDATIONS = ("6", "7")


def committee_short(name: str | None) -> str:
    """'Udvalget for Beskæftigelse' → 'UFB' (initials); empty name → 'Udvalget'."""
    words = [w for w in re.split(r"\s+", name or "") if w]
    if not words:
        return "Udvalget"
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def _first_sentence(text: str | None, limit: int = 200) -> str:
    from docgen.formatting import cut_to_sentence

    return cut_to_sentence(text or "", None, limit)


# --------------------------------------------------------------------------------------------
# Decisions


def decisions(store: Store, rec: recstore.RecommendationStatus, today: date) -> list[dict[str, str]]:
    """Dated status updates and accepted links, oldest first, as report lines."""
    out: list[tuple[date, int, dict[str, str]]] = []
    items_seen: set[int] = set()
    for u in recstore.history(store, rec.number, set_id=rec.set_id):
        if u.date > today:
            continue
        if u.meeting_item_id:
            items_seen.add(u.meeting_item_id)
        text = f"Status: {u.status}."
        if u.note:
            text += f" {u.note.rstrip('.')}."
        out.append((u.date, 0, {"dato": format_date(u.date), "tekst": text, "kilde": u.source or "–"}))
    for link in recstore.list_links(store, status="accepteret", number=rec.number, set_id=rec.set_id):
        when = iso_date(link.meeting_date)
        if link.meeting_item_id in items_seen or (when and when > today):
            continue
        decision = _first_sentence(_decision_of(store, link.meeting_item_id)) or "Behandlet."
        where = (
            f"{committee_short(link.committee)} {format_date(when) if when else '–'}, pkt. {link.item_number}"
        )
        out.append(
            (
                when or date.min,
                1,
                {
                    "dato": format_date(when) if when else "–",
                    "tekst": f"{where}: {link.item_title}. {decision}",
                    "kilde": f"{committee_short(link.committee)} {link.meeting_date or ''} "
                    f"pkt. {link.item_number}".replace("  ", " "),
                },
            )
        )
    out.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in out]


def _decision_of(store: Store, item_id: int) -> str | None:
    """The decision (beslutning) of a stored agenda item; None when it is gone."""
    try:
        return get_item(store, item_id).beslutning
    except StoreError:
        return None


# --------------------------------------------------------------------------------------------
# Indicators


def _periods_with_data(store: Store, municipality: str) -> list[str]:
    from textmining.readers.tables import period_sort_key

    return sorted(statistics.indicator_periods(store, municipality), key=period_sort_key)


def choose_periods(store: Store, set_id: str, municipality: str) -> tuple[str, str] | None:
    """The set's two periods, or the latest quarter and the same quarter two years before."""
    chosen = recstore.comparison_periods(store, set_id)
    if chosen:
        return chosen
    periods = _periods_with_data(store, municipality)
    if len(periods) < 2:
        return None
    last = periods[-1]
    m = re.fullmatch(r"(\d{4})K([1-4])", last)
    if m:
        earlier = f"{int(m.group(1)) - 2}K{m.group(2)}"
        if earlier in periods:
            return earlier, last
    return periods[0], last


def _difference(a: float | None, b: float | None, unit: str) -> str:
    if a is None or b is None:
        return "–"
    u = (unit or "").lower().strip(". ")
    if u in ("pct", "%", "procent"):
        return format_signed(b - a, 1, "pct.-point")
    if u in ("antal", "personer") and (0 < abs(a) < 5 or 0 < abs(b) < 5):
        return "–"  # a difference would reveal a suppressed count
    decimals = 0 if float(a).is_integer() and float(b).is_integer() else 1
    return format_signed(b - a, decimals)


def direction_check(
    measure: str,
    group: str,
    a: float | None,
    b: float | None,
    unit: str,
    direction: str,
    periods: tuple[str, str],
) -> tuple[str, bool] | None:
    """One sentence on how an indicator moved against its intended direction ('op'/'ned'),
    and whether it moved as intended; None when there is no direction, a value is missing or
    a person count is suppressed (a movement would reveal it)."""
    from textmining.readers.tables import danish_period

    if direction not in ("op", "ned") or a is None or b is None:
        return None
    u = (unit or "").lower().strip(". ")
    if u in ("antal", "personer") and (0 < abs(a) < 5 or 0 < abs(b) < 5):
        return None
    subject = f"{measure} for {group}"
    span = (
        f"fra {format_value(a, unit)} i {danish_period(periods[0])} til "
        f"{format_value(b, unit)} i {danish_period(periods[1])}"
    )
    if b == a:
        return (
            f"{subject} er uændret ({format_value(a, unit)}); tallet skulle "
            f"{'stige' if direction == 'op' else 'falde'}.",
            False,
        )
    diff = _difference(a, b, unit)
    if u and u not in ("pct", "%", "procent", "antal", "personer") and diff != "–":
        diff = f"{diff} {unit}"
    moved = "steget" if b > a else "faldet"
    intended = (b > a) == (direction == "op")
    verdict = (
        "som tilsigtet"
        if intended
        else f"modsat den tilsigtede retning: tallet skulle {'stige' if direction == 'op' else 'falde'}"
    )
    return f"{subject} er {moved} {span} ({diff}), {verdict}.", intended


def wider_area(store: Store) -> str | None:
    """The RAR area or the whole country in the stored indicators (docgen.context_drift)."""
    from docgen.context_drift import wider_level
    from docgen.context_screening import norm_municipality

    return wider_level([norm_municipality(m) for m in statistics.indicator_municipalities(store)])


def _comparison(
    store: Store, measure: str, group: str, period: str, unit: str, wide: str | None
) -> tuple[str, str]:
    """The comparison municipalities' mean and the wider area's value in period, formatted;
    '–' for counts (areas of different size are not compared by counts)."""
    from docgen.context_drift import _is_count
    from docgen.context_screening import comparables

    if _is_count(unit):
        return "–", "–"
    values = [statistics.indicator_value(store, measure, group, m, period)[0] for m in comparables()]
    known = [v for v in values if v is not None]
    mean = round(sum(known) / len(known), 1) if known else None
    other = statistics.indicator_value(store, measure, group, wide, period)[0] if wide else None
    return format_value(mean, unit), format_value(other, unit)


def indicator_tables(
    store: Store, indicators: tuple[dict[str, str], ...], municipality: str, periods: tuple[str, str] | None
) -> tuple[list[dict[str, Any]], Chart | None]:
    """One table per measure (rows: ydelsesgrupper; columns: two periods, the difference, and
    in the later period the comparison municipalities' mean and the RAR area or the whole
    country) and a bar chart of the first measure with numbers in both periods."""
    from docgen.sources import source_line
    from textmining.readers.tables import danish_period

    wide = wider_area(store)

    if not periods or not indicators:
        return [], None
    by_measure: dict[str, list[str]] = defaultdict(list)
    directions: dict[tuple[str, str], str] = {}
    for ind in indicators:
        by_measure[ind["measure"]].append(ind["group"])
        directions[(ind["measure"], ind["group"])] = ind.get("direction") or ""
    tables, chart = [], None
    for _number, (measure, groups) in enumerate(by_measure.items(), start=1):
        rows, cats, first, second = [], [], [], []
        for group in groups:
            a, unit_a = statistics.indicator_value(store, measure, group, municipality, periods[0])
            b, unit_b = statistics.indicator_value(store, measure, group, municipality, periods[1])
            unit = unit_a or unit_b
            if a is None and b is None:
                continue
            check = direction_check(measure, group, a, b, unit, directions.get((measure, group), ""), periods)
            sml, bred = _comparison(store, measure, group, periods[1], unit, wide)
            rows.append(
                {
                    "gruppe": group,
                    "fra": format_value(a, unit),
                    "til": format_value(b, unit),
                    "forskel": _difference(a, b, unit),
                    "sml": sml,
                    "bred": bred,
                    "vurdering": check[0] if check else "",
                    "som_tilsigtet": check[1] if check else None,
                }
            )
            if a is not None and b is not None:
                cats.append(group)
                first.append(a)
                second.append(b)
        if not rows:
            continue
        tables.append(
            {
                "titel": f"{measure}, {danish_period(periods[0])} og {danish_period(periods[1])}",
                "maaling": measure,
                "raekker": rows,
                "kilde": source_line(
                    store,
                    "indicators",
                    periods=list(periods),
                    where={"measure": measure, "period": list(periods)},
                ),
            }
        )
        unit_pct = statistics.indicator_value(store, measure, groups[0], municipality, periods[1])[1]
        if (
            chart is None
            and len(cats) >= 1
            and not (measure.lower().startswith("antal") and min(first + second) < 5)
        ):
            chart = Chart(
                "barh",
                measure,
                tuple(cats),
                ((danish_period(periods[0]), tuple(first)), (danish_period(periods[1]), tuple(second))),
                percent=unit_pct.lower().startswith("pct"),
                decimals=1,
                height_cm=max(4.0, 1.2 + 0.9 * len(cats)),
            )
    return tables, chart


# --------------------------------------------------------------------------------------------
# What afdaek measures itself


def screening_over_time(store: Store, rules: tuple[str, ...]) -> dict[str, Any] | None:
    """Share of screened cases with 'mangel' per rule, per screening run date (the tool's
    verdicts of that run; reviews are not applied to past runs)."""
    rows = verdicts_per_run_day(store, rules)
    if not rows:
        return None
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        counts[r.day][r.rule][r.verdict] = r.n
    table = []
    series: dict[str, list[float | None]] = {rule: [] for rule in rules}
    for day in sorted(counts):
        cells = {}
        for rule in rules:
            c = counts[day].get(rule, {})
            n = c.get(MANGEL, 0)
            assessed = c.get(OK, 0) + n + c.get(KAN_IKKE_VURDERES, 0)
            cells[rule] = (n, assessed)
            shown = share_is_shown(n, assessed)  # no more than the table shows
            series[rule].append(100.0 * n / assessed if shown else None)
        when = iso_date(day)
        table.append(
            {
                "a": format_date(when) if when else day,
                "b": format_count(max(a for _, a in cells.values())),
                "c": format_share(*cells[rules[0]]),
                "d": format_share(*cells[rules[1]]) if len(rules) > 1 else "–",
            }
        )
    from docgen.context_screening import rule_order, screening_source

    titles = {r["id"]: r["tekst"] for r in rule_order()}  # the rules data's titles
    return _over_time(
        "Screening af sager: andel med mangel pr. screeningskørsel",
        ("Screenet", "Sager", f"{rules[0]} mangel", f"{rules[1]} mangel" if len(rules) > 1 else ""),
        table,
        Chart(
            "line",
            "Andel af screenede sager med mangel",
            tuple(r["a"] for r in table),
            tuple((f"Regel {rule}", tuple(series[rule])) for rule in rules),
            percent=True,
            height_cm=6.0,
        ),
        source=screening_source(store),
        note=" ".join(f"{rule}: {titles.get(rule, rule)}." for rule in rules)
        + " Andelen er regnet af de vurderede sager i hver kørsel; under 5 vurderede sager vises som –.",
    )


def _over_time(
    title: str,
    columns: tuple[str, str, str, str],
    rows: list[dict[str, str]],
    chart: Chart,
    *,
    source: str,
    note: str,
) -> dict[str, Any]:
    """A table of what afdaek measures itself over time (columns k1-k4 over the rows' a-d),
    with its source and note, and its chart where there are two rows or more to draw."""
    return {
        "titel": title,
        **{f"k{n}": name for n, name in enumerate(columns, start=1)},
        "raekker": rows,
        "kilde": source,
        "note": note,
        "figur": chart if len(rows) >= 2 else None,
    }


def letters_over_time(store: Store) -> dict[str, Any] | None:
    """Letters' mean LIX and the share without checklist problems, per quarter of the date."""
    rows = [r for r in letter_checks(store) if r.letter_date is not None]
    if not rows:
        return None
    per: dict[tuple[int, int], list[tuple[float | None, bool]]] = defaultdict(list)
    for r in rows:
        d = iso_date(r.letter_date)
        if d is None:
            continue
        per[(d.year, (d.month - 1) // 3 + 1)].append((r.lix, r.missing == []))
    if not per:
        return None
    table, cats, lix_series = [], [], []
    for year, q in sorted(per):
        values = per[(year, q)]
        lix = [v for v, _ in values if v is not None]
        mean = sum(lix) / len(lix) if lix else None
        label = f"{q}. kvt. {year}"
        table.append(
            {
                "a": label,
                "b": format_count(len(values)),
                "c": format_number(mean, 0) if mean is not None else "–",
                "d": format_share(sum(1 for _, ok in values if ok), len(values), people=False),
            }
        )
        cats.append(label)
        lix_series.append(mean)
    from docgen.context_letters import letters_source
    from textmining.domain.letters import checklist_items, item_name
    from textmining.language.readability import TARGET_LIX

    items = ", ".join(item_name(i).lower() for i in checklist_items())
    return _over_time(
        "Breve til borgerne: læsbarhed og tjekliste pr. kvartal",
        ("Kvartal", "Breve", "Gns. LIX", "Uden mangler i tjeklisten"),
        table,
        Chart(
            "line", "Gennemsnitlig LIX i brevene", tuple(cats), (("LIX", tuple(lix_series)),), height_cm=6.0
        ),
        source=letters_source(store),
        note=(
            f"LIX under {TARGET_LIX} er let at læse. »Uden mangler« er andelen af brevene, hvor "
            f"tjeklisten ({items}) er opfyldt; under 5 breve vises som –."
        ),
    )


# --------------------------------------------------------------------------------------------
# The context


def _milestones(rec: recstore.RecommendationStatus, today: date) -> list[dict[str, str]]:
    """Each milestone's state on today: overdue, not yet due, passed but followed by a later
    status (the rule in store.recommendations.milestone_states), or done."""
    out = []
    for m in rec.milestones:
        if m.overdue:
            state = "overskredet"
        elif m.deadline is None:
            state = "uden frist"
        elif m.deadline >= today:
            state = "frist ikke nået"
        elif rec.status == "gennemført":
            state = "gennemført"
        else:
            state = "fristen er passeret; fulgt op med senere status"
        out.append({"titel": m.title, "frist": format_date(m.deadline), "tilstand": state})
    return out


def build_context(store: Store, today: date) -> dict[str, Any]:
    """The status report's context (pure: the same store and date give the same dict)."""
    from docgen.context_screening import cover, own_municipality
    from textmining.readers.tables import danish_period

    set_id = recstore.resolve_set(store)
    if set_id is None:
        from docgen.errors import ReportError

        raise ReportError(
            "der er ingen anbefalinger i databasen; indlæs et sæt med "
            "'afdaek recommendations load' eller kør 'afdaek demo'"
        )
    info = next(s for s in recstore.list_sets(store) if s["id"] == set_id)
    statuses = recstore.list_status(store, today=today, set_id=set_id)
    municipality = own_municipality(store)
    periods = choose_periods(store, set_id, municipality)
    ctx: dict[str, Any] = cover(
        store,
        today,
        None,
        (),
        labels=[*(periods or ()), *quarter_labels(recstore.update_dates(store, today))],
    )
    overview, recs = [], []
    counts = {s: 0 for s in recstore.STATUSES}
    for rec in statuses:
        counts[rec.status] += 1
        late = ", ".join(m.title for m in rec.overdue)
        overview.append(
            {
                "nummer": rec.number,
                "titel": rec.title,
                "status": rec.status,
                "farve": STATUS_COLOURS[rec.status],
                "dato": format_date(rec.status_date) if rec.status_date else "–",
                "ansvarlig": rec.owner or "–",
                "bemaerkning": f"Overskredet: {late}" if late else (rec.note or ""),
            }
        )
        tables, chart = indicator_tables(store, rec.indicators, municipality, periods)
        checked = [r for t in tables for r in t["raekker"] if r["vurdering"]]
        against = [r["vurdering"] for r in checked if not r["som_tilsigtet"]]
        direction_summary = ""
        if checked:
            n_ok = len(checked) - len(against)
            direction_summary = (
                f"{n_ok} af {len(checked)} {'indikator' if len(checked) == 1 else 'indikatorer'}"
                f" har bevæget sig i den tilsigtede retning fra {danish_period(periods[0])} "
                f"til {danish_period(periods[1])}."
                if periods
                else ""
            )
            if not against:
                direction_summary += " Ingen indikator er gået den forkerte vej."
        own: list[dict[str, Any]] = []
        if rec.number in SCREENING_RULES:
            section = screening_over_time(store, SCREENING_RULES[rec.number])
            if section:
                own.append(section)
        if rec.number in LETTER_RECOMMENDATIONS:
            section = letters_over_time(store)
            if section:
                own.append(section)
        figures = [
            {"figur": c, "tekst": c.title or t}
            for c, t in [
                (chart, tables[0]["maaling"] if tables else ""),
                *((o.pop("figur"), o["titel"]) for o in own),
            ]
            if c is not None
        ]
        status_text = f"Status {format_date(today)}: {rec.status}"
        if rec.status != rec.recorded_status:
            status_text += f" (registreret som »{rec.recorded_status}«, men milepæle er overskredet)"
        recs.append(
            {
                "nummer": rec.number,
                "overskrift": f"Anbefaling {rec.number}: {rec.title}",
                "titel": rec.title,
                "formaal": rec.purpose or "",
                "effekter": list(rec.effects),
                "ansvarlig": rec.owner or "–",
                "status": rec.status,
                "farve": STATUS_COLOURS[rec.status],
                "status_tekst": status_text,
                "milepaele": _milestones(rec, today),
                "beslutninger": (made := decisions(store, rec, today)),
                "kilde_beslutninger": decisions_source(made),
                "tabeller": tables,
                "egne_maalinger": own,
                "retning_tekst": direction_summary,
                "modsat_retning": against,
                "figurer": figures,
            }
        )
    from docgen.context_drift import COMPARISON_LABEL
    from docgen.context_screening import comparables

    wide = wider_area(store)
    ctx.update(
        {
            "niveauer": [municipality, COMPARISON_LABEL, wide or "RAR/landet"],
            "indikator_forklaring": (
                "Sammenligningskommunerne er gennemsnittet af "
                f"{', '.join(comparables())}. Antal personer sammenlignes ikke, fordi kommunerne "
                "er forskellig store. Antal under 5 vises som <5."
                + ("" if wide else " Datagrundlaget har ingen tal for RAR-området eller hele landet.")
            ),
            "bilag_note": (
                f"Alle indikatorernes tal for alle perioder og områder står i bilaget "
                f"{APPENDIX}, som ligger ved siden af rapporten."
                if periods
                else ""
            ),
            "kilder": {
                "oversigt": overview_source(info, store, today),
                "milepaele": f"Kilde: {info['source'] or info['title']}.",
            },
            "titel": info["title"],
            "kilde": info["source"] or "",
            "perioder_tekst": (
                f"{danish_period(periods[0])} og {danish_period(periods[1])}" if periods else "–"
            ),
            "fra_periode": danish_period(periods[0]) if periods else "–",
            "til_periode": danish_period(periods[1]) if periods else "–",
            "antal": len(statuses),
            "oversigt": overview,
            "optaelling": [
                {"status": s, "antal": format_number(n), "farve": STATUS_COLOURS[s]}
                for s, n in counts.items()
                if n
            ],
            "indledning": _intro(len(statuses), counts, municipality, today),
            "anbefalinger": recs,
            "figur_status": Chart(
                "barh",
                "Anbefalinger efter status",
                tuple(s for s in recstore.STATUSES if counts[s]),
                (("Antal", tuple(float(counts[s]) for s in recstore.STATUSES if counts[s])),),
                height_cm=4.5,
            ),
        }
    )
    return ctx


APPENDIX = appendix_path("anbefalinger_status.docx").name
"""The Excel appendix written beside anbefalinger_status.docx with every indicator value."""


def quarter_labels(dates: Any) -> list[str]:
    """Dates (ISO strings) as quarter period labels ('2021K3'), for a cover's period."""
    out = []
    for d in dates:
        when = iso_date(d)
        if when:
            out.append(f"{when.year}K{(when.month - 1) // 3 + 1}")
    return out


def decisions_source(rows: list[dict[str, str]]) -> str:
    """The source line under a decisions table: the sources the rows name and their dates."""
    from docgen.sources import join_danish

    if not rows:
        return "Kilde: der er ingen registrerede beslutninger."
    sources = list(dict.fromkeys(r["kilde"] for r in rows if r["kilde"] and r["kilde"] != "–"))
    named = join_danish(sources) if len(sources) <= 3 else f"{len(sources)} referater og notater"
    dates = [r["dato"] for r in rows if r["dato"] != "–"]
    span = dates[0] if len(set(dates)) == 1 else f"{dates[0]} – {dates[-1]}" if dates else ""
    return (
        "Kilde: "
        + ", ".join(p for p in (f"statushistorikken og {named}" if named else "statushistorikken", span) if p)
        + "."
    )


def overview_source(info: dict[str, Any], store: Store, today: date) -> str:
    """The source line under the overview: the set and the dates of its status history."""
    from docgen.sources import dates_span_text

    span = dates_span_text(recstore.update_dates(store, today))
    return f"Kilde: {info['source'] or info['title']}" + (f"; statushistorik {span}" if span else "") + "."


def appendix_sheets(store: Store, today: date) -> list[dict[str, Any]]:
    """The status report's Excel appendix: every stored value of the recommendations'
    indicators, for every period and area (aggregates; person counts 1-4 as '<5')."""
    from docgen.context_drift import INDICATOR_APPENDIX_COLUMNS, indicator_appendix_row
    from docgen.sources import source_line

    set_id = recstore.resolve_set(store)
    if set_id is None:
        return []
    wanted = {
        (i["measure"], i["group"])
        for rec in recstore.list_status(store, today=today, set_id=set_id)
        for i in rec.indicators
    }
    rows = [
        indicator_appendix_row(r)
        for r in statistics.indicators(store)
        if (r["measure"], r["group_name"]) in wanted
    ]
    if not rows:
        return []
    return [
        {
            "navn": "Indikatorer",
            "titel": "Anbefalingernes indikatorer, alle perioder",
            "kilde": source_line(store, "indicators"),
            "kolonner": INDICATOR_APPENDIX_COLUMNS,
            "raekker": rows,
        }
    ]


def _intro(n: int, counts: dict[str, int], municipality: str, today: date) -> str:
    parts = [f"{counts[s]} {s}" for s in recstore.STATUSES if counts.get(s)]
    text = f"Rapporten viser status pr. {format_date(today)} for {n} anbefalinger: " + ", ".join(parts) + "."
    if counts.get("forsinket"):
        text += (
            " En anbefaling står som forsinket, når en milepæl har passeret sin frist "
            "uden ny status, eller når den sidste frist er passeret, før anbefalingen er "
            "gennemført."
        )
    if municipality and municipality != "Kommunen":
        text += f" Indikatorerne er {municipality} Kommunes egne tal fra jobindsats.dk."
    return text
