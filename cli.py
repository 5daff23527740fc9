"""afdaek's command line: opens the store, calls one library function, renders the result.

All user-facing text is Danish. Heavy libraries (spaCy, pdfplumber, docxtpl) are imported inside
the commands so `afdaek --help` answers at once. Errors from the packages are shown as one line
by a single boundary (`_Boundary.invoke`); anything else is a bug and keeps its traceback.

How results look (tables, JSON, the terminal's safety rules for document text) is
cli_render's: cli.py declares the commands, calls the packages and hands their records to it.
Results go to stdout, status and progress lines to stderr, so `--format json | jq` always works.

The commands are declarations: click options and one call into a package with its keyword
arguments; where `duplicates` pairs two of them by shape (and a call with a package's own calls), no logic is
repeated (judged for issue 16).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

try:
    import cli_render as render
except ModuleNotFoundError as exc:  # an editable install made before cli_render.py existed
    if exc.name != "cli_render":
        raise
    sys.exit(
        "afdaek: installationen er ældre end koden (modulet cli_render mangler); "
        "kør 'make install' (eller 'pip install -e .') igen."
    )
from textmining.domain.letter_profiles import PROFILES as LETTER_PROFILES
from textmining.domain.recommendations import LINK_STATUSES, STATUSES
from textmining.errors import AfdaekError
from textmining.readers.sources import KINDS as KIND_CHOICES  # stdlib imports only: --help stays fast

render.danish_click()


class _Command(click.Command):
    """A command with Danish metavars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """A command group with Danish metavars; its commands and groups are Danish too."""

    command_class = _Command
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)


class _Boundary(_Group):
    """The one error boundary: a package's user error (AfdaekError, the base of them all;
    the store turns an SQLite error the disk or file causes into one) becomes one Danish line
    and exit 1. Anything else is a bug and keeps its traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AfdaekError as exc:
            if os.environ.get("AFDAEK_DEBUG"):
                raise
            render.say(f"Fejl: {exc}")
            ctx.exit(1)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class State:
    """Options shared by every command."""

    db: Path | None = None


STATE = State()


@click.group("afdaek", cls=_Boundary, context_settings=CONTEXT)
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="AFDAEK_DB",
    metavar="FIL",
    show_envvar=True,
    help="Databasefilen (standard: ./afdaek.db).",
)
def app(db: Path | None) -> None:
    """afdaek: tekstanalyse, sagsscreening, klarsprog og rapporter for jobcentret."""
    STATE.db = db


def _open(create: bool = True):
    from store import open_store

    return open_store(STATE.db, create=create)


def _db_path() -> Path:
    """Where the store is (store.db_path: --db, AFDAEK_DB or ./afdaek.db)."""
    from store import db_path

    return db_path(STATE.db)


FILE = click.Path(path_type=Path, exists=True, dir_okay=False)  # an existing file
FOLDER = click.Path(path_type=Path, exists=True, file_okay=False)  # an existing folder


class _Day(click.ParamType):
    """A day written ÅÅÅÅ-MM-DD, given to the command as a date."""

    name = "dato"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from textmining.language.dates import iso_date

        day = iso_date(value)
        if day is None:
            self.fail(f"'{value}' er ikke en dato på formen ÅÅÅÅ-MM-DD", param, ctx)
        return day


def day_option(help_text: str, dest: str = "on"):
    """--dato ÅÅÅÅ-MM-DD: a day (None when not given)."""
    return click.option("--dato", dest, type=_Day(), metavar="ÅÅÅÅ-MM-DD", help=help_text)


def sample_option(help_text: str):
    """--sample ID: a stored sample (from 'afdaek screen sample')."""
    return click.option("--sample", "sample_id", type=int, metavar="ID", help=help_text)


def ids_option(flag: str, dest: str, help_text: str):
    """An option naming ids, given once for each (--accept 3 --accept 5)."""
    return click.option(flag, dest, multiple=True, type=int, metavar="ID", help=help_text)


SET_OPTION = click.option("--set", "set_id", metavar="ID", help="Sættet (standard: det senest indlæste).")


def format_option(default: str = "tabel", choices: tuple[str, ...] = ("tabel", "json")):
    """The --format option every listing has."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Uddataformat; json har en fast, dokumenteret form.",
    )


