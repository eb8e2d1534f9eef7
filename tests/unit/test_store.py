"""The entries store: private files, saving and reading, time zones, damaged or newer
databases left untouched, concurrent writers, and drafts saved at every step."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from cfcoach.content import Exercise, load_exercise_file
from cfcoach.context import AppContext
from cfcoach.engine import AnswerError
from cfcoach.paths import shipped_content_dir
from cfcoach.practice import Practice
from cfcoach.store import (
    DatabaseCorrupt,
    DatabaseTooNew,
    DatabaseUnavailable,
    Entry,
    EntryNotFound,
    EntryStore,
    StoreError,
    new_entry,
)
from cfcoach.store.models import EntryInvalid
from cfcoach.store.schema import SCHEMA_VERSION
from tests.conftest import FIXED_NOW, TickingClock

CHECKIN = shipped_content_dir() / "exercises" / "daily-checkin.yaml"


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_sentence(message: str) -> None:
    assert "\n" not in message
    assert message.endswith(".")
    # No sentence break inside (file names hold dots, but not ". " followed by a capital).
    assert not re.search(r"[.!?]\s+[A-Z]", message), message


def entry_at(
    moment: datetime,
    *,
    status: str = "completed",
    private: bool = False,
    exercise_id: str = "daily-checkin",
    answers: dict[str, Any] | None = None,
) -> Entry:
    entry = new_entry(exercise_id, 1, moment)
    return replace(
        entry,
        status=status,
        private=private,
        answers=answers or {"critic": f"written at {moment.isoformat()}"},
        started_at=moment,
        updated_at=moment,
        finished_at=moment + timedelta(minutes=10) if status != "draft" else None,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "entries.sqlite3"


@pytest.fixture
def entries(db: Path) -> Iterator[EntryStore]:
    with EntryStore(db) as store:
        yield store


def make_real_database(path: Path, count: int = 200) -> None:
    """A closed cfcoach database with ``count`` completed entries (several pages long)."""
    with EntryStore(path) as store:
        for i in range(count):
            store.save(entry_at(FIXED_NOW + timedelta(minutes=i), answers={"critic": "x" * 400}))


# -- files and folders ------------------------------------------------------------------------


def test_a_new_database_is_private(context: AppContext) -> None:
    store = context.open_store()
    try:
        store.save(entry_at(FIXED_NOW))
        database = context.paths.database
        assert mode(database) == 0o600
        assert mode(database.parent) == 0o700
        companions = [database.with_name(database.name + s) for s in ("-wal", "-shm")]
        present = [p for p in companions if p.exists()]
        assert present, "a WAL database has its -wal / -shm files while open"
        for companion in present:
            assert mode(companion) == 0o600, companion
    finally:
        store.close()


def test_loose_modes_are_tightened(db: Path) -> None:
    make_real_database(db, count=1)
    db.chmod(0o644)
    db.parent.chmod(0o755)
    EntryStore(db).close()
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700


def test_schema_version_and_wal(db: Path, entries: EntryStore) -> None:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()


# -- saving and reading -----------------------------------------------------------------------


def test_save_and_get(entries: EntryStore) -> None:
    entry = entry_at(FIXED_NOW, answers={"critic": "Tu es nul 🙃", "intensity_before": 7})
    entry = replace(entry, skipped=["drive"], therapist_note="about work")
    assert entry.id is None
    saved = entries.save(entry)
    assert saved.id is not None
    assert entries.get(saved.id) == saved
    assert entries.count() == 1


def test_saving_again_updates_the_same_entry(entries: EntryStore) -> None:
    saved = entries.save(entry_at(FIXED_NOW, status="draft"))
    later = replace(saved, status="completed", answers={"critic": "changed"}, id=None)
    again = entries.save(later)
    assert again.id is not None and again.id == saved.id
    assert entries.count() == 1
    assert entries.get(again.id).answers == {"critic": "changed"}
    assert entries.get(again.id).status == "completed"


def test_get_an_unknown_entry(entries: EntryStore) -> None:
    with pytest.raises(EntryNotFound, match="no entry 42"):
        entries.get(42)


def test_latest_draft(entries: EntryStore) -> None:
    assert entries.latest_draft() is None
    entries.save(entry_at(FIXED_NOW, status="draft"))
    newer = entries.save(entry_at(FIXED_NOW + timedelta(hours=1), status="draft"))
    entries.save(entry_at(FIXED_NOW + timedelta(hours=2), status="completed"))
    other = entries.save(
        entry_at(FIXED_NOW - timedelta(days=1), status="draft", exercise_id="body-scan")
    )
    latest = entries.latest_draft()
    assert latest is not None and latest.id == newer.id
    by_exercise = entries.latest_draft("body-scan")
    assert by_exercise is not None and by_exercise.id == other.id
    assert entries.latest_draft("nothing-like-it") is None


def test_recent_is_newest_first_without_drafts(entries: EntryStore) -> None:
    saved = [
        entries.save(entry_at(FIXED_NOW + timedelta(days=day), status=status))
        for day, status in enumerate(["completed", "stopped", "draft", "completed", "completed"])
    ]
    ids = [entry.id for entry in entries.recent(limit=3)]
    assert ids == [saved[4].id, saved[3].id, saved[1].id]
    assert [e.id for e in entries.recent(statuses=("draft",))] == [saved[2].id]


def test_glances_are_the_recent_entries_in_brief(entries: EntryStore) -> None:
    for day, status in enumerate(["completed", "stopped", "draft", "completed"]):
        entries.save(entry_at(FIXED_NOW + timedelta(days=day), status=status))
    for statuses in (("completed", "stopped"), ("draft",)):
        full = entries.recent(limit=3, statuses=statuses)  # type: ignore[arg-type]
        brief = entries.recent_glances(limit=3, statuses=statuses)  # type: ignore[arg-type]
        assert brief == [(e.exercise_id, e.started_at, e.status) for e in full]
        assert all(g.started_at.utcoffset() is not None for g in brief)  # as written


def test_iter_entries_leaves_out_drafts_and_private_unless_asked(entries: EntryStore) -> None:
    plain = entries.save(entry_at(FIXED_NOW + timedelta(days=2)))
    draft = entries.save(entry_at(FIXED_NOW + timedelta(days=1), status="draft"))
    secret = entries.save(entry_at(FIXED_NOW, private=True))

    def ids(**flags: bool) -> list[int | None]:
        return [entry.id for entry in entries.iter_entries(**flags)]

    assert ids() == [plain.id]
    assert ids(include_drafts=True) == [draft.id, plain.id]
    assert ids(include_private=True) == [secret.id, plain.id]
    assert ids(include_drafts=True, include_private=True) == [secret.id, draft.id, plain.id]


def test_set_private(entries: EntryStore) -> None:
    saved = entries.save(entry_at(FIXED_NOW))
    assert saved.id is not None
    entries.set_private(saved.id, True)
    assert entries.get(saved.id).private
    assert list(entries.iter_entries()) == []
    with pytest.raises(EntryNotFound):
        entries.set_private(saved.id + 100, True)


@pytest.mark.parametrize(
    "zone",
    [
        timezone.utc,
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=-8)),
        timezone(timedelta(hours=13, minutes=45)),
    ],
)
def test_times_keep_their_zone(entries: EntryStore, zone: timezone) -> None:
    moment = datetime(2026, 3, 29, 1, 59, 59, 123456, tzinfo=zone)
    saved = entries.save(entry_at(moment))
    assert saved.id is not None
    read = entries.get(saved.id)
    for field in ("started_at", "updated_at", "finished_at"):
        value = getattr(read, field)
        assert value == getattr(saved, field)
        assert value.utcoffset() == moment.utcoffset()
        assert value.microsecond == 123456


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(EntryInvalid, match="started_at"):
        Entry(
            uuid="u",
            exercise_id="daily-checkin",
            exercise_version=1,
            started_at=datetime(2026, 1, 1, 9, 0),  # naive on purpose
            updated_at=FIXED_NOW,
        )


def test_new_entry_is_a_zoned_draft() -> None:
    entry = new_entry("daily-checkin", 3, FIXED_NOW)
    assert entry.status == "draft"
    assert entry.exercise_version == 3
    assert entry.started_at == FIXED_NOW
    assert entry.started_at.tzinfo is not None
    assert entry.uuid != new_entry("daily-checkin", 3, FIXED_NOW).uuid


# -- databases that cannot be used: never changed -----------------------------------------------


def test_a_database_from_a_newer_cfcoach(db: Path) -> None:
    make_real_database(db, count=3)
    connection = sqlite3.connect(db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    connection.commit()
    connection.close()
    before = digest(db)

    with pytest.raises(DatabaseTooNew) as caught:
        EntryStore(db)

    assert digest(db) == before
    message = str(caught.value)
    assert_one_sentence(message)
    assert "newer cfcoach" in message and str(db) in message


def test_random_bytes(db: Path) -> None:
    db.parent.mkdir(mode=0o700)
    db.write_bytes(os.urandom(8192))
    before = digest(db)
    with pytest.raises(DatabaseCorrupt) as caught:
        EntryStore(db)
    assert digest(db) == before
    assert_one_sentence(str(caught.value))
    assert str(db) in str(caught.value)


def test_a_sqlite_header_then_garbage(db: Path) -> None:
    db.parent.mkdir(mode=0o700)
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = digest(db)
    with pytest.raises(DatabaseCorrupt) as caught:
        EntryStore(db)
    assert digest(db) == before
    assert_one_sentence(str(caught.value))


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_database(db: Path, keep: float) -> None:
    make_real_database(db)
    assert not db.with_name(db.name + "-wal").exists()  # all of it is in the main file
    data = db.read_bytes()
    db.write_bytes(data[: int(len(data) * keep)])
    before = digest(db)
    with pytest.raises(DatabaseCorrupt) as caught:
        EntryStore(db)
    assert digest(db) == before
    assert_one_sentence(str(caught.value))


def test_another_programs_sqlite_database_is_left_alone(db: Path) -> None:
    db.parent.mkdir(mode=0o700)
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.execute("INSERT INTO recipes VALUES ('soup')")
    connection.commit()
    connection.close()
    before = digest(db)
    with pytest.raises(DatabaseCorrupt) as caught:
        EntryStore(db)
    assert digest(db) == before
    assert_one_sentence(str(caught.value))
    check = sqlite3.connect(db)
    tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    check.close()
    assert tables == {"recipes"}


def test_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    # Tests run as root, which chmod does not stop; a path under a regular file fails for all.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseUnavailable) as caught:
        EntryStore(blocker / "data" / "entries.sqlite3")
    assert_one_sentence(str(caught.value))
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_folder_where_the_database_should_be(db: Path) -> None:
    db.mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        EntryStore(db)
    assert isinstance(caught.value, DatabaseUnavailable | DatabaseCorrupt)
    assert_one_sentence(str(caught.value))


# -- two processes at once -------------------------------------------------------------------


def _save_many(path: str, label: str, count: int, barrier: Any, results: Any) -> None:
    try:
        barrier.wait(timeout=60)
        with EntryStore(Path(path)) as store:
            for i in range(count):
                entry = entry_at(FIXED_NOW + timedelta(seconds=i), status="draft")
                saved = store.save(replace(entry, answers={"who": f"{label}-{i}"}))
                # Each entry is saved twice, as drafts are: insert, then update.
                store.save(replace(saved, status="completed"))
        results.put((label, "ok"))
    except BaseException as exc:  # reported to the parent, which fails the test
        results.put((label, f"{type(exc).__name__}: {exc}"))


@pytest.mark.timeout(90)
@pytest.mark.parametrize("new_database", [True, False], ids=["new", "existing"])
def test_two_processes_saving_at_once_lose_nothing(db: Path, new_database: bool) -> None:
    if not new_database:
        make_real_database(db, count=0)
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    results = spawn.Queue()
    workers = [
        spawn.Process(target=_save_many, args=(str(db), label, 50, barrier, results))
        for label in ("left", "right")
    ]
    for worker in workers:
        worker.start()
    outcomes = dict(results.get(timeout=80) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert outcomes == {"left": "ok", "right": "ok"}

    with EntryStore(db) as store:
        saved = list(store.iter_entries(include_drafts=True))
    assert len(saved) == 100
    assert {entry.status for entry in saved} == {"completed"}
    assert sorted(entry.answers["who"] for entry in saved) == sorted(
        f"{label}-{i}" for label in ("left", "right") for i in range(50)
    )
    assert len({entry.id for entry in saved}) == 100


# -- practice: a draft after every step ---------------------------------------------------------


@pytest.fixture
def exercise() -> Exercise:
    return load_exercise_file(CHECKIN)


def test_practice_saves_a_draft_after_every_step(context: AppContext, exercise: Exercise) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, exercise, context.clock)
        first = practice.entry
        assert first.id is not None
        assert store.get(first.id).status == "draft"
        assert store.get(first.id).state["current"] == "welcome"

        stamps = [store.get(first.id).updated_at]
        actions: list[tuple[str, Any]] = [
            ("answer", None),
            ("answer", "You never get it right."),
            ("too_much", None),
            ("answer", 9),
            ("back", None),
            ("answer", 6),
            ("answer", ["numb"]),
            ("skip", None),
        ]
        for name, value in actions:
            if name == "answer":
                practice.answer(value)
            else:
                getattr(practice, name)()
            saved = store.get(first.id)
            assert saved.state == {
                **practice.session.state.model_dump(mode="json"),
                "progress": list(practice.session.progress()),
            }
            assert saved.saved_progress == practice.session.progress()
            assert saved.answers == practice.session.state.answers
            assert saved.status == "draft"
            assert saved.updated_at > stamps[-1]
            stamps.append(saved.updated_at)

        saved = store.get(first.id)
        assert saved.state["current"] == "drive"
        assert saved.answers == {
            "critic": "You never get it right.",
            "intensity_before": 6,
            "feeling": ["numb"],
        }
        assert saved.skipped == ["threat"]
        assert store.latest_draft() == saved


def test_a_refused_answer_saves_nothing(context: AppContext, exercise: Exercise) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, exercise, context.clock)
        practice.answer()
        assert practice.entry.id is not None
        before = store.get(practice.entry.id)
        with pytest.raises(AnswerError):
            practice.answer("   ")
        assert store.get(practice.entry.id) == before


def test_resuming_a_saved_draft_gives_the_same_step(
    context: AppContext, exercise: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, exercise, context.clock)
        for value in (None, "Lazy.", 8, None, ["sad"]):
            practice.answer(value)
        step = practice.session.step
        assert step is not None and step.id == "threat"

    with context.open_store() as store:
        draft = store.latest_draft(exercise.id)
        assert draft is not None
        resumed = Practice.resume(store, exercise, draft, context.clock)
        assert resumed.session.step is not None
        assert resumed.session.step.id == "threat"
        assert resumed.session.state == practice.session.state
        assert resumed.session.progress() == practice.session.progress()
        resumed.answer("Being laughed at.")
        assert draft.id is not None
        assert store.get(draft.id).answers["threat"] == "Being laughed at."


def test_completing_and_stopping(context: AppContext, exercise: Exercise) -> None:
    with context.open_store() as store:
        done = Practice.begin(store, exercise, context.clock)
        # welcome .. feeling, threat, drive, the two pauses, compassionate ..
        # warmth_after, the three optional steps left empty, summary
        for value in (None, "w", 2, ["sad"], "t", "d", None, None, "c", "attack", 1, 4):
            done.answer(value)
        for value in (None, None, None, None):
            done.answer(value)
        stopped = Practice.begin(store, exercise, context.clock)
        stopped.answer()
        stopped.stop()
        assert done.entry.id is not None and stopped.entry.id is not None
        finished = store.get(done.entry.id)
        assert finished.status == "completed"
        assert finished.finished_at is not None
        assert finished.finished_at >= finished.started_at
        halted = store.get(stopped.entry.id)
        assert halted.status == "stopped"
        assert halted.finished_at is not None
        assert store.latest_draft() is None
        assert [e.id for e in store.recent()] == [stopped.entry.id, done.entry.id]


def _practise_then_die(home: str, answers: list[Any]) -> None:
    os.environ["CFCOACH_HOME"] = home
    from cfcoach.paths import app_paths

    context = AppContext(paths=app_paths(), clock=TickingClock())
    store = context.open_store()
    practice = Practice.begin(store, load_exercise_file(CHECKIN), context.clock)
    for value in answers:
        practice.answer(value)
    os.kill(os.getpid(), signal.SIGKILL)  # no close, no clean-up: a crash


@pytest.mark.timeout(60)
def test_a_killed_process_loses_no_step(
    home: Path, context: AppContext, exercise: Exercise
) -> None:
    spawn = multiprocessing.get_context("spawn")
    child = spawn.Process(
        target=_practise_then_die, args=(str(home), [None, "Fool.", 3, ["alone"]])
    )
    child.start()
    child.join(timeout=50)
    assert child.exitcode == -signal.SIGKILL

    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None
        assert draft.answers == {"critic": "Fool.", "intensity_before": 3, "feeling": ["alone"]}
        resumed = Practice.resume(store, exercise, draft, context.clock)
        assert resumed.session.step is not None and resumed.session.step.id == "threat"
