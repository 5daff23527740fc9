"""The demo's workflow: load the shipped example data into a fresh demo store and screen it.

`afdaek demo` calls run_demo and then writes the reports (docgen); the command only prints.
The example data is the package `afdaek_examples` (the repository's examples/ folder), so the
demo works from an installed package as well as from a checkout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from screening.errors import ScreeningError
from store import Store


def example_data() -> Path:
    """The folder holding the shipped example data (minutes, letters, cases, tables …)."""
    import importlib.resources

    try:
        root = Path(str(importlib.resources.files("afdaek_examples")))
    except ModuleNotFoundError:  # a checkout without the package installed
        root = Path(__file__).resolve().parents[1] / "examples"
    if not (root / "tables").is_dir():
        raise ScreeningError(f"{root}: eksempeldata findes ikke (installér afdaek igen)")
    return root


@dataclass
class DemoRun:
    """What the demo loaded and found, for the command to print."""

    inputs: list[Path]
    ingested: dict[str, dict[str, int]]
    failed: list[tuple[str, str]]
    history: int | None
    links_accepted: int
    cases: int
    cases_with_mangel: int
    scenario_file: Path | None


def run_demo(store: Store, src: Path, say: Callable[[str], None] = lambda _line: None) -> DemoRun:
    """Load the example data from src into store (a new demo store) and screen the cases:
    the recommendations of the 2021 status note, minutes, letters, tables, cases and the
    journal export, the status history, explicit links between agenda items and
    recommendations, then the screening. say() gets a Danish progress line per step."""
    from screening.ingest import ingest_paths
    from screening.run import screen
    from store import recommendations as rs
    from store.outputs import DEMO_META
    from textmining.domain.recommendations import link_proposer, load_set, read_history
    from textmining.language.nlp import load_pipeline

    inputs = [
        p for p in (src / "minutes", src / "letters", src / "cases", src / "cases_export.csv") if p.exists()
    ]
    inputs[2:2] = sorted((src / "tables").glob("*.csv"))
    store.set_meta(DEMO_META, "1")
    store.set_meta("kommune", "Egebjerg")
    say("Indlæser anbefalingerne fra statusnotatet …")
    rs.load_set(store, load_set(None).as_dict())
    say(f"Indlæser {', '.join(p.name for p in inputs)} fra {src} …")
    report = ingest_paths(store, inputs)
    history_file = src / "anbefalinger_historik.csv"
    history = None
    if history_file.exists():
        history = rs.import_history(store, read_history(history_file), created_by="demo")["importeret"]
    rs.propose_links(store, link_proposer(load_pipeline()))
    accepted = 0
    for link in rs.list_links(store, status="foreslaaet"):
        if link.score >= 0.99:  # explicit references ("anbefaling 5", a recorded source)
            rs.decide_link(store, link.id, accept=True, by="demo")
            accepted += 1
    say("Screener sager …")
    results = [r.data for r in screen(store)]
    mangel = sum(1 for c in results if any(f["verdict"] == "mangel" for f in c["findings"]))
    scenario_file = src / "tables" / "scenarier.toml"
    return DemoRun(
        inputs=inputs,
        ingested=report.summary(),
        failed=[(str(r.local_path or r.path), r.problem or "") for r in report.failed],
        history=history,
        links_accepted=accepted,
        cases=len(results),
        cases_with_mangel=mangel,
        scenario_file=scenario_file if scenario_file.exists() else None,
    )
