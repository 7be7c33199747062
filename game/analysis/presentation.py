"""What the debrief of a session shows, computed once: the one model every front end draws.

`debrief_view(scenario, events)` turns a session's events into a `DebriefView`:
the ending, each meter from start to end with its course, the replies by skill,
the key moments, the missed opportunities, the points to take away and the
transcript. The terminal (`game.text_play.debrief_lines`), the game's debrief
and replay scenes and the HTML report only lay it out; none of them counts,
sorts or subtracts anything of its own, so they cannot disagree.

Everything here is frozen and made of plain values (text, numbers, tuples).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from game.analysis.debrief import Debrief, Step, format_deltas
from game.scenario.model import MITI_CODES, Scenario


@dataclass(frozen=True, slots=True)
class EndingView:
    outcome: str
    title: str  # the ending's title, or its outcome when it has none
    rating: str | None  # "good", "neutral", "poor" or None (unrated)
    summary: str | None


@dataclass(frozen=True, slots=True)
class MeterView:
    """One meter: its bounds, where it started and ended, and its course."""

    name: str
    title: str
    low: int
    high: int
    start: int
    end: int
    points: tuple[tuple[int, int], ...]  # (turn, value) each time the client spoke; empty if never

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for _, value in self.points)


@dataclass(frozen=True, slots=True)
class SkillRow:
    """How many replies of one skill were good, neutral and poor."""

    skill: str
    label: str
    good: int
    neutral: int
    poor: int

    def count(self, quality: str) -> int:
        return {"good": self.good, "neutral": self.neutral, "poor": self.poor}.get(quality, 0)


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply that stands (undone ones are gone), with what it did."""

    turn: int
    node: str
    choice: str  # the choice's id
    text: str
    skill: str
    quality: str
    feedback: str | None
    deltas: tuple[tuple[str, int], ...]  # (meter, change) for every meter, in the scenario's order
    change: str  # the changes in words: "trust +10, hope -5", or "no change"
    code: tuple[str, ...] = ()  # MITI 4 codes
    react: str | None = None  # what the client said straight back
    thought: str | None = None  # what the client thought on hearing it (never shown in assessment play)
    typed: str | None = None  # free text: what the trainee typed, taken as this reply


@dataclass(frozen=True, slots=True)
class Alternative:
    """A better reply that was on offer beside a poor one."""

    text: str
    quality: str
    feedback: str | None


@dataclass(frozen=True, slots=True)
class Missed:
    reply: Reply
    alternative: Alternative


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    """The client speaking (with narration and thought), or the trainee answering (with quality)."""

    speaker: Literal["client", "trainee"]
    text: str | None
    narration: str | None = None
    thought: str | None = None
    quality: str | None = None
    feedback: str | None = None
    react: str | None = None  # a trainee's line: the client's reaction to it
    facilitator: str | None = None  # a client's line: the author's note to the facilitator at that moment
    typed: str | None = None  # a trainee's line in free text: what they typed, taken as `text`


MITI_REFERENCE_TITLE = "Reference levels are MITI 4's, to discuss; they are not grades."
MITI_REFERENCE = {"R:Q": "fair 1:1, good 2:1", "%CR": "fair 40%, good 50%"}


@dataclass(frozen=True, slots=True)
class MitiView:
    """MITI 4 behaviour counts over the replies that stand (section 6's counting); add two to pool them."""

    counts: tuple[tuple[str, int], ...]  # every code in the catalogue's order, with how many replies carry it

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> MitiView:
        return cls(tuple((code, int(counts.get(code, 0))) for code in MITI_CODES))

    def __add__(self, other: MitiView) -> MitiView:
        return MitiView.of({code: self.count(code) + other.count(code) for code in MITI_CODES})

    def count(self, code: str) -> int:
        return dict(self.counts).get(code, 0)

    @property
    def questions(self) -> int:
        return self.count("question")

    @property
    def simple(self) -> int:
        return self.count("simple_reflection")

    @property
    def complex(self) -> int:
        return self.count("complex_reflection")

    @property
    def reflections(self) -> int:
        """R = SR + CR."""
        return self.simple + self.complex

    @property
    def adherent(self) -> int:
        return sum(
            self.count(c)
            for c in ("affirm", "seeking_collaboration", "emphasizing_autonomy", "persuade_with_permission")
        )

    @property
    def non_adherent(self) -> int:
        return self.count("confront") + self.count("persuade")

    @property
    def r_to_q(self) -> str:
        """R / Q to two decimals; '—' when there were no questions."""
        return "—" if self.questions == 0 else f"{self.reflections / self.questions:.2f}"

    @property
    def percent_complex(self) -> str:
        """CR / R as a whole percent; '—' when there were no reflections."""
        return "—" if self.reflections == 0 else f"{100 * self.complex / self.reflections:.0f}%"

    def rows(self) -> tuple[tuple[str, str, str], ...]:
        """(figure, value, reference level or '') in the order debriefs and reports show them."""
        return (
            ("Reflections (R = SR + CR)", f"{self.reflections} ({self.simple} + {self.complex})", ""),
            ("Questions (Q)", str(self.questions), ""),
            ("R:Q", self.r_to_q, MITI_REFERENCE["R:Q"]),
            ("%CR", self.percent_complex, MITI_REFERENCE["%CR"]),
            ("MI-adherent", str(self.adherent), ""),
            ("MI-non-adherent", str(self.non_adherent), ""),
        )


