"""Two clerks press "Nächste aufrufen" at the same moment (real threads, real transactions).
On PostgreSQL both transactions run truly in parallel; on SQLite writers are serialised."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import Visit


@pytest.mark.django_db(transaction=True)
def test_parallel_call_next_never_hands_out_a_visit_twice(office, personas):
    for desk in office.desks:
        desk.teams.add(office.team_a)
    for _ in range(3):
        onsite.visit_walk_in(location=office.location, service_id=office.pickup.pk, by=None)
    clerks = [personas["abh_a"], personas["front_a"], office.leitung]
    barrier = threading.Barrier(len(clerks))
    results: list[int | str] = []

    def work(clerk, desk) -> None:  # noqa: ANN001
        try:
            barrier.wait(timeout=10)
            visit = onsite.visit_call_next(location=office.location, desk=desk, by=clerk)
            results.append(visit.pk)
        except onsite.OnsiteError as error:
            results.append(str(error.message))
        except Exception as error:  # noqa: BLE001 - e.g. SQLite "database is locked"
            results.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(clerk, desk))
        for clerk, desk in zip(clerks, office.desks, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    called = [r for r in results if isinstance(r, int)]
    assert len(called) == len(set(called)), results
    assert Visit.objects.filter(status=Visit.Status.CALLED).count() == len(called)
    if connection.vendor == "postgresql":
        assert len(called) == 3, results
