"""Web pages (HTML) as text: the page's own structure kept, the site around it left out.

Minutes, agendas, letters and notes published as web pages are read into the same text the
other readers give, in the markdown-like form the `.md` reader already takes: headings become
`#` lines (an empty heading becomes a bare `###`, which still ends the section above it),
paragraphs are separated by a blank line, list items start with `- `, a definition list or a
two-cell table row becomes `Label: value`. An agenda laid out as table rows (the item number in
one cell, the title as a heading in the next, as FirstAgenda Publication pages do) gives
`## 3. Title`.

Left out: scripts and styles, navigation, site header and footer, cookie and consent banners,
breadcrumbs, search forms, buttons and menus (a button that holds a heading, as an item title
that folds out, is kept), in-page links (`Til toppen`) and images. Parsed with lxml (libxml2's
HTML parser: lenient with broken markup, fast, BSD licence).
"""

from __future__ import annotations

import re

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "img",
    "picture",
    "input",
    "select",
    "textarea",
    "option",
    "head",
    "nav",
    "footer",
    "map",
    "dialog",
}
_DROP_ROLES = {
    "navigation",
    "menu",
    "menubar",
    "search",
    "dialog",
    "alertdialog",
    "banner",
    "contentinfo",
    "toolbar",
}
# class/id words of site furniture; always dropped
_FURNITURE = {
    "cookie",
    "cookies",
    "cookiebanner",
    "cookieconsent",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "skiplink",
    "skip",
    "footer",
    "sitefooter",
}
# class/id words of page tools; dropped unless they hold a heading
_TOOLS = {
    "dropdown",
    "toolbar",
    "tools",
    "share",
    "sharing",
    "social",
    "print",
    "menu",
    "btn",
    "button",
    "header",
    "masthead",
    "sidebar",
    "navbar",
    "navigation",
}
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_PARAGRAPH = {
    "p",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "aside",
    "figure",
    "address",
    "details",
    "fieldset",
    "form",
    "header",
    "hr",
}
_LINE = {
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "br",
    "summary",
    "caption",
    "figcaption",
    "tbody",
    "thead",
    "tfoot",
    "body",
    "html",
    "center",
    "legend",
    "label",
}
_MAX_DEPTH = 250  # deeper than this, an element's text is taken as it is
_MAX_TEXT_DEPTH = 100
_TAG = re.compile(r"<[^<>]*>")
_SCRIPT = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_NUMBER_CELL = re.compile(r"^(?:Punkt\s*|Pkt\.?\s*)?([0-9]{1,4})\.?$", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag near its top, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def html_to_text(html: str) -> str:
    """The text of a web page (see the module docstring); '' for a page without text."""
    import lxml.etree
    import lxml.html

    html = html.lstrip("\ufeff")
    if not html.strip():
        return ""
    try:
        parser = lxml.html.HTMLParser(huge_tree=True)
        doc = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return _plain(html)
    if not doc.text_content().strip():
        return _plain(html)  # nested deeper than libxml2 follows
    for bad in list(doc.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _drop(bad)
    body = doc.find("body")
    root = body if body is not None else doc
    main = _main(root)
    out = _Writer()
    if main is not None:
        h1 = root.find(".//h1")
        if h1 is not None and not _inside(h1, main) and not _furniture(h1):
            _walk(h1, out, 0)
        _walk(main, out, 0)
    else:
        _walk(root, out, 0)
    return out.text()


def _plain(html: str) -> str:
    """The text of markup the parser gave up on: tags stripped, scripts and styles left out."""
    import html as html_module

    text = _TAG.sub(" ", _SCRIPT.sub(" ", html))
    text = re.sub(r"[ \t\r\f\v]+", " ", html_module.unescape(text))
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + "\n" if any(lines) else ""


def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _main(root):
    for el in root.iter("main"):
        return el
    for el in root.iter():
        if isinstance(el.tag, str) and (el.get("role") or "").lower() == "main":
            return el
    return None


def _inside(el, ancestor) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def _words(el) -> set[str]:
    text = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {w for w in _WORD_SPLIT.split(text) if w}


def _has_heading(el) -> bool:
    return any(isinstance(x.tag, str) and x.tag in _HEADINGS for x in el.iter())


def _furniture(el) -> bool:
    """Whether an element is site furniture to leave out with everything in it."""
    tag = el.tag
    if tag in _DROP_TAGS:
        return True
    role = (el.get("role") or "").lower()
    words = _words(el)
    if words & _FURNITURE or role in ("dialog", "alertdialog"):
        return True
    if el.get("aria-hidden") == "true" and not _has_heading(el):
        return True
    if tag == "header" and not _has_heading(el):
        return True
    if tag == "form" and (role == "search" or "search" in words or "soeg" in words):
        return True
    if tag == "button" or role == "button":
        return not _has_heading(el)
    if role in _DROP_ROLES or words & _TOOLS:
        return not _has_heading(el)
    if tag == "a":
        href = (el.get("href") or "").strip().lower()
        return href.startswith(("#", "javascript:")) and not _has_heading(el)
    return False


class _Writer:
    """Collects lines: inline text is buffered until a block boundary flushes it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.prefix = ""

    def inline(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.lines.append(self.prefix + text)
        self.prefix = ""

    def line(self, text: str) -> None:
        self.flush()
        self.lines.append(text)

    def blank(self) -> None:
        self.flush()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        self.flush()
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines).strip("\n") + ("\n" if self.lines else "")


def _text_of(el) -> str:
    return re.sub(r"\s+", " ", "".join(_visible_text(el, 0))).strip()


def _visible_text(el, depth: int):
    """The text of an element without its furniture (buttons, in-page links, ...)."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and not _furniture(child):
            if depth < _MAX_TEXT_DEPTH:
                if child.tag == "br":
                    yield " "
                yield from _visible_text(child, depth + 1)
            else:
                yield child.text_content()
        if child.tail:
            yield child.tail


def _walk(el, out: _Writer, depth: int, number: str | None = None) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if depth > _MAX_DEPTH:
        out.inline(el.text_content())
        return
    if tag in _HEADINGS:
        text = _text_of(el)
        if number and text:
            text = f"{number}. {text}"
        out.blank()
        out.line("#" * _HEADINGS[tag] + (" " + text if text else ""))
        out.blank()
        return
    if tag == "tr":
        _row(el, out, depth)
        return
    if tag == "dl":
        _definitions(el, out, depth)
        return
    block = tag in _PARAGRAPH
    line = tag in _LINE
    if block:
        out.blank()
    elif line:
        out.flush()
    if tag == "li":
        out.prefix = "- "
    if tag == "br":
        out.flush()
        return
    out.inline(el.text)
    pending = number
    for child in el:
        if isinstance(child.tag, str) and not _furniture(child):
            if pending and _has_heading(child):
                _walk(child, out, depth + 1, pending)
                pending = None
            else:
                _walk(child, out, depth + 1)
        out.inline(child.tail)
    if block:
        out.blank()
    elif line:
        out.flush()


def _row(tr, out: _Writer, depth: int) -> None:
    """A table row: an agenda row (number cell + a cell with a heading) as blocks with the
    number put before the title; any other row as one line of its cells."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th") and not _furniture(c)]
    out.flush()
    if any(_has_heading(c) for c in cells):
        number = None
        first = _text_of(cells[0]) if cells else ""
        m = _NUMBER_CELL.match(first)
        if m and not _has_heading(cells[0]):
            number = m.group(1)
            cells = cells[1:]
        for cell in cells:
            if _has_heading(cell):
                _walk(cell, out, depth + 1, number)
                number = None
            elif len(_text_of(cell).split()) > 3:
                _walk(cell, out, depth + 1)
        out.blank()
        return
    if tr.getparent() is not None and tr.getparent().tag == "thead":
        return
    texts = [_text_of(c) for c in cells]
    texts = [t for t in texts if t]
    if texts:
        out.line(" ".join(texts))


def _definitions(dl, out: _Writer, depth: int) -> None:
    """`<dt>Mødedato</dt><dd>...</dd>` as `Mødedato: ...`."""
    out.blank()
    label = None
    for child in dl:
        if not isinstance(child.tag, str) or _furniture(child):
            continue
        if child.tag == "dt":
            if label:
                out.line(label)
            label = _text_of(child)
        elif child.tag == "dd":
            value = _text_of(child)
            if label:
                sep = " " if label.endswith(":") else ": "
                out.line(f"{label}{sep}{value}" if value else label)
                label = None
            elif value:
                out.line(value)
        else:
            _walk(child, out, depth + 1)
    if label:
        out.line(label)
    out.blank()
