"""Send finished, verified sessions to an LRS, exactly once, in batches, resuming where a sync stopped.

Exactly once rests on three things: statement ids fixed by the log (profile.statement_id), a
ledger that marks a statement only when the LRS has answered that it stores it, and the 409
procedure: when the LRS says some id of a batch is taken, each id is fetched and compared, those
held with the same content are marked, the rest are sent again, and an id held with different
content is a conflict, reported and never marked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.lrs.client import REFUSED, Conflict, LrsClient, LrsError
from game.lrs.ledger import Ledger
from game.lrs.profile import Identity, ProfileError, parse_instant, statements
from game.record.log import LogError, SessionLog, read_log
from game.scenario.model import Scenario

BATCH = 500
"""Statements per request (about 0.7 MB): few enough requests for 1,000 sessions inside a minute even
on an LRS that checks each batch against everything it holds (Ralph's file backend), and a 409
procedure (one request per id of the batch) that stays bounded."""
IGNORED_IN_COMPARISON = ("stored", "authority", "version")


class SyncRefused(Exception):
    """The sync cannot start (a switch of --pseudonymise for sessions already sent); one line."""


@dataclass
class Pending:
    """One session's statements that the LRS does not hold yet."""

    session: str
    name: str  # the log's file name, for messages
    total: int  # statements the session makes in all
    statements: list[tuple[int, dict[str, Any]]]


@dataclass
class Outcome:
    """What a sync did; `errors` holds one line each, conflicts among them."""

    sessions: int = 0  # finished, verified sessions in the input
    already: int = 0  # of them, wholly stored before this sync
    completed: int = 0  # wholly stored by this sync
    statements: int = 0  # statements stored by this sync
    queued: int = 0  # statements left for the next sync
    unfinished: int = 0
    unverified: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def all_sent(self) -> bool:
        return self.queued == 0 and not self.errors


def session_of(log: SessionLog) -> str:
    from game.analysis.report import session_id

    return session_id(log)


class Verifier:
    """Finds and loads each log's scenario once, and re-runs logs on it as `replay --check` does."""

    def __init__(self, folders: Iterable[Path] = ()) -> None:
        self.folders = list(folders)
        self.loaded: dict[Path, Scenario | str] = {}
        self.found: dict[tuple[object, object], Scenario | str] = {}  # by (scenario id, sha256): a class
        # of one scenario hashes the candidate files once, not once per log

    def scenario(self, log: SessionLog) -> Scenario | str:
        """The scenario the log was played on, or why it cannot be found or loaded."""
        key = (log.header.get("scenario_id"), log.header.get("scenario_sha256"))
        if key not in self.found:
            self.found[key] = self._scenario(log)
        return self.found[key]

    def _scenario(self, log: SessionLog) -> Scenario | str:
        from game.record.locate import ScenarioNotFound, find_scenario
        from game.scenario.diagnostics import ScenarioError
        from game.scenario.loader import load_file

        try:
            path, same = find_scenario(log.header, self.folders)
        except ScenarioNotFound as exc:
            return str(exc)
        if not same:
            return f"no scenario file has the logged sha256 {str(log.header.get('scenario_sha256'))[:12]}…"
        key = path.resolve()
        if key not in self.loaded:
            try:
                self.loaded[key] = load_file(path)
            except ScenarioError:
                self.loaded[key] = f"its scenario {path} does not load (run rapport validate)"
            except OSError as exc:
                self.loaded[key] = f"its scenario {path} cannot be read ({exc.strerror})"
        return self.loaded[key]

    def verify(self, log: SessionLog) -> Scenario | str:
        """The scenario when the log re-runs identically on it; else why not, in a few words."""
        from game.record.replay import replay

        scenario = self.scenario(log)
        if isinstance(scenario, str):
            return scenario
        try:
            _, divergence = replay(scenario, log)
        except Exception as exc:  # one log's surprise must not stop the others
            return f"internal error while re-running it: {type(exc).__name__}: {exc}"
        if divergence is not None:
            return f"the re-run differs at line {divergence.line}: {divergence.message}"
        return scenario


def prepare(
    files: Iterable[Path],
    lrs: str,
    identity: Identity,
    ledger: Ledger,
    outcome: Outcome,
    warn: Callable[[str], None],
    folders: Iterable[Path] = (),
) -> list[Pending]:
    """The statements still to send, session by session; SyncRefused before anything when a session
    already sent would now be sent the other way (pseudonymised or not): its ids are taken."""
    logs: list[tuple[SessionLog, str]] = []
    switched: list[str] = []
    for path in files:
        try:
            log = read_log(path)
        except LogError as exc:
            warn(f"{exc} (not sent)")
            continue
        if log.ended is None:  # unfinished (or stopped by an error): it may still be resumed
            outcome.unfinished += 1
            continue
        session = session_of(log)
        before = ledger.pseudonymised(lrs, session)
        if before is not None and before != identity.pseudonymised:
            switched.append(path.name)
        logs.append((log, session))
    if switched:
        was = "pseudonymised" if identity.pseudonymised is False else "with names"
        raise SyncRefused(
            f"{len(switched)} session(s) were already sent to {lrs} {was} (e.g. {switched[0]}); their statement "
            f"ids are taken, so they cannot be sent {'with names' if was == 'pseudonymised' else 'pseudonymised'}: "
            f"sync them {'with' if was == 'pseudonymised' else 'without'} --pseudonymise, or leave them out"
        )
    verifier = Verifier(folders)
    pending = []
    for log, session in logs:
        outcome.sessions += 1
        if ledger.done(lrs, session):
            outcome.already += 1
            continue
        scenario = verifier.verify(log)
        if isinstance(scenario, str):
            outcome.sessions -= 1
            outcome.unverified += 1
            warn(f"{log.path}: not sent: {scenario}")
            continue
        try:
            made = statements(scenario, log, session, identity)
        except ProfileError as exc:
            outcome.sessions -= 1
            outcome.unverified += 1
            warn(f"{log.path}: not sent: {exc}")
            continue
        stored = ledger.stored(lrs, session) or set()
        todo = [(line, statement) for line, statement in made if line not in stored]
        pending.append(Pending(session, log.path.name, len(made), todo))
    return pending


def same_content(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Whether the LRS holds our statement: equal but for what an LRS adds (stored, authority, version).

    Timestamps are compared as instants, since an LRS may write the same moment another way.
    """
    a = {k: v for k, v in ours.items() if k not in IGNORED_IN_COMPARISON}
    b = {k: v for k, v in theirs.items() if k not in IGNORED_IN_COMPARISON}
    moment_a, moment_b = parse_instant(a.pop("timestamp", None)), parse_instant(b.pop("timestamp", None))
    return moment_a == moment_b and _canonical(a) == _canonical(b)


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


Item = tuple[Pending, int, dict[str, Any]]


class Sender:
    """Sends pending statements batch by batch and marks in the ledger what the LRS stores."""

    def __init__(
        self,
        client: LrsClient,
        ledger: Ledger,
        lrs: str,
        identity: Identity,
        outcome: Outcome,
        progress: Callable[[int, int], None] | None = None,
        batch: int = BATCH,
    ) -> None:
        self.client, self.ledger, self.lrs, self.identity = client, ledger, lrs, identity
        self.outcome, self.progress, self.batch = outcome, progress, max(1, batch)
        self.left: dict[str, int] = {}

    def send(self, pending: list[Pending]) -> None:
        items: list[Item] = [(p, line, s) for p in pending for line, s in p.statements]
        self.left = {p.session: len(p.statements) for p in pending}
        for p in pending:
            if not p.statements:  # every statement marked, yet not `done`: the ledger catches up
                self._mark(p, [])
        total = len(pending)
        if self.progress is not None and total:
            self.progress(0, total)
        for start in range(0, len(items), self.batch):
            chunk = items[start : start + self.batch]
            try:
                self._store(chunk)
            except LrsError as exc:
                self.outcome.errors.append(f"{exc} (the rest stays queued for the next sync)")
                break
            if self.progress is not None:
                self.progress(total - sum(1 for n in self.left.values() if n), total)
        self.outcome.queued = sum(self.left.values())

    def _store(self, chunk: list[Item]) -> None:
        """Store one batch; a 400 splits it by session so one refused session does not hold up the rest."""
        try:
            self._post(chunk)
        except LrsError as exc:
            if exc.kind != REFUSED:
                raise
            sessions: dict[str, list[Item]] = {}
            for item in chunk:
                sessions.setdefault(item[0].session, []).append(item)
            if len(sessions) == 1:
                self.outcome.errors.append(f"{chunk[0][0].name}: {exc} (queued)")
                return
            for part in sessions.values():
                try:
                    self._post(part)
                except LrsError as inner:
                    if inner.kind != REFUSED:
                        raise
                    self.outcome.errors.append(f"{part[0][0].name}: {inner} (queued)")

    def _post(self, chunk: list[Item]) -> None:
        """POST, and on 409 the procedure: fetch each id, mark those held alike, resend the rest."""
        for _ in range(3):  # another writer may take ids between our GETs and the resend
            try:
                self.client.post([s for _, _, s in chunk])
            except Conflict:
                chunk = self._resolve(chunk)
                if not chunk:
                    return
                continue
            self._stored(chunk)
            return
        raise LrsError(f"the LRS kept answering 409 for a batch of {len(chunk)} statement(s)", REFUSED)

    def _resolve(self, chunk: list[Item]) -> list[Item]:
        """Of a batch answered 409: mark what the LRS holds alike, report what it holds otherwise, return the rest."""
        rest, held = [], []
        for item in chunk:
            pending, line, statement = item
            theirs = self.client.get(statement["id"])
            if theirs is None:
                rest.append(item)
            elif same_content(statement, theirs):
                held.append(item)
            else:
                self.outcome.conflicts += 1
                self.outcome.errors.append(
                    f"{pending.name}:{line}: conflict: the LRS holds statement {statement['id']} with different "
                    "content (sent before from another copy of this log, or with other settings); not marked"
                )
        self._stored(held)
        return rest

    def _stored(self, items: list[Item]) -> None:
        by_session: dict[str, tuple[Pending, list[int]]] = {}
        for pending, line, _ in items:
            by_session.setdefault(pending.session, (pending, []))[1].append(line)
        for pending, lines in by_session.values():
            self._mark(pending, lines)
            self.outcome.statements += len(lines)
        if by_session:
            self.ledger.save()

    def _mark(self, pending: Pending, lines: list[int]) -> None:
        before = self.ledger.done(self.lrs, pending.session)
        self.ledger.mark(self.lrs, pending.session, lines, self.identity.pseudonymised, pending.total)
        self.left[pending.session] = self.left.get(pending.session, 0) - len(lines)
        if not before and self.ledger.done(self.lrs, pending.session):
            self.outcome.completed += 1
            if not lines:
                self.ledger.save()


def sync(
    files: Iterable[Path],
    client: LrsClient,
    identity: Identity,
    ledger: Ledger,
    warn: Callable[[str], None],
    progress: Callable[[int, int], None] | None = None,
    folders: Iterable[Path] = (),
    batch: int = BATCH,
) -> Outcome:
    """Send what the LRS lacks of the finished, verified sessions in `files`. SyncRefused before sending
    anything when --pseudonymise was switched for sessions already sent."""
    outcome = Outcome()
    pending = prepare(files, client.base, identity, ledger, outcome, warn, folders)
    Sender(client, ledger, client.base, identity, outcome, progress, batch).send(pending)
    return outcome
