"""Small scenarios for the simulation tests."""

from __future__ import annotations

from lotse.appointments.simulation import Anliegen, DeskGroup, Distribution, Scenario, Window

ALL_DAY = (Window(0, 1440),)


def mmc_scenario(arrival_rate: float, service_rate: float, servers: int, **kw) -> Scenario:
    """An M/M/c queue: Poisson walk-ins around the clock, exponential service, c desks."""
    return Scenario(
        name="M/M/c",
        opening_hours=(ALL_DAY,) * 7,
        anliegen=(
            Anliegen("a", "A", arrival_rate * 1440, Distribution("exponential", 1 / service_rate)),
        ),
        desks=(DeskGroup("Schalter", servers, ("a",)),),
        **kw,
    )


def small_office(**kw) -> Scenario:
    morning = (Window(480, 720),)
    long_day = (Window(480, 720), Window(840, 1080))
    return Scenario(
        name="Klein",
        opening_hours=(morning, long_day, (), long_day, morning, (), ()),
        anliegen=(
            Anliegen(
                "kurz",
                "Kurz",
                30,
                Distribution("lognormal", 6, 0.5),
                booked_share=0.5,
                no_show_rate=0.1,
            ),
            Anliegen(
                "lang",
                "Lang",
                12,
                Distribution("lognormal", 30, 0.5),
                booked_share=0.9,
                no_show_rate=0.1,
            ),
        ),
        desks=(DeskGroup("SB", 3, ("lang", "kurz"), breaks=(Window(600, 615),)),),
        days=5,
        replications=3,
        **kw,
    )
