"""The checks of the screening rules for sanction cases (V1 I2 R1 R2 A1 P1 P2 T1 F1 F2 S1).

What a rule is (title, kind, versions by date with their legal basis and source, Danish
explanations) lives in ``data/rules.toml`` and is read by ``screening.rulebook``; this module
holds only the checks. Each check is a pure function of a case timeline, the facts of one
failure and the rule version in force on the failure's date. Absence of evidence gives
``kan_ikke_vurderes``, never ``ok``.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from screening.cases import CaseTimeline
from screening.rulebook import RuleBook, RuleVersion, load_rulebook
from textmining.domain.sanctions import CaseEvent, detail_date, event_to_json
from textmining.language.dates import iso_date, long_date

RULE_IDS = load_rulebook().ids


# A record's fields: `duplicates` pairs them by shape with other records' (declarations).
@dataclass(frozen=True)
class Finding:
    """A rule's verdict on a case, the timeline events it rests on and a Danish explanation."""

    rule: str
    verdict: str
    explanation: str
    events: tuple[int, ...]
    failure: int | None = None  # the failure (event index) the verdict shown belongs to
    per_failure: tuple[tuple[int | None, str], ...] = ()  # (failure, verdict) for each
    version: RuleVersion | None = None  # the rule version applied (None: none in force)


def danish_date(d: date | str | None) -> str:
    """3. maj 2023; "(ukendt dato)" for None."""
    day = iso_date(d)
    return "(ukendt dato)" if day is None else long_date(day)


def _month_after(d: date, months: int) -> tuple[int, int, int]:
    """(year, month, days in it) of the month `months` calendar months after d's month."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return year, month, calendar.monthrange(year, month)[1]


def add_calendar_months_end(d: date, months: int) -> date:
    """The last day of the month `months` whole calendar months after d's month."""
    year, month, last = _month_after(d, months)
    return date(year, month, last)


def add_months(d: date, months: int) -> date:
    """The same day `months` calendar months later (the month's last day when it is shorter)."""
    year, month, last = _month_after(d, months)
    return date(year, month, min(d.day, last))


# --- facts drawn from a timeline ---------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    """The failure and decision a case's rules are judged on."""

    failure: int | None  # index of the udeblivelse event
    failure_date: date | None
    decision: int | None  # index of the first sanction decision (not negated)
    decision_date: date | None
    decisions: tuple[int, ...]  # all non-negated afgoerelse events
    no_sanction: tuple[int, ...]  # negated afgoerelse events ("der træffes ikke afgørelse")


def case_facts(tl: CaseTimeline) -> CaseFacts:
    """Pick the failure and decision: the first sanction decision, and the failure it refers
    to (its udeblivelse_dato, else the last failure before it); without a decision, the last
    dated failure."""
    ev = tl.events
    failures = [i for i, e in enumerate(ev) if e.kind == "udeblivelse" and not e.negated]
    decisions = [i for i, e in enumerate(ev) if e.kind == "afgoerelse" and not e.negated]
    no_sanction = [i for i, e in enumerate(ev) if e.kind == "afgoerelse" and e.negated]
    dated_decisions = [i for i in decisions if ev[i].date is not None]
    decision = dated_decisions[0] if dated_decisions else (decisions[0] if decisions else None)
    decision_date = ev[decision].date if decision is not None else None
    failure, failure_date = None, None
    if decision is not None:
        for i in decisions:
            ref = detail_date(ev[i].details.get("udeblivelse_dato"))
            if ref is not None:
                failure_date = ref
                break
    dated_failures = [i for i in failures if ev[i].date is not None]
    if failure_date is not None:
        same = [i for i in dated_failures if ev[i].date == failure_date]
        failure = same[0] if same else None
    elif decision_date is not None:
        before = [i for i in dated_failures if (d := ev[i].date) is not None and d <= decision_date]
        failure = before[-1] if before else None
    elif dated_failures:
        failure = dated_failures[-1]
    if failure is None and failure_date is None and failures:
        failure = failures[-1]
    if failure is not None and failure_date is None:
        failure_date = ev[failure].date
    return CaseFacts(failure, failure_date, decision, decision_date, tuple(decisions), tuple(no_sanction))


