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

from cfcoach.safety.normalise import CLAUSE, fold_accents, squeeze

DEFAULT_GAP = 3
MAX_GAP = 8
_TOKEN = re.compile(r"\s*(\.\.\.\d*|!\(|\{[a-z_]+\}|[()|?$]|[a-z0-9']+\*?)")
_WORD_GAP = "[a-z0-9]+ "


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says what to change."""


def _lex(pattern: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    text = fold_accents(pattern.strip().casefold())
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


class _Reader:
    """Walks a pattern's tokens, one at a time."""

    def __init__(
        self,
        tokens: list[str],
        lexicon: Mapping[str, Sequence[str]],
        words_of: Callable[[str], list[str]],
    ) -> None:
        self.tokens = tokens
        self.position = 0
        self.lexicon = lexicon
        self.words_of = words_of

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token


class _Compiler(_Reader):
    def __init__(
        self,
        tokens: list[str],
        lexicon: Mapping[str, Sequence[str]],
        words_of: Callable[[str], list[str]],
        allow_classes: bool,
    ) -> None:
        super().__init__(tokens, lexicon, words_of)
        self.allow_classes = allow_classes

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


def pattern_source(
    pattern: str,
    lexicon: Mapping[str, Sequence[str]],
    words_of: Callable[[str], list[str]],
) -> str:
    """The regular expression (as text) that :func:`compile_patterns` would compile for
    one pattern, without compiling it (:class:`LazyRegexes` compiles it when first needed)."""
    return "(?<= )(?:(?:" + compile_sequence(pattern, lexicon, words_of) + "))"


class LazyRegexes:
    """Regular expressions compiled when first used.

    The shipped rules hold about two thousand patterns; compiling them all takes seconds,
    and a text needs only the few whose trigger words it contains.
    """

    def __init__(self, sources: Sequence[str]) -> None:
        self.sources = tuple(sources)
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, index: int) -> re.Pattern[str]:
        found = self._compiled[index]
        if found is None:
            found = self._compiled[index] = re.compile(self.sources[index])
        return found

    def check(self) -> None:
        """Compile every one now; :class:`PatternError` for one that matches no words."""
        for index, source in enumerate(self.sources):
            regex = self[index]
            empty = regex.match(" ", 1)
            if empty is not None and empty.end() == 1:
                raise PatternError(f"the pattern {source!r} can match no words at all")


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


# --- triggers: words one of which every match must contain ----------------------------
#
# A 300-word answer meets a few hundred patterns; running each regular expression over it
# costs more than everything else in assess(). Most patterns need a word the text does
# not have, so each pattern gets a *trigger*: a set of words (and word starts, for
# ``stem*``), at least one of which any match contains. A pattern whose trigger is absent
# from the text cannot match and is not run. ``None`` means "no such set": always run.

Trigger = frozenset[str]
"""Words, and word starts written ``stem*``; a match always contains one of them."""

# Words so common that a trigger made of them would let the pattern run on almost any text.
_COMMON = frozenset(
    "i to my a the be am is it and of that do not have me you in on for so just want go "
    "get would will can no at all with this what up out about".split()
)


def _cost(trigger: Trigger) -> int:
    return sum(100 if word in _COMMON else 3 if word.endswith("*") else 1 for word in trigger)


class _Triggers(_Reader):
    """Works out a pattern's trigger by walking its tokens as :class:`_Compiler` does."""

    def alternatives(self) -> Trigger | None:
        options = [self.sequence()]
        while self.peek() == "|":
            self.take()
            options.append(self.sequence())
        if any(option is None for option in options):
            return None
        return frozenset().union(*(o for o in options if o is not None))

    def sequence(self) -> Trigger | None:
        required: list[Trigger] = []
        while self.peek() not in (None, "|", ")"):
            found = self.atom()
            optional = self.peek() == "?"
            if optional:
                self.take()
            if found is not None and not optional:
                required.append(found)
        return min(required, key=_cost) if required else None

    def atom(self) -> Trigger | None:
        token = self.take()
        if token in ("(", "!("):
            inner = self.alternatives()
            self.take()  # ")"
            return None if token == "!(" else inner
        if token == "$" or token.startswith("..."):
            return None
        if token.startswith("{"):
            entries = self.lexicon.get(token[1:-1], ())
            found = [_entry_trigger(entry, self.words_of) for entry in entries]
            if not found or any(f is None for f in found):
                return None
            return frozenset().union(*(f for f in found if f is not None))
        if token.endswith("*"):
            return frozenset({squeeze(token[:-1].replace("'", "")) + "*"})
        words = [w for w in self.words_of(token) if w != CLAUSE]
        if not words:
            return None
        return frozenset({min(words, key=lambda w: (w in _COMMON, -len(w)))})


def _entry_trigger(entry: str, words_of: Callable[[str], list[str]]) -> Trigger | None:
    walker = _Triggers(_lex(entry), {}, words_of)
    return walker.alternatives() if walker.tokens else None


def trigger_of(
    pattern: str,
    lexicon: Mapping[str, Sequence[str]],
    words_of: Callable[[str], list[str]],
) -> Trigger | None:
    """The trigger of one (valid) pattern, or None when every text must be searched."""
    walker = _Triggers(_lex(pattern), lexicon, words_of)
    return walker.alternatives() if walker.tokens else None


class TextWords:
    """The words of a normalised text and every start of them, to test triggers quickly."""

    def __init__(self, norm: str) -> None:
        self.words = frozenset(norm.split())
        starts: set[str] = set()
        for word in self.words:
            starts.update(word[:end] + "*" for end in range(2, len(word) + 1))
        self.starts = starts

    def may_match(self, trigger: Trigger | None) -> bool:
        """False only when the pattern with this trigger cannot match the text."""
        if trigger is None:
            return True
        return not (trigger.isdisjoint(self.words) and trigger.isdisjoint(self.starts))
