"""What a finished (or cut-off) session adds up to, computed from its events.

`Debrief` is the analysis; `game.analysis.presentation.DebriefView` is what
every debrief shows (the terminal's, the game's, the replay viewer's and the
class report's), built from it once, so they can never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from game.scenario.model import QUALITIES, Choice, Ending, Node, Scenario

QUALITY_RANK = {"good": 2, "neutral": 1, "poor": 0}


def effective_events(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The events that still stand after undos: an undo removes the last choice and what followed."""
    kept: list[dict[str, Any]] = []
    choice_at: list[int] = []
    for event in events:
        kind = event.get("type")
        if kind == "undo":
            if choice_at:
                del kept[choice_at.pop() :]
            continue
        if kind == "resume":
            continue
        if kind == "choice":
            choice_at.append(len(kept))
        kept.append(dict(event))
    return kept


@dataclass(frozen=True)
class Step:
    """One choice that stands, with what surrounded it."""

    index: int  # position among the effective events
    turn: int
    node: Node
    line: str | None  # what the client had just said
    choice: Choice | None  # None when the scenario no longer has this choice
    choice_id: str
    number: int
    shown: tuple[str, ...]
    skill: str
    quality: str
    before: dict[str, int]
    after: dict[str, int]
    rule: str | None
    t: float | None
    code: tuple[str, ...] = ()  # MITI 4 codes, as logged (0.1 logs: the scenario's)
    typed: str | None = None  # free text: what the trainee typed, taken as this reply
    match_score: float | None = None  # free text: how close the typed text came to this reply

    @property
    def react(self) -> str | None:
        """What the client said straight back to this reply."""
        return self.choice.react if self.choice else None

    @property
    def thought(self) -> str | None:
        """What the client thought on hearing this reply (practice mode and debriefs only)."""
        return self.choice.thought if self.choice else None

    @property
    def deltas(self) -> dict[str, int]:
        return {k: self.after.get(k, v) - v for k, v in self.before.items()}

    @property
    def swing(self) -> int:
        return sum(abs(d) for d in self.deltas.values())

    @property
    def text(self) -> str:
        return self.choice.text if self.choice else self.choice_id

    def alternatives(self) -> list[Choice]:
        return [c for cid in self.shown if (c := self.node.choice(cid)) is not None and cid != self.choice_id]

    def best_alternative(self) -> Choice | None:
        """The best-rated other choice that was on offer (first shown wins a tie)."""
        options = self.alternatives()
        if not options:
            return None
        best = max(options, key=lambda c: QUALITY_RANK[c.quality])
        return best if QUALITY_RANK[best.quality] > QUALITY_RANK.get(self.quality, 0) else None


@dataclass(frozen=True)
class Entry:
    """One line of the transcript: the client speaking, or the trainee answering."""

    kind: str  # "client" or "trainee"
    node: Node
    text: str | None
    narration: str | None = None
    step: Step | None = None


@dataclass(frozen=True)
class TrackPoint:
    """The meters each time the client speaks (enters a node the scenario has)."""

    turn: int  # replies made so far
    meters: dict[str, int]
    led_by: str | None = None  # quality of the reply that led here; None at the start or after a continue


