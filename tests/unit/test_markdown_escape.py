"""Markdown escaping on whole texts gives what escaping line by line gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cfcoach.export.markdown_format import escape

_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_LINE_START = re.compile(r"^(\s*)(\d+)?([#>+=-]|(?<=\d)[.)])")


def line_by_line(text: str) -> str:
    """The first, slower escape: each line on its own."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        line = _LINE_START.sub(lambda m: m[1] + (m[2] or "") + "\\" + m[3], line)
        lines.append(line)
    return "\n".join(lines)


TRICKY = st.sampled_from(list("\\`*_[]<>~|#+=-.)09 \t\r\n\x0b\x0c\u2028\u0085a"))


@settings(max_examples=500)
@given(st.text(TRICKY, max_size=40))
def test_escape_matches_escaping_each_line(text: str) -> None:
    assert escape(text) == line_by_line(text)


def test_examples() -> None:
    assert (
        escape("# title\n  12. item\n> quote\n\n- x")
        == "\\# title\n  12\\. item\n\\> quote\n\n\\- x"
    )
    assert escape("a_b [link](x) <b>") == "a\\_b \\[link\\](x) \\<b\\>"
