"""Rendering Word reports: a sandboxed Jinja environment, template preflight, charts as images.

Templates are docxtpl .docx files. A template must not be able to run code, so rendering uses
`jinja2.sandbox.SandboxedEnvironment` with strict undefined variables and XML autoescaping.
`validate_template` is the preflight: Jinja syntax errors and variables the template uses that
the report does not provide, each as a Danish `Problem` with the template line (paragraph).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from docgen.captions import number_captions
from docgen.charts import Chart, render_png
from docgen.errors import TemplateError
from docgen.formatting import stamp_core_properties
from docgen.sandbox import (
    ImagePlaceholder,
    ReportEnvironment,
    plain_context,
    refusal_problems,
    run_limited,
)


@dataclass(frozen=True)
class Problem:
    """One problem found in a template: file, line (paragraph) when known, Danish message."""

    template: str
    line: int | None
    message: str
    kind: str = "fejl"  # "syntaks", "ukendt_variabel", "fil"

    def __str__(self) -> str:
        where = f"{self.template}, linje {self.line}" if self.line else self.template
        return f"{where}: {self.message}"


def make_env() -> ReportEnvironment:
    """The Jinja environment every report is rendered with: the allow-list sandbox of
    docgen.sandbox, strict undefined variables, XML autoescaping."""
    return ReportEnvironment()


# --------------------------------------------------------------------------------------------
# Danish messages for Jinja's errors

_JINJA_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"Unexpected end of template\. Jinja was looking for the following tags: "
            r"'?(\w+)'?",
            re.IGNORECASE,
        ),
        "skabelonen slutter, før en blok er lukket (mangler {{%{0} %}})",
    ),
    (re.compile(r"unexpected end of template", re.IGNORECASE), "skabelonen slutter midt i et felt"),
    (
        re.compile(
            r"Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: "
            r"'?(\w+)'?",
            re.IGNORECASE,
        ),
        "ukendt eller forkert placeret kode '{0}' (forventede {{%{1} %}})",
    ),
    (re.compile(r"Encountered unknown tag '(\w+)'", re.IGNORECASE), "ukendt kode '{0}' i {{% ... %}}"),
    (re.compile(r"unexpected '([^']+)'", re.IGNORECASE), "uventet tegn '{0}' i et felt"),
    (
        re.compile(r"expected token '([^']+)', got '([^']+)'", re.IGNORECASE),
        "forventede '{0}', men fandt '{1}'",
    ),
    (re.compile(r"unexpected char '([^']+)'", re.IGNORECASE), "ugyldigt tegn '{0}' i et felt"),
    (re.compile(r"tag name expected", re.IGNORECASE), "der mangler et kodeord efter {%"),
)


def danish_jinja_message(message: str) -> str:
    """Jinja's English error message in Danish (known cases), else the original quoted."""
    looking = re.search(r"looking for the following tags: (.*?)\.?(?: The innermost|$)", message)
    if looking:
        tags = re.findall(r"'(\w+)'", looking.group(1))
        end = next((t for t in tags if t.startswith("end")), tags[-1] if tags else "")
        unknown = re.search(r"Encountered unknown tag '(\w+)'", message)
        if unknown:
            return f"ukendt eller forkert placeret kode '{unknown.group(1)}' (forventede {{% {end} %}})"
        return f"skabelonen slutter, før en blok er lukket (mangler {{% {end} %}})"
    for pattern, template in _JINJA_MESSAGES:
        m = pattern.search(message)
        if m:
            return template.format(*m.groups())
    return f"fejl i skabelonkoden ({message})"


# --------------------------------------------------------------------------------------------
# Template text, one line per paragraph (as docxtpl feeds it to Jinja)


def _check_file(path: Path) -> None:
    """A template that is missing or not a .docx at all, in one Danish line."""
    if not path.exists():
        raise TemplateError(f"{path.name}: skabelonen findes ikke ({path})")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{path.name}: er ikke en Word-fil (.docx); gem skabelonen som .docx")


