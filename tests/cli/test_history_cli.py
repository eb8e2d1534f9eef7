"""`cfcoach history`, `cfcoach show` and `cfcoach stats`, run as the real command."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate_entries import generate

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore, new_entry
from tests.cli.conftest import Run
from tests.cli.test_commands import imported_modules

NOW = datetime.now(timezone.utc).replace(microsecond=0)
DAY = timedelta(days=1)


def add(store: EntryStore, start: datetime, answers: dict[str, Any], **fields: Any) -> int:
    entry = replace(
        new_entry("daily-checkin", 1, start),
        **{
            "started_at": start,
            "updated_at": start,
            "status": "completed",
            "answers": answers,
            **fields,
        },
    )
    saved = store.save(entry)
    assert saved.id is not None
    return saved.id


@pytest.fixture
def entries(home: Path) -> dict[str, int]:
    """Three check-ins (two mention laziness, one private with a note) from the last days."""
    with EntryStore(app_paths().database) as store:
        return {
            "old": add(
                store,
                NOW - 20 * DAY,
                {"critic": "You're so lazy", "intensity_before": 8, "intensity_after": 5},
            ),
            "private": add(
                store,
                NOW - 2 * DAY,
                {"critic": "Nobody wants you\x1b[31m around\x9b", "intensity_before": 6},
                private=True,
                therapist_note="Ask about the party",
                skipped=["threat"],
            ),
            "new": add(
                store,
                NOW - DAY,
                {"critic": "Lazy again, never finishing", "intensity_before": 7},
            ),
        }


def test_history_lists_newest_first_with_numbers(cfcoach: Run, entries: dict[str, int]) -> None:
    result = cfcoach("history")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].split()[:2] == ["#", "When"]
    assert [int(line.split()[0]) for line in lines[1:]] == [
        entries["new"],
        entries["private"],
        entries["old"],
    ]
    assert "[private, note]" in result.stdout
    assert "3 of 3 entries, newest first." in result.stderr
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout


def test_history_limit_search_and_days(cfcoach: Run, entries: dict[str, int]) -> None:
    limited = cfcoach("history", "--limit", "1")
    assert "1 of 3 entries, newest first (--limit shows more)." in limited.stderr

    found = cfcoach("history", "--search", "lazy", "--json")
    assert [item["id"] for item in json.loads(found.stdout)] == [entries["new"], entries["old"]]

    recent = cfcoach("history", "--since", "7d", "--json")
    assert [item["id"] for item in json.loads(recent.stdout)] == [
        entries["new"],
        entries["private"],
    ]
    older = cfcoach("history", "--until", "10d", "--exercise", "daily-checkin", "--json")
    assert [item["id"] for item in json.loads(older.stdout)] == [entries["old"]]


def test_history_json_carries_the_marks_and_escapes_controls(
    cfcoach: Run, entries: dict[str, int]
) -> None:
    result = cfcoach("history", "--json")
    listed = {item["id"]: item for item in json.loads(result.stdout)}
    private = listed[entries["private"]]
    assert private["private"] is True
    assert private["therapist_note"] == "Ask about the party"
    assert private["exercise"] == "Daily check-in"
    assert "\x9b" not in result.stdout and "\\u009b" in result.stdout


@pytest.mark.parametrize(
    "words", ['"', "AND", "NEAR(", "lazy*", "body:x", "(", "😀", "lazy\udc80", "\x1b[2J"]
)
def test_any_search_words_are_only_words(cfcoach: Run, entries: dict[str, int], words: str) -> None:
    result = cfcoach("history", "--search", words)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stdout + result.stderr


def test_a_search_with_an_undecodable_byte_still_finds(
    cfcoach: Run, entries: dict[str, int]
) -> None:
    # The byte 0x80 on the command line arrives as a lone surrogate (U+DC80).
    result = cfcoach("history", "--search", "lazy\udc80", "--json")
    assert result.returncode == 0, result.stderr
    assert {item["id"] for item in json.loads(result.stdout)} == {entries["old"], entries["new"]}


def test_a_search_that_finds_nothing_says_so(cfcoach: Run, entries: dict[str, int]) -> None:
    result = cfcoach("history", "--search", "zebra")
    assert result.returncode == 0
    assert result.stdout.strip() == "No entries hold “zebra”; try fewer or shorter words."


def test_history_with_no_entries(cfcoach: Run) -> None:
    result = cfcoach("history")
    assert result.returncode == 0
    assert "No entries yet." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "someday"], "--since 'someday' is not a date cfcoach understands"),
        (["--since", "2d", "--until", "5d"], "is after --until"),
        (["--exercise", "nope"], "There is no exercise called 'nope'; the exercises are:"),
        (["--limit", "0"], "--limit 0 shows nothing; give a number from 1 up."),
    ],
)
def test_bad_options_are_one_sentence(
    cfcoach: Run, entries: dict[str, int], args: list[str], message: str
) -> None:
    result = cfcoach("history", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_show_prints_an_entry_in_full(cfcoach: Run, entries: dict[str, int]) -> None:
    result = cfcoach("show", str(entries["private"]))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Daily check-in\n")
    assert "· private\nPrivate: left out of exports unless you ask for it.\n" in out
    assert "The critic's words\nNobody wants you\\x1b[31m around\\x9b\n" in out
    assert "What the critic may be protecting me from\nskipped" in out
    assert "How strongly the words landed (before)\n6 out of 10" in out
    assert "Note for your therapist\nAsk about the party" in out
    assert "\x1b" not in out


def test_show_json(cfcoach: Run, entries: dict[str, int]) -> None:
    shown = json.loads(cfcoach("show", str(entries["old"]), "--json").stdout)
    assert shown["id"] == entries["old"]
    answers = {a["step"]: a for a in shown["answers"]}
    assert answers["critic"]["answer"] == "You're so lazy"
    assert answers["intensity_before"]["text"].startswith("8 out of 10")


@pytest.mark.parametrize(
    ("given", "code", "message"),
    [
        ("abc", 2, "'abc' is not an entry number; `cfcoach history` shows each entry's number."),
        ("-1", 2, "is not an entry number"),
        ("99999", 1, "There is no entry 99999; `cfcoach history` lists them."),
    ],
)
def test_show_a_bad_number(
    cfcoach: Run, entries: dict[str, int], given: str, code: int, message: str
) -> None:
    result = cfcoach("show", "--", given)
    assert result.returncode == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_stats_show_the_figures_and_never_judge(cfcoach: Run, home: Path) -> None:
    with EntryStore(app_paths().database) as store:
        generate(store, 200, 3, now=NOW)
    result = cfcoach("stats")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in (
        "Insights",
        "Critic intensity, before and after",
        "Days you practised",
        "The three systems",
        "Words the critic comes back to",
        "Exercises you used most",
    ):
        assert f"\n{heading}\n" in f"\n{out}"
    assert "From 200 entries" in out
    assert "days with practice in all" in out
    lowered = out.lower()
    assert "streak" not in lowered and "missed" not in lowered


def test_stats_with_nothing_yet(cfcoach: Run) -> None:
    result = cfcoach("stats")
    assert result.returncode == 0
    assert result.stdout.startswith("Nothing to show yet.")


def test_history_never_loads_the_tui(home: Path, entries: dict[str, int]) -> None:
    for args in (("history", "--json"), ("show", str(entries["new"])), ("stats",)):
        loaded = imported_modules(home, *args)
        assert "cfcoach.cli.history_cmds" in loaded
        assert not [m for m in loaded if m == "textual" or m.startswith("textual.")]


def test_history_says_how_many_are_unfinished_and_lists_them_when_asked(
    cfcoach: Run, home: Path
) -> None:
    """Issue 17: history said "No entries yet" while three drafts existed."""
    with EntryStore(app_paths().database) as store:
        drafts = [
            add(store, NOW - n * DAY, {"critic": f"Draft {n}"}, status="draft") for n in (1, 2, 3)
        ]

    only_drafts = cfcoach("history")
    assert only_drafts.returncode == 0
    assert "No entries yet" not in only_drafts.stdout
    assert " ".join(only_drafts.stdout.split()) == (
        "No finished entries yet, and 3 unfinished entries: `cfcoach history "
        "--include-drafts` lists them, and `cfcoach` offers to continue."
    )

    listed = cfcoach("history", "--include-drafts")
    assert listed.returncode == 0, listed.stderr
    numbers = [int(line.split()[0]) for line in listed.stdout.splitlines()[1:] if line.strip()]
    assert numbers == drafts
    assert listed.stdout.count("[unfinished]") == 3
    assert "3 of 3 entries, newest first." in listed.stderr
    assert "not listed" not in listed.stderr

    with EntryStore(app_paths().database) as store:
        add(store, NOW, {"critic": "Finished one"})
    mixed = cfcoach("history")
    assert "Finished one" in mixed.stdout and "Draft" not in mixed.stdout
    assert mixed.stderr.splitlines()[-1] == (
        "3 unfinished entries are not listed; `cfcoach history --include-drafts` lists them too."
    )
    as_json = cfcoach("history", "--json", "--include-drafts")
    assert len(json.loads(as_json.stdout)) == 4


def stats_of_paired_ratings(cfcoach: Run, env: dict[str, str] | None = None) -> str:
    with EntryStore(app_paths().database) as store:
        for n in range(4):
            add(store, NOW - n * DAY, {"intensity_before": 8, "intensity_after": 3})
            add(store, NOW - n * DAY, {"intensity_before": 7, "intensity_after": 4})
    result = cfcoach("stats", env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("env", [None, {"NO_COLOR": "1"}], ids=["a pipe", "NO_COLOR"])
def test_stats_without_colour_draw_before_and_after_differently(
    cfcoach: Run, home: Path, env: dict[str, str] | None
) -> None:
    """Issue 17: without colour, "█ before █ after" drew both with the same glyph."""
    out = stats_of_paired_ratings(cfcoach, env)

    chart = out.split("Critic intensity, before and after\n")[1].split("\n\n")[0]
    assert "▒ before  █ after" in chart
    bars = [line[4:] for line in chart.splitlines() if line[3:4] in "┤│"]
    columns = ["".join(line[i] for line in bars if i < len(line)) for i in range(len(bars[0]))]
    assert "▒▒▒▒" in columns[0] and "█" not in columns[0]  # before, about 7.5 of 10
    assert "█" in columns[1] and "▒" not in columns[1]  # after, about 3.5
    calendar = out.split("Days you practised\n")[1].split("\n\n")[0]
    *grid, key, _ = calendar.splitlines()
    assert "▪ 1  ■ 2  █ 3 or more" in key
    days = "".join(grid)
    assert days.count("■") == 4 and "▪" not in days  # four days of two entries each


def test_stats_say_one_day_not_one_days(cfcoach: Run, home: Path) -> None:
    with EntryStore(app_paths().database) as store:
        add(store, NOW, {"intensity_before": 8, "intensity_after": 3})
    assert "1 day with practice in all" in cfcoach("stats").stdout
