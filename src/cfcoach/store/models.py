"""An entry: one run through an exercise, as saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

EntryStatus = Literal["draft", "completed", "stopped"]


class Entry(BaseModel):
    """One run through an exercise: its answers, times and marks."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    """The database row id (``None`` until saved)."""
    uuid: str
    """A stable id that survives export and import."""
    exercise_id: str
    """The id of the exercise answered."""
    exercise_version: int
    """The version of the exercise answered."""
    status: EntryStatus = "draft"
    """draft (unfinished), completed, or stopped (ended early on purpose)."""
    started_at: AwareDatetime
    """When the exercise was started (timezone-aware)."""
    updated_at: AwareDatetime
    """When the entry was last saved (timezone-aware)."""
    finished_at: AwareDatetime | None = None
    """When it was completed or stopped (timezone-aware)."""
    answers: dict[str, Any] = Field(default_factory=dict)
    """Answers by step id."""
    skipped: list[str] = Field(default_factory=list)
    """Ids of the steps skipped."""
    state: dict[str, Any] = Field(default_factory=dict)
    """The engine's full state, so a draft can be resumed exactly."""
    private: bool = False
    """When true, the entry is never exported unless the person asks."""
    therapist_note: str | None = None
    """An optional note the person writes for their therapist."""
    safety_shown: bool = False
    """Whether the safety screen was shown during this entry."""
    deleted_at: AwareDatetime | None = None
    """When the entry was moved to the trash (``None`` while it is not in the trash)."""

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


def aware(value: datetime) -> datetime:
    """``value`` with a timezone (the local one if it had none)."""
    return value if value.tzinfo is not None else value.astimezone()
