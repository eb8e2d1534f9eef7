"""What of an entry is shown: its steps in the exercise's order, private ones left out.

Every report and figure reads answers through :func:`shown_steps`, so a step marked
``private`` is left out of all of them alike unless the person asks otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cfcoach.content.answer_text import answer_words
from cfcoach.content.models import Exercise, RatingStep, StepBase
from cfcoach.store.models import NOTE_STEP, Entry


@dataclass(slots=True)
class ShownStep:
    """One step of an entry as a report shows it: answered, or skipped.

    Not frozen: reports make one for every step of every entry (57,000 for 10,000 check-ins),
    and a frozen dataclass is about four times slower to make. Nothing changes one.
    """

    step_id: str
    label: str
    """The exercise's own name for the answer (the step id if the exercise no longer has it)."""
    kind: str | None
    """text, rating, choice, pause... (``None`` when the exercise no longer has the step)."""
    system: str | None
    """threat, drive or soothe, when the step names one."""
    value: Any
    """The answer as saved (``None`` when skipped)."""
    skipped: bool
    step: StepBase | None


def shown_steps(
    entry: Entry, exercise: Exercise | None, *, include_private_steps: bool
) -> list[ShownStep]:
    """The answered and skipped steps of ``entry``, in the exercise's order.

    Steps the exercise marks private are left out unless ``include_private_steps``; answers
    to steps the exercise no longer has come last, under their step id.
    """
    shown: list[ShownStep] = []
    answers = entry.answers
    skipped = entry.skipped
    known, plan = _plan(exercise, include_private_steps)
    for step, step_id, label, kind, system in plan:
        value = answers.get(step_id)  # None, like "" and [], is no answer
        if not _empty(value):
            shown.append(ShownStep(step_id, label, kind, system, value, False, step))
        elif step_id in skipped:
            shown.append(ShownStep(step_id, label, kind, system, None, True, step))
    if not known.issuperset(answers):  # rare: one quick test instead of a loop per entry
        shown.extend(_unknown_answers(answers, known))
    return shown


def _unknown_answers(answers: dict[str, Any], known: frozenset[str]) -> list[ShownStep]:
    """Answers to steps the exercise no longer has, under their step ids."""
    return [
        ShownStep(step_id, step_id, None, None, value, False, None)
        for step_id, value in answers.items()
        if step_id not in known and step_id != NOTE_STEP and not _empty(value)
    ]


_Planned = tuple[StepBase, str, str, "str | None", "str | None"]
_PLANS: dict[tuple[int, bool], tuple[Exercise, frozenset[str], tuple[_Planned, ...]]] = {}


def _plan(
    exercise: Exercise | None, include_private_steps: bool
) -> tuple[frozenset[str], tuple[_Planned, ...]]:
    """The exercise's step ids and the steps a report may show, worked out once per exercise.

    Reports call :func:`shown_steps` for thousands of entries of the same few exercises.
    The cache holds the exercise itself, so its ``id`` cannot be reused while cached.
    """
    if exercise is None:
        return frozenset(), ()
    key = (id(exercise), include_private_steps)
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is exercise:
        return cached[1], cached[2]
    known = frozenset(step.id for step in exercise.steps)
    plan = tuple(
        (step, step.id, step.answer_label, getattr(step, "kind", None), step.system)
        for step in exercise.steps
        # The note step's words are the entry's note, shown once, apart from the answers.
        if (include_private_steps or not step.private) and step.id != NOTE_STEP
    )
    if len(_PLANS) >= 256:
        _PLANS.clear()
    _PLANS[key] = (exercise, known, plan)
    return known, plan


def value_text(shown: ShownStep) -> str:
    """The answer in plain words: "4 out of 10 (quite a lot)", choices by their labels."""
    if shown.skipped:
        return "skipped"
    return answer_words(shown.step, shown.value)


def rating_scale(step: StepBase | None) -> str:
    """A rating step's anchors as one line: "0 = not at all, 5 = quite a lot, 10 = completely"."""
    if not isinstance(step, RatingStep) or not step.anchors:
        return ""
    return ", ".join(f"{point} = {words}" for point, words in sorted(step.anchors.items()))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []
