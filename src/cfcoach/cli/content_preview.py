"""`cfcoach content preview FILE`: try an exercise file as a person would, saving nothing.

In the coach (a :class:`cfcoach.tui.preview.PreviewApp`) or, with ``--plain``, as line
prompts. Both run the exercise through a :class:`PreviewPractice`, which never writes an
entry or a draft; the entries database is only read (for the safety plan).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cfcoach.cli.common import check_store_or_fail, context_or_fail, fail, open_store_or_fail
from cfcoach.cli.plain import EXIT_DONE, EXIT_INPUT_ENDED, InputEnded, PlainRunner
from cfcoach.cli.plain_safety import PausedHere
from cfcoach.content import ContentError, Exercise
from cfcoach.content.style import load_with_warnings
from cfcoach.practice import Practice, PreviewPractice
from cfcoach.safety_plan import starting_answers
from cfcoach.store import StoreError

PLAIN_NOTICE = "Preview: nothing is saved (no entry, no draft)."


def load_for_preview(path: Path) -> Exercise:
    """The exercise in ``path``; its problems printed and exit 1 when it has any."""
    try:
        exercise, warnings = load_with_warnings(path)
    except ContentError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        fail(f"{path} needs a change before it can be previewed (see above).")
    for warning in warnings:
        typer.echo(str(warning), err=True)
    return exercise


def preview(path: Path, *, plain: bool, theme: str | None, reduced_motion: bool) -> int:
    """Run the exercise in ``path`` without saving anything; returns the exit code."""
    exercise = load_for_preview(path)
    context = context_or_fail()
    if plain:
        return PlainPreview(context, sys.stdin, sys.stdout).preview(exercise)
    check_store_or_fail(context)
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        fail(
            "The preview needs a terminal to draw in; for pipes and screen readers add --plain.",
            2,
        )
    from cfcoach.cli.open_tui import theme_name
    from cfcoach.config import load_settings
    from cfcoach.tui.preview import create_preview_app

    settings = load_settings(context.paths)
    app = create_preview_app(
        context,
        exercise,
        theme=theme_name(theme or settings.theme),
        reduced_motion=reduced_motion or settings.reduced_motion,
    )
    app.run()
    return app.return_code or 0


class PlainPreview(PlainRunner):
    """The plain runner, through a :class:`PreviewPractice`: the same prompts, nothing saved."""

    def preview(self, exercise: Exercise) -> int:
        store = open_store_or_fail(self.context)  # read only: the safety plan
        try:
            practice = PreviewPractice.begin(
                store, exercise, self.context.clock, earlier=starting_answers(store, exercise)
            )
            self.say(f"{exercise.title} (about {exercise.minutes} minutes)")
            self.para(
                f"{PLAIN_NOTICE} At any prompt you can type /back, /skip, /too-much or /stop."
            )
            return self._loop(practice)
        except PausedHere:
            self.say()
            self.para("Paused. This was a preview, so nothing was saved.")
            return EXIT_DONE
        except InputEnded:
            self.say()
            self.para("The input ended before the exercise did. Nothing was saved.")
            return EXIT_INPUT_ENDED
        except StoreError as exc:
            self.para(str(exc))
            return 1
        finally:
            store.close()

    def _loop(self, practice: Practice) -> int:
        while (step := practice.session.step) is not None and not practice.session.finished:
            self._show(practice, step)
            self._take_input(practice, step)
        state = practice.session.state
        self.say()
        ended = "You stopped the preview" if state.status == "stopped" else "End of the preview"
        self.para(f"{ended}. Nothing was saved.")
        self.para(f"The way taken: {' -> '.join(state.trail) or 'none'}.")
        if state.skipped:
            self.para(f"Skipped: {', '.join(state.skipped)}.")
        rule = practice.session.suggestion() if state.status == "completed" else None
        if rule is not None:
            self.para(f"It would suggest '{rule.exercise}': {' '.join(rule.reason.split())}")
        return EXIT_DONE


def run_preview(path: Path, *, plain: bool, theme: str | None, reduced_motion: bool) -> None:
    """The command: exit with the preview's code."""
    code = preview(path, plain=plain, theme=theme, reduced_motion=reduced_motion)
    if code:
        raise typer.Exit(code)
