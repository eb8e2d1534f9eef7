"""`cfcoach export`: choose entries and write them in one of the registered formats."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO, cast

from cfcoach.cli.common import context_or_fail, fail, open_store_or_fail, say
from cfcoach.context import AppContext
from cfcoach.export.registry import (
    ExportBundle,
    ExportFormat,
    Paper,
    format_for_suffix,
    format_names,
    get_format,
)
from cfcoach.export.selection import (
    Criteria,
    Selection,
    SelectionError,
    check_known,
    parse_criteria,
    select,
    summary_line,
)
from cfcoach.export.writing import (
    ExportStopped,
    ExportWriteError,
    make_bundle,
    plan_goes_as_entries,
    write_bundle,
)
from cfcoach.export.writing import check_target as check_export_target
from cfcoach.safety_plan import SAFETY_PLAN_ID, SafetyPlan, current_plan
from cfcoach.store import StoreError
from cfcoach.store.errors import damaged_note

DEFAULT_FORMAT = "json"
NO_SAFETY_PLAN = (
    "No safety plan is saved yet, so none is included; `cfcoach run safety-plan` makes one."
)
PLAN_LEFT_OUT = "Your safety plan is not included; add --include-safety-plan to share it too."


def run_export(
    format_name: str | None,
    output: str | None,
    *,
    since: str | None = None,
    until: str | None = None,
    exercises: Sequence[str] = (),
    ids: str | None = None,
    last: int | None = None,
    include_private: bool = False,
    include_drafts: bool = False,
    include_safety_plan: bool = False,
    paper: str = "a4",
    force: bool = False,
) -> None:
    """Write the chosen entries to ``output`` (or stdout) as ``format_name``."""
    chosen = choose_format(format_name, output)
    page = _paper(paper)
    to_stdout = output in (None, "-")
    if chosen.binary and to_stdout and sys.stdout.isatty():
        fail(
            f"A {chosen.name.upper()} cannot be shown in the terminal; add --output "
            f"report{chosen.extension} to save it (or send it to a file with >).",
            2,
        )
    target = None if to_stdout else check_target(Path(str(output)).expanduser(), force)
    context = context_or_fail()
    today = context.clock().astimezone().date()
    try:
        criteria = parse_criteria(
            today=today,
            since=since,
            until=until,
            exercise_ids=exercises,
            ids=ids,
            last=last,
            include_private=include_private,
            include_drafts=include_drafts,
        )
    except SelectionError as exc:
        fail(str(exc), 2)
    plan_as_entries = plan_goes_as_entries(chosen.name, include_safety_plan)
    if not plan_as_entries:
        criteria = replace(criteria, left_out_exercises=(SAFETY_PLAN_ID,))
    # Reading and writing thousands of entries makes many objects and no cycles worth
    # collecting; the cycle collector walking them all again and again took about a
    # fifth of a large export (issue 8). The process ends when the export is written.
    gc.disable()
    selection, plan = _read(context, criteria)
    sys.stderr.write(summary_line(selection, today) + "\n")
    if include_safety_plan and plan is None:
        sys.stderr.write(NO_SAFETY_PLAN + "\n")
    elif not include_safety_plan and plan is not None:
        sys.stderr.write(PLAN_LEFT_OUT + "\n")
    bundle = make_bundle(
        selection.entries,
        {k: f.exercise for k, f in context.library.exercises.items()},
        format_name=chosen.name,
        generated_at=context.clock(),
        include_private_steps=include_private,
        paper=page,
        plan=plan,
        include_safety_plan=include_safety_plan,
    )
    if target is None:
        _to_stdout(chosen, bundle)
        _tell_notes(bundle)
        return
    try:
        write_bundle(chosen, bundle, target, tell=say)
    except ExportWriteError as exc:
        fail(str(exc), exc.exit_code)
    except ExportStopped as stop:
        stopped(stop)
    sys.stderr.write(f"Written to {target}\n")
    _tell_notes(bundle)


def _tell_notes(bundle: ExportBundle) -> None:
    """What the format found worth telling while it wrote (e.g. characters a PDF can't draw)."""
    for note in bundle.notes:
        say(note)


def stopped(stop: ExportStopped) -> NoReturn:
    """A signal stopped the export (its partial file is gone): say so, exit 128 + signal.

    After SIGHUP the terminal may be gone, so saying it may fail; the exit code still tells.
    """
    with contextlib.suppress(OSError, ValueError):
        say(str(stop))
    raise SystemExit(stop.exit_code)


def choose_format(format_name: str | None, output: str | None) -> ExportFormat:
    """The format asked for by name, else the one the output file's extension names."""
    if format_name is not None:
        try:
            return get_format(format_name)
        except KeyError:
            fail(
                f"cfcoach cannot export as '{format_name}'; the formats are: "
                f"{', '.join(format_names())}.",
                2,
            )
    if output in (None, "-"):
        return get_format(DEFAULT_FORMAT)
    suffix = Path(str(output)).suffix
    if not suffix:
        return get_format(DEFAULT_FORMAT)
    found = format_for_suffix(suffix)
    if found is None:
        fail(
            f"cfcoach cannot export as '{suffix.lstrip('.')}' (from the file name); name the "
            f"file .{' or .'.join(format_names())}, or add --format.",
            2,
        )
    return found


def _paper(paper: str) -> Paper:
    cleaned = paper.strip().lower()
    if cleaned == "a4":
        return "a4"
    if cleaned == "letter":
        return "letter"
    fail(f"--paper '{paper}' is not a paper size cfcoach knows; use a4 or letter.", 2)


def _read(context: AppContext, criteria: Criteria) -> tuple[Selection, SafetyPlan | None]:
    """The chosen entries, and the person's current safety plan (if they have one)."""
    store = open_store_or_fail(context)
    try:
        check_known(criteria, store, context.library.exercises)
        selection = select(store, criteria)
        plan = current_plan(store, context.library.get(SAFETY_PLAN_ID))
        if store.damaged:  # left out, named, never the end of the export
            say(damaged_note(store.damaged))
        return selection, plan
    except SelectionError as exc:
        fail(str(exc), 2)
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()


def _to_stdout(chosen: ExportFormat, bundle: ExportBundle) -> None:
    if chosen.binary:
        chosen.binary_writer()(bundle, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    stream: TextIO = sys.stdout
    if chosen.name == "json":
        stream = cast(TextIO, _C1Escaping(sys.stdout))
    chosen.writer()(bundle, stream)
    sys.stdout.flush()


_C1_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


class _C1Escaping:
    """A text stream wrapper that writes DEL and C1 controls as JSON ``\\u00XX`` escapes.

    JSON escapes C0 controls itself; DEL and C1 controls (U+007F-U+009F, which include a
    one-character CSI) can only appear inside JSON strings, where ``\\u00XX`` means the
    same, so the data is unchanged while a terminal never receives them.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_C1_ESCAPES))

    def flush(self) -> None:
        self._stream.flush()


def check_target(target: Path, force: bool) -> Path:
    """Fail with one sentence unless ``target`` can be written (before any work is done)."""
    try:
        return check_export_target(target, force)
    except ExportWriteError as exc:
        fail(str(exc), exc.exit_code)
