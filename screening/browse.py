"""Browse the store read-only in a web browser with Datasette (an optional extra).

Datasette runs as a child process (`screening.browse_server`) on 127.0.0.1 with Danish titles,
column labels, facets and canned queries from `data/datasette_metadata.json`. It reads the live
store through a read-only connection, so every page shows the store as committed at that moment:
a case removed with `afdaek forget` is gone from the next page (no stale copy keeps it).

Arbitrary SQL, downloads and exports (the whole file, CSV, streamed JSON, blobs), the debug
pages under `/-/` and the `meta` table holding the pseudonym salt are refused by `guard`, an
ASGI wrapper in front of Datasette, which also answers only requests addressed to 127.0.0.1 or
localhost (a page on another site cannot reach it through DNS rebinding). The parent stops the
child when it is stopped itself (Ctrl-C, SIGTERM, SIGHUP); on Linux the child also dies with
the parent if that is killed outright.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

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
    "allow_csv_stream": "off",  # no export of every document text in one response
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


def command(db_path: Path, port: int, metadata_path: Path, *, open_browser: bool = False) -> list[str]:
    """The command line of the Datasette child for a store (read-only, local only, guarded)."""
    cmd = [
        sys.executable,
        "-m",
        "screening.browse_server",
        str(os.getpid()),
        str(db_path),
        "--host",
        HOST,
        "--port",
        str(port),
        "--metadata",
        str(metadata_path),
    ]
    for name, value in SETTINGS.items():
        cmd += ["--setting", name, value]
    if open_browser:
        cmd.append("--open")
    return cmd


# --------------------------------------------------------------------------- the guard

STATIC = ("static", "static-plugins")  # the only pages under /-/ a page needs (CSS, JS)
HIDDEN_DATABASES = ("_internal", "_memory")
SECRET_TABLES = ("meta",)  # holds the pseudonym salt
REFUSED_ARGS = ("sql", "_where", "_stream", "_dl", "_blob_column", "_blob_hash")
Refusal = tuple[int, str]


def refusal(scope: dict[str, Any]) -> Refusal | None:
    """Why an HTTP request to the browse server is refused (status, Danish text), or None."""
    port = (scope.get("server") or (None, None))[1]
    hosts = [v.decode("latin-1").lower() for k, v in scope.get("headers") or [] if k.lower() == b"host"]
    allowed = {f"127.0.0.1:{port}", f"localhost:{port}"} | (
        {"127.0.0.1", "localhost"} if port == 80 else set()
    )
    if len(hosts) != 1 or hosts[0] not in allowed:
        return 400, (f"afdaek browse svarer kun på http://127.0.0.1:{port}/ og http://localhost:{port}/")
    if scope.get("method", "GET") not in ("GET", "HEAD"):
        return 405, "afdaek browse kan kun vise databasen, ikke ændre den"
    raw = scope.get("raw_path") or scope.get("path", "").encode()
    for path in {raw.decode("latin-1"), unquote(scope.get("path", ""))}:
        parts = path.split("/")
        if len(parts) > 1 and parts[1] == "-":
            if len(parts) < 4 or parts[2] not in STATIC:
                return 404, "siden findes ikke i afdaek browse"
            continue
        if path == "/favicon.ico":
            continue
        if len(parts) > 1 and parts[1].split(".")[0] in HIDDEN_DATABASES:
            return 404, "siden findes ikke i afdaek browse"
        if len(parts) > 2 and parts[2].split(".")[0] in SECRET_TABLES:
            return 403, "tabellen er ikke tilgængelig"
        last = parts[-1]
        if "." in last and last.rsplit(".", 1)[1] != "json":
            return 403, "download og eksport er slået fra i afdaek browse"
    args = parse_qsl((scope.get("query_string") or b"").decode("latin-1"), keep_blank_values=True)
    for name, value in args:
        if name in REFUSED_ARGS or (name == "_format" and value != "json"):
            return 403, "fri SQL, download og eksport er slået fra i afdaek browse"
    return None


ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


def guard(app: ASGIApp) -> ASGIApp:
    """ASGI middleware in front of Datasette: refuses what `refusal` refuses, in Danish."""

    async def guarded(scope, receive, send):
        refused = refusal(scope) if scope.get("type") == "http" else None
        if refused is None:
            await app(scope, receive, send)
            return
        status, text = refused
        body = (text + "\n").encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return guarded


# --------------------------------------------------------------------------- the server


def _check_store(db: Path) -> None:
    """The file is an afdaek store (read without writing anything)."""
    import sqlite_utils

    from store.db import read_only_reason
    from store.migrations import MIGRATIONS, migration_state

    try:
        conn = sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            pending, _unknown = migration_state(sqlite_utils.Database(conn))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        reason = read_only_reason(db)
        if reason and isinstance(exc, sqlite3.OperationalError):  # no -shm can be made there
            raise ScreeningError(
                f"{db}: {reason}, så Datasette kan ikke læse den; kopiér "
                "databasen til en mappe, du kan skrive i"
            ) from exc
        raise ScreeningError(f"{db}: filen er ikke en afdaek-database eller er beskadiget ({exc})") from exc
    if len(pending) == len(MIGRATIONS):
        raise ScreeningError(f"{db}: filen er ikke en afdaek-database")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def serve(
    db_path: str | Path,
    port: int = 8001,
    *,
    open_browser: bool = False,
    wait: bool = False,
    say: Callable[[str], None] | None = None,
) -> subprocess.Popen | None:
    """Start Datasette on 127.0.0.1:port with the store read-only; say, when given, is told
    the address once the server runs.

    Returns the running server process (stop it with terminate()); with wait=True, serves
    until it is stopped (Ctrl-C, SIGTERM, SIGHUP), stops the child and returns None. Raises
    ScreeningError in Danish when the store does not exist, Datasette is missing, the port is
    taken or the server stops by itself with an error.
    """
    from store.db import NO_STORE

    db = Path(db_path)
    if not db.is_file():
        raise ScreeningError(f"{db}: {NO_STORE}")
    if not datasette_available():
        raise ScreeningError(f"Datasette er ikke installeret; {INSTALL_HINT}")
    _check_store(db)
    if not _port_free(port):
        raise ScreeningError(
            f"porten {port} på {HOST} er optaget (kører afdaek browse allerede?); vælg en anden med --port"
        )
    folder = Path(tempfile.mkdtemp(prefix="afdaek-browse-"))
    meta_path = folder / "metadata.json"
    meta_path.write_text(json.dumps(metadata(db.stem), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.Popen(command(db, port, meta_path, open_browser=open_browser))
    weakref.finalize(proc, shutil.rmtree, folder, True)
    if say is not None:
        say(f"Viser {db} skrivebeskyttet på {url(port)} – stop med Ctrl-C")
    if not wait:
        return proc
    serve_until_stopped(proc)
    return None


class _Stopped(Exception):
    """The parent was asked to stop (SIGTERM, SIGHUP)."""


def serve_until_stopped(proc: subprocess.Popen) -> None:
    """Wait for the Datasette child; stop it when this process is stopped (Ctrl-C, SIGTERM,
    SIGHUP). Raises ScreeningError when the child stops by itself with an error."""
    code = _wait(proc)
    if code:
        raise ScreeningError(f"Datasette stoppede med fejlkode {code}")


def _wait(proc: subprocess.Popen) -> int:
    """The child's exit code, or 0 when it was stopped from here."""

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = {
        sig: signal.signal(sig, stop)
        for sig in (getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
    }
    try:
        return proc.wait()
    except (KeyboardInterrupt, _Stopped):
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stop_server(proc)


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the Datasette child: politely, then by force."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def url(port: int, path: str = "/") -> str:
    """The address of a page on a local server."""
    return f"http://{HOST}:{port}{path}"
