"""A session being played: a pull-shaped API over a `transitions` state machine.

The UI asks `current()` for a `Turn` and answers with `choose`, `continue_` or
`undo`. Nodes are the machine's states and choices its transitions; the
effects, rules and bookkeeping are the pure functions of `rules`, applied in
exactly one place. Every step appends events to `events` (dicts in the
session log's shape, without their time stamps); the engine does no I/O, so a
caller (the record layer's runner) writes them after the step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from transitions import Machine

from game.engine.rules import Position, Rules, per_scenario, rules_for, say_variant
from game.scenario.model import Choice, Ending, Node, Rule, Scenario

Event = dict[str, Any]

MODES = ("practice", "assessment")


class SessionError(Exception):
    """A request the session cannot honour (the caller's mistake, not the scenario's)."""


class ChoiceNotShown(SessionError):
    pass


class SessionOver(SessionError):
    pass


class UndoNotAllowed(SessionError):
    pass


@dataclass(frozen=True, slots=True)
class ShownChoice:
    number: int
    choice: Choice


@dataclass(frozen=True, slots=True)
class Turn:
    """What the trainee sees now."""

    node: Node
    variant: int | None
    choices: tuple[ShownChoice, ...]
    can_continue: bool
    meters: Mapping[str, int]
    flags: Mapping[str, bool]
    turn: int
    ended: bool = False
    error: str | None = None

    @property
    def line(self) -> str | None:
        return None if self.variant is None else self.node.say[self.variant]

    @property
    def ending(self) -> Ending | None:
        return self.node.ending if self.ended else None

    @property
    def outcome(self) -> str | None:
        return self.node.ending.outcome if self.ended and self.node.ending else None

    @property
    def finished(self) -> bool:
        """Nothing more can happen: an ending or a scenario error."""
        return self.ended or self.error is not None


STATE_VERSION = 1


class StateVersionError(SessionError):
    """A saved state written by a different version of the engine."""


@dataclass(slots=True)
class SessionState:
    """The whole state of a session: how it was started, where it stands, how it got there.

    `to_dict` and `from_dict` round-trip exactly through JSON, and `Session.from_state`
    goes on from a restored state as the original would. The log stays the only record
    kept on disk (resume replays it); this is the state a front end or a test may hold.
    `history` holds the states before each choice still undoable; `events` every event so far.
    """

    position: Position
    seed: int = 0
    mode: str = "practice"
    start_at: str | None = None
    set_values: dict[str, int] | None = None
    visits: dict[str, int] = field(default_factory=dict)
    variant: int | None = None
    ended: bool = False
    error: str | None = None
    since_choice: list[Position] = field(default_factory=list)
    history: list[SessionState] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def snapshot(self) -> SessionState:
        """The state before a choice, for undo: everything but history and events, which go on."""
        return SessionState(
            self.position,
            self.seed,
            self.mode,
            self.start_at,
            self.set_values,
            dict(self.visits),
            self.variant,
            self.ended,
            self.error,
            list(self.since_choice),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "seed": self.seed,
            "mode": self.mode,
            "from": self.start_at,
            "set": dict(self.set_values) if self.set_values else None,
            **self._moment_to_dict(),
            "history": [h._moment_to_dict() for h in self.history],
            "events": [dict(e) for e in self.events],
        }

    def _moment_to_dict(self) -> dict[str, Any]:
        return {
            "position": _position_to_dict(self.position),
            "visits": dict(self.visits),
            "variant": self.variant,
            "ended": self.ended,
            "error": self.error,
            "since_choice": [_position_to_dict(p) for p in self.since_choice],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SessionState:
        """Rebuild a state from `to_dict`'s output (raises StateVersionError for another version)."""
        if data.get("version") != STATE_VERSION:
            raise StateVersionError(f"session state version {data.get('version')!r} is not {STATE_VERSION}")
        started = (data["seed"], data["mode"], data["from"], dict(data["set"]) if data["set"] else None)
        state = cls._moment_from_dict(data, *started)
        state.history = [cls._moment_from_dict(h, *started) for h in data["history"]]
        state.events = [dict(e) for e in data["events"]]
        return state

    @classmethod
    def _moment_from_dict(
        cls, data: Mapping[str, Any], seed: int, mode: str, start_at: str | None, set_values: dict[str, int] | None
    ) -> SessionState:
        return cls(
            position=_position_from_dict(data["position"]),
            seed=seed,
            mode=mode,
            start_at=start_at,
            set_values=set_values,
            visits=dict(data["visits"]),
            variant=data["variant"],
            ended=data["ended"],
            error=data["error"],
            since_choice=[_position_from_dict(p) for p in data["since_choice"]],
        )


def _position_to_dict(p: Position) -> dict[str, Any]:
    return {
        "node": p.node,
        "meters": list(p.meters),
        "flags": list(p.flags),
        "turn": p.turn,
        "fired": sorted(p.fired),
        "used": sorted([node, choice] for node, choice in p.used),
    }


def _position_from_dict(d: Mapping[str, Any]) -> Position:
    return Position(
        d["node"],
        tuple(d["meters"]),
        tuple(d["flags"]),
        frozenset(d["fired"]),
        frozenset((n, c) for n, c in d["used"]),
        d["turn"],
    )