def _load(path: Path) -> Any:
    from docxtpl import DocxTemplate

    name = path.name
    _check_file(path)
    from textmining.errors import InputError
    from textmining.readers.guards import open_zip

    try:  # the zip-bomb and macro check every Office file passes (textmining.readers.guards)
        open_zip(name, path.read_bytes(), "Word").close()
    except InputError as exc:
        raise TemplateError(f"{name}: {exc.problem}") from None
    tpl = DocxTemplate(str(path))
    try:
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise TemplateError(f"{name}: Word-filen kan ikke åbnes ({type(exc).__name__})") from None
    return tpl


def _template_lines(tpl: Any) -> list[str]:
    """The body XML as docxtpl renders it, one paragraph per line, as plain text."""
    xml = tpl.patch_xml(tpl.get_xml())
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    return [re.sub(r"<[^>]+>", "", line) for line in xml.split("\n")]


def _snippet(lines: list[str], line: int | None) -> str:
    if not line or line > len(lines):
        return ""
    text = " ".join(lines[line - 1].split())
    if len(text) > 60:
        text = text[:57] + "…"
    return f' (afsnittet "{text}")' if text else ""


def _syntax_problem(name: str, exc: jinja2.TemplateSyntaxError, lines: list[str]) -> Problem:
    line = exc.lineno if exc.lineno and exc.lineno <= len(lines) else None
    msg = danish_jinja_message(exc.message or str(exc)) + _snippet(lines, line)
    return Problem(name, line, msg, "syntaks")


def validate_template(
    path: str | Path, provided: Iterable[str] | None, sample: Mapping[str, Any] | None = None
) -> list[Problem]:
    """Problems of a template: unreadable file, external links and field codes that read other
    files, Jinja syntax errors and refused tags, what the sandbox would refuse, and variables
    it uses that are not in `provided` — each in Danish with the line (paragraph) where it is.
    With provided=None only the syntax and safety are checked. With a `sample` context the
    template is also rendered once (sandboxed, limited, to nowhere), so a template that render
    would refuse or stop is refused here too."""
    p = Path(path)
    name = p.name
    try:
        tpl = _load(p)
    except TemplateError as exc:
        return [Problem(name, None, str(exc).split(": ", 1)[-1], "fil")]
    found = package_problems(p)
    if found:
        return found
    env = make_env()
    lines = _template_lines(tpl)
    try:
        tree = env.parse("\n".join(lines))
    except jinja2.TemplateSyntaxError as exc:
        return [_syntax_problem(name, exc, lines)]
    try:
        used = tpl.get_undeclared_template_variables(jinja_env=env)
    except jinja2.TemplateSyntaxError as exc:  # in a header or footer
        return [
            Problem(
                name,
                None,
                danish_jinja_message(exc.message or str(exc)) + " (i sidehoved eller sidefod)",
                "syntaks",
            )
        ]
    problems = [
        Problem(name, r.line, r.message + _snippet(lines, r.line), "sikkerhed")
        for r in refusal_problems(tree)
    ]
    if provided is None:
        return problems
    provided_set = set(provided)
    for var in sorted(set(used) - provided_set):
        line = _line_of_variable(lines, var)
        hint = _closest(var, provided_set)
        msg = f'skabelonen bruger variablen "{var}", som rapporten ikke leverer'
        if hint:
            msg += f' (mente du "{hint}"?)'
        problems.append(Problem(name, line, msg, "ukendt_variabel"))
    if problems or sample is None:
        return problems
    import tempfile

    with tempfile.TemporaryDirectory(prefix="afdaek-validate-") as scratch:
        try:
            render(p, sample, Path(scratch) / name)
        except TemplateError as exc:
            text = str(exc)
            prefix = f"{name}: "
            problems.append(
                Problem(name, None, text[len(prefix) :] if text.startswith(prefix) else text, "sikkerhed")
            )
    return problems


