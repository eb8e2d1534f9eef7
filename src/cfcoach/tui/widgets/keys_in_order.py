"""Keys taken in the order they were typed, however fast they come.

Textual reads keys in one place (the app) and hands each one to the focused widget's own
queue, where it is handled a moment later. Two things can then happen out of order when keys
come in a burst (a fast typist, a loaded machine, a text expander, screen-reader input):

* A priority binding (ctrl+n) runs in the app at once, while the characters typed before it
  still wait in the answer box's queue: the answer read was cut short.
* A key the box binds itself (backspace, an arrow) is not handled in the box: it travels up
  to the app and its action runs from there, so a character typed after it can land first
  (Textual issue #6605). Enter handled that way let the keys after it go to the old step.

So answer widgets run their own bindings as they take the key (:class:`OwnBindingsInOrder`),
in turn with their typing; and the runner's keys that act on an answer first wait until the
focused widget has taken every key that came before (:func:`keys_settled`). While such an
action runs, the app reads no further keys: those typed meanwhile go to the next step's box.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

from textual import events
from textual._context import active_message_pump
from textual.widget import Widget

from cfcoach.errorlog import get_logger

if TYPE_CHECKING:
    from textual.app import App

SETTLE_SECONDS = 3.0
"""How long an action waits for the keys before it (far longer than a burst takes)."""


class OwnBindingsInOrder:
    """For a widget: its own key bindings run as it takes the key, not after a trip to the app.

    List it before the Textual widget class (``class Box(OwnBindingsInOrder, Input)``).
    """

    async def _on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # run by the app before the key ever reached this widget
            if await widget.app.run_action(binding.action, widget):
                event.stop()
                # The widget's other key handlers (the Textual class's own) have nothing to do.
                event.prevent_default()
                return


async def keys_settled(app: App[object], timeout: float = SETTLE_SECONDS) -> None:
    """Wait until the focused widget has taken every key that reached it before now.

    A widget handles its queue in order, so a callback put at its end runs only after them.
    """
    focused = app.focused
    if focused is None or active_message_pump.get(None) is focused:
        return  # nothing is waiting, or this runs from that very queue
    taken = asyncio.Event()
    if not focused.call_later(taken.set):
        return  # the widget is closing: nothing more will be taken
    try:
        await asyncio.wait_for(taken.wait(), timeout)
    except TimeoutError:
        # Go on with what is there rather than hang; the box keeps anything still to come.
        get_logger().warning("tui: keys typed before an action were not all taken in time")
