"""Style warnings: each rule finds its problem at the right line; shipped exercises have none."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from cfcoach.content.library import exercise_files
from cfcoach.content.style import (
    CUE_MAX_WORDS,
    INFO_MAX_WORDS,
    PROMPT_MAX_WORDS,
    StyleWarning,
    load_with_warnings,
)
from cfcoach.paths import shipped_content_dir

SHIPPED = exercise_files(shipped_content_dir() / "exercises")

# A tidy exercise: no warnings. Tests change one thing in it at a time.
TIDY = """\
id: tidy
title: A tidy exercise
summary: A short exercise for the tests.
minutes: 3
version: 1
systems: [soothe]
sources:
  - "Gilbert, P. (2009). The Compassionate Mind. Constable."
steps:
  - id: hello
    kind: info
    title: Hello
    text: Welcome.
  - id: words
    kind: text
    title: Some words
    label: The words
    text: Write a few words.
  - id: rate
    kind: rating
    title: A rating
    label: The rating
    anchors: {0: none, 10: a lot}
  - id: rest
    kind: pause
    title: A pause
    seconds: 30
    cues: [Breathe out slowly., Feel your feet., Look around you.]
"""


def warnings_for(tmp_path: Path, text: str) -> list[StyleWarning]:
    path = tmp_path / "exercise.yaml"
    path.write_text(text, encoding="utf-8")
    return load_with_warnings(path)[1]


def only_warning(tmp_path: Path, text: str) -> StyleWarning:
    found = warnings_for(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


def words(n: int) -> str:
    return " ".join(["word"] * n)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_exercise_has_no_warnings(path: Path) -> None:
    assert load_with_warnings(path)[1] == []


def test_the_tidy_example_has_none(tmp_path: Path) -> None:
    assert warnings_for(tmp_path, TIDY) == []


def test_a_long_prompt_is_named_with_its_line_and_count(tmp_path: Path) -> None:
    text = TIDY.replace("text: Write a few words.", f"text: {words(PROMPT_MAX_WORDS + 1)}")
    found = only_warning(tmp_path, text)
    assert (found.line, found.column) == (18, 11)
    assert f"has {PROMPT_MAX_WORDS + 1} words" in found.message and "'words'" in found.message
    assert str(found).startswith(f"{tmp_path / 'exercise.yaml'}:18:11: warning: ")


def test_a_prompt_at_the_limit_is_fine_and_info_steps_may_say_more(tmp_path: Path) -> None:
    text = TIDY.replace("text: Write a few words.", f"text: {words(PROMPT_MAX_WORDS)}")
    text = text.replace("text: Welcome.", f"text: {words(INFO_MAX_WORDS)}")
    assert warnings_for(tmp_path, text) == []
    longer = text.replace("text: " + words(INFO_MAX_WORDS), "text: " + words(INFO_MAX_WORDS + 1))
    assert only_warning(tmp_path, longer).line == 13


def test_no_sources(tmp_path: Path) -> None:
    text = TIDY.replace(
        'sources:\n  - "Gilbert, P. (2009). The Compassionate Mind. Constable."\n', ""
    )
    assert "no sources" in only_warning(tmp_path, text).message
    empty = TIDY.replace(
        'sources:\n  - "Gilbert, P. (2009). The Compassionate Mind. Constable."\n',
        "sources: []\n",
    )
    found = only_warning(tmp_path, empty)
    assert "no sources" in found.message and found.line == 7


def test_a_blank_or_long_summary(tmp_path: Path) -> None:
    blank = TIDY.replace("summary: A short exercise for the tests.", 'summary: "  "')
    assert "summary is empty" in only_warning(tmp_path, blank).message
    long = TIDY.replace("summary: A short exercise for the tests.", f"summary: {words(41)}")
    found = only_warning(tmp_path, long)
    assert found.line == 3 and "41 words" in found.message


def test_no_systems_and_a_long_title(tmp_path: Path) -> None:
    text = TIDY.replace("systems: [soothe]\n", "").replace(
        "title: A tidy exercise", "title: " + "x" * 41
    )
    messages = [w.message for w in warnings_for(tmp_path, text)]
    assert any("no systems" in m for m in messages)
    assert any("41 characters" in m for m in messages)


def test_an_answer_step_without_a_label(tmp_path: Path) -> None:
    found = only_warning(tmp_path, TIDY.replace("    label: The words\n", ""))
    assert "no 'label:'" in found.message and found.line == 14


def test_a_rating_needs_both_ends(tmp_path: Path) -> None:
    found = only_warning(tmp_path, TIDY.replace("{0: none, 10: a lot}", "{0: none}"))
    assert "both ends" in found.message and found.line == 23


def test_cues_too_long_or_too_quick(tmp_path: Path) -> None:
    long = TIDY.replace("Look around you.", words(CUE_MAX_WORDS + 1))
    assert "a cue of step 'rest'" in only_warning(tmp_path, long).message
    quick = TIDY.replace("seconds: 30", "seconds: 20")
    found = only_warning(tmp_path, quick)
    assert "3 cues in 20 seconds" in found.message and found.line == 27


def test_braces_are_not_filled_in(tmp_path: Path) -> None:
    text = TIDY.replace("text: Write a few words.", "text: You wrote {words} before.")
    found = only_warning(tmp_path, text)
    assert "pin" in found.message and found.line == 18


def test_long_reason_option_and_grounding(tmp_path: Path) -> None:
    extra = dedent(
        f"""\
        grounding:
          text: {words(61)}
        suggest:
          - exercise: soothing-breathing
            reason: {words(31)}
        """
    )
    choice = (
        "  - id: pick\n"
        "    kind: choice\n"
        "    title: Pick\n"
        "    label: Picked\n"
        "    options:\n"
        f"      - {{value: a, label: {words(16)}}}\n"
        "      - {value: b, label: Fine}\n"
    )
    found = warnings_for(tmp_path, TIDY.replace("steps:\n", extra + "steps:\n") + choice)
    messages = " ".join(w.message for w in found)
    assert "grounding text has 61 words" in messages
    assert "suggestion 1 has 31 words" in messages
    assert "an option of step 'pick' has 16 words" in messages
    assert len(found) == 3


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


def test_the_guides_first_exercise_loads_with_no_warnings() -> None:
    from cfcoach.content import load_exercise_text
    from cfcoach.content.models import STEP_KINDS
    from cfcoach.content.style import style_warnings
    from cfcoach.content.yaml_source import read_yaml

    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("## A first exercise", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    exercise = load_exercise_text(example, "guide")
    assert style_warnings(exercise, read_yaml(example)[1], "guide") == []
    for kind in STEP_KINDS:  # every step kind has its own section, with an example
        assert f"### `{kind}`" in guide
    for command in ("content new", "content add", "content preview", "content schema"):
        assert f"cfcoach {command}" in guide
    assert "# yaml-language-server: $schema=" in guide
