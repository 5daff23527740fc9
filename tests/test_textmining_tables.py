"""Tests for textmining.readers.tables: readers, Danish numbers, periods, errors, XLSX, scenarios."""

from __future__ import annotations

import string
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textmining.errors import InputError
from textmining.readers.tables import (
    READERS,
    SATISFACTION_SCALE,
    AppealStat,
    Indicator,
    danish_period,
    detect_table_kind,
    parse_danish_number,
    parse_period,
    period_sort_key,
    read_appeal_stats,
    read_benchmarks,
    read_indicators,
    read_offers,
    read_sanction_stats,
    read_scenarios,
    read_survey,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TABLES = EXAMPLES / "tables"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def message(exc: pytest.ExceptionInfo) -> str:
    return str(exc.value)


# --------------------------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),
        ("12,3 %", 12.3),
        ("12,3%", 12.3),
        ("-1.234", -1234.0),
        ("1.234.567", 1234567.0),
        ("1 234", 1234.0),
        ("0,5", 0.5),
        ("42", 42.0),
        ("1.234,-", 1234.0),
        ("kr. 1.234,50", 1234.5),
        ("7,5 pct.", 7.5),
        ("- 8.400.000", -8400000.0),
        ("−3,5", -3.5),
        (17, 17.0),
        (2.5, 2.5),
    ],
)
def test_danish_numbers(text, expected):
    assert parse_danish_number(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "..", "...", ".", "-", "–", "x", "<5", "< 5", "(<5)", None])
def test_suppressed_cells_are_none(text):
    assert parse_danish_number(text) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("12,3,4", '"12,3,4" er ikke et tal'),
        ("abc", '"abc" er ikke et tal'),
        ("12.5", '"12.5" er ikke et tal (brug dansk talformat: komma før decimaler, fx 1.234,5)'),
        ("1.23", '"1.23" er ikke et tal (brug dansk talformat: komma før decimaler, fx 1.234,5)'),
        ("=SUM(A1:A3)", '"=SUM(A1:A3)" er en formel, ikke et tal'),
    ],
)
def test_bad_numbers(text, problem):
    with pytest.raises(InputError) as exc:
        parse_danish_number(text)
    assert exc.value.problem == problem


@given(st.text(alphabet=string.digits + ".,-−– %<>kr=x\u00a0", max_size=20))
def test_number_parser_raises_only_input_error(text):
    try:
        value = parse_danish_number(text)
    except InputError:
        return
    assert value is None or isinstance(value, float)


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none()))
def test_number_parser_any_value(value):
    try:
        parse_danish_number(value)
    except InputError:
        pass


# --------------------------------------------------------------------------------------------
# Periods


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2021K3", "2021K3"),
        ("2021 k3", "2021K3"),
        ("3. kvt. 2021", "2021K3"),
        ("3.kvt 21", "2021K3"),
        ("3kv21", "2021K3"),
        ("3. kvartal 2021", "2021K3"),
        ("2021Q3", "2021K3"),
        ("2021-09", "2021M09"),
        ("2021M09", "2021M09"),
        ("2021M9", "2021M09"),
        ("september 2021", "2021M09"),
        ("2021", "2021"),
        ("2021H2", "2021H2"),
        ("2. halvår 2019 - 1. halvår 2020", "2019H2-2020H1"),
        ("3kv18-2kv19", "2018K3-2019K2"),
        (2021, "2021"),
    ],
)
def test_periods(text, label):
    assert parse_period(text).label == label


def test_period_sort_order():
    labels = ["2022K1", "2021", "2021M09", "2021K3", "2019K3", "2021K4", "2020H2"]
    assert sorted(labels, key=period_sort_key) == [
        "2019K3",
        "2020H2",
        "2021K3",
        "2021M09",
        "2021",
        "2021K4",
        "2022K1",
    ]


def test_danish_period_text():
    assert danish_period("2021K3") == "3. kvt. 2021"
    assert danish_period("2021M09") == "september 2021"
    assert danish_period("2019H2-2020H1") == "2. halvår 2019 – 1. halvår 2020"


@pytest.mark.parametrize("text", ["2021K5", "13-2021", "kvartal", "", "2021M13"])
def test_bad_period(text):
    with pytest.raises(InputError) as exc:
        parse_period(text)
    assert "er ikke en periode" in exc.value.problem


@given(st.text(max_size=25))
def test_period_parser_raises_only_input_error(text):
    try:
        period = parse_period(text)
    except InputError:
        return
    assert period.start <= period.end


# --------------------------------------------------------------------------------------------
# Readers on small files


