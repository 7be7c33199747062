"""Find the scenario a log was played with, as the format's section 4 prescribes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game import paths


class ScenarioNotFound(Exception):
    """No scenario file fits the log; the message names the one needed."""


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _scenario_id(path: Path) -> str | None:
    """The `id:` of a scenario file, read cheaply from its top-level lines."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("id:"):
                    return line[3:].split("#")[0].strip().strip("'\"")
    except OSError:
        return None
    return None


def find_scenario(header: dict[str, Any], folders: Iterable[Path] = ()) -> tuple[Path, bool]:
    """The scenario file for a log header and whether its bytes are the logged ones.

    Order: the logged path with the logged sha256; a file with the logged id and
    sha256 in `folders` (then the shipped library); the logged path even though it
    changed; a file with the logged id. Otherwise ScenarioNotFound.
    """
    wanted_sha = header.get("scenario_sha256")
    wanted_id = header.get("scenario_id")
    logged = Path(str(header.get("scenario_path") or ""))
    if header.get("scenario_path") and logged.is_file() and _sha256(logged) == wanted_sha:
        return logged, True
    candidates = [
        path
        for folder in [*folders, paths.scenarios_dir()]
        if folder.is_dir()
        for path in paths.scenario_files(folder)
        if _scenario_id(path) == wanted_id
    ]
    for path in candidates:
        if _sha256(path) == wanted_sha:
            return path, True
    if header.get("scenario_path") and logged.is_file():
        return logged, False
    if candidates:
        return candidates[0], False
    raise ScenarioNotFound(
        f"this log needs scenario '{wanted_id}' (sha256 {str(wanted_sha)[:12]}…); "
        "pass --scenario PATH or --scenarios DIR"
    )
