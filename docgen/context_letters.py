"""Context for the letters report (work in progress)."""

from __future__ import annotations

from datetime import date
from typing import Any


def build_context(results: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """Not yet implemented."""
    return {}
