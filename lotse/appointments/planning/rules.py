"""Who may plan: the Leitung and Statistik/Planung of an Ausländerbehörde, for their own
organisation's scenarios. Everybody else gets 404 (they need not know the area exists)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy

from lotse.core.models import Organisation, Role

PLANNING_ROLES = frozenset({Role.LEITUNG, Role.STATISTIK})


def may(user: Any, action: str) -> bool:
    organisation = getattr(user, "organisation", None)
    return bool(
        user.role in PLANNING_ROLES
        and organisation is not None
        and organisation.kind == Organisation.Kind.ABH
    )


def narrow(user: Any, action: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.filter(organisation_id=user.organisation_id)


def navigation(user: Any) -> list[tuple[Any, str]]:
    from lotse.appointments.planning.models import SavedScenario
    from lotse.core import policy

    if not policy.may(user, "view", SavedScenario):
        return []
    return [(gettext_lazy("Personalplanung"), reverse("appointments_planning:list"))]
