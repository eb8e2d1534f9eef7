"""Generated exercise files: the loader loads them or names each problem; the engine copes.

Hypothesis writes random exercise files — every step kind, random ``next`` and branch
targets (good ones, unknown ones, cycles, unreachable steps, branch lists without a
fallback), field values in and out of range, wrong types, and now and then YAML broken on
purpose; see :mod:`tests.unit.exercise_files`) — and feeds them to :func:`load_exercise_file`. A file either loads or raises
:class:`ContentError` whose every problem names the file, a line and column >= 1 and a
message. Every exercise that loads is then driven through the engine with random actions:
only :class:`AnswerError` comes back (for an answer that does not fit), the state always
survives a save and a resume, and from wherever the person is, answering on reaches the end.
"""

from __future__ import annotations

import json
import os
from collections import deque
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, reject, settings
from hypothesis import strategies as st

from cfcoach.content import (
    ChoiceStep,
    ContentError,
    Exercise,
    RatingStep,
    StepBase,
    TextStep,
    load_exercise_file,
)
from cfcoach.content.models import END
from cfcoach.engine import AnswerError, ExerciseSession
from tests.unit.exercise_files import IDS, exercise_files
from tests.unit.test_engine import ODD_VALUES, check_state, valid_answer
from tests.unit.test_library_content import _conditions, _memo_key, _ways_on

# More examples for a longer hunt: CFCOACH_GRAPH_EXAMPLES=5000 pytest tests/unit/test_exercise_graphs.py
EXAMPLES = int(os.environ.get("CFCOACH_GRAPH_EXAMPLES", "300"))

# How many actions past the number of steps a walk that answers on may take to end.
STEPS_FACTOR = 3


# -- the loader ---------------------------------------------------------------------------------


def load(tmp_path: Path, text: str) -> Exercise | None:
    """Load ``text`` from a file; ``None`` (after checking every problem) when it is refused."""
    path = tmp_path / "generated.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return load_exercise_file(path)
    except ContentError as exc:
        assert exc.problems, "a refusal names at least one problem"
        for problem in exc.problems:
            assert problem.path == str(path), problem
            assert problem.line >= 1 and problem.column >= 1, problem
            assert problem.message.strip(), problem
            for internal in ("constrained-", "list[", "function-", "[key]", "Value error"):
                assert internal not in problem.message, problem
        return None


# -- the engine ---------------------------------------------------------------------------------

ACTIONS = [
    "valid",
    "valid",
    "valid",
    "odd",
    "skip",
    "back",
    "too_much",
    "grounded",
    "type",
    "resume",
    "stop",
]


def draw_or_first(data: st.DataObject | None, step: StepBase) -> Any:
    """A valid answer to ``step``: drawn, or in an explicit example (no data) a fixed one."""
    if data is not None:
        return data.draw(valid_answer(step), label=f"answer {step.id}")
    if isinstance(step, RatingStep):
        return 10
    if isinstance(step, ChoiceStep):
        first = step.options[0].value
        return [first] if step.multiple else first
    return "words" if isinstance(step, TextStep) else None


def replayed(exercise: Exercise, session: ExerciseSession) -> ExerciseSession:
    """A fresh run given only the answers on ``session``'s way (each step passed, answered
    as it is now, or skipped): where it goes must not hang on answers left elsewhere."""
    again = ExerciseSession.start(exercise)
    for step_id in session.state.trail:
        assert again.state.current == step_id, (again.state.trail, session.state.trail)
        value = session.state.answers.get(step_id)
        step = exercise.step(step_id)
        if step.takes_answer and value is None:
            again.skip()
        else:
            again.answer(value)
    return again


def act(session: ExerciseSession, action: str, data: st.DataObject) -> ExerciseSession:
    """Take one action on ``session``; the result is the session to carry on with."""
    step = session.step
    assert step is not None
    before = session.state.model_copy(deep=True)
    if action == "valid":
        session.answer(draw_or_first(data, step))
    elif action == "odd":
        try:
            session.answer(data.draw(ODD_VALUES, label=f"odd answer {step.id}"))
        except AnswerError as exc:
            assert str(exc).strip()
            assert session.state == before  # a refused answer changes nothing
    elif action == "skip":
        session.skip()
    elif action == "back":
        session.back()
    elif action == "too_much":
        session.too_much()
    elif action == "grounded":
        session.grounded()
    elif action == "type":
        session.keep_typing(data.draw(st.text(max_size=12), label="typed"))
    elif action == "stop":
        session.stop()
    else:
        session = ExerciseSession.resume(
            session.exercise, json.loads(session.state.model_dump_json())
        )
        assert session.state == before
    return session


def ways_on(exercise: Exercise, step: StepBase) -> list[tuple[str, Any]]:
    """Every way on from ``step`` (the library walk's), with words that fit a short text box
    and the words a branch looks for."""
    ways = _ways_on(exercise, step)
    if isinstance(step, TextStep):
        ways = [(a, v[: step.max_length] if isinstance(v, str) else v) for a, v in ways]
        for leaf in _conditions(exercise):  # words a branch looks for
            if leaf.answer == step.id:
                for named in [leaf.equals, *(leaf.one_of or [])]:
                    text = str(named) if named is not None else ""
                    if text.strip() and len(text) <= step.max_length:
                        ways.append(("answer", text))
    return ways


