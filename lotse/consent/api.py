"""API endpoints of the consent app (mounted at /api/v1/consents): same services and rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from lotse.consent import selectors, services
from lotse.consent.models import Consent
from lotse.core import policy
from lotse.people import selectors as people_selectors

router = Router(tags=["Einwilligungen"])


class ConsentOut(Schema):
    id: int
    person_id: int
    organisation_id: int
    given_by: str
    representative_name: str
    recipients: list[int]
    purposes: list[str]
    categories: list[str]
    form: str
    has_scan: bool
    valid_from: dt.date
    valid_until: dt.date | None
    status: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    replaces_id: int | None

    @staticmethod
    def resolve_recipients(obj: Consent) -> list[int]:
        return sorted(o.pk for o in obj.recipients.all())

    @staticmethod
    def resolve_has_scan(obj: Consent) -> bool:
        return bool(obj.scan)

    @staticmethod
    def resolve_status(obj: Consent) -> str:
        return obj.status(selectors.today())


class ConsentIn(Schema):
    person_id: int
    given_by: str = Field("PERSON", description="PERSON oder REPRESENTATIVE")
    representative_name: str = Field("", max_length=200)
    recipients: list[int] = Field(..., min_length=1, max_length=50)
    purposes: list[str] = Field(..., min_length=1, max_length=10)
    categories: list[str] = Field(..., min_length=1, max_length=10)
    form: str = Field(..., description="WRITTEN oder ELECTRONIC")
    valid_from: dt.date
    valid_until: dt.date | None = None

    def to_data(self) -> services.ConsentData:
        return services.ConsentData(
            given_by=self.given_by,
            representative_name=self.representative_name,
            recipient_ids=self.recipients,
            purposes=self.purposes,
            categories=self.categories,
            form=self.form,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )


class RevokeIn(Schema):
    reason: str = Field("", max_length=500)


@router.get("", response=list[ConsentOut], summary="Einwilligungen einer Person")
def list_consents(request: HttpRequest, person_id: int) -> Any:
    person = people_selectors.person_for_user(
        user=policy.staff_user(request), pk=person_id, purpose="api"
    )
    return selectors.consents_of(person)


@router.post("", response={201: ConsentOut}, summary="Einwilligung erfassen")
def give_consent(request: HttpRequest, body: ConsentIn) -> Any:
    user = policy.staff_user(request)
    person = people_selectors.person_for_user(
        user=user, pk=body.person_id, action="change", purpose="api"
    )
    return Status(201, services.consent_give(by=user, person=person, data=body.to_data()))


@router.post("/{consent_id}/revoke", response=ConsentOut, summary="Einwilligung widerrufen")
def revoke_consent(request: HttpRequest, consent_id: int, body: RevokeIn) -> Any:
    user = policy.staff_user(request)
    consent = selectors.consent_for_user(user=user, pk=consent_id, action="change", purpose="api")
    return services.consent_revoke(by=user, consent=consent, reason=body.reason)
