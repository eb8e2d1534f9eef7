"""Focus areas: what the person wants to work on, and the exercises suggested for them."""

from cfcoach.focus.areas import (
    FOCUS_AREAS,
    FOCUS_IDS,
    FocusArea,
    focus_area,
    near_focus_id,
    normalise_focus_id,
    parse_focus_choice,
    tidy_focus_ids,
)

__all__ = [
    "FOCUS_AREAS",
    "FOCUS_IDS",
    "FocusArea",
    "focus_area",
    "near_focus_id",
    "normalise_focus_id",
    "parse_focus_choice",
    "tidy_focus_ids",
]
