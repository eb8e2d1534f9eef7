"""Plain mode on a full or read-only disk: one sentence, the answer kept, a retry that saves."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cfcoach.cli.plain import EXIT_DONE, EXIT_STORE, PlainRunner
from cfcoach.context import AppContext
from tests.cli.test_plain_mode import CALM_ANSWERS
from tests.faults import DISK_FULL, READ_ONLY, Faults

ROOT = Path(__file__).resolve().parents[2]
FULL_SAID = "is full, so cfcoach could not save; free some space and try again."
# `cfcoach ARGS` with every store's writes failing (FAULT) after the first AFTER of them.
BROKEN_CFCOACH = """
import sys
from cfcoach.store import EntryStore
from tests.faults import FaultyConnection
fault, after, *args = sys.argv[1:]
real = EntryStore.__init__
def init(store, path):
    real(store, path)
    store._connection = FaultyConnection(store._connection, fault, int(after))
EntryStore.__init__ = init
from cfcoach.cli.main import app
sys.argv = ["cfcoach", *args]
app()
"""


def broken_cfcoach(
    home: Path, fault: str, after: int, stdin: str, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BROKEN_CFCOACH, fault, str(after), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=60,
    )


@pytest.mark.parametrize(
    ("fault", "said"), [(DISK_FULL, FULL_SAID), (READ_ONLY, "read-only; check that the folder")]
)
def test_a_pipe_gets_one_sentence_and_a_non_zero_exit(
    home: Path, context: AppContext, fault: str, said: str
) -> None:
    stdin = "\n".join(CALM_ANSWERS) + "\n"
    # The draft is made and the welcome step saved; the critic's words can't be.
    result = broken_cfcoach(home, fault, 2, stdin, "run", "daily-checkin", "--plain")

    assert result.returncode == EXIT_STORE
    assert said in " ".join(result.stdout.split())
    assert "Traceback" not in result.stdout + result.stderr
    log = context.paths.log_file.read_text()
    assert "saving in plain mode: DatabaseUnavailable" in log
    assert CALM_ANSWERS[0] not in log

    again = subprocess.run(  # the disk mended: the same answers, continued from the draft
        [sys.executable, "-m", "cfcoach", "run", "daily-checkin", "--plain", "--resume"],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=60,
    )
    assert again.returncode == EXIT_DONE, again.stdout
    with context.open_store() as store:
        [entry] = store.recent(5)
    assert entry.status == "completed"
    assert entry.answers["critic"] == CALM_ANSWERS[0]


class Keyboard(io.StringIO):
    """Lines typed at a terminal; ``on_line[n]`` runs just before line ``n`` is read."""

    def __init__(self, lines: list[str], on_line: dict[int, Callable[[], None]]) -> None:
        super().__init__("".join(line + "\n" for line in lines))
        self.read_lines = 0
        self.on_line = on_line

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        action = self.on_line.get(self.read_lines)
        if action is not None:
            action()
        self.read_lines += 1
        return super().readline()


def test_in_a_terminal_enter_tries_again_and_saves_the_answer_as_typed(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    faults = Faults().install(monkeypatch)

    def break_disk() -> None:
        faults.fault = DISK_FULL

    def mend_disk() -> None:
        faults.fault = None

    # Enter on the welcome; the critic's words (the disk is full); Enter to try again; stop.
    lines = ["", CALM_ANSWERS[0], "", "/stop"]
    keyboard = Keyboard(lines, {1: break_disk, 2: mend_disk})
    out = io.StringIO()

    code = PlainRunner(context, keyboard, out, interactive=True).run("daily-checkin")

    said = " ".join(out.getvalue().split())
    assert code == EXIT_DONE, said
    assert FULL_SAID in said
    assert "Your answer is kept for now: press Enter to try saving it again" in said
    assert said.count(FULL_SAID) == 1
    assert faults.failed == 1
    with context.open_store() as store:
        [entry] = store.recent(5)
    assert entry.status == "stopped" and entry.answers["critic"] == CALM_ANSWERS[0]
    assert "[3/16] How strongly do those words land?" in said  # went on once saved


def test_in_a_terminal_q_stops_with_the_earlier_steps_kept(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    faults = Faults().install(monkeypatch)

    def break_disk() -> None:
        faults.fault = DISK_FULL

    keyboard = Keyboard(["", CALM_ANSWERS[0], "q"], {1: break_disk})
    out = io.StringIO()

    code = PlainRunner(context, keyboard, out, interactive=True).run("daily-checkin")

    said = " ".join(out.getvalue().split())
    assert code == EXIT_STORE
    assert "Stopped here; the steps before this one are saved." in said
    assert "cfcoach run daily-checkin --plain --resume" in said
    faults.fault = None
    with context.open_store() as store:
        draft = store.latest_draft("daily-checkin")
    assert draft is not None and "critic" not in draft.answers
