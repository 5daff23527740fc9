"""Write the status report on the recommendations (anbefalinger_status.docx)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from docgen.context_anbefalinger import build_context
from store import Store

TEMPLATE = "anbefalinger_status.docx"


def template_path(templates_dir: str | Path | None = None) -> Path:
    """The template: from templates_dir when given, else the bundled templates_docx/."""
    if templates_dir is not None and (Path(templates_dir) / TEMPLATE).exists():
        return Path(templates_dir) / TEMPLATE
    return Path(__file__).resolve().parent.parent / "templates_docx" / TEMPLATE


def write_anbefalinger(
    store: Store,
    out_path: str | Path,
    *,
    today: date,
    templates_dir: str | Path | None = None,
    style: Any = None,
) -> Path:
    """Render the status report for the store's recommendations on today into out_path (in
    the house style when given, a docgen.house_style.HouseStyle)."""
    from docgen.reports import render_report

    return render_report(template_path(templates_dir), build_context(store, today), out_path, style=style)
