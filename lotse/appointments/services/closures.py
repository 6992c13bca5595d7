"""Closed days: cancel the affected bookings, tell the customers, recompute."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lotse.appointments import mail, slots
from lotse.appointments.models import (
    Booking,
    Closure,
    Location,
)
from lotse.appointments.services import bookings, slot_sync
from lotse.core import events, policy
from lotse.core.models import User


def closure_create(
    *,
    location: Location,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    by: User,
    base_url: str = "",
) -> Closure:
    """Close a location on these days: open bookings in the range are cancelled and the
    customers told by e-mail (with the reason), then the slots are recomputed."""
    policy.require(by, "change", location)
    with transaction.atomic():
        closure = Closure.objects.create(
            location=location, starts_on=starts_on, ends_on=ends_on, reason=reason, created_by=by
        )
        first = slots.local_datetime(starts_on, 0)
        last = slots.local_datetime(ends_on + dt.timedelta(days=1), 0)
        affected = list(
            Booking.objects.filter(
                location=location,
                status__in=Booking.OPEN,
                starts_at__gte=first,
                starts_at__lt=last,
            )
        )
        for booking in affected:
            bookings._release(booking)
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = timezone.now()
            booking.cancel_reason = Booking.CancelReason.CLOSURE
            booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
            bookings._entry_after_offer_lost(booking)
        closure.cancelled_bookings = len(affected)
        closure.save(update_fields=["cancelled_bookings"])
        events.record(
            activity="appointment.closure_created",
            actor=by,
            subject=closure,
            data={
                "location": location.pk,
                "days": (ends_on - starts_on).days + 1,
                "cancelled": len(affected),
            },
        )
        slot_sync.slots_compute(location=location)
    for booking in affected:
        if booking.email:
            mail.send_cancellation(booking, note=reason, base_url=base_url)
    return closure
