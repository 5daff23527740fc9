"""Opening the store: WAL, foreign keys, a busy timeout, migrations, a file only its owner reads.

A store that cannot be written (a read-only file, folder or drive, or a store from a newer
afdaek whose schema this code does not know) is opened for reading only: reading commands work,
and the first write is refused with one Danish line saying why. A write that fails on a full
disk is rolled back and said in one Danish line too (`sqlite_problem`).
"""

from __future__ import annotations

import errno
import getpass
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from store.migrations import apply_migrations, migration_state
from textmining.errors import AfdaekError

DEFAULT_DB = "afdaek.db"
NO_STORE = "databasen findes ikke; kør 'afdaek init' eller angiv --db"
"""What a reading command says about a store file that is not there."""


class StoreError(AfdaekError):
    """The store could not be opened or used. The message is shown to the user, in Danish."""


def user_name(given: str | None = None) -> str | None:
    """Who does what is recorded (a review, a status update, a decided link, a command run):
    the name given, else the login name; None where the system has none (some containers)."""
    if given:
        return given
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError or KeyError when no user name is known
        return None


def _where(path: Path | None) -> str:
    return f"{path}: " if path is not None else ""


def read_only_reason(path: Path) -> str | None:
    """Why the store file at path cannot be written (Danish), or None when it can."""
    folder = path.absolute().parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "databasen ligger på et skrivebeskyttet drev"
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return "databasefilen er skrivebeskyttet"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"mappen {folder} er skrivebeskyttet (afdaek skal kunne lægge databasens -wal- og "
            "-shm-filer ved siden af den)"
        )
    return None


def sqlite_problem(path: Path | None, exc: BaseException, read_only: str | None = None) -> StoreError | None:
    """The Danish line for an SQLite error the user's disk or file causes; None for others
    (a bug keeps its traceback). read_only is why the store was opened for reading only."""
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""  # Python 3.11+; else the message decides
    text = str(exc).lower()
    where = _where(path)
    if (
        name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))
        or "readonly database" in text
        or "unable to open database" in text
    ):
        reason = read_only or (read_only_reason(path) if path is not None else None)
        if reason:
            return read_only_error(path, reason)
        if name.startswith("SQLITE_READONLY") or "readonly database" in text:
            return StoreError(f"{where}databasen kan ikke skrives; intet er ændret")
        return StoreError(f"{where}databasen kan ikke åbnes (filen eller mappen er utilgængelig)")
    if name == "SQLITE_FULL" or "disk is full" in text:
        return StoreError(f"{where}disken er fuld; ændringen er ikke gemt – frigør plads og prøv igen")
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return StoreError(
            f"{where}databasen kunne ikke skrives eller læses (diskfejl, fx fuld "
            "disk eller en grænse for filstørrelse); ændringen er ikke gemt"
        )
    if read_only and read_only.startswith(NEWER) and isinstance(exc, sqlite3.OperationalError):
        # A query for a table or column the newer schema changed.
        return StoreError(f"{where}{read_only}; denne udgave kan ikke læse den del af databasen")
    return None


NEWER = "databasen er lavet af en nyere udgave af afdaek"


