"""Walk every reachable state of a scenario with the engine's own rule functions, within budgets.

States are visited breadth-first by turns; within a turn, in the order of their
lists of shown numbers (children are generated in number order from parents
taken in that order, so the queue is already sorted). Each state is therefore
first met by its best path, and expanded once. Continue and fallback steps
cost no turn: they are followed at once, within the step that led to them
(also at `max_turns`, so a session that can only continue is not cut short).

Three budgets bound the walk: turns (states at `max_turns` are not expanded),
states (at most `max_states` are recorded) and time (`max_seconds`). Memory
follows the state budget: a state is kept as its key only (its path is a link
to its parent's), and should states be so large that the walk nears
`MEMORY_LIMIT` before the state budget is spent, the walk stops there as if
the state budget were spent.
"""

from __future__ import annotations

import gc
import itertools
import os
import sys
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.engine.rules import Position, rules_for
from game.scenario.model import Scenario

SEED = 0
DEFAULT_MAX_TURNS = 100
DEFAULT_MAX_STATES = 1_000_000
DEFAULT_MAX_SECONDS = 60.0
MEMORY_LIMIT = 1536 * 1024 * 1024  # resident bytes at which the walk stops, well under the 2 GB promised
LOOK_EVERY = 0.05  # seconds between looks at the memory (the clock is read at every state)
CHECK_EVERY = 1024  # queued states between looks at the clock and the memory, too (a power of two)
PROGRESS_EVERY = 1.0  # seconds between calls to `progress`
TRUNCATED_BY = ("turns", "states", "time")
StateKey = tuple[Any, ...]
Progress = Callable[[int, int], None]  # (states so far, turn)


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
    truncated_by: str | None = None  # None, or one of TRUNCATED_BY: the budget that cut the walk short
    by_memory: bool = False  # truncated_by "states" because the states filled MEMORY_LIMIT first
    ending_paths: dict[str, list[int]] = field(default_factory=dict)  # outcome -> shortest path
    never_shown: list[tuple[str, str]] = field(default_factory=list)  # (node, choice id)
    never_fired: list[str] = field(default_factory=list)
    seconds: float = 0.0
    max_turns: int = DEFAULT_MAX_TURNS
    max_states: int = DEFAULT_MAX_STATES
    max_seconds: float = DEFAULT_MAX_SECONDS

    @property
    def truncated(self) -> bool:
        return self.truncated_by is not None

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
            "truncated_by": self.truncated_by,
        }


class _Paths:
    """Paths stored as parent links in two flat arrays: (parent index, number) per registered path."""

    def __init__(self) -> None:
        self.parent = array("q", [-1])
        self.number = array("Q", [0])

    def numbers(self, index: int) -> list[int]:
        out = []
        while index > 0:
            out.append(self.number[index])
            index = self.parent[index]
        out.reverse()
        return out


