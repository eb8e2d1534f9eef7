"""The plain front-end: an exercise as plain line prompts on stdin/stdout.

For screen readers, pipes and simple terminals: no colours, no cursor movement, one
question at a time. Piped answers (one line each) complete an exercise; steps that ask
nothing (information, pauses, reviews) take no input when stdin is not a terminal.

In a pipe nobody can correct a line, so a line a step cannot take (a word where a number
belongs, an option that is not there) stops the run with one sentence on stderr naming the
question and what it takes, and the answers so far stay as a draft: a misread line never
shifts every answer after it onto the wrong question.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TextIO, TypeVar

from cfcoach.cli.common import exercise_or_fail, open_store_or_fail
from cfcoach.cli.plain_safety import PausedHere, ask_safety_question, show_safety_screen
from cfcoach.content import (
    ChoiceStep,
    Exercise,
    InfoStep,
    PauseStep,
    RatingStep,
    ReviewStep,
    StepBase,
    TextStep,
)
from cfcoach.content.answer_text import answer_label, describe_answer
from cfcoach.content.step_words import length_in_words, rhythm_words
from cfcoach.context import AppContext
from cfcoach.engine import AnswerError, ResumeError
from cfcoach.practice import Practice, flagged
from cfcoach.safety_plan import starting_answers
from cfcoach.store import EntryStore, StoreError
from cfcoach.textsafety import printable, typeable

WIDTH = 78
BAR_CELLS = 10
LENGTH_MIN, LENGTH_MAX, LENGTH_STEP = 30, 300, 30
COMMANDS = "/back, /skip, /too-much or /stop"

EXIT_DONE = 0
EXIT_STORE = 1
EXIT_INPUT_ENDED = 3
T = TypeVar("T")


class InputEnded(Exception):
    """stdin closed before the exercise was over."""


class LineNotTaken(InputEnded):
    """In a pipe, a line the step could not take: the run stops there (what it was is
    already said on stderr), as if the input had ended, so no later line lands on the
    wrong question."""


class SavingGivenUp(Exception):
    """Saving failed and the person chose to stop rather than try again."""


class PlainRunner:
    """Runs one exercise as line prompts, saving after every step through :class:`Practice`."""

    def __init__(
        self,
        context: AppContext,
        stdin: TextIO,
        stdout: TextIO,
        interactive: bool | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.context = context
        self.stdin = stdin
        self.out = stdout
        self.err = stderr if stderr is not None else sys.stderr
        self.interactive = stdin.isatty() if interactive is None else interactive
        self.lines_read = 0
        """How many lines were read from stdin (a stopped pipe names the line)."""
        self._earlier_text: str | None = None
        """The current text step's earlier answer (kept when Enter is pressed on its own)."""
        self._unread: str | None = None
        """A line read but not used (see :meth:`unread`): the next prompt takes it."""

    # -- output -----------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def para(self, text: str, indent: str = "") -> None:
        for paragraph in printable(text).split("\n"):
            wrapped = textwrap.fill(
                paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent
            )
            self.say(wrapped)

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        if self._unread is not None:
            line, self._unread = self._unread, None
            if self.interactive:
                self.say(printable(line.rstrip("\r\n")))  # typed at the prompt before
        else:
            line = self.stdin.readline()
            if line:
                self.lines_read += 1
        if line == "":
            if self.interactive:
                self.say()
            raise InputEnded
        if not self.interactive:
            self.say()
        return line.rstrip("\r\n")

    def unread(self, line: str) -> None:
        """Give back a line that did not answer its prompt: the next prompt reads it."""
        self._unread = line + "\n"

    def wait(self, prompt: str = "Press Enter to go on. ") -> str:
        """In a terminal, wait for Enter (commands allowed); in a pipe, move on at once."""
        if not self.interactive:
            return ""
        return self.ask(prompt).strip()

    def tell(self, text: str) -> None:
        """One line on stderr: why a piped run stopped, or what was done on its behalf."""
        self.err.write(printable(text) + "\n")
        self.err.flush()

    def stop_reading(self, step: StepBase, line: str, reason: str) -> LineNotTaken:
        """Say on stderr, in one sentence, that ``line`` does not answer ``step`` and what
        it takes; the caller raises what is returned, ending the run."""
        shown = " ".join(line.split())
        if len(shown) > 60:
            shown = shown[:59] + "…"
        self.tell(
            f"Line {self.lines_read} of the input, “{shown}”, does not answer "
            f"“{' '.join(step.title.split())}”: {reason}."
        )
        return LineNotTaken()

    # -- flow -------------------------------------------------------------------------

    def run(self, exercise_id: str, resume: bool | None = None) -> int:
        exercise = exercise_or_fail(self.context, exercise_id)
        store = open_store_or_fail(self.context)
        # Read the safety rules (a noticeable moment) while the first prompts are read,
        # so checking the first answer does not wait for them.
        from cfcoach.safety.assessment import warm_up

        warm_up()
        try:
            practice = self._begin(store, exercise, resume)
            self.say(f"{exercise.title} (about {exercise.minutes} minutes)")
            self.para(
                f"At any prompt you can type {COMMANDS}. Your answers are saved after every step."
            )
            return self._loop(practice)
        except PausedHere:
            self.say()
            self.para(
                "Paused. Everything you wrote is saved. When you're ready, "
                f"`cfcoach run {exercise.id} --plain --resume` continues from here."
            )
            return EXIT_DONE
        except LineNotTaken:
            self.tell(
                "The answers before it are saved as a draft; "
                f"`cfcoach run {exercise.id} --plain --resume` continues from that question."
            )
            return EXIT_INPUT_ENDED
        except InputEnded:
            self.say()
            self.para(
                "The input ended before the exercise did. Your answers so far are saved; "
                f"run `cfcoach run {exercise.id} --plain --resume` to continue."
            )
            return EXIT_INPUT_ENDED
        except StoreError as exc:
            from cfcoach.errorlog import log_exception

            log_exception("saving in plain mode", exc)
            self.para(str(exc))
            return EXIT_STORE
        except SavingGivenUp:
            self.para(
                "Stopped here; the steps before this one are saved. Once that is sorted, "
                f"`cfcoach run {exercise.id} --plain --resume` continues from here."
            )
            return EXIT_STORE
        finally:
            store.close()

    def _begin(self, store: EntryStore, exercise: Exercise, resume: bool | None) -> Practice:
        draft = store.latest_draft(exercise.id) if resume is not False else None
        if draft is not None and resume is None:
            when = draft.started_at.astimezone().strftime("%a %d %b, %H:%M")
            if self.interactive:
                reply = self.ask(
                    f"You have an unfinished {exercise.title.lower()} from {when}. Continue it? [Y/n] "
                )
                resume = not reply.strip().lower().startswith("n")
            else:
                # Nobody can answer the question in a pipe: the piped lines start a new
                # one, and the old one stays, as the person is told.
                self.tell(
                    f"Starting a new {exercise.title.lower()}; the unfinished one from {when} "
                    f"stays saved (`cfcoach run {exercise.id} --plain --resume` continues it; "
                    "--new starts a new one without this note)."
                )
                resume = False
        if draft is not None and resume:
            try:
                practice = Practice.resume(store, exercise, draft, self.context.clock)
                self.say("Continuing where you left off.")
                return practice
            except ResumeError:
                self.para(
                    "This exercise has changed since you started that one, so it starts afresh; "
                    "your earlier answers stay saved."
                )
        return Practice.begin(
            store, exercise, self.context.clock, earlier=starting_answers(store, exercise)
        )

    def _loop(self, practice: Practice) -> int:
        while (step := practice.session.step) is not None and not practice.session.finished:
            self._show(practice, step)
            self._take_input(practice, step)
        self.say()
        if practice.session.state.status == "stopped":
            self.para("You stopped here, and that's all right. What you wrote is saved.")
        else:
            self.para(
                "Finished. Your entry is saved on this computer. Thank you for taking this time."
            )
            self._suggest(practice)
        return EXIT_DONE

    def _suggest(self, practice: Practice) -> None:
        """The exercise's suggestion for next time, as one gentle line (if it is here)."""
        rule = practice.session.suggestion()
        target = self.context.library.get(rule.exercise) if rule is not None else None
        if rule is None or target is None:
            return
        self.say()
        # One line (not wrapped), so the command stays whole for copying and screen readers.
        self.say(
            printable(
                f"If you'd like, next time: {target.title} (`cfcoach run {target.id}`) — "
                f"{' '.join(rule.reason.split())}"
            )
        )

    def _show(self, practice: Practice, step: StepBase) -> None:
        number, total = practice.session.progress()
        system = f"  ({step.system} system)" if step.system else ""
        self.say()
        self.say(f"[{number}/{total}] {printable(step.title)}{system}")
        if step.text:
            self.para(step.text)
        for ref in getattr(step, "pin", []):  # in the order the exercise pins them
            self._show_answer(practice, ref)
        if isinstance(step, ReviewStep):
            self._show_review(practice, step)
        if isinstance(step, PauseStep):
            self._show_pause(step)

    def _show_answer(self, practice: Practice, step_id: str) -> None:
        """One earlier answer, labelled (choices by their labels); steps on a branch this
        run did not take are left out."""
        if step_id not in practice.session.state.trail:
            return
        exercise = practice.exercise
        shown = describe_answer(exercise, step_id, practice.session.answer_for(step_id))
        self.para(f"{answer_label(exercise, step_id)}: {shown}", indent="  ")

    def _show_review(self, practice: Practice, step: ReviewStep) -> None:
        """A review's answers; with ``display: bars`` its ratings as text bars."""
        exercise = practice.exercise
        passed = set(practice.session.state.trail)
        ratings = [
            ref
            for ref in step.show
            if step.display == "bars" and isinstance(exercise.step(ref), RatingStep)
        ]
        # Ratings on a branch this run did not take are left out, as listed answers are.
        ratings = [ref for ref in ratings if ref in passed]
        width = max((len(printable(exercise.step(ref).answer_label)) for ref in ratings), default=0)
        for ref in step.show:
            if ref not in ratings:
                self._show_answer(practice, ref)
                continue
            label = printable(exercise.step(ref).answer_label).ljust(width)
            self.say(f"  {label}  {text_bar(practice.session.answer_for(ref))}")

    def _show_pause(self, step: PauseStep) -> None:
        if step.breathing is not None:
            # The same words as the coach's (content.step_words), so the two never differ.
            self.para(rhythm_words(step.breathing), indent="  ")
        for cue in step.cues:
            self.para(f"- {cue}", indent="  ")
        self.para(f"It lasts {length_in_words(step.seconds)}.", indent="  ")

    def _take_input(self, practice: Practice, step: StepBase) -> None:
        while True:
            if isinstance(step, (InfoStep, PauseStep, ReviewStep)):
                last = practice.session.progress()[0] == practice.session.progress()[1]
                prompt = "Press Enter to finish. " if last else "Press Enter to go on. "
                if isinstance(step, PauseStep) and step.adjustable:
                    prompt = (
                        f"{prompt[:-2]}, or type a number of seconds "
                        f"({LENGTH_MIN}-{LENGTH_MAX}) for a different length. "
                    )
                reply = self.wait(prompt)
                if isinstance(step, PauseStep) and step.adjustable and reply[:1].isdigit():
                    self._new_length(reply)
                    continue
            else:
                earlier = practice.session.answer_for(step.id)
                self._earlier_text = earlier if isinstance(earlier, str) else None
                reply = self.ask(self._prompt(step)).strip()
                if isinstance(step, TextStep):
                    # Control characters typed or pasted (an escape, say) are kept as
                    # visible symbols, as the coach's answer boxes keep them: never run.
                    reply = typeable(reply, one_line=not step.multiline)
                if not reply and self._earlier_text is not None:
                    reply = self._earlier_text  # Enter keeps what was written before
            if reply.startswith("/"):
                if reply.lower() not in COMMAND_WORDS and not self.interactive:
                    raise self.stop_reading(
                        step, reply, f"a line starting with / is one of {COMMANDS}"
                    )
                if self._command(practice, reply.lower()):
                    return
                continue
            try:
                value = self._parse(step, reply)
                assessment = self.saved(lambda: practice.answer(value))  # noqa: B023 (called at once)
                if assessment is not None:
                    show_safety_screen(self, practice, step.id, assessment)
                elif practice.safety_question_due(step.id):
                    ask_safety_question(self, practice, step.id)
                return
            except AnswerError as exc:
                if self.interactive:
                    self.para(self._not_taken(step, reply, exc))
                    continue
                # A pipe cannot correct itself, and going on would put every later line
                # on the wrong question: stop here. Words that did not fit (too long, say)
                # stay in the draft, and are still read for danger.
                if isinstance(step, TextStep) and reply:
                    self.saved(lambda: practice.keep_typing(reply))  # noqa: B023 (called at once)
                    assessment = flagged(reply)
                    if assessment is not None:
                        show_safety_screen(self, practice, step.id, assessment)
                raise self.stop_reading(step, reply, takes(step, reply)) from exc

    def _not_taken(self, step: StepBase, reply: str, problem: AnswerError) -> str:
        """What to say in a terminal when ``reply`` does not answer ``step``."""
        if isinstance(step, ChoiceStep) and reply:
            values = {option.value for option in step.options}
            unknown = [part for part in read_choices(step, reply) if part not in values]
            if unknown:
                this_takes = takes(step, reply).removeprefix("it takes ")
                return f"“{printable(unknown[0])}” is not one of the options; type {this_takes}."
        return str(problem)

    def saved(self, action: Callable[[], T]) -> T:
        """Run a Practice action; when it can't be saved (a full disk...), say why and, in a
        terminal, offer to try again: Practice undid it, so the answer typed is tried again
        as it was. In a pipe, or when the person stops, the run ends with the same sentence."""
        while True:
            try:
                return action()
            except StoreError as exc:
                if not self.interactive:
                    raise
                from cfcoach.errorlog import log_exception

                log_exception("saving in plain mode", exc)
                self.para(str(exc))
                reply = self.ask(
                    "Your answer is kept for now: press Enter to try saving it again, "
                    "or type q to stop. "
                )
                if reply.strip().lower() in ("q", "/stop", "/pause", "/quit"):
                    raise SavingGivenUp from exc

    def _new_length(self, reply: str) -> None:
        """An adjustable pause's new length, to the nearest 30 seconds within 30 s – 5 min."""
        if not reply.isdigit():
            self.para(f"Type a whole number of seconds, from {LENGTH_MIN} to {LENGTH_MAX}.")
            return
        wanted = int(reply)
        seconds = min(LENGTH_MAX, max(LENGTH_MIN, round(wanted / LENGTH_STEP) * LENGTH_STEP))
        note = "" if seconds == wanted else f" (the nearest length on offer to {wanted})"
        self.para(f"All right: take about {seconds} seconds for this{note}.", indent="  ")

    def _prompt(self, step: StepBase) -> str:
        if isinstance(step, RatingStep):
            anchors = ", ".join(f"{k} = {printable(v)}" for k, v in sorted(step.anchors.items()))
            return f"A number from 0 to 10{f' ({anchors})' if anchors else ''}: "
        if isinstance(step, ChoiceStep):
            for i, option in enumerate(step.options, start=1):
                self.say(f"  {i}. {printable(option.label)}")
            return (
                "Your choices (numbers or words, separated by commas): "
                if step.multiple
                else "Your choice (a number or its words): "
            )
        if isinstance(step, TextStep) and self._earlier_text is not None:
            self.para(
                f"(Written before: {self._earlier_text} Press Enter to keep it.)", indent="  "
            )
            return "> "
        if isinstance(step, TextStep) and step.optional:
            return "> (optional, Enter to leave it) "
        return "> "

    def _parse(self, step: StepBase, reply: str) -> object:
        if isinstance(step, ChoiceStep):
            return read_choices(step, reply)
        if isinstance(step, (InfoStep, PauseStep, ReviewStep)):
            return None
        return reply

    def _command(self, practice: Practice, command: str) -> bool:
        """Handle a /command; True when the step is done with (moved or stopped)."""
        if command == "/back":
            if not practice.back():
                self.say("This is the first step; there is nothing to go back to.")
            return True
        if command == "/skip":
            practice.skip()
            return True
        if command == "/stop":
            practice.stop()
            return True
        if command in ("/too-much", "/toomuch", "/too much"):
            return self._too_much(practice)
        self.say(f"You can type {COMMANDS}, or answer the question.")
        return False

    def _too_much(self, practice: Practice) -> bool:
        practice.too_much()
        self.say()
        self.say("That's OK. What would help right now?")
        self.say("  1. A short grounding pause")
        self.say("  2. Skip this step")
        self.say("  3. Stop here and keep what I wrote")
        self.say("  4. Go back to the step")
        choice = self.ask("Your choice (a number): ").strip()
        if choice == "1":
            grounding = practice.exercise.grounding
            self.say()
            self.para(grounding.text, indent="  ")
            self.para(
                f"Take about {grounding.seconds} seconds, or as long as you need.", indent="  "
            )
            practice.grounded()
            self.wait("Press Enter when you're ready to come back to the step. ")
            return False
        if choice == "2":
            practice.skip()
            return True
        if choice == "3":
            practice.stop()
            return True
        return False


