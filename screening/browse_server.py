"""The Datasette child of `afdaek browse`: `python -m screening.browse_server PARENT_PID ARGS`.

ARGS are `datasette serve` arguments. The child registers this module as a Datasette plugin
whose ASGI wrapper is `screening.browse.guard`, and on Linux asks to be sent SIGTERM when its
parent dies, so a killed `afdaek browse` never leaves a server behind. Imports Datasette, so
only the child imports this module.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from datasette import hookimpl

from screening.browse import guard

PR_SET_PDEATHSIG = 1  # linux/prctl.h


@hookimpl
def asgi_wrapper(datasette):  # noqa: ARG001 - the hook's signature
    return guard


def _die_with_parent(parent: int) -> None:
    """SIGTERM this process when the parent dies (Linux); exit if it is already gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM))
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        sys.exit(0)


def main(argv: list[str]) -> None:
    _die_with_parent(int(argv[0]))
    from datasette.cli import cli
    from datasette.plugins import pm

    import screening.browse_server as plugin  # this module under its own name, not __main__

    pm.register(plugin, name="afdaek-browse-guard")
    cli.main(["serve", *argv[1:]], prog_name="datasette")


if __name__ == "__main__":
    main(sys.argv[1:])
