"""Web pages (.html/.htm) read by textmining.readers.sources through
textmining.readers.html_reader: the page's structure kept, the site around it left out;
minutes, letters and notes as web pages."""

from __future__ import annotations

import datetime
import json
import sqlite3

from click.testing import CliRunner

from cli import app
from textmining.domain.minutes import parse_minutes
from textmining.readers.html_reader import html_to_text
from textmining.readers.sources import read_document

SITE_TOP = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Referat</title>
<script>var tracking = "Cookieskript";</script><style>p { color: red }</style></head><body>
<div id="cookie-banner" role="dialog"><h2>Vi bruger cookies</h2><p>Cookiebesked.</p>
<button>Tillad alle</button></div>
<header class="site-header"><a href="/"><img alt="Logo"></a>
<nav><ul><li><a href="/borger">Borgerside</a></li></ul></nav>
<form class="search"><label>Søgefelt</label><input name="q"></form></header>
<nav class="breadcrumb"><a href="/">Forside</a> › <span>Brødkrumme</span></nav>
"""
SITE_BOTTOM = """<footer><h2>Kommunens adresse</h2><p>Torvet 1</p></footer></body></html>"""

CMS_PAGE = (
    SITE_TOP
    + """<main>
<h1>Ældreudvalget - Referat - 2. maj 2023</h1>
<dl><dt>Mødedato</dt><dd>Tirsdag den 2. maj 2023, kl. 15.00</dd><dt>Mødested</dt><dd>Rådhuset</dd></dl>
<article><h2>12. Godkendelse af dagsorden</h2>
<h3>Beslutning</h3><p>Godkendt.</p>
<p class="tools"><a href="#top">Til toppen</a> · <a href="#">Print punkt</a></p></article>
<article><h2>13. Madservice i eget hjem</h2>
<p>Sagsnr.: 23/4455 - KLE: 29.09.00</p>
<h3>Sagsfremstilling</h3><p>Madservicen udbydes igen.</p>
<h3>Beslutning</h3><p>Godkendt.</p><p>Udvalget ønsker en status om et år.</p>
<p>Fraværende: Pia Dahl (V)</p></article>
</main>"""
    + SITE_BOTTOM
)

AGENDA_ROWS = """<html><head><meta charset="utf-8"></head><body>
<div class="title"><h1>Referat 4. marts 2025 kl. 15.00</h1>
<h2><span class="udvalg">Teknisk Udvalg</span></h2></div>
<table class="dagsordeninfo"><tr><td>Udvalg:</td><td>Teknisk Udvalg</td></tr>
<tr><td>Mødedato:</td><td>tirsdag den 4. marts 2025 kl. 15.00</td></tr></table>
<table class="dagsorden"><thead><tr><th>Punkt</th><th>Titel</th></tr></thead><tbody>
<tr><td><span class="label">1</span></td><td><button class="overskrift-btn" role="button">
<h2>Vejplan 2025</h2></button><div class="details"><span class="sagsnummer">EMN-2025-000777</span>
<div class="punkt"><h3></h3><div><h3>Beslutninger</h3><span class="resume"><div>Godkendt.</div>
<div>Udvalget ønsker en plan for cykelstier.</div></span><h3></h3>
<span class="resume"><div>Planen for vejene i 2025.</div></span><h3>Resume</h3>
<span class="resume"><div>Planen prioriterer vejene.</div></span></div></div>
<h3>Bilag</h3><ul><li><span class="label pdf-label" role="button">PDF</span>
<a class="bilag-link" href="/bilag/1">Vejplan</a></li></ul></div></td>
<td><span class="fil-ikon-nummer">1</span><span class="dropdown"><ul class="dropdown-menu" role="menu">
<li><a href="#">Hent som PDF</a></li></ul></span></td></tr>
<tr><td><span class="label">2</span></td><td><button class="overskrift-btn" role="button">
<h2>Salg af grund</h2></button><span class="lukket-punkt label">Lukket punkt</span>
<div class="details"><span class="sagsnummer">EMN-2025-000888</span></div></td><td></td></tr>
</tbody></table><footer class="footer"><p>Udgivet via publiceringsmodul.</p></footer></body></html>
"""


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_site_furniture_is_left_out_and_the_structure_kept():
    text = html_to_text(CMS_PAGE)
    for gone in (
        "Cookiebesked",
        "Tillad alle",
        "Borgerside",
        "Søgefelt",
        "Brødkrumme",
        "Kommunens adresse",
        "Torvet 1",
        "Til toppen",
        "Print punkt",
        "Cookieskript",
        "color: red",
        "Logo",
    ):
        assert gone not in text, gone
    lines = text.splitlines()
    assert "# Ældreudvalget - Referat - 2. maj 2023" in lines
    assert "## 13. Madservice i eget hjem" in lines
    assert "### Beslutning" in lines
    assert "Mødedato: Tirsdag den 2. maj 2023, kl. 15.00" in lines


def test_municipal_page_gives_items_with_case_number_kle_and_absent(tmp_path):
    source = read_document(_write(tmp_path, "referat.html", CMS_PAGE))
    assert (source.format, source.kind) == ("html", "minutes")
    minutes = parse_minutes(source.text)
    assert minutes.committee == "Ældreudvalget"
    assert minutes.meeting_date == datetime.date(2023, 5, 2)
    items = {i.number: i for i in minutes.items}
    assert list(items) == [12, 13]
    assert items[12].beslutning == "Godkendt."
    item = items[13]
    assert (item.case_number, item.kle, item.fravaerende) == ("23/4455", "29.09.00", "Pia Dahl (V)")
    assert item.beslutning == "Godkendt.\n\nUdvalget ønsker en status om et år."


def test_agenda_as_table_rows_gives_numbered_items(tmp_path):
    text = html_to_text(AGENDA_ROWS)
    assert "## 1. Vejplan 2025" in text.splitlines()
    for gone in ("Hent som PDF", "Udgivet via", "PDF\n"):
        assert gone not in text
    minutes = parse_minutes(read_document(_write(tmp_path, "punkter.htm", AGENDA_ROWS)).text)
    assert (minutes.committee, minutes.meeting_date) == ("Teknisk Udvalg", datetime.date(2025, 3, 4))
    first, second = minutes.items
    assert (first.number, first.title, first.case_number) == (1, "Vejplan 2025", "EMN-2025-000777")
    # the short description under the empty heading is not part of the decision
    assert first.beslutning == "Godkendt.\nUdvalget ønsker en plan for cykelstier."
    assert first.bilag == ("Vejplan",)
    assert (second.number, second.open, second.beslutning) == (2, False, None)


def test_declared_and_undeclared_encodings(tmp_path):
    page = CMS_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    source = read_document(_write(tmp_path, "ansi.html", page, "cp1252"))
    assert source.encoding == "windows-1252" and "Ældreudvalget" in source.text
    bare = CMS_PAGE.replace('<meta charset="utf-8">', "")
    source = read_document(_write(tmp_path, "bare.html", bare, "cp1252"))
    assert "Ældreudvalget" in source.text


LETTER = """<html><head><meta charset="utf-8"></head><body><nav><a href="/">Min side</a></nav>
<div class="brev"><p>Jobcenter Nordby<br>Torvet 1</p><p>12. marts 2024</p>
<h1>Indkaldelse til samtale</h1><p>Kære Lise Hansen</p>
<p>Du skal komme til en samtale i jobcentret tirsdag den 19. marts 2024 kl. 10.00.</p>
<p>Med venlig hilsen</p><p>Jobcentret</p></div></body></html>"""


def test_a_letter_as_a_web_page_is_a_letter(tmp_path):
    source = read_document(_write(tmp_path, "brev.html", LETTER))
    assert source.kind == "letter"
    assert source.title == "Indkaldelse til samtale"
    assert "Min side" not in source.text


def test_ingest_takes_web_pages_and_stores_kle(tmp_path):
    folder = tmp_path / "ind"
    folder.mkdir()
    _write(folder, "referat.html", CMS_PAGE)
    _write(folder, "brev.htm", LETTER)
    db = tmp_path / "t.db"
    result = CliRunner().invoke(
        app, ["--db", str(db), "ingest", str(folder), "--keep-personal-data", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    kinds = {f["path"].split("/")[-1]: f["kind"] for f in json.loads(result.stdout)["files"]}
    assert kinds == {"referat.html": "minutes", "brev.htm": "letter"}
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT number, title, case_number, kle FROM meeting_items ORDER BY number"
        ).fetchall()
    assert rows == [
        (12, "Godkendelse af dagsorden", None, None),
        (13, "Madservice i eget hjem", "23/4455", "29.09.00"),
    ]
