"""What a new user reads in `--help`, and tab completion in bash, zsh and fish (issue 17)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cfcoach.cli.main import app


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words typed before ``--help``."""
    found: list[tuple[str, ...]] = [()]

    def walk(group: typer.core.TyperGroup, prefix: tuple[str, ...]) -> None:
        for name, command in group.commands.items():
            found.append((*prefix, name))
            if isinstance(command, typer.core.TyperGroup):
                walk(command, (*prefix, name))

    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    walk(root, ())
    return found


def help_text(*words: str) -> str:
    result = CliRunner().invoke(app, [*words, "--help"], prog_name="cfcoach", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_covered() -> None:
    names = {" ".join(path) for path in command_paths()}
    assert {"run", "export", "history", "stats", "settings", "content add", "trash"} <= names


@pytest.mark.parametrize("words", command_paths(), ids=lambda p: " ".join(p) or "cfcoach")
def test_help_names_values_in_words_not_python_types(words: tuple[str, ...]) -> None:
    text = help_text(*words)

    assert not re.search(r"<[a-z]|list\[|\{\w", text), text  # <str>, <list[str]>, {exercise_id}
    usage = text.splitlines()[0]
    for placeholder in re.findall(r"\[?([A-Za-z_]+)\]?(?:\.\.\.)?", usage.split("[OPTIONS]")[-1]):
        if placeholder not in ("ARGS", "COMMAND"):
            assert placeholder.isupper(), usage
    option_values = re.findall(r"^\s+(?:-\w, )?--[\w-]+ (\S+)(?:\s{2,}|$)", text, flags=re.M)
    for value in option_values:
        assert value.isupper(), value


def test_arguments_and_values_read_as_words() -> None:
    assert "Usage: cfcoach run [OPTIONS] EXERCISE" in help_text("run")
    assert "Usage: cfcoach backup [OPTIONS] [FILE]" in help_text("backup")
    assert "Usage: cfcoach content add [OPTIONS] FILE..." in help_text("content", "add")
    export = help_text("export")
    for option in ("--since DATE", "--exercise EXERCISE", "--output FILE", "--format FORMAT"):
        assert option in export
    assert "--country COUNTRY" in help_text("settings")


def test_export_help_names_json_the_default() -> None:
    export = " ".join(help_text("export").split())
    assert "json (the default" in export
    assert "as JSON (the default" in export
    assert "as json (the default)" in " ".join(help_text().split())


def test_help_offers_shell_completion() -> None:
    text = " ".join(help_text().split())
    assert "--install-completion Set up tab completion" in text
    assert "--show-completion Print the tab-completion script" in text


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _cfcoach_completion cfcoach"),
        ("zsh", "#compdef cfcoach"),
        ("fish", "complete --command cfcoach"),
    ],
)
def test_show_completion_for_a_named_shell(shell: str, marker: str) -> None:
    result = CliRunner().invoke(app, ["--show-completion", shell], prog_name="cfcoach")

    assert result.exit_code == 0
    assert marker in result.output
    assert "_CFCOACH_COMPLETE=complete_" + shell in result.output


def test_a_shell_cfcoach_cannot_complete_in_is_one_sentence() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "tcsh"], prog_name="cfcoach")

    assert result.exit_code == 2
    assert result.output.strip() == (
        "cfcoach can set up tab completion for bash, zsh and fish, not 'tcsh'; "
        "or leave the shell out to use the one you are in."
    )


def test_install_completion_for_bash(tmp_path: Path, home: Path) -> None:
    environment = {**os.environ, "HOME": str(tmp_path), "CFCOACH_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "cfcoach", "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "cfcoach.sh"
    assert "_CFCOACH_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
    assert str(script) in result.stdout


def complete(home: Path, words: str) -> subprocess.CompletedProcess[str]:
    """What bash's completion script asks: `cfcoach` alone, with the words in the environment."""
    environment = {
        **os.environ,
        "CFCOACH_HOME": str(home),
        "_CFCOACH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    return subprocess.run(
        [sys.executable, "-m", "cfcoach"],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_completing_runs_cfcoach_alone_without_opening_the_coach(home: Path) -> None:
    """The completion scripts run `cfcoach` with no arguments, which otherwise opens the
    coach: with ``_CFCOACH_COMPLETE`` set it must answer the shell instead."""
    commands = complete(home, "cfcoach ")
    assert commands.returncode == 0, commands.stderr
    assert {"run", "export", "history", "settings"} <= set(commands.stdout.split())

    exercises = complete(home, "cfcoach run daily-c")
    assert exercises.stdout.split() == ["daily-checkin"]

    formats = complete(home, "cfcoach export --format ")
    assert formats.stdout.split() == ["json", "md", "html", "pdf", "csv"]

    countries = complete(home, "cfcoach settings --country G")
    assert "GB" in countries.stdout.split() and "US" not in countries.stdout.split()
