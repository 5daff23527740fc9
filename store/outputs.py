"""Files afdaek writes from the store (reports, slides, review sheets, the demo's folder).

- Whole and private: a file is written to a temporary file beside it, created 0600 (owner
  only, like the store), and renamed into place when it is complete. A crash never leaves half
  a file where the last good one was, and no other user can read it meanwhile.
- Never over someone else's file: an existing file is replaced only when afdaek wrote it and it
  has not changed since. Each folder afdaek writes into keeps `.afdaek-filer.json` with the
  names and SHA-256 of the files it wrote there. The store, a user's own document, a report
  edited in Word and a review sheet with decisions filled in are refused with one Danish line.
- The demo starts afresh only in a folder it made itself (`prepare_demo_folder`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from store.db import StoreError

MANIFEST = ".afdaek-filer.json"
"""The file in each output folder that lists what afdaek wrote there."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_STORE_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputError(StoreError):
    """A file cannot be written where asked. The message is shown to the user, in Danish."""


def check_output(path: str | Path, *, suffixes: Iterable[str] | None = None) -> Path:
    """Raise OutputError unless afdaek may write path: the right file ending (when suffixes
    are given), not a link, a folder or a database, and either new or written by afdaek and
    unchanged since."""
    path = Path(path)
    wanted = tuple(suffixes or ())
    if wanted and path.suffix.lower() not in wanted:
        ending = " eller ".join(wanted)
        raise OutputError(f"{path}: filen skal have endelsen {ending}; vælg et andet filnavn")
    if path.is_symlink():
        raise OutputError(
            f"{path}: er en genvej (symbolsk link); afdaek skriver ikke gennem genveje – angiv selve filen"
        )
    if not path.exists():
        return path
    if path.is_dir():
        raise OutputError(f"{path}: er en mappe, ikke en fil")
    if _is_store(path):
        raise OutputError(
            f"{path}: er en database (måske afdaek's egen); afdaek skriver ikke "
            "oven i den – vælg et andet filnavn"
        )
    if not written_by_afdaek(path):
        raise OutputError(
            f"{path}: filen findes allerede og er ikke skrevet af afdaek, eller den "
            "er ændret siden; afdaek overskriver den ikke – flyt eller omdøb den, "
            "eller vælg et andet filnavn"
        )
    return path


def write_output(
    path: str | Path, write: Callable[[Path], object], *, suffixes: Iterable[str] | None = None
) -> Path:
    """Write path through write(temporary path): checked by `check_output`, created 0600 beside
    it, renamed into place when write returns and recorded as afdaek's. Returns path."""
    path = check_output(path, suffixes=suffixes)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent
        )  # mode 0600, never an existing file
    except OSError as exc:
        raise OutputError(f"{path}: filen kan ikke skrives ({_os_text(exc)})") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: filen kan ikke skrives ({_os_text(exc)})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    record_output(path)
    return path


def record_output(path: str | Path) -> None:
    """Note in the folder's manifest that afdaek wrote path as it is now."""
    path = Path(path)
    files = _manifest(path.parent)
    files.setdefault("files", {})[path.name] = _sha256(path)
    _write_manifest(path.parent, files)


def written_by_afdaek(path: str | Path) -> bool:
    """True when path is listed in its folder's manifest with its present content."""
    path = Path(path)
    recorded = _manifest(path.parent).get("files", {}).get(path.name)
    return bool(recorded) and recorded == _sha256(path)


# --------------------------------------------------------------------------- the demo folder


def prepare_demo_folder(folder: str | Path) -> Path:
    """Make folder ready for a fresh demo and return its store's path.

    A new or empty folder is marked as the demo's; a marked folder loses its old demo store.
    Any other folder (one with a real afdaek.db, say) is refused: the demo never removes a
    store or a folder it did not make."""
    folder = Path(folder)
    db = folder / "afdaek.db"
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: er en fil, ikke en mappe; angiv en mappe med --out")
    if folder.is_dir() and any(folder.iterdir()):
        if not _manifest(folder).get("demo"):
            raise OutputError(
                f"{folder}: mappen er ikke tom og er ikke lavet af 'afdaek demo'; demoen "
                "skriver kun i en ny eller tom mappe – angiv en anden mappe med --out"
            )
        if db.exists() and not is_demo_store(db):
            raise OutputError(
                f"{db}: er ikke demoens database; demoen sletter den ikke – angiv en anden mappe med --out"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix in ("", *_STORE_SUFFIXES):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: mappen kan ikke bruges ({_os_text(exc)})") from None
    manifest = _manifest(folder)
    manifest["demo"] = True
    _write_manifest(folder, manifest)
    return db


DEMO_META = "demo"
"""The meta key the demo sets in its store, so it knows the store is its own."""


def is_demo_store(db: str | Path) -> bool:
    """True when db is a store the demo made (its meta table says so)."""
    try:
        conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", [DEMO_META]).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == "1")


# --------------------------------------------------------------------------- helpers


def _is_store(path: Path) -> bool:
    """A SQLite database, or a journal file beside one."""
    with contextlib.suppress(OSError):
        with open(path, "rb") as fh:
            if fh.read(16) == _SQLITE_MAGIC:
                return True
    name = str(path)
    for suffix in _STORE_SUFFIXES:
        if name.endswith(suffix) and Path(name[: -len(suffix)]).is_file():
            return True
    return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("files", {}), dict) else {}


def _write_manifest(folder: Path, data: dict) -> None:
    """Replace the manifest whole (a temporary 0600 file renamed into place)."""
    text = json.dumps({"skrevet_af": "afdaek", **data}, ensure_ascii=False, indent=1)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{MANIFEST}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, folder / MANIFEST)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
        raise OutputError(f"{folder / MANIFEST}: kan ikke skrives ({_os_text(exc)})") from None


_OS_TEXT = {
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "diskkvoten er brugt op",
    errno.EACCES: "adgang nægtet",
    errno.EPERM: "adgang nægtet",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOENT: "mappen findes ikke",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
}


def _os_text(exc: OSError) -> str:
    return _OS_TEXT.get(exc.errno or 0, exc.strerror or str(exc))
