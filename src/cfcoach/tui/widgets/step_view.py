"""One step on screen: its title, its words, pinned earlier answers and the input its kind needs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.containers import Vertical
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
from cfcoach.tui.widgets.rating_picker import RatingPicker
from cfcoach.tui.widgets.text_answer import AnswerArea, LineAnswer

ANSWER_ID = "answer"


@runtime_checkable
class AnswerInput(Protocol):
    """Every answer widget can say what the person has put in so far."""

    def answer_value(self) -> Any: ...


class StepView(Vertical):
    """Shows ``step``; ``answer_value()`` reads what the person has put in so far."""

    def __init__(
        self,
        step: StepBase,
        *,
        pinned: Sequence[tuple[str, str]] = (),
        reviewed: Sequence[tuple[str, str]] = (),
        earlier: Any = None,
        reduced_motion: bool = False,
        timers_running: bool = True,
    ) -> None:
        super().__init__(classes=f"step-view -{getattr(step, 'kind', 'step')}")
        self.step = step
        self.pinned = list(pinned)
        self.reviewed = list(reviewed)
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
        if isinstance(step, PauseStep):
            yield PauseTimer(
                step.seconds,
                cues=step.cues,
                breathing=step.breathing,
                reduced_motion=self.reduced_motion,
                running=self.timers_running,
            )
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

    def focus_answer(self) -> bool:
        """Put the cursor in the answer box; False when the step asks nothing."""
        widget = self.answer_widget
        if widget is None:
            return False
        widget.focus()
        return True

    def say(self, message: str) -> None:
        """Show a short, calm note under the step (e.g. what an answer needs)."""
        self.query_one(".answer-note", Static).update(message)

    def on_text_area_changed(self) -> None:
        self.say("")

    def on_input_changed(self) -> None:
        self.say("")
