"""The report every readable format lays out: a first page of figures, then the entries.

Formats (Markdown, HTML, PDF) only lay this out; what is said, and what is left out, is
decided here once. All text is already made safe to show (control characters and
escape sequences are shown as ``\\xNN``, never passed on); formats add their own escaping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from cfcoach import __version__
from cfcoach.content.models import Exercise, StepBase
from cfcoach.datetext import day_text, moment_text, range_text
from cfcoach.export.registry import ExportBundle, Paper
from cfcoach.insights import (
    DayMeans,
    Measure,
    ShownStep,
    Summary,
    daily_means,
    rating_scale,
    shown_steps,
    summarize,
    value_text,
)
from cfcoach.store.models import Entry
from cfcoach.textsafety import printable

TITLE = "Between-session practice"
INTRO = (
    "Self-help exercises from compassion-focused therapy, done with cfcoach and shared by "
    "the person who wrote them. Ratings are 0 to 10."
)
STATUS_TEXT = {"stopped": "stopped early", "draft": "unfinished"}
SAFETY_PLAN_TITLE = "My safety plan"


# Item and EntryView are made once per step and per entry (67,000 for 10,000 check-ins):
# slotted and not frozen, as a frozen dataclass is about four times slower to make.
# Nothing changes one once it is made.
@dataclass(slots=True)
class Item:
    """One step of an entry, ready to show."""

    label: str
    text: str
    """The answer in words ("4 out of 10 (quite a lot)"), or "skipped"."""
    scale: str
    """A rating's anchors ("0 = not at all, 10 = completely"); empty for other steps."""
    skipped: bool
    block: bool
    """True for written answers (shown as a block of their own), false for short ones."""


@dataclass(slots=True)
class EntryView:
    number: int | None
    title: str
    when: str
    status: str | None
    """ "stopped early" or "unfinished"; ``None`` when completed."""
    private: bool
    items: tuple[Item, ...]
    note: str | None


@dataclass(frozen=True)
class Chart:
    """A measure's daily means, for a small chart."""

    name: str
    paired: bool
    days: tuple[DayMeans, ...]


@dataclass(frozen=True)
class Report:
    title: str
    intro: str
    period: str
    made: str
    facts: tuple[tuple[str, str], ...]
    """(heading, text) lines of the first page, in order."""
    charts: tuple[Chart, ...]
    entries: tuple[EntryView, ...]
    paper: Paper
    summary: Summary
    safety_plan: tuple[tuple[str, str], ...] = ()
    """(label, words) of the person's safety plan, when they chose to include it."""
    safety_plan_written: str = ""


def safe(text: str) -> str:
    """User or content text with control characters made visible (see :mod:`cfcoach.textsafety`)."""
    if len(text) <= 120:
        return _safe_short(text)  # labels, titles, scales: the same few, thousands of times
    # Speed on long answers: str.isprintable scans faster than the control-character
    # pattern, and a printable text holds no control character. A line break is not
    # printable, so answers of several lines still take the pattern.
    return text if text.isprintable() else printable(text)


_safe_short = lru_cache(maxsize=2048)(printable)


def build_report(bundle: ExportBundle) -> Report:
    """Gather the figures and the entries of ``bundle`` (reads its entries once)."""
    entries = sorted(bundle.entries, key=lambda e: (e.started_at, e.id or 0))
    exercises = bundle.exercises
    private_steps = bundle.include_private_steps
    summary = summarize(entries, exercises, include_private_steps=private_steps)
    activity = summary.activity
    if activity.first_day is not None and activity.last_day is not None:
        period = range_text(activity.first_day, activity.last_day)
    else:
        period = "No entries chosen"
    return Report(
        title=TITLE,
        intro=INTRO,
        period=period,
        made=f"Made with cfcoach {__version__} on {day_text(bundle.generated_at.date())}",
        facts=tuple(_facts(summary)),
        charts=tuple(
            Chart(safe(m.name), m.paired, daily_means(m)) for m in summary.measures if m.rated
        ),
        entries=tuple(_entry_view(e, exercises, private_steps) for e in entries),
        paper=bundle.paper,
        summary=summary,
        safety_plan=tuple((safe(label), safe(words)) for label, words in bundle.safety_plan),
        safety_plan_written=(
            f"Written {moment_text(bundle.safety_plan_written)}"
            if bundle.safety_plan and bundle.safety_plan_written is not None
            else ""
        ),
    )


