"""Foundation: PDF text extraction (pypdfium2 vs pdfplumber) and end-to-end ingest speed."""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import danish_text, fmt, one_core, peak_rss_mb, timed  # noqa: E402


def pdf_section(pages: int = 200) -> list[str]:
    import pdfplumber

    from tests.pdfmaker import make_pdf
    from textmining.readers.sources import read_document

    rng = random.Random(1)
    page_lines = []
    for _ in range(pages):
        text = danish_text(rng, 350).replace("\n\n", " ")
        words = text.split()
        page_lines.append([" ".join(words[i : i + 12]) for i in range(0, len(words), 12)][:45])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "korpus.pdf"
        path.write_bytes(make_pdf(page_lines))
        t_fast, doc = timed(lambda: read_document(path))

        def plumber() -> int:
            with pdfplumber.open(path) as pdf:
                return sum(len(p.extract_text() or "") for p in pdf.pages)

        t_slow, _ = timed(plumber)
    return [
        "## PDF-tekst",
        "",
        f"Genereret PDF med {pages} sider (ca. 350 ord pr. side).",
        "",
        "| metode | sider/s | tid |",
        "| --- | ---: | ---: |",
        f"| afdaek (pypdfium2) | {fmt(pages / t_fast)} | {fmt(t_fast, 2)} s |",
        f"| pdfplumber.extract_text | {fmt(pages / t_slow)} | {fmt(t_slow, 2)} s |",
        "",
        f"Forhold: pypdfium2 er {fmt(t_slow / t_fast, 1)} gange hurtigere. "
        f"Mål: ≥ 200 tekstsider/s → {'opfyldt' if pages / t_fast >= 200 else 'IKKE opfyldt'}.",
        "",
    ]


def ingest_section(docs: int = 300, words_per_doc: int = 600) -> list[str]:
    from screening.ingest import ingest_paths
    from store import open_store
    from textmining.language.nlp import load_pipeline

    load_pipeline()  # loading the model is not part of the measurement
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        total_words = 0
        for i in range(docs):
            text = f"Notat {i}\n\n" + danish_text(rng, words_per_doc)
            total_words += len(text.split())
            (folder / f"notat_{i:05d}.txt").write_text(text, encoding="utf-8")
        with open_store(Path(tmp) / "bench.db") as store:
            t, report = timed(lambda: ingest_paths(store, [folder]))
        failed = len(report.failed)
    wps = total_words / t
    return [
        "## Indlæsning ende til ende",
        "",
        f"{docs} tekstdokumenter, {fmt(total_words)} ord: læs, pseudonymisér, lemmatisér, "
        "gem med FTS5-indeks; én kerne.",
        "",
        "| mål | værdi |",
        "| --- | ---: |",
        f"| dokumenter/s | {fmt(docs / t, 1)} |",
        f"| ord/s | {fmt(wps)} |",
        f"| fejlede filer | {failed} |",
        f"| største hukommelsesforbrug (proces) | {fmt(peak_rss_mb())} MB |",
        "",
        f"Mål: ≥ 50.000 ord/s → {'opfyldt' if wps >= 50000 else 'IKKE opfyldt'}.",
        "",
    ]


def run() -> list[str]:
    with one_core():
        ingest = ingest_section()  # first, so its peak memory is not pdfplumber's
        return pdf_section() + ingest


if __name__ == "__main__":
    print("\n".join(run()))
