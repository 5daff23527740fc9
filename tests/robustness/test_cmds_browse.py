"""`afdaek browse` as an attacker and an impatient user meet it: a page on another site (DNS
rebinding), exports of document texts, debug pages, the salt, a taken port, a case forgotten
while the browser is open, and a parent stopped by a signal.

The guard is tested on its own (fast); the server tests start real Datasette children through
the CLI and are marked slow.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from screening.browse import datasette_available, guard, refusal

AFDAEK = str(Path(sys.executable).parent / "afdaek")
PORT = 8123

NOTE_S1 = """04.09.2023 – Jobsamtale
Borgeren mødte op og fortalte om sit arbejde i Lærkereden. Vi aftalte jobsøgning.
"""
NOTE_S2 = """11.09.2023 – Jobsamtale
Borgeren mødte op og fortalte om en praktik i Spurvehøj. Vi aftalte opfølgning.
"""


def _scope(
    path: str,
    host: str | None = f"127.0.0.1:{PORT}",
    *,
    query: str = "",
    method: str = "GET",
    raw: bytes | None = None,
) -> dict:
    headers = [] if host is None else [(b"host", host.encode())]
    return {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": raw or path.encode(),
        "query_string": query.encode(),
        "headers": headers,
        "server": ("127.0.0.1", PORT),
    }


# --------------------------------------------------------------------------- the guard


@pytest.mark.parametrize("host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"LOCALHOST:{PORT}"])
def test_local_host_headers_pass(host):
    assert refusal(_scope("/afdaek/cases", host)) is None


@pytest.mark.parametrize(
    "host",
    [
        f"evil.example:{PORT}",
        "evil.example",
        f"127.0.0.1:{PORT + 1}",
        f"127.0.0.1.evil.example:{PORT}",
        "",
        None,
    ],
)
def test_other_host_headers_are_refused(host):
    assert refusal(_scope("/", host)) == (
        400,
        f"afdaek browse svarer kun på http://127.0.0.1:{PORT}/ og http://localhost:{PORT}/",
    )


def test_two_host_headers_are_refused():
    scope = _scope("/")
    scope["headers"].append((b"host", b"evil.example"))
    assert refusal(scope)[0] == 400


@pytest.mark.parametrize(
    "path",
    [
        "/-/databases.json",
        "/-/databases",
        "/-/messages",
        "/-/actor.json",
        "/-/threads",
        "/-/threads.json",
        "/-/plugins.json",
        "/-/versions.json",
        "/-/settings.json",
        "/-/config",
        "/-/metadata.json",
        "/-/permissions",
        "/-/allow-debug",
        "/-/patterns",
        "/-/auth-token",
        "/-/logout",
        "/-/static",
        "/_internal",
        "/_internal/tables.json",
        "/_memory.json",
    ],
)
def test_debug_pages_are_hidden(path):
    assert refusal(_scope(path)) == (404, "siden findes ikke i afdaek browse")


def test_debug_pages_are_hidden_when_percent_encoded():
    scope = _scope("/-/databases.json", raw=b"/%2D/databases.json")
    assert refusal(scope) == (404, "siden findes ikke i afdaek browse")


@pytest.mark.parametrize(
    "path,query",
    [
        ("/afdaek/documents.csv", ""),
        ("/afdaek/documents.json", "_stream=1"),
        ("/afdaek/documents", "_format=csv"),
        ("/afdaek/documents.json", "_dl=1"),
        ("/afdaek.db", ""),
        ("/afdaek/documents/abc.blob", "_blob_column=text"),
        ("/afdaek/documents.tsv", ""),
        ("/afdaek/mangler_pr_regel.csv", ""),
        ("/afdaek.json", "sql=select+value+from+meta"),
        ("/afdaek/findings.json", "_where=1%3D1"),
    ],
)
def test_exports_and_free_sql_are_refused(path, query):
    status, text = refusal(_scope(path, query=query))
    assert status == 403 and "slået fra i afdaek browse" in text


@pytest.mark.parametrize(
    "path",
    ["/afdaek/meta", "/afdaek/meta.json", "/afdaek/meta/pseudonym_salt", "/afdaek/meta/pseudonym_salt.json"],
)
def test_the_salt_table_is_refused(path):
    assert refusal(_scope(path)) == (403, "tabellen er ikke tilgængelig")


@pytest.mark.parametrize(
    "path,query",
    [
        ("/", ""),
        ("/afdaek", ""),
        ("/afdaek/documents", ""),
        ("/afdaek/documents.json", "_size=50"),
        ("/afdaek/haendelser_for_en_sag.json", "sag=S1&_shape=array"),
        ("/-/static/app.css", ""),
        ("/favicon.ico", ""),
        ("/afdaek/cases/S1", ""),
        ("/afdaek/findings", "_facet=rule"),
    ],
)
def test_pages_people_use_pass(path, query):
    assert refusal(_scope(path, query=query)) is None


def test_writes_are_refused():
    assert refusal(_scope("/-/messages", method="POST"))[0] == 405


def test_guard_answers_in_danish_and_passes_the_rest():
    seen = []

    async def inner(scope, receive, send):
        seen.append(scope.get("path", scope["type"]))

    async def call(scope):
        sent = []

        async def send(message):
            sent.append(message)

        await guard(inner)(scope, None, send)
        return sent

    refused = asyncio.run(call(_scope("/", "evil.example")))
    assert refused[0]["status"] == 400
    assert refused[1]["body"].decode("utf-8").startswith("afdaek browse svarer kun på")
    assert dict(refused[0]["headers"])[b"content-type"] == b"text/plain; charset=utf-8"
    assert asyncio.run(call(_scope("/afdaek"))) == [] and seen == ["/afdaek"]
    asyncio.run(call({"type": "lifespan"}))  # not HTTP: passed on untouched
    assert seen == ["/afdaek", "lifespan"]


# --------------------------------------------------------------------------- the server

needs_datasette = pytest.mark.skipif(not datasette_available(), reason="Datasette mangler")
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if host:
        request.add_header("Host", host)
    try:
        with LOCAL.open(request, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _store(root: Path) -> Path:
    sager = root / "sager"
    for case, note in (("S1", NOTE_S1), ("S2", NOTE_S2)):
        (sager / case).mkdir(parents=True)
        (sager / case / "sag.toml").write_text('ydelse = "kontanthjælp"\n', encoding="utf-8")
        (sager / case / "notater.txt").write_text(note, encoding="utf-8")
    db = root / "afdaek.db"
    result = CliRunner().invoke(app, ["--db", str(db), "screen", "run", str(sager)])
    assert result.exit_code == 0, result.output
    return db


def _log(db: Path) -> str:
    return (db.parent / "browse.log").read_text(encoding="utf-8", errors="replace")


def _start(db: Path) -> tuple[subprocess.Popen, int]:
    """`afdaek browse` as a user runs it; returns once the page answers. Its output goes to a
    file, not a pipe: a Datasette child left running would hold a pipe open for ever."""
    port = _free_port()
    with open(db.parent / "browse.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [AFDAEK, "--db", str(db), "browse", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=log
        )
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, _log(db)
        try:
            if _get(port, "/")[0] == 200:
                return proc, port
        except OSError:
            pass
        assert time.monotonic() < deadline, "afdaek browse svarede ikke inden for 60 s"
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not datasette_available():
        pytest.skip("Datasette mangler")
    db = _store(tmp_path_factory.mktemp("browse"))
    proc, port = _start(db)
    try:
        yield db, port
    finally:
        _stop(proc)


@pytest.mark.slow
def test_server_answers_only_local_host_names(served):
    _db, port = served
    status, body = _get(port, "/", host=f"evil.example:{port}")
    assert (status, body) == (
        400,
        f"afdaek browse svarer kun på http://127.0.0.1:{port}/ og http://localhost:{port}/\n",
    )
    assert _get(port, "/", host=f"localhost:{port}")[0] == 200
    assert _get(port, "/")[0] == 200


@pytest.mark.slow
def test_server_refuses_exports_and_hides_debug_pages(served):
    db, port = served
    name = db.stem
    assert _get(port, f"/{name}/documents.json?_shape=array")[0] == 200
    for path in (
        f"/{name}/documents.csv",
        f"/{name}/documents.csv?_stream=1",
        f"/{name}/documents.json?_stream=1",
        f"/{name}/documents?_format=csv",
        f"/{name}.db",
    ):
        assert _get(port, path)[0] == 403, path
    for path in (
        "/-/databases.json",
        "/-/messages",
        "/-/actor.json",
        "/-/threads.json",
        "/-/plugins.json",
        "/-/versions.json",
        "/-/settings.json",
    ):
        assert _get(port, path)[0] == 404, path
    assert _get(port, "/-/static/app.css")[0] == 200  # the pages still have their style


@pytest.mark.slow
def test_the_salt_is_not_reachable(served):
    db, port = served
    name = db.stem
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        (salt,) = conn.execute("SELECT value FROM meta WHERE key = 'pseudonym_salt'").fetchone()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert len(salt) == 64 and "meta" in tables
    paths = [
        "/",
        "/.json",
        f"/{name}",
        f"/{name}.json",
        "/-/metadata.json",
        f"/{name}.json?sql=select+value+from+meta",
        f"/{name}/meta/pseudonym_salt.json",
        f"/{name}/runs.json?_where=1=1+union+select+value+from+meta",
        f"/{name}/haendelser_for_en_sag.json?sag=x'+union+select+value+from+meta--",
    ]
    for table in tables:
        paths += [f"/{name}/{table}", f"/{name}/{table}.json?_shape=array&_size=max"]
    answered = 0
    for path in paths:
        status, body = _get(port, path)
        answered += status == 200
        assert salt not in body and salt.upper() not in body, path
    assert answered >= len(tables)  # the crawl saw the tables, not just refusals


@pytest.mark.slow
def test_a_forgotten_case_is_gone_from_the_next_page(tmp_path):
    if not datasette_available():
        pytest.skip("Datasette mangler")
    db = _store(tmp_path)
    name = db.stem
    proc, port = _start(db)
    try:

        def cases() -> list[str]:
            status, body = _get(port, f"/{name}/cases.json?_shape=array")
            assert status == 200, body
            return [c["id"] for c in json.loads(body)]

        assert cases() == ["S1", "S2"]
        forgot = CliRunner().invoke(app, ["--db", str(db), "forget", "--case", "S2", "--yes"])
        assert forgot.exit_code == 0, forgot.output
        assert cases() == ["S1"]
        status, body = _get(port, f"/{name}/documents.json?_shape=array")
        assert status == 200, body
        assert [d["case_id"] for d in json.loads(body)] == ["S1"]
        assert "Spurveh" not in body and "Lærkereden" in json.loads(body)[0]["text"]
        status, body = _get(port, f"/{name}/haendelser_for_en_sag.json?sag=S2&_shape=array")
        assert (status, json.loads(body)) == (200, [])
    finally:
        _stop(proc)


@needs_datasette
def test_a_taken_port_is_one_danish_line(tmp_path):
    db = tmp_path / "afdaek.db"
    CliRunner().invoke(app, ["--db", str(db), "init"])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["--db", str(db), "browse", "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: porten {port} på 127.0.0.1 er optaget (kører afdaek browse "
        "allerede?); vælg en anden med --port\n"
    )


def _children(pid: int) -> list[int]:
    """The processes whose parent is pid (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    """pid has exited (a zombie counts: it serves nothing)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="læser /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_stopping_the_parent_stops_the_server(tmp_path, sig):
    if not datasette_available():
        pytest.skip("Datasette mangler")
    db = tmp_path / "afdaek.db"
    CliRunner().invoke(app, ["--db", str(db), "init"])
    proc, port = _start(db)
    (child,) = _children(proc.pid)
    try:
        os.kill(proc.pid, sig)  # the parent only, as a service manager or `kill` does
        code = proc.wait(timeout=30)
        assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 0), _log(db)
        deadline = time.monotonic() + 30
        while not _gone(child):
            assert time.monotonic() < deadline, f"Datasette (pid {child}) kører stadig"
            time.sleep(0.1)
        with socket.socket() as s:  # the port is free for the next afdaek browse
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
    finally:
        _stop(proc)
        if not _gone(child):  # a server left behind (the failure tested for): end it
            os.kill(child, signal.SIGKILL)


@needs_datasette
def test_a_file_that_is_not_a_store_is_one_danish_line(tmp_path):
    notes = tmp_path / "noter.db"
    notes.write_text("Ikke en database, bare noter.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(notes), "browse", "--port", str(_free_port())])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: {notes}: filen er ikke en afdaek-database eller er beskadiget (file is not a database)\n"
    )


@needs_datasette
def test_a_store_in_a_read_only_folder_is_one_danish_line(tmp_path):
    from tests.robustness.test_cmds_store import _read_only

    db = tmp_path / "arkiv" / "afdaek.db"
    CliRunner().invoke(app, ["--db", str(db), "init"])
    with _read_only(db.parent):
        result = CliRunner().invoke(app, ["--db", str(db), "browse", "--port", str(_free_port())])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fejl: {db}: mappen {db.parent} er skrivebeskyttet (afdaek skal kunne lægge databasens "
        "-wal- og -shm-filer ved siden af den), så Datasette kan ikke læse den; kopiér databasen "
        "til en mappe, du kan skrive i\n"
    )
