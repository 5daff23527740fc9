"""The demo's workflow: the whole chain on the shipped example data, in a fresh demo folder.

`afdaek demo` calls `demo`: the example data loaded into a new demo store and screened
(`run_demo`), then every report written (docgen, the one place screening calls it: the demo
is the whole chain); the command only prints what it returns. The example data is the
package `afdaek_examples` (the repository's examples/ folder), so the demo works from an
installed package as well as from a checkout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from screening.errors import ScreeningError
from store import Store
from store.screening import MANGEL


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


@dataclass(frozen=True)
class DemoRun:
    """What the demo loaded and found, and (after `demo`) its store, letters and files."""

    inputs: list[Path]
    ingested: dict[str, dict[str, int]]
    failed: list[tuple[str, str]]
    history: int | None
    links_accepted: int
    cases: int
    cases_with_mangel: int
    scenario_file: Path | None
    db: Path | None = None
    letters: int = 0
    written: list[Path] = field(default_factory=list)


def demo(
    out: Path,
    *,
    today: date,
    examples: Path | None = None,
    style_folder: Path | None = None,
    say: Callable[[str], None] = lambda _line: None,
) -> DemoRun:
    """`afdaek demo`: the example data (the shipped ones unless examples is given) in a new
    store in out/afdaek.db, screened, and every report written to out in the house style of
    style_folder. out must be new, empty or an earlier demo's folder (store.outputs); a broken
    house style stops the demo before the folder is touched. say() gets each progress line."""
    from docgen.house_style import load_style
    from docgen.reports import scenario_warnings, write_extra_report, write_reports
    from store import open_store
    from store.letters import letter_checks
    from store.outputs import prepare_demo_folder

    src = examples or example_data()
    style = load_style(style_folder) if style_folder is not None else None
    for line in style.notes() if style else ():
        say(line)
    db = prepare_demo_folder(out)
    with open_store(db) as store:
        run = run_demo(store, src, say)
        say("Skriver rapporter …")
        for line in scenario_warnings(store, run.scenario_file):
            say(f"  {line}")
        written, _ = write_reports(
            store, "all", out, today=today, scenarios_path=run.scenario_file, style=style
        )
        written.append(
            write_extra_report("screening.docx", store, out / "screening.docx", today=today, style=style)
        )
        letters = len(letter_checks(store))
    return replace(run, db=db, letters=letters, written=written)


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
    rs.propose_links(store, link_proposer())
    accepted = 0
    for link in rs.list_links(store, status="foreslaaet"):
        if link.score >= 0.99:  # explicit references ("anbefaling 5", a recorded source)
            rs.decide_link(store, link.id, accept=True, by="demo")
            accepted += 1
    say("Screener sager …")
    results = [r.data for r in screen(store)]
    mangel = sum(1 for c in results if any(f["verdict"] == MANGEL for f in c["findings"]))
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
