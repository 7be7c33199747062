"""Find the scenario a log was played with, as the format's sections 4 and 6 prescribe."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game import paths
from game.record import played
from game.scenario.source import read_source


class ScenarioNotFound(Exception):
    """No scenario file fits the log; the message names the one needed."""


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_source(path)).hexdigest()  # a file over the size limit never loads anyway
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


def find_scenario(
    header: dict[str, Any], folders: Iterable[Path] = (), log_path: Path | None = None
) -> tuple[Path, bool]:
    """The scenario file for a log header and whether its bytes are the logged ones.

    A file with the logged sha256, in section 6's order: `played/` beside the log or in its
    parent folder, the data folder's `played/`, the logged path, then a file with the logged id in
    `folders` and the shipped library. Failing those, a file that has changed since: the logged
    path, then one with the logged id. Otherwise ScenarioNotFound.
    """
    wanted_sha = header.get("scenario_sha256")
    wanted_id = header.get("scenario_id")
    for kept in played.candidates(log_path, wanted_sha):
        if kept.is_file() and _sha256(kept) == wanted_sha:
            return kept, True
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
    raise ScenarioNotFound(needed(header))


def needed(header: dict[str, Any], option: str = "--scenarios DIR") -> str:
    """What a log needs, for a message: its scenario's id and hash, and where to put that file."""
    wanted_sha = str(header.get("scenario_sha256"))
    return (
        f"this log needs scenario '{header.get('scenario_id')}' (sha256 {wanted_sha[:12]}…); "
        f"copy the played/ folder it was saved with beside the log, or pass {option}"
    )


def changed_warning(header: dict[str, Any], found: Path) -> str | None:
    """A warning when the file at the log's `scenario_path` is not the one played (and another was found)."""
    logged = header.get("scenario_path")
    if not logged or Path(str(logged)) == found:
        return None
    path = Path(str(logged))
    sha = _sha256(path) if path.is_file() else None
    if sha == header.get("scenario_sha256"):
        return None
    what = "has changed since" if sha is not None else "is gone since"
    return f"the scenario file {logged} {what} this session was played; using {found}, the version played"


def scenario_path_for_log(log: Any, folders: Iterable[Path] = (), named: str | Path | None = None) -> Path:
    """The scenario file to replay or resume a log with: the one `named`, else the one the log finds.

    Raises ScenarioNotFound.
    """
    if named is not None:
        return Path(named)
    return find_scenario(log.header, folders, log.path)[0]
