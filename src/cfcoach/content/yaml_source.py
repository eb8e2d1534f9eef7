"""Read YAML into plain Python data while remembering where every value stood.

ruamel.yaml's round-trip loader keeps line and column numbers; this module copies its
result into plain dicts, lists and scalars (so nothing downstream depends on ruamel's
types) and records a position for every path into the data.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cfcoach.textsafety import unshowable

PathKey = tuple[str | int, ...]
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_BYTES = 2_000_000


class YamlReadError(Exception):
    """The text is not YAML we can use; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class SourceMap:
    """Positions (1-based line, column) of values and keys, by path into the data."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    unshowable: dict[PathKey, str] = field(default_factory=dict)
    """Text values holding a control or bidirectional control character (which is shown
    as a mark, never sent to a terminal; see :func:`cfcoach.textsafety.printable`): the
    first such character, by path."""

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """The best-known position for ``path``: its own, or its nearest parent's."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def _mark_position(mark: Any) -> tuple[int, int]:
    line = getattr(mark, "line", 0)
    column = getattr(mark, "column", 0)
    return (int(line) + 1, int(column) + 1)


def read_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse ``text`` (one YAML document) into plain data and its source map."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLFutureWarning, YAMLWarning
    from ruamel.yaml.scanner import Scanner

    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlReadError("the file is larger than 2 MB; an exercise file is much smaller")
    yaml = YAML(typ="rt", pure=True)
    # The plain scanner drops comments: we keep positions, not comments, and the
    # round-trip scanner raises NotImplementedError on some valid comment layouts.
    yaml.Scanner = Scanner
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():
            # e.g. a reused anchor: harmless here, and a warning must not reach the screen.
            warnings.simplefilter("ignore", YAMLWarning)
            warnings.simplefilter("ignore", YAMLFutureWarning)
            documents = list(yaml.load_all(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark_position(mark) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "the YAML cannot be read"
        raise YamlReadError(f"YAML syntax: {_tidy(problem)}", line, column) from exc
    except YAMLError as exc:
        raise YamlReadError(f"YAML syntax: {_tidy(str(exc))}") from exc
    except RecursionError as exc:
        raise YamlReadError("the YAML nests too deeply to be an exercise") from exc
    except AssertionError as exc:
        # ruamel asserts on a '%YAML' directive naming a version other than 1.1 or 1.2.
        if "version" not in str(exc):
            raise
        raise YamlReadError(
            "the '%YAML' line names a YAML version this reader does not know "
            "(it reads 1.1 and 1.2); remove that line, an exercise file does not need it",
            _directive_line(text, "%YAML"),
            1,
        ) from exc
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # ruamel raises plain exceptions for a few constructs (e.g. a list used as a key).
        raise YamlReadError(
            "the YAML cannot be read: it uses a construct an exercise file never needs "
            "(such as a list or mapping used as a key); keep to 'key: value' lines and '- ' lists"
        ) from exc
    if not documents or (len(documents) == 1 and documents[0] is None):
        raise YamlReadError("the file is empty; an exercise starts with 'id:', 'title:', ...")
    if len(documents) > 1:
        second = getattr(documents[1], "lc", None)
        line = int(second.line) + 1 if second is not None and second.line is not None else 1
        raise YamlReadError(
            "the file holds several YAML documents (separated by '---'); "
            "put one exercise in each file",
            line,
            1,
        )
    source = SourceMap()
    converter = _Converter(source)
    data = converter.convert(documents[0], (), 0)
    return data, source


def _directive_line(text: str, directive: str) -> int:
    """The 1-based number of the first line starting with ``directive`` (1 if none does)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(directive):
            return number
    return 1


def _tidy(message: str) -> str:
    return " ".join(str(message).split())


class _Converter:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.nodes = 0
        self.active: set[int] = set()

    def convert(self, node: Any, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlReadError("the YAML holds far more values than an exercise could")
        if depth > MAX_DEPTH:
            raise YamlReadError("the YAML nests too deeply to be an exercise")
        lc = getattr(node, "lc", None)
        # Tagged scalars carry a LineCol whose line and col are None.
        if (
            lc is not None
            and lc.line is not None
            and lc.col is not None
            and path not in self.source.values
        ):
            self.source.values[path] = (int(lc.line) + 1, int(lc.col) + 1)
        if isinstance(node, Mapping):
            return self._mapping(node, path, depth)
        if isinstance(node, Sequence) and not isinstance(node, (str, bytes)):
            return self._sequence(node, path, depth)
        value = _scalar(node)
        if isinstance(value, str) and (char := unshowable(value)) is not None:
            self.source.unshowable.setdefault(path, char)
        return value

    def _enter(self, node: Any) -> None:
        if id(node) in self.active:
            line, column = self.source.locate(())
            raise YamlReadError("the YAML refers to itself through an alias (*name)", line, column)
        self.active.add(id(node))

    def _mapping(self, node: Mapping[Any, Any], path: PathKey, depth: int) -> dict[str, Any]:
        self._enter(node)
        result: dict[str, Any] = {}
        lc = getattr(node, "lc", None)
        for original_key, value in node.items():
            key = original_key
            if isinstance(key, (int, float)) and not isinstance(key, bool):
                key = str(_scalar(key))
            if not isinstance(key, str):
                line, column = self.source.values.get(path, (1, 1))
                if lc is not None:
                    try:
                        kl, kc = lc.key(original_key)
                        line, column = kl + 1, kc + 1
                    except (KeyError, TypeError):
                        pass
                raise YamlReadError(
                    "keys must be plain words or numbers, not lists, mappings or empty values",
                    line,
                    column,
                )
            child: PathKey = (*path, key)
            if lc is not None:
                try:
                    kl, kc = lc.key(original_key)
                    self.source.keys[child] = (kl + 1, kc + 1)
                    vl, vc = lc.value(original_key)
                    self.source.values[child] = (vl + 1, vc + 1)
                except (KeyError, TypeError):
                    pass
            result[str(key)] = self.convert(value, child, depth + 1)
        self.active.discard(id(node))
        return result

    def _sequence(self, node: Sequence[Any], path: PathKey, depth: int) -> list[Any]:
        self._enter(node)
        result: list[Any] = []
        lc = getattr(node, "lc", None)
        for index, value in enumerate(node):
            child: PathKey = (*path, index)
            if lc is not None:
                try:
                    il, ic = lc.item(index)
                    self.source.values[child] = (il + 1, ic + 1)
                except (KeyError, TypeError, IndexError):
                    pass
            result.append(self.convert(value, child, depth + 1))
        self.active.discard(id(node))
        return result


def _scalar(node: Any) -> Any:
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    if isinstance(node, (bytes, bytearray)):
        return f"<{len(node)} bytes of binary data>"
    # Tagged values (!foo) and other exotic scalars become text describing what they were.
    value = getattr(node, "value", None)
    if isinstance(value, str):
        return value
    return str(node)
