"""The rule versions in force on a day, as `afdaek screen rules --dato` lists them."""

from __future__ import annotations

from datetime import date

from screening.rulebook import load_rulebook


def test_rule_versions_on_a_day():
    v1 = load_rulebook().rules["V1"]
    on_day = v1.versions_on(date(2021, 6, 1))
    assert on_day and all(
        v.fra <= date(2021, 6, 1) and (v.til is None or v.til >= date(2021, 6, 1)) for v in on_day
    )
    assert len(on_day) < len(v1.versions)
    assert v1.versions_on(None) == list(v1.versions)
    assert [v["fra"] for v in v1.to_json(date(2021, 6, 1))["versions"]] == [v.fra.isoformat() for v in on_day]