def _choose_trigger(node_id: str, choice_id: str) -> str:
    # a ':' can never appear in a Python attribute of the model, so no trigger can clash
    return f"choose:{node_id}:{choice_id}"


def _rule_trigger(rule_id: str) -> str:
    return f"rule:{rule_id}"


def _continue_trigger(node_id: str) -> str:
    return f"continue:{node_id}"


@per_scenario
def machine_for(scenario: Scenario) -> Machine:
    """The scenario's state machine, built once and shared by all its sessions.

    Callbacks are named, so each session's own driver object answers them.
    """
    machine = Machine(
        model=None,
        states=list(scenario.nodes),
        initial=None,
        auto_transitions=False,
        send_event=False,
        ignore_invalid_triggers=False,
    )
    for node in scenario.nodes.values():
        for choice in node.choices:
            machine.add_transition(
                _choose_trigger(node.id, choice.id),
                node.id,
                choice.next,
                conditions="is_shown",
                after="arrive",
            )
        if node.next is not None:
            machine.add_transition(
                _continue_trigger(node.id),
                node.id,
                node.next,
                conditions="may_continue",
                after="arrive",
            )
    return machine


def _rule_event(machine: Machine, rule: Rule, source: str) -> Any:
    """The machine's event for `rule` firing at `source`, its transition added the first time.

    Rules may fire anywhere; adding their transitions from every node up front would cost
    nodes × rules before the first choice, so each is added where it first fires.
    """
    trigger = _rule_trigger(rule.id)
    event = machine.events.get(trigger)
    if event is None or source not in event.transitions:
        machine.add_transition(trigger, source, rule.goto, after="arrive")
        event = machine.events[trigger]
    return event


class _Driver:
    """The machine's model: holds the machine state and forwards callbacks to the session."""

    def __init__(self, session: Session) -> None:
        self.state = ""
        self._session = session

    def is_shown(self, choice: Choice | None = None) -> bool:
        return choice is not None and choice in self._session.shown()

    def may_continue(self, *_: object) -> bool:
        return self._session.current().can_continue

    def arrive(self, *_: object) -> None:
        self._session._arrive(self.state)


