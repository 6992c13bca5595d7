"""Behaviour a planner relies on: priorities of work profiles, closing time, booking lead time,
back office carrying over."""

from __future__ import annotations

from dataclasses import replace

from lotse.appointments.simulation import (
    Anliegen,
    BackOffice,
    Booking,
    DeskGroup,
    Distribution,
    Scenario,
    Window,
    run_replication,
    simulate,
)

MORNING = (Window(480, 720),)
WEEK = (MORNING,) * 5 + ((), ())


def busy_office(policy: str) -> Scenario:
    return Scenario(
        name="Priorität",
        opening_hours=WEEK,
        anliegen=(
            Anliegen("normal", "Normal", 40, Distribution("exponential", 10)),
            Anliegen("eilig", "Eilig", 10, Distribution("exponential", 10)),
        ),
        desks=(DeskGroup("SB", 4, ("eilig", "normal"), policy=policy),),
        days=20,
    )


def test_priority_profile_serves_its_first_anliegen_first():
    run = run_replication(busy_office("priority"), 1)
    assert run.wait_mean_by_anliegen["eilig"] < run.wait_mean_by_anliegen["normal"] / 2
    fifo = run_replication(busy_office("fifo"), 1)
    eilig, normal = fifo.wait_mean_by_anliegen["eilig"], fifo.wait_mean_by_anliegen["normal"]
    assert abs(eilig - normal) < 0.5 * max(eilig, normal)


def test_overload_sends_people_home_at_closing():
    scenario = replace(busy_office("fifo"), desks=(DeskGroup("SB", 1, ("eilig", "normal")),))
    run = run_replication(scenario, 1)
    assert run.left > run.served  # 500 minutes of work a day for one desk open 240 minutes
    assert run.utilisation_total > 0.95


def test_booking_lead_time_grows_when_slots_are_short():
    base = Scenario(
        name="Termine",
        opening_hours=WEEK,
        anliegen=(Anliegen("a", "A", 20, Distribution("fixed", 10), booked_share=1.0),),
        desks=(DeskGroup("SB", 2, ("a",)),),
        days=60,
        booking=Booking(slots_per_day=25, max_lead_days=10),
    )
    enough = run_replication(base, 1).lead_time
    short = run_replication(replace(base, booking=Booking(slots_per_day=15, max_lead_days=10)), 1)
    assert enough.mean_days < 3 and enough.failed_share == 0
    assert short.lead_time.mean_days > 4 * enough.mean_days
    assert short.lead_time.failed_share > 0.1


def test_back_office_backlog_carries_over_when_back_desks_are_short():
    scenario = Scenario(
        name="Backoffice",
        opening_hours=WEEK,
        anliegen=(
            Anliegen(
                "a",
                "A",
                20,
                Distribution("fixed", 5),
                back_office=BackOffice(1.0, Distribution("fixed", 30)),
            ),
        ),
        desks=(DeskGroup("Front", 1, ("a",)), DeskGroup("Back", 1, ("a",), stage="back")),
        days=10,
        replications=2,
    )
    short = simulate(scenario)
    enough = simulate(
        replace(
            scenario,
            desks=(
                DeskGroup("Front", 1, ("a",)),
                DeskGroup("Back", 1, ("a",), stage="back", hours=(Window(420, 1140),)),
                DeskGroup("Back 2", 2, ("a",), stage="back", hours=(Window(420, 1140),)),
            ),
        )
    )
    # 600 back-office minutes a day against 240 (short) or 3 × 720 (enough).
    assert short.back_office_backlog.mean > 50
    assert enough.back_office_backlog.mean < 1
    assert short.wait_mean.mean == enough.wait_mean.mean  # customers do not wait for it
