"""`rapport list [--json]`: the scenarios the game knows, shipped first, then those of `--scenarios DIR`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game import paths
from game.commands.common import EXIT_OK
from game.scenario.catalog import Summary, library


def _shipped_first(summary: Summary) -> tuple[bool, str]:
    shipped = paths.scenarios_dir().resolve()
    return (not Path(summary.path).resolve().is_relative_to(shipped), summary.id)


def main(args: argparse.Namespace) -> int:
    found = library([Path(d) for d in args.scenarios or []])
    for broken in (s for s in found if not s.loads):
        print(f"warning: {broken.problem} (not listed)", file=sys.stderr)
    loaded = [s for s in found if s.loads]
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "client": s.client,
                "minutes": s.minutes,
                "path": str(Path(s.path).resolve()),
            }
            for s in sorted(loaded, key=lambda s: (s.id, s.path))
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max((len(s.id) for s in loaded), default=0)
    for s in sorted(loaded, key=_shipped_first):
        minutes = f", {s.minutes} min" if s.minutes is not None else ""
        print(f"{s.id.ljust(width)}  {s.title} ({s.client}{minutes})  {s.path}")
    return EXIT_OK
