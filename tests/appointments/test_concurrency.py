"""The last free slot, booked by many requests at the same moment, ends in exactly one booking
(runs on SQLite and on PostgreSQL: real threads, real transactions, one barrier)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from lotse.appointments import services
from lotse.appointments.models import Booking, Slot
from tests.appointments.conftest import first_free, make_location, make_service

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_the_last_free_slot_is_booked_exactly_once(orgs):
    location = make_location(orgs["abh_a"], desks_online=1)
    services.slots_compute(location=location, weeks=1)
    service = make_service(orgs["abh_a"], location, minutes=10)
    slot_id = first_free(location, 10).slot_id
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(number: int) -> None:
        try:
            barrier.wait(timeout=10)
            services.booking_request(
                location=location,
                service_ids=[service.pk],
                slot_id=slot_id,
                name=f"Person {number}",
                email=f"person{number}@example.org",
                send_mail=False,
            )
            result = "booked"
        except services.BookingError as error:
            result = str(error.message)
        except Exception as error:  # noqa: BLE001 - any other failure is a test failure below
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count(str(services.SLOT_TAKEN)) == THREADS - 1, outcomes
    assert Booking.objects.count() == 1
    assert Slot.objects.get(pk=slot_id).booked == 1
    assert connection.vendor in {"sqlite", "postgresql"}
