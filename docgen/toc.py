"""A table of contents with page numbers, written by us rather than by Word.

LibreOffice headless does not refresh a TOC field when it converts, and Word only refreshes it
after asking the reader. So after a first conversion to PDF we read on which page each heading
landed (pdftotext, one form feed per page) and write the entries with their page numbers into
the TOC field of the .docx; the second conversion then carries them into the PDF. The field
stays a real TOC field, so Word can still update it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm

TEXT_WIDTH_CM = 16.0
HEADING_LEVELS = {"Heading 1": 1, "Heading 2": 2}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _fld(kind: str) -> BaseOxmlElement:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _toc_paragraph(doc):
    """The paragraph holding the TOC field's instruction, or None."""
    for p in doc.paragraphs:
        for instr in p._p.iter(qn("w:instrText")):
            if (instr.text or "").strip().startswith("TOC"):
                return p
    return None


def headings_after_toc(doc, toc_p) -> list[tuple[int, str]]:
    """The level 1-2 headings after the table of contents, in order."""
    out: list[tuple[int, str]] = []
    seen = False
    for p in doc.paragraphs:
        if p._p is toc_p._p:
            seen = True
            continue
        level = HEADING_LEVELS.get(p.style.name if p.style is not None else "")
        if seen and level and p.text.strip():
            out.append((level, p.text.strip()))
    return out


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of pdf (pdftotext), or [] when pdftotext is missing."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return []
    proc = subprocess.run(
        [exe, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=False
    )
    if proc.returncode != 0:
        return []
    return proc.stdout.split("\f")


def locate(headings: list[tuple[int, str]], pages: list[str], first: int = 3) -> list[int | None]:
    """The page (1-based) of each heading: the first page at or after the previous heading's
    page (and after the contents page) whose text holds the heading as a line."""
    lines = [{_norm(line) for line in page.splitlines() if line.strip()} for page in pages]
    flat = [_norm(page) for page in pages]
    found: list[int | None] = []
    start = first - 1
    for _level, text in headings:
        key = _norm(text)
        hit = next((i for i in range(start, len(pages)) if key in lines[i]), None)
        if hit is None:
            hit = next((i for i in range(start, len(pages)) if key in flat[i]), None)
        if hit is None:
            found.append(None)
            continue
        found.append(hit + 1)
        start = hit
    return found


def _entry(doc, level: int, text: str, page: int | None):
    style: str | None = f"TOC {level}"
    try:
        doc.styles[style]
    except KeyError:
        style = None
    p = doc.add_paragraph(style=style)
    fmt = p.paragraph_format
    fmt.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    fmt.left_indent = Cm(0.6 * (level - 1))
    fmt.space_after = Cm(0.1)
    run = p.add_run(text)
    if level == 1:
        run.bold = True
    p.add_run("\t" + ("" if page is None else str(page)))
    return p


def fill_toc(docx: Path, pages: list[str]) -> bool:
    """Rewrite the TOC field of docx with one line per heading and its page in pages;
    False when the document has no TOC field or no heading was found."""
    doc = Document(str(docx))
    toc_p = _toc_paragraph(doc)
    if toc_p is None:
        return False
    headings = headings_after_toc(doc, toc_p)
    numbers = locate(headings, pages)
    if not headings or all(n is None for n in numbers):
        return False
    instr = next(toc_p._p.iter(qn("w:instrText"))).text
    entries = [_entry(doc, level, text, page) for (level, text), page in zip(headings, numbers)]
    # field begin + instruction + separate in the first entry, end in the last one
    first, last = entries[0]._p, entries[-1]._p
    begin = OxmlElement("w:r")
    begin.append(_fld("begin"))
    ins = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = instr
    ins.append(it)
    sep = OxmlElement("w:r")
    sep.append(_fld("separate"))
    ppr = first.find(qn("w:pPr"))
    at = 0 if ppr is None else 1
    for offset, run in enumerate((begin, ins, sep)):
        first.insert(at + offset, run)
    end = OxmlElement("w:r")
    end.append(_fld("end"))
    last.append(end)
    anchor = toc_p._p
    for e in entries:
        anchor.addnext(e._p)
        anchor = e._p
    toc_p._p.getparent().remove(toc_p._p)
    _fields_current(doc)
    doc.save(str(docx))
    return True


def _fields_current(doc) -> None:
    """The TOC is current now: Word need not ask to update fields on opening."""
    settings = doc.settings.element
    for el in settings.findall(qn("w:updateFields")):
        settings.remove(el)
