"""Lead time of bookings: how many days people wait for an appointment.

Each opening day brings a Poisson number of booking requests (the booked volume of all
Anliegen). Each opening day offers a fixed number of bookable slots. A request takes the
earliest free slot from `min_lead_days` to `max_lead_days` opening days ahead (first come,
first served); with none free it fails. When demand exceeds capacity the lead time grows
until the booking window is full and bookings fail; the figures show both.
"""

from __future__ import annotations

import random

from lotse.appointments.simulation.model import DeskGroup, Scenario
from lotse.appointments.simulation.results import LeadTime
from lotse.appointments.simulation.schedule import calendar_offsets, desk_windows, open_minutes
from lotse.appointments.simulation.stats import percentile


def booking_demand(scenario: Scenario) -> float:
    """Appointments wanted per opening day (the no-shows book too)."""
    return sum(a.visits_per_day * a.effective_booked_share for a in scenario.anliegen)


def booking_capacity(scenario: Scenario) -> float:
    """Bookable slots per opening day: given, or derived from the front desks' time."""
    if scenario.booking.slots_per_day is not None:
        return float(scenario.booking.slots_per_day)
    demand = booking_demand(scenario)
    if demand <= 0:
        return 0.0
    booked = {a.key: a for a in scenario.anliegen if a.effective_booked_share > 0}
    mean_service = (
        sum(a.service.mean * a.visits_per_day * a.effective_booked_share for a in booked.values())
        / demand
    )
    minutes = sum(
        group.count * _working_minutes(scenario, group)
        for group in scenario.desks
        if group.stage == "front" and booked.keys() & set(group.serves)
    )
    return scenario.booking.capacity_share * minutes / mean_service


def _working_minutes(scenario: Scenario, group: DeskGroup) -> float:
    """Mean working minutes of a desk of `group` per opening day."""
    weekdays = scenario.open_weekdays()
    total = sum(open_minutes(desk_windows(group, scenario.opening_hours[d])) for d in weekdays)
    return total / len(weekdays) if weekdays else 0.0


def _poisson(rng: random.Random, mean: float) -> int:
    count, mass = 0, rng.expovariate(1.0)
    while mass < mean:
        count += 1
        mass += rng.expovariate(1.0)
    return count


def lead_times(scenario: Scenario, rng: random.Random, days: int) -> LeadTime:
    """Simulate bookings over `days` opening days (slots exist beyond, up to the window)."""
    booking = scenario.booking
    demand, capacity = booking_demand(scenario), booking_capacity(scenario)
    horizon = days + booking.max_lead_days + 1
    offsets = calendar_offsets(scenario, horizon)
    free = [int(capacity)] * horizon
    first_free, failed, requests = 0, 0, 0
    leads: list[float] = []
    for day in range(days):
        # Slots earlier than the minimum lead are no longer bookable from today on.
        first_free = max(first_free, day + booking.min_lead_days)
        for _ in range(_poisson(rng, demand)):
            requests += 1
            while first_free < horizon and not free[first_free]:
                first_free += 1
            if first_free > day + booking.max_lead_days:
                failed += 1
                continue
            free[first_free] -= 1
            leads.append(float(offsets[first_free] - offsets[day]))
    mean = sum(leads) / len(leads) if leads else 0.0
    return LeadTime(
        mean_days=mean,
        p90_days=percentile(leads, 0.9),
        failed_share=failed / requests if requests else 0.0,
        demand_per_day=demand,
        slots_per_day=capacity,
    )
