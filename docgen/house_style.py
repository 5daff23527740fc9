"""A municipality's house style (`--stil MAPPE`): styles, theme, margins and logo for the Word
reports, slide master and layouts for the presentation.

The folder is data a user edits, so it is read as untrusted input, once, before anything is
written (`load_style`):

- Only these files are read: the reference Word file (`stil.docx`, or the one .docx/.dotx in
  the folder), the logo (`logo.png`/`logo.jpg`/`logo.jpeg`) and the PowerPoint template
  (`stil.potx`/`stil.pptx`, or the one .potx/.pptx). Links (symlinks) are refused, so the
  folder cannot point afdaek at another file; files with macros (.docm, .dotm, .pptm, .potm)
  are refused, and so is a folder that holds one.
- Every file passes the size, zip-bomb and macro checks of `textmining.readers.guards`, and the
  external-link check of `docgen.render.package_problems`.
- From the Word file only the style definitions (styles.xml), the theme (fonts and colours,
  pictures removed), the page margins and a picture in the header are taken, never its text
  or fields. The logo is decoded and written again as a plain PNG (no metadata).
- From the PowerPoint file only the masters and layouts are kept: its slides are removed.

A problem gives one Danish line naming the file (`StyleError`), and nothing is written.
`style_template` applies the Word part to a copy of a report template before it is rendered;
`presentation_base` and `pick_layout` serve docgen.presentation.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import StyleError, TemplateError

WORD_NAMES = ("stil.docx", "stil.dotx")
WORD_SUFFIXES = (".docx", ".dotx")
SLIDE_NAMES = ("stil.potx", "stil.pptx")
SLIDE_SUFFIXES = (".potx", ".pptx")
LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")
MACRO_SUFFIXES = (".docm", ".dotm", ".pptm", ".potm", ".xlsm", ".xltm", ".ppsm", ".sldm")
"""Office files with macros; a style folder holding one is refused."""

MAX_OFFICE_BYTES = 30 * 1024 * 1024
"""The largest reference .docx or PowerPoint template read from a style folder."""
MAX_LOGO_BYTES = 5 * 1024 * 1024
"""The largest logo file."""
MAX_LOGO_PIXELS = 25_000_000
"""The most pixels a logo may have before it is decoded (a small PNG can claim 60.000²)."""
LOGO_SIDE_PX = 1200
"""A logo is scaled down to at most this many pixels on its longer side."""
MAX_XML_BYTES = 20 * 1024 * 1024
"""The largest XML part (styles, theme, document) read from the reference file."""

HEADER_LOGO_CM = (1.4, 5.0)
"""The logo in the header of every page after the cover: at most this high and wide (cm)."""
COVER_LOGO_CM = (3.0, 8.0)
"""The logo on the cover (the first page's header): at most this high and wide (cm)."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MIN_HEADER_DISTANCE = 284
"""A header or footer distance under 0.5 cm (twips) is not taken: the footer would touch the
page edge."""
_MARGINS = ("top", "right", "bottom", "left", "header", "footer", "gutter")


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass(frozen=True)
class HouseStyle:
    """A house style read from a style folder: only styles, theme, margins, logo and slides."""

    folder: str
    word_file: str | None = None
    styles_xml: bytes | None = None
    theme_xml: bytes | None = None
    margins: tuple[tuple[str, int], ...] = ()
    accent: str | None = None
    logo_png: bytes | None = None
    logo_file: str | None = None
    slides_file: str | None = None
    slides_pptx: bytes | None = None
    warnings: tuple[str, ...] = ()

    @property
    def chart_colour(self) -> str:
        """The charts' first colour (#RRGGBB): the heading colour, unless it is too light to
        draw bars with; "" for the standard colours."""
        if not self.accent:
            return ""
        r, g, b = (int(self.accent[i : i + 2], 16) for i in (0, 2, 4))
        return "" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 190 else f"#{self.accent}"

    @property
    def styles_word(self) -> bool:
        """True when the style changes the Word reports."""
        return self.styles_xml is not None or self.logo_png is not None

    def describe(self) -> str:
        """One Danish line on what the style holds (for the CLI's status output)."""
        parts = []
        if self.word_file:
            parts.append(f"typografier fra {self.word_file}")
        if self.logo_file:
            parts.append(f"logo fra {self.logo_file}")
        if self.slides_file:
            parts.append(f"dias fra {self.slides_file}")
        return f"Husstil fra {self.folder}: " + ", ".join(parts)

    def notes(self) -> tuple[str, ...]:
        """The Danish lines a command shows before it writes in this style: what it holds,
        then each warning."""
        return (self.describe(), *self.warnings)


# --------------------------------------------------------------------------------------------
# Reading the folder


def load_style(folder: str | Path) -> HouseStyle:
    """Read a house style folder; raise StyleError (one Danish line naming the file) when it
    is missing, holds macros, or a file in it is broken, too large or unsafe."""
    from textmining.readers.guards import path_text

    root = Path(folder)
    shown = path_text(root)
    if root.is_symlink():
        raise StyleError(f"{shown}: stilmappen er en genvej (symbolsk link); angiv selve mappen")
    if not root.is_dir():
        raise StyleError(f"{shown}: stilmappen findes ikke")
    try:
        entries = sorted(p for p in root.iterdir() if not p.name.startswith(("~$", ".")))
    except OSError as exc:
        raise StyleError(f"{shown}: stilmappen kan ikke læses ({exc.strerror or exc})") from None
    for p in entries:
        if p.suffix.lower() in MACRO_SUFFIXES:
            raise StyleError(
                f"{path_text(p)}: filen kan indeholde makroer ({p.suffix.lower()}), og "
                "afdaek bruger ikke filer med makroer; gem den som .docx eller .potx og slet "
                "denne fil fra stilmappen"
            )
    word = _pick(root, entries, WORD_NAMES, WORD_SUFFIXES, "Word-filer", "stil.docx")
    slides = _pick(root, entries, SLIDE_NAMES, SLIDE_SUFFIXES, "PowerPoint-filer", "stil.potx")
    logo = next((_regular(p) for name in LOGO_NAMES for p in entries if p.name.lower() == name), None)
    if word is None and slides is None and logo is None:
        raise StyleError(
            f"{shown}: stilmappen indeholder hverken en Word-fil (stil.docx), et logo "
            "(logo.png) eller en PowerPoint-skabelon (stil.potx)"
        )
    warnings: list[str] = []
    fields: dict[str, Any] = {}
    header_logo: bytes | None = None
    if word is not None:
        fields, header_logo = _read_word(word, warnings)
        fields["word_file"] = word.name
    if logo is not None:
        fields["logo_png"] = _logo_png(_read(logo, MAX_LOGO_BYTES), path_text(logo))
        fields["logo_file"] = logo.name
    elif header_logo is not None and word is not None:
        fields["logo_png"] = _logo_png(header_logo, f"{path_text(word)} (billedet i sidehovedet)")
        fields["logo_file"] = f"{word.name} (sidehovedet)"
    if slides is not None:
        fields["slides_pptx"] = _read_slides(slides)
        fields["slides_file"] = slides.name
    return HouseStyle(folder=shown, warnings=tuple(warnings), **fields)


def _pick(
    root: Path,
    entries: list[Path],
    names: tuple[str, ...],
    suffixes: tuple[str, ...],
    what: str,
    preferred: str,
) -> Path | None:
    """The file of one kind: the one named like names, else the only one with a suffix."""
    from textmining.readers.guards import path_text

    for name in names:
        for p in entries:
            if p.name.lower() == name:
                return _regular(p)
    found = [p for p in entries if p.suffix.lower() in suffixes]
    if len(found) > 1:
        listed = ", ".join(p.name for p in found)
        raise StyleError(
            f"{path_text(root)}: stilmappen har flere {what} ({listed}); kald den, "
            f"der skal bruges, {preferred}"
        )
    return _regular(found[0]) if found else None


def _regular(path: Path) -> Path:
    from textmining.readers.guards import path_text

    if path.is_symlink():
        raise StyleError(
            f"{path_text(path)}: filen er en genvej (symbolsk link); kopiér selve filen ind i stilmappen"
        )
    return path


def _read(path: Path, limit: int) -> bytes:
    from textmining.errors import InputError
    from textmining.readers.guards import read_input

    try:
        return read_input(path, limit=limit)
    except InputError as exc:
        raise StyleError(str(exc)) from None


def _open_office(path: Path, what: str) -> tuple[bytes, zipfile.ZipFile]:
    """The bytes and zip of an Office file, after the guards' size, zip-bomb and macro checks."""
    from textmining.errors import InputError
    from textmining.readers.guards import open_zip, path_text

    data = _read(path, MAX_OFFICE_BYTES)
    try:
        return data, open_zip(path_text(path), data, what)
    except InputError as exc:
        raise StyleError(str(exc)) from None


def _xml(zf: zipfile.ZipFile, name: str, where: str) -> Any:
    """A part of the package parsed without DTDs, entities or network access."""
    from lxml import etree

    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise StyleError(f"{where}: delen {name} er for stor ({info.file_size >> 20} MB)")
    data = _member(zf, info, where)
    if b"<!DOCTYPE" in data[:2048].upper() or b"<!ENTITY" in data.upper():
        raise StyleError(f"{where}: delen {name} er ikke gyldig Office-XML")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise StyleError(f"{where}: filen er beskadiget (delen {name} kan ikke læses)") from None


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    """One part's bytes; a damaged part (bad checksum, broken compression) in one line."""
    import zlib

    try:
        return zf.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError):
        raise StyleError(f"{where}: filen er beskadiget (delen {info.filename} kan ikke læses)") from None


