"""Build templates_docx/anbefalinger_status.docx (docxtpl) with python-docx.

Run `python -m templates_docx.build_anbefalinger [DIR]`. The .docx is committed next to this
script. A4, a cover page, a table of contents field (Word fills it in when the document is
opened), an overview table whose status cells take the status colour (`{% cellbg %}`), and per
recommendation: purpose, intended effects, milestones, STATUS with dated decisions, indicator
tables and charts. Every Jinja tag is a run of its own so editing the text in Word keeps tags
whole. The variables are those of docgen.context_anbefalinger.build_context.

The layout is declarations (a heading, a paragraph, a table and its columns); `duplicates` pairs some
tables by shape, and nothing is computed twice.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from templates_docx.build_templates import (
    ACCENT,
    HEADER_FILL,
    _field,
    _repeat_header,
    _shade,
    _span_row,
    add_caption,
    add_source,
    setup_page,
)

HERE = Path(__file__).resolve().parent
NAME = "anbefalinger_status.docx"


class _Doc:
    """The template under construction."""

    def __init__(self) -> None:
        self.doc = Document()
        setup_page(self.doc, "Status på anbefalingerne", footer_style=False)
        styles = self.doc.styles
        styles["Normal"].font.name = "Calibri"
        styles["Normal"].font.size = Pt(11)
        styles["Normal"].paragraph_format.space_after = Pt(6)
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
            styles[name].font.color.rgb = ACCENT
            styles[name].font.size = Pt(size)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        lang = styles["Normal"].element.get_or_add_rPr()
        el = OxmlElement("w:lang")
        el.set(qn("w:val"), "da-DK")
        lang.append(el)

    def para(self, parts: Sequence[str] | str, style: str | None = None, bold: bool = False):
        p = self.doc.add_paragraph(style=style)
        for part in [parts] if isinstance(parts, str) else parts:
            run = p.add_run(part)
            run.bold = bold
        return p

    def tag(self, text: str) -> None:
        """A paragraph holding only a block tag ({%p ... %}), removed when rendered."""
        self.doc.add_paragraph().add_run(text)

    def heading(self, parts: Sequence[str] | str, level: int) -> None:
        p = self.doc.add_paragraph(style=f"Heading {level}")
        for part in [parts] if isinstance(parts, str) else parts:
            p.add_run(part)

    def table(
        self,
        headings: Sequence[str],
        loop: str,
        cells: Sequence[str],
        widths: Sequence[float],
        *,
        caption: Sequence[str] | str,
        source: str,
        colour_cell: int | None = None,
        colour_expr: str = "",
        spans: Sequence[tuple[str, int]] = (),
    ) -> None:
        """A numbered caption, a table with a header row (under an optional row of headings
        spanning columns) and a row loop ({%tr for %}) over the body row, and the source line
        (context expression `source`) under it."""
        add_caption(self.doc, "Tabel", caption)
        top = 1 if spans else 0
        t = self.doc.add_table(rows=4 + top, cols=len(headings))
        t.style = self.doc.styles["Table Grid"]
        if spans:
            _span_row(t.rows[0], spans)
            _repeat_header(t.rows[0])
        for i, head in enumerate(headings):
            c = t.rows[top].cells[i]
            c.paragraphs[0].add_run(head).bold = True
            _shade(c, HEADER_FILL)
        _repeat_header(t.rows[top])
        t.rows[top + 1].cells[0].paragraphs[0].add_run(f"{{%tr {loop} %}}")
        for i, expr in enumerate(cells):
            para = t.rows[top + 2].cells[i].paragraphs[0]
            if colour_cell == i and colour_expr:
                para.add_run(f"{{% cellbg {colour_expr} %}}")
            para.add_run(expr)
        t.rows[top + 3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        t.autofit = False  # a fixed grid: Word and LibreOffice both keep these widths
        for i, w in enumerate(widths):
            t.columns[i].width = Cm(w)
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
                for p in row.cells[i].paragraphs:
                    for r in p.runs:
                        r.font.size = Pt(9.5)
        add_source(self.doc, source)

    def figure(self, expr: str, caption: Sequence[str] | str) -> None:
        """A chart (the context expression expr) with a numbered caption below it."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run(f"{{{{ {expr} }}}}")
        add_caption(self.doc, "Figur", caption)


