"""Scenarios with the municipality's own scenario file (examples/tables/scenarier.toml): every
configured scenario is computed, no row is printed that could not be computed, and names the
reports do not use are one Danish line each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import app
from docgen.reports import build_report_context, scenario_warnings
from store import open_store
from textmining.readers.tables import read_scenarios

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "examples" / "tables"
SCENARIOS = TABLES / "scenarier.toml"
TODAY = date(2023, 2, 1)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("scen") / "afdaek.db"
    files = [str(p) for p in sorted(TABLES.glob("*.csv"))]
    result = CliRunner().invoke(app, ["--db", str(path), "ingest", *files])
    assert result.exit_code == 0, result.output
    return path


def _context(db, name, scenarios=SCENARIOS):
    with open_store(db) as store:
        return build_report_context(store, name, today=TODAY, scenarios_path=scenarios)


def _cells(scenario):
    return [v for row in scenario["raekker"] for k, v in row.items() if k != "tekst"]


@pytest.mark.parametrize("report", ["drift", "sanktioner"])
def test_the_shipped_scenario_file_gives_only_computed_rows(db, report):
    ctx = _context(db, report)
    assert ctx["scenarier"]
    for s in ctx["scenarier"]:
        cells = _cells(s)
        assert cells and all(c not in ("–", "", None) for c in cells), s["titel"]
        assert not any("mangler antagelse" in c or "kan ikke beregnes" in c for c in cells)
    assert not any("mangler antagelse" in str(r) for r in ctx["antagelser"])


def test_drift_computes_every_configured_offer_with_saved_benefits_and_net(db):
    ctx = _context(db, "drift")
    titles = [s["titel"] for s in ctx["scenarier"]]
    # [tilbud.nytteindsats] and [tilbud.mentor] name offers by their first word
    for offer in ("Virksomhedspraktik", "Jobsøgningskursus", "Nytteindsats", "Mentorstøtte"):
        assert any(offer in t for t in titles), (offer, titles)
    for s in ctx["scenarier"]:
        texts = [r["tekst"] for r in s["raekker"]]
        assert any(t.startswith("Sparet") for t in texts) and any(
            t.startswith("Nettovirkning") for t in texts
        )
    # the file's own benefit per month ([ydelser]) is used, not the standard one
    assert any(r["vaerdi"] == "12.400 kr." and "scenarier.toml" in r["kilde"] for r in ctx["antagelser"])
    assert any("standardantagelse" in r["kilde"] for r in ctx["antagelser"])


def test_sanction_scenarios_read_the_files_own_sections(db):
    ctx = _context(db, "sanktioner")
    assert [s["titel"] for s in ctx["scenarier"]] == ["Strammere praksis", "Mildere praksis"]
    strict, mild = ({r["tekst"]: r for r in s["raekker"]} for s in ctx["scenarier"])
    # [scenarie.skaerpet] +25 %, [scenarie.mildere] -25 %
    assert "× +25 %" in strict["Ændring i antal sanktioner pr. år"]["forklaring"]
    assert "× -25 %" in mild["Ændring i antal sanktioner pr. år"]["forklaring"]
    # the omgørelsesprocent of the latest year (23,3 % in 2022) changed by +15 % / -20 %
    assert strict["Forventet omgørelsesprocent"]["vaerdi"] == "26,8 %"
    assert mild["Forventet omgørelsesprocent"]["vaerdi"] == "18,7 %"


def test_omgoerelsesprocent_by_year_is_told_from_the_data(db):
    ctx = _context(db, "sanktioner")
    years = {r["periode"]: r for r in ctx["anke_udvikling"]}
    assert years["2019"]["kommune"] == "45,8 %" and years["2022"]["kommune"] == "23,3 %"
    assert years["2022"]["landet"] == "27,7 %"
    assert ctx["anke_udvikling_note"].startswith(
        "Omgørelsesprocenten for Egebjerg er faldet fra 45,8 % i 2019 til 23,3 % i 2022, "
        "under landsgennemsnittet på 27,7 %"
    )


def test_unknown_and_unused_names_are_one_line_each(db, tmp_path):
    bad = tmp_path / "scenarier.toml"
    bad.write_text(
        "[sanktioner]\ntimepris_kr = 480\ntimepris = 3\naendring_antal_sanktioner_pct = 20\n"
        "[scenarie.skaerpet]\naendring_antal_sanktioner_pct = 25\n"
        "[tilbud.rideskole]\naendring_pladser = 3\n[diverse]\nx = 1\n",
        encoding="utf-8",
    )
    assert {w.split(": ", 1)[1].split(" ")[0] for w in read_scenarios(bad).warnings} == {
        "[sanktioner]",
        "sektionen",
    }
    with open_store(db) as store:
        lines = scenario_warnings(store, bad)
    assert len(lines) == 4 and all(line.startswith(f"{bad}: ") for line in lines)
    assert any("[tilbud.rideskole] passer ikke" in line for line in lines)
    assert any("aendring_antal_sanktioner_pct bruges ikke" in line for line in lines)
    ctx = _context(db, "drift", bad)
    assert "rideskole" in ctx["scenarie_note"]
    result = CliRunner().invoke(
        app, ["--db", str(db), "report", "sanktioner", "--out", str(tmp_path / "ud"), "--scenarier", str(bad)]
    )
    assert result.exit_code == 0, result.output
    assert "timepris kendes ikke" in result.output


def test_suppressed_cells_are_ranges_never_zero(db):
    """Comparison municipalities have '<5' cells: their totals and fradrag shares are ranges,
    never the known sum alone and never a share built on the hidden cells as 0."""
    ctx = _context(db, "sanktioner")
    rows = {r["kommune"]: r for r in ctx["sammenligning"]}
    assert rows["Egebjerg"]["antal"] == "1.232"  # no hidden cells
    favrskov = rows["Favrskov"]
    low, high = (int(x.replace(".", "")) for x in favrskov["antal"].split("–"))
    assert low < high and low > 644  # 644 is the sum of the shown cells only
    assert "–" in favrskov["andel_fradrag"] and "100,0 %" not in favrskov["andel_fradrag"]
    assert "interval" in ctx["sammenligning_note"]
    assert all(m in ("Egebjerg",) for m in ctx["figur_sammenligning"].categories)


def test_municipalities_compared_per_100_recipients(db):
    """Sanctions per year per 100 recipients of kontanthjælp and uddannelseshjælp (counts from
    the shipped indicator table): Egebjerg's 1.232 sanctions over 16 quarters are 308 a year;
    its mean recipients (jobparat + aktivitetsparat on kontanthjælp, uddannelseshjælp i alt)
    are computed here from the csv, not copied from the report."""
    import csv

    with open(TABLES / "indikatorer.csv", encoding="utf-8-sig") as fh:
        rows = [
            r
            for r in csv.DictReader(fh, delimiter=";")
            if r["Område"] == "Egebjerg"
            and r["Måling"] == "Antal personer"
            and r["Ydelsesgruppe"]
            in ("Kontanthjælp jobparat", "Kontanthjælp aktivitetsparat", "Uddannelseshjælp i alt")
        ]
    periods = {r["Periode"] for r in rows}
    mean = sum(float(r["Værdi"]) for r in rows) / len(periods)
    ctx = _context(db, "sanktioner")
    own = {r["kommune"]: r for r in ctx["sammenligning"]}["Egebjerg"]
    assert own["modtagere"] == f"{mean:.0f}"
    assert own["pr_100_modtagere"] == f"{1232 / 4 * 100 / mean:.0f}"
    # a comparison municipality with hidden cells gets a range of rates, not a single number
    favrskov = {r["kommune"]: r for r in ctx["sammenligning"]}["Favrskov"]
    low, high = (int(x) for x in favrskov["pr_100_modtagere"].split("–"))
    assert 0 < low < high < int(own["pr_100_modtagere"])
    assert "pr. 100 modtagere" in ctx["sammenligning_note"]


def test_benchmark_ranks_out_of_98_with_ties_named(db):
    """The shipped benchmark: in Dagpengeområdet Egebjerg, Favrskov and Ringkøbing-Skjern
    share rank 1 in the latest period; the summary says 'nr. 1 af 98' and names the others."""
    import csv

    with open(TABLES / "benchmark.csv", encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter=";") if r["Område"] == "Dagpengeområdet"]
    latest = max(r["Periode"] for r in rows)
    rank = {r["Kommune"]: r["Placering"] for r in rows if r["Periode"] == latest}
    tied = sorted(m for m in rank if m != "Egebjerg" and rank[m] == rank["Egebjerg"])
    assert tied  # the shipped file has a shared rank here
    ctx = _context(db, "drift")
    expected = f"Dagpengeområdet: kommunen ligger nr. {rank['Egebjerg']} af 98 (delt med {' og '.join(tied)})"
    assert any(s.startswith(expected) for s in ctx["sammenfatning"]), ctx["sammenfatning"]
    area = next(a for a in ctx["benchmark_omraader"] if a["navn"] == "Dagpengeområdet")
    cells = {r["kommune"]: r["placering"] for r in area["raekker"]}
    assert cells["Egebjerg"] == f"{rank['Egebjerg']} af 98 (delt)"
    assert all(m in area["placering_tekst"] for m in ["Egebjerg", *tied])
    alle = next(a for a in ctx["benchmark_omraader"] if a["navn"] == "Alle ydelser")
    assert "Egebjerg" not in alle["placering_tekst"]  # Egebjerg's rank there is its own
