"""Record types that more than one store module returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateSpan:
    """How many rows there are and the first and last of their dates (ISO text as stored;
    None when no row has a date)."""

    n: int
    first: str | None
    last: str | None

    @property
    def dates(self) -> list[str | None]:
        """[first, last], as the reports' span texts take them."""
        return [self.first, self.last]
