"""Free-text answer boxes: one line (Enter goes on) or several (Enter makes a new line)."""

from __future__ import annotations

from textual.widgets import Input

from cfcoach.tui.widgets.safe_text import SafeInput, SafeTextArea
from cfcoach.tui.widgets.submit import SubmitRequested


class AnswerArea(SafeTextArea):
    """A soft-wrapped box for longer answers; Tab moves focus on and never inserts a tab.

    Control characters typed or pasted show as visible symbols (see ``safe_text``)."""

    def __init__(self, text: str = "", *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
            id=id,
        )

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)

    def answer_value(self) -> str:
        return self.text


class LineAnswer(SafeInput):
    """A one-line answer; Enter asks to go on. A pasted newline or tab becomes a space."""

    def answer_value(self) -> str:
        return self.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SubmitRequested())
