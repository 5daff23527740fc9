"""The screening rules as data: ids, titles, kinds, versions by date and their legal basis.

One owner for what a rule *is* (``data/rules.toml``): its id, title, whether it is law or
practice, whether it is a garantiforskrift or an ordensforskrift, and its versions, each with
the period (``fra``/``til``), the ydelser and target groups it applies to, the law's own
reference and the public source, and whether a jurist has confirmed the entry. The checks in
``screening.rules`` read a version's parameters; reports and ``afdaek screen rules`` read the
titles and versions from here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError
from textmining.config import bundled_toml, load_toml

RULES_PATH = Path(__file__).parent / "data" / "rules.toml"
KINDS = ("lov", "praksis")
FORSKRIFTER = ("garanti", "orden", "betingelse")


@dataclass(frozen=True)
class RuleVersion:
    """One version of a rule: the period, who it applies to and what it rests on."""

    rule: str
    fra: date
    til: date | None
    grupper: tuple[str, ...]
    ydelser: tuple[str, ...]  # the ydelse names of the groups, for users
    kategorier: tuple[str, ...]  # target groups (visitationskategorier); empty: everyone
    basis: str
    source: str
    bekraeftet: bool
    note: str
    applies: bool = True
    reason: str = ""
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def covers(self, when: date) -> bool:
        return self.fra <= when and (self.til is None or when <= self.til)

    def label(self) -> str:
        """The period in Danish: "fra 1. januar 2020 til 31. december 2023"."""
        from textmining.language.dates import long_date

        start = f"fra {long_date(self.fra)}"
        return f"{start} til {long_date(self.til)}" if self.til else start

    def to_json(self) -> dict[str, Any]:
        """The `afdaek screen rules --format json` shape of a version."""
        return {
            "fra": self.fra.isoformat(),
            "til": self.til.isoformat() if self.til else None,
            "ydelser": list(self.ydelser),
            "kategorier": list(self.kategorier),
            "basis": self.basis,
            "source": self.source,
            "bekraeftet": self.bekraeftet,
            "note": self.note,
            "gaelder": self.applies,
        }

    def ref_json(self) -> dict[str, Any]:
        """The short form a finding carries (`screen run --format json`)."""
        return {
            "fra": self.fra.isoformat(),
            "til": self.til.isoformat() if self.til else None,
            "basis": self.basis,
            "bekraeftet": self.bekraeftet,
        }


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    kind: str  # lov | praksis
    forskrift: str  # garanti | orden | betingelse
    texts: dict[str, str] = field(hash=False, compare=False)
    versions: tuple[RuleVersion, ...] = ()
    short_basis: str = ""  # for tables: "aktivloven § 35, stk. 1"
    action: str = ""  # what a team does about a deficiency, for the reports' recommendations

    def versions_on(self, when: date | None) -> list[RuleVersion]:
        """The versions in force on `when`; all of them when `when` is None."""
        return [v for v in self.versions if when is None or v.covers(when)]

    def to_json(self, when: date | None = None) -> dict[str, Any]:
        versions = self.versions_on(when)
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "forskrift": self.forskrift,
            "versions": [v.to_json() for v in versions],
        }


@dataclass(frozen=True)
class Conversion:
    """A ydelse folded into another from a date (lov nr. 1655 af 30/12/2024: uddannelseshjælp
    and others become kontanthjælp from 1 July 2025)."""

    ydelser: tuple[str, ...]
    fra: date
    bliver: str
    basis: str
    source: str
    bekraeftet: bool


@dataclass(frozen=True)
class Choice:
    """The version a rule applies to one failure, or why there is none."""

    version: RuleVersion | None
    ydelse: str  # the ydelse the version was chosen for (after a conversion)
    notes: tuple[str, ...] = ()  # Danish sentences for the explanation
    problem: str | None = None  # text key in [texts] when there is no version


@dataclass(frozen=True)
class RuleBook:
    rules: dict[str, Rule]
    groups: dict[str, tuple[str, ...]]  # group -> ydelse names
    categories: dict[str, tuple[str, ...]]  # category -> spellings
    conversions: tuple[Conversion, ...]
    texts: dict[str, str]
    default_group: str
    group_names: dict[str, str] = field(default_factory=dict)

    def group_label(self, group: str) -> str:
        return self.group_names.get(group, group)

    def to_json(self, when: date | None = None) -> dict[str, Any]:
        """The rules as `afdaek screen rules --format json` prints them: each with the
        versions in force on `when` (all without a day)."""
        return {"rules": [rule.to_json(when) for rule in self.rules.values()]}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.rules)

    def group_of(self, ydelse: str) -> str | None:
        y = ydelse.strip().lower()
        for group, members in self.groups.items():
            if y in members:
                return group
        return None

    def category(self, kategori: str | None) -> str | None:
        """The canonical visitationskategori ("aktivitetsparat") of a case's spelling."""
        if not kategori:
            return None
        k = kategori.strip().lower()
        for name, spellings in self.categories.items():
            if k == name or k in spellings:
                return name
        return k

    def choose(self, rule: str, ydelse: str | None, when: date | None) -> Choice:
        """The version of `rule` for a case with this ydelse and a failure on `when` (the
        decision date when the failure has none). Unknown ydelser are judged by the default
        group and say so; a ydelse folded into another on the date is judged as that one."""
        from textmining.language.dates import long_date

        name = (ydelse or "").strip().lower()
        notes: list[str] = []
        if when is not None:
            for c in self.conversions:
                if name in c.ydelser and when >= c.fra:
                    notes.append(
                        self.texts["conversion"].format(
                            ydelse=name, bliver=c.bliver, fra=long_date(c.fra), basis=c.basis
                        )
                    )
                    name = c.bliver
        group = self.group_of(name) if name else None
        if group is None:
            group = self.default_group
            notes.append(self.texts["unknown_ydelse"].format(ydelse=name or "ukendt"))
        versions = [v for v in self.rules[rule].versions if group in v.grupper]
        if not versions:
            return Choice(None, name, tuple(notes), "no_group")
        if when is None:
            if len({(v.basis, v.applies, tuple(sorted(v.params.items()))) for v in versions}) == 1:
                return Choice(versions[-1], name, tuple(notes))
            return Choice(None, name, tuple(notes), "no_date")
        for v in versions:
            if v.covers(when):
                return Choice(v, name, tuple(notes))
        return Choice(None, name, tuple(notes), "no_version")


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    raise ScreeningError(f"{where}: datoen skal skrives som ÅÅÅÅ-MM-DD, ikke {value!r}")


