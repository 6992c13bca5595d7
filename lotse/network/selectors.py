"""Reads of the network app: inbox/outbox by keyset, the category-filtered referral view
through the disclosure gate, and the pseudonymised obstacle overview for coordinators."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from lotse.cases.models import Case
from lotse.consent import disclosure
from lotse.core import policy
from lotse.core.models import Organisation, User
from lotse.network import content
from lotse.network.access import COORDINATOR_ROLES
from lotse.network.models import Obstacle, Offering, Referral, Transfer

PAGE_SIZE = 25


def today() -> dt.date:
    return timezone.localdate()


def referral_for_user(*, user: User, pk: Any, action: str = "view") -> Referral:
    return policy.get_or_404(
        user,
        Referral,
        pk,
        action=action,
        query=lambda qs: qs.select_related(
            "case",
            "case__person",
            "from_organisation",
            "from_user",
            "to_organisation",
            "offering",
            "handler",
        ),
    )


def _page(queryset: QuerySet[Referral], after: int | None, size: int) -> tuple[list[Any], Any]:
    if after is not None:
        queryset = queryset.filter(id__lt=after)
    rows = list(queryset.order_by("-id")[: size + 1])
    return rows[:size], rows[size - 1].pk if len(rows) > size else None


def inbox(
    *, user: User, status: str = "", after: int | None = None, size: int = PAGE_SIZE
) -> tuple[list[Referral], int | None]:
    """Referrals to the user's organisation (no person data: the list shows case numbers)."""
    queryset = (
        policy.queryset(user, "answer", Referral)
        .select_related("from_organisation", "offering", "handler")
        .defer("message", "result_note", "decline_reason")
    )
    if status:
        queryset = queryset.filter(status=status)
    return _page(queryset, after, size)


def outbox(
    *, user: User, status: str = "", after: int | None = None, size: int = PAGE_SIZE
) -> tuple[list[Referral], int | None]:
    """Referrals the user's organisation sent (the sender sees its own case's person)."""
    queryset = (
        policy.queryset(user, "view", Referral)
        .filter(from_organisation_id=user.organisation_id)
        .select_related("to_organisation", "offering", "case__person", "handler")
    )
    if status:
        queryset = queryset.filter(status=status)
    return _page(queryset, after, size)


def referrals_of_case(case: Case) -> list[Referral]:
    return list(
        Referral.objects.filter(case=case).select_related("to_organisation", "offering", "handler")
    )


def transfers_of_case(case: Case) -> list[Transfer]:
    return list(Transfer.objects.filter(case=case).select_related("to_organisation", "to_user"))


def obstacles_of_case(case: Case) -> list[Obstacle]:
    return list(Obstacle.objects.filter(case=case).select_related("concerned"))


def incoming_transfers(*, user: User) -> list[Transfer]:
    return list(
        policy.queryset(user, "answer", Transfer)
        .filter(status=Transfer.Status.REQUESTED)
        .select_related("from_organisation", "to_user")
        .order_by("-id")[:100]
    )


def transfer_for_user(*, user: User, pk: Any, action: str = "view") -> Transfer:
    return policy.get_or_404(
        user,
        Transfer,
        pk,
        action=action,
        query=lambda qs: qs.select_related(
            "case", "case__person", "from_organisation", "to_organisation", "to_user"
        ),
    )


def offerings_of(organisation_ids: list[int]) -> list[Offering]:
    return list(
        Offering.objects.filter(organisation_id__in=organisation_ids, active=True).select_related(
            "organisation"
        )
    )


# --- what a referral shows --------------------------------------------------------------------


@dataclass
class ReferralView:
    """The shared content of a referral for one user at one moment."""

    sections: list[content.Section] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)  # shared but no longer covered
    access_ended: bool = False  # nothing of the person may be shown any more
    closed: bool = False  # declined/completed: the receiver no longer sees person data