def _rels(zf: zipfile.ZipFile, part: str, where: str) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of a part's internal relationships."""
    rels_name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    root = _xml(zf, rels_name, where)
    if root is None:
        return []
    out = []
    for rel in root.iter(f"{{{_PKG}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        )
        out.append((rel.get("Id", ""), rel.get("Type", ""), name))
    return out


def _read_word(path: Path, warnings: list[str]) -> tuple[dict[str, Any], bytes | None]:
    """Styles, theme, margins and accent colour of the reference file, and the first picture
    in its header (bytes, or None)."""
    from textmining.readers.guards import path_text

    where = path_text(path)
    _data, zf = _open_office(path, "Word")
    with zf:
        main = next((t for _i, rtype, t in _rels(zf, "", where) if rtype.endswith("/officeDocument")), None)
        if main is None or main not in zf.namelist():
            raise StyleError(f"{where}: er ikke et Word-dokument (der er intet hoveddokument)")
        rels = _rels(zf, main, where)
        styles_part = next((t for _i, rtype, t in rels if rtype == _RT + "styles"), None)
        styles = _xml(zf, styles_part, where) if styles_part else None
        if styles is None or styles.tag != _w("styles"):
            raise StyleError(f"{where}: Word-filen har ingen typografier (styles.xml); gem den igen i Word")
        theme_part = next((t for _i, rtype, t in rels if rtype == _RT + "theme"), None)
        theme = _xml(zf, theme_part, where) if theme_part else None
        if theme is not None and theme.tag != f"{{{_A}}}theme":
            theme = None
        if theme is not None:
            _strip_pictures(theme)
        document = _xml(zf, main, where)
        if document is None:
            raise StyleError(f"{where}: filen er beskadiget (hoveddokumentet mangler)")
        margins = _margins(document)
        header_logo = _header_picture(zf, document, rels, where, warnings)
    from lxml import etree

    fields: dict[str, Any] = {
        "styles_xml": etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True),
        "theme_xml": None
        if theme is None
        else etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True),
        "margins": margins,
        "accent": heading_colour(styles, theme),
    }
    return fields, header_logo


