"""`cfcoach run ID --resume/--new` reaches the coach as its draft choice."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from cfcoach.cli import main


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeApp:
    return_code = 0

    def run(self) -> None:
        pass


@pytest.mark.parametrize(("resume", "choice"), [(None, "ask"), (True, "resume"), (False, "new")])
def test_the_flag_becomes_the_draft_choice(
    home: object, monkeypatch: pytest.MonkeyPatch, resume: bool | None, choice: str
) -> None:
    seen: dict[str, Any] = {}

    def create_app(context: object, **options: Any) -> FakeApp:
        seen.update(options)
        return FakeApp()

    monkeypatch.setattr("cfcoach.tui.app.create_app", create_app)
    monkeypatch.setattr(sys, "stdin", FakeTerminal())
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    main.run_exercise(
        "daily-checkin", plain=False, resume=resume, theme="dark", reduced_motion=False
    )
    assert seen["start_exercise"] == "daily-checkin"
    assert seen["draft_choice"] == choice
