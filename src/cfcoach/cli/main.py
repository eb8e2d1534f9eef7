"""`cfcoach`: the command-line entry point.

Nothing heavy is imported at module level: `cfcoach --version` answers before Typer is
loaded, and Textual is imported only when the TUI starts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cfcoach import __version__
from cfcoach.cli import completion
from cfcoach.cli.command_group import CoachGroup
from cfcoach.cli.content_app import content_app
from cfcoach.cli.options import (
    ExerciseOption,
    ReducedMotion,
    SinceOption,
    ThemeOption,
    UntilOption,
)

app = typer.Typer(
    name="cfcoach",
    help=(
        "A terminal coach for the inner critic, built on compassion-focused therapy practices. "
        "Self-help to practise between sessions: not therapy, diagnosis or crisis care."
    ),
    cls=CoachGroup,
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(content_app, name="content")


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cfcoach {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    theme: ThemeOption = None,
    reduced_motion: ReducedMotion = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Open the coach (the home screen) when no command is given."""
    if ctx.invoked_subcommand is None:
        _open_tui(theme=theme, reduced_motion=reduced_motion, start_exercise=None)


def _open_tui(
    *,
    theme: str | None,
    reduced_motion: bool,
    start_exercise: str | None,
    resume: bool | None = None,
) -> None:
    from cfcoach.cli.open_tui import open_tui

    open_tui(
        theme=theme, reduced_motion=reduced_motion, start_exercise=start_exercise, resume=resume
    )


@app.command("run", short_help="Do one exercise, in the coach or (--plain) line by line.")
def run_exercise(
    exercise_id: Annotated[
        str,
        typer.Argument(
            metavar="EXERCISE",
            help="The exercise to do, e.g. daily-checkin (see `cfcoach content list`).",
            autocompletion=completion.exercises,
        ),
    ],
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Plain line-by-line prompts: for screen readers, pipes and simple terminals.",
        ),
    ] = False,
    resume: Annotated[
        bool | None,
        typer.Option(
            "--resume/--new",
            help="Continue the unfinished one of this exercise, or start a new one. Without "
            "either, cfcoach asks in a terminal; in a pipe it starts a new one and says so.",
        ),
    ] = None,
    theme: ThemeOption = None,
    reduced_motion: ReducedMotion = False,
) -> None:
    """Do one exercise, in the coach or (with --plain) as plain prompts."""
    from cfcoach.cli.common import context_or_fail, exercise_or_fail

    context = context_or_fail()
    exercise_or_fail(context, exercise_id)
    if not plain:
        _open_tui(
            theme=theme, reduced_motion=reduced_motion, start_exercise=exercise_id, resume=resume
        )
        return
    from cfcoach.cli.plain import PlainRunner

    code = PlainRunner(context, sys.stdin, sys.stdout).run(exercise_id, resume=resume)
    if code:
        raise typer.Exit(code)


