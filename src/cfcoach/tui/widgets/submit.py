"""The message an answer widget sends when the person presses Enter to go on."""

from __future__ import annotations

from textual.message import Message


class SubmitRequested(Message):
    """The person asked to give this step's answer and move on."""