@dataclass(frozen=True, slots=True)
class DebriefView:
    """Everything a debrief shows of one session, ready to draw."""

    scenario_title: str
    client_name: str
    ending: EndingView | None
    error: str | None  # why the scenario stopped, when it did
    meters: tuple[MeterView, ...]  # in the scenario's order
    choice_marks: tuple[tuple[int, str], ...]  # (point index, quality of the reply that led to that point)
    skills: tuple[SkillRow, ...]  # in the order skills were first used
    replies: tuple[Reply, ...]
    key_moments: tuple[Reply, ...]  # the replies that moved the meters most, biggest first
    missed: tuple[Missed, ...]
    points: tuple[str, ...]  # the scenario's points to take away
    transcript: tuple[TranscriptLine, ...]
    miti: MitiView | None = None  # None when the scenario codes none of its replies
    flags: tuple[tuple[str, bool], ...] = ()  # (label as people read it, value at the end), in the scenario's order

    @property
    def rating(self) -> str | None:
        return self.ending.rating if self.ending else None

    @property
    def length(self) -> int:
        """How many times the client spoke: the points along each meter's course."""
        return len(self.meters[0].points) if self.meters else 0

    def meter(self, name: str) -> MeterView | None:
        return next((m for m in self.meters if m.name == name), None)

    def courses(self) -> dict[str, list[int]]:
        """Each meter's values along the session, by name (what a chart draws)."""
        return {m.name: list(m.values) for m in self.meters}

    def bounds(self) -> dict[str, tuple[int, int]]:
        return {m.name: (m.low, m.high) for m in self.meters}


KEY_MOMENTS = 3


def debrief_view(scenario: Scenario, events: Iterable[Mapping[str, Any]]) -> DebriefView:
    """The debrief of a session from its events (undone replies left out)."""
    return from_debrief(Debrief.from_events(scenario, events))


def from_debrief(debrief: Debrief) -> DebriefView:
    scenario = debrief.scenario
    replies = {step.index: _reply(step, scenario) for step in debrief.steps}
    ending = debrief.ending
    meters = []
    for meter in scenario.meters:
        start = debrief.start_meters.get(meter.name, meter.start)
        points = tuple((p.turn, int(p.meters.get(meter.name, start))) for p in debrief.meter_track)
        meters.append(
            MeterView(
                meter.name,
                meter.title,
                meter.min,
                meter.max,
                start,
                debrief.end_meters.get(meter.name, start),
                points,
            )
        )
    missed = tuple(
        Missed(replies[step.index], Alternative(best.text, best.quality, best.feedback))
        for step, best in debrief.missed_opportunities()
    )
    return DebriefView(
        scenario_title=scenario.title,
        client_name=scenario.client.name,
        ending=EndingView(ending.outcome, ending.title or ending.outcome, ending.rating, ending.summary)
        if ending
        else None,
        error=debrief.error,
        meters=tuple(meters),
        choice_marks=tuple(
            (index, point.led_by) for index, point in enumerate(debrief.meter_track) if point.led_by is not None
        ),
        skills=tuple(
            SkillRow(skill, scenario.skill_label(skill), counts["good"], counts["neutral"], counts["poor"])
            for skill, counts in debrief.skill_profile().items()
        ),
        replies=tuple(replies.values()),
        key_moments=tuple(replies[step.index] for step in debrief.key_moments(KEY_MOMENTS)),
        missed=missed,
        points=tuple(scenario.debrief),
        transcript=tuple(_transcript(debrief)),
        miti=MitiView.of(debrief.code_counts()) if _codes_replies(scenario) else None,
        flags=_end_flags(debrief),
    )


