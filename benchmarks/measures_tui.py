"""Starting the TUI in a real terminal: time to first paint and peak memory, beside a bare
Textual app (one Label) measured the same way in the same run.

Each run starts a fresh process in a tmux session on a private tmux server that is
already running (so the server's own start is not counted), and polls
``tmux capture-pane -p`` until a known text is on the screen. For memory, it then waits
a second at the home screen (so work started just after the first paint counts too) and
reads the process's peak resident size (``VmHWM`` in ``/proc/PID/status``).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from benchmarks.registry import Bench, finish, measure, ratio

BARE_TEXT = "bare textual app ready"
BARE_APP = f'''
from textual.app import App
from textual.widgets import Label


class Bare(App[None]):
    def compose(self):
        yield Label("{BARE_TEXT}")


Bare().run()
'''
SETTLE_SECONDS = 1.0
"""How long the app stays at its first screen before its peak memory is read."""


def home_texts() -> tuple[str, ...]:
    """Texts that are on the home screen once it is drawn: the footer's crisis key and
    the daily check-in's title in the exercise list (read from the exercise itself)."""
    from cfcoach.content import load_exercise_file
    from cfcoach.paths import shipped_content_dir

    daily = load_exercise_file(shipped_content_dir() / "exercises" / "daily-checkin.yaml")
    return ("Help now", daily.title)


class TmuxServer:
    """A private tmux server, kept up by an idle session while the measures run."""

    def __init__(self, width: int = 80, height: int = 24) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed; the TUI measures need it")
        self.socket = f"cfcoach-bench-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.tmux("new-session", "-d", "-s", "idle", "-x", "20", "-y", "5", "cat")

    def tmux(self, *args: str, check: bool = True) -> str:
        try:
            return finish(["tmux", "-L", self.socket, *args], capture=True, limit=20)
        except subprocess.CalledProcessError:
            if check:
                raise
            return ""

    def first_paint(self, command: str, texts: tuple[str, ...]) -> tuple[float, int]:
        """Seconds from starting ``command`` until every one of ``texts`` is on screen,
        and the process id (the pane's process: ``env`` execs the program)."""
        session = f"s{uuid.uuid4().hex[:6]}"
        started = time.perf_counter()
        self.tmux(
            "new-session", "-d", "-s", session, "-x", str(self.width), "-y", str(self.height),
            command,
        )  # fmt: skip
        screen = ""
        while True:
            screen = self.tmux("capture-pane", "-p", "-t", session, check=False)
            if all(text in screen for text in texts):
                seconds = time.perf_counter() - started
                break
            if time.perf_counter() - started > 60:
                self.close(session)
                raise RuntimeError(f"{texts} did not appear within a minute:\n{screen}")
        pid = int(self.tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        self._session = session
        return seconds, pid

    def close(self, session: str | None = None) -> None:
        self.tmux("kill-session", "-t", session or self._session, check=False)

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_bytes(pid: int) -> int:
    """The process's peak resident set size so far (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("this system does not report VmHWM; the memory measures need Linux")


_server: TmuxServer | None = None


def server() -> TmuxServer:
    global _server
    if _server is None:
        _server = TmuxServer()
    return _server


def stop_server() -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None


def _cfcoach_command(bench: Bench) -> str:
    return " ".join(
        [
            "env",
            f"CFCOACH_HOME={shlex.quote(str(bench.home))}",
            "TERM=xterm-256color",
            *map(shlex.quote, bench.command()),
        ]
    )


def _bare_command(bench: Bench) -> str:
    script = bench.scratch / "bare_textual_app.py"
    if not script.exists():
        script.write_text(BARE_APP, encoding="utf-8")
    return " ".join(
        ["env", "TERM=xterm-256color", shlex.quote(sys.executable), shlex.quote(str(script))]
    )


def _paint(bench: Bench, command: str, texts: tuple[str, ...]) -> float:
    tmux = server()
    seconds, pid = tmux.first_paint(command, texts)
    bench.cpu = cpu_seconds(pid)
    tmux.close()
    wait_gone(pid)
    return seconds


def wait_gone(pid: int, limit: float = 10.0) -> None:
    """Wait until the process has ended, so its closing does not weigh on the next run
    (a closing cfcoach saves and tidies up while the next measure would already start)."""
    until = time.perf_counter() + limit
    while Path(f"/proc/{pid}").exists() and time.perf_counter() < until:
        time.sleep(0.005)


def _memory(command: str, texts: tuple[str, ...]) -> float:
    tmux = server()
    _, pid = tmux.first_paint(command, texts)
    settle_until = time.perf_counter() + SETTLE_SECONDS
    while time.perf_counter() < settle_until:  # stay at the screen, reading it, for a second
        tmux.tmux("capture-pane", "-p", check=False)
    peak = peak_rss_bytes(pid)
    tmux.close()
    wait_gone(pid)
    return float(peak)


@measure(
    "bare-textual-first-paint",
    f"a bare Textual app (one Label) in tmux 80x24, until '{BARE_TEXT}' shows",
    baseline="python-pass",
)
def bare_first_paint(bench: Bench) -> float:
    return _paint(bench, _bare_command(bench), (BARE_TEXT,))


@measure(
    "tui-first-paint",
    "cfcoach (TUI) in tmux 80x24, until the home screen shows its exercises and footer",
    baseline="bare-textual-first-paint",
    budget=ratio(1.2),
    also=("python-pass",),
)
def tui_first_paint(bench: Bench) -> float:
    return _paint(bench, _cfcoach_command(bench), home_texts())


@measure(
    "bare-textual-peak-rss",
    "peak memory (VmHWM) of the bare Textual app, a second after its first paint",
    unit="MiB",
)
def bare_rss(bench: Bench) -> float:
    return _memory(_bare_command(bench), (BARE_TEXT,))


@measure(
    "tui-peak-rss",
    "peak memory (VmHWM) of cfcoach at the home screen, a second after its first paint",
    unit="MiB",
    baseline="bare-textual-peak-rss",
    budget=ratio(1.3),
)
def tui_rss(bench: Bench) -> float:
    return _memory(_cfcoach_command(bench), home_texts())
