"""A cache of checked exercises, so starting cfcoach does not parse every YAML file again.

Reading and checking the shipped exercises takes a few hundred milliseconds (most of it
in the YAML parser), at every start of every command that lists or runs exercises. The
cache keeps each file's result (the validated exercise as JSON, or its problems) under
the file's path and a hash of its bytes. A file is always read (it is small), so a new,
changed or removed file is noticed by itself, whatever its modification time says.

The whole cache is dropped when anything it depends on changes: cfcoach's version,
pydantic's version, or any module of this package, which reads and checks exercises
(their size and modification time), and when it cannot be read, is not JSON, has the wrong shape, or is
not the person's own file. A cached exercise is only written when it reads back equal to
the exercise it came from. The file is written whole (temporary file, then rename) and
readable by its owner only. Anything going wrong with the cache just means the files are
read as if there were none.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cfcoach.paths import ensure_private_dir

try:  # CPython's own BLAKE2, without loading OpenSSL for hashlib (about 1 ms at each start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons; the digests are the same
    from hashlib import blake2b

if TYPE_CHECKING:  # the models load only when a cached exercise is read back as one
    from cfcoach.content.models import Exercise
    from cfcoach.content.problems import Problem

FORMAT = 2
"""2: each exercise also keeps its card (what lists show), so lists need not parse it."""


def file_hash(data: bytes) -> str:
    """The key a file's bytes are cached under."""
    return blake2b(data, digest_size=20).hexdigest()


def card_data(exercise: Exercise) -> dict[str, Any]:
    """What lists show of an exercise, as the cache keeps it (read by :mod:`.catalog`)."""
    return {
        "id": exercise.id,
        "title": exercise.title,
        "summary": exercise.summary,
        "minutes": exercise.minutes,
        "tags": list(exercise.tags),
    }


