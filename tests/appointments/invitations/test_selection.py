"""Who is selected: window boundaries, exclusions, other organisations, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.appointments.invitations import selectors
from lotse.appointments.models import Booking, BookingService
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.people.models import StatusPeriod, StatusType
from tests.appointments.invitations.conftest import period_of

pytestmark = pytest.mark.django_db


def selection(location, service, weeks=8, groups=("AE", "FIKTION")):
    return selectors.Selection(weeks=weeks, location=location, service=service, groups=groups)


def selected(user, location, service, **kw):
    return {
        p.person_id
        for p in selectors.expiring_queryset(
            user=user, selection=selection(location, service, **kw)
        )
    }


def test_window_includes_last_day_and_excludes_the_day_after(
    personas, location, service, make_person, today
):
    last = make_person(today + dt.timedelta(weeks=8))
    after = make_person(today + dt.timedelta(weeks=8, days=1))
    today_ends = make_person(today)
    expired = make_person(today - dt.timedelta(days=1))
    ids = selected(personas["abh_a"], location, service)
    assert last.pk in ids and today_ends.pk in ids
    assert after.pk not in ids and expired.pk not in ids


def test_status_types_filter_and_open_ended_periods(
    personas, location, service, make_person, today
):
    ae = make_person(today + dt.timedelta(days=20))
    duldung = make_person(today + dt.timedelta(days=20), type=StatusType.DULDUNG_60A)
    ongoing = make_person(None)
    assert selected(personas["abh_a"], location, service) == {ae.pk}
    assert selected(personas["abh_a"], location, service, groups=("DULDUNG",)) == {duldung.pk}
    assert ongoing.pk not in selected(
        personas["abh_a"], location, service, groups=("AE", "DULDUNG")
    )


def test_follow_up_period_excludes(personas, location, service, make_person, today):
    person = make_person(today + dt.timedelta(days=20))
    StatusPeriod.objects.create(
        kommune=person.kommune,
        person=person,
        type=StatusType.AE,
        valid_from=today + dt.timedelta(days=21),
        valid_to=today + dt.timedelta(days=800),
    )
    assert person.pk not in selected(personas["abh_a"], location, service)


def test_already_invited_excluded_but_no_show_invited_again(
    personas, location, service, make_person, today
):
    invited = make_person(today + dt.timedelta(days=20))
    no_show = make_person(today + dt.timedelta(days=20))
    run = InvitationRun.objects.create(
        kommune=location.kommune,
        organisation=location.organisation,
        location=location,
        service=service,
        weeks=8,
    )
    for person, status in ((invited, Invitation.Status.SENT), (no_show, Invitation.Status.NO_SHOW)):
        Invitation.objects.create(
            kommune=location.kommune,
            run=run,
            person=person,
            status_period=period_of(person),
            status_type="AE",
            expires_on=today + dt.timedelta(days=20),
            link_salt="x",
            status=status,
        )
    ids = selected(personas["abh_a"], location, service)
    assert invited.pk not in ids
    assert no_show.pk in ids


def _booking(location, service, person, status=Booking.Status.CONFIRMED):
    start = timezone.now() + dt.timedelta(days=3)
    booking = Booking.objects.create(
        kommune=location.kommune,
        location=location,
        code=f"C{person.pk:011d}",
        manage_token_digest=f"{person.pk:064d}",
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=10),
        name="x",
        status=status,
        booked_at=timezone.now(),
        person=person,
    )
    BookingService.objects.create(booking=booking, service=service)
    return booking


def test_open_booking_for_the_anliegen_excludes(personas, location, service, make_person, today):
    booked = make_person(today + dt.timedelta(days=20))
    cancelled = make_person(today + dt.timedelta(days=20))
    _booking(location, service, booked)
    _booking(location, service, cancelled, status=Booking.Status.CANCELLED)
    ids = selected(personas["abh_a"], location, service)
    assert booked.pk not in ids
    assert cancelled.pk in ids


def test_persons_of_other_organisations_are_not_selected(
    personas, location, service, make_person, today
):
    make_person(today + dt.timedelta(days=20), org="ki_a")
    make_person(today + dt.timedelta(days=20), org="abh_b")
    assert selected(personas["abh_a"], location, service) == set()


def test_keyset_pages_cover_everyone_once(personas, location, service, make_person, today):
    people = [make_person(today + dt.timedelta(days=10 + i % 3)) for i in range(7)]
    seen, after = [], None
    while True:
        rows, after = selectors.expiring_page(
            user=personas["abh_a"], selection=selection(location, service), after=after, size=3
        )
        seen += [r.person_id for r in rows]
        if after is None:
            break
    assert sorted(seen) == sorted(p.pk for p in people)


def test_selection_page_query_count_is_fixed(
    client_for, location, service, make_person, make_slots, today, django_assert_max_num_queries
):
    for i in range(30):
        make_person(today + dt.timedelta(days=30 + i % 10))
    for d in range(1, 30):
        make_slots(today + dt.timedelta(days=d), count=3)
    client = client_for("abh_a")
    url = reverse("invitations:select")
    params = {"weeks": 8, "groups": ["AE"], "location": location.pk, "service": service.pk}
    with django_assert_max_num_queries(21):
        response = client.get(url, params)
    assert response.status_code == 200
    assert response.content.decode().count('<span class="lotse-muted">D-') == 25
