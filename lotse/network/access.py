"""Who may see and act on referrals, transfers and obstacles (architecture §5).

- Referrals: the sending side sees them with the case (same rules as the case); the receiving
  organisation's staff with a person role (not the Servicepoint) see the referral itself. What
  they see of the person is decided per category by the disclosure gate, not here.
- Transfers: the sending side with the case; the receiving organisation's working roles.
- Obstacles: the recording organisation's case workers (with the case); coordinators of the
  Kommune through a pseudonymising selector (never the case or the recorder).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from lotse.cases import access as case_access
from lotse.cases.models import Case
from lotse.core.models import PERSON_ROLES, Role

RECEIVER_ROLES = frozenset(PERSON_ROLES - {Role.FRONTOFFICE})
COORDINATOR_ROLES = frozenset({Role.COORDINATOR})


def _case_ids(user: Any, action: str) -> Q | None:
    q = case_access.case_q(user, action)
    if q is None:
        return None
    return Q(case__in=Case.objects.filter(q).values("pk"))


# --- referrals --------------------------------------------------------------------------------


def referral_may(user: Any, action: str) -> bool:
    if action in {"view", "answer"} and user.role in RECEIVER_ROLES:
        return True
    return case_access.may(user, "change" if action == "create" else action)


def referral_narrow(user: Any, action: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    receiver = Q(to_organisation_id=user.organisation_id) if user.role in RECEIVER_ROLES else None
    if action == "answer":
        return queryset.filter(receiver) if receiver is not None else queryset.none()
    sender = _case_ids(user, "view" if action == "view" else "change")
    parts = [q for q in (receiver if action == "view" else None, sender) if q is not None]
    if not parts:
        return queryset.none()
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return queryset.filter(combined)


# --- transfers --------------------------------------------------------------------------------


def transfer_may(user: Any, action: str) -> bool:
    if user.role in case_access.WORK_ROLES:
        return True
    return case_access.may(user, action)


def transfer_narrow(user: Any, action: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    receiver = (
        Q(to_organisation_id=user.organisation_id) if user.role in case_access.WORK_ROLES else None
    )
    if action == "answer":
        return queryset.filter(receiver) if receiver is not None else queryset.none()
    sender = _case_ids(user, "view" if action == "view" else "change")
    parts = [q for q in (receiver if action == "view" else None, sender) if q is not None]
    if not parts:
        return queryset.none()
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return queryset.filter(combined)


# --- obstacles --------------------------------------------------------------------------------


def obstacle_may(user: Any, action: str) -> bool:
    if user.role in COORDINATOR_ROLES:
        return action in {"view", "change"}
    return user.role in case_access.WORK_ROLES and action in {"view", "create"}


def obstacle_narrow(user: Any, action: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in COORDINATOR_ROLES:
        return queryset.filter(kommune_id=user.organisation.kommune_id)
    return queryset.filter(organisation_id=user.organisation_id)
