"""What a referral shows of a case, per shared data category: the ONE place that maps consent
categories to case content (docs/network.md). A category not listed here shows nothing.

Each function reads only its own category's data; the caller has already asked the disclosure
gate for exactly that category (`selectors.referral_disclosure`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from lotse.cases.models import AssessmentItem, Case, Goal, Handlungsfeld, PlanVersion
from lotse.consent.models import Category

# Handlungsfelder of the assessment shown under each category. WOHNEN and TEILHABE belong to
# no category on purpose: they are shown to nobody outside the case's organisation.
ASSESSMENT_FIELDS: dict[str, tuple[str, ...]] = {
    Category.AUFENTHALT: (Handlungsfeld.AUFENTHALT,),
    Category.SPRACHE_BILDUNG: (Handlungsfeld.SPRACHE, Handlungsfeld.BILDUNG),
    Category.ARBEIT_EINKOMMEN: (Handlungsfeld.ARBEIT, Handlungsfeld.FINANZEN),
    Category.GESUNDHEIT: (Handlungsfeld.GESUNDHEIT,),
    Category.FAMILIE: (Handlungsfeld.FAMILIE,),
}


@dataclass
class Section:
    """One category's content: label/value rows, assessment items, or goals."""

    category: str
    label: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        return not (self.rows or self.items or self.plan)


def _stammdaten(case: Case) -> Section:
    p = case.person
    address = " ".join(x for x in (p.street, p.postcode, p.city) if x)
    rows = [
        (str(_("Name")), f"{p.family_name}, {p.given_names}".strip(", ")),
        (str(_("Geburtsdatum")), p.date_of_birth_display),
        (str(_("Sprachen")), ", ".join(p.languages)),
        (str(_("Dolmetschbedarf")), str(_("ja")) if p.interpreter_needed else str(_("nein"))),
        (str(_("Telefon")), p.phone),
        (str(_("E-Mail")), p.email),
        (str(_("Anschrift")), address),
    ]
    return Section(Category.STAMMDATEN, str(Category.STAMMDATEN.label), rows=rows)


def _assessment(category: str) -> Callable[[Case], Section]:
    def build(case: Case) -> Section:
        latest = case.assessments.order_by("-assessed_on", "-id").first()
        items: list[dict[str, Any]] = []
        if latest is not None:
            for item in AssessmentItem.objects.filter(
                assessment=latest, field__in=ASSESSMENT_FIELDS[category]
            ).order_by("field"):
                items.append(
                    {
                        "field": item.get_field_display(),
                        "resources": item.resources,
                        "needs": item.needs,
                        "priority": item.get_priority_display(),
                        "on": latest.assessed_on,
                    }
                )
        return Section(category, str(Category(category).label), items=items)

    return build


def _fallverlauf(case: Case) -> Section:
    version = (
        PlanVersion.objects.filter(plan__case=case, status=PlanVersion.Status.AGREED)
        .only("global_goal", "review_on", "agreed_at", "number")
        .first()
    )
    plan = None
    if version is not None:
        goals = Goal.objects.filter(version=version).prefetch_related("objectives__steps")
        plan = {"version": version, "goals": list(goals)}
    return Section(Category.FALLVERLAUF, str(Category.FALLVERLAUF.label), plan=plan)


BUILDERS: dict[str, Callable[[Case], Section]] = {
    Category.STAMMDATEN: _stammdaten,
    **{category: _assessment(category) for category in ASSESSMENT_FIELDS},
    Category.FALLVERLAUF: _fallverlauf,
}


def section_for(case: Case, category: str) -> Section:
    return BUILDERS[category](case)
