"""PURE slot computation and free-slot search (no Django).

From weekly opening windows (each with desks per channel), weekly pauses, closed days and the
public holidays of North Rhine-Westphalia this computes the bookable slots of a location for a
date range, as timezone-aware datetimes in Europe/Berlin.

Slots lie on a grid of `slot_minutes` anchored at local midnight, in wall-clock time: a slot at
08:00 is 08:00 local time on both sides of a daylight-saving change. A wall-clock time that does
not exist (the skipped hour in March) gets no slot; a time that exists twice (the repeated hour
in October) gets one slot, the first occurrence (`fold=0`). A slot's end is its start plus
`slot_minutes` of real time, so slots never overlap.

A slot's capacity in a channel is the sum of the desks of all windows that contain it wholly;
a pause that overlaps it sets it to zero. Slots with zero capacity are not returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

BERLIN = ZoneInfo("Europe/Berlin")
CHANNELS = ("ONLINE", "PHONE", "INTERNAL")
UTC = dt.UTC


@dataclass(frozen=True)
class Window:
    """A weekly opening window (0 = Monday) with desks per channel."""

    weekday: int
    opens: dt.time
    closes: dt.time
    desks: dict[str, int] = field(default_factory=dict, hash=False)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def applies(self, day: dt.date) -> bool:
        return day.weekday() == self.weekday and _valid(day, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class Pause:
    weekday: int
    starts: dt.time
    ends: dt.time
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def applies(self, day: dt.date) -> bool:
        return day.weekday() == self.weekday and _valid(day, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class ClosedDays:
    starts_on: dt.date
    ends_on: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class SlotSpec:
    starts_at: dt.datetime
    ends_at: dt.datetime
    channel: str
    capacity: int


def _valid(day: dt.date, valid_from: dt.date | None, valid_to: dt.date | None) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


@lru_cache(maxsize=64)
def _holidays_of_year(year: int, subdiv: str) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DE", subdiv=subdiv, years=[year]).keys())


def is_holiday(day: dt.date, subdiv: str = "NW") -> bool:
    """Public holiday in the German state (NRW by default: includes Fronleichnam, Allerheiligen)."""
    return day in _holidays_of_year(day.year, subdiv)


def local_datetime(day: dt.date, minute_of_day: int, tz: ZoneInfo = BERLIN) -> dt.datetime | None:
    """The aware local datetime of a wall-clock minute, or None if that wall time is skipped
    by a daylight-saving change. For a repeated wall time the first occurrence is returned."""
    naive = dt.datetime.combine(day, dt.time(minute_of_day // 60, minute_of_day % 60))
    aware = naive.replace(tzinfo=tz, fold=0)
    # A skipped time does not survive the round trip through UTC.
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        return None
    return aware


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def day_slots(
    day: dt.date,
    *,
    windows: Sequence[Window],
    pauses: Sequence[Pause] = (),
    slot_minutes: int,
    tz: ZoneInfo = BERLIN,
) -> list[SlotSpec]:
    """The slots of one open day (closures and holidays are checked by the caller)."""
    todays = [w for w in windows if w.applies(day)]
    if not todays:
        return []
    breaks = [(_minutes(p.starts), _minutes(p.ends)) for p in pauses if p.applies(day)]
    first = min(_minutes(w.opens) for w in todays)
    last = max(_minutes(w.closes) for w in todays)
    start = -(-first // slot_minutes) * slot_minutes  # first grid point at or after opening
    result: list[SlotSpec] = []
    for minute in range(start, last - slot_minutes + 1, slot_minutes):
        end = minute + slot_minutes
        if any(b_start < end and minute < b_end for b_start, b_end in breaks):
            continue
        capacity: dict[str, int] = {}
        for w in todays:
            if _minutes(w.opens) <= minute and end <= _minutes(w.closes):
                for channel, desks in w.desks.items():
                    capacity[channel] = capacity.get(channel, 0) + desks
        if not any(capacity.values()):
            continue
        starts_at = local_datetime(day, minute, tz)
        if starts_at is None:
            continue
        ends_at = (starts_at.astimezone(UTC) + dt.timedelta(minutes=slot_minutes)).astimezone(tz)
        for channel in CHANNELS:
            if capacity.get(channel, 0) > 0:
                result.append(SlotSpec(starts_at, ends_at, channel, capacity[channel]))
    return result


def compute_slots(
    *,
    windows: Sequence[Window],
    pauses: Sequence[Pause] = (),
    closures: Sequence[ClosedDays] = (),
    first_day: dt.date,
    last_day: dt.date,
    slot_minutes: int,
    observe_holidays: bool = True,
    subdiv: str = "NW",
    tz: ZoneInfo = BERLIN,
) -> list[SlotSpec]:
    """All slots from `first_day` to `last_day` (inclusive), ordered by start and channel."""
    if slot_minutes < 1:
        raise ValueError("slot_minutes must be positive")
    result: list[SlotSpec] = []
    day = first_day
    while day <= last_day:
        closed = any(c.covers(day) for c in closures) or (
            observe_holidays and is_holiday(day, subdiv)
        )
        if not closed:
            result.extend(
                day_slots(day, windows=windows, pauses=pauses, slot_minutes=slot_minutes, tz=tz)
            )
        day += dt.timedelta(days=1)
    return result


def slots_needed(duration_minutes: int, slot_minutes: int) -> int:
    """How many consecutive slots an appointment of this duration takes (rounded up)."""
    return max(1, -(-duration_minutes // slot_minutes))


@dataclass(frozen=True)
class FreeSlot:
    """A free slot as the search sees it: id, start, end (aware datetimes)."""

    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


def consecutive_starts(
    free: Iterable[tuple[int, dt.datetime, dt.datetime]], *, needed: int, limit: int
) -> list[list[int]]:
    """From free slots ordered by start, the earliest `limit` runs of `needed` back-to-back
    slots (each run as its slot ids). Slots are back-to-back when one ends where the next
    starts; an occupied slot is simply missing from `free` and so breaks the run."""
    runs: list[list[int]] = []
    run: list[int] = []
    previous_end: dt.datetime | None = None
    for slot_id, starts_at, ends_at in free:
        if previous_end is not None and starts_at == previous_end:
            run.append(slot_id)
        else:
            run = [slot_id]
        previous_end = ends_at
        if len(run) >= needed:
            runs.append(run[-needed:])
            if len(runs) >= limit:
                break
    return runs
