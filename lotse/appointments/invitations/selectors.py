"""Reads for proactive invitations: who should be invited, proposed times, batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.appointments import slots as slot_calc
from lotse.appointments.invitation_planning import Candidate, FreeSlot, Plan, plan
from lotse.appointments.models import Booking, Channel, Location, Service, Slot
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.core import policy
from lotse.core.models import User
from lotse.people.models import StatusPeriod, StatusType

# Groups offered in the selection form: (key, label source, status types).
STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "AE": (StatusType.AE,),
    "FIKTION": (StatusType.FIKTION,),
    "DULDUNG": (
        StatusType.DULDUNG_60A,
        StatusType.DULDUNG_60B,
        StatusType.DULDUNG_60C,
        StatusType.DULDUNG_60D,
    ),
    "GESTATTUNG": (StatusType.GESTATTUNG,),
}
MAX_BATCH = 500


@dataclass(frozen=True)
class Selection:
    weeks: int
    location: Location
    service: Service
    groups: tuple[str, ...]
    per_day: int | None = None

    @property
    def status_types(self) -> list[str]:
        return [t for g in self.groups for t in STATUS_GROUPS.get(g, ())]


def require_invitations(user: User, action: str = "view") -> int:
    """The user's organisation id; 404 for everybody who must not learn the pages exist."""
    if not policy.may(user, "view", InvitationRun):
        raise Http404
    if action != "view" and not policy.may(user, action, InvitationRun):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return int(user.organisation_id)  # type: ignore[arg-type]


def today() -> dt.date:
    return timezone.localdate()


def locations_for(user: User) -> QuerySet[Location]:
    return Location.objects.filter(organisation_id=require_invitations(user), is_active=True)


def services_for(user: User) -> QuerySet[Service]:
    return Service.objects.filter(organisation_id=require_invitations(user), is_active=True)


def expiring_queryset(*, user: User, selection: Selection) -> QuerySet[StatusPeriod]:
    """Current status periods of the user's ABH that end within the window (last day included),
    without a follow-up period already recorded, without an invitation standing for them, and
    without an open booking of the person for the chosen Anliegen."""
    organisation_id = require_invitations(user)
    first = today()
    last = first + dt.timedelta(weeks=selection.weeks)
    successor = StatusPeriod.objects.filter(
        person_id=OuterRef("person_id"), valid_from__gt=OuterRef("valid_to")
    )
    invited = Invitation.objects.filter(
        status_period_id=OuterRef("pk"), status__in=Invitation.BLOCKING
    )
    booked = Booking.objects.filter(
        person_id=OuterRef("person_id"),
        status__in=Booking.OPEN,
        ends_at__gt=timezone.now(),
        booking_services__service_id=selection.service.pk,
    )
    return (
        StatusPeriod.objects.filter(
            person__organisation_id=organisation_id,
            type__in=selection.status_types,
            valid_from__lte=first,
            valid_to__gte=first,
            valid_to__lte=last,
        )
        .exclude(Exists(successor))
        .exclude(Exists(invited))
        .exclude(Exists(booked))
        .select_related("person")
        .order_by("valid_to", "id")
    )


def expiring_page(
    *, user: User, selection: Selection, after: int | None, size: int
) -> tuple[list[StatusPeriod], int | None]:
    """One keyset page of the selection (by expiry, then id)."""
    queryset = expiring_queryset(user=user, selection=selection)
    if after is not None:
        anchor = StatusPeriod.objects.filter(pk=after).values_list("valid_to", flat=True).first()
        if anchor is not None:
            queryset = queryset.filter(Q(valid_to__gt=anchor) | Q(valid_to=anchor, id__gt=after))
    rows = list(queryset[: size + 1])
    return rows[:size], rows[size - 1].pk if len(rows) > size else None


def unique_by_person(periods: Sequence[StatusPeriod]) -> list[StatusPeriod]:
    """One period per person: the one that ends first (a person holds one invitation)."""
    seen: set[int] = set()
    result = []
    for period in sorted(periods, key=lambda p: (p.valid_to, p.pk)):
        if period.person_id not in seen:
            seen.add(period.person_id)
            result.append(period)
    return result


