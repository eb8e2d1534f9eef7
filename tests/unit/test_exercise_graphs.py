"""Generated exercise files: the loader loads them or names each problem; the engine copes.

Hypothesis writes random exercise files — every step kind, random ``next`` and branch
targets (good ones, unknown ones, cycles, unreachable steps, branch lists without a
fallback), field values in and out of range, wrong types, and now and then YAML broken on
purpose — and feeds them to :func:`load_exercise_file`. A file either loads or raises
:class:`ContentError` whose every problem names the file, a line and column >= 1 and a
message. Every exercise that loads is then driven through the engine with random actions:
only :class:`AnswerError` comes back (for an answer that does not fit), the state always
survives a save and a resume, and from wherever the person is, answering on reaches the end.
"""

from __future__ import annotations

import io
import json
import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, reject, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

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
from tests.unit.test_engine import ODD_VALUES, check_state, valid_answer
from tests.unit.test_library_content import _conditions, _memo_key, _ways_on
from tests.unit.test_loader import JUNK

IDS = ["s0", "s1", "s2", "s3", "s4", "s5"]
KINDS = ["info", "text", "rating", "choice", "pause", "review"]

# More examples for a longer hunt: CFCOACH_GRAPH_EXAMPLES=5000 pytest tests/unit/test_exercise_graphs.py
EXAMPLES = int(os.environ.get("CFCOACH_GRAPH_EXAMPLES", "300"))

# How many actions past the number of steps a walk that answers on may take to end.
STEPS_FACTOR = 3


# -- generating exercise data -------------------------------------------------------------------


ANSWERING = ("text", "rating", "choice")


@dataclass
class Plan:
    """What the generator knows while writing steps: each id's kind and its options."""

    ids: list[str]
    careful: bool
    """A careful file has no deliberate mistakes (it should load, unless the graph is off)."""
    kinds: list[Any] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)

    def readable(self, index: int) -> list[str]:
        """The steps up to ``index`` that ask something (a condition there can read them)."""
        return [
            i for i, k in zip(self.ids[: index + 1], self.kinds, strict=False) if k in ANSWERING
        ]

    def kind_of(self, step_id: str) -> Any:
        return self.kinds[self.ids.index(step_id)] if step_id in self.ids else None


def one_in(draw: st.DrawFn, n: int) -> bool:
    """True about once in ``n`` draws (and False as hypothesis shrinks)."""
    return bool(draw(st.sampled_from([False] * (n - 1) + [True])))


def slip(draw: st.DrawFn, plan: Plan, n: int) -> bool:
    """Whether to write a mistake here: about once in ``n``, and never in a careful file."""
    return not plan.careful and one_in(draw, n)


def maybe(draw: st.DrawFn, plan: Plan, good: Any, bad: st.SearchStrategy[Any], n: int = 12) -> Any:
    """Usually ``good`` itself; now and then a value from ``bad`` (out of range, wrong type)."""
    return draw(bad) if slip(draw, plan, n) else good


@st.composite
def conditions(draw: st.DrawFn, plan: Plan, index: int, depth: int = 0) -> dict[str, Any]:
    """A condition, usually on an earlier answer with a test that fits it."""
    form = draw(st.sampled_from(["leaf"] * 4 + (["all", "any", "not"] if depth < 2 else [])))
    if form == "all" or form == "any":
        parts = st.lists(conditions(plan, index, depth + 1), min_size=1, max_size=3)
        return {form: draw(parts)}
    if form == "not":
        return {"not": draw(conditions(plan, index, depth + 1))}
    readable = plan.readable(index)
    if readable and not slip(draw, plan, 8):
        answer = draw(st.sampled_from(readable))
    else:  # a later step, one that asks nothing, or no step at all
        answer = draw(st.sampled_from([*plan.ids, "nowhere"]))
    kind = plan.kind_of(answer)
    tests = ["answered"]
    if kind == "rating":
        tests += ["at_least", "at_most", "at_least", "at_most"]
    elif kind == "choice":
        tests += ["equals", "one_of", "equals", "one_of"]
    elif kind == "text":
        tests += ["equals"]
    if slip(draw, plan, 8):
        tests = ["at_least", "at_most", "equals", "one_of", "answered"]
    test = draw(st.sampled_from(tests))
    choices = plan.options.get(answer) or ["a", "b", 3]
    value: Any
    if test in ("at_least", "at_most"):
        value = draw(st.integers(0, 10) | st.integers(-2, 12) | st.floats(0, 10))
    elif test == "equals":
        value = draw(st.sampled_from(choices))
    elif test == "one_of":
        value = draw(st.lists(st.sampled_from([*choices, 8]), min_size=1, max_size=3))
    else:
        value = draw(st.booleans())
    leaf = {"answer": answer, test: value}
    if slip(draw, plan, 30):  # two tests in one condition: a problem to report
        leaf["at_most"] = 5
    return leaf


