"""`cfcoach export` and `cfcoach import` as a person runs them (a real subprocess).

The sample entries (tests/unit/golden/samples.py) are saved into the test's CFCOACH_HOME,
and their two extra exercises are installed as the person's own exercise files, so the
step marked private is known to be private.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cfcoach.paths import app_paths
from cfcoach.store import Entry, EntryStore
from cfcoach.store.entries import EntryQuery
from tests.cli.conftest import Run
from tests.cli.test_commands import imported_modules
from tests.unit.golden import samples
from tests.unit.test_export_formats import flat, included_answers

SECRETS = ("PRIVATE-STEP-ANSWER", "PRIVATE-ENTRY-ANSWER", "DRAFT-ANSWER")


@pytest.fixture
def filled(home: Path) -> Path:
    """CFCOACH_HOME with the sample entries (ids 1-7) and the samples' own exercises."""
    own = app_paths().user_exercises
    own.mkdir(parents=True)
    yaml = YAML()
    for data in (samples.WARMTH, samples.CIRCLES):
        with (own / f"{data['id']}.yaml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    with EntryStore(app_paths().database) as store:
        for entry in samples.entries():
            store.save(replace(entry, id=None))
    return home


def csv_ids(text: str) -> list[str]:
    return [row["entry"] for row in csv.DictReader(io.StringIO(text))]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


# -- choosing -----------------------------------------------------------------------------


def test_markdown_to_the_terminal_with_the_summary_on_stderr(cfcoach: Run, filled: Path) -> None:
    result = cfcoach("export", "--format", "md")

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(  # the year shows only when it is not this year
        r"Exporting 5 entries \(2 private or unfinished left out\)\. Dates: 2–9 Nov( 2026)?\. "
        r"Left out: 1 private, 1 unfinished\.",
        result.stderr.splitlines()[0],
    )
    assert "## Entries" in result.stdout
    assert "Self-warmth (before)" in result.stdout
    for secret in SECRETS:
        assert secret not in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["1", "2", "3", "5", "6"]),
        (("--include-private",), ["1", "2", "3", "4", "5", "6"]),
        (("--include-drafts",), ["1", "2", "3", "5", "6", "7"]),
        (("--since", "2026-11-03", "--until", "2026-11-08"), ["2", "3", "5"]),
        (("--exercise", "self-warmth", "--exercise", "sample-circles"), ["2", "5"]),
        (("--ids", "6,1,3-4"), ["1", "3", "6"]),
        (("--last", "2"), ["5", "6"]),
        (("--exercise", "daily-checkin", "--last", "1", "--include-drafts"), ["7"]),
    ],
)
def test_selection_options(
    cfcoach: Run, filled: Path, args: tuple[str, ...], expected: list[str]
) -> None:
    result = cfcoach("export", "--format", "csv", *args)
    assert result.returncode == 0, result.stderr
    assert csv_ids(result.stdout) == expected


