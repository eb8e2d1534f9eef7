"""PDF report, written with fpdf2: the same report as the HTML one, ready to print.

An embedded Unicode font (DejaVu Sans, shipped in ``fonts/`` with its licence) renders
accents, Greek and Cyrillic; pages are numbered "Page N of M"; A4 by default, Letter by
option; the charts are drawn with fpdf2's lines and circles. fpdf2 is imported only
here, so the other formats never load it.

What fpdf2 says while it writes (its warnings and log records, with its own file paths
and font names) goes to the error log, never to the person's terminal; the one thing
worth telling them, characters the font cannot draw, becomes one sentence in the
bundle's notes (:data:`MISSING_CHARACTERS`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from cfcoach import __version__
from cfcoach.datetext import day_text
from cfcoach.export.chartdata import Column, columns, positions
from cfcoach.export.linebreak import wrap
from cfcoach.export.registry import ExportBundle
from cfcoach.export.report import SAFETY_PLAN_TITLE, Chart, EntryView, Item, Report, build_report

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
PAPER = {"a4": "A4", "letter": "Letter"}

Colour = tuple[int, int, int]
INK: Colour = (35, 40, 45)
MUTED: Colour = (92, 101, 110)
ACCENT: Colour = (45, 92, 118)
LINE: Colour = (205, 212, 218)
BEFORE: Colour = (154, 107, 31)
AFTER: Colour = (44, 110, 91)
WHITE: Colour = (255, 255, 255)
Place = Callable[[int], float]
Level = Callable[[float], float]

FACT_LABEL_WIDTH = 50.0
CHART_HEIGHT = 40.0


MISSING_CHARACTER = (
    "One character in these entries cannot be drawn in a PDF (its font has no shape for "
    "it) and shows there as an empty box; an HTML export shows every character."
)
MISSING_CHARACTERS = (
    "{count} different characters in these entries cannot be drawn in a PDF (its font has "
    "no shapes for them) and show there as empty boxes; an HTML export shows every character."
)
"""Said once when the font lacked some characters (how many different ones)."""


def write(bundle: ExportBundle, out: BinaryIO) -> None:
    """Write ``bundle`` as a PDF report to ``out``; anything to tell goes in ``bundle.notes``."""
    report = build_report(bundle)
    with _library_output_logged():
        pdf = render_pdf(report, bundle)
        data = bytes(pdf.output())
    missing = len(pdf.missing_characters())
    if missing:
        note = MISSING_CHARACTERS.format(count=missing) if missing > 1 else MISSING_CHARACTER
        if note not in bundle.notes:
            bundle.notes.append(note)
    out.write(data)


@contextlib.contextmanager
def _library_output_logged() -> Iterator[None]:
    """fpdf2's warnings and log records while the PDF is made go to the error log only.

    Only where they come from and fpdf2's own words are kept: a log record's message
    without its arguments (those can hold characters from the entries).
    """
    library = logging.getLogger("fpdf")
    to_log = _ToErrorLog()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        library.addHandler(to_log)
        was_propagating, library.propagate = library.propagate, False
        try:
            yield
        finally:
            library.removeHandler(to_log)
            library.propagate = was_propagating
            for warning in caught:
                _log(
                    "pdf: %s from %s:%d: %.300s",
                    warning.category.__name__,
                    os.path.basename(warning.filename),
                    warning.lineno,
                    str(warning.message),
                )


def _log(message: str, *args: object) -> None:
    from cfcoach.errorlog import get_logger

    get_logger().warning(message, *args)


class _ToErrorLog(logging.Handler):
    """Hands fpdf2's log records to the error log: logger, level and message template."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _log("pdf: %s %s: %.300s", record.name, record.levelname, str(record.msg))


