"""The critic's recurring words: plain word counts over the critic's answers, offline.

The critic's answers are those to text steps whose id names the critic (``critic``,
``critic_words``, ...). Each word counts once per entry, so "recurring" means "comes back
on different days", not "said three times in one answer". Common English function words
are left out; words a critic leans on ("never", "always", "should", "enough") are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cfcoach.content.models import Exercise, TextStep
from cfcoach.store.models import Entry

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
MIN_LENGTH = 3

_STOP_WORD_TEXT = """
    a about above after again against ago ah all also am an and another any anyone anything
    are aren't around as at be because been before being below between both but by came can
    come could couldn't did didn't do does doesn't doing don't down during each else even
    every few for from further get gets getting go goes going gone got had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's like
    made make makes many may me might more most much my myself not now of off oh ok okay on once
    one only or other ought our ours ourselves out over own really said same say says see
    seem seems she she'd she'll she's so some something such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've
    thing things this those though through to too under until up upon us very was wasn't
    way we we'd we'll we're we've well were weren't what what's when when's where where's
    whether which while who who's whom why why's will with would wouldn't yeah yes yet you
    you'd you'll you're you've your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())


@dataclass(frozen=True)
class WordCount:
    """A word from the critic and how often it came back."""

    word: str
    entries: int
    """In how many entries it appears."""
    times: int
    """How many times in all."""


def critic_texts(
    entries: Iterable[Entry], exercises: Mapping[str, Exercise], *, include_private_steps: bool
) -> list[str]:
    """The critic's answers in ``entries`` (one string per entry that has any)."""
    texts: list[str] = []
    # Each exercise's critic steps, worked out the first time one of its entries comes
    # (not once per entry: thousands of entries share a few exercises).
    critic_steps: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        step_ids = critic_steps.get(entry.exercise_id)
        if step_ids is None:
            step_ids = critic_steps[entry.exercise_id] = _critic_step_ids(
                exercises.get(entry.exercise_id), include_private_steps
            )
        if not step_ids:
            continue
        answers = entry.answers
        parts = [answer for answer in map(answers.get, step_ids) if isinstance(answer, str)]
        if any(part.strip() for part in parts):
            texts.append("\n".join(parts))
    return texts


def _critic_step_ids(exercise: Exercise | None, include_private_steps: bool) -> tuple[str, ...]:
    """The ids of the exercise's text steps that name the critic, in its order."""
    if exercise is None:
        return ()
    return tuple(
        step.id
        for step in exercise.steps
        if isinstance(step, TextStep)
        and "critic" in step.id
        and (include_private_steps or not step.private)
    )


def words(text: str) -> list[str]:
    """The words of ``text`` worth counting: lower case, no function words, no numbers."""
    flat = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [
        word for word in _WORD.findall(flat) if len(word) >= MIN_LENGTH and word not in STOP_WORDS
    ]


def recurring_words(
    texts: Sequence[str], *, limit: int = 8, min_entries: int = 2
) -> tuple[WordCount, ...]:
    """The words found in at least ``min_entries`` texts, most widespread first."""
    in_entries: Counter[str] = Counter()
    in_all: Counter[str] = Counter()
    for text in texts:
        found = words(text)
        in_all.update(found)
        in_entries.update(set(found))
    ranked = sorted(
        (
            WordCount(word, count, in_all[word])
            for word, count in in_entries.items()
            if count >= min_entries
        ),
        key=lambda w: (-w.entries, -w.times, w.word),
    )
    return tuple(ranked[:limit])


def critic_words(
    entries: Sequence[Entry],
    exercises: Mapping[str, Exercise],
    *,
    include_private_steps: bool,
    limit: int = 8,
) -> tuple[WordCount, ...]:
    """The critic's words that come back in two or more entries, most widespread first."""
    texts = critic_texts(entries, exercises, include_private_steps=include_private_steps)
    return recurring_words(texts, limit=limit)
