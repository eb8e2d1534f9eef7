"""Every input of the public YAML test suite, read as if it were an exercise file.

Each must end in a loaded exercise or a ContentError whose problems name the file with a
line and column: never another exception, never a hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cfcoach.content import ContentError, Exercise, load_exercise_file
from tests.conftest import SHARED

CASES_DIR = SHARED / "yaml-test-suite" / "cases"
CASES = sorted(CASES_DIR.glob("*/in.yaml")) if CASES_DIR.is_dir() else []


@pytest.mark.skipif(not CASES, reason=f"the YAML test suite is not in {CASES_DIR}")
def test_the_suite_is_all_there() -> None:
    # The shared copy holds hundreds of cases; a handful would mean a broken copy.
    assert len(CASES) > 300


@pytest.mark.timeout(10)
@pytest.mark.skipif(not CASES, reason=f"the YAML test suite is not in {CASES_DIR}")
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.parent.name)
def test_a_suite_case_loads_or_fails_clearly(path: Path) -> None:
    try:
        exercise = load_exercise_file(path)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == str(path)
            assert problem.line >= 1
            assert problem.column >= 1
            assert problem.message.strip()
            assert "Traceback" not in problem.message
            assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")
    else:
        assert isinstance(exercise, Exercise)


@pytest.mark.skipif(not CASES, reason=f"the YAML test suite is not in {CASES_DIR}")
@pytest.mark.parametrize("case", ["P94K", "BEC7", "CC74", "P76L", "U3C3", "4FJ6"])
def test_cases_that_once_escaped_the_loader(case: str) -> None:
    # These raised NotImplementedError, AssertionError or TypeError from inside the
    # loader before it was fixed; now each is one clear problem (or more) about the file.
    path = CASES_DIR / case / "in.yaml"
    if not path.exists():
        pytest.skip(f"case {case} is not in this copy of the suite")
    with pytest.raises(ContentError) as caught:
        load_exercise_file(path)
    for problem in caught.value.problems:
        assert problem.path == str(path)
        assert "Error" not in problem.message
