"""Free-text answer boxes: one line (Enter goes on) or several (Enter makes a new line)."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from cfcoach.tui.widgets.submit import SubmitRequested


class AnswerArea(TextArea):
    """A soft-wrapped TextArea for longer answers; Tab moves focus on and never inserts a tab."""

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


class LineAnswer(Input):
    """A one-line answer; Enter asks to go on."""

    def answer_value(self) -> str:
        return self.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SubmitRequested())
