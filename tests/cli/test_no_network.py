"""cfcoach never touches the network: every command works with sockets forbidden."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest

from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS

BLOCKER = dedent(
    """
    import socket, sys

    class _NoNetwork(socket.socket):
        def __init__(self, family=-1, *args, **kwargs):
            if family in (socket.AF_INET, socket.AF_INET6, -1):
                sys.stderr.write("NETWORK-ATTEMPT\\n")
                raise OSError("network access is blocked in this test")
            super().__init__(family, *args, **kwargs)

    socket.socket = _NoNetwork
    socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("blocked"))
    """
)


@pytest.fixture
def offline(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "offline-site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(BLOCKER)
    return {"PYTHONPATH": str(folder)}


def test_the_blocker_really_blocks(cfcoach: Run, offline: dict[str, str], tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import socket\nsocket.socket()\n")
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(probe)],
        env={"PYTHONPATH": offline["PYTHONPATH"]},
        capture_output=True,
        text=True,
    )
    assert "NETWORK-ATTEMPT" in result.stderr


def test_check_in_export_history_and_content_work_offline(
    cfcoach: Run, offline: dict[str, str]
) -> None:
    steps = [
        cfcoach(
            "run", "daily-checkin", "--plain", stdin="\n".join(CALM_ANSWERS) + "\n", env=offline
        ),
        cfcoach("export", "--format", "json", env=offline),
        cfcoach("content", "list", env=offline),
        cfcoach("content", "validate", env=offline),
        cfcoach("backup", env=offline),
        cfcoach("doctor", env=offline),
        cfcoach("history", "--search", "tired", env=offline),
        cfcoach("stats", env=offline),
        cfcoach("export", "--format", "html", env=offline),
    ]
    for result in steps:
        assert result.returncode == 0, (result.args, result.stderr)
        assert "NETWORK-ATTEMPT" not in result.stderr
    assert len(json.loads(steps[1].stdout)["entries"]) == 1
