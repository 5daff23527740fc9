"""How afdaek's command line shows results: the terminal's safety rules, JSON on stdout and the
rich tables of each command. cli.py declares the commands and calls the packages; this module
turns what they return into text. Nothing here computes, filters or reads files.

Text from documents, file names and the store is never read as rich markup and never reaches
the terminal with its control characters: every string rich renders goes through `_Terminal`
(see `console`), every other line through `say`, and both show control characters with `shown`.
rich is imported inside the functions so `afdaek --help` answers at once.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

# --- Danish for click's own words -------------------------------------------------
_DA = {
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "Show the version and exit.": "Vis versionen og afslut.",
    "Error": "Fejl",
    "Error: {message}": "Fejl: {message}",
    "Missing argument": "Manglende argument",
    "Missing option": "Manglende tilvalg",
    "Missing parameter": "Manglende parameter",
    "Missing parameter: {param_name}": "Manglende parameter: {param_name}",
    "Missing {param_type}": "Mangler {param_type}",
    "Missing command.": "Mangler en kommando.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "No such option {name!r}.": "Tilvalget {name!r} findes ikke.",
    "Try '{command} {option}' for help.": "Prøv '{command} {option}' for hjælp.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Prøv [blue]'{command_path} {help_option}'[/] for hjælp."
    ),
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "Aborted!": "Afbrudt!",
    "Aborted.": "Afbrudt.",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljøvariabel: {}]",
    "[required]": "[påkrævet]",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljøvariabel: {var}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger ikke i intervallet {range}.",
    "Choose from:\n\t{choices}": "Vælg mellem:\n\t{choices}",
    "file": "Filen",
    "directory": "Mappen",
    "path": "Stien",
    "integer": "heltal",
}


# click's messages with a singular and a plural form (its ngettext calls).
_DA_PLURAL = {
    "Did you mean {possibility}?": ("Mente du {possibility}?", "(Mente du en af: {possibilities}?)"),
    "Got unexpected extra argument ({args})": (
        "Uventet ekstra argument ({args})",
        "Uventede ekstra argumenter ({args})",
    ),
    "Takes {nargs} values but 1 was given.": (
        "Tager {nargs} værdier, men 1 blev givet.",
        "Tager {nargs} værdier, men {len} blev givet.",
    ),
    "Option {name!r} requires an argument.": (
        "Tilvalget {name!r} kræver en værdi.",
        "Tilvalget {name!r} kræver {nargs} værdier.",
    ),
    "{value!r} is not {choice}.": ("{value!r} er ikke {choice}.", "{value!r} er ikke en af {choices}."),
    "{value!r} does not match the format {format}.": (
        "{value!r} passer ikke til formatet {format}.",
        "{value!r} passer ikke til nogen af formaterne {formats}.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "{len_type} værdier kræves, men {len_value} blev givet.",
        "{len_type} værdier kræves, men {len_value} blev givet.",
    ),
}


def _da(message: str) -> str:
    return _DA.get(message, message)


def _da_plural(singular: str, plural: str, n: int) -> str:
    forms = _DA_PLURAL.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


def danish_click() -> None:
    """click's own words (usage, errors, metavars) in Danish; cli.py calls it once."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = _da  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _da_plural  # type: ignore[attr-defined]
    # click writes " (env var: X)" into an option's error hint without its translation hook
    hint = click.core.Option.get_error_hint

    def danish_hint(self: click.core.Option, ctx: click.Context | None) -> str:
        return hint(self, ctx).replace(" (env var: ", " (miljøvariabel: ")

    click.core.Option.get_error_hint = danish_hint  # type: ignore[method-assign]
    click.types.STRING.name = "tekst"
    click.types.INT.name = "heltal"
    click.types.FLOAT.name = "tal"
    click.types.BOOL.name = "ja/nej"


