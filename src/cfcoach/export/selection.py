"""Which entries an export takes: dates, exercises, ids, the last few; private and drafts.

Core logic only (no command-line library): :func:`parse_criteria` turns the options a
person typed into :class:`Criteria`, or raises :class:`SelectionError` with one sentence
to show; :func:`select` reads the matching entries from the store.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta

from cfcoach.datetext import day_text, range_text
from cfcoach.store.entries import EntryQuery, EntryStore
from cfcoach.store.models import Entry

_RELATIVE = re.compile(r"^(?P<count>\d{1,4})\s*(?P<unit>[dwm])$", re.IGNORECASE)
_IDS_PART = re.compile(r"^(?P<first>\d{1,9})(?:\s*-\s*(?P<last>\d{1,9}))?$")
MAX_IDS = 10_000


class SelectionError(ValueError):
    """The options do not pick entries; ``str(error)`` is one sentence saying what to change."""


@dataclass(frozen=True)
class Criteria:
    """What to export, parsed and checked."""

    since: date | None = None
    until: date | None = None
    exercise_ids: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()
    last: int | None = None
    include_private: bool = False
    include_drafts: bool = False
    left_out_exercises: tuple[str, ...] = ()
    """Exercises whose entries never go (e.g. the safety plan, unless asked for)."""


@dataclass(frozen=True)
class Selection:
    """The chosen entries (oldest first) and what was left out of the same span."""

    entries: list[Entry]
    private_left_out: int
    drafts_left_out: int

    @property
    def first_day(self) -> date | None:
        return self.entries[0].started_at.date() if self.entries else None

    @property
    def last_day(self) -> date | None:
        return self.entries[-1].started_at.date() if self.entries else None


def parse_day(text: str, today: date, option: str) -> date:
    """A day from ``2026-11-01``, ``today``, ``yesterday``, or a span back from today.

    ``7d``, ``4w`` and ``3m`` mean the same date 7 days, 4 weeks or 3 months ago.
    """
    cleaned = text.strip().lower()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    match = _RELATIVE.match(cleaned)
    if match:
        count, unit = int(match["count"]), match["unit"].lower()
        if unit == "d":
            return today - timedelta(days=count)
        if unit == "w":
            return today - timedelta(weeks=count)
        return months_before(today, count)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise SelectionError(
            f"{option} '{text}' is not a date cfcoach understands; use a date like "
            f"{today.isoformat()}, or a span back from today like 7d, 4w or 3m."
        ) from None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise SelectionError(f"{months} months back from today is before the year 1.")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def parse_ids(text: str) -> tuple[int, ...]:
    """Entry ids from ``1,2,5`` (ranges like ``3-7`` too), in the order given, no repeats."""
    ids: list[int] = []
    for part in text.split(","):
        match = _IDS_PART.match(part.strip())
        if match is None:
            raise SelectionError(
                f"--ids '{text}' is not a list of entry numbers; write them like --ids 1,2,5 "
                "(or 3-7 for a run of them)."
            )
        first = int(match["first"])
        last = int(match["last"]) if match["last"] else first
        if last < first or last - first >= MAX_IDS:
            raise SelectionError(
                f"--ids '{part.strip()}' is not a run of entry numbers; write the smaller "
                "number first, e.g. 3-7."
            )
        ids.extend(i for i in range(first, last + 1) if i not in ids)
    return tuple(ids)


def parse_criteria(
    *,
    today: date,
    since: str | None = None,
    until: str | None = None,
    exercise_ids: Sequence[str] = (),
    ids: str | None = None,
    last: int | None = None,
    include_private: bool = False,
    include_drafts: bool = False,
) -> Criteria:
    """Check and parse the options of ``cfcoach export``."""
    first = parse_day(since, today, "--since") if since is not None else None
    final = parse_day(until, today, "--until") if until is not None else None
    if first is not None and final is not None and first > final:
        raise SelectionError(
            f"--since ({day_text(first)}) is after --until ({day_text(final)}); "
            "swap them to cover the days between."
        )
    if last is not None and last < 1:
        raise SelectionError(f"--last {last} picks nothing; give a number from 1 up.")
    return Criteria(
        since=first,
        until=final,
        exercise_ids=tuple(dict.fromkeys(e.strip() for e in exercise_ids if e.strip())),
        ids=parse_ids(ids) if ids is not None else (),
        last=last,
        include_private=include_private,
        include_drafts=include_drafts,
    )


def check_known(criteria: Criteria, store: EntryStore, known_exercises: Collection[str]) -> None:
    """Raise :class:`SelectionError` for asked-for ids or exercises that do not exist."""
    missing = store.missing_ids(criteria.ids)
    if missing:
        listed = ", ".join(str(i) for i in missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise SelectionError(
            f"There is no entry {listed}; `cfcoach export --format md` shows each entry's number."
            if len(missing) == 1
            else f"There are no entries {listed}; `cfcoach export --format md` shows each entry's number."
        )
    if criteria.exercise_ids:
        known = set(known_exercises) | store.exercise_ids()
        unknown = [e for e in criteria.exercise_ids if e not in known]
        if unknown:
            raise SelectionError(
                f"There is no exercise called '{unknown[0]}'; the exercises are: "
                f"{', '.join(sorted(known)) or 'none'}."
            )


def select(store: EntryStore, criteria: Criteria) -> Selection:
    """Read the entries ``criteria`` picks, oldest first, counting what is left out.

    With ``last``, the newest entries that may be shared are taken, and only private or
    unfinished entries among them (newer than the oldest taken) count as left out.
    """
    query = EntryQuery(
        since=criteria.since,
        until=criteria.until,
        exercise_ids=criteria.exercise_ids,
        ids=criteria.ids,
        include_drafts=True,
        include_private=True,
    )
    kept: list[Entry] = []
    private = drafts = 0
    with closing(
        store.select(query, newest_first=criteria.last is not None, with_state=False)
    ) as found:
        for entry in found:
            if entry.exercise_id in criteria.left_out_exercises:
                continue
            if entry.private and not criteria.include_private:
                private += 1
            elif entry.is_draft and not criteria.include_drafts:
                drafts += 1
            else:
                kept.append(entry)
                if criteria.last is not None and len(kept) >= criteria.last:
                    break
    if criteria.last is not None:
        kept.reverse()
    return Selection(kept, private, drafts)


def summary_line(selection: Selection, today: date) -> str:
    """One line saying what goes, e.g. "Exporting 12 entries (2 private left out). Dates: 1–28 Nov."."""
    count = len(selection.entries)
    head = f"Exporting {count} entr{'y' if count == 1 else 'ies'}"
    private, drafts = selection.private_left_out, selection.drafts_left_out
    if private and drafts:
        head += f" ({private + drafts} private or unfinished left out)"
    elif private:
        head += f" ({private} private left out)"
    elif drafts:
        head += f" ({drafts} unfinished left out)"
    first, last = selection.first_day, selection.last_day
    if first is None or last is None:
        return head + "."
    span = range_text(
        first, last, short=True, year=first.year != today.year or last.year != today.year
    )
    line = f"{head}. Dates: {span}."
    if private and drafts:
        line += f" Left out: {private} private, {drafts} unfinished."
    return line
