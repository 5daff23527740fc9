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
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from docgen.charts import Chart, render_png
from docgen.errors import TemplateError


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


def make_env() -> SandboxedEnvironment:
    """The Jinja environment every report is rendered with: sandboxed, strict, autoescaped."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    return env


# --------------------------------------------------------------------------------------------
# Danish messages for Jinja's errors

_JINJA_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Unexpected end of template\. Jinja was looking for the following tags: "
                r"'?(\w+)'?", re.IGNORECASE),
     "skabelonen slutter, før en blok er lukket (mangler {{%{0} %}})"),
    (re.compile(r"unexpected end of template", re.IGNORECASE), "skabelonen slutter midt i et felt"),
    (re.compile(r"Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: "
                r"'?(\w+)'?", re.IGNORECASE),
     "ukendt eller forkert placeret kode '{0}' (forventede {{%{1} %}})"),
    (re.compile(r"Encountered unknown tag '(\w+)'", re.IGNORECASE), "ukendt kode '{0}' i {{% ... %}}"),
    (re.compile(r"unexpected '([^']+)'", re.IGNORECASE), "uventet tegn '{0}' i et felt"),
    (re.compile(r"expected token '([^']+)', got '([^']+)'", re.IGNORECASE),
     "forventede '{0}', men fandt '{1}'"),
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
            return f"ukendt eller forkert placeret kode '{unknown.group(1)}' (forventede " \
                   f"{{% {end} %}})"
        return f"skabelonen slutter, før en blok er lukket (mangler {{% {end} %}})"
    for pattern, template in _JINJA_MESSAGES:
        m = pattern.search(message)
        if m:
            return template.format(*m.groups())
    return f"fejl i skabelonkoden ({message})"


# --------------------------------------------------------------------------------------------
# Template text, one line per paragraph (as docxtpl feeds it to Jinja)


def _load(path: Path) -> Any:
    from docxtpl import DocxTemplate

    name = path.name
    if not path.exists():
        raise TemplateError(f"{name}: skabelonen findes ikke ({path})")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{name}: er ikke en Word-fil (.docx); gem skabelonen som .docx")
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


def validate_template(path: str | Path, provided: Iterable[str] | None) -> list[Problem]:
    """Problems of a template: unreadable file, Jinja syntax errors, and variables it uses that
    are not in `provided` — each in Danish with the line (paragraph) where it is. With
    provided=None only the syntax is checked."""
    p = Path(path)
    name = p.name
    try:
        tpl = _load(p)
    except TemplateError as exc:
        return [Problem(name, None, str(exc).split(": ", 1)[-1], "fil")]
    env = make_env()
    lines = _template_lines(tpl)
    try:
        env.parse("\n".join(lines))
    except jinja2.TemplateSyntaxError as exc:
        return [_syntax_problem(name, exc, lines)]
    try:
        used = tpl.get_undeclared_template_variables(jinja_env=env)
    except jinja2.TemplateSyntaxError as exc:  # in a header or footer
        return [Problem(name, None, danish_jinja_message(exc.message or str(exc)) +
                        " (i sidehoved eller sidefod)", "syntaks")]
    problems: list[Problem] = []
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


def _materialise(value: Any, tpl: Any) -> Any:
    """Charts → InlineImage (or '' when empty), recursively through dicts and lists."""
    if isinstance(value, Chart):
        if value.empty:
            return ""
        from docx.shared import Cm
        from docxtpl import InlineImage

        return InlineImage(tpl, io.BytesIO(render_png(value)), width=Cm(value.width_cm))
    if isinstance(value, Mapping):
        return {k: _materialise(v, tpl) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_materialise(v, tpl) for v in value]
    return value


def render(template_path: str | Path, context: Mapping[str, Any], out_path: str | Path) -> Path:
    """Render a docxtpl template with context into out_path (sandboxed); return out_path.

    Raises TemplateError naming the template (and line) for a broken or unsafe template.
    """
    path = Path(template_path)
    name = path.name
    tpl = _load(path)
    env = make_env()
    ctx = _materialise(dict(context), tpl)
    try:
        tpl.render(ctx, jinja_env=env, autoescape=True)
    except SecurityError as exc:
        raise TemplateError(
            f"{name}: skabelonen forsøger at tilgå Python-interne egenskaber, "
            f"og det er ikke tilladt ({_short(str(exc))})"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        lines = _template_lines(_load(path))
        raise TemplateError(str(_syntax_problem(name, exc, lines))) from None
    except jinja2.UndefinedError as exc:
        m = re.search(r"'([^']+)' is undefined", str(exc))
        what = f'variablen "{m.group(1)}"' if m else "en variabel"
        if m:
            line = _line_of_variable(_template_lines(_load(path)), m.group(1))
            where = f"{name}, linje {line}" if line else name
        else:
            where = name
        raise TemplateError(
            f"{where}: skabelonen bruger {what}, som rapporten ikke leverer; "
            "kør 'afdaek templates validate'"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{name}: skabelonen kan ikke udfyldes ({_short(str(exc))})") from None
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        tpl.save(str(out))
    except OSError as exc:
        from docgen.errors import ReportError

        raise ReportError(f"{out}: rapporten kan ikke gemmes ({exc.strerror or exc})") from None
    return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
