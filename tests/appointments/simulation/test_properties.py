"""Invariants of the simulation, for random scenarios (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.appointments.simulation import (
    Anliegen,
    BackOffice,
    DeskGroup,
    Distribution,
    Scenario,
    Window,
    run_replication,
)
from lotse.appointments.simulation.engine import Office
from lotse.appointments.simulation.model import MINUTES_PER_DAY
from lotse.appointments.simulation.schedule import desk_windows

windows = st.sampled_from(
    [(), (Window(480, 720),), (Window(480, 720), Window(840, 1080)), (Window(420, 600),)]
)
distributions = st.builds(
    Distribution,
    st.sampled_from(["lognormal", "exponential", "fixed"]),
    st.floats(1, 60),
    st.floats(0, 1.5),
)


@st.composite
def scenarios(draw):
    hours = tuple(draw(windows) for _ in range(5)) + ((), ())
    if not any(hours):
        hours = ((Window(480, 720),),) + hours[1:]
    count = draw(st.integers(1, 3))
    anliegen = tuple(
        Anliegen(
            key=f"a{i}",
            name=f"A{i}",
            visits_per_day=draw(st.floats(0, 80)),
            service=draw(distributions),
            booked_share=draw(st.floats(0, 1)),
            no_show_rate=draw(st.floats(0, 0.5)),
            walk_in_allowed=draw(st.booleans()),
            intraday_profile=tuple(draw(st.lists(st.floats(0.1, 5), max_size=4))),
            back_office=draw(st.none() | st.builds(BackOffice, st.floats(0, 1), distributions)),
        )
        for i in range(count)
    )
    keys = tuple(a.key for a in anliegen)
    desks = (
        DeskGroup(
            "Front",
            draw(st.integers(1, 4)),
            keys,
            "front",
            draw(st.sampled_from(["priority", "fifo"])),
            draw(st.sampled_from([(), (Window(600, 630),)])),
        ),
        DeskGroup(
            "Back",
            draw(st.integers(1, 2)),
            keys,
            "back",
            hours=draw(st.sampled_from([(), (Window(450, 960),)])),
        ),
    )
    return Scenario(
        "Zufall",
        hours,
        anliegen,
        desks,
        days=draw(st.integers(1, 6)),
        seed=draw(st.integers(0, 1000)),
    )


class TracingOffice(Office):
    """Records every service start: (time, desk, front stage?)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.starts: list[tuple[float, int]] = []

    def _serve_next(self, desk):
        before = sum(len(q) for q in self.queues)
        super()._serve_next(desk)
        if sum(len(q) for q in self.queues) < before:
            self.starts.append((self.env.now, desk))


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(scenarios())
def test_nobody_is_called_outside_a_desks_working_time(scenario):
    office = TracingOffice(scenario, random.Random(scenario.seed))
    office.run(scenario.days)
    weekdays = [d for d in range(7) if scenario.opening_hours[d]]
    for at, desk in office.starts:
        day = int(at // MINUTES_PER_DAY)
        minute = at - day * MINUTES_PER_DAY
        hours = scenario.opening_hours[weekdays[day % len(weekdays)]]
        working = desk_windows(office.desk_groups[desk], hours)
        assert any(w.start <= minute < w.end for w in working), (at, desk)


@FAST
@given(scenarios())
def test_every_visit_is_accounted_for_and_figures_are_in_range(scenario):
    run = run_replication(scenario, scenario.seed)
    assert run.served + run.no_shows + run.left == run.arrivals
    assert run.wait_mean >= 0 and run.wait_p90 >= 0
    assert all(0 <= u <= 1 for u in run.utilisation.values())
    assert 0 <= run.utilisation_total <= 1
    assert all(q >= 0 for q in run.queue_by_time)
    assert 0 <= run.lead_time.failed_share <= 1
    assert run.lead_time.mean_days >= 0


@settings(max_examples=15, deadline=None)
@given(scenarios())
def test_the_same_seed_gives_the_same_result(scenario):
    assert run_replication(scenario, 5) == run_replication(scenario, 5)


def test_different_seeds_give_different_results():
    from .helpers import small_office

    scenario = small_office()
    assert run_replication(scenario, 1) != run_replication(scenario, 2)
