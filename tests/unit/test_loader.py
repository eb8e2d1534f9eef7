"""Loading exercise files: the shipped ones load; every kind of mistake gets FILE:LINE:COL."""

from __future__ import annotations

import copy
import io
import shutil
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cfcoach.content import (
    ChoiceStep,
    ContentError,
    Exercise,
    PauseStep,
    Problem,
    RatingStep,
    ReviewStep,
    TextStep,
    load_exercise_file,
    load_exercise_text,
    load_library,
)
from cfcoach.content.models import END
from cfcoach.paths import shipped_content_dir

SHIPPED = shipped_content_dir() / "exercises"

# The lines every small example starts with (lines 1-5); steps start on line 6.
HEAD = """\
id: demo
title: Demo
summary: A small exercise for the tests.
minutes: 5
version: 1
"""


def write(tmp_path: Path, text: str, name: str = "exercise.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_in(path: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_exercise_file(path)
    problems = caught.value.problems
    assert problems, "a ContentError always carries at least one problem"
    return problems


def only_problem(path: Path) -> Problem:
    problems = problems_in(path)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_at(problem: Problem, path: Path, line: int, column: int, *words: str) -> None:
    """``problem`` prints as ``FILE:LINE:COL: message`` and its message holds ``words``."""
    printed = str(problem)
    assert printed.startswith(f"{path}:{line}:{column}: "), printed
    assert printed == f"{path}:{line}:{column}: {problem.message}"
    for word in words:
        assert word in problem.message, printed


# -- the shipped exercises -------------------------------------------------------------


def test_the_shipped_daily_checkin_loads() -> None:
    exercise = load_exercise_file(SHIPPED / "daily-checkin.yaml")
    assert exercise.id == "daily-checkin"
    assert exercise.steps[0].id == "welcome"
    ids = [step.id for step in exercise.steps]
    assert len(ids) == len(set(ids))
    before = exercise.step("intensity_before")
    assert isinstance(before, RatingStep)
    assert [branch.goto for branch in exercise.branches(before)] == ["settle", "feeling"]
    assert isinstance(exercise.step("settle"), PauseStep)
    assert [branch.goto for branch in exercise.branches(exercise.step("settle"))] == ["feeling"]
    feeling = exercise.step("feeling")
    assert isinstance(feeling, ChoiceStep)
    assert feeling.multiple and feeling.optional
    assert [branch.goto for branch in exercise.branches(feeling)] == ["threat"]
    assert exercise.version == 2
    assert isinstance(exercise.step("summary"), ReviewStep)
    assert exercise.branches(exercise.steps[-1])[0].goto == END


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.y*ml")), ids=lambda p: p.name)
def test_every_shipped_exercise_loads(path: Path) -> None:
    assert isinstance(load_exercise_file(path), Exercise)


def test_a_loaded_exercise_gives_plain_data_and_labels(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: feeling
            kind: choice
            title: How are you?
            label: Mood
            options:
              - {value: calm, label: Calm}
              - {value: tense, label: Tense}
            multiple: true
          - id: words
            kind: text
            title: Some words
            optional: true
            pin: [feeling]
        """),
    )
    exercise = load_exercise_file(path)
    feeling = exercise.step("feeling")
    assert isinstance(feeling, ChoiceStep)
    assert feeling.multiple
    assert feeling.answer_label == "Mood"
    assert [o.value for o in feeling.options] == ["calm", "tense"]
    words = exercise.step("words")
    assert isinstance(words, TextStep)
    assert words.answer_label == "Some words"
    assert words.optional


# -- YAML that cannot be read -----------------------------------------------------------


def test_yaml_syntax_error_points_at_the_character(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: Demo: the sequel\n")
    assert_at(only_problem(path), path, 2, 12, "YAML syntax", "mapping values")


def test_a_tab_for_indentation_is_a_syntax_error_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\n\ttitle: Demo\n")
    assert_at(only_problem(path), path, 2, 1, "YAML syntax", "'\\t'")


def test_a_duplicate_key_is_reported_where_it_repeats(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: A\nid: other\n")
    assert_at(only_problem(path), path, 3, 1, "duplicate key", '"id"')


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_an_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert_at(only_problem(path), path, 1, 1, "empty")


def test_several_documents_point_at_the_second(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "---\nid: other\n")
    # The second document starts on line 7, after the '---' on line 6.
    assert_at(only_problem(path), path, 7, 1, "several YAML documents", "one exercise in each file")


def test_a_top_level_list(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: demo\n- title: Demo\n")
    assert_at(only_problem(path), path, 1, 1, "mapping of keys", "a list")


def test_a_top_level_plain_value(tmp_path: Path) -> None:
    path = write(tmp_path, "just some words\n")
    assert_at(only_problem(path), path, 1, 1, "mapping of keys", "a single value")


def test_a_list_used_as_a_key_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\n? [a, b]\n: c\n")
    problem = only_problem(path)
    assert problem.path == str(path)
    assert "key" in problem.message
    assert "Error" not in problem.message  # no Python exception names for a person


def test_an_unknown_yaml_version_directive(tmp_path: Path) -> None:
    path = write(tmp_path, "# my exercise\n%YAML 1.3\n---\n" + HEAD)
    assert_at(only_problem(path), path, 2, 1, "'%YAML'", "remove that line")


def test_comments_in_any_valid_layout_are_fine(tmp_path: Path) -> None:
    # A comment after 'key:' continued on the next line (yaml-test-suite P94K) once made
    # the round-trip reader raise NotImplementedError.
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:    # the steps
                  # one after another
          - id: a
            kind: info
            title:   # a title
                     # on two lines
              Hello
        """),
    )
    assert load_exercise_file(path).steps[0].title == "Hello"


