"""The focus areas: what a person can say they want to work on, in plain words.

A focus area's id is also the exercise tag that marks an exercise as serving it: an
exercise tagged ``perfectionism`` is one cfcoach may suggest to someone working on
perfectionism. Other tags (``soothe``, ``writing`` ...) are free; :func:`near_focus_id`
catches tags that look like a focus id but are spelled differently.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Any id this or a newer cfcoach might use: lower-case letters, digits and hyphens.
FOCUS_ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
MAX_FOCUS_AREAS = 32
_CLEAR_WORDS = ("", "none", "-", "not-sure", "clear")


@dataclass(frozen=True)
class FocusArea:
    """One thing a person can name to work on."""

    id: str
    """The id, also the exercise tag (``low-self-worth``)."""
    label: str
    """How it reads in a sentence (``low self-worth``)."""

    @property
    def title(self) -> str:
        """How it reads on its own, in a list (``Low self-worth``)."""
        return self.label[:1].upper() + self.label[1:]


FOCUS_AREAS: tuple[FocusArea, ...] = (
    FocusArea("chronic-self-criticism", "chronic self-criticism"),
    FocusArea("perfectionism", "perfectionism"),
    FocusArea("shame", "shame"),
    FocusArea("social-anxiety", "social anxiety"),
    FocusArea("anger", "anger"),
    FocusArea("low-self-worth", "low self-worth"),
    FocusArea("relationship-difficulties", "relationship difficulties"),
    FocusArea("low-mood", "low mood"),
    FocusArea("anxiety", "anxiety"),
)
FOCUS_IDS: tuple[str, ...] = tuple(area.id for area in FOCUS_AREAS)
_BY_ID = {area.id: area for area in FOCUS_AREAS}


def focus_area(focus_id: str) -> FocusArea | None:
    """The focus area with this id, or None if this version of cfcoach doesn't know it."""
    return _BY_ID.get(focus_id)


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def normalise_focus_id(text: str) -> str:
    """``Low self_worth`` -> ``low-self-worth``: lower case, spaces and _ as hyphens."""
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def tidy_focus_ids(values: Iterable[str]) -> list[str]:
    """Known ids in the vocabulary's order, then any other well-formed ids, once each.

    Ids this version doesn't know (a newer cfcoach may have more) are kept, not dropped:
    they do nothing here. Raises ValueError for a value that cannot be an id at all.
    """
    seen: list[str] = []
    for value in values:
        focus_id = normalise_focus_id(value)
        if not FOCUS_ID_PATTERN.fullmatch(focus_id):
            raise ValueError(f"'{value}' is not a focus area name (such as perfectionism)")
        if focus_id not in seen:
            seen.append(focus_id)
    if len(seen) > MAX_FOCUS_AREAS:
        raise ValueError(f"there are more than {MAX_FOCUS_AREAS} focus areas")
    known = [focus_id for focus_id in FOCUS_IDS if focus_id in seen]
    return known + [focus_id for focus_id in seen if focus_id not in _BY_ID]


def near_focus_id(tag: str) -> str | None:
    """The focus id ``tag`` looks like a misspelling of, or None (exact ids and others).

    ``perfectionist`` and ``Low_Mood`` -> a focus id; ``perfectionism``, ``soothe`` -> None.
    """
    if tag in _BY_ID:
        return None
    squashed = _squashed(tag)
    for focus_id in FOCUS_IDS:
        if _squashed(focus_id) == squashed:
            return focus_id
    close = difflib.get_close_matches(tag.lower(), FOCUS_IDS, n=1, cutoff=0.8)
    return close[0] if close else None


def parse_focus_choice(text: str) -> list[str]:
    """The focus ids in ``perfectionism, shame`` (``none`` gives an empty list).

    Labels work too (``low self-worth``). Raises ValueError with one plain sentence
    naming what is wrong and the ids to choose from.
    """
    if normalise_focus_id(text) in _CLEAR_WORDS:
        return []
    chosen: list[str] = []
    for part in text.split(","):
        focus_id = normalise_focus_id(part)
        if not focus_id:
            continue
        if focus_id not in _BY_ID:
            near = near_focus_id(focus_id)
            hint = f" (perhaps {near}?)" if near else ""
            raise ValueError(
                f"'{part.strip()}' is not a focus area cfcoach knows{hint}; choose from "
                f"{', '.join(FOCUS_IDS)}, or none"
            )
        chosen.append(focus_id)
    return tidy_focus_ids(chosen)
