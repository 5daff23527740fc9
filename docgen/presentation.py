"""The presentation for the meeting where the results are presented (python-pptx).

A title slide, one slide per report (drift, sanktioner, borgermøde) with 3-5 findings read
straight from the store with small queries of its own, and a slide with the recommendations'
status. Numbers are in Danish formats; counts of people under 5 are shown as "<5". Charts are
matplotlib PNGs (docgen.charts). `slide_findings` is pure and gives the text of every slide.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docgen.charts import Chart, render_png
from docgen.formatting import (
    format_count,
    format_date,
    format_kr,
    format_number,
    format_share,
    share_phrase,
)
from store import recommendations as recstore

GOOD_SATISFACTION = ("Yderst tilfreds", "Meget tilfreds")


@dataclass(frozen=True)
class Slide:
    """One content slide: title, findings (3-5 bullets, or a note when data are missing),
    an optional chart and optional table rows (header first)."""

    title: str
    findings: tuple[str, ...]
    chart: Chart | None = None
    table: tuple[tuple[str, ...], ...] = ()
    colours: tuple[str, ...] = ()


def _one(store: Any, sql: str, params: list[Any] | None = None) -> dict[str, Any]:
    return dict(next(iter(store.db.query(sql, params or [])), {}) or {})


def _own(store: Any) -> str:
    from docgen.context_screening import own_municipality

    return own_municipality(store)


def drift_slide(store: Any) -> Slide:
    """Offers: cost, participants, unit cost, job status one month after."""
    latest = _one(store, "SELECT MAX(period) AS p FROM offers").get("p")
    rows = list(store.db.query(
        "SELECT name, annual_cost, participants, status_job, status_uddannelse, period "
        "FROM offers WHERE period IS ? OR ? IS NULL ORDER BY annual_cost DESC",
        [latest, latest]))
    if not rows:
        return Slide("Drift af beskæftigelsestilbud",
                     ("Der er ingen tilbudstabel i databasen endnu.",))
    cost = sum(r["annual_cost"] or 0 for r in rows)
    people = sum(r["participants"] or 0 for r in rows)
    job = sum(r["status_job"] or 0 for r in rows if r["participants"])
    findings = [
        f"{format_number(len(rows))} tilbud koster i alt {format_kr(cost)} om året"
        + (f" ({latest})." if latest else "."),
        (f"{format_count(people)} deltagere; det giver "
         f"{format_kr(cost / people if people else None)} pr. deltager i gennemsnit."),
        f"{format_share(job, people)} af deltagerne var i job en måned efter forløbet.",
    ]
    rated = [r for r in rows if (r["participants"] or 0) >= 5 and r["status_job"] is not None]
    if rated:
        best = max(rated, key=lambda r: r["status_job"] / r["participants"])
        worst = min(rated, key=lambda r: r["status_job"] / r["participants"])
        findings.append(f"Bedst i job: {best['name']} "
                        f"({format_share(best['status_job'], best['participants'])}).")
        if worst["name"] != best["name"]:
            findings.append(f"Lavest: {worst['name']} "
                            f"({format_share(worst['status_job'], worst['participants'])}).")
    top = rated[:6]
    chart = Chart("barh", "Andel i job en måned efter, pct.", tuple(r["name"] for r in top),
                  (("I job", tuple(100.0 * r["status_job"] / r["participants"] for r in top)),),
                  percent=True, width_cm=14, height_cm=9) if top else None
    return Slide("Drift af beskæftigelsestilbud", tuple(findings[:5]), chart)


def sanktioner_slide(store: Any) -> Slide:
    """Sanctions in the latest period, appeals' omgørelsesprocent and screening P1/V1."""
    own = _own(store)
    findings = []
    latest = _one(store, "SELECT MAX(period) AS p FROM sanction_stats WHERE municipality = ?",
                  [own]).get("p")
    chart = None
    if latest:
        year = latest[:4]
        n = _one(store, "SELECT SUM(count) AS n FROM sanction_stats WHERE municipality = ? AND "
                 "substr(period, 1, 4) = ?", [own, year]).get("n")
        findings.append(f"{own} gav {format_count(n)} sanktioner i {year}.")
        by_year = list(store.db.query(
            "SELECT substr(period, 1, 4) AS y, SUM(count) AS n FROM sanction_stats "
            "WHERE municipality = ? GROUP BY y ORDER BY y", [own]))
        if len(by_year) >= 2:
            chart = Chart("bar", "Sanktioner pr. år", tuple(r["y"] for r in by_year),
                          (("Sanktioner", tuple(float(r["n"] or 0) for r in by_year)),),
                          width_cm=14, height_cm=8)
    appeals = _one(store, "SELECT SUM(appeals) AS a, SUM(changed) AS c, SUM(sent_back) AS s "
                   "FROM appeal_stats WHERE municipality = ?", [own])
    if appeals.get("a"):
        changed = (appeals.get("c") or 0) + (appeals.get("s") or 0)
        findings.append(f"Ankestyrelsen ændrede eller hjemviste {format_share(changed, appeals['a'])}"
                        f" af {format_count(appeals['a'])} ankesager (omgørelsesprocent).")
    for rule, text in (("P1", "partshøring før afgørelsen"),
                       ("V1", "skriftlig vejledning før udeblivelsen")):
        c = _one(store, "SELECT SUM(verdict = 'mangel') AS m, SUM(verdict IN ('ok', 'mangel', "
                 "'kan ikke vurderes', 'kan_ikke_vurderes')) AS n FROM findings f "
                 "WHERE f.current = 1 AND rule = ?", [rule])
        if c.get("n"):
            findings.append(f"Screening, {rule} ({text}): mangel i {share_phrase(c['m'], c['n'])} "
                            f"af {format_count(c['n'])} vurderede sager.")
    if not findings:
        findings.append("Der er ingen sanktionstal eller screeninger i databasen endnu.")
    return Slide("Sanktioner", tuple(findings[:5]), chart)


