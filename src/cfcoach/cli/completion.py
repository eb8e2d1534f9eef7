"""Tab completion in bash, zsh and fish: setting it up, and what it offers.

Typer's ``--install-completion`` and ``--show-completion`` work for the shell they are run
from. Here either can also name the shell (``cfcoach --show-completion fish``), which
Typer would otherwise ignore, printing the script for the shell it is run from instead.

Completing a word runs ``cfcoach`` with ``_CFCOACH_COMPLETE`` set (see
:mod:`cfcoach.cli.entry`); exercises are offered from the catalogue, so no exercise model
is built for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SHELLS = ("bash", "zsh", "fish")
OPTIONS = {
    "install_completion": (
        "--install-completion",
        "Set up tab completion for the shell you are in, or the one named after it: "
        "bash, zsh or fish.",
    ),
    "show_completion": (
        "--show-completion",
        "Print the tab-completion script (for the shell you are in, or bash, zsh or fish "
        "named after it), to add it yourself.",
    ),
}


def explain(command: Any) -> None:
    """Name the shell in Typer's two completion options' help."""
    for param in getattr(command, "params", ()):
        if param.name in OPTIONS:
            param.help = OPTIONS[param.name][1]


def named_shell(args: Sequence[str], prog_name: str) -> bool:
    """Handle ``--install-completion SHELL`` or ``--show-completion SHELL``; True if it was
    one of them (then the work is done), False for anything else."""
    if len(args) != 2 or args[0] not in ("--install-completion", "--show-completion"):
        return False
    from cfcoach.cli.common import fail

    shell = args[1].strip().lower()
    if shell not in SHELLS:
        fail(
            f"cfcoach can set up tab completion for bash, zsh and fish, not '{args[1]}'; "
            f"or leave the shell out to use the one you are in.",
            2,
        )
    # Typer's own functions behind its two options (what they call with a shell given).
    from typer._completion_shared import get_completion_script, install

    variable = f"_{prog_name.replace('-', '_').upper()}_COMPLETE"
    if args[0] == "--show-completion":
        print(get_completion_script(prog_name=prog_name, complete_var=variable, shell=shell))
        return True
    _, path = install(shell=shell, prog_name=prog_name, complete_var=variable)
    print(f"Tab completion for {shell} is set up in {path}; it works in new terminals.")
    return True


def exercises(incomplete: str) -> list[str]:
    """The exercise ids that begin with ``incomplete``."""
    try:
        from cfcoach.context import AppContext

        ids = AppContext().catalog.cards
    except Exception:  # completing a word must never print a traceback into the shell
        return []
    return sorted(key for key in ids if key.startswith(incomplete))


def formats(incomplete: str) -> list[str]:
    """The export formats that begin with ``incomplete``."""
    return [name for name in ("json", "md", "html", "pdf", "csv") if name.startswith(incomplete)]


def papers(incomplete: str) -> list[str]:
    return [name for name in ("a4", "letter") if name.startswith(incomplete.lower())]


def themes(incomplete: str) -> list[str]:
    return [name for name in ("dark", "light") if name.startswith(incomplete.lower())]


def countries(incomplete: str) -> list[str]:
    """Country codes that begin with ``incomplete`` (in any case)."""
    from cfcoach.countries import COUNTRIES

    start = incomplete.upper()
    return [code for code in COUNTRIES if code.startswith(start)]
