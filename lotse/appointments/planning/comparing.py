"""Run saved scenarios side by side and prepare what the results page and the Gutachten show.

Runs happen inside the request, so the effort is capped: at most MAX_VISITS simulated visits
per comparison (replications × days × expected visits per day, summed over the scenarios).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from lotse.appointments.planning import charts
from lotse.appointments.planning.models import SavedScenario
from lotse.appointments.simulation import Comparison, Scenario, ScenarioResult, compare, simulate
from lotse.appointments.simulation.compare import minutes, num
from lotse.appointments.simulation.scenario_json import window_text
from lotse.appointments.simulation.stats import Estimate

MAX_VISITS = 300_000
DEFAULT_DAYS = 20  # about a month of opening days
MAX_DAYS = 65  # about a quarter
DEFAULT_REPLICATIONS = 10
MAX_REPLICATIONS = 20
WEEKDAY_NAMES = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def expected_visits(scenario: Scenario, *, days: int, replications: int) -> float:
    return sum(a.visits_per_day for a in scenario.anliegen) * days * replications


def effort(scenarios: list[Scenario], *, days: int, replications: int) -> float:
    """Simulated visits a comparison would take (compare with MAX_VISITS)."""
    return sum(expected_visits(s, days=days, replications=replications) for s in scenarios)


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """Everything the results page and the PDF need."""

    scenarios: tuple[Scenario, ...]
    results: tuple[ScenarioResult, ...]
    comparison: Comparison
    days: int
    replications: int
    rows: tuple[Row, ...]
    wait_chart: charts.BarChart
    p90_chart: charts.BarChart
    load_chart: charts.BarChart
    queue_chart: charts.LineChart
    queue_rows: tuple[Row, ...]
    descriptions: tuple[dict[str, Any], ...]


def _cell(value: Estimate, show: Any = minutes) -> str:
    if value.half_width is None:
        return str(show(value.mean))
    return (
        f"{show(value.mean)} ({show(max(value.mean - value.half_width, 0.0))}–"
        f"{show(value.mean + value.half_width)})"
    )


def _rows(results: tuple[ScenarioResult, ...]) -> tuple[Row, ...]:
    def row(label: str, pick: Any, show: Any = minutes) -> Row:
        return Row(label, tuple(_cell(pick(r), show) for r in results))

    def one(v: float) -> str:
        return num(v, 1)

    def pct(v: float) -> str:
        return num(v * 100)

    return (
        Row(_("Schalter und Plätze"), tuple(str(r.desks) for r in results)),
        row(_("Mittlere Wartezeit (Minuten)"), lambda r: r.wait_mean),
        row(_("90 % warten höchstens (Minuten)"), lambda r: r.wait_p90),
        row(_("Bediente je Tag"), lambda r: r.served_per_day, one),
        row(_("Nicht erschienen je Tag"), lambda r: r.no_shows_per_day, one),
        row(_("Bei Schließung unbedient je Tag"), lambda r: r.left_per_day, one),
        row(_("Auslastung (%)"), lambda r: r.utilisation_total, pct),
        row(_("Vorlaufzeit für Termine (Tage)"), lambda r: r.lead_time_mean, one),
        row(_("Buchungswünsche ohne Termin (%)"), lambda r: r.lead_time_failed_share, pct),
        row(
            _("Backoffice-Rückstand am Tagesende (Vorgänge)"), lambda r: r.back_office_backlog, one
        ),
    )


def _queue_series(results: tuple[ScenarioResult, ...]) -> tuple[list[str], list[list[float]]]:
    """Mean queue per 15-minute slot, aligned on the union of the scenarios' slots."""
    labels = sorted({label for r in results for label in r.queue_labels})
    series = []
    for result in results:
        by_label = dict(zip(result.queue_labels, result.queue_by_time, strict=True))
        series.append([by_label[x].mean if x in by_label else 0.0 for x in labels])
    return labels, series


def _queue_rows(labels: list[str], series: list[list[float]]) -> tuple[Row, ...]:
    return tuple(
        Row(label, tuple(num(values[i], 1) for values in series))
        for i, label in enumerate(labels)
        if any(values[i] > 0 for values in series)
    )


def describe(scenario: Scenario) -> dict[str, Any]:
    """Plain-text facts of a scenario for the Gutachten."""
    hours = [
        f"{day} {', '.join(window_text(w) for w in windows)}"
        for day, windows in zip(WEEKDAY_NAMES, scenario.opening_hours, strict=True)
        if windows
    ]
    return {
        "name": scenario.name,
        "description": scenario.description,
        "hours": "; ".join(hours),
        "desks": [
            f"{g.count} × {g.name} ({_('Backoffice') if g.stage == 'back' else _('Schalter')}): "
            + ", ".join(scenario.anliegen_by_key()[k].name for k in g.serves)
            for g in scenario.desks
        ],
        "visits": num(sum(a.visits_per_day for a in scenario.anliegen)),
    }


def run_comparison(saved: list[SavedScenario], *, days: int, replications: int) -> Outcome:
    """Simulate the scenarios (same days, replications and seeds) and compare them with the
    first one."""
    scenarios = tuple(replace(s.scenario(), name=s.name) for s in saved)
    results = tuple(simulate(s, replications=replications, days=days) for s in scenarios)
    names = [r.scenario_name for r in results]
    labels, series = _queue_series(results)
    return Outcome(
        scenarios=scenarios,
        results=results,
        comparison=compare(results),
        days=days,
        replications=replications,
        rows=_rows(results),
        wait_chart=charts.bar_chart(names, [r.wait_mean for r in results], unit=_("Minuten")),
        p90_chart=charts.bar_chart(names, [r.wait_p90 for r in results], unit=_("Minuten")),
        load_chart=charts.bar_chart(
            names, [r.utilisation_total for r in results], unit="%", factor=100
        ),
        queue_chart=charts.line_chart(names, series, labels, unit=_("Wartende")),
        queue_rows=_queue_rows(labels, series),
        descriptions=tuple(describe(s) for s in scenarios),
    )
