"""The screens of the TUI, one module (and one stylesheet) each."""
