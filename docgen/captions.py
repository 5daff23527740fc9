"""Numbers for the captions of a rendered report: 'Tabel 1', 'Tabel 2', … and 'Figur 1', ….

The templates write each caption as Word's Insert Caption does: the word, then a SEQ field
(`SEQ Tabel \\* ARABIC`). Word renumbers such fields when it updates them, LibreOffice when it
converts; but a report is also read before either has run (python-docx, a preview), and tables
inside loops are copied with the template's placeholder number. So after rendering, every SEQ
field's shown result is set to its place in the document, counted per sequence name.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from docx.oxml.ns import qn

_SEQ = re.compile(r"^\s*SEQ\s+(\S+)", re.IGNORECASE)


def number_captions(document: Any) -> Counter[str]:
    """Set the result of every SEQ field in document (python-docx Document) to its running
    number; returns the count per sequence ('Tabel': 12, 'Figur': 5)."""
    counts: Counter[str] = Counter()
    body = document.element.body
    instr: list[str] = []
    state = "none"  # none → code (after begin) → result (after separate) → none (after end)
    name = None
    first_text = True
    for el in body.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t"), qn("w:fldSimple")):
        if el.tag == qn("w:fldSimple"):
            m = _SEQ.match(el.get(qn("w:instr")) or "")
            if m:
                counts[m.group(1)] += 1
                texts = list(el.iter(qn("w:t")))
                for i, t in enumerate(texts):
                    t.text = str(counts[m.group(1)]) if i == 0 else ""
            continue
        if el.tag == qn("w:fldChar"):
            kind = el.get(qn("w:fldCharType"))
            if kind == "begin":
                state, instr, name = "code", [], None
            elif kind == "separate" and state == "code":
                m = _SEQ.match("".join(instr))
                name = m.group(1) if m else None
                if name:
                    counts[name] += 1
                state, first_text = "result", True
            elif kind == "end":
                state, name = "none", None
        elif el.tag == qn("w:instrText") and state == "code":
            instr.append(el.text or "")
        elif el.tag == qn("w:t") and state == "result" and name:
            el.text = str(counts[name]) if first_text else ""
            first_text = False
    return counts
