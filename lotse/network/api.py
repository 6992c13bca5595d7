"""API endpoints of referrals (mounted at /api/v1/referrals): the same services and the same
disclosure gate as the pages. A referral's shared data are read per category at request time;
without a covering consent the endpoint answers 404 (problem details), like "not there"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from lotse.cases import selectors as case_selectors
from lotse.core import policy
from lotse.network import selectors, services
from lotse.network.models import Referral

router = Router(tags=["Überleitungen"])


class ReferralOut(Schema):
    id: int
    case_id: int | None
    from_organisation_id: int
    to_organisation_id: int
    purpose: str
    offering_id: int | None
    categories: list[str]
    status: str
    answer_due_on: dt.date
    created_at: dt.datetime
    answered_at: dt.datetime | None
    completed_at: dt.datetime | None
    decline_reason: str
    result_note: str

    @staticmethod
    def resolve_case_id(obj: Referral, context: Any) -> int | None:
        # The receiver learns no case number of another organisation.
        user = context["request"].user
        return obj.case_id if user.organisation_id == obj.from_organisation_id else None


class ReferralIn(Schema):
    case_id: int
    to_organisation_id: int
    purpose: str = Field("UEBERLEITUNG")
    categories: list[str] = Field(..., min_length=1, max_length=10)
    offering_id: int | None = None
    message: str = Field("", max_length=2000)
    answer_due_on: dt.date | None = None


class DeclineIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class CompleteIn(Schema):
    result: str = Field(..., min_length=1, max_length=2000)


class SectionOut(Schema):
    category: str
    label: str
    rows: list[tuple[str, str]]
    items: list[dict[str, Any]]
    goals: list[dict[str, Any]]


class SharedOut(Schema):
    referral_id: int
    sections: list[SectionOut]
    withheld: list[str]


@router.get("/incoming", response=list[ReferralOut], summary="Überleitungen an meine Stelle")
def incoming(request: HttpRequest, status: str = "", after: int | None = None) -> Any:
    user = policy.staff_user(request)
    rows, _next = selectors.inbox(user=user, status=status, after=after, size=100)
    return rows


@router.get("/outgoing", response=list[ReferralOut], summary="Von meiner Stelle gesendet")
def outgoing(request: HttpRequest, status: str = "", after: int | None = None) -> Any:
    user = policy.staff_user(request)
    rows, _next = selectors.outbox(user=user, status=status, after=after, size=100)
    return rows


@router.post("", response={201: ReferralOut}, summary="Überleitung senden")
def create(request: HttpRequest, body: ReferralIn) -> Any:
    user = policy.staff_user(request)
    case = case_selectors.case_for_user(user=user, pk=body.case_id, action="change", purpose="api")
    data = services.ReferralData(
        to_organisation_id=body.to_organisation_id,
        purpose=body.purpose,
        categories=body.categories,
        offering_id=body.offering_id,
        message=body.message,
        answer_due_on=body.answer_due_on,
    )
    return Status(201, services.referral_create(by=user, case=case, data=data))


@router.get("/{referral_id}", response=ReferralOut, summary="Eine Überleitung")
def detail(request: HttpRequest, referral_id: int) -> Any:
    return selectors.referral_for_user(user=policy.staff_user(request), pk=referral_id)


@router.get("/{referral_id}/data", response=SharedOut, summary="Geteilte Daten (mit Einwilligung)")
def shared_data(request: HttpRequest, referral_id: int) -> Any:
    user = policy.staff_user(request)
    referral = selectors.referral_for_user(user=user, pk=referral_id)
    view = selectors.referral_disclosure(user=user, referral=referral)
    if view.access_ended or view.closed:
        raise Http404
    return {
        "referral_id": referral.pk,
        "withheld": view.withheld,
        "sections": [
            {
                "category": s.category,
                "label": s.label,
                "rows": s.rows,
                "items": [{k: str(v) for k, v in i.items()} for i in s.items],
                "goals": _goals(s.plan),
            }
            for s in view.sections
        ],
    }


def _goals(plan: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not plan:
        return []
    return [
        {
            "field": g.field,
            "text": g.text,
            "objectives": [
                {"text": o.text, "target_on": o.target_on.isoformat()} for o in g.objectives.all()
            ],
        }
        for g in plan["goals"]
    ]


@router.post("/{referral_id}/accept", response=ReferralOut, summary="Überleitung annehmen")
def accept(request: HttpRequest, referral_id: int) -> Any:
    user = policy.staff_user(request)
    referral = selectors.referral_for_user(user=user, pk=referral_id, action="answer")
    return services.referral_accept(by=user, referral=referral)


@router.post("/{referral_id}/decline", response=ReferralOut, summary="Überleitung ablehnen")
def decline(request: HttpRequest, referral_id: int, body: DeclineIn) -> Any:
    user = policy.staff_user(request)
    referral = selectors.referral_for_user(user=user, pk=referral_id, action="answer")
    return services.referral_decline(by=user, referral=referral, reason=body.reason)


@router.post("/{referral_id}/complete", response=ReferralOut, summary="Überleitung abschließen")
def complete(request: HttpRequest, referral_id: int, body: CompleteIn) -> Any:
    user = policy.staff_user(request)
    referral = selectors.referral_for_user(user=user, pk=referral_id, action="answer")
    return services.referral_complete(by=user, referral=referral, result=body.result)