# Relationship types through which Word or LibreOffice fetch another file or address when the
# document is opened or converted (hyperlinks are only followed when a reader clicks them).
_SAFE_EXTERNAL = ("/hyperlink",)
_FIELD_CODES = re.compile(
    r"\b(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|"
    r"DATABASE|AUTOTEXTLIST)\b"
)
_MAX_PART_BYTES = 50 << 20


def package_problems(path: Path, *, data: bytes | None = None, app: str = "Word") -> list[Problem]:
    """Parts of the .docx that make Word or LibreOffice read other files: relationships to
    external targets other than hyperlinks (linked pictures, attached templates, subdocuments,
    OLE links), `altChunk` imports and field codes such as INCLUDETEXT or INCLUDEPICTURE.
    With data the package is read from those bytes (path only names it); app is the program
    the messages tell the user to fix the file in ("Word", "PowerPoint")."""
    name = path.name
    problems: list[Problem] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as z:
            for info in z.infolist():
                if not info.filename.endswith((".rels", ".xml")):
                    continue
                if info.file_size > _MAX_PART_BYTES:
                    return [
                        Problem(
                            name,
                            None,
                            f"delen {info.filename} er for stor "
                            f"({info.file_size >> 20} MB); gem skabelonen igen i {app}",
                            "fil",
                        )
                    ]
                xml = z.read(info).decode("utf-8", "replace")
                if info.filename.endswith(".rels"):
                    for rel in re.finditer(r"<Relationship\b[^>]*>", xml):
                        tag = rel.group(0)
                        if 'TargetMode="External"' not in tag:
                            continue
                        rtype = re.search(r'Type="([^"]*)"', tag)
                        if rtype and rtype.group(1).endswith(_SAFE_EXTERNAL):
                            continue
                        target = re.search(r'Target="([^"]*)"', tag)
                        problems.append(
                            Problem(
                                name,
                                None,
                                "skabelonen henter en ekstern fil eller adresse "
                                f"({_short(target.group(1) if target else '?', 60)}), og det er "
                                f"ikke tilladt; indsæt billedet eller teksten direkte i {app}",
                                "sikkerhed",
                            )
                        )
                    continue
                if "altChunk" in xml:
                    problems.append(
                        Problem(
                            name,
                            None,
                            "skabelonen importerer et andet dokument (altChunk), og det er ikke tilladt",
                            "sikkerhed",
                        )
                    )
                # a field's code may be split over several runs: read it joined up
                codes = "".join(
                    m.group(1) or m.group(2) or ""
                    for m in re.finditer(r"<w:instrText[^>]*>([^<]*)<|w:instr=\"([^\"]*)\"", xml)
                )
                code = _FIELD_CODES.search(codes.upper())
                if code:
                    problems.append(
                        Problem(
                            name,
                            None,
                            f"skabelonen har feltkoden {code.group(1)}, som læser en "
                            f"anden fil, og det er ikke tilladt; fjern feltet i {app}",
                            "sikkerhed",
                        )
                    )
    except (zipfile.BadZipFile, OSError) as exc:
        return [Problem(name, None, f"{app}-filen kan ikke læses ({type(exc).__name__})", "fil")]
    return problems


def _line_of_variable(lines: list[str], var: str) -> int | None:
    word = re.compile(rf"(?<![\w.]){re.escape(var)}(?!\w)")
    for number, text in enumerate(lines, start=1):
        for m in re.finditer(r"\{[{%](.*?)[%}]\}", text):
            if word.search(m.group(1)):
                return number
    return None


