"""Persona tests for every on-site URL: who may, who gets 404 (other Kommune, other
organisation, wrong role, anonymous without device key)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.appointments import onsite_services as onsite
from lotse.appointments import onsite_stats
from lotse.appointments.models import Booking, DeviceLink, OnsiteSettings, PortalThrottle, Visit
from lotse.core.models import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

WORKERS = ["front_a", "abh_a"]
OUTSIDERS = ["lotsin_b", "cm_a", "lotsin_a", "admin_a", "land"]


def _client(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def leitung(office) -> Client:  # noqa: ANN001
    return _client(office.leitung)


@pytest.fixture
def statistik(orgs) -> Client:  # noqa: ANN001
    return _client(make_user("statistik_abh", Role.STATISTIK, orgs["abh_a"]))


def _work_urls(office, visit: Visit) -> list[tuple[str, str]]:  # noqa: ANN001
    loc = office.location.pk
    return [
        ("get", reverse("onsite:frontdesk", args=[loc])),
        ("get", reverse("onsite:workplace", args=[loc])),
        ("get", reverse("onsite:queues", args=[loc])),
        ("get", reverse("onsite:ticket", args=[visit.pk])),
        ("post", reverse("onsite:checkin", args=[loc])),
        ("post", reverse("onsite:walk_in", args=[loc])),
        ("post", reverse("onsite:desk_choose", args=[loc])),
        ("post", reverse("onsite:call_next", args=[loc])),
        ("post", reverse("onsite:visit_action", args=[visit.pk, "parken"])),
    ]


@pytest.mark.parametrize("name", WORKERS)
def test_front_office_and_case_workers_may_work(office, client_for, name):
    visit = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    client = client_for(name)
    assert client.get(reverse("onsite:home")).status_code == 200
    for method, url in _work_urls(office, visit):
        status = getattr(client, method)(url).status_code
        assert status in (200, 302, 400), f"{method} {url} gave {status}"


@pytest.mark.parametrize("name", OUTSIDERS)
def test_others_get_404_on_work_pages(office, client_for, name):
    visit = onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    client = client_for(name)
    assert client.get(reverse("onsite:home")).status_code == 404
    for method, url in _work_urls(office, visit):
        status = getattr(client, method)(url).status_code
        assert status == 404, f"{name} {method} {url} gave {status}"
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.WAITING


def _device_admin_urls(office, link: DeviceLink) -> list[tuple[str, str]]:  # noqa: ANN001
    loc = office.location.pk
    return [
        ("get", reverse("onsite:devices", args=[loc])),
        ("post", reverse("onsite:settings", args=[loc])),
        ("post", reverse("onsite:device_revoke", args=[link.pk])),
    ]


def test_leitung_manages_devices(office, leitung):
    response = leitung.post(
        reverse("onsite:devices", args=[office.location.pk]),
        {"kind": "KIOSK", "label": "Terminal Eingang"},
    )
    assert response.status_code == 200
    assert "/kundensteuerung/vor-ort/geraet/" in response.content.decode()
    link = DeviceLink.objects.get(label="Terminal Eingang")
    response = leitung.post(
        reverse("onsite:settings", args=[office.location.pk]),
        {"checkin_early_minutes": 20, "checkin_late_minutes": 10, "walk_ins_open": "on"},
    )
    assert response.status_code == 302
    assert OnsiteSettings.objects.get(location=office.location).checkin_early_minutes == 20
    bad = leitung.post(
        reverse("onsite:settings", args=[office.location.pk]),
        {"checkin_early_minutes": 999, "checkin_late_minutes": 10},
    )
    assert bad.status_code == 400
    assert "höchstens 240" in bad.content.decode()
    assert leitung.post(reverse("onsite:device_revoke", args=[link.pk])).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


@pytest.mark.parametrize("name", ["front_a", "abh_a", "lotsin_b", "cm_a", "admin_b"])
def test_staff_without_device_rights_get_404(office, client_for, name):
    link = onsite.device_link_create(
        location=office.location, kind="DISPLAY", label="x", by=office.leitung
    ).link
    client = client_for(name)
    for method, url in _device_admin_urls(office, link):
        assert getattr(client, method)(url).status_code == 404, (name, url)
    link.refresh_from_db()
    assert link.revoked_at is None


# --- device pages ----------------------------------------------------------------------------


def test_anonymous_without_key_gets_404(office, client):
    office.device(DeviceLink.Kind.KIOSK)
    for name in ("device", "display_feed"):
        assert client.get(reverse(f"onsite:{name}", args=["falsch"])).status_code == 404
    for name in ("kiosk_checkin", "kiosk_walk_in"):
        assert client.post(reverse(f"onsite:{name}", args=["falsch"])).status_code == 404


def test_kiosk_check_in_and_walk_in(office, client):
    key = office.device(DeviceLink.Kind.KIOSK)
    page = client.get(reverse("onsite:device", args=[key]))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert "Ich habe einen Termin" in page.content.decode()
    booking = office.book(starts_at=timezone.now() + dt.timedelta(minutes=10))
    response = client.post(
        reverse("onsite:kiosk_checkin", args=[key]), {"code": booking.display_code}
    )
    assert response.status_code == 200
    assert "B001" in response.content.decode()
    response = client.post(
        reverse("onsite:kiosk_walk_in", args=[key]), {"service": office.pickup.pk}
    )
    assert "A001" in response.content.decode()
    wrong = client.post(reverse("onsite:kiosk_checkin", args=[key]), {"code": "ZZZZZZZZZZZZ"})
    assert wrong.status_code == 400
    assert "Bitte melden Sie sich am Empfang" in wrong.content.decode()
    # the kiosk link does not open the display feed, and the revoked link nothing
    assert client.get(reverse("onsite:display_feed", args=[key])).status_code == 404
    onsite.device_link_revoke(link=onsite.device_by_key(key), by=office.leitung)
    assert client.get(reverse("onsite:device", args=[key])).status_code == 404


def test_display_shows_called_numbers_without_names(office, client, personas):
    key = office.device(DeviceLink.Kind.DISPLAY)
    booking = office.book(service=office.pickup, name="Erika Beispiel")
    onsite.visit_check_in(location=office.location, code=booking.code, by=personas["front_a"])
    onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    onsite.visit_call_next(location=office.location, desk=office.desks[0], by=personas["abh_a"])
    from django.core.cache import cache

    cache.clear()
    page = client.get(reverse("onsite:device", args=[key])).content.decode()
    assert "A001" in page and 'aria-live="polite"' in page
    assert "Erika" not in page
    feed = client.get(reverse("onsite:display_feed", args=[key])).content.decode()
    assert "A001" in feed and "1 Person wartet" in feed
    # a kiosk POST with a display key is refused
    assert client.post(reverse("onsite:kiosk_checkin", args=[key])).status_code == 404


def test_display_feed_query_count_is_pinned(office, client, django_assert_max_num_queries):
    key = office.device(DeviceLink.Kind.DISPLAY)
    for _ in range(5):
        onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    from django.core.cache import cache

    cache.clear()
    rls = 3 if connection.vendor == "postgresql" else 0  # set_config calls of the tenant context
    with django_assert_max_num_queries(4 + rls):  # device + 2 small queries, whatever the queue
        assert client.get(reverse("onsite:display_feed", args=[key])).status_code == 200
    with django_assert_max_num_queries(2 + rls):  # cached for a moment: only the device look-up
        assert client.get(reverse("onsite:display_feed", args=[key])).status_code == 200


def test_workplace_query_count_is_pinned(office, client_for, django_assert_max_num_queries):
    client = client_for("abh_a")
    loc = office.location.pk
    client.post(reverse("onsite:desk_choose", args=[loc]), {"desk": office.desks[0].pk})
    for _ in range(3):
        onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    client.post(reverse("onsite:call_next", args=[loc]))
    for _ in range(20):
        onsite.visit_walk_in(location=office.location, service_id=office.transfer.pk, by=None)
    rls = 3 if connection.vendor == "postgresql" else 0  # set_config calls of the tenant context
    with django_assert_max_num_queries(16 + rls):
        assert client.get(reverse("onsite:workplace", args=[loc])).status_code == 200
    with django_assert_max_num_queries(12 + rls):  # fixed, whatever the queue length
        assert client.get(reverse("onsite:queues", args=[loc])).status_code == 200


# --- clerk journey through the views ---------------------------------------------------------


def test_clerk_flow_through_views(office, client_for):
    front = client_for("front_a")
    loc = office.location.pk
    booking = office.book(service=office.pickup)
    response = front.post(reverse("onsite:checkin", args=[loc]), {"code": booking.code})
    visit = Visit.objects.get(booking=booking)
    assert response.url == reverse("onsite:ticket", args=[visit.pk])
    bad = front.post(reverse("onsite:checkin", args=[loc]), {"code": "ABC"})
    assert bad.status_code == 400 and "12 Zeichen" in bad.content.decode()
    no_walk = front.post(reverse("onsite:walk_in", args=[loc]), {"service": office.extension.pk})
    assert no_walk.status_code == 400
    clerk = client_for("abh_a")
    # no desk yet: a clear message, nothing called
    clerk.post(reverse("onsite:call_next", args=[loc]))
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.WAITING
    clerk.post(reverse("onsite:desk_choose", args=[loc]), {"desk": office.desks[0].pk})
    clerk.post(reverse("onsite:call_next", args=[loc]))
    page = clerk.get(reverse("onsite:workplace", args=[loc])).content.decode()
    assert visit.number in page and "Erika Beispiel" in page
    for action in ("erneut", "beginnen", "parken", "zurueckholen"):
        clerk.post(reverse("onsite:visit_action", args=[visit.pk, action]))
    clerk.post(
        reverse("onsite:visit_action", args=[visit.pk, "weiterleiten"]),
        {f"t{visit.pk}-service": office.transfer.pk},
    )
    visit.refresh_from_db()
    assert visit.status == Visit.Status.WAITING and visit.service == office.transfer
    clerk.post(reverse("onsite:call_next", args=[loc]))
    clerk.post(reverse("onsite:visit_action", args=[visit.pk, "nicht-erschienen"]))
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.NO_SHOW
    assert (
        clerk.post(reverse("onsite:visit_action", args=[visit.pk, "unbekannt"])).status_code == 404
    )


# --- statistics ------------------------------------------------------------------------------


def test_statistics_for_leitung_and_statistik(office, leitung, statistik, client_for):
    onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    onsite_stats.stats_refresh_day(location=office.location, day=timezone.localdate())
    # Statistik/Planung of the KI of the same Kommune sees them too (anonymised figures).
    for client in (leitung, statistik, client_for("stat_a")):
        page = client.get(reverse("onsite:stats"))
        assert page.status_code == 200
        assert "<svg" in page.content.decode() or "Keine Daten" in page.content.decode()
        csv_ = client.get(reverse("onsite:stats_export", args=["csv"]))
        assert csv_.status_code == 200 and "eAT-Abholung" in csv_.content.decode("utf-8-sig")
        xlsx = client.get(reverse("onsite:stats_export", args=["xlsx"]))
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert leitung.get(reverse("onsite:stats_export", args=["pdf"])).status_code == 404
    bad = leitung.get(reverse("onsite:stats"), {"start": "2026-12-10", "end": "2026-12-01"})
    assert bad.status_code == 400


@pytest.mark.parametrize("name", ["front_a", "abh_a", "lotsin_b", "cm_a", "admin_a", "land"])
def test_statistics_404_for_others(office, client_for, name):
    client = client_for(name)
    assert client.get(reverse("onsite:stats")).status_code == 404
    assert client.get(reverse("onsite:stats_export", args=["csv"])).status_code == 404


def test_statistics_of_other_kommune_invisible(office, orgs):
    other = _client(make_user("statistik_b", Role.STATISTIK, orgs["abh_b"]))
    onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    onsite_stats.stats_refresh_day(location=office.location, day=timezone.localdate())
    csv_ = other.get(reverse("onsite:stats_export", args=["csv"])).content.decode("utf-8-sig")
    assert "eAT-Abholung" not in csv_


def test_kiosk_sends_guessers_and_button_pressers_to_the_desk(office, client):
    key = office.device(DeviceLink.Kind.KIOSK)
    url = reverse("onsite:kiosk_checkin", args=[key])
    for _ in range(10):
        assert client.post(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 400
    booking = office.book(service=office.pickup)
    refused = client.post(url, {"code": booking.code})
    assert refused.status_code == 429
    assert "Bitte melden Sie sich am Empfang" in refused.content.decode()
    assert not Visit.objects.filter(booking=booking).exists()
    walk = reverse("onsite:kiosk_walk_in", args=[key])
    statuses = [client.post(walk, {"service": office.pickup.pk}).status_code for _ in range(7)]
    assert statuses == [200] * 6 + [429]
    assert Visit.objects.filter(kind=Visit.Kind.WALK_IN).count() == 6


def test_kiosk_limits_hold_across_server_processes(office):
    """Each request may reach another worker: the counters live in the database, so a fresh
    per-process cache (cleared before every request) does not reset them."""
    from django.core.cache import cache

    key = office.device(DeviceLink.Kind.KIOSK)
    walk = reverse("onsite:kiosk_walk_in", args=[key])
    statuses = []
    for _ in range(7):
        cache.clear()
        statuses.append(Client().post(walk, {"service": office.pickup.pk}).status_code)
    assert statuses == [200] * 6 + [429]
    url = reverse("onsite:kiosk_checkin", args=[key])
    for _ in range(10):
        cache.clear()
        assert Client().post(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 400
    cache.clear()
    assert Client().post(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 429
    # no code, no IP address, no key in the table: only a digest of the device link's id
    digests = set(PortalThrottle.objects.values_list("key_digest", flat=True))
    assert len(digests) == 2 and all(len(d) == 64 and key not in d for d in digests)


def test_kiosk_limits_are_per_kiosk_and_end_with_their_window(office, client):
    first = office.device(DeviceLink.Kind.KIOSK)
    second = office.device(DeviceLink.Kind.KIOSK)
    walk = reverse("onsite:kiosk_walk_in", args=[first])
    for _ in range(6):
        assert client.post(walk, {"service": office.pickup.pk}).status_code == 200
    assert client.post(walk, {"service": office.pickup.pk}).status_code == 429
    other = reverse("onsite:kiosk_walk_in", args=[second])
    assert client.post(other, {"service": office.pickup.pk}).status_code == 200
    # a minute later the first kiosk prints tickets again; misses count for ten minutes
    PortalThrottle.objects.update(at=F("at") - dt.timedelta(seconds=61))
    assert client.post(walk, {"service": office.pickup.pk}).status_code == 200
    url = reverse("onsite:kiosk_checkin", args=[first])
    for _ in range(10):
        assert client.post(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 400
    PortalThrottle.objects.filter(bucket="kiosk-miss").update(
        at=F("at") - dt.timedelta(seconds=540)
    )
    assert client.post(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 429
    PortalThrottle.objects.filter(bucket="kiosk-miss").update(at=F("at") - dt.timedelta(seconds=61))
    assert client.post(url, {"code": "ZZZZZZZZZZZZ"}).status_code == 400
