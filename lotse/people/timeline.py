"""The residence-status timeline: one status at a time (pure, no Django).

Adding a period to a timeline follows what staff mean when they record a new status:
- an open earlier period ends the day before the new one starts (the status changed);
- an open-ended new period that starts before a later recorded one ends the day before it;
- any other overlap is a recording mistake and is refused with the conflicting period named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    key: int | None  # the stored row's id; None for the period being added
    start: dt.date
    end: dt.date | None  # inclusive; None = ongoing

    def overlaps(self, other: Period) -> bool:
        self_end = self.end or dt.date.max
        other_end = other.end or dt.date.max
        return self.start <= other_end and other.start <= self_end


class Overlap(ValueError):
    def __init__(self, period: Period) -> None:
        super().__init__(period)
        self.period = period


def fit(existing: list[Period], new: Period) -> tuple[Period, dict[int, dt.date]]:
    """Return the new period (possibly ended early) and the new ends of existing periods.

    Raises Overlap naming the first existing period that cannot be reconciled.
    """
    closed: dict[int, dt.date] = {}
    later_starts = [p.start for p in existing if p.start > new.start]
    if new.end is None and later_starts:
        new = replace(new, end=min(later_starts) - ONE_DAY)
    for period in sorted(existing, key=lambda p: p.start):
        if not period.overlaps(new):
            continue
        if period.end is None and period.start < new.start and period.key is not None:
            closed[period.key] = new.start - ONE_DAY
            continue
        raise Overlap(period)
    return new, closed
