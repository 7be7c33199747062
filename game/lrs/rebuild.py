"""Sessions rebuilt from an LRS's statements, as logs the report verifies like any other.

Statements say what the trainee did (each reply, undo and resume, the start and the end) and,
in their context, how the session was started (scenario id and sha256, seed, mode, playtest
start). The events between them (entering a node, a rule redirecting) are the engine's to
produce: the played scenario is re-run on the logged actions to fill them in, at the lines the
statements leave free. The claims the statements make (nodes, shown replies, meters, flags,
turns, quality, outcome) are kept as the LRS holds them, so the report's re-run then checks
them exactly as it checks a log: a statement altered in the LRS makes its session diverge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from game.lrs.profile import ANONYMOUS, END_FIELDS, KIND_OF_VERB, REPLY_FIELDS, ext, parse_instant
from game.record.log import LOG_FORMAT, SessionLog, check_event, check_header
from game.scenario.model import Scenario

FROM_LRS = Path("<LRS>")
"""The folder rebuilt logs claim to be in: none on disk, so no notes or played/ copies are read for them."""


@dataclass(frozen=True)
class Window:
    """Which sessions a report wants: a scenario id, and `started_at` between two instants (inclusive).

    Applied here, not by the LRS: xAPI's `since`/`until` are about `stored`, and Ralph 5.1's file
    backend answered an `activity` filter with nothing at all.
    """

    scenario_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def admits(self, header: dict[str, Any]) -> bool:
        if self.scenario_id is not None and header.get("scenario_id") != self.scenario_id:
            return False
        started = parse_instant(header.get("started_at"))
        if started is None:
            return self.since is None and self.until is None
        return (self.since is None or started >= self.since) and (self.until is None or started <= self.until)


def _in(holder: object, key: str) -> dict[str, Any]:
    """`holder[key]` when both are JSON objects, else an empty one: statements from an LRS are untrusted."""
    found = holder.get(key) if isinstance(holder, dict) else None
    return found if isinstance(found, dict) else {}


def _extensions(statement: dict[str, Any], where: str) -> dict[str, Any]:
    return _in(_in(statement, where), "extensions")


def _kind(statement: dict[str, Any]) -> str | None:
    verb = _in(statement, "verb").get("id")
    return KIND_OF_VERB.get(verb) if isinstance(verb, str) else None


def group(statements: Iterable[dict[str, Any]]) -> dict[str, dict[int, dict[str, Any]]]:
    """Rapport's statements by session, then by line; others (other tools, voiding) are left aside."""
    sessions: dict[str, dict[int, dict[str, Any]]] = {}
    for statement in statements:
        context = _extensions(statement, "context")
        session, line = context.get(ext("session")), context.get(ext("line"))
        if _kind(statement) is None or not isinstance(session, str) or type(line) is not int or line < 1:
            continue
        sessions.setdefault(session, {})[line] = statement
    return sessions


def _header(start: dict[str, Any]) -> dict[str, Any]:
    context = _extensions(start, "context")
    name = _in(_in(start, "actor"), "account").get("name")
    names = _in(_in(_in(start, "object"), "definition"), "name")
    seed = context.get(ext("seed"))
    return {
        "type": "session",
        "format": LOG_FORMAT,
        "scenario_id": context.get(ext("scenario-id")),
        "scenario_title": next(iter(names.values()), None),
        "scenario_sha256": context.get(ext("scenario-sha256")),
        "scenario_path": None,
        "from": context.get(ext("from")),
        "set": context.get(ext("set")),
        "seed": int(seed) if isinstance(seed, str) and seed.isascii() and seed.isdigit() and len(seed) < 20 else seed,
        "mode": context.get(ext("mode")),
        "trainee": None if name == ANONYMOUS else name,
        "started_at": context.get(ext("started-at")),
        "app_version": context.get(ext("app-version")),
    }


