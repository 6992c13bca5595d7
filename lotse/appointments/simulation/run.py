"""Run a scenario: independent replications, each with its own seeded `random.Random`, and
their aggregate with 95 % confidence intervals."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from lotse.appointments.simulation.engine import QUEUE_SLOT_MIN, Office, queue_slots
from lotse.appointments.simulation.leadtime import lead_times
from lotse.appointments.simulation.model import Scenario
from lotse.appointments.simulation.results import ReplicationResult, ScenarioResult
from lotse.appointments.simulation.stats import Estimate, estimate, percentile


def replication_seed(seed: int, replication: int) -> int:
    """Replication r of seed s: the same pair always gives the same stream."""
    return seed * 1_000_003 + replication


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def run_replication(scenario: Scenario, seed: int, days: int | None = None) -> ReplicationResult:
    """One replication of `scenario` over `days` opening days (default: the scenario's)."""
    days = scenario.days if days is None else days
    rng = random.Random(seed)
    office = Office(scenario, rng)
    office.run(days)
    keys = [a.key for a in scenario.anliegen]
    utilisation = {
        group.name: (busy / available if available else 0.0)
        for group, busy, available in zip(
            scenario.desks, office.busy_minutes, office.open_minutes, strict=True
        )
    }
    available_total = sum(office.open_minutes)
    return ReplicationResult(
        seed=seed,
        days=days,
        arrivals=office.arrivals,
        served=office.served,
        no_shows=office.no_shows,
        left=office.left,
        wait_mean=_mean(office.waits),
        wait_p90=percentile(office.waits, 0.9),
        wait_mean_by_anliegen={
            k: _mean(w) for k, w in zip(keys, office.waits_by_anliegen, strict=True)
        },
        served_by_anliegen={k: len(w) for k, w in zip(keys, office.waits_by_anliegen, strict=True)},
        queue_by_time=tuple(
            s / c if c else 0.0 for s, c in zip(office.queue_sum, office.queue_count, strict=True)
        ),
        utilisation=utilisation,
        utilisation_total=sum(office.busy_minutes) / available_total if available_total else 0.0,
        back_office_backlog=_mean([float(v) for v in office.backlog_samples]),
        lead_time=lead_times(scenario, rng, days),
    )


def _per_day(
    runs: Sequence[ReplicationResult], value: Callable[[ReplicationResult], int]
) -> Estimate:
    return estimate([value(r) / r.days if r.days else 0.0 for r in runs])


def _labels(scenario: Scenario) -> tuple[str, ...]:
    first, count = queue_slots(scenario)
    minutes = (first + i * QUEUE_SLOT_MIN for i in range(count))
    return tuple(f"{m // 60:02d}:{m % 60:02d}" for m in minutes)


def aggregate(scenario: Scenario, runs: Sequence[ReplicationResult]) -> ScenarioResult:
    """Means and 95 % intervals over the replications."""
    slots = len(runs[0].queue_by_time) if runs else 0
    return ScenarioResult(
        scenario_name=scenario.name,
        replications=tuple(runs),
        wait_mean=estimate([r.wait_mean for r in runs]),
        wait_p90=estimate([r.wait_p90 for r in runs]),
        served_per_day=_per_day(runs, lambda r: r.served),
        no_shows_per_day=_per_day(runs, lambda r: r.no_shows),
        left_per_day=_per_day(runs, lambda r: r.left),
        utilisation_total=estimate([r.utilisation_total for r in runs]),
        utilisation={
            g.name: estimate([r.utilisation[g.name] for r in runs]) for g in scenario.desks
        },
        wait_mean_by_anliegen={
            a.key: estimate([r.wait_mean_by_anliegen[a.key] for r in runs])
            for a in scenario.anliegen
        },
        queue_labels=_labels(scenario),
        queue_by_time=tuple(estimate([r.queue_by_time[i] for r in runs]) for i in range(slots)),
        back_office_backlog=estimate([r.back_office_backlog for r in runs]),
        lead_time_mean=estimate([r.lead_time.mean_days for r in runs]),
        lead_time_p90=estimate([r.lead_time.p90_days for r in runs]),
        lead_time_failed_share=estimate([r.lead_time.failed_share for r in runs]),
        desks=scenario.desk_count(),
    )


def simulate(
    scenario: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    days: int | None = None,
) -> ScenarioResult:
    """Run `replications` independent replications (default: the scenario's settings)."""
    count = scenario.replications if replications is None else replications
    base = scenario.seed if seed is None else seed
    runs = [run_replication(scenario, replication_seed(base, r), days) for r in range(count)]
    return aggregate(scenario, runs)
