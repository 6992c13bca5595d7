"""Visits are fenced by PostgreSQL row-level security like bookings; the device pages work in
the tenant context of their location."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import DeviceLink, Visit
from lotse.core import tenancy

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_visits_visible_only_in_their_kommune(app_role, office, kommune_b, client):
    key = office.device(DeviceLink.Kind.KIOSK)
    onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE lotse_app_test")
    tenancy.set_kommune(kommune_b.pk)
    assert Visit.objects.count() == 0
    tenancy.set_kommune(office.location.kommune_id)
    assert Visit.objects.count() == 1
    tenancy.clear()
    # the kiosk sets the context of its location itself (no user logged in)
    response = client.post(
        reverse("onsite:kiosk_walk_in", args=[key]), {"service": office.pickup.pk}
    )
    assert "A002" in response.content.decode()
    tenancy.set_kommune(office.location.kommune_id)
    assert Visit.objects.count() == 2
    tenancy.clear()
