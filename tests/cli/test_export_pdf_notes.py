"""`cfcoach export` as a PDF says in one sentence what its font cannot draw, and nothing of
fpdf2's own (its font names, file paths) reaches the terminal (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from cfcoach.export.pdf_format import MISSING_CHARACTERS
from cfcoach.paths import app_paths
from cfcoach.store import EntryStore
from tests.cli.conftest import Run
from tests.unit.golden import samples


def test_characters_a_pdf_cannot_draw_get_one_sentence_and_no_library_words(
    cfcoach: Run, home: Path, tmp_path: Path
) -> None:
    entry = samples.entries()[0]
    with EntryStore(app_paths().database) as store:
        store.save(replace(entry, id=None, answers={**entry.answers, "critic": "漢字, again"}))
    target = tmp_path / "report.pdf"

    result = cfcoach("export", "--output", str(target))

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-2:] == [
        f"Written to {target}",
        MISSING_CHARACTERS.format(count=2),
    ]
    assert "Font" not in result.stderr and "fpdf" not in result.stderr
    assert "漢" not in app_paths().log_file.read_text(encoding="utf-8")
    piped = subprocess.run(  # to a pipe: told all the same
        [sys.executable, "-m", "cfcoach", "export", "--format", "pdf"],
        capture_output=True,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=60,
    )
    assert piped.stdout.startswith(b"%PDF-")
    assert piped.stderr.decode().splitlines()[-1] == MISSING_CHARACTERS.format(count=2)
