"""Bookings: hold slots (conditional UPDATE), double opt-in, cancel, reschedule, expiry, retention.

Bookings are safe under concurrency by one conditional UPDATE per booking
(`booked = booked + 1 WHERE id IN (...) AND booked < capacity`): on PostgreSQL a second writer
waits for the first's row locks and then re-checks the condition; on SQLite the IMMEDIATE
transaction mode serialises writers. If fewer rows than slots were updated, the transaction is
rolled back, so a booking holds all of its consecutive slots or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from lotse.appointments import cache as portal_cache
from lotse.appointments import config, mail, retention, slots
from lotse.appointments.models import (
    Booking,
    BookingService,
    BookingSlot,
    Channel,
    Location,
    Service,
    Slot,
    WaitingListEntry,
    email_digest,
    token_digest,
)
from lotse.appointments.services import waitlist
from lotse.appointments.services._common import (
    NOT_CHANGEABLE,
    SERVICES_INVALID,
    SLOT_INVALID,
    SLOT_TAKEN,
    TOO_LONG,
    TOO_MANY_OPEN,
    BookingError,
    BookingTokens,
    _retry_when_locked,
    new_code,
    new_token,
)
from lotse.core import events, policy
from lotse.core.models import User
from lotse.people.models import Person


def _validated_services(
    location: Location, service_ids: Sequence[int], channel: str
) -> list[Service]:
    ids = list(dict.fromkeys(int(i) for i in service_ids))
    qs = Service.objects.filter(pk__in=ids, locations=location, is_active=True)
    if channel == Channel.ONLINE:
        qs = qs.filter(bookable_online=True)
    found = {s.pk: s for s in qs}
    if not ids or len(found) != len(ids):
        raise BookingError(SERVICES_INVALID)
    return [found[i] for i in ids]


def booking_duration(services: Sequence[Service]) -> int:
    return sum(s.duration_minutes for s in services)


def _run_from(location: Location, start: Slot, needed: int) -> list[Slot]:
    run = list(
        Slot.objects.filter(
            location=location, channel=start.channel, starts_at__gte=start.starts_at
        ).order_by("starts_at")[:needed]
    )
    if len(run) < needed or run[0].pk != start.pk:
        raise BookingError(SLOT_INVALID)
    for a, b in zip(run, run[1:], strict=False):
        if a.ends_at != b.starts_at:
            raise BookingError(SLOT_INVALID)
    return run


def _reserve(run: Sequence[Slot]) -> None:
    """Take one unit of every slot of the run, or none (the caller's transaction rolls back)."""
    ids = [s.pk for s in run]
    updated = Slot.objects.filter(pk__in=ids, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    )
    if updated != len(ids):
        raise BookingError(SLOT_TAKEN)
    portal_cache.invalidate(run[0].location_id)


def _release(booking: Booking) -> list[int]:
    """Give the booking's slots back; BookingSlot rows are the current holds only."""
    ids = list(booking.booking_slots.values_list("slot_id", flat=True))
    Slot.objects.filter(pk__in=ids, booked__gt=0).update(booked=F("booked") - 1)
    booking.booking_slots.all().delete()
    portal_cache.invalidate(booking.location_id)
    return ids


def _check_time(location: Location, start: Slot, channel: str, now: dt.datetime) -> None:
    if start.channel != channel or start.location_id != location.pk:
        raise BookingError(SLOT_INVALID)
    if channel == Channel.ONLINE:
        earliest = now + dt.timedelta(minutes=location.min_lead_minutes)
        latest = now + dt.timedelta(days=location.horizon_days)
        if not (earliest <= start.starts_at <= latest):
            raise BookingError(SLOT_INVALID)
    elif start.starts_at < now:
        raise BookingError(SLOT_INVALID)


def open_bookings_count(*, location: Location, digest: str, now: dt.datetime) -> int:
    return Booking.objects.filter(
        kommune_id=location.kommune_id,
        email_digest=digest,
        status__in=Booking.OPEN,
        ends_at__gt=now,
    ).count()


def booking_request(
    *,
    location: Location,
    service_ids: Sequence[int],
    slot_id: int,
    name: str,
    email: str,
    phone: str = "",
    language: str = "de",
    channel: str = Channel.ONLINE,
    source: str = Booking.Source.ONLINE,
    by: User | None = None,
    person_id: int | None = None,
    confirmed: bool = False,
    base_url: str = "",
    send_mail: bool = True,
) -> BookingTokens:
    """Hold the slots for a new booking. Online bookings wait for the click on the link in
    the e-mail (double opt-in) and are released after `config.confirm_minutes()`; bookings
    made by staff (`by`) or invitations may be created as confirmed."""
    manage_token, confirm_token = new_token(), new_token()

    def attempt() -> Booking:
        if by is not None:
            # Staff book only at their own office's locations, and only for persons of their
            # own organisation (invitations).
            policy.require_may(by, "book", Booking)
            policy.require(by, "view", location)
            if (
                person_id is not None
                and not policy.queryset(by, "view", Person).filter(pk=person_id).exists()
            ):
                raise PermissionDenied
        now = timezone.now()
        services = _validated_services(location, service_ids, channel)
        duration = booking_duration(services)
        if channel == Channel.ONLINE and duration > location.max_booking_minutes:
            raise BookingError(TOO_LONG)
        digest = email_digest(email) if email else ""
        if (
            digest
            and by is None
            and open_bookings_count(location=location, digest=digest, now=now)
            >= config.max_open_bookings_per_email()
        ):
            raise BookingError(TOO_MANY_OPEN)
        with transaction.atomic():
            start = Slot.objects.filter(pk=slot_id).first()
            if start is None:
                raise BookingError(SLOT_INVALID)
            _check_time(location, start, channel, now)
            run = _run_from(location, start, slots.slots_needed(duration, location.slot_minutes))
            _reserve(run)
            booking = _create_booking(
                location=location,
                run=run,
                channel=channel,
                source=source,
                name=name,
                email=email,
                digest=digest,
                phone=phone,
                language=language,
                now=now,
                manage_token=manage_token,
                confirm_token=confirm_token,
                confirmed=confirmed,
                by=by,
                person_id=person_id,
            )
            BookingService.objects.bulk_create(
                [
                    BookingService(booking=booking, service=s, position=i)
                    for i, s in enumerate(services)
                ]
            )
            BookingSlot.objects.bulk_create([BookingSlot(booking=booking, slot=s) for s in run])
            events.record(
                activity="appointment.confirmed" if confirmed else "appointment.requested",
                actor=by,
                organisation=location.organisation,
                subject=booking,
                data={
                    "location": location.pk,
                    "services": [s.pk for s in services],
                    "channel": channel,
                    "source": source,
                    "minutes": duration,
                },
            )
        return booking

    booking = _retry_when_locked(attempt)
    result = BookingTokens(booking, manage_token, confirm_token)
    if send_mail and email:
        if confirmed:
            mail.send_confirmation(booking, manage_token=manage_token, base_url=base_url)
        else:
            mail.send_confirm_request(booking, confirm_token=confirm_token, base_url=base_url)
    return result


def _create_booking(
    *,
    location: Location,
    run: Sequence[Slot],
    channel: str,
    source: str,
    name: str,
    email: str,
    digest: str,
    phone: str,
    language: str,
    now: dt.datetime,
    manage_token: str,
    confirm_token: str,
    confirmed: bool,
    by: User | None,
    person_id: int | None,
) -> Booking:
    for _attempt in range(5):
        booking = Booking(
            kommune_id=location.kommune_id,
            location=location,
            code=new_code(),
            manage_token_digest=token_digest(manage_token),
            confirm_token_digest="" if confirmed else token_digest(confirm_token),
            confirm_expires_at=None
            if confirmed
            else now + dt.timedelta(minutes=config.confirm_minutes()),
            channel=channel,
            source=source,
            starts_at=run[0].starts_at,
            ends_at=run[-1].ends_at,
            name=name.strip(),
            email=email.strip(),
            email_digest=digest,
            phone=phone.strip(),
            language=language,
            status=Booking.Status.CONFIRMED if confirmed else Booking.Status.PENDING,
            booked_at=now,
            confirmed_at=now if confirmed else None,
            consent_version=config.CONSENT_VERSION,
            created_by=by,
            person_id=person_id,
        )
        try:
            with transaction.atomic():
                booking.save()
            return booking
        except IntegrityError:  # a code collision (60 bits: practically never)
            continue
    raise BookingError(SLOT_INVALID)


@dataclass(frozen=True)
class ConfirmResult:
    booking: Booking
    # The link to manage the booking, issued once at confirmation (None if confirmed before).
    manage_token: str | None


def booking_confirm(*, token: str, base_url: str = "") -> ConfirmResult | None:
    """The click on the link in the e-mail. Returns the booking (confirmed now or before), or
    None for an unknown or expired link (one answer for both: nothing to enumerate).

    The manage link is created here and sent with the confirmation: before confirmation there
    is nothing to manage, and an address typed wrongly never receives a working manage link."""
    now = timezone.now()
    digest = token_digest(token)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .filter(confirm_token_digest=digest)
            .select_related("location__organisation")
            .first()
        )
        if booking is None:
            return None
        if booking.status != Booking.Status.PENDING:
            ok = booking.status == Booking.Status.CONFIRMED
            return ConfirmResult(booking, None) if ok else None
        if booking.confirm_expires_at is None or booking.confirm_expires_at <= now:
            return None
        manage_token = new_token()
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.manage_token_digest = token_digest(manage_token)
        booking.save(update_fields=["status", "confirmed_at", "manage_token_digest", "updated_at"])
        WaitingListEntry.objects.filter(offer=booking).update(status=WaitingListEntry.Status.BOOKED)
        events.record(
            activity="appointment.confirmed",
            organisation=booking.location.organisation,
            subject=booking,
            data={"source": booking.source},
        )
    if booking.email:
        mail.send_confirmation(booking, manage_token=manage_token, base_url=base_url)
    return ConfirmResult(booking, manage_token)


