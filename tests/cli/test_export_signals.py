"""`cfcoach export` stopped part way (issue 17): nothing of the answers is left behind.

SIGTERM, SIGHUP and SIGINT remove the hidden partial file at once and end with the code a
shell expects (128 + the signal); what ``kill -9`` leaves is removed by the next export
into that folder, which says so in one line. The export is a PDF of a few hundred entries,
long enough to be caught while it is written: the test waits for the partial file to
appear, then sends the signal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.generate_entries import generate

from cfcoach.export.writing import PARTIAL_SUFFIX
from cfcoach.paths import app_paths
from cfcoach.store import EntryStore
from tests.cli.conftest import Run
from tests.conftest import FIXED_NOW

ENTRIES = 300


@pytest.fixture
def journal(home: Path) -> Path:
    with EntryStore(app_paths().database) as store:
        generate(store, ENTRIES, 6, now=FIXED_NOW)
    return home


def start_export(home: Path, target: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cfcoach", "export", "--output", str(target)],
        env={**os.environ, "CFCOACH_HOME": str(home)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def hidden(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("."))


def while_writing(export: subprocess.Popen[str], folder: Path) -> Path:
    """The partial file, once the export has begun to write it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = hidden(folder)
        if found:
            return found[0]
        assert export.poll() is None, "the export ended before it could be stopped"
        time.sleep(0.005)  # polling for the file, not waiting for a time
    raise AssertionError("the export never began to write")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_writing_leaves_nothing_and_exits_with_its_code(
    journal: Path, tmp_path: Path, signum: int
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    export = start_export(journal, target)
    while_writing(export, folder)
    export.send_signal(signum)
    _, stderr = export.communicate(timeout=120)

    assert export.returncode == 128 + signum, stderr  # 143, 129, 130: never 0, never killed
    assert stderr.splitlines()[-1] == (
        f"Stopped before the export was finished; nothing was written to {target}."
    )
    assert "Traceback" not in stderr
    assert list(folder.iterdir()) == []


def test_what_kill_9_leaves_is_removed_by_the_next_export_into_that_folder(
    journal: Path, tmp_path: Path, cfcoach: Run
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    export = start_export(journal, folder / "report.pdf")
    partial = while_writing(export, folder)
    export.kill()
    export.communicate(timeout=120)
    assert hidden(folder) == [partial]  # nothing can tidy up after SIGKILL ...
    assert partial.name.startswith(f".report.pdf.{export.pid}.")
    assert partial.name.endswith(PARTIAL_SUFFIX)
    running = folder / f".other.md.{os.getpid()}.abcdefgh{PARTIAL_SUFFIX}"
    running.write_text("an export still being written", encoding="utf-8")

    again = cfcoach("export", "--last", "1", "--output", str(folder / "later.md"))

    assert again.returncode == 0, again.stderr
    assert (  # ... so the next export does, and says so
        f"Removed an unfinished export file that a stopped cfcoach left in {folder} "
        f"({partial.name})."
    ) in again.stderr.splitlines()
    assert sorted(p.name for p in folder.iterdir()) == sorted([running.name, "later.md"])
