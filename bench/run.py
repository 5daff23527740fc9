"""`make bench`: run every benchmark and write bench/RESULTS.md (machine, figures, ratios)."""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

MODULES = [
    "bench.bench_startup",
    "bench.bench_ingest",
    "bench.bench_letters",
    "bench.bench_screening",
    "bench.bench_reports",
    "bench.bench_links",
    "bench.bench_minutes",
    "bench.minutes_accuracy",
]


def main() -> int:
    lines = [
        "# afdaek: benchmarks",
        "",
        f"Kørt {datetime.now():%d.%m.%Y kl. %H.%M} på {machine()}. Lav filen igen med `make bench`.",
        "",
    ]
    failures = 0
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        t0 = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            lines += module.run()
        except Exception:  # a failing benchmark is reported, the others still run
            failures += 1
            lines += [f"## {name}: FEJL", "", "```", traceback.format_exc(), "```", ""]
        print(f"  {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    out = ROOT / "bench" / "RESULTS.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"Skrev {out}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