def borgermoede_slide(store: Any) -> Slide:
    """Survey satisfaction and the letters' readability and checklist."""
    findings = []
    chart = None
    rows = list(store.db.query(
        "SELECT satisfaction AS s, COUNT(*) AS n FROM survey_responses "
        "WHERE satisfaction IS NOT NULL AND satisfaction != '' GROUP BY satisfaction"))
    total = sum(r["n"] for r in rows)
    if total:
        from textmining.tables import SATISFACTION_SCALE

        good = sum(r["n"] for r in rows if r["s"] in GOOD_SATISFACTION)
        findings.append(f"{format_count(total)} borgere svarede på tilfredshedsmålingen; "
                        f"{format_share(good, total)} var meget eller yderst tilfredse.")
        counts = {r["s"]: r["n"] for r in rows}
        scale = [s for s in SATISFACTION_SCALE if s in counts]
        if total >= 5:
            chart = Chart("bar", "Samlet tilfredshed, antal svar", tuple(scale),
                          (("Svar", tuple(float(counts[s]) if counts[s] >= 5 else 0.0
                                          for s in scale)),), width_cm=14, height_cm=8)
    letters = _one(store, "SELECT COUNT(*) AS n, AVG(lix) AS lix, SUM(lix > 35) AS hard, "
                   "SUM(missing = '[]') AS ok FROM letter_checks")
    if letters.get("n"):
        n = letters["n"]
        findings.append(f"{format_count(n)} breve er tjekket; gennemsnitlig LIX er "
                        f"{format_number(letters['lix'], 0)} (let at læse: under 35).")
        findings.append(f"{format_share(letters['hard'] or 0, n, people=False)} af brevene har "
                        "LIX over 35.")
        findings.append(f"{format_share(letters['ok'] or 0, n, people=False)} af brevene opfylder hele "
                        "tjeklisten (formål, tid, sted, afbud, kontakt, medbring, konsekvens).")
    if not findings:
        findings.append("Der er ingen spørgeskemasvar eller brevtjek i databasen endnu.")
    return Slide("Borgernes møde med jobcentret", tuple(findings[:5]), chart)


