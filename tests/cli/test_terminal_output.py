"""Output as a terminal and a pipe get it: JSON ends its last line, and a reader that goes
away (`| head`) ends cfcoach quietly (issue 17)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.generate_entries import generate

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore


@pytest.fixture
def some_entries(home: Path) -> None:
    with EntryStore(app_paths().database) as store:
        generate(store, 300, 7)


def in_a_terminal(home: Path, *args: str) -> bytes:
    """What ``cfcoach ARGS`` writes to its standard output when that is a terminal."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "CFCOACH_HOME": str(home), "COLUMNS": "80"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cfcoach", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is gone: all is read
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return written


@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("export", "--format", "json", "--last", "2"),
        ("history", "--json"),
        ("show", "1", "--json"),
    ],
)
def test_json_in_a_terminal_ends_its_last_line(
    home: Path, some_entries: None, args: tuple[str, ...]
) -> None:
    written = in_a_terminal(home, *args)
    assert written.rstrip(b"\r\n").endswith((b"}", b"]"))
    assert written.endswith(b"\n")


@pytest.mark.parametrize(
    "args",
    [("history", "--limit", "300"), ("export", "--format", "md"), ("show", "1")],
)
def test_a_reader_that_goes_away_ends_cfcoach_quietly(
    home: Path, some_entries: None, args: tuple[str, ...]
) -> None:
    """As `cfcoach history | head -3`: no message, no traceback, and not exit 1 (which
    would read as "could not be saved"), but 141, as a shell reports a closed pipe."""
    environment = {**os.environ, "CFCOACH_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cfcoach", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # gone before cfcoach writes a word
    err = process.stderr.read()
    code = process.wait(timeout=60)

    assert code == 141
    assert b"Traceback" not in err and b"Exception" not in err
    assert b"Something went wrong" not in err
