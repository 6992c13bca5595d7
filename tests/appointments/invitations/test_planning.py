"""The pure planner: windows, capacity and order (hypothesis for the invariants)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.appointments.invitation_planning import (
    REASON_EXPIRES_TOO_SOON,
    REASON_NO_CAPACITY,
    Candidate,
    FreeSlot,
    plan,
    window,
)

UTC = dt.UTC
DAY0 = dt.date(2027, 3, 1)


def slots_on(days: list[dt.date], per_day: int = 1, free: int = 1) -> list[FreeSlot]:
    result = []
    n = 0
    for day in days:
        for i in range(per_day):
            start = dt.datetime.combine(day, dt.time(9), tzinfo=UTC) + dt.timedelta(minutes=10 * i)
            n += 1
            result.append(FreeSlot(n, start, start + dt.timedelta(minutes=10), day, free))
    return result


def test_window_is_six_to_four_weeks_before_expiry_and_not_before_first_day():
    expiry = DAY0 + dt.timedelta(weeks=8)
    assert window(expiry, DAY0) == (
        expiry - dt.timedelta(weeks=6),
        expiry - dt.timedelta(weeks=4),
        expiry,
    )
    soon = DAY0 + dt.timedelta(days=10)
    assert window(soon, DAY0)[0] == DAY0


def test_most_urgent_person_gets_the_only_slot():
    slots = slots_on([DAY0 + dt.timedelta(days=3)])
    result = plan(
        [
            Candidate("later", DAY0 + dt.timedelta(days=20)),
            Candidate("urgent", DAY0 + dt.timedelta(days=5)),
        ],
        slots,
        needed=1,
        first_day=DAY0,
    )
    assert [p.key for p in result.proposals] == ["urgent"]
    assert [(u.key, u.reason) for u in result.unplaced] == [("later", REASON_NO_CAPACITY)]


def test_expired_before_first_day_is_reported():
    result = plan([Candidate("x", DAY0 - dt.timedelta(days=1))], [], needed=1, first_day=DAY0)
    assert result.unplaced[0].reason == REASON_EXPIRES_TOO_SOON


def test_cap_per_day_spreads_over_days():
    days = [DAY0 + dt.timedelta(days=i) for i in range(5)]
    slots = slots_on(days, per_day=6)
    candidates = [Candidate(i, DAY0 + dt.timedelta(days=20)) for i in range(6)]
    result = plan(candidates, slots, needed=1, first_day=DAY0, per_day=2)
    used_days = [p.starts_at.date() for p in result.proposals]
    assert len(result.proposals) == 6
    assert max(used_days.count(d) for d in set(used_days)) == 2


def test_runs_need_consecutive_free_slots():
    slots = slots_on([DAY0 + dt.timedelta(days=1)], per_day=3)
    result = plan(
        [Candidate("a", DAY0 + dt.timedelta(days=9)), Candidate("b", DAY0 + dt.timedelta(days=9))],
        slots,
        needed=2,
        first_day=DAY0,
    )
    assert len(result.proposals) == 1
    assert result.proposals[0].slot_ids == (1, 2)


@settings(max_examples=60, deadline=None)
@given(
    expiries=st.lists(st.integers(min_value=-3, max_value=70), min_size=0, max_size=25),
    slot_days=st.lists(st.integers(min_value=0, max_value=70), min_size=0, max_size=30),
    free=st.integers(min_value=1, max_value=3),
    per_day=st.one_of(st.none(), st.integers(min_value=1, max_value=3)),
)
def test_plan_never_overbooks_nor_places_after_expiry(expiries, slot_days, free, per_day):
    days = sorted({DAY0 + dt.timedelta(days=d) for d in slot_days})
    slots = slots_on(days, per_day=2, free=free)
    candidates = [Candidate(i, DAY0 + dt.timedelta(days=e)) for i, e in enumerate(expiries)]
    result = plan(candidates, slots, needed=1, first_day=DAY0, per_day=per_day)
    assert len(result.proposals) + len(result.unplaced) == len(candidates)
    expiry = {c.key: c.expires_on for c in candidates}
    used: dict[int, int] = {}
    per: dict[dt.date, int] = {}
    for p in result.proposals:
        day = p.starts_at.date()
        assert DAY0 <= day <= expiry[p.key]
        assert day >= expiry[p.key] - dt.timedelta(weeks=6)
        for sid in p.slot_ids:
            used[sid] = used.get(sid, 0) + 1
        per[day] = per.get(day, 0) + 1
    assert all(n <= free for n in used.values())
    if per_day is not None:
        assert all(n <= per_day for n in per.values())
