"""The database ordering of "Nächste aufrufen" matches the documented rule, on random queues
(a plain-Python oracle of the rule in onsite_services)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import Visit

pytestmark = pytest.mark.django_db


def _oracle(visit: Visit, priority: dict[int | None, int], now: dt.datetime) -> tuple:
    due = visit.kind == Visit.Kind.APPOINTMENT and visit.appointment_at <= now + onsite.DUE_GRACE
    first = visit.transfers > 0 or due
    if visit.transfers > 0:
        at = visit.queued_at
    elif due:
        at = visit.appointment_at
    else:
        at = visit.queued_at
    return (priority[visit.team_id], 0 if first else 1, at, visit.pk)


@pytest.mark.parametrize("seed", range(8))
def test_candidates_follow_the_rule(office, seed):
    rng = random.Random(seed)
    now = timezone.now().replace(hour=11, minute=0, second=0, microsecond=0)
    services = [office.pickup, office.extension, office.transfer]
    for _ in range(12):
        service = rng.choice(services)
        arrived = now - dt.timedelta(minutes=rng.randint(0, 60))
        if rng.random() < 0.5:
            booking = office.book(
                service=service, starts_at=now + dt.timedelta(minutes=rng.randint(-40, 40))
            )
            visit = onsite._new_visit(
                location=office.location,
                service=service,
                kind=Visit.Kind.APPOINTMENT,
                now=arrived,
                booking=booking,
            )
        else:
            visit = onsite._new_visit(
                location=office.location, service=service, kind=Visit.Kind.WALK_IN, now=arrived
            )
        if rng.random() < 0.2:
            Visit.objects.filter(pk=visit.pk).update(
                transfers=1, queued_at=now - dt.timedelta(minutes=rng.randint(0, 30))
            )
    order = [office.team_b, office.team_a] if seed % 2 else [office.team_a, office.team_b]
    items = [(team.pk, None, i + 1) for i, team in enumerate(order)]
    priority = {team.pk: i + 1 for i, team in enumerate(order)}
    got = [v.pk for v in onsite.queue_candidates(location=office.location, items=items, now=now)]
    expected = sorted(
        Visit.objects.filter(location=office.location), key=lambda v: _oracle(v, priority, now)
    )
    assert got == [v.pk for v in expected]
