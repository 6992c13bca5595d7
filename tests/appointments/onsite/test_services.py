from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import Booking, Visit

pytestmark = pytest.mark.django_db


def test_front_desk_check_in_gives_number_and_follows_booking(office, personas):
    booking = office.book()
    visit = onsite.visit_check_in(
        location=office.location, code=booking.display_code.lower(), by=personas["front_a"]
    )
    assert visit.number == "B001"
    assert visit.status == Visit.Status.WAITING
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN
    assert booking.checked_in_at is not None


def test_check_in_twice_tells_the_number(office, personas):
    booking = office.book()
    onsite.visit_check_in(location=office.location, code=booking.code, by=personas["front_a"])
    with pytest.raises(onsite.OnsiteError) as err:
        onsite.visit_check_in(location=office.location, code=booking.code, by=personas["front_a"])
    assert "B001" in err.value.message


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("unknown", onsite.CODE_UNKNOWN),
        ("format", onsite.CODE_FORMAT),
        ("tomorrow", onsite.OTHER_DAY),
        ("cancelled", onsite.NOT_ACTIVE),
    ],
)
def test_front_desk_check_in_errors_are_specific(office, personas, setup, message):
    code = "ZZZZZZZZZZZZ"
    if setup == "format":
        code = "abc"
    elif setup == "tomorrow":
        code = office.book(starts_at=timezone.now() + dt.timedelta(days=1)).code
    elif setup == "cancelled":
        code = office.book(status=Booking.Status.CANCELLED).code
    with pytest.raises(onsite.OnsiteError) as err:
        onsite.visit_check_in(location=office.location, code=code, by=personas["front_a"])
    assert err.value.message == message
    assert not Visit.objects.exists()


def test_kiosk_reveals_nothing_and_respects_window(office):
    now = timezone.now()
    late = office.book(starts_at=now - dt.timedelta(minutes=20))
    early = office.book(starts_at=now + dt.timedelta(minutes=45))
    tomorrow = office.book(starts_at=now + dt.timedelta(days=1))
    for code in ("ZZZZZZZZZZZZ", "x", late.code, early.code, tomorrow.code):
        with pytest.raises(onsite.OnsiteError) as err:
            onsite.visit_check_in(location=office.location, code=code, by=None, now=now)
        assert err.value.message == onsite.KIOSK_DESK
    on_time = office.book(starts_at=now + dt.timedelta(minutes=25))
    assert onsite.visit_check_in(location=office.location, code=on_time.code, by=None, now=now)


def test_walk_in_only_for_allowed_services(office, personas):
    visit = onsite.visit_walk_in(
        location=office.location, service_id=office.pickup.pk, by=personas["front_a"]
    )
    assert visit.number == "A001"
    assert visit.kind == Visit.Kind.WALK_IN
    second = onsite.visit_walk_in(location=office.location, service_id=office.transfer.pk, by=None)
    assert second.number == "A002"
    with pytest.raises(onsite.OnsiteError) as err:
        onsite.visit_walk_in(location=office.location, service_id=office.extension.pk, by=None)
    assert err.value.message == onsite.WALK_IN_NOT_ALLOWED


def test_other_kommune_cannot_check_in(office, personas):
    booking = office.book()
    with pytest.raises(onsite.OnsiteError):
        onsite.visit_check_in(location=office.location, code=booking.code, by=personas["lotsin_b"])
    with pytest.raises(onsite.OnsiteError):
        onsite.visit_check_in(location=office.location, code=booking.code, by=personas["cm_a"])


def test_call_next_follows_profile_and_rule(office, personas):
    clerk = personas["abh_a"]
    office.profile(clerk, office.team_a, office.team_b)
    now = timezone.now()
    walk = onsite.visit_walk_in(
        location=office.location, service_id=office.pickup.pk, by=None, now=now
    )
    due_b = onsite.visit_check_in(
        location=office.location, code=office.book(starts_at=now).code, by=None, now=now
    )
    due_a = onsite.visit_check_in(
        location=office.location,
        code=office.book(service=office.pickup, starts_at=now + dt.timedelta(minutes=2)).code,
        by=None,
        now=now + dt.timedelta(minutes=1),
    )
    later = now + dt.timedelta(minutes=3)
    desk = office.desks[0]
    order = []
    for _ in range(3):
        visit = onsite.visit_call_next(location=office.location, desk=desk, by=clerk, now=later)
        order.append(visit.pk)
        onsite.visit_start(visit=visit, by=clerk, now=later)
        onsite.visit_finish(visit=visit, by=clerk, now=later + dt.timedelta(minutes=5))
    # Team A first (priority 1): the due appointment before the walk-in; then team B.
    assert order == [due_a.pk, walk.pk, due_b.pk]
    with pytest.raises(onsite.OnsiteError) as err:
        onsite.visit_call_next(location=office.location, desk=desk, by=clerk, now=later)
    assert err.value.message == onsite.NOBODY_WAITING


def test_desk_teams_are_the_fallback_profile(office, personas):
    visit = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    with pytest.raises(onsite.OnsiteError):
        onsite.visit_call_next(location=office.location, desk=office.desks[1], by=personas["abh_a"])
    called = onsite.visit_call_next(
        location=office.location, desk=office.desks[0], by=personas["abh_a"]
    )
    assert called.pk == visit.pk


