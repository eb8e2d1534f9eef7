"""Checks on an exercise's step graph, run after the models validate.

They catch what a model alone cannot: two steps with one id, a ``goto`` to no step,
answers read before they can have been written, steps that cannot be reached, and
steps from which the exercise can never finish.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cfcoach.content.models import END, Condition, Exercise, RatingStep, ReviewStep, StepBase
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
