"""Geometry of the server-rendered SVG charts (the templates draw it; every chart has a data
table beside it). Plain data in, plain data out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lotse.appointments.simulation import Estimate
from lotse.appointments.simulation.compare import num

WIDTH = 640
HEIGHT = 220
LEFT = 48
BOTTOM = 44
TOP = 12
# Colour and dash pattern per series: told apart without colour too (WCAG 1.4.1).
SERIES_STYLES = (
    ("#1f4fa3", ""),
    ("#b3261e", "8 4"),
    ("#1b7f3b", "2 3"),
    ("#6a3fa0", "10 3 2 3"),
)


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    center: float
    y: float
    height: float
    label: str
    value: str
    whisker_top: float
    whisker_bottom: float
    colour: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    base: float
    bar_width: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    unit: str


@dataclass(frozen=True)
class Series:
    name: str
    points: str
    colour: str
    dash: str


@dataclass(frozen=True)
class XLabel:
    x: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    base: float
    series: tuple[Series, ...]
    ticks: tuple[Tick, ...]
    x_labels: tuple[XLabel, ...]
    unit: str


def _nice_max(value: float) -> tuple[float, int]:
    """The next "round" number at or above value (1, 2, 2.5, 5 × 10^k) and a number of
    intervals that gives round tick labels."""
    if value <= 0:
        return 1.0, 5
    magnitude = 10 ** len(str(int(value))) / 10
    for step, intervals in ((1, 5), (2, 4), (2.5, 5), (5, 5), (10, 5)):
        if step * magnitude >= value:
            return float(step * magnitude), intervals
    return float(10 * magnitude), 5


def _ticks(top: float, intervals: int, scale: float, base: float) -> tuple[Tick, ...]:
    step = top / intervals
    digits = 0 if step == int(step) else 1
    return tuple(Tick(base - step * i * scale, num(step * i, digits)) for i in range(intervals + 1))


def bar_chart(
    labels: Sequence[str], values: Sequence[Estimate], *, unit: str, factor: float = 1.0
) -> BarChart:
    """Bars for the mean of each estimate with its 95 % interval as a whisker."""
    highs = [(v.high if v.high is not None else v.mean) * factor for v in values]
    top, intervals = _nice_max(max(highs, default=0.0))
    base = float(HEIGHT - BOTTOM)
    scale = (base - TOP) / top
    slot = (WIDTH - LEFT) / max(len(values), 1)
    bar_width = min(80.0, slot * 0.6)
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        mean = value.mean * factor
        low = (value.low if value.low is not None else value.mean) * factor
        x = LEFT + i * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                x,
                x + bar_width / 2,
                base - mean * scale,
                mean * scale,
                label,
                num(mean, 1 if top < 20 else 0),
                base - highs[i] * scale,
                base - max(low, 0.0) * scale,
                SERIES_STYLES[i % len(SERIES_STYLES)][0],
            )
        )
    return BarChart(
        WIDTH, HEIGHT, LEFT, base, bar_width, tuple(bars), _ticks(top, intervals, scale, base), unit
    )


def line_chart(
    names: Sequence[str], series: Sequence[Sequence[float]], x_labels: Sequence[str], *, unit: str
) -> LineChart:
    """One line per scenario over the 15-minute slots; x labels at full hours."""
    count = max((len(s) for s in series), default=0)
    top, intervals = _nice_max(max((v for s in series for v in s), default=0.0))
    base = float(HEIGHT - BOTTOM)
    scale = (base - TOP) / top
    step = (WIDTH - LEFT - 8) / max(count - 1, 1)
    lines = tuple(
        Series(
            name,
            " ".join(f"{LEFT + i * step:.1f},{base - v * scale:.1f}" for i, v in enumerate(values)),
            *SERIES_STYLES[n % len(SERIES_STYLES)],
        )
        for n, (name, values) in enumerate(zip(names, series, strict=True))
    )
    labels = tuple(
        XLabel(LEFT + i * step, label)
        for i, label in enumerate(x_labels)
        if label.endswith(":00") and i % 2 == 0
    )
    return LineChart(
        WIDTH,
        HEIGHT,
        LEFT,
        base,
        lines,
        _ticks(top, intervals, scale, base),
        labels,
        unit,
    )
