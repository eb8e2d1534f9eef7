"""The JSON Schema of an exercise file, for editors (`cfcoach content schema`).

It comes from the pydantic models, so it always matches what the loader accepts;
field docstrings become descriptions an editor shows while typing. The graph checks
(step ids that exist, paths that end) are beyond a schema: `cfcoach content validate`
does those.
"""

from __future__ import annotations

import json
from typing import Any

from cfcoach.content.models import Exercise

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: what yaml-language-server and most editors read (``$defs`` refs resolve as pointers)."""
SCHEMA_FILE_NAME = "cfcoach-exercise.schema.json"
"""The name the authoring guide suggests for the schema file."""
ANCHOR_KEYS = r"^(10|[0-9])$"


def exercise_schema() -> dict[str, Any]:
    """The JSON Schema of one exercise file, as a dict."""
    schema = Exercise.model_json_schema(by_alias=True)
    tidied = _tidy(schema)
    assert isinstance(tidied, dict)
    rating = tidied.get("$defs", {}).get("RatingStep", {}).get("properties", {})
    if "anchors" in rating:
        # YAML keys 0..10 arrive as the strings "0".."10" in an editor's JSON view.
        rating["anchors"]["propertyNames"] = {"pattern": ANCHOR_KEYS}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "cfcoach exercise",
        **{k: v for k, v in tidied.items() if k != "title"},
    }


def exercise_schema_json() -> str:
    """The schema as JSON text, indented, ending with a newline."""
    return json.dumps(exercise_schema(), indent=2, ensure_ascii=False) + "\n"


def _tidy(node: Any) -> Any:
    """Descriptions in Markdown's single backticks (the docstrings use reST's double ones)."""
    if isinstance(node, dict):
        return {
            key: (
                " ".join(value.replace("``", "`").split())
                if key == "description" and isinstance(value, str)
                else _tidy(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node
