"""Plain mode asks the gentle safety question after a marked answer, reads every free-text
field for danger, and never lets an unreadable answer shift the answers piped after it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cfcoach.cli.content_preview import PlainPreview
from cfcoach.cli.plain import EXIT_DONE, EXIT_INPUT_ENDED, PlainRunner
from cfcoach.config import Settings, save_settings
from cfcoach.context import AppContext
from cfcoach.paths import app_paths
from cfcoach.safety_occasions import ASKED, NOTE, SAFETY_PLAN
from cfcoach.safety_question import AFTER_REPLY, QUESTION, TITLE
from cfcoach.store import Entry, EntryStore
from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS

HOPELESS = [*CALM_ANSWERS[:2], "1,5"]  # critic, rating, then "Ashamed" and "Hopeless"
AFTER = CALM_ANSWERS[3:]  # threat, drive, compassionate ... the note for the therapist
WORRYING = "Honestly everyone would be better off without me"
SCREEN = "Let's pause for a moment"
TAKEN = '(Taken as "I\'d rather not say".)'


@pytest.fixture(autouse=True)
def in_britain(context: AppContext) -> None:
    save_settings(context.paths, Settings(country="GB", first_run_done=True))


def run(
    context: AppContext, lines: list[str], *, interactive: bool = False, code: int = EXIT_DONE
) -> str:
    out = io.StringIO()
    ended = PlainRunner(
        context, io.StringIO("\n".join(lines) + "\n"), out, interactive=interactive
    ).run("daily-checkin", resume=False)
    assert ended == code, out.getvalue()
    return out.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def only_entry(context: AppContext) -> Entry:
    with context.open_store() as store:
        [entry] = store.recent(5)
    return entry


def assert_calm_answers_in_place(entry: Entry) -> None:
    """Every answer after the question landed on its own step: nothing shifted."""
    assert entry.status == "completed"
    assert entry.answers["feeling"] == ["ashamed", "hopeless"]
    assert entry.answers["threat"] == "Being seen as lazy"
    assert entry.answers["drive"] == "Getting everything done perfectly"
    assert entry.answers["kind_action"] == "Make a cup of tea"
    assert entry.therapist_note == "Ask about sleep"


@pytest.mark.parametrize("reply", ["yes", "2", "Sometimes"])
def test_yes_or_sometimes_brings_the_safety_screen(context: AppContext, reply: str) -> None:
    out = run(context, [*HOPELESS, reply, *AFTER])

    said = flat(out)
    assert TITLE in out and flat(QUESTION) in said
    assert "1. Yes" in out and "4. I'd rather not say" in out
    assert SCREEN in out and flat(ASKED) in said
    assert "116 123" in out
    assert out.index(TITLE) < out.index(SCREEN) < out.index("What might the critic be protecting")
    entry = only_entry(context)
    assert entry.safety_shown is True
    assert entry.state["safety_question"] == {
        "step": "feeling",
        "reply": "yes" if reply == "yes" else "sometimes",
    }
    events = [(e["kind"], e["step"]) for e in entry.state["events"]]
    assert events == [("safety_question", "feeling"), ("safety_screen", "feeling")]
    assert_calm_answers_in_place(entry)


@pytest.mark.parametrize(
    ("reply", "saved"),
    [("no", "no"), ("3", "no"), ("4", "rather_not_say"), ("I'd rather not say", "rather_not_say")],
)
def test_no_or_rather_not_say_goes_on_calmly(context: AppContext, reply: str, saved: str) -> None:
    out = run(context, [*HOPELESS, reply, *AFTER])

    assert TITLE in out and SCREEN not in out and TAKEN not in out
    assert AFTER_REPLY[saved] in out  # type: ignore[index]
    entry = only_entry(context)
    assert entry.safety_shown is False
    assert entry.state["safety_question"] == {"step": "feeling", "reply": saved}
    assert_calm_answers_in_place(entry)


def test_in_a_pipe_an_unreadable_answer_is_taken_as_not_saying_and_shifts_nothing(
    context: AppContext,
) -> None:
    out = run(context, [*HOPELESS, *AFTER])  # written without the question in mind

    assert out.count(TAKEN) == 1
    assert SCREEN not in out
    entry = only_entry(context)
    assert entry.state["safety_question"] == {"step": "feeling", "reply": "rather_not_say"}
    assert_calm_answers_in_place(entry)


def test_in_a_pipe_an_empty_line_is_left_for_the_next_question(context: AppContext) -> None:
    err = io.StringIO()
    out = io.StringIO()
    lines = [*HOPELESS, "", *AFTER[1:]]  # the empty line was meant for 'threat'
    code = PlainRunner(
        context, io.StringIO("\n".join(lines) + "\n"), out, interactive=False, stderr=err
    ).run("daily-checkin", resume=False)

    # 'threat' asks for words: the empty line stops the run there, and nothing shifts.
    assert code == EXIT_INPUT_ENDED
    assert out.getvalue().count(TAKEN) == 1
    assert "does not answer “What might the critic be protecting you from?”" in err.getvalue()
    with context.open_store() as store:
        entry = store.latest_draft()
    assert entry is not None and entry.state["current"] == "threat"
    assert entry.state["safety_question"]["reply"] == "rather_not_say"
    assert "drive" not in entry.answers


def test_in_a_terminal_an_unreadable_answer_is_asked_again(context: AppContext) -> None:
    lines = ["", *HOPELESS, "maybe", "sometimes", "1"]  # "1": I'm safe, continue
    out = run(context, lines, interactive=True, code=EXIT_INPUT_ENDED)

    assert "Please type a number from 1 to 4, or the words" in out
    assert out.count("Your answer (a number, or the words): ") == 2
    assert SCREEN in out and flat(ASKED) in flat(out)
    with context.open_store() as store:
        entry = store.latest_draft()
    assert entry is not None
    assert entry.state["safety_question"]["reply"] == "sometimes"
    assert entry.state["current"] == "threat" and entry.safety_shown is True


def test_in_a_terminal_a_command_at_the_question_is_kept_for_the_next_prompt(
    context: AppContext,
) -> None:
    out = run(context, ["", *HOPELESS, "/stop"], interactive=True)

    assert TAKEN in out
    assert "You stopped here, and that's all right." in out
    entry = only_entry(context)
    assert entry.status == "stopped"
    assert entry.state["safety_question"] == {"step": "feeling", "reply": "rather_not_say"}


def test_the_question_is_asked_once_even_after_going_back(context: AppContext) -> None:
    lines = [*HOPELESS, "no", "/back", "5", *AFTER]  # back to the feelings, Hopeless again
    out = run(context, lines)

    assert out.count(TITLE) == 1
    assert only_entry(context).answers["feeling"] == ["hopeless"]


def test_a_preview_asks_too_and_saves_nothing(context: AppContext) -> None:
    exercise = context.library.get("daily-checkin")
    assert exercise is not None
    out = io.StringIO()
    stdin = io.StringIO("\n".join([*HOPELESS, "yes", *AFTER]) + "\n")

    code = PlainPreview(context, stdin, out, interactive=False).preview(exercise)

    assert code == EXIT_DONE
    assert TITLE in out.getvalue() and flat(ASKED) in flat(out.getvalue())
    assert "End of the preview. Nothing was saved." in out.getvalue()
    with context.open_store() as store:
        assert store.recent(5) == []


def test_worrying_words_in_the_safety_plan_get_words_that_fit(context: AppContext) -> None:
    out = io.StringIO()
    parts = ["When I think about killing myself", "", "", "", "", "", "My dog"]
    code = PlainRunner(context, io.StringIO("\n".join(parts) + "\n"), out, interactive=False).run(
        "safety-plan", resume=False
    )

    assert code == EXIT_DONE
    assert out.getvalue().count(SCREEN) == 1
    assert flat(SAFETY_PLAN) in flat(out.getvalue())
    assert "116 123" in out.getvalue()
    entry = only_entry(context)
    assert entry.answers["warning_signs"] == parts[0] and entry.safety_shown is True


def test_a_worrying_note_for_the_therapist_says_the_note_waits_for_an_export(
    context: AppContext,
) -> None:
    out = run(context, [*CALM_ANSWERS[:-1], WORRYING])

    assert SCREEN in out and flat(NOTE) in flat(out)
    entry = only_entry(context)
    assert entry.therapist_note == WORRYING and entry.safety_shown is True


def test_words_too_long_to_keep_are_still_read(context: AppContext) -> None:
    too_long = WORRYING + "." + " I'm tired." * 60  # the kind action takes 500 characters
    out = run(context, [*CALM_ANSWERS[:-2], too_long, CALM_ANSWERS[-1]], code=EXIT_INPUT_ENDED)

    assert SCREEN in out  # read for danger before the run stops at this step
    with context.open_store() as store:
        entry = store.latest_draft()
    assert entry is not None and entry.safety_shown is True
    assert "kind_action" not in entry.answers
    assert entry.state["pending"]["kind_action"] == too_long  # kept in the draft


def test_the_installed_command_asks_in_a_pipe(cfcoach: Run, home: Path) -> None:
    result = cfcoach(
        "run",
        "daily-checkin",
        "--plain",
        "--new",
        stdin="\n".join([*HOPELESS, "yes", *AFTER]) + "\n",
        env={"LANG": "en_GB.UTF-8"},
    )

    assert result.returncode == 0, result.stderr
    assert TITLE in result.stdout and SCREEN in result.stdout
    with EntryStore(app_paths().database) as store:
        [entry] = list(store.iter_entries(include_drafts=True, include_private=True))
    assert entry.safety_shown is True and entry.status == "completed"
