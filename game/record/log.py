"""Session logs: JSON Lines written as the session runs, each event fsynced before we go on.

The first line is the `session` header; every engine event follows on its own
line with `t`, the seconds since the session started. A crash or power cut
loses nothing that was shown; a torn last line is skipped with a warning.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from game import __version__, paths

if TYPE_CHECKING:
    from game.scenario.model import Scenario

LOG_FORMAT = 1
MAX_LOG_BYTES = 64 * 1024 * 1024


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


class LogFile:
    """An append-only log: each batch of records goes out in one write and is synced before `append` returns.

    A write that fails (disk full, file too large, folder gone) is cut back, so the
    file always ends after a whole batch; the OSError is raised for the caller to report.
    """

    def __init__(self, path: Path, *, create: bool, keep: int | None = None) -> None:
        """A new file when `create` (FileExistsError if it exists); else append, first cutting it to `keep` bytes."""
        self.path = Path(path)
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL
        else:
            flags = os.O_WRONLY | os.O_APPEND
        self._fd: int | None = os.open(self.path, flags, 0o644)
        if keep is not None and keep < os.fstat(self._fd).st_size:
            os.ftruncate(self._fd, keep)  # a torn last line would spoil the next one
        self.size = os.fstat(self._fd).st_size

    def append(self, records: Iterable[Mapping[str, Any]]) -> None:
        if self._fd is None:
            raise OSError(errno.EBADF, "the log is closed")
        data = b"".join(encode_record(record) for record in records)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self.size)
            raise
        self.size += len(data)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One log line: compact JSON, UTF-8, newline-terminated."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class SessionLog:
    """A log as read back: the header, the events in order, and any warnings.

    `valid_bytes` is where the last whole line ends: resuming cuts a torn tail there.
    """

    path: Path
    header: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    valid_bytes: int | None = None
    session_id: str | None = None  # known without the file: a log rebuilt from an LRS's statements

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
    """Read a log strictly; raise LogError, naming the file and line, for anything but a torn last line.

    Only a last line without its newline can be torn by a crash; it is skipped with a warning.
    Every other line must be a whole event whose fields have the right types and ranges.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LOG_BYTES + 1)
    except OSError as exc:
        raise LogError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > MAX_LOG_BYTES:
        raise LogError(f"{path}: log is larger than {MAX_LOG_BYTES // 2**20} MiB")
    lines = data.split(b"\n")
    tail = lines.pop()  # b"" when the file ends with a newline, else the torn last line
    records: list[dict[str, Any]] = []
    warnings: list[str] = []
    for number, raw in enumerate(lines, start=1):
        try:
            record = _decode(raw)
            problem = check_header(record) if number == 1 else check_event(record)
        except ValueError:
            problem = "not a session log line"
        if problem:
            if number == 1:
                raise LogError(f"{path}: not a session log ({problem})")
            raise LogError(f"{path}:{number}: {problem}")
        records.append(record)
    if not records:
        raise LogError(f"{path}: not a session log (no 'session' header on line 1)")
    if tail:
        warnings.append(f"{path}:{len(lines) + 1}: torn last line skipped (the session was cut off)")
    return SessionLog(path, records[0], records[1:], warnings, len(data) - len(tail))


def _decode(raw: bytes) -> dict[str, Any]:
    try:
        record = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, RecursionError):
        raise ValueError("not JSON") from None
    if not isinstance(record, dict):
        raise ValueError("not an object")
    return record


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


MAX_LOGGED_INT = 10**9


def _is_int(value: object) -> TypeGuard[int]:
    return type(value) is int and abs(value) <= MAX_LOGGED_INT


def _is_count(value: object) -> bool:
    return _is_int(value) and value >= 0


def _is_text(value: object, optional: bool = False) -> bool:
    return (optional and value is None) or isinstance(value, str)


def _is_names(value: object, kind: Callable[[object], bool]) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and kind(v) for k, v in value.items())


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_time(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value) and 0 <= value <= 10**9


