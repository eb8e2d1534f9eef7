"""The person's settings: a small JSON file in cfcoach's config folder.

Loading never crashes and never loses the file: a missing file gives the defaults; an
unreadable or invalid one gives the defaults (keeping every setting that was still
valid) plus a warning to show; and before anything replaces an invalid file it is kept
as ``config.json.bad-TIMESTAMP``. Saving is atomic (a private temporary file in the same
folder, then ``os.replace``) and the file is readable by its owner only.

Plain dataclasses, no pydantic: the TUI reads the settings before its first paint, and
importing pydantic would cost it ~50 ms and ~12 MiB (issue #8).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cfcoach.focus.areas import focus_area, tidy_focus_ids
from cfcoach.paths import PRIVATE_FILE_MODE, AppPaths, ensure_private_dir

_ALIASES = {"UK": "GB"}  # "UK" is reserved in ISO 3166; people (and some locales) use it
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?:[.@].*)?$")
MAX_CONFIG_BYTES = 64_000


def normalise_country_code(value: str) -> str:
    """``value`` as an ISO 3166 alpha-2 code in capitals (``gb`` -> ``GB``, ``UK`` -> ``GB``).

    Raises ValueError with a plain sentence for anything that is not two letters.
    """
    code = value.strip().upper()
    code = _ALIASES.get(code, code)
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"'{value}' is not a two-letter country code (such as GB, US or DE)")
    return code


class SettingsError(ValueError):
    """A setting with a value it cannot have; the message names the setting and why."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        """The setting's name (``theme``)."""
        self.reason = reason
        """What is wrong with its value, as a plain phrase."""


