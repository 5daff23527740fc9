"""Shared helpers for the benchmarks: timing, peak memory, a generator of Danish-like text."""

from __future__ import annotations

import platform
import random
import resource
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

SUBJECTS = ["Borgeren", "Jobcentret", "Sagsbehandleren", "Udvalget", "Virksomheden", "Du"]
VERBS = [
    "deltog i",
    "aflyste",
    "mødte op til",
    "drøftede",
    "godkendte",
    "fik besked om",
    "blev indkaldt til",
    "udeblev fra",
]
OBJECTS = [
    "jobsamtalen",
    "virksomhedspraktikken",
    "et møde om aktivering",
    "budgettet for 2022",
    "en samtale om uddannelse",
    "nytteindsatsen",
    "den nye handleplan",
    "partshøringen om fradrag i kontanthjælpen",
]
TAILS = [
    "den 3. maj 2023",
    "i sidste uge",
    "efter aftale med rådgiveren",
    "kl. 10.30",
    "jf. aktivloven § 13",
    "uden at give besked",
    "med sin mentor",
    "",
]


def danish_text(rng: random.Random, words: int) -> str:
    """Paragraphs of plausible Danish case-note sentences, about `words` words long."""
    out: list[str] = []
    count = 0
    while count < words:
        s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        s = s.strip() + "."
        out.append(s)
        count += len(s.split())
        if rng.random() < 0.15:
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    Read from /proc/self/status (VmHWM) where it exists: ru_maxrss survives exec, so a child
    started from a big parent would report the parent's peak.
    """
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    import os

    return (
        f"{platform.machine()}, {os.cpu_count()} kerner, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


@contextmanager
def one_core():
    """Pin this process to one core where the OS allows it (the goals are per core)."""
    import os

    old = None
    if hasattr(os, "sched_getaffinity"):
        old = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(old)})
    try:
        yield
    finally:
        if old is not None:
            os.sched_setaffinity(0, old)


def fmt(x: float, decimals: int = 0) -> str:
    """Danish number format for the results file."""
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
