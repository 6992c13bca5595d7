"""Who may do what in Kundensteuerung (registered with lotse.core.policy in ready()).

Catalogue, locations, hours, closures and capacity belong to the Ausländerbehörde (or
Einbürgerungsbehörde) that offers them: its Leitung and Administration change them, its staff
see them. Bookings carry personal data: front office and ABH case workers of the same
organisation see and change them, Leitung sees them; Administration has no case content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from lotse.core.models import Organisation, Role, User

OFFICE_KINDS = frozenset({Organisation.Kind.ABH, Organisation.Kind.EBH})
CATALOGUE_EDITORS = frozenset({Role.LEITUNG, Role.ADMIN})
CATALOGUE_VIEWERS = CATALOGUE_EDITORS | {Role.FRONTOFFICE, Role.ABH_SB, Role.EBH_SB, Role.LOTSIN}
BOOKING_ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset({Role.FRONTOFFICE, Role.ABH_SB, Role.EBH_SB, Role.LEITUNG}),
    "change": frozenset({Role.FRONTOFFICE, Role.ABH_SB, Role.EBH_SB, Role.LEITUNG}),
    "book": frozenset({Role.FRONTOFFICE, Role.ABH_SB, Role.EBH_SB}),
}


def in_office(user: User) -> bool:
    organisation = user.organisation
    return organisation is not None and organisation.kind in OFFICE_KINDS


def catalogue_may(user: User, action: str) -> bool:
    if not in_office(user):
        return False
    roles = CATALOGUE_VIEWERS if action == "view" else CATALOGUE_EDITORS
    return user.role in roles


def booking_may(user: User, action: str) -> bool:
    return in_office(user) and user.role in BOOKING_ACTIONS.get(action, frozenset())


def by_organisation(
    field: str,
) -> Callable[[User, str, models.QuerySet[Any]], models.QuerySet[Any]]:
    def narrow(user: User, action: str, qs: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return qs.filter(**{field: user.organisation_id})

    return narrow
