"""Context for rapport_borgermoede.docx: satisfaction overall and by group, themes and
sentiment in the comments (textmining.domain.survey, with a person's codes where a comment was
re-coded: screening.survey_codes.coded_comments), how readable the jobcenter's letters are
(letter_checks, language_issues) and recommendations drawn from these findings.

Pure: reads the store; the same store and date give the same dict.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from docgen.charts import Chart, bars_by_name
from docgen.context_letters import (
    checklist_section,
    klarsprog_rows,
    letter_months,
    letter_overview,
    letters_source,
    lix_section,
)
from docgen.context_screening import DATA, cover, datagrundlag
from docgen.formatting import (
    format_count,
    format_count_row,
    format_number,
    format_percent,
    format_share,
    quote,
    recommendation,
    share_is_shown,
)
from docgen.sources import NO_DATA, datagrundlag_source, join_danish, source_line
from store import Store
from store.letters import klarsprog_issues, letter_checks
from textmining.config import bundled_toml
from textmining.domain.letters import item_name
from textmining.domain.plainlanguage import rule_name
from textmining.domain.survey import (
    QUESTION_LABELS,
    QUESTIONS,
    CommentAnalysis,
    complaint_people,
    load_complaints,
    load_themes,
    theme_counts,
)
from textmining.language.readability import TARGET_LIX
from textmining.readers.tables import SATISFACTION_SCALE

QUOTES_PER_THEME = 2


@functools.lru_cache(maxsize=1)
def recommendation_rules() -> list[dict[str, Any]]:
    """docgen/data/anbefalinger_borgermoede.toml."""
    return list(bundled_toml(DATA / "anbefalinger_borgermoede.toml").get("anbefaling", []))


_NEGATIVE = re.compile(r"utilfreds|mindre tilfreds|ikke tilfreds|misfornøyd", re.IGNORECASE)


def _satisfaction(
    responses: Sequence[Mapping[str, Any]], scale: list[str] | tuple[str, ...] = SATISFACTION_SCALE
) -> dict[str, Any]:
    """Satisfaction overall and by group on the survey's own scale (best first): the bundled
    four-level scale, or the labels of a SurveyXact survey's satisfaction question. The group
    table has four answer columns: a longer scale shows its first three labels and the rest
    together."""
    scale = list(scale)
    answered = [r for r in responses if r["satisfaction"] in scale]
    total = len(answered)
    overall = Counter(r["satisfaction"] for r in answered)
    rows = [
        {
            "niveau": level,
            "antal": format_count(overall.get(level, 0)),
            "andel": format_share(overall.get(level, 0), total),
        }
        for level in scale
    ]
    negative = [level for level in scale if _NEGATIVE.search(level)] or scale[-1:]
    columns = (scale + ["", "", "", ""])[:4] if len(scale) <= 4 else [*scale[:3], "Øvrige svar"]
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for r in answered:
        groups[r["group_name"] or "Ikke oplyst"][r["satisfaction"]] += 1
    keys = ("yderst", "meget", "tilfreds", "mindre")
    group_rows, chart_groups = [], []
    for g in sorted(groups):
        c = groups[g]
        n = sum(c.values())
        row = {
            "gruppe": g,
            "i_alt": format_count(n),
            "andel_mindre": format_share(sum(c.get(level, 0) for level in negative), n),
        }
        counts = [c.get(level, 0) for level in scale[:3]] + [sum(c.get(level, 0) for level in scale[3:])]
        cells = (
            format_count_row(counts)
            if len(scale) >= 4
            else format_count_row([c.get(level, 0) for level in scale]) + [""] * (4 - len(scale))
        )
        row.update(dict(zip(keys, cells)))
        group_rows.append(row)
        if n >= 5:
            chart_groups.append(g)
    # a level answered by 1-4 people is not plotted: its share would reveal the count
    pct = [
        100.0 * overall.get(level, 0) / total if share_is_shown(overall.get(level, 0), total) else None
        for level in scale
    ]
    top = scale[:2]
    return {
        "tilfredshed_fordeling": rows,
        "tilfredshed_i_alt": format_count(total),
        "tilfredshed_grupper": group_rows,
        "skala_kolonner": columns,
        "skala_negativ": "Andel " + " eller ".join(f"»{x.lower()}«" for x in negative[:2]),
        "figur_tilfredshed": Chart(
            "bar",
            "Samlet tilfredshed (procent af svarene)",
            tuple(scale) if total >= 5 else (),
            (("Andel", tuple(pct)),),
            percent=True,
            ylabel="Procent",
            height_cm=6.0,
        ),
        "figur_grupper": Chart(
            "stacked",
            "Tilfredshed efter gruppe (procent)",
            tuple(chart_groups),
            tuple(
                (
                    level,
                    tuple(100.0 * groups[g].get(level, 0) / sum(groups[g].values()) for g in chart_groups),
                )
                for level in scale
            ),
            percent=True,
            height_cm=max(5.0, 1.8 + 0.8 * len(chart_groups)),
        ),
        "_total": total,
        "_mindre": sum(overall.get(level, 0) for level in negative),
        "_top": sum(overall.get(level, 0) for level in top),
        "_top_labels": top,
        "_negative_labels": negative,
    }


def _comments(comments: list[dict[str, Any]], analyses: list[CommentAnalysis]) -> dict[str, Any]:
    """Themes and sentiment of every comment (store.surveys.comment_rows, analysed with a
    person's codes applied: screening.survey_codes.coded_comments): the three comment columns
    of afdaek's own layout and a SurveyXact survey's open answers alike."""
    labels = dict(QUESTION_LABELS)
    question_order = list(QUESTIONS)
    for c in comments:
        if c["question"] not in labels:
            labels[c["question"]] = c.get("label") or c["question"]
            question_order.append(c["question"])
    themes = load_themes()
    commenters = {a.respondent for a in analyses}
    n = len(commenters)
    counts = theme_counts(analyses)
    theme_scores: dict[str, list[float]] = defaultdict(list)
    candidates: dict[str, list[tuple[int, int, int, int, str]]] = defaultdict(list)
    speaks_to = {
        c.name: set(c.themes) | ({c.letter_theme} if c.letter_theme else set()) for c in load_complaints()
    }
    for order, a in enumerate(analyses):
        for s in a.sentences:
            for key in s.themes:
                theme_scores[key].append(s.score)
                if len(s.text.split()) >= 4:
                    rank = 0 if s.score < 0 else 1 if s.score > 0 else 2
                    # A sentence whose complaint is about this theme, then one about fewest
                    # themes: the quote is about the theme, not something else it mentions.
                    about = 0 if any(key in speaks_to.get(c, ()) for c in s.complaints) else 1
                    candidates[key].append((rank, about, len(s.themes), order, s.quote_text))
    rows, quotes, chart_cats, chart_vals = [], [], [], []
    for t in themes:
        people, negative = counts.get(t.key, (0, 0))
        if not people:
            continue
        scores = theme_scores[t.key]
        mean = sum(scores) / len(scores) if scores else 0.0
        mood = "overvejende positiv" if mean > 0.5 else "overvejende negativ" if mean < -0.5 else "blandet"
        rows.append(
            {
                "tema": t.name,
                "beskrivelse": t.description,
                "antal": format_count(people),
                "andel": format_share(people, n),
                "negative": format_count(negative),
                "stemning": mood,
            }
        )
        chart_cats.append(t.name)
        chart_vals.append(float(people))
        picked: list[str] = []
        seen: set[str] = set()
        ranked = sorted(candidates[t.key])
        # A theme most writers are negative about is shown by negative quotes; otherwise one
        # negative and one positive when both exist; then the next in line.
        by_rank: dict[int, list[tuple[int, int, int, int, str]]] = defaultdict(list)
        for cand in ranked:
            by_rank[cand[0]].append(cand)
        order_ = ranked if 2 * negative > people else [by_rank[r][0] for r in (0, 1) if by_rank[r]] + ranked
        for *_, text in order_:
            q = quote(text, limit=200)
            if q and q not in seen:
                seen.add(q)
                picked.append(q)
            if len(picked) >= QUOTES_PER_THEME:
                break
        if picked and people >= 5:
            quotes.append({"tema": t.name, "citater": picked})
    complaint_rows = _complaint_rows(analyses, {t.key: t.name for t in themes})
    by_question: dict[str, list[float]] = defaultdict(list)
    for a in analyses:
        by_question[a.question].append(a.score)
    mood_rows, pos, neu, neg, cats = [], [], [], [], []
    for q in question_order:
        scores = by_question.get(q, [])
        if not scores:
            continue
        p = sum(1 for s in scores if s > 0)
        m = sum(1 for s in scores if s < 0)
        z = len(scores) - p - m
        n_pos, n_neu, n_neg = format_count_row([p, z, m])
        mood_rows.append(
            {
                "spoergsmaal": labels[q],
                "i_alt": format_count(len(scores)),
                "positive": n_pos,
                "neutrale": n_neu,
                "negative": n_neg,
                "score": format_number(sum(scores) / len(scores), 1),
            }
        )
        if len(scores) >= 5:
            cats.append(labels[q])
            pos.append(100.0 * p / len(scores))
            neu.append(100.0 * z / len(scores))
            neg.append(100.0 * m / len(scores))
    return {
        "temaer": rows,
        "tema_citater": quotes,
        "klager": complaint_rows,
        "figur_temaer": bars_by_name(
            "Svar, der nævner temaet", "Svar", list(zip(chart_cats, chart_vals)), "Antal svar"
        ),
        "stemning": mood_rows,
        "figur_stemning": Chart(
            "stacked",
            "Kommentarernes stemning (procent)",
            tuple(cats),
            (("Positive", tuple(pos)), ("Neutrale", tuple(neu)), ("Negative", tuple(neg))),
            percent=True,
            height_cm=5.5,
        ),
        "_commenters": n,
        "_comments": len(analyses),
        "_theme_negative": {k: v[1] for k, v in counts.items() if v[1]},
        "_theme_people": {k: v[0] for k, v in counts.items()},
    }


def _letters(store: Store) -> dict[str, Any]:
    checks = letter_checks(store)
    out: dict[str, Any] = lix_section(r.lix for r in checks)
    stats = klarsprog_issues(store)
    out["klarsprog"] = klarsprog_rows(stats)
    cl = checklist_section((r.profile, r.checklist, r.missing) for r in checks)
    out["tjekliste"], out["tjekliste_note"] = cl["tjekliste"], cl["tjekliste_note"]
    ov = letter_overview(checks)
    mean, target, over = ov["mean_lix"], ov["target"], ov["over_target"]
    if checks:
        lix_part = (
            f"Deres gennemsnitlige LIX er {format_number(mean, 1)}, og "
            f"{format_number(over)} af de {format_number(ov['with_lix'])} breve med en LIX "
            f"ligger over målet for breve til borgere ({format_number(target)})."
            if ov["with_lix"]
            else "Ingen af dem har tekst nok til en LIX."
        )
        out["breve_note"] = (
            f"Der er tjekket {format_number(ov['letters'])} af jobcentrets breve. {lix_part} "
            f"LIX måler sætningslængde og andelen af lange ord; under {TARGET_LIX} regnes for let at læse."
        )
    else:
        out["breve_note"] = "Der er ikke tjekket nogen breve endnu (kør 'afdaek letters check')."
    out.update(
        {
            "_letters": len(checks),
            "_mean_lix": mean,
            "_summons": cl["_summons"],
            "_missing": cl["_missing"],
            "_rules": {s["rule"]: s["breve"] for s in stats},
        }
    )
    return out


def _share_met(key: str, counts: dict[str, int], whole: int, share: float) -> int:
    """How many of `whole` the count of `key` is, when it is at least the share (else 0)."""
    n = counts.get(key, 0)
    return n if whole and n and n / whole >= share else 0


def _recommendations(sat: dict[str, Any], com: dict[str, Any], let: dict[str, Any]) -> list[dict[str, str]]:
    themes = {t.key: t.name for t in load_themes()}
    target = TARGET_LIX
    out = []
    # one test a kind of rule (_share_met for the counted ones); the sentences differ, and
    # `duplicates` pairs their branches by shape only
    for rule in recommendation_rules():
        kind, share, basis = rule.get("naar"), float(rule.get("min_andel", 0)), None
        if kind == "tema":
            n = _share_met(rule.get("tema", ""), com["_theme_negative"], com["_commenters"], share)
            if n:
                basis = (
                    f"{format_count(n)} af {format_count(com['_commenters'])} borgere med "
                    f"kommentarer er negative om temaet "
                    f"»{themes.get(rule['tema'], rule['tema']).lower()}«."
                )
        elif kind == "tjekliste":
            n = _share_met(rule.get("punkt", ""), let["_missing"], let["_summons"], share)
            if n:
                basis = (
                    f"»{item_name(rule['punkt'])}« mangler i {format_number(n)} af "
                    f"{format_number(let['_summons'])} indkaldelser."
                )
        elif kind == "lix" and let["_mean_lix"] is not None and let["_mean_lix"] > target:
            basis = (
                f"Gennemsnitlig LIX er {format_number(let['_mean_lix'], 1)} mod målet "
                f"{format_number(target)}."
            )
        elif kind == "klarsprog":
            n = _share_met(rule.get("regel", ""), let["_rules"], let["_letters"], share)
            if n:
                basis = (
                    f"{rule_name(rule['regel'])} findes i {format_number(n)} af "
                    f"{format_number(let['_letters'])} breve."
                )
        elif kind == "utilfredse" and sat["_total"] >= 5 and sat["_mindre"] / sat["_total"] >= share:
            basis = f"{format_share(sat['_mindre'], sat['_total'])} af svarene er »Mindre tilfreds«."
        if basis:
            out.append({"titel": rule["titel"], "tekst": rule["tekst"], "grundlag": basis})
    if not out:
        out.append(
            {
                "titel": "Fortsæt de gode takter, og mål igen",
                "tekst": "Resultaterne giver ikke anledning til særlige indsatser. Gentag "
                "undersøgelsen og brevtjekket om et år for at følge udviklingen.",
                "grundlag": "Ingen af kriterierne for en anbefaling er opfyldt.",
            }
        )
    return out


def _complaint_rows(analyses: list[Any], theme_names: dict[str, str]) -> list[dict[str, str]]:
    """Complaints by family (survey_complaints.toml): the respondents who wrote one, the theme
    and an anonymised example, most frequent first; families with under 5 respondents show
    '<5' and no example (the quote could point at a person)."""
    people = complaint_people(analyses)
    examples: dict[str, list[str]] = defaultdict(list)
    themes_of: dict[str, list[str]] = {}
    for a in analyses:
        for sent in a.sentences:
            for name in sent.complaints:
                examples[name].append(sent.quote_text)
    families = {c.name: c for c in load_complaints()}
    rows = []
    for name, who in sorted(people.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        c = families.get(name)
        themes_of[name] = [theme_names.get(t, t) for t in (c.themes if c else ())]
        if c and c.letter_theme:
            themes_of[name].append(theme_names.get(c.letter_theme, c.letter_theme))
        common = Counter(examples[name]).most_common(1)[0][0] if examples[name] else ""
        rows.append(
            {
                "klage": c.text if c else name,
                # a family without themes (a "hvorfor …?" question) is about the sentence's own
                "temaer": ", ".join(themes_of[name]) or "Kommentarens eget tema",
                "antal": format_count(len(who)),
                "eksempel": quote(common, limit=160) if len(who) >= 5 else "–",
            }
        )
    return rows


def recoded_note(coded: int, changed: int) -> str:
    """The sentence saying how many comments a person has re-coded (afdaek survey recode)."""
    if not coded:
        return "Alle kommentarer er kodet automatisk; ingen er kodet om af en medarbejder."
    return (
        f"{format_number(coded)} {'kommentar' if coded == 1 else 'kommentarer'} er "
        f"gennemgået af en medarbejder, og heraf er {format_number(changed)} kodet om; "
        "for dem bruges medarbejderens tema, stemning og klage, for resten den "
        "automatiske."
    )


def build_context(
    store: Store, today: date, *, period: str | None = None, scenarios: Any = None
) -> dict[str, Any]:
    """The borgermøde report's context (pure: same store and date give the same dict)."""
    ctx: dict[str, Any] = cover(store, today, period, (), labels=letter_months(store))
    from screening.survey_codes import coded_comments
    from store.surveys import satisfaction_scale, survey_responses

    sat = _satisfaction(survey_responses(store), satisfaction_scale(store))
    coded = coded_comments(store)
    com = _comments(coded.rows, coded.analyses)
    let = _letters(store)
    for part in (sat, com, let):
        ctx.update({k: v for k, v in part.items() if not k.startswith("_")})
    total = sat["_total"]
    ctx["tilfredshed_note"] = (
        f"{format_count(total)} borgere har svaret på, hvor tilfredse de samlet set er med "
        f"mødet. {format_share(sat['_top'], total)} svarer "
        f"{' eller '.join(f'»{x.lower()}«' for x in sat['_top_labels'])}, og "
        f"{format_share(sat['_mindre'], total)} svarer "
        f"{' eller '.join(f'»{x.lower()}«' for x in sat['_negative_labels'])}."
        if total
        else "Der er ingen svar fra spørgeskemaet i datagrundlaget (indlæs survey.csv)."
    )
    ctx["klager_note"] = (
        "Klager findes som formuleringer, ikke som enkeltord (fx at brevet lød som en trussel, "
        "at man ikke blev hørt, eller at der ikke blev aftalt noget), så de tælles, selvom "
        "kommentaren ikke indeholder et negativt ord. Efter »men« tæller sætningens sidste del "
        "for sig (»hun var sød, men jeg ved ikke, hvad der nu skal ske«). Tallet er antal svar "
        "med mindst én sådan formulering; eksemplet er den "
        "hyppigste, med navne og numre fjernet."
    )
    ctx["temaer_note"] = (
        f"{format_count(com['_commenters'])} borgere har skrevet i alt "
        f"{format_count(com['_comments'])} kommentarer. Temaerne findes ud af ordenes "
        "grundform (lemma), så »indkaldelsen«, »indkaldt« og »indkaldelsesbrevet« tæller med "
        "under samme tema. En kommentar kan have flere temaer. Eksempler vises kun for temaer, "
        "som mindst 5 borgere nævner. " + recoded_note(coded.coded, coded.changed)
        if com["_comments"]
        else "Der er ingen kommentarer i besvarelserne."
    )
    ctx["stemning_note"] = (
        "Stemningen er målt med en dansk ordliste, hvor hvert ord har en værdi fra -5 (meget "
        "negativt) til +5 (meget positivt). Et nægtende ord lige før (fx »ikke god«) vender "
        "ordets værdi. Eksemplerne på et tema er den del af sætningen, der handler om temaet; "
        "er de fleste negative om temaet, er eksemplerne negative. Metoden er grov og skal "
        "læses sammen med citaterne."
    )
    ctx["anbefalinger"] = [recommendation(**a) for a in _recommendations(sat, com, let)]
    ctx["metode_note"] = (
        "Stemningsordlisten er skrevet til analysen efter samme metode som AFINN (Finn Årup "
        "Nielsen, DTU) og udgives under projektets licens (MPL-2.0). AFINNs egen danske "
        "ordliste følger ikke med, fordi dens licens (ODbL) kræver, at en ændret udgave "
        "deles under samme licens."
    )
    summary = [ctx["tilfredshed_note"]] if total else []
    top = sorted(com["_theme_people"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    names = {t.key: t.name for t in load_themes()}
    if top:
        summary.append(
            "De hyppigste temaer i kommentarerne er "
            + ", ".join(f"{names[k].lower()} ({format_count(v)})" for k, v in top)
            + "."
        )
    if let["_letters"]:
        summary.append(let["breve_note"].split(". LIX")[0] + ".")
    summary.append(f"Rapporten giver {len(ctx['anbefalinger'])} anbefalinger.")
    ctx["sammenfatning"] = summary
    letters_doc = let["_letters"]
    ctx["datagrundlag"] = datagrundlag(store, [("survey_responses", "Spørgeskema")]) + (
        [
            {
                "kilde": "Brevtjek (LIX og klarsprog)",
                "indhold": "Jobcentrets breve",
                "perioder": "–",
                "raekker": format_number(letters_doc),
            }
        ]
        if letters_doc
        else []
    )
    ctx["andel_mindre_tilfredse"] = format_percent(sat["_mindre"] / total) if total >= 5 else "–"
    survey = source_line(
        store, "survey_responses", what=f"{format_count(total)} besvarelser" if total else ""
    )
    comments = [source_line(store, t) for t in ("survey_comments", "survey_responses")]
    ctx["kilde"] = {
        "spoergeskema": survey,
        "kommentarer": (
            f"Kilde: {format_count(com['_comments'])} kommentarer fra "
            + join_danish(
                list(dict.fromkeys(c.removeprefix("Kilde: ").rstrip(".") for c in comments if c != NO_DATA))
            )
            + "."
        )
        if com["_comments"]
        else NO_DATA,
        "breve": letters_source(store),
        "datagrundlag": datagrundlag_source(ctx["datagrundlag"]),
    }
    return ctx
