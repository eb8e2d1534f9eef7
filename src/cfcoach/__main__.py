"""Allows `python -m cfcoach`."""

from cfcoach.cli.entry import run

if __name__ == "__main__":
    run()
