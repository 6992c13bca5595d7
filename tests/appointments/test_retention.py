"""Retention of the booking portal's personal data through the consent app's framework:
`lotse retention-run` anonymises bookings and closed waiting-list entries 6 months after the
appointment (sign-up), counted like a stored rule, keeps newer ones, reports counts only, and
agrees with `lotse appointments-expire`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.utils import timezone

from lotse.appointments import retention, services, slots
from lotse.appointments.models import Booking, WaitingListEntry
from lotse.consent import retention as framework
from lotse.consent import services as consent_services
from lotse.core.models import Event, Role
from tests.appointments.conftest import book
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _ended_on(booking: Booking, day: dt.date) -> None:
    """Move the appointment to 10:00–10:20 local time on `day`."""
    starts = dt.datetime.combine(day, dt.time(10), tzinfo=slots.BERLIN)
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(minutes=20)
    )


def _run(day: dt.date, *args: str) -> str:
    out = io.StringIO()
    call_command("retention_run", "--as-of", day.isoformat(), *args, stdout=out)
    return out.getvalue()


def _personal(booking: Booking) -> tuple[str, str, str, str]:
    booking.refresh_from_db()
    return booking.name, booking.email, booking.phone, booking.email_digest


def test_retention_run_anonymises_old_bookings_and_keeps_newer_ones(location, service):
    today = dt.date(2027, 3, 1)
    old = book(location, service, email="alt@example.org", confirmed=True, phone="0201 1").booking
    new = book(location, service, email="neu@example.org", confirmed=True).booking
    _ended_on(old, dt.date(2026, 9, 1))  # exactly 6 months ago
    _ended_on(new, dt.date(2026, 9, 2))

    output = _run(today)

    assert _personal(old) == ("", "", "", "")
    old.refresh_from_db()
    assert old.status == Booking.Status.CONFIRMED and old.booked_at  # statistics stay
    assert [s.pk for s in old.services.all()] == [service.pk]
    assert _personal(new)[:2] == ("Amina Haddad", "neu@example.org")
    # counts only: neither the command's report nor the event names anybody
    assert "appointments.booking: fällig=1" in output and "anonymised=1" in output
    event = Event.objects.get(activity="retention.applied")
    assert event.payload["record_type"] == "appointments.booking"
    assert event.payload["due"] == 1 and event.payload["done"] == {"anonymised": 1}
    assert event.payload["months"] == 6  # the period actually applied
    for text in (output, json.dumps(event.payload)):
        assert "Amina" not in text and "example.org" not in text and old.code not in text
    # done once: the next night finds only the newer booking, now 6 months old
    assert "appointments.booking: fällig=1" in _run(today + dt.timedelta(days=1))
    assert _personal(new) == ("", "", "", "")
    assert "appointments.booking" not in _run(today + dt.timedelta(days=2))


def test_the_default_is_six_calendar_months_like_a_stored_rule(location, service, orgs):
    """31 August + 6 months is 28 February (the privacy notice's "spätestens 6 Monate"): due
    exactly then, not a day before, and on the same day as a stored 6-month rule."""
    booking = book(location, service, confirmed=True).booking
    _ended_on(booking, dt.date(2026, 8, 31))
    _run(dt.date(2027, 2, 27))
    assert _personal(booking)[0] == "Amina Haddad"
    _run(dt.date(2027, 2, 28))
    assert _personal(booking)[0] == ""
    default = framework.effective_rule(orgs["abh_a"], retention.BOOKING)
    stored = framework.RuleValue(6, "ANONYMISE", default.trigger, stored=True)
    for today in (dt.date(2027, 2, 27), dt.date(2027, 2, 28), dt.date(2027, 3, 1)):
        assert default.cutoff(today) == stored.cutoff(today)


def test_a_shorter_configured_default_is_applied_and_logged(location, service, settings):
    settings.LOTSE_BOOKING_RETENTION_MONTHS = 3
    booking = book(location, service, confirmed=True).booking
    _ended_on(booking, dt.date(2026, 11, 30))
    _run(dt.date(2027, 2, 27))
    assert _personal(booking)[0] == "Amina Haddad"
    output = _run(dt.date(2027, 2, 28))  # 30 November + 3 months: the end of February
    assert _personal(booking)[0] == ""
    assert "appointments.booking: fällig=1" in output
    assert Event.objects.get(activity="retention.applied").payload["months"] == 3


@pytest.mark.parametrize("months", [0, 7, 12])
def test_a_configured_default_outside_the_promise_is_refused(settings, orgs, months):
    settings.LOTSE_BOOKING_RETENTION_MONTHS = months
    with pytest.raises(ImproperlyConfigured):
        framework.effective_rule(orgs["abh_a"], retention.BOOKING)


def test_the_old_days_setting_is_refused_not_ignored(settings, orgs):
    settings.LOTSE_BOOKING_RETENTION_DAYS = 183
    with pytest.raises(ImproperlyConfigured, match="LOTSE_BOOKING_RETENTION_MONTHS"):
        framework.effective_rule(orgs["abh_a"], retention.BOOKING)


def test_dry_run_only_counts(location, service):
    booking = book(location, service, confirmed=True).booking
    _ended_on(booking, dt.date(2026, 1, 1))
    output = _run(dt.date(2027, 1, 1), "--dry-run")
    assert "[Probelauf]" in output and "appointments.booking: fällig=1" in output
    assert _personal(booking)[0] == "Amina Haddad"
    assert not Event.objects.filter(activity="retention.applied").exists()


def _entry(location, service, status: str, created: dt.date) -> WaitingListEntry:  # noqa: ANN001
    entry, _token = services.waitlist_join(
        location=location,
        service_ids=[service.pk],
        name="Reza Ahmadi",
        email="reza@example.org",
        language="fa",
    )
    WaitingListEntry.objects.filter(pk=entry.pk).update(
        status=status, created_at=dt.datetime.combine(created, dt.time(9), tzinfo=slots.BERLIN)
    )
    return entry


def test_closed_waiting_list_entries_lose_personal_data_open_ones_keep_it(location, service):
    today = dt.date(2027, 3, 1)
    long_ago = today - dt.timedelta(days=200)  # more than 6 months
    closed = _entry(location, service, WaitingListEntry.Status.EXPIRED, long_ago)
    waiting = _entry(location, service, WaitingListEntry.Status.WAITING, long_ago)
    recent = _entry(location, service, WaitingListEntry.Status.WITHDRAWN, today)

    output = _run(today)

    assert "appointments.waiting_list_entry: fällig=1" in output
    names = dict(WaitingListEntry.objects.values_list("pk", "name"))
    assert names == {closed.pk: "", waiting.pk: "Reza Ahmadi", recent.pk: "Reza Ahmadi"}
    closed.refresh_from_db()
    assert (closed.email, closed.email_digest) == ("", "")


def test_appointments_expire_applies_the_same_rule(location, service, orgs):
    today = timezone.localdate()
    cutoff = framework.effective_rule(orgs["abh_a"], retention.BOOKING).cutoff(today)
    old = book(location, service, confirmed=True).booking
    new = book(location, service, email="neu@example.org", confirmed=True).booking
    _ended_on(old, cutoff)
    _ended_on(new, cutoff + dt.timedelta(days=1))
    out = io.StringIO()
    call_command("appointments_expire", stdout=out)
    assert "anonymised=1" in out.getvalue()
    assert _personal(old) == ("", "", "", "")
    assert _personal(new)[0] == "Amina Haddad"
    event = Event.objects.get(activity="retention.applied")
    assert event.payload["record_type"] == "appointments.booking"


def test_the_organisation_may_shorten_the_period_but_not_extend_it(location, service, orgs):
    admin = make_user("admin_abh_a", Role.ADMIN, orgs["abh_a"])
    with pytest.raises(ValidationError) as error:
        consent_services.retention_rule_set(
            by=admin, record_type=retention.BOOKING, months=12, action="ANONYMISE"
        )
    assert "höchstens 6 Monate" in str(error.value)
    with pytest.raises(ValidationError):
        consent_services.retention_rule_set(
            by=admin, record_type=retention.BOOKING, months=3, action="DELETE"
        )
    consent_services.retention_rule_set(
        by=admin, record_type=retention.BOOKING, months=3, action="ANONYMISE"
    )
    booking = book(location, service, confirmed=True).booking
    _ended_on(booking, dt.date(2027, 1, 31))
    _run(dt.date(2027, 4, 29))
    assert _personal(booking)[0] == "Amina Haddad"
    _run(dt.date(2027, 4, 30))  # three months after 31 January: the end of April
    assert _personal(booking)[0] == ""


def test_handlers_are_registered_and_shown_on_the_retention_page(orgs, client):
    assert {retention.BOOKING, retention.WAITING_LIST} <= {
        h.record_type for h in framework.handlers()
    }
    leitung = make_user("leitung_abh_a", Role.LEITUNG, orgs["abh_a"])
    client.force_login(leitung)
    page = client.get("/einwilligungen/aufbewahrung/").content.decode()
    assert "Einträge der Warteliste" in page and "6 Monate" in page