def booking_by_manage_token(*, location: Location, token: str) -> Booking | None:
    """The booking behind a manage link (digest look-up, constant shape), or None."""
    return (
        Booking.objects.filter(location=location, manage_token_digest=token_digest(token))
        .select_related("location")
        .prefetch_related("booking_services__service")
        .first()
    )


def booking_cancel(
    *,
    booking: Booking,
    reason: str = Booking.CancelReason.CUSTOMER,
    by: User | None = None,
    notify: bool = False,
    note: str = "",
    base_url: str = "",
) -> Booking:
    """Cancel a booking and release its slots; freed slots go to the waiting list first."""
    if by is not None:
        policy.require(by, "change", booking)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in Booking.OPEN:
            raise BookingError(NOT_CHANGEABLE)
        _release(booking)
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.cancel_reason = reason
        booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
        _entry_after_offer_lost(booking)
        events.record(
            activity="appointment.cancelled",
            actor=by,
            organisation=booking.location.organisation,
            subject=booking,
            data={"reason": reason},
        )
    if notify and booking.email:
        mail.send_cancellation(booking, note=note, base_url=base_url)
    waitlist.waitlist_offer(location=booking.location, base_url=base_url)
    return booking


def booking_reschedule(
    *,
    booking: Booking,
    slot_id: int,
    manage_token: str = "",
    base_url: str = "",
    by: User | None = None,
) -> Booking:
    """Move a booking to another time in place: the Termin-Kennung, the link and the booking
    date (`booked_at`, relevant as application date) stay the same."""
    if by is not None:
        policy.require(by, "change", booking)
    now = timezone.now()
    location = booking.location
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in Booking.OPEN or booking.starts_at <= now:
            raise BookingError(NOT_CHANGEABLE)
        services = [bs.service for bs in booking.booking_services.select_related("service")]
        start = Slot.objects.filter(pk=slot_id).first()
        if start is None:
            raise BookingError(SLOT_INVALID)
        _check_time(location, start, booking.channel, now)
        run = _run_from(
            location,
            start,
            slots.slots_needed(booking_duration(services), location.slot_minutes),
        )
        _release(booking)
        _reserve(run)
        BookingSlot.objects.bulk_create([BookingSlot(booking=booking, slot=s) for s in run])
        booking.starts_at, booking.ends_at = run[0].starts_at, run[-1].ends_at
        booking.save(update_fields=["starts_at", "ends_at", "updated_at"])
        events.record(
            activity="appointment.rescheduled",
            actor=by,
            organisation=location.organisation,
            subject=booking,
            data={"location": location.pk},
        )
    if booking.email and booking.status == Booking.Status.CONFIRMED and manage_token:
        mail.send_confirmation(booking, manage_token=manage_token, base_url=base_url)
    waitlist.waitlist_offer(location=location, base_url=base_url)
    return booking


