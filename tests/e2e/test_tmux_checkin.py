"""End to end: the installed `cfcoach` in a real terminal (tmux, 80x24), driven by keys.

A check-in is completed and exported; then a second check-in is killed halfway (the
terminal closed under it) and the next start offers to continue, with the answers there.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

CRITIC = "You always get it wrong"
THREAT = "Being rejected"
DRIVE = "Never making mistakes"
KIND = "You are learning and that is fine"
WAIT_SECONDS = 20.0


def cfcoach_command() -> str:
    """The installed `cfcoach`: on PATH, or beside the Python running the tests."""
    found = shutil.which("cfcoach") or shutil.which(
        "cfcoach", path=str(Path(sys.executable).parent)
    )
    if found is None:
        pytest.fail("the `cfcoach` command is not installed; run `pip install -e .` first")
    return found


class Terminal:
    """One tmux session on a private tmux server, read with capture-pane."""

    def __init__(self, home: Path, width: int = 80, height: int = 24) -> None:
        self.home = home
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

    def start(self, *args: str) -> None:
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

    def running(self) -> bool:
        return self.tmux("has-session", "-t", self.session, check=False).returncode == 0

    def screen(self) -> str:
        result = self.tmux("capture-pane", "-p", "-t", self.session, check=False)
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

    def kill(self) -> None:
        self.tmux("kill-session", "-t", self.session, check=False)

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; the end-to-end test drives cfcoach in a tmux terminal")
    home = tmp_path / "cfcoach-home"
    term = Terminal(home)
    try:
        yield term
    finally:
        term.close()


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


def test_a_whole_checkin_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_for("Start today's check-in")
    terminal.keys("Enter")
    terminal.wait_for("Welcome to today's check-in", "Step 1 of 9")
    terminal.keys("C-n")
    terminal.wait_for("What is the critic saying?")
    terminal.type(CRITIC)
    terminal.wait_for(CRITIC)
    terminal.keys("C-n")
    terminal.wait_for("How strongly do those words land?", CRITIC)
    terminal.keys("5")
    terminal.wait_for("Your answer: 5")
    terminal.keys("Enter")
    terminal.wait_for("What might the critic be protecting you from?")
    terminal.type(THREAT)
    terminal.wait_for(THREAT)
    terminal.keys("C-n")
    terminal.wait_for("What is the critic pushing you towards?")
    terminal.type(DRIVE)
    terminal.wait_for(DRIVE)
    terminal.keys("C-n")
    terminal.wait_for("A soothing-rhythm pause", "left")
    terminal.keys("C-n")
    screen = terminal.wait_for("What would your compassionate self say?")
    assert CRITIC in screen  # the critic's words stay in view
    terminal.type(KIND)
    terminal.wait_for(KIND)
    terminal.keys("C-n")
    terminal.wait_for("How strongly do the critic's words land now?")
    terminal.keys("3")
    terminal.wait_for("Your answer: 3")
    terminal.keys("Enter")
    terminal.wait_for("Thank you for taking this time", "3 out of 10")
    terminal.keys("C-n")
    terminal.wait_for("Saved on this computer")
    terminal.keys("q")
    terminal.wait_until_closed()

    [entry] = exported_entries(terminal.home)
    assert entry["status"] == "completed"
    assert answers_of(entry) == {
        "critic": CRITIC,
        "intensity_before": 5,
        "threat": THREAT,
        "drive": DRIVE,
        "compassionate": KIND,
        "intensity_after": 3,
    }


def test_a_checkin_killed_halfway_can_be_continued(terminal: Terminal) -> None:
    terminal.start("run", "daily-checkin")
    terminal.wait_for("Welcome to today's check-in")
    terminal.keys("C-n")
    terminal.wait_for("What is the critic saying?")
    terminal.type(CRITIC)
    terminal.wait_for(CRITIC)
    terminal.keys("C-n")
    terminal.wait_for("How strongly do those words land?")
    terminal.keys("6", "Enter")
    terminal.wait_for("What might the critic be protecting you from?")
    terminal.kill()  # the terminal closes under it: no chance to save on the way out
    terminal.wait_until_closed()

    [draft] = exported_entries(terminal.home, drafts=True)
    assert draft["status"] == "draft"
    assert answers_of(draft) == {"critic": CRITIC, "intensity_before": 6}

    terminal.start()
    terminal.wait_for("Continue where you left off", "step 4 of 9")
    terminal.keys("c")
    screen = terminal.wait_for("What might the critic be protecting you from?", "Step 4 of 9")
    assert CRITIC in screen  # the earlier answer is pinned again
    terminal.keys("C-b")
    terminal.wait_for("How strongly do those words land?", "Your answer: 6")
    terminal.keys("C-q")
    terminal.wait_until_closed()
