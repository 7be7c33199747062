"""The rules of a session as small pure functions over an immutable `Position`.

Play (through `Session`) and `explore` both call these, so there is exactly one
copy of the semantics. Nothing here reads the clock, the disk or global state;
randomness is a pure function of the seed, as the format prescribes.
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple, TypeVar

from game.scenario.model import Choice, Node, Rule, Scenario


class Position(NamedTuple):
    """Everything that decides what happens next (say variants aside).

    A named tuple, because the explorer makes hundreds of thousands of them;
    `turn` comes last so that `position[:5]` is the position without it.
    """

    node: str
    meters: tuple[int, ...]
    flags: tuple[bool, ...]
    fired: frozenset[str] = frozenset()
    used: frozenset[tuple[str, str]] = frozenset()
    turn: int = 0


_Applied = tuple[tuple[int, int, int, int], ...]  # (meter index, delta, min, max)
_Set = tuple[tuple[int, bool], ...]  # (flag index, value)


class Rules:
    """A scenario's rules, with effects resolved to positions once. Use `rules_for`."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.nodes = dict(scenario.nodes)  # plain dicts and tuples: these run in the explorer's inner loop
        self.rules = tuple(scenario.rules)
        self.shuffle = scenario.shuffle
        self.meter_index = {m.name: i for i, m in enumerate(scenario.meters)}
        self.flag_index = {f: i for i, f in enumerate(scenario.flags)}
        self.bounds = tuple((m.min, m.max) for m in scenario.meters)
        self._effects: dict[int, tuple[_Applied, _Set]] = {}
        self._orders: dict[tuple[int, str, int, int], tuple[int, ...]] = {}
        self._single: dict[int, tuple[int, int, int, int]] = {}  # one meter change: (index, delta, min, max)
        owners: list[tuple[object, tuple[tuple[str, int | bool], ...]]] = []
        for node in scenario.nodes.values():
            owners.append((node, node.on_enter))
            owners.extend((choice, choice.effects) for choice in node.choices)
        for owner, effects in owners:
            deltas, sets = self._effects[id(owner)] = self._resolve(effects)
            if len(deltas) == 1 and not sets:
                self._single[id(owner)] = deltas[0]
        self.reads_turn = any(rule.when.reads_turn for rule in scenario.rules) or any(
            c.when is not None and c.when.reads_turn for n in scenario.nodes.values() for c in n.choices
        )

    def _resolve(self, effects: tuple[tuple[str, int | bool], ...]) -> tuple[_Applied, _Set]:
        deltas = tuple(
            (self.meter_index[name], int(value), *self.bounds[self.meter_index[name]])
            for name, value in effects
            if name in self.meter_index
        )
        sets = tuple((self.flag_index[name], bool(value)) for name, value in effects if name in self.flag_index)
        return deltas, sets

    # -- effects ---------------------------------------------------------------

    def apply(
        self, meters: tuple[int, ...], flags: tuple[bool, ...], owner: Node | Choice
    ) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """Meters and flags after `owner`'s effects, every meter clamped to its bounds."""
        single = self._single.get(id(owner))
        if single is not None:  # the common case, kept short: it runs for every state explored
            i, delta, low, high = single
            value = meters[i] + delta
            value = low if value < low else high if value > high else value
            return (*meters[:i], value, *meters[i + 1 :]), flags
        deltas, sets = self._effects[id(owner)]
        if deltas:
            values = list(meters)
            for i, delta, low, high in deltas:
                value = values[i] + delta
                values[i] = low if value < low else high if value > high else value
            meters = tuple(values)
        if sets:
            states = list(flags)
            for i, value in sets:
                states[i] = value
            flags = tuple(states)
        return meters, flags

    # -- the steps of a session ----------------------------------------------------

    def start(self, node_id: str | None = None, values: Mapping[str, int] | None = None) -> Position:
        """The position on entering the start node (or a playtest's NODE, then its --set)."""
        meters = tuple(m.start for m in self.scenario.meters)
        flags = tuple(False for _ in self.scenario.flags)
        first = node_id or self.scenario.start
        position = self.enter(Position(first, meters, flags), first)
        if values:
            changed = list(position.meters)
            for name, value in values.items():
                i = self.meter_index[name]
                low, high = self.bounds[i]
                changed[i] = min(max(value, low), high)
            position = position._replace(meters=tuple(changed))
        return position

    def enter(self, position: Position, node_id: str) -> Position:
        """Move to `node_id` and apply its `on_enter`."""
        node = self.nodes[node_id]
        if node.on_enter:
            meters, flags = self.apply(position.meters, position.flags, node)
            return Position(node_id, meters, flags, position.fired, position.used, position.turn)
        return Position(node_id, position.meters, position.flags, position.fired, position.used, position.turn)

    def _offer(self, position: Position) -> Iterator[Choice]:
        """The choices on offer at this position, in file order, one at a time (`offers_any` stops early)."""
        node_id, meters, flags, _, used, turn = position
        return (
            choice
            for choice in self.nodes[node_id].choices
            if not (choice.once and (node_id, choice.id) in used)
            and (choice.when is None or choice.when.test(meters, flags, turn))
        )

    def offered(self, position: Position) -> tuple[Choice, ...]:
        """The choices on offer at this position, in file order (before any shuffle)."""
        return tuple(self._offer(position))

    def offers_any(self, position: Position) -> bool:
        """Whether any choice is on offer at this position (cheaper than listing them)."""
        return next(self._offer(position), None) is not None

    def shown(self, position: Position, seed: int) -> tuple[Choice, ...]:
        """The choices on offer at this position, in the order they are numbered."""
        return self.in_shown_order(self.offered(position), position, seed)

    def in_shown_order(self, offered: tuple[Choice, ...], position: Position, seed: int) -> tuple[Choice, ...]:
        """`offered` (this position's choices in file order) in the order they are numbered."""
        if self.shuffle and len(offered) > 1:
            order = self._order(seed, position.node, position.turn, len(offered))
            return tuple(offered[i] for i in order)
        return offered

    def _order(self, seed: int, node_id: str, turn: int, count: int) -> tuple[int, ...]:
        """The shuffled order of `count` replies, as the format's seeded shuffle gives it.

        The order depends only on the seed string and the count, so it is worked out once per key:
        seeding a generator costs more than the rest of a step of the explorer.
        """
        key = (seed, node_id, turn, count)
        order = self._orders.get(key)
        if order is None:
            indices = list(range(count))
            random.Random(f"{seed}:{node_id}:{turn}").shuffle(indices)
            order = self._orders[key] = tuple(indices)
        return order

    def choose(self, position: Position, choice: Choice) -> tuple[Position, Rule | None]:
        """Apply a choice: effects, turn + 1, then the first rule that holds (if any).

        The returned position is still at the choice's node; the caller enters
        `rule.goto` when a rule fired, else `choice.next`.
        """
        meters, flags = (
            self.apply(position.meters, position.flags, choice) if choice.effects else (position.meters, position.flags)
        )
        turn = position.turn + 1
        used = position.used | {(position.node, choice.id)} if choice.once else position.used
        fired = position.fired
        fired_rule = None
        for rule in self.rules:
            if rule.once and rule.id in fired:
                continue
            if rule.when.test(meters, flags, turn):
                fired_rule = rule
                if rule.once:
                    fired = fired | {rule.id}
                break
        return Position(position.node, meters, flags, fired, used, turn), fired_rule


