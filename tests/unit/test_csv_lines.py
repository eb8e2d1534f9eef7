"""CSV lines are made field by field, for speed; they must be what csv.writer writes."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cfcoach.export.csv_format import cell, field, line

TRICKY = st.sampled_from(list(",\"\n\r\t =+-@'\x1b\x00\x85\u2028aé€😀"))
VALUES = st.one_of(
    st.text(TRICKY, max_size=20),
    st.text(TRICKY, min_size=121, max_size=300),  # long texts skip the cache
    st.integers(),
    st.booleans(),
    st.none(),
)


def written_by_csv_module(values: list[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([cell(v) for v in values])
    return buffer.getvalue()


@settings(max_examples=500)
@given(st.lists(VALUES, min_size=2, max_size=8))
def test_a_line_is_what_csv_writer_writes(values: list[object]) -> None:
    assert line([field(v) for v in values]) == written_by_csv_module(values)


def test_line_examples() -> None:
    assert line([field(v) for v in (7, "plain", 'say "hi"', "a, b", "two\nlines", "")]) == (
        '7,plain,"say ""hi""","a, b","two\nlines",\n'
    )
    assert line([field("=1+1"), field("\x1b[2J")]) == "'=1+1,\\x1b[2J\n"
    rows = list(csv.reader(io.StringIO(line([field('x,"y"\nz'), field(3)]))))
    assert rows == [['x,"y"\nz', "3"]]
