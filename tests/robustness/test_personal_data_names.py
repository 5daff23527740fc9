"""Names that no sag.toml gives are found in every kind of document, "Hans" as a pronoun is not a
name, and pseudonyms belong to one person, never to a surname or first name across cases."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from cli import app
from textmining.language.names import guess_names, name_lists


def test_name_lists_are_real_lists_of_thousands():
    lists = name_lists()
    assert len(lists.first) > 3000 and len(lists.last) > 3000
    for name in ("Karl", "Emil", "Birgit", "Villads", "Frederikke", "Mohammad", "Agnieszka"):
        assert name in lists.first, name
    for name in ("Vestergaard", "Kjeldsen", "Holm", "Yilmaz", "Nowak"):
        assert name in lists.last, name


@pytest.mark.parametrize(
    "text, names",
    [
        ("Karl-Emil mødte op.", ["Karl-Emil"]),
        ("Hun bor hos Inger Lund Sørensen.", ["Inger Lund Sørensen"]),
        ("Samtale med Jonas Holm-Jensen i dag.", ["Jonas Holm-Jensen"]),
        ("ringede til camilla thomsen igen", ["camilla thomsen"]),
        ("min mentor mads var sød", ["mads"]),
        ("Hendes mor Birgit deltog.", ["Birgit"]),
        ("naboen Jens passer hunden", ["Jens"]),
        ("Lægen Peter Holm skriver, at hun kan arbejde.", ["Peter Holm"]),
        ("sønnen Villads er syg", ["Villads"]),
        ("Hendes moster Rigmor ringede.", ["Rigmor"]),
        ("Vi talte med fru Lund om sagen.", ["Lund"]),
        ("Kære Knud Abildgaard\n\nDu indkaldes.", ["Knud Abildgaard"]),
        ("Med venlig hilsen\nSusanne Overgaard\nJobcentret", ["Susanne Overgaard"]),
        ("Borger: Ib Krogager", ["Ib Krogager"]),
        ("Ahmads ryg er dårlig.", ["Ahmad"]),
        ("Bo Kjeldsen fra boligselskabet kom.", ["Bo Kjeldsen"]),
        ("Hun mødtes med Per i går.", ["Per"]),
        ("Per ringede i morges.", ["Per"]),
    ],
)
def test_names_are_found(text, names):
    assert guess_names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Hans kontanthjælp er stoppet.",
        "hans kontanthjælp er stoppet",
        "Hans datter ringede.",
        "Han vil gerne bo tættere på byen.",
        "Bo i egen bolig er målet.",
        "Per 1. januar stiger satsen, 500 kr. per måned.",
        "Vi gik en tur i skoven; line og mark er ord.",
        "Mødet er i Huset på Torvet. Jobcenter Egebjerg. HR, Politik og Udvikling.",
        "Storm og regn gjorde, at hun ikke kom.",
        "Sagsbehandleren ringede til Borgerservice.",
    ],
)
def test_ordinary_words_that_are_also_names_are_left(text):
    assert guess_names(text) == []


def _ingest(tmp_path, *paths):
    db = tmp_path / "afdaek.db"
    r = CliRunner().invoke(app, ["--db", str(db), "ingest", *map(str, paths), "--format", "json"])
    assert r.exit_code == 0, r.output
    return db


def test_a_first_name_never_takes_the_pseudonym_of_a_citizen_in_another_case(tmp_path):
    """Two citizens called Fatima in two cases: each note's "Fatima" is its own citizen (the
    pseudonym of the case's borger), not one shared pseudonym for the name."""
    for case, borger in (("A1", "Fatima Juul Kristensen"), ("B2", "Fatima Ravn Krogh")):
        folder = tmp_path / "sager" / case
        folder.mkdir(parents=True)
        (folder / "sag.toml").write_text(f'borger = "{borger}"\n', encoding="utf-8")
        (folder / "notat.txt").write_text(
            "01.02.2024 – Samtale\nFatima mødte til samtale. Juul og Krogh er nævnt.\n", encoding="utf-8"
        )
    db = _ingest(tmp_path, tmp_path / "sager")
    with sqlite3.connect(db) as conn:
        borger = dict(conn.execute("SELECT id, borger FROM cases"))
        texts = dict(conn.execute("SELECT case_id, text FROM documents"))
    assert borger["A1"] != borger["B2"]
    assert texts["A1"].startswith(f"01.02.2024 – Samtale\n{borger['A1']} mødte")
    assert texts["B2"].startswith(f"01.02.2024 – Samtale\n{borger['B2']} mødte")
    assert "Juul" not in texts["A1"] and "Krogh" not in texts["B2"]


