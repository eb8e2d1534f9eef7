"""Insights drawn with characters (Rich ``Text``): rating bars, a practice calendar, the
three systems, and ranked lists. The insights screen and ``cfcoach stats`` draw the same
pictures; each passes its own colours (:class:`ChartStyles`) and width.

Every picture reads without colour too (bars by length, calendar cells by shape): where
colour alone would tell two things apart (ratings before and after, one entry on a day or
several), :attr:`ChartStyles.monochrome` draws them with different characters instead. None
of them scores or warns: a day without practice is a quiet dot, nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from rich.style import StyleType
from rich.text import Text

from cfcoach.datetext import day_text, month_name
from cfcoach.export.chartdata import columns
from cfcoach.insights import CalendarWeek, DayMeans, SystemPeriod

EIGHTHS = " ▁▂▃▄▅▆▇█"
FULL = "█"
DAY_MARK = "■"
NO_DAY = "·"
BEFORE_SHADE = "▒"
"""Without colour, a "before" bar is shaded, so it differs from the solid "after" bar."""
DAY_MARKS_MONOCHROME = ("▪", "■", "█")
"""Without colour, days with 1, 2 and 3 or more entries, told apart by size."""
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
SYSTEM_NAMES = ("threat", "drive", "soothe")


@dataclass(frozen=True)
class ChartStyles:
    """The colours of the pictures (Rich styles or style names)."""

    before: StyleType = "bright_black"
    after: StyleType = "green"
    axis: StyleType = "dim"
    label: StyleType = ""
    bar: StyleType = "cyan"
    no_day: StyleType = "dim"
    day_levels: tuple[StyleType, ...] = ("green", "green", "bold green")
    """Cells with 1, 2 and 3 or more entries."""
    threat: StyleType = "yellow"
    drive: StyleType = "blue"
    soothe: StyleType = "green"
    monochrome: bool = False
    """No colour will show (``NO_COLOR``, or not a terminal): what colour alone would tell
    apart is drawn with different characters."""

    def system(self, name: str) -> StyleType:
        return {"threat": self.threat, "drive": self.drive, "soothe": self.soothe}.get(name, "")


def _bar_cell(
    value: float | None, row_from_bottom: int, height: int, shade: str | None = None
) -> str:
    """The character of a bar at one row, for a 0–10 value over ``height`` rows of eighths;
    with ``shade``, the bar is drawn in whole cells of that character (rounded to the
    nearest cell) instead."""
    if value is None:
        return " "
    eighths = round(value / 10 * height * 8) - row_from_bottom * 8
    if shade is not None:
        return shade if eighths >= 4 else " "
    return EIGHTHS[max(0, min(8, eighths))]


def rating_chart(
    days: Sequence[DayMeans],
    *,
    width: int,
    height: int = 6,
    paired: bool = True,
    styles: ChartStyles | None = None,
) -> Text:
    """Ratings (0–10) over time as bars: before and after side by side, one pair a column.

    Long spans are folded (each column the mean of several days), so any number of days
    fits ``width``; the first and last dates stand under the bars.
    """
    styles = styles or ChartStyles()
    before_shade = BEFORE_SHADE if styles.monochrome else None
    plot = max(6, width - 4)
    per_column = 3 if paired else 2
    cols = columns(tuple(days), limit=max(1, plot // per_column))
    lines: list[Text] = []
    for row in range(height - 1, -1, -1):
        label = "10" if row == height - 1 else (" 5" if row == (height - 1) // 2 else "  ")
        line = Text()
        line.append(f"{label} " + ("┤" if label.strip() else "│"), style=styles.axis)
        for col in cols:
            if paired:
                line.append(_bar_cell(col.before, row, height, before_shade), style=styles.before)
            line.append(_bar_cell(col.after, row, height), style=styles.after)
            line.append(" ")
        lines.append(line)
    axis = Text(" 0 ┴", style=styles.axis)
    axis.append("─" * min(plot, len(cols) * per_column), style=styles.axis)
    lines.append(axis)
    if cols:
        first = day_text(cols[0].first, short=True)
        last = day_text(cols[-1].last, short=True)
        if cols[0].first == cols[-1].last:
            dates = first
        else:
            span = min(plot, max(len(cols) * per_column, len(first) + len(last) + 3))
            gap = span - len(first) - len(last)
            dates = f"{first}{' ' * gap}{last}" if gap >= 1 else f"{first} – {last}"
        lines.append(Text(f"    {dates}", style=styles.axis))
    key = Text("    ")
    if paired:
        key.append(before_shade or FULL, style=styles.before)
        key.append(" before  ")
    key.append(FULL, style=styles.after)
    key.append(" after" if paired else " rating")
    lines.append(key)
    return Text("\n").join(lines)


def practice_calendar(weeks: Sequence[CalendarWeek], *, styles: ChartStyles | None = None) -> Text:
    """Weeks as columns (oldest left), Monday to Sunday down: a mark on each day practised."""
    styles = styles or ChartStyles()
    marks = DAY_MARKS_MONOCHROME if styles.monochrome else (DAY_MARK,) * len(styles.day_levels)
    months = Text("    ")
    for index, week in enumerate(weeks):
        sunday = week.monday + timedelta(days=6)
        shown = any(count is not None for count in week.counts)
        if shown and sunday.day <= 7 and index * 2 >= months.cell_len - 4:  # holds a 1st
            name = month_name(sunday, short=True)
            months.append(" " * (index * 2 - (months.cell_len - 4)))
            months.append(name, style=styles.axis)
    lines = [months]
    for weekday in range(7):
        line = Text()
        line.append(f"{WEEKDAYS[weekday]:<4}", style=styles.axis)
        for week in weeks:
            count = week.counts[weekday]
            if count is None:
                line.append("  ")
            elif count == 0:
                line.append(NO_DAY, style=styles.no_day)
                line.append(" ")
            else:
                index = min(count, len(styles.day_levels), len(marks)) - 1
                line.append(marks[index], style=styles.day_levels[index])
                line.append(" ")
        lines.append(line)
    key = Text("    ")
    key.append(NO_DAY, style=styles.no_day)
    key.append(" no entry  ")
    levels = min(len(styles.day_levels), len(marks))
    for number, (mark, level) in enumerate(zip(marks, styles.day_levels, strict=False), start=1):
        key.append(mark, style=level)
        more = " or more" if number == levels else ""
        key.append(f" {number}{more}  ")
    lines.append(key)
    return Text("\n").join(lines)


def calendar_weeks_for(width: int) -> int:
    """How many weeks :func:`practice_calendar` fits in ``width`` characters."""
    return max(1, (width - 4) // 2)


def systems_chart(
    periods: Sequence[SystemPeriod], *, width: int, styles: ChartStyles | None = None
) -> Text:
    """Each month's mean circle sizes (0–10) as three short bars: threat, drive, soothe."""
    styles = styles or ChartStyles()
    label_width = 9
    per_system = max(6, min(24, (width - label_width) // 3))
    bar_width = per_system - 5
    head = Text(" " * label_width)
    for name in SYSTEM_NAMES:
        head.append(f"{name:<{per_system}}", style=styles.system(name))
    lines = [head]
    for period in periods:
        line = Text(
            f"{month_name(period.first, short=True)} {period.first.year}".ljust(label_width)
        )
        means = dict(period.balance.means)
        for name in SYSTEM_NAMES:
            mean = means.get(name)
            if mean is None:
                line.append(" " * bar_width + "  –  ", style=styles.axis)
                continue
            line.append(_hbar(mean / 10, bar_width), style=styles.system(name))
            line.append(f" {mean:>3.1f} ".ljust(5))
        lines.append(line)
    return Text("\n").join(lines)


def ranked_bars(
    rows: Sequence[tuple[str, int, str]], *, width: int, styles: ChartStyles | None = None
) -> Text:
    """(label, count, words after the bar) rows as bars as long as their counts allow."""
    styles = styles or ChartStyles()
    if not rows:
        return Text("")
    label_width = min(max(len(label) for label, _, _ in rows), max(8, width // 3))
    tail_width = max(len(tail) for _, _, tail in rows)
    bar_width = max(4, width - label_width - tail_width - 2)
    top = max(count for _, count, _ in rows) or 1
    lines = []
    for label, count, tail in rows:
        short = label if len(label) <= label_width else label[: label_width - 1] + "…"
        line = Text()
        line.append(f"{short:<{label_width}} ", style=styles.label)
        line.append(_hbar(count / top, bar_width), style=styles.bar)
        line.append(f" {tail}")
        lines.append(line)
    return Text("\n").join(lines)


def _hbar(fraction: float, width: int) -> str:
    """A left-to-right bar ``fraction`` of ``width`` long (in eighths), padded to ``width``."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    bar = FULL * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
    return bar.ljust(width)


__all__ = [
    "ChartStyles",
    "calendar_weeks_for",
    "practice_calendar",
    "ranked_bars",
    "rating_chart",
    "systems_chart",
]
