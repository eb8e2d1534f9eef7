"""The home screen opens without the exercise models, pydantic or Typer (issue 8: first
paint and memory), and still says everything: the exercises, and where a draft was left."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from cfcoach.config import Settings, save_settings
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from tests.conftest import FIXED_NOW

HOME_RUN = textwrap.dedent(
    """
    import asyncio, json, sys
    from cfcoach.context import AppContext
    from cfcoach.tui.app import create_app

    async def main():
        context = AppContext()
        app = create_app(context, welcome=False)
        seen = {}
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen["screen"] = " ".join(
                str(w.render()) for w in app.screen.query("Static, OptionList")
            ) + " " + " ".join(
                str(o.prompt) for l in app.screen.query("OptionList") for o in l.options
            )
            seen["loaded_at_home"] = sorted(
                m for m in ("pydantic", "typer", "cfcoach.content.models", "cfcoach.engine")
                if m in sys.modules
            )
            seen["library_loaded"] = context._library is not None
            if "--open" in sys.argv:  # the positive control: opening an exercise loads them
                await pilot.press("s")
                await pilot.pause()
                seen["loaded_after"] = "pydantic" in sys.modules
        print(json.dumps(seen))

    asyncio.run(main())
    """
)


def run_home(home: Path, *extra: str) -> dict[str, object]:
    import json

    result = subprocess.run(
        [sys.executable, "-c", HOME_RUN, *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


def test_home_opens_without_the_models_and_still_shows_where_a_draft_was_left(
    home: Path, context: AppContext
) -> None:
    save_settings(context.paths, Settings(country="GB", first_run_done=True))
    checkin = context.library.get("daily-checkin")  # also fills the exercise cache
    assert checkin is not None
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, lambda: FIXED_NOW)
        practice.answer()  # past the welcome
        practice.answer("You always mess things up.")
        step, steps = practice.session.progress()

    seen = run_home(home)
    assert seen["loaded_at_home"] == []
    assert seen["library_loaded"] is False
    assert checkin.title in str(seen["screen"])
    assert f"step {step} of {steps}" in str(seen["screen"])

    opened = run_home(home, "--open")
    assert opened["loaded_after"] is True
