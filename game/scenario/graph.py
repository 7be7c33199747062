"""The static graph of a scenario: where each node can lead, ignoring conditions.

Used by the validator's warnings; `explore` gives the dynamic view.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.scenario.model import Scenario


def successors(scenario: Scenario, node_id: str) -> list[str]:
    """Every node one step away: choices, `next`, and rule targets after any choice."""
    node = scenario.nodes[node_id]
    out = [choice.next for choice in node.choices]
    if node.next is not None:
        out.append(node.next)
    if node.choices:
        out.extend(rule.goto for rule in scenario.rules)
    return out


def _closure(start: Iterable[str], step: dict[str, list[str]]) -> set[str]:
    seen = set(start)
    stack = list(seen)
    while stack:
        for other in step.get(stack.pop(), ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen


def reachable_from_start(scenario: Scenario) -> set[str]:
    forward = {n: successors(scenario, n) for n in scenario.nodes}
    return _closure([scenario.start], forward)


def can_reach_ending(scenario: Scenario) -> set[str]:
    backward: dict[str, list[str]] = {}
    for node_id in scenario.nodes:
        for other in successors(scenario, node_id):
            backward.setdefault(other, []).append(node_id)
    endings = [n.id for n in scenario.nodes.values() if n.ending is not None]
    return _closure(endings, backward)
