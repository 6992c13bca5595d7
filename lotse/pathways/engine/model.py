"""A validated screening-input person parsed once into a compact typed structure.

Missing facts stay None ("unknown"); an empty list given in the input is a known "none".
Periods are sorted once here; nothing downstream re-parses dates or copies the input.

The records are read-only by convention, not `frozen`: a frozen dataclass sets every field
through `object.__setattr__`, which makes construction about three times slower, and the
parser builds dozens of them per person in the nightly job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lotse.pathways.engine.dates import Span

_date = dt.date.fromisoformat

DULDUNG_TYPES = frozenset({"DULDUNG_60A", "DULDUNG_60B", "DULDUNG_60C", "DULDUNG_60D"})
CEFR_RANK = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


def _d(value: Any) -> dt.date | None:
    return _date(value) if isinstance(value, str) else None


def _span(item: dict[str, Any]) -> Span:
    return Span(_date(item["from"]), _d(item.get("to")))


@dataclass(slots=True)
class Status:
    type: str
    basis: str  # legal_basis or ""
    span: Span


@dataclass(slots=True)
class Conviction:
    final_date: dt.date | None
    foreigner_specific: bool | None
    intentional: bool | None
    sanction: str | None
    tagessaetze: int | None
    months: int | None
    suspended: bool | None
    remitted: bool | None
    hate_motive: bool | None
    abroad: bool | None


@dataclass(slots=True)
class Employment:
    span: Span
    hours: float | None
    social_insurance: bool | None
    qualified: bool | None
    matches_qualification: bool | None


@dataclass(slots=True)
class Child:
    birth: dt.date | None
    in_household: bool | None
    school_attendance_proven: bool | None


@dataclass(slots=True)
class Degree:
    type: str | None
    country: str | None
    date: dt.date | None
    recognised: bool | None


@dataclass(slots=True)
class Application:
    pathway: str | None
    filed: dt.date | None
    decided: dt.date | None
    outcome: str | None


@dataclass(slots=True)
class Training:
    kind: str | None
    engpass: bool | None
    start: dt.date | None
    planned_end: dt.date | None
    completed: dt.date | None
    passed: bool | None
    follow_up_commitment: bool | None


@dataclass(slots=True)
class Person:
    """One person's facts; None = unknown."""

    id: str
    birth: dt.date | None
    nationalities: tuple[str, ...] | None
    entry: dt.date | None
    absences: list[Span] | None
    status: list[Status] | None
    duldung_claim: bool | None
    asylum_applied: dt.date | None
    asylum_final: dt.date | None
    asylum_outcome: str | None
    protection: str | None
    protection_granted: dt.date | None
    bamf_notice: bool | None
    identity_clarified: bool | None
    identity_date: dt.date | None
    identity_steps: bool | None
    passport_held: bool | None
    passport_unreasonable: bool | None
    own_deception: bool | None
    own_deception_current: bool | None
    non_cooperation_current: bool | None
    extremism: bool | None
    expulsion_order: bool | None
    removal_measures: list[dt.date | None] | None
    employment_ban: bool | None
    convictions: list[Conviction] | None
    pending_investigation: bool | None
    german: list[tuple[int, str]] | None  # (rank, scope)
    civics_given: bool
    lid_test: dt.date | None
    stag_test: dt.date | None
    integration_course: dt.date | None
    fdgo_signed: bool | None
    stag_declarations: bool | None
    school: list[tuple[Span, bool | None]] | None
    degrees: list[Degree] | None
    training: Training | None
    employment: list[Employment] | None
    lu_secured: bool | None
    own_share: float | None
    household_share: float | None
    bafoeg_met: bool | None
    benefits: list[tuple[str, Span]] | None
    pension_months: int | None
    partner_in_household: bool | None
    children: list[Child] | None
    housing: bool | None
    ba_consent: bool | None
    applications: list[Application]
    guardian_of: tuple[str, ...]


def _list(document: dict[str, Any], key: str, *required: str) -> list[Any] | None:
    """The list under `key`, or None (unknown) if missing or if an item lacks a `required`
    field: every field is optional in the format, but an undated period cannot be placed."""
    value = document.get(key)
    if not isinstance(value, list):
        return None
    for item in value:
        if not isinstance(item, dict):
            return None
        for name in required:  # a plain loop: no generator per item
            if item.get(name) is None:
                return None
    return value


