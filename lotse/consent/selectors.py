"""Reads of the consent app. Consents belong to the organisation that recorded them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.consent.models import Consent, LegalBasis
from lotse.core import policy
from lotse.core.models import Organisation, User
from lotse.people.models import Person
from lotse.people.selectors import log_access


def today() -> dt.date:
    return timezone.localdate()


def _with_recipients(queryset: QuerySet[Consent]) -> QuerySet[Consent]:
    return queryset.prefetch_related(
        Prefetch("recipients", queryset=Organisation.objects.order_by("name"))
    )


def consent_for_user(
    *, user: User, pk: Any, action: str = "view", purpose: str = "consent"
) -> Consent:
    """A consent of the user's organisation; 404 for missing and foreign alike, 403 read-only."""
    if not policy.may(user, "view", Person):
        raise Http404
    try:
        consent = _with_recipients(
            Consent.objects.select_related("person", "created_by", "revoked_by", "replaces")
        ).get(pk=pk, organisation_id=user.organisation_id or 0)
    except (Consent.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action != "view" and not policy.may(user, action, Person):
        raise PermissionDenied
    log_access(user=user, person_ids=[consent.person_id], purpose=purpose)
    return consent


def consents_of(person: Person) -> list[Consent]:
    """All consents of a person, newest first, with their recipients (two queries)."""
    return list(_with_recipients(Consent.objects.filter(person=person)))


def legal_bases_of(person: Person) -> list[LegalBasis]:
    return list(
        LegalBasis.objects.filter(person=person).select_related("recipient").order_by("-id")
    )


def recipient_choices(person: Person) -> QuerySet[Organisation]:
    """Organisations a consent of this person may name: the same Kommune, not the owner."""
    return (
        Organisation.objects.filter(kommune_id=person.kommune_id, is_active=True)
        .exclude(pk=person.organisation_id)
        .exclude(kind=Organisation.Kind.LAND)
        .order_by("name")
    )
