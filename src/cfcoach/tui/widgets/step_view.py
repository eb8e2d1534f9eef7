"""One step on screen: its title, its words, pinned earlier answers and the input its kind needs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from cfcoach.content.models import (
    ChoiceStep,
    PauseStep,
    RatingStep,
    ReviewStep,
    StepBase,
    TextStep,
)
from cfcoach.tui.widgets.answer_list import AnswerList
from cfcoach.tui.widgets.choice_answer import MultipleChoice, SingleChoice
from cfcoach.tui.widgets.pause_timer import PauseTimer
from cfcoach.tui.widgets.rating_bars import BarRow, RatingBars
from cfcoach.tui.widgets.rating_picker import RatingPicker
from cfcoach.tui.widgets.text_answer import AnswerArea, LineAnswer

ANSWER_ID = "answer"
MULTIPLE_HINT = "Space ticks or unticks an option; Enter goes on."
"""Under a list where several can be ticked: how, since nothing on it says so."""


@runtime_checkable
class AnswerInput(Protocol):
    """Every answer widget can say what the person has put in so far."""

    def answer_value(self) -> Any: ...


def unsent_text(step: StepBase, value: Any) -> str:
    """What is on screen for ``step`` as the text kept in a draft ("" for nothing)."""
    if value is None or isinstance(step, PauseStep | ReviewStep):
        return ""
    if isinstance(value, list):
        return ",".join(str(item) for item in value)  # option values never hold a comma
    return str(value)


def unsent_value(step: StepBase, text: str | None) -> Any:
    """The on-screen value kept as ``text`` in a draft, or ``None`` if it no longer fits."""
    if text is None:
        return None
    if isinstance(step, TextStep):
        return text
    if isinstance(step, RatingStep):
        return int(text) if text.isdigit() and 0 <= int(text) <= 10 else None
    if isinstance(step, ChoiceStep):
        values = [option.value for option in step.options]
        if step.multiple:
            return [value for value in text.split(",") if value in values]
        return text if text in values else None
    return None


class StepView(Vertical):
    """Shows ``step``; ``answer_value()`` reads what the person has put in so far."""

    class Edited(Message):
        """The person changed what is on screen (typed, picked a number or an option)."""

        def __init__(self, view: StepView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> StepView:
            return self.view

    def __init__(
        self,
        step: StepBase,
        *,
        pinned: Sequence[tuple[str, str]] = (),
        reviewed: Sequence[tuple[str, str]] = (),
        bars: Sequence[BarRow] = (),
        earlier: Any = None,
        reduced_motion: bool = False,
        timers_running: bool = True,
    ) -> None:
        super().__init__(classes=f"step-view -{getattr(step, 'kind', 'step')}")
        self.step = step
        self.pinned = list(pinned)
        self.reviewed = list(reviewed)
        self.bars = list(bars)
        self.earlier = earlier
        self.reduced_motion = reduced_motion
        self.timers_running = timers_running

    def compose(self) -> ComposeResult:
        step = self.step
        yield Static(step.title, markup=False, classes="step-title")
        if step.text:
            yield Static(step.text, markup=False, classes="step-text")
        if self.pinned:
            title = "Your earlier answer" if len(self.pinned) == 1 else "Your earlier answers"
            yield AnswerList(self.pinned, title=title, classes="pinned")
        answer = self._answer_widget()
        if answer is not None:
            yield answer
        if isinstance(step, ChoiceStep) and step.multiple:
            yield Static(MULTIPLE_HINT, classes="answer-hint")
        if isinstance(step, PauseStep):
            yield PauseTimer(
                step.seconds,
                cues=step.cues,
                breathing=step.breathing,
                reduced_motion=self.reduced_motion,
                running=self.timers_running,
                adjustable=step.adjustable,
            )
        if isinstance(step, ReviewStep) and self.bars:
            yield RatingBars(self.bars, classes="answer-list reviewed")
        if isinstance(step, ReviewStep) and self.reviewed:
            yield AnswerList(self.reviewed, classes="reviewed")
        yield Static("", classes="answer-note")

    def _answer_widget(self) -> Widget | None:
        step, earlier = self.step, self.earlier
        if isinstance(step, TextStep):
            text = earlier if isinstance(earlier, str) else ""
            if step.multiline:
                return AnswerArea(text, placeholder=step.placeholder, id=ANSWER_ID)
            return LineAnswer(
                text, placeholder=step.placeholder, max_length=step.max_length, id=ANSWER_ID
            )
        if isinstance(step, RatingStep):
            return RatingPicker(
                step.anchors, earlier if isinstance(earlier, int) else None, id=ANSWER_ID
            )
        if isinstance(step, ChoiceStep):
            if step.multiple:
                chosen = earlier if isinstance(earlier, list) else []
                return MultipleChoice(step.options, chosen, id=ANSWER_ID)
            return SingleChoice(
                step.options, earlier if isinstance(earlier, str) else None, id=ANSWER_ID
            )
        return None

    @property
    def answer_widget(self) -> Widget | None:
        found = self.query(f"#{ANSWER_ID}")
        return found.first() if found else None

    def answer_value(self) -> Any:
        """What the person has entered (``None`` for steps that ask nothing)."""
        widget = self.answer_widget
        return widget.answer_value() if isinstance(widget, AnswerInput) else None

    def kept_value(self) -> Any:
        """What the person has put in themselves, to keep in the draft until it is given."""
        widget = self.answer_widget
        keep = getattr(widget, "kept_value", None)
        return keep() if callable(keep) else self.answer_value()

    def focus_answer(self) -> bool:
        """Put the cursor in the answer box (or an adjustable pause); False if there is none."""
        widget = self.answer_widget
        if widget is None:
            timers = self.query(PauseTimer)
            if not timers or not timers.first().adjustable:
                return False
            widget = timers.first()
        # At once, not at the next idle moment (as widget.focus() does): keys that arrive
        # as soon as the step shows go to its answer box, not nowhere.
        self.screen.set_focus(widget)
        return True

    def say(self, message: str) -> None:
        """Show a short, calm note under the step (e.g. what an answer needs)."""
        self.query_one(".answer-note", Static).update(message)

    def _edited(self) -> None:
        self.say("")
        self.post_message(self.Edited(self))

    def on_text_area_changed(self) -> None:
        self._edited()

    def on_input_changed(self) -> None:
        self._edited()

    def on_rating_picker_changed(self) -> None:
        self._edited()

    def on_option_list_option_highlighted(self) -> None:
        self._edited()

    def on_selection_list_selected_changed(self) -> None:
        self._edited()
