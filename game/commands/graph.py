"""`rapport graph SCENARIO [--format mermaid|dot] [-o FILE] [--explore [--max-turns N] [--max-states N]
[--max-seconds S]]`.

Greys out the nodes no path from the start reaches ignoring conditions (static: no walk, linear in the file);
with `--explore`, those the walk of every session never reaches, within explore's budgets.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.graph import to_dot, to_mermaid, unreachable, unreachable_by_walk
from game.commands.common import EXIT_OK, RapportError, load_scenario
from game.commands.explore import Progress, budgets, why_truncated


def main(args: argparse.Namespace) -> int:
    limits = budgets(args) if args.explore else {}
    scenario = load_scenario(args.scenario)
    if args.explore:
        progress = Progress()
        try:
            greyed, result = unreachable_by_walk(scenario, progress=progress, **limits)
        finally:
            progress.done()
        why = why_truncated(result)
        if why is not None:
            print(
                f"graph: the walk was truncated: {why}; the nodes it did not reach are greyed out, "
                "but some of them may be reachable",
                file=sys.stderr,
            )
    else:
        greyed = unreachable(scenario)
    text = to_mermaid(scenario, greyed) if args.format == "mermaid" else to_dot(scenario, greyed)
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
