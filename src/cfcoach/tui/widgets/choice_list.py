"""A short list of answers in a dialog, opening on its first (calm) answer, never wrapping.

Textual's OptionList opens with nothing highlighted unless told, and its arrow keys wrap
round: on a two-answer list opened on the second, ↓ went up to the first (issue 17: ↓ Enter
on the safety-plan offer opened the plan instead of "Maybe later"). Here the first answer,
which dialogs make the calm one, is highlighted from the first frame, and ↓ and ↑ stop at
the ends, so ↓ always means the answer below.
"""

from __future__ import annotations

from textual.widgets import OptionList


class ChoiceList(OptionList):
    """Answers, top to bottom; ``highlighted`` starts at 0 (set another after mounting)."""

    def on_mount(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()
