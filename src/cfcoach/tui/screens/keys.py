"""Every key a screen takes, with a line on what each does (``?``).

A key bar at 80 columns has room for the common keys only; the others (the country, the
list of unfinished exercises) are named here, so no key is a secret. The list is read from
the screen's and the app's bindings (a binding's ``tooltip`` is its longer line), so it
cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

HERE = Path(__file__).parent
KEY_COLUMN = 9
"""Columns for the key names ("ctrl+q", "↑ ↓") before what they do."""


def screen_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key as shown, what it does) for each key the screen and the app show (or describe
    with a tooltip), in the order the key bar shows them; a key the screen hides for now
    (c with nothing to continue) is left out."""
    app = screen.app
    rows: list[tuple[str, str]] = []
    actions: set[str] = set()
    for node, binding, _enabled, tooltip in screen.active_bindings.values():
        if node not in (screen, app) or not (binding.show or binding.tooltip):
            continue  # the focused list's keys, and Textual's own (tab): the screen names those
        if not binding.description or binding.action in actions:
            continue
        actions.add(binding.action)
        rows.append((app.get_key_display(binding), tooltip or binding.description))
    return rows


def keys_table(rows: Sequence[tuple[str, str]]) -> Content:
    """One key a line: its name in the key colour, then what it does."""
    lines = [
        Content.assemble((f"{key:<{KEY_COLUMN}}", "bold $footer-key-foreground"), (what, ""))
        for key, what in rows
    ]
    return Content("\n").join(lines)


class KeysScreen(ModalScreen[None]):
    """The keys, over the screen they belong to; Escape, Enter or ``?`` goes back."""

    CSS_PATH = HERE / "keys.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,question_mark", "close", "Back"),
    ]

    def __init__(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.keys_title = title
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keys-dialog"):
            yield Static(self.keys_title, markup=False, classes="dialog-title")
            with VerticalScroll(id="keys-body"):
                yield Static(keys_table(self.rows), id="keys-table")
            yield Static("Escape goes back.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#keys-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
