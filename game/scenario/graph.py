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


# Rules may follow any choice, so every node with choices leads to every rule's target. Rather
# than nodes x rules edges, the walks below go through one extra vertex standing for "a rule
# fired": nodes with choices lead to it, and it leads to each target (linear in the file).
_RULES = "\x00rules"


def _edges(scenario: Scenario) -> dict[str, list[str]]:
    forward: dict[str, list[str]] = {}
    for node_id, node in scenario.nodes.items():
        out = [choice.next for choice in node.choices]
        if node.next is not None:
            out.append(node.next)
        if node.choices and scenario.rules:
            out.append(_RULES)
        forward[node_id] = out
    forward[_RULES] = [rule.goto for rule in scenario.rules]
    return forward


def reachable_from_start(scenario: Scenario) -> set[str]:
    """The nodes some path from `start` can enter, ignoring conditions."""
    return _closure([scenario.start], _edges(scenario)) - {_RULES}


def can_reach_ending(scenario: Scenario) -> set[str]:
    """The nodes from which some path, ignoring conditions, enters an ending."""
    backward: dict[str, list[str]] = {}
    for node_id, others in _edges(scenario).items():
        for other in others:
            backward.setdefault(other, []).append(node_id)
    endings = [n.id for n in scenario.nodes.values() if n.ending is not None]
    return _closure(endings, backward) - {_RULES}
