"""Words typed but not yet submitted survive a crash, and a log follows CFCOACH_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from cfcoach.content import Exercise
from cfcoach.context import AppContext
from cfcoach.engine import ExerciseSession
from cfcoach.errorlog import log_exception
from cfcoach.practice import Practice


def test_typed_words_are_saved_and_come_back_on_resume(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        practice.answer()  # welcome
        practice.keep_typing("You never get anything ri")
        entry_id = practice.entry.id

    with context.open_store() as store:
        draft = store.get(entry_id or 0)
        resumed = ExerciseSession.resume(checkin, draft.state)
        assert resumed.step is not None and resumed.step.id == "critic"
        assert resumed.pending_for("critic") == "You never get anything ri"
        assert resumed.answer_for("critic") is None


def test_submitting_or_skipping_clears_what_was_pending(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.answer()
    session.keep_typing("draft words")
    session.answer("final words")
    assert session.pending_for("critic") is None
    assert session.answer_for("critic") == "final words"

    session.keep_typing("7")
    session.skip()
    assert session.state.pending == {}


def test_emptying_the_box_forgets_the_pending_words(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.answer()
    session.keep_typing("something")
    session.keep_typing("")
    assert session.state.pending == {}


def test_the_log_follows_the_current_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("one", "two"):
        monkeypatch.setenv("CFCOACH_HOME", str(tmp_path / name))
        try:
            raise ValueError("secret words the person wrote")
        except ValueError as exc:
            written = log_exception("testing", exc)
        log = Path(written)
        assert log == tmp_path / name / "state" / "cfcoach.log"
        text = log.read_text()
        assert "ValueError" in text
        assert "secret words" not in text
        assert log.stat().st_mode & 0o777 == 0o600


def test_answers_left_on_an_abandoned_branch_are_not_in_the_entry(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        practice.answer()
        practice.answer("You're hopeless")
        practice.answer(9)  # high distress: the settling pause comes first
        practice.answer()  # settle
        practice.answer(["ashamed", "hopeless"])  # feeling
        practice.answer("Being shamed")  # threat
        for _ in range(4):
            practice.back()  # to the rating
        assert practice.session.step is not None
        assert practice.session.step.id == "intensity_before"
        practice.answer(3)  # now the calmer branch
        assert practice.session.step is not None and practice.session.step.id == "feeling"
        # The threat answer is kept in the state but is not on the way taken until the
        # person reaches it again.
        assert practice.entry.answers == {
            "critic": "You're hopeless",
            "intensity_before": 3,
            "feeling": ["ashamed", "hopeless"],
        }
        assert practice.session.answer_for("threat") == "Being shamed"
        practice.answer(["ashamed"])
        assert practice.session.step is not None and practice.session.step.id == "threat"
        assert practice.entry.answers == {
            "critic": "You're hopeless",
            "intensity_before": 3,
            "feeling": ["ashamed"],
            "threat": "Being shamed",
        }
        practice.answer("Being shamed again")
        assert "settle" not in practice.entry.answers


@pytest.mark.parametrize("value", ["1_0", "١٠", " 10x", "-1", "11", "3.5"])
def test_ratings_are_plain_whole_numbers_from_0_to_10(checkin: Exercise, value: str) -> None:
    from cfcoach.engine import AnswerError

    session = ExerciseSession.start(checkin)
    session.answer()
    session.answer("words")
    with pytest.raises(AnswerError):
        session.answer(value)


def test_a_new_home_folder_is_private_all_the_way_down(tmp_path: Path) -> None:
    from cfcoach.paths import ensure_private_dir

    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    made = ensure_private_dir(existing / "home" / "data")
    assert (existing / "home").stat().st_mode & 0o777 == 0o700
    assert made.stat().st_mode & 0o777 == 0o700
    assert existing.stat().st_mode & 0o777 == 0o755


def test_the_therapist_note_step_fills_the_entrys_note(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        while (step := practice.session.step) is not None and step.id != "therapist_note":
            practice.skip()
        practice.answer("Can we talk about work stress?")
        assert practice.entry.therapist_note == "Can we talk about work stress?"
        assert store.get(practice.entry.id or 0).therapist_note == "Can we talk about work stress?"