def _strip_pictures(theme: Any) -> None:
    """Pictures in a theme's fills point at parts we do not copy: make them plain colour."""
    from lxml import etree

    for blip in list(theme.iter(f"{{{_A}}}blipFill")):
        fill = etree.Element(f"{{{_A}}}solidFill")
        etree.SubElement(fill, f"{{{_A}}}schemeClr", val="phClr")
        blip.getparent().replace(blip, fill)
    for el in theme.iter():
        for attr in [a for a in el.attrib if a.startswith(f"{{{_R}}}")]:
            del el.attrib[attr]


def _margins(document: Any) -> tuple[tuple[str, int], ...]:
    """The page margins (twips) of the document's last section."""
    body = document.find(_w("body"))
    sect = body.find(_w("sectPr")) if body is not None else None
    mar = sect.find(_w("pgMar")) if sect is not None else None
    if mar is None:
        return ()
    out = []
    for key in _MARGINS:
        value = mar.get(_w(key))
        if value is not None and re.fullmatch(r"-?\d{1,6}", value):
            number = int(value)
            if abs(number) > 8000:  # over 14 cm is not a margin
                continue
            if key in ("header", "footer") and number < MIN_HEADER_DISTANCE:
                continue  # a file without a header or footer may say 0 (LibreOffice does)
            out.append((key, number))
    return tuple(out)


