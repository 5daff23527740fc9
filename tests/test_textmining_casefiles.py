"""E-mails (.eml, .msg), OpenDocument text and scanned letters in case folders."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from tests.msgmaker import make_msg
from textmining.errors import InputError
from textmining.readers import ocr
from textmining.readers.sources import read_document

LETTER = (
    "Kære Ole Hansen\n\nDu er indkaldt til en samtale om dit forløb den 3. maj 2023 "
    "kl. 10.00 i Jobcentret.\n\nMed venlig hilsen\nLise Berg, Jobcenter Egebjerg\n"
)
NOTE = "Notat 2. maj 2023: Borgeren ringede og meldte afbud på grund af sygdom.\n"


def _eml() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Lise Berg <lise.berg@egebjerg.dk>"
    msg["To"] = "ole.hansen@example.dk"
    msg["Subject"] = "Indkaldelse til samtale"
    msg["Date"] = "Thu, 20 Apr 2023 08:15:00 +0000"
    msg.set_content(LETTER)
    msg.add_attachment(NOTE.encode("utf-8"), maintype="text", subtype="plain", filename="notat.txt")
    return msg.as_bytes()


def _msg() -> bytes:
    return make_msg(
        subject="Indkaldelse til samtale",
        body=LETTER,
        sender_name="Lise Berg",
        sender_email="lise.berg@egebjerg.dk",
        to="Ole Hansen",
        sent=dt.datetime(2023, 4, 20, 8, 15),
        attachments=(("notat.txt", NOTE.encode("utf-8")),),
    )


@pytest.mark.parametrize("suffix,data", [(".eml", _eml), (".msg", _msg)], ids=["eml", "msg"])
def test_email_is_a_dated_document_with_its_attachment(tmp_path, suffix, data):
    path = tmp_path / f"mail{suffix}"
    path.write_bytes(data())
    doc = read_document(path)
    assert doc.title == "Indkaldelse til samtale"
    assert doc.date == dt.date(2023, 4, 20)
    assert doc.sender == "Lise Berg <lise.berg@egebjerg.dk>"
    assert "Dato: 20. april 2023 kl. 10.15" in doc.text  # sent 08:15 UTC, shown in Danish time
    assert "Du er indkaldt til en samtale" in doc.text
    (att,) = doc.attachments
    assert att.path == f"{path}#notat.txt" and "meldte afbud" in att.text


def test_odt_paragraphs_and_tables(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
        "<office:text><text:h>Afgørelse om sanktion</text:h>"
        "<text:p>Dato: 12. marts 2021</text:p><text:p>Du får et fradrag i din"
        "<text:s/>kontanthjælp.</text:p><table:table><table:table-row><table:table-cell>"
        "<text:p>Dag</text:p></table:table-cell><table:table-cell><text:p>Beløb</text:p>"
        "</table:table-cell></table:table-row></table:table></office:text></office:body>"
        "</office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    path = tmp_path / "afgoerelse.odt"
    path.write_bytes(buf.getvalue())
    doc = read_document(path)
    assert doc.title == "Afgørelse om sanktion" and doc.date == dt.date(2021, 3, 12)
    assert "Du får et fradrag i din kontanthjælp." in doc.text
    assert doc.tables == ((("Dag", "Beløb"),),)


def _scanned_pdf(tmp_path: Path) -> Path:
    """An image-only PDF: a page of printed text, rendered to pixels (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 44)
    except OSError:
        font = ImageFont.load_default(size=44)
    for i, line in enumerate(
        [
            "Jobcenter Egebjerg",
            "Afgørelse om fradrag i kontanthjælp",
            "Du udeblev fra samtalen den 3. maj 2023.",
        ]
    ):
        draw.text((150, 200 + 90 * i), line, fill=0, font=font)
    path = tmp_path / "skannet_brev.pdf"
    img.save(path, "PDF", resolution=200)
    return path


def test_scanned_pdf_is_read_by_ocr_or_explained(tmp_path):
    path = _scanned_pdf(tmp_path)
    if not ocr.available():
        with pytest.raises(InputError) as exc:
            read_document(path)
        assert "skal OCR-læses" in exc.value.problem and "make ocr-tools" in exc.value.problem
        return
    doc = read_document(path)
    assert doc.ocr
    assert "Afgørelse om fradrag" in doc.text and "kontanthjælp" in doc.text


def test_scanned_pdf_explained_without_tesseract(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_status", lambda: "Tesseract er ikke installeret")
    with pytest.raises(InputError) as exc:
        read_document(_scanned_pdf(tmp_path))
    assert exc.value.problem.startswith("PDF'en er scannet")
    assert "Tesseract er ikke installeret" in exc.value.problem


def test_case_folder_with_mail_and_scan(tmp_path):
    """A case folder: the e-mail and its attachment are stored as dated case documents; a
    scanned letter is stored marked as OCR text, or named as needing OCR."""
    case = tmp_path / "EG-23-0001"
    case.mkdir()
    (case / "sag.toml").write_text(
        'sag = "EG-23-0001"\nborger = "Ole Hansen"\nydelse = "kontanthjælp"\n', encoding="utf-8"
    )
    (case / "mail.msg").write_bytes(_msg())
    _scanned_pdf(case)
    db = tmp_path / "a.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(case), "--format", "json"])
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, date, case_id, ocr, text FROM documents").fetchall()
    by_name = {Path(r[0]).name: r for r in rows}
    assert by_name["mail.msg"][1:3] == ("2023-04-20", "EG-23-0001")
    assert by_name["mail.msg#notat.txt"][1:3] == ("2023-04-20", "EG-23-0001")
    assert "Ole Hansen" not in by_name["mail.msg"][4]  # pseudonymised like any case text
    assert "notat.txt" in files["mail.msg"]["note"]
    if ocr.available():
        assert by_name["skannet_brev.pdf"][3] == 1
        assert "OCR" in files["skannet_brev.pdf"]["note"]
        # a finding that rests on the scanned letter says its text was read by OCR
        result = CliRunner().invoke(app, ["--db", str(db), "screen", "run", str(case)])
        assert result.exit_code == 0, result.output
        with sqlite3.connect(db) as conn:
            scanned = {
                r[0]
                for r in conn.execute(
                    "SELECT e.id FROM case_events e JOIN documents d ON d.id = e.document_id WHERE d.ocr = 1"
                )
            }
            findings = conn.execute("SELECT explanation, events FROM findings").fetchall()
        explained = [text for text, ids in findings if scanned & set(json.loads(ids or "[]"))]
        assert explained and all("OCR" in x for x in explained)
    else:
        assert "skal OCR-læses" in files["skannet_brev.pdf"]["problem"]