def say_variant(node: Node, seed: int, entries: int, position: Position) -> int | None:
    """Which of the node's lines is said on its `entries`-th entry (1-based), at `position` (after `on_enter`).

    The eligible lines are the plain ones and those whose `when` holds, in file order; one is
    picked by the seeded formula, and its index in the whole list is returned. None without
    `say`, or when no line is eligible.
    """
    if not node.say:
        return None
    if not node.say_when:
        return random.Random(f"{seed}:{node.id}:{entries}").randrange(len(node.say))
    meters, flags, turn = position.meters, position.flags, position.turn
    eligible = [i for i, when in enumerate(node.say_when) if when is None or when(meters, flags, turn)]
    if not eligible:
        return None
    return eligible[random.Random(f"{seed}:{node.id}:{entries}").randrange(len(eligible))]


T = TypeVar("T")


def per_scenario(build: Callable[[Scenario], T]) -> Callable[[Scenario], T]:
    """Memoise `build` for each scenario object, for as long as that scenario lives."""
    cache: dict[int, tuple[weakref.ref[Scenario], T]] = {}

    def cached(scenario: Scenario) -> T:
        key = id(scenario)
        hit = cache.get(key)
        if hit is not None and hit[0]() is scenario:
            return hit[1]
        value = build(scenario)
        cache[key] = (weakref.ref(scenario, lambda _ref: cache.pop(key, None)), value)
        return value

    cached.__doc__ = build.__doc__
    return cached


rules_for = per_scenario(Rules)
"""The scenario's `Rules`, built once and shared while the scenario lives."""
