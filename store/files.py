"""Files written from the store: created readable by their owner only, and put in place whole.

Everything afdaek writes from the store (reports, exports) holds case data, so it is created
with mode 0600 from the first byte (never chmod'ed afterwards), and it is written to a
temporary file beside the target that is renamed over the target only when complete: a crash
or `kill -9` half-way leaves the previous file as it was, never a broken one in its place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

PRIVATE_MODE = 0o600


def create_private(path: str | Path, *, exclusive: bool = True) -> int:
    """Open a new file for writing with mode 0600 and return its descriptor. With
    exclusive=True an existing file is an error (FileExistsError), so nothing is clobbered."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), PRIVATE_MODE)


def temp_path_for(path: Path) -> Path:
    """A fresh hidden name beside path for writing it atomically."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path` (already created, mode 0600) to write the file to;
    when the block ends without an exception it is renamed over `path`, otherwise removed.

        with atomic_output(out) as tmp:
            document.save(str(tmp))
    """
    target = Path(path)
    tmp = temp_path_for(target)
    os.close(create_private(tmp))
    try:
        yield tmp
        with open(tmp, "rb+") as fh:  # the bytes are on disk before the name points at them
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
