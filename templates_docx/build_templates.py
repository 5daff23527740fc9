"""Build the Word templates (docxtpl) with python-docx.

Run `python -m templates_docx.build_templates [DIR]` to (re)write the five templates:
rapport_drift.docx, rapport_sanktioner.docx, rapport_borgermoede.docx, breve.docx and
screening.docx. The .docx files are committed next to this script. What each template holds (its
headings, paragraphs, tables and figures, and the sections several share) is data in
layout.toml; this module writes it.

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
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from textmining.config import bundled_toml

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
        setup_page(self.doc, self.title)

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


def setup_page(doc, title: str, footer_style: bool = True) -> None:
    """A4 with the templates' margins, a first page (the cover) without footer, and the footer
    'title · side X af Y' on the others, in the Footer style unless footer_style is False (the
    recommendations status template's footer has always been Normal)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    if footer_style:
        footer.style = doc.styles["Footer"]
    footer.add_run(title + " · side ")
    _field(footer, "PAGE", "1")
    footer.add_run(" af ")
    _field(footer, "NUMPAGES", "1")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT


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
# The reports, from the layout data (layout.toml)

LAYOUT = HERE / "layout.toml"
Block = dict[str, Any]


def _bind(value: Any, args: dict[str, Any]) -> Any:
    """value with every "$name" string replaced by args[name] (a section's parameters)."""
    if isinstance(value, str) and value.startswith("$"):
        return args[value[1:]]
    if isinstance(value, list):
        return [_bind(v, args) for v in value]
    if isinstance(value, dict):
        return {k: _bind(v, args) for k, v in value.items()}
    return value


def _col(spec: list[Any]) -> Col:
    """A column from its layout entry: [heading, expr, width, "number"?, {fill, bold_if}?]."""
    heading, expr, width, *rest = spec
    options = next((r for r in rest if isinstance(r, dict)), {})
    return Col(heading, expr, width, number="number" in rest, **options)


def write_blocks(b: Builder, blocks: Sequence[Block], sections: dict[str, Any]) -> None:
    """Write the layout's blocks (see layout.toml for what each kind means) in order."""
    for block in blocks:
        when = block.get("when")
        if when:
            b.tag(f"{{%p if {when} %}}")
        _write_block(b, block, sections)
        if when:
            b.tag("{%p endif %}")


def _write_block(b: Builder, block: Block, sections: dict[str, Any]) -> None:
    if "use" in block:
        section = sections[block["use"]]
        args = {**section.get("defaults", {}), **block}
        write_blocks(b, _bind(section["blocks"], args), sections)
    elif "insert" in block:
        write_blocks(b, block["insert"], sections)
    elif "heading" in block:
        text, level = block["heading"], block.get("level", 1)
        if isinstance(text, str):
            b.heading(text, level)
        else:
            b.dyn_heading(text, level)
    elif "para" in block:
        b.para(block["para"], style=block.get("style"), bold_first=block.get("bold_first", False))
        if block.get("keep_with_next"):
            b.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    elif "tag" in block:
        b.tag(block["tag"])
    elif "bullets" in block:
        b.bullets(block["bullets"], item=block.get("item", "punkt"))
    elif "loop" in block:
        b.loop(block["loop"], lambda: write_blocks(b, block["body"], sections))
    elif "figure" in block:
        b.figure(block["figure"], block["caption"])
    elif "table" in block:
        b.table(
            block["table"],
            [_col(c) for c in block["cols"]],
            item=block.get("item", "r"),
            total=block.get("total"),
            caption=block["caption"],
            source=block["source"],
            spans=[(text, width) for text, width in block.get("spans", ())],
            header_pt=block.get("header_pt", 9.5),
        )
    else:
        raise ValueError(f"{LAYOUT.name}: ukendt blok {sorted(block)}")


def load_layout() -> dict[str, Any]:
    """The layout data: the shared sections and each template's blocks."""
    return bundled_toml(LAYOUT)


def build(name: str, out: Path) -> Path:
    """Write the template `name` (e.g. "rapport_drift.docx") to out."""
    layout = load_layout()
    spec = next(t for t in layout["template"] if t["file"] == name)
    b = Builder(spec["title"], spec["subtitle"])
    write_blocks(b, spec["blocks"], layout["section"])
    return b.save(out)


def build_all(out_dir: Path = HERE) -> list[Path]:
    """Write every template into out_dir; return their paths."""
    return [build(name, out_dir / name) for name in TEMPLATE_NAMES]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for written in build_all(target):
        print(written)
