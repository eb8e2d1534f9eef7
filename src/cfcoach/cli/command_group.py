"""The `cfcoach` command group: help a new user can read, and quiet when the output closes.

Typer shows each value's Python type (``--since <str>``, ``--exercise <list[str]>``) and
a required argument in braces (``{exercise_id}``). Here every option that takes a value
shows a word in capitals instead (``--since DATE``), and arguments show as ``EXERCISE``
or ``[FILE]``, as most commands' help does. Options name their word themselves (the
``metavar``); any that does not gets its own name in capitals.

When the reader of cfcoach's output goes away (``cfcoach history | head -3``), Typer ends
with exit code 1 and no word, which reads as "could not be saved". cfcoach stops quietly
with 141, the code a shell gives a program stopped by a closed pipe.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from typing import Any

from typer.core import TyperArgument, TyperGroup, TyperOption

from cfcoach.cli import completion
from cfcoach.cli.entry import stop_quietly_when_output_closes


class ReadableArgument(TyperArgument):
    """An argument shown as ``NAME`` (required), ``[NAME]`` (optional) and ``NAME...``
    (several), without its Python type."""

    def _name(self) -> str:
        return self.metavar or (self.name or "value").upper()

    def _usage_display_name(self) -> str:
        name = self._name()
        if self.nargs != 1:
            name += "..."
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return self._name() + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def readable_help(command: Any) -> None:
    """Give every parameter of ``command`` and of its subcommands a readable name in help."""
    for param in getattr(command, "params", ()):
        if isinstance(param, TyperArgument) and not isinstance(param, ReadableArgument):
            # Typer builds its own argument objects; this subclass adds no state, only
            # how the argument is named in help.
            param.__class__ = ReadableArgument
        elif (
            isinstance(param, TyperOption)
            and param.metavar is None
            and not param.is_flag
            and not param.count
        ):
            param.metavar = (param.name or "value").upper()
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            readable_help(sub)


class CoachGroup(TyperGroup):
    """cfcoach's command group (see the module's description)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        readable_help(self)  # here: Typer adds the completion options after building
        completion.explain(self)
        given = list(args) if args is not None else sys.argv[1:]
        if completion.named_shell(given, prog_name or "cfcoach"):
            return None
        return super().main(
            args,
            prog_name,
            complete_var,
            standalone_mode,
            windows_expand_args,
            **extra,
        )

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as error:
            if error.errno == errno.EPIPE:
                stop_quietly_when_output_closes()
            raise
