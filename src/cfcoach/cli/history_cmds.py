"""`cfcoach history`, `show ID`, `stats`, `trash ID`, `untrash ID` and `note ID`: look back
from the shell.

The same store queries and figures as the TUI's history, insights and trash screens. What
a person wrote is printed as plain text with control characters made visible (never run),
and never read as Rich markup. An entry that cannot be read (a damaged row) is left out
and named on stderr, never the end of the command.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from contextlib import closing
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cfcoach.cli.common import context_or_fail, fail, open_store_or_fail, say
from cfcoach.cli.entry import stop_quietly_when_output_closes
from cfcoach.content.library import Library
from cfcoach.context import AppContext
from cfcoach.datetext import moment_text, range_text
from cfcoach.errorlog import log_exception
from cfcoach.export.selection import Criteria, SelectionError, check_known, parse_criteria
from cfcoach.insights import calendar_weeks, overview, shown_steps, value_text
from cfcoach.store import Entry, EntryNotFound, EntryStore, StoreError
from cfcoach.store.entries import TRASH_DAYS, EntryQuery
from cfcoach.store.errors import damaged_note
from cfcoach.store.history import HistoryItem, snippet_parts
from cfcoach.textcharts import (
    ChartStyles,
    calendar_weeks_for,
    practice_calendar,
    ranked_bars,
    rating_chart,
    systems_chart,
)
from cfcoach.textsafety import json_escaped, printable

STATUS_WORDS = {"completed": "completed", "stopped": "stopped early", "draft": "unfinished"}
PAGE = 500


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich ends with exit 1 ("could not be saved"); a reader going away (`| head`) is
        # no failure: cfcoach stops quietly, as every command does.
        self.quiet = True
        stop_quietly_when_output_closes()


def _console() -> Console:
    return _Console(highlight=False, soft_wrap=False)


def _criteria(
    context: AppContext, since: str | None, until: str | None, exercises: Sequence[str]
) -> Criteria:
    today = context.clock().astimezone().date()
    try:
        return parse_criteria(today=today, since=since, until=until, exercise_ids=exercises)
    except SelectionError as problem:
        fail(str(problem), 2)


def _checked(store: EntryStore, criteria: Criteria, context: AppContext) -> None:
    try:
        check_known(criteria, store, context.library.exercises)
    except SelectionError as problem:
        fail(str(problem), 2)


def _title(entry: Entry, library: Library) -> str:
    exercise = library.get(entry.exercise_id)
    return exercise.title if exercise is not None else entry.exercise_id


def _one_line(text: str) -> str:
    return " ".join(printable(text).split())


def _preview(entry: Entry, library: Library, *, safe: bool = True) -> str:
    """The first words written (else the ratings), on one line; ``safe`` shows controls."""
    steps = shown_steps(entry, library.get(entry.exercise_id), include_private_steps=True)
    texts = [
        s.value for s in steps if not s.skipped and isinstance(s.value, str) and s.value.strip()
    ]
    if texts:
        text = str(texts[0])
    else:
        text = " · ".join(f"{s.label}: {value_text(s)}" for s in steps if not s.skipped)
    return _one_line(text) if safe else " ".join(text.split())


def _marks(entry: Entry) -> str:
    found = []
    if entry.status != "completed":
        found.append(STATUS_WORDS.get(entry.status, entry.status))
    if entry.private:
        found.append("private")
    if entry.therapist_note:
        found.append("note")
    return ", ".join(found)


def _tell_damaged(store: EntryStore) -> None:
    """Name, on stderr, the entries left out of what was read because they cannot be read."""
    note = damaged_note(store.damaged)
    if note:
        say(note)


def _entry_number(text: str) -> int:
    """The entry number typed (``7`` or ``#7``), or exit 2 with one sentence."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit() or len(cleaned) > 12:
        fail(
            f"'{printable(text)}' is not an entry number; "
            "`cfcoach history` shows each entry's number.",
            2,
        )
    return int(cleaned)


def _json_out(data: Any) -> None:
    """JSON on stdout; DEL, C1 and bidirectional controls written as ``\\uXXXX`` so a
    terminal never runs them (see :func:`cfcoach.textsafety.json_escaped`)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(json_escaped(text) + "\n")


# -- cfcoach history ---------------------------------------------------------------------------


def run_history(
    *,
    search: str | None,
    exercises: Sequence[str],
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
    include_drafts: bool = False,
) -> None:
    """List entries newest first (the first ``limit``), optionally holding ``search``;
    unfinished ones only with ``include_drafts``, else a line says how many there are."""
    if limit < 1:
        fail(f"--limit {limit} shows nothing; give a number from 1 up.", 2)
    context = context_or_fail()
    criteria = _criteria(context, since, until, exercises)
    query = EntryQuery(
        since=criteria.since,
        until=criteria.until,
        exercise_ids=criteria.exercise_ids,
        include_private=True,
        include_drafts=include_drafts,
    )
    words = search if search and search.strip() else None
    with closing(open_store_or_fail(context)) as store:
        _checked(store, criteria, context)
        try:
            total = store.history_count(query, search=words)
            unfinished = (
                0
                if include_drafts
                else store.history_count(query._replace(include_drafts=True), search=words) - total
            )
            items: list[HistoryItem] = []
            page = store.history(query, search=words, limit=min(limit, PAGE))
            items.extend(page.items)
            while page.next is not None and len(items) < limit:
                page = store.history(
                    query, search=words, after=page.next, limit=min(limit - len(items), PAGE)
                )
                items.extend(page.items)
        except StoreError as problem:
            fail(str(problem))
        _tell_damaged(store)
        total -= len(store.damaged)
    library = context.library
    if as_json:
        _json_out([_listed(item, library) for item in items])
        _tell_unfinished(unfinished)
        return
    console = _console()
    if not items:
        console.print(_nothing_found(words, criteria, unfinished))
        return
    console.print(_history_table(items, library, console.width))
    shown = len(items)
    more = "" if page.next is None else " (--limit shows more)"
    total = max(total, shown)
    sys.stderr.write(
        f"{shown:,} of {total:,} entr{'y' if total == 1 else 'ies'}, newest first{more}. "
        "`cfcoach show NUMBER` shows one in full.\n"
    )
    _tell_unfinished(unfinished)


def _unfinished_text(count: int) -> str:
    return f"{count:,} unfinished entr{'y' if count == 1 else 'ies'}"


def _tell_unfinished(count: int) -> None:
    """One line on stderr: the unfinished entries the list leaves out, and how to see them."""
    if count:
        verb = "is" if count == 1 else "are"
        say(
            f"{_unfinished_text(count)} {verb} not listed; "
            "`cfcoach history --include-drafts` lists them too."
        )


def _entry_fields(entry: Entry, library: Library) -> dict[str, Any]:
    """What `history --json` and `show --json` both say of an entry."""
    return {
        "id": entry.id,
        "exercise_id": entry.exercise_id,
        "exercise": _title(entry, library),
        "status": entry.status,
        "started_at": entry.started_at.isoformat(),
        "finished_at": entry.finished_at.isoformat() if entry.finished_at else None,
        "private": entry.private,
        "therapist_note": entry.therapist_note,
    }


def _listed(item: HistoryItem, library: Library) -> dict[str, Any]:
    entry = item.entry
    listed = _entry_fields(entry, library)
    listed["preview"] = _preview(entry, library, safe=False)
    if item.snippet is not None:
        listed["match"] = "".join(part for part, _ in snippet_parts(item.snippet))
    return listed


def _history_table(items: list[HistoryItem], library: Library, width: int) -> Table:
    """Number, moment, exercise and a one-line taste of the words, cut to fit ``width``.

    (The words are cut here: a Rich table squeezing a long cell can drop other columns.)
    """
    titles = [_one_line(_title(item.entry, library)) for item in items]
    number_width = max(len(str(item.entry.id)) for item in items)
    title_width = min(20, max(len("Exercise"), *(len(t) for t in titles)))
    when_width = max(len(moment_text(item.entry.started_at)) for item in items)
    words_width = max(10, width - number_width - when_width - title_width - 6)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Exercise", no_wrap=True, max_width=title_width, overflow="ellipsis")
    table.add_column("What you wrote", no_wrap=True, overflow="ellipsis")
    for item, title in zip(items, titles, strict=True):
        entry = item.entry
        words = Text()
        marks = _marks(entry)
        if marks:
            words.append(f"[{marks}] ", style="italic")
        if item.snippet is not None:
            for part, is_match in snippet_parts(item.snippet):
                words.append(
                    re.sub(r"\s+", " ", printable(part)), style="bold underline" if is_match else ""
                )
        else:
            words.append(_preview(entry, library))
        words.truncate(words_width, overflow="ellipsis")
        short = title if len(title) <= title_width else title[: title_width - 1] + "…"
        table.add_row(str(entry.id), moment_text(entry.started_at), Text(short), words)
    return table


def _nothing_found(words: str | None, criteria: Criteria, unfinished: int = 0) -> str:
    if unfinished:
        matching = " hold these words" if words else ""
        if words or criteria.since or criteria.until or criteria.exercise_ids:
            matching = matching or " match"
            return (
                f"No finished entries{matching}, but {_unfinished_text(unfinished)} "
                f"{'does' if unfinished == 1 else 'do'}; add --include-drafts to list "
                f"{'it' if unfinished == 1 else 'them'}."
            )
        return (
            f"No finished entries yet, and {_unfinished_text(unfinished)}: "
            "`cfcoach history --include-drafts` lists "
            f"{'it' if unfinished == 1 else 'them'}, and `cfcoach` offers to continue."
        )
    if words:
        return f"No entries hold “{_one_line(words)}”; try fewer or shorter words."
    if criteria.since or criteria.until or criteria.exercise_ids:
        return "No entries match; try a wider span of days or another exercise."
    return "No entries yet. Your check-ins will appear here."


# -- cfcoach show ID ---------------------------------------------------------------------------


def run_show(entry_id_text: str, *, as_json: bool) -> None:
    """Show one entry in full: every answer under its label, skipped ones as skipped."""
    entry_id = _entry_number(entry_id_text)
    context = context_or_fail()
    with closing(open_store_or_fail(context)) as store:
        try:
            entry = store.get(entry_id)
        except StoreError as problem:
            fail(str(problem))
    library = context.library
    exercise = library.get(entry.exercise_id)
    steps = shown_steps(entry, exercise, include_private_steps=True)
    if as_json:
        _json_out(
            {
                **_entry_fields(entry, library),
                "in_trash_since": entry.deleted_at.isoformat() if entry.deleted_at else None,
                "answers": [
                    {
                        "step": step.step_id,
                        "label": step.label,
                        "answer": None if step.skipped else step.value,
                        "text": value_text(step),
                        "skipped": step.skipped,
                    }
                    for step in steps
                ],
            }
        )
        return
    console = _console()
    console.print(Text(_one_line(_title(entry, library)), style="bold"))
    meta = f"#{entry.id} · {moment_text(entry.started_at)} · {STATUS_WORDS[entry.status]}"
    if entry.private:
        meta += " · private"
    console.print(Text(meta, style="dim"))
    if entry.private:
        console.print(Text("Private: left out of exports unless you ask for it.", style="dim"))
    if entry.deleted_at is not None:
        console.print(
            Text(f"In the trash: `cfcoach untrash {entry.id}` brings it back.", style="dim")
        )
    for step in steps:
        console.print()
        console.print(Text(printable(step.label), style="bold"))
        if step.skipped:
            console.print(Text("skipped", style="dim italic"))
        else:
            console.print(Text(printable(value_text(step))))
    if not steps:
        console.print(Text("\nNothing was written in this one.", style="dim"))
    if entry.therapist_note:
        console.print()
        console.print(Text("Note for your therapist", style="bold"))
        console.print(Text(printable(entry.therapist_note)))


# -- cfcoach stats ----------------------------------------------------------------------------


def run_stats(*, since: str | None, until: str | None, exercises: Sequence[str]) -> None:
    """The insights: ratings over time, practice days, the three systems, words, exercises."""
    context = context_or_fail()
    criteria = _criteria(context, since, until, exercises)
    query = EntryQuery(
        since=criteria.since,
        until=criteria.until,
        exercise_ids=criteria.exercise_ids,
        include_private=True,
    )
    with closing(open_store_or_fail(context)) as store:
        _checked(store, criteria, context)
        try:
            with closing(store.select(query, with_state=False)) as found:
                entries = list(found)  # figures never read the saved engine state
        except StoreError as problem:
            fail(str(problem))
        _tell_damaged(store)
    exercises_by_id = {key: found.exercise for key, found in context.library.exercises.items()}
    today = criteria.until or context.clock().astimezone().date()
    figures = overview(entries, exercises_by_id, today)
    console = _console()
    width = min(console.width, 100)
    activity = figures.summary.activity
    if not entries or activity.first_day is None or activity.last_day is None:
        console.print(
            "Nothing to show yet. After a few check-ins, `cfcoach stats` shows how your "
            "ratings change over time, the days you practised, and the words the critic "
            "comes back to."
        )
        return
    # Without colour (NO_COLOR, or a pipe) "before" and "after", and busier days, are
    # told apart by their characters.
    styles = ChartStyles(monochrome=console.no_color or console.color_system is None)
    span = range_text(activity.first_day, activity.last_day, short=True)
    console.print(Text("Insights", style="bold"))
    console.print(
        Text(f"From {activity.entries:,} entries, {span}. Ratings are 0 to 10.", style="dim")
    )
    for item in figures.measures[:3]:
        measure = item.measure
        _heading(console, f"{measure.name}, before and after" if measure.paired else measure.name)
        console.print(
            rating_chart(item.days, width=width, height=6, paired=measure.paired, styles=styles)
        )
        if measure.paired:
            console.print(
                Text(
                    f"Before: {_one(measure.mean_before)} on average. After: "
                    f"{_one(measure.mean_after)}. ({measure.pairs:,} rated both times.)",
                    style="dim",
                )
            )
    _heading(console, "Days you practised")
    first = activity.first_day
    weeks = min(calendar_weeks_for(width), (today - first).days // 7 + 2)
    console.print(
        practice_calendar(calendar_weeks(figures.day_counts, today, weeks, first), styles=styles)
    )
    console.print(
        Text(
            f"{figures.practice_days:,} day{'' if figures.practice_days == 1 else 's'} "
            "with practice in all · "
            f"{figures.recent_practice_days} in the last 30 days.",
            style="dim",
        )
    )
    _heading(console, "The three systems")
    if figures.systems:
        console.print(systems_chart(figures.systems[-6:], width=width, styles=styles))
    else:
        console.print(
            Text("Nothing yet: three-circles ratings show here month by month.", style="dim")
        )
    _heading(console, "Words the critic comes back to")
    words = figures.summary.critic_words
    if words:
        rows = [(w.word, w.entries, f"{w.entries:,} entries") for w in words]
        console.print(ranked_bars(rows, width=min(width, 72), styles=styles))
    else:
        console.print(
            Text("Nothing yet: words show here once they come back in two entries.", style="dim")
        )
    _heading(console, "Exercises you used most")
    used = [(c.title, c.count, f"{c.count:,}") for c in activity.by_exercise]
    console.print(ranked_bars(used, width=min(width, 72), styles=styles))


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold"))


def _one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


# -- cfcoach trash ID / untrash ID -------------------------------------------------------------


def run_trash(entry_id_text: str) -> None:
    """Put an entry in the trash (kept there, restorable, for TRASH_DAYS days), as the
    coach's history does; works for an entry that cannot be read, too."""
    entry_id = _entry_number(entry_id_text)
    context = context_or_fail()
    with closing(open_store_or_fail(context)) as store:
        try:
            if store.is_in_trash(entry_id):
                print(
                    f"Entry {entry_id} is already in the trash; "
                    f"`cfcoach untrash {entry_id}` brings it back."
                )
                return
            store.move_to_trash(entry_id, context.clock())
        except EntryNotFound as problem:
            fail(str(problem), 2)
        except StoreError as problem:
            fail(str(problem))
    print(
        f"Entry {entry_id} is in the trash for {TRASH_DAYS} days; "
        f"`cfcoach untrash {entry_id}` brings it back."
    )


def run_untrash(entry_id_text: str) -> None:
    """Take an entry out of the trash, as it was."""
    entry_id = _entry_number(entry_id_text)
    context = context_or_fail()
    with closing(open_store_or_fail(context)) as store:
        try:
            if not store.is_in_trash(entry_id):
                print(f"Entry {entry_id} is not in the trash; nothing was changed.")
                return
            store.restore(entry_id)
        except EntryNotFound as problem:
            fail(str(problem), 2)
        except StoreError as problem:
            fail(str(problem))
    print(f"Entry {entry_id} is back in your history.")


# -- cfcoach note ID [TEXT | --clear] ------------------------------------------------------------


def run_note(entry_id_text: str, text: str | None, *, clear: bool) -> None:
    """Print an entry's note for the therapist, or set it (``text``) or remove it (``clear``),
    as `n` in the coach's history does. The note is its only copy: a changed note replaces the
    old words, and a cleared one is in no export, backup or search afterwards."""
    entry_id = _entry_number(entry_id_text)
    if clear and text is not None:
        fail("Give the note's new words or --clear, not both.", 2)
    if text is not None and not text.strip():
        fail(
            f"The note is empty; to remove entry {entry_id}'s note, use "
            f"`cfcoach note {entry_id} --clear`.",
            2,
        )
    context = context_or_fail()
    with closing(open_store_or_fail(context)) as store:
        try:
            entry = store.get(entry_id)
            before = (entry.therapist_note or "").strip()
            if text is None and not clear:
                if before:
                    print(printable(before))
                else:
                    print(
                        f"Entry {entry_id} has no note for your therapist; "
                        f'`cfcoach note {entry_id} "..."` writes one.'
                    )
                return
            store.set_note(entry_id, None if clear else text)
        except EntryNotFound as problem:
            fail(str(problem), 2)
        except StoreError as problem:
            fail(str(problem))
        if clear:
            print(
                f"Entry {entry_id}'s note is removed; it is in no export from now on."
                if before
                else f"Entry {entry_id} had no note; nothing was changed."
            )
            return
        print(f"Entry {entry_id}'s note is saved; it goes with the entry when you export it.")
        if text is not None and text.strip() != before:  # a note kept as it was is not read again
            _safety_after_note(context, store, entry_id, text)


def _safety_after_note(context: AppContext, store: EntryStore, entry_id: int, note: str) -> None:
    """The safety screen's words when the note suggests the person may be in danger (noted
    on the entry, as the coach does after `n`)."""
    from cfcoach.practice import flagged
    from cfcoach.safety.screen import country_for
    from cfcoach.safety_occasions import screen_text
    from cfcoach.safety_plan import SAFETY_PLAN_ID, current_plan

    assessment = flagged(note)
    if assessment is None:
        return
    try:
        plan = current_plan(store, context.library.get(SAFETY_PLAN_ID))
    except StoreError as problem:  # the crisis lines are shown all the same
        log_exception("reading the safety plan after a note", problem)
        plan = None
    text = screen_text(
        "note", assessment.level, country_for(context.paths), plan.as_text() if plan else None
    )
    try:
        store.mark_safety_shown(entry_id)
    except StoreError as problem:  # the lines are shown all the same
        log_exception("noting the safety screen after a note", problem)
    print()
    for part in (text.title, text.acknowledgement, text.not_for_crises, text.resources):
        print(part)
        print()
    if text.plan:
        print("Your safety plan:")
        print(text.plan)