# --- text on the terminal -----------------------------------------------------------------------
# C0 controls (ESC starts ANSI sequences, CR overwrites a line) become their Unicode control
# pictures (␛, ␍); DEL, C1 controls and the bidi controls that reorder what is shown (U+202E
# "right-to-left override" makes "fdp.exe" look like "exe.pdf") become �. One character for one,
# so offsets into a text stay valid.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_VISIBLE = {c: 0x2400 + c for c in range(32) if chr(c) not in "\t\n"}
_VISIBLE.update({0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}, **{ord(c): 0xFFFD for c in _BIDI}})
_ONE_LINE = {**_VISIBLE, ord("\n"): 0x2424}
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}]")


def shown(value: object, *, one_line: bool = False) -> str:
    """Text from a document, a file name or the store as the terminal may show it: control
    characters made visible (see above); with one_line, a line break too."""
    text = "" if value is None else str(value)
    return text.translate(_ONE_LINE if one_line else _VISIBLE)


def say(*lines: object, err: bool = True) -> None:
    """Message lines, plain (not rich), with control characters made visible, each on one
    line; stderr unless they are a result."""
    for line in lines:
        click.echo(shown(line, one_line=True), err=err)


def text(value: object, style: str = ""):
    """A rich Text of document text: never markup, control characters made visible."""
    from rich.text import Text

    return Text(shown(value), style=style)


_TERMINAL: type | None = None


def console(stderr: bool = False):
    """The console every command prints through: strings are never parsed as markup or emoji
    and show control characters visibly (tables, titles, rules and lines alike). Status lines
    go to console(stderr=True), results to console()."""
    global _TERMINAL
    if _TERMINAL is None:
        from rich.console import Console

        class _Terminal(Console):
            def render_str(self, text: str, **kwargs: Any):
                kwargs.update(markup=False, emoji=False)
                return super().render_str(shown(text), **kwargs)

        _TERMINAL = _Terminal
    # soft_wrap: a line is never broken by rich (a path in "Skrev PATH" stays whole for scripts);
    # the terminal wraps it for the eye
    return _TERMINAL(stderr=stderr, highlight=False, soft_wrap=True, markup=False, emoji=False)


def status(*lines: str) -> None:
    """Status lines on stderr, never read as markup."""
    err = console(stderr=True)
    for line in lines:
        err.print(line, markup=False, highlight=False)


def print_json(data: Any) -> None:
    """A command's JSON result on stdout (the only thing on stdout with --format json)."""
    out = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # JSON escapes C0 controls itself; these are escaped too (lossless: only inside strings).
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out) + "\n")


def output(fmt: str, data: Any, text: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    """A command's result: its JSON with `--format json`, else what `text(*args, **kwargs)`
    writes for the terminal."""
    if fmt == "json":
        print_json(data)
    else:
        text(*args, **kwargs)


def table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    right: Iterable[str] = (),
    **kw: Any,
):
    """One rich table: the columns (those in `right` right-aligned) and the rows."""
    from rich.table import Table

    right = set(right)
    t = Table(title=title, **kw)
    for col in columns:
        t.add_column(col, justify="right" if col in right else "left")
    for row in rows:
        t.add_row(*row)
    return t


def show_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], **kw: Any) -> None:
    """`table` printed to stdout."""
    console().print(table(title, columns, rows, **kw))


def _date_text(day: date | None) -> str:
    from docgen.formatting import format_date

    return format_date(day) if day else ""


def _number(n: float) -> str:
    from docgen.formatting import format_number

    return format_number(n)


# --- the labels the terminal shows for stored codes ---------------------------------------------
VERDICT_LABELS = {
    "ok": "ok",
    "mangel": "mangel",
    "kan_ikke_vurderes": "kan ikke vurderes",
    "ikke_relevant": "ikke relevant",
    "afvist": "afvist af gennemgang",
}
VERDICT_STYLES = {"ok": "green", "mangel": "bold red", "kan_ikke_vurderes": "yellow", "ikke_relevant": "dim"}
FORSKRIFT_LABELS = {
    "garanti": "garantiforskrift",
    "orden": "ordensforskrift",
    "betingelse": "betingelse for sanktionen",
}
STATUS_STYLES = {
    "ikke startet": "dim",
    "i gang": "yellow",
    "gennemført": "green",
    "forsinket": "bold red",
    "opgivet": "dim strike",
}


