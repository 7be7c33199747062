"""Session logs: JSON Lines written as the session runs, each event fsynced before we go on.

The first line is the `session` header; every engine event follows on its own
line with `t`, the seconds since the session started. A crash or power cut
loses nothing that was shown; a torn last line is skipped with a warning.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import __version__, paths

if TYPE_CHECKING:
    from game.scenario.model import Scenario

LOG_FORMAT = 1
MAX_LOG_BYTES = 64 * 1024 * 1024
EVENT_TYPES = frozenset({"enter", "choice", "rule", "end", "undo", "resume", "error"})


class LogError(Exception):
    """A log that cannot be read; the message says which file and why, in one line."""


def make_header(
    scenario: Scenario,
    seed: int,
    mode: str,
    trainee: str | None = None,
    start_at: str | None = None,
    set_values: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "type": "session",
        "format": LOG_FORMAT,
        "scenario_id": scenario.id,
        "scenario_title": scenario.title,
        "scenario_sha256": scenario.sha256,
        "scenario_path": scenario.path,
        "from": start_at,
        "set": dict(set_values) if set_values else None,
        "seed": seed,
        "mode": mode,
        "trainee": trainee,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
    }


def new_log_path(scenario_id: str, folder: Path | None = None) -> Path:
    """A fresh, unique NAME.jsonl in the sessions folder."""
    folder = folder or paths.sessions_dir()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{scenario_id}-{stamp}-{secrets.token_hex(2)}.jsonl"


class LogWriter:
    """Appends events to a log file, each flushed and fsynced before `write` returns."""

    def __init__(
        self,
        path: Path,
        header: Mapping[str, Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
        t_offset: float = 0.0,
    ) -> None:
        """A new log when `header` is given; otherwise append to an existing one (resume)."""
        self.path = Path(path)
        self._clock = clock
        self._t0 = clock() - t_offset
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if header is not None:
            self._file = self.path.open("x", encoding="utf-8")
            self._write_line(dict(header))
        else:
            self._file = self.path.open("a", encoding="utf-8")

    def elapsed(self) -> float:
        return round(self._clock() - self._t0, 3)

    def write(self, event: Mapping[str, Any]) -> None:
        self._write_line({**event, "t": self.elapsed()})

    def _write_line(self, record: Mapping[str, Any]) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()


class BackgroundLogWriter:
    """A LogWriter on its own thread, so a frame never waits on the disk.

    `write` returns at once with a ticket; `wait(ticket)` blocks until that event
    is on disk (the game waits only before showing the client's answer).
    """

    def __init__(self, writer: LogWriter) -> None:
        self.writer = writer
        self.path = writer.path
        self._queue: queue.Queue[tuple[int, dict[str, Any]] | None] = queue.Queue()
        self._written = 0
        self._issued = 0
        self._done = threading.Condition()
        self.failure: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="rapport-log", daemon=True)
        self._thread.start()

    def write(self, event: Mapping[str, Any]) -> int:
        self._issued += 1
        stamped = {**event, "t": self.writer.elapsed()}
        self._queue.put((self._issued, stamped))
        return self._issued

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            ticket, record = item
            try:
                self.writer._write_line(record)
            except OSError as exc:  # reported to the game, which tells the trainee
                self.failure = exc
            with self._done:
                self._written = ticket
                self._done.notify_all()

    def flush_ticket(self) -> int:
        """The ticket of the last event handed over; wait on it to know all are on disk."""
        return self._issued

    def written(self, ticket: int) -> bool:
        return self._written >= ticket

    def wait(self, ticket: int | None = None, timeout: float = 5.0) -> bool:
        ticket = self._issued if ticket is None else ticket
        with self._done:
            return self._done.wait_for(lambda: self._written >= ticket, timeout)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.wait()
        self._queue.put(None)
        self._thread.join(timeout=5)
        self.writer.close()


@dataclass
class SessionLog:
    """A log as read back: the header, the events in order, and any warnings."""

    path: Path
    header: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return any(e["type"] in ("end", "error") for e in self.events)

    @property
    def ended(self) -> dict[str, Any] | None:
        return next((e for e in reversed(self.events) if e["type"] == "end"), None)

    @property
    def trainee(self) -> str:
        return self.header.get("trainee") or self.path.stem

    @property
    def last_t(self) -> float:
        return max((float(e.get("t", 0)) for e in self.events), default=0.0)


def read_log(path: str | Path) -> SessionLog:
    """Read a log, skipping a torn last line with a warning; raise LogError if unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_LOG_BYTES:
            raise LogError(f"{path}: log is larger than {MAX_LOG_BYTES // 2**20} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise LogError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogError(f"{path}: not a session log (not UTF-8 text)") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    records: list[dict[str, Any]] = []
    warnings: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("type"), str):
                raise ValueError("not an event")
        except (ValueError, RecursionError):
            if number == len(lines) and number > 1:
                warnings.append(f"{path}:{number}: torn last line skipped (the session was cut off)")
                break
            raise LogError(f"{path}:{number}: not a session log line") from None
        records.append(record)
    if not records or records[0].get("type") != "session":
        raise LogError(f"{path}: not a session log (no 'session' header on line 1)")
    header = records[0]
    if header.get("format") != LOG_FORMAT:
        raise LogError(
            f"{path}: log format {header.get('format')!r} is not supported (this version reads format {LOG_FORMAT})"
        )
    for key in ("scenario_id", "seed", "mode"):
        if key not in header:
            raise LogError(f"{path}: the session header lacks '{key}'")
    events = records[1:]
    for number, event in enumerate(events, start=2):
        if event["type"] not in EVENT_TYPES:
            raise LogError(f"{path}:{number}: unknown event type {event['type']!r}")
    return SessionLog(path, header, events, warnings)


def unfinished_logs(folder: Path | None = None) -> list[SessionLog]:
    """Sessions in the sessions folder that stopped before an ending, newest first."""
    folder = folder or paths.sessions_dir()
    found = []
    for path in sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True):
        if _tail_finishes(path):
            continue
        try:
            log = read_log(path)
        except LogError:  # an unreadable log is simply not offered for resuming
            continue
        if not log.finished:
            found.append(log)
    return found


def _tail_finishes(path: Path) -> bool:
    """Whether the log's last line is an end or an error, reading only the end of the file."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 4096))
            tail = handle.read().rstrip(b"\n").rsplit(b"\n", 1)[-1]
    except OSError:
        return True
    return b'"type":"end"' in tail or b'"type":"error"' in tail
