"""Driving the installed `cfcoach` in a real terminal: a tmux session on a private server.

Everything waits by polling with a deadline (the screen, the process, the database), never
by sleeping a fixed time and hoping.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from cfcoach.store import Entry, EntryStore

WAIT_SECONDS = 20.0
T = TypeVar("T")


def cfcoach_command() -> str:
    """The installed `cfcoach`: on PATH, or beside the Python running the tests."""
    found = shutil.which("cfcoach") or shutil.which(
        "cfcoach", path=str(Path(sys.executable).parent)
    )
    if found is None:
        pytest.fail("the `cfcoach` command is not installed; run `pip install -e .` first")
    return found


def wait_until(check: Callable[[], T | None], what: str, timeout: float = WAIT_SECONDS) -> T:
    """Poll ``check`` until it returns something truthy; fail saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout:.0f}s")
        time.sleep(0.05)


class Terminal:
    """One tmux session on a private tmux server, read with capture-pane."""

    def __init__(
        self, home: Path, width: int = 80, height: int = 24, *, welcomed: bool = True
    ) -> None:
        """``welcomed``: the home has been through the first-run welcome (country GB)."""
        self.home = home
        if welcomed:
            from cfcoach.config import Settings, save_settings
            from cfcoach.paths import AppPaths

            paths = AppPaths(home / "data", home / "config", home / "state")
            if not paths.config_file.exists():
                save_settings(paths, Settings(country="GB", first_run_done=True))
        self.width = width
        self.height = height
        self.socket = f"cfcoach-e2e-{uuid.uuid4().hex[:8]}"
        self.session = "coach"

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=10,
        )

    def start(self, *args: str, keep_pane: bool = False) -> None:
        """Run ``cfcoach ARGS``; with ``keep_pane`` the pane stays after it exits, to be read."""
        command = " ".join(
            [
                "env",
                f"CFCOACH_HOME={shlex.quote(str(self.home))}",
                "TERM=xterm-256color",
                shlex.quote(cfcoach_command()),
                *map(shlex.quote, args),
            ]
        )
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            command,
        )
        if keep_pane:
            self.tmux("set-option", "-t", self.session, "remain-on-exit", "on")

    def running(self) -> bool:
        return self.tmux("has-session", "-t", self.session, check=False).returncode == 0

    def pane(self, field: str) -> str:
        result = self.tmux("display-message", "-p", "-t", self.session, field, check=False)
        return result.stdout.strip() if result.returncode == 0 else ""

    def pid(self) -> int:
        """The process in the pane: cfcoach itself (`env` execs it)."""
        return int(self.pane("#{pane_pid}"))

    def screen(self) -> str:
        result = self.tmux("capture-pane", "-p", "-t", self.session, check=False)
        return result.stdout if result.returncode == 0 else ""

    def history(self) -> str:
        """Everything the pane shows and scrolled past (after cfcoach left its screen)."""
        result = self.tmux("capture-pane", "-p", "-S", "-", "-t", self.session, check=False)
        return result.stdout if result.returncode == 0 else ""

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, *texts: str, timeout: float = WAIT_SECONDS) -> str:
        """Poll the screen until every one of ``texts`` is on it; fail with the screen if not."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.05)
        missing = [text for text in texts if text not in screen]
        raise AssertionError(
            f"{missing} did not appear within {timeout:.0f}s; the screen shows:\n{screen}"
        )

    def wait_until_closed(self, timeout: float = WAIT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                return
            time.sleep(0.05)
        raise AssertionError(f"cfcoach did not close; the screen shows:\n{self.screen()}")

    def wait_until_dead(self, pid: int, timeout: float = WAIT_SECONDS) -> str:
        """With ``keep_pane``: wait for cfcoach to exit; how it ended ("status 0", "signal 9")."""

        def ended() -> str | None:
            if self.pane("#{pane_dead}") != "1":
                return None
            told = self.pane("#{?pane_dead_signal,signal #{pane_dead_signal},}") or self.pane(
                "#{?#{!=:#{pane_dead_status},},status #{pane_dead_status},}"
            )
            # tmux 3.3 sometimes leaves the process unreaped and says nothing: ask the kernel.
            return told or zombie_status(pid)

        return wait_until(ended, "cfcoach exiting", timeout)

    def signal(self, signum: int) -> int:
        """Send ``signum`` to cfcoach; its pid (to watch it go)."""
        pid = self.pid()
        os.kill(pid, signum)
        return pid

    def sigkill(self) -> None:
        """Kill cfcoach outright: no handler runs, nothing more is saved."""
        pid = self.signal(signal.SIGKILL)
        wait_until(lambda: not alive(pid), "cfcoach dying")
        self.wait_until_closed()

    def kill(self) -> None:
        """Close the terminal under it (tmux sends SIGHUP to the pane's process)."""
        self.tmux("kill-session", "-t", self.session, check=False)

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def zombie_status(pid: int) -> str | None:
    """How an exited, not yet reaped process ended, from /proc (Linux), else ``None``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] != "Z" or len(fields) < 50:
        return None
    code = os.waitstatus_to_exitcode(int(fields[-1]))
    return f"signal {-code}" if code < 0 else f"status {code}"


# -- the database, read the way cfcoach reads it ----------------------------------------


def database(home: Path) -> Path:
    return home / "data" / "entries.sqlite3"


def latest_draft(home: Path, exercise_id: str) -> Entry | None:
    """The newest draft of ``exercise_id`` as saved right now (None before any save)."""
    if not database(home).exists():
        return None
    with EntryStore(database(home)) as store:
        return store.latest_draft(exercise_id)


def wait_for_draft(home: Path, exercise_id: str, fits: Callable[[Entry], bool], what: str) -> Entry:
    """Poll the store until the draft ``fits``; fail saying ``what`` was awaited."""

    def check() -> Entry | None:
        found = latest_draft(home, exercise_id)
        return found if found is not None and fits(found) else None

    return wait_until(check, what)


def integrity(home: Path) -> str:
    """SQLite's own check of the database file ("ok" when whole)."""
    connection = sqlite3.connect(f"file:{database(home)}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def log_text(home: Path) -> str:
    log = home / "state" / "cfcoach.log"
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def exported_entries(home: Path, *, drafts: bool = False) -> list[dict[str, Any]]:
    """The entries as `cfcoach export --format json` gives them."""
    command = [cfcoach_command(), "export", "--format", "json"]
    if drafts:
        command.append("--include-drafts")
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CFCOACH_HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    entries: list[dict[str, Any]] = json.loads(result.stdout)["entries"]
    return entries


def answers_of(entry: dict[str, Any]) -> dict[str, Any]:
    return {answer["step"]: answer["value"] for answer in entry["answers"]}
