"""How fast cfcoach looks back through many entries. Run by hand (not in CI):

    python benchmarks/run.py                       # 10,000 entries, every measure
    python benchmarks/run.py --entries 2000 --runs 5
    python benchmarks/run.py --only store-search --only cli-search

It makes a temporary CFCOACH_HOME holding --entries generated entries (about 300 words
each, spread over five years, through the store API: benchmarks/generate_entries.py),
runs every measure once to warm up and then --runs times, and prints one table of the
median, fastest and slowest run in milliseconds. The same figures, with the machine they
were measured on, go to benchmarks/results.json (git-ignored; --output to choose).

The measures are a small registry: a function decorated with ``@measure(name, what)``
takes the :class:`Bench` and returns the seconds one run took. Add more the same way
(startup, export, memory...); ``--only NAME`` runs just those.

What is measured now:

- ``cli-history-newest-5``: ``cfcoach history --limit 5`` as its own process (start-up,
  opening the database and the query, as a person would wait for it);
- ``cli-search``: ``cfcoach history --search birthday --limit 1000`` as a process: a
  full-text search listing all of its ~N/100 matches;
- ``store-history-newest-5`` / ``store-search``: the same two queries in-process
  (``EntryStore.history`` plus ``history_count``), to separate the query from start-up;
- ``store-history-page-50``: a page of 50 from the middle of the list (keyset paging);
- ``tui-history-first-rows``: in a headless Textual app (Pilot, 80x24), from pressing
  ``h`` on the home screen until the history table first draws rows;
- ``tui-search``: in the history screen, from Enter after typing the search until the
  table first draws its matches;
- ``tui-insights-ready``: from pressing ``i`` until the first chart is drawn (the screen
  opens at once, saying it is gathering; the figures are read in a thread).

The TUI measures stop at the first frame that shows the result (a probe on the widget's
drawing), not when Pilot has finished waiting for the app to settle, which takes longer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # benchmarks.generate_entries, when run as a script

from benchmarks.generate_entries import RARE_WORD, generate  # noqa: E402
from cfcoach.store import EntryStore  # noqa: E402
from cfcoach.store.entries import EntryQuery  # noqa: E402

DEFAULT_OUTPUT = HERE / "results.json"
ALL = EntryQuery(include_private=True)


@dataclass
class Bench:
    """What every measure may use: the filled home, its database, and how it was made."""

    home: Path
    entries: int
    months: int
    env: dict[str, str] = field(default_factory=dict)

    @property
    def database(self) -> Path:
        return self.home / "data" / "entries.sqlite3"

    def cfcoach(self, *args: str) -> float:
        """Seconds ``cfcoach ARGS`` takes as its own process (output thrown away)."""
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cfcoach", *args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=120,
        )
        return time.perf_counter() - started


@dataclass(frozen=True)
class Measure:
    name: str
    what: str
    run: Callable[[Bench], float]


MEASURES: dict[str, Measure] = {}


def measure(name: str, what: str) -> Callable[[Callable[[Bench], float]], Callable[[Bench], float]]:
    """Register ``function(bench) -> seconds`` as the measure ``name``."""

    def register(function: Callable[[Bench], float]) -> Callable[[Bench], float]:
        MEASURES[name] = Measure(name, what, function)
        return function

    return register


# -- the measures ------------------------------------------------------------------------------


@measure("cli-history-newest-5", "cfcoach history --limit 5 (a process)")
def cli_history_newest(bench: Bench) -> float:
    return bench.cfcoach("history", "--limit", "5")


@measure("cli-search", f"cfcoach history --search {RARE_WORD} --limit 1000 (a process)")
def cli_search(bench: Bench) -> float:
    return bench.cfcoach("history", "--search", RARE_WORD, "--limit", "1000")


def _timed_store_call(bench: Bench, call: Callable[[EntryStore], object]) -> float:
    with EntryStore(bench.database) as store:
        started = time.perf_counter()
        call(store)
        return time.perf_counter() - started


@measure("store-history-newest-5", "EntryStore.history, newest 5, and the count")
def store_history_newest(bench: Bench) -> float:
    def call(store: EntryStore) -> None:
        store.history(ALL, limit=5)
        store.history_count(ALL)

    return _timed_store_call(bench, call)


@measure("store-search", f"EntryStore.history, search '{RARE_WORD}' (all matches), and the count")
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

    def __init__(self, widget_class: type, ready: Callable[[Any], bool]) -> None:
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


# -- running -----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def run_measures(bench: Bench, names: list[str], runs: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        chosen = MEASURES[name]
        chosen.run(bench)  # warm-up: caches, first imports
        seconds = [chosen.run(bench) for _ in range(runs)]
        results[name] = {
            "what": chosen.what,
            "runs": runs,
            "median_ms": round(statistics.median(seconds) * 1000, 2),
            "min_ms": round(min(seconds) * 1000, 2),
            "max_ms": round(max(seconds) * 1000, 2),
        }
        print(f"  {name}: {results[name]['median_ms']} ms", file=sys.stderr)
    return results


def table(results: dict[str, dict[str, Any]]) -> str:
    head = f"{'measure':<24} {'median ms':>10} {'min ms':>9} {'max ms':>9}  what"
    lines = [head, "-" * len(head)]
    for name, found in results.items():
        lines.append(
            f"{name:<24} {found['median_ms']:>10.1f} {found['min_ms']:>9.1f} "
            f"{found['max_ms']:>9.1f}  {found['what']}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, help="entries to generate")
    parser.add_argument("--months", type=int, default=60, help="months they are spread over")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each measure")
    parser.add_argument(
        "--only", action="append", choices=sorted(MEASURES), help="run only this measure"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the JSON file")
    args = parser.parse_args()
    names = args.only or list(MEASURES)

    with tempfile.TemporaryDirectory(prefix="cfcoach-bench-") as folder:
        home = Path(folder) / "home"
        env = {**os.environ, "CFCOACH_HOME": str(home)}
        bench = Bench(home=home, entries=args.entries, months=args.months, env=env)
        started = time.perf_counter()
        with EntryStore(bench.database) as store:
            generate(store, args.entries, args.months, drafts=1)
        print(
            f"Generated {args.entries:,} entries in {time.perf_counter() - started:.1f} s; "
            f"measuring {len(names)} things {args.runs} times each...",
            file=sys.stderr,
        )
        results = run_measures(bench, names, args.runs)

    report = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "entries": args.entries,
        "months": args.months,
        "machine": machine(),
        "measures": results,
    }
    print(table(results))
    info = report["machine"]
    print(
        f"\n{args.entries:,} entries · {info['nproc']} CPUs · {info['cpu']} · Python {info['python']}"
    )
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
