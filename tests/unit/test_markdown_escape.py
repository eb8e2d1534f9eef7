"""Markdown escaping on whole texts gives what escaping line by line gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cfcoach.export.markdown_format import escape, quote

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


@settings(max_examples=300)
@given(st.text(TRICKY, min_size=121, max_size=400))
def test_long_texts_escape_as_short_ones_do(text: str) -> None:
    """Texts over 120 characters are escaped without the cache, on a faster path."""
    assert escape(text) == line_by_line(text)


def quote_line_by_line(text: str) -> str:
    """The first quote: every line looked at, even when there is only one."""
    lines = escape(text.strip("\n")).split("\n")
    out = []
    for index, line in enumerate(lines):
        line = line.rstrip()
        last = index == len(lines) - 1
        following_blank = not last and not lines[index + 1].strip()
        hard_break = "" if last or not line or following_blank else "  "
        out.append(f"> {line}{hard_break}" if line else ">")
    return "\n".join(out)


@settings(max_examples=500)
@given(st.text(TRICKY, max_size=200))
def test_quote_matches_quoting_each_line(text: str) -> None:
    assert quote(text) == quote_line_by_line(text)


def test_quote_examples() -> None:
    assert quote("one line  ") == "> one line"
    assert quote(" \t") == ">"
    assert quote("\nfirst\nsecond\n\n# third\n") == "> first  \n> second\n>\n> \\# third"