@app.command(short_help="Write entries as json (the default), md, html, pdf or csv.")
def export(
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=completion.formats,
            help="json (the default: a backup cfcoach can import), md, html, pdf or csv; "
            "without --format, the --output file's extension decides.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write (default, or '-': print to the terminal).",
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    exercise: ExerciseOption = None,
    ids: Annotated[
        str | None,
        typer.Option(
            "--ids", metavar="NUMBERS", help="Only these entries, by number: 1,2,5 or 3-7."
        ),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option("--last", metavar="N", help="Only the newest N entries that match."),
    ] = None,
    include_private: Annotated[
        bool,
        typer.Option("--include-private", help="Also export entries and steps marked private."),
    ] = False,
    include_drafts: Annotated[
        bool, typer.Option("--include-drafts", help="Also export unfinished entries.")
    ] = False,
    include_safety_plan: Annotated[
        bool,
        typer.Option(
            "--include-safety-plan", help="Add your safety plan, once you have saved one."
        ),
    ] = False,
    paper: Annotated[
        str,
        typer.Option(
            "--paper",
            metavar="SIZE",
            autocompletion=completion.papers,
            help="Page size of a PDF: a4 or letter.",
        ),
    ] = "a4",
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Write chosen entries as JSON (the default, a backup), or for your therapist as md, html, pdf or csv."""
    from cfcoach.cli.export_cmd import run_export

    run_export(
        format,
        output,
        since=since,
        until=until,
        exercises=exercise or [],
        ids=ids,
        last=last,
        include_private=include_private,
        include_drafts=include_drafts,
        include_safety_plan=include_safety_plan,
        paper=paper,
        force=force,
    )


@app.command("import", short_help="Bring entries back from a JSON export, without duplicates.")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A JSON file made by `cfcoach export --format json`."),
    ],
) -> None:
    """Bring entries back from a JSON export; entries already here are not added twice."""
    from cfcoach.cli.import_cmd import run_import

    run_import(source)


@app.command("history", short_help="List your entries, newest first; search or pick some.")
def history_command(
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only entries holding all these words (any order).",
        ),
    ] = None,
    exercise: ExerciseOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", help="How many to list.")
    ] = 20,
    include_drafts: Annotated[
        bool,
        typer.Option("--include-drafts", help="Also list unfinished entries (drafts)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List your entries, newest first: search them, or pick an exercise or some days."""
    from cfcoach.cli.history_cmds import run_history

    run_history(
        search=search,
        exercises=exercise or [],
        since=since,
        until=until,
        limit=limit,
        as_json=as_json,
        include_drafts=include_drafts,
    )


@app.command("show", short_help="Show one entry in full.")
def show_command(
    entry_id: Annotated[
        str, typer.Argument(metavar="ID", help="The entry's number (`cfcoach history` shows it).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show one entry in full: every answer, skipped steps, its marks and note."""
    from cfcoach.cli.history_cmds import run_show

    run_show(entry_id, as_json=as_json)


@app.command("trash", short_help="Put an entry in the trash (restorable for 30 days).")
def trash_command(
    entry_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The entry's number (`cfcoach history` shows it)."),
    ],
) -> None:
    """Put an entry in the trash: hidden everywhere, restorable for 30 days."""
    from cfcoach.cli.history_cmds import run_trash

    run_trash(entry_id)


@app.command("untrash")
def untrash_command(
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The entry's number (`cfcoach show ID` says if it is in the trash)."
        ),
    ],
) -> None:
    """Take an entry out of the trash, as it was."""
    from cfcoach.cli.history_cmds import run_untrash

    run_untrash(entry_id)


@app.command("note", short_help="Show, write or remove an entry's note for your therapist.")
def note_command(
    entry_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The entry's number (`cfcoach history` shows it)."),
    ],
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT", help="The note's new words (they replace the old ones); quote them."
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove the note: it is in no export afterwards.")
    ] = False,
) -> None:
    """Show an entry's note for your therapist, replace it with TEXT, or remove it (--clear)."""
    from cfcoach.cli.history_cmds import run_note

    run_note(entry_id, text, clear=clear)


@app.command("stats", short_help="Your practice in figures and small charts.")
def stats_command(
    since: SinceOption = None,
    until: UntilOption = None,
    exercise: ExerciseOption = None,
) -> None:
    """Your practice in figures: ratings before and after, days practised, recurring words."""
    from cfcoach.cli.history_cmds import run_stats

    run_stats(since=since, until=until, exercises=exercise or [])


@app.command("backup", short_help="Copy all your entries to a file (safe while cfcoach is open).")
def backup_command(
    target: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="File (or folder) for the copy; default: the backups folder in cfcoach's data folder.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Make a copy of all your entries (safe to run while cfcoach is open)."""
    from cfcoach.cli.data_cmds import backup

    backup(target, force)


@app.command("restore", short_help="Bring back entries from a backup (yours are kept aside).")
def restore_command(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup made by `cfcoach backup`.")
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Don't ask for confirmation.")] = False,
) -> None:
    """Bring back entries from a backup; your current entries are kept as a copy first."""
    from cfcoach.cli.data_cmds import restore

    restore(source, yes)


@app.command("doctor", short_help="Check the data folder, permissions, database and exercises.")
def doctor_command() -> None:
    """Check cfcoach's data folder, file permissions, database and exercises."""
    from cfcoach.cli.data_cmds import doctor

    code = doctor()
    if code:
        raise typer.Exit(code)


@app.command("help-now")
def help_now_command(
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="COUNTRY",
            autocompletion=completion.countries,
            help="Crisis lines for this country (two letters, e.g. GB, US).",
        ),
    ] = None,
) -> None:
    """Show crisis lines now, without starting the coach."""
    from cfcoach.cli.help_now import print_help_now

    code = print_help_now(country)
    if code:
        raise typer.Exit(code)


@app.command("settings")
def settings_command(
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="COUNTRY",
            autocompletion=completion.countries,
            help="Your country (two letters, e.g. GB), for crisis lines; 'none' to clear.",
        ),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option("--theme", metavar="THEME", help="dark, light, or a Textual theme name."),
    ] = None,
    reduced_motion: Annotated[
        bool | None,
        typer.Option(
            "--reduced-motion/--full-motion", help="Count breaths in words, or animate them."
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus",
            metavar="AREAS",
            help="What you'd like to work on, for suggestions on the home screen, e.g. "
            "perfectionism,shame ('none' to clear). Any of: chronic-self-criticism, "
            "perfectionism, shame, social-anxiety, anger, low-self-worth, "
            "relationship-difficulties, low-mood, anxiety.",
        ),
    ] = None,
) -> None:
    """Show your settings, or change them."""
    from cfcoach.cli.settings_cmd import settings

    settings(country, theme, reduced_motion, focus)