INDICATORS_CSV = """\
Område;Ydelsesgrupper;Periode;Måling;Værdi
Egebjerg;Kontanthjælp jobparat;3. kvt. 2019;Antal personer;1.076
Egebjerg;Kontanthjælp jobparat;2021K3;Andel aktiverede;53,0
Favrskov;Kontanthjælp jobparat;2021K3;Andel aktiverede;..
Favrskov;Kontanthjælp jobparat;2021K3;Antal personer;<5
"""


def test_read_indicators_long(tmp_path):
    path = write(tmp_path, "ind.csv", INDICATORS_CSV)
    rows = read_indicators(path)
    assert rows[0] == Indicator(
        "ind.csv", "Antal personer", "Kontanthjælp jobparat", "Egebjerg", "2019K3", 1076.0, "antal"
    )
    assert rows[1].value == 53.0 and rows[1].unit == "pct"
    assert rows[2].value is None and rows[3].value is None


def test_read_indicators_wide_cp1252_comma(tmp_path):
    text = (
        "Kommune,Ydelsesgruppe,Periode,Antal personer,Andel aktiveringsberørte\n"
        'Egebjerg,Ressourceforløb,2021K3,166,"80,1"\n'
    )
    path = write(tmp_path, "wide.csv", text, encoding="cp1252")
    rows = read_indicators(path)
    assert [(r.measure, r.value, r.unit) for r in rows] == [
        ("Antal personer", 166.0, "antal"),
        ("Andel aktiveringsberørte", 80.1, "pct"),
    ]
    assert detect_table_kind(path) == "indikatorer"


def test_header_tolerant_of_spelling_case_and_title_rows(tmp_path):
    text = (
        "Tabel fra jobindsats.dk;;;;\n\nOMRAADE;ydelsesgruppe;PERIODE;maaling;vaerdi\n"
        "Egebjerg;Sygedagpenge;2021;Antal personer;12\n"
    )
    rows = read_indicators(write(tmp_path, "t.csv", "\ufeff" + text))
    assert rows[0].municipality == "Egebjerg" and rows[0].period == "2021"


def test_wrong_cell_gives_exact_line(tmp_path):
    lines = INDICATORS_CSV.splitlines()
    lines += ["Egebjerg;Ressourceforløb;2021K3;Antal personer;1"] * 1
    lines.append("Egebjerg;Ressourceforløb;2021K3;Antal personer;12,3,4")
    path = write(tmp_path, "eksempel.csv", "\n".join(lines) + "\n")
    with pytest.raises(InputError) as exc:
        read_indicators(path)
    assert message(exc) == f'{path}, række 7, kolonne "Værdi": "12,3,4" er ikke et tal'


def test_missing_column_gives_exact_line(tmp_path):
    path = write(tmp_path, "x.csv", "Område;Periode;Måling;Værdi\nEgebjerg;2021;A;1\n")
    with pytest.raises(InputError) as exc:
        read_indicators(path)
    assert message(exc) == (
        f'{path}, række 1: kolonnen "Ydelsesgruppe" mangler; fundet: "Område", "Periode", '
        '"Måling", "Værdi"; skriv hvilke kolonner det er under [kolonner.indikatorer] i '
        "afdaek.toml"
    )


def test_bad_period_and_missing_value_lines(tmp_path):
    path = write(tmp_path, "p.csv", "Område;Ydelsesgruppe;Periode;Måling;Værdi\nEgebjerg;KH;2021K5;Antal;1\n")
    with pytest.raises(InputError) as exc:
        read_indicators(path)
    assert message(exc).startswith(f'{path}, række 2, kolonne "Periode": "2021K5" er ikke en periode')
    path = write(tmp_path, "q.csv", "Område;Ydelsesgruppe;Periode;Måling;Værdi\n;KH;2021K3;Antal;1\n")
    with pytest.raises(InputError) as exc:
        read_indicators(path)
    assert message(exc) == f'{path}, række 2, kolonne "Område": mangler en værdi'


def test_row_with_too_many_fields(tmp_path):
    path = write(
        tmp_path,
        "c.csv",
        "Område,Ydelsesgruppe,Periode,Måling,Værdi\nEgebjerg,KH,2021K3,Andel,12,5\n",
    )
    with pytest.raises(InputError) as exc:
        read_indicators(path)
    assert message(exc) == (
        f"{path}, række 2: rækken har 6 felter, men overskriften har 5; "
        "tjek skilletegn og at decimaltal med komma står i anførselstegn"
    )


