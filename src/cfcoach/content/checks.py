"""Checks on an exercise's step graph, run after the models validate.

They catch what a model alone cannot: two steps with one id, a ``goto`` to no step,
answers read before they can have been written, steps that cannot be reached, steps
from which the exercise can never finish, and loops that some answers never let you leave.

Each graph fact is computed once for the whole graph, in time about linear in its size
(a file of thousands of steps is checked in well under a second): reachability and "can
finish" by one breadth-first search each, and which answers can have been written before
each step by one pass over the graph's strongly connected components in topological order
(see :func:`_may_precede`). Steps are looked up by id in a dict, never by a search.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations

from cfcoach.content.conditions import Answer, holds
from cfcoach.content.models import (
    END,
    Branch,
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

    by_id = {step.id: step for step in exercise.steps}
    ways = _ways_on(exercise)
    known = ", ".join(sorted(index)) or "none"
    edges: dict[str, list[str]] = {}
    broken: set[str] = set()  # steps with a goto to no step (reported once, below)
    for i, step in enumerate(exercise.steps):
        targets: list[str] = []
        branches = ways[step.id]
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

    first = exercise.steps[0].id
    reachable = _reachable(first, edges)
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

    reads = {step.id: _reads(step, ways[step.id]) for step in exercise.steps}
    written_before = _may_precede(first, edges, reads)
    for i, step in enumerate(exercise.steps):
        before = written_before.get(step.id, set())
        issues.extend(_reference_issues(by_id, i, step, index, before))
    answered = {step.id for step in exercise.steps if step.takes_answer}
    for s, suggestion in enumerate(exercise.suggest):
        if suggestion.when is not None:
            for problem in _condition_issues(
                by_id, f"suggestion {s + 1}", suggestion.when, index, answered
            ):
                issues.append(GraphIssue(("suggest", s, "when"), problem))
    if not issues and _has_loop(edges):
        issues.extend(_loop_issues(exercise, by_id, ways))
    return issues


def _ways_on(exercise: Exercise) -> dict[str, list[Branch]]:
    """The ways out of every step, by id (:meth:`Exercise.branches`, without its search for
    the step that follows in file order)."""
    steps = exercise.steps
    ways: dict[str, list[Branch]] = {}
    for i, step in enumerate(steps):
        if step.next is None:
            following = steps[i + 1].id if i + 1 < len(steps) else END
            ways[step.id] = [Branch(goto=following)]
        else:
            ways[step.id] = exercise.branches(step)
    return ways


def _reads(step: StepBase, branches: list[Branch]) -> set[str]:
    """The steps whose answers ``step`` shows, or reads in the conditions of its branches."""
    found = step.referenced_steps()
    for branch in branches:
        if branch.when is not None:
            found |= branch.when.referenced_steps()
    return found


def _reference_issues(
    by_id: Mapping[str, StepBase],
    i: int,
    step: StepBase,
    index: dict[str, int],
    before: set[str],
) -> Iterator[GraphIssue]:
    """Problems with the answers ``step`` shows or reads; ``before`` holds those of them
    that can have been written before it."""
    field = "show" if isinstance(step, ReviewStep) else "pin"
    for ref in sorted(step.referenced_steps()):
        if ref not in index:
            yield GraphIssue(
                ("steps", i, field),
                f"step '{step.id}' shows the answer of '{ref}', but no step has that id",
            )
        elif not by_id[ref].takes_answer:
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
                by_id, f"step '{step.id}'", branch.when, index, before | {step.id}
            ):
                yield GraphIssue(("steps", i, "next", b, "when"), problem)


def _condition_issues(
    by_id: Mapping[str, StepBase],
    owner: str,
    condition: Condition,
    index: dict[str, int],
    readable: set[str],
) -> Iterator[str]:
    for ref in sorted(condition.referenced_steps()):
        if ref not in index:
            yield f"the condition on {owner} reads '{ref}', but no step has that id"
        elif not by_id[ref].takes_answer:
            yield f"the condition on {owner} reads '{ref}', but '{ref}' asks no question"
        elif ref not in readable:
            yield f"the condition on {owner} reads '{ref}', which cannot have been answered yet"
    for leaf in _leaves(condition):
        if leaf.answer in index and (leaf.at_least is not None or leaf.at_most is not None):
            target = by_id[leaf.answer]
            if not isinstance(target, RatingStep):
                yield f"at_least / at_most compare numbers, but '{leaf.answer}' is not a rating"


def _leaves(condition: Condition) -> Iterator[Condition]:
    if condition.answer is not None:
        yield condition
    for child in (condition.all or []) + (condition.any or []):
        yield from _leaves(child)
    if condition.not_ is not None:
        yield from _leaves(condition.not_)


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    """The steps a way from ``start`` reaches (``start`` included)."""
    found = {start}
    queue = deque([start])
    while queue:
        for target in edges.get(queue.popleft(), []):
            if target != END and target not in found:
                found.add(target)
                queue.append(target)
    return found


def _may_precede(
    start: str, edges: dict[str, list[str]], asked: dict[str, set[str]]
) -> dict[str, set[str]]:
    """For each step reachable from ``start``: which of the steps ``asked`` names for it can
    come before it on some way from ``start`` (and so can have been answered by then).

    One pass over the strongly connected components in topological order: the steps that
    can come before a component are those of the components with a way into it, and those
    of the component itself when it is a loop. Each is a bit set (a Python int) over the
    steps asked about, so the pass costs one OR per edge, each a few machine words for
    every 64 steps asked about. Only the answers are kept, never a set per step.
    """
    components = _components(start, edges)
    bit: dict[str, int] = {}
    for names in asked.values():
        for name in names:
            if name not in bit:
                bit[name] = 1 << len(bit)
    where = {step: c for c, members in enumerate(components) for step in members}
    coming: dict[int, int] = {}  # component -> the steps that can come before it
    found: dict[str, set[str]] = {}
    for c in reversed(range(len(components))):  # Tarjan finds them sinks first
        members = components[c]
        before = coming.pop(c, 0)
        own = 0
        for step in members:
            own |= bit.get(step, 0)
        looped = len(members) > 1 or members[0] in edges.get(members[0], [])
        here = before | own if looped else before
        for step in members:
            wanted = asked.get(step)
            if wanted:
                found[step] = {name for name in wanted if here & bit[name]}
        after = before | own
        if not after:
            continue
        for step in members:
            for target in edges.get(step, []):
                if target != END and where[target] != c:
                    d = where[target]
                    coming[d] = coming.get(d, 0) | after
    return found


def _components(start: str, edges: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of the steps reachable from ``start``, each
    after every component it leads to (Tarjan's algorithm, without recursion)."""
    order: dict[str, int] = {start: 0}
    low: dict[str, int] = {start: 0}
    stack = [start]
    on_stack = {start}
    found: list[list[str]] = []
    work = [(start, iter(edges.get(start, [])))]
    while work:
        step, targets = work[-1]
        for target in targets:
            if target == END:
                continue
            if target not in order:
                order[target] = low[target] = len(order)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(edges.get(target, []))))
                break
            if target in on_stack:
                low[step] = min(low[step], order[target])
        else:
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[step])
            if low[step] == order[step]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == step:
                        break
                found.append(members)
    return found