# --- the checks ---------------------------------------------------------------------------

Result = tuple[str, str, list[int], dict[str, Any]]  # verdict, text key, events, fields


def _before(e: CaseEvent, limit: date | None, strict: bool = False) -> bool:
    if e.date is None or limit is None:
        return False
    return e.date < limit if strict else e.date <= limit


def _category_gate(
    tl: CaseTimeline, f: CaseFacts, version: RuleVersion, unknown: str
) -> tuple[dict[str, Any], Result | None]:
    """For a rule about the citizen's visitationskategori (A1, P2): the category as a field,
    and the result when the rule stops there: no decision or a category the version does not
    cover (ikke_relevant), no category known (kan_ikke_vurderes, with the text key `unknown`)."""
    kategori = load_rulebook().category(tl.meta.visitationskategori)
    fields: dict[str, Any] = {"kategori": kategori or "ukendt"}
    if f.decision is None:
        return fields, ("ikke_relevant", "ikke_relevant", [], fields)
    if kategori is None:
        return fields, ("kan_ikke_vurderes", unknown, [f.decision], fields)
    if version.kategorier and kategori not in version.kategorier:
        return fields, ("ikke_relevant", "ikke_relevant", [], fields)
    return fields, None


def _after_failure(e: CaseEvent, f: CaseFacts) -> bool:
    """Whether e can belong to the failure f: not dated before it (a reason may be given the
    day before, with an afbud)."""
    if e.date is None or f.failure_date is None:
        return True
    return (e.date - f.failure_date).days >= -1


def check_v1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """V1: written vejledning before the failure, as the version in force requires it:
    with the concrete summons or offer (krav "konkret", before 2020), renewed at least every
    `maaneder` months ("periodisk", 2020-2023), or at any time before ("foer_udeblivelse")."""
    if f.failure is None and f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    if f.failure_date is None:
        return "kan_ikke_vurderes", "kan_ikke_vurderes_dato", _idx(f.failure), {}
    krav = version.params.get("krav", "foer_udeblivelse")
    # A summons' one line on the consequence is the concrete vejledning of the "konkret"
    # version; from 2020 the vejledning covers all rights and duties and that line is not it.
    guidance = [
        i
        for i, e in enumerate(tl.events)
        if e.kind == "vejledning"
        and e.details.get("type") == "konsekvens"
        and (krav == "konkret" or e.details.get("omfang") != "brevets_konsekvens")
        and _before(e, f.failure_date)
    ]
    written = [
        i for i in guidance if not tl.events[i].negated and tl.events[i].details.get("form") == "skriftlig"
    ]
    if written:
        i = written[-1]
        given = tl.events[i].date
        fields: dict[str, Any] = {"vejledning_dato": given}
        if krav == "konkret":
            return _v1_concrete(tl, f, written)
        if krav == "periodisk":
            months = int(version.params.get("maaneder", 6))
            fields["maaneder"] = months
            if (
                given is not None
                and f.failure_date is not None
                and add_months(given, months) < f.failure_date
            ):
                # The kommune must be able to document when the guidance was given (Nyt fra
                # Ankestyrelsen nr. 2, 2016; the ankeskema asks for the half-yearly repeat): a
                # journal whose last written guidance is older shows the repeat was not given.
                return ("mangel", "mangel_periode", [i, *_idx(f.failure)], fields)
        return "ok", "ok", [i, *_idx(f.failure)], fields
    # "Borgeren er ikke vejledt" also counts when noted later (e.g. at ledelsestilsyn).
    negated = [
        i
        for i, e in enumerate(tl.events)
        if e.kind == "vejledning" and e.details.get("type") == "konsekvens" and e.negated
    ]
    if negated:
        return "mangel", "mangel_negeret", [negated[-1], *_idx(f.failure)], {}
    unknown = [i for i in guidance if tl.events[i].details.get("form") is None]
    if unknown:
        return "kan_ikke_vurderes", "kan_ikke_vurderes_form", [unknown[-1], *_idx(f.failure)], {}
    if guidance:  # only oral
        return "mangel", "mangel_mundtlig", [guidance[-1], *_idx(f.failure)], {}
    return "kan_ikke_vurderes", "kan_ikke_vurderes", _idx(f.failure), {}


