"""A corpus of hostile and broken input files, generated on the fly (never committed as binaries).

`build_corpus(root)` writes every file under root and returns what a user should see for each:
good files are stored, every bad file gives exactly one Danish line naming the file and problem.
`many_documents(root, n)` writes n small notes and minutes for the crash test.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.pdfmaker import Page, encrypt_pdf, make_pdf
from tests.test_cli_ingest import MINUTES  # the same small minutes as the ingest CLI tests

DANISH = "Kære Søren Ærø, din ansøgning om kontanthjælp på Østergade i Åbenrå er modtaget."

# Looks like the first page of minutes (committee, meeting date) but holds no agenda items.
MINUTES_WITHOUT_ITEMS = """Referat
Udvalget for Beskæftigelse
Mødedato: 14. marts 2022
Mødested: Rådhuset, mødelokale 2

Mødet blev aflyst, fordi udvalget ikke var beslutningsdygtigt.
"""

NOTE = """02.05.2023 – Jobsamtale
Borgeren mødte op til samtale på jobcentret og fik vejledning om rådighed.
"""

INDICATOR_HEADER = "Område;Ydelsesgrupper;Periode;Måling;Værdi"
INDICATOR_ROW = "Egebjerg;Kontanthjælp jobparat;2021K3;Andel aktiverede;53,0"

BENCH_HEADER = [
    "Kommune", "Område", "Periode", "Placering på benchmarkranglisten",
    "Faktisk ydelsesomfang (fuldtidspersoner)", "Forventet ydelsesomfang", "Forskel",
    "Ændring i kommunale besparelser (kroner)",
]


@dataclass(frozen=True)
class Entry:
    """One generated file: its path under the corpus root and what ingest should say about it.

    problem is None for a good file; otherwise the Danish problem text, compared as `match`
    says: "exact", "prefix" (lines that quote a library's own detail) or "contains".
    """

    name: str
    problem: str | None
    match: str = "exact"
    kind: str | None = None
    check: str | None = None  # a string that must survive in the stored text

    @property
    def good(self) -> bool:
        return self.problem is None

    def matches(self, problem: str | None) -> bool:
        if self.problem is None or problem is None:
            return self.problem is problem
        if self.match == "prefix":
            return problem.startswith(self.problem)
        if self.match == "contains":
            return self.problem in problem
        return problem == self.problem


# --------------------------------------------------------------------------- file makers


def png_bytes() -> bytes:
    """A real 4x4 grey PNG."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + tag + body
                + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes([128] * 4) for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real .docx with these paragraphs (python-docx)."""
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb_docx(megabytes: int = 20) -> bytes:
    """A .docx whose document.xml inflates from ~20 kB to `megabytes` MB of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (megabytes * 1024 * 1024))
    return buf.getvalue()