def verdict(code: str):
    """A verdict as the terminal shows it: its Danish label in its colour."""
    return text(VERDICT_LABELS.get(code, code), VERDICT_STYLES.get(code, ""))


# --- ingest ---------------------------------------------------------------------------------------
def ingest_report(report: Any) -> None:
    """The ingest table (stdout) and each file's problem or note (stderr)."""
    from screening.ingest import KIND_LABELS

    rows = [
        (KIND_LABELS.get(k, k), str(row["ingested"]), str(row["unchanged"]), str(row["failed"]))
        for k, row in sorted(report.summary().items())
    ]
    show_table(
        "Indlæsning", ("Type", "Indlæst", "Uændret", "Fejlet"), rows, right=("Indlæst", "Uændret", "Fejlet")
    )
    for r in report.failed:
        say(f"{r.local_path or r.path}: {r.problem}")
    for r in report.results:
        if r.note:
            say(f"{r.local_path or r.path}: bemærk: {r.note}")
    if report.removed:
        say(
            f"{report.removed} dokumenter er fjernet fra databasen, fordi deres fil "
            "ikke længere ligger i sagsmappen."
        )
    if report.link_proposals:
        console(stderr=True).print(
            f"{report.link_proposals} nye forslag til links mellem dagsordenspunkter og "
            "anbefalinger; se 'afdaek recommendations link'."
        )


# --- survey ---------------------------------------------------------------------------------------
def survey_summary(summary: dict[str, Any]) -> None:
    """The survey summary: counts, groups, satisfaction and, for the store, themes and complaints."""
    con = console()
    con.print(
        f"Besvarelser: {_number(summary['respondents'])}; kommentarer: "
        f"{_number(summary['comments'])}; spørgsmål: "
        f"{_number(len(summary['questions']))}"
    )
    for title, key in (("Grupper", "groups"), ("Samlet tilfredshed", "satisfaction")):
        rows = [(shown(label, one_line=True), _number(n)) for label, n in summary[key].items()]
        con.print(
            table(title, ("Svar", "Antal"), rows or [("(intet spørgsmål fundet)", "–")], right=("Antal",))
        )
    if "themes" not in summary:
        return
    themes = [
        (shown(t["name"], one_line=True), _number(t["respondents"]), _number(t["negative"]))
        for t in summary["themes"]
    ]
    con.print(
        table(
            "Temaer i kommentarerne (borgere)",
            ("Tema", "Svar", "Heraf negative"),
            themes,
            right=("Svar", "Heraf negative"),
        )
    )
    rows = [(shown(c["text"], one_line=True), _number(c["respondents"])) for c in summary["complaints"]]
    con.print(table("Klager (borgere)", ("Klage", "Svar"), rows, right=("Svar",)))
    from docgen.context_borgermoede import recoded_note

    con.print(recoded_note(summary["recoded"]["coded"], summary["recoded"]["changed"]))


# --- search and minutes ---------------------------------------------------------------------------
def search_hits(result: Any) -> None:
    """The hits of a search (screening.search.SearchResult), best first."""
    rows = [
        (h.type, h.title or Path(h.path).name, h.date or "", (h.snippet or "").replace("\n", " "))
        for h in result.hits
    ]
    show_table(f"Søgning: {' '.join(result.words)}", ("Type", "Titel", "Dato", "Uddrag"), rows)
    if not result.hits:
        console(stderr=True).print("Ingen resultater.")


