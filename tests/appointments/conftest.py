"""Fixtures of Kundensteuerung: an ABH location open every day, a few Anliegen, slots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lotse.appointments import services
from lotse.appointments.models import Location, OpeningHours, Service
from lotse.core.models import Role
from tests.conftest import make_user


def make_location(org, *, name="Standort A", desks_online=2, opens=8, closes=18, **kwargs):  # noqa: ANN001, ANN201
    location = Location.objects.create(
        kommune=org.kommune,
        organisation=org,
        name=name,
        street="Teststraße 1",
        postcode="12345",
        city="Teststadt",
        slot_minutes=10,
        min_lead_minutes=0,
        observe_holidays=False,
        **kwargs,
    )
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(
                location=location,
                weekday=day,
                opens=dt.time(opens),
                closes=dt.time(closes),
                desks_online=desks_online,
                desks_phone=1,
                desks_internal=1,
            )
            for day in range(7)
        ]
    )
    return location


def make_service(org, location, *, name="Aufenthaltserlaubnis verlängern", minutes=20, **kwargs):  # noqa: ANN001, ANN201
    service = Service.objects.create(
        organisation=org,
        name=name,
        description="Beschreibung",
        documents="Reisepass\nFoto",
        duration_minutes=minutes,
        translations={"ar": {"name": "تمديد", "description": "وصف", "documents": "جواز السفر"}},
        **kwargs,
    )
    service.locations.add(location)
    return service


@pytest.fixture
def location(orgs):  # noqa: ANN001, ANN201
    loc = make_location(orgs["abh_a"])
    services.slots_compute(location=loc, first_day=timezone.localdate(), weeks=2)
    return loc


@pytest.fixture
def service(orgs, location):  # noqa: ANN001, ANN201
    return make_service(orgs["abh_a"], location)


@pytest.fixture
def short_service(orgs, location):  # noqa: ANN001, ANN201
    return make_service(orgs["abh_a"], location, name="eAT abholen", minutes=10)


@pytest.fixture
def leitung_a(orgs):  # noqa: ANN001, ANN201
    return make_user("leitung_a", Role.LEITUNG, orgs["abh_a"])


@pytest.fixture
def leitung_b(orgs):  # noqa: ANN001, ANN201
    return make_user("leitung_b", Role.LEITUNG, orgs["abh_b"])


def first_free(location, minutes=20):  # noqa: ANN001, ANN201
    from lotse.appointments import selectors

    return selectors.free_times(location=location, duration=minutes, limit=1)[0]


def book(location, service_, *, email="amina@example.org", confirmed=False, slot_id=None, **kw):  # noqa: ANN001, ANN201
    slot_id = slot_id or first_free(location, service_.duration_minutes).slot_id
    return services.booking_request(
        location=location,
        service_ids=[service_.pk],
        slot_id=slot_id,
        name="Amina Haddad",
        email=email,
        confirmed=confirmed,
        base_url="http://testserver",
        **kw,
    )


@pytest.fixture(autouse=True)
def _clear_portal_cache():  # noqa: ANN202
    """The portal caches pages per process; tests must not see each other's pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
