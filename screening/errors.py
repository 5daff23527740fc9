"""Errors raised by screening, shown to the user as one Danish line."""

from __future__ import annotations


class ScreeningError(Exception):
    """A screening step cannot be done as asked. The message is shown to the user, in Danish."""
