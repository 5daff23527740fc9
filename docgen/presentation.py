"""The presentation for the meeting where the results are presented (python-pptx).

A title slide, then the dialogue meeting's storyline (`storyline`): an agenda, the results of
each report (drift, sanktioner, borgermøde), benchmark, scenarios and their levers,
recommendations, the recommendations' status and questions for the dialogue. Every number is
taken from the report contexts, never computed here, so the slides and the reports agree.
Charts are matplotlib PNGs (docgen.charts).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docgen.charts import Chart, render_png
from docgen.formatting import (
    format_date,
)
from store import Store
from store import recommendations as recstore
from textmining.language.readability import TARGET_LIX


@dataclass(frozen=True)
class Slide:
    """The recommendations' status slide: title, a summary line, an optional chart and the
    table rows (header first) with a status colour per row."""

    title: str
    findings: tuple[str, ...]
    chart: Chart | None = None
    table: tuple[tuple[str, ...], ...] = ()
    colours: tuple[str, ...] = ()


def recommendations_slide(store: Store, today: date) -> Slide | None:
    """The recommendations' status on today as a table with status colours."""
    from docgen.context_anbefalinger import STATUS_COLOURS

    statuses = recstore.list_status(store, today=today) if recstore.resolve_set(store) else []
    if not statuses:
        return None
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.status] = counts.get(s.status, 0) + 1
    summary = ", ".join(
        f"{n} {st}" for st, n in sorted(counts.items(), key=lambda kv: recstore.STATUSES.index(kv[0]))
    )
    table = [("Nr.", "Anbefaling", "Status", "Seneste status")]
    table += [
        (s.number, s.title, s.status, format_date(s.status_date) if s.status_date else "–") for s in statuses
    ]
    return Slide(
        f"Status på anbefalingerne pr. {format_date(today)}",
        (summary,),
        table=tuple(table),
        colours=tuple(STATUS_COLOURS[s.status] for s in statuses),
    )


# --------------------------------------------------------------------------------------------
# Writing the .pptx


@dataclass(frozen=True)
class StorySlide:
    """A slide of the dialogue meeting's storyline: title, bullets, speaker notes and an
    optional chart (taken from the report contexts, never recomputed here)."""

    title: str
    bullets: tuple[str, ...]
    notes: str
    chart: Chart | None = None
    table: tuple[tuple[str, ...], ...] = ()
    colours: tuple[str, ...] = ()


MAX_BULLETS = 5
MAX_BULLET_CHARS = 150
"""A bullet longer than this is cut at a sentence or word (the full text is in the notes)."""


