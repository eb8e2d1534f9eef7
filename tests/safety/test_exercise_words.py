"""The exercises' own words never raise the safety screen.

A person choosing "Being left out" or writing the example an exercise suggests is doing
the exercise, not saying they are in danger. (The safety plan is left out: it names
hard things on purpose.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cfcoach.content import load_exercise_file
from cfcoach.paths import shipped_content_dir
from cfcoach.safety import assess

EXERCISES = sorted((shipped_content_dir() / "exercises").glob("*.yaml"))


def shown_words(path: Path) -> list[str]:
    exercise = load_exercise_file(path)
    found: list[str] = []
    for step in exercise.steps:
        for name in ("title", "label", "placeholder"):
            value = getattr(step, name, None)
            if isinstance(value, str) and value.strip():
                found.append(value)
        for option in getattr(step, "options", None) or ():
            found.append(option.label)
    return found


@pytest.mark.parametrize(
    "path", [p for p in EXERCISES if p.stem != "safety-plan"], ids=lambda p: p.stem
)
def test_an_exercise_s_own_words_do_not_raise_the_safety_screen(path: Path) -> None:
    words = shown_words(path)
    assert words
    raised = [text for text in words if assess(text).flagged]
    assert raised == []
