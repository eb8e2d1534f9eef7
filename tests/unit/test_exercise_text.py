"""Text from an exercise file never runs in a terminal: it enters the models shown safely.

Issue 17, item 8: an exercise file could hold ``\\x1b]0;...\\x07`` or ``\\x1b[2J`` (written
as YAML escapes) in a title, a step's text, a label or an option, and every front-end
sent it to the terminal raw. Now every text of the models passes through
:func:`cfcoach.textsafety.printable` as it is validated, so no front-end can miss it, and
``content validate`` warns about each one with its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cfcoach.content import ChoiceStep, Exercise, PauseStep, RatingStep, load_exercise_file
from cfcoach.content.library_cache import LibraryCache, file_hash
from cfcoach.content.style import load_with_warnings
from cfcoach.textsafety import printable

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NOT_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
NASTY = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066"
NASTY_YAML = r"\e]0;pwned\a\e[2J\x9b31m\u202Eevil\u2066"


def every_text(words: str) -> dict[str, Any]:
    """An exercise with ``words`` in every text it shows."""
    return {
        "id": "nasty",
        "title": words,
        "summary": words,
        "minutes": 1,
        "version": 1,
        "tags": [words],
        "sources": [words],
        "grounding": {"text": words},
        "suggest": [{"exercise": "daily-checkin", "reason": words}],
        "steps": [
            {"id": "hello", "kind": "info", "title": words, "text": words},
            {"id": "words", "kind": "text", "title": words, "label": words, "placeholder": words},
            {"id": "rate", "kind": "rating", "title": words, "anchors": {0: words, 10: words}},
            {
                "id": "pick",
                "kind": "choice",
                "title": words,
                "options": [{"value": "a", "label": words}, {"value": "b", "label": words}],
            },
            {"id": "pause", "kind": "pause", "title": words, "cues": [words, words]},
            {"id": "back", "kind": "review", "title": words, "show": ["words"]},
        ],
    }


def texts(node: Any) -> list[str]:
    """Every string in a model's data."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in texts(item)]
    return []


@given(st.text(min_size=1))
def test_every_text_of_an_exercise_is_shown_safely(words: str) -> None:
    exercise = Exercise.model_validate(every_text(words))
    shown = texts(exercise.model_dump())
    assert printable(words) in shown
    for text in shown:
        assert not NOT_SHOWN.search(text), repr(text)


def test_escapes_are_marks_in_each_place() -> None:
    exercise = Exercise.model_validate(every_text(NASTY))
    marked = printable(NASTY)
    assert marked == "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eevil\\u2066"
    assert exercise.title == exercise.summary == exercise.steps[0].text == marked
    rate, pick, pause = exercise.steps[2:5]
    assert isinstance(rate, RatingStep) and rate.anchors[10] == marked
    assert isinstance(pick, ChoiceStep) and pick.options[0].label == marked
    assert isinstance(pause, PauseStep) and pause.cues == [marked, marked]
    assert exercise.grounding.text == exercise.suggest[0].reason == marked


def test_values_compared_with_answers_are_kept_as_written() -> None:
    data = every_text("Fine")
    data["steps"][1]["next"] = [
        {"when": {"answer": "words", "equals": "\u200fyes"}, "goto": "rate"},
        {"when": {"answer": "words", "one_of": ["\u202eno"]}, "goto": "rate"},
        {"goto": "rate"},
    ]
    step = Exercise.model_validate(data).steps[1]
    assert isinstance(step.next, list)
    assert step.next[0].when is not None and step.next[0].when.equals == "\u200fyes"
    assert step.next[1].when is not None and step.next[1].when.one_of == ["\u202eno"]


def write(tmp_path: Path) -> Path:
    path = tmp_path / "nasty.yaml"
    path.write_text(
        "id: nasty\n"
        f'title: "Kind {NASTY_YAML}"\n'
        "summary: A test.\n"
        "minutes: 1\n"
        "version: 1\n"
        "steps:\n"
        "  - id: pick\n"
        "    kind: choice\n"
        f'    title: "Pick \\e[2J"\n'
        "    label: Pick\n"
        "    options:\n"
        '      - {value: a, label: "A \\u2066b"}\n'
        "      - {value: b, label: B}\n",
        encoding="utf-8",
    )
    return path


def test_a_file_with_escapes_loads_with_them_shown_and_warned_about(tmp_path: Path) -> None:
    path = write(tmp_path)
    exercise = load_exercise_file(path)
    assert exercise.title == "Kind " + printable(NASTY)
    assert exercise.steps[0].title == "Pick \\x1b[2J"
    _, warnings = load_with_warnings(path)
    about = [str(w) for w in warnings if "control character" in w.message]
    assert about == [
        f"{path}:2:8: warning: the title has a control character U+001B, which could change "
        "the terminal; cfcoach shows it as \\x1b instead, so remove it",
        f"{path}:9:12: warning: the title of step 'pick' has a control character U+001B, "
        "which could change the terminal; cfcoach shows it as \\x1b instead, so remove it",
        f"{path}:12:27: warning: the label of option 1 of step 'pick' has a bidirectional "
        "control character U+2066, which can make the words around it read in another "
        "order; cfcoach shows it as \\u2066 instead, so remove it",
    ]


def test_an_exercise_read_back_from_the_cache_is_as_safe(tmp_path: Path) -> None:
    path = write(tmp_path)
    exercise = load_exercise_file(path)
    cache = LibraryCache(tmp_path / "cache.json")
    digest = file_hash(path.read_bytes())
    cache.remember_exercise(path, digest, exercise)
    again = cache.exercise(path, digest)
    assert again == exercise
    assert again is not None and not NOT_SHOWN.search(again.model_dump_json())