def test_a_tagged_value_is_read_as_its_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: !note Hello
        """),
    )
    assert load_exercise_file(path).steps[0].title == "Hello"


def test_a_tagged_bad_value_still_has_a_position(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD.replace("minutes: 5", "minutes: !x lots"))
    problems = problems_in(path)
    minutes = [p for p in problems if "minutes" in p.message]
    assert len(minutes) == 1
    assert_at(minutes[0], path, 4, 10, "valid integer", "'lots'")


def test_an_alias_that_refers_to_itself(tmp_path: Path) -> None:
    path = write(tmp_path, "&me\nid: demo\nsteps: *me\n")
    assert_at(only_problem(path), path, 1, 1, "refers to itself", "alias")


def test_a_list_alias_inside_itself_is_an_ordinary_problem(tmp_path: Path) -> None:
    # ruamel reads '&loop [*loop]' as a list holding an empty value: no cycle, no crash.
    path = write(tmp_path, HEAD + "steps: &loop [*loop]\n")
    assert_at(only_problem(path), path, 6, 8, "steps[0]", "valid dictionary")


@pytest.mark.parametrize("depth", [100, 20_000])
def test_deep_flow_nesting(tmp_path: Path, depth: int) -> None:
    path = write(tmp_path, "id: " + "[" * depth + "]" * depth + "\n")
    assert_at(only_problem(path), path, 1, 1, "nests too deeply")


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(200)) + "  " * 200 + "x\n"
    path = write(tmp_path, text)
    assert_at(only_problem(path), path, 1, 1, "nests too deeply")


def test_alias_expansion_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    problem = only_problem(path)
    assert problem.path == str(path)
    assert "far more values" in problem.message


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "notes: " + "x" * 2_100_000 + "\n")
    assert_at(only_problem(path), path, 1, 1, "the file is 2.2 MB", "at most 1 MB")


# -- files that are not text, or not there ------------------------------------------------


def test_non_utf8_bytes_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: demo\ntitle: Demo\nsummary: caf\xe9 au lait\n")
    assert_at(only_problem(path), path, 3, 1, "not UTF-8", "save it as UTF-8")


def test_a_utf8_byte_order_mark_is_fine(tmp_path: Path) -> None:
    source = (SHIPPED / "daily-checkin.yaml").read_bytes()
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + source)
    assert load_exercise_file(path).id == "daily-checkin"


def test_binary_data(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"id: demo\x00\x01\x02\n")
    assert_at(only_problem(path), path, 1, 1, "binary")


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    assert_at(only_problem(path), path, 1, 1, "does not exist")


def test_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    assert_at(only_problem(path), path, 1, 1, "folder")


# -- the exercise's own fields -------------------------------------------------------------


def test_an_unknown_top_level_key_points_at_the_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        colour: blue
        steps:
          - id: a
            kind: info
            title: A
        """),
    )
    assert_at(only_problem(path), path, 6, 1, "unknown key 'colour'", "spelling")


