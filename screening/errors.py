"""Errors raised by screening, shown to the user as one Danish line."""

from __future__ import annotations

from textmining.errors import AfdaekError


class ScreeningError(AfdaekError):
    """A screening step cannot be done as asked. The message is shown to the user, in Danish."""
