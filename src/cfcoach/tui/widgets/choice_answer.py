"""Choice inputs: one option (Enter picks it and goes on) or several (space ticks, Enter goes on)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option

from cfcoach.content.models import Option as ChoiceOption
from cfcoach.tui.widgets.keys_in_order import OwnBindingsInOrder
from cfcoach.tui.widgets.submit import SubmitRequested


class SingleChoice(OwnBindingsInOrder, OptionList):
    """One of several options; the highlighted one is the answer."""

    def __init__(
        self, options: Sequence[ChoiceOption], chosen: str | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(
            *(Option(option.label, id=option.value) for option in options), id=id, markup=False
        )
        self._chosen = chosen
        self._touched = False

    def on_mount(self) -> None:
        if self._chosen is not None:
            values = [option.id for option in self.options]
            if self._chosen in values:
                self.highlighted = values.index(self._chosen)

    def answer_value(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def kept_value(self) -> str | None:
        """What the person chose themselves: the highlight the list starts with isn't kept."""
        return self.answer_value() if self._touched else self._chosen

    def on_key(self, event: events.Key) -> None:
        self._touched = True

    def on_click(self, event: events.Click) -> None:
        self._touched = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # The option Enter was pressed on, even if a quick arrow key has moved on since.
        self.highlighted = event.option_index
        self.post_message(SubmitRequested())


class MultipleChoice(OwnBindingsInOrder, SelectionList[str]):
    """Several options: space ticks or unticks one, Enter gives the ticked ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Ticked at once: SelectionList's own space ticks whichever option is highlighted
        # when its message is handled, so "space, down" typed quickly ticked the wrong one.
        Binding("space", "tick", "Tick", show=False),
        Binding("enter", "submit", "Go on", show=False),
    ]

    def __init__(
        self, options: Sequence[ChoiceOption], chosen: Sequence[str] = (), *, id: str | None = None
    ) -> None:
        super().__init__(
            *((option.label, option.value, option.value in chosen) for option in options), id=id
        )

    def answer_value(self) -> list[str]:
        return list(self.selected)

    def action_tick(self) -> None:
        """Tick or untick the highlighted option, now."""
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def action_submit(self) -> None:
        self.post_message(SubmitRequested())

    def render_line(self, y: int) -> Strip:
        """Each option's box, with an X only when it is ticked.

        Textual draws an X in every box and tells ticked from unticked by colour alone,
        which a monochrome terminal, a colour-blind eye or a screen reader cannot see.
        """
        line = super().render_line(y)
        segments = list(line)
        _, scroll_y = self.scroll_offset
        # Which option this line shows, and which of its lines (a long label wraps).
        lines = self._lines
        number = scroll_y + y
        if len(segments) < 4 or not 0 <= number < len(lines):
            return line
        index, offset = lines[number]
        if offset > 0:  # a wrapped label's next line: no box of its own
            blank = Segment(" ", segments[3].style)
            return Strip([blank, blank, blank, *segments[3:]], line.cell_length)
        ticked = self.get_option_at_index(index).value in self.selected
        inner = segments[1]
        segments[1] = Segment("X" if ticked else " ", inner.style, inner.control)
        return Strip(segments, line.cell_length)