COMMAND_WORDS = frozenset({"/back", "/skip", "/stop", "/too-much", "/toomuch", "/too much"})


def _words(text: str) -> str:
    """``text`` as choices are compared: any case, curly quotes straight, spaces single,
    and without a full stop or quotation marks around it."""
    text = text.replace("’", "'").replace("‘", "'").strip().strip("\"'“”").rstrip(".")
    return " ".join(text.casefold().split())


def _option_for(step: ChoiceStep, typed: str) -> str | None:
    """The value of the option ``typed`` names (by its number, its words or its saved
    value), or None."""
    words = _words(typed)
    if words.isdigit():
        number = int(words)
        return step.options[number - 1].value if 1 <= number <= len(step.options) else None
    for option in step.options:
        if words in (_words(option.label), option.value):
            return option.value
    return None


def read_choices(step: ChoiceStep, reply: str) -> list[str]:
    """The options a typed line picks: each by its number or its words, several separated
    by commas (an option whose words hold a comma is still one option).

    A part that names no option is kept as typed, so the engine says it is not one of them.
    """
    whole = _option_for(step, reply)
    if whole is not None:
        return [whole]
    parts = reply.split(",")
    picks: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):  # the longest run of parts that names one
            found = _option_for(step, ",".join(parts[start:end]))
            if found is not None:
                picks.append(found)
                start = end
                break
        else:
            if parts[start].strip():
                picks.append(parts[start].strip())
            start += 1
    return picks


