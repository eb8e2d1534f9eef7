"""Each kind of step with the keyboard: one-line text, choices, ratings, pauses, and the app's options."""

from __future__ import annotations

from textwrap import dedent

import pytest
from textual.pilot import Pilot

from cfcoach.content.models import Breathing, ChoiceStep, RatingStep
from cfcoach.content.step_words import length_in_words
from cfcoach.context import AppContext
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.completion import CompletionScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.widgets.breathing_pacer import BreathingPacer, breath_phase
from cfcoach.tui.widgets.choice_answer import MultipleChoice
from cfcoach.tui.widgets.pause_timer import PauseTimer, cue_at, time_left_phrase
from cfcoach.tui.widgets.rating_bars import RatingBars
from cfcoach.tui.widgets.rating_picker import RatingPicker, anchor_rows
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, runner, screen_text, screen_words, step_id, type_text

CHOICES = dedent(
    """\
    id: kinds
    title: Every kind of step
    summary: A small exercise for testing each kind of step.
    minutes: 2
    version: 1
    steps:
      - id: name
        kind: text
        title: A word for today
        multiline: false
        placeholder: one word
      - id: mood
        kind: choice
        title: How is the weather inside?
        options:
          - { value: sunny, label: Sunny }
          - { value: cloudy, label: Cloudy }
          - { value: stormy, label: Stormy }
      - id: helps
        kind: choice
        title: What helps?
        multiple: true
        options:
          - { value: walk, label: A walk }
          - { value: tea, label: A cup of tea }
          - { value: friend, label: A friend }
      - id: how_much
        kind: rating
        title: How much?
      - id: rest
        kind: pause
        title: A short rest
        seconds: 5
        breathing: { inhale: 2, hold: 1, exhale: 2 }
      - id: look
        kind: review
        title: Looking back
        show: [name, mood, helps, how_much]
    """
)


@pytest.fixture
def kinds_exercise(context: AppContext) -> str:
    folder = context.paths.user_exercises
    folder.mkdir(parents=True)
    (folder / "kinds.yaml").write_text(CHOICES)
    return "kinds"


async def test_every_kind_of_step_with_the_keyboard(
    make_app: MakeApp, context: AppContext, kinds_exercise: str
) -> None:
    app = make_app(start_exercise=kinds_exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        assert step_id(app) == "name"
        await type_text(pilot, "Tired")
        await press(pilot, "enter")  # Enter goes on from a one-line answer
        assert step_id(app) == "mood"
        await press(pilot, "down", "enter")  # the second option
        assert step_id(app) == "helps"
        await press(pilot, "space", "down", "down", "space", "enter")
        assert step_id(app) == "how_much"
        await press(pilot, "1", "0")  # 1 then 0 makes 10
        assert app.screen.query_one(RatingPicker).value == 10
        await press(pilot, "left", "left", "enter")
        assert step_id(app) == "rest"
        await press(pilot, "ctrl+n")
        assert step_id(app) == "look"
        words = screen_words(app)
        assert "Cloudy" in words and "A walk; A friend" in words and "8 out of 10" in words
        await press(pilot, "enter")  # Enter goes on from a review
        assert isinstance(app.screen, CompletionScreen)
    with context.open_store() as store:
        [entry] = store.recent(1)
        assert entry.answers == {
            "name": "Tired",
            "mood": "cloudy",
            "helps": ["walk", "friend"],
            "how_much": 8,
        }


async def test_choices_come_back_chosen_after_going_back(
    make_app: MakeApp, kinds_exercise: str
) -> None:
    app = make_app(start_exercise=kinds_exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Calm")
        await press(pilot, "enter", "down", "down", "enter", "space", "enter")
        assert step_id(app) == "how_much"
        await press(pilot, "ctrl+b")
        assert app.screen.query_one("#answer").selected == ["walk"]  # type: ignore[attr-defined]
        await press(pilot, "ctrl+b")
        answer = app.screen.query_one("#answer")
        assert answer.highlighted == 2  # type: ignore[attr-defined]
        await press(pilot, "ctrl+b")
        assert app.screen.query_one("#answer").value == "Calm"  # type: ignore[attr-defined]


async def test_a_pause_says_when_the_time_is_up_and_waits(
    make_app: MakeApp, kinds_exercise: str
) -> None:
    app = make_app(start_exercise=kinds_exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "x")
        await press(pilot, "enter", "enter", "space", "enter", "5", "enter")
        assert step_id(app) == "rest"
        timer = app.screen.query_one(PauseTimer)
        timer.show_moment(6.0)  # as if the five seconds had passed
        await pilot.pause()
        words = screen_words(app)
        assert "The time is up" in words and "ctrl+n" in words
        assert "Breathe at your own pace." in words
        assert step_id(app) == "rest"  # it does not move on by itself
        await press(pilot, "ctrl+n")
        assert step_id(app) == "look"


async def test_reduced_motion_paces_the_breath_with_words_only(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, "words")
        await press(pilot, "ctrl+n", "9", "enter")
        assert step_id(app) == "settle"
        pacer = app.screen.query_one(BreathingPacer)
        assert str(pacer.visual) == "Breathe in… 1 of 4"  # counted in words, nothing moves
        app.screen.query_one(PauseTimer).show_moment(5.0)
        assert str(pacer.visual) == "Breathe out… 2 of 6"
        assert app.animation_level == "none"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_theme_is_the_one_asked_for(make_app: MakeApp, theme: str) -> None:
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)):
        assert app.theme == theme


