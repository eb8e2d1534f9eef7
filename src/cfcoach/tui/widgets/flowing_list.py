"""An OptionList whose arrow keys flow on to the next list instead of wrapping round."""

from __future__ import annotations

from textual.widgets import OptionList


class FlowingOptionList(OptionList):
    """Down on the last option moves focus to the next stop; up on the first, to the one
    before. At the first and last stops of the screen they stay: ↓ never goes to the top."""

    def action_cursor_down(self) -> None:
        if self.option_count and self.highlighted == self.option_count - 1:
            self._flow(1)
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.option_count and self.highlighted == 0:
            self._flow(-1)
            return
        super().action_cursor_up()

    def _flow(self, step: int) -> None:
        chain = self.screen.focus_chain
        if self not in chain:
            return
        index = chain.index(self) + step
        if 0 <= index < len(chain):
            chain[index].focus()
