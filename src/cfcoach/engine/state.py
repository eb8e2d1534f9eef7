"""The whole state of one run through an exercise, serialisable to JSON and back.

A draft is this state saved after every step; resuming is loading it again.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Answer = str | int | list[str]
"""A text answer, a rating, a single choice's value or several choices' values."""

Status = Literal["in_progress", "completed", "stopped"]

SafetyReply = Literal["yes", "sometimes", "no", "rather_not_say"]
"""The answers to the gentle question about thoughts of not wanting to be alive."""


class Event(BaseModel):
    """Something that happened on a step besides an answer (e.g. 'too much right now')."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["too_much", "grounding", "skipped", "stopped", "safety_screen", "safety_question"]
    """What happened."""
    step: str
    """The id of the step it happened on."""


class SafetyQuestion(BaseModel):
    """The gentle question about thoughts of not wanting to be alive: asked once an entry."""

    model_config = ConfigDict(extra="forbid")

    step: str
    """The id of the step whose answer brought the question."""
    reply: SafetyReply | None = None
    """The person's answer; ``None`` while it is on screen (or if it was closed unanswered)."""


class SessionState(BaseModel):
    """Where a person is in an exercise and what they have answered."""

    model_config = ConfigDict(extra="forbid")

    exercise_id: str
    """The id of the exercise being done."""
    exercise_version: int
    """The version of the exercise the answers belong to."""
    current: str | None
    """The id of the step on screen, or ``None`` once the exercise is over."""
    trail: list[str] = Field(default_factory=list)
    """The steps already passed, in order (the way back)."""
    answers: dict[str, Answer] = Field(default_factory=dict)
    """Answers by step id."""
    skipped: list[str] = Field(default_factory=list)
    """Ids of steps the person skipped."""
    events: list[Event] = Field(default_factory=list)
    """Other things that happened along the way, in order."""
    safety_question: SafetyQuestion | None = None
    """The gentle safety question, once it has been asked in this entry (never asked twice)."""
    pending: dict[str, str] = Field(default_factory=dict)
    """Words typed on a step but not yet submitted, by step id (kept so a crash loses nothing)."""
    status: Status = "in_progress"
    """Whether the exercise is still going, was completed, or was stopped early."""
