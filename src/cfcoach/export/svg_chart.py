"""A small inline SVG line chart of a measure: before (dashed) and after (solid), 0–10.

Colours come from the page's CSS (classes, not attributes), so the chart follows the
light and dark themes and prints in ink.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from cfcoach.datetext import day_text
from cfcoach.export.chartdata import Column, columns, positions
from cfcoach.export.report import Chart

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 14, 26, 30

Place = Callable[[int], float]
Level = Callable[[float], float]


def svg(chart: Chart, chart_id: str) -> str:
    """The chart as an ``<svg>`` element (no scripts, no external references)."""
    cols = columns(chart.days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    along = positions(cols)

    def x(index: int) -> float:
        return LEFT + plot_w * along[index]

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / 10)

    title = f"{chart.name}, day by day (0 to 10)"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for level in (0, 5, 10):
        parts.append(
            f'<line class="grid" x1="{LEFT}" y1="{y(level):.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(level):.1f}"/>'
            f'<text class="axis" x="{LEFT - 8}" y="{y(level) + 4:.1f}" '
            f'text-anchor="end">{level}</text>'
        )
    series = [("after", [c.after for c in cols])]
    if chart.paired:
        series.insert(0, ("before", [c.before for c in cols]))
    for name, values in series:
        parts.extend(_series(name, values, x, y))
    parts.append(_dates(cols, x))
    parts.append(_legend(chart.paired))
    parts.append("</svg>")
    return "".join(parts)


def _series(name: str, values: list[float | None], x: Place, y: Level) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for index, value in enumerate([*values, None]):
        if value is None:
            if len(run) > 1:
                out.append(f'<polyline class="{name}" points="{" ".join(run)}"/>')
            run = []
            continue
        run.append(f"{x(index):.1f},{y(value):.1f}")
    for index, value in enumerate(values):
        if value is not None:
            out.append(f'<circle class="{name}" cx="{x(index):.1f}" cy="{y(value):.1f}" r="3.5"/>')
    return out


def _dates(cols: list[Column], x: Place) -> str:
    base = HEIGHT - 8
    first = day_text(cols[0].first, short=True)
    last = day_text(cols[-1].last, short=True)
    if first == last:
        return f'<text class="axis" x="{x(0):.1f}" y="{base}" text-anchor="middle">{first}</text>'
    return (
        f'<text class="axis" x="{x(0):.1f}" y="{base}" text-anchor="start">{first}</text>'
        f'<text class="axis" x="{x(len(cols) - 1):.1f}" y="{base}" text-anchor="end">{last}</text>'
    )


def _legend(paired: bool) -> str:
    right = WIDTH - RIGHT
    if not paired:
        return (
            f'<circle class="after" cx="{right - 50}" cy="11" r="3.5"/>'
            f'<text class="axis" x="{right - 42}" y="15">rating</text>'
        )
    return (
        f'<line class="before" x1="{right - 150}" y1="11" x2="{right - 128}" y2="11"/>'
        f'<text class="axis" x="{right - 122}" y="15">before</text>'
        f'<line class="after" x1="{right - 64}" y1="11" x2="{right - 42}" y2="11"/>'
        f'<text class="axis" x="{right - 36}" y="15">after</text>'
    )
