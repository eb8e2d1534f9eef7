"""The figures a report's first page shows (cfcoach.insights): pure functions, fixed entries."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from cfcoach.insights import (
    activity,
    critic_words,
    daily_means,
    measures,
    shown_steps,
    summarize,
    systems_balance,
    value_text,
)
from cfcoach.insights.themes import critic_texts, recurring_words, words
from tests.unit.golden import samples

EXERCISES = samples.exercises()
SHARED = samples.shared_entries()


def test_activity_counts_entries_days_and_exercises() -> None:
    counted = activity(SHARED, EXERCISES)
    assert (counted.entries, counted.completed, counted.stopped, counted.unfinished) == (5, 4, 1, 0)
    assert counted.practice_days == 5
    assert (counted.first_day, counted.last_day, counted.span_days) == (
        date(2026, 11, 2),
        date(2026, 11, 9),
        8,
    )
    assert [(c.title, c.count) for c in counted.by_exercise] == [
        ("Daily check-in", 3),
        ("Self-warmth practice", 1),
        ("Three circles", 1),
    ]


def test_activity_of_nothing() -> None:
    counted = activity([], EXERCISES)
    assert counted.entries == 0 and counted.first_day is None and counted.span_days == 0


def test_two_entries_on_one_day_are_one_practice_day() -> None:
    first = SHARED[0]
    again = replace(first, uuid="again", id=99)
    assert activity([first, again], EXERCISES).practice_days == 1


def test_measures_pair_before_and_after_by_step_id() -> None:
    found = measures(SHARED, EXERCISES, include_private_steps=False)
    assert [m.name for m in found] == ["Critic intensity", "Self-warmth"]
    critic, warmth = found
    assert critic.paired and critic.key == "intensity"
    assert [(p.entry_id, p.before, p.after) for p in critic.points] == [
        (1, 7, 4),
        (3, 9, 6),
        (6, 6, None),
    ]
    assert critic.mean_before == pytest.approx(22 / 3)
    assert critic.mean_after == pytest.approx(5)
    assert critic.pairs == 2
    assert critic.mean_change == pytest.approx(-3)
    assert (warmth.mean_before, warmth.mean_after, warmth.pairs) == (2, 5, 1)


def test_three_circles_ratings_are_the_balance_not_measures() -> None:
    names = {m.key for m in measures(SHARED, EXERCISES, include_private_steps=False)}
    assert not names & {"threat_size", "drive_size", "soothe_size"}
    balance = systems_balance(SHARED, EXERCISES, include_private_steps=False)
    assert balance is not None
    assert balance.entries == 1
    assert balance.means == (("threat", 7), ("drive", 5), ("soothe", 2))


def test_no_three_circles_entries_means_no_balance() -> None:
    checkins = [e for e in SHARED if e.exercise_id == "daily-checkin"]
    assert systems_balance(checkins, EXERCISES, include_private_steps=False) is None


def test_a_private_rating_step_is_left_out_of_the_figures() -> None:
    data = dict(samples.WARMTH)
    data["steps"] = [
        {**step, "private": True} if step["id"] == "warmth_after" else step
        for step in samples.WARMTH["steps"]
    ]
    exercises = {**EXERCISES, "self-warmth": type(EXERCISES["self-warmth"]).model_validate(data)}
    hidden = {m.key: m for m in measures(SHARED, exercises, include_private_steps=False)}
    assert hidden["warmth"].mean_after is None and hidden["warmth"].mean_before == 2
    shown = {m.key: m for m in measures(SHARED, exercises, include_private_steps=True)}
    assert shown["warmth"].mean_after == 5


def test_daily_means_average_entries_of_the_same_day() -> None:
    first = SHARED[0]
    later = replace(
        first, uuid="later", id=50, answers={"intensity_before": 3, "intensity_after": 1}
    )
    [critic] = [m for m in measures([first, later], EXERCISES, include_private_steps=False)]
    [day] = daily_means(critic)
    assert (day.day, day.before, day.after) == (date(2026, 11, 2), 5, 2.5)


def test_words_drop_function_words_and_keep_the_critics_favourites() -> None:
    assert words("You NEVER get it right, you're so lazy! I should’ve known 123") == [
        "never",
        "right",
        "lazy",
        "should've",
        "known",
    ]
    assert words("Ты никогда не справишься") == ["никогда", "справишься"]


def test_recurring_words_count_once_per_entry() -> None:
    found = recurring_words(["lazy lazy lazy", "never lazy", "never again", "alone"])
    assert [(w.word, w.entries, w.times) for w in found] == [("lazy", 2, 4), ("never", 2, 2)]


def test_critic_words_come_only_from_the_critic_step() -> None:
    found = critic_words(SHARED, EXERCISES, include_private_steps=False)
    assert [(w.word, w.entries) for w in found] == [("never", 3), ("lazy", 3)]
    # "good" and "enough" appear in the critic step once, and in the threat step: not counted
    assert "enough" not in [w.word for w in found]


def test_critic_texts_keep_the_exercise_order_and_leave_private_steps_out() -> None:
    checkin = EXERCISES["daily-checkin"]
    steps = [
        step.model_copy(update={"id": "critic_more", "private": True})
        if step.id == "threat"
        else step
        for step in checkin.steps
    ]
    exercises = {**EXERCISES, "daily-checkin": checkin.model_copy(update={"steps": steps})}
    entry = replace(
        SHARED[0],
        answers={"critic_more": "hidden words", "critic": "first words", "drive": "not it"},
    )
    unknown = replace(SHARED[0], id=98, exercise_id="gone", answers={"critic": "orphan"})
    blank = replace(SHARED[0], id=97, answers={"critic": "  ", "critic_more": 3})
    chosen = [entry, unknown, blank]
    assert critic_texts(chosen, exercises, include_private_steps=False) == ["first words"]
    assert critic_texts(chosen, exercises, include_private_steps=True) == [
        "first words\nhidden words"
    ]


def test_summary_gathers_everything() -> None:
    summary = summarize(SHARED, EXERCISES, include_private_steps=False)
    assert summary.activity.entries == 5
    assert summary.critic_answers == 3
    assert [w.word for w in summary.critic_words] == ["never", "lazy"]
    assert summary.balance is not None


def test_shown_steps_follow_the_exercise_and_mark_skips() -> None:
    entry = SHARED[2]  # entry 3: drive and the soothing pause skipped
    steps = shown_steps(entry, EXERCISES["daily-checkin"], include_private_steps=False)
    assert [(s.step_id, s.skipped) for s in steps] == [
        ("critic", False),
        ("intensity_before", False),
        ("threat", False),
        ("drive", True),
        ("soothing_rhythm", True),
        ("compassionate", False),
        ("intensity_after", False),
    ]
    assert steps[0].label == "The critic's words"
    assert value_text(steps[1]) == "9 out of 10"
    assert value_text(steps[3]) == "skipped"


def test_shown_steps_leave_private_steps_out_unless_asked() -> None:
    entry = SHARED[1]
    exercise = EXERCISES["self-warmth"]
    hidden = [s.step_id for s in shown_steps(entry, exercise, include_private_steps=False)]
    assert hidden == ["warmth_before", "presence", "warmth_after"]
    shown = [s.step_id for s in shown_steps(entry, exercise, include_private_steps=True)]
    assert "secret" in shown


def test_answers_read_as_words() -> None:
    entry = SHARED[1]
    steps = shown_steps(entry, EXERCISES["self-warmth"], include_private_steps=False)
    assert value_text(steps[1]) == "A friend; An animal"
    first = replace(SHARED[0], answers={"intensity_before": 5})
    [rating] = shown_steps(first, EXERCISES["daily-checkin"], include_private_steps=False)
    assert value_text(rating) == "5 out of 10 (quite a lot)"


def test_answers_to_steps_the_exercise_no_longer_has_come_last_by_id() -> None:
    entry = replace(SHARED[0], answers={"critic": "x", "old_step": "kept"})
    steps = shown_steps(entry, EXERCISES["daily-checkin"], include_private_steps=False)
    assert [(s.step_id, s.label, s.value) for s in steps][-1] == ("old_step", "old_step", "kept")
    alone = shown_steps(entry, None, include_private_steps=False)
    assert [s.step_id for s in alone] == ["critic", "old_step"]


def test_insights_never_import_a_user_interface() -> None:
    code = "import sys, cfcoach.insights; print(' '.join(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert not {"textual", "rich", "typer", "fpdf"} & set(loaded)
