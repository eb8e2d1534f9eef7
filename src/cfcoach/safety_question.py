"""The gentle safety question: its words, its answers, and reading a typed answer.

When a person chooses an option (or gives a rating) that an exercise marks with
``ask_about_safety``, the coach asks once, directly and calmly, whether thoughts of not
wanting to be alive have been around, as clinicians do: asking does not put the idea
there (docs/safety.md has the evidence). "Yes" or "sometimes" brings the safety screen;
"no" and "I'd rather not say" go on. Both front-ends take every word from here.
"""

from __future__ import annotations

from typing import Final

from cfcoach.engine import SafetyReply

TITLE: Final = "Can I ask you something?"

QUESTION: Final = (
    "When things feel this heavy, some people find that thoughts of not wanting to be "
    "alive come along too, or thoughts of ending their life. It's all right to say so here. "
    "Have thoughts like that been around for you lately?"
)

REPLIES: Final[tuple[tuple[SafetyReply, str], ...]] = (
    ("yes", "Yes"),
    ("sometimes", "Sometimes"),
    ("no", "No"),
    ("rather_not_say", "I'd rather not say"),
)
"""The answers offered, in order: (what is saved, what the person sees)."""

AFTER_REPLY: Final[dict[SafetyReply, str]] = {
    "no": "Thank you for answering. Let's go on.",
    "rather_not_say": "That's all right. Let's go on.",
}
"""One calm line after an answer that goes on (``yes`` and ``sometimes`` bring the safety screen)."""

_WORDS: Final[dict[str, SafetyReply]] = {
    "yes": "yes",
    "y": "yes",
    "yeah": "yes",
    "yep": "yes",
    "sometimes": "sometimes",
    "some times": "sometimes",
    "sometime": "sometimes",
    "s": "sometimes",
    "no": "no",
    "n": "no",
    "nope": "no",
    "i'd rather not say": "rather_not_say",
    "id rather not say": "rather_not_say",
    "i would rather not say": "rather_not_say",
    "rather not say": "rather_not_say",
    "rather not": "rather_not_say",
    "not say": "rather_not_say",
    "pass": "rather_not_say",
}


def read_reply(text: str) -> SafetyReply | None:
    """The answer a typed line gives: an option's number (1-4) or its words, in any case;
    ``None`` when it is neither (an empty line too)."""
    words = " ".join(text.replace("’", "'").strip().strip(".!").lower().split())
    if words.isdigit() and 1 <= int(words) <= len(REPLIES):
        return REPLIES[int(words) - 1][0]
    return _WORDS.get(words)
