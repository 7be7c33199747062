"""Instructor notes on a replay, kept beside the log as LOG.notes.json."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

NOTES_FORMAT = 1
MAX_NOTES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Note:
    step: int
    text: str
    created_at: str = ""


def notes_path(log_path: Path) -> Path:
    return log_path.with_name(log_path.stem + ".notes.json")


def read_notes(log_path: Path) -> list[Note]:
    """The notes for a log; none when there is no file or it cannot be read."""
    path = notes_path(log_path)
    try:
        if path.stat().st_size > MAX_NOTES_BYTES:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or not isinstance(data.get("notes"), list):
        return []
    notes = []
    for item in data["notes"]:
        if isinstance(item, dict) and isinstance(item.get("step"), int) and isinstance(item.get("text"), str):
            notes.append(Note(item["step"], item["text"], str(item.get("created_at", ""))))
    return sorted(notes, key=lambda n: n.step)


def add_note(log_path: Path, step: int, text: str) -> Path:
    """Append a note and save atomically; returns the notes file's path."""
    notes = [*read_notes(log_path), Note(step, text, datetime.now(UTC).isoformat(timespec="seconds"))]
    path = notes_path(log_path)
    payload = {
        "format": NOTES_FORMAT,
        "log": log_path.name,
        "notes": [{"step": n.step, "text": n.text, "created_at": n.created_at} for n in notes],
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
    return path