async def test_ctrl_p_opens_no_palette_over_an_exercise(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, RunnerScreen)


async def test_tab_moves_focus_out_of_the_answer_box_without_typing_a_tab(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, "a")
        await press(pilot, "tab")
        area = app.screen.query_one("#answer")
        assert "\t" not in area.text  # type: ignore[attr-defined]
        assert app.focused is not area
        await press(pilot, "ctrl+n")  # the keys still work from anywhere on the screen
        assert step_id(app) == "intensity_before"


def test_breath_phases_follow_the_rhythm() -> None:
    rhythm = Breathing(inhale=4, hold=1, exhale=5)
    assert breath_phase(rhythm, 0) == ("in", 0.0)
    assert breath_phase(rhythm, 2) == ("in", 0.5)
    assert breath_phase(rhythm, 4.5) == ("hold", 1.0)
    assert breath_phase(rhythm, 7.5) == ("out", 0.5)
    assert breath_phase(rhythm, 10) == ("in", 0.0)


def test_cues_share_the_pause_in_order() -> None:
    cues = ["one", "two", "three"]
    assert [cue_at(cues, 30, t) for t in (0, 9.9, 10, 25, 40)] == [
        "one",
        "one",
        "two",
        "three",
        "three",
    ]
    assert cue_at([], 30, 5) == ""


def test_time_left_reads_plainly() -> None:
    assert time_left_phrase(45) == "45 seconds left"
    assert time_left_phrase(0.2) == "1 second left"
    assert time_left_phrase(90) == "1:30 left"


def test_a_pause_says_how_long_it_lasts_in_words() -> None:
    assert length_in_words(45) == "45 seconds"
    assert length_in_words(1) == "1 second"
    assert length_in_words(60) == "a minute"
    assert length_in_words(90) == "1 minute 30 seconds"
    assert length_in_words(121) == "2 minutes 1 second"
    assert length_in_words(300) == "5 minutes"


def test_anchor_words_sit_under_their_numbers_without_overlapping() -> None:
    rows = anchor_rows({0: "not at all", 5: "quite a lot", 10: "completely"}, cell=4, width=44)
    assert len(rows) == 1
    assert rows[0].startswith("not at all") and rows[0].endswith("completely")
    crowded = anchor_rows({4: "somewhat more", 5: "quite a lot"}, cell=3, width=33)
    assert len(crowded) == 2


async def test_an_unknown_theme_name_falls_back_to_dark(make_app: MakeApp) -> None:
    app = make_app(theme="no-such-theme")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-dark"


# -- the step kinds the library needs: pacer, guided sequence, chart, checklist ----------------

GUIDED = dedent(
    """\
    id: guided
    title: A guided sequence
    summary: Timed prompts, one after another.
    minutes: 1
    version: 1
    steps:
      - id: kindness
        kind: pause
        title: Kind wishes
        text: Say each phrase slowly, silently, as the words change.
        seconds: 30
        cues:
          - May I be safe, and may I be free from the harshness of my own critic today.
          - May I be kind to myself in this moment, just as I would be to a friend.
          - May I give myself the care I need.
      - id: after
        kind: text
        title: How was that?
        optional: true
    """
)