def test_file_problems(tmp_path):
    with pytest.raises(InputError) as exc:
        read_offers(tmp_path / "findes_ikke.csv")
    assert message(exc) == f"{tmp_path / 'findes_ikke.csv'}: filen findes ikke"
    with pytest.raises(InputError) as exc:
        read_offers(write(tmp_path, "a.xls", "x"))
    assert "gem som .xlsx eller .csv" in message(exc)
    with pytest.raises(InputError) as exc:
        read_offers(write(tmp_path, "tom.csv", ""))
    assert "filen er tom" in message(exc)
    with pytest.raises(InputError) as exc:
        read_offers(write(tmp_path, "ikke.xlsx", "ikke en zip"))
    assert message(exc).endswith("ikke.xlsx: Excel-filen er beskadiget og kan ikke læses")


def test_offers_and_counts(tmp_path):
    text = (
        "Tilbud;Leverandør;Type;Periode;Årlig udgift;Pladser;Deltagere;Varighed;Job;"
        "Uddannelse;Ydelse\n"
        "Mentor;Mentorhuset;Anden aktør;2022;1.634.000;60;85;24,9;12;5;46\n"
        "Praktik;Jobcentret;eget;2022;..;;437;9,1;;;\n"
    )
    rows = read_offers(write(tmp_path, "t.csv", text))
    assert rows[0].provider_type == "anden aktør" and rows[0].annual_cost == 1634000
    assert rows[0].cost_per_participant == pytest.approx(1634000 / 85)
    assert rows[1].provider_type == "egen" and rows[1].annual_cost is None
    bad = text.replace("Anden aktør", "kommunal leverandør?").replace("eget", "egen")
    path = write(tmp_path, "b.csv", bad)
    with pytest.raises(InputError) as exc:
        read_offers(path)
    assert message(exc) == (
        f'{path}, række 2, kolonne "Type": "kommunal leverandør?" skal være "egen" eller "anden aktør"'
    )
    path = write(tmp_path, "h.csv", text.replace(";85;", ";8,5;"))
    with pytest.raises(InputError) as exc:
        read_offers(path)
    assert message(exc) == f'{path}, række 2, kolonne "Deltagere": "8,5" er ikke et helt tal'


def test_sanctions_and_appeals(tmp_path):
    s = read_sanction_stats(
        write(
            tmp_path,
            "s.csv",
            "Kommune;Periode;Ydelse;Visitationskategori;Sanktionstype;Antal\n"
            "Vejle;2021K3;Kontanthjælp;jobparat;fradrag;<5\nVejle;2021K3;Kontanthjælp;jobparat;"
            "ophør;0\n",
        )
    )
    assert [x.count for x in s] == [None, 0]
    a = read_appeal_stats(
        write(
            tmp_path,
            "a.csv",
            "Kommune;Periode;Ydelse;Ankesager;Ændret;Hjemvist;Stadfæstet\n"
            "Egebjerg;2021;Kontanthjælp;20;4;2;14\n",
        )
    )
    assert a == [AppealStat("Egebjerg", "2021", "Kontanthjælp", 20, 4, 2, 14)]
    assert a[0].omgoerelsesprocent == pytest.approx(30.0)
    path = write(
        tmp_path,
        "b.csv",
        "Kommune;Periode;Ydelse;Ankesager;Ændret;Hjemvist\nEgebjerg;2021;KH;3;4;2\n",
    )
    with pytest.raises(InputError) as exc:
        read_appeal_stats(path)
    assert message(exc) == (
        f"{path}, række 2: ændrede, hjemviste og stadfæstede sager (6) er flere end ankesagerne (3)"
    )


def test_survey_scale(tmp_path):
    text = (
        "Respondent;Gruppe;Før samtalen – indkaldelsen?;Under samtalen;Efter samtalen;"
        "Samlet tilfredshed med samtalen\n"
        "1;Sygedagpenge;Fint;–;;meget tilfreds\n2;Sygedagpenge;;;;\n"
    )
    rows = read_survey(write(tmp_path, "s.csv", text))
    assert rows[0].satisfaction == "Meget tilfreds" and rows[0].during is None
    assert rows[1].satisfaction is None
    assert SATISFACTION_SCALE[0] == "Yderst tilfreds"
    path = write(tmp_path, "bad.csv", text.replace("meget tilfreds", "Godt"))
    with pytest.raises(InputError) as exc:
        read_survey(path)
    assert message(exc) == (
        f'{path}, række 2, kolonne "Samlet tilfredshed med samtalen": '
        '"Godt" er ikke på skalaen (Yderst tilfreds, Meget tilfreds, '
        "Tilfreds, Mindre tilfreds eller tom)"
    )


# --------------------------------------------------------------------------------------------
# XLSX


