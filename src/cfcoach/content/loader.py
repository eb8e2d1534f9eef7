"""Load exercise files: YAML text -> validated :class:`Exercise`, or problems with positions.

Every failure becomes a :class:`Problem` naming the file, line and column and what to
change; nothing here raises anything else for bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cfcoach.content.catalog import MAX_FILE_BYTES, too_large
from cfcoach.content.checks import check_exercise
from cfcoach.content.models import STEP_KINDS, Exercise
from cfcoach.content.problems import ContentError, Problem
from cfcoach.content.yaml_source import PathKey, SourceMap, YamlReadError, read_yaml
from cfcoach.textsafety import printable


def load_exercise_file(path: Path) -> Exercise:
    """Read and validate one exercise file; raise :class:`ContentError` when it has problems."""
    return load_exercise_source(path)[0]


def load_exercise_source(path: Path) -> tuple[Exercise, SourceMap]:
    """:func:`load_exercise_file`, with where each value stood in the file (read once)."""
    label = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = max(path.stat().st_size, len(raw))
                raise ContentError([Problem(label, 1, 1, too_large(size) or "")])
    except FileNotFoundError:
        raise ContentError(
            [Problem(label, 1, 1, "the file does not exist; check the path")]
        ) from None
    except IsADirectoryError:
        raise ContentError(
            [Problem(label, 1, 1, "this is a folder, not an exercise file")]
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ContentError(
            [Problem(label, 1, 1, f"the file cannot be read ({reason}); check its permissions")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            [Problem(label, line, 1, "the file is not UTF-8 text; save it as UTF-8")]
        ) from None
    return _load_text(text, label)


def load_exercise_text(text: str, label: str) -> Exercise:
    """Validate exercise YAML ``text``; ``label`` names it in problems (usually the file path)."""
    return _load_text(text, label)[0]


def _load_text(text: str, label: str) -> tuple[Exercise, SourceMap]:
    if "\x00" in text:
        raise ContentError([Problem(label, 1, 1, "the file holds binary data, not YAML text")])
    size = len(text.encode("utf-8", "surrogatepass"))
    if (problem := too_large(size)) is not None:
        raise ContentError([Problem(label, 1, 1, problem)])
    try:
        data, source = read_yaml(text)
    except YamlReadError as exc:
        message = printable(exc.message)  # it may quote the file, control characters and all
        raise ContentError([Problem(label, exc.line, exc.column, message)]) from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ContentError(
            [
                Problem(
                    label,
                    1,
                    1,
                    f"an exercise file is a mapping of keys ('id:', 'title:', 'steps:' ...), but this holds {kind}",
                )
            ]
        )
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_validation_problems(exc, data, source, label)) from None
    except RecursionError:
        raise ContentError(
            [Problem(label, 1, 1, "the exercise nests too deeply to check")]
        ) from None
    graph = check_exercise(exercise)
    if graph:
        problems = [Problem(label, *source.locate(issue.path), issue.message) for issue in graph]
        raise ContentError(sorted(set(problems)))
    return exercise, source


def _validation_problems(
    exc: ValidationError, data: dict[str, Any], source: SourceMap, label: str
) -> list[Problem]:
    problems: set[Problem] = set()
    seen: set[PathKey] = set()
    for error in exc.errors(include_url=False):
        path = _data_path(tuple(error["loc"]), data)
        if path in seen:
            continue  # another member of a union (e.g. str | int) failing on the same value
        seen.add(path)
        kind = error["type"]
        if kind == "extra_forbidden":
            line, column = source.locate(path, key=True)
        elif kind == "missing":
            line, column = source.locate(path[:-1])
        elif kind == "union_tag_invalid":
            line, column = source.locate((*path, "kind"))
        else:
            line, column = source.locate(path)
        # A key or kind is quoted as written: its control characters are shown, never run.
        problems.add(Problem(label, line, column, printable(_message(error, path))))
    return sorted(problems)


def _data_path(loc: tuple[Any, ...], data: Any) -> PathKey:
    """Drop pydantic's union tags (the step kind, the type names) from an error location."""
    path: list[str | int] = []
    node = data
    items = list(loc)
    kind_dropped = False
    while items:
        part = items.pop(0)
        if part == "[key]":
            continue  # pydantic's mark for a problem with a mapping's key, not its value
        if isinstance(node, dict):
            in_step = len(path) == 2 and path[0] == "steps" and isinstance(path[1], int)
            if in_step and not kind_dropped and part == node.get("kind") and part in STEP_KINDS:
                kind_dropped = True
                continue  # the step kind pydantic names right after the step's index
            if part not in node and isinstance(part, str) and items:
                continue  # a union member's name, not a key
            path.append(part)
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
        else:
            continue  # a union member's name (e.g. 'constrained-str') under a plain value
    return tuple(path)


def _where(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the exercise"


def _message(error: Any, path: PathKey) -> str:
    kind = error["type"]
    name = str(path[-1]) if path else "exercise"
    where = _where(path)
    if kind == "extra_forbidden":
        return f"unknown key '{name}' in {_where(path[:-1])}; remove it or check its spelling"
    if kind == "missing":
        return f"{_where(path[:-1])} is missing '{name}'; add it"
    if kind == "union_tag_invalid":
        tag = str(error.get("ctx", {}).get("tag", ""))
        tag = tag if len(tag) <= 40 else tag[:40] + "…"
        return f"{where} has kind '{tag}'; use one of: {', '.join(STEP_KINDS)}"
    if kind == "union_tag_not_found":
        return f"{where} needs 'kind:' set to one of: {', '.join(STEP_KINDS)}"
    if kind == "string_pattern_mismatch":
        return f"{where} must be a short name of lower case letters, digits, '-' or '_' (starting with a letter)"
    msg = str(error.get("msg", "is not valid"))
    msg = msg.removeprefix("Value error, ")
    got = error.get("input")
    shown = ""
    if isinstance(got, (str, int, float, bool)) and not isinstance(got, dict):
        text = repr(got)
        shown = f" (it is {text[:40]}{'…' if len(text) > 40 else ''})"
    return f"{where}: {msg[0].lower() + msg[1:] if msg else msg}{shown}"