def test_a_name_alone_without_sag_toml_is_keyed_within_its_case(tmp_path):
    """ "Mikkel" in one case and "Mikkel" in another are not linked by their pseudonym."""
    for case in ("C1", "C2"):
        folder = tmp_path / "sager" / case
        folder.mkdir(parents=True)
        (folder / "sag.toml").write_text('ydelse = "kontanthjælp"\n', encoding="utf-8")
        (folder / "notat.txt").write_text(
            "01.02.2024 – Samtale\nMikkel mødte til samtale.\n", encoding="utf-8"
        )
    db = _ingest(tmp_path, tmp_path / "sager")
    with sqlite3.connect(db) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM documents ORDER BY case_id")]
    assert all("Mikkel" not in t for t in texts)
    assert texts[0] != texts[1]


MINUTES = """Beskæftigelsesudvalget
Mødedato: 6. maj 2024

41. Godkendelse af dagsorden

Beslutning
Godkendt.

42. Klage over sagsbehandling

Lukket punkt

Sagsfremstilling
Klagen er fra en borger, der bor på Skovbrynet 4, og vedrører hendes sag om fradrag.
Beslutning
Klagen blev afvist.

43. Orientering om ledigheden

Sagsfremstilling
Borgeren Svend Aage Winther har skrevet til udvalget. Udvalgsformand Lene Juhl orienterede.
Beslutning
Taget til efterretning.
"""


def test_a_closed_item_keeps_its_title_and_no_body(tmp_path):
    f = tmp_path / "referat.txt"
    f.write_text(MINUTES, encoding="utf-8")
    db = _ingest(tmp_path, f)
    with sqlite3.connect(db) as conn:
        items = conn.execute(
            "SELECT number, title, open, text, sections, beslutning FROM meeting_items ORDER BY number"
        ).fetchall()
        (text,) = conn.execute("SELECT text FROM documents").fetchone()
    closed = items[1]
    assert closed[:3] == (42, "Klage over sagsbehandling", 0)
    assert closed[3:] == ("42. Klage over sagsbehandling\nLukket punkt", "{}", None)
    for where in (text, *(str(v) for row in items for v in row)):
        assert "Skovbrynet" not in where and "afvist" not in where
    assert "Klage over sagsbehandling" in text and "Godkendt." in text
    # Open items: a citizen pointed out by "Borgeren" is pseudonymised, a politician is not.
    assert "Svend" not in text and "Winther" not in text
    assert "Lene Juhl" in text
    r = CliRunner().invoke(app, ["--db", str(db), "search", "Skovbrynet", "--format", "json"])
    assert json.loads(r.stdout) == []


def test_names_in_other_documents_and_tables_are_pseudonymised(tmp_path):
    folder = tmp_path / "ind"
    folder.mkdir()
    (folder / "netvaerk.md").write_text(
        "# Netværksmøde\n\nDeltagere: Rasmus Kjærgaard og hans søster Nadja.\n", encoding="utf-8"
    )
    (folder / "liste.csv").write_text("Navn;Aftale\nLinnea Bisgaard;Samtale kl. 9.30\n", encoding="utf-8")
    db = _ingest(tmp_path, folder)
    with sqlite3.connect(db) as conn:
        stored = "\n".join(t for (t,) in conn.execute("SELECT text FROM documents"))
    for name in ("Rasmus", "Kjærgaard", "Nadja", "Linnea", "Bisgaard"):
        assert name not in stored, name
    assert "Samtale kl. 9.30" in stored
