"""The home screen's footer shows its keys from the first frame and is rebuilt only when
the keys it shows change (issue 8: first paint)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from cfcoach.tui.widgets.steady_footer import SteadyFooter
from tests.tui.conftest import MakeApp


def descriptions(app: object) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]  # type: ignore[attr-defined]


async def test_the_keys_are_there_from_the_first_frame(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        # No pause: what run_test gives is the screen as first drawn.
        assert "Help now" in descriptions(app)
        assert "Check-in" in descriptions(app)


async def test_moving_around_does_not_rebuild_the_same_keys(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt: list[int] = []
    real_compose = SteadyFooter.compose

    def counting_compose(self: SteadyFooter):  # type: ignore[no-untyped-def]
        rebuilt.append(1)
        return real_compose(self)

    monkeypatch.setattr(SteadyFooter, "compose", counting_compose)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        settled = len(rebuilt)
        assert settled <= 2  # the first keys, and once more if focus adds one
        for key in ("tab", "down", "down", "shift+tab", "tab"):
            await pilot.press(key)
        await pilot.pause()
        assert len(rebuilt) == settled  # the same keys: nothing rebuilt
        assert "Help now" in descriptions(app)
