"""PURE: propose one internal appointment per invited person (no Django import).

Frankfurt invites 4–6 weeks before a title expires. Each person gets the earliest free run of
internal slots from their window start (6 weeks before expiry, but not before the first
plannable day); a start in the ideal window (up to 4 weeks before expiry) is preferred, a later
one up to the day of expiry is accepted and flagged, never a time after expiry. Persons are
placed in order of expiry, so capacity goes to the most urgent first; an optional cap of
invitations per day keeps internal capacity free for other internal appointments and spreads
a month of invitations over the weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

WEEKS_BEFORE_EARLIEST = 6
WEEKS_BEFORE_LATEST = 4

REASON_NO_CAPACITY = "NO_CAPACITY"
REASON_EXPIRES_TOO_SOON = "EXPIRES_TOO_SOON"


@dataclass(frozen=True)
class FreeSlot:
    slot_id: int
    starts_at: dt.datetime  # timezone-aware
    ends_at: dt.datetime
    day: dt.date  # local calendar day of the start
    free: int


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    expires_on: dt.date


@dataclass(frozen=True)
class Proposal:
    key: Hashable
    slot_ids: tuple[int, ...]
    starts_at: dt.datetime
    ends_at: dt.datetime
    late: bool  # less than four weeks before expiry


@dataclass(frozen=True)
class Unplaced:
    key: Hashable
    reason: str


@dataclass(frozen=True)
class Plan:
    proposals: list[Proposal]
    unplaced: list[Unplaced]


def window(expires_on: dt.date, first_day: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """(earliest day, last ideal day, last allowed day) for a status ending on `expires_on`."""
    start = max(expires_on - dt.timedelta(weeks=WEEKS_BEFORE_EARLIEST), first_day)
    ideal_end = expires_on - dt.timedelta(weeks=WEEKS_BEFORE_LATEST)
    return start, ideal_end, expires_on


def plan(
    candidates: Sequence[Candidate],
    free_slots: Sequence[FreeSlot],
    *,
    needed: int,
    first_day: dt.date,
    per_day: int | None = None,
    already_per_day: dict[dt.date, int] | None = None,
) -> Plan:
    """Place candidates (most urgent first) on runs of `needed` consecutive free slots.

    `free_slots` are the location's free internal slots ordered by start; a run is consecutive
    when each slot ends where the next begins. Capacity is consumed in memory, so the plan
    never promises a slot twice."""
    slots = sorted(free_slots, key=lambda s: s.starts_at)
    free = [s.free for s in slots]
    per_day_count = dict(already_per_day or {})
    proposals: list[Proposal] = []
    unplaced: list[Unplaced] = []
    for candidate in sorted(candidates, key=lambda c: (c.expires_on, str(c.key))):
        start, _ideal_end, last = window(candidate.expires_on, first_day)
        if last < first_day:
            unplaced.append(Unplaced(candidate.key, REASON_EXPIRES_TOO_SOON))
            continue
        index = _first_run(slots, free, needed, start, last, per_day, per_day_count)
        if index is None:
            unplaced.append(Unplaced(candidate.key, REASON_NO_CAPACITY))
            continue
        run = slots[index : index + needed]
        for i in range(index, index + needed):
            free[i] -= 1
        day = run[0].day
        per_day_count[day] = per_day_count.get(day, 0) + 1
        proposals.append(
            Proposal(
                key=candidate.key,
                slot_ids=tuple(s.slot_id for s in run),
                starts_at=run[0].starts_at,
                ends_at=run[-1].ends_at,
                late=day > candidate.expires_on - dt.timedelta(weeks=WEEKS_BEFORE_LATEST),
            )
        )
    return Plan(proposals, unplaced)


def _first_run(
    slots: Sequence[FreeSlot],
    free: list[int],
    needed: int,
    start: dt.date,
    last: dt.date,
    per_day: int | None,
    per_day_count: dict[dt.date, int],
) -> int | None:
    for i, slot in enumerate(slots):
        if slot.day < start:
            continue
        if slot.day > last:
            return None
        if per_day is not None and per_day_count.get(slot.day, 0) >= per_day:
            continue
        if _run_ok(slots, free, i, needed):
            return i
    return None


def _run_ok(slots: Sequence[FreeSlot], free: list[int], i: int, needed: int) -> bool:
    if i + needed > len(slots):
        return False
    for j in range(i, i + needed):
        if free[j] <= 0:
            return False
        if j > i and slots[j - 1].ends_at != slots[j].starts_at:
            return False
    return True