def _claim(statement: dict[str, Any]) -> dict[str, Any]:
    """The log event a statement stands for, as far as the statement says."""
    kind = _kind(statement)
    result = _extensions(statement, "result")
    t = _extensions(statement, "context").get(ext("t"))
    if kind == "reply":
        event = {"type": "choice", **{name: result.get(ext(name)) for name in REPLY_FIELDS}}
        if isinstance(result.get(ext("typed")), str):
            event["typed"] = result[ext("typed")]
    elif kind == "undo":
        event = {"type": "undo", "node": result.get(ext("node")), "turn": result.get(ext("turn"))}
    elif kind == "end":
        event = {"type": "end", **{name: result.get(ext(name)) for name in END_FIELDS}}
    else:
        event = {"type": "resume"}
    event["t"] = t
    return event


Claims = dict[int, dict[str, Any]]


def _events(claims: Claims, header: dict[str, Any], scenario: Scenario | None) -> list[dict[str, Any]]:
    """The log's events: the statements' claims at their lines, the engine's events at the lines between."""
    from game.engine.session import SessionError
    from game.record.replay import header_problem, session_for

    last = max(claims, default=1)
    if scenario is None or header_problem(scenario, header) is not None:
        return [claims[line] for line in range(2, last + 1) if line in claims]
    stand_in = SessionLog(FROM_LRS, header)
    try:
        session = session_for(scenario, stand_in)
    except (SessionError, ValueError):
        return [claims[line] for line in range(2, last + 1) if line in claims]
    events: list[dict[str, Any]] = []
    produced = 0
    t: object = 0
    for line in range(2, last + 1):
        claim = claims.get(line)
        try:
            if claim is None:  # an event no statement stands for: the engine's next, after a continue if need be
                if produced >= len(session.events) and session.current().can_continue:
                    session.continue_()
                if produced >= len(session.events):
                    break
                events.append({**session.events[produced], "t": t})
                produced += 1
                continue
            t = claim.get("t")
            kind = claim["type"]
            if kind == "resume":
                events.append(claim)
                continue
            if kind == "choice" and produced == len(session.events):
                session.choose(str(claim.get("choice")))
            elif kind == "undo" and produced == len(session.events):
                session.undo()
        except SessionError:  # the claims go in as they are; the report's re-run says where they part
            if claim is not None:
                events.append(claim)
            break
        if produced < len(session.events) and session.events[produced]["type"] == kind:
            events.append({**session.events[produced], **claim})
            produced += 1
        else:
            events.append(claim)
    events += [claims[line] for line in range(2 + len(events), last + 1) if line in claims]
    return events


def rebuild(
    statements: Iterable[dict[str, Any]],
    window: Window,
    find: Callable[[dict[str, Any]], Scenario | str],
    warn: Callable[[str], None],
) -> list[SessionLog]:
    """A log per finished session in the window, in the order of their log names; the others are warned about.

    `find` gives the scenario a header was played on, or why there is none (then the session's
    claims are kept as they are, and the report marks it unknown-scenario).
    """
    logs = []
    for session, claims in group(statements).items():
        start = claims.pop(1, None)
        if start is None or _kind(start) != "start":
            warn(f"session {session[:16]}: the LRS lacks its first statement (line 1); skipped")
            continue
        header = _header(start)
        if not window.admits(header):
            continue
        problem = check_header(header)
        name = _extensions(start, "context").get(ext("log"))
        name = name if isinstance(name, str) and name and "/" not in name and "\\" not in name else f"{session}.jsonl"
        if problem:
            warn(f"session {session[:16]} ({name}): its statements do not make a session ({problem}); skipped")
            continue
        by_line = {line: _claim(statement) for line, statement in claims.items()}
        if not any(event["type"] == "end" for event in by_line.values()):
            warn(f"session {session[:16]} ({name}): the LRS holds no end for it; skipped")
            continue
        scenario = find(header)
        events = _events(by_line, header, scenario if isinstance(scenario, Scenario) else None)
        bad = next(((i, p) for i, e in enumerate(events, start=2) if (p := check_event(e))), None)
        if bad is not None:
            warn(f"session {session[:16]} ({name}): line {bad[0]}: {bad[1]}; skipped")
            continue
        logs.append(SessionLog(FROM_LRS / name, header, events, session_id=session))
    logs.sort(key=lambda log: (log.path.name, str(log.header.get("started_at")), log.session_id or ""))
    return logs
