"""Break text into lines that fit a width, given a way to measure a string.

Linear in the length of the text, which keeps long PDF reports fast: each word is measured
once, and a word wider than a whole line (a long link, a key held down) is broken between
characters in one pass over it, each of its characters measured once (issue 17: measuring
what was left of such a word again for every line made a 300 KB word take 90 s).
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


def wrap(text: str, width: float, measure: Measure) -> list[str]:
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
            if word_width > width and len(word) > 1:
                word, word_width = _break_word(word, width, measure, lines)
            line, line_width = word, word_width
        lines.append(line or "")
    return lines


def _break_word(word: str, width: float, measure: Measure, lines: list[str]) -> tuple[str, float]:
    """Add the full lines of the too-wide ``word`` to ``lines``; return the rest and its width.

    One pass, each character measured once: a line ends before the character that would
    make it wider than ``width`` (every line holds at least one character).
    """
    widths: dict[str, float] = {}
    start, used = 0, 0.0
    for index, character in enumerate(word):
        character_width = widths.get(character)
        if character_width is None:
            character_width = widths[character] = measure(character)
        if used + character_width > width and index > start:
            lines.append(word[start:index])
            start, used = index, 0.0
        used += character_width
    return word[start:], used
