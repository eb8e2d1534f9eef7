"""Allows `python -m cfcoach`."""

from cfcoach.cli.main import run

if __name__ == "__main__":
    run()
