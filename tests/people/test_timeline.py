import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.people.timeline import Overlap, Period, fit

D = dt.date


def test_open_period_is_closed_by_a_later_one():
    new, closed = fit([Period(1, D(2016, 1, 5), None)], Period(None, D(2018, 3, 1), None))
    assert closed == {1: D(2018, 2, 28)} and new.end is None


def test_open_new_period_before_a_later_one_ends_the_day_before():
    new, closed = fit([Period(1, D(2020, 1, 1), None)], Period(None, D(2018, 1, 1), None))
    assert new.end == D(2019, 12, 31) and closed == {}


def test_overlap_with_a_closed_period_is_refused():
    with pytest.raises(Overlap) as error:
        fit([Period(7, D(2018, 1, 1), D(2019, 1, 1))], Period(None, D(2018, 6, 1), D(2018, 7, 1)))
    assert error.value.period.key == 7


def test_same_start_as_an_open_period_is_refused():
    with pytest.raises(Overlap):
        fit([Period(1, D(2018, 1, 1), None)], Period(None, D(2018, 1, 1), None))


def test_adjacent_periods_do_not_overlap():
    new, closed = fit(
        [Period(1, D(2018, 1, 1), D(2018, 12, 31))], Period(None, D(2019, 1, 1), None)
    )
    assert closed == {} and new.end is None


days = st.integers(min_value=0, max_value=3000).map(lambda n: D(2015, 1, 1) + dt.timedelta(days=n))
periods = st.tuples(days, st.one_of(st.none(), st.integers(min_value=0, max_value=800)))


@given(st.lists(periods, max_size=12))
def test_timeline_never_overlaps_and_has_at_most_one_open_period(additions):
    timeline: list[Period] = []
    for key, (start, length) in enumerate(additions):
        end = None if length is None else start + dt.timedelta(days=length)
        try:
            new, closed = fit(timeline, Period(None, start, end))
        except Overlap:
            continue
        timeline = [Period(p.key, p.start, closed.get(p.key, p.end)) for p in timeline]
        timeline.append(Period(key, new.start, new.end))
        assert new.end is None or new.end >= new.start
    for i, a in enumerate(timeline):
        for b in timeline[i + 1 :]:
            assert not a.overlaps(b)
    open_periods = [p for p in timeline if p.end is None]
    assert len(open_periods) <= 1
    if open_periods:
        assert open_periods[0].start == max(p.start for p in timeline)
