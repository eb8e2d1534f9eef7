"""An OptionList whose arrow keys flow on to the next list instead of wrapping round."""

from __future__ import annotations

from textual.widgets import OptionList


class FlowingOptionList(OptionList):
    """Down on the last option moves focus on; up on the first moves it back."""

    def action_cursor_down(self) -> None:
        if self.option_count and self.highlighted == self.option_count - 1:
            self.screen.focus_next()
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.option_count and self.highlighted == 0:
            self.screen.focus_previous()
            return
        super().action_cursor_up()
