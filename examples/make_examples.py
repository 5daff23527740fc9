"""Build the synthetic demo data set for the fictional Egebjerg Kommune.

Everything here is invented: people, CPR numbers, phone numbers, e-mail addresses, caseworkers
and figures. The comparable municipalities (Favrskov, Skanderborg, Ringkøbing-Skjern, Vejle,
Horsens) are real names, but their figures are made up too.

Run from the repository root: `python examples/make_examples.py`. The output is deterministic
(random.Random(SEED), fixed timestamps inside .docx/.xlsx), so a re-run gives the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import shutil
import sys
import zipfile
from pathlib import Path

SEED = 2021
HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2023, 1, 1, 12, 0, 0)

sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from _texts_cases import CASE_PLAN, build_case
from _texts_letters import LETTERS
from _texts_minutes import MEETINGS, render_layout_a, render_layout_b
from _texts_survey import survey_rows

MUNICIPALITIES = {
    # name: (size relative to Egebjerg, level offset for shares)
    "Egebjerg": (1.0, 0.0),
    "Favrskov": (0.9, 2.0),
    "Skanderborg": (1.15, 3.0),
    "Ringkøbing-Skjern": (1.0, 1.0),
    "Vejle": (2.6, -1.0),
    "Horsens": (2.3, -3.0),
}


# ------------------------------------------------------------------------------------------
# Small helpers


def dk(value: float | None, decimals: int = 0) -> str:
    """A number in Danish format: 1.234,5 (None -> '..')."""
    if value is None:
        return ".."
    text = f"{abs(value):,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return ("-" if value < 0 else "") + text


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def fix_zip_times(path: Path) -> None:
    """Rewrite a .docx/.xlsx with fixed entry timestamps so its bytes are reproducible."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in sorted(entries, key=lambda e: e[0].filename != "[Content_Types].xml"):
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-01-01T12:00:00Z", data)
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            zout.writestr(new, data)


QUARTERS = [f"{y}K{q}" for y in range(2019, 2023) for q in range(1, 5)]


# ------------------------------------------------------------------------------------------
# Indicators (jobindsats long shape)

# Egebjerg 2019K3 and 2021K3 levels per group (invented, in the range of the jobindsats.dk
# tables, https://www.jobindsats.dk, in Hedensted Kommune's statusnotat 2021 om de 8
# anbefalinger fra afdækningen af beskæftigelsesindsatsen).
GROUPS = {
    # group: persons, aktiverede %, praktik %, aktiveringsberørte %, løntimer %,
    #        status job %, status uddannelse % (each as (2019K3, 2021K3))
    "Kontanthjælp jobparat": {
        "persons": (81, 69),
        "akt": (74.1, 55.2),
        "prak": (16.0, 8.1),
        "berort": (70.2, 55.0),
        "loen": (39.8, 42.6),
        "job": (63.9, 62.8),
        "udd": (7.4, 8.8),
    },
    "Kontanthjælp aktivitetsparat": {
        "persons": (194, 171),
        "akt": (45.9, 78.4),
        "prak": (17.9, 22.6),
        "berort": (46.0, 80.3),
        "loen": (15.9, 11.4),
        "job": (23.1, 18.6),
        "udd": (3.2, 4.0),
    },
    "Uddannelseshjælp i alt": {
        "persons": (271, 266),
        "akt": (61.0, 72.1),
        "prak": (19.6, 21.4),
        "berort": (61.5, 71.9),
        "loen": (6.9, 10.3),
        "job": (32.8, 36.0),
        "udd": (18.1, 13.5),
    },
    "Uddannelseshjælp aktivitetsparat": {
        "persons": (147, 190),
        "akt": (67.5, 75.8),
        "prak": (20.4, 23.9),
        "berort": (68.0, 76.2),
        "loen": (3.9, 6.1),
        "job": (14.2, 15.9),
        "udd": (9.8, 8.7),
    },
    "Jobafklaringsforløb": {
        "persons": (205, 139),
        "akt": (47.0, 39.1),
        "prak": (29.2, 26.4),
        "berort": (46.1, 39.5),
        "loen": (5.3, 4.2),
        "job": (34.1, 20.7),
        "udd": (1.6, 2.4),
    },
    "Ressourceforløb": {
        "persons": (176, 160),
        "akt": (53.3, 78.7),
        "prak": (29.9, 28.2),
        "berort": (53.0, 79.0),
        "loen": (6.0, 4.9),
        "job": (8.8, 3.1),
        "udd": (1.8, 1.2),
    },
}
INDICATOR_PERIODS = ["2019K3", "2020K1", "2020K3", "2021K1", "2021K3", "2022K1", "2022K3"]
# Progress from the 2019 level (0) to the 2021 level (1); Covid-19 dips in 2020.
PROGRESS = {
    "2019K3": 0.0,
    "2020K1": 0.1,
    "2020K3": 0.45,
    "2021K1": 0.7,
    "2021K3": 1.0,
    "2022K1": 1.1,
    "2022K3": 1.15,
}
COVID_DIP = {"2020K1": 0.93, "2020K3": 0.72, "2021K1": 0.8}

