"""Fixtures for invitation tests: an ABH location with internal slots and persons whose
status ends soon. Dates are relative to today, so the tests hold on any day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from lotse.appointments.models import Channel, Location, Service, Slot
from lotse.appointments.slots import BERLIN
from lotse.core.models import Organisation, Role, User
from lotse.people.models import Person, StatusPeriod, StatusType
from tests.conftest import make_user


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def location(orgs: dict[str, Organisation]) -> Location:
    abh = orgs["abh_a"]
    return Location.objects.create(
        kommune=abh.kommune,
        organisation=abh,
        name="Kreishaus",
        street="Kreishausstraße 1",
        postcode="12345",
        city="Musterstadt",
        phone="0000 123456",
        slot_minutes=10,
    )


@pytest.fixture
def service(location: Location) -> Service:
    service = Service.objects.create(
        organisation=location.organisation,
        name="Aufenthaltserlaubnis verlängern",
        documents="Pass\nBiometrisches Foto\nNachweis über Einkommen",
        duration_minutes=10,
        translations={
            "ar": {"name": "تمديد تصريح الإقامة", "documents": "جواز السفر\nصورة بيومترية"},
            "en": {"name": "Extend residence permit", "documents": "Passport\nBiometric photo"},
        },
    )
    service.locations.add(location)
    return service


@pytest.fixture
def make_slots(location: Location) -> Callable[..., list[Slot]]:
    """Internal slots on a day: `count` consecutive 10-minute slots from 09:00."""

    def make(day: dt.date, count: int = 2, capacity: int = 1) -> list[Slot]:
        start = dt.datetime.combine(day, dt.time(9), tzinfo=BERLIN)
        return [
            Slot.objects.create(
                location=location,
                starts_at=start + dt.timedelta(minutes=10 * i),
                ends_at=start + dt.timedelta(minutes=10 * (i + 1)),
                channel=Channel.INTERNAL,
                capacity=capacity,
            )
            for i in range(count)
        ]

    return make


@pytest.fixture
def make_person(orgs: dict[str, Organisation]) -> Callable[..., Person]:
    counter = {"n": 0}

    def make(
        expires: dt.date | None,
        *,
        type: str = StatusType.AE,
        org: str = "abh_a",
        languages: list[str] | None = None,
        valid_from: dt.date | None = None,
    ) -> Person:
        counter["n"] += 1
        organisation = orgs[org]
        person = Person.objects.create(
            kommune=organisation.kommune,
            organisation=organisation,
            family_name=f"Muster{counter['n']}",
            given_names="Alex",
            sort_name=f"muster{counter['n']}",
            languages=languages or ["de"],
            street="Weg 1",
            postcode="12345",
            city="Musterstadt",
            reference=f"D-{counter['n']:05d}",
        )
        StatusPeriod.objects.create(
            kommune=organisation.kommune,
            person=person,
            type=type,
            valid_from=valid_from or timezone.localdate() - dt.timedelta(days=300),
            valid_to=expires,
        )
        return person

    return make


@pytest.fixture
def leitung_a(orgs: dict[str, Organisation], personas: dict[str, User]) -> User:
    return make_user("leitung_a", Role.LEITUNG, orgs["abh_a"])


def period_of(person: Person) -> StatusPeriod:
    return person.status_periods.get()