def takes(step: StepBase, reply: str) -> str:
    """What ``step`` takes, as the end of a sentence ("it takes a whole number ...")."""
    leave = ", or an empty line to leave it" if getattr(step, "optional", False) else ""
    if isinstance(step, RatingStep):
        return f"it takes a whole number from 0 to 10{leave} (or /skip)"
    if isinstance(step, ChoiceStep):
        count = len(step.options)
        example = printable(step.options[0].label)
        if step.multiple:
            return (
                f"it takes option numbers from 1 to {count} or the options' words "
                f"(such as “{example}”), separated by commas{leave} (or /skip)"
            )
        return (
            f"it takes one option's number from 1 to {count} or its words "
            f"(such as “{example}”){leave} (or /skip)"
        )
    if isinstance(step, TextStep):
        if reply.strip():
            return (
                f"it takes at most {step.max_length:,} characters and this line has "
                f"{len(reply):,} (they are kept in the draft)"
            )
        return "it asks for a few words (or /skip to leave it)"
    return "it takes no answer"


def text_bar(value: object) -> str:
    """A rating as a bar of ten cells and its number: ``######----  6``."""
    if not isinstance(value, int) or isinstance(value, bool):
        return "(skipped)"
    filled = max(0, min(BAR_CELLS, value))
    return f"{'#' * filled}{'-' * (BAR_CELLS - filled)}  {value}"
