"""Everything a first page needs, in one call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cfcoach.content.models import Exercise
from cfcoach.insights.activity import Activity, activity
from cfcoach.insights.ratings import Measure, measures
from cfcoach.insights.systems import SystemBalance, systems_balance
from cfcoach.insights.themes import WordCount, critic_texts, recurring_words
from cfcoach.store.models import Entry


@dataclass(frozen=True)
class Summary:
    """The figures over a set of entries."""

    activity: Activity
    measures: tuple[Measure, ...]
    critic_answers: int
    """How many entries have an answer from the critic (the words below come from these)."""
    critic_words: tuple[WordCount, ...]
    balance: SystemBalance | None


def summarize(
    entries: Sequence[Entry], exercises: Mapping[str, Exercise], *, include_private_steps: bool
) -> Summary:
    """Count, average and find the recurring words over ``entries``."""
    texts = critic_texts(entries, exercises, include_private_steps=include_private_steps)
    return Summary(
        activity=activity(entries, exercises),
        measures=measures(entries, exercises, include_private_steps=include_private_steps),
        critic_answers=len(texts),
        critic_words=recurring_words(texts),
        balance=systems_balance(entries, exercises, include_private_steps=include_private_steps),
    )
