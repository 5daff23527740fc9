"""`afdaek letters check|compare`: the JSON contract, highlighted text, and a proven rewrite."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import app
from tests.conftest import DATA

OLD = DATA / "cli" / "brev_gammel.txt"
NEW = DATA / "cli" / "brev_ny.txt"
KEYS = {"file", "profile", "lix", "words", "sentences", "long_words", "rix", "band", "issues", "checklist"}


def test_json_shape_and_offsets():
    result = CliRunner().invoke(app, ["letters", "check", str(OLD), str(NEW), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [set(d) for d in data] == [KEYS, KEYS]
    old, new = data
    text = OLD.read_text(encoding="utf-8")
    for issue in old["issues"]:
        assert set(issue) == {"rule", "text", "start", "end", "message", "suggestion"}
        assert text[issue["start"] : issue["end"]] == issue["text"]
    rules = {i["rule"] for i in old["issues"]}
    assert {"kancellisprog", "tiltaleform", "passiv"} <= rules
    assert old["checklist"]["konsekvens"] is True and old["checklist"]["medbring"] is False
    assert all(new["checklist"].values())
    assert new["lix"] < 35 < old["lix"]


def test_table_output_names_rules_and_summary():
    result = CliRunner().invoke(app, ["letters", "check", str(OLD), str(NEW)])
    assert result.exit_code == 0, result.output
    assert '[kancellisprog] "Såfremt"' in result.output
    # each finding is marked with its rule's short name (klarsprog_rules.toml, kort)
    assert '[lang sætning] "De bedes give møde til en samtale' in result.output
    assert '[langt ord] "beskæftigelsesindsats": Langt ord' in result.output
    assert "→ hvis" in result.output
    assert "Oversigt" in result.output
    assert "Ord (A) 49, sætninger (B) 3, lange ord (C) 16" in result.output
    assert "Afsnit 1: LIX" in result.output
    assert "Ikke talt med:" in result.output


def test_compare_shows_issues_gone():
    result = CliRunner().invoke(app, ["letters", "compare", str(OLD), str(NEW), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["after"]["lix"] < data["before"]["lix"]
    assert data["issues_new"] == []
    assert any(i["text"] == "Såfremt" for i in data["issues_gone"])


def test_unreadable_letter_is_one_line_and_exit_1(tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["letters", "check", str(NEW), str(empty), "--format", "json"])
    assert result.exit_code == 1
    assert f"{empty}: filen er tom" in result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_config_switches_a_rule_off(tmp_path):
    cfg = tmp_path / "afdaek.toml"
    cfg.write_text('[regler]\nfra = ["tiltaleform"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["letters", "check", str(OLD), "--config", str(cfg), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "tiltaleform" not in {i["rule"] for i in json.loads(result.stdout)[0]["issues"]}
    bad = tmp_path / "bad.toml"
    bad.write_text("[regler\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["letters", "check", str(OLD), "--config", str(bad)])
    assert result.exit_code == 1
    assert result.output == (
        f"Fejl: {bad}: ugyldig TOML i linje 1, kolonne 8: sektionens navn mangler ']'; "
        'ret filen, fx [regler] fra = ["passiv"]\n'
    )


def test_a_finding_can_be_dismissed(tmp_path):
    cfg = tmp_path / "afdaek.toml"
    cfg.write_text('[afvist]\nfund = ["kancellisprog:Såfremt"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["letters", "check", str(OLD), "--config", str(cfg), "--format", "json"])
    assert result.exit_code == 0, result.output
    texts = {(i["rule"], i["text"]) for i in json.loads(result.stdout)[0]["issues"]}
    assert ("kancellisprog", "Såfremt") not in texts
    assert ("kancellisprog", "undertegnede") in texts
