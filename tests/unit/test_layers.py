"""The layers stay apart: the core never loads the UI libraries, and the engine does no I/O."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cfcoach

PACKAGE = Path(cfcoach.__file__).resolve().parent
CORE = ("content", "engine", "store", "export", "safety", "insights", "focus")
# Core modules that are single files beside the packages: no UI library either.
CORE_MODULES = (
    "config",
    "context",
    "datetext",
    "errorlog",
    "paths",
    "permissions",
    "practice",
    "safety_occasions",
    "safety_plan",
    "safety_question",
    "textsafety",
)
UI_LIBRARIES = ("textual", "rich")

# For each core package: the cfcoach modules it must never import (the layers above it,
# and, for the lowest layers, their neighbours).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "content": ("engine", "store", "export", "practice", "context", "tui", "cli"),
    "engine": ("store", "export", "practice", "context", "tui", "cli"),
    "store": ("content", "engine", "export", "practice", "context", "tui", "cli"),
    "export": ("engine", "practice", "context", "tui", "cli"),
    "safety": ("engine", "store", "export", "practice", "context", "tui", "cli"),
    "insights": ("practice", "context", "tui", "cli"),
    "focus": ("engine", "store", "export", "practice", "context", "tui", "cli"),
}

# Modules that read or write files, the network or other processes: not for the engine.
IO_MODULES = (
    "os",
    "io",
    "pathlib",
    "shutil",
    "sqlite3",
    "subprocess",
    "socket",
    "tempfile",
    "glob",
    "urllib",
    "http",
    "platformdirs",
    "ruamel",
)


def python_files(package: str) -> list[Path]:
    single = PACKAGE / f"{package}.py"
    if single.is_file():
        return [single]
    return sorted((PACKAGE / package).rglob("*.py"))


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in ``path``, at any depth (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def is_within(module: str, top: str) -> bool:
    return module == top or module.startswith(top + ".")


def test_the_core_packages_are_found() -> None:
    for package in CORE + CORE_MODULES:
        assert python_files(package), f"no Python files under {PACKAGE / package}"


def test_importing_the_core_loads_no_ui_library() -> None:
    modules = [
        "cfcoach.content",
        "cfcoach.engine",
        "cfcoach.store",
        "cfcoach.export",
        "cfcoach.practice",
        "cfcoach.context",
        "cfcoach.export.json_format",
        *(f"cfcoach.{name}" for name in CORE[4:] + CORE_MODULES),
    ]
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert "cfcoach.export.json_format" in loaded  # the check ran on what it should
    leaked = [m for m in loaded if any(is_within(m, lib) for lib in UI_LIBRARIES)]
    assert leaked == []


@pytest.mark.parametrize("package", CORE + CORE_MODULES)
def test_no_core_file_imports_a_ui_library(package: str) -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}"
        for path in python_files(package)
        for line, module in imported_modules(path)
        if any(is_within(module, lib) for lib in UI_LIBRARIES)
    ]
    assert found == []


@pytest.mark.parametrize("package", CORE)
def test_no_core_package_imports_a_layer_above(package: str) -> None:
    banned = [f"cfcoach.{name}" for name in FORBIDDEN[package]]
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}"
        for path in python_files(package)
        for line, module in imported_modules(path)
        if any(is_within(module, top) for top in banned)
    ]
    assert found == []


def test_the_engine_does_no_io() -> None:
    found: list[str] = []
    for path in python_files("engine"):
        where = path.relative_to(PACKAGE)
        for line, module in imported_modules(path):
            if any(is_within(module, top) for top in IO_MODULES):
                found.append(f"{where}:{line}: imports {module}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func
                if isinstance(name, ast.Name) and name.id in {
                    "open",
                    "input",
                    "print",
                    "exec",
                    "eval",
                }:
                    found.append(f"{where}:{node.lineno}: calls {name.id}()")
                if isinstance(name, ast.Attribute) and name.attr in {
                    "open",
                    "read_text",
                    "write_text",
                    "read_bytes",
                    "write_bytes",
                }:
                    found.append(f"{where}:{node.lineno}: calls .{name.attr}()")
    assert found == []


def test_the_checks_see_an_import_hidden_in_a_function(tmp_path: Path) -> None:
    # The static checks above must catch imports anywhere in a file, not only at the top.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def later():\n    from rich.console import Console\n    import os.path\n",
        encoding="utf-8",
    )
    modules = [module for _, module in imported_modules(sample)]
    assert any(is_within(m, "rich") for m in modules)
    assert any(is_within(m, "os") for m in modules)
