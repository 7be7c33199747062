"""One module per command; `game.cli` parses arguments and calls `main(args)` here."""
