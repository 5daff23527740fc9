"""A small PDF writer for the blind minutes corpus: positioned text lines in Helvetica and
Helvetica-Bold (WinAnsiEncoding, so æøå and – come out as themselves), several sizes, A4 pages.
Only used to build the committed PDFs; the corpus files themselves are the test data."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

# Approximate Helvetica advance widths (1/1000 em), enough to wrap lines inside the page.
_NARROW = set("iljtf.,;:'!|I ")
_WIDE = set("mwMWÆæ@%")


def text_width(text: str, size: float, bold: bool = False) -> float:
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            w = 280
        elif ch in _WIDE:
            w = 860
        elif ch.isupper() or ch.isdigit():
            w = 660 if ch.isupper() else 556
        else:
            w = 540
        total += w
    return total * size / 1000 * (1.06 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break text at spaces so each line fits in width points."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = word if not current else current + " " + word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


@dataclass
class PdfPage:
    runs: list[tuple[float, float, str, float, bool]] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 10, bold: bool = False) -> None:
        self.runs.append((x, y, text, size, bold))


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def build_pdf(pages: list[PdfPage]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_obj = add(b"")
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        out = bytearray()
        for x, y, text, size, bold in page.runs:
            font = b"F2" if bold else b"F1"
            out += b"BT /%s %.1f Tf %.1f %.1f Td (" % (font, size, x, y) + _escape(text) + b") Tj ET\n"
        data = zlib.compress(bytes(out))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, f1, f2, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(buf))
        buf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        buf += b"%010d 00000 n \n" % off
    buf += b"trailer\n<< /Size %d /Root %d 0 R /Info << /Producer (minutes corpus) >> >>\n" % (
        len(objects) + 1,
        catalog,
    )
    buf += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(buf)
