"""`cfcoach run EXERCISE --plain`: the same engine as line prompts, in a pipe."""

from __future__ import annotations

from pathlib import Path

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
        "therapist_note": "Ask about sleep",
    }
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


def test_a_rating_that_is_not_a_number_is_explained_and_skipped_in_a_pipe(
    cfcoach: Run, home: Path
) -> None:
    result = cfcoach("run", "daily-checkin", "--plain", stdin="words\nlots\n")

    assert "Choose a whole number from 0 to 10." in result.stdout
    [entry] = entries(home)
    assert "intensity_before" in entry.skipped


def test_terminal_escape_sequences_in_answers_are_shown_not_run(cfcoach: Run) -> None:
    hostile = "hello \x1b]0;owned\x07 \x1b[2J there"
    result = cfcoach("run", "daily-checkin", "--plain", stdin=f"{hostile}\n4\n")

    assert "\x1b" not in result.stdout
    assert "hello \\x1b]0;owned\\x07 \\x1b[2J there" in result.stdout


def test_an_unknown_exercise_names_the_ones_there_are(cfcoach: Run) -> None:
    result = cfcoach("run", "no-such-thing", "--plain")

    assert result.returncode == 2
    assert "There is no exercise called 'no-such-thing'" in result.stderr
    assert "daily-checkin" in result.stderr
