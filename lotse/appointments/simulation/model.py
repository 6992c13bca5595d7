"""The scenario of a front office: plain frozen dataclasses, no behaviour beyond small helpers.

Times of day are minutes after midnight; durations are minutes. A scenario says how many
people come for which Anliegen (booked or without appointment), who serves them at which
desks in which order, when the office is open, and how appointments are booked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DistributionKind = Literal["lognormal", "exponential", "fixed"]
Stage = Literal["front", "back"]
Policy = Literal["priority", "fifo"]

WEEKDAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")
MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class Distribution:
    """A service-time distribution in minutes. `cv` (coefficient of variation) is used by
    the lognormal only: 0.5 means the standard deviation is half the mean."""

    kind: DistributionKind
    mean: float
    cv: float = 0.5


@dataclass(frozen=True)
class Window:
    """A time window within a day, [start, end) in minutes after midnight."""

    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class BackOffice:
    """Work done after the visit without the customer (front office / back office split):
    `share` of the visits of the Anliegen leave a work item for the back-office desks."""

    share: float
    service: Distribution


@dataclass(frozen=True)
class Anliegen:
    """One concern people come for, with its daily volume and how they come.

    `visits_per_day` counts everyone expected on an opening day: walk-ins plus booked
    appointments, including the booked who will not show up. `intraday_profile` weights equal
    parts of the day's opening time for walk-in arrivals (empty: evenly spread).
    """

    key: str
    name: str
    visits_per_day: float
    service: Distribution
    booked_share: float = 0.0
    no_show_rate: float = 0.0
    walk_in_allowed: bool = True
    intraday_profile: tuple[float, ...] = ()
    back_office: BackOffice | None = None

    @property
    def effective_booked_share(self) -> float:
        """Without walk-ins everybody books (the walk-in part becomes appointments)."""
        return self.booked_share if self.walk_in_allowed else 1.0


@dataclass(frozen=True)
class DeskGroup:
    """`count` identical desks with one work profile: the Anliegen they serve.

    With policy "priority" a free desk calls the first Anliegen in `serves` that has someone
    waiting (appointments before walk-ins within an Anliegen); with "fifo" it calls whoever
    has waited longest among all Anliegen it serves. Stage "back" desks work on back-office
    items instead of customers. `hours` are the group's working windows on every opening
    day (empty: the opening hours), e.g. a back office that works 07:30-16:00. During
    `breaks` a desk starts no new service.
    """

    name: str
    count: int
    serves: tuple[str, ...]
    stage: Stage = "front"
    policy: Policy = "priority"
    breaks: tuple[Window, ...] = ()
    hours: tuple[Window, ...] = ()


@dataclass(frozen=True)
class Booking:
    """How appointments are booked, for the lead time (days from booking to appointment).

    Demand per opening day is the booked volume of all Anliegen. Capacity is `slots_per_day`
    if given, else `capacity_share` of the front desks' working time divided by the mean
    service time of booked Anliegen. A booking takes the earliest free slot between
    `min_lead_days` and `max_lead_days` opening days ahead; if there is none, it fails.
    Booked customers arrive between `early_min` before and `late_min` after their time.
    """

    capacity_share: float = 0.7
    slots_per_day: int | None = None
    min_lead_days: int = 1
    max_lead_days: int = 60
    early_min: float = 10.0
    late_min: float = 5.0


@dataclass(frozen=True)
class Scenario:
    """A complete front-office scenario. `opening_hours` has one tuple of windows per weekday
    (Monday first); days are opening days, simulated one after the other from a Monday."""

    name: str
    opening_hours: tuple[tuple[Window, ...], ...]
    anliegen: tuple[Anliegen, ...]
    desks: tuple[DeskGroup, ...]
    days: int = 20
    replications: int = 10
    seed: int = 1
    booking: Booking = field(default_factory=Booking)
    description: str = ""

    def anliegen_by_key(self) -> dict[str, Anliegen]:
        return {item.key: item for item in self.anliegen}

    def desk_count(self, stage: Stage | None = None) -> int:
        return sum(g.count for g in self.desks if stage is None or g.stage == stage)

    def open_weekdays(self) -> tuple[int, ...]:
        return tuple(i for i, windows in enumerate(self.opening_hours) if windows)
