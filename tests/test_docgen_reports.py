"""The Word reports: built from a small in-memory store, checked by their extracted text."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import docx
import pytest

from docgen import reports
from docgen.context_drift import build_context as drift_context
from docgen.context_sanktioner import build_context as sanktioner_context
from docgen.errors import ReportError
from store import open_store

TODAY = date(2024, 5, 1)
CPR = "010190-1234"
CITIZEN = "Jens Hansen"
CASEWORKER = "Mette Juhl"
TAG = re.compile(r"\{\{|\{%|%\}|\}\}")


def _doc(c, doc_id: str, path: str, **extra: str) -> None:
    cols = {
        "id": doc_id,
        "path": path,
        "kind": "tabel",
        "text": "",
        "format": "csv",
        "ingested_at": "2024-01-01",
        **extra,
    }
    c.execute(
        f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        list(cols.values()),
    )


def make_store():
    """A store with every report input: offers, benchmark, indicators, sanctions, appeals,
    screening findings and reviews, survey answers and letter checks."""
    s = open_store(memory=True)
    with s.transaction() as c:
        _doc(c, "t", "/data/tilbud.csv")
        _doc(c, "b", "/data/benchmark.csv")
        _doc(c, "i", "/data/indikatorer.csv")
        _doc(c, "s", "/data/sanktioner.csv")
        _doc(c, "a", "/data/ankesager.csv")
        _doc(c, "q", "/data/survey.csv")
        offers = [
            ("Virksomhedspraktik", "Jobcentret", "egen", 1234567, 20, 80, 8.5, 30, 6, 44),
            ("Mentorforløb", "Marselisborg", "anden aktør", 900000, 10, 3, 12, 1, 0, 2),
            ("Nytteindsats", "Jobcentret", "egen", 600000, 15, 40, 6, 8, 2, 30),
        ]
        for o in offers:
            c.execute(
                "INSERT INTO offers (document_id, name, provider, provider_type, period, "
                "annual_cost, places, participants, mean_duration_weeks, status_job, "
                "status_uddannelse, status_ydelse) VALUES ('t', ?, ?, ?, '2023', ?, ?, ?, ?, ?, "
                "?, ?)",
                list(o),
            )
        for m, place, actual, expected in [
            ("Hedensted Kommune", 7, 1012.4, 1100.0),
            ("Favrskov", 15, 900.0, 880.0),
            ("Vejle", 40, 3000.0, 2950.0),
        ]:
            c.execute(
                "INSERT INTO benchmarks (document_id, municipality, area, period, placering, "
                "faktisk, forventet, forskel, besparelse) VALUES ('b', ?, 'Kontanthjælp', "
                "'2021K3', ?, ?, ?, ?, ?)",
                [m, place, actual, expected, expected - actual, (expected - actual) * 250000],
            )
        for m, base in [("Hedensted", 30.0), ("Favrskov", 28.0)]:
            for k, p in enumerate(["2020K3", "2021K3"]):
                c.execute(
                    "INSERT INTO indicators (document_id, measure, group_name, municipality, "
                    "period, value, unit) VALUES ('i', 'Andel aktiveringsberørte', "
                    "'Kontanthjælp', ?, ?, ?, 'pct')",
                    [m, p, base + 2.5 * k],
                )
            c.execute(
                "INSERT INTO indicators (document_id, measure, group_name, municipality, period, "
                "value, unit) VALUES ('i', 'Antal personer', 'Sygedagpenge', ?, '2021K3', 3, "
                "'antal')",
                [m],
            )
        for m, n in [("Hedensted", 41), ("Favrskov", 30), ("Horsens", 55)]:
            for p in ["2023K1", "2023K2"]:
                c.execute(
                    "INSERT INTO sanction_stats (document_id, municipality, period, ydelse, "
                    "visitationskategori, sanction_type, count) VALUES ('s', ?, ?, "
                    "'Kontanthjælp', 'jobparat', 'fradrag', ?)",
                    [m, p, n],
                )
                c.execute(
                    "INSERT INTO sanction_stats (document_id, municipality, period, ydelse, "
                    "visitationskategori, sanction_type, count) VALUES ('s', ?, ?, "
                    "'Uddannelseshjælp', 'uddannelsesparat', 'nedsættelse', 3)",
                    [m, p],
                )
        c.execute(
            "INSERT INTO appeal_stats (document_id, municipality, period, ydelse, appeals, "
            "changed, sent_back, upheld) VALUES ('a', 'Hedensted', '2023', 'Kontanthjælp', "
            "40, 9, 5, 26)"
        )
        c.execute(
            "INSERT INTO appeal_stats (document_id, municipality, period, ydelse, appeals, "
            "changed, sent_back, upheld) VALUES ('a', 'Vejle', '2023', 'Kontanthjælp', "
            "50, 5, 5, 40)"
        )
        # Screening: 10 cases, P1 mangel in 4 (one rejected by a reviewer), F1 ok everywhere.
        c.execute("INSERT INTO runs (id, command, started_at) VALUES (1, 'screen run', '2024-02-01')")
        c.execute("INSERT INTO runs (id, command, started_at) VALUES (2, 'screen run', '2024-03-01')")
        for k in range(10):
            case_id = f"{CITIZEN} {k}"
            c.execute(
                "INSERT INTO cases (id, ydelse, borger, sagsbehandler, updated_at) "
                "VALUES (?, 'Kontanthjælp', ?, ?, '2024')",
                [case_id, CITIZEN, CASEWORKER],
            )
            c.execute(
                "INSERT INTO case_events (case_id, kind, evidence, document) VALUES (?, "
                "'afgoerelse', ?, 'notat.txt')",
                [
                    case_id,
                    (
                        f"{CITIZEN} ({CPR}) har fået fradrag uden partshøring, skriver "
                        f"{CASEWORKER} på tlf. 12345678."
                    ),
                ],
            )
            event = c.execute("SELECT last_insert_rowid()").fetchone()[0]
            # An older run said mangel everywhere; only the latest run counts.
            c.execute(
                "INSERT INTO findings (run_id, case_id, rule, verdict, explanation, "
                "events, created_at) VALUES (1, ?, 'F1', 'mangel', 'gammel', '[]', '2024')",
                [case_id],
            )
            for rule, verdict in (("P1", "mangel" if k < 4 else "ok"), ("F1", "ok")):
                c.execute(
                    "INSERT INTO findings (run_id, case_id, rule, verdict, explanation, events, "
                    "created_at) VALUES (2, ?, ?, ?, ?, ?, '2024')",
                    [case_id, rule, verdict, f"Ingen partshøring for {CITIZEN}", json.dumps([event])],
                )
        first = c.execute(
            "SELECT id, case_id FROM findings WHERE run_id = 2 AND rule = 'P1' "
            "AND verdict = 'mangel' ORDER BY id LIMIT 1"
        ).fetchone()
        c.execute(
            "INSERT INTO reviews (finding_id, case_id, rule, reviewer, decision, "
            "reviewed_at) VALUES (?, ?, 'P1', 'AB', 'bekraeftet', '2024-03-02')",
            first,
        )
        c.execute(
            "INSERT INTO reviews (finding_id, case_id, rule, reviewer, decision, verdict, "
            "reviewed_at) VALUES (?, ?, 'P1', 'CD', 'aendret', 'ok', '2024-03-03')",
            first,
        )
        levels = ["Yderst tilfreds", "Meget tilfreds", "Tilfreds", "Mindre tilfreds"]
        comments = [
            "Jeg vidste ikke, at jeg skulle medbringe lønsedler til mødet.",
            "Indkaldelsen kom i god tid, og brevet var klart.",
            f"Rådgiveren var sød og hjælpsom. Ring til mig på {CPR}.",
            "Ventetiden var alt for lang, og ingen sagde noget til mig.",
        ]
        for k in range(23):
            c.execute(
                "INSERT INTO survey_responses (document_id, respondent, group_name, before, "
                "during, after, satisfaction) VALUES ('q', ?, ?, ?, ?, '-', ?)",
                [
                    str(k + 1),
                    "Kontanthjælp" if k < 20 else "Sygedagpenge",
                    comments[k % 4],
                    comments[(k + 2) % 4],
                    levels[k % 4],
                ],
            )
        for k, lix in enumerate([30.0, 48.2, 56.0]):
            _doc(c, f"L{k}", f"/breve/brev{k}.txt", kind="brev", format="txt")
            c.execute(
                "INSERT INTO letter_checks (document_id, profile, lix, words, sentences, "
                "long_words, checklist, missing, checked_at) VALUES (?, 'indkaldelse', ?, 100, "
                "8, 30, ?, ?, '2024')",
                [
                    f"L{k}",
                    lix,
                    json.dumps({"formaal": True, "medbring": k == 0}),
                    json.dumps([] if k == 0 else ["medbring"]),
                ],
            )
            c.execute(
                "INSERT INTO language_issues (document_id, rule, text, start, end, message, "
                "suggestion) VALUES (?, 'kancellisprog', 'Såfremt', 0, 7, 'Kancellisprog', "
                "'hvis')",
                [f"L{k}"],
            )
    return s


def docx_text(path: Path) -> str:
    """All text of a .docx: paragraphs, tables (rows as 'a | b'), headers and footers."""
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]

    def tables(items):
        for t in items:
            for row in t.rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
                for cell in row.cells:
                    tables(cell.tables)

    tables(d.tables)
    for section in d.sections:
        parts += [p.text for p in section.footer.paragraphs]
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def store():
    s = make_store()
    yield s
    s.close()


@pytest.fixture(scope="module")
def rendered(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("rapporter")
    return {
        name: docx_text(reports.write_reports(store, name, out, today=TODAY)[0][0])
        for name in reports.REPORTS
    }


def _no_leaks(text: str) -> None:
    assert not TAG.search(text), TAG.search(text)
    assert CPR not in text
    assert "0101901234" not in text
    assert CITIZEN not in text and "Hansen" not in text
    assert CASEWORKER not in text
    assert "12345678" not in text


@pytest.mark.parametrize("name", ["drift", "sanktioner", "borgermoede"])
def test_report_has_cover_toc_and_no_leaks(rendered, name):
    text = rendered[name]
    _no_leaks(text)
    assert "Hedensted Kommune" in text
    assert "1. maj 2024" in text
    assert "afdaek" not in text.lower()  # the tool's name is not in text for politicians
    assert "Indhold" in text and "Datagrundlag" in text
    assert "Sammenfatning" in text


def test_drift_numbers(rendered):
    text = rendered["drift"]
    # Economy per offer, Danish formats (amounts in columns headed "(kr.)"), small cells
    # suppressed.
    assert "Tilbud | Leverandør | Årlig udgift (kr.) |" in text
    assert ("Virksomhedspraktik | Jobcentret (egen) | 1.234.567 | 20 | 80 | 8,5 | 15.432 | 61.728") in text
    assert "Mentorforløb | Marselisborg (anden aktør) | 900.000 | 10 | <5 |" in text
    assert "Virksomhedspraktik | 80 | 30 | 6 | 44 | 45,0 %" in text
    assert "Mentorforløb | <5 | <5 | 0 | <5 | –" in text
    assert "I alt | | 2.734.567 | 45 | 123 |" in text.replace("|  |", "| |")
    # Benchmark: forskel and forskel in percent of expected.
    assert "Hedensted | 7 af 98 | 1.012,4 | 1.100 | +87,6 | +8,0 % | +21.900.000" in text
    assert "Favrskov | 15 af 98 | 900 | 880 | -20 | -2,3 % | -5.000.000" in text
    # Indicators: first and latest period, each with the municipality, the comparison mean
    # (Favrskov alone here) and the wider area (none: '–'); a count under 5 suppressed and
    # counts not compared between municipalities of different size.
    assert " | 3. kvt. 2020 | 3. kvt. 2020 | 3. kvt. 2020 | 3. kvt. 2021 | 3. kvt. 2021 |" in text
    lines = text.splitlines()
    for measure, row in (
        ("Andel aktiveringsberørte", "Kontanthjælp | 30,0 % | 28,0 % | – | 32,5 % | 30,5 % | –"),
        ("Antal personer", "Sygedagpenge | – | – | – | <5 | – | –"),
    ):
        at = lines.index(measure + " |  |  |  |  |  | ")  # the measure's row, then its groups
        assert lines[at + 1] == row
    assert "Kilde: indlæst fra indikatorer.csv" not in text  # a file without a named source
    assert "Kilde: indikatorer.csv, 3. kvt. 2020 – 3. kvt. 2021." in text
    # Scenarios with every assumption printed.
    assert "Mere eller mindre af Virksomhedspraktik" in text
    assert "Ændring i antal pladser | +4 | -4" in text
    assert "Ændring i årlig udgift | +246.913 kr. | -246.913 kr." in text
    assert "Sparet forsørgelse pr. måned for en borger i job eller uddannelse | 12.000 kr." in text
    assert "scenarier_standard.toml" in text
    assert "tilbud.csv | Tilbud: udgifter, pladser og resultater | 2023 | 3" in text


def test_sanktioner_numbers(rendered):
    text = rendered["sanktioner"]
    assert "1. kvt. 2023 | 44 | .. | <5" in text  # 44 - 41 would reveal the <5
    assert "Kontanthjælp | 82 | 93,2 %" in text
    assert "Uddannelseshjælp | 6 | 6,8 %" in text
    assert "Horsens | 116 | – | – | 94,8 % | Kontanthjælp" in text  # no recipient counts
    # Screening: latest run only, reviewer's verdict wins (4 mangel → 3).
    assert "P1 | Partshøring før afgørelsen | 10 | <5 | – | 0\n" in text
    assert "F1 | Skriftlig afgørelse med begrundelse | 10 | 0 | 0,0 % | 0\n" in text
    assert "[CPR-nr.]" in text and "[navn]" in text
    # Appeals: omgørelsesprocent (9 + 5) / 40.
    assert "2023 | Kontanthjælp | 40 | 9 | 5 | 26 | 35,0 %" in text
    assert "Vejle | 50 | 20,0 %" in text
    # Scenarios: 88 sanctions a year (44 per quarter), ±25 %.
    assert "Ændring i antal sanktioner pr. år | +44 | 176 sanktioner om året × +25 %" in text
    # the standard assumption: the latest year's omgørelsesprocent changed by 10 %
    assert "Forventet omgørelsesprocent | 38,5 % | 35,0 % i 2023 ændret med +10 %" in text
    assert "Gennemsnitligt fradrag pr. sanktion | 1.500 kr." in text
    assert "Fordele" in text and "Ulemper" in text


def test_borgermoede_numbers(rendered):
    text = rendered["borgermoede"]
    assert "Yderst tilfreds | 6 | 26,1 %" in text
    assert "Mindre tilfreds | 5 | 21,7 %" in text
    assert "Kontanthjælp | 5 | 5 | 5 | 5 | 20 | 25,0 %" in text
    assert "Sygedagpenge | <5 | <5 | <5 | 0 | <5 | –" in text
    assert re.search(r"Hvad man skal medbringe \| .* \| 12 \| 52,2 % \| 12 \|", text)
    assert "»Jeg vidste ikke, at jeg skulle medbringe lønsedler til mødet.«" in text
    assert "Let | 25-34 | 1 | 33,3 %" in text
    assert "Kancellisprog | 3 | 3 | »såfremt« → »hvis«" in text
    assert "Hvad borgeren skal medbringe | 2 | 66,7 %" in text
    assert "Skriv i hver indkaldelse, hvad borgeren skal have med" in text
    assert "AFINN" in text


def test_contexts_are_deterministic(store):
    assert drift_context(store, TODAY) == drift_context(store, TODAY)
    assert sanktioner_context(store, TODAY) == sanktioner_context(store, TODAY)


def test_same_store_and_date_give_the_same_text(store, tmp_path):
    a = docx_text(reports.write_reports(store, "drift", tmp_path / "a", today=TODAY)[0][0])
    b = docx_text(reports.write_reports(store, "drift", tmp_path / "b", today=TODAY)[0][0])
    assert a == b


def test_period_filter(store):
    ctx = sanktioner_context(store, TODAY, period="2023K1")
    assert [r["periode"] for r in ctx["sanktioner_kvartal"]] == ["1. kvt. 2023"]
    assert ctx["periode_tekst"] == "1. kvt. 2023"


def test_scenario_file_overrides_defaults(store, tmp_path):
    path = tmp_path / "scenarier.toml"
    path.write_text(
        "[tilbud.nytteindsats]\naendring_pladser = 5\npris_pr_plads_kr = 30000\n", encoding="utf-8"
    )
    ctx = drift_context(store, TODAY, scenarios=path)
    assert [s["titel"] for s in ctx["scenarier"]] == ["Mere eller mindre af Nytteindsats"]
    rows = {r["tekst"]: r for r in ctx["scenarier"][0]["raekker"]}
    assert rows["Ændring i årlig udgift"]["mere"] == "+150.000 kr."
    assert any(
        a["tekst"] == "Årlig pris pr. plads" and a["vaerdi"] == "30.000 kr." for a in ctx["antagelser"]
    )


def test_empty_store_renders_every_report(tmp_path):
    s = open_store(memory=True)
    for name in reports.REPORTS:
        text = docx_text(reports.write_reports(s, name, tmp_path, today=TODAY)[0][0])
        assert not TAG.search(text)
        assert "Kommunen" in text


def test_screening_report(store, tmp_path):
    text = docx_text(reports.write_extra_report("screening.docx", store, tmp_path / "s.docx", today=TODAY))
    _no_leaks(text)
    assert "P1 | Partshøring før afgørelsen | 10 | <5 | –" in text
    # One P1 finding reviewed twice: the latest review (changed to ok) counts once.
    assert "P1 | <5 | 0 | <5 | 0 | –" in text
    assert "Enighed mellem værktøj og sagsbehandlere" in text


def test_letters_report(tmp_path):
    results = [
        {
            "file": "/breve/indkaldelse.txt",
            "profile": "indkaldelse",
            "lix": 47.3,
            "words": 210,
            "sentences": 12,
            "long_words": 63,
            "rix": 5.25,
            "band": "svær",
            "issues": [
                {
                    "rule": "kancellisprog",
                    "text": "såfremt",
                    "start": 10,
                    "end": 17,
                    "message": "Kancellisprog: skriv 'hvis'",
                    "suggestion": "hvis",
                },
                {
                    "rule": "passiv",
                    "text": "De bedes",
                    "start": 30,
                    "end": 38,
                    "message": "Passiv form",
                    "suggestion": "vi beder dig",
                },
            ],
            "checklist": {"formaal": True, "tid": True, "medbring": False, "konsekvens": False},
        },
        {
            "file": "/breve/foerste.txt",
            "profile": "foerste_indkaldelse",
            "lix": 31.0,
            "words": 120,
            "sentences": 10,
            "long_words": 20,
            "rix": 2.0,
            "band": "let",
            "issues": [],
            "checklist": {"formaal": True, "tid": True, "medbring": True, "konsekvens": False},
        },
    ]
    text = docx_text(reports.write_extra_report("breve.docx", results, tmp_path / "breve.docx", today=TODAY))
    assert not TAG.search(text)
    assert "indkaldelse.txt | indkaldelse | 47,3 | Svær | 210 | 12 | 63 | 2" in text
    assert "Kancellisprog | 1 | 1 | »såfremt« → »hvis«" in text
    assert "Passiv form | 1 | 1 | »de bedes« → »vi beder dig«" in text  # klarsprog_rules.toml navn
    assert "Hvad borgeren skal medbringe | 1 | 50,0 %" in text
    # A friendly first summons is not required to state the consequence.
    assert "Konsekvens ved udeblivelse | 1 | 50,0 %" in text
    assert "Tjekliste: mangler hvad borgeren skal medbringe, konsekvens ved udeblivelse." in text


def test_bundled_templates_are_valid():
    problems = reports.validate_templates()
    assert set(reports.ALL_TEMPLATES) <= set(problems)
    assert all(not problems[name] for name in reports.ALL_TEMPLATES), problems


def test_export_keeps_existing_files(tmp_path):
    (tmp_path / "breve.docx").write_bytes(b"min egen")
    written = reports.export_templates(tmp_path)
    names = {p.name for p in written}
    assert set(reports.ALL_TEMPLATES) - {"breve.docx"} <= names
    assert "breve.docx" not in names
    assert (tmp_path / "breve.docx").read_bytes() == b"min egen"


def test_edited_template_is_used(store, tmp_path):
    reports.export_templates(tmp_path / "skabeloner")
    d = docx.Document(str(tmp_path / "skabeloner" / "rapport_drift.docx"))
    d.add_paragraph("Godkendt af direktionen.")
    d.save(str(tmp_path / "skabeloner" / "rapport_drift.docx"))
    out = reports.write_reports(
        store, "drift", tmp_path / "ud", today=TODAY, templates_dir=tmp_path / "skabeloner"
    )[0][0]
    assert "Godkendt af direktionen." in docx_text(out)


def test_unknown_report_and_missing_pdf_tools(store, tmp_path, monkeypatch):
    with pytest.raises(ReportError, match='ukendt rapport "budget"'):
        reports.write_reports(store, "budget", tmp_path, today=TODAY)
    monkeypatch.setattr(reports, "_soffice", lambda: None)
    with pytest.raises(ReportError, match="apt-get install libreoffice-writer"):
        reports.to_pdf(tmp_path / "x.docx")


def test_validate_templates_reports_edits_in_danish(tmp_path):
    reports.export_templates(tmp_path)
    d = docx.Document(str(tmp_path / "rapport_drift.docx"))
    d.add_paragraph("Udvalgets bemærkning: {{ udvalgets_bemaerkning }}")
    d.save(str(tmp_path / "rapport_drift.docx"))
    d = docx.Document(str(tmp_path / "screening.docx"))
    d.add_paragraph("{% if enighed %}Der er enighed.")
    d.save(str(tmp_path / "screening.docx"))
    problems = reports.validate_templates(tmp_path)
    drift = problems["rapport_drift.docx"]
    assert len(drift) == 1 and drift[0].kind == "ukendt_variabel" and drift[0].line
    assert 'bruger variablen "udvalgets_bemaerkning", som rapporten ikke leverer' in str(drift[0])
    screening = problems["screening.docx"]
    assert len(screening) == 1 and screening[0].kind == "syntaks"
    assert "skabelonen slutter, før en blok er lukket (mangler {% endif %})" in str(screening[0])
    assert str(screening[0]).startswith("screening.docx, linje ")
    assert problems["breve.docx"] == []


def test_screening_section_is_not_presented_as_fact():
    """Shares among the cases a rule could be assessed in; a rule that assessed nothing says
    so in words (never "0,0 %"); the note says how many verdicts a caseworker has reviewed."""
    from docgen.context_screening import screening_section

    s = open_store(memory=True)
    with s.transaction() as c:
        c.execute("INSERT INTO runs (id, command, started_at) VALUES (1, 'screen run', '2024')")
        for k in range(8):
            c.execute("INSERT INTO cases (id, updated_at) VALUES (?, '2024')", [f"s{k}"])
            for rule, verdict in (
                ("A1", "kan_ikke_vurderes"),
                ("P1", "mangel" if k < 2 else "ok" if k < 6 else "kan_ikke_vurderes"),
            ):
                c.execute(
                    "INSERT INTO findings (run_id, case_id, rule, verdict, explanation, "
                    "events, created_at) VALUES (1, ?, ?, ?, '', '[]', '2024')",
                    [f"s{k}", rule, verdict],
                )
    section = screening_section(s)
    rows = {r["regel"]: r for r in section["screening_regler"]}
    assert rows["A1"]["andel"] == "ingen kunne vurderes" and rows["A1"]["vurderet"] == "0"
    assert rows["A1"]["kan_ikke"] == "8 af 8"
    # P1: 2 mangel among the 6 assessed; 2 of 8 cannot be assessed
    assert rows["P1"]["vurderet"] == "6" and rows["P1"]["kan_ikke"] == "<5 af 8"
    assert "Ingen af vurderingerne er endnu gennemgået" in section["screening_note"]
    assert "afdaek" not in section["screening_note"]
    # the table hides P1's 2 mangler ("<5", share "–"); the figure must not plot the share
    assert rows["P1"]["mangler"] == "<5" and rows["P1"]["andel"] == "–"
    assert "P1" not in section["figur_screening"].categories


def test_borgermoede_quotes_are_about_their_theme_and_negative_for_a_negative_theme():
    """Each theme's examples: a theme most writers are negative about is quoted negatively;
    otherwise one negative and one positive; a quote is the clause that carries the theme, so
    a friendly caseworker before "men" is no example of an unclear agreement."""
    from docgen.context_borgermoede import _comments
    from textmining.domain.survey import analyse_comments

    waiting = [
        "Jeg ventede 40 minutter i venteværelset.",
        "Vi ventede og ventede på mødet.",
        "Jeg har ventet i tre måneder på et kursus.",
        "Lang ventetid på at få en tid.",
        "Jeg ventede en time uden at nogen kom.",
        "Ventetiden var fin og ikke lang.",
    ]
    agreement = [
        "Hun var meget venlig og rar, men der blev ikke aftalt noget konkret.",
        "Klar plan, jeg ved hvad der skal ske de næste måneder.",
        "Fin aftale om praktik, jeg starter på mandag.",
        "Planen er god og står på Min Plan.",
        "Jeg fik en god aftale om et kursus.",
        "Det er uklart hvad der nu skal ske med mig.",
    ]
    analyses = analyse_comments(
        [(f"w{i}", "during", t) for i, t in enumerate(waiting)]
        + [(f"a{i}", "after", t) for i, t in enumerate(agreement)]
    )
    quotes = {q["tema"]: q["citater"] for q in _comments([], analyses)["tema_citater"]}
    by_text = {f"»{s.quote_text}«": s for a in analyses for s in a.sentences}
    wait = quotes["Ventetid og tid"]
    assert len(wait) == 2 and all(by_text[q].score < 0 for q in wait), wait
    first, second = quotes["Aftalen om det videre forløb"]
    assert by_text[first].score < 0 < by_text[second].score
    # the negative clause after "men" is quoted with its sentence, never alone
    assert first == "»Hun var meget venlig og rar, men der blev ikke aftalt noget konkret.«"
    assert not any(q.startswith("»men") for qs in quotes.values() for q in qs), quotes


def test_drift_recommendations_name_economy_quality_and_owner(rendered):
    text = rendered["drift"]
    # Virksomhedspraktik: clearly better results than the mean (45,0 % vs 38,2 %) at a lower
    # price per participant; the mechanical "Se på indhold og pris" grid is gone.
    assert "Udvid Virksomhedspraktik" in text
    assert "Se på indhold og pris" not in text
    part = text[text.index("Udvid Virksomhedspraktik") :]
    part = part[: part.index("Grundlag:")]
    assert "Økonomi: Virksomhedspraktik: nettovirkning ca. " in part
    assert "Kvalitet: " in part
    assert "Ansvarlig: Jobcentrets leder af tilbudsområdet" in part


def test_weakest_benchmark_area_learns_from_the_best_comparison():
    from docgen.context_drift import _weakest_area

    def row(m, rank, actual, expected, saving):
        return {
            "municipality": m,
            "placering": rank,
            "faktisk": actual,
            "forventet": expected,
            "forskel": actual - expected,
            "besparelse": saving,
        }

    good = row("Egebjerg", 3, 90, 100, 100_000)
    weak = row("Egebjerg", 40, 105, 100, -50_000)
    best = row("Favrskov", 2, 90, 100, 100_000)
    areas = [
        {"navn": "Kontanthjælpsområdet", "periode": "2022", "_own": good, "_ties": [], "_rows": [good]},
        {"navn": "Sygedagpengeområdet", "periode": "2022", "_own": weak, "_ties": [], "_rows": [best, weak]},
    ]
    rec = _weakest_area(areas)
    assert rec["titel"] == "Lær af Favrskov på sygedagpengeområdet"
    # From +5 % to Favrskov's -10 %: 15 full-time persons at 10.000 kr. each.
    assert rec["oekonomi"].startswith(
        "ca. 15 færre fuldtidspersoner på ydelse, svarende til ca. 150.000 kr. om året"
    )


def test_offers_compared_with_the_year_before_and_by_provider():
    from docgen.context_drift import build_context as drift

    s = make_store()
    with s.transaction() as c:
        c.execute(
            "INSERT INTO offers (document_id, name, provider, provider_type, period, "
            "annual_cost, places, participants, mean_duration_weeks, status_job, "
            "status_uddannelse, status_ydelse) VALUES ('t', 'Virksomhedspraktik', "
            "'Jobcentret', 'egen', '2022', 1000000, 20, 100, 8.0, 30, 5, 50)"
        )
    ctx = drift(s, TODAY)
    (row,) = [r for r in ctx["tilbud_udvikling"] if r["navn"] == "Virksomhedspraktik"]
    # 2022: 35 of 100 at 10.000 kr.; 2023: 36 of 80 at 15.432 kr.
    assert (row["pris_foer"], row["pris_nu"]) == ("10.000", "15.432")
    assert (row["andel_foer"], row["andel_nu"], row["aendring"]) == ("35,0 %", "45,0 %", "+10,0")
    assert ctx["tilbud_periode_foer"] == "2022" and ctx["tilbud_periode_nu"] == "2023"
    kinds = {r["type"]: r for r in ctx["leverandoertyper"]}
    assert set(kinds) == {"egen", "anden aktør"}
    assert kinds["egen"]["deltagere"] == "120"  # Virksomhedspraktik 80 + Nytteindsats 40