@st.composite
def targets(draw: st.DrawFn, plan: Plan, index: int) -> str:
    """Where a step goes: usually a step of the file (earlier ones make loops) or the end."""
    if slip(draw, plan, 12):
        return str(draw(st.sampled_from(["nowhere", "Bad Id"])))
    following = plan.ids[index + 1] if index + 1 < len(plan.ids) else END
    if draw(st.booleans()):
        return following  # so most steps stay reachable
    return str(draw(st.sampled_from([*plan.ids, END])))


@st.composite
def next_values(draw: st.DrawFn, plan: Plan, index: int) -> Any:
    form = draw(st.sampled_from(["step", "branches", "branches"]))
    if form == "step" or (plan.careful and not plan.readable(index)):
        return draw(targets(plan, index))
    branches = [
        {"when": draw(conditions(plan, index)), "goto": draw(targets(plan, index))}
        for _ in range(draw(st.integers(1, 3)))
    ]
    if not slip(draw, plan, 6):  # usually a fallback, sometimes none (a problem to report)
        branches.append({"goto": draw(targets(plan, index))})
    if len(branches) > 1 and slip(draw, plan, 12):  # a fallback that is not last
        branches.insert(0, {"goto": draw(targets(plan, index))})
    return branches


@st.composite
def shown(draw: st.DrawFn, plan: Plan, index: int) -> list[str]:
    """Steps a pin or review shows: usually earlier answers, sometimes others."""
    pool = plan.readable(index - 1) if index else []
    if slip(draw, plan, 8) or (not pool and not plan.careful):
        pool = [*plan.ids, "nowhere"]
    if not pool:
        return []
    return list(draw(st.lists(st.sampled_from(pool), max_size=3, unique=True)))


@st.composite
def steps(draw: st.DrawFn, plan: Plan, index: int) -> dict[str, Any]:
    step_id, kind = plan.ids[index], plan.kinds[index]
    step: dict[str, Any] = {"id": step_id, "kind": kind, "title": f"Step {step_id}"}
    if draw(st.booleans()):
        step["text"] = draw(st.sampled_from(["Notice your breath.", "What did it say?", ""]))
    if one_in(draw, 6):
        step["system"] = maybe(
            draw, plan, draw(st.sampled_from(["threat", "drive", "soothe"])), JUNK
        )
    if one_in(draw, 6):
        step["private"] = maybe(draw, plan, True, JUNK)
    if kind == "text":
        for name, good in (("optional", True), ("multiline", False)):
            if draw(st.booleans()):
                step[name] = maybe(draw, plan, good, JUNK)
        if draw(st.booleans()):
            step["max_length"] = maybe(draw, plan, draw(st.integers(1, 50)), st.integers(-5, 0))
    elif kind == "rating":
        if draw(st.booleans()):
            step["optional"] = maybe(draw, plan, True, JUNK)
        if draw(st.booleans()):
            points = st.integers(-3, 13) if slip(draw, plan, 10) else st.integers(0, 10)
            step["anchors"] = draw(st.dictionaries(points, st.just("words"), max_size=3))
    elif kind == "choice":
        values = plan.options[step_id]
        if slip(draw, plan, 10):  # too few, doubled or badly named values
            values = draw(st.lists(st.sampled_from(["a", "b", "Bad", ""]), max_size=3))
        step["options"] = [{"value": v, "label": v.upper()} for v in values]
        for name in ("multiple", "optional"):
            if draw(st.booleans()):
                step[name] = maybe(draw, plan, True, JUNK)
    elif kind == "pause":
        step["seconds"] = maybe(draw, plan, draw(st.integers(5, 1800)), st.integers(-5, 4) | JUNK)
        if draw(st.booleans()):
            step["cues"] = draw(st.lists(st.sampled_from(["Breathe in.", "Let go."]), max_size=3))
        if draw(st.booleans()):
            step["breathing"] = {
                "inhale": maybe(
                    draw, plan, draw(st.floats(1, 15)), st.floats(-2, 0.5) | st.just(16)
                ),
                "hold": maybe(draw, plan, draw(st.integers(0, 15)), st.just(-1)),
                "exhale": maybe(draw, plan, draw(st.floats(1, 15)), st.just(40)),
            }
        if draw(st.booleans()):
            step["adjustable"] = maybe(draw, plan, True, JUNK)
    elif kind == "review":
        step["show"] = draw(shown(plan, index))
        if draw(st.booleans()):
            step["display"] = maybe(draw, plan, draw(st.sampled_from(["list", "bars"])), JUNK)
    if kind in ANSWERING and one_in(draw, 4):
        step["pin"] = draw(shown(plan, index))
    if draw(st.booleans()):
        step["next"] = draw(next_values(plan, index))
    return step


