"""Bookings: holding slots, double opt-in, expiry, cancel, reschedule, closures, slot sync."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from lotse.appointments import selectors, services
from lotse.appointments.models import Booking, Closure, Slot, token_digest
from lotse.core.models import Event
from tests.appointments.conftest import book, first_free, make_service

pytestmark = pytest.mark.django_db


def held(booking: Booking) -> list[int]:
    return list(Slot.objects.filter(bookings=booking).values_list("booked", flat=True))


def booked_total(location) -> int:  # noqa: ANN001
    return sum(Slot.objects.filter(location=location).values_list("booked", flat=True))


def test_a_request_holds_consecutive_slots_and_asks_for_confirmation(location, service):
    tokens = book(location, service)
    booking = tokens.booking
    assert booking.status == Booking.Status.PENDING
    assert booking.ends_at - booking.starts_at == dt.timedelta(minutes=20)
    assert held(booking) == [1, 1]
    assert booking.confirm_expires_at > timezone.now() + dt.timedelta(minutes=110)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "bestätigen" in message.subject
    assert f"/termine/{location.pk}/bestaetigen/{tokens.confirm_token}/" in message.body
    # No personal data in the event payload.
    event = Event.objects.get(activity="appointment.requested")
    assert "Amina" not in str(event.payload) and "example.org" not in str(event.payload)


def test_the_booking_date_is_kept_and_only_token_digests_are_stored(location, service):
    tokens = book(location, service)
    booking = Booking.objects.get(pk=tokens.booking.pk)
    assert booking.booked_at <= timezone.now()
    assert tokens.confirm_token not in booking.confirm_token_digest
    assert booking.confirm_token_digest == token_digest(tokens.confirm_token)
    assert len(booking.code) == 12


def test_confirming_issues_the_manage_link_and_sends_the_calendar_file(location, service):
    tokens = book(location, service)
    result = services.booking_confirm(token=tokens.confirm_token, base_url="http://testserver")
    assert result is not None and result.manage_token
    booking = Booking.objects.get(pk=tokens.booking.pk)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.manage_token_digest == token_digest(result.manage_token)
    confirmation = mail.outbox[-1]
    assert booking.display_code in confirmation.body
    assert "Reisepass" in confirmation.body
    assert confirmation.attachments[0][0] == "termin.ics"
    assert "BEGIN:VEVENT" in str(confirmation.attachments[0][1])
    # A second click confirms nothing new and hands out no second link.
    again = services.booking_confirm(token=tokens.confirm_token)
    assert again is not None and again.manage_token is None


def test_an_expired_confirmation_link_does_nothing(location, service):
    tokens = book(location, service)
    Booking.objects.filter(pk=tokens.booking.pk).update(
        confirm_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert services.booking_confirm(token=tokens.confirm_token) is None
    assert services.booking_confirm(token="unknown") is None
    assert Booking.objects.get(pk=tokens.booking.pk).status == Booking.Status.PENDING


def test_unconfirmed_bookings_expire_and_release_their_slots(location, service):
    tokens = book(location, service)
    assert services.bookings_expire(now=timezone.now()) == 0
    later = timezone.now() + dt.timedelta(minutes=121)
    assert services.bookings_expire(now=later) == 1
    booking = Booking.objects.get(pk=tokens.booking.pk)
    assert booking.status == Booking.Status.EXPIRED
    assert held(booking) == [] and booked_total(location) == 0


def test_cancel_releases_the_slots_and_cannot_be_repeated(location, service):
    tokens = book(location, service, confirmed=True)
    services.booking_cancel(booking=tokens.booking)
    booking = Booking.objects.get(pk=tokens.booking.pk)
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancel_reason == Booking.CancelReason.CUSTOMER
    assert held(booking) == [] and booked_total(location) == 0
    with pytest.raises(services.BookingError):
        services.booking_cancel(booking=booking)


def test_reschedule_keeps_code_and_booking_date(location, service):
    tokens = book(location, service, confirmed=True)
    original = Booking.objects.get(pk=tokens.booking.pk)
    later = selectors.free_times(
        location=location, duration=20, after=original.ends_at + dt.timedelta(hours=3), limit=1
    )[0]
    services.booking_reschedule(
        booking=original, slot_id=later.slot_id, manage_token=tokens.manage_token
    )
    moved = Booking.objects.get(pk=original.pk)
    assert moved.starts_at == later.starts_at
    assert (moved.code, moved.booked_at) == (original.code, original.booked_at)
    assert Slot.objects.filter(location=location, booked__gt=0).count() == 2
    assert "bestätigt" in mail.outbox[-1].subject


def test_several_anliegen_add_up_their_durations(orgs, location, service, short_service):
    start = first_free(location, 30)
    tokens = services.booking_request(
        location=location,
        service_ids=[service.pk, short_service.pk],
        slot_id=start.slot_id,
        name="A",
        email="a@example.org",
    )
    assert tokens.booking.ends_at - tokens.booking.starts_at == dt.timedelta(minutes=30)
    assert len(held(tokens.booking)) == 3


def test_a_full_slot_cannot_be_booked(orgs, location, short_service):
    slot = Slot.objects.get(pk=first_free(location, 10).slot_id)
    Slot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
    with pytest.raises(services.BookingError) as error:
        book(location, short_service, slot_id=slot.pk)
    assert error.value.message == services.SLOT_TAKEN
    assert not Booking.objects.exists()


def test_a_run_broken_by_a_full_slot_is_not_offered(location, service):
    first = first_free(location, 20)
    second = Slot.objects.filter(
        location=location, channel="ONLINE", starts_at=first.ends_at - dt.timedelta(minutes=10)
    ).first()
    Slot.objects.filter(pk=second.pk).update(booked=second.capacity)
    times = selectors.free_times(location=location, duration=20, limit=5)
    assert first.slot_id not in [t.slot_id for t in times]
    with pytest.raises(services.BookingError):
        book(location, service, slot_id=first.slot_id)


def test_services_of_another_location_or_too_long_bookings_are_refused(orgs, location, service):
    other = make_service(orgs["abh_b"], location, name="Fremd")
    other.locations.clear()
    with pytest.raises(services.BookingError) as error:
        services.booking_request(
            location=location,
            service_ids=[other.pk],
            slot_id=first_free(location).slot_id,
            name="A",
            email="a@example.org",
        )
    assert error.value.message == services.SERVICES_INVALID
    long = make_service(orgs["abh_a"], location, name="Lang", minutes=130)
    with pytest.raises(services.BookingError) as error:
        services.booking_request(
            location=location,
            service_ids=[long.pk],
            slot_id=first_free(location).slot_id,
            name="A",
            email="a@example.org",
        )
    assert error.value.message == services.TOO_LONG


def test_open_bookings_per_email_are_capped(settings, location, short_service):
    settings.LOTSE_BOOKING_MAX_OPEN_PER_EMAIL = 2
    book(location, short_service, email="Same@Example.org")
    book(location, short_service, email="same@example.org")
    with pytest.raises(services.BookingError) as error:
        book(location, short_service, email="same@example.org ")
    assert error.value.message == services.TOO_MANY_OPEN
    book(location, short_service, email="other@example.org")


def test_slot_computation_is_idempotent_and_keeps_booked_counts(location, service):
    tokens = book(location, service, confirmed=True)
    before = Slot.objects.count()
    result = services.slots_compute(location=location, first_day=timezone.localdate(), weeks=2)
    assert (result.created, result.updated, result.deleted) == (0, 0, 0)
    assert Slot.objects.count() == before
    assert held(tokens.booking) == [1, 1]


def test_fewer_desks_keep_held_slots_but_block_new_bookings(location, service):
    tokens = book(location, service, confirmed=True)
    location.opening_hours.update(desks_online=0)
    services.slots_compute(location=location, first_day=timezone.localdate(), weeks=2)
    kept = Slot.objects.filter(bookings=tokens.booking)
    assert [(s.capacity, s.booked) for s in kept] == [(0, 1), (0, 1)]
    assert not Slot.objects.filter(channel="ONLINE", booked=0).exists()
    assert selectors.free_times(location=location, duration=20) == []


def test_a_closure_cancels_bookings_of_those_days_and_tells_the_customers(
    location, service, leitung_a
):
    tokens = book(location, service, confirmed=True)
    day = timezone.localtime(tokens.booking.starts_at).date()
    mail.outbox.clear()
    closure = services.closure_create(
        location=location, starts_on=day, ends_on=day, reason="Personalversammlung", by=leitung_a
    )
    assert closure.cancelled_bookings == 1
    booking = Booking.objects.get(pk=tokens.booking.pk)
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancel_reason == Booking.CancelReason.CLOSURE
    assert "Personalversammlung" in mail.outbox[0].body
    assert not Slot.objects.filter(
        location=location, starts_at__date=day, booked=0, capacity__gt=0
    ).exists()
    assert Closure.objects.count() == 1


def test_a_closure_needs_the_leitung_of_that_office(location, personas, leitung_b):
    from django.core.exceptions import PermissionDenied

    for user in (personas["front_a"], leitung_b, personas["admin_a"]):
        with pytest.raises(PermissionDenied):
            services.closure_create(
                location=location,
                starts_on=dt.date(2030, 1, 2),
                ends_on=dt.date(2030, 1, 2),
                reason="x",
                by=user,
            )


def test_staff_book_only_at_their_own_office_and_for_their_own_persons(location, service, personas):
    from django.core.exceptions import PermissionDenied

    from lotse.people.services import PersonData, person_create

    slot_id = selectors.free_times(location=location, duration=20, channel="INTERNAL")[0].slot_id
    for name in ("lotsin_b", "cm_a"):
        with pytest.raises(PermissionDenied):
            services.booking_request(
                location=location,
                service_ids=[service.pk],
                slot_id=slot_id,
                name="X",
                email="",
                channel="INTERNAL",
                by=personas[name],
                confirmed=True,
            )
    foreign = person_create(by=personas["cm_a"], data=PersonData(family_name="Fremd"))
    with pytest.raises(PermissionDenied):
        services.booking_request(
            location=location,
            service_ids=[service.pk],
            slot_id=slot_id,
            name="X",
            email="",
            channel="INTERNAL",
            source=Booking.Source.INVITATION,
            by=personas["front_a"],
            person_id=foreign.pk,
            confirmed=True,
        )
    own = person_create(by=personas["abh_a"], data=PersonData(family_name="Eigen"))
    tokens = services.booking_request(
        location=location,
        service_ids=[service.pk],
        slot_id=slot_id,
        name="Eigen",
        email="",
        channel="INTERNAL",
        source=Booking.Source.INVITATION,
        by=personas["front_a"],
        person_id=own.pk,
        confirmed=True,
    )
    assert tokens.booking.person_id == own.pk
    assert tokens.booking.status == Booking.Status.CONFIRMED
    assert not mail.outbox  # no e-mail address, no e-mail
