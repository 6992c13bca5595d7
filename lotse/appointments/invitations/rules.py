"""Who may work with proactive invitations (registered with lotse.core.policy in setup()).

Case workers and the front office of an Ausländerbehörde select persons and create invitations;
the Leitung sees the batches and tracks them. Everybody else must not learn that the pages
exist (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from lotse.core.models import Organisation, Role, User

ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset({Role.ABH_SB, Role.FRONTOFFICE, Role.LEITUNG}),
    "change": frozenset({Role.ABH_SB, Role.FRONTOFFICE, Role.LEITUNG}),
    "create": frozenset({Role.ABH_SB, Role.FRONTOFFICE}),
}


def in_abh(user: User) -> bool:
    organisation = user.organisation
    return organisation is not None and organisation.kind == Organisation.Kind.ABH


def invitation_may(user: User, action: str) -> bool:
    return in_abh(user) and user.role in ACTIONS.get(action, frozenset())


def narrow_to(field: str) -> Callable[[User, str, models.QuerySet[Any]], models.QuerySet[Any]]:
    def narrow(user: User, action: str, qs: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return qs.filter(**{field: user.organisation_id})

    return narrow
