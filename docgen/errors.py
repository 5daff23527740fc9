"""Errors raised by docgen. Their messages are shown to the user as one Danish line."""

from __future__ import annotations

from textmining.errors import AfdaekError


class DocgenError(AfdaekError):
    """A report could not be made; the message is shown to the user, in Danish."""


class TemplateError(DocgenError):
    """A Word template is missing, broken, has a Jinja syntax error or tries something unsafe.

    The message names the template file and, where known, the line (paragraph) in it.
    """


class ReportError(DocgenError):
    """A report could not be written or converted (unknown report, folder, PDF tools)."""


class StyleError(DocgenError):
    """A house style folder (--stil) is missing, holds macros, or a file in it is broken, too
    large or unsafe. The message names the file."""
