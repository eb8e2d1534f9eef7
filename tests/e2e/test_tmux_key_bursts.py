"""End to end: keys sent in one burst reach the answer whole and in order (issue 17).

A sentence and ctrl+n sent in one `tmux send-keys` call once saved a cut answer ("I ke")
in 30 runs of 50, and words typed straight after Enter on an information step were lost
while the next step loaded. Here each burst is one call, 20 times over: all 20 answers
must be whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cfcoach.paths import ensure_private_dir
from tests.e2e.harness import Terminal, wait_for_draft

pytestmark = pytest.mark.e2e

BURSTS = 20


def sentence(number: int) -> str:
    return f"Burst {number}: I keep telling myself that I am useless and always late"


def exercise_yaml() -> str:
    """One greeting, 20 text steps (every other one a single line), and a last word."""
    lines = [
        "id: bursts",
        "title: Quick keys",
        "summary: Text steps to type into fast.",
        "minutes: 5",
        "version: 1",
        "steps:",
        "  - id: hello",
        "    kind: info",
        "    title: Hello there",
    ]
    for number in range(1, BURSTS + 1):
        lines += [
            f"  - id: words{number}",
            "    kind: text",
            f"    title: Words number {number}",
            f"    multiline: {'false' if number % 2 else 'true'}",
        ]
    lines += ["  - id: bye", "    kind: info", "    title: That is all"]
    return "\n".join(lines) + "\n"


def install(home: Path) -> None:
    folder = ensure_private_dir(home / "data" / "exercises")
    (folder / "bursts.yaml").write_text(exercise_yaml(), encoding="utf-8")


def test_text_and_ctrl_n_in_one_call_are_saved_whole_20_times(terminal: Terminal) -> None:
    install(terminal.home)
    terminal.start("run", "bursts")
    terminal.wait_for("Hello there")
    terminal.keys("C-n")
    for number in range(1, BURSTS + 1):
        terminal.wait_for(f"Words number {number}")
        terminal.keys(sentence(number), "C-n")  # one call: the text, then ctrl+n
    terminal.wait_for("That is all")
    draft = wait_for_draft(
        terminal.home,
        "bursts",
        lambda d: len(d.state["answers"]) == BURSTS,
        "all 20 answers being saved",
    )
    cut = {
        step: value
        for step, value in draft.state["answers"].items()
        if value != sentence(int(step.removeprefix("words")))
    }
    assert cut == {}, f"{len(cut)} of {BURSTS} answers were not saved whole"


def test_words_typed_straight_after_enter_on_the_welcome_land_whole(
    terminal: Terminal,
) -> None:
    critic = "You are so lazy and you never get anything done"
    terminal.start()
    terminal.wait_for("Start today's check-in")
    terminal.keys("Enter")
    terminal.wait_for("Welcome to today's check-in")
    terminal.keys("Enter", critic, "C-n")  # one call: on, the critic's words, on again
    terminal.wait_for("How strongly do those words land?")
    draft = wait_for_draft(
        terminal.home,
        "daily-checkin",
        lambda d: "critic" in d.state["answers"],
        "the critic's words being saved",
    )
    assert draft.state["answers"]["critic"] == critic
