"""The writing half of the export screen: ask before replacing a file, write it through the
same core as ``cfcoach export`` (atomic, private), and say where it went or calmly why not.

The file name decides what is written: its extension picks the format (``x.pdf`` is always
a PDF, whatever the list said), a name without one gets the chosen format's, and one
cfcoach cannot write gets one sentence naming those it can, with nothing written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.widgets import Input, Static

from cfcoach.errorlog import log_exception
from cfcoach.export.registry import get_format
from cfcoach.export.writing import (
    ExportStopped,
    ExportWriteError,
    TargetExists,
    WriteFailed,
    check_target,
    write_bundle,
)
from cfcoach.tui.export_choices import (
    ExportChoice,
    completed,
    extension_of,
    format_from_name,
    unknown_extension,
)
from cfcoach.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp


class ExportWriting(Screen[None]):
    """Writes what :meth:`choice` holds to the path in ``#export-path``."""

    written: Path | None = None
    """Where the last file went."""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def choice(self) -> ExportChoice:
        """The bundle to write now (the screen that chooses says)."""
        raise NotImplementedError

    def nothing_chosen(self) -> bool:
        """True while there is nothing to write."""
        raise NotImplementedError

    @property
    def format_name(self) -> str:
        """The format chosen in the list (the screen that chooses says)."""
        raise NotImplementedError

    def use_format(self, name: str) -> None:
        """Choose ``name`` in the format list."""
        raise NotImplementedError

    def target(self) -> Path | None:
        text = self.query_one("#export-path", Input).value.strip()
        return Path(text).expanduser() if text else None

    def settle_name(self) -> bool:
        """Make the file name and the format agree before writing; False (and one sentence
        said) when the name's extension is not one cfcoach writes.

        A known extension chooses its format; a name without one (not a folder) gets the
        chosen format's, shown in the box, so what is written is what the name says.
        """
        box = self.query_one("#export-path", Input)
        text = box.value.strip()
        extension = extension_of(text)
        if extension:
            named = format_from_name(text)
            if named is None:
                self.coach.notice("The file wasn't written", unknown_extension(extension))
                return False
            self.use_format(named)
            return True
        if text.endswith(("/", "\\")) or Path(text).expanduser().is_dir():
            return True  # a folder: check_target says to give a file name
        box.value = completed(text, get_format(self.format_name).extension)
        return True

    def action_write(self) -> None:
        """Write the file, asking first if one is already there."""
        if self.nothing_chosen():
            self.coach.notice(
                "Nothing ticked yet",
                "Tick the entries to share first: space ticks one, a ticks all shown.",
            )
            return
        if self.target() is None:
            self.coach.notice("Where should it go?", "Type where to save the file, then write it.")
            return
        if not self.settle_name():
            return
        target = self.target()
        assert target is not None
        try:
            check_target(target, force=False)
        except TargetExists:

            def answered(replace: bool | None) -> None:
                if replace:
                    self.write_to(target, replace=True)

            self.app.push_screen(
                ConfirmScreen(
                    "Replace it?",
                    f"There is already a file at {target}. Replace it with this export?",
                    yes_label="Replace it",
                    no_label="Keep the old file",
                ),
                answered,
            )
            return
        except ExportWriteError as problem:
            self._not_written(problem)
            return
        self.write_to(target, replace=False)

    def write_to(self, target: Path, *, replace: bool) -> None:
        """Write now; tell the person where it went, or calmly why it could not go."""
        choice = self.choice()
        try:
            check_target(target, force=replace)
            write_bundle(get_format(choice.format_name), choice.bundle, target, tell=self._removed)
        except ExportWriteError as problem:
            self._not_written(problem)
            return
        except ExportStopped:
            # SIGTERM, SIGHUP or SIGINT while writing: the unfinished file is removed, and
            # the app, which heard the signal too, saves what is typed and closes.
            return
        except Exception as error:  # a format's own failure: logged, never a traceback
            log_exception("tui: writing an export", error)
            self.coach.notice(
                "The file wasn't written",
                "Something went wrong while making the file; nothing was changed there, and "
                "your entries are all still here.",
            )
            return
        self.written = target
        count = len(choice.entries)
        what = f"{count} entr{'y' if count == 1 else 'ies'}"
        status = self.query_one("#export-status", Static)
        status.update(f"Written to {target}")
        status.display = True
        notes = "".join(f"\n\n{note}" for note in choice.bundle.notes)  # e.g. from the PDF
        self.coach.notice(
            "Saved",
            f"Your export ({what}) is saved here:\n\n{target}\n\n"
            f"Only you can open it until you share it.{notes}",
        )

    def _removed(self, note: str) -> None:
        """Unfinished files of an earlier, stopped export were removed: said once."""
        self.app.notify(note, title="Tidied up", timeout=12, markup=False)

    def _not_written(self, problem: ExportWriteError) -> None:
        if isinstance(problem, WriteFailed):
            log_exception("tui: writing an export", problem.error)
        self.coach.notice("The file wasn't written", str(problem))