def parse_person(doc: dict[str, Any]) -> Person:
    """Parse one validated person object (see lotse.contracts.screening_input.validate_person)."""
    get = doc.get
    asylum = get("asylum") or {}
    protection = get("protection") or {}
    identity = get("identity") or {}
    passport = get("passport") or {}
    conduct = get("conduct") or {}
    civics = get("civics")
    declarations = get("declarations") or {}
    livelihood = get("livelihood")
    household = get("household")
    training = get("training")
    status_raw = _list(doc, "status_periods", "type", "from")
    status = None
    if status_raw is not None:
        status = sorted(
            (Status(s["type"], s.get("legal_basis") or "", _span(s)) for s in status_raw),
            key=lambda s: (s.span.start, s.type, s.span.end or dt.date.max, s.basis),
        )
    absences_raw = _list(doc, "absences", "from")
    german_raw = _list(doc, "german", "cefr")
    school_raw = _list(doc, "school_periods", "from")
    degrees_raw = _list(doc, "degrees")
    employment_raw = _list(doc, "employment_periods", "from")
    convictions_raw = _list(doc, "convictions")
    measures = conduct.get("removal_measures")
    benefits_raw = _list(livelihood, "benefits", "type", "from") if isinstance(
        livelihood, dict) else None
    children_raw = household.get("minor_children") if isinstance(household, dict) else None
    return Person(
        id=str(get("id", "")),
        birth=_d(get("date_of_birth")),
        nationalities=tuple(doc["nationalities"]) if "nationalities" in doc else None,
        entry=_d(get("entry_date")),
        absences=None
        if absences_raw is None
        else sorted((_span(a) for a in absences_raw),
                    key=lambda s: (s.start, s.end or dt.date.max)),
        status=status,
        duldung_claim=get("duldung_claim_without_paper"),
        asylum_applied=_d(asylum.get("application_date")),
        asylum_final=_d(asylum.get("final_date")),
        asylum_outcome=asylum.get("outcome"),
        protection=protection.get("status"),
        protection_granted=_d(protection.get("granted_date")),
        bamf_notice=protection.get("bamf_revocation_notice"),
        identity_clarified=identity.get("clarified"),
        identity_date=_d(identity.get("clarified_date")),
        identity_steps=identity.get("all_reasonable_steps_taken"),
        passport_held=passport.get("held"),
        passport_unreasonable=passport.get("procurement_unreasonable"),
        own_deception=conduct.get("own_deception"),
        own_deception_current=conduct.get("own_deception_current"),
        non_cooperation_current=conduct.get("non_cooperation_current"),
        extremism=conduct.get("extremism"),
        expulsion_order=conduct.get("expulsion_order"),
        removal_measures=None
        if not isinstance(measures, list)
        else [_d(m.get("date")) for m in measures],
        employment_ban=get("employment_ban_60a6"),
        convictions=None
        if convictions_raw is None
        else [
            Conviction(
                _d(c.get("final_date")),
                c.get("foreigner_specific"),
                c.get("intentional"),
                c.get("sanction"),
                c.get("tagessaetze"),
                c.get("months"),
                c.get("suspended"),
                c.get("remitted"),
                c.get("hate_motive"),
                c.get("abroad"),
            )
            for c in convictions_raw
        ],
        pending_investigation=get("pending_criminal_investigation"),
        german=None
        if german_raw is None
        else [(CEFR_RANK[g["cefr"]], g.get("scope") or "OVERALL") for g in german_raw],
        civics_given=isinstance(civics, dict),
        lid_test=_d((civics or {}).get("lid_test_passed")),
        stag_test=_d((civics or {}).get("einbuergerungstest_passed")),
        integration_course=_d((civics or {}).get("integration_course_completed")),
        fdgo_signed=declarations.get("fdgo_signed"),
        stag_declarations=declarations.get("stag_declarations"),
        school=None
        if school_raw is None
        else sorted(
            ((_span(s), s.get("regular_attendance")) for s in school_raw),
            key=lambda s: (s[0].start, s[0].end or dt.date.max, str(s[1])),
        ),
        degrees=None
        if degrees_raw is None
        else [
            Degree(d.get("type"), d.get("country"), _d(d.get("date")), d.get("recognised"))
            for d in degrees_raw
        ],
        training=None
        if not isinstance(training, dict)
        else Training(
            training.get("kind"),
            training.get("engpass"),
            _d(training.get("start")),
            _d(training.get("planned_end")),
            _d(training.get("completed_date")),
            training.get("passed"),
            training.get("follow_up_commitment"),
        ),
        employment=None
        if employment_raw is None
        else sorted(
            (
                Employment(
                    _span(e),
                    e.get("hours_per_week"),
                    e.get("social_insurance"),
                    e.get("qualified"),
                    e.get("matches_qualification"),
                )
                for e in employment_raw
            ),
            key=lambda e: (e.span.start, e.span.end or dt.date.max, e.hours or 0.0,
                           str(e.social_insurance), str(e.qualified),
                           str(e.matches_qualification)),
        ),
        lu_secured=livelihood.get("secured") if isinstance(livelihood, dict) else None,
        own_share=livelihood.get("own_share_percent") if isinstance(livelihood, dict) else None,
        household_share=livelihood.get("household_share_percent")
        if isinstance(livelihood, dict)
        else None,
        bafoeg_met=livelihood.get("bafoeg_benchmark_met") if isinstance(livelihood, dict) else None,
        benefits=None
        if not isinstance(benefits_raw, list)
        else sorted(((b["type"], _span(b)) for b in benefits_raw),
                    key=lambda b: (b[1].start, b[1].end or dt.date.max, b[0])),
        pension_months=get("pension_contribution_months"),
        partner_in_household=household.get("partner_in_household")
        if isinstance(household, dict)
        else None,
        children=None
        if not isinstance(children_raw, list)
        else [
            Child(_d(c.get("date_of_birth")), c.get("in_household"),
                  c.get("school_attendance_proven"))
            for c in children_raw
        ],
        housing=get("housing_sufficient"),
        ba_consent=get("ba_consent"),
        applications=[
            Application(a.get("pathway"), _d(a.get("filed_date")), _d(a.get("decided_date")),
                        a.get("outcome"))
            for a in (get("applications") or [])
        ],
        guardian_of=tuple(get("guardian_of") or ()),
    )
