"""The TUI reads the safety rules in the background when an exercise opens, not before:
the home screen opens quickly and lightly (issue 8), and the first answer is not kept
waiting."""

from __future__ import annotations

import threading

import pytest

from cfcoach.safety import assessment
from cfcoach.tui.screens.runner import RunnerScreen
from tests.tui.conftest import MakeApp


@pytest.fixture
def cold() -> None:
    assessment._built_assessor.cache_clear()


async def test_the_rules_are_read_when_an_exercise_opens(
    make_app: MakeApp, cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    real_warm_up = assessment.warm_up

    def noting_warm_up() -> None:
        started.append(threading.current_thread().name)
        real_warm_up()

    monkeypatch.setattr(assessment, "warm_up", noting_warm_up)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert started == []  # the home screen does not read them
        assert assessment._built_assessor.cache_info().currsize == 0
        await pilot.press("s")  # today's check-in
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert started == [threading.current_thread().name]  # asked once, from the app
        for thread in threading.enumerate():
            if thread.name == "cfcoach-safety-warm-up":
                thread.join(timeout=60)
        assert assessment._built_assessor.cache_info().currsize == 1
