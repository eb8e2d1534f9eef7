"""The error log: details of what went wrong, kept in the state folder, never on screen.

Log records carry ids and error types; they never carry what the person wrote.
"""

from __future__ import annotations

import logging
import os
import traceback

from cfcoach.paths import PRIVATE_FILE_MODE, app_paths, ensure_private_dir

_LOGGER_NAME = "cfcoach"


def get_logger() -> logging.Logger:
    """The cfcoach logger, writing to ``cfcoach.log`` in the state folder (set up once)."""
    logger = logging.getLogger(_LOGGER_NAME)
    log_file = app_paths().log_file
    current = [h for h in logger.handlers if getattr(h, "cfcoach_log_file", None) == str(log_file)]
    if current:
        return logger
    for old in list(logger.handlers):  # CFCOACH_HOME changed (tests): follow it
        logger.removeHandler(old)
        old.close()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        ensure_private_dir(log_file.parent)
        if not log_file.exists():
            fd = os.open(log_file, os.O_CREAT | os.O_WRONLY | os.O_APPEND, PRIVATE_FILE_MODE)
            os.close(fd)
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.cfcoach_log_file = str(log_file)  # type: ignore[attr-defined]
    logger.addHandler(handler)
    return logger


def log_exception(context: str, exc: BaseException) -> str:
    """Record ``exc`` with its traceback (file and line names only, no user text).

    Returns the path of the log file, for a message that tells the person where to look.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{f.filename}:{f.lineno} in {f.name}" for f in reversed(frames))
    get_logger().error("%s: %s at %s", context, type(exc).__name__, where or "?")
    return str(app_paths().log_file)
