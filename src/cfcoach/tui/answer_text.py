"""Answers as a person reads them (moved to :mod:`cfcoach.content.answer_text`, shared with
the plain front-end and exports; re-exported here for the screens)."""

from cfcoach.content.answer_text import (
    SKIPPED,
    answer_label,
    answered_lines,
    describe_answer,
    shorten,
)

__all__ = ["SKIPPED", "answer_label", "answered_lines", "describe_answer", "shorten"]
