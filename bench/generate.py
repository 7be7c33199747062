"""Generated scenarios for the benchmarks: large, valid, and shaped like real ones."""

from __future__ import annotations

import random


def validation_scenario(nodes: int = 2000, seed: int = 1) -> str:
    """A valid scenario of `nodes` nodes (three replies each), under 1 MiB."""
    rng = random.Random(seed)
    skills = ["safety", "empathy", "collaboration", "boundaries", "feedback", "transference", "motivation", "hope"]
    lines = [
        "format: 1",
        "id: bench-validate",
        'title: "Benchmark: a long scenario"',
        "client: {name: Sam, age: 40, pronouns: they/them}",
        "meters:",
        "  trust: {start: 30}",
        "  hope: {start: 30}",
        "  engagement: {start: 40}",
        "flags: [asked]",
        "start: n0",
        "rules:",
        "  - {id: rupture, when: trust < 10 and not asked, goto: n1}",
        "nodes:",
    ]
    for i in range(nodes - 1):
        lines.append(f"  n{i}:")
        lines.append(f'    say: "Line {i}: not sure."')
        if i % 4 == 0:
            lines.append("    thought: Careful now.")
        lines.append("    choices:")
        for c in range(3):
            target = min(nodes - 1, i + 1 + c)
            delta = rng.choice([-10, -5, 5, 10])
            when = ", when: trust >= 20 or asked" if c == 2 else ""
            feedback = ", feedback: Why it helps." if c == 0 else ""
            lines.append(
                f'      - {{text: "Reply {c}, said with care.", skill: {skills[(i + c) % 8]}, '
                f"quality: {('good', 'neutral', 'poor')[c]}, effects: {{trust: {delta}, hope: {-delta}}}"
                f"{when}{feedback}, next: n{target}}}"
            )
    lines.append(f"  n{nodes - 1}:")
    lines.append("    ending: {outcome: done, title: Done, rating: good}")
    text = "\n".join(lines) + "\n"
    assert len(text.encode()) < 1024 * 1024, f"{len(text.encode())} bytes: over the 1 MiB limit"
    return text


def exploration_scenario(layers: int = 22) -> str:
    """A branching scenario whose meters give well over 100,000 distinct states."""
    effects = [
        ("{trust: 5, hope: -5, engagement: 5}", "good", None),
        ("{trust: -5, hope: 5}", "neutral", None),
        ("{engagement: -5, trust: 10}", "poor", "engagement >= 20"),
    ]
    lines = [
        "format: 1",
        "id: bench-explore",
        'title: "Benchmark: many states"',
        "client: {name: Sam}",
        "meters:",
        "  trust: {start: 50}",
        "  hope: {start: 50}",
        "  engagement: {start: 50}",
        "flags: [repaired]",
        "start: n0",
        "rules:",
        "  - {id: rupture, when: trust < 25 and not repaired, goto: rupture}",
        "nodes:",
        "  rupture:",
        "    say: I think I should go.",
        "    choices:",
        "      - {text: Stay with it, skill: feedback, quality: good, effects: {trust: 10, repaired: true}, next: n1}",
        "      - {text: Let it go, skill: feedback, quality: poor, next: gone}",
        "  gone:",
        "    ending: {outcome: gone, rating: poor}",
    ]
    for i in range(layers):
        lines.append(f"  n{i}:")
        lines.append(f"    say: Line {i}.")
        lines.append("    choices:")
        for index, (effect, quality, when) in enumerate(effects):
            target = f"n{i + 1}" if i + 1 < layers else "end"
            condition = f", when: {when}" if when else ""
            lines.append(
                f"      - {{text: Reply {index}, skill: empathy, quality: {quality}, effects: {effect}"
                f"{condition}, next: {target}}}"
            )
    lines.append("  end:")
    lines.append("    ending: {outcome: end, rating: good}")
    return "\n".join(lines) + "\n"


def misspelt_scenario(nodes: int = 10_000, misspelt: int = 0) -> str:
    """A valid scenario of `nodes` small nodes under 1 MiB; `misspelt` of its `next` targets misspelt.

    Every misspelt target swaps two letters of a real node id (`ndoe42` for `node42`), so each one
    is an error whose did-you-mean has thousands of same-length candidates to choose from.
    """
    lines = [
        "format: 1",
        "id: bench-misspelt",
        'title: "Benchmark: many nodes"',
        "client: {name: Sam}",
        "meters:",
        "  trust: {start: 30}",
        "  hope: {start: 30}",
        "start: node0",
        "rules:",
        "  - {id: rupture, when: trust < 5, goto: node1}",
        "nodes:",
    ]
    step = max(1, (nodes - 1) // misspelt) if misspelt else 0
    for i in range(nodes - 1):
        first = f"node{min(nodes - 1, i + 1)}"
        if step and i % step == 0 and i // step < misspelt:
            first = "ndoe" + first[4:]
        if i % 2:
            lines.append(f"  node{i}: {{say: Hm., next: {first}}}")
        else:
            second = f"node{min(nodes - 1, i + 2)}"
            lines.append(
                f"  node{i}: {{say: Hi., choices: [{{text: Go, skill: empathy, quality: good, "
                f"next: {first}}}, {{text: No, skill: safety, quality: poor, next: {second}}}]}}"
            )
    lines.append(f"  node{nodes - 1}: {{ending: {{outcome: done, rating: good}}}}")
    text = "\n".join(lines) + "\n"
    assert len(text.encode()) <= 1024 * 1024, f"{len(text.encode())} bytes: over the 1 MiB limit"
    return text
