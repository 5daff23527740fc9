"""Reading documents: formats, encodings, bad input, kind, title and date guesses.

Every file is generated here; the PDFs by tests/pdfmaker.py.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.pdfmaker import Page, Table, encrypt_pdf, make_pdf
from textmining.errors import InputError
from textmining.readers.sources import (
    PAGE_BREAK,
    SUPPORTED_SUFFIXES,
    decode_text,
    guess_date,
    guess_kind,
    guess_title,
    iter_files,
    parse_danish_date,
    read_document,
    repair_hyphens,
    sniff_delimiter,
)

DANISH = "Kære Søren Ærø, din ansøgning om kontanthjælp på Østergade i Åbenrå er modtaget."


def write(name: str, data: bytes | str) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def problem(path: Path, **kwargs) -> str:
    """The Danish line read_document raises for this file."""
    with pytest.raises(InputError) as info:
        read_document(path, **kwargs)
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: {info.value.problem}"
    return info.value.problem


# --------------------------------------------------------------------------- PDF


def test_pdf_text_pages_and_hyphen_repair():
    data = make_pdf(
        [
            ["Referat af møde", "Borgeren er kommet i beskæf-", "tigelse på Ærø."],
            ["Side 2", "Æbler, øl og ål."],
        ]
    )
    path = write("mode.pdf", data)
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.pages == 2
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.encoding is None
    assert doc.tables == ()
    assert doc.text == (
        "Referat af møde\nBorgeren er kommet i beskæftigelse på Ærø."
        + PAGE_BREAK
        + "Side 2\nÆbler, øl og ål."
    )
    assert "\r" not in doc.text and "\ufffe" not in doc.text
    assert doc.title == "Referat af møde"


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("beskæf\ufffe\ntigelse", "beskæftigelse"),
        ("beskæf\ufffetigelse", "beskæftigelse"),
        ("ud\ufffe\r\ndannelse".replace("\r\n", "\n"), "uddannelse"),
        ("Social\ufffe\nog sundhed", "Social- og sundhed"),
        ("Jobcenter\ufffe\nVarde", "Jobcenter-\nVarde"),
        ("slut\ufffe", "slut-"),
        ("ingen mærker", "ingen mærker"),
    ],
)
def test_repair_hyphens(raw, fixed):
    assert repair_hyphens(raw) == fixed


def test_pdf_tables_only_when_asked():
    rows = [["Ydelse", "Antal"], ["Kontanthjælp", "1.234"], ["Sygedagpenge", "567"]]
    path = write("tabel.pdf", make_pdf([Page(lines=["Oversigt over ydelser"], tables=[Table(rows)])]))
    assert read_document(path).tables == ()
    doc = read_document(path, with_tables=True)
    assert doc.tables == ((("Ydelse", "Antal"), ("Kontanthjælp", "1.234"), ("Sygedagpenge", "567")),)
    assert "Kontanthjælp" in doc.text


def test_pdf_empty_file():
    assert problem(write("tom.pdf", b"")) == "filen er tom"


def test_pdf_truncated():
    data = make_pdf([["Første side med tekst"]] * 3)
    path = write("afkortet.pdf", data[: len(data) // 2])
    assert problem(path) == "PDF-filen er beskadiget og kan ikke læses"


def test_pdf_corrupt_but_complete_looking():
    path = write("rod.pdf", b"%PDF-1.4\nnoget rod uden objekter\n%%EOF\n")
    assert problem(path) == "PDF-filen er beskadiget og kan ikke læses"


def test_pdf_that_is_not_a_pdf():
    path = write("falsk.pdf", b"Dette er ren tekst i en fil med forkert endelse.")
    assert problem(path) == "filen er ikke en PDF-fil, selv om den hedder .pdf"


def test_pdf_encrypted():
    pytest.importorskip("pypdf")
    path = write("hemmelig.pdf", encrypt_pdf(make_pdf([["Fortroligt notat"]])))
    assert problem(path) == "PDF-filen er krypteret (kodeordsbeskyttet); gem en udgave uden kode"


@pytest.mark.parametrize("page", [Page(image=True), Page(drawing=True)], ids=["image", "drawing"])
def test_pdf_without_text_layer(page, monkeypatch):
    """Without Tesseract, a PDF of page images says it needs OCR and how to get the tools; with
    it, a page with no letters on it says OCR found nothing."""
    from textmining.readers import ocr

    path = write("skannet.pdf", make_pdf([page, page]))
    monkeypatch.setattr(ocr, "tesseract_status", lambda: "Tesseract er ikke installeret")
    line = problem(path)
    assert "skal OCR-læses" in line and "make ocr-tools" in line and "\n" not in line


def test_pdf_with_many_pages():
    path = write("lang.pdf", make_pdf([[f"Side {i} af 500", "Tekst på siden."] for i in range(500)]))
    doc = read_document(path)
    assert doc.pages == 500
    assert doc.text.count("\f") == 499


# --------------------------------------------------------------------------- formats


FORMATS = (
    "afdaek læser PDF, DOCX, ODT, TXT, MD, HTML, CSV, XLSX, JSON, e-mails (EML, MSG) "
    "og scannede breve (PNG, JPEG, TIFF)"
)


@pytest.mark.parametrize("name", ["data.xyz", "gammel.doc", "regneark.xls"])
def test_unknown_format(name):
    path = write(name, b"noget")
    suffix = Path(name).suffix
    assert problem(path) == f"ukendt filformat '{suffix}'; {FORMATS}"


def test_broken_image():
    assert problem(write("billede.png", b"noget")) == "billedet er beskadiget eller ikke et billede"


def test_no_suffix():
    assert problem(write("README", "tekst")) == f"filen har ingen filendelse; {FORMATS}"


def test_missing_file():
    assert problem(Path("findes-ikke.txt")) == "filen findes ikke"


def test_supported_suffixes():
    assert {
        ".pdf",
        ".docx",
        ".odt",
        ".txt",
        ".md",
        ".csv",
        ".xlsx",
        ".json",
        ".eml",
        ".msg",
        ".png",
        ".jpg",
        ".tif",
        ".html",
        ".htm",
    } <= SUPPORTED_SUFFIXES


@pytest.mark.parametrize("name", ["tom.txt", "tom.md", "tom.csv", "tom.docx", "tom.xlsx"])
def test_empty_files(name):
    assert problem(write(name, b"")) == "filen er tom"


def test_whitespace_only_text_is_empty():
    assert problem(write("blank.txt", "  \n\n \t\n")) == "filen er tom"


def test_upper_case_suffix():
    assert read_document(write("NOTAT.TXT", "Hej")).format == "txt"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding, data, expected",
    [
        ("utf-8", DANISH.encode("utf-8"), "utf-8"),
        ("utf-8 BOM", b"\xef\xbb\xbf" + DANISH.encode("utf-8"), "utf-8-sig"),
        ("utf-16 LE BOM", DANISH.encode("utf-16"), "utf-16"),
        ("utf-16 BE BOM", b"\xfe\xff" + DANISH.encode("utf-16-be"), "utf-16"),
        ("utf-16 LE no BOM", DANISH.encode("utf-16-le"), "utf-16-le"),
        ("utf-16 BE no BOM", DANISH.encode("utf-16-be"), "utf-16-be"),
        ("cp1252", DANISH.encode("cp1252"), "cp1252"),
        ("cp865 (DOS)", DANISH.encode("cp865"), "cp865"),
        ("mac_roman", DANISH.encode("mac_roman"), "mac_roman"),
    ],
)
def test_text_encodings(encoding, data, expected):
    doc = read_document(write("brev.txt", data))
    assert doc.text == DANISH
    assert doc.encoding == expected


def test_cp1252_with_typographic_quotes_and_euro():
    text = "Beløbet er 100 € – “ca.” ½ måned."
    doc = read_document(write("citat.txt", text.encode("cp1252")))
    assert (doc.text, doc.encoding) == (text, "cp1252")


def test_line_endings_and_decomposed_letters_are_normalised():
    doc = read_document(write("crlf.md", "# Overskrift\r\nLinje to\rLinje tre\r\nA\u030angstrøm"))
    assert doc.text == "# Overskrift\nLinje to\nLinje tre\nÅngstrøm"
    assert doc.format == "md"
    assert doc.title == "Overskrift"


def test_png_named_txt():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert problem(write("billede.txt", png)) == "filen er ikke en tekstfil, men et PNG-billede"


def test_pdf_named_txt():
    path = write("notat.txt", make_pdf([["Hej"]]))
    assert problem(path) == "filen er ikke en tekstfil, men en PDF-fil; giv den endelsen .pdf"


def test_nul_bytes():
    path = write("nul.txt", b"Hej med dig\x00\x00 og mere tekst her")
    assert problem(path) == "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil"


def test_control_characters_are_binary():
    path = write("styretegn.md", b"abc\x01\x02\x03\x04\x05\x06" * 50)
    assert problem(path) == "filen er ikke en tekstfil (den indeholder binære data)"


def test_unreadable_encoding():
    path = write("rod.txt", b"Hej " + bytes(range(0x80, 0x100)) * 4 + b" slut")
    assert problem(path) == "tegnkodningen kan ikke genkendes; gem filen som UTF-8 og prøv igen"


def test_large_text_file():
    line = "Borgeren mødte op til samtale på jobcentret og fik vejledning om rådighed.\n"
    path = write("stor.txt", line * (50 * 1024 * 1024 // len(line.encode())))
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert len(doc.text) > 45_000_000


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_decode_text_only_raises_input_error(data):
    try:
        text, encoding = decode_text(data, "x.txt")
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem
    else:
        assert isinstance(text, str) and encoding
        assert "\r" not in text and "\x00" not in text


# --------------------------------------------------------------------------- DOCX


def make_docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    def build(d):
        d.add_paragraph("Indkaldelse til samtale")
        d.add_paragraph("Kære Søren")
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 1).merge(table.cell(0, 2))
        for i, row in enumerate([["Dato", "Sted"], ["1. marts 2023", "Jobcentret", "Lokale 2"]]):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        d.add_paragraph("Med venlig hilsen")

    path = write("indkaldelse.docx", make_docx(build))
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.text == (
        "Indkaldelse til samtale\nKære Søren\nDato | Sted\n"
        "1. marts 2023 | Jobcentret | Lokale 2\nMed venlig hilsen"
    )
    assert doc.tables == ((("Dato", "Sted"), ("1. marts 2023", "Jobcentret", "Lokale 2")),)
    assert doc.kind == "letter"
    assert doc.title == "Indkaldelse til samtale"
    assert doc.pages >= 1


def test_docx_page_count_from_app_properties():
    data = make_docx(lambda d: d.add_paragraph("Tekst"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "docProps/app.xml":
                body = re.sub(rb"<Pages>\d+</Pages>", b"", body)
                body = body.replace(b"</Properties>", b"<Pages>7</Pages></Properties>")
            dst.writestr(item, body)
    assert read_document(write("sider.docx", buf.getvalue())).pages == 7


def test_docx_zip_bomb_is_refused_before_opening():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    problem_line = problem(write("bombe.docx", buf.getvalue()))
    assert problem_line.startswith("Word-filen pakker sig ud til 20 MB (forhold ")
    assert problem_line.endswith(":1) og ligner en zip-bombe; den åbnes ikke")


def test_docm_is_refused():
    path = write("makro.docm", make_docx(lambda d: d.add_paragraph("Hej")))
    assert problem(path) == (
        "filen indeholder makroer (.docm); afdaek åbner ikke filer med makroer, "
        "gem en udgave uden makroer (.docx eller .xlsx)"
    )


def test_docx_with_macro_project_is_refused():
    data = make_docx(lambda d: d.add_paragraph("Hej"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/vbaProject.bin", b"makro" * 100)
    assert problem(write("skjult.docx", buf.getvalue())) == (
        "filen indeholder makroer; afdaek åbner ikke filer med makroer, "
        "gem en udgave uden makroer (.docx eller .xlsx)"
    )


def test_docx_corrupt():
    assert problem(write("rod.docx", b"ikke en zip-fil " * 20)) == (
        "Word-filen er beskadiget og kan ikke læses"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hej.txt", "ikke word")
    assert problem(write("zip.docx", buf.getvalue())) == ("Word-filen er beskadiget og kan ikke læses")


def test_docx_encrypted_or_old_format():
    path = write("kode.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert problem(path) == (
        "Word-filen er krypteret (kodeordsbeskyttet) eller i gammelt format; "
        "gem en udgave uden kode i .docx/.xlsx-format"
    )


# --------------------------------------------------------------------------- CSV and XLSX

SURVEY_ROWS = [
    ["Gruppe", "Før samtalen", "Samlet tilfredshed"],
    ["Kontanthjælp", "God modtagelse", "Meget tilfreds"],
    ["Sygedagpenge", "Lang ventetid", "Mindre tilfreds"],
]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_delimiters_and_cp1252(delimiter):
    rows = [["Område", "Ydelse", "Antal"], ["Ærø", "Kontanthjælp", "1.234,5"], ["Søby", "", "-"]]
    text = "\r\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in r) for r in rows)
    doc = read_document(write("tal.csv", text.encode("cp1252")))
    assert doc.tables == (tuple(tuple(r) for r in rows),)
    assert doc.text == "Område | Ydelse | Antal\nÆrø | Kontanthjælp | 1.234,5\nSøby |  | -"
    assert (doc.format, doc.kind, doc.encoding, doc.title, doc.date) == (
        "csv",
        "table",
        "cp1252",
        None,
        None,
    )


def test_csv_survey_and_case_note_kinds():
    survey = "\n".join(";".join(r) for r in SURVEY_ROWS)
    assert read_document(write("svar.csv", survey)).kind == "survey"
    notes = "sag;dato;type;tekst\n1;14.03.2023;samtale;Borgeren mødte op\n"
    assert read_document(write("notater.csv", notes)).kind == "case_note"


def test_sniff_delimiter():
    assert sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("kun én kolonne\nto\n") == ";"


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list(';,\t"\n abæ1')), max_size=200))
def test_csv_reader_never_crashes(text):
    path = write("h.csv", text)
    try:
        doc = read_document(path)
    except InputError as exc:
        assert exc.problem
    else:
        assert all(isinstance(c, str) for t in doc.tables for r in t for c in r)


def test_xlsx_sheets_values_and_formula_without_cached_value():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ydelser"
    ws.append(["Område", "Antal", "Andel", "Opgjort"])
    ws.append(["Ærø", 1234, 0.25, datetime.datetime(2023, 3, 1)])
    ws.append(["Søby", "=B2*2", None, None])
    wb.create_sheet("Tom")
    survey = wb.create_sheet("Tilfredshed")
    for row in SURVEY_ROWS:
        survey.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_document(write("tal.xlsx", buf.getvalue()))
    assert doc.format == "xlsx"
    assert doc.pages == 3
    assert doc.tables[0] == (
        ("Område", "Antal", "Andel", "Opgjort"),
        ("Ærø", "1234", "0.25", "2023-03-01"),
        ("Søby",),  # the formula has no saved result
    )
    assert doc.tables[1] == tuple(tuple(r) for r in SURVEY_ROWS)
    assert doc.text.split(PAGE_BREAK)[0] == (
        "Område | Antal | Andel | Opgjort\nÆrø | 1234 | 0.25 | 2023-03-01\nSøby"
    )
    assert doc.kind == "survey"


def test_xlsm_and_corrupt_xlsx():
    assert problem(write("makro.xlsm", b"PK")).startswith("filen indeholder makroer (.xlsm)")
    assert problem(write("rod.xlsx", b"ikke excel" * 10)) == ("Excel-filen er beskadiget og kan ikke læses")


# --------------------------------------------------------------------------- files


def test_iter_files_walks_sorted_and_skips_noise():
    for name in [
        "sager/b/notat.txt",
        "sager/a/sag.toml",
        "sager/a/brev.docx",
        "sager/a/~$brev.docx",
        "sager/a/.skjult.txt",
        "sager/.git/config",
        "sager/a/Thumbs.db",
        "sager/a/data.xyz",
        "enkelt.md",
    ]:
        write(name, "x")
    found = list(iter_files([Path("sager"), Path("enkelt.md"), Path("mangler.txt")]))
    assert found == [
        Path("sager/a/brev.docx"),
        Path("sager/a/data.xyz"),
        Path("sager/b/notat.txt"),
        Path("enkelt.md"),
        Path("mangler.txt"),
    ]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("14.03.2023", datetime.date(2023, 3, 14)),
        ("14-03-2023", datetime.date(2023, 3, 14)),
        ("14/3-23", datetime.date(2023, 3, 14)),
        ("14/03/2023", datetime.date(2023, 3, 14)),
        ("1. marts 2023", datetime.date(2023, 3, 1)),
        ("Onsdag den 11. December 2013", datetime.date(2013, 12, 11)),
        ("3 okt. 2021", datetime.date(2021, 10, 3)),
        ("2023-03-14", datetime.date(2023, 3, 14)),
        ("5.1.99", datetime.date(1999, 1, 5)),
        ("31.02.2023 og så 1.3.2023", datetime.date(2023, 3, 1)),
        ("29. februar 2023", None),
        ("1.234.567 kr.", None),
        ("sag 330-2016-89665", None),
        ("ingen dato", None),
    ],
)
def test_parse_danish_date(text, expected):
    assert parse_danish_date(text) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789./- marts'jan")), max_size=40))
def test_parse_danish_date_never_raises(text):
    result = parse_danish_date(text)
    assert result is None or isinstance(result, datetime.date)


def test_guess_date():
    assert guess_date("Jobcenter Syd\nDato: 1. marts 2023\nKære borger") == datetime.date(2023, 3, 1)
    assert guess_date("Referat\nMødedato: Onsdag den 11. december 2013") == datetime.date(2013, 12, 11)
    assert guess_date("Red. 12. januar 2021 /AB.\n\nProjektbeskrivelse") == datetime.date(2021, 1, 12)
    assert guess_date("Vejle, 14/3-23\nKære Søren") == datetime.date(2023, 3, 14)
    assert guess_date("Mødet den 5. maj 2022 gik godt, og alle kom.") is None
    assert guess_date("14.03.2023 Samtale\n15.03.2023 Opfølgning", "case_note") is None


# --------------------------------------------------------------------------- kind and title

MINUTES = """Udvalget for Beskæftigelse
Mødedato: 2. februar 2022