MAX_STATES = 1_500


def stuck_states(exercise: Exercise) -> tuple[list[tuple[Any, ...]], int | None]:
    """Every place a person can reach from which no way of answering on ever ends the exercise,
    and the fewest actions from the start to the end.

    A place is the step on screen with the answers the branches read (as the library walk
    counts them); going on from it is every answer the walk tries, and a skip.
    """
    read = {leaf.answer for leaf in _conditions(exercise) if leaf.answer}
    start = ExerciseSession.start(exercise).state
    first = _memo_key(exercise, start, read)
    states = {first: start}
    depth = {first: 0}
    shortest: int | None = None
    leads_to: dict[tuple[Any, ...], set[tuple[Any, ...]]] = {}
    ends: set[tuple[Any, ...]] = set()
    queue = deque([first])
    while queue:
        key = queue.popleft()
        state = states[key]
        step = exercise.step(state.current or "")
        leads_to[key] = set()
        for action, value in ways_on(exercise, step):
            branch = ExerciseSession(exercise, state.model_copy(deep=True))
            branch.skip() if action == "skip" else branch.answer(value)
            if branch.finished:
                ends.add(key)
                shortest = depth[key] + 1 if shortest is None else shortest
                continue
            after = _memo_key(exercise, branch.state, read)
            leads_to[key].add(after)
            if after not in states:
                states[after] = branch.state
                depth[after] = depth[key] + 1
                queue.append(after)
        if len(states) > MAX_STATES:
            event("too many places to check in time")
            reject()  # a rare tangle: not checked, rather than checked slowly
    finishing = set(ends)
    changed = True
    while changed:
        changed = False
        for key, targets in leads_to.items():
            if key not in finishing and targets & finishing:
                finishing.add(key)
                changed = True
    return sorted((k for k in states if k not in finishing), key=repr), shortest


def has_cycle(exercise: Exercise) -> bool:
    edges = {s.id: [b.goto for b in exercise.branches(s) if b.goto != END] for s in exercise.steps}
    state: dict[str, int] = {}

    def visit(node: str) -> bool:
        state[node] = 1
        for target in edges[node]:
            if state.get(target) == 1 or (target not in state and visit(target)):
                return True
        state[node] = 2
        return False

    return any(visit(s) for s in edges if s not in state)


def drive(
    exercise: Exercise, earlier: dict[str, Any], actions: list[str], data: st.DataObject
) -> None:
    # Wherever a person can be, some way of answering on ends the exercise, and the
    # shortest way through is not much longer than the steps.
    stuck, shortest = stuck_states(exercise)
    assert not stuck, f"no way on ever ends the exercise from {stuck[:3]}"
    assert shortest is not None and shortest <= STEPS_FACTOR * len(exercise.steps)

    # Starting from earlier answers (as a safety plan is edited) keeps only those that
    # still fit their steps, whatever was saved before.
    session = ExerciseSession.start(exercise, earlier)
    check_state(exercise, session)
    for action in actions:
        if session.finished:
            break
        session = act(session, action, data)
        check_state(exercise, session)
        if session.state.status != "stopped":
            again = replayed(exercise, session)
            assert again.state.current == session.state.current
            assert again.state.status == session.state.status
            assert again.suggestion() == session.suggestion()
    if session.finished:
        # Once it is over, only 'the exercise is over' comes back; back and stop do nothing.
        if session.state.status == "completed":
            assert session.step is None
        assert session.back() is False
        done = session.state.model_copy(deep=True)
        session.stop()
        assert session.state == done
        for late in (session.answer, session.skip, session.too_much, session.grounded):
            with pytest.raises(RuntimeError):
                late()
        return

    # Without a loop in the steps, any way of answering on ends it within as many answers.
    if not has_cycle(exercise):
        for _ in range(len(exercise.steps)):
            if session.finished:
                break
            step = session.step
            assert step is not None
            session.answer(draw_or_first(data, step))
            check_state(exercise, session)
        assert session.state.status == "completed"


# -- the property -------------------------------------------------------------------------------


