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


def test_every_user_error_has_one_base():
    """The CLI catches one base class; every package's user-facing error derives from it."""
    from docgen.errors import DocgenError, ReportError, TemplateError
    from screening.errors import ScreeningError
    from store import StoreError
    from store.outputs import OutputError
    from textmining.errors import AfdaekError, InputError
    from textmining.readers.tables import TableError

    for error in (
        DocgenError,
        ReportError,
        TemplateError,
        ScreeningError,
        StoreError,
        OutputError,
        InputError,
        TableError,
    ):
        assert issubclass(error, AfdaekError), error
