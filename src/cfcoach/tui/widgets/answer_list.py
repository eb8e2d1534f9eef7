"""Labelled answers shown back to the person: pinned earlier answers, or a review."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static


def answers_content(rows: Sequence[tuple[str, str]]) -> Content:
    """Each answer as its label (bold) over its text; plain text, never markup."""
    parts: list[Content] = []
    for index, (label, answer) in enumerate(rows):
        if index:
            parts.append(Content("\n\n"))
        parts.append(Content.assemble((label, "bold"), "\n", Content(answer)))
    return Content("").join(parts)


def compact_answers_content(rows: Sequence[tuple[str, str]]) -> Content:
    """Each answer on one line after its label: "Label: answer"."""
    return Content("\n").join(
        Content.assemble((f"{label}: ", "bold"), Content(answer)) for label, answer in rows
    )


class AnswerList(Static):
    """Labels and answers in a quiet box; ``title`` goes on the box's border.

    ``compact`` puts each answer on its label's line (for short summaries).
    """

    def __init__(
        self,
        rows: Sequence[tuple[str, str]],
        *,
        title: str = "",
        compact: bool = False,
        classes: str = "",
    ) -> None:
        content = compact_answers_content(rows) if compact else answers_content(rows)
        super().__init__(content, classes=f"answer-list {classes}".strip())
        if title:
            self.border_title = title
