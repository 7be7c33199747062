"""Find the scenario a log was played with, as the format's section 4 prescribes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from game import paths
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


def scenario_path_for_log(
    log: Any, folders: Iterable[Path] = (), named: str | Path | None = None, logged_first: bool = False
) -> Path:
    """The scenario file to replay or resume a log with: the one `named`, else the one the log finds.

    `logged_first` takes the file at the log's `scenario_path` even when it has changed (replay --check
    judges that file); otherwise a file with the logged hash is preferred, as section 4 says.
    Raises ScenarioNotFound.
    """
    if named is not None:
        return Path(named)
    logged = Path(str(log.header.get("scenario_path") or ""))
    if logged_first and log.header.get("scenario_path") and logged.is_file():
        return logged
    return find_scenario(log.header, folders)[0]


def pair_with_scenarios(
    logs: Iterable[Any],
    folders: Iterable[Path] = (),
    explicit: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[tuple[Any, Any]]:
    """(scenario, log) for every log whose scenario can be found and loaded; the rest are warned about.

    Each scenario file is loaded once, however many logs use it.
    """
    from game.scenario.diagnostics import ScenarioError
    from game.scenario.loader import load_file

    folders = list(folders)
    loaded: dict[Path, Any] = {}
    pairs = []
    for log in logs:
        try:
            path = explicit if explicit is not None else find_scenario(log.header, folders)[0]
            key = path.resolve()
            if key not in loaded:
                loaded[key] = load_file(path)
            pairs.append((loaded[key], log))
        except ScenarioNotFound as exc:
            if warn:
                warn(f"{log.path}: {exc} (skipped)")
        except (ScenarioError, OSError) as exc:
            if warn:
                warn(f"{log.path}: its scenario does not load: {exc} (skipped)")
    return pairs