def docm_bytes() -> bytes:
    """A macro-enabled Word file: a real .docx with a VBA project inside."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(["Klik for at aktivere indhold."])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/vbaProject.bin", b"Attribute VB_Name = \"AutoOpen\"\n" * 50)
    return buf.getvalue()


def xlsx_with_formula() -> bytes:
    """A benchmark table whose number column holds a formula without a cached value."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Benchmark, syntetisk"])
    ws.append([])
    ws.append(BENCH_HEADER)
    ws.append(["Egebjerg", "Alle ydelser", "2021H1", 12, 2280, "=E4+120", None, None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pdf_pages(n: int) -> bytes:
    """A text PDF with n pages, each with a short Danish paragraph."""
    return make_pdf([[f"Side {i + 1} af {n}", "Notat om samtale på jobcentret.",
                      "Borgeren fik vejledning om rådighed og pligter."] for i in range(n)])


# --------------------------------------------------------------------------- the corpus

Maker = Callable[[], bytes]


def _corpus() -> list[tuple[Entry, Maker]]:
    pdf = make_pdf([["Notat om samtale", DANISH]])
    return [
        # bad files
        (Entry("tom.txt", "filen er tom"), lambda: b""),
        (Entry("tom.pdf", "filen er tom"), lambda: b""),
        (Entry("afkortet.pdf", "PDF-filen er beskadiget og kan ikke læses"),
         lambda: pdf[: len(pdf) // 2]),
        (Entry("krypteret.pdf",
               "PDF-filen er krypteret (kodeordsbeskyttet); gem en udgave uden kode"),
         lambda: encrypt_pdf(pdf)),
        (Entry("skannet.pdf", "ingen tekst i PDF'en, den skal OCR-behandles"),
         lambda: make_pdf([Page(image=True), Page(drawing=True)])),
        (Entry("bombe.docx", "Word-filen pakker sig ud til 20 MB (forhold ", match="prefix"),
         zip_bomb_docx),
        (Entry("makro.docm", "filen indeholder makroer (.docm); afdaek åbner ikke filer med "
                             "makroer, gem en udgave uden makroer (.docx eller .xlsx)"),
         docm_bytes),
        (Entry("billede.txt", "filen er ikke en tekstfil, men et PNG-billede"), png_bytes),
        (Entry("nul.txt", "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil"),
         lambda: b"Notat om samtale\x00\x00\x00 med borgeren\n" * 20),
        (Entry("sager/S900/notat.txt", "sag.toml kan ikke læses (", match="prefix"),
         lambda: NOTE.encode("utf-8")),
        (Entry("indikatorer.csv", "er ikke et tal", match="contains"),
         lambda: (INDICATOR_HEADER.replace("Værdi", "Vædri") + "\n" + INDICATOR_ROW + "\n")
         .encode("utf-8")),
        (Entry("benchmark.xlsx", 'cellen indeholder formlen "=E4+120" uden gemt resultat',
               match="contains"),
         xlsx_with_formula),
        # good files
        (Entry("notat.txt", None, check="vejledning om rådighed"), lambda: NOTE.encode()),
        (Entry("referat.txt", None, kind="minutes", check="Budgettet for samtalerne"),
         lambda: MINUTES.encode("utf-8")),
        (Entry("brev-cp1252.txt", None, check="Østergade i Åbenrå"), lambda: DANISH.encode("cp1252")),
        (Entry("brev-utf16.txt", None, check="Østergade i Åbenrå"),
         lambda: (DANISH + "\n").encode("utf-16")),
        (Entry("notat.pdf", None, check="Åbenrå"), lambda: pdf),
        (Entry("notat.docx", None, check="Østergade"), lambda: docx_bytes([DANISH])),
        (Entry("500 sider.pdf", None, check="Side 500 af 500"), lambda: pdf_pages(500)),
        (Entry("sager/S901/notat.txt", None, kind="case_note", check="Jobsamtale i sag S901"),
         lambda: NOTE.replace("Jobsamtale", "Jobsamtale i sag S901").encode("utf-8")),
    ]


CASE_TOMLS = {
    "sager/S900/sag.toml": 'ydelse = "kontanthjælp"\nborger = "Mette Lund\ncpr = 010190-1234\n',
    "sager/S901/sag.toml": 'ydelse = "kontanthjælp"\nborger = "Jens Hansen"\n',
}


def build_corpus(root: Path) -> list[Entry]:
    """Write the hostile corpus under root; return an Entry for each file ingest will read."""
    entries = []
    for entry, make in _corpus():
        path = root / entry.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        entries.append(entry)
    for name, text in CASE_TOMLS.items():
        (root / name).write_text(text, encoding="utf-8")
    return entries


def big_text(path: Path, megabytes: int = 50) -> Path:
    """A plain UTF-8 case note of about `megabytes` MB, written in 1 MB blocks."""
    line = "Borgeren mødte op til samtale på jobcentret og fik vejledning om rådighed.\n"
    block = line * (1024 * 1024 // len(line.encode()))
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(megabytes):
            fh.write(block)
    return path


SMALL_MINUTES = """Udvalget for Beskæftigelse
Mødedato: {day}. marts 2022

{n}. Orientering om sag {i}
Sagsfremstilling
Administrationen orienterer om forløb nummer {i}.
Beslutning
Taget til efterretning.

{m}. Godkendelse af indsats {i}
Sagsfremstilling
Indsatsen for gruppe {i} gennemgås.
Beslutning
Godkendt.
"""


SMALL_LETTER = """Kære borger

Du er indkaldt til en samtale om dit forløb nr. {i} på jobcentret den {day}. juni 2023 kl. 10.00.
Formålet er at tale om din plan. Medbring dit sygesikringskort.
Hvis du ikke kan komme, skal du ringe til os.

Med venlig hilsen
Jobcentret
"""


def many_documents(root: Path, n: int = 1000) -> dict[str, int]:
    """n small files under root, with distinct bytes: minutes (two items each), letters, notes.

    Returns how many of each kind were written ({"minutes": .., "letter": .., "note": ..}).
    """
    root.mkdir(parents=True, exist_ok=True)
    written = {"minutes": 0, "letter": 0, "note": 0}
    for i in range(n):
        if i % 3 == 0:
            name, text = f"referat-{i:04d}.txt", SMALL_MINUTES.format(
                day=1 + i % 28, n=10 + i, m=11 + i, i=i)
            written["minutes"] += 1
        elif i % 3 == 1:
            name, text = f"brev-{i:04d}.txt", SMALL_LETTER.format(day=1 + i % 28, i=i)
            written["letter"] += 1
        else:
            name = f"notat-{i:04d}.txt"
            text = (f"0{1 + i % 9}.05.2023 – Samtale nr. {i}\nBorgeren mødte op til samtale "
                    f"nr. {i} og fik vejledning om rådighed.\n")
            written["note"] += 1
        (root / name).write_text(text, encoding="utf-8")
    return written
