"""Files in case folders beyond plain text: e-mails (.eml, Outlook .msg) and OpenDocument text.

An e-mail becomes one dated document: `Fra:`, `Til:`, `Dato:` and `Emne:` lines, then the body
(plain text, or the text of an HTML body); its title is the subject and its date the date it
was sent. Attached files are handed back as (name, bytes) and read as documents of their own.

- .eml: the standard library's `email` package (RFC 5322/MIME).
- .msg: Outlook's compound file, read with `olefile` (BSD licence, the same parser extract-msg
  builds on; extract-msg itself is GPL-3.0 and so not bundled with MPL-2.0 afdaek). The
  properties are the ones Microsoft documents in [MS-OXMSG] and [MS-OXPROPS]: subject 0x0037,
  body 0x1000, sender 0x0C1A/0x0C1F/0x5D01, recipients 0x0E04, transport headers 0x007D,
  submit time 0x0039, attachments' long file name 0x3707 and data 0x3701.
- .odt: the zip's content.xml parsed with lxml (no entities, no network), paragraphs,
  headings, lists and tables in document order.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import struct
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any

from textmining.errors import InputError
from textmining.readers.guards import open_zip

MAX_ATTACHMENTS = 50


def _header_block(sender: str | None, to: str | None, sent: dt.datetime | None, subject: str | None) -> str:
    from textmining.language.dates import long_date

    lines = []
    if sender:
        lines.append(f"Fra: {sender}")
    if to:
        lines.append(f"Til: {to}")
    if sent is not None:
        lines.append(f"Dato: {long_date(sent.date())} kl. {sent:%H.%M}")
    if subject:
        lines.append(f"Emne: {subject}")
    return "\n".join(lines)


def _message(sender, to, sent, subject, body, attachments):
    from textmining.readers.sources import Read

    text = _header_block(sender, to, sent, subject) + "\n\n" + (body or "").strip() + "\n"
    if attachments:
        text += "\nVedhæftede filer: " + ", ".join(name for name, _ in attachments) + "\n"
    return Read(
        text,
        1,
        title=(subject or "").strip() or None,
        date=sent.date() if sent else None,
        sender=sender,
        attachments=tuple(attachments[:MAX_ATTACHMENTS]),
    )


class _HtmlText(HTMLParser):
    """The visible text of an e-mail's HTML body (scripts and styles left out)."""

    _BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_body_text(markup: str) -> str:
    """Plain text of an e-mail's HTML body (not a reader for HTML documents)."""
    parser = _HtmlText()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - a broken body gives what was read so far
        pass
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ")
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --------------------------------------------------------------------------- .eml


def read_eml(where: str, data: bytes):
    """An RFC 5322 e-mail (.eml) as a Read with sender, date, subject, body and attachments."""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception:  # noqa: BLE001 - the parser is lenient; anything else is broken
        raise InputError(where, "e-mailen kan ikke læses") from None
    if not any(msg.get(h) for h in ("From", "Date", "Subject", "To")):
        raise InputError(where, "filen er ikke en e-mail (den har ingen Fra-, Til-, Dato- eller Emne-linje)")
    try:
        sent = parsedate_to_datetime(str(msg["Date"])) if msg.get("Date") else None
    except (TypeError, ValueError, IndexError):
        sent = None
    if sent is not None and sent.tzinfo is not None:
        sent = sent.astimezone(_copenhagen()).replace(tzinfo=None)
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = ""
    if body_part is not None:
        try:
            content = body_part.get_content()
        except (LookupError, ValueError, AssertionError):
            raw = body_part.get_payload(decode=True)
            content = raw.decode("latin-1", "replace") if isinstance(raw, bytes) else str(raw)
        if "\ufffd" in content:  # 8-bit text sent as 7bit: decode the bytes by the charset
            body_bytes = body_part.get_payload(decode=True)
            try:
                if isinstance(body_bytes, bytes):
                    content = body_bytes.decode(body_part.get_content_charset() or "utf-8")
            except (LookupError, UnicodeDecodeError):
                pass
        body = html_body_text(content) if body_part.get_content_type() == "text/html" else content
    attachments: list[tuple[str, bytes]] = []
    for part in msg.iter_attachments():
        name = part.get_filename() or f"bilag{len(attachments) + 1}"
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload:
            attachments.append((name, payload))
    return _message(
        _addresses(msg.get("From")),
        _addresses(msg.get("To")),
        sent,
        str(msg.get("Subject") or ""),
        body,
        attachments,
    )


def _addresses(value: Any) -> str | None:
    if not value:
        return None
    pairs = getaddresses([str(value)])
    shown = [f"{name} <{addr}>" if name and addr else (name or addr) for name, addr in pairs]
    return ", ".join(s for s in shown if s) or None


def _copenhagen() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Copenhagen")
    except Exception:  # noqa: BLE001 - no tz database: keep the sender's offset as UTC+1
        return dt.timezone(dt.timedelta(hours=1))


# --------------------------------------------------------------------------- .msg

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _stream(ole: Any, path: list[str]) -> bytes | None:
    try:
        if ole.exists("/".join(path)):
            return ole.openstream("/".join(path)).read()
    except OSError:
        return None
    return None


def _string(ole: Any, base: list[str], prop: int) -> str | None:
    """A string property: Unicode (001F) or 8-bit (001E, Windows code page)."""
    raw = _stream(ole, [*base, f"__substg1.0_{prop:04X}001F"])
    if raw is not None:
        return raw.decode("utf-16-le", "replace").rstrip("\x00") or None
    raw = _stream(ole, [*base, f"__substg1.0_{prop:04X}001E"])
    if raw is not None:
        return raw.rstrip(b"\x00").decode("cp1252", "replace") or None
    return None