def agenda_items(items: Sequence[dict[str, Any]], title: str) -> None:
    """Agenda items (parsed or stored) as one table."""
    from textmining.domain.minutes import UNTITLED
    from textmining.language.dates import iso_date

    rows = [
        (
            str(i.get("id", "")),
            _date_text(iso_date(i.get("meeting_date"))),
            "" if i["number"] is None else str(i["number"]),
            i["title"] or UNTITLED,
            (i.get("beslutning") or "").replace("\n", " ")[:80],
        )
        for i in items
    ]
    show_table(title, ("Id", "Møde", "Pkt.", "Titel", "Beslutning"), rows)


def parsed_minutes(data: dict[str, Any]) -> None:
    """`minutes parse` as a table: the JSON's items, each with the meeting's committee and date."""
    meeting = {"committee": data["committee"], "meeting_date": data["meeting_date"]}
    agenda_items([{**item, **meeting} for item in data["items"]], title=data["file"])


def agenda_item(item: Any) -> None:
    """One stored agenda item (store.documents.StoredItem) with all its sections."""
    con = console()
    con.print(f"{item.number}. {item.title}", style="bold")
    con.print(
        f"{item.committee or ''} {item.meeting_date or ''}  "
        f"{item.case_number or ''}  {'Åben' if item.open else 'Lukket'} sag"
    )
    for heading, body in item.sections.items():
        con.print(f"\n{heading}", style="bold")
        con.print(body)
    if item.bilag:
        con.print("\nBilag", style="bold")
        for b in item.bilag:
            con.print(f"- {b}")


# --- letters ----------------------------------------------------------------------------------------
def lix_text(value: float | None) -> str:
    from docgen.formatting import format_number

    return "–" if value is None else format_number(value, 1)


def _rule_label(rule: str) -> str:
    from textmining.domain.plainlanguage import rule_short_name

    return rule_short_name(rule)


def letter(con: Any, name: Path, body_text: str, check: Any) -> None:
    """One checked letter: its text with the findings marked, the counts and the checklist."""
    from rich.panel import Panel

    from docgen.formatting import format_number, format_percent

    r = check.readability
    body = text(body_text)
    styles = {"strong": "bold white on red", "warn": "black on yellow", "info": "underline"}
    for issue in check.issues:
        if issue.rule in ("langt_afsnit",):
            continue
        body.stylize(styles.get(issue.severity, "underline"), issue.start, issue.end)
    head = f"LIX {lix_text(r.lix)} ({r.band or '–'}) · {name.name} · {check.profile}"
    con.print(Panel(body, title=text(head), title_align="left"))
    con.print(
        f"  Ord (A) {r.words}, sætninger (B) {r.sentences}, lange ord (C) {r.long_words}; "
        f"RIX {lix_text(r.rix)}; gns. sætning {lix_text(r.mean_sentence)} ord, længste "
        f"{r.longest_sentence}; lange ord {format_percent(r.long_word_share)}"
    )
    for n, para in enumerate(r.paragraphs, 1):
        first = " ".join(para.paragraph.text.split())[:50]
        con.print(
            f"  Afsnit {n}: LIX {lix_text(para.lix)} ({para.words}/{len(para.sentences)}/"
            f"{para.long_words}) »{first}…«"
        )
    reasons = r.excluded_reasons()
    if reasons:
        con.print(
            "  Ikke talt med: "
            + ", ".join(f"{format_number(v)} {k.replace('_', ' ')}" for k, v in reasons.items())
        )
    for issue in check.issues:
        line = f'  [{_rule_label(issue.rule)}] "{issue.text}": {issue.message}'
        if issue.suggestion:
            line += f" → {issue.suggestion}"
        con.print(line)
    from textmining.domain.letters import checklist_short_names

    short = checklist_short_names()
    marks = "  ".join(f"{'✓' if ok else '✗'} {short[k]}" for k, ok in check.checklist.items())
    con.print(f"  Tjekliste: {marks}")
    if check.missing:
        con.print(f"  Mangler eller bør fjernes: {', '.join(check.missing)}")
    con.print()


