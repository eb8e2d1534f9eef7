"""A small pattern language for safety rules, compiled to regular expressions.

Rules in rules.yaml are written as words, not as regular expressions, and go through the
same normalisation as the person's text (see :mod:`cfcoach.safety.normalise`)::

    want to kill {self}          words; {self} is a word class from the lexicon
    cut* {self}                  cut* is any word starting with "cut"
    (pills|tablets|meds)         one of these (each may be several words)
    rope? ...4 for               ? makes the item before it optional; ...4 is 0-4 words
    rather die than !(sing|eat)  !( ) means: not followed by any of these
    go on $                      $ is the end of a clause

A pattern never reaches across a clause break (a full stop, comma, question mark ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from cfcoach.safety.normalise import CLAUSE, squeeze

DEFAULT_GAP = 3
MAX_GAP = 8
_TOKEN = re.compile(r"\s*(\.\.\.\d*|!\(|\{[a-z_]+\}|[()|?$]|[a-z0-9']+\*?)")
_WORD_GAP = "[a-z0-9]+ "


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says what to change."""


def _lex(pattern: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    text = pattern.strip().casefold()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise PatternError(
                f"cannot read the pattern from {text[position:]!r}: use words, word*, "
                "{class}, ( | ), !( ), ?, $ and ...N"
            )
        tokens.append(match.group(1))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return tokens


class _Compiler:
    def __init__(
        self,
        tokens: list[str],
        lexicon: Mapping[str, Sequence[str]],
        words_of: Callable[[str], list[str]],
        allow_classes: bool,
    ) -> None:
        self.tokens = tokens
        self.position = 0
        self.lexicon = lexicon
        self.words_of = words_of
        self.allow_classes = allow_classes

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def alternatives(self) -> str:
        options = [self.sequence()]
        while self.peek() == "|":
            self.take()
            options.append(self.sequence())
        if any(option == "" for option in options):
            raise PatternError("a ( | ) group has an empty choice")
        return "(?:" + "|".join(options) + ")"

    def sequence(self) -> str:
        parts: list[str] = []
        while self.peek() not in (None, "|", ")"):
            item = self.atom()
            if self.peek() == "?":
                self.take()
                item = f"(?:{item})?"
            parts.append(item)
        return "".join(parts)

    def atom(self) -> str:
        token = self.take()
        if token == "?":
            raise PatternError("'?' must follow a word or a group")
        if token in ("(", "!("):
            inner = self.alternatives()
            if self.peek() != ")":
                raise PatternError("a '(' has no matching ')'")
            self.take()
            return f"(?!{inner})" if token == "!(" else inner
        if token == "$":
            return r"(?=\| |$)"
        if token.startswith("..."):
            count = int(token[3:]) if len(token) > 3 else DEFAULT_GAP
            if not 1 <= count <= MAX_GAP:
                raise PatternError(f"a gap is 1 to {MAX_GAP} words ('...{count}' is not)")
            return f"(?:{_WORD_GAP}){{0,{count}}}?"
        if token.startswith("{"):
            return self.word_class(token[1:-1])
        if token.endswith("*"):
            stem = squeeze(token[:-1].replace("'", ""))
            if len(stem) < 2:
                raise PatternError(f"'{token}' is too short a prefix")
            return re.escape(stem) + "[a-z0-9]* "
        words = self.words_of(token)
        if not words or CLAUSE in words:
            raise PatternError(f"'{token}' is not a word the rules can match")
        return "".join(re.escape(word) + " " for word in words)

    def word_class(self, name: str) -> str:
        if not self.allow_classes:
            raise PatternError(f"a lexicon entry cannot use another class ({{{name}}})")
        entries = self.lexicon.get(name)
        if not entries:
            known = ", ".join(sorted(self.lexicon)) or "none"
            raise PatternError(f"there is no word class {{{name}}} (the classes are: {known})")
        options = [
            compile_sequence(entry, self.lexicon, self.words_of, allow_classes=False)
            for entry in entries
        ]
        return "(?:" + "|".join(options) + ")"


def compile_sequence(
    pattern: str,
    lexicon: Mapping[str, Sequence[str]],
    words_of: Callable[[str], list[str]],
    *,
    allow_classes: bool = True,
) -> str:
    """The regular expression (as text) for one pattern."""
    compiler = _Compiler(_lex(pattern), lexicon, words_of, allow_classes)
    result = compiler.alternatives() if compiler.tokens else ""
    if compiler.position != len(compiler.tokens):
        raise PatternError("a ')' has no matching '('")
    if not result or result == "(?:)":
        raise PatternError("the pattern is empty")
    return result


def compile_patterns(
    patterns: Sequence[str],
    lexicon: Mapping[str, Sequence[str]],
    words_of: Callable[[str], list[str]],
) -> re.Pattern[str]:
    """One regular expression matching any of ``patterns`` (each starting at a word)."""
    pieces: list[str] = []
    for pattern in patterns:
        piece = compile_sequence(pattern, lexicon, words_of)
        regex = re.compile("(?<= )" + piece)
        empty = regex.match(" ", 1)
        if empty is not None and empty.end() == 1:
            raise PatternError(f"the pattern {pattern!r} can match no words at all")
        pieces.append(piece)
    return re.compile("(?<= )(?:" + "|".join(f"(?:{p})" for p in pieces) + ")")
