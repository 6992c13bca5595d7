"""Creating a batch: bookings in the internal channel, spreading over capacity, all-or-nothing,
the summary, and the manage link of the letter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from lotse.appointments import services as booking_services
from lotse.appointments.invitations import selectors, services
from lotse.appointments.models import Booking, Channel, Slot
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.core.models import Event

pytestmark = pytest.mark.django_db


def selection(location, service, weeks=8, per_day=None):
    return selectors.Selection(
        weeks=weeks, location=location, service=service, groups=("AE",), per_day=per_day
    )


def test_creates_confirmed_internal_bookings_linked_to_persons(
    personas, location, service, make_person, make_slots, today
):
    people = [make_person(today + dt.timedelta(weeks=7)) for _ in range(3)]
    make_slots(today + dt.timedelta(weeks=2), count=5)
    result = services.invitation_run_create(
        by=personas["abh_a"], selection=selection(location, service)
    )
    assert result.created == 3 and result.unplaced == []
    bookings = Booking.objects.filter(source=Booking.Source.INVITATION)
    assert {b.person_id for b in bookings} == {p.pk for p in people}
    assert all(
        b.status == Booking.Status.CONFIRMED and b.channel == Channel.INTERNAL for b in bookings
    )
    assert Slot.objects.aggregate(n=Sum("booked"))["n"] == 3
    assert Invitation.objects.filter(run=result.run, status=Invitation.Status.PROPOSED).count() == 3


def test_never_after_expiry_and_reasons_for_the_unplaced(
    personas, location, service, make_person, make_slots, today
):
    soon = make_person(today + dt.timedelta(days=5))
    later = make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(days=10), count=2)  # after `soon` expires
    result = services.invitation_run_create(
        by=personas["abh_a"], selection=selection(location, service)
    )
    assert result.created == 1
    assert [(u.person.pk, u.reason) for u in result.unplaced] == [(soon.pk, "NO_CAPACITY")]
    assert Invitation.objects.get().person == later
    assert result.run.unplaced == [
        {
            "person": soon.pk,
            "expires_on": (today + dt.timedelta(days=5)).isoformat(),
            "reason": "NO_CAPACITY",
        }
    ]


def test_capacity_is_spread_over_days_by_the_daily_cap(
    personas, location, service, make_person, make_slots, today
):
    for _ in range(6):
        make_person(today + dt.timedelta(weeks=8))
    for d in range(15, 20):
        make_slots(today + dt.timedelta(days=d), count=6)
    services.invitation_run_create(
        by=personas["abh_a"], selection=selection(location, service, per_day=2)
    )
    days = [b.starts_at.date() for b in Booking.objects.all()]
    assert len(days) == 6 and len(set(days)) == 3


def test_all_or_nothing_when_a_booking_fails(
    personas, location, service, make_person, make_slots, today, monkeypatch
):
    for _ in range(3):
        make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=3)
    real = booking_services.booking_request
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise booking_services.BookingError(booking_services.SLOT_TAKEN)
        return real(**kwargs)

    monkeypatch.setattr(booking_services, "booking_request", flaky)
    with pytest.raises(services.InvitationError) as exc:
        services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))
    assert "nichts angelegt" in str(exc.value.message)
    assert InvitationRun.objects.count() == 0 and Booking.objects.count() == 0
    assert Slot.objects.aggregate(n=Sum("booked"))["n"] == 0


def test_nothing_selected_or_nothing_placeable_is_an_error(
    personas, location, service, make_person, today
):
    with pytest.raises(services.InvitationError):
        services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))
    make_person(today + dt.timedelta(weeks=7))
    with pytest.raises(services.InvitationError) as exc:
        services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))
    assert exc.value.message == services.NOTHING_PLACED
    assert InvitationRun.objects.count() == 0


def test_second_run_does_not_invite_again(
    personas, location, service, make_person, make_slots, today
):
    make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=3)
    services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))
    with pytest.raises(services.InvitationError):
        services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))


def test_manage_link_of_the_letter_opens_the_booking(
    personas, location, service, make_person, make_slots, today
):
    make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=1)
    services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))
    invitation = Invitation.objects.get()
    found = booking_services.booking_by_manage_token(
        location=location, token=services.manage_token(invitation)
    )
    assert found == invitation.booking


def test_events_carry_no_personal_data(personas, location, service, make_person, make_slots, today):
    person = make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=1)
    services.invitation_run_create(by=personas["abh_a"], selection=selection(location, service))
    payloads = str(
        list(
            Event.objects.filter(activity__startswith="invitation.").values_list(
                "payload", flat=True
            )
        )
    )
    assert "invitation.run_created" in str(list(Event.objects.values_list("activity", flat=True)))
    assert person.family_name not in payloads and person.reference not in payloads
