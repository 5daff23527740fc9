"""Shared test fixtures: one Danish pipeline per session, and no test touches real data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The blank Danish pipeline with afdaek's rule components, loaded once."""
    from textmining.language.nlp import load_pipeline

    return load_pipeline(prefer_trained=False)


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """Point AFDAEK_DB at a temporary file so no test touches a real store."""
    monkeypatch.setenv("AFDAEK_DB", str(tmp_path / "afdaek.db"))
    monkeypatch.chdir(tmp_path)


def seed(number: str) -> Path:
    """The seed document with this number (e.g. "003"), or skip the test when absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds findes ikke")
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.skip(f"seed {number} findes ikke")
    return found[0]