def _header_picture(
    zf: zipfile.ZipFile, document: Any, rels: list[tuple[str, str, str]], where: str, warnings: list[str]
) -> bytes | None:
    """The first picture in a header of the reference file (default header first)."""
    by_id = {rid: target for rid, rtype, target in rels if rtype == _RT + "header"}
    order: list[str] = []
    for kind in ("default", "first", "even"):
        for ref in document.iter(_w("headerReference")):
            if ref.get(_w("type")) == kind:
                rid = ref.get(f"{{{_R}}}id")
                if rid in by_id and by_id[rid] not in order:
                    order.append(by_id[rid])
    for header in order:
        for _rid, rtype, target in _rels(zf, header, where):
            if rtype != _RT + "image" or target not in zf.namelist():
                continue
            info = zf.getinfo(target)
            if not target.lower().endswith((".png", ".jpg", ".jpeg")):
                warnings.append(
                    f"{where}: billedet i sidehovedet er ikke PNG eller JPEG og "
                    "bruges ikke som logo; læg logoet i stilmappen som logo.png"
                )
                continue
            if info.file_size > MAX_LOGO_BYTES:
                raise StyleError(
                    f"{where}: billedet i sidehovedet er for stort (over {MAX_LOGO_BYTES >> 20} MB)"
                )
            return _member(zf, info, where)
    return None


def heading_colour(styles: Any, theme: Any | None) -> str | None:
    """The colour (hex RRGGBB) of the 'heading 1' style, following basedOn and the theme."""
    by_id = {s.get(_w("styleId")): s for s in styles.findall(_w("style"))}
    style = next((s for s in by_id.values() if _style_key(s) == ("paragraph", "heading 1")), None)
    seen: set[str] = set()
    while style is not None and style.get(_w("styleId")) not in seen:
        seen.add(style.get(_w("styleId")))
        color = style.find(f"{_w('rPr')}/{_w('color')}")
        if color is not None:
            theme_name = color.get(_w("themeColor"))
            if theme_name and theme is not None:
                found = _theme_colour(theme, theme_name)
                if found:
                    return found
            value = (color.get(_w("val")) or "").upper()
            if re.fullmatch(r"[0-9A-F]{6}", value):
                return value
        based = style.find(_w("basedOn"))
        style = by_id.get(based.get(_w("val"))) if based is not None else None
    return None


_THEME_NAMES = {
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
}


def _theme_colour(theme: Any, name: str) -> str | None:
    scheme = theme.find(f"{{{_A}}}themeElements/{{{_A}}}clrScheme")
    if scheme is None:
        return None
    slot = scheme.find(f"{{{_A}}}{_THEME_NAMES.get(name, name)}")
    if slot is None:
        return None
    for child in slot:
        value = (child.get("val") if child.tag == f"{{{_A}}}srgbClr" else child.get("lastClr")) or ""
        if re.fullmatch(r"[0-9A-Fa-f]{6}", value):
            return value.upper()
    return None