12. Orientering om ledighed (O)
Sagsfremstilling
Ledigheden er faldet.
Indstilling
Forvaltningen indstiller, at orienteringen tages til efterretning.
Beslutning
Taget til efterretning.

13. Budget 2023
Sagsfremstilling
Forslag til budget.
Beslutning
Godkendt.
"""

CASE_NOTES = """Journalnotater
14.03.2023 – Samtale
Borgeren mødte op og var motiveret.
21/3-23 Afbud
Borgeren meldte afbud pga. sygdom.
2. april 2023 Opfølgning
Aftale om virksomhedspraktik.
"""

LETTER = """Jobcenter Syd
Vestergade 1
7100 Vejle

Dato: 1. marts 2023

Indkaldelse til samtale om din kontanthjælp

Kære Søren

Du indkaldes til samtale på jobcentret.

Med venlig hilsen
Jobcentret
"""


@pytest.mark.parametrize(
    "text, fmt, tables, kind",
    [
        (MINUTES, "pdf", (), "minutes"),
        (CASE_NOTES, "txt", (), "case_note"),
        (LETTER, "docx", (), "letter"),
        ("Resultater\nMeget tilfreds 10\nTilfreds 5\nMindre tilfreds 2", "pdf", (), "survey"),
        ("Oversigt", "docx", ((("Spørgsmål", "Yderst tilfreds"), ("Ventetid", "12")),), "survey"),
        ("A | B\n1 | 2", "docx", ((("A", "B"), ("1", "2")),), "table"),
        ("", "xlsx", ((("Område", "Antal"),),), "table"),
        ("Et notat om indsatsen uden særlige kendetegn.", "txt", (), "other"),
        ("Plan\n1. Tidlig indsats\n2. Nytteindsats\n3. Screening", "txt", (), "other"),
    ],
)
def test_guess_kind(text, fmt, tables, kind):
    assert guess_kind(text, fmt, tables) == kind


def test_a_timeline_at_the_end_is_not_a_case_note():
    text = (
        "Projektbeskrivelse\n"
        + "Afsnit med tekst.\n" * 20
        + "30.11.20 Drøftelse\n11.01.21 Udbud\n04.03.21 Kontrakt\n"
    )
    assert guess_kind(text, "txt") == "other"


def test_titles():
    assert guess_title(MINUTES, "minutes") == "Udvalget for Beskæftigelse"
    assert guess_title(LETTER, "letter") == "Indkaldelse til samtale om din kontanthjælp"
    assert guess_title("Vedr.: Partshøring om sanktion\nKære Søren", "letter") == ("Partshøring om sanktion")
    assert guess_title("Hedensted Kommune\nSide 1 af 4\n\nÅbent referat til\n\nUdvalget for X") == (
        "Åbent referat til Udvalget for X"
    )
    assert guess_title("## **Status på indsatsen**\nTekst") == "Status på indsatsen"
    assert guess_title("12\n--\n") is None


def test_read_document_guesses_letter_fields():
    doc = read_document(write("brev.txt", LETTER))
    assert (doc.kind, doc.title, doc.date) == (
        "letter",
        "Indkaldelse til samtale om din kontanthjælp",
        datetime.date(2023, 3, 1),
    )
    notes = read_document(write("notater.md", CASE_NOTES))
    assert (notes.kind, notes.date) == ("case_note", None)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_guesses_never_raise(text):
    assert guess_kind(text, "txt") in {"minutes", "case_note", "letter", "survey", "table", "other"}
    title = guess_title(text)
    assert title is None or (title and "\n" not in title and len(title) <= 200)
    day = guess_date(text)
    assert day is None or isinstance(day, datetime.date)