def _end_flags(debrief: Debrief) -> tuple[tuple[str, bool], ...]:
    last: Mapping[str, Any] = next(
        (e["flags"] for e in reversed(debrief.events) if isinstance(e.get("flags"), dict)), {}
    )
    scenario = debrief.scenario
    return tuple((scenario.flag_title(name), bool(last.get(name, False))) for name in scenario.flags)


def _codes_replies(scenario: Scenario) -> bool:
    return any(choice.code for node in scenario.nodes.values() for choice in node.choices)


def pooled_miti(views: Iterable[DebriefView]) -> MitiView | None:
    """A class's MITI figures: the sessions' counts pooled (None when no session's scenario codes replies)."""
    coded = [view.miti for view in views if view.miti is not None]
    if not coded:
        return None
    total = coded[0]
    for miti in coded[1:]:
        total = total + miti
    return total


def _reply(step: Step, scenario: Scenario) -> Reply:
    deltas = step.deltas
    return Reply(
        turn=step.turn,
        node=step.node.id,
        choice=step.choice_id,
        text=step.text,
        skill=step.skill,
        quality=step.quality,
        feedback=step.choice.feedback if step.choice else None,
        deltas=tuple(deltas.items()),
        change=format_deltas(deltas, scenario),
        code=step.code,
        react=step.react,
        thought=step.thought,
        typed=step.typed,
    )


def _transcript(debrief: Debrief) -> Iterable[TranscriptLine]:
    for entry in debrief.transcript:
        if entry.kind == "client":
            yield TranscriptLine(
                "client",
                entry.text,
                narration=entry.narration,
                thought=entry.node.thought,
                facilitator=entry.node.facilitator,
            )
        elif entry.step is not None:
            step = entry.step
            feedback = step.choice.feedback if step.choice else None
            yield TranscriptLine(
                "trainee",
                entry.text,
                thought=step.thought,
                quality=step.quality,
                feedback=feedback,
                react=step.react,
                typed=step.typed,
            )


def mean_course(courses: Sequence[Sequence[int]]) -> list[float]:
    """Point by point, the mean of several sessions' courses of one meter (each as long as it goes)."""
    return [band.mean for band in course_bands(courses)]


@dataclass(frozen=True, slots=True)
class Band:
    """Where a class stands at one step of a meter's course: over the `n` sessions that reached it."""

    n: int
    low: int  # the smallest value
    q1: float  # the lower quartile
    median: float
    q3: float  # the upper quartile
    high: int
    mean: float


def _quantile(ordered: Sequence[int], fraction: float) -> float:
    """Linear interpolation between closest ranks (the common 'type 7' definition)."""
    position = (len(ordered) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def course_bands(courses: Sequence[Sequence[int]]) -> list[Band]:
    """Step by step, the spread of several sessions' courses of one meter.

    Sessions end at different steps, so each step says how many sessions it stands on (`n`): a
    mean over the few still running is never passed off as the class's.
    """
    longest = max((len(c) for c in courses), default=0)
    bands = []
    for i in range(longest):
        reached = sorted(c[i] for c in courses if i < len(c))
        bands.append(
            Band(
                n=len(reached),
                low=reached[0],
                q1=_quantile(reached, 0.25),
                median=_quantile(reached, 0.5),
                q3=_quantile(reached, 0.75),
                high=reached[-1],
                mean=sum(reached) / len(reached),
            )
        )
    return bands


def effect_words(effects: Iterable[tuple[str, object]], scenario: Scenario) -> str:
    """A reply's effects as a facilitator reads them: 'Trust +5, Hope −3, Risk asked: yes'.

    Meters by their titles with signed changes; flags by the author's label (never `risk_asked=True`).
    """
    parts = []
    for name, value in effects:
        if isinstance(value, bool):
            parts.append(f"{scenario.flag_title(name)}: {'yes' if value else 'no'}")
        elif isinstance(value, int) and name in scenario.meter_names:
            parts.append(f"{scenario.meter(name).title} {value:+d}")
        else:
            parts.append(f"{name.replace('_', ' ')}: {value}")
    return ", ".join(parts)
