"""Minutes: pages per second from file to agenda items (read_document + parse_minutes), for a
FirstAgenda-like PDF export and for FirstAgenda-like web pages (HTML), generated here, and for
the real minutes in ../shared/realworld/minutes when they are there.

    .venv/bin/python bench/bench_minutes.py
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import danish_text, fmt, timed  # noqa: E402

REALWORLD = ROOT.parent / "shared" / "realworld" / "minutes"


def _pdf_pages(rng: random.Random, items: int) -> list[list[str]]:
    """An export with one item a page: header, case number, decision, sections, footer."""
    pages = []
    head = "Beskæftigelsesudvalget - Referat - 12. marts 2024"
    for n in range(1, items + 1):
        body = danish_text(rng, 300).replace("\n\n", " ").split()
        lines = [" ".join(body[i : i + 13]) for i in range(0, len(body), 13)]
        pages.append(
            [
                f"Punkt {n}: Sag nummer {n} om beskæftigelsesindsatsen",
                f"EMN-2024-{n:06d}",
                "Beslutninger",
                "Godkendt.",
                "",
                "Indstilling",
                "Forvaltningen indstiller, at sagen godkendes.",
                "Sagsfremstilling",
                *lines[:38],
                "",
                head,
                f"Side {n} af {items}",
            ]
        )
    return pages


def _html_page(rng: random.Random, items: int) -> str:
    """A Publication-like page: items as table rows, title in h2, sections as h3."""
    rows = []
    for n in range(1, items + 1):
        text = danish_text(rng, 250).replace("\n\n", "</div><div>")
        rows.append(
            f'<tr><td><span class="label">{n}</span></td><td><button role="button">'
            f"<h2>Sag nummer {n} om beskæftigelsesindsatsen</h2></button><div>"
            f'<span class="sagsnummer">EMN-2024-{n:06d}</span><div><h3></h3>'
            f"<h3>Beslutninger</h3><span><div>Godkendt.</div></span><h3>Resume</h3>"
            f"<span><div>{text}</div></span></div></div></td><td></td></tr>"
        )
    return (
        '<html><head><meta charset="utf-8"><script>var x = 1;</script></head><body>'
        '<div id="cookie-banner" role="dialog"><p>Cookies</p></div><nav><a href="/">Forside</a>'
        "</nav><h1>Referat 12. marts 2024</h1><table><tr><td>Udvalg:</td>"
        "<td>Beskæftigelsesudvalget</td></tr></table><table>"
        + "".join(rows)
        + "</table><footer>Adresse</footer></body></html>"
    )


def _rate(paths: list[Path], repeat: int = 3) -> tuple[float, int, int]:
    """Best of `repeat` runs: (seconds, pages, items) for reading and parsing every path."""
    from textmining.domain.minutes import parse_minutes
    from textmining.readers.sources import read_document

    def once() -> tuple[int, int]:
        pages = items = 0
        for path in paths:
            source = read_document(path)
            pages += source.pages
            items += len(parse_minutes(source.text).items)
        return pages, items

    best = None
    for _ in range(repeat):
        seconds, (pages, items) = timed(once)
        best = seconds if best is None else min(best, seconds)
    return best, pages, items


def run() -> list[str]:
    from tests.pdfmaker import make_pdf

    rng = random.Random(12)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "referat.pdf"
        pdf.write_bytes(make_pdf(_pdf_pages(rng, 100)))
        seconds, pages, items = _rate([pdf])
        rows.append(("PDF, FirstAgenda-lignende eksport (genereret)", pages, items, seconds))
        html_paths = []
        for i in range(50):
            path = Path(tmp) / f"referat_{i}.html"
            path.write_text(_html_page(rng, 8), encoding="utf-8")
            html_paths.append(path)
        seconds, pages, items = _rate(html_paths)
        rows.append(("HTML, Publication-lignende websider (genereret)", pages, items, seconds))
    for suffix, label in ((".pdf", "PDF, rigtige referater"), (".html", "HTML, rigtige referater")):
        real = sorted(REALWORLD.glob(f"*{suffix}")) if REALWORLD.is_dir() else []
        if real:
            seconds, pages, items = _rate(real)
            rows.append((label + f" ({len(real)} fil)", pages, items, seconds))
    lines = [
        "## Referater: sider pr. sekund",
        "",
        "Fra fil til dagsordenspunkter (`read_document` + `parse_minutes`), bedste af tre "
        "gennemløb; en webside tæller som én side. Målt med `bench/bench_minutes.py`.",
        "",
        "| dokumenter | sider | punkter | sider/s | tid |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, pages, items, seconds in rows:
        lines.append(f"| {label} | {pages} | {items} | {fmt(pages / seconds)} | {fmt(seconds, 2)} s |")
    lines.append("")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
