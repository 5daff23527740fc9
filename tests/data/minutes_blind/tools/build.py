# ruff: noqa: E501
"""Builds the blind minutes corpus (documents + gold) in ../dev and ../test.

A record of how the committed files were made, not part of the test run: the committed
documents and their .json gold are the test data. The gold is written from the same item
specification the document is rendered from, and every rendered document was read back by
hand. Run: .venv/bin/python tests/data/minutes_blind/tools/build.py
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
sys.path.insert(0, str(HERE))

from content import BANK, STANDARD  # noqa: E402
from pdfwriter import PdfPage, build_pdf, text_width, wrap  # noqa: E402

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def collapse(text: str | None) -> str | None:
    if text is None:
        return None
    out = re.sub(r"\s+", " ", text).strip()
    return out or None


def long_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def dmy(d: dt.date, sep: str = "-") -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def weekday(d: dt.date) -> str:
    return WEEKDAYS[d.weekday()]


def genitive(name: str) -> str:
    return name if name.endswith("s") else name + "s"


# --- topics ------------------------------------------------------------------------------
MIXED = {
    64: "job",
    65: "job",
    66: "job",
    67: "any",
    68: "job",
    69: "job",
    70: "job",
    71: "job",
    72: "job",
    73: "job",
    74: "any",
    75: "job",
    76: "soc",
    77: "job",
    78: "job",
    79: "any",
    80: "job",
    81: "soc",
    82: "soc",
    83: "soc",
    84: "soc",
    85: "any",
    86: "tek",
    87: "tek",
    88: "tek",
    89: "tek",
    90: "tek",
}


def topic_of(index: int, entry: dict) -> str:
    if entry.get("topic"):
        return entry["topic"]
    if index <= 24:
        return "job"
    if index <= 41:
        return "soc"
    if index <= 63:
        return "tek"
    return MIXED[index]


class Pool:
    def __init__(self) -> None:
        self.free = [(i, b, topic_of(i, b)) for i, b in enumerate(BANK)]

    def reserve(self, title: str) -> None:
        """Put the entry with this title first, so the next draw takes it."""
        k = next(k for k, (_i, b, _t) in enumerate(self.free) if b["t"] == title)
        self.free.insert(0, (*self.free.pop(k)[:2], "picked"))

    def take(self, topics: tuple[str, ...], closed: bool) -> dict:
        if self.free and self.free[0][2] == "picked" and not closed:
            return self.free.pop(0)[1]
        for wanted in (*topics, "any"):
            for k, (_i, b, t) in enumerate(self.free):
                if t == wanted and bool(b.get("cls")) == closed:
                    del self.free[k]
                    return b
        # committees of everything: take from the biggest remaining pool
        for k, (_i, b, _t) in enumerate(self.free):
            if bool(b.get("cls")) == closed:
                del self.free[k]
                return b
        raise RuntimeError("bank exhausted")


POOL = Pool()


@dataclass
class It:
    number: int | None
    title: str | None
    typ: str = "B"
    case: str | None = None
    kle: str | None = None
    open: bool = True
    s: str = ""
    i: str = ""
    d: str | None = None
    frav: str | None = None
    earlier: list[tuple[str, str]] = field(default_factory=list)  # (committee, decision) before this meeting
    bilag: list[str] = field(default_factory=list)
    std: str | None = None
    desc: str | None = None  # FirstAgenda: the indstilling's short description after the decision


@dataclass
class Doc:
    name: str
    family: str
    split: str
    ext: str
    committee: str | None
    date: dt.date
    items: list[It]
    opts: dict = field(default_factory=dict)
    gold_committee: str | None = "same"


def std_item(kind: str, rng: random.Random) -> It:
    title, s, i = STANDARD[kind]
    choices = {
        "dagsorden": ["Godkendt.", "Dagsordenen blev godkendt.", "Godkendt.", "Godkendt uden bemærkninger."],
        "meddelelser": [
            "Til efterretning.",
            "Formanden orienterede om dialogmødet med handicaprådet.\n\nTil efterretning.",
            "Forvaltningen orienterede om status på rekrutteringen af en ny jobcenterchef.",
            "Taget til efterretning.",
        ],
        "eventuelt": ["Intet.", "Ingen bemærkninger.", None, "Intet at bemærke."],
        "referat": ["Godkendt.", "Referatet blev godkendt."],
    }[kind]
    return It(
        number=None,
        title=title,
        typ="O" if kind in ("meddelelser", "eventuelt") else "B",
        s=s,
        i=i,
        d=rng.choice(choices),
        std=kind,
    )


def bank_item(entry: dict) -> It:
    return It(
        number=None,
        title=entry["t"],
        typ=entry["typ"],
        open=not entry.get("cls"),
        s=entry["s"],
        i=entry["i"],
        d=entry["d"],
    )


BILAG_NAMES = [
    "Notat om status.pdf",
    "Høringssvar samlet.pdf",
    "Oversigt over tilbud 2025.xlsx",
    "Kort over området.pdf",
    "Udkast til kvalitetsstandard.docx",
    "Evalueringsrapport.pdf",
    "Budgetoversigt.pdf",
    "Tidsplan.pdf",
    "Bilag 2 - Økonomi.pdf",
    "Præsentation fra mødet.pptx",
    "Brev fra styrelsen.pdf",
    "Tilsynsrapport.pdf",
]


def make_items(
    rng: random.Random,
    topics: tuple[str, ...],
    start: int,
    head: tuple[str, ...],
    n_bank: int,
    tail: tuple[str, ...] = (),
    n_closed: int = 0,
) -> list[It]:
    items = [std_item(k, rng) for k in head]
    items += [bank_item(POOL.take(topics, False)) for _ in range(n_bank)]
    items += [std_item(k, rng) for k in tail]
    items += [bank_item(POOL.take(topics, True)) for _ in range(n_closed)]
    for k, it in enumerate(items):
        it.number = start + k
        if it.std is None and it.open and rng.random() < 0.45:
            it.bilag = rng.sample(BILAG_NAMES, rng.choice([1, 2, 3]))
    return items


def paras(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def plain_lines(text: str) -> list[str]:
    return [line for line in text.split("\n")]


# --- case numbers ------------------------------------------------------------------------
def assign_cases(items: list[It], rng: random.Random, kind: str, year: int, skip_std: bool = False) -> None:
    for it in items:
        if skip_std and it.std:
            continue
        n = rng.randint(1000, 99999)
        if kind == "emn":
            it.case = f"EMN-{year}-{rng.randint(1000, 15000):06d}"
        elif kind == "slash":
            it.case = f"{year % 100:02d}/{n}"
        elif kind == "slash4":
            it.case = f"{year}/{rng.randint(100, 9999):05d}"
        elif kind.startswith("edoc"):
            prefix = kind.split(":")[1]
            it.case = f"{prefix}-{year - rng.randint(0, 3)}-{n}"
        elif kind == "digits":
            it.case = str(rng.randint(200000, 420000))
        elif kind == "dash":
            it.case = f"{year}-{rng.randint(1000, 99999):06d}"


KLES = [
    "15.00.00",
    "15.20.00",
    "32.18.00",
    "27.24.00",
    "05.01.00",
    "00.01.00",
    "15.02.00",
    "06.02.00",
    "82.02.00",
    "27.12.00",
]
KLE_FACET = [
    "15.20G00",
    "15.00G01",
    "32.18P20",
    "00.01A00",
    "15.02G00",
    "27.24A00",
    "05.04G01",
    "06.00P19",
    "15.20P24",
    "00.17A00",
]


def assign_kle(items: list[It], rng: random.Random, facet: bool, share: float = 1.0) -> None:
    for it in items:
        if rng.random() <= share:
            it.kle = rng.choice(KLE_FACET if facet else KLES)


# =========================================================================================
# FirstAgenda PDF export
# =========================================================================================
class Layout:
    """Flows text blocks over A4 pages; headers and footers are added when the page count is known."""

    TOP, BOTTOM, LEFT, WIDTH = 780.0, 62.0, 56.0, 480.0

    def __init__(self) -> None:
        self.pages: list[PdfPage] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(PdfPage())
        self.y = self.TOP

    def gap(self, points: float) -> None:
        self.y -= points

    def para(
        self, text: str, size: float = 10, bold: bool = False, gap_before: float = 0, keep: int = 1
    ) -> None:
        lines = wrap(text, self.WIDTH, size, bold)
        lh = size * 1.22
        self.y -= gap_before
        if self.y - lh * min(keep, len(lines)) < self.BOTTOM:
            self.new_page()
        for line in lines:
            if self.y - lh < self.BOTTOM:
                self.new_page()
            self.y -= lh
            self.pages[-1].text(self.LEFT, self.y, line, size, bold)

    def heading(self, text: str, size: float = 12.5, gap_before: float = 8) -> None:
        self.para(text, size, True, gap_before, keep=3)

    @property
    def page_no(self) -> int:
        return len(self.pages)


def aarhus_indstilling(text: str) -> list[str]:
    out = ["Det indstilles:"]
    points = [ln for ln in text.split("\n")[1:] if ln.strip()]
    if not points:
        m = re.search(r"indstiller,? at (.*)", text)
        return [f"Det indstilles, at {m.group(1)}" if m else text]
    for k, p in enumerate(points, 1):
        p = re.sub(r"^(\d+\.|-|•)\s*at\s+", "", p.strip())
        out.append(f"At {k}) {p}")
    return out


def render_fa_pdf(doc: Doc) -> bytes:
    o = doc.opts
    L = Layout()
    c = doc.committee
    item_pages: list[int] = []
    # body starts on page 3 (front page and table of contents are drawn afterwards)
    L.pages = []
    L.new_page()
    for idx, it in enumerate(doc.items):
        if idx > 0:
            if o.get("page_per_item"):
                L.new_page()
            else:
                L.gap(18)
        item_pages.append(L.page_no + 2)
        closed = "" if it.open else o.get("closed_prefix", "Lukket: ")
        if o.get("numbering") == "punkt":
            head = f"Punkt {it.number}: {closed}{it.title}"
        else:
            head = f"{it.number}. {closed}{it.title}"
        L.para(head, 15, True, 0 if L.y == L.TOP else 6, keep=2)
        if it.case:
            L.para(o.get("case_label", "") + it.case, 10, False, 6)
        dec_heading = o.get("dec_heading", "Beslutning")
        dec_paragap = o.get("dec_paragap", 4)

        def decision_block(
            heading: bool = True,
            it: It = it,
            dec_heading: str = dec_heading,
            dec_paragap: float = dec_paragap,
        ) -> None:
            if it.d is None and heading:
                return
            first_page = -1
            if heading:
                L.heading(dec_heading)
            for k, p in enumerate(paras(it.d or "")):
                for j, line in enumerate(p.split("\n")):
                    if (k or j) and it.number == o.get("split_at") and L.page_no == first_page:
                        L.new_page()  # this decision runs over a page break (header and footer in between)
                    L.para(
                        line, 10, False, (dec_paragap if (k and not j) else 0) + (6 if not k and not j else 0)
                    )
                    if not k and not j:
                        first_page = L.page_no
            if it.frav:
                L.para(f"Fraværende: {it.frav}", 10, False, 6)

        if not it.open:
            decision_block(heading=o.get("closed_heading", False))
            continue
        if o.get("dec_pos", "top") == "top":
            decision_block()
        if o.get("aarhus"):
            if (
                o.get("short_desc")
                and it.d is not None
                and it.std is None
                and not it.title.startswith("Forslag fra")
            ):
                L.para(it.desc or ".", 10, False, 16)
            if it.title.startswith("Forslag fra"):
                party = {"Enhedslisten": "EL", "SF": "SF"}.get(it.title.split()[2], it.title.split()[2])
                L.para(f"BESLUTNINGSFORSLAG FRA {party}", 10, False, 16)
                for p in paras(it.s):
                    L.para(p, 10)
                L.para(
                    {"EL": "Sofie Lund, byrådsmedlem (Ø)", "SF": "Birgitte Vang, gruppeformand (F)"}.get(
                        party, "Lise Brandt"
                    )
                )
                L.para(o["dept_line"], 10, False, 6)
            elif it.std is None:
                L.para(o["dept_line"], 10, False, 16 if not o.get("short_desc") else 6)
            if it.std is None:
                L.heading("Resume", 12.5, 10)
                for p in paras(it.s)[:1]:
                    L.para(p)
                L.heading("Beslutningspunkter")
                for line in aarhus_indstilling(it.i):
                    L.para(line)
                L.heading("Sagsforløb")
                prev = doc.date - dt.timedelta(days=8)
                L.para("Udvalg: Magistraten")
                L.para(f"Dato: {dmy(prev)}")
                L.para(f"Punktnummer: {it.number % 9 + 2}")
                L.para(
                    f"Fremsendes til {c} med bemærkning, at Magistraten i mødet den {long_date(prev)} anbefaler, at {c.lower() if c == 'Byrådet' else c} tiltræder indstillingen."
                )
                if it.bilag:
                    L.heading("Bilag")
                    L.para("Indstilling")
                    for k, b in enumerate(it.bilag, 1):
                        L.para(f"Bilag {k}: {b.rsplit('.', 1)[0]}")
            continue
        if it.i:
            L.heading("Indstilling")
            for line in it.i.split("\n"):
                L.para(line, 10, False, 2)
        if it.s:
            L.heading("Sagsfremstilling")
            for p in paras(it.s):
                L.para(p, 10, False, 5)
            if o.get("okonomi") and it.std is None:
                L.heading("Økonomi")
                L.para(
                    "Sagen har ingen bevillingsmæssige konsekvenser."
                    if it.typ != "B"
                    else "Udgiften afholdes inden for udvalgets ramme.",
                    10,
                    False,
                    2,
                )
        if o.get("dec_pos") == "end":
            decision_block()
        if it.bilag:
            L.heading("Bilag")
            for k, b in enumerate(it.bilag, 1):
                L.para(f"Bilag {k}: {b}", 10, False, 2)
    body = L.pages
    # front page and table of contents
    front = PdfPage()
    y = 780.0
    if o.get("front") == "aarhus":
        front.text(56, y, f"REFERAT {c} d. {dmy(doc.date)}", 18, True)
    else:
        front.text(56, y, "Referat", 22, True)
        y -= 28
        front.text(56, y, c, 16, True)
    y -= 34
    for label, value in o["front_rows"]:
        front.text(56, y, label, 10, True)
        front.text(150, y, value, 10)
        y -= 16
    toc = PdfPage()
    toc.text(56, 780, "Indholdsfortegnelse", 16, True)
    y = 750.0
    for it, page in zip(doc.items, item_pages):
        label = ("" if it.open else "Lukket: ") + it.title
        if o.get("toc_numbers"):
            label = f"{it.number}. {label}"
        # shorten to the line like the export does, then dots and the page number
        while text_width(label, 9) > 400:
            label = label[:-1]
        dots = "." * max(3, int((440 - text_width(label, 9)) / 2.5))
        toc.text(56, y, f"{label}{dots} {page}", 9)
        y -= 14
    pages = [front, toc, *body]
    total = len(pages)
    for n, page in enumerate(pages, 1):
        if n == 1:
            continue
        if o.get("header"):
            page.text(56, 815, o["header"], 8)
        footer = o.get("footer", "Side {n} af {total}").format(n=n, total=total)
        page.text(470 if o.get("footer_right") else 56, 28, footer, 8)
    return build_pdf(pages)


# =========================================================================================
# eDoc
# =========================================================================================
def hard_wrap(lines: list[str], width: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        cur = ""
        for word in line.lstrip(" ").split(" "):
            if cur and len(indent) + len(cur) + 1 + len(word) > width:
                out.append(indent + cur)
                cur = word
            else:
                cur = word if not cur else cur + " " + word
        out.append(indent + cur)
    return out


def paginate(lines: list[str], per_page: int, header: str, footer: str) -> list[str]:
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    out: list[str] = []
    for n, chunk in enumerate(pages, 1):
        if n > 1:
            out.append(header)
        out.extend(chunk)
        out.append(footer.format(n=n, total=len(pages)))
    return out


def render_edoc(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    datestr = long_date(doc.date) if o.get("date_style", "long") == "long" else dmy(doc.date)
    L: list[str] = []
    if not o.get("wrapped"):
        L += ["Dagsordener og referater", ""]
    L += [
        f"{c} - Referat {long_date(doc.date)}",
        "",
        f"{o.get('time', '15:00')} {o.get('place', 'Mødelokale 2, Rådhuset')}",
    ]
    L.append("Punkter på dagsordenen:")
    for it in doc.items:
        L.append(
            f"  {it.number}. {'Lukket punkt: ' if not it.open and o.get('closed_title') else ''}{it.title} ({it.typ})"
        )
    L.append("")
    director = o.get("director", "Direktøren")
    for it in doc.items:
        L.append(
            f"{it.number}.     {'Lukket punkt: ' if not it.open and o.get('closed_title') else ''}{it.title} ({it.typ})"
        )
        L.append("")
        dok = (
            f"{it.case.rsplit('-', 1)[0][:-4]}{doc.date.year}-{random.Random(it.title).randint(10000, 99999)}"
            if it.case
            else ""
        )
        status = "Åbent" if it.open else "Lukket"
        if it.case:
            L.append(
                f"Sagsnr.: {it.case}               Dok.nr.: {dok}                                            {status}"
            )
        else:
            L.append(f"{status}")
        if it.open:
            L += ["Kompetence:", f"{c}."]
            L += ["Beslutningstema", paras(it.s)[0] if it.s and it.std is None else "Ingen bemærkninger."]
            if it.std is None:
                L.append("Baggrund")
                L += paras(it.s)[1:] or ["Ingen bemærkninger."]
                L += [
                    "Retligt grundlag",
                    o.get("law", "Lov om en aktiv beskæftigelsesindsats.")
                    if it.typ == "B"
                    else "Ingen bemærkninger.",
                ]
                L += [
                    "Vurdering",
                    "Forvaltningen vurderer, at forslaget understøtter udvalgets mål."
                    if it.typ == "B"
                    else "Ingen bemærkninger.",
                ]
                L += ["Økonomiske og personalemæssige konsekvenser", "Ingen bemærkninger."]
            if it.i:
                L.append("Indstilling")
                lines = it.i.split("\n")
                first = (
                    lines[0]
                    .replace("Forvaltningen", director)
                    .replace("Direktøren", director)
                    .replace("Jobcentret", director)
                )
                if len(lines) == 1:
                    L.append(first)
                else:
                    L.append(first)
                    for k, p in enumerate(lines[1:], 1):
                        L.append(f"{k}.    " + re.sub(r"^(\d+\.|-|•)\s*", "", p))
        for committee, decision in it.earlier:
            L.append(f"Beslutning i {committee} den {o['earlier_date']}:")
            L.append("Fraværende: ")
            L += decision.split("\n")
            L.append("")
        if it.d is not None or o.get("always_heading"):
            L.append(f"Beslutning i {c} den {datestr}:")
            L.append(f"Fraværende: {it.frav or ''}")
            for k, p in enumerate(paras(it.d or "")):
                if k:
                    L.append("")
                L += p.split("\n")
        if it.bilag and o.get("bilag"):
            L += ["", "Bilag:"]
            L += [f"{k}. {b}" for k, b in enumerate(it.bilag, 1)]
        L.append("")
    if o.get("wrapped"):
        L = hard_wrap(L, o["wrapped"])
        L = paginate(L, 46, f"{c} - Referat {long_date(doc.date)}", "Side {n} af {total}")
    return "\n".join(L) + "\n"


# =========================================================================================
# PolWeb
# =========================================================================================
def render_polweb(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    L = [
        c,
        "",
        "Referat" + (" fra ordinært møde" if o.get("ordinary") else ""),
        "",
        f"Dato: {weekday(doc.date).capitalize()} den {long_date(doc.date)}",
        f"Tid: Kl. {o.get('time', '16.00')}",
        f"Sted: {o.get('place', 'Udvalgsværelse 1')}",
    ]
    if "meeting_frav" in o:
        L.append(f"Fraværende: {o['meeting_frav']}")
    L += [
        f"Medlemmer: {o.get('members', 'Hanne Kjær (A), Mogens Tved (V), Lise Brandt (F), Per Ravn (O), Sofie Lund (Ø)')}",
        "",
        "Indholdsfortegnelse",
        "",
    ]
    for it in doc.items:
        L.append(f"{it.number}.  {'Lukket sag: ' if not it.open else ''}{it.title}")
    L += ["", ""]
    gen = genitive(c)
    for it in doc.items:
        head = f"{it.number}.  {'Lukket sag: ' if not it.open else ''}{it.title}"
        if o.get("wrapped") and len(head) > o["wrapped"]:
            L += hard_wrap([head], o["wrapped"])
        else:
            L.append(head)
        L.append("")
        if o.get("case_style") == "sag":
            if it.case:
                L += [
                    f"Sag {it.case}",
                    "",
                    f"Dok. {it.case.split('-')[0]}-{doc.date.year}-{random.Random(it.title).randint(100000, 399999)}",
                    "",
                ]
            L += [f"Initialer: {o.get('initials', 'PIM')}", "", "Åbent" if it.open else "Lukket", ""]
        else:
            parts = []
            if it.case:
                parts.append(f"Sagsnr.: {it.case}")
            if it.kle:
                parts.append(f"KLE: {it.kle}")
            if parts:
                L += ["    ".join(parts), ""]
            L += ["Åben sag" if it.open else "Lukket sag", ""]
        if it.open:
            if o.get("kompetence_inline"):
                L += [f"Beslutningskompetence: {o.get('komp', 'BU')}", ""]
            else:
                L += ["Beslutningskompetence", o.get("komp_full", c), ""]
            if it.s:
                L.append("Sagsbeskrivelse:" if o.get("colon", True) else "Sagsbeskrivelse")
                for p in paras(it.s):
                    L += [p, ""]
            if it.std is None:
                L += [
                    "Økonomi:",
                    "Ingen økonomiske konsekvenser."
                    if it.typ != "B"
                    else "Udgiften afholdes inden for den eksisterende ramme.",
                    "",
                ]
            if it.i:
                L.append("Forvaltningen foreslår:")
                lines = it.i.split("\n")
                if len(lines) == 1:
                    m = re.search(r"indstiller,? (at .*)", lines[0])
                    L.append(m.group(1) if m else lines[0])
                else:
                    L += [re.sub(r"^(\d+\.|-|•)\s*", "", ln) for ln in lines[1:]]
                L.append("")
        for committee, decision in it.earlier:
            L.append(f"{genitive(committee)} møde den {o['earlier_date']}:")
            L += decision.split("\n")
            L.append("")
        if it.d is not None:
            head = f"{gen} møde den {long_date(doc.date)}:"
            L += hard_wrap([head], o["wrapped"]) if o.get("wrapped") else [head]
            for k, p in enumerate(paras(it.d)):
                if k:
                    L.append("")
                L += p.split("\n")
            if it.frav:
                L.append(f"Fraværende: {it.frav}")
            L.append("")
        if it.bilag:
            L.append("Bilag:")
            L += [f"- {b}" for b in it.bilag]
            L.append("")
        L.append("")
    if o.get("wrapped"):
        L = paginate(L, 58, f"{c}, {dmy(doc.date, '.')}", "Side {n}")
    return "\n".join(L) + "\n"


# =========================================================================================
# Municipal web pages as text: Roskilde-, Holbæk- and Gribskov-like
# =========================================================================================
def render_roskilde(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    d = doc.date
    if o.get("en_date"):
        datestr = f"{weekday(d).capitalize()}, {EN_MONTHS[d.month - 1]} {d.day}, {d.year} - {o.get('time', '16:00')}"
    else:
        datestr = f"{weekday(d).capitalize()}, {long_date(d)} - {o.get('time', '16:00')}"
    L = [
        o.get("crumb", "Du er her"),
        "",
        "Referat",
        "",
        f"Dato: {datestr}",
        f"Sted: {o.get('place', 'Byrådssalen')}",
    ]
    if o.get("toc"):
        L += ["", "Dagsordenpunkter", ""]
        L += [f"Pkt. {it.number} {it.title}" for it in doc.items]
        L.append("")
    for it in doc.items:
        L += [f" • Pkt. {it.number} {it.title}", ""]
        if it.bilag:
            L += ["  " + " ".join(b.replace(" ", "_") for b in it.bilag), ""]
        L += [f"  Pkt. {it.number}", "", f"  {it.title}", ""]
        L += [
            f"  Sagsnr. {it.case} {c} {'Åbent' if it.open else 'Lukket'} punkt"
            if it.case
            else f"  {c} {'Åbent' if it.open else 'Lukket'} punkt",
            "",
        ]
        if it.open and it.std is None:
            L += ["  Resume", "", "  " + paras(it.s)[0], ""]
            L += ["  Indstilling", ""] + ["  " + ln for ln in it.i.split("\n")] + [""]
            L += ["  Beslutningskompetence", "", f"  {c}", ""]
            if len(paras(it.s)) > 1:
                L += ["  Sagsfremstilling", ""]
                for p in paras(it.s)[1:]:
                    L += ["  " + p, ""]
            L += ["  Økonomi", "", "  Sagen har ingen bevillingsmæssige konsekvenser.", ""]
        for committee, decision in it.earlier:
            L += [f"  {committee}, {o['earlier_date']}, pkt. {it.number + 37}", ""]
            L += ["  " + ln for ln in decision.split("\n")] + [""]
        if it.d is not None:
            L += [f"  {c}, {dmy(d)}, pkt. {it.number}", ""]
            for p in paras(it.d):
                L += ["  " + ln for ln in p.split("\n")] + [""]
            if it.frav:
                L += [f"  Fraværende: {it.frav}", ""]
    return "\n".join(L) + "\n"


def render_holbaek(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    d = doc.date
    L = [
        "UDVALG",
        "",
        c,
        "",
        "MØDE",
        "",
        "Referat",
        "",
        "STED",
        "",
        o.get("place", "Rådhuset, mødelokale 2"),
        "",
        "STARTTIDSPUNKT",
        "",
        f"{dmy(d)} {o.get('start', '15:00')}:00",
        "",
        "SLUTTIDSPUNKT",
        "",
        f"{dmy(d)} {o.get('end', '17:00')}:00",
        "",
        "",
        "PUNKTER",
        "",
    ]
    L += [f"{it.number}. {'Lukket punkt: ' if not it.open else ''}{it.title}" for it in doc.items]
    L += ["", "", ""]
    for it in doc.items:
        t = f"{'Lukket punkt: ' if not it.open else ''}{it.title}"
        L += [f"{it.number}. {t}", "", t]
        if it.case:
            L.append(f"Sagsnr.: {it.case}")
        if it.open:
            L += [
                "Sagsgang og sagstype",
                "",
                o.get("sagsgang", c),
                "",
                {"B": "Beslutningssag", "O": "Orienteringssag", "D": "Drøftelsessag"}[it.typ],
                "",
            ]
            if it.i:
                L += ["Indstilling", ""]
                lines = it.i.split("\n")
                m = re.search(r"indstiller,? at (.*)", lines[0])
                if len(lines) == 1 and m:
                    L += ["Administrationen indstiller, at:", "", f"  1. {m.group(1)}"]
                else:
                    L += ["Administrationen indstiller, at", ""]
                    L += [
                        f"  {k}. " + re.sub(r"^(\d+\.|-|•)\s*at\s+", "", ln)
                        for k, ln in enumerate(lines[1:], 1)
                    ]
        if it.d is not None:
            L.append(f"Beslutning i {c} den {dmy(d)}")
            L.append("")
            for p in paras(it.d):
                L += p.split("\n") + [""]
            if it.frav:
                L += [f"Fraværende: {it.frav}", ""]
        if it.open and it.std is None:
            L += ["Beskrivelse af sagen", ""]
            for p in paras(it.s):
                L += [p, ""]
            L += ["Økonomi", "", "Sagen har ingen økonomiske konsekvenser.", ""]
            if it.bilag:
                L += ["Bilag", ""] + it.bilag + [""]
        L += ["", "", ""]
    return "\n".join(L) + "\n"


def render_gribskov(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    d = doc.date
    L = [
        c,
        "",
        f"Publiceret {dmy(doc.date + dt.timedelta(days=o.get('pub_days', 2)))}",
        "",
        f"{weekday(d).capitalize()} den {dmy(d)} kl. {o.get('time', '16:00')}",
        "",
        "Indholdsfortegnelse:",
        "",
    ]
    groups: list[tuple[str, list[It]]] = []
    for it in doc.items:
        g = (
            "Lukkede"
            if not it.open
            else ("Efterretningssager" if it.typ == "O" and o.get("efterretning") else "Åbne")
        )
        if not groups or groups[-1][0] != g:
            groups.append((g, []))
        groups[-1][1].append(it)
    for g, its in groups:
        L.append(g)
        for it in its:
            line = f"{it.number} {it.title}"
            L += [line[:78], line[78:]] if len(line) > 78 else [line]
        L += ["", ""]
    L += [
        "Medlemmer:",
        "",
        o.get("members", "Hanne Kjær Mogens Tved\nLise Brandt Per Ravn\nSofie Lund"),
        "   ",
        "",
    ]
    L += [
        "Godkendelse af dagsorden:",
        "Godkendt.",
        "",
        "Fraværende:",
        o.get("meeting_frav", ""),
        "",
        "Meddelelser:",
        "",
        "",
        "",
    ]
    for g, its in groups:
        L += [g, ""]
        for it in its:
            L.append(f"{it.number}. {it.title}")
            if it.case or it.kle:
                L.append(" - ".join(x for x in (it.kle, it.case) if x))
            L.append("")
            if it.open:
                if it.s:
                    L.append("Sagsfremstilling")
                    for p in paras(it.s):
                        L += [p, ""]
                if it.std is None:
                    L += ["Økonomi", "Ingen.", ""]
                if it.i:
                    L.append("Indstilling")
                    L += it.i.split("\n") + [""]
            if it.d is not None:
                L.append("Beslutning")
                for p in paras(it.d):
                    L += p.split("\n") + [""]
            if o.get("item_frav"):
                L += ["Fraværende:", it.frav or "", ""]
            if it.bilag:
                L += ["Bilag", ""] + [f"{b}" for b in it.bilag] + [""]
            L += ["", ""]
    return "\n".join(L) + "\n"


# =========================================================================================
# HTML pages
# =========================================================================================
def e(text: str) -> str:
    return html.escape(text, quote=True)


COOKIE = (
    '<div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookies">'
    "<h2>Vi bruger cookies</h2><p>Vi bruger cookies til at huske dine valg og til anonym statistik. "
    "Du kan til enhver tid trække dit samtykke tilbage.</p>"
    '<button class="btn accept">Tillad alle</button> <button class="btn necessary">Kun nødvendige</button>'
    ' <a href="/cookiepolitik">Læs mere om cookies</a></div>'
)


def strip_marker(line: str) -> str:
    return re.sub(r"^(\d+\.|-|•)\s*", "", line)


def strip_bullet(line: str) -> str:
    return re.sub(r"^•\s*", "", line)


def html_paras(text: str) -> str:
    return "".join(f"<div>{e(line)}</div>" for p in paras(text) for line in p.split("\n"))


def render_html_fa(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    d = doc.date
    rows = []
    for k, it in enumerate(doc.items):
        parts = [
            f'<tr class="punktrow{" isVisible" if k == 0 else ""}" id="punktrow_{k:04d}">',
            f'<td class="text-center punkt-tabel"><span class="label label-default">{it.number}</span></td>',
            '<td class="punkt-tabel">',
            f'<button class="overskrift-btn" role="button" aria-expanded="false" aria-controls="details{k}">'
            f'<h2 class="overskrift text-left" id="overskrift{k}" tabindex="0">{e(it.title)}</h2></button>',
        ]
        if not it.open:
            parts.append('<span class="lukket-punkt label label-warning">Lukket punkt</span>')
        parts.append(f'<div class="details" id="details{k}">')
        if it.case:
            parts.append(f'<span class="sagsnummer">{e(it.case)}</span>')
        parts.append('<div class="punkt"><h3></h3><div><div id="sagsfremstillingContainer"><div>')
        if it.open or o.get("closed_decision"):
            if it.d is not None:
                parts.append(
                    f'<h3>{o.get("dec_heading", "Beslutninger")}</h3>\n<span class="resume">{html_paras(it.d)}</span>'
                )
                if it.frav:
                    parts.append(f'<span class="resume"><div>Fraværende: {e(it.frav)}</div></span>')
            if it.open and it.std is None:
                desc = o.get("desc", ".")
                parts.append(
                    f'\n<h3></h3>\n<span class="resume"><div>{e(desc if desc != "title" else "Sagen vedrører " + it.title[0].lower() + it.title[1:] + ".")} </div></span>'
                )
                parts.append(f'\n<h3>Resume</h3>\n<span class="resume">{html_paras(it.s)}</span>')
                parts.append(
                    f'\n<h3>Beslutningspunkter</h3>\n<span class="resume">{"".join(f"<div>{e(x)}</div>" for x in aarhus_indstilling(it.i))}</span>'
                )
                parts.append(
                    f'\n<h3>Sagsforløb</h3>\n<span class="resume"><div>Udvalg: Magistraten</div><div>Dato: {dmy(d - dt.timedelta(days=6))}</div><div> Punktnummer: {it.number + 3}</div>'
                    f"<div>Fremsendes til {e(c)} med bemærkning, at Magistraten anbefaler indstillingen.</div></span>"
                )
        parts.append("\n</div>\n</div></div></div>")
        if it.bilag:
            parts.append(
                '<h3>Bilag</h3><ul class="list-unstyled">'
                + "".join(
                    f'<li><span class="label label-default pdf-label">PDF</span><a class="bilag-link" href="/vis/pdf/bilag/{k}{j}/">{e(b.rsplit(".", 1)[0])}</a></li>'
                    for j, b in enumerate(it.bilag)
                )
                + "</ul>"
            )
        parts.append(
            '</div></td><td class="punkt-tabel"><span class="dropdown"><ul class="dropdown-menu" role="menu">'
            f'<li><a class="dropdown-item" href="#">Hent som PDF</a></li><li><a class="dropdown-item" href="#">Kopier link for punkt {it.number}</a></li></ul></span></td></tr>'
        )
        rows.append("".join(parts))
    kl = o.get("time", "15.00")
    return f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{e(c)} - {e(o.get("place", "Mødelokale 1"))}</title>
<link href="/dist/css/site.css" rel="stylesheet"><script src="/dist/js/common.js"></script>
<script>window.localizationKeys = {{"Meeting_Closed_Item":"Lukket punkt","Meeting-Download_Agenda":"Hent hele dagsordenen","Beslutning":"Beslutning"}};</script>
</head><body>
{COOKIE if o.get("cookie", True) else ""}
<div class="container">
<nav class="navbar navbar-default"><a href="/"><img src="/Content/img/logo.png" alt="logo"></a>
<ul class="nav"><li><a href="/">Forside</a></li><li><a href="/abonnement">Abonnér på dagsordener og referater</a></li><li><a href="/soeg">Søg</a></li></ul></nav>
<div class="tilbage-wrapper"><a class="btn btn-sm back-to-frontpage-button">Tilbage til forsiden</a></div>
<div class="row"><div class="col-xs-12"><div class="title">
<h1 class="green dato">Referat {long_date(d)} kl. {kl}</h1>
<h2 class="black"><span class="udvalg">{e(c)}</span><span class="sted-divider"> - </span><span class="sted">{e(o.get("place", "Mødelokale 1"))}</span></h2>
</div></div></div>
<table class="dagsordeninfo"><tbody>
<tr><td>Udvalg:</td><td><span class="udvalg">{e(c)}</span></td></tr>
<tr><td>Mødedato:</td><td><span class="dato">{weekday(d)} den {long_date(d)} kl. {kl}</span></td></tr>
<tr><td>Mødested:</td><td><span class="sted">{e(o.get("place", "Mødelokale 1"))}</span></td></tr>
<tr id="deltager-container"><td valign="top">Mødedeltagere:</td><td class="deltagere">{e(o.get("members", ""))}</td></tr>
</tbody></table>
<input type="button" class="btn btn-primary" value="Hent hele referatet">
<table id="dagsordenDetaljer" class="table table-hover dagsorden"><thead><tr><th class="text-center">Punkt</th><th>Titel</th><th></th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</div>
<footer class="footer"><p>Udgivet via publiceringsmodul. <a href="/was">Tilgængelighedserklæring (WAS)</a> · <a href="/cookiepolitik">Cookiepolitik</a></p></footer>
</body></html>
"""


