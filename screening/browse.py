"""Browse the store read-only in a web browser with Datasette (an optional extra).

Datasette serves the SQLite file immutable (read-only, no locks) on 127.0.0.1 with Danish titles,
column labels, facets and canned queries from `data/datasette_metadata.json`. Arbitrary SQL, the
download of the whole file and the table holding the pseudonym salt are switched off, so the
browser shows what the tables and canned queries show and nothing more.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import weakref
from functools import cache
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError

METADATA_FILE = Path(__file__).resolve().parent / "data" / "datasette_metadata.json"
HOST = "127.0.0.1"
INSTALL_HINT = "installér med: pip install 'afdaek[browse]' eller make browse"
SETTINGS = {
    "allow_download": "off",  # the whole file holds the pseudonym salt
    "default_page_size": "50",
    "truncate_cells_html": "300",
    "sql_time_limit_ms": "5000",
    "suggest_facets": "off",
}


@cache
def _metadata_template() -> dict[str, Any]:
    return json.loads(METADATA_FILE.read_text(encoding="utf-8"))


def metadata(database: str = "afdaek") -> dict[str, Any]:
    """Datasette metadata for a store served under this database name (the file's stem)."""
    data = copy.deepcopy(_metadata_template())
    data["databases"] = {database: data.pop("database")}
    return data


def datasette_available() -> bool:
    """True when the optional Datasette extra is installed."""
    return importlib.util.find_spec("datasette") is not None


def command(db_path: Path, port: int, metadata_path: Path, *, open_browser: bool = False
            ) -> list[str]:
    """The `datasette serve` command line for a store (read-only, local only)."""
    cmd = [sys.executable, "-m", "datasette", "serve", "--immutable", str(db_path),
           "--host", HOST, "--port", str(port), "--metadata", str(metadata_path)]
    for name, value in SETTINGS.items():
        cmd += ["--setting", name, value]
    if open_browser:
        cmd.append("--open")
    return cmd


def _checkpoint(db_path: Path) -> None:
    """Move committed rows from the -wal file into the database file (an immutable reader
    sees only the database file). Nothing is changed; another writer only makes it partial."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ScreeningError(
            f"{db_path}: filen er ikke en afdaek-database eller er beskadiget ({exc})") from exc


def serve(db_path: str | Path, port: int = 8001, *, open_browser: bool = False,
          wait: bool = False) -> subprocess.Popen | None:
    """Start Datasette on 127.0.0.1:port with the store read-only.

    Returns the running server process (stop it with terminate()); with wait=True, serves
    until it is stopped (Ctrl-C) and returns None. Raises ScreeningError in Danish when
    Datasette is missing or the store does not exist.
    """
    if not datasette_available():
        raise ScreeningError(f"Datasette er ikke installeret; {INSTALL_HINT}")
    db = Path(db_path)
    if not db.is_file():
        raise ScreeningError(f"{db}: databasen findes ikke; kør 'afdaek init' eller angiv --db")
    _checkpoint(db)
    folder = Path(tempfile.mkdtemp(prefix="afdaek-browse-"))
    meta_path = folder / "metadata.json"
    meta_path.write_text(json.dumps(metadata(db.stem), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.Popen(command(db, port, meta_path, open_browser=open_browser))
    weakref.finalize(proc, shutil.rmtree, folder, True)
    if not wait:
        return proc
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)
    return None


def url(port: int, path: str = "/") -> str:
    """The address of a page on a local server."""
    return f"http://{HOST}:{port}{path}"
