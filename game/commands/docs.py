"""`rapport docs [authoring|format]`: the guide or the format reference that ship with the package."""

from __future__ import annotations

import argparse

from game import paths
from game.commands.common import EXIT_OK, RapportError

FILES = {"authoring": "authoring.md", "format": "format.md"}


def main(args: argparse.Namespace) -> int:
    path = paths.docs_dir() / FILES[args.which]
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RapportError(f"{path}: cannot read ({exc.strerror})") from None
    print(text, end="" if text.endswith("\n") else "\n")
    print(f"\n(this is {path.resolve()})")
    return EXIT_OK
