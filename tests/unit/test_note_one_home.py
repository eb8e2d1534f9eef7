"""The note for the therapist lives in one place, the entry's note (issue 15, item 3): the
check-in's note step edits it, the answers and the saved state keep no copy of it."""

from __future__ import annotations

from dataclasses import replace

from cfcoach.content import Exercise
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.store import EntryStore, new_entry


def at_note_step(practice: Practice) -> None:
    while (step := practice.session.step) is not None and step.id != "therapist_note":
        practice.skip()


def stored_texts(store: EntryStore, entry_id: int) -> str:
    """Everything the entry's row holds but its note, as text."""
    entry = store.get(entry_id)
    return repr((entry.answers, entry.state, entry.skipped))


def test_the_note_step_writes_only_the_note(context: AppContext, checkin: Exercise) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        at_note_step(practice)
        practice.answer("Ask about sleep")
        entry_id = practice.entry.id or 0

        saved = store.get(entry_id)
        assert saved.therapist_note == "Ask about sleep"
        assert "Ask about sleep" not in stored_texts(store, entry_id)


def test_going_back_and_clearing_the_note_step_clears_the_note(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        at_note_step(practice)
        practice.answer("Ask about sleep")
        assert practice.back()
        assert practice.session.answer_for("therapist_note") == "Ask about sleep"
        assert store.get(practice.entry.id or 0).therapist_note == "Ask about sleep"  # kept

        practice.answer("")

        assert store.get(practice.entry.id or 0).therapist_note is None


def test_a_resumed_draft_shows_the_note_as_edited_in_history(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        at_note_step(practice)
        practice.answer("Old words")
        practice.back()  # to the note step again, and typing there
        practice.keep_typing("Old words, typ")
        entry_id = practice.entry.id or 0

        store.set_note(entry_id, "Edited words")
        assert "Old words" not in stored_texts(store, entry_id)  # given or only typed

        resumed = Practice.resume(store, checkin, store.get(entry_id), context.clock)
        assert resumed.session.answer_for("therapist_note") == "Edited words"
        assert resumed.session.pending_for("therapist_note") is None
        resumed.answer("Edited words, and more")
        assert store.get(entry_id).therapist_note == "Edited words, and more"


def test_an_entry_saved_with_both_copies_keeps_one(context: AppContext) -> None:
    with context.open_store() as store:
        entry = replace(
            new_entry("daily-checkin", 1),
            answers={"critic": "Lazy", "therapist_note": "Old words"},
            therapist_note="New words",
        )
        saved = store.save(entry)
        assert store.get(saved.id or 0).therapist_note == "New words\n\nOld words"
        assert store.get(saved.id or 0).answers == {"critic": "Lazy"}


def test_a_cleared_notes_words_leave_the_search_index(context: AppContext) -> None:
    with context.open_store() as store:
        for number in range(30):
            store.save(replace(new_entry("daily-checkin", 1), therapist_note=f"note {number}"))
        entry = store.save(replace(new_entry("daily-checkin", 1), therapist_note="porcupine"))

        store.set_note(entry.id or 0, None)

        blocks = store._connection.execute("SELECT block FROM entries_search_data").fetchall()
        assert not any(b"orcupine" in bytes(block) for (block,) in blocks if block)
