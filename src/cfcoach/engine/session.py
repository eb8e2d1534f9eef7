"""The exercise state machine: start, answer, go back, skip, pause, stop, finish.

Pure Python: no I/O and no UI. A front-end asks for :attr:`ExerciseSession.step`, shows
it, and calls one of the actions; after each action it saves :attr:`ExerciseSession.state`.
"""

from __future__ import annotations

import re
from typing import Any

from cfcoach.content.models import (
    END,
    ChoiceStep,
    Exercise,
    RatingStep,
    StepBase,
    Suggestion,
    TextStep,
)
from cfcoach.engine.conditions import holds
from cfcoach.engine.state import Answer, Event, SafetyQuestion, SafetyReply, SessionState

_WHOLE_NUMBER = re.compile(r"[0-9]{1,2}")


class AnswerError(ValueError):
    """The answer does not fit the step; the message says, kindly, what would."""


class ResumeError(ValueError):
    """A saved state does not fit the exercise as it is now."""


class ExerciseSession:
    """One person's way through one exercise.

    :meth:`answer` raises :class:`AnswerError` for an answer that does not fit the step
    (and changes nothing); :meth:`resume` raises :class:`ResumeError`. Acting on a step
    once the exercise is over (:attr:`finished`) is a caller's mistake: ``RuntimeError``.
    """

    def __init__(self, exercise: Exercise, state: SessionState) -> None:
        self.exercise = exercise
        self.state = state

    # -- starting ---------------------------------------------------------------------

    @classmethod
    def start(cls, exercise: Exercise, earlier: dict[str, Answer] | None = None) -> ExerciseSession:
        """Begin ``exercise`` at its first step, pre-filled with ``earlier`` answers if given.

        Pre-filling is how a saved plan is edited: each step shows what was written before.
        Answers to steps the exercise no longer has, or that no longer fit their step (a
        step that now asks for a rating, say), are left out.
        """
        kept: dict[str, Answer] = {}
        for step_id, value in (earlier or {}).items():
            if exercise.has_step(step_id):
                fitting = _fitting(exercise.step(step_id), value)
                if fitting is not None:
                    kept[step_id] = fitting
        state = SessionState(
            exercise_id=exercise.id,
            exercise_version=exercise.version,
            current=exercise.steps[0].id,
            answers=kept,
        )
        return cls(exercise, state)

    @classmethod
    def resume(cls, exercise: Exercise, saved: dict[str, Any] | SessionState) -> ExerciseSession:
        """Continue from a saved state; :class:`ResumeError` if it no longer fits the exercise."""
        if isinstance(saved, dict):
            # Saved beside the state, for lists of drafts (see Practice); not part of it.
            saved = {key: value for key, value in saved.items() if key != "progress"}
        try:
            state = saved if isinstance(saved, SessionState) else SessionState.model_validate(saved)
        except ValueError as exc:
            raise ResumeError("the saved progress could not be read") from exc
        if state.exercise_id != exercise.id:
            raise ResumeError(
                f"the saved progress belongs to '{state.exercise_id}', not '{exercise.id}'"
            )
        if state.status == "in_progress" and state.current is None:
            raise ResumeError("the saved progress could not be read")
        if state.current is not None and not exercise.has_step(state.current):
            raise ResumeError("the exercise has changed since this was started")
        if any(not exercise.has_step(step_id) for step_id in state.trail):
            raise ResumeError("the exercise has changed since this was started")
        return cls(exercise, state.model_copy(deep=True))

    # -- reading ----------------------------------------------------------------------

    @property
    def step(self) -> StepBase | None:
        """The step to show now, or ``None`` when the exercise is over."""
        if self.state.current is None:
            return None
        return self.exercise.step(self.state.current)

    @property
    def finished(self) -> bool:
        return self.state.status != "in_progress"

    @property
    def can_go_back(self) -> bool:
        return bool(self.state.trail) and not self.finished

    def suggestion(self) -> Suggestion | None:
        """The exercise's first suggestion whose condition holds, once it is completed."""
        if self.state.status != "completed":
            return None
        answers = self._on_path()
        for rule in self.exercise.suggest:
            if rule.when is None or holds(rule.when, answers):
                return rule
        return None

    def answer_for(self, step_id: str) -> Answer | None:
        """The answer given to ``step_id``, if any."""
        return self.state.answers.get(step_id)

    def progress(self) -> tuple[int, int]:
        """(this step's number, the likely number of steps) for a progress indicator."""
        done = len(self.state.trail)
        if self.state.current is None:
            return (done, done)
        remaining = 0
        current: str | None = self.state.current
        seen: set[str] = set()
        while current is not None and current != END and current not in seen:
            seen.add(current)
            remaining += 1
            current = self._next_id(self.exercise.step(current), also=seen)
        return (done + 1, done + remaining)

    # -- acting -----------------------------------------------------------------------

    def pending_for(self, step_id: str) -> str | None:
        """Words typed on ``step_id`` but not yet submitted, if any."""
        return self.state.pending.get(step_id)

    def keep_typing(self, text: str) -> None:
        """Remember words typed on the current step before they are submitted."""
        step = self._require_step()
        if text:
            self.state.pending[step.id] = text
        else:
            self.state.pending.pop(step.id, None)

    def answer(self, value: Any = None) -> None:
        """Give the current step's answer (``None`` for steps that ask nothing) and move on."""
        step = self._require_step()
        if step.takes_answer:
            cleaned = _clean(step, value)
            if cleaned is None:
                # Left empty (allowed when optional): an answer given before is cleared.
                self.state.answers.pop(step.id, None)
                self._mark_skipped(step.id)
            else:
                self.state.answers[step.id] = cleaned
                if step.id in self.state.skipped:
                    self.state.skipped.remove(step.id)
        self._advance(step)

    def skip(self) -> None:
        """Leave the current step unanswered and move on (always allowed: never a dead end)."""
        step = self._require_step()
        self.state.answers.pop(step.id, None)
        self._mark_skipped(step.id)
        self.state.events.append(Event(kind="skipped", step=step.id))
        self._advance(step)

    def back(self) -> bool:
        """Return to the previous step (its answer is kept); False when there is none."""
        if not self.can_go_back:
            return False
        self.state.current = self.state.trail.pop()
        return True

    def too_much(self) -> None:
        """Record that the current step felt like too much (the front-end then offers choices)."""
        step = self._require_step()
        self.state.events.append(Event(kind="too_much", step=step.id))

    def safety_screen_shown(self, step_id: str) -> None:
        """Record that the safety screen was shown after the answer to ``step_id``."""
        self.state.events.append(Event(kind="safety_screen", step=step_id))

    def safety_question_due(self, step_id: str) -> bool:
        """True when the answer just given to ``step_id`` is one the exercise marks for the
        gentle safety question, and the question has not been asked in this entry yet."""
        if self.state.safety_question is not None or not self.exercise.has_step(step_id):
            return False
        return self.exercise.step(step_id).asks_about_safety(self.state.answers.get(step_id))

    def safety_question_asked(self, step_id: str) -> None:
        """Record that the safety question is being asked after the answer to ``step_id``."""
        self.state.safety_question = SafetyQuestion(step=step_id)
        self.state.events.append(Event(kind="safety_question", step=step_id))

    def safety_question_answered(self, reply: SafetyReply) -> None:
        """Record the person's answer to the safety question (asked before)."""
        if self.state.safety_question is None:
            raise RuntimeError("the safety question was not asked")
        self.state.safety_question.reply = reply

    def grounded(self) -> None:
        """Record that a grounding pause was taken on the current step."""
        step = self._require_step()
        self.state.events.append(Event(kind="grounding", step=step.id))

    def stop(self) -> None:
        """End the exercise early, keeping every answer given so far."""
        if self.finished:
            return
        if self.state.current is not None:
            self.state.events.append(Event(kind="stopped", step=self.state.current))
        self.state.status = "stopped"

    # -- internals --------------------------------------------------------------------

    def _require_step(self) -> StepBase:
        step = self.step
        if step is None or self.finished:
            raise RuntimeError("the exercise is over")
        return step

    def _mark_skipped(self, step_id: str) -> None:
        if step_id not in self.state.skipped:
            self.state.skipped.append(step_id)

    def _on_path(self, also: set[str] | frozenset[str] = frozenset()) -> dict[str, Answer]:
        """The answers given on the way actually taken (and on ``also``).

        An answer left on a branch the person went back from stays in the state (going
        that way again shows it), but conditions treat its step as unanswered, as the
        authoring guide says and as the saved entry (which leaves it out) shows.
        """
        passed = set(self.state.trail) | also
        if self.state.current is not None:
            passed.add(self.state.current)
        return {k: v for k, v in self.state.answers.items() if k in passed}

    def _next_id(self, step: StepBase, also: set[str] | frozenset[str] = frozenset()) -> str:
        answers = self._on_path(also | {step.id})
        for branch in self.exercise.branches(step):
            if branch.when is None or holds(branch.when, answers):
                return branch.goto
        return END  # unreachable for a checked exercise: the last branch has no condition

    def _advance(self, step: StepBase) -> None:
        self.state.pending.pop(step.id, None)
        target = self._next_id(step)
        self.state.trail.append(step.id)
        if target == END:
            self.state.current = None
            self.state.status = "completed"
        else:
            self.state.current = target