def docx_options(name: str):
    """--format tabel|json|docx and --out FIL, the Word file --format docx writes (name)."""
    out = click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=Path(name),
        metavar="FIL",
        help=f"Word-filen ved --format docx (standard: {name}).",
    )
    return lambda command: format_option(choices=("tabel", "json", "docx"))(out(command))


def sheet_option(flag: str, help_text: str):
    """--export FIL / --import FIL: a sheet (.xlsx or .csv) a person fills in (review, recode)."""
    return click.option(
        flag, f"{flag.lstrip('-')}_file", type=click.Path(path_type=Path), metavar="FIL", help=help_text
    )


def folder_option(default: str, help_text: str):
    """--out MAPPE: the folder a command writes its files to."""
    return click.option(
        "--out",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path(default),
        show_default=True,
        metavar="MAPPE",
        help=help_text,
    )


# --- init ---------------------------------------------------------------------------------------
@app.command()
def init() -> None:
    """Opret databasen (kun læsbar for ejeren) og bring den op til nyeste skema."""
    with _open() as store:
        store.require_writable()  # a store this version cannot bring up to date is not "klar"
        render.status(f"Databasen er klar: {store.path}")


# --- ingest -------------------------------------------------------------------------------------


@app.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="STI...")
@click.option("--kind", type=click.Choice(KIND_CHOICES), help="Dokumenttype i stedet for programmets gæt.")
@click.option(
    "--keep-personal-data",
    is_flag=True,
    help="Gem CPR-numre, navne, telefonnumre og e-mails uændret (ellers pseudonymiseres de).",
)
@format_option()
def ingest(paths: tuple[Path, ...], kind: str | None, keep_personal_data: bool, fmt: str) -> None:
    """Læs dokumenter ind (PDF, DOCX, ODT, TXT/MD, CSV, XLSX, JSON, e-mails som EML/MSG og
    scannede breve); mapper læses rekursivt.

    Tabeller fra jobindsats.dk (også API'ets JSON), BM-benchmarket og SurveyXact-eksporter
    genkendes på kolonnerne; ukendte kolonnenavne angives under [kolonner] i afdaek.toml ved
    siden af databasen, og spørgeskemaets gruppe- og tilfredshedsspørgsmål under [survey].

    Personoplysninger (CPR-numre, telefonnumre, e-mails, navne fra sag.toml og navne fundet med
    navnelister, også i filnavne) pseudonymiseres, før noget gemmes. En fil der ikke kan læses,
    stopper ikke resten; afslutningskoden er 1, hvis nogen fejlede.
    """
    from screening.ingest import existing_paths, ingest_paths

    found, missing = existing_paths(paths)
    render.say(*missing)
    with _open() as store:
        with render.file_progress("Indlæser", visible=fmt != "json") as progress:
            report = ingest_paths(
                store, found, kind=kind, keep_personal_data=keep_personal_data, progress=progress
            )
    render.output(fmt, report.to_json(), render.ingest_report, report)
    if report.failed or missing:
        sys.exit(1)


# --- survey -------------------------------------------------------------------------------------
@app.group("survey", cls=_Group)
def survey_group() -> None:
    """Brugerundersøgelser (SurveyXact): besvarelser, grupper, tilfredshed og kommentarer."""


