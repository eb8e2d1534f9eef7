"""Random exercise files for the graph test: hypothesis strategies, one step kind at a time.

A generated file uses every step kind, ``next`` targets good and bad (unknown steps,
loops, unreachable steps, branch lists without a fallback), field values in and out of
range, and — unless it is a careful one — a few deliberate mistakes; now and then its
values are swapped for junk of the wrong type, or its YAML is broken on purpose.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from cfcoach.content.models import END
from tests.unit.test_loader import JUNK

IDS = ["s0", "s1", "s2", "s3", "s4", "s5"]
KINDS = ["info", "text", "rating", "choice", "pause", "review"]

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
