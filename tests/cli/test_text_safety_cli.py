"""The commands never send a terminal a control or bidirectional character from a file or
an answer (issue 17, item 8 and its bidi edge), run as the real command."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore, new_entry
from tests.cli.conftest import Run

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# What a terminal must never be sent: C0 controls but tab and newline, DEL, C1, and bidi.
NOT_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")

NASTY = """\
id: nasty
title: "Kind \\e]0;pwned\\a words"
summary: "A test \\u202Ewith an override."
minutes: 1
version: 1
sources: ["Someone (2020)"]
systems: [soothe]
steps:
  - id: hello
    kind: info
    title: "Hello \\e[2J"
    text: "Line one\\nline two \\u2066isolated"
  - id: pick
    kind: choice
    title: Pick one
    label: Pick
    options:
      - {value: a, label: "A \\e[31mred"}
      - {value: b, label: "B \\x9b"}
"""


def nasty_file(folder: Path, name: str = "nasty.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(NASTY, encoding="utf-8")
    return path


def assert_shown_safely(*outputs: str) -> None:
    for output in outputs:
        found = sorted({f"U+{ord(c):04X}" for c in NOT_SHOWN.findall(output)})
        assert not found, f"sent to the terminal raw: {found}"


def test_validate_warns_about_each_escape_with_its_line(cfcoach: Run, tmp_path: Path) -> None:
    path = nasty_file(tmp_path)
    result = cfcoach("content", "validate", str(path))
    assert result.returncode == 0, result.stderr
    assert_shown_safely(result.stdout, result.stderr)
    assert (
        f"{path}:2:8: warning: the title has a control character U+001B, which could change "
        "the terminal; cfcoach shows it as \\x1b instead, so remove it"
    ) in result.stdout.splitlines()
    assert f"{path}:3:10: warning: the summary has a bidirectional control character U+202E" in (
        result.stdout
    )
    assert f"{path}:19:27: warning: the label of option 2 of step 'pick' has a control " in (
        result.stdout
    )


def test_a_file_named_with_an_escape_is_named_safely(cfcoach: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad\x1b]0;pwned\x07.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    result = cfcoach("content", "validate", str(path))
    assert result.returncode == 1
    assert_shown_safely(result.stdout, result.stderr)
    assert "bad\\x1b]0;pwned\\x07.yaml:" in result.stdout


def test_add_list_and_plain_mode_show_marks(cfcoach: Run, tmp_path: Path) -> None:
    added = cfcoach("content", "add", str(nasty_file(tmp_path)))
    assert added.returncode == 0, added.stderr
    listed = cfcoach("content", "list")
    ran = cfcoach("run", "nasty", "--plain", stdin="1\n")
    assert ran.returncode == 0, ran.stderr
    assert_shown_safely(added.stdout, added.stderr, listed.stdout, listed.stderr, ran.stdout)
    assert "Added 'Kind \\x1b]0;pwned\\x07 words' (nasty)" in added.stdout
    assert "nasty" in listed.stdout and "Kind \\x1b]0;pwned\\x07 words" in listed.stdout
    for shown in ("Hello \\x1b[2J", "line two \\u2066isolated", "A \\x1b[31mred", "B \\x9b"):
        assert shown in ran.stdout


OVERRIDE = "I am fine\u202e enif ma I\u202c \u2066isolated\u2069 \u200fmark"


def saved_entry(home: Path) -> int:
    start = datetime.now(timezone.utc).replace(microsecond=0)
    entry = replace(
        new_entry("daily-checkin", 1, start),
        status="completed",
        answers={"critic": OVERRIDE, "intensity_before": 6},
        therapist_note="note \u202eeton",
    )
    with EntryStore(app_paths().database) as store:
        saved = store.save(entry)
    assert saved.id is not None
    return saved.id


def test_history_and_show_mark_bidirectional_controls(cfcoach: Run, home: Path) -> None:
    number = saved_entry(home)
    listed = cfcoach("history")
    shown = cfcoach("show", str(number))
    found = cfcoach("history", "--search", "isolated")
    assert listed.returncode == shown.returncode == found.returncode == 0, shown.stderr
    assert_shown_safely(listed.stdout, shown.stdout, found.stdout)
    assert "I am fine\\u202e enif ma I\\u202c \\u2066isolated\\u2069 \\u200fmark" in shown.stdout
    assert "note \\u202eeton" in shown.stdout
    assert "I am fine\\u202e" in listed.stdout


def test_history_and_show_json_escape_them_and_mean_the_same(cfcoach: Run, home: Path) -> None:
    number = saved_entry(home)
    listed = cfcoach("history", "--json")
    shown = cfcoach("show", str(number), "--json")
    assert_shown_safely(listed.stdout, shown.stdout)
    assert json.loads(listed.stdout)[0]["preview"] == " ".join(OVERRIDE.split())
    answers = {a["step"]: a["answer"] for a in json.loads(shown.stdout)["answers"]}
    assert answers["critic"] == OVERRIDE
    assert json.loads(shown.stdout)["therapist_note"] == "note \u202eeton"