@survey_group.command("summary")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True), metavar="[EKSPORT]")
@format_option()
def survey_summary(paths: tuple[Path, ...], fmt: str) -> None:
    """Opsummér en SurveyXact-eksport (EKSPORT: .xlsx med arkene Labels, Dataset og Structure,
    en mappe med de tre CSV-filer eller en af dem), eller uden EKSPORT spørgeskemaet i
    databasen – de samme tal som borgermøderapporten.

    JSON: {"respondents", "groups", "satisfaction", "comments", "questions"}; for
    databasen også "themes" ([{"theme", "name", "respondents", "negative"}]), "complaints"
    ([{"complaint", "text", "respondents"}]) og "recoded" ({"coded", "changed"}), talt som i
    rapporten: med en medarbejders kode, hvor kommentaren er kodet om (afdaek survey recode).
    Hvilke variabler der er brugt som gruppe og tilfredshed, skrives på stderr; de kan vælges
    under [survey] i afdaek.toml (gruppe = "s_1", tilfredshed = "s_7").
    """
    if len(paths) > 1:
        raise click.UsageError("angiv én eksport ad gangen (en .xlsx-fil eller en mappe)")
    from screening.survey_codes import export_survey_summary, stored_survey_summary

    if paths:
        summary, used = export_survey_summary(paths[0], _db_path())
    else:
        with _open(create=False) as store:
            summary, used = stored_survey_summary(store)
    render.say(*used)
    render.output(fmt, summary, render.survey_summary, summary)


@survey_group.command("recode")
@sheet_option("--export", "Skriv kommentarerne med de automatiske koder til et regneark (.xlsx eller .csv).")
@sheet_option("--import", "Indlæs en medarbejders koder fra et udfyldt regneark (.xlsx eller .csv).")
@click.option(
    "--koder",
    "coder",
    default=None,
    help="Hvem der har kodet, når kolonnen kodet_af er tom (standard: brugernavn).",
)
def survey_recode(export_file: Path | None, import_file: Path | None, coder: str | None) -> None:
    """Kod kommentarerne om i Excel: tema, negativ (ja/nej) og klage for hver kommentar.

    --export skriver én række pr. kommentar med id, spørgsmål, den pseudonymiserede tekst, de
    automatiske koder (auto_tema, auto_negativ, auto_klage) og kolonnerne tema, negativ,
    klage, kommentar og kodet_af til medarbejderens koder. En tom celle betyder, at den
    automatiske kode gælder; »ingen« betyder intet tema eller ingen klage; flere skrives med
    komma imellem. Regnearkets ark »Koder« viser de gyldige koder.

    --import gemmer koderne (hvem og hvornår); en gammel kode erstattes aldrig, den nyeste
    gælder. Hver række tjekkes: en fejl skrives som én linje med fil og række, og de gode
    rækker gemmes alligevel (afslutter med kode 1, når en række er afvist). Samme fil to
    gange ændrer intet. Rapporten og 'afdaek survey summary' bruger medarbejderens kode, hvor
    den findes.
    """
    from screening.survey_codes import export_codes, import_codes

    if (export_file is None) == (import_file is None):
        raise click.UsageError("angiv enten --export FIL eller --import FIL")
    with _open(create=False) as store:
        if export_file is not None:
            render.codes_exported(export_codes(store, export_file), export_file)
            return
        assert import_file is not None  # one of the two, checked above
        counts = import_codes(store, import_file, coder=coder)
    render.recoded(counts)
    if counts["afvist"]:
        sys.exit(1)


# --- search -------------------------------------------------------------------------------------
@app.command()
@click.argument("query", nargs=-1, required=True, metavar="ORD...")
@click.option("--limit", default=20, show_default=True, help="Højst så mange resultater.")
@format_option()
def search(query: tuple[str, ...], limit: int, fmt: str) -> None:
    """Fritekstsøgning i alle dokumenter og dagsordenspunkter; bøjede former findes også."""
    from screening.search import search as find

    with _open(create=False) as store:
        result = find(store, query, limit=limit)
    render.output(fmt, result.to_json(), render.search_hits, result)


# --- minutes ------------------------------------------------------------------------------------
@app.group("minutes", cls=_Group)
def minutes_group() -> None:
    """Referater: dagsordenspunkter, indstillinger og beslutninger."""


@minutes_group.command("parse")
@click.argument("file", type=FILE, metavar="FIL")
@format_option(default="json")
def minutes_parse(file: Path, fmt: str) -> None:
    """Del et referat op i dagsordenspunkter uden at gemme noget."""
    from textmining.domain.minutes import minutes_to_json, parse_minutes_file

    data = minutes_to_json(parse_minutes_file(file), str(file))
    render.output(fmt, data, render.parsed_minutes, data)


