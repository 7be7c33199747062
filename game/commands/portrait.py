"""`rapport portrait SCENARIO`: the client in the chair at given meters, as a PNG (no caption, no text)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from game.commands.common import EXIT_OK, RapportError, load_scenario, parse_set
from game.scenario.appearance import EXPRESSIONS

SIZE = re.compile(r"([0-9]{1,5})x([0-9]{1,5})")
MIN_SIDE, MAX_W, MAX_H = 64, 7680, 4320


def parse_size(text: str) -> tuple[int, int]:
    match = SIZE.fullmatch(text.strip().lower())
    if not match:
        raise RapportError(f"--size {text}: write it as WIDTHxHEIGHT, for example 512x512")
    w, h = int(match.group(1)), int(match.group(2))
    if not (MIN_SIDE <= w <= MAX_W and MIN_SIDE <= h <= MAX_H):
        raise RapportError(f"--size {text}: width {MIN_SIDE}-{MAX_W} and height {MIN_SIDE}-{MAX_H}")
    return w, h


def check_expression(name: str | None) -> tuple[str, ...]:
    if name is None:
        return ()
    if name not in EXPRESSIONS:
        valid = ", ".join(f"'{e}'" for e in EXPRESSIONS)
        raise RapportError(f"--expression {name!r} is not an expression; the valid ones are {valid}")
    return (name,)


def main(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    hints = check_expression(args.expression)
    folders = [Path(d) for d in getattr(args, "scenarios", None) or []]
    scenario = load_scenario(args.scenario, folders)
    meters = parse_set(args.set or [], scenario)
    out = Path(args.output)
    from game.ui.display import ensure_display

    ensure_display()  # before pygame is imported: the dummy driver where there is no display, and no banner
    from game.ui.stage import write_portrait

    try:
        write_portrait(scenario, meters, hints, size, out)
    except OSError as exc:
        raise RapportError(f"{out}: cannot write the portrait ({exc})", 1) from None
    print(f"wrote {out.resolve()}")
    return EXIT_OK
