"""afdaek.toml beside the database: the sections the readers use.

    [kolonner.benchmark]          # column names the vocabulary (data/kolonner.toml) lacks
    faktisk = "Antal fuldtidspersoner, faktisk"

    [survey]                      # the SurveyXact variables to use
    gruppe = "s_1"
    tilfredshed = "s_7"

The klarsprog sections ([regler], [graenser], [hvidliste]) are read by
textmining.domain.plainlanguage.load_config. The file is decoded like any text file
(textmining.readers.sources.decode_text).

This module is also the one TOML reader of afdaek: every module reads TOML through
`parse_toml` (text from elsewhere), `load_toml` (a file a user gives) or `bundled_toml` (a data
file that ships with afdaek), and a file that is not valid TOML is one `TomlError` whose Danish
line names the file, the line and what is wrong.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmining.errors import InputError
from textmining.readers.guards import path_text, read_input

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "afdaek.toml"


def config_beside(db: str | Path, name: str = CONFIG_NAME) -> Path | None:
    """The settings file `name` in the database's folder, when there is one: the one place
    afdaek looks for afdaek.toml (column names, survey variables, letter profiles)."""
    beside = Path(db).resolve().parent / name
    return beside if beside.is_file() else None


def settings_file(given: str | Path | None, db: str | Path | None) -> Path | None:
    """The settings file a command reads: the one given (--config), else afdaek.toml beside
    the database at db (None for a store in memory: no file)."""
    if given is not None:
        return Path(given)
    return config_beside(db) if db is not None else None


@dataclass(frozen=True)
class ProjectConfig:
    """[kolonner] and [survey] of afdaek.toml (empty when there is no file)."""

    path: str | None = None
    kolonner: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    survey: dict[str, str] = field(default_factory=dict)


# What tomllib's (English) messages mean, in Danish; the first pattern that matches wins.
_TOML_REASONS: tuple[tuple[str, str], ...] = (
    (r"^Expected '\]' at the end of a table", "sektionens navn mangler ']'"),
    (r"^Expected '\]\]' at the end of an array", "navnet mangler ']]'"),
    (r"^Expected '=' after a key", "der mangler '=' efter navnet"),
    (r"^Expected newline or end of document", "der står mere på linjen efter værdien"),
    (r"^Invalid value", "værdien mangler eller kan ikke læses (tekst skal stå i anførselstegn)"),
    (
        r"^(Unterminated string|Expected \"'|Illegal character '\\n')",
        "en tekst mangler sit afsluttende anførselstegn",
    ),
    (
        r"^(Cannot overwrite|Cannot declare|Cannot redefine|Cannot mutate|Duplicate)",
        "et navn eller en sektion står to gange",
    ),
    (r"^(Invalid statement|Invalid initial character)", "linjen er hverken [sektion] eller navn = værdi"),
    (r"^Unclosed array", "en liste mangler ']'"),
    (r"^Unclosed inline table", "en tabel mangler '}'"),
    (
        r"^(Unescaped '\\'|Escaped character|Invalid hex value)",
        "en tekst har en \\, der ikke er tilladt; skriv \\\\ eller brug enkelte anførselstegn",
    ),
    (r"^Invalid date", "datoen kan ikke læses; skriv den ÅÅÅÅ-MM-DD"),
    (r"^(Illegal character|Found invalid character)", "linjen har et tegn, der ikke må stå der"),
)


class TomlError(InputError):
    """A file that is not valid TOML. The message is one Danish line naming the file, the line
    and column (None at the end of the file) and what is wrong, shown to the user."""

    def __init__(
        self, source: str, line: int | None, column: int | None, reason: str | None, hint: str | None = None
    ) -> None:
        self.line = line
        self.column = column
        self.reason = reason
        where = f"i linje {line}, kolonne {column}" if line is not None else "ved filens slutning"
        problem = f"ugyldig TOML {where}" + (f": {reason}" if reason else "")
        super().__init__(source, problem + (f"; {hint}" if hint else ""))


def _toml_error(exc: tomllib.TOMLDecodeError, source: str, hint: str | None) -> TomlError:
    message = str(exc)
    at = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    reason = next((danish for pattern, danish in _TOML_REASONS if re.search(pattern, message)), None)
    if at:
        return TomlError(source, int(at.group(1)), int(at.group(2)), reason, hint)
    return TomlError(source, None, None, reason, hint)


def parse_toml(text: str, source: str, *, hint: str | None = None) -> dict[str, Any]:
    """TOML text as a dict; TomlError naming source (the file it came from) and the line when
    it is not valid TOML. hint, when given, ends the message (what a valid file looks like)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, source, hint) from None


def load_toml(path: str | Path, *, hint: str | None = None) -> dict[str, Any]:
    """A TOML file a user gives, read like any text file (the guards of
    textmining.readers.guards, the encodings decode_text knows): InputError (one Danish line)
    when it cannot be read, TomlError when it is not valid TOML."""
    from textmining.readers.sources import decode_text

    where = path_text(path)
    text, _encoding = decode_text(read_input(path, where), where)
    return parse_toml(text, where, hint=hint)


def bundled_toml(path: Path) -> dict[str, Any]:
    """A TOML data file that ships with afdaek (UTF-8, checked by the tests, so read as is);
    named by its own file name in a TomlError."""
    return parse_toml(path.read_text(encoding="utf-8"), path.name)


def load_project_config(path: str | Path | None) -> ProjectConfig:
    """The readers' part of afdaek.toml; no path gives an empty config."""
    if path is None:
        return ProjectConfig()
    from textmining.readers.tables import check_column_names

    where = path_text(path)
    data = load_toml(path)
    kolonner = check_column_names(data.get("kolonner"), where)
    survey = data.get("survey", {})
    if not isinstance(survey, dict):
        raise InputError(where, '[survey] skal være en tabel, fx gruppe = "s_1"')
    unknown = sorted(set(survey) - {"gruppe", "tilfredshed"})
    if unknown:
        raise InputError(where, f"[survey] {unknown[0]}: ukendt nøgle; brug gruppe og tilfredshed")
    bad = [k for k, v in survey.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise InputError(where, f'[survey] {bad[0]} skal være et variabelnavn, fx "s_1"')
    return ProjectConfig(where, kolonner, {k: v.strip() for k, v in survey.items()})


def project_config(db: str | Path | None) -> ProjectConfig:
    """[kolonner] and [survey] of the afdaek.toml beside the database at db (empty without
    one, and for a store in memory)."""
    return load_project_config(settings_file(None, db))
