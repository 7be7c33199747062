"""Drive a session by shown numbers, as `rapport run` and author checks do."""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.session import Session, SessionOver


def advance(session: Session) -> None:
    """Take every continue and fallback step until a choice, an ending or a stop."""
    while session.current().can_continue:
        session.continue_()


def play_numbers(session: Session, numbers: Iterable[int]) -> None:
    """Pick shown choice numbers in order; continue nodes and fallbacks advance by themselves.

    Raises ChoiceNotShown for a number not shown and SessionOver for a choice after the end.
    A scenario error simply stops the session (see `session.current().error`).
    """
    advance(session)
    for count, number in enumerate(numbers, start=1):
        turn = session.current()
        if turn.error is not None:
            return
        if turn.ended:
            raise SessionOver(f"choice {count} ({number}) comes after the session has ended")
        session.choose_number(number)
        advance(session)
