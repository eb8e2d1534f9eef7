"""The graph checks scale with the exercise: about linear work, the same findings.

Issue 17, item 9: checking a 2,000-step file took most of a minute (every step's set of
earlier steps was grown again and again), so the coach stayed blank that long. Now each
graph fact is found by one pass (see :mod:`cfcoach.content.checks`). These tests time
nothing: they count the lines the checks run, and compare the findings with the plain
searches the checks used to make.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cfcoach.content import ContentError, Exercise, checks, load_exercise_file
from cfcoach.content.catalog import MAX_FILE_BYTES, read_catalog
from cfcoach.content.checks import check_exercise
from cfcoach.content.library import load_library
from cfcoach.content.library_cache import file_hash
from cfcoach.content.models import END
from cfcoach.paths import shipped_content_dir
from tests.unit.exercise_files import exercise_data

SHIPPED = shipped_content_dir() / "exercises"


def long_exercise(blocks: int, *, loop: bool = False) -> dict[str, Any]:
    """An exercise of ``5 * blocks`` steps: words, a rating that branches, a pause, more
    words and a review of the block (and the words of the block before). With ``loop``,
    the last step goes back to the start while the first rating is high."""
    steps: list[dict[str, Any]] = []
    for b in range(blocks):
        earlier = [f"t{b - 1}"] if b else []
        steps += [
            {"id": f"t{b}", "kind": "text", "title": "Words", "label": "Words"},
            {
                "id": f"r{b}",
                "kind": "rating",
                "title": "How strong?",
                "pin": [f"t{b}"],
                "next": [
                    {"when": {"answer": f"r{b}", "at_least": 8}, "goto": f"p{b}"},
                    {"goto": f"c{b}"},
                ],
            },
            {"id": f"p{b}", "kind": "pause", "title": "A pause"},
            {"id": f"c{b}", "kind": "text", "title": "More words", "label": "More"},
            {
                "id": f"v{b}",
                "kind": "review",
                "title": "Looking back",
                "show": [f"t{b}", f"r{b}", f"c{b}", *earlier],
            },
        ]
    if loop:
        steps[-1]["next"] = [
            {"when": {"answer": "r0", "at_least": 5}, "goto": "t0"},
            {"goto": END},
        ]
    return {
        "id": "long",
        "title": "Long",
        "summary": "Many steps.",
        "minutes": 5,
        "version": 1,
        "steps": steps,
    }


@contextmanager
def counting_lines() -> Iterator[list[int]]:
    """Count the lines of :mod:`cfcoach.content.checks` run inside the block."""
    count = [0]
    source = checks.__file__

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            count[0] += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == source else None

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        yield count
    finally:
        sys.settrace(before)


def lines_run(blocks: int, **options: Any) -> int:
    exercise = Exercise.model_validate(long_exercise(blocks, **options))
    with counting_lines() as count:
        assert check_exercise(exercise) == []
    return count[0]


@pytest.mark.parametrize("loop", [False, True], ids=["straight", "with a loop"])
def test_four_times_the_steps_is_about_four_times_the_work(loop: bool) -> None:
    small, large = lines_run(40, loop=loop), lines_run(160, loop=loop)
    # Linear work gives 4; the old search grew with the square (16 and more).
    assert large <= 5 * small, (small, large)


@pytest.mark.timeout(60)
def test_a_file_of_2000_steps_is_checked() -> None:
    # The old checks took most of a minute here; now it is well under a second.
    exercise = Exercise.model_validate(long_exercise(400, loop=True))
    assert check_exercise(exercise) == []


def test_a_long_loop_that_reads_an_early_answer_is_not_too_many_ways_to_check() -> None:
    # Following every answer given so far made 6^n places (6 kinds of rating in each
    # block) and gave up at 50,000; answers no condition reads again are let go.
    exercise = Exercise.model_validate(long_exercise(300, loop=True))
    assert check_exercise(exercise) == []


def test_a_trap_at_the_end_of_a_long_exercise_is_still_found() -> None:
    data = long_exercise(300)
    data["steps"][-1]["next"] = [
        # a high first rating goes back to the last block for ever
        {"when": {"answer": "r0", "at_least": 8}, "goto": "t299"},
        {"goto": END},
    ]
    [issue] = check_exercise(Exercise.model_validate(data))
    assert "go round in a loop that never reaches 'end'" in issue.message
    assert "'t299', 'r299', 'p299', 'c299', 'v299'" in issue.message


def test_an_early_answer_shown_late_is_fine_and_a_later_one_is_not() -> None:
    data = long_exercise(300)
    data["steps"][-1]["show"] = ["t0", "c150"]
    assert check_exercise(Exercise.model_validate(data)) == []
    data["steps"][3]["pin"] = ["t299"]  # c0 pins words written at the very end
    [issue] = check_exercise(Exercise.model_validate(data))
    assert issue.path == ("steps", 3, "pin")
    assert "'t299', which cannot have been written yet" in issue.message


# -- the same findings as the plain searches ----------------------------------------------


def plain_ancestors(start: str, edges: dict[str, list[str]]) -> dict[str, set[str]]:
    """The checks' old search: grow each step's set of earlier steps until none changes."""
    before: dict[str, set[str]] = {start: set()}
    changed = True
    while changed:
        changed = False
        for source in list(before):
            for target in edges.get(source, []):
                if target == END:
                    continue
                incoming = before[source] | {source}
                current = before.setdefault(target, set())
                if not incoming <= current:
                    current |= incoming
                    changed = True
    return before


def plain_before(
    start: str, edges: dict[str, list[str]], asked: dict[str, set[str]]
) -> dict[str, set[str]]:
    return {
        step: {name for name in asked[step] if name in earlier}
        for step, earlier in plain_ancestors(start, edges).items()
        if asked.get(step)
    }


def plain_can_finish(edges: dict[str, list[str]]) -> set[str]:
    finishing: set[str] = set()
    changed = True
    while changed:
        changed = False
        for source, targets in edges.items():
            if source not in finishing and any(t == END or t in finishing for t in targets):
                finishing.add(source)
                changed = True
    return finishing


def every_answer_kept(ways: dict[str, Any], read: set[str]) -> dict[str, frozenset[str]]:
    """The loop check's old places: every answer read anywhere is kept all the way."""
    return {step_id: frozenset(read) for step_id in ways}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exercise_data())
