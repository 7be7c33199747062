"""The game's sender: sessions that end are queued and sent to the LRS in a background thread.

The window never waits for the network. A session that ends is added to a queue file in the data
folder; one daemon thread sends the queue with `sync` (credentials from RAPPORT_LRS_AUTH only) and
drops from it what the LRS holds. Whatever could not be sent (offline, no credentials) stays queued
and is tried again at the next start of the game. No pygame here: the UI calls `session_ended` and
`start_sending`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Mapping
from pathlib import Path

from game import paths
from game.settings import Settings

log = logging.getLogger(__name__)

QUEUE_NAME = "lrs-queue.json"
_lock = threading.Lock()
_sender: Sender | None = None


def queue_path() -> Path:
    return paths.data_home() / QUEUE_NAME


def queued(path: Path | None = None) -> list[Path]:
    """The logs waiting to be sent (an unreadable queue is empty: `rapport sync` can always send them)."""
    try:
        names = json.loads((path or queue_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(name) for name in names if isinstance(name, str)] if isinstance(names, list) else []


def _write(logs: list[Path], path: Path | None = None) -> None:
    path = path or queue_path()
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps([str(p) for p in logs]), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        log.warning("could not write the LRS queue %s: %s", path, exc.strerror)


def enqueue(log_path: Path) -> None:
    with _lock:
        logs = queued()
        if log_path.resolve() not in logs:
            _write([*logs, log_path.resolve()])


class Sender:
    """One daemon thread that sends the queue whenever it is woken."""

    def __init__(self, settings: Settings, environ: Mapping[str, str] = os.environ) -> None:
        self.settings = settings
        self.environ = dict(environ)
        self.wake = threading.Event()
        self.idle = threading.Event()
        self.last: str | None = None  # one line on how the last round went, for the curious
        self.thread = threading.Thread(target=self._run, name="rapport-lrs-sender", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def kick(self) -> None:
        self.idle.clear()
        self.wake.set()

    def _run(self) -> None:
        while True:
            self.wake.wait()
            self.wake.clear()
            try:
                self.last = self.send_queue()
            except Exception as exc:  # the game must go on whatever the network or the disk does
                self.last = f"internal error: {type(exc).__name__}"
                log.warning("sending sessions to the LRS failed: %s", self.last)
            if not self.wake.is_set():
                self.idle.set()

    def send_queue(self) -> str:
        """One round: send every queued log, keep those not yet wholly stored; say how it went."""
        from game.lrs.config import ConfigError, client_for, identity_for
        from game.lrs.ledger import Ledger
        from game.lrs.sync import SyncRefused, session_of, sync
        from game.record.log import LogError, read_log

        logs = [p for p in queued() if p.exists()]
        if not logs:
            return "nothing queued"
        try:
            client = client_for(None, None, self.settings, self.environ)
            identity = identity_for(self.settings, environ=self.environ)
            ledger = Ledger.load()
            outcome = sync(logs, client, identity, ledger, lambda m: log.warning("%s", m))
        except (ConfigError, SyncRefused) as exc:
            log.warning("sessions stay queued: %s", exc)
            return f"queued: {exc}"
        except Exception as exc:  # LedgerError, and anything the disk does
            log.warning("sessions stay queued: %s", exc)
            return f"queued: {exc}"
        left = []
        for path in logs:
            try:
                if not ledger.done(client.base, session_of(read_log(path))) and read_log(path).ended is not None:
                    left.append(path)
            except LogError:
                continue  # not a log any more: nothing to send
        with _lock:
            _write([p for p in queued() if p in left or p not in logs])
        for line in outcome.errors:
            log.warning("%s", line)
        return f"{outcome.completed} session(s) sent, {len(left)} queued"


def start_sending(settings: Settings, environ: Mapping[str, str] = os.environ) -> Sender | None:
    """At the game's start: the sender, sending what an earlier run left queued; None without an LRS."""
    global _sender
    if not settings.lrs_url:
        return None
    if _sender is None:
        _sender = Sender(settings, environ)
        _sender.start()
    _sender.kick()
    return _sender


def session_ended(log_path: Path | None, settings: Settings) -> bool:
    """A session reached its ending: queue its log and wake the sender. False when no LRS is set."""
    if log_path is None or not settings.lrs_url:
        return False
    enqueue(log_path)
    start_sending(settings)
    return True
