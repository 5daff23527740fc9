"""Context for rapport_drift.docx: the offers' economy and results, benchmark against the
comparable municipalities, indicators over time and scenarios "mere / mindre af tilbud X".

Pure: reads the store (offers, benchmarks, indicators, documents) and the scenario
assumptions; the same store, date and assumptions give the same dict.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docgen.appendix import appendix_path
from docgen.charts import Chart, bars_by_name
from docgen.context_screening import (
    DATA,
    comparables,
    config,
    cover,
    datagrundlag,
    in_period,
    norm_municipality,
    own_municipality,
    owners,
)
from docgen.formatting import (
    MIN_CELL,
    format_count,
    format_count_row,
    format_kr,
    format_number,
    format_percent,
    format_share,
    format_signed,
    format_value,
    recommendation,
)
from docgen.sources import datagrundlag_source, join_danish, source_line
from store import Store, statistics
from textmining.readers.tables import ScenarioParams, danish_period, period_sort_key, read_scenarios

DEFAULT_SCENARIOS = DATA / "scenarier_standard.toml"
MAX_SCENARIOS = 6


def load_scenarios(scenarios: ScenarioParams | str | Path | None) -> ScenarioParams:
    """The scenario assumptions given, or the standard file when none."""
    if isinstance(scenarios, ScenarioParams):
        return scenarios
    return read_scenarios(scenarios or DEFAULT_SCENARIOS)


STANDARD_SOURCE = "standardantagelse (illustrativ; erstat med kommunens eget tal)"


@dataclass
class Layered:
    """Assumptions for one scenario: the file's sections over the standard ones, with a row for
    every standard value used, so the report computes every row and says where each number
    comes from."""

    values: dict[str, float]
    standard_rows: list[dict[str, str]]


def layered(params: ScenarioParams, sections: tuple[str, ...], label: str = "") -> Layered:
    """The values of `sections` (later ones win), the file's over the standard file's; a
    value only the standard file has is listed as a standard assumption."""
    standard = load_scenarios(None)
    mine: dict[str, float] = {}
    for sec in sections:
        mine.update(params.section(sec))
    values: dict[str, float] = {}
    rows: list[dict[str, str]] = []
    if params.path != standard.path:
        by_name = {a.name: a for a in standard.assumptions}
        for sec in sections:
            for name, value in standard.section(sec).items():
                if name in mine or name in values:
                    continue
                values[name] = value
                a = by_name[name]
                rows.append(
                    {
                        "sektion": sec,
                        "tekst": a.label,
                        "vaerdi": format_assumption(a.value, a.unit),
                        "kilde": STANDARD_SOURCE,
                    }
                )
    values.update(mine)
    return Layered(values, rows)


def slug(text: str) -> str:
    """'Virksomhedspraktik (egen)' → 'virksomhedspraktik_egen': for matching TOML sections."""
    s = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def format_assumption(value: float, unit: str) -> str:
    """An assumption's value with its unit in Danish format."""
    u = (unit or "").strip()
    decimals = 0 if float(value).is_integer() else 1
    if u in ("kr.", "kr"):
        return format_kr(value, decimals)
    if u in ("pct.", "pct", "%"):
        return f"{format_number(value, decimals)} %"
    return f"{format_number(value, decimals)} {u}".strip()


SECTION_LABELS = {
    "ydelser": "Ydelser",
    "tilbud": "Alle tilbud",
    "sanktioner": "Sanktioner",
    "scenarie": "Alle scenarier",
}
"""The scenario file's top sections as a reader of the report names them."""


def label_sections(rows: list[dict[str, str]], names: dict[str, str]) -> list[dict[str, str]]:
    """The assumption rows with each section key ('tilbud.virksomhedspraktik') replaced by what
    the report calls it: names[key] (an offer's or a scenario's name), a top section's label,
    else the key's last part in words. A politician reads names, not TOML keys."""

    def label(section: str) -> str:
        if section in names:
            return names[section]
        top, _, rest = section.partition(".")
        if not rest:
            return SECTION_LABELS.get(top, top.replace("_", " ").capitalize())
        return rest.replace("_", " ").capitalize()

    return [{**r, "sektion": label(r["sektion"])} for r in rows]


def assumption_rows(params: ScenarioParams, sections: tuple[str, ...]) -> list[dict[str, str]]:
    """The assumptions of the given sections (and their subsections), as table rows."""
    source_file = Path(params.path).name
    rows = []
    for a in params.assumptions:
        if not any(a.section == s or a.section.startswith(s + ".") for s in sections):
            continue
        rows.append(
            {
                "sektion": a.section,
                "tekst": a.label,
                "vaerdi": format_assumption(a.value, a.unit),
                "kilde": f"{a.source} ({source_file})" if a.source else source_file,
            }
        )
    return rows


# --------------------------------------------------------------------------------------------
# Offers


def offers_in(store: Store, period: str | None) -> list[dict[str, Any]]:
    """The stored offers of every period within the chosen one (all when None)."""
    return [dict(r) for r in statistics.offers(store) if in_period(r["period"], period)]