def _country(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a country is a two-letter code such as GB, US or DE")
    return normalise_country_code(value)


def _theme(value: object) -> str:
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 64:
        raise ValueError("a theme is a short name such as dark or light")
    return value.strip()


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("it is either true or false")
    return value


def _focus_areas(value: object) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValueError("focus areas are a list of names such as perfectionism")
    return tidy_focus_ids(value)


_CHECKS: dict[str, Callable[[object], object]] = {
    "country": _country,
    "theme": _theme,
    "reduced_motion": _flag,
    "first_run_done": _flag,
    "focus_areas": _focus_areas,
}
SETTING_NAMES: tuple[str, ...] = tuple(_CHECKS)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What the person chose; unknown keys (from a newer cfcoach) are kept, not dropped.

    Frozen: every value is checked once, on construction (``dataclasses.replace`` builds
    a new one and checks it again), so no Settings holds a value that was not checked.
    A bad value raises :class:`SettingsError` naming the setting.
    """

    country: str | None = None
    """Where the person lives, as an ISO 3166 alpha-2 code in capitals (GB, US ...); picks the crisis lines."""
    theme: str = "dark"
    """Colour theme: ``dark``, ``light`` or a Textual theme name."""
    reduced_motion: bool = False
    """Count breaths in words instead of animating them, and keep the screen still."""
    first_run_done: bool = False
    """True once the first-run welcome (what cfcoach is and is not, the country) was seen."""
    focus_areas: list[str] = field(default_factory=list)
    """What the person wants to work on, as focus-area ids (``perfectionism``, ``shame`` ...;
    see :mod:`cfcoach.focus`); the home screen suggests exercises tagged with them. Ids this
    version doesn't know (from a newer cfcoach) are kept as they are and do nothing."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Settings this version doesn't know (from a newer cfcoach), by name, as they were read;
    written back unchanged on save."""

    def __post_init__(self) -> None:
        for key, check in _CHECKS.items():
            try:
                object.__setattr__(self, key, check(getattr(self, key)))
            except ValueError as error:
                raise SettingsError(key, str(error)) from None
        if not isinstance(self.extra, Mapping):
            raise SettingsError("extra", "unknown settings are kept as named values")
        clashes = sorted(set(self.extra) & set(SETTING_NAMES))
        if clashes:
            raise SettingsError(clashes[0], "it is a known setting, not an unknown one")
        object.__setattr__(self, "extra", dict(self.extra))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
        """Settings from a settings file's JSON object; keys this version doesn't know go
        to :attr:`extra`. Raises :class:`SettingsError` for the first bad value."""
        known = {key: value for key, value in data.items() if key in SETTING_NAMES}
        extra = {key: value for key, value in data.items() if key not in SETTING_NAMES}
        return cls(**known, extra=extra)

    def to_dict(self) -> dict[str, Any]:
        """The settings as a JSON object, unknown ones included (what the file holds)."""
        known = {key: getattr(self, key) for key in SETTING_NAMES}
        return {**self.extra, **known, "focus_areas": list(self.focus_areas)}

    @property
    def known_focus_areas(self) -> list[str]:
        """The focus areas this version of cfcoach knows, in its order."""
        return [focus_id for focus_id in self.focus_areas if focus_area(focus_id) is not None]

    def with_focus_areas(self, chosen: list[str]) -> Settings:
        """These settings with ``chosen`` as the known focus areas; unknown ones stay as they were."""
        unknown = [focus_id for focus_id in self.focus_areas if focus_area(focus_id) is None]
        return replace(self, focus_areas=[*chosen, *unknown])


def _timestamp() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _keep_bad_file(path: Path) -> Path | None:
    """Move ``path`` aside as ``path.bad-TIMESTAMP`` (a new name if that exists)."""
    base = path.with_name(f"{path.name}.bad-{_timestamp()}")
    target = base
    number = 1
    while target.exists():
        target = base.with_name(f"{base.name}-{number}")
        number += 1
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The file's JSON object, or None and the reason it cannot be used."""
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            return None, "it is far larger than a settings file could be"
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"it cannot be read ({exc.strerror or type(exc).__name__})"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None, "it is not valid JSON"
    if not isinstance(data, dict):
        return None, "it does not hold a set of named settings"
    return data, None


def _salvage(data: Mapping[str, Any]) -> tuple[Settings, list[str]]:
    """The valid settings from ``data`` and the names of those that were not."""
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for key, value in data.items():
        try:
            Settings.from_dict({key: value})
        except SettingsError:
            dropped.append(key)
        else:
            kept[key] = value
    return Settings.from_dict(kept), dropped


def load_settings_with_warning(paths: AppPaths) -> tuple[Settings, str | None]:
    """The settings and, if the file had a problem, one sentence to show the person."""
    path = paths.config_file
    if not path.exists():
        return Settings(), None
    data, problem = _read(path)
    if data is None:
        return Settings(), (
            f"Your settings file {path} could not be used ({problem}), so cfcoach is using its "
            "defaults; the file is kept, and will be saved aside as a .bad copy before new "
            "settings are written."
        )
    try:
        return Settings.from_dict(data), None
    except SettingsError:
        settings, dropped = _salvage(data)
    names = ", ".join(sorted(dropped))
    return settings, (
        f"Some settings in {path} were not valid ({names}) and cfcoach is using the defaults "
        "for them; the file is kept, and will be saved aside as a .bad copy before new "
        "settings are written."
    )


def load_settings(paths: AppPaths) -> Settings:
    """The settings (defaults where the file is missing or invalid); never raises.

    Use :func:`load_settings_with_warning` to also get a sentence to show about a bad file.
    """
    return load_settings_with_warning(paths)[0]


def _is_valid_settings_file(path: Path) -> bool:
    data, _problem = _read(path)
    if data is None:
        return False
    try:
        Settings.from_dict(data)
    except SettingsError:
        return False
    return True


def save_settings(paths: AppPaths, settings: Settings) -> Path:
    """Write ``settings`` atomically (0600 in a 0700 folder); returns the file's path.

    An existing file that is not valid settings is first kept as ``config.json.bad-TIMESTAMP``.
    Raises OSError if the folder cannot be written.
    """
    folder = ensure_private_dir(paths.config_dir)
    path = paths.config_file
    if (path.exists() or path.is_symlink()) and not _is_valid_settings_file(path):
        _keep_bad_file(path)
    text = json.dumps(settings.to_dict(), indent=2, sort_keys=True) + "\n"
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return path


def guess_country(environ: Mapping[str, str]) -> str | None:
    """The country in the locale (``en_GB.UTF-8`` -> ``GB``), or None (``C``, ``POSIX``, unset).

    Follows POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is set wins.
    """
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if not value:
            continue
        match = _LOCALE.match(value)
        if match is None:
            return None
        try:
            return normalise_country_code(match.group(1))
        except ValueError:
            return None
    return None