def test_an_unknown_step_key_points_at_the_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
            tilte: B
        """),
    )
    assert_at(only_problem(path), path, 10, 5, "unknown key 'tilte'", "steps[0]")


def test_a_missing_top_level_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD.replace("title: Demo\n", "")
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
        """),
    )
    assert_at(only_problem(path), path, 1, 1, "missing 'title'", "add it")


def test_a_missing_step_key_points_at_the_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
          - id: b
            kind: text
        """),
    )
    assert_at(only_problem(path), path, 10, 5, "steps[1] is missing 'title'")


def test_a_bad_step_kind_points_at_the_kind(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: poem
            title: A
        """),
    )
    assert_at(only_problem(path), path, 8, 11, "'poem'", "info, text, rating, choice")


def test_a_step_without_a_kind(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            title: A
        """),
    )
    assert_at(only_problem(path), path, 7, 5, "needs 'kind:'")


def test_a_bad_step_id_points_at_the_id(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: Step One
            kind: info
            title: A
        """),
    )
    assert_at(only_problem(path), path, 7, 9, "steps[0].id", "lower case letters")


def test_a_text_steps_own_fields_are_named_right(tmp_path: Path) -> None:
    # A text step has a field called 'text', like its kind: neither may be mistaken
    # for the other when a problem is placed.
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: text
            title: A
            system: sideways
          - id: b
            kind: text
            title: B
            text: [not, words]
        """),
    )
    first, second = problems_in(path)
    assert_at(first, path, 10, 13, "steps[0].system", "'threat', 'drive' or 'soothe'", "sideways")
    assert_at(second, path, 14, 11, "steps[1].text:", "valid string")


def test_a_wrong_type_shows_the_value(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD.replace("minutes: 5", "minutes: lots"))
    minutes = [p for p in problems_in(path) if "minutes" in p.message]
    assert len(minutes) == 1
    assert_at(minutes[0], path, 4, 10, "valid integer", "'lots'")


def test_a_next_that_is_neither_a_step_nor_branches(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
            next: 42
        """),
    )
    # One problem, in words, without pydantic's names for the forms of a union.
    assert_at(only_problem(path), path, 10, 11, "steps[0].next", "list of branches", "42")


def test_a_condition_testing_two_things(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: rating
            title: A
            next:
              - when: {answer: a, at_least: 5, at_most: 8}
                goto: end
              - goto: end
        """),
    )
    assert_at(only_problem(path), path, 11, 15, "steps[0].next[0].when", "exactly one of")


def test_rating_anchors_outside_the_scale(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: rating
            title: A
            anchors:
              0: not at all
              11: more than ever
        """),
    )
    problem = only_problem(path)
    assert_at(problem, path, 11, 7, "steps[0].anchors", "0 to 10", "[11]")
    assert ".rating" not in problem.message  # pydantic's union tag is not shown


