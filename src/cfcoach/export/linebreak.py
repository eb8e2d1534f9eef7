"""Break text into lines that fit a width, given a way to measure a string.

Linear in the length of the text (each word is measured once), which keeps long PDF
reports fast; a word wider than a whole line is broken between characters.
"""

from __future__ import annotations

from collections.abc import Callable


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The lines of ``text`` (its own line breaks kept) no wider than ``width``."""
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: str | None = None
        line_width = 0.0
        for word in paragraph.split(" "):
            word_width = measure(word)
            if line is not None and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line is not None:
                lines.append(line)
            while word_width > width and len(word) > 1:
                head = _longest_head(word, width, measure)
                lines.append(head)
                word = word[len(head) :]
                word_width = measure(word)
            line, line_width = word, word_width
        lines.append(line or "")
    return lines


def _longest_head(word: str, width: float, measure: Callable[[str], float]) -> str:
    """The longest start of ``word`` that fits ``width`` (at least one character)."""
    used, end = 0.0, 0
    for index, character in enumerate(word):
        used += measure(character)
        if used > width:
            break
        end = index + 1
    return word[: max(end, 1)]