def _can_finish(edges: dict[str, list[str]]) -> set[str]:
    """The steps from which some way reaches 'end' (a search back from 'end')."""
    comes_from: dict[str, list[str]] = {}
    finishing: set[str] = set()
    queue: deque[str] = deque()
    for source, targets in edges.items():
        for target in targets:
            if target == END:
                if source not in finishing:
                    finishing.add(source)
                    queue.append(source)
            else:
                comes_from.setdefault(target, []).append(source)
    while queue:
        for source in comes_from.get(queue.popleft(), []):
            if source not in finishing:
                finishing.add(source)
                queue.append(source)
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
_Given = str | int | tuple[str, ...]  # an answer given (not a skip)
_Known = tuple[tuple[str, _Given], ...]  # the answers given that matter, by step id in order
_State = tuple[str, _Known]


def _loop_issues(
    exercise: Exercise, by_id: Mapping[str, StepBase], ways: dict[str, list[Branch]]
) -> list[GraphIssue]:
    """Steps from which, after some answers, the branches only ever go round and never end.

    Every step can reach 'end' along *some* branch (checked above), but a loop's way out
    may hang on an answer given before the loop: then a person who gave it goes round for
    ever. This follows the branches as the engine would, for every kind of answer that
    can make a difference to a condition (and a skip), from the first step on.

    A place is a step and the answers that a condition further on may still read (see
    :func:`_still_read`): two places that differ only in answers no condition will read
    again go on alike, so they are followed as one.
    """
    leaves: dict[str, list[Condition]] = {}
    for branches in ways.values():
        for branch in branches:
            if branch.when is not None:
                for leaf in _leaves(branch.when):
                    if leaf.answer:
                        leaves.setdefault(leaf.answer, []).append(leaf)
    values = {step_id: _telling_answers(by_id[step_id], mine) for step_id, mine in leaves.items()}
    still_read = _still_read(ways, set(leaves))
    first: _State = (exercise.steps[0].id, ())
    leads_to: dict[_State, set[_State]] = {first: set()}
    ends: set[_State] = set()
    queue = deque([first])
    while queue:
        state = queue.popleft()
        step_id, known = state
        for value in values.get(step_id, [None]):
            answers: dict[str, _Given] = dict(known)
            if step_id in values:
                answers.pop(step_id, None)
                if value is not None:
                    answers[step_id] = value
            given: dict[str, Answer] = {
                k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()
            }
            target = next(
                (b.goto for b in ways[step_id] if b.when is None or holds(b.when, given)),
                END,
            )
            if target == END:
                ends.add(state)
                continue
            read_on = still_read[target]
            after: _State = (
                target,
                tuple(sorted((k, v) for k, v in answers.items() if k in read_on)),
            )
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


