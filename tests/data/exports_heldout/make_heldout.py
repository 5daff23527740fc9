"""Write the held-out export files and their expected answers (run from the repository root).

    .venv/bin/python tests/data/exports_heldout/make_heldout.py

The files imitate what municipalities download from jobindsats.dk (the API's Y30R21 answer as
JSON lines and as `;`/decimal-comma CSV, tables exported from the web site to Excel and CSV)
and from SurveyXact (Labels/Dataset/Structure as xlsx sheets or as three CSV files). Every
number and count in `expected.json` is computed here from the data model the files are
written from, never by reading the files back with afdaek's readers.

`dev/` is for developing the readers; `test/` is held out: its layouts and wordings differ
from dev's (other encodings, quoting, header layouts, period forms, survey variables and
question texts), and it is only measured, never tuned on. The numbers are invented.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
Y = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse"
A = "Forventet og faktisk andel fuldtidspersoner på offentlig forsørgelse"
Y30R21_COLUMNS = [
    "Area",
    "Periode",
    "Ydelsesgrupper",
    f"{Y}: Forventet antal",
    f"{Y}: Faktisk antal",
    f"{Y}: Forskel mellem forventet og faktisk antal",
    f"{A}: Forventet andel (pct.)",
    f"{A}: Faktisk andel (pct.)",
    f"{A}: Forskel mellem forventet og faktisk andel (pct. point)",
    "Placering på benchmarkranglisten",
]
GROUPS = ["Ydelsesgrupper i alt", "A-dagpenge mv.", "Kontanthjælp mv.", "Sygedagpenge mv."]


def danish(value: float, decimals: int, thousands: bool = False) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def benchmark_rows(rng: random.Random, municipalities: list[str], periods: list[str]) -> list[dict]:
    """One record per municipality, group and period, with a rank per group and period."""
    rows = []
    for period in periods:
        for group in GROUPS:
            block = []
            for m in municipalities:
                population = rng.randint(20_000, 400_000)
                expected = round(population * rng.uniform(0.02, 0.12) / 10) * 10
                actual = round(expected * rng.uniform(0.9, 1.1) / 10) * 10
                block.append(
                    {
                        "kommune": m,
                        "ydelsesgruppe": group,
                        "periode": period,
                        "forventet": expected,
                        "faktisk": actual,
                        "forskel": actual - expected,
                        "forventet_andel": round(100 * expected / population, 2),
                        "faktisk_andel": round(100 * actual / population, 2),
                    }
                )
            # Rank 1 is the municipality with the most favourable relative difference.
            block.sort(key=lambda r: (r["faktisk"] - r["forventet"]) / r["forventet"])
            for rank, r in enumerate(block, start=1):
                r["forskel_andel"] = round(r["faktisk_andel"] - r["forventet_andel"], 2)
                r["placering"] = rank
            rows.extend(sorted(block, key=lambda r: municipalities.index(r["kommune"])))
    return rows


def y30r21_values(r: dict) -> list:
    return [
        r["kommune"],
        r["periode"],
        r["ydelsesgruppe"],
        r["forventet"],
        r["faktisk"],
        r["forskel"],
        danish(r["forventet_andel"], 2),
        danish(r["faktisk_andel"], 2),
        danish(r["forskel_andel"], 2),
        r["placering"],
    ]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(dict(zip(Y30R21_COLUMNS, y30r21_values(r))), ensure_ascii=False))
            fh.write("\n")


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    quoting: int = csv.QUOTE_MINIMAL,
    lineterminator: str = "\r\n",
    before: list[list] = (),
    after: list[list] = (),
) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    for row in before:
        writer.writerow(row)
    writer.writerow(header)
    writer.writerows(rows)
    for row in after:
        writer.writerow(row)
    path.write_bytes(buf.getvalue().encode(encoding))


def expected_benchmark(name: str, rows: list[dict], source: str | None = None) -> dict:
    return {
        "file": name,
        "kind": "benchmark",
        "rows": len(rows),
        "source": source,
        "records": [
            {
                k: r[k]
                for k in (
                    "kommune",
                    "ydelsesgruppe",
                    "periode",
                    "faktisk",
                    "forventet",
                    "forskel",
                    "placering",
                )
            }
            for r in rows
        ],
    }


# --------------------------------------------------------------------------------------------
# jobindsats web-site exports (title and notes above, source below, suppressed cells)


def indicator_values(rng: random.Random, municipalities, groups, periods) -> list[dict]:
    out = []
    for m in municipalities:
        for g in groups:
            for p in periods:
                value = rng.randint(0, 3500)
                shown = value
                if value < 5:
                    shown = rng.choice(["<5", "..", "-"])
                    value = None
                out.append({"kommune": m, "gruppe": g, "periode": p, "value": value, "shown": shown})
    return out


def cell_text(v, thousands: bool) -> str:
    if isinstance(v, str):
        return v
    return danish(v, 0, thousands=thousands)


def expected_indicators(
    name: str, values: list[dict], measure: str, source: str, periods_danish: dict[str, str]
) -> dict:
    return {
        "file": name,
        "kind": "indikatorer",
        "rows": len(values),
        "source": source,
        "measure": measure,
        "periods_danish": periods_danish,
        "records": [
            {"kommune": v["kommune"], "gruppe": v["gruppe"], "periode": v["periode"], "value": v["value"]}
            for v in values
        ],
    }


# --------------------------------------------------------------------------------------------
# SurveyXact exports


def survey_model(rng: random.Random, spec: dict) -> dict:
    """Respondents' coded answers for the questions in spec, and the expected summary."""
    respondents = []
    for _ in range(spec["n"]):
        answers = {}
        for q in spec["questions"]:
            if q["type"] == "single":
                codes = [c for c, _ in q["labels"]]
                answers[q["var"]] = None if rng.random() < q.get("blank", 0.05) else rng.choice(codes)
            elif q["type"] == "multiple":
                for i, _text in enumerate(q["choices"], start=1):
                    answers[f"{q['var']}_{i}"] = int(rng.random() < 0.4)
            elif q["type"] == "open":
                answers[q["var"]] = rng.choice(q["texts"]) if rng.random() < q["share"] else ""
            elif q["type"] == "number":
                answers[q["var"]] = rng.randint(18, 66)
        respondents.append(answers)
    by_var = {q["var"]: q for q in spec["questions"]}

    def counts(var: str) -> dict[str, int]:
        labels = dict(by_var[var]["labels"])
        out: dict[str, int] = {}
        for code, _label in by_var[var]["labels"]:
            n = sum(1 for r in respondents if r[var] == code)
            if n:
                out[labels[code]] = n
        return out

    comments = sum(
        1 for r in respondents for q in spec["questions"] if q["type"] == "open" and r[q["var"]].strip()
    )
    questions = []
    for q in spec["questions"]:
        if q["type"] == "multiple":
            for i, choice in enumerate(q["choices"], start=1):
                questions.append(
                    {
                        "variable": f"{q['var']}_{i}",
                        "text": f"{q['text']} - {choice}",
                        "type": "Closed/Multiple",
                    }
                )
        else:
            kind = {"single": "Closed/Single", "open": "Open/String", "number": "Open/Integer"}[q["type"]]
            questions.append({"variable": q["var"], "text": q["text"], "type": kind})
    expected = {
        "respondents": len(respondents),
        "groups": counts(spec["group"]),
        "satisfaction": counts(spec["satisfaction"]),
        "comments": comments,
        "questions": questions,
        "group_variable": spec["group"],
        "satisfaction_variable": spec["satisfaction"],
    }
    return {"respondents": respondents, "expected": expected}


