"""Broken exports and case files: one Danish line naming the file and the problem, never a
traceback, and the rest of a batch goes on."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from cli import app
from textmining.config import load_project_config
from textmining.errors import InputError
from textmining.readers.sources import read_document
from textmining.readers.surveyxact import read_export
from textmining.readers.tables import read_benchmarks

Y = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse"


def _line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert "\n" not in text and "Traceback" not in text
    return text


@pytest.mark.parametrize(
    "name,data,words",
    [
        ("post.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Outlook"),
        ("post.msg", b"ikke en mail", "ikke en Outlook-meddelelse"),
        ("post.eml", b"bare noget tekst uden hoved\n", "ikke en e-mail"),
        ("brev.odt", b"PK\x03\x04" + b"\x00" * 40, "beskadiget"),
        ("tabel.json", b'"tekst"', "ikke en tabel"),
        ("tabel.json", b'[{"a": 1}, 2]', "ikke en tabel"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "billedet er beskadiget"),
    ],
)
def test_broken_files_give_one_line(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_document(path)
    line = _line(exc)
    assert line.startswith(str(path)) and words in line


def test_odt_without_content(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    path = tmp_path / "tom.odt"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert "content.xml mangler" in _line(exc)


def test_unknown_period_names_the_row(tmp_path):
    path = tmp_path / "y.csv"
    path.write_text(
        f"Area;Periode;Ydelsesgrupper;{Y}: Forventet antal;{Y}: Faktisk antal;"
        "Placering på benchmarkranglisten\n"
        "Aarhus;2020QMAT02;I alt;10;11;3\nOdense;2020XYZ;I alt;10;11;4\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        read_benchmarks(path)
    assert 'række 3, kolonne "Periode": "2020XYZ" er ikke en periode' in _line(exc)


def test_survey_export_missing_a_table(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Dataset"
    wb.active.append(["s_1", "s_2"])
    wb.active.append([1, 2])
    path = tmp_path / "eksport.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        read_export(path)
    line = _line(exc)
    assert "Labels" in line and "Structure" in line and "mangler" in line


@pytest.mark.parametrize(
    "toml,words",
    [
        ('[kolonner.benchmark]\nfaktisk_antal = "X"\n', "ukendt felt"),
        ('[kolonner.tabel]\nx = "X"\n', "ukendt tabel"),
        ("[kolonner.benchmark]\nfaktisk = 3\n", "kolonnenavn"),
        ('[survey]\nydelse = "s_1"\n', "ukendt nøgle"),
        ("[survey\n", "ugyldig TOML"),
    ],
)
def test_bad_project_config(tmp_path, toml, words):
    path = tmp_path / "afdaek.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_project_config(path)
    assert words in _line(exc)


def test_survey_setting_that_does_not_exist(tmp_path):
    path = tmp_path / "dev.xlsx"
    from pathlib import Path

    src = (
        Path(__file__).resolve().parent.parent
        / "data"
        / "exports_heldout"
        / "dev"
        / "brugertilfredshed_surveyxact.xlsx"
    )
    path.write_bytes(src.read_bytes())
    with pytest.raises(InputError) as exc:
        read_export(path, {"gruppe": "findes_ikke"})
    assert '[survey] gruppe = "findes_ikke"' in _line(exc)


def test_column_mapping_from_afdaek_toml(tmp_path):
    """A heading the vocabulary does not know is read once afdaek.toml names it."""
    table = tmp_path / "bm.csv"
    table.write_text(
        "Kommune;Periode;Ydelsesgruppe;Antal FTP (faktisk);Antal FTP (model);Nr.\n"
        "Aarhus;2021K3;I alt;1.210;1.180;12\n",
        encoding="utf-8",
    )
    db = tmp_path / "a.db"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "ingest", str(table), "--format", "json"])
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(db) as conn:  # without the mapping: key figures, not a benchmark
        assert conn.execute("SELECT COUNT(*) FROM benchmarks").fetchone()[0] == 0
    (tmp_path / "afdaek.toml").write_text(
        '[kolonner.benchmark]\nfaktisk = "Antal FTP (faktisk)"\nforventet = "Antal FTP (model)"\n'
        'placering = "Nr."\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--db", str(db), "ingest", str(table), "--format", "json"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT faktisk, forventet, forskel, placering FROM benchmarks").fetchone()
    assert row == (1210.0, 1180.0, 30.0, 12)


def test_batch_goes_on_after_a_bad_export(tmp_path):
    (tmp_path / "post.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (tmp_path / "noter.txt").write_text("Notat: samtale afholdt.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "a.db"), "ingest", str(tmp_path), "--format", "json"]
    )
    assert result.exit_code == 1
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(result.stdout)["files"]}
    assert files["post.msg"]["status"] == "failed" and "Traceback" not in result.output
    assert files["noter.txt"]["status"] == "ingested"
