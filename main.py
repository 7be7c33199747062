"""`python main.py ARGS` is the same as `rapport ARGS`."""

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