class ReportPDF(FPDF):
    """An FPDF with the report's running header and numbered footer."""

    def __init__(self, report: Report) -> None:
        super().__init__(orientation="portrait", unit="mm", format=PAPER[report.paper])
        self.report = report
        self._widths: dict[tuple[str, str, float, str], float] = {}
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.alias_nb_pages()

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(9)
        self.style(8, MUTED)
        self.cell(0, 4, f"{self.report.title} · {self.report.period}", align="L")
        self.set_y(18)

    def footer(self) -> None:
        self.set_y(-12)
        self.style(8, MUTED)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")

    def style(self, size: float, colour: Colour = INK, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def para(self, text: str, size: float, colour: Colour = INK, *, bold: bool = False) -> None:
        """A paragraph the full width of the page, then back to the left margin."""
        self.style(size, colour, bold)
        self.lines(text, size * 0.5)

    def lines(self, text: str, height: float, *, indent: float = 0.0, bar: bool = False) -> None:
        """``text`` wrapped to the page width, one cell a line (pages break between lines).

        With ``bar``, a line in the current draw colour runs down the left of each line.
        """
        left = self.l_margin + indent
        for line in wrap(text, self.epw - indent - 2 * self.c_margin, self.width_of):
            if self.will_page_break(height):
                self.add_page()
            if bar:
                self.line(self.l_margin, self.get_y(), self.l_margin, self.get_y() + height)
            self.set_x(left)
            self.cell(self.epw - indent, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def width_of(self, text: str) -> float:
        """``get_string_width`` in the current font, remembered (words come back often)."""
        key = (self.font_family, self.font_style, self.font_size_pt, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(text)
        return width

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.will_page_break(height):
            self.add_page()

    def missing_characters(self) -> set[int]:
        """The characters (code points) that were asked for but that the fonts cannot draw."""
        return {
            code for font in self.fonts.values() for code in getattr(font, "missing_glyphs", ())
        }


def render_pdf(report: Report, bundle: ExportBundle) -> ReportPDF:
    """The report laid out in a :class:`ReportPDF`, ready for ``output()``."""
    pdf = ReportPDF(report)
    pdf.set_title(f"{report.title} · {report.period}")
    pdf.set_creator(f"cfcoach {__version__}")
    pdf.set_producer(f"cfcoach {__version__}")
    pdf.set_lang("en")
    pdf.set_creation_date(bundle.generated_at)
    pdf.add_page()
    _first_page(pdf, report)
    if report.safety_plan:
        pdf.add_page()
        _safety_plan(pdf, report)
    pdf.add_page()
    _section(pdf, "Entries")
    if not report.entries:
        pdf.para("No entries were chosen for this export.", 10.5, MUTED)
    for view in report.entries:
        _entry(pdf, view)
    return pdf


def _section(pdf: ReportPDF, title: str) -> None:
    pdf.need(20)
    pdf.ln(2)
    pdf.para(title, 14, ACCENT, bold=True)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.3)
    y = pdf.get_y() + 1
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_y(y + 4)


def _first_page(pdf: ReportPDF, report: Report) -> None:
    pdf.para(report.title, 20, INK, bold=True)
    pdf.ln(1)
    pdf.para(report.period, 13)
    pdf.ln(2)
    pdf.para(report.intro, 9.5, MUTED)
    pdf.para(report.made, 8.5, MUTED)
    pdf.ln(4)
    _section(pdf, "Summary")
    for head, text in report.facts:
        _fact(pdf, head, text)
    for chart in report.charts:
        _chart(pdf, chart)


def _fact(pdf: ReportPDF, head: str, text: str) -> None:
    pdf.need(11)
    top = pdf.get_y()
    pdf.style(10, INK, bold=True)
    pdf.multi_cell(FACT_LABEL_WIDTH - 3, 5, head, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    label_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + FACT_LABEL_WIDTH, top)
    pdf.style(10, INK)
    pdf.multi_cell(0, 5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), label_bottom) + 1.6)


def _chart(pdf: ReportPDF, chart: Chart) -> None:
    cols = columns(chart.days)
    pdf.need(CHART_HEIGHT + 20)
    pdf.ln(4)
    pdf.para(f"{chart.name}, day by day (0–10)", 9.5, MUTED)
    left = pdf.l_margin + 8
    right = pdf.w - pdf.r_margin - 2
    top = pdf.get_y() + 6
    bottom = top + CHART_HEIGHT

    along = positions(cols)

    def x(index: int) -> float:
        return left + (right - left) * along[index]

    def y(value: float) -> float:
        return bottom - (bottom - top) * value / 10

    pdf.set_line_width(0.2)
    pdf.set_draw_color(*LINE)
    pdf.style(7.5, MUTED)
    for level in (0, 5, 10):
        pdf.line(left, y(level), right, y(level))
        pdf.set_xy(pdf.l_margin, y(level) - 1.8)
        pdf.cell(6, 3.6, str(level), align="R")
    if chart.paired:
        _series(pdf, [c.before for c in cols], x, y, BEFORE, dashed=True)
    _series(pdf, [c.after for c in cols], x, y, AFTER, dashed=False)
    _legend(pdf, chart.paired, right, top - 5)
    _dates(pdf, cols, x, bottom + 1.5, left, right)
    pdf.set_y(bottom + 8)