def _filetime(ole: Any, prop: int) -> dt.datetime | None:
    """A PT_SYSTIME property from the message's fixed-size property stream."""
    raw = _stream(ole, ["__properties_version1.0"])
    if not raw:
        return None
    for offset in range(32, len(raw) - 15, 16):  # a 32-byte header, then 16-byte entries
        ptype, pid = struct.unpack_from("<HH", raw, offset)
        if pid == prop and ptype == 0x0040:
            (ticks,) = struct.unpack_from("<Q", raw, offset + 8)
            if ticks:
                utc = dt.datetime(1601, 1, 1) + dt.timedelta(microseconds=ticks // 10)
                return utc.replace(tzinfo=dt.timezone.utc).astimezone(_copenhagen()).replace(tzinfo=None)
    return None


def read_msg(where: str, data: bytes):
    """An Outlook message (.msg) as a Read with sender, date, subject, body and attachments."""
    import olefile

    if not data.startswith(_OLE_MAGIC):
        raise InputError(where, "filen er ikke en Outlook-meddelelse (.msg)")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - olefile raises OSError and others on broken files
        raise InputError(where, "Outlook-meddelelsen (.msg) er beskadiget og kan ikke læses") from None
    try:
        subject = _string(ole, [], 0x0037)
        if subject is None and _string(ole, [], 0x1000) is None:
            raise InputError(where, "filen er en Office-fil, men ikke en Outlook-meddelelse")
        sender_name = _string(ole, [], 0x0C1A)
        sender_addr = _string(ole, [], 0x5D01) or _string(ole, [], 0x0C1F)
        if sender_addr and "@" not in sender_addr:
            sender_addr = None  # an Exchange address (/O=...) says nothing to a reader
        sender = (
            f"{sender_name} <{sender_addr}>" if sender_name and sender_addr else sender_name or sender_addr
        )
        to = _string(ole, [], 0x0E04)
        sent = _filetime(ole, 0x0039) or _filetime(ole, 0x0E06)
        if sent is None:
            headers = _string(ole, [], 0x007D) or ""
            m = re.search(r"^Date:\s*(.+)$", headers, re.MULTILINE | re.IGNORECASE)
            if m:
                try:
                    sent = (
                        parsedate_to_datetime(m.group(1).strip())
                        .astimezone(_copenhagen())
                        .replace(tzinfo=None)
                    )
                except (TypeError, ValueError):
                    sent = None
        body = _string(ole, [], 0x1000)
        if not body:
            raw_html = _stream(ole, ["__substg1.0_10130102"])
            if raw_html:
                body = html_body_text(raw_html.decode("utf-8", "replace"))
        attachments: list[tuple[str, bytes]] = []
        folders = sorted(
            {
                e[0]
                for e in ole.listdir(streams=True, storages=True)
                if e and e[0].startswith("__attach_version1.0_#")
            }
        )
        for folder in folders:
            name = (
                _string(ole, [folder], 0x3707)
                or _string(ole, [folder], 0x3704)
                or f"bilag{len(attachments) + 1}"
            )
            payload = _stream(ole, [folder, "__substg1.0_37010102"])
            if payload:
                attachments.append((name, payload))
    finally:
        ole.close()
    return _message(sender, to, sent, subject, body or "", attachments)


# --------------------------------------------------------------------------- .odt

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def read_odt(where: str, data: bytes) -> tuple[str, tuple]:
    """(text, tables) of an OpenDocument text file (.odt)."""
    from lxml import etree

    zf = open_zip(where, data, "OpenDocument")
    try:
        content = zf.read("content.xml")
    except KeyError:
        raise InputError(where, "filen er ikke et OpenDocument-dokument (content.xml mangler)") from None
    except Exception:  # noqa: BLE001 - a broken member
        raise InputError(where, "OpenDocument-filen er beskadiget og kan ikke læses") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError:
        raise InputError(where, "OpenDocument-filen er beskadiget og kan ikke læses") from None
    body = root.find("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}body")
    lines: list[str] = []
    tables: list[tuple] = []
    _odf_blocks(body if body is not None else root, lines, tables)
    return "\n".join(lines).strip() + "\n", tuple(tables)


def _odf_inline(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{{{_ODF_TEXT}}}s":
            parts.append(" " * int(child.get(f"{{{_ODF_TEXT}}}c", "1") or 1))
        elif tag == f"{{{_ODF_TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{_ODF_TEXT}}}line-break":
            parts.append("\n")
        elif tag in (f"{{{_ODF_TEXT}}}note",):
            pass  # footnotes are not part of the running text
        else:
            parts.append(_odf_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odf_blocks(el: Any, lines: list[str], tables: list[tuple]) -> None:
    for child in el:
        tag = child.tag
        if tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
            lines.append(_odf_inline(child))
        elif tag == f"{{{_ODF_TABLE}}}table":
            rows = []
            for row in child.iter(f"{{{_ODF_TABLE}}}table-row"):
                cells = [
                    " ".join(_odf_inline(p) for p in cell.iter(f"{{{_ODF_TEXT}}}p")).strip()
                    for cell in row.iter(f"{{{_ODF_TABLE}}}table-cell")
                ]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    rows.append(tuple(cells))
            if rows:
                tables.append(tuple(rows))
                lines.extend(" | ".join(r) for r in rows)
        else:
            _odf_blocks(child, lines, tables)
