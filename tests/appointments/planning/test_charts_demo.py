"""Chart geometry and the demo scenarios."""

from __future__ import annotations

import datetime as dt

from lotse.appointments.planning import charts, demo
from lotse.appointments.planning.models import SavedScenario
from lotse.appointments.simulation import TEMPLATES, Estimate


def test_bar_chart_scales_to_a_round_top_with_round_ticks():
    chart = charts.bar_chart(["A", "B"], [Estimate(34, 4, 5), Estimate(12, 2, 5)], unit="min")
    assert [t.label for t in chart.ticks] == ["0", "10", "20", "30", "40", "50"]
    a, b = chart.bars
    assert a.height > b.height > 0
    assert a.whisker_top < a.y < a.whisker_bottom  # the interval spans the bar's top
    assert a.value == "34"


def test_line_chart_has_one_series_per_scenario_and_hour_labels():
    chart = charts.line_chart(
        ["A", "B"],
        [[0, 1, 2, 3], [0, 0.5, 1, 1]],
        ["08:00", "08:15", "08:30", "08:45"],
        unit="Wartende",
    )
    assert len(chart.series) == 2 and chart.series[0].dash != chart.series[1].dash
    assert [x.label for x in chart.x_labels] == ["08:00"]
    assert len(chart.series[0].points.split()) == 4


def test_demo_creates_the_four_variants_for_the_abh(orgs):
    demo.load(
        kommune=orgs["abh_a"].kommune,
        organisations={"abh": orgs["abh_a"]},
        seed=1,
        today=dt.date(2026, 1, 15),
    )
    saved = SavedScenario.objects.filter(organisation=orgs["abh_a"])
    assert sorted(s.name for s in saved) == sorted(label for label, _fn in TEMPLATES.values())
    assert all(s.scenario().desk_count() >= 7 for s in saved)
