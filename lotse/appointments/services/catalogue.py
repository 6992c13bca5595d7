"""Staff changes of the catalogue: Anliegen, locations, opening hours (slots follow)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lotse.appointments.models import (
    Location,
    OpeningHours,
    Service,
)
from lotse.appointments.services import slot_sync, waitlist
from lotse.core import events, policy
from lotse.core.models import User


def service_save(*, service: Service, by: User, m2m: dict[str, Any] | None = None) -> Service:
    """Create or change an Anliegen of the user's organisation."""
    creating = service.pk is None
    if creating:
        policy.require_may(by, "create", Service)
        service.organisation = policy.organisation_of(by)
    else:
        policy.require(by, "change", service)
    with transaction.atomic():
        service.full_clean()
        service.save()
        for field, values in (m2m or {}).items():
            getattr(service, field).set(values)
        events.record(
            activity="appointment.service_created" if creating else "appointment.service_changed",
            actor=by,
            subject=service,
            data={"duration": service.duration_minutes, "online": service.bookable_online},
        )
    return service


def location_save(*, location: Location, by: User) -> Location:
    """Change a location's settings; the slots follow (slot length, holidays)."""
    policy.require(by, "change", location)
    with transaction.atomic():
        location.full_clean()
        location.save()
        events.record(activity="appointment.location_changed", actor=by, subject=location)
        slot_sync.slots_compute(location=location)
    waitlist.waitlist_offer(location=location)
    return location


def opening_hours_add(*, hours: OpeningHours, location: Location, by: User) -> OpeningHours:
    """Add an opening window with desks per channel; new capacity is offered to the waiting
    list at once."""
    policy.require(by, "change", location)
    hours.location = location
    with transaction.atomic():
        hours.full_clean()
        hours.save()
        events.record(
            activity="appointment.hours_added",
            actor=by,
            subject=location,
            data={
                "weekday": hours.weekday,
                "online": hours.desks_online,
                "phone": hours.desks_phone,
                "internal": hours.desks_internal,
            },
        )
        slot_sync.slots_compute(location=location)
    waitlist.waitlist_offer(location=location)
    return hours


def opening_hours_delete(*, hours: OpeningHours, by: User) -> None:
    location = hours.location
    policy.require(by, "change", location)
    with transaction.atomic():
        hours.delete()
        events.record(
            activity="appointment.hours_removed",
            actor=by,
            subject=location,
            data={"weekday": hours.weekday},
        )
        slot_sync.slots_compute(location=location)