@minutes_group.command("list")
@click.option("--udvalg", "committee", help="Kun dette udvalg (del af navnet).")
@click.option("--fra", "since", help="Fra mødedato (ÅÅÅÅ-MM-DD).")
@click.option("--til", "until", help="Til mødedato (ÅÅÅÅ-MM-DD).")
@click.option("--tekst", "text", help="Kun punkter der nævner teksten.")
@format_option()
def minutes_list(
    committee: str | None, since: str | None, until: str | None, text: str | None, fmt: str
) -> None:
    """Vis de gemte dagsordenspunkter."""
    from store.documents import list_items

    with _open(create=False) as store:
        items = list_items(store, committee=committee, since=since, until=until, text=text)
    rows = [item.listing_json() for item in items]
    render.output(fmt, rows, render.agenda_items, rows, title="Dagsordenspunkter")


@minutes_group.command("show")
@click.argument("item_id", type=int, metavar="ID")
@format_option()
def minutes_show(item_id: int, fmt: str) -> None:
    """Vis ét dagsordenspunkt med alle afsnit (id fra 'afdaek minutes list')."""
    from store.documents import get_item

    with _open(create=False) as store:
        item = get_item(store, item_id)
    render.output(fmt, item.to_json(), render.agenda_item, item)


# --- letters ------------------------------------------------------------------------------------
@app.group("letters", cls=_Group)
def letters_group() -> None:
    """Breve: læsbarhed (LIX), klarsprog og tjekliste for indkaldelser."""


def letter_options(profile_help: str, config_help: str):
    """--profile and --config of the letter commands."""
    profile = click.option("--profile", type=click.Choice(LETTER_PROFILES), help=profile_help)
    config = click.option(
        "--config", type=click.Path(path_type=Path, dir_okay=False), metavar="FIL", help=config_help
    )
    return lambda command: profile(config(command))


@letters_group.command("check")
@click.argument("files", nargs=-1, required=True, type=FILE, metavar="FIL...")
@letter_options(
    "Brevtype i stedet for programmets gæt.",
    "TOML med regler der er slået fra, grænser og hvidliste (standard: afdaek.toml ved siden af databasen).",
)
@docx_options("breve.docx")
def letters_check(
    files: tuple[Path, ...], profile: str | None, config: Path | None, fmt: str, out: Path
) -> None:
    """Tjek breve: LIX med optællinger, klarsprogsfund med forslag og tjekliste.

    Uden --format vises hvert brev med de fundne steder fremhævet og en oversigt, når der er
    flere breve. Afslutningskoden er 1, hvis et brev ikke kunne læses.
    """
    from textmining.domain.letters import check_letters_with_settings

    results, problems = check_letters_with_settings(files, _db_path(), profile, config)
    data = [checked.to_json() for checked in results]
    if fmt == "json":
        render.print_json(data)
    elif fmt == "docx":
        from docgen.reports import write_extra_report

        render.written([write_extra_report("breve.docx", data, out, today=date.today())])
    else:
        render.letters(results)
    render.say(*problems)
    if problems:
        sys.exit(1)


@letters_group.command("compare")
@click.argument("old", type=FILE, metavar="GAMMEL")
@click.argument("new", type=FILE, metavar="NY")
@letter_options(
    "Brevtype for begge versioner i stedet for programmets gæt.", "TOML med regler, grænser og hvidliste."
)
@format_option()
def letters_compare(old: Path, new: Path, profile: str | None, config: Path | None, fmt: str) -> None:
    """Sammenlign to versioner af et brev: LIX, optællinger, fund der er væk og nye fund."""
    from textmining.domain.letters import compare_letter_files

    data = compare_letter_files(old, new, _db_path(), profile, config)
    render.output(fmt, data, render.letter_comparison, old, new, data)


# --- screen -------------------------------------------------------------------------------------
@app.group("screen", cls=_Group)
def screen_group() -> None:
    """Screening af personsager: sanktionshændelser, retlige tjek, stikprøver og gennemgang."""