def survey_tables(spec: dict, respondents: list[dict]):
    """(dataset rows with header, labels rows, structure rows with header), as SurveyXact
    writes them: codes in the dataset, one label row per variable and code."""
    header, labels, structure = (
        [],
        [],
        [
            [
                "questionName",
                "variableName",
                "questionType",
                "subType",
                "questionText",
                "choiceValue",
                "choiceText",
            ]
        ],
    )
    for q in spec["questions"]:
        if q["type"] == "multiple":
            for i, choice in enumerate(q["choices"], start=1):
                var = f"{q['var']}_{i}"
                header.append(var)
                labels += [[var, 0, "Ikke valgt"], [var, 1, "Valgt"]]
                structure.append([q["var"], var, "Closed", "Multiple", q["text"], i, choice])
        elif q["type"] == "single":
            header.append(q["var"])
            for code, label in q["labels"]:
                labels.append([q["var"], code, label])
                structure.append([q["var"], q["var"], "Closed", "Single", q["text"], code, label])
        else:
            header.append(q["var"])
            sub = "String" if q["type"] == "open" else "Integer"
            structure.append([q["var"], q["var"], "Open", sub, q["text"], "", ""])
    data = [[r.get(v) for v in header] for r in respondents]
    return [header, *data], labels, structure


