"""A corpus of hostile and broken input files, generated on the fly (never committed as binaries).

`build_corpus(root)` writes every file under root and returns what a user should see for each:
good files are stored, every bad file gives exactly one Danish line naming the file and problem.
`many_documents(root, n)` writes n small notes and minutes for the crash test.
"""

from __future__ import annotations

import io
import os
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
    "Kommune",
    "Område",
    "Periode",
    "Placering på benchmarkranglisten",
    "Faktisk ydelsesomfang (fuldtidspersoner)",
    "Forventet ydelsesomfang",
    "Forskel",
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
    link: str | None = None  # the entry is a symbolic link to this target ("{outside}" is
    #                          replaced by a folder beside the corpus root)

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
        return (
            struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes([128] * 4) for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


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
        dst.writestr("word/vbaProject.bin", b'Attribute VB_Name = "AutoOpen"\n' * 50)
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


def zip_bomb_xlsx(megabytes: int = 20) -> bytes:
    """An .xlsx whose sheet inflates from ~20 kB to `megabytes` MB of blank XML."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (megabytes * 1024 * 1024))
    return buf.getvalue()


def xlsx_far_cell(styled_only: bool = False) -> bytes:
    """A 5 kB workbook with a small table and one cell in XFD1048576, the last cell Excel has
    (so the sheet declares the dimension A1:XFD1048576). styled_only: that cell has a fill but
    no value, as when someone formats a whole sheet."""
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tilbud", "Bemærkning"])
    ws.append(["Mentorforløb", "Virksomhedspraktik på Ærø"])
    if styled_only:
        ws["XFD1048576"].fill = PatternFill("solid", fgColor="FFFF00")
    else:
        ws["XFD1048576"] = "slut"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pdf_with_trailing_bytes() -> bytes:
    """A valid PDF followed by 5 kB after its %%EOF, as mail gateways and scanners leave."""
    pdf = make_pdf([["Afgørelse om hjælp", "Borgeren bor på Østergade i Åbenrå."]])
    return pdf + b"\r\n" + b"\x00" * 4096 + b"trailing data from a scanner\n" * 40


def pdf_pages(n: int) -> bytes:
    """A text PDF with n pages, each with a short Danish paragraph."""
    return make_pdf(
        [
            [
                f"Side {i + 1} af {n}",
                "Notat om samtale på jobcentret.",
                "Borgeren fik vejledning om rådighed og pligter.",
            ]
            for i in range(n)
        ]
    )


# --------------------------------------------------------------------------- the corpus

Maker = Callable[[], bytes]


def _corpus() -> list[tuple[Entry, Maker]]:
    pdf = make_pdf([["Notat om samtale", DANISH]])
    return [
        # bad files
        (Entry("tom.txt", "filen er tom"), lambda: b""),
        (Entry("tom.pdf", "filen er tom"), lambda: b""),
        (Entry("afkortet.pdf", "PDF-filen er beskadiget og kan ikke læses"), lambda: pdf[: len(pdf) // 2]),
        (
            Entry("krypteret.pdf", "PDF-filen er krypteret (kodeordsbeskyttet); gem en udgave uden kode"),
            lambda: encrypt_pdf(pdf),
        ),
        (
            Entry("skannet.pdf", "OCR", match="contains"),
            lambda: make_pdf([Page(image=True), Page(drawing=True)]),
        ),
        (Entry("bombe.docx", "Word-filen pakker sig ud til 20 MB (forhold ", match="prefix"), zip_bomb_docx),
        (
            Entry(
                "makro.docm",
                "filen indeholder makroer (.docm); afdaek åbner ikke filer med "
                "makroer, gem en udgave uden makroer (.docx eller .xlsx)",
            ),
            docm_bytes,
        ),
        (Entry("billede.txt", "filen er ikke en tekstfil, men et PNG-billede"), png_bytes),
        (
            Entry("nul.txt", "filen indeholder NUL-tegn (binære data) og er ikke en ren tekstfil"),
            lambda: b"Notat om samtale\x00\x00\x00 med borgeren\n" * 20,
        ),
        (
            Entry("sager/S900/notat.txt", "sag.toml: ugyldig TOML i linje 2", match="prefix"),
            lambda: NOTE.encode("utf-8"),
        ),
        (
            Entry("indikatorer.csv", "er ikke et tal", match="contains"),
            lambda: (INDICATOR_HEADER.replace("Værdi", "Vædri") + "\n" + INDICATOR_ROW + "\n").encode(
                "utf-8"
            ),
        ),
        (
            Entry(
                "benchmark.xlsx", 'cellen indeholder formlen "=E4+120" uden gemt resultat', match="contains"
            ),
            xlsx_with_formula,
        ),
        (Entry("bombe.xlsx", "Excel-filen pakker sig ud til 20 MB (forhold ", match="prefix"), zip_bomb_xlsx),
        # links out of the folder, in a ring, to nothing, and to a folder (issue 15)
        (Entry("passwd.txt", LINK_OUT, link="{outside}/passwd"), _no_bytes),
        (Entry("ring-a.txt", LINK_LOOP, link="ring-b.txt"), _no_bytes),
        (Entry("ring-b.txt", LINK_LOOP, link="ring-a.txt"), _no_bytes),
        (
            Entry(
                "død.txt",
                "filen er en genvej (symbolsk link) til en fil, der ikke findes",
                link="findes-ikke.txt",
            ),
            _no_bytes,
        ),
        (Entry("etc", LINK_DIR, link="{outside}"), _no_bytes),
        # sag.toml with the wrong types, a path for an id, and two folders with one id
        (
            Entry(
                "sager/S902/notat.txt",
                'sag.toml: "borger" skal være tekst i anførselstegn (fx borger = "…"), men er en liste',
            ),
            lambda: NOTE.encode("utf-8"),
        ),
        (
            Entry(
                "sager/S903/notat.txt",
                'sag.toml: "../../x" kan ikke bruges som sagsnummer; '
                "brug bogstaver, tal, mellemrum, bindestreg, punktum og understregning "
                '(fx "EG-22-0749"), uden / og \\',
            ),
            lambda: NOTE.encode("utf-8"),
        ),
        (
            Entry(
                "sager/S904/notat.txt",
                'sag.toml: "start" = "i går" er ikke en dato; skriv fx '
                'start = 2023-03-01 eller start = "1. marts 2023"',
            ),
            lambda: NOTE.encode("utf-8"),
        ),
        (
            Entry(
                "sager/S905/notat.txt",
                'sag.toml: "sag" skal være tekst i anførselstegn (fx sag = "…"), men er et tal',
            ),
            lambda: NOTE.encode("utf-8"),
        ),
        (
            Entry(
                "sager/S906/notat.txt",
                'sag.toml: sagsnummeret "S-DOBBELT" bruges også i '
                '{root}/sager/S907/sag.toml; hver sag skal have sit eget nummer – ret "sag" i '
                "den ene af filerne",
            ),
            lambda: NOTE.replace("Jobsamtale", "Samtale 906").encode(),
        ),
        (
            Entry(
                "sager/S907/notat.txt",
                'sag.toml: sagsnummeret "S-DOBBELT" bruges også i '
                '{root}/sager/S906/sag.toml; hver sag skal have sit eget nummer – ret "sag" i '
                "den ene af filerne",
            ),
            lambda: NOTE.replace("Jobsamtale", "Samtale 907").encode(),
        ),
        # good files
        (Entry("notat.txt", None, check="vejledning om rådighed"), lambda: NOTE.encode()),
        (
            Entry("referat.txt", None, kind="minutes", check="Budgettet for samtalerne"),
            lambda: MINUTES.encode("utf-8"),
        ),
        (Entry("brev-cp1252.txt", None, check="Østergade i Åbenrå"), lambda: DANISH.encode("cp1252")),
        (Entry("brev-utf16.txt", None, check="Østergade i Åbenrå"), lambda: (DANISH + "\n").encode("utf-16")),
        (Entry("notat.pdf", None, check="Åbenrå"), lambda: pdf),
        (Entry("notat.docx", None, check="Østergade"), lambda: docx_bytes([DANISH])),
        (Entry("500 sider.pdf", None, check="Side 500 af 500"), lambda: pdf_pages(500)),
        (
            Entry("sager/S901/notat.txt", None, kind="case_note", check="Jobsamtale i sag S901"),
            lambda: NOTE.replace("Jobsamtale", "Jobsamtale i sag S901").encode("utf-8"),
        ),
        (Entry("efterhæng.pdf", None, check="Østergade i Åbenrå"), pdf_with_trailing_bytes),
        (
            Entry(ODD_NAME, None, check="Samtale med ulæseligt filnavn"),
            lambda: NOTE.replace("Jobsamtale", "Samtale med ulæseligt filnavn").encode("utf-8"),
        ),
    ]


def _no_bytes() -> bytes:
    return b""


ODD_NAME = os.fsdecode(b"notat-\xff\xfe.txt")
"""A file name that is not valid UTF-8 (bytes from an old Windows share); Python keeps the
odd bytes as lone surrogates, and afdaek shows them as \\xff."""
LINK_OUT = (
    "filen er en genvej (symbolsk link) til noget uden for den mappe, der blev angivet; "
    "afdaek følger ikke genveje ud af mappen"
)
LINK_LOOP = "filen er en genvej (symbolsk link), der peger i ring, og kan ikke læses"
LINK_DIR = (
    "mappen er en genvej (symbolsk link); afdaek følger ikke genveje til mapper – "
    "angiv mappen selv, hvis den skal med"
)
SECRET = "HEMMELIGT-INDHOLD-UDEN-FOR-MAPPEN"
"""Written in a file outside the corpus root that a link in the corpus points to."""


CASE_TOMLS = {
    "sager/S900/sag.toml": 'ydelse = "kontanthjælp"\nborger = "Mette Lund\ncpr = 010190-1234\n',
    "sager/S901/sag.toml": 'ydelse = "kontanthjælp"\nborger = "Jens Hansen"\n',
    "sager/S902/sag.toml": 'ydelse = "kontanthjælp"\nborger = ["Anna", "Bo"]\n',
    "sager/S903/sag.toml": 'sag = "../../x"\nydelse = "kontanthjælp"\n',
    "sager/S904/sag.toml": 'ydelse = "kontanthjælp"\nstart = "i går"\n',
    "sager/S905/sag.toml": 'sag = 905\nydelse = "kontanthjælp"\n',
    "sager/S906/sag.toml": 'sag = "S-DOBBELT"\nydelse = "kontanthjælp"\n',
    "sager/S907/sag.toml": 'sag = "S-DOBBELT"\nydelse = "uddannelseshjælp"\n',
}


def build_corpus(root: Path) -> list[Entry]:
    """Write the hostile corpus under root (and a secret file in a folder beside it, which a
    link in the corpus points to); return an Entry for each file ingest will see, with
    `{root}` in its problem replaced by the real root."""
    outside = root.parent / f"{root.name}-udenfor"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "passwd").write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    entries = []
    for entry, make in _corpus():
        path = root / entry.name
        path.parent.mkdir(parents=True, exist_ok=True)
        if entry.link is not None:
            os.symlink(entry.link.replace("{outside}", str(outside)), path)
        else:
            path.write_bytes(make())
        if entry.problem and "{root}" in entry.problem:
            entry = Entry(
                entry.name,
                entry.problem.replace("{root}", str(root.resolve())),
                entry.match,
                entry.kind,
                entry.check,
                entry.link,
            )
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
            name, text = f"referat-{i:04d}.txt", SMALL_MINUTES.format(day=1 + i % 28, n=10 + i, m=11 + i, i=i)
            written["minutes"] += 1
        elif i % 3 == 1:
            name, text = f"brev-{i:04d}.txt", SMALL_LETTER.format(day=1 + i % 28, i=i)
            written["letter"] += 1
        else:
            name = f"notat-{i:04d}.txt"
            text = (
                f"0{1 + i % 9}.05.2023 – Samtale nr. {i}\nBorgeren mødte op til samtale "
                f"nr. {i} og fik vejledning om rådighed.\n"
            )
            written["note"] += 1
        (root / name).write_text(text, encoding="utf-8")
    return written
