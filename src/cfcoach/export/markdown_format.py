"""Markdown report: reads as plain text, and renders cleanly when pasted into a portal.

The person's words are quoted (``> ``) with their line breaks kept; characters Markdown
would act on are escaped with a backslash, so an answer can never become a link, a
heading or raw HTML. Control characters never reach the output (see :mod:`report`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TextIO

from cfcoach.datetext import day_text, range_text
from cfcoach.export.chartdata import Column, columns
from cfcoach.export.registry import ExportBundle
from cfcoach.export.report import SAFETY_PLAN_TITLE, Chart, EntryView, Report, build_report

# Characters Markdown acts on inside a line; each gets a backslash before it. The
# backslash comes first, so the backslashes added for the others are not doubled.
_INLINE_ACTIVE = "\\`*_[]<>~|"
# At the start of every line (never across one: "[^\S\n]" is white space but a line break).
_LINE_START = re.compile(r"^([^\S\n]*)(\d+)?([#>+=-]|(?<=\d)[.)])", re.MULTILINE)
# The same, looked for quickly: at the very start, then only after a line break (a pattern
# that begins with "\n" is scanned for much faster than "^" is under re.MULTILINE).
_FIRST_LINE_START = re.compile(r"[^\S\n]*\d*(?:[#>+=-]|(?<=\d)[.)])")
_LATER_LINE_START = re.compile(r"\n[^\S\n]*\d*(?:[#>+=-]|(?<=\d)[.)])")
BLOCKS = "▁▂▃▄▅▆▇█"


def escape(text: str) -> str:
    """``text`` with Markdown's active characters escaped (one line or many)."""
    if len(text) <= SHORT:
        return _escape_short(text)  # labels, titles, scales: the same few, thousands of times
    return _escape(text)


def _escape(text: str) -> str:
    # For speed on long answers: a few "in" tests and a replace only for the characters
    # present (str.translate looked every character up), and the line-start pattern only
    # when a quick search says a line needs it (nearly no answer does).
    for char in _INLINE_ACTIVE:
        if char in text:
            text = text.replace(char, "\\" + char)
    if _FIRST_LINE_START.match(text) or ("\n" in text and _LATER_LINE_START.search(text)):
        text = _LINE_START.sub(r"\1\2\\\3", text)
    return text


SHORT = 120
_escape_short = lru_cache(maxsize=2048)(_escape)


def quote(text: str) -> str:
    """``text`` as a Markdown block quote, line breaks kept (two trailing spaces)."""
    escaped = escape(text.strip("\n"))
    if "\n" not in escaped:  # most answers: one line, so no hard breaks to work out
        line = escaped.rstrip()
        return f"> {line}" if line else ">"
    lines = escaped.split("\n")
    out = []
    for index, line in enumerate(lines):
        line = line.rstrip()
        last = index == len(lines) - 1
        following_blank = not last and not lines[index + 1].strip()
        hard_break = "" if last or not line or following_blank else "  "
        out.append(f"> {line}{hard_break}" if line else ">")
    return "\n".join(out)


def spark(values: list[float | None]) -> str:
    """One block character per value, ▁ for 0 up to █ for 10; · where there is none."""
    marks = []
    for value in values:
        if value is None:
            marks.append("·")
        else:
            marks.append(BLOCKS[round(max(0.0, min(10.0, value)) / 10 * (len(BLOCKS) - 1))])
    return "".join(marks)


def write(bundle: ExportBundle, out: TextIO) -> None:
    """Write ``bundle`` as a Markdown report to ``out``, a part at a time.

    The same text as :func:`render`, without holding the whole of it (tens of megabytes
    for thousands of entries) in memory at once.
    """
    for index, part in enumerate(_parts(build_report(bundle))):
        if index:
            out.write(PART_GAP)
        out.write(part)
    out.write("\n")


def render(report: Report) -> str:
    """The whole Markdown report as one text."""
    return PART_GAP.join(_parts(report)) + "\n"


PART_GAP = "\n\n"
"""Between the parts of the report: headings, paragraphs, entries."""


def _parts(report: Report) -> Iterator[str]:
    yield f"# {escape(report.title)}"
    yield f"{escape(report.period)} · {escape(report.made)}"
    yield escape(report.intro)
    yield "## Summary"
    yield "\n".join(f"- **{escape(head)}:** {escape(text)}" for head, text in report.facts)
    for chart in report.charts:
        yield _chart(chart)
    if report.safety_plan:
        yield _safety_plan(report)
    yield "## Entries"
    if not report.entries:
        yield "No entries were chosen for this export."
    for view in report.entries:
        yield _entry(view)


def _chart(chart: Chart) -> str:
    cols: list[Column] = columns(chart.days)
    rows = []
    if chart.paired:
        rows.append(("before", [c.before for c in cols]))
    rows.append(("after" if chart.paired else "rating", [c.after for c in cols]))
    width = max(len(name) for name, _ in rows)
    lines = [f"{name.ljust(width)}  {spark(values)}" for name, values in rows]
    first, last = cols[0].first, cols[-1].last
    start, end = day_text(first, short=True), day_text(last, short=True)
    if last == first:
        span = start
    elif len(cols) >= len(start) + len(end) + 1:
        span = f"{start}{' ' * (len(cols) - len(start) - len(end))}{end}"
    else:
        span = range_text(first, last, short=True)
    lines.append(f"{' ' * width}  {span}")
    return (
        f"### {escape(chart.name)}, day by day\n\n"
        "One mark a day (the day's mean): ▁ is 0, █ is 10, · not rated.\n\n"
        "```text\n" + "\n".join(lines) + "\n```"
    )


def _safety_plan(report: Report) -> str:
    parts = [f"## {SAFETY_PLAN_TITLE}"]
    if report.safety_plan_written:
        parts.append(escape(report.safety_plan_written))
    parts.extend(f"**{escape(label)}**\n\n{quote(words)}" for label, words in report.safety_plan)
    return "\n\n".join(parts)


def _entry(view: EntryView) -> str:
    heading = f"### {escape(view.title)}, {escape(view.when)}"
    marks = [f"Entry {view.number}" if view.number is not None else "Entry"]
    if view.status:
        marks.append(view.status)
    if view.private:
        marks.append("marked private")
    parts = [heading, escape(" · ".join(marks))]
    for item in view.items:
        label = f"**{escape(item.label)}**"
        if item.skipped:
            parts.append(f"{label}: *skipped*")
        elif item.block:
            parts.append(f"{label}\n\n{quote(item.text)}")
        else:
            line = f"{label}: {escape(item.text)}"
            if item.scale:
                line += f"  \n(scale: {escape(item.scale)})"
            parts.append(line)
    if view.note:
        parts.append(f"**Note for my therapist**\n\n{quote(view.note)}")
    return "\n\n".join(parts)