@screen_group.command("run")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True), metavar="STI...")
@sample_option("Screen sagerne i denne stikprøve (fra 'afdaek screen sample').")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Find hændelser i N processer (standard: antal kerner); resultatet er det samme som med én.",
)
@format_option()
def screen_run(paths: tuple[Path, ...], sample_id: int | None, jobs: int | None, fmt: str) -> None:
    """Find sanktionshændelser og vurdér reglerne for hver sag (se 'afdaek screen rules').

    STI er en mappe med én undermappe pr. sag (dokumenter + sag.toml) eller en journaleksport
    (CSV/XLSX, én række pr. notat; kolonnerne findes ud fra navnene, fx Sagsnr, Dato/tid,
    Notattekst, Ydelse); den indlæses (pseudonymiseret), hvis den ikke er gemt. Uden STI og
    --sample screenes alle gemte sager.

    Screeningen finder kun det, der står skrevet: forkortelser, ord uden æøå og henvisninger til
    tidligere hændelser genkendes, og notathoveder også i layouts, der gentager sig i filen;
    brevet dateres af sin datolinje. En vurdering, der ikke er skrevet ned, kan ikke findes
    og giver "kan_ikke_vurderes"; det samme gør et notat uden en dato, afdaek kan læse (en
    "bemærk:"-linje siger det). Hver vurdering er et forslag til gennemgang.
    """
    from screening.run import run_screening

    with _open() as store:
        run = run_screening(store, list(paths), sample_id, jobs=jobs)
    render.output(fmt, run.to_json(), render.screened, run.cases, run.summary)
    render.screen_problems(run)
    if run.failed:
        sys.exit(1)


@screen_group.command("summary")
@sample_option("Kun denne stikprøve.")
@docx_options("screening.docx")
def screen_summary(sample_id: int | None, fmt: str, out: Path) -> None:
    """Andel sager med mangel pr. regel, fordelt på ydelse, kategori, sagsbehandler og team."""
    from screening.run import sample_summary

    with _open(create=False) as store:
        summ = sample_summary(store, sample_id)
        if fmt == "docx":
            from docgen.reports import write_extra_report

            render.written([write_extra_report("screening.docx", store, out, today=date.today())])
            return
    if fmt == "json":
        render.print_json(summ)
        return
    if not summ["cases"]:
        render.status("Der er ingen screenede sager endnu; kør 'afdaek screen run'.")
        return
    render.screening_summary(render.console(), summ)


@screen_group.command("rules")
@day_option("Vis kun de versioner, der gjaldt på datoen.", "day")
@format_option()
def screen_rules(day: date | None, fmt: str) -> None:
    """Reglerne, screeningen vurderer efter, med deres versioner: periode, ydelser, retsgrundlag,
    kilde, og om en jurist har bekræftet grundlaget.

    En udeblivelse vurderes efter den version, der gjaldt på udeblivelsens dato (afgørelsens,
    hvis udeblivelsen ikke har en dato). "lov" er et krav i loven, "praksis" et tjek fra
    Ankestyrelsens praksis og målinger.
    """
    from screening.rulebook import load_rulebook

    book = load_rulebook()
    render.output(fmt, book.to_json(day), render.rulebook, book, day)


@screen_group.command("sample")
@click.option("--n", "n", type=int, default=20, show_default=True, help="Antal sager.")
@click.option(
    "--stratify",
    default="",
    metavar="FELTER",
    help="Lagdeling, kommasepareret: ydelse, visitationskategori, varighed, team, sagsbehandler.",
)
@click.option(
    "--seed",
    type=int,
    default=None,
    help="Frø for tilfældighed (samme frø, samme stikprøve); standard: dagens dato.",
)
@format_option()
def screen_sample(n: int, stratify: str, seed: int | None, fmt: str) -> None:
    """Udtræk en lagdelt, reproducerbar stikprøve af gemte sager og gem den."""
    from screening.sampling import take_sample

    with _open(create=False) as store:
        sample = take_sample(store, n, stratify=stratify, seed=seed, today=date.today())
    render.output(fmt, sample.to_json(), render.sample, sample)


