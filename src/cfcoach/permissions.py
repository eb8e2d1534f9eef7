"""Keep cfcoach's folders (0700) and files (0600) private to their owner, checked at start.

:func:`make_private` looks at the data, config and state folders and the database (with
its WAL, SHM and backup copies), settings and log files; whatever is open to other users
is made private again, and the front-end tells the person once, in one sentence
(:func:`messages`). What can't be changed (another owner, a read-only disk) is said too,
with what to do, and cfcoach carries on. Nothing is created here.

Fixes are also held for the front-end that starts next (:func:`take_held`): the CLI
checks before the coach's screen is drawn, and the coach shows the note on its home screen.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import NamedTuple

from cfcoach.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, AppPaths


# A NamedTuple, not a dataclass: this module is imported at every start of the coach, and
# a dataclass compiles the source of its methods then (issue 8: first paint).
class PermissionFix(NamedTuple):
    """One folder or file that was open to other users, and what became of it."""

    path: Path
    """The folder or file."""
    kind: str
    """What it is, in words: "data folder", "entries database"..."""
    was: int
    """Its permission bits as found (e.g. ``0o755``)."""
    wanted: int
    """The private mode it was given (``was`` less what others could do, so 0700 or 0600
    unless its owner had taken write away), or, when not fixed, 0700 / 0600."""
    fixed: bool
    """True when it is now private; False when changing it failed."""
    reason: str = ""
    """Why it could not be changed (an OS error's words), empty when fixed."""


_held: list[PermissionFix] = []


def make_private(paths: AppPaths) -> list[PermissionFix]:
    """Make every existing cfcoach folder and file private; what was changed (or couldn't be).

    Never raises: a folder that can't be read or changed is reported, not fatal.
    """
    found: list[PermissionFix] = []
    folders = [
        (paths.data_dir, "data folder"),
        (paths.config_dir, "settings folder"),
        (paths.state_dir, "log folder"),
    ]
    seen: set[Path] = set()
    for folder, kind in folders:
        if folder in seen:
            continue
        seen.add(folder)
        _check(folder, kind, PRIVATE_DIR_MODE, found)
    for file, kind in _files(paths):
        _check(file, kind, PRIVATE_FILE_MODE, found)
    if found:
        _log(found)
    _held.extend(found)
    return found


def take_held() -> list[PermissionFix]:
    """The fixes made in this process and not yet told to the person (and forget them)."""
    held = list(_held)
    _held.clear()
    return held


def _files(paths: AppPaths) -> list[tuple[Path, str]]:
    database = paths.database
    files: list[tuple[Path, str]] = [(database, "entries database")]
    try:
        neighbours = sorted(database.parent.glob(database.name + "?*"))
    except OSError:
        neighbours = []
    files += [(file, "entries database") for file in neighbours]
    files += [(paths.config_file, "settings file"), (paths.log_file, "log file")]
    return files


def _check(path: Path, kind: str, wanted: int, found: list[PermissionFix]) -> None:
    try:
        info = path.lstat()
    except OSError:
        return  # not there (yet): it is made private when it is made
    if stat.S_ISLNK(info.st_mode):
        return  # a link's own mode means nothing; its target is checked by name
    mode = info.st_mode & 0o777
    if mode & ~wanted == 0:
        return  # private already (or stricter)
    # Only what others may do is taken away: a folder or file its owner made read-only
    # (chmod -R a-w) stays read-only, and is not silently made writable again.
    private = mode & wanted
    try:
        path.chmod(private)
    except OSError as error:
        found.append(PermissionFix(path, kind, mode, wanted, False, error.strerror or "refused"))
        return
    found.append(PermissionFix(path, kind, mode, private, True))


def _log(found: list[PermissionFix]) -> None:
    """Record what was changed: kinds and modes only (no paths, nothing of what is inside)."""
    from cfcoach.errorlog import get_logger

    logger = get_logger()
    for fix in found:
        if fix.fixed:
            logger.warning("permissions: %s was %04o, made %04o", fix.kind, fix.was, fix.wanted)
        else:
            logger.warning("permissions: %s is %04o and could not be changed", fix.kind, fix.was)


def messages(found: list[PermissionFix]) -> list[str]:
    """What to tell the person: one sentence for all that was fixed, one per thing that wasn't."""
    told: list[str] = []
    fixed = [fix for fix in found if fix.fixed]
    if len(fixed) == 1:
        fix = fixed[0]
        told.append(
            f"Your cfcoach {fix.kind} could be read by other users of this computer; "
            f"it is now private to you (was {fix.was:04o})."
        )
    elif fixed:
        kinds = list(dict.fromkeys(fix.kind for fix in fixed))
        told.append(
            f"Some of your cfcoach files ({_listed(kinds)}) could be read by other users of "
            "this computer; they are now private to you."
        )
    for fix in found:
        if not fix.fixed:
            command = "chmod 700" if fix.wanted == PRIVATE_DIR_MODE else "chmod 600"
            told.append(
                f"Your cfcoach {fix.kind} {fix.path} can be read by other users of this "
                f"computer and cfcoach could not change that ({fix.reason}); run "
                f"`{command} '{fix.path}'` as its owner to make it private."
            )
    return told


def _listed(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
