"""The home screen's row of keys, drawn as one widget.

Textual's ``Footer`` draws each key as a widget of its own, with two styled parts. On the
home screen that meant eight more widgets to mount and style (three style passes each)
before the first frame: about 11 ms of the time to first paint (issue 8). ``KeyBar``
reads the same bindings and draws them as one line, in the look and theme colours of
the compact ``Footer``. Clicking a key presses it, as with ``Footer``.

Where the line is too narrow for every key, the keys the screen names as ``optional`` give
way, the first named first (the screen's ``?`` lists them all); the rest are never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
HOVER_KEY_STYLE = "bold $footer-key-foreground on $block-hover-background"
HOVER_DESCRIPTION_STYLE = "$footer-key-foreground on $block-hover-background"
GAP = 1
"""Columns between two keys (the compact Footer's margin)."""
HELP_NOW_KEY = Binding("f1", "app.help_now", "Help now")
"""F1 in a modal screen's footer, which Textual draws without the app's keys (F1 works there
anyway: the app's binding comes first)."""


class ShownKey(NamedTuple):
    """One key as the bar shows it."""

    key: str
    """The key to press, as Textual names it (``ctrl+q``)."""
    display: str
    """The key as shown (``^q``)."""
    description: str
    """What it does, in a word or two."""
    enabled: bool
    """False draws it dimmed; clicking it rings the bell."""


def shown_keys(
    active: Iterable[ActiveBinding], key_display: Callable[[Binding], str]
) -> tuple[ShownKey, ...]:
    """The keys to show, in the order Textual's Footer shows them: the first binding of
    each action that has ``show`` set."""
    actions: set[str] = set()
    keys: list[ShownKey] = []
    for _node, binding, enabled, _tooltip in active:
        if not binding.show or binding.action in actions:
            continue
        actions.add(binding.action)
        keys.append(ShownKey(binding.key, key_display(binding), binding.description, enabled))
    return tuple(keys)


def key_width(key: ShownKey) -> int:
    """Columns a key takes: its name, then a space and its description if it has one."""
    width = cell_len(key.display)
    return width + 1 + cell_len(key.description) if key.description else width


def keys_width(keys: Sequence[ShownKey]) -> int:
    """Columns the keys take on one line, with the gaps between them."""
    return sum(key_width(key) for key in keys) + GAP * max(0, len(keys) - 1)


def fitted_keys(
    keys: Sequence[ShownKey], width: int, optional: Sequence[str] = ()
) -> tuple[ShownKey, ...]:
    """The keys that fit in ``width`` columns: the ``optional`` ones (named by key) give way
    in the order named until the rest fit. The others always stay, in their order."""
    kept = list(keys)
    for name in optional:
        if keys_width(kept) <= width:
            break
        kept = [key for key in kept if key.key != name]
    return tuple(kept)


def key_at(keys: Iterable[ShownKey], x: int) -> int | None:
    """Which key (its index) is drawn at column ``x``; None for a gap or past the end."""
    start = 0
    for index, key in enumerate(keys):
        end = start + key_width(key)
        if start <= x < end:
            return index
        start = end + GAP
    return None


def bar_content(keys: Iterable[ShownKey], hovered: int | None = None) -> Content:
    """The line of keys, styled with the theme's footer colours."""
    parts: list[Content] = []
    for index, key in enumerate(keys):
        if index:
            parts.append(Content(" " * GAP))
        hover = index == hovered
        dim = "" if key.enabled else " dim"
        parts.append(Content.styled(key.display, (HOVER_KEY_STYLE if hover else KEY_STYLE) + dim))
        if key.description:
            style = HOVER_DESCRIPTION_STYLE if hover else DESCRIPTION_STYLE
            parts.append(Content.styled(f" {key.description}", style + dim))
    return Content("").join(parts)


class KeyBar(Widget, can_focus=False):
    """A one-line footer with the screen's keys, kept up to date as they change."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, optional: Sequence[str] = ()) -> None:
        super().__init__()
        self.optional = tuple(optional)
        """Keys (``d``, ``w``) that give way when the line is too narrow, first named first."""
        self.shown: tuple[ShownKey, ...] = ()
        """The keys the screen shows (read from the screen when first drawn)."""
        self.drawn: tuple[ShownKey, ...] = ()
        """Those that fit on the line as last drawn."""
        self._read = False
        self._hovered: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # As Footer: while the terminal has no focus, the keys shown stay as they were.
        if screen is self.screen and self.app.app_focus:
            self._update_keys()

    def _update_keys(self) -> None:
        keys = shown_keys(self.screen.active_bindings.values(), self.app.get_key_display)
        self._read = True
        if keys != self.shown:
            self.shown = keys
            self.refresh()

    def render(self) -> Content:
        if not self._read:  # the first frame: the screen's focus is settled by now
            self._update_keys()
        self.drawn = fitted_keys(self.shown, self.size.width, self.optional)
        return bar_content(self.drawn, self._hovered)

    # -- the mouse -----------------------------------------------------------------------

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(key_at(self.drawn, event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def on_click(self, event: events.Click) -> None:
        index = key_at(self.drawn, event.x)
        if index is None:
            return
        event.stop()
        key = self.drawn[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
