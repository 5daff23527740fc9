"""Document text on the terminal: never read as rich markup, control characters made visible,
and search terms that are FTS5 syntax searched as text.

Every text here is stored first, as a user's note or file would be, and then shown by the
commands that crashed on it (a stored `[/bold]` crashed every later run).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import app
from cli_render import shown

# Rich markup, an ANSI clear-screen, a carriage return that would overwrite the line, and a
# right-to-left override that would show "fdp.exe" reversed.
NOTE = """03.04.2023 – Indkaldelse
Indkaldelse til samtale om jobsøgning den 12.04.2023 sendt i e-Boks [red]. Brevet oplyser, at \
udeblivelse uden rimelig grund medfører fradrag i hjælpen.

12.04.2023 – Udeblivelse
Borgeren [/bold] udeblev \x1b[2J\r fra \u202efdp.exe samtalen \
[link=file:///etc/passwd]uden[/link] afbud.
"""


def run(db: Path, *args: str):
    # Wide enough that no table cell wraps a marker over two lines.
    return CliRunner().invoke(app, ["--db", str(db), *args], env={"COLUMNS": "400"})


def _case(tmp_path: Path) -> Path:
    sager = tmp_path / "sager"
    (sager / "S7").mkdir(parents=True)
    (sager / "S7" / "sag.toml").write_text('ydelse = "kontanthjælp"\n', encoding="utf-8")
    (sager / "S7" / "notater.txt").write_text(NOTE, encoding="utf-8")
    return sager


def _no_terminal_control(text: str) -> None:
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text, repr(text)


def test_markup_in_a_note_is_text_in_screen_run_and_search(tmp_path):
    db = tmp_path / "a.db"
    first = run(db, "screen", "run", str(_case(tmp_path)))
    assert first.exit_code == 0, first.output
    assert "[/bold]" in first.stdout  # the evidence column shows the sentence as written
    again = run(db, "screen", "run")  # the stored text, shown by a later run
    assert again.exit_code == 0, again.output
    assert "[/bold]" in again.stdout
    found = run(db, "search", "udeblev")
    assert found.exit_code == 0, found.output
    assert "[/bold]" in found.stdout and "[red]" in found.stdout
    for result in (first, again, found):
        _no_terminal_control(result.output)


def test_control_characters_are_shown_visibly(tmp_path):
    db = tmp_path / "a.db"
    run(db, "ingest", str(_case(tmp_path)))
    found = run(db, "search", "udeblev")
    assert found.exit_code == 0, found.output
    _no_terminal_control(found.output)
    assert "␛[2J" in found.stdout  # the escape is there to see, not executed
    assert "�fdp.exe" in found.stdout


def test_a_file_name_with_control_characters_is_shown_visibly(tmp_path):
    folder = tmp_path / "breve"
    folder.mkdir()
    (folder / "tom\x1b[2J\r.txt").write_text("", encoding="utf-8")  # empty: one failure line
    result = run(tmp_path / "a.db", "ingest", str(folder))
    assert result.exit_code == 1
    _no_terminal_control(result.output)
    assert f"{folder}/tom␛[2J␍.txt: filen er tom" in result.stderr.splitlines()


def test_json_escapes_the_invisible_characters_and_keeps_the_text(tmp_path):
    db = tmp_path / "a.db"
    run(db, "ingest", str(_case(tmp_path)))
    found = run(db, "search", "udeblev", "--format", "json")
    assert found.exit_code == 0, found.output
    _no_terminal_control(found.stdout)
    assert "\\u202e" in found.stdout
    (hit,) = json.loads(found.stdout)
    assert "\u202efdp.exe" in hit["snippet"]  # the data is unchanged


def test_markup_in_a_recommendation_note_is_text(tmp_path):
    db = tmp_path / "r.db"
    assert run(db, "recommendations", "load").exit_code == 0
    upd = run(
        db,
        "recommendations",
        "update",
        "5",
        "--status",
        "i gang",
        "--dato",
        "2021-06-01",
        "--note",
        "Ny plan [/bold] for [red]partshøring\x1b[2J",
    )
    assert upd.exit_code == 0, upd.output
    listed = run(db, "recommendations", "list", "--dato", "2021-07-01")
    assert listed.exit_code == 0, listed.output
    assert "[/bold]" in listed.stdout and "[red]" in listed.stdout
    assert "forsinket" in listed.stdout  # the styled status cell is still there
    history = run(db, "recommendations", "history", "5")
    assert history.exit_code == 0 and "[/bold]" in history.stdout
    for result in (listed, history):
        _no_terminal_control(result.output)


def test_fts_syntax_in_a_search_term_is_searched_as_text(tmp_path):
    db = tmp_path / "a.db"
    run(db, "ingest", str(_case(tmp_path)))
    for terms in (
        ['"'],
        ['a"b'],
        ["*"],
        ["("],
        ["AND"],
        [":"],
        ["NEAR(", "x"],
        ["udeblev", '"'],
        ['"udeblev'],
        ["^udeblev"],
        ["udeblev*"],
        ["-udeblev"],
        ["col:udeblev"],
    ):
        result = run(db, "search", "--format", "json", "--", *terms)
        assert result.exception is None or isinstance(result.exception, SystemExit), terms
        if any(c.isalnum() for t in terms for c in t):
            assert result.exit_code == 0, (terms, result.output)
        else:
            assert (result.exit_code, result.stderr) == (
                1,
                "Fejl: søgningen er tom; skriv et eller flere ord\n",
            ), terms
    for terms in (['"udeblev"'], ["udeblev", '"'], ["(udeblev)"]):
        hits = json.loads(run(db, "search", "--format", "json", "--", *terms).stdout)
        assert [h["kind"] for h in hits], terms  # the word in quotes or brackets is found


def test_shown_is_one_character_for_one():
    text = "a\x1b[2Jb\rc\u202ed\x7f\x85e\tf\ng"
    assert shown(text) == "a␛[2Jb␍c�d␡�e\tf\ng"
    assert shown(text, one_line=True).endswith("f␤g")
    assert len(shown(text)) == len(text)  # offsets of highlighted spans stay right
