"""Tracking what became of invitations: accepted, declined (with reason, frees the slot),
sent for the whole batch, taken over from the appointments (no-show, done, moved)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from lotse.appointments.invitations import selectors, services
from lotse.appointments.models import Booking, Slot
from lotse.appointments.models_invitations import Invitation
from lotse.core.models import Event

pytestmark = pytest.mark.django_db
S = Invitation.Status


@pytest.fixture
def run(personas, location, service, make_person, make_slots, today):
    for _ in range(3):
        make_person(today + dt.timedelta(weeks=7))
    make_slots(today + dt.timedelta(weeks=2), count=4)
    selection = selectors.Selection(weeks=8, location=location, service=service, groups=("AE",))
    return services.invitation_run_create(by=personas["abh_a"], selection=selection).run


def test_mark_sent_then_accepted(personas, run):
    assert services.invitation_run_mark_sent(run=run, by=personas["front_a"]) == 3
    invitation = run.invitations.first()
    services.invitation_set_status(invitation=invitation, status=S.ACCEPTED, by=personas["abh_a"])
    invitation.refresh_from_db()
    assert invitation.status == S.ACCEPTED and invitation.status_changed_at


def test_decline_needs_a_reason_and_frees_the_slot(personas, run):
    invitation = run.invitations.first()
    with pytest.raises(services.InvitationError):
        services.invitation_set_status(
            invitation=invitation, status=S.DECLINED, by=personas["abh_a"]
        )
    services.invitation_set_status(
        invitation=invitation, status=S.DECLINED, reason="MOVED", by=personas["abh_a"]
    )
    invitation.refresh_from_db()
    assert invitation.decline_reason == "MOVED"
    assert invitation.booking.status == Booking.Status.CANCELLED
    assert Slot.objects.aggregate(n=Sum("booked"))["n"] == 2


def test_impossible_transition_is_refused(personas, run):
    invitation = run.invitations.first()
    with pytest.raises(services.InvitationError):
        services.invitation_set_status(
            invitation=invitation, status=S.NO_SHOW, by=personas["abh_a"]
        )


def test_other_organisation_cannot_change(personas, run):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.invitation_set_status(
            invitation=run.invitations.first(), status=S.ACCEPTED, by=personas["lotsin_b"]
        )


def test_sync_takes_no_show_done_cancel_and_move_from_the_bookings(
    personas, run, make_slots, today
):
    first, second, third = list(run.invitations.order_by("id"))
    Booking.objects.filter(pk=first.booking_id).update(status=Booking.Status.NO_SHOW)
    Booking.objects.filter(pk=second.booking_id).update(status=Booking.Status.CANCELLED)
    Booking.objects.filter(pk=third.booking_id).update(
        starts_at=third.booking.starts_at + dt.timedelta(days=1)
    )
    assert services.invitation_run_sync(run=run, by=personas["abh_a"]) == 3
    statuses = dict(run.invitations.values_list("id", "status"))
    assert statuses == {first.pk: S.NO_SHOW, second.pk: S.DECLINED, third.pk: S.RESCHEDULED}


def test_counts_per_batch(personas, run):
    invitation = run.invitations.first()
    services.invitation_set_status(invitation=invitation, status=S.ACCEPTED, by=personas["abh_a"])
    counts = selectors.status_counts([run.pk])[run.pk]
    assert counts == {S.ACCEPTED: 1, S.PROPOSED: 2}


def test_status_events_carry_no_personal_data(personas, run):
    invitation = run.invitations.select_related("person").first()
    services.invitation_set_status(
        invitation=invitation, status=S.DECLINED, reason="OTHER", by=personas["abh_a"]
    )
    event = Event.objects.filter(activity="invitation.status_changed").get()
    assert set(event.payload) == {"run", "from", "to", "reason"}
    assert invitation.person.family_name not in str(event.payload)


def test_only_one_standing_invitation_per_status_period(personas, run):
    from django.db import IntegrityError, transaction

    first = run.invitations.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            kommune=first.kommune,
            run=type(run).objects.create(
                kommune=run.kommune,
                organisation=run.organisation,
                location=run.location,
                service=run.service,
                weeks=8,
            ),
            person=first.person,
            status_period=first.status_period,
            status_type=first.status_type,
            expires_on=first.expires_on,
            link_salt="y",
        )


def test_no_show_can_be_invited_again_but_not_revived_then(
    personas, run, location, service, make_slots, today
):
    invitation = run.invitations.first()
    services.invitation_run_mark_sent(run=run, by=personas["abh_a"])
    with pytest.raises(services.InvitationError):  # the appointment has not begun yet
        services.invitation_set_status(
            invitation=invitation, status=S.NO_SHOW, by=personas["abh_a"]
        )
    # The appointment passed and the front office recorded the no-show on site.
    past = timezone.now() - dt.timedelta(hours=2)
    Booking.objects.filter(pk=invitation.booking_id).update(
        starts_at=past, ends_at=past + dt.timedelta(minutes=10), status=Booking.Status.NO_SHOW
    )
    services.invitation_set_status(invitation=invitation, status=S.NO_SHOW, by=personas["abh_a"])
    make_slots(today + dt.timedelta(weeks=3), count=2)
    selection = selectors.Selection(weeks=8, location=location, service=service, groups=("AE",))
    second = services.invitation_run_create(by=personas["abh_a"], selection=selection)
    assert second.created == 1
    invitation.refresh_from_db()
    with pytest.raises(services.InvitationError):
        services.invitation_set_status(invitation=invitation, status=S.SENT, by=personas["abh_a"])
