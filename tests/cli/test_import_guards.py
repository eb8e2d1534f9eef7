"""Which heavy libraries each command loads: a slow start shows up as a failing test.

Each command runs in a fresh interpreter through the real entry point
(``cfcoach.cli.entry.run``, as the installed script calls it); afterwards the probe
reports the exit code and every module in ``sys.modules``. A guard only counts when the
command did its work (exit code 0), and one positive case shows the probe sees a heavy
library when a command does load it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from benchmarks.generate_entries import entries_over

from cfcoach.config import Settings, save_settings
from cfcoach.paths import AppPaths
from cfcoach.store import EntryStore

PROBE = """
import json, sys
sys.argv = ["cfcoach", *json.loads(sys.argv[1])]
from cfcoach.cli.entry import run
code = 0
try:
    run()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

TUI_AND_PDF = ("textual", "fpdf")


@pytest.fixture(scope="module")
def filled_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home past the welcome, with a few dozen entries from the last months."""
    home = tmp_path_factory.mktemp("guards")
    paths = AppPaths(home / "data", home / "config", home / "state")
    save_settings(paths, Settings(country="GB", first_run_done=True))
    now = datetime.now(timezone.utc) - timedelta(hours=1)
    with EntryStore(paths.database) as store:
        store.add_new(entries_over(40, 3, now=now))
    return home


def probe(home: Path, *args: str) -> tuple[int, str, set[str]]:
    """Run ``cfcoach ARGS``: its exit code, what it wrote to stderr, the modules it loaded."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    before, _, report = result.stderr.rpartition("PROBE ")
    assert report, f"the probe did not report:\n{result.stderr}"
    found = json.loads(report)
    modules = set(found["modules"])
    assert "cfcoach.cli.entry" in modules
    return found["code"], before + result.stdout, modules


def loaded(home: Path, *args: str) -> set[str]:
    """The modules ``cfcoach ARGS`` loaded; fails the test if the command itself failed."""
    code, said, modules = probe(home, *args)
    assert code == 0, f"cfcoach {' '.join(args)} failed:\n{said}"
    return modules


def heavy(modules: set[str], libraries: tuple[str, ...]) -> list[str]:
    return sorted(
        m for m in modules if any(m == lib or m.startswith(lib + ".") for lib in libraries)
    )


def test_version_loads_neither_typer_nor_the_tui_nor_the_pdf_library(filled_home: Path) -> None:
    assert heavy(loaded(filled_home, "--version"), ("typer", *TUI_AND_PDF)) == []


def _export_to(home: Path, kind: str) -> tuple[str, ...]:
    target = home / f"export.{kind}"
    return ("export", "--format", kind, "-o", str(target), "--force")


COMMANDS: dict[str, tuple[str, ...]] = {
    "help": ("--help",),
    "history": ("history", "--limit", "5"),
    "history-search": ("history", "--search", "friend"),
    "history-json": ("history", "--json"),
    "show": ("show", "1"),
    "stats": ("stats",),
    "content-list": ("content", "list"),
    "doctor": ("doctor",),
    "help-now": ("help-now", "--country", "gb"),
    "settings": ("settings",),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_quick_commands_never_load_the_tui_or_the_pdf_library(
    filled_home: Path, name: str
) -> None:
    assert heavy(loaded(filled_home, *COMMANDS[name]), TUI_AND_PDF) == []


@pytest.mark.parametrize("kind", ["json", "md", "csv", "html"])
def test_exports_other_than_pdf_never_load_the_tui_or_the_pdf_library(
    filled_home: Path, kind: str
) -> None:
    modules = loaded(filled_home, *_export_to(filled_home, kind))
    assert heavy(modules, TUI_AND_PDF) == []
    assert (filled_home / f"export.{kind}").stat().st_size > 0  # it did export


def test_a_recent_json_export_never_loads_the_tui_or_the_pdf_library(filled_home: Path) -> None:
    args = (*_export_to(filled_home, "json"), "--since", "30d")
    assert heavy(loaded(filled_home, *args), TUI_AND_PDF) == []


def test_the_probe_sees_the_pdf_library_when_a_pdf_is_written(filled_home: Path) -> None:
    modules = loaded(filled_home, *_export_to(filled_home, "pdf"), "--last", "3")
    assert heavy(modules, ("fpdf",)) != []
    assert heavy(modules, ("textual",)) == []


RUNNER_AND_RULES = ("cfcoach.practice", "cfcoach.safety")
NO_EXERCISE_RUN = sorted(set(COMMANDS) - {"help-now"})


@pytest.mark.parametrize("name", NO_EXERCISE_RUN)
def test_commands_that_run_no_exercise_never_load_the_runner_or_the_safety_rules(
    filled_home: Path, name: str
) -> None:
    assert heavy(loaded(filled_home, *COMMANDS[name]), RUNNER_AND_RULES) == []


@pytest.mark.parametrize("kind", ["json", "md", "csv", "html"])
def test_exports_never_load_the_runner_or_the_safety_rules(filled_home: Path, kind: str) -> None:
    assert heavy(loaded(filled_home, *_export_to(filled_home, kind)), RUNNER_AND_RULES) == []


def test_the_probe_sees_the_safety_rules_when_crisis_lines_are_shown(filled_home: Path) -> None:
    assert heavy(loaded(filled_home, *COMMANDS["help-now"]), ("cfcoach.safety",)) != []


def test_the_coach_alone_opens_without_typer(filled_home: Path) -> None:
    """``cfcoach`` with no command goes straight to the coach (here it stops at once, as
    there is no terminal to draw in); ``cfcoach --help`` goes through Typer."""
    code, said, modules = probe(filled_home)
    assert code == 2 and "needs a terminal" in said
    assert heavy(modules, ("typer", "pydantic")) == []
    assert "typer" in {m.split(".")[0] for m in loaded(filled_home, "--help")}
