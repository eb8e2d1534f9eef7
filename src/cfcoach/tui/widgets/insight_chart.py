"""A picture from :mod:`cfcoach.textcharts`, drawn for the widget's width in theme colours."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from cfcoach.textcharts import ChartStyles

Draw = Callable[[int, ChartStyles], Text]


class InsightChart(Widget):
    """Draws ``draw(width, styles)``; the colours come from the component classes below."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chart--before",
        "chart--after",
        "chart--axis",
        "chart--bar",
        "chart--no-day",
        "chart--day-1",
        "chart--day-2",
        "chart--day-3",
        "chart--threat",
        "chart--drive",
        "chart--soothe",
    }
    DEFAULT_CSS = """
    InsightChart {
        height: auto;
    }
    """

    def __init__(self, draw: Draw, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.draw = draw

    def chart_styles(self) -> ChartStyles:
        def style(name: str) -> Style:
            return self.get_component_rich_style(f"chart--{name}", partial=False)

        return ChartStyles(
            before=style("before"),
            after=style("after"),
            axis=style("axis"),
            label="",
            bar=style("bar"),
            no_day=style("no-day"),
            day_levels=(style("day-1"), style("day-2"), style("day-3")),
            threat=style("threat"),
            drive=style("drive"),
            soothe=style("soothe"),
        )

    def render(self) -> Text:
        return self.draw(max(10, self.content_size.width), self.chart_styles())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.draw(max(10, width), ChartStyles()).split())
