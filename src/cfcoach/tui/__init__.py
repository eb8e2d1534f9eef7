"""The Textual front-end: screens, widgets and styles (presentation only).

Import :func:`cfcoach.tui.app.create_app` lazily: Textual is a heavy import.
"""
