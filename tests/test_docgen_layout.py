"""Layout of the report templates and the PDF: footer, tables, TOC with page numbers, no tool
name in what politicians read (issue 14)."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from docgen import reports
from docgen.toc import locate
from templates_docx.build_anbefalinger import build as build_anbefalinger
from templates_docx.build_templates import build_all


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    out = tmp_path_factory.mktemp("skabeloner")
    return build_all(out) + [build_anbefalinger(out)]


def _xml(path, part):
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_committed_templates_are_what_the_layout_builds(templates):
    """The .docx files shipped in templates_docx/ hold, part for part, what build_templates
    writes from layout.toml (and build_anbefalinger from its code): run
    `python -m templates_docx.build_templates` after changing the layout."""
    for built in templates:
        shipped = reports.TEMPLATES_DIR / built.name
        with zipfile.ZipFile(built) as new, zipfile.ZipFile(shipped) as old:
            assert sorted(new.namelist()) == sorted(old.namelist()), built.name
            for part in new.namelist():
                assert new.read(part) == old.read(part), f"{built.name}: {part}"


def test_footer_says_side_x_af_y(templates):
    for path in templates:
        doc = Document(str(path))
        footer = doc.sections[0].footer._element
        instr = " ".join(i.text for i in footer.iter(qn("w:instrText")))
        assert "PAGE" in instr and "NUMPAGES" in instr, path.name
        assert " af " in "".join(t.text or "" for t in footer.iter(qn("w:t"))), path.name


def test_tables_keep_rows_whole_and_repeat_header(templates):
    for path in templates[:5]:  # the builder's tables
        doc = Document(str(path))
        for table in doc.tables:
            rows = table.rows
            assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, path.name
            for row in rows:
                assert row._tr.trPr.find(qn("w:cantSplit")) is not None, path.name
            heading = rows[0].cells[0].paragraphs[0]._p.pPr
            assert heading.find(qn("w:suppressAutoHyphens")) is not None, path.name


def test_tool_name_nowhere_in_templates(templates):
    for path in templates:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".xml"):
                    assert "afdaek" not in z.read(name).decode("utf-8").lower(), f"{path.name}: {name}"


def test_locate_finds_headings_in_page_order():
    pages = [
        "Forside",
        "Indhold\nSammenfatning ..... 3",
        "Sammenfatning\ntekst",
        "Resultater\nmere",
        "Datagrundlag\nSammenfatning nævnt igen",
    ]
    found = locate([(1, "Sammenfatning"), (1, "Resultater"), (1, "Datagrundlag")], pages)
    assert found == [3, 4, 5]


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice/pdftotext er ikke installeret",
)
def test_pdf_has_toc_with_page_numbers(tmp_path):
    import subprocess

    from store import open_store

    with open_store(memory=True) as store:
        docx = reports.write_reports(store, "drift", tmp_path, today=date(2024, 5, 1))[0][0]
    pdf = reports.to_pdf(docx)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    contents = next(p for p in pages if "Indhold" in p)
    lines = [line for line in contents.splitlines() if "Datagrundlag" in line]
    assert lines and lines[0].rstrip()[-1].isdigit(), contents
    page = int(re.search(r"(\d+)\s*$", lines[0]).group(1))  # "Datagrundlag ....... 4"
    assert "Datagrundlag" in pages[page - 1]
    assert f"side 2 af {len([p for p in pages if p.strip()])}" in text
    # the Word file got the same contents with page numbers
    xml = _xml(docx, "word/document.xml")
    assert "TOC \\o" in xml and "updateFields" not in _xml(docx, "word/settings.xml")
    assert "afdaek" not in text.lower()


def test_column_headings_fit_their_longest_word():
    from templates_docx.build_templates import TEXT_WIDTH_CM, Col, _column_widths, _min_width

    cols = [
        Col("Tilbud", "a", 3.0),
        Col("Leverandør", "b", 3.0),
        Col("Årlig udgift", "c", 2.0),
        Col("Pladser", "d", 1.0),
        Col("Deltagere", "e", 1.0),
        Col("Uger", "f", 1.0),
        Col("Pris pr. deltager", "g", 1.8),
        Col("Pris pr. plads", "h", 1.8),
    ]
    widths = _column_widths(cols)
    assert sum(widths) <= TEXT_WIDTH_CM + 1e-9
    for col, width in zip(cols, widths):
        assert width >= _min_width(col.heading) - 1e-9, col.heading


def test_every_chart_has_alt_text_with_its_numbers(tmp_path):
    import re

    from docgen.charts import Chart, alt_text, png_description, render_png

    chart = Chart(
        "bar",
        "Omgørelsesprocent pr. år",
        ("2019", "2022"),
        (("Egebjerg", (45.8, 23.3)), ("Hele landet", (30.0, 27.7))),
        percent=True,
        decimals=1,
    )
    alt = alt_text(chart)
    assert alt.startswith("Søjlediagram: Omgørelsesprocent pr. år.")
    assert "Egebjerg: 2019: 45,8 %; 2022: 23,3 %." in alt and "Hele landet:" in alt
    assert png_description(render_png(chart)) == alt

    from store import open_store

    with open_store(memory=True) as store:
        docx = reports.write_reports(store, "drift", tmp_path, today=date(2024, 5, 1))[0][0]
    xml = _xml(docx, "word/document.xml")
    pictures = re.findall(r"<wp:docPr\b[^>]*>", xml)
    for pic in pictures:
        assert re.search(r'descr="[^"]{20,}"', pic), pic


def test_long_series_alt_text_gives_first_and_last_value():
    from docgen.charts import Chart, alt_text

    quarters = tuple(f"{q}. kvt. {y}" for y in range(2019, 2023) for q in range(1, 5))
    chart = Chart(
        "line",
        "Sanktioner pr. periode",
        quarters,
        (("Egebjerg", tuple(float(i) for i in range(16))), ("Vejle", tuple(float(i * 2) for i in range(16)))),
    )
    alt = alt_text(chart)
    assert "Egebjerg: fra 0 (1. kvt. 2019) til 15 (4. kvt. 2022)." in alt
    assert "Vejle: fra 0 (1. kvt. 2019) til 30 (4. kvt. 2022)." in alt
    assert len(alt) < 400


def _deck(store, tmp_path):
    from pptx import Presentation

    from docgen.presentation import write_presentation

    return Presentation(str(write_presentation(store, tmp_path / "p.pptx", today=date(2024, 5, 1))))


@pytest.mark.slow
def test_presentation_storyline_on_the_demo(tmp_path):
    """Seed 000, Del 4: 10-15 slides with notes, 16:9, centred titles, the reports' numbers,
    levers 'hvis I vil …', no tool name and no text outside its box."""
    from click.testing import CliRunner
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Cm

    from cli import app
    from docgen.presentation import font_size, text_fits
    from docgen.reports import build_report_context
    from store import open_store

    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    with open_store(tmp_path / "demo" / "afdaek.db") as store:
        prs = _deck(store, tmp_path)
        drift = build_report_context(store, "drift", today=date(2024, 5, 1))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    slides = list(prs.slides)
    assert 10 <= len(slides) <= 15
    texts = []
    for slide in slides:
        assert slide.notes_slide.notes_text_frame.text.strip()
        title = slide.shapes.title
        assert title.text_frame.paragraphs[0].alignment == PP_ALIGN.CENTER
        assert abs((title.left + title.width / 2) - prs.slide_width / 2) < Cm(0.1)
        for shape in slide.shapes:
            if shape.has_text_frame and shape is not title:
                lines = [p.text for p in shape.text_frame.paragraphs if p.text]
                sizes = {
                    r.font.size.pt
                    for p in shape.text_frame.paragraphs
                    for r in p.runs
                    if r.font.size is not None
                }
                pt = min(sizes) if sizes else font_size(lines, shape.width / 360000, shape.height / 360000)
                assert text_fits(lines, shape.width / 360000, shape.height / 360000, pt), lines
                assert shape.left + shape.width <= prs.slide_width
                assert shape.top + shape.height <= prs.slide_height
        texts.append("\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))
    deck = "\n".join(texts)
    assert "afdaek" not in deck.lower()
    assert drift["sammenfatning"][0] in deck  # the same sentence, not recomputed
    assert "Hvis I vil have" in deck and "koster det" in deck
    assert not any(t.startswith("Hvis I vil") and "mangler" in t for t in texts)


def test_slides_levers_use_the_reports_scenario_file(tmp_path):
    """The deck's 'hvis I vil …' lines are the sanctions report's scenarios computed with the
    same scenario file: with the municipality's own file the slide and the report agree."""
    from docgen.presentation import storyline
    from docgen.reports import build_report_context
    from tests.test_docgen_reports import make_store

    scenarios = Path(__file__).resolve().parents[1] / "examples" / "tables" / "scenarier.toml"
    store = make_store()
    today = date(2024, 5, 1)
    sank = build_report_context(store, "sanktioner", today=today, scenarios_path=scenarios)
    nets = [
        r["vaerdi"] for s in sank["scenarier"] for r in s["raekker"] if r["tekst"].startswith("Nettovirkning")
    ]
    assert nets
    text = "\n".join(
        "\n".join(s.bullets) + "\n" + s.notes for s in storyline(store, today, scenarios_path=scenarios)
    )
    for net in nets:
        assert f"nettovirkningen {net} om året" in text