def free_internal_slots(
    location: Location, *, first_day: dt.date, last_day: dt.date
) -> list[FreeSlot]:
    """Free internal slots of a location between two local days (one indexed range query)."""
    start = dt.datetime.combine(first_day, dt.time.min, tzinfo=slot_calc.BERLIN)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=slot_calc.BERLIN)
    rows = (
        Slot.objects.filter(
            location=location,
            channel=Channel.INTERNAL,
            starts_at__gte=max(start, timezone.now()),
            starts_at__lt=end,
            booked__lt=F("capacity"),
        )
        .order_by("starts_at")
        .values_list("id", "starts_at", "ends_at", "capacity", "booked")
    )
    return [
        FreeSlot(pk, s, e, s.astimezone(slot_calc.BERLIN).date(), cap - booked)
        for pk, s, e, cap, booked in rows.iterator(chunk_size=2000)
    ]


def invitations_per_day(
    location: Location, *, first_day: dt.date, last_day: dt.date
) -> dict[dt.date, int]:
    """Open invitation bookings per local day (for the cap per day)."""
    start = dt.datetime.combine(first_day, dt.time.min, tzinfo=slot_calc.BERLIN)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=slot_calc.BERLIN)
    counts: dict[dt.date, int] = {}
    for starts_at in Booking.objects.filter(
        location=location,
        source=Booking.Source.INVITATION,
        status__in=Booking.OPEN,
        starts_at__gte=start,
        starts_at__lt=end,
    ).values_list("starts_at", flat=True):
        day = starts_at.astimezone(slot_calc.BERLIN).date()
        counts[day] = counts.get(day, 0) + 1
    return counts


@dataclass
class Proposals:
    periods: list[StatusPeriod]
    plan: Plan
    truncated: bool = False
    by_period: dict[int, object] = field(default_factory=dict)


def proposals(*, user: User, selection: Selection) -> Proposals:
    """The whole selection (up to MAX_BATCH persons) with a proposed time each, planned in
    memory against the free internal capacity (nothing is written)."""
    rows = list(expiring_queryset(user=user, selection=selection)[: MAX_BATCH + 1])
    truncated = len(rows) > MAX_BATCH
    periods = unique_by_person(rows[:MAX_BATCH])
    first_day = today() + dt.timedelta(days=1)
    if not periods:
        return Proposals([], Plan([], []), truncated)
    last_day = max(p.valid_to for p in periods if p.valid_to)
    free = free_internal_slots(selection.location, first_day=first_day, last_day=last_day)
    already = (
        invitations_per_day(selection.location, first_day=first_day, last_day=last_day)
        if selection.per_day
        else None
    )
    result = plan(
        [Candidate(p.pk, p.valid_to) for p in periods if p.valid_to],
        free,
        needed=slot_calc.slots_needed(
            selection.service.duration_minutes, selection.location.slot_minutes
        ),
        first_day=first_day,
        per_day=selection.per_day,
        already_per_day=already,
    )
    by_period: dict[int, object] = {p.key: p for p in result.proposals}  # type: ignore[misc]
    by_period.update({u.key: u for u in result.unplaced})  # type: ignore[misc]
    return Proposals(periods, result, truncated, by_period)


# --- batches ---------------------------------------------------------------------------------


def runs_for_user(*, user: User) -> list[Any]:
    """The organisation's batches, newest first, with counts per status (two queries)."""
    require_invitations(user)
    runs = list(
        policy.queryset(user, "view", InvitationRun)
        .select_related("location", "service", "created_by")
        .annotate(total=Count("invitations"))
        .order_by("-created_at", "-id")[:100]
    )
    counts = status_counts([r.pk for r in runs])
    for run in runs:
        run.counts = counts.get(run.pk, {})  # type: ignore[attr-defined]
    return runs


def status_counts(run_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    result: dict[int, dict[str, int]] = {}
    for run_id, status, n in (
        Invitation.objects.filter(run_id__in=run_ids)
        .values_list("run_id", "status")
        .annotate(n=Count("id"))
        .values_list("run_id", "status", "n")
    ):
        result.setdefault(run_id, {})[status] = n
    return result


def run_invitations(*, run: InvitationRun) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(run=run)
        .select_related("person", "booking__location", "run__service", "run__organisation")
        .order_by("expires_on", "id")
    )