def _fitting(step: StepBase, value: Any) -> Answer | None:
    """``value`` as an answer to ``step`` if it is the kind of answer the step takes and
    fits it (a rating from 0 to 10, one of the options ...), else ``None``."""
    if isinstance(step, RatingStep):
        fits = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(step, ChoiceStep) and step.multiple:
        fits = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        fits = isinstance(step, (TextStep, ChoiceStep)) and isinstance(value, str)
    if not fits:
        return None
    try:
        return _clean(step, value)
    except AnswerError:
        return None


def _clean(step: StepBase, value: Any) -> Answer | None:
    """Check ``value`` against ``step``; ``None`` means 'left empty' (allowed when optional)."""
    if isinstance(step, TextStep):
        text = "" if value is None else str(value)
        if not text.strip():
            if step.optional:
                return None
            raise AnswerError(
                "This step asks for a few words. If you'd rather not, you can skip it."
            )
        if len(text) > step.max_length:
            raise AnswerError(
                f"This answer is longer than {step.max_length:,} characters; please shorten it."
            )
        return text.strip("\n")
    if isinstance(step, RatingStep):
        if value is None or (isinstance(value, str) and not value.strip()):
            if step.optional:
                return None
            raise AnswerError("Choose a number from 0 to 10, or skip this step.")
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
            number = int(value.strip())
        else:
            raise AnswerError("Choose a whole number from 0 to 10.")
        if not 0 <= number <= 10:
            raise AnswerError("Choose a whole number from 0 to 10.")
        return number
    if isinstance(step, ChoiceStep):
        allowed = [option.value for option in step.options]
        given: list[Any]
        if value is None:
            given = []
        elif isinstance(value, (list, tuple, set, frozenset)):
            given = list(value)
        else:
            given = [value]  # one value (a number, say): checked against the options below
        chosen = [str(v) for v in given if str(v)]
        unknown = [v for v in chosen if v not in allowed]
        if unknown:
            raise AnswerError(f"Choose from the options shown ({', '.join(allowed)}).")
        if not chosen:
            if step.optional:
                return None
            raise AnswerError("Choose one of the options, or skip this step.")
        if step.multiple:
            return [v for v in allowed if v in chosen]
        if len(chosen) > 1:
            raise AnswerError("Choose just one option here.")
        return chosen[0]
    return None
