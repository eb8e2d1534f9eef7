"""TUI test fixtures: local time fixed to UTC, and apps whose pause timers stand still."""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cfcoach.context import AppContext
from cfcoach.tui.app import CoachApp, create_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot needs a running loop) without an extra pytest plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(autouse=True)
def utc_local_time() -> Iterator[None]:
    """Times on screen are local; make local time UTC so screens read the same everywhere."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(autouse=True)
def fresh_error_log() -> Iterator[None]:
    """cfcoach's logger opens its file once per process; let each test log under its own home."""

    def drop_handlers() -> None:
        logger = logging.getLogger("cfcoach")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()

    drop_handlers()
    yield
    drop_handlers()


MakeApp = Callable[..., CoachApp]


@pytest.fixture
def make_app(context: AppContext) -> MakeApp:
    """create_app(context, ...) with pause countdowns held still (tests press ctrl+n instead)."""

    def make(**options: Any) -> CoachApp:
        options.setdefault("welcome", False)  # the first-run welcome has tests of its own
        app = create_app(context, **options)
        app.timers_running = False
        return app

    return make
