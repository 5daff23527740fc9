"""Build the Word templates (docxtpl) with python-docx.

Run `python -m templates_docx.build_templates [DIR]` to (re)write the five templates:
rapport_drift.docx, rapport_sanktioner.docx, rapport_borgermoede.docx, breve.docx and
screening.docx. The .docx files are committed next to this script.

Every template is A4 with a cover page (title, municipality, date, period), a table of
contents field (filled with page numbers when a PDF is made, see docgen.toc), built-in heading and
table styles a secretary can restyle, tables whose rows come from docxtpl row loops
(`{%tr for %}`), and a "Datagrundlag" section. Each Jinja tag is written as a run of its own, so
editing the surrounding text in Word does not split a tag.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
TEMPLATE_NAMES = (
    "rapport_drift.docx",
    "rapport_sanktioner.docx",
    "rapport_borgermoede.docx",
    "breve.docx",
    "screening.docx",
)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
TEXT_WIDTH_CM = 16.0
HEADER_FILL = "DCE6F1"
SOURCE_STYLE = "Tabelkilde"
"""The paragraph style of the source line under each table (a secretary can restyle it)."""


class Col:
    """A table column: heading, the expression shown for each row, width and alignment."""

    def __init__(
        self,
        heading: str,
        expr: str,
        width: float = 2.5,
        number: bool = False,
        fill: str = "",
        bold_if: str = "",
    ):
        self.heading = heading
        self.expr = expr
        self.width = width
        self.number = number
        self.fill = fill  # a context expression giving the cell's colour ({% cellbg %})
        self.bold_if = bold_if  # a row attribute: when true, the cell's text is bold


class Builder:
    """A report template under construction."""

    def __init__(self, title: str, subtitle: str) -> None:
        self.doc = Document()
        self.title = title
        self.headings: list[tuple[int, str]] = []
        self._setup_page()
        self._setup_styles()
        self._setup_settings()
        self._cover(title, subtitle)

    # -- document setup -------------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.different_first_page_header_footer = True
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        footer.add_run(self.title + " · side ")
        _field(footer, "PAGE", "1")
        footer.add_run(" af ")
        _field(footer, "NUMPAGES", "1")
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), "Calibri")
        # Danish language for spelling and hyphenation, on the document defaults.
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(qn("w:rPrDefault"))
            if rpr_default is not None:
                drpr = rpr_default.find(qn("w:rPr"))
                if drpr is not None:
                    lang = drpr.find(qn("w:lang"))
                    if lang is None:
                        lang = OxmlElement("w:lang")
                        drpr.append(lang)
                    lang.set(qn("w:val"), "da-DK")
                    lang.set(qn("w:eastAsia"), "da-DK")
                    lang.set(qn("w:bidi"), "ar-SA")
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
            style = styles[name]
            style.font.name = "Calibri"
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT
            style.font.bold = True
            style.paragraph_format.space_before = Pt(18 if name == "Heading 1" else 12)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        title = styles["Title"]
        title.font.name = "Calibri"
        title.font.size = Pt(30)
        title.font.color.rgb = ACCENT
        subtitle = styles["Subtitle"]
        subtitle.font.size = Pt(15)
        subtitle.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
        styles["Caption"].font.size = Pt(9)
        styles["Caption"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
        styles["Quote"].font.size = Pt(10.5)
        add_source_style(self.doc)

    def _setup_settings(self) -> None:
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        anchor = None
        for tag in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids"):
            anchor = settings.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(update)
        else:
            settings.append(update)
        for tag, val in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
            el = settings.find(qn(tag))
            if el is not None:
                el.set(qn("w:val"), val)
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:val"), "da-DK")

    def _cover(self, title: str, subtitle: str) -> None:
        doc = self.doc
        for _ in range(6):
            doc.add_paragraph()
        doc.add_paragraph(title, style="Title")
        doc.add_paragraph(subtitle, style="Subtitle")
        doc.add_paragraph()
        self.para(["{{ kommune }}"], style="Subtitle")
        self.para(["{{ dato }}"])
        self.para(["Periode: ", "{{ periode_tekst }}"])
        doc.add_paragraph()
        p = doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        heading = doc.add_paragraph("Indhold", style="TOC Heading")
        heading.paragraph_format.space_after = Pt(12)
        self._toc_paragraph = doc.add_paragraph()
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- content --------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        """A heading; levels 1-2 are listed in the table of contents."""
        self.doc.add_heading(text, level=level)
        if level <= 2 and "{" not in text:
            self.headings.append((level, text))

    def dyn_heading(self, parts: Sequence[str], level: int = 2) -> None:
        """A heading with Jinja tags (each part its own run)."""
        p = self.doc.add_paragraph(style=f"Heading {level}")
        for part in parts:
            p.add_run(part)

    def para(self, parts: Sequence[str] | str, style: str | None = None, bold_first: bool = False) -> None:
        """A paragraph whose parts are separate runs (so each tag stays in one run)."""
        if isinstance(parts, str):
            parts = [parts]
        p = self.doc.add_paragraph(style=style)
        for i, part in enumerate(parts):
            run = p.add_run(part)
            if bold_first and i == 0:
                run.bold = True

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag, e.g. '{%p for x in xs %}'."""
        self.doc.add_paragraph().add_run(text)

    def bullets(self, var: str, item: str = "punkt") -> None:
        """A bulleted list, one bullet per element of var."""
        self.tag(f"{{%p for {item} in {var} %}}")
        p = self.doc.add_paragraph(style="List Bullet")
        p.add_run(f"{{{{ {item} }}}}")
        self.tag("{%p endfor %}")

    def loop(self, header: str, body: Callable[[], None]) -> None:
        """A paragraph loop: '{%p for ... %}', the body, '{%p endfor %}'."""
        self.tag(f"{{%p {header} %}}")
        body()
        self.tag("{%p endfor %}")

    def caption(self, kind: str, parts: Sequence[str] | str) -> None:
        """A numbered caption, 'Tabel 3. …' or 'Figur 2. …' (see add_caption)."""
        add_caption(self.doc, kind, parts)

    def source(self, expr: str) -> None:
        """The source line under a table ('Kilde: …'), from the context expression expr."""
        add_source(self.doc, expr)

    def figure(self, var: str, caption: str | Sequence[str]) -> None:
        """A chart (InlineImage) with a numbered caption below it."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run(f"{{{{ {var} }}}}")
        self.caption("Figur", caption)

    def table(
        self,
        var: str,
        cols: Sequence[Col],
        item: str = "r",
        total: Sequence[str] | None = None,
        *,
        caption: str | Sequence[str],
        source: str,
        spans: Sequence[tuple[str, int]] = (),
        header_pt: float = 9.5,
    ) -> None:
        """A numbered caption, a table with a heading row (under an optional row of headings
        spanning several columns, `spans`: (text, columns)), one row per element of var, an
        optional total row, and the source line (context expression `source`) under it."""
        doc = self.doc
        self.caption("Tabel", caption)
        top = 1 if spans else 0
        table = doc.add_table(rows=(4 if total is None else 5) + top, cols=len(cols))
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if spans:
            _span_row(table.rows[0], spans)
        header, loop_start, data, loop_end = (
            table.rows[top],
            table.rows[top + 1],
            table.rows[top + 2],
            table.rows[top + 3],
        )
        for row in table.rows[: top + 1]:
            _repeat_header(row)
        for row in table.rows:
            _cant_split(row)
        widths = [Cm(w) for w in _column_widths(cols)]
        _fixed_grid(table, widths)
        for i, col in enumerate(cols):
            for row in table.rows:
                row.cells[i].width = widths[i]
            cell = header.cells[i]
            _shade(cell, HEADER_FILL)
            p = cell.paragraphs[0]
            run = p.add_run(col.heading)
            run.bold = True
            run.font.size = Pt(header_pt)
            _no_hyphenation(p)
            if col.number:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            dp = data.cells[i].paragraphs[0]
            if col.fill:
                dp.add_run(f"{{% cellbg {item}.{col.fill} %}}")
            if col.bold_if:  # two runs, one bold: the row's flag picks which one shows
                flag, value = f"{item}.{col.bold_if}", f"{item}.{col.expr}"
                bold = dp.add_run(f"{{{{ {value} if {flag} else '' }}}}")
                bold.bold = True
                bold.font.size = Pt(9.5)
                drun = dp.add_run(f"{{{{ '' if {flag} else {value} }}}}")
            else:
                drun = dp.add_run(f"{{{{ {item}.{col.expr} }}}}" if col.expr else "")
            drun.font.size = Pt(9.5)
            if col.number:
                dp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        loop_start.cells[0].paragraphs[0].add_run(f"{{%tr for {item} in {var} %}}")
        loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
        for row in table.rows:
            for cell in row.cells:
                for par in cell.paragraphs:
                    par.paragraph_format.space_after = Pt(0)
                    par.paragraph_format.space_before = Pt(1)
                    par.paragraph_format.line_spacing = 1.0
        if total is not None:
            row = table.rows[top + 4]
            for i, text in enumerate(total):
                p = row.cells[i].paragraphs[0]
                run = p.add_run(text)
                run.bold = True
                run.font.size = Pt(9.5)
                if cols[i].number:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.source(source)

    def datagrundlag(self, extra: Sequence[str] = ()) -> None:
        """The closing "Datagrundlag" section: sources, periods and the small-cell rule."""
        self.heading("Datagrundlag", 1)
        self.para(
            "Rapporten bygger på de oplysninger, som jobcentret har lagt ind. Tabellen viser hver "
            "kilde, hvad den indeholder, og hvilke perioder den dækker."
        )
        self.table(
            "datagrundlag",
            [
                Col("Kilde", "kilde", 5.0),
                Col("Indhold", "indhold", 4.0),
                Col("Perioder", "perioder", 4.0),
                Col("Rækker", "raekker", 2.0, number=True),
            ],
            caption="Kilderne bag rapporten",
            source="kilde.datagrundlag",
        )
        self.para(
            "Antal personer mellem 1 og 4 vises som »<5«, så ingen enkeltpersoner kan "
            "genkendes. Står der kun ét »<5« i en række med total, skjules også det mindste "
            "andet tal (»..«), så tallet ikke kan regnes ud. Andele vises ikke, når de bygger "
            "på færre end 5. Citater er pseudonymiserede og afkortet til én sætning."
        )
        for text in extra:
            self.para(text)
        self.para(["Rapporten er dannet ", "{{ dato }}", "."], style="Caption")

    # -- saving ---------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Fill in the table of contents (Word refreshes it on opening) and save."""
        _toc(self._toc_paragraph, self.headings)
        path.parent.mkdir(parents=True, exist_ok=True)
        core = self.doc.core_properties
        core.title = self.title
        core.author = ""
        core.language = "da-DK"
        core.comments = ""
        self.doc.save(str(path))
        return path


