"""Ratings drawn as a small horizontal bar chart: label, bar, value (a review with display: bars)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from cfcoach.tui.answer_text import shorten

BAR_MAX = 30
BAR_MIN = 10
LABEL_MAX = 36
# Calm colours from the theme, after the three circles' tags (no alarming red).
SYSTEM_STYLES = {
    "threat": "$text-accent",
    "drive": "$text-primary",
    "soothe": "$text-success",
}
DEFAULT_STYLE = "$text-primary"


class BarRow(NamedTuple):
    """One rating: its label, its value (``None`` when skipped) and its system, if any."""

    label: str
    value: int | None
    system: str | None = None


def bar_layout(rows: Sequence[BarRow], width: int) -> tuple[int, int] | None:
    """(label width, bar width) for one line per rating, or ``None`` if too narrow for that."""
    label_width = min(LABEL_MAX, max((len(row.label) for row in rows), default=0))
    bar_width = min(BAR_MAX, width - label_width - 2 - 3)  # two spaces, then " 10"
    if bar_width < BAR_MIN:
        return None
    return label_width, bar_width


def bar_cells(value: int, width: int) -> int:
    """How many of ``width`` cells a rating of ``value`` out of 10 fills."""
    return round(max(0, min(10, value)) * width / 10)


class RatingBars(Widget):
    """Draws each rating as a bar out of 10; narrow terminals put the label above its bar."""

    DEFAULT_CSS = """
    RatingBars {
        width: auto;
        max-width: 100%;
        height: auto;
    }
    """

    def __init__(self, rows: Sequence[BarRow], *, classes: str = "") -> None:
        super().__init__(classes=f"rating-bars {classes}".strip())
        self.rows = list(rows)

    def _bar(self, row: BarRow, width: int) -> Content:
        if row.value is None:
            return Content.styled("(skipped)".ljust(width + 3), "dim italic")
        filled = bar_cells(row.value, width)
        style = SYSTEM_STYLES.get(row.system or "", DEFAULT_STYLE)
        return Content.assemble(
            (("█" * filled), style),
            (("─" * (width - filled)), "dim"),
            (f"{row.value:>3}", "bold"),
        )

    def render(self) -> Content:
        width = self.content_size.width or 80
        layout = bar_layout(self.rows, width)
        lines: list[Content] = []
        if layout is not None:
            label_width, bar_width = layout
            for row in self.rows:
                label = shorten(row.label, label_width).ljust(label_width)
                lines.append(Content.assemble(Content(label), "  ", self._bar(row, bar_width)))
        else:
            bar_width = max(1, min(BAR_MAX, width - 3))
            for row in self.rows:
                lines.append(Content(shorten(row.label, width)))
                lines.append(self._bar(row, bar_width))
        return Content("\n").join(lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the chart at its fullest (the box hugs it on wide terminals)."""
        label_width = min(LABEL_MAX, max((len(row.label) for row in self.rows), default=0))
        return min(container.width, label_width + 2 + BAR_MAX + 3)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        per_row = 1 if bar_layout(self.rows, width) is not None else 2
        return len(self.rows) * per_row
