"""Anliegen volumes from observed daily counts (the on-site statistics), for the scenario form.

An observation says, for one opening day and one Anliegen, how many people came, which share
of them without appointment, how many booked appointments were missed and the mean service
time. The simulation counts the missed appointments as booked visits, so volumes are scaled
up accordingly: walk-ins = visits·w, booked = visits·(1 − w) / (1 − no-show rate).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lotse.appointments.simulation.model import Anliegen, Distribution

DEFAULT_CV = 0.5


@dataclass(frozen=True)
class Observation:
    day: dt.date
    anliegen: str
    visits: int
    walk_in_share: float
    no_show_rate: float
    mean_service_min: float


def _weighted(pairs: list[tuple[float, float]]) -> float:
    total = sum(weight for _value, weight in pairs)
    return sum(value * weight for value, weight in pairs) / total if total else 0.0


def anliegen_from_observations(
    observations: Iterable[Observation], names: dict[str, str] | None = None
) -> tuple[Anliegen, ...]:
    """One Anliegen per observed key: visits per opening day (days with any observation),
    shares and service time weighted by visits; lognormal service with cv 0.5."""
    rows = list(observations)
    days = len({row.day for row in rows}) or 1
    by_key: dict[str, list[Observation]] = defaultdict(list)
    for row in rows:
        by_key[row.anliegen].append(row)
    return tuple(
        _anliegen(key, (names or {}).get(key, key), group, days)
        for key, group in sorted(by_key.items())
    )


def _anliegen(key: str, name: str, rows: list[Observation], days: int) -> Anliegen:
    visits = sum(row.visits for row in rows)
    walk_in = _weighted([(row.walk_in_share, row.visits) for row in rows])
    booked_visits = visits * (1 - walk_in)
    no_show = _weighted([(row.no_show_rate, row.visits * (1 - row.walk_in_share)) for row in rows])
    booked = booked_visits / (1 - no_show) if no_show < 1 else booked_visits
    total = visits * walk_in + booked
    mean = _weighted([(row.mean_service_min, row.visits) for row in rows]) or 1.0
    return Anliegen(
        key=key,
        name=name,
        visits_per_day=round(total / days, 2),
        service=Distribution("lognormal", round(mean, 1), DEFAULT_CV),
        booked_share=round(booked / total, 3) if total else 0.0,
        no_show_rate=round(no_show, 3),
        walk_in_allowed=walk_in > 0,
    )
