"""A valid scenario whose states explode: several meters with many values, every node looping back.

Shared by the explore and graph tests and by `bench/run.py`.
"""

from __future__ import annotations


def exploding_scenario(nodes: int = 12, meters: int = 5, choices: int = 4, once: bool = True) -> str:
    """`nodes` nodes, each offering `choices` replies that move the meters by different steps and lead
    on round a ring (some replies `once`, so used replies multiply the states too); one ending behind a
    condition no walk reaches early. Far more than a million states."""
    names = ["trust", "hope", *(f"m{i}" for i in range(meters - 2))]
    lines = [
        "format: 1",
        "id: exploding",
        'title: "Many states"',
        "client: {name: Sam}",
        "meters:",
        *(f"  {name}: {{start: 50}}" for name in names),
        "flags: [asked, told]",
        "start: n0",
        "rules:",
        "  - {id: drop, when: trust < 5 and not told, goto: n1, once: false}",
        "nodes:",
    ]
    steps = [1, -2, 3, -5, 7, -11, 13]
    for i in range(nodes):
        lines.append(f"  n{i}:")
        lines.append(f"    say: Line {i}.")
        lines.append("    choices:")
        for c in range(choices):
            effects = ", ".join(
                f"{names[(i + c + k) % len(names)]}: {steps[(i * choices + c + k) % len(steps)]}" for k in range(2)
            )
            if c == 1:
                effects += ", asked: true" if i % 2 else ", told: true"
            target = f"n{(i + c + 1) % nodes}"
            extra = ", once: true" if once and c == choices - 1 else ""
            lines.append(
                f"      - {{text: Reply {c}, skill: empathy, quality: good, effects: {{{effects}}}, "
                f"next: {target}{extra}}}"
            )
        lines.append("      - {text: Leave, skill: safety, quality: poor, when: hope > 95 and trust > 95, next: end}")
    lines.append("  end:")
    lines.append("    ending: {outcome: end, rating: good}")
    return "\n".join(lines) + "\n"
