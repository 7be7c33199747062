"""Walk every reachable state of a scenario with the engine's own rule functions.

States are visited breadth-first by turns; within a turn, in the order of their
lists of shown numbers (children are generated in number order from parents
taken in that order, so the queue is already sorted). Each state is therefore
first met by its best path, and expanded once. Continue and fallback steps
cost no turn: they are followed at once, within the step that led to them.
"""

from __future__ import annotations

import gc
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
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples and no cycles: the collector would only slow us
    try:
        return _explore(scenario, max_turns, progress)
    finally:
        if collecting:
            gc.enable()


def _explore(scenario: Scenario, max_turns: int, progress: Callable[[int, int], None] | None) -> Exploration:
    started = time.perf_counter()
    rules = rules_for(scenario)
    nodes = rules.nodes
    reads_turn = rules.reads_turn
    trust_i = rules.meter_index["trust"]
    hope_i = rules.meter_index["hope"]
    result = Exploration(scenario)
    for node in nodes.values():
        if node.ending is not None:
            result.endings.setdefault(node.ending.outcome, EndingReach())

    seen: set[StateKey] = set()
    reached_nodes: set[str] = set()
    shown_choices: set[int] = set()  # ids of Choice objects
    fired_rules: set[str] = set()
    paths = _Paths()
    best: tuple[int, int, list[int]] | None = None  # (score, turns, path)
    worst: tuple[int, int, list[int]] | None = None

    def key_of(p: Position) -> StateKey:
        return p if reads_turn else p[:5]  # Position ends with turn

    def register(p: Position, key: StateKey, path: int) -> None:
        nonlocal best, worst
        seen.add(key)
        reached_nodes.add(p.node)
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

    # a state once seen has been followed in full (continue steps walked, choices expanded), except one
    # met on a walk that looped: those are walked again from each entry, as where a loop stops depends on it
    looping: set[StateKey] = set()
    parent_of, number_of = paths.parent, paths.number
    shown_of, choose, enter = rules.shown, rules.choose, rules.enter

    def process(entry: Position, key: StateKey, path: int, turn: int, next_layer: list[Any]) -> None:
        """Register the entry and its continue steps; expand the choices where they stop."""
        if key in seen:
            if key not in looping:
                return
        else:  # the common case first: a node waiting for a reply
            node = nodes[entry.node]
            if node.choices and turn < max_turns:
                shown = shown_of(entry, SEED)
                if shown:
                    register(entry, key, path)
                    expand(entry, shown, path, next_layer)
                    return
        walk: list[Position] = []
        walk_keys: list[StateKey] = []
        position = entry
        while True:
            if walk and key in seen and key not in looping:
                return  # known from here on: already registered and followed
            if key not in seen:
                register(position, key, path)
            walk.append(position)
            walk_keys.append(key)
            node = nodes[position.node]
            if node.ending is not None:
                return
            shown = shown_of(position, SEED) if node.choices else ()
            if not shown and node.next is None:
                result.dead_ends.setdefault(position.node, paths.numbers(path))
                return
            if turn >= max_turns:  # not expanded; the session could have gone on
                result.truncated = True
                return
            if shown:
                expand(position, shown, path, next_layer)
                return
            following = enter(position, node.next)  # type: ignore[arg-type]
            if following in walk:  # back to a state seen since the last choice: a loop
                result.dead_ends.setdefault(following.node, paths.numbers(path))
                looping.update(walk_keys)
                return
            position, key = following, key_of(following)

    def expand(position: Position, shown: tuple[Any, ...], path: int, next_layer: list[Any]) -> None:
        for number, choice in enumerate(shown, start=1):
            shown_choices.add(id(choice))
            after, rule = choose(position, choice)
            if rule is None:
                child = enter(after, choice.next)
            else:
                fired_rules.add(rule.id)
                child = enter(after, rule.goto)
            key = child if reads_turn else child[:5]
            if key not in seen and key not in pushed:  # the first push has the smaller path
                pushed.add(key)
                parent_of.append(path)
                number_of.append(number)
                next_layer.append((child, key, len(parent_of) - 1))

    start = rules.start()
    layer: list[Any] = [(start, key_of(start), 0)]
    turn = 0
    last_report = started
    pushed: set[StateKey] = set()
    while layer:
        next_layer: list[Any] = []
        pushed.clear()
        for entry, key, path in layer:
            process(entry, key, path, turn, next_layer)
        layer = next_layer
        turn += 1
        if progress is not None and time.perf_counter() - last_report > 0.5:
            last_report = time.perf_counter()
            progress(len(seen), turn)

    result.unreachable_nodes = sorted(n for n in nodes if n not in reached_nodes)
    result.states = len(seen)
    for i, meter in enumerate(scenario.meters):
        values = [key[1][i] for key in seen]
        result.meter_ranges[meter.name] = [min(values), max(values)] if values else [meter.start, meter.start]
    if best is not None and worst is not None:
        result.best_path, result.worst_path = best[2], worst[2]
    result.never_shown = [
        (n.id, c.id) for n in nodes.values() for c in n.choices if n.id in reached_nodes and id(c) not in shown_choices
    ]
    result.never_fired = [r.id for r in scenario.rules if r.id not in fired_rules]
    result.seconds = time.perf_counter() - started
    return result
