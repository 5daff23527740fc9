"""The sandbox every Word template runs in, and the limits it runs under.

A template is a file a secretary edits in Word, so it is untrusted code. Three layers:

1. **Plain data only.** The context a template sees is made of dicts, lists, strings, numbers,
   dates and `ImagePlaceholder`s (`plain_context`). Nothing in it leads to a Python object with
   methods that reach the file system or the store (docxtpl's `InlineImage.tpl` did: the live
   `DocxTemplate` with `save`, `write_xml`, `replace_zipname`).
2. **An allow-list sandbox.** `ReportEnvironment` lets a template read attributes of those plain
   types and of Jinja's own loop/namespace objects only, call only their non-mutating methods and
   the few globals it needs, and refuses `{% include %}`, `{% import %}` and `{% extends %}`
   when the template is parsed. Operators that build huge values (`'A' * 10**9`, `9**9**9`) are
   checked before they run.
3. **Bounded work.** `run_limited` renders in a forked child under a memory limit (RLIMIT_AS)
   and a wall-clock limit, so nested loops or a filter that inflates a string end with one Danish
   line instead of a hung or swapping machine.

Each refusal raises `TemplateError` with a Danish message; `refusal_problems` finds the same
refusals by reading the template, so `afdaek templates validate` refuses what render refuses.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from docgen.errors import TemplateError

SCALAR_TYPES: tuple[type, ...] = (str, int, float, bool, type(None), _dt.date, decimal.Decimal, Markup)
"""The single values a template context may hold (datetime is a date; Markup a str)."""

PLAIN_TYPES: tuple[type, ...] = SCALAR_TYPES + (dict, list, tuple)
"""The value types a template context may hold (besides ImagePlaceholder)."""

_JINJA_OWN: tuple[type, ...] = (LoopContext, Namespace, Cycler, Joiner)
"""Objects a template makes itself (`loop`, `namespace()`, `cycler()`, `joiner()`)."""

MAX_VALUE_LENGTH = 5_000_000
"""The longest string or list one operator may build in a template (characters or items)."""

MAX_POWER_BITS = 1_000_000
"""The largest number (in bits) `**` may build in a template."""

RENDER_SECONDS = 20.0
"""Wall-clock limit for rendering one report (the bundled reports take well under 2 s); the
environment variable AFDAEK_RENDER_SECONDS sets another limit (see render_seconds)."""

RENDER_MEMORY = 1 << 30
"""Extra address space a render may use beyond what the process already has (1 GiB)."""

REFUSED_TAGS: dict[type[nodes.Node], str] = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from ... import",
    nodes.Extends: "extends",
}


class ImagePlaceholder:
    """A chart in the template context: renders as the picture and exposes nothing else.

    The sandbox refuses every attribute of it, so a template can only place it ({{ figur }}).
    `bind` gives the renderer a function that turns the PNG into docxtpl's picture XML; the
    template never sees that function or the DocxTemplate behind it.
    """

    __slots__ = ("_png", "_width_cm", "_insert")

    def __init__(self, png: bytes | None, width_cm: float) -> None:
        self._png = png
        self._width_cm = width_cm
        self._insert: Callable[[bytes, float], str] | None = None

    def bind(self, insert: Callable[[bytes, float], str]) -> None:
        self._insert = insert

    def __html__(self) -> str:
        if not self._png or self._insert is None:
            return ""
        return self._insert(self._png, self._width_cm)

    __str__ = __html__

    def __bool__(self) -> bool:
        return bool(self._png)

    def __repr__(self) -> str:
        return "<figur>"


def plain_context(value: Any, convert: Callable[[Any], Any] | None = None) -> Any:
    """value as plain data: mappings → dict with str keys, lists/tuples → list, plain scalars
    kept, ImagePlaceholder kept; `convert` may map other objects (charts) to one of those.
    Anything else is a programming error in a context builder and raises TypeError."""
    if isinstance(value, (ImagePlaceholder, *SCALAR_TYPES)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain_context(v, convert) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_context(v, convert) for v in value]
    if convert is not None:
        converted = convert(value)
        if converted is not value:
            return plain_context(converted)
    raise TypeError(f"template context holds a {type(value).__name__}, not plain data")


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for reports: strict undefined, XML autoescape, and an allow-list sandbox."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self.globals.pop("lipsum", None)
        self._safe_globals = tuple(self.globals.values())

    # --- attributes and calls ---------------------------------------------------------------
    def getattr(self, obj: Any, attribute: str) -> Any:
        if not isinstance(obj, PLAIN_TYPES + _JINJA_OWN + (jinja2.Undefined,)):
            return self.unsafe_undefined(obj, attribute)  # a figure has no attributes at all
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if not isinstance(obj, PLAIN_TYPES + _JINJA_OWN + (jinja2.Undefined,)):
            return self.unsafe_undefined(obj, str(argument))
        return super().getitem(obj, argument)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj) is ImagePlaceholder or not isinstance(obj, PLAIN_TYPES + _JINJA_OWN):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, (Macro, LoopContext)):  # the template's own macros, recursive loops
            return True
        if any(obj is g for g in self._safe_globals):
            return True
        owner = getattr(obj, "__self__", None)  # a bound method of a plain or Jinja object
        return (
            owner is not None
            and isinstance(owner, PLAIN_TYPES + _JINJA_OWN)
            and type(owner) is not ImagePlaceholder
        )

    # --- operators that build large values ---------------------------------------------------
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if (
                isinstance(left, int | float)
                and isinstance(right, int | float)
                and abs(left) > 1
                and right > 0
                and max(abs(int(left)).bit_length(), 1) * right > MAX_POWER_BITS
            ):
                raise SecurityError("for stor potens")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(n, int)
                    and len(seq) * n > MAX_VALUE_LENGTH
                ):
                    raise SecurityError("for lang tekst")
        elif (
            operator == "+"
            and isinstance(left, str | list | tuple)
            and isinstance(right, str | list | tuple)
            and len(left) + len(right) > MAX_VALUE_LENGTH
        ):
            raise SecurityError("for lang tekst")
        return super().call_binop(context, operator, left, right)

    # --- tags that read other files ----------------------------------------------------------
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(tuple(REFUSED_TAGS)):
            raise jinja2.TemplateSyntaxError(refused_tag_message(node), node.lineno, name, filename)
        return tree


def refused_tag_message(node: nodes.Node) -> str:
    tag = REFUSED_TAGS[type(node)]
    return (
        f"{{% {tag} %}} er ikke tilladt i en rapportskabelon (den kan læse andre filer); "
        "skriv teksten direkte i skabelonen"
    )


_MUTATING = frozenset(
    {
        "append",
        "extend",
        "insert",
        "pop",
        "remove",
        "clear",
        "sort",
        "reverse",
        "update",
        "setdefault",
        "popitem",
        "add",
        "discard",
    }
)


@dataclass(frozen=True)
class Refusal:
    """Something in a template the sandbox will refuse, found by reading it."""

    line: int | None
    message: str


def refusal_problems(tree: nodes.Template) -> list[Refusal]:
    """What render would refuse, read from the parsed template: names starting with `_`
    (Python internals) and calls of methods that change data."""
    found: list[Refusal] = []
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            found.append(
                Refusal(
                    node.lineno,
                    f'skabelonen forsøger at tilgå "{node.attr}", en '
                    "Python-intern egenskab, og det er ikke tilladt",
                )
            )
    for item in tree.find_all(nodes.Getitem):
        key = item.arg
        if isinstance(key, nodes.Const) and isinstance(key.value, str) and key.value.startswith("_"):
            found.append(
                Refusal(
                    item.lineno,
                    f'skabelonen forsøger at tilgå "{key.value}", en '
                    "Python-intern egenskab, og det er ikke tilladt",
                )
            )
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Getattr) and call.node.attr in _MUTATING:
            found.append(
                Refusal(
                    call.lineno,
                    f'skabelonen forsøger at ændre data med ".{call.node.attr}()", og det er ikke tilladt',
                )
            )
    return found


# --------------------------------------------------------------------------------------------
# Bounded work


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn: Any, work: Callable[[], None], memory: int) -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
        base = _address_space()
        if base:
            resource.setrlimit(resource.RLIMIT_AS, (base + memory, base + memory))
        work()
    except MemoryError:
        conn.send(("memory", ""))
    except TemplateError as exc:
        conn.send(("error", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("crash", f"{type(exc).__name__}: {exc}"[:200]))
    else:
        conn.send(("ok", ""))
    finally:
        conn.close()


def render_seconds() -> float:
    """The render time limit: AFDAEK_RENDER_SECONDS when it is a positive number (an operator's
    setting for slow machines, read when a render starts), else RENDER_SECONDS."""
    try:
        value = float(os.environ.get("AFDAEK_RENDER_SECONDS", ""))
    except ValueError:
        return RENDER_SECONDS
    return value if 0 < value < 3600 else RENDER_SECONDS


def run_limited(
    work: Callable[[], None], name: str, *, seconds: float | None = None, memory: int = RENDER_MEMORY
) -> None:
    """Run work() in a forked child under a memory and a time limit (seconds: default
    render_seconds()); raise TemplateError naming the template when it fails or exceeds a limit.
    Where fork is not available the work runs in this process with the sandbox only."""
    if seconds is None:
        seconds = render_seconds()
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        work()
        return
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, work, memory), daemon=True)
    proc.start()
    send.close()
    try:
        ready = receive.poll(seconds)
        status, detail = receive.recv() if ready else ("timeout", "")
    except EOFError:  # the child died without a word (killed, segfault)
        status, detail = "crash", "processen stoppede"
    finally:
        if proc.is_alive() and proc.pid is not None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        receive.close()
    if status == "ok":
        return
    if status == "error":
        raise TemplateError(detail)
    if status == "timeout":
        raise TemplateError(
            f"{name}: skabelonen blev ikke færdig inden for {seconds:.0f} "
            "sekunder (løkker i løkker?); den er stoppet, og intet er skrevet"
        )
    if status == "memory":
        raise TemplateError(
            f"{name}: skabelonen brugte mere end {memory >> 20} MB hukommelse og er stoppet; intet er skrevet"
        )
    raise TemplateError(f"{name}: skabelonen kunne ikke udfyldes ({detail})")