def test_the_same_issues_as_the_plain_searches(data: dict[str, Any]) -> None:
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError:
        return
    found = check_exercise(exercise)
    with mock.patch.multiple(
        checks,
        _may_precede=plain_before,
        _can_finish=plain_can_finish,
        _still_read=every_answer_kept,
    ):
        assert check_exercise(exercise) == found


graphs = st.integers(1, 9).flatmap(
    lambda n: st.tuples(
        st.just([f"s{i}" for i in range(n)]),
        st.lists(
            st.lists(st.sampled_from([*(f"s{i}" for i in range(n)), END]), max_size=3),
            min_size=n,
            max_size=n,
        ),
        st.lists(st.sets(st.sampled_from([f"s{i}" for i in range(n + 1)])), min_size=n, max_size=n),
    )
)


@settings(max_examples=500, deadline=None)
@given(graphs)
def test_what_can_come_before_matches_the_plain_search(
    graph: tuple[list[str], list[list[str]], list[set[str]]],
) -> None:
    names, targets, asked_lists = graph
    edges = dict(zip(names, targets, strict=True))
    asked = dict(zip(names, asked_lists, strict=True))
    assert checks._may_precede(names[0], edges, asked) == plain_before(names[0], edges, asked)
    assert checks._can_finish(edges) == plain_can_finish(edges)
    assert checks._reachable(names[0], edges) == set(plain_ancestors(names[0], edges))


# -- the size of a file -------------------------------------------------------------------


def test_a_file_over_1_mb_is_refused_before_it_is_read_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("id: huge\nnotes: " + "x" * 3_200_000 + "\n", encoding="utf-8")
    never_parsed = mock.patch("cfcoach.content.loader.read_yaml", side_effect=AssertionError)
    with never_parsed, pytest.raises(ContentError) as caught:
        load_exercise_file(path)
    [problem] = caught.value.problems
    assert str(problem) == (
        f"{path}:1:1: the file is 3.3 MB, and exercise files are at most 1 MB; "
        "split it into smaller exercises"
    )


def test_a_file_just_over_the_limit_never_says_1_0_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ContentError) as caught:
        load_exercise_file(path)
    assert "the file is 1.1 MB" in caught.value.problems[0].message


def test_a_file_of_1_mb_is_read(tmp_path: Path) -> None:
    head = "id: fits\ntitle: Fits\nsummary: Just.\nminutes: 1\nversion: 1\n"
    steps = "steps:\n  - {id: a, kind: info, title: A}\n"
    padding = "#" * (MAX_FILE_BYTES - len(head) - len(steps) - 1) + "\n"
    path = tmp_path / "fits.yaml"
    path.write_text(head + padding + steps, encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_exercise_file(path).id == "fits"


def test_an_oversized_file_among_yours_is_never_read_whole(tmp_path: Path) -> None:
    own = tmp_path / "exercises"
    own.mkdir()
    (own / "huge.yaml").write_bytes(b"#" * (3 * MAX_FILE_BYTES))
    cache = tmp_path / "cache.json"
    hashed: list[int] = []

    def hash_of(data: bytes) -> str:
        hashed.append(len(data))
        return file_hash(data)

    with (
        mock.patch("cfcoach.content.library.file_hash", hash_of),
        mock.patch("cfcoach.content.catalog.file_hash", hash_of),
    ):
        library = load_library(SHIPPED, own, cache=cache)
        catalog = read_catalog(SHIPPED, own, cache)
    assert hashed and max(hashed) <= MAX_FILE_BYTES
    [problem] = library.problems
    assert problem.message.startswith("the file is 3.0 MB")
    assert catalog == library.catalog()  # the list needs no models, and names it too
