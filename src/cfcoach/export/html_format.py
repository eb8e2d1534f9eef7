"""HTML report: one self-contained page (inline CSS and SVG), calm on screen and in print.

No scripts and no external references: the style sheet and the charts are inside the
file, and a Content-Security-Policy forbids loading anything else. Every piece of the
person's text is HTML-escaped. Light and dark follow ``prefers-color-scheme``; printing
uses ink colours, puts the summary on the first page and fits A4 and Letter alike.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from typing import TextIO

from cfcoach import __version__
from cfcoach.export.registry import ExportBundle
from cfcoach.export.report import SAFETY_PLAN_TITLE, EntryView, Report, build_report
from cfcoach.export.svg_chart import svg

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def stylesheet() -> str:
    return resources.files("cfcoach.export").joinpath("html_style.css").read_text("utf-8")


def write(bundle: ExportBundle, out: TextIO) -> None:
    """Write ``bundle`` as a self-contained HTML page to ``out``."""
    out.write(render(build_report(bundle)))


def e(text: str) -> str:
    return escape(text, quote=True)


def render(report: Report) -> str:
    facts = "".join(
        f"<div><dt>{e(head)}</dt><dd>{e(text)}</dd></div>" for head, text in report.facts
    )
    charts = "".join(
        f"<figure><figcaption>{e(chart.name)}, day by day (0–10)</figcaption>"
        f"{svg(chart, f'chart{index}')}</figure>"
        for index, chart in enumerate(report.charts, start=1)
    )
    entries = "".join(_entry(view) for view in report.entries) or (
        '<p class="empty">No entries were chosen for this export.</p>'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f'<meta name="generator" content="cfcoach {e(__version__)}">\n'
        f"<title>{e(report.title)} · {e(report.period)}</title>\n"
        f"<style>\n{stylesheet()}</style>\n</head>\n<body>\n<main>\n"
        f'<header>\n<h1>{e(report.title)}</h1>\n<p class="period">{e(report.period)}</p>\n'
        f'<p class="intro">{e(report.intro)}</p>\n<p class="made">{e(report.made)}</p>\n</header>\n'
        f'<section class="summary" aria-labelledby="summary-h">\n<h2 id="summary-h">Summary</h2>\n'
        f'<dl class="facts">{facts}</dl>\n{charts}\n</section>\n'
        f"{_safety_plan(report)}"
        f'<section class="entries" aria-labelledby="entries-h">\n<h2 id="entries-h">Entries</h2>\n'
        f"{entries}\n</section>\n</main>\n</body>\n</html>\n"
    )


def _safety_plan(report: Report) -> str:
    if not report.safety_plan:
        return ""
    written = (
        f'<p class="marks">{e(report.safety_plan_written)}</p>'
        if report.safety_plan_written
        else ""
    )
    rows = "".join(
        f'<dt>{e(label)}</dt><dd class="words">{e(words)}</dd>'
        for label, words in report.safety_plan
    )
    return (
        '<section class="safety-plan" aria-labelledby="plan-h">\n'
        f'<h2 id="plan-h">{e(SAFETY_PLAN_TITLE)}</h2>\n{written}'
        f'<dl class="answers">{rows}</dl>\n</section>\n'
    )


def _entry(view: EntryView) -> str:
    marks = [f"Entry {view.number}" if view.number is not None else "Entry"]
    if view.status:
        marks.append(view.status)
    if view.private:
        marks.append("marked private")
    rows = []
    for item in view.items:
        rows.append(f"<dt>{e(item.label)}</dt>")
        if item.skipped:
            rows.append('<dd class="skipped">skipped</dd>')
        elif item.block:
            rows.append(f'<dd class="words">{e(item.text)}</dd>')
        else:
            scale = f' <span class="scale">({e(item.scale)})</span>' if item.scale else ""
            rows.append(f"<dd>{e(item.text)}{scale}</dd>")
    note = (
        f'<div class="note"><h4>Note for my therapist</h4><p>{e(view.note)}</p></div>'
        if view.note
        else ""
    )
    return (
        f'<article class="entry">\n<header><h3>{e(view.title)}</h3>'
        f'<span class="when">{e(view.when)}</span></header>\n'
        f'<p class="marks">{e(" · ".join(marks))}</p>\n'
        f'<dl class="answers">{"".join(rows)}</dl>{note}\n</article>\n'
    )
