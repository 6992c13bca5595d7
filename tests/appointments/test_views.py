"""Staff pages of Kundensteuerung: who may see (ABH staff), who may change (ABH Leitung and
Administration of that office), who gets 404 (other offices, other organisations)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.appointments.models import Booking, Closure, OpeningHours, Service
from lotse.core.models import Role
from tests.appointments.conftest import book
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_abh_a(orgs):  # noqa: ANN001, ANN201
    return make_user("admin_abh_a", Role.ADMIN, orgs["abh_a"])


def _pg_extra() -> int:
    """PostgreSQL adds the three set_config statements of the tenant-context middleware."""
    from django.db import connection

    return 3 if connection.vendor == "postgresql" else 0


def login(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def test_overview_for_abh_staff_only(client_for, location, service, leitung_a):
    assert login(leitung_a).get(reverse("appointments:overview")).status_code == 200
    page = client_for("front_a").get(reverse("appointments:overview"))
    assert page.status_code == 200 and service.name in page.content.decode()
    assert "Neues Anliegen" not in page.content.decode()  # read only
    for name in ("cm_a", "jobcenter_a", "stat_a", "land", "admin_a"):
        assert client_for(name).get(reverse("appointments:overview")).status_code == 403


def test_navigation_shows_the_entry_to_abh_staff(client_for, location):
    home = client_for("front_a").get(reverse("core:home"), follow=True).content.decode()
    assert reverse("appointments:overview") in home
    other = client_for("cm_a").get(reverse("core:home"), follow=True).content.decode()
    assert reverse("appointments:overview") not in other


def test_location_detail_personas(client_for, location, leitung_a, leitung_b):
    url = reverse("appointments:location_detail", args=[location.pk])
    page = login(leitung_a).get(url)
    assert page.status_code == 200 and "Schließtag eintragen" in page.content.decode()
    read = client_for("abh_a").get(url)
    assert read.status_code == 200 and "Schließtag eintragen" not in read.content.decode()
    assert login(leitung_b).get(url).status_code == 404
    assert client_for("lotsin_b").get(url).status_code == 404


def test_location_detail_query_count(location, leitung_a, django_assert_max_num_queries):
    client = login(leitung_a)
    url = reverse("appointments:location_detail", args=[location.pk])
    with django_assert_max_num_queries(14 + _pg_extra()):
        client.get(url)


def test_overview_query_count(location, service, leitung_a, django_assert_max_num_queries):
    from tests.appointments.conftest import make_service

    for i in range(5):
        make_service(leitung_a.organisation, location, name=f"Anliegen {i}")
    client = login(leitung_a)
    with django_assert_max_num_queries(12 + _pg_extra()):
        client.get(reverse("appointments:overview"))


def test_service_create_and_edit(client_for, location, service, leitung_a, admin_abh_a):
    client = login(leitung_a)
    response = client.post(
        reverse("appointments:service_create"),
        {
            "name": "Verpflichtungserklärung",
            "description": "Sie laden Besuch ein.",
            "duration_minutes": "30",
            "documents": "Ausweis\nEinkommen",
            "fee_note": "29 € (wird geprüft)",
            "locations": [str(location.pk)],
            "bookable_online": "on",
            "is_active": "on",
            "sort_order": "5",
        },
    )
    assert response.status_code == 302
    created = Service.objects.get(name="Verpflichtungserklärung")
    assert created.organisation == leitung_a.organisation
    assert list(created.locations.all()) == [location]
    edit = reverse("appointments:service_edit", args=[service.pk])
    assert login(admin_abh_a).get(edit).status_code == 200
    assert client_for("front_a").get(edit).status_code == 403
    assert client_for("front_a").get(reverse("appointments:service_create")).status_code == 403
    assert client_for("lotsin_b").get(edit).status_code == 404
    bad = client.post(edit, {"name": "", "duration_minutes": "2"})
    assert bad.status_code == 200 and "aria-invalid" in bad.content.decode()


def test_location_edit_recomputes(location, leitung_a, client_for, leitung_b):
    url = reverse("appointments:location_edit", args=[location.pk])
    client = login(leitung_a)
    assert client.get(url).status_code == 200
    data = {
        "name": location.name,
        "slot_minutes": "15",
        "horizon_days": "84",
        "min_lead_minutes": "0",
        "max_booking_minutes": "120",
        "bookable_online": "on",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    minutes = {
        timezone.localtime(s).minute for s in location.slots.values_list("starts_at", flat=True)
    }
    assert minutes <= {0, 15, 30, 45}
    assert client_for("front_a").get(url).status_code == 403
    assert login(leitung_b).get(url).status_code == 404


def test_opening_hours_add_and_delete(location, leitung_a, client_for):
    client = login(leitung_a)
    url = reverse("appointments:hours_add", args=[location.pk])
    before = location.slots.count()
    response = client.post(
        url,
        {
            "weekday": "0",
            "opens": "18:00",
            "closes": "19:00",
            "desks_online": "1",
            "desks_phone": "0",
            "desks_internal": "0",
        },
    )
    assert response.status_code == 302
    assert location.slots.count() > before
    bad = client.post(url, {"weekday": "0", "opens": "19:00", "closes": "18:00"})
    assert bad.status_code == 400
    assert "Die Öffnungszeit muss vor dem Ende beginnen." in bad.content.decode()
    assert client_for("front_a").post(url, {}).status_code == 403
    hours = OpeningHours.objects.filter(location=location).latest("pk")
    delete = reverse("appointments:hours_delete", args=[hours.pk])
    assert client_for("front_a").post(delete).status_code == 403
    assert client_for("lotsin_b").post(delete).status_code == 404
    assert client.post(delete).status_code == 302
    assert not OpeningHours.objects.filter(pk=hours.pk).exists()


def test_closure_cancels_and_notifies(location, service, leitung_a, client_for):
    tokens = book(location, service, confirmed=True)
    day = timezone.localtime(tokens.booking.starts_at).date()
    mail.outbox.clear()
    url = reverse("appointments:closure_add", args=[location.pk])
    assert client_for("front_a").post(url, {}).status_code == 403
    response = login(leitung_a).post(
        url, {"starts_on": day.isoformat(), "ends_on": day.isoformat(), "reason": "Wahl"}
    )
    assert response.status_code == 302
    assert Closure.objects.get().cancelled_bookings == 1
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    assert len(mail.outbox) == 1 and "Wahl" in mail.outbox[0].body
    bad = login(leitung_a).post(
        url, {"starts_on": "2030-01-05", "ends_on": "2030-01-01", "reason": "x"}
    )
    assert bad.status_code == 400


def test_recompute_button(location, leitung_a, client_for, leitung_b):
    url = reverse("appointments:slots_recompute", args=[location.pk])
    assert login(leitung_a).post(url).status_code == 302
    assert client_for("abh_a").post(url).status_code == 403
    assert login(leitung_b).post(url).status_code == 404
