"""The home screen's key bar: one widget that shows the keys from the first frame, follows
them as they change, and presses a key when it is clicked (issue 8: first paint)."""

from __future__ import annotations

from textual.binding import ActiveBinding, Binding
from textual.widgets._footer import FooterKey

from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.history import HistoryScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.keys import KeysScreen
from cfcoach.tui.widgets.key_bar import (
    HOVER_KEY_STYLE,
    KEY_STYLE,
    KeyBar,
    ShownKey,
    bar_content,
    fitted_keys,
    key_at,
    keys_width,
    shown_keys,
)
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text, screen_words


def active(*bindings: tuple[Binding, bool]) -> list[ActiveBinding]:
    return [ActiveBinding(None, binding, enabled, "") for binding, enabled in bindings]  # type: ignore[arg-type]


def plain_display(binding: Binding) -> str:
    return binding.key.replace("ctrl+", "^")


def test_the_keys_shown_are_the_first_of_each_action_with_show_set() -> None:
    keys = shown_keys(
        active(
            (Binding("s", "start", "Check-in"), True),
            (Binding("d", "drafts", "Drafts", show=False), True),
            (Binding("enter", "start", "Start again"), True),  # a second key for "start"
            (Binding("ctrl+q", "quit", "Quit"), False),
        ),
        plain_display,
    )
    assert keys == (
        ShownKey("s", "s", "Check-in", True),
        ShownKey("ctrl+q", "^q", "Quit", False),
    )


def test_a_column_finds_its_key_and_gaps_find_none() -> None:
    keys = [ShownKey("s", "s", "Check-in", True), ShownKey("f1", "f1", "Help now", True)]
    text = bar_content(keys).plain
    assert text == "s Check-in f1 Help now"
    assert [key_at(keys, x) for x in range(len(text) + 2)] == (
        [0] * len("s Check-in") + [None] + [1] * len("f1 Help now") + [None, None]
    )


def test_wide_characters_count_as_two_columns() -> None:
    keys = [ShownKey("up", "↑", "", True), ShownKey("x", "x", "全部", True)]
    # "↑" is one column; "x 全部" is six (each of the two characters takes two).
    assert [key_at(keys, x) for x in range(9)] == [0, None, 1, 1, 1, 1, 1, 1, None]


def test_a_disabled_key_is_dimmed_and_a_hovered_one_lit() -> None:
    keys = [ShownKey("s", "s", "Check-in", True), ShownKey("c", "c", "Continue", False)]
    styles = [str(span.style) for span in bar_content(keys).spans]
    assert KEY_STYLE in styles and f"{KEY_STYLE} dim" in styles
    hovered = [str(span.style) for span in bar_content(keys, hovered=0).spans]
    assert HOVER_KEY_STYLE in hovered and HOVER_KEY_STYLE not in styles


def bottom_line(app: CoachApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_keys_are_there_from_the_first_frame(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        # No pause: what run_test gives is the screen as first drawn.
        line = bottom_line(app)
        assert "s Check-in" in line and "f1 Help now" in line
        assert not app.screen.query(FooterKey)  # one widget, not one a key


async def test_clicking_a_key_presses_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = bottom_line(app).index("h History") + 3  # on the word, as a person clicks
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_clicking_a_gap_does_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = bottom_line(app).index("h History") - 1  # the space before it
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_keys_follow_what_the_screen_offers(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "c Continue" not in bottom_line(app)  # nothing to continue yet
        exercise = context.library.get("daily-checkin")
        assert exercise is not None
        with context.open_store() as store:  # a draft appears (as after leaving a check-in)
            Practice.begin(store, exercise, context.clock).answer(None)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.refresh_entries()
        await pilot.pause()
        assert "c Continue" in bottom_line(app)


async def test_hovering_a_key_lights_it_and_leaving_puts_it_out(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        column = bottom_line(app).index("i Insights")
        await pilot.hover(KeyBar, offset=(column, 0))
        await pilot.pause()
        lit = [str(span.style) for span in bar.render().spans]
        assert lit.count(HOVER_KEY_STYLE) == 1
        await pilot.hover("#home-title")
        await pilot.pause()
        assert HOVER_KEY_STYLE not in [str(span.style) for span in bar.render().spans]


def test_optional_keys_give_way_first_named_first_and_the_rest_never() -> None:
    keys = [
        ShownKey("s", "s", "Check-in", True),
        ShownKey("d", "d", "Drafts", True),
        ShownKey("w", "w", "Country", True),
        ShownKey("f1", "f1", "Help now", True),
    ]
    assert fitted_keys(keys, 100, ("w", "d")) == tuple(keys)
    assert keys_width(keys) == len("s Check-in d Drafts w Country f1 Help now")
    assert [k.key for k in fitted_keys(keys, 31, ("w", "d"))] == ["s", "d", "f1"]
    assert [k.key for k in fitted_keys(keys, 30, ("w", "d"))] == ["s", "f1"]
    assert [k.key for k in fitted_keys(keys, 22, ("w", "d"))] == ["s", "f1"]
    assert [k.key for k in fitted_keys(keys, 5, ("w", "d"))] == ["s", "f1"]  # never cut


def seed_draft(context: AppContext) -> None:
    exercise = context.library.get("daily-checkin")
    assert exercise is not None
    with context.open_store() as store:
        Practice.begin(store, exercise, context.clock).answer(None)


async def test_home_shows_every_key_that_fits_and_the_rest_give_way_at_80_columns(
    make_app: MakeApp, context: AppContext
) -> None:
    """Issue 17: home's key bar left out w and d (and c)."""
    seed_draft(context)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = bottom_line(app)
        for key in ("s Check-in", "c Continue", "d Drafts", "h History", "i Insights"):
            assert key in line
        for key in ("x Export", "f Focus", "w Country", "? Keys", "^q Quit", "f1 Help now"):
            assert key in line
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = bottom_line(app).rstrip()
        assert line.endswith("f1 Help now")  # nothing cut at the edge
        for key in ("s Check-in", "c Continue", "h History", "i Insights", "x Export"):
            assert key in line
        assert "? Keys" in line and "^q Quit" in line
        assert "w Country" not in line and "d Drafts" not in line  # in the ? list


async def test_question_mark_lists_every_key_of_the_home_screen(
    make_app: MakeApp, context: AppContext
) -> None:
    seed_draft(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        words = screen_words(app)
        for binding in HomeScreen.BINDINGS:
            assert isinstance(binding, Binding)
            shown = app.get_key_display(binding)
            assert f"{shown} {binding.tooltip}" in words, binding
        assert "f1 Help now" in words
        assert "Enter Open what is highlighted" in words
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "w")  # a key the bar leaves out at 80 columns still works
        assert type(app.screen).__name__ == "WelcomeScreen"
