"""Errors raised by textmining, shown to the user as one Danish line."""

from __future__ import annotations


class InputError(Exception):
    """A file could not be read or understood. The message is shown to the user, in Danish."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