def read_only_error(path: Path | None, reason: str) -> StoreError:
    """The one line for a write refused on a store opened for reading only."""
    return StoreError(f"{_where(path)}{reason}; afdaek kan kun læse den, og intet er ændret")


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The row id an INSERT just gave (sqlite3 leaves it None only when nothing was inserted,
    which an INSERT ... VALUES never does)."""
    if cur.lastrowid is None:
        raise StoreError("databasen gav ingen række-id for en indsat række")
    return int(cur.lastrowid)


_R = TypeVar("_R")


def query_as(store: Store, record: Callable[..., _R], sql: str, params: Iterable[Any] = ()) -> list[_R]:
    """The rows of a query as records (a TypedDict or dataclass whose fields are the
    query's column names)."""
    return [record(**r) for r in store.db.query(sql, list(params))]


def db_path(path: str | Path | None = None) -> Path:
    """Where the store is: path when given (--db), else AFDAEK_DB when set, else ./afdaek.db."""
    return Path(path if path is not None else os.environ.get("AFDAEK_DB") or DEFAULT_DB)


def _create_private(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite touches it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


class Store:
    """An open afdaek store: a sqlite_utils.Database plus the queries the tool needs."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, read_only: str | None = None) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        """Why the store is open for reading only (Danish), or None when it can be written."""

    def require_writable(self) -> None:
        """Raise the Danish line saying why, when this store is open for reading only."""
        if self.read_only:
            raise read_only_error(self.path, self.read_only)

    def problem(self, exc: BaseException) -> StoreError | None:
        """The Danish line for an SQLite error on this store (see `sqlite_problem`)."""
        return sqlite_problem(self.path, exc, self.read_only)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        """Close the store; an SQLite error the disk or file caused inside the block leaves it
        as the StoreError that says so in Danish (others, bugs, keep their traceback)."""
        self.close()
        problem = self.problem(exc) if exc is not None else None
        if problem is not None:
            raise problem from exc

    def transaction(self) -> _Transaction:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception: all or nothing.

        Nested inside another transaction it is a savepoint, so a multi-step write made of
        smaller ones is still all or nothing. A failure the disk or file causes (full, read-only)
        is raised as a StoreError in Danish, after the rollback.
        """
        return _Transaction(self)

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def salt(self) -> bytes:
        """The store's secret salt for pseudonyms, created on first use in an empty store. A
        store that already holds documents or cases but no salt raises StoreError: a new salt
        would give the same people new pseudonyms, so the store says so instead."""
        value = self.meta("pseudonym_salt")
        if value is None:
            has_data = self.db.execute(
                "SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM cases)"
            ).fetchone()[0]
            if has_data:
                raise StoreError(
                    f"{self.path or 'databasen'}: databasen mangler sit salt til pseudonymerne, "
                    "så nye pseudonymer ville ikke passe til de gemte; gendan databasen fra en "
                    "sikkerhedskopi, eller indlæs alt igen i en ny database"
                )
            value = secrets.token_hex(32)
            with self.transaction():
                self.db.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('pseudonym_salt', ?)", [value]
                )
            value = self.meta("pseudonym_salt") or value
        return bytes.fromhex(value)


class _Transaction:
    """A write transaction taken up front, so concurrent writers queue instead of deadlocking."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.db.conn
        self.savepoint: str | None = None

    def __enter__(self) -> sqlite3.Connection:
        try:
            if self.conn.in_transaction:
                self.savepoint = f"afdaek_{id(self):x}"
                self.conn.execute(f"SAVEPOINT {self.savepoint}")
            else:
                self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._raise_problem(exc)
            raise
        return self.conn

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute(f"RELEASE {self.savepoint}" if self.savepoint else "COMMIT")
                return
            except sqlite3.Error as commit_error:
                exc = commit_error
        self._rollback()
        if exc is not None:
            self._raise_problem(exc)
            if exc_type is None:
                raise exc

    def _rollback(self) -> None:
        """Undo this transaction; SQLite may already have done so after a disk error."""
        try:
            if self.savepoint:
                self.conn.execute(f"ROLLBACK TO {self.savepoint}")
                self.conn.execute(f"RELEASE {self.savepoint}")
            elif self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the original error is the one to report

    def _raise_problem(self, exc: BaseException) -> None:
        problem = self.store.problem(exc)
        if problem is not None and not self.savepoint:  # the outermost one says it once
            raise problem from exc


def open_store(path: str | Path | None = None, *, create: bool = True, memory: bool = False) -> Store:
    """Open (and create, migrate) the store at path; memory=True for an in-memory store.

    A store that cannot be written, or was written by a newer afdaek, is opened for reading
    only (`Store.read_only` says why); its first write raises a StoreError in Danish.
    """
    if memory:
        db = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None))
        _configure(db)
        apply_migrations(db)
        return Store(db, None)
    p = db_path(path)
    if p.is_dir():
        raise StoreError(f"{p}: er en mappe, ikke en databasefil; angiv en fil med --db")
    if not p.exists():
        if not create:
            raise StoreError(f"{p}: {NO_STORE}")
        try:
            _create_private(p)
        except FileExistsError:
            pass
        except OSError as exc:
            reason = "disken er fuld" if exc.errno == errno.ENOSPC else read_only_reason(p) or exc.strerror
            raise StoreError(f"{p}: databasen kan ikke oprettes: {reason}") from exc
    read_only = read_only_reason(p)
    try:
        db = sqlite_utils.Database(_connect(p, read_only))
        pending, unknown = migration_state(db)
        if unknown:
            read_only = f"{NEWER} (skemaændringen {', '.join(unknown)} kendes ikke; opdatér afdaek)"
        if read_only is None:
            _configure(db)
            apply_migrations(db)
        elif pending and not unknown:
            db.conn.close()
            raise StoreError(
                f"{p}: {read_only}, og databasen er fra en ældre udgave af afdaek, "
                "så den skal opdateres, før den kan bruges"
            )
        else:
            db.execute("PRAGMA query_only = ON")
            db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        problem = sqlite_problem(p, exc, read_only)
        if problem is not None:
            raise problem from exc
        raise StoreError(f"{p}: filen er ikke en afdaek-database eller er beskadiget ({exc})") from exc
    return Store(db, p, read_only)


def _connect(p: Path, read_only: str | None) -> sqlite3.Connection:
    """A connection to the store; read-only when it cannot be written.

    In a folder or on a drive where SQLite cannot create the -shm file, a store whose -wal file
    is absent or empty is complete in its main file and is read as immutable.
    """

    def connect(target: str, uri: bool = False) -> sqlite3.Connection:
        return sqlite3.connect(target, uri=uri, timeout=30, isolation_level=None, check_same_thread=False)

    if read_only is None:
        return connect(str(p))
    conn = connect(p.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    wal = Path(f"{p}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{p}: {read_only}, og de seneste ændringer ligger i {wal.name}, som kun "
            "kan læses med skriveadgang til mappen; kopiér mappen til et skrivbart "
            "sted"
        )
    return connect(p.absolute().as_uri() + "?immutable=1", uri=True)


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
