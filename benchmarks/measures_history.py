"""Looking back through many entries: history and search, as processes, in-process and
in the TUI (a headless Textual app driven by Pilot).

The process measures' baselines are the same command in a home with no entries, so the
budget "at most 50 ms beyond process start" reads as: at most 50 ms more than starting
cfcoach and finding nothing.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from typing import Any

from benchmarks.generate_entries import RARE_WORD
from benchmarks.registry import Bench, at_most, beyond, measure
from cfcoach.store import EntryStore
from cfcoach.store.entries import EntryQuery

ALL = EntryQuery(include_private=True)
NEWEST_5 = ("history", "--limit", "5")
SEARCH = ("history", "--search", RARE_WORD, "--limit", "1000")


@measure("cli-history-newest-5-no-entries", "cfcoach history --limit 5, in a home with no entries")
def cli_history_newest_empty(bench: Bench) -> float:
    return bench.cfcoach(*NEWEST_5, empty=True)


@measure(
    "cli-history-newest-5",
    "cfcoach history --limit 5 (a process)",
    baseline="cli-history-newest-5-no-entries",
    budget=beyond(50),
)
def cli_history_newest(bench: Bench) -> float:
    return bench.cfcoach(*NEWEST_5)


@measure(
    "cli-search-no-entries", f"cfcoach history --search {RARE_WORD}, in a home with no entries"
)
def cli_search_empty(bench: Bench) -> float:
    return bench.cfcoach(*SEARCH, empty=True)


@measure(
    "cli-search",
    f"cfcoach history --search {RARE_WORD} --limit 1000 (a process; ~N/100 matches)",
    baseline="cli-search-no-entries",
    budget=beyond(50),
)
def cli_search(bench: Bench) -> float:
    return bench.cfcoach(*SEARCH)


def _timed_store_call(bench: Bench, call: Callable[[EntryStore], object]) -> float:
    with EntryStore(bench.database) as store:
        started = time.perf_counter()
        call(store)
        return time.perf_counter() - started


@measure(
    "store-history-newest-5",
    "EntryStore.history, newest 5, and the count (in-process)",
    budget=at_most(50),
)
def store_history_newest(bench: Bench) -> float:
    def call(store: EntryStore) -> None:
        store.history(ALL, limit=5)
        store.history_count(ALL)

    return _timed_store_call(bench, call)


@measure(
    "store-search",
    f"EntryStore.history, search '{RARE_WORD}' (all matches), and the count (in-process)",
    budget=at_most(50),
)
def store_search(bench: Bench) -> float:
    def call(store: EntryStore) -> None:
        page = store.history(ALL, search=RARE_WORD, limit=1000)
        assert page.items, "the search found nothing: was the home generated?"
        store.history_count(ALL, search=RARE_WORD)

    return _timed_store_call(bench, call)


@measure("store-history-page-50", "EntryStore.history, 50 entries from the middle (keyset)")
def store_history_middle(bench: Bench) -> float:
    with EntryStore(bench.database) as store:
        page = store.history(ALL, limit=bench.entries // 2)
        started = time.perf_counter()
        store.history(ALL, after=page.next, limit=50)
        return time.perf_counter() - started


def _pilot(bench: Bench, steps: Callable[[Any, Any], Any]) -> float:
    """Run ``steps(app, pilot)`` (a coroutine returning seconds) in a headless 80x24 app."""
    os.environ["CFCOACH_HOME"] = str(bench.home)
    from cfcoach.context import AppContext
    from cfcoach.paths import app_paths
    from cfcoach.tui.app import create_app

    async def main() -> float:
        app = create_app(AppContext(paths=app_paths()))
        app.timers_running = False
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seconds: float = await steps(app, pilot)
            return seconds

    return asyncio.run(main())


class FirstDrawn:
    """Notes when a widget class first draws while ``ready(widget)`` holds.

    Pilot's own waiting (for the screen to settle, for idle) takes far longer than
    drawing, so the TUI measures stop at the first frame that shows what was asked for.
    """

    def __init__(self, widget_class: Any, ready: Callable[[Any], bool]) -> None:
        self.widget_class = widget_class
        self.ready = ready
        self.at: float | None = None
        self._original = widget_class.render_lines

    def __enter__(self) -> FirstDrawn:
        original, probe = self._original, self

        def render_lines(widget: Any, crop: Any) -> Any:
            lines = original(widget, crop)
            if probe.at is None and probe.ready(widget):
                probe.at = time.perf_counter()
            return lines

        self.widget_class.render_lines = render_lines
        return self

    def __exit__(self, *_: object) -> None:
        self.widget_class.render_lines = self._original

    async def wait(self, pilot: Any, started: float) -> float:
        while self.at is None:
            if time.perf_counter() - started > 60:
                raise RuntimeError("nothing was drawn within a minute")
            await pilot.pause()
        return self.at - started


@measure("tui-history-first-rows", "TUI: h on the home screen until the table draws rows")
def tui_history_first_rows(bench: Bench) -> float:
    from cfcoach.tui.screens.history import HistoryTable

    async def steps(app: Any, pilot: Any) -> float:
        with FirstDrawn(HistoryTable, lambda table: table.row_count > 0) as drawn:
            started = time.perf_counter()
            await pilot.press("h")
            return await drawn.wait(pilot, started)

    return _pilot(bench, steps)


@measure("tui-search", f"TUI: Enter after typing '{RARE_WORD}' until the matches are drawn")
def tui_search(bench: Bench) -> float:
    from cfcoach.tui.screens.history import HistoryTable

    def showing_matches(table: Any) -> bool:
        screen = table.screen
        return bool(screen.search_text == RARE_WORD and table.row_count)

    async def steps(app: Any, pilot: Any) -> float:
        await pilot.press("h", "slash", *RARE_WORD)
        with FirstDrawn(HistoryTable, showing_matches) as drawn:
            started = time.perf_counter()
            await pilot.press("enter")
            return await drawn.wait(pilot, started)

    return _pilot(bench, steps)


@measure("tui-insights-ready", "TUI: i on the home screen until the first chart is drawn")
def tui_insights_ready(bench: Bench) -> float:
    from cfcoach.tui.widgets.insight_chart import InsightChart

    async def steps(app: Any, pilot: Any) -> float:
        with FirstDrawn(InsightChart, lambda chart: True) as drawn:
            started = time.perf_counter()
            await pilot.press("i")
            return await drawn.wait(pilot, started)

    return _pilot(bench, steps)
