"""One owner for a played session: it starts, resumes and steps it, and writes its log.

Every front end (the game, `play --text`, `run`, author checks) plays through a
`SessionRunner`. The engine only appends events to `session.events`; after each
step the runner writes the step's new events to the log in one write and syncs
them, before the front end shows the client's answer. A write that fails leaves
the log as it was before the step (valid up to the last event written), keeps
the session going in memory, and sets `failure` to one line that says what
happened and where; from then on nothing more is written until `save_to` names
another file, which receives the whole session so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from game.engine.autoplay import advance
from game.engine.session import Event, Session, SessionOver
from game.record.log import LogFile, SessionLog, make_header, new_log_path
from game.record.played import keep_played
from game.record.replay import replay
from game.scenario.model import Scenario


class ResumeError(Exception):
    """A log that cannot be resumed; the message says why in one line."""


class SessionRunner:
    """A session and the log it writes to (none for author checks and screenshots)."""

    def __init__(
        self,
        session: Session,
        header: Mapping[str, Any],
        *,
        log: LogFile | None = None,
        records: Iterable[Mapping[str, Any]] = (),
        t_offset: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.header = dict(header)
        self.log = log
        self.failure: str | None = None
        self.warnings: list[str] = []  # what went wrong but let the session go on (a scenario copy not kept)
        self._clock = clock
        self._t0 = clock() - t_offset
        self._records: list[dict[str, Any]] = [self.header, *map(dict, records)]
        self._written = 0  # how many of the session's events have been handed to the log

    # -- starting -------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        seed: int,
        mode: str = "practice",
        trainee: str | None = None,
        log: Path | None = None,
        logged: bool = True,
        start_at: str | None = None,
        set_values: Mapping[str, int] | None = None,
    ) -> SessionRunner:
        """A new session; with `logged`, a new log at `log` (default: a fresh name in the sessions folder).

        Raises FileExistsError for an existing `log` and OSError when it cannot be written.
        """
        header = make_header(scenario, seed, mode, trainee, start_at, set_values)
        session = Session(scenario, seed=seed, mode=mode, start_at=start_at, set_values=set_values)
        runner = cls(session, header)
        if logged:
            path = log or new_log_path(scenario.id)
            runner.keep_scenario(path)
            runner.log = LogFile(path, create=True)
            try:
                runner.log.append([header])
            except OSError:  # not even the header fits: leave no empty log behind
                runner.log.close()
                runner.log.path.unlink(missing_ok=True)
                raise
        runner._flush()
        return runner

    @classmethod
    def resume(cls, log: SessionLog, scenario: Scenario) -> SessionRunner:
        """An unfinished session rebuilt from its log; further events append to the same log.

        A log cut after a choice first gets the events it lacks (the next `enter`, and the
        `end` at an ending); a session still open then gets a `resume` event.
        """
        if log.finished:
            raise ResumeError(f"{log.path}: this session has already finished; nothing to resume")
        session, divergence = replay(scenario, log)
        if divergence is not None:
            raise ResumeError(f"{log.path}:{divergence.line}: cannot resume: {divergence.message}")
        runner = cls(session, log.header, records=log.events, t_offset=log.last_t)
        runner.keep_scenario(log.path)
        try:
            runner.log = LogFile(log.path, create=False, keep=log.valid_bytes)
        except OSError as exc:
            raise ResumeError(f"{log.path}: cannot write ({exc.strerror})") from None
        runner._written = sum(1 for event in log.events if event["type"] != "resume")
        runner._flush()
        if not session.current().finished:
            runner._write([{"type": "resume"}])
        if runner.failure is not None:
            raise ResumeError(runner.failure)
        return runner

    @classmethod
    def unlogged(cls, session: Session) -> SessionRunner:
        """A runner for a session that keeps no log (screenshots, tests; `save_to` can start one)."""
        header = make_header(session.scenario, session.seed, session.mode, None, session.start_at, session.set_values)
        runner = cls(session, header)
        runner._flush()
        return runner

    # -- the trainee's actions ------------------------------------------------------------

    def choose(self, choice_id: str, typed: str | None = None, match: Mapping[str, Any] | None = None) -> None:
        """Take a shown choice; for a free-text reply, `typed` and `match` go on its choice event."""
        self.session.choose(choice_id, typed, match)
        self._flush()

    def choose_number(self, number: int) -> None:
        self.session.choose_number(number)
        self._flush()

    def continue_(self) -> None:
        self.session.continue_()
        self._flush()

    def undo(self) -> None:
        self.session.undo()
        self._flush()

    def advance(self) -> None:
        """Take every continue and fallback step until a choice, an ending or a stop."""
        advance(self.session)
        self._flush()

    def play_numbers(self, numbers: Iterable[int]) -> None:
        """Shown choice numbers in order, as `run` and author checks give them (see engine.autoplay)."""
        self.advance()
        for count, number in enumerate(numbers, start=1):
            turn = self.session.current()
            if turn.error is not None:
                return
            if turn.ended:
                raise SessionOver(f"choice {count} ({number}) comes after the session has ended")
            self.choose_number(number)
            self.advance()

    # -- the log --------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self.log.path if self.log is not None else None

    @property
    def saving(self) -> bool:
        """Whether the session's events are reaching a log."""
        return self.log is not None and self.failure is None

    def save_to(self, path: Path) -> None:
        """Write the whole session so far to a new log at `path` and go on logging there.

        Raises OSError (FileExistsError for an existing file); the old log is left as it is.
        """
        self.keep_scenario(path)
        file = LogFile(path, create=True)
        try:
            file.append(self._records)
        except OSError:
            file.close()
            path.unlink(missing_ok=True)
            raise
        if self.log is not None:
            self.log.close()
        self.log, self.failure = file, None

    def keep_scenario(self, log_path: Path) -> None:
        """Keep the bytes of the scenario this log is played on in `played/` (format section 6).

        Only when they are the ones the header names: a session resumed on an edited file keeps nothing new.
        A copy that cannot be written is added to `warnings`.
        """
        scenario = self.session.scenario
        if scenario.source and scenario.sha256 == self.header.get("scenario_sha256"):
            self.warnings += keep_played(scenario.source, log_path)

    def close(self) -> None:
        if self.log is not None:
            self.log.close()

    def _elapsed(self) -> float:
        return round(self._clock() - self._t0, 3)

    def _flush(self) -> None:
        """Write the events the engine produced since the last write."""
        fresh: list[Event] = self.session.events[self._written :]
        self._written = len(self.session.events)
        if fresh:
            self._write(fresh)

    def _write(self, events: list[Event]) -> None:
        stamped = [{**event, "t": self._elapsed()} for event in events]
        self._records.extend(stamped)
        if self.log is None or self.failure is not None:
            return
        try:
            self.log.append(stamped)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.failure = f"the session could not be saved to {self.log.path}: {reason}"


def open_runner(
    scenario: Scenario,
    session: Session,
    *,
    trainee: str | None,
    log: Path | None = None,
) -> SessionRunner:
    """A runner for a session already under way (the game's F5 reload): a new log with all its events."""
    runner = SessionRunner.unlogged(session)
    runner.header["trainee"] = trainee
    runner.save_to(log or new_log_path(scenario.id))
    return runner
