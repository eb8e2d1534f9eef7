"""The fast indented JSON writer writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cfcoach.export.json_text import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
keys = st.text() | st.integers() | st.booleans() | st.none()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(keys, inner, max_size=3)
    ),
    max_leaves=20,
)


def expected(value: Any, pad: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


@given(values, st.sampled_from(["", "  ", "    "]))
def test_the_same_text_as_json_dumps(value: Any, pad: str) -> None:
    assert dumps(value, pad) == expected(value, pad)


def test_an_export_record_shape() -> None:
    record = {
        "id": 3,
        "exercise": {"id": "daily-checkin", "version": 1, "title": "Daily check-in"},
        "finished_at": None,
        "private": False,
        "answers": [{"step": "critic", "value": 'Line one\n"quoted" \u2028 é 😀'}],
        "skipped": [],
        "note": {},
    }
    assert dumps(record, "    ") == expected(record, "    ")
