"""Style warnings: things in a valid exercise worth a second look, with their line numbers.

An exercise with warnings still loads and runs; these are habits that make exercises
easier to read on a hard day (short prompts, a summary, sources), not rules. Every
shipped exercise has none. ``docs/authoring.md`` ("Warnings") lists them for authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cfcoach.content.loader import load_exercise_source
from cfcoach.content.models import (
    ChoiceStep,
    Exercise,
    InfoStep,
    PauseStep,
    RatingStep,
    StepBase,
)
from cfcoach.content.yaml_source import PathKey, SourceMap
from cfcoach.textsafety import is_bidi_control, printable

PROMPT_MAX_WORDS = 60
"""Most words a step's text should have: it has to fit the screen above the answer box."""
INFO_MAX_WORDS = 90
"""Most words for an ``info`` step, which has no answer box below it."""
SUMMARY_MAX_WORDS = 40
"""Most words for a summary: one or two sentences."""
CUE_MAX_WORDS = 25
"""Most words for one cue of a pause: one short sentence."""
MIN_SECONDS_PER_CUE = 10
"""Fewest seconds each cue of a pause should stay on screen, to be read and felt."""
OPTION_MAX_WORDS = 15
"""Most words for the label of a choice's option."""
REASON_MAX_WORDS = 30
"""Most words for a suggestion's reason: one kind sentence."""
GROUNDING_MAX_WORDS = 60
"""Most words for the exercise's grounding text, read when things are too much."""
TITLE_MAX_CHARS = 40
"""Most characters for an exercise's title, so it fits on one line in the list."""
STEP_TITLE_MAX_CHARS = 60
"""Most characters for a step's title (its heading)."""

_BRACES = re.compile(r"\{[^{}\n]{1,64}\}")


