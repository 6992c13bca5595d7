"""Who comes when on one opening day: walk-ins as a Poisson process shaped by the intraday
profile, booked customers at evenly spread appointment times (some of them not at all)."""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from lotse.appointments.simulation.model import Anliegen, Booking, Window
from lotse.appointments.simulation.schedule import offset_to_clock, open_minutes


class Arrival(NamedTuple):
    """Minute of day of the arrival, the Anliegen's index, and the minute from which waiting
    counts (the appointment time for booked customers who come early). A tuple: about
    100,000 are made per simulated year, and frozen dataclasses are slow to build."""

    at: float
    anliegen: int
    booked: bool
    wait_from: float


@dataclass(frozen=True)
class DayArrivals:
    arrivals: list[Arrival]
    no_shows: int


def _profile_offsets(
    rng: random.Random, rate: float, profile: tuple[float, ...], total: float
) -> list[float]:
    """Arrival offsets in opening time of a Poisson process with `rate` expected arrivals,
    its intensity proportional to `profile` over equal parts of `total` minutes."""
    weights = profile or (1.0,)
    cumulative = list(accumulate(w * rate / sum(weights) for w in weights))
    part = total / len(weights)
    offsets: list[float] = []
    mass = rng.expovariate(1.0)
    while mass < rate:
        index = min(bisect.bisect_right(cumulative, mass), len(weights) - 1)
        low = cumulative[index - 1] if index else 0.0
        share = (mass - low) / (cumulative[index] - low) if cumulative[index] > low else 0.0
        offsets.append((index + share) * part)
        mass += rng.expovariate(1.0)
    return offsets


def _walk_ins(
    rng: random.Random, index: int, item: Anliegen, windows: tuple[Window, ...]
) -> list[Arrival]:
    rate = item.visits_per_day * (1.0 - item.effective_booked_share)
    if rate <= 0:
        return []
    offsets = _profile_offsets(rng, rate, item.intraday_profile, open_minutes(windows))
    clocks = (offset_to_clock(windows, offset) for offset in offsets)
    return [Arrival(at, index, False, at) for at in clocks]


def _window_end(windows: tuple[Window, ...], minute: float) -> float:
    return float(next((w.end for w in windows if minute < w.end), windows[-1].end))


def _booked(
    rng: random.Random, index: int, item: Anliegen, windows: tuple[Window, ...], booking: Booking
) -> tuple[list[Arrival], int]:
    expected = item.visits_per_day * item.effective_booked_share
    count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
    total = open_minutes(windows)
    arrivals: list[Arrival] = []
    no_shows = 0
    for slot in range(count):
        if rng.random() < item.no_show_rate:
            no_shows += 1
            continue
        appointment = offset_to_clock(windows, (slot + 0.5) * total / count)
        jitter = rng.uniform(-booking.early_min, booking.late_min)
        # Someone late still comes before the window closes (else they would find it shut).
        at = min(appointment + jitter, _window_end(windows, appointment) - 0.5)
        arrivals.append(Arrival(at, index, True, appointment))
    return arrivals, no_shows


def day_arrivals(
    rng: random.Random,
    anliegen: tuple[Anliegen, ...],
    windows: tuple[Window, ...],
    booking: Booking,
) -> DayArrivals:
    """All arrivals of one opening day, sorted by time."""
    if not windows:
        return DayArrivals([], 0)
    arrivals: list[Arrival] = []
    no_shows = 0
    for index, item in enumerate(anliegen):
        arrivals.extend(_walk_ins(rng, index, item, windows))
        booked, missed = _booked(rng, index, item, windows, booking)
        arrivals.extend(booked)
        no_shows += missed
    arrivals.sort(key=lambda a: a.at)
    return DayArrivals(arrivals, no_shows)