def letters(results: Sequence[Any]) -> None:
    """Each checked letter, and an overview when there are several."""
    con = console()
    for checked in results:
        letter(con, checked.path, checked.text, checked.check)
    if len(results) > 1:
        rows = [
            (
                c.path.name,
                c.check.profile,
                lix_text(c.check.readability.lix),
                c.check.readability.band or "–",
                str(len(c.check.issues)),
                ", ".join(c.check.missing) or "–",
            )
            for c in results
        ]
        con.print(
            table(
                "Oversigt",
                ("Brev", "Profil", "LIX", "Niveau", "Fund", "Mangler"),
                rows,
                right=("LIX", "Fund"),
            )
        )


_COMPARED = {
    "lix": "LIX",
    "words": "ord (A)",
    "sentences": "sætninger (B)",
    "long_words": "lange ord (C)",
    "rix": "RIX",
    "band": "niveau",
    "mean_sentence": "gns. sætningslængde",
    "longest_sentence": "længste sætning",
    "issues": "klarsprogsfund",
}


def letter_comparison(old: Path, new: Path, data: dict[str, Any]) -> None:
    """Two versions of a letter: the counts before and after, the findings gone and new."""
    before, after = data["before"], data["after"]
    rows = []
    for key, label in _COMPARED.items():
        b, a = before.get(key), after.get(key)
        if isinstance(b, float) or isinstance(a, float):
            b, a = lix_text(b), lix_text(a)
        rows.append((label, str(b if b is not None else "–"), str(a if a is not None else "–")))
    con = console()
    con.print(table(f"{old.name} → {new.name}", ("Mål", "Før", "Efter"), rows, right=("Før", "Efter")))
    for title, key, mark in (("Fund der er væk", "issues_gone", "-"), ("Nye fund", "issues_new", "+")):
        con.print(f"{title} ({len(data[key])}):")
        for i in data[key]:
            con.print(f"  {mark} [{_rule_label(i['rule'])}] {i['text']}")
    if data["checklist_fixed"]:
        con.print(f"Tjekliste rettet: {', '.join(data['checklist_fixed'])}")
    if data["checklist_broken"]:
        con.print(f"Tjekliste nu mangelfuld: {', '.join(data['checklist_broken'])}")


# --- screening --------------------------------------------------------------------------------------
def case(con: Any, data: dict[str, Any]) -> None:
    """One screened case: each rule's verdict, explanation and up to three events as proof."""
    title = (
        f"Sag {data['case']}  ·  {data.get('ydelse') or 'ukendt ydelse'}  ·  "
        f"{data.get('visitationskategori') or 'ukendt kategori'}"
    )
    rows = []
    for f in data["findings"]:
        evs = [data["events"][i] for i in f["events"] if i < len(data["events"])]
        proof = "\n".join(
            f"{e['date'] or 'udateret'} {e['document']}: {e['evidence'][:110]}" for e in evs[:3]
        )
        rows.append((f["rule"], verdict(f["verdict"]), f["explanation"], proof))
    con.print(
        table(
            title, ("Regel", "Vurdering", "Forklaring", "Bevis"), rows, title_justify="left", show_lines=False
        )
    )


_DIMENSIONS = (
    ("ydelse", "Ydelse"),
    ("visitationskategori", "Kategori"),
    ("sagsbehandler", "Sagsbehandler"),
    ("team", "Team"),
)


def screening_summary(con: Any, summ: dict[str, Any]) -> None:
    """The share of cases with a deficiency per rule, overall and per group."""
    from docgen.formatting import format_count, format_percent

    rules = summ["rules"]
    if not rules:
        return

    def row(label: str, counts: dict[str, Any]) -> tuple[str, ...]:
        n = counts["cases"]
        cells = [format_percent(counts[r]["andel"], 0) if n else "–" for r in rules]
        share = counts["mindst_en_mangel"] / n if n else None
        return (label, format_count(n), *cells, format_percent(share, 0))

    rows = [row("Alle", summ["overall"])]
    rows += [
        row(f"{label}: {key}", counts) for dim, label in _DIMENSIONS for key, counts in summ[dim].items()
    ]
    columns = ("Gruppe", "Sager", *rules, "Mindst én")
    title = f"Andel sager med mangel ({summ['cases']} sager)"
    con.print(table(title, columns, rows, right=columns[1:], title_justify="left"))
    versions = summ.get("versions") or []
    if versions:
        unconfirmed = sum(not v["bekraeftet"] for v in versions)
        con.print(
            f"Vurderet efter {format_count(len(versions))} regelversioner (loven på "
            f"udeblivelsens dato); {format_count(unconfirmed)} er endnu ikke bekræftet af "
            "en jurist. Se 'afdaek screen rules'."
        )


