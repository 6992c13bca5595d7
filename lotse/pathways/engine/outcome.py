"""Criterion results and how they combine into a pathway outcome (spec §0.1, §0.3, §4.7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lotse.pathways.engine.dates import fmt
from lotse.pathways.engine.law import LawVersion
from lotse.pathways.engine.rules import RULES, RuleInfo

# Effect classes of a criterion on the outcome.
OK = "ok"  # met or waived
TIME = "time"  # not met, only time is missing (met_on says when)
FAIL = "fail"  # mandatory criterion not met for certain
SOFT_FAIL = "soft_fail"  # REGEL criterion not met (compensable)
GEN = "gen"  # § 5 general requirement not met (waivable)
EXCL = "excl"  # exclusion ground present
SCOPE = "scope"  # personal scope not met
UNKNOWN = "unknown"  # facts missing
REVIEW = "review"  # a legal conflict or unverified rule decides the result
SOFT_REVIEW = "soft_review"  # evaluative judgement / discretion element
DISCRETION = "discretion"  # met, but only as a discretionary case
INFO = "info"  # shown, no effect (manual check)

_STATUS = {
    OK: "MET",
    TIME: "NOT_MET",
    FAIL: "NOT_MET",
    SOFT_FAIL: "NOT_MET",
    GEN: "NOT_MET",
    EXCL: "NOT_MET",
    SCOPE: "NOT_MET",
    UNKNOWN: "UNKNOWN",
    REVIEW: "UNKNOWN",
    SOFT_REVIEW: "UNKNOWN",
    DISCRETION: "MET",
    INFO: "UNKNOWN",
}

ELIGIBLE = {"ANSPRUCH": "ELIGIBLE_CLAIM", "SOLL": "ELIGIBLE_SOLL", "REGEL": "ELIGIBLE_SOLL",
            "KANN": "DISCRETION"}


@dataclass(slots=True)
class Crit:
    rule: RuleInfo
    cls: str
    note: str = ""
    met_on: dt.date | None = None
    unknown: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    waived: bool = False

    @property
    def status(self) -> str:
        return "WAIVED" if self.waived else _STATUS[self.cls]


def crit(rule_id: str, cls: str, note: str = "", *, met_on: dt.date | None = None,
         unknown: tuple[str, ...] = (), flags: tuple[str, ...] = ()) -> Crit:
    # Called ~50 times per person: explicit keywords and a positional constructor call are
    # noticeably cheaper than forwarding **kwargs.
    return Crit(RULES[rule_id], cls, note, met_on, unknown, flags)


@dataclass(slots=True)
class PathwayResult:
    pathway: str
    version: LawVersion | None
    outcome: str
    consequence: str | None
    earliest: dt.date | None
    crits: list[Crit]
    deadlines: list[dict[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # None: built from the criteria on first read. The nightly job reads it only for the
    # results it stores, so the NOT_APPLICABLE ones (most) never pay for the text.
    explained: str | None = None

    @property
    def justification(self) -> str:
        """Short German justification of the outcome."""
        if self.explained is None:
            self.explained = _justify(self.outcome, self.earliest, self.crits)
        return self.explained

    @justification.setter
    def justification(self, text: str) -> None:
        self.explained = text


def _decide(crits: list[Crit], classes: set[str], consequence: str, abschnitt5: bool) -> tuple[
        str, dt.date | None]:
    """The outcome from the criteria's classes (`classes` = {c.cls for c in crits})."""
    if SCOPE in classes:
        return "NOT_APPLICABLE", None
    if EXCL in classes and REVIEW not in classes:
        return "EXCLUDED", None
    if FAIL in classes and EXCL not in classes:
        return "NOT_MET", None
    if REVIEW in classes:
        return "REVIEW", None
    if EXCL in classes:
        return "EXCLUDED", None
    stopped = TIME in classes and any(c.cls == TIME and c.met_on is None for c in crits)
    if SOFT_FAIL in classes or stopped or (GEN in classes and not abschnitt5):
        return "NOT_MET", None
    if TIME in classes:
        dates = [c.met_on for c in crits if c.cls == TIME and c.met_on is not None]
        return "NOT_YET", max(dates)
    if UNKNOWN in classes:
        return "UNKNOWN", None
    if SOFT_REVIEW in classes or GEN in classes:
        return "REVIEW", None
    if DISCRETION in classes:
        return "DISCRETION", None
    return ELIGIBLE[consequence], None


_VERB = {
    "ELIGIBLE_CLAIM": "Anspruch voraussichtlich gegeben",
    "ELIGIBLE_SOLL": "Regelerteilung voraussichtlich möglich",
    "DISCRETION": "Tatbestand erfüllt, Entscheidung im Ermessen",
    "NOT_YET": "Noch nicht erfüllt",
    "NOT_MET": "Nicht erfüllt",
    "EXCLUDED": "Ausgeschlossen",
    "NOT_APPLICABLE": "Nicht anwendbar",
    "REVIEW": "Prüfung durch die Behörde erforderlich",
    "UNKNOWN": "Angaben fehlen",
}