def _logo_png(data: bytes, where: str) -> bytes:
    """The logo decoded and written again as a PNG of at most LOGO_SIDE_PX (no metadata)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in ("PNG", "JPEG"):
                raise StyleError(
                    f"{where}: logoet skal være et PNG- eller JPEG-billede (det er {img.format or 'ukendt'})"
                )
            width, height = img.size
            if width * height > MAX_LOGO_PIXELS or min(width, height) < 1:
                raise StyleError(
                    f"{where}: logoet er for stort ({width} × {height} punkter); "
                    f"gem det mindre, fx {LOGO_SIDE_PX} punkter bredt"
                )
            img.load()
            mode = "RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB"
            out = img.convert(mode)
    except StyleError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise StyleError(f"{where}: billedet er beskadiget eller ikke et billede") from None
    out.thumbnail((LOGO_SIDE_PX, LOGO_SIDE_PX))
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _read_slides(path: Path) -> bytes:
    """The PowerPoint template as a .pptx package without its slides, refused when what is
    left (masters, layouts, theme) links to other files or holds OLE or ActiveX objects."""
    from docgen.render import package_problems
    from textmining.readers.guards import path_text

    where = path_text(path)
    data, zf = _open_office(path, "PowerPoint")
    with zf:
        names = zf.namelist()
        types = (
            _member(zf, zf.getinfo("[Content_Types].xml"), where) if "[Content_Types].xml" in names else b""
        )
    try:
        if _POTX.encode() in types:  # python-pptx opens presentations only: make it one
            data = _replace_part(data, "[Content_Types].xml", types.replace(_POTX.encode(), _PPTX.encode()))
        prs = _open_pptx(data)
        if pick_layout(prs, "content") is None:
            raise StyleError(
                f"{where}: skabelonen har intet layout med en titel og et tekstfelt (fx »Titel og indhold«)"
            )
        buf = io.BytesIO()
        prs.save(buf)
    except StyleError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-pptx, zipfile and zlib: many kinds
        raise StyleError(
            f"{where}: PowerPoint-filen er beskadiget og kan ikke åbnes "
            f"({type(exc).__name__}); gem den igen i PowerPoint som .potx"
        ) from None
    kept = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(kept)) as out:
        if any(n.startswith(("ppt/embeddings/", "ppt/activeX/")) for n in out.namelist()):
            raise StyleError(
                f"{where}: skabelonens master eller layout indeholder indlejrede "
                "objekter (OLE eller ActiveX), og dem bruger afdaek ikke; fjern "
                "dem i PowerPoint"
            )
    problems = package_problems(path, data=kept, app="PowerPoint")
    if problems:
        raise StyleError(f"{where}: {problems[0].message}")
    return kept


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, content if info.filename == name else src.read(info))
    return buf.getvalue()


def _open_pptx(data: bytes) -> Any:
    """python-pptx's Presentation of data with every slide removed (and the lists that name
    them: sections, custom shows)."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)
    # what describes the template's own content: app.xml lists its slide titles, the
    # thumbnail shows its first slide, custom properties and customXml hold document metadata
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if not rel.reltype.endswith(("/officeDocument", "/core-properties")):
            package.drop_rel(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype.endswith(("/customXml", "/commentAuthors")):
            prs.part.drop_rel(rid)
    root = prs.part._element
    for child in list(root):
        local = child.tag.rsplit("}", 1)[-1]
        if local in ("custShowLst", "photoAlbum"):
            root.remove(child)
        elif local == "extLst":
            for ext in list(child):
                if any(el.tag.endswith("}sectionLst") for el in ext):
                    child.remove(ext)
    return prs


def presentation_base(style: HouseStyle | None) -> Any:
    """The Presentation the slides are added to: the style's template (no slides), else
    python-pptx's default."""
    from pptx import Presentation

    if style is None or style.slides_pptx is None:
        return Presentation()
    return Presentation(io.BytesIO(style.slides_pptx))


LAYOUT_NAMES = {
    "title": ("title slide", "titeldias", "titelslide", "forside"),
    "content": ("title and content", "titel og indhold", "overskrift og indhold"),
}
"""Layout names by kind, English and Danish PowerPoint's (compared without case)."""


def pick_layout(prs: Any, kind: str) -> Any:
    """The slide layout for kind ("title" or "content"): by its name, else the first whose
    placeholders fit (a title and a subtitle; a title and one text or content box), else for
    the title slide the content layout. None when no layout fits."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    layouts = list(prs.slide_layouts)
    for layout in layouts:
        if layout.name.strip().lower() in LAYOUT_NAMES[kind]:
            return layout

    def types(layout: Any) -> list[Any]:
        return [ph.placeholder_format.type for ph in layout.placeholders]

    titles = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    for layout in layouts:
        found = types(layout)
        if not any(t in titles for t in found):
            continue
        if kind == "title" and PP_PLACEHOLDER.SUBTITLE in found:
            return layout
        if (
            kind == "content"
            and body_placeholder(layout) is not None
            and sum(t in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) for t in found) == 1
        ):
            return layout
    return pick_layout(prs, "content") if kind == "title" else None


def body_placeholder(owner: Any) -> Any:
    """The text placeholder of a layout or slide (a subtitle, body or content box that is not
    vertical), or None."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    for ph in owner.placeholders:
        if (
            ph.placeholder_format.type
            in (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
            and ph._element.ph.get("orient") != "vert"
        ):
            return ph
    return None


# --------------------------------------------------------------------------------------------
# Applying the style to a Word template


def style_template(template: str | Path, style: HouseStyle, out: str | Path) -> Path:
    """Write a copy of a report template to out with the house style's styles, theme, margins
    and table heading colour, and its logo in the header (small) and on the cover."""
    from docx import Document

    src = Path(template)
    try:
        doc = Document(str(src))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise TemplateError(f"{src.name}: Word-filen kan ikke åbnes ({type(exc).__name__})") from None
    if style.styles_xml is not None:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        merge_styles(doc.styles.element, etree.fromstring(style.styles_xml, parser))
    if style.theme_xml is not None:
        _replace_theme(doc, style.theme_xml)
    if style.margins:
        _apply_margins(doc, dict(style.margins))
    if style.accent:
        _recolour_table_headings(doc, style.accent)
    if style.logo_png is not None:
        _place_logo(doc, style.logo_png)
    target = Path(out)
    doc.save(str(target))
    return target


def recolour_charts(value: Any, colour: str) -> Any:
    """value (a report context, a chart) with every Chart's first series in colour."""
    from dataclasses import replace

    from docgen.charts import Chart

    if not colour:
        return value
    if isinstance(value, Chart):
        return replace(value, colour=colour)
    if isinstance(value, dict):
        return {k: recolour_charts(v, colour) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(recolour_charts(v, colour) for v in value)
    return value


def _style_key(style: Any) -> tuple[str, str]:
    name = style.find(_w("name"))
    label = name.get(_w("val")) if name is not None else style.get(_w("styleId"))
    return style.get(_w("type"), "paragraph"), " ".join((label or "").lower().split())


_PPR_BEFORE_NUMPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")


def merge_styles(target: Any, reference: Any) -> None:
    """Replace target's (a template's w:styles) style definitions and defaults by the
    reference's, matched by style name and type so the template's style ids stay valid (a
    Danish Word names 'heading 1' Overskrift1, python-docx Heading1). The template's list
    numbering is kept (the reference's numbering is not copied); styles the reference does
    not define are kept as they are."""
    from lxml import etree

    own = target.findall(_w("style"))
    own_by_key = {_style_key(s): s for s in own}
    own_ids = {s.get(_w("styleId")) for s in own}
    theirs = reference.findall(_w("style"))
    id_map: dict[str, str] = {}
    for s in theirs:
        key, rid = _style_key(s), s.get(_w("styleId")) or ""
        if key in own_by_key:
            id_map[rid] = own_by_key[key].get(_w("styleId"))
        else:
            new = rid
            while new in own_ids or new in id_map.values():
                new += "Stil"
            id_map[rid] = new
    merged = []
    their_keys = set()
    defaults = set()
    for s in theirs:
        key = _style_key(s)
        their_keys.add(key)
        c = copy.deepcopy(s)
        c.set(_w("styleId"), id_map[s.get(_w("styleId")) or ""])
        for tag in ("basedOn", "next", "link"):
            el = c.find(_w(tag))
            if el is not None:
                mapped = id_map.get(el.get(_w("val")) or "")
                if mapped is None:
                    c.remove(el)
                else:
                    el.set(_w("val"), mapped)
        ppr = c.find(_w("pPr"))
        if ppr is not None:
            for num in ppr.findall(_w("numPr")):
                ppr.remove(num)
        mine = own_by_key.get(key)
        num = mine.find(f"{_w('pPr')}/{_w('numPr')}") if mine is not None else None
        if num is not None:
            if ppr is None:
                ppr = etree.SubElement(c, _w("pPr"))
                rpr = c.find(_w("rPr"))
                if rpr is not None:
                    rpr.addprevious(ppr)
            before = [i for i, ch in enumerate(ppr) if ch.tag in {_w(t) for t in _PPR_BEFORE_NUMPR}]
            ppr.insert(before[-1] + 1 if before else 0, copy.deepcopy(num))
        if c.get(_w("default")) in ("1", "true", "on"):
            defaults.add(c.get(_w("type"), "paragraph"))
        merged.append(c)
    for s in own:
        if _style_key(s) in their_keys:
            continue
        if s.get(_w("type"), "paragraph") in defaults and _w("default") in s.attrib:
            del s.attrib[_w("default")]
        merged.append(s)
    for s in own:
        target.remove(s)
    for s in merged:
        target.append(s)
    their_defaults = reference.find(_w("docDefaults"))
    if their_defaults is not None:
        mine_defaults = target.find(_w("docDefaults"))
        new_defaults = copy.deepcopy(their_defaults)
        if mine_defaults is not None:
            target.replace(mine_defaults, new_defaults)
        else:
            target.insert(0, new_defaults)
        _danish(new_defaults)


def _danish(defaults: Any) -> None:
    """The reports are Danish whatever language the reference was written in."""
    from lxml import etree

    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, _w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, _w("rPr"))
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, _w("lang"))
    lang.set(_w("val"), "da-DK")
    lang.set(_w("eastAsia"), "da-DK")


def _replace_theme(doc: Any, theme_xml: bytes) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = doc.part.part_related_by(RT.THEME)
    except KeyError:
        return
    part._blob = theme_xml


def _apply_margins(doc: Any, margins: dict[str, int]) -> None:
    """The reference's margins on every section; fixed-width tables wider than the new text
    width are narrowed in proportion."""
    from docx.shared import Twips

    attrs = {
        "top": "top_margin",
        "right": "right_margin",
        "bottom": "bottom_margin",
        "left": "left_margin",
        "header": "header_distance",
        "footer": "footer_distance",
        "gutter": "gutter",
    }
    width = None
    for section in doc.sections:
        for key, attr in attrs.items():
            if key in margins:
                value = margins[key]
                setattr(section, attr, Twips(abs(value) if key in ("top", "bottom") else value))
        if section.page_width is not None:
            text = section.page_width - section.left_margin - section.right_margin
            width = text if width is None else min(width, text)
    if width is None:
        return
    limit = int(width) // 635  # EMU to twips
    for tbl in doc.element.body.iter(_w("tbl")):
        tblw = tbl.find(f"{_w('tblPr')}/{_w('tblW')}")
        if tblw is None or tblw.get(_w("type")) != "dxa":
            continue
        total = int(tblw.get(_w("w"), "0") or 0)
        if total <= limit or total <= 0:
            continue
        factor = limit / total
        for el in [tblw, *tbl.iter(_w("gridCol")), *tbl.iter(_w("tcW"))]:
            if el.tag == _w("tcW") and el.get(_w("type")) not in (None, "dxa"):
                continue
            value = el.get(_w("w"))
            if value and value.isdigit():
                el.set(_w("w"), str(int(int(value) * factor)))


def tint(hex_colour: str, share: float = 0.82) -> str:
    """hex_colour mixed with share white (RRGGBB): a light fill for table headings."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in rgb)


def _recolour_table_headings(doc: Any, accent: str) -> None:
    """The templates' table headings are shaded light blue (build_templates.HEADER_FILL);
    with a house style they are a light tint of its heading colour."""
    from templates_docx.build_templates import HEADER_FILL

    fill = tint(accent)
    for shd in doc.element.body.iter(_w("shd")):
        if (shd.get(_w("fill")) or "").upper() == HEADER_FILL:
            shd.set(_w("fill"), fill)


def _logo_size(png: bytes, box: tuple[float, float]) -> tuple[Any, Any]:
    """Width and height (python-docx lengths) of the logo fitted into box (height, width cm)."""
    from docx.shared import Cm
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        w, h = img.size
    scale = min(box[0] / h, box[1] / w)
    return Cm(w * scale), Cm(h * scale)


def _place_logo(doc: Any, png: bytes) -> None:
    """The logo right-aligned in every section's header, and larger on the cover (the first
    page's header) when the first page has a header of its own. A header that already holds
    a picture is left as it is."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    small = _logo_size(png, HEADER_LOGO_CM)
    large = _logo_size(png, COVER_LOGO_CM)
    for section in doc.sections:
        places = [(section.header, small, WD_ALIGN_PARAGRAPH.RIGHT)]
        if section.different_first_page_header_footer:
            places.append((section.first_page_header, large, WD_ALIGN_PARAGRAPH.LEFT))
        for header, (width, height), align in places:
            if header._element.find(f".//{{{_A}}}blip") is not None:
                continue
            para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            if para.text.strip():
                para = para.insert_paragraph_before()
            para.alignment = align
            para.add_run().add_picture(io.BytesIO(png), width=width, height=height)
