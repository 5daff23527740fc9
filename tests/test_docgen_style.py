"""A municipality's house style (`--stil MAPPE`, #14): the example style in examples/stil reaches
the report's styles, header and cover and the slides' layouts; a style folder that holds
macros, broken or unsafe files is refused with one Danish line and nothing is written."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cli import app
from docgen import reports
from docgen.errors import StyleError
from docgen.house_style import load_style
from docgen.presentation import write_presentation
from store import open_store
from tests.conftest import ROOT
from tests.test_docgen_reports import docx_text

EXAMPLE = ROOT / "examples" / "stil"
TODAY = date(2024, 3, 1)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _style(styles: etree._Element, name: str) -> etree._Element:
    """The style called name (as Word names it, e.g. 'heading 1'), whatever its id."""
    for s in styles.iter(w("style")):
        label = s.find(w("name"))
        if label is not None and label.get(w("val")).lower() == name:
            return s
    raise AssertionError(f"no style {name!r}")


def _font_and_colour(style: etree._Element) -> tuple[str | None, str | None]:
    rpr = style.find(w("rPr"))
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    colour = rpr.find(w("color")) if rpr is not None else None
    return (
        fonts.get(w("ascii")) if fonts is not None else None,
        colour.get(w("val")) if colour is not None else None,
    )


@pytest.fixture(scope="module")
def style():
    return load_style(EXAMPLE)


@pytest.fixture(scope="module")
def styled_report(style, tmp_path_factory):
    with open_store(memory=True) as store:
        return reports.write_reports(
            store, "drift", tmp_path_factory.mktemp("stil"), today=TODAY, style=style
        )[0][0]


def test_report_takes_the_reference_fonts_colours_and_margins(styled_report):
    reference = _part(EXAMPLE / "stil.docx", "word/styles.xml")
    rendered = _part(styled_report, "word/styles.xml")
    for name in ("heading 1", "heading 2", "title", "normal", "caption"):
        expected = _font_and_colour(_style(reference, name))
        assert expected[0], name  # the example sets a font on each of these
        assert _font_and_colour(_style(rendered, name)) == expected, name
    # the report still refers to its headings by the template's ids (a Danish Word calls
    # the reference's Overskrift1), so the headings really are in the house style
    heading = _style(rendered, "heading 1").get(w("styleId"))
    body = _part(styled_report, "word/document.xml")
    assert any(p.get(w("val")) == heading for p in body.iter(w("pStyle")))
    ref_margins = _part(EXAMPLE / "stil.docx", "word/document.xml").find(
        f"{w('body')}/{w('sectPr')}/{w('pgMar')}"
    )
    margins = body.find(f"{w('body')}/{w('sectPr')}/{w('pgMar')}")
    for side in ("top", "left", "right", "bottom"):
        assert margins.get(w(side)) == ref_margins.get(w(side)), side


def test_bullets_and_table_headings_follow_the_style(styled_report):
    rendered = _part(styled_report, "word/styles.xml")
    numbering = _part(styled_report, "word/numbering.xml")
    num = _style(rendered, "list bullet").find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
    assert num is not None  # the template's bullets survive the reference's styles
    assert num.get(w("val")) in {n.get(w("numId")) for n in numbering.iter(w("num"))}
    body = _part(styled_report, "word/document.xml")
    fills = {s.get(w("fill")) for s in body.iter(w("shd"))}
    assert "DCE6F1" not in fills  # the standard light blue heading row is gone
    r, g, b = (int(f[i : i + 2], 16) for f in fills for i in (0, 2, 4))
    assert g > r and g > b and min(r, g, b) > 180  # a light tint of the green headings


def test_header_and_cover_hold_the_logo_and_no_reference_text(style, styled_report):
    from docx import Document

    doc = Document(str(styled_report))
    section = doc.sections[0]
    for header in (section.header, section.first_page_header):
        blips = header._element.findall(f".//{{{A}}}blip")
        assert len(blips) == 1
        image = header.part.related_parts[
            blips[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
        ]
        assert image.blob == style.logo_png
    text = docx_text(styled_report)
    reference = Document(str(EXAMPLE / "stil.docx"))
    copied = [p.text for p in reference.paragraphs if p.text and p.text in text]
    copied += [
        p.text for p in reference.sections[0].header.paragraphs if p.text.strip() and p.text.strip() in text
    ]
    assert not copied
    assert "Drift af beskæftigelsestilbud" in text  # the report's own text is all there


def test_logo_comes_from_the_reference_header_without_logo_png(tmp_path):
    from PIL import Image

    shutil.copy(EXAMPLE / "stil.docx", tmp_path / "egebjerg.docx")
    style = load_style(tmp_path)
    assert style.word_file == "egebjerg.docx"
    assert style.logo_file == "egebjerg.docx (sidehovedet)"
    with zipfile.ZipFile(EXAMPLE / "stil.docx") as z:
        original = Image.open(io.BytesIO(z.read("word/media/image1.png")))
    assert Image.open(io.BytesIO(style.logo_png)).size == original.size
    assert style.slides_pptx is None


@pytest.mark.slow
def test_slides_use_the_template_master_and_layouts(style, tmp_path):
    from pptx import Presentation

    template = Presentation(io.BytesIO(style.slides_pptx))
    names = {layout.name for layout in template.slide_layouts}
    with open_store(memory=True) as store:
        out = write_presentation(store, tmp_path / "p.pptx", today=TODAY, style=style)
    prs = Presentation(str(out))
    used = [s.slide_layout.name for s in prs.slides]
    assert set(used) <= names
    assert used[0] == "Titeldias" and set(used[1:]) == {"Titel og indhold"}
    assert (prs.slide_width, prs.slide_height) == (template.slide_width, template.slide_height)
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob
    assert b'typeface="Georgia"' in theme
    assert len(prs.slide_master.shapes) == len(template.slide_master.shapes)  # band and logo


def _template_with_slide(path: Path, rename: dict[str, str]) -> None:
    """A .pptx template holding one slide with text, its layouts renamed."""
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "FORTROLIGT UDKAST"
    for layout in prs.slide_layouts:
        layout.name = rename.get(layout.name, layout.name)
    prs.save(str(path))
    # PowerPoint lists the slide titles in docProps/app.xml
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(
        b"</Properties>",
        b"<TitlesOfParts><vt:vector size='1' baseType='lpstr'><vt:lpstr>"
        b"FORTROLIGT UDKAST</vt:lpstr></vt:vector></TitlesOfParts></Properties>",
    )
    with zipfile.ZipFile(path, "w") as dst:
        for name, content in parts.items():
            dst.writestr(name, content)


def test_template_slides_are_removed_and_layouts_found_by_placeholders(tmp_path):

    _template_with_slide(
        tmp_path / "skabelon.pptx", {"Title Slide": "Egebjerg forside", "Title and Content": "Egebjerg tekst"}
    )
    style = load_style(tmp_path)
    with zipfile.ZipFile(io.BytesIO(style.slides_pptx)) as z:
        assert not [
            n for n in z.namelist() if n.startswith(("ppt/slides/", "docProps/app", "docProps/thumbnail"))
        ]
        assert not any(b"FORTROLIGT" in z.read(n) for n in z.namelist())
    from docgen.house_style import pick_layout, presentation_base

    prs = presentation_base(style)
    assert len(prs.slides) == 0
    assert pick_layout(prs, "title").name == "Egebjerg forside"
    assert pick_layout(prs, "content").name == "Egebjerg tekst"


# --------------------------------------------------------------------------------------------
# Refusals: one Danish line, no traceback, nothing written


def _report(tmp_path: Path, stil: Path):
    return CliRunner().invoke(app, ["report", "drift", "--out", str(tmp_path / "ud"), "--stil", str(stil)])


def _refused(tmp_path: Path, stil: Path, line: str) -> None:
    result = _report(tmp_path, stil)
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines()[-1] == f"Fejl: {line}"
    assert "Traceback" not in result.output
    assert not (tmp_path / "ud").exists()


def test_macro_file_is_refused_in_danish(tmp_path):
    stil = tmp_path / "stil"
    stil.mkdir()
    shutil.copy(EXAMPLE / "stil.docx", stil / "stil.docx")
    shutil.copy(EXAMPLE / "stil.docx", stil / "stil.docm")
    _refused(
        tmp_path,
        stil,
        f"{stil / 'stil.docm'}: filen kan indeholde makroer (.docm), og "
        "afdaek bruger ikke filer med makroer; gem den som .docx eller .potx og slet denne "
        "fil fra stilmappen",
    )


def test_docx_with_a_vba_project_is_refused(tmp_path):
    stil = tmp_path / "stil"
    stil.mkdir()
    with zipfile.ZipFile(EXAMPLE / "stil.docx") as src, zipfile.ZipFile(stil / "stil.docx", "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/vbaProject.bin", b"\0" * 64)
    _refused(
        tmp_path,
        stil,
        f"{stil / 'stil.docx'}: filen indeholder makroer; afdaek åbner "
        "ikke filer med makroer, gem en udgave uden makroer (.docx eller .xlsx)",
    )


def test_corrupt_docx_gives_one_line_and_no_traceback(tmp_path):
    stil = tmp_path / "stil"
    stil.mkdir()
    (stil / "stil.docx").write_bytes(b"PK\x03\x04 dette er ikke en Word-fil")
    _refused(tmp_path, stil, f"{stil / 'stil.docx'}: Word-filen er beskadiget og kan ikke læses")


def test_docx_without_styles_and_broken_xml(tmp_path):
    for part, content, problem in (
        ("word/styles.xml", None, "Word-filen har ingen typografier (styles.xml); gem den igen i Word"),
        ("word/styles.xml", b"<w:styles", "filen er beskadiget (delen word/styles.xml kan ikke læses)"),
    ):
        stil = tmp_path / f"stil{len(problem)}"
        stil.mkdir()
        with zipfile.ZipFile(EXAMPLE / "stil.docx") as src, zipfile.ZipFile(stil / "stil.docx", "w") as dst:
            for info in src.infolist():
                if info.filename != part:
                    dst.writestr(info, src.read(info))
                elif content is not None:
                    dst.writestr(info, content)
        with pytest.raises(StyleError) as exc:
            load_style(stil)
        assert str(exc.value) == f"{stil / 'stil.docx'}: {problem}"


def test_broken_logo_and_empty_folder(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(StyleError) as exc:
        load_style(tmp_path)
    assert str(exc.value) == f"{tmp_path / 'logo.png'}: billedet er beskadiget eller ikke et billede"
    empty = tmp_path / "tom"
    empty.mkdir()
    _refused(
        tmp_path,
        empty,
        f"{empty}: stilmappen indeholder hverken en Word-fil (stil.docx), "
        "et logo (logo.png) eller en PowerPoint-skabelon (stil.potx)",
    )


def test_two_word_files_and_a_link_are_refused(tmp_path):
    shutil.copy(EXAMPLE / "stil.docx", tmp_path / "a.docx")
    shutil.copy(EXAMPLE / "stil.docx", tmp_path / "b.dotx")
    with pytest.raises(StyleError) as exc:
        load_style(tmp_path)
    assert str(exc.value) == (
        f"{tmp_path}: stilmappen har flere Word-filer (a.docx, b.dotx); kald den, der skal bruges, stil.docx"
    )
    linked = tmp_path / "link"
    linked.mkdir()
    (linked / "logo.png").symlink_to(EXAMPLE / "logo.png")
    with pytest.raises(StyleError) as exc:
        load_style(linked)
    assert "genvej (symbolsk link)" in str(exc.value)


def test_template_linking_an_outside_picture_is_refused(tmp_path):
    from pptx import Presentation

    prs = Presentation()
    master = prs.slide_master.part
    master.relate_to(
        "file:///etc/passwd",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        is_external=True,
    )
    prs.save(str(tmp_path / "stil.pptx"))
    with pytest.raises(StyleError) as exc:
        load_style(tmp_path)
    assert str(exc.value).startswith(
        f"{tmp_path / 'stil.pptx'}: skabelonen henter en ekstern fil eller adresse (file:///etc/passwd)"
    )


@pytest.mark.slow
def test_demo_with_the_example_style(tmp_path):
    from pptx import Presentation

    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo"), "--stil", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert (
        f"Husstil fra {EXAMPLE}: typografier fra stil.docx, logo fra logo.png, dias fra "
        "stil.potx" in result.output
    )
    slides = Presentation(str(tmp_path / "demo" / "praesentation.pptx")).slides
    assert {s.slide_layout.name for s in slides} == {"Titeldias", "Titel og indhold"}
    for name in ("rapport_sanktioner.docx", "screening.docx", "anbefalinger_status.docx"):
        styles = _part(tmp_path / "demo" / name, "word/styles.xml")
        assert _font_and_colour(_style(styles, "heading 1"))[0] == "Georgia", name


def test_charts_take_the_heading_colour(style):
    from PIL import Image

    from docgen.charts import PALETTE, Chart, render_png
    from docgen.house_style import recolour_charts

    chart = Chart("bar", "Udgift", ("A", "B", "C"), (("Egebjerg", (3.0, 5.0, 4.0)),))
    context = {"figurer": [chart], "tekst": "uændret"}
    styled = recolour_charts(context, style.chart_colour)
    assert styled["tekst"] == "uændret"

    def main_colour(c: Chart) -> str:
        img = Image.open(io.BytesIO(render_png(c))).convert("RGB")
        counts = sorted(img.getcolors(1 << 20), reverse=True)
        colour = next(rgb for _n, rgb in counts if rgb != (255, 255, 255))
        return "#{:02x}{:02x}{:02x}".format(*colour)

    assert main_colour(chart) == PALETTE[0]
    heading = _font_and_colour(_style(_part(EXAMPLE / "stil.docx", "word/styles.xml"), "heading 1"))[1]
    assert main_colour(styled["figurer"][0]) == f"#{heading.lower()}"


@pytest.mark.slow
def test_damaged_files_give_a_style_error_and_nothing_else(tmp_path):
    """Truncated files and flipped bytes anywhere in the Word file, the template or the logo:
    always one StyleError naming the file (or a usable style), never another exception."""
    import random

    rng = random.Random(14)
    usable = []
    for name in ("stil.docx", "stil.potx", "logo.png"):
        data = (EXAMPLE / name).read_bytes()
        variants = [data[: len(data) // k] for k in (2, 3, 10)]
        for flips in (1, 2, 3, 5, 8, 13, 21, 40) * 2:
            damaged = bytearray(data)
            for pos in rng.sample(range(len(damaged)), flips):
                damaged[pos] ^= 0xFF
            variants.append(bytes(damaged))
        for i, variant in enumerate(variants):
            folder = tmp_path / f"{name}-{i}"
            folder.mkdir()
            (folder / name).write_bytes(variant)
            try:
                usable.append(load_style(folder))
            except StyleError as exc:
                assert str(exc).startswith(f"{folder / name}"), str(exc)
                assert "\n" not in str(exc)
    # a damaged file that is still usable (the damage hit a part afdaek does not read) renders
    with open_store(memory=True) as store:
        for style in usable[:4]:
            out = tmp_path / f"ud-{len(list(tmp_path.iterdir()))}"
            if style.styles_word:
                reports.write_reports(store, "borgermoede", out, today=TODAY, style=style)[0][0]
            if style.slides_pptx:
                write_presentation(store, out / "p.pptx", today=TODAY, style=style)