def recommendations_slide(store: Any, today: date) -> Slide | None:
    """The recommendations' status on today as a table with status colours."""
    from docgen.context_anbefalinger import STATUS_COLOURS

    statuses = recstore.list_status(store, today=today) if recstore.resolve_set(store) else []
    if not statuses:
        return None
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.status] = counts.get(s.status, 0) + 1
    summary = ", ".join(f"{n} {st}" for st, n in
                        sorted(counts.items(), key=lambda kv: recstore.STATUSES.index(kv[0])))
    table = [("Nr.", "Anbefaling", "Status", "Seneste status")]
    table += [(s.number, s.title, s.status,
               format_date(s.status_date) if s.status_date else "–") for s in statuses]
    return Slide(f"Status på anbefalingerne pr. {format_date(today)}", (summary,),
                 table=tuple(table), colours=tuple(STATUS_COLOURS[s.status] for s in statuses))


def slide_findings(store: Any, today: date) -> list[Slide]:
    """Every content slide, in order (pure: the same store and date give the same slides)."""
    slides = [drift_slide(store), sanktioner_slide(store), borgermoede_slide(store)]
    rec = recommendations_slide(store, today)
    if rec is not None:
        slides.append(rec)
    return slides


# --------------------------------------------------------------------------------------------
# Writing the .pptx


def write_presentation(store: Any, out_path: str | Path, *, today: date) -> Path:
    """Write the presentation (16:9) to out_path and return the path."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Cm, Pt

    from docgen.context_screening import cover

    info = cover(store, today, None)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Cm(33.867), Cm(19.05)
    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    title_slide.shapes.title.text = "Analyse af beskæftigelsesindsatsen"
    title_slide.placeholders[1].text = f"{info['kommune']} · {info['dato']}"

    for spec in slide_findings(store, today):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
        slide.shapes.title.text = spec.title
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
        text_width = Cm(15.5) if spec.chart is not None and not spec.chart.empty else Cm(30)
        top = Cm(4.2)
        box_height = Cm(13.5) if not spec.table else Cm(2.0)
        box = slide.shapes.add_textbox(Cm(1.5), top, text_width, box_height)
        tf = box.text_frame
        tf.word_wrap = True
        for i, finding in enumerate(spec.findings):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            para.text = ("• " if not spec.table else "") + finding
            para.font.size = Pt(18)
            para.space_after = Pt(10)
        if spec.chart is not None and not spec.chart.empty:
            png = render_png(spec.chart)
            slide.shapes.add_picture(io.BytesIO(png), Cm(17.5), top, width=Cm(15))
        if spec.table:
            rows, cols = len(spec.table), len(spec.table[0])
            shape = slide.shapes.add_table(rows, cols, Cm(1.5), Cm(6.3), Cm(30.8),
                                           Cm(0.9) * rows)
            table = shape.table
            for c, w in enumerate((2.0, 17.8, 5.0, 6.0)[:cols]):
                table.columns[c].width = Cm(w)
            for r, row in enumerate(spec.table):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = str(value)
                    cell.text_frame.paragraphs[0].font.size = Pt(13)
                    if r > 0 and c == 2 and spec.colours:
                        cell.fill.solid()
                        cell.fill.fore_color.rgb = RGBColor.from_string(spec.colours[r - 1])
                        cell.text_frame.paragraphs[0].font.color.rgb = RGBColor(0, 0, 0)
    from docgen.formatting import stamp_core_properties
    from store.outputs import write_output

    stamp_core_properties(prs.core_properties,
                          title=f"Analyse af beskæftigelsesindsatsen – {info['kommune']}")

    # A 0600 file renamed into place, never over the store or a file afdaek did not write.
    return write_output(out_path, lambda tmp: prs.save(str(tmp)), suffixes=(".pptx",))
