"""End to end: the installed `cfcoach` in a real terminal (tmux, 80x24), driven by keys.

A check-in is completed and exported; then a second check-in is killed halfway (the
terminal closed under it) and the next start offers to continue, with the answers there.
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import Terminal, answers_of, exported_entries

pytestmark = pytest.mark.e2e

CRITIC = "You always get it wrong"
THREAT = "Being rejected"
DRIVE = "Never making mistakes"
KIND = "You are learning and that is fine"


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