def _short(text: str, limit: int = MAX_BULLET_CHARS) -> str:
    text = " ".join(str(text).split())
    text = re.sub(r"\bafdaek har\b", "Vi har", text)  # slides never name the tool
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = cut.rfind(". ")
    if stop > limit // 2:
        return cut[: stop + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …"


def _bullets(items: Any, prefix: tuple[str, ...] = ()) -> tuple[str, ...]:
    out = [_short(x) for x in prefix]
    for item in items or []:
        text = item.get("titel") if isinstance(item, dict) else item
        if text:
            out.append(_short(text))
    return tuple(out[:MAX_BULLETS])


def _chart(value: Any) -> Chart | None:
    return value if isinstance(value, Chart) and not value.empty else None


def _lever(scenario: dict[str, Any]) -> str | None:
    """'Hvis I vil …, koster det …' from a scenario's computed rows."""
    rows = {r.get("tekst", ""): r for r in scenario.get("raekker", [])}
    title = scenario.get("titel", "")
    if "mere" in next(iter(rows.values()), {}):  # drift: more or fewer places
        cost = next((r for t, r in rows.items() if t.startswith("Ændring i årlig udgift")), None)
        jobs = next((r for t, r in rows.items() if t.startswith("Flere (+)")), None)
        places = next((r for t, r in rows.items() if t.startswith("Ændring i antal pladser")), None)
        if not cost or not places:
            return None
        name = title.replace("Mere eller mindre af ", "")
        text = (
            f"Hvis I vil have {places['mere'].lstrip('+')} pladser mere i {name}, koster det "
            f"{cost['mere'].lstrip('+')} om året"
        )
        if jobs:
            text += f" og giver {jobs['mere']} flere i job eller uddannelse"
        return text + "."
    net = next((r for t, r in rows.items() if t.startswith("Nettovirkning")), None)
    if net is None:
        return None
    return f"Hvis I vil have {title.lower()}, er nettovirkningen {net['vaerdi']} om året."


def storyline(
    store: Store,
    today: date,
    *,
    period: str | None = None,
    scenarios_path: str | Path | None = None,
    contexts: dict[str, dict[str, Any]] | None = None,
) -> list[StorySlide]:
    """The 10-15 content slides after the title: agenda, results per report, benchmark,
    scenarios and their levers, recommendations, status and questions for the dialogue.
    Every number comes from the same context builders as the reports, with the same period
    and scenario file (contexts: those already built for the reports, by report name)."""
    from docgen.reports import build_report_context
    from screening.rulebook import load_rulebook

    built = contexts if contexts is not None else {}
    for name in ("drift", "sanktioner", "borgermoede"):
        if name not in built:
            built[name] = build_report_context(
                store, name, today=today, period=period, scenarios_path=scenarios_path
            )
    drift, sank, borger = built["drift"], built["sanktioner"], built["borgermoede"]
    ds = list(drift.get("sammenfatning") or [])
    bench = [x for x in ds if "benchmark" in x.lower()]
    offers = [x for x in ds if x not in bench]
    ss = list(sank.get("sammenfatning") or [])
    screening = [
        x
        for x in ss
        if x.split(" ", 1)[0].rstrip(":").rstrip(")").isalnum()
        and any(x.startswith(r) for r in (*load_rulebook().ids, "Screening"))
    ]
    sanctions = [x for x in ss if x not in screening]
    bs_all = [x for x in borger.get("sammenfatning") or [] if "anbefaling" not in x.lower()]
    letters = [x for x in bs_all if "breve" in x.lower() or "lix" in x.lower()]
    bs = [x for x in bs_all if x not in letters]
    levers = [t for t in (_lever(sc) for sc in drift.get("scenarier") or []) if t]
    sank_levers = [t for t in (_lever(sc) for sc in sank.get("scenarier") or []) if t]
    recs = (
        _bullets(drift.get("anbefalinger"))[:2]
        + _bullets(sank.get("anbefalinger"))[:2]
        + _bullets(borger.get("anbefalinger"))[:1]
    )
    # The slides are declarations (title, bullets, notes, chart): `duplicates` pairs them by shape only.
    slides = [
        StorySlide(
            "Dagsorden",
            (
                "Drift af beskæftigelsestilbud: økonomi og resultater",
                "Sammenligning med andre kommuner",
                "Sanktioner og screening af sagerne",
                "Borgernes møde med jobcentret og brevene",
                "Scenarier, anbefalinger og spørgsmål til dialogen",
            ),
            "Mødet præsenterer resultaterne af analysen og lægger op til en dialog om, hvad "
            "udvalget vil prioritere. Rapporterne ligger som bilag; tallene her er de samme.",
        ),
        StorySlide(
            "Tilbuddene: økonomi og resultater",
            _bullets(offers) or ("Der er ingen tilbudstabel i datagrundlaget.",),
            "Tallene står i rapporten om drift af beskæftigelsestilbud, afsnittene om "
            "tilbuddenes økonomi og resultater. " + " ".join(offers),
            _chart(drift.get("figur_resultat")),
        ),
        StorySlide(
            "Sammenligning med andre kommuner",
            _bullets(bench) or ("Der er ingen benchmarktal i datagrundlaget.",),
            "Placering 1 er bedst: færre på ydelse end forventet ud fra kommunens "
            "rammevilkår. " + _short(drift.get("benchmark_note") or "", 600),
        ),
        StorySlide(
            "Sanktioner og omgørelser",
            _bullets(sanctions) or ("Der er ingen sanktionstal i datagrundlaget.",),
            "Fra rapporten om sanktioner. " + " ".join(sanctions),
            _chart(sank.get("figur_sanktioner_tid")),
        ),
        StorySlide(
            "Bliver reglerne fulgt? Screening af sagerne",
            _bullets(screening) or ("Der er ikke screenet nogen sager endnu.",),
            "Screeningen peger på sager, som en sagsbehandler bør se på; den er ikke en "
            "afgørelse. " + _short(sank.get("screening_note") or "", 600),
            _chart(sank.get("figur_screening")),
        ),
        StorySlide(
            "Borgernes møde med jobcentret",
            _bullets(bs[:3]) or ("Der er ingen spørgeskemasvar i datagrundlaget.",),
            "Fra rapporten om borgernes møde. " + _short(" ".join(bs), 900),
            _chart(borger.get("figur_tilfredshed")),
        ),
        StorySlide(
            "Brevene til borgerne",
            _bullets(letters) or ("Der er ikke tjekket nogen breve endnu.",),
            f"LIX under {TARGET_LIX} er let at læse. " + _short(borger.get("tjekliste_note") or "", 600),
            _chart(borger.get("figur_lix")),
        ),
        StorySlide(
            "Håndtag: mere eller mindre af et tilbud",
            _bullets(levers) or ("Der er ingen beregnede scenarier.",),
            "Scenarierne regner med antagelserne bagerst i driftsrapporten; ret dem i "
            "scenariefilen, hvis kommunen har bedre tal. " + " ".join(levers),
        ),
        StorySlide(
            "Håndtag: strammere eller mildere sanktionspraksis",
            _bullets(sank_levers) or ("Der er ingen beregnede scenarier.",),
            "Et positivt tal er en lavere nettoudgift for kommunen. Kvaliteten (klager, "
            "omgørelser, borgernes oplevelse) står i sanktionsrapporten. " + " ".join(sank_levers),
        ),
        StorySlide(
            "Anbefalinger",
            recs or ("Der er ingen anbefalinger endnu.",),
            "Anbefalingerne står med begrundelse i hver rapport; de er et oplæg til "
            "dialogen, ikke en beslutning.",
        ),
    ]
    rec = recommendations_slide(store, today)
    if rec is not None:
        slides.append(
            StorySlide(
                rec.title,
                rec.findings,
                "Status på de anbefalinger, udvalget tidligere har vedtaget, efter seneste opfølgning.",
                table=rec.table,
                colours=rec.colours,
            )
        )
    slides.append(
        StorySlide(
            "Spørgsmål til dialogen",
            (
                "Hvilke resultater overrasker jer, og hvilke genkender I?",
                "Hvilke tilbud skal have flere eller færre pladser?",
                "Hvilken sanktionspraksis ønsker udvalget, og hvordan følger vi op?",
                "Hvad skal brevene og møderne gøre bedre for borgerne?",
                "Hvilke anbefalinger skal administrationen arbejde videre med?",
            ),
            "Brug spørgsmålene til at samle udvalgets prioriteringer; administrationen vender "
            "tilbage med en plan for de anbefalinger, der vælges.",
        )
    )
    return slides


SLIDE_W_CM, SLIDE_H_CM = 33.867, 19.05


def text_fits(lines: Sequence[str], width_cm: float, height_cm: float, pt: float) -> bool:
    """Whether bullets at pt points fit in a box (average character 0.5 em, line 1.5 em
    including paragraph spacing)."""
    em_cm = pt / 72 * 2.54
    per_line = max(int((width_cm - 1.0) / (0.5 * em_cm)), 1)
    rows = sum(max(1, -(-len(line) // per_line)) for line in lines)
    return rows * 1.5 * em_cm <= height_cm


def font_size(lines: Sequence[str], width_cm: float, height_cm: float) -> int:
    """The largest of 24-14 pt at which the bullets fit."""
    for pt in (24, 22, 20, 18, 16, 14):
        if text_fits(lines, width_cm, height_cm, pt):
            return pt
    return 14


CONTENT_FRAME_CM = (1.5, 4.0, SLIDE_W_CM - 3.0, 13.8)
"""Left, top, width and height of the text on a content slide without a house style."""


def _frame_cm(shape: Any) -> tuple[float, float, float, float]:
    """A shape's left, top, width and height in cm (a placeholder's come from its layout)."""
    return tuple(float(v or 0) / 360000 for v in (shape.left, shape.top, shape.width, shape.height))  # type: ignore[return-value]


def write_presentation(
    store: Store,
    out_path: str | Path,
    *,
    today: date,
    style: Any = None,
    period: str | None = None,
    scenarios_path: str | Path | None = None,
    contexts: dict[str, dict[str, Any]] | None = None,
) -> Path:
    """Write the presentation (title, storyline, questions) to out_path; every slide has
    speaker notes. Without a house style it is 16:9 on python-pptx's plain layouts; with one
    (a docgen.house_style.HouseStyle holding a PowerPoint template) the slides use the
    template's master and layouts, picked by name or by their placeholders, and its size."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Cm, Pt

    from docgen.charts import alt_text
    from docgen.context_screening import cover
    from docgen.house_style import body_placeholder, pick_layout, presentation_base

    info = cover(store, today, None)
    prs = presentation_base(style)
    templated = style is not None and style.slides_pptx is not None
    if not templated:
        prs.slide_width, prs.slide_height = Cm(SLIDE_W_CM), Cm(SLIDE_H_CM)
    title_layout, content_layout = pick_layout(prs, "title"), pick_layout(prs, "content")
    margin = 1.5
    full = SLIDE_W_CM - 2 * margin

    def place_title(slide: Any, text: str, top: float, height: float, pt: int) -> None:
        title = slide.shapes.title
        if title is None:  # a layout without a title: a text box where the title would be
            title = slide.shapes.add_textbox(Cm(margin), Cm(top), Cm(full), Cm(height))
        title.text = text
        if templated:
            return  # the template's master decides the title's place, font and size
        title.left, title.top, title.width, title.height = (Cm(margin), Cm(top), Cm(full), Cm(height))
        para = title.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.CENTER
        para.font.size = Pt(pt)
        para.font.bold = True

    title_slide = prs.slides.add_slide(title_layout)
    place_title(title_slide, "Analyse af beskæftigelsesindsatsen", 5.5, 3.5, 40)
    sub = body_placeholder(title_slide)
    if sub is None:
        sub = title_slide.shapes.add_textbox(Cm(margin), Cm(9.5), Cm(full), Cm(3.5))
    sub.text = f"{info['kommune']} · {info['dato']}\nResultater og anbefalinger til dialogmødet"
    if not templated:
        sub.left, sub.top, sub.width, sub.height = Cm(margin), Cm(9.5), Cm(full), Cm(3.5)
        for para in sub.text_frame.paragraphs:
            para.alignment = PP_ALIGN.CENTER
    title_slide.notes_slide.notes_text_frame.text = (
        "Velkomst. Præsentationen samler hovedresultaterne fra rapporterne om drift af "
        "tilbud, sanktioner og borgernes møde med jobcentret og slutter med spørgsmål til "
        "dialogen."
    )

    for spec in storyline(store, today, period=period, scenarios_path=scenarios_path, contexts=contexts):
        slide = prs.slides.add_slide(content_layout)  # title and content: real bullets
        place_title(slide, spec.title, 0.8, 2.6, 32)
        body = body_placeholder(slide)
        if templated and body is not None:
            left, top, frame_w, frame_h = _frame_cm(body)
        else:
            left, top, frame_w, frame_h = CONTENT_FRAME_CM
        if body is None:
            body = slide.shapes.add_textbox(Cm(left), Cm(top), Cm(frame_w), Cm(frame_h))
        chart = spec.chart
        if style is not None and chart is not None:
            from docgen.house_style import recolour_charts

            chart = recolour_charts(chart, style.chart_colour)
        # the chart takes the right half, a table the lower three quarters of the text frame
        width = frame_w * 0.518 if chart is not None else frame_w
        height = frame_h * 0.217 if spec.table else frame_h
        body.left, body.top, body.width, body.height = (Cm(left), Cm(top), Cm(width), Cm(height))
        pt = font_size(spec.bullets, width, height)
        tf = body.text_frame
        tf.word_wrap = True
        for i, bullet in enumerate(spec.bullets):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            para.text = bullet
            para.font.size = Pt(pt)
            para.space_after = Pt(6)
        if chart is not None:
            chart_w = frame_w * 0.463
            chart_w = min(chart_w, (frame_h - 0.2) * chart.width_cm / chart.height_cm)
            pic = slide.shapes.add_picture(
                io.BytesIO(render_png(chart)), Cm(left + frame_w - chart_w), Cm(top + 0.2), width=Cm(chart_w)
            )
            pic._element.nvPicPr.cNvPr.set("descr", alt_text(chart))
        if spec.table:
            rows, cols = len(spec.table), len(spec.table[0])
            shape = slide.shapes.add_table(
                rows, cols, Cm(left), Cm(top + frame_h * 0.239), Cm(frame_w), Cm(0.8) * rows
            )
            table = shape.table
            shares = (2.0, 17.8, 5.0, 6.0)[:cols]
            for c, w in enumerate(shares):
                table.columns[c].width = Cm(frame_w * w / sum(shares))
            for r, row in enumerate(spec.table):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = str(value)
                    cell.text_frame.paragraphs[0].font.size = Pt(12)
                    if r > 0 and c == 2 and spec.colours:
                        cell.fill.solid()
                        cell.fill.fore_color.rgb = RGBColor.from_string(spec.colours[r - 1])
                        cell.text_frame.paragraphs[0].font.color.rgb = RGBColor(0, 0, 0)
        slide.notes_slide.notes_text_frame.text = spec.notes
    from docgen.formatting import stamp_core_properties
    from store.outputs import write_output

    stamp_core_properties(
        prs.core_properties, title=f"Analyse af beskæftigelsesindsatsen – {info['kommune']}"
    )

    # A 0600 file renamed into place, never over the store or a file we did not write.
    return write_output(out_path, lambda tmp: prs.save(str(tmp)), suffixes=(".pptx",))
