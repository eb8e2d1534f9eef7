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
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from cfcoach.tui.widgets.choice_list import ChoiceList
from cfcoach.tui.widgets.key_bar import HELP_NOW_KEY

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


class _AnswersOnce:
    """Keys that arrive while a screen is closing must not answer it a second time."""

    _answered = False

    def answer_once(self, result: object) -> None:
        if self._answered:
            return
        self._answered = True
        self.dismiss(result)  # type: ignore[attr-defined]


def country_label(name: str) -> str:
    """'the United Kingdom' -> 'United Kingdom' (names are stored as they read after 'in')."""
    return name[4:] if name.lower().startswith("the ") else name


class WelcomeScreen(_AnswersOnce, ModalScreen[str | None]):
    """Asks the country; dismisses with its code, ``somewhere-else``, or ``None`` (kept as it was)."""

    CSS_PATH = HERE / "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep as it is"),
        HELP_NOW_KEY,
    ]

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
            if self.first_run:
                # Page one: what cfcoach is and is not. Enter moves on to the country.
                with VerticalScroll(id="welcome-body"):
                    yield Static(WHAT_IT_IS, classes="dialog-text")
                    yield Static(GENTLE_WORD, classes="dialog-text")
                    yield Static(PRIVATE, classes="dialog-text")
                yield Static("Press Enter to go on.", classes="dialog-hint", id="welcome-next")
            with Vertical(id="country-page"):
                yield Static(
                    "Which country are you in? It decides which crisis lines cfcoach shows you.",
                    classes="dialog-text",
                )
                options = [Option(label, id=code) for code, label in self.countries]
                options.append(Option("Somewhere else (an international directory)", id=ELSEWHERE))
                yield ChoiceList(*options, id="countries")
                yield Static(
                    "↑ ↓ to choose, Enter to confirm. You can change it later with w on the "
                    "home screen, or `cfcoach settings --country CC`.",
                    classes="dialog-hint",
                )
        yield Footer()

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        codes = [code for code, _ in self.countries]
        choices.highlighted = codes.index(self.current) if self.current in codes else len(codes)
        if self.first_run:
            self.query_one("#country-page").display = False
            self.query_one("#welcome-body").focus()
        else:
            choices.focus()

    def on_key(self, event: Key) -> None:
        if event.key != "enter" or self._answered:
            return
        event.stop()
        if self.first_run and not self.query_one("#country-page").display:
            self.query_one("#welcome-body").display = False
            self.query_one("#welcome-next").display = False
            self.query_one("#country-page").display = True
            self.query_one(OptionList).focus()
            return
        # Enter that reaches the screen (the list not focused yet): take the highlighted one.
        choices = self.query_one(OptionList)
        option = choices.highlighted_option
        self.answer_once(option.id if option is not None else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer_once(event.option_id)

    def action_keep(self) -> None:
        self.answer_once(None)


class OfferPlanScreen(_AnswersOnce, ModalScreen[bool]):
    """After the first-run welcome: make a safety plan now, or later ("Maybe later" first:
    it is the calm answer, highlighted as the offer opens)."""

    CSS_PATH = HERE / "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Maybe later"),
        HELP_NOW_KEY,
    ]

    def on_key(self, event: Key) -> None:
        """Enter that reaches the screen (the list not focused yet) takes the highlighted choice."""
        if event.key == "enter":
            event.stop()
            option = self.query_one(OptionList).highlighted_option
            self.answer_once(option is not None and option.id == "now")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A safety plan", classes="dialog-title")
            yield Static(
                "A safety plan is a short list, in your own words, of what helps when things "
                "get very hard. cfcoach shows it with the crisis lines whenever you need them. "
                "It takes about fifteen minutes, and you can make it any time from the exercises.",
                classes="dialog-text",
            )
            yield ChoiceList(
                Option("Maybe later", id="later"),
                Option("Make my safety plan now", id="now"),
                id="plan-choices",
            )
            yield Static(
                "↑ ↓ to choose, Enter to confirm.",
                classes="dialog-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer_once(event.option_id == "now")

    def action_later(self) -> None:
        self.answer_once(False)
