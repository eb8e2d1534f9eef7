"""Issue 17 from the shell: a crafted file is refused whole, naming the entry and field;
an entry that cannot be read never ends history, show, stats or export, and `cfcoach
trash ID` / `untrash ID` work for it as for any entry."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore, new_entry
from tests.cli.conftest import Run
from tests.damaged_rows import FAR_FUTURE, write_row

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def one_sentence(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert not re.search(r"[.!?]\s+[A-Z]", lines[0]), lines[0]
    return lines[0]


@pytest.fixture
def good(home: Path) -> int:
    """One check-in from yesterday, rated 6 before and 3 after."""
    start = NOW - timedelta(days=1)
    entry = replace(
        new_entry("daily-checkin", 2, start),
        status="completed",
        finished_at=start,
        answers={"critic": "You never finish", "intensity_before": 6, "intensity_after": 3},
    )
    with EntryStore(app_paths().database) as store:
        saved = store.save(entry)
    assert saved.id is not None
    return saved.id


@pytest.fixture
def far(good: int) -> int:
    """Issue 17's entry, as an older cfcoach's import left it: started in year 9999."""
    return write_row(app_paths().database, started_at=FAR_FUTURE)


def crafted(tmp_path: Path, bad: dict[str, Any]) -> Path:
    fine = {
        "uuid": "fine",
        "exercise": {"id": "daily-checkin", "version": 2},
        "status": "completed",
        "started_at": "2026-11-01T10:00:00+01:00",
        "answers": [{"step": "intensity_before", "value": 4}],
    }
    entries = [fine, {**fine, "uuid": "crafted", "id": 12, **bad}]
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps({"schema_version": 1, "entries": entries}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (
            {"started_at": "9999-12-31T23:59:59-12:00"},
            "entry 2 (number 12): started_at must be a date from 1970 to 2100",
        ),
        (
            {"answers": [{"step": "intensity_after", "value": 10**30}]},
            "entry 2 (number 12): the answer to intensity_after must be a whole number from 0 to 10",
        ),
        (
            {"answers": [{"step": "correction_or_attack", "value": "maybe"}]},
            "entry 2 (number 12): the answer to correction_or_attack must be among its options",
        ),
    ],
    ids=["a year-9999 start", "a rating of 10^30", "a choice not offered"],
)
def test_a_crafted_file_is_refused_whole_naming_the_entry_and_field(
    cfcoach: Run, home: Path, tmp_path: Path, bad: dict[str, Any], said: str
) -> None:
    path = crafted(tmp_path, bad)
    result = cfcoach("import", str(path))
    assert result.returncode == 1
    message = one_sentence(result.stderr)
    assert said in message and message.endswith("nothing was imported.")
    with EntryStore(app_paths().database) as store:
        assert store.count() == 0  # not even the good entry before it
    assert cfcoach("history").returncode == 0


def test_history_stats_show_and_export_leave_it_out_and_name_it(
    cfcoach: Run, good: int, far: int
) -> None:
    named = f"Entry {far} is left out because it cannot be read (started_at must be a date"
    history = cfcoach("history")
    assert history.returncode == 0, history.stderr
    assert "You never finish" in history.stdout
    assert named in history.stderr
    assert "1 of 1 entry, newest first." in history.stderr

    stats = cfcoach("stats")
    assert stats.returncode == 0, stats.stderr
    assert "Before: 6.0 on average. After: 3.0." in stats.stdout
    assert named in stats.stderr

    exported = cfcoach("export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert [e["id"] for e in json.loads(exported.stdout)["entries"]] == [good]
    assert named in exported.stderr

    shown = cfcoach("show", str(far))
    assert shown.returncode == 1
    assert one_sentence(shown.stderr) == (
        f"Entry {far} cannot be read (started_at must be a date from 1970 to 2100); it is "
        f"left as it is, and `cfcoach trash {far}` puts it in the trash."
    )
    for result in (history, stats, exported, shown):
        assert "Something went wrong" not in result.stderr
        assert "Traceback" not in result.stderr


def test_trash_and_untrash_an_entry_that_cannot_be_read(cfcoach: Run, good: int, far: int) -> None:
    trashed = cfcoach("trash", str(far))
    assert trashed.returncode == 0, trashed.stderr
    assert one_sentence(trashed.stdout) == (
        f"Entry {far} is in the trash for 30 days; `cfcoach untrash {far}` brings it back."
    )
    assert trashed.stderr == ""
    history = cfcoach("history")
    assert "left out" not in history.stderr  # in the trash: not read, not named

    again = cfcoach("trash", f"#{far}")
    assert again.returncode == 0
    assert one_sentence(again.stdout) == (
        f"Entry {far} is already in the trash; `cfcoach untrash {far}` brings it back."
    )

    back = cfcoach("untrash", str(far))
    assert back.returncode == 0, back.stderr
    assert one_sentence(back.stdout) == f"Entry {far} is back in your history."
    assert "left out" in cfcoach("history").stderr

    not_there = cfcoach("untrash", str(good))
    assert not_there.returncode == 0
    assert one_sentence(not_there.stdout) == (
        f"Entry {good} is not in the trash; nothing was changed."
    )


@pytest.mark.parametrize("command", ["trash", "untrash"])
def test_an_unknown_or_mistyped_id_is_one_sentence_and_exit_2(
    cfcoach: Run, good: int, command: str
) -> None:
    unknown = cfcoach(command, "999")
    assert unknown.returncode == 2
    assert one_sentence(unknown.stderr) == "There is no entry 999; `cfcoach history` lists them."
    assert unknown.stdout == ""
    mistyped = cfcoach(command, "seven")
    assert mistyped.returncode == 2
    assert one_sentence(mistyped.stderr) == (
        "'seven' is not an entry number; `cfcoach history` shows each entry's number."
    )
    missing = cfcoach(command)
    assert missing.returncode == 2
    assert "Missing argument 'ID'" in missing.stderr


@pytest.mark.parametrize("command", ["trash", "untrash"])
def test_the_help_names_the_argument_id(cfcoach: Run, command: str) -> None:
    result = cfcoach(command, "--help")
    assert result.returncode == 0
    assert re.search(rf"Usage: cfcoach {command} \[OPTIONS\] \W?ID\b", result.stdout), result.stdout
    assert "The entry's number" in result.stdout
    listed = cfcoach("--help").stdout
    assert re.search(rf"^\s+{command}\s+\S", listed, re.MULTILINE)