def test_relative_dates_count_back_from_today(cfcoach: Run, home: Path) -> None:
    now = datetime.now(timezone.utc).astimezone()
    with EntryStore(app_paths().database) as store:
        for days_ago in (200, 20, 1):
            store.save(
                replace(
                    samples.entries()[0],
                    id=None,
                    uuid=f"ago-{days_ago}",
                    started_at=now - timedelta(days=days_ago),
                )
            )
    assert csv_ids(cfcoach("export", "-f", "csv", "--since", "7d").stdout) == ["3"]
    assert csv_ids(cfcoach("export", "-f", "csv", "--since", "4w").stdout) == ["2", "3"]
    assert csv_ids(cfcoach("export", "-f", "csv", "--until", "3m").stdout) == ["1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "last tuesday"), "--since 'last tuesday' is not a date cfcoach understands"),
        (("--until", "2026-02-30"), "--until '2026-02-30' is not a date"),
        (("--since", "2026-11-09", "--until", "2026-11-01"), "swap them"),
        (("--ids", "1,two"), "--ids '1,two' is not a list of entry numbers"),
        (("--ids", "1,42"), "There is no entry 42;"),
        (
            ("--exercise", "gratitude"),
            "There is no exercise called 'gratitude'; the exercises are:",
        ),
        (("--last", "0"), "--last 0 picks nothing"),
        (("--paper", "a5", "-f", "pdf", "-o", "x.pdf"), "--paper 'a5' is not a paper size"),
        (("--output", "notes.docx"), "cannot export as 'docx' (from the file name)"),
        (("--format", "rtf"), "cannot export as 'rtf'; the formats are: csv, html, json, md, pdf."),
    ],
)
def test_mistakes_get_one_clear_sentence(
    cfcoach: Run, filled: Path, args: tuple[str, ...], message: str
) -> None:
    result = cfcoach("export", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    no_traceback(result)


# -- writing files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("report.md", b"# Between-session practice"),
        ("report.markdown", b"# Between-session practice"),
        ("report.html", b"<!DOCTYPE html>"),
        ("report.pdf", b"%PDF-"),
        ("report.csv", b"entry,date,time"),
        ("backup.json", b"{"),
    ],
)
def test_the_format_follows_the_file_extension(
    cfcoach: Run, filled: Path, tmp_path: Path, name: str, starts: bytes
) -> None:
    target = tmp_path / name
    result = cfcoach("export", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(starts)
    assert target.stat().st_mode & 0o777 == 0o600
    assert result.stderr.strip().endswith(f"Written to {target}")


def test_a_pdf_is_never_overwritten_without_force(
    cfcoach: Run, filled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"keep me")
    refused = cfcoach("export", "-o", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_bytes() == b"keep me"
    assert cfcoach("export", "-o", str(target), "--force").returncode == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cfcoach-home", "report.pdf"]


def test_a_pdf_goes_to_a_pipe_but_not_to_a_terminal(home: Path) -> None:
    command = [sys.executable, "-m", "cfcoach", "export", "--format", "pdf"]
    env = {**os.environ, "CFCOACH_HOME": str(home)}
    piped = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF-")

    leader, follower = pty.openpty()
    try:
        in_terminal = subprocess.run(
            command, stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert in_terminal.returncode == 2
    assert b"cannot be shown in the terminal; add --output report.pdf" in in_terminal.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_the_pdf_holds_every_included_answer_and_no_private_one(
    cfcoach: Run, filled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    assert cfcoach("export", "-o", str(target), "--paper", "letter").returncode == 0
    text = flat(
        subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    )
    for answer in included_answers():
        assert flat(answer) in text, answer
    for secret in SECRETS:
        assert secret not in text


def test_safety_plan_flag_says_there_is_none_yet(cfcoach: Run, filled: Path) -> None:
    result = cfcoach("export", "-f", "md", "--include-safety-plan")
    assert result.returncode == 0
    assert "No safety plan is saved yet, so none is included" in result.stderr
    assert "safety plan" not in cfcoach("export", "-f", "md").stderr


PLAN_WORDS = "PLAN-WORDS call my sister"


@pytest.fixture
def with_plan(filled: Path) -> Path:
    plan = replace(
        samples.entries()[0],
        id=None,
        uuid="plan",
        exercise_id="safety-plan",
        answers={"warning_signs": "Not sleeping", "people_to_ask": PLAN_WORDS},
    )
    with EntryStore(app_paths().database) as store:
        store.save(plan)
    return filled


def test_the_safety_plan_goes_only_when_chosen(cfcoach: Run, with_plan: Path) -> None:
    plain = cfcoach("export", "-f", "md")
    assert PLAN_WORDS not in plain.stdout
    assert "Your safety plan is not included; add --include-safety-plan" in plain.stderr
    assert plain.stderr.startswith("Exporting 5 entries")

    chosen = cfcoach("export", "-f", "md", "--include-safety-plan")
    assert chosen.stdout.count(PLAN_WORDS) == 1  # as the plan, not again as an entry
    assert "## My safety plan" in chosen.stdout
    assert chosen.stderr.startswith("Exporting 5 entries")


def test_in_a_json_backup_the_safety_plan_is_its_entry(cfcoach: Run, with_plan: Path) -> None:
    without = json.loads(cfcoach("export", "-f", "json").stdout)
    assert "safety-plan" not in [e["exercise"]["id"] for e in without["entries"]]
    chosen = json.loads(cfcoach("export", "-f", "json", "--include-safety-plan").stdout)
    assert [e["uuid"] for e in chosen["entries"] if e["exercise"]["id"] == "safety-plan"] == [
        "plan"
    ]


# -- never a raw escape sequence on the terminal ------------------------------------------


@pytest.mark.parametrize("format_name", ["md", "csv", "json", "html"])
def test_no_escape_sequence_reaches_stdout(cfcoach: Run, home: Path, format_name: str) -> None:
    hostile = replace(
        samples.entries()[0],
        id=None,
        answers={"critic": "a\x1b[2Jb\x9b31mc\x07d\x7fe", "intensity_before": 3},
        therapist_note="\x1b]52;c;Y29weQ==\x07",
    )
    with EntryStore(app_paths().database) as store:
        store.save(hostile)
    result = subprocess.run(
        [sys.executable, "-m", "cfcoach", "export", "--format", format_name],
        capture_output=True,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=60,
    )
    assert result.returncode == 0
    raw = result.stdout
    for control in (b"\x1b", b"\x07", b"\xc2\x9b", b"\x7f"):
        assert control not in raw
    if format_name == "json":
        data = json.loads(raw)
        assert data["entries"][0]["answers"][0]["value"] == "a\x1b[2Jb\x9b31mc\x07d\x7fe"


# -- import -------------------------------------------------------------------------------


def test_export_then_import_into_a_fresh_home_gives_the_same_entries(
    cfcoach: Run, filled: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    made = cfcoach("export", "-o", str(backup), "--include-private", "--include-drafts")
    assert made.returncode == 0
    fresh = tmp_path / "fresh-home"
    env = {"CFCOACH_HOME": str(fresh)}

    first = cfcoach("import", str(backup), env=env)
    again = cfcoach("import", str(backup), env=env)

    assert first.returncode == 0 and first.stdout.strip() == "7 added, 0 already there."
    assert again.returncode == 0 and again.stdout.strip() == "0 added, 7 already there."
    query = EntryQuery(include_private=True, include_drafts=True)
    with EntryStore(app_paths().database) as store:
        before = [_comparable(e) for e in store.select(query)]
    with EntryStore(fresh / "data" / "entries.sqlite3") as store:
        after = [_comparable(e) for e in store.select(query)]
    assert after == before


def test_importing_a_bad_file_is_one_sentence(cfcoach: Run, home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("# my notes\n")
    result = cfcoach("import", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{bad} is not a cfcoach JSON export (it is not valid JSON: line 1, column 1); "
        "give the file made by `cfcoach export --format json`."
    )
    missing = cfcoach("import", str(tmp_path / "nope.json"))
    assert missing.returncode == 1 and "There is no file" in missing.stderr
    no_traceback(missing)


# -- what each export loads ---------------------------------------------------------------


@pytest.mark.parametrize("format_name", ["json", "md", "csv", "html"])
def test_text_formats_never_import_the_pdf_library_or_textual(home: Path, format_name: str) -> None:
    modules = imported_modules(home, "export", "--format", format_name)
    assert "cfcoach.cli.export_cmd" in modules  # the probe really ran the export
    assert not {m for m in modules if m.split(".")[0] in ("fpdf", "textual", "PIL")}


def test_the_pdf_format_does_load_the_pdf_library(home: Path, tmp_path: Path) -> None:
    modules = imported_modules(home, "export", "-o", str(tmp_path / "r.pdf"))
    assert "fpdf" in modules and "textual" not in modules


def _comparable(entry: Entry) -> dict[str, object]:
    """An entry's fields but those an import sets anew (its row id, save time and state)."""
    fields = asdict(entry)
    for name in ("id", "updated_at", "state"):
        del fields[name]
    return fields
