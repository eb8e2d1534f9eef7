"""The two safe forms of a person's text: shown (``printable``) and taken in (``typeable``)."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from cfcoach.textsafety import (
    control_picture,
    is_bidi_control,
    json_escaped,
    printable,
    storable,
    typeable,
    unshowable,
)

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NOT_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")


def test_each_control_becomes_its_control_picture() -> None:
    assert typeable("\x00\x07\x1b[2J\x1f") == "\u2400\u2407\u241b[2J\u241f"
    assert typeable("\x7f") == "\u2421"  # DEL: ␡
    assert typeable("\x9b31m\x85") == "\ufffd31m\ufffd"  # C1 has no picture
    assert control_picture("a") == "a"


def test_tabs_and_newlines_stay_and_every_line_end_is_a_newline() -> None:
    assert typeable("a\tb\nc") == "a\tb\nc"
    assert typeable("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"


def test_a_one_line_box_takes_newlines_and_tabs_as_spaces() -> None:
    assert typeable("one\r\ntwo\tthree\nfour", one_line=True) == "one two three four"


def test_a_lone_surrogate_is_stored_as_the_replacement_character() -> None:
    assert typeable("a\udc80b") == storable("a\udc80b") == "a\ufffdb"


def test_ordinary_unicode_is_kept_exactly() -> None:
    text = "e\u0301 \U0001f44b\U0001f3fd \u0645\u0631\u062d\u0628\u0627 \ufdfd \u200d"
    assert typeable(text) == text == printable(text)


def test_bidirectional_controls_are_shown_as_marks_not_run() -> None:
    # An override or isolate makes a terminal show the words after it in another order.
    assert printable("\u202eevil\u202c") == "\\u202eevil\\u202c"
    assert (
        printable("a\u2066b\u2069 \u200e\u200f\u061c") == "a\\u2066b\\u2069 \\u200e\\u200f\\u061c"
    )
    assert printable("\x1b[2J\x9b") == "\\x1b[2J\\x9b"  # controls, as before
    assert all(is_bidi_control(c) for c in BIDI)
    assert not any(is_bidi_control(c) for c in "\x1b\x9ba\u200d")
    assert unshowable("fine\ttext\n") is None
    assert unshowable("a\u202eb\x1b") == "\u202e"


def test_json_text_escapes_what_a_terminal_would_run_and_means_the_same() -> None:
    data = {"answer": "a\u202eb\u2066c\x7f\x9b\x1b é"}
    text = json_escaped(json.dumps(data, ensure_ascii=False))
    assert not NOT_SHOWN.search(text)
    assert "é" in text
    assert json.loads(text) == data


@given(st.text())
def test_printed_text_holds_nothing_a_terminal_would_run(text: str) -> None:
    shown = printable(text)
    assert not NOT_SHOWN.search(shown)
    assert printable(shown) == shown  # marks are themselves shown as they are
    assert unshowable(text) == next((c for c in text if NOT_SHOWN.match(c)), None)


@given(st.text())
def test_typeable_text_holds_nothing_unsafe_and_is_already_typeable(text: str) -> None:
    taken = typeable(text)
    assert not UNSAFE.search(taken)
    assert "\r" not in taken
    assert typeable(taken) == taken
    # what the box held is shown the same everywhere (a bidirectional control as its mark)
    assert printable(taken) == re.sub(f"[{BIDI}]", lambda m: f"\\u{ord(m.group()):04x}", taken)
    line = typeable(text, one_line=True)
    assert "\n" not in line and "\t" not in line and not UNSAFE.search(line)


@given(st.text(alphabet=st.characters(exclude_characters="\r\u2028\u2029")))
def test_without_line_ends_every_character_is_one_character(text: str) -> None:
    # so a box's cursor stays where it was: the change never moves text along
    assert len(typeable(text)) == len(text)
