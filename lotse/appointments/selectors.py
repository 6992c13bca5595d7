"""Reads of Kundensteuerung: the public catalogue, free times, staff lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from lotse.appointments import slots
from lotse.appointments.models import (
    Booking,
    Channel,
    Location,
    Service,
    Slot,
    Team,
)
from lotse.core import policy
from lotse.core.models import User


@dataclass(frozen=True)
class FreeTime:
    """A bookable start: the first slot of a run long enough for the chosen Anliegen."""

    slot_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class FreeDay:
    day: dt.date
    times: list[FreeTime]


def locations_public() -> QuerySet[Location]:
    return Location.objects.filter(is_active=True, bookable_online=True).select_related(
        "organisation"
    )


def services_public(location: Location) -> list[Service]:
    return list(
        Service.objects.filter(locations=location, is_active=True, bookable_online=True).order_by(
            "sort_order", "name"
        )
    )


def services_chosen(location: Location, ids: Sequence[str | int]) -> list[Service]:
    """The chosen Anliegen of this location in the order of the catalogue; unknown ids drop."""
    clean = {int(i) for i in ids if str(i).isdigit()}
    if not clean:
        return []
    return [s for s in services_public(location) if s.pk in clean]


def free_times(
    *,
    location: Location,
    duration: int,
    now: dt.datetime | None = None,
    channel: str = Channel.ONLINE,
    after: dt.datetime | None = None,
    limit: int = 60,
) -> list[FreeTime]:
    """The earliest starts with enough consecutive free slots for `duration` minutes.

    One indexed range query over the free slots of the bookable window, then a linear scan
    (slots.consecutive_starts); occupied slots are left out by the query and break runs."""
    now = now or timezone.now()
    earliest = now + dt.timedelta(
        minutes=location.min_lead_minutes if channel == Channel.ONLINE else 0
    )
    if after is not None and after > earliest:
        earliest = after
    latest = now + dt.timedelta(days=location.horizon_days)
    needed = slots.slots_needed(duration, location.slot_minutes)
    by_id: dict[int, tuple[dt.datetime, dt.datetime]] = {}
    length = dt.timedelta(minutes=location.slot_minutes)

    def pages() -> Iterator[tuple[int, dt.datetime, dt.datetime]]:
        # Keyset pages over the free slots (partial index slot_free_idx): the scan below
        # usually stops after the first page, so 12 weeks of slots are never all read.
        page_size = max(120, limit + needed * 10)
        cursor = earliest
        inclusive = True
        while True:
            qs = Slot.objects.filter(
                location=location,
                channel=channel,
                starts_at__lte=latest,
                booked__lt=F("capacity"),
            )
            qs = qs.filter(starts_at__gte=cursor) if inclusive else qs.filter(starts_at__gt=cursor)
            page = list(qs.order_by("starts_at").values_list("id", "starts_at")[:page_size])
            for slot_id, starts_at in page:
                # All slots of a location are `slot_minutes` long in real time (slots.py).
                ends_at = starts_at + length
                by_id[slot_id] = (starts_at, ends_at)
                yield slot_id, starts_at, ends_at
            if len(page) < page_size:
                return
            cursor, inclusive = page[-1][1], False

    runs = slots.consecutive_starts(pages(), needed=needed, limit=limit)
    return [FreeTime(run[0], by_id[run[0]][0], by_id[run[-1]][1]) for run in runs]


def free_days(times: Sequence[FreeTime]) -> list[FreeDay]:
    """Free times grouped by local day, for the portal's list."""
    days: dict[dt.date, list[FreeTime]] = {}
    for t in times:
        days.setdefault(t.starts_at.astimezone(slots.BERLIN).date(), []).append(t)
    return [FreeDay(day, ts) for day, ts in days.items()]


def booking_services(booking: Booking) -> list[Service]:
    return [bs.service for bs in booking.booking_services.select_related("service")]


# --- staff -----------------------------------------------------------------------------------


def locations_for_user(user: User) -> QuerySet[Location]:
    return policy.queryset(user, "view", Location).select_related("organisation")


def services_for_user(user: User) -> QuerySet[Service]:
    return policy.queryset(user, "view", Service).select_related("organisation")


def slot_summary(location: Location, *, days: int = 14) -> list[dict[str, object]]:
    """Capacity and bookings per day and channel for the next days (staff overview)."""
    from django.db.models import Sum
    from django.db.models.functions import TruncDate

    now = timezone.now()
    rows = (
        Slot.objects.filter(
            location=location, starts_at__gte=now, starts_at__lt=now + dt.timedelta(days=days)
        )
        .annotate(day=TruncDate("starts_at", tzinfo=slots.BERLIN))
        .values("day", "channel")
        .annotate(capacity=Sum("capacity"), booked=Sum("booked"))
        .order_by("day", "channel")
    )
    return [dict(row) for row in rows]


def teams_for_location(user: User, location: Location) -> QuerySet[Team]:
    """Teams the user may see that can work at this location: the location's own and those
    of the whole office (location empty). Desks and work profiles choose from these."""
    return (
        policy.queryset(user, "view", Team)
        .filter(organisation_id=location.organisation_id)
        .filter(Q(location=location) | Q(location__isnull=True))
        .order_by("name")
    )
