"""A 0–10 rating picker: arrow keys or digits choose, Enter goes on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from cfcoach.tui.widgets.keys_in_order import OwnBindingsInOrder
from cfcoach.tui.widgets.submit import SubmitRequested

SCALE = range(0, 11)


def anchor_rows(anchors: Mapping[int, str], cell: int, width: int) -> list[str]:
    """Anchor words placed under their points of the scale, spilling to a new row on overlap."""
    rows: list[list[str]] = []
    ends: list[int] = []  # where the last word on each row ends
    for point in sorted(anchors):
        word = anchors[point][:width]
        centre = point * cell + cell // 2
        start = min(max(centre - len(word) // 2, 0), max(width - len(word), 0))
        row = next((index for index, end in enumerate(ends) if start > end), None)
        if row is None:
            rows.append([" "] * width)
            ends.append(-1)
            row = len(rows) - 1
        rows[row][start : start + len(word)] = list(word)
        ends[row] = start + len(word)
    return ["".join(row).rstrip() for row in rows]


class RatingPicker(OwnBindingsInOrder, Widget, can_focus=True):
    """Choose a whole number from 0 to 10; shows the scale, its anchor words and the choice."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,down", "step(-1)", "Less", show=False),
        Binding("right,up", "step(1)", "More", show=False),
        Binding("home", "choose(0)", "0", show=False),
        Binding("end", "choose(10)", "10", show=False),
        Binding("enter", "submit", "Go on", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The person moved to another number (not yet given as the answer)."""

    def __init__(
        self,
        anchors: Mapping[int, str] | None = None,
        value: int | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.anchors = dict(anchors or {})
        self.set_reactive(RatingPicker.value, value)
        self._typed = ""

    def answer_value(self) -> int | None:
        return self.value

    def watch_value(self) -> None:
        self.post_message(self.Changed())

    def action_step(self, delta: int) -> None:
        # The first arrow press lands on the middle of the scale; later ones move from there.
        self.value = 5 if self.value is None else min(10, max(0, self.value + delta))
        self._typed = ""

    def action_choose(self, number: int) -> None:
        self.value = number
        self._typed = ""

    def action_submit(self) -> None:
        self.post_message(SubmitRequested())

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        event.prevent_default()
        digit = event.character
        if self._typed == "1" and digit == "0":
            self.value, self._typed = 10, ""
        else:
            self.value, self._typed = int(digit), digit

    def _cell(self) -> int:
        return max(3, min(6, self.content_size.width // 11 or 4))

    def render(self) -> Content:
        cell = self._cell()
        width = cell * 11
        numbers = []
        for point in SCALE:
            label = str(point).center(cell)
            numbers.append((label, "reverse bold") if point == self.value else label)
        lines = [Content.assemble(*numbers)]
        lines += [Content(row) for row in anchor_rows(self.anchors, cell, width)]
        lines.append(self._chosen_text())
        return Content("\n").join(lines)

    def _chosen_text(self) -> Content:
        if self.value is None:
            return Content.assemble(
                ("Nothing chosen yet: use ← → or type a number (1 then 0 for 10).", "dim")
            )
        words = self.anchors.get(self.value)
        chosen = f"{self.value}" + (f" ({words})" if words else "")
        return Content.assemble("Your answer: ", (chosen, "bold"), ("   Enter to go on", "dim"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        cell = max(3, min(6, width // 11 or 4))
        return 2 + len(anchor_rows(self.anchors, cell, cell * 11))
