"""`python -m game ARGS` is the same as `rapport ARGS`."""

from game.cli import main

raise SystemExit(main())
