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
from lotse.core.models import PERSON_ROLES, Organisation, Role, User
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


# Who may answer an Art. 15 request for a person of their own organisation: everyone who may
# view the person, and the Leitung (who handles such requests in many offices).
SUBJECT_ACCESS_ROLES = frozenset(PERSON_ROLES | {Role.LEITUNG})


def may_answer_subject_access(user: User) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id
        and user.role in SUBJECT_ACCESS_ROLES
    )


def subject_person_for_user(*, user: User, pk: Any) -> Person:
    """A person of the user's own organisation for an Art. 15 answer; 404 for everything else
    (another organisation's person, roles without access). The read is logged as "auskunft"."""
    if not may_answer_subject_access(user):
        raise Http404
    try:
        person = Person.objects.select_related("organisation__kommune").get(
            pk=pk, organisation_id=user.organisation_id or 0
        )
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    log_access(user=user, person_ids=[person.pk], purpose="auskunft")
    return person


def person_by_number_for_subject_access(*, user: User, text: str) -> Person | None:
    """Find a person of the user's organisation by Aktenzeichen or Lotse number (for the Leitung,
    who has no person list)."""
    if not may_answer_subject_access(user):
        return None
    text = text.strip()
    own = Person.objects.filter(organisation_id=user.organisation_id or 0)
    found = own.filter(reference=text).first() if text else None
    number = text.removeprefix("lotse-")
    if found is None and number.isdigit():
        found = own.filter(pk=int(number)).first()
    return found
