"""Date helpers: unit tests at every threshold (day before / day of) and hypothesis properties."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lotse.pathways.engine import dates as d
from lotse.pathways.engine.dates import Span

D = dt.date.fromisoformat
days = st.dates(min_value=D("1950-01-01"), max_value=D("2060-12-31"))


# ---- month arithmetic -------------------------------------------------------------------------

def test_add_months_clamps_to_month_end():
    assert d.add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert d.add_months(D("2023-01-31"), 1) == D("2023-02-28")
    assert d.add_months(D("2024-02-29"), 12) == D("2025-02-28")
    assert d.add_months(D("2024-03-31"), -1) == D("2024-02-29")
    assert d.add_years(D("2021-09-01"), 6) == D("2027-09-01")


@given(days, st.integers(min_value=-600, max_value=600))
def test_add_months_is_monotone_and_keeps_day_when_possible(day, months):
    later = d.add_months(day, months)
    assert (later >= day) if months >= 0 else (later <= day)
    assert later.day == day.day or later.day < day.day
    assert d.add_months(day, months + 1) >= later


# ---- age (§§ 187, 188 BGB) --------------------------------------------------------------------

def test_years_of_life_completed_on_the_birthday():
    birth = D("2006-04-12")
    assert d.completed_years_of_life(birth, D("2033-04-11")) == 26
    assert d.completed_years_of_life(birth, D("2033-04-12")) == 27
    assert d.last_day_before_completing(birth, 27) == D("2033-04-11")


def test_leap_day_birthday_completes_on_first_of_march():
    birth = D("2004-02-29")
    assert d.birthday(birth, 21) == D("2025-03-01")
    assert d.completed_years_of_life(birth, D("2025-02-28")) == 20
    assert d.birthday(birth, 20) == D("2024-02-29")


@given(st.dates(min_value=D("1950-01-01"), max_value=D("2020-12-31")),
       st.integers(min_value=1, max_value=40))
def test_last_day_before_completing_is_the_threshold(birth, years):
    last = d.last_day_before_completing(birth, years)
    assert d.completed_years_of_life(birth, last) == years - 1
    assert d.completed_years_of_life(birth, last + d.ONE_DAY) == years


# ---- continuity -------------------------------------------------------------------------------

AS_OF = D("2026-11-21")


def test_merge_joins_touching_periods_and_keeps_open_end():
    merged = d.merge([Span(D("2020-01-01"), D("2020-12-31")), Span(D("2021-01-01"), None)],
                     AS_OF)
    assert merged == [Span(D("2020-01-01"), None)]


def test_gap_of_three_months_is_tolerated_once_a_day_longer_is_not():
    def chain(gap_end: str) -> dt.date | None:
        spans = d.merge([Span(D("2019-01-01"), D("2019-12-31")),
                         Span(D(gap_end) + d.ONE_DAY, None)], AS_OF)
        return d.chain_start(spans, AS_OF, tolerated_gap_months=3, tolerated_gaps=1)

    assert chain("2020-03-31") == D("2019-01-01")  # gap 01.01.–31.03.: 3 months
    assert chain("2020-04-01") == D("2020-04-02")  # one day longer: clock restarts


def test_only_one_gap_is_tolerated():
    spans = d.merge([Span(D("2018-01-01"), D("2018-12-31")),
                     Span(D("2019-01-11"), D("2019-12-31")),
                     Span(D("2020-01-11"), None)], AS_OF)
    assert d.chain_start(spans, AS_OF, tolerated_gap_months=3, tolerated_gaps=1) == \
        D("2019-01-11")
    assert d.chain_start(spans, AS_OF, tolerated_gap_months=3, tolerated_gaps=-1) == \
        D("2018-01-01")
    assert d.chain_start(spans, AS_OF) == D("2020-01-11")


def test_no_chain_if_not_present_today():
    assert d.chain_start([Span(D("2018-01-01"), D("2026-11-20"))], AS_OF) is None
    assert d.chain_start([Span(D("2018-01-01"), D("2026-11-21"))], AS_OF) == D("2018-01-01")


def test_subtract_absences():
    spans = [Span(D("2020-01-01"), None)]
    holes = [Span(D("2021-01-01"), D("2021-01-31"))]
    assert d.subtract(spans, holes) == [Span(D("2020-01-01"), D("2020-12-31")),
                                        Span(D("2021-02-01"), None)]


spans_strategy = st.lists(
    st.tuples(st.dates(min_value=D("2010-01-01"), max_value=D("2026-11-21")),
              st.integers(min_value=0, max_value=2000), st.booleans()),
    min_size=1, max_size=6,
).map(lambda items: sorted(
    (Span(s, None if open_ else s + dt.timedelta(days=n)) for s, n, open_ in items),
    key=lambda x: (x.start, x.end or dt.date.max)))


@given(spans_strategy)
def test_merge_result_is_disjoint_and_covers_the_same_days(spans):
    merged = d.merge(spans, AS_OF)
    for a, b in zip(merged, merged[1:], strict=False):
        assert a.end is not None and (b.start - a.end).days > 1

    def covered(items, day):
        return any(s.start <= day and (s.end is None or s.end >= day) for s in items)

    for span in spans:
        for day in (span.start, span.end_on(AS_OF)):
            if day <= AS_OF:
                assert covered(merged, day)


@given(spans_strategy, st.integers(min_value=0, max_value=3))
def test_chain_start_is_covered_continuously(spans, gaps):
    merged = d.merge(spans, AS_OF)
    start = d.chain_start(merged, AS_OF, tolerated_gap_months=3, tolerated_gaps=gaps)
    if start is not None:
        assert any(s.start == start for s in merged)
        assert start <= AS_OF


# ---- credited periods (Duldung months, school years, employment) ------------------------------

def test_credited_met_on_day_before_and_day_of():
    chain = [Span(D("2023-10-11"), None)]
    met = d.credited_met_on(chain, AS_OF, months=12)
    assert met == D("2024-10-11")


def test_credited_met_on_counts_earlier_spans():
    chain = [Span(D("2023-01-01"), D("2023-01-31")), Span(D("2024-01-01"), None)]
    assert d.credited_met_on(chain, AS_OF, months=12) == D("2024-12-01")


def test_credited_met_on_stops_when_the_last_span_ended_too_early():
    chain = [Span(D("2023-01-01"), D("2023-02-28"))]
    assert d.credited_met_on(chain, AS_OF, months=12) is None
    chain = [Span(D("2022-01-01"), D("2022-12-31"))]
    assert d.credited_met_on(chain, AS_OF, months=12) == D("2023-01-01")


@given(st.dates(min_value=D("2000-01-01"), max_value=D("2026-01-01")),
       st.integers(min_value=1, max_value=120))
def test_single_open_span_reaches_n_months_on_the_same_calendar_day(start, months):
    assert d.credited_met_on([Span(start, None)], AS_OF, months=months) == \
        d.add_months(start, months)


# ---- month windows ----------------------------------------------------------------------------

def test_twenty_of_last_twenty_four_months():
    as_of = D("2026-11-21")
    # full-time since exactly 20 months before as_of (+1 day) → 20 slices
    start = d.add_months(as_of, -20) + d.ONE_DAY
    assert d.month_slices_covered([Span(start, None)], as_of, 24) == 20
    assert d.month_slices_covered([Span(start + d.ONE_DAY, None)], as_of, 24) == 19


@given(spans_strategy, st.integers(min_value=1, max_value=36))
def test_month_slices_bounded_and_monotone_in_coverage(spans, months):
    merged = d.merge(spans, AS_OF)
    count = d.month_slices_covered(merged, AS_OF, months)
    assert 0 <= count <= months
    everything = [Span(D("1990-01-01"), None)]
    assert d.month_slices_covered(everything, AS_OF, months) == months


@given(st.dates(min_value=D("2000-01-01"), max_value=D("2030-12-31")),
       st.integers(min_value=1, max_value=36))
def test_first_day_window_clear_is_the_first_such_day(last_day, months):
    day = d.first_day_window_clear(last_day, months)
    assert d.window_start(day, months) > last_day
    assert d.window_start(day - d.ONE_DAY, months) <= last_day


def test_fmt_german():
    assert d.fmt(D("2027-09-01")) == "01.09.2027"
