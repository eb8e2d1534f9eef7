"""Starting cfcoach from the shell, against starting Python (and Typer) alone."""

from __future__ import annotations

import sys

from benchmarks.registry import Bench, measure, ratio


@measure("python-pass", "python -c pass: starting the interpreter and nothing else")
def python_pass(bench: Bench) -> float:
    return bench.process([sys.executable, "-c", "pass"])


@measure("python-import-typer", 'python -c "import typer": the CLI library alone')
def python_import_typer(bench: Bench) -> float:
    return bench.process([sys.executable, "-c", "import typer"])


@measure(
    "cli-version",
    "cfcoach --version",
    baseline="python-pass",
    budget=ratio(2),
)
def cli_version(bench: Bench) -> float:
    return bench.cfcoach("--version")


@measure(
    "cli-help",
    "cfcoach --help",
    baseline="python-import-typer",
    budget=ratio(1.5),
)
def cli_help(bench: Bench) -> float:
    return bench.cfcoach("--help")


@measure(
    "cli-export-json-30d",
    "cfcoach export --format json --since 30d (to a file)",
    baseline="cli-help",
)
def cli_export_recent(bench: Bench) -> float:
    target = bench.scratch / "recent.json"
    return bench.cfcoach(
        "export", "--format", "json", "--since", "30d", "-o", str(target), "--force"
    )


@measure(
    "cli-content-list",
    "cfcoach content list (reads every exercise; checked ones come from the cache)",
    baseline="cli-help",
)
def cli_content_list(bench: Bench) -> float:
    return bench.cfcoach("content", "list", empty=True)


@measure(
    "cli-content-list-no-cache",
    "cfcoach content list with the exercise cache removed first (first start after a change)",
    baseline="cli-content-list",
)
def cli_content_list_cold(bench: Bench) -> float:
    (bench.empty_home / "state" / "cache" / "exercises.json").unlink(missing_ok=True)
    return bench.cfcoach("content", "list", empty=True)