def check_header(header: dict[str, Any]) -> str | None:
    """What is wrong with a `session` header, in a few words (None when it is sound)."""
    if header.get("type") != "session":
        return "no 'session' header on line 1"
    if header.get("format") != LOG_FORMAT:
        return f"log format {header.get('format')!r} is not supported (this version reads format {LOG_FORMAT})"
    for key in ("scenario_id", "seed", "mode"):
        if key not in header:
            return f"the session header lacks '{key}'"
    checks: dict[str, tuple[Callable[[object], bool], str]] = {
        "scenario_id": (_is_text, "a text"),
        "seed": (lambda v: type(v) is int and 0 <= v < 2**63, "a whole number from 0 up"),
        "mode": (lambda v: v in ("practice", "assessment"), "'practice' or 'assessment'"),
        "from": (lambda v: _is_text(v, optional=True), "a node id or null"),
        "set": (lambda v: v is None or _is_names(v, _is_int), "a mapping of meters to whole numbers, or null"),
        "trainee": (lambda v: _is_text(v, optional=True), "a text or null"),
        "scenario_sha256": (lambda v: _is_text(v, optional=True), "a text"),
        "scenario_path": (lambda v: _is_text(v, optional=True), "a text"),
        "scenario_title": (lambda v: _is_text(v, optional=True), "a text"),
    }
    for key, (valid, wanted) in checks.items():
        if key in header and not valid(header[key]):
            return f"the session header's '{key}' must be {wanted}, not {_short(header[key])}"
    return None


_EVENT_FIELDS: dict[str, dict[str, tuple[Callable[[object], bool], str]]] = {
    "enter": {"node": (_is_text, "a node id")},
    "choice": {
        "node": (_is_text, "a node id"),
        "choice": (_is_text, "a choice id"),
        "number": (lambda v: _is_count(v) and v != 0, "a choice number"),
    },
    "rule": {"rule": (_is_text, "a rule id"), "goto": (_is_text, "a node id")},
    "end": {"node": (_is_text, "a node id")},
    "undo": {"node": (_is_text, "a node id")},
    "resume": {},
    "error": {"message": (_is_text, "a text")},
}
_OPTIONAL_FIELDS: dict[str, tuple[Callable[[object], bool], str]] = {
    "t": (_is_time, "the seconds since the start"),
    "meters": (lambda v: _is_names(v, _is_int), "a mapping of meters to whole numbers"),
    "flags": (lambda v: _is_names(v, _is_bool), "a mapping of flags to true or false"),
    "turn": (_is_count, "a turn count"),
    "variant": (lambda v: v is None or _is_count(v), "a variant index or null"),
    "shown": (lambda v: isinstance(v, list) and all(isinstance(c, str) for c in v), "a list of choice ids"),
    "code": (lambda v: isinstance(v, list) and all(isinstance(c, str) for c in v), "a list of MITI codes"),
    "typed": (lambda v: _is_text(v, optional=True), "the typed text or null"),
    "match": (lambda v: v is None or _is_match(v), "null or {score, margin, accepted, picked}"),
}


def _is_match(value: object) -> bool:
    """A free-text match: two finite numbers and two booleans (format section 6)."""
    if not isinstance(value, dict):
        return False
    numbers = all(
        not isinstance(value.get(k), bool) and isinstance(value.get(k), (int, float)) and math.isfinite(value[k])
        for k in ("score", "margin")
    )
    return numbers and all(isinstance(value.get(k), bool) for k in ("accepted", "picked"))


def check_event(event: dict[str, Any]) -> str | None:
    """What is wrong with one event line, in a few words (None when it is sound)."""
    kind = event.get("type")
    if not isinstance(kind, str) or kind not in _EVENT_FIELDS:
        return f"unknown event type {_short(kind)}"
    for key, (valid, wanted) in _EVENT_FIELDS[kind].items():
        if key not in event:
            return f"the '{kind}' event lacks '{key}'"
        if not valid(event[key]):
            return f"the '{kind}' event's '{key}' must be {wanted}, not {_short(event[key])}"
    for key, (valid, wanted) in _OPTIONAL_FIELDS.items():
        if key in event and not valid(event[key]):
            return f"the '{kind}' event's '{key}' must be {wanted}, not {_short(event[key])}"
    return None


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


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


def archive_log(path: Path) -> Path:
    """Put an unfinished session aside, so it is no longer offered for resuming: moved to `archived/` beside it,
    never deleted; returns where it went (raises OSError)."""
    folder = path.parent / "archived"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    os.replace(path, target)
    return target


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