def make_xlsx(path: Path, rows: list[list], title: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append(["Benchmark, syntetisk"])
        ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


BENCH_HEADER = [
    "Kommune",
    "Område",
    "Periode",
    "Placering på benchmarkranglisten",
    "Faktisk ydelsesomfang (fuldtidspersoner)",
    "Forventet ydelsesomfang",
    "Forskel",
    "Ændring i kommunale besparelser (kroner)",
]


def test_xlsx_benchmark_with_title_rows(tmp_path):
    path = make_xlsx(
        tmp_path / "bm.xlsx",
        [
            BENCH_HEADER,
            [
                "Egebjerg",
                "Alle ydelser",
                "2. halvår 2019 - 1. halvår 2020",
                12,
                2280,
                2400,
                None,
                "8.400.000",
            ],
        ],
        title=True,
    )
    rows = read_benchmarks(path)
    assert rows[0].period == "2019H2-2020H1" and rows[0].placering == 12
    # Forskel is faktisk − forventet, as jobindsats gives it: 120 fewer on benefits than expected.
    assert rows[0].forskel == -120 and rows[0].besparelse == 8400000
    assert detect_table_kind(path) == "benchmark"


def test_xlsx_formula_cell(tmp_path):
    path = make_xlsx(
        tmp_path / "f.xlsx",
        [
            BENCH_HEADER,
            ["Egebjerg", "Alle ydelser", "2021H1", 12, 2280, "=E4+120", None, None],
        ],
        title=True,
    )
    with pytest.raises(InputError) as exc:
        read_benchmarks(path)
    assert message(exc) == (
        f'{path}, række 4, kolonne "Forventet ydelsesomfang": cellen '
        'indeholder formlen "=E4+120" uden gemt resultat; åbn filen i '
        "Excel og gem den igen, eller indsæt værdierne som tal"
    )


def test_xlsx_formula_text_in_csv(tmp_path):
    path = write(tmp_path, "f.csv", ";".join(BENCH_HEADER) + "\nEgebjerg;Alle ydelser;2021;1;=B2;2;3;4\n")
    with pytest.raises(InputError) as exc:
        read_benchmarks(path)
    assert 'cellen indeholder formlen "=B2"' in message(exc)


# --------------------------------------------------------------------------------------------
# Scenario TOML


def test_scenarios(tmp_path):
    path = write(
        tmp_path,
        "s.toml",
        'titel = "Test"\n[sanktioner]\ntimepris_kr = 450\n'
        'sagsbehandlertimer_pr_sanktion = { vaerdi = 2.5, tekst = "Tid", kilde = "K" }\n'
        "[tilbud.mentor]\naendring_pladser = -5\n",
    )
    params = read_scenarios(path)
    assert params.values == {
        "sanktioner": {"timepris_kr": 450.0, "sagsbehandlertimer_pr_sanktion": 2.5},
        "tilbud.mentor": {"aendring_pladser": -5.0},
    }
    assert params.meta == {"titel": "Test"}
    labels = [(a.label, a.unit, a.source) for a in params.assumptions]
    assert labels[0] == ("Timepris for en sagsbehandler inkl. overhead", "kr.", "")
    assert labels[1] == ("Tid", "timer", "K")
    assert params.sections_under("tilbud") == {"mentor": {"aendring_pladser": -5.0}}
    assert detect_table_kind(path) == "scenarier"


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('[sanktioner]\ntimepris_kr = "abc"\n', '[sanktioner] timepris_kr: "abc" er ikke et tal'),
        ("[sanktioner]\ntimepris_kr = -1\n", "[sanktioner] timepris_kr: -1 må ikke være negativ"),
        (
            "[sanktioner]\nandel_klager_pct = 140\n",
            "[sanktioner] andel_klager_pct: 140 pct. er over 100",
        ),
        (
            "[sanktioner]\ntimepris_kr = \n",
            "ugyldig TOML i linje 2, kolonne 15: værdien mangler eller kan ikke læses "
            "(tekst skal stå i anførselstegn)",
        ),
        ("timepris_kr = 4\n", '"timepris_kr" skal stå i en sektion, fx [sanktioner]'),
        ("", "filen indeholder ingen antagelser (fx [sanktioner] timepris_kr = 450)"),
    ],
)
def test_scenario_errors(tmp_path, toml, problem):
    path = write(tmp_path, "s.toml", toml)
    with pytest.raises(InputError) as exc:
        read_scenarios(path)
    assert message(exc) == f"{path}: {problem}"


# --------------------------------------------------------------------------------------------
# The example files