# --------------------------------------------------------------------------------------------
# Low-level XML helpers


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, TOC ...) in paragraph with placeholder text."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            run.text = text or ""
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                el.set(qn("w:dirty"), "true")
            run._r.append(el)


def _toc(paragraph, headings: list[tuple[int, str]]) -> None:
    """A TOC field over heading levels 1-2, pre-filled with the template's fixed headings (a
    program that does not update fields still shows a useful list)."""
    begin = paragraph.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "begin")
    fld.set(qn("w:dirty"), "true")
    begin._r.append(fld)
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    instr_run._r.append(instr)
    sep = paragraph.add_run()
    fsep = OxmlElement("w:fldChar")
    fsep.set(qn("w:fldCharType"), "separate")
    sep._r.append(fsep)
    lines = [("    " * (level - 1)) + text for level, text in headings] or ["Indhold"]
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    end = paragraph.add_run()
    fend = OxmlElement("w:fldChar")
    fend.set(qn("w:fldCharType"), "end")
    end._r.append(fend)


def _fixed_grid(table, widths) -> None:
    """Column widths in the table grid (LibreOffice reads these) and a fixed layout."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))
    tblpr = table._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(w.twips for w in widths))))


def add_caption(doc, kind: str, parts: Sequence[str] | str) -> None:
    """A numbered caption, 'Tabel 3. …' or 'Figur 2. …': the number is a SEQ field as Word's
    Insert Caption writes it (docgen.captions numbers the rendered report). A table's caption
    stands above it and is kept with it; a figure's stands below."""
    p = doc.add_paragraph(style="Caption")
    p.paragraph_format.keep_with_next = kind == "Tabel"
    p.add_run(f"{kind} ").bold = True
    _field(p, f"SEQ {kind} \\* ARABIC", "1")
    p.runs[-2].bold = True  # the field's result run
    p.add_run(". ").bold = True
    for part in [parts] if isinstance(parts, str) else parts:
        p.add_run(part)


