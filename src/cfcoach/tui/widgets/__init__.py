"""Small widgets the screens are built from."""

from pathlib import Path

STEPS_TCSS = Path(__file__).parent / "steps.tcss"
"""The look of the step widgets; each screen that shows them lists it in its CSS_PATH."""
