"""Play the author's own checks (`checks:` in a scenario) and say how each one failed.

Checks are content, but running one plays a session, so this lives above the engine.
"""

from __future__ import annotations

from game.engine.session import Session, SessionError
from game.record.runner import SessionRunner
from game.scenario.diagnostics import Diagnostic
from game.scenario.model import Check, Scenario


def failure(scenario: Scenario, check: Check) -> str | None:
    """None when the check holds, else what was expected and what happened."""
    runner = SessionRunner.unlogged(Session(scenario, seed=check.seed))
    session = runner.session
    try:
        runner.play_numbers(check.choices)
    except SessionError as exc:
        return f"check '{check.name}' could not be played: {exc}"
    turn = session.current()
    where = f"node '{turn.node.id}' after {turn.turn} choice(s)"
    if turn.error is not None:
        return f"check '{check.name}' failed: the session stopped at {where}: {turn.error}"
    if check.outcome is not None and turn.outcome != check.outcome:
        happened = f"ended with '{turn.outcome}'" if turn.ended else f"is still at {where}"
        return f"check '{check.name}' failed: expected outcome '{check.outcome}', but the session {happened}"
    if check.at is not None and (turn.ended or turn.node.id != check.at):
        happened = f"ended with '{turn.outcome}'" if turn.ended else f"is at {where}"
        return f"check '{check.name}' failed: expected to be at node '{check.at}', but the session {happened}"
    if check.expect is not None:
        position = session.state.position
        if not check.expect(position.meters, position.flags, position.turn):
            values = ", ".join(f"{k} {v}" for k, v in {**session.meters, **session.flags}.items())
            return (
                f"check '{check.name}' failed: expected {check.expect.source}, "
                f"but at {where}: {values}, turn {turn.turn}"
            )
    return None


def run_checks(scenario: Scenario) -> list[Diagnostic]:
    """An error diagnostic, at the check's line, for every failing check."""
    out = []
    for check in scenario.checks:
        message = failure(scenario, check)
        if message is not None:
            out.append(Diagnostic(check.line, check.column, "error", message, scenario.path))
    return out