def screened(results: Sequence[dict[str, Any]], summ: dict[str, Any]) -> None:
    """`screen run`: each case, then the summary."""
    con = console()
    for data in results:
        case(con, data)
    screening_summary(con, summ)


def screen_problems(run: Any) -> None:
    """The files `screen run` could not read, and a word when there was nothing to screen (stderr)."""
    for r in run.failed:
        say(f"{r.local_path or r.path}: {r.problem}")
    if not run.cases:
        status("Der er ingen sager i databasen; angiv en mappe med sager.")


def sample(drawn: Any) -> None:
    """A drawn sample (screening.sampling.DrawnSample): each case and its stratum."""
    show_table(f"Stikprøve {drawn.id} (frø {drawn.seed})", ("Sag", "Lag"), drawn.cases)


def templates(paths: Iterable[Path]) -> None:
    """The bundled templates, one file name a line."""
    con = console()
    for path in paths:
        con.print(path.name)


def template_problems(problems: dict[str, list[Any]]) -> None:
    """`templates validate`'s result: each template in order, or each of its problems."""
    con = console()
    for name, items in sorted(problems.items()):
        if not items:
            con.print(f"{name}: i orden")
        for item in items:
            say(item, err=False)


def rulebook(book: Any, day: date | None) -> None:
    """The screening rules and the versions in force on `day` (all without a day)."""
    from textmining.language.dates import long_date

    con = console()
    rows = []
    for rule in book.rules.values():
        for v in rule.versions_on(day):
            groups = ", ".join(book.group_label(g) for g in v.grupper)
            if v.kategorier:
                groups += f" ({', '.join(v.kategorier)})"
            basis = v.basis if v.applies else f"gælder ikke: {v.reason}"
            rows.append(
                (f"{rule.id}\n{rule.kind}", v.label(), groups, basis, "ja" if v.bekraeftet else "nej")
            )
    for rule in book.rules.values():
        con.print(f"{rule.id}  {rule.title} ({rule.kind}, {FORSKRIFT_LABELS[rule.forskrift]})")
    title = f"Screeningsregler pr. {long_date(day)}" if day else "Screeningsregler og versioner"
    con.print(
        table(
            title,
            ("Regel", "Periode", "Ydelser", "Grundlag", "Bekræftet"),
            rows,
            title_justify="left",
            show_lines=True,
        )
    )
    unconfirmed = sum(not v.bekraeftet for r in book.rules.values() for v in r.versions_on(day))
    if unconfirmed:
        say(
            f"{unconfirmed} versioner er endnu ikke bekræftet af en jurist; se kilde og note "
            "med --format json."
        )


def review_item(con: Any, n: int, total: int, item: Any) -> None:
    """One finding to review: its verdict, explanation and the sentences it rests on."""
    con.rule(f"Fund {n}/{total} · sag {item.case_id} · regel {item.rule}")
    line = text("Vurdering: ", "bold")
    line.append_text(verdict(item.verdict))
    con.print(line)
    con.print(item.explanation)
    for e in item.evidence:
        line = text(
            f"{e['date'] or 'udateret'} · {e['document']} · {e['kind']}"
            f"{' (nægtet)' if e['negated'] else ''}\n",
            "dim",
        )
        line.append_text(text("…" + e["before"].replace("\n", " ")[-120:]))
        line.append_text(text(e["sentence"], "bold yellow"))
        line.append_text(text(e["after"].replace("\n", " ")[:120] + "…"))
        con.print(line)
    if item.last_review:
        con.print(f"Tidligere: {item.last_review}", style="dim")


