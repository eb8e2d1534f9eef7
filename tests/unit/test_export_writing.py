"""Writing an export file (shared by the CLI and the TUI): private, atomic, never a surprise."""

from __future__ import annotations

import io
import os
import signal
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from cfcoach.export import get_format
from cfcoach.export.writing import (
    PARTIAL_SUFFIX,
    STOPPING_SIGNALS,
    ExportStopped,
    FolderMissing,
    TargetExists,
    TargetIsFolder,
    WriteFailed,
    check_target,
    leftovers_note,
    make_bundle,
    remove_leftovers,
    write_atomically,
    write_bundle,
)
from cfcoach.store.models import Entry
from tests.unit.golden import samples


def test_a_written_file_is_private_and_holds_the_report(tmp_path: Path) -> None:
    bundle = samples.bundle()
    target = tmp_path / "report.md"
    write_bundle(get_format("md"), bundle, target)
    expected = io.StringIO()
    get_format("md").writer()(samples.bundle(), expected)
    assert target.read_text(encoding="utf-8") == expected.getvalue()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_where_a_file_may_not_go(tmp_path: Path) -> None:
    with pytest.raises(TargetIsFolder) as folder:
        check_target(tmp_path, force=False)
    assert folder.value.exit_code == 2
    existing = tmp_path / "there.md"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(TargetExists):
        check_target(existing, force=False)
    assert check_target(existing, force=True) == existing
    with pytest.raises(FolderMissing) as missing:
        check_target(tmp_path / "nowhere" / "report.md", force=False)
    assert missing.value.exit_code == 1


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("the earlier export", encoding="utf-8")

    def full_disk(handle: IO[Any]) -> None:
        handle.write("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(WriteFailed) as failed:
        write_atomically(target, full_disk)
    assert str(failed.value) == (
        f"Writing {target} failed (No space left on device); nothing was changed there."
    )
    assert target.read_text(encoding="utf-8") == "the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_the_safety_plan_is_a_section_except_in_json_and_csv() -> None:
    @dataclass
    class Plan:
        entry: Entry
        parts: list[tuple[str, str]]

    plan = Plan(samples.entries()[0], [("When I notice", "the heaviness")])
    shown = make_bundle(
        [], samples.exercises(), format_name="md", generated_at=samples.GENERATED_AT,
        plan=plan, include_safety_plan=True,
    )  # fmt: skip
    assert shown.safety_plan == (("When I notice", "the heaviness"),)
    assert shown.safety_plan_written == plan.entry.finished_at
    as_entries = make_bundle(
        [], samples.exercises(), format_name="json", generated_at=samples.GENERATED_AT,
        plan=plan, include_safety_plan=True,
    )  # fmt: skip
    assert as_entries.safety_plan == ()
    left_out = make_bundle(
        [], samples.exercises(), format_name="md", generated_at=samples.GENERATED_AT, plan=plan
    )
    assert left_out.safety_plan == ()


# -- issue 17: a stopped export leaves nothing of the person's answers behind -------------

STOPPED_HALF_WAY = """
import os, sys
from pathlib import Path
from cfcoach.export.writing import write_atomically

target, signum = Path(sys.argv[1]), int(sys.argv[2])

def writer(handle):
    handle.write("PRIVATE ANSWERS " * 1000)
    handle.flush()
    os.kill(os.getpid(), signum)
    handle.write("the rest")

try:
    write_atomically(target, writer)
except BaseException as stop:
    print(stop, file=sys.stderr)
    sys.exit(getattr(stop, "exit_code", 99))
print("written")
"""


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_writing_removes_the_partial_file_and_exits_with_its_code(
    tmp_path: Path, signum: int
) -> None:
    target = tmp_path / "report.md"
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_HALF_WAY, str(target), str(signum)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 128 + signum, done.stderr  # 143, 129, 130
    assert done.stderr == (
        f"Stopped before the export was finished; nothing was written to {target}.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_ignored_signal_stays_ignored_and_the_export_goes_on(tmp_path: Path) -> None:
    """`nohup cfcoach export ...`: closing the terminal must not stop the export."""
    target = tmp_path / "report.md"
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_HALF_WAY, str(target), str(signal.SIGHUP)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),  # as nohup does
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "written\n", "")
    assert target.read_text(encoding="utf-8").endswith("the rest")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_signal_stops_the_writing_where_the_coach_listens_and_its_handler_comes_back(
    tmp_path: Path,
) -> None:
    """In the coach, asyncio's handler is in place (it hears of the signal through its own
    pipe); the export is stopped all the same and that handler is put back."""
    heard: list[int] = []

    def coach_handler(signum: int, frame: object) -> None:
        heard.append(signum)

    before = signal.signal(signal.SIGTERM, coach_handler)
    target = tmp_path / "report.md"
    target.write_text("last week's export", encoding="utf-8")

    def writer(handle: IO[Any]) -> None:
        handle.write("PRIVATE ANSWERS")
        os.kill(os.getpid(), signal.SIGTERM)
        handle.write("the rest")

    try:
        with pytest.raises(ExportStopped) as stopped:
            write_atomically(target, writer)
        assert signal.getsignal(signal.SIGTERM) is coach_handler
    finally:
        signal.signal(signal.SIGTERM, before)
    assert stopped.value.exit_code == 143
    assert stopped.value.target == target and not stopped.value.finished
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert target.read_text(encoding="utf-8") == "last week's export"
    assert heard == []


def test_the_handlers_from_before_are_back_after_a_finished_export(tmp_path: Path) -> None:
    before = {signum: signal.getsignal(signum) for signum in STOPPING_SIGNALS}
    write_atomically(tmp_path / "report.md", write_done)
    assert {signum: signal.getsignal(signum) for signum in STOPPING_SIGNALS} == before


def write_done(handle: IO[Any]) -> None:
    handle.write("done")


def dead_pid() -> int:
    finished = subprocess.Popen(["true"])
    finished.wait()  # like a cfcoach killed with -9: its process id is no one's now
    return finished.pid


def test_partial_files_of_a_killed_export_are_removed_by_the_next_one(tmp_path: Path) -> None:
    left = tmp_path / f".report.pdf.{dead_pid()}.k2_9zq1x{PARTIAL_SUFFIX}"
    left.write_bytes(b"%PDF-1.7 PRIVATE ANSWERS")
    running = tmp_path / f".other.md.{os.getpid()}.abcdefgh{PARTIAL_SUFFIX}"
    running.write_text("an export still being written", encoding="utf-8")
    someone_elses = tmp_path / ".report.pdf.part"
    someone_elses.write_text("a browser's download", encoding="utf-8")
    told: list[str] = []

    write_atomically(tmp_path / "new.md", write_done, tell=told.append)

    assert partials(tmp_path) == sorted([running.name, someone_elses.name])
    assert told == [
        f"Removed an unfinished export file that a stopped cfcoach left in {tmp_path} "
        f"({left.name})."
    ]


def test_nothing_is_said_when_there_was_nothing_to_remove(tmp_path: Path) -> None:
    told: list[str] = []
    write_atomically(tmp_path / "new.md", write_done, tell=told.append)
    assert told == []
    assert remove_leftovers(tmp_path) == []
    assert leftovers_note([]) is None
    many = [tmp_path / f".a.{n}.abcdefgh{PARTIAL_SUFFIX}" for n in range(3)]
    assert leftovers_note(many) == (
        f"Removed 3 unfinished export files that a stopped cfcoach left in {tmp_path}."
    )