def build(out_dir: Path = HERE) -> Path:
    """Write anbefalinger_status.docx into out_dir and return its path."""
    d = _Doc()
    doc = d.doc
    # Cover
    for _ in range(6):
        doc.add_paragraph()
    title = d.para("Status på anbefalingerne", "Title")
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    d.para(["{{ titel }}"], "Subtitle")
    d.para(["{{ kommune }}"], bold=True)
    d.para(["Status pr. ", "{{ dato }}"])
    d.para(["Periode: ", "{{ periode_tekst }}"])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # Contents
    d.para("Indhold", bold=True)
    _field(
        doc.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        "Indholdsfortegnelsen opdateres, når dokumentet åbnes i Word (F9).",
    )
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # Overview
    d.heading("Overblik", 1)
    d.para(["{{ indledning }}"])
    d.para(["Anbefalingerne bygger på: ", "{{ kilde }}"])
    d.table(
        ["Nr.", "Anbefaling", "Status", "Seneste status", "Ansvarlig", "Bemærkning"],
        "for o in oversigt",
        [
            "{{ o.nummer }}",
            "{{ o.titel }}",
            "{{ o.status }}",
            "{{ o.dato }}",
            "{{ o.ansvarlig }}",
            "{{ o.bemaerkning }}",
        ],
        [1.0, 3.8, 2.0, 2.3, 3.9, 3.0],
        colour_cell=2,
        colour_expr="o.farve",
        caption="Anbefalingerne og deres status",
        source="kilder.oversigt",
    )
    d.figure("figur_status", "Anbefalingerne efter status.")
    d.para(
        [
            (
                "Farverne viser status: grøn er gennemført, gul i gang, orange forsinket, grå "
                "ikke startet eller opgivet. Indikatortabellerne sammenligner "
            ),
            "{{ perioder_tekst }}",
            ".",
        ]
    )
    d.para(["{{ bilag_note }}"])
    # Per recommendation
    d.tag("{%p for a in anbefalinger %}")
    run = doc.add_paragraph().add_run()
    run.add_break(WD_BREAK.PAGE)
    d.heading(["{{ a.overskrift }}"], 1)
    d.para(["{{ a.formaal }}"])
    d.para("Tilsigtede effekter", bold=True)
    d.tag("{%p for e in a.effekter %}")
    d.para(["{{ e }}"], "List Bullet")
    d.tag("{%p endfor %}")
    d.para(["Ansvarlig: ", "{{ a.ansvarlig }}"])
    d.tag("{%p if a.milepaele %}")
    d.para("Milepæle", bold=True)
    d.table(
        ["Milepæl", "Frist", "Tilstand"],
        "for m in a.milepaele",
        ["{{ m.titel }}", "{{ m.frist }}", "{{ m.tilstand }}"],
        [9.0, 3.5, 3.5],
        caption=["Milepæle for anbefaling ", "{{ a.nummer }}"],
        source="kilder.milepaele",
    )
    d.tag("{%p endif %}")
    d.heading("Status og beslutninger", 2)
    d.para(["{{ a.status_tekst }}"], bold=True)
    d.tag("{%p if a.beslutninger %}")
    d.table(
        ["Dato", "Beslutning eller status", "Kilde"],
        "for b in a.beslutninger",
        ["{{ b.dato }}", "{{ b.tekst }}", "{{ b.kilde }}"],
        [3.0, 9.5, 3.5],
        caption=["Beslutninger og status for anbefaling ", "{{ a.nummer }}"],
        source="a.kilde_beslutninger",
    )
    d.tag("{%p else %}")
    d.para("Der er endnu ikke registreret nogen status eller beslutning.")
    d.tag("{%p endif %}")
    d.tag("{%p if a.tabeller %}")
    d.heading("Indikatorer", 2)
    d.tag("{%p for t in a.tabeller %}")
    d.table(
        [
            "Ydelsesgruppe",
            "{{ fra_periode }}",
            "{{ til_periode }}",
            "Forskel",
            "{{ niveauer[1] }}",
            "{{ niveauer[2] }}",
        ],
        "for r in t.raekker",
        ["{{ r.gruppe }}", "{{ r.fra }}", "{{ r.til }}", "{{ r.forskel }}", "{{ r.sml }}", "{{ r.bred }}"],
        [4.4, 2.1, 2.1, 2.8, 2.3, 2.3],
        caption=["{{ t.titel }}"],
        source="t.kilde",
        spans=[("", 1), ("{{ niveauer[0] }}", 3), ("{{ til_periode }}", 2)],
    )
    d.tag("{%p endfor %}")
    d.para(["{{ indikator_forklaring }}"])
    d.tag("{%p if a.retning_tekst %}")
    d.para(["{{ a.retning_tekst }}"])
    d.tag("{%p endif %}")
    d.tag("{%p for v in a.modsat_retning %}")
    d.para(["{{ v }}"], bold=True)
    d.tag("{%p endfor %}")
    d.tag("{%p endif %}")
    d.tag("{%p for s in a.egne_maalinger %}")
    d.heading(["{{ s.titel }}"], 2)
    d.table(
        ["{{ s.k1 }}", "{{ s.k2 }}", "{{ s.k3 }}", "{{ s.k4 }}"],
        "for r in s.raekker",
        ["{{ r.a }}", "{{ r.b }}", "{{ r.c }}", "{{ r.d }}"],
        [4.0, 3.0, 4.0, 5.0],
        caption=["{{ s.titel }}"],
        source="s.kilde",
    )
    d.para(["{{ s.note }}"])
    d.tag("{%p endfor %}")
    d.tag("{%p for f in a.figurer %}")
    d.figure("f.figur", ["{{ f.tekst }}"])
    d.tag("{%p endfor %}")
    d.tag("{%p endfor %}")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / NAME
    doc.core_properties.title = "Status på anbefalingerne"
    doc.core_properties.author = ""
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
