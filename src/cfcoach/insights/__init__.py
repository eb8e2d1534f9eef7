"""Figures over entries: activity, ratings before and after, the critic's words, the three systems.

Pure functions over entries and exercises (no I/O, no UI), so the export, the history and
the insights screens all show the same numbers.
"""

from cfcoach.insights.activity import Activity, ExerciseCount, activity
from cfcoach.insights.answers import ShownStep, rating_scale, shown_steps, value_text
from cfcoach.insights.ratings import DayMeans, Measure, RatingPoint, daily_means, measures
from cfcoach.insights.summary import Summary, summarize
from cfcoach.insights.systems import THREE_CIRCLES_TAG, SystemBalance, systems_balance
from cfcoach.insights.themes import WordCount, critic_words

__all__ = [
    "THREE_CIRCLES_TAG",
    "Activity",
    "DayMeans",
    "ExerciseCount",
    "Measure",
    "RatingPoint",
    "ShownStep",
    "Summary",
    "SystemBalance",
    "WordCount",
    "activity",
    "critic_words",
    "daily_means",
    "measures",
    "rating_scale",
    "shown_steps",
    "summarize",
    "systems_balance",
    "value_text",
]
