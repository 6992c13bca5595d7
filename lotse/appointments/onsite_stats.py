"""Anonymised statistics of the on-site part: filled per day, location and Anliegen from the
visits and bookings of that day, by `lotse appointments-stats` and whenever a visit ends.

What the figures mean (also in docs/benutzerhandbuch/vor-ort.md):
- bookings: confirmed appointments of the day (cancelled and unconfirmed ones not counted),
  attributed to the first Anliegen of the booking;
- no_shows: of those, the ones marked "nicht erschienen" or never checked in (past days);
- visits / walk_ins / served: visits that ended in the queue of this Anliegen (after any
  transfer), of them without appointment, of them finished ("erledigt");
- waiting time: from arrival (check-in or ticket) to the first call; service time: time at the
  desk in service (parked parts excluded).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lotse.appointments import selectors, slots
from lotse.appointments.models import (
    Booking,
    BookingService,
    Break,
    Closure,
    DeskDayStat,
    LeadTimeSample,
    Location,
    OpeningHours,
    Service,
    ServiceDayStat,
    Visit,
)

COUNTED = (
    Booking.Status.CONFIRMED,
    Booking.Status.CHECKED_IN,
    Booking.Status.CALLED,
    Booking.Status.IN_SERVICE,
    Booking.Status.DONE,
    Booking.Status.NO_SHOW,
)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..1) of the values; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(q * len(ordered)), 1)
    return ordered[rank - 1]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = slots.local_datetime(day, 0) or dt.datetime.combine(day, dt.time(1), slots.BERLIN)
    end_day = day + dt.timedelta(days=1)
    end = slots.local_datetime(end_day, 0) or dt.datetime.combine(end_day, dt.time(1), slots.BERLIN)
    return start, end


def merged_seconds(intervals: Iterable[tuple[int, int]]) -> int:
    """Length of the union of [start, end) minute intervals, in seconds."""
    total, current_start, current_end = 0, None, None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total * 60


def open_seconds(location: Location, day: dt.date) -> int:
    """Opening time of a location on a day (windows merged, breaks removed, closures → 0)."""
    if Closure.objects.filter(location=location, starts_on__lte=day, ends_on__gte=day).exists():
        return 0
    if location.observe_holidays and slots.is_holiday(day):
        return 0

    def valid(row: OpeningHours | Break) -> bool:
        return (row.valid_from is None or row.valid_from <= day) and (
            row.valid_to is None or day <= row.valid_to
        )

    def minutes(t: dt.time) -> int:
        return t.hour * 60 + t.minute

    windows = [
        (minutes(h.opens), minutes(h.closes))
        for h in OpeningHours.objects.filter(location=location, weekday=day.weekday())
        if valid(h)
    ]
    pauses = [
        (minutes(b.starts), minutes(b.ends))
        for b in Break.objects.filter(location=location, weekday=day.weekday())
        if valid(b)
    ]
    opened = merged_seconds(windows)
    # Pauses only count where they overlap the opening windows.
    overlap = merged_seconds(
        (max(ws, ps), min(we, pe))
        for ws, we in windows
        for ps, pe in pauses
        if max(ws, ps) < min(we, pe)
    )
    return max(opened - overlap, 0)


def _booking_rows(location: Location, day: dt.date, today: dt.date) -> dict[int, list[int]]:
    """Per Anliegen: [bookings, no_shows] of the day."""
    start, end = day_bounds(day)
    first: dict[int, tuple[int, int, str]] = {}
    for booking_id, service_id, position, status in BookingService.objects.filter(
        booking__location=location,
        booking__starts_at__gte=start,
        booking__starts_at__lt=end,
        booking__status__in=COUNTED,
    ).values_list("booking_id", "service_id", "position", "booking__status"):
        if booking_id not in first or position < first[booking_id][0]:
            first[booking_id] = (position, service_id, status)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for _position, service_id, status in first.values():
        counts[service_id][0] += 1
        missed = status == Booking.Status.NO_SHOW or (
            status == Booking.Status.CONFIRMED and day < today
        )
        counts[service_id][1] += int(missed)
    return counts


@dataclass
class _DayFigures:
    visits: int = 0
    walk_ins: int = 0
    served: int = 0
    waits: list[float] = field(default_factory=list)
    service: list[float] = field(default_factory=list)


def stats_refresh_day(*, location: Location, day: dt.date, today: dt.date | None = None) -> int:
    """Recompute the statistic rows of one location and day (idempotent). Returns row count."""
    today = today or timezone.localdate()
    bookings = _booking_rows(location, day, today)
    visits = list(
        Visit.objects.filter(location=location, day=day).values_list(
            "service_id",
            "kind",
            "status",
            "arrived_at",
            "first_called_at",
            "service_seconds",
            "desk_id",
        )
    )
    per_service: dict[int, _DayFigures] = defaultdict(_DayFigures)
    desks: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for service_id, kind, status, arrived, called, seconds, desk_id in visits:
        row = per_service[service_id]
        row.visits += 1
        row.walk_ins += int(kind == Visit.Kind.WALK_IN)
        if called is not None:
            row.waits.append(max((called - arrived).total_seconds(), 0))
        if status == Visit.Status.DONE:
            row.served += 1
            row.service.append(seconds)
            if desk_id:
                desks[desk_id][0] += 1
                desks[desk_id][1] += seconds
    rows = []
    for service_id in set(bookings) | set(per_service):
        v = per_service[service_id]
        booked, missed = bookings.get(service_id, (0, 0))
        rows.append(
            ServiceDayStat(
                kommune_id=location.kommune_id,
                location=location,
                service_id=service_id,
                day=day,
                bookings=booked,
                no_shows=missed,
                visits=v.visits,
                walk_ins=v.walk_ins,
                served=v.served,
                wait_mean_s=_rounded(mean(v.waits)),
                wait_p90_s=_rounded(percentile(v.waits, 0.9)),
                service_mean_s=_rounded(mean(v.service)),
            )
        )
    opened = open_seconds(location, day) if desks else 0
    with transaction.atomic():
        ServiceDayStat.objects.filter(location=location, day=day).delete()
        ServiceDayStat.objects.bulk_create(rows)
        DeskDayStat.objects.filter(location=location, day=day).delete()
        DeskDayStat.objects.bulk_create(
            DeskDayStat(
                kommune_id=location.kommune_id,
                location=location,
                desk_id=desk_id,
                day=day,
                served=served,
                busy_s=busy,
                open_s=opened,
            )
            for desk_id, (served, busy) in desks.items()
        )
    return len(rows)


def leadtime_sample(*, location: Location, now: dt.datetime | None = None) -> int:
    """Sample the earliest free online appointment per Anliegen (one row per day)."""
    now = now or timezone.now()
    day = now.astimezone(slots.BERLIN).date()
    count = 0
    for service in Service.objects.filter(locations=location, is_active=True, bookable_online=True):
        free = selectors.free_times(
            location=location, duration=service.duration_minutes, now=now, limit=1
        )
        earliest = free[0].starts_at if free else None
        lead = max((earliest - now).total_seconds() / 86400, 0) if earliest else None
        LeadTimeSample.objects.update_or_create(
            location=location,
            service=service,
            day=day,
            defaults={
                "kommune_id": location.kommune_id,
                "earliest_free_at": earliest,
                "lead_days": lead,
            },
        )
        count += 1
    return count


def bookings_mark_missed(*, location: Location, today: dt.date) -> int:
    """Confirmed appointments of past days that were never checked in become NO_SHOW."""
    start, _end = day_bounds(today)
    return Booking.objects.filter(
        location=location, status=Booking.Status.CONFIRMED, starts_at__lt=start
    ).update(status=Booking.Status.NO_SHOW, updated_at=timezone.now())


def stats_run(*, days: int = 2, now: dt.datetime | None = None) -> dict[str, int]:
    """The daily job: mark missed appointments, close visits left open on earlier days,
    refresh the last `days` days of every active location and sample today's lead times.
    Call inside tenancy.system_context()."""
    now = now or timezone.now()
    today = now.astimezone(slots.BERLIN).date()
    from lotse.appointments.onsite_services import visits_close_stale

    result = {"locations": 0, "rows": 0, "missed": 0, "closed": 0, "samples": 0}
    for location in Location.objects.filter(is_active=True):
        result["locations"] += 1
        with transaction.atomic():
            result["missed"] += bookings_mark_missed(location=location, today=today)
        result["closed"] += visits_close_stale(location=location, today=today)
        for back in range(days):
            result["rows"] += stats_refresh_day(
                location=location, day=today - dt.timedelta(days=back), today=today
            )
        result["samples"] += leadtime_sample(location=location, now=now)
    return result
