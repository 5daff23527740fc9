"""Odd and hostile web pages: broken markup, deep nesting, a page of scripts only, a binary file
named .html, a bogus charset. Each gives text or one Danish line, never a traceback, and one
bad page does not stop a batch."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import app
from tests.pdfmaker import make_pdf
from textmining.domain.minutes import parse_minutes
from textmining.errors import InputError
from textmining.readers.html_reader import html_to_text
from textmining.readers.sources import read_document


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _problem(path) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    return info.value.problem


def test_broken_markup_is_read():
    text = html_to_text("<html><body><h2>3. Plan<p>Beslutning<p>Godkendt.<div><span>Ud<b>valg")
    assert "## 3. Plan" in text and "Godkendt." in text
    minutes = parse_minutes(text)
    assert [(i.number, i.beslutning) for i in minutes.items] == [(3, "Godkendt.\n\nUdvalg")]


def test_deep_nesting_does_not_overflow():
    html = "<html><body>" + "<div>" * 20000 + "Dybt inde" + "</div>" * 20000 + "</body></html>"
    assert "Dybt inde" in html_to_text(html)


def test_many_elements_and_long_attributes():
    html = (
        "<html><body>"
        + "".join(f'<p class="{"x" * 2000}">Linje {i}</p>' for i in range(3000))
        + "</body></html>"
    )
    text = html_to_text(html)
    assert text.count("Linje ") == 3000


def test_pages_without_text(tmp_path):
    assert _problem(_write(tmp_path, "tom.html", b"")) == "filen er tom"
    scripts = b"<html><head><script>var a = 1;</script></head><body><nav>Menu</nav></body></html>"
    assert _problem(_write(tmp_path, "scripts.html", scripts)) == "filen er tom"


def test_a_file_that_is_no_web_page(tmp_path):
    assert "PDF" in _problem(_write(tmp_path, "referat.html", make_pdf([["Side"]])))
    problem = _problem(_write(tmp_path, "tekst.htm", "Bare tekst uden tags.".encode()))
    assert problem == "filen er ikke en HTML-side, selv om den hedder .html"
    junk = bytes(range(256)) * 8
    assert _problem(_write(tmp_path, "junk.html", junk))


def test_a_bogus_charset_falls_back(tmp_path):
    page = '<html><head><meta charset="klingon-8"></head><body><p>Æblegrød</p></body></html>'
    source = read_document(_write(tmp_path, "side.html", page.encode("utf-8")))
    assert "Æblegrød" in source.text


def test_one_bad_page_does_not_stop_the_batch(tmp_path):
    folder = tmp_path / "sider"
    folder.mkdir()
    _write(
        folder,
        "god.html",
        "<html><body><h1>Notat</h1><p>Borgeren ringede i dag og fortalte om "
        "sin nye praktik.</p></body></html>".encode(),
    )
    _write(folder, "tom.html", b"   ")
    _write(folder, "binaer.htm", make_pdf([["Side"]]))
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "t.db"), "ingest", str(folder), "--format", "json"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    files = {f["path"].split("/")[-1]: f for f in json.loads(result.stdout)["files"]}
    assert files["god.html"]["problem"] is None
    assert files["tom.html"]["problem"] == "filen er tom"
    assert files["binaer.htm"]["problem"]
