"""Small exercises of our own for runner tests, so they don't move when shipped content changes."""

from __future__ import annotations

from textwrap import dedent

from cfcoach.context import AppContext
from cfcoach.paths import ensure_private_dir

JOURNAL = dedent(
    """\
    id: journal
    title: A small journal
    summary: A short exercise for testing the runner.
    minutes: 3
    version: 1
    suggest:
      - when: { answer: calm, at_most: 3 }
        exercise: rest
        reason: >-
          A few quiet breaths can help
          when calm has been scarce.
      - exercise: not-installed
        reason: This one is not here, so nothing is offered.
    steps:
      - id: hello
        kind: info
        title: Hello
        text: A few questions about your week.
      - id: words
        kind: text
        title: What is on your mind?
        label: On my mind
      - id: mood
        kind: choice
        title: How is the weather inside?
        options:
          - { value: sunny, label: Sunny }
          - { value: cloudy, label: Cloudy }
          - { value: stormy, label: Stormy }
      - id: threat
        kind: rating
        system: threat
        title: Threat
        label: Threat this week
      - id: drive
        kind: rating
        system: drive
        title: Drive
        label: Drive this week
        optional: true
      - id: calm
        kind: rating
        system: soothe
        title: Soothe
        label: Soothe this week
      - id: circles
        kind: review
        display: bars
        title: Your week in three bars
        text: Just notice them, with curiosity.
        show: [threat, drive, calm, words]
      - id: breathe
        kind: pause
        system: soothe
        title: A breathing space
        text: Breathe along with the guide, or at your own pace.
        seconds: 60
        adjustable: true
        breathing: { inhale: 4, hold: 1, exhale: 6 }
        cues:
          - Let your shoulders drop.
          - Let the out-breath be slow.
    """
)

REST = dedent(
    """\
    id: rest
    title: A short rest
    summary: A minute of quiet.
    minutes: 1
    version: 1
    steps:
      - id: quiet
        kind: pause
        title: A quiet minute
        seconds: 45
        adjustable: true
      - id: still
        kind: pause
        title: Stillness
        seconds: 20
      - id: after
        kind: text
        title: How was that?
        optional: true
    """
)

FORKED = dedent(
    """\
    id: forked
    title: A fork in the road
    summary: A rating that sometimes leads to another.
    minutes: 1
    version: 1
    steps:
      - id: first
        kind: rating
        title: How loud is the critic?
        label: Critic
        next:
          - when: { answer: first, at_least: 8 }
            goto: second
          - goto: chart
      - id: second
        kind: rating
        title: How alarmed are you?
        label: Alarm
      - id: chart
        kind: review
        display: bars
        title: Your numbers
        show: [first, second]
    """
)

EXERCISES = {"journal": JOURNAL, "rest": REST, "forked": FORKED}


def install(context: AppContext, *names: str) -> None:
    """Put these test exercises in the person's own exercise folder."""
    # Made as cfcoach makes its folders (private), so the coach has nothing to fix at start.
    folder = ensure_private_dir(context.paths.user_exercises)
    for name in names:
        (folder / f"{name}.yaml").write_text(EXERCISES[name])
