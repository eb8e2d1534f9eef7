"""Checks on an exercise's step graph, run after the models validate.

They catch what a model alone cannot: two steps with one id, a ``goto`` to no step,
answers read before they can have been written, steps that cannot be reached, steps
from which the exercise can never finish, and loops that some answers never let you leave.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from cfcoach.content.conditions import Answer, holds
from cfcoach.content.models import (
    END,
    ChoiceStep,
    Condition,
    Exercise,
    RatingStep,
    ReviewStep,
    StepBase,
    TextStep,
)
from cfcoach.content.yaml_source import PathKey


@dataclass(frozen=True)
class GraphIssue:
    """A graph problem: the path into the data it concerns, and what to change."""

    path: PathKey
    message: str


def check_exercise(exercise: Exercise) -> list[GraphIssue]:
    """Every graph problem in ``exercise`` (an empty list when it is sound)."""
    issues: list[GraphIssue] = []
    index = {step.id: i for i, step in enumerate(exercise.steps)}
    seen: set[str] = set()
    for i, step in enumerate(exercise.steps):
        if step.id in seen:
            issues.append(
                GraphIssue(
                    ("steps", i, "id"),
                    f"two steps are called '{step.id}'; give each step its own id",
                )
            )
        if step.id == END:
            issues.append(
                GraphIssue(
                    ("steps", i, "id"),
                    "'end' is kept for finishing an exercise; call the step something else",
                )
            )
        seen.add(step.id)
    if issues:
        return issues

    known = ", ".join(sorted(index)) or "none"
    edges: dict[str, list[str]] = {}
    broken: set[str] = set()  # steps with a goto to no step (reported once, below)
    for i, step in enumerate(exercise.steps):
        targets: list[str] = []
        branches = exercise.branches(step)
        for b, branch in enumerate(branches):
            where: PathKey = (
                ("steps", i, "next")
                if not isinstance(step.next, list)
                else ("steps", i, "next", b, "goto")
            )
            if branch.goto != END and branch.goto not in index:
                issues.append(
                    GraphIssue(
                        where,
                        f"step '{step.id}' goes to '{branch.goto}', but no step has that id; use one of: {known}, or end",
                    )
                )
                broken.add(step.id)
            else:
                targets.append(branch.goto)
            if branch.when is not None and b == len(branches) - 1:
                issues.append(
                    GraphIssue(
                        ("steps", i, "next", b),
                        f"the last branch of step '{step.id}' has a 'when'; add a final '- goto: STEP' without 'when' so there is always a way on",
                    )
                )
            if branch.when is None and b < len(branches) - 1:
                issues.append(
                    GraphIssue(
                        ("steps", i, "next", b + 1),
                        f"this branch of step '{step.id}' can never be taken: the one before it has no 'when'; put the branch without 'when' last",
                    )
                )
        edges[step.id] = targets

    ancestors = _ancestors(exercise.steps[0].id, edges)
    reachable = set(ancestors)
    for i, step in enumerate(exercise.steps):
        if step.id not in reachable:
            issues.append(
                GraphIssue(
                    ("steps", i, "id"),
                    f"no path from the first step reaches step '{step.id}'; point a 'next' at it or remove it",
                )
            )

    # A goto to no step is already reported; don't also call its step a dead end.
    finishing = _can_finish({s: [*t, END] if s in broken else t for s, t in edges.items()})
    for i, step in enumerate(exercise.steps):
        if step.id in reachable and step.id not in finishing:
            issues.append(
                GraphIssue(
                    ("steps", i, "next"),
                    f"from step '{step.id}' the exercise can never finish; give it a way on to 'end'",
                )
            )

    for i, step in enumerate(exercise.steps):
        issues.extend(_reference_issues(exercise, i, step, index, ancestors))
    answered = {step.id for step in exercise.steps if step.takes_answer}
    for s, suggestion in enumerate(exercise.suggest):
        if suggestion.when is not None:
            for problem in _condition_issues(
                exercise, f"suggestion {s + 1}", suggestion.when, index, answered
            ):
                issues.append(GraphIssue(("suggest", s, "when"), problem))
    if not issues and _has_loop(edges):
        issues.extend(_loop_issues(exercise))
    return issues


def _reference_issues(
    exercise: Exercise,
    i: int,
    step: StepBase,
    index: dict[str, int],
    ancestors: dict[str, set[str]],
) -> Iterator[GraphIssue]:
    field = "show" if isinstance(step, ReviewStep) else "pin"
    before = ancestors.get(step.id, set())
    for ref in sorted(step.referenced_steps()):
        if ref not in index:
            yield GraphIssue(
                ("steps", i, field),
                f"step '{step.id}' shows the answer of '{ref}', but no step has that id",
            )
        elif not exercise.step(ref).takes_answer:
            yield GraphIssue(
                ("steps", i, field),
                f"step '{step.id}' shows the answer of '{ref}', but '{ref}' asks no question",
            )
        elif ref not in before:
            yield GraphIssue(
                ("steps", i, field),
                f"step '{step.id}' shows the answer of '{ref}', which cannot have been written yet; only show steps that come before it",
            )
    if isinstance(step.next, list):
        for b, branch in enumerate(step.next):
            if branch.when is None:
                continue
            for problem in _condition_issues(
                exercise, f"step '{step.id}'", branch.when, index, before | {step.id}
            ):
                yield GraphIssue(("steps", i, "next", b, "when"), problem)


def _condition_issues(
    exercise: Exercise,
    owner: str,
    condition: Condition,
    index: dict[str, int],
    readable: set[str],
) -> Iterator[str]:
    for ref in sorted(condition.referenced_steps()):
        if ref not in index:
            yield f"the condition on {owner} reads '{ref}', but no step has that id"
        elif not exercise.step(ref).takes_answer:
            yield f"the condition on {owner} reads '{ref}', but '{ref}' asks no question"
        elif ref not in readable:
            yield f"the condition on {owner} reads '{ref}', which cannot have been answered yet"
    for leaf in _leaves(condition):
        if leaf.answer in index and (leaf.at_least is not None or leaf.at_most is not None):
            target = exercise.step(leaf.answer)
            if not isinstance(target, RatingStep):
                yield f"at_least / at_most compare numbers, but '{leaf.answer}' is not a rating"


def _leaves(condition: Condition) -> Iterator[Condition]:
    if condition.answer is not None:
        yield condition
    for child in (condition.all or []) + (condition.any or []):
        yield from _leaves(child)
    if condition.not_ is not None:
        yield from _leaves(condition.not_)


def _ancestors(start: str, edges: dict[str, list[str]]) -> dict[str, set[str]]:
    """For every step reachable from ``start``: the steps that can come before it."""
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


def _can_finish(edges: dict[str, list[str]]) -> set[str]:
    finishing: set[str] = set()
    changed = True
    while changed:
        changed = False
        for source, targets in edges.items():
            if source not in finishing and any(t == END or t in finishing for t in targets):
                finishing.add(source)
                changed = True
    return finishing


def _has_loop(edges: dict[str, list[str]]) -> bool:
    """Whether some step can be reached again from itself."""
    done: set[str] = set()
    for start in edges:
        if start in done:
            continue
        path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        path.add(start)
        while stack:
            node, at = stack[-1]
            targets = [t for t in edges.get(node, []) if t != END]
            if at < len(targets):
                stack[-1] = (node, at + 1)
                target = targets[at]
                if target in path:
                    return True
                if target not in done:
                    path.add(target)
                    stack.append((target, 0))
            else:
                stack.pop()
                path.discard(node)
                done.add(node)
    return False


# -- loops a person could not leave --------------------------------------------------------------

MAX_LOOP_STATES = 50_000
"""How many (step, answers) places the loop check follows before it gives up."""

_Value = str | int | tuple[str, ...] | None  # an answer, kept hashable (several choices as a tuple)
_State = tuple[str, tuple[tuple[str, _Value], ...]]


def _loop_issues(exercise: Exercise) -> list[GraphIssue]:
    """Steps from which, after some answers, the branches only ever go round and never end.

    Every step can reach 'end' along *some* branch (checked above), but a loop's way out
    may hang on an answer given before the loop: then a person who gave it goes round for
    ever. This follows the branches as the engine would, for every kind of answer that
    can make a difference to a condition (and a skip), from the first step on.
    """
    leaves = [leaf for condition in _all_conditions(exercise) for leaf in _leaves(condition)]
    read = sorted({leaf.answer for leaf in leaves if leaf.answer})
    values = {step_id: _telling_answers(exercise.step(step_id), leaves) for step_id in read}
    first: _State = (exercise.steps[0].id, tuple((step_id, None) for step_id in read))
    leads_to: dict[_State, set[_State]] = {}
    ends: set[_State] = set()
    queue = deque([first])
    leads_to[first] = set()
    while queue:
        state = queue.popleft()
        step_id, known = state
        step = exercise.step(step_id)
        for value in values.get(step_id, [None]):
            answers = dict(known)
            if step_id in answers:
                answers[step_id] = value
            given: dict[str, Answer] = {
                k: list(v) if isinstance(v, tuple) else v
                for k, v in answers.items()
                if v is not None
            }
            target = next(
                (b.goto for b in exercise.branches(step) if b.when is None or holds(b.when, given)),
                END,
            )
            if target == END:
                ends.add(state)
                continue
            after: _State = (target, tuple(sorted(answers.items())))
            leads_to[state].add(after)
            if after not in leads_to:
                if len(leads_to) >= MAX_LOOP_STATES:
                    return [
                        GraphIssue(
                            ("steps",),
                            "the loops in this exercise branch too many ways to check; make them simpler",
                        )
                    ]
                leads_to[after] = set()
                queue.append(after)
    stuck = _stuck(leads_to, ends)
    trapped = [(i, s.id) for i, s in enumerate(exercise.steps) if s.id in stuck]
    if not trapped:
        return []
    names = ", ".join(f"'{step_id}'" for _, step_id in trapped)
    return [
        GraphIssue(
            ("steps", trapped[0][0], "next"),
            f"after some answers, the steps {names} go round in a loop that never reaches 'end'; "
            "give the loop a way out that does not depend on answers given before it",
        )
    ]


def _stuck(leads_to: dict[_State, set[_State]], ends: set[_State]) -> set[str]:
    """The steps of the places from which no way on reaches the end."""
    comes_from: dict[_State, list[_State]] = {}
    for state, targets in leads_to.items():
        for target in targets:
            comes_from.setdefault(target, []).append(state)
    finishing = set(ends)
    queue = deque(ends)
    while queue:
        for before in comes_from.get(queue.popleft(), []):
            if before not in finishing:
                finishing.add(before)
                queue.append(before)
    return {state[0] for state in leads_to if state not in finishing}


def _all_conditions(exercise: Exercise) -> list[Condition]:
    found: list[Condition] = []
    for step in exercise.steps:
        found += [b.when for b in exercise.branches(step) if b.when is not None]
    return found


def _telling_answers(step: StepBase, leaves: list[Condition]) -> list[_Value]:
    """Answers to ``step`` (and None, for a skip) between them as varied as conditions can tell."""
    mine = [leaf for leaf in leaves if leaf.answer == step.id]
    named = [str(v) for leaf in mine for v in [leaf.equals, *(leaf.one_of or [])] if v is not None]
    if isinstance(step, RatingStep):
        numbers = {0, 10}
        for leaf in mine:
            for bound in (leaf.at_least, leaf.at_most):
                if bound is not None and math.isfinite(bound):
                    low, high = math.floor(bound), math.ceil(bound)
                    numbers |= {low - 1, low, high, high + 1}
        numbers |= {int(v) for v in named if v.isdigit()}
        return [None, *sorted(n for n in numbers if 0 <= n <= 10)]
    if isinstance(step, ChoiceStep):
        options = [option.value for option in step.options]
        if not step.multiple:
            return [None, *options]
        tested = [v for v in options if v in named][:10]
        others = [v for v in options if v not in tested][:1]
        chosen: list[_Value] = [None]
        for size in range(len(tested) + 1):
            for combo in combinations(tested, size):
                for extra in ([], others) if others else ([],):
                    if combo or extra:
                        chosen.append(tuple(v for v in options if v in (*combo, *extra)))
        return chosen
    if isinstance(step, TextStep):
        # Only words the engine would keep as they are can ever equal a named value.
        typed = [v for v in named if v.strip() and v == v.strip("\n") and len(v) <= step.max_length]
        return [None, "\x00another answer", *dict.fromkeys(typed)]
    return [None]
