"""The waiting list (Terminagent): sign-up with double opt-in, offers of freed slots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lotse.appointments import config, mail
from lotse.appointments.models import (
    Booking,
    Channel,
    Location,
    WaitingListEntry,
    email_digest,
    token_digest,
)
from lotse.appointments.services import bookings
from lotse.appointments.services._common import (
    TOO_LONG,
    BookingError,
    new_token,
)
from lotse.core import events


def waitlist_join(
    *,
    location: Location,
    service_ids: Sequence[int],
    name: str,
    email: str,
    language: str,
    base_url: str = "",
) -> tuple[WaitingListEntry, str]:
    """Sign up for a freed slot; the entry counts only after the e-mail link was clicked."""
    services = bookings._validated_services(location, service_ids, Channel.ONLINE)
    duration = bookings.booking_duration(services)
    if duration > location.max_booking_minutes:
        raise BookingError(TOO_LONG)
    confirm_token, manage_token = new_token(), new_token()
    now = timezone.now()
    with transaction.atomic():
        entry = WaitingListEntry.objects.create(
            kommune_id=location.kommune_id,
            location=location,
            duration_minutes=duration,
            name=name.strip(),
            email=email.strip(),
            email_digest=email_digest(email),
            language=language,
            confirm_token_digest=token_digest(confirm_token),
            confirm_expires_at=now + dt.timedelta(hours=config.waitlist_confirm_hours()),
            manage_token_digest=token_digest(manage_token),
            consent_version=config.CONSENT_VERSION,
        )
        entry.services.set(services)
        events.record(
            activity="appointment.waitlist_requested",
            organisation=location.organisation,
            subject=entry,
            data={"location": location.pk, "services": [s.pk for s in services]},
        )
    mail.send_waitlist_confirm_request(
        entry, confirm_token=confirm_token, manage_token=manage_token, base_url=base_url
    )
    return entry, manage_token


def waitlist_confirm(
    *, location: Location, token: str, base_url: str = ""
) -> WaitingListEntry | None:
    now = timezone.now()
    with transaction.atomic():
        entry = (
            WaitingListEntry.objects.select_for_update()
            .filter(location=location, confirm_token_digest=token_digest(token))
            .first()
        )
        if entry is None:
            return None
        if entry.status != WaitingListEntry.Status.PENDING:
            return entry
        if entry.confirm_expires_at is None or entry.confirm_expires_at <= now:
            return None
        entry.status = WaitingListEntry.Status.WAITING
        entry.confirmed_at = now
        entry.save(update_fields=["status", "confirmed_at"])
        events.record(
            activity="appointment.waitlist_confirmed",
            organisation=location.organisation,
            subject=entry,
            data={"location": location.pk},
        )
    # Something may have become free in the meantime.
    waitlist_offer(location=location, base_url=base_url)
    return entry


def waitlist_entry_by_manage_token(*, location: Location, token: str) -> WaitingListEntry | None:
    return WaitingListEntry.objects.filter(
        location=location, manage_token_digest=token_digest(token)
    ).first()


def waitlist_leave(*, entry: WaitingListEntry) -> WaitingListEntry:
    with transaction.atomic():
        entry = WaitingListEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status in {
            WaitingListEntry.Status.PENDING,
            WaitingListEntry.Status.WAITING,
        }:
            entry.status = WaitingListEntry.Status.WITHDRAWN
            entry.save(update_fields=["status"])
            events.record(
                activity="appointment.waitlist_left",
                organisation=entry.location.organisation,
                subject=entry,
                data={"location": entry.location_id},
            )
    return entry


def waitlist_offer(
    *, location: Location, base_url: str = "", now: dt.datetime | None = None
) -> int:
    """Offer free slots to people waiting at this location, first come first served: the
    earliest fitting time is held for them as a pending booking until the offer expires."""
    from lotse.appointments import selectors

    now = now or timezone.now()
    offered = 0
    waiting = list(
        WaitingListEntry.objects.filter(
            location=location, status=WaitingListEntry.Status.WAITING
        ).order_by("confirmed_at", "id")
    )
    # If nothing fits `d` minutes, nothing fits longer either: skip those entries (no query).
    shortest_without_room: int | None = None
    for entry in waiting:
        if shortest_without_room is not None and entry.duration_minutes >= shortest_without_room:
            continue
        runs = selectors.free_times(
            location=location, duration=entry.duration_minutes, now=now, limit=1
        )
        if not runs:
            shortest_without_room = entry.duration_minutes
            continue
        service_ids = list(entry.services.values_list("pk", flat=True))
        try:
            tokens = bookings.booking_request(
                location=location,
                service_ids=service_ids,
                slot_id=runs[0].slot_id,
                name=entry.name,
                email=entry.email,
                language=entry.language,
                source=Booking.Source.WAITING_LIST,
                send_mail=False,
            )
        except BookingError:
            continue
        expires = now + dt.timedelta(hours=config.waitlist_offer_hours())
        booking = tokens.booking
        Booking.objects.filter(pk=booking.pk).update(confirm_expires_at=expires)
        booking.confirm_expires_at = expires
        WaitingListEntry.objects.filter(pk=entry.pk).update(
            status=WaitingListEntry.Status.OFFERED,
            offer=booking,
            offered_slot_id=runs[0].slot_id,
            offer_expires_at=expires,
            offers_made=F("offers_made") + 1,
        )
        mail.send_waitlist_offer(booking, confirm_token=tokens.confirm_token, base_url=base_url)
        offered += 1
    return offered
