"""Context for rapport_sanktioner.docx: sanction use over time and against comparables, by
ydelse, visitationskategori and type; the screening results; omgørelsesprocent from the
appeal statistics; scenarios for a stricter or milder practice with every assumption shown.

Pure: reads the store and the scenario assumptions; same inputs give the same dict.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from docgen.charts import Chart
from docgen.context_drift import (
    assumption_rows,
    assumptions_source,
    label_sections,
    layered,
    load_scenarios,
    scenario_source,
    uses_standard,
)
from docgen.context_screening import (
    DATA,
    comparables,
    cover,
    datagrundlag,
    in_period,
    norm_municipality,
    own_municipality,
    rule_order,
    screening_section,
    screening_source,
    screening_sources,
)
from docgen.formatting import (
    Bounded,
    format_bounded,
    format_count,
    format_count_row,
    format_kr,
    format_number,
    format_percent,
    format_share,
    format_share_bounded,
    format_signed,
    recommendation,
    share_bounds,
    share_phrase,
)
from docgen.sources import NO_DATA, datagrundlag_source, join_danish, source_line
from store import Store
from store.statistics import appeal_stats, people_counts, sanction_stats, sanction_totals
from textmining.config import bundled_toml
from textmining.readers.tables import ScenarioParams, danish_period, period_sort_key


@functools.lru_cache(maxsize=1)
def pros_and_cons() -> dict[str, Any]:
    """docgen/data/sanktioner_scenarier.toml."""
    return bundled_toml(DATA / "sanktioner_scenarier.toml")


def _is_fradrag(kind: str | None) -> bool:
    return "fradrag" in (kind or "").lower()


def _share_rows(counter: Counter[str], total: int) -> list[dict[str, str]]:
    return [
        {"navn": name or "Ikke oplyst", "antal": format_count(n), "andel": format_share(n, total)}
        for name, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _stats(store: Store, period: str | None) -> list[dict[str, Any]]:
    rows = []
    for r in sanction_totals(store):
        if in_period(r["period"], period) and r["n"] is not None:
            rows.append({**r, "municipality": norm_municipality(r["municipality"])})
    return rows


def _cells(store: Store, period: str | None) -> list[dict[str, Any]]:
    """Every sanction count cell of the period, a suppressed one (<5) with count None."""
    return [
        {**r, "municipality": norm_municipality(r["municipality"])}
        for r in sanction_stats(store)
        if in_period(r["period"], period)
    ]


def _appeals(store: Store, period: str | None, own: str) -> dict[str, Any]:
    comp = set(comparables())
    own_rows: list[dict[str, Any]] = []
    per_muni: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    total = [0, 0, 0, 0]
    # appeals and omgjorte per period: the municipality, the comparison municipalities pooled,
    # and the whole country
    trend: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in appeal_stats(store):
        if not in_period(r["period"], period):
            continue
        muni = norm_municipality(r["municipality"])
        a, c, s, u = r["appeals"], r["changed"], r["sent_back"], r["upheld"]
        group = (
            "kommune"
            if muni == own
            else "sammenligning"
            if muni in comp
            else "landet"
            if muni.lower() in NATIONAL_NAMES
            else None
        )
        if group and a and c is not None and s is not None:
            trend[r["period"]][group][0] += a
            trend[r["period"]][group][1] += c + s
        if (muni in comp or muni == own) and a is not None and c is not None and s is not None:
            m = per_muni[muni]
            m[0] += a
            m[1] += c + s
        if muni != own:
            continue
        omg = (c or 0) + (s or 0) if c is not None or s is not None else None
        own_rows.append(
            {
                "_key": (period_sort_key(r["period"]), r["ydelse"] or ""),
                "periode": danish_period(r["period"]),
                "ydelse": r["ydelse"] or "Alle",
                "sager": format_count(a),
                **dict(
                    zip(
                        ("aendret", "hjemvist", "stadfaestet"),
                        format_count_row([c or 0, s or 0, u or 0])
                        if a
                        else [format_count(c), format_count(s), format_count(u)],
                    )
                ),
                "omgoerelse": format_share(omg, a),
            }
        )
        for i, v in enumerate((a, c, s, u)):
            total[i] += v or 0
    own_rows.sort(key=lambda row: row["_key"])
    for row in own_rows:
        del row["_key"]
    munis = sorted(per_muni, key=lambda m: (m != own, m))
    kommuner = [
        {
            "kommune": m,
            "sager": format_count(per_muni[m][0]),
            "omgoerelse": format_share(per_muni[m][1], per_muni[m][0]),
        }
        for m in munis
    ]
    rate = (total[1] + total[2]) / total[0] if total[0] else None
    years = sorted((p for p in trend if trend[p]["kommune"][0]), key=period_sort_key)
    latest = years[-1] if years else None
    a, omg = trend[latest]["kommune"] if latest else (0, 0)
    return {
        "ankesager": own_rows,
        "anke_kommuner": kommuner,
        "_rate": rate,
        "_appeals": total[0],
        "_latest_rate": omg / a if a else None,
        "_latest_period": danish_period(latest) if latest else None,
        "anke_udvikling": [_trend_row(p, trend[p]) for p in years],
        "anke_udvikling_note": _trend_sentence(own, years, trend),
    }


NATIONAL_NAMES = frozenset({"hele landet", "landet", "danmark", "landsgennemsnit", "i alt"})
"""Names an appeal statistic gives the whole country (Ankestyrelsen's tables: "Hele landet")."""


def _rate_of(pair: list[int]) -> float | None:
    return pair[1] / pair[0] if pair[0] else None


def _trend_row(period: str, groups: dict[str, list[int]]) -> dict[str, str]:
    def cell(name: str) -> str:
        pair = groups.get(name, [0, 0])
        return format_share(pair[1], pair[0]) if pair[0] else "–"

    return {
        "periode": danish_period(period),
        "sager": format_count(groups["kommune"][0]),
        "kommune": cell("kommune"),
        "sammenligning": cell("sammenligning"),
        "landet": cell("landet"),
    }


def _trend_sentence(own: str, years: list[str], trend: dict[str, dict[str, list[int]]]) -> str:
    """The omgørelsesprocent's development told from the data: first and last year, the
    direction, and where the last year stands against the country."""
    if not years:
        return "Der er ingen ankestatistik for kommunen i datagrundlaget."
    first, last = years[0], years[-1]
    r0, r1 = _rate_of(trend[first]["kommune"]), _rate_of(trend[last]["kommune"])
    if first == last or r0 is None or r1 is None:
        return (
            f"Omgørelsesprocenten for {own} var {format_percent(r1)} i {danish_period(last)}."
            if r1 is not None
            else ""
        )
    diff = (r1 - r0) * 100
    if abs(diff) < 2:
        move = (
            f"omtrent uændret fra {format_percent(r0)} i {danish_period(first)} til "
            f"{format_percent(r1)} i {danish_period(last)}"
        )
    else:
        verb = "faldet" if diff < 0 else "steget"
        move = (
            f"{verb} fra {format_percent(r0)} i {danish_period(first)} til "
            f"{format_percent(r1)} i {danish_period(last)}"
        )
    sentence = f"Omgørelsesprocenten for {own} er {move}"
    national = _rate_of(trend[last].get("landet", [0, 0]))
    if national is not None:
        where = "under" if r1 < national - 0.005 else "over" if r1 > national + 0.005 else "på niveau med"
        sentence += f", {where} landsgennemsnittet på {format_percent(national)}"
    n = trend[last]["kommune"][0]
    return (
        sentence + f". Tallene bygger på {format_count(n)} klagesager i "
        f"{danish_period(last)}, så et enkelt år kan svinge meget."
    )


SCENARIO_TEXTS = (("skaerp", "strammere"), ("stram", "strammere"), ("mild", "mildere"))
"""Which pros and cons (docgen/data/sanktioner_scenarier.toml) a scenario named in the file
gets: by its name, else by its direction (more sanctions: strammere)."""


def sanction_scenarios(params: ScenarioParams) -> list[tuple[str, dict[str, float], list]]:
    """(name, values, standard rows) of each sanction scenario: the file's [scenarie.NAVN]
    sections over [sanktioner] over the standard assumptions; without such sections a
    stricter and a milder scenario from [sanktioner]'s change in both directions."""
    named = params.sections_under("scenarie")
    out = []
    if named:
        for name in sorted(named, key=lambda n: -named[n].get("aendring_antal_sanktioner_pct", 0)):
            lay = layered(params, ("sanktioner", f"scenarie.{name}"), f"scenarie.{name}")
            out.append((name, lay.values, lay.standard_rows))
        return out
    lay = layered(params, ("sanktioner",))
    for name, sign in (("strammere", 1), ("mildere", -1)):
        values = dict(lay.values)
        for key in ("aendring_antal_sanktioner_pct", "forventet_aendring_omgoerelser_pct"):
            if key in values:
                values[key] = sign * abs(values[key])
        out.append((name, values, lay.standard_rows if sign > 0 else []))
    return out


def unused_sanction_keys(params: ScenarioParams) -> list[str]:
    """[sanktioner] names that every [scenarie.NAVN] section overrides: one line each."""
    named = params.sections_under("scenarie")
    if not named:
        return []
    return [
        f"{params.path}: [sanktioner] {k} bruges ikke, fordi alle scenarier har deres eget"
        for k in sorted(params.section("sanktioner"))
        if all(k in v for v in named.values())
    ]


def _texts_for(name: str, change: float | None) -> dict[str, Any]:
    data = pros_and_cons()
    for part, key in SCENARIO_TEXTS:
        if part in name.lower():
            return data.get(key, {})
    if change is None:
        return {}
    return data.get("strammere" if change > 0 else "mildere", {})


def _scenarios(
    params: ScenarioParams,
    annual: float | None,
    rate: float | None,
    rate_period: str | None,
    extra: list[dict[str, str]],
) -> list[dict[str, Any]]:
    """The sanction scenarios. Every row printed is computed; a scenario that cannot be
    computed (no sanction statistics) is left out and scenarie_note says why."""
    out = []
    for name, p, standard_rows in sanction_scenarios(params):
        extra.extend(standard_rows)
        pct = p.get("aendring_antal_sanktioner_pct")
        texts = _texts_for(name, pct)
        if annual is None or pct is None:
            continue
        change = annual * pct / 100
        fradrag = p["gennemsnitligt_fradrag_kr"]
        hours, hourly = p["sagsbehandlertimer_pr_sanktion"], p["timepris_kr"]
        appeal_share, appeal_hours = p["andel_klager_pct"], p["timer_pr_klagesag"]
        saved = change * fradrag
        work = change * hours * hourly
        appeals = change * appeal_share / 100
        appeal_cost = appeals * appeal_hours * hourly
        net = saved - work - appeal_cost
        rows = [
            {
                "tekst": "Ændring i antal sanktioner pr. år",
                "vaerdi": format_signed(change, 0),
                "forklaring": (f"{format_number(annual, 0)} sanktioner om året × {format_signed(pct, 0)} %"),
            },
            {
                "tekst": "Fradrag i ydelsen (mindre udbetalt)",
                "vaerdi": format_signed(saved, 0, "kr."),
                "forklaring": f"ændring × {format_kr(fradrag)} pr. sanktion",
            },
            {
                "tekst": "Sagsbehandling (udgift)",
                "vaerdi": format_signed(work, 0, "kr."),
                "forklaring": f"ændring × {format_number(hours, 1)} timer × {format_kr(hourly)}",
            },
            {
                "tekst": "Klagesager pr. år",
                "vaerdi": format_signed(appeals, 1),
                "forklaring": f"ændring × {format_number(appeal_share, 0)} % påklages",
            },
            {
                "tekst": "Behandling af klager (udgift)",
                "vaerdi": format_signed(appeal_cost, 0, "kr."),
                "forklaring": f"klager × {format_number(appeal_hours, 1)} timer × timepris",
            },
            {
                "tekst": "Nettovirkning (fradrag minus sagsbehandling og klager)",
                "vaerdi": format_signed(net, 0, "kr."),
                "forklaring": "positivt tal: lavere nettoudgift for kommunen",
            },
        ]
        omg = p.get("forventet_aendring_omgoerelser_pct")
        if rate is not None and omg is not None:
            new_rate = min(1.0, max(0.0, rate * (1 + omg / 100)))
            rows.append(
                {
                    "tekst": "Forventet omgørelsesprocent",
                    "vaerdi": format_percent(new_rate),
                    "forklaring": (
                        f"{format_percent(rate)} i {rate_period} ændret med {format_signed(omg, 0)} %"
                        if rate_period
                        else f"{format_percent(rate)} ændret med {format_signed(omg, 0)} %"
                    ),
                }
            )
        out.append(
            {
                "titel": texts.get("titel", name.replace("_", " ").capitalize()),
                "beskrivelse": texts.get("beskrivelse", ""),
                "raekker": rows,
                "fordele": list(texts.get("fordele", [])),
                "ulemper": list(texts.get("ulemper", [])),
            }
        )
    if annual is not None:
        extra.append(
            {
                "sektion": "sanktioner",
                "tekst": "Sanktioner pr. år i dag (beregnet)",
                "vaerdi": format_number(annual, 0),
                "kilde": "sanktionsstatistikken, gennemsnit pr. kvartal × 4",
            }
        )
    if rate is not None:
        extra.append(
            {
                "sektion": "sanktioner",
                "tekst": f"Omgørelsesprocent {rate_period or 'i dag'} (beregnet)",
                "vaerdi": format_percent(rate),
                "kilde": "ankestatistikken",
            }
        )
    return out


def _recommendations(
    worst: list[tuple[float, str]],
    raw: dict[str, dict[str, int]],
    rate: float | None,
    rate_period: str | None,
    reviewed: int,
) -> list[dict[str, str]]:
    """One recommendation per rule with a deficiency in at least 10 % of the assessed cases
    (its action from the rules data), one on the omgørelsesprocent when it is high, and the
    ledelsestilsyn that keeps the practice in view; each says what it rests on."""
    from docgen.context_screening import owners

    who = owners()
    rules = {r["id"]: r for r in rule_order()}
    checked = (
        ""
        if reviewed
        else " Fundene er screeningens forslag; få en sagsbehandler til at gennemgå dem, før "
        "der handles på dem."
    )
    out = []
    for share, rid in worst:
        if share < 0.1:
            continue
        rule = rules.get(rid, {})
        out.append(
            {
                "titel": f"{rid}: {rule.get('tekst', rid)}",
                "tekst": (rule.get("tiltag") or "Gennemgå sagerne med mangel i teamet.") + checked,
                "grundlag": (
                    f"mangel i {share_phrase(raw[rid]['mangel'], raw[rid]['vurderet'])} af "
                    f"de {format_count(raw[rid]['vurderet'])} sager, hvor reglen kunne "
                    f"vurderes ({rule.get('grundlag', '')})"
                ),
                "ansvarlig": who.get("sanktioner", ""),
            }
        )
    if rate is not None and rate >= 0.3:
        out.append(
            {
                "titel": "Gennemgå de afgørelser, Ankestyrelsen har ændret",
                "tekst": (
                    "Brug de omgjorte sager i teamets faglige sparring: hvad manglede, og "
                    "hvordan undgås det næste gang?"
                ),
                "grundlag": f"omgørelsesprocenten var {format_percent(rate)} i {rate_period}",
                "ansvarlig": who.get("sanktioner", ""),
            }
        )
    out.append(
        {
            "titel": "Hold praksis i øje med ledelsestilsyn",
            "tekst": (
                "Beskriv kommunens sanktionspraksis skriftligt, og gennemgå en stikprøve af "
                "sager hvert halve år med den samme screening, så udvalget kan se udviklingen."
            ),
            "grundlag": "screeningen og ankestatistikken i denne rapport",
            "ansvarlig": who.get("sanktioner", ""),
        }
    )
    return out


# The signature docgen.reports calls every report's builder with; `duplicates` pairs it with
# context_drift's, and the formatting imports: declarations, no repeated logic.
def build_context(
    store: Store,
    today: date,
    *,
    period: str | None = None,
    scenarios: ScenarioParams | str | Path | None = None,
) -> dict[str, Any]:
    """The sanction report's context (pure: same store, date and assumptions → same dict)."""
    params = load_scenarios(scenarios)
    own = own_municipality(store)
    comp = set(comparables())
    ctx: dict[str, Any] = cover(store, today, period, ("sanction_stats", "appeal_stats"))
    stats = _stats(store, period)
    mine = [r for r in stats if r["municipality"] == own]

    by_period: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in mine:
        by_period[r["period"]][0] += r["n"]
        if _is_fradrag(r["sanction_type"]):
            by_period[r["period"]][1] += r["n"]
    periods = sorted(by_period, key=period_sort_key)
    ctx["sanktioner_kvartal"] = []
    for p in periods:
        fradrag, oevrige = format_count_row([by_period[p][1], by_period[p][0] - by_period[p][1]])
        ctx["sanktioner_kvartal"].append(
            {
                "periode": danish_period(p),
                "antal": format_count(by_period[p][0]),
                "fradrag": fradrag,
                "oevrige": oevrige,
            }
        )
    total_own = sum(v[0] for v in by_period.values())
    annual = total_own / len(periods) * _per_year(periods) if periods else None
    muni_periods: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in stats:
        if r["municipality"] == own or r["municipality"] in comp:
            muni_periods[r["municipality"]][r["period"]] += r["n"]
    all_periods = sorted({p for m in muni_periods.values() for p in m}, key=period_sort_key)
    munis = sorted(muni_periods, key=lambda m: (m != own, m))
    ctx["figur_sanktioner_tid"] = Chart(
        "line",
        "Sanktioner pr. periode",
        tuple(danish_period(p) for p in all_periods),
        tuple(
            (m, tuple(float(muni_periods[m][p]) if p in muni_periods[m] else None for p in all_periods))
            for m in munis
        ),
    )
    if mine:
        ctx["sanktioner_note"] = (
            f"{own} har i alt {format_count(total_own)} sanktioner i "
            f"{danish_period(periods[0])} – {danish_period(periods[-1])}, "
            f"svarende til ca. {format_number(annual, 0)} om året."
        )
    else:
        ctx["sanktioner_note"] = (
            "Der er ingen sanktionsstatistik for kommunen i datagrundlaget "
            "(indlæs fx sanktioner.csv fra jobindsats)."
        )
    ctx["fordeling_note"] = (
        "Fordelingerne dækker alle kommunens sanktioner i perioden. Grupper med færre end 5 "
        "sanktioner vises som »<5«."
    )
    for key, field in (
        ("efter_ydelse", "ydelse"),
        ("efter_visitation", "visitationskategori"),
        ("efter_type", "sanction_type"),
    ):
        counter: Counter[str] = Counter()
        for r in mine:
            counter[r[field] or ""] += r["n"]
        ctx[key] = _share_rows(counter, total_own)

    compare = []
    type_names = sorted(
        {r["sanction_type"] or "Ikke oplyst" for r in stats if r["municipality"] in muni_periods}
    )
    type_share: dict[str, dict[str, float]] = {}
    uncertain: list[str] = []
    cells = _cells(store, period)
    for m in munis:
        mine_cells = [c for c in cells if c["municipality"] == m]
        n = Bounded.of(c["count"] for c in mine_cells)
        fr = Bounded.of(c["count"] for c in mine_cells if _is_fradrag(c["sanction_type"]))
        other = Bounded.of(c["count"] for c in mine_cells if not _is_fradrag(c["sanction_type"]))
        yd: Counter[str] = Counter()
        for c in mine_cells:
            yd[c["ydelse"] or "Ikke oplyst"] += c["count"] or 0
        top = sorted(yd.items(), key=lambda kv: (-kv[1], kv[0]))
        n_periods = len(muni_periods[m]) or 1
        per_q = _per_quarter(list(muni_periods[m])) / n_periods
        modtagere = recipients(store, m, {c["ydelse"] for c in mine_cells if c["ydelse"]})
        per_100 = "–"
        if modtagere:
            per_year = 4 * per_q * 100 / modtagere
            per_100 = (
                format_number(n.known * per_year, 0)
                if not n.hidden
                else f"{format_number(n.low * per_year, 0)}–{format_number(n.high * per_year, 0)}"
            )
        compare.append(
            {
                "kommune": m,
                "antal": format_bounded(n),
                "pr_kvartal": (
                    format_number(n.known * per_q, 0)
                    if not n.hidden
                    else f"{format_number(n.low * per_q, 0)}–{format_number(n.high * per_q, 0)}"
                ),
                "pr_100_modtagere": per_100,
                "modtagere": format_number(modtagere, 0) if modtagere else "–",
                "andel_fradrag": format_share_bounded(fr, other),
                "hyppigste_ydelse": top[0][0]
                if top and not n.hidden
                else (top[0][0] + " (skønnet)" if top else "–"),
            }
        )
        # the chart shows only what the table can: a municipality whose hidden cells leave a
        # type's share open by more than 5 percentage points is left out of it
        widths = []
        for t in type_names:
            part = Bounded.of(c["count"] for c in mine_cells if (c["sanction_type"] or "Ikke oplyst") == t)
            bounds = share_bounds(part, n + Bounded(-part.known, -part.hidden))
            widths.append(bounds[1] - bounds[0] if bounds else 1.0)
        if n.low >= 5 and max(widths, default=0) <= 0.05:
            type_share[m] = {
                t: 100.0
                * sum(c["count"] or 0 for c in mine_cells if (c["sanction_type"] or "Ikke oplyst") == t)
                / n.known
                for t in type_names
            }
        elif n.low >= 5:
            uncertain.append(m)
    ctx["sammenligning"] = compare
    hidden_note = (
        " Jobindsats viser små tal som »<5«; et sådant tal er mellem 1 og 4, så en sum med "
        "skjulte tal vises som et interval (laveste–højeste mulige), og det samme gælder andelene."
        if any(c["count"] is None for c in cells)
        else ""
    )
    left_out = (
        f" {', '.join(uncertain)} er ikke med i figuren, fordi de skjulte tal gør fordelingen for usikker."
        if uncertain
        else ""
    )
    ctx["sammenligning_note"] = (
        "Antallet af sanktioner afhænger af kommunens størrelse, så sammenlign især "
        "sanktioner pr. 100 modtagere, fordelingen på typer og udviklingen over tid. "
        "Sanktioner pr. 100 modtagere er sanktioner om året delt med det gennemsnitlige antal "
        "modtagere af de sanktionerede ydelser (kontanthjælp og uddannelseshjælp) i "
        "nøgletallene fra jobindsats.dk. Kommunen sammenlignes med "
        f"{', '.join(comparables())}." + hidden_note + left_out
    )
    shown = [m for m in munis if m in type_share]
    ctx["figur_sammenligning"] = Chart(
        "stacked",
        "Sanktionstyper i procent",
        tuple(shown),
        tuple((t, tuple(type_share[m][t] for m in shown)) for t in type_names),
        percent=True,
        height_cm=max(5.0, 1.5 + 0.8 * len(shown)),
    )

    section = screening_section(store)
    raw = section.pop("screening_tal")
    reviewed = section.pop("screening_gennemgaaet")
    n_cases = section.pop("screening_sager")
    ctx.update(section)

    appeals = _appeals(store, period, own)
    rate = appeals.pop("_rate")
    n_appeals = appeals.pop("_appeals")
    latest_rate, latest_period = appeals.pop("_latest_rate"), appeals.pop("_latest_period")
    ctx.update(appeals)
    ctx["anke_note"] = (
        f"Ankestyrelsen har afgjort {format_count(n_appeals)} klager over kommunens "
        f"afgørelser; {format_share(rate * n_appeals if rate is not None else None, n_appeals)}"
        " blev ændret eller hjemvist (omgørelsesprocenten)."
        if n_appeals
        else "Der er ingen ankestatistik i datagrundlaget (indlæs fx ankesager.csv)."
    )

    extra: list[dict[str, str]] = []
    ctx["scenarier"] = _scenarios(params, annual, latest_rate, latest_period, extra)
    ctx["scenarie_note"] = (
        "Scenarierne viser, hvad en strammere og en mildere praksis kan betyde for økonomi og "
        "kvalitet. Tallene er overslag ud fra kommunens egne tal og antagelserne bagerst i "
        "rapporten; fordele og ulemper er kvalitative vurderinger."
        if ctx["scenarier"]
        else "Scenarierne kan ikke beregnes, fordi der ikke er sanktionsstatistik for kommunen i "
        "datagrundlaget (indlæs fx sanktioner.csv fra jobindsats)."
    )
    titles = {
        f"scenarie.{name}": _texts_for(name, p.get("aendring_antal_sanktioner_pct")).get(
            "titel", name.replace("_", " ").capitalize()
        )
        for name, p, _rows in sanction_scenarios(params)
    }
    ctx["antagelser"] = label_sections(assumption_rows(params, ("sanktioner", "scenarie")) + extra, titles)

    summary = [ctx["sanktioner_note"]]
    rules = {r["id"]: r["tekst"] for r in rule_order()}
    worst = sorted(
        ((v["mangel"] / v["vurderet"], rid) for rid, v in raw.items() if v["vurderet"] >= 5 and v["mangel"]),
        reverse=True,
    )
    if n_cases:
        summary.append(f"Screeningen omfatter {format_count(n_cases)} sager.")
    for _share, rid in worst[:3]:
        summary.append(
            f"{rid} ({rules.get(rid, rid).lower()}): mangel i "
            f"{share_phrase(raw[rid]['mangel'], raw[rid]['vurderet'])} af de "
            "vurderede sager."
        )
    if n_appeals:
        summary.append(ctx["anke_udvikling_note"])
    ctx["sammenfatning"] = summary

    ctx["anbefalinger"] = [
        recommendation(**a) for a in _recommendations(worst, raw, latest_rate, latest_period, reviewed)
    ]
    ctx["datagrundlag"] = (
        datagrundlag(
            store,
            [
                ("sanction_stats", "Sanktionsstatistik"),
                ("appeal_stats", "Ankestatistik"),
            ],
        )
        + screening_sources(store)
        + [
            {
                "kilde": Path(params.path).name,
                "indhold": "Antagelser til scenarier",
                "perioder": "–",
                "raekker": format_number(len(ctx["antagelser"])),
            }
        ]
    )
    sanctions = source_line(store, "sanction_stats", where={"municipality": own})
    if sanctions == NO_DATA:
        sanctions = source_line(store, "sanction_stats")
    standard_used = uses_standard(ctx["antagelser"])
    ctx["kilde"] = {
        "sanktioner": sanctions,
        "sammenligning": source_line(store, "sanction_stats")
        if not any(c["modtagere"] != "–" for c in compare)
        else "Kilde: "
        + join_danish(
            [
                source_line(store, t).removeprefix("Kilde: ").rstrip(".")
                for t in ("sanction_stats", "indicators")
            ]
        )
        + ".",
        "ankesager": source_line(store, "appeal_stats"),
        "screening": screening_source(store),
        "scenarier": scenario_source(sanctions, params, standard_used),
        "antagelser": assumptions_source(params, standard_used),
        "datagrundlag": datagrundlag_source(ctx["datagrundlag"]),
    }
    return ctx


def recipients(store: Store, municipality: str, ydelser: set[str]) -> float | None:
    """Mean number of recipients of the sanctioned ydelser in the municipality: per period of
    the indicators' 'Antal personer', the group 'YDELSE i alt' when there is one, else the sum
    of the groups named 'YDELSE ...'; None when a ydelse has no count (or a suppressed one)."""
    rows = people_counts(store, municipality)
    by_period: dict[str, dict[str, float | None]] = {}
    for r in rows:
        by_period.setdefault(r["period"], {})[r["group_name"] or ""] = r["value"]
    totals = []
    for groups in by_period.values():
        total = 0.0
        for y in ydelser:
            whole = groups.get(f"{y} i alt")
            parts = [
                v
                for g, v in groups.items()
                if g.lower().startswith(y.lower() + " ") and not g.lower().endswith(" i alt")
            ]
            if whole is not None and whole >= 5:
                total += whole
            elif parts and all(v is not None and v >= 5 for v in parts):
                total += sum(v for v in parts if v is not None)
            else:
                break
        else:
            totals.append(total)
    return sum(totals) / len(totals) if totals and min(totals) > 0 else None


def _months(label: str) -> int:
    from textmining.errors import InputError
    from textmining.readers.tables import parse_period

    try:
        p = parse_period(label)
    except InputError:
        return 3
    return p.end - p.start + 1


def _per_year(periods: list[str]) -> float:
    """Factor from 'per period' to 'per year' for the given (equal-length) periods."""
    months = _months(periods[0]) if periods else 3
    return 12 / months


def _per_quarter(periods: list[str]) -> float:
    """Factor from 'per period' to 'per quarter'."""
    months = _months(periods[0]) if periods else 3
    return 3 / months
