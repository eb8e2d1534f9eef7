"""Safety: noticing when someone may be in danger, and showing real help.

- :func:`assess` reads what someone wrote and says whether the calm safety screen should
  appear (:attr:`Assessment.flagged`), how serious it looks (:attr:`Assessment.level`) and
  which rules matched (:attr:`Assessment.reasons`, rule ids, never the person's words).
- :func:`resources_for` gives the crisis lines for a country (or the international
  directory), and :func:`format_resources` turns them into plain text for the shell and
  the TUI.

Nothing here imports Textual or Rich, downloads anything or talks to the network.
"""

from cfcoach.safety.assessment import Assessment, Level, Match, assess
from cfcoach.safety.rules import RulesError

__all__ = ["Assessment", "Level", "Match", "RulesError", "assess"]
