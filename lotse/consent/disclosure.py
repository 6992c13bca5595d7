"""The single gate for showing one organisation's person data to another (architecture §5).

Every view, API endpoint, export and referral that shows a person's data to a user of another
organisation asks `check` (or `require`, which also logs) per data category and purpose. A read
within the owning organisation needs no consent: the basis is OWN and nothing is logged here (the
access log of `people.selectors` covers it). Anything else is allowed only under a consent or a
recorded legal basis that covers recipient, purpose and category now (`rules.covers`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import JSONArray
from django.http import Http404
from django.utils import timezone

from lotse.consent import rules
from lotse.consent.models import Consent, Disclosure, LegalBasis
from lotse.core.models import PERSON_ROLES, User
from lotse.people.models import Person

OWN = "OWN"


@dataclass(frozen=True)
class Basis:
    """Why the data may be shown: OWN organisation, a CONSENT or a LEGAL_BASIS (with its id)."""

    kind: str
    id: int | None = None


def _grants(person: Person, recipient_id: int, at: dt.datetime) -> list[rules.Grant]:
    """Consents and legal bases of this person naming this recipient: one query (UNION)."""
    columns = ("g_kind", "g_id", "g_purposes", "g_categories", "g_from", "g_until", "g_revoked")
    consents = (
        Consent.objects.filter(person=person, recipients=recipient_id)
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=at))
        .annotate(
            g_kind=Value(rules.CONSENT),
            g_id=F("id"),
            g_purposes=F("purposes"),
            g_categories=F("categories"),
            g_from=F("valid_from"),
            g_until=F("valid_until"),
            g_revoked=F("revoked_at"),
        )
        .order_by()
        .values_list(*columns)
    )
    bases = (
        LegalBasis.objects.filter(person=person, recipient_id=recipient_id)
        .annotate(
            g_kind=Value(rules.LEGAL_BASIS),
            g_id=F("id"),
            g_purposes=JSONArray("purpose"),
            g_categories=F("categories"),
            g_from=F("valid_from"),
            g_until=F("valid_until"),
            g_revoked=Value(None, output_field=DateTimeField()),
        )
        .order_by()
        .values_list(*columns)
    )
    return [
        rules.Grant(
            kind=kind,
            id=pk,
            recipients=frozenset({recipient_id}),
            purposes=frozenset(_as_list(purposes)),
            categories=frozenset(_as_list(categories)),
            valid_from=_as_date(valid_from),
            valid_until=_as_date(valid_until) if valid_until is not None else None,
            revoked_at=revoked,
        )
        for kind, pk, purposes, categories, valid_from, valid_until, revoked in consents.union(
            bases, all=True
        )
    ]


def _as_list(value: object) -> list[str]:
    # JSON columns in a UNION may come back as text on some backends.
    if isinstance(value, str):
        value = json.loads(value)
    return [str(v) for v in value] if isinstance(value, list) else []


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def check(
    user: User, person: Person, purpose: str, category: str, at: dt.datetime | None = None
) -> Basis | None:
    """The basis on which `user` may see `category` data of `person` for `purpose`, or None."""
    organisation = user.organisation
    if not user.is_active or organisation is None or user.role not in PERSON_ROLES:
        return None
    if person.kommune_id != organisation.kommune_id:
        return None  # nothing crosses Kommune borders
    if person.organisation_id == organisation.pk:
        return Basis(OWN)
    at = at or timezone.now()
    grant = rules.covers(
        _grants(person, organisation.pk, at),
        organisation.pk,
        purpose,
        category,
        at,
        recipient_kind=organisation.kind,
    )
    return Basis(grant.kind, grant.id) if grant else None


def log(*, user: User, person: Person, purpose: str, category: str, basis: Basis) -> None:
    """Record one disclosure with its basis (no-op for the owning organisation's own reads)."""
    if basis.kind == OWN or basis.id is None or user.organisation is None:
        return
    Disclosure.objects.create(
        kommune_id=person.kommune_id,
        person=person,
        from_organisation_id=person.organisation_id,
        to_organisation=user.organisation,
        user=user,
        category=category,
        purpose=purpose,
        basis_type=basis.kind,
        basis_id=basis.id,
        at=timezone.now(),
    )


def require(user: User, person: Person, purpose: str, category: str) -> Basis:
    """Check and log; without a basis raise Http404 ("not yours" looks like "not there")."""
    basis = check(user, person, purpose, category)
    if basis is None:
        raise Http404
    log(user=user, person=person, purpose=purpose, category=category, basis=basis)
    return basis