def test_choice_with_duplicate_option_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: choice
            title: A
            options:
              - {value: calm, label: Calm}
              - {value: tense, label: Tense}
              - {value: calm, label: Quiet}
        """),
    )
    problem = only_problem(path)
    assert_at(problem, path, 11, 7, "steps[0].options", "must differ", "'calm'")
    assert ".choice" not in problem.message


# -- the step graph -------------------------------------------------------------------------


def test_a_duplicate_step_id_points_at_the_second(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
          - id: a
            kind: info
            title: B
        """),
    )
    assert_at(only_problem(path), path, 10, 9, "two steps are called 'a'")


def test_a_step_called_end(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: end
            kind: info
            title: A
        """),
    )
    assert_at(only_problem(path), path, 7, 9, "'end' is kept")


def test_goto_an_unknown_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
            next: nowhere
        """),
    )
    # Only the real mistake: no extra "can never finish" for the same step.
    assert_at(only_problem(path), path, 10, 11, "'nowhere'", "use one of: a, or end")


def test_a_branch_to_an_unknown_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: rating
            title: A
            next:
              - when: {answer: a, at_least: 8}
                goto: nowhere
              - goto: end
        """),
    )
    assert_at(only_problem(path), path, 12, 15, "'nowhere'", "no step has that id")


def test_an_unreachable_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
            next: end
          - id: b
            kind: info
            title: B
        """),
    )
    assert_at(only_problem(path), path, 11, 9, "reaches step 'b'")


def test_a_loop_with_no_exit(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
          - id: b
            kind: info
            title: B
            next: a
        """),
    )
    problems = problems_in(path)
    assert len(problems) == 2, problems
    # 'a' has no 'next' of its own, so its problem points at the step; 'b' at its 'next'.
    assert_at(problems[0], path, 7, 5, "from step 'a'", "never finish")
    assert_at(problems[1], path, 13, 11, "from step 'b'", "never finish")


def test_a_loop_with_an_exit_is_fine(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: rating
            title: A
            next:
              - when: {answer: a, at_most: 3}
                goto: end
              - goto: b
          - id: b
            kind: info
            title: B
            next: a
        """),
    )
    assert load_exercise_file(path).id == "demo"


def test_the_last_branch_has_a_when(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: rating
            title: A
            next:
              - when: {answer: a, at_least: 5}
                goto: end
        """),
    )
    assert_at(only_problem(path), path, 11, 9, "last branch", "without 'when'")


def test_a_branch_after_the_fallback_is_never_taken(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: rating
            title: A
            next:
              - goto: end
              - when: {answer: a, at_least: 5}
                goto: end
        """),
    )
    problems = problems_in(path)
    assert any("can never be taken" in p.message and p.line == 12 for p in problems), problems


def test_pin_reads_a_later_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
          - id: b
            kind: text
            title: B
            pin: [c]
          - id: c
            kind: text
            title: C
        """),
    )
    assert_at(only_problem(path), path, 13, 10, "'c'", "cannot have been written yet")


def test_review_shows_a_step_on_another_branch(tmp_path: Path) -> None:
    # 'low' is only on one branch, but may come before 'summary': that is allowed.
    # 'later' comes after 'summary': that is not.
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: rate
            kind: rating
            title: Rate
            next:
              - when: {answer: rate, at_most: 3}
                goto: low
              - goto: summary
          - id: low
            kind: text
            title: Low
          - id: summary
            kind: review
            title: Summary
            show: [rate, low, later]
          - id: later
            kind: text
            title: Later
        """),
    )
    problem = only_problem(path)
    assert_at(problem, path, 20, 11, "'later'", "cannot have been written yet")


def test_pin_of_a_step_that_asks_nothing(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
          - id: b
            kind: text
            title: B
            pin: [a]
        """),
    )
    assert_at(only_problem(path), path, 13, 10, "'a' asks no question")


def test_a_condition_reads_a_later_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: a
            kind: info
            title: A
            next:
              - when: {answer: b, answered: true}
                goto: end
              - goto: b
          - id: b
            kind: text
            title: B
        """),
    )
    assert_at(only_problem(path), path, 11, 15, "reads 'b'", "cannot have been answered yet")


