"""Evaluate the declarative conditions of branching steps against answers (no ``eval``).

The evaluation lives in :mod:`cfcoach.content.conditions`, where the exercise checks use
it too; the engine uses it from here.
"""

from cfcoach.content.conditions import holds

__all__ = ["holds"]
