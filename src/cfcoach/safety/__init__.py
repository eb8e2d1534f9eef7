"""Safety: noticing when someone may be in danger, and showing real help.

- :func:`assess` reads what someone wrote and says whether the calm safety screen should
  appear (:attr:`Assessment.flagged`), how serious it looks (:attr:`Assessment.level`) and
  which rules matched (:attr:`Assessment.reasons`: rule ids, never the person's words).
- :func:`resources_for` gives the crisis lines for a country (or the international
  directory), and :func:`format_resources` turns them into plain text for the shell and
  the TUI alike.

Nothing here imports Textual or Rich, downloads anything or talks to the network.
"""

from cfcoach.safety.assessment import Assessment, Level, Match, assess
from cfcoach.safety.crisis_lines import (
    CrisisDirectory,
    CrisisLine,
    CrisisLinesError,
    EmergencyNumber,
    load_crisis_directory,
)
from cfcoach.safety.resources import (
    CountryResources,
    emergency_sentence,
    format_resources,
    resources_for,
)
from cfcoach.safety.rules import RulesError

__all__ = [
    "Assessment",
    "CountryResources",
    "CrisisDirectory",
    "CrisisLine",
    "CrisisLinesError",
    "EmergencyNumber",
    "Level",
    "Match",
    "RulesError",
    "assess",
    "emergency_sentence",
    "format_resources",
    "load_crisis_directory",
    "resources_for",
]
