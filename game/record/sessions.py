"""Start a logged session, or pick an unfinished one up again: shared by the terminal and the game."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from game.engine.session import Session
from game.record.locate import find_scenario
from game.record.log import LogWriter, SessionLog, make_header, new_log_path
from game.record.replay import replay
from game.scenario.loader import load_file
from game.scenario.model import Scenario


class ResumeError(Exception):
    """A log that cannot be resumed; the message says why in one line."""


def open_session(
    scenario: Scenario,
    *,
    seed: int,
    mode: str = "practice",
    trainee: str | None = None,
    log: Path | None = None,
    start_at: str | None = None,
    set_values: Mapping[str, int] | None = None,
) -> tuple[Session, LogWriter]:
    """A new session writing to a new log (raises OSError, FileExistsError)."""
    header = make_header(scenario, seed, mode, trainee, start_at, set_values)
    writer = LogWriter(log or new_log_path(scenario.id), header)
    session = Session(scenario, seed=seed, mode=mode, start_at=start_at, set_values=set_values, listener=writer.write)
    return session, writer


def resume(log: SessionLog, scenario: Scenario) -> tuple[Session, LogWriter]:
    """Rebuild an unfinished session from its log; further events append to the same log."""
    if log.finished:
        raise ResumeError(f"{log.path}: this session has already finished; nothing to resume")
    session, divergence = replay(scenario, log)
    if divergence is not None:
        raise ResumeError(f"{log.path}:{divergence.line}: cannot resume: {divergence.message}")
    writer = LogWriter(log.path, None, t_offset=log.last_t)
    writer.write({"type": "resume"})
    session.listener = writer.write
    return session, writer


def scenario_for_log(log: SessionLog, folders: Iterable[Path] = ()) -> Scenario:
    """The scenario a log was played with (raises ScenarioNotFound or ScenarioError)."""
    path, _ = find_scenario(log.header, folders)
    return load_file(path)
