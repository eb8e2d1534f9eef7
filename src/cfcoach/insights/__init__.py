"""Figures over entries: activity, ratings before and after, the critic's words, the three systems.

Pure functions over entries and exercises (no I/O, no UI), so the export, the history and
the insights screens all show the same numbers.
"""

from cfcoach.insights.activity import Activity, ExerciseCount, activity
from cfcoach.insights.answers import ShownStep, rating_scale, shown_steps, value_text
from cfcoach.insights.overview import MeasureOverTime, Overview, overview
from cfcoach.insights.practice_days import (
    CalendarWeek,
    calendar_weeks,
    day_counts,
    days_practised,
)
from cfcoach.insights.ratings import DayMeans, Measure, RatingPoint, daily_means, measures
from cfcoach.insights.summary import Summary, summarize
from cfcoach.insights.systems import (
    THREE_CIRCLES_TAG,
    SystemBalance,
    SystemPeriod,
    is_three_circles,
    systems_balance,
    systems_by_month,
)
from cfcoach.insights.themes import WordCount, critic_words

__all__ = [
    "THREE_CIRCLES_TAG",
    "Activity",
    "CalendarWeek",
    "DayMeans",
    "ExerciseCount",
    "Measure",
    "MeasureOverTime",
    "Overview",
    "RatingPoint",
    "ShownStep",
    "Summary",
    "SystemBalance",
    "SystemPeriod",
    "WordCount",
    "activity",
    "calendar_weeks",
    "critic_words",
    "daily_means",
    "day_counts",
    "days_practised",
    "is_three_circles",
    "measures",
    "overview",
    "rating_scale",
    "shown_steps",
    "summarize",
    "systems_balance",
    "systems_by_month",
    "value_text",
]
