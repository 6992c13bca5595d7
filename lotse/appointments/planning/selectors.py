"""Reads of the planning app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lotse.appointments.planning.models import SavedScenario
from lotse.core import policy


def require_planner(user: Any) -> None:
    """Only planners of an Ausländerbehörde; everybody else gets 404."""
    from django.http import Http404

    if not policy.may(user, "view", SavedScenario):
        raise Http404


def scenarios_for_user(user: Any) -> QuerySet[SavedScenario]:
    """The user's organisation's scenarios by name (one query, no joins needed)."""
    return policy.queryset(user, "view", SavedScenario).select_related("created_by")


def scenario_for_user(user: Any, pk: int, *, action: str = "view") -> SavedScenario:
    return policy.get_or_404(user, SavedScenario, pk, action=action)