def test_busy_desk_must_finish_first(office, personas):
    for _ in range(2):
        onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    desk = office.desks[0]
    onsite.visit_call_next(location=office.location, desk=desk, by=personas["abh_a"])
    with pytest.raises(onsite.OnsiteError) as err:
        onsite.visit_call_next(location=office.location, desk=desk, by=personas["abh_a"])
    assert err.value.message == onsite.BUSY_AT_DESK


def test_state_machine_with_booking(office, personas):
    clerk = personas["front_a"]
    booking = office.book(service=office.pickup)
    visit = onsite.visit_check_in(location=office.location, code=booking.code, by=clerk)
    desk = office.desks[0]
    visit = onsite.visit_call_next(location=office.location, desk=desk, by=clerk)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CALLED
    visit = onsite.visit_recall(visit=visit, by=clerk)
    assert visit.calls == 2
    visit = onsite.visit_start(visit=visit, by=clerk)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.IN_SERVICE
    visit = onsite.visit_park(visit=visit, by=clerk)
    assert visit.status == Visit.Status.PARKED
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN
    visit = onsite.visit_call_parked(visit=visit, desk=desk, by=clerk)
    visit = onsite.visit_transfer(visit=visit, service_id=office.extension.pk, by=clerk)
    assert visit.status == Visit.Status.WAITING
    assert visit.team == office.team_b
    assert visit.number == "A001"  # the number stays
    with pytest.raises(onsite.OnsiteError) as err:
        onsite.visit_finish(visit=visit, by=clerk)
    assert err.value.message == onsite.STATE_CHANGED
    visit = onsite.visit_call_next(location=office.location, desk=office.desks[1], by=clerk)
    visit = onsite.visit_start(visit=visit, by=clerk)
    visit = onsite.visit_finish(visit=visit, by=clerk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DONE
    assert booking.finished_at is not None


def test_no_show(office, personas):
    clerk = personas["abh_a"]
    booking = office.book(service=office.pickup)
    onsite.visit_check_in(location=office.location, code=booking.code, by=clerk)
    visit = onsite.visit_call_next(location=office.location, desk=office.desks[0], by=clerk)
    visit = onsite.visit_no_show(visit=visit, by=clerk)
    assert visit.status == Visit.Status.NO_SHOW
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.NO_SHOW
    with pytest.raises(onsite.OnsiteError):
        onsite.visit_start(visit=visit, by=clerk)


def test_two_clerks_never_get_the_same_visit(office, personas):
    """Both clerks' candidate lists start with the same visit; only one UPDATE takes it."""
    first = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    second = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    desk_2 = office.desks[1]
    desk_2.teams.add(office.team_a)
    a = onsite.visit_call_next(location=office.location, desk=office.desks[0], by=personas["abh_a"])
    b = onsite.visit_call_next(location=office.location, desk=desk_2, by=personas["front_a"])
    assert {a.pk, b.pk} == {first.pk, second.pk}


def test_stale_candidate_is_skipped(office, personas, monkeypatch):
    """Simulate the race: the first candidate is taken between the read and the update."""
    first = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    second = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    original = onsite.queue_candidates

    def racing(**kwargs):  # noqa: ANN003, ANN202
        candidates = list(original(**kwargs))
        Visit.objects.filter(pk=first.pk).update(status=Visit.Status.CALLED)
        return candidates

    monkeypatch.setattr(onsite, "queue_candidates", racing)
    visit = onsite.visit_call_next(
        location=office.location, desk=office.desks[0], by=personas["abh_a"]
    )
    assert visit.pk == second.pk


def test_device_link_stores_digest_only(office):
    key = office.device()
    assert onsite.device_by_key(key).location == office.location
    assert onsite.device_by_key(key + "x") is None
    link = onsite.device_by_key(key)
    assert key not in link.key_digest
    onsite.device_link_revoke(link=link, by=office.leitung)
    assert onsite.device_by_key(key) is None


def test_office_wide_team_serves_its_anliegen_at_every_location(office, personas):
    """A team without a location (the whole office) gives the queue and ticket prefix wherever
    its Anliegen is offered, and a desk of another location that works for it calls them; a
    location's own team of the same Anliegen comes first."""
    from lotse.appointments.models import Desk, Location, Team

    abh = office.location.organisation
    annex = Location.objects.create(
        kommune=abh.kommune, organisation=abh, name="Bürgerbüro Nord", slot_minutes=10
    )
    everywhere = Team.objects.create(organisation=abh, name="Einbürgerung", code="E")
    office.pickup.locations.add(annex)
    office.pickup.teams.set([everywhere])
    desk = Desk.objects.create(location=annex, name="Platz", number="1")
    desk.teams.set([everywhere])

    visit = onsite.visit_walk_in(location=annex, service_id=office.pickup.pk, by=None)
    assert (visit.team, visit.number) == (everywhere, "E001")
    called = onsite.visit_call_next(location=annex, desk=desk, by=personas["front_a"])
    assert called.pk == visit.pk

    office.pickup.teams.add(office.team_a)  # the Kreishaus' own Servicepoint wins there
    at_home = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    assert (at_home.team, at_home.number) == (office.team_a, "A001")
    assert onsite.queue_team(annex, office.pickup) == everywhere
