"""`rapport explore SCENARIO [--json] [--max-turns N]`: every way the scenario can go."""

from __future__ import annotations

import argparse
import json
import sys
import time

from game.analysis.explore import Exploration, explore
from game.commands.common import EXIT_OK, RapportError, load_scenario
from game.engine.autoplay import play_numbers
from game.engine.session import Session
from game.scenario.model import Scenario


def _progress() -> object:
    last = [0.0]

    def show(states: int, turn: int) -> None:
        if sys.stderr.isatty():
            print(f"\rexploring: {states:,} states, turn {turn}", end="", file=sys.stderr, flush=True)
        elif time.monotonic() - last[0] > 5:
            last[0] = time.monotonic()
            print(f"exploring: {states:,} states, turn {turn}", file=sys.stderr, flush=True)

    return show


def spoken(scenario: Scenario, numbers: list[int]) -> list[str]:
    """The lines said along a path of shown numbers (seed 0), client and trainee in turn."""
    from game.analysis.debrief import Debrief

    session = Session(scenario, seed=0)
    play_numbers(session, numbers)
    name = scenario.client.name
    out = []
    for entry in Debrief.from_events(scenario, session.events).transcript:
        if entry.kind == "trainee" and entry.step is not None:
            out.append(f'    {entry.step.number}. You: "{entry.text}"')
        elif entry.text:
            out.append(f'       {name}: "{entry.text}"')
    ending = session.current().ending
    if ending is not None:
        out.append(f"       -> {ending.title or ending.outcome}")
    return out


def human(result: Exploration) -> list[str]:
    scenario = result.scenario
    out = [f"{scenario.title} ({scenario.id}): {result.states:,} states explored in {result.seconds:.2f} s"]
    if result.truncated:
        out.append("  truncated: some sessions were still going at --max-turns; raise it to see them all")
    out.append("")
    out.append("Endings:")
    for outcome, reach in result.endings.items():
        if not reach.reachable:
            out.append(f"  {outcome}: NOT reachable")
            continue
        path = result.ending_paths[outcome]
        out.append(f"  {outcome}: reachable in {reach.min_turns} turn(s), shortest path {path}")
        out.extend(spoken(scenario, path))
    out.append("")
    if result.dead_ends:
        out.append("Dead ends (a session stops here without an ending):")
        for node, path in sorted(result.dead_ends.items()):
            out.append(f"  {node}: reached by {path}")
    else:
        out.append("Dead ends: none")
    out.append(f"Unreachable nodes: {', '.join(result.unreachable_nodes) or 'none'}")
    never = [f"{node}/{choice}" for node, choice in result.never_shown]
    out.append(f"Choices never shown: {', '.join(never) or 'none'}")
    out.append(f"Rules that never fire: {', '.join(result.never_fired) or 'none'}")
    out.append("")
    out.append("Meter ranges over all states:")
    for name, (low, high) in result.meter_ranges.items():
        out.append(f"  {scenario.meter(name).title}: {low}..{high}")
    for label, path in (("Best path", result.best_path), ("Worst path", result.worst_path)):
        out.append("")
        if path is None:
            out.append(f"{label}: none (no ending can be reached)")
            continue
        out.append(f"{label} (final trust + hope): {path}")
        out.extend(spoken(scenario, path))
    return out


def main(args: argparse.Namespace) -> int:
    if args.max_turns < 0:
        raise RapportError("--max-turns must be 0 or more")
    scenario = load_scenario(args.scenario)
    result = explore(scenario, max_turns=args.max_turns, progress=_progress())  # type: ignore[arg-type]
    if sys.stderr.isatty():
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        print("\n".join(human(result)))
    return EXIT_OK
