"""End to end: the installed `cfcoach` killed in a real terminal, and nothing lost.

cfcoach runs in tmux (80x24) on a small exercise of the tests' own (so shipped content can
change freely). It is killed with SIGKILL between steps, in the middle of a long answer once
the typing has been saved, and around the moment a save happens; each time it is started
again and the draft must come back with every completed step and the typed words up to the
last save. SIGHUP (the terminal closed) and SIGTERM save what is typed and exit cleanly,
with 128 + the signal (143 for SIGTERM), as a shell expects.
Every wait polls the screen, the process or the database, with a deadline.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from cfcoach.store import Entry
from tests.e2e.harness import (
    Terminal,
    alive,
    integrity,
    latest_draft,
    log_text,
    wait_for_draft,
    wait_until,
)
from tests.tui.exercises import JOURNAL

pytestmark = pytest.mark.e2e

WORDS = "A heavy week at work and I kept telling myself I was useless"
MORE = " but I did get the report done"
SAVE_DELAY = 1.5  # the runner saves this long after the last key (RunnerScreen.save_delay)


@pytest.fixture(autouse=True)
def journal(terminal: Terminal) -> None:
    folder = terminal.home / "data" / "exercises"
    folder.mkdir(parents=True, mode=0o700)
    (folder / "journal.yaml").write_text(JOURNAL)


def pending(entry: Entry) -> dict[str, str]:
    saved: dict[str, str] = entry.state.get("pending", {})
    return saved


def open_words_step(terminal: Terminal, *args: str, keep_pane: bool = False) -> None:
    terminal.start("run", "journal", *args, keep_pane=keep_pane)
    terminal.wait_for("Hello", "Step 1 · about 7 to go")
    terminal.keys("C-n")
    terminal.wait_for("What is on your mind?", "Step 2 · about 6 to go")


def restart_resuming(terminal: Terminal, *expected: str) -> str:
    terminal.start("run", "journal", "--resume")
    return terminal.wait_for(*expected)


def assert_nothing_leaked(home: Path, *texts: str) -> None:
    log = log_text(home)
    for text in texts:
        assert text not in log


def test_killed_between_steps_every_completed_step_comes_back(terminal: Terminal) -> None:
    open_words_step(terminal)
    terminal.type(WORDS)
    terminal.wait_for("kept telling myself")
    terminal.keys("C-n")
    terminal.wait_for("How is the weather inside?")
    terminal.keys("Down", "Enter")  # the highlight starts on Sunny: Down is Cloudy
    terminal.wait_for("Step 4 · about 4 to go")
    terminal.keys("7", "Enter")
    terminal.wait_for("Drive", "Step 5 · about 3 to go")
    wait_for_draft(
        terminal.home, "journal", lambda d: d.state["current"] == "drive", "the move to drive"
    )
    terminal.sigkill()

    draft = latest_draft(terminal.home, "journal")
    assert draft is not None
    assert draft.answers == {"words": WORDS, "mood": "cloudy", "threat": 7}
    assert integrity(terminal.home) == "ok"

    # Started again without a flag: it offers to carry on, at the same step.
    terminal.start("run", "journal")
    terminal.wait_for("Welcome back", "at step 5 of 8")
    terminal.keys("Enter")  # "Continue where I left off"
    terminal.wait_for("Drive", "Step 5 · about 3 to go")
    terminal.keys("C-b")
    terminal.wait_for("Threat", "Your answer: 7")
    terminal.keys("C-b")
    terminal.wait_for("How is the weather inside?")
    terminal.keys("C-b")
    terminal.wait_for(WORDS[:40])
    terminal.keys("C-q")
    terminal.wait_until_closed()
    assert_nothing_leaked(terminal.home, WORDS)


def test_killed_in_the_middle_of_typing_keeps_the_words_up_to_the_last_save(
    terminal: Terminal,
) -> None:
    open_words_step(terminal)
    terminal.type(WORDS)
    saved = wait_for_draft(
        terminal.home,
        "journal",
        lambda d: pending(d).get("words") == WORDS,
        "the typed words being saved once the keys rested",
    )
    assert saved.answers == {}  # kept as typed-but-not-given, not as an answer
    terminal.type(MORE)  # ... and killed before these can be saved
    terminal.sigkill()

    kept = pending(latest_draft(terminal.home, "journal") or saved)["words"]
    assert kept.startswith(WORDS)  # everything up to the last save (maybe a little more)
    screen = restart_resuming(terminal, "What is on your mind?", "Step 2 · about 6 to go")
    assert WORDS[:60] in screen.replace("\n", " ") or "I was useless" in screen
    terminal.keys("End")
    terminal.type(" Onwards.")
    terminal.wait_for("Onwards.")
    terminal.keys("C-n")  # the words in the box are given as the answer
    terminal.wait_for("How is the weather inside?")
    answered = wait_for_draft(
        terminal.home, "journal", lambda d: "words" in d.answers, "the answer being saved"
    )
    assert answered.answers["words"] == kept + " Onwards."
    assert pending(answered) == {}
    terminal.keys("C-q")
    terminal.wait_until_closed()
    assert_nothing_leaked(terminal.home, WORDS, MORE)


def test_a_long_answer_is_saved_while_typing_goes_on(terminal: Terminal) -> None:
    open_words_step(terminal)
    typed = ""
    first_saved: Entry | None = None
    deadline = time.monotonic() + 12
    # Type a few words every 0.3 s, never resting long enough for the quiet-moment save.
    while time.monotonic() < deadline:
        chunk = f"word{len(typed) // 8} "
        terminal.type(chunk)
        typed += chunk
        time.sleep(0.3)
        draft = latest_draft(terminal.home, "journal")
        if draft is not None and pending(draft).get("words"):
            first_saved = draft
            break
    assert first_saved is not None, "nothing was saved during 12 s of steady typing"
    assert typed.startswith(pending(first_saved)["words"])
    terminal.sigkill()
    screen = restart_resuming(terminal, "What is on your mind?")
    assert pending(first_saved)["words"].split()[0] in screen


@pytest.mark.parametrize("after", [1.35, 1.45, 1.5, 1.55, 1.65])
def test_killed_around_a_save_the_database_stays_whole(terminal: Terminal, after: float) -> None:
    """SIGKILL close to the moment the quiet-moment save writes: either save is whole."""
    open_words_step(terminal)
    terminal.type(WORDS)
    wait_for_draft(
        terminal.home, "journal", lambda d: pending(d).get("words") == WORDS, "the first save"
    )
    terminal.type(MORE)
    time.sleep(after)  # deliberately: the kill is aimed at the save that is due about now
    terminal.sigkill()

    assert integrity(terminal.home) == "ok"
    draft = latest_draft(terminal.home, "journal")
    assert draft is not None
    assert pending(draft)["words"] in (WORDS, WORDS + MORE)
    restart_resuming(
        terminal, "What is on your mind?", "Step 2 · about 6 to go", "kept telling myself"
    )
    terminal.keys("C-q")
    terminal.wait_until_closed()


def test_closing_the_terminal_saves_what_is_typed_and_exits(terminal: Terminal) -> None:
    open_words_step(terminal)
    terminal.type(WORDS)
    terminal.wait_for("kept telling myself")
    pid = terminal.pid()
    terminal.kill()  # tmux closes the pane: SIGHUP, at once, before the quiet-moment save
    wait_until(lambda: not alive(pid), "cfcoach exiting after SIGHUP")

    draft = latest_draft(terminal.home, "journal")
    assert draft is not None and pending(draft) == {"words": WORDS}
    assert integrity(terminal.home) == "ok"
    assert_nothing_leaked(terminal.home, WORDS)
    restart_resuming(terminal, "What is on your mind?", "kept telling myself")


def test_sigterm_saves_what_is_typed_and_exits_cleanly(terminal: Terminal) -> None:
    open_words_step(terminal, "--new", keep_pane=True)
    terminal.type(WORDS)
    terminal.wait_for("kept telling myself")
    pid = terminal.signal(signal.SIGTERM)
    assert terminal.wait_until_dead(pid) == "status 143"  # 128 + SIGTERM, all saved
    left = terminal.history()
    assert "cfcoach was asked to close. Everything you wrote is saved." in left
    assert "Traceback" not in left and "Error" not in left
    assert WORDS not in left  # the terminal is restored: the screen's words are gone
    draft = latest_draft(terminal.home, "journal")
    assert draft is not None and pending(draft) == {"words": WORDS}
    assert_nothing_leaked(terminal.home, WORDS)


def test_sigterm_over_the_too_much_choices_saves_too(terminal: Terminal) -> None:
    open_words_step(terminal, keep_pane=True)
    terminal.type(WORDS)
    terminal.wait_for("kept telling myself")
    terminal.keys("C-t")
    terminal.wait_for("What would help right now?")
    pid = terminal.signal(signal.SIGTERM)
    assert terminal.wait_until_dead(pid) == "status 143"  # 128 + SIGTERM, all saved
    draft = latest_draft(terminal.home, "journal")
    assert draft is not None and pending(draft) == {"words": WORDS}
