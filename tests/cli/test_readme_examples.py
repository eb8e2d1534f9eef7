"""The README's shell examples work as written (issue 17: "the README's examples are run by
tests").

Every ``cfcoach ...`` line of the README's ``sh`` blocks is taken from README.md and run
in order, in a fresh CFCOACH_HOME and HOME, after the plain-mode check-in example (which
tests/cli/test_plain_mode.py runs verbatim) has made one entry. The example entry number
128 becomes that entry's number. Lines that open the coach, wait for a person at a
terminal or change the shell's own files are named in ``NEEDS_A_PERSON`` and left out.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NEEDS_A_PERSON = {
    "cfcoach run daily-checkin --plain",  # asks at the terminal (the pipe example is run)
    "cfcoach content preview my.yaml",  # opens the coach
    "cfcoach --install-completion",  # writes to the shell's start-up file
}


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    commands = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #")[0].strip()
            if line.startswith("cfcoach ") and line not in NEEDS_A_PERSON:
                commands.append(line)
    return commands


def test_every_readme_command_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "CFCOACH_HOME": str(tmp_path / "cfcoach"),
        "HOME": str(home),
        "NO_COLOR": "1",
    }
    checkin = "\n".join(
        [
            "You never finish anything",
            "4",
            "Ashamed, Sad",
            "Being seen as lazy",
            "Doing everything perfectly",
            "You are tired and doing your best",
            "Some of each",
            "3",
            "6",
            "Helpful, at least a little",
            "Make a cup of tea",
            "",
        ]
    )
    made = subprocess.run(
        [sys.executable, "-m", "cfcoach", "run", "daily-checkin", "--plain"],
        input=checkin + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    (tmp_path / "my.yaml").write_text(
        (ROOT / "content" / "exercises" / "soothing-breathing.yaml").read_text(encoding="utf-8")
    )
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "mine.yaml").write_text(
        (ROOT / "content" / "exercises" / "safe-place.yaml")
        .read_text(encoding="utf-8")
        .replace("id: safe-place", "id: my-safe-place"),
        encoding="utf-8",
    )
    commands = readme_commands()
    assert len(commands) >= 25  # the README's examples are all found
    ran = []
    for line in commands:
        line = line.replace("128", "1").replace("[FILE]", "").replace("~/", f"{home}/")
        if line.startswith("cfcoach restore FILE"):
            backups = sorted((tmp_path / "cfcoach" / "data" / "backups").glob("*.sqlite3"))
            assert backups, "the backup example made no backup to restore"
            # At a terminal it asks first; without one it asks for --yes (one sentence).
            line = f"cfcoach restore {backups[-1]} --yes"
        args = shlex.split(line)[1:]
        result = subprocess.run(
            [sys.executable, "-m", "cfcoach", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
        )
        assert "Traceback" not in result.stderr, (line, result.stderr)
        assert result.returncode == 0, (line, result.returncode, result.stderr[-500:])
        ran.append(line)
    assert (home / "for-therapist.pdf").read_bytes().startswith(b"%PDF")
    assert (home / "checkins.html").read_text(encoding="utf-8").lower().startswith("<!doctype")
    assert ran
