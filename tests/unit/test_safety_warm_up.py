"""Warming the safety rules early: one assessor, however many ask while it is built."""

from __future__ import annotations

import threading

import pytest

from cfcoach.safety import assessment


@pytest.fixture
def cold() -> None:
    assessment._built_assessor.cache_clear()


def test_warm_up_builds_the_assessor_in_a_thread(cold: None) -> None:
    assessment.warm_up()
    warmer = next(t for t in threading.enumerate() if t.name == "cfcoach-safety-warm-up")
    warmer.join(timeout=60)
    assert not warmer.is_alive()
    assert assessment._built_assessor.cache_info().currsize == 1
    assert assessment.assess("I want to kill myself").flagged


def test_callers_during_the_warm_up_share_one_assessor(cold: None) -> None:
    found: list[object] = []
    callers = [
        threading.Thread(target=lambda: found.append(assessment.default_assessor()))
        for _ in range(4)
    ]
    assessment.warm_up()
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(timeout=60)
    assert len(found) == 4
    assert found[0] is not None
    assert all(item is found[0] for item in found)
    assert assessment._built_assessor.cache_info().misses == 1
