"""Small builders shared by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Protocol

from game.engine.autoplay import advance
from game.engine.session import Session
from game.scenario.loader import load_bytes
from game.scenario.model import Scenario

BASE = """\
format: 1
id: tiny
title: Tiny
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: a
nodes:
  a:
    say: Hello.
    choices:
      - {text: "One", skill: empathy, quality: good, effects: {trust: 10}, next: end}
      - {text: "Two", skill: safety, quality: poor, effects: {trust: -10}, next: end}
  end:
    ending: {outcome: done, rating: good}
"""


# the top of a small scenario, for tests that write only its start and nodes
HEAD = """
format: 1
id: x
title: X
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
"""


def load_text(text: str, path: str = "t.yaml") -> tuple[Scenario | None, list[str]]:
    """Load YAML text; the scenario (or None) and the formatted diagnostics."""
    scenario, diagnostics = load_bytes(textwrap.dedent(text).encode("utf-8"), path)
    return scenario, [d.format() for d in diagnostics]


def scenario_of(text: str) -> Scenario:
    scenario, messages = load_text(text)
    assert scenario is not None, messages
    return scenario


def rapport(
    *args: str,
    cwd: Path | None = None,
    stdin: str | None = None,
    timeout: float = 60,
    max_file_bytes: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m game ARGS` as a user would; `max_file_bytes` fills the "disk" at that file size.

    The limit is RLIMIT_FSIZE in the child (root ignores permissions, not this); stdout and
    stderr are pipes, so only files the child writes are limited.
    """

    def limit() -> None:
        import resource

        assert max_file_bytes is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
            # no .pyc writes before rapport ignores SIGXFSZ: the limit is for the log alone
            **({"PYTHONDONTWRITEBYTECODE": "1"} if max_file_bytes is not None else {}),
        },
        preexec_fn=limit if max_file_bytes is not None else None,
    )


class Stepper(Protocol):
    """What takes a trainee's step: a Session itself, or the SessionRunner that logs it."""

    def choose(self, choice_id: str) -> None: ...
    def continue_(self) -> None: ...
    def undo(self) -> None: ...


def play_actions(session: Session, stepper: Stepper, actions: list[int]) -> None:
    """0 undoes (or continues), n picks the n-th shown choice modulo how many are shown; stops at the end."""
    for action in actions:
        turn = session.current()
        if turn.finished:
            return
        if action == 0 and session.can_undo:
            stepper.undo()
        elif turn.choices:
            stepper.choose(turn.choices[action % len(turn.choices)].choice.id)
        elif turn.can_continue:
            stepper.continue_()


def shown_number(session: Session, choice_id: str) -> int:
    """The number `choice_id` is shown under now: a shuffled scenario numbers its replies by the seed."""
    for shown in session.current().choices:
        if shown.choice.id == choice_id:
            return shown.number
    raise AssertionError(f"choice '{choice_id}' is not shown at node '{session.current().node.id}'")


def numbers_for(scenario: Scenario, choice_ids: list[str], seed: int = 0) -> list[int]:
    """The shown numbers (as `--choices` takes them) that play `choice_ids` at `seed`: tests pick replies
    by what they are, not by where a shuffle happens to put them."""
    session = Session(scenario, seed=seed)
    numbers: list[int] = []
    advance(session)
    for choice_id in choice_ids:
        numbers.append(shown_number(session, choice_id))
        session.choose(choice_id)
        advance(session)
    return numbers


# feedback-rupture's best path by reply id (`rapport explore` finds it); the scenario shuffles its replies
RUPTURE_BEST = [
    "tell-me-circles",
    "fair-hit",
    "non-answer",
    "what-like-now",
    "did-the-opposite",
    "then-what",
    "ask-directly",
    "ask-how",
    "ask-intent",
    "what-time-is-for",
    "ask-plan-after",
    "ask-past",
    "ask-means",
    "not-a-risk",
    "pharmacy-after",
    "tell-limits",
    "write-runbook",
    "build-with-you-sunday",
    "sunday-experiments",
    "build-it-in",
    "first-retro",
]