def add_source(doc, expr: str) -> None:
    """The source line under a table: a 'Tabelkilde' paragraph holding {{ expr }}."""
    add_source_style(doc)
    doc.add_paragraph(style=SOURCE_STYLE).add_run(f"{{{{ {expr} }}}}")


def add_source_style(doc) -> None:
    """The 'Tabelkilde' paragraph style: small grey text under a table, space after it."""
    from docx.enum.style import WD_STYLE_TYPE

    if SOURCE_STYLE in [s.name for s in doc.styles]:
        return
    style = doc.styles.add_style(SOURCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(8.5)
    style.font.italic = True
    style.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    style.paragraph_format.space_before = Pt(3)
    style.paragraph_format.space_after = Pt(12)


def _span_row(row, spans: Sequence[tuple[str, int]]) -> None:
    """A heading row whose cells span several columns: spans holds (text, columns)."""
    start = 0
    for text, width in spans:
        cell = row.cells[start]
        if width > 1:
            cell = cell.merge(row.cells[start + width - 1])
        _shade(cell, HEADER_FILL)
        p = cell.paragraphs[0]
        if text:
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(9.5)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if width > 1 else WD_ALIGN_PARAGRAPH.LEFT
        _no_hyphenation(p)
        start += width


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _min_width(heading: str) -> float:
    """The width (cm) a column needs so that its heading's longest word fits on one line
    (bold 9.5 pt Calibri averages about 0.2 cm a character, plus the cell padding)."""
    if "{" in heading:  # a heading the context fills in: its declared width is what it gets
        return 1.0
    longest = max((len(word) for word in heading.split()), default=1)
    return longest * 0.2 + 0.4


def _column_widths(cols: Sequence[Col]) -> list[float]:
    """Column widths within the text width, each at least its heading's longest word; the
    room above those minimums is shared in proportion to the columns' own widths."""
    need = [max(c.width, _min_width(c.heading)) for c in cols]
    if sum(need) <= TEXT_WIDTH_CM:
        return need
    floor = [_min_width(c.heading) for c in cols]
    if sum(floor) > TEXT_WIDTH_CM:  # too many columns: every heading shrinks alike
        return [f * TEXT_WIDTH_CM / sum(floor) for f in floor]
    spare = TEXT_WIDTH_CM - sum(floor)
    extra = [max(n - f, 0.0) for n, f in zip(need, floor)]
    share = spare / sum(extra) if sum(extra) else 0.0
    return [f + e * share for f, e in zip(floor, extra)]


def _cant_split(row) -> None:
    """A row is never split across two pages."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _no_hyphenation(paragraph) -> None:
    """Column headings break between words, never inside one."""
    ppr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:suppressAutoHyphens")
    el.set(qn("w:val"), "true")
    later = (
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )
    nxt = next((c for c in ppr if c.tag in {qn(t) for t in later}), None)
    if nxt is None:
        ppr.append(el)
    else:
        nxt.addprevious(el)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


# --------------------------------------------------------------------------------------------
# The reports


def _recommendations(b: Builder, intro: str) -> None:
    """The recommendations section every report ends with: per recommendation its title,
    text, the lines the context fills (economy, quality, owner; each left out when empty) and
    the numbers it rests on."""
    b.heading("Anbefalinger", 1)
    b.para(intro)

    def advice() -> None:
        b.para(["{{ a.titel }}"], bold_first=True)
        b.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the title stays with it
        b.para(["{{ a.tekst }}"])
        b.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        for label, key in (("Økonomi", "oekonomi"), ("Kvalitet", "kvalitet"), ("Ansvarlig", "ansvarlig")):
            b.tag(f"{{%p if a.{key} %}}")
            b.para([f"{label}: ", f"{{{{ a.{key} }}}}"], bold_first=True)
            b.tag("{%p endif %}")
        b.para(["Grundlag: ", "{{ a.grundlag }}"], style="Caption")

    b.loop("for a in anbefalinger", advice)


def _summary(b: Builder, intro: str) -> None:
    b.heading("Sammenfatning", 1)
    b.para(intro)
    b.bullets("sammenfatning")


def _assumptions(b: Builder) -> None:
    b.heading("Antagelser bag scenarierne", 1)
    b.para(
        "Alle tal, som scenarierne regner med, står herunder. Ret dem i scenariefilen, hvis "
        "kommunen har bedre tal, og dan rapporten igen."
    )
    b.table(
        "antagelser",
        [
            Col("Område", "sektion", 3.0),
            Col("Antagelse", "tekst", 6.0),
            Col("Værdi", "vaerdi", 2.5, number=True),
            Col("Kilde", "kilde", 4.5),
        ],
        caption="Antagelser bag scenarierne",
        source="kilde.antagelser",
    )


def build_drift(out: Path) -> Path:
    """rapport_drift.docx: offers' economy and results, benchmark, indicators, scenarios."""
    b = Builder("Drift af beskæftigelsestilbud", "Økonomi, resultater og handlemuligheder")
    _summary(b, "De vigtigste iagttagelser i rapporten er:")

    b.heading("Indledning", 1)
    b.para(
        "Rapporten giver udvalget et overblik over, hvad kommunens beskæftigelsestilbud koster, "
        "hvor mange borgere der deltager, og hvor mange der er i job eller uddannelse en måned "
        "efter forløbet. Kommunen sammenlignes med kommuner, der ligner den, og rapporten viser, "
        "hvad der sker med økonomi og kvalitet, hvis der bruges mere eller mindre af et tilbud."
    )

    b.heading("Tilbuddenes økonomi", 1)
    b.para(["{{ tilbud_note }}"])
    b.table(
        "tilbud",
        [
            Col("Tilbud", "navn", 3.6),
            Col("Leverandør", "leverandoer", 3.4),
            Col("Årlig udgift (kr.)", "udgift", 2.0, True),
            Col("Pladser", "pladser", 1.3, True),
            Col("Deltagere", "deltagere", 1.6, True),
            Col("Uger", "varighed", 1.1, True),
            Col("Pris pr. deltager (kr.)", "pr_deltager", 1.5, True),
            Col("Pris pr. plads (kr.)", "pr_plads", 1.5, True),
        ],
        total=[
            "I alt",
            "",
            "{{ tilbud_total.udgift }}",
            "{{ tilbud_total.pladser }}",
            "{{ tilbud_total.deltagere }}",
            "",
            "{{ tilbud_total.pr_deltager }}",
            "{{ tilbud_total.pr_plads }}",
        ],
        caption=["Tilbuddenes udgifter, pladser og deltagere, ", "{{ tilbud_periode }}"],
        source="kilde.tilbud",
    )
    b.figure("figur_enhedspris", "Årlig udgift pr. deltager for hvert tilbud.")

    b.heading("Tilbuddenes resultater", 1)
    b.para(
        "Tabellen viser deltagernes status en måned efter forløbet. Andelen i job eller "
        "uddannelse er det mål, scenarierne bruger for kvalitet."
    )
    b.table(
        "tilbud",
        [
            Col("Tilbud", "navn", 4.0),
            Col("Deltagere", "deltagere", 2.0, True),
            Col("I job", "job", 1.4, True),
            Col("I uddannelse", "uddannelse", 2.4, True),
            Col("Stadig på ydelse", "ydelse", 2.2, True),
            Col("Andel i job eller uddannelse", "andel_job_udd", 3.0, True),
        ],
        total=[
            "I alt",
            "{{ tilbud_total.deltagere }}",
            "{{ tilbud_total.job }}",
            "{{ tilbud_total.uddannelse }}",
            "{{ tilbud_total.ydelse }}",
            "{{ tilbud_total.andel_job_udd }}",
        ],
        caption=["Deltagernes status en måned efter forløbet, ", "{{ tilbud_periode }}"],
        source="kilde.tilbud",
    )
    b.figure("figur_resultat", "Andel i job eller uddannelse en måned efter forløbet.")
    b.tag("{%p if tilbud_udvikling %}")
    b.heading("Udviklingen fra året før", 2)
    b.para(["{{ tilbud_udvikling_note }}"])
    b.table(
        "tilbud_udvikling",
        [
            Col("Tilbud", "navn", 4.6),
            Col("Pris pr. deltager før (kr.)", "pris_foer", 2.2, True),
            Col("Pris pr. deltager nu (kr.)", "pris_nu", 2.2, True),
            Col("I job eller uddannelse før", "andel_foer", 2.3, True),
            Col("I job eller uddannelse nu", "andel_nu", 2.3, True),
            Col("Ændring (pct.-point)", "aendring", 2.4, True),
        ],
        caption=[
            "Tilbuddene i ",
            "{{ tilbud_periode_foer }}",
            " (før) og ",
            "{{ tilbud_periode_nu }}",
            " (nu)",
        ],
        source="kilde.tilbud_udvikling",
    )
    b.tag("{%p endif %}")
    b.tag("{%p if leverandoertyper %}")
    b.heading("Egne tilbud og andre aktører", 2)
    b.para(
        "Tabellen samler tilbuddene efter, om kommunen selv driver dem, eller en anden aktør "
        "gør. Forskelle kan skyldes, at tilbuddene har forskellige målgrupper; tilbudstabellen "
        "siger ikke, hvilke målgrupper hvert tilbud har."
    )
    b.table(
        "leverandoertyper",
        [
            Col("Leverandør", "type", 4.0),
            Col("Tilbud", "tilbud", 2.0, True),
            Col("Deltagere", "deltagere", 2.4, True),
            Col("Pris pr. deltager (kr.)", "pris", 3.0, True),
            Col("I job eller uddannelse", "andel", 3.0, True),
        ],
        caption=["Egne tilbud og andre aktører, ", "{{ tilbud_periode }}"],
        source="kilde.tilbud",
    )
    b.tag("{%p endif %}")

    b.heading("Sammenligning med andre kommuner", 1)
    b.para(["{{ benchmark_note }}"])

    def area() -> None:
        b.dyn_heading(["{{ o.navn }}", " (", "{{ o.periode }}", ")"], level=2)
        b.table(
            "o.raekker",
            [
                Col("Kommune", "kommune", 3.2),
                Col("Placering", "placering", 2.4, True),
                Col("Faktisk", "faktisk", 2.0, True),
                Col("Forventet", "forventet", 2.0, True),
                Col("Forskel", "forskel", 1.8, True),
                Col("Forskel i pct.", "forskel_pct", 2.0, True),
                Col("Besparelse (kr.)", "besparelse", 2.6, True),
            ],
            item="k",
            caption=["Benchmark, ", "{{ o.navn }}", ", ", "{{ o.periode }}"],
            source="o.kilde",
        )
        b.tag("{%p if o.placering_tekst %}")
        b.para(["{{ o.placering_tekst }}"])
        b.tag("{%p endif %}")
        b.figure("o.figur", ["Faktisk i forhold til forventet: ", "{{ o.navn }}", "."])

    b.loop("for o in benchmark_omraader", area)
    b.para(
        "Forskel er faktisk minus forventet antal fuldtidspersoner på ydelse, som jobindsats.dk "
        "opgør den. Et positivt tal betyder, at flere er på ydelse end forventet ud fra "
        "kommunens rammevilkår; et negativt, at færre er."
    )

    b.heading("Udvikling i nøgletal", 1)
    b.para(["{{ indikator_note }}"])

    def theme() -> None:
        b.table(
            "t.raekker",
            [
                Col("Måling og ydelsesgruppe", "navn", 4.6, fill="fill", bold_if="overskrift"),
                *(
                    Col(f"{{{{ t.niveauer[{n}] }}}}", f"{key}{half}", 1.9, True, fill="fill")
                    for half in "12"
                    for n, key in enumerate("abc")
                ),
            ],
            item="k",
            caption=["{{ t.titel }}"],
            source="t.kilde",
            spans=[("", 1), ("{{ t.fra }}", 3), ("{{ t.til }}", 3)],
            header_pt=8.5,
        )

    b.loop("for t in indikator_temaer", theme)
    b.para(["{{ indikator_forklaring }}"])
    b.para(["{{ bilag_note }}"])
    b.figure("figur_indikator", ["{{ figur_indikator_tekst }}"])

    b.heading("Scenarier: mere eller mindre af et tilbud", 1)
    b.para(["{{ scenarie_note }}"])

    def scenario() -> None:
        b.dyn_heading(["{{ s.titel }}"], level=2)
        b.para(["{{ s.beskrivelse }}"])
        b.table(
            "s.raekker",
            [
                Col("Konsekvens", "tekst", 6.0),
                Col("Mere", "mere", 4.0, True),
                Col("Mindre", "mindre", 4.0, True),
            ],
            item="k",
            caption=["Scenarie: mere eller mindre af ", "{{ s.navn }}"],
            source="kilde.scenarier",
        )
        b.para(["Kvalitet ved mere: ", "{{ s.kvalitet_mere }}"], bold_first=True)
        b.para(["Kvalitet ved mindre: ", "{{ s.kvalitet_mindre }}"], bold_first=True)

    b.loop("for s in scenarier", scenario)

    _recommendations(
        b,
        "Anbefalingerne bygger på tilbuddenes resultater, benchmarket og "
        "scenarierne ovenfor. Hver anbefaling viser det økonomiske potentiale, "
        "virkningen på kvaliteten, hvem der kunne stå for den, og hvilke tal den "
        "hviler på.",
    )
    _assumptions(b)
    b.datagrundlag()
    return b.save(out)


def _screening_section(b: Builder) -> None:
    b.para(["{{ screening_note }}"])
    b.table(
        "screening_regler",
        [
            # The legal basis stands in the next table, by date: its long words ("rådigheds-
            # bekendtgørelsen") broke mid-word in a narrow column here.
            Col("Regel", "regel", 1.3),
            Col("Kontrol", "tekst", 7.0),
            Col("Vurderet", "vurderet", 1.8, True),
            Col("Mangler", "mangler", 1.8, True),
            Col("Andel med mangel", "andel", 1.9, True),
            Col("Kan ikke vurderes (af sager)", "kan_ikke", 2.2, True),
        ],
        caption="Mangler efter screeningsregel",
        source="kilde.screening",
    )
    b.figure("figur_screening", "Andel af de vurderede sager med en mangel, for hver regel.")
    b.tag("{%p if screening_versioner %}")
    b.heading("Regler efter dato", 2)
    b.para(["{{ screening_versioner_note }}"])
    b.table(
        "screening_versioner",
        [
            Col("Regel", "regel", 1.3),
            Col("Periode", "periode", 3.8),
            Col("Retsgrundlag", "grundlag", 7.4),
            Col("Sager", "sager", 1.4, True),
            Col("Bekræftet af jurist", "bekraeftet", 2.1),
        ],
        caption="Reglernes versioner efter dato",
        source="kilde.screening",
    )
    b.tag("{%p endif %}")
    b.heading("Eksempler fra sagerne", 2)
    b.para(
        "Eksemplerne er korte uddrag af sagsnotater, hvor en mangel er fundet. Navne og "
        "personnumre er fjernet."
    )

    def example() -> None:
        b.para(["{{ e.regel }}", ": ", "{{ e.forklaring }}"], bold_first=True)
        b.para(["{{ e.citat }}"], style="Quote")

    b.loop("for e in screening_eksempler", example)


def build_sanktioner(out: Path) -> Path:
    """rapport_sanktioner.docx: sanction use, screening, appeals and scenarios."""
    b = Builder("Sanktioner i jobcentret", "Praksis, retssikkerhed og scenarier")
    _summary(b, "De vigtigste iagttagelser i rapporten er:")

    b.heading("Indledning", 1)
    b.para(
        "Rapporten beskriver, hvordan jobcentret bruger sanktioner, om reglerne bliver fulgt i "
        "sagerne, og hvor ofte Ankestyrelsen ændrer kommunens afgørelser. Til sidst vises, hvad "
        "en strammere eller en mildere praksis kan betyde for økonomi og kvalitet."
    )

    b.heading("Brugen af sanktioner over tid", 1)
    b.para(["{{ sanktioner_note }}"])
    b.table(
        "sanktioner_kvartal",
        [
            Col("Periode", "periode", 4.0),
            Col("Sanktioner", "antal", 3.0, True),
            Col("Heraf fradrag", "fradrag", 3.0, True),
            Col("Øvrige typer", "oevrige", 3.0, True),
        ],
        caption=["Sanktioner pr. periode, ", "{{ kommune }}"],
        source="kilde.sanktioner",
    )
    b.figure("figur_sanktioner_tid", "Antal sanktioner pr. periode.")

    b.heading("Fordeling på ydelse, visitation og type", 1)
    b.para(["{{ fordeling_note }}"])
    for title, var in (
        ("Efter ydelse", "efter_ydelse"),
        ("Efter visitationskategori", "efter_visitation"),
        ("Efter sanktionstype", "efter_type"),
    ):
        b.heading(title, 2)
        b.table(
            var,
            [
                Col("Gruppe", "navn", 6.0),
                Col("Sanktioner", "antal", 3.0, True),
                Col("Andel", "andel", 3.0, True),
            ],
            caption=f"Sanktioner {title.lower()}",
            source="kilde.sanktioner",
        )

    b.heading("Sammenligning med andre kommuner", 1)
    b.para(["{{ sammenligning_note }}"])
    b.table(
        "sammenligning",
        [
            Col("Kommune", "kommune", 3.3),
            Col("Sanktioner", "antal", 2.2, True),
            Col("Modtagere", "modtagere", 2.1, True),
            Col("Pr. 100 modtagere om året", "pr_100_modtagere", 2.4, True),
            Col("Andel fradrag", "andel_fradrag", 2.4, True),
            Col("Hyppigste ydelse", "hyppigste_ydelse", 3.6),
        ],
        caption="Sanktioner i kommunen og sammenligningskommunerne",
        source="kilde.sammenligning",
    )
    b.figure("figur_sammenligning", "Sanktionstyper i procent af alle sanktioner.")

    b.heading("Bliver reglerne fulgt? Screening af sager", 1)
    _screening_section(b)

    b.heading("Ankesager og omgørelsesprocent", 1)
    b.para(["{{ anke_udvikling_note }}"])
    b.table(
        "anke_udvikling",
        [
            Col("År", "periode", 1.8),
            Col("Klagesager, kommunen", "sager", 3.0, True),
            Col("Omgørelses-procent, kommunen", "kommune", 3.4, True),
            Col("Sammenlignings-kommuner", "sammenligning", 4.2, True),
            Col("Hele landet", "landet", 2.8, True),
        ],
        caption="Omgørelsesprocent pr. år",
        source="kilde.ankesager",
    )
    b.para(["{{ anke_note }}"])
    b.table(
        "ankesager",
        [
            Col("Periode", "periode", 1.6),
            Col("Ydelse", "ydelse", 3.4),
            Col("Afgjorte sager", "sager", 2.0, True),
            Col("Ændret", "aendret", 1.8, True),
            Col("Hjemvist", "hjemvist", 1.8, True),
            Col("Stadfæstet", "stadfaestet", 1.9, True),
            Col("Omgørelses-procent", "omgoerelse", 2.2, True),
        ],
        caption=["Ankesager efter periode og ydelse, ", "{{ kommune }}"],
        source="kilde.ankesager",
    )
    b.table(
        "anke_kommuner",
        [
            Col("Kommune", "kommune", 5.0),
            Col("Afgjorte sager", "sager", 3.0, True),
            Col("Omgørelsesprocent", "omgoerelse", 3.5, True),
        ],
        caption="Ankesager i kommunen og sammenligningskommunerne",
        source="kilde.ankesager",
    )

    b.heading("Scenarier: strammere eller mildere praksis", 1)
    b.para(["{{ scenarie_note }}"])

    def scenario() -> None:
        b.dyn_heading(["{{ s.titel }}"], level=2)
        b.para(["{{ s.beskrivelse }}"])
        b.table(
            "s.raekker",
            [
                Col("Konsekvens", "tekst", 6.5),
                Col("Beregnet", "vaerdi", 3.5, True),
                Col("Sådan er det regnet", "forklaring", 5.5),
            ],
            item="k",
            caption=["Scenarie: ", "{{ s.titel }}"],
            source="kilde.scenarier",
        )
        b.para("Fordele", bold_first=True)
        b.bullets("s.fordele", item="f")
        b.para("Ulemper", bold_first=True)
        b.bullets("s.ulemper", item="u")

    b.loop("for s in scenarier", scenario)

    _recommendations(
        b,
        "Anbefalingerne bygger på screeningen og ankestatistikken ovenfor. "
        "Hver anbefaling siger, hvad der kan gøres, hvem der kunne stå for det, "
        "og hvilke tal den hviler på.",
    )
    _assumptions(b)
    b.datagrundlag()
    return b.save(out)


def build_borgermoede(out: Path) -> Path:
    """rapport_borgermoede.docx: satisfaction, comment themes, sentiment, letters, advice."""
    b = Builder("Borgernes møde med jobcentret", "Tilfredshed, kommentarer og breve")
    _summary(b, "De vigtigste iagttagelser i rapporten er:")

    b.heading("Indledning", 1)
    b.para(
        "Rapporten samler borgernes svar på spørgeskemaet om mødet med jobcentret, deres egne "
        "kommentarer til tiden før, under og efter samtalen, og en gennemgang af, hvor let "
        "jobcentrets breve er at læse. Den slutter med forslag til konkrete forbedringer."
    )

    b.heading("Samlet tilfredshed", 1)
    b.para(["{{ tilfredshed_note }}"])
    b.table(
        "tilfredshed_fordeling",
        [
            Col("Svar", "niveau", 5.0),
            Col("Antal", "antal", 3.0, True),
            Col("Andel", "andel", 3.0, True),
        ],
        total=["I alt", "{{ tilfredshed_i_alt }}", "100 %"],
        caption="Samlet tilfredshed med mødet",
        source="kilde.spoergeskema",
    )
    b.figure("figur_tilfredshed", "Samlet tilfredshed, alle svar.")
    b.heading("Tilfredshed efter gruppe", 2)
    b.table(
        "tilfredshed_grupper",
        [
            Col("Gruppe", "gruppe", 3.6),
            Col("{{ skala_kolonner[0] }}", "yderst", 1.9, True),
            Col("{{ skala_kolonner[1] }}", "meget", 1.9, True),
            Col("{{ skala_kolonner[2] }}", "tilfreds", 1.7, True),
            Col("{{ skala_kolonner[3] }}", "mindre", 1.9, True),
            Col("I alt", "i_alt", 1.5, True),
            Col("{{ skala_negativ }}", "andel_mindre", 2.2, True),
        ],
        caption="Tilfredshed efter gruppe",
        source="kilde.spoergeskema",
    )
    b.figure("figur_grupper", "Fordeling af svar i hver gruppe (procent).")

    b.heading("Temaer i borgernes kommentarer", 1)
    b.para(["{{ temaer_note }}"])
    b.table(
        "temaer",
        [
            Col("Tema", "tema", 3.0),
            Col("Hvad temaet dækker", "beskrivelse", 5.0),
            Col("Svar", "antal", 1.4, True),
            Col("Andel", "andel", 1.6, True),
            Col("Heraf negative", "negative", 1.9, True),
            Col("Stemning", "stemning", 3.0),
        ],
        caption="Temaer i borgernes kommentarer",
        source="kilde.kommentarer",
    )
    b.figure("figur_temaer", "Antal svar, der nævner hvert tema.")
    b.tag("{%p if klager %}")
    b.heading("Hvad borgerne klager over", 2)
    b.para(["{{ klager_note }}"])
    b.table(
        "klager",
        [
            Col("Klage", "klage", 4.6),
            Col("Tema", "temaer", 3.4),
            Col("Svar", "antal", 1.4, True),
            Col("Eksempel", "eksempel", 6.6),
        ],
        caption="Hvad borgerne klager over",
        source="kilde.kommentarer",
    )
    b.tag("{%p endif %}")
    b.heading("Eksempler på kommentarer", 2)

    def theme_quotes() -> None:
        b.para(["{{ t.tema }}"], bold_first=True)
        b.bullets("t.citater", item="c")

    b.loop("for t in tema_citater", theme_quotes)

    b.heading("Stemningen i kommentarerne", 1)
    b.para(["{{ stemning_note }}"])
    b.table(
        "stemning",
        [
            Col("Spørgsmål", "spoergsmaal", 4.4),
            Col("Kommentarer", "i_alt", 2.2, True),
            Col("Positive", "positive", 2.0, True),
            Col("Neutrale", "neutrale", 2.0, True),
            Col("Negative", "negative", 2.0, True),
            Col("Gns. score", "score", 2.0, True),
        ],
        caption="Stemningen i kommentarerne efter spørgsmål",
        source="kilde.kommentarer",
    )
    b.figure("figur_stemning", "Kommentarernes stemning for hvert spørgsmål.")

    b.heading("Taler jobcentret borgernes sprog?", 1)
    b.para(["{{ breve_note }}"])
    _letter_tables(
        b, 2, "Brevenes LIX fordelt på sværhedsgrad.", "Mangler i indkaldelserne", "Punkt i indkaldelsen"
    )

    _recommendations(
        b, "Anbefalingerne bygger på resultaterne ovenfor. Hver anbefaling viser, hvilket fund den hviler på."
    )
    b.datagrundlag(extra=["{{ metode_note }}"])
    return b.save(out)


def _letter_tables(
    b: Builder, level: int, lix_caption: str, checklist_heading: str, checklist_column: str
) -> None:
    """LIX distribution, most frequent klarsprog findings and checklist gaps: the letters part
    shared by the borgermøde report and the letters report."""
    b.table(
        "lix_fordeling",
        [
            Col("Sværhedsgrad", "niveau", 3.5),
            Col("LIX", "interval", 2.5),
            Col("Breve", "antal", 2.0, True),
            Col("Andel", "andel", 2.0, True),
        ],
        caption="Brevenes LIX efter sværhedsgrad",
        source="kilde.breve",
    )
    b.figure("figur_lix", lix_caption)
    b.heading("De hyppigste klarsprogsfund", level)
    b.table(
        "klarsprog",
        [
            Col("Regel", "regel", 4.0),
            Col("Fund", "fund", 1.6, True),
            Col("Breve", "breve", 1.6, True),
            Col("Eksempel", "eksempel", 7.6),
        ],
        caption="De hyppigste klarsprogsfund i brevene",
        source="kilde.breve",
    )
    b.heading(checklist_heading, level)
    b.para(["{{ tjekliste_note }}"])
    b.table(
        "tjekliste",
        [
            Col(checklist_column, "punkt", 6.0),
            Col("Mangler i", "mangler", 2.5, True),
            Col("Andel", "andel", 2.5, True),
        ],
        caption=checklist_heading,
        source="kilde.breve",
    )


def build_breve(out: Path) -> Path:
    """breve.docx: readability and klarsprog for a batch of letters."""
    b = Builder("Læsbarhed og klarsprog i breve", "Gennemgang af breve til borgerne")
    _summary(b, "Kort fortalt:")
    b.heading("Brevene", 1)
    b.para(["{{ breve_note }}"])
    b.table(
        "breve",
        [
            Col("Brev", "fil", 4.2),
            Col("Profil", "profil", 2.2),
            Col("LIX", "lix", 1.3, True),
            Col("Niveau", "niveau", 2.0),
            Col("Ord", "ord", 1.4, True),
            Col("Sætn.", "saetninger", 1.3, True),
            Col("Lange ord", "lange_ord", 1.5, True),
            Col("Fund", "fund", 1.3, True),
        ],
        caption="De tjekkede breve",
        source="kilde.breve",
    )
    b.heading("LIX-fordeling", 1)
    _letter_tables(b, 1, "Brevenes LIX fordelt på sværhedsgrad.", "Tjekliste for indkaldelser", "Punkt")
    b.heading("Brev for brev", 1)

    def letter() -> None:
        b.dyn_heading(["{{ l.fil }}"], level=2)
        b.para(["{{ l.resume }}"])
        b.para(["{{ l.tjekliste }}"])
        b.table(
            "l.fund",
            [
                Col("Regel", "regel", 3.0),
                Col("Tekst", "tekst", 4.0),
                Col("Hvad er problemet", "besked", 4.5),
                Col("Forslag", "forslag", 4.0),
            ],
            item="f",
            caption=["Klarsprogsfund i ", "{{ l.fil }}"],
            source="l.kilde",
        )

    b.loop("for l in brev_detaljer", letter)
    b.heading("Sådan regnes LIX", 1)
    b.para(
        "LIX er antal ord delt med antal sætninger plus andelen af lange ord (mere end 6 "
        "bogstaver) i procent. Under 25 er meget let, 25-34 let, 35-44 middel, 45-54 svær og "
        "55 eller derover meget svær. Breve til borgere bør ligge på 35 eller derunder."
    )
    b.datagrundlag()
    return b.save(out)


def build_screening(out: Path) -> Path:
    """screening.docx: screening results per rule and agreement with the reviewers."""
    b = Builder("Screening af sanktionssager", "Gennemgang af sager med sanktion")
    _summary(b, "Kort fortalt:")
    b.heading("Mangler efter regel", 1)
    _screening_section(b)
    b.heading("Enighed mellem værktøj og sagsbehandlere", 1)
    b.para(["{{ enighed_note }}"])
    b.table(
        "enighed",
        [
            Col("Regel", "regel", 1.6),
            Col("Gennemgået", "gennemgaaet", 2.4, True),
            Col("Bekræftet", "bekraeftet", 2.2, True),
            Col("Ændret", "aendret", 2.0, True),
            Col("Afvist", "afvist", 2.0, True),
            Col("Enighed", "enighed", 2.2, True),
        ],
        total=[
            "I alt",
            "{{ enighed_total.gennemgaaet }}",
            "{{ enighed_total.bekraeftet }}",
            "{{ enighed_total.aendret }}",
            "{{ enighed_total.afvist }}",
            "{{ enighed_total.enighed }}",
        ],
        caption="Enighed mellem værktøjets vurderinger og sagsbehandlernes",
        source="kilde.enighed",
    )
    b.datagrundlag()
    return b.save(out)


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "rapport_drift.docx": build_drift,
    "rapport_sanktioner.docx": build_sanktioner,
    "rapport_borgermoede.docx": build_borgermoede,
    "breve.docx": build_breve,
    "screening.docx": build_screening,
}


def build_all(out_dir: Path = HERE) -> list[Path]:
    """Write every template into out_dir; return their paths."""
    return [build(out_dir / name) for name, build in BUILDERS.items()]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for written in build_all(target):
        print(written)
