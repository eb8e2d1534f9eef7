"""How fast cfcoach is, at every size. Run by hand (not in CI):

    python benchmarks/run.py                         # 10,000 entries, every measure
    python benchmarks/run.py --entries 2000 --runs 3 --json /tmp/bench.json
    python benchmarks/run.py --only cli-version --only cli-help

It makes a temporary CFCOACH_HOME holding --entries generated entries (about 300 words
each, spread over five years, through the store API: benchmarks/generate_entries.py),
and an empty one beside it (both past the first-run welcome). Every measure runs once
to warm up and then --runs times; the table gives the median, fastest and slowest run,
the measure it is compared with (its baseline: run again, each of its runs just before
one of the measure's, so both see the same load on the machine), the ratio of the
medians, the budget from issue 8 and whether the median is within it. For
processes it also gives the median CPU time (user + system) the process used, and
whether that is within the budget: on a busy machine a process waits for a CPU, and
its CPU time shows what it costs by itself. The same
figures, with the machine they were measured on, go to --json (default
benchmarks/results.json, git-ignored).

The measures live beside this file, one module per area, each registered with
``@measure`` (benchmarks/registry.py):

- measures_startup: ``python -c pass``, ``python -c "import typer"``, ``cfcoach
  --version`` (≤ 2× python), ``cfcoach --help`` (≤ 1.5× import typer) and ``cfcoach
  export --format json --since 30d``;
- measures_tui: first paint of the home screen in tmux (≤ 1.2× a bare Textual app with
  one Label, measured the same way; also against python -c pass) and peak memory at the
  home screen (≤ 1.3× the bare app);
- measures_history: ``cfcoach history`` newest 5 and a search with ~N/100 matches as
  processes (≤ 50 ms beyond the same command with no entries) and in-process (≤ 50 ms),
  a keyset page, and in the TUI: opening history, a search, the insights screen;
- measures_safety: assess() of a 300-word answer at the 95th percentile (≤ 10 ms), and
  the warm-up that loads the rules and the model.
- measures_export: every entry as JSON, Markdown and CSV (≤ 1 s each, as a process) and
  the newest 30 as HTML and PDF (PDF ≤ 2 s).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the benchmarks package, when run as a script

# Each module registers its measures when imported, in the order of the table.
from benchmarks import measures_startup  # noqa: E402, I001
from benchmarks import measures_tui  # noqa: E402
from benchmarks import measures_history  # noqa: E402
from benchmarks import measures_export  # noqa: E402
from benchmarks import measures_safety  # noqa: E402
from benchmarks.generate_entries import generate  # noqa: E402
from benchmarks.registry import MEASURES, Bench, Measure  # noqa: E402

DEFAULT_OUTPUT = HERE / "results.json"
MODULES = (measures_startup, measures_tui, measures_history, measures_export, measures_safety)


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
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_average_at_start": load,
    }


def prepare_home(home: Path, entries: int, months: int) -> None:
    """A CFCOACH_HOME past the first-run welcome, with ``entries`` generated entries."""
    from cfcoach.config import Settings, save_settings
    from cfcoach.paths import AppPaths
    from cfcoach.store import EntryStore

    paths = AppPaths(home / "data", home / "config", home / "state")
    save_settings(paths, Settings(country="GB", first_run_done=True))
    if entries:
        with EntryStore(paths.database) as store:
            generate(store, entries, months, drafts=1)


def with_baselines(names: list[str]) -> list[str]:
    """``names`` and every measure they are compared with, baselines first."""
    ordered: list[str] = []

    def add(name: str) -> None:
        if name in ordered:
            return
        chosen = MEASURES[name]
        for other in (chosen.baseline, *chosen.also):
            if other:
                add(other)
        ordered.append(name)

    for name in names:
        add(name)
    return ordered


def scaled(chosen: Measure, value: float) -> float:
    return value * 1000 if chosen.unit == "ms" else value / (1024 * 1024)


def _figures(values: list[float], cpu: list[float], runs: int) -> dict[str, Any]:
    return {
        "median": round(statistics.median(values), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
        "values": [round(v, 2) for v in values],
        "cpu_median": round(statistics.median(cpu), 2) if len(cpu) == runs else None,
    }


def run_one(bench: Bench, chosen: Measure, runs: int) -> dict[str, Any]:
    """``runs`` timed runs of ``chosen`` after a warm-up; with a baseline, the baseline runs
    again, each run of it just before one of ``chosen`` (so both see the same load)."""
    paired = MEASURES[chosen.baseline] if chosen.baseline else None
    measures = [m for m in (paired, chosen) if m is not None]
    values: dict[str, list[float]] = {m.name: [] for m in measures}
    cpu: dict[str, list[float]] = {m.name: [] for m in measures}
    for each in measures:
        each.run(bench)  # warm-up: caches, first imports
    for _ in range(runs):
        for each in measures:
            bench.cpu = None
            values[each.name].append(scaled(each, each.run(bench)))
            if bench.cpu is not None and each.unit == "ms":
                cpu[each.name].append(bench.cpu * 1000)
    found = {"what": chosen.what, "unit": chosen.unit, "runs": runs}
    found.update(_figures(values[chosen.name], cpu[chosen.name], runs))
    if paired is not None:
        found["paired_baseline"] = _figures(values[paired.name], cpu[paired.name], runs)
    return found


def compare(results: dict[str, dict[str, Any]]) -> None:
    """Add each figure's baseline, ratio, budget and verdict (from medians; the baseline's
    are from its runs interleaved with this measure's)."""
    for name, found in results.items():
        chosen = MEASURES[name]
        base = found.get("paired_baseline")
        base_median = base["median"] if base else None
        found["baseline"] = chosen.baseline
        found["baseline_median"] = base_median
        found["ratio"] = round(found["median"] / base_median, 2) if base_median else None
        found["beyond_baseline"] = (
            round(found["median"] - base_median, 2) if base_median is not None else None
        )
        found["also"] = {
            other: round(found["median"] / results[other]["median"], 2)  # not interleaved
            for other in chosen.also
            if other in results and results[other]["median"]
        }
        found["budget"] = chosen.budget.describe(chosen.unit) if chosen.budget else None
        found["ok"] = chosen.budget.allows(found["median"], base_median) if chosen.budget else None
        base_cpu = base["cpu_median"] if base else None
        found["ok_by_cpu"] = (
            chosen.budget.allows(found["cpu_median"], base_cpu)
            if chosen.budget
            and found["cpu_median"] is not None
            and (base_cpu is not None or chosen.budget.kind == "at-most")
            else None
        )


