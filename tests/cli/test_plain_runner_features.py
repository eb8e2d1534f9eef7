"""Plain mode: ratings as text bars, an adjustable pause's length, and the suggestion line."""

from __future__ import annotations

import io

import pytest

from cfcoach.cli.plain import PlainRunner, text_bar
from cfcoach.context import AppContext
from tests.tui.exercises import install

PIPED = ["Busy week", "1", "8", "5", "2"]  # words, mood, three ratings
SUGGESTION = (
    "If you'd like, next time: A short rest (`cfcoach run rest`) — "
    "A few quiet breaths can help when calm has been scarce."
)


@pytest.fixture(autouse=True)
def exercises(context: AppContext) -> None:
    install(context, "journal", "rest")


def run_plain(
    context: AppContext, lines: list[str], *, interactive: bool, exercise: str = "journal"
) -> str:
    out = io.StringIO()
    code = PlainRunner(
        context, io.StringIO("\n".join(lines) + "\n"), out, interactive=interactive
    ).run(exercise, resume=False)
    assert code == 0, out.getvalue()
    return out.getvalue()


def test_a_bars_review_draws_text_bars(context: AppContext) -> None:
    out = run_plain(context, PIPED, interactive=False)
    assert "  Threat this week  ########--  8\n" in out
    assert "  Drive this week   #####-----  5\n" in out
    assert "  Soothe this week  ##--------  2\n" in out
    assert "  On my mind: Busy week\n" in out  # answers that aren't ratings stay listed


def test_a_skipped_rating_reads_skipped_in_the_chart(context: AppContext) -> None:
    out = run_plain(context, ["Busy week", "1", "8", "/skip", "2"], interactive=False)
    assert "  Drive this week   (skipped)\n" in out


def test_a_rating_on_a_branch_not_taken_has_no_bar(context: AppContext) -> None:
    install(context, "forked")
    out = run_plain(context, ["3"], interactive=False, exercise="forked")
    assert "  Critic  ###-------  3\n" in out
    assert "Alarm" not in out


def test_text_bars() -> None:
    assert text_bar(0) == "----------  0"
    assert text_bar(10) == "##########  10"
    assert text_bar(None) == "(skipped)"


def test_the_suggestion_is_one_line_after_finishing(context: AppContext) -> None:
    out = run_plain(context, PIPED, interactive=False)
    assert out.rstrip("\n").splitlines()[-1] == SUGGESTION


def test_a_suggestion_whose_exercise_is_missing_is_left_out(context: AppContext) -> None:
    out = run_plain(context, ["Busy week", "1", "8", "5", "9"], interactive=False)
    assert "next time" not in out and "not-installed" not in out
    assert out.rstrip().endswith("Thank you for taking this time.") or "Finished." in out


def test_nothing_is_suggested_after_stopping(context: AppContext) -> None:
    out = run_plain(context, ["Busy week", "/stop"], interactive=False)
    assert "next time" not in out


def test_an_adjustable_pause_takes_a_number_of_seconds_in_a_terminal(
    context: AppContext,
) -> None:
    # In a terminal: Enter on the info step, the answers, Enter on the review, then the pause.
    lines = ["", *PIPED, "", "90", "400", "100", ""]
    out = " ".join(run_plain(context, lines, interactive=True).split())
    assert "or type a number of seconds (30-300) for a different length." in out
    assert "All right: take about 90 seconds for this." in out
    assert "take about 300 seconds for this (the nearest length on offer to 400)" in out
    assert "take about 90 seconds for this (the nearest length on offer to 100)" in out
    assert SUGGESTION in out


def test_a_pause_that_is_not_adjustable_takes_no_number(context: AppContext) -> None:
    # rest: the adjustable pause (Enter), then the fixed one, where "90" is not a length.
    out = run_plain(context, ["", "90", ""], interactive=True, exercise="rest")
    assert out.count("for a different length") == 1
    assert "take about 90 seconds" not in out