def _series(
    pdf: ReportPDF,
    values: list[float | None],
    x: Place,
    y: Level,
    colour: Colour,
    *,
    dashed: bool,
) -> None:
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.6)
    if dashed:
        pdf.set_dash_pattern(dash=1.6, gap=1.1)
    run: list[tuple[float, float]] = []
    for index, value in enumerate([*values, None]):
        if value is None:
            if len(run) > 1:
                pdf.polyline(run)
            run = []
        else:
            run.append((x(index), y(value)))
    pdf.set_dash_pattern()
    pdf.set_line_width(0.4)
    for index, value in enumerate(values):
        if value is None:
            continue
        if dashed:
            pdf.set_fill_color(*WHITE)
            pdf.circle(x(index), y(value), 0.9, style="FD")
        else:
            pdf.set_fill_color(*colour)
            pdf.circle(x(index), y(value), 0.9, style="F")


def _legend(pdf: ReportPDF, paired: bool, right: float, top: float) -> None:
    pdf.style(7.5, MUTED)
    items = [("before", BEFORE, True), ("after", AFTER, False)] if paired else []
    if not items:
        items = [("rating", AFTER, False)]
    cursor = right - 26 * len(items)
    for name, colour, dashed in items:
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.6)
        if dashed:
            pdf.set_dash_pattern(dash=1.6, gap=1.1)
        pdf.line(cursor, top + 1.8, cursor + 7, top + 1.8)
        pdf.set_dash_pattern()
        pdf.set_xy(cursor + 8, top)
        pdf.cell(16, 3.6, name)
        cursor += 26


def _dates(
    pdf: ReportPDF, cols: list[Column], x: Place, top: float, left: float, right: float
) -> None:
    pdf.style(7.5, MUTED)
    first, last = day_text(cols[0].first, short=True), day_text(cols[-1].last, short=True)
    if first == last:
        pdf.set_xy(x(0) - 20, top)
        pdf.cell(40, 3.6, first, align="C")
        return
    pdf.set_xy(left, top)
    pdf.cell(40, 3.6, first, align="L")
    pdf.set_xy(right - 40, top)
    pdf.cell(40, 3.6, last, align="R")


def _safety_plan(pdf: ReportPDF, report: Report) -> None:
    _section(pdf, SAFETY_PLAN_TITLE)
    if report.safety_plan_written:
        pdf.para(report.safety_plan_written, 8.5, MUTED)
        pdf.ln(1.5)
    for label, words in report.safety_plan:
        pdf.need(12)
        pdf.para(label, 9, MUTED, bold=True)
        _words(pdf, words)
        pdf.ln(1.8)


def _entry(pdf: ReportPDF, view: EntryView) -> None:
    pdf.need(32)
    pdf.style(12, INK, bold=True)
    pdf.multi_cell(0, 6, view.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    marks = [view.when, f"Entry {view.number}" if view.number is not None else "Entry"]
    if view.status:
        marks.append(view.status)
    if view.private:
        marks.append("marked private")
    pdf.para(" · ".join(marks), 8.5, MUTED)
    pdf.ln(1.5)
    for item in view.items:
        _item(pdf, item)
    if view.note:
        pdf.need(14)
        pdf.ln(0.5)
        pdf.para("Note for my therapist", 9, ACCENT, bold=True)
        _words(pdf, view.note)
    pdf.ln(2)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(5)


def _item(pdf: ReportPDF, item: Item) -> None:
    pdf.need(12)
    pdf.para(item.label, 9, MUTED, bold=True)
    if item.skipped:
        pdf.para("skipped", 10, MUTED)
    elif item.block:
        _words(pdf, item.text)
    else:
        pdf.para(item.text, 10.5)
        if item.scale:
            pdf.para(f"scale: {item.scale}", 8, MUTED)
    pdf.ln(1.8)


def _words(pdf: ReportPDF, text: str) -> None:
    """The person's own words: set off by a thin line on the left, line breaks kept."""
    pdf.style(10.5, INK)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.8)
    pdf.lines(text, 5.2, indent=3, bar=True)