def number(value: float) -> str:
    """A mean to one decimal place ("6.3"); whole numbers stay whole ("4")."""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def _facts(summary: Summary) -> list[tuple[str, str]]:
    activity = summary.activity
    facts: list[tuple[str, str]] = []
    if activity.first_day is not None and activity.last_day is not None:
        days = activity.span_days
        facts.append(
            (
                "Dates",
                f"{range_text(activity.first_day, activity.last_day)} "
                f"({days} day{'s' if days != 1 else ''})",
            )
        )
    kinds = []
    if activity.stopped:
        kinds.append(f"{activity.stopped} stopped early")
    if activity.unfinished:
        kinds.append(f"{activity.unfinished} unfinished")
    detail = f"; {', '.join(kinds)}" if kinds else ""
    facts.append(
        (
            "Entries",
            f"{activity.entries} on {activity.practice_days} practice "
            f"day{'s' if activity.practice_days != 1 else ''}{detail}",
        )
    )
    if activity.by_exercise:
        facts.append(
            (
                "Exercises",
                ", ".join(f"{safe(c.title)}: {c.count}" for c in activity.by_exercise),
            )
        )
    for measure in summary.measures:
        facts.append((safe(measure.name), _measure_text(measure)))
    if summary.balance is not None:
        sizes = ", ".join(f"{system} {number(mean)}" for system, mean in summary.balance.means)
        facts.append(
            (
                "Three systems",
                f"mean circle size {sizes} ({summary.balance.entries} three-circles "
                f"entr{'y' if summary.balance.entries == 1 else 'ies'})",
            )
        )
    facts.append(("The critic's recurring words", _words_text(summary)))
    return facts


def _measure_text(measure: Measure) -> str:
    before, after = measure.mean_before, measure.mean_after
    if not measure.paired:
        rated = measure.rated
        mean = number(after) if after is not None else "–"
        return f"mean {mean} ({rated} entr{'y' if rated == 1 else 'ies'})"
    parts = [
        f"before {number(before) if before is not None else '–'}",
        f"after {number(after) if after is not None else '–'}",
    ]
    pairs = measure.pairs
    return (
        f"mean {parts[0]}, {parts[1]} ({pairs} entr{'y' if pairs == 1 else 'ies'} rated both times)"
    )


def _words_text(summary: Summary) -> str:
    if not summary.critic_words:
        if summary.critic_answers < 2:
            return "too few of the critic's answers to see words coming back"
        return "no word comes back in two or more entries"
    words = ", ".join(f"“{safe(w.word)}” {w.entries}" for w in summary.critic_words)
    return f"{words} (the number of entries each word appears in)"


def _entry_view(
    entry: Entry, exercises: Mapping[str, Exercise], include_private_steps: bool
) -> EntryView:
    exercise = exercises.get(entry.exercise_id)
    steps = shown_steps(entry, exercise, include_private_steps=include_private_steps)
    note = entry.therapist_note.strip() if entry.therapist_note else None
    return EntryView(
        number=entry.id,
        title=safe(exercise.title if exercise is not None else entry.exercise_id),
        when=moment_text(entry.started_at),
        status=STATUS_TEXT.get(entry.status),
        private=entry.private,
        items=tuple([_item(step) for step in steps]),
        note=safe(note) if note else None,
    )


def _item(step: ShownStep) -> Item:
    label, scale = _step_words(step.label, step.step)
    if step.skipped:
        return Item(label, "skipped", "", True, False)
    if step.kind in ("text", None) and isinstance(step.value, str):
        # A written answer: value_text would give the string itself (not a rating or choice).
        return Item(label, safe(step.value), scale, False, True)
    return Item(label, safe(value_text(step)), scale, False, False)


_StepWords = tuple["StepBase | None", str, str]
_STEP_WORDS: dict[tuple[str, int], _StepWords] = {}


def _step_words(label: str, step: StepBase | None) -> tuple[str, str]:
    """A step's label and rating scale, made safe, worked out once per step, not per entry.

    The cache holds the step itself, so its ``id`` cannot be reused while cached (steps
    are not hashable: a rating's anchors are a dict).
    """
    key = (label, id(step))
    cached = _STEP_WORDS.get(key)
    if cached is not None and cached[0] is step:
        return cached[1], cached[2]
    label_text, scale = safe(label), safe(rating_scale(step))
    if len(_STEP_WORDS) >= 1024:
        _STEP_WORDS.clear()
    _STEP_WORDS[key] = (step, label_text, scale)
    return label_text, scale