def test_at_least_on_a_step_that_is_not_a_rating(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: words
            kind: text
            title: Words
          - id: b
            kind: info
            title: B
            next:
              - when:
                  any:
                    - {answer: words, answered: false}
                    - {answer: words, at_least: 3}
                goto: end
              - goto: end
        """),
    )
    assert_at(only_problem(path), path, 15, 11, "at_least / at_most", "'words' is not a rating")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        colour: blue
        steps:
          - id: a
            kind: poem
            title: A
          - id: b
            kind: info
        """),
    )
    lines = sorted(p.line for p in problems_in(path))
    assert lines == [6, 9, 11]


def test_load_exercise_text_uses_the_label() -> None:
    with pytest.raises(ContentError) as caught:
        load_exercise_text("- a\n", "from the clipboard")
    assert str(caught.value) == (
        "from the clipboard:1:1: an exercise file is a mapping of keys "
        "('id:', 'title:', 'steps:' ...), but this holds a list"
    )


# -- any damage to a good file ---------------------------------------------------------------

JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-20, 20)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.sampled_from(["", "end", "x", "Bad Id", "text", "rating", "critic", "settle"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "kind", "goto", "when", "answer", "at_least", "0", "extra"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=6,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _checkin_data() -> Any:
    return YAML(typ="safe").load((SHIPPED / "daily-checkin.yaml").read_text(encoding="utf-8"))


CHECKIN_PATHS = [p for p in _paths(_checkin_data()) if p]


@settings(max_examples=120, deadline=None, database=None)
@given(changes=st.lists(st.tuples(st.sampled_from(CHECKIN_PATHS), JUNK), min_size=1, max_size=3))
def test_any_damage_to_the_checkin_is_a_clear_problem(
    changes: list[tuple[tuple[Any, ...], Any]],
) -> None:
    data = _checkin_data()
    for where, junk in changes:
        parent = data
        try:
            for part in where[:-1]:
                parent = parent[part]
            parent[where[-1]] = copy.deepcopy(junk)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    out = io.StringIO()
    YAML(typ="safe").dump(data, out)
    text = out.getvalue()
    try:
        load_exercise_text(text, "damaged.yaml")
    except ContentError as exc:
        lines = text.count("\n") + 1
        for problem in exc.problems:
            assert problem.path == "damaged.yaml"
            assert 1 <= problem.line <= lines, problem
            assert problem.column >= 1
            assert problem.message
            for internal in ("constrained-", "list[", "function-", "[key]", "Value error"):
                assert internal not in problem.message, problem


# -- the library ----------------------------------------------------------------------------


def test_library_loads_good_files_and_reports_broken_ones(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    good = write(
        user,
        HEAD.replace("id: demo", "id: my-practice").replace("title: Demo", "title: My practice")
        + "steps:\n  - id: a\n    kind: info\n    title: A\n",
        "good.yaml",
    )
    broken = write(user, HEAD + "steps:\n  - id: a\n    kind: poem\n    title: A\n", "broken.yml")
    (user / "notes.txt").write_text("not an exercise", encoding="utf-8")

    library = load_library(SHIPPED, user)

    assert library.get("daily-checkin") is not None
    assert library.exercises["daily-checkin"].origin == "shipped"
    found = library.exercises["my-practice"]
    assert found.origin == "yours"
    assert found.path == good
    assert library.get("demo") is None
    assert [p.path for p in library.problems] == [str(broken)]
    assert library.problems[0].line == 8  # the 'kind: poem' line
    # Shipped exercises are listed before the person's own.
    assert [f.origin for f in library.sorted()][-1] == "yours"


def test_a_user_file_cannot_replace_a_shipped_exercise(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    impostor = user / "checkin.yaml"
    shutil.copy(SHIPPED / "daily-checkin.yaml", impostor)
    impostor.write_text(
        impostor.read_text(encoding="utf-8").replace("title: Daily check-in", "title: Replaced", 1),
        encoding="utf-8",
    )

    library = load_library(SHIPPED, user)

    assert library.exercises["daily-checkin"].origin == "shipped"
    assert library.exercises["daily-checkin"].exercise.title == "Daily check-in"
    assert len(library.problems) == 1
    problem = library.problems[0]
    assert problem.path == str(impostor)
    assert "already has the id 'daily-checkin'" in problem.message


def test_library_without_a_user_folder(tmp_path: Path) -> None:
    library = load_library(SHIPPED, tmp_path / "not-there")
    assert library.problems == []
    assert "daily-checkin" in library.exercises
    assert load_library(SHIPPED, None).exercises.keys() == library.exercises.keys()


# -- ask_about_safety ---------------------------------------------------------------------


def test_ask_about_safety_on_an_option_and_a_rating_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: mood
            kind: choice
            title: Mood
            options:
              - {value: calm, label: Calm}
              - {value: hopeless, label: Hopeless, ask_about_safety: true}
          - id: distress
            kind: rating
            title: Distress
            ask_about_safety: {at_least: 9}
          - id: hope
            kind: rating
            title: Hope
            ask_about_safety: {at_most: 1}
        """),
    )
    exercise = load_exercise_file(path)
    mood, distress, hope = exercise.steps
    assert [o.ask_about_safety for o in mood.options] == [False, True]  # type: ignore[attr-defined]
    assert mood.asks_about_safety(["calm", "hopeless"]) and mood.asks_about_safety("hopeless")
    assert not mood.asks_about_safety(["calm"]) and not mood.asks_about_safety(None)
    assert [distress.asks_about_safety(n) for n in (8, 9, 10)] == [False, True, True]
    assert [hope.asks_about_safety(n) for n in (0, 1, 2)] == [True, True, False]
    assert not distress.asks_about_safety(None)


@pytest.mark.parametrize(
    ("marker", "words"),
    [
        ("{}", "exactly one of 'at_least' or 'at_most'"),
        ("{at_least: 9, at_most: 1}", "exactly one of 'at_least' or 'at_most'"),
        ("{at_least: 11}", "less than or equal to 10"),
        ("true", "steps[0].ask_about_safety"),
    ],
)
def test_ask_about_safety_on_a_rating_needs_one_threshold_on_the_scale(
    tmp_path: Path, marker: str, words: str
) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent(f"""\
        steps:
          - id: distress
            kind: rating
            title: Distress
            ask_about_safety: {marker}
        """),
    )
    problem = only_problem(path)
    assert problem.line == 10, str(problem)
    assert words in problem.message, str(problem)


def test_ask_about_safety_is_not_a_field_of_a_text_step(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + dedent("""\
        steps:
          - id: words
            kind: text
            title: Words
            ask_about_safety: true
        """),
    )
    assert "unknown key 'ask_about_safety'" in only_problem(path).message


def test_the_daily_checkin_asks_about_safety_on_hopeless_only() -> None:
    exercise = load_exercise_file(SHIPPED / "daily-checkin.yaml")
    feeling = exercise.step("feeling")
    marked = [o.value for o in feeling.options if o.ask_about_safety]  # type: ignore[attr-defined]
    assert marked == ["hopeless"]


def test_the_schema_describes_ask_about_safety() -> None:
    from cfcoach.content.schema import exercise_schema

    defs = exercise_schema()["$defs"]
    option = defs["Option"]["properties"]["ask_about_safety"]
    assert option["type"] == "boolean" and "not wanting to be alive" in option["description"]
    rating = defs["RatingStep"]["properties"]["ask_about_safety"]
    assert "not wanting to be alive" in rating["description"]
    marker = defs["AskAboutSafety"]
    assert set(marker["properties"]) == {"at_least", "at_most"}
    assert marker["additionalProperties"] is False
    assert all(p["description"] for p in marker["properties"].values())
