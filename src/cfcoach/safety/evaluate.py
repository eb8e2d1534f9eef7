"""Recall and false alarms of :func:`cfcoach.safety.assess` on the corpus, by category and language.

    python -m cfcoach.safety.evaluate                  # the test split (never tuned on)
    python -m cfcoach.safety.evaluate --split dev --misses 20
    python -m cfcoach.safety.evaluate --markdown       # the table for docs/safety.md

Recall is the share of ``crisis``/``concern`` lines that raise the safety screen; the
false-alarm rate is the share of ``none`` lines that raise it. ``--layer rules`` or
``--layer model`` measures one layer alone.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cfcoach.safety.corpus import CorpusError, CorpusLine, default_corpus_dir, read_corpus

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "hi": "Hindi (Latin script)",
}


@dataclass
class Tally:
    """Counts for one group of lines."""

    caught: int = 0
    positives: int = 0
    false_alarms: int = 0
    negatives: int = 0
    missed: list[CorpusLine] = field(default_factory=list)
    alarms: list[CorpusLine] = field(default_factory=list)

    def add(self, line: CorpusLine, flagged: bool) -> None:
        if line.flag:
            self.positives += 1
            if flagged:
                self.caught += 1
            else:
                self.missed.append(line)
        else:
            self.negatives += 1
            if flagged:
                self.false_alarms += 1
                self.alarms.append(line)

    @property
    def recall(self) -> float | None:
        return self.caught / self.positives if self.positives else None

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.negatives if self.negatives else None


@dataclass
class Report:
    """Tallies overall, per language and per (category) of one run."""

    overall: Tally = field(default_factory=Tally)
    languages: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    categories: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def evaluate(lines: Iterable[CorpusLine], flagged: Callable[[str], bool]) -> Report:
    """Run ``flagged`` over ``lines`` and count."""
    report = Report()
    for line in lines:
        result = flagged(line.text)
        report.overall.add(line, result)
        report.languages[line.language].add(line, result)
        report.categories[line.category].add(line, result)
    return report


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.3f}" if total else "-"


def format_report(report: Report, markdown: bool = False) -> str:
    """The report as a plain-text (or Markdown) table."""
    rows: list[tuple[str, str, str]] = []
    rows.append(
        (
            "all",
            _ratio(report.overall.caught, report.overall.positives),
            _ratio(report.overall.false_alarms, report.overall.negatives),
        )
    )
    for code in sorted(report.languages, key=lambda c: (c != "en", c)):
        tally = report.languages[code]
        name = LANGUAGE_NAMES.get(code, code)
        rows.append(
            (
                f"language: {name}",
                _ratio(tally.caught, tally.positives),
                _ratio(tally.false_alarms, tally.negatives),
            )
        )
    for category in sorted(report.categories):
        tally = report.categories[category]
        rows.append(
            (
                f"category: {category}",
                _ratio(tally.caught, tally.positives),
                _ratio(tally.false_alarms, tally.negatives),
            )
        )
    header = ("lines", "recall (caught / risky)", "false alarms (raised / ordinary)")
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|---|---|---|"]
        out += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


def _flagger(layer: str) -> Callable[[str], bool]:
    from cfcoach.safety.assessment import Assessor, assess, default_assessor, shipped_people

    if layer == "both":
        return lambda text: assess(text).flagged
    built = default_assessor()
    if built is None:
        raise SystemExit("The safety rules cannot be loaded; see the log.")
    if layer == "rules":
        rules_only = Assessor(built.rule_sets, None, shipped_people())
        return lambda text: rules_only.assess(text).flagged
    model = built.model
    if model is None:
        raise SystemExit("The learned model cannot be loaded; see the log.")
    return model.flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cfcoach.safety.evaluate",
        description="Recall and false alarms of the safety net on the corpus.",
    )
    parser.add_argument("--corpus", type=Path, default=None, help="the corpus folder")
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--layer", choices=("both", "rules", "model"), default="both")
    parser.add_argument("--language", default=None, help="only this language (en, de ...)")
    parser.add_argument(
        "--misses", type=int, default=0, metavar="N", help="list N misses and N false alarms"
    )
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    folder = args.corpus or default_corpus_dir()
    try:
        lines = [
            line
            for line in read_corpus(folder)
            if (args.split == "all" or line.split == args.split)
            and (args.language is None or line.language == args.language)
        ]
    except (CorpusError, OSError) as exc:
        print(f"The corpus cannot be read: {exc}", file=sys.stderr)
        return 2
    report = evaluate(lines, _flagger(args.layer))
    print(f"{args.split} split, {args.layer} layer(s), {len(lines)} lines from {folder}")
    print(format_report(report, args.markdown))
    if args.misses:
        print("\nmissed:")
        for line in report.overall.missed[: args.misses]:
            print(f"  {line.where} [{line.category}] {line.text}")
        print("\nfalse alarms:")
        for line in report.overall.alarms[: args.misses]:
            print(f"  {line.where} [{line.category}] {line.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