@screen_group.command("review")
@sample_option("Stikprøven der gennemgås (standard: den nyeste).")
@click.option("--reviewer", default=None, help="Dit navn eller initialer (standard: brugernavn).")
@sheet_option("--import", "Indlæs afgørelser fra et udfyldt regneark (.xlsx eller .csv).")
@sheet_option("--export", "Skriv fundene til et regneark (.xlsx eller .csv) til gennemgang i Excel.")
@click.option("--alle", "include_reviewed", is_flag=True, help="Vis også fund, der allerede er gennemgået.")
def screen_review(
    sample_id: int | None,
    reviewer: str | None,
    import_file: Path | None,
    export_file: Path | None,
    include_reviewed: bool,
) -> None:
    """Gennemgå fundene: bekræft, afvis eller ændr med en kommentar.

    En ny gennemgang erstatter aldrig en gammel; den nyeste gælder. Med --export og --import kan
    et team gennemgå i Excel.
    """
    from functools import partial

    from screening.review import export_reviews, import_reviews, items_to_review
    from store.screening import add_review

    with _open(create=False) as store:
        if import_file is not None:
            render.reviews_imported(import_reviews(store, import_file, reviewer=reviewer))
            return
        items = items_to_review(store, sample_id, only_open=not include_reviewed and export_file is None)
        if export_file is not None:
            export_reviews(items, export_file)
            render.status(f"Skrev {len(items)} fund til {export_file}")
            return
        render.review(items, partial(add_review, store, reviewer=reviewer))


# --- report / templates -------------------------------------------------------------------------
REPORT_NAMES = ("drift", "sanktioner", "borgermoede", "anbefalinger", "praesentation", "all")
STIL_OPTION = click.option(
    "--stil",
    type=FOLDER,
    metavar="MAPPE",
    help="Kommunens husstil: en mappe med stil.docx (typografier, farver, margener), logo.png "
    "og stil.potx (master og layout til præsentationen).",
)


@app.command("report")
@click.argument("name", type=click.Choice(REPORT_NAMES), metavar="RAPPORT")
@folder_option("rapporter", "Mappen rapporterne skrives til.")
@click.option("--period", metavar="PERIODE", help="Kun denne periode, fx 2021K3, 2021 eller 2021K1-2021K4.")
@click.option("--scenarier", "scenarios", type=FILE, metavar="FIL", help="Antagelser for scenarierne (TOML).")
@click.option(
    "--templates",
    "templates_dir",
    type=FOLDER,
    metavar="MAPPE",
    help="Brug redigerede skabeloner fra denne mappe (se 'afdaek templates export').",
)
@day_option("Rapportens dato (standard: i dag).")
@click.option("--pdf", is_flag=True, help="Lav også PDF med LibreOffice (skal være installeret).")
@STIL_OPTION
def report(
    name: str,
    out: Path,
    period: str | None,
    scenarios: Path | None,
    templates_dir: Path | None,
    on: date | None,
    pdf: bool,
    stil: Path | None,
) -> None:
    """Skriv rapporter til udvalg og byråd som Word (RAPPORT: drift, sanktioner, borgermoede,
    anbefalinger, praesentation eller all).

    Rapporterne indeholder kun samlede tal; antal under 5 vises som "<5". Med --stil MAPPE
    får rapporterne kommunens typografier, farver, margener og logo fra stil.docx og
    logo.png, og præsentationen kommunens master og layout fra stil.potx.
    """
    from docgen.house_style import load_style
    from docgen.reports import scenario_warnings, write_reports

    today = on or date.today()
    style = load_style(stil) if stil else None  # read and checked before anything is written
    render.status(*(style.notes() if style else ()))
    with _open(create=False) as store:
        render.status(*scenario_warnings(store, scenarios, period))
        written, skipped = write_reports(
            store,
            name,
            out,
            today=today,
            templates_dir=templates_dir,
            period=period,
            scenarios_path=scenarios,
            style=style,
            pdf=pdf,
        )
    render.left_out(skipped)
    render.written(written)


@app.group("templates", cls=_Group)
def templates_group() -> None:
    """Word-skabeloner: se, eksportér til redigering og kontrollér redigerede skabeloner."""


@templates_group.command("list")
@format_option()
def templates_list(fmt: str) -> None:
    """Vis de medfølgende skabeloner."""
    from docgen.reports import bundled_templates, templates_json

    paths = bundled_templates()
    render.output(fmt, templates_json(paths), render.templates, paths)


