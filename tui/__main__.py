"""``python -m tui`` does exactly what the ``tandem`` console script does."""

from tui.cli import main

# Guarded: the reader starts helper processes with the "spawn" method, which
# imports the main module again in the child.
if __name__ == "__main__":
    raise SystemExit(main())
