"""`afdaek --help` start-up time: the CLI must answer at once (spaCy is imported lazily)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import fmt

ROOT = Path(__file__).resolve().parent.parent


def run() -> list[str]:
    exe = Path(sys.executable).parent / "afdaek"
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "cli", "--help"]
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    return [
        "## Opstart",
        "",
        f"`afdaek --help`: median {fmt(med * 1000)} ms over 7 kørsler "
        f"(mål: langt under 1 s → {'opfyldt' if med < 0.5 else 'IKKE opfyldt'}).",
        "",
    ]