# --- recommendations --------------------------------------------------------------------------------
def recommendations(today: date, rows: Sequence[Any]) -> None:
    """The recommendations with their status on `today`; overdue milestones in the note."""
    out = []
    for r in rows:
        note = r.note or ""
        if r.overdue:
            note = (
                (note + " · " if note else "") + "frist overskredet: " + ", ".join(m.title for m in r.overdue)
            )
        out.append(
            (
                r.number,
                r.title,
                text(r.status, STATUS_STYLES.get(r.status, "")),
                _date_text(r.status_date) or "–",
                note,
            )
        )
    show_table(f"Anbefalinger pr. {_date_text(today)}", ("Nr.", "Anbefaling", "Status", "Siden", "Note"), out)


def history(number: str, rows: Sequence[Any]) -> None:
    """A recommendation's status changes, oldest first."""
    out = [(_date_text(u.date), u.status, u.note or "", u.source or "") for u in rows]
    show_table(f"Anbefaling {number}: historik", ("Dato", "Status", "Note", "Kilde"), out)


def links(rows: Sequence[Any]) -> None:
    """Links between agenda items and recommendations."""
    from store.recommendations import LINK_LABELS

    out = [
        (
            str(link.id),
            link.number,
            link.meeting_date or "",
            f"{link.item_number}. {link.item_title}",
            f"{link.score:.2f}".replace(".", ","),
            link.reason or "",
            LINK_LABELS.get(link.status, link.status),
        )
        for link in rows
    ]
    columns = ("Id", "Anbefaling", "Møde", "Punkt", "Score", "Begrundelse", "Status")
    show_table("Links mellem dagsordenspunkter og anbefalinger", columns, out, right=("Id", "Score"))


