"""What can be done to one entry from any screen that shows it: a note, private, the trash.

Each asks first where it should, saves through the store, and then calls ``done`` so the
screen can show the entry as it is now. A store problem is told calmly, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cfcoach.store import Entry, StoreError
from cfcoach.store.entries import TRASH_DAYS
from cfcoach.tui.entry_text import title_of, when_text
from cfcoach.tui.screens.confirm import ConfirmScreen
from cfcoach.tui.screens.note import NoteScreen

if TYPE_CHECKING:
    from cfcoach.safety.screen import SafetyScreenText
    from cfcoach.tui.app import CoachApp

Done = Callable[[], None]


def private_message(private: bool) -> str:
    if private:
        return "Marked private: it stays out of exports unless you ask for it."
    return "No longer private: exports can include it."


def toggle_private(coach: CoachApp, entry: Entry, done: Done) -> None:
    """Mark ``entry`` private, or not private any more."""
    assert entry.id is not None
    try:
        coach.entries.set_private(entry.id, not entry.private)
    except StoreError as error:
        coach.report_store_error(error, "marking an entry private")
        return
    done()
    coach.notify(private_message(not entry.private), timeout=4)


def edit_note(coach: CoachApp, entry: Entry, done: Done) -> None:
    """Ask for the entry's note for the therapist, save it, then call ``done``."""
    assert entry.id is not None
    entry_id = entry.id
    about = (
        f"{title_of(entry, coach.context.library)}, {when_text(entry.started_at)}. "
        "It goes with this entry when you export it."
    )

    before = (entry.therapist_note or "").strip()

    def written(note: str | None) -> None:
        if note is None:
            return
        try:
            coach.entries.set_note(entry_id, note)
        except StoreError as error:
            coach.report_store_error(error, "saving a note")
            return
        done()
        if note.strip() != before:  # a note kept as it was is not read again
            read_for_danger(coach, entry_id, note)

    coach.push_screen(NoteScreen(entry.therapist_note, about), written)


def read_for_danger(coach: CoachApp, entry_id: int, note: str) -> None:
    """After a note is saved: the safety screen when its words suggest the person may be
    in danger (noted on the entry, as an exercise's answers are)."""
    from cfcoach.practice import flagged

    assessment = flagged(note)
    if assessment is None:
        return
    from cfcoach.safety.screen import country_for
    from cfcoach.safety_occasions import screen_text

    text = screen_text(
        "note", assessment.level, country_for(coach.context.paths), coach.safety_plan_text()
    )
    try:
        coach.entries.mark_safety_shown(entry_id)
    except StoreError as error:  # the screen is shown all the same
        coach.report_store_error(error, "noting the safety screen")
    show_safety_screen(coach, text)


def show_safety_screen(coach: CoachApp, text: SafetyScreenText) -> None:
    """The safety screen away from an exercise: continue, pause (close the coach; all is
    saved) or a grounding pause, then back to where the person was."""
    from cfcoach.content.models import DEFAULT_GROUNDING
    from cfcoach.tui.screens.grounding import GroundingScreen
    from cfcoach.tui.screens.safety import SafetyScreen

    def chosen(choice: str | None) -> None:
        if choice == "pause":
            coach.action_save_and_quit()
        elif choice == "ground":
            coach.push_screen(
                GroundingScreen(
                    DEFAULT_GROUNDING,
                    reduced_motion=coach.reduced_motion,
                    running=coach.timers_running,
                )
            )

    coach.push_screen(SafetyScreen(text), chosen)


def move_to_trash(coach: CoachApp, entry: Entry, done: Done) -> None:
    """Ask first, then put ``entry`` in the trash and call ``done``."""
    assert entry.id is not None
    entry_id = entry.id
    title = title_of(entry, coach.context.library)
    unfinished = entry.is_draft
    message = (
        f"{title}, {when_text(entry.started_at)}. It stays in the trash for {TRASH_DAYS} "
        "days and you can restore it from there (t in History); after that it is gone."
    )

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            if unfinished:
                coach.entries.discard_draft(entry_id, coach.context.clock())
            else:
                coach.entries.move_to_trash(entry_id, coach.context.clock())
        except StoreError as error:
            coach.report_store_error(error, "moving an entry to the trash")
            return
        done()
        coach.notify("Moved to the trash: t in History shows it, to restore it.", timeout=4)

    question = (
        "Discard this unfinished exercise?" if unfinished else "Move this entry to the trash?"
    )
    coach.push_screen(ConfirmScreen(question, message, "Move it to the trash"), answered)
