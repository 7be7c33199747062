"""Walk every reachable state of a scenario with the engine's own rule functions.

States are visited breadth-first by turns; within a turn, in the order of their
lists of shown numbers (children are generated in number order from parents
taken in that order, so the queue is already sorted). Each state is therefore
first met by its best path, and expanded once. Continue and fallback steps
cost no turn: they are followed at once, within the step that led to them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.engine.rules import Position, rules_for
from game.scenario.model import Scenario

SEED = 0
StateKey = tuple[Any, ...]


@dataclass
class EndingReach:
    reachable: bool = False
    min_turns: int | None = None


@dataclass
class Exploration:
    """What `explore` found; `to_json` gives the contract's shape."""

    scenario: Scenario
    states: int = 0
    endings: dict[str, EndingReach] = field(default_factory=dict)
    dead_ends: dict[str, list[int]] = field(default_factory=dict)  # node -> a path reaching it
    unreachable_nodes: list[str] = field(default_factory=list)
    meter_ranges: dict[str, list[int]] = field(default_factory=dict)
    best_path: list[int] | None = None
    worst_path: list[int] | None = None
    truncated: bool = False
    ending_paths: dict[str, list[int]] = field(default_factory=dict)  # outcome -> shortest path
    never_shown: list[tuple[str, str]] = field(default_factory=list)  # (node, choice id)
    never_fired: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "states": self.states,
            "endings": {
                outcome: {"reachable": reach.reachable, "min_turns": reach.min_turns}
                for outcome, reach in self.endings.items()
            },
            "dead_ends": sorted(self.dead_ends),
            "unreachable_nodes": self.unreachable_nodes,
            "meter_ranges": self.meter_ranges,
            "best_path": self.best_path,
            "worst_path": self.worst_path,
            "truncated": self.truncated,
        }


class _Paths:
    """Paths stored as parent links: (parent index, number) per registered path."""

    def __init__(self) -> None:
        self.parent: list[int] = [-1]
        self.number: list[int] = [0]

    def extend(self, parent: int, number: int) -> int:
        self.parent.append(parent)
        self.number.append(number)
        return len(self.parent) - 1

    def numbers(self, index: int) -> list[int]:
        out = []
        while index > 0:
            out.append(self.number[index])
            index = self.parent[index]
        out.reverse()
        return out


def explore(
    scenario: Scenario,
    max_turns: int = 100,
    progress: Callable[[int, int], None] | None = None,
) -> Exploration:
    """Every reachable state, as the format's section 5 defines `explore`."""
    started = time.perf_counter()
    rules = rules_for(scenario)
    nodes = scenario.nodes
    reads_turn = rules.reads_turn
    trust_i = rules.meter_index["trust"]
    hope_i = rules.meter_index["hope"]
    result = Exploration(scenario)
    for node in nodes.values():
        if node.ending is not None:
            result.endings.setdefault(node.ending.outcome, EndingReach())
    low = list(m.max for m in scenario.meters)
    high = list(m.min for m in scenario.meters)

    seen: set[StateKey] = set()
    reached_nodes: set[str] = set()
    shown_choices: set[tuple[str, str]] = set()
    fired_rules: set[str] = set()
    fate: dict[StateKey, bool] = {}  # continue walks known to end without a loop
    paths = _Paths()
    best: tuple[int, int, list[int]] | None = None  # (score, turns, path)
    worst: tuple[int, int, list[int]] | None = None

    def key_of(p: Position) -> StateKey:
        if reads_turn:
            return (p.node, p.meters, p.flags, p.fired, p.used, p.turn)
        return (p.node, p.meters, p.flags, p.fired, p.used)

    def register(p: Position, key: StateKey, path: int) -> None:
        nonlocal best, worst
        seen.add(key)
        result.states += 1
        reached_nodes.add(p.node)
        for i, value in enumerate(p.meters):
            if value < low[i]:
                low[i] = value
            if value > high[i]:
                high[i] = value
        ending = nodes[p.node].ending
        if ending is not None:
            # registration runs in (turns, numbers) order, so the first one met wins a tie
            reach = result.endings[ending.outcome]
            if not reach.reachable:
                reach.reachable = True
                reach.min_turns = p.turn
                result.ending_paths[ending.outcome] = paths.numbers(path)
            score = p.meters[trust_i] + p.meters[hope_i]
            if best is None or score > best[0]:
                best = (score, p.turn, paths.numbers(path))
            if worst is None or score < worst[0]:
                worst = (score, p.turn, paths.numbers(path))

    def finish(walk_keys: list[StateKey]) -> None:
        for key in walk_keys:
            fate[key] = True

    def process(entry: Position, path: int, turn: int, next_layer: list[tuple[Position, int]]) -> None:
        """Register the entry and its continue steps; expand the choices where they stop."""
        walk: list[Position] = []
        walk_keys: list[StateKey] = []
        position = entry
        key = key_of(entry)
        while True:
            if key in seen and fate.get(key):
                finish(walk_keys)  # known from here on: already registered and expanded
                return
            if key not in seen:
                register(position, key, path)
            walk.append(position)
            walk_keys.append(key)
            node = nodes[position.node]
            if node.ending is not None:
                finish(walk_keys)
                return
            shown = rules.shown(position, SEED) if node.choices else ()
            if not shown and node.next is None:
                result.dead_ends.setdefault(position.node, paths.numbers(path))
                finish(walk_keys)
                return
            if turn >= max_turns:  # not expanded; the session could have gone on
                result.truncated = True
                finish(walk_keys)
                return
            if shown:
                finish(walk_keys)
                expand(position, shown, path, next_layer)
                return
            following = rules.enter(position, node.next)  # type: ignore[arg-type]
            if following in walk:  # back to a state seen since the last choice: a loop
                result.dead_ends.setdefault(following.node, paths.numbers(path))
                return
            position, key = following, key_of(following)

    def expand(position: Position, shown: tuple[Any, ...], path: int,
               next_layer: list[tuple[Position, int]]) -> None:
        for number, choice in enumerate(shown, start=1):
            shown_choices.add((position.node, choice.id))
            after, rule = rules.choose(position, choice)
            if rule is not None:
                fired_rules.add(rule.id)
            child = rules.enter(after, rule.goto if rule is not None else choice.next)
            if key_of(child) not in seen:
                next_layer.append((child, paths.extend(path, number)))

    layer: list[tuple[Position, int]] = [(rules.start(), 0)]
    turn = 0
    last_report = started
    while layer:
        next_layer: list[tuple[Position, int]] = []
        for entry, path in layer:
            process(entry, path, turn, next_layer)
        layer = next_layer
        turn += 1
        if progress is not None and time.perf_counter() - last_report > 0.5:
            last_report = time.perf_counter()
            progress(result.states, turn)

    result.unreachable_nodes = sorted(n for n in nodes if n not in reached_nodes)
    result.meter_ranges = {
        m.name: [low[i], high[i]] for i, m in enumerate(scenario.meters)
    }
    if best is not None and worst is not None:
        result.best_path, result.worst_path = best[2], worst[2]
    result.never_shown = [
        (n.id, c.id) for n in nodes.values() for c in n.choices
        if n.id in reached_nodes and (n.id, c.id) not in shown_choices
    ]
    result.never_fired = [r.id for r in scenario.rules if r.id not in fired_rules]
    result.seconds = time.perf_counter() - started
    return result
