"""The pure slot computation: grid, capacity, pauses, closures, holidays, daylight saving."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.appointments.slots import (
    BERLIN,
    ClosedDays,
    Pause,
    Window,
    compute_slots,
    consecutive_starts,
    is_holiday,
    local_datetime,
    slots_needed,
)


def every_day(opens: str, closes: str, online: int = 2, phone: int = 0, internal: int = 0):
    return [
        Window(
            weekday=d,
            opens=dt.time.fromisoformat(opens),
            closes=dt.time.fromisoformat(closes),
            desks={"ONLINE": online, "PHONE": phone, "INTERNAL": internal},
        )
        for d in range(7)
    ]


def local_times(slots, channel="ONLINE"):
    return [s.starts_at.astimezone(BERLIN).strftime("%H:%M") for s in slots if s.channel == channel]


def test_a_plain_morning_has_slots_on_the_grid_with_desks_as_capacity():
    day = dt.date(2026, 12, 8)  # a Tuesday
    slots = compute_slots(
        windows=every_day("08:00", "09:00", online=3, phone=1),
        first_day=day,
        last_day=day,
        slot_minutes=15,
    )
    assert local_times(slots) == ["08:00", "08:15", "08:30", "08:45"]
    assert {s.capacity for s in slots if s.channel == "ONLINE"} == {3}
    assert {s.capacity for s in slots if s.channel == "PHONE"} == {1}
    assert not [s for s in slots if s.channel == "INTERNAL"]


def test_a_pause_removes_the_slots_it_touches():
    day = dt.date(2026, 12, 9)  # Wednesday
    slots = compute_slots(
        windows=every_day("08:00", "10:00"),
        pauses=[Pause(weekday=2, starts=dt.time(8, 25), ends=dt.time(9, 0))],
        first_day=day,
        last_day=day,
        slot_minutes=10,
    )
    assert local_times(slots) == [
        "08:00",
        "08:10",
        "09:00",
        "09:10",
        "09:20",
        "09:30",
        "09:40",
        "09:50",
    ]


def test_overlapping_windows_add_their_desks():
    day = dt.date(2026, 12, 10)
    windows = every_day("08:00", "10:00", online=2) + [
        Window(weekday=3, opens=dt.time(9), closes=dt.time(10), desks={"ONLINE": 3})
    ]
    slots = compute_slots(windows=windows, first_day=day, last_day=day, slot_minutes=30)
    assert [(s.starts_at.astimezone(BERLIN).hour, s.capacity) for s in slots] == [
        (8, 2),
        (8, 2),
        (9, 5),
        (9, 5),
    ]


def test_closed_days_and_validity_ranges_are_respected():
    windows = [
        Window(
            weekday=d,
            opens=dt.time(8),
            closes=dt.time(9),
            desks={"ONLINE": 1},
            valid_from=dt.date(2026, 12, 8),
        )
        for d in range(7)
    ]
    slots = compute_slots(
        windows=windows,
        closures=[ClosedDays(dt.date(2026, 12, 9), dt.date(2026, 12, 10))],
        first_day=dt.date(2026, 12, 7),
        last_day=dt.date(2026, 12, 11),
        slot_minutes=60,
    )
    assert [s.starts_at.date() for s in slots] == [dt.date(2026, 12, 8), dt.date(2026, 12, 11)]


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 10, 3),  # Tag der Deutschen Einheit (a Saturday in 2026, still closed)
        dt.date(2026, 6, 4),  # Fronleichnam (NRW)
        dt.date(2027, 5, 27),  # Fronleichnam 2027
        dt.date(2026, 11, 1),  # Allerheiligen (NRW)
        dt.date(2026, 12, 25),
        dt.date(2027, 3, 26),  # Karfreitag 2027
    ],
)
def test_nrw_holidays_have_no_slots(day):
    assert is_holiday(day)
    assert (
        compute_slots(
            windows=every_day("08:00", "12:00"), first_day=day, last_day=day, slot_minutes=10
        )
        == []
    )


def test_holidays_can_be_ignored_for_a_location_open_on_holidays():
    day = dt.date(2026, 6, 4)
    slots = compute_slots(
        windows=every_day("08:00", "09:00"),
        first_day=day,
        last_day=day,
        slot_minutes=30,
        observe_holidays=False,
    )
    assert len(slots) == 2


def test_fronleichnam_is_not_a_holiday_in_berlin_but_in_nrw():
    assert is_holiday(dt.date(2026, 6, 4), "NW")
    assert not is_holiday(dt.date(2026, 6, 4), "BE")


@pytest.mark.parametrize(
    "day",
    [dt.date(2026, 3, 29), dt.date(2026, 10, 25), dt.date(2027, 3, 28), dt.date(2027, 10, 31)],
)
def test_office_hours_stay_at_local_wall_clock_on_change_days(day):
    # Change days are Sundays; test with a window on every day.
    slots = compute_slots(
        windows=every_day("08:00", "10:00"),
        first_day=day - dt.timedelta(days=1),
        last_day=day + dt.timedelta(days=1),
        slot_minutes=30,
        observe_holidays=False,
    )
    by_day: dict[dt.date, list[str]] = {}
    for s in slots:
        local = s.starts_at.astimezone(BERLIN)
        by_day.setdefault(local.date(), []).append(local.strftime("%H:%M"))
        assert s.ends_at - s.starts_at == dt.timedelta(minutes=30)
    assert list(by_day.values()) == [["08:00", "08:30", "09:00", "09:30"]] * 3
    offsets = {s.starts_at.date(): s.starts_at.utcoffset() for s in slots}
    assert offsets[day - dt.timedelta(days=1)] != offsets[day + dt.timedelta(days=1)]


@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2027, 3, 28)])
def test_the_skipped_hour_in_march_has_no_slots(day):
    slots = compute_slots(
        windows=every_day("01:00", "04:00"),
        first_day=day,
        last_day=day,
        slot_minutes=30,
        observe_holidays=False,
    )
    assert local_times(slots) == ["01:00", "01:30", "03:00", "03:30"]
    utc = [s.starts_at.astimezone(dt.UTC).strftime("%H:%M") for s in slots]
    # 01:30 CET + 30 min is 03:00 CEST: the slots are back to back in real time.
    assert utc == ["00:00", "00:30", "01:00", "01:30"]


@pytest.mark.parametrize("day", [dt.date(2026, 10, 25), dt.date(2027, 10, 31)])
def test_the_repeated_hour_in_october_has_no_duplicate(day):
    slots = compute_slots(
        windows=every_day("01:00", "04:00"),
        first_day=day,
        last_day=day,
        slot_minutes=30,
        observe_holidays=False,
    )
    assert local_times(slots) == ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]
    starts = [s.starts_at for s in slots]
    assert len(set(starts)) == len(starts)
    for a, b in zip(slots, slots[1:], strict=False):
        assert a.ends_at <= b.starts_at


def test_local_datetime_detects_skipped_times():
    assert local_datetime(dt.date(2026, 3, 29), 2 * 60 + 30) is None
    assert local_datetime(dt.date(2026, 10, 25), 2 * 60 + 30).fold == 0


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


windows_strategy = st.lists(
    st.builds(
        lambda wd, start, length, desks, phone: Window(
            weekday=wd,
            opens=dt.time(start // 60, start % 60),
            closes=dt.time((start + length) // 60, (start + length) % 60),
            desks={"ONLINE": desks, "PHONE": phone},
        ),
        st.integers(0, 6),
        st.integers(0, 20 * 60),
        st.integers(5, 3 * 60),
        st.integers(0, 4),
        st.integers(0, 2),
    ),
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(
    windows=windows_strategy,
    first=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 1)),
    days=st.integers(0, 10),
    slot_minutes=st.sampled_from([5, 10, 15, 20, 30]),
)
def test_properties_of_computed_slots(windows, first, days, slot_minutes):
    last = first + dt.timedelta(days=days)
    slots = compute_slots(
        windows=windows, first_day=first, last_day=last, slot_minutes=slot_minutes
    )
    keys = [(s.starts_at, s.channel) for s in slots]
    assert len(keys) == len(set(keys)), "no duplicate slot per start and channel"
    for s in slots:
        local = s.starts_at.astimezone(BERLIN)
        assert first <= local.date() <= last
        assert not is_holiday(local.date())
        assert s.capacity > 0
        # Aware datetimes with the same tzinfo subtract as wall-clock times: compare in UTC,
        # or a slot just before the spring gap (01:55–03:00 local) looks 65 minutes long.
        assert _utc(s.ends_at) - _utc(s.starts_at) == dt.timedelta(minutes=slot_minutes)
        minute = local.hour * 60 + local.minute
        assert minute % slot_minutes == 0, "on the wall-clock grid"
        # Each slot lies wholly inside a window of that weekday which has desks in its channel.
        assert any(
            w.weekday == local.weekday()
            and w.opens <= local.time()
            and minute + slot_minutes <= w.closes.hour * 60 + w.closes.minute
            and w.desks.get(s.channel, 0) > 0
            for w in windows
        )
    online = [s for s in slots if s.channel == "ONLINE"]
    for a, b in zip(online, online[1:], strict=False):
        assert _utc(a.ends_at) <= _utc(b.starts_at), "slots of a channel do not overlap"


@given(
    free=st.lists(st.booleans(), max_size=60),
    needed=st.integers(1, 6),
    limit=st.integers(1, 10),
)
def test_consecutive_starts_only_uses_back_to_back_free_slots(free, needed, limit):
    base = dt.datetime(2026, 12, 8, 8, tzinfo=BERLIN)
    rows = [
        (i, base + dt.timedelta(minutes=10 * i), base + dt.timedelta(minutes=10 * (i + 1)))
        for i, is_free in enumerate(free)
        if is_free
    ]
    runs = consecutive_starts(rows, needed=needed, limit=limit)
    assert len(runs) <= limit
    for run in runs:
        assert len(run) == needed
        assert run == list(range(run[0], run[0] + needed))
        assert all(free[i] for i in run)
    expected = [i for i in range(len(free) - needed + 1) if all(free[i : i + needed])][:limit]
    assert [r[0] for r in runs] == expected


def test_slots_needed_rounds_up():
    assert slots_needed(25, 10) == 3
    assert slots_needed(30, 10) == 3
    assert slots_needed(1, 10) == 1