def run_measures(bench: Bench, names: list[str], runs: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    try:
        for name in names:
            results[name] = run_one(bench, MEASURES[name], runs)
            found = results[name]
            print(f"  {name}: {found['median']} {found['unit']}", file=sys.stderr)
    finally:
        measures_tui.stop_server()
    compare(results)
    return results


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def table(results: dict[str, dict[str, Any]]) -> str:
    """One row per figure: median, min, max, baseline, ratio, budget, within budget."""
    head = (
        f"{'figure':<34} {'median':>10} {'min':>9} {'max':>9} {'cpu':>9}  {'baseline (its median)':<46} "
        f"{'ratio':>6}  {'budget':<10} ok? (by cpu)"
    )
    lines = [head, "-" * len(head)]
    for name, found in results.items():
        unit = found["unit"]
        baseline = "—"
        if found["baseline"]:
            baseline = f"{found['baseline']} ({_number(found['baseline_median'], unit)})"
        ratio = f"{found['ratio']:.2f}×" if found["ratio"] is not None else "—"
        words = {True: "yes", False: "NO", None: "—"}
        verdict = words[found["ok"]]
        if found["ok_by_cpu"] is not None:
            verdict += f" ({words[found['ok_by_cpu']]})"
        lines.append(
            f"{name:<34} {_number(found['median'], unit):>10} {_number(found['min']):>9} "
            f"{_number(found['max']):>9} {_number(found['cpu_median']):>9}  {baseline:<46} "
            f"{ratio:>6}  {found['budget'] or '—':<10} {verdict}"
        )
        for other, other_ratio in found["also"].items():
            lines.append(
                f"{'':<34} {'':>10} {'':>9} {'':>9} {'':>9}  {other:<46} {other_ratio:>5.2f}×"
            )
    return "\n".join(lines)


def compile_bytecode() -> None:
    """Compile cfcoach's modules to bytecode first, as ``pip install`` does.

    From a checkout (an editable install), Python writes bytecode at first import, unless
    PYTHONDONTWRITEBYTECODE is set, when every start compiles every module again (about
    20 ms for the coach); an installed cfcoach never pays that, so the measures should not.
    """
    import compileall

    import cfcoach

    compileall.compile_dir(str(Path(cfcoach.__file__).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, help="entries to generate")
    parser.add_argument("--months", type=int, default=60, help="months they are spread over")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measure")
    parser.add_argument(
        "--only", action="append", choices=sorted(MEASURES), help="run only this measure"
    )
    parser.add_argument(
        "--json", "--output", dest="output", type=Path, default=DEFAULT_OUTPUT,
        help="where to write the results as JSON",
    )  # fmt: skip
    args = parser.parse_args()
    names = with_baselines(args.only or list(MEASURES))

    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="cfcoach-bench-") as folder:
        root = Path(folder)
        home, empty, scratch = root / "home", root / "empty-home", root / "out"
        scratch.mkdir()
        started = time.perf_counter()
        prepare_home(home, args.entries, args.months)
        prepare_home(empty, 0, args.months)
        bench = Bench(
            home=home,
            empty_home=empty,
            scratch=scratch,
            entries=args.entries,
            months=args.months,
            env={**os.environ, "CFCOACH_HOME": str(home)},
            empty_env={**os.environ, "CFCOACH_HOME": str(empty)},
        )
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
        "runs": args.runs,
        "machine": machine(),
        "measures": results,
    }
    print(table(results))
    info = report["machine"]
    print(
        f"\n{args.entries:,} entries · {info['nproc']} CPUs · {info['cpu']} · "
        f"Python {info['python']} · load {info['load_average_at_start']}"
    )
    missed = [name for name, found in results.items() if found["ok"] is False]
    print("Over budget: " + (", ".join(missed) if missed else "none"))
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
