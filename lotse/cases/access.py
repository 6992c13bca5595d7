"""Who may see and work on which case (architecture §5, kim.md §3.2).

Case content belongs to the organisation that runs the case. Colleagues with the working role
of the case's kind (Case Management for KIM cases, the Integrationslotsin for Perspektivfälle)
may work on it; the organisation's Leitung may read it; everyone else gets 404. ABH/EBH
Sachbearbeitung and the Servicepoint never see case content.

Other apps widen the visible set for their purpose through `register_case_access`: the network
app will let a receiving organisation see the parts of a case a referral with consent opens to
it. A hook returns a Q over Case (or None) for (user, action); hooks never widen "change" unless
they mean it, and the disclosure gate still applies to every cross-organisation read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from lotse.core.models import Role

# Case kind → the role that works on such cases in the owning organisation.
WORK_ROLE = {"KIM": Role.CASE_MANAGER, "PERSPEKTIVE": Role.LOTSIN}
WORK_ROLES = frozenset(WORK_ROLE.values())
READ_ROLES = frozenset({Role.LEITUNG})
WRITE_ACTIONS = frozenset({"change", "create", "close"})

CaseAccessHook = Callable[[Any, str], Q | None]
_HOOKS: list[CaseAccessHook] = []


def register_case_access(hook: CaseAccessHook) -> None:
    """Add a source of visible cases beyond the owning organisation (e.g. accepted referrals)."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def work_kinds(user: Any) -> list[str]:
    return [kind for kind, role in WORK_ROLE.items() if role == user.role]


def _own(user: Any, action: str, prefix: str = "") -> Q | None:
    if user.role in WORK_ROLES:
        return Q(
            **{
                f"{prefix}organisation_id": user.organisation_id,
                f"{prefix}kind__in": work_kinds(user),
            }
        )
    if user.role in READ_ROLES and action not in WRITE_ACTIONS:
        return Q(**{f"{prefix}organisation_id": user.organisation_id})
    return None


def case_q(user: Any, action: str) -> Q | None:
    """All cases `user` may perform `action` on, as one Q (None: none at all)."""
    parts = [q for q in (_own(user, action), *(hook(user, action) for hook in _HOOKS)) if q]
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def may(user: Any, action: str) -> bool:
    return case_q(user, action) is not None


def narrow(user: Any, action: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    q = case_q(user, action)
    return queryset.filter(q) if q is not None else queryset.none()


def narrow_children(user: Any, action: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Rows that hang off a case (tasks, notes, documents): visible with their case. The own
    organisation's part is a join (fast for "Meine Aufgaben"); hooks add subqueries."""
    from lotse.cases.models import Case

    parts = [q for q in [_own(user, action, prefix="case__")] if q]
    for hook in _HOOKS:
        extra = hook(user, action)
        if extra:
            parts.append(Q(case__in=Case.objects.filter(extra).values("pk")))
    if not parts:
        return queryset.none()
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return queryset.filter(combined)