def fingerprint() -> str:
    """What the cached results depend on, besides the files themselves.

    Pydantic is known by its version file rather than imported: the home screen reads
    the cache before its first paint, without the models (see :mod:`.catalog`).
    """
    from cfcoach import __version__

    here = Path(__file__).resolve().parent
    parts = [f"format={FORMAT}", f"cfcoach={__version__}"]
    # Every module that reads or checks exercises, and the one that makes their text safe
    # to show (a cached exercise holds its text as shown).
    modules = [*sorted(here.glob("*.py")), here.parent / "textsafety.py"]
    for name, files in (("pydantic", _pydantic_version_files()), ("cfcoach", modules)):
        for module in files:
            try:
                stat = module.stat()
            except OSError:
                continue
            parts.append(f"{name}/{module.name}={stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(parts)


def _pydantic_version_files() -> list[Path]:
    """The files that change when pydantic or pydantic-core is upgraded (not imported)."""
    found = []
    for package, name in (("pydantic", "version.py"), ("pydantic_core", "__init__.py")):
        spec = find_spec(package)
        if spec is not None and spec.origin is not None:
            found.append(Path(spec.origin).parent / name)
    return found


# Plain classes, not dataclasses: this module is imported at every start of the coach,
# and a dataclass compiles the source of its methods as its module is imported (issue 8).
class CachedFile:
    """What loading one file gave: an exercise (as JSON) or its problems."""

    __slots__ = ("card", "digest", "exercise_json", "problems")

    def __init__(
        self,
        digest: str,
        exercise_json: str | None = None,
        problems: list[Problem] | None = None,
        card: dict[str, Any] | None = None,
    ) -> None:
        self.digest = digest
        """The hash of the file's bytes (see :func:`file_hash`)."""
        self.exercise_json = exercise_json
        """The checked exercise as JSON, or None if the file had problems."""
        self.problems: list[Problem] = problems if problems is not None else []
        """What was wrong with the file (empty for an exercise)."""
        self.card = card
        """What lists show of the exercise (see :func:`card_data`), None with problems."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CachedFile):
            return NotImplemented
        return (self.digest, self.exercise_json, self.problems, self.card) == (
            other.digest,
            other.exercise_json,
            other.problems,
            other.card,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was


class LibraryCache:
    """The cache file, read once; :meth:`save` writes it back only when it changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        """The cache file (None: remember nothing between runs)."""
        self.stamp = fingerprint()
        """What the cached results depend on besides the files (see :func:`fingerprint`)."""
        self.files: dict[str, CachedFile] = {}
        """What each file gave, by its path."""
        self.changed = False
        """True when :meth:`save` has something new to write."""

    @classmethod
    def open(cls, path: Path | None) -> LibraryCache:
        cache = cls(path)
        if path is not None:
            found = _read(path, cache.stamp)
            if found is None:
                cache.changed = True
            else:
                cache.files = found
        return cache

    def exercise(self, path: Path, digest: str) -> Exercise | None:
        """The cached exercise for this file and these bytes, if there is one."""
        found = self.files.get(str(path))
        if found is None or found.digest != digest or found.exercise_json is None:
            return None
        from cfcoach.content.models import Exercise

        try:
            return Exercise.model_validate_json(found.exercise_json)
        except Exception:  # a cache that no longer fits the models: read the file instead
            return None

    def problems(self, path: Path, digest: str) -> list[Problem] | None:
        """The cached problems of this file and these bytes, if it had problems."""
        found = self.files.get(str(path))
        if found is None or found.digest != digest or not found.problems:
            return None
        return list(found.problems)

    def remember_exercise(self, path: Path, digest: str, exercise: Exercise) -> None:
        from cfcoach.content.models import Exercise

        text = exercise.model_dump_json(by_alias=True)
        try:
            same = Exercise.model_validate_json(text) == exercise
        except Exception:
            same = False
        if same:
            self._put(str(path), CachedFile(digest, exercise_json=text, card=card_data(exercise)))
        else:
            self.forget(path)

    def remember_problems(self, path: Path, digest: str, problems: list[Problem]) -> None:
        self._put(str(path), CachedFile(digest, problems=list(problems)))

    def forget(self, path: Path) -> None:
        if self.files.pop(str(path), None) is not None:
            self.changed = True

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Drop what was cached for files that are gone."""
        wanted = {str(p) for p in paths}
        for name in [name for name in self.files if name not in wanted]:
            del self.files[name]
            self.changed = True

    def _put(self, name: str, entry: CachedFile) -> None:
        if self.files.get(name) != entry:
            self.files[name] = entry
            self.changed = True

    def save(self) -> None:
        """Write the cache if it changed; a failure only means no cache next time."""
        if self.path is None or not self.changed:
            return
        document = {
            "format": FORMAT,
            "stamp": self.stamp,
            "files": {
                name: {
                    "digest": entry.digest,
                    "exercise": entry.exercise_json,
                    "card": entry.card,
                    "problems": [[p.path, p.line, p.column, p.message] for p in entry.problems],
                }
                for name, entry in self.files.items()
            },
        }
        try:
            _write(self.path, json.dumps(document, ensure_ascii=False))
        except (OSError, ValueError):
            return
        self.changed = False


def _read(path: Path, stamp: str) -> dict[str, CachedFile] | None:
    """The cached files, or None when the cache is missing, stale, broken or not ours."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and stat.st_uid != os.getuid():
                return None
            document = json.loads(handle.read().decode("utf-8"))
        if document.get("format") != FORMAT or document.get("stamp") != stamp:
            return None
        return {name: _entry(raw) for name, raw in document["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _entry(raw: Any) -> CachedFile:
    from cfcoach.content.problems import Problem  # only files with problems need it

    exercise = raw["exercise"]
    if exercise is not None and not isinstance(exercise, str):
        raise TypeError("a cached exercise is JSON text")
    card = raw.get("card")
    if card is not None and not isinstance(card, dict):
        raise TypeError("a cached card is a JSON object")
    problems = [Problem(str(p), int(line), int(col), str(m)) for p, line, col, m in raw["problems"]]
    return CachedFile(str(raw["digest"]), exercise_json=exercise, problems=problems, card=card)


def _write(path: Path, text: str) -> None:
    folder = ensure_private_dir(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=".exercises-", suffix=".tmp", dir=folder)
    try:  # mkstemp makes the file readable and writable by its owner only
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
