"""The one base of afdaek's user-facing errors, and the errors raised by textmining.

Every package's error that a user should see as one Danish line derives from AfdaekError
(textmining's InputError, store's StoreError, screening's ScreeningError, docgen's
DocgenError); the CLI catches AfdaekError at its one boundary.
"""

from __future__ import annotations


class AfdaekError(Exception):
    """A problem the user must act on; the message is one Danish line."""


class InputError(AfdaekError):
    """A file could not be read or understood. The message is shown to the user, in Danish."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