def _v1_concrete(tl: CaseTimeline, f: CaseFacts, written: list[int]) -> Result:
    """V1 before 2020: the written vejledning came with the summons (or offer) for the
    failure: the summons stated the consequence, or the vejledning is dated on or after it."""
    ev = tl.events
    summons = _summons_for(tl, f)
    last = written[-1]
    fields: dict[str, Any] = {"vejledning_dato": ev[last].date}
    if not summons:  # a failure from an offer, or a summons the folder does not hold
        return "ok", "ok", [last, *_idx(f.failure)], fields
    s = summons[-1]
    fields["indkaldelse_dato"] = ev[s].date
    stated = [i for i in summons if _consequence(tl, i) is True]
    if stated:
        return (
            "ok",
            "ok_konkret",
            [stated[-1], *_idx(f.failure)],
            {**fields, "vejledning_dato": ev[stated[-1]].date},
        )
    said = ev[s].date
    with_it = [i for i in written if said is not None and (d := ev[i].date) is not None and d >= said]
    if with_it:
        return (
            "ok",
            "ok_konkret",
            [with_it[-1], s, *_idx(f.failure)],
            {**fields, "vejledning_dato": ev[with_it[-1]].date},
        )
    if _consequence(tl, s) is False:
        return "mangel", "mangel_konkret", [last, s, *_idx(f.failure)], fields
    return "kan_ikke_vurderes", "kan_ikke_vurderes_konkret", [last, s, *_idx(f.failure)], fields


def _consequence(tl: CaseTimeline, s: int) -> bool | None:
    """Whether summons s stated the consequence of a failure: its own detail, else what the
    same note says of the letter on its day ("Brevet indeholder ikke vejl. om konsekvens":
    False; "Brevet oplyser om fradrag ved udeblivelse": True), else None (not told)."""
    ev = tl.events
    own = ev[s].details.get("konsekvens")
    if own is not None:
        return bool(own)
    said = [
        e
        for e in ev
        if e.kind == "vejledning"
        and e.details.get("type") == "konsekvens"
        and e.date == ev[s].date
        and e.document == ev[s].document
    ]
    if any(not e.negated for e in said):
        return True
    if said:
        return False
    return None


def _summons_for(tl: CaseTimeline, f: CaseFacts) -> list[int]:
    """The summons for the failed meeting: those naming its date, else those sent before."""
    summons = [i for i, e in enumerate(tl.events) if e.kind == "indkaldelse" and not e.negated]
    target = f.failure_date.isoformat() if f.failure_date else None
    for_meeting = [i for i in summons if target and tl.events[i].details.get("moede_dato") == target]
    return for_meeting or [i for i in summons if _before(tl.events[i], f.failure_date)]


