"""The jobs: `lotse slots-compute` and `lotse appointments-expire`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotse.appointments import services
from lotse.appointments.models import Booking, PortalThrottle, Slot
from tests.appointments.conftest import book

pytestmark = pytest.mark.django_db


def test_slots_compute_is_idempotent(location):
    out = io.StringIO()
    call_command("slots_compute", "--weeks", "2", stdout=out)
    count = Slot.objects.count()
    out = io.StringIO()
    call_command("slots_compute", "--weeks", "2", stdout=out)
    assert "created=0 updated=0 deleted=0" in out.getvalue()
    assert Slot.objects.count() == count


def test_expire_releases_unconfirmed_and_prunes_throttle_rows(location, service):
    tokens = book(location, service)
    Booking.objects.filter(pk=tokens.booking.pk).update(
        confirm_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    PortalThrottle.objects.create(
        bucket="book-ip", key_digest="x", at=timezone.now() - dt.timedelta(days=2)
    )
    out = io.StringIO()
    call_command("appointments_expire", stdout=out)
    assert "expired=1" in out.getvalue()
    assert Booking.objects.get().status == Booking.Status.EXPIRED
    assert not PortalThrottle.objects.exists()


def test_personal_data_is_removed_after_the_retention_period(location, service):
    tokens = book(location, service, confirmed=True)
    later = tokens.booking.ends_at + dt.timedelta(days=184)
    assert services.bookings_anonymise(now=tokens.booking.ends_at + dt.timedelta(days=10)) == 0
    assert services.bookings_anonymise(now=later) == 1
    booking = Booking.objects.get()
    assert (booking.name, booking.email, booking.phone, booking.email_digest) == ("", "", "", "")
    assert booking.booked_at and booking.status == Booking.Status.CONFIRMED
