"""Minimal PDFs written by hand for tests: text pages, ruled tables, image-only and vector-only
pages. Text uses Helvetica with WinAnsiEncoding, so æøå come out as themselves."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """A ruled table drawn on a page: rows of cells, top-left corner at (x, y)."""

    rows: Sequence[Sequence[str]]
    x: float = 72
    y: float = 400
    col_width: float = 140
    row_height: float = 20


@dataclass(frozen=True)
class Page:
    """One page: lines of text from the top, optional tables, an image or a drawing."""

    lines: Sequence[str] = ()
    tables: Sequence[Table] = ()
    image: bool = False
    drawing: bool = False


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text(x: float, y: float, text: str, size: int = 11) -> bytes:
    return b"BT /F1 %d Tf %.1f %.1f Td (" % (size, x, y) + _escape(text) + b") Tj ET\n"


def _content(page: Page) -> bytes:
    out = bytearray()
    y = 800.0
    for line in page.lines:
        if line:
            out += _text(72, y, line)
        y -= 14
    for table in page.tables:
        ncols = max(len(r) for r in table.rows)
        width = table.col_width * ncols
        height = table.row_height * len(table.rows)
        top = table.y
        out += b"0.5 w\n"
        out += b"%.1f %.1f %.1f %.1f re S\n" % (table.x, top - height, width, height)
        for i in range(1, len(table.rows)):
            yy = top - i * table.row_height
            out += b"%.1f %.1f m %.1f %.1f l S\n" % (table.x, yy, table.x + width, yy)
        for j in range(1, ncols):
            xx = table.x + j * table.col_width
            out += b"%.1f %.1f m %.1f %.1f l S\n" % (xx, top, xx, top - height)
        for i, row in enumerate(table.rows):
            for j, cell in enumerate(row):
                cx = table.x + j * table.col_width + 4
                cy = top - (i + 1) * table.row_height + 6
                out += _text(cx, cy, cell, 9)
    if page.image:
        out += b"q 200 0 0 200 100 400 cm /Im1 Do Q\n"
    if page.drawing:
        out += b"2 w 100 100 m 500 700 l S 0.2 0.4 0.6 rg 150 200 200 150 re f\n"
    return bytes(out)


def make_pdf(pages: Sequence[Page | Sequence[str]], *, compress: bool = True) -> bytes:
    """A complete PDF file with these pages; a page given as a list of strings is text lines."""
    pages = [p if isinstance(p, Page) else Page(lines=tuple(p)) for p in pages]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(16) for x in range(16))
    image_data = zlib.compress(pixels)
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(image_data)
        + image_data
        + b"\nendstream"
    )
    kids = []
    for page in pages:
        data = _content(page)
        if compress:
            data = zlib.compress(data)
            stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
        else:
            stream = b"<< /Length %d >>\nstream\n" % len(data)
        content = add(stream + data + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (pages_obj, font, image, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def encrypt_pdf(data: bytes, password: str = "hemmelig") -> bytes:
    """The same PDF protected with a user password (needs pypdf, a test-only dependency)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-ejer", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
