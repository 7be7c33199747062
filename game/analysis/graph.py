"""A scenario drawn as a graph, in mermaid or Graphviz dot.

transitions ships a mermaid engine, but its state diagrams cannot draw dashed
edges, shape nodes by kind or take the node ids scenarios use (with '-'), so
we write flowcharts ourselves; the graph is small and this stays simple.

Nodes no path reaches are greyed out: by default those no path from `start`
reaches ignoring conditions (static, linear in the file's size); with
`graph --explore`, those the walk of every session state never reaches,
within `explore`'s budgets.
"""

from __future__ import annotations

from typing import Any

from game.analysis.explore import Exploration, explore
from game.scenario.model import Node, Scenario

RATING_COLOURS = {"good": "#009E73", "neutral": "#F0E442", "poor": "#D55E00", None: "#CCCCCC"}
RATING_TEXT = {"good": "#FFFFFF", "neutral": "#000000", "poor": "#FFFFFF", None: "#000000"}
LABEL_CHARS = 40


def short_line(node: Node) -> str:
    text = node.say[0] if node.say else (node.narration or "")
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _label(node: Node) -> str:
    if node.ending is not None:
        ending = node.ending
        rating = f" ({ending.rating})" if ending.rating else ""
        return f"{node.id}: {ending.title or ending.outcome}{rating}"
    line = short_line(node)
    return f"{node.id}: {line}" if line else node.id


def _edges(scenario: Scenario) -> list[tuple[str, str, str, bool]]:
    """(source, target, label, dashed) for choices, continues and fallbacks."""
    out = []
    for node in scenario.nodes.values():
        for position, choice in enumerate(node.choices, start=1):
            out.append((node.id, choice.next, f"{position} · {choice.skill} · {choice.quality}", False))
        if node.next is not None:
            out.append((node.id, node.next, "fallback" if node.choices else "continue", bool(node.choices)))
    return out


def reachable(scenario: Scenario) -> set[str]:
    """The nodes a path from `start` can reach, ignoring conditions: through choices' `next`, nodes' `next`,
    and rules' `goto` (a rule can fire after any choice, so its target is reached once any node with choices
    is). Linear in the size of the scenario: each node and each rule is looked at once."""
    nodes = scenario.nodes
    seen = {scenario.start}
    stack = [scenario.start]
    rules_followed = False
    while stack:
        node = nodes[stack.pop()]
        targets = [choice.next for choice in node.choices]
        if node.next is not None:
            targets.append(node.next)
        if node.choices and not rules_followed:
            rules_followed = True
            targets.extend(rule.goto for rule in scenario.rules)
        for target in targets:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def unreachable(scenario: Scenario) -> set[str]:
    """The nodes no path from `start` reaches, ignoring conditions (what `graph` greys out by default)."""
    found = reachable(scenario)
    return {node_id for node_id in scenario.nodes if node_id not in found}


def unreachable_by_walk(scenario: Scenario, **budgets: Any) -> tuple[set[str], Exploration]:
    """The nodes `explore` (within its budgets) never reaches, and the walk (`graph --explore`)."""
    result = explore(scenario, **budgets)
    return set(result.unreachable_nodes), result


def to_mermaid(scenario: Scenario, greyed: set[str] | None = None) -> str:
    """Mermaid flowchart; `greyed` nodes (by default the statically unreachable ones) drawn greyed out."""
    ids = {node_id: f"n{i}" for i, node_id in enumerate(scenario.nodes)}
    unreachable_nodes = unreachable(scenario) if greyed is None else greyed

    def text(value: str) -> str:
        return value.replace('"', "#quot;")

    lines = ["flowchart TD"]
    for node in scenario.nodes.values():
        label = text(_label(node))
        if node.ending is not None:
            lines.append(f'    {ids[node.id]}(["{label}"])')
        else:
            lines.append(f'    {ids[node.id]}["{label}"]')
    for source, target, label, dashed in _edges(scenario):
        arrow = "-.->" if dashed else "-->"
        lines.append(f'    {ids[source]} {arrow}|"{text(label)}"| {ids[target]}')
    for i, rule in enumerate(scenario.rules):
        rule_id = f"r{i}"
        lines.append(f'    {rule_id}{{{{"rule {text(rule.id)}: {text(rule.when.source)}"}}}}')
        lines.append(f'    {rule_id} -.->|"after any choice"| {ids[rule.goto]}')
    lines.append("    classDef start stroke-width:3px")
    for rating, colour in RATING_COLOURS.items():
        name = f"ending_{rating or 'unrated'}"
        lines.append(f"    classDef {name} fill:{colour},color:{RATING_TEXT[rating]}")
    lines.append("    classDef rule fill:#FFFFFF,stroke-dasharray:4 3")
    lines.append("    classDef unreachable fill:#E6E6E6,color:#767676,stroke-dasharray:3 3")
    lines.append(f"    class {ids[scenario.start]} start")
    for node in scenario.nodes.values():
        if node.id in unreachable_nodes:
            lines.append(f"    class {ids[node.id]} unreachable")
        elif node.ending is not None:
            lines.append(f"    class {ids[node.id]} ending_{node.ending.rating or 'unrated'}")
    if scenario.rules:
        lines.append("    class " + ",".join(f"r{i}" for i in range(len(scenario.rules))) + " rule")
    return "\n".join(lines) + "\n"


def _dot_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(scenario: Scenario, greyed: set[str] | None = None) -> str:
    """Graphviz dot; `greyed` nodes (by default the statically unreachable ones) drawn greyed out."""
    unreachable_nodes = unreachable(scenario) if greyed is None else greyed
    lines = [
        f'digraph "{_dot_text(scenario.id)}" {{',
        "    rankdir=TB;",
        '    node [shape=box, style="rounded,filled", fillcolor="#FFFFFF", fontname="Noto Sans"];',
        '    edge [fontname="Noto Sans", fontsize=10];',
    ]
    for node in scenario.nodes.values():
        attrs = [f'label="{_dot_text(_label(node))}"']
        if node.ending is not None:
            rating = node.ending.rating
            attrs += ["shape=ellipse", f'fillcolor="{RATING_COLOURS[rating]}"', f'fontcolor="{RATING_TEXT[rating]}"']
        if node.id == scenario.start:
            attrs.append("penwidth=3")
        if node.id in unreachable_nodes:
            attrs += ['fillcolor="#E6E6E6"', 'fontcolor="#767676"', 'style="rounded,filled,dashed"']
        lines.append(f'    "{_dot_text(node.id)}" [{", ".join(attrs)}];')
    for source, target, label, dashed in _edges(scenario):
        style = ", style=dashed" if dashed else ""
        lines.append(f'    "{_dot_text(source)}" -> "{_dot_text(target)}" [label="{_dot_text(label)}"{style}];')
    for rule in scenario.rules:
        name = f"rule:{rule.id}"
        lines.append(
            f'    "{_dot_text(name)}" [shape=hexagon, style=dashed, '
            f'label="rule {_dot_text(rule.id)}\\n{_dot_text(rule.when.source)}"];'
        )
        lines.append(f'    "{_dot_text(name)}" -> "{_dot_text(rule.goto)}" [style=dashed, label="after any choice"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
