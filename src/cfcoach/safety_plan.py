"""The person's safety plan: the latest completed ``safety-plan`` entry.

Doing the exercise again (pre-filled with the plan) is how the plan is edited; the safety
screen and exports show the newest one.
"""

from __future__ import annotations

from dataclasses import dataclass

from cfcoach.content import Exercise
from cfcoach.engine import Answer
from cfcoach.store import Entry, EntryStore
from cfcoach.store.entries import EntryQuery

SAFETY_PLAN_ID = "safety-plan"


@dataclass(frozen=True)
class SafetyPlan:
    """The plan's parts that have words in them, as (label, text) pairs in the exercise's order."""

    entry: Entry
    parts: list[tuple[str, str]]

    def as_text(self) -> str:
        """The plan as plain text (labels, then the person's words, indented)."""
        lines: list[str] = []
        for label, text in self.parts:
            lines.append(f"{label}:")
            lines.extend(f"  {line}" for line in text.splitlines() or [""])
        return "\n".join(lines)


def latest_plan_entry(store: EntryStore) -> Entry | None:
    """The newest completed safety-plan entry (private ones too: it is the person's own)."""
    query = EntryQuery(exercise_ids=(SAFETY_PLAN_ID,), include_private=True)
    for entry in store.select(query, newest_first=True):
        if entry.status == "completed":
            return entry
    return None


def current_plan(store: EntryStore, exercise: Exercise | None) -> SafetyPlan | None:
    """The plan to show, or ``None`` when none has been written (or it is all empty)."""
    entry = latest_plan_entry(store)
    if entry is None:
        return None
    parts: list[tuple[str, str]] = []
    steps = exercise.steps if exercise is not None else []
    labels = {step.id: step.answer_label for step in steps}
    order = [step.id for step in steps] + [k for k in entry.answers if k not in labels]
    for step_id in order:
        value = entry.answers.get(step_id)
        if isinstance(value, str) and value.strip():
            parts.append((labels.get(step_id, step_id), value.strip()))
    return SafetyPlan(entry, parts) if parts else None


def earlier_answers(store: EntryStore) -> dict[str, Answer]:
    """The current plan's answers, to pre-fill the exercise when the person edits the plan."""
    entry = latest_plan_entry(store)
    return dict(entry.answers) if entry is not None else {}


def starting_answers(store: EntryStore, exercise: Exercise) -> dict[str, Answer]:
    """What a new run of ``exercise`` starts with: the current plan for the safety plan
    (so doing it again edits the plan), nothing for every other exercise."""
    return earlier_answers(store) if exercise.id == SAFETY_PLAN_ID else {}
