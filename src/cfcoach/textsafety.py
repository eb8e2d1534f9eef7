"""Show text a person wrote safely: terminal control characters are made visible, not run."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI and OSC).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters (escape sequences included) shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a lone surrogate (from undecodable input; never a
    character) becomes U+FFFD, the replacement character. Everything else is kept exactly."""
    return _SURROGATE.sub("\ufffd", text)
