"""A checkbox with an X only when it is ticked.

Textual draws an X in every checkbox and tells ticked from not by colour alone, which a
monochrome terminal (NO_COLOR), a colour-blind eye or a screen reader cannot see: the
export screen's "Include my safety plan" looked ticked when it was not.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """``▐X▌`` ticked, ``▐ ▌`` not."""

    # Textual's class attribute, read by ToggleButton each time it draws the box.
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "
