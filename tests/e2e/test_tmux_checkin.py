"""End to end: the installed `cfcoach` in a real terminal (tmux, 80x24), driven by keys.

A check-in is completed and exported; then a second check-in is killed halfway (the
terminal closed under it) and the next start offers to continue, with the answers there.
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import Terminal, answers_of, exported_entries, wait_for_draft, wait_until

pytestmark = pytest.mark.e2e

CRITIC = "You always get it wrong"
THREAT = "Being rejected"
DRIVE = "Never making mistakes"
KIND = "You are learning and that is fine"
ACTION = "Ring my sister"


def test_a_whole_checkin_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_for("Start today's check-in")
    terminal.keys("Enter")
    terminal.wait_for("Welcome to today's check-in", "Step 1 · about 15 to go")
    terminal.keys("C-n")
    terminal.wait_for("What is the critic saying?")
    terminal.type(CRITIC)
    terminal.wait_for(CRITIC)
    terminal.keys("C-n")
    terminal.wait_for("How strongly do those words land?", CRITIC)
    terminal.keys("5")
    terminal.wait_for("Your answer: 5")
    terminal.keys("Enter")
    terminal.wait_for("What do those words stir up?")
    terminal.keys("Space", "Down", "Space")  # ashamed and anxious
    # Ticks don't show in plain text: wait for the choice to reach the draft instead.
    wait_for_draft(
        terminal.home,
        "daily-checkin",
        lambda d: d.state["pending"].get("feeling") == "ashamed,anxious",
        "the ticked feelings being kept in the draft",
    )
    terminal.keys("Enter")
    terminal.wait_for("What might the critic be protecting you from?")
    terminal.type(THREAT)
    terminal.wait_for(THREAT)
    terminal.keys("C-n")
    terminal.wait_for("What is the critic pushing you towards?")
    terminal.type(DRIVE)
    terminal.wait_for(DRIVE)
    terminal.keys("C-n")
    # The soothing-rhythm pause is adjustable: it waits for Space, and + makes it longer.
    terminal.wait_for("A soothing-rhythm pause", "It lasts a minute", "Adjust")
    terminal.keys("+")
    terminal.wait_for("It lasts 1 minute 30 seconds")
    terminal.keys("Space")
    terminal.wait_for("left")
    terminal.keys("C-n")
    terminal.wait_for("Stepping into your compassionate self", "left")
    terminal.keys("C-n")
    screen = terminal.wait_for("What would your compassionate self say?")
    assert CRITIC in screen  # the critic's words stay in view
    terminal.type(KIND)
    terminal.wait_for(KIND)
    terminal.keys("C-n")
    terminal.wait_for("Self-correction or self-attack?")
    terminal.keys("Down", "Down", "Enter")  # some of each
    terminal.wait_for("How strongly do the critic's words land now?")
    terminal.keys("3")
    terminal.wait_for("Your answer: 3")
    terminal.keys("Enter")
    terminal.wait_for("Warmth towards yourself")
    terminal.keys("6", "Enter")
    terminal.wait_for("How did the kindness feel?")
    terminal.keys("Enter")  # helpful, at least a little
    terminal.wait_for("One small kind action")
    terminal.type(ACTION)
    terminal.wait_for(ACTION)
    terminal.keys("Enter")
    terminal.wait_for("A note for your therapist")
    terminal.keys("C-n")  # optional: left empty
    terminal.wait_for("Thank you for taking this time", "Some of each")
    terminal.keys("C-n")
    # Some of each -> the check-in suggests getting to know the critic, once and gently.
    terminal.wait_for("Saved on this computer", "Getting to know your critic", "Maybe later")
    terminal.keys("l")
    terminal.wait_for("whenever you'd like it")
    terminal.keys("q")
    terminal.wait_until_closed()

    [entry] = exported_entries(terminal.home)
    assert entry["status"] == "completed"
    answers = answers_of(entry)
    assert {key: answers[key] for key in ("critic", "threat", "drive", "compassionate")} == {
        "critic": CRITIC,
        "threat": THREAT,
        "drive": DRIVE,
        "compassionate": KIND,
    }
    assert answers["intensity_before"] == 5 and answers["intensity_after"] == 3
    assert answers["warmth_after"] == 6
    assert answers["feeling"] in (["ashamed", "anxious"], ["Ashamed", "Anxious or afraid"])
    assert answers["kind_action"] == ACTION
    assert "therapist_note" not in answers


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
    terminal.wait_for("What do those words stir up?")
    terminal.kill()  # the terminal closes under it
    terminal.wait_until_closed()

    [draft] = exported_entries(terminal.home, drafts=True)
    assert draft["status"] == "draft"
    assert answers_of(draft) == {"critic": CRITIC, "intensity_before": 6}

    terminal.start()
    terminal.wait_for("Continue where you left off", "step 4 of 16")
    terminal.keys("c")
    terminal.wait_for("What do those words stir up?", "Step 4 · about 12 to go")
    terminal.keys("C-b")
    screen = terminal.wait_for("How strongly do those words land?", "Your answer: 6")
    assert CRITIC in screen  # the earlier answer is pinned again
    terminal.keys("C-q")
    terminal.wait_until_closed()


def test_the_first_run_welcome_asks_the_country_then_opens_the_coach(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cfcoach.config import load_settings
    from cfcoach.paths import AppPaths

    home = tmp_path / "first-run-home"
    terminal = Terminal(home, welcomed=False)
    try:
        terminal.start()
        terminal.wait_for("Welcome to cfcoach", "It is not", "alongside")
        terminal.keys("Enter")
        terminal.wait_for("Which country are you in?", "United Kingdom")
        terminal.keys("Enter")  # the country guessed from the locale, or "somewhere else"
        terminal.wait_for("What would you like to work on?", "Not sure yet", "Anxiety")
        terminal.keys("Enter")  # nothing ticked is fine
        terminal.wait_for("A safety plan", "Maybe later")
        terminal.keys("Enter")  # "Maybe later" is highlighted
        wait_until(
            lambda: "Make my safety plan now" not in (screen := terminal.screen()) and screen,
            "the safety-plan offer to close",
        )
        terminal.keys("F1")
        terminal.wait_for("Help now", "emergency")
    finally:
        terminal.close()
    settings = load_settings(AppPaths(home / "data", home / "config", home / "state"))
    assert settings.first_run_done
