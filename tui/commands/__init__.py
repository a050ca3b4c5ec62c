"""Subcommands of the ``tandem`` CLI, one module each (see :mod:`tui.cli`)."""
