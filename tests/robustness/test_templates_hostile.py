"""Edited Word templates as an attacker writes them.

Each attack is placed in a template a secretary could have edited, then run through
`afdaek templates validate` and `afdaek report`: it is refused with one Danish line naming the
template, no traceback, nothing is read or written outside the report, and a report already in
place is left as it was.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from cli import app
from docgen.charts import Chart
from docgen.errors import TemplateError
from docgen.render import render, validate_template

ATTACKS_ON_THE_CHART = {
    # docxtpl's InlineImage held the live DocxTemplate: save() writes any file ...
    "save": "{{ figur_enhedspris.tpl.save('%(target)s') }}",
    # ... replace_zipname/write_xml read and write files inside and outside the zip
    "replace_zipname": "{{ figur_enhedspris.tpl.replace_zipname('word/document.xml', '%(target)s') }}",
    "write_xml": "{{ figur_enhedspris.tpl.write_xml('%(target)s') }}",
    "image_descriptor": "{{ figur_enhedspris.image_descriptor }}",
    "attr_filter": "{{ figur_enhedspris|attr('tpl') }}",
}

OTHER_ATTACKS = {
    "class_walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__ }}",
    "getitem_dunder": "{{ kommune['__class__'] }}",
    "mutate": "{% set _ = tilbud.append(1) %}",
    "include": "{% include '/etc/passwd' %}",
    "import": "{% import '/etc/passwd' as x %}",
    "extends": "{% extends '/etc/passwd' %}",
    "big_string": "{{ 'A' * 10**9 }}",
    "big_power": "{{ 2 ** 100000000 }}",
    "big_concat": "{% set s = 'A' * 4000000 %}{{ s + s }}",
}


def _template(folder: Path, text: str, name: str = "rapport_drift.docx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    d.add_paragraph("Rapport for {{ kommune }}")
    d.add_paragraph(text)
    path = folder / name
    d.save(str(path))
    return path


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _one_danish_line(output: str, name: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    assert "Traceback" not in output
    hits = [line for line in lines if name in line]
    assert hits, output
    return hits[0]


@pytest.mark.parametrize("attack", sorted(ATTACKS_ON_THE_CHART) + sorted(OTHER_ATTACKS))
def test_attack_is_refused_by_validate_and_report(tmp_path, attack):
    target = tmp_path / "pwned.txt"
    text = {**ATTACKS_ON_THE_CHART, **OTHER_ATTACKS}[attack].replace("%(target)s", str(target))
    templates = tmp_path / "skabeloner"
    _template(templates, text)

    checked = _run("templates", "validate", str(templates))
    assert checked.exit_code == 1, checked.output
    line = _one_danish_line(checked.output, "rapport_drift.docx")
    assert "i orden" not in line
    assert not target.exists()

    assert _run("init").exit_code == 0
    out = tmp_path / "rapporter"
    result = _run("report", "drift", "--templates", str(templates), "--out", str(out))
    assert result.exit_code == 1, result.output
    line = _one_danish_line(result.output, "rapport_drift.docx")
    assert "tilladt" in line or "for lang" in line or "potens" in line, line
    assert not target.exists()
    assert not (out / "rapport_drift.docx").exists()
    assert not [p for p in out.glob("*") if p.is_file()] if out.exists() else True


def test_real_chart_exposes_nothing_but_the_picture(tmp_path):
    chart = Chart("bar", "Pladser", ("A", "B"), (("Antal", (3.0, 4.0)),))
    target = tmp_path / "pwned.docx"
    for attack in (
        "{{ figur.tpl }}",
        f"{{{{ figur.tpl.save('{target}') }}}}",
        "{{ figur._png }}",
        "{{ figur.bind }}",
        "{{ figur.__html__() }}",
    ):
        tpl = _template(tmp_path, attack, "t.docx")
        with pytest.raises(TemplateError, match=r"^t\.docx: .*ikke tilladt"):
            render(tpl, {"kommune": "Egebjerg", "figur": chart}, tmp_path / "ud.docx")
        assert not target.exists()
    tpl = _template(tmp_path, "{{ figur }}", "ok.docx")
    out = render(tpl, {"kommune": "Egebjerg", "figur": chart}, tmp_path / "ud.docx")
    assert len(docx.Document(str(out)).inline_shapes) == 1


def test_salt_is_not_reachable_from_a_template(tmp_path):
    """The context is plain data: nothing in it leads to the store or its meta table."""
    from docgen.reports import sample_context
    from docgen.sandbox import PLAIN_TYPES, ImagePlaceholder

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)
        else:
            yield value

    for name in (
        "rapport_drift.docx",
        "rapport_sanktioner.docx",
        "rapport_borgermoede.docx",
        "screening.docx",
        "breve.docx",
        "anbefalinger_status.docx",
    ):
        from docgen.charts import Chart as _Chart

        for value in walk(sample_context(name)):
            assert isinstance(value, PLAIN_TYPES + (ImagePlaceholder, _Chart)), (name, value)


@pytest.mark.parametrize(
    "loop",
    [
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}",
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    ],
)
@pytest.mark.slow
def test_unbounded_loops_stop_within_the_limit(tmp_path, loop):
    tpl = _template(tmp_path, loop, "loekke.docx")
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"^loekke\.docx: skabelonen blev ikke færdig"):
        render(tpl, {"kommune": "Egebjerg"}, tmp_path / "ud.docx", seconds=2)
    assert time.monotonic() - started < 15
    assert not (tmp_path / "ud.docx").exists()


def test_memory_hungry_filter_is_stopped(tmp_path):
    tpl = _template(tmp_path, "{{ 'A'|center(3000000000) }}", "hukommelse.docx")
    with pytest.raises(TemplateError, match=r"^hukommelse\.docx: skabelonen brugte mere end"):
        render(tpl, {"kommune": "Egebjerg"}, tmp_path / "ud.docx")
    assert not (tmp_path / "ud.docx").exists()


@pytest.mark.slow
def test_nested_loops_through_the_cli_end_within_seconds(tmp_path, monkeypatch):
    monkeypatch.setenv("AFDAEK_RENDER_SECONDS", "3")  # the operator's limit, not the 20 s default
    templates = tmp_path / "skabeloner"
    _template(templates, "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    result = _run("templates", "validate", str(templates))
    assert result.exit_code == 1
    assert "blev ikke færdig inden for 3 sekunder" in _one_danish_line(result.output, "rapport_drift.docx")
    assert time.monotonic() - started < 30


def _with_part(path: Path, part: str, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as z:
        items = {i.filename: z.read(i) for i in z.infolist()}
    items[part] = items[part].decode("utf-8").replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)


def test_linked_file_and_include_field_are_refused(tmp_path):
    linked = _template(tmp_path / "a", "tekst", "linket.docx")
    _with_part(
        linked,
        "word/_rels/document.xml.rels",
        "</Relationships>",
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/image" Target="file:///etc/passwd" TargetMode="External"/>'
        "</Relationships>",
    )
    problems = validate_template(linked, None)
    assert problems and "ekstern fil" in problems[0].message
    with pytest.raises(TemplateError, match=r"^linket\.docx: .*ekstern fil"):
        render(linked, {"kommune": "x"}, tmp_path / "ud.docx")

    field = _template(tmp_path / "b", "tekst", "felt.docx")
    _with_part(
        field,
        "word/document.xml",
        "<w:t>tekst</w:t>",
        '<w:instrText xml:space="preserve"> INCLUDE</w:instrText></w:r><w:r>'
        '<w:instrText>TEXT "/etc/passwd" </w:instrText>',
    )
    problems = validate_template(field, None)
    assert problems and "INCLUDETEXT" in problems[0].message

    hyperlink = _template(tmp_path / "c", "tekst", "link.docx")
    _with_part(
        hyperlink,
        "word/_rels/document.xml.rels",
        "</Relationships>",
        '<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/hyperlink" Target="https://www.retsinformation.dk" '
        'TargetMode="External"/></Relationships>',
    )
    assert validate_template(hyperlink, None) == []


def test_report_is_private_and_replaced_whole(tmp_path):
    from docgen.reports import render_report

    tpl = _template(tmp_path, "{{ tekst }}", "t.docx")
    out = render_report(tpl, {"kommune": "x", "tekst": "første"}, tmp_path / "ud.docx")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    before = out.read_bytes()
    bad = _template(tmp_path, "{{ tekst.__class__ }}", "ond.docx")
    with pytest.raises(TemplateError):
        render_report(bad, {"kommune": "x", "tekst": "anden"}, out)
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.glob(".ud*")]  # no temporary file left behind


@pytest.mark.slow
def test_kill_9_during_render_leaves_the_previous_report(tmp_path):
    from docgen.reports import render_report

    good = _template(tmp_path, "{{ kommune }}", "t.docx")
    out = render_report(good, {"kommune": "Egebjerg"}, tmp_path / "ud.docx")
    before = out.read_bytes()
    slow = _template(
        tmp_path,
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "langsom.docx",
    )
    code = (
        "from docgen.reports import render_report; "
        f"render_report({str(slow)!r}, {{'kommune': 'x'}}, {str(out)!r})"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=Path(__file__).parents[2], start_new_session=True
    )
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert out.read_bytes() == before
    assert docx.Document(str(out)).paragraphs[1].text == "Egebjerg"


def test_report_metadata_is_afdaeks_not_the_templates(tmp_path):
    from docgen.reports import render_report

    tpl = _template(tmp_path, "{{ kommune }}", "t.docx")
    props = docx.Document(str(render_report(tpl, {"kommune": "x"}, tmp_path / "ud.docx"))).core_properties
    assert props.author == props.last_modified_by == ""  # not the template's, no tool name
    assert props.created.year >= 2026