@dataclass
class Debrief:
    scenario: Scenario
    events: list[dict[str, Any]]
    steps: list[Step] = field(default_factory=list)
    transcript: list[Entry] = field(default_factory=list)
    meter_track: list[TrackPoint] = field(default_factory=list)
    start_meters: dict[str, int] = field(default_factory=dict)
    end_meters: dict[str, int] = field(default_factory=dict)
    ending: Ending | None = None
    error: str | None = None

    @classmethod
    def from_events(cls, scenario: Scenario, events: Iterable[Mapping[str, Any]]) -> Debrief:
        kept = effective_events(events)
        debrief = cls(scenario, kept)
        nodes = scenario.nodes
        current: dict[str, Any] | None = None
        led_by: str | None = None
        for index, event in enumerate(kept):
            kind = event["type"]
            if kind == "enter":
                node = nodes.get(event["node"])
                current = event
                if not debrief.start_meters:
                    debrief.start_meters = dict(event["meters"])
                debrief.end_meters = dict(event["meters"])
                if node is not None:
                    turn = debrief.steps[-1].turn if debrief.steps else 0
                    debrief.meter_track.append(TrackPoint(turn, dict(event["meters"]), led_by))
                    led_by = None
                    debrief.transcript.append(Entry("client", node, _line(node, event.get("variant")), node.narration))
            elif kind == "choice" and current is not None:
                led_by = str(event.get("quality"))
                node = nodes.get(event["node"])
                if node is None:
                    continue
                step = Step(
                    index=index,
                    turn=int(event.get("turn", 0)),
                    node=node,
                    line=_line(node, current.get("variant")),
                    choice=node.choice(str(event["choice"])),
                    choice_id=str(event["choice"]),
                    number=int(event.get("number", 0)),
                    shown=tuple(str(s) for s in event.get("shown", ())),
                    skill=str(event.get("skill")),
                    quality=str(event.get("quality")),
                    before=dict(current["meters"]),
                    after=dict(event["meters"]),
                    rule=None,
                    t=event.get("t"),
                    code=_codes(event, node.choice(str(event["choice"]))),
                    typed=typed_text(event),
                    match_score=match_score(event),
                )
                debrief.steps.append(step)
                debrief.end_meters = dict(event["meters"])
                debrief.transcript.append(Entry("trainee", node, step.text, step=step))
            elif kind == "rule" and debrief.steps:
                debrief.steps[-1] = replace(debrief.steps[-1], rule=event.get("rule"))
            elif kind == "end":
                node = nodes.get(event["node"])
                debrief.ending = node.ending if node else None
                debrief.end_meters = dict(event["meters"])
            elif kind == "error":
                debrief.error = event.get("message")
        return debrief

    # -- what the debrief shows -------------------------------------------------

    @property
    def rating(self) -> str | None:
        return self.ending.rating if self.ending else None

    def skill_profile(self) -> dict[str, Counter[str]]:
        """skill -> counts of good/neutral/poor, in the order skills were first used."""
        profile: dict[str, Counter[str]] = {}
        for step in self.steps:
            profile.setdefault(step.skill, Counter({q: 0 for q in QUALITIES}))[step.quality] += 1
        return profile

    def code_counts(self) -> Counter[str]:
        """MITI 4 codes over the replies that stand: each reply counts once under each of its codes."""
        counts: Counter[str] = Counter()
        for step in self.steps:
            counts.update(set(step.code))
        return counts

    def key_moments(self, count: int = 3) -> list[Step]:
        """The choices that moved the meters most (earlier first on a tie)."""
        moving = [s for s in self.steps if s.swing > 0]
        return sorted(moving, key=lambda s: (-s.swing, s.index))[:count]

    def missed_opportunities(self) -> list[tuple[Step, Choice]]:
        """Each poor choice with the best alternative that was shown beside it."""
        out = []
        for step in self.steps:
            if step.quality == "poor":
                best = step.best_alternative()
                if best is not None:
                    out.append((step, best))
        return out


def typed_text(event: Mapping[str, Any]) -> str | None:
    """What the trainee typed for a free-text reply (None for a reply picked from the list)."""
    typed = event.get("typed")
    return typed if isinstance(typed, str) else None


def match_score(event: Mapping[str, Any]) -> float | None:
    """The typed text's similarity to the reply it was taken as (None unless typed)."""
    match = event.get("match")
    score = match.get("score") if isinstance(match, Mapping) else None
    return float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None


def _line(node: Node, variant: object) -> str | None:
    if isinstance(variant, int) and 0 <= variant < len(node.say):
        return node.say[variant]
    if node.say_when:  # conditional lines: no variant means none was eligible, so nothing was said
        return None
    return node.say[0] if node.say else None


def _codes(event: Mapping[str, Any], choice: Choice | None) -> tuple[str, ...]:
    logged = event.get("code")
    if isinstance(logged, list):
        return tuple(str(c) for c in logged)
    return choice.code if choice is not None else ()


def format_deltas(deltas: Mapping[str, int], scenario: Scenario) -> str:
    parts = [f"{scenario.meter(k).title.lower()} {v:+d}" for k, v in deltas.items() if v]
    return ", ".join(parts) if parts else "no change"