def bookings_expire(*, now: dt.datetime | None = None, base_url: str = "") -> int:
    """Release the slots of bookings whose confirmation link was not clicked in time (and of
    waiting-list offers not taken), then offer freed slots to the next people in line."""
    now = now or timezone.now()
    expired = 0
    locations: set[int] = set()
    pending = Booking.objects.filter(
        status=Booking.Status.PENDING, confirm_expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update()
                .select_related("location__organisation")
                .get(pk=pk)
            )
            if booking.status != Booking.Status.PENDING:
                continue
            _release(booking)
            booking.status = Booking.Status.EXPIRED
            booking.save(update_fields=["status", "updated_at"])
            _entry_after_offer_lost(booking)
            events.record(
                activity="appointment.expired",
                organisation=booking.location.organisation,
                subject=booking,
                data={"source": booking.source},
            )
        expired += 1
        locations.add(booking.location_id)
    WaitingListEntry.objects.filter(
        status=WaitingListEntry.Status.PENDING, confirm_expires_at__lte=now
    ).update(status=WaitingListEntry.Status.EXPIRED)
    for location in Location.objects.filter(pk__in=locations):
        waitlist.waitlist_offer(location=location, base_url=base_url, now=now)
    return expired


def _entry_after_offer_lost(booking: Booking) -> None:
    """An offered slot that was not taken (expired or declined) ends the entry: the person is
    told in the offer e-mail that they can sign up again."""
    if booking.source == Booking.Source.WAITING_LIST:
        WaitingListEntry.objects.filter(
            offer=booking, status=WaitingListEntry.Status.OFFERED
        ).update(status=WaitingListEntry.Status.EXPIRED)


def bookings_anonymise(*, now: dt.datetime | None = None) -> int:
    """Retention: remove name, e-mail and phone from bookings and closed waiting-list entries
    past the retention period (the privacy notice promises deletion at the latest 6 months
    after the appointment). The same rules and handlers as `lotse retention-run` (see
    appointments/retention.py); the rows stay for the statistics. Returns the number of
    anonymised bookings."""
    today = timezone.localdate(now or timezone.now())
    return retention.portal_data_anonymise(today=today)[retention.BOOKING]
