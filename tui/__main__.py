"""``python -m tui`` does exactly what the ``tandem`` console script does."""

from tui.cli import main

raise SystemExit(main())
