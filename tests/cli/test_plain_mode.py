"""`cfcoach run EXERCISE --plain`: the same engine as line prompts, in a pipe."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cfcoach.cli.plain import PlainRunner
from cfcoach.context import AppContext
from cfcoach.paths import app_paths
from cfcoach.store import EntryStore
from tests.cli.conftest import Run

# critic, rating, feelings, threat, drive, compassionate response, correction or attack,
# rating, self-warmth, how the kindness felt, a kind action, a note (info, pause and review
# steps take no input in a pipe)
CALM_ANSWERS = [
    "You never finish anything",
    "4",
    "1,2",
    "Being seen as lazy",
    "Getting everything done perfectly",
    "You are tired and doing your best",
    "1",
    "2",
    "6",
    "1",
    "Make a cup of tea",
    "Ask about sleep",
]


def entries(home: Path) -> list:
    with EntryStore(app_paths().database) as store:
        return list(store.iter_entries(include_drafts=True, include_private=True))


def test_piped_answers_complete_and_save_an_entry(cfcoach: Run, home: Path) -> None:
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(CALM_ANSWERS) + "\n")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Finished. Your entry is saved" in result.stdout
    [entry] = entries(home)
    assert entry.status == "completed"
    assert entry.answers == {
        "critic": "You never finish anything",
        "intensity_before": 4,
        "feeling": ["ashamed", "anxious"],
        "threat": "Being seen as lazy",
        "drive": "Getting everything done perfectly",
        "compassionate": "You are tired and doing your best",
        "correction_or_attack": "correction",
        "intensity_after": 2,
        "warmth_after": 6,
        "compassion_felt": "helpful",
        "kind_action": "Make a cup of tea",
    }
    assert entry.therapist_note == "Ask about sleep"  # the note's one home, not an answer too
    assert entry.finished_at is not None and entry.finished_at.tzinfo is not None


def test_the_critics_words_stay_in_view_for_the_compassionate_response(cfcoach: Run) -> None:
    out = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(CALM_ANSWERS) + "\n").stdout
    compassionate_prompt = out.split("What would your compassionate self say?")[1].split("> ")[0]
    assert "The critic's words: You never finish anything" in compassionate_prompt


def test_high_distress_goes_to_a_settling_pause_first(cfcoach: Run, home: Path) -> None:
    answers = ["I am worthless", "9", *CALM_ANSWERS[2:]]
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(answers) + "\n")

    assert result.returncode == 0
    after_rating = result.stdout.split("How strongly do those words land?")[1]
    assert after_rating.index("Let's slow down first") < after_rating.index(
        "What might the critic be protecting"
    )
    [entry] = entries(home)
    assert entry.status == "completed"
    assert "settle" in entry.state["trail"]


def test_input_ending_early_keeps_a_draft_that_resumes(cfcoach: Run, home: Path) -> None:
    first = cfcoach("run", "daily-checkin", "--plain", stdin="Nobody likes you\n6\n")

    assert first.returncode == 3
    assert "Your answers so far are saved" in first.stdout
    [draft] = entries(home)
    assert draft.status == "draft"
    assert draft.answers == {"critic": "Nobody likes you", "intensity_before": 6}

    rest = "\n".join(CALM_ANSWERS[2:]) + "\n"
    second = cfcoach("run", "daily-checkin", "--plain", "--resume", stdin=rest)

    assert second.returncode == 0, second.stdout
    assert "Continuing where you left off." in second.stdout
    [entry] = entries(home)
    assert entry.uuid == draft.uuid
    assert entry.status == "completed"
    assert entry.answers["critic"] == "Nobody likes you"
    assert entry.answers["intensity_after"] == 2


def test_a_piped_run_starts_afresh_and_leaves_an_old_draft_alone(cfcoach: Run, home: Path) -> None:
    cfcoach("run", "daily-checkin", "--plain", stdin="Old words\n")
    cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(CALM_ANSWERS) + "\n")

    statuses = sorted(e.status for e in entries(home))
    assert statuses == ["completed", "draft"]


def test_skip_back_and_stop_commands(cfcoach: Run, home: Path) -> None:
    # skip the critic step, answer the rating, go back to it, give a new rating, then stop
    result = cfcoach("run", "daily-checkin", "--plain", stdin="/skip\n5\n/back\n7\n/stop\n")

    assert result.returncode == 0
    assert "You stopped here, and that's all right" in result.stdout
    [entry] = entries(home)
    assert entry.status == "stopped"
    assert entry.skipped == ["critic"]
    assert entry.answers == {"intensity_before": 7}


def test_too_much_offers_a_way_out_that_keeps_what_was_written(cfcoach: Run, home: Path) -> None:
    result = cfcoach("run", "daily-checkin", "--plain", stdin="I ruin everything\n/too-much\n3\n")

    assert "That's OK. What would help right now?" in result.stdout
    [entry] = entries(home)
    assert entry.status == "stopped"
    assert entry.answers == {"critic": "I ruin everything"}
    assert [e["kind"] for e in entry.state["events"]] == ["too_much", "stopped"]


def test_too_much_grounding_returns_to_the_same_step(cfcoach: Run, home: Path) -> None:
    result = cfcoach("run", "daily-checkin", "--plain", stdin="/too-much\n1\nStill here\n")

    assert "Feel where your body is supported" in result.stdout
    [entry] = entries(home)
    assert entry.answers == {"critic": "Still here"}
    assert [e["kind"] for e in entry.state["events"]] == ["too_much", "grounding"]


def test_a_rating_that_is_not_a_number_stops_a_pipe_and_keeps_the_draft(
    cfcoach: Run, home: Path
) -> None:
    result = cfcoach("run", "daily-checkin", "--plain", stdin="words\nlots\n4\nAshamed\n")

    assert result.returncode == 3
    first, second = result.stderr.splitlines()
    assert first == (
        "Line 2 of the input, “lots”, does not answer “How strongly do those words land?”: "
        "it takes a whole number from 0 to 10 (or /skip)."
    )
    assert "`cfcoach run daily-checkin --plain --resume` continues" in second
    assert "What do those words stir up?" not in result.stdout  # no later line was read
    [entry] = entries(home)
    assert entry.status == "draft" and entry.skipped == []
    assert entry.answers == {"critic": "words"}
    assert entry.state["current"] == "intensity_before"


def test_the_readme_example_of_the_earlier_check_in_stops_at_once_and_shifts_nothing(
    cfcoach: Run, home: Path
) -> None:
    """Issue 17: this README example gave "Being seen as lazy" to the feelings choice,
    skipped it, and put every later line on the question after its own."""
    old_example = [
        "You never finish anything",
        "4",
        "Being seen as lazy",
        "Doing everything perfectly",
        "You are tired and doing your best",
        "2",
    ]
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(old_example) + "\n")

    assert result.returncode == 3
    assert result.stderr.startswith(
        "Line 3 of the input, “Being seen as lazy”, does not answer “What do those words "
        "stir up?”: it takes option numbers from 1 to 8 or the options' words (such as "
        "“Ashamed”), separated by commas, or an empty line to leave it (or /skip).\n"
    )
    [entry] = entries(home)
    assert entry.status == "draft"
    assert entry.answers == {"critic": "You never finish anything", "intensity_before": 4}
    assert entry.state["current"] == "feeling"


@pytest.mark.parametrize(
    ("line", "chosen"),
    [
        ("Ashamed, Sad", ["ashamed", "sad"]),
        ("anxious or afraid", ["anxious"]),
        ("1, numb or flat,3", ["ashamed", "sad", "numb"]),
        ("angry", ["angry"]),  # the saved value works too
        ("  HOPELESS.  ", ["hopeless"]),
    ],
)
def test_a_choice_takes_the_options_words_or_numbers(
    cfcoach: Run, home: Path, line: str, chosen: list[str]
) -> None:
    asked = ["no"] if "hopeless" in chosen else []  # the gentle safety question, then
    lines = ["Words", "4", line, *asked, "Next answer"]
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(lines) + "\n")

    [entry] = entries(home)
    assert entry.answers["feeling"] == chosen, result.stderr
    assert entry.answers["threat"] == "Next answer"


def test_an_option_whose_words_hold_a_comma_is_one_option(cfcoach: Run, home: Path) -> None:
    lines = [*CALM_ANSWERS[:6], "Correction: specific, about what I did, looking forward"]
    cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(lines) + "\n")

    [entry] = entries(home)
    assert entry.answers["correction_or_attack"] == "correction"


def test_an_unknown_command_stops_a_pipe(cfcoach: Run, home: Path) -> None:
    result = cfcoach("run", "daily-checkin", "--plain", stdin="Words\n/later\n4\n")

    assert result.returncode == 3
    assert "“/later”, does not answer" in result.stderr
    assert "/back, /skip, /too-much or /stop" in result.stderr
    [entry] = entries(home)
    assert entry.answers == {"critic": "Words"}


def test_words_too_long_for_a_step_stop_a_pipe_and_stay_in_the_draft(
    cfcoach: Run, home: Path
) -> None:
    too_long = "I keep going. " * 40  # the kind action takes 500 characters
    lines = [*CALM_ANSWERS[:10], too_long, "Ask about sleep"]
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(lines) + "\n")

    assert result.returncode == 3
    assert "does not answer “One small kind action”: it takes at most 500 characters" in (
        result.stderr
    )
    [entry] = entries(home)
    assert entry.status == "draft" and "kind_action" not in entry.answers
    assert entry.state["pending"]["kind_action"] == too_long.strip()
    assert entry.therapist_note is None


def test_the_readme_pipe_example_runs_as_written(tmp_path: Path, home: Path) -> None:
    """The README's plain-mode example, taken from README.md and run by a shell verbatim,
    with `cfcoach` this checkout."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
    [example] = [block for block in blocks if "| cfcoach run daily-checkin --plain" in block]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "cfcoach"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cfcoach "$@"\n')
    shim.chmod(0o755)
    environment = {
        **os.environ,
        "CFCOACH_HOME": str(home),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }

    result = subprocess.run(
        ["sh", "-c", example], capture_output=True, text=True, env=environment, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Finished. Your entry is saved" in result.stdout
    [entry] = entries(home)
    assert entry.status == "completed" and entry.skipped == ["therapist_note"]
    assert entry.answers["feeling"] == ["ashamed", "sad"]
    assert entry.answers["threat"] == "Being seen as lazy"
    assert entry.answers["drive"] == "Doing everything perfectly"
    assert entry.answers["compassionate"] == "You are tired and doing your best"
    assert entry.answers["correction_or_attack"] == "both"


def test_a_pipe_says_it_starts_a_new_one_beside_an_unfinished_one(cfcoach: Run, home: Path) -> None:
    cfcoach("run", "daily-checkin", "--plain", stdin="Old words\n")
    second = cfcoach("run", "daily-checkin", "--plain", stdin="New words\n")
    quiet = cfcoach("run", "daily-checkin", "--plain", "--new", stdin="More words\n")

    [note] = second.stderr.splitlines()
    assert note.startswith("Starting a new daily check-in; the unfinished one from ")
    assert "stays saved (`cfcoach run daily-checkin --plain --resume` continues it" in note
    assert quiet.stderr == ""
    assert sorted(e.answers["critic"] for e in entries(home)) == [
        "More words",
        "New words",
        "Old words",
    ]


def test_a_closed_output_ends_the_run_quietly(home: Path) -> None:
    """`cfcoach run ... --plain | head -3`: no traceback, no message, not exit 1."""
    environment = {**os.environ, "CFCOACH_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cfcoach", "run", "daily-checkin", "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdout.readline()  # the title: the run is under way
    process.stdout.close()  # the reader goes, as `head` does
    _, err = process.communicate(b"Words\n4\n1\n", timeout=60)

    assert process.returncode == 141
    assert err == b""
    [entry] = entries(home)
    assert entry.status == "draft"


def test_typed_control_characters_are_kept_as_visible_symbols(cfcoach: Run, home: Path) -> None:
    hostile = "hello \x1b]0;owned\x07 \x1b[2J there\x9b"
    result = cfcoach("run", "daily-checkin", "--plain", stdin=f"{hostile}\n4\n")

    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    shown = "hello ␛]0;owned␇ ␛[2J there\ufffd"
    assert f"The critic's words: {shown}" in result.stdout
    [entry] = entries(home)
    assert entry.answers["critic"] == shown  # what is saved is what was shown: no raw ESC


def test_an_unknown_exercise_names_the_ones_there_are(cfcoach: Run) -> None:
    result = cfcoach("run", "no-such-thing", "--plain")

    assert result.returncode == 2
    assert "There is no exercise called 'no-such-thing'" in result.stderr
    assert "daily-checkin" in result.stderr


def test_in_a_terminal_an_option_that_is_not_there_is_asked_again(context: AppContext) -> None:
    out = io.StringIO()
    keyboard = io.StringIO("\nWords\n4\nlazy\nSad\n")  # Enter on the welcome first
    code = PlainRunner(context, keyboard, out, interactive=True).run("daily-checkin", resume=False)

    assert code == 3  # the keyboard input ran out after the feelings
    assert (
        "“lazy” is not one of the options; type option numbers from 1 to 8 or the options' "
        "words (such as “Ashamed”)" in " ".join(out.getvalue().split())
    )
    with context.open_store() as store:
        draft = store.latest_draft()
    assert draft is not None and draft.answers["feeling"] == ["sad"]
