"""A run of an exercise tied to its saved entry: every action is saved at once.

Both front-ends (the Textual TUI and the plain line mode) drive exercises through this,
so a draft is saved after every step whichever way the person works.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from cfcoach.content.models import Exercise, TextStep
from cfcoach.engine import Answer, ExerciseSession, SafetyReply
from cfcoach.safety import Assessment, assess
from cfcoach.store import Entry, EntryStore, StoreError, new_entry
from cfcoach.store.models import NOTE_STEP

Clock = Callable[[], datetime]
THERAPIST_NOTE_STEP = NOTE_STEP
"""A step with this id edits the entry's note for the therapist (shown apart in exports): its
answer is saved as the note, and only there (see :data:`cfcoach.store.models.NOTE_STEP`)."""


def system_clock() -> datetime:
    return datetime.now(UTC).astimezone()


class Practice:
    """An :class:`ExerciseSession` and the :class:`Entry` it is saved to."""

    def __init__(
        self,
        store: EntryStore,
        session: ExerciseSession,
        entry: Entry,
        clock: Clock = system_clock,
    ) -> None:
        self.store = store
        self.session = session
        self.entry = entry
        self.clock = clock

    @classmethod
    def begin(
        cls,
        store: EntryStore,
        exercise: Exercise,
        clock: Clock = system_clock,
        earlier: dict[str, Answer] | None = None,
    ) -> Practice:
        """Start ``exercise`` as a new draft (saved at once), pre-filled with ``earlier`` answers."""
        practice = cls(
            store,
            ExerciseSession.start(exercise, earlier),
            new_entry(exercise.id, exercise.version, clock()),
            clock,
        )
        practice.save()
        return practice

    @classmethod
    def resume(
        cls, store: EntryStore, exercise: Exercise, entry: Entry, clock: Clock = system_clock
    ) -> Practice:
        """Continue a saved draft (:class:`cfcoach.engine.ResumeError` if it no longer fits)."""
        session = ExerciseSession.resume(exercise, entry.state)
        if has_note_step(exercise):
            # The note step shows the entry's note as it is now (edited in history, say):
            # the saved state holds no copy of it.
            session.state.answers.pop(THERAPIST_NOTE_STEP, None)
            if entry.therapist_note:
                session.state.answers[THERAPIST_NOTE_STEP] = entry.therapist_note
        return cls(store, session, entry, clock)

    @property
    def exercise(self) -> Exercise:
        return self.session.exercise

    def save(self) -> None:
        """Write the session's state into the entry and the entry into the store."""
        self.entry = self.store.save(self._brought_up_to_date())

    def _brought_up_to_date(self) -> Entry:
        """The entry with the session's state written into it (not saved)."""
        state = self.session.state
        status = {"in_progress": "draft", "completed": "completed", "stopped": "stopped"}[
            state.status
        ]
        now = self.clock()
        # Answers on the way actually taken (and the step on screen); answers left on a
        # branch the person went back from stay in the state, but not in the entry.
        on_path = set(state.trail) | ({state.current} if state.current else set())
        saved_state = state.model_dump(mode="json")
        update: dict[str, Any] = {
            # With where the person is (step k of n), so the home screen can say so
            # without loading the exercise (Entry.saved_progress); resuming ignores it.
            "state": {**saved_state, "progress": list(self.session.progress())},
            "answers": {k: v for k, v in state.answers.items() if k in on_path and k != NOTE_STEP},
            "skipped": list(state.skipped),
            "status": status,
            "updated_at": now,
        }
        if has_note_step(self.exercise):
            # The note step edits the entry's note, its one home: given, changed or cleared
            # there, the note is what the step holds (kept when the person steps back, like
            # every answer). The saved state keeps no copy.
            note = state.answers.get(THERAPIST_NOTE_STEP)
            update["therapist_note"] = (note.strip() or None) if isinstance(note, str) else None
            saved_state["answers"].pop(THERAPIST_NOTE_STEP, None)
        if status != "draft" and self.entry.finished_at is None:
            update["finished_at"] = now
        return replace(self.entry, **update)

    # Each action changes the session and saves; an AnswerError leaves both untouched,
    # and so does a StoreError: what is in memory is always what is saved, and the
    # front-end keeps the person's words on screen to try again.

    @contextlib.contextmanager
    def _undone_unless_saved(self) -> Iterator[None]:
        """Undo the session's change (and re-raise) when it could not be saved."""
        state, entry = self.session.state.model_copy(deep=True), self.entry
        try:
            yield
        except StoreError:
            self.session.state, self.entry = state, entry
            raise

    def answer(self, value: Any = None) -> Assessment | None:
        """Answer the current step and save; a flagged :class:`Assessment` when the words
        suggest the person may be in danger (the front-end then shows the safety screen).

        The answer is saved before it is assessed, so it is kept whatever happens next.
        Words given on this step before, unchanged (going back and on again, or a part
        of the safety plan kept as it was), are not assessed again.
        """
        step = self.session.step
        before = self.session.answer_for(step.id) if step is not None else None
        with self._undone_unless_saved():
            self.session.answer(value)
            self.save()
        if isinstance(step, TextStep) and isinstance(value, str):
            given = self.session.answer_for(step.id)
            if given != before:
                return flagged(value)
        return None

    def safety_question_due(self, step_id: str) -> bool:
        """True when the answer just given to ``step_id`` brings the gentle safety question
        (an option or rating the exercise marks), and it has not been asked in this entry."""
        return self.session.safety_question_due(step_id)

    def ask_about_safety(self, step_id: str) -> None:
        """Record (and save) that the safety question is asked now: it is never asked again
        in this entry, even if it is closed unanswered."""
        with self._undone_unless_saved():
            self.session.safety_question_asked(step_id)
            self.save()

    def safety_question_answered(self, reply: SafetyReply) -> bool:
        """Save the answer to the safety question; True when the safety screen should follow
        (``yes`` or ``sometimes``)."""
        with self._undone_unless_saved():
            self.session.safety_question_answered(reply)
            self.save()
        return reply in ("yes", "sometimes")

    def safety_screen_shown(self, step_id: str) -> None:
        """Record on the entry that the safety screen was shown (the person decides later
        whether that is exported)."""
        with self._undone_unless_saved():
            self.session.safety_screen_shown(step_id)
            self.entry = replace(self.entry, safety_shown=True)
            self.save()

    def keep_typing(self, text: str) -> None:
        """Save words typed on the current step but not yet submitted (call it debounced)."""
        if self.session.pending_for(self.session.state.current or "") == (text or None):
            return
        with self._undone_unless_saved():
            self.session.keep_typing(text)
            self.save()

    def skip(self, typed: str | None = None) -> Assessment | None:
        """Skip the current step; a flagged :class:`Assessment` when the words typed on it
        (``typed``, else those kept unsent in the draft) suggest the person may be in danger."""
        words = typed if typed is not None else self._unsent()
        if words == self.session.answer_for(self.session.state.current or ""):
            words = None  # the answer given before, unchanged (a part of the plan kept as it was)
        with self._undone_unless_saved():
            self.session.skip()
            self.save()
        return flagged(words)

    def back(self) -> bool:
        with self._undone_unless_saved():
            moved = self.session.back()
            if moved:
                self.save()
        return moved

    def too_much(self) -> None:
        with self._undone_unless_saved():
            self.session.too_much()
            self.save()

    def grounded(self) -> None:
        with self._undone_unless_saved():
            self.session.grounded()
            self.save()

    def stop(self) -> Assessment | None:
        """Stop here, keeping everything (words typed but not given stay in the draft); a
        flagged :class:`Assessment` when those unsent words suggest the person may be in danger."""
        words = self._unsent()
        with self._undone_unless_saved():
            self.session.stop()
            self.save()
        return flagged(words)

    def _unsent(self) -> str | None:
        current = self.session.state.current
        return self.session.pending_for(current) if current and not self.session.finished else None


def has_note_step(exercise: Exercise) -> bool:
    """Whether ``exercise`` has a text step that edits the entry's note for the therapist."""
    return exercise.has_step(THERAPIST_NOTE_STEP) and isinstance(
        exercise.step(THERAPIST_NOTE_STEP), TextStep
    )


def flagged(words: str | None) -> Assessment | None:
    """The assessment of ``words`` when it is flagged (the safety screen should show), else ``None``."""
    if not isinstance(words, str) or not words.strip():
        return None
    assessment = assess(words)
    return assessment if assessment.flagged else None


class PreviewPractice(Practice):
    """A practice that saves nothing: ``cfcoach content preview`` tries an exercise with it.

    Every action updates the entry in memory only; the store is only read (the safety
    plan, shown on the safety screen as usual). No entry and no draft is ever written.
    """

    def save(self) -> None:
        self.entry = self._brought_up_to_date()