def render_html_cms(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    d = doc.date
    hi, hs = o.get("item_tag", "h2"), o.get("section_tag", "h3")
    toc = "".join(f'<li><a href="#punkt-{it.number}">{it.number}. {e(it.title)}</a></li>' for it in doc.items)
    arts = []
    for it in doc.items:
        label = o.get("item_label", "{n}. {t}").format(
            n=it.number, t=("Lukket punkt: " if not it.open else "") + it.title
        )
        a = [
            f'<article class="agenda-item" id="punkt-{it.number}"><{hi} class="agenda-item__title">{e(label)}</{hi}>'
        ]
        meta = []
        if it.case:
            meta.append(f"Sagsnr.: {e(it.case)}")
        if it.kle:
            meta.append(f"KLE: {e(it.kle)}")
        if meta:
            a.append(f'<p class="agenda-item__meta">{" - ".join(meta)}</p>')
        if it.open:
            if it.s:
                a.append(f"<{hs}>Sagsfremstilling</{hs}>" + "".join(f"<p>{e(p)}</p>" for p in paras(it.s)))
            if it.i:
                lines = it.i.split("\n")
                a.append(f"<{hs}>Indstilling</{hs}><p>{e(lines[0])}</p>")
                if len(lines) > 1:
                    a.append(
                        "<ol>" + "".join(f"<li>{e(strip_marker(ln))}</li>" for ln in lines[1:]) + "</ol>"
                    )
        if it.d is not None:
            dh = o.get("dec_heading", "Beslutning").format(c=c, d=dmy(d))
            a.append(f"<{hs}>{e(dh)}</{hs}>")
            for p in paras(it.d):
                lines = p.split("\n")
                if all(re.match(r"^(•|\d+\.)\s", ln) for ln in lines) and len(lines) > 1:
                    a.append("<ul>" + "".join(f"<li>{e(strip_bullet(ln))}</li>" for ln in lines) + "</ul>")
                else:
                    a.append("<p>" + "<br>".join(e(ln) for ln in lines) + "</p>")
            if it.frav:
                a.append(f'<p class="absent">Fraværende: {e(it.frav)}</p>')
        if it.bilag:
            a.append(
                f'<{hs}>Bilag</{hs}><ul class="attachments">'
                + "".join(
                    f'<li><a href="/media/{k}/{e(b.replace(" ", "-").lower())}">{e(b)}</a></li>'
                    for k, b in enumerate(it.bilag)
                )
                + "</ul>"
            )
        a.append(
            '<p class="agenda-item__tools"><a href="#top">Til toppen</a> · <a href="#">Print punkt</a></p></article>'
        )
        arts.append("\n".join(a))
    title = o.get("h1", "{c} - Referat - {d}").format(c=c, d=long_date(d))
    return f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{e(title)} | {e(o.get("site", "Nordby Kommune"))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/static/main.css">
<script async src="/static/analytics.js"></script></head>
<body id="top">
{COOKIE}
<header class="site-header"><a class="logo" href="/"><img src="/static/logo.svg" alt="{e(o.get("site", "Nordby Kommune"))}"></a>
<nav class="main-nav" aria-label="Hovedmenu"><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li><li><a href="/politik">Politik</a></li><li><a href="/om-kommunen">Om kommunen</a></li><li><a href="/kontakt">Kontakt</a></li></ul></nav>
<form class="search" action="/soeg"><label for="q">Søg</label><input id="q" name="q" placeholder="Hvad søger du?"><button>Søg</button></form></header>
<nav class="breadcrumb" aria-label="Brødkrummesti"><a href="/">Forside</a> › <a href="/politik">Politik</a> › <a href="/politik/dagsordener-og-referater">Dagsordener og referater</a> › <span>{e(c)}</span></nav>
<main class="content">
<h1>{e(title)}</h1>
<dl class="meeting-info"><dt>Mødedato</dt><dd>{weekday(d).capitalize()} den {long_date(d)}, kl. {o.get("time", "16.00")}</dd><dt>Mødested</dt><dd>{e(o.get("place", "Rådhuset, mødelokale 3"))}</dd>{f"<dt>Fraværende</dt><dd>{e(o['meeting_frav'])}</dd>" if o.get("meeting_frav") else ""}</dl>
<nav class="agenda-toc" aria-label="Punkter"><h2>Punkter på dagsordenen</h2><ol>{toc}</ol></nav>
{chr(10).join(arts)}
</main>
<footer class="site-footer"><div class="footer-col"><h2>{e(o.get("site", "Nordby Kommune"))}</h2><p>Rådhustorvet 1, 9999 Nordby<br>Telefon 99 99 99 99<br>CVR 12345678</p></div>
<div class="footer-col"><h2>Genveje</h2><ul><li><a href="/job">Job i kommunen</a></li><li><a href="/was">Tilgængelighedserklæring</a></li><li><a href="/privatliv">Privatlivspolitik</a></li></ul></div>
<div class="footer-col"><h2>Følg os</h2><p><a href="#">Facebook</a> · <a href="#">LinkedIn</a></p></div></footer>
</body></html>
"""


# =========================================================================================
# Unnumbered web-page text
# =========================================================================================
def render_unnumbered(doc: Doc) -> str:
    o = doc.opts
    c = doc.committee
    d = doc.date
    L = [
        o.get("head", "Referat - {c}").format(c=c, g=genitive(c) if c else ""),
        "",
        f"Mødedato: {dmy(d, '.')}, kl. {o.get('time', '15.30')}",
        f"Mødested: {o.get('place', 'Mødelokale 4')}",
        "",
    ]
    for it in doc.items:
        if o.get("titles"):
            L += [it.title, ""]
        if it.case:
            L += [f"Sagsnr.: {it.case}", ""]
        if it.bilag and o.get("see_bilag"):
            L += ["Se alle bilag", ""]
        if it.open and it.s:
            if o.get("resume"):
                L += ["Resume", "", paras(it.s)[0], ""]
            L += ["Sagsfremstilling", ""]
            for p in paras(it.s)[(1 if o.get("resume") and len(paras(it.s)) > 1 else 0) :]:
                L += [p, ""]
        if it.open and it.i:
            L += ["Indstilling", ""] + it.i.split("\n") + [""]
        if it.d is not None:
            L += [o.get("dec_heading", "Beslutning"), ""]
            for p in paras(it.d):
                L += p.split("\n") + [""]
            if it.frav:
                L += [f"Fraværende: {it.frav}", ""]
        if it.bilag:
            L += ["Bilag", ""] + it.bilag + [""]
        L += [o.get("sep", ""), ""] if o.get("sep") else [""]
    return "\n".join(L) + "\n"


RENDER = {
    "fa_pdf": render_fa_pdf,
    "edoc": render_edoc,
    "polweb": render_polweb,
    "roskilde": render_roskilde,
    "holbaek": render_holbaek,
    "gribskov": render_gribskov,
    "html_fa": render_html_fa,
    "html_cms": render_html_cms,
    "unnumbered": render_unnumbered,
}


# =========================================================================================
# The documents
# =========================================================================================
NAMES = [
    "Hanne Kjær (A)",
    "Mogens Tved (V)",
    "Lise Brandt (F)",
    "Per Ravn (O)",
    "Sofie Lund (Ø)",
    "Jens Abildgaard (C)",
    "Karina Holt (B)",
    "Torben Esmark (A)",
    "Maja Friis (V)",
    "Ali Demir (A)",
    "Birgitte Vang (F)",
    "Rasmus Krogh (LA)",
]
TOPICS = {"job": ("job",), "soc": ("soc",), "mix": ("job", "soc"), "tek": ("tek",), "all": ("all",)}
DOCS: list[Doc] = []


def D(
    name: str,
    family: str,
    split: str,
    style: str,
    ext: str,
    committee: str,
    date: str,
    topic: str,
    start: int,
    head: tuple[str, ...],
    n_bank: int,
    tail: tuple[str, ...] = (),
    n_closed: int = 0,
    case: str | None = None,
    skip_std_case: bool = False,
    kle: tuple[bool, float] | None = None,
    frav: int = 0,
    opts: dict | None = None,
    gold_committee: str | None = "same",
    pick: tuple[str, ...] = (),
) -> Doc:
    rng = random.Random(name)
    for title in pick:
        POOL.reserve(title)
    d = dt.date.fromisoformat(date)
    if topic == "all":
        items = [std_item(k, rng) for k in head]
        for _ in range(n_bank):
            items.append(bank_item(POOL.take((rng.choice(["job", "soc", "tek"]),), False)))
        items += [std_item(k, rng) for k in tail]
        items += [bank_item(POOL.take(("any", "job", "soc", "tek"), True)) for _ in range(n_closed)]
        for k, it in enumerate(items):
            it.number = start + k
            if it.std is None and it.open and rng.random() < 0.45:
                it.bilag = rng.sample(BILAG_NAMES, rng.choice([1, 2, 3]))
    else:
        items = make_items(rng, TOPICS[topic], start, head, n_bank, tail, n_closed)
    if case:
        assign_cases(items, rng, case, d.year, skip_std_case)
    if kle:
        assign_kle(items, rng, kle[0], kle[1])
    with_dec = [it for it in items if it.d is not None and it.open]
    for it in rng.sample(with_dec, min(frav, len(with_dec))):
        it.frav = rng.choice(NAMES)
    doc = Doc(name, family, split, ext, committee, d, items, {**(opts or {}), "style": style}, gold_committee)
    if style == "html_fa" and not doc.opts.get("closed_decision"):
        for it in items:
            if not it.open:
                it.d = None  # the publication page shows a closed item's title only
    DOCS.append(doc)
    return doc


def define() -> None:
    # --- FirstAgenda PDF export -------------------------------------------------------------
    doc = D(
        "fa_beskaeftigelsesudvalget_2024-03-12",
        "fa_pdf",
        "dev",
        "fa_pdf",
        "pdf",
        "Beskæftigelsesudvalget",
        "2024-03-12",
        "job",
        1,
        ("dagsorden",),
        3,
        ("meddelelser",),
        case="emn",
        frav=1,
        opts=dict(
            numbering="punkt",
            page_per_item=True,
            dec_heading="Beslutning",
            dec_pos="top",
            okonomi=True,
            header="Beskæftigelsesudvalget - Referat - 12. marts 2024",
            front="aarhus",
            front_rows=[
                ("Mødedato", "Tirsdag d. 12. marts 2024 kl. 15:30"),
                ("Mødested", "Jobcentret, mødelokale 1"),
                ("Deltagere", "Hanne Kjær, Mogens Tved, Lise Brandt, Per Ravn, Sofie Lund"),
            ],
        ),
    )
    doc = D(
        "fa_byraadet_2023-11-29",
        "fa_pdf",
        "dev",
        "fa_pdf",
        "pdf",
        "Byrådet",
        "2023-11-29",
        "all",
        1,
        ("dagsorden",),
        3,
        (),
        1,
        case="emn",
        pick=("Forslag fra Enhedslisten om afskaffelse af krav om fremmøde ved jobsamtaler for sygemeldte",),
        opts=dict(
            numbering="punkt",
            page_per_item=True,
            dec_heading="Beslutninger",
            dec_pos="top",
            aarhus=True,
            short_desc=True,
            dec_paragap=0,
            dept_line="INDSTILLING FRA MAGISTRATSAFDELINGEN FOR SOCIALE FORHOLD OG BESKÆFTIGELSE OG MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ",
            front="aarhus",
            front_rows=[("Mødedato", "Onsdag d. 29. november 2023 kl. 16:00"), ("Mødested", "Byrådssalen")],
        ),
    )
    its = [it for it in doc.items if it.std is None and it.open]
    its[1].desc = "Forslag om at godkende " + its[1].title[0].lower() + its[1].title[1:] + "."
    its[
        0
    ].d = "Forslaget blev forkastet med 21 stemmer mod 6.\n\nFor stemte: Ø og F.\n\nImod stemte: A, V, C, O og B."
    its[1].d = its[1].d + "\n\nEnhedslisten og Socialistisk Folkeparti kunne ikke tiltræde indstillingen."
    doc = D(
        "fa_social_sundhedsudvalget_2025-01-14",
        "fa_pdf",
        "dev",
        "fa_pdf",
        "pdf",
        "Social- og Sundhedsudvalget",
        "2025-01-14",
        "soc",
        1,
        ("dagsorden",),
        4,
        ("eventuelt",),
        case="slash",
        frav=2,
        opts=dict(
            numbering="dot",
            page_per_item=False,
            dec_heading="Beslutning",
            dec_pos="end",
            okonomi=True,
            case_label="Sagsnr.: ",
            split_at=4,
            header="Social- og Sundhedsudvalget 14. januar 2025",
            footer="Side {n} af {total}",
            footer_right=True,
            toc_numbers=True,
            front_rows=[
                ("Dato", "14. januar 2025"),
                ("Tidspunkt", "16:00 - 18:15"),
                ("Sted", "Rådhuset, lokale 2.14"),
                ("Fraværende", "Karina Holt"),
            ],
        ),
    )
    doc = D(
        "fa_teknik_miljoeudvalget_2024-09-03",
        "fa_pdf",
        "dev",
        "fa_pdf",
        "pdf",
        "Teknik- og Miljøudvalget",
        "2024-09-03",
        "tek",
        12,
        ("dagsorden",),
        3,
        (),
        1,
        case="slash4",
        opts=dict(
            numbering="punkt",
            page_per_item=True,
            dec_heading="Beslutninger",
            dec_pos="top",
            closed_prefix="Lukket: ",
            header="Referat | Teknik- og Miljøudvalget | 03-09-2024",
            footer="Side {n}",
            front="aarhus",
            front_rows=[
                ("Mødedato", "Tirsdag d. 3. september 2024 kl. 08:00"),
                ("Mødested", "Teknisk Forvaltning, mødelokale A"),
            ],
        ),
    )
    doc = D(
        "fa_arbejdsmarkedsudvalget_2025-06-10",
        "fa_pdf",
        "test",
        "fa_pdf",
        "pdf",
        "Arbejdsmarkedsudvalget",
        "2025-06-10",
        "job",
        31,
        ("referat",),
        4,
        ("eventuelt",),
        case="dash",
        frav=2,
        opts=dict(
            numbering="punkt",
            page_per_item=False,
            dec_heading="Beslutning",
            dec_pos="end",
            okonomi=True,
            split_at=34,
            header="Arbejdsmarkedsudvalget, 10. juni 2025",
            footer="Side {n} af {total}",
            front_rows=[
                ("Mødedato", "Tirsdag den 10. juni 2025"),
                ("Tid", "15:00"),
                ("Sted", "Jobcenter Syd, mødelokale Havet"),
            ],
        ),
    )
    doc.items[
        3
    ].d = "Godkendt.\n\nUdvalget ønsker, at erhvervsskolen inviteres til et møde om erfaringerne i foråret."
    doc = D(
        "fa_byraadet_2024-05-22",
        "fa_pdf",
        "test",
        "fa_pdf",
        "pdf",
        "Byrådet",
        "2024-05-22",
        "all",
        1,
        ("dagsorden",),
        4,
        (),
        1,
        case="emn",
        pick=("Forslag fra SF om gratis busser for unge under 18 år",),
        opts=dict(
            numbering="punkt",
            page_per_item=True,
            dec_heading="Beslutning",
            dec_pos="top",
            aarhus=True,
            short_desc=True,
            dec_paragap=0,
            dept_line="INDSTILLING FRA MAGISTRATSAFDELINGEN FOR BESKÆFTIGELSE",
            front="aarhus",
            front_rows=[("Mødedato", "Onsdag d. 22. maj 2024 kl. 16:00"), ("Mødested", "Byrådssalen")],
        ),
    )
    its = [it for it in doc.items if it.std is None and it.open]
    its[1].desc = "Sagen handler om " + its[1].title[0].lower() + its[1].title[1:] + "."
    its[
        0
    ].d = "Fremsendes til Teknik- og Miljøudvalget til videre behandling, jf. byrådets beslutning på mødet den 22. maj 2024."
    its[2].d = its[2].d + "\n\nDansk Folkeparti tog forbehold."

    # --- eDoc -------------------------------------------------------------------------------
    doc = D(
        "edoc_social_beskaeftigelsesudvalget_2022-03-07",
        "edoc",
        "dev",
        "edoc",
        "txt",
        "Social- og Beskæftigelsesudvalget",
        "2022-03-07",
        "mix",
        1,
        ("dagsorden", "meddelelser"),
        3,
        ("referat",),
        case="edoc:330",
        frav=1,
        opts=dict(time="14:00", director="Arbejdsmarkedschefen"),
    )
    doc = D(
        "edoc_arbejdsmarkeds_erhvervsudvalget_2021-10-04",
        "edoc",
        "dev",
        "edoc",
        "txt",
        "Arbejdsmarkeds- og Erhvervsudvalget",
        "2021-10-04",
        "job",
        1,
        ("dagsorden",),
        2,
        ("eventuelt",),
        1,
        case="edoc:82",
        frav=1,
        opts=dict(wrapped=66, always_heading=True, closed_title=True, place="Byrådssalen"),
    )
    doc = D(
        "edoc_erhverv_beskaeftigelsesudvalget_2023-05-08",
        "edoc",
        "dev",
        "edoc",
        "txt",
        "Erhvervs- og Beskæftigelsesudvalget",
        "2023-05-08",
        "job",
        1,
        ("dagsorden",),
        3,
        (),
        1,
        case="edoc:27",
        opts=dict(date_style="dmy", bilag=True, director="Jobcenterchefen"),
    )
    doc = D(
        "edoc_byraadet_2022-12-13",
        "edoc",
        "dev",
        "edoc",
        "txt",
        "Byrådet",
        "2022-12-13",
        "all",
        120,
        ("dagsorden",),
        3,
        (),
        case="edoc:330",
        frav=1,
        opts=dict(earlier_date="6. december 2022", bilag=True, time="18:00", place="Byrådssalen"),
    )
    for it in doc.items[1:3]:
        it.earlier = [("Økonomiudvalget", "Anbefales.")]
    doc = D(
        "edoc_social_sundheds_beskaeftigelsesudvalget_2024-02-05",
        "edoc",
        "test",
        "edoc",
        "txt",
        "Social-, Sundheds- og Beskæftigelsesudvalget",
        "2024-02-05",
        "mix",
        1,
        ("dagsorden",),
        2,
        ("meddelelser",),
        1,
        case="edoc:330",
        frav=1,
        opts=dict(wrapped=72, closed_title=True, director="Direktøren for Job og Velfærd"),
    )
    doc = D(
        "edoc_beskaeftigelses_integrationsudvalget_2023-09-11",
        "edoc",
        "test",
        "edoc",
        "txt",
        "Beskæftigelses- og Integrationsudvalget",
        "2023-09-11",
        "job",
        1,
        ("dagsorden",),
        3,
        (),
        case="edoc:306",
        frav=2,
        opts=dict(earlier_date="4. september 2023", bilag=True),
    )
    doc.items[2].earlier = [("Integrationsrådet", "Integrationsrådet anbefaler indstillingen.")]

    # --- PolWeb -----------------------------------------------------------------------------
    doc = D(
        "polweb_beskaeftigelsesudvalget_2011-12-12",
        "polweb",
        "dev",
        "polweb",
        "txt",
        "Beskæftigelsesudvalget",
        "2011-12-12",
        "job",
        45,
        ("dagsorden",),
        2,
        ("eventuelt",),
        case="edoc:306",
        opts=dict(case_style="sag", kompetence_inline=True, komp="BU", meeting_frav="Per Ravn"),
    )
    doc = D(
        "polweb_byraadet_2012-01-24",
        "polweb",
        "dev",
        "polweb",
        "txt",
        "Byrådet",
        "2012-01-24",
        "all",
        1,
        ("dagsorden",),
        2,
        (),
        1,
        case="edoc:306",
        opts=dict(case_style="sag", earlier_date="17. januar 2012", komp_full="Byrådet", initials="KJL"),
    )
    for it in doc.items[1:3]:
        it.earlier = [("Økonomiudvalget", "Indstilles til godkendelse.")]
    doc = D(
        "polweb_teknik_miljoeudvalget_2013-04-08",
        "polweb",
        "dev",
        "polweb",
        "txt",
        "Teknik- og Miljøudvalget",
        "2013-04-08",
        "tek",
        30,
        ("dagsorden",),
        2,
        (),
        case="slash",
        kle=(False, 0.8),
        frav=1,
        opts=dict(case_style="sagsnr", kompetence_inline=True, komp="TMU"),
    )
    doc = D(
        "polweb_socialudvalget_2012-06-18",
        "polweb",
        "dev",
        "polweb",
        "txt",
        "Socialudvalget",
        "2012-06-18",
        "soc",
        61,
        ("dagsorden",),
        2,
        ("meddelelser",),
        case="slash",
        kle=(False, 1.0),
        opts=dict(case_style="sagsnr", wrapped=60, colon=False),
    )
    doc = D(
        "polweb_arbejdsmarkedsudvalget_2012-10-01",
        "polweb",
        "test",
        "polweb",
        "txt",
        "Arbejdsmarkedsudvalget",
        "2012-10-01",
        "job",
        88,
        ("dagsorden",),
        2,
        ("eventuelt",),
        case="edoc:306",
        frav=1,
        opts=dict(case_style="sag", kompetence_inline=True, komp="AMU", initials="BMJ"),
    )
    doc = D(
        "polweb_kommunalbestyrelsen_2013-02-26",
        "polweb",
        "test",
        "polweb",
        "txt",
        "Kommunalbestyrelsen",
        "2013-02-26",
        "all",
        14,
        ("dagsorden",),
        2,
        (),
        1,
        case="slash",
        kle=(False, 0.7),
        opts=dict(
            case_style="sagsnr", earlier_date="19. februar 2013", wrapped=62, komp_full="Kommunalbestyrelsen"
        ),
    )
    doc.items[1].earlier = [("Økonomiudvalget", "Anbefales.\nJens Abildgaard (C) tog forbehold.")]

    # --- municipal web-page text ----------------------------------------------------------
    doc = D(
        "cms_roskilde_beskaeftigelsesudvalget_2021-01-14",
        "cms_text",
        "dev",
        "roskilde",
        "txt",
        "Beskæftigelsesudvalget",
        "2021-01-14",
        "job",
        1,
        ("dagsorden",),
        2,
        ("meddelelser",),
        case="digits",
        opts=dict(en_date=True, earlier_date="07-01-2021"),
    )
    doc.items[1].earlier = [("Økonomiudvalget", "Anbefales.")]
    doc = D(
        "cms_holbaek_udvalget_beskaeftigelse_integration_2022-03-03",
        "cms_text",
        "dev",
        "holbaek",
        "txt",
        "Udvalget for Beskæftigelse og Integration",
        "2022-03-03",
        "job",
        12,
        ("dagsorden",),
        2,
        (),
        frav=1,
        opts=dict(sagsgang="Udvalget for Beskæftigelse og Integration, Økonomiudvalget"),
    )
    doc = D(
        "cms_gribskov_arbejdsmarkedsudvalget_2014-02-26",
        "cms_text",
        "dev",
        "gribskov",
        "txt",
        "Arbejdsmarkedsudvalget",
        "2014-02-26",
        "job",
        9,
        (),
        2,
        ("meddelelser",),
        1,
        case="slash4",
        kle=(True, 1.0),
        opts=dict(efterretning=True, time="07:30", meeting_frav="Sofie Lund"),
    )
    doc = D(
        "cms_roskilde_socialudvalget_2022-05-19",
        "cms_text",
        "dev",
        "roskilde",
        "txt",
        "Socialudvalget",
        "2022-05-19",
        "soc",
        71,
        ("dagsorden",),
        2,
        (),
        case="digits",
        frav=1,
        opts=dict(toc=True, crumb="Du er her: Forside > Politik > Referater"),
    )
    doc = D(
        "cms_roskilde_teknikudvalget_2023-08-24",
        "cms_text",
        "test",
        "roskilde",
        "txt",
        "Teknikudvalget",
        "2023-08-24",
        "tek",
        140,
        ("dagsorden",),
        2,
        (),
        case="digits",
        frav=1,
        opts=dict(earlier_date="15-08-2023"),
    )
    doc.items[2].earlier = [("Klimaudvalget", "Anbefales over for Teknikudvalget.")]
    doc = D(
        "cms_holbaek_udvalget_teknik_miljoe_2021-11-04",
        "cms_text",
        "test",
        "holbaek",
        "txt",
        "Udvalget for Teknik og Miljø",
        "2021-11-04",
        "tek",
        77,
        ("dagsorden",),
        2,
        (),
        case="slash",
        opts=dict(place="Kanalstræde 2, mødelokale 1.12"),
    )
    doc = D(
        "cms_gribskov_social_sundhedsudvalget_2015-06-15",
        "cms_text",
        "test",
        "gribskov",
        "txt",
        "Social- og Sundhedsudvalget",
        "2015-06-15",
        "soc",
        40,
        (),
        2,
        ("meddelelser",),
        1,
        case="slash4",
        kle=(True, 1.0),
        frav=1,
        opts=dict(item_frav=True),
    )

    # --- HTML pages ---------------------------------------------------------------------------
    doc = D(
        "html_fa_beskaeftigelsesudvalget_2024-10-08",
        "html",
        "dev",
        "html_fa",
        "html",
        "Beskæftigelsesudvalget",
        "2024-10-08",
        "job",
        1,
        ("referat",),
        2,
        ("eventuelt",),
        case="emn",
        opts=dict(place="Udvalgsværelse 2", time="15.00", desc="."),
    )
    doc = D(
        "html_fa_social_beskaeftigelsesudvalget_2025-02-04",
        "html",
        "dev",
        "html_fa",
        "html",
        "Social- og Beskæftigelsesudvalget",
        "2025-02-04",
        "mix",
        1,
        ("dagsorden",),
        2,
        (),
        1,
        case="emn",
        frav=1,
        opts=dict(dec_heading="Beslutning", desc="title", cookie=True),
    )
    doc = D(
        "html_cms_arbejdsmarkedsudvalget_2023-04-18",
        "html",
        "dev",
        "html_cms",
        "html",
        "Arbejdsmarkedsudvalget",
        "2023-04-18",
        "job",
        23,
        ("dagsorden",),
        2,
        ("eventuelt",),
        case="slash",
        skip_std_case=True,
        kle=(False, 0.6),
        frav=1,
        opts=dict(site="Nordby Kommune"),
    )
    doc = D(
        "html_cms_teknik_miljoeudvalget_2022-09-06",
        "html",
        "dev",
        "html_cms",
        "html",
        "Teknik- og Miljøudvalget",
        "2022-09-06",
        "tek",
        50,
        ("dagsorden",),
        2,
        (),
        1,
        case="slash",
        kle=(False, 0.5),
        opts=dict(
            item_tag="h3",
            section_tag="h4",
            item_label="Punkt {n} - {t}",
            dec_heading="Beslutning i {c} den {d}",
            site="Vesterå Kommune",
            h1="Referat: {c}, {d}",
            meeting_frav="Maja Friis",
        ),
    )
    doc = D(
        "html_fa_teknisk_udvalg_2025-03-19",
        "html",
        "test",
        "html_fa",
        "html",
        "Teknisk Udvalg",
        "2025-03-19",
        "tek",
        1,
        ("referat",),
        2,
        ("eventuelt",),
        1,
        case="emn",
        frav=1,
        opts=dict(place="Udvalgsværelse 398", time="15.45", desc=".", closed_decision=True),
    )
    doc = D(
        "html_cms_beskaeftigelses_integrationsudvalget_2024-01-23",
        "html",
        "test",
        "html_cms",
        "html",
        "Beskæftigelses- og Integrationsudvalget",
        "2024-01-23",
        "job",
        1,
        ("dagsorden",),
        2,
        (),
        case="slash",
        kle=(False, 0.5),
        frav=1,
        opts=dict(
            item_tag="h2",
            section_tag="h3",
            item_label="{n}. {t}",
            dec_heading="Beslutning",
            site="Østkyst Kommune",
            h1="{c} - referat fra mødet {d}",
        ),
    )

    # --- unnumbered web-page text -----------------------------------------------------------
    doc = D(
        "unnum_notitle_beskaeftigelsesudvalget_2024-04-09",
        "unnumbered",
        "dev",
        "unnumbered",
        "txt",
        "Beskæftigelsesudvalget",
        "2024-04-09",
        "job",
        1,
        (),
        3,
        (),
        case="slash",
        frav=1,
        opts=dict(resume=True, see_bilag=True),
    )
    doc = D(
        "unnum_notitle_socialudvalget_2023-10-02",
        "unnumbered",
        "dev",
        "unnumbered",
        "txt",
        "Socialudvalget",
        "2023-10-02",
        "soc",
        1,
        ("dagsorden",),
        3,
        (),
        opts=dict(head="Referat fra {g} møde", sep="Til toppen"),
        gold_committee="Socialudvalget",
    )
    doc = D(
        "unnum_titles_teknikudvalget_2024-06-04",
        "unnumbered",
        "dev",
        "unnumbered",
        "txt",
        "Teknikudvalget",
        "2024-06-04",
        "tek",
        1,
        ("dagsorden",),
        3,
        (),
        case="slash",
        skip_std_case=True,
        frav=1,
        opts=dict(titles=True),
    )
    doc = D(
        "unnum_titles_arbejdsmarkedsudvalget_2022-11-15",
        "unnumbered",
        "dev",
        "unnumbered",
        "txt",
        "Arbejdsmarkedsudvalget",
        "2022-11-15",
        "job",
        1,
        (),
        3,
        ("eventuelt",),
        opts=dict(
            titles=True, resume=True, sep="Til toppen", dec_heading="Beslutning i Arbejdsmarkedsudvalget"
        ),
    )
    doc = D(
        "unnum_notitle_byraadet_2024-09-25",
        "unnumbered",
        "test",
        "unnumbered",
        "txt",
        "Byrådet",
        "2024-09-25",
        "all",
        1,
        (),
        3,
        (),
        case="slash",
        frav=1,
        opts=dict(resume=True, head="Byrådet - referat", see_bilag=True),
    )
    doc = D(
        "unnum_titles_social_sundhedsudvalget_2025-04-08",
        "unnumbered",
        "test",
        "unnumbered",
        "txt",
        "Social- og Sundhedsudvalget",
        "2025-04-08",
        "soc",
        1,
        ("dagsorden",),
        2,
        (),
        case="slash",
        frav=1,
        opts=dict(titles=True, sep="Til toppen"),
    )


def gold(doc: Doc) -> dict:
    items = []
    for it in doc.items:
        unnumbered = doc.family == "unnumbered"
        items.append(
            {
                "number": None if unnumbered else it.number,
                "title": it.title if (not unnumbered or doc.opts.get("titles")) else None,
                "case_number": it.case,
                "kle": it.kle,
                "open": it.open,
                "beslutning": collapse(it.d),
                "fravaerende": it.frav or None,
                "truncated": False,
            }
        )
    committee = doc.committee if doc.gold_committee == "same" else doc.gold_committee
    return {
        "file": f"{doc.name}.{doc.ext}",
        "family": doc.family,
        "committee": committee,
        "meeting_date": doc.date.isoformat(),
        "items": items,
    }


def main() -> None:
    define()
    for doc in DOCS:
        folder = OUT / doc.split
        folder.mkdir(parents=True, exist_ok=True)
        out = RENDER[doc.opts["style"]](doc)
        path = folder / f"{doc.name}.{doc.ext}"
        if isinstance(out, bytes):
            path.write_bytes(out)
        else:
            path.write_text(out, encoding="utf-8")
        (folder / f"{doc.name}.json").write_text(
            json.dumps(gold(doc), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(f"{len(DOCS)} documents, {len(POOL.free)} bank entries unused")


if __name__ == "__main__":
    main()
