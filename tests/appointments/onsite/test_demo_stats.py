"""Demo loader and statistics correctness on constructed data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from lotse.appointments import demo as appointments_demo
from lotse.appointments import demo_onsite, onsite_charts, onsite_reports, onsite_stats
from lotse.appointments import onsite_services as onsite
from lotse.appointments.models import (
    Booking,
    DeskDayStat,
    DeviceLink,
    LeadTimeSample,
    ServiceDayStat,
    Visit,
)


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=50))
def test_percentile_is_a_member_and_bounds_the_share(values):
    p90 = onsite_stats.percentile(values, 0.9)
    assert p90 in values
    assert sum(v <= p90 for v in values) >= 0.9 * len(values)


def test_merged_seconds_handles_overlap():
    assert onsite_stats.merged_seconds([(480, 720), (600, 780), (840, 900)]) == (300 + 60) * 60


@given(st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=1e5)), max_size=40))
def test_charts_stay_inside_the_drawing(values):
    data = [(str(i), v) for i, v in enumerate(values)]
    for chart in (onsite_charts.bar_chart(data), onsite_charts.line_chart(data)):
        for bar in chart.bars:
            assert 0 <= bar.y <= chart.height and bar.height >= 0
        for x, y in chart.dots:
            assert 0 <= x <= chart.width and 0 <= y <= chart.height


@pytest.mark.django_db
def test_statistics_on_constructed_day(office, personas):
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    day = onsite.local_day(now)
    clerk = personas["abh_a"]
    # three bookings: one served, one no-show at the desk, one never came; two walk-ins
    served = office.book(service=office.pickup, starts_at=now)
    missed_desk = office.book(service=office.pickup, starts_at=now)
    office.book(service=office.pickup, starts_at=now)
    office.book(service=office.pickup, starts_at=now, status=Booking.Status.CANCELLED)
    v1 = onsite.visit_check_in(location=office.location, code=served.code, by=clerk, now=now)
    v2 = onsite.visit_check_in(location=office.location, code=missed_desk.code, by=clerk, now=now)
    w1 = onsite.visit_walk_in(
        location=office.location, service_id=office.pickup.pk, by=clerk, now=now
    )
    desk = office.desks[0]
    t = now + dt.timedelta(minutes=10)
    assert onsite.visit_call_next(location=office.location, desk=desk, by=clerk, now=t).pk == v1.pk
    onsite.visit_start(visit=Visit.objects.get(pk=v1.pk), by=clerk, now=t)
    onsite.visit_finish(
        visit=Visit.objects.get(pk=v1.pk), by=clerk, now=t + dt.timedelta(minutes=6)
    )
    t2 = now + dt.timedelta(minutes=30)
    assert onsite.visit_call_next(location=office.location, desk=desk, by=clerk, now=t2).pk == v2.pk
    onsite.visit_no_show(visit=Visit.objects.get(pk=v2.pk), by=clerk, now=t2)
    onsite.visit_call_next(location=office.location, desk=desk, by=clerk, now=t2)
    onsite.visit_start(visit=Visit.objects.get(pk=w1.pk), by=clerk, now=t2)
    onsite.visit_finish(
        visit=Visit.objects.get(pk=w1.pk), by=clerk, now=t2 + dt.timedelta(minutes=4)
    )
    # refresh as the nightly job would on the next day (the one never checked in is missed)
    onsite_stats.stats_refresh_day(
        location=office.location, day=day, today=day + dt.timedelta(days=1)
    )
    row = ServiceDayStat.objects.get(location=office.location, service=office.pickup, day=day)
    assert (row.bookings, row.no_shows, row.visits, row.walk_ins, row.served) == (3, 2, 3, 1, 2)
    assert row.wait_mean_s == round((600 + 1800 + 1800) / 3)
    assert row.wait_p90_s == 1800
    assert row.service_mean_s == 300  # (6 + 4 minutes) / 2
    desk_row = DeskDayStat.objects.get(desk=desk, day=day)
    assert (desk_row.served, desk_row.busy_s) == (2, 600)
    # the rows carry no names and no ids of bookings or visits
    columns = {f.name for f in ServiceDayStat._meta.get_fields()}
    assert not columns & {"name", "booking", "visit", "code", "email"}
    report = onsite_reports.stats_report(
        user=office.leitung, start=day, end=day, location_id=office.location.pk
    )
    assert report.total.no_show_rate == pytest.approx(2 / 3)
    assert report.total.walk_in_share == pytest.approx(1 / 3)
    sim = onsite_reports.simulation_observations(report.rows)
    assert sim == [
        {
            "day": day,
            "anliegen": "eAT-Abholung",
            "visits": 3,
            "walk_in_share": pytest.approx(1 / 3),
            "no_show_rate": pytest.approx(2 / 3),
            "mean_service_min": 5.0,
        }
    ]


@pytest.mark.django_db
def test_stats_job_marks_missed_and_samples_lead_time(office):
    from django.core.management import call_command

    yesterday = timezone.now() - dt.timedelta(days=1)
    missed = office.book(service=office.pickup, starts_at=yesterday)
    call_command("appointments_stats", "--days", "3")
    missed.refresh_from_db()
    assert missed.status == Booking.Status.NO_SHOW
    # no slots computed: nothing free, so lead time is unknown (None), but sampled
    assert LeadTimeSample.objects.filter(location=office.location, lead_days=None).exists()


@pytest.mark.django_db
def test_demo_loader_fills_history_and_queue(orgs, personas, capsys):
    from lotse.core.models import Role
    from tests.conftest import make_user

    abh = orgs["abh_a"]
    make_user("demo.frontoffice", Role.FRONTOFFICE, abh)
    make_user("demo.leitung", Role.LEITUNG, abh)
    today = timezone.localdate()
    appointments_demo.load(kommune=abh.kommune, organisations={"abh": abh}, seed=1, today=today)
    demo_onsite.load(kommune=abh.kommune, organisations={"abh": abh}, seed=1, today=today)
    assert ServiceDayStat.objects.filter(day__lt=today).count() > 100
    assert LeadTimeSample.objects.count() > 100
    assert DeviceLink.objects.filter(revoked_at=None).count() == 2
    assert Visit.objects.filter(status=Visit.Status.WAITING).count() >= 4
    assert "geraet/demo-" in capsys.readouterr().out


@pytest.mark.django_db
def test_yesterdays_queue_is_never_called_today_and_closed_by_the_job(office, personas):
    from django.core.management import call_command

    yesterday = timezone.now() - dt.timedelta(days=1)
    booking = office.book(service=office.pickup, starts_at=yesterday)
    old = onsite.visit_check_in(
        location=office.location, code=booking.code, by=personas["front_a"], now=yesterday
    )
    with pytest.raises(onsite.OnsiteError):
        onsite.visit_call_next(location=office.location, desk=office.desks[0], by=personas["abh_a"])
    call_command("appointments_stats")
    old.refresh_from_db()
    booking.refresh_from_db()
    assert old.status == Visit.Status.NO_SHOW
    assert booking.status == Booking.Status.NO_SHOW


def test_simulation_observations_feed_the_simulation():
    from lotse.appointments.simulation.observed import Observation, anliegen_from_observations

    day = dt.date(2026, 12, 1)
    rows = [
        {
            "day": day,
            "location__name": "Kreishaus",
            "service__name": "eAT-Abholung",
            "bookings": 10,
            "no_shows": 2,
            "visits": 12,
            "walk_ins": 4,
            "served": 12,
            "wait_mean_s": 600,
            "wait_p90_s": 1200,
            "service_mean_s": 480,
        },
        {
            **{"day": day, "location__name": "Kreishaus", "service__name": "Leer"},
            "bookings": 0,
            "no_shows": 0,
            "visits": 0,
            "walk_ins": 0,
            "served": 0,
            "wait_mean_s": None,
            "wait_p90_s": None,
            "service_mean_s": None,
        },
    ]
    observations = [Observation(**row) for row in onsite_reports.simulation_observations(rows)]
    assert len(observations) == 1
    assert observations[0].mean_service_min == 8.0
    assert observations[0].no_show_rate == pytest.approx(0.2)
    (anliegen,) = anliegen_from_observations(observations)
    assert anliegen.name == "eAT-Abholung"
