"""Writing an export file (shared by the CLI and the TUI): private, atomic, never a surprise."""

from __future__ import annotations

import io
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from cfcoach.export import get_format
from cfcoach.export.writing import (
    FolderMissing,
    TargetExists,
    TargetIsFolder,
    WriteFailed,
    check_target,
    make_bundle,
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
