"""Re-run a logged session on the engine and compare it, event by event, with the log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.session import Session, SessionError
from game.record.log import SessionLog
from game.scenario.model import Scenario

COMPARED_SKIP = frozenset({"t"})
DEFAULTS: dict[str, Any] = {"code": [], "typed": None, "match": None}
"""Fields added in 0.2: a log event without one is compared as if it held this default."""
FIRST_COMPARED = ("node", "choice", "number", "shown", "meters", "flags", "turn")


@dataclass(frozen=True)
class Divergence:
    line: int  # line of the log where the replay first differs
    message: str


def header_problem(scenario: Scenario, header: dict[str, Any]) -> str | None:
    """Why a log's header cannot start a session of `scenario` (an unknown --from node or --set meter)."""
    start_at = header.get("from")
    if start_at is not None and start_at not in scenario.nodes:
        return f"the log starts at node '{start_at}', which scenario '{scenario.id}' does not have"
    for name, value in (header.get("set") or {}).items():
        if name not in scenario.meter_names:
            return f"the log sets meter '{name}', which scenario '{scenario.id}' does not have"
        meter = scenario.meter(name)
        if not meter.min <= value <= meter.max:
            return f"the log sets {name} to {value}, outside {meter.min} to {meter.max}"
    return None


def session_for(scenario: Scenario, log: SessionLog) -> Session:
    """A fresh session started exactly as the logged one was (seed, mode, playtest start).

    The header's types are checked when the log is read; call `header_problem` first for its names.
    """
    header = log.header
    return Session(
        scenario,
        seed=int(header.get("seed") or 0),
        mode=header.get("mode") or "practice",
        start_at=header.get("from"),
        set_values=header.get("set"),
    )


def replay(scenario: Scenario, log: SessionLog) -> tuple[Session, Divergence | None]:
    """Drive a session with the log's choices, continues and undos; stop at the first difference.

    Events the log does not have yet (a log cut off by a crash) are not differences.
    """
    problem = header_problem(scenario, log.header)
    if problem is not None:
        return Session(scenario), Divergence(1, problem)
    session = session_for(scenario, log)
    produced = 0
    for line, logged in enumerate(log.events, start=2):
        kind = logged["type"]
        if kind == "resume":
            continue
        try:
            while produced >= len(session.events):
                if not _act(session, logged):
                    return session, Divergence(
                        line, f"the log has a '{kind}' event here but the session does not ({_where(session)})"
                    )
        except SessionError as exc:
            return session, Divergence(line, f"{kind} event: {exc}")
        replayed = session.events[produced]
        produced += 1
        difference = _difference(logged, replayed)
        if difference:
            return session, Divergence(line, difference)
    return session, None


def _act(session: Session, logged: dict[str, Any]) -> bool:
    """Take the trainee's action that produced `logged`; False when none fits."""
    kind = logged["type"]
    turn = session.current()
    if kind == "choice" and turn.choices:  # by choice id; what was typed is carried over, never re-matched
        session.choose(str(logged.get("choice")), logged.get("typed"), logged.get("match"))
    elif kind == "undo":
        session.undo()
    elif kind == "enter" and turn.can_continue:
        session.continue_()
    else:
        return False
    return True


def _where(session: Session) -> str:
    turn = session.current()
    state = "ended" if turn.ended else "stopped" if turn.error else "waiting"
    return f"it is {state} at node '{turn.node.id}'"


def _difference(logged: dict[str, Any], replayed: dict[str, Any]) -> str | None:
    if logged.get("type") != replayed.get("type"):
        return (
            f"the log has a '{logged.get('type')}' event where the replay has "
            f"'{replayed.get('type')}' at node '{replayed.get('node', '?')}'"
        )
    kind = replayed["type"]
    keys = (set(logged) | set(replayed)) - COMPARED_SKIP
    ordered = [k for k in FIRST_COMPARED if k in keys] + sorted(keys - set(FIRST_COMPARED))
    for key in ordered:
        a, b = logged.get(key, DEFAULTS.get(key)), replayed.get(key, DEFAULTS.get(key))
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            names = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
            parts = ", ".join(f"{k} logged {a.get(k)!r}, replayed {b.get(k)!r}" for k in names)
            return f"{kind} event at node '{replayed.get('node', logged.get('node'))}': {key}: {parts}"
        return f"{kind} event at node '{replayed.get('node', logged.get('node'))}': {key} logged {a!r}, replayed {b!r}"
    return None


def actions_of(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The trainee's actions behind logged events: ('choose', id), ('continue', ''), ('undo', '')."""
    actions: list[tuple[str, str]] = []
    previous = "start"
    for event in events:
        kind = event["type"]
        if kind == "resume":
            continue
        if kind == "choice":
            actions.append(("choose", str(event.get("choice"))))
        elif kind == "undo":
            actions.append(("undo", ""))
        elif kind == "enter" and previous in ("enter", "undo"):
            actions.append(("continue", ""))
        previous = kind if previous != "start" or kind != "enter" else "enter"
    return actions


def redrive(scenario: Scenario, log: SessionLog) -> tuple[Session, str | None]:
    """Re-take a logged session's actions on a (possibly edited) scenario, without comparing.

    Stops where an action no longer fits, saying why; used by the game's F5 reload.
    """
    problem = header_problem(scenario, log.header)
    if problem is not None:
        return Session(scenario), problem
    session = session_for(scenario, log)
    for kind, value in actions_of(log.events):
        try:
            if kind == "choose":
                session.choose(value)
            elif kind == "continue":
                session.continue_()
            else:
                session.undo()
        except SessionError as exc:
            return session, f"stopped replaying your choices: {exc}"
    return session, None
