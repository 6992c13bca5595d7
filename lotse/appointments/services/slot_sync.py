"""Precomputed slots: bring the Slot table in line with hours, pauses, closures, holidays."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lotse.appointments import cache as portal_cache
from lotse.appointments import config, slots
from lotse.appointments.models import (
    Break,
    Channel,
    Closure,
    Location,
    OpeningHours,
    Slot,
)
from lotse.appointments.services import waitlist
from lotse.appointments.services._common import (
    SlotSync,
)
from lotse.core import events, policy
from lotse.core.models import User


def _pure_inputs(
    location: Location,
) -> tuple[list[slots.Window], list[slots.Pause], list[slots.ClosedDays]]:
    windows = [
        slots.Window(
            weekday=h.weekday,
            opens=h.opens,
            closes=h.closes,
            desks={
                Channel.ONLINE.value: h.desks_online,
                Channel.PHONE.value: h.desks_phone,
                Channel.INTERNAL.value: h.desks_internal,
            },
            valid_from=h.valid_from,
            valid_to=h.valid_to,
        )
        for h in OpeningHours.objects.filter(location=location)
    ]
    pauses = [
        slots.Pause(b.weekday, b.starts, b.ends, b.valid_from, b.valid_to)
        for b in Break.objects.filter(location=location)
    ]
    closures = [
        slots.ClosedDays(c.starts_on, c.ends_on) for c in Closure.objects.filter(location=location)
    ]
    return windows, pauses, closures


def slots_compute(
    *, location: Location, first_day: dt.date | None = None, weeks: int | None = None
) -> SlotSync:
    """Bring the precomputed slots of a location in line with its hours, pauses, closures and
    holidays for the coming weeks. Idempotent; booked counts are kept. A slot that is no longer
    open but still held by bookings stays with capacity 0 (nobody else can book it), so the
    bookings keep their slots until staff cancel them."""
    first_day = first_day or timezone.localdate()
    last_day = first_day + dt.timedelta(weeks=weeks or config.slot_weeks()) - dt.timedelta(days=1)
    windows, pauses, closures = _pure_inputs(location)
    wanted = {
        (s.starts_at, s.channel): s
        for s in slots.compute_slots(
            windows=windows,
            pauses=pauses,
            closures=closures,
            first_day=first_day,
            last_day=last_day,
            slot_minutes=location.slot_minutes,
            observe_holidays=location.observe_holidays,
        )
    }
    range_start = slots.local_datetime(first_day, 0) or timezone.now()
    range_end = (slots.local_datetime(last_day, 0) or timezone.now()) + dt.timedelta(days=1)
    with transaction.atomic():
        existing = {
            (row.starts_at, row.channel): row
            for row in Slot.objects.select_for_update().filter(
                location=location, starts_at__gte=range_start, starts_at__lt=range_end
            )
        }
        to_update: list[Slot] = []
        to_delete: list[int] = []
        for key, row in existing.items():
            spec = wanted.pop(key, None)
            if spec is None:
                if row.booked:
                    if row.capacity:
                        row.capacity = 0
                        to_update.append(row)
                else:
                    to_delete.append(row.pk)
            elif row.capacity != spec.capacity or row.ends_at != spec.ends_at:
                row.capacity, row.ends_at = spec.capacity, spec.ends_at
                to_update.append(row)
        Slot.objects.filter(pk__in=to_delete).delete()
        Slot.objects.bulk_update(to_update, ["capacity", "ends_at"], batch_size=500)
        Slot.objects.bulk_create(
            [
                Slot(
                    location=location,
                    starts_at=s.starts_at,
                    ends_at=s.ends_at,
                    channel=s.channel,
                    capacity=s.capacity,
                )
                for s in wanted.values()
            ],
            batch_size=500,
        )
    portal_cache.invalidate(location.pk)
    return SlotSync(created=len(wanted), updated=len(to_update), deleted=len(to_delete))


def slots_recompute(*, location: Location, by: User) -> SlotSync:
    """Staff trigger for a recomputation (after a change made elsewhere, e.g. in bulk)."""
    policy.require(by, "change", location)
    with transaction.atomic():
        result = slots_compute(location=location)
        events.record(
            activity="appointment.slots_computed",
            actor=by,
            subject=location,
            data={"created": result.created, "updated": result.updated, "deleted": result.deleted},
        )
    waitlist.waitlist_offer(location=location)
    return result