class _Stop(Exception):
    """A budget is spent: unwinds the walk."""

    def __init__(self, reason: str, by_memory: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.by_memory = by_memory


def resident_bytes() -> int | None:
    """This process's resident memory now (Linux), else its peak so far; None where neither is known."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _meter_ranges(scenario: Scenario, seen: set[StateKey]) -> dict[str, list[int]]:
    """Each meter's lowest and highest value over the states: a block of states at a time, by columns
    (slices of the block's values laid end to end), each column's few distinct values compared."""
    count = len(scenario.meters)
    low = [meter.start for meter in scenario.meters]
    high = list(low)
    keys = iter(seen)
    first = True
    while block := list(itertools.chain.from_iterable(key[1] for key in itertools.islice(keys, 4096))):
        for i in range(count):
            values = set(block[i::count])
            if first or min(values) < low[i]:
                low[i] = min(values)
            if first or max(values) > high[i]:
                high[i] = max(values)
        first = False
    return {meter.name: [low[i], high[i]] for i, meter in enumerate(scenario.meters)}


def explore(
    scenario: Scenario,
    max_turns: int = DEFAULT_MAX_TURNS,
    progress: Progress | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    max_seconds: float = DEFAULT_MAX_SECONDS,
    clock: Callable[[], float] = time.perf_counter,
    memory: Callable[[], int | None] = resident_bytes,
) -> Exploration:
    """Every reachable state within the budgets, as the format's sections 5 and 6 define `explore`.

    `progress(states, turn)` is called about once a second while the walk lasts.
    """
    if max_turns < 0 or max_states < 1 or not max_seconds > 0:
        raise ValueError("budgets: max_turns >= 0, max_states >= 1, max_seconds > 0")
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples and no cycles: the collector would only slow us
    try:
        return _explore(scenario, max_turns, max_states, max_seconds, progress, clock, memory)
    finally:
        if collecting:
            gc.enable()


def _explore(
    scenario: Scenario,
    max_turns: int,
    max_states: int,
    max_seconds: float,
    progress: Progress | None,
    clock: Callable[[], float],
    memory: Callable[[], int | None],
) -> Exploration:
    started = clock()
    rules = rules_for(scenario)
    nodes = rules.nodes
    reads_turn = rules.reads_turn
    trust_i = rules.meter_index["trust"]
    hope_i = rules.meter_index["hope"]
    result = Exploration(scenario, max_turns=max_turns, max_states=max_states, max_seconds=max_seconds)
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
    cut_at_turns = False  # a state at max_turns still had choices
    overflow = False  # a new state found did not fit in the state budget
    deadline = started + max_seconds
    next_look = started  # look at once: a clock already past the deadline stops the walk before it starts
    last_report = started
    turn = 0

    def key_of(p: Position) -> StateKey:
        return p if reads_turn else p[:5]  # Position ends with turn

    def check(now: float) -> None:
        """Every LOOK_EVERY seconds (and every CHECK_EVERY queued states): the clock, the memory, progress."""
        nonlocal last_report, next_look
        if now >= deadline:
            raise _Stop("time")
        used = memory()
        if used is not None and used >= MEMORY_LIMIT:
            raise _Stop("states", by_memory=True)
        if progress is not None and now - last_report >= PROGRESS_EVERY:
            last_report = now
            progress(len(seen), turn)
        next_look = min(now + LOOK_EVERY, deadline)

    def register(p: Position, key: StateKey, path: int) -> None:
        nonlocal best, worst
        if len(seen) >= max_states:
            raise _Stop("states")
        now = clock()  # at every state: one can be slow to expand (many replies, many rules, long conditions)
        if now >= next_look:
            check(now)
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

    def process(entry: Position, key: StateKey, path: int, next_layer: list[Any]) -> None:
        """Register the entry and its continue steps; expand the choices where they stop."""
        nonlocal cut_at_turns
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
        walk: set[Position] = set()  # the positions since the last choice: a set, as continue chains can be long
        walk_keys: list[StateKey] = []
        position = entry
        while True:
            if walk and key in seen and key not in looping:
                return  # known from here on: already registered and followed
            if key not in seen:
                register(position, key, path)
            walk.add(position)
            walk_keys.append(key)
            node = nodes[position.node]
            if node.ending is not None:
                return
            shown = shown_of(position, SEED) if node.choices else ()
            if shown:
                if turn >= max_turns:  # not expanded; the session could have gone on
                    cut_at_turns = True
                else:
                    expand(position, shown, path, next_layer)
                return
            if node.next is None:
                result.dead_ends.setdefault(position.node, paths.numbers(path))
                return
            following = enter(position, node.next)  # continue steps cost no turn, even at max_turns
            if following in walk:  # back to a state seen since the last choice: a loop
                result.dead_ends.setdefault(following.node, paths.numbers(path))
                looping.update(walk_keys)
                return
            position, key = following, key_of(following)

    def expand(position: Position, shown: tuple[Any, ...], path: int, next_layer: list[Any]) -> None:
        nonlocal overflow
        if overflow:  # nothing more fits in the budget: the walk ends once the queued states are in
            shown_choices.update(id(choice) for choice in shown)
            return
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
                if len(pushed) >= room:
                    overflow = True  # no room: the queue never holds more than the budget
                    continue
                pushed.add(key)
                parent_of.append(path)
                number_of.append(number)
                next_layer.append((child, key, len(parent_of) - 1))
                if not len(pushed) & (CHECK_EVERY - 1):  # the queue grows too: large states, many replies
                    check(clock())

    start = rules.start()
    layer: list[Any] = [(start, key_of(start), 0)]
    next_layer: list[Any] = []
    pushed: set[StateKey] = set()
    room = max_states
    try:
        while layer:
            full = overflow
            next_layer = []
            pushed.clear()
            room = max_states - len(seen) - len(layer)  # what this layer's own states leave for the next
            for entry, key, path in layer:
                process(entry, key, path, next_layer)
            if full:  # the states that fit are in; more were found than the budget holds
                raise _Stop("states")
            layer = next_layer
            turn += 1
            check(clock())
        if overflow:
            raise _Stop("states")
        if cut_at_turns:
            result.truncated_by = "turns"
    except _Stop as stop:
        result.truncated_by = stop.reason
        result.by_memory = stop.by_memory
    for done in (layer, next_layer, pushed, looping):  # what a stop left queued: freed before the summing up
        done.clear()

    result.unreachable_nodes = sorted(n for n in nodes if n not in reached_nodes)
    result.states = len(seen)
    result.meter_ranges = _meter_ranges(scenario, seen)
    if best is not None and worst is not None:
        result.best_path, result.worst_path = best[2], worst[2]
    result.never_shown = [
        (n.id, c.id) for n in nodes.values() for c in n.choices if n.id in reached_nodes and id(c) not in shown_choices
    ]
    result.never_fired = [r.id for r in scenario.rules if r.id not in fired_rules]
    result.seconds = clock() - started
    return result
