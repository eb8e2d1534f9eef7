"""Line breaking for the PDF: the same lines as always, in time linear in the text (issue 17).

Linearity is shown by counting what is measured, never by timing: a word wider than a line
used to be measured again, whole, for every line it filled (a 300 KB word took 90 s).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cfcoach.export import get_format
from cfcoach.export.linebreak import wrap
from tests.unit.golden import samples


class Counting:
    """A measure (one unit per character, "W" three) that counts the characters it reads."""

    def __init__(self) -> None:
        self.read = 0
        self.calls = 0

    def __call__(self, text: str) -> float:
        self.calls += 1
        self.read += len(text)
        return float(len(text) + 2 * text.count("W"))


def test_an_unbroken_word_is_measured_in_one_pass() -> None:
    word = "x" * 20_000
    measure = Counting()
    lines = wrap(word, 10, measure)
    assert lines == ["x" * 10] * 2_000
    # the word once, then each different character once; re-measuring what is left of the
    # word for every line read about 20 million characters here
    assert measure.read <= 2 * len(word) + 10
    assert measure.calls <= 10


def test_many_long_words_and_short_ones_stay_linear() -> None:
    text = " ".join(["a" * 5_000, "short", "W" * 3_000, "words", "b" * 7_000] * 4)
    measure = Counting()
    wrap(text, 40, measure)
    assert measure.read <= 2 * len(text) + 100


def _wrap_as_before(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The earlier (quadratic) line breaking, kept here as the reference for the lines."""

    def longest_head(word: str) -> str:
        used, end = 0.0, 0
        for index, character in enumerate(word):
            used += measure(character)
            if used > width:
                break
            end = index + 1
        return word[: max(end, 1)]

    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: str | None = None
        line_width = 0.0
        for word in paragraph.split(" "):
            word_width = measure(word)
            if line is not None and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line is not None:
                lines.append(line)
            while word_width > width and len(word) > 1:
                head = longest_head(word)
                lines.append(head)
                word = word[len(head) :]
                word_width = measure(word)
            line, line_width = word, word_width
        lines.append(line or "")
    return lines


@given(
    text=st.text(alphabet="ab W\n", max_size=200),
    width=st.integers(min_value=1, max_value=12),
)
def test_the_lines_are_the_ones_it_always_made(text: str, width: int) -> None:
    measure = Counting()
    assert wrap(text, width, measure) == _wrap_as_before(text, width, measure)


@given(text=st.text(alphabet="abW \n", max_size=200), width=st.integers(1, 12))
def test_every_line_fits_unless_it_is_one_character(text: str, width: int) -> None:
    measure = Counting()
    for line in wrap(text, width, measure):
        assert measure(line) <= width or len(line) == 1


@pytest.mark.parametrize("size", [60_000])
def test_a_pdf_of_a_long_unbroken_answer_measures_each_character_about_once(
    size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cfcoach.export import pdf_format

    read = 0
    measure = pdf_format.ReportPDF.get_string_width

    def counting(self: pdf_format.ReportPDF, text: str, *args: object, **kwargs: object) -> float:
        nonlocal read
        read += len(text)
        return measure(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_format.ReportPDF, "get_string_width", counting)
    entry = samples.entries()[0]
    long = replace(entry, answers={**entry.answers, "compassionate": "x" * size})
    get_format("pdf").binary_writer()(samples.bundle(entries=[long]), io.BytesIO())
    # the answer is about all there is; before, what was left of it was measured for every
    # one of its ~750 lines (about 22 million characters read)
    assert read <= 3 * size