def test_examples_kinds_and_readers():
    expected = {
        "indikatorer.csv": "indikatorer",
        "benchmark.csv": "benchmark",
        "tilbud.csv": "tilbud",
        "sanktioner.csv": "sanktioner",
        "ankesager.csv": "ankesager",
        "survey.csv": "survey",
    }
    for name, kind in expected.items():
        path = TABLES / name
        assert detect_table_kind(path) == kind, name
        assert READERS[kind](path), name
    assert detect_table_kind(EXAMPLES / "cases_export.csv") is None


def test_examples_content():
    indicators = read_indicators(TABLES / "indikatorer.csv")
    munis = {i.municipality for i in indicators}
    # the municipality, its comparison municipalities, the RAR area and the whole country
    assert munis == {
        "Egebjerg",
        "Favrskov",
        "Skanderborg",
        "Ringkøbing-Skjern",
        "Vejle",
        "Horsens",
        "RAR Østjylland",
        "Hele landet",
    }
    assert {"2019K3", "2021K3"} <= {i.period for i in indicators}
    bench = read_benchmarks(TABLES / "benchmark.csv")
    for b in bench:
        # the example's column holds forventet − faktisk; afdaek keeps jobindsats' sign
        assert b.forskel == b.faktisk - b.forventet
    offers = read_offers(TABLES / "tilbud.csv")
    assert read_offers(EXAMPLES / "xlsx" / "tilbud.xlsx") == offers
    assert {o.provider_type for o in offers} == {"egen", "anden aktør"}
    for o in offers:
        assert o.status_job + o.status_uddannelse + o.status_ydelse <= o.participants
    sanctions = read_sanction_stats(TABLES / "sanktioner.csv")
    assert any(s.count is None for s in sanctions)
    assert {s.period for s in sanctions} >= {"2019K1", "2022K4"}
    appeals = read_appeal_stats(TABLES / "ankesager.csv")
    assert all(a.omgoerelsesprocent is not None for a in appeals)
    survey = read_survey(TABLES / "survey.csv")
    assert 140 <= len(survey) <= 160
    assert {s.satisfaction for s in survey} == {*SATISFACTION_SCALE, None}
    params = read_scenarios(TABLES / "scenarier.toml")
    assert params.get("sanktioner", "timepris_kr") == 480


# --------------------------------------------------------------------------------------------
# Readers never raise anything but InputError

CELL = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + "æøåÆØÅ.,-%<= \"'", max_size=8),
    st.sampled_from(["..", "-", "<5", "1.234,5", "12,3 %", "2021K3", "Tilfreds", "egen", ""]),
)
HEADERS = st.lists(
    st.sampled_from(
        [
            "Område",
            "Kommune",
            "Ydelsesgruppe",
            "Ydelse",
            "Periode",
            "Måling",
            "Værdi",
            "Enhed",
            "Placering",
            "Faktisk",
            "Forventet",
            "Tilbud",
            "Leverandør",
            "Leverandørtype",
            "Årlig udgift",
            "Deltagere",
            "Visitationskategori",
            "Sanktionstype",
            "Antal",
            "Ankesager",
            "Ændret",
            "Hjemvist",
            "Gruppe",
            "Samlet tilfredshed",
            "Andet",
        ]
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=HEADERS,
    rows=st.lists(st.lists(CELL, max_size=9), max_size=5),
    sep=st.sampled_from([";", ",", "\t"]),
)
@pytest.mark.slow
def test_readers_raise_only_input_error(tmp_path, header, rows, sep):
    text = "\n".join(sep.join(r) for r in [header, *rows])
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    for reader in READERS.values():
        try:
            reader(path)
        except InputError:
            pass
    try:
        detect_table_kind(path)
    except InputError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_readers_on_random_bytes(tmp_path, data):
    for suffix in (".csv", ".xlsx", ".toml"):
        path = tmp_path / f"r{suffix}"
        path.write_bytes(data)
        readers = [read_scenarios] if suffix == ".toml" else list(READERS.values())
        for reader in readers:
            try:
                reader(path)
            except InputError:
                pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=HEADERS,
    rows=st.lists(
        st.lists(
            st.one_of(
                CELL,
                st.integers(-10, 10**6),
                st.floats(allow_nan=False, allow_infinity=False),
                st.none(),
            ),
            max_size=8,
        ),
        max_size=4,
    ),
)
def test_xlsx_readers_raise_only_input_error(tmp_path, header, rows):
    path = make_xlsx(tmp_path / "h.xlsx", [header, *rows])
    for reader in READERS.values():
        try:
            reader(path)
        except InputError:
            pass