@templates_group.command("export")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), metavar="MAPPE")
def templates_export(directory: Path) -> None:
    """Kopiér skabelonerne til MAPPE, så en sekretær kan redigere dem i Word.

    Eksisterende filer overskrives ikke. Brug dem bagefter med 'afdaek report ... --templates
    MAPPE'.
    """
    from docgen.reports import export_templates

    written = export_templates(directory)
    render.written(written)
    if not written:
        render.status("Ingen filer skrevet; skabelonerne findes allerede i mappen.")


@templates_group.command("validate")
@click.argument("directory", required=False, type=FOLDER, metavar="[MAPPE]")
def templates_validate(directory: Path | None) -> None:
    """Kontrollér skabeloner: Jinja-syntaksfejl og variabler, som afdaek ikke leverer.

    Afslutningskoden er 1, hvis der er problemer.
    """
    from docgen.reports import validate_templates

    problems = validate_templates(directory)
    render.template_problems(problems)
    if any(problems.values()):
        sys.exit(1)


# --- recommendations ----------------------------------------------------------------------------
@app.group("recommendations", cls=_Group)
def recommendations_group() -> None:
    """Anbefalinger: status over tid, milepæle, beslutninger og links til dagsordenspunkter."""


@recommendations_group.command("load")
@click.argument("file", required=False, type=FILE, metavar="[FIL]")
def recommendations_load(file: Path | None) -> None:
    """Indlæs et sæt anbefalinger (TOML); uden FIL de 8 anbefalinger fra statusnotatet 2021."""
    from store import recommendations as rs
    from textmining.domain.recommendations import load_set

    data = load_set(file)  # read and checked before the store is opened
    with _open() as store:
        render.recommendations_loaded(rs.load_set(store, data.as_dict()))


@recommendations_group.command("list")
@SET_OPTION
@day_option("Status på denne dag (standard: i dag).")
@format_option()
def recommendations_list(set_id: str | None, on: date | None, fmt: str) -> None:
    """Vis anbefalingerne med status; milepæle over fristen markeres som forsinket."""
    from store import recommendations as rs

    today = on or date.today()
    with _open(create=False) as store:
        rows = rs.list_status(store, today=today, set_id=set_id)
    render.output(fmt, [r.to_json() for r in rows], render.recommendations, today, rows)


@recommendations_group.command("update")
@click.argument("number", metavar="NR")
@click.option("--status", required=True, type=click.Choice(STATUSES), help="Den nye status.")
@click.option("--note", help="Hvad der er sket.")
@click.option(
    "--source", help='Kilde, fx "UFB 2021-08-09 pkt. 77" (kobles til punktet, hvis det er indlæst).'
)
@day_option("Datoen for ændringen (standard: i dag).")
@SET_OPTION
def recommendations_update(
    number: str, status: str, note: str | None, source: str | None, on: date | None, set_id: str | None
) -> None:
    """Registrér en ny status for en anbefaling; den gamle historik bevares altid."""
    from store import recommendations as rs

    with _open(create=False) as store:
        upd = rs.add_update(
            store,
            number,
            status=status,
            on=on or date.today(),
            note=note,
            source=source,
            set_id=set_id,
        )
    render.recommendation_updated(upd)


@recommendations_group.command("history")
@click.argument("number", metavar="NR")
@SET_OPTION
@format_option()
def recommendations_history(number: str, set_id: str | None, fmt: str) -> None:
    """Vis alle statusændringer for en anbefaling, ældste først."""
    from store import recommendations as rs

    with _open(create=False) as store:
        rows = rs.history(store, number, set_id=set_id)
    render.output(fmt, [u.to_json() for u in rows], render.history, number, rows)


@recommendations_group.command("import")
@click.argument("file", type=FILE, metavar="FIL")
@SET_OPTION
def recommendations_import(file: Path, set_id: str | None) -> None:
    """Indlæs en statushistorik (CSV: anbefaling;dato;status;note;kilde); allerede indlæst
    historik springes over."""
    from store import recommendations as rs
    from textmining.domain.recommendations import read_history

    rows = read_history(file)
    with _open() as store:
        render.history_imported(rs.import_history(store, rows, set_id=set_id))


