"""A loaded scenario: frozen dataclasses, checked once at load time and trusted after.

Positions (line, column) are kept for messages but never take part in equality,
so a scenario written out and read back compares equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.scenario.appearance import EXPRESSIONS as EXPRESSIONS
from game.scenario.appearance import HAIR_STYLES as HAIR_STYLES
from game.scenario.appearance import Appearance as Appearance
from game.scenario.conditions import Condition

FORMAT_VERSION = 1

SKILL_CATALOGUE: dict[str, str] = {
    "safety": "Trust and safety",
    "empathy": "Empathy and understanding",
    "collaboration": "Collaboration",
    "boundaries": "Modelling healthy relationships",
    "feedback": "Feedback and growth",
    "transference": "Transferential dynamics",
    "motivation": "Motivation and engagement",
    "hope": "Restoration of hope",
}
QUALITIES = ("good", "neutral", "poor")
RATINGS = ("good", "neutral", "poor")
DIFFICULTIES = ("intro", "intermediate", "advanced")
MOODS = ("guarded", "anxious", "sad", "angry", "neutral", "warm", "hopeful")
MITI_CODES: dict[str, str] = {
    "giving_information": "Giving information",
    "persuade": "Persuade",
    "persuade_with_permission": "Persuade with permission",
    "question": "Question",
    "simple_reflection": "Simple reflection",
    "complex_reflection": "Complex reflection",
    "affirm": "Affirm",
    "seeking_collaboration": "Seeking collaboration",
    "emphasizing_autonomy": "Emphasizing autonomy",
    "confront": "Confront",
}
"""MITI 4 behaviour codes a reply may carry (`code`), with how people read them."""

Effect = tuple[str, int | bool]
"""(meter, whole-number delta) or (flag, new value), in the order written."""


def _pos() -> int:
    return field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Meter:
    name: str
    start: int
    min: int = 0
    max: int = 100
    label: str | None = None
    description: str | None = None

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Client:
    name: str
    age: int | str | None = None
    pronouns: str | None = None
    background: str | None = None
    presenting_concern: str | None = None
    appearance: Appearance = field(default_factory=Appearance)

    @property
    def first_name(self) -> str:
        """How the client is called in running text ("Amira looks down"), not in headings."""
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: str
    skill: str
    quality: str
    next: str
    effects: tuple[Effect, ...] = ()
    when: Condition | None = None
    once: bool = False
    feedback: str | None = None
    react: str | None = None
    thought: str | None = None
    code: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other phrasings that free text matches as this reply
    line: int = _pos()
    column: int = _pos()


@dataclass(frozen=True, slots=True)
class Ending:
    outcome: str
    title: str | None = None
    summary: str | None = None
    rating: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    """A moment of the session.

    `say` holds the text of every line in file order; `say_when` is empty when every
    line is plain, else it holds each line's condition (None for a plain line).
    """

    id: str
    say: tuple[str, ...] = ()
    narration: str | None = None
    thought: str | None = None
    facilitator: str | None = None
    mood: str | None = None
    expression: str | None = None  # a hint the picture shows and the caption names (EXPRESSIONS)
    phase: str | None = None
    on_enter: tuple[Effect, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    ending: Ending | None = None
    say_when: tuple[Condition | None, ...] = ()
    line: int = _pos()
    column: int = _pos()

    def say_condition(self, index: int) -> Condition | None:
        """The condition of the `index`-th line (None: a plain line, always eligible)."""
        return self.say_when[index] if self.say_when else None

    @property
    def is_continue(self) -> bool:
        """A node the trainee only reads and continues from."""
        return not self.choices and self.ending is None and self.next is not None

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True, slots=True)
class Flag:
    """How a flag is shown to people (`flags` written as a mapping)."""

    name: str
    label: str | None = None
    description: str | None = None

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Condition
    goto: str
    once: bool = True
    note: str | None = None
    line: int = _pos()
    column: int = _pos()


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    choices: tuple[int, ...]
    seed: int = 0
    outcome: str | None = None
    at: str | None = None
    expect: Condition | None = None
    line: int = _pos()
    column: int = _pos()


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Scenario:
    id: str
    title: str
    client: Client
    meters: tuple[Meter, ...]
    start: str
    nodes: Mapping[str, Node]
    summary: str | None = None
    difficulty: str | None = None
    estimated_minutes: int | None = None
    skills_focus: tuple[str, ...] = ()
    learning_objectives: tuple[str, ...] = ()
    debrief: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    flag_info: Mapping[str, Flag] = field(default_factory=dict)
    skills: Mapping[str, str] = field(default_factory=dict)
    shuffle: bool = False
    rules: tuple[Rule, ...] = ()
    checks: tuple[Check, ...] = ()
    format: int = FORMAT_VERSION
    path: str = field(default="", compare=False)
    sha256: str = field(default="", compare=False)
    source: bytes = field(default=b"", compare=False, repr=False)  # the file's exact bytes (kept in played/)
    id_at: tuple[int, int] = field(default=(1, 1), compare=False)  # line and column of the id in the file

    @property
    def meter_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.meters)

    def meter(self, name: str) -> Meter:
        return next(m for m in self.meters if m.name == name)

    def flag_title(self, name: str) -> str:
        """A flag as people read it: its label, else its name with '_' as spaces."""
        info = self.flag_info.get(name)
        return info.title if info is not None else name.replace("_", " ")

    def skill_label(self, skill: str) -> str:
        return self.skills.get(skill) or SKILL_CATALOGUE.get(skill, skill)
