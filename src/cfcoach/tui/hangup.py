"""Leaving once the terminal is closed, even when Textual cannot finish tidying it up.

After SIGHUP the app saves what is typed and exits. Textual's shutdown still writes to
the terminal to restore it, and with the terminal gone that write can block for good
(seen in tmux on a busy machine: the output queue full, its thread never draining it),
leaving a process behind. Everything is saved before this starts, so if the app has not
ended a few seconds later, the process simply ends.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable

HANGUP_GRACE_SECONDS = 3.0
"""How long an orderly exit may take after the terminal was closed."""
TIMER_NAME = "cfcoach-leave-after-hangup"


def leave_within(
    seconds: float, end: Callable[[int], object] = os._exit, *, code: int = 128 + signal.SIGHUP
) -> threading.Timer:
    """End the process with ``code`` after ``seconds`` unless it has ended by then.

    The code is the one the app would have exited with: 128 + the signal's number (129
    for SIGHUP), as a process ended by the signal would.
    """

    def leave() -> None:
        from cfcoach.errorlog import get_logger

        get_logger().warning("tui: still closing %.0f s after the terminal went; ending", seconds)
        for handler in get_logger().handlers:
            handler.flush()
        end(code)

    timer = threading.Timer(seconds, leave)
    timer.name = TIMER_NAME
    timer.daemon = True
    timer.start()
    return timer
