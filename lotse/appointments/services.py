"""Writes of Kundensteuerung: slot precomputation, bookings, closures, the waiting list.

Bookings are safe under concurrency by one conditional UPDATE per booking
(`booked = booked + 1 WHERE id IN (...) AND booked < capacity`): on PostgreSQL a second writer
waits for the first's row locks and then re-checks the condition; on SQLite the IMMEDIATE
transaction mode serialises writers. If fewer rows than slots were updated, the transaction is
rolled back, so a booking holds all of its consecutive slots or none.

Public (portal) calls have no staff user: they run in the tenant context of the location's
Kommune (see portal.py) and record events with the location's organisation and no actor.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.appointments import cache as portal_cache
from lotse.appointments import config, mail, slots
from lotse.appointments.models import (
    Booking,
    BookingService,
    BookingSlot,
    Break,
    Channel,
    Closure,
    Location,
    OpeningHours,
    Service,
    Slot,
    WaitingListEntry,
    email_digest,
    token_digest,
)
from lotse.core import events, policy
from lotse.core.models import User

# Crockford-like alphabet without 0/O, 1/I/L: the Kennung is read aloud and typed at the kiosk.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
LOCK_RETRIES = 40
T = TypeVar("T")

SLOT_TAKEN = _("Diese Zeit ist leider gerade vergeben worden. Bitte wählen Sie eine andere Zeit.")
SLOT_INVALID = _("Diese Zeit kann nicht gebucht werden. Bitte wählen Sie eine andere Zeit.")
SERVICES_INVALID = _("Bitte wählen Sie mindestens ein Anliegen dieses Standorts.")
TOO_LONG = _(
    "Diese Anliegen dauern zusammen zu lange für einen Online-Termin. "
    "Bitte buchen Sie weniger Anliegen oder rufen Sie uns an."
)
TOO_MANY_OPEN = _(
    "Mit dieser E-Mail-Adresse sind schon zu viele Termine gebucht. "
    "Bitte sagen Sie zuerst einen Termin ab, den Sie nicht brauchen."
)
NOT_CHANGEABLE = _("Dieser Termin kann nicht mehr geändert werden.")


class BookingError(Exception):
    """A booking request that cannot be fulfilled; the message is shown to the customer."""

    def __init__(self, message: str) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class SlotSync:
    created: int
    updated: int
    deleted: int


@dataclass(frozen=True)
class BookingTokens:
    booking: Booking
    manage_token: str
    confirm_token: str


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# --- slots -----------------------------------------------------------------------------------


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


# --- bookings --------------------------------------------------------------------------------


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


def _retry_when_locked(action: Callable[[], T]) -> T:
    """SQLite reports lock contention as an error ("database is locked" after the busy timeout,
    "database table is locked" in shared-cache mode) instead of waiting; the booking is retried
    a few times with jitter, and then answers "taken" like PostgreSQL would. Only outside an
    outer transaction, where a retry starts a fresh one."""
    for attempt in range(LOCK_RETRIES):
        try:
            return action()
        except OperationalError as error:
            if "locked" not in str(error) or connection.in_atomic_block:
                raise
            if attempt == LOCK_RETRIES - 1:
                raise BookingError(SLOT_TAKEN) from error
            time.sleep(random.uniform(0.005, 0.03) * (attempt + 1))
    raise BookingError(SLOT_TAKEN)


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
            policy.require_may(by, "book", Booking)
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
    waitlist_offer(location=booking.location, base_url=base_url)
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
    waitlist_offer(location=location, base_url=base_url)
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
        waitlist_offer(location=location, base_url=base_url, now=now)
    return expired


def _entry_after_offer_lost(booking: Booking) -> None:
    """An offered slot that was not taken (expired or declined) ends the entry: the person is
    told in the offer e-mail that they can sign up again."""
    if booking.source == Booking.Source.WAITING_LIST:
        WaitingListEntry.objects.filter(
            offer=booking, status=WaitingListEntry.Status.OFFERED
        ).update(status=WaitingListEntry.Status.EXPIRED)


# --- closures --------------------------------------------------------------------------------


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
            _release(booking)
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = timezone.now()
            booking.cancel_reason = Booking.CancelReason.CLOSURE
            booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
            _entry_after_offer_lost(booking)
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
        slots_compute(location=location)
    for booking in affected:
        if booking.email:
            mail.send_cancellation(booking, note=reason, base_url=base_url)
    return closure


# --- waiting list (Terminagent) -------------------------------------------------------------


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
    services = _validated_services(location, service_ids, Channel.ONLINE)
    duration = booking_duration(services)
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
    for entry in waiting:
        service_ids = list(entry.services.values_list("pk", flat=True))
        runs = selectors.free_times(
            location=location, duration=entry.duration_minutes, now=now, limit=1
        )
        if not runs:
            continue
        try:
            tokens = booking_request(
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


# --- catalogue (staff) -----------------------------------------------------------------------


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
        slots_compute(location=location)
    waitlist_offer(location=location)
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
        slots_compute(location=location)
    waitlist_offer(location=location)
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
        slots_compute(location=location)


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
    waitlist_offer(location=location)
    return result


def bookings_anonymise(*, now: dt.datetime | None = None) -> int:
    """Retention: remove name, e-mail and phone from bookings that ended more than
    `config.retention_days()` ago, and from closed waiting-list entries of that age (the
    privacy notice promises deletion at the latest 6 months after the appointment). The rows
    stay for the statistics (times, Anliegen, status) without personal data."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=config.retention_days())
    with transaction.atomic():
        count = (
            Booking.objects.filter(ends_at__lt=cutoff)
            .exclude(name="", email="", phone="")
            .update(name="", email="", email_digest="", phone="", person=None)
        )
        WaitingListEntry.objects.filter(created_at__lt=cutoff).exclude(
            status__in=[WaitingListEntry.Status.WAITING, WaitingListEntry.Status.OFFERED]
        ).exclude(name="", email="").update(name="", email="", email_digest="")
        if count:
            events.record(activity="appointment.bookings_anonymised", data={"count": count})
    return count
