"""Bookings and waiting-list entries are fenced by PostgreSQL row-level security; the portal
sets the tenant context from the location being booked, so its secret links still work."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lotse.appointments import services
from lotse.core import tenancy
from tests.appointments.conftest import book

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TABLES = ["appointments_booking", "appointments_waitinglistentry"]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_rows_are_visible_only_in_their_kommune(app_role, location, service, kommune_b):
    tokens = book(location, service, confirmed=True)
    services.waitlist_join(
        location=location,
        service_ids=[service.pk],
        name="W",
        email="w@example.org",
        language="de",
    )
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    tenancy.set_kommune(kommune_b.pk)
    assert [_count(t) for t in TABLES] == [0, 0]
    tenancy.set_kommune(location.kommune_id)
    assert [_count(t) for t in TABLES] == [1, 1]
    tenancy.clear()
    assert [_count(t) for t in TABLES] == [0, 0]
    # The portal (no user) finds the booking behind its link in the location's Kommune.
    response = Client().get(reverse("portal:manage", args=[location.pk, tokens.manage_token]))
    assert response.status_code == 200
    assert tokens.booking.display_code in response.content.decode()


def test_the_portal_can_book_under_the_application_role(app_role, location, service):
    from tests.appointments.conftest import first_free

    slot = first_free(location, 20)
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    url = reverse("portal:book", args=[location.pk]) + f"?a={service.pk}&slot={slot.slot_id}"
    response = Client().post(url, {"name": "A", "email": "a@example.org", "consent": "on"})
    assert response.status_code == 302
    tenancy.set_kommune(location.kommune_id)
    assert _count("appointments_booking") == 1