@dataclass(frozen=True, order=True)
class StyleWarning:
    """Something worth a look in a valid exercise file; printed ``FILE:LINE:COL: warning: ...``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: warning: {self.message}"


def load_with_source(path: Path) -> tuple[Exercise, SourceMap]:
    """Load ``path`` (raising :class:`ContentError` as the loader does), with its positions."""
    return load_exercise_source(path)


def load_with_warnings(path: Path) -> tuple[Exercise, list[StyleWarning]]:
    """Load ``path`` (raising :class:`ContentError` as the loader does) and find its warnings."""
    exercise, source = load_with_source(path)
    return exercise, style_warnings(exercise, source, str(path))


def style_warnings(exercise: Exercise, source: SourceMap, label: str) -> list[StyleWarning]:
    """Every style warning for ``exercise``; ``source`` places them, ``label`` names the file."""
    found = [
        StyleWarning(label, *source.locate(path), message)
        for path, message in _exercise_notes(exercise)
    ]
    found += [
        StyleWarning(label, *source.locate(path), _unshowable_note(exercise, path, char))
        for path, char in source.unshowable.items()
    ]
    return sorted(set(found))


def _unshowable_note(exercise: Exercise, path: PathKey, char: str) -> str:
    """What to say of a text holding ``char``, a control or bidirectional control character."""
    code = f"U+{ord(char):04X}"
    shown = printable(char)
    if is_bidi_control(char):
        return (
            f"{_text_name(exercise, path)} has a bidirectional control character {code}, "
            f"which can make the words around it read in another order; cfcoach shows it "
            f"as {shown} instead, so remove it"
        )
    return (
        f"{_text_name(exercise, path)} has a control character {code}, which could change "
        f"the terminal; cfcoach shows it as {shown} instead, so remove it"
    )


_ONE_OF = {
    "steps": "step",
    "options": "option",
    "cues": "cue",
    "tags": "tag",
    "sources": "source",
    "anchors": "anchor",
    "suggest": "suggestion",
    "next": "branch",
    "one_of": "value",
}


def _text_name(exercise: Exercise, path: PathKey) -> str:
    """How a warning names the text at ``path``: "the label of option 2 of step 'mood'"."""
    parts: list[str] = []
    rest = list(path)
    while rest:
        part = rest.pop(0)
        if part == "steps" and rest and isinstance(number := rest[0], int):
            rest.pop(0)
            name = exercise.steps[number].id if number < len(exercise.steps) else number + 1
            parts.append(f"step '{name}'")
        elif isinstance(part, str) and rest and (isinstance(rest[0], int) or part == "anchors"):
            item = rest.pop(0)
            parts.append(f"{_ONE_OF.get(part, part)} {item + 1 if isinstance(item, int) else item}")
        else:
            parts.append(str(part))
    if not parts:
        return "the exercise"
    inner = parts[-1]
    named = inner if inner.split()[0] in _ONE_OF.values() else f"the {inner}"
    return " of ".join([named, *reversed(parts[:-1])])


def unknown_suggestions(
    exercise: Exercise, source: SourceMap, label: str, known: Iterable[str]
) -> list[StyleWarning]:
    """Suggestions naming an exercise that is not among ``known`` ids (they are never offered)."""
    ids = set(known)
    return [
        StyleWarning(
            label,
            *source.locate(("suggest", s, "exercise")),
            f"suggestion {s + 1} names the exercise '{rule.exercise}', which isn't here, so it "
            "will never be offered; check the id (`cfcoach content list` shows them)",
        )
        for s, rule in enumerate(exercise.suggest)
        if rule.exercise not in ids
    ]


def _words(text: str) -> int:
    return len(text.split())


def _exercise_notes(exercise: Exercise) -> Iterator[tuple[PathKey, str]]:
    if not exercise.summary.strip():
        yield (
            ("summary",),
            "the summary is empty; say in a sentence or two what the exercise is for",
        )
    elif (n := _words(exercise.summary)) > SUMMARY_MAX_WORDS:
        yield (
            ("summary",),
            f"the summary has {n} words; one or two sentences ({SUMMARY_MAX_WORDS} words or "
            "fewer) read best in the list of exercises",
        )
    if not exercise.sources:
        yield (
            ("sources",),
            "there are no sources; name the published work this exercise follows "
            "(see 'Sources' in the authoring guide)",
        )
    if not exercise.systems:
        yield (
            ("systems",),
            "no systems are named; say which of threat, drive and soothe the exercise works with",
        )
    if len(exercise.title) > TITLE_MAX_CHARS:
        yield (
            ("title",),
            f"the title has {len(exercise.title)} characters; keep it to {TITLE_MAX_CHARS} "
            "so it fits on one line in the list",
        )
    if (n := _words(exercise.grounding.text)) > GROUNDING_MAX_WORDS:
        yield (
            ("grounding", "text"),
            f"the grounding text has {n} words; it is read when things are too much, so keep "
            f"it to {GROUNDING_MAX_WORDS} or fewer",
        )
    for s, rule in enumerate(exercise.suggest):
        if (n := _words(rule.reason)) > REASON_MAX_WORDS:
            yield (
                ("suggest", s, "reason"),
                f"the reason of suggestion {s + 1} has {n} words; one kind sentence "
                f"({REASON_MAX_WORDS} words or fewer) is enough",
            )
    for i, step in enumerate(exercise.steps):
        for path, message in _step_notes(step):
            yield ("steps", i, *path), message


def _step_notes(step: StepBase) -> Iterator[tuple[PathKey, str]]:
    name = f"step '{step.id}'"
    limit = INFO_MAX_WORDS if isinstance(step, InfoStep) else PROMPT_MAX_WORDS
    if (n := _words(step.text)) > limit:
        yield (
            ("text",),
            f"the text of {name} has {n} words; it has to fit the screen on a hard day, so "
            f"keep it to {limit} or fewer (or split it into two steps)",
        )
    if len(step.title) > STEP_TITLE_MAX_CHARS:
        yield (
            ("title",),
            f"the title of {name} has {len(step.title)} characters; keep headings to "
            f"{STEP_TITLE_MAX_CHARS} or fewer",
        )
    if _BRACES.search(step.text):
        yield (
            ("text",),
            f"the text of {name} has words in {{braces}}, which cfcoach shows as they are; "
            "to show an earlier answer, use 'pin:' or a review step",
        )
    if step.takes_answer and not (step.label or "").strip():
        yield (
            ("id",),
            f"{name} asks something but has no 'label:'; a short label reads better than the "
            "title in reviews and exports",
        )
    if isinstance(step, RatingStep) and not {0, 10} <= set(step.anchors):
        yield (
            ("anchors",) if step.anchors else ("id",),
            f"the rating {name} needs words for both ends of the scale; add anchors for 0 and "
            "10 (e.g. 0: not at all, 10: completely)",
        )
    if isinstance(step, ChoiceStep):
        for o, option in enumerate(step.options):
            if (n := _words(option.label)) > OPTION_MAX_WORDS:
                yield (
                    ("options", o, "label"),
                    f"an option of {name} has {n} words; keep option labels to "
                    f"{OPTION_MAX_WORDS} or fewer",
                )
    if isinstance(step, PauseStep):
        for c, cue in enumerate(step.cues):
            if (n := _words(cue)) > CUE_MAX_WORDS:
                yield (
                    ("cues", c),
                    f"a cue of {name} has {n} words; keep each cue to one short sentence "
                    f"({CUE_MAX_WORDS} words or fewer)",
                )
        if step.cues and step.seconds / len(step.cues) < MIN_SECONDS_PER_CUE:
            wanted = len(step.cues) * MIN_SECONDS_PER_CUE
            yield (
                ("seconds",) if "seconds" in step.model_fields_set else ("cues",),
                f"{name} shows {len(step.cues)} cues in {step.seconds} seconds; allow at least "
                f"{MIN_SECONDS_PER_CUE} seconds a cue (seconds: {wanted}) so each can be read "
                "and felt",
            )
