"""Report text is made safe to show the same way, short or long (long takes a quicker path)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cfcoach.export.csv_format import cell
from cfcoach.export.report import safe
from cfcoach.textsafety import printable

TRICKY = st.sampled_from(list('\n\r\t ,"=\x1b\x00\x07\x7f\x85\x9b\u2028\u00a0aé😀'))


@settings(max_examples=300)
@given(st.text(TRICKY, max_size=300))
def test_safe_is_printable_short_or_long(text: str) -> None:
    assert safe(text) == printable(text)


@settings(max_examples=300)
@given(st.text(TRICKY, min_size=121, max_size=300))
def test_a_long_csv_cell_is_made_printable(text: str) -> None:
    made = printable(text)
    assert cell(text) in (made, "'" + made)


def test_examples() -> None:
    assert safe("a" * 200 + "\x1b[2J") == "a" * 200 + "\\x1b[2J"
    assert safe("b" * 200 + "\nline two") == "b" * 200 + "\nline two"
    assert cell("=" + "c" * 200 + "\x07") == "'=" + "c" * 200 + "\\x07"
