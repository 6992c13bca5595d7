"""A small Ausländerbehörde for the on-site tests: one location with two teams, three desks,
three Anliegen (one for walk-ins) and helpers to book appointments for today."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import (
    Booking,
    BookingService,
    Desk,
    DeviceLink,
    Location,
    Service,
    Team,
    WorkProfile,
    WorkProfileItem,
    token_digest,
)
from lotse.core.models import Role
from tests.conftest import make_user

_codes = itertools.count(1)


class Office:
    def __init__(self, orgs, personas) -> None:  # noqa: ANN001
        abh = orgs["abh_a"]
        self.location = Location.objects.create(
            kommune=abh.kommune, organisation=abh, name="Kreishaus", slot_minutes=10
        )
        self.team_a = Team.objects.create(
            organisation=abh, location=self.location, name="Servicepoint", code="A"
        )
        self.team_b = Team.objects.create(
            organisation=abh, location=self.location, name="Erwerbsmigration", code="B"
        )
        self.desks = []
        for number in (1, 2, 3):
            desk = Desk.objects.create(
                location=self.location, name=f"Schalter {number}", number=str(number)
            )
            desk.teams.set([self.team_a] if number == 1 else [self.team_b])
            self.desks.append(desk)
        self.pickup = self._service("eAT-Abholung", self.team_a, walk_in=True, duration=10)
        self.extension = self._service("Verlängerung", self.team_b, duration=30)
        self.transfer = self._service("Übertrag", self.team_a, walk_in=True, duration=10)
        self.leitung = make_user("leitung_a", Role.LEITUNG, abh)
        self.personas = personas

    def _service(self, name: str, team: Team, *, walk_in: bool = False, duration: int = 20):  # noqa: ANN202
        service = Service.objects.create(
            organisation=self.location.organisation,
            name=name,
            walk_in_allowed=walk_in,
            duration_minutes=duration,
        )
        service.locations.add(self.location)
        service.teams.add(team)
        return service

    def book(
        self,
        *,
        service: Service | None = None,
        starts_at: dt.datetime | None = None,
        status: str = Booking.Status.CONFIRMED,
        name: str = "Erika Beispiel",
    ) -> Booking:
        n = next(_codes)
        starts_at = starts_at or timezone.now()
        booking = Booking.objects.create(
            kommune_id=self.location.kommune_id,
            location=self.location,
            code=f"TESTCODE{n:04d}",
            manage_token_digest=token_digest(f"manage-{n}"),
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=20),
            name=name,
            status=status,
            booked_at=starts_at - dt.timedelta(days=10),
        )
        BookingService.objects.create(booking=booking, service=service or self.extension)
        return booking

    def profile(self, user, *items) -> WorkProfile:  # noqa: ANN001
        profile = WorkProfile.objects.create(user=user, location=self.location)
        for priority, target in enumerate(items, start=1):
            if isinstance(target, Team):
                WorkProfileItem.objects.create(profile=profile, team=target, priority=priority)
            else:
                WorkProfileItem.objects.create(profile=profile, service=target, priority=priority)
        return profile

    def device(self, kind: str = DeviceLink.Kind.DISPLAY) -> str:
        return onsite.device_link_create(
            location=self.location, kind=kind, label="Gerät", by=self.leitung
        ).key


@pytest.fixture
def office(orgs, personas) -> Office:  # noqa: ANN001
    return Office(orgs, personas)
