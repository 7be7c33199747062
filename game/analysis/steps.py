"""A logged session as steps, for replays: one step each time the client speaks.

At each step: the client as they were then (meters, flags, node, line), the
replies that were on offer, the one the trainee took, and what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.analysis.debrief import effective_events, typed_text
from game.scenario.model import Choice, Node, Scenario


@dataclass(frozen=True)
class Offered:
    number: int
    choice: Choice | None
    choice_id: str

    @property
    def text(self) -> str:
        return self.choice.text if self.choice else f"(choice '{self.choice_id}' is no longer in the scenario)"


@dataclass(frozen=True)
class ReplayStep:
    index: int
    node: Node
    line: str | None
    meters: dict[str, int]
    flags: dict[str, bool]
    turn: int
    offered: tuple[Offered, ...] = ()
    chosen: str | None = None  # choice id
    after: dict[str, int] = field(default_factory=dict)  # meters after the reply's effects
    rule: str | None = None
    ended: bool = False
    error: str | None = None
    t: float | None = None
    typed: str | None = None  # free text: what the trainee typed, taken as the chosen reply

    @property
    def chosen_choice(self) -> Choice | None:
        return self.node.choice(self.chosen) if self.chosen else None


def replay_steps(scenario: Scenario, events: list[dict[str, Any]]) -> list[ReplayStep]:
    """The steps of a session, undone choices left out (as the debrief does)."""
    steps: list[dict[str, Any]] = []
    turn = 0
    for event in effective_events(events):
        kind = event["type"]
        if kind == "enter":
            node = scenario.nodes.get(str(event["node"]))
            if node is None:
                continue
            variant = event.get("variant")
            line = node.say[variant] if isinstance(variant, int) and 0 <= variant < len(node.say) else None
            steps.append(
                {
                    "node": node,
                    "line": line,
                    "meters": dict(event["meters"]),
                    "flags": dict(event.get("flags") or {}),
                    "turn": turn,
                    "t": event.get("t"),
                }
            )
        elif not steps:
            continue
        elif kind == "choice":
            node = steps[-1]["node"]
            shown = [str(s) for s in event.get("shown", [])]
            steps[-1]["offered"] = tuple(Offered(i, node.choice(cid), cid) for i, cid in enumerate(shown, start=1))
            steps[-1]["chosen"] = str(event.get("choice"))
            steps[-1]["typed"] = typed_text(event)
            steps[-1]["after"] = dict(event.get("meters") or {})
            turn = int(event.get("turn", turn + 1))
        elif kind == "rule":
            steps[-1]["rule"] = event.get("rule")
        elif kind == "end":
            steps[-1]["ended"] = True
        elif kind == "error":
            steps[-1]["error"] = event.get("message")
    return [ReplayStep(index=i, **step) for i, step in enumerate(steps)]