@recommendations_group.command("link")
@click.option("--propose", is_flag=True, help="Foreslå links fra alle gemte dagsordenspunkter.")
@ids_option("--accept", "accept_ids", "Godkend forslaget med dette id (kan gentages).")
@ids_option("--reject", "reject_ids", "Afvis forslaget med dette id (kan gentages).")
@click.option(
    "--add",
    "manual",
    type=(str, int),
    metavar="NR PUNKT-ID",
    help="Kobl selv anbefaling NR til dagsordenspunkt PUNKT-ID.",
)
@click.option("--status", type=click.Choice(LINK_STATUSES), help="Vis kun links med denne status.")
@format_option()
def recommendations_link(
    propose: bool,
    accept_ids: tuple[int, ...],
    reject_ids: tuple[int, ...],
    manual: tuple[str, int] | None,
    status: str | None,
    fmt: str,
) -> None:
    """Forslag til links mellem dagsordenspunkter og anbefalinger: se, godkend eller afvis.

    Godkendte links vises som beslutninger i statusrapporten.
    """
    from store import recommendations as rs
    from textmining.domain.recommendations import link_proposer

    with _open(create=False) as store:
        if propose:
            render.links_proposed(rs.propose_links(store, link_proposer()))
        rs.decide_links(store, accept=accept_ids, reject=reject_ids, add=manual)
        links = rs.list_links(store, status=status)
    render.output(fmt, [link.to_json() for link in links], render.links, links)


# --- browse -------------------------------------------------------------------------------------
@app.command()
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Porten på 127.0.0.1."
)
@click.option("--open", "open_", is_flag=True, help="Åbn siden i browseren.")
def browse(port: int, open_: bool) -> None:
    """Vis databasen skrivebeskyttet i browseren (Datasette på 127.0.0.1); kræver afdaek[browse].

    Kun tabeller og færdige forespørgsler vises, altid som databasen er lige nu (en glemt sag er
    væk ved næste side). Fri SQL, download og eksport, fejlsøgningssiderne og saltet til
    pseudonymerne er slået fra, og siden svarer kun på 127.0.0.1 og localhost. Stop med Ctrl-C.
    """
    from screening.browse import serve

    serve(_db_path(), port, open_browser=open_, wait=True, say=render.status)


# --- forget -------------------------------------------------------------------------------------
@app.command()
@click.option("--case", "case_id", required=True, metavar="ID", help="Sagens id (mappenavn).")
@click.option("--yes", is_flag=True, help="Spring bekræftelsen over.")
def forget(case_id: str, yes: bool) -> None:
    """Slet en sag og alt afledt af den (dokumenter, hændelser, fund, gennemgange) for altid."""
    from store.screening import forget_case

    if not yes and not click.confirm(f"Slet sag {case_id} og alt afledt af den for altid?"):
        raise click.Abort()
    with _open(create=False) as store:
        counts = forget_case(store, case_id)
    render.forgotten(case_id, counts)


# --- demo ---------------------------------------------------------------------------------------


@app.command()
@folder_option("demo-out", "Mappen der skrives til.")
@click.option(
    "--examples",
    "examples_dir",
    type=FOLDER,
    metavar="MAPPE",
    help="Eksempeldata (standard: dem, der følger med afdaek).",
)
@STIL_OPTION
def demo(out: Path, examples_dir: Path | None, stil: Path | None) -> None:
    """Kør hele kæden på eksempeldata: indlæs, screen, tjek breve og skriv rapporterne.

    Databasen oprettes på ny i MAPPE/afdaek.db, så demoen altid starter forfra. MAPPE skal være
    ny, tom eller lavet af en tidligere demo; en anden mappe (fx med en rigtig afdaek.db) røres
    ikke. Med --stil examples/stil skrives rapporterne i eksemplets husstil.
    """
    from screening.demo import demo as run_demo

    render.demo_run(
        run_demo(out, today=date.today(), examples=examples_dir, style_folder=stil, say=render.status)
    )


if __name__ == "__main__":  # pragma: no cover
    app()
