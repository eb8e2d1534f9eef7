"""First run (and changing the country later): what cfcoach is and is not, and the country.

The country picks the crisis lines shown by the safety screen and the help-now key.
After choosing it on first run, the person is offered to make a safety plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

HERE = Path(__file__).parent

WHAT_IT_IS = (
    "cfcoach is a place to practise meeting your inner critic with more warmth, using "
    "exercises from compassion-focused therapy. It is self-help, for between therapy "
    "sessions or on your own. It is not therapy, a diagnosis, or crisis care: if you are "
    "ever in danger, press F1 for crisis lines, from any screen."
)
GENTLE_WORD = (
    "A gentle word before you start: being kind to yourself can feel strange, "
    "uncomfortable or even threatening at first. That is common, and it usually eases "
    "with practice. Change tends to come slowly. If you are working through trauma, or "
    "often feel cut off or 'not really there', these exercises are best done alongside "
    "a therapist."
)
PRIVATE = "Everything you write stays on this computer unless you choose to export it."
ELSEWHERE = "somewhere-else"


def country_label(name: str) -> str:
    """'the United Kingdom' -> 'United Kingdom' (names are stored as they read after 'in')."""
    return name[4:] if name.lower().startswith("the ") else name


class WelcomeScreen(ModalScreen[str | None]):
    """Asks the country; dismisses with its code, ``somewhere-else``, or ``None`` (kept as it was)."""

    CSS_PATH = HERE / "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Keep as it is")]

    def __init__(
        self, countries: list[tuple[str, str]], current: str | None, *, first_run: bool
    ) -> None:
        super().__init__()
        self.countries = countries
        self.current = current
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="welcome-dialog"):
            yield Static(
                "Welcome to cfcoach" if self.first_run else "Your country", classes="dialog-title"
            )
            with VerticalScroll(id="welcome-body"):
                if self.first_run:
                    yield Static(WHAT_IT_IS, classes="dialog-text")
                    yield Static(GENTLE_WORD, classes="dialog-text")
                    yield Static(PRIVATE, classes="dialog-text")
                yield Static(
                    "Which country are you in? It decides which crisis lines cfcoach shows you.",
                    classes="dialog-text",
                )
            options = [Option(label, id=code) for code, label in self.countries]
            options.append(Option("Somewhere else (an international directory)", id=ELSEWHERE))
            yield OptionList(*options, id="countries")
            yield Static(
                "↑ ↓ to choose, Enter to confirm. You can change it later with w on the home screen.",
                classes="dialog-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        codes = [code for code, _ in self.countries]
        choices.highlighted = codes.index(self.current) if self.current in codes else len(codes)
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_keep(self) -> None:
        self.dismiss(None)


class OfferPlanScreen(ModalScreen[bool]):
    """After the first-run welcome: make a safety plan now, or later."""

    CSS_PATH = HERE / "welcome.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A safety plan", classes="dialog-title")
            yield Static(
                "A safety plan is a short list, in your own words, of what helps when things "
                "get very hard. cfcoach shows it with the crisis lines whenever you need them. "
                "It takes about fifteen minutes, and you can make it any time from the exercises.",
                classes="dialog-text",
            )
            yield OptionList(
                Option("Make my safety plan now", id="now"),
                Option("Maybe later", id="later"),
                id="plan-choices",
            )
        yield Footer()

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 1
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id == "now")