@st.composite
def exercise_data(draw: st.DrawFn) -> dict[str, Any]:
    plan = Plan(IDS[:], careful=draw(st.booleans()))
    count = draw(st.integers(1, len(IDS))) if one_in(draw, 5) else draw(st.integers(3, len(IDS)))
    plan.ids = ids = IDS[:count]
    if count > 1 and slip(draw, plan, 16):
        ids[-1] = ids[0]  # two steps with one id
    plan.kinds = kinds = [
        maybe(draw, plan, draw(st.sampled_from(KINDS)), st.sampled_from(["note", "", 3]), 40)
        for _ in ids
    ]
    for step_id, kind in zip(ids, kinds, strict=True):
        if kind == "choice":
            values = st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=2, unique=True)
            plan.options[step_id] = draw(values)
    data: dict[str, Any] = {
        "id": "generated",
        "title": "A generated exercise",
        "summary": "Made up by the test.",
        "minutes": maybe(draw, plan, draw(st.integers(1, 120)), st.integers(-3, 0) | st.just(500)),
        "version": maybe(draw, plan, 1, st.just(0)),
        "steps": [draw(steps(plan, index)) for index in range(count)],
    }
    if one_in(draw, 4):
        data["suggest"] = [
            {
                "when": draw(conditions(plan, count - 1)),
                "exercise": "daily-checkin",
                "reason": "It may help.",
            }
        ]
    if one_in(draw, 5):
        data["grounding"] = {
            "text": "Feet on the floor.",
            "seconds": maybe(draw, plan, 30, st.just(2)),
        }
    return data


@st.composite
def damaged(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with a few places replaced by junk of the wrong type or shape."""
    places = _places(data)
    for _ in range(draw(st.integers(1, 2))):
        where = draw(st.sampled_from(places))
        parent: Any = data
        try:
            for part in where[:-1]:
                parent = parent[part]
            parent[where[-1]] = draw(JUNK)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took this place away
    return data


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


def to_yaml(data: dict[str, Any]) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


# Bits of text that break YAML (or make it mean something else) when dropped in anywhere.
BREAKERS = [
    "\t",
    ":",
    ": :",
    "[",
    "{",
    "}",
    "'",
    '"',
    "&a ",
    "*a",
    "- ",
    "? ",
    "!tag ",
    "%",
    "\n  x",
]


@st.composite
def broken_text(draw: st.DrawFn, text: str) -> str:
    how = draw(st.sampled_from(["insert", "cut", "drop_line", "double_line", "indent"]))
    lines = text.split("\n")
    at = draw(st.integers(0, len(text)))
    if how == "insert":
        return text[:at] + draw(st.sampled_from(BREAKERS)) + text[at:]
    if how == "cut":
        return text[:at]
    row = draw(st.integers(0, max(0, len(lines) - 1)))
    if how == "drop_line":
        del lines[row]
    elif how == "double_line":
        lines.insert(row, lines[row])
    else:
        lines[row] = draw(st.sampled_from([" ", "   ", "\t"])) + lines[row]
    return "\n".join(lines)


@st.composite
def exercise_files(draw: st.DrawFn) -> str:
    data = draw(exercise_data())
    how = draw(st.sampled_from(["as is"] * 6 + ["wrong types", "broken yaml"]))
    if how == "wrong types":
        data = draw(damaged(data))
    text = to_yaml(data)
    if how == "broken yaml":
        text = draw(broken_text(text))
    return text


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
    deadline=5000,  # far more than an example needs: only a hang goes past it
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