def write_survey_xlsx(path: Path, dataset, labels, structure) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Labels"
    for row in labels:
        ws.append(row)
    ws = wb.create_sheet("Dataset")
    for row in dataset:
        ws.append(["" if v is None else v for v in row])
    ws = wb.create_sheet("Structure")
    for row in structure:
        ws.append(row)
    wb.save(path)


def write_survey_csv(folder: Path, dataset, labels, structure, *, unicode: bool) -> None:
    """SurveyXact's two CSV forms: 'Unicode' (UTF-16 LE with BOM, tab) or Windows (cp1252, ;)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("dataset.csv", dataset), ("labels.csv", labels), ("structure.csv", structure)):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t" if unicode else ";", lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        data = buf.getvalue()
        (folder / name).write_bytes(
            ("\ufeff" + data).encode("utf-16-le") if unicode else data.encode("cp1252")
        )


SATISFACTION_5 = [
    (1, "Meget tilfreds"),
    (2, "Tilfreds"),
    (3, "Hverken tilfreds eller utilfreds"),
    (4, "Utilfreds"),
    (5, "Meget utilfreds"),
    (9, "Ved ikke"),
]
YDELSER = [
    (1, "Kontanthjælp"),
    (2, "Uddannelseshjælp"),
    (3, "Sygedagpenge"),
    (4, "A-dagpenge"),
    (5, "Ressourceforløb"),
    (6, "Andet"),
]

DEV_SURVEY = {
    "n": 212,
    "group": "s_1",
    "satisfaction": "s_7",
    "questions": [
        {"var": "s_1", "type": "single", "text": "Hvilken ydelse modtager du?", "labels": YDELSER},
        {
            "var": "s_2",
            "type": "multiple",
            "text": "Hvordan har du været i kontakt med jobcentret?",
            "choices": ["Personlig samtale", "Telefon", "Digital samtale", "Brev eller Digital Post"],
        },
        {
            "var": "s_3",
            "type": "single",
            "text": "Hvor enig er du i: Jeg blev mødt med respekt",
            "labels": [
                (1, "Helt enig"),
                (2, "Delvist enig"),
                (3, "Hverken enig eller uenig"),
                (4, "Delvist uenig"),
                (5, "Helt uenig"),
            ],
        },
        {
            "var": "s_4",
            "type": "open",
            "text": "Fortæl gerne, hvad der var godt ved samtalen",
            "share": 0.3,
            "texts": [
                "God og rolig snak",
                "Jeg fik svar på mine spørgsmål",
                "Min rådgiver lyttede",
                "Det var fint",
            ],
        },
        {"var": "s_5", "type": "number", "text": "Hvor gammel er du?"},
        {
            "var": "s_7",
            "type": "single",
            "text": "Hvor tilfreds er du alt i alt med jobcentret?",
            "labels": SATISFACTION_5,
        },
        {
            "var": "s_8",
            "type": "open",
            "text": "Hvad kan jobcentret gøre bedre?",
            "share": 0.45,
            "texts": [
                "Kortere ventetid i telefonen",
                "Brevene er svære at forstå",
                "Flere møder ansigt til ansigt",
                "Send påmindelse før mødet",
            ],
        },
    ],
}
TEST_SURVEY = {
    "n": 187,
    "group": "baggrund2",
    "satisfaction": "tilfreds_samlet",
    "questions": [
        {
            "var": "baggrund1",
            "type": "single",
            "text": "Er du kvinde eller mand?",
            "labels": [(1, "Kvinde"), (2, "Mand"), (3, "Ønsker ikke at svare")],
        },
        {
            "var": "baggrund2",
            "type": "single",
            "text": "Hvad er din nuværende forsørgelsesgrundlag / ydelse?",
            "labels": [
                (10, "Dagpenge"),
                (20, "Kontanthjælp"),
                (30, "Uddannelseshjælp"),
                (40, "Sygedagpenge"),
                (50, "Jobafklaringsforløb"),
                (60, "Ledighedsydelse"),
            ],
        },
        {
            "var": "kontakt",
            "type": "single",
            "text": "Hvor let var det at komme i kontakt med din sagsbehandler?",
            "labels": [(1, "Meget let"), (2, "Let"), (3, "Svært"), (4, "Meget svært")],
        },
        {
            "var": "tilfreds_samlet",
            "type": "single",
            "text": "Samlet set – hvor tilfreds eller utilfreds er du med den hjælp, du har fået?",
            "labels": [
                (5, "Meget tilfreds"),
                (4, "Overvejende tilfreds"),
                (3, "Hverken tilfreds eller utilfreds"),
                (2, "Overvejende utilfreds"),
                (1, "Meget utilfreds"),
            ],
            "blank": 0.1,
        },
        {
            "var": "kommentar",
            "type": "open",
            "text": "Har du andre kommentarer til jobcentret?",
            "share": 0.35,
            "texts": [
                "Tak for hjælpen",
                "Jeg ventede for længe på svar",
                "Rart at jeg kunne ringe",
                "Mødet blev flyttet to gange",
                "Uklart hvad jeg skulle medbringe",
            ],
        },
    ],
}


def main() -> None:
    rng = random.Random(13)
    dev, test = HERE / "dev", HERE / "test"
    for folder in (dev, test):
        folder.mkdir(exist_ok=True)
        for old in folder.rglob("*"):
            if old.is_file():
                old.unlink()
    expected: dict[str, list] = {"dev": [], "test": []}

    # --- dev: Y30R21 as the API's JSON lines and as its CSV form (UTF-8 BOM, unquoted)
    munis = [
        "Aabenraa",
        "Høje-Taastrup",
        "Ringkøbing-Skjern",
        "Lyngby-Taarbæk",
        "Ærø",
        "Vesthimmerlands",
        "Frederiksberg",
    ]
    rows = benchmark_rows(rng, munis, ["2021QMAT01", "2021QMAT02", "2021QMAT03"])
    write_jsonl(dev / "y30r21_api.jsonl", rows)
    expected["dev"].append(expected_benchmark("y30r21_api.jsonl", rows))
    write_csv(dev / "y30r21_api.csv", Y30R21_COLUMNS, [y30r21_values(r) for r in rows], encoding="utf-8-sig")
    expected["dev"].append(expected_benchmark("y30r21_api.csv", rows))

    # --- dev: web-site export as xlsx: title, notes, a two-row header, periods as columns
    periods = ["2022K1", "2022K2", "2022K3", "2022K4"]
    groups = ["Kontanthjælp", "Sygedagpenge", "Jobafklaringsforløb"]
    values = indicator_values(rng, munis[:5], groups, periods)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Jobindsats"
    ws.append(["Fuldtidspersoner på offentlig forsørgelse efter ydelsesgruppe"])
    ws.append(["Udtræk fra jobindsats.dk den 14. februar 2023"])
    ws.append([])
    ws.append(["Område", "Ydelsesgrupper", "Antal fuldtidspersoner"])
    ws.append(["", "", *periods])
    for m in munis[:5]:
        for g in groups:
            ws.append(
                [
                    m,
                    g,
                    *[
                        next(
                            v["shown"]
                            for v in values
                            if v["kommune"] == m and v["gruppe"] == g and v["periode"] == p
                        )
                        for p in periods
                    ],
                ]
            )
    ws.append([])
    ws.append(["Anm.: Værdier under 5 vises ikke af hensyn til diskretionen."])
    source = "Kilde: Styrelsen for Arbejdsmarked og Rekruttering, jobindsats.dk"
    ws.append([source])
    wb.save(dev / "jobindsats_fuldtidspersoner.xlsx")
    expected["dev"].append(
        expected_indicators(
            "jobindsats_fuldtidspersoner.xlsx",
            values,
            "Antal fuldtidspersoner",
            source,
            {"2022K1": "1. kvt. 2022", "2022K4": "4. kvt. 2022"},
        )
    )

    # --- dev: web-site benchmark export as CSV (cp1252, ;, thousands separators, notes)
    rows_web = benchmark_rows(rng, munis, ["2019H2-2020H1", "2020H2-2021H1"])
    header = [
        "Område",
        "Periode",
        "Ydelsesgrupper",
        "Forventet antal",
        "Faktisk antal",
        "Forskel mellem forventet og faktisk antal",
        "Placering på benchmarkranglisten",
    ]
    data = [
        [
            r["kommune"],
            r["periode"],
            r["ydelsesgruppe"],
            danish(r["forventet"], 0, True),
            danish(r["faktisk"], 0, True),
            danish(r["forskel"], 0, True),
            r["placering"],
        ]
        for r in rows_web
    ]
    source_web = "Kilde: jobindsats.dk (Beskæftigelsesministeriets benchmark, Y30R21)"
    write_csv(
        dev / "benchmark_web.csv",
        header,
        data,
        encoding="cp1252",
        before=[
            ["Beskæftigelsesministeriets benchmark af kommunerne"],
            ["Anm.: Forventet antal er beregnet ud fra kommunens rammevilkår."],
            [],
        ],
        after=[[], [source_web]],
    )
    expected["dev"].append(expected_benchmark("benchmark_web.csv", rows_web, source_web))

    # --- dev: SurveyXact jobcenter survey, xlsx and 'Unicode' CSV
    model = survey_model(rng, DEV_SURVEY)
    tables = survey_tables(DEV_SURVEY, model["respondents"])
    write_survey_xlsx(dev / "brugertilfredshed_surveyxact.xlsx", *tables)
    write_survey_csv(dev / "brugertilfredshed_unicode", *tables, unicode=True)
    for name in ("brugertilfredshed_surveyxact.xlsx", "brugertilfredshed_unicode"):
        expected["dev"].append({"file": name, "kind": "survey", **model["expected"]})

    # --- test: Y30R21 CSV, every field quoted, LF line ends, other periods and municipalities
    munis_t = [
        "Brønderslev",
        "Fanø",
        "Gladsaxe",
        "Halsnæs",
        "Norddjurs",
        "Sønderborg",
        "Tårnby",
        "Vallensbæk",
        "Aarhus",
    ]
    rows_t = benchmark_rows(rng, munis_t, ["2022QMAT03", "2022QMAT04", "2023QMAT01", "2023QMAT02"])
    write_csv(
        test / "Y30R21.csv",
        Y30R21_COLUMNS,
        [y30r21_values(r) for r in rows_t],
        quoting=csv.QUOTE_ALL,
        lineterminator="\n",
    )
    expected["test"].append(expected_benchmark("Y30R21.csv", rows_t))
    write_jsonl(test / "Y30R21.json", rows_t[: len(rows_t) // 2])
    expected["test"].append(expected_benchmark("Y30R21.json", rows_t[: len(rows_t) // 2]))

    # --- test: web export as CSV (cp1252, ;): months, measures as columns, source line first
    months = ["2021M05", "2021M06", "2021M07"]
    values_t = indicator_values(rng, munis_t[:4], ["A-dagpenge", "Kontanthjælp"], months)
    source_t = "Kilde: jobindsats.dk, STAR"
    header_t = ["Område", "Ydelsesgruppe", "Periode", "Antal personer"]
    data_t = [[v["kommune"], v["gruppe"], v["periode"], cell_text(v["shown"], True)] for v in values_t]
    write_csv(
        test / "jobindsats_personer.csv",
        header_t,
        data_t,
        encoding="cp1252",
        before=[["Personer på offentlig forsørgelse"], ["Opgjort pr. måned"], [""]],
        after=[[""], [source_t], ["Anm.: '..' og '<5' er diskretionerede værdier"]],
    )
    expected["test"].append(
        expected_indicators(
            "jobindsats_personer.csv", values_t, "Antal personer", source_t, {"2021M07": "juli 2021"}
        )
    )

    # --- test: web-site benchmark export as xlsx, title rows and a source line, xlsx numbers
    rows_x = benchmark_rows(rng, munis_t, ["2022QMAT02"])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Benchmark"
    ws.append(["Benchmark: forventet og faktisk antal fuldtidspersoner"])
    ws.append(["Ydelsesgrupper: alle"])
    ws.append([])
    ws.append(
        [
            "Kommune",
            "Periode",
            "Ydelsesgruppe",
            "Faktisk antal",
            "Forventet antal",
            "Forskel mellem forventet og faktisk antal",
            "Placering",
        ]
    )
    for r in rows_x:
        ws.append(
            [
                r["kommune"],
                r["periode"],
                r["ydelsesgruppe"],
                r["faktisk"],
                r["forventet"],
                r["forskel"],
                r["placering"],
            ]
        )
    source_x = "Kilde: Jobindsats.dk / Beskæftigelsesministeriet"
    ws.append([])
    ws.append([source_x])
    wb.save(test / "benchmark_web.xlsx")
    expected["test"].append(expected_benchmark("benchmark_web.xlsx", rows_x, source_x))

    # --- test: another SurveyXact survey (other variable names and texts), xlsx, Unicode and
    # Windows CSV
    model_t = survey_model(rng, TEST_SURVEY)
    tables_t = survey_tables(TEST_SURVEY, model_t["respondents"])
    write_survey_xlsx(test / "jobcenter_brugerundersoegelse.xlsx", *tables_t)
    write_survey_csv(test / "jobcenter_unicode", *tables_t, unicode=True)
    write_survey_csv(test / "jobcenter_windows", *tables_t, unicode=False)
    for name in ("jobcenter_brugerundersoegelse.xlsx", "jobcenter_unicode", "jobcenter_windows"):
        expected["test"].append({"file": name, "kind": "survey", **model_t["expected"]})

    for split, items in expected.items():
        (HERE / split / "expected.json").write_text(
            json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
