"""Front-office simulation: one simulated year of an ABH per replication.

What it does
  Builds a scenario of a large Ausländerbehörde: 20 desks in three work profiles (general,
  long Anliegen first, a Servicepoint), six Anliegen with booked and walk-in shares,
  no-shows, morning-heavy walk-ins, breaks, opening Monday to Friday, 250 opening days and
  400 visits per day (100,000 visits). Times `run_replication` (the whole replication: arrivals,
  SimPy run, figures and the booking lead-time model) for --replications seeds.
Baseline in the same run: a plain M/M/c model in SimPy (`simpy.Resource`, one generator
  process per customer, the textbook way) with the same number of customers and servers at
  the same load; it has none of the scenario's features, so it is the floor of SimPy cost.
Prints: `simulation visits=… desks=… days=… replications=… wall_s=… per_replication_s=…
  cpu_per_replication_s=…` (CPU time is the fairer figure on a shared machine),
  `simulation_baseline path=simpy_resource_mmc customers=… servers=… wall_s=…`.
Target (issue 5): ≤ 2 s per replication.
Scale: --scale / LOTSE_BENCH_SCALE multiplies the days (default 250).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import time
from typing import Any

import _common as common
import simpy

from lotse.appointments.simulation import (
    Anliegen,
    DeskGroup,
    Distribution,
    Scenario,
    Window,
    run_replication,
)

FULL_DAYS = 250
VISITS_PER_DAY = 400
TARGET_S = 2.0


def year_scenario(days: int) -> Scenario:
    day = (Window(7 * 60 + 30, 12 * 60 + 30), Window(13 * 60 + 30, 15 * 60))

    def item(
        key: str, share: float, mean: float, booked: float, profile: tuple[float, ...] = ()
    ) -> Anliegen:
        return Anliegen(
            key,
            key,
            VISITS_PER_DAY * share,
            Distribution("lognormal", mean, 0.5),
            booked_share=booked,
            no_show_rate=0.1,
            intraday_profile=profile,
        )

    anliegen = (
        item("eat", 0.25, 7, 0.9),
        item("fiktion", 0.15, 12, 0.3, (3, 2, 2, 1)),
        item("unterlagen", 0.2, 5, 0.0, (3, 2, 2, 1)),
        item("verlaengerung", 0.2, 25, 0.8),
        item("erteilung", 0.12, 40, 0.9),
        item("verpflichtung", 0.08, 15, 0.7),
    )
    keys = tuple(a.key for a in anliegen)
    breaks = (Window(10 * 60, 10 * 60 + 15),)
    desks = (
        DeskGroup("Allgemein", 12, keys, policy="fifo", breaks=breaks),
        DeskGroup(
            "Lang", 6, ("erteilung", "verlaengerung", "verpflichtung", "fiktion"), breaks=breaks
        ),
        DeskGroup("Servicepoint", 2, ("unterlagen", "eat", "fiktion"), policy="fifo"),
    )
    return Scenario("Jahr", (day,) * 5 + ((), ()), anliegen, desks, days=days, replications=1)


def mmc_baseline(customers: int, servers: int, rate: float, mean: float, seed: int) -> float:
    """Mean wait of the textbook SimPy M/M/c model (the baseline)."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desks = simpy.Resource(env, capacity=servers)
    waits: list[float] = []

    def customer() -> Any:
        arrived = env.now
        with desks.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1 / mean))

    def source() -> Any:
        for _ in range(customers):
            env.process(customer())
            yield env.timeout(rng.expovariate(rate))

    env.process(source())
    env.run()
    return sum(waits) / len(waits)


def _profile(scenario: Scenario) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    run_replication(scenario, 99)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
    return text.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    common.add_scale_argument(parser)
    parser.add_argument("--replications", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one replication")
    args = parser.parse_args()
    scale = common.scale_of(args.scale)
    days = common.scaled(FULL_DAYS, scale)
    scenario = year_scenario(days)
    desks = scenario.desk_count()
    report = common.Report(
        "simulation",
        scale=scale,
        days=days,
        desks=desks,
        visits_per_day=VISITS_PER_DAY,
        replications=args.replications,
    )
    times, cpu, visits = [], [], 0
    for replication in range(args.replications):
        started, cpu_started = time.perf_counter(), time.process_time()
        run = run_replication(scenario, replication + 1)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        visits = run.arrivals
        report.details.setdefault("runs", []).append(
            {
                "seed": replication + 1,
                "wall_s": times[-1],
                "arrivals": run.arrivals,
                "served": run.served,
                "wait_mean": run.wait_mean,
                "wait_p90": run.wait_p90,
                "utilisation_total": run.utilisation_total,
            }
        )
    report.figure(
        "simulation",
        visits=visits,
        desks=desks,
        days=days,
        replications=args.replications,
        wall_s=sum(times),
        per_replication_s=sum(times) / len(times),
        cpu_per_replication_s=sum(cpu) / len(cpu),
        max_replication_s=max(times),
        visits_per_s=visits / (sum(times) / len(times)),
        target_s=TARGET_S,
    )
    # Same customers, servers and load for the baseline: arrival rate such that ρ matches.
    load = report.details["runs"][-1]["utilisation_total"]
    mean = 15.0
    rate = load * desks / mean
    cpu_started = time.process_time()
    with common.stopwatch() as watch:
        baseline_wait = mmc_baseline(visits, desks, rate, mean, seed=1)
    baseline_cpu = time.process_time() - cpu_started
    report.figure(
        "simulation_baseline",
        path="simpy_resource_mmc",
        customers=visits,
        servers=desks,
        load=load,
        wall_s=watch["s"],
        cpu_s=baseline_cpu,
        wait_mean=baseline_wait,
    )
    report.note(f"scenario/baseline CPU time ratio: {sum(cpu) / len(cpu) / baseline_cpu:.2f}")
    if args.profile:
        report.details["profile"] = _profile(scenario)
    report.write()


if __name__ == "__main__":
    main()