class Session:
    """One trainee's session with one scenario, as the format's section 2 prescribes."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int = 0,
        mode: str = "practice",
        start_at: str | None = None,
        set_values: Mapping[str, int] | None = None,
        *,
        state: SessionState | None = None,
    ) -> None:
        """A new session at the start (or a playtest's NODE); with `state`, that session again (see from_state)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.scenario = scenario
        self.rules: Rules = rules_for(scenario)
        self._machine = machine_for(scenario)
        self._driver = _Driver(self)
        self._shown_for: tuple[Position, tuple[Choice, ...]] | None = None
        self._pending: tuple[Position, bool] | None = None
        if state is not None:
            if state.position.node not in scenario.nodes:
                raise SessionError(f"the saved state stands at node '{state.position.node}', not in this scenario")
            self.state = state
            self._machine.set_state(state.position.node, self._driver)
            return
        position = self.rules.start(start_at, set_values)
        self.state = SessionState(position, seed, mode, start_at, dict(set_values) if set_values else None)
        self._machine.set_state(position.node, self._driver)
        self._settle(position, via_choice=True)

    @classmethod
    def from_state(cls, scenario: Scenario, state: SessionState) -> Session:
        """The session `state` describes, going on exactly as the one it was saved from would."""
        return cls(scenario, state.seed, state.mode, state.start_at, state.set_values, state=state)

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def mode(self) -> str:
        return self.state.mode

    @property
    def start_at(self) -> str | None:
        return self.state.start_at

    @property
    def set_values(self) -> dict[str, int] | None:
        return self.state.set_values

    @property
    def events(self) -> list[Event]:
        return self.state.events

    # -- what the trainee sees -------------------------------------------------------

    def shown(self) -> tuple[Choice, ...]:
        position = self.state.position
        if self._shown_for is None or self._shown_for[0] is not position:
            shown = () if self.state.ended or self.state.error else self.rules.shown(position, self.seed)
            self._shown_for = (position, shown)
        return self._shown_for[1]

    def current(self) -> Turn:
        state = self.state
        node = self.scenario.nodes[state.position.node]
        shown = self.shown()
        finished = state.ended or state.error is not None
        return Turn(
            node=node,
            variant=state.variant,
            choices=tuple(ShownChoice(i, c) for i, c in enumerate(shown, start=1)),
            can_continue=not finished and not shown and node.next is not None,
            meters=self.meters,
            flags=self.flags,
            turn=state.position.turn,
            ended=state.ended,
            error=state.error,
        )

    @property
    def meters(self) -> dict[str, int]:
        return dict(zip(self.scenario.meter_names, self.state.position.meters, strict=True))

    @property
    def flags(self) -> dict[str, bool]:
        return dict(zip(self.scenario.flags, self.state.position.flags, strict=True))

    @property
    def can_undo(self) -> bool:
        return self.mode == "practice" and bool(self.state.history)

    # -- what the trainee does ---------------------------------------------------------

    def choose(self, choice_id: str, typed: str | None = None, match: Mapping[str, Any] | None = None) -> None:
        """Take a shown choice by its id; a typed (free-text) reply also logs what was typed and how it matched."""
        self._check_open()
        shown = self.shown()
        choice = next((c for c in shown if c.id == choice_id), None)
        if choice is None:
            raise ChoiceNotShown(f"choice '{choice_id}' is not shown at node '{self.state.position.node}'")
        number = shown.index(choice) + 1
        self.state.history.append(self.state.snapshot())
        before = self.state.position
        after, rule = self.rules.choose(before, choice)
        self._emit(
            type="choice",
            node=before.node,
            choice=choice.id,
            number=number,
            shown=[c.id for c in shown],
            skill=choice.skill,
            quality=choice.quality,
            code=list(choice.code),
            effects=dict(choice.effects),
            meters=self._meters_of(after),
            flags=self._flags_of(after),
            turn=after.turn,
            **({"typed": typed, "match": dict(match) if match is not None else None} if typed is not None else {}),
        )
        self._pending = (after, True)
        if rule is not None:
            self._emit(type="rule", rule=rule.id, goto=rule.goto)
            moved = _rule_event(self._machine, rule, before.node).trigger(self._driver)
        else:  # the transition's condition sees the position before the choice
            moved = self._machine.events[_choose_trigger(before.node, choice.id)].trigger(self._driver, choice)
        if not moved:  # cannot happen while the machine mirrors the rules; never pass silently
            raise SessionError(f"the state machine refused choice '{choice.id}' at '{before.node}'")

    def choose_number(self, number: int) -> None:
        """Take the choice shown as `number` (1-based)."""
        shown = self.shown()
        if not 1 <= number <= len(shown):
            self._check_open()
            raise ChoiceNotShown(f"there is no choice {number} (choices shown: {len(shown)})")
        self.choose(shown[number - 1].id)

    def continue_(self) -> None:
        """Go on from a node without choices (or whose choices are all hidden)."""
        self._check_open()
        if not self.current().can_continue:
            raise SessionError("this node waits for a choice, not for continue")
        self._pending = (self.state.position, False)
        if not self._machine.events[_continue_trigger(self.state.position.node)].trigger(self._driver):
            raise SessionError(f"the state machine refused to continue from '{self.state.position.node}'")

    def undo(self) -> None:
        """Practice mode: back to just before the last choice."""
        if self.mode != "practice":
            raise UndoNotAllowed("undo is only available in practice mode")
        if not self.state.history:
            raise UndoNotAllowed("there is no choice to undo")
        history = self.state.history
        restored = history.pop()
        restored.history = history
        restored.events = self.state.events
        self.state = restored
        self._machine.set_state(restored.position.node, self._driver)
        self._emit(type="undo", node=restored.position.node, turn=restored.position.turn)

    # -- internals ------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.state.ended:
            raise SessionOver("the session has ended")
        if self.state.error is not None:
            raise SessionOver(f"the session stopped: {self.state.error}")

    def _arrive(self, node_id: str) -> None:
        """Machine callback: the transition is done; enter the destination."""
        assert self._pending is not None
        pending, via_choice = self._pending
        self._pending = None
        self._settle(self.rules.enter(pending, node_id), via_choice=via_choice)

    def _settle(self, position: Position, via_choice: bool) -> None:
        """Record the entry into `position.node` and what it means: an ending, a dead end, a loop."""
        state = self.state
        looped = not via_choice and position in state.since_choice
        if via_choice:
            state.since_choice = [position]
        else:
            state.since_choice.append(position)  # snapshots copy the list, so it is this state's own
        state.position = position
        node = self.scenario.nodes[position.node]
        entries = state.visits.get(node.id, 0) + 1
        state.visits[node.id] = entries
        state.variant = say_variant(node, self.seed, entries, position)
        self._emit(
            type="enter",
            node=node.id,
            variant=state.variant,
            meters=self._meters_of(position),
            flags=self._flags_of(position),
        )
        if node.ending is not None:
            state.ended = True
            self._emit(
                type="end",
                node=node.id,
                outcome=node.ending.outcome,
                rating=node.ending.rating,
                meters=self._meters_of(position),
                flags=self._flags_of(position),
                turn=position.turn,
            )
        elif looped:
            self._fail(f"continue and fallback steps came back to node '{node.id}' unchanged (a loop)")
        elif not self.shown() and node.next is None:
            self._fail(f"no choice is available at node '{node.id}' and it has no 'next' to fall back to")

    def _fail(self, message: str) -> None:
        self.state.error = message
        self._shown_for = None
        self._emit(type="error", message=message, node=self.state.position.node)

    def _meters_of(self, position: Position) -> dict[str, int]:
        return dict(zip(self.scenario.meter_names, position.meters, strict=True))

    def _flags_of(self, position: Position) -> dict[str, bool]:
        return dict(zip(self.scenario.flags, position.flags, strict=True))

    def _emit(self, **event: Any) -> None:
        self.events.append(event)
