"""Opening the coach opens the entries database once: the CLI opens it first (to tell a
problem in one sentence, before any screen) and hands it to the app (issue 8)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import cfcoach.tui.app
from cfcoach.cli.open_tui import open_tui
from cfcoach.context import AppContext
from cfcoach.store import EntryStore


class FakeApp:
    return_code = 0

    def __init__(self, store: EntryStore | None) -> None:
        self.store = store

    def run(self) -> None:
        assert self.store is not None
        self.store.recent(1)  # open and usable while the app runs


def test_the_app_gets_the_store_the_cli_opened(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    opened: list[EntryStore] = []
    real_open = AppContext.open_store

    def counting_open(self: AppContext) -> EntryStore:
        store = real_open(self)
        opened.append(store)
        return store

    made: list[FakeApp] = []

    def fake_create_app(context: AppContext, **options: Any) -> FakeApp:
        made.append(FakeApp(options.get("store")))
        return made[-1]

    monkeypatch.setattr(AppContext, "open_store", counting_open)
    monkeypatch.setattr(cfcoach.tui.app, "create_app", fake_create_app)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    open_tui()
    assert len(opened) == 1
    assert made[0].store is opened[0]
    opened[0].close()


def test_without_a_terminal_the_store_is_closed_before_leaving(
    monkeypatch: pytest.MonkeyPatch, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    closed: list[bool] = []
    real_close = EntryStore.close

    def noting_close(self: EntryStore) -> None:
        closed.append(True)
        real_close(self)

    monkeypatch.setattr(EntryStore, "close", noting_close)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    with pytest.raises(SystemExit) as ended:
        open_tui()
    assert ended.value.code == 2
    assert closed == [True]
    assert "needs a terminal" in capsys.readouterr().err
