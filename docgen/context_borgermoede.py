"""Context for the borgermoede report (work in progress)."""

from __future__ import annotations

from datetime import date
from typing import Any


def build_context(store: Any, today: date, *, period: str | None = None,
                  scenarios: Any = None) -> dict[str, Any]:
    """Not yet implemented."""
    return {}
