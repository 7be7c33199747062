"""Notice when the scenario file being played is saved, cheaply and once per save.

Polled from the session scene's update (no thread, no dependency): a `stat` a few
times a second, and the file is read only when its signature (size, modification
time, inode) has changed and then stayed the same for `settle` seconds. That one
rule covers the ways editors save: a write in place, two writes in a row, and a
write to a temporary file renamed over the original (vim, VS Code), during which
the file may be missing for a moment. The bytes' hash is compared with the last
content acted on, so a touch, or a save with no change, is not a change.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from game.scenario.source import read_source

POLL_SECONDS = 0.25
"""How often the file is looked at (a `stat`, nothing read)."""
SETTLE_SECONDS = 0.3
"""How long the file must stay unchanged before it is read: one save, however many writes."""

Signature = tuple[int, int, int] | None
"""(size, modification time in ns, inode) of the file, or None while it is missing or unreadable."""
_UNSEEN: tuple[int, int, int] = (-1, -1, -1)


def signature(path: Path) -> Signature:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


class FileWatch:
    """Polls one file; `poll(now)` gives its new bytes once per settled change of content, else None.

    `known_sha256` is the content already in use (the scenario's hash): the same bytes
    found again are no change. `now` is any clock in seconds (the scene's own time, so
    tests drive it without sleeping).
    """

    def __init__(
        self,
        path: Path,
        known_sha256: str,
        poll_seconds: float = POLL_SECONDS,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        self.path = path
        self.known_sha256 = known_sha256
        self.poll_seconds = poll_seconds
        self.settle_seconds = settle_seconds
        self.seen: Signature = _UNSEEN  # the first look counts as a change, so an edit made before it is caught
        self.changed_at: float | None = None  # when the signature last changed, while that change is pending
        self.next_poll = float("-inf")

    def poll(self, now: float) -> bytes | None:
        if now < self.next_poll:
            return None
        self.next_poll = now + self.poll_seconds
        current = signature(self.path)
        if current != self.seen:
            self.seen = current
            self.changed_at = now
            return None
        if self.changed_at is None or now - self.changed_at < self.settle_seconds:
            return None
        if current is None:  # gone and still gone: wait for it to come back (a rename in progress, a new save)
            return None
        self.changed_at = None
        try:
            data = read_source(self.path)
        except OSError:  # replaced between the stat and the read: the next look sees a new signature
            self.seen = _UNSEEN
            return None
        if signature(self.path) != current:  # written while it was being read: wait for it to settle again
            self.seen = _UNSEEN
            return None
        sha = hashlib.sha256(data).hexdigest()
        if sha == self.known_sha256:
            return None
        self.known_sha256 = sha
        return data
