"""Date arithmetic of the screening: periods, continuity chains, German age, month windows.

All periods are closed intervals [start, end]; end None means ongoing. Functions take periods
already sorted by start (the person parser sorts once) and never mutate them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

ONE_DAY = dt.timedelta(days=1)


@dataclass(slots=True)
class Span:
    """A closed interval of days; end None = ongoing.

    Never changed after construction; not `frozen` because that makes construction about
    three times slower, and spans are built in the hot loops of the nightly screening."""

    start: dt.date
    end: dt.date | None

    def end_on(self, as_of: dt.date) -> dt.date:
        return as_of if self.end is None or self.end > as_of else self.end


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later; a missing day (31.04.) falls to the month's last day (§ 188 BGB)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:
        return dt.date(year, month, day.day)
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def completed_years_of_life(birth: dt.date, day: dt.date) -> int:
    """Age in completed years on `day` (§ 187 Abs. 2 S. 2, § 188 Abs. 2 BGB).

    The n-th year of life is completed at the end of the day before the n-th birthday, so on
    the birthday itself the person has completed n years.
    """
    years = day.year - birth.year
    if years > 0 and birthday(birth, years) > day:
        years -= 1
    elif years <= 0:
        years = 0
    return years


def birthday(birth: dt.date, years: int) -> dt.date:
    """First day on which `years` years of life are completed.

    Born on 29.02.: in other years the year of life ends with 28.02. (§ 188 Abs. 3 BGB), so the
    new age starts on 01.03.
    """
    if birth.month == 2 and birth.day == 29:
        target = dt.date(birth.year + years, 3, 1)
        if _days_in_month(birth.year + years, 2) == 29:
            target = dt.date(birth.year + years, 2, 29)
        return target
    return dt.date(birth.year + years, birth.month, birth.day)


def last_day_before_completing(birth: dt.date, years: int) -> dt.date:
    """Last day *before* the `years`-th year of life is completed ("vor Vollendung")."""
    return birthday(birth, years) - ONE_DAY


def merge(spans: Iterable[Span], as_of: dt.date, gap_days: int = 0) -> list[Span]:
    """Sorted spans that start by `as_of`, joined when they overlap, touch or leave ≤ gap_days.

    Ends are kept as given (None = ongoing), so a projection into the future knows whether a
    period runs on.
    """
    merged: list[Span] = []
    for span in spans:
        if span.start > as_of:
            continue
        if merged:
            last = merged[-1]
            if last.end is None:
                continue
            if (span.start - last.end).days - 1 <= gap_days:
                if span.end is None or span.end > last.end:
                    merged[-1] = Span(last.start, span.end)
                continue
        merged.append(span)
    return merged


def subtract(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    """`spans` minus the days of `holes` (both sorted, spans non-overlapping)."""
    if not holes:
        return list(spans)
    result: list[Span] = []
    for span in spans:
        start: dt.date | None = span.start
        for hole in holes:
            if start is None:
                break
            if (hole.end is not None and hole.end < start) or (
                span.end is not None and hole.start > span.end
            ):
                continue
            if hole.start > start:
                result.append(Span(start, hole.start - ONE_DAY))
            start = None if hole.end is None else hole.end + ONE_DAY
            if start is not None and span.end is not None and start > span.end:
                start = None
        if start is not None:
            result.append(Span(start, span.end))
    return result


def gap_within(gap_start: dt.date, gap_end: dt.date, months: int) -> bool:
    """True if the interruption [gap_start, gap_end] lasts at most `months` months."""
    return gap_end < add_months(gap_start, months)


def chain_start(
    present: Sequence[Span],
    as_of: dt.date,
    *,
    tolerated_gap_months: int = 0,
    tolerated_gaps: int = 0,
) -> dt.date | None:
    """Start of the uninterrupted chain of presence that reaches `as_of`, or None.

    `present` is merged and clipped (see `merge`). Walking back from `as_of`, up to
    `tolerated_gaps` interruptions of at most `tolerated_gap_months` months keep the chain alive
    (tolerated_gaps < 0: any number); a longer or further interruption restarts the clock.
    """
    if present and present[-1].start > as_of:
        present = [s for s in present if s.start <= as_of]
    if not present or present[-1].end_on(as_of) < as_of:
        return None
    start = present[-1].start
    left = tolerated_gaps
    for index in range(len(present) - 2, -1, -1):
        previous = present[index]
        gap_start = previous.end_on(as_of) + ONE_DAY
        gap_end = start - ONE_DAY
        if left == 0 or tolerated_gap_months <= 0:
            break
        if not gap_within(gap_start, gap_end, tolerated_gap_months):
            break
        left -= 1
        start = previous.start
    return start


def credited_met_on(chain: Sequence[Span], as_of: dt.date, years: int = 0, months: int = 0) -> (
    dt.date | None
):
    """First day on which the days of `chain` add up to `years`/`months`, or None.

    Earlier spans are credited day by day; the last span runs on. The period is complete on
    the day after its last day (§ 188 Abs. 2 BGB), so a span [s, None) reaches n months on
    s + n months. None if the last span ends before the total is reached.
    """
    if not chain:
        return None
    last = chain[-1]
    credit = sum((s.end_on(as_of) - s.start).days + 1 for s in chain[:-1])
    met_on = add_months(last.start, 12 * years + months) - dt.timedelta(days=credit)
    if last.end is not None and last.end < met_on - ONE_DAY:
        return None
    return met_on


def first_day_window_clear(last_day: dt.date, months: int) -> dt.date:
    """First day x whose window of the last `months` months (x − months, x] no longer
    contains `last_day`, i.e. the smallest x with add_months(x, −months) ≥ last_day."""
    day = add_months(last_day, months)
    while add_months(day - ONE_DAY, -months) >= last_day:
        day -= ONE_DAY
    while add_months(day, -months) < last_day:
        day += ONE_DAY
    return day


def window_start(as_of: dt.date, months: int) -> dt.date:
    """First day of the window of the last `months` months ending on `as_of`."""
    return add_months(as_of, -months) + ONE_DAY


def month_slices_covered(spans: Sequence[Span], as_of: dt.date, months: int) -> int:
    """How many of the last `months` month-slices before `as_of` are fully covered by `spans`.

    Slice i is (as_of − (i+1) months, as_of − i months]; `spans` must be merged.
    """
    count = 0
    for index in range(months):
        slice_end = add_months(as_of, -index)
        slice_start = add_months(as_of, -(index + 1)) + ONE_DAY
        for span in spans:
            if span.start <= slice_start and span.end_on(as_of) >= slice_end:
                count += 1
                break
    return count


def span_at(spans: Sequence[Span], day: dt.date) -> Span | None:
    for span in spans:
        if span.start <= day and (span.end is None or span.end >= day):
            return span
    return None


@lru_cache(maxsize=1 << 16)
def fmt(day: dt.date | None) -> str:
    """TT.MM.JJJJ for German texts (memoised: the same few thousand dates recur in every
    justification of a nightly run, and a lookup is cheaper than formatting)."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}" if day else "–"
