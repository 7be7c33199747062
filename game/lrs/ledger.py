"""What each LRS holds of each session, kept in the data folder so a sync picks up where it stopped.

A statement is marked only once an LRS has answered that it stores it. The file is written to a
temporary file, synced and renamed over the old one, so a crash leaves the old ledger or the new,
never half of one; a save merges with what is on disk, so the game's background sender and a
`rapport sync` running at the same time do not wipe out each other's marks. Losing a mark is
harmless (the statement is sent again and the LRS recognises it); marking too much would lose data.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game import paths

LEDGER_NAME = "lrs-ledger.json"
LEDGER_FORMAT = 1


class LedgerError(Exception):
    """A ledger that cannot be read or written; one line naming the file."""


def ledger_path() -> Path:
    return paths.data_home() / LEDGER_NAME


class Ledger:
    """Per LRS (its xAPI base) and per session: pseudonymised or not, how many statements, which are stored."""

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.data: dict[str, Any] = data if data is not None else {"format": LEDGER_FORMAT, "lrs": {}}

    @classmethod
    def load(cls, path: Path | None = None) -> Ledger:
        path = path or ledger_path()
        return cls(path, _read(path))

    def entry(self, lrs: str, session: str) -> dict[str, Any] | None:
        found = self.data["lrs"].get(lrs, {}).get(session)
        return found if isinstance(found, dict) else None

    def stored(self, lrs: str, session: str) -> set[int] | None:
        """The lines stored, or None when every statement of the session is."""
        entry = self.entry(lrs, session)
        if entry is None:
            return set()
        if entry.get("done"):
            return None
        return {line for line in entry.get("stored", []) if isinstance(line, int)}

    def done(self, lrs: str, session: str) -> bool:
        return self.stored(lrs, session) is None

    def pseudonymised(self, lrs: str, session: str) -> bool | None:
        """How the session was sent before (None: never)."""
        entry = self.entry(lrs, session)
        return None if entry is None else bool(entry.get("pseudonymised"))

    def mark(self, lrs: str, session: str, lines: Iterable[int], pseudonymised: bool, total: int) -> None:
        """Record `lines` of a session as stored (in memory; `save` writes)."""
        sessions = self.data["lrs"].setdefault(lrs, {})
        entry = sessions.setdefault(session, {"pseudonymised": pseudonymised, "statements": total, "stored": []})
        if entry.get("done"):
            return
        stored = sorted(set(entry.get("stored", [])) | set(lines))
        if len(stored) >= total:
            sessions[session] = {"pseudonymised": pseudonymised, "statements": total, "done": True}
        else:
            entry["stored"] = stored

    def save(self) -> None:
        """Merge with the ledger on disk and replace it atomically; LedgerError when it cannot be written."""
        try:
            on_disk = _read(self.path)
        except LedgerError:
            on_disk = None
        if on_disk is not None:
            for lrs, sessions in on_disk["lrs"].items():
                for session, theirs in sessions.items():
                    mine = self.entry(lrs, session)
                    if mine is None or (theirs.get("done") and not mine.get("done")):
                        self.data["lrs"].setdefault(lrs, {})[session] = theirs
                    elif not mine.get("done") and not theirs.get("done"):
                        mine["stored"] = sorted(set(mine.get("stored", [])) | set(theirs.get("stored", [])))
        temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(self.data, handle, separators=(",", ":"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise LedgerError(f"cannot write the sync ledger {self.path} ({exc.strerror})") from None


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"format": LEDGER_FORMAT, "lrs": {}}
    except OSError as exc:
        raise LedgerError(f"cannot read the sync ledger {path} ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not (
        isinstance(data, dict)
        and data.get("format") == LEDGER_FORMAT
        and isinstance(data.get("lrs"), dict)
        and all(isinstance(s, dict) for s in data["lrs"].values())
    ):
        raise LedgerError(
            f"the sync ledger {path} is damaged; move it away and sync again "
            "(the LRS is then asked about each statement, and nothing is stored twice)"
        )
    return data
