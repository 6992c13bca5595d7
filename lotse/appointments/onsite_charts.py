"""PURE: geometry of small server-rendered SVG charts (no Django, no JavaScript library).

Each chart is drawn next to a table with the same numbers (the accessible form); the SVG is
marked as an image with a text title, so screen readers get the table, not the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 640
HEIGHT = 220
PAD_LEFT = 48
PAD_BOTTOM = 28
PAD_TOP = 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" or "line"
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    points: str = ""  # SVG polyline points for line charts
    dots: list[tuple[float, float]] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    baseline: float = 0.0
    empty: bool = False


def nice_max(value: float) -> float:
    """A round upper bound for the axis (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _ticks(top: float, plot_h: float, count: int = 4) -> list[Tick]:
    out = []
    for i in range(count + 1):
        value = top * i / count
        label = f"{value:g}" if value == int(value) else f"{value:.1f}"
        out.append(Tick(y=PAD_TOP + plot_h - plot_h * i / count, label=label))
    return out


def _x_labels(labels: Sequence[str], xs: Sequence[float], every: int) -> list[tuple[float, str]]:
    return [
        (x, label) for i, (x, label) in enumerate(zip(xs, labels, strict=True)) if i % every == 0
    ]


def bar_chart(
    data: Sequence[tuple[str, float | None]], *, width: int = WIDTH, height: int = HEIGHT
) -> Chart:
    """Vertical bars for (label, value); missing values draw no bar."""
    values = [v for _label, v in data if v is not None]
    if not values:
        return Chart(kind="bar", width=width, height=height, empty=True)
    top = nice_max(max(values))
    plot_w, plot_h = width - PAD_LEFT - 8, height - PAD_TOP - PAD_BOTTOM
    slot = plot_w / len(data)
    bars = []
    for i, (label, value) in enumerate(data):
        v = value or 0.0
        h = plot_h * v / top
        bars.append(
            Bar(
                x=round(PAD_LEFT + i * slot + slot * 0.15, 1),
                y=round(PAD_TOP + plot_h - h, 1),
                width=round(max(slot * 0.7, 1), 1),
                height=round(h, 1),
                label=label,
                value=v,
            )
        )
    every = max(len(data) // 8, 1)
    return Chart(
        kind="bar",
        width=width,
        height=height,
        bars=bars,
        ticks=_ticks(top, plot_h),
        x_labels=_x_labels([b.label for b in bars], [b.x + b.width / 2 for b in bars], every),
        baseline=PAD_TOP + plot_h,
    )


def line_chart(
    data: Sequence[tuple[str, float | None]], *, width: int = WIDTH, height: int = HEIGHT
) -> Chart:
    """A line through the known values (gaps are skipped, not drawn as zero)."""
    values = [v for _label, v in data if v is not None]
    if not values:
        return Chart(kind="line", width=width, height=height, empty=True)
    top = nice_max(max(values))
    plot_w, plot_h = width - PAD_LEFT - 8, height - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(len(data) - 1, 1)
    xs = [PAD_LEFT + i * step for i in range(len(data))]
    dots = [
        (round(x, 1), round(PAD_TOP + plot_h - plot_h * v / top, 1))
        for x, (_label, v) in zip(xs, data, strict=True)
        if v is not None
    ]
    every = max(len(data) // 8, 1)
    return Chart(
        kind="line",
        width=width,
        height=height,
        points=" ".join(f"{x},{y}" for x, y in dots),
        dots=dots,
        ticks=_ticks(top, plot_h),
        x_labels=_x_labels([label for label, _v in data], xs, every),
        baseline=PAD_TOP + plot_h,
    )
