"""The reports afdaek writes: context builder + template → .docx (and optionally PDF).

`REPORTS` maps a report name to its context builder and template. `write_reports` renders one
report by name (one of REPORTS, the recommendations report or the slides) or all of them from
the store; `write_extra_report` writes the letters and screening commands' reports
(`EXTRA_TEMPLATES`). `export_templates` copies the bundled templates out for a secretary to
restyle, `validate_templates` checks a folder of (edited) templates, `to_pdf` converts with
LibreOffice when it is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docgen import (
    context_borgermoede,
    context_drift,
    context_letters,
    context_sanktioner,
    context_screening,
)
from docgen.appendix import appendix_path, write_appendix
from docgen.errors import ReportError
from docgen.house_style import HouseStyle
from docgen.render import Problem, render, validate_template
from store import Store
from store.outputs import check_output, write_output

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_docx"


@dataclass(frozen=True)
class Report:
    """A report: its name, Danish title, template file and context builder."""

    name: str
    title: str
    template: str
    build_context: Callable[..., dict[str, Any]]
    appendix: Callable[..., list[dict[str, Any]]] | None = None
    """The sheets of the Excel appendix written beside the report (docgen.appendix), if any."""


REPORTS: dict[str, Report] = {
    "drift": Report(
        "drift",
        "Drift af beskæftigelsestilbud",
        "rapport_drift.docx",
        context_drift.build_context,
        context_drift.appendix_sheets,
    ),
    "sanktioner": Report(
        "sanktioner", "Sanktioner i jobcentret", "rapport_sanktioner.docx", context_sanktioner.build_context
    ),
    "borgermoede": Report(
        "borgermoede",
        "Borgernes møde med jobcentret",
        "rapport_borgermoede.docx",
        context_borgermoede.build_context,
    ),
}
"""The three reports of `afdaek report`."""

EXTRA_TEMPLATES: dict[str, Callable[[Any, date], dict[str, Any]]] = {
    "breve.docx": context_letters.build_context,
    "screening.docx": context_screening.build_context,
}
"""The reports outside `afdaek report`, by template, with their context builders: the letters
batch report (`letters check --format docx`, from the checked letters' JSON) and the screening
summary (`screen summary --format docx`, from the store)."""
ALL_TEMPLATES = tuple(r.template for r in REPORTS.values()) + tuple(EXTRA_TEMPLATES)
"""The templates whose variables docgen knows (others are checked for syntax only)."""

SAMPLE_PROVIDERS: dict[str, Callable[[], dict[str, Any]]] = {}
"""Extra templates' sample contexts by file name, for templates rendered outside docgen's
three reports (e.g. the recommendations status report): `name -> function returning the
context built on empty data`."""


def bundled_templates() -> list[Path]:
    """Every .docx template shipped in templates_docx/."""
    return sorted(p for p in TEMPLATES_DIR.glob("*.docx") if not p.name.startswith("~$"))


def templates_json(paths: list[Path]) -> list[dict[str, str]]:
    """The templates as `afdaek templates list --format json` prints them."""
    return [{"name": p.name, "path": str(p)} for p in paths]


def template_path(name: str, templates_dir: str | Path | None = None) -> Path:
    """The template file to use: from templates_dir when it holds one, else the bundled one."""
    if templates_dir is not None:
        candidate = Path(templates_dir) / name
        if candidate.exists():
            return candidate
    return TEMPLATES_DIR / name


def _out_file(out_dir: str | Path, name: str) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out}: er en fil, ikke en mappe; angiv en mappe med --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"{out}: mappen kan ikke oprettes ({exc.strerror or exc})") from None
    return check_output(out / name)


def render_report(
    template: str | Path, context: dict[str, Any], out: str | Path, *, style: HouseStyle | None = None
) -> Path:
    """Render a Word report into out through store.outputs.write_output: a 0600 file renamed
    into place when complete, never over the store or a file afdaek did not write. With a
    house style the template is first restyled in a scratch folder (docgen.house_style)."""
    if style is None or not style.styles_word:
        return write_output(out, lambda tmp: render(template, context, tmp), suffixes=(".docx",))
    from docgen.house_style import recolour_charts, style_template

    check_output(out, suffixes=(".docx",))  # before the template is restyled
    context = recolour_charts(context, style.chart_colour)
    with tempfile.TemporaryDirectory(prefix="afdaek-stil-") as scratch:
        styled = style_template(template, style, Path(scratch) / Path(template).name)
        return write_output(out, lambda tmp: render(styled, context, tmp), suffixes=(".docx",))


def build_report_context(
    store: Store,
    name: str,
    *,
    today: date,
    period: str | None = None,
    scenarios_path: str | Path | None = None,
) -> dict[str, Any]:
    """The context of one report (for tests and `--format json` uses)."""
    report = _report(name)
    kwargs: dict[str, Any] = {"period": period}
    if scenarios_path is not None:
        kwargs["scenarios"] = Path(scenarios_path)
    return report.build_context(store, today, **kwargs)


def scenario_warnings(
    store: Store, scenarios_path: str | Path | None, period: str | None = None
) -> list[str]:
    """One Danish line for each name, section or offer in the scenario file that the reports
    do not use (unknown names, [sanktioner] values every scenario overrides, [tilbud.NAVN]
    matching no offer)."""
    if scenarios_path is None:
        return []
    from docgen.context_drift import _offers, load_scenarios, offers_in, unmatched_offer_sections
    from docgen.context_sanktioner import unused_sanction_keys

    params = load_scenarios(Path(scenarios_path))
    offers, _latest = _offers(offers_in(store, period), period)
    return [*params.warnings, *unused_sanction_keys(params), *unmatched_offer_sections(params, offers)]


def _report(name: str) -> Report:
    if name not in REPORTS:
        known = ", ".join(REPORTS)
        raise ReportError(f'ukendt rapport "{name}"; vælg en af: {known}')
    return REPORTS[name]


@dataclass
class _Run:
    """What every report of one `afdaek report` run is written with; contexts are the report
    contexts built so far, by name (the slides show the same numbers and reuse them)."""

    today: date
    templates_dir: str | Path | None = None
    period: str | None = None
    scenarios_path: str | Path | None = None
    style: HouseStyle | None = None
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)


def _write_report_files(
    store: Store, name: str, out_dir: str | Path, run: _Run
) -> tuple[Path, list[dict[str, Any]]]:
    """Render one of REPORTS into out_dir; the .docx and the sheets of its appendix."""
    report = _report(name)
    context = run.contexts.get(name)
    if context is None:
        context = build_report_context(
            store, name, today=run.today, period=run.period, scenarios_path=run.scenarios_path
        )
        run.contexts[name] = context
    out = _out_file(out_dir, report.template)
    docx = render_report(template_path(report.template, run.templates_dir), context, out, style=run.style)
    return docx, report.appendix(store, period=run.period) if report.appendix is not None else []


def write_extra_report(
    template: str,
    source: Any,
    out_path: str | Path,
    *,
    today: date,
    templates_dir: str | Path | None = None,
    style: HouseStyle | None = None,
) -> Path:
    """Render one of EXTRA_TEMPLATES from source (what its context builder takes: the checked
    letters for breve.docx, the store for screening.docx) into out_path (a folder: the
    template's name inside it)."""
    context = EXTRA_TEMPLATES[template](source, today)
    out = Path(out_path)
    if out.is_dir():
        out = out / template
    return render_report(template_path(template, templates_dir), context, out, style=style)


def export_templates(directory: str | Path) -> list[Path]:
    """Copy the bundled templates into directory (created if needed); return the copies.
    Existing files there are kept, so a secretary's edits are never overwritten."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise ReportError(f"{target}: er en fil, ikke en mappe")
    try:
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for src in bundled_templates():
            dest = target / src.name
            try:  # O_EXCL: never over an existing file, and never through a link
                fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(src.read_bytes())
            written.append(dest)
    except OSError as exc:
        raise ReportError(f"{target}: skabelonerne kan ikke skrives ({exc.strerror or exc})") from None
    return written


def sample_context(template: str) -> dict[str, Any] | None:
    """The context afdaek gives a template, built on an empty store (its keys are the
    variables provided; `templates validate` renders it once), or None for a template docgen
    does not know."""
    from store import open_store

    if template in SAMPLE_PROVIDERS:
        return SAMPLE_PROVIDERS[template]()
    if template not in ALL_TEMPLATES:
        return None

    today = date(2000, 1, 1)
    if template == "breve.docx":  # built from the letters, not the store
        return EXTRA_TEMPLATES[template]([], today)
    store = open_store(memory=True)
    try:
        if template in EXTRA_TEMPLATES:
            return EXTRA_TEMPLATES[template](store, today)
        for report in REPORTS.values():
            if report.template == template:
                return report.build_context(store, today)
    finally:
        store.close()
    return {}


def validate_templates(directory: str | Path | None = None) -> dict[str, list[Problem]]:
    """Problems per template file in directory (the bundled templates when None): Jinja
    syntax errors and variables afdaek does not provide, in Danish with the line."""
    folder = Path(directory) if directory is not None else TEMPLATES_DIR
    if not folder.is_dir():
        raise ReportError(f"{folder}: mappen findes ikke")
    out: dict[str, list[Problem]] = {}
    for path in sorted(folder.glob("*.docx")):
        if path.name.startswith("~$"):  # Word's lock file while the template is open
            continue
        sample = sample_context(path.name)
        out[path.name] = validate_template(path, None if sample is None else set(sample), sample)
    return out


PDF_HINT = (
    "LibreOffice er ikke installeret, så der kan ikke laves PDF; installer det med "
    "'apt-get install libreoffice-writer' (eller 'make pdf-tools')"
)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(exe: str, src: Path, outdir: Path, work: str, timeout: int) -> Path:
    """One LibreOffice headless conversion of src to a PDF in outdir."""
    made = outdir / (src.stem + ".pdf")
    cmd = [
        exe,
        f"-env:UserInstallation=file://{work}/profil",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(src),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ReportError(f"{src.name}: LibreOffice svarede ikke inden {timeout} sekunder") from None
    if proc.returncode != 0 or not made.exists():
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        raise ReportError(
            f"{src.name}: LibreOffice kunne ikke lave PDF" + (f" ({detail[-1][:120]})" if detail else "")
        )
    return made


def to_pdf(docx_path: str | Path, timeout: int = 180) -> Path:
    """Convert a .docx to PDF next to it with LibreOffice headless; return the PDF path.

    A document with a table of contents is converted twice: the pages the headings landed on
    in the first PDF are written into the contents of the .docx (docgen.toc), which is saved
    back in place, and the second PDF carries them."""
    from docgen.toc import fill_toc, pdf_pages

    src = Path(docx_path)
    exe = _soffice()
    if exe is None:
        raise ReportError(PDF_HINT)
    if not src.exists():
        raise ReportError(f"{src}: filen findes ikke")
    pdf = check_output(src.with_suffix(".pdf"))
    with tempfile.TemporaryDirectory(prefix="lo-") as work:
        copy = Path(work) / "src" / src.name
        copy.parent.mkdir()
        shutil.copyfile(src, copy)
        made = _convert(exe, copy, Path(work) / "pdf", work, timeout)
        pages = pdf_pages(made)
        if pages and fill_toc(copy, pages):
            made = _convert(exe, copy, Path(work) / "pdf2", work, timeout)
            write_output(src, lambda tmp: shutil.copyfile(copy, tmp))
        return write_output(pdf, lambda tmp: shutil.copyfile(made, tmp))


def _anbefalinger_sample() -> dict[str, Any]:
    """The recommendations report's context on the default set and an empty store."""
    from docgen.context_anbefalinger import build_context as build_anbefalinger
    from store import open_store
    from store import recommendations as recstore
    from textmining.domain.recommendations import load_set

    with open_store(memory=True) as store:
        recstore.load_set(store, load_set(None).as_dict())
        return build_anbefalinger(store, date(2000, 1, 1))


SAMPLE_PROVIDERS.setdefault("anbefalinger_status.docx", _anbefalinger_sample)

ALL_REPORTS = ("drift", "sanktioner", "borgermoede", "anbefalinger", "praesentation")
"""What `afdaek report all` writes, in this order."""


def _write_named(store: Store, name: str, out_dir: str | Path, run: _Run) -> list[Path]:
    """Write one report by its CLI name; its path and its Excel appendix's, when it has one."""
    docx, sheets = _write_docx(store, name, out_dir, run)
    return [docx, write_appendix(appendix_path(docx), sheets)] if sheets else [docx]


def _write_docx(store: Store, name: str, out_dir: str | Path, run: _Run) -> tuple[Path, list[dict[str, Any]]]:
    """Write one report by its CLI name; its path and the sheets of its appendix (none for the
    slides)."""
    if name in REPORTS:
        return _write_report_files(store, name, out_dir, run)
    if name == "anbefalinger":
        from docgen.context_anbefalinger import appendix_sheets
        from docgen.report_anbefalinger import TEMPLATE, write_anbefalinger

        docx = write_anbefalinger(
            store,
            _out_file(out_dir, TEMPLATE),
            today=run.today,
            templates_dir=template_path(TEMPLATE, run.templates_dir).parent,
            style=run.style,
        )
        return docx, appendix_sheets(store, run.today)
    if name == "praesentation":
        from docgen.presentation import write_presentation

        slides = write_presentation(
            store,
            _out_file(out_dir, "praesentation.pptx"),
            today=run.today,
            style=run.style,
            period=run.period,
            scenarios_path=run.scenarios_path,
            contexts=run.contexts,
        )
        return slides, []
    raise ReportError(f'ukendt rapport "{name}"; vælg en af: {", ".join(ALL_REPORTS)}')


def not_written(store: Store) -> dict[str, str]:
    """The reports `all` leaves out for this store, each with the Danish reason and what to do."""
    from store.recommendations import list_sets

    if any(s["anbefalinger"] for s in list_sets(store)):
        return {}
    return {
        "anbefalinger": "statusrapporten for anbefalingerne er ikke skrevet: der er ingen "
        "anbefalinger i databasen (indlæs dem med 'afdaek recommendations "
        "load')"
    }


# Like write_extra_report's, the signature is a declaration (`duplicates` pairs the two by shape).
def write_reports(
    store: Store,
    name: str,
    out_dir: str | Path,
    *,
    today: date,
    templates_dir: str | Path | None = None,
    period: str | None = None,
    scenarios_path: str | Path | None = None,
    style: HouseStyle | None = None,
    pdf: bool = False,
) -> tuple[list[Path], list[str]]:
    """What `afdaek report NAME` writes: one report by its CLI name, or for "all" every
    report except those not_written names (the recommendations report needs a set); with
    pdf, a PDF of each Word file too. Returns the paths written and, for "all", the Danish
    reasons of the reports left out."""
    run = _Run(today, templates_dir, period, scenarios_path, style)
    if name == "all":
        left_out = not_written(store)
        written = [p for n in ALL_REPORTS if n not in left_out for p in _write_named(store, n, out_dir, run)]
        skipped = list(left_out.values())
    else:
        written, skipped = _write_named(store, name, out_dir, run), []
    if pdf:
        written += [to_pdf(p) for p in list(written) if p.suffix == ".docx"]
    return written, skipped
