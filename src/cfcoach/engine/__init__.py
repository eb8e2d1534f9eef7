"""The exercise state machine (pure Python: no I/O, no UI)."""

from cfcoach.engine.conditions import holds
from cfcoach.engine.session import AnswerError, ExerciseSession, ResumeError
from cfcoach.engine.state import Answer, Event, SafetyQuestion, SafetyReply, SessionState

__all__ = [
    "Answer",
    "AnswerError",
    "Event",
    "ExerciseSession",
    "ResumeError",
    "SafetyQuestion",
    "SafetyReply",
    "SessionState",
    "holds",
]