async def test_the_animated_pacer_grows_holds_and_shrinks(
    make_app: MakeApp, kinds_exercise: str
) -> None:
    app = make_app(start_exercise=kinds_exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "x")
        await press(pilot, "enter", "enter", "space", "enter", "5", "enter")
        assert step_id(app) == "rest"  # in 2 s, hold 1 s, out 2 s
        timer = app.screen.query_one(PauseTimer)
        pacer = app.screen.query_one(BreathingPacer)
        seen = []
        for moment in (0.0, 1.0, 2.5, 4.0):
            timer.show_moment(moment)
            await pilot.pause()
            text = str(pacer.visual)
            seen.append((text.split("…")[0], text.count("━")))
        assert seen == [("Breathe in", 0), ("Breathe in", 15), ("Hold", 30), ("Breathe out", 15)]
        assert app.animation_level != "none"
        assert "1 second left" in screen_words(app)


async def test_a_guided_sequence_shows_each_cue_in_turn_then_waits(
    make_app: MakeApp, context: AppContext
) -> None:
    folder = context.paths.user_exercises
    folder.mkdir(parents=True)
    (folder / "guided.yaml").write_text(GUIDED)
    app = make_app(start_exercise="guided")
    async with app.run_test(size=(80, 24)) as pilot:
        timer = app.screen.query_one(PauseTimer)
        cues = timer.cues
        shown = []
        for moment in (0.0, 10.0, 21.0):
            timer.show_moment(moment)
            await pilot.pause()
            words = screen_words(app)
            shown.append([cue for cue in cues if cue in words])  # whole, not clipped
        assert shown == [[cues[0]], [cues[1]], [cues[2]]]
        assert "9 seconds left" in screen_words(app)
        clock = timer.query_one(".pause-clock")
        rows = set()
        for moment in (0.0, 10.0, 21.0):  # cues of two lines and of one
            timer.show_moment(moment)
            await pilot.pause()
            rows.add(clock.region.y)
        assert len(rows) == 1  # the clock stays put as the cues change
        timer.show_moment(30.5)
        await pilot.pause()
        assert "The time is up" in screen_words(app)
        assert step_id(app) == "kindness"  # it waits for the person
        await press(pilot, "ctrl+n")
        assert step_id(app) == "after"


async def to_step(pilot: Pilot[None], app: CoachApp, wanted: str, rating: str = "7") -> None:
    """Go on through a shipped exercise to ``wanted``, rating what asks for a rating."""
    for _ in range(40):
        step = runner(app).practice.session.step
        assert step is not None, f"the exercise ended before {wanted}"
        if step.id == wanted:
            return
        if isinstance(step, RatingStep):
            await press(pilot, *rating, "enter")
        else:
            await press(pilot, "ctrl+o" if step.takes_answer else "ctrl+n")
    raise AssertionError(f"never reached {wanted}")


async def test_the_three_circles_chart_draws_the_weeks_ratings(make_app: MakeApp) -> None:
    app = make_app(start_exercise="three-circles")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_step(pilot, app, "chart", rating="6")
        bars = app.screen.query_one(RatingBars)
        assert [(row.value, row.system) for row in bars.rows] == [
            (6, "threat"),
            (6, "drive"),
            (6, "soothe"),
        ]
        words = screen_words(app)
        assert all(row.label in words for row in bars.rows)
        assert "6" in words


async def test_the_letter_checklist_ticks_what_the_letter_does(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="compassionate-letter")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_step(pilot, app, "checklist", rating="3")
        checklist = app.screen.query_one("#answer")
        assert isinstance(checklist, MultipleChoice)
        step = runner(app).practice.session.step
        assert isinstance(step, ChoiceStep) and step.multiple
        words = screen_words(app)
        assert [o.label for o in step.options if o.label not in words] == []  # none clipped
        await press(pilot, "space", "down", "down", "space")
        # Ticked boxes show an X and the others stay empty, so it reads without colour.
        lines = screen_text(app).splitlines()
        ticks = [next("▐X▌" in line for line in lines if o.label in line) for o in step.options]
        assert ticks == [i in (0, 2) for i in range(len(step.options))]
        await press(pilot, "ctrl+n")
        assert step_id(app) == "revise"  # something not ticked: a chance to add it
        assert runner(app).practice.session.answer_for("checklist") == [
            step.options[0].value,
            step.options[2].value,
        ]
        await press(pilot, "ctrl+b")
        assert app.screen.query_one("#answer").selected == [  # type: ignore[attr-defined]
            step.options[0].value,
            step.options[2].value,
        ]
        # Tick the rest: a letter that does everything goes straight on.
        await press(pilot, "home")
        for index in range(len(step.options)):
            if index in (0, 2):
                await press(pilot, "down")
                continue
            await press(pilot, "space", "down")
        await press(pilot, "ctrl+n")
        assert step_id(app) == "distress_after"
