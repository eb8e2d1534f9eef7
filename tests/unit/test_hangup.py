"""After the terminal is closed, the process ends even if tidying the terminal blocks."""

from __future__ import annotations

import threading

from cfcoach.tui.hangup import leave_within


def test_the_process_is_ended_with_the_code_of_sighup_after_the_grace() -> None:
    ended: list[int] = []
    done = threading.Event()

    def end(code: int) -> None:
        ended.append(code)
        done.set()

    timer = leave_within(0.01, end)
    assert timer.daemon  # never keeps a process alive by itself
    assert done.wait(timeout=10)
    assert ended == [129]  # 128 + SIGHUP: what a shell reports for a process it ended


def test_nothing_is_ended_when_the_timer_is_cancelled_first() -> None:
    ended: list[int] = []
    timer = leave_within(60, ended.append)
    timer.cancel()
    timer.join(timeout=10)
    assert ended == []