# --- progress, written files and the interactive review --------------------------------------------
@contextmanager
def file_progress(label: str, *, visible: bool = True) -> Iterator[Callable[[Path, int, int], None]]:
    """A progress bar on stderr (only on a terminal, and not with --format json): yields the
    callback a package reports each file to (path, done, total)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from textmining.readers.guards import path_text

    err = console(stderr=True)
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}", markup=False),
        console=err,
        transient=True,
        disable=not visible or not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingest", total=None, name="")

        def progress(path: Path, done: int, total: int) -> None:
            bar.update(task, total=total, completed=done, name=shown(path_text(path.name), one_line=True))

        yield progress


def written(paths: Iterable[Path]) -> None:
    """The files a command wrote, one "Skrev PATH" a line: status, so on stderr."""
    err = console(stderr=True)
    for path in paths:
        err.print(f"Skrev {path}")


def demo_run(run: Any) -> None:
    """What the demo loaded, linked, screened and checked, its store and the files it wrote
    (all status: stderr)."""
    from screening.ingest import KIND_LABELS

    err = console(stderr=True)
    err.print("Færdig:")
    for kind, row in sorted(run.ingested.items()):
        err.print(f"  {KIND_LABELS.get(kind, kind)}: {row['ingested']} indlæst, {row['failed']} fejlet")
    for where, problem in run.failed:
        err.print(f"  {where}: {problem}")
    if run.history is not None:
        err.print(f"  statushistorik: {run.history} ændringer")
    err.print(
        f"  {run.links_accepted} links mellem dagsordenspunkter og anbefalinger "
        "godkendt (eksplicitte henvisninger)"
    )
    err.print(f"  {run.cases} sager screenet, {run.cases_with_mangel} med mindst én mangel")
    err.print(f"  {run.letters} breve tjekket for LIX og klarsprog")
    err.print(f"Database: {run.db}")
    written(run.written)


def codes_exported(n: int, path: Path) -> None:
    """`survey recode --export`: how many comments the sheet holds (stderr)."""
    say(f"Skrev {_number(n)} kommentarer til {path}")


def reviews_imported(counts: dict[str, int]) -> None:
    """`screen review --import`: the decisions stored, already stored and empty (stderr)."""
    status(
        f"Gemt: {counts['gemt']}, allerede gemt: {counts['allerede_gemt']}, uden afgørelse: {counts['tomme']}"
    )


def left_out(reasons: Iterable[str]) -> None:
    """The reports `report all` left out, each with its reason as a sentence (stderr)."""
    for reason in reasons:
        status(reason[0].upper() + reason[1:] + ".")


def recommendations_loaded(counts: dict[str, int]) -> None:
    """`recommendations load`: new, updated and milestones (stderr)."""
    status(
        f"Indlæst: {counts['tilfoejet']} nye, {counts['opdateret']} opdateret, "
        f"{counts['milepaele']} milepæle."
    )


def history_imported(counts: dict[str, int]) -> None:
    """`recommendations import`: imported and skipped updates (stderr)."""
    status(f"Importeret: {counts['importeret']}, sprunget over: {counts['sprunget_over']}.")


def links_proposed(n: int) -> None:
    """`recommendations link --propose`: how many new proposals (stderr)."""
    status(f"{n} nye forslag.")


def recommendation_updated(update: Any) -> None:
    """`recommendations update`: the status registered, and whether it found its agenda item."""
    linked = " (koblet til dagsordenspunkt)" if update.meeting_item_id else ""
    status(f"Anbefaling {update.number}: {update.status} pr. {update.date.isoformat()}{linked}.")


def forgotten(case_id: str, counts: dict[str, Any]) -> None:
    """`forget`: what was deleted, and a word when the file could not be made smaller (stderr)."""
    status(
        f"Sag {case_id} er slettet: {counts['dokumenter']} dokumenter, {counts['haendelser']} "
        f"hændelser, {counts['fund']} fund, {counts['gennemgange']} gennemgange."
    )
    if not counts["komprimeret"]:
        status(
            "Bemærk: databasefilen kunne ikke gøres mindre bagefter (disken er fuld eller "
            "utilgængelig); de slettede data er overskrevet."
        )


def recoded(counts: dict[str, Any]) -> None:
    """The outcome of `survey recode --import`: each rejected row, then the counts (stderr)."""
    for line in counts["problemer"]:
        say(f"Fejl: {line}")
    say(
        f"Gemt: {_number(counts['gemt'])}, uændret: {_number(counts['uaendret'])}, "
        f"uden kode: {_number(counts['uden_kode'])}, afvist: "
        f"{_number(counts['afvist'])}"
    )


_DECISIONS = {"b": "bekraeftet", "a": "afvist", "æ": "aendret"}


def review(items: Sequence[Any], save: Callable[..., Any]) -> None:
    """Go through the findings at the terminal: each shown with its evidence, then confirmed,
    rejected or changed with a comment; save(finding_id, decision=, verdict=, comment=) stores it
    (store.screening.add_review with the reviewer bound)."""
    from store.screening import VERDICTS

    if not items:
        status("Der er ingen fund at gennemgå.")
        return
    con = console()
    for n, it in enumerate(items, 1):
        review_item(con, n, len(items), it)
        choice = click.prompt(
            "[b]ekræft, [a]fvis, [æ]ndr, [s]pring over, [q] afslut",
            type=click.Choice(["b", "a", "æ", "s", "q"]),
            default="s",
            show_choices=False,
        )
        if choice == "q":
            break
        if choice == "s":
            continue
        decision = _DECISIONS[choice]
        changed = click.prompt("Ny vurdering", type=click.Choice(VERDICTS)) if decision == "aendret" else None
        comment = click.prompt("Kommentar", default="", show_default=False) or None
        save(it.finding_id, decision=decision, verdict=changed, comment=comment)
        con.print("Gemt.", style="green")
