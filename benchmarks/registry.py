"""The benchmark's registry: what a measure is, what it is compared with, and its budget.

A measure is a function ``run(bench) -> value`` (seconds for times, bytes for memory),
registered with :func:`measure`. It may name a ``baseline`` (another measure, run in the
same session) and a :class:`Budget`: a ratio to the baseline, an amount beyond it, or an
absolute limit.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BudgetKind = Literal["ratio", "beyond", "at-most"]
Unit = Literal["ms", "MiB"]


@dataclass(frozen=True)
class Budget:
    """How good a figure must be: ``ratio`` ≤ limit × baseline, ``beyond`` ≤ baseline + limit,
    ``at-most`` ≤ limit (limits in the measure's unit)."""

    kind: BudgetKind
    limit: float

    def allows(self, value: float, baseline: float | None) -> bool | None:
        """Whether ``value`` is within budget (None when the baseline is missing)."""
        if self.kind == "at-most":
            return value <= self.limit
        if baseline is None:
            return None
        if self.kind == "ratio":
            return value <= self.limit * baseline
        return value - baseline <= self.limit

    def describe(self, unit: Unit) -> str:
        if self.kind == "ratio":
            return f"≤ {self.limit:g}×"
        if self.kind == "beyond":
            return f"≤ +{self.limit:g} {unit}"
        return f"≤ {self.limit:g} {unit}"


@dataclass
class Bench:
    """What every measure may use: the filled home, an empty one, and scratch space."""

    home: Path
    """A CFCOACH_HOME with ``entries`` generated entries (and the welcome already seen)."""
    empty_home: Path
    """A CFCOACH_HOME with no entries (the welcome seen): process start with nothing to read."""
    scratch: Path
    """A folder for exported files."""
    entries: int
    months: int
    env: dict[str, str] = field(default_factory=dict)
    empty_env: dict[str, str] = field(default_factory=dict)
    cpu: float | None = None
    """CPU seconds (user + system) the measured process used in the last run, when known:
    on a busy machine it shows what the process itself cost, without waiting for a CPU."""

    @property
    def database(self) -> Path:
        return self.home / "data" / "entries.sqlite3"

    def command(self) -> list[str]:
        """How to start cfcoach: the installed script beside this Python, else ``-m``."""
        script = shutil.which("cfcoach", path=str(Path(sys.executable).parent))
        return [script] if script else [sys.executable, "-m", "cfcoach"]

    def cfcoach(self, *args: str, empty: bool = False) -> float:
        """Seconds ``cfcoach ARGS`` takes as its own process (output thrown away)."""
        return self.process([*self.command(), *args], env=self.empty_env if empty else self.env)

    def process(self, argv: list[str], env: dict[str, str] | None = None) -> float:
        """Seconds a process takes from start to exit (output thrown away)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        finish(argv, env=env or self.env)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return seconds


def finish(
    argv: list[str], *, env: dict[str, str] | None = None, capture: bool = False, limit: float = 300
) -> str:
    """Run ``argv`` to its end and return its output (when ``capture``); fail if it fails.

    Not ``subprocess.run(timeout=...)``: with a timeout, Python waits for the child by
    polling with sleeps of up to 50 ms, which would round every time measured here up to
    the next poll. This waits for the exit itself, and a timer kills a process that hangs.
    """
    process = subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    killer = threading.Timer(limit, process.kill)
    killer.start()
    try:
        output, _ = process.communicate()
    finally:
        killer.cancel()
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, argv)
    return output or ""


@dataclass(frozen=True)
class Measure:
    name: str
    what: str
    run: Callable[[Bench], float]
    unit: Unit = "ms"
    baseline: str | None = None
    budget: Budget | None = None
    group: str = ""
    also: tuple[str, ...] = ()
    """Further measures to give this one's ratio to (not budgeted)."""


MEASURES: dict[str, Measure] = {}


def measure(
    name: str,
    what: str,
    *,
    unit: Unit = "ms",
    baseline: str | None = None,
    budget: Budget | None = None,
    also: tuple[str, ...] = (),
) -> Callable[[Callable[[Bench], float]], Callable[[Bench], float]]:
    """Register ``function(bench) -> seconds`` (or bytes, for ``unit="MiB"``) as ``name``."""

    def register(function: Callable[[Bench], float]) -> Callable[[Bench], float]:
        group = function.__module__.rsplit(".", 1)[-1].removeprefix("measures_")
        MEASURES[name] = Measure(name, what, function, unit, baseline, budget, group, also)
        return function

    return register


def ratio(limit: float) -> Budget:
    return Budget("ratio", limit)


def beyond(limit: float) -> Budget:
    return Budget("beyond", limit)


def at_most(limit: float) -> Budget:
    return Budget("at-most", limit)