@settings(
    max_examples=EXAMPLES,
    deadline=None,  # a busy machine must not fail it; pytest-timeout catches a hang
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=exercise_files(),
    earlier=st.dictionaries(st.sampled_from([*IDS, "nowhere"]), ODD_VALUES, max_size=3),
    actions=st.lists(st.sampled_from(ACTIONS), max_size=30),
    data=st.data(),
)
@example(  # a loop whose way out hangs on an earlier answer: a rating of 5 or more traps you
    text=(
        "id: generated\ntitle: Loop\nsummary: s\nminutes: 1\nversion: 1\nsteps:\n"
        "- {id: s0, kind: rating, title: R}\n"
        "- id: s1\n  kind: info\n  title: I\n  next:\n"
        "  - {when: {answer: s0, at_least: 5}, goto: s2}\n  - {goto: end}\n"
        "- {id: s2, kind: info, title: J, next: s1}\n"
    ),
    earlier={},
    actions=[],
    data=None,
)
@example(  # the same with a skip: leave s0 unanswered and s3 sends you back round for ever
    text=(
        "id: generated\ntitle: Loop\nsummary: s\nminutes: 1\nversion: 1\nsteps:\n"
        "- {id: s0, kind: text, title: T}\n"
        "- {id: s1, kind: info, title: I}\n"
        "- {id: s2, kind: info, title: J}\n"
        "- id: s3\n  kind: text\n  title: U\n  next:\n"
        "  - {when: {answer: s0, answered: false}, goto: s1}\n  - {goto: end}\n"
    ),
    earlier={},
    actions=[],
    data=None,
)
@example(  # earlier answers that no longer fit their steps: start raised a ValidationError
    text=(
        "id: generated\ntitle: Earlier\nsummary: s\nminutes: 1\nversion: 1\nsteps:\n"
        "- {id: s0, kind: rating, title: R}\n"
    ),
    earlier={"s0": 1.5, "s1": "words", "nowhere": None},
    actions=["skip"],
    data=None,
)
@example(  # ... or that fit another kind of step: words, or a number past 10, on a rating
    text=(
        "id: generated\ntitle: Earlier\nsummary: s\nminutes: 1\nversion: 1\nsteps:\n"
        "- {id: s0, kind: rating, title: R}\n- {id: s1, kind: text, title: T}\n"
    ),
    earlier={"s0": "words", "s1": 12},
    actions=["skip", "skip"],
    data=None,
)
@example(  # back from a branch, then on by another: the answer left behind steered the way
    text=(
        "id: generated\ntitle: Stale\nsummary: s\nminutes: 1\nversion: 1\nsteps:\n"
        "- id: s0\n  kind: rating\n  title: R\n  next:\n"
        "  - {when: {answer: s0, at_least: 5}, goto: s1}\n  - {goto: s2}\n"
        "- {id: s1, kind: text, title: X, next: s3}\n"
        "- {id: s2, kind: info, title: Y, next: s3}\n"
        "- id: s3\n  kind: info\n  title: Z\n  next:\n"
        "  - {when: {answer: s1, answered: true}, goto: s4}\n  - {goto: end}\n"
        "- {id: s4, kind: info, title: W}\n"
        "suggest:\n- {when: {answer: s1, answered: true}, exercise: daily-checkin, reason: R}\n"
    ),
    earlier={},
    actions=["valid", "valid", "back", "back", "skip", "valid", "valid"],
    data=None,
)
def test_a_generated_exercise_loads_or_names_its_problems_and_then_runs(
    tmp_path: Path,
    text: str,
    earlier: dict[str, Any],
    actions: list[str],
    data: st.DataObject,
) -> None:
    exercise = load(tmp_path, text)
    if exercise is not None:
        drive(exercise, earlier, actions, data)


def test_the_generator_makes_both_good_and_bad_files(tmp_path: Path) -> None:
    """Guard: the property above must see exercises that load, not only refusals."""
    loaded = refused = 0

    @settings(max_examples=120, database=None, deadline=None)
    @given(text=exercise_files())
    def count(text: str) -> None:
        nonlocal loaded, refused
        if load(tmp_path, text) is None:
            refused += 1
        else:
            loaded += 1

    count()
    assert loaded >= 10 and refused >= 10, (loaded, refused)


LOOP = """\
id: rounds
title: Rounds
summary: A loop.
minutes: 1
version: 1
steps:
  - id: rate
    kind: rating
    title: How tense?
  - id: breathe
    kind: info
    title: Breathe
    next:
      - when: {answer: rate, at_least: 5}
        goto: again
      - goto: end
  - id: again
    kind: info
    title: Once more
    next: breathe
"""


def test_a_loop_an_earlier_answer_never_lets_you_leave_is_one_clear_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "rounds.yaml"
    path.write_text(LOOP, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_exercise_file(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (14, 7)  # the first step of the loop's 'next'
    assert "'breathe', 'again' go round in a loop that never reaches 'end'" in problem.message


def test_a_loop_you_leave_by_answering_inside_it_loads(tmp_path: Path) -> None:
    path = tmp_path / "rounds.yaml"
    fixed = LOOP.replace("title: Once more\n    next: breathe", "title: Once more")
    fixed = fixed.replace(
        "  - id: again\n    kind: info",
        "  - id: again\n    kind: choice\n    options:\n"
        "      - {value: 'yes', label: Another round}\n      - {value: 'no', label: Done}\n"
        "    next:\n      - when: {answer: again, equals: 'yes'}\n        goto: breathe\n"
        "      - goto: end",
    )
    path.write_text(fixed, encoding="utf-8")
    exercise = load_exercise_file(path)
    session = ExerciseSession.start(exercise)
    for value in (8, None, "yes", None, "no"):
        session.answer(value)
    assert session.state.status == "completed"
