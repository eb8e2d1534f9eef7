"""cfcoach: a terminal coach for the inner critic, built on compassion-focused therapy practices."""

__version__ = "0.1.0"
