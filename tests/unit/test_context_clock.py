"""The context's own clock tells the same time, the same way, as the exercise runner's."""

from __future__ import annotations

from datetime import timedelta

from cfcoach import context, practice


def test_the_default_clock_is_local_time_with_its_offset() -> None:
    before = practice.system_clock()
    now = context.system_clock()
    after = practice.system_clock()
    assert now.tzinfo is not None
    assert now.utcoffset() == before.utcoffset() == after.utcoffset()
    assert type(now.tzinfo) is type(before.tzinfo)
    assert before <= now <= after + timedelta(seconds=1)


def test_a_context_uses_it_unless_given_another() -> None:
    assert context.AppContext().clock is context.system_clock