def _still_read(ways: dict[str, list[Branch]], read: set[str]) -> dict[str, frozenset[str]]:
    """For each step: the answers that a condition may read from there on before the
    step that gives them is answered again (a backward search to a fixed point).

    Arriving at a step, the answers not among these can make no difference any more.
    A step's own answer is given there, before its conditions are read, so it is never
    among its own.
    """
    reads_here: dict[str, set[str]] = {step_id: set() for step_id in ways}
    comes_from: dict[str, list[str]] = {step_id: [] for step_id in ways}
    for step_id, branches in ways.items():
        for branch in branches:
            if branch.when is not None:
                reads_here[step_id] |= branch.when.referenced_steps() & read
            if branch.goto in comes_from:
                comes_from[branch.goto].append(step_id)
    found: dict[str, frozenset[str]] = {}
    # Steps after the steps they lead to (sinks first): without loops, one round is enough.
    edges = {step_id: [b.goto for b in branches] for step_id, branches in ways.items()}
    first = next(iter(ways))
    ordered = [step_id for members in _components(first, edges) for step_id in members]
    pending = deque(dict.fromkeys([*ordered, *ways]))
    waiting = set(ways)
    while pending:
        step_id = pending.popleft()
        waiting.discard(step_id)
        later: set[str] = set(reads_here[step_id])
        for branch in ways[step_id]:
            later |= found.get(branch.goto, frozenset())
        later.discard(step_id)
        if step_id in found and found[step_id] == later:
            continue
        found[step_id] = frozenset(later)
        for source in comes_from[step_id]:
            if source not in waiting:
                waiting.add(source)
                pending.append(source)
    return found


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


def _telling_answers(step: StepBase, mine: list[Condition]) -> list[_Value]:
    """Answers to ``step`` (and None, for a skip) between them as varied as the conditions
    that read it (``mine``) can tell."""
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
