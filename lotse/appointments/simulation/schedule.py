"""The calendar of a simulation: opening days from a Monday, their windows, desks' working time.

The simulation clock runs in minutes; opening day `i` starts at `i * 1440`, so closed days
(weekends, weekdays without opening hours) take no simulated time at all.
"""

from __future__ import annotations

from lotse.appointments.simulation.model import MINUTES_PER_DAY, DeskGroup, Scenario, Window


def opening_weekdays(scenario: Scenario, days: int) -> list[int]:
    """Weekday (0 = Monday) of each of the first `days` opening days."""
    open_days = scenario.open_weekdays()
    if not open_days:
        return []
    return [open_days[i % len(open_days)] for i in range(days)]


def calendar_offsets(scenario: Scenario, days: int) -> list[int]:
    """Calendar day (0 = the first Monday) of each opening day, for lead times in days."""
    open_days = scenario.open_weekdays()
    per_week = len(open_days)
    return [7 * (i // per_week) + open_days[i % per_week] for i in range(days)] if open_days else []


def subtract(windows: tuple[Window, ...], breaks: tuple[Window, ...]) -> tuple[Window, ...]:
    """The parts of `windows` not covered by any break."""
    result = list(windows)
    for cut in breaks:
        pieces: list[Window] = []
        for window in result:
            if cut.end <= window.start or cut.start >= window.end:
                pieces.append(window)
                continue
            if cut.start > window.start:
                pieces.append(Window(window.start, cut.start))
            if cut.end < window.end:
                pieces.append(Window(cut.end, window.end))
        result = pieces
    return tuple(result)


def desk_windows(group: DeskGroup, opening: tuple[Window, ...]) -> tuple[Window, ...]:
    """When desks of `group` work on a day with these opening windows (closed days: never)."""
    if not opening:
        return ()
    return subtract(group.hours or opening, group.breaks)


def absolute(day: int, windows: tuple[Window, ...]) -> list[tuple[float, float]]:
    """Windows of opening day `day` on the simulation clock."""
    base = day * MINUTES_PER_DAY
    return [(float(base + w.start), float(base + w.end)) for w in windows]


def open_minutes(windows: tuple[Window, ...]) -> int:
    return sum(w.minutes for w in windows)


def mean_open_minutes(scenario: Scenario) -> float:
    """Mean opening time of an opening day."""
    weekdays = scenario.open_weekdays()
    if not weekdays:
        return 0.0
    return sum(open_minutes(scenario.opening_hours[d]) for d in weekdays) / len(weekdays)


def offset_to_clock(windows: tuple[Window, ...], offset: float) -> float:
    """Minute of day at `offset` minutes of opening time into the day (windows concatenated)."""
    for window in windows:
        if offset < window.minutes:
            return window.start + offset
        offset -= window.minutes
    return float(windows[-1].end) - 1e-6
