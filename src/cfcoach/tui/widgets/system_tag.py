"""A small, calm tag naming which of the three systems a step belongs to."""

from __future__ import annotations

from textual.widgets import Label

SYSTEM_NAMES = {"threat": "threat system", "drive": "drive system", "soothe": "soothing system"}


class SystemTag(Label):
    """Shows "threat system", "drive system" or "soothing system"; hidden when a step has none."""

    def show_system(self, system: str | None) -> None:
        for name in SYSTEM_NAMES:
            self.set_class(system == name, f"-{name}")
        self.display = system is not None
        self.update(f" {SYSTEM_NAMES.get(system or '', '')} " if system else "")
