"""Where cfcoach keeps its files.

All of cfcoach's data, config and state live under one folder when the environment
variable ``CFCOACH_HOME`` is set (tests and scripts use it); otherwise in the
platform's usual places (platformdirs). Folders are created 0700 on first use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "cfcoach"
HOME_ENV = "CFCOACH_HOME"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


# A NamedTuple, not a dataclass: this module is imported at every start of the coach, and
# a dataclass compiles the source of its methods then (issue 8: first paint).
class AppPaths(NamedTuple):
    """The folders cfcoach uses; nothing is created until :func:`ensure_private_dir`."""

    data_dir: Path
    config_dir: Path
    state_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "entries.sqlite3"

    @property
    def user_exercises(self) -> Path:
        return self.data_dir / "exercises"

    @property
    def log_file(self) -> Path:
        return self.state_dir / "cfcoach.log"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.json"


def app_paths() -> AppPaths:
    """Resolve the folders from ``CFCOACH_HOME`` or platformdirs."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "data", root / "config", root / "state")
    import platformdirs

    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` if needed and make it readable by its owner only.

    Folders created on the way (e.g. ``CFCOACH_HOME`` itself) are made private too;
    folders that already existed are left as they were. ``path`` itself, if it was there,
    only loses what others may do: one its owner made read-only stays read-only.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        folder.chmod(PRIVATE_DIR_MODE)
    mode = path.stat().st_mode & 0o777
    if mode & ~PRIVATE_DIR_MODE:
        path.chmod(mode & PRIVATE_DIR_MODE)
    return path


def shipped_content_dir() -> Path:
    """The ``content/`` folder shipped with cfcoach (inside the wheel, or the repo root)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "content"
