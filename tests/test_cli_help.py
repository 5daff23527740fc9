"""Every command has Danish help text, answers quickly, and is documented in the README."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from cli import app
from tests.conftest import ROOT


def walk(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from walk(cmd, prefix + (name,))


def test_every_command_has_danish_help():
    runner = CliRunner()
    commands = list(walk(app))
    assert len(commands) >= 6
    for path, cmd in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert cmd.help and len(cmd.help.strip()) > 10, path
        assert "Brug: afdaek" in result.output
        assert "Vis denne hjælp og afslut." in result.output
        assert "Show this message" not in result.output


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path, _cmd in walk(app):
        assert f"afdaek {' '.join(path)}" in readme, f"'afdaek {' '.join(path)}' mangler i README"


def test_help_does_not_import_spacy():
    code = "import sys, cli; cli.app(['--help'], standalone_mode=False); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip().endswith("False"), out.stdout + out.stderr


def test_unknown_command_is_danish():
    result = CliRunner().invoke(app, ["flyv"])
    assert result.exit_code == 2
    assert "Kommandoen 'flyv' findes ikke." in result.output


def test_click_s_suggestions_and_plural_messages_are_danish():
    runner = CliRunner()
    cases = [
        (["screen", "run", "--jbos", "2"], "Mente du '--jobs'?"),
        (["screen", "rules", "--format", "xml"], "er ikke en af"),
        (["init", "ekstra"], "Uventet ekstra argument (ekstra)"),
    ]
    for args, danish in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert danish in result.output, result.output
        assert "Did you mean" not in result.output and "is not one of" not in result.output


def test_reading_commands_do_not_create_a_store(tmp_path):
    db = tmp_path / "findes-ikke.db"
    for args in (
        ["search", "samtale"],
        ["minutes", "list"],
        ["screen", "summary"],
        ["recommendations", "list"],
    ):
        result = CliRunner().invoke(app, ["--db", str(db), *args])
        assert result.exit_code == 1, args
        assert result.output.strip() == (
            f"Fejl: {db}: databasen findes ikke; kør 'afdaek init' eller angiv --db"
        )
    assert not db.exists()


def _package_errors():
    """Every exception class defined in the packages (each module imported, its classes read)."""
    import importlib
    import inspect
    import pkgutil

    for package in ("textmining", "store", "screening", "docgen"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.endswith("browse_server"):  # the Datasette child, its own program
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == info.name and issubclass(cls, Exception):
                    yield cls


# Exceptions that are not shown to a user: control flow inside a package.
INTERNAL = {"screening.browse._Stopped"}


def test_every_user_error_has_one_base():
    """The CLI catches one base class; every package's user-facing error derives from it."""
    from textmining.errors import AfdaekError

    errors = {f"{cls.__module__}.{cls.__qualname__}": cls for cls in _package_errors()}
    assert {"store.db.StoreError", "docgen.errors.StyleError", "screening.errors.ScreeningError"} <= set(
        errors
    )
    assert set(errors) >= INTERNAL
    outside = [
        name for name, cls in errors.items() if name not in INTERNAL and not issubclass(cls, AfdaekError)
    ]
    assert outside == []


def test_the_boundary_catches_only_the_base():
    """cli.py catches the packages' errors in one place, by their base (no SQLite errors, no
    error of one package, no ClickException made of a package's message)."""
    import builtins
    import re

    source = (ROOT / "cli.py").read_text(encoding="utf-8")
    caught = [m.split()[0] for m in re.findall(r"except \(?([^:]+?)\)?:", source)]
    assert [name for name in caught if not hasattr(builtins, name)] == ["AfdaekError"]
    assert "sqlite3" not in source and "ClickException" not in source