MEASURES = [
    ("Antal personer", "antal", "persons"),
    ("Antal aktiverede", "antal", None),
    ("Andel aktiverede", "pct", "akt"),
    ("Andel i virksomhedspraktik", "pct", "prak"),
    ("Andel aktiveringsberørte", "pct", "berort"),
    ("Andel med ordinære løntimer", "pct", "loen"),
    ("Status 1 md. efter: lønmodtagerbeskæftigelse", "pct", "job"),
    ("Status 1 md. efter: uddannelse", "pct", "udd"),
]


WIDER_AREAS = {
    # The RAR area and the whole country, as jobindsats.dk shows them beside a municipality
    # (Hedensted Kommune, statusnotat 2021 om de 8 anbefalinger, tabel 5 'Status 1 måned efter
    # endt forløb': "RAR Østjylland" next to the municipality): size, level offset.
    "RAR Østjylland": (11.0, 1.0),
    "Hele landet": (45.0, 0.5),
}


def indicator_rows(rng: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    for muni, (size, offset) in MUNICIPALITIES.items():
        rows.extend(_area_indicator_rows(rng, muni, size, offset))
    # A generator of its own, so the municipalities' rows (and every file after them) stay
    # as they were before the wider areas were added.
    wider = random.Random(SEED + 1)
    for area, (size, offset) in WIDER_AREAS.items():
        rows.extend(_area_indicator_rows(wider, area, size, offset))
    return rows


def _area_indicator_rows(rng: random.Random, muni: str, size: float, offset: float) -> list[list[str]]:
    rows: list[list[str]] = []
    for group, levels in GROUPS.items():
        muni_shift = {k: rng.uniform(-4, 4) + offset for k in levels}
        for period in INDICATOR_PERIODS:
            p = PROGRESS[period]
            dip = COVID_DIP.get(period, 1.0)
            values: dict[str, float] = {}
            for key, (a, b) in levels.items():
                base = a + (b - a) * p
                if key == "persons":
                    covid_up = 1.08 if period in ("2020K3", "2021K1") else 1.0
                    values[key] = round(base * size * covid_up * rng.uniform(0.95, 1.05))
                else:
                    shift = muni_shift[key] if muni != "Egebjerg" else 0.0
                    v = (base + shift) * (dip if key in ("akt", "prak", "berort") else 1.0)
                    values[key] = max(0.0, min(99.0, v * rng.uniform(0.97, 1.03)))
            values["aktiverede"] = round(values["persons"] * values["akt"] / 100)
            for measure, unit, key in MEASURES:
                value = values[key] if key else values["aktiverede"]
                text = dk(value, 0 if unit == "antal" else 1)
                # jobindsats hides small groups: status shares built on few people.
                if key in ("job", "udd") and values["persons"] < 150 and value < 2.5:
                    text = ".."
                rows.append([muni, group, period, measure, text, unit, "jobindsats.dk"])
    # Duration of finished courses for young people on uddannelseshjælp (table 6 shape).
    for period in INDICATOR_PERIODS:
        p = PROGRESS[period]
        weeks = (50.8 + (71.9 - 50.8) * p) + (rng.uniform(-6, 6) if muni != "Egebjerg" else 0)
        rows.append(
            [
                muni,
                "Uddannelseshjælp i alt",
                period,
                "Gns. varighed af afsluttede forløb",
                dk(weeks, 1),
                "uger",
                "jobindsats.dk",
            ]
        )
    return rows


# ------------------------------------------------------------------------------------------
# Benchmark (BM/VIVE), sanctions, appeals, offers


BENCH_PERIODS = ["2019H2-2020H1", "2020H2-2021H1", "2021H2-2022H1"]
AREAS = {
    "Alle ydelser": 1.0,
    "Dagpengeområdet": 0.23,
    "Kontanthjælpsområdet": 0.41,
    "Sygedagpengeområdet": 0.36,
}
BENCH_BASE = {  # alle ydelser: expected full-time persons and performance (forskel share)
    "Egebjerg": (2410, 0.045),
    "Favrskov": (2150, 0.06),
    "Skanderborg": (2380, 0.08),
    "Ringkøbing-Skjern": (2290, 0.07),
    "Vejle": (5980, -0.01),
    "Horsens": (5630, -0.035),
}
KR_PER_FULLTIME = 68_000


def benchmark_rows(rng: random.Random) -> list[list[str]]:
    rows = []
    for i, period in enumerate(BENCH_PERIODS):
        for muni, (expected_all, perf) in BENCH_BASE.items():
            parts = []
            for area, share in AREAS.items():
                if area == "Alle ydelser":
                    continue
                forventet = round(expected_all * share * (1 - 0.03 * i) * rng.uniform(0.97, 1.03), -1)
                p = perf + rng.uniform(-0.03, 0.03) + (0.01 * i if muni == "Egebjerg" else 0)
                parts.append((area, forventet, round(forventet * (1 - p), -1)))
            total_f = sum(f for _, f, _ in parts)
            total_a = sum(a for _, _, a in parts)
            for area, forventet, faktisk in [("Alle ydelser", total_f, total_a), *parts]:
                forskel = forventet - faktisk
                share = forskel / forventet
                rank = int(max(1, min(98, 49 - share * 700 + rng.uniform(-6, 6))))
                rows.append(
                    [
                        muni,
                        area,
                        period,
                        str(rank),
                        dk(faktisk),
                        dk(forventet),
                        dk(forskel),
                        dk(forskel * KR_PER_FULLTIME),
                    ]
                )
    return rows


SANCTION_CELLS = [
    ("Kontanthjælp", "jobparat", 1.0),
    ("Kontanthjælp", "aktivitetsparat", 1.1),
    ("Uddannelseshjælp", "uddannelsesparat", 0.7),
    ("Uddannelseshjælp", "åbenlyst uddannelsesparat", 0.8),
    ("Uddannelseshjælp", "aktivitetsparat", 0.6),
]
SANCTION_TYPES = {"fradrag": 14.0, "nedsættelse": 3.0, "ophør": 0.6}


def sanction_counts(rng: random.Random) -> list[tuple[str, str, str, str, str, int | None]]:
    out = []
    for muni, (size, _) in MUNICIPALITIES.items():
        level = {"Egebjerg": 1.35, "Horsens": 1.2, "Vejle": 1.0}.get(muni, 0.85)
        for q in QUARTERS:
            year, quarter = int(q[:4]), int(q[-1])
            factor = 1.0
            if q == "2020K2":
                factor = 0.05  # sanctions were suspended during the spring 2020 lockdown
            elif q in ("2020K3", "2021K1"):
                factor = 0.7
            elif q == "2020K4":
                factor = 0.85
            if muni == "Egebjerg" and (year, quarter) >= (2021, 4):
                factor *= 0.7  # harmonised practice from 1 September 2021 (anbefaling 5)
            for ydelse, kategori, weight in SANCTION_CELLS:
                for stype, base in SANCTION_TYPES.items():
                    k = base * weight * size * level * factor
                    if kategori == "aktivitetsparat" and muni == "Egebjerg" and (year, quarter) >= (2021, 4):
                        k *= 0.6
                    count = max(0, round(k * rng.uniform(0.7, 1.3)))
                    out.append((muni, q, ydelse, kategori, stype, count))
    return out


def sanction_rows(counts) -> list[list[str]]:
    rows = []
    for muni, q, ydelse, kategori, stype, count in counts:
        text = str(count)
        if muni != "Egebjerg" and 0 < count < 5:
            text = "<5"  # comparables as published: small cells suppressed at the source
        rows.append([muni, q, ydelse, kategori, stype, text])
    return rows


APPEAL_YDELSER = {
    "Kontanthjælp": 1.0,
    "Uddannelseshjælp": 0.6,
    "Sygedagpenge": 1.3,
    "Ressourceforløb": 0.4,
}


def appeal_rows(rng: random.Random) -> list[list[str]]:
    rows = []
    munis = dict(MUNICIPALITIES)
    munis["Hele landet"] = (45.0, 0)
    for muni, (size, _) in munis.items():
        for year in (2019, 2020, 2021, 2022):
            for ydelse, weight in APPEAL_YDELSER.items():
                appeals = max(1, round(9 * weight * size * rng.uniform(0.7, 1.3)))
                rate = 0.27 + rng.uniform(-0.05, 0.05)
                if muni == "Egebjerg":
                    rate = {2019: 0.44, 2020: 0.41, 2021: 0.33, 2022: 0.24}[year]
                    rate += rng.uniform(-0.04, 0.04)
                changed_or_back = round(appeals * rate)
                sent_back = round(changed_or_back * rng.uniform(0.3, 0.5))
                changed = changed_or_back - sent_back
                upheld = appeals - changed_or_back
                rows.append(
                    [
                        muni,
                        str(year),
                        ydelse,
                        str(appeals),
                        str(changed),
                        str(sent_back),
                        str(upheld),
                    ]
                )
    return rows


OFFERS = [
    # name, provider, type, places, cost per place (kr./yr), duration (weeks), job, udd shares
    (
        "Virksomhedspraktik",
        "Jobcenter Egebjerg, Virksomhedsservice",
        "egen",
        120,
        9_500,
        9.5,
        0.31,
        0.06,
    ),
    (
        "Løntilskud, private virksomheder",
        "Jobcenter Egebjerg, Virksomhedsservice",
        "egen",
        45,
        38_000,
        22.0,
        0.46,
        0.03,
    ),
    (
        "Nytteindsats for unge (Egebjerg-holdet)",
        "Egebjerg Kommune, Park og Vej",
        "egen",
        30,
        41_000,
        13.0,
        0.12,
        0.27,
    ),
    ("Mentorstøtte", "Mentorhuset Midt ApS", "anden aktør", 60, 27_500, 26.0, 0.17, 0.09),
    (
        "Danskundervisning for ledige",
        "Sprogcenter Østjylland",
        "anden aktør",
        50,
        21_000,
        20.0,
        0.14,
        0.05,
    ),
    ("Jobsøgningskursus", "Karrierevejen A/S", "anden aktør", 40, 16_500, 6.0, 0.21, 0.02),
    (
        "Afklaringsforløb, Værkstedet",
        "Egebjerg Kommune, Værkstedet",
        "egen",
        35,
        88_000,
        16.0,
        0.05,
        0.04,
    ),
    (
        "Opkvalificering til lager og logistik",
        "Erhvervsskolen Egebjerg",
        "anden aktør",
        24,
        52_000,
        8.0,
        0.38,
        0.08,
    ),
    (
        "Helhedsorienteret forløb, Sammen om job",
        "Jobcenter Egebjerg, Team Ressource",
        "egen",
        40,
        64_000,
        32.0,
        0.07,
        0.03,
    ),
]


def offer_rows(rng: random.Random) -> list[list[str]]:
    rows = []
    for year in (2021, 2022):
        for name, provider, ptype, places, per_place, weeks, job, udd in OFFERS:
            p = places if year == 2021 else round(places * rng.uniform(0.85, 1.2))
            if year == 2022 and name.startswith("Jobsøgning"):
                p = round(places * 0.6)  # anbefaling 8: less of the general course
            if year == 2022 and name.startswith("Virksomhedspraktik"):
                p = round(places * 1.25)
            turnover = 52 / weeks
            participants = round(p * turnover * rng.uniform(0.55, 0.8))
            cost = round(p * per_place * rng.uniform(0.92, 1.08), -3)
            finished = round(participants * 0.8)
            s_job = round(finished * job * rng.uniform(0.85, 1.15))
            s_udd = round(finished * udd * rng.uniform(0.8, 1.2))
            s_ydelse = max(0, finished - s_job - s_udd - round(finished * 0.08))
            duration = weeks * rng.uniform(0.9, 1.1)
            rows.append(
                [
                    name,
                    provider,
                    ptype,
                    str(year),
                    dk(cost),
                    dk(p),
                    dk(participants),
                    dk(duration, 1),
                    dk(s_job),
                    dk(s_udd),
                    dk(s_ydelse),
                ]
            )
    return rows


SCENARIOS = """\
# Antagelser til scenarierne i rapporterne om drift og sanktioner (Egebjerg Kommune, syntetisk).
# Hver antagelse skrives ud i rapporten med sin tekst, værdi, enhed og kilde.
titel = "Scenarier for Egebjerg Kommune 2023"
udarbejdet = "Jobcenter Egebjerg, Analyse og Styring, januar 2023"

[sanktioner]
gennemsnitligt_fradrag_kr = { vaerdi = 1650, tekst = "Gennemsnitligt fradrag pr. sanktion", enhed = "kr.", kilde = "Egne tal fra udbetalingssystemet, 2022" }
sagsbehandlertimer_pr_sanktion = { vaerdi = 2.5, tekst = "Sagsbehandlertid pr. sanktionssag (vejledning, partshøring, afgørelse)", enhed = "timer", kilde = "Tidsregistrering i Team Job, uge 10-13 2022" }
timepris_kr = { vaerdi = 480, tekst = "Timepris for en sagsbehandler inkl. overhead", enhed = "kr.", kilde = "KL's prisberegning, fremskrevet" }
timer_pr_klagesag = 6
andel_klager_pct = 9

[scenarie.skaerpet]
aendring_antal_sanktioner_pct = 25
forventet_aendring_omgoerelser_pct = 15

[scenarie.mildere]
aendring_antal_sanktioner_pct = -25
forventet_aendring_omgoerelser_pct = -20

[tilbud.virksomhedspraktik]
aendring_pladser = 20
pris_pr_plads_kr = 9500
forventet_jobeffekt_pct = 31

[tilbud.jobsoegningskursus]
aendring_pladser = -16
pris_pr_plads_kr = 16500
forventet_jobeffekt_pct = 21

[tilbud.nytteindsats]
aendring_pladser = 10
pris_pr_plads_kr = 41000
forventet_jobeffekt_pct = 12

[tilbud.mentor]
aendring_pladser_pct = -10
pris_pr_plads_kr = 27500

[ydelser]
ydelse_pr_maaned_kr = { vaerdi = 12400, tekst = "Gennemsnitlig kontanthjælp pr. måned før skat", enhed = "kr." }
"""

RECOMMENDATION_HISTORY = [
    # anbefaling, dato, status, note, kilde
    (
        1,
        "2021-03-15",
        "i gang",
        "Plan for flere praktikpladser efter genåbningen",
        "UFB 2021-03-15 pkt. 32",
    ),
    (
        1,
        "2022-01-31",
        "i gang",
        "Aktiveringsniveauet er tæt på niveauet før Covid-19",
        "UFB 2022-01-31 pkt. 6",
    ),
    (
        2,
        "2021-06-07",
        "i gang",
        "Egebjerg-holdet godkendt, opstart 1. august 2021",
        "UFB 2021-06-07 pkt. 72",
    ),
    (
        2,
        "2022-01-31",
        "gennemført",
        "Nytteindsatsen er i drift for alle nye unge",
        "UFB 2022-01-31 pkt. 6",
    ),
    (
        3,
        "2021-08-09",
        "i gang",
        "Forecast erstattes af opfølgning i fagsystemet",
        "UFB 2021-08-09 pkt. 98",
    ),
    (
        4,
        "2021-08-09",
        "i gang",
        "Kursus i screening og kompensationskort",
        "UFB 2021-08-09 pkt. 99",
    ),
    (
        5,
        "2021-06-07",
        "i gang",
        "Fælles retningslinje for sanktioner vedtaget",
        "UFB 2021-06-07 pkt. 71",
    ),
    (
        5,
        "2021-09-01",
        "gennemført",
        "Harmoniseret praksis og partshøring i alle sager",
        "Ledelsesbeslutning 2021-09-01",
    ),
    (
        6,
        "2021-08-09",
        "i gang",
        "Venlig første indkaldelse uden tekst om ret og pligt",
        "UFB 2021-08-09 pkt. 96",
    ),
    (
        6,
        "2022-01-31",
        "i gang",
        "SMS-påmindelser godkendt, skabeloner under omskrivning",
        "UFB 2022-01-31 pkt. 9",
    ),
    (
        7,
        "2021-08-09",
        "i gang",
        "Udviklingsforløb for borgerkontakt drøftet",
        "UFB 2021-08-09 pkt. 97",
    ),
    (
        8,
        "2021-03-15",
        "ikke startet",
        "Afventer opgørelse af tilbuddenes effekt",
        "UFB 2021-03-15 pkt. 32",
    ),
    (
        8,
        "2022-01-31",
        "i gang",
        "Færre pladser på jobsøgningskursus, flere praktikker",
        "UFB 2022-01-31 pkt. 7",
    ),
]


# ------------------------------------------------------------------------------------------
# Writers


def write_tables(rng: random.Random) -> dict:
    out = HERE / "tables"
    out.mkdir(parents=True, exist_ok=True)
    facts: dict = {}
    write_csv(
        out / "indikatorer.csv",
        ["Område", "Ydelsesgruppe", "Periode", "Måling", "Værdi", "Enhed", "Kilde"],
        indicator_rows(rng),
        encoding="utf-8-sig",
    )
    bench = benchmark_rows(rng)
    facts["benchmark"] = bench
    write_csv(
        out / "benchmark.csv",
        [
            "Kommune",
            "Område",
            "Periode",
            "Placering",
            "Faktisk (fuldtidspersoner)",
            "Forventet (fuldtidspersoner)",
            "Forskel (fuldtidspersoner)",
            "Besparelse (kr.)",
        ],
        bench,
    )
    offers = offer_rows(rng)
    facts["offers"] = offers
    write_csv(
        out / "tilbud.csv",
        [
            "Tilbud",
            "Leverandør",
            "Leverandørtype",
            "Periode",
            "Årlig udgift (kr.)",
            "Pladser",
            "Deltagere",
            "Gns. varighed (uger)",
            "Job",
            "Uddannelse",
            "Ydelse",
        ],
        offers,
    )
    counts = sanction_counts(rng)
    facts["sanctions"] = counts
    write_csv(
        out / "sanktioner.csv",
        ["Kommune", "Periode", "Ydelse", "Visitationskategori", "Sanktionstype", "Antal"],
        sanction_rows(counts),
        encoding="cp1252",
    )
    appeals = appeal_rows(rng)
    facts["appeals"] = appeals
    write_csv(
        out / "ankesager.csv",
        ["Kommune", "Periode", "Ydelse", "Ankesager", "Ændret", "Hjemvist", "Stadfæstet"],
        appeals,
        delimiter=",",
    )
    survey = survey_rows(rng)
    facts["survey"] = survey
    write_csv(
        out / "survey.csv",
        [
            "Respondent",
            "Besvaret",
            "Gruppe",
            "Før samtalen – hvordan oplevede du indkaldelsen?",
            "Under samtalen – hvordan oplevede du selve samtalen?",
            "Efter samtalen – hvordan oplever du aftalen om det videre forløb?",
            "Samlet tilfredshed",
        ],
        survey,
    )
    (out / "scenarier.toml").write_text(SCENARIOS, encoding="utf-8")
    write_csv(
        HERE / "anbefalinger_historik.csv",
        ["anbefaling", "dato", "status", "note", "kilde"],
        [[str(a), d, s, n, k] for a, d, s, n, k in RECOMMENDATION_HISTORY],
    )
    write_offers_xlsx(offers)
    return facts


def write_offers_xlsx(offers: list[list[str]]) -> None:
    """The offers table as an Excel workbook, the way a finance officer would keep it."""
    import openpyxl
    from openpyxl.styles import Font

    sys.path.insert(0, str(HERE.parent))
    from textmining.readers.tables import parse_danish_number

    path = HERE / "xlsx" / "tilbud.xlsx"
    path.parent.mkdir(exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tilbud"
    ws.append(["Beskæftigelsestilbud i Egebjerg Kommune 2021-2022 (syntetiske tal)"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(
        [
            "Tilbud",
            "Leverandør",
            "Leverandørtype",
            "Periode",
            "Årlig udgift (kr.)",
            "Pladser",
            "Deltagere",
            "Gns. varighed (uger)",
            "Job",
            "Uddannelse",
            "Ydelse",
        ]
    )
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in offers:
        values: list = row[:3] + [int(row[3])]
        for text in row[4:]:
            number = parse_danish_number(text)
            values.append(int(number) if number is not None and number.is_integer() else number)
        ws.append(values)
    for col, width in zip("ABCDEFGHIJK", (38, 36, 14, 8, 16, 8, 10, 12, 6, 10, 8)):
        ws.column_dimensions[col].width = width
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "Jobcenter Egebjerg"
    wb.save(path)
    fix_zip_times(path)


def write_minutes(facts: dict) -> None:
    out = HERE / "minutes"
    out.mkdir(parents=True, exist_ok=True)
    for meeting in MEETINGS(facts):
        if meeting["layout"] == "A":
            text = render_layout_a(meeting)
        else:
            text = render_layout_b(meeting)
        (out / meeting["file"]).write_text(text, encoding="utf-8")


def write_cases(rng: random.Random) -> None:
    out = HERE / "cases"
    out.mkdir(parents=True, exist_ok=True)
    export_rows: list[list[str]] = []
    facit: list[list[str]] = []
    used_ids: set[str] = set()
    for number, story in enumerate(CASE_PLAN, start=1):
        case = build_case(rng, number, story, used_ids)
        facit.append(
            [
                case["id"],
                "csv" if case["export"] else "mappe",
                case["story"],
                case["expected"],
            ]
        )
        if case["export"]:
            for date_text, kind, text in case["notes_rows"]:
                export_rows.append([case["id"], date_text, kind, text])
            continue
        folder = out / case["id"]
        folder.mkdir()
        (folder / "sag.toml").write_text(case["toml"], encoding="utf-8")
        (folder / "notater.txt").write_text(case["notes"], encoding="utf-8")
        for name, content in case.get("extra", {}).items():
            (folder / name).write_text(content, encoding="utf-8")
    write_csv(HERE / "cases_export.csv", ["sag", "dato", "type", "tekst"], export_rows)
    write_csv(HERE / "cases_facit.csv", ["sag", "kilde", "historie", "forventet_mangel"], facit)


def write_letters() -> None:
    out = HERE / "letters"
    out.mkdir(parents=True, exist_ok=True)
    for name, text in LETTERS:
        if name.endswith(".docx"):
            write_docx(out / name, text)
        else:
            (out / name).write_text(text, encoding="utf-8")


def write_docx(path: Path, text: str) -> None:
    """A letter as .docx: the first line as a bold heading, blank lines as paragraph breaks."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        paragraph = document.add_paragraph()
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if block.startswith("Jobcenter Egebjerg") and i == 0:
                run.bold = True
            if i < len(lines) - 1:
                run.add_break()
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.author = "Jobcenter Egebjerg"
    document.core_properties.last_modified_by = "Jobcenter Egebjerg"
    document.save(path)
    fix_zip_times(path)


def main() -> None:
    for sub in ("minutes", "cases", "letters", "tables", "xlsx"):
        shutil.rmtree(HERE / sub, ignore_errors=True)
    rng = random.Random(SEED)
    facts = write_tables(rng)
    write_minutes(facts)
    write_cases(random.Random(SEED + 1))
    write_letters()
    total = sum(p.stat().st_size for p in HERE.rglob("*") if p.is_file())
    print(f"eksempler skrevet i {HERE} ({total / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
