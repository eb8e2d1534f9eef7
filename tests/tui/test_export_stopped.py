"""The export screen writes through the same core as `cfcoach export` (issue 17): a signal
while the file is written removes the partial file and closes the coach with 128 + the
signal; what ``kill -9`` left is removed by the next export and said once."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
from pathlib import Path
from typing import TextIO

import pytest

from cfcoach.context import AppContext
from cfcoach.export.registry import ExportBundle
from cfcoach.export.writing import PARTIAL_SUFFIX
from cfcoach.tui.app import CLOSED_BY_SIGNAL
from cfcoach.tui.screens.notice import NoticeScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press
from tests.tui.test_export_screen import open_export, seeded, set_path, tick

__all__ = ["seeded"]  # the fixture, used by name


async def test_a_signal_while_the_file_is_written_leaves_nothing_and_closes_the_coach(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markdown = importlib.import_module("cfcoach.export.markdown_format")
    write = markdown.write

    def stopped_half_way(bundle: ExportBundle, out: TextIO) -> None:
        out.write("PRIVATE ANSWERS, the first half")
        out.flush()
        os.kill(os.getpid(), signal.SIGTERM)  # asyncio's handler is in place: the run goes on
        write(bundle, out)

    monkeypatch.setattr(markdown, "write", stopped_half_way)
    target = tmp_path / "report.md"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await tick(pilot, 1, 3)
        await set_path(pilot, target)
        await press(pilot, "ctrl+s")
        for _ in range(100):  # the app hears of the signal on its next turn
            if app._exit:
                break
            await pilot.pause()
        assert app._exit
        assert [str(message) for message in app._exit_renderables] == [CLOSED_BY_SIGNAL]
    assert app.return_code == 143
    assert list(tmp_path.glob("*report.md*")) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


async def test_what_kill_9_left_is_removed_by_the_next_export_and_said_once(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path
) -> None:
    finished = subprocess.Popen(["true"])
    finished.wait()  # a coach killed with -9 while writing: its process id is no one's now
    left = tmp_path / f".report.pdf.{finished.pid}.abcd1234{PARTIAL_SUFFIX}"
    left.write_bytes(b"%PDF-1.7 PRIVATE ANSWERS")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await tick(pilot, 1)
        await set_path(pilot, tmp_path / "report.md")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticeScreen)
        told = [notice.message for notice in app._notifications]
    assert told == [
        f"Removed an unfinished export file that a stopped cfcoach left in {tmp_path} "
        f"({left.name})."
    ]
    assert not left.exists()
    assert (tmp_path / "report.md").exists()
