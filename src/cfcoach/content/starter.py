"""The starter file `cfcoach content new ID` writes: a small, valid exercise with comments.

It shows every step kind once, a branch on a high rating, a pinned answer and a review,
so an author can change the words and keep the shape.
"""

from __future__ import annotations

import re

from cfcoach.content.schema import SCHEMA_FILE_NAME

EXERCISE_ID = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
"""What an exercise id may be (the same rule as the model's)."""

_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}

STARTER = """\
# A starter exercise for cfcoach. Change the words, keep the shape.
#   Check it:  cfcoach content validate {file}
#   Try it:    cfcoach content preview {file}     (nothing is saved)
#   Install:   cfcoach content add {file}
# The authoring guide (docs/authoring.md) explains every key.
# For completion and checking as you type, run
#   cfcoach content schema --output {schema}
# and make this the first line of the file:
#   # yaml-language-server: $schema=./{schema}

id: {id_value}               # a short unique name; name the file after it
title: "{title}"             # what people see in the list of exercises
summary: >-
  A few minutes to notice what the critic is saying and to answer it more kindly.
minutes: 5                   # about how long it takes
version: 1                   # raise it whenever you change the steps
tags: [chronic-self-criticism]   # focus tags (see the guide) and words of your own
systems: [threat, soothe]    # the systems it works with: threat, drive, soothe
sources: []                  # the published work it follows, one per line, e.g.
#  - "Gilbert, P. (2009). The Compassionate Mind. Constable."

steps:
  # info: says something and asks nothing.
  - id: welcome
    kind: info
    title: A few minutes for you
    text: >-
      This is a few minutes for you. There are no right answers, and you can skip
      any step.

  # text: asks for words. The label names the answer in reviews and exports.
  - id: critic
    kind: text
    system: threat
    title: What is the critic saying?
    label: The critic's words
    text: Write down what your inner critic has been telling you, in its own words.
    placeholder: "e.g. You always get this wrong."
    # private: true          # keeps this answer out of exports unless the person asks

  # rating: a number from 0 to 10, with words for the ends.
  # next, as a list of branches: a high rating goes to a settling pause first;
  # the last branch has no 'when', so there is always a way on.
  - id: intensity_before
    kind: rating
    system: threat
    title: How strongly do those words land?
    label: How strongly the words landed (before)
    text: Right now, how much do those words affect you?
    pin: [critic]            # keeps earlier answers in view on this step
    anchors: {{0: not at all, 5: quite a lot, 10: completely}}
    next:
      - when: {{answer: intensity_before, at_least: 8}}
        goto: settle
      - goto: reply

  # pause: timed, with cues and a breathing rhythm (leave 'breathing' out for
  # imagery, sounds or touch). adjustable: the person can change length and rhythm.
  - id: settle
    kind: pause
    system: soothe
    title: A settling pause
    text: Let your breathing slow a little, with a longer out-breath.
    seconds: 60
    adjustable: true
    breathing: {{inhale: 4, hold: 1, exhale: 6}}
    cues:
      - Feel your feet on the floor and the seat holding you.
      - Let the out-breath be slow and long.
      - If your mind wanders, that's what minds do. Come back kindly.

  # text again, with the critic's words pinned in view while answering.
  - id: reply
    kind: text
    system: soothe
    title: A kinder answer
    label: A kinder answer
    text: >-
      Imagine someone wise and warm who understands how hard this is for you.
      What might they say back to the critic? Write it in your own words.
    pin: [critic]

  # choice: pick one option ('multiple: true' makes it a checklist).
  - id: tone
    kind: choice
    system: threat
    title: How did the critic sound?
    label: The critic's tone
    text: Looking at the critic's words again, which fits best?
    pin: [critic]
    options:
      - {{value: correcting, label: "Pointing to something I could do differently"}}
      - {{value: attacking, label: "Putting me down as a whole person"}}
      - {{value: unsure, label: "I'm not sure"}}

  - id: intensity_after
    kind: rating
    system: threat
    title: And now?
    label: How strongly the words landed (after)
    text: How much do the critic's words affect you now? Any number is fine.
    anchors: {{0: not at all, 5: quite a lot, 10: completely}}

  # review: shows earlier answers back. 'display: bars' draws the ratings as a chart.
  - id: before_after
    kind: review
    display: bars
    title: Before and after
    show: [intensity_before, intensity_after]

  # review as a list: what the person sees last, and finds again in their history.
  - id: summary
    kind: review
    title: Thank you for taking this time
    text: Here is what you wrote today.
    show: [critic, reply, tone]

# suggest: offer one next exercise at the end, when what came up fits. For example:
# suggest:
#   - when: {{answer: intensity_after, at_least: 7}}
#     exercise: soothing-breathing
#     reason: The words are still landing hard; a few minutes of soothing rhythm may help.
"""


def title_from_id(exercise_id: str) -> str:
    """``evening-kindness`` -> ``Evening kindness``."""
    words = exercise_id.replace("-", " ").split()
    return " ".join(words).capitalize() if words else exercise_id


def starter_text(exercise_id: str, file_name: str) -> str:
    """The starter exercise called ``exercise_id``; ``file_name`` is named in its comments."""
    plain = exercise_id.lower() not in _YAML_WORDS
    return STARTER.format(
        id_value=exercise_id if plain else f'"{exercise_id}"',
        title=title_from_id(exercise_id),
        file=file_name,
        schema=SCHEMA_FILE_NAME,
    )
