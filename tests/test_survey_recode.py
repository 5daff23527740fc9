"""`afdaek survey recode` on the shipped example survey: export the automatic codes, let a
person change a few, import them back, and the borgermøde report and `survey summary` count
with the person's codes; bad rows are Danish lines and the good rows are stored."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import app
from tests.conftest import ROOT
from textmining.domain.survey import load_complaints

SURVEY = ROOT / "examples" / "tables" / "survey.csv"
COLUMNS = [
    "id",
    "spoergsmaal",
    "tekst",
    "auto_tema",
    "auto_negativ",
    "auto_klage",
    "tema",
    "negativ",
    "klage",
    "kommentar",
    "kodet_af",
]


def run(db: Path, *args: str | Path):
    return CliRunner().invoke(app, ["--db", str(db), *map(str, args)])


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("survey") / "s.db"
    result = run(db, "ingest", SURVEY)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(ingested, tmp_path) -> Path:
    """A copy of the ingested store, so each test codes its own."""
    copy = tmp_path / "kopi.db"
    with sqlite3.connect(ingested) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], body: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body])
    return path


def export(db: Path, path: Path) -> tuple[list[str], list[list[str]]]:
    result = run(db, "survey", "recode", "--export", path)
    assert result.exit_code == 0, result.output
    return read_csv(path)


def summary(db: Path) -> dict:
    result = run(db, "survey", "summary", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def report(db: Path) -> dict:
    from docgen.context_borgermoede import build_context
    from store import open_store

    with open_store(db, create=False) as store:
        return build_context(store, date(2021, 12, 1))


def respondents(db: Path) -> dict[str, str]:
    """comment id → who wrote it (to pick comments whose writer wrote nothing else alike)."""
    from store import open_store
    from store.surveys import comment_rows

    with open_store(db, create=False) as store:
        return {r["id"]: r["respondent"] for r in comment_rows(store)}


def one_sentence(text: str) -> bool:
    return sum(text.count(p) for p in ".!?") <= 1 and text.rstrip()[-1:] in ".!?"


pytestmark = pytest.mark.slow  # every test ingests or analyses the 387 example comments


def test_export_is_one_row_per_comment_with_the_automatic_codes(db, tmp_path):
    header, body = export(db, tmp_path / "koder.csv")
    assert header == COLUMNS
    assert len(body) == summary(db)["comments"]
    assert len({r[0] for r in body}) == len(body)
    from textmining.domain.survey import load_complaints, load_themes

    themes = {t.key for t in load_themes()} | {"ingen"}
    families = {c.name for c in load_complaints()} | {"ingen"}
    for r in body:
        assert set(r[3].split(", ")) <= themes, r
        assert r[4] in ("ja", "nej"), r
        assert set(r[5].split(", ")) <= families, r
        assert r[6:] == ["", "", "", "", ""], r  # nobody has coded yet
    text = "\n".join(r[2] for r in body)
    assert "[PERSON-" in text
    assert "Mette Kragh" not in text and "Mette Kragh" in SURVEY.read_text(encoding="utf-8")


def test_recoding_changes_the_report_and_summary_counts(db, tmp_path):
    header, body = export(db, tmp_path / "koder.csv")
    who = respondents(db)

    def alone(row, test) -> bool:  # no other comment of the writer passes test
        return not any(test(o) for o in body if o is not row and who[o[0]] == who[row[0]])

    before, ctx_before = summary(db), report(db)
    people = {t["theme"]: t["respondents"] for t in before["themes"]}
    negative = {t["theme"]: t["negative"] for t in before["themes"]}
    families = {c["complaint"]: c["respondents"] for c in before["complaints"]}

    # 1. a comment about tone is really about the conversation's content
    tone = next(r for r in body if r[3] == "tone" and alone(r, lambda o: "tone" in o[3]))
    tone[6], tone[10] = "samtalen", "AB"
    # 2. a negative one-sentence comment on one theme is not negative after all
    calm = next(
        r
        for r in body
        if r[4] == "ja"
        and r[5] == "ingen"
        and r is not tone
        and "," not in r[3]
        and r[3] != "ingen"
        and one_sentence(r[2])
        and alone(r, lambda o: o[4] == "ja")
    )
    calm_theme = calm[3]
    calm[7], calm[9] = "nej", "Ironisk ment"
    # 3. a comment that did not understand the letter, which the patterns missed
    missed = next(
        r
        for r in body
        if r is not tone and r is not calm and r[5] == "ingen" and alone(r, lambda o: "forstaaelse" in o[5])
    )
    missed[7], missed[8] = "ja", "forstaaelse"
    result = run(
        db, "survey", "recode", "--import", write_csv(tmp_path / "koder.csv", header, body), "--koder", "TL"
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Gemt: 3, uændret: 0, uden kode: 384, afvist: 0"

    after, ctx_after = summary(db), report(db)
    people_after = {t["theme"]: t["respondents"] for t in after["themes"]}
    negative_after = {t["theme"]: t["negative"] for t in after["themes"]}
    families_after = {c["complaint"]: c["respondents"] for c in after["complaints"]}
    assert people_after["tone"] == people["tone"] - 1
    samtalen_before = people["samtalen"]
    writer_had_samtalen = not alone(tone, lambda o: "samtalen" in o[3])
    assert people_after["samtalen"] == samtalen_before + (0 if writer_had_samtalen else 1)
    assert negative_after[calm_theme] == negative[calm_theme] - 1
    assert families_after["forstaaelse"] == families["forstaaelse"] + 1
    assert after["recoded"] == {"coded": 3, "changed": 3}

    # The report shows the same numbers as the summary, before and after.
    from docgen.formatting import format_count  # "<5" under 5, as every report shows people
    from textmining.domain.survey import load_complaints, load_themes

    names = {t.key: t.name for t in load_themes()}
    texts = {c.name: c.text for c in load_complaints()}
    for data, ctx in ((before, ctx_before), (after, ctx_after)):
        rows = {r["tema"]: r for r in ctx["temaer"]}
        for t in data["themes"]:
            shown = rows[names[t["theme"]]]
            assert shown["antal"] == format_count(t["respondents"])
            assert shown["negative"] == format_count(t["negative"])
        klager = {r["klage"]: r["antal"] for r in ctx["klager"]}
        for c in data["complaints"]:
            assert klager[texts[c["complaint"]]] == format_count(c["respondents"])
    assert "ingen er kodet om af en medarbejder" in ctx_before["temaer_note"]
    assert "3 kommentarer er gennemgået af en medarbejder, og heraf er 3 kodet om" in ctx_after["temaer_note"]

    # A new export shows the person's codes, and importing it unchanged changes nothing.
    header, again = export(db, tmp_path / "igen.csv")
    coded = {r[0]: r[6:] for r in again if any(r[6:])}
    assert coded == {
        tone[0]: ["samtalen", "", "", "", "AB"],
        calm[0]: ["", "nej", "", "Ironisk ment", "TL"],
        missed[0]: ["", "ja", "forstaaelse", "", "TL"],
    }
    same = run(db, "survey", "recode", "--import", tmp_path / "igen.csv", "--koder", "TL")
    assert same.output.strip() == "Gemt: 0, uændret: 3, uden kode: 384, afvist: 0"
    assert summary(db) == after


def test_reimport_changes_nothing_and_the_newest_code_counts(db, tmp_path):
    header, body = export(db, tmp_path / "koder.csv")
    row = next(r for r in body if r[4] == "ja")
    row[7] = "nej"
    first = write_csv(tmp_path / "a.csv", header, body)
    assert run(db, "survey", "recode", "--import", first, "--koder", "TL").exit_code == 0
    again = run(db, "survey", "recode", "--import", first, "--koder", "TL")
    assert again.output.strip() == "Gemt: 0, uændret: 1, uden kode: 386, afvist: 0"
    row[7] = "ja"
    second = write_csv(tmp_path / "b.csv", header, body)
    assert run(db, "survey", "recode", "--import", second, "--koder", "TL").exit_code == 0
    # Back to the first sheet: it is newer now, so it counts again.
    assert run(db, "survey", "recode", "--import", first, "--koder", "TL").output.strip() == (
        "Gemt: 1, uændret: 0, uden kode: 386, afvist: 0"
    )
    with sqlite3.connect(db) as conn:
        history = conn.execute(
            "SELECT negative, coded_by, source FROM survey_codes WHERE comment_id = ? ORDER BY id", [row[0]]
        ).fetchall()
    assert history == [(0, "TL", "a.csv"), (1, "TL", "b.csv"), (0, "TL", "a.csv")]
    _, now = export(db, tmp_path / "nu.csv")
    assert next(r for r in now if r[0] == row[0])[7] == "nej"


def test_bad_rows_are_danish_lines_and_the_good_rows_are_stored(db, tmp_path):
    header, body = export(db, tmp_path / "koder.csv")
    good, theme, family, yes_no, unknown, conflict = body[:6]
    good[6] = "Tone og respekt, indkaldelse"  # a theme's Danish name works as well as its key
    theme[6] = "venlighed"
    family[8] = "uhøflig"
    yes_no[7] = "måske"
    unknown[0], unknown[7] = "k000000000000", "ja"
    conflict[7], conflict[8] = "nej", "trussel"
    sheet = write_csv(tmp_path / "fejl.csv", header, body)
    result = run(db, "survey", "recode", "--import", sheet, "--koder", "TL")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [
        "Fejl: fejl.csv, række 3: ukendt tema 'venlighed' i kolonnen tema; brug indkaldelse, "
        "information, ventetid, medbringe, tone, samtalen, videre_forloeb, moedeform eller ingen",
        "Fejl: fejl.csv, række 4: ukendt klage 'uhøflig' i kolonnen klage; brug "
        f"{', '.join(c.name for c in load_complaints())} eller ingen",
        "Fejl: fejl.csv, række 5: 'måske' i kolonnen negativ er hverken ja eller nej",
        "Fejl: fejl.csv, række 6: ukendt id 'k000000000000'; kommentaren findes ikke i "
        "databasen (lav en ny eksport med 'afdaek survey recode --export')",
        "Fejl: fejl.csv, række 7: en klage er negativ, men negativ er 'nej'; skriv negativ ja "
        "eller klage ingen",
        "Gemt: 1, uændret: 0, uden kode: 381, afvist: 5",
    ]
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT comment_id, themes FROM survey_codes").fetchall()
    assert stored == [(good[0], '["indkaldelse", "tone"]')]


def test_unreadable_sheets_are_one_line(db, tmp_path):
    missing = run(db, "survey", "recode", "--import", tmp_path / "findes.csv")
    assert missing.exit_code == 1
    assert missing.output.strip() == f"Fejl: {tmp_path / 'findes.csv'}: filen findes ikke"
    other = write_csv(tmp_path / "andet.csv", ["fund_id", "afgoerelse"], [["1", "bekræft"]])
    wrong = run(db, "survey", "recode", "--import", other)
    assert wrong.output.strip() == f"Fejl: {other}: kolonnen 'id' mangler i første række"
    neither = run(db, "survey", "recode")
    assert neither.exit_code == 2 and "angiv enten --export FIL eller --import FIL" in neither.output


def test_xlsx_round_trip_with_the_list_of_codes(db, tmp_path):
    sheet = tmp_path / "koder.xlsx"
    assert run(db, "survey", "recode", "--export", sheet).exit_code == 0
    wb = openpyxl.load_workbook(sheet)
    ws, codes = wb["Kommentarer"], wb["Koder"]
    assert [c.value for c in ws[1]] == COLUMNS
    assert ("klage", "forstaaelse") in {(r[0], r[1]) for r in codes.iter_rows(values_only=True)}
    ws.cell(row=2, column=7, value="ingen")
    ws.cell(row=2, column=8, value="Nej")
    wb.save(sheet)
    result = run(db, "survey", "recode", "--import", sheet, "--koder", "TL")
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("Gemt: 1, uændret: 0")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT themes, negative FROM survey_codes").fetchall() == [("[]", 0)]


def test_export_without_comments_says_so(tmp_path):
    db = tmp_path / "tom.db"
    assert run(db, "init").exit_code == 0
    result = run(db, "survey", "recode", "--export", tmp_path / "k.csv")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Fejl: der er ingen kommentarer i databasen; indlæs spørgeskemaet først (afdaek ingest)"
    )