def _closest(var: str, provided: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(var, sorted(provided), n=1, cutoff=0.75)
    return found[0] if found else None


# --------------------------------------------------------------------------------------------
# Rendering


def _chart_placeholder(value: Any) -> Any:
    """A Chart as an ImagePlaceholder holding its PNG (none when the chart is empty)."""
    if isinstance(value, Chart):
        return ImagePlaceholder(None if value.empty else render_png(value), value.width_cm)
    return value


def _bind_images(value: Any, tpl: Any) -> None:
    """Give every ImagePlaceholder in the context the function that inserts its picture into
    the part docxtpl is rendering (the template sees neither the function nor tpl)."""
    if isinstance(value, ImagePlaceholder):

        def insert(png: bytes, width_cm: float) -> str:
            from xml.sax.saxutils import quoteattr

            from docx.shared import Cm
            from docxtpl import InlineImage

            from docgen.charts import png_description

            xml = InlineImage(tpl, io.BytesIO(png), width=Cm(width_cm))._insert_image()
            alt = png_description(png)
            if alt:  # the alt text a screen reader (and the tagged PDF) reads out
                xml = re.sub(
                    r"(<wp:docPr\b[^>]*?)(\s*/?>)",
                    lambda m: f"{m.group(1)} descr={quoteattr(alt)}{m.group(2)}",
                    xml,
                    count=1,
                )
            return xml

        value.bind(insert)
    elif isinstance(value, dict):
        for v in value.values():
            _bind_images(v, tpl)
    elif isinstance(value, list):
        for v in value:
            _bind_images(v, tpl)


def _fill(path: Path, ctx: dict[str, Any], out: Path) -> None:
    """Render the template at path with the plain context into out (runs in the child)."""
    name = path.name
    tpl = _load(path)
    _bind_images(ctx, tpl)
    try:
        tpl.render(ctx, jinja_env=make_env(), autoescape=True)
    except SecurityError as exc:
        raise TemplateError(
            f"{name}: skabelonen forsøger at tilgå noget, som en skabelon ikke må bruge "
            f"(Python-interne egenskaber, filer eller metoder), og det er ikke tilladt "
            f"({_short(str(exc))})"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        lines = _template_lines(_load(path))
        raise TemplateError(str(_syntax_problem(name, exc, lines))) from None
    except jinja2.UndefinedError as exc:
        attr = re.search(r"has no attribute '([^']+)'", str(exc))
        if attr:
            raise TemplateError(
                f'{name}: skabelonen bruger egenskaben "{attr.group(1)}", som ikke findes '
                "eller ikke er tilladt i en skabelon; kør 'afdaek templates validate'"
            ) from None
        m = re.search(r"'([^']+)' is undefined", str(exc))
        what = f'variablen "{m.group(1)}"' if m else "en variabel"
        if m:
            line = _line_of_variable(_template_lines(_load(path)), m.group(1))
            where = f"{name}, linje {line}" if line else name
        else:
            where = name
        raise TemplateError(
            f"{where}: skabelonen bruger {what}, som rapporten ikke leverer; kør 'afdaek templates validate'"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{name}: skabelonen kan ikke udfyldes ({_short(str(exc))})") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateError(f"{name}: skabelonen kan ikke udfyldes ({_short(str(exc))})") from None
    number_captions(tpl.docx)  # 'Tabel 3', 'Figur 2' in document order, loops included
    stamp_core_properties(tpl.docx.core_properties)  # afdaek made it, now; not the template
    tpl.save(str(out))


def render(
    template_path: str | Path,
    context: Mapping[str, Any],
    out_path: str | Path,
    *,
    seconds: float | None = None,
) -> Path:
    """Render a docxtpl template with context into out_path (sandboxed, in a child process
    under a time and memory limit); return out_path. The file at out_path is written only when
    the render succeeds; callers that write a user's report go through
    docgen.reports.render_report (store.outputs.write_output: 0600, renamed into place, never
    over a file afdaek did not write).

    Raises TemplateError naming the template (and line) for a broken, unsafe or runaway
    template; nothing is written then.
    """
    path = Path(template_path)
    _check_file(path)  # before the charts are drawn; the template is opened in the child
    for problem in package_problems(path):
        raise TemplateError(str(problem))
    ctx = plain_context(dict(context), _chart_placeholder)
    out = Path(out_path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from docgen.errors import ReportError

        raise ReportError(f"{out}: rapporten kan ikke gemmes ({exc.strerror or exc})") from None
    run_limited(lambda: _fill(path, ctx, out), path.name, seconds=seconds)
    return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
