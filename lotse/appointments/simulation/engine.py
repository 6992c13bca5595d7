"""One replication of a scenario on a SimPy clock.

Desks are state, not processes: an arrival, the end of a service and the start or end of a
desk's working window are SimPy timeouts whose callbacks call the next customer. This keeps
the cost per visit to three events (measured in bench/bench_simulation.py).

Queues: one per Anliegen and kind (booked, walk-in) at the front stage, one per Anliegen for
back-office items. At every closing of the office the people still waiting are sent home
(`left`); whoever is at a desk is finished. Back-office items wait until the next day.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from typing import Any

import simpy
from simpy.events import Timeout

from lotse.appointments.simulation.arrivals import Arrival, day_arrivals
from lotse.appointments.simulation.model import (
    MINUTES_PER_DAY,
    DeskGroup,
    Distribution,
    Scenario,
    Window,
)
from lotse.appointments.simulation.schedule import absolute, desk_windows, opening_weekdays

QUEUE_SLOT_MIN = 15
# (arrival on the clock, minute from which waiting counts, Anliegen index)
Item = tuple[float, float, int]


def sampler(rng: random.Random, dist: Distribution) -> Callable[[], float]:
    """A function drawing service times of `dist` from `rng`."""
    if dist.kind == "fixed":
        value = dist.mean
        return lambda: value
    if dist.kind == "exponential":
        rate = 1.0 / dist.mean
        return lambda: rng.expovariate(rate)
    sigma = math.sqrt(math.log(1.0 + dist.cv**2))
    mu = math.log(dist.mean) - sigma**2 / 2
    gauss, exp = rng.gauss, math.exp  # gauss is faster than lognormvariate's normalvariate
    return lambda: exp(gauss(mu, sigma))


def queue_slots(scenario: Scenario) -> tuple[int, int]:
    """First minute of day and number of 15-minute slots covering all opening hours."""
    windows = [w for day in scenario.opening_hours for w in day]
    if not windows:
        return 0, 0
    first = min(w.start for w in windows) // QUEUE_SLOT_MIN * QUEUE_SLOT_MIN
    last = max(w.end for w in windows)
    return first, -(-(last - first) // QUEUE_SLOT_MIN)


class Office:
    """The mutable state of one replication. Use `run()`; read the counters afterwards."""

    def __init__(self, scenario: Scenario, rng: random.Random) -> None:
        self.scenario = scenario
        self.rng = rng
        self.env = simpy.Environment()
        self.n_anliegen = len(scenario.anliegen)
        # Front queues 2a (booked) and 2a+1 (walk-in); back-office queue 2n+a.
        self.queues: list[deque[Item]] = [deque() for _ in range(3 * self.n_anliegen)]
        self._build_desks()
        self._build_samplers()
        self.waits: list[float] = []
        self.waits_by_anliegen: list[list[float]] = [[] for _ in range(self.n_anliegen)]
        self.arrivals = self.no_shows = self.left = self.served = 0
        self.waiting = 0
        self.backlog_samples: list[int] = []
        self.slot_first, slots = queue_slots(scenario)
        self.queue_sum = [0.0] * slots
        self.queue_count = [0] * slots

    # --- set-up -------------------------------------------------------------------------

    def _desk_queues(self, serves: tuple[str, ...], stage: str) -> tuple[int, ...]:
        index = {item.key: i for i, item in enumerate(self.scenario.anliegen)}
        if stage == "back":
            return tuple(2 * self.n_anliegen + index[key] for key in serves)
        return tuple(q for key in serves for q in (2 * index[key], 2 * index[key] + 1))

    def _build_desks(self) -> None:
        self.desk_group: list[int] = []
        self.desk_serves: list[tuple[int, ...]] = []
        self.desk_fifo: list[bool] = []
        self.desk_groups: list[DeskGroup] = []
        for group_index, group in enumerate(self.scenario.desks):
            serves = self._desk_queues(group.serves, group.stage)
            for _ in range(group.count):
                self.desk_group.append(group_index)
                self.desk_serves.append(serves)
                self.desk_fifo.append(group.policy == "fifo")
                self.desk_groups.append(group)
        count = len(self.desk_group)
        self.available = [False] * count
        self.busy = [False] * count
        self.window_end = [0.0] * count
        self.busy_minutes = [0.0] * len(self.scenario.desks)
        self.open_minutes = [0.0] * len(self.scenario.desks)
        self._build_queue_desks()

    def _build_queue_desks(self) -> None:
        """Per queue, the desks serving it; specialists first, so an arriving customer goes to
        the free desk that ranks their Anliegen highest."""
        ranked: list[list[tuple[int, int]]] = [[] for _ in self.queues]
        for desk, serves in enumerate(self.desk_serves):
            for rank, queue in enumerate(serves):
                ranked[queue].append((rank, desk))
        self.queue_desks = [[desk for _rank, desk in sorted(q)] for q in ranked]

    def _build_samplers(self) -> None:
        self.front_time = [sampler(self.rng, a.service) for a in self.scenario.anliegen]
        self.back_time = [
            sampler(self.rng, a.back_office.service) if a.back_office else self.front_time[i]
            for i, a in enumerate(self.scenario.anliegen)
        ]
        self.back_share = [
            a.back_office.share if a.back_office else 0.0 for a in self.scenario.anliegen
        ]

    # --- scheduling ---------------------------------------------------------------------

    def _at(self, when: float, callback: Callable[[Any], None], value: Any = None) -> None:
        event = Timeout(self.env, max(0.0, when - self.env.now), value)
        event.callbacks.append(callback)

    def run(self, days: int) -> None:
        for day, weekday in enumerate(opening_weekdays(self.scenario, days)):
            self._at(day * MINUTES_PER_DAY, self._start_day, (day, weekday))
        self.env.run()

    def _start_day(self, event: Any) -> None:
        day, weekday = event.value
        windows = self.scenario.opening_hours[weekday]
        todays = day_arrivals(self.rng, self.scenario.anliegen, windows, self.scenario.booking)
        self.no_shows += todays.no_shows
        self.arrivals += todays.no_shows + len(todays.arrivals)
        base = day * MINUTES_PER_DAY
        for arrival in todays.arrivals:
            self._at(base + arrival.at, self._arrive, arrival)
        self._schedule_desks(day, windows)
        for _start, end in absolute(day, windows):
            self._at(end, self._close)
        self._schedule_samples(day, windows)
        # Back-office items still open when the day's work is over (a minute before midnight).
        self._at(base + MINUTES_PER_DAY - 1, self._count_backlog)

    def _schedule_desks(self, day: int, windows: tuple[Window, ...]) -> None:
        for desk, group in enumerate(self.desk_groups):
            for start, end in absolute(day, desk_windows(group, windows)):
                self.open_minutes[self.desk_group[desk]] += end - start
                self._at(start, self._desk_open, (desk, end))
                self._at(end, self._desk_close, desk)

    def _schedule_samples(self, day: int, windows: tuple[Window, ...]) -> None:
        base = day * MINUTES_PER_DAY
        for window in windows:
            slot = max(0, (window.start - self.slot_first) // QUEUE_SLOT_MIN)
            while True:
                middle = self.slot_first + slot * QUEUE_SLOT_MIN + QUEUE_SLOT_MIN / 2
                if middle >= window.end or slot >= len(self.queue_sum):
                    break
                if middle >= window.start:
                    self._at(base + middle, self._sample, slot)
                slot += 1

    # --- callbacks ----------------------------------------------------------------------

    def _arrive(self, event: Any) -> None:
        arrival: Arrival = event.value
        now = self.env.now
        queue = 2 * arrival.anliegen + (0 if arrival.booked else 1)
        wait_from = now - arrival.at + arrival.wait_from
        self.queues[queue].append((now, wait_from, arrival.anliegen))
        self.waiting += 1
        self._offer(queue)

    def _offer(self, queue: int) -> None:
        for desk in self.queue_desks[queue]:
            if self.available[desk] and not self.busy[desk]:
                self._serve_next(desk)
                return

    def _desk_open(self, event: Any) -> None:
        desk, end = event.value
        self.available[desk] = True
        self.window_end[desk] = end
        if not self.busy[desk]:
            self._serve_next(desk)

    def _desk_close(self, event: Any) -> None:
        self.available[event.value] = False

    def _close(self, event: Any) -> None:
        for queue in self.queues[: 2 * self.n_anliegen]:
            self.left += len(queue)
            queue.clear()
        self.waiting = 0

    def _count_backlog(self, event: Any) -> None:
        self.backlog_samples.append(sum(len(q) for q in self.queues[2 * self.n_anliegen :]))

    def _sample(self, event: Any) -> None:
        self.queue_sum[event.value] += self.waiting
        self.queue_count[event.value] += 1

    def _pick(self, desk: int) -> int:
        queues = self.queues
        if self.desk_fifo[desk]:
            candidates = [q for q in self.desk_serves[desk] if queues[q]]
            return min(candidates, key=lambda q: queues[q][0][0]) if candidates else -1
        for queue in self.desk_serves[desk]:
            if queues[queue]:
                return queue
        return -1

    def _serve_next(self, desk: int) -> None:
        queue = self._pick(desk)
        if queue < 0:
            return
        _arrived, wait_from, anliegen = self.queues[queue].popleft()
        now = self.env.now
        front = queue < 2 * self.n_anliegen
        if front:
            self.waiting -= 1
            wait = max(0.0, now - wait_from)
            self.waits.append(wait)
            self.waits_by_anliegen[anliegen].append(wait)
            duration = self.front_time[anliegen]()
        else:
            duration = self.back_time[anliegen]()
        self.busy[desk] = True
        group = self.desk_group[desk]
        self.busy_minutes[group] += min(now + duration, self.window_end[desk]) - now
        self._at(now + duration, self._done, (desk, anliegen, front))

    def _done(self, event: Any) -> None:
        desk, anliegen, front = event.value
        self.busy[desk] = False
        if front:
            self.served += 1
            if self.back_share[anliegen] and self.rng.random() < self.back_share[anliegen]:
                queue = 2 * self.n_anliegen + anliegen
                self.queues[queue].append((self.env.now, self.env.now, anliegen))
                self._offer(queue)
        if self.available[desk] and not self.busy[desk]:
            self._serve_next(desk)
