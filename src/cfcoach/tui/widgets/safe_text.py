"""Text boxes that never hold a raw control character, so none can reach the terminal.

Textual's TextArea and Input draw what they hold as it is: a pasted ESC would go to the
terminal and run as an escape sequence. These boxes pass everything put into them (typed,
pasted, loaded or set) through :func:`cfcoach.textsafety.typeable`, which turns each
control into a visible symbol (ESC shows as ␛). What the box shows is what it holds, and
what is saved.

Both run their own key bindings (backspace, arrows ...) in turn with the typing, so a burst
of keys edits the text in the order it was typed (see ``keys_in_order``).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from cfcoach.textsafety import typeable
from cfcoach.tui.widgets.keys_in_order import OwnBindingsInOrder


class SafeTextArea(OwnBindingsInOrder, TextArea):
    """A TextArea that takes every control character as its visible symbol."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(typeable(text), **kwargs)

    def edit(self, edit: Edit) -> EditResult:
        # Typing, pasting, insert(), replace() and cut all come through here; undo and
        # redo replay edits that already did.
        edit.text = typeable(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        super().load_text(typeable(text))


class SafeInput(OwnBindingsInOrder, Input):
    """A one-line Input that takes a newline or tab as a space and every other control
    character as its visible symbol."""

    def replace(self, text: str, start: int, end: int) -> None:
        # Typing, pasting and insert_text_at_cursor() come through here; the cursor then
        # lands after the text as taken (a Windows line end is one space, not two).
        super().replace(typeable(text, one_line=True), start, end)

    def validate_value(self, value: str) -> str:
        """Setting ``value`` directly is made safe the same way."""
        return typeable(value, one_line=True)