def check_i2(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """I2 (practice): the summons for the missed meeting stated the consequence."""
    if f.failure is None and f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    if f.failure is not None and tl.events[f.failure].details.get("fra") == "tilbud":
        return "ikke_relevant", "ikke_relevant_tilbud", [f.failure], {}
    for_meeting = _summons_for(tl, f)
    if not for_meeting:
        return "kan_ikke_vurderes", "kan_ikke_vurderes_ingen", _idx(f.failure), {}
    told = {i: _consequence(tl, i) for i in for_meeting}
    stated = [i for i in for_meeting if told[i] is not None]
    if not stated:
        return "kan_ikke_vurderes", "kan_ikke_vurderes", [for_meeting[-1], *_idx(f.failure)], {}
    i = stated[-1]
    fields = {"indkaldelse_dato": tl.events[i].date}
    if any(told[j] for j in stated):
        i = [j for j in stated if told[j]][-1]
        return "ok", "ok", [i, *_idx(f.failure)], {"indkaldelse_dato": tl.events[i].date}
    return "mangel", "mangel", [i, *_idx(f.failure)], fields


def check_r1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """R1: a claimed reason was assessed concretely before the decision."""
    if f.failure is None and f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    limit = f.decision_date
    # A negated mention without an assessment ("der er ikke oplyst en rimelig grund") is
    # no claim.
    reasons = [
        i
        for i, e in enumerate(tl.events)
        if e.kind == "rimelig_grund"
        and (limit is None or e.date is None or e.date <= limit)
        and _after_failure(e, f)
        and (not e.negated or "vurderet" in e.details)
    ]
    if not reasons:
        return "ikke_relevant", "ikke_relevant", [], {}
    assessed = [i for i in reasons if tl.events[i].details.get("vurderet") is True]
    if assessed:
        i = assessed[-1]
        return "ok", "ok", [*reasons], {"vurdering_dato": tl.events[i].date}
    not_assessed = [i for i in reasons if tl.events[i].details.get("vurderet") is False]
    if not_assessed:
        return "mangel", "mangel_negeret", not_assessed, {}
    claims = [i for i in reasons if not tl.events[i].negated] or reasons
    fields = {"grund_dato": tl.events[claims[0]].date}
    if f.decision is not None:
        return "mangel", "mangel", [*claims, f.decision], fields
    return "kan_ikke_vurderes", "kan_ikke_vurderes", claims, fields


def check_a1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """A1: for an aktivitetsparat citizen, personal circumstances and whether the sanction
    furthers availability were assessed."""
    fields, stop = _category_gate(tl, f, version, "kan_ikke_vurderes_kategori")
    if stop is not None:
        return stop
    assert f.decision is not None  # for the type checker: the gate stops without a decision
    limit = f.decision_date
    marked = [
        i
        for i, e in enumerate(tl.events)
        if "a1_vurdering" in e.details
        and (limit is None or e.date is None or e.date <= limit)
        and _after_failure(e, f)
    ]
    done = [i for i in marked if tl.events[i].details["a1_vurdering"]]
    if done:
        return "ok", "ok", done, {**fields, "a1_dato": tl.events[done[0]].date}
    if marked:
        return "mangel", "mangel", marked, fields
    # The assessment is a condition of the sanction and must be given as a concrete reason in
    # the decision (forvaltningsloven § 24, stk. 1; Ankestyrelsen, Sanktioner 1-3: the
    # decision is to be changed when it does not show it). When the decision's reasons are in
    # the case (the letter itself, a § cited, "Begrundelse: ...", "lagt vægt på"), reasons
    # silent on it lack it; a decision only recorded as sent ("afg. sendt m/ begrundelse")
    # does not show its reasons, so the case cannot tell.
    decision = tl.events[f.decision].details
    if any(decision.get(k) for k in _REASONS_SHOWN):
        return (
            "mangel",
            "mangel_begrundelse",
            [f.decision],
            {**fields, "decision_date": tl.events[f.decision].date},
        )
    return "kan_ikke_vurderes", "kan_ikke_vurderes", [f.decision], fields


# Details of a decision that show its reasons are in the case (what the reasons do not say,
# the decision did not say).
_REASONS_SHOWN = ("brev", "begrundelse_regel", "begrundelse_skrevet")


def check_p1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """P1: partshøring before the decision (and the decision not before the deadline)."""
    if f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    hearings = [i for i, e in enumerate(tl.events) if e.kind == "partshoering" and _after_failure(e, f)]
    dd = f.decision_date
    # "ikke partshørt" counts also when noted after the decision (ledelsestilsyn, klage).
    negated = [i for i in hearings if tl.events[i].negated]
    before = [i for i in hearings if not tl.events[i].negated and _before(tl.events[i], dd, strict=True)]
    if before:
        i = before[-1]
        fields = {"partshoering_dato": tl.events[i].date}
        frist = detail_date(tl.events[i].details.get("frist"))
        if frist is not None and dd is not None and dd < frist:
            return "mangel", "mangel_frist", [i, f.decision], {**fields, "frist": frist}
        return "ok", "ok", [i, f.decision], fields
    if negated:
        return "mangel", "mangel_negeret", [negated[-1], f.decision], {}
    later = [i for i in hearings if not tl.events[i].negated and tl.events[i].date is not None]
    if later and dd is not None:
        i = later[0]
        return "mangel", "mangel_efter", [i, f.decision], {"partshoering_dato": tl.events[i].date}
    return "kan_ikke_vurderes", "kan_ikke_vurderes", [f.decision], {}


def check_t1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """T1: fradrag/nedsættelse decided within 3 whole calendar months after the failure."""
    if f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    types = {tl.events[i].details.get("type") for i in f.decisions}
    if types & {"ophoer", "skaerpet"} and not types & {"fradrag", "nedsaettelse"}:
        return "ikke_relevant", "ikke_relevant", [f.decision], {}
    if f.failure_date is None or f.decision_date is None:
        return "kan_ikke_vurderes", "kan_ikke_vurderes", [f.decision, *_idx(f.failure)], {}
    deadline = add_calendar_months_end(f.failure_date, int(version.params.get("maaneder", 3)))
    fields = {"deadline": deadline}
    verdict = "ok" if f.decision_date <= deadline else "mangel"
    return verdict, verdict, [*_idx(f.failure), f.decision], fields


def check_f1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """F1: a written decision with reasons."""
    if f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    ds = [tl.events[i].details for i in f.decisions]
    letters = [i for i in f.decisions if tl.events[i].details.get("brev")]
    if letters:
        # A decision letter is all there: its begrundelse names the rule applied (a §) and
        # the failure (forvaltningsloven § 24, stk. 1).
        d = tl.events[letters[0]].details
        missing = [text for key, text in _F1_PARTS if not d.get(key)]
        if d.get("begrundelse") is False or missing:
            return (
                "mangel",
                "mangel_indhold",
                [letters[0]],
                {"mangler": _listing(missing or ["en begrundelse"])},
            )
        return "ok", "ok_indhold", [letters[0]], {}
    written = [d.get("skriftlig") for d in ds]
    reasons = [d.get("begrundelse") for d in ds]
    if True in written and True in reasons:
        return "ok", "ok", list(f.decisions), {}
    if False in reasons and True not in reasons:
        return "mangel", "mangel_begrundelse", list(f.decisions), {}
    if False in written and True not in written:
        return "mangel", "mangel_mundtlig", list(f.decisions), {}
    return "kan_ikke_vurderes", "kan_ikke_vurderes", list(f.decisions), {}


def check_f2(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """F2: klagevejledning in the decision (forvaltningsloven § 25)."""
    if f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    stated = [i for i in f.decisions if "klagevejledning" in tl.events[i].details]
    given = [i for i in stated if tl.events[i].details["klagevejledning"]]
    letters = [i for i in given if tl.events[i].details.get("brev")]
    if letters:
        # A decision letter is all there: its klagevejledning must name the klageinstans,
        # the 4-week deadline and that the complaint goes to the kommune first.
        i = letters[0]
        missing = [text for key, text in _F2_PARTS if not tl.events[i].details.get(key)]
        if missing:
            return "mangel", "mangel_indhold", [i], {"mangler": _listing(missing)}
        return "ok", "ok_indhold", [i], {}
    if given:
        return "ok", "ok", [given[0]], {}
    if stated:
        return "mangel", "mangel", [stated[0]], {}
    return "kan_ikke_vurderes", "kan_ikke_vurderes", [f.decision], {}


def _between_failure_and_decision(e: CaseEvent, f: CaseFacts) -> bool:
    """Whether e lies after the failure (from the day before, an afbud) and not after the
    decision; undated events count when the case has no dates to compare with."""
    if not _after_failure(e, f):
        return False
    return f.decision_date is None or e.date is None or e.date <= f.decision_date


def check_r2(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """R2: the kommune looked into whether there was a rimelig grund, also when none was
    claimed: contact with the citizen after the failure, a partshøring, or a reason on file."""
    if f.failure is None and f.decision is None:
        return "ikke_relevant", "ikke_relevant", [], {}
    ev = tl.events
    spared = [i for i in f.no_sanction if _after_failure(ev[i], f)]
    if f.decision is None and spared:
        # "Der sanktioneres ikke": no decision for the inquiry to come before.
        return (
            "ikke_relevant",
            "ikke_relevant_ingen_sanktion",
            [spared[-1], *_idx(f.failure)],
            {"afgoerelse_dato": ev[spared[-1]].date},
        )
    looked = [
        i
        for i, e in enumerate(ev)
        if e.kind in ("kontakt", "partshoering", "rimelig_grund")
        and not e.negated
        and _between_failure_and_decision(e, f)
        and (
            f.failure is None
            or e.date is None
            or f.failure_date is None
            or e.date >= f.failure_date
            or e.kind == "rimelig_grund"
        )
    ]
    if looked:
        i = looked[0]
        how = {
            "kontakt": "kontakt med borgeren",
            "partshoering": "partshøring",
            "rimelig_grund": "borgerens grund er noteret",
        }[ev[i].kind]
        return "ok", "ok", [*looked, *_idx(f.failure)], {"undersoegt_dato": ev[i].date, "hvordan": how}
    refused = [i for i, e in enumerate(ev) if e.kind == "kontakt" and e.negated]
    if refused:
        return "mangel", "mangel_negeret", [refused[-1], *_idx(f.failure)], {}
    if f.decision is None:
        return "kan_ikke_vurderes", "kan_ikke_vurderes", _idx(f.failure), {}
    return "mangel", "mangel", [*_idx(f.failure), f.decision], {}


def check_p2(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """P2: for an aktivitetsparat citizen, an attempt at personal contact before the decision;
    with krav "umiddelbart" (from 2020) within `dage` days of the failure."""
    fields, stop = _category_gate(tl, f, version, "kan_ikke_vurderes")
    if stop is not None:
        return stop
    assert f.decision is not None  # for the type checker: the gate stops without a decision
    ev = tl.events
    contacts = [
        i
        for i, e in enumerate(ev)
        if e.kind == "kontakt" and not e.negated and _between_failure_and_decision(e, f)
    ]
    if contacts:
        i = contacts[0]
        fields["kontakt_dato"] = ev[i].date
        contact = ev[i].date
        days = (contact - f.failure_date).days if contact and f.failure_date else None
        limit = int(version.params.get("dage", 7))
        if version.params.get("krav") == "umiddelbart" and days is not None and days > limit:
            return (
                "kan_ikke_vurderes",
                "kan_ikke_vurderes_sen",
                [i, *_idx(f.failure)],
                {**fields, "dage_efter": days},
            )
        return "ok", "ok", [i, f.decision], fields
    refused = [i for i, e in enumerate(ev) if e.kind == "kontakt" and e.negated]
    if refused:
        return "mangel", "mangel_negeret", [refused[-1], f.decision], fields
    return "kan_ikke_vurderes", "kan_ikke_vurderes", [f.decision], fields


_S1_PARTS = {
    "tidligere": "en tidligere sanktion",
    "vilje": "en konkret vurdering af manglende vilje",
    "vejledning": "vejledning om den skærpede sanktion",
}


def check_s1(tl: CaseTimeline, f: CaseFacts, version: RuleVersion) -> Result:
    """S1: a skærpet rådighedssanktion (§ 40 a) rests on an earlier sanction decision, a
    concrete finding of manglende vilje and the vejledning about it (§ 35, stk. 2); from
    L 108 only for the target groups of the version."""
    ev = tl.events
    strict = [i for i in f.decisions if ev[i].details.get("type") == "skaerpet"]
    if not strict:
        return "ikke_relevant", "ikke_relevant", [], {}
    d = strict[0]
    day = ev[d].date
    kategori = load_rulebook().category(tl.meta.visitationskategori)
    if version.kategorier and kategori is not None and kategori not in version.kategorier:
        return "mangel", "mangel_kategori", [d], {"kategori": kategori, "fra": version.fra}
    before = [i for i, e in enumerate(ev) if day is None or e.date is None or e.date <= day]
    earlier = [
        i
        for i, e in enumerate(ev)
        if e.kind == "afgoerelse"
        and not e.negated
        and e.details.get("type") != "skaerpet"
        and e.date is not None
        and day is not None
        and e.date < day
    ]
    earlier = sorted(set(earlier) | {i for i in before if ev[i].details.get("tidligere_sanktion") is True})
    will = [ev[i].details["manglende_vilje"] for i in before if "manglende_vilje" in ev[i].details]
    warned = [
        i
        for i, e in enumerate(ev)
        if e.kind == "vejledning"
        and e.details.get("type") == "skaerpet"
        and (day is None or e.date is None or e.date <= day)
    ]
    state = {
        "tidligere": True if earlier else None,
        "vilje": True if True in will else False if will else None,
        "vejledning": (True if any(not ev[i].negated for i in warned) else False if warned else None),
    }
    events = [*earlier[-1:], *[i for i in warned if not ev[i].negated][-1:], d]
    fields: dict[str, Any] = {"tidligere_dato": ev[earlier[-1]].date if earlier else None}
    missing = [_S1_PARTS[k] for k, v in state.items() if v is False]
    if missing:
        return "mangel", "mangel", events, {**fields, "mangler": ", ".join(missing)}
    unknown = [_S1_PARTS[k] for k, v in state.items() if v is None]
    if unknown:
        return "kan_ikke_vurderes", "kan_ikke_vurderes", events, {**fields, "mangler": ", ".join(unknown)}
    return "ok", "ok", events, fields


_F1_PARTS = (
    ("begrundelse_regel", "den regel, afgørelsen bygger på (§)"),
    ("forseelse_naevnt", "forseelsen, der sanktioneres"),
)
_F2_PARTS = (
    ("klage_ankestyrelsen", "Ankestyrelsen som klageinstans"),
    ("klage_frist", "klagefristen på 4 uger"),
    ("klage_genvurdering", "at klagen først sendes til kommunen, som ser på sagen igen"),
)


def _listing(parts: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]


def _idx(i: int | None) -> list[int]:
    return [] if i is None else [i]


CHECKS: dict[str, Callable[[CaseTimeline, CaseFacts, RuleVersion], Result]] = {
    "V1": check_v1,
    "I2": check_i2,
    "R1": check_r1,
    "R2": check_r2,
    "A1": check_a1,
    "P1": check_p1,
    "P2": check_p2,
    "T1": check_t1,
    "F1": check_f1,
    "F2": check_f2,
    "S1": check_s1,
}


def _fmt(value: Any) -> Any:
    if isinstance(value, date):
        return danish_date(value)
    if value is None:
        return "(ukendt dato)"
    return value


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "(ukendt)"


SEVERITY = ("mangel", "kan_ikke_vurderes", "ok", "ikke_relevant")
"""A case's verdict on a rule is the worst over its failures, in this order."""


def failure_facts(tl: CaseTimeline) -> list[CaseFacts]:
    """The facts of each failure in the case: the failure and the decision on it (the first
    decision that names its date, else the first one on or after it). A case without failures
    has the one set of facts case_facts gives (a decision alone, or nothing)."""
    ev = tl.events
    failures = [
        i for i, e in enumerate(ev) if e.kind == "udeblivelse" and not e.negated and e.date is not None
    ]
    if len(failures) < 2:
        return [case_facts(tl)]
    decisions = [i for i, e in enumerate(ev) if e.kind == "afgoerelse" and not e.negated]
    no_sanction = tuple(i for i, e in enumerate(ev) if e.kind == "afgoerelse" and e.negated)
    out = []
    for f in failures:
        day = ev[f].date
        named = [i for i in decisions if detail_date(ev[i].details.get("udeblivelse_dato")) == day]
        after = [i for i in decisions if day is not None and (d := ev[i].date) is not None and d >= day]
        chosen = named or after[:1]
        decision = chosen[0] if chosen else None
        out.append(
            CaseFacts(
                f,
                day,
                decision,
                ev[decision].date if decision is not None else None,
                tuple(chosen),
                no_sanction,
            )
        )
    return out


def evaluate(timeline: CaseTimeline) -> list[Finding]:
    """All rules on one case, in RULE_IDS order: each rule judged per failure (and the
    decision on it) and rolled up to the worst verdict (SEVERITY); the finding shows the
    failure its verdict belongs to and the verdict on every failure."""
    per_facts = [(_evaluate_once(timeline, facts), facts) for facts in failure_facts(timeline)]
    findings = []
    for k in range(len(RULE_IDS)):
        candidates = [(found[k], facts) for found, facts in per_facts]
        worst, facts = min(candidates, key=lambda c: SEVERITY.index(c[0].verdict))
        findings.append(
            replace(
                worst,
                failure=facts.failure,
                per_failure=tuple((f.failure, found.verdict) for found, f in candidates),
            )
        )
    return findings


def _evaluate_once(timeline: CaseTimeline, facts: CaseFacts) -> list[Finding]:
    """All rules on one failure's facts, in RULE_IDS order, each by the version in force on
    the failure's date (the decision's when the failure has none)."""
    book = load_rulebook()
    when = facts.failure_date or facts.decision_date
    return [_judge(book, rule, timeline, facts, when) for rule in RULE_IDS]


def _judge(book: RuleBook, rule: str, timeline: CaseTimeline, facts: CaseFacts, when: date | None) -> Finding:
    spec = book.rules[rule]
    choice = book.choose(rule, timeline.meta.ydelse, when)
    version = choice.version
    notes = " ".join(choice.notes)
    if version is None:
        text_fields = {"title": spec.title, "ydelse": choice.ydelse or "ukendt ydelse"}
        if choice.problem == "no_date":
            # Which version applies does not matter when the rule has nothing to judge.
            latest = [v for v in spec.versions if book.group_of(choice.ydelse) in v.grupper]
            if latest and latest[-1].applies:
                verdict, _key, _events, _fields = CHECKS[rule](timeline, facts, latest[-1])
                if verdict == "ikke_relevant":
                    return Finding(rule, verdict, spec.texts["ikke_relevant"], ())
        if choice.problem == "no_version":
            firsts = [v.fra for v in spec.versions if book.group_of(choice.ydelse) in v.grupper]
            text_fields["first_from"] = danish_date(min(firsts)) if firsts else "?"
        text = book.texts[choice.problem or "no_version"].format(**text_fields)
        return Finding(rule, "kan_ikke_vurderes", _joined(text, notes), ())
    if not version.applies:
        return Finding(rule, "ikke_relevant", _joined(version.reason, notes), (), version=version)
    verdict, key, events, fields = CHECKS[rule](timeline, facts, version)
    values = _Fields({k: _fmt(v) for k, v in fields.items()})
    values.update(
        basis=version.basis,
        failure_date=_fmt(facts.failure_date),
        decision_date=_fmt(facts.decision_date),
    )
    text = spec.texts[key].format_map(values)
    return Finding(rule, verdict, _joined(text, notes), tuple(dict.fromkeys(events)), version=version)


def _joined(text: str, notes: str) -> str:
    return f"{text} {notes}" if notes else text


def case_to_json(timeline: CaseTimeline, findings: list[Finding]) -> dict[str, Any]:
    """The case as JSON: metadata, events, references (later mentions of an event, with the
    index of the event they refer to) and findings, each listing the events and references it
    rests on (the `screen run --format json` shape)."""
    return {
        "case": timeline.meta.case_id,
        "ydelse": timeline.meta.ydelse,
        "visitationskategori": timeline.meta.visitationskategori,
        "events": [event_to_json(e) for e in timeline.events],
        "references": [{**event_to_json(r.mention), "refers_to": r.refers_to} for r in timeline.references],
        "findings": [
            {
                "rule": f.rule,
                "verdict": f.verdict,
                "explanation": f.explanation,
                "events": list(f.events),
                "failure": f.failure,
                "per_failure": [{"failure": i, "verdict": v} for i, v in f.per_failure],
                "references": [k for k, r in enumerate(timeline.references) if r.refers_to in f.events],
                "version": f.version.ref_json() if f.version else None,
            }
            for f in findings
        ],
    }
