"""Reports: rendering time with a store of 10,000 and 100,000 screened cases.

The report queries are indexed aggregates, so the time should barely grow with the store.
Each store gets the example tables and survey, plus generated cases with 8 findings each.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.common import fmt
from store.screening import VERDICTS

ROOT = Path(__file__).resolve().parent.parent
RULES = ("V1", "I2", "R1", "A1", "P1", "T1", "F1", "F2")
YDELSER = ("kontanthjælp", "uddannelseshjælp", "sygedagpenge", "ressourceforløb")


def _fill(store, n: int) -> None:
    from screening.ingest import ingest_paths

    ex = ROOT / "examples"
    ingest_paths(store, sorted((ex / "tables").glob("*.csv")) + [ex / "letters"])
    rng = random.Random(n)
    now = "2024-01-01T00:00:00+00:00"
    with store.transaction() as conn:
        cur = conn.execute("INSERT INTO runs (command, started_at) VALUES ('bench', ?)", [now])
        run = cur.lastrowid
        conn.executemany(
            "INSERT INTO cases (id, ydelse, visitationskategori, borger, sagsbehandler, team, "
            "start, updated_at) VALUES (?,?,?,?,?,?,?,?)",
            (
                (
                    f"B{i:06d}",
                    rng.choice(YDELSER),
                    rng.choice(("jobparat", "aktivitetsparat")),
                    f"[PERSON-{i:08X}]",
                    f"SB{i % 40}",
                    f"Team {i % 5}",
                    "2023-01-01",
                    now,
                )
                for i in range(n)
            ),
        )
        conn.executemany(
            "INSERT INTO findings (run_id, case_id, rule, verdict, explanation, events, "
            "created_at) VALUES (?,?,?,?,?,?,?)",
            (
                (
                    run,
                    f"B{i:06d}",
                    rule,
                    rng.choices(VERDICTS, (5, 1, 2, 4))[0],
                    "Genereret vurdering til benchmark.",
                    "[]",
                    now,
                )
                for i in range(n)
                for rule in RULES
            ),
        )


def run() -> list[str]:
    from docgen.reports import REPORTS, write_reports
    from store import open_store

    rows = {}
    for n in (10_000, 100_000):
        with tempfile.TemporaryDirectory() as tmp:
            with open_store(Path(tmp) / "r.db") as store:
                store.set_meta("kommune", "Egebjerg")
                _fill(store, n)
                write_reports(store, "borgermoede", Path(tmp) / "warm", today=date(2024, 1, 1))[0][0]
                for name in REPORTS:
                    t0 = time.perf_counter()
                    write_reports(store, name, Path(tmp) / "out", today=date(2024, 1, 1))[0][0]
                    rows.setdefault(name, {})[n] = time.perf_counter() - t0
    lines = [
        "## Rapporter",
        "",
        "Tid for at bygge og skrive hver rapport (Word) med 10.000 og 100.000 screenede "
        "sager i databasen (8 vurderinger pr. sag) plus eksempeltabellerne.",
        "",
        "| rapport | 10.000 sager | 100.000 sager | vækst |",
        "| --- | ---: | ---: | ---: |",
    ]
    ok = True
    for name, t in rows.items():
        growth = t[100_000] / t[10_000]
        ok &= t[100_000] <= 3 and growth < 2
        lines.append(f"| {name} | {fmt(t[10_000], 2)} s | {fmt(t[100_000], 2)} s | {fmt(growth, 2)}× |")
    lines += ["", f"Mål: ≤ 3 s pr. rapport og under 2× vækst → {'opfyldt' if ok else 'IKKE opfyldt'}.", ""]
    return lines


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=1))
