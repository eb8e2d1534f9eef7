"""Plain mode meets a worrying answer with the same calm safety screen; nothing is lost."""

from __future__ import annotations

from pathlib import Path

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore
from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS


def only_entry(home: Path):  # type: ignore[no-untyped-def]
    with EntryStore(app_paths().database) as store:
        [entry] = list(store.iter_entries(include_drafts=True, include_private=True))
        return entry


def test_a_worrying_answer_shows_the_lines_and_the_check_in_goes_on(
    cfcoach: Run, home: Path
) -> None:
    answers = ["I've been saving up pills", *CALM_ANSWERS[1:]]
    result = cfcoach(
        "run",
        "daily-checkin",
        "--plain",
        "--new",
        stdin="\n".join(answers) + "\n",
        env={"LANG": "en_US.UTF-8"},
    )

    assert result.returncode == 0, result.stderr
    screen = result.stdout.split("Let's pause for a moment")[1]
    assert "sounds like you might be in danger" in screen
    assert "988" in screen  # the US line, from the locale
    entry = only_entry(home)
    assert entry.status == "completed"
    assert entry.safety_shown is True
    assert entry.answers["critic"] == "I've been saving up pills"


def test_ordinary_self_criticism_gets_no_safety_screen(cfcoach: Run, home: Path) -> None:
    answers = ["I'm such a failure, I hate how I look", *CALM_ANSWERS[1:]]
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(answers) + "\n")

    assert "Let's pause for a moment" not in result.stdout
    assert only_entry(home).safety_shown is False


def test_doing_the_safety_plan_again_edits_it_and_enter_keeps_each_part(
    cfcoach: Run, home: Path
) -> None:
    seven_parts = ["Not sleeping", "A hot shower", "", "", "", "", "My dog"]
    assert (
        cfcoach("run", "safety-plan", "--plain", stdin="\n".join(seven_parts) + "\n").returncode
        == 0
    )

    edits = ["", "", "The library", "", "", "", ""]  # keep all but one new part
    result = cfcoach("run", "safety-plan", "--plain", stdin="\n".join(edits) + "\n")

    assert result.returncode == 0
    assert "Written before: Not sleeping" in result.stdout
    with EntryStore(app_paths().database) as store:
        newest = max(store.iter_entries(include_private=True), key=lambda e: e.started_at)
    assert newest.answers == {
        "warning_signs": "Not sleeping",
        "on_my_own": "A hot shower",
        "distractions": "The library",
        "reasons": "My dog",
    }
