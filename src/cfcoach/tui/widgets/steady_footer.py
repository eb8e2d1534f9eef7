"""A footer that shows its keys from the first frame and redraws them only when they change.

Textual's Footer shows no keys until the screen first says its bindings changed, then
rebuilds every key whenever they are refreshed (at each focus change, and several times
while a screen opens). On the home screen that meant five rebuilds, and the keys came a
few frames after the rest of the screen (issue 8: first paint).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that is ready at once and skips rebuilds that
    would show the same keys."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: tuple[tuple[str, str, bool], ...] | None = None
        # Textual 8.2 keeps "ready" in a private reactive; tests/tui/test_steady_footer.py
        # fails if a later Textual no longer shows the keys in the first frame this way.
        self.set_reactive(Footer._bindings_ready, True)

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