def referral_disclosure(
    *, user: User, referral: Referral, at: dt.datetime | None = None
) -> ReferralView:
    """Ask the gate per shared category NOW; show and log only what is covered. The sender's
    organisation reads its own case (basis OWN, no log). Closed referrals show no person data
    to the receiver."""
    case = referral.case
    person = case.person
    view = ReferralView()
    own = user.organisation_id == case.organisation_id
    if not own and referral.status not in Referral.OPEN_STATUSES:
        view.closed = True
        return view
    for category in referral.categories:
        basis = disclosure.check(user, person, referral.purpose, category, at)
        if basis is None:
            view.withheld.append(category)
            continue
        disclosure.log(
            user=user, person=person, purpose=referral.purpose, category=category, basis=basis
        )
        view.sections.append(content.section_for(case, category))
    view.access_ended = not view.sections
    return view


# --- obstacles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObstacleFilter:
    field: str = ""
    concerned: int | None = None
    status: str = ""


# Columns a coordinator may read: never the case, never the recorder.
PSEUDONYMOUS_COLUMNS = (
    "id",
    "organisation__name",
    "field",
    "concerned_id",
    "concerned__name",
    "kind",
    "description",
    "status",
    "status_note",
    "created_at",
)


def _coordinator_queryset(user: User, filters: ObstacleFilter) -> QuerySet[Obstacle]:
    if user.role not in COORDINATOR_ROLES:
        return Obstacle.objects.none()
    queryset = policy.queryset(user, "view", Obstacle)
    if filters.field:
        queryset = queryset.filter(field=filters.field)
    if filters.concerned:
        queryset = queryset.filter(concerned_id=filters.concerned)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset


def obstacles_for_coordinator(
    *, user: User, filters: ObstacleFilter, limit: int = 500
) -> list[dict[str, Any]]:
    """All obstacles of the coordinator's Kommune, pseudonymised (plain dicts, one query)."""
    from lotse.cases.models import Handlungsfeld

    rows = list(
        _coordinator_queryset(user, filters).order_by("-id").values(*PSEUDONYMOUS_COLUMNS)[:limit]
    )
    for row in rows:
        row["field_label"] = Handlungsfeld(row["field"]).label
        row["kind_label"] = Obstacle.Kind(row["kind"]).label
    return rows


def obstacle_counts(*, user: User, filters: ObstacleFilter) -> dict[str, Any]:
    """Counts per Handlungsfeld × organisation concerned (one query)."""
    from lotse.cases.models import Handlungsfeld

    pairs = Counter(
        (f, name or "")
        for f, name in _coordinator_queryset(user, filters)
        .values_list("field", "concerned__name")
        .order_by()
    )
    columns = sorted({name for _, name in pairs})
    fields = [f for f in Handlungsfeld.values if any(k[0] == f for k in pairs)]
    table = [
        (
            Handlungsfeld(f).label,
            [pairs.get((f, c), 0) for c in columns],
            sum(n for (ff, _), n in pairs.items() if ff == f),
        )
        for f in fields
    ]
    return {"columns": columns, "rows": table, "total": sum(pairs.values())}


def obstacles_of_organisation(*, user: User, limit: int = 200) -> list[Obstacle]:
    return list(
        policy.queryset(user, "view", Obstacle)
        .select_related("concerned", "case")
        .order_by("-id")[:limit]
    )


def concerned_choices(user: User) -> QuerySet[Organisation]:
    if user.organisation is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(kommune_id=user.organisation.kommune_id).order_by("name")


def transfer_stammdaten(*, user: User, transfer: Transfer) -> content.Section | None:
    """Who the requested transfer is about, for the receiving organisation: master data through
    the gate (purpose Überleitung), logged; None when no basis covers it now."""
    from lotse.consent.models import Category

    person = transfer.case.person
    basis = disclosure.check(user, person, "UEBERLEITUNG", Category.STAMMDATEN)
    if basis is None:
        return None
    disclosure.log(
        user=user, person=person, purpose="UEBERLEITUNG", category=Category.STAMMDATEN, basis=basis
    )
    return content.section_for(transfer.case, Category.STAMMDATEN)
