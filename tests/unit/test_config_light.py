"""The settings and the first-run check load no pydantic (issue #8: the home screen's first paint).

Each probe runs in a fresh interpreter, so modules other tests imported don't count; a
positive control shows the probe does see pydantic when something brings it in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from cfcoach.paths import app_paths
{imports}
settings, warning = cfcoach.config.load_settings_with_warning(app_paths())
print(json.dumps({{
    "country": settings.country,
    "first_run_done": settings.first_run_done,
    "warning": warning,
    "pydantic": sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")),
}}))
"""


def probe(home: Path, imports: str) -> dict[str, object]:
    """What a fresh interpreter saw after ``imports`` and loading the settings in ``home``."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(imports=imports)],
        capture_output=True,
        text=True,
        env={**os.environ, "CFCOACH_HOME": str(home)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def write_settings(home: Path, data: object) -> None:
    config = home / "config" / "config.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps(data), encoding="utf-8")


def test_settings_and_the_first_run_check_load_no_pydantic(tmp_path: Path) -> None:
    write_settings(tmp_path, {"country": "gb", "first_run_done": True, "future": 1})
    found = probe(tmp_path, "import cfcoach.config, cfcoach.tui.first_run")
    assert found["country"] == "GB" and found["first_run_done"] is True  # it really loaded
    assert found["warning"] is None
    assert found["pydantic"] == []


def test_a_bad_settings_file_loads_no_pydantic_either(tmp_path: Path) -> None:
    write_settings(tmp_path, {"country": "Narnia", "reduced_motion": "yes", "theme": ""})
    found = probe(tmp_path, "import cfcoach.config, cfcoach.tui.first_run")
    assert found["country"] is None and isinstance(found["warning"], str)
    assert found["pydantic"] == []


def test_the_probe_sees_pydantic_when_something_loads_it(tmp_path: Path) -> None:
    found = probe(tmp_path, "import cfcoach.config, cfcoach.content.models")
    assert "pydantic" in found["pydantic"]  # type: ignore[operator]