def _offers(rows: list[dict[str, Any]], period: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """Of the offers in the chosen period, those of the latest period when none was chosen."""
    if not rows:
        return [], None
    latest = max((r["period"] or "" for r in rows), key=period_sort_key)
    if not period:
        rows = [r for r in rows if (r["period"] or "") == latest]
    return rows, latest


def offer_development(
    rows: list[dict[str, Any]], latest: str | None
) -> tuple[list[dict[str, str]], str, str | None]:
    """Each offer in the latest period beside the period before it (of rows, the offers of
    every period): price per participant and share in job or education in both, and the
    change; with a note and the earlier period. No rows when the data has one period only."""
    none: tuple[list[dict[str, str]], str, str | None] = ([], "", None)

    if latest is None:
        return none
    periods = sorted({r["period"] or "" for r in rows}, key=period_sort_key)
    if latest not in periods or periods.index(latest) == 0:
        return none
    before = periods[periods.index(latest) - 1]
    by = {(r["period"], r["name"]): r for r in rows}
    out = []
    for name in sorted({r["name"] for r in rows if r["period"] == latest}):
        old, new = by.get((before, name)), by[(latest, name)]
        res_old = _offer_result(old) if old else None
        res_new = _offer_result(new)
        change = format_signed(100 * (res_new[0] - res_old[0]), 1) if res_old and res_new else "–"
        out.append(
            {
                "navn": name,
                "pris_foer": _kroner(res_old[1]) if res_old else "–",
                "pris_nu": _kroner(res_new[1]) if res_new else "–",
                "andel_foer": format_percent(res_old[0]) if res_old else "–",
                "andel_nu": format_percent(res_new[0]) if res_new else "–",
                "aendring": change,
            }
        )
    note = (
        f"Tabellen sammenligner hvert tilbud i {danish_period(latest)} med "
        f"{danish_period(before)}: pris pr. deltager og andelen i "
        "job eller uddannelse en måned efter. Tilbud med færre end 5 deltagere vises ikke "
        "med andele."
    )
    return out, note, before


def provider_comparison(offers: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Egen (the municipality's own) against anden aktør: offers, participants, price per
    participant and share in job or education, over the offers with known figures."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in offers:
        if r["provider_type"]:
            groups[r["provider_type"]].append(r)
    out = []
    for kind in sorted(groups):
        rs = groups[kind]
        part = sum(r["participants"] or 0 for r in rs)
        cost = sum(r["annual_cost"] or 0 for r in rs)
        good = sum((r["status_job"] or 0) + (r["status_uddannelse"] or 0) for r in rs)
        out.append(
            {
                "type": kind,
                "tilbud": format_number(len(rs)),
                "deltagere": format_count(part),
                "pris": _kroner(cost / part) if part else "–",
                "andel": format_share(good, part),
            }
        )
    return out if len(out) > 1 else []


def _kroner(value: float | None) -> str:
    """An amount in a column headed "(kr.)": 1234567 → '1.234.567'."""
    return "–" if value is None else format_number(value, 0)


def _offer_row(r: dict[str, Any]) -> dict[str, str]:
    cost, places, part = r["annual_cost"], r["places"], r["participants"]
    job, udd, yd = r["status_job"], r["status_uddannelse"], r["status_ydelse"]
    provider = r["provider"] or "–"
    if r["provider_type"]:
        provider = f"{provider} ({r['provider_type']})"
    good = (job or 0) + (udd or 0) if (job is not None or udd is not None) else None
    return {
        "navn": r["name"],
        "leverandoer": provider,
        # amounts without "kr.": the column headings say "(kr.)", so the cells fit the page
        "udgift": _kroner(cost),
        "pladser": format_number(places) if places is not None else "–",
        "deltagere": format_count(part),
        "varighed": format_number(r["mean_duration_weeks"], 1)
        if r["mean_duration_weeks"] is not None
        else "–",
        "pr_deltager": _kroner(cost / part) if cost is not None and part else "–",
        "pr_plads": _kroner(cost / places) if cost is not None and places else "–",
        **dict(
            zip(
                ("job", "uddannelse", "ydelse"),
                format_count_row([job or 0, udd or 0, yd or 0])
                if part
                else [format_count(job), format_count(udd), format_count(yd)],
            )
        ),
        "andel_job_udd": format_share(good, part),
    }


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def total(key: str) -> float | None:
        vals = [r[key] for r in rows if r[key] is not None]
        return sum(vals) if vals else None

    t = {
        k: total(k)
        for k in ("annual_cost", "places", "participants", "status_job", "status_uddannelse", "status_ydelse")
    }
    return t


# --------------------------------------------------------------------------------------------
# Recommendations

CLEAR_DIFFERENCE = 0.05
"""How far (5 percentage points) an offer's share in job or education must be from the mean
before a recommendation builds on it: smaller differences are within what one year's
participants vary by (vurdering (projektet))."""


def _offer_result(r: dict[str, Any]) -> tuple[float, float] | None:
    """(share in job or education, annual cost per participant) of an offer with at least 5
    participants and a known cost; None otherwise."""
    part = r["participants"] or 0
    if part < 5 or r["annual_cost"] is None:
        return None
    return ((r["status_job"] or 0) + (r["status_uddannelse"] or 0)) / part, r["annual_cost"] / part


def _recommendations(
    offers: list[dict[str, Any]],
    t: dict[str, Any],
    mean_share: float | None,
    areas: list[dict[str, Any]],
    scen: list[dict[str, Any]],
    params: ScenarioParams,
) -> list[dict[str, str]]:
    """Recommendations from the data: move places from weak, expensive offers to those that
    work best; learn from the comparison municipality that does best where the municipality
    does worst; follow up. Each names its owner, its economic potential (from the scenarios
    or the benchmark, or says it is not computed) and its effect on quality."""
    who = owners()
    out: list[dict[str, str]] = []
    mean_per = (
        t["annual_cost"] / t["participants"] if t["annual_cost"] is not None and t["participants"] else None
    )
    nets = {s["navn"]: s.get("_net_more") for s in scen}
    results = {r["name"]: res for r in offers if (res := _offer_result(r)) is not None}
    if mean_share is not None and mean_per is not None and results:
        strong = sorted(
            (
                n
                for n, (sh, per) in results.items()
                if sh >= mean_share + CLEAR_DIFFERENCE and per <= mean_per
            ),
            key=lambda n: -results[n][0],
        )[:2]
        weak = sorted(
            (n for n, (sh, per) in results.items() if sh <= mean_share - CLEAR_DIFFERENCE and per > mean_per),
            key=lambda n: results[n][0],
        )[:2]

        def described(names: list[str]) -> str:
            return " og ".join(
                f"{n} ({format_percent(results[n][0])} i job eller uddannelse, "
                f"{format_kr(results[n][1])} pr. deltager)"
                for n in names
            )

        if strong or weak:
            title = (
                "Flyt pladser fra " + " og ".join(weak) + " til " + " og ".join(strong)
                if strong and weak
                else "Udvid " + " og ".join(strong)
                if strong
                else "Gennemgå indhold, målgruppe og pris i " + " og ".join(weak)
            )
            text = []
            if strong:
                text.append(
                    f"{described(strong)} giver bedre resultater end gennemsnittet "
                    f"({format_percent(mean_share)}) til en lavere pris pr. deltager "
                    f"end gennemsnittet ({format_kr(mean_per)})."
                )
            if weak:
                text.append(
                    f"{described(weak)} giver færre i job eller uddannelse end "
                    "gennemsnittet til en højere pris; se på, om borgerne kunne få "
                    "mere ud af et andet tilbud, før aftalerne forlænges."
                )
            parts = []
            general = layered(params, ("ydelser", "tilbud")).values
            for n in strong:
                net, how = nets.get(n), "i scenariet med flere pladser"
                if net is None:  # no scenario of its own: the general assumptions
                    r = next(o for o in offers if o["name"] == n)
                    net = _scenario(r, general, mean_share, [])["_net_more"]
                    how = "med de generelle antagelser for flere pladser"
                if net is not None:
                    parts.append(
                        f"{n}: nettovirkning ca. {format_signed(round(net, -3), 0, 'kr.')} "
                        f"om året {how} (minus er en besparelse for kommunen)"
                    )
            economy = (
                "; ".join(parts)
                if parts
                else "ikke beregnet: læg et scenarie for tilbuddet i scenariefilen "
                "([tilbud.NAVN]), så viser rapporten udgift og sparet forsørgelse"
            )
            out.append(
                {
                    "titel": title,
                    "tekst": " ".join(text),
                    "oekonomi": economy,
                    "kvalitet": (
                        "flere borgere i et forløb med gode resultater"
                        if strong
                        else "pengene bruges på tilbud, der virker bedre"
                    ),
                    "ansvarlig": who.get("tilbud", ""),
                    "grundlag": "tabellerne over tilbuddenes økonomi og resultater",
                }
            )
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in offers:
            if r["name"] in results and r["provider_type"]:
                by_type[r["provider_type"]].append(r)
        if len(by_type) == 2:
            shares = {k: _group_share(v) for k, v in by_type.items()}
            (a, sa), (b, sb) = sorted(shares.items(), key=lambda kv: -kv[1])
            if sa - sb >= CLEAR_DIFFERENCE:
                out.append(
                    {
                        "titel": f"Brug erfaringerne fra tilbud hos {a}, når tilbud hos {b} genforhandles",
                        "tekst": (
                            f"Tilbud hos {a} har {format_percent(sa)} i job eller "
                            f"uddannelse en måned efter, tilbud hos {b} "
                            f"{format_percent(sb)}. Forskellen kan skyldes målgrupperne; "
                            "sammenlign tilbud for samme målgruppe, før der vælges."
                        ),
                        "oekonomi": "afhænger af, hvilke aftaler der ændres; ikke beregnet",
                        "kvalitet": "flere i job eller uddannelse, hvis forskellen holder",
                        "ansvarlig": who.get("tilbud", ""),
                        "grundlag": "tabellen over tilbuddenes resultater, opdelt på leverandør",
                    }
                )
    weakest = _weakest_area(areas)
    if weakest is not None:
        out.append(weakest | {"ansvarlig": who.get("benchmark", "")})
    out.append(
        {
            "titel": "Følg tilbuddenes udgifter og resultater hvert kvartal",
            "tekst": (
                "Brug samme tabeller hvert kvartal, så udvalget kan se, om ændringer i "
                "tilbudsviften virker, og om benchmarkplaceringen flytter sig."
            ),
            "oekonomi": "ingen ekstra udgift ud over opgørelsen",
            "kvalitet": "udvalget ser virkningen af sine beslutninger",
            "ansvarlig": who.get("opfoelgning", ""),
            "grundlag": "rapportens tabeller",
        }
    )
    return out


def _group_share(rows: list[dict[str, Any]]) -> float:
    part = sum(r["participants"] or 0 for r in rows)
    good = sum((r["status_job"] or 0) + (r["status_uddannelse"] or 0) for r in rows)
    return good / part if part else 0.0


def _weakest_area(areas: list[dict[str, Any]]) -> dict[str, str] | None:
    """The benchmark area where the municipality ranks worst, and what reaching the best
    comparison municipality's level there would mean, at the benchmark's own amount per
    full-time person."""
    ranked = [
        a
        for a in areas
        if a["_own"] is not None and a["_own"]["placering"] is not None and a["_own"]["forventet"]
    ]
    if len(ranked) < 2:
        return None
    area = max(ranked, key=lambda a: (a["_own"]["placering"], a["navn"]))
    me = area["_own"]
    others = [
        r
        for r in area["_rows"]
        if r is not me and r["forventet"] and r["forskel"] is not None and r["placering"] is not None
    ]
    if not others or me["forskel"] is None:
        return None
    best = min(others, key=lambda r: (r["placering"], r["forskel"] / r["forventet"]))
    if best["placering"] >= me["placering"]:
        return None
    best_pct = best["forskel"] / best["forventet"]
    persons = me["faktisk"] - me["forventet"] * (1 + best_pct)
    per_person = me["besparelse"] / -me["forskel"] if me["besparelse"] is not None and me["forskel"] else None
    name = norm_municipality(best["municipality"])
    economy = (
        f"ca. {format_number(persons, 0)} færre fuldtidspersoner på ydelse, svarende til "
        f"ca. {format_kr(round(persons * per_person, -3))} om året (benchmarkets beløb pr. "
        "fuldtidsperson), hvis kommunen nåede samme niveau som " + name
        if per_person is not None and persons > 0
        else "ikke beregnet (benchmarket har intet beløb pr. fuldtidsperson)"
    )
    return {
        "titel": f"Lær af {name} på {area['navn'].lower()}",
        "tekst": (
            f"{area['navn']} er kommunens svageste område i benchmarket "
            f"({rank_text(me['placering'], area['_ties'])}); {name} ligger "
            f"nr. {format_number(best['placering'])} af {MUNICIPALITIES_IN_DENMARK} med "
            f"{format_signed(100 * best_pct, 1, '%')} i forhold til det forventede "
            f"mod kommunens {format_signed(100 * me['forskel'] / me['forventet'], 1, '%')}. "
            f"Aftal et besøg eller en erfaringsudveksling om {name}s indsats."
        ),
        "oekonomi": economy,
        "kvalitet": "flere borgere hurtigere tilbage i job eller uddannelse",
        "grundlag": f"benchmarket for {area['navn'].lower()} ({area['periode']})",
    }


# --------------------------------------------------------------------------------------------
# Scenarios


def _scenario(
    r: dict[str, Any], p: dict[str, float], mean_share: float | None, extra: list[dict[str, str]]
) -> dict[str, Any]:
    """'Mere / mindre af' one offer: changes in places, cost, courses, job and benefits."""
    name = r["name"]
    places, part, cost = r["places"], r["participants"], r["annual_cost"]
    good = (r["status_job"] or 0) + (r["status_uddannelse"] or 0)
    share = good / part if part and part >= 5 else None
    if "aendring_pladser" in p:
        delta = abs(p["aendring_pladser"])
        change_text = f"{format_number(delta)} pladser"
    elif "aendring_pladser_pct" in p and places:
        delta = places * abs(p["aendring_pladser_pct"]) / 100
        change_text = f"{format_number(abs(p['aendring_pladser_pct']))} % af {format_number(places)} pladser"
    else:
        delta = None
        change_text = "ukendt antal pladser"
    price = p.get("pris_pr_plads_kr")
    if price is None and cost is not None and places:
        price = cost / places
        extra.append(
            {
                "sektion": f"tilbud.{slug(name)}",
                "tekst": f"Pris pr. plads, {name}",
                "vaerdi": format_kr(price),
                "kilde": "beregnet fra tilbudstabellen",
            }
        )
    effect = p.get("forventet_jobeffekt_pct")
    effect = effect / 100 if effect is not None else share
    if effect is not None and "forventet_jobeffekt_pct" not in p:
        extra.append(
            {
                "sektion": f"tilbud.{slug(name)}",
                "tekst": f"Andel i job eller uddannelse en måned efter, {name}",
                "vaerdi": format_percent(effect),
                "kilde": "beregnet fra tilbudstabellen",
            }
        )
    throughput = part / places if part and places else None
    monthly = p.get("ydelse_pr_maaned_kr")
    months = p.get("maaneder_selvforsoergelse")

    def calc(sign: int) -> dict[str, float | None]:
        d = sign * delta if delta is not None else None
        courses = d * throughput if d is not None and throughput else None
        jobs = courses * effect if courses is not None and effect is not None else None
        spend = d * price if d is not None and price is not None else None
        saved = jobs * monthly * months if jobs is not None and monthly and months else None
        net = spend - saved if spend is not None and saved is not None else None
        return {"d": d, "courses": courses, "jobs": jobs, "spend": spend, "saved": saved, "net": net}

    more, less = calc(1), calc(-1)

    def row(text: str, key: str, fmt: Any) -> dict[str, str] | None:
        if more[key] is None or less[key] is None:
            missing.append(text.lower())
            return None  # never a row that could not be computed
        return {"tekst": text, "mere": fmt(more[key]), "mindre": fmt(less[key])}

    missing: list[str] = []
    rows = [
        row("Ændring i antal pladser", "d", lambda v: format_signed(v, 0)),
        row("Ændring i årlig udgift", "spend", lambda v: format_signed(v, 0, "kr.")),
        row("Ændring i antal forløb pr. år", "courses", lambda v: format_signed(v, 0)),
        row("Flere (+) eller færre (-) i job eller uddannelse", "jobs", lambda v: format_signed(v, 1)),
        row("Sparet (+) eller ekstra (-) forsørgelse", "saved", lambda v: format_signed(v, 0, "kr.")),
        row(
            "Nettovirkning for kommunen (udgift minus sparet forsørgelse)",
            "net",
            lambda v: format_signed(v, 0, "kr."),
        ),
    ]
    rows = [r for r in rows if r is not None]
    if share is not None and mean_share is not None:
        better = share >= mean_share
        compare = f"{format_percent(share)} mod {format_percent(mean_share)} for alle tilbud"
        if better:
            q_more = (
                f"Tilbuddet får flere i job eller uddannelse end gennemsnittet ({compare}). "
                "Flere pladser giver flere borgere et forløb med gode resultater og kan "
                "korte ventetiden."
            )
            q_less = (
                "Færre pladser betyder, at færre borgere får et tilbud, der virker godt, "
                "og ventetiden kan blive længere."
            )
        else:
            q_more = (
                f"Tilbuddet får færre i job eller uddannelse end gennemsnittet ({compare}). "
                "Flere pladser giver mere aktivitet, men ikke nødvendigvis bedre resultater."
            )
            q_less = (
                "Færre pladser frigør penge til tilbud med bedre resultater. Borgere, som "
                "netop dette tilbud passer til, skal have et andet tilbud."
            )
    else:
        q_more = (
            "Der er for få deltagere til at vurdere tilbuddets resultater; følg op, før pladstallet ændres."
        )
        q_less = q_more
    return {
        "titel": f"Mere eller mindre af {name}",
        "navn": name,
        "beskrivelse": (
            f"Scenariet ændrer {name} med {change_text} i begge retninger. "
            "Beregningen bruger antagelserne bagerst i rapporten."
            + (f" Ikke beregnet, fordi tallene mangler: {', '.join(missing)}." if missing else "")
        ),
        "raekker": rows,
        "kvalitet_mere": q_more,
        "kvalitet_mindre": q_less,
        "_net_more": more["net"],
    }


def match_offers(key: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The offers a [tilbud.NAVN] section means: the offer whose name gives the same slug,
    else those whose name begins with it ("nytteindsats" → "Nytteindsats for unge …",
    "mentor" → "Mentorstøtte")."""
    k = slug(key)
    exact = [r for r in rows if slug(r["name"]) == k]
    return exact or [r for r in rows if slug(r["name"]).startswith(k)]


def unmatched_offer_sections(params: ScenarioParams, rows: list[dict[str, Any]]) -> list[str]:
    """One Danish line for each [tilbud.NAVN] section that matches no offer in the data."""
    names = sorted({r["name"] for r in rows})
    return [
        f"{params.path}: [tilbud.{key}] passer ikke til noget tilbud i datagrundlaget "
        f"(tilbud: {', '.join(names) or 'ingen'})"
        for key in sorted(params.sections_under("tilbud"))
        if not match_offers(key, rows)
    ]


def _scenarios(
    rows: list[dict[str, Any]], params: ScenarioParams, mean_share: float | None
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    specific = params.sections_under("tilbud")
    extra: list[dict[str, str]] = []
    chosen: list[tuple[dict[str, Any], dict[str, float]]] = []
    seen: set[str] = set()
    for key in sorted(specific):
        lay = layered(params, ("ydelser", "tilbud", f"tilbud.{key}"), f"tilbud.{key}")
        for r in match_offers(key, rows):
            if r["name"] in seen:
                continue
            seen.add(r["name"])
            chosen.append((r, lay.values))
            extra.extend(lay.standard_rows)
    if not specific:
        lay = layered(params, ("ydelser", "tilbud"))
        biggest = sorted(rows, key=lambda r: (-(r["annual_cost"] or 0), r["name"]))
        chosen = [(r, dict(lay.values)) for r in biggest[:MAX_SCENARIOS]]
        extra.extend(lay.standard_rows)
    out = [_scenario(r, p, mean_share, extra) for r, p in chosen]
    unique = []
    for row in extra:  # a standard value used by several scenarios is listed once
        if row not in unique:
            unique.append(row)
    return out, unique


# --------------------------------------------------------------------------------------------
# Benchmarks and indicators


MUNICIPALITIES_IN_DENMARK = 98
"""The benchmark ranks all municipalities: Denmark has 98 since the municipal reform of
1 January 2007 (lov nr. 537 af 24. juni 2005 om revision af den kommunale inddeling)."""


def rank_text(rank: int | float, tied_with: list[str], short: bool = False) -> str:
    """'nr. 7 af 98', 'nr. 1 af 98 (delt med Favrskov og Skanderborg)'; short: '7 af 98',
    '1 af 98 (delt)' for a table cell."""
    base = f"{format_number(rank)} af {MUNICIPALITIES_IN_DENMARK}"
    if short:
        return base + (" (delt)" if tied_with else "")
    text = f"nr. {base}"
    if tied_with:
        names = ", ".join(tied_with[:-1]) + " og " + tied_with[-1] if len(tied_with) > 1 else tied_with[0]
        text += f" (delt med {names})"
    return text


def _ties(chosen: list[dict[str, Any]], r: dict[str, Any]) -> list[str]:
    return [
        norm_municipality(o["municipality"])
        for o in chosen
        if o is not r and o["placering"] is not None and o["placering"] == r["placering"]
    ]


def _tie_note(chosen: list[dict[str, Any]]) -> str:
    """'Delt placering: Favrskov og Skanderborg er begge nr. 1 af 98.' for each shared rank."""
    groups: dict[Any, list[str]] = defaultdict(list)
    for r in chosen:
        if r["placering"] is not None:
            groups[r["placering"]].append(norm_municipality(r["municipality"]))
    parts = []
    for rank, names in sorted(groups.items()):
        if len(names) > 1:
            listed = ", ".join(names[:-1]) + " og " + names[-1]
            parts.append(
                f"{listed} er {'begge' if len(names) == 2 else 'alle'} "
                f"nr. {format_number(rank)} af {MUNICIPALITIES_IN_DENMARK}"
            )
    return ("Delt placering: " + "; ".join(parts) + ".") if parts else ""


def _benchmark_areas(store: Store, period: str | None, own: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        dict(r) for r in statistics.benchmarks(store) if in_period(r["period"], period)
    ]
    rows.sort(key=lambda r: (r["area"], r["municipality"]))
    by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_area[r["area"]].append(r)
    areas = []
    for area in sorted(by_area):
        latest = max((r["period"] or "" for r in by_area[area]), key=period_sort_key)
        chosen = [r for r in by_area[area] if (r["period"] or "") == latest]
        chosen.sort(
            key=lambda r: (r["placering"] is None, r["placering"] or 0, norm_municipality(r["municipality"]))
        )
        table, cats, vals = [], [], []
        for r in chosen:
            name = norm_municipality(r["municipality"])
            pct = (
                100.0 * r["forskel"] / r["forventet"] if r["forskel"] is not None and r["forventet"] else None
            )
            table.append(
                {
                    "kommune": name,
                    "placering": (
                        rank_text(r["placering"], _ties(chosen, r), short=True)
                        if r["placering"] is not None
                        else "–"
                    ),
                    "faktisk": format_value(r["faktisk"], "antal"),
                    "forventet": format_value(r["forventet"], "antal"),
                    "forskel": format_signed(
                        r["forskel"], 0 if r["forskel"] is None or float(r["forskel"]).is_integer() else 1
                    ),
                    "forskel_pct": format_signed(pct, 1, "%") if pct is not None else "–",
                    "besparelse": format_signed(r["besparelse"], 0) if r["besparelse"] is not None else "–",
                }
            )
            if pct is not None:
                cats.append(name)
                vals.append(pct)
        areas.append(
            {
                "navn": area,
                "periode": danish_period(latest) if latest else "–",
                "raekker": table,
                "figur": Chart(
                    "bar",
                    f"{area}: forskel mellem forventet og faktisk (pct.)",
                    tuple(cats),
                    (("Forskel i pct. af forventet", tuple(vals)),),
                    ylabel="Procent",
                    percent=True,
                    decimals=1,
                    highlight=(own,),
                    height_cm=6.5,
                ),
                "_own": next((r for r in chosen if norm_municipality(r["municipality"]) == own), None),
                "placering_tekst": _tie_note(chosen),
                "kilde": source_line(
                    store, "benchmarks", periods=[latest], where={"area": area, "period": latest}
                ),
                "_ties": next(
                    (_ties(chosen, r) for r in chosen if norm_municipality(r["municipality"]) == own), []
                ),
                "_rows": chosen,
            }
        )
    return areas


MAX_TABLE_ROWS = 36
"""At most this many data rows in one report table; a longer theme is split in parts."""

APPENDIX = appendix_path("rapport_drift.docx").name
"""The Excel appendix written beside rapport_drift.docx with every indicator value."""

COMPARISON_LABEL = "Sml.-kommuner i gns."
COUNT_UNITS = ("antal", "personer", "fuldtidspersoner")


def _is_count(unit: str) -> bool:
    return (unit or "").lower().strip(". ") in COUNT_UNITS


def wider_level(names: list[str]) -> str | None:
    """The wider area in the indicators to show beside the municipality: an RAR area
    ('RAR Østjylland') when there is one, else the whole country ('Hele landet')."""
    from docgen.context_screening import _not_municipality

    rar = sorted(n for n in names if n.lower().startswith("rar "))
    if rar:
        return rar[0]
    country = sorted(n for n in names if _not_municipality(n))
    return country[0] if country else None


def _themes(measures: list[str]) -> list[tuple[str, list[str]]]:
    """The configured themes (rapporter.toml [[indikator_temaer]]) with the measures the data
    has, in the configured order; measures in no theme under 'Øvrige nøgletal'."""

    by_lower = {m.lower(): m for m in measures}
    out, used = [], set()
    for theme in config().get("indikator_temaer", ()):
        found = [by_lower[m.lower()] for m in theme.get("maalinger", ()) if m.lower() in by_lower]
        found = [m for m in found if m not in used]
        used.update(found)
        if found:
            out.append((str(theme.get("navn", "Nøgletal")), found))
    rest = [m for m in measures if m not in used]
    if rest:
        out.append(("Øvrige nøgletal", rest))
    return out


MEASURE_FILL = "EEF3F8"
"""Cell colour of a measure's own row in the indicator tables (its groups follow, white)."""
ROW_FILL = "FFFFFF"


def _split(blocks: list[list[dict[str, Any]]], limit: int = MAX_TABLE_ROWS) -> list[list[dict[str, Any]]]:
    """Measure blocks (the measure's row, then its groups) in tables of at most limit rows: a
    block starts a new table when it does not fit but would fit whole; a block longer than a
    table continues under its measure's row marked '(fortsat)'."""
    parts: list[list[dict[str, str]]] = [[]]
    for block in blocks:
        head, rows = block[0], block[1:]
        if parts[-1] and len(parts[-1]) + len(block) > limit and len(block) <= limit:
            parts.append([])
        current = head
        while rows:
            room = limit - len(parts[-1]) - 1
            if room <= 0:
                parts.append([])
                continue
            parts[-1].append(current)
            parts[-1].extend(rows[:room])
            rows = rows[room:]
            if rows:
                parts.append([])
                current = {**head, "navn": f"{head['navn']} (fortsat)"}
    return [p for p in parts if p]


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _indicators(store: Store, period: str | None, own: str) -> dict[str, Any]:
    from docgen.context_screening import _not_municipality
    from docgen.sources import source_line

    comp = set(comparables())
    series: dict[tuple[str, str], dict[str, dict[str, tuple[float | None, str]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    names: set[str] = set()
    for r in statistics.indicators(store):
        if not in_period(r["period"], period):
            continue
        name = norm_municipality(r["municipality"])
        names.add(name)
        series[(r["measure"], r["group_name"] or "")][name][r["period"]] = (r["value"], r["unit"] or "")
    wide = wider_level(
        sorted(
            n
            for n in names
            if n not in comp and n != own and (n.lower().startswith("rar ") or _not_municipality(n))
        )
    )
    own_periods = sorted({p for key in series for p in series[key].get(own, {})}, key=period_sort_key)
    themes: list[dict[str, Any]] = []
    if own_periods:
        first, last = own_periods[0], own_periods[-1]
        measures = sorted({m for m, _ in series})
        for theme, chosen in _themes(measures):
            blocks = []
            for measure in chosen:
                block = [
                    {
                        "navn": measure,
                        "fill": MEASURE_FILL,
                        "overskrift": True,
                        **{k: "" for k in ("a1", "b1", "c1", "a2", "b2", "c2")},
                    }
                ]
                for key in sorted(k for k in series if k[0] == measure):
                    data = series[key]
                    if own not in data:
                        continue
                    unit = next(iter(data[own].values()))[1]
                    row: dict[str, Any] = {"navn": key[1] or "alle", "fill": ROW_FILL, "overskrift": False}
                    for suffix, p in (("1", first), ("2", last)):
                        v = data[own].get(p, (None, unit))[0]
                        if _is_count(unit):  # counts of different-sized areas: own only
                            b = c = None
                        else:
                            b = _mean([data[m].get(p, (None, ""))[0] for m in comp if m in data])
                            c = data.get(wide, {}).get(p, (None, ""))[0] if wide else None
                        row["a" + suffix] = format_value(v, unit)
                        row["b" + suffix] = "–" if b is None else format_value(round(b, 1), unit)
                        row["c" + suffix] = "–" if c is None else format_value(c, unit)
                    block.append(row)
                if len(block) > 1:
                    blocks.append(block)
            parts = _split(blocks)
            for i, rows in enumerate(parts, start=1):
                shown = sorted(
                    {r["navn"].removesuffix(" (fortsat)") for r in rows if r["fill"] == MEASURE_FILL}
                )
                label = theme if len(parts) == 1 else f"{theme} ({i} af {len(parts)})"
                themes.append(
                    {
                        "titel": f"{label}, {own}, {danish_period(first)} og {danish_period(last)}",
                        "fra": danish_period(first),
                        "til": danish_period(last),
                        "niveauer": [own, COMPARISON_LABEL, wide or "RAR/landet"],
                        "raekker": rows,
                        "kilde": source_line(
                            store, "indicators", periods=[first, last], where={"measure": shown}
                        ),
                    }
                )
    chart = Chart("line", "", (), ())
    chart_text = "Der er ingen nøgletal for kommunen i datagrundlaget."
    best_key, best_n = None, 0
    for key in sorted(series):
        n = len(series[key].get(own, {}))
        if n > best_n:
            best_key, best_n = key, n
    if best_key is not None and best_n >= 2:
        data = {m: v for m, v in series[best_key].items() if m == own or m in comp}
        all_periods = sorted({p for vals in data.values() for p in vals}, key=period_sort_key)
        munis = [own] + sorted(m for m in data if m != own)
        unit = next(iter(data[own].values()))[1]
        chart = Chart(
            "line",
            f"{best_key[0]} ({best_key[1] or 'alle'})",
            tuple(danish_period(p) for p in all_periods),
            tuple((m, tuple(data[m].get(p, (None, ""))[0] for p in all_periods)) for m in munis),
            percent=unit == "pct",
            decimals=1,
        )
        chart_text = (
            f"{best_key[0]} ({best_key[1] or 'alle'}) over tid, kommunen og de "
            "kommuner, den sammenlignes med."
        )
    n_series = sum(1 for key in series if own in series[key])
    if themes:
        note = (
            f"Tabellerne viser kommunens {n_series} nøgletal i første og seneste periode "
            f"({danish_period(own_periods[0])} og {danish_period(own_periods[-1])}), "
            f"ved siden af gennemsnittet for de kommuner, den sammenlignes med "
            f"({', '.join(sorted(comp))})" + (f", og {wide}." if wide else ".")
        )
    else:
        note = "Der er ingen nøgletal for kommunen i datagrundlaget."
    explain = (
        "Antal personer vises kun for kommunen selv, fordi kommunerne er forskellig "
        "store; andele og varigheder sammenlignes. Antal under 5 vises som »<5«."
        + (
            ""
            if wide
            else " Datagrundlaget har ingen tal for RAR-området eller hele landet, så den kolonne står tom."
        )
    )
    return {
        "indikator_temaer": themes,
        "figur_indikator": chart,
        "figur_indikator_tekst": chart_text,
        "indikator_note": note,
        "indikator_forklaring": explain if themes else "",
        "bilag_note": (
            f"Alle nøgletal for alle perioder og kommuner står i bilaget "
            f"{APPENDIX}, som ligger ved siden af rapporten."
            if series
            else ""
        ),
    }


INDICATOR_APPENDIX_COLUMNS = ["Måling", "Gruppe", "Område", "Periode", "Værdi", "Enhed", "Kilde"]


def indicator_appendix_row(r: Mapping[str, Any]) -> list[Any]:
    """One stored indicator value as an appendix row (INDICATOR_APPENDIX_COLUMNS); a count of
    people from 1 to 4 is '<5'."""
    value = r["value"]
    if value is not None and _is_count(r["unit"] or "") and 0 < value < MIN_CELL:
        value = "<5"
    return [
        r["measure"],
        r["group_name"] or "",
        norm_municipality(r["municipality"]),
        danish_period(r["period"]),
        value,
        r["unit"] or "",
        r["source"] or "",
    ]


def appendix_sheets(store: Store, period: str | None = None) -> list[dict[str, Any]]:
    """The drift report's Excel appendix: every indicator, benchmark and offer row behind the
    report's tables (aggregates only; person counts 1-4 as '<5')."""
    from docgen.sources import source_line

    def count(v: float | None) -> Any:
        if v is None:
            return None
        return "<5" if 0 < v < MIN_CELL else v

    sheets = []
    r: Mapping[str, Any]
    rows = [indicator_appendix_row(r) for r in statistics.indicators(store) if in_period(r["period"], period)]
    sheets.append(
        {
            "navn": "Nøgletal",
            "titel": "Nøgletal for alle perioder og områder",
            "kilde": source_line(store, "indicators"),
            "kolonner": INDICATOR_APPENDIX_COLUMNS,
            "raekker": rows,
        }
    )
    rows = []
    for r in sorted(
        statistics.benchmarks(store),
        key=lambda r: (r["area"], r["period"] or "", r["placering"] is not None, r["placering"] or 0),
    ):
        if in_period(r["period"], period):
            rows.append(
                [
                    r["area"],
                    norm_municipality(r["municipality"]),
                    danish_period(r["period"] or ""),
                    r["placering"],
                    r["faktisk"],
                    r["forventet"],
                    r["forskel"],
                    r["besparelse"],
                ]
            )
    sheets.append(
        {
            "navn": "Benchmark",
            "titel": "Benchmark for alle perioder",
            "kilde": source_line(store, "benchmarks"),
            "kolonner": [
                "Område",
                "Kommune",
                "Periode",
                "Placering",
                "Faktisk",
                "Forventet",
                "Forskel",
                "Besparelse (kr.)",
            ],
            "raekker": rows,
        }
    )
    rows = []
    for r in sorted(statistics.offers(store), key=lambda r: (r["name"], r["period"] or "")):
        if in_period(r["period"], period):
            status: list[Any] = [r["status_job"], r["status_uddannelse"], r["status_ydelse"]]
            if r["participants"]:  # as in the report: the total is shown, so one hidden cell
                shown = format_count_row([v or 0 for v in status])  # hides another ('..')
                status = [v if text not in ("<5", "..") else text for v, text in zip(status, shown)]
            else:
                status = [count(v) for v in status]
            rows.append(
                [
                    r["name"],
                    r["provider"] or "",
                    danish_period(r["period"] or ""),
                    r["annual_cost"],
                    r["places"],
                    count(r["participants"]),
                    r["mean_duration_weeks"],
                    *status,
                ]
            )
    sheets.append(
        {
            "navn": "Tilbud",
            "titel": "Tilbud for alle perioder",
            "kilde": source_line(store, "offers"),
            "kolonner": [
                "Tilbud",
                "Leverandør",
                "Periode",
                "Årlig udgift (kr.)",
                "Pladser",
                "Deltagere",
                "Uger",
                "I job",
                "I uddannelse",
                "Stadig på ydelse",
            ],
            "raekker": rows,
        }
    )
    return [s for s in sheets if s["raekker"]]


# --------------------------------------------------------------------------------------------


def build_context(
    store: Store,
    today: date,
    *,
    period: str | None = None,
    scenarios: ScenarioParams | str | Path | None = None,
) -> dict[str, Any]:
    """The drift report's context (pure: same store, date and assumptions → same dict)."""
    params = load_scenarios(scenarios)
    own = own_municipality(store)
    ctx: dict[str, Any] = cover(store, today, period, ("offers", "benchmarks", "indicators"))
    all_offers = offers_in(store, period)
    offers, offer_period = _offers(all_offers, period)
    ctx["tilbud_udvikling"], ctx["tilbud_udvikling_note"], before = offer_development(
        all_offers, offer_period
    )
    ctx["tilbud_periode_foer"] = danish_period(before) if before else ""
    ctx["tilbud_periode_nu"] = danish_period(offer_period) if before and offer_period else ""
    ctx["leverandoertyper"] = provider_comparison(offers)
    ctx["tilbud_periode"] = danish_period(offer_period) if offer_period else "–"
    t = _totals(offers)
    good_total = (t["status_job"] or 0) + (t["status_uddannelse"] or 0)
    mean_share = good_total / t["participants"] if t["participants"] else None
    ctx["tilbud"] = [_offer_row(r) for r in offers]
    ctx["tilbud_total"] = {
        "udgift": _kroner(t["annual_cost"]),
        "pladser": format_number(t["places"]) if t["places"] is not None else "–",
        "deltagere": format_count(t["participants"]),
        "pr_deltager": _kroner(t["annual_cost"] / t["participants"])
        if t["annual_cost"] is not None and t["participants"]
        else "–",
        "pr_plads": _kroner(t["annual_cost"] / t["places"])
        if t["annual_cost"] is not None and t["places"]
        else "–",
        "job": format_count(t["status_job"]),
        "uddannelse": format_count(t["status_uddannelse"]),
        "ydelse": format_count(t["status_ydelse"]),
        "andel_job_udd": format_share(good_total, t["participants"]),
    }
    if offers:
        ctx["tilbud_note"] = (
            f"Tabellen viser {len(offers)} tilbud i {danish_period(offer_period or '')}. "
            f"De koster i alt {format_kr(t['annual_cost'])} om året og havde "
            f"{format_count(t['participants'])} deltagere. Pris pr. deltager er den årlige "
            "udgift delt med antal deltagere; pris pr. plads er udgiften delt med pladserne."
        )
    else:
        ctx["tilbud_note"] = "Der er ingen tilbudstabel i datagrundlaget (indlæs fx tilbud.csv)."
    unit_cats = [
        (r["name"], r["annual_cost"] / r["participants"])
        for r in offers
        if r["annual_cost"] is not None and r["participants"]
    ]
    ctx["figur_enhedspris"] = bars_by_name(
        "Årlig udgift pr. deltager (kr.)", "Kr. pr. deltager", unit_cats, "Kr."
    )
    share_cats = [
        (r["name"], 100.0 * ((r["status_job"] or 0) + (r["status_uddannelse"] or 0)) / r["participants"])
        for r in offers
        if r["participants"] and r["participants"] >= 5
    ]
    ctx["figur_resultat"] = bars_by_name(
        "Andel i job eller uddannelse en måned efter (pct.)", "Andel", share_cats, "Procent", percent=True
    )

    areas = _benchmark_areas(store, period, own)
    ctx["benchmark_omraader"] = [{k: v for k, v in a.items() if not k.startswith("_")} for a in areas]
    comp = ", ".join(comparables())
    ctx["benchmark_note"] = (
        f"Benchmarket sammenligner det faktiske antal fuldtidspersoner på ydelse med det "
        f"antal, der kunne forventes ud fra kommunens rammevilkår. Forskellen er faktisk minus "
        f"forventet: et plus betyder flere på ydelse end forventet. Placering 1 er bedst. "
        f"Kommunen sammenlignes med {comp}."
        if areas
        else "Der er ingen benchmarktabel i datagrundlaget (indlæs fx benchmark.csv)."
    )
    ctx.update(_indicators(store, period, own))

    scen, extra = _scenarios(offers, params, mean_share)
    ctx["scenarier"] = [{k: v for k, v in s.items() if not k.startswith("_")} for s in scen]
    ctx["scenarie_note"] = (
        "Hvert scenarie viser, hvad det betyder for økonomi og kvalitet at bruge mere eller "
        "mindre af et tilbud. Tallene er overslag: de bygger på tilbuddets egne tal og på "
        "antagelserne bagerst i rapporten. Et plus betyder en stigning, et minus et fald."
        if scen
        else "Der er ingen tilbud at regne scenarier på."
    )
    names = {f"tilbud.{slug(r['name'])}": r["name"] for r in offers}
    names.update(
        {
            f"tilbud.{key}": ", ".join(r["name"] for r in match_offers(key, offers))
            for key in params.sections_under("tilbud")
            if match_offers(key, offers)
        }
    )
    ctx["antagelser"] = label_sections(assumption_rows(params, ("ydelser", "tilbud")) + extra, names)
    not_found = [key for key in sorted(params.sections_under("tilbud")) if not match_offers(key, offers)]
    if not_found:
        ctx["scenarie_note"] += (
            " Scenariefilen nævner tilbud, som ikke findes i tilbudstabellen, og de er ikke "
            f"regnet: {', '.join(not_found)}."
        )

    summary: list[str] = []
    if offers:
        summary.append(
            f"Kommunens {len(offers)} tilbud koster {format_kr(t['annual_cost'])} om året og "
            f"havde {format_count(t['participants'])} deltagere."
        )
        if mean_share is not None and t["participants"] and t["participants"] >= 5:
            summary.append(
                f"{format_percent(mean_share)} af deltagerne var i job eller uddannelse en "
                "måned efter forløbet."
            )
        if share_cats:
            best = max(share_cats, key=lambda nv: (nv[1], nv[0]))
            summary.append(
                f"Bedste resultat: {best[0]} med {format_number(best[1], 1)} % i job eller uddannelse."
            )
        if unit_cats:
            cheap = min(unit_cats, key=lambda nv: (nv[1], nv[0]))
            summary.append(f"Lavest pris pr. deltager: {cheap[0]} med {format_kr(cheap[1])}")
    for a in areas:
        r = a["_own"]
        if r is not None and r["placering"] is not None:
            summary.append(
                f"{a['navn']}: kommunen ligger {rank_text(r['placering'], a['_ties'])} på "
                f"benchmarkranglisten ({a['periode']})."
            )
    if not summary:
        summary.append("Datagrundlaget indeholder endnu ingen tilbud eller benchmark.")
    ctx["sammenfatning"] = summary

    ctx["anbefalinger"] = [
        recommendation(**a) for a in _recommendations(offers, t, mean_share, areas, scen, params)
    ]
    ctx["datagrundlag"] = datagrundlag(
        store,
        [
            ("offers", "Tilbud: udgifter, pladser og resultater"),
            ("benchmarks", "Benchmark (BM)"),
            ("indicators", "Nøgletal (jobindsats)"),
        ],
    ) + [
        {
            "kilde": Path(params.path).name,
            "indhold": "Antagelser til scenarier",
            "perioder": "–",
            "raekker": format_number(len(ctx["antagelser"])),
        }
    ]
    offers_source = source_line(store, "offers", periods=[offer_period] if offer_period else None)
    ctx["kilde"] = {
        "tilbud": offers_source,
        "tilbud_udvikling": source_line(store, "offers", periods=[before, offer_period])
        if before and offer_period
        else offers_source,
        "scenarier": scenario_source(offers_source, params, uses_standard(ctx["antagelser"])),
        "antagelser": assumptions_source(params, uses_standard(ctx["antagelser"])),
        "datagrundlag": datagrundlag_source(ctx["datagrundlag"]),
    }
    return ctx


def uses_standard(rows: list[dict[str, str]]) -> bool:
    """True when an assumption row comes from the standard file (not the user's own)."""
    return any(r.get("kilde") == STANDARD_SOURCE for r in rows)


def assumptions_source(params: ScenarioParams, standard_used: bool) -> str:
    """'Kilde: scenarier.toml og scenarier_standard.toml.': the files the assumptions are from."""
    files = [Path(params.path).name]
    if standard_used:
        files.append(Path(DEFAULT_SCENARIOS).name)
    return f"Kilde: {join_danish(list(dict.fromkeys(files)))}."


def scenario_source(data_source: str, params: ScenarioParams, standard_used: bool) -> str:
    """The source line under a scenario table: computed from the data and the assumptions."""
    data = data_source.removeprefix("Kilde: ").rstrip(".")
    files = assumptions_source(params, standard_used).removeprefix("Kilde: ").rstrip(".")
    return f"Kilde: beregnet ud fra {data} og antagelserne i {files}."
