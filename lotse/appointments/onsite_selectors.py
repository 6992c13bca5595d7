"""Reads of the on-site part: queues for the clerk page, the call display feed, locations a
staff member may work at. Query counts are fixed (pinned in tests/appointments/onsite)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.appointments.models import Desk, Location, Service, Visit
from lotse.appointments.onsite_services import local_day
from lotse.core import policy
from lotse.core.models import User

DISPLAY_ROWS = 8


@dataclass(frozen=True)
class QueueRow:
    service: str
    team: str
    waiting: int
    longest_wait_min: int


@dataclass(frozen=True)
class DisplayRow:
    number: str
    desk: str


@dataclass(frozen=True)
class DisplayFeed:
    calls: list[DisplayRow]
    waiting: int


def work_locations(user: User) -> QuerySet[Location]:
    """Locations whose queues the user works with (front desk, counter)."""
    if not policy.may(user, "view", Visit):
        return Location.objects.none()
    return Location.objects.filter(organisation_id=user.organisation_id or 0, is_active=True)


def work_location_or_404(user: User, pk: int) -> Location:
    location = work_locations(user).select_related("organisation").filter(pk=pk).first()
    if location is None:
        raise Http404
    return location


def queue_overview(location: Location, now: dt.datetime | None = None) -> list[QueueRow]:
    """Waiting people per Anliegen with the longest wait so far (one query)."""
    now = now or timezone.now()
    rows = (
        Visit.objects.filter(location=location, day=local_day(now), status=Visit.Status.WAITING)
        .values("service__name", "team__name")
        .annotate(waiting=Count("id"), oldest=Min("queued_at"))
        .order_by("team__name", "service__name")
    )
    return [
        QueueRow(
            service=row["service__name"],
            team=row["team__name"] or "",
            waiting=row["waiting"],
            longest_wait_min=max(int((now - row["oldest"]).total_seconds() // 60), 0),
        )
        for row in rows
    ]


def waiting_visits(location: Location, limit: int = 50) -> list[Visit]:
    return list(
        Visit.objects.filter(
            location=location, day=local_day(timezone.now()), status=Visit.Status.WAITING
        )
        .select_related("service", "team")
        .order_by("queued_at", "id")[:limit]
    )


def desk_visits(location: Location, desk: Desk | None) -> list[Visit]:
    """What the clerk at this desk is working on: the called or served visit."""
    if desk is None:
        return []
    return list(
        Visit.objects.filter(
            location=location, desk=desk, day=local_day(timezone.now()), status__in=Visit.AT_DESK
        )
        .select_related("service", "booking", "desk")
        .order_by("called_at")
    )


def parked_visits(location: Location) -> list[Visit]:
    return list(
        Visit.objects.filter(
            location=location, day=local_day(timezone.now()), status=Visit.Status.PARKED
        )
        .select_related("service", "desk")
        .order_by("updated_at")
    )


def recent_visits(location: Location, limit: int = 10) -> list[Visit]:
    return list(
        Visit.objects.filter(location=location, day=local_day(timezone.now()))
        .select_related("service")
        .order_by("-arrived_at", "-id")[:limit]
    )


def desks(location: Location) -> list[Desk]:
    return list(Desk.objects.filter(location=location, is_active=True).order_by("number"))


def services_at(location: Location, *, walk_in: bool = False) -> list[Service]:
    qs = Service.objects.filter(locations=location, is_active=True)
    if walk_in:
        qs = qs.filter(walk_in_allowed=True)
    return list(qs.order_by("sort_order", "name"))


def display_feed(location: Location, now: dt.datetime | None = None) -> DisplayFeed:
    """The call display: the last called numbers of today with their desk, and how many are
    waiting. Two small indexed queries; the view caches the rendered result for a moment."""
    day = local_day(now or timezone.now())
    calls = [
        DisplayRow(number=number, desk=desk or "")
        for number, desk in Visit.objects.filter(
            location=location, day=day, called_at__isnull=False
        )
        .exclude(status=Visit.Status.WAITING)
        .order_by("-called_at", "-id")
        .values_list("number", "desk__number")[:DISPLAY_ROWS]
    ]
    waiting = Visit.objects.filter(location=location, day=day, status=Visit.Status.WAITING).count()
    return DisplayFeed(calls=calls, waiting=waiting)
