"""textmining.config as the one TOML reader: the Danish line a user sees for a file that is not
TOML, through every reader that takes a user's file, and no other module parsing TOML itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from tests.conftest import ROOT
from textmining.config import TomlError, bundled_toml, load_toml, parse_toml
from textmining.errors import AfdaekError, InputError


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[regler\nfra = 1", "ugyldig TOML i linje 1, kolonne 8: sektionens navn mangler ']'"),
        (
            "[s]\nx = \n",
            "ugyldig TOML i linje 2, kolonne 5: værdien mangler eller kan ikke læses "
            "(tekst skal stå i anførselstegn)",
        ),
        (
            'borger = "Mette Lund\n',
            "ugyldig TOML i linje 1, kolonne 21: en tekst mangler sit afsluttende anførselstegn",
        ),
        ("a = 1\na = 2\n", "ugyldig TOML i linje 2, kolonne 6: et navn eller en sektion står to gange"),
        ("a b = 1\n", "ugyldig TOML i linje 1, kolonne 3: der mangler '=' efter navnet"),
        ("a = 1 b\n", "ugyldig TOML i linje 1, kolonne 7: der står mere på linjen efter værdien"),
        ("x = {a = 1\n", "ugyldig TOML i linje 1, kolonne 11: en tabel mangler '}'"),
        (
            "a = [1,\n",
            "ugyldig TOML ved filens slutning: værdien mangler eller kan ikke læses "
            "(tekst skal stå i anførselstegn)",
        ),
        ("= 1\n", "ugyldig TOML i linje 1, kolonne 1: linjen er hverken [sektion] eller navn = værdi"),
    ],
)
def test_the_danish_line_names_file_line_and_problem(text, problem):
    with pytest.raises(TomlError) as info:
        parse_toml(text, "afdaek.toml")
    assert str(info.value) == f"afdaek.toml: {problem}"
    assert isinstance(info.value, InputError) and isinstance(info.value, AfdaekError)
    assert "line" not in str(info.value) and "Invalid" not in str(info.value)


def test_position_and_hint_are_kept():
    with pytest.raises(TomlError) as info:
        parse_toml("ok = 1\n[regler\n", "a.toml", hint='ret filen, fx [regler] fra = ["passiv"]')
    assert (info.value.path, info.value.line, info.value.column) == ("a.toml", 2, 8)
    assert str(info.value).endswith('; ret filen, fx [regler] fra = ["passiv"]')


def test_load_toml_reads_a_users_file_like_any_text_file(tmp_path):
    path = tmp_path / "saet.toml"
    path.write_bytes('\ufefftitel = "Sårbare børn"\n'.encode("utf-8"))  # with a BOM
    assert load_toml(path) == {"titel": "Sårbare børn"}
    path.write_bytes(b'titel = "S\xe5rbare b\xf8rn og unge"\n')  # cp1252, as Notepad may save it
    assert load_toml(path) == {"titel": "Sårbare børn og unge"}
    with pytest.raises(InputError) as info:
        load_toml(tmp_path / "mangler.toml")
    assert str(info.value) == f"{tmp_path / 'mangler.toml'}: filen findes ikke"


def test_a_broken_bundled_file_is_named_by_its_name(tmp_path):
    path = tmp_path / "kolonner.toml"
    path.write_text("[a\n", encoding="utf-8")
    with pytest.raises(TomlError, match=r"^kolonner\.toml: ugyldig TOML i linje 1, kolonne 3"):
        bundled_toml(path)


def test_the_cli_shows_a_broken_recommendation_set_as_one_line(tmp_path):
    bad = tmp_path / "saet.toml"
    bad.write_text('id = "x"\ntitel = \n', encoding="utf-8")
    result = CliRunner().invoke(app, ["recommendations", "load", str(bad)])
    assert result.exit_code == 1
    assert result.output == (
        f"Fejl: {bad}: ugyldig TOML i linje 2, kolonne 9: værdien mangler eller kan ikke læses "
        "(tekst skal stå i anførselstegn)\n"
    )


def _python_files() -> list[Path]:
    # (a virtual environment inside the tree, as make bench builds in bench/work, is not ours)
    skip = {"__pycache__", "build", "dist", "node_modules", "site-packages"}
    return [
        p
        for p in ROOT.rglob("*.py")
        if not any(
            part.startswith(".") or part in skip or part.endswith(".egg-info")
            for part in p.relative_to(ROOT).parts
        )
    ]


def test_only_config_parses_toml():
    """Every module reads TOML through textmining.config; none imports tomllib or tomli."""
    owner = ROOT / "textmining" / "config.py"
    files = _python_files()
    assert owner in files and ROOT / "screening" / "rulebook.py" in files and len(files) > 50
    importers = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n.split(".")[0] in {"tomllib", "tomli"} for n in names):
                importers.append(str(path.relative_to(ROOT)))
    assert sorted(set(importers)) == ["textmining/config.py"]
