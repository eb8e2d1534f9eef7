"""Exports as a person runs them: everything as JSON, Markdown and CSV; 30 entries as an
HTML and a PDF report. Each is a whole `cfcoach export` process writing a file; its
baseline is the same command in a home with no entries (start-up and nothing to write)."""

from __future__ import annotations

from benchmarks.registry import Bench, at_most, measure

ALL_ENTRIES = ("--include-private",)
LAST_30 = ("--last", "30")


def _export(bench: Bench, kind: str, selection: tuple[str, ...], *, empty: bool) -> float:
    target = bench.scratch / f"export-{'empty' if empty else 'full'}.{kind}"
    return bench.cfcoach(
        "export", "--format", kind, *selection, "-o", str(target), "--force", empty=empty
    )


def _register(kind: str, selection: tuple[str, ...], label: str, limit_ms: float | None) -> None:
    name = f"cli-export-{kind}-{label}"
    what = f"cfcoach export --format {kind} {' '.join(selection)}"

    def empty_run(bench: Bench) -> float:
        return _export(bench, kind, selection, empty=True)

    def full_run(bench: Bench) -> float:
        return _export(bench, kind, selection, empty=False)

    empty_run.__module__ = full_run.__module__ = __name__
    measure(f"{name}-no-entries", f"{what}, in a home with no entries")(empty_run)
    budget = at_most(limit_ms) if limit_ms is not None else None
    measure(name, what, baseline=f"{name}-no-entries", budget=budget)(full_run)


_register("json", ALL_ENTRIES, "all", 1000)
_register("md", ALL_ENTRIES, "all", 1000)
_register("csv", ALL_ENTRIES, "all", 1000)
_register("html", LAST_30, "30", None)
_register("pdf", LAST_30, "30", 2000)
