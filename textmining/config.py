"""afdaek.toml beside the database: the sections the readers use.

    [kolonner.benchmark]          # column names the vocabulary (data/kolonner.toml) lacks
    faktisk = "Antal fuldtidspersoner, faktisk"

    [survey]                      # the SurveyXact variables to use
    gruppe = "s_1"
    tilfredshed = "s_7"

The klarsprog sections ([regler], [graenser], [hvidliste]) are read by
textmining.domain.plainlanguage.load_config. The file is decoded like any text file
(textmining.readers.sources.decode_text).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmining.errors import InputError
from textmining.readers.guards import path_text, read_input

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
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


def read_toml(path: str | Path) -> dict[str, Any]:
    """A TOML file as a dict; InputError (one Danish line) when it cannot be read."""
    from textmining.readers.sources import decode_text

    where = path_text(path)
    text, _encoding = decode_text(read_input(path, where), where)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"ugyldig TOML ({exc})") from None


def bundled_toml(path: Path) -> dict[str, Any]:
    """A TOML data file that ships with afdaek (UTF-8, checked by the tests, so read as is)."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def load_project_config(path: str | Path | None) -> ProjectConfig:
    """The readers' part of afdaek.toml; no path gives an empty config."""
    if path is None:
        return ProjectConfig()
    from textmining.readers.tables import check_column_names

    where = path_text(path)
    data = read_toml(path)
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
