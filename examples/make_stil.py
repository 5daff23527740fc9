"""Build the example house style of the fictional Egebjerg Kommune in examples/stil/.

Run from the repository root: `python examples/make_stil.py`. It writes

- `stil/logo.png`: a logo drawn with Pillow (a green oak-leaf mark and the name);
- `stil/stil.docx`: a reference Word file as a Danish Word saves it (style ids such as
  Overskrift1 and Titel): Georgia headings in green, Verdana text, other margins and the logo
  in the header. Its text only describes the style; afdaek never copies it into a report;
- `stil/stil.potx`: a PowerPoint template (16:9) with Danish layout names, Georgia/Verdana
  theme fonts, green titles, a green band and the logo on the master.

`afdaek demo --stil examples/stil` shows the reports and the slides in this style. Timestamps
inside the files are fixed, so a re-run gives the same files.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "stil"
GREEN = (0x2E, 0x6B, 0x30)
GREEN_HEX = "2E6B30"
LIGHT_HEX = "6E9A5E"
HEADING_FONT = "Georgia"
BODY_FONT = "Verdana"

sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from make_examples import FIXED_TIME, fix_zip_times  # noqa: E402

# ------------------------------------------------------------------------------------------
# The logo


def logo_png() -> bytes:
    """A 720 × 240 logo: a green rounded square with a white leaf, and the name beside it."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGBA", (720, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((10, 10, 230, 230), radius=36, fill=GREEN + (255,))
    # an oak leaf: a stem and five lobes on each side
    draw.ellipse((92, 40, 148, 190), fill="white")
    for y, r in ((62, 16), (92, 23), (122, 27), (152, 22)):
        draw.ellipse((120 - 12 - 2 * r, y - r + 8, 120 - 12, y + r + 8), fill="white")
        draw.ellipse((120 + 12, y - r, 120 + 12 + 2 * r, y + r), fill="white")
    draw.line((120, 214, 120, 185), fill="white", width=8)
    draw.line((120, 185, 120, 60), fill=GREEN + (255,), width=4)
    try:
        big = ImageFont.truetype("DejaVuSerif-Bold.ttf", 64)
        small = ImageFont.truetype("DejaVuSans.ttf", 34)
    except OSError:  # no DejaVu: Pillow's own font
        big = ImageFont.load_default(64)
        small = ImageFont.load_default(34)
    draw.text((260, 52), "Egebjerg", font=big, fill=GREEN + (255,))
    draw.text((262, 140), "KOMMUNE", font=small, fill=(0x40, 0x40, 0x40, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------
# The reference Word file

DANISH_IDS = {
    "Heading1": "Overskrift1",
    "Heading2": "Overskrift2",
    "Heading3": "Overskrift3",
    "Heading1Char": "Overskrift1Tegn",
    "Heading2Char": "Overskrift2Tegn",
    "Heading3Char": "Overskrift3Tegn",
    "Title": "Titel",
    "TitleChar": "TitelTegn",
    "Subtitle": "Undertitel",
    "SubtitleChar": "UndertitelTegn",
    "Caption": "Billedtekst",
    "Header": "Sidehoved",
    "HeaderChar": "SidehovedTegn",
    "Footer": "Sidefod",
    "FooterChar": "SidefodTegn",
    "TableGrid": "Tabel-Gitter",
}
"""python-docx's style ids and the ids a Danish Word gives the same styles."""


def _fonts(style, name: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn

    style.font.name = name
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def reference_docx(logo: bytes) -> bytes:
    """The reference Word file (see the module docstring)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, BODY_FONT)
    normal.font.size = Pt(10)
    normal.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.2
    for name, size in (("Heading 1", 17), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        _fonts(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = name != "Heading 1"
        style.font.color.rgb = RGBColor.from_string(GREEN_HEX if name != "Heading 3" else LIGHT_HEX)
        style.paragraph_format.space_before = Pt(20 if name == "Heading 1" else 12)
        style.paragraph_format.space_after = Pt(6)
    title = styles["Title"]
    _fonts(title, HEADING_FONT)
    title.font.size = Pt(34)
    title.font.color.rgb = RGBColor.from_string(GREEN_HEX)
    border = title.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    if border is not None:  # python-docx's Title has a blue rule under it
        border.getparent().remove(border)
    subtitle = styles["Subtitle"]
    _fonts(subtitle, BODY_FONT)
    subtitle.font.size = Pt(14)
    subtitle.font.italic = False
    subtitle.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    caption = styles["Caption"]
    _fonts(caption, BODY_FONT)
    caption.font.size = Pt(8.5)
    caption.font.italic = True
    caption.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    # green borders on Table Grid
    grid = styles["Table Grid"].element
    for border in grid.iter(
        qn("w:top"), qn("w:left"), qn("w:bottom"), qn("w:right"), qn("w:insideH"), qn("w:insideV")
    ):
        border.set(qn("w:color"), LIGHT_HEX)

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run().add_picture(io.BytesIO(logo), height=Cm(1.3))
    header.add_run("  Egebjerg Kommune · Jobcenter")

    doc.add_paragraph("Egebjerg Kommunes husstil", style="Title")
    doc.add_paragraph("Referencedokument til afdaek", style="Subtitle")
    doc.add_heading("Sådan bruges filen", level=1)
    doc.add_paragraph(
        "Rapporterne får typografierne, farverne, margenerne og logoet i sidehovedet fra "
        "denne fil. Teksten her kommer aldrig med i en rapport, så den kan skrives om frit."
    )
    doc.add_heading("Overskrift 2", level=2)
    doc.add_paragraph("Brødtekst i Verdana 10 punkt.")
    doc.add_heading("Overskrift 3", level=3)
    doc.add_paragraph("Figur 1. Billedtekst under en figur.", style="Caption")
    core = doc.core_properties
    core.created = core.modified = FIXED_TIME
    core.author = core.last_modified_by = "Egebjerg Kommune"
    core.title = "Egebjerg Kommunes husstil"
    buf = io.BytesIO()
    doc.save(buf)
    return _as_danish_word(buf.getvalue())


def _as_danish_word(data: bytes) -> bytes:
    """The .docx with the style ids a Danish Word writes (styles.xml and every reference) and
    the house style's theme (fonts and colours, so theme colours are green too)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    ids = "|".join(map(re.escape, DANISH_IDS))  # ids only: a style's name stays English
    pattern = re.compile(
        rf"(w:styleId|<w:(?:basedOn|next|link|pStyle|rStyle|tblStyle) w:val)"
        rf'="({ids})"'
    )
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = content.decode("utf-8")
                text = pattern.sub(lambda m: f'{m.group(1)}="{DANISH_IDS[m.group(2)]}"', text)
                if info.filename.startswith("word/theme/"):
                    text = _theme(text)
                content = text.encode("utf-8")
            dst.writestr(info, content)
    return out.getvalue()


# ------------------------------------------------------------------------------------------
# The PowerPoint template

LAYOUT_NAMES = {
    "Title Slide": "Titeldias",
    "Title and Content": "Titel og indhold",
    "Section Header": "Sektionsoverskrift",
    "Two Content": "To indholdselementer",
    "Comparison": "Sammenligning",
    "Title Only": "Kun titel",
    "Blank": "Tom",
    "Content with Caption": "Indhold med billedtekst",
    "Picture with Caption": "Billede med billedtekst",
    "Title and Vertical Text": "Titel og lodret tekst",
    "Vertical Title and Text": "Lodret titel og tekst",
}


def _theme(xml: str) -> str:
    """python-pptx's default theme with Georgia/Verdana and a green colour scheme."""
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{HEADING_FONT}", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{BODY_FONT}", xml)
    for slot, colour in (
        ("dk2", GREEN_HEX),
        ("accent1", GREEN_HEX),
        ("accent2", "C58B2B"),
        ("accent3", LIGHT_HEX),
    ):
        xml = re.sub(
            rf"(<a:{slot}>\s*<a:(?:srgbClr|sysClr)[^>]*?)(?:val|lastClr)=\"[0-9A-Fa-f]{{6}}\"",
            rf'\g<1>val="{colour}"',
            xml,
        )
        xml = re.sub(rf"<a:{slot}>\s*<a:sysClr[^>]*/>", f'<a:{slot}><a:srgbClr val="{colour}"/>', xml)
    return re.sub(r'(<a:theme [^>]*name=")[^"]*', r"\g<1>Egebjerg", xml)


def template_potx(logo: bytes) -> bytes:
    """The PowerPoint template (see the module docstring), as a .potx package."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Cm

    prs = Presentation()
    factor = Cm(33.867) / prs.slide_width  # 4:3 → 16:9: stretch every position sideways
    prs.slide_width, prs.slide_height = Cm(33.867), Cm(19.05)
    master = prs.slide_master
    for owner in [master, *prs.slide_layouts]:
        for off in owner._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}off"):
            off.set("x", str(int(int(off.get("x")) * factor)))
        for ext in owner._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}ext"):
            if ext.get("cx") is not None:
                ext.set("cx", str(int(int(ext.get("cx")) * factor)))
    for layout in prs.slide_layouts:
        layout.name = LAYOUT_NAMES.get(layout.name, layout.name)
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = _theme(theme.blob.decode("utf-8")).encode("utf-8")
    # titles in green (the master's title style)
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    title_style = master._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles/"
        "{http://schemas.openxmlformats.org/presentationml/2006/main}titleStyle"
    )
    for fill in title_style.iter(f"{ns}schemeClr"):
        fill.set("val", "accent1")
    level1 = title_style.find(f"{ns}lvl1pPr")
    level1.set("algn", "l")
    level1.find(f"{ns}defRPr").set("sz", "3600")
    # the master's title leaves room for the logo at the top right
    from pptx.enum.shapes import PP_PLACEHOLDER

    for ph in master.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            ph.left, ph.width = Cm(1.5), Cm(33.867 - 1.5 - 7.5)
    # a green band at the bottom and the logo at the top right, behind the placeholders
    # (python-pptx adds shapes to slides only: build the two elements directly)
    from pptx.oxml.shapes.autoshape import CT_Shape
    from pptx.oxml.shapes.picture import CT_Picture
    from pptx.shapes.autoshape import Shape

    tree = master.shapes._spTree
    band = CT_Shape.new_autoshape_sp(900, "Grønt bånd", "rect", 0, Cm(18.2), Cm(33.867), Cm(0.85))
    tree.insert(2, band)  # after the group properties: drawn first
    shape = Shape(band, master.shapes)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(*GREEN)
    shape.line.fill.background()
    _part, rid = master.part.get_or_add_image_part(io.BytesIO(logo))
    height = Cm(1.6)
    width = int(height * 3)  # the logo is 720 × 240
    tree.insert(
        3,
        CT_Picture.new_pic(
            901, "Logo", "Egebjerg Kommunes logo", rid, Cm(33.867 - 1.2) - width, Cm(0.5), width, height
        ),
    )
    core = prs.core_properties
    core.created = core.modified = FIXED_TIME
    core.author = core.last_modified_by = "Egebjerg Kommune"
    core.title = "Egebjerg Kommune"
    core.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return _as_template(buf.getvalue())


def _as_template(data: bytes) -> bytes:
    """A .pptx package marked as a template (.potx)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
                )
            dst.writestr(info, content)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    logo = logo_png()
    (OUT / "logo.png").write_bytes(logo)
    for name, data in (("stil.docx", reference_docx(logo)), ("stil.potx", template_potx(logo))):
        path = OUT / name
        path.write_bytes(data)
        fix_zip_times(path)
    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f"husstil skrevet i {OUT} ({total / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
