"""`rapport graph SCENARIO [--format mermaid|dot] [-o FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.graph import to_dot, to_mermaid
from game.commands.common import EXIT_OK, RapportError, load_scenario


def main(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    text = to_mermaid(scenario) if args.format == "mermaid" else to_dot(scenario)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.output)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RapportError(f"{path}: cannot write ({exc.strerror})") from None
    print(f"wrote {path.resolve()}", file=sys.stderr)
    return EXIT_OK
