"""The two safe forms of a person's text: shown (``printable``) and taken in (``typeable``)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cfcoach.textsafety import control_picture, printable, storable, typeable

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


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
    text = "\u202eevil\u202c e\u0301 \U0001f44b\U0001f3fd \u0645\u0631\u062d\u0628\u0627 \ufdfd"
    assert typeable(text) == text == printable(text)


@given(st.text())
def test_typeable_text_holds_nothing_unsafe_and_is_already_typeable(text: str) -> None:
    taken = typeable(text)
    assert not UNSAFE.search(taken)
    assert "\r" not in taken
    assert typeable(taken) == taken
    assert printable(taken) == taken  # what the box held is shown the same everywhere
    line = typeable(text, one_line=True)
    assert "\n" not in line and "\t" not in line and not UNSAFE.search(line)


@given(st.text(alphabet=st.characters(exclude_characters="\r\u2028\u2029")))
def test_without_line_ends_every_character_is_one_character(text: str) -> None:
    # so a box's cursor stays where it was: the change never moves text along
    assert len(typeable(text)) == len(text)
