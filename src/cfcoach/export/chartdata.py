"""Chart points shared by every format: days along the bottom, ratings 0–10 up the side.

Long spans are folded into at most ``limit`` columns (each the mean of its days), so a
year of entries still fits a small chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import fmean

from cfcoach.insights import DayMeans


@dataclass(frozen=True)
class Column:
    """One column of a chart: a day (or several folded together) and its mean ratings."""

    first: date
    last: date
    before: float | None
    after: float | None


def columns(days: tuple[DayMeans, ...], limit: int = 60) -> list[Column]:
    """``days`` as chart columns, folded evenly when there are more than ``limit``."""
    if len(days) <= limit:
        return [Column(d.day, d.day, d.before, d.after) for d in days]
    folded: list[Column] = []
    for index in range(limit):
        group = days[index * len(days) // limit : (index + 1) * len(days) // limit]
        folded.append(
            Column(
                group[0].day,
                group[-1].day,
                _mean([d.before for d in group]),
                _mean([d.after for d in group]),
            )
        )
    return folded


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def positions(cols: list[Column]) -> list[float]:
    """Where each column sits along the time axis: 0 at the first, 1 at the last (by date)."""
    middles = [(c.first.toordinal() + c.last.toordinal()) / 2 for c in cols]
    if len(middles) < 2 or middles[-1] == middles[0]:
        return [0.5 for _ in middles]
    start, span = middles[0], middles[-1] - middles[0]
    return [(m - start) / span for m in middles]
