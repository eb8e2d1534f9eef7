"""`cfcoach note ID`: the note for the therapist has one home; what is cleared is shared nowhere.

Issue 15, item 3: the daily check-in's note was stored twice (as an answer and as the
entry's note), so every report showed it twice, an edited note was exported beside the old
one, and a cleared note was still exported under "Note for my therapist".
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore
from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS

OLD = "Porcupine mornings are the hardest"
NEW = "Kingfisher: can we talk about the email"
FORMATS = ("md", "json", "csv", "html", "pdf")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext not installed (Debian package poppler-utils; .ci/run installs it)",
)


def checkin_with_note(cfcoach: Run, note: str) -> int:
    answers = [*CALM_ANSWERS[:-1], note]
    result = cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    with EntryStore(app_paths().database) as store:
        [entry] = list(store.iter_entries())
    assert entry.id is not None
    return entry.id


def exported(cfcoach: Run, tmp_path: Path, format_name: str) -> str:
    """The text a reader of the export sees (a PDF's words through pdftotext)."""
    target = tmp_path / f"out-{format_name}.{format_name}"
    result = cfcoach("export", "--format", format_name, "-o", str(target), "--force")
    assert result.returncode == 0, result.stderr
    if format_name != "pdf":
        return target.read_text(encoding="utf-8")
    return subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout


def words(text: str) -> str:
    """``text`` with line breaks and runs of spaces as one space (PDF and HTML wrap lines)."""
    return " ".join(text.split())


def test_the_checkins_note_is_exported_once_as_markdown(
    cfcoach: Run, tmp_path: Path, home: Path
) -> None:
    checkin_with_note(cfcoach, OLD)

    markdown = exported(cfcoach, tmp_path, "md")

    assert words(markdown).count(OLD) == 1


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_the_checkins_note_is_in_data_exports_once(
    cfcoach: Run, tmp_path: Path, home: Path, format_name: str
) -> None:
    checkin_with_note(cfcoach, OLD)
    assert exported(cfcoach, tmp_path, format_name).count(OLD) == 1


@pytest.mark.parametrize("how", ["cli", "store"])
def test_a_cleared_note_is_in_no_export_backup_or_search(
    cfcoach: Run, tmp_path: Path, home: Path, how: str
) -> None:
    entry_id = checkin_with_note(cfcoach, OLD)
    if how == "cli":
        result = cfcoach("note", str(entry_id), "--clear")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (
            f"Entry {entry_id}'s note is removed; it is in no export from now on."
        )
    else:  # what `n` in the coach's history does when the note is emptied
        with EntryStore(app_paths().database) as store:
            store.set_note(entry_id, "")

    for format_name in FORMATS:
        if format_name == "pdf" and shutil.which("pdftotext") is None:
            continue
        text = exported(cfcoach, tmp_path, format_name)
        assert "Porcupine" not in text, format_name
        assert "porcupine" not in text.lower(), format_name
    backup = tmp_path / "after.sqlite3"
    assert cfcoach("backup", str(backup)).returncode == 0
    assert b"orcupine" not in backup.read_bytes()  # not even in free space or the index
    searched = cfcoach("history", "--search", "porcupine")
    assert searched.returncode == 0, searched.stderr
    assert searched.stdout.startswith("No entries hold “porcupine”")
    assert "orcupine" not in cfcoach("show", str(entry_id)).stdout
    assert "no note" in cfcoach("note", str(entry_id)).stdout


@needs_poppler
def test_a_cleared_note_is_not_in_a_pdf(cfcoach: Run, tmp_path: Path, home: Path) -> None:
    entry_id = checkin_with_note(cfcoach, OLD)
    assert words(exported(cfcoach, tmp_path, "pdf")).count(OLD) == 1
    assert cfcoach("note", str(entry_id), "--clear").returncode == 0
    assert "orcupine" not in exported(cfcoach, tmp_path, "pdf")


def test_an_edited_note_replaces_the_old_one_everywhere(
    cfcoach: Run, tmp_path: Path, home: Path
) -> None:
    entry_id = checkin_with_note(cfcoach, OLD)

    result = cfcoach("note", str(entry_id), NEW)

    assert result.returncode == 0, result.stderr
    assert cfcoach("note", str(entry_id)).stdout == NEW + "\n"
    for format_name in ("md", "json", "csv", "html"):
        text = exported(cfcoach, tmp_path, format_name)
        assert "orcupine" not in text, format_name
        assert words(text).count(NEW) >= 1, format_name
    [record] = json.loads(exported(cfcoach, tmp_path, "json"))["entries"]
    assert record["therapist_note"] == NEW
    assert "[note] Kingfisher" in cfcoach("history", "--search", "kingfisher").stdout
    assert cfcoach("history", "--search", "porcupine").stdout.startswith("No entries hold")


def test_note_says_in_one_sentence_what_is_wrong(cfcoach: Run, home: Path) -> None:
    entry_id = checkin_with_note(cfcoach, OLD)

    both = cfcoach("note", str(entry_id), "words", "--clear")
    empty = cfcoach("note", str(entry_id), "   ")
    missing = cfcoach("note", "99", "words")
    not_a_number = cfcoach("note", "seven")

    assert both.returncode == empty.returncode == missing.returncode == 2
    assert not_a_number.returncode == 2
    assert both.stderr.strip() == "Give the note's new words or --clear, not both."
    assert f"cfcoach note {entry_id} --clear" in empty.stderr
    assert "There is no entry 99" in missing.stderr
    for result in (both, empty, missing, not_a_number):
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert cfcoach("note", str(entry_id)).stdout == OLD + "\n"  # nothing was changed


def test_a_note_in_danger_words_brings_the_crisis_lines(cfcoach: Run, home: Path) -> None:
    entry_id = checkin_with_note(cfcoach, OLD)

    result = cfcoach("note", str(entry_id), "I want to kill myself tonight")

    assert result.returncode == 0, result.stderr
    assert "A note reaches your therapist only when you export it" in result.stdout
    assert "988" in result.stdout or "116 123" in result.stdout or "112" in result.stdout
    with EntryStore(app_paths().database) as store:
        assert store.get(entry_id).safety_shown
