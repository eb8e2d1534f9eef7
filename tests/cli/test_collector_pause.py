"""`cfcoach` pauses the cycle collector while the coach opens, and never leaves it paused
(issue 8: first paint). The app turns it back on once home is drawn (checked in
tests/tui/test_collector_resumes.py), and the entry point does whatever happens."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import pytest

import cfcoach.cli.open_tui
from cfcoach.cli.entry import run


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    gc.enable()  # whatever a failing test left behind


@pytest.mark.parametrize("ending", ["returns", "exits", "raises"])
def test_the_collector_is_paused_while_the_coach_opens_and_back_on_after(
    monkeypatch: pytest.MonkeyPatch, home: Path, ending: str
) -> None:
    seen: list[bool] = []

    def fake_open_tui() -> None:
        seen.append(gc.isenabled())
        if ending == "exits":
            raise SystemExit(2)
        if ending == "raises":
            raise RuntimeError("boom")

    monkeypatch.setattr(cfcoach.cli.open_tui, "open_tui", fake_open_tui)
    monkeypatch.setattr(sys, "argv", ["cfcoach"])
    assert gc.isenabled()
    with pytest.raises(SystemExit) if ending != "returns" else nullcontext():
        run()  # "raises" ends as a calm message and exit code 1, the error logged in home
    assert seen == [False]
    assert gc.isenabled()


def test_other_commands_leave_the_collector_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["cfcoach", "--version"])
    gc.disable()  # as found: a command does not turn it on or off
    run()
    assert not gc.isenabled()
    assert capsys.readouterr().out.startswith("cfcoach ")
