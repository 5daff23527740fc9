"""Rendering: the sandbox, template preflight in Danish, charts and Danish formats."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from docgen.charts import Chart, render_png
from docgen.errors import TemplateError
from docgen.formatting import (
    anonymise_quote,
    cut_to_sentence,
    format_share,
    format_signed,
    format_value,
    quote,
)
from docgen.render import render, validate_template


def _template(path: Path, *paragraphs: str) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def test_sandbox_refuses_python_internals(tmp_path):
    tpl = _template(tmp_path / "ond.docx", "Hej {{ navn }}", "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match=r"ond\.docx: .*Python-interne"):
        render(tpl, {"navn": "x"}, tmp_path / "ud.docx")
    assert not (tmp_path / "ud.docx").exists()


def test_render_escapes_xml_and_fills_tags(tmp_path):
    tpl = _template(tmp_path / "t.docx", "Antal: {{ antal }} & {{ tekst }}")
    out = render(tpl, {"antal": "<5", "tekst": "A & B"}, tmp_path / "ud.docx")
    assert docx.Document(str(out)).paragraphs[0].text == "Antal: <5 & A & B"


def test_unknown_variable_is_reported_in_danish_with_line(tmp_path):
    tpl = _template(tmp_path / "skabelon.docx", "Rapport for {{ kommune }}", "Tekst", "Dato: {{ datoo }}")
    problems = validate_template(tpl, {"kommune", "dato"})
    assert len(problems) == 1
    assert str(problems[0]) == (
        'skabelon.docx, linje 4: skabelonen bruger variablen "datoo", som rapporten ikke '
        'leverer (mente du "dato"?)'
    )


def test_syntax_error_is_reported_in_danish_with_line(tmp_path):
    tpl = _template(tmp_path / "fejl.docx", "{{ kommune }}", "{% for r in rader %}", "{{ r }}")
    problems = validate_template(tpl, {"kommune", "rader"})
    assert len(problems) == 1
    p = problems[0]
    assert p.kind == "syntaks"
    assert p.template == "fejl.docx" and p.line is not None
    assert "skabelonen slutter, før en blok er lukket" in p.message
    assert "endfor" in p.message
    with pytest.raises(TemplateError, match=r"^fejl\.docx, linje \d+: skabelonen slutter"):
        render(tpl, {"kommune": "x", "rader": []}, tmp_path / "ud.docx")


def test_bad_expression_and_missing_variable_at_render(tmp_path):
    tpl = _template(tmp_path / "a.docx", "{{ kommune }", "x")
    assert validate_template(tpl, {"kommune"})[0].kind == "syntaks"
    tpl2 = _template(tmp_path / "b.docx", "Hej", "{{ mangler }}")
    with pytest.raises(TemplateError, match=r'b\.docx, linje 3: .*variablen "mangler"'):
        render(tpl2, {}, tmp_path / "ud.docx")


def test_missing_or_broken_template(tmp_path):
    with pytest.raises(TemplateError, match="findes ikke"):
        render(tmp_path / "ingen.docx", {}, tmp_path / "ud.docx")
    broken = tmp_path / "itu.docx"
    broken.write_text("ikke en word-fil", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"itu\.docx: er ikke en Word-fil"):
        render(broken, {}, tmp_path / "ud.docx")
    assert validate_template(broken, set())[0].kind == "fil"


def test_chart_png_is_deterministic():
    chart = Chart("bar", "Test", ("A", "B"), (("Serie", (1234.5, 10.0)),), percent=True)
    first = render_png(chart)
    assert first.startswith(b"\x89PNG")
    assert render_png(chart) == first
    assert Chart("bar", "Tom", (), ()).empty


def test_charts_in_a_rendered_document(tmp_path):
    tpl = _template(tmp_path / "fig.docx", "{{ figur }}", "{{ tom }}")
    chart = Chart(
        "line", "Linje", ("1. kvt. 2023", "2. kvt. 2023"), (("Hedensted", (1.0, 2.0)), ("Vejle", (None, 3.0)))
    )
    out = render(tpl, {"figur": chart, "tom": Chart("bar", "", (), ())}, tmp_path / "ud.docx")
    assert len(docx.Document(str(out)).inline_shapes) == 1


def test_formatting_helpers():
    assert format_share(3, 4) == "–"
    assert format_share(3, 12) == "–"  # the share would reveal a count under 5
    assert format_share(6, 12) == "50,0 %"
    assert format_signed(1234) == "+1.234"
    assert format_signed(-5, 0, "kr.") == "-5 kr."
    assert format_value(32.5, "pct") == "32,5 %"
    assert format_value(3, "antal") == "<5"
    assert format_value(1234567, "kr") == "1.234.567 kr."
    text = "Første sætning her. Anden sætning med Jens Hansen. Tredje."
    assert cut_to_sentence(text, anchor=text.index("Anden")) == "Anden sætning med Jens Hansen."
    assert (
        anonymise_quote("Jens Hansen, 010190-1234, jens@x.dk", ["Jens Hansen"])
        == "[navn], [CPR-nr.], [e-mail]"
    )
    assert (
        quote("Ring [TLF-0A1B2C3D] til [PERSON-ABCDEF12] i dag. Mere tekst.")
        == "»Ring [tlf.] til [navn] i dag.«"
    )


def test_secondary_suppression_hides_the_cell_that_would_reveal_a_small_count():
    from docgen.formatting import format_count_row

    # total 21 is shown elsewhere: with one "<5" alone, 21 - 10 - 8 would reveal it
    assert format_count_row([10, 3, 8, 0]) == ["10", "<5", "..", "0"]
    # two small cells: neither can be worked out on its own
    assert format_count_row([10, 3, 2, 7]) == ["10", "<5", "<5", "7"]
    assert format_count_row([12, 9]) == ["12", "9"]
