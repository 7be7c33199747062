"""`rapport explore SCENARIO [--json] [--max-turns N] [--max-states N] [--max-seconds S]`: every way the
scenario can go, within budgets."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from game.analysis.explore import MEMORY_LIMIT, Exploration, explore
from game.commands.common import EXIT_OK, RapportError, load_scenario
from game.engine.autoplay import play_numbers
from game.engine.session import Session
from game.scenario.model import Scenario


class Progress:
    """How far a long walk has got, on stderr: on a terminal about once a second (one line, rewritten),
    elsewhere a line every LOG_EVERY seconds once the walk has lasted that long, so short walks say nothing.
    """

    LOG_EVERY = 10.0

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.last = self.started
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, states: int, turn: int) -> None:
        line = f"exploring: {states:,} states, turn {turn}, {time.monotonic() - self.started:.0f} s"
        if self.tty:
            print(f"\r{line}", end="", file=sys.stderr, flush=True)
            self.shown = True
        elif time.monotonic() - self.last >= self.LOG_EVERY:
            self.last = time.monotonic()
            print(line, file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.shown:
            print("\r" + " " * 72 + "\r", end="", file=sys.stderr, flush=True)


def budgets(args: argparse.Namespace) -> dict[str, Any]:
    """`--max-turns`, `--max-states` and `--max-seconds`, checked, as keyword arguments of `explore`."""
    if args.max_turns < 0:
        raise RapportError("--max-turns must be 0 or more")
    if args.max_states < 1:
        raise RapportError("--max-states must be 1 or more")
    if not args.max_seconds > 0:  # NaN too
        raise RapportError("--max-seconds must be a number of seconds above 0")
    return {"max_turns": args.max_turns, "max_states": args.max_states, "max_seconds": args.max_seconds}


def why_truncated(result: Exploration) -> str | None:
    """Why the walk stopped short, in a sentence; None when it saw everything."""
    if result.truncated_by == "turns":
        return (
            f"some sessions were still going after {result.max_turns:,} turns (--max-turns {result.max_turns}); "
            "raise it to see them all"
        )
    if result.truncated_by == "states" and result.by_memory:
        return (
            f"stopped at {result.states:,} states, when they filled the memory set aside for the walk "
            f"({MEMORY_LIMIT // 2**20:,} MiB), before the state budget (--max-states {result.max_states}); "
            "these states are too large to hold more"
        )
    if result.truncated_by == "states":
        return (
            f"stopped at the state budget, {result.max_states:,} states (--max-states {result.max_states}); "
            "raise it to see more"
        )
    if result.truncated_by == "time":
        return (
            f"stopped at the time budget, {result.max_seconds:g} s (--max-seconds {result.max_seconds:g}), "
            f"after {result.states:,} states; raise it to see more"
        )
    return None


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
            if entry.step.react:
                out.append(f'       {name}: "{entry.step.react}"')
        elif entry.text:
            out.append(f'       {name}: "{entry.text}"')
    ending = session.current().ending
    if ending is not None:
        out.append(f"       -> {ending.title or ending.outcome}")
    return out


def human(result: Exploration) -> list[str]:
    scenario = result.scenario
    out = [f"{scenario.title} ({scenario.id}): {result.states:,} states explored in {result.seconds:.2f} s"]
    why = why_truncated(result)
    if why is not None:
        out.append(f"  truncated: {why}.")
        if result.truncated_by != "turns":
            out.append("  Everything below covers only the states explored before it stopped.")
    out.append("")
    out.append("Endings:")
    for outcome, reach in result.endings.items():
        if not reach.reachable:
            out.append(
                f"  {outcome}: " + ("not reached before the walk stopped" if result.truncated else "NOT reachable")
            )
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
    nodes_label = "Nodes not reached (the walk was truncated)" if result.truncated else "Unreachable nodes"
    out.append(f"{nodes_label}: {', '.join(result.unreachable_nodes) or 'none'}")
    never = [f"{node}/{choice}" for node, choice in result.never_shown]
    out.append(f"Choices never shown: {', '.join(never) or 'none'}")
    out.append(f"Rules that never fire: {', '.join(result.never_fired) or 'none'}")
    out.append("")
    out.append("Meter ranges over all states" + (" explored:" if result.truncated else ":"))
    for name, (low, high) in result.meter_ranges.items():
        out.append(f"  {scenario.meter(name).title}: {low}..{high}")
    for label, extreme in (("Best path", result.best_path), ("Worst path", result.worst_path)):
        out.append("")
        if extreme is None:
            reason = "no ending was reached before the walk stopped" if result.truncated else "no ending can be reached"
            out.append(f"{label}: none ({reason})")
            continue
        out.append(f"{label} (final trust + hope): {extreme}")
        out.extend(spoken(scenario, extreme))
    return out


def main(args: argparse.Namespace) -> int:
    limits = budgets(args)
    scenario = load_scenario(args.scenario)
    progress = Progress()
    try:
        result = explore(scenario, progress=progress, **limits)
    finally:
        progress.done()
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        print("\n".join(human(result)))
    return EXIT_OK