def parse_rulebook(data: dict[str, Any], path: str = "rules.toml") -> RuleBook:
    """Build and validate the rule book from the rules file's data: every version has a
    period, a basis and a source; versions of a rule for the same group do not overlap."""
    groups = {g: tuple(y.lower() for y in members) for g, members in data["ydelser"].items()}
    categories = {k: tuple(s.lower() for s in v) for k, v in data.get("kategorier", {}).items()}
    conversions = tuple(
        Conversion(
            tuple(y.lower() for y in c["ydelser"]),
            _date(c["fra"], path),
            c["bliver"],
            c["basis"],
            c["source"],
            bool(c["bekraeftet"]),
        )
        for c in data.get("omlaegninger", [])
    )
    rules: dict[str, Rule] = {}
    for rid, spec in data["rules"].items():
        where = f"{path}: regel {rid}"
        if spec.get("kind") not in KINDS:
            raise ScreeningError(f"{where}: 'kind' skal være {' eller '.join(KINDS)}")
        if spec.get("forskrift") not in FORSKRIFTER:
            raise ScreeningError(f"{where}: 'forskrift' skal være {', '.join(FORSKRIFTER)}")
        versions = []
        for n, v in enumerate(spec["versions"], 1):
            vwhere = f"{where}, version {n}"
            missing = [k for k in ("fra", "grupper", "basis", "source", "bekraeftet") if k not in v]
            if missing:
                raise ScreeningError(f"{vwhere} mangler {', '.join(missing)}")
            unknown = [g for g in v["grupper"] if g not in groups]
            if unknown:
                raise ScreeningError(f"{vwhere}: ukendt ydelsesgruppe {', '.join(unknown)}")
            fra = _date(v["fra"], vwhere)
            til = _date(v["til"], vwhere) if "til" in v else None
            if til is not None and til < fra:
                raise ScreeningError(f"{vwhere}: 'til' ligger før 'fra'")
            if v.get("applies", True) is False and not v.get("reason"):
                raise ScreeningError(f"{vwhere}: en version, der ikke gælder, skal have 'reason'")
            known = {
                "fra",
                "til",
                "grupper",
                "kategorier",
                "basis",
                "source",
                "bekraeftet",
                "note",
                "applies",
                "reason",
            }
            versions.append(
                RuleVersion(
                    rule=rid,
                    fra=fra,
                    til=til,
                    grupper=tuple(v["grupper"]),
                    ydelser=tuple(y for g in v["grupper"] for y in groups[g]),
                    kategorier=tuple(v.get("kategorier", ())),
                    basis=v["basis"],
                    source=v["source"],
                    bekraeftet=bool(v["bekraeftet"]),
                    note=v.get("note", ""),
                    applies=v.get("applies", True),
                    reason=v.get("reason", ""),
                    params={k: val for k, val in v.items() if k not in known},
                )
            )
        for group in groups:
            mine = sorted((v for v in versions if group in v.grupper), key=lambda v: v.fra)
            if not mine:
                raise ScreeningError(f"{where} har ingen version for ydelsesgruppen {group}")
            for a, b in zip(mine, mine[1:]):
                if a.til is None or a.til >= b.fra:
                    raise ScreeningError(
                        f"{where}: versionerne for {group} fra {a.fra} og {b.fra} overlapper"
                    )
                if (b.fra - a.til).days != 1:
                    raise ScreeningError(f"{where}: der er et hul for {group} mellem {a.til} og {b.fra}")
        rules[rid] = Rule(
            rid,
            spec["title"],
            spec["kind"],
            spec["forskrift"],
            dict(spec.get("texts", {})),
            tuple(versions),
            spec.get("grundlag_kort", versions[0].basis),
            spec.get("tiltag", ""),
        )
    return RuleBook(
        rules,
        groups,
        categories,
        conversions,
        dict(data["texts"]),
        data.get("standardgruppe", next(iter(groups))),
        dict(data.get("gruppenavne", {})),
    )


@functools.lru_cache(maxsize=2)
def load_rulebook(path: str | None = None) -> RuleBook:
    """The rule book (default: the one shipped with afdaek)."""
    data = load_toml(path) if path else bundled_toml(RULES_PATH)
    return parse_rulebook(data, str(path or RULES_PATH.name))
