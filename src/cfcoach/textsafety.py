"""Text a person wrote, or an exercise file holds, kept and shown safely: terminal control
characters are never run, and text is never silently shown in another order.

Two forms, one set of control characters (C0 controls but tab and newline, DEL, and C1
controls, which include CSI and OSC):

- :func:`printable` is for *showing* text (answers in lists, reviews and exports, and every
  display string of an exercise): each control becomes ``\\xNN``, and each bidirectional
  control (embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069, and the marks
  U+200E, U+200F, U+061C) becomes ``\\uNNNN``, so nothing is lost and nothing reaches the
  terminal raw.
- :func:`typeable` is for *taking* text into an answer box, as it is typed or pasted: each
  control becomes one visible symbol (its Unicode Control Picture), so what the box shows,
  what it holds and what is saved are the same text.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI and OSC).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROLS}]")
# Bidirectional controls: the Arabic letter mark, the left-to-right and right-to-left
# marks, embeddings and overrides, and isolates. A terminal (or a viewer) that runs them
# shows the text around them in another order than it was written.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSHOWABLE = re.compile(f"[{_CONTROLS}{_BIDI}]")


def _mark(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters (escape sequences included) shown as ``\\xNN`` and
    bidirectional controls as ``\\uNNNN``; tab and newline are kept."""
    return _UNSHOWABLE.sub(lambda m: _mark(m.group()), text)


def unshowable(text: str) -> str | None:
    """The first character of ``text`` that :func:`printable` would mark, or None."""
    found = _UNSHOWABLE.search(text)
    return found.group() if found else None


def is_bidi_control(char: str) -> bool:
    """True for a bidirectional control character (see :func:`printable`)."""
    return _UNSHOWABLE.fullmatch(char) is not None and _CONTROL.fullmatch(char) is None


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}]")


def json_escaped(json_text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes C0 controls)
    with DEL, C1 and bidirectional controls written as ``\\uNNNN`` too: the same data, and
    a terminal never runs them."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


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