def assemble(
    pathway: str,
    version: LawVersion,
    crits: list[Crit],
    *,
    abschnitt5: bool = False,
    deadlines: list[dict[str, str]] | None = None,
    extra_flags: tuple[str, ...] = (),
    consequence: str | None = None,
) -> PathwayResult:
    """Combine criteria into the outcome with flags and a short German justification."""
    legal = consequence or version.consequence
    if len(crits) == 1 and crits[0].cls == SCOPE:  # the common case: personal scope not met
        return PathwayResult(pathway, version, "NOT_APPLICABLE", legal, None, crits,
                             deadlines or [], list(version.flags),
                             f"{_VERB['NOT_APPLICABLE']}: {crits[0].note}.")
    classes = {c.cls for c in crits}
    outcome, earliest = _decide(crits, classes, legal, abschnitt5)
    flags: list[str] = [*version.flags, *extra_flags]
    for c in () if outcome == "NOT_APPLICABLE" else crits:
        cls = c.cls
        if cls in _NO_UNVERIFIED_FLAG:  # most criteria: met, info, unknown – no own flag
            if c.flags:
                flags.extend(c.flags)
            continue
        if cls == SOFT_FAIL:
            flags.append("compensable")
        elif cls == GEN:
            flags.append("waivable_by_discretion")
        elif cls == EXCL and c.rule.type == "EXCL-SOLL":
            flags.append("atypical_case_possible")
        if c.flags:
            flags.extend(c.flags)
        if c.rule.verification == "UNVERIFIED":
            flags.append("unverified")
    if outcome == "REVIEW" and GEN in classes and abschnitt5:
        flags.append("absehen_5_abs_3_s_2_pruefen")
    return PathwayResult(pathway, version, outcome, legal, earliest, crits, deadlines or [],
                         list(dict.fromkeys(flags)))


_NO_UNVERIFIED_FLAG = frozenset({OK, INFO, SCOPE, UNKNOWN})


_FIRST = {
    "NOT_APPLICABLE": (SCOPE,),
    "EXCLUDED": (EXCL,),
    "NOT_MET": (FAIL, SOFT_FAIL, GEN, TIME),
    "REVIEW": (REVIEW, SOFT_REVIEW, GEN),
    "NOT_YET": (TIME,),
    "UNKNOWN": (UNKNOWN,),
    "DISCRETION": (DISCRETION, OK),
    "ELIGIBLE_CLAIM": (OK,),
    "ELIGIBLE_SOLL": (OK,),
}


# Classes whose notes follow the deciding ones (None: only the deciding notes are shown).
_OTHERS: dict[str, frozenset[str] | None] = {
    outcome: None if outcome in ("ELIGIBLE_CLAIM", "ELIGIBLE_SOLL", "DISCRETION")
    else frozenset((OK, INFO, *first))
    for outcome, first in _FIRST.items()
}


def _justify(outcome: str, earliest: dt.date | None, crits: list[Crit]) -> str:
    """Outcome phrase plus up to three distinct notes: the deciding criteria first."""
    head = _VERB[outcome]
    if outcome == "NOT_YET" and earliest:
        head += f"; frühestens am {fmt(earliest)}"
    noted = [c for c in crits if c.note]
    notes: list[str] = []
    # Stops at the third distinct note, which is what the old "collect all, de-duplicate,
    # keep three" produced.
    for cls in _FIRST[outcome]:
        for c in noted:
            if c.cls == cls and c.note not in notes:
                notes.append(c.note)
                if len(notes) == 3:
                    return f"{head}: {'; '.join(notes)}."
    skip = _OTHERS[outcome]
    if skip is not None:
        for c in noted:
            if c.cls not in skip and c.note not in notes:
                notes.append(c.note)
                if len(notes) == 3:
                    break
    return head + (": " + "; ".join(notes) if notes else "") + "."


def not_applicable(pathway: str, version: LawVersion | None, norm: str, note: str) -> (
    PathwayResult
):
    return PathwayResult(pathway, version, "NOT_APPLICABLE",
                         version.consequence if version else None, None, [], [], [],
                         f"Nicht anwendbar: {note}.")


_MISSING = frozenset({TIME, FAIL, SOFT_FAIL, GEN, EXCL})


def result_to_dict(result: PathwayResult, norm: str, criteria: bool = True) -> dict[str, Any]:
    """The screening-output representation of one pathway result.

    `criteria=False` leaves out the per-criterion list (most of the size and of the time), for
    bulk jobs that store only outcomes, dates and missing rules.
    """
    missing = [] if result.outcome == "NOT_APPLICABLE" else [
        c.rule.id for c in result.crits if c.cls in _MISSING]
    unknown: list[str] = []
    for c in result.crits:
        if c.cls == UNKNOWN:
            unknown.extend(f for f in c.unknown if f not in unknown)
    return {
        "pathway": result.pathway,
        "norm": norm,
        "version_id": result.version.id if result.version else None,
        "outcome": result.outcome,
        "legal_consequence": result.consequence,
        "earliest_date": result.earliest.isoformat() if result.earliest else None,
        "deadlines": result.deadlines,
        "missing": missing,
        "unknown": unknown,
        "flags": result.flags,
        "criteria": [
            {
                "rule_id": rule.id,
                "status": "WAIVED" if c.waived else _STATUS[c.cls],
                "type": rule.type,
                "inputs": list(rule.inputs),
                "verification": rule.verification,
            }
            for c in result.crits
            for rule in (c.rule,)
        ] if criteria else [],
        "justification": result.justification,
    }


def deadline(rule_id: str, day: dt.date, label: str) -> dict[str, str]:
    """A deadline item: {"rule_id", "date" (ISO), "label" (German, with TT.MM.JJJJ)}."""
    return {"rule_id": rule_id, "date": day.isoformat(), "label": f"{label} ({fmt(day)})"}
