"""Text a person wrote, kept and shown safely: terminal control characters are never run.

Two forms, one set of characters (C0 controls but tab and newline, DEL, and C1 controls,
which include CSI and OSC):

- :func:`printable` is for *showing* stored text (lists, reviews, exports): each control
  becomes ``\\xNN``, so nothing is lost and nothing reaches the terminal raw.
- :func:`typeable` is for *taking* text into an answer box, as it is typed or pasted: each
  control becomes one visible symbol (its Unicode Control Picture), so what the box shows,
  what it holds and what is saved are the same text.
"""

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


# Windows and old Mac line ends, and Unicode's line and paragraph separators: a text box
# splits lines at each of them, so they are taken as the one newline they mean.
_LINE_END = re.compile(r"\r\n|[\r\u2028\u2029]")
_C1_MARK = "\ufffd"
"""C1 controls have no Control Picture: they show as U+FFFD, the replacement character."""


def control_picture(char: str) -> str:
    """The visible symbol for one control character: U+2400 + code for C0 (ESC is ␛),
    U+2421 (␡) for DEL, and U+FFFD for a C1 control. Any other character is returned as is."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F:
        return _C1_MARK
    return char


def typeable(text: str, *, one_line: bool = False) -> str:
    """``text`` as an answer box takes it when it is typed or pasted.

    Line ends (``\\r\\n``, ``\\r``, U+2028, U+2029) become ``\\n``; with ``one_line``, a
    newline or tab becomes a space (a one-line box can show neither). Every other control
    character becomes its :func:`control_picture`, and a lone surrogate becomes U+FFFD
    (see :func:`storable`). Text without any of these is returned unchanged.
    """
    text = _LINE_END.sub("\n", text)
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return storable(_CONTROL.sub(lambda m: control_picture(m.group()), text))
